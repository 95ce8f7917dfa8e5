"""Numbers, dates and amounts in a CJK source and its English translation, compared.

Source numbers are Arabic (half- or full-width, with 万/亿 scales and %) or Chinese
numerals followed by a counter or unit (十八日, 两名, 三万人, 百分之十, 第三次); a bare
numeral inside a word (一直, 统一) is not a number. English numbers are digits (with
thousands separators, decimals, ordinal suffixes, scale words, "%"/"percent", "p.m."),
number words and month names. Values are compared, not spellings: 18日 ↔ "Nov. 18",
十 ↔ "10", 3万 ↔ "30,000", 百分之五 ↔ "5 percent".

A number may be `soft`: one that a faithful translation often leaves implicit (一 as
"a", month names, number words). A soft number satisfies or contradicts the other side
but is never reported on its own.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.match.fold import fold_width

NUMBER = "number"
MONTH = "month"
PERCENT = "percent"
ORDINAL = "ordinal"  # an ordinal: 第三, "first"
BARE = "bare"  # a CJK numeral without a counter (十九大): it only vouches for an equal value
_COUNTING = frozenset({"number", "month", "ordinal", "bare"})  # kinds that agree by value
_CLOSE = 10.0  # a changed number is within this factor of the number it replaces
_RANGE = re.compile("[一二两兩三四五六七八九]{2}")  # 一两, 三四: "one or two", "three or four"
_BARE_CHANGED = 10  # a bare numeral from this value up (十二, not 一) can be changed


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    text: str
    values: frozenset[float]
    kind: str = NUMBER  # number, month or percent
    soft: bool = False
    date: bool = False  # a source year, day or hour (年, 日, 时): no number word renders it

    def matches(self, other: Number) -> bool:
        compatible = self.kind == other.kind or {self.kind, other.kind} <= _COUNTING
        return compatible and bool(_rounded(self.values) & _rounded(other.values))

    def close_to(self, other: Number) -> bool:
        """Could the other number be this one changed: of the same kind and within one or
        a factor of ten ("19" for 18日, "1" for 0, not "first" for 9500亿元)?"""
        kinds = {self.kind, other.kind}
        return (len(kinds) == 1 or kinds <= {NUMBER, BARE, ORDINAL}) and any(
            abs(a - b) <= 1 or (a > 0 and b > 0 and 1 / _CLOSE <= a / b <= _CLOSE)
            for a in self.values
            for b in other.values
        )

    @property
    def value_text(self) -> str:
        unit = "%" if self.kind == PERCENT else ""
        return " or ".join(_format(v) + unit for v in sorted(self.values))


@dataclass(frozen=True)
class NumberComparison:
    changed: tuple[tuple[Number, Number], ...]  # (source, translation) that disagree
    extra: tuple[Number, ...]  # in the translation, not in the source
    missing: tuple[Number, ...]  # in the source, not in the translation
    matched: tuple[tuple[Number, Number], ...] = ()  # (source, translation) that agree


# -- source (Chinese, Japanese) ----------------------------------------------------------------

_CJK_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_TENS = {"廿": 20, "卄": 20, "卅": 30, "卌": 40}  # 廿六 is 26
_CJK_SCALES = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_SCALE_RUN = {"万亿": 1e12, "萬億": 1e12, **{k: float(v) for k, v in _CJK_SCALES.items()}}
# Counters and units after a numeral that make it a number (not 一 in 一直 or 统一).
_COUNTERS = (
    "个百分点|個百分點|百分点|百分點|"
    "年代|年|月|日|号|號|小时|小時|时|時|点|點|分钟|分鐘|秒|岁|歲|歳|人|名|位|个|個|次|回|件|项|項|倍|天|"
    "部|本|颗|顆|只|隻|张|張|台|层|層|场|場|起|支|篇|首|队|隊|"
    "周年|周|週|届|屆|架|艘|枚|辆|輛|美元|日元|港元|元|円|圆|吨|噸|公里|千米|米|度|家|座|所|种|"
    "種|轮|輪|条|條|期|例|份|%|％"
)
_PERCENT_UNITS = frozenset({"%", "％", "个百分点", "個百分點", "百分点", "百分點"})
_TIME_COUNTERS = frozenset("时時点點")
_DATE_COUNTERS = frozenset("年日号號时時点點")
# A weekday (周二, 星期三) is no number.
_CJK_NUMERAL = re.compile(
    r"(?<![周週期拜])(?P<vague>数|數|几|幾)?(?P<pre>第|百分之)?"
    r"(?P<num>[零〇一壹二两兩三四五六七八九十廿卄卅卌百千万萬亿億]+)"
    r"(?:(?P<point>[点點])(?P<decimals>[零〇一二三四五六七八九]+)(?![十分])"
    r"(?P<scale>[万萬亿億]*))?"
    r"(?P<approx>多|余|餘|几|幾)?(?P<unit>" + _COUNTERS + r")?"
)
# Digits inside a Latin word ("4Corners7Seas", "7FRESH") are no number.
_ARABIC = re.compile(
    r"(?<![A-Za-z0-9_.])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?![A-Za-z])"
    r"(?:\s?(?P<approx>多|余|餘))?(?:\s?(?P<scale>万亿|萬億|万|萬|亿|億))?(?:\s(?=[%％]))?(?P<unit>"
    + _COUNTERS
    + r")?"
)


def source_numbers(text: str) -> list[Number]:
    folded = fold_width(text)  # one character for one: offsets agree with the text
    found: list[Number] = []
    for match in _ARABIC.finditer(folded):
        value = float(match.group("num").replace(",", "") + (match.group("frac") or ""))
        value *= _SCALE_RUN.get(match.group("scale") or "", 1.0)
        found.append(_source_number(text, match, value, match.group("unit"), percent=False))
    covered = {i for n in found for i in range(n.start, n.end)}
    for match in _CJK_NUMERAL.finditer(folded):
        numeral = match.group("num")
        pre, unit = match.group("pre"), match.group("unit")
        if match.start() in covered:
            continue
        value = parse_cjk_numeral(numeral)
        if match.group("point"):  # 六点一 is 6.1, 十五点二亿 1.52 billion
            decimals = "".join(str(_CJK_DIGITS[ch]) for ch in match.group("decimals"))
            value = float(f"{value:.0f}.{decimals}")
            for ch in match.group("scale"):
                value *= _CJK_SCALES[ch]
        if not (pre or unit or match.group("approx")):
            start = match.start("num")
            end = match.end("scale") if match.group("point") else match.end("num")
            found.append(Number(start, end, text[start:end], frozenset({value}), BARE, True))
            continue
        found.append(_source_number(text, match, value, unit, percent=pre == "百分之"))
    for match in _FIRST.finditer(folded):  # 首次, 首家: "the first"
        start, end = match.start(), match.end()
        found.append(Number(start, end, text[start:end], frozenset({1.0}), ORDINAL, True))
    found.sort(key=lambda n: n.start)
    return found


_FIRST = re.compile("首(?=次|家|个|個|位|届|屆|批|度|场|場|款|例|架|艘)")


def _source_number(
    text: str, match: re.Match[str], value: float, unit: str | None, percent: bool
) -> Number:
    start, end = match.start(), match.end()
    values = {value}
    kind = NUMBER
    if percent or unit in _PERCENT_UNITS:
        kind = PERCENT
    elif unit == "月":
        kind = MONTH
    elif match.groupdict().get("pre") == "第":
        kind = ORDINAL
    elif unit and unit in _TIME_COUNTERS and 12 < value <= 24:
        values.add(value - 12)  # 14时 is "2 p.m."
    elif unit == "年代" and value < 100:
        values.update({1900 + value, 2000 + value})  # 70年代 is "the 1970s"
    date = bool(unit) and unit in _DATE_COUNTERS
    # Soft: 一 (often "a"), and an approximate number (数十, 十余: "dozens", "more than
    # 10"; 一两个, 三四名: "one or two", "three or four"; 万家, 千名: "thousands of").
    numeral = match.group("num")
    vague = bool(match.groupdict().get("vague") or match.group("approx"))
    vague = vague or all(ch in _CJK_UNITS or ch in _CJK_SCALES for ch in numeral)
    if _RANGE.fullmatch(numeral):
        values = {float(_CJK_DIGITS[ch]) for ch in numeral}
        vague = True
    soft = (value == 1 and not numeral.isdigit()) or vague
    return Number(start, end, text[start:end], frozenset(values), kind, soft, date)


def parse_cjk_numeral(numeral: str) -> float:
    """十八 → 18, 二十 → 20, 廿六 → 26, 一百零五 → 105, 一百二 → 120, 三万五千 → 35000,
    二〇二五 → 2025."""
    if len(numeral) > 1 and all(ch in _CJK_DIGITS for ch in numeral):
        return float("".join(str(_CJK_DIGITS[ch]) for ch in numeral))
    total = 0.0
    section = 0.0
    digit: float | None = None
    for ch in numeral:
        if ch in _CJK_DIGITS:
            digit = _CJK_DIGITS[ch]
        elif ch in _CJK_UNITS:
            section += (1 if digit is None else digit) * _CJK_UNITS[ch]
            digit = None
        elif ch in _CJK_TENS:
            section += _CJK_TENS[ch]
        elif ch in _CJK_SCALES:
            scale = _CJK_SCALES[ch]
            amount = section + (digit or 0)
            if scale > 10_000:
                total = (total + amount) * scale
            else:
                total += (amount or 1) * scale
            section, digit = 0.0, None
    if digit is not None and len(numeral) > 1:
        # 一百二 is 120 and 三千五 3,500: a last digit right after a unit counts in the next
        # lower one (after 零, as in 一百零五, it is a unit digit).
        step = _CJK_UNITS.get(numeral[-2]) or _CJK_SCALES.get(numeral[-2])
        if step is not None and step >= 100:
            digit *= step / 10
    return total + section + (digit or 0)


# -- English --------------------------------------------------------------------------------

_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "twice": 2,
}
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NAMES = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
# "first", "second": often no number of the source's (首家 is "the first"), so such a word
# only ever agrees with an equal number, and is never a changed one.
_ORDINAL_WORDS = frozenset(
    {
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "twice",
    }
)
_EN_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "tn": 1e12,
}
_EN_DIGITS = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?:(?P<suffix>st|nd|rd|th|s)\b)?"
    r"(?:(?P<pct>\s?%|\s(?:percent|per\scent|pct|percentage\spoints?)\b)"
    r"|\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|k|m)\b"
    r"|\s?(?P<pm>[ap]\.?m\.?)(?![A-Za-z]))?",
    re.IGNORECASE,
)
_SUFFIX = re.compile(r"(?:st|nd|rd|th|s|[ap]m|k|m|bn|mn|tn)\b", re.IGNORECASE)
_EN_WORDS = re.compile(
    r"\b(?P<word>" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
    r"(?:-(?P<unit>one|two|three|four|five|six|seven|eight|nine"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?"
    r"(?:\s(?P<scale>hundred|thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)
_EN_MONTH = re.compile(
    r"\b(?P<month>" + "|".join([*_MONTH_NAMES, *_MONTHS]) + r")\b\.?", re.IGNORECASE
)


def english_numbers(text: str) -> list[Number]:
    found: list[Number] = []
    for match in _EN_DIGITS.finditer(text):
        start = match.start()
        digits_end = match.end("frac") if match.group("frac") else match.end("num")
        if not _stands_alone(text, start, digits_end):
            continue
        value = float(match.group("num").replace(",", "") + (match.group("frac") or ""))
        values = {value * _EN_SCALES.get((match.group("scale") or "").lower(), 1.0)}
        if match.group("pm") and match.group("pm").lower().startswith("p") and value < 12:
            values.add(value + 12)
        kind = PERCENT if match.group("pct") else NUMBER
        found.append(Number(start, match.end(), match.group(0), frozenset(values), kind))
    for match in _EN_WORDS.finditer(text):
        value = float(_WORDS[match.group("word").lower()])
        if match.group("unit"):
            value += _WORDS[match.group("unit").lower()]
        if match.group("scale"):
            value *= _EN_SCALES.get(match.group("scale").lower(), 100.0)
        span = text[match.start() : match.end()]
        kind = PERCENT if re.match(r"\s(?:percent|per cent)\b", text[match.end() :]) else NUMBER
        ordinal = (match.group("unit") or match.group("word")).lower() in _ORDINAL_WORDS
        if ordinal and not match.group("scale"):
            kind = ORDINAL  # "second", "twenty-fifth"
        found.append(Number(match.start(), match.end(), span, frozenset({value}), kind, True))
    for match in _EN_MONTH.finditer(text):
        word = match.group("month").lower()
        month = _MONTH_NAMES.get(word) or _MONTHS[word]
        month_value = frozenset({float(month)})
        found.append(Number(match.start(), match.end(), match.group(0), month_value, MONTH, True))
    found.sort(key=lambda n: n.start)
    return _ranges_of_percentages(text, found)


_CURRENCY = re.compile(r"(?:RMB|USD|HKD|JPY|EUR|GBP|US\$|HK\$|NT\$)$")


_RANGE_TO = re.compile(r"\s?[-–—]\s?|\sto\s")


def _ranges_of_percentages(text: str, found: list[Number]) -> list[Number]:
    """The first number of a range of percentages is one too: "14-30%", "10 to 12%"."""
    out = list(found)
    for i, (number, after) in enumerate(itertools.pairwise(found)):
        ranged = _RANGE_TO.fullmatch(text, number.end, after.start)
        if number.kind == NUMBER and after.kind == PERCENT and ranged:
            out[i] = dataclasses.replace(number, kind=PERCENT)
    return out


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Digits that are a number, not part of a code ("G20", "COVID-19", "5G", "F-35")."""
    before = text[start - 1] if start > 0 else ""
    if _CURRENCY.search(text, max(0, start - 3), start):
        return True  # RMB10,000, US$8.3
    if before.isalnum() or (before and before in "_.,"):
        return False
    if before == "-" and start > 1 and text[start - 2].isalpha():
        return False
    after = text[end] if end < len(text) else ""
    return not after.isalpha() or bool(_SUFFIX.match(text, end))


# -- comparison -----------------------------------------------------------------------------


def compare_numbers(source: Sequence[Number], translation: Sequence[Number]) -> NumberComparison:
    """Each source number is matched to a translation number with the same value; what is
    left is paired, by kind and size or else by value (a changed number: "19" for 18日,
    "5 points" for 百分之五), or reported alone (hard numbers only)."""
    unmatched = list(translation)
    missing: list[Number] = []
    matched: list[tuple[Number, Number]] = []
    for number in source:
        partner = next((t for t in unmatched if number.matches(t)), None)
        if partner is None:
            missing.append(number)
        else:
            unmatched.remove(partner)
            matched.append((number, partner))
    changed: list[tuple[Number, Number]] = []
    extra: list[Number] = []
    for number in unmatched:
        # A soft source number (一 as "a", 数百, 十余) or a bare numeral far from the
        # value is no changed number: too loose to tell.
        candidates = [
            s
            for s in missing
            if not s.soft and not (number.soft and number.kind == NUMBER and s.date)
        ]
        candidates += [
            s
            for s in missing
            if s.kind == BARE
            and min(s.values) >= _BARE_CHANGED
            and any(abs(a - b) <= max(1.0, 0.1 * b) for a in s.values for b in number.values)
        ]
        if number.kind == ORDINAL and number.soft:  # "first" stands for 首 as often
            candidates = [s for s in candidates if s.kind == ORDINAL]
        partner = next((s for s in candidates if s.close_to(number)), None) or next(
            (s for s in candidates if _rounded(s.values) & _rounded(number.values)), None
        )
        if partner is not None:
            missing.remove(partner)
            changed.append((partner, number))
        elif not number.soft:
            extra.append(number)
    return NumberComparison(
        tuple(changed), tuple(extra), tuple(n for n in missing if not n.soft), tuple(matched)
    )


def _rounded(values: frozenset[float]) -> set[float]:
    """Values to nine significant digits: 8.12亿 and "812 million" are one number."""
    return {float(f"{v:.9g}") for v in values}


def _format(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"
