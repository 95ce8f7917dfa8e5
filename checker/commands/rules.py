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
    from checker.rules import doc_sections, iter_rules

    if output_format == "md":
        for rule in iter_rules():
            print(explain_text(rule.code, markdown=True))
        return EXIT_CLEAN
    for rule in iter_rules():
        summary = doc_sections(rule)["summary"].splitlines()[0]
        print(f"{rule.code}  {rule.name:<28} {rule.default_severity.label:<8} {summary}")
    return EXIT_CLEAN


def explain_text(code: str, markdown: bool = False) -> str:
    from checker.rules import REGISTRY, doc_sections

    rule = REGISTRY[code]
    sections = doc_sections(rule)
    head = f"{rule.code} {rule.name} (default severity: {rule.default_severity.label})"
    lines = [f"## {head}" if markdown else head, "", sections["summary"]]
    for name in ("why", "bad", "good", "fix safety"):
        if sections.get(name):
            lines += ["", f"### {name.capitalize()}" if markdown else f"{name.capitalize()}:"]
            body = sections[name]
            if markdown and name in ("bad", "good"):
                lines += ["```", body, "```"]
            else:
                lines += [
                    "    " + ln if name in ("bad", "good") else ln for ln in body.splitlines()
                ]
    return "\n".join(lines) + "\n"


def explain_command(
    code: Annotated[str, typer.Argument(metavar="CODE", help="a rule code or name")],
) -> int:
    """Explain a rule: why, a bad and a good example, and how safe its fix is."""
    from checker.rules import code_for

    resolved = code_for(code)
    if resolved is None:
        raise UsageError(f"unknown rule {code!r} (see 'termcheck rules')")
    print(explain_text(resolved), end="")
    return EXIT_CLEAN
