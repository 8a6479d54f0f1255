"""Benchmark nkterms check on a generated Korean + English corpus against grep in the same run.

    python benchmarks/bench_check.py [--mb 50]

Writes a dense corpus (a glossary term every ~150 characters) and a sparse one (every ~5 KB),
the list of every term form the checker looks for, and times:
  nkterms check corpus --exit-zero                    (the whole checker, text output)
  grep -F -o -f forms corpus | wc -l                  (the baseline the issue names; the
                                                      corpus writes every form as listed)
  rg -F -c -f forms corpus                            (when ripgrep is installed)
The automaton's raw hit count must equal grep's count of the same forms (an independent
count); the report says whether it does. Also: a 10 KB article checked cold, against
`python -c pass`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILLER_KO = [
    "오늘 정부는 새로운 정책을 발표했다",
    "회의는 오후에 열렸다",
    "관계자는 자세한 내용을 밝히지 않았다",
    "시민들은 광장에 모였다",
    "경제 지표가 개선되었다",
]
FILLER_EN = [
    "The minister spoke to reporters on Tuesday",
    "Officials declined to comment",
    "The report was published in Seoul",
    "Prices rose again this quarter",
]
PARTICLES = ["", "은", "는", "이", "가", "을", "를", "들이", "들에게서는", "으로서의", "의"]


def corpus(path: Path, mb: int, every: int, forms: list[str], seed: int = 7) -> None:
    """Write about `mb` MB of sentences with a term roughly every `every` characters."""
    rng = random.Random(seed)
    korean = [f for f in forms if not f.isascii()]
    english = [f for f in forms if f.isascii()]
    target, written, since = mb * 1_000_000, 0, 0
    with open(path, "w", encoding="utf-8") as handle:
        while written < target:
            line = f"{rng.choice(FILLER_KO)}. {rng.choice(FILLER_EN)}."
            since += len(line)
            if since >= every:
                since = 0
                line += f" {rng.choice(korean)}{rng.choice(PARTICLES)} 문제. North Korea {rng.choice(english)}s."
            data = line + "\n"
            handle.write(data)
            written += len(data.encode("utf-8"))


def timed(command: str) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(command, shell=True, capture_output=True, text=True, check=False).stdout
    return time.perf_counter() - start, out


def main() -> None:
    """Run and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    from nkterms.check.engine import Patterns
    from nkterms.check.rules import index_rules
    from nkterms.index import open_index

    patterns = Patterns(index_rules(open_index()))
    forms = patterns.forms
    nkterms = str(Path(sys.executable).with_name("nkterms"))
    work = Path(tempfile.mkdtemp(prefix="nkterms-bench-"))
    try:
        (work / "forms").write_text("\n".join(forms) + "\n", encoding="utf-8")
        for name, every in (("dense", 150), ("sparse", 5000)):
            path = work / f"{name}.txt"
            corpus(path, args.mb, every, forms)
            size = path.stat().st_size / 1e6
            ours, out = timed(f"{nkterms} check {path} --exit-zero")
            findings = out.count("\n")
            grep, count = timed(f"LC_ALL=C.UTF-8 grep -F -o -f {work / 'forms'} {path} | wc -l")
            raw = _raw_hits(patterns, path)
            line = (
                f"{name}: {size:.0f} MB; nkterms check {size / ours:.0f} MB/s ({findings:,} findings); "
                f"grep -F -o | wc -l {size / grep:.0f} MB/s ({int(count):,} matches); "
                f"checker / grep = {grep / ours:.2f}x throughput; raw automaton hits {raw:,} "
                f"{'==' if raw == int(count) else '!='} grep's count"
            )
            if shutil.which("rg"):
                rg, _ = timed(f"rg -F -c -f {work / 'forms'} {path}")
                line += f"; rg -F -c {size / rg:.0f} MB/s"
            print(line)
        article = work / "article.md"
        with open(work / "dense.txt", encoding="utf-8") as handle:
            article.write_text(handle.read(10_000), encoding="utf-8")
        subprocess.run([nkterms, "check", str(article), "--exit-zero"], capture_output=True)
        base, cold = [], []
        for _ in range(20):
            base.append(timed(f"{sys.executable} -c pass")[0])
            cold.append(timed(f"{nkterms} check {article} --exit-zero > /dev/null")[0])
        b, c = statistics.median(base), statistics.median(cold)
        print(
            f"10 KB article cold: {c * 1e3:.1f} ms = {c / b:.2f}x `python -c pass` ({b * 1e3:.1f} ms)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _raw_hits(patterns, path: Path) -> int:
    count = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            count += len(patterns.automaton.find_matches_as_indexes(line.lower()))
    return count


if __name__ == "__main__":
    main()
