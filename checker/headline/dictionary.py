"""A term dictionary given once for every pair (`--terms FILE`): source terms and their
accepted English renderings, as terminology test sets give them.

- JSON: a mapping from source term to a rendering or a list of them (the WMT25 form), or
  a list of {"source": ..., "target": ...} objects;
- TSV: one term a line, the source term then its renderings, tab-separated (a first line
  `source<TAB>target` is a header);
- CSV with a header naming the source and target columns (`source`/`sourceString`,
  `target`/`targetString`), as the TICO-19 terminologies;
- TBX: each concept's Chinese or Japanese terms, each with the concept's English terms.

A malformed term is left out and said, with its line where the format has lines; the
others are read.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from pathlib import Path

from checker.errors import InputError
from checker.glossary.load_tbx import glossary_from_tbx
from checker.headline.pairs import PairFile, PairTerm, Skipped, parse_terms, term_problem
from checker.source import read_source

_SOURCE_COLUMNS = ("source", "sourcestring", "src", "term")
_TARGET_COLUMNS = ("target", "targetstring", "tgt", "translation")


def read_dictionary(path: str | Path) -> tuple[tuple[PairTerm, ...], tuple[Skipped, ...]]:
    name = str(path)
    suffix = Path(name).suffix.lower()
    if suffix == ".tbx":
        source = read_source(name)
        data = source.raw if source.raw is not None else source.text.encode("utf-8")
        return _from_tbx(data, name), ()
    text = read_source(name).text
    if suffix == ".json":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", name, exc.lineno, exc.colno) from None
        terms, problems = parse_terms(value)
        return terms, tuple(Skipped(None, p) for p in problems)
    if suffix in (".tsv", ".tab", ".txt"):
        return _from_rows(list(csv.reader(io.StringIO(text), delimiter="\t")), name, header=False)
    if suffix == ".csv":
        return _from_rows(list(csv.reader(io.StringIO(text))), name, header=True)
    raise InputError("unknown dictionary type (use .json, .tsv, .csv or .tbx)", name)


def with_dictionary(
    files: Sequence[PairFile],
    dictionary: tuple[PairTerm, ...],
    path: str,
    skipped: Sequence[Skipped] = (),
) -> list[PairFile]:
    """The pair files with the dictionary given to every pair that has no terms of its
    own (one tuple for all: it is compiled once); what the dictionary left out is said
    once, on the first file."""
    out = []
    for number, pair_file in enumerate(files):
        pairs = tuple(
            p if p.terms else dataclasses.replace(p, terms=dictionary) for p in pair_file.pairs
        )
        notes = tuple(Skipped(s.line, s.message, path) for s in skipped) if number == 0 else ()
        out.append(dataclasses.replace(pair_file, pairs=pairs, skipped=pair_file.skipped + notes))
    return out


def _from_rows(
    rows: list[list[str]], path: str, header: bool
) -> tuple[tuple[PairTerm, ...], tuple[Skipped, ...]]:
    source_at, targets_at = 0, slice(1, None)
    first = [c.strip().lower() for c in rows[0]] if rows else []
    named = [c for c in first if c in _SOURCE_COLUMNS or c in _TARGET_COLUMNS]
    if header or (len(named) >= 2 and first[:1] == ["source"]):
        if not any(c in _SOURCE_COLUMNS for c in first) or not any(
            c in _TARGET_COLUMNS for c in first
        ):
            raise InputError(
                "the header names no source and target columns (write 'source,target')",
                path,
                1,
            )
        source_at = next(i for i, c in enumerate(first) if c in _SOURCE_COLUMNS)
        target_at = next(i for i, c in enumerate(first) if c in _TARGET_COLUMNS)
        targets_at = slice(target_at, target_at + 1)
        rows = rows[1:]
        offset = 2
    else:
        offset = 1
    terms: list[PairTerm] = []
    skipped: list[Skipped] = []
    for line, row in enumerate(rows, start=offset):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= source_at or not row[targets_at]:
            skipped.append(Skipped(line, "the line has no target; the term is left out"))
            continue
        item = {"source": row[source_at], "target": [t for t in row[targets_at]]}
        problem = term_problem(item)
        if problem is not None:
            skipped.append(Skipped(line, f"{problem}; the term is left out"))
            continue
        terms.append(PairTerm(row[source_at].strip(), tuple(t.strip() for t in row[targets_at])))
    return tuple(terms), tuple(skipped)


def _from_tbx(data: bytes, path: str) -> tuple[PairTerm, ...]:
    glossary = glossary_from_tbx(data, path)
    terms = []
    for entry in glossary.entries:
        english = tuple(f.text for f in entry.forms if f.lang == "en" and f.role.is_correct)
        if not english:
            continue
        for form in entry.forms:
            if form.lang != "en" and form.role.is_correct:
                terms.append(PairTerm(form.text, english))
    return tuple(terms)
