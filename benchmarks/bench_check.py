"""Benchmark nkterms check on a generated Korean + English corpus against grep in the same run.

    python benchmarks/bench_check.py [--mb 50] [--repeat 5]

Writes a dense corpus (a glossary term every ~150 characters) and a sparse one (every ~5 KB),
the list of every term form the checker looks for, and times, each --repeat times in turn
(medians reported; this machine's timings swing by a fifth from run to run):
  nkterms check corpus --exit-zero | wc -l            (the whole checker, text output)
  nkterms check corpus --exit-zero --jobs 1 | wc -l   (the same on one thread)
  grep -F -o -f forms corpus | wc -l                  (the baseline the issue names; the
                                                      corpus writes every form as listed)
  rg -F -c -f forms corpus                            (when ripgrep is installed)
Two independent counts back the numbers: grep's count of the forms equals a leftmost-longest
count of the same forms with ahocorasick-rs (so the forms and corpus are what grep saw), and
the Python path (NKTERMS_PURE=1: ahocorasick-rs and Python judging, no compiled code) prints
byte for byte what the compiled scanner prints on the whole corpus. Also: a 10 KB article
checked cold, against `python -c pass`.

With --instructions, also counts instructions with valgrind's callgrind (independent of the
load on a shared machine, so an A/B of two installs can be run in any window): `nkterms
check --exit-zero` with --jobs 1 and 2 on a 2 MB dense and a 2 MB sparse corpus (just over
the 2 MB an article may have, so streamed like the large ones), the cold 10 KB article and
`python -c pass`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import instructions  # benchmarks/ is the script's own folder, first on sys.path

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


def timed(command: str, env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(
        command, shell=True, capture_output=True, text=True, check=False, env=env
    ).stdout
    return time.perf_counter() - start, out


def medians(commands: dict[str, str], repeat: int) -> dict[str, float]:
    """Time each command `repeat` times, taking turns, and return the median of each."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            times[name].append(timed(command)[0])
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> None:
    """Run and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions with valgrind (slow; needs valgrind)",
    )
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
            check = f"{nkterms} check {path} --exit-zero"
            grep = f"LC_ALL=C.UTF-8 grep -F -o -f {work / 'forms'} {path} | wc -l"
            commands = {
                "ours": f"{check} | wc -l",
                "one": f"{check} --jobs 1 | wc -l",
                "grep": grep,
            }
            if shutil.which("rg"):
                commands["rg"] = f"rg -F -c -f {work / 'forms'} {path}"
            t = medians(commands, args.repeat)
            findings = int(timed(commands["ours"])[1])
            count = int(timed(grep)[1])
            raw = _raw_hits(forms, path)
            compiled = timed(check)[1]
            pure = timed(check, env={**os.environ, "NKTERMS_PURE": "1"})[1]
            line = (
                f"{name}: {size:.0f} MB; nkterms check {size / t['ours']:.0f} MB/s "
                f"({findings:,} findings), --jobs 1 {size / t['one']:.0f} MB/s; "
                f"grep -F -o | wc -l {size / t['grep']:.0f} MB/s ({count:,} matches); "
                f"checker / grep = {t['grep'] / t['ours']:.2f}x throughput "
                f"({t['grep'] / t['one']:.2f}x on one thread); "
                f"leftmost-longest count {raw:,} {'==' if raw == count else '!='} grep's; "
                f"Python path output {'==' if pure == compiled else '!='} compiled output"
            )
            if "rg" in t:
                line += f"; rg -F -c {size / t['rg']:.0f} MB/s"
            print(line, flush=True)
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
        if args.instructions:
            for line in instruction_counts(nkterms, work, forms, article):
                print(line, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def instruction_counts(nkterms: str, work: Path, forms: list[str], article: Path) -> list[str]:
    """Lines of instruction counts: 2 MB corpora with --jobs 1 and 2, the cold article."""
    base = instructions([sys.executable, "-c", "pass"])
    out = [f"instructions: `python -c pass` {base / 1e6:.1f} M"]
    for name, every in (("dense", 150), ("sparse", 5000)):
        path = work / f"{name}-2mb.txt"
        corpus(path, 2, every, forms)
        for jobs in (1, 2):
            count = instructions([nkterms, "check", str(path), "--exit-zero", "--jobs", str(jobs)])
            out.append(f"instructions: {name} 2 MB --jobs {jobs}: {count / 1e6:.1f} M")
    count = instructions([nkterms, "check", str(article), "--exit-zero"])
    out.append(f"instructions: 10 KB article cold: {count / 1e6:.1f} M = {count / base:.2f}x")
    return out


def _raw_hits(forms: list[str], path: Path) -> int:
    """Count the forms as grep -F -o does: leftmost-longest, not overlapping, line by line."""
    import ahocorasick_rs

    automaton = ahocorasick_rs.AhoCorasick(
        forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
    count = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            count += len(automaton.find_matches_as_indexes(line))
    return count


if __name__ == "__main__":
    main()
