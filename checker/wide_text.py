"""UTF-16 and UTF-32 without a byte-order mark, told from the bytes.

Any even run of bytes decodes as UTF-16, so decoding alone proves nothing, and text that
is mostly Chinese or Japanese has few zero bytes (none at all on one line without ASCII).
A wide reading is taken only when it is plausibly a story: it decodes strictly
(surrogates paired, nothing past U+10FFFF), and nearly every character of a sample is one
a story holds — letters of Latin, Greek or Cyrillic script, digits, punctuation and white
space, kana, CJK punctuation and full-width forms, and Han characters common enough to be
in the first level of GB2312, of JIS X 0208 or of Big5. Random bytes, and legacy CJK
bytes read two at a time, give rare Han characters, Hangul, Yi, private-use and
unassigned code points, controls and unpaired surrogates instead.

Without zero bytes the reading must also beat the legacy CJK encodings' reading of the
same bytes (judged on the characters they write in two bytes or more; what they read
as ASCII proves nothing), and Hangul does not count: Korean is written with spaces between words, so
Korean UTF-16 has zero bytes, whereas two GB2312 characters read as UTF-16 are two
Hangul syllables.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# A reading is plausible when at least this share of its sample is story characters.
PLAUSIBLE_SHARE = 0.9
SAMPLE_BYTES = 16384
# Legacy encodings whose reading a BOM-less UTF-16 reading without zero bytes must beat.
_LEGACY = ("gb18030", "big5hkscs", "cp932", "euc_jp")
# (codec, first and last lead byte of its most frequent characters)
_FREQUENT_HAN = (("gb2312", 0xB0, 0xD7), ("shift_jis", 0x88, 0x98), ("big5", 0xA4, 0xC6))
_STORY_RANGES = (
    (0x00A0, 0x024F),  # Latin-1 and Latin Extended
    (0x0370, 0x04FF),  # Greek, Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency signs
    (0x2100, 0x214F),  # letterlike symbols (℃, №)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x31F0, 0x31FF),  # katakana phonetic extensions
    (0xFF00, 0xFFEF),  # full-width and half-width forms
)
_HANGUL = (0xAC00, 0xD7A3)
# Kana, CJK punctuation and full-width forms (not the half-width katakana that cp932
# reads single bytes as).
_MARKS = ((0x3000, 0x30FF), (0x31F0, 0x31FF), (0xFF00, 0xFF60), (0xFFE0, 0xFFEF))


def read_wide(data: bytes) -> tuple[str, str] | None:
    """The UTF-32 or UTF-16 byte order that reads `data` (no BOM) as plausible text, and
    that text; None when there is none. The whole of `data` must decode strictly."""
    has_zero = b"\0" in data[:SAMPLE_BYTES]
    # UTF-32 writes a zero byte in every character.
    candidates = ("utf-32-le", "utf-32-be") if has_zero else ()
    best, best_share = None, 0.0
    for encoding in (*candidates, "utf-16-le", "utf-16-be"):
        width = 4 if encoding.startswith("utf-32") else 2
        if len(data) % width:
            continue
        share = story_share(_sample(data, encoding), hangul=has_zero)
        if share >= PLAUSIBLE_SHARE and share > best_share:
            best, best_share = encoding, share
    if best is None:
        return None
    if not has_zero and any(_legacy_wins(data, legacy, best, best_share) for legacy in _LEGACY):
        return None
    try:
        text = data.decode(best)
    except UnicodeDecodeError:
        return None
    return None if "\0" in text else (best, text)


def _sample(data: bytes, encoding: str) -> str:
    """The start of `data` decoded; what does not decode becomes U+FFFD (not a story
    character), a character cut at the end of the sample is dropped."""
    head = data[:SAMPLE_BYTES]
    text = head.decode(encoding, errors="replace")
    if len(head) < len(data) and text.endswith("\ufffd"):
        text = text[:-1]
    return text


def _legacy_wins(data: bytes, legacy: str, wide: str, wide_share: float) -> bool:
    """Is a legacy reading of the bytes at least as plausible as the wide one? Its share
    is judged on its non-ASCII characters and controls (UTF-16 bytes read one at a time
    are mostly ASCII letters and digits: "の" is "n0", which proves nothing), and it must
    hold as many
    kana, CJK punctuation marks and full-width forms: characters that a misreading
    almost never makes, whereas the frequent Han characters of one encoding's reading
    can be frequent ones of another's."""
    text = _sample(data, legacy)
    judged = "".join(ch for ch in text if not " " <= ch < "\x7f")
    share = story_share(judged, hangul=False)
    return share >= wide_share and _marks(text) >= _marks(_sample(data, wide))


def _marks(text: str) -> int:
    return sum(1 for ch in text if any(low <= ord(ch) <= high for low, high in _MARKS))


def story_share(text: str, hangul: bool) -> float:
    """The share of `text` made of characters a story holds (see the module's note)."""
    if not text:
        return 0.0
    return sum(1 for ch in text if _story_character(ch, hangul)) / len(text)


def _story_character(ch: str, hangul: bool) -> bool:
    if ch in "\t\n\r":
        return True
    code = ord(ch)
    if code < 0x80:
        return 0x20 <= code < 0x7F
    if _HANGUL[0] <= code <= _HANGUL[1]:
        return hangul
    if any(low <= code <= high for low, high in _STORY_RANGES):
        return unicodedata.category(ch)[0] != "C"  # not a control, format or unassigned
    return _frequent_han(ch)


@lru_cache(maxsize=8192)
def _frequent_han(ch: str) -> bool:
    """A Han character among the most frequent: the first level of GB2312 (3,755
    characters), of JIS X 0208 (2,965) or the frequent part of Big5 (5,401)."""
    for codec, first, last in _FREQUENT_HAN:
        try:
            lead = ch.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        if first <= lead <= last:
            return True
    return False
