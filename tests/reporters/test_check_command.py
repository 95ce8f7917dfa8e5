"""`termcheck check` with the report formats, --output, --fix, --unsafe-fixes and --diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from checker.cli import main
from tests.clirun import invoke as run_cli
from tests.conftest import FIXTURE_ARGS
from tests.reporters.conftest import SEED

BASE = FIXTURE_ARGS


def invoke(*args: str) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of one command."""
    result = run_cli(args)
    return result.exit_code, result.stdout, result.stderr


def seed_copy(tmp_path: Path) -> Path:
    copy = tmp_path / SEED.name
    shutil.copyfile(SEED, copy)
    return copy


@pytest.mark.parametrize("fmt", ["jsonl", "sarif", "junit", "github", "html"])
def test_each_format_writes_its_report_to_the_output_file(tmp_path: Path, fmt: str) -> None:
    report = tmp_path / f"report.{fmt}"
    code, out, err = invoke("check", str(SEED), *BASE, "--format", fmt, "--output", str(report))
    assert code == 1
    assert out == err == ""
    text = report.read_text(encoding="utf-8")
    if fmt == "jsonl":
        assert len(text.splitlines()) == 17
    elif fmt == "sarif":
        assert len(json.loads(text)["runs"][0]["results"]) == 17
    elif fmt == "junit":
        assert etree.fromstring(text.encode("utf-8")).get("tests") == "17"
    elif fmt == "github":
        assert text.count("::error ") == 9 and text.count("::warning ") == 8
    else:
        assert text.count('class="card ') == 17


def test_fix_writes_the_file_and_reports_what_remains(tmp_path: Path) -> None:
    story = seed_copy(tmp_path)
    code, out, err = invoke("check", str(story), *BASE, "--fix", "--format", "jsonl")
    assert code == 1  # unsafe and unfixable findings remain
    # "Liu jianchao" keeps its case finding without a fix: the title says he is the wrong man.
    codes = [json.loads(line)["code"] for line in out.splitlines()]
    assert codes == ["TT001", "TM001", "TT002", "TT004"]
    assert err == "termcheck: fixed 12 findings in 1 file\n"
    assert "Masaaki Kanai, Japan’s" in story.read_text(encoding="utf-8")
    code, out, err = invoke("check", str(story), *BASE, "--fix", "--select", "TM,ST,MC")
    assert code == 1
    assert err == "termcheck: fixed 0 findings in 0 files\n"
    assert "TM001 'Liu jianchao' is miscapitalized" in out
    assert "Found 1 finding" in out


def test_unsafe_fixes_with_fix(tmp_path: Path) -> None:
    story = seed_copy(tmp_path)
    code, _, err = invoke("check", str(story), *BASE, "--fix", "--unsafe-fixes", "-o", "-")
    assert code == 0
    assert err == "termcheck: fixed 16 findings in 1 file\n"
    assert "from Prime Minister Sanae Takaichi" in story.read_text(encoding="utf-8")
    assert "and Liu Jinsong, director-general of" in story.read_text(encoding="utf-8")


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    story = seed_copy(tmp_path)
    before = story.read_bytes()
    code, out, err = invoke("check", str(story), *BASE, "--diff")
    assert code == 1
    assert story.read_bytes() == before
    assert out.splitlines()[:3] == [f"--- {story}", f"+++ {story}", "@@ -1,6 +1,6 @@"]
    assert "\n+Complicating matters, Japan’s ruling" in out
    assert err == "termcheck: would fix 12 findings in 1 file\n"
    clean = tmp_path / "clean.txt"
    clean.write_text("Talks ended.\n", encoding="utf-8")
    assert invoke("check", str(clean), *BASE, "--diff") == (
        0,
        "",
        "termcheck: would fix 0 findings in 0 files\n",
    )


def test_fail_on_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert invoke("check", str(SEED), *BASE, "--fail-on", "error", "--select", "ST")[0] == 0
    assert invoke("check", str(SEED), *BASE, "--fail-on", "error", "--select", "TM")[0] == 1
    for args, message in [
        (["--unsafe-fixes"], "--unsafe-fixes applies fixes: use it with --fix or --diff"),
        (
            ["--format", "xml"],
            "--format: invalid choice 'xml' "
            "(one of text, concise, json, jsonl, sarif, junit, github, html)",
        ),
        (
            ["--fail-on", "fatal"],
            "--fail-on: unknown severity 'fatal' (use info, warning or error)",
        ),
    ]:
        with pytest.raises(SystemExit) as exit_info:
            main(["check", str(SEED), *BASE, *args])
        assert exit_info.value.code == 2
        hint = " (see termcheck check --help)"
        assert capsys.readouterr().err == f"termcheck: error: {message}{hint}\n"


def test_an_unreadable_file_is_reported_and_the_others_checked(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe\xfa not text at all \x81")
    story = seed_copy(tmp_path)
    code, out, err = invoke("check", str(broken), str(story), *BASE, "--format", "jsonl", "--fix")
    assert code == 2
    assert len(out.splitlines()) == 4
    first, second, last = err.splitlines()
    assert first.startswith(f"termcheck: error: {broken}:1:")
    assert second == "termcheck: fixed 12 findings in 1 file"
    assert last == f"termcheck: skipped 1 file that could not be read or checked: {broken}"
