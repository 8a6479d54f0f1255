"""`nkterms check` on articles: the editor's policy end to end, on the shipped glossary (the
words it is about: 새터민, 탈북민, defector)."""

from __future__ import annotations

import json
import unicodedata

import pytest

from nkterms.check import onevoice
from nkterms.cli import main


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """One index cache for this module (conftest gives every test a fresh one)."""
    return str(tmp_path_factory.mktemp("onevoice-cache"))


@pytest.fixture
def check(cache, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NKTERMS_CACHE_DIR", cache)
    monkeypatch.chdir(tmp_path)

    def run(text: str, *args: str, name: str = "a.md"):
        (tmp_path / name).write_text(text, encoding="utf-8")
        code = main(["check", name, *args])
        return code, capsys.readouterr().out

    return run


def test_quoted_speech_never_fails_the_check(check):
    code, out = check("장관은 “새터민 단체가 반대한다”고 말했다.\n", "--fail-on", "info")
    assert code == 0 and "info [saeteomin] quoted speech: 새터민" in out
    code, out = check("새터민 단체가 반대했다.\n")
    assert code == 1 and "warning [saeteomin] 새터민" in out


def test_json_findings_carry_their_voice(check):
    text = "‘새터민’ 호칭. “새터민 단체”라며 말했다. 새터민 단체.\n"
    _, out = check(text, "--format", "json")
    voices = [(f["col"], f["severity"], f["voice"]) for f in json.loads(out)["findings"]]
    assert voices == [(2, "info", "mention"), (12, "info", "speech"), (27, "warning", "use")]


def test_decomposed_hangul_is_judged_as_composed_text_is(check):
    # NFD text (as some tools save it): the naming word after 새터민 and the quoted word are
    # read as in NFC; columns stay those of the text as written
    text = "정부는 새터민 명칭을 쓰지 않는다. ‘새터민’이라는 말. 탈북민들이 왔다.\n"
    found = {}
    for form in ("NFC", "NFD"):
        _, out = check(unicodedata.normalize(form, text), "--format", "json", "--exit-zero")
        report = json.loads(out)
        found[form] = [(f["col"], f["severity"], f["voice"]) for f in report["findings"]]
    assert found["NFC"] == [(5, "info", "mention"), (33, "info", "use")]
    # 새터민 (the mention reported once) and 탈북민, counted in decomposed characters
    cols = [len(unicodedata.normalize("NFD", text[: text.index(w)])) + 1 for w in ("새", "탈")]
    assert cols == [10, 65]
    assert found["NFD"] == [(10, "info", "mention"), (65, "info", "use")]


def test_front_matter_title_sets_the_subject(check):
    far = "The school opened in 1999. " * 20
    text = f"---\ntitle: North Korean defectors at school\n---\n{far}\nAll defectors study.\n"
    _, out = check(text)
    assert "[en-defector]" in out
    _, out = check(f"---\ntitle: Ballet\n---\n{far}\nAll defectors study.\n")
    assert out == ""


def test_one_voice_folds_repeats_and_every_lists_them(check):
    text = "새터민 단체. 새터민 지원. 새터민 교육.\n"
    _, out = check(text)
    lines = out.splitlines()
    assert [line.split(" ")[0] for line in lines] == ["a.md:1:1:", "a.md:"]
    assert lines[1] == (
        "a.md: summary: 새터민 ×3 for this group: instead of 새터민, write 북한이탈주민 "
        "(legal by Republic of Korea statute since 1997-07), 북향민 (recommended by Ministry of "
        "Unification since 2026) or 탈북민 (preferred by Defector organisations opposing the "
        "2025 rename since 2025-09-22)"
    )
    _, out = check(text, "--every")
    assert [line.split(" ")[0] for line in out.splitlines()[:3]] == [
        "a.md:1:1:",
        "a.md:1:9:",
        "a.md:1:17:",
    ]


def test_preset_option_takes_a_side(check):
    code, out = check("북향민 단체와 탈북민 단체.\n", "--preset", "defector-groups")
    assert code == 1 and "warning [bukhyangmin] 북향민: the house style writes 탈북민" in out
    assert "[talbungmin]" not in out.replace("writes 탈북민", "")


def test_inputs_past_the_article_size_are_streamed(check, monkeypatch):
    monkeypatch.setattr(onevoice, "ARTICLE_LIMIT", 10)
    _, out = check("장관은 “새터민 단체”라며 말했다.\n", name="a.txt")
    assert "warning [saeteomin] 새터민" in out  # streamed: no article policy, no summary
    assert ": summary: " not in out


def test_bad_utf8_in_an_article_is_named_where_it_is(check, tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes("새터민\n".encode() + b"\xff\n")
    code = main(["check", "bad.txt"])
    err = capsys.readouterr().err
    assert code == 2 and "bad.txt:2:1: not valid UTF-8 (byte 0xff)" in err
