"""What one pair's checks need, worked out once for all headline rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

# Types only: the rule registry imports the headline rules, which name this class, and
# must not load the metrics (sacrebleu, sentencepiece) or the alignment at import.
if TYPE_CHECKING:
    from checker.headline.alignment import TermAlignment
    from checker.headline.metrics import PairScores
    from checker.headline.numbers import NumberComparison
    from checker.headline.pairs import HeadlinePair
    from checker.headline.source_terms import SourceTerm
    from checker.match.index import TermIndex

SOURCE = "source"
TRANSLATION = "translation"
NOTE = "note"  # the pair's note in its file, where its suppression directives are


@dataclass(frozen=True)
class PairAnalysis:
    pair: HeadlinePair
    index: TermIndex  # the glossary's
    terms: tuple[SourceTerm, ...]
    alignment: TermAlignment
    numbers: NumberComparison
    leftovers: tuple[tuple[int, int], ...]  # CJK runs in the translation
    scores: PairScores
    chrf_threshold: float
    chrf_signature: str | None  # of the pair's chrF, when it has references
    partial: dict[int, float]  # missing term index → share of its subword pieces found

    def field_text(self, field: str) -> str:
        if field == NOTE:
            return self.pair.note
        return self.pair.source if field == SOURCE else self.pair.translation
