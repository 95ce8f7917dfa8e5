"""Headline renderings quoted in an English story, and the source headline each renders.

A quotation is a candidate rendering when it reads like a headline: three to thirty
words, one sentence, no first or second person (that is speech). Each candidate is
linked to the pair whose English (translation or references) is closest by chrF. A
candidate that no pair comes near is reported only when the story introduces it as a
headline ("with headlines such as …", "titled …"); other quotations are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.headline.metrics import MetricSuite
from checker.headline.pairs import HeadlinePair

LINK_THRESHOLD = 40.0  # chrF below which a quotation renders none of the pairs
_CANDIDATES = 20  # pairs scored by chrF, after a cheap word-overlap preselection

_QUOTATION = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"|‘([^‘’\n]+)’(?![A-Za-z])|«([^«»\n]+)»")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SPEECH = re.compile(r"\b(?:I|I'm|I’m|we|we're|we’re|our|us|my|me|you|your)\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
_CUE = re.compile(
    r"\b(?:head(?:line|lines|lined|ing)|titled|entitled|title|captions?|captioned|banner|"
    r"hashtag)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]\s")
_TRAILING = ".,;:!? \t"


@dataclass(frozen=True)
class Quote:
    start: int  # of the quoted words, without the marks and final punctuation
    end: int
    text: str
    cue: bool  # the story introduces it as a headline


@dataclass(frozen=True)
class QuoteLink:
    quote: Quote
    pair: HeadlinePair | None  # None: no pair is close enough
    score: float  # chrF against the closest pair's English
    closest: HeadlinePair | None  # the closest pair, linked or not


def find_quotes(text: str) -> list[Quote]:
    """Quotations in the text that read like headlines."""
    quotes = []
    for match in _QUOTATION.finditer(text):
        group = next(i for i in range(1, 5) if match.group(i) is not None)
        start, end = match.start(group), match.end(group)
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        words = _WORD.findall(text[start:end])
        body = text[start:end]
        if not 3 <= len(words) <= 30 or _SPEECH.search(body) or _SENTENCE_BREAK.search(body):
            continue
        quotes.append(Quote(start, end, body, _introduced(text, match.start())))
    return quotes


def _introduced(text: str, at: int) -> bool:
    """A headline cue earlier in the same sentence."""
    window = text[max(0, at - 250) : at]
    ends = list(_SENTENCE_END.finditer(window))
    sentence = window[ends[-1].end() :] if ends else window
    return bool(_CUE.search(sentence))


def link_quotes(
    quotes: Sequence[Quote],
    pairs: Sequence[HeadlinePair],
    metrics: MetricSuite,
    threshold: float = LINK_THRESHOLD,
) -> list[QuoteLink]:
    links = []
    vocabularies = [_words(" ".join((p.translation, *p.references))) for p in pairs]
    for quote in quotes:
        words = _words(quote.text)
        ranked = sorted(
            range(len(pairs)), key=lambda i: len(words & vocabularies[i]), reverse=True
        )[:_CANDIDATES]
        best: HeadlinePair | None = None
        best_score = 0.0
        for i in ranked:
            english = [pairs[i].translation, *pairs[i].references]
            score = metrics.chrf(quote.text, english)
            if score > best_score:
                best, best_score = pairs[i], score
        linked = best if best_score >= threshold else None
        links.append(QuoteLink(quote, linked, best_score, best))
    return links


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}
