"""The library checker (nkterms.Checker, Report, Hit, nkterms.check) and the `check` options
that choose what it looks for (--lang, --kind, --config), on the small fixture glossary."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

import nkterms
from nkterms.check import checker as checker_module
from nkterms.cli import main
from nkterms.errors import GlossaryError, UsageError

TEXTS = [
    "정부는 탈북민 지원을 늘렸다. 새터민들은 반겼다.",
    '북향민이라는 말과 "새터민"이라는 말. North Korean defectors in Seoul.',
    "北鄕民 문제와 talbukmin, Bukhyang-min, 북한 이탈 주민들에게서는",
    "오늘은 날씨가 좋다.",
    "재북향민과 북향민가족 그리고 새터민\n둘째 줄의 탈북민\r\n셋째 줄 북\u1112\u1163\u11bc민",
]

PLACE = """\
id: test-place
category: place
definition:
  text: A place, named by one neutral Korean term.
  sources: [test-fixture]
terms:
  - id: jungguk
    lang: ko
    form: 중국
    hanja: 中國
    origin: sino
    romanization:
      rr: Jungguk
      mr: Chungguk
"""


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    import shutil

    from conftest import DATA

    root = tmp_path_factory.mktemp("checker") / "glossary"
    shutil.copytree(DATA / "good", root)
    (root / "concepts" / "place.yaml").write_text(PLACE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def checker(glossary):
    return nkterms.Checker(glossary, every=True)  # compiled into the session's cache


def shape(report):
    return [f.as_dict() for f in report.findings], report.errors


def test_a_report_holds_typed_findings_with_their_concept(checker):
    report = checker.check(TEXTS[0], path="a.txt")
    assert [(f.term, f.concept, f.line, f.col, f.text) for f in report.findings] == [
        ("saeteomin", "test-defector", 1, 18, "새터민들은"),
    ]
    assert "this text also uses 탈북민" in report.findings[0].message
    assert report.counts == {"info": 1, "warning": 0, "error": 0}
    assert not report.failed() and report.failed("info")
    document = report.as_dict()
    assert list(document) == ["path", "findings", "summary", "errors"]
    assert document["path"] == "a.txt" and document["findings"][0]["concept"] == "test-defector"
    assert document["summary"] == {"error": 0, "warning": 0, "info": 1}
    with pytest.raises(UsageError, match="fail_on 'fatal'"):
        report.failed("fatal")


def test_one_checker_from_four_threads_equals_serial_results(checker):
    work = [(text, kind) for text in TEXTS * 12 for kind in ("txt", "md", "html")]
    serial = [shape(checker.check(text, kind)) for text, kind in work]
    scans = [checker.scan(text, kind) for text, kind in work]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(lambda job: shape(checker.check(*job)), work))
        threaded_scans = list(pool.map(lambda job: checker.scan(*job), work))
    assert threaded == serial and threaded_scans == scans
    assert sum(len(findings) for findings, _ in serial) > 100  # it did find things


def test_repeats_are_folded_unless_every(glossary):
    text = "북향민 북향민 북향민"
    assert len(nkterms.Checker(glossary).check(text).findings) == 1
    assert len(nkterms.Checker(glossary, every=True).check(text).findings) == 3


def test_scan_gives_every_match_with_offsets_into_the_text(checker):
    text = TEXTS[4] + ' 그 "북향민"이라는 말'
    hits = checker.scan(text)
    assert all(text[h.start : h.end] == h.text for h in hits)
    assert [(h.term, h.line, h.col, h.text, h.mention, h.compound) for h in hits] == [
        ("bukhyangmin", 1, 2, "북향민과", False, True),
        ("bukhyangmin", 1, 7, "북향민가", False, True),  # 가 read as a particle
        ("saeteomin", 1, 17, "새터민", False, False),
        ("talbungmin", 2, 7, "탈북민", False, False),
        ("bukhyangmin", 3, 6, "북\u1112\u1163\u11bc민", False, False),
        ("bukhyangmin", 3, 15, "북향민", True, False),
    ]
    assert {h.concept for h in hits} == {"test-defector"} and {h.lang for h in hits} == {"ko"}


def test_scan_reads_past_suppression_comments_but_not_code(checker):
    text = "<!-- nkterms-disable -->\n새터민 `탈북민`\n"
    assert [h.term for h in checker.scan(text, "md")] == ["saeteomin"]
    assert checker.check(text, "md").findings == []


def test_every_term_tracks_terms_no_rule_needs(glossary):
    text = "중국과 北鄕民"
    assert [h.term for h in nkterms.Checker(glossary).scan(text)] == ["bukhyangmin"]
    counting = nkterms.Checker(glossary, every_term=True)
    assert [h.term for h in counting.scan(text)] == ["jungguk", "bukhyangmin"]
    assert [f.term for f in counting.check(text).findings] == ["bukhyangmin"]  # no severity


@pytest.mark.parametrize(
    ("lang", "terms"),
    [
        ("auto", ["bukhyangmin", "en-defector"]),
        ("ko", ["bukhyangmin"]),
        ("other", ["en-defector"]),
    ],
)
def test_lang_chooses_which_terms_are_looked_for(glossary, lang, terms):
    report = nkterms.Checker(glossary, lang=lang).check("북향민과 North Korean defectors")
    assert [f.term for f in report.findings] == terms


def test_a_house_style_as_a_dict_or_a_file(glossary, tmp_path):
    prefer = {"prefer": {"test-defector": "bukhanitaljumin"}}
    report = nkterms.Checker(glossary, prefer).check("탈북민")
    assert report.findings[0].severity == "warning" and report.failed()
    path = tmp_path / "house.toml"
    path.write_text('[prefer]\ntest-defector = "bukhanitaljumin"\n', encoding="utf-8")
    assert shape(nkterms.Checker(glossary, path).check("탈북민")) == shape(report)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"romanization": "klingon"}, "romanization 'klingon' is not a system"),
        ({"ignor": []}, "unknown setting 'ignor'"),
        ({"prefer": {"test-defectors": "saeteomin"}}, "no concept 'test-defectors'"),
        ("missing.toml", "missing.toml: configuration file not found"),
        (42, "config 42: give a file path, a dict or None"),
    ],
    ids=["bad-value", "unknown-setting", "unknown-concept", "missing-file", "not-a-config"],
)
def test_a_bad_house_style_is_refused(glossary, config, message):
    with pytest.raises(UsageError, match=message):
        nkterms.Checker(glossary, config)


def test_bad_arguments_are_usage_errors(checker, glossary):
    with pytest.raises(UsageError, match="lang 'fr'"):
        nkterms.Checker(glossary, lang="fr")
    with pytest.raises(UsageError, match="kind 'docx'"):
        checker.check("새터민", kind="docx")


def test_a_bad_glossary_raises_glossary_error(good_glossary):
    (good_glossary / "concepts" / "defector.yaml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(GlossaryError):
        nkterms.Checker(good_glossary)


def test_check_file_reads_the_kind_from_the_suffix_and_keeps_input_errors(checker, tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# 북향민\n\n`북향민` North Korean defector\n", encoding="utf-8")
    report = checker.check_file(str(article))
    assert [(f.path, f.line, f.term) for f in report.findings] == [
        (str(article), 1, "bukhyangmin"),
        (str(article), 3, "en-defector"),
    ]
    assert len(checker.check_file(str(article), kind="txt").findings) == 3
    broken = tmp_path / "b.txt"
    broken.write_bytes("북향민\n".encode() + b"\xff\n")
    report = checker.check_file(str(broken))
    assert report.errors == [f"{broken}:2:1: not valid UTF-8 (byte 0xff): save the file as UTF-8"]
    missing = checker.check_file(str(tmp_path / "none.txt"))
    assert missing.findings == [] and "file not found" in missing.errors[0]


def test_iter_file_streams_blocks_and_counts(checker, tmp_path, monkeypatch):
    from nkterms.check import files, onevoice

    monkeypatch.setattr(files, "BLOCK", 64)
    monkeypatch.setattr(onevoice, "ARTICLE_LIMIT", 100)  # past it, an input is streamed
    path = tmp_path / "long.txt"
    path.write_text("북향민 줄\n" * 40, encoding="utf-8")
    stream = checker.iter_file(str(path), jobs=2)
    parts = list(stream)
    assert len(parts) > 5 and sum(map(len, parts)) == 40 and stream.counts == (40, 0, 0)
    text_lines = b"".join(checker.iter_file(str(path), text_output=True))
    assert text_lines.startswith(f"{path}:1:1: info [bukhyangmin]".encode())


def test_the_shortcut_keeps_one_checker_per_glossary_config_and_lang(glossary, monkeypatch):
    built = []
    real = checker_module.Checker

    def counting(*args, **kwargs):
        built.append(args)
        return real(*args, **kwargs)

    nkterms.check.cache_clear()
    monkeypatch.setattr(checker_module, "Checker", counting)
    first = nkterms.check("북향민", glossary=glossary)
    again = nkterms.check("북향민", glossary=str(glossary))
    other = nkterms.check("북향민", glossary=glossary, config={"ignore": ["bukhyangmin"]})
    assert len(built) == 2
    assert shape(first) == shape(again) and first.findings[0].term == "bukhyangmin"
    assert other.findings == []
    nkterms.check.cache_clear()


# The command line's options that choose what is looked for and how input is read.


def run_check(args, glossary, capsys):
    code = main(["--glossary", str(glossary), "check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("lang", "terms"),
    [("auto", ["bukhyangmin", "en-defector"]), ("ko", ["bukhyangmin"]), ("en", ["en-defector"])],
)
def test_check_lang_option(glossary, tmp_path, capsys, lang, terms):
    draft = tmp_path / "d.txt"
    draft.write_text("북향민과 North Korean defectors\n", encoding="utf-8")
    _, out, _ = run_check([str(draft), "--lang", lang, "--format", "json"], glossary, capsys)
    assert [f["term"] for f in json.loads(out)["findings"]] == terms


@pytest.mark.parametrize(
    ("kind", "lines"),
    [(None, [1, 3]), ("md", [1, 3]), ("txt", [1, 2, 3]), ("html", [1, 2])],
    ids=["from-suffix", "md", "txt", "html"],
)
def test_check_kind_option(glossary, tmp_path, capsys, kind, lines):
    draft = tmp_path / "d.md"
    draft.write_text("북향민\n`북향민`\n<b title='북향민'>x</b>\n", encoding="utf-8")
    args = [str(draft), "--format", "json", "--every"] + (["--kind", kind] if kind else [])
    _, out, _ = run_check(args, glossary, capsys)
    assert [f["line"] for f in json.loads(out)["findings"]] == lines


def test_check_config_option(glossary, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "d.txt"
    draft.write_text("탈북민\n", encoding="utf-8")
    assert run_check([str(draft)], glossary, capsys)[0] == 0  # no house style here: info
    house = tmp_path / "house.toml"
    house.write_text('[prefer]\ntest-defector = "bukhanitaljumin"\n', encoding="utf-8")
    code, out, _ = run_check([str(draft), "--config", str(house)], glossary, capsys)
    assert code == 1 and "warning [talbungmin] 탈북민: the house style writes 북한이탈주민" in out
    house.write_text('fail-on = "error"\n[prefer]\ntest-defector = "bukhanitaljumin"\n')
    assert run_check([str(draft), "--config", str(house)], glossary, capsys)[0] == 0
    code, _, err = run_check([str(draft), "--config", "nope.toml"], glossary, capsys)
    assert code == 2 and "nope.toml: configuration file not found: check the path" in err
