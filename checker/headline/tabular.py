"""Pair files as tables: TSV or CSV with a header row (or without one, when the columns
are plainly source, translation[, reference]), and JSON Lines. A record that cannot be
read is left out and said with its line; the rest of the file is read.

Columns (or JSON keys): `id` (optional), `source`, `translation`, `reference`,
`reference2`, … (optional; in JSON also a list), `source_lang` (optional), `terms`
(optional JSON) and `note` or `comment` (optional: `termcheck: ignore CODE` in it suppresses
those codes on the pair). A few common aliases are read too (`src`, `target`, `hypothesis`, `mt`,
`ref`). TSV fields are taken literally (no quoting, as the TSV format defines them); CSV
fields follow the usual CSV quoting.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from checker.errors import InputError
from checker.headline.language import has_cjk, looks_english
from checker.headline.pairs import HeadlinePair, PairFile, Skipped, new_pair, parse_terms
from checker.source import SourceFile

_FIELDS = {
    "id": "id",
    "source": "source",
    "src": "source",
    "translation": "translation",
    "target": "translation",
    "hypothesis": "translation",
    "hyp": "translation",
    "mt": "translation",
    "source_lang": "source_lang",
    "src_lang": "source_lang",
    "srclang": "source_lang",
    "terms": "terms",
    "note": "note",
    "notes": "note",
    "comment": "note",
    "comments": "note",
}
_REFERENCE = re.compile(r"^(?:reference|ref)(\d*)$")
_REQUIRED = ("source", "translation")


def _field_name(header: str) -> str | None:
    key = header.strip().lower().replace("-", "_").replace(" ", "_")
    if key in _FIELDS:
        return _FIELDS[key]
    if _REFERENCE.match(key.replace("_", "")):
        return "reference"
    return None


def read_delimited(source: SourceFile, delimiter: str) -> PairFile:
    """TSV (delimiter tab) or CSV (comma) with a header row naming the columns, or without
    one when the columns are unambiguous: source, translation and optionally reference.
    A row that cannot be read is left out and said, with its line."""
    stream = io.StringIO(source.text, newline="")
    if delimiter == "\t":
        reader = csv.reader(stream, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(stream, delimiter=delimiter)
    kind = "tsv" if delimiter == "\t" else "csv"
    try:
        rows = []
        line = 1
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", source.path, reader.line_num) from None
    rows = [(n, row) for n, row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError("empty file: a header row is expected", source.path, 1)
    header = rows[0][1]
    names = [_field_name(h) for h in header]
    if all(required in names for required in _REQUIRED):
        body = rows[1:]
    elif _headerless(rows):
        names = list(_POSITIONAL[: len(header)])
        body = rows
    else:
        example = delimiter.join(("source", "translation", "reference"))
        missing = [r for r in _REQUIRED if r not in names]
        raise InputError(
            f"the header names no '{missing[0]}' column (columns: {', '.join(header)}); "
            f"write a header row such as '{example}'",
            source.path,
            1,
        )
    pairs: list[HeadlinePair] = []
    skipped: list[Skipped] = []
    for line, row in body:
        if len(row) != len(names):
            why = f"the row has {len(row)} fields where the header has {len(names)}"
            skipped.append(Skipped(line, why + "; the row is left out"))
            continue
        record: dict[str, Any] = {"reference": []}
        for name, cell in zip(names, row, strict=True):
            if name == "reference":
                record["reference"].append(cell)
            elif name is not None:
                record[name] = cell
        _add(record, source.path, line, pairs, skipped)
    return PairFile(source.path, kind, tuple(pairs), skipped=tuple(skipped))


_POSITIONAL = ("source", "translation", "reference")


def _headerless(rows: list[tuple[int, list[str]]]) -> bool:
    """Are the rows, first one included, plainly source, translation[, reference]: two or
    three columns on every row, Chinese or Japanese first, English after?"""
    width = len(rows[0][1])
    if width not in (2, 3):
        return False
    sample = rows[:50]
    return all(
        len(row) == width
        and has_cjk(row[0])
        and all(looks_english(cell) or not cell.strip() for cell in row[1:])
        for _, row in sample
    )


def read_jsonl(source: SourceFile) -> PairFile:
    """One JSON object per line; blank lines are skipped, unreadable ones left out and
    said, with their line."""
    pairs: list[HeadlinePair] = []
    skipped: list[Skipped] = []
    for number, text in enumerate(source.text.splitlines(), start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            why = f"not valid JSON ({exc.msg} at column {exc.colno})"
            skipped.append(Skipped(number, why + "; the line is left out"))
            continue
        if not isinstance(data, dict):
            skipped.append(Skipped(number, "not a JSON object; the line is left out"))
            continue
        record: dict[str, Any] = {"reference": []}
        problem = None
        for key, value in data.items():
            name = "reference" if key == "references" else _field_name(key)
            if name == "terms":
                record["terms"] = value
                continue
            if name is None:
                continue
            values = value if name == "reference" and isinstance(value, list) else [value]
            if not all(v is None or isinstance(v, str | int | float) for v in values):
                problem = Skipped(number, f"'{key}' is not text; the line is left out")
                break
            texts = [str(v) for v in values if v is not None]
            if name == "reference":
                record["reference"].extend(texts)
            elif texts:
                record[name] = texts[0]
        if problem is not None:
            skipped.append(problem)
            continue
        _add(record, source.path, number, pairs, skipped)
    return PairFile(source.path, "jsonl", tuple(pairs), skipped=tuple(skipped))


def _add(
    record: dict[str, Any],
    path: str,
    line: int,
    pairs: list[HeadlinePair],
    skipped: list[Skipped],
) -> None:
    """The record as a pair, or what keeps it from being one."""
    for required in _REQUIRED:
        if record.get(required) is None:
            skipped.append(Skipped(line, f"the pair has no '{required}'; the line is left out"))
            return
    terms, problems = parse_terms(record.get("terms"))
    skipped.extend(Skipped(line, problem) for problem in problems)
    pairs.append(
        new_pair(
            pair_id=(record.get("id") or "").strip() or str(len(pairs) + 1),
            source=record["source"],
            translation=record["translation"],
            references=record["reference"],
            lang=record.get("source_lang"),
            terms=terms,
            path=path,
            line=line,
            note=record.get("note"),
        )
    )
