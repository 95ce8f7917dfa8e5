"""The fix loop on whole files: fixpoint, idempotence, nothing safe left, only the flagged
spans changed, the result readable by the format's own parser, atomic writes, reverts."""

from __future__ import annotations

import difflib
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

import checker.fix_file as fix_file
from checker.document import Document, Segment, SegmentKind
from checker.engine import Checker
from checker.errors import InputError
from checker.fix_file import diff_text, fix_path, fix_source
from checker.fixes import is_fixable
from checker.source import SourceFile, decode, read_source
from tests.conftest import REPO, make_checker

SAMPLES = REPO / "samples"
FORMATS = ["txt", "md", "html", "nitf.xml", "newsml.xml", "docx"]


@pytest.fixture(scope="module")
def story_checker() -> Checker:
    return make_checker()


def sample(tmp_path: Path, suffix: str) -> Path:
    original = SAMPLES / f"kanai-liu-meeting.{suffix}"
    if not original.exists():
        pytest.skip(f"{original.name} is not in samples/ yet")
    copy = tmp_path / original.name
    shutil.copyfile(original, copy)
    return copy


def opens_in_its_own_parser(path: Path, data: bytes) -> None:
    if path.suffix == ".xml":
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    elif path.suffix == ".html":
        assert lxml_html.document_fromstring(data).find(".//body") is not None
    elif path.suffix == ".docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
            etree.fromstring(archive.read("word/document.xml"))
    else:
        data.decode("utf-8")


@pytest.mark.parametrize("suffix", FORMATS)
def test_fixing_a_sample_changes_only_flagged_spans(
    tmp_path: Path, suffix: str, story_checker: Checker
) -> None:
    path = sample(tmp_path, suffix)
    before = path.read_bytes()
    first = story_checker.check_path(path)
    fixed = fix_path(story_checker, path)
    after = path.read_bytes()
    assert fixed.changed and after == fixed.data != before
    opens_in_its_own_parser(path, after)
    flagged = [f.span for f in first.findings if is_fixable(f)]
    old, new = fixed.original.text, fixed.fixed.text
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changes = [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]
    assert changes
    for start, end in changes:
        assert any(s.start <= start and end <= s.end for s in flagged), old[start - 20 : end + 20]
    if suffix != "docx":
        assert fixed.fixed.encoding == fixed.original.encoding
        assert fixed.fixed.bom == fixed.original.bom


@pytest.mark.parametrize("suffix", FORMATS)
def test_fixing_twice_equals_fixing_once_and_nothing_safe_remains(
    tmp_path: Path, suffix: str, story_checker: Checker
) -> None:
    path = sample(tmp_path, suffix)
    once = fix_path(story_checker, path)
    again = fix_path(story_checker, path)
    assert once.applied > 0
    assert again.applied == 0 and not again.changed
    assert path.read_bytes() == once.data
    rechecked = story_checker.check_path(path)
    assert not [f.code for f in rechecked.findings if is_fixable(f)]
    assert [f.sort_key() for f in rechecked.findings] == [
        f.sort_key() for f in once.result.findings
    ]


def test_the_seed_story_keeps_its_unsafe_and_unfixable_findings(
    tmp_path: Path, story_checker: Checker
) -> None:
    path = sample(tmp_path, "txt")
    fixed = fix_path(story_checker, path)
    assert fixed.applied == 12
    remaining = [
        (f.code, fixed.fixed.text[f.span.start : f.span.end]) for f in fixed.result.findings
    ]
    assert remaining == [
        ("TT001", "Japan’s Deputy Foreign Minister"),
        ("TM001", "Liu jianchao"),  # the wrong person for the title: no case fix
        (
            "TT002",
            "Director-General of the Department of Asian Affairs of the Chinese Foreign Ministry",
        ),
        ("TT004", "Japanese Minister"),
    ]
    text = path.read_text(encoding="utf-8")
    assert "between Masaaki Kanai, Japan’s Deputy" in text
    assert text.splitlines()[3].startswith("The meeting itself was prompted")
    assert "anticipated. Planned discussions" in text


def test_unsafe_fixes_apply_only_when_asked(tmp_path: Path, story_checker: Checker) -> None:
    path = sample(tmp_path, "txt")
    fixed = fix_path(story_checker, path, unsafe=True)
    assert fixed.applied == 16  # the case fix of the wrong official's name gives way to TT002's
    assert [f.code for f in fixed.result.findings] == []
    assert "and Liu Jinsong, director-general of" in path.read_text(encoding="utf-8")
    assert "Sanae Takaichi" in path.read_text(encoding="utf-8")
    assert "from Prime Minister Sanae Takaichi" in path.read_text(encoding="utf-8")


def test_overlapping_fixes_land_in_a_later_pass(story_checker: Checker) -> None:
    source = decode(b"the taiwan talks ended.", "story.txt")
    fixed = fix_source(story_checker, source)
    assert fixed.data == b"The Taiwan talks ended."
    assert fixed.applied == 2


def test_a_loop_that_does_not_settle_says_so(
    monkeypatch: pytest.MonkeyPatch, story_checker: Checker
) -> None:
    monkeypatch.setattr(fix_file, "MAX_PASSES", 1)
    fixed = fix_source(story_checker, decode(b"the taiwan talks ended.", "story.txt"))
    assert fixed.data == b"The taiwan talks ended."
    assert fixed.result.warnings == ("fixes did not settle after 1 passes",)


def test_a_fixed_file_that_no_longer_reads_is_reverted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, story_checker: Checker
) -> None:
    path = sample(tmp_path, "txt")
    before = path.read_bytes()

    def broken(previous: SourceFile, data: bytes) -> SourceFile:
        raise InputError("not well-formed XML: mismatched tag", previous.path, 3, 7)

    monkeypatch.setattr(fix_file, "reread", broken)
    fixed = fix_path(story_checker, path)
    assert path.read_bytes() == before
    assert not fixed.changed and fixed.applied == 0 and fixed.data == before
    assert len(fixed.result.findings) == 17
    assert fixed.result.warnings == (
        f"fixes not applied: the fixed file could not be read again ({path}:3:7: "
        "not well-formed XML: mismatched tag); the file is unchanged",
    )


def test_a_fix_that_changes_the_document_structure_is_reverted(
    monkeypatch: pytest.MonkeyPatch, story_checker: Checker
) -> None:
    calls = []

    def reader(source: SourceFile) -> Document:
        calls.append(source)
        kind = SegmentKind.BODY if len(calls) == 1 else SegmentKind.HEADLINE
        return Document(source, (Segment.literal(kind, source.text, 0),))

    monkeypatch.setattr(fix_file, "reader_for", lambda path: reader)
    source = decode(b"Talks on taiwan.", "story.txt")
    fixed = fix_source(story_checker, source)
    assert fixed.data == b"Talks on taiwan." and fixed.applied == 0
    assert fixed.result.warnings == (
        "fixes not applied: the fixes changed the document's structure; the file is unchanged",
    )


def test_bom_and_crlf_survive_a_fix_of_a_file(tmp_path: Path, story_checker: Checker) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbfTalks on taiwan.\r\nThe dialog ended.\r\n")
    path.chmod(0o640)
    fix_path(story_checker, path)
    assert path.read_bytes() == b"\xef\xbb\xbfTalks on Taiwan.\r\nThe dialogue ended.\r\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_diff_shows_the_change_and_writes_nothing(tmp_path: Path, story_checker: Checker) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"Headline\nTalks on taiwan.")
    fixed = fix_path(story_checker, path, write=False)
    assert path.read_bytes() == b"Headline\nTalks on taiwan."
    assert diff_text(fixed) == (
        f"--- {path}\n+++ {path}\n@@ -1,2 +1,2 @@\n Headline\n-Talks on taiwan.\n"
        "\\ No newline at end of file\n+Talks on Taiwan.\n\\ No newline at end of file\n"
    )
    unchanged = fix_path(story_checker, path, write=False)
    path.write_bytes(b"Nothing to fix.\n")
    assert diff_text(fix_path(story_checker, path, write=False)) == ""
    assert unchanged.changed


def test_reread_decodes_as_the_file_was_read(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes("東京で会談。".encode("shift_jis"))
    original = read_source(path)
    again = fix_file.reread(original, "東京で会談した。".encode("shift_jis"))
    assert again.text == "東京で会談した。"
    assert again.encoding == original.encoding


# -- writing in place --------------------------------------------------------------------

STORY = b"Talks on taiwan ended.\n"
FIXED_STORY = b"Talks on Taiwan ended.\n"


def test_a_symlink_stays_a_link_and_its_target_is_fixed(
    tmp_path: Path, story_checker: Checker
) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(STORY)
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    fixed = fix_path(story_checker, link)
    assert fixed.path == str(link)
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert target.read_bytes() == FIXED_STORY


def test_hard_links_owner_group_and_mode_are_kept(tmp_path: Path, story_checker: Checker) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY)
    other = tmp_path / "other-name.txt"
    os.link(path, other)
    path.chmod(0o604)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)
    before = path.stat()
    fix_path(story_checker, path)
    after = path.stat()
    assert other.read_bytes() == FIXED_STORY == path.read_bytes()
    assert (after.st_ino, after.st_nlink) == (before.st_ino, 2)
    assert (after.st_uid, after.st_gid, after.st_mode) == (
        before.st_uid,
        before.st_gid,
        before.st_mode,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-name.txt", "story.txt"]


def test_a_read_only_file_is_refused(tmp_path: Path, story_checker: Checker) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY)
    path.chmod(0o444)
    with pytest.raises(InputError) as caught:
        fix_path(story_checker, path)
    assert str(caught.value) == f"{path}: read-only file; not fixed"
    assert path.read_bytes() == STORY
    assert fix_path(story_checker, path, write=False).data == FIXED_STORY


def test_an_edit_made_while_fixing_is_kept_and_the_file_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, story_checker: Checker
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY)
    edited = b"Talks on taiwan ended at noon.\n"  # the same size would not hide it either
    real_fix_source = fix_file.fix_source

    def fix_while_someone_saves(*args: object, **kwargs: object) -> fix_file.FixedFile:
        path.write_bytes(edited)
        return real_fix_source(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fix_file, "fix_source", fix_while_someone_saves)
    with pytest.raises(InputError) as caught:
        fix_path(story_checker, path)
    assert str(caught.value) == f"{path}: changed since it was read; not fixed (run again)"
    assert path.read_bytes() == edited


@pytest.mark.parametrize("same_size", [True, False])
def test_a_change_of_the_same_size_and_time_is_still_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, story_checker: Checker, same_size: bool
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY)
    stamp = path.stat().st_mtime_ns
    edited = STORY.replace(b"ended", b"ENDED" if same_size else b"finished")
    real_fix_source = fix_file.fix_source

    def save_keeping_the_time(*args: object, **kwargs: object) -> fix_file.FixedFile:
        with open(path, "r+b") as handle:  # the same inode, the same times
            handle.write(edited)
            handle.truncate()
        os.utime(path, ns=(stamp, stamp))
        return real_fix_source(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fix_file, "fix_source", save_keeping_the_time)
    with pytest.raises(InputError, match="changed since it was read"):
        fix_path(story_checker, path)
    assert path.read_bytes() == edited


def test_fix_obeys_the_size_limit_of_check(tmp_path: Path, story_checker: Checker) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY)
    with pytest.raises(InputError) as caught:
        fix_path(story_checker, path, max_bytes=10)
    assert str(caught.value) == f"{path}: file too large to check (0 MB; the limit is 0 MB)"
    assert path.read_bytes() == STORY


def test_a_fifo_is_refused_without_blocking(tmp_path: Path, story_checker: Checker) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    with pytest.raises(InputError, match="not a regular file"):
        fix_path(story_checker, path)


@pytest.mark.parametrize("damage", ["truncated", "encrypted", "bad-crc"])
def test_a_damaged_word_file_is_one_error(
    tmp_path: Path, story_checker: Checker, damage: str
) -> None:
    path = sample(tmp_path, "docx")
    data = bytearray(path.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:
        # The member's record in the central directory, which is what readers trust.
        record = bytes(data).index(b"PK\x01\x02")
        while bytes(data[record + 46 : record + 46 + 17]) != b"word/document.xml":
            record = bytes(data).index(b"PK\x01\x02", record + 4)
        if damage == "encrypted":
            data[record + 8] |= 0x01  # general purpose flag: encrypted
        else:
            data[record + 16] ^= 0xFF  # CRC-32
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(InputError) as caught:
        fix_path(story_checker, path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert "internal error" not in message
    assert path.read_bytes() == before


# -- only the edited spans are encoded ----------------------------------------------------


def test_big5_and_cp932_bytes_outside_the_fix_stay_as_they_were(story_checker: Checker) -> None:
    # 0xA2CC and 0xA451 both read as 十 in Big5; 0x8790 and 0x81E0 both as ≒ in cp932.
    for encoding, odd in (("big5", b"\xa2\xcc"), ("cp932", b"\x87\x90")):
        data = odd + b" talks on taiwan " + odd + b"\n"
        fixed = fix_source(story_checker, decode(data, "story.txt", encoding))
        assert fixed.data == odd + b" talks on Taiwan " + odd + b"\n"


def test_a_fix_that_would_split_a_letter_from_its_accent_is_not_applied(
    tmp_path: Path, story_checker: Checker
) -> None:
    path = tmp_path / "story.txt"
    data = "Talks on taiwan\u0301 ended, and taiwan ended.\n".encode()
    path.write_bytes(data)
    fixed = fix_path(story_checker, path)
    assert path.read_bytes() == "Talks on taiwan\u0301 ended, and Taiwan ended.\n".encode()
    assert fixed.applied == 1
