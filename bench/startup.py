"""Start-up: how long `termcheck check story.txt` takes with the bundled glossary, against
baselines measured in the same run (`python -c pass`, `python -c "import checker"`).
Building the cache of a large glossary is measured by `bench/cache_build.py`.

    python bench/startup.py [--runs 7] [--baseline DIR]

Each command runs as its own process, after one warm-up run (which fills the glossary
cache and writes the bytecode), `--runs` times; the median wall and CPU time are printed,
with the ratio to each baseline. Target: a story in under 0.3 s.

`--baseline DIR` also runs every termcheck command with the package of another checkout
(`git archive COMMIT | tar -x -C DIR`) first on the import path, in the same rounds as
this one's runs, so that both meet the same load on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STORY = REPO / "samples" / "kanai-liu-meeting.txt"
TERMCHECK = str(Path(sys.executable).with_name("termcheck"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def run_once(command: Sequence[str], cwd: Path, env: dict[str, str] = ENV) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median_run(measured: Sequence[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in measured),
        statistics.median(r.cpu for r in measured),
        max(r.peak_mb for r in measured),
    )


def interleaved(commands: Sequence[tuple[Sequence[str], dict[str, str]]], runs: int) -> list[Run]:
    """The median run of each command (with its environment), the commands run in turn
    `runs` times after a warm-up run of each (bytecode, glossary cache, file system cache)."""
    for command, env in commands:
        run_once(command, REPO, env)
    measured: list[list[Run]] = [[] for _ in commands]
    for _ in range(runs):
        for runs_of, (command, env) in zip(measured, commands, strict=True):
            runs_of.append(run_once(command, REPO, env))
    return [median_run(runs_of) for runs_of in measured]


def startup(runs: int, cache: Path, baseline: Path | None) -> None:
    env_cache = ["--cache-dir", str(cache)]
    rows = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import checker'": [sys.executable, "-c", "import checker"],
        "termcheck --help": [TERMCHECK, "--help"],
        "termcheck check story.txt": [
            TERMCHECK,
            "check",
            str(STORY),
            "--date",
            "2025-11-19",
            *env_cache,
        ],
        "termcheck check story.txt --format concise": [
            TERMCHECK,
            "check",
            str(STORY),
            "--date",
            "2025-11-19",
            "--format",
            "concise",
            *env_cache,
        ],
    }
    commands = [(command, ENV) for command in rows.values()]
    compared = [name for name in rows if name.startswith("termcheck")]
    if baseline is not None:
        env = {**ENV, "PYTHONPATH": str(baseline.resolve())}
        for name in compared:
            command = list(rows[name])
            if "--cache-dir" in command:
                command[command.index("--cache-dir") + 1] = str(cache) + "-baseline"
            commands.append((command, env))
    medians = interleaved(commands, runs)
    results = dict(zip(rows, medians[: len(rows)], strict=True))
    base, package = results["python -c pass"], results["python -c 'import checker'"]
    print(f"start-up, median of {runs} runs (wall and CPU seconds; ratios of wall time)")
    print(
        f"{'command':<44} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'× pass':>7} {'× import':>9}"
    )
    for name, run in results.items():
        print(
            f"{name:<44} {run.wall:7.3f} {run.cpu:7.3f} {run.peak_mb:8.1f} "
            f"{run.wall / base.wall:7.1f} {run.wall / package.wall:9.1f}"
        )
    story = results["termcheck check story.txt"]
    verdict = "met" if story.wall < 0.3 else "missed"
    print(f"one story with the bundled glossary: {story.wall:.3f} s (target < 0.3 s: {verdict})")
    if baseline is not None:
        print(f"\nthe same commands with the package in {baseline}, run in turn with the above")
        print(f"{'command':<44} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'× now':>7}")
        for name, run in zip(compared, medians[len(rows) :], strict=True):
            print(
                f"{name:<44} {run.wall:7.3f} {run.cpu:7.3f} {run.peak_mb:8.1f} "
                f"{run.wall / results[name].wall:7.2f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (default 7)")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="DIR",
        help="a checkout of another commit whose package is measured in turn with this one",
    )
    args = parser.parse_args()
    if args.baseline is not None and not (args.baseline / "checker" / "__init__.py").is_file():
        parser.error(f"--baseline {args.baseline}: no checker package there")
    with tempfile.TemporaryDirectory(prefix="termcheck-startup-") as tmp:
        startup(args.runs, Path(tmp) / "cache", args.baseline)


if __name__ == "__main__":
    main()
