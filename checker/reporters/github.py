"""GitHub Actions workflow commands: one annotation per finding, on the file, line and
column range, escaped as the runner requires. (A job shows at most 10 annotations of each
level per step; write SARIF or JUnit as well when a run has more.)"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from checker.engine import Result
from checker.model import Severity
from checker.printable import encodable
from checker.reporters.common import position

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, message: str, **properties: object) -> str:
    listed = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    line = f"::{level}{' ' if listed else ''}{listed}::{escape_data(message)}"
    return encodable(line)


def write_github(results: Iterable[Result], out: TextIO) -> None:
    for result in results:
        for warning in result.warnings:
            out.write(annotation("warning", warning, file=result.path, title="termcheck") + "\n")
        for finding in result.findings:
            pos = position(result, finding)
            message = f"{finding.path}:{pos.line}:{pos.column}: {finding.code} {finding.message}"
            if finding.fix is not None:
                safety = finding.fix.applicability.name.lower().replace("_", "-")
                message += f"\n  help: {finding.fix.title} ({safety} fix)"
            line = annotation(
                _LEVELS[finding.severity],
                message,
                title=f"termcheck ({finding.code})",
                file=finding.path,
                line=pos.line,
                col=pos.column,
                endLine=pos.end_line,
                endColumn=pos.end_column,
            )
            out.write(line + "\n")
