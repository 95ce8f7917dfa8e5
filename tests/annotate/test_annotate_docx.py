"""Word files back to the editor, read back as Word and LibreOffice would: every finding a
comment at its runs, every fix a tracked change that gives the fixed text when accepted
and the original when rejected; the rest of the file kept."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from checker.annotate_docx import AUTHOR, W, annotate
from checker.cache import GlossaryCache
from checker.cli import main
from checker.engine import Checker, Result
from checker.model import Applicability
from checker.readers.docx import read_docx
from checker.source import decode
from checker.style import load_style
from tests.conftest import REPO

SEED_DOCX = REPO / "samples" / "kanai-liu-meeting.docx"
WHEN = dt.datetime(2025, 11, 19, 12, 0, tzinfo=dt.UTC)


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def checker() -> Checker:
    compiled = GlossaryCache().load(None)
    return Checker(
        compiled.glossary, load_style(None), date=dt.date(2025, 11, 19), index=compiled.index
    )


def check_bytes(checker: Checker, data: bytes, name: str = "story.docx") -> Result:
    return checker.check_source(decode(data, name))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def with_document(data: bytes, root: Any) -> bytes:
    """The package with another word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/document.xml":
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(info, content)
    return out.getvalue()


def decided(data: bytes, accept: bool) -> bytes:
    """The package with termcheck's tracked changes all accepted, or all rejected; the
    other authors' changes are left as they are."""
    root = etree.fromstring(members(data)["word/document.xml"])
    for change in list(root.iter(w("ins"), w("del"))):
        if change.get(w("author")) != AUTHOR:
            continue
        parent = change.getparent()
        if (change.tag == w("ins")) == accept:
            for text in change.iter(w("delText")):
                text.tag = w("t")
            index = parent.index(change)
            for child in list(change):
                parent.insert(index, child)
                index += 1
        parent.remove(change)
    return with_document(data, root)


def text_of(data: bytes) -> str:
    return read_docx(decode(data, "story.docx")).source.text


def expected_fixed_text(result: Result) -> str:
    text = result.source.text
    edits = sorted(
        {
            (e.span.start, e.span.end, e.replacement)
            for f in result.findings
            if f.fix is not None and f.fix.applicability >= Applicability.UNSAFE
            for e in f.fix.edits
        },
        reverse=True,
    )
    for start, end, replacement in edits:
        text = text[:start] + replacement + text[end:]
    return text


def anchored_texts(data: bytes) -> dict[str, str]:
    """Comment id -> the original text between its range markers (deleted text counts,
    termcheck's insertions do not)."""
    root = etree.fromstring(members(data)["word/document.xml"])
    open_ranges: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for node in root.iter():
        if node.tag == w("commentRangeStart"):
            open_ranges[node.get(w("id"))] = []
        elif node.tag == w("commentRangeEnd"):
            texts[node.get(w("id"))] = "".join(open_ranges.pop(node.get(w("id"))))
        elif node.tag in (w("t"), w("delText")):
            ours = any(
                a.tag == w("ins") and a.get(w("author")) == AUTHOR for a in node.iterancestors()
            )
            theirs_deleted = any(
                a.tag == w("del") and a.get(w("author")) != AUTHOR for a in node.iterancestors()
            )
            if not ours and not theirs_deleted:
                for pieces in open_ranges.values():
                    pieces.append(node.text or "")
    return texts


def comments_of(data: bytes) -> dict[str, str]:
    root = etree.fromstring(members(data)["word/comments.xml"])
    return {
        c.get(w("id")): "\n".join(
            "".join(t.text or "" for t in p.iter(w("t"))) for p in c.iter(w("p"))
        )
        for c in root.iter(w("comment"))
    }


# -- the seed story -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(checker: Checker) -> tuple[Result, bytes]:
    result = check_bytes(checker, SEED_DOCX.read_bytes())
    return result, annotate(result, WHEN).data


def test_every_finding_is_a_comment_at_its_text(seed: tuple[Result, bytes]) -> None:
    result, data = seed
    assert len(result.findings) == 17
    texts = anchored_texts(data)
    comments = comments_of(data)
    assert len(comments) == len(texts) == 17
    by_comment = sorted((comments[i].split("\n")[0], texts[i]) for i in comments)
    expected = sorted(
        (f"{f.code} {f.message}", result.source.text[f.span.start : f.span.end])
        for f in result.findings
    )
    assert by_comment == expected


def test_python_docx_reads_the_comments(seed: tuple[Result, bytes]) -> None:
    _, data = seed
    document = docx.Document(io.BytesIO(data))
    comments = list(document.comments)
    assert len(comments) == 17
    assert {c.author for c in comments} == {AUTHOR}
    kanai = next(c for c in comments if c.text.startswith("TM002 "))
    assert "Suggestion: 'Masaaki Kanai' (safe fix; tracked change)" in kanai.text
    assert "Glossary: masaaki-kanai (bundled:japan-china-2025.yaml:" in kanai.text


def test_accepting_the_changes_gives_the_fixed_text(seed: tuple[Result, bytes]) -> None:
    result, data = seed
    accepted = text_of(decided(data, accept=True))
    assert accepted == expected_fixed_text(result)
    assert "portrayed in Chinese state media" in accepted
    assert "between Masaaki Kanai, director-general of the Japanese Foreign Ministry" in accepted


def test_rejecting_the_changes_gives_the_original(seed: tuple[Result, bytes]) -> None:
    result, data = seed
    assert text_of(decided(data, accept=False)) == result.source.text


def test_the_annotated_copy_reads_as_the_fixed_text(seed: tuple[Result, bytes]) -> None:
    result, data = seed
    assert text_of(data) == expected_fixed_text(result)


def test_tracked_changes_are_authored_and_paired(seed: tuple[Result, bytes]) -> None:
    _, data = seed
    root = etree.fromstring(members(data)["word/document.xml"])
    ours = [c for c in root.iter(w("ins"), w("del")) if c.get(w("author")) == AUTHOR]
    deletions = [c for c in ours if c.tag == w("del")]
    assert len(deletions) == 14  # every fix but the display-only one, and none overlapping
    for deletion in deletions:
        follower = deletion.getnext()
        assert follower is not None and follower.tag == w("ins")
        assert follower.get(w("author")) == AUTHOR
        assert not list(deletion.iter(w("t")))  # deleted text is w:delText
    revisions = [c.get(w("id")) for c in root.iter(w("ins"), w("del"))]
    assert len(revisions) == len(set(revisions))
    comment_ids = set(comments_of(data))
    assert not comment_ids & set(revisions)


def test_everything_else_in_the_file_is_kept(seed: tuple[Result, bytes]) -> None:
    _, data = seed
    before, after = members(SEED_DOCX.read_bytes()), members(data)
    changed = {"word/document.xml", "word/comments.xml", "[Content_Types].xml"}
    changed.add("word/_rels/document.xml.rels")
    assert set(after) == set(before) | {"word/comments.xml"}
    for name in set(before) - changed:
        assert after[name] == before[name], name
    root = etree.fromstring(after["word/document.xml"])
    theirs = [c for c in root.iter(w("ins"), w("del")) if c.get(w("author")) == "Copy Desk"]
    assert [(c.tag, "".join(c.itertext())) for c in theirs] == [
        (w("del"), "weekly "),
        (w("ins"), "news "),
    ]
    assert (
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
        in (after["[Content_Types].xml"])
    )


def test_split_runs_keep_their_formatting(seed: tuple[Result, bytes]) -> None:
    _, data = seed
    document = docx.Document(io.BytesIO(data))
    runs = [r for p in document.paragraphs for r in p.runs if r.text == "jianchao"]
    assert len(runs) == 1 and runs[0].italic is True


# -- existing comments and changes ----------------------------------------------------------


def story_docx(tmp_path: Path, build: Any) -> bytes:
    document = docx.Document()
    build(document)
    path = tmp_path / "story.docx"
    document.save(str(path))
    return path.read_bytes()


def tracked(kind: str, text: str, revision: int) -> Any:
    change = OxmlElement(f"w:{kind}")
    change.set(qn("w:id"), str(revision))
    change.set(qn("w:author"), "Desk Chief")
    change.set(qn("w:date"), "2025-11-19T09:00:00Z")
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:delText" if kind == "del" else "w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    change.append(run)
    return change


def test_existing_comments_are_kept(checker: Checker, tmp_path: Path) -> None:
    def build(document: Any) -> None:
        paragraph = document.add_paragraph("Officials from ")
        run = paragraph.add_run("taiwan")
        paragraph.add_run(" met in Tokyo.")
        document.add_comment(run, text="Check the delegation list.", author="Editor")

    data = story_docx(tmp_path, build)
    result = check_bytes(checker, data)
    assert [f.code for f in result.findings] == ["TM001"]
    annotated = annotate(result, WHEN).data
    comments = list(docx.Document(io.BytesIO(annotated)).comments)
    assert [(c.author, c.text.split("\n")[0]) for c in comments] == [
        ("Editor", "Check the delegation list."),
        (AUTHOR, "TM001 " + result.findings[0].message),
    ]
    assert len({c.comment_id for c in comments}) == 2
    assert text_of(decided(annotated, accept=True)) == "Officials from Taiwan met in Tokyo."


def test_a_finding_inside_an_insertion_is_anchored_there(checker: Checker, tmp_path: Path) -> None:
    def build(document: Any) -> None:
        paragraph = document.add_paragraph("Talks were held ")
        paragraph._p.append(tracked("ins", "with taiwan officials ", 7))
        paragraph.add_run("on Tuesday.")

    data = story_docx(tmp_path, build)
    result = check_bytes(checker, data)
    assert [(f.code, result.source.text[f.span.start : f.span.end]) for f in result.findings] == [
        ("TM001", "taiwan")
    ]
    annotated = annotate(result, WHEN).data
    root = etree.fromstring(members(annotated)["word/document.xml"])
    start = next(root.iter(w("commentRangeStart")))
    assert start.getparent().tag == w("ins")
    assert start.getparent().get(w("author")) == "Desk Chief"
    assert anchored_texts(annotated) == {start.get(w("id")): "taiwan"}
    assert text_of(decided(annotated, accept=True)) == (
        "Talks were held with Taiwan officials on Tuesday."
    )
    assert text_of(decided(annotated, accept=False)) == result.source.text


def test_text_inside_a_deletion_is_not_checked(checker: Checker, tmp_path: Path) -> None:
    def build(document: Any) -> None:
        paragraph = document.add_paragraph("Talks were held ")
        paragraph._p.append(tracked("del", "with taiwan officials ", 8))
        paragraph.add_run("on Tuesday.")

    data = story_docx(tmp_path, build)
    result = check_bytes(checker, data)
    assert result.findings == ()
    annotated = annotate(result, WHEN)
    assert (annotated.comments, annotated.tracked) == (0, 0)
    assert "word/comments.xml" not in members(annotated.data)
    assert members(annotated.data)["word/styles.xml"] == members(data)["word/styles.xml"]


def test_a_fix_across_runs_is_tracked_with_the_first_run_formatting(
    checker: Checker, tmp_path: Path
) -> None:
    def build(document: Any) -> None:
        paragraph = document.add_paragraph("He spoke on ")
        paragraph.add_run("November ").bold = True
        paragraph.add_run("18th")
        paragraph.add_run(" in Tokyo.")

    data = story_docx(tmp_path, build)
    result = check_bytes(checker, data)
    dates = [f for f in result.findings if f.code == "ST003"]
    assert [result.source.text[f.span.start : f.span.end] for f in dates] == ["November 18th"]
    annotated = annotate(result, WHEN).data
    comments = anchored_texts(annotated)
    assert list(comments.values()) == ["November 18th"]
    if dates[0].fix is not None and dates[0].fix.applicability >= Applicability.UNSAFE:
        assert text_of(decided(annotated, accept=True)) == "He spoke on Nov. 18 in Tokyo."
    assert text_of(decided(annotated, accept=False)) == "He spoke on November 18th in Tokyo."


def test_refuses_a_file_that_is_not_word(checker: Checker) -> None:
    from checker.errors import InputError

    result = checker.check_text("Talks in taiwan.", "story.txt")
    with pytest.raises(InputError, match="only a Word"):
        annotate(result)


# -- LibreOffice ----------------------------------------------------------------------------


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (Debian's libreoffice-writer)")
def test_libreoffice_opens_the_comments_and_the_changes(
    seed: tuple[Result, bytes], tmp_path: Path
) -> None:
    _, data = seed
    source = tmp_path / "annotated.docx"
    source.write_bytes(data)
    profile = tmp_path / "profile"
    completed = subprocess.run(
        [
            str(SOFFICE),
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    converted = tmp_path / "annotated.odt"
    assert converted.exists(), completed.stderr.decode("utf-8", "replace")[-2000:]
    content = members(converted.read_bytes())["content.xml"].decode("utf-8")
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == 17
    # Ours (14 fixes) and the story's own (one insertion, one deletion).
    assert content.count("<text:deletion") == 15
    assert content.count("<text:insertion") == 15


# -- the command line -----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def test_check_annotate_writes_the_copy_and_reports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "annotated.docx"
    code, stdout, _ = run(
        capsys, "check", str(SEED_DOCX), "--date", "2025-11-19", "--annotate", str(out)
    )
    assert code == 1
    assert "Found 17 findings" in stdout
    assert len(list(docx.Document(str(out)).comments)) == 17


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [str(REPO / "samples" / "kanai-liu-meeting.txt"), "--annotate", "OUT.docx"],
            "--annotate needs a Word (.docx) story",
        ),
        ([str(SEED_DOCX), "--annotate", "out.txt"], "the annotated copy is a .docx file"),
        ([str(SEED_DOCX), "--annotate", str(SEED_DOCX)], "--annotate writes a copy"),
        (
            [
                str(SEED_DOCX),
                str(REPO / "samples" / "kanai-liu-meeting.txt"),
                "--annotate",
                "o.docx",
            ],
            "--annotate writes one Word file: give one .docx story",
        ),
    ],
)
def test_check_annotate_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    args = [
        a if not a.endswith(("OUT.docx", "o.docx", "out.txt")) else str(tmp_path / a) for a in args
    ]
    code, _, stderr = run(capsys, "check", *args)
    assert code == 2
    assert stderr.count("\n") == 1 and message in stderr
