"""Pair files as tables: TSV or CSV with a header row, and JSON Lines.

Columns (or JSON keys): `id` (optional), `source`, `translation`, `reference`,
`reference2`, … (optional; in JSON also a list), `source_lang` (optional) and `terms`
(optional JSON). A few common aliases are read too (`src`, `target`, `hypothesis`, `mt`,
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
from checker.headline.pairs import HeadlinePair, PairFile, new_pair, parse_terms
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
    """TSV (delimiter tab) or CSV (comma) with a header row naming the columns."""
    stream = io.StringIO(source.text, newline="")
    if delimiter == "\t":
        reader = csv.reader(stream, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError("empty file: a header row is expected", source.path, 1)
        names = [_field_name(h) for h in header]
        for required in _REQUIRED:
            if required not in names:
                raise InputError(
                    f"the header names no '{required}' column (columns: {', '.join(header)})",
                    source.path,
                    1,
                )
        pairs: list[HeadlinePair] = []
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(row) != len(header):
                    raise InputError(
                        f"row has {len(row)} fields; the header has {len(header)}",
                        source.path,
                        line,
                    )
                record: dict[str, Any] = {"reference": []}
                for name, cell in zip(names, row, strict=True):
                    if name == "reference":
                        record["reference"].append(cell)
                    elif name is not None:
                        record[name] = cell
                pairs.append(_pair(record, source.path, line, len(pairs) + 1))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", source.path, reader.line_num) from None
    return PairFile(source.path, "tsv" if delimiter == "\t" else "csv", tuple(pairs))


def read_jsonl(source: SourceFile) -> PairFile:
    """One JSON object per line; blank lines are skipped."""
    pairs: list[HeadlinePair] = []
    for number, text in enumerate(source.text.splitlines(), start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", source.path, number, exc.colno) from None
        if not isinstance(data, dict):
            raise InputError("each line is a JSON object", source.path, number)
        record: dict[str, Any] = {"reference": []}
        for key, value in data.items():
            name = "reference" if key == "references" else _field_name(key)
            if name == "reference":
                values = value if isinstance(value, list) else [value]
                record["reference"].extend(_texts(values, key, source.path, number))
            elif name == "terms":
                record["terms"] = value
            elif name is not None and value is not None:
                record[name] = _texts([value], key, source.path, number)[0]
        pairs.append(_pair(record, source.path, number, len(pairs) + 1))
    return PairFile(source.path, "jsonl", tuple(pairs))


def _texts(values: list[Any], key: str, path: str, line: int) -> list[str]:
    if not all(v is None or isinstance(v, str | int | float) for v in values):
        raise InputError(f"'{key}' must be text", path, line)
    return [str(v) for v in values if v is not None]


def _pair(record: dict[str, Any], path: str, line: int, ordinal: int) -> HeadlinePair:
    for required in _REQUIRED:
        if record.get(required) is None:
            raise InputError(f"the pair has no '{required}'", path, line)
    return new_pair(
        pair_id=(record.get("id") or "").strip() or str(ordinal),
        source=record["source"],
        translation=record["translation"],
        references=record["reference"],
        lang=record.get("source_lang"),
        terms=parse_terms(record.get("terms"), path, line),
        path=path,
        line=line,
    )
