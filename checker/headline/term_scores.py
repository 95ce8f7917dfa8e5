"""The terminology scores of MT shared tasks, as their official scorers compute them.

- Exact-match term accuracy (WMT21, Alam et al.; `evaluate_term_wmt.py`, surface only, no
  lemmatizer): the hypothesis is whitespace-normalized and padded with a space; each term
  instance (its accepted forms, in order) is matched when some form occurs between single
  spaces at a position no earlier instance of the segment used; every form that matches
  takes its position. Accuracy = matched instances / all instances. (The official script
  does not escape regular-expression characters in forms; here they are escaped, which
  gives the same result on the official sample, where no such form matches.)
- Term success rate (WMT25 track 2, `evaluate_track2.py`): a source term s with renderings
  T is valid when s occurs in the source and some rendering in a reference (lowercased
  substrings); its rate is min(Σ occurrences of T in the hypothesis / occurrences of s in
  the source, 1). Rate = Σ rates / valid terms. With several references, a rendering in
  any of them makes the term valid.

The official scorer expects tokenized hypotheses (Moses-tokenized in the task). Headline
translations are not, so the checker tokenizes the translation and the forms alike with
sacrebleu's international tokenizer (`tokenize`), which splits punctuation and the
possessive ("Ministry ' s"), before exact matching.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sacrebleu.tokenizers.tokenizer_intl import TokenizerV14International

_TOKENIZER = TokenizerV14International()


@dataclass(frozen=True)
class TermTally:
    """A pair's (or a batch's) counts behind both scores."""

    instances: int = 0
    exact_matched: int = 0
    success_sum: float = 0.0
    success_valid: int = 0

    def __add__(self, other: TermTally) -> TermTally:
        return TermTally(
            self.instances + other.instances,
            self.exact_matched + other.exact_matched,
            self.success_sum + other.success_sum,
            self.success_valid + other.success_valid,
        )

    @property
    def exact_match(self) -> float | None:
        return self.exact_matched / self.instances if self.instances else None

    @property
    def success_rate(self) -> float | None:
        return self.success_sum / self.success_valid if self.success_valid else None


def exact_matches(hypothesis: str, instances: Sequence[Sequence[str]]) -> int:
    """How many term instances (each a list of accepted forms) the hypothesis matches."""
    padded = " " + " ".join(hypothesis.split()) + " "
    taken: set[int] = set()
    matched = 0
    for forms in instances:
        found = False
        for form in forms:
            for start in (m.start() for m in _pattern(form).finditer(padded)):
                if start not in taken:
                    taken.add(start)
                    found = True
                    break
        matched += found
    return matched


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str]:
    return re.compile("(?= " + re.escape(form) + " )")


def success(
    source: str,
    hypothesis: str,
    references: Sequence[str],
    terms: Sequence[tuple[str, Sequence[str]]],
) -> tuple[float, int]:
    """(Σ rates, number of valid terms) of one segment; `terms` maps each source term to
    its renderings."""
    source_l = source.lower()
    hypothesis_l = hypothesis.lower()
    references_l = [r.lower() for r in references]
    total = 0.0
    valid = 0
    for term, renderings in terms:
        key = term.strip().lower()
        wanted = [t.strip().lower() for t in renderings]
        if not key or key not in source_l:
            continue
        # validity tests the renderings as given, the count stripped ones (as the scorer)
        if not any(t.lower() in ref for ref in references_l for t in renderings):
            continue
        valid += 1
        total += min(sum(hypothesis_l.count(t) for t in wanted) / source_l.count(key), 1.0)
    return total, valid


def tokenize(text: str) -> str:
    return str(_TOKENIZER(text))


@lru_cache(maxsize=16384)
def tokenize_form(form: str) -> str:
    """A glossary form tokenized like the hypotheses (forms recur: they are cached)."""
    return tokenize(form)
