"""`termcheck glossary validate|lookup|import|export`."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from checker.bundled import display_path
from checker.commands import glossary_io
from checker.commands.usage import command, typer_app
from checker.errors import EXIT_CLEAN, EXIT_ERROR, UsageError

if TYPE_CHECKING:
    from checker.glossary.lookup import Answer
    from checker.glossary.model import Entry, Glossary, Tenure


def register(app: typer.Typer) -> None:
    group = typer_app(
        "glossary",
        "Validate, query, import and export glossaries.",
        "Validate, query, import and export glossaries.",
        (
            "termcheck glossary validate",
            "termcheck glossary lookup 劉勁松 --date 2025-11-18",
            "termcheck glossary import terms.tbx -o terms.yaml",
            "termcheck glossary export --format tbx-basic -o japan-china.tbx",
        ),
    )
    command(
        group,
        "validate",
        "Check glossaries: ids, shared forms, tenures, dates, references, capitals, specs.",
        "Check glossaries: ids, shared forms, tenures, dates, references, capitals and each "
        "entry's specs.\n\nexit codes: 0 valid, 2 problems (one line each on stderr).",
        (
            "termcheck glossary validate",
            "termcheck glossary validate desk.yaml glossaries/ --style family-first",
            "termcheck glossary validate imported.yaml --no-specs",
        ),
    )(validate_command)
    command(
        group,
        "lookup",
        "Who or what a form names; which office a person held, or who held an office.",
        "Who or what a form names (English, Chinese in either script, Japanese, or an "
        "entry id); which office a person held, or who held an office, on a date.\n\n"
        "exit codes: 0 found, 2 nothing matches (with suggestions) or a usage error.",
        (
            "termcheck glossary lookup 劉勁松 --date 2025-11-18",
            'termcheck glossary lookup "Liu"',
            "termcheck glossary lookup prime-minister-japan --date 2025-11-19",
            "termcheck glossary lookup Kihara -g desk.yaml --no-bundled",
        ),
    )(lookup_command)
    glossary_io.register(group)
    app.add_typer(group, name="glossary")


def validate_command(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE", help="glossary files or folders (default: the bundled ones)"
        ),
    ] = None,
    style: Annotated[
        str | None,
        typer.Option("--style", metavar="NAME|FILE", help="style profile the specs run with"),
    ] = None,
    specs: Annotated[
        bool, typer.Option("--specs/--no-specs", help="run each entry's specs (default: yes)")
    ] = True,
) -> int:
    """Check glossaries: ids, shared forms, tenures, dates, references, capitals, specs."""
    from checker.glossary.loader import glossary_paths, load_glossary_file
    from checker.glossary.model import Glossary
    from checker.glossary.validate import spec_runner, validate

    paths = glossary_paths(files or None)
    glossary = Glossary.merge(load_glossary_file(p) for p in paths)
    problems = validate(glossary, spec_runner(style) if specs else None)
    for problem in problems:
        print(f"{problem}", file=sys.stderr)
    count = len(glossary.entries)
    if problems:
        print(
            f"{len(problems)} problem(s) in {count} entries from {len(paths)} file(s)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    print(f"OK: {count} entries in {len(paths)} file(s)")
    return EXIT_CLEAN


def lookup_command(
    query: Annotated[
        str,
        typer.Argument(metavar="QUERY", help="an English, Chinese or Japanese form, or an id"),
    ],
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="who held what on this date"),
    ] = None,
    glossary: Annotated[
        list[str] | None,
        typer.Option(
            "-g",
            "--glossary",
            metavar="FILE",
            help="a glossary file or folder added to the bundled ones; repeatable",
        ),
    ] = None,
    no_bundled: Annotated[
        bool, typer.Option("--no-bundled", help="leave the bundled glossaries out")
    ] = False,
) -> int:
    """Who or what a form names; which office a person held, or who held an office."""
    from checker.dates import date_option
    from checker.glossary.loader import load_glossaries, run_glossaries
    from checker.glossary.lookup import lookup, suggestions

    query = query.strip()
    if not query:
        raise UsageError(
            "the query is empty: give a form or an id (see termcheck glossary lookup --help)"
        )
    on = date_option(date)
    loaded = load_glossaries(run_glossaries(glossary or None, not no_bundled))
    answers = lookup(loaded, query, on)
    if not answers:
        near = suggestions(loaded, query)
        hint = f"; did you mean {' or '.join(repr(s) for s in near)}?" if near else ""
        print(f"termcheck: no glossary entry matches {query!r}{hint}", file=sys.stderr)
        return EXIT_ERROR
    for answer in answers:
        print(describe(loaded, answer, on))
    return EXIT_CLEAN


def describe(glossary: Glossary, answer: Answer, on: dt.date | None) -> str:
    from checker.glossary.model import CJK_LANGS, Kind, Role

    entry = answer.hit.entry
    form = answer.hit.form
    how = (
        ""
        if form.role is Role.PREFERRED and form.lang == "en"
        else (
            f" (matched {form.role.value} form {form.text!r}"
            + (" — WRONG FORM" if form.role is Role.FORBIDDEN else "")
            + ")"
        )
    )
    lines = [f"{entry.en} [{entry.id}, {entry.kind.value}]{how}"]
    lines.append(f"  defined at {display_path(entry.path)}:{entry.line}")
    renderings = []
    for lang in CJK_LANGS:
        forms = [f for f in entry.forms if f.lang == lang]
        if forms:
            renderings.append(
                f"{lang} "
                + ", ".join(
                    f.text + (" (unconfirmed)" if f.status != "confirmed" else "") for f in forms
                )
            )
    if renderings:
        lines.append("  " + "; ".join(renderings))
    wrong = [f.text for f in entry.forms if f.role is Role.FORBIDDEN]
    if wrong:
        lines.append("  wrong forms: " + ", ".join(wrong))
    if entry.kind is Kind.PERSON:
        if on is not None:
            held = "; ".join(_tenure(glossary, entry, t) for t in answer.offices)
            lines.append(f"  on {on.isoformat()}: {held or 'no known office'}")
        for tenure in answer.history:
            lines.append(f"  held: {_tenure(glossary, entry, tenure)}")
    if entry.kind is Kind.OFFICE:
        label = f"holders on {on.isoformat()}" if on else "holders"
        holders = (
            "; ".join(
                f"{h.person.en} ({h.tenure.span_text(glossary.known_until(h.person))})"
                for h in answer.holders
            )
            or "none known"
        )
        lines.append(f"  {label}: {holders}")
    if entry.note:
        lines.append(f"  note: {entry.note}")
    status = "" if entry.status == "confirmed" else " [unconfirmed]"
    if entry.sources:
        lines.append(f"  source{status}: {entry.sources[0]}")
    return "\n".join(lines)


def _tenure(glossary: Glossary, person: Entry, tenure: Tenure) -> str:
    status = "" if tenure.status == "confirmed" else ", unconfirmed"
    span = tenure.span_text(glossary.known_until(person))
    return f"{glossary.office_title(tenure)} ({span}{status})"
