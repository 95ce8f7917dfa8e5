"""CK: findings about termcheck's own directives in the copy. They are made by the
suppression step after the document rules have run, not by a document check; they are
registered here so that selection, severity, `termcheck rules` and `explain` know them."""

from __future__ import annotations

from checker.model import Severity
from checker.rules.base import Rule, register


@register
class UnusedSuppression(Rule):
    """A suppression directive that suppresses nothing.

    ## Why
    A directive left behind after the copy was corrected would hide the next real mistake
    in that paragraph. Remove the directive, or the codes in it that no longer apply. A
    directive for a rule that is not selected in this run is not reported.

    ## Bad
        # termcheck: ignore MC002
        A long fight is anticipated. Planned talks were not held.

    ## Good
        # termcheck: ignore MC002
        A long fight is anticipated.Planned talks were not held.

    ## Fix safety
    No fix: delete the directive, or the unused code in it, by hand.
    """

    code = "CK002"
    name = "unused-suppression"
    default_severity = Severity.WARNING


@register
class InvalidSuppression(Rule):
    """A suppression directive that cannot be read or names an unknown rule code.

    ## Why
    A mistyped directive suppresses nothing, so the finding it was meant to silence is
    still reported and the directive looks as if it worked. Write
    `termcheck: ignore CODE[,CODE]` with codes from `termcheck rules`.

    ## Bad
        # termcheck: ignore XX999
        The talks ended.

    ## Good
        # termcheck: ignore MC001
        the talks ended.

    ## Fix safety
    No fix: correct the directive by hand.
    """

    code = "CK003"
    name = "invalid-suppression"
    default_severity = Severity.ERROR
