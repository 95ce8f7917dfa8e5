"""How the pair checks fare on real bilingual pairs: false alarms on professional
translations, and catches of a single swapped person, title, place or number.

The pairs are the WMT18/19 zh→en news test sentences and headlines (their Chinese
source and professional English reference), from the project's shared data. Each pair
is checked as it is: a pair with any HL finding at warning or above is a false alarm.
Then, in every pair whose English renders a glossary person, office or place that its
source names, or a number its source gives, one of them is swapped for another of the
same kind that the glossary knows in the source's language (another person, another office
of the same country, a place of another country,
the number plus one, for an exact number the source gives): a swap the checks report at
warning or above is caught.

Prints the two rates and the pairs behind any miss or false alarm (with `--show`).

    python bench/eval_pairs.py [--limit N] [--show]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from checker.cache import GlossaryCache
from checker.glossary.model import Entry, Kind, Role
from checker.headline.check import HeadlineChecker, PairResult
from checker.headline.pairs import HeadlinePair, new_pair
from checker.headline.source_terms import approved_renderings, has_cjk_forms
from checker.model import Severity
from checker.style import load_style

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "wmt-newstest-zh2en"
FILES = ("damo_mt_testsets_zh2en_news_wmt18.csv", "damo_mt_testsets_zh2en_news_wmt19.csv")
SEED = 20251205
SWAPPED_KINDS = (Kind.PERSON, Kind.OFFICE, Kind.PLACE)


def read_pairs(limit: int | None) -> list[HeadlinePair]:
    pairs = []
    for name in FILES:
        with open(DATA / name, encoding="utf-8", newline="") as stream:
            rows = csv.reader(stream)
            next(rows)
            for number, row in enumerate(rows, start=2):
                if len(row) == 2 and row[0].strip() and row[1].strip():
                    pairs.append(new_pair(f"{name}:{number}", row[0], row[1], path=name))
    return pairs[:limit] if limit else pairs


def alarms(result: PairResult) -> list[str]:
    return [
        f"{f.code} {f.segment}:{f.span.start}-{f.span.end} {f.message}"
        for f in result.findings
        if f.code.startswith("HL") and f.severity >= Severity.WARNING
    ]


def swaps(checker: HeadlineChecker, pair: HeadlinePair, rng: random.Random) -> Iterator[str]:
    """Translations with one rendered entity or number replaced (at most one of each)."""
    analysis = checker.analyse(pair)
    text = pair.translation
    for term, found in zip(analysis.terms, analysis.alignment.renderings, strict=True):
        if found is None or not found.exact or term.index is not checker.index:
            continue
        entry = found.entry
        if entry.kind not in SWAPPED_KINDS or found.form.role in (Role.SHORT, Role.AMBIGUOUS):
            continue
        other = _another(checker, entry, rng, pair.source_lang)
        if other is not None:
            yield text[: found.start] + other + text[found.end :]
            break
    numbers = [
        t
        for s, t in analysis.numbers.matched
        if not s.soft and not t.soft and re.fullmatch(r"\d+", t.text)
    ]
    if numbers:
        number = rng.choice(numbers)
        changed = str(int(number.text) + 1)
        yield text[: number.start] + changed + text[number.end :]


def _another(
    checker: HeadlineChecker, entry: Entry, rng: random.Random, language: str | None
) -> str | None:
    pool = [
        e
        for e in checker.index.glossary.entries
        if e.kind is entry.kind
        and e.id != entry.id
        and (entry.kind is not Kind.OFFICE or e.country == entry.country)
        and (entry.kind is not Kind.PLACE or e.country not in (None, entry.country))
        and has_cjk_forms([e], language)
        and approved_renderings(e)
    ]
    if not pool:
        return None
    return rng.choice(pool).en


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pairs")
    parser.add_argument("--show", action="store_true", help="print false alarms and misses")
    args = parser.parse_args()
    compiled = GlossaryCache().load(None)
    checker = HeadlineChecker(
        compiled.glossary, load_style(None), date=dt.date(2019, 1, 1), index=compiled.index
    )
    rng = random.Random(SEED)
    pairs = read_pairs(args.limit)
    alarmed = 0
    headlines = headlines_alarmed = 0
    swapped = caught = 0
    for pair in pairs:
        found = alarms(checker.check_pair(pair, copy_checks=False))
        headlines += pair.is_headline
        if found:
            alarmed += 1
            headlines_alarmed += pair.is_headline
            if args.show:
                print(f"FALSE ALARM {pair.id}\n  {pair.source}\n  {pair.translation}")
                print("".join(f"  > {a}\n" for a in found), end="")
            continue
        for translation in swaps(checker, pair, rng):
            swapped += 1
            changed = new_pair(pair.id, pair.source, translation, path=pair.path)
            if alarms(checker.check_pair(changed, copy_checks=False)):
                caught += 1
            elif args.show:
                print(f"MISSED {pair.id}\n  {pair.source}\n  {translation}")
    clean = len(pairs) - alarmed
    print(f"pairs: {len(pairs)} (WMT18/19 zh→en news test, professional translations)")
    print(f"no HL finding at warning or above: {clean}/{len(pairs)} = {clean / len(pairs):.2%}")
    clean_headlines = headlines - headlines_alarmed
    print(
        f"  of which headlines (one short line, no sentence end): {clean_headlines}/{headlines}"
        f" = {clean_headlines / max(headlines, 1):.2%}"
    )
    if swapped:
        print(f"single swaps caught: {caught}/{swapped} = {caught / swapped:.2%}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
