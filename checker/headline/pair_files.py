"""Read pair files by their suffix: TSV, CSV, JSON Lines, XLIFF, TMX."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from checker.errors import InputError
from checker.headline.pairs import PairFile
from checker.headline.tabular import read_delimited, read_jsonl
from checker.headline.tmx import read_tmx
from checker.headline.xliff import read_xliff
from checker.source import read_source

PAIR_SUFFIXES = {
    ".tsv": "tsv",
    ".tab": "tsv",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".tmx": "tmx",
}


def read_pair_file(
    path: str | Path, reference_lang: str | None = None, encoding: str | None = None
) -> PairFile:
    """The pairs of one file. `encoding` is the text's (TSV, CSV, JSON Lines: default
    detected); XLIFF and TMX declare their own."""
    name = str(path)
    kind = PAIR_SUFFIXES.get(Path(name).suffix.lower())
    if kind is None:
        known = ", ".join(sorted(PAIR_SUFFIXES))
        raise InputError(f"unknown pair file type (use one of {known})", name)
    source = read_source(name, encoding)
    if kind in ("xliff", "tmx"):
        data = source.raw if source.raw is not None else source.text.encode("utf-8")
        result = read_xliff(data, name) if kind == "xliff" else read_tmx(data, name, reference_lang)
    elif kind == "jsonl":
        result = read_jsonl(source)
    else:
        result = read_delimited(source, "\t" if kind == "tsv" else ",")
    if not result.pairs:
        if result.skipped:
            first = result.skipped[0]
            raise InputError(f"no headline pairs found: {first.message}", name, first.line)
        why = "; ".join(result.warnings)
        raise InputError("no headline pairs found" + (f" ({why})" if why else ""), name)
    return dataclasses.replace(result, text=source)


def read_pair_files(
    paths: Sequence[str | Path], reference_lang: str | None = None, encoding: str | None = None
) -> list[PairFile]:
    return [read_pair_file(p, reference_lang, encoding) for p in paths]
