"""A report file is never left half written, and no temporary file is left behind, when
the process is stopped while it writes (Ctrl-C, SIGTERM, SIGHUP)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

WRITER = textwrap.dedent(
    """
    import sys, time
    from checker.output import open_output
    with open_output(sys.argv[1]) as out:
        out.write("half a report")
        out.flush()
        print("writing", flush=True)
        time.sleep(60)
    """
)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stopped_report_leaves_nothing(tmp_path: Path, stop: signal.Signals) -> None:
    target = tmp_path / "report.sarif"
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "writing\n"
    assert len(list(tmp_path.iterdir())) == 1  # the temporary file
    process.send_signal(stop)
    assert process.wait(timeout=30) != 0
    process.stdout.close()
    assert list(tmp_path.iterdir()) == []


def test_a_finished_report_replaces_the_old_one(tmp_path: Path) -> None:
    from checker.output import open_output

    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    with open_output(str(target)) as out:
        out.write("new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
