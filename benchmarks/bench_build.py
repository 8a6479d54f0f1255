"""Benchmark compiling the lookup index of a generated glossary, against baselines of the same run.

    python benchmarks/bench_build.py [--terms 100000] [--repeat 2] [--glossary DIR]

Each run is a child process with an empty cache folder: `open_index(glossary)` reads, checks
and compiles the glossary (the cold build a curator waits for). Baselines, measured in the
same run: `python -c pass` (interpreter start) and a plain `yaml.load(..., CSafeLoader)` of
the same files (the least any YAML reading can cost). The report gives wall and CPU seconds
(CPU counts worker processes too, and does not grow with other load on the machine the way
wall time does), peak memory of the largest process, the ratios, and the load average, since
a shared machine's wall times mean little without it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_glossary import generate  # noqa: E402
from measure import children_cpu  # noqa: E402

# The child reports its peak memory (and its workers'); wall and CPU time are measured by
# the parent, so interpreter start-up counts.
_MEASURE = """
import json, resource, sys
{body}
peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({{"peak_mb": peak / 1024}}))
"""
_BODIES = {
    "python -c pass": "pass",
    "yaml.CSafeLoader load": (
        "import yaml, pathlib\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
        "    list(yaml.load_all(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader))"
    ),
    "nkterms build": (
        "from nkterms.index import open_index\nassert open_index(sys.argv[1]).size() > 0"
    ),
}


def run(name: str, glossary: Path) -> dict:
    """Run one measurement in a fresh process with an empty index cache."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NKTERMS_CACHE_DIR=cache)
        code = _MEASURE.format(body=_BODIES[name])
        before, start = children_cpu(), time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code, str(glossary)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        seconds, cpu = time.perf_counter() - start, children_cpu() - before
    return dict(json.loads(out.stdout.splitlines()[-1]), seconds=seconds, cpu=cpu)


def main() -> None:
    """Generate (or take) a glossary, time each command, print the table and JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--glossary", type=Path, help="an existing glossary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        glossary = args.glossary
        if glossary is None:
            glossary = Path(tmp) / "glossary"
            generate(args.terms, glossary)
        results: dict[str, list[dict]] = {name: [] for name in _BODIES}
        loads = []
        for _ in range(args.repeat):  # alternate, so load changes hit every command alike
            for name in _BODIES:
                loads.append(os.getloadavg()[0])
                results[name].append(run(name, glossary))
    best = {n: min(r, key=lambda m: m["cpu"]) for n, r in results.items()}
    build = best["nkterms build"]
    print(f"glossary: {glossary}, {args.repeat} runs each, best by CPU time")
    print(
        f"load average during the runs: {min(loads):.1f}-{max(loads):.1f} (CPUs: {os.cpu_count()})"
    )
    for name, m in best.items():
        walls = [r["seconds"] for r in results[name]]
        print(
            f"{name:24} wall {m['seconds']:7.2f} s (median {statistics.median(walls):7.2f})"
            f"  cpu {m['cpu']:7.2f} s  peak {m['peak_mb']:6.0f} MB"
            f"  build/this cpu {build['cpu'] / max(m['cpu'], 1e-9):6.1f}x"
        )
    print(json.dumps({"results": results, "load": loads}))


if __name__ == "__main__":
    main()
