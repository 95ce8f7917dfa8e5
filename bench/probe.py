"""One measurement in a fresh process, printed as one line of JSON (for run_all.py).

    python bench/probe.py compile GLOSSARY CACHE_DIR
    python bench/probe.py cached-load GLOSSARY CACHE_DIR
    python bench/probe.py read FILE_OR_FOLDER
    python bench/probe.py check FILE_OR_FOLDER GLOSSARY CACHE_DIR JOBS REPORT
    python bench/probe.py warm-story FOLDER GLOSSARY CACHE_DIR
    python bench/probe.py chinese TEXT_FILE GLOSSARY CACHE_DIR
    python bench/probe.py stages FOLDER GLOSSARY CACHE_DIR

Every termcheck measurement goes end to end through the library: files found, read,
decoded, matched, analysed, every rule run, and the JSON Lines report written.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.analysis import DocumentAnalysis
from checker.batch import BatchRun, BatchSummary, tasks_for
from checker.cache import Compiled, GlossaryCache
from checker.discover import discover
from checker.engine import Checker
from checker.glossary.loader import load_glossaries
from checker.match.index import TermIndex
from checker.readers import reader_for
from checker.reporters.jsonl import write_jsonl
from checker.rules.base import Reporter
from checker.source import read_source
from checker.style import load_style


def _peak_mb() -> float:
    """The peak resident memory of this process (its own image: `ru_maxrss` would carry
    over the parent's from before `exec`) or of the largest of its worker processes."""
    own = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            own = int(line.split()[1]) / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(own, workers)


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds used so far by this process, and by its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _checker(glossary: str, cache_dir: str) -> Checker:
    compiled = GlossaryCache(cache_dir).load([glossary])
    return Checker(compiled.glossary, load_style(None), index=compiled.index)


def _paths(target: str) -> list[str]:
    return list(discover([target]))


def _size(paths: list[str]) -> int:
    return sum(Path(p).stat().st_size for p in paths)


def compile_glossary(glossary: str, cache_dir: str) -> dict[str, Any]:
    start = time.perf_counter()
    loaded = load_glossaries([glossary])
    parsed = time.perf_counter()
    index = TermIndex(loaded)
    built = time.perf_counter()
    GlossaryCache(cache_dir).store([glossary], Compiled(loaded, index))  # for the others
    return {
        "parse_s": parsed - start,
        "index_s": built - parsed,
        "entries": len(loaded.entries),
        "peak_mb": _peak_mb(),
    }


def cached_load(glossary: str, cache_dir: str) -> dict[str, Any]:
    start = time.perf_counter()
    compiled = GlossaryCache(cache_dir).load([glossary])
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "from_cache": compiled.from_cache, "peak_mb": _peak_mb()}


def read_only(target: str) -> dict[str, Any]:
    """The plain read of the same text: bytes from disk, decoded."""
    paths = _paths(target)
    start = time.perf_counter()
    characters = sum(len(read_source(p).text) for p in paths)
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "bytes": _size(paths), "characters": characters}


def check(target: str, glossary: str, cache_dir: str, jobs: str, report: str) -> dict[str, Any]:
    checker = _checker(glossary, cache_dir)
    paths = _paths(target)
    summary = BatchSummary()
    cpu = _cpu_seconds()
    start = time.perf_counter()
    with (
        open(report, "w", encoding="utf-8") as out,
        BatchRun([checker], tasks_for(paths), jobs=int(jobs)) as items,
    ):
        write_jsonl(summary.results(items), out)
    elapsed = time.perf_counter() - start
    own, workers = (after - before for after, before in zip(_cpu_seconds(), cpu, strict=True))
    return {
        "seconds": elapsed,
        "cpu_s": own,
        "workers_cpu_s": workers,
        "bytes": _size(paths),
        "files": summary.files,
        "findings": summary.findings,
        "errors": len(summary.errors),
        "peak_mb": _peak_mb(),
    }


def warm_story(target: str, glossary: str, cache_dir: str) -> dict[str, Any]:
    """Milliseconds per 3 KB story once everything is loaded: the interactive case."""
    checker = _checker(glossary, cache_dir)
    sources = [read_source(p) for p in _paths(target)[:200]]
    for source in sources:  # warm: entries read, automata built, caches filled
        checker.check_source(source)
    rounds = 3
    start = time.perf_counter()
    for _ in range(rounds):
        for source in sources:
            checker.check_source(source)
    elapsed = time.perf_counter() - start
    return {"ms_per_story": elapsed / (rounds * len(sources)) * 1000, "stories": len(sources)}


def chinese(text_file: str, glossary: str, cache_dir: str) -> dict[str, Any]:
    """Glossary matching (both automata) over Chinese text, as the headline checks do."""
    checker = _checker(glossary, cache_dir)
    lines = Path(text_file).read_text(encoding="utf-8").splitlines()
    checker.index.find(lines[0])  # the CJK automaton is built on first use
    start = time.perf_counter()
    hits = sum(len(checker.index.find(line)) for line in lines)
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "bytes": Path(text_file).stat().st_size, "hits": hits}


def stages(target: str, glossary: str, cache_dir: str) -> dict[str, Any]:
    """Where the time of a check goes: reading, the reader, matching, the analysis (which
    includes matching), the title verdicts and each rule, per story (warm)."""
    checker = _checker(glossary, cache_dir)
    paths = _paths(target)[:1000]
    for path in paths:  # warm-up pass
        checker.check_path(path)
    totals: dict[str, float] = {}
    clock = _Clock(totals)
    for path in paths:
        source = clock("read and decode", read_source, path)
        document = clock("reader", reader_for(source.path), source)
        for segment in document.segments:
            clock("match (TermIndex.find)", checker.index.find, segment.text)
        date = document.date or dt.date(2025, 11, 19)
        analysis = clock(
            "analysis (with matching)",
            DocumentAnalysis,
            document,
            checker.index,
            checker.style,
            date,
        )
        clock("title verdicts", lambda a: a.verdicts, analysis)
        for rule, severity in checker.rules:
            report = Reporter(rule, document.path, severity, [])
            clock(f"rule {rule.code}", rule.check, analysis, report)
    per_story = {name: seconds / len(paths) * 1000 for name, seconds in totals.items()}
    return {"ms_per_story": per_story, "stories": len(paths)}


class _Clock:
    """Calls a function and adds its time to a named total."""

    def __init__(self, totals: dict[str, float]) -> None:
        self.totals = totals

    def __call__(self, name: str, work: Callable[..., Any], *arguments: Any) -> Any:
        start = time.perf_counter()
        value = work(*arguments)
        self.totals[name] = self.totals.get(name, 0.0) + time.perf_counter() - start
        return value


PROBES: dict[str, Callable[..., dict[str, Any]]] = {
    "compile": compile_glossary,
    "cached-load": cached_load,
    "read": read_only,
    "check": check,
    "warm-story": warm_story,
    "chinese": chinese,
    "stages": stages,
}


if __name__ == "__main__":
    name, *arguments = sys.argv[1:]
    print(json.dumps(PROBES[name](*arguments)))
