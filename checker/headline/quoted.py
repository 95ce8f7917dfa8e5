"""`termcheck check STORY --headlines PAIRS`: the headline checks on renderings quoted in a
story, reported at their place in the story.

Each quotation that renders a pair is checked as that pair's translation, with the
pair's own English as references. Findings in the quotation are placed on its words;
findings about the source headline (a term the quotation does not render, a number
missing) on the whole quotation. The story's own copy checks already cover the quoted
words, so they are not run again. A quotation introduced as a headline that renders no
pair is reported (HL009).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from checker.document import Document, Segment, SegmentKind
from checker.engine import Result
from checker.headline.analysis import TRANSLATION
from checker.headline.check import HeadlineChecker
from checker.headline.pairs import HeadlinePair
from checker.headline.quotes import LINK_THRESHOLD, QuoteLink, find_quotes, link_quotes
from checker.headline.rules import UnlinkedQuote
from checker.model import Applicability, Edit, Finding, Fix, Span

_STORY_KINDS = (SegmentKind.HEADLINE, SegmentKind.BODY)


class QuotedHeadlines:
    """The pairs of `--headlines` files, checked against the quotations of each story."""

    def __init__(
        self,
        checker: HeadlineChecker,
        pairs: Sequence[HeadlinePair],
        threshold: float = LINK_THRESHOLD,
    ) -> None:
        self.checker = checker
        self.pairs = list(pairs)
        self.threshold = threshold

    def check(self, document: Document, result: Result) -> Result:
        """The story's result with the quoted headlines' findings merged in."""
        found: list[Finding] = []
        for segment in document.segments:
            if segment.kind not in _STORY_KINDS:
                continue
            quotes = find_quotes(segment.text)
            for link in link_quotes(quotes, self.pairs, self.checker.metrics, self.threshold):
                found.extend(self._findings(document, segment, link))
        if not found:
            return result
        taken = {(f.span.start, f.span.end) for f in found}
        kept = [f for f in result.findings if (f.span.start, f.span.end) not in taken]
        return dataclasses.replace(
            result, findings=tuple(sorted([*kept, *found], key=Finding.sort_key))
        )

    def _findings(self, document: Document, segment: Segment, link: QuoteLink) -> list[Finding]:
        quote = link.quote
        whole = segment.to_source(Span(quote.start, quote.end))
        if link.pair is None:
            return self._unlinked(document, segment, link, whole)
        pair = dataclasses.replace(
            link.pair,
            translation=quote.text,
            references=(link.pair.translation, *link.pair.references),
        )
        findings = []
        for finding in self.checker.check_pair(pair, copy_checks=False).findings:
            where = f"{link.pair.path}:{link.pair.line}" if link.pair.line else link.pair.path
            data = {**finding.data, "pairs_file": where, "field": finding.segment}
            if finding.segment == TRANSLATION:
                local = Span(quote.start + finding.span.start, quote.start + finding.span.end)
                span = segment.to_source(local)
                message = f"quoted headline: {finding.message}"
                fix = _moved(finding.fix, span, segment.is_literal(local))
            else:
                span, fix = whole, None
                message = f"quoted headline (source {link.pair.source!r}): {finding.message}"
            findings.append(
                dataclasses.replace(
                    finding,
                    path=document.path,
                    span=span,
                    message=message,
                    segment=segment.name_at(quote.start),
                    fix=fix,
                    data=data,
                )
            )
        return findings

    def _unlinked(
        self, document: Document, segment: Segment, link: QuoteLink, span: Span
    ) -> list[Finding]:
        selection = self.checker.selection
        if not link.quote.cue or not selection.enabled(UnlinkedQuote.code):
            return []
        closest = ""
        if link.closest is not None:
            closest = f" (closest: pair {link.closest.id}, chrF {link.score:.1f})"
        return [
            Finding(
                code=UnlinkedQuote.code,
                rule=UnlinkedQuote.name,
                severity=selection.severity(UnlinkedQuote),
                path=document.path,
                span=span,
                message=f"'{link.quote.text}' is quoted as a headline, but no source headline "
                f"in the pair files renders it{closest}",
                segment=segment.name_at(link.quote.start),
                data={"chrf": link.score, "threshold": self.threshold},
            )
        ]


def _moved(fix: Fix | None, span: Span, literal: bool) -> Fix | None:
    if fix is None:
        return None
    applicability = fix.applicability if literal else Applicability.DISPLAY_ONLY
    return Fix(fix.title, (Edit(span, fix.edits[0].replacement),), applicability)
