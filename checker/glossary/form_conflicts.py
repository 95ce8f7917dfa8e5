"""Wrong forms that are someone else's right name.

A forbidden form must never be another entry's name: a safe fix would rewrite that
person's name into the glossary's. Exact clashes with another entry's listed forms are
found with the other shared forms (`validate._shared_forms`); this adds the names the
entries imply without listing them: another person's family or given name (a one-word
wrong form such as "Ishida" or "Ning"), and another person's name in either order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checker.glossary.model import Entry, Glossary, Kind, Role
from checker.match.fold import fold_form


def forbidden_names_of_others(glossary: Glossary) -> Iterator[tuple[Entry, int | None, str]]:
    """(entry, line, message) for each forbidden form that names another person."""
    forbidden = [
        (entry, form, fold_form(form.text))
        for entry in glossary.entries
        for form in entry.forms
        if form.role is Role.FORBIDDEN and form.lang == "en"  # `forms_of`, for every entry
    ]
    if not forbidden:
        return
    wrong = {key for _, _, key in forbidden}  # only the names some wrong form writes are kept
    names: dict[str, set[str]] = defaultdict(set)
    for person in glossary.entries:
        if person.kind is not Kind.PERSON or not person.family or not person.given:
            continue
        family, given = person.family, person.given
        for name in (family, given, f"{given} {family}", f"{family} {given}"):
            key = fold_form(name)
            if key in wrong:
                names[key].add(person.id)
    for entry, form, key in forbidden:
        if key in names:
            others = sorted(names[key] - {entry.id})
            if others:
                yield (
                    entry,
                    form.line,
                    f"forbidden form {form.text!r} is a name of {', '.join(others)}: "
                    "a fix would rewrite that person's name",
                )
