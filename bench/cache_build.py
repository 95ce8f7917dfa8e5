"""Building the glossary cache: how long compiling a glossary into an empty cache folder
takes, and how much memory, for the bundled glossaries and for generated glossaries of
10,000 and 100,000 entries (the workload's: people with tenures, offices, organizations,
places and terms, with Chinese and Japanese forms and wrong forms; valid for `glossary
validate`), each against the bundled glossaries and the 10,000 entries measured in the
same run.

    python bench/cache_build.py [--sizes 10000 100000] [--runs 1]

Each build is `termcheck check story.txt --no-bundled -g GLOSSARY` with a fresh
`--cache-dir`, in its own process: wall time, CPU time and peak memory (the process's
maximum resident size), then the same command again, from the cache. With `--runs N` each
build is run N times and the median kept. Target: 100,000 entries in under 10 s and 500 MB.
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
TARGET_SECONDS, TARGET_MB = 10.0, 500.0


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def run_once(command: Sequence[str]) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited with {code}: {error.strip()}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def build(glossary: Path | None, folder: Path, runs: int) -> tuple[Run, Run, float]:
    """The build (median of `runs`, each into an empty cache), the run after it from the
    cache, and the cache's size in MB."""
    glossaries = ["--no-bundled", "-g", str(glossary)] if glossary else []
    builds, cache = [], folder
    for number in range(runs):
        cache = folder / f"cache-{glossary.stem if glossary else 'bundled'}-{number}"
        command = [
            TERMCHECK,
            "check",
            str(STORY),
            *glossaries,
            "--cache-dir",
            str(cache),
            "--date",
            "2025-11-19",
            "--format",
            "jsonl",
        ]
        builds.append(run_once(command))
    again = run_once(command)
    size = sum(p.stat().st_size for p in cache.glob("*.bin")) / 1e6
    middle = Run(
        statistics.median(r.wall for r in builds),
        statistics.median(r.cpu for r in builds),
        statistics.median(r.peak_mb for r in builds),
    )
    return middle, again, size


def generate(sizes: Sequence[int], folder: Path) -> dict[int, Path]:
    """The workload's glossaries of these sizes (prefixes of the largest), made in a
    process of their own: a process started from this one would count the generator's
    memory in its peak (the maximum resident size is kept across `exec`)."""
    paths = {size: folder / f"glossary-{size}.yaml" for size in sizes}
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from pathlib import Path;"
        "from workload import glossary_document, glossary_model, write_glossary;"
        "sizes = [int(s) for s in sys.argv[3:]];"
        "model = glossary_model(max(sizes));"
        "[write_glossary(glossary_document(model, s), Path(sys.argv[2]) / f'glossary-{s}.yaml')"
        " for s in sizes]"
    )
    bench = str(REPO / "bench")
    subprocess.run([sys.executable, "-c", script, bench, str(folder), *map(str, sizes)], check=True)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=1, help="builds per glossary (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="termcheck-cache-build-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        paths = generate(args.sizes, folder)
        print(f"generated {len(paths)} glossaries in {time.perf_counter() - started:.0f} s")
        rows: dict[str, tuple[Run, Run, float, float]] = {}
        bundled = build(None, folder, args.runs)
        rows["bundled glossaries"] = (*bundled, 0.0)
        for size, path in paths.items():
            rows[f"{size:,} entries"] = (*build(path, folder, args.runs), path.stat().st_size / 1e6)
    base = rows["bundled glossaries"][0]
    middle = rows.get("10,000 entries", (base,))[0]
    print(
        f"{'glossary':<20} {'YAML MB':>8} {'build s':>8} {'CPU s':>7} {'peak MB':>8} "
        f"{'× bundled':>10} {'× 10,000':>9} {'MB × 10,000':>12} {'cache MB':>9} "
        f"{'cached run s':>13} {'its peak MB':>12}"
    )
    for name, (made, again, size, yaml_mb) in rows.items():
        print(
            f"{name:<20} {yaml_mb:8.1f} {made.wall:8.2f} {made.cpu:7.2f} {made.peak_mb:8.0f} "
            f"{made.wall / base.wall:10.1f} {made.wall / middle.wall:9.2f} "
            f"{made.peak_mb / middle.peak_mb:12.2f} {size:9.0f} {again.wall:13.2f} "
            f"{again.peak_mb:12.0f}"
        )
    largest = rows.get("100,000 entries")
    if largest:
        made = largest[0]
        verdict = "met" if made.wall < TARGET_SECONDS and made.peak_mb < TARGET_MB else "missed"
        print(
            f"100,000 entries: {made.wall:.1f} s ({made.cpu:.1f} s CPU) and {made.peak_mb:.0f} MB "
            f"(target < {TARGET_SECONDS:.0f} s and {TARGET_MB:.0f} MB: {verdict})"
        )


if __name__ == "__main__":
    main()
