"""Benchmark of the validating proxy: prints figures, asserts nothing (not a timed test).

    .venv/bin/python bench/proxy_bench.py [--requests 400] [--clients 20]

The mock (`paystack-contracts mock`) and the proxy (`paystack-contracts proxy`) run as their own processes, as a
user runs them; this process is only the client.

1. Added latency: the same GET (fetch) and POST (create) sent alternately straight to the mock and through the
   proxy in front of it, one keep-alive client each, over loopback; p50/p99 of each and of the difference. The
   proxy judges each exchange after it has answered, so judging costs throughput, not latency.
2. Concurrency: `--clients` threads, each with its own connection, through the proxy at once; every answer is
   counted, and the proxy's report.json (written when it stops) says how many exchanges it judged.
3. Judging: the CPU time per exchange of `Inspector.inspect` (request conformance + every suite check), in-process.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from paystack_contracts.mock import DEFAULT_TEST_KEY
from paystack_contracts.proxy import Inspector, Observed

AUTH = {"Authorization": f"Bearer {DEFAULT_TEST_KEY}"}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def timed(send: Callable[[httpx.Client], httpx.Response], client: httpx.Client) -> float:
    started = time.perf_counter()
    send(client).raise_for_status()
    return (time.perf_counter() - started) * 1000


def latency(direct: str, proxied: str, requests: int, code: str) -> None:
    with httpx.Client(base_url=direct, headers=AUTH) as d, httpx.Client(base_url=proxied, headers=AUTH) as p:
        for name, send in (
            ("GET  fetch", lambda c: c.get(f"/customer/{code}")),
            ("POST create", lambda c: c.post("/customer", json={"email": "bench@example.com"})),
        ):
            for _ in range(20):  # warm both paths
                send(d), send(p)
            pairs = [(timed(send, d), timed(send, p)) for _ in range(requests)]
            direct_ms, proxy_ms = [a for a, _ in pairs], [b for _, b in pairs]
            added = [b - a for a, b in pairs]
            print(
                f"{name}: direct p50 {percentile(direct_ms, 50):.2f} ms p99 {percentile(direct_ms, 99):.2f} | "
                f"proxied p50 {percentile(proxy_ms, 50):.2f} ms p99 {percentile(proxy_ms, 99):.2f} | "
                f"added p50 {statistics.median(added):.2f} ms p99 {percentile(added, 99):.2f} ms"
            )


def concurrency(proxied: str, clients: int, each: int) -> int:
    barrier = threading.Barrier(clients)

    def client(_: int) -> int:
        with httpx.Client(base_url=proxied, headers=AUTH) as http:
            barrier.wait(timeout=30)
            return sum(http.get("/customer", params={"perPage": 5}).status_code == 200 for _ in range(each))

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        answered = sum(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - started
    print(f"{clients} concurrent clients x {each}: {answered}/{clients * each} answered 200 in {elapsed:.2f} s")
    return answered


def exchange(response: httpx.Response) -> Observed:
    request = response.request
    return Observed(
        request.method,
        str(request.url),
        tuple(request.headers.multi_items()),
        request.content,
        response.status_code,
        tuple(response.headers.multi_items()),
        response.content,
    )


def started(command: list[str], cwd: Path) -> tuple[subprocess.Popen[str], str]:
    """A CLI process and the loopback URL it announced on its first line."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+", line)
    if found is None:
        process.kill()
        raise SystemExit(f"did not start: {line!r}")
    return process, found.group(0)


def stopped(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=400, help="measured requests per kind")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    args = parser.parse_args()
    cli = [sys.executable, "-m", "paystack_contracts"]
    print(f"cpus: {os.cpu_count()}; loopback; mock, proxy and this client in three processes")
    with tempfile.TemporaryDirectory() as scratch:
        reports = Path(scratch)
        mock, mock_url = started([*cli, "mock", "--port", "0", "--seed-customers", "20"], reports)
        proxy, proxy_url = started(
            [*cli, "proxy", "--upstream", mock_url, "--port", "0", "--report-dir", scratch], reports
        )
        try:
            code = httpx.get(f"{mock_url}/customer", headers=AUTH).json()["data"][0]["customer_code"]
            latency(mock_url, proxy_url, args.requests, code)
            concurrency(proxy_url, args.clients, 10)
            with httpx.Client(base_url=mock_url, headers=AUTH) as client:
                sample = exchange(client.get("/customer", params={"perPage": 5}))
        finally:
            stopped(proxy)
            stopped(mock)
        report = json.loads((reports / "report.json").read_text())
    judged = sum(op["cases"] for op in report["operations"])
    print(f"judged by the proxy: {judged} exchanges, {len(report['findings'])} findings")
    inspector = Inspector.for_target("bench")
    inspector.inspect(sample)
    began = time.process_time()
    for _ in range(200):
        inspector.inspect(sample)
    print(f"judging: {(time.process_time() - began) / 200 * 1000:.2f} ms CPU per exchange (a list page)")


if __name__ == "__main__":
    main()
