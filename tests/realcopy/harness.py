"""The real-copy test sets and their error-injection harness, shared by the tests and
`bench/realcopy.py`.

Each set (`excerpts.yaml`, `heldout.yaml`, `fresh.yaml`, `unseen.yaml`) holds short excerpts of
professional copy, each with the knowledge findings a careful copy editor would agree with.
From the clean excerpts the harness derives single injected errors with the glossary's own
knowledge — a known name lower-cased, misspelt by one edit, given a wrong given name or written
family name first, and a title given to someone other than the person who holds it on the
excerpt's date — and measures whether each is reported at its span and whether the fixes
restore the clean copy without touching anything else. Everything runs offline through the
library API."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from checker.document import Document
from checker.engine import Checker
from checker.fix_file import fix_source
from checker.fixes import apply_fixes, is_fixable
from checker.glossary.loader import load_glossaries
from checker.glossary.model import Entry, Glossary, Kind, Role, Tenure
from checker.match.index import TermIndex
from checker.model import Finding, Span
from checker.quotes import paragraphs, quoted_spans
from checker.readers import reader_for
from checker.source import SourceFile, decode
from checker.style import load_style

CORPUS = Path(__file__).with_name("excerpts.yaml")
HELDOUT = Path(__file__).with_name("heldout.yaml")
FRESH = Path(__file__).with_name("fresh.yaml")
UNSEEN = Path(__file__).with_name("unseen.yaml")
# The real-copy sets by name, in the order they were made: the one the rules were tuned on,
# the first held-out set, the fresh held-out set (each since used for tuning too), and the
# unseen set, whose figures were recorded before anything was changed for it.
SETS = {"tuned": CORPUS, "held-out": HELDOUT, "fresh": FRESH, "unseen": UNSEEN}

# Rule families judged on professional copy: names, titles, terms, mechanics. House style
# (ST*) describes one newsroom's conventions and is not counted against other newsrooms.
KNOWLEDGE_PREFIXES = ("TM", "NM", "TT", "MC")
MAX_WORDS = 65
KINDS = ("story", "headline")
_HEADLINE_PREFIX = "# "


class CorpusError(ValueError):
    """The corpus file says something inconsistent: which excerpt, and what."""


@dataclass(frozen=True)
class Expected:
    code: str
    start: int
    end: int

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.code, self.start, self.end)

    def describe(self, text: str) -> str:
        return f"{self.start}:{self.end} {self.code} {text[self.start : self.end]!r}"


@dataclass(frozen=True)
class Excerpt:
    id: str
    outlet: str
    url: str
    date: dt.date
    text: str
    kind: str = "story"
    expect: tuple[Expected, ...] = ()
    note: str | None = None
    date_note: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())

    def source(self, text: str | None = None) -> SourceFile:
        """The excerpt (or a variant of its text) as a source file: a headline is read as
        a Markdown heading, so that the checker knows it is a headline."""
        body = self.text if text is None else text
        if self.kind == "headline":
            return decode((_HEADLINE_PREFIX + body).encode("utf-8"), f"{self.id}.md")
        return decode(body.encode("utf-8"), f"{self.id}.txt")

    @property
    def shift(self) -> int:
        """Where the excerpt's text starts in its source."""
        return len(_HEADLINE_PREFIX) if self.kind == "headline" else 0


@dataclass(frozen=True)
class Corpus:
    excerpts: tuple[Excerpt, ...]
    known_gaps: dict[str, str]

    @property
    def words(self) -> int:
        return sum(e.words for e in self.excerpts)

    def gap(self, key: str) -> str | None:
        return self.known_gaps.get(key)


def page_address(url: str) -> str:
    """A page's address without its scheme, a leading "www." or a trailing slash, in lower
    case: one page however its address is written."""
    bare = url.split("://", 1)[-1].removeprefix("www.").replace("archive.org./", "archive.org/")
    return bare.rstrip("/").lower()


def load_corpus(path: Path = CORPUS) -> Corpus:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    excerpts = tuple(_excerpt(item) for item in data.get("excerpts") or ())
    gaps = {str(k): str(v) for k, v in (data.get("known_gaps") or {}).items()}
    return Corpus(excerpts, gaps)


def _excerpt(item: dict[str, Any]) -> Excerpt:
    ident = str(item.get("id", "?"))
    for key in ("id", "outlet", "url", "date", "text"):
        if not item.get(key):
            raise CorpusError(f"{ident}: missing {key}")
    date = item["date"]
    if not isinstance(date, dt.date):
        raise CorpusError(f"{ident}: date {date!r} is not YYYY-MM-DD")
    kind = str(item.get("kind", "story"))
    if kind not in KINDS:
        raise CorpusError(f"{ident}: kind {kind!r} is not one of {', '.join(KINDS)}")
    text = str(item["text"])
    expect = tuple(_expected(ident, text, e) for e in item.get("expect") or ())
    return Excerpt(
        id=ident,
        outlet=str(item["outlet"]),
        url=str(item["url"]),
        date=date,
        text=text,
        kind=kind,
        expect=expect,
        note=item.get("note"),
        date_note=item.get("date_note"),
    )


def _expected(ident: str, text: str, entry: dict[str, Any]) -> Expected:
    code, span = str(entry.get("code", "")), str(entry.get("text", ""))
    if not code.startswith(KNOWLEDGE_PREFIXES):
        raise CorpusError(f"{ident}: expected code {code!r} is not a knowledge rule")
    if not span:
        raise CorpusError(f"{ident}: expected {code} has no text")
    if "offset" in entry:
        start = int(entry["offset"])
        if text[start : start + len(span)] != span:
            raise CorpusError(f"{ident}: {code} {span!r} is not at offset {start}")
    else:
        start = text.find(span)
        if start < 0:
            raise CorpusError(f"{ident}: {code} {span!r} is not in the text")
        if text.find(span, start + 1) >= 0:
            raise CorpusError(f"{ident}: {code} {span!r} occurs twice; give its offset")
    return Expected(code, start, start + len(span))


# --- checking ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    code: str
    start: int
    end: int
    text: str

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.code, self.start, self.end)

    def describe(self) -> str:
        return f"{self.start}:{self.end} {self.code} {self.text!r}"


class Bench:
    """The bundled glossaries compiled once, the default style, and a checker per date."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary or load_glossaries()
        self.style = load_style(None)
        self.index = TermIndex(self.glossary)
        self._checkers: dict[dt.date, Checker] = {}
        self._fixed: dict[tuple[str, str, bool], str] = {}
        self._checked: dict[tuple[str, str], tuple[Document, list[Finding]]] = {}

    def checker(self, date: dt.date) -> Checker:
        if date not in self._checkers:
            self._checkers[date] = Checker(self.glossary, self.style, date=date, index=self.index)
        return self._checkers[date]

    def checked(self, excerpt: Excerpt, text: str | None = None) -> tuple[Document, list[Finding]]:
        """The excerpt (or a variant of its text) read and checked, once per text."""
        body = excerpt.text if text is None else text
        key = (excerpt.id, body)
        if key not in self._checked:
            source = excerpt.source(body)
            document = reader_for(source.path)(source)
            findings = self.checker(excerpt.date).check_document(document).findings
            self._checked[key] = (document, list(findings))
        return self._checked[key]

    def findings(self, excerpt: Excerpt, text: str | None = None) -> list[Finding]:
        return self.checked(excerpt, text)[1]

    def knowledge(self, excerpt: Excerpt) -> list[Found]:
        """The excerpt's knowledge findings, at offsets into the excerpt's own text."""
        out = []
        for f in self.findings(excerpt):
            if f.code.startswith(KNOWLEDGE_PREFIXES):
                start, end = f.span.start - excerpt.shift, f.span.end - excerpt.shift
                out.append(Found(f.code, start, end, excerpt.text[max(start, 0) : end]))
        return out

    def fixed(self, excerpt: Excerpt, text: str, *, unsafe: bool) -> str:
        """The excerpt's text (or a variant) after `--fix` (and `--unsafe-fixes`)."""
        key = (excerpt.id, text, unsafe)
        if key not in self._fixed:
            if any(is_fixable(f, unsafe) for f in self.findings(excerpt, text)):
                source = excerpt.source(text)
                result = fix_source(self.checker(excerpt.date), source, unsafe=unsafe)
                self._fixed[key] = result.fixed.text[excerpt.shift :]
            else:
                self._fixed[key] = text
        return self._fixed[key]

    def first_pass_edits(self, excerpt: Excerpt, text: str) -> list[tuple[int, int, str]]:
        """The edits one fixing pass applies, at offsets into `text`."""
        document, findings = self.checked(excerpt, text)
        outcome = apply_fixes(document, findings, unsafe=True)
        shift = excerpt.shift
        return sorted(
            (e.span.start - shift, e.span.end - shift, e.replacement)
            for f in outcome.applied
            if f.fix is not None
            for e in f.fix.edits
        )


@cache
def default_bench() -> Bench:
    return Bench()


# --- precision on clean copy ------------------------------------------------------------


@dataclass(frozen=True)
class Judged:
    """One excerpt's knowledge findings set against what it should get."""

    excerpt: Excerpt
    found: tuple[Found, ...]

    @cached_property
    def false_alarms(self) -> list[Found]:
        wanted = {e.key for e in self.excerpt.expect}
        return [f for f in self.found if f.key not in wanted]

    @cached_property
    def missed(self) -> list[Expected]:
        got = {f.key for f in self.found}
        return [e for e in self.excerpt.expect if e.key not in got]

    @property
    def exact(self) -> bool:
        return not self.false_alarms and not self.missed


def judge(bench: Bench, excerpt: Excerpt) -> Judged:
    return Judged(excerpt, tuple(bench.knowledge(excerpt)))


# --- injected errors --------------------------------------------------------------------

# What each kind of injected error may be reported as.
ACCEPTED_CODES: dict[str, frozenset[str]] = {
    "lower-case": frozenset({"TM001"}),
    "misspelt": frozenset({"TM002", "TM003", "NM001"}),
    "wrong-given-name": frozenset({"NM001", "TM002", "TM003"}),
    "family-name-first": frozenset({"NM002", "TM002"}),
    "wrong-title-holder": frozenset({"TT001", "TT002", "TT003", "TT005"}),
}
INJECTION_KINDS = tuple(ACCEPTED_CODES)

# Given names no bundled person bears with these family names, by the name's origin.
_OTHER_GIVEN = {
    "japanese": ("Hiroshi", "Kenji", "Takashi", "Makoto"),
    "chinese": ("Jianguo", "Weimin", "Xiaoming"),
}
_VOWEL_SWAP = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}


@dataclass(frozen=True)
class Injection:
    """One error put into a clean excerpt: the new text, where the error is, and what the
    clean text there was."""

    excerpt: Excerpt
    kind: str
    text: str
    span: Span  # the error in `text`; for a title, the title and the name after it
    clean: str  # what the clean excerpt had in the error's place
    detail: str

    @property
    def id(self) -> str:
        return f"{self.excerpt.id}:{self.kind}:{self.detail}"

    @property
    def error(self) -> str:
        return self.text[self.span.start : self.span.end]


@dataclass(frozen=True)
class Mention:
    person: Entry
    start: int
    end: int


def _people(glossary: Glossary) -> list[Entry]:
    return [
        e
        for e in glossary.entries
        if e.kind is Kind.PERSON and e.family and e.given and e.family in e.en and e.given in e.en
    ]


def mentions(glossary: Glossary, text: str) -> list[Mention]:
    """Each bundled person's first full-name mention in `text`, by the glossary's own
    spelling of the name — found without the checker's analysis."""
    found = []
    for person in _people(glossary):
        match = re.search(rf"(?<![\w-]){re.escape(person.en)}(?![\w-])", text)
        if match:
            found.append(Mention(person, match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def injections(glossary: Glossary, excerpt: Excerpt) -> Iterator[Injection]:
    """Every single-error variant of a clean excerpt (one that expects no finding)."""
    if excerpt.expect:
        return
    text = excerpt.text
    known_forms = {f.text for e in glossary.entries for f in e.forms}
    quoted = _quotations(text)
    for m in mentions(glossary, text):
        person, name = m.person, text[m.start : m.end]
        assert person.family and person.given
        family_at = m.start + name.index(person.family)
        given_at = m.start + name.index(person.given)

        def variant(start: int, end: int, new: str, kind: str, detail: str) -> Injection:
            return Injection(
                excerpt,
                kind,
                text[:start] + new + text[end:],
                Span(start, start + len(new)),
                text[start:end],
                detail,
            )

        yield variant(
            family_at,
            family_at + len(person.family),
            person.family.lower(),
            "lower-case",
            person.family.lower(),
        )
        misspelt = _misspelt(person, excerpt.id, known_forms)
        if misspelt:
            yield variant(m.start, m.end, misspelt, "misspelt", misspelt)
        other = _other_given(glossary, person)
        if other:
            yield variant(given_at, given_at + len(person.given), other, "wrong-given-name", other)
        in_quotation = any(s <= m.start and m.end <= e for s, e in quoted)
        if (
            person.name_origin == "japanese"
            and name == f"{person.given} {person.family}"
            and not in_quotation
        ):
            first = f"{person.family} {person.given}"
            yield variant(m.start, m.end, first, "family-name-first", first)
        title = _title_injection(glossary, excerpt, m)
        if title:
            yield title
    yield from _possessives_in_lower_case(glossary, excerpt)


def _quotations(text: str) -> list[tuple[int, int]]:
    """The quoted speech in an excerpt. Name order inside a quotation is the speaker's (or
    the transcript's), which no name-order rule judges, so no family-name-first error is
    injected there; misspellings, case and wrong names inside a quotation are still the
    writer's and still injected."""
    return [q for start, end in paragraphs(text) for q in quoted_spans(text, start, end)]


def _possessives_in_lower_case(glossary: Glossary, excerpt: Excerpt) -> Iterator[Injection]:
    """A known family name standing alone in the possessive ("Takaichi's"), lower-cased."""
    text = excerpt.text
    for family in sorted({p.family for p in _people(glossary) if p.family and len(p.family) >= 4}):
        match = re.search(rf"(?<![\w-]){re.escape(family)}(?=['’]s\b)", text)
        if match:
            start, end = match.span()
            lowered = family.lower()
            yield Injection(
                excerpt,
                "lower-case",
                text[:start] + lowered + text[end:],
                Span(start, end),
                family,
                f"{lowered}'s",
            )


def _misspelt(person: Entry, seed: str, known_forms: set[str]) -> str | None:
    """The full name with one edit in its longer part: a dropped, doubled, swapped or
    changed letter, chosen reproducibly; None when no edit gives an unknown spelling."""
    assert person.family and person.given
    part = max((person.family, person.given), key=len)
    if len(part) < 5:
        return None
    rng = random.Random(f"{seed}|{person.id}")
    candidates = [_edit(part, op, rng) for op in rng.sample(_EDITS, len(_EDITS))]
    for wrong in candidates:
        if wrong and wrong != part:
            name = person.en.replace(part, wrong, 1)
            if name not in known_forms:
                return name
    return None


def _edit(word: str, op: str, rng: random.Random) -> str | None:
    inner = range(1, len(word) - 1)
    if op == "drop":
        i = rng.choice(inner)
        return word[:i] + word[i + 1 :]
    if op == "double":
        i = rng.choice(inner)
        return word[: i + 1] + word[i] + word[i + 1 :]
    if op == "swap":
        spots = [i for i in inner if i + 1 < len(word) and word[i] != word[i + 1]]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    vowels = [i for i in inner if word[i] in _VOWEL_SWAP]
    if not vowels:
        return None
    i = rng.choice(vowels)
    return word[:i] + _VOWEL_SWAP[word[i]] + word[i + 1 :]


_EDITS = ("drop", "double", "swap", "vowel")


def _other_given(glossary: Glossary, person: Entry) -> str | None:
    taken = {p.given for p in _people(glossary) if p.family == person.family}
    for given in _OTHER_GIVEN.get(person.name_origin or "", ()):
        if given not in taken:
            return given
    return None


def _title_injection(glossary: Glossary, excerpt: Excerpt, m: Mention) -> Injection | None:
    """The mention's title kept and the name replaced by another holder of the same
    office — one who held it before the excerpt's date (a stale title) or, failing that,
    after it — where the glossary says the named person held it on that date."""
    text, person = excerpt.text, m.person
    for tenure in person.tenures:
        if not _held_on(tenure, excerpt.date, glossary):
            continue
        office = glossary.by_id.get(tenure.office)
        if office is None:
            continue
        title = _title_before(office, text, m.start)
        if title is None:
            continue
        other = _other_holder(glossary, office.id, person, excerpt.date)
        if other is None:
            continue
        new = text[: m.start] + other.en + text[m.end :]
        return Injection(
            excerpt,
            "wrong-title-holder",
            new,
            Span(title, m.start + len(other.en)),
            text[title : m.end],
            other.en,
        )
    return None


def _title_before(office: Entry, text: str, name_start: int) -> int | None:
    """Where a title form of `office` ends right before the name (one space between)."""
    titles = sorted(
        {
            f.text
            for f in office.forms
            if f.lang == "en" and f.role in (Role.PREFERRED, Role.ACCEPTED, Role.BEFORE_NAME)
        },
        key=len,
        reverse=True,
    )
    for title in titles:
        start = name_start - 1 - len(title)
        if start < 0 or text[start:name_start] != title + " ":
            continue
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
            continue
        return start
    return None


def _held_on(tenure: Tenure, date: dt.date, glossary: Glossary) -> bool:
    """The glossary says for certain that the tenure covers the date."""
    if tenure.start is None or tenure.start.latest > date:
        return False
    if tenure.end is None:
        return not tenure.end_unknown and all(date <= k for k in glossary.knowledge_dates)
    return date < tenure.end.earliest


def _not_held_on(tenure: Tenure, date: dt.date) -> bool:
    """The glossary says for certain that the tenure does not cover the date."""
    if tenure.end is not None and tenure.end.latest <= date:
        return True
    return tenure.start is not None and tenure.start.earliest > date


def _other_holder(glossary: Glossary, office: str, person: Entry, date: dt.date) -> Entry | None:
    past: list[tuple[dt.date, Entry]] = []
    later: list[tuple[dt.date, Entry]] = []
    for other in _people(glossary):
        if other.id == person.id or other.family == person.family:
            continue
        held = [t for t in other.tenures if t.office == office]
        if not held or not all(_not_held_on(t, date) for t in held):
            continue
        for t in held:
            if t.end is not None and t.end.latest <= date:
                past.append((t.end.latest, other))
            elif t.start is not None:
                later.append((t.start.earliest, other))
    if past:
        return max(past, key=lambda p: (p[0], p[1].id))[1]
    if later:
        return min(later, key=lambda p: (p[0], p[1].id))[1]
    return None


# --- judging an injection ---------------------------------------------------------------

_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)


@dataclass(frozen=True)
class Outcome:
    injection: Injection
    reported: bool  # a finding of an accepted code overlaps the error's span
    restored_safe: bool  # `--fix` gives what it gives on the clean excerpt
    restored: bool  # `--fix --unsafe-fixes` gives what it gives on the clean excerpt
    corruption: str | None  # what the fixes damaged, if anything
    findings: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        inj = self.injection
        return f"{inj.id}: {inj.error!r} (was {inj.clean!r}) → {', '.join(self.findings) or '—'}"


def evaluate(bench: Bench, injection: Injection) -> Outcome:
    excerpt = injection.excerpt
    accepted = ACCEPTED_CODES[injection.kind]
    at = Span(injection.span.start + excerpt.shift, injection.span.end + excerpt.shift)
    findings = bench.findings(excerpt, injection.text)
    reported = any(f.code in accepted and f.span.overlaps(at) for f in findings)
    described = tuple(
        f"{f.code} {injection.text[f.span.start - excerpt.shift : f.span.end - excerpt.shift]!r}"
        for f in findings
        if f.span.overlaps(at)
    )
    fixed = bench.fixed(excerpt, injection.text, unsafe=True)
    clean_fixed = bench.fixed(excerpt, excerpt.text, unsafe=True)
    restored = fixed == clean_fixed
    restored_safe = bench.fixed(excerpt, injection.text, unsafe=False) == bench.fixed(
        excerpt, excerpt.text, unsafe=False
    )
    corruption = None if restored else _corruption(bench, injection, fixed, clean_fixed)
    if corruption is None and bench.fixed(excerpt, fixed, unsafe=True) != fixed:
        corruption = "a second fixing pass changes the fixed text"
    return Outcome(injection, reported, restored_safe, restored, corruption, described)


def _corruption(bench: Bench, injection: Injection, fixed: str, clean_fixed: str) -> str | None:
    """What the fixes of an injected excerpt damaged: a doubled word the clean copy does not
    have, or an edit outside the injected error that the clean copy does not get."""
    before = {m.group(0).lower() for m in _DOUBLED.finditer(clean_fixed)}
    for m in _DOUBLED.finditer(fixed):
        if m.group(0).lower() not in before:
            return f"doubled word {m.group(0)!r}"
    excerpt = injection.excerpt
    grow = len(injection.text) - len(excerpt.text)
    clean_edits = set()
    for start, end, new in bench.first_pass_edits(excerpt, excerpt.text):
        if end <= injection.span.start:
            clean_edits.add((start, end, new))
        elif start >= injection.span.end - grow:
            clean_edits.add((start + grow, end + grow, new))
    for start, end, new in bench.first_pass_edits(excerpt, injection.text):
        outside = end <= injection.span.start or start >= injection.span.end
        if outside and (start, end, new) not in clean_edits:
            return f"edit outside the error: {injection.text[start:end]!r} → {new!r}"
    return None


@dataclass(frozen=True)
class Figures:
    """Precision, recall and fix figures over the corpus."""

    words: int
    excerpts: int
    judged: tuple[Judged, ...]
    outcomes: tuple[Outcome, ...]

    @property
    def false_alarms(self) -> list[tuple[Excerpt, Found]]:
        return [(j.excerpt, f) for j in self.judged for f in j.false_alarms]

    @property
    def missed(self) -> list[tuple[Excerpt, Expected]]:
        return [(j.excerpt, e) for j in self.judged for e in j.missed]

    @property
    def false_alarms_per_10k_words(self) -> float:
        return 10_000 * len(self.false_alarms) / self.words

    def by_kind(self, kind: str | None = None) -> list[Outcome]:
        return [o for o in self.outcomes if kind is None or o.injection.kind == kind]

    def recall(self, kind: str | None = None) -> float:
        chosen = self.by_kind(kind)
        return sum(o.reported for o in chosen) / len(chosen) if chosen else 1.0

    def restoration(self, kind: str | None = None, *, unsafe: bool = True) -> float:
        chosen = self.by_kind(kind)
        good = sum(o.restored if unsafe else o.restored_safe for o in chosen)
        return good / len(chosen) if chosen else 1.0

    def corrupted(self, kind: str | None = None) -> list[Outcome]:
        return [o for o in self.by_kind(kind) if o.corruption]


def all_injections(bench: Bench, corpus: Corpus) -> list[Injection]:
    return [i for e in corpus.excerpts for i in injections(bench.glossary, e)]


def measure(bench: Bench, corpus: Corpus, chosen: Sequence[Injection] | None = None) -> Figures:
    judged = tuple(judge(bench, e) for e in corpus.excerpts)
    pool = all_injections(bench, corpus) if chosen is None else chosen
    outcomes = tuple(evaluate(bench, i) for i in pool)
    return Figures(corpus.words, len(corpus.excerpts), judged, outcomes)
