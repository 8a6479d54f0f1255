"""Benchmark the homophone engine: cold CLI start, and per-word cost over 10,000 words.

    python benchmarks/bench_homophones.py [--words 10000] [--runs 30]

Cold: `nkterms homophones 북향민` (a new process each time) against `python -c pass`, runs
interleaved. In-process: glossary-like words (dictionary words of 2-4 syllables, a third of
them with a -민 / -자 / -원 suffix) through `homophones()` on the shipped glossary.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lookup import _cli, versus_baseline  # noqa: E402


def words(count: int, seed: int = 20261126) -> list[str]:
    """Return `count` glossary-like Hangul words drawn from the dictionary data."""
    import nkterms

    data = Path(nkterms.__file__).parent / "data" / "hanja_words.tsv"
    readings = sorted(
        {line.split("\t")[0] for line in data.read_text(encoding="utf-8").splitlines()}
    )
    rng = random.Random(seed)
    picked = rng.sample(readings, count)
    return [w + rng.choice("민자원") if i % 3 == 0 else w for i, w in enumerate(picked)]


def in_process(count: int) -> dict:
    """Time homophones() per word on an opened index and dictionary."""
    from nkterms import homophones
    from nkterms.dictionary import open_dictionary
    from nkterms.index import open_index

    index, dictionary = open_index(), open_dictionary()
    sample = words(count)
    times, ambiguous = [], 0
    for word in sample:
        start = time.perf_counter()
        result = homophones(word, index=index, dictionary=dictionary)
        times.append(time.perf_counter() - start)
        ambiguous += result["ambiguous"]
    times.sort()
    return {
        "words": count,
        "median_ms": statistics.median(times) * 1e3,
        "p95_ms": times[int(len(times) * 0.95)] * 1e3,
        "mean_ms": statistics.fmean(times) * 1e3,
        "ambiguous": ambiguous,
    }


def main() -> None:
    """Run and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nkterms-bench-"))
    os.environ["NKTERMS_CACHE_DIR"] = str(work / "cache")
    env = dict(os.environ)
    try:
        command = _cli() + ["homophones", "북향민"]
        import subprocess

        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        cold = versus_baseline(command, args.runs, env)
        inproc = in_process(args.words)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"cold `nkterms homophones 북향민`: {cold['lookup_ms']:.1f} ms = {cold['ratio']:.2f}x "
        f"`python -c pass` ({cold['python_c_pass_ms']:.1f} ms)"
    )
    print(
        f"in-process over {inproc['words']:,} words: median {inproc['median_ms']:.3f} ms, "
        f"p95 {inproc['p95_ms']:.3f} ms, mean {inproc['mean_ms']:.3f} ms per word; "
        f"{inproc['ambiguous']:,} ambiguous"
    )


if __name__ == "__main__":
    main()
