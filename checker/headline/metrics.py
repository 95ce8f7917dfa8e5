"""sacrebleu scores of translations against their references, per pair and per batch.

Per pair: chrF, chrF++, sentence BLEU (effective order), TER and, with a sentencepiece
model, BLEU over its subword pieces (a local "spBLEU", not comparable with published
FLORES spBLEU). Per batch: the corpus scores of the same metrics, with their signatures.

The metric objects are built once. Each pair's sufficient statistics are computed once,
by the metric itself (`_extract_corpus_statistics`, the step `corpus_score` and
`sentence_score` both run), and the corpus score is sacrebleu's own aggregation of those
statistics: the same numbers as `corpus_score` on the same lists, without scoring every
segment a second time. Pairs without a reference take no part in the scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric
from sacrebleu.tokenizers.tokenizer_base import BaseTokenizer

from checker.headline.subword import SubwordModel

SCORE_NAMES = ("chrf", "chrf_pp", "bleu", "ter", "spbleu")


@dataclass(frozen=True)
class PairScores:
    """Sentence scores (0–100) of one translation; None without references."""

    values: dict[str, float | None]
    nrefs: int
    stats: dict[str, list[Any]] = field(repr=False, compare=False)

    def get(self, name: str) -> float | None:
        return self.values.get(name)


@dataclass(frozen=True)
class CorpusScores:
    values: dict[str, float | None]  # corpus scores, 0–100
    signatures: dict[str, str]
    sentence_signatures: dict[str, str]
    pairs_scored: int


class _SubwordTokenizer(BaseTokenizer):
    """sacrebleu tokenization by a local sentencepiece model."""

    def __init__(self, model: SubwordModel) -> None:
        self.model = model

    def signature(self) -> str:
        return self.model.signature

    def __call__(self, line: str) -> str:
        return " ".join(self.model.pieces(line))


def _subword_bleu(model: SubwordModel, effective_order: bool) -> BLEU:
    bleu = BLEU(tokenize="none", effective_order=effective_order)
    bleu.tokenizer = _SubwordTokenizer(model)
    bleu.tokenizer_signature = model.signature
    return bleu


class MetricSuite:
    """The metric objects of one run."""

    def __init__(self, subword: SubwordModel | None = None) -> None:
        # name → (object whose statistics and sentence score are used, corpus object)
        self.metrics: dict[str, tuple[Metric, Metric]] = {}
        chrf = CHRF()
        chrf_pp = CHRF(word_order=2)
        ter = TER()
        self._char_order = chrf.char_order
        self.metrics["chrf_pp"] = (chrf_pp, chrf_pp)  # before chrF, which reuses its counts
        self.metrics["chrf"] = (chrf, chrf)
        self.metrics["bleu"] = (BLEU(effective_order=True), BLEU())
        self.metrics["ter"] = (ter, ter)
        if subword is not None:
            self.metrics["spbleu"] = (
                _subword_bleu(subword, effective_order=True),
                _subword_bleu(subword, effective_order=False),
            )

    def score(self, hypothesis: str, references: Sequence[str]) -> PairScores:
        if not references:
            return PairScores({name: None for name in self.metrics}, 0, {})
        values: dict[str, float | None] = {}
        stats: dict[str, list[Any]] = {}
        streams = [[r] for r in references]
        for name, (sentence, _) in self.metrics.items():
            if name == "chrf" and len(references) == 1:
                # chrF++'s statistics begin with chrF's character n-gram counts (with several
                # references each metric picks its own best one, so this is for one only).
                stats[name] = stats["chrf_pp"][: 3 * self._char_order]
            else:
                stats[name] = sentence._extract_corpus_statistics([hypothesis], streams)[0]
            values[name] = float(sentence._compute_score_from_stats(stats[name]).score)
        return PairScores(values, len(references), stats)

    def chrf(self, hypothesis: str, references: Sequence[str]) -> float:
        """Sentence chrF alone (to rank candidate references or sources)."""
        return float(self.metrics["chrf"][0].sentence_score(hypothesis, list(references)).score)

    def corpus(self, scored: Sequence[PairScores]) -> CorpusScores:
        with_refs = [s for s in scored if s.nrefs]
        counts = {s.nrefs for s in with_refs}
        nrefs: int | str = counts.pop() if len(counts) == 1 else "var"
        values: dict[str, float | None] = {}
        signatures: dict[str, str] = {}
        sentence_signatures: dict[str, str] = {}
        for name, (sentence, corpus) in self.metrics.items():
            if not with_refs:
                values[name] = None
                continue
            values[name] = float(
                corpus._aggregate_and_compute([s.stats[name] for s in with_refs]).score
            )
            signatures[name] = _signature(corpus, nrefs)
            sentence_signatures[name] = _signature(sentence, nrefs)
        return CorpusScores(values, signatures, sentence_signatures, len(with_refs))

    def signature(self, name: str, nrefs: int) -> str:
        return _signature(self.metrics[name][0], nrefs)


def _signature(metric: Metric, nrefs: int | str) -> str:
    """The metric's signature for a count of references (an int, or "var")."""
    metric.num_refs = nrefs if isinstance(nrefs, int) else -1
    return str(metric.get_signature())
