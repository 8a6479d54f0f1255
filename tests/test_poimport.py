"""`nkterms import`: .po files read at least as strictly as GNU msgfmt --check, renderings written
back exactly, fuzzy entries reported, languages checked, nothing half-written, and the README's
example as it really runs."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import unicodedata
from io import BytesIO
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import write_po
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nkterms import load
from nkterms.cli import main
from nkterms.errors import GlossaryError, InputError, PoFileError, UsageError
from nkterms.poimport import apply, plan
from nkterms.poread import read

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "data" / "po"
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'

# What each broken file must be refused with: GNU msgfmt --check refuses every file in bad/;
# it accepts those in stricter/, which babel would misread or which nkterms catalogs never hold.
REFUSALS = {
    "bad/backslash-before-end-of-line": "8:8: string not closed before the end of the line",
    "bad/bad-escape": "8:14: invalid escape '\\q'",
    "bad/bad-plural-expression": "5:1: invalid plural expression 'n >'",
    "bad/byte-order-mark": "1:1: the file starts with a byte-order mark",
    "bad/c-format-mismatch": "8:1: flag 'c-format': glossary renderings are not format strings",
    "bad/charset-is-not-utf-8": "3:1: the header says charset=EUC-KR but the file is UTF-8",
    "bad/comment-after-string": "7:14: a comment after a string: put it on its own line",
    "bad/comment-inside-entry": "7:1: msgid '하나센터' has no msgstr",
    "bad/duplicate-entry": "11:1: msgctxt 'hanasenteo' msgid '하나센터' is there twice (first at line 7)",
    "bad/duplicate-fuzzy-entry": "12:1: msgctxt 'hanasenteo' msgid '하나센터' is there twice",
    "bad/duplicate-header": '6:1: the header entry (msgid "") is there twice (first at line 1)',
    "bad/duplicate-obsolete-entry": "11:4: msgctxt 'hanasenteo' msgid '하나센터' is there twice",
    "bad/empty-file": "1:1: no header entry",
    "bad/empty-header": "1:1: no header entry",
    "bad/previous-msgctxt-without-previous-msgid": "7:4: #| msgctxt with no #| msgid after it",
    "bad/comment-between-previous-msgid-and-entry": "7:1: a comment between the previous msgid",
    "bad/header-with-msgctxt": "1:1: no header entry",
    "bad/hex-escape-without-digits": "8:14: escape '\\x…': octal, hex",
    "bad/latin-1-bytes": "8:19: byte 0xe9 is not UTF-8: convert the file with `msgconv",
    "bad/line-break-at-end-of-msgstr-only": "7:1: msgid and msgstr do not both end with a line break",
    "bad/line-break-at-start-of-msgstr-only": "7:1: msgid and msgstr do not both begin with a line",
    "bad/missing-msgstr-at-end": "7:1: msgid '하나센터' has no msgstr: add a msgstr line after it",
    "bad/missing-msgstr-before-next-entry": "7:1: msgid '하나센터' has no msgstr",
    "bad/msgctxt-after-msgid": "6:1: msgid '하나센터' has no msgstr",
    "bad/msgctxt-without-msgid": "6:1: msgctxt with no msgid after it",
    "bad/msgstr-before-msgid": "7:1: msgstr with no msgid before it",
    "bad/msgstr-in-plural-entry": "9:1: msgstr in an entry with msgid_plural",
    "bad/msgstr-index-without-msgid-plural": "8:1: msgstr[0] out of place",
    "bad/no-header": "1:1: no header entry",
    "bad/nplurals-zero": "5:1: the plural expression gives 0 for n = 0, but nplurals = 0",
    "bad/obsolete-mark-on-some-lines": "8:1: inconsistent use of #~",
    "bad/plural-entry-without-plural-forms": "6:1: a plural entry: nkterms catalogs have none",
    "bad/plural-form-out-of-range": "5:1: the plural expression gives 1 for n = 0",
    "bad/plural-index-gap": "10:1: msgstr[2] out of place",
    "bad/stray-line": "9:1: unknown keyword 'Hana'",
    "bad/text-after-string": "8:15: unexpected text 'Centre\"' after the closing quote",
    "bad/two-msgstr": "9:1: a second msgstr in one entry",
    "bad/unknown-keyword": "8:1: unknown keyword 'msgtxt'",
    "bad/unterminated-continuation": "9:1: string not closed before the end of the line",
    "bad/unterminated-msgstr": "8:8: string not closed before the end of the line",
    "bad/unterminated-obsolete-entry": "8:11: string not closed before the end of the line",
    "bad/unterminated-previous-msgid": "7:10: string not closed before the end of the line",
    "bad/uppercase-keyword": "7:1: unknown keyword 'MSGID'",
    "stricter/carriage-return-line-endings": "1:9: a carriage return inside a line",
    "stricter/comment-ending-with-backslash": "6:9: a comment ends with a backslash, which gettext",
    "stricter/nul-inside-string": "8:13: the control character NUL inside a string",
    "stricter/flags-without-commas": "6:1: flags 'fuzzy no-c-format' are split one way by gettext",
    "stricter/empty-msgid-with-msgctxt": "7:1: an empty msgid with a msgctxt",
    "stricter/fuzzy-plural-entry": "8:1: a plural entry",
    "stricter/hex-escape": "8:20: escape '\\x…'",
    "stricter/keyword-without-string": "7:1: msgid is not followed by a space and a quoted string",
    "stricter/latin-1-declared": "8:22: byte 0xe9 is not UTF-8",
    "stricter/octal-escape": "8:20: escape '\\0…'",
    "stricter/plural-forms-without-semicolon": "5:1: Plural-Forms 'nplurals=2 plural=n!=1' does",
    "stricter/tab-after-keyword": "7:1: msgid is not followed by a space and a quoted string",
    "stricter/two-keywords-on-one-line": "7:14: unexpected text 'msgstr \"Hana Centre\"'",
}


def _msgfmt_accepts(path: Path, mo: Path | None = None) -> bool:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is required (.ci/run installs it)"
    target = str(mo) if mo else os.devnull
    result = subprocess.run(
        [msgfmt, "--check", "-o", target, str(path)], capture_output=True, check=False
    )
    return result.returncode == 0


def _corpus(folder: str) -> list[Path]:
    return sorted((CORPUS / folder).glob("*.po"))


def test_every_corpus_file_has_its_expected_refusal():
    named = {f"{p.parent.name}/{p.stem}" for p in _corpus("bad") + _corpus("stricter")}
    assert named == set(REFUSALS)
    assert len(_corpus("bad")) >= 30


@pytest.mark.parametrize("path", _corpus("bad"), ids=lambda p: p.stem)
def test_a_file_msgfmt_refuses_is_refused_with_its_position(path):
    assert not _msgfmt_accepts(path), "the corpus holds only files GNU msgfmt --check refuses"
    with pytest.raises(PoFileError) as refused:
        read(path)
    assert f"{path}:{REFUSALS[f'bad/{path.stem}']}" in str(refused.value)
    assert not isinstance(refused.value, GlossaryError)


@pytest.mark.parametrize("path", _corpus("stricter"), ids=lambda p: p.stem)
def test_a_layout_babel_would_misread_is_refused_though_msgfmt_takes_it(path):
    assert _msgfmt_accepts(path)
    with pytest.raises(PoFileError, match=re.escape(REFUSALS[f"stricter/{path.stem}"])):
        read(path)


def _gnu_reading(path: Path, tmp_path: Path) -> dict:
    """Return what msgfmt compiles from a .po file (fuzzy and untranslated entries left out)."""
    mo = tmp_path / "compiled.mo"
    assert _msgfmt_accepts(path, mo)
    with open(mo, "rb") as handle:
        catalog = read_mo(handle)
    return {(m.context, m.id): m.string for m in catalog if m.id}


def _our_reading(path: Path) -> dict:
    return {
        (e.context, e.msgid): e.msgstr for e in read(path).messages() if e.msgstr and not e.fuzzy
    }


@pytest.mark.parametrize(
    "path",
    _corpus("good") + sorted(REPO.glob("locales/*/LC_MESSAGES/nkterms.po")),
    ids=lambda p: p.stem if p.stem != "nkterms" else p.parents[1].name,
)
def test_a_file_msgfmt_takes_is_read_as_msgfmt_and_polib_read_it(path, tmp_path):
    ours = _our_reading(path)
    assert ours == _gnu_reading(path, tmp_path)
    by_polib = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(path))
        if e.msgid and e.msgstr and not e.fuzzy and not e.obsolete
    }
    assert ours == by_polib


_BASE = (
    HEADER
    + '# a note\n#, fuzzy\nmsgctxt "a"\nmsgid "가"\nmsgstr "x \\"y\\" z"\n\n'
    + 'msgctxt "b"\nmsgid ""\n"나"\n"다"\nmsgstr ""\n"one, "\n"two\\t\\\\"\n\n'
    + '#~ msgctxt "c"\n#~ msgid "라"\n#~ msgstr "old"\n\nmsgid "마"\nmsgstr ""\n'
)
_PIECES = ['"', "\\", "\n", "#", " ", "#~ ", "#, fuzzy\n", "msgstr ", 'msgid "가"\n', "\r", "x"]
_PIECES += ["\\n", "\t", "msgctxt ", "#| ", "msgstr[0] ", "\n\n", '""', "\\x41", ",", "\x00"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["delete", "insert", "truncate"]),
            st.integers(0, len(_BASE)),
            st.sampled_from(_PIECES),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_every_mutation_msgfmt_refuses_is_refused(edits, tmp_path):
    text = _BASE
    for kind, at, piece in edits:
        at = min(at, len(text))
        if kind == "delete":
            text = text[:at] + text[at + 1 :]
        elif kind == "insert":
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at]
    path = tmp_path / "mutated.po"
    path.write_bytes(text.encode("utf-8"))
    try:
        ours = _our_reading(path)
    except PoFileError:
        return  # refusing what msgfmt takes is allowed (stricter); the converse is not
    assert _msgfmt_accepts(path), f"msgfmt refuses what nkterms read:\n{text}"
    try:
        gnu = _gnu_reading(path, tmp_path)
    except (LookupError, ValueError):  # a mangled header that babel cannot read from the .mo
        return
    assert ours == gnu


# --- importing into the small fixture glossary ---


def _po(tmp_path: Path, body: str, name: str = "en.po", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def _entry(term: str, form: str, text: str, flags: str = "") -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'{flags}msgctxt "{term}"\nmsgid "{form}"\nmsgstr "{escaped}"\n\n'


def _yaml(root: Path) -> dict:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _run(root: Path, *args: str) -> int:
    return main(["--glossary", str(root), "import", *args])


def test_the_truncated_file_of_issue_10_is_refused_and_nothing_written(good_glossary, capsys):
    truncated = good_glossary.parent / "t.po"
    truncated.write_text(
        'msgid ""\nmsgstr "Language: en\\n"\n\nmsgctxt "bukhyangmin"\nmsgid "북향민"\n'
        'msgstr "unterminated\n',
        encoding="utf-8",
    )
    before = _yaml(good_glossary)
    assert _run(good_glossary, str(truncated)) == 2
    err = capsys.readouterr().err
    assert f"{truncated}:6:8: string not closed before the end of the line: end it with" in err
    assert "Traceback" not in err
    assert _yaml(good_glossary) == before


def test_a_msgstr_with_a_comma_is_quoted_and_a_second_import_changes_nothing(good_glossary, capsys):
    po = _po(good_glossary.parent, _entry("talbungmin", "탈북민", "Hana Center, Daegu"))
    assert _run(good_glossary, str(po)) == 0
    after_first = _yaml(good_glossary)
    concept = (good_glossary / "concepts" / "defector.yaml").read_text(encoding="utf-8")
    assert "      en: {text: 'Hana Center, Daegu', basis: translator}\n" in concept
    assert load(good_glossary).term("talbungmin").renderings[0].text == "Hana Center, Daegu"
    capsys.readouterr()
    assert _run(good_glossary, str(po)) == 0
    assert "0 rendering(s) changed, 0 entries not applied" in capsys.readouterr().out
    assert _yaml(good_glossary) == after_first
    assert main(["--glossary", str(good_glossary), "validate"]) == 0


_SPECIAL = st.sampled_from(
    [
        "Hana Center, Daegu",
        "a: b",
        "key: value, other: 1",
        "x #y",
        "#tag",
        "' \" '",
        '"quoted"',
        "it's",
        "  leading",
        "trailing  ",
        " ",
        "yes",
        "null",
        "~",
        "1.0",
        "- dash",
        "[flow]",
        "{flow}",
        "& anchor",
        "* alias",
        "! tag",
        "| block",
        "> folded",
        "%percent",
        "@at",
        "`tick",
        "하나센터, 대구",
        "北鄕民",
        "back\\slash",
        "\ufeffbom",
        "😀",
        "line\nbreak",
        "tab\tinside",
        "cr\rinside",
        "nel\x85inside",
        "ls\u2028inside",
        "bell\x07",
    ]
)
_TEXT = st.one_of(
    _SPECIAL,
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40),
    st.builds(lambda a, b: a + b, _SPECIAL, st.text(min_size=0, max_size=5)),
)


def _babel_po(path: Path, term: str, form: str, text: str) -> None:
    """Write a .po file with babel's writer (a real one, which wraps and escapes as it likes)."""
    catalog = Catalog(locale="en")
    catalog.add(form, text, context=term)
    buffer = BytesIO()
    write_po(buffer, catalog)
    path.write_bytes(buffer.getvalue())


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_TEXT, term=st.sampled_from([("talbungmin", "탈북민"), ("bukhyangmin", "북향민")]))
@example(text="Hana Center, Daegu", term=("bukhyangmin", "북향민"))
@example(text="line\nbreak", term=("talbungmin", "탈북민"))
def test_any_msgstr_is_written_back_exactly_or_refused_clearly(good_glossary, text, term):
    po = good_glossary.parent / "en.po"
    _babel_po(po, term[0], term[1], text)
    # A rendering is one line of text: no line break (all but two are control characters).
    one_line = not any(unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029" for ch in text)
    try:
        changes, _ = plan(load(good_glossary), [po])
    except PoFileError as err:
        assert not one_line, err
        assert f"{po}:" in str(err)
        assert "line break" in str(err) or "control character" in str(err)
        return
    assert one_line
    apply(changes)
    rendering = next(r for r in load(good_glossary).term(term[0]).renderings if r.lang == "en")
    assert (rendering.text, rendering.basis) == (text, "translator")
    again, _ = plan(load(good_glossary), [po])
    assert again == [], "the same file imported twice changes nothing the second time"


def test_a_multi_line_msgstr_is_refused_with_its_position(good_glossary, capsys):
    po = _po(
        good_glossary.parent, 'msgctxt "talbungmin"\nmsgid "탈북민"\nmsgstr ""\n"one\\n"\n"two"\n'
    )
    before = _yaml(good_glossary)
    assert _run(good_glossary, str(po)) == 2
    err = capsys.readouterr().err
    assert f"{po}:8:1: msgstr holds a line break ('\\n'), and a rendering is one line" in err
    assert _yaml(good_glossary) == before


def test_fuzzy_entries_are_reported_and_not_applied(good_glossary, capsys):
    po = _po(
        good_glossary.parent,
        _entry("talbungmin", "탈북민", "defector?", "#, fuzzy\n")
        + _entry("saeteomin", "새터민", "new settlers"),
    )
    changes, skipped = plan(load(good_glossary), [po])
    assert [(c.term, c.new) for c in changes] == [("saeteomin", "new settlers")]
    assert [(s.where, s.term, s.kind) for s in skipped] == [(f"{po}:8", "talbungmin", "fuzzy")]
    assert _run(good_glossary, str(po)) == 0
    out, err = capsys.readouterr()
    assert f"{po}:8: talbungmin: not applied: fuzzy 'defector?' (marked for review)" in err
    assert "1 rendering(s) changed, 1 entry not applied" in out
    assert not any(r.lang == "en" for r in load(good_glossary).term("talbungmin").renderings)


def test_json_lists_changes_and_skipped_entries(good_glossary, capsys):
    po = _po(
        good_glossary.parent,
        _entry("talbungmin", "탈북민", "defector?", "#, fuzzy\n")
        + _entry("saeteomin", "새터민", "new settlers")
        + _entry("no-such-term", "없음", "nothing"),
    )
    before = _yaml(good_glossary)
    capsys.readouterr()
    assert _run(good_glossary, "--dry-run", "--json", str(po)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    doc = json.loads(out)
    assert doc["dry_run"] is True
    assert doc["changes"] == [
        {
            "path": str(good_glossary / "concepts" / "defector.yaml"),
            "line": 51,
            "term": "saeteomin",
            "lang": "en",
            "old": "new settler",
            "new": "new settlers",
            "where": f"{po}:12",
            "sources": [],
        }
    ]
    assert [(s["term"], s["kind"]) for s in doc["skipped"]] == [
        ("talbungmin", "fuzzy"),
        ("no-such-term", "unknown-term"),
    ]
    assert "+      en: {text: new settlers, basis: translator}\n" in doc["diff"]
    assert _yaml(good_glossary) == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("xx", "Language 'xx' is not a language the glossary has (en): set the Language header"),
        ("und", "Language 'und' is not a language the glossary has (en)"),
        ("ko", "Language 'ko' is the glossary's source language, so the file has no renderings"),
        ("ko_KR", "Language 'ko_KR' is the glossary's source language"),
    ],
    ids=["unknown", "undetermined", "korean", "korean-of-korea"],
)
def test_a_language_the_glossary_cannot_take_is_refused(good_glossary, capsys, language, message):
    header = HEADER.replace("Language: en", f"Language: {language}")
    po = _po(good_glossary.parent, _entry("talbungmin", "탈북민", "defector"), header=header)
    assert _run(good_glossary, str(po)) == 2
    assert f"nkterms: error: {po}:4:1: {message}" in capsys.readouterr().err


def test_the_language_comes_from_the_folder_when_the_header_has_none(good_glossary):
    folder = good_glossary.parent / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    po = _po(folder, _entry("talbungmin", "탈북민", "transfuge"), "nkterms.po", header)
    changes, _ = plan(load(good_glossary), [po])
    assert [(c.term, c.lang, c.new) for c in changes] == [("talbungmin", "fr", "transfuge")]
    elsewhere = _po(good_glossary.parent, _entry("talbungmin", "탈북민", "x"), header=header)
    with pytest.raises(PoFileError, match="the PO file names no language"):
        plan(load(good_glossary), [elsewhere])


def test_a_folder_or_a_missing_file_is_refused_without_a_traceback(good_glossary, capsys):
    assert _run(good_glossary, str(good_glossary.parent)) == 2
    assert _run(good_glossary, str(good_glossary.parent / "missing.po")) == 2
    err = capsys.readouterr().err
    assert f"nkterms: error: {good_glossary.parent}: is a folder: give the .po file(s)" in err
    assert "missing.po: no such file" in err
    assert "Traceback" not in err


def test_a_non_korean_term_is_not_a_catalog_entry(good_glossary):
    po = _po(good_glossary.parent, _entry("en-defector", "North Korean defector", "x"))
    changes, skipped = plan(load(good_glossary), [po])
    assert changes == [] and [s.kind for s in skipped] == ["unknown-term"]


def test_two_files_that_disagree_on_a_rendering_are_refused(good_glossary):
    first = _po(good_glossary.parent, _entry("talbungmin", "탈북민", "defector"), "a.po")
    second = _po(good_glossary.parent, _entry("talbungmin", "탈북민", "escapee"), "b.po")
    with pytest.raises(PoFileError, match="talbungmin in en is 'escapee' here but 'defector' at"):
        plan(load(good_glossary), [first, second])
    same = _po(good_glossary.parent, _entry("talbungmin", "탈북민", "defector"), "c.po")
    changes, _ = plan(load(good_glossary), [first, same])
    assert [c.new for c in changes] == ["defector"]


def test_an_entry_babel_reads_otherwise_is_refused(good_glossary, monkeypatch):
    import babel.messages.pofile as babel_pofile

    real = babel_pofile.read_po

    def misreading(*args, **kwargs):
        catalog = real(*args, **kwargs)
        for message in catalog:
            if message.id:
                message.string = message.string[:-1]  # what babel did to a truncated string
        return catalog

    monkeypatch.setattr(babel_pofile, "read_po", misreading)
    po = _po(good_glossary.parent, _entry("talbungmin", "탈북민", "defector"))
    with pytest.raises(
        PoFileError, match="reads .*'defector'.* by gettext's rules but .*'defecto'"
    ):
        read(po)


_SECOND_CONCEPT = """\
id: test-settlement
category: institution
definition:
  text: Test concept in a second file.
  sources: [test-fixture]
terms:
  - id: hanawon
    lang: ko
    form: 하나원
    origin: mixed
    romanization:
      rr: Hanawon
      mr: Hanawŏn
"""


def test_a_failed_write_leaves_every_file_as_it_was_and_no_temp_file(good_glossary, monkeypatch):
    (good_glossary / "concepts" / "settlement.yaml").write_text(_SECOND_CONCEPT, encoding="utf-8")
    po = _po(
        good_glossary.parent,
        _entry("talbungmin", "탈북민", "defector") + _entry("hanawon", "하나원", "Hanawon"),
    )
    changes, _ = plan(load(good_glossary), [po])
    assert sorted({Path(c.path).name for c in changes}) == ["defector.yaml", "settlement.yaml"]
    before = _yaml(good_glossary)
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(Path(dst).name)
        if len(calls) == 2:  # the second file: the disk is full, say
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(InputError, match="settlement.yaml: cannot write here"):
        apply(changes)
    assert calls == ["defector.yaml", "settlement.yaml", "defector.yaml"], (
        "written, failed, put back"
    )
    assert _yaml(good_glossary) == before, "no file changed, no temp file left"


def test_the_glossary_installed_with_nkterms_is_not_written(good_glossary, tmp_path, monkeypatch):
    installed = tmp_path / "site-packages" / "nkterms" / "_data" / "glossary"
    shutil.copytree(good_glossary, installed)
    for schema in ("schema.json", "sources.schema.json"):
        shutil.copy(REPO / "glossary" / schema, installed)
    monkeypatch.setattr("nkterms.poimport.shipped_root", lambda: str(installed))
    po = _po(tmp_path, _entry("talbungmin", "탈북민", "defector"))
    changes, _ = plan(load(installed), [po])
    assert apply(changes, dry_run=True)
    with pytest.raises(UsageError, match="is the glossary installed with nkterms"):
        apply(changes)


# The README's import example runs as shown in tests/test_readme_sessions.py, with the others.
