"""Run every termcheck benchmark on one machine, in one run, and write the result table.

    python bench/run_all.py            # the full workload (about 10 minutes on 2 cores)
    python bench/run_all.py --quick    # a small workload: a smoke run of every step

Prints the table and writes it to bench/out/results.md (and the raw numbers to
bench/out/results.json; a --quick run to results-quick.md and .json). Each termcheck
measurement runs in a fresh process (bench/probe.py), so peak memory is that
measurement's own. See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from workload import Workload, ensure_workload

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PYTHON = sys.executable
UTF8 = {**os.environ, "LC_ALL": "C.UTF-8"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small workload, for a smoke run")
    parser.add_argument("--out", type=Path, default=BENCH / "out", help="results folder")
    parser.add_argument("--data", type=Path, default=None, help="the shared data/ folder")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="write the table again from the numbers of the last run",
    )
    options = parser.parse_args()
    out: Path = options.out
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    _say("workload: generating (or reusing) from the fixed seed")
    workload = ensure_workload(
        out / ("workload-quick" if options.quick else "workload"), options.quick
    )
    bench = Bench(workload, out, _data_folder(options.data), options.quick)
    name = "results-quick" if options.quick else "results"  # a smoke run keeps the full table
    if options.report_only:
        if not (out / f"{name}.json").exists():
            raise SystemExit(f"no {name}.json in {out}: run the benchmark first")
        bench.numbers = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    else:
        bench.run()
    report = bench.report()
    (out / f"{name}.md").write_text(report, encoding="utf-8")
    (out / f"{name}.json").write_text(json.dumps(bench.numbers, indent=2), encoding="utf-8")
    print(report)
    _say(f"done in {time.perf_counter() - started:.0f} s; table in {out / name}.md")


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _data_folder(given: Path | None) -> Path | None:
    for candidate in (given, REPO.parent / "shared" / "data", Path("/work/shared/data")):
        if candidate is not None and (candidate / "wmt-newstest-zh2en").is_dir():
            return candidate
    return None


def _probe(*arguments: object) -> dict[str, Any]:
    command = [PYTHON, str(BENCH / "probe.py"), *map(str, arguments)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        raise SystemExit(f"probe failed: {shlex.join(command)}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: int, measure: Callable[[], dict[str, Any]], key: str) -> dict[str, Any]:
    """The run whose `key` is the median of `runs` runs."""
    results = sorted((measure() for _ in range(runs)), key=lambda r: r[key])
    return results[len(results) // 2]


def _timed_shell(command: str) -> tuple[float, float | None]:
    """Wall seconds of a shell pipeline, and the peak memory (MB) of its first command."""
    timing = BENCH / "out" / ".time"
    timed = f"/usr/bin/time -o {shlex.quote(str(timing))} -f %M {command}"
    use_time = Path("/usr/bin/time").exists()
    start = time.perf_counter()
    subprocess.run(
        timed if use_time else command, shell=True, env=UTF8, check=True, stdout=subprocess.DEVNULL
    )
    elapsed = time.perf_counter() - start
    peak = None
    if use_time and timing.exists():
        peak = int(timing.read_text().split()[-1]) / 1024
    return elapsed, peak


class Bench:
    def __init__(self, workload: Workload, out: Path, data: Path | None, quick: bool) -> None:
        self.workload = workload
        self.out = out
        self.data = data
        self.quick = quick
        self.cache = out / "cache"
        self.runs = 1 if quick else 3
        self.numbers: dict[str, Any] = {"machine": _machine(), "quick": quick, "sizes": {}}

    def size(self, n: int) -> dict[str, Any]:
        return self.numbers["sizes"].setdefault(str(n), {})

    def run(self) -> None:
        w = self.workload
        corpus = str(w.corpus)
        for n in w.sizes:
            _say(f"compile {n:,} entries (YAML parse + index), then load from the cache")
            self.size(n)["compile"] = _probe("compile", w.glossary(n), self.cache)
            self.size(n)["cached_load"] = _median(
                self.runs, lambda n=n: _probe("cached-load", w.glossary(n), self.cache), "seconds"
            )
        _say("plain read of the corpus")
        self.numbers["read"] = _median(self.runs, lambda: _probe("read", corpus), "seconds")
        self.numbers["tr"] = {
            "seconds": _timed_shell(f"tr A-Z a-z < {shlex.quote(str(w.big_file))}")[0]
        }
        for n in w.sizes:
            _say(f"grep floor and termcheck over the corpus, {n:,} entries")
            self.size(n)["grep"] = self.grep(n, w.corpus_lower, recursive=True)
            report = self.out / f"report-{n}.jsonl"
            self.size(n)["check"] = _median(
                self.runs if n < 100_000 else 1,
                lambda n=n, report=report: _probe(
                    "check", corpus, w.glossary(n), self.cache, 1, report
                ),
                "seconds",
            )
            self.size(n)["warm"] = _probe("warm-story", corpus, w.glossary(n), self.cache)
            self.size(n)["cold_start"] = self.cold_start(n)
        for n in (s for s in w.sizes if s >= 10_000):
            _say(f"grep floor and termcheck over the {w.big_file_bytes / 1e6:.0f} MB file, {n:,}")
            self.size(n)["big_grep"] = self.grep(n, w.big_file_lower, recursive=False)
            self.size(n)["big_check"] = _probe(
                "check", w.big_file, w.glossary(n), self.cache, 1, self.out / f"big-{n}.jsonl"
            )
        jobs_size = 10_000
        _say("2 jobs on the story corpus, 10,000 entries")
        self.numbers["two_jobs"] = _median(
            self.runs,
            lambda: _probe(
                "check", corpus, w.glossary(jobs_size), self.cache, 2, self.out / "j2.jsonl"
            ),
            "seconds",
        )
        self.numbers["same_report_with_2_jobs"] = (self.out / "j2.jsonl").read_bytes() == (
            self.out / f"report-{jobs_size}.jsonl"
        ).read_bytes()
        _say("where the time goes, 10,000 entries")
        self.numbers["stages"] = _probe("stages", corpus, w.glossary(jobs_size), self.cache)
        if self.data is not None:
            _say("Chinese matching, 10,000 entries")
            chinese = self.chinese_text()
            self.numbers["chinese"] = _median(
                self.runs,
                lambda: _probe("chinese", chinese, w.glossary(jobs_size), self.cache),
                "seconds",
            )

    def grep(self, n: int, target: Path, recursive: bool) -> dict[str, Any]:
        patterns = shlex.quote(str(self.workload.patterns(n)))
        where = f"-r {shlex.quote(str(target))}" if recursive else shlex.quote(str(target))
        command = f"grep -F -w -o -h -f {patterns} {where}"
        runs = [_timed_shell(f"{command} | wc -l") for _ in range(self.runs)]
        seconds = statistics.median(r[0] for r in runs)
        count = subprocess.run(
            f"{command} | wc -l", shell=True, env=UTF8, check=True, capture_output=True, text=True
        ).stdout.strip()
        return {"seconds": seconds, "peak_mb": runs[0][1], "matches": int(count)}

    def cold_start(self, n: int) -> dict[str, Any]:
        """`termcheck check` on one story in a new process, the glossary cache warm."""
        story = self.workload.story_paths()[0]
        glossary = self.workload.glossary(n)
        cli = shutil_which("termcheck")
        supports_cache = (
            cli is not None
            and "--cache-dir"
            in subprocess.run(
                [cli, "check", "--help"], capture_output=True, text=True, check=False
            ).stdout
        )
        if supports_cache:
            command = [
                cli,
                "check",
                str(story),
                "--no-bundled",
                "-g",
                str(glossary),
                "--cache-dir",
                str(self.cache),
                "--format",
                "jsonl",
            ]
            how = "termcheck check"
        else:
            command = [
                PYTHON,
                str(BENCH / "cold_start.py"),
                str(story),
                str(glossary),
                str(self.cache),
            ]
            how = "bench/cold_start.py (the CLI has no --cache-dir yet)"
        subprocess.run(command, capture_output=True, check=False)  # warms the page cache
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            times.append(time.perf_counter() - start)
        return {"seconds": statistics.median(times), "how": how}

    def chinese_text(self) -> Path:
        """Chinese sentences from the WMT news test sets and the TICO-19 memory, repeated
        to a few megabytes."""
        assert self.data is not None
        lines: list[str] = []
        for name in (
            "damo_mt_testsets_zh2en_news_wmt18.csv",
            "damo_mt_testsets_zh2en_news_wmt19.csv",
        ):
            with open(
                self.data / "wmt-newstest-zh2en" / name, encoding="utf-8", newline=""
            ) as handle:
                lines.extend(row[0] for row in list(csv.reader(handle))[1:] if row)
        tmx = self.data / "tico19-zh-en" / "tm" / "all.en-zh.tmx"
        if tmx.exists():
            tree = etree.parse(str(tmx), etree.XMLParser(resolve_entities=False, no_network=True))
            for seg in tree.iterfind(
                ".//tuv[@{http://www.w3.org/XML/1998/namespace}lang='zh']/seg"
            ):
                lines.append("".join(seg.itertext()))
        text = "\n".join(line.replace("\n", " ") for line in lines) + "\n"
        target = self.out / "zh.txt"
        repeats = max(1, int(4_000_000 / max(1, len(text.encode("utf-8")))))
        target.write_text(text * repeats, encoding="utf-8")
        return target

    # -- the table --------------------------------------------------------------------------

    def report(self) -> str:
        numbers, w = self.numbers, self.workload
        machine = numbers["machine"]
        read = numbers["read"]
        mb = read["bytes"] / 1e6
        lines = [
            "# termcheck benchmark results",
            "",
            f"Machine: {machine['cores']} cores ({machine['cpu']}), Python {machine['python']}, "
            f"{machine['system']}. Workload: {'quick' if self.quick else 'full'}, seed 20240601: "
            f"{w.story_count:,} stories ({mb:.1f} MB), a {w.big_file_bytes / 1e6:.0f} MB file. "
            "Medians of 3 runs where marked (3×); one run otherwise.",
            "",
            "## Throughput as the glossary grows (one core, stories as files, end to end)",
            "",
            "termcheck = read, decode, match, analyse, every rule, JSON Lines report. "
            "Floor = `LC_ALL=C.UTF-8 grep -F -w -o -f patterns` of the lower-cased forms over "
            "the lower-cased stories (`tr A-Z a-z` equivalent). Plain read = reading and "
            f"decoding the same files ({read['seconds']:.3f} s).",
            "",
            "| entries | termcheck s | MB/s per core | × floor (grep) | grep s (MB/s) | "
            "× plain read | peak MB | findings | grep matches |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for n in w.sizes:
            size = numbers["sizes"][str(n)]
            check, grep = size["check"], size["grep"]
            lines.append(
                f"| {n:,} | {check['seconds']:.2f} | {mb / check['seconds']:.2f} | "
                f"{check['seconds'] / grep['seconds']:.1f} | {grep['seconds']:.2f} "
                f"({mb / grep['seconds']:.1f}) | {check['seconds'] / read['seconds']:.0f} | "
                f"{check['peak_mb']:.0f} | {check['findings']:,} | {grep['matches']:,} |"
            )
        big = [
            (n, numbers["sizes"][str(n)])
            for n in w.sizes
            if "big_check" in numbers["sizes"][str(n)]
        ]
        if big:
            lines += [
                "",
                f"## One {w.big_file_bytes / 1e6:.0f} MB file (one document), one core",
                "",
                "| entries | termcheck s | MB/s | × floor (grep) | grep s | peak MB | findings |",
                "|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for n, size in big:
                check, grep = size["big_check"], size["big_grep"]
                lines.append(
                    f"| {n:,} | {check['seconds']:.1f} | "
                    f"{check['bytes'] / 1e6 / check['seconds']:.2f} | "
                    f"{check['seconds'] / grep['seconds']:.1f} | {grep['seconds']:.2f} | "
                    f"{check['peak_mb']:.0f} | {check['findings']:,} |"
                )
        lines += [
            "",
            "## Glossary loading, interactive use",
            "",
            "| entries | compile: YAML parse s | compile: index s | cached load s | "
            "warm ms per 3 KB story | cold start s (one story, cache warm) |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        how = ""
        for n in w.sizes:
            size = numbers["sizes"][str(n)]
            how = size["cold_start"]["how"]
            lines.append(
                f"| {n:,} | {size['compile']['parse_s']:.2f} | {size['compile']['index_s']:.2f} | "
                f"{size['cached_load']['seconds']:.3f} | {size['warm']['ms_per_story']:.2f} | "
                f"{size['cold_start']['seconds']:.2f} |"
            )
        lines += [
            "",
            f"Cold start measured with {how}; `tr A-Z a-z` over the big file: "
            f"{numbers['tr']['seconds']:.2f} s.",
        ]
        stages = numbers["stages"]["ms_per_story"]
        lines += [
            "",
            "## Where the time goes (10,000 entries, ms per story, warm)",
            "",
            "| stage | ms |",
            "|---|---:|",
        ]
        for name, ms in sorted(stages.items(), key=lambda item: -item[1]):
            if ms >= 0.01:
                lines.append(f"| {name} | {ms:.3f} |")
        lines += ["", "## Targets", "", "| target | measured | result |", "|---|---|---|"]
        lines += [f"| {t} | {m} | {r} |" for t, m, r in self.targets()]
        return "\n".join(lines) + "\n"

    def targets(self) -> list[tuple[str, str, str]]:
        numbers, sizes = self.numbers, self.workload.sizes
        rows: list[tuple[str, str, str]] = []

        def at_most(name: str, value: float, limit: float, unit: str) -> None:
            verdict = "PASS" if value <= limit else "MISS"
            margin = value / limit
            rows.append((name, f"{value:.3g} {unit}", f"{verdict} ({margin:.2f}× the limit)"))

        def at_least(name: str, value: float, limit: float, unit: str) -> None:
            verdict = "PASS" if value >= limit else "MISS"
            margin = value / limit
            rows.append((name, f"{value:.3g} {unit}", f"{verdict} ({margin:.2f}× the target)"))

        for n in (10_000, 100_000):
            if n in sizes:
                size = numbers["sizes"][str(n)]
                ratio = size["check"]["seconds"] / size["grep"]["seconds"]
                at_most(f"within 2× the grep floor at {n:,} entries", ratio, 2.0, "× floor")
        if 100_000 in sizes and 1_000 in sizes:
            growth = (
                numbers["sizes"]["100000"]["check"]["seconds"]
                / numbers["sizes"]["1000"]["check"]["seconds"]
            )
            at_most("time at 100,000 entries ≤ 2.5× time at 1,000", growth, 2.5, "×")
        if "chinese" in numbers:
            chinese = numbers["chinese"]
            at_least(
                "Chinese matching ≥ 20 MB/s per core at 10,000",
                chinese["bytes"] / 1e6 / chinese["seconds"],
                20,
                "MB/s",
            )
        one = numbers["sizes"]["10000"]["check"]
        two = numbers["two_jobs"]
        at_least(
            "2 jobs ≥ 1.7× one job (10,000 stories)", one["seconds"] / two["seconds"], 1.7, "×"
        )
        if "workers_cpu_s" in two:
            # What two free cores would give: the busier of the parent and the average worker.
            projected = one["cpu_s"] / max(two["cpu_s"], two["workers_cpu_s"] / 2)
            at_least("same, projected from CPU time (2 free cores)", projected, 1.7, "×")
        largest = max(sizes)
        at_largest = numbers["sizes"][str(largest)]
        for key, what in (("check", "the stories"), ("big_check", "the one big file")):
            if key in at_largest:
                at_most(
                    f"peak memory < 1 GB at {largest:,} entries, {what}",
                    at_largest[key]["peak_mb"],
                    1024,
                    "MB",
                )
        at_most(
            f"warm time per 3 KB story < 5 ms at {largest:,}",
            numbers["sizes"][str(largest)]["warm"]["ms_per_story"],
            5,
            "ms",
        )
        at_most(
            f"cold start < 0.5 s with a cached glossary at {largest:,}",
            numbers["sizes"][str(largest)]["cold_start"]["seconds"],
            0.5,
            "s",
        )
        at_most(
            f"cached glossary load well under 0.5 s at {largest:,}",
            numbers["sizes"][str(largest)]["cached_load"]["seconds"],
            0.5,
            "s",
        )
        rows.append(
            (
                "the report with 2 jobs is byte-identical to 1 job",
                str(numbers["same_report_with_2_jobs"]),
                "PASS" if numbers["same_report_with_2_jobs"] else "MISS",
            )
        )
        return rows


def shutil_which(name: str) -> str | None:
    beside = Path(PYTHON).parent / name
    return str(beside) if beside.exists() else None


def _machine() -> dict[str, Any]:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return {
        "cores": cores,
        "cpu": cpu,
        "python": platform.python_version(),
        "system": platform.system(),
    }


if __name__ == "__main__":
    main()
