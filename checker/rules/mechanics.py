"""MC: sentence mechanics copy editors expect a checker to catch."""

from __future__ import annotations

import re

from checker.analysis import DocumentAnalysis
from checker.document import SegmentKind
from checker.model import Severity
from checker.rules.base import DocumentRule, Reporter, register
from checker.sentences import is_sentence_start

# Where a lower-case word may start a sentence: at the start of the text, after a blank
# line, or after sentence punctuation and white space (is_sentence_start decides). One
# pattern for each, so that each is found by its first character.
_OPENING = r"[ \t\r\n]*[\"'“‘(\[«「『]*(?P<word>[a-z][\w'’-]*)"
_LOWER_STARTS = (
    re.compile(r"\A" + _OPENING),
    re.compile(r"\n[ \t\r]*\n" + _OPENING),
    re.compile(r"[.!?][\"'”’)\]»」』]*[ \t\r\n]+" + _OPENING),
)
_NEXT_WORD = re.compile(r"[ \t]?[\w'’-]+")
# Where two sentences may be glued: a full stop before a capitalized word (found quickly,
# by its literal first character), then the word before it checked (`_glued_at`).
_FULL_STOP_BEFORE_CAPITAL = re.compile(r"\.(?=[A-Z][a-z])")
_LEFT_WORD = re.compile(r"(?<![\w.])[a-z]{2,}$")
_RIGHT_WORD = re.compile(r"[A-Z][a-z]+\b")


@register
class LowercaseSentenceStart(DocumentRule):
    """A sentence or paragraph that starts with a lower-case letter.

    ## Why
    "the meeting itself was prompted ..." at the start of a paragraph is a slip that
    survives spell-checkers. Abbreviations ("Nov. 18", "2 p.m. local time") do not end a
    sentence, and words written with an inner capital ("iPhone") are left alone.

    ## Bad
        The talks ended. the meeting itself was prompted by a remark.

    ## Good
        The talks ended. The meeting itself was prompted by a remark.

    ## Fix safety
    Safe: the first letter is capitalized.
    """

    code = "MC001"
    name = "sentence-start-lowercase"
    default_severity = Severity.WARNING

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        # A known name in lower case is reported once, by its case rule (TM001).
        names = {
            (id(m.segment), m.start)
            for m in analysis.entities
            if m.form.role.is_correct and m.surface[:1].islower()
        }
        for segment in analysis.document.segments:
            if segment.kind in (SegmentKind.BYLINE, SegmentKind.SOURCE):
                continue
            text = segment.text
            starts = {m.start("word"): m for p in _LOWER_STARTS for m in p.finditer(text)}
            for start in sorted(starts):
                candidate = starts[start]
                word = candidate.group("word")
                if any(c.isupper() for c in word) or not is_sentence_start(text, start):
                    continue
                if (id(segment), start) in names:
                    continue
                following = _NEXT_WORD.match(text, candidate.end("word"))
                end = following.end() if following else candidate.end("word")
                phrase = text[start:end]
                report(
                    segment,
                    start,
                    end,
                    f"'{phrase}' starts a sentence in lower case: write "
                    f"'{phrase[:1].upper() + phrase[1:]}'",
                    replacement=phrase[:1].upper() + phrase[1:],
                )


@register
class MissingSpaceAfterPeriod(DocumentRule):
    """Two sentences run together with no space after the full stop.

    ## Why
    "anticipated.Planned" is a lost space, common when copy is pasted between systems.
    Abbreviations, initials ("U.S."), decimals and web addresses are not reported.

    ## Bad
        A long fight is anticipated.Planned talks were not held.

    ## Good
        A long fight is anticipated. Planned talks were not held.

    ## Fix safety
    Safe: one space is inserted.
    """

    code = "MC002"
    name = "missing-space-after-period"
    default_severity = Severity.WARNING

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        for segment in analysis.document.segments:
            text = segment.text
            for stop in _FULL_STOP_BEFORE_CAPITAL.finditer(text):
                glued = _glued_at(text, stop.start())
                if glued is None:
                    continue
                start, end, left, right = glued
                token_start, token_end = start, end
                while token_start > 0 and not text[token_start - 1].isspace():
                    token_start -= 1
                while token_end < len(text) and not text[token_end].isspace():
                    token_end += 1
                token = text[token_start:token_end]
                if "/" in token or "@" in token:
                    continue
                seen = text[start:end]
                report(
                    segment,
                    start,
                    end,
                    f"'{seen}': no space after the full stop: write '{left}. {right}'",
                    replacement=f"{left}. {right}",
                )


def _glued_at(text: str, stop: int) -> tuple[int, int, str, str] | None:
    """The words run together at a full stop ("anticipated.Planned"): a lower-case word of
    two letters or more (not after a dot or inside a word) and a capitalized word."""
    if stop < 2 or not ("a" <= text[stop - 1] <= "z"):
        return None
    left = _LEFT_WORD.search(text, max(0, stop - 64), stop)
    right = _RIGHT_WORD.match(text, stop + 1)
    if left is None or right is None:
        return None
    return left.start(), right.end(), left.group(0), right.group(0)
