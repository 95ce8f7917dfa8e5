"""The term scores, as the official WMT21 and WMT25 scorers compute them."""

from __future__ import annotations

import html
import re
from pathlib import Path

from checker.headline.term_scores import TermTally, exact_matches, success, tokenize
from tests.datasets import shared_file

_SEGMENT = re.compile(r'<seg id="?([^">]+)"?>(.*)</seg>')
_TERM = re.compile(r"<term\b([^>]*)>(.*?)</term>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")


def _segments(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _SEGMENT.search(line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def _instances(reference: str) -> list[list[str]]:
    """Each reference term's accepted forms: its `tgt` alternatives, plus its own text when
    that is not already in `tgt` (as the official reader builds them)."""
    instances = []
    for term in _TERM.finditer(reference):
        attributes = dict(_ATTRIBUTE.findall(term.group(1)))
        target = html.unescape(attributes["tgt"])
        text = html.unescape(_TAG.sub("", term.group(2))).strip()
        forms = target if text in target else f"{target}|{text}"
        instances.append(forms.split("|"))
    return instances


def test_wmt21_exact_match_on_the_official_sample_is_759_of_901() -> None:
    folder = shared_file("wmt21-termeval-enfr-sample")
    references = _segments(folder / "dev.en-fr.fr.sgm")
    hypotheses = _segments(folder / "en-fr.dev.txt.truecased.sgm")
    matched = total = 0
    for segment, reference in references.items():
        instances = _instances(reference)
        total += len(instances)
        matched += exact_matches(html.unescape(_TAG.sub("", hypotheses[segment])), instances)
    assert (matched, total) == (759, 901)
    assert round(matched / total, 4) == 0.8424


def test_exact_match_uses_each_position_once() -> None:
    assert exact_matches("the  symptoms and symptoms", [["symptoms"], ["symptoms"]]) == 2
    assert exact_matches("the symptoms", [["symptoms"], ["symptoms"]]) == 1
    assert exact_matches("symptoms", [["Symptoms"]]) == 0  # case-sensitive


def test_every_form_that_matches_takes_a_position() -> None:
    # The first instance takes "a b" and, with its second form, the last "a": nothing is
    # left for the second instance (the official scorer's behaviour).
    assert exact_matches("a b c a", [["a b", "a"], ["a"]]) == 1
    assert exact_matches("a b c a", [["a b"], ["a"]]) == 2


def test_forms_are_not_regular_expressions() -> None:
    assert exact_matches("the UxSx team", [["U.S."]]) == 0
    assert exact_matches("the U.S. team", [["U.S."]]) == 1


def test_tokenize_splits_punctuation_and_possessives() -> None:
    assert tokenize("Chinese Foreign Ministry's talks, Nov. 18") == (
        "Chinese Foreign Ministry ' s talks , Nov . 18"
    )


def test_wmt25_success_rate() -> None:
    terms = [("金融管理局", ["Monetary Authority", "HKMA"]), ("年报", ["annual report"])]
    source = "金融管理局发布年报，金融管理局称"
    reference = "The Monetary Authority published its annual report"
    # 金融管理局: twice in the source, once in the hypothesis → 0.5; 年报 → 1.
    assert success(source, "The HKMA published its report", [reference], terms) == (0.5, 2)
    assert success(source, "hkma and HKMA: annual report", [reference], terms) == (2.0, 2)
    # A term is valid only when one of its renderings is in a reference.
    assert success(source, "HKMA", ["The authority"], terms) == (0.0, 0)
    assert success(source, "HKMA", ["x", "the monetary authority"], terms) == (0.5, 1)


def test_tally_adds_up_and_gives_fractions() -> None:
    total = TermTally(3, 2, 1.5, 2) + TermTally(1, 1, 0.0, 1)
    assert total == TermTally(4, 3, 1.5, 3)
    assert (total.exact_match, total.success_rate) == (0.75, 0.5)
    assert TermTally().exact_match is None
    assert TermTally().success_rate is None
