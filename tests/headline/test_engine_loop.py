"""One engine loop: `engine.run_rules` runs the selected rules of either kind over a unit of
work (a document's analysis or a pair's) and yields their findings."""

from __future__ import annotations

from checker.engine import Selection, run_rules, selected_rules
from checker.headline.check import HeadlineChecker
from checker.headline.rules import PairReporter, PairRule
from checker.model import Finding, Severity
from checker.rules import DocumentRule
from tests.headline.conftest import pair

SWAPPED = pair("刘劲松18日会见金井正彰", "Liu Jianchao meets Masaaki Kanai on Nov. 19")


def test_one_registry_gives_each_kind_its_selected_rules() -> None:
    chosen = Selection(select=("HL", "TM001"), ignore=("HL008",))
    assert [r.code for r, _ in selected_rules(chosen, PairRule)] == [
        "HL001",
        "HL002",
        "HL003",
        "HL004",
        "HL005",
        "HL006",
        "HL007",
    ]
    assert [r.code for r, _ in selected_rules(chosen, DocumentRule)] == ["TM001"]


def test_the_loop_yields_a_pairs_findings_and_skips_what_it_is_told(
    checker: HeadlineChecker,
) -> None:
    analysis = checker.analyse(SWAPPED)

    def reporter(rule: PairRule, severity: Severity, out: list[Finding]) -> PairReporter:
        return PairReporter(rule, analysis, severity, out)

    found = [
        (f.code, f.segment, f.span.start, f.span.end)
        for f in run_rules(checker.rules, analysis, reporter)
    ]
    assert found == [
        ("HL004", "translation", 0, 12),
        ("HL006", "translation", 41, 43),
    ]
    assert found == [
        (f.code, f.segment, f.span.start, f.span.end)
        for f in checker.check_pair(SWAPPED, copy_checks=False).findings
    ]
    skipped = run_rules(checker.rules, analysis, reporter, skip={"HL004"})
    assert [f.code for f in skipped] == ["HL006"]
