"""Load on the copy desk: N requests checking a 3 KB story from C concurrent clients, on
this machine only (127.0.0.1), with the bundled glossaries.

The desk runs as `termcheck serve` in its own process; the clients are asyncio
connections with keep-alive in this one. The run is bounded in requests and in time and
stops by itself. It reports errors, throughput, latency percentiles and the server's
resident memory (before, in the middle, after) to show that it stays flat.

    python bench/load_serve.py [--requests 10000] [--clients 20] [--time-limit 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything but this machine
STORY_BYTES = 3 * 1024


def three_kb_story() -> str:
    """The seed story, lengthened with paragraphs of its corrected version to 3 KB."""
    seed = (REPO / "samples" / "kanai-liu-meeting.txt").read_text(encoding="utf-8")
    extra = (REPO / "samples" / "kanai-liu-meeting.corrected.txt").read_text(encoding="utf-8")
    story = seed
    for paragraph in extra.splitlines():
        if len(story.encode()) >= STORY_BYTES:
            break
        story += "\n" + paragraph
    return story.encode()[:STORY_BYTES].decode("utf-8", "ignore")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_desk(port: int, workers: int) -> subprocess.Popen[str]:
    desk = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "checker",
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert desk.stdout is not None
    desk.stdout.readline()  # "termcheck desk: open ..."
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return desk
        except OSError:
            time.sleep(0.1)
    desk.kill()
    raise SystemExit("the desk did not start")


async def client(
    port: int,
    request: bytes,
    todo: list[int],
    latencies: list[float],
    errors: list[str],
    deadline: float,
) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while todo and time.monotonic() < deadline:
            todo.pop()
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
            length = 0
            while True:
                header = await reader.readline()
                if header in (b"\r\n", b""):
                    break
                name, _, value = header.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            if b" 200 " not in status_line:
                errors.append(status_line.decode("latin-1").strip())
            elif b'"findings"' not in body:
                errors.append("an answer without findings")
    except (OSError, asyncio.IncompleteReadError) as exc:
        errors.append(f"connection: {exc}")
    finally:
        writer.close()


async def load(
    port: int, requests: int, clients: int, time_limit: float, rss: list[int], pid: int
) -> tuple[list[float], list[str], float]:
    story = three_kb_story()
    body = json.dumps({"text": story, "date": "2025-11-19"}).encode()
    request = (
        f"POST /api/v1/check HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    todo = list(range(requests))
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + time_limit

    async def sample_memory() -> None:
        while todo:
            if len(latencies) >= requests // 2 and len(rss) == 1:
                rss.append(resident(pid))
            await asyncio.sleep(0.2)

    started = time.perf_counter()
    sampler = asyncio.create_task(sample_memory())
    await asyncio.gather(
        *(client(port, request, todo, latencies, errors, deadline) for _ in range(clients))
    )
    sampler.cancel()
    return latencies, errors, time.perf_counter() - started


def resident(pid: int) -> int:
    """Memory of the desk and its worker processes: their proportional set size, which
    counts the pages they share (the glossary, compiled before the fork) once."""
    server = psutil.Process(pid)
    return sum(p.memory_full_info().pss for p in [server, *server.children()])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds, at most")
    parser.add_argument("--warm-up", type=int, default=200, help="requests before measuring")
    parser.add_argument("--workers", type=int, default=2, help="desk processes (termcheck serve)")
    args = parser.parse_args()
    if not 0 < args.requests <= 100_000 or not 0 < args.clients <= 200:
        raise SystemExit("bounded runs only: at most 100,000 requests and 200 clients")
    port = free_port()
    desk = start_desk(port, args.workers)
    try:
        warm: list[int] = [0]
        asyncio.run(load(port, args.warm_up, args.clients, 60, warm, desk.pid))
        rss = [resident(desk.pid)]
        latencies, errors, elapsed = asyncio.run(
            load(port, args.requests, args.clients, args.time_limit, rss, desk.pid)
        )
        rss.append(resident(desk.pid))
    finally:
        desk.terminate()
        desk.wait(timeout=30)
    mib = [f"{r / 2**20:.0f}" for r in rss]
    print(
        f"story: {len(three_kb_story().encode())} bytes; {args.clients} clients; "
        f"{args.workers} desk process(es); load average {psutil.getloadavg()[0]:.1f}; "
        f"{len(latencies)} of {args.requests} requests in {elapsed:.1f} s "
        f"({len(latencies) / elapsed:.0f} req/s)"
    )
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    ms = [v * 1000 for v in latencies]
    print(
        f"latency ms: p50 {percentile(ms, 50):.1f}  p95 {percentile(ms, 95):.1f}  "
        f"p99 {percentile(ms, 99):.1f}  max {max(ms):.1f}  mean {statistics.fmean(ms):.1f}"
    )
    print(f"desk memory (PSS) MiB (before / middle / after): {' / '.join(mib)}")
    if errors or len(latencies) < args.requests:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
