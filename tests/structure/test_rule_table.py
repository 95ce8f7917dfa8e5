"""The table in docs/architecture.md from each rule code to its rule, its deciding function
and its cases names every registered rule, and every name in it exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from checker.rules import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\| ([A-Z]{2}\d{3}) \| (.+?) \| (.+?) \| (.+?) \|$", re.MULTILINE)
NAME = re.compile(r"`([\w.]+:[\w.]+)`")


def _rows() -> dict[str, tuple[str, str, str]]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows: dict[str, tuple[str, str, str]] = {}
    for match in ROW.finditer(text):
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
    case_file = ROOT / cases.strip("`")
    assert case_file.is_file()
    assert code in case_file.read_text(encoding="utf-8") or case_file.stem == code
