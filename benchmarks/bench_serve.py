"""Benchmark `nkterms serve` under load: 50 concurrent clients on loopback, for 30 s.

Each client (a thread with its own keep-alive connection) sends, in turn, a lookup (any
spelling), a 10 KB check and GET /api/health, so the baseline, health, is measured on the
same server, under the same load, in the same run. Reported per kind: requests, failures,
requests per second, p50 and p95 latency, and p95 as a multiple of health's p95 (targets:
lookup within 3x, a 10 KB check under 10x). Nothing is asserted: benchmarks inform.

    python benchmarks/bench_serve.py                    # 50 clients, 30 s, shipped glossary
    python benchmarks/bench_serve.py --clients 10 --seconds 5 --threads 8

Loopback only, and bounded twice: by time (--seconds, at most 120) and by count
(--max-requests). The load generator shares the machine's cores with the server, so the
numbers are a floor for what the server does alone.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
from serve_screenshots import running_server  # noqa: E402  (starts `nkterms serve`)

QUERIES = [
    "북향민은",
    "北鄕民",
    "bukhyangmin",
    "talbukmin",
    "North Korean defector",
    "saetomin",
    "탈북자들이",
    "bukhyangmn",
    "Pukhyangmin",
    "脱北者",
]
PARAGRAPH = (
    "통일부는 내년부터 북향민에 대한 정착 지원을 늘린다고 밝혔다. 탈북민 단체는 명칭 변경에 "
    "반대했고, 일부 언론은 여전히 탈북자라는 말을 쓴다. 새터민들도 지원 대상이다.\n"
    "Officials said North Korean defectors would get job training in Hanawon.\n"
)


def article(size: int = 10_000) -> str:
    """A mixed Korean and English article of about `size` UTF-8 bytes."""
    text = ""
    while len(text.encode()) < size:
        text += PARAGRAPH
    return text


class Client(threading.Thread):
    """One client: lookup, check, health in turn until the deadline or the shared budget."""

    def __init__(self, host: str, port: int, body: bytes, deadline: float, budget):
        super().__init__(daemon=True)
        self.host, self.port, self.body, self.deadline, self.budget = (
            host,
            port,
            body,
            deadline,
            budget,
        )
        self.times: dict[str, list[float]] = {"lookup": [], "check": [], "health": []}
        self.failures: dict[str, int] = {"lookup": 0, "check": 0, "health": 0}
        self.reasons: list[str] = []  # what the first failures were

    def request(self, conn, kind: str, n: int) -> None:
        if kind == "lookup":
            q = urllib.parse.quote(QUERIES[n % len(QUERIES)])
            args = ("GET", f"/api/lookup?q={q}")
            headers = {}
        elif kind == "check":
            args, headers = ("POST", "/api/check"), {"Content-Type": "application/json"}
        else:
            args, headers = ("GET", "/api/health"), {}
        start = time.perf_counter()
        conn.request(*args, body=self.body if kind == "check" else None, headers=headers)
        response = conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - start
        if response.status != 200 or not data.startswith(b"{"):
            self.fail(kind, f"{kind}: HTTP {response.status}: {data[:120]!r}")
        else:
            self.times[kind].append(elapsed)

    def fail(self, kind: str, reason: str) -> None:
        self.failures[kind] += 1
        if len(self.reasons) < 3:
            self.reasons.append(reason)

    def run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        n = 0
        while time.monotonic() < self.deadline and self.budget.take():
            kind = ("lookup", "check", "health")[n % 3]
            try:
                self.request(conn, kind, n // 3)
            except (OSError, http.client.HTTPException) as err:
                self.fail(kind, f"{kind}: {type(err).__name__}: {err}")
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            n += 1
        conn.close()


class Budget:
    """A shared count of requests left (the bound on count)."""

    def __init__(self, total: int):
        self.left, self.lock = total, threading.Lock()

    def take(self) -> bool:
        with self.lock:
            self.left -= 1
            return self.left >= 0


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def run(url: str, clients: int, seconds: float, max_requests: int) -> dict:
    """Load the server at `url`; return the numbers per kind."""
    parsed = urllib.parse.urlsplit(url)
    body = json.dumps({"text": article(), "kind": "txt", "lang": "auto"}).encode()
    budget = Budget(max_requests)
    start = time.monotonic()
    threads = [
        Client(parsed.hostname, parsed.port, body, start + seconds, budget) for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - start
    out = {"clients": clients, "seconds": round(wall, 1), "check_bytes": len(article().encode())}
    for kind in ("health", "lookup", "check"):
        times = [t for c in threads for t in c.times[kind]]
        out[kind] = {
            "requests": len(times),
            "failed": sum(c.failures[kind] for c in threads),
            "req_per_s": round(len(times) / wall, 1),
            "p50_ms": round(statistics.median(times) * 1000, 1) if times else None,
            "p95_ms": round(percentile(times, 0.95) * 1000, 1),
        }
    out["failures"] = sorted({r for c in threads for r in c.reasons})[:10]
    base = out["health"]["p95_ms"]
    for kind in ("lookup", "check"):
        out[kind]["p95_vs_health"] = round(out[kind]["p95_ms"] / base, 2) if base else None
    return out


def main() -> None:
    """Start a server on the glossary, load it, print the report (and --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--max-requests", type=int, default=500_000)
    parser.add_argument("--glossary", default=str(REPO / "glossary"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    seconds = min(args.seconds, 120)
    with tempfile.TemporaryDirectory() as cache, running_server(Path(args.glossary), cache) as url:
        result = run(url, args.clients, seconds, args.max_requests)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['clients']} clients, {result['seconds']} s, checks of {result['check_bytes']:,} bytes"
    )
    print(
        f"{'':8}{'requests':>10}{'failed':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p95/health':>12}"
    )
    for kind in ("health", "lookup", "check"):
        r = result[kind]
        ratio = f"{r['p95_vs_health']}x" if "p95_vs_health" in r else ""
        print(
            f"{kind:8}{r['requests']:>10}{r['failed']:>8}{r['req_per_s']:>9}{r['p50_ms']:>9}{r['p95_ms']:>9}{ratio:>12}"
        )
    for reason in result["failures"]:
        print(f"failed: {reason}")


if __name__ == "__main__":
    main()
