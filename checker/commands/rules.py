"""`termcheck rules` and `termcheck explain CODE`."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.commands.usage import choice, command
from checker.errors import EXIT_CLEAN, UsageError


def register(app: typer.Typer) -> None:
    command(
        app,
        "rules",
        "List every rule: code, name, default severity and summary.",
        "List every rule: code, name, default severity and summary.",
        ("termcheck rules", "termcheck rules --format md > rules.md"),
    )(rules_command)
    command(
        app,
        "explain",
        "Explain a rule: why, a bad and a good example, how safe its fix is.",
        "Explain a rule: why, a bad and a good example, and how safe its fix is.",
        ("termcheck explain TT001", "termcheck explain title-not-held"),
    )(explain_command)


def rules_command(
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(("text", "md")),
            help="text (one line a rule, the default) or md (every rule explained, in Markdown)",
        ),
    ] = "text",
) -> int:
    """List every rule: code, name, default severity and summary."""
    from checker.explain import explain_text
    from checker.rules import doc_sections, iter_rules

    if output_format == "md":
        for rule in iter_rules():
            print(explain_text(rule.code, markdown=True))
        return EXIT_CLEAN
    for rule in iter_rules():
        summary = doc_sections(rule)["summary"].splitlines()[0]
        print(f"{rule.code}  {rule.name:<28} {rule.default_severity.label:<8} {summary}")
    return EXIT_CLEAN


def explain_command(
    code: Annotated[str, typer.Argument(metavar="CODE", help="a rule code or name")],
) -> int:
    """Explain a rule: why, a bad and a good example, and how safe its fix is."""
    from checker.explain import explain_text
    from checker.rules import code_for

    resolved = code_for(code)
    if resolved is None:
        raise UsageError(f"unknown rule {code!r} (see 'termcheck rules')")
    print(explain_text(resolved), end="")
    return EXIT_CLEAN
