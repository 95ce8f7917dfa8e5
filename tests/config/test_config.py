"""Configuration files: discovery by walking up, strict validation with file, line and
column, paths relative to the file, command-line options over the file, per-file ignores."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main
from checker.config import ConfigFinder, Settings, load_config
from checker.engine import Checker, FileIgnore
from checker.errors import UsageError
from checker.model import Severity
from tests.clirun import invoke
from tests.conftest import FIXTURE_ARGS, MINI_GLOSSARY, NEWS_STYLE, described, make_checker


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(UsageError) as info:
        load_config(path)
    return str(info.value)


def test_a_termcheck_toml_is_found_from_a_nested_file(tmp_path: Path) -> None:
    config = write(tmp_path / "termcheck.toml", 'select = ["TM"]\nfail-on = "error"\n')
    story = write(tmp_path / "desk" / "2025" / "story.txt", "Talks.\n")
    settings = ConfigFinder().for_file(str(story))
    assert settings is not None
    assert settings.path == config
    assert settings.select == ("TM",)
    assert settings.threshold is Severity.ERROR


def test_pyproject_counts_only_with_a_termcheck_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.termcheck]\nignore = ["ST004"]\n')
    write(tmp_path / "desk" / "pyproject.toml", '[project]\nname = "desk"\n')
    story = write(tmp_path / "desk" / "story.txt", "Talks.\n")
    settings = ConfigFinder().for_file(str(story))
    assert settings is not None and settings.path == tmp_path / "pyproject.toml"
    assert settings.ignore == ("ST004",)


def test_termcheck_toml_wins_over_pyproject_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.termcheck]\nignore = ["ST004"]\n')
    write(tmp_path / "termcheck.toml", 'ignore = ["MC"]\n')
    settings = ConfigFinder().for_file(str(write(tmp_path / "a.txt", "x")))
    assert settings is not None and settings.ignore == ("MC",)


def test_no_configuration_anywhere(tmp_path: Path) -> None:
    story = write(tmp_path / "story.txt", "Talks.\n")
    assert ConfigFinder().for_file(str(story)) is None


def test_an_explicit_configuration_governs_every_file(tmp_path: Path) -> None:
    explicit = write(tmp_path / "ci.toml", 'ignore = ["NM"]\n')
    write(tmp_path / "termcheck.toml", 'ignore = ["MC"]\n')
    settings = ConfigFinder(explicit).for_file(str(write(tmp_path / "a.txt", "x")))
    assert settings is not None and settings.ignore == ("NM",)


def test_an_unknown_key_names_the_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "termcheck.toml", 'select = ["TM"]\n\n  fail_on = "error"\n')
    assert error_of(path) == (
        f"{path}:3:3: unknown key 'fail_on' (known: glossaries, bundled, style, select, "
        "ignore, fail-on, severity, per-file-ignores, metrics)"
    )


def test_an_unknown_key_in_pyproject_is_found_under_its_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[project]\nselect = 1\n\n[tool.termcheck]\nselect = ["TM"]\nfrobnicate = true\n',
    )
    assert error_of(path).startswith(f"{path}:6:1: unknown key 'frobnicate'")


def test_an_unknown_code_points_at_the_value(tmp_path: Path) -> None:
    path = write(tmp_path / "termcheck.toml", 'select = [\n  "TM",\n  "XX9",\n]\n')
    assert error_of(path) == (
        f"{path}:3:3: unknown rule code or prefix 'XX9' (see 'termcheck rules')"
    )


def test_an_unknown_rule_in_severity_and_per_file_ignores(tmp_path: Path) -> None:
    path = write(tmp_path / "termcheck.toml", '[severity]\nTM001 = "info"\nTM999 = "error"\n')
    assert (
        error_of(path) == f"{path}:3:1: unknown rule 'TM999' in [severity] (see 'termcheck rules')"
    )
    path = write(tmp_path / "termcheck.toml", '[per-file-ignores]\n"archive/**" = ["ST", "QQ"]\n')
    assert error_of(path) == (
        f"{path}:2:23: unknown rule code or prefix 'QQ' (see 'termcheck rules')"
    )


def test_inline_tables_and_bad_values(tmp_path: Path) -> None:
    path = write(tmp_path / "termcheck.toml", 'severity = { TM001 = "loud" }\n')
    assert error_of(path) == (
        f"{path}:1:22: 'severity.TM001': unknown severity 'loud' (use info, warning or error)"
    )
    path = write(tmp_path / "termcheck.toml", 'fail-on = "fatal"\n')
    assert error_of(path).startswith(f"{path}:1:11: 'fail-on': unknown severity 'fatal'")
    path = write(tmp_path / "termcheck.toml", 'select = "TM"\n')
    assert error_of(path) == f"{path}:1:1: 'select' must be a list of strings"


def test_a_toml_syntax_error_has_its_position(tmp_path: Path) -> None:
    path = write(tmp_path / "termcheck.toml", 'select = ["TM"\nignore = []\n')
    message = error_of(path)
    assert message.startswith(f"{path}:2:1: not valid TOML: ")


def test_severity_by_name_and_paths_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "g.yaml").write_bytes(MINI_GLOSSARY.read_bytes())
    (tmp_path / "house.yaml").write_bytes(NEWS_STYLE.read_bytes())
    path = write(
        tmp_path / "termcheck.toml",
        'glossaries = ["terms/g.yaml"]\nstyle = "house.yaml"\n[severity]\nterm-case = "info"\n',
    )
    settings = load_config(path)
    assert settings.glossaries == (str(tmp_path / "terms" / "g.yaml"),)
    assert settings.style == str(tmp_path / "house.yaml")
    assert dict(settings.severities) == {"TM001": Severity.INFO}


def test_a_missing_glossary_or_style_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "termcheck.toml", 'glossaries = [\n  "nowhere.yaml",\n]\n')
    assert error_of(path) == (
        f"{path}:2:3: glossary 'nowhere.yaml' not found "
        "(paths are relative to the configuration file)"
    )
    path = write(tmp_path / "termcheck.toml", 'style = "no-such-style"\n')
    assert error_of(path).startswith(f"{path}:1:9: style 'no-such-style' is neither a bundled")


def test_the_command_line_wins_over_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "termcheck.toml",
        'select = ["TM"]\nignore = ["TM002"]\nfail-on = "error"\n[severity]\nTM001 = "info"\n',
    )
    from_file = load_config(path)
    command_line = Settings(select=("ST",), fail_on=Severity.INFO)
    merged = command_line.over(from_file)
    assert merged.select == ("ST",)
    assert merged.ignore == ("TM002",)
    assert merged.threshold is Severity.INFO
    assert dict(merged.severities) == {"TM001": Severity.INFO}
    assert merged.path == path
    assert Settings().over(None).threshold is Severity.WARNING


def test_file_ignore_globs(tmp_path: Path) -> None:
    def matches(pattern: str, relative: str) -> bool:
        return FileIgnore(pattern, ("TM",), tmp_path).matches(tmp_path / relative)

    assert matches("archive/**", "archive/2024/a.txt")
    assert not matches("archive/*", "archive/2024/a.txt")
    assert matches("archive/*", "archive/a.txt")
    assert matches("*.md", "desk/notes/a.md")
    assert matches("**/drafts/*.txt", "drafts/a.txt")
    assert matches("**/drafts/*.txt", "x/y/drafts/a.txt")
    assert not matches("drafts/*.txt", "x/drafts/a.txt")
    assert not FileIgnore("*.md", ("TM",), tmp_path / "desk").matches(tmp_path / "a.md")


def test_per_file_ignores_drop_findings_in_matching_files(tmp_path: Path) -> None:
    write(tmp_path / "termcheck.toml", '[per-file-ignores]\n"archive/**" = ["TM001"]\n')
    old = write(tmp_path / "archive" / "old.txt", "Talks on taiwan, a dialog.\n")
    new = write(tmp_path / "new.txt", "Talks on taiwan, a dialog.\n")
    base = make_checker()
    settings = ConfigFinder().for_file(str(old))
    assert settings is not None
    checker = Checker(base.glossary, base.style, settings.selection(), base.date, base.index)
    assert described(checker.check_path(old)) == ["1:20 ST002 dialog"]
    assert described(checker.check_path(new)) == ["1:10 TM001 taiwan", "1:20 ST002 dialog"]
    suppressed = write(
        tmp_path / "archive" / "kept.txt", "# termcheck: ignore TM001\nTalks on taiwan.\n"
    )
    assert described(checker.check_path(suppressed)) == []


BASE = FIXTURE_ARGS


def test_cli_reads_the_configuration_and_lets_options_win(tmp_path: Path) -> None:
    write(tmp_path / "termcheck.toml", 'fail-on = "error"\nignore = ["TM"]\n')
    story = write(tmp_path / "story.txt", "Talks on taiwan, a dialog.\n")
    quiet = invoke(["check", str(story), *BASE, "--format", "jsonl"])
    assert quiet.exit_code == 0, quiet.output
    assert '"code": "ST002"' in quiet.output and "TM001" not in quiet.output
    loud = invoke(["check", str(story), *BASE, "--format", "jsonl", "--ignore", "MC"])
    assert loud.exit_code == 1
    assert '"code": "TM001"' in loud.output
    strict = invoke(["check", str(story), *BASE, "--fail-on", "warning"])
    assert strict.exit_code == 1


def test_cli_configuration_error_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(tmp_path / "termcheck.toml", 'selekt = ["TM"]\n')
    story = write(tmp_path / "story.txt", "Talks.\n")
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(story), *BASE])
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"termcheck: error: {config}:1:1: unknown key 'selekt' (known: glossaries, bundled, style, "
        "select, ignore, fail-on, severity, per-file-ignores, metrics)\n"
    )
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(story), *BASE, "--config", str(tmp_path / "no.toml")])
    assert exit_info.value.code == 2
    _, err = capsys.readouterr()
    assert err == f"termcheck: error: {tmp_path / 'no.toml'}: no such configuration file\n"
