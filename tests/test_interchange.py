"""The interchange exports, read back by independent readers (translate-toolkit, lxml, csv, json)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest
from lxml import etree
from translate.storage import csvl10n, tbx

from nkterms import load
from nkterms.interchange.csvfile import to_csv
from nkterms.interchange.jsonfile import to_json
from nkterms.interchange.tbx import clean, tbx_2008, tbx_v3

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def glossary():
    return load()


def _forms(glossary, lang: str) -> Counter:
    return Counter(t.form for t in glossary.terms() if t.lang == lang)


def _text(data: bytes) -> str:
    """All text content of an XML document, entities resolved."""
    return "\n".join(etree.fromstring(data).itertext())


def test_tbx_2008_read_by_translate_toolkit(glossary):
    store = tbx.tbxfile.parsestring(tbx_2008(glossary), sourcelanguage="ko", targetlanguage="en")
    assert [u.getid() for u in store.units] == [c.id for c in glossary.concepts]
    korean = Counter(t.text for u in store.units for t in u.get_source_terms())
    english = Counter(t.text for u in store.units for t in u.get_target_terms())
    assert korean == _forms(glossary, "ko")
    assert english == _forms(glossary, "en")
    status = {
        t.text: t.administrative_status
        for u in store.units
        for t in u.get_source_terms()
        if u.getid() == "north-korean-defector"
    }
    assert status["북향민"] == "preferredTerm-admn-sts"


def test_tbx_2008_follows_weblate_conventions(glossary):
    root = etree.fromstring(tbx_2008(glossary))
    assert root.tag == "martif" and root.get("type") == "TBX" and root.get(XML_LANG) == "en"
    assert root.find("martifHeader/fileDesc/sourceDesc/p").text.startswith("nkterms glossary")
    usage = [d.text for d in root.iter("descrip") if d.get("type") == "Usage note"]
    assert len(usage) == sum(1 for t in glossary.terms() if t.usage)
    assert not [d for d in root.iter("descrip") if d.get("type") == "Translation needed"]
    definitions = root.findall("text/body/termEntry/descripGrp/descrip[@type='definition']")
    assert len(definitions) == sum(1 for c in glossary.concepts if c.definition)


def test_tbx_v3_read_by_lxml(glossary):
    root = etree.fromstring(tbx_v3(glossary))
    assert root.tag == f"{{{NS}}}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "en")
    ns = {"t": NS}
    entries = root.findall("t:text/t:body/t:conceptEntry", ns)
    assert [e.get("id") for e in entries] == [c.id for c in glossary.concepts]
    for entry, concept in zip(entries, glossary.concepts, strict=True):
        found = Counter(
            (sec.get(XML_LANG), term.text)
            for sec in entry.findall("t:langSec", ns)
            for term in sec.findall("t:termSec/t:term", ns)
        )
        assert found == Counter((t.lang, t.form) for t in concept.terms)
        subject = entry.find("t:descrip[@type='subjectField']", ns)
        assert subject.text == concept.category
    bukhyangmin = glossary.term("bukhyangmin")
    term_sec = next(
        sec
        for sec in root.iter(f"{{{NS}}}termSec")
        if sec.findtext("t:term", namespaces=ns) == bukhyangmin.form
    )
    status = term_sec.find("t:termNote[@type='administrativeStatus']", ns)
    assert status.text == "preferredTerm-admn-sts"


def test_tbx_v3_uses_tbx_basic_values_only(glossary):
    """The picklists of the TBX-Basic schematron (LTAC-Global/TBX-Basic_dialect, DCA)."""
    allowed = {
        "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
        "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
        "administrativeStatus": {
            "admittedTerm-admn-sts",
            "deprecatedTerm-admn-sts",
            "supersededTerm-admn-sts",
            "preferredTerm-admn-sts",
        },
    }
    root = etree.fromstring(tbx_v3(glossary))
    notes = list(root.iter(f"{{{NS}}}termNote"))
    assert notes
    for note in notes:
        assert note.getparent().tag == f"{{{NS}}}termSec"
        assert note.text in allowed[note.get("type")], (note.get("type"), note.text)


def test_tbx_exports_are_deterministic(glossary):
    again = load()
    assert tbx_v3(glossary) == tbx_v3(again)
    assert tbx_2008(glossary) == tbx_2008(again)
    data = tbx_v3(glossary)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    assert b"\n  <tbxHeader>" in data  # pretty-printed


@pytest.mark.parametrize("export", [tbx_v3, tbx_2008])
def test_tbx_keeps_what_tbx_basic_cannot_hold(glossary, export):
    text = clean(_text(export(glossary)))
    checked = 0
    for term in glossary.terms():
        items = [s.note for s in term.status if s.note]
        items += [h.note for h in term.homophones if h.note]
        items += [h.hanja for h in term.homophones if h.hanja]
        items += list(term.reviewed_readings) + [r.text for r in term.renderings]
        items += [term.usage, term.hanja, term.romanization.mr, term.romanization.yale]
        if term.connotation is not None:
            items.append(term.connotation.note)
        for item in filter(None, items):
            assert clean(item) in text, (term.id, item)
            checked += 1
    assert checked > 100
    assert "北向民" in text  # the curated misreading of 북향민


def test_csv_read_by_translate_toolkit(glossary):
    store = csvl10n.csvfile.parsestring(to_csv(glossary).encode("utf-8"))
    korean = [t for t in glossary.terms() if t.lang == "ko"]
    units = {u.getcontext(): u for u in store.units}
    assert len(store.units) == len(korean) == len(units)
    for term in korean:
        unit = units[term.id]
        assert unit.source == term.form
        rendering = next((r.text for r in term.renderings if r.lang == "en"), "")
        assert unit.target == clean(rendering)
        assert unit.getlocations() == [f"glossary/{_relative(term)}:{term.line}"]
        assert not unit.isfuzzy()
    assert units["bukhyangmin"].target == "North Korean-born citizens"
    assert "北鄕民" in units["bukhyangmin"].getnotes()


def _relative(term) -> str:
    return term.path.replace("\\", "/").rsplit("/glossary/", 1)[1]


def test_csv_read_by_csv_module(glossary):
    text = to_csv(glossary)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "location",
        "source",
        "target",
        "id",
        "fuzzy",
        "context",
        "translator_comments",
        "developer_comments",
    ]
    records = {row[5]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert len(records) == len(rows) - 1 == sum(1 for t in glossary.terms() if t.lang == "ko")
    comments = records["bukhyangmin"]["developer_comments"].split(" | ")
    assert comments[0] == "Hanja: 北鄕民"
    assert any(c.startswith("Status: recommended") and "since 2026" in c for c in comments)
    assert any(c.startswith("Connotation: contested") for c in comments)
    assert any(c.startswith("Misreading risk: 북향민 can be read as 北向民") for c in comments)
    assert records["talbukja"]["source"] == "탈북자"
    assert text.endswith("\n") and "\r" not in text


def test_csv_other_target_language(glossary):
    store = csvl10n.csvfile.parsestring(to_csv(glossary, lang="ja").encode("utf-8"))
    units = {u.getcontext(): u for u in store.units}
    assert units["talbukja"].target == "脱北者"
    for term in glossary.terms():  # the target is the rendering in that language, or empty
        if term.lang == "ko":
            expected = next((r.text for r in term.renderings if r.lang == "ja"), "")
            assert units[term.id].target == expected, term.id
    assert any(u.target == "" for u in units.values())


def test_json_round_trips(glossary):
    text = to_json(glossary)
    assert text.endswith("}\n") and "북향민" in text  # ensure_ascii=False
    data = json.loads(text)
    ids = [t["id"] for c in data["concepts"] for t in c["terms"]]
    assert ids == [t.id for t in glossary.terms()]
    assert set(data["sources"]) == set(glossary.sources)
    term = next(t for c in data["concepts"] for t in c["terms"] if t["id"] == "bukhyangmin")
    assert term["homophones"][0]["hanja"] == "北向民"
    assert term["romanization"]["rr"] == "bukhyangmin"
    assert term["path"].startswith("glossary/concepts/")
    assert to_json(glossary) == to_json(load())


def test_export_command_writes_the_file_atomically(tmp_path, capsys):
    from nkterms.cli import main

    target = tmp_path / "out" / "glossary.tbx"
    target.parent.mkdir()
    assert main(["export", "--format", "tbx2008", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"<?xml")
    assert [p.name for p in target.parent.iterdir()] == ["glossary.tbx"], "no temporary file left"
    assert main(["export", "--format", "json"]) == 0
    assert '"bukhyangmin"' in capsys.readouterr().out
