"""Integrity checks over loaded glossaries, and the glossaries' own specs."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from checker.glossary.form_conflicts import forbidden_names_of_others
from checker.glossary.model import Entry, Glossary, Holding, Kind, Role
from checker.match.fold import fold_form
from checker.match.index import TermIndex

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
NO_SOURCES = "no 'sources': every fact needs a source URL"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    entry: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        who = f" [{self.entry}]" if self.entry else ""
        return f"{where}:{who} {self.message}"


SpecRunner = Callable[[str, dt.date | None, Glossary], set[str]]


def validate(glossary: Glossary, run_spec: SpecRunner | None = None) -> list[Problem]:
    problems: list[Problem] = []
    problems.extend(_ids(glossary))
    problems.extend(_shared_forms(glossary))
    problems.extend(_references(glossary))
    problems.extend(_tenures(glossary))
    problems.extend(_coverage(glossary))
    problems.extend(_capitalization(glossary))
    problems.extend(_sources(glossary))
    problems.extend(_problem(e, m, line) for e, line, m in forbidden_names_of_others(glossary))
    if run_spec is not None:
        problems.extend(_specs(glossary, run_spec))
    return problems


def _problem(entry: Entry, message: str, line: int | None = None) -> Problem:
    return Problem(entry.path, line or entry.line, entry.id, message)


def _ids(glossary: Glossary) -> Iterator[Problem]:
    seen: dict[str, Entry] = {}
    for entry in glossary.entries:
        if not _ID.match(entry.id):
            yield _problem(entry, f"id {entry.id!r} is not ASCII kebab-case")
        if entry.id in seen:
            first = seen[entry.id]
            yield _problem(entry, f"duplicate id {entry.id!r} (first at {first.path}:{first.line})")
        else:
            seen[entry.id] = entry


def _shared_forms(glossary: Glossary) -> Iterator[Problem]:
    # Each form's owners once each with each role, in order (by identity: comparing entries
    # field by field would cost as much as the glossary for every form). Most forms have
    # one claim, kept as it is; a second makes a table of them.
    claims: dict[str, tuple[Entry, Role] | dict[tuple[int, Role], tuple[Entry, Role]]] = {}
    for entry in glossary.entries:
        for form in entry.forms:
            key = fold_form(form.text) if form.lang == "en" else form.text
            claim = (entry, form.role)
            found = claims.setdefault(key, claim)
            if found is claim:
                continue
            if isinstance(found, tuple):
                if found[0] is entry and found[1] is form.role:
                    continue
                found = claims[key] = {(id(found[0]), found[1]): found}
            found.setdefault((id(entry), form.role), claim)
    for key, claimed in claims.items():
        if isinstance(claimed, tuple):
            continue  # one claim: one owner
        owners = list(claimed.values())
        entries = {e.id for e, _ in owners}
        if len(entries) < 2:
            continue
        for entry, role in owners:
            ambiguous = (id(entry), Role.AMBIGUOUS) in claimed  # the entry lists it so
            if role is not Role.AMBIGUOUS and not ambiguous and role is not Role.FORBIDDEN:
                others = ", ".join(sorted(entries - {entry.id}))
                yield _problem(
                    entry,
                    f"form {key!r} is also claimed by {others}: list it under "
                    "'ambiguous' in each entry that uses it",
                )
            if role is Role.FORBIDDEN and any(r.is_correct for e, r in owners if e is not entry):
                yield _problem(entry, f"forbidden form {key!r} is a correct form of another entry")


def _references(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        for tenure in entry.tenures:
            office = glossary.get(tenure.office)
            if office is None:
                yield _problem(
                    entry, f"tenure names a missing office {tenure.office!r}", tenure.line
                )
            elif office.kind is not Kind.OFFICE:
                yield _problem(
                    entry,
                    f"tenure names {tenure.office!r}, which is a "
                    f"{office.kind.value}, not an office",
                    tenure.line,
                )
        if entry.organization and glossary.get(entry.organization) is None:
            yield _problem(entry, f"names a missing organization {entry.organization!r}")


def _tenures(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        for tenure in entry.tenures:
            if tenure.start and tenure.end and tenure.start.earliest > tenure.end.latest:
                yield _problem(
                    entry,
                    f"tenure of {tenure.office!r} ends ({tenure.end}) before "
                    f"it starts ({tenure.start})",
                    tenure.line,
                )
    for office_id, holdings in glossary.holdings.items():
        office = glossary.get(office_id)
        if office is None or office.holders != "single":
            continue
        ordered = sorted(
            holdings, key=lambda h: h.tenure.start.earliest if h.tenure.start else dt.date.min
        )
        for a, b in itertools.pairwise(ordered):
            if (
                a.person.id == b.person.id
                or a.tenure.start is None
                or b.tenure.start is None
                or a.tenure.end_unknown
            ):
                continue  # an unknown date overlaps nothing for certain
            a_end = a.tenure.end.earliest if a.tenure.end else dt.date.max
            b_start = b.tenure.start.latest
            if b_start < a_end:
                yield _problem(
                    b.person,
                    f"single-holder office {office_id!r}: tenure "
                    f"({b.tenure.span_text()}) overlaps {a.person.id}'s "
                    f"({a.tenure.span_text()})",
                    b.tenure.line,
                )


def _coverage(glossary: Glossary) -> Iterator[Problem]:
    """Declared coverage runs no later than the file's knowledge date, and a single-holder
    office complete over its coverage has a holder on every day of it: no gap between
    tenures, no tenure whose start or end inside it is unknown."""
    for entry in glossary.entries:
        coverage = entry.coverage
        if coverage is None:
            continue
        known_until = glossary.known_until(entry)
        if known_until is not None and coverage.end.latest > known_until:
            yield _problem(
                entry,
                f"coverage runs to {coverage.end}, after the file's knowledge date "
                f"({known_until.isoformat()})",
            )
        if entry.kind is Kind.OFFICE and entry.holders == "single":
            yield from _gaps(glossary, entry)


def _gaps(glossary: Glossary, office: Entry) -> Iterator[Problem]:
    assert office.coverage is not None
    first, last = office.coverage.start.earliest, office.coverage.end.latest
    held_until = first - dt.timedelta(days=1)  # every day up to this one has a holder
    holdings = sorted(
        glossary.holdings.get(office.id, ()),
        key=lambda h: h.tenure.start.earliest if h.tenure.start else dt.date.min,
    )
    for holding in holdings:
        tenure = holding.tenure
        end = _last_day(glossary, holding)
        if end is not None and end < first:
            continue
        if tenure.start is None or tenure.end_unknown:
            which = "start" if tenure.start is None else "end"
            yield _problem(
                holding.person,
                f"tenure of {office.id!r} ({tenure.span_text()}) has an unknown {which} inside "
                f"the office's coverage ({office.coverage.start} to {office.coverage.end})",
                tenure.line,
            )
            return
        if tenure.start.earliest > last:
            break
        gap_first, gap_last = (
            held_until + dt.timedelta(days=1),
            tenure.start.earliest - dt.timedelta(days=1),
        )
        if gap_first <= gap_last and not office.coverage.vacant_between(gap_first, gap_last):
            yield _problem(
                office,
                f"no holder of {office.id!r} from {gap_first} to {gap_last}, inside its coverage "
                f"({office.coverage.start} to {office.coverage.end})",
            )
        held_until = max(held_until, end if end is not None else dt.date.max)
    if held_until < last and not office.coverage.vacant_between(
        held_until + dt.timedelta(days=1), last
    ):
        yield _problem(
            office,
            f"no holder of {office.id!r} from {held_until + dt.timedelta(days=1)} to the end of "
            f"its coverage ({office.coverage.end})",
        )


def _last_day(glossary: Glossary, holding: Holding) -> dt.date | None:
    """The last day a tenure may have been held: its end, or for an open tenure its file's
    knowledge date (None: no end known)."""
    if holding.tenure.end is not None:
        return holding.tenure.end.latest
    if holding.tenure.end_unknown:
        return None
    return glossary.known_until(holding.person)


_NAMING_ROLES = (Role.PREFERRED, Role.ACCEPTED, Role.SHORT, Role.ADJECTIVE)


def _capitalization(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        if entry.kind not in (Kind.PERSON, Kind.PLACE, Kind.ORGANIZATION):
            continue
        for form in entry.forms:
            if form.role not in _NAMING_ROLES or form.lang != "en":  # `forms_of`, inline
                continue
            if form.text.istitle():  # most names: no letter after a space is lower case
                continue
            words = [w for w in form.text.split() if w and w[0].isalpha()]
            first = words[:1]
            if entry.kind is Kind.PERSON and any(w[0].islower() for w in words):
                yield _problem(entry, f"name form {form.text!r} has a lower-case word", form.line)
            elif first and first[0][0].islower() and entry.case == "exact":
                yield _problem(entry, f"form {form.text!r} starts in lower case", form.line)


def _sources(glossary: Glossary) -> Iterator[Problem]:
    for entry in glossary.entries:
        if not entry.sources:
            yield _problem(entry, NO_SOURCES)


def _specs(glossary: Glossary, run_spec: SpecRunner) -> Iterator[Problem]:
    for entry in glossary.entries:
        for spec in entry.specs:
            found = run_spec(spec.text, spec.date, glossary)
            expected = set(spec.expect)
            if found != expected:
                yield _problem(
                    entry,
                    f"spec {spec.text!r} expected {sorted(expected) or 'no findings'}, "
                    f"got {sorted(found) or 'no findings'}",
                    spec.line,
                )


def spec_runner(style_name: str | None = None) -> SpecRunner:
    """Run specs with the real checker: codes found in the spec text."""
    from checker.engine import Checker
    from checker.style import load_style

    style = load_style(style_name)
    compiled: dict[int, Checker] = {}

    def run(text: str, date: dt.date | None, glossary: Glossary) -> set[str]:
        checker = compiled.get(id(glossary))
        if checker is None:
            checker = compiled[id(glossary)] = Checker(glossary, style, index=TermIndex(glossary))
        checker.date = date or dt.date.today()
        return {f.code for f in checker.check_text(text, "<spec>").findings}

    return run
