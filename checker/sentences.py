"""Where sentences start, for capitalization checks."""

from __future__ import annotations

import re

from checker.lexicon import ABBREVIATIONS

_OPENERS = "\"'“‘([«「『"
_CLOSERS = "\"'”’)]»」』"
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def is_sentence_start(text: str, offset: int) -> bool:
    """True when the word at `offset` begins a sentence or a paragraph. A single line break
    is white space (hard-wrapped copy); a blank line or the start of the text is a paragraph
    break."""
    i = offset
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    j = i
    while j > 0 and text[j - 1] in " \t\r\n":
        j -= 1
    if j == 0 or text.count("\n", j, i) >= 2:
        return True
    if j == i:  # no space: "anticipated.Planned" is not a sentence start
        return False
    k = j
    while k > 0 and text[k - 1] in _CLOSERS:
        k -= 1
    if k == 0 or text[k - 1] not in ".!?":
        return False
    if k < j and text[k - 1] in "!?":
        return False  # a quoted exclamation or question goes on: "Who cares?" she said
    line_start = text.rfind("\n", 0, k) + 1
    if text[line_start : k - 1].strip().isdigit():
        return False  # a numbered list item: "2. we must ..."
    if text[k - 1] == "." and text[max(0, k - 3) : k] == "...":
        return False  # an ellipsis inside a sentence
    if text[k - 1] == ".":
        word = _WORD_BEFORE.search(text, max(0, k - 12), k)
        if word and (
            word.group(1).lower() in ABBREVIATIONS
            or len(word.group(1)) == 1
            or "." in word.group(1)
        ):
            return False
    return True
