"""Benchmark of the validating proxy: prints figures, asserts nothing (not a timed test).

    .venv/bin/python bench/proxy_bench.py [--requests 400] [--clients 20]

1. Added latency: the same GET (fetch) and POST (create) sent alternately straight to the mock and through the
   proxy in front of it, one keep-alive client each, over loopback; p50/p99 of each and of the difference. The
   proxy judges each exchange after it has answered, so judging costs throughput, not latency.
2. Concurrency: `--clients` threads, each with its own connection, through the proxy at once; every answer and
   every judged exchange is counted (a request the proxy dropped or left unjudged would show here).
3. Judging: the CPU time per exchange of `Inspector.inspect` (request conformance + every suite check).
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app, serve_in_thread
from paystack_contracts.proxy import Inspector, ProxyConfig, finished, running_proxy

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=400, help="measured requests per kind")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    args = parser.parse_args()
    print(f"cpus: {os.cpu_count()}; loopback; mock and proxy in this process (uvicorn threads)")
    with serve_in_thread(create_app(MockSettings(seed_customers=20, random_seed=1))) as mock:
        inspector = Inspector.for_target(mock)
        with running_proxy(ProxyConfig.vetted(mock), inspector) as proxy:
            code = httpx.get(f"{mock}/customer", headers=AUTH).json()["data"][0]["customer_code"]
            latency(mock, proxy.url, args.requests, code)
            concurrency(proxy.url, args.clients, 10)
            proxy.settle(60)
        result = finished(inspector)
    print(f"judged: {result.cases} exchanges over {len(result.operations)} operations, {len(result.findings)} findings")
    sample = inspector.recorded[0][1]
    started = time.process_time()
    for _ in range(200):
        inspector.inspect(sample)
    print(f"judging: {(time.process_time() - started) / 200 * 1000:.2f} ms CPU per exchange")


if __name__ == "__main__":
    main()
