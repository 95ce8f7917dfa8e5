"""Text from files and file names made safe to print: nothing in a file can move the
cursor, recolour a terminal, reorder a line or make a report unwritable.

A file name that is not valid UTF-8 reaches Python with each undecodable byte held as a
lone surrogate (`surrogateescape`); it is shown as `\\xNN`, the byte it stands for, the
way git and ripgrep show such names. Control characters (C0 but tab, DEL, C1) and the
bidirectional controls that can make a line read in another order are shown as `\\xNN` or
`\\uNNNN`."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\udc80-\udcff]")
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Text for a terminal: undecodable bytes and control characters escaped (a tab stays)."""
    return _UNPRINTABLE.sub(_escaped, text)


def encodable(text: str) -> str:
    """Text a UTF-8 report (JSON, SARIF, JUnit, HTML) can hold: only undecodable bytes
    escaped; the format's own escaping takes care of control characters."""
    return _SURROGATE.sub(_escaped, text)
