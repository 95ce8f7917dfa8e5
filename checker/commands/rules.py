"""`termcheck rules` and `termcheck explain CODE`."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.errors import UsageError
from checker.rules import REGISTRY, code_for, doc_sections, iter_rules


def rules_command(
    output_format: Annotated[str, typer.Option("--format", help="text or md")] = "text",
) -> None:
    """List every rule: code, name, default severity and summary."""
    if output_format not in ("text", "md"):
        raise UsageError("rules --format is text or md")
    if output_format == "md":
        for rule in iter_rules():
            typer.echo(explain_text(rule.code, markdown=True))
        return
    for rule in iter_rules():
        summary = doc_sections(rule)["summary"].splitlines()[0]
        typer.echo(f"{rule.code}  {rule.name:<28} {rule.default_severity.label:<8} {summary}")


def explain_text(code: str, markdown: bool = False) -> str:
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


def explain_command(code: Annotated[str, typer.Argument(help="A rule code or name.")]) -> None:
    """Explain a rule: why, a bad and a good example, and how safe its fix is."""
    resolved = code_for(code)
    if resolved is None:
        raise UsageError(f"unknown rule {code!r} (see 'termcheck rules')")
    typer.echo(explain_text(resolved), nl=False)
