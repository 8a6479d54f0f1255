"""Reading and validating glossary folders: every broken file gets its own exact message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nkterms import GlossaryError, load, validate
from nkterms.cli import main
from nkterms.errors import Problem
from nkterms.yamlpos import MAX_DEPTH, read_documents

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


@pytest.mark.parametrize(
    "text",
    ["terms: " + "[" * 100_000 + "]" * 100_000, "- " * 100_000 + "x", "a: " + "{a: " * 50_000],
    ids=["flow-lists", "block-lists", "flow-mappings"],
)
def test_deep_nesting_is_refused_before_it_is_built(text):
    # 100,000 levels crashed libyaml's composer (a C stack overflow); the reader stops at the limit.
    documents, problems = read_documents(text, "deep.yaml")
    assert documents == []
    assert [p.message for p in problems] == [
        f"nesting too deep (more than {MAX_DEPTH} levels of mappings and lists)"
    ]


@pytest.mark.parametrize("command", ["validate", "lookup"])
@pytest.mark.parametrize("bad", ["yaml-alias-bomb.yaml", "nesting-too-deep.yaml"])
def test_cli_refuses_an_alias_bomb_and_deep_nesting_with_exit_2(
    bad, command, good_glossary, capsys
):
    shutil.copy(Path(__file__).parent / "data" / "bad" / bad, good_glossary / "concepts")
    args = ["--glossary", str(good_glossary), command] + (["bomb"] if command == "lookup" else [])
    assert main(args) == 2
    assert f"{good_glossary}/concepts/{bad}:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("since", "until"),
    [("2012", "2012-05"), ("2012-05", "2012"), ("2012-05-10", "2012-05"), ("2012-05", "2012-05-31")]
    + [("2011-12-31", "2012"), ("2024-02-29", "2024-02-29")],
)
def test_partial_dates_that_overlap_are_in_order(since, until, good_glossary):
    concept = good_glossary / "concepts" / "defector.yaml"
    text = concept.read_text(encoding="utf-8")
    assert "        since: 2025-12\n" in text
    concept.write_text(
        text.replace(
            "        since: 2025-12\n", f"        since: {since}\n        until: {until}\n"
        ),
        encoding="utf-8",
    )
    assert [str(p) for p in validate(good_glossary) if p.severity == "error"] == []


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        ("2013", "2012-05", "since 2013 is after until 2012-05"),
        ("2012-06", "2012-05-31", "since 2012-06 is after until 2012-05-31"),
        ("2023-02-29", "null", "'2023-02-29' is not a real date: February 2023 has 28 days"),
        ("2012", "2012-00", "'2012-00' is not a real date: there is no month 00"),
        ("0000", "null", "'0000' is not a real date: there is no year 0000"),
        ("'٢٠١٢'", "null", "'٢٠١٢' is not a real date: it is not written YYYY, YYYY-MM or"),
    ],
    ids=["year-after-month", "month-after-day", "not-a-leap-year", "month-00", "year-0", "digits"],
)
def test_dates_out_of_order_or_impossible_are_errors(since, until, message, good_glossary):
    concept = good_glossary / "concepts" / "defector.yaml"
    text = concept.read_text(encoding="utf-8")
    concept.write_text(
        text.replace(
            "        since: 2025-12\n", f"        since: {since}\n        until: {until}\n"
        ),
        encoding="utf-8",
    )
    errors = [p for p in validate(good_glossary) if p.severity == "error"]
    assert len(errors) == 1 and errors[0].message.startswith(message), errors
    assert errors[0].path.endswith("defector.yaml") and errors[0].line > 1


def _glossary_error(good_glossary, capsys) -> str:
    """Run `validate` and `lookup` on the glossary; both exit 2; return what validate said."""
    assert main(["--glossary", str(good_glossary), "lookup", "bukhyangmin"]) == 2
    capsys.readouterr()
    assert main(["--glossary", str(good_glossary), "validate"]) == 2
    return capsys.readouterr().err


def test_a_symbolic_link_loop_is_a_glossary_error(good_glossary, capsys):
    concepts = good_glossary / "concepts"
    (concepts / "loop.yaml").symlink_to("loop.yaml")
    (concepts / "sub").mkdir()
    (concepts / "sub" / "up").symlink_to("..", target_is_directory=True)
    err = _glossary_error(good_glossary, capsys)
    assert f"{concepts}/loop.yaml: symbolic link loop: point the link at" in err
    assert (
        f"{concepts}/sub/up: symbolic link loop: leads back to {concepts}: remove the link" in err
    )


def test_a_linked_folder_is_read_once(good_glossary, tmp_path, capsys):
    concepts, outside = good_glossary / "concepts", tmp_path / "outside"
    outside.mkdir()
    (outside / "two.yaml").write_text(
        "id: two\ncategory: other\nterms: [{id: t-two, lang: en, form: dos}]\n", encoding="utf-8"
    )
    (concepts / "external").symlink_to(outside, target_is_directory=True)
    assert load(good_glossary).term("t-two").path == f"{concepts}/external/two.yaml"
    (concepts / "again").symlink_to(outside, target_is_directory=True)
    err = _glossary_error(good_glossary, capsys)
    assert f"{concepts}/external: links to {concepts}/again, read already: remove the link" in err
    assert "duplicate" not in err


def test_a_broken_link_is_a_glossary_error(good_glossary, capsys):
    (good_glossary / "concepts" / "gone.yaml").symlink_to("nowhere.yaml")
    err = _glossary_error(good_glossary, capsys)
    assert f"{good_glossary}/concepts/gone.yaml: broken symbolic link" in err


@pytest.mark.parametrize("state", ["missing", "empty"])
def test_a_glossary_without_concept_files_is_an_error(state, good_glossary, capsys):
    shutil.rmtree(good_glossary / "concepts")
    if state == "empty":
        (good_glossary / "concepts").mkdir()
    err = _glossary_error(good_glossary, capsys)
    expected = "concepts folder not found" if state == "missing" else "no concept files (*.yaml)"
    assert f"{good_glossary}/concepts: {expected}" in err
