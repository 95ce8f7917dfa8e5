"""Run the headline checks and scores over pairs: one `PairResult` per pair, and a
`HeadlineReport` with the batch's corpus and term scores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checker.document import Document, Segment, SegmentKind
from checker.engine import Checker, Selection, run_rules, selected_rules
from checker.glossary.model import Glossary, Role
from checker.headline.alignment import align_terms
from checker.headline.analysis import NOTE, SOURCE, TRANSLATION, PairAnalysis
from checker.headline.language import cjk_runs
from checker.headline.lines import Line, LineResult, aligned_lines, merged
from checker.headline.metrics import CorpusScores, MetricSuite
from checker.headline.numbers import Number, compare_numbers, english_numbers, source_numbers
from checker.headline.pairs import HeadlinePair, PairFile
from checker.headline.rules import PairReporter, PairRule
from checker.headline.source_terms import (
    SourceTerm,
    approved_renderings,
    find_source_terms,
    pair_term_index,
)
from checker.headline.subword import SubwordModel
from checker.headline.term_scores import (
    TermTally,
    exact_matches,
    success,
    tokenize,
    tokenize_form,
)
from checker.headline.ties import ties_of
from checker.match.index import Match, TermIndex
from checker.model import Finding
from checker.source import SourceFile
from checker.style import StyleProfile
from checker.suppress import apply_note_directive

DEFAULT_CHRF_THRESHOLD = 30.0
_PARTIAL_ROLES = frozenset({Role.SHORT, Role.AMBIGUOUS})
_FIELD_ORDER = {SOURCE: 0, TRANSLATION: 1, NOTE: 2}


@dataclass(frozen=True)
class PairResult:
    pair: HeadlinePair
    analysis: PairAnalysis
    findings: tuple[Finding, ...]  # headline and copy findings, spans in their field
    terms: TermTally


@dataclass(frozen=True)
class HeadlineReport:
    files: tuple[PairFile, ...]
    results: tuple[PairResult, ...]
    corpus: CorpusScores
    terms: TermTally
    date: dt.date
    subword: SubwordModel | None = None

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]


class HeadlineChecker:
    """A glossary compiled once, the metric objects, the rules: ready to check pairs."""

    def __init__(
        self,
        glossary: Glossary,
        style: StyleProfile,
        *,
        date: dt.date | None = None,
        chrf_threshold: float = DEFAULT_CHRF_THRESHOLD,
        subword: SubwordModel | None = None,
        selection: Selection | None = None,
        index: TermIndex | None = None,
        metrics: Sequence[str] | None = None,
    ) -> None:
        self.index = index or TermIndex(glossary)
        self.selection = selection or Selection()
        self.copy = Checker(glossary, style, self.selection, date, index=self.index)
        self.date = date or dt.date.today()
        self.chrf_threshold = chrf_threshold
        self.subword = subword
        self.metrics = MetricSuite(subword, metrics)
        self.ties = ties_of(self.index)
        self.rules = selected_rules(self.selection, PairRule)

    def check_files(self, files: Sequence[PairFile]) -> HeadlineReport:
        return self.report(files, [self.check_pair(p) for f in files for p in f.pairs])

    def report(self, files: Sequence[PairFile], results: Sequence[PairResult]) -> HeadlineReport:
        corpus = self.metrics.corpus([r.analysis.scores for r in results])
        terms = sum((r.terms for r in results), TermTally())
        return HeadlineReport(tuple(files), tuple(results), corpus, terms, self.date, self.subword)

    def check_pair(self, pair: HeadlinePair, copy_checks: bool = True) -> PairResult:
        """The pair's findings: headline rules, and (with `copy_checks`) the copy rules run
        on its translation."""
        analysis = self.analyse(pair)
        disabled = self.selection.disabled_in(pair.path)
        found = list(
            run_rules(
                self.rules,
                analysis,
                lambda rule, severity, out: PairReporter(rule, analysis, severity, out),
                disabled,
            )
        )
        if copy_checks:
            found.extend(_without_duplicates(self._copy_findings(pair), found))
        if pair.note:
            found = apply_note_directive(
                pair.note,
                found,
                lambda code: code not in disabled,
                self.selection.severity,
                (pair.path, NOTE, {"pair": pair.id}),
            )
        found.sort(key=lambda f: (_FIELD_ORDER.get(f.segment or "", 2), *f.sort_key()[1:]))
        return PairResult(pair, analysis, tuple(found), self._tally(analysis))

    def analyse(self, pair: HeadlinePair) -> PairAnalysis:
        """The pair analysed whole, or line by line when its lines align (a document)."""
        own = pair_term_index(pair.terms, pair.source_lang) if pair.terms else None
        lines = aligned_lines(pair)
        if lines is None:
            line = Line(pair.source, pair.translation, pair.references, 0, 0)
            result = self._segment(line.source, line.translation, own, pair)
            terms, alignment = result.terms, result.alignment
            numbers, leftovers = result.numbers, result.leftovers
            scores = self.metrics.score(pair.translation, pair.references)
        else:
            results = [self._segment(x.source, x.translation, own, pair) for x in lines]
            terms, alignment, numbers, leftovers = merged(lines, results)
            aligned = [(x.translation, x.references) for x in lines if x.references]
            scores = self.metrics.score(
                pair.translation, pair.references, aligned if len(aligned) == len(lines) else ()
            )
        chrf = scores.nrefs and "chrf" in self.metrics.metrics
        return PairAnalysis(
            pair=pair,
            index=self.index,
            terms=tuple(terms),
            alignment=alignment,
            numbers=numbers,
            leftovers=tuple(leftovers),
            scores=scores,
            chrf_threshold=self.chrf_threshold,
            chrf_signature=self.metrics.signature("chrf", scores.nrefs) if chrf else None,
            partial=self._partial(pair, terms, alignment.missing()),
        )

    def _segment(
        self, source: str, translation: str, own: TermIndex | None, pair: HeadlinePair
    ) -> LineResult:
        """Terms, renderings and numbers of one segment (a pair, or a line of one); the
        pair's whole source ties generic titles to their country."""
        language = pair.source_lang
        found = find_source_terms(self.index, source)
        terms = self.ties.source_terms(source, found, pair.source)
        matches = {id(self.index): self.index.find_latin(translation)}
        if own is not None:
            terms = sorted(
                [*terms, *find_source_terms(own, source)], key=lambda t: (t.start, -t.end)
            )
            matches[id(own)] = own.find_latin(translation)
        alignment = align_terms(terms, source, translation, self.index, matches, language)
        numbers = compare_numbers(
            _outside(source_numbers(source), terms),
            _outside(english_numbers(translation), matches[id(self.index)]),
        )
        return LineResult(terms, alignment, numbers, cjk_runs(translation))

    def _partial(
        self, pair: HeadlinePair, terms: Sequence[SourceTerm], missing: Sequence[int]
    ) -> dict[int, float]:
        if self.subword is None or not missing:
            return {}
        pieces = self.subword.pieces(pair.translation)
        return {
            i: max(
                (
                    self.subword.coverage(f.text, pieces)
                    for f in approved_renderings(terms[i].entry)
                ),
                default=0.0,
            )
            for i in missing
        }

    def _copy_findings(self, pair: HeadlinePair) -> tuple[Finding, ...]:
        text = pair.translation
        segment = Segment.literal(SegmentKind.TARGET, text, 0, name=TRANSLATION)
        document = Document(SourceFile(pair.path, text), (segment,))
        return self.copy.check_document(document).findings

    def _tally(self, analysis: PairAnalysis) -> TermTally:
        """The pair's counts for the term scores. A term's renderings are its full approved
        forms: short and shared ones ("Kanai", "Liu") are left out, as a surface match
        cannot tell whom they name. The success rate is over the pair's own dictionary
        when it has one (as WMT25 scores it), else over the glossary terms found."""
        pair = analysis.pair
        forms = [
            [f.text for f in approved_renderings(t.entry) if f.role not in _PARTIAL_ROLES]
            for t in analysis.terms
        ]
        hypothesis = tokenize(pair.translation)
        instances = [[tokenize_form(f) for f in group] for group in forms]
        scored: list[tuple[str, Sequence[str]]]
        if pair.terms:
            # The pair's own dictionary, whole: the WMT25 track-2 rate is defined on it.
            scored = [(t.source, t.targets) for t in pair.terms]
        else:
            dictionary: dict[str, list[str]] = {}
            for term, group in zip(analysis.terms, forms, strict=True):
                known = dictionary.setdefault(term.surface, [])
                known.extend(f for f in group if f not in known)
            scored = list(dictionary.items())
        total, valid = success(pair.source, pair.translation, pair.references, scored)
        return TermTally(len(instances), exact_matches(hypothesis, instances), total, valid)


def _outside(numbers: Iterable[Number], names: Iterable[SourceTerm | Match]) -> list[Number]:
    """Numbers that are not part of a glossary name (二十国集团, G20)."""
    spans = [(n.start, n.end) for n in names]
    return [n for n in numbers if not any(s < n.end and n.start < e for s, e in spans)]


def _without_duplicates(copy: Iterable[Finding], headline: Sequence[Finding]) -> list[Finding]:
    """Copy findings, less those at a span a headline finding already reports."""
    taken = {(f.span.start, f.span.end) for f in headline if f.segment == TRANSLATION}
    return [f for f in copy if (f.span.start, f.span.end) not in taken]
