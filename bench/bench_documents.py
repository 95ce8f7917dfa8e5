"""Benchmark document-scale pairs: ten document pairs of 800–3,900 source characters,
checked and scored for two systems with a dictionary of about 948 terms, on one core.

The WMT25 track-2 HKMA chapters are not on this machine; the documents are built the same
shape from public data: consecutive WMT19 zh→en news test sentences (the project's shared
data), one sentence a line, so source, translation and reference align 1:1 by line as the
HKMA chapters do. The dictionary is the TICO-19 Chinese–English terminologies (CC0), their
first 948 distinct Chinese terms. The two "systems" are the references degraded with a
fixed seed (words dropped, replaced and reordered; a dictionary term's rendering dropped),
as no system output ships with the data.

Prints the time of the whole batch (glossary from its cache, dictionary compiled once, all
checks and the five scores), the time per pair against its length (per-pair time per
1,000 characters should stay flat: linear growth), and the corpus scores with their
signatures.

    python bench/bench_documents.py [--documents 10]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import time
from pathlib import Path

from checker.cache import GlossaryCache
from checker.headline.check import HeadlineChecker, PairResult
from checker.headline.pairs import HeadlinePair, PairTerm, new_pair
from checker.style import load_style

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
NEWSTEST = DATA / "wmt-newstest-zh2en" / "damo_mt_testsets_zh2en_news_wmt19.csv"
TERMINOLOGIES = DATA / "tico19-zh-en" / "terminologies"
DICTIONARY_SIZE = 948
SEED = 20251205
TARGET_SECONDS = 30.0


def dictionary() -> tuple[PairTerm, ...]:
    """The first 948 distinct Chinese terms of the TICO-19 terminologies, with every
    English rendering they are given."""
    renderings: dict[str, list[str]] = {}
    for path in sorted(TERMINOLOGIES.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                source, target = row["sourceString"].strip(), row["targetString"].strip()
                zh, en = (target, source) if row["sourceLang"] == "en" else (source, target)
                for term in zh.replace("：", ":").split(":"):
                    if term.strip() and en:
                        known = renderings.setdefault(term.strip(), [])
                        if en not in known:
                            known.append(en)
    items = list(renderings.items())[:DICTIONARY_SIZE]
    return tuple(PairTerm(zh, tuple(en)) for zh, en in items)


def documents(count: int) -> list[tuple[str, str]]:
    """`count` documents of consecutive sentences, from 800 to 3,900 source characters."""
    with open(NEWSTEST, encoding="utf-8", newline="") as stream:
        rows = [(r[0].strip(), r[1].strip()) for r in list(csv.reader(stream))[1:]]
    rows = [(zh, en) for zh, en in rows if zh and en and "\n" not in zh + en]
    out = []
    at = 0
    for number in range(count):
        size = 800 + (3900 - 800) * number // max(count - 1, 1)
        lines: list[tuple[str, str]] = []
        while sum(len(zh) for zh, _ in lines) < size:
            lines.append(rows[at % len(rows)])
            at += 1
        out.append(("\n".join(zh for zh, _ in lines), "\n".join(en for _, en in lines)))
    return out


def system(reference: str, rng: random.Random, terms: tuple[PairTerm, ...], rate: float) -> str:
    """The reference degraded line by line, as a system output stands in for it."""
    renderings = sorted({t for term in terms for t in term.targets}, key=len, reverse=True)
    lines = []
    for line in reference.split("\n"):
        for rendering in renderings:
            if rendering in line and rng.random() < rate:
                line = line.replace(rendering, "it", 1)
                break
        words = line.split()
        for _ in range(int(len(words) * rate)):
            if len(words) < 3:
                break
            roll = rng.random()
            at = rng.randrange(len(words))
            if roll < 0.4:
                del words[at]
            elif roll < 0.7:
                words[at] = rng.choice(["the", "a", "and", "said", "also"])
            else:
                other = rng.randrange(len(words))
                words[at], words[other] = words[other], words[at]
        lines.append(" ".join(words))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    terms = dictionary()
    docs = documents(args.documents)
    rng = random.Random(SEED)
    pairs: list[HeadlinePair] = []
    for name, rate in (("system-a", 0.08), ("system-b", 0.2)):
        for number, (source, reference) in enumerate(docs, start=1):
            translation = system(reference, rng, terms, rate)
            pairs.append(
                new_pair(f"{name}/{number}", source, translation, [reference], "zh-Hans", terms)
            )
    start = time.perf_counter()
    compiled = GlossaryCache().load(None)
    checker = HeadlineChecker(
        compiled.glossary, load_style(None), date=dt.date(2019, 1, 1), index=compiled.index
    )
    loaded = time.perf_counter() - start
    results: list[PairResult] = []
    timings: list[tuple[int, int, float]] = []
    for each in pairs:
        begin = time.perf_counter()
        results.append(checker.check_pair(each))
        timings.append((len(each.source), len(each.translation), time.perf_counter() - begin))
    report = checker.report([], results)
    whole = time.perf_counter() - start
    print(
        f"{len(docs)} documents x 2 systems = {len(pairs)} pairs; dictionary {len(terms)} terms "
        f"(TICO-19); {sum(len(s) for s, _ in docs)} source characters in all; one core"
    )
    print(f"glossary from the cache and checker ready: {loaded:.2f} s")
    print(
        f"whole batch (load, check, score, report): {whole:.2f} s  "
        f"target {TARGET_SECONDS:.0f} s: {whole / TARGET_SECONDS:.0%} of it"
    )
    print("per pair: source chars, English chars, seconds, ms per 1,000 source chars")
    rates = []
    for (chars, english, seconds), each in zip(timings, pairs, strict=True):
        rate = seconds * 1e6 / chars
        rates.append(rate)
        print(f"  {each.id:<12} {chars:5d} {english:6d} {seconds:7.3f}  {rate:6.1f}")
    first, last = timings[: len(docs)], timings[len(docs) :]
    print(
        f"ms per 1,000 chars: min {min(rates):.1f}, max {max(rates):.1f}; longest/shortest "
        f"document time ratio {first[-1][2] / first[0][2]:.2f} for a length ratio "
        f"{first[-1][0] / first[0][0]:.2f} (system-a), "
        f"{last[-1][2] / last[0][2]:.2f} (system-b)"
    )
    values, signatures = report.corpus.values, report.corpus.signatures
    for name in ("bleu", "chrf_pp", "chrf", "ter"):
        if values.get(name) is not None:
            print(f"  {name:<8} {values[name]:6.2f}  {signatures[name]}")
    print(f"  term success rate (WMT25 track 2): {report.terms.success_rate}")
    findings = sum(len(r.findings) for r in results)
    print(f"findings: {findings}")


if __name__ == "__main__":
    main()
