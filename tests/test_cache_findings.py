"""A glossary read back from the cache finds exactly what the glossary compiled from its
files finds: for the bundled glossaries and for a generated glossary of the benchmark
workload (people with tenures, offices, organizations, places and terms, with Chinese and
Japanese forms and wrong forms), over stories that use them."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from checker.cache import Compiled, GlossaryCache
from checker.engine import Checker
from checker.reporters.jsonl import write_jsonl
from checker.style import load_style
from tests.conftest import NEWS_STYLE, REPO

GENERATED_ENTRIES = 3_000
GENERATED_STORIES = 40


def _workload() -> ModuleType:
    spec = importlib.util.spec_from_file_location("workload", REPO / "bench" / "workload.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("workload", module)
    spec.loader.exec_module(module)
    return module


def _report(compiled: Compiled, stories: list[tuple[str, str]]) -> str:
    checker = Checker(compiled.glossary, load_style(str(NEWS_STYLE)), index=compiled.index)
    out = io.StringIO()
    write_jsonl((checker.check_text(text, name) for name, text in stories), out)
    return out.getvalue()


def _fresh_and_cached(folder: Path, paths: list[Path] | None) -> Iterator[Compiled]:
    cache = GlossaryCache(folder)
    fresh = cache.load(paths)
    assert (fresh.from_cache, fresh.stored) == (False, True)
    yield fresh
    cached = cache.load(paths)
    assert cached.from_cache
    yield cached


def test_the_bundled_glossaries_find_the_same_from_the_cache(tmp_path: Path) -> None:
    stories = [
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted((REPO / "samples").glob("*.txt"))
    ]
    fresh, cached = _fresh_and_cached(tmp_path / "cache", None)
    expected = _report(fresh, stories)
    assert len(expected.splitlines()) >= 10  # the seed story's findings
    assert _report(cached, stories) == expected


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, str]]]:
    workload = _workload()
    model = workload.glossary_model(GENERATED_ENTRIES)
    path = tmp_path_factory.mktemp("generated") / "generated.yaml"
    workload.write_glossary(workload.glossary_document(model, GENERATED_ENTRIES), path)
    texts = workload.stories(model, GENERATED_STORIES, 20251119)
    return path, [(f"story-{i}.txt", text) for i, text in enumerate(texts)]


def test_a_generated_glossary_finds_the_same_from_the_cache(
    tmp_path: Path, generated: tuple[Path, list[tuple[str, str]]]
) -> None:
    path, stories = generated
    fresh, cached = _fresh_and_cached(tmp_path / "cache", [path])
    expected = _report(fresh, stories)
    codes = {json.loads(line)["code"] for line in expected.splitlines()}
    assert len(codes) >= 5, codes  # names, titles and forms of many kinds are found
    assert _report(cached, stories) == expected
    # Every entry and every office's holders read back as they were compiled.
    assert list(cached.glossary.entries) == list(fresh.glossary.entries)
    assert dict(cached.glossary.holdings) == dict(fresh.glossary.holdings)
    assert cached.index.office_words == fresh.index.office_words
    assert cached.index.person_names == fresh.index.person_names
