"""The `termcheck` command line. Exit codes: 0 clean, 1 findings at or above --fail-on,
2 usage, glossary or input errors."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from checker import __version__
from checker.batch import BatchRun, BatchSummary, FileError, Task
from checker.cache import GlossaryCache
from checker.commands.glossary import glossary_app
from checker.commands.headlines import headlines_command
from checker.commands.rules import explain_command, rules_command
from checker.config import ConfigFinder, Settings
from checker.dates import date_option
from checker.engine import Checker, Result
from checker.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, TermcheckError, UsageError
from checker.fix_file import FixedFile, diff_text, fix_path
from checker.headline.check import HeadlineChecker
from checker.headline.pair_files import read_pair_files
from checker.headline.pairs import HeadlinePair
from checker.headline.quoted import QuotedHeadlines
from checker.model import Severity
from checker.output import open_output
from checker.progress import progress_wanted, with_progress
from checker.reporters import REPORTERS
from checker.select import ChangedSince, EntryFocus, ModifiedSince
from checker.select import select as select_files
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
app.command("headlines")(headlines_command)

GlossaryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--glossary",
        "-g",
        help="Glossary file or folder (repeatable); default: the bundled glossaries.",
    ),
]


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
        str, typer.Option("--format", help="Report format: " + ", ".join(REPORTERS) + ".")
    ] = "text",
    select: Annotated[list[str] | None, typer.Option(help="Only these codes or prefixes.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these codes or prefixes.")] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Lowest severity that makes the exit code 1 "
            "(default: the configuration's fail-on, else warning)."
        ),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Encoding of the input files (default: detected).")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply the safe fixes to the files, then report the rest.")
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes", help="With --fix or --diff, apply the unsafe fixes too (review them)."
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Print the fixes as a unified diff instead of writing them "
            "(exit 1 if there is any).",
        ),
    ] = False,
    headlines: Annotated[
        list[str] | None,
        typer.Option(
            "--headlines",
            help="Pair files (TSV, CSV, JSONL, XLIFF, TMX) whose headlines the story may quote: "
            "each quoted English rendering is linked to its source headline and checked.",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Files checked in parallel (default: all cores)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Run the batch on a Dask cluster: a scheduler address (tcp://host:8786) or "
            "local:N for a local cluster of N workers."
        ),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(help="Only files changed in git since this revision (and uncommitted)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only files modified since this date or time (YYYY-MM-DD[THH:MM])."),
    ] = None,
    entry: Annotated[
        str | None,
        typer.Option(
            help="Only findings involving this glossary entry id (files that cannot mention "
            "it are skipped unread by the rules)."
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No progress bar and no batch summary."),
    ] = False,
    cache_dir: Annotated[
        str | None,
        typer.Option(help="Where compiled glossaries are cached (default: the user cache)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Compile the glossaries, ignoring the cache.")
    ] = False,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            help="Configuration file (default: termcheck.toml, or pyproject.toml with "
            "\\[tool.termcheck], found by walking up from each checked file).",
        ),
    ] = None,
) -> None:
    """Check English copy: names, titles, dates and house style."""
    if output_format not in REPORTERS:
        raise UsageError(f"unknown --format {output_format!r} (use {', '.join(REPORTERS)})")
    if unsafe_fixes and not (fix or diff):
        raise UsageError("--unsafe-fixes applies fixes: use it with --fix or --diff")
    from checker.discover import discover

    command_line = Settings(
        glossaries=tuple(glossary) if glossary else None,
        style=style,
        select=None if select is None else _codes(select),
        ignore=None if ignore is None else _codes(ignore),
        fail_on=_severity_option(fail_on),
    )
    story_date = date_option(date)
    finder = ConfigFinder(config)
    chosen = select_files(
        discover(paths),
        ChangedSince(changed_since) if changed_since else None,
        ModifiedSince.parse(since) if since else None,
    )
    plan = [(path, command_line.over(finder.for_file(path))) for path in chosen]
    pairs = [p for f in read_pair_files(headlines) for p in f.pairs] if headlines else []
    cache = GlossaryCache(cache_dir, enabled=not no_cache)
    checkers: dict[Path | None, Checker] = {}
    for _, settings in plan:
        if settings.path not in checkers:
            compiled = cache.load(settings.glossaries)
            checker = Checker(
                compiled.glossary,
                load_style(settings.style),
                settings.selection(),
                story_date,
                index=compiled.index,
            )
            if pairs:
                checker.document_checks = (_quoted_headlines(checker, pairs).check,)
            checkers[settings.path] = checker
    focus = None
    if entry is not None:
        first = next(iter(checkers.values()), None)
        if first is None:
            raise UsageError("--entry: no file to check")
        focus = EntryFocus(first.index, entry)
    batch = _Batch(jobs, scheduler, focus, progress_wanted(quiet, output is None), len(plan))
    run = _Run(plan, checkers, encoding, fix or diff, unsafe_fixes, write=not diff, batch=batch)
    with open_output(output) as out:
        if diff:
            for fixed in run.fixed_files():
                out.write(diff_text(fixed))
        else:
            REPORTERS[output_format](run.results(), out)
    for error in run.errors:
        typer.echo(f"termcheck: error: {error}", err=True)
    if len(plan) > 1 and not quiet and not (fix or diff):
        typer.echo(run.summary.render(), err=True)
    if fix or diff:
        verb = "would fix" if diff else "fixed"
        typer.echo(
            f"termcheck: {verb} {run.applied} finding{'s' if run.applied != 1 else ''} "
            f"in {run.changed} file{'s' if run.changed != 1 else ''}",
            err=True,
        )
    skipped = run.summary.skipped_line()
    if skipped and len(plan) > 1:
        typer.echo(skipped, err=True)
    if run.errors:
        raise typer.Exit(EXIT_ERROR)
    if diff:
        raise typer.Exit(EXIT_FINDINGS if run.changed else EXIT_CLEAN)
    raise typer.Exit(EXIT_FINDINGS if run.failing else EXIT_CLEAN)


def _quoted_headlines(checker: Checker, pairs: list[HeadlinePair]) -> QuotedHeadlines:
    headline_checker = HeadlineChecker(
        checker.glossary,
        checker.style,
        date=checker.date,
        selection=checker.selection,
        index=checker.index,
    )
    return QuotedHeadlines(headline_checker, pairs)


@dataclass(frozen=True)
class _Batch:
    """How the files of a `check` run are spread: jobs or a cluster, and what is shown."""

    jobs: int | None
    scheduler: str | None
    focus: EntryFocus | None
    progress: bool
    total: int


def _severity_option(word: str | None) -> Severity | None:
    if word is None:
        return None
    try:
        return Severity.parse(word)
    except ValueError as exc:
        raise UsageError(f"--fail-on: {exc}") from None


class _Run:
    """One `check` over its files, streaming results to a reporter; it counts as it goes
    what the exit code and the closing line need."""

    def __init__(
        self,
        plan: Sequence[tuple[str, Settings]],
        checkers: dict[Path | None, Checker],
        encoding: str | None,
        fixing: bool,
        unsafe: bool,
        write: bool,
        batch: _Batch,
    ) -> None:
        self.batch = batch
        self.summary = BatchSummary()
        self.plan = plan
        self.checkers = checkers
        self.encoding = encoding
        self.fixing = fixing
        self.unsafe = unsafe
        self.write = write
        self.errors: list[TermcheckError | str] = []
        self.failing = False
        self.applied = 0
        self.changed = 0

    def fixed_files(self) -> Iterator[FixedFile]:
        for path, settings in self.plan:
            try:
                fixed = fix_path(
                    self.checkers[settings.path],
                    path,
                    self.encoding,
                    unsafe=self.unsafe,
                    write=self.write,
                )
            except TermcheckError as exc:
                self.errors.append(exc)
                self.summary.add(FileError(path, str(exc)))
                continue
            self.applied += fixed.applied
            self.changed += fixed.changed
            self._count(fixed.result, settings)
            yield fixed

    def results(self) -> Iterator[Result]:
        if self.fixing:
            yield from (fixed.result for fixed in self.fixed_files())
            return
        order = list(self.checkers)
        settings_of = {path: settings for path, settings in self.plan}
        tasks = (Task(path, path, order.index(settings.path)) for path, settings in self.plan)
        run = BatchRun(
            [self.checkers[key] for key in order],
            tasks,
            jobs=self.batch.jobs,
            scheduler=self.batch.scheduler,
            encoding=self.encoding,
            focus=self.batch.focus,
        )
        with run as items:
            shown = with_progress(items, self.batch.total, enabled=self.batch.progress)
            for item in shown:
                self.summary.add(item)
                if isinstance(item, FileError):
                    self.errors.append(item.message)
                elif isinstance(item, Result):
                    self._count(item, settings_of[item.path])
                    yield item

    def _count(self, result: Result, settings: Settings) -> None:
        self.failing |= any(f.severity >= settings.threshold for f in result.findings)


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
        # Without standalone mode click returns the code of a typer.Exit instead of raising.
        code = app(args=list(argv) if argv is not None else None, standalone_mode=False)
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
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)
