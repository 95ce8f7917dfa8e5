"""Load on the copy desk: N requests checking a 3 KB story from C concurrent clients, on
this machine only (127.0.0.1), with the bundled glossaries.

The desk runs as `termcheck serve` in its own processes; the clients are keep-alive
connections driven by one asyncio loop in this process, each a small protocol object that
writes a prepared request and cuts the answer out of the bytes it receives, so the load
generator takes as little as it can of the cores it shares with the desk. Every request's
text differs (the story ends with a sentence giving the request's number), so no answer
could come from a cache of earlier requests: each one is really checked. Every answer is
verified: status 200 and the same findings as the same story checked in this process.

The run is bounded in requests and in time and stops by itself. It reports errors,
throughput, latency percentiles, the CPU time the desk and the load generator each spent
per request (and what the rest of the machine took meanwhile), and the desk's memory
before, in the middle and after, to show that it stays flat. The baseline, measured in the
same run, is one check of the same story in this process (read, check, JSON report):
the desk's CPU per request is given as a ratio to it.

    python bench/load_serve.py [--requests 10000] [--clients 20] [--workers 2] [--time-limit 300]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything but this machine
STORY_BYTES = 3 * 1024
DATE = "2025-11-19"
TARGET_P95_MS = 50.0


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


def numbered(story: str, number: int) -> str:
    """The story with a last paragraph naming the request: no two requests send the same
    text."""
    return f"{story}\nThe desk received this copy as request {number}.\n"


def request_bytes(port: int, story: str, number: int) -> bytes:
    body = json.dumps({"text": numbered(story, number), "date": DATE}).encode()
    head = (
        f"POST /api/v1/check HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


@dataclass(frozen=True)
class Baseline:
    """One check of the story in this process: CPU and wall time (medians), and its
    findings as the desk reports them."""

    cpu_ms: float
    wall_ms: float
    findings: list[dict[str, Any]]


def in_process_baseline(story: str, checks: int) -> Baseline:
    from checker.serve.desk import Desk, Options, Story

    desk = Desk()
    options = Options.parse(date=DATE)
    cpu: list[float] = []
    wall: list[float] = []
    report: dict[str, Any] = {}
    for number in range(-20, checks):  # the first twenty warm the caches up
        started_cpu, started = time.process_time(), time.perf_counter()
        report = desk.check(Story.pasted(numbered(story, number)), options).report
        json.dumps(report, ensure_ascii=False, separators=(",", ":")).encode()
        if number >= 0:
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started)
    findings = json.loads(json.dumps(report["findings"]))
    del desk
    gc.collect()
    return Baseline(statistics.median(cpu) * 1000, statistics.median(wall) * 1000, findings)


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


class Connection(asyncio.Protocol):
    """One keep-alive client connection: a request written, its answer awaited."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.received = bytearray()
        self.answer: asyncio.Future[tuple[bytes, bytes]] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.received += data
        self._complete()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.answer is not None and not self.answer.done():
            self.answer.set_exception(ConnectionError(f"the desk closed the connection: {exc}"))

    def _complete(self) -> None:
        """Hand over the status line and the body once all of it is here."""
        if self.answer is None or self.answer.done():
            return
        head_end = self.received.find(b"\r\n\r\n")
        if head_end < 0:
            return
        head = bytes(self.received[:head_end]).lower()
        length = 0
        at = head.find(b"\r\ncontent-length:")
        if at >= 0:
            line_end = head.find(b"\r\n", at + 2)
            length = int(head[at + 17 : line_end if line_end >= 0 else None])
        end = head_end + 4 + length
        if len(self.received) >= end:
            status = head[: head.find(b"\r\n")]
            body = bytes(self.received[head_end + 4 : end])
            del self.received[:end]
            self.answer.set_result((status, body))

    async def ask(self, request: bytes) -> tuple[bytes, bytes]:
        assert self.transport is not None
        self.answer = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return await self.answer


@dataclass
class Run:
    latencies: list[float]
    errors: list[str]
    elapsed: float
    answer: bytes | None  # the first answer: every other one must be the same bytes


async def client(
    port: int,
    requests: list[bytes],
    run: Run,
    deadline: float,
) -> None:
    loop = asyncio.get_running_loop()
    try:
        transport, connection = await loop.create_connection(Connection, HOST, port)
    except OSError as exc:
        run.errors.append(f"connection: {exc}")
        return
    try:
        while requests and time.monotonic() < deadline:
            request = requests.pop()
            started = time.perf_counter()
            status, body = await connection.ask(request)
            run.latencies.append(time.perf_counter() - started)
            if not status.startswith(b"http/1.1 200 "):
                run.errors.append(status.decode("latin-1"))
            elif run.answer is None:
                run.answer = body
            elif body != run.answer:
                run.errors.append("an answer unlike the others")
    except OSError as exc:
        run.errors.append(f"connection: {exc}")
    finally:
        transport.close()


async def load(
    port: int,
    story: str,
    first: int,
    count: int,
    clients: int,
    time_limit: float,
    sample_at_half: list[int],
    pid: int,
) -> Run:
    requests = [request_bytes(port, story, n) for n in range(first + count - 1, first - 1, -1)]
    run = Run([], [], 0.0, None)
    deadline = time.monotonic() + time_limit

    async def sample_memory() -> None:
        while requests:
            if len(run.latencies) >= count // 2:
                sample_at_half.append(resident(pid))
                return
            await asyncio.sleep(0.2)

    started = time.perf_counter()
    sampler = asyncio.create_task(sample_memory())
    await asyncio.gather(*(client(port, requests, run, deadline) for _ in range(clients)))
    sampler.cancel()
    run.elapsed = time.perf_counter() - started
    return run


def desk_processes(pid: int) -> list[psutil.Process]:
    server = psutil.Process(pid)
    return [server, *server.children(recursive=True)]


def resident(pid: int) -> int:
    """Memory of the desk and its worker processes: their proportional set size, which
    counts the pages they share (the glossary, compiled before the fork) once."""
    return sum(p.memory_full_info().pss for p in desk_processes(pid))


def resident_sum(pid: int) -> int:
    """The desk processes' resident set sizes added up (shared pages counted in each)."""
    return sum(p.memory_info().rss for p in desk_processes(pid))


def cpu_seconds(processes: list[psutil.Process]) -> float:
    return sum(sum(p.cpu_times()[:2]) for p in processes)


def machine_busy_seconds() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


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
    parser.add_argument("--baseline", type=int, default=300, help="in-process checks")
    args = parser.parse_args()
    if not 0 < args.requests <= 100_000 or not 0 < args.clients <= 200:
        raise SystemExit("bounded runs only: at most 100,000 requests and 200 clients")
    story = three_kb_story()
    baseline = in_process_baseline(story, args.baseline)
    port = free_port()
    desk = start_desk(port, args.workers)
    try:
        asyncio.run(load(port, story, 0, args.warm_up, args.clients, 60, [], desk.pid))
        processes = desk_processes(desk.pid)
        rss = [resident(desk.pid)]
        rss_sum = [resident_sum(desk.pid)]
        desk_cpu, own_cpu = cpu_seconds(processes), time.process_time()
        machine = machine_busy_seconds()
        run = asyncio.run(
            load(
                port,
                story,
                args.warm_up,
                args.requests,
                args.clients,
                args.time_limit,
                rss,
                desk.pid,
            )
        )
        desk_cpu = cpu_seconds(processes) - desk_cpu
        own_cpu = time.process_time() - own_cpu
        machine = machine_busy_seconds() - machine
        rss.append(resident(desk.pid))
        rss_sum.append(resident_sum(desk.pid))
    finally:
        desk.terminate()
        desk.wait(timeout=30)
    if run.answer is not None and json.loads(run.answer)["findings"] != baseline.findings:
        run.errors.append("the desk's findings differ from the same check in this process")
    done = len(run.latencies)
    per_request = 1000 / max(done, 1)
    desk_ms, client_ms = desk_cpu * per_request, own_cpu * per_request
    others = max(0.0, machine - desk_cpu - own_cpu)
    cores = os.cpu_count() or 1
    print(
        f"story: {len(numbered(story, 0).encode())} bytes, each request's text different "
        f"(its number in the last sentence), so no cache of answers could serve it; "
        f"{args.clients} clients; {args.workers} desk process(es); {cores} cores"
    )
    print(
        f"baseline, one check in this process (read, check, JSON report): "
        f"{baseline.cpu_ms:.2f} ms CPU, {baseline.wall_ms:.2f} ms wall (median of "
        f"{args.baseline}); {len(baseline.findings)} findings"
    )
    print(
        f"{done} of {args.requests} requests in {run.elapsed:.1f} s: {done / run.elapsed:.0f} req/s"
        f" ({run.elapsed * 1000 / max(done, 1) / baseline.wall_ms:.2f}x the baseline's wall "
        f"time per request); load average {psutil.getloadavg()[0]:.1f}"
    )
    print(f"errors: {len(run.errors)}" + (f" (first: {run.errors[0]})" if run.errors else ""))
    ms = [v * 1000 for v in run.latencies] or [0.0]
    print(
        f"latency ms: p50 {percentile(ms, 50):.1f}  p95 {percentile(ms, 95):.1f}  "
        f"p99 {percentile(ms, 99):.1f}  max {max(ms):.1f}  mean {statistics.fmean(ms):.1f}"
    )
    print(
        f"CPU per request: desk {desk_ms:.2f} ms ({desk_ms / baseline.cpu_ms:.2f}x the baseline), "
        f"load generator {client_ms:.2f} ms; of the {cores} cores' {cores * run.elapsed:.0f} s the "
        f"desk took {desk_cpu:.0f} s, the load generator {own_cpu:.0f} s, the rest of the "
        f"machine {others:.0f} s"
    )
    mib = [f"{r / 2**20:.0f}" for r in rss]
    print(
        f"desk memory (PSS) MiB (before / middle / after): {' / '.join(mib)}; "
        f"RSS added up over its processes {rss_sum[0] / 2**20:.0f} / {rss_sum[1] / 2**20:.0f} MiB"
        " (before / after)"
    )
    p95 = percentile(ms, 95)
    alone = cores * 1000 / (desk_ms + client_ms) if desk_ms + client_ms else 0.0
    print(
        f"p95 target of {TARGET_P95_MS:g} ms: {'met' if p95 < TARGET_P95_MS else 'missed'}; "
        f"with the cores to themselves, the desk and the load generator would need "
        f"{desk_ms + client_ms:.2f} ms of CPU per request: about {alone:.0f} req/s, so about "
        f"{args.clients * 1000 / alone if alone else 0:.0f} ms per request with {args.clients} "
        f"clients waiting (an estimate, not a measurement)"
    )
    if run.errors or done < args.requests:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
