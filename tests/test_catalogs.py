"""gettext catalogs: valid for GNU msgfmt, CPython gettext, babel and polib; deterministic;
--check names stale files; translators' edits come back through `nkterms import`."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from nkterms import load
from nkterms.catalogs import outdated, render
from nkterms.cli import main

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A copy of the shipped glossary with its catalogs built beside it, once a run: read only."""
    root = tmp_path_factory.mktemp("catalogs")
    shutil.copytree(REPO / "glossary", root / "glossary")
    assert main(["--glossary", str(root / "glossary"), "build"]) == 0
    return root


@pytest.fixture(scope="session")
def built_glossary(built):
    """The glossary of `built`, loaded once."""
    return load(built / "glossary")


@pytest.fixture
def workspace(built, tmp_path) -> Path:
    """A copy of `built`, safe to edit."""
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    return tmp_path


def _po_files(root: Path) -> list[Path]:
    return sorted(root.glob("locales/*/LC_MESSAGES/nkterms.po"))


def test_every_catalog_passes_gnu_msgfmt_check(built):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is required (.ci/run installs it)"
    files = _po_files(built) + [built / "locales" / "nkterms.pot"]
    assert len(files) >= 3
    for path in files:
        result = subprocess.run(
            [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, f"{path}: {result.stderr}"


def test_cpython_gettext_reads_the_english_catalog(built):
    english = gettext.translation("nkterms", str(built / "locales"), ["en"])
    assert english.pgettext("bukhyangmin", "북향민") == "North Korean-born citizens"
    assert english.pgettext("no-such-term", "북향민") == "북향민", (
        "untranslated falls back to msgid"
    )


def test_babel_and_polib_read_every_file(built, built_glossary):
    glossary = built_glossary
    korean = {t.id for t in glossary.terms() if t.lang == "ko"}
    for po_path in _po_files(built):
        with open(po_path, "rb") as handle:
            catalog = read_po(handle)
        assert {m.context for m in catalog if m.id} == korean
        with open(po_path.with_suffix(".mo"), "rb") as handle:
            compiled = {m.context for m in read_mo(handle) if m.id}
        assert compiled == {m.context for m in catalog if m.id and m.string}, (
            "the .mo holds the translations"
        )
        po = polib.pofile(str(po_path))
        assert {e.msgctxt for e in po} == korean
        assert {e.msgctxt for e in polib.mofile(str(po_path.with_suffix(".mo")))} >= {
            e.msgctxt for e in po.translated_entries()
        }


def test_entries_carry_comments_references_and_weblate_flags(built, built_glossary):
    po = polib.pofile(str(built / "locales" / "en" / "LC_MESSAGES" / "nkterms.po"))
    entry = po.find("북향민", msgctxt="bukhyangmin")
    assert "Hanja: 北鄕民" in entry.comment
    assert "WARNING homophone: 北向民" in entry.comment
    assert "Status: recommended (Ministry of Unification" in entry.comment
    assert entry.occurrences == [("glossary/concepts/north-korean-defector.yaml", "")]
    assert "forbidden" in po.find("새터민", msgctxt="saeteomin").flags  # deprecated by the ministry
    assert "read-only" in po.find("하나원", msgctxt="hanawon").flags  # "Hanawon" is not translated
    glossary = built_glossary
    japanese = polib.pofile(str(built / "locales" / "ja" / "LC_MESSAGES" / "nkterms.po"))
    for entry in japanese:  # untranslated stays empty: never a machine guess
        has = any(r.lang == "ja" for r in glossary.term(entry.msgctxt).renderings)
        assert bool(entry.msgstr) == has
    assert japanese.untranslated_entries()
    assert all(e.msgstr == "" for e in polib.pofile(str(built / "locales" / "nkterms.pot")))


def test_builds_are_byte_identical(built, built_glossary):
    files = render(built_glossary)
    assert files == render(built_glossary)
    assert outdated(files, built / "locales") == [], "a second build changes nothing"


def test_check_names_every_stale_file(workspace, capsys):
    concept = workspace / "glossary" / "concepts" / "north-korean-defector.yaml"
    concept.write_text(
        concept.read_text(encoding="utf-8").replace(
            "North Korean-born citizens", "North Korea-born citizens"
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["--glossary", str(workspace / "glossary"), "build", "--check"]) == 1
    err = capsys.readouterr().err
    assert "locales/en/LC_MESSAGES/nkterms.po: out of date" in err
    assert "locales/en/LC_MESSAGES/nkterms.mo: out of date" in err
    assert "nkterms.pot" not in err, "the template holds no renderings"


def test_a_failed_build_leaves_the_previous_files(workspace):
    before = {p: p.read_bytes() for p in (workspace / "locales").rglob("*") if p.is_file()}
    (workspace / "glossary" / "concepts" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    assert main(["--glossary", str(workspace / "glossary"), "build"]) == 2
    after = {p: p.read_bytes() for p in (workspace / "locales").rglob("*") if p.is_file()}
    assert after == before


def test_committed_catalogs_match_the_glossary():
    assert main(["build", "--check"]) == 0


def _edit(po_path: Path, msgctxt: str, msgid: str, msgstr: str) -> None:
    po = polib.pofile(str(po_path))
    po.find(msgid, msgctxt=msgctxt).msgstr = msgstr
    po.save()


def test_round_trip_changes_only_the_edited_msgstr(workspace):
    po_path = workspace / "locales" / "en" / "LC_MESSAGES" / "nkterms.po"
    yaml_path = workspace / "glossary" / "concepts" / "hanawon.yaml"
    before_po = polib.pofile(str(po_path))
    before_yaml = yaml_path.read_text(encoding="utf-8").splitlines()
    _edit(po_path, "hanasenteo", "하나센터", "Hana Center (regional resettlement centre)")
    assert main(["--glossary", str(workspace / "glossary"), "import", str(po_path)]) == 0
    assert main(["--glossary", str(workspace / "glossary"), "build"]) == 0
    after_po = polib.pofile(str(po_path))
    changed = [
        (a.msgctxt, a.msgstr)
        for a, b in zip(after_po, before_po, strict=True)
        if a.msgstr != b.msgstr
    ]
    assert changed == [("hanasenteo", "Hana Center (regional resettlement centre)")]
    assert [str(a) for a in after_po if a.msgctxt != "hanasenteo"] == [
        str(b) for b in before_po if b.msgctxt != "hanasenteo"
    ]
    assert yaml_path.read_text(encoding="utf-8").splitlines() == before_yaml, (
        "hanawon.yaml untouched"
    )


def test_import_keeps_comments_and_layout_of_the_yaml(workspace):
    yaml_path = workspace / "glossary" / "concepts" / "north-korean-defector.yaml"
    before = yaml_path.read_text(encoding="utf-8").splitlines()
    po_path = workspace / "locales" / "en" / "LC_MESSAGES" / "nkterms.po"
    _edit(po_path, "gwisunja", "귀순자", "defector who came over (Cold War term)")
    assert main(["--glossary", str(workspace / "glossary"), "import", str(po_path)]) == 0
    after = yaml_path.read_text(encoding="utf-8").splitlines()
    removed = [line for line in before if line not in after]
    added = [line for line in after if line not in before]
    assert [line.strip() for line in added] == [
        "en: {text: defector who came over (Cold War term), basis: translator}"
    ]
    assert all(
        "en:" in line or "text:" in line or "sources:" in line or line.strip().startswith("- ")
        for line in removed
    ), removed
    assert sum(line.lstrip().startswith("#") for line in after) == sum(
        line.lstrip().startswith("#") for line in before
    )
    assert load(workspace / "glossary").term("gwisunja").renderings[0].basis == "translator"


def test_unknown_and_mismatched_entries_are_reported_not_applied(workspace, capsys):
    po_path = workspace / "locales" / "en" / "LC_MESSAGES" / "nkterms.po"
    po = polib.pofile(str(po_path))
    po.append(polib.POEntry(msgctxt="no-such-term", msgid="없는말", msgstr="nothing"))
    po.find("탈북자", msgctxt="talbukja").msgid = "탈북자들"
    po.find("탈북자들", msgctxt="talbukja").msgstr = "changed"
    po.save()
    before = {p: p.read_bytes() for p in (workspace / "glossary").rglob("*.yaml")}
    capsys.readouterr()
    assert main(["--glossary", str(workspace / "glossary"), "import", str(po_path)]) == 0
    err = capsys.readouterr().err
    assert "no-such-term: not applied: unknown term id" in err
    assert "talbukja: not applied: msgid '탈북자들' no longer matches" in err
    assert {p: p.read_bytes() for p in (workspace / "glossary").rglob("*.yaml")} == before


def test_dry_run_shows_the_diff_and_writes_nothing(workspace, capsys):
    po_path = workspace / "locales" / "en" / "LC_MESSAGES" / "nkterms.po"
    _edit(po_path, "hanasenteo", "하나센터", "Hana Centre")
    before = {p: p.read_bytes() for p in (workspace / "glossary").rglob("*.yaml")}
    capsys.readouterr()
    assert (
        main(["--glossary", str(workspace / "glossary"), "import", "--dry-run", str(po_path)]) == 0
    )
    out = capsys.readouterr().out
    assert "+    en: {text: Hana Centre, basis: translator}\n" in out
    assert "would set" in out
    assert {p: p.read_bytes() for p in (workspace / "glossary").rglob("*.yaml")} == before


def test_a_malformed_po_file_is_refused_and_nothing_is_written(workspace, capsys):
    bad = workspace / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b"\nmsgid\n', encoding="utf-8")
    before = {p: p.read_bytes() for p in (workspace / "glossary").rglob("*.yaml")}
    assert main(["--glossary", str(workspace / "glossary"), "import", str(bad)]) == 2
    assert f"{bad}:" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in (workspace / "glossary").rglob("*.yaml")} == before
