"""Document pairs: aligned lines checked and scored line by line, positions in the whole
document; TER bounded on long segments; the WMT25 figures equal the official formulas."""

from __future__ import annotations

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from checker.headline.check import HeadlineChecker
from checker.headline.metrics import PER_LINE, MetricSuite
from checker.headline.pairs import PairTerm
from tests.headline.conftest import described, pair


def test_aligned_lines_are_checked_line_by_line_at_document_positions(
    checker: HeadlineChecker,
) -> None:
    source = "刘劲松会见金井正彰\n金井正彰抵达北京\n刘劲松18日会见金井正彰"
    translation = (
        "Liu Jinsong meets Masaaki Kanai\n"
        "Liu Jianchao arrives in Beijing\n"
        "Liu Jinsong meets Masaaki Kanai on Nov. 19"
    )
    result = checker.check_pair(pair(source, translation), copy_checks=False)
    assert described(result) == [
        ("HL004", "translation", 32, 44, "Liu Jianchao"),
        ("HL006", "translation", 104, 106, "19"),
    ]
    assert "the source has '金井正彰'" in result.findings[0].message


def test_a_term_rendered_on_another_line_is_still_missing_on_its_own(
    checker: HeadlineChecker,
) -> None:
    source = "刘劲松会见金井正彰\n刘劲松抵达东京"
    translation = "Liu Jinsong meets Masaaki Kanai\nHe arrives in Tokyo"
    result = checker.check_pair(pair(source, translation), copy_checks=False)
    assert described(result) == [("HL001", "source", 10, 13, "刘劲松")]


def test_lines_that_do_not_align_are_one_segment(checker: HeadlineChecker) -> None:
    source = "刘劲松会见金井正彰\n刘劲松抵达东京"
    translation = "Liu Jinsong meets Masaaki Kanai and arrives in Tokyo"
    assert described(checker.check_pair(pair(source, translation), copy_checks=False)) == []


def _long(words: int, seed: str) -> str:
    return " ".join(f"{seed}{i % 37}" for i in range(words))


def test_ter_on_a_long_document_is_the_sum_of_its_lines() -> None:
    suite = MetricSuite(names=("bleu", "ter"))
    lines = [(_long(60, "a"), _long(60, "a")[3:]), (_long(70, "b"), _long(68, "b"))]
    hypothesis = "\n".join(h for h, _ in lines)
    reference = "\n".join(r for _, r in lines)
    scores = suite.score(hypothesis, [reference], [(h, [r]) for h, r in lines])
    assert scores.notes == {"ter": PER_LINE}
    expected = TER().corpus_score([h for h, _ in lines], [[r for _, r in lines]]).score
    assert scores.get("ter") == expected
    assert (
        scores.get("bleu")
        == BLEU(effective_order=True).sentence_score(hypothesis, [reference]).score
    )
    corpus = suite.corpus([scores])
    assert corpus.signatures["ter"].endswith("(1 pairs over 100 words scored per aligned line)")
    assert set(corpus.values) == {"bleu", "ter"}


def test_official_wmt25_figures_on_a_document_pair(checker: HeadlineChecker) -> None:
    """Corpus BLEU (13a, 4-grams), chrF2++ and the track-2 term success rate, as the
    official scorer computes them over documents, on two documents built from public
    text."""
    sources = [
        "金融管理局继续监察银行体系。\n银行体系保持稳健，资本充足。\n金融管理局发表年报。",
        "香港的银行体系稳健。\n金融管理局推动金融科技。",
    ]
    references = [
        "The Monetary Authority continued to monitor the banking system.\n"
        "The banking system remained sound and well capitalised.\n"
        "The Monetary Authority published its annual report.",
        "Hong Kong's banking system is sound.\nThe Monetary Authority promotes fintech.",
    ]
    hypotheses = [
        "The HKMA continued to monitor the banking sector.\n"
        "The banking system stayed robust and adequately capitalised.\n"
        "The Monetary Authority issued its annual report.",
        "The banking system of Hong Kong is sound.\nThe Monetary Authority promotes fintech.",
    ]
    dictionary = {
        "金融管理局": ["Monetary Authority", "HKMA"],
        "银行体系": ["banking system"],
        "资本充足": ["well capitalised"],
        "金融科技": ["fintech", "financial technology"],
        "年报": ["annual report"],
        "保险业": ["insurance industry"],
    }
    terms = tuple(PairTerm(k, tuple(v)) for k, v in dictionary.items())
    results = [
        checker.check_pair(pair(s, h, [r], terms, str(i)), copy_checks=False)
        for i, (s, h, r) in enumerate(zip(sources, hypotheses, references, strict=True))
    ]
    report = checker.report([], results)
    assert (
        report.corpus.values["bleu"]
        == BLEU(max_ngram_order=4, tokenize="13a").corpus_score(hypotheses, [references]).score
    )
    assert (
        report.corpus.values["chrf_pp"]
        == CHRF(char_order=6, word_order=2).corpus_score(hypotheses, [references]).score
    )
    # The official rate, written out: valid terms and their capped occurrence ratios.
    valid = 0
    total = 0.0
    for src, hyp, ref in zip(sources, hypotheses, references, strict=True):
        for term, targets in dictionary.items():
            if term in src and any(t.lower() in ref.lower() for t in targets):
                valid += 1
                found = sum(hyp.lower().count(t.lower()) for t in targets)
                total += min(found / src.count(term), 1.0)
    assert valid == 7
    assert report.terms.success_rate == total / valid
    assert 0.5 < total / valid < 1.0


def test_a_long_pair_without_aligned_lines_leaves_ter_out_and_says_so() -> None:
    suite = MetricSuite(names=("bleu", "ter"))
    text = _long(120, "w")
    scores = suite.score(text, [text])
    assert (scores.get("ter"), scores.notes) == (None, {"ter": "left-out"})
    assert scores.get("bleu") == pytest.approx(100.0)
    corpus = suite.corpus([scores])
    assert corpus.values["ter"] is None
    assert corpus.signatures["ter"].endswith(
        "(1 pairs over 100 words without aligned short lines left out)"
    )
