"""Readers turn a source file into a Document of segments; one reader per format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from checker.document import Document
from checker.readers.text import read_text
from checker.source import SourceFile

Reader = Callable[[SourceFile], Document]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
}


def reader_for(path: str) -> Reader:
    return READERS.get(Path(path).suffix.lower(), read_text)


def supported_suffixes() -> frozenset[str]:
    return frozenset(READERS)
