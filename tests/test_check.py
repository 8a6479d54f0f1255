"""nkterms check: Korean particles, compounds, context rules, mentions, formats, exit codes."""

from __future__ import annotations

import json
import unicodedata

import pytest

from nkterms import load
from nkterms.check.engine import DocumentCheck, Patterns, check_text
from nkterms.check.rules import index_rules
from nkterms.cli import main
from nkterms.index import open_index


@pytest.fixture(scope="module")
def patterns(tmp_path_factory, shipped):
    import os

    os.environ["NKTERMS_CACHE_DIR"] = str(tmp_path_factory.mktemp("check-cache"))
    return Patterns(index_rules(open_index(shipped)))


def terms_found(text, patterns, **kw):
    return [(f.term, f.confidence, f.mention) for f in check_text(text, patterns, **kw)]


# Each rule kind, with text it must match and text it must not (prh-style specs).
RULE_KINDS = {
    "korean-particles": {
        "term": "talbukja",
        "match": ["탈북자들에게서는 연락이 없었다", "그는 탈북자다", "탈북자, 그리고"],
        "no_match": ["탈북자녀 교육", "북한 탈북 자료"],
    },
    "korean-stacked-particles": {
        "term": "bukhanitaljumin",
        "match": ["북한이탈주민으로서의 삶", "북한이탈주민들에게만"],
        "no_match": ["북한 이탈 사례"],
    },
    "leftmost-longest": {
        "term": "bukhanitaljumin",
        "match": ["북한이탈주민은"],
        "no_match": ["북한은"],
    },
    "hanja-form": {
        "term": "talbukja",
        "match": ["脫北者 문제", "脱北者 문제"],
        "no_match": ["北者"],
    },
    "chinese-japanese-rendering": {  # no spaces between words, so no word boundary
        "term": "ja-fuho-nyukokusha",
        "match": ["彼は不法入国者だった", "不法入国者の問題"],
        "no_match": ["不法入国の問題"],
    },
    "chinese-rendering": {
        "term": "zh-hans-pantaozhe",
        "match": ["他们是叛逃者。"],
        "no_match": ["叛逃的人"],
    },
    "latin-plural-possessive": {
        "term": "en-north-korean-refugee",
        "match": ["North Korean refugees arrived.", "the North Korean refugee's story"],
        "no_match": ["North Korean refugeehood"],
    },
    "romanized": {
        "term": "talbungmin",
        "match": ["talbukmin groups said"],
        "no_match": ["talbukminx"],
    },
    "context-near": {
        "term": "en-defector",
        "match": ["A defector from North Korea spoke."],
        "no_match": ["A Soviet defector spoke."],
    },
}


@pytest.mark.parametrize("kind", sorted(RULE_KINDS))
def test_rule_kind_examples(kind, patterns):
    spec = RULE_KINDS[kind]
    assert spec["match"] and spec["no_match"], f"{kind} needs examples that must and must not match"
    for text in spec["match"]:
        assert spec["term"] in [t for t, *_ in terms_found(text, patterns)], text
    for text in spec["no_match"]:
        assert spec["term"] not in [t for t, *_ in terms_found(text, patterns)], text


def test_variant_hanja_forms_are_found(patterns):
    # 脱北者 (Japanese/simplified 脱) is the Korean 脫北者, or the ja / zh term with that form
    found = {t for t, *_ in terms_found("脱北者 문제", patterns)}
    assert found & {"talbukja", "ja-dappokusha", "zh-hans-tuobeizhe"}, found


def test_every_glossary_context_rule_has_examples_and_they_hold(patterns):
    with_context = [t for t in load().terms() if t.context]
    assert with_context
    for term in with_context:
        examples = term.context.get("examples")
        assert examples and examples["match"] and examples["no_match"], (
            f"{term.id} has a context rule without examples"
        )
        for text in examples["match"]:
            assert term.id in [t for t, *_ in terms_found(text, patterns)], (term.id, text)
        for text in examples["no_match"]:
            assert term.id not in [t for t, *_ in terms_found(text, patterns)], (term.id, text)


def test_compounds_and_prefixes_are_low_confidence(patterns):
    assert ("talbukja", "low", False) in terms_found("재탈북자 문제", patterns)
    assert ("talbungmin", "low", False) in terms_found("탈북민가족 모임", patterns)


def test_quoted_words_are_mentions_at_lower_severity(patterns):
    found = check_text('"탈북자"라는 말을 쓰지 않는다', patterns)
    assert found[0].mention and found[0].severity == "info"
    assert check_text("「북향민」이라는 이름", patterns)[0].mention
    assert check_text('the term "defector" in North Korea coverage', patterns)[0].mention


def test_every_occurrence_is_its_own_finding_unless_first_only(patterns):
    text = "새터민은 왔다.\n새터민은 갔다.\n"
    assert [(f.line, f.col) for f in check_text(text, patterns)] == [(1, 1), (2, 1)]
    assert len(check_text(text, patterns, first_only=True)) == 1


def test_positions_refer_to_the_original_text(patterns):
    nfd = unicodedata.normalize("NFD", "가나 탈북자")
    found = check_text("첫 줄\n" + nfd + "들", patterns)
    assert (found[0].line, found[0].col) == (2, 1 + len(unicodedata.normalize("NFD", "가나 ")))
    zero_width = check_text("xx 탈\u200b북자", patterns)
    assert (zero_width[0].term, zero_width[0].col) == ("talbukja", 4)


def test_markdown_skips_code_urls_and_front_matter(patterns):
    text = (
        "---\ntitle: 탈북자\n---\n```\n탈북자\n```\n`탈북자` https://x.org/탈북자\n본문의 탈북자\n"
    )
    found = check_text(text, patterns, kind="md")
    assert [(f.line, f.col) for f in found] == [(8, 5)]


def test_html_skips_tags_scripts_and_reports_source_positions(patterns):
    text = '<p title="탈북자">글</p>\n<script>var a="탈북자"</script>\n<p>본문 <b>탈북자</b></p>\n'
    found = check_text(text, patterns, kind="html")
    assert [(f.line, f.col) for f in found] == [(3, 10)]


def test_suppression_comments(patterns):
    text = (
        "탈북자 1\n<!-- nkterms-disable talbukja -->\n탈북자 2 새터민\n<!-- nkterms-enable -->\n"
        "<!-- nkterms-disable-next-line -->\n탈북자 3\n탈북자 4\n"
    )
    found = check_text(text, patterns, kind="md")
    assert [(f.term, f.line) for f in found] == [("talbukja", 1), ("saeteomin", 3), ("talbukja", 7)]


def test_house_style_romanization_is_noted(patterns):
    found = check_text("talbukmin and defectors in North Korea", patterns, house_romanization="rr")
    assert any("house style (RR) writes 'talbungmin'" in f.message for f in found)


def run_cli(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_text_format_and_exit_codes(tmp_path, capsys):
    clean = tmp_path / "clean.txt"
    clean.write_text("오늘은 날씨가 좋다.\n", encoding="utf-8")
    assert run_cli(["check", str(clean)], capsys)[0] == 0
    draft = tmp_path / "draft.txt"
    draft.write_text("그는 새터민들에게서 들었다.\n", encoding="utf-8")
    code, out, _ = run_cli(["check", str(draft)], capsys)
    assert code == 1
    assert out.startswith(f"{draft}:1:4: warning [saeteomin] 새터민: deprecated by ")
    assert "(suggest: 북한이탈주민" in out
    assert run_cli(["check", str(draft), "--fail-on", "error"], capsys)[0] == 0
    assert run_cli(["check", str(draft), "--exit-zero"], capsys)[0] == 0
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    assert run_cli(["check", str(empty)], capsys)[0] == 0


def test_json_and_sarif_and_github_formats(tmp_path, capsys):
    draft = tmp_path / "draft.md"
    draft.write_text("# 새터민\n", encoding="utf-8")
    code, out, _ = run_cli(["check", str(draft), "--format", "json"], capsys)
    doc = json.loads(out)
    assert code == 1 and doc["version"] == 1 and doc["files"] == 1 and doc["errors"] == []
    finding = doc["findings"][0]
    assert {k: finding[k] for k in ("path", "line", "col", "severity", "term")} == {
        "path": str(draft),
        "line": 1,
        "col": 3,
        "severity": "warning",
        "term": "saeteomin",
    }
    assert finding["sources"] and finding["suggestion"]
    _, out, _ = run_cli(["check", str(draft), "--format", "sarif"], capsys)
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "saeteomin" and result["level"] == "warning"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 3,
        "endColumn": 6,
    }
    assert sarif["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "saeteomin"
    _, out, _ = run_cli(["check", str(draft), "--format", "github"], capsys)
    assert out.startswith(f"::warning file={draft},line=1,col=3,title=nkterms [saeteomin]::")


def test_bad_inputs_are_named_and_other_files_still_checked(tmp_path, capsys):
    good = tmp_path / "a.txt"
    good.write_text("탈북자\n", encoding="utf-8")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02")
    broken = tmp_path / "c.txt"
    broken.write_bytes("탈북자\n".encode() + "탈북".encode() + b"\xff\xfe\n")
    code, out, err = run_cli(
        ["check", str(good), str(binary), str(broken), str(tmp_path / "missing.txt")], capsys
    )
    assert code == 2
    assert (
        f"{binary}: binary file" in err
        and f"{broken}:2:3: not valid UTF-8 (byte 0xff): save the file as UTF-8" in err
        and "missing.txt: file not found" in err
    )
    assert f"{good}:1:1:" in out


def test_suppression_holds_across_blocks(patterns):
    text = (
        "새터민 1\n<!-- nkterms-disable -->\n"
        + "새터민 off\n" * 50
        + "<!-- nkterms-enable -->\n새터민 on\n"
        + "x\n" * 3
        + "<!-- nkterms-disable-next-line -->\n새터민 off\n새터민 on\n"
    )
    blocks = [line.encode() + b"\n" for line in text.split("\n")[:-1]]  # a block a line
    for compiled in (True, False):
        checker = DocumentCheck(patterns, "long.md", "md", compiled=compiled)
        found = [f for block in blocks for f in checker.feed(block)]
        assert [f.line for f in found] == [1, 54, 60], compiled


def test_jobs_must_be_a_positive_number(tmp_path, capsys):
    draft = tmp_path / "d.txt"
    draft.write_text("탈북자\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["check", str(draft), "--jobs", "0"])
    assert exit_.value.code == 2 and "--jobs" in capsys.readouterr().err
    assert run_cli(["check", str(draft), "-j", "2"], capsys)[1].startswith(f"{draft}:1:1: ")


def test_folders_recurse_over_articles(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("탈북자\n", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>새터민</p>\n", encoding="utf-8")
    (tmp_path / "c.py").write_text("탈북자\n", encoding="utf-8")
    _, out, _ = run_cli(["check", str(tmp_path)], capsys)
    assert "a.md:1:1" in out and "b.html:1:4" in out and "c.py" not in out


def test_house_config_prefers_and_ignores(tmp_path, capsys, monkeypatch):
    (tmp_path / "nkterms.toml").write_text(
        'ignore = ["talbukja"]\n[prefer]\nnorth-korean-defector = "bukhanitaljumin"\n',
        encoding="utf-8",
    )
    (tmp_path / "d.txt").write_text("탈북자 북한이탈주민 북향민\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli(["check", "d.txt"], capsys)
    assert "[talbukja]" not in out
    assert "warning [bukhyangmin]" in out and "the house style writes 북한이탈주민" in out
    assert "[bukhanitaljumin]" not in out  # the house style's own designation passes clean
    assert "(suggest: 북한이탈주민 (house style))" in out


def test_blocks_give_the_same_findings_as_one_pass(tmp_path, patterns, monkeypatch):
    from nkterms.check import files

    text = "".join(f"줄 {i} 탈북자들은 새터민이라는 말을 싫어한다.\n" for i in range(300))
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(files, "BLOCK", 1000)
    checker = DocumentCheck(patterns, str(path))
    streamed = [f for block in files.blocks(str(path)) for f in checker.feed(block)]
    whole = check_text(text, patterns, path=str(path))
    assert [(f.line, f.col, f.term) for f in streamed] == [(f.line, f.col, f.term) for f in whole]
    assert streamed[-1].line == 300


def test_stored_default_rules_equal_rules_computed_now(tmp_path_factory, shipped):
    import marshal
    import os

    from nkterms.check.rules import rules

    os.environ["NKTERMS_CACHE_DIR"] = str(tmp_path_factory.mktemp("rules-cache"))
    index = open_index(shipped)
    records = marshal.loads(
        index.db.execute("SELECT v FROM blobs WHERE k = 'rule_records'").fetchone()[0]
    )
    assert index_rules(index) == rules(records)
    assert index_rules(index, ignore={"talbukja"}) == [
        r for r in rules(records) if r.term != "talbukja"
    ]
