"""docs/architecture.md describes the whole package: its table of modules names every
module of `checker/`, and its table from each rule code to its rule, its deciding function
and its case file has one row for every registered rule, each name in it existing."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from checker.rules import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "checker"
TEXT = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
MODULE_ROW = re.compile(r"^\| (`checker/[^|]*`) \| (.+) \|$", re.MULTILINE)
ROW = re.compile(r"^\| ([A-Z]{2}\d{3}) \| (.+?) \| (.+?) \| (.+?) \|$", re.MULTILINE)
NAME = re.compile(r"`([\w.]+:[\w.]+)`")


def _rows() -> dict[str, tuple[str, str, str]]:
    rows: dict[str, tuple[str, str, str]] = {}
    for match in ROW.finditer(TEXT):
        code, rule, deciding, cases = match.groups()
        assert code not in rows, f"{code} has two rows"
        rows[code] = (rule, deciding, cases)
    return rows


ROWS = _rows()


def _resolve(name: str) -> object:
    module, _, path = name.partition(":")
    found: object = importlib.import_module(module)
    for part in path.split("."):
        found = getattr(found, part)
    return found


def test_every_registered_rule_has_one_row() -> None:
    assert sorted(ROWS) == sorted(REGISTRY)


@pytest.mark.parametrize("code", sorted(ROWS))
def test_the_row_names_what_exists(code: str) -> None:
    rule, deciding, cases = ROWS[code]
    assert [_resolve(n) for n in NAME.findall(rule)] == [REGISTRY[code]]
    functions = NAME.findall(deciding)
    assert functions and all(callable(_resolve(n)) for n in functions)
    assert cases == f"`tests/rules/cases/{code}.yaml`"
    assert (ROOT / cases.strip("`")).is_file()


def _described(path: Path, rows: list[tuple[str, str]]) -> bool:
    """A module is described when its row names it (`checker/x.py`), or when it is in a
    package whose row names the package (`checker/p/`) and the module's file (`x.py`)."""
    relative = path.relative_to(ROOT).as_posix()
    for named, text in rows:
        if f"`{relative}`" in named:
            return True
        for folder in re.findall(r"`(checker/[\w/]+/)`", named):
            if relative.startswith(folder):
                inside = relative[len(folder) :]
                if path.name == "__init__.py" or inside in text:
                    return True
    return False


def test_every_module_of_the_package_is_described() -> None:
    rows = MODULE_ROW.findall(TEXT)
    modules = sorted(PACKAGE.rglob("*.py"))
    assert modules
    assert [m.relative_to(ROOT).as_posix() for m in modules if not _described(m, rows)] == []
