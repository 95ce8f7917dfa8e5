"""Benchmark `termcheck headlines` on a batch of 10,000 headline pairs.

The pairs are generated from a fixed seed out of the glossary's own people, offices,
organizations and places: a Chinese or Japanese source headline naming two to four of
them with a date, its English translation (mostly right; some with a dropped term, a
swapped person, a changed number, a case slip or CJK left in) and one or two references.

Prints pairs per second on one core, and where the time goes: sacrebleu (and the
sentencepiece tokenization of its subword column), the copy checks run on each
translation, and the rest of the headline checks.

    python bench/bench_headlines.py [--pairs 10000] [--glossary G]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from checker.glossary.loader import load_glossaries
from checker.glossary.model import Entry, Glossary, Kind, Role
from checker.headline.check import HeadlineChecker, PairResult
from checker.headline.pairs import HeadlinePair, new_pair
from checker.headline.subword import glossary_symbols, train_model
from checker.style import load_style

SEED = 20251118
T = TypeVar("T")
VERBS = [("会见", "meets"), ("同", "holds talks with"), ("致电", "calls"), ("批评", "criticizes")]
PLACES_ZH = [("在北京", "in Beijing"), ("在东京", "in Tokyo"), ("", "")]


@dataclass(frozen=True)
class Named:
    cjk: str
    en: str
    kind: Kind


def _named(glossary: Glossary, kind: Kind) -> list[Named]:
    out = []
    for entry in glossary.entries:
        if entry.kind is not kind:
            continue
        cjk = [f.text for f in entry.forms if f.lang in ("zh-Hans", "zh-Hant", "ja")]
        if cjk:
            out.append(Named(cjk[0], _headline_form(entry), kind))
    return out


def _headline_form(entry: Entry) -> str:
    """The form a headline uses: a title as written before a name, else the shortest
    full form."""
    before = entry.forms_of(Role.BEFORE_NAME)
    if entry.kind is Kind.OFFICE and before:
        return before[0].text
    full = entry.forms_of(Role.PREFERRED, Role.ACCEPTED)
    return min((f.text for f in full), key=len, default=entry.en)


def generate(glossary: Glossary, count: int) -> list[HeadlinePair]:
    rng = random.Random(SEED)
    people = _named(glossary, Kind.PERSON)
    offices = [o for o in _named(glossary, Kind.OFFICE) if len(o.en.split()) <= 4]
    bodies = _named(glossary, Kind.ORGANIZATION) + _named(glossary, Kind.PLACE)
    pairs = []
    for number in range(count):
        first, second = rng.sample(people, 2)
        verb_zh, verb_en = rng.choice(VERBS)
        place_zh, place_en = rng.choice(PLACES_ZH)
        day = rng.randint(1, 28)
        source = f"{first.cjk}{day}日{place_zh}{verb_zh}{second.cjk}"
        english = f"{first.en} {verb_en} {second.en}"
        if rng.random() < 0.5:
            office = rng.choice(offices)
            source = office.cjk + source
            english = f"{office.en} {english}"
        if rng.random() < 0.5:
            body = rng.choice(bodies)
            source += f"谈{body.cjk}"
            english += f" on {body.en}"
        reference = " ".join(part for part in (english, place_en, f"on Nov. {day}") if part)
        translation = _perturbed(rng, reference, first, second, day, people)
        references = [reference]
        if rng.random() < 0.2:
            references.append(reference.replace(f"on Nov. {day}", f"on the {day}th"))
        pairs.append(new_pair(str(number + 1), source, translation, references, "zh-Hans"))
    return pairs


def _perturbed(
    rng: random.Random, text: str, first: Named, second: Named, day: int, people: list[Named]
) -> str:
    roll = rng.random()
    if roll < 0.06:
        return text.replace(second.en, "a senior official")  # a dropped term
    if roll < 0.10:
        return text.replace(first.en, rng.choice(people).en)  # a swapped person
    if roll < 0.14:
        return text.replace(f"Nov. {day}", f"Nov. {day % 28 + 1}")  # a changed number
    if roll < 0.17:
        return text.replace(first.en, first.en.lower())  # a case slip
    if roll < 0.19:
        return text.replace(second.en, second.cjk)  # CJK left in
    words = text.split(" ")
    for _ in range(rng.randint(0, 2)):  # light rewording
        words[rng.randrange(len(words))] = rng.choice(["the", "a", "new", "said", "talks"])
    return " ".join(words)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def stopwatch(spent: dict[str, float], name: str, action: Callable[..., T]) -> Callable[..., T]:
    """The action, adding the time spent in it to `spent[name]`."""

    def run(*args: Any) -> T:
        start = time.perf_counter()
        try:
            return action(*args)
        finally:
            spent[name] += time.perf_counter() - start

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--glossary", action="append", help="default: the bundled glossaries")
    args = parser.parse_args()

    glossary = load_glossaries(args.glossary)
    pairs = generate(glossary, args.pairs)
    lines = [t for p in pairs[:2000] for t in (p.source, p.translation)]
    with tempfile.TemporaryDirectory() as cache:
        model_time = timed(lambda: train_model(glossary_symbols(glossary), lines, Path(cache)))
        subword = train_model(glossary_symbols(glossary), lines, Path(cache))
    checker = HeadlineChecker(
        glossary, load_style(None), date=dt.date(2025, 11, 18), subword=subword
    )
    for pair in pairs[:50]:  # warm up: converters, automata, regular expressions
        checker.check_pair(pair)

    spent = {"sacrebleu": 0.0, "copy": 0.0}
    metrics = checker.metrics
    metrics.score = stopwatch(spent, "sacrebleu", metrics.score)  # type: ignore[method-assign]
    metrics.corpus = stopwatch(spent, "sacrebleu", metrics.corpus)  # type: ignore[method-assign]
    copy = checker.copy
    copy.check_document = stopwatch(spent, "copy", copy.check_document)  # type: ignore[method-assign]
    results: list[PairResult] = []
    whole = timed(lambda: results.extend(checker.check_pair(p) for p in pairs))
    whole += timed(lambda: checker.report([], results))
    texts = [t for p in pairs for t in (p.translation, *p.references)]
    pieces = timed(lambda: [subword.pieces(t) for t in texts])
    report = checker.report([], results)
    sacrebleu, copied = spent["sacrebleu"], spent["copy"]
    own = whole - sacrebleu - copied
    findings = sum(len(r.findings) for r in results)
    print(
        f"pairs: {len(pairs)}  (glossary: {len(glossary.entries)} entries; "
        f"cores available: {len(os.sched_getaffinity(0))}, one used)"
    )
    print(f"sentencepiece model trained in {model_time:.2f} s ({len(lines)} lines)")
    print(
        f"headline check, all pairs:    {whole:7.2f} s  {len(pairs) / whole:7.0f} pairs/s per core"
        f"  {whole / len(pairs) * 1e3:.3f} ms/pair"
    )
    print(
        f"  sacrebleu (5 metrics):       {sacrebleu:7.2f} s  {sacrebleu / whole:6.1%}"
        f"  (its subword tokenization alone: {pieces:.2f} s)"
    )
    print(f"  copy checks on translations: {copied:7.2f} s  {copied / whole:6.1%}")
    print(f"  headline analysis and rules: {own:7.2f} s  {own / whole:6.1%}")
    print(f"ratio of own code to sacrebleu: {(whole - sacrebleu) / sacrebleu:.2f}")
    values = report.corpus.values
    print(
        f"findings: {findings}; corpus BLEU {values['bleu']:.2f}, chrF {values['chrf']:.2f}, "
        f"TER {values['ter']:.2f}; term exact match {report.terms.exact_match:.3f}"
    )


if __name__ == "__main__":
    main()
