"""MC: sentence mechanics copy editors expect a checker to catch."""

from __future__ import annotations

import re

from checker.analysis import DocumentAnalysis
from checker.document import SegmentKind
from checker.model import Severity
from checker.rules.base import DocumentRule, Reporter, register
from checker.sentences import is_sentence_start

# Where a lower-case word may start a sentence: at the start of the text, after a blank
# line, or after sentence punctuation and white space (is_sentence_start decides).
_LOWER_START = re.compile(
    r"(?:\A|\n[ \t\r]*\n|[.!?][\"'”’)\]»」』]*[ \t\r\n]+)[ \t\r\n]*[\"'“‘(\[«「『]*"
    r"(?P<word>[a-z][\w'’-]*)"
)
_NEXT_WORD = re.compile(r"[ \t]?[\w'’-]+")
_GLUED = re.compile(r"(?<![\w.])([a-z]{2,})\.([A-Z][a-z]+)\b")


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
        for segment in analysis.document.segments:
            if segment.kind in (SegmentKind.BYLINE, SegmentKind.SOURCE):
                continue
            text = segment.text
            for candidate in _LOWER_START.finditer(text):
                start = candidate.start("word")
                word = candidate.group("word")
                if any(c.isupper() for c in word) or not is_sentence_start(text, start):
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
            for match in _GLUED.finditer(text):
                left, right = match.group(1), match.group(2)
                token_start, token_end = match.start(), match.end()
                while token_start > 0 and not text[token_start - 1].isspace():
                    token_start -= 1
                while token_end < len(text) and not text[token_end].isspace():
                    token_end += 1
                token = text[token_start:token_end]
                if "/" in token or "@" in token:
                    continue
                seen = match.group(0)
                report(
                    segment,
                    match.start(),
                    match.end(),
                    f"'{seen}': no space after the full stop: write '{left}. {right}'",
                    replacement=f"{left}. {right}",
                )
