"""A rule explained in words: its summary, why, a bad and a good example, how safe its
fix is. `termcheck explain` prints it; the SARIF report carries it as each rule's help."""

from __future__ import annotations

from checker.rules import REGISTRY, doc_sections


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
