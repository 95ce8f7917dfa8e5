"""No import cycle inside `checker/`: every module's imports, read from the source (deferred
and type-checking imports too), point one way."""

from __future__ import annotations

from pathlib import Path

from tests.structure.import_graph import cycles, import_graph


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_a_cycle_through_a_type_checking_or_deferred_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "model.py").write_text("from pkg.sub.finder import find\n")
    finder = package / "sub" / "finder.py"
    finder.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.model import Model\n"
    )
    (package / "sub" / "judge.py").write_text("from . import finder\n")
    (package / "alone.py").write_text("import pkg.model\n")
    graph = import_graph(package)
    assert graph["pkg.sub.judge"] == {"pkg.sub", "pkg.sub.finder"}
    assert graph["pkg.alone"] == {"pkg.model"}
    assert cycles(graph) == [["pkg.model", "pkg.sub.finder"]]
    finder.write_text("def find():\n    from ..model import Model\n")
    assert cycles(import_graph(package)) == [["pkg.model", "pkg.sub.finder"]]
    finder.write_text("def find():\n    return None\n")
    assert cycles(import_graph(package)) == []


def test_cycles_of_every_length_are_found_once_each() -> None:
    graph = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},
        "d": {"e"},
        "e": {"d"},
        "f": {"a"},
        "g": set(),
    }
    assert cycles(graph) == [["a", "b", "c"], ["d", "e"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
