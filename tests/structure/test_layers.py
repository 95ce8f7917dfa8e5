"""The package's layers: no import runs back up from a lower layer to a higher one.

Every import in `checker/` is read from the source (top-level and inside functions
alike), so a deferred import counts as an edge too."""

from __future__ import annotations

import pytest

from tests.structure.import_graph import import_graph

GRAPH = import_graph()


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def _edges(source: str, target: str) -> list[str]:
    return sorted(
        f"{module} -> {name}"
        for module, names in GRAPH.items()
        if _within(module, source)
        for name in names
        if _within(name, target)
    )


BACK_EDGES = [
    ("checker.reporters", "checker.commands"),  # a report writer does not import a command
    ("checker.analysis", "checker.rules"),  # analysis serves the rules, not the reverse
    ("checker.scale", "checker.batch"),  # batch hands work to scale-out, never back
    ("checker.file_task", "checker.batch"),  # the task both of them run is below both
    ("checker.file_task", "checker.scale"),
]


@pytest.mark.parametrize(("source", "target"), BACK_EDGES)
def test_no_import_runs_back_up(source: str, target: str) -> None:
    assert _edges(source, target) == []


def test_only_the_entry_point_imports_the_command_line() -> None:
    assert _edges("checker", "checker.cli") == ["checker.__main__ -> checker.cli"]


def test_deferred_imports_are_edges_too() -> None:
    """The walk sees imports inside functions: batch picks the Dask runner only when a
    scheduler is given, and the rules command imports the explanation when it runs."""
    assert _edges("checker.batch", "checker.scale") == ["checker.batch -> checker.scale"]
    assert "checker.commands.rules -> checker.explain" in _edges(
        "checker.commands", "checker.explain"
    )
