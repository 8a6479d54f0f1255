"""Measurements the benchmarks share: CPU time of finished child processes, and instruction
counts under valgrind's callgrind.

Instruction counts do not depend on what else the machine is doing, so two builds can be
compared on a busy machine where wall-clock times swing by a fifth.
"""

from __future__ import annotations

import resource
import subprocess
import tempfile


def children_cpu() -> float:
    """CPU seconds of the finished child processes (and theirs), user and system."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def instructions(command: list[str], env: dict | None = None) -> int:
    """Count the instructions a command runs under valgrind's callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out", *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            check=True,
        )
    # valgrind prints "Collected : 72,301,443" or without separators, by version and locale
    return int(done.stderr.rsplit("Collected : ", 1)[1].split()[0].replace(",", ""))
