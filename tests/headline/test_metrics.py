"""sacrebleu scores: the suite's per-pair and corpus numbers are sacrebleu's own."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from checker.headline.metrics import TER_WORD_LIMIT, MetricSuite
from checker.headline.subword import train_model
from tests.datasets import shared_file


def _newstest(name: str) -> list[str]:
    path: Path = shared_file("wmt-newstest-zh2en", name)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [row[1] for row in rows[1:]]


def _degraded(references: list[str]) -> list[str]:
    """Each reference with a word dropped and one replaced (a fixed seed)."""
    rng = random.Random(20251118)
    out = []
    for reference in references:
        words = reference.split()
        if len(words) > 2:
            del words[rng.randrange(len(words))]
            words[rng.randrange(len(words))] = "the"
        out.append(" ".join(words))
    return out


@pytest.mark.parametrize(
    ("name", "lists"),
    [
        ("damo_mt_testsets_zh2en_news_wmt19.csv", ("references", "degraded")),
        ("damo_mt_testsets_zh2en_news_wmt18.csv", ("degraded",)),
    ],
)
def test_corpus_scores_equal_the_sacrebleu_api(name: str, lists: tuple[str, ...]) -> None:
    references = _newstest(name)
    suite = MetricSuite()
    candidates = {"references": references, "degraded": _degraded(references)}
    for hypotheses in (candidates[k] for k in lists):
        scored = [suite.score(h, [r]) for h, r in zip(hypotheses, references, strict=True)]
        corpus = suite.corpus(scored)
        # TER leaves out the few segments over its word limit (one line each: no aligned
        # lines to score them by), and its signature says how many.
        short = [
            (h, r)
            for h, r in zip(hypotheses, references, strict=True)
            if max(len(h.split()), len(r.split())) <= TER_WORD_LIMIT
        ]
        expected = {
            "bleu": BLEU().corpus_score(hypotheses, [references]).score,
            "chrf": CHRF().corpus_score(hypotheses, [references]).score,
            "chrf_pp": CHRF(word_order=2).corpus_score(hypotheses, [references]).score,
            "ter": TER().corpus_score([h for h, _ in short], [[r for _, r in short]]).score,
        }
        assert corpus.values == expected
        left_out = len(references) - len(short)
        note = (
            f"({left_out} pairs over {TER_WORD_LIMIT} words without aligned short lines left out)"
        )
        assert corpus.signatures["ter"].endswith(note if left_out else "|version:2.6.0")
        assert corpus.pairs_scored == len(references)
        if hypotheses is references:
            assert corpus.values["bleu"] == pytest.approx(100.0)
            assert corpus.values["ter"] == 0.0
        else:
            assert 50.0 < corpus.values["bleu"] < 95.0


def test_signatures_are_sacrebleus() -> None:
    suite = MetricSuite()
    corpus = suite.corpus([suite.score("a b c d", ["a b c e"])])
    assert corpus.signatures == {
        "chrf": "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0",
        "chrf_pp": "nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0",
        "bleu": "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
        "ter": "nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0",
    }
    assert corpus.sentence_signatures["bleu"] == (
        "nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0"
    )


def test_sentence_scores_with_several_references_equal_sacrebleus() -> None:
    suite = MetricSuite()
    hypothesis = "Japanese official listens to Chinese side with head bowed"
    references = [
        "Japanese official listens to the Chinese side with head lowered",
        "Japanese senior official leaves Chinese Foreign Ministry with head bowed",
    ]
    scores = suite.score(hypothesis, references)
    assert scores.nrefs == 2
    assert scores.get("chrf") == CHRF().sentence_score(hypothesis, references).score
    assert scores.get("chrf_pp") == CHRF(word_order=2).sentence_score(hypothesis, references).score
    assert (
        scores.get("bleu")
        == BLEU(effective_order=True).sentence_score(hypothesis, references).score
    )
    assert scores.get("ter") == TER().sentence_score(hypothesis, references).score


def test_varying_reference_counts_and_pairs_without_references() -> None:
    suite = MetricSuite()
    scored = [
        suite.score("a b c", ["a b c"]),
        suite.score("d e f", ["d e", "d e f"]),
        suite.score("x", []),
    ]
    corpus = suite.corpus(scored)
    assert scored[2].values == {"chrf": None, "chrf_pp": None, "bleu": None, "ter": None}
    assert corpus.pairs_scored == 2
    assert corpus.signatures["bleu"].startswith("nrefs:var|")
    expected = BLEU().corpus_score(["a b c", "d e f"], [["a b c", "d e"], [None, "d e f"]])
    assert corpus.values["bleu"] == expected.score
    assert suite.corpus([scored[2]]).values["chrf"] is None


def test_subword_bleu_names_the_local_model() -> None:
    model = train_model(["Liu▁Jinsong"], ["Liu Jinsong meets Masaaki Kanai", "刘劲松会见金井正彰"])
    suite = MetricSuite(model)
    scores = suite.score("Liu Jinsong meets Kanai", ["Liu Jinsong meets Masaaki Kanai"])
    corpus = suite.corpus([scores])
    assert f"tok:spm-local-{model.sha256[:12]}" in corpus.signatures["spbleu"]
    assert scores.get("spbleu") == corpus.values["spbleu"]
    pieces = " ".join(model.pieces("Liu Jinsong meets Kanai"))
    tokenized = BLEU(tokenize="none", effective_order=True).sentence_score(
        pieces, [" ".join(model.pieces("Liu Jinsong meets Masaaki Kanai"))]
    )
    assert scores.get("spbleu") == tokenized.score
