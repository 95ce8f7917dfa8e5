"""JSON Lines: one finding per line, written as soon as its file has been checked, so a
batch of thousands of files streams with nothing held in memory. Each line is the record
of the JSON report's `findings` list."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from checker.engine import Result
from checker.reporters.json import finding_record


def write_jsonl(results: Iterable[Result], out: TextIO) -> None:
    for result in results:
        for finding in result.findings:
            out.write(json.dumps(finding_record(result, finding), ensure_ascii=False))
            out.write("\n")
        out.flush()
