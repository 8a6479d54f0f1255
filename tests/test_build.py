"""The build pipeline: one record per term, derived once; readings and rules through interfaces."""

from __future__ import annotations

import ast
import importlib
import shutil
from pathlib import Path

import pytest

from nkterms import build
from nkterms.build import derive
from nkterms.build.derive import first_pass
from nkterms.build.pending import Pending
from nkterms.catalogs import render
from nkterms.dictionary import open_dictionary
from nkterms.glossary import load, read_glossary
from nkterms.index import memory_index, open_index
from nkterms.interchange.csvfile import to_csv
from nkterms.interchange.jsonfile import to_json
from nkterms.interchange.tbx import tbx_2008, tbx_v3
from nkterms.interfaces import RuleSource, TermSource
from nkterms.model import current_status
from nkterms.readings import enrich, readings_of
from nkterms.records import TermCore, TermRecord
from nkterms.stats import stats

DATA = Path(__file__).parent / "data"
SRC = Path(__file__).parents[1] / "src" / "nkterms"
#: The module (`nkterms.build.derive` names the function the package exports).
DERIVE = importlib.import_module("nkterms.build.derive")


def test_store_and_pending_build_implement_the_interfaces(good_glossary):
    index = open_index(good_glossary)
    _pairs, views, keys = first_pass(load(good_glossary))
    assert isinstance(index, TermSource) and isinstance(index, RuleSource)
    assert isinstance(Pending(views, keys), TermSource)


@pytest.mark.parametrize("folder", ["good", "advice"])
def test_each_record_is_what_the_index_stores(folder):
    glossary = load(DATA / folder)
    index = open_index(DATA / folder)
    records = list(derive(glossary, open_dictionary()))
    assert [r.n for r in records] == list(range(index.size()))
    assert [r.data for r in records] == [index.bare(n) for n in range(index.size())]
    assert [r.rule_data() for r in records] == index.rule_records()
    for record in records:
        assert record.current == current_status(record.term.status)
        assert record.data["current_status"] == (record.current.value if record.current else None)


APPLICATIONS = {
    "catalogs": render,
    "csv": to_csv,
    "json": to_json,
    "tbx": tbx_v3,
    "tbx2008": tbx_2008,
    "stats": stats,
}


@pytest.mark.parametrize("app", APPLICATIONS.values(), ids=APPLICATIONS.keys())
def test_applications_derive_no_readings_or_keys(app, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("an application derived a record's lookup part")

    # the lookup part's every step: a call of any of them fails the application
    for step in ("first_pass", "enrich", "hanja_forms", "parts_finder", "lookup_data"):
        monkeypatch.setattr(DERIVE, step, refuse)
    glossary = load(DATA / "advice")
    assert app(glossary)
    made = build.records(glossary)
    assert made and all(type(r) is TermCore for r in made)


def test_a_build_extends_the_cores_the_applications_made(monkeypatch):
    glossary = load(DATA / "advice")
    made = build.records(glossary)
    decided = []

    def counted(statuses):
        decided.append(statuses)
        return current_status(statuses)

    monkeypatch.setattr(DERIVE, "current_status", counted)
    index = memory_index(glossary)
    assert decided == []  # every current status was decided when the cores were made
    full = list(derive(glossary, open_dictionary(), made=made))
    assert decided == []
    assert all(type(r) is TermRecord for r in full)
    for core, record in zip(made, full, strict=True):
        assert (record.n, record.term, record.category) == (core.n, core.term, core.category)
        assert record.current is core.current and record.holding is core.holding
    assert [r.data for r in full] == [index.bare(n) for n in range(index.size())]


def test_readings_are_the_same_from_the_build_and_from_the_store():
    glossary = load(DATA / "advice")
    index, dictionary = open_index(DATA / "advice"), open_dictionary()
    _pairs, views, keys = first_pass(glossary)
    pending = Pending(views, keys)
    korean = [v for v in views if v["lang"] == "ko"]
    assert korean, "the fixture must have Korean terms"
    for view in korean:
        stored = index.terms_with_form(view["form"])
        assert [r["id"] for r in pending.terms_with_form(view["form"])] == [r["id"] for r in stored]
        ids = {view["id"]}
        assert pending.skeletons(ids) == index.skeletons(ids)
        from_build = readings_of(view["form"], None, [view], pending, dictionary, 5)
        from_store = readings_of(view["form"], None, [view], index, dictionary, 5)
        assert from_build == from_store
        assert enrich(view, pending, dictionary) == enrich(view, index, dictionary)


def test_concept_files_read_in_workers_give_the_same_glossary(tmp_path):
    shutil.copytree(DATA / "advice", tmp_path / "g")
    one, problems_one = read_glossary(tmp_path / "g", jobs=1)
    two, problems_two = read_glossary(tmp_path / "g", jobs=2)
    assert one is not None and one == two and problems_one == problems_two


def test_errors_found_in_workers_are_the_same(good_glossary):
    for bad in ("duplicate-term-id.yaml", "romanization-mismatch.yaml", "duplicate-key.yaml"):
        shutil.copy(DATA / "bad" / bad, good_glossary / "concepts" / bad)
    _none, one = read_glossary(good_glossary, jobs=1)
    _none, two = read_glossary(good_glossary, jobs=2)
    assert one and [(str(p), p.severity) for p in one] == [(str(p), p.severity) for p in two]


def _imports(path: Path, package: str) -> set[str]:
    """Return the package modules a file imports, inside functions too."""
    module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
    base = module.removesuffix(".__init__") if path.name == "__init__.py" else module
    base = base if path.name == "__init__.py" else base.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            root = base
            for _ in range(node.level - 1):
                root = root.rpartition(".")[0]
            target = f"{root}.{node.module}" if node.module else root
            found |= {target} | {f"{target}.{a.name}" for a in node.names}
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            found |= {n for n in names if n and n.startswith(package)}
    return found


def _edges() -> dict[str, set[str]]:
    """Return the package's import graph, module by module (imports inside functions too)."""
    files = {
        ".".join(p.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__"): p
        for p in SRC.rglob("*.py")
    }

    def owner(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    edges = {}
    for module, path in files.items():
        targets = {owner(t) for t in _imports(path, "nkterms")} - {None, module}
        # a package importing its own modules, or a module its package, is no layering edge
        edges[module] = {
            t for t in targets if not t.startswith(module + ".") and not module.startswith(t + ".")
        }
    return edges


def test_the_package_has_no_import_cycles():
    edges = _edges()

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), list(edges[start])
        while todo:
            here = todo.pop()
            if here == goal:
                return True
            if here not in seen:
                seen.add(here)
                todo += edges.get(here, ())
        return False

    cycles = sorted(m for m in edges if reaches(m, m))
    assert cycles == []


_PURE = {
    "nkterms.model",
    "nkterms.records",
    "nkterms.keys",
    "nkterms.readings",
    "nkterms.interfaces",
    "nkterms.errors",
    "nkterms.dates",
    "nkterms.check.advice",
    "nkterms.check.rules",
    "nkterms.check.spacing",
}


@pytest.mark.parametrize(
    ("layer", "allowed"),
    [
        ("pure", _PURE | {"nkterms.korean"}),
        ("store", _PURE | {"nkterms.korean", "nkterms.store"}),
    ],
)
def test_lower_layers_import_nothing_above_them(layer, allowed):
    edges = _edges()
    modules = sorted(_PURE | {"nkterms.korean.hangul", "nkterms.korean.hanja"})
    if layer == "store":
        modules = ["nkterms.store"]
    for module in modules:
        above = {
            t for t in edges[module] if t not in allowed and not t.startswith("nkterms.korean")
        }
        assert above == set(), f"{module} imports {sorted(above)}"


@pytest.mark.parametrize("engine", ["query.py", "ambiguity.py", "readings.py", "check/rules.py"])
def test_engines_write_no_sql(engine):
    text = (SRC / engine).read_text(encoding="utf-8")
    assert "sqlite3" not in text and ".execute(" not in text and "SELECT " not in text
