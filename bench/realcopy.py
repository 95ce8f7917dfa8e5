"""Precision, recall and fix figures on the project's real-copy test sets.

    python bench/realcopy.py [--list] [--markdown] [--corpus FILE]

Runs each excerpt of the four real-copy sets (short quotations of English news and official
readouts on Japan–China relations, 2012–2026) through the library on its own date with the
bundled glossaries and the default style, then injects single errors into the clean excerpts
and fixes them. The sets are printed side by side:

- tuned (`tests/realcopy/excerpts.yaml`): the set the rules were tuned on;
- held-out (`tests/realcopy/heldout.yaml`): excerpts from other outlets and pages, collected
  after the rules were first tuned, and since used for tuning too;
- fresh (`tests/realcopy/fresh.yaml`): a newer held-out set from other pages again, whose
  expectations were written and figures recorded before any rule was changed for it;
- unseen (`tests/realcopy/unseen.yaml`): a fourth set, from other pages again, made the same
  way (its untuned figures are in its header).

For each set it prints:

- precision: knowledge findings (TM*, NM*, TT*, MC*) on the copy that the excerpt does not
  expect, per 10,000 words (target: at most 1), and expected findings missed;
- recall: injected errors reported at their span, per kind (target: at least 95 %);
- fixes: injected errors that `--fix` (and `--fix --unsafe-fixes`) restore exactly to what
  the clean excerpt fixes to (target: at least 90 %), and fixes that damage the copy
  (a doubled word, an edit outside the error, a second pass that still changes text;
  target: none).

`--corpus FILE` measures one excerpts file alone, with a table per kind of error; `--list`
names each false alarm, miss and damaging fix; `--markdown` prints the README rows. Offline;
about a minute for the four sets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.realcopy.harness import (
    INJECTION_KINDS,
    SETS,
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
        "--corpus", type=Path, help="measure this excerpts file alone (default: the four sets)"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    paths = {args.corpus.stem: args.corpus} if args.corpus else SETS
    figures = {name: measure(default_bench(), load_corpus(path)) for name, path in paths.items()}
    seconds = time.perf_counter() - started
    if args.markdown:
        print(_markdown(figures))
    elif args.corpus:
        print(_report(next(iter(figures.values())), seconds))
    else:
        print(_side_by_side(figures, seconds))
    if args.list:
        for name, f in figures.items():
            print(f"\n{name}:{_failures(f)}")
    return 0


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def _years(f: Figures) -> str:
    years = sorted({j.excerpt.date.year for j in f.judged})
    return f"{years[0]}–{years[-1]}"


def _outlets(f: Figures) -> int:
    return len({j.excerpt.outlet for j in f.judged})


def _expected(f: Figures) -> int:
    return sum(len(j.excerpt.expect) for j in f.judged)


def _report(f: Figures, seconds: float) -> str:
    lines = [
        f"real copy: {f.excerpts} excerpts, {f.words:,} words, {_outlets(f)} outlets, "
        f"{_years(f)} (measured {dt.date.today()}, {seconds:.1f} s)",
        f"precision: {len(f.false_alarms)} knowledge findings not expected = "
        f"{f.false_alarms_per_10k_words:.1f} per 10,000 words (target ≤ 1); "
        f"{len(f.missed)} of {_expected(f)} expected missed",
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


@dataclass(frozen=True)
class _Row:
    """One line of the side-by-side table: what it measures, its target, how to read it."""

    label: str
    figure: Callable[[Figures], str]
    target: str = ""


_ROWS = [
    _Row("excerpts", lambda f: str(f.excerpts)),
    _Row("words", lambda f: f"{f.words:,}"),
    _Row("outlets", lambda f: str(_outlets(f))),
    _Row("years", _years),
    _Row("knowledge findings not expected", lambda f: str(len(f.false_alarms))),
    _Row("  per 10,000 words", lambda f: f"{f.false_alarms_per_10k_words:.1f}", "≤ 1"),
    _Row("expected findings missed", lambda f: f"{len(f.missed)} of {_expected(f)}", "0"),
    _Row("injected errors", lambda f: str(len(f.outcomes))),
    *(_Row(f"  {kind} at span", lambda f, k=kind: _pct(f.recall(k))) for kind in INJECTION_KINDS),
    _Row("  all at span", lambda f: _pct(f.recall()), "≥ 95 %"),
    _Row("restored by --fix", lambda f: _pct(f.restoration(unsafe=False))),
    _Row("  … with --unsafe-fixes", lambda f: _pct(f.restoration()), "≥ 90 %"),
    _Row("fixes that damage the copy", lambda f: str(len(f.corrupted())), "0"),
]


def _side_by_side(figures: dict[str, Figures], seconds: float) -> str:
    width = max(len(row.label) for row in _ROWS)
    lines = [f"{'real copy, ' + str(dt.date.today()):<{width}}"]
    lines[0] += "".join(f" {name:>11}" for name in figures) + "   target"
    for row in _ROWS:
        cells = "".join(f" {row.figure(f):>11}" for f in figures.values())
        lines.append(f"{row.label:<{width}}{cells}   {row.target}".rstrip())
    lines.append(f"({seconds:.1f} s)")
    return "\n".join(lines)


def _markdown(figures: dict[str, Figures]) -> str:
    today = dt.date.today().isoformat()
    rows = [
        f"| real copy (measured {today}) | " + " | ".join(figures) + " | target |",
        "|---|" + "---:|" * len(figures) + "---|",
    ]
    for row in _ROWS:
        label = re.sub(r"(--[a-z-]+)", r"`\1`", row.label.strip())
        cells = " | ".join(row.figure(f) for f in figures.values())
        rows.append(f"| {label} | {cells} | {row.target or '—'} |")
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
