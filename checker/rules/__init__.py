"""The rule registry: every family module is imported here, explicitly, the pair rules
(HL, over a source and its translation) with the copy rules."""

from checker.headline import rules as headline
from checker.rules import invisible, mechanics, meta, names, style, terms, titles
from checker.rules.base import (
    REGISTRY,
    DocumentRule,
    Rule,
    code_for,
    doc_sections,
    examples,
    iter_rules,
)

__all__ = [
    "REGISTRY",
    "DocumentRule",
    "Rule",
    "code_for",
    "doc_sections",
    "examples",
    "headline",
    "invisible",
    "iter_rules",
    "mechanics",
    "meta",
    "names",
    "style",
    "terms",
    "titles",
]
