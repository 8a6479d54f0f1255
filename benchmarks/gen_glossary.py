"""Generate a synthetic glossary of N terms for benchmarks (never shipped, never curated).

Each concept holds two Korean terms (random 3-4 syllable words, romanized with ko-pron so
the glossary validates) and one English term; 1,000 concepts go into one file as YAML
documents, so a 100,000-term glossary is ~34 files. `--per-concept K` puts K terms in each
concept (K-1 Korean, one English), e.g. one concept of 4,000 terms to time how the index
grows with a concept's size:

    python benchmarks/gen_glossary.py 100000 /tmp/glossary-100k
    python benchmarks/gen_glossary.py 4000 /tmp/glossary-one --per-concept 4000
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SYLLABLES = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시지치키티피히탈북향민한새터"
PER_FILE = 1000


def words(count: int, seed: int = 20261126) -> list[str]:
    """Return `count` distinct random Hangul words."""
    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < count:
        seen.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((3, 4)))))
    # sorted first: a set of strings iterates in an order that changes with PYTHONHASHSEED, so
    # shuffling it as it came gave another glossary in every process
    ordered = sorted(seen)
    rng.shuffle(ordered)
    return ordered


def concept_yaml(n: int, ko: list[str]) -> str:
    """Return one concept document."""
    from ko_pron import romanise

    lines = [f"id: synthetic-{n}", "category: other", "terms:"]
    for i, word in enumerate(ko):
        yale = romanise(word, "yr").replace(".", "").replace("q", "")
        # The first two share a rendering, as synonyms do; any others have their own.
        suffix = f"-{i}" if i >= 2 else ""
        lines += [
            f"  - id: syn-{n}-{i}",
            "    lang: ko",
            f"    form: {word}",
            "    origin: native",
            "    romanization:",
            f'      rr: "{romanise(word, "rr")}"',
            f'      mr: "{romanise(word, "mr")}"',
            f'      yale: "{yale}"',
            "    renderings:",
            f"      en: {{text: synthetic rendering {n}{suffix}, basis: translator}}",
        ]
    lines += [f"  - id: syn-{n}-en", "    lang: en", f"    form: synthetic term {n}"]
    return "\n".join(lines) + "\n"


def generate(terms: int, root: Path, per_concept: int = 3) -> None:
    """Write a glossary of about `terms` terms (`per_concept` per concept) under `root`."""
    korean = max(1, per_concept - 1)
    concepts = max(1, terms // (korean + 1))
    pool = words(concepts * korean)
    (root / "concepts").mkdir(parents=True, exist_ok=True)
    (root / "sources.yaml").write_text(
        "synthetic:\n  title: synthetic benchmark data\n  accessed: 2026-11-26\n", encoding="utf-8"
    )
    for start in range(0, concepts, PER_FILE):
        docs = [
            concept_yaml(n, pool[korean * n : korean * (n + 1)])
            for n in range(start, min(start + PER_FILE, concepts))
        ]
        (root / "concepts" / f"part-{start // PER_FILE:04d}.yaml").write_text(
            "---\n".join(docs), encoding="utf-8"
        )


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("terms", type=int)
    parser.add_argument("root", type=Path)
    parser.add_argument(
        "--per-concept", type=int, default=3, metavar="K", help="terms per concept (default 3)"
    )
    args = parser.parse_args()
    if args.per_concept < 2:
        parser.error("--per-concept must be at least 2 (one Korean term and one English)")
    generate(args.terms, args.root, args.per_concept)


if __name__ == "__main__":
    main()
