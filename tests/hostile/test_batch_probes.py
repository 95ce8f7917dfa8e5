"""One bad entry never stops or spoils a batch: a symlink loop, a folder that cannot be
listed, a file name that is not UTF-8, a damaged Word file under --fix. Each is reported
once, the others are checked (or fixed), every report stays valid, one closing line names
what was skipped and the exit code is 2."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import REPO
from tests.hostile.conftest import BASE, STORY, run

FIXED = STORY.replace("taiwan", "Taiwan")


@pytest.fixture
def hostile_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "batch"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "locked" / "b.txt").write_text(STORY, encoding="utf-8")
    (folder / "z.txt").write_text(STORY, encoding="utf-8")
    (folder / "loop1.txt").symlink_to("loop2.txt")
    (folder / "loop2.txt").symlink_to("loop1.txt")
    with open(os.path.join(os.fsencode(folder), b"bad\xff\x1b[31m.txt"), "w") as handle:
        handle.write(STORY)
    real_scandir = os.scandir

    def scandir(path: str) -> object:  # the tests may run as root, who can read anything
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    return Path("batch")


SKIPPED = (
    "termcheck: skipped 3 files that could not be read or checked: "
    "batch/locked, batch/loop1.txt, batch/loop2.txt"
)
ERRORS = [
    "termcheck: error: batch/locked: cannot read folder: Permission denied",
    "termcheck: error: batch/loop1.txt: cannot read file: Too many levels of symbolic links",
    "termcheck: error: batch/loop2.txt: cannot read file: Too many levels of symbolic links",
]


def checked_paths(fmt: str, report: str) -> list[str]:
    if fmt == "json":
        return sorted({f["path"] for f in json.loads(report)["findings"]})
    if fmt == "jsonl":
        return sorted({json.loads(line)["path"] for line in report.splitlines()})
    if fmt == "sarif":
        results = json.loads(report)["runs"][0]["results"]
        return sorted(
            {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        )
    assert fmt == "junit"
    return sorted({s.get("name") for s in etree.fromstring(report.encode()).iter("testsuite")})


@pytest.mark.parametrize("to_file", [False, True])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "junit"])
def test_a_batch_with_bad_entries_writes_a_whole_valid_report(
    capsys: pytest.CaptureFixture[str], hostile_folder: Path, fmt: str, to_file: bool
) -> None:
    output = ["-o", "report.out"] if to_file else []
    code, out, err = run(capsys, "check", str(hostile_folder), *BASE, "--format", fmt, *output)
    report = Path("report.out").read_text(encoding="utf-8") if to_file else out
    assert code == 2
    bad = {
        "sarif": "batch/bad%FF%1B%5B31m.txt",  # a URI keeps the bytes of the name
        "junit": "batch/bad\\xff\\x1b[31m.txt",  # XML cannot hold control characters
    }.get(fmt, "batch/bad\\xff\x1b[31m.txt")  # JSON escapes them itself
    assert checked_paths(fmt, report) == sorted([bad, "batch/a.txt", "batch/z.txt"])
    lines = err.splitlines()
    assert [line for line in lines if line.startswith("termcheck: error:")] == ERRORS
    assert lines[-1] == SKIPPED
    assert "internal error" not in err


def test_the_text_report_escapes_what_a_file_name_holds(
    capsys: pytest.CaptureFixture[str], hostile_folder: Path
) -> None:
    code, out, err = run(capsys, "check", str(hostile_folder), *BASE, "-q")
    assert code == 2
    assert "batch/bad\\xff\\x1b[31m.txt:1:33: TM001 'taiwan'" in out
    assert "\x1b" not in out and "\x1b" not in err
    assert err.splitlines()[-1] == SKIPPED


def test_fix_goes_on_past_bad_entries(
    capsys: pytest.CaptureFixture[str], hostile_folder: Path
) -> None:
    word = hostile_folder / "m.docx"
    data = (REPO / "samples" / "kanai-liu-meeting.docx").read_bytes()
    word.write_bytes(data[: len(data) // 2])
    code, _, err = run(capsys, "check", str(hostile_folder), *BASE, "--fix")
    assert code == 2
    assert (hostile_folder / "a.txt").read_text(encoding="utf-8") == FIXED
    assert (hostile_folder / "z.txt").read_text(encoding="utf-8") == FIXED
    name = os.path.join(os.fsencode(hostile_folder), b"bad\xff\x1b[31m.txt")
    assert Path(os.fsdecode(name)).read_text(encoding="utf-8") == FIXED
    assert "termcheck: error: batch/m.docx: not a readable DOCX (zip) file" in err
    assert err.splitlines()[-1] == SKIPPED.replace("skipped 3", "skipped 4").replace(
        "batch/loop2.txt", "batch/loop2.txt, batch/m.docx"
    )
    assert "internal error" not in err


@pytest.mark.parametrize("member", ["word/document.xml", "word/styles.xml"])
def test_an_encrypted_word_member_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, member: str
) -> None:
    path = tmp_path / "story.docx"
    source = REPO / "samples" / "kanai-liu-meeting.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as copy:
        for info in original.infolist():
            copy.writestr(info, original.read(info))
    data = bytearray(path.read_bytes())
    record = data.index(b"PK\x01\x02")
    while bytes(data[record + 46 : record + 46 + len(member)]) != member.encode():
        record = data.index(b"PK\x01\x02", record + 4)
    data[record + 8] |= 0x01
    path.write_bytes(bytes(data))
    for extra in ([], ["--fix"]):
        code, _, err = run(capsys, "check", str(path), *BASE, *extra)
        assert "internal error" not in err
        if member == "word/document.xml":
            assert code == 2
            assert f"termcheck: error: {path}: DOCX member {member} is encrypted" in err


def test_stdout_never_gets_half_a_sarif_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.reporters.sarif as sarif

    paths = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
        paths.append(str(tmp_path / name))
    calls = []
    real = sarif._result

    def fails_on_the_second_file(*args: object) -> object:
        calls.append(args)
        if len(calls) > 1:
            raise OSError("disk on fire")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sarif, "_result", fails_on_the_second_file)
    code, out, _ = run(capsys, "check", *paths, *BASE, "--format", "sarif")
    assert code == 2 and out == ""
