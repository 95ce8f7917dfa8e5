"""`termcheck check PATH...`: English copy against the glossaries and the house style."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Annotated

import typer

from checker.commands.options import BATCH, CacheDir, NoCache, Scheduler
from checker.commands.usage import choice, command, integer
from checker.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, TermcheckError, UsageError
from checker.reporters import REPORTERS

if TYPE_CHECKING:
    from checker.batch import BatchSummary, Task
    from checker.cache import GlossaryCache
    from checker.config import ConfigFinder, Settings
    from checker.engine import Checker, DocumentCheck, Result
    from checker.fix_file import FixedFile
    from checker.headline.pairs import HeadlinePair
    from checker.model import Severity
    from checker.select import EntryFocus

STDIN = "-"

DESCRIPTION = """Check English copy: names, titles, dates and house style.

PATH is a file, a folder (every supported file in it), a glob ('archive/**/*.xml'),
@LIST (a file listing paths, one a line) or - (standard input).

Glossaries: the bundled ones, plus every --glossary; --no-bundled leaves the bundled ones
out. The story's date: --date, else the document's own (metadata, or a dateline resolved
against it), else today; a date past what the glossaries know is said once in the report.

exit codes: 0 no finding at or above --fail-on, 1 findings (with --diff: a fix would change
a file), 2 usage, configuration, glossary or input error."""

EXAMPLES = (
    "termcheck check samples/ --date 2025-11-19",
    "termcheck check story.txt -g desk.yaml --style family-first --format concise",
    "termcheck check story.txt --no-bundled -g desk.yaml --select TM,NM --ignore TM004",
    "termcheck check story.html --fail-on error --format json -o report.json",
    "termcheck check story.txt --fix --unsafe-fixes      (or --diff to see them first)",
    "pbpaste | termcheck check - --stdin-filename story.md --format concise",
    "termcheck check old.txt --encoding big5 --config desk/termcheck.toml",
    "termcheck check story.txt --headlines samples/headlines/kanai-liu.tsv",
    "termcheck check story.txt --show-settings",
    "termcheck check story.docx --annotate story.checked.docx",
    "termcheck check archive/ -j 2 --format jsonl -o report.jsonl -q",
    "termcheck check archive/ --scheduler local:4 --cache-dir /tmp/tc-cache",
    "termcheck check archive/ --changed-since origin/main --since 2025-11-01",
    "termcheck check archive/ --entry minoru-kihara --no-cache",
)


WHAT = "what to check with"
INPUT = "input"
REPORT = "report"
FIXES = "fixes"


def register(app: typer.Typer) -> None:
    command(
        app,
        "check",
        "Check English copy: names, titles, dates and house style.",
        DESCRIPTION,
        EXAMPLES,
    )(check_command)


def check_command(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="files, folders, globs, @LIST or - to check"),
    ],
    glossary: Annotated[
        list[str] | None,
        typer.Option(
            "-g",
            "--glossary",
            metavar="FILE",
            rich_help_panel=WHAT,
            help="a glossary file or folder (YAML, TBX, CSV, TSV) added to the bundled ones; "
            "repeatable",
        ),
    ] = None,
    no_bundled: Annotated[
        bool,
        typer.Option(
            "--no-bundled",
            rich_help_panel=WHAT,
            help="leave the bundled glossaries out (then give --glossary)",
        ),
    ] = False,
    style: Annotated[
        str | None,
        typer.Option(
            "--style",
            metavar="NAME|FILE",
            rich_help_panel=WHAT,
            help="house-style profile: news-agency (default), family-first, or a YAML file",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            rich_help_panel=WHAT,
            help="the story's date (default: the document's own date, else today)",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            rich_help_panel=WHAT,
            help="only these codes or prefixes (TM,TT)",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            rich_help_panel=WHAT,
            help="skip these codes or prefixes (ST003)",
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="SEVERITY",
            rich_help_panel=WHAT,
            help="info, warning or error: the lowest severity that makes the exit code 1 "
            "(default: the configuration's, else warning)",
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            metavar="FILE",
            rich_help_panel=WHAT,
            help="configuration file (default: termcheck.toml, or pyproject.toml with "
            "[tool.termcheck], found by walking up from each checked file)",
        ),
    ] = None,
    headlines: Annotated[
        list[str] | None,
        typer.Option(
            "--headlines",
            metavar="FILE",
            rich_help_panel=WHAT,
            help="pair files (TSV, CSV, JSONL, XLIFF, TMX) whose headlines the story may quote",
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="NAME",
            rich_help_panel=INPUT,
            help="encoding of the inputs (default: detected)",
        ),
    ] = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            metavar="NAME",
            rich_help_panel=INPUT,
            help="with -: the name standard input is reported under; its suffix picks the reader",
        ),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REV",
            rich_help_panel=INPUT,
            help="only files changed in git since this revision (and uncommitted ones)",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD[THH:MM]",
            rich_help_panel=INPUT,
            help="only files modified since then",
        ),
    ] = None,
    entry: Annotated[
        str | None,
        typer.Option(
            "--entry",
            metavar="ID",
            rich_help_panel=INPUT,
            help="only findings involving this glossary entry id",
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(REPORTERS),
            rich_help_panel=REPORT,
            help=f"report format: {', '.join(REPORTERS)} (default: text)",
        ),
    ] = "text",
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            rich_help_panel=REPORT,
            help="write the report to this file",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "-q", "--quiet", rich_help_panel=REPORT, help="no progress bar and no batch summary"
        ),
    ] = False,
    show_settings: Annotated[
        bool,
        typer.Option(
            "--show-settings",
            rich_help_panel=REPORT,
            help="print the configuration, glossaries and style in force and where each "
            "comes from, then exit",
        ),
    ] = False,
    annotate: Annotated[
        str | None,
        typer.Option(
            "--annotate",
            metavar="OUT.docx",
            rich_help_panel=REPORT,
            help="also write a copy of the one Word story with every finding as a comment "
            "and every fix as a tracked change",
        ),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", rich_help_panel=FIXES, help="apply the safe fixes, then report the rest"
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes",
            rich_help_panel=FIXES,
            help="with --fix or --diff: the unsafe ones too",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            rich_help_panel=FIXES,
            help="print the fixes as a unified diff instead of writing them",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "-j",
            "--jobs",
            metavar="N",
            parser=integer,
            rich_help_panel=BATCH,
            help="files checked in parallel (default: cores)",
        ),
    ] = None,
    scheduler: Scheduler = None,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
) -> int:
    """Check English copy: names, titles, dates and house style."""
    return run(SimpleNamespace(**locals()))


def codes(values: Sequence[str] | None) -> tuple[str, ...] | None:
    """Codes given as repeated and comma-separated options."""
    if values is None:
        return None
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


def run(args: SimpleNamespace) -> int:
    """The check the options ask for: the settings in force (`--show-settings`), the
    annotated Word story (`--annotate`), then the report or the fixes."""
    from checker.cache import GlossaryCache
    from checker.config import ConfigFinder
    from checker.dates import date_option

    _check_option_combinations(args)
    command_line = _command_line_settings(args)
    story_date = date_option(args.date)
    finder = ConfigFinder(args.config)
    plan = _plan(args, command_line, finder)
    if args.show_settings:
        return _show_settings(args, plan, command_line, finder, story_date)
    cache = GlossaryCache(args.cache_dir, enabled=not args.no_cache)
    checkers = _checkers(plan, cache, story_date, args.headlines)
    if args.annotate is not None:
        _annotate(args, plan, checkers)
    focus = _entry_focus(args.entry, checkers) if args.entry is not None else None
    return _report(args, plan, checkers, focus)


def _check_option_combinations(args: SimpleNamespace) -> None:
    """Refuse the options that contradict one another."""
    reading_stdin = STDIN in args.paths
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes applies fixes: use it with --fix or --diff")
    if reading_stdin and (args.fix or args.diff):
        raise UsageError("--fix and --diff change files, not standard input")
    if args.stdin_filename and not reading_stdin:
        raise UsageError("--stdin-filename names standard input: give - as a PATH")


def _command_line_settings(args: SimpleNamespace) -> Settings:
    """What the command line sets of the configuration (None: not set there)."""
    from checker.config import Settings

    return Settings(
        glossaries=tuple(args.glossary) if args.glossary else None,
        bundled=False if args.no_bundled else None,
        style=args.style,
        select=codes(args.select),
        ignore=codes(args.ignore),
        fail_on=_severity_option(args.fail_on),
    )


def _show_settings(
    args: SimpleNamespace,
    plan: list[tuple[str, Settings]],
    command_line: Settings,
    finder: ConfigFinder,
    story_date: dt.date | None,
) -> int:
    """`--show-settings`: the settings in force for the first file, and where each comes from."""
    from checker.commands.settings import show_settings

    first = plan[0][0] if plan else STDIN
    config = finder.for_file(_config_anchor(first, args.stdin_filename))
    sys.stdout.write(show_settings(command_line, config, story_date, args))
    return EXIT_CLEAN


def _annotate(
    args: SimpleNamespace, plan: list[tuple[str, Settings]], checkers: dict[Path | None, Checker]
) -> None:
    """`--annotate`: the one Word story written back with its findings and fixes."""
    from checker.annotate_docx import annotate_file

    if len(plan) != 1:
        raise UsageError("--annotate writes one Word file: give one .docx story")
    story, settings = plan[0]
    annotate_file(checkers[settings.path], story, args.annotate, args.encoding)


def _entry_focus(entry: str, checkers: dict[Path | None, Checker]) -> EntryFocus:
    """`--entry`: only the findings that involve this glossary entry."""
    from checker.select import EntryFocus

    first_checker = next(iter(checkers.values()), None)
    if first_checker is None:
        raise UsageError("--entry: no file to check")
    return EntryFocus(first_checker.index, entry)


def _plan(
    args: SimpleNamespace, command_line: Settings, finder: ConfigFinder
) -> list[tuple[str, Settings]]:
    from checker.discover import discover
    from checker.select import ChangedSince, ModifiedSince
    from checker.select import select as select_files

    chosen = select_files(
        discover(args.paths),
        ChangedSince(args.changed_since) if args.changed_since else None,
        ModifiedSince.parse(args.since) if args.since else None,
    )
    return [
        (path, command_line.over(finder.for_file(_config_anchor(path, args.stdin_filename))))
        for path in chosen
    ]


def _config_anchor(path: str, stdin_filename: str | None) -> str:
    """The path whose folder's configuration governs `path` (standard input: its name)."""
    return stdin_filename if path == STDIN and stdin_filename else path


def _checkers(
    plan: Sequence[tuple[str, Settings]],
    cache: GlossaryCache,
    story_date: dt.date | None,
    headlines: Sequence[str] | None,
) -> dict[Path | None, Checker]:
    from checker.engine import Checker
    from checker.glossary.loader import run_glossaries
    from checker.style import load_style

    pairs: list[HeadlinePair] = []
    if headlines:
        from checker.headline.pair_files import read_pair_files

        pairs = [p for f in read_pair_files(headlines) for p in f.pairs]
    checkers: dict[Path | None, Checker] = {}
    for _, settings in plan:
        if settings.path not in checkers:
            compiled = cache.load(run_glossaries(settings.glossaries, settings.uses_bundled))
            checker = Checker(
                compiled.glossary,
                load_style(settings.style),
                settings.selection(),
                story_date,
                index=compiled.index,
            )
            if pairs:
                checker.document_checks = (_quoted_headlines(checker, pairs),)
            checkers[settings.path] = checker
    return checkers


def _quoted_headlines(checker: Checker, pairs: list[HeadlinePair]) -> DocumentCheck:
    from checker.headline.check import HeadlineChecker
    from checker.headline.quoted import QuotedHeadlines

    headline_checker = HeadlineChecker(
        checker.glossary,
        checker.style,
        date=checker.date,
        selection=checker.selection,
        index=checker.index,
    )
    return QuotedHeadlines(headline_checker, pairs).check


def _report(
    args: SimpleNamespace,
    plan: list[tuple[str, Settings]],
    checkers: dict[Path | None, Checker],
    focus: EntryFocus | None,
) -> int:
    """The report of the run (with --diff: the fixes as a diff), then its exit code."""
    from checker.output import open_output
    from checker.progress import progress_wanted

    batch = _Batch(
        args.jobs,
        args.scheduler,
        focus,
        progress_wanted(args.quiet, args.output is None),
        len(plan),
        args.stdin_filename,
    )
    fixing = args.fix or args.diff
    run = _Run(
        plan, checkers, args.encoding, fixing, args.unsafe_fixes, write=not args.diff, batch=batch
    )
    with open_output(args.output) as out:
        if args.diff:
            from checker.fix_file import diff_text

            for fixed in run.fixed_files():
                out.write(diff_text(fixed))
        else:
            REPORTERS[args.output_format](run.results(), out)
    _say_how_it_went(args, run, files=len(plan))
    return _exit_code(args, run)


def _say_how_it_went(args: SimpleNamespace, run: _Run, files: int) -> None:
    """The closing lines on standard error: errors, the batch summary, what was fixed,
    what was skipped."""
    fixing = args.fix or args.diff
    for error in run.errors:
        print(f"termcheck: error: {error}", file=sys.stderr)
    if files > 1 and not args.quiet and not fixing:
        print(run.summary.render(), file=sys.stderr)
    if fixing:
        verb = "would fix" if args.diff else "fixed"
        print(
            f"termcheck: {verb} {run.applied} finding{'s' if run.applied != 1 else ''} "
            f"in {run.changed} file{'s' if run.changed != 1 else ''}",
            file=sys.stderr,
        )
    skipped = run.summary.skipped_line()
    if skipped and files > 1:
        print(skipped, file=sys.stderr)


def _exit_code(args: SimpleNamespace, run: _Run) -> int:
    """2 on an error; with --diff, 1 when a fix would change a file; else 1 when a finding
    is at or above the threshold."""
    if run.errors:
        return EXIT_ERROR
    if args.diff:
        return EXIT_FINDINGS if run.changed else EXIT_CLEAN
    return EXIT_FINDINGS if run.failing else EXIT_CLEAN


@dataclass(frozen=True)
class _Batch:
    """How the files of a `check` run are spread: jobs or a cluster, and what is shown."""

    jobs: int | None
    scheduler: str | None
    focus: EntryFocus | None
    progress: bool
    total: int
    stdin_filename: str | None = None


def _severity_option(word: str | None) -> Severity | None:
    from checker.model import Severity

    if word is None:
        return None
    try:
        return Severity.parse(word)
    except ValueError as exc:
        raise UsageError(f"--fail-on: {exc}") from None


class _Run:
    """One `check` over its files, streaming results to a reporter; it counts as it goes
    what the exit code and the closing line need, and says once in the report when a
    story's date is past what the glossaries know."""

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
        from checker.batch import BatchSummary

        self.batch = batch
        self.summary: BatchSummary = BatchSummary()
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
        self.knowledge_said = False

    def fixed_files(self) -> Iterator[FixedFile]:
        from checker.fix_file import fix_path

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
                from checker.batch import FileError

                self.errors.append(exc)
                self.summary.add(FileError(path, str(exc)))
                continue
            self.applied += fixed.applied
            self.changed += fixed.changed
            self._count(fixed.result, settings)
            yield replace(fixed, result=self._noted(fixed.result, settings))

    def results(self) -> Iterator[Result]:
        if self.fixing:
            yield from (fixed.result for fixed in self.fixed_files())
            return
        from checker.batch import BatchRun, FileError
        from checker.engine import Result
        from checker.progress import with_progress

        order = list(self.checkers)
        settings_of = {}
        tasks = []
        for path, settings in self.plan:
            task = self._task(path, order.index(settings.path))
            settings_of[task.path] = settings
            tasks.append(task)
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
                    settings = settings_of[item.path]
                    self._count(item, settings)
                    yield self._noted(item, settings)

    def _task(self, path: str, checker: int) -> Task:
        from checker.batch import Task

        if path != STDIN:
            return Task(path, path, checker)
        from checker.source import decode

        name = self.batch.stdin_filename or "<stdin>"
        return Task(name, STDIN, checker, decode(sys.stdin.buffer.read(), name, self.encoding))

    def _count(self, result: Result, settings: Settings) -> None:
        self.failing |= any(f.severity >= settings.threshold for f in result.findings)

    def _noted(self, result: Result, settings: Settings) -> Result:
        """The result, with the note that its date is past the glossaries' knowledge
        date on the first file where that is so."""
        if self.knowledge_said:
            return result
        known = self.checkers[settings.path].glossary.knowledge_dates
        if not known or result.date <= min(known):
            return result
        self.knowledge_said = True
        note = (
            f"the story date {result.date.isoformat()} is past the glossaries' knowledge date "
            f"{min(known).isoformat()}: titles are not checked against changes after it"
        )
        return replace(result, warnings=(*result.warnings, note))
