"""One current status per term: lookup, catalogs, exports, the web pages and the checker agree.

`model.current_status` decides a term's current status once, when its `TermRecord` is
derived; every reader takes it from there. These tests read each application's own output
(with readers no one here wrote where there is one: babel for the catalog, lxml for TBX, the
csv module) and compare it with that one decision, over status histories on which a second,
slightly different derivation would disagree (the latest listed is not the latest dated, every
status ended, an open status older than an ended one, undated statuses, none at all).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from lxml import etree

from nkterms.build import records
from nkterms.catalogs import catalog
from nkterms.check.advice import current, holding
from nkterms.glossary import load
from nkterms.index import memory_index
from nkterms.interchange.csvfile import to_csv
from nkterms.interchange.tbx import tbx_2008, tbx_v3
from nkterms.model import STATUS_TBX, current_status

DATA = Path(__file__).parent / "data"

#: Status histories where derivations that look alike part ways; each term's comment says
#: which status is current and why.
HISTORIES = """\
id: test-status-histories
category: other
terms:
  # listed last is not latest: the open status with the latest date (common) is current
  - id: reordered
    lang: ko
    form: 순서바뀜
    status:
      - {value: common, by: press, since: 2020, verified: false}
      - {value: deprecated, by: a ministry, since: 2005, verified: false}
  # every status ended: the latest of them all (deprecated) is current
  - id: ended
    lang: ko
    form: 끝난말
    status:
      - {value: deprecated, by: a ministry, since: 2000, until: 2010, verified: false}
      - {value: common, by: press, since: 1990, until: 2000, verified: false}
  # an open status beats a later one that ended (deprecated, not recommended)
  - id: still-open
    lang: ko
    form: 아직말
    status:
      - {value: deprecated, by: a ministry, since: 2001, verified: false}
      - {value: recommended, by: a ministry, since: 2015, until: 2020, verified: false}
  # an undated open status counts as oldest (common, though deprecated is listed later)
  - id: undated
    lang: ko
    form: 날짜없음
    status:
      - {value: common, by: press, since: 2019, verified: false}
      - {value: deprecated, by: a ministry, verified: false}
  # one undated, deprecated status: the catalog marks it forbidden
  - id: undated-only
    lang: ko
    form: 옛말
    status:
      - {value: deprecated, by: a ministry, verified: false}
  # no status at all: none is current, and no reader makes one up
  - id: no-status
    lang: ko
    form: 상태없음
  - id: en-reordered
    lang: en
    form: reordered term
    status:
      - {value: preferred, by: a style guide, since: 2021, verified: false}
      - {value: deprecated, by: a style guide, since: 2010, until: 2021, verified: false}
"""


@pytest.fixture(params=["good", "advice", "histories"])
def glossary(request, tmp_path):
    """A fixture glossary: good, advice, or good with the status histories above."""
    if request.param != "histories":
        return load(DATA / request.param)
    root = tmp_path / "glossary"
    shutil.copytree(DATA / "good", root)
    (root / "concepts" / "histories.yaml").write_text(HISTORIES, encoding="utf-8")
    return load(root)


def _decided(glossary) -> dict:
    """Return each term's current status as `model.current_status` decides it, by term id."""
    return {t.id: current_status(t.status) for t in glossary.terms()}


def _tbx_statuses(data: bytes, entry: str) -> dict[str, str | None]:
    """Return each term's administrativeStatus in a TBX file, by the term id its notes give."""
    out = {}
    for group in etree.fromstring(data).iter(f"{{*}}{entry}"):
        notes = [n.text for n in group if etree.QName(n).localname == "note"]
        term_id = next(n for n in notes if n.startswith("nkterms term id: ")).split(": ")[1]
        status = [
            n.text
            for n in group
            if etree.QName(n).localname == "termNote" and n.get("type") == "administrativeStatus"
        ]
        out[term_id] = status[0] if status else None
    return out


def test_the_histories_fixture_parts_naive_derivations(tmp_path):
    root = tmp_path / "glossary"
    shutil.copytree(DATA / "good", root)
    (root / "concepts" / "histories.yaml").write_text(HISTORIES, encoding="utf-8")
    decided = {k: v.value if v else None for k, v in _decided(load(root)).items()}
    assert decided["reordered"] == "common"
    assert decided["ended"] == "deprecated"
    assert decided["still-open"] == "deprecated"
    assert decided["undated"] == "common"
    assert decided["no-status"] is None


def test_records_and_lookup_hold_the_one_current_status(glossary):
    decided = _decided(glossary)
    assert {r.id: r.current for r in records(glossary)} == decided
    index = memory_index(glossary)
    for n in range(index.size()):
        shown = index.record(n)
        expected = decided[shown["id"]]
        assert shown["current_status"] == (expected.value if expected else None)
        for sibling in shown["concept"]["terms"]:  # lookup lists the concept's other terms
            other = decided[sibling["id"]]
            assert (sibling["status"], sibling["status_by"]) == (
                (other.value, other.by) if other else (None, None)
            )


def test_the_checker_reads_the_same_current_status(glossary):
    decided = _decided(glossary)
    rule_records = memory_index(glossary).rule_records()
    assert len(rule_records) == len(decided)
    by_id = {r.id: r for r in records(glossary)}
    for data in rule_records:
        expected = decided[data["id"]]
        found = current(data)
        if expected is None:
            assert found is None
        else:
            assert found is not None
            assert (found["value"], found["by"], found["since"], found["until"]) == (
                expected.value,
                expected.by,
                expected.since,
                expected.until,
            )
        held = [(s["value"], s["since"]) for s in holding(data)]
        assert held == [(s.value, s.since) for s in by_id[data["id"]].holding]


def test_catalogs_flag_the_terms_whose_current_status_is_deprecated(glossary):
    decided = _decided(glossary)
    for lang in (None, "en"):
        out = io.BytesIO()
        write_po(out, catalog(glossary, lang), include_lineno=False)
        out.seek(0)
        read = read_po(out)
        entries = {m.context: m for m in read if m.id}
        assert set(entries) == {t.id for t in glossary.terms() if t.lang == "ko"}
        for term_id, message in entries.items():
            expected = decided[term_id]
            deprecated = bool(expected) and STATUS_TBX[expected.value] == "deprecatedTerm-admn-sts"
            assert ("forbidden" in message.flags) == deprecated, term_id


@pytest.mark.parametrize(("export", "entry"), [(tbx_v3, "termSec"), (tbx_2008, "tig")])
def test_tbx_exports_give_the_one_current_status(glossary, export, entry):
    decided = _decided(glossary)
    expected = {k: STATUS_TBX[v.value] if v else None for k, v in decided.items()}
    assert _tbx_statuses(export(glossary), entry) == expected


def test_the_csv_export_gives_the_one_current_status(glossary):
    decided = _decided(glossary)
    rows = list(csv.DictReader(io.StringIO(to_csv(glossary))))
    assert {row["context"] for row in rows} == {t.id for t in glossary.terms() if t.lang == "ko"}
    for row in rows:
        expected = decided[row["context"]]
        said = [p for p in row["developer_comments"].split(" | ") if p.startswith("Status: ")]
        if expected is None:
            assert said == []
            continue
        (text,) = said
        assert text.startswith(f"Status: {expected.value} ({STATUS_TBX[expected.value]})")
        assert (f"since {expected.since}" if expected.since else "start date unknown") in text


def test_the_browse_page_shows_the_one_current_status(glossary):
    from nkterms.serve.views import browse  # pure functions: no Flask needed

    decided = _decided(glossary)
    shown = {
        t["id"]: t["status"] for _c, items in browse(glossary) for i in items for t in i["terms"]
    }
    assert shown == {k: v.value if v else "" for k, v in decided.items()}


def test_the_checker_never_decides_a_current_status_of_its_own():
    # rule data with statuses but without its record's decision is refused, not re-derived
    with pytest.raises(KeyError):
        current({"id": "x", "status": [{"value": "common", "since": "2020", "until": None}]})
    assert current({"id": "x", "status": []}) is None
    assert holding({"id": "x"}) == []
