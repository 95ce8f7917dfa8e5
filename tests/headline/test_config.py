"""`termcheck headlines` reads the configuration `check` reads (termcheck.toml, [tool.termcheck]
in pyproject.toml, --config FILE), and the command line wins over it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.clirun import Outcome, invoke
from tests.headline.conftest import GLOSSARY, SAMPLES, STYLE

PAIRS = "kanai-liu.tsv"
# Without configuration, the fixture glossary finds these two HL004 in the sample.
HL004 = [
    "kanai-liu.tsv:9:70: HL004 'Liu Jianchao' names Liu Jianchao",
    "kanai-liu.tsv:10:234: HL004 'deputy foreign minister' names Deputy Minister",
]
HL008 = "kanai-liu.tsv:6:47: HL008 chrF 25.7 against the reference is below 30"


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk folder holding the sample pair file and the fixture glossary and style."""
    folder = tmp_path / "desk"
    folder.mkdir()
    shutil.copy(SAMPLES / PAIRS, folder / PAIRS)
    shutil.copy(GLOSSARY, folder / "glossary.yaml")
    shutil.copy(STYLE, folder / "style.yaml")
    monkeypatch.chdir(folder)
    return folder


CONFIG = """bundled = false
glossaries = ["glossary.yaml"]
style = "style.yaml"
"""


def run(*args: str) -> Outcome:
    return invoke(["headlines", "--date", "2025-11-18", "--format", "concise", *args])


def lines_with(output: str, code: str) -> list[str]:
    return [line for line in output.splitlines() if f": {code} " in line]


def test_glossaries_style_and_ignore_come_from_termcheck_toml(desk: Path) -> None:
    (desk / "termcheck.toml").write_text(CONFIG + 'ignore = ["HL004"]\n', encoding="utf-8")
    result = run(PAIRS)
    assert result.exit_code == 1, result.output
    assert lines_with(result.output, "HL004") == []
    assert HL008 in result.output  # the fixture glossary's other findings stay


def test_the_command_line_wins_over_the_file(desk: Path) -> None:
    (desk / "termcheck.toml").write_text(CONFIG + 'ignore = ["HL004"]\n', encoding="utf-8")
    result = run(PAIRS, "--ignore", "HL008")
    found = lines_with(result.output, "HL004")
    assert [line[: len(want)] for line, want in zip(found, HL004, strict=True)] == HL004
    assert lines_with(result.output, "HL008") == []


def test_fail_on_from_the_file_and_over_it(desk: Path) -> None:
    # Only HL008 (an info note) is selected: the file's fail-on error passes the run.
    (desk / "termcheck.toml").write_text(
        CONFIG + 'select = ["HL008"]\nfail-on = "error"\n', encoding="utf-8"
    )
    result = run(PAIRS)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(HL008)
    assert run(PAIRS, "--fail-on", "info").exit_code == 1


def test_metrics_from_the_file_and_over_it(desk: Path) -> None:
    (desk / "termcheck.toml").write_text(CONFIG + 'metrics = ["bleu", "chrf++"]\n', "utf-8")
    summary = json.loads(run(PAIRS, "--format", "json").stdout)["summary"]
    assert set(summary["signatures"]) == {"bleu", "chrf_pp"}
    assert summary["chrf"] is None and summary["ter"] is None
    summary = json.loads(run(PAIRS, "--format", "json", "--metrics", "ter").stdout)["summary"]
    assert set(summary["signatures"]) == {"ter"}


def test_pyproject_table_found_walking_up_from_the_pair_file(desk: Path) -> None:
    nested = desk / "batch" / "today"
    nested.mkdir(parents=True)
    shutil.move(desk / PAIRS, nested / PAIRS)
    (desk / "pyproject.toml").write_text(
        '[project]\nname = "desk"\n\n[tool.termcheck]\n' + CONFIG + 'ignore = ["HL004"]\n',
        encoding="utf-8",
    )
    result = run(str(nested / PAIRS))
    assert lines_with(result.output, "HL004") == []
    assert lines_with(result.output, "HL008") != []


def test_explicit_config_file(desk: Path, tmp_path: Path) -> None:
    (desk / "termcheck.toml").write_text(CONFIG + 'ignore = ["HL004"]\n', encoding="utf-8")
    elsewhere = desk / "other.toml"
    elsewhere.write_text(CONFIG + 'ignore = ["HL008"]\n', encoding="utf-8")
    result = run(PAIRS, "--config", str(elsewhere))
    assert lines_with(result.output, "HL008") == []
    assert len(lines_with(result.output, "HL004")) == 2


def test_per_file_ignores_apply_to_pair_files(desk: Path) -> None:
    (desk / "termcheck.toml").write_text(
        CONFIG + '[per-file-ignores]\n"kanai-*.tsv" = ["HL004"]\n', encoding="utf-8"
    )
    result = run(PAIRS)
    assert lines_with(result.output, "HL004") == []
    assert lines_with(result.output, "HL008") != []


def test_severity_table_applies_to_pair_rules(desk: Path) -> None:
    (desk / "termcheck.toml").write_text(
        CONFIG + 'select = ["HL004"]\n[severity]\nHL004 = "info"\n', encoding="utf-8"
    )
    result = run(PAIRS, "--format", "json")
    severities = {
        f["code"]: f["severity"] for p in json.loads(result.stdout)["pairs"] for f in p["findings"]
    }
    assert severities == {"HL004": "info"}
    assert result.exit_code == 0


def test_unknown_metric_in_the_file_is_an_error_at_its_place(desk: Path) -> None:
    (desk / "termcheck.toml").write_text(CONFIG + 'metrics = ["bleu", "meteor"]\n', "utf-8")
    result = run(PAIRS)
    assert result.exit_code == 2
    assert "termcheck.toml:4:20: 'metrics': unknown metric 'meteor'" in result.stderr
    assert "Traceback" not in result.output


def test_pair_files_under_different_configurations_are_refused(desk: Path) -> None:
    (desk / "termcheck.toml").write_text(CONFIG, encoding="utf-8")
    other = desk / "other"
    other.mkdir()
    shutil.copy(desk / PAIRS, other / PAIRS)
    (other / "termcheck.toml").write_text('glossaries = ["../glossary.yaml"]\n', "utf-8")
    result = run(PAIRS, str(other / PAIRS))
    assert result.exit_code == 2
    assert "the pair files are under different configurations" in result.stderr
    assert str(other / "termcheck.toml") in result.stderr


def test_show_settings_says_where_each_setting_comes_from(desk: Path) -> None:
    (desk / "termcheck.toml").write_text(
        CONFIG + 'ignore = ["HL004"]\nmetrics = ["chrf"]\nfail-on = "error"\n', "utf-8"
    )
    result = invoke(["headlines", PAIRS, "--show-settings", "--ignore", "HL008"])
    assert result.exit_code == 0
    config = str(desk / "termcheck.toml")
    lines = result.stdout.splitlines()
    assert lines[0] == f"configuration: {config}"
    assert "ignore: HL008 (command line)" in lines
    assert f"metrics: chrf ({config})" in lines
    assert f"fail-on: error ({config})" in lines
    assert "bundled glossaries: no" in result.stdout
    assert "date: today (default)" in lines
