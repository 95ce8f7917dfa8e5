"""`termcheck headlines FILE...`: source headlines against their English translations."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Annotated

import typer

from checker.commands.options import BATCH, CacheDir, NoCache, Scheduler
from checker.commands.usage import choice, command, integer, number
from checker.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError

if TYPE_CHECKING:
    from checker.config import Settings

# text, json and html are the headline report (with scores; html shows each pair's fields
# side by side); the others are the copy checks' reporters, with each finding at its line
# and column in the pair file.
FORMATS = ("text", "json", "html", "concise", "jsonl", "sarif", "junit", "github")

DESCRIPTION = """Check headline translations: glossary terms, names, numbers and leftover CJK
in the English, with chrF, BLEU, TER and term scores.

FILE is a pair file: TSV, CSV, JSON Lines, XLIFF 1.2/2.x or TMX. The text and json reports
show every pair with its scores, html each flagged pair's source, translation and
references side by side with both ends of each finding highlighted; concise, jsonl, sarif,
junit and github place each finding at its line and column in the pair file.

Inline suppression: 'termcheck: ignore CODE[,CODE]' in a pair's note (a note or comment
column or key, an XLIFF or TMX <note>) silences those codes on that pair.

Configuration: termcheck.toml, or [tool.termcheck] in pyproject.toml, found by walking up
from the first FILE (or --config FILE): glossaries, bundled, style, select, ignore, fail-on,
severity, per-file-ignores and metrics, as for check; the command line wins over the file.

exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, configuration or input
error, or records left out."""

EXAMPLES = (
    "termcheck headlines samples/headlines/kanai-liu.tsv --date 2025-11-18",
    "termcheck headlines pairs.xlf -g desk.yaml --format json -o report.json",
    "termcheck headlines memory.tmx --reference-lang en-GB --chrf-threshold 40",
    "termcheck headlines pairs.jsonl --spm-model mt.model --fail-on error",
    "termcheck headlines pairs.tsv --spm-corpus corpus.txt --style family-first",
    "termcheck headlines pairs.tsv --no-bundled -g desk.yaml",
    "termcheck headlines chapters.tsv --terms hkma-terms.tsv --metrics chrf++,bleu",
    "termcheck headlines pairs.tsv --select HL --ignore HL008 --format sarif -o pairs.sarif",
    "termcheck headlines big5-pairs.csv --encoding big5 --format concise",
    "termcheck headlines pairs.tsv --config desk/termcheck.toml --show-settings",
    "termcheck headlines chapters.jsonl --jobs 2      (or --scheduler local:2)",
)


def register(app: typer.Typer) -> None:
    command(
        app,
        "headlines",
        "Check headline translations against their Chinese or Japanese sources.",
        DESCRIPTION,
        EXAMPLES,
    )(headlines_command)


def headlines_command(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="pair files")],
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
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(FORMATS),
            help="report format: text, json, html, concise, jsonl, sarif, junit or github "
            "(default: text)",
        ),
    ] = "text",
    reference_lang: Annotated[
        str | None,
        typer.Option(
            "--reference-lang",
            metavar="LANG",
            help="TMX: the language of the reference variants (en-GB); the translation is "
            "the first other English variant",
        ),
    ] = None,
    spm_model: Annotated[
        str | None,
        typer.Option(
            "--spm-model",
            metavar="FILE",
            help="a sentencepiece model to use instead of training one",
        ),
    ] = None,
    spm_corpus: Annotated[
        list[str] | None,
        typer.Option(
            "--spm-corpus",
            metavar="FILE",
            help="text or pair files to train the sentencepiece model on (repeatable; "
            "default: the bundled headline samples)",
        ),
    ] = None,
    chrf_threshold: Annotated[
        float | None,
        typer.Option(
            "--chrf-threshold",
            metavar="SCORE",
            parser=number,
            help="chrF below which a translation is reported as far from its references "
            "(default: 30)",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="the date titles are checked on (default: today)",
        ),
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(
            "--style",
            metavar="NAME|FILE",
            help="house-style profile for the copy checks: a bundled name or a YAML file",
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="SEVERITY",
            help="info, warning or error: the lowest severity that makes the exit code 1 "
            "(default: the configuration's, else warning)",
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="configuration file (default: termcheck.toml, or pyproject.toml with "
            "[tool.termcheck], found by walking up from the first FILE)",
        ),
    ] = None,
    show_settings: Annotated[
        bool,
        typer.Option(
            "--show-settings",
            help="print the configuration, glossaries, style and metrics in force and where "
            "each comes from, then exit",
        ),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", metavar="FILE", help="write the report to this file"),
    ] = None,
    metrics: Annotated[
        str | None,
        typer.Option(
            "--metrics",
            metavar="NAMES",
            help="the scores to compute, e.g. chrf,chrf++,bleu,ter (default: the "
            "configuration's, else all)",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="only these codes or prefixes (HL001,TM); repeatable",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            metavar="CODES",
            help="skip these codes or prefixes (HL008); repeatable",
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="NAME",
            help="encoding of TSV, CSV and JSON Lines pair files (default: detected; XLIFF "
            "and TMX declare their own)",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "-j",
            "--jobs",
            metavar="N",
            parser=integer,
            rich_help_panel=BATCH,
            help="pairs checked in parallel by N processes (default: 1); the report is the same",
        ),
    ] = None,
    scheduler: Scheduler = None,
    terms: Annotated[
        str | None,
        typer.Option(
            "--terms",
            metavar="FILE",
            help="a term dictionary for every pair without terms of its own: JSON, TSV, CSV or TBX",
        ),
    ] = None,
    cache_dir: CacheDir = None,
    no_cache: NoCache = False,
) -> int:
    """Check headline translations: glossary terms, names, numbers and leftover CJK in
    the English, with chrF, BLEU, TER and term scores."""
    return run(SimpleNamespace(**locals()))


def run(args: SimpleNamespace) -> int:
    from checker.cache import GlossaryCache
    from checker.dates import date_option
    from checker.glossary.loader import run_glossaries
    from checker.headline.check import DEFAULT_CHRF_THRESHOLD, HeadlineChecker
    from checker.headline.dictionary import read_dictionary, with_dictionary
    from checker.headline.pair_files import read_pair_files
    from checker.headline.pair_work import check_pair_files
    from checker.headline.placed import placed_results
    from checker.headline.report import HEADLINE_WRITERS
    from checker.headline.subword import subword_model
    from checker.output import open_output
    from checker.reporters import REPORTERS
    from checker.style import load_style

    if args.spm_model and args.spm_corpus:
        raise UsageError("--spm-model and --spm-corpus do not go together")
    command_line = _command_line(args)
    config = _configuration(args.files, args.config)
    settings = command_line.over(config)
    story_date = date_option(args.date)
    if args.show_settings:
        from checker.commands.settings import show_settings

        sys.stdout.write(show_settings(command_line, config, story_date, args, pairs=True))
        return EXIT_CLEAN
    pair_files = read_pair_files(args.files, args.reference_lang, args.encoding)
    if args.terms is not None:
        dictionary, skipped = read_dictionary(args.terms)
        pair_files = with_dictionary(pair_files, dictionary, args.terms, skipped)
    cache = GlossaryCache(args.cache_dir, enabled=not args.no_cache)
    model_cache = None if args.no_cache else cache.directory  # the trained subword model
    compiled = cache.load(run_glossaries(settings.glossaries, settings.uses_bundled))
    checker = HeadlineChecker(
        compiled.glossary,
        load_style(settings.style),
        date=story_date,
        chrf_threshold=(
            DEFAULT_CHRF_THRESHOLD if args.chrf_threshold is None else args.chrf_threshold
        ),
        subword=subword_model(compiled.glossary, args.spm_model, args.spm_corpus, model_cache),
        selection=settings.selection(),
        index=compiled.index,
        metrics=settings.metrics,
    )
    report = check_pair_files(
        checker, pair_files, jobs=1 if args.jobs is None else args.jobs, scheduler=args.scheduler
    )
    with open_output(args.output) as out:
        if args.output_format in HEADLINE_WRITERS:
            HEADLINE_WRITERS[args.output_format](report, out)
        else:
            placed = placed_results(report, "--date" if args.date else "today")
            REPORTERS[args.output_format](placed, out)
    if any(f.skipped for f in report.files):
        return EXIT_ERROR  # records were left out: the report says which and why
    failing = any(f.severity >= settings.threshold for f in report.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _command_line(args: SimpleNamespace) -> Settings:
    """What the command line sets; what it leaves open (None) the configuration may."""
    from checker.commands.check import codes
    from checker.config import Settings
    from checker.headline.metrics import metric_names
    from checker.model import Severity

    try:
        fail_on = None if args.fail_on is None else Severity.parse(args.fail_on)
    except ValueError as exc:
        raise UsageError(f"--fail-on: {exc}") from None
    try:
        metrics = metric_names(args.metrics)
    except ValueError as exc:
        raise UsageError(f"--metrics: {exc}") from None
    return Settings(
        glossaries=tuple(args.glossary) if args.glossary else None,
        bundled=False if args.no_bundled else None,
        style=args.style,
        select=codes(args.select),
        ignore=codes(args.ignore),
        fail_on=fail_on,
        metrics=metrics,
    )


def _configuration(files: Sequence[str], explicit: str | None) -> Settings | None:
    """The one configuration of the run: --config, else the one that governs the pair
    files (found by walking up from each). Pair files under different configurations are
    refused: one run has one glossary and one set of scores."""
    from checker.config import ConfigFinder

    finder = ConfigFinder(explicit)
    found = {str(c.path) if c else None: c for c in (finder.for_file(f) for f in files)}
    if len(found) > 1:
        names = ", ".join(name or "none" for name in found)
        raise UsageError(
            f"the pair files are under different configurations ({names}): check them "
            "separately, or give --config"
        )
    return next(iter(found.values()), None)
