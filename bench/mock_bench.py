"""Benchmark of the local Paystack sandbox: prints figures, asserts nothing (not a timed test).

    .venv/bin/python bench/mock_bench.py [--seconds 5] [--connections 8] [--customers 100000]

1. In-process: p50/p99 of one fetch and of list pages with --customers stored, calling the ASGI app directly
   (no HTTP client in the way).
2. Loopback: the mock served by `paystack-contracts mock` (uvicorn, one worker, its own process) under fetch, list
   and create; driven by `wrk` when it is installed (C, negligible client cost) and by a small raw keep-alive
   asyncio client (Python; its CPU use is printed, since on two cores the client competes with the server).
3. Baseline: the same loads against a two-line Starlette app on the same uvicorn, so figures read as ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app
from paystack_contracts.mock.seeding import customer_records

AUTH = f"Bearer {DEFAULT_TEST_KEY}".encode()
SEEDED = 1000
BASELINE_APP = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
async def hello(request):
    return JSONResponse({"status": True, "message": "Customer retrieved", "data": {"id": 1}})
app = Starlette(routes=[Route("/customer/{key}", hello), Route("/customer", hello, methods=["GET", "POST"])])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
"""


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# --- in-process ------------------------------------------------------------------------------------------------


async def asgi_call(app: Any, method: str, path: str, query: bytes = b"", body: bytes = b"") -> int:
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
        "path": path, "raw_path": path.encode(), "query_string": query, "root_path": "",
        "headers": [(b"authorization", AUTH), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
    }  # fmt: skip
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    status: list[int] = []

    async def receive() -> dict[str, Any]:
        return messages.pop() if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(scope, receive, send)
    return status[0]


def time_calls(call: Callable[[], Any], count: int, budget: float = 3.0) -> list[float]:
    async def run() -> list[float]:
        samples: list[float] = []
        deadline = time.perf_counter() + budget
        while len(samples) < count and time.perf_counter() < deadline:
            started = time.perf_counter()
            status = await call()
            samples.append((time.perf_counter() - started) * 1000)
            assert status == 200, status
        return samples

    return asyncio.run(run())


def in_process(customers: int) -> None:
    app = create_app(MockSettings(random_seed=1))
    sandbox = app.state.sandbox
    started = time.perf_counter()
    sandbox.store.insert_customers(customer_records(sandbox, customers))
    print(f"  bulk insert of {customers:,} customers: {time.perf_counter() - started:.2f} s")
    code = sandbox.store.row("SELECT customer_code FROM customers ORDER BY id LIMIT 1 OFFSET 500")["customer_code"]
    cases = {
        "fetch by code": ("GET", f"/customer/{code}", b""),
        "list page 1 (perPage=50)": ("GET", "/customer", b"perPage=50"),
        "list page 1000 (perPage=50, offset 49,950)": ("GET", "/customer", b"perPage=50&page=1000"),
        "list with from/to (date filter)": ("GET", "/customer", b"perPage=50&from=2000-01-01&to=2100-01-01"),
        "list cursor mode": ("GET", "/customer", b"perPage=50&use_cursor=true"),
    }
    for label, (method, path, query) in cases.items():
        samples = time_calls(lambda m=method, p=path, q=query: asgi_call(app, m, p, q), 2000)
        print(f"  {label:<44} p50 {percentile(samples, 0.5):6.3f} ms   p99 {percentile(samples, 0.99):6.3f} ms")


# --- loopback --------------------------------------------------------------------------------------------------


def start_mock() -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "paystack_contracts", "mock", "--port", "0", "--seed-customers", str(SEEDED)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert process.stdout is not None
    match = re.search(r"http://[\d.]+:\d+", process.stdout.readline())
    assert match, "the mock did not start"
    return process, match.group(0)


def start_baseline() -> tuple[subprocess.Popen[str], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-c", BASELINE_APP, str(port)], text=True)
    for _ in range(200):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process, f"http://127.0.0.1:{port}"
        time.sleep(0.025)
    raise RuntimeError("baseline did not start")


def raw_request(method: str, path: str, body: bytes = b"") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: {AUTH.decode()}\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


async def _connection(host: str, port: int, make: Callable[[int], bytes], deadline: float, out: list[float]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    sent = 0
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        writer.write(make(sent))
        sent += 1
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
        await reader.readexactly(length)
        out.append((time.perf_counter() - started) * 1000)
    writer.close()


def python_client(base: str, make: Callable[[int], bytes], seconds: float, connections: int) -> str:
    host, port = base.removeprefix("http://").split(":")
    samples: list[float] = []
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()

    async def run() -> None:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(_connection(host, int(port), make, deadline, samples) for _ in range(connections)))

    asyncio.run(run())
    wall = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    p50, p99 = percentile(samples, 0.5), percentile(samples, 0.99)
    rate = len(samples) / wall
    return f"{rate:8.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  (client CPU {100 * cpu / wall:.0f}% of one core)"


WRK_SCRIPT = """
wrk.method = "{method}"
wrk.headers["Authorization"] = "{auth}"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  if wrk.method == "POST" then
    return wrk.format(nil, nil, nil, string.format('{{"email":"w%d-%d@example.com"}}', math.random(1, 1e9), n))
  end
  return wrk.format()
end
"""


def wrk(base: str, method: str, path: str, seconds: float, connections: int) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT.format(method=method, auth=AUTH.decode()))
    duration = f"-d{max(1, round(seconds))}s"
    command = ["wrk", "-t2", f"-c{connections}", duration, "--latency", "-s", script.name, base + path]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    Path(script.name).unlink()
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if not (rate and p50 and p99):
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    note = f"  ({errors.group(1)} non-2xx)" if errors else ""
    return f"{float(rate.group(1)):8.0f} req/s  p50 {p50.group(1):>8}  p99 {p99.group(1):>8}{note}"


def _new_customer(n: int) -> bytes:
    return f'{{"email":"p{n}-{time.time_ns()}@example.com"}}'.encode()


def loopback(seconds: float, connections: int) -> None:
    fetch_path = "/customer/customer500@example.com"
    loads = {
        "fetch": ("GET", fetch_path, lambda n: raw_request("GET", fetch_path)),
        "list (perPage=50)": ("GET", "/customer?perPage=50", lambda n: raw_request("GET", "/customer?perPage=50")),
        "create": ("POST", "/customer", lambda n: raw_request("POST", "/customer", _new_customer(n))),
    }  # fmt: skip
    for name, start in (("baseline (2-line Starlette app)", start_baseline), ("mock", start_mock)):
        process, base = start()
        try:
            print(f"  {name} at {base}")
            for label, (method, path, make) in loads.items():
                if shutil.which("wrk"):
                    print(
                        f"    {label:<18} wrk, {connections} conns    ", wrk(base, method, path, seconds, connections)
                    )
                print(f"    {label:<18} python, {connections} conns ", python_client(base, make, seconds, connections))
        finally:
            process.terminate()
            process.wait(timeout=10)


def describe_machine() -> None:
    import uvicorn

    loops = [name for name in ("uvloop", "httptools") if _installed(name)]
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}")
    print(f"python {platform.python_version()}, uvicorn {uvicorn.__version__}, extras: {', '.join(loops) or 'none'}")
    print(f"client: {'wrk ' + _wrk_version() if shutil.which('wrk') else 'no wrk on PATH'}; raw asyncio keep-alive")


def _installed(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _wrk_version() -> str:
    output = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    return output.split()[1] if output else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each loopback load")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--skip-loopback", action="store_true")
    args = parser.parse_args(argv)
    describe_machine()
    print(f"\nin-process (ASGI call, {args.customers:,} customers stored)")
    in_process(args.customers)
    if not args.skip_loopback:
        print(f"\nloopback (one uvicorn worker in its own process, {SEEDED} customers seeded, {args.seconds:g} s each)")
        loopback(args.seconds, args.connections)
    return 0


if __name__ == "__main__":
    sys.exit(main())
