"""Which files a `check` run reads: files as named, folders walked for supported files."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from checker.errors import InputError
from checker.readers import supported_suffixes


def discover(paths: Sequence[str]) -> Iterator[str]:
    suffixes = supported_suffixes()
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in suffixes:
                    yield str(child)
        elif path.exists() or item == "-":
            yield item
        else:
            raise InputError("no such file or folder", item)
