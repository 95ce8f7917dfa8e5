"""sacrebleu scores of translations against their references, per pair and per batch.

Per pair: chrF, chrF++, sentence BLEU (effective order), TER and, with a sentencepiece
model, BLEU over its subword pieces (a local "spBLEU", not comparable with published
FLORES spBLEU). Per batch: the corpus scores of the same metrics, with their signatures.

The metric objects are built once. Each pair's sufficient statistics are computed once,
by the metric itself (`_extract_corpus_statistics`, the step `corpus_score` and
`sentence_score` both run), and the corpus score is sacrebleu's own aggregation of those
statistics: the same numbers as `corpus_score` on the same lists, without scoring every
segment a second time. Pairs without a reference take no part in the scores.

No metric is quadratic or worse in a segment's length without a bound. BLEU and chrF are
linear and always score the whole pair (a document is one segment, as the WMT scorers
score it). TER's shift search is not (a 600-word segment takes minutes): a pair longer
than `TER_WORD_LIMIT` words on either side is scored per aligned line when its lines
align and each is within the limit (its TER statistics are the sum of its lines'), and
is otherwise left out of TER. Both are said in the TER signature's notes and in the
pair's `notes`. `names` chooses the metrics (`--metrics chrf,bleu,ter`).
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
SCORE_LABELS = {
    "chrf": "chrF",
    "chrf_pp": "chrF++",
    "bleu": "BLEU",
    "ter": "TER",
    "spbleu": "spBLEU",
}
ALIASES = {"chrf++": "chrf_pp", "chrf2++": "chrf_pp", "spbleu": "spbleu"}
TER_WORD_LIMIT = 100  # words of one segment (hypothesis or a reference) TER scores whole
PER_LINE = "per-line"
LEFT_OUT = "left-out"


def metric_names(spec: str | None) -> tuple[str, ...] | None:
    """`chrf,bleu,ter` → the metric names, in the report's order; None for all."""
    if spec is None:
        return None
    wanted = []
    for part in spec.split(","):
        key = part.strip().lower()
        name = ALIASES.get(key, key)
        if name not in SCORE_NAMES:
            raise ValueError(
                f"unknown metric {part.strip()!r} (choose from chrf, chrf++, bleu, ter, spbleu)"
            )
        wanted.append(name)
    return tuple(n for n in SCORE_NAMES if n in wanted)


@dataclass(frozen=True)
class PairScores:
    """Sentence scores (0–100) of one translation; None without references."""

    values: dict[str, float | None]
    nrefs: int
    stats: dict[str, list[Any]] = field(repr=False, compare=False)
    notes: dict[str, str] = field(default_factory=dict)  # metric → PER_LINE or LEFT_OUT

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

    def __init__(
        self,
        subword: SubwordModel | None = None,
        names: Sequence[str] | None = None,
        ter_limit: int = TER_WORD_LIMIT,
    ) -> None:
        # name → (object whose statistics and sentence score are used, corpus object)
        self.metrics: dict[str, tuple[Metric, Metric]] = {}
        wanted = set(SCORE_NAMES if names is None else names)
        chrf = CHRF()
        self._char_order = chrf.char_order
        self.ter_limit = ter_limit
        if "chrf_pp" in wanted or "chrf" in wanted:
            chrf_pp = CHRF(word_order=2)  # before chrF, which reuses its counts
            self.metrics["chrf_pp"] = (chrf_pp, chrf_pp)
        if "chrf" in wanted:
            self.metrics["chrf"] = (chrf, chrf)
        if "bleu" in wanted:
            self.metrics["bleu"] = (BLEU(effective_order=True), BLEU())
        if "ter" in wanted:
            ter = TER()
            self.metrics["ter"] = (ter, ter)
        if subword is not None and "spbleu" in wanted:
            self.metrics["spbleu"] = (
                _subword_bleu(subword, effective_order=True),
                _subword_bleu(subword, effective_order=False),
            )
        # chrF++ computed only for chrF's sake is not reported
        self.reported = tuple(n for n in SCORE_NAMES if n in self.metrics and n in wanted)

    def score(
        self,
        hypothesis: str,
        references: Sequence[str],
        lines: Sequence[tuple[str, Sequence[str]]] = (),
    ) -> PairScores:
        """The pair's scores; `lines` are its aligned lines (hypothesis line and reference
        lines), given when the pair's lines align, for TER on a long pair."""
        if not references:
            return PairScores({name: None for name in self.reported}, 0, {})
        values: dict[str, float | None] = {}
        stats: dict[str, list[Any]] = {}
        notes: dict[str, str] = {}
        streams = [[r] for r in references]
        for name, (sentence, _) in self.metrics.items():
            if name == "chrf" and len(references) == 1:
                # chrF++'s statistics begin with chrF's character n-gram counts (with several
                # references each metric picks its own best one, so this is for one only).
                stats[name] = stats["chrf_pp"][: 3 * self._char_order]
            elif name == "ter" and self._too_long(hypothesis, references):
                if lines and not any(self._too_long(h, refs) for h, refs in lines):
                    stats[name] = self._line_sum(sentence, lines)
                    notes[name] = PER_LINE
                else:
                    notes[name] = LEFT_OUT
                    values[name] = None
                    continue
            else:
                stats[name] = sentence._extract_corpus_statistics([hypothesis], streams)[0]
            values[name] = float(sentence._compute_score_from_stats(stats[name]).score)
        return PairScores({n: values.get(n) for n in self.reported}, len(references), stats, notes)

    def _too_long(self, hypothesis: str, references: Sequence[str]) -> bool:
        return any(len(t.split()) > self.ter_limit for t in (hypothesis, *references))

    @staticmethod
    def _line_sum(metric: Metric, lines: Sequence[tuple[str, Sequence[str]]]) -> list[Any]:
        """The statistics of the lines, summed: what the corpus score of the lines uses."""
        count = len(lines[0][1])
        per_line = metric._extract_corpus_statistics(
            [h for h, _ in lines], [[refs[i] for _, refs in lines] for i in range(count)]
        )
        return [sum(column) for column in zip(*per_line, strict=True)]

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
        for name in self.reported:
            sentence, corpus = self.metrics[name]
            scored = [s for s in with_refs if name in s.stats]
            if not scored:
                values[name] = None
                if with_refs:  # all left out: the signature says why
                    signatures[name] = _signature(corpus, nrefs) + _notes(
                        name, with_refs, self.ter_limit
                    )
                continue
            values[name] = float(
                corpus._aggregate_and_compute([s.stats[name] for s in scored]).score
            )
            signatures[name] = _signature(corpus, nrefs) + _notes(name, with_refs, self.ter_limit)
            sentence_signatures[name] = _signature(sentence, nrefs)
        return CorpusScores(values, signatures, sentence_signatures, len(with_refs))

    def signature(self, name: str, nrefs: int) -> str:
        return _signature(self.metrics[name][0], nrefs)


def _notes(name: str, scored: Sequence[PairScores], limit: int) -> str:
    """The signature's notes: how many pairs were scored per line, or left out."""
    per_line = sum(s.notes.get(name) == PER_LINE for s in scored)
    left_out = sum(s.notes.get(name) == LEFT_OUT for s in scored)
    notes = []
    if per_line:
        notes.append(f"{per_line} pairs over {limit} words scored per aligned line")
    if left_out:
        notes.append(f"{left_out} pairs over {limit} words without aligned short lines left out")
    return f" ({'; '.join(notes)})" if notes else ""


def _signature(metric: Metric, nrefs: int | str) -> str:
    """The metric's signature for a count of references (an int, or "var")."""
    metric.num_refs = nrefs if isinstance(nrefs, int) else -1
    return str(metric.get_signature())
