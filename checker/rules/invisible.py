"""MC003: characters that print as nothing, inside words."""

from __future__ import annotations

import re
import unicodedata

from checker.analysis import DocumentAnalysis
from checker.match.fold import INVISIBLE
from checker.model import Applicability, Severity
from checker.rules.base import DocumentRule, Reporter, register

# `[...][...]*`, not `[...]+`: a pattern that opens with a character set is searched for
# by that set, several times faster over a text without any.
_RUN = re.compile(f"[{INVISIBLE}][{INVISIBLE}]*")
# Joiners and direction marks can be wanted (an emoji sequence, right-to-left text):
# removing them is offered, not applied.
_MAYBE_WANTED = frozenset("\u200c\u200d\u200e\u200f\u061c")


@register
class InvisibleCharacter(DocumentRule):
    """A zero-width or bidirectional control character next to a letter.

    ## Why
    Zero-width spaces, joiners, word joiners, stray byte-order marks and bidirectional
    controls print as nothing, but they split a word for every search engine and every
    check: "Kanai\u200b Hiroshi" looks right on the page and is found by nobody. Names
    are still matched as if the characters were not there, and each run of them is
    reported here. A run between two non-letters (an emoji sequence) is left alone.

    ## Bad
        Talks with Masaaki\u200b Kanai ended.

    ## Good
        Talks with Masaaki Kanai ended.

    ## Fix safety
    Safe for zero-width spaces, word joiners and byte-order marks: the characters are
    deleted. Unsafe for joiners and direction marks, which some scripts need.
    """

    code = "MC003"
    name = "invisible-character"
    default_severity = Severity.WARNING

    def check(self, analysis: DocumentAnalysis, report: Reporter) -> None:
        for segment in analysis.document.segments:
            text = segment.text
            if text.isascii():
                continue
            for run in _RUN.finditer(text):
                start, end = run.span()
                before = text[start - 1] if start > 0 else ""
                after = text[end] if end < len(text) else ""
                if not (before.isalnum() or after.isalnum()):
                    continue
                names = ", ".join(
                    f"U+{ord(ch):04X} {unicodedata.name(ch, 'control').lower()}"
                    for ch in dict.fromkeys(run.group())
                )
                wanted = _MAYBE_WANTED.intersection(run.group())
                report(
                    segment,
                    start,
                    end,
                    f"invisible character ({names}) inside the text: it hides the words "
                    "around it from searches and checks; delete it",
                    replacement="",
                    applicability=Applicability.UNSAFE if wanted else Applicability.SAFE,
                )
