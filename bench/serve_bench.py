"""P3: 50 concurrent clients on the cockpit and on a static file, served by `guatu serve`, side by side.

Starts the real server (`guatu serve`: gunicorn on Linux) on the Quzhou demo in a throwaway data
directory (or --data-dir with a loaded demo), logs 50 clients in as the city leader (lingdao), and
has each of them, over its own keep-alive connection, ask in turn for the cockpit and for a static
file (the hashed app.css the cockpit links, as a browser would after its first visit) — so both
kinds wait in the same queues of the same server at the same time. It prints p50/p95/p99 per kind,
their ratios, requests per second and errors. Then each kind alone under 50 clients (the cockpit
alone is what issue 13 measured), with that ratio too. Goals: p95 ratio ≤ 3×, p50 ratio ≤ 10×, 0 errors.

    .venv/bin/python bench/serve_bench.py [--clients 50] [--rounds 40] [--data-dir var]
        [--server gunicorn|waitress] [--cache default|dummy] [--workers N] [--threads T]

Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "guatu.cli"]
USER, PASSWORD = "lingdao", "quzhou-2024"
TIME_CAP = 300  # seconds for one phase, whatever happens


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams (cheap enough to leave the CPU to the server)."""

    def __init__(self, port: int, cookies: dict[str, str]) -> None:
        self.port = port
        self.cookies = cookies
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Accept-Encoding: gzip, br"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        for key, value in (headers or {}).items():
            lines.append(f"{key}: {value}")
        if body:
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("connection closed")
        status = int(status_line.split()[1])
        response_headers: dict[str, list[str]] = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            key, _, value = line.decode("latin-1").partition(":")
            response_headers.setdefault(key.strip().lower(), []).append(value.strip())
        if "content-length" in response_headers:
            content = await self.reader.readexactly(int(response_headers["content-length"][0]))
        elif response_headers.get("transfer-encoding", [""])[0].lower() == "chunked":
            content = b""
            while size := int((await self.reader.readline()).strip(), 16):
                content += await self.reader.readexactly(size)
                await self.reader.readline()
            await self.reader.readline()
        else:
            content = await self.reader.read()
        for cookie in response_headers.get("set-cookie", []):
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";")[0]
        if response_headers.get("connection", [""])[0].lower() == "close":
            self.close()
        return status, response_headers, content

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def log_in(port: int) -> dict[str, str]:
    conn = Connection(port, {})
    _, _, page = await conn.request("GET", "/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = urllib.parse.urlencode({"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
    status, _, _ = await conn.request(
        "POST", "/login/", body, {"Content-Type": "application/x-www-form-urlencoded", "Referer": "http://127.0.0.1/"}
    )
    conn.close()
    if status != 302 or "sessionid" not in conn.cookies:
        raise RuntimeError(f"log-in as {USER} failed ({status})")
    return dict(conn.cookies)


async def run_clients(port: int, sessions: list[dict], paths: list[str], rounds: int) -> dict:
    """Each client asks for `paths` in turn, `rounds` times; latencies per path, errors, wall time."""
    latencies: dict[str, list[float]] = {p: [] for p in paths}
    errors: list[str] = []
    deadline = time.monotonic() + TIME_CAP

    async def client(i: int) -> None:
        conn = Connection(port, dict(sessions[i]))
        order = paths[i % len(paths) :] + paths[: i % len(paths)]  # half the clients start with each kind
        for _ in range(rounds):
            for path in order:
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                try:
                    status, _, _ = await conn.request("GET", path)
                except (OSError, ConnectionError, asyncio.IncompleteReadError) as exc:
                    errors.append(f"{path}: {exc!r}")
                    conn.close()
                    continue
                latencies[path].append(time.perf_counter() - started)
                if status != 200:
                    errors.append(f"{path}: HTTP {status}")
        conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(len(sessions))))
    return {"latencies": latencies, "errors": errors, "seconds": time.perf_counter() - started}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def describe(name: str, values: list[float]) -> str:
    return (f"{name:10} n={len(values):5}  p50 {pct(values, 50) * 1000:7.1f} ms  p95 {pct(values, 95) * 1000:7.1f} ms"
            f"  p99 {pct(values, 99) * 1000:7.1f} ms  mean {statistics.fmean(values) * 1000:7.1f} ms")  # fmt: skip


@contextlib.contextmanager
def served(env: dict, args) -> int:
    port = free_port()
    command = [*CLI, "serve", "--port", str(port)]
    if args.server:
        command += ["--server", args.server]
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        banner = server.stdout.readline().strip()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            time.sleep(0.2)
        print(banner, flush=True)
        yield port
    finally:
        server.terminate()
        server.wait(30)


async def bench(port: int, args) -> int:
    sessions = [await log_in(port) for _ in range(args.clients)]
    warm = Connection(port, dict(sessions[0]))
    _, _, page = await warm.request("GET", "/")
    warm.close()
    static = re.search(rb'href="(/static/guatu/app[^"]*\.css)"', page).group(1).decode()
    # Warm-up: every worker process renders the page once (and the cache holds it).
    await run_clients(port, sessions[:10], ["/", static], 2)

    mixed = await run_clients(port, sessions, ["/", static], args.rounds)
    cockpit, files = mixed["latencies"]["/"], mixed["latencies"][static]
    total = len(cockpit) + len(files)
    print(f"\nP3 — {args.clients} clients, each alternating the cockpit (/) and {static}, {args.rounds} rounds:")
    print(describe("cockpit", cockpit))
    print(describe("static", files))
    p50 = pct(cockpit, 50) / pct(files, 50)
    p95 = pct(cockpit, 95) / pct(files, 95)
    print(f"ratio cockpit/static: p50 {p50:.2f}× (goal ≤ 10×)   p95 {p95:.2f}× (goal ≤ 3×)")
    seconds = mixed["seconds"]
    print(f"errors: {len(mixed['errors'])} (goal 0)   {total / seconds:.1f} requests/s over {seconds:.1f} s")
    for error in mixed["errors"][:5]:
        print("  ", error)

    alone = await run_clients(port, sessions, ["/"], args.rounds)
    only = alone["latencies"]["/"]
    files_alone = await run_clients(port, sessions, [static], args.rounds)
    only_files = files_alone["latencies"][static]
    print(f"\nEach kind alone, {args.clients} clients × {args.rounds} requests (issue 13: the cockpit 17.7 requests/s,"
          " p50 2.8 s):")  # fmt: skip
    print(describe("cockpit", only) + f"  {len(only) / alone['seconds']:7.1f} requests/s")
    print(describe("static", only_files) + f"  {len(only_files) / files_alone['seconds']:7.1f} requests/s")
    errors = len(alone["errors"]) + len(files_alone["errors"])
    print(f"ratio cockpit alone/static alone: p50 {pct(only, 50) / pct(only_files, 50):.2f}×"
          f"   p95 {pct(only, 95) / pct(only_files, 95):.2f}×   errors: {errors}")  # fmt: skip
    ok = p50 <= 10 and p95 <= 3 and not mixed["errors"] and not alone["errors"] and not files_alone["errors"]
    print("\nP3:", "goals met" if ok else "goals NOT met")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=40, help="requests of each kind per client")
    parser.add_argument("--data-dir", type=Path, help="a data directory with the demo loaded (default: a new one)")
    parser.add_argument("--server", choices=["gunicorn", "waitress"])
    parser.add_argument("--cache", choices=["default", "dummy"], default="default", help="dummy: nothing cached")
    parser.add_argument("--workers", type=int)
    parser.add_argument("--threads", type=int)
    args = parser.parse_args()

    env = {**os.environ}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["GUATU_LOGIN_FAILURE_LIMIT"] = "1000"
    if args.cache == "dummy":
        env["GUATU_CACHE_URL"] = "dummy"
    with tempfile.TemporaryDirectory(prefix="guatu-p3-") as scratch:
        if args.data_dir is None:
            env["GUATU_DATA_DIR"] = scratch
            print("loading the Quzhou demo into a throwaway data directory…", flush=True)
            subprocess.run([*CLI, "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        else:
            env["GUATU_DATA_DIR"] = str(args.data_dir.resolve())
        with served(env, args) as port:
            return asyncio.run(bench(port, args))


if __name__ == "__main__":
    sys.exit(main())
