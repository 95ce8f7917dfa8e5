"""Silent misses that used to exit 0: a lying charset, UTF-16 or UTF-32 without a BOM,
escape sequences in a file reaching the terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.conftest import BASE, STORY, run


def findings(out: str) -> list[str]:
    return [
        f"{f['line']}:{f['column']} {f['code']} {f['text']}" for f in json.loads(out)["findings"]
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_a_bom_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], codec: str
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode(codec))
    code, out, _ = run(capsys, "check", str(path), *BASE, "--format", "json")
    assert code == 1
    assert findings(out) == ["1:33 TM001 taiwan"]
    assert json.loads(out)["files"][0]["encoding"] == codec


CHINESE_STORY = (
    "新华社北京11月19日电 外交部亚洲司司长刘劲松在北京会见日本外务省亚洲大洋洲局局长金井正彰。\n"
    "双方就中日关系交换了意见。Talks on taiwan ended.\n"
)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_mostly_chinese_wide_encodings_without_a_bom_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], codec: str
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(CHINESE_STORY.encode(codec))
    code, out, _ = run(capsys, "check", str(path), *BASE, "--format", "json")
    assert code == 1
    assert findings(out) == ["2:23 TM001 taiwan"]
    assert json.loads(out)["files"][0]["encoding"] == codec


def test_a_page_declaring_ebcdic_in_ascii_is_read_and_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "page.html"
    page = f'<html><head><meta charset="cp037"></head><body><p>{STORY}</p></body></html>'
    path.write_bytes(page.encode("ascii", "xmlcharrefreplace"))
    code, out, _ = run(capsys, "check", str(path), *BASE, "--format", "json")
    assert code == 1
    assert findings(out) == ["1:89 TM001 taiwan"]  # the dash is written &#8211;
    assert json.loads(out)["files"][0]["warnings"] == [
        "the document declares cp037, which its bytes contradict; read as UTF-8"
        " (pass --encoding to override)"
    ]


def test_a_latin1_label_over_gb18030_bytes_is_overridden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "page.html"
    body = "中国外交部表示会谈坦诚。刘劲松与金井正彰会谈。Talks on taiwan ended."
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{body}</p></body></html>'
    path.write_bytes(page.encode("gb18030"))
    code, out, _ = run(capsys, "check", str(path), *BASE, "--format", "json")
    report = json.loads(out)
    assert report["files"][0]["encoding"] == "gb18030"
    assert "taiwan" in [f["text"] for f in report["findings"]]
    assert code == 1


def test_escape_sequences_in_a_file_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Talks on taiwan \x1b]0;owned\x07\x1b[2J ended.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(path), *BASE)
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out and "\x1b" not in err
    assert "Talks on taiwan \\x1b]0;owned\\x07\\x1b[2J ended." in out
