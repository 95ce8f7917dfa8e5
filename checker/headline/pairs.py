"""Headline pairs: a Chinese or Japanese source, its English translation, optional
reference renderings and per-pair terms, with where the pair was read from."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from checker.headline.language import detect_source_lang, has_cjk, looks_english, normalize_lang
from checker.source import SourceFile


@dataclass(frozen=True, slots=True)
class PairTerm:
    """A term that applies to one pair: a source form and its accepted English renderings
    (the form terminology test sets use)."""

    source: str
    targets: tuple[str, ...]


@dataclass(frozen=True)
class HeadlinePair:
    id: str
    source: str
    translation: str
    references: tuple[str, ...] = ()
    source_lang: str | None = None  # zh-Hans, zh-Hant or ja (None: no CJK in the source)
    lang_origin: str = "file"  # "file": given by the file; "detected": from the text
    terms: tuple[PairTerm, ...] = ()
    state: str | None = None  # the translation's state in XLIFF
    path: str = "<pairs>"
    line: int | None = None
    note: str = ""  # the file's note on the pair; `termcheck: ignore CODE` in it suppresses

    @property
    def is_headline(self) -> bool:
        """A headline: one short line of source, with no sentence-final punctuation."""
        return (
            len(self.source) <= HEADLINE_LENGTH
            and "\n" not in self.source
            and not _SENTENCE_END.search(self.source)
        )


HEADLINE_LENGTH = 40  # characters: Chinese and Japanese headlines are shorter
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?:\s|$)")


@dataclass(frozen=True)
class PairFile:
    path: str
    format: str  # tsv, csv, jsonl, xliff-1.2, xliff-2.0, tmx
    pairs: tuple[HeadlinePair, ...]
    warnings: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()  # records, or parts of one, left out
    text: SourceFile | None = None  # the file as read, where findings are placed


@dataclass(frozen=True)
class Skipped:
    """A record, or part of one, that could not be read and was left out: where, and what
    is wrong in plain words ("term '女孩' has an empty English side; the term is left
    out")."""

    line: int | None
    message: str
    path: str | None = None  # where the record is, when not in the pair file itself

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


def new_pair(
    pair_id: str,
    source: str,
    translation: str,
    references: Sequence[str] = (),
    lang: str | None = None,
    terms: Sequence[PairTerm] = (),
    state: str | None = None,
    path: str = "<pairs>",
    line: int | None = None,
    note: str | None = None,
) -> HeadlinePair:
    """A pair with its fields stripped, empty references dropped and the source language
    normalized (`zh-CN` → zh-Hans) or, when the file gives none, detected."""
    source = source.strip()
    given = normalize_lang(lang)
    return HeadlinePair(
        id=pair_id,
        source=source,
        translation=translation.strip(),
        references=tuple(r.strip() for r in references if r and r.strip()),
        source_lang=given or detect_source_lang(source),
        lang_origin="file" if given else "detected",
        terms=tuple(terms),
        state=state,
        path=path,
        line=line,
        note=(note or "").strip(),
    )


def parse_terms(value: Any) -> tuple[tuple[PairTerm, ...], list[str]]:
    """Per-pair terms: a list of {"source": ..., "target": [...]} or a mapping from source
    form to its renderings; JSON text is parsed first. A malformed term is left out and
    said in plain words (the second value); the others are kept."""
    if value is None or value == "":
        return (), []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            return (), [f"'terms' is not valid JSON ({exc.msg}); the pair is checked without"]
    if isinstance(value, dict):
        items = [{"source": k, "target": v} for k, v in value.items()]
    elif isinstance(value, list):
        items = value
    else:
        return (), ["'terms' is neither a list of terms nor a mapping; it is left out"]
    terms = []
    problems = []
    for item in items:
        problem = term_problem(item)
        if problem is not None:
            problems.append(f"{problem}; the term is left out")
            continue
        target = item["target"]
        targets = [target] if isinstance(target, str) else target
        terms.append(PairTerm(item["source"].strip(), tuple(t.strip() for t in targets)))
    return tuple(terms), problems


def term_problem(item: Any) -> str | None:
    """What is wrong with one term record, in plain words; None for a good one."""
    if not isinstance(item, dict):
        return f"a term is {type(item).__name__}, not a source and its target"
    source = item.get("source")
    if not isinstance(source, str) or not source.strip():
        return "a term has no source text" + (
            f" (its target is {item.get('target')!r})" if item.get("target") else ""
        )
    target = item.get("target")
    if target is None:
        return f"term {source.strip()!r} has no target"
    targets = [target] if isinstance(target, str) else target
    if not isinstance(targets, list) or not targets:
        return f"term {source.strip()!r} has no English side"
    for text in targets:
        if not isinstance(text, str):
            return f"term {source.strip()!r} has a target that is not text ({text!r})"
        if not text.strip():
            return f"term {source.strip()!r} has an empty English side"
    return None


def side_of(tag: str | None, text: str) -> str | None:
    """'source' for a Chinese or Japanese text, 'english' for English, else None. A language
    tag decides; without one, the script of the text."""
    lang = normalize_lang(tag)
    if lang in ("zh-Hans", "zh-Hant", "ja"):
        return "source"
    if lang == "en":
        return "english"
    if lang is None:
        if has_cjk(text):
            return "source"
        if looks_english(text):
            return "english"
    return None
