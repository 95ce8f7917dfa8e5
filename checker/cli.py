"""The `termcheck` command line. Exit codes: 0 clean, 1 findings at or above --fail-on,
2 usage, glossary or input errors."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from checker import __version__
from checker.commands.glossary import glossary_app
from checker.commands.rules import explain_command, rules_command
from checker.engine import Checker, Result, Selection
from checker.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, TermcheckError, UsageError
from checker.glossary.loader import load_glossaries
from checker.model import Severity
from checker.output import open_output
from checker.reporters import REPORTERS
from checker.style import load_style

app = typer.Typer(
    name="termcheck",
    help="Check names, titles and terms in news copy about China and Japan against "
    "dated glossaries.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(glossary_app, name="glossary")
app.command("rules")(rules_command)
app.command("explain")(explain_command)

GlossaryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--glossary",
        "-g",
        help="Glossary file or folder (repeatable); default: the bundled glossaries.",
    ),
]


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date (use YYYY-MM-DD)") from None


def _codes(values: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(c.strip() for v in values or () for c in v.split(",") if c.strip())


@app.command("check")
def check_command(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to check.")],
    glossary: GlossaryOption = None,
    style: Annotated[
        str | None,
        typer.Option(
            help="House-style profile: a bundled name (news-agency, family-first) or a YAML file."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(help="The story's date, YYYY-MM-DD (default: from the document, else today)."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="Report format: " + ", ".join(REPORTERS))
    ] = "text",
    select: Annotated[list[str] | None, typer.Option(help="Only these codes or prefixes.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these codes or prefixes.")] = None,
    fail_on: Annotated[
        str, typer.Option(help="Lowest severity that makes the exit code 1.")
    ] = "warning",
    encoding: Annotated[
        str | None, typer.Option(help="Encoding of the input files (default: detected).")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
) -> None:
    """Check English copy: names, titles, dates and house style."""
    if output_format not in REPORTERS:
        raise UsageError(f"unknown --format {output_format!r} (use {', '.join(REPORTERS)})")
    try:
        threshold = Severity.parse(fail_on)
    except ValueError as exc:
        raise UsageError(f"--fail-on: {exc}") from None
    selection = Selection(_codes(select), _codes(ignore))
    checker = Checker(load_glossaries(glossary), load_style(style), selection, parse_date(date))
    from checker.discover import discover

    results: list[Result] = []
    errors: list[TermcheckError] = []
    for path in discover(paths):
        try:
            results.append(checker.check_path(path, encoding))
        except TermcheckError as exc:
            errors.append(exc)
    with open_output(output) as out:
        REPORTERS[output_format](results, out)
    for error in errors:
        typer.echo(f"termcheck: error: {error}", err=True)
    if errors:
        raise typer.Exit(EXIT_ERROR)
    failing = any(f.severity >= threshold for r in results for f in r.findings)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@app.callback(invoke_without_command=True)
def root(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"termcheck {__version__}")
        raise typer.Exit(EXIT_CLEAN)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: one line on stderr and exit 2 for every error, never a traceback."""
    try:
        app(args=list(argv) if argv is not None else None, standalone_mode=False)
    except TermcheckError as exc:
        typer.echo(f"termcheck: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("termcheck: interrupted", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(EXIT_ERROR)
        typer.echo(f"termcheck: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_CLEAN)
