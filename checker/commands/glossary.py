"""`termcheck glossary validate|lookup`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from checker.bundled import display_path
from checker.commands.glossary_io import export_command, import_command
from checker.dates import date_option
from checker.errors import EXIT_CLEAN, EXIT_ERROR
from checker.glossary.loader import glossary_paths, load_glossary_file
from checker.glossary.lookup import Answer, lookup
from checker.glossary.model import CJK_LANGS, Glossary, Kind, Role, Tenure
from checker.glossary.validate import spec_runner, validate

glossary_app = typer.Typer(
    help="Validate, query, import and export glossaries.", no_args_is_help=True
)
glossary_app.command("import")(import_command)
glossary_app.command("export")(export_command)


@glossary_app.command("validate")
def validate_command(
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Glossary files or folders (default: the bundled ones)."),
    ] = None,
    style: Annotated[str | None, typer.Option(help="Style profile the specs run with.")] = None,
    specs: Annotated[bool, typer.Option(help="Run each entry's specs.")] = True,
) -> None:
    """Check glossaries: ids, shared forms, tenures, dates, references, capitals, specs."""
    paths = glossary_paths(files)
    glossary = Glossary.merge(load_glossary_file(p) for p in paths)
    problems = validate(glossary, spec_runner(style) if specs else None)
    for problem in problems:
        typer.echo(f"{problem}", err=True)
    count = len(glossary.entries)
    if problems:
        typer.echo(
            f"{len(problems)} problem(s) in {count} entries from {len(paths)} file(s)", err=True
        )
        raise typer.Exit(EXIT_ERROR)
    typer.echo(f"OK: {count} entries in {len(paths)} file(s)")
    raise typer.Exit(EXIT_CLEAN)


@glossary_app.command("lookup")
def lookup_command(
    query: Annotated[str, typer.Argument(help="An English, Chinese or Japanese form, or an id.")],
    date: Annotated[
        str | None, typer.Option(help="Who held what on this date (YYYY-MM-DD).")
    ] = None,
    glossary: Annotated[
        list[str] | None, typer.Option("--glossary", "-g", help="Glossary file (repeatable).")
    ] = None,
) -> None:
    """Who or what a form names; which office a person held, or who held an office."""
    on = date_option(date)
    loaded = Glossary.merge(load_glossary_file(p) for p in glossary_paths(glossary))
    answers = lookup(loaded, query, on)
    if not answers:
        typer.echo(f"No glossary entry matches {query!r}.")
        raise typer.Exit(EXIT_ERROR)
    for answer in answers:
        typer.echo(describe(loaded, answer, on))


def describe(glossary: Glossary, answer: Answer, on: dt.date | None) -> str:
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
            held = "; ".join(_tenure(glossary, t) for t in answer.offices) or "no known office"
            lines.append(f"  on {on.isoformat()}: {held}")
        for tenure in answer.history:
            lines.append(f"  held: {_tenure(glossary, tenure)}")
    if entry.kind is Kind.OFFICE:
        label = f"holders on {on.isoformat()}" if on else "holders"
        holders = (
            "; ".join(f"{h.person.en} ({h.tenure.span_text()})" for h in answer.holders)
            or "none known"
        )
        lines.append(f"  {label}: {holders}")
    if entry.note:
        lines.append(f"  note: {entry.note}")
    status = "" if entry.status == "confirmed" else " [unconfirmed]"
    if entry.sources:
        lines.append(f"  source{status}: {entry.sources[0]}")
    return "\n".join(lines)


def _tenure(glossary: Glossary, tenure: Tenure) -> str:
    status = "" if tenure.status == "confirmed" else ", unconfirmed"
    return f"{glossary.office_title(tenure)} ({tenure.span_text()}{status})"
