"""Load term lists from CSV or TSV: one row per concept, with a header row.

Two layouts are read:
- pairs: `sourceLang`, `targetLang`, `sourceString`, `targetString` (the TICO-19
  terminologies, in either direction);
- one column per language, headed by its tag (`en`, `zh-Hans`, `zh_CN`, `ja-JP`, …).
  A column may also say which forms it holds, with or without a language (English when
  none): `accepted`, `en accepted`, `short`, `forbidden`, `wrong forms`, `zh-Hans
  forbidden`, `ja_deprecated`, … (see `_ROLE_WORDS`). Wrong Chinese or Japanese forms
  become `forbidden-cjk`.
Optional columns: an id (`id`, `stringID`, `termID`, `conceptID`), `kind`, a note
(`note`, `description`, `definition`, `comment`) and a source URL (`source`, `url`).
Every other column is named in a `GlossaryWarning`: its cells are left out.

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
import warnings
from pathlib import Path
from typing import Any

from checker.errors import GlossaryError, GlossaryWarning, InputError
from checker.glossary.load_tbx import slug
from checker.glossary.load_yaml import LINE, EntryReader
from checker.glossary.model import CJK_LANGS, Entry, Glossary, Kind
from checker.readers.langtags import canonical_lang
from checker.source import decode

_ID_COLUMNS = ("id", "stringid", "termid", "conceptid", "entryid")
_KIND_COLUMNS = ("kind", "type")
_NOTE_COLUMNS = ("note", "notes", "description", "definition", "comment")
_SOURCE_COLUMNS = ("source", "sources", "url")
_PAIR_COLUMNS = ("sourcelang", "targetlang", "sourcestring", "targetstring")
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$", re.I)
_ALTERNATIVES = re.compile(r"\s+:\s+|\s*\|\s*|\s*;\s*")
_REMARK = re.compile(r"^(.*?)\s*\[([^\]]*)\]\s*$")
PREFERRED, ACCEPTED, SHORT, FORBIDDEN = "preferred", "accepted", "short", "forbidden"
# Words of a column header that say which forms the column holds.
_ROLE_WORDS = {
    **dict.fromkeys(("preferred", "main", "approved", "standard"), PREFERRED),
    **dict.fromkeys(
        (
            "accepted",
            "admitted",
            "alternative",
            "alternatives",
            "alt",
            "synonym",
            "synonyms",
            "variant",
            "variants",
            "other",
        ),
        ACCEPTED,
    ),
    **dict.fromkeys(("short", "abbreviation", "abbreviations", "abbr", "acronym"), SHORT),
    **dict.fromkeys(
        (
            "forbidden",
            "wrong",
            "deprecated",
            "avoid",
            "incorrect",
            "prohibited",
            "rejected",
            "superseded",
            "obsolete",
            "banned",
            "misspelling",
            "misspellings",
        ),
        FORBIDDEN,
    ),
}
_FILLER_WORDS = frozenset(
    (
        "form",
        "forms",
        "term",
        "terms",
        "name",
        "names",
        "spelling",
        "spellings",
        "rendering",
        "renderings",
        "translation",
        "translations",
        "string",
        "strings",
    )
)
_HEADER_WORDS = re.compile(r"[\s()/:,.]+")


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
    """Which column holds what: forms by language and role, or the entry's facts."""

    def __init__(self, header: list[str], columns: list[str], path: str) -> None:
        self.columns = columns
        self.pairs = all(c in columns for c in _PAIR_COLUMNS)
        meta = (*_ID_COLUMNS, *_KIND_COLUMNS, *_NOTE_COLUMNS, *_SOURCE_COLUMNS)
        self.forms: dict[int, tuple[str, str]] = {}  # column → (language, role)
        unknown = []
        for i, name in enumerate(header):
            if columns[i] in meta or (self.pairs and columns[i] in _PAIR_COLUMNS):
                continue
            column = None if self.pairs else _form_column(name)
            if column is None:
                unknown.append(name.strip() or f"column {i + 1}")
            else:
                self.forms[i] = column
        if not self.pairs and not any(lang == "en" for lang, _ in self.forms.values()):
            raise GlossaryError(
                "a CSV glossary needs sourceLang/targetLang/sourceString/targetString columns"
                " or one column per language with an 'en' column",
                path,
                1,
            )
        if unknown:
            warnings.warn(
                GlossaryWarning(
                    f"{path}:1: column{'s' if len(unknown) > 1 else ''} not understood, "
                    f"left out: {', '.join(unknown)}"
                ),
                stacklevel=2,
            )
        self.stem = slug(Path(path).stem)

    def cell(self, row: list[str], names: tuple[str, ...]) -> str:
        for name in names:
            if name in self.columns:
                index = self.columns.index(name)
                if index < len(row) and row[index].strip():
                    return row[index].strip()
        return ""

    def cells(self, row: list[str]) -> list[tuple[str, str, str]]:
        """(language, role, cell) of each form cell of a row."""
        if self.pairs:
            return [
                (canonical_lang(self.cell(row, (lang,))), PREFERRED, self.cell(row, (string,)))
                for lang, string in (("sourcelang", "sourcestring"), ("targetlang", "targetstring"))
            ]
        return [
            (lang, role, row[i].strip()) for i, (lang, role) in self.forms.items() if i < len(row)
        ]

    def item(self, row: list[str], line: int, ids: set[str]) -> dict[str, Any] | None:
        forms: dict[str, list[Any]] = {}
        english: list[Any] = []
        for lang, role, cell in self.cells(row):
            if lang not in ("en", *CJK_LANGS):
                continue
            found = _forms(cell, line)
            if lang == "en":
                key = {PREFERRED: None, ACCEPTED: "accepted"}.get(role, role)
            else:
                key = "forbidden-cjk" if role == FORBIDDEN else lang
            if key is None:
                english.extend(found)
            else:
                forms.setdefault(key, []).extend(found)
        if not english:
            return None
        first = english[0]
        en = first if isinstance(first, str) else first["form"]
        entry_id = slug(en) or f"{self.stem}-{slug(self.cell(row, _ID_COLUMNS)) or line}"
        unique, counter = entry_id, 2
        while unique in ids:
            unique, counter = f"{entry_id}-{counter}", counter + 1
        ids.add(unique)
        kind = self.cell(row, _KIND_COLUMNS).lower()
        item: dict[str, Any] = {
            "id": unique,
            "kind": kind if kind in {k.value for k in Kind} else Kind.TERM.value,
            "en": en,
            LINE: line,
        }
        accepted = english[1:] + forms.pop("accepted", [])
        if accepted:
            item["accepted"] = accepted
        item.update(forms)
        note = self.cell(row, _NOTE_COLUMNS)
        if note:
            item["note"] = note
        source = self.cell(row, _SOURCE_COLUMNS)
        if source:
            item["sources"] = [source]
        return item


def _form_column(header: str) -> tuple[str, str] | None:
    """(language, role) of a column of forms, from its header: a language tag, role
    words, or both (`zh-Hans forbidden`, `wrong forms`, `en_accepted`); None if the
    header is neither."""
    lang: str | None = None
    role: str | None = None
    for word in _HEADER_WORDS.split(header.strip().lower()):
        if not word or word in _FILLER_WORDS:
            continue
        parts = re.split(r"[-_]", word)
        if word in _ROLE_WORDS and role is None:
            role = _ROLE_WORDS[word]
        elif len(parts) > 1 and parts[-1] in _ROLE_WORDS and _is_tag(parts[:-1]):
            lang, role = canonical_lang("-".join(parts[:-1])), _ROLE_WORDS[parts[-1]]
        elif len(parts) > 1 and parts[0] in _ROLE_WORDS and _is_tag(parts[1:]):
            lang, role = canonical_lang("-".join(parts[1:])), _ROLE_WORDS[parts[0]]
        elif _LANGUAGE_TAG.match(word) and lang is None:
            lang = canonical_lang(word)
        else:
            return None
    if lang is None and role is None:
        return None
    if lang is not None and lang not in ("en", *CJK_LANGS):
        return None
    return lang or "en", role or PREFERRED


def _is_tag(parts: list[str]) -> bool:
    return _LANGUAGE_TAG.match("-".join(parts)) is not None


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
