"""Every rule, copy and pair, is in the registry of a plain library call."""

import subprocess
import sys

HEADLINE_CODES = [f"HL00{n}" for n in range(1, 10)]
LIST = "print(sorted(REGISTRY))"


def _fresh(code: str) -> str:
    """What a new interpreter prints after running `code`."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_importing_the_rules_alone_registers_the_headline_rules() -> None:
    printed = _fresh("from checker.rules import REGISTRY; print(' '.join(sorted(REGISTRY)))")
    codes = printed.split()
    assert [c for c in codes if c.startswith("HL")] == HEADLINE_CODES
    assert {"TM001", "NM001", "TT001", "ST001", "MC001", "CK002"} <= set(codes)


def test_a_selection_of_a_headline_rule_works_from_the_engine_alone() -> None:
    printed = _fresh(
        "from checker.engine import Selection\n"
        "s = Selection(select=('HL005',))\n"
        "print(s.enabled('HL005'), s.enabled('HL001'), s.enabled('TM001'))"
    )
    assert printed == "True False False"


def test_registering_the_rules_loads_no_metric_or_subword_library() -> None:
    printed = _fresh(
        "import sys, checker.rules\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('sacrebleu', 'sentencepiece') or m in"
        " ('checker.headline.metrics', 'checker.headline.alignment', 'checker.headline.check')))"
    )
    assert printed == "[]"


def test_the_registry_is_whole_whichever_module_is_imported_first() -> None:
    whole = _fresh(f"from checker.rules import REGISTRY\n{LIST}")
    for first in ("checker.headline.rules", "checker.analysis", "checker.rules.terms"):
        printed = _fresh(f"import {first}\nfrom checker.rules import REGISTRY\n{LIST}")
        assert printed == whole, first
