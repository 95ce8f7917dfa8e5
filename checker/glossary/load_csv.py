"""Load term lists from CSV or TSV: one row per concept, with a header row.

Two layouts are read:
- pairs: `sourceLang`, `targetLang`, `sourceString`, `targetString` (the TICO-19
  terminologies, in either direction);
- one column per language, headed by its tag (`en`, `zh-Hans`, `zh_CN`, `ja-JP`, …).
Optional columns: an id (`id`, `stringID`, `termID`, `conceptID`), `kind`, a note
(`note`, `description`, `definition`, `comment`) and a source URL (`source`, `url`).

A cell may hold several forms separated by ` : `, `|` or `;`; a bracketed remark after
a form (`冠状病毒 [when referring the generic virus group]`) becomes that form's note.
The first English form is the entry's `en`, the others are accepted; Chinese and
Japanese forms are renderings in their script. A row without English is left out. Ids
are the English form in kebab case, numbered when two rows share one.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from checker.errors import GlossaryError, InputError
from checker.glossary.load_tbx import slug
from checker.glossary.load_yaml import LINE, EntryReader
from checker.glossary.model import CJK_LANGS, Entry, Glossary, Kind
from checker.readers.langtags import canonical_lang
from checker.source import decode

_ID_COLUMNS = ("id", "stringid", "termid", "conceptid", "entryid")
_NOTE_COLUMNS = ("note", "notes", "description", "definition", "comment")
_SOURCE_COLUMNS = ("source", "sources", "url")
_PAIR_COLUMNS = ("sourcelang", "targetlang", "sourcestring", "targetstring")
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$", re.I)
_ALTERNATIVES = re.compile(r"\s+:\s+|\s*\|\s*|\s*;\s*")
_REMARK = re.compile(r"^(.*?)\s*\[([^\]]*)\]\s*$")


def load_csv_glossary(path: str | Path) -> Glossary:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read glossary: {exc.strerror or exc}", name) from None
    try:
        text = decode(data, name).text
    except InputError as exc:
        raise GlossaryError(exc.message, name, exc.line, exc.column) from None
    delimiter = "\t" if Path(path).suffix.lower() == ".tsv" else _delimiter(text)
    return glossary_from_csv(text, name, delimiter)


def _delimiter(text: str) -> str:
    head = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=head.count)


def glossary_from_csv(text: str, path: str, delimiter: str = ",") -> Glossary:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise GlossaryError("empty CSV glossary (no header row)", path, 1) from None
    except csv.Error as exc:
        raise GlossaryError(f"invalid CSV: {exc}", path, 1) from None
    columns = [re.sub(r"[^a-z0-9]", "", h.lower()) for h in header]
    layout = _Layout(header, columns, path)
    entries: list[Entry] = []
    ids: set[str] = set()
    entry_reader = EntryReader(path)
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            item = layout.item(row, line, ids)
            if item is not None:
                entries.append(entry_reader.entry(item))
    except csv.Error as exc:
        raise GlossaryError(f"invalid CSV: {exc}", path, reader.line_num) from None
    if not entries:
        raise GlossaryError("the CSV file holds no row with an English form", path)
    return Glossary(entries=tuple(entries), names=(Path(path).stem,), versions=("",))


class _Layout:
    """Which column holds what."""

    def __init__(self, header: list[str], columns: list[str], path: str) -> None:
        self.columns = columns
        self.pairs = all(c in columns for c in _PAIR_COLUMNS)
        self.languages = {
            i: canonical_lang(h)
            for i, h in enumerate(header)
            if not self.pairs and _LANGUAGE_TAG.match(h.strip()) and columns[i] not in _ID_COLUMNS
        }
        if not self.pairs and "en" not in self.languages.values():
            raise GlossaryError(
                "a CSV glossary needs sourceLang/targetLang/sourceString/targetString columns"
                " or one column per language with an 'en' column",
                path,
                1,
            )
        self.stem = slug(Path(path).stem)

    def cell(self, row: list[str], names: tuple[str, ...]) -> str:
        for name in names:
            if name in self.columns:
                index = self.columns.index(name)
                if index < len(row) and row[index].strip():
                    return row[index].strip()
        return ""

    def cells_by_lang(self, row: list[str]) -> list[tuple[str, str]]:
        if self.pairs:
            return [
                (canonical_lang(self.cell(row, (lang,))), self.cell(row, (string,)))
                for lang, string in (("sourcelang", "sourcestring"), ("targetlang", "targetstring"))
            ]
        return [(lang, row[i].strip()) for i, lang in self.languages.items() if i < len(row)]

    def item(self, row: list[str], line: int, ids: set[str]) -> dict[str, Any] | None:
        forms: dict[str, list[Any]] = {}
        for lang, cell in self.cells_by_lang(row):
            if lang in ("en", *CJK_LANGS):
                forms.setdefault(lang, []).extend(_forms(cell, line))
        english = forms.pop("en", [])
        if not english:
            return None
        first = english[0]
        en = first if isinstance(first, str) else first["form"]
        entry_id = slug(en) or f"{self.stem}-{slug(self.cell(row, _ID_COLUMNS)) or line}"
        unique, counter = entry_id, 2
        while unique in ids:
            unique, counter = f"{entry_id}-{counter}", counter + 1
        ids.add(unique)
        kind = self.cell(row, ("kind",)).lower()
        item: dict[str, Any] = {
            "id": unique,
            "kind": kind if kind in {k.value for k in Kind} else Kind.TERM.value,
            "en": en,
            LINE: line,
        }
        if english[1:]:
            item["accepted"] = english[1:]
        item.update(forms)
        note = self.cell(row, _NOTE_COLUMNS)
        if note:
            item["note"] = note
        source = self.cell(row, _SOURCE_COLUMNS)
        if source:
            item["sources"] = [source]
        return item


def _forms(cell: str, line: int) -> list[Any]:
    result: list[Any] = []
    for part in _ALTERNATIVES.split(cell):
        text = part.strip()
        if not text:
            continue
        remark = _REMARK.match(text)
        if remark and remark.group(1):
            result.append({"form": remark.group(1), "note": remark.group(2), LINE: line})
        else:
            result.append(text)
    return result
