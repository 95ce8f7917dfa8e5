"""`termcheck headlines FILE...`: source headlines against their English translations."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.cache import GlossaryCache
from checker.dates import date_option
from checker.errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError
from checker.headline.check import DEFAULT_CHRF_THRESHOLD, HeadlineChecker
from checker.headline.dictionary import read_dictionary, with_dictionary
from checker.headline.metrics import metric_names
from checker.headline.pair_files import read_pair_files
from checker.headline.report import write_json, write_text
from checker.headline.subword import cache_dir, subword_model
from checker.model import Severity
from checker.output import open_output
from checker.style import load_style

FORMATS = {"text": write_text, "json": write_json}


def headlines_command(
    files: Annotated[
        list[str],
        typer.Argument(help="Pair files: TSV, CSV, JSON Lines, XLIFF 1.2/2.x or TMX."),
    ],
    glossary: Annotated[
        list[str] | None,
        typer.Option(
            "--glossary",
            "-g",
            help="Glossary file or folder (repeatable); default: the bundled glossaries.",
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="Report format: text or json.")] = (
        "text"
    ),
    reference_lang: Annotated[
        str | None,
        typer.Option(
            help="TMX: the language of the reference variants (e.g. en-GB); the translation "
            "is the first other English variant."
        ),
    ] = None,
    spm_model: Annotated[
        str | None,
        typer.Option(help="A sentencepiece model file to use instead of training one."),
    ] = None,
    spm_corpus: Annotated[
        list[str] | None,
        typer.Option(
            help="Text or pair files to train the sentencepiece model on (repeatable); "
            "default: the bundled headline samples."
        ),
    ] = None,
    chrf_threshold: Annotated[
        float,
        typer.Option(help="chrF below which a translation is reported as far from its references."),
    ] = DEFAULT_CHRF_THRESHOLD,
    date: Annotated[
        str | None,
        typer.Option(help="The date titles are checked on, YYYY-MM-DD (default: today)."),
    ] = None,
    style: Annotated[
        str | None,
        typer.Option(
            help="House-style profile for the copy checks: a bundled name or a YAML file."
        ),
    ] = None,
    fail_on: Annotated[
        str, typer.Option(help="Lowest severity that makes the exit code 1.")
    ] = "warning",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    metrics: Annotated[
        str | None,
        typer.Option(help="The scores to compute, e.g. chrf,chrf++,bleu,ter (default: all)."),
    ] = None,
    terms: Annotated[
        str | None,
        typer.Option(
            help="A term dictionary for every pair without terms of its own: JSON, TSV, CSV or TBX."
        ),
    ] = None,
) -> None:
    """Check headline translations: glossary terms, names, numbers and leftover CJK in
    the English, with chrF, BLEU, TER and term scores."""
    writer = FORMATS.get(output_format)
    if writer is None:
        raise UsageError(f"unknown --format {output_format!r} (use text or json)")
    try:
        threshold = Severity.parse(fail_on)
    except ValueError as exc:
        raise UsageError(f"--fail-on: {exc}") from None
    if spm_model and spm_corpus:
        raise UsageError("--spm-model and --spm-corpus do not go together")
    try:
        chosen = metric_names(metrics)
    except ValueError as exc:
        raise UsageError(f"--metrics: {exc}") from None
    story_date = date_option(date)
    pair_files = read_pair_files(files, reference_lang)
    if terms is not None:
        dictionary, skipped = read_dictionary(terms)
        pair_files = with_dictionary(pair_files, dictionary, terms, skipped)
    compiled = GlossaryCache().load(glossary)
    checker = HeadlineChecker(
        compiled.glossary,
        load_style(style),
        date=story_date,
        chrf_threshold=chrf_threshold,
        subword=subword_model(compiled.glossary, spm_model, spm_corpus, cache_dir()),
        index=compiled.index,
        metrics=chosen,
    )
    report = checker.check_files(pair_files)
    with open_output(output) as out:
        writer(report, out)
    if any(f.skipped for f in report.files):
        raise typer.Exit(EXIT_ERROR)  # records were left out: said in the report
    failing = any(f.severity >= threshold for f in report.findings)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)
