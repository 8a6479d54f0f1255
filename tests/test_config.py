"""House configuration (`nkterms.toml`, `[tool.nkterms]`, `--config`) and the check options
`--config`, `--lang` and `--kind`: a setting that cannot be used is refused with its place."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from nkterms.check.config import load_config
from nkterms.cli import main
from nkterms.errors import UsageError
from nkterms.index import open_index
from nkterms.tomlpos import Positions

DATA = Path(__file__).parent / "data"
ADVICE = str(DATA / "advice")


@pytest.fixture
def check(monkeypatch, tmp_path, capsys):
    """Run `nkterms --glossary <advice fixture> check ...` in tmp_path: (exit code, out, err)."""
    open_index(ADVICE)  # compiled before, so stderr holds only what a check says
    monkeypatch.chdir(tmp_path)

    def run(*args):
        code = main(["--glossary", ADVICE, "check", *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


# Each bad configuration, with the message it must give (line:col of the setting at fault).
BAD = {
    "unknown-setting": (
        'fail-on = "warning"\nromanisation = "rr"\n',
        "nkterms.toml:2:1: unknown setting 'romanisation': did you mean 'romanization'? "
        "the settings are fail-on, romanization, ignore, prefer or preset",
    ),
    "preset-unknown": (
        'preset = "ministry"\n',
        "nkterms.toml:1:10: preset 'ministry' is not a house style the checker knows: use "
        '"unification-ministry", "legal-term" or "defector-groups"',
    ),
    "prefer-empty-list": (
        "[prefer]\nnorth-korean-defector = []\n",
        "nkterms.toml:1:2: prefer must map concept ids to term ids: "
        '[prefer] with lines such as north-korean-defector = "bukhanitaljumin"',
    ),
    "romanization-klingon": (
        'romanization = "klingon"\n',
        "nkterms.toml:1:16: romanization 'klingon' is not a system the checker knows "
        '(rr: Revised Romanization; mr: McCune-Reischauer): use "rr" or "mr"',
    ),
    "fail-on-unknown": (
        "# house style\nfail-on = 'warn'\n",
        'nkterms.toml:2:11: fail-on \'warn\' is not a severity: use "info", "warning" or "error"',
    ),
    "ignore-not-a-list": (
        'ignore = "talbukja"\n',
        'nkterms.toml:1:10: ignore must be a list of term ids: ignore = ["talbukja"]',
    ),
    "prefer-not-a-table": (
        "prefer = 3\n",
        "nkterms.toml:1:10: prefer must map concept ids to term ids: [prefer] with lines such "
        'as north-korean-defector = "bukhanitaljumin"',
    ),
    "ignore-unknown-term": (
        'ignore = [\n  "talbukja",\n  "talbukjaa",  # typo\n]\n',
        "nkterms.toml:3:3: ignore: no term 'talbukjaa' in the glossary: did you mean "
        "'talbukja'? use the [term-id] nkterms check prints",
    ),
    "prefer-unknown-concept": (
        '[prefer]\ntest-defectors = "bukhanitaljumin"\n',
        "nkterms.toml:2:1: prefer: no concept 'test-defectors' in the glossary: did you mean "
        "'test-defector'? use a concept id (nkterms lookup TERM --json shows it under "
        "concept.id)",
    ),
    "prefer-term-of-another-concept": (
        'prefer = { "test-ministry" = "talbukja" }\n',
        "nkterms.toml:1:30: prefer: 'talbukja' is a term of test-defector, not of "
        "test-ministry: use one of tongilbu (통일부), tongirwon (통일원), guktotongirwon (국토통일원)",
    ),
    "prefer-unknown-term": (
        'prefer.test-insult = "italjaa"\n',
        "nkterms.toml:1:22: prefer: no term 'italjaa' in the glossary: did you mean 'italja'? "
        "use one of byeonjeolja (변절자), italja (이탈자)",
    ),
    "invalid-toml": (
        'ignore = ["talbukja"\n',
        "nkterms.toml:2:1: invalid TOML: Unclosed array: fix the syntax",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_house_config_is_refused_with_its_place(check, tmp_path, name):
    text, message = BAD[name]
    (tmp_path / "nkterms.toml").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("새터민\n", encoding="utf-8")
    code, out, err = check("a.txt")
    assert (code, out) == (2, "")
    assert err == f"nkterms: error: {message}\n"


def test_every_problem_is_named_at_once(check, tmp_path):
    (tmp_path / "nkterms.toml").write_text(
        'romanization = "klingon"\nfail-on = "loud"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("새터민\n", encoding="utf-8")
    _, _, err = check("a.txt")
    places = [line.removeprefix("nkterms: error: ").split(": ")[0] for line in err.splitlines()]
    assert places == ["nkterms.toml:1:16", "nkterms.toml:2:11"]


def test_pyproject_section_positions(check, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.nkterms]\nfail-on = "warning"\n'
        '[tool.nkterms.prefer]\n"test-defector" = "nope"\n',
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("새터민\n", encoding="utf-8")
    code, _, err = check("a.txt")
    assert code == 2
    assert err.startswith("nkterms: error: pyproject.toml:7:19: prefer: no term 'nope'")


def test_a_pyproject_without_our_section_is_not_read(check, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nodd = 1\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("오늘\n", encoding="utf-8")
    assert check("a.txt")[0] == 0


def test_config_option_names_the_file(check, tmp_path):
    house = tmp_path / "house.toml"
    house.write_text('[prefer]\ntest-defector = "bukhanitaljumin"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "북한이탈주민은 왔다. 북한이탈주민들이 말했다.\n", encoding="utf-8"
    )
    (tmp_path / "nkterms.toml").write_text('romanization = "klingon"\n', encoding="utf-8")
    assert check("a.txt", "--config", str(house)) == (0, "", "")  # the house term: clean
    code, _, err = check("a.txt", "--config", str(tmp_path / "missing.toml"))
    assert code == 2 and "missing.toml: configuration file not found" in err


def test_house_style_term_passes_clean_and_others_point_to_it(check, tmp_path):
    """The issue's case: with [prefer], the house's designation is never reported, and each
    other one is a warning whose only suggestion is the house's."""
    (tmp_path / "nkterms.toml").write_text(
        '[prefer]\ntest-defector = "bukhanitaljumin"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("북한이탈주민 단체\n", encoding="utf-8")
    assert check("a.txt") == (0, "", "")
    (tmp_path / "b.txt").write_text("북향민 단체\n", encoding="utf-8")
    code, out, _ = check("b.txt")
    assert code == 1
    assert out.startswith(
        "b.txt:1:1: warning [bukhyangmin] 북향민: the house style writes 북한이탈주민"
    )
    assert out.endswith("(suggest: 북한이탈주민 (house style))\n")


def test_fail_on_from_the_config_and_the_option(check, tmp_path):
    (tmp_path / "a.txt").write_text("통일원 발표\n", encoding="utf-8")  # superseded: info
    assert check("a.txt")[0] == 0
    (tmp_path / "nkterms.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    assert check("a.txt")[0] == 1
    assert check("a.txt", "--fail-on", "warning")[0] == 0  # the option wins


def test_lang_chooses_korean_or_other_terms(check, tmp_path):
    (tmp_path / "a.txt").write_text("새터민 and a North Korean defector\n", encoding="utf-8")
    terms = lambda out: [  # noqa: E731
        line.split("[")[1].split("]")[0] for line in out.splitlines() if ": summary: " not in line
    ]
    assert terms(check("a.txt")[1]) == ["saeteomin", "en-defector"]
    assert terms(check("a.txt", "--lang", "ko")[1]) == ["saeteomin"]
    assert terms(check("a.txt", "--lang", "en")[1]) == ["en-defector"]


def test_kind_overrides_the_extension(check, tmp_path):
    (tmp_path / "a.txt").write_text("```\n새터민\n```\n<b>새터민</b>\n", encoding="utf-8")
    lines = lambda out: [line.split(":")[1] for line in out.splitlines()]  # noqa: E731
    assert lines(check("a.txt", "--every")[1]) == ["2", "4"]  # plain text: every line is prose
    assert lines(check("a.txt", "--kind", "md")[1]) == ["4"]  # the fence is code
    code, out, _ = check("a.txt", "--kind", "html", "--every")
    assert out.splitlines()[-1].startswith("a.txt:4:4: ")  # column of the word, not the tag


def test_a_good_config_loads_with_positions(tmp_path):
    path = tmp_path / "nkterms.toml"
    path.write_text('ignore = ["a"]\n[prefer]\nx = "y"\n', encoding="utf-8")
    house = load_config(str(tmp_path))
    assert house == {"ignore": ["a"], "prefer": {"x": "y"}}
    assert house.where("prefer", "x") == f"{path}:3:5"
    assert house.where("ignore", 0) == f"{path}:1:11"
    assert load_config(str(tmp_path / "nowhere")) == {}
    with pytest.raises(UsageError, match="configuration file not found"):
        load_config(path=str(tmp_path / "nowhere.toml"))


# (text, a key's path, where the key is, an item's path, where its value is)
POSITIONS = [
    ('a = "x # not a comment ]"\nb = 1\n', ("b",), (2, 1), ("b",), (2, 5)),
    (
        '[t]\n"quoted key" = [1, [2, 3]]\n',
        ("t", "quoted key"),
        (2, 1),
        ("t", "quoted key", 1, 0),
        (2, 21),
    ),
    ("[t . u]\nv = '''\nmulti\n'''\nw = 2\n", ("t", "u", "w"), (5, 1), ("t", "u", "w"), (5, 5)),
    (
        'x = """a""""\ny.z = {p = "q", r = [\n"s"]}\n',
        ("y", "z", "r"),
        (2, 17),
        ("y", "z", "r", 0),
        (3, 1),
    ),
    ("[[arr]]\nk = 1\n[[arr]]\nk = 2\n", ("arr", 1, "k"), (4, 1), ("arr", 1, "k"), (4, 5)),
    ('s = "esc \\" q"  # c\ndt = 1979-05-27 07:32:00Z\nn = 3\n', ("n",), (3, 1), ("n",), (3, 5)),
    ('k = "v"\r\nm = "w"\r\n', ("m",), (2, 1), ("m",), (2, 5)),
]


@pytest.mark.parametrize(("text", "key_path", "key", "value_path", "value"), POSITIONS)
def test_toml_positions(text, key_path, key, value_path, value):
    tomllib.loads(text)  # each is a document tomllib accepts
    positions = Positions(text)
    assert positions.key(key_path) == key
    assert positions.value(value_path) == value


def test_a_bom_is_not_a_setting_and_bad_bytes_are_named(check, tmp_path):
    (tmp_path / "a.txt").write_text("오늘\n", encoding="utf-8")
    (tmp_path / "nkterms.toml").write_bytes('\ufeffromanization = "klingon"\n'.encode())
    assert check("a.txt")[2].startswith("nkterms: error: nkterms.toml:1:16: romanization")
    (tmp_path / "nkterms.toml").write_bytes(b'romanization = "\xff"\n')
    assert check("a.txt")[1:] == (
        "",
        "nkterms: error: nkterms.toml: not valid UTF-8: save the file as UTF-8\n",
    )
