"""Real professional copy on Japan–China relations, 2012–2026, checked on its own dates: the
set the rules were tuned on (`excerpts.yaml`), the fresh held-out set (`fresh.yaml`) and the
unseen set (`unseen.yaml`), each collected with its expectations before any rule was changed
for it.

Each excerpt gets exactly the knowledge findings (TM*, NM*, TT*, MC*) a careful copy editor
would agree with, at their exact offsets — most get none. Single errors injected into the
clean excerpts are reported at their span, and the fixes restore the clean copy and damage
nothing. Cases the checker does not yet meet are listed in each set's `known_gaps` with what
it does wrong, and run here as expected failures."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.realcopy.harness import (
    CORPUS,
    FRESH,
    HELDOUT,
    INJECTION_KINDS,
    KNOWLEDGE_PREFIXES,
    MAX_WORDS,
    UNSEEN,
    Corpus,
    Excerpt,
    Figures,
    Injection,
    _corruption,
    default_bench,
    injections,
    judge,
    load_corpus,
    measure,
    page_address,
)

# The sets run here, by name: "tuned" shapes the rules; "fresh" and "unseen" were collected,
# and their expectations written, before any rule was changed for them.
CORPORA = {
    "tuned": load_corpus(CORPUS),
    "fresh": load_corpus(FRESH),
    "unseen": load_corpus(UNSEEN),
}

# The targets, per kind of injected error.
MIN_RECALL = 0.95
MIN_RESTORED = 0.90


def _gap_mark(corpus: str, key: str) -> list[pytest.MarkDecorator]:
    reason = CORPORA[corpus].gap(key)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@cache
def _figures(corpus: str) -> Figures:
    return measure(default_bench(), CORPORA[corpus])


# --- the corpus itself ------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_spans_the_beat(name: str) -> None:
    corpus: Corpus = CORPORA[name]
    assert len(corpus.excerpts) >= 150
    assert corpus.words >= 5_000
    years = Counter(e.date.year for e in corpus.excerpts)
    assert min(years) <= 2012 and max(years) >= 2026
    assert len(years) >= 12
    outlets = {e.outlet.split(" via ")[0].split(" (")[0] for e in corpus.excerpts}
    assert len(outlets) >= 30
    assert sum(e.kind == "headline" for e in corpus.excerpts) >= 20
    assert sum(bool(e.expect) for e in corpus.excerpts) >= 10


@pytest.mark.parametrize("name", CORPORA)
def test_each_excerpt_is_a_short_dated_quotation_with_its_source(name: str) -> None:
    corpus = CORPORA[name]
    ids = Counter(e.id for e in corpus.excerpts)
    assert [i for i, n in ids.items() if n > 1] == []
    for e in corpus.excerpts:
        assert e.url.startswith(("http://", "https://", "file:samples/")), e.id
        assert dt.date(2012, 1, 1) <= e.date <= dt.date(2026, 12, 31), e.id
        assert e.words <= MAX_WORDS, (e.id, e.words)
        assert e.text == e.text.strip(), e.id
        for x in e.expect:
            assert x.code.startswith(KNOWLEDGE_PREFIXES)
            assert 0 <= x.start < x.end <= len(e.text)


@pytest.mark.parametrize(
    ("name", "earlier"), [("fresh", (CORPUS, HELDOUT)), ("unseen", (CORPUS, HELDOUT, FRESH))]
)
def test_a_held_out_set_shares_no_page_with_the_sets_before_it(
    name: str, earlier: tuple[Path, ...]
) -> None:
    """A held-out set is held out: none of its pages is in a set made before it, however
    the address is written."""
    seen = {page_address(e.url) for path in earlier for e in load_corpus(path).excerpts}
    held_out = CORPORA[name].excerpts
    assert sorted({e.url for e in held_out if page_address(e.url) in seen}) == []


@pytest.mark.parametrize("name", CORPORA)
def test_known_gaps_name_real_cases(name: str) -> None:
    corpus = CORPORA[name]
    ids = {e.id for e in corpus.excerpts}
    kinds = {f"{prefix}:{k}" for prefix in ("injected", "fixed") for k in INJECTION_KINDS}
    assert [k for k in corpus.known_gaps if k not in ids | kinds] == []


# --- professional copy: exact findings ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "excerpt"),
    [
        pytest.param(name, e, id=f"{name}:{e.id}", marks=_gap_mark(name, e.id))
        for name, corpus in CORPORA.items()
        for e in corpus.excerpts
    ],
)
def test_excerpt_gets_exactly_its_expected_findings(name: str, excerpt: Excerpt) -> None:
    judged = judge(default_bench(), excerpt)
    wrong = [f.describe() for f in judged.false_alarms]
    missed = [x.describe(excerpt.text) for x in judged.missed]
    assert (wrong, missed) == ([], []), excerpt.text


# --- injected errors ----------------------------------------------------------------------


@pytest.mark.parametrize("name", CORPORA)
def test_every_kind_of_error_is_injected(name: str) -> None:
    glossary = default_bench().glossary
    kinds = Counter(i.kind for e in CORPORA[name].excerpts for i in injections(glossary, e))
    assert set(kinds) == set(INJECTION_KINDS)
    assert all(n >= 20 for n in kinds.values()), kinds


@pytest.mark.parametrize("name", CORPORA)
def test_injection_changes_only_its_span(name: str) -> None:
    for e in CORPORA[name].excerpts:
        for i in injections(default_bench().glossary, e):
            clean_end = i.span.start + len(i.clean)
            assert i.text[: i.span.start] == e.text[: i.span.start], i.id
            assert e.text[i.span.start : clean_end] == i.clean, i.id
            assert i.text[i.span.end :] == e.text[clean_end:], i.id
            assert i.error != i.clean, i.id


def test_no_name_order_error_is_injected_inside_a_quotation() -> None:
    """Name order inside quoted speech is the speaker's, which no rule judges: the harness
    injects family-name-first only outside quotations, and every other kind inside them."""
    glossary = default_bench().glossary
    quoted = next(
        e for e in CORPORA["fresh"].excerpts if e.id == "urdupoint-2019-06-23-lu-kang-quote"
    )
    assert '"At the invitation of Japanese Prime Minister Shinzo Abe,' in quoted.text
    inside = {i.kind for i in injections(glossary, quoted)}
    assert "family-name-first" not in inside and "lower-case" in inside
    unquoted = replace(quoted, text=quoted.text.replace('"', ""))
    assert "family-name-first" in {i.kind for i in injections(glossary, unquoted)}


def _each_set_and_kind(gap: str) -> list[Any]:
    """Every set with every injection kind, marked where the set lists `gap:kind` as a
    known gap."""
    return [
        pytest.param(name, k, id=f"{name}:{k}", marks=_gap_mark(name, f"{gap}:{k}"))
        for name in CORPORA
        for k in INJECTION_KINDS
    ]


@pytest.mark.parametrize(("name", "kind"), _each_set_and_kind("injected"))
def test_injected_errors_are_reported_at_their_span(name: str, kind: str) -> None:
    figures = _figures(name)
    missed = [o.describe() for o in figures.by_kind(kind) if not o.reported]
    assert figures.recall(kind) >= MIN_RECALL, "\n".join(missed)


@pytest.mark.parametrize(("name", "kind"), _each_set_and_kind("fixed"))
def test_fixes_restore_the_clean_copy_and_damage_nothing(name: str, kind: str) -> None:
    figures = _figures(name)
    corrupted = [f"{o.describe()}: {o.corruption}" for o in figures.corrupted(kind)]
    assert corrupted == []
    unrestored = [o.describe() for o in figures.by_kind(kind) if not o.restored]
    assert figures.restoration(kind) >= MIN_RESTORED, "\n".join(unrestored)


def test_damage_detection_catches_a_doubled_name_and_an_edit_elsewhere() -> None:
    """The damage check can fail: a fix that writes the full name over the family name,
    or an edit outside the injected error, is reported."""
    bench = default_bench()
    tuned = CORPORA["tuned"].excerpts
    excerpt = next(e for e in tuned if e.id == "joongang-2025-10-31-takaichi-xi")
    injection = next(i for i in injections(bench.glossary, excerpt) if i.kind == "misspelt")
    clean_fixed = bench.fixed(excerpt, excerpt.text, unsafe=True)
    doubled = clean_fixed.replace("Sanae Takaichi", "Sanae Sanae Takaichi")
    assert "doubled word" in str(_corruption(bench, injection, doubled, clean_fixed))
    elsewhere = Injection(
        excerpt,
        injection.kind,
        injection.text.replace("with Chinese President", "with chinese President"),
        injection.span,
        injection.clean,
        injection.detail,
    )
    damage = _corruption(bench, elsewhere, elsewhere.text, clean_fixed)
    assert damage is not None and "outside the error" in damage
