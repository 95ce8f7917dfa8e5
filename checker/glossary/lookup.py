"""Who or what a form names, and who held which office on a date."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from checker.glossary.model import Entry, Form, Glossary, Holding, Kind, Role, Tenure
from checker.match.fold import fold_form, fold_width
from checker.match.index import script_variants


@dataclass(frozen=True)
class Hit:
    entry: Entry
    form: Form
    exact: bool


@dataclass(frozen=True)
class Answer:
    hit: Hit
    offices: tuple[Tenure, ...] = ()  # a person's offices on the date
    holders: tuple[Holding, ...] = ()  # an office's holders on the date
    history: tuple[Tenure, ...] = ()  # a person's every tenure


def find_entries(glossary: Glossary, query: str) -> list[Hit]:
    """Entries with a form equal to the query (any case, either Chinese script); failing
    that, entries with a form that contains it."""
    wanted_en = fold_form(query)
    wanted_cjk = set(script_variants(fold_width(query.strip())))
    exact: list[Hit] = []
    partial: list[Hit] = []
    for entry in glossary.entries:
        if entry.id == query.strip():
            exact.append(Hit(entry, entry.forms[0], True))
            continue
        best: Hit | None = next(
            (Hit(entry, f, True) for f in entry.forms if f.text == query.strip()), None
        )
        for form in [] if best else entry.forms:
            if form.lang == "en":
                key = fold_form(form.text)
                if key == wanted_en:
                    best = Hit(entry, form, True)
                    break
                if best is None and wanted_en and wanted_en in key:
                    best = Hit(entry, form, False)
            else:
                variants = set(script_variants(fold_width(form.text)))
                if variants & wanted_cjk:
                    best = Hit(entry, form, True)
                    break
                if best is None and any(q in v for q in wanted_cjk for v in variants):
                    best = Hit(entry, form, False)
        if best is not None:
            (exact if best.exact else partial).append(best)
    return exact or partial


def lookup(glossary: Glossary, query: str, on: dt.date | None) -> list[Answer]:
    answers = []
    for hit in find_entries(glossary, query):
        entry = hit.entry
        if entry.kind is Kind.PERSON:
            offices = tuple(glossary.offices_held(entry, on, certain=False)) if on else ()
            answers.append(Answer(hit, offices=offices, history=entry.tenures))
        elif entry.kind is Kind.OFFICE:
            holders = (
                tuple(glossary.holders_on(entry.id, on, certain=False))
                if on
                else glossary.holdings.get(entry.id, ())
            )
            answers.append(Answer(hit, holders=holders))
        else:
            answers.append(Answer(hit))
    return answers


def suggestions(glossary: Glossary, query: str, limit: int = 3) -> list[str]:
    """Forms and ids close to a query that matches nothing (a misspelling): the closest
    first, each entry once, named by its preferred English form."""
    wanted = fold_form(query)
    names: dict[str, str] = {}  # a folded form or id → the entry's English form
    for entry in glossary.entries:
        names.setdefault(entry.id, entry.en)
        for form in entry.forms:
            if form.role is not Role.FORBIDDEN:
                names.setdefault(fold_form(form.text) if form.lang == "en" else form.text, entry.en)
    close = difflib.get_close_matches(wanted, names, n=limit * 3, cutoff=0.75)
    chosen: list[str] = []
    for key in close:
        if names[key] not in chosen:
            chosen.append(names[key])
    return chosen[:limit]
