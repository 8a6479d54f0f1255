"""Reading and validating glossary folders: every broken file gets its own exact message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nkterms import GlossaryError, load, validate
from nkterms.errors import Problem

BAD = sorted((Path(__file__).parent / "data" / "bad").glob("*.yaml"))


def _expected(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert first.startswith("# expect: "), f"{path.name} lacks its '# expect:' line"
    return first[len("# expect: ") :]


def _shown(problem: Problem, root: Path) -> str:
    return str(problem).replace(str(root / "concepts") + "/", "").replace(str(root) + "/", "")


@pytest.mark.parametrize("bad", BAD, ids=[p.stem for p in BAD])
def test_each_broken_file_is_reported_with_position_and_fix(bad, good_glossary):
    if bad.name.startswith("sources-"):
        shutil.copy(bad, good_glossary / "sources.yaml")
    else:
        shutil.copy(bad, good_glossary / "concepts" / bad.name)
    problems = [_shown(p, good_glossary) for p in validate(good_glossary) if p.severity == "error"]
    expected = _expected(bad)
    assert any(p.startswith(expected) for p in problems), f"expected {expected!r}, got {problems!r}"


def test_good_glossary_loads_into_the_model(good_glossary):
    glossary = load(good_glossary)
    term = glossary.term("bukhyangmin")
    assert (term.form, term.hanja, term.concept) == ("북향민", "北鄕民", "test-defector")
    assert term.romanization.press == ("Bukhyang-min",)
    assert term.homophones[0].hanja == "北向民" and not term.homophones[0].verified
    assert glossary.concept("test-defector").definition_sources == ("test-fixture",)
    assert [p for p in validate(good_glossary) if p.severity == "error"] == []


def test_unreviewed_readings_warn_until_a_curator_lists_them(good_glossary):
    warnings = [p for p in validate(good_glossary) if p.severity == "warning"]
    assert len(warnings) == 1 and warnings[0].field == "bukhanitaljumin"
    assert "can also be read 北漢離脫住民" in warnings[0].message
    listed = warnings[0].fix.split("reviewed_readings: ")[1]
    concept = good_glossary / "concepts" / "defector.yaml"
    text = concept.read_text(encoding="utf-8").replace(
        "    hanja: 北韓 離脫 住民\n",
        f"    hanja: 北韓 離脫 住民\n    reviewed_readings: {listed}\n",
    )
    concept.write_text(text, encoding="utf-8")
    assert validate(good_glossary) == []


def test_load_raises_with_every_error(good_glossary):
    for name in ("unknown-source.yaml", "hanja-mismatch.yaml"):
        shutil.copy(Path(__file__).parent / "data" / "bad" / name, good_glossary / "concepts")
    with pytest.raises(GlossaryError) as caught:
        load(good_glossary)
    messages = [p.message for p in caught.value.problems]
    assert any("unknown source 'nowhere-2025'" in m for m in messages)
    assert any("'北韓民' reads" in m for m in messages)


def test_several_concepts_may_share_a_file(good_glossary):
    (good_glossary / "concepts" / "two.yaml").write_text(
        "id: one\ncategory: other\nterms: [{id: t-one, lang: en, form: uno}]\n---\n"
        "id: two\ncategory: other\nterms: [{id: t-two, lang: en, form: dos}]\n",
        encoding="utf-8",
    )
    glossary = load(good_glossary)
    assert glossary.concept("two").line == 5
    assert glossary.term("t-two").line == 7


def test_shipped_glossary_validates_without_errors(shipped):
    problems = validate(shipped)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert len(load(shipped).terms()) >= 20


def test_missing_folder_is_a_usage_error(tmp_path):
    from nkterms import UsageError

    with pytest.raises(UsageError, match="glossary folder not found"):
        load(tmp_path / "nope")
