"""What the copy desk does for one request, without any web framework: check a story,
apply the fixes an editor accepted, annotate a Word file, check a headline pair, look a
form up in the glossary. One `Desk` holds the glossary compiled once and is shared by
every request; nothing here touches the file system.

Stories arrive as bytes with the name the client gave them; only the name's suffix is
used (to choose the reader), never as a path. A finding is named by its id,
`CODE@OFFSET-END` (its code and its code-point span in the decoded file, as in the JSON
report), so a client can ask for the fixes it accepted without the server keeping state.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from checker.bundled import display_path
from checker.cache import GlossaryCache
from checker.document import Segment
from checker.engine import Checker, Result, Selection
from checker.errors import InputError, UsageError
from checker.fix_file import reread
from checker.fixes import apply_fixes
from checker.glossary.lookup import Answer, lookup
from checker.glossary.model import CJK_LANGS, Entry, Glossary, Kind, Role, Tenure
from checker.headline.check import HeadlineChecker
from checker.headline.pairs import PairFile, new_pair
from checker.headline.report import report_object as headline_report_object
from checker.match.fold import fold_form
from checker.model import Finding, Span
from checker.readers import reader_for, supported_suffixes
from checker.reporters.json import report_object
from checker.rules import doc_sections, iter_rules
from checker.source import decode
from checker.style import DEFAULT_STYLE, StyleProfile, available_styles, load_style

PASTED = "story.txt"  # the name of pasted text that gives no name of its own


def finding_id(finding: Finding) -> str:
    return f"{finding.code}@{finding.span.start}-{finding.span.end}"


def safe_name(name: str | None, default: str = PASTED) -> str:
    """The last part of a client's file name, for choosing a reader and naming a download;
    never a path on this machine."""
    if not name:
        return default
    base = PureWindowsPath(PurePosixPath(name).name).name.strip()
    cleaned = "".join(c for c in base if c.isprintable() and c not in '"\\/:*?<>|')
    return cleaned[:200] or default


@dataclass(frozen=True)
class Story:
    """A story as the client sent it: its bytes and the name it gave them."""

    name: str
    data: bytes

    @classmethod
    def pasted(cls, text: str, name: str | None = None) -> Story:
        return cls(safe_name(name), text.encode("utf-8"))


@dataclass(frozen=True)
class Options:
    """The CLI's check options, as a request gives them."""

    date: dt.date | None = None
    style: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @classmethod
    def parse(
        cls,
        date: str | None = None,
        style: str | None = None,
        select: str | Sequence[str] | None = None,
        ignore: str | Sequence[str] | None = None,
    ) -> Options:
        story_date = None
        if date:
            try:
                story_date = dt.date.fromisoformat(date.strip())
            except ValueError:
                raise UsageError(f"--date {date!r} is not a date (use YYYY-MM-DD)") from None
        return cls(story_date, style or None, _codes(select), _codes(ignore))


def _codes(values: str | Sequence[str] | None) -> tuple[str, ...]:
    if values is None:
        return ()
    items = [values] if isinstance(values, str) else list(values)
    return tuple(c.strip() for v in items for c in str(v).split(",") if c.strip())


# Formats whose source text is the story as a reader sees it; the others (markup, Word)
# are shown as the text of their segments.
_PLAIN_FORMATS = frozenset({"text", "markdown"})


@dataclass(frozen=True)
class Checked:
    """A story checked: the result and the JSON report (the `--format json` schema, each
    finding with its `id`)."""

    story: Story
    result: Result
    format: str = "text"

    def view(self) -> dict[str, Any]:
        """The story for a page: its text (what the offsets count) and, for markup and
        Word files, its segments (headline, paragraphs) with each finding's span mapped
        into the segment's text."""
        source = self.result.source
        view: dict[str, Any] = {
            "name": self.story.name,
            "format": self.format,
            "text": source.text,
            "segments": None,
        }
        if self.format not in _PLAIN_FORMATS:
            view["segments"] = [
                {
                    "kind": segment.kind.value,
                    "name": segment.name,
                    "text": segment.text,
                    "marks": [
                        {"id": finding_id(f), "start": start, "end": end}
                        for f in self.result.findings
                        if (mapped := segment_span(segment, f.span)) is not None
                        for start, end in [mapped]
                    ],
                }
                for segment in self.result.segments
            ]
        return view

    @cached_property
    def report(self) -> dict[str, Any]:
        report = report_object([self.result])
        for record, finding in zip(report["findings"], self.result.findings, strict=True):
            record["id"] = finding_id(finding)
        return report


@dataclass(frozen=True)
class Fixed:
    """The accepted fixes applied: the new bytes, which ids went in and which could not
    (unknown, no fix, or overlapping one taken), and the check of the new text."""

    story: Story
    data: bytes
    applied: tuple[str, ...]
    skipped: tuple[str, ...]
    after: Checked

    @property
    def text(self) -> str:
        return self.after.result.source.text


class Desk:
    """The glossary compiled once, the style profiles loaded once, checkers by options."""

    def __init__(self, glossaries: Sequence[str] | None = None, style: str | None = None) -> None:
        # Compiled here, not read from or stored in the on-disk cache: the desk writes
        # nothing to disk.
        compiled = GlossaryCache(enabled=False).load(list(glossaries) if glossaries else None)
        self.glossary: Glossary = compiled.glossary
        self.index = compiled.index
        self.styles = tuple(available_styles())
        self.default_style = style or DEFAULT_STYLE
        self._style_profiles: dict[str, StyleProfile] = {}
        self._checkers: dict[Options, Checker] = {}
        self._headline_checkers: dict[tuple[str, dt.date | None], HeadlineChecker] = {}
        self._lock = threading.Lock()
        self.style(None)  # a bad --style fails at start-up, not on the first request

    # -- options ------------------------------------------------------------------------

    def style(self, name: str | None) -> StyleProfile:
        """A bundled profile by name, or the server's own; never a path from a request."""
        wanted = name or self.default_style
        if name is not None and name not in self.styles:
            raise UsageError(f"unknown style profile {name!r} (bundled: {', '.join(self.styles)})")
        with self._lock:
            profile = self._style_profiles.get(wanted)
            if profile is None:
                profile = self._style_profiles[wanted] = load_style(wanted)
            return profile

    def checker(self, options: Options) -> Checker:
        with self._lock:
            checker = self._checkers.get(options)
        if checker is None:
            checker = Checker(
                self.glossary,
                self.style(options.style),
                Selection(options.select, options.ignore),
                options.date,
                index=self.index,
            )
            with self._lock:
                if len(self._checkers) > 256:
                    self._checkers.clear()
                self._checkers[options] = checker
        return checker

    # -- stories ------------------------------------------------------------------------

    def check(self, story: Story, options: Options) -> Checked:
        document = reader_for(story.name)(decode(story.data, story.name))
        result = self.checker(options).check_document(document)
        return Checked(story, result, document.format)

    def fix(self, story: Story, options: Options, accepted: Collection[str]) -> Fixed:
        """Apply the fixes of the accepted findings (safe or unsafe: the editor chose them)
        as `--fix` does, spliced into the original bytes; the result must read again."""
        checker = self.checker(options)
        reader = reader_for(story.name)
        document = reader(decode(story.data, story.name))
        result = checker.check_document(document)
        wanted = set(accepted)
        chosen = [f for f in result.findings if finding_id(f) in wanted]
        outcome = apply_fixes(document, chosen, unsafe=True)
        applied = tuple(finding_id(f) for f in outcome.applied)
        skipped = tuple(sorted(wanted - set(applied)))
        if not outcome.applied:
            return Fixed(story, story.data, (), skipped, Checked(story, result, document.format))
        try:
            again = reader(reread(document.source, outcome.data))
        except InputError as exc:
            raise InputError(
                f"the fixed file could not be read again ({exc})", story.name
            ) from None
        fixed_story = dataclasses.replace(story, data=outcome.data)
        return Fixed(
            story,
            outcome.data,
            applied,
            skipped,
            Checked(fixed_story, checker.check_document(again)),
        )

    def annotate(self, story: Story, options: Options) -> bytes:
        """A Word file back with every finding as a comment and every fix tracked."""
        from checker.annotate_docx import annotate_docx

        checked = self.check(story, options)
        if not checked.result.source.is_archive:
            raise InputError("only a Word (.docx) file can be annotated", story.name)
        return annotate_docx(checked.result)

    # -- headlines, glossary, rules -----------------------------------------------------

    def headlines(
        self,
        source: str,
        translation: str,
        references: Sequence[str] = (),
        date: dt.date | None = None,
        style: str | None = None,
    ) -> dict[str, Any]:
        if not source.strip() or not translation.strip():
            raise UsageError("a headline pair needs a source and a translation")
        key = (style or self.default_style, date)
        with self._lock:
            checker = self._headline_checkers.get(key)
        if checker is None:
            checker = HeadlineChecker(self.glossary, self.style(style), date=date, index=self.index)
            with self._lock:
                self._headline_checkers[key] = checker
        pair = new_pair("1", source, translation, references, path="<headline>")
        files = [PairFile("<headline>", "form", (pair,))]
        return headline_report_object(checker.check_files(files))

    def lookup(self, query: str, on: dt.date | None) -> dict[str, Any]:
        """Who or what a form names (any case, either Chinese script, a listed wrong form);
        failing that, the nearest English forms (a misspelling)."""
        if not query.strip():
            raise UsageError("lookup: the query is empty")
        answers = lookup(self.glossary, query, on)
        near: list[str] = []
        if not answers:
            near = self._near_forms(query)
            for form in near:
                answers.extend(a for a in lookup(self.glossary, form, on) if a.hit.exact)
        return {
            "query": query,
            "date": on.isoformat() if on else None,
            "near": near,
            "entries": [self._answer(a, on) for a in _unique(answers)],
        }

    @cached_property
    def _english_forms(self) -> dict[str, str]:
        forms: dict[str, str] = {}
        for entry in self.glossary.entries:
            for form in entry.forms:
                if form.lang == "en":
                    forms.setdefault(fold_form(form.text), form.text)
        return forms

    def _near_forms(self, query: str) -> list[str]:
        keys = difflib.get_close_matches(fold_form(query), list(self._english_forms), 3, 0.8)
        return [self._english_forms[k] for k in keys]

    def _answer(self, answer: Answer, on: dt.date | None) -> dict[str, Any]:
        entry = answer.hit.entry
        form = answer.hit.form
        return {
            "id": entry.id,
            "kind": entry.kind.value,
            "en": entry.en,
            "matched": {
                "text": form.text,
                "lang": form.lang,
                "role": form.role.value,
                "wrong": form.role is Role.FORBIDDEN,
                "use": form.use,
            },
            "forms": {
                lang: [f.text for f in entry.forms if f.lang == lang and f.role.is_correct]
                for lang in ("en", *CJK_LANGS)
            },
            "wrong_forms": [f.text for f in entry.forms if f.role is Role.FORBIDDEN],
            "on_date": [self._tenure(entry, t) for t in answer.offices]
            if entry.kind is Kind.PERSON and on
            else None,
            "holders": [
                {"person": h.person.en, "id": h.person.id, **self._tenure(h.person, h.tenure)}
                for h in answer.holders
            ]
            if entry.kind is Kind.OFFICE
            else None,
            "history": [self._tenure(entry, t) for t in answer.history],
            "note": entry.note,
            "status": entry.status,
            "source": entry.sources[0] if entry.sources else None,
            "glossary": display_path(entry.path),
            "line": entry.line,
        }

    def _tenure(self, person: Entry, tenure: Tenure) -> dict[str, Any]:
        return {
            "office": tenure.office,
            "title": self.glossary.office_title(tenure),
            "span": tenure.span_text(self.glossary.known_until(person)),
            "status": tenure.status,
            "source": tenure.source,
        }

    @staticmethod
    def rules() -> list[dict[str, Any]]:
        return [
            {
                "code": rule.code,
                "name": rule.name,
                "severity": rule.default_severity.label,
                "summary": doc_sections(rule)["summary"].splitlines()[0],
            }
            for rule in iter_rules()
        ]

    @staticmethod
    def formats() -> list[str]:
        return sorted(supported_suffixes())


def segment_span(segment: Segment, span: Span) -> tuple[int, int] | None:
    """A source span as offsets into the segment's text, when it starts in the segment."""
    chunks = segment.chunks
    starting = [
        c
        for c in chunks
        if c.src_start <= span.start < c.src_end or (c.src_start == span.start == c.src_end)
    ]
    if not starting:
        return None
    first = starting[0]
    start = first.text_start + (span.start - first.src_start if first.literal else 0)
    end = start
    for chunk in chunks:
        if chunk.src_start < span.end and chunk.src_end > span.start:
            inside = min(span.end, chunk.src_end) - chunk.src_start
            end = max(end, chunk.text_start + inside if chunk.literal else chunk.text_end)
    return start, max(start, min(end, len(segment.text)))


def _unique(answers: Sequence[Answer]) -> list[Answer]:
    seen: set[str] = set()
    unique = []
    for answer in answers:
        if answer.hit.entry.id not in seen:
            seen.add(answer.hit.entry.id)
            unique.append(answer)
    return unique
