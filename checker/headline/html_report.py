"""The headline report as one self-contained HTML page (`headlines --format html`).

Each pair with a finding shows its source, translation, references and note side by side.
Every finding is highlighted in the field it is in and, when it is about a term or a
number of the source (a wrong, miscased or mistranslated rendering, a changed number), at
that term in the source too: both highlights lead to the same card. The corpus scores and
the records left out head the page. The page shell, styles and script are the HTML
reporter's (`checker.reporters.html`); all text is escaped by the HTML builder.
"""

from __future__ import annotations

from typing import TextIO

from lxml.html import HtmlElement
from lxml.html import builder as E

from checker.document import Segment, SegmentKind
from checker.headline.analysis import NOTE, SOURCE, TRANSLATION
from checker.headline.check import HeadlineReport, PairResult
from checker.headline.metrics import SCORE_LABELS, SCORE_NAMES
from checker.model import Finding, Span
from checker.printable import printable
from checker.reporters.common import xml_text
from checker.reporters.html import card, highlighted, page
from checker.source import LineIndex

_KINDS = {SOURCE: SegmentKind.SOURCE, TRANSLATION: SegmentKind.TARGET, NOTE: SegmentKind.BODY}


def write_html(report: HeadlineReport, out: TextIO) -> None:
    flagged = [(n, r) for n, r in enumerate(report.results, start=1) if r.findings]
    pairs = len(report.results)
    files = len(report.files)
    checked = f"{_plural(pairs, 'pair')} in {_plural(files, 'file')} checked"
    title = "termcheck headline report" + (
        f" — {printable(report.files[0].path)}" if files == 1 else ""
    )
    sections = [_corpus(report, pairs - len(flagged)), *(_pair(n, r) for n, r in flagged)]
    page(out, title, checked, report.findings, sections)


def _corpus(report: HeadlineReport, clean: int) -> HtmlElement:
    """The batch's scores, the records left out, and how many pairs are not shown."""
    rows = [
        E.TR(
            E.TD(SCORE_LABELS[name]),
            E.TD(f"{value:.2f}"),
            E.TD(E.CODE(xml_text(report.corpus.signatures[name]))),
        )
        for name in SCORE_NAMES
        if (value := report.corpus.values.get(name)) is not None
    ]
    terms = report.terms
    if terms.success_rate is not None:
        rows.append(E.TR(E.TD("term success rate"), E.TD(f"{terms.success_rate:.3f}"), E.TD()))
    parts: list[object] = [E.H2("Batch")]
    if rows:
        parts.append(E.TABLE(*rows))
    notes = [
        f"{k.path or f.path}" + (f":{k.line}" if k.line is not None else "") + f": {k.message}"
        for f in report.files
        for k in f.skipped
    ] + [f"{f.path}: {w}" for f in report.files for w in f.warnings]
    if notes:
        parts.append(E.UL(*(E.LI(xml_text(printable(n))) for n in notes), E.CLASS("warnings")))
    if clean:
        parts.append(E.P(f"{_plural(clean, 'pair')} without a finding, not shown."))
    return E.SECTION(*parts, E.CLASS("corpus"))


def _pair(number: int, result: PairResult) -> HtmlElement:
    pair = result.pair
    cards = {f"p{number}-{i}": finding for i, finding in enumerate(result.findings, start=1)}
    spans: dict[str, list[tuple[Span, str]]] = {SOURCE: [], TRANSLATION: [], NOTE: []}
    for card_id, finding in cards.items():
        field = finding.segment or TRANSLATION
        spans[field].append((finding.span, card_id))
        counterpart = _source_span(finding)
        if field != SOURCE and counterpart is not None:
            spans[SOURCE].append((counterpart, card_id))
    columns = [
        _side(
            f"Source ({pair.source_lang or 'unknown language'})", SOURCE, pair.source, spans, cards
        ),
        _side("Translation", TRANSLATION, pair.translation, spans, cards),
        *(
            _side(
                f"Reference {i}" if len(pair.references) > 1 else "Reference",
                None,
                text,
                spans,
                cards,
            )
            for i, text in enumerate(pair.references, start=1)
        ),
    ]
    if pair.note:
        columns.append(_side("Note", NOTE, pair.note, spans, cards))
    where = f"{pair.path}:{pair.line}" if pair.line else pair.path
    state = f", {pair.state}" if pair.state else ""
    header = [E.H2(xml_text(printable(f"{where} · pair {pair.id}{state}")))]
    scores = result.analysis.scores
    if scores.nrefs:
        shown = " · ".join(
            f"{SCORE_LABELS[n]} {value:.1f}"
            for n in SCORE_NAMES
            if (value := scores.get(n)) is not None
        )
        header.append(E.P(f"{shown} ({_plural(scores.nrefs, 'reference')})", E.CLASS("scores")))
    listed = [
        card(finding, card_id, _covered(result, finding), _where(result, finding))
        for card_id, finding in cards.items()
    ]
    return E.E.article(
        E.HEADER(*header),
        E.DIV(
            E.DIV(*columns, E.CLASS("sides")),
            E.ASIDE(E.OL(*listed), E.CLASS("findings")),
            E.CLASS("layout"),
        ),
        E.CLASS("file pair"),
        id=f"pair-{number}",
    )


def _side(
    title: str,
    field: str | None,
    text: str,
    spans: dict[str, list[tuple[Span, str]]],
    cards: dict[str, Finding],
) -> HtmlElement:
    """One field of the pair, its findings highlighted (a reference has none)."""
    kind = _KINDS.get(field or "", SegmentKind.REFERENCE)
    segment = Segment.literal(kind, text, 0, name=field)
    marks = spans.get(field or "", [])
    return E.DIV(E.H3(title), *highlighted(segment, marks, cards), E.CLASS("story"))


def _source_span(finding: Finding) -> Span | None:
    start, end = finding.data.get("source_start"), finding.data.get("source_end")
    if isinstance(start, int) and isinstance(end, int):
        return Span(start, end)
    return None


def _covered(result: PairResult, finding: Finding) -> str:
    text = result.analysis.field_text(finding.segment or TRANSLATION)
    return text[finding.span.start : finding.span.end]


def _where(result: PairResult, finding: Finding) -> str:
    field = finding.segment or TRANSLATION
    line, column = LineIndex(result.analysis.field_text(field)).line_col(finding.span.start)
    return f"{field} {line}:{column}"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
