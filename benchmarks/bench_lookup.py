"""Benchmark lookup: cold CLI start against `python -c pass`, and how cost grows with size.

Every number is reported next to a baseline measured in the same run, as a ratio. Nothing
here is asserted: benchmarks inform, tests decide.

    python benchmarks/bench_lookup.py                  # shipped glossary + 1k/10k/100k
    python benchmarks/bench_lookup.py --sizes 1000     # quicker

Run it with the Python of an environment where nkterms is installed (`pip install .` compiles
the bytecode, as a user's install does).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_glossary import generate  # noqa: E402
from measure import children_cpu, instructions  # noqa: E402


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("nkterms")
    return [str(script)] if script.exists() else [sys.executable, "-m", "nkterms"]


def _once(command: list[str], env: dict) -> tuple[float, float]:
    """Run a command; return its wall time and its CPU time (user + sys)."""
    cpu, start = children_cpu(), time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
    )
    return time.perf_counter() - start, children_cpu() - cpu


def versus_baseline(command: list[str], runs: int, env: dict) -> dict:
    """Wall time (median) and CPU time (mean) of a command and of `python -c pass`, runs
    interleaved so drift hits both. CPU time (user + sys) is the fairer figure on a shared,
    loaded machine."""
    base, timed = [], []
    for _ in range(runs):
        base.append(_once([sys.executable, "-c", "pass"], env))
        timed.append(_once(command, env))
    b, t = statistics.median(w for w, _ in base), statistics.median(w for w, _ in timed)
    # CPU time comes in scheduler ticks: the mean of many runs, not the median, resolves it
    bc, tc = statistics.mean(c for _, c in base), statistics.mean(c for _, c in timed)
    return {
        "python_c_pass_ms": b * 1e3,
        "lookup_ms": t * 1e3,
        "ratio": t / b,
        "python_c_pass_cpu_ms": bc * 1e3,
        "lookup_cpu_ms": tc * 1e3,
        "cpu_ratio": tc / bc if bc else float("nan"),
    }


def import_times(
    command: list[str], env: dict, runs: int = 9, top: int = 12
) -> list[tuple[int, int, str]]:
    """Return the `-X importtime` entries with the most time of their own, as medians over
    `runs` runs: (self µs, cumulative µs, module)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for _ in range(runs):
        done = subprocess.run(
            command,
            env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
            capture_output=True,
            text=True,
            check=False,
        )
        for line in done.stderr.splitlines():
            parts = line.removeprefix("import time:").split("|")
            if len(parts) == 3 and parts[0].strip().isdigit():
                seen.setdefault(parts[2].rstrip(), []).append((int(parts[0]), int(parts[1])))
    rows = [
        (int(statistics.median(s for s, _ in t)), int(statistics.median(c for _, c in t)), name)
        for name, t in seen.items()
    ]
    return sorted(rows, reverse=True)[:top]


def cold(query: str, glossary: str | None, runs: int, env: dict) -> dict:
    """Cold `nkterms lookup QUERY` (a new process each time) against `python -c pass`."""
    args = _cli() + (["--glossary", glossary] if glossary else []) + ["lookup", query]
    subprocess.run(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )  # compile index
    return versus_baseline(args, runs, env)


def cold_instructions(env: dict) -> dict:
    """Instructions of `python -c pass`, the installed `nkterms` command and `python -m nkterms`
    for `lookup bukhyangmin` on the shipped glossary (the command is scripts/nkterms)."""
    query = ["lookup", "bukhyangmin"]
    subprocess.run(_cli() + query, stdout=subprocess.DEVNULL, env=env, check=True)
    base = instructions([sys.executable, "-c", "pass"], env)
    out = {"python_c_pass": base}
    script = Path(sys.executable).with_name("nkterms")
    if script.exists():
        out["script"] = instructions([sys.executable, str(script), *query], env)
    out["module"] = instructions([sys.executable, "-m", "nkterms", *query], env)
    return out


_BUILD = """
import json, resource, sys, time
from nkterms.index import open_index
start = time.perf_counter()
index = open_index(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - start, "terms": index.size(),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_INPROCESS = """
import json, statistics, sys, time
from nkterms.index import open_index
from nkterms.query import search
index = open_index(sys.argv[1])
size = index.size()
records = [index.record(n) for n in range(0, size, max(1, size // 200))]
def median(queries):
    times = []
    for query in queries:
        start = time.perf_counter(); search(query, index=index); times.append(time.perf_counter() - start)
    return statistics.median(times)
forms = [r["form"] for r in records]
romanized = [r["romanizations"]["rr"] for r in records if r["romanizations"]["rr"]]
typos = [q[:2] + "x" + q[3:] for q in romanized]
found = sum(1 for q in typos if search(q, index=index)[1])
print(json.dumps({"exact_us": median(forms) * 1e6, "exact_rr_us": median(romanized) * 1e6,
                  "typo_ms": median(typos) * 1e3, "typos_with_suggestions": f"{found}/{len(typos)}"}))
"""


def _child(code: str, *args: str, env: dict) -> str:
    """Run Python code in a new process (so its peak memory is its own); return its stdout."""
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    ).stdout


def scale(size: int, runs: int, env: dict, work: Path) -> dict:
    """Generate a glossary of `size` terms, compile it, and time lookups on it."""
    root = work / f"glossary-{size}"
    generate(size, root)
    build = json.loads(_child(_BUILD, str(root), env=env))
    inproc = json.loads(_child(_INPROCESS, str(root), env=env))
    probe = _child(
        "import sys; from nkterms.index import open_index;"
        "print(open_index(sys.argv[1]).record(0)['form'])",
        str(root),
        env=env,
    ).strip()
    return {
        "terms": size,
        "build": build,
        "in_process": inproc,
        "cold": cold(probe, str(root), runs, env),
    }


def main() -> None:
    """Run the benchmarks and print a table; --json for the raw numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions of the cold lookup with valgrind (slow; needs valgrind)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nkterms-bench-"))
    env = {**os.environ, "NKTERMS_CACHE_DIR": str(work / "cache")}
    env.pop("NKTERMS_GLOSSARY", None)
    try:
        report = {
            "shipped": {q: cold(q, None, args.runs, env) for q in ("bukhyangmin", "탈북민들이")},
            "importtime": import_times(_cli() + ["lookup", "bukhyangmin"], env),
            "scale": [scale(size, args.runs, env, work) for size in args.sizes],
        }
        if args.instructions:
            report["instructions"] = cold_instructions(env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    for query, row in report["shipped"].items():
        print(
            f"cold `nkterms lookup {query}` (shipped glossary): {row['lookup_ms']:.1f} ms = "
            f"{row['ratio']:.2f}x `python -c pass` ({row['python_c_pass_ms']:.1f} ms); CPU "
            f"{row['lookup_cpu_ms']:.1f} ms = {row['cpu_ratio']:.2f}x "
            f"({row['python_c_pass_cpu_ms']:.1f} ms)"
        )
    counts = report.get("instructions", {})
    base = counts.get("python_c_pass")
    for name, label in (("script", "the nkterms command"), ("module", "python -m nkterms")):
        if name in counts:
            print(
                f"cold `lookup bukhyangmin` via {label}: {counts[name] / 1e6:.1f} M instructions "
                f"= {counts[name] / base:.2f}x `python -c pass` ({base / 1e6:.1f} M)"
            )
    print("-X importtime, most time of their own (µs self | cumulative | module):")
    for own, cumulative, name in report["importtime"]:
        print(f"  {own:6d} | {cumulative:6d} | {name}")
    print(
        "\n| terms | build s | peak MB | cold lookup ms | x python -c pass | exact µs | exact RR µs | typo ms | typos suggested |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in report["scale"]:
        b, i, c = row["build"], row["in_process"], row["cold"]
        print(
            f"| {row['terms']:,} | {b['seconds']:.1f} | {b['peak_mb']:.0f} | {c['lookup_ms']:.1f} | "
            f"{c['ratio']:.2f} | {i['exact_us']:.0f} | {i['exact_rr_us']:.0f} | {i['typo_ms']:.2f} | "
            f"{i['typos_with_suggestions']} |"
        )


if __name__ == "__main__":
    main()
