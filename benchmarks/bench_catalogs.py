"""Benchmark catalog builds on a generated glossary, and the .mo step against GNU msgfmt.

    python benchmarks/bench_catalogs.py [--terms 100000]

Builds every catalog of a synthetic glossary in a child process (wall time and peak
memory), then compiles the same .po to .mo with babel (what `nkterms build` uses) and with
GNU `msgfmt`, alternating runs, and reports the ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_glossary import generate  # noqa: E402

_BUILD = """
import json, resource, sys, time
from pathlib import Path
from nkterms.catalogs import render, write
from nkterms.glossary import load
start = time.perf_counter()
glossary = load(sys.argv[1])
loaded = time.perf_counter()
files = render(glossary)
write(files, Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - start, "load_seconds": loaded - start,
                  "files": len(files), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_BABEL_MO = """
import sys, time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
catalog = read_po(open(sys.argv[1], "rb"))
start = time.perf_counter()
write_mo(open(sys.argv[2], "wb"), catalog)
print(time.perf_counter() - start)
"""


def main() -> None:
    """Run and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nkterms-bench-"))
    try:
        generate(args.terms, work / "glossary")
        build = json.loads(
            subprocess.run(
                [sys.executable, "-c", _BUILD, str(work / "glossary"), str(work / "locales")],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        po = work / "locales" / "en" / "LC_MESSAGES" / "nkterms.po"
        entries = po.read_text(encoding="utf-8").count("\nmsgctxt ")
        babel, gnu = [], []
        for _ in range(args.runs):
            # babel's figure is the compile step alone, timed inside its process
            babel.append(
                float(
                    subprocess.run(
                        [sys.executable, "-c", _BABEL_MO, str(po), str(work / "b.mo")],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                )
            )
            start = time.perf_counter()
            subprocess.run(["msgfmt", "-o", str(work / "g.mo"), str(po)], check=True)
            gnu.append(time.perf_counter() - start)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    b, g = statistics.median(babel), statistics.median(gnu)
    print(
        f"{args.terms:,} terms: all catalogs ({build['files']} files) built in {build['seconds']:.1f} s "
        f"(reading the glossary {build['load_seconds']:.1f} s), peak {build['peak_mb']:.0f} MB"
    )
    print(
        f".mo of {entries:,} entries: babel write_mo {b * 1e3:.0f} ms vs GNU msgfmt (whole process) "
        f"{g * 1e3:.0f} ms = {b / g:.2f}x"
    )


if __name__ == "__main__":
    main()
