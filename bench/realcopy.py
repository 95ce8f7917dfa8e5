"""Precision, recall and fix figures on the project's real-copy test set.

    python bench/realcopy.py [--list] [--markdown] [--corpus FILE]

Runs each excerpt of `tests/realcopy/excerpts.yaml` (short quotations of English news and
official readouts on Japan–China relations, 2012–2026) through the library on its own date
with the bundled glossaries and the default style, then injects single errors into the
clean excerpts and fixes them. Prints:

- precision: knowledge findings (TM*, NM*, TT*, MC*) on the copy that the excerpt does not
  expect, per 10,000 words (target: at most 1), and expected findings missed;
- recall: injected errors reported at their span, per kind (target: at least 95 %);
- fixes: injected errors that `--fix` (and `--fix --unsafe-fixes`) restore exactly to what
  the clean excerpt fixes to (target: at least 90 %), and fixes that damage the copy
  (a doubled word, an edit outside the error, a second pass that still changes text;
  target: none).

`--list` names each false alarm, miss and damaging fix; `--markdown` prints the README rows;
`--corpus tests/realcopy/heldout.yaml` measures the held-out set instead: excerpts from other
outlets and pages, collected after the rules were tuned and never tuned on. Offline; about
ten seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.realcopy.harness import (
    CORPUS,
    INJECTION_KINDS,
    Figures,
    default_bench,
    load_corpus,
    measure,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="name every failure")
    parser.add_argument("--markdown", action="store_true", help="print the README table rows")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="the excerpts file (default: %(default)s)"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    corpus = load_corpus(args.corpus)
    figures = measure(default_bench(), corpus)
    seconds = time.perf_counter() - started
    if args.markdown:
        print(_markdown(figures))
    else:
        print(_report(figures, seconds))
    if args.list:
        print(_failures(figures))
    return 0


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def _report(f: Figures, seconds: float) -> str:
    outlets = {j.excerpt.outlet for j in f.judged}
    years = sorted({j.excerpt.date.year for j in f.judged})
    lines = [
        f"real copy: {f.excerpts} excerpts, {f.words:,} words, {len(outlets)} outlets, "
        f"{years[0]}–{years[-1]} (measured {dt.date.today()}, {seconds:.1f} s)",
        f"precision: {len(f.false_alarms)} knowledge findings not expected = "
        f"{f.false_alarms_per_10k_words:.1f} per 10,000 words (target ≤ 1); "
        f"{len(f.missed)} of {sum(len(j.excerpt.expect) for j in f.judged)} expected missed",
        f"injected errors: {len(f.outcomes)}",
        f"  {'kind':<20} {'n':>4} {'at span':>8} {'--fix':>8} {'+unsafe':>8} {'damaged':>8}",
    ]
    for kind in (*INJECTION_KINDS, None):
        chosen = f.by_kind(kind)
        lines.append(
            f"  {kind or 'all':<20} {len(chosen):>4} {_pct(f.recall(kind)):>8} "
            f"{_pct(f.restoration(kind, unsafe=False)):>8} {_pct(f.restoration(kind)):>8} "
            f"{len(f.corrupted(kind)):>8}"
        )
    lines.append("targets: at span ≥ 95 %, restored (with unsafe fixes) ≥ 90 %, damaged 0")
    return "\n".join(lines)


def _markdown(f: Figures) -> str:
    today = dt.date.today().isoformat()
    rows = [
        "| real copy (measured " + today + ") | figure | target |",
        "|---|---:|---|",
        f"| knowledge findings not expected, per 10,000 words ({f.excerpts} excerpts, "
        f"{f.words:,} words) | {f.false_alarms_per_10k_words:.1f} | ≤ 1 |",
        f"| expected findings missed (known-wrong copy) | {len(f.missed)} of "
        f"{sum(len(j.excerpt.expect) for j in f.judged)} | 0 |",
        f"| injected errors reported at their span ({len(f.outcomes)} errors) | "
        f"{_pct(f.recall())} | ≥ 95 % |",
    ]
    for kind in INJECTION_KINDS:
        rows.append(f"| — {kind} ({len(f.by_kind(kind))}) | {_pct(f.recall(kind))} | ≥ 95 % |")
    rows += [
        f"| injected errors restored exactly by `--fix` | {_pct(f.restoration(unsafe=False))} "
        "| — |",
        f"| … by `--fix --unsafe-fixes` | {_pct(f.restoration())} | ≥ 90 % |",
        f"| fixes that damage the copy | {len(f.corrupted())} | 0 |",
    ]
    return "\n".join(rows)


def _failures(f: Figures) -> str:
    lines = ["", "false alarms:"]
    lines += [f"  {e.id} ({e.date}): {x.describe()}" for e, x in f.false_alarms]
    lines.append("expected findings missed:")
    lines += [f"  {e.id} ({e.date}): {x.describe(e.text)}" for e, x in f.missed]
    lines.append("injected errors not reported at their span:")
    lines += [f"  {o.describe()}" for o in f.outcomes if not o.reported]
    lines.append("fixes that damage the copy:")
    lines += [f"  {o.describe()}: {o.corruption}" for o in f.corrupted()]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
