"""Precision and recall of `nkterms check` on real journalism against an editor's annotations.

    python benchmarks/bench_journalism.py [--preset NAME] [--legacy]

The corpus is tests/data/journalism/: real passages (Korean, English, mixed; wire, newspaper,
encyclopedia; about defectors and about other subjects that use the same words), each with a
YAML file naming every place a glossary term is found and what an editor expects there: the
voice (use, speech, mention, other-sense) and the severity (or none).

Matching rule: a finding matches an expected place when path, line, column, term id and
severity are all equal. Precision = matched findings / findings; recall = matched places /
expected places (places whose expected severity is not none). Two modes:
  every     every occurrence (`--every`): every annotated place with a severity;
  one-voice the default: the first place of each term in each voice (use, speech, mention),
            later ones folded into it.
With --preset the expected severity of each place is derived from its voice and the preset's
severity of the term (a use as it is, a mention one level lower but at least info, speech at
most info, a compound at most info). --legacy measures a checker without --every or --preset (its
default reports every occurrence; its one-voice mode is --first-only; --config gives it the
preset's [prefer] table), from another source tree with --source.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "journalism"
SEVERITIES = ("info", "warning", "error")


def load(corpus: Path = CORPUS) -> dict[str, list[dict]]:
    """Return {passage file name: its annotated places, in text order}."""
    out = {}
    for annotation in sorted(corpus.glob("*.yaml")):
        data = yaml.safe_load(annotation.read_text(encoding="utf-8"))
        out[data["passage"]] = sorted(data["places"], key=lambda p: (p["line"], p["col"]))
    return out


def derived(place: dict, severity: str | None) -> str | None:
    """The severity an editor expects at a place, from its voice and the term's severity."""
    if place["kind"] == "other-sense" or severity is None:
        return None
    if place.get("compound"):
        severity = "info"
    if place["kind"] == "speech":
        return "info"
    if place["kind"] == "mention":
        return SEVERITIES[max(0, SEVERITIES.index(severity) - 1)]
    return severity


def expected(corpus: dict, one_voice: bool, severity_of=None) -> set[tuple]:
    """The (file, line, col, term, severity) an editor expects to see. `severity_of(term)`
    gives the term's severity under a preset (None: the annotated severities)."""
    out = set()
    for name, places in corpus.items():
        seen = set()
        for p in places:
            severity = p["severity"]
            if severity_of is not None:
                severity = derived(p, severity_of(p["term"]))
            if severity is None:
                continue
            if one_voice and (p["term"], p["kind"]) in seen:
                continue
            seen.add((p["term"], p["kind"]))
            out.add((name, p["line"], p["col"], p["term"], severity))
    return out


def found(files: list[Path], args: list[str], source: str | None = None) -> set[tuple]:
    """Run `nkterms check --format json` on the passages (the nkterms in `source`, a src/
    folder, when given); return its findings as tuples."""
    command = [sys.executable, "-m", "nkterms", "check", "--format", "json", "--exit-zero"]
    env = {**os.environ, "PYTHONPATH": source} if source else None
    done = subprocess.run(
        [*command, *args, *map(str, files)], capture_output=True, text=True, check=True, env=env
    )
    return {
        (Path(f["path"]).name, f["line"], f["col"], f["term"], f["severity"])
        for f in json.loads(done.stdout)["findings"]
    }


def score(findings: set, wanted: set) -> dict:
    """Return precision, recall and the places that differ."""
    hits = findings & wanted
    return {
        "findings": len(findings),
        "expected": len(wanted),
        "matched": len(hits),
        "precision": len(hits) / len(findings) if findings else 1.0,
        "recall": len(hits) / len(wanted) if wanted else 1.0,
        "false": sorted(findings - wanted),
        "missed": sorted(wanted - findings),
    }


def preset_severities(preset: str):
    """The severity of each term under a preset (through the library, as the checker sees it)."""
    from nkterms.check.config import House, house_rules
    from nkterms.index import open_index

    rules = house_rules(open_index(None), House({"preset": preset}))
    by_term = {r.term: r.severity for r in rules}
    return by_term.get


def measure(preset=None, legacy=False, config=None, source=None) -> dict[str, dict]:
    """Score both modes; return {mode: score}. `config`: a house config file for the checker
    (with `preset`, the expected severities still come from the preset)."""
    corpus = load()
    files = [CORPUS / name for name in corpus]
    severity_of = preset_severities(preset) if preset else None
    extra = ["--config", str(config)] if config else ["--preset", preset] if preset else []
    every_args = [] if legacy else ["--every"]
    one_args = ["--first-only"] if legacy else []
    return {
        "every": score(
            found(files, every_args + extra, source), expected(corpus, False, severity_of)
        ),
        "one-voice": score(
            found(files, one_args + extra, source), expected(corpus, True, severity_of)
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preset")
    parser.add_argument("--legacy", action="store_true")
    parser.add_argument(
        "--config", help="a house config for the checker (a legacy run's stand-in for a preset)"
    )
    parser.add_argument("--show", action="store_true", help="list false and missed places")
    parser.add_argument("--source", help="the src/ folder of another nkterms to measure (--legacy)")
    args = parser.parse_args()
    corpus = load()
    kinds: dict[str, int] = {}
    for places in corpus.values():
        for p in places:
            kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    print(f"{len(corpus)} passages, {sum(kinds.values())} places: {kinds}")
    for mode, result in measure(args.preset, args.legacy, args.config, args.source).items():
        print(
            f"{mode:10} findings {result['findings']:4}  expected {result['expected']:4}  "
            f"precision {result['precision']:.3f}  recall {result['recall']:.3f}"
        )
        if args.show:
            for label in ("false", "missed"):
                for item in result[label]:
                    print(f"   {label}: {item}")


if __name__ == "__main__":
    main()
