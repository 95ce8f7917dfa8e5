"""Writes samples/kanai-liu-meeting.docx: the seed story as a Word file a copy editor
would send, made with python-docx (`pip install python-docx`).

The story's words are those of kanai-liu-meeting.txt. Line 1 is the headline (style
Title), line 2 the byline, lines 3-8 the story's paragraphs. A name is split across
runs with an italic given name ("Liu *jianchao*"), and the third story paragraph holds
two tracked changes made with raw WordprocessingML: an insertion ("news ") that belongs
to the story, and a deletion ("weekly ") that does not.

Run: python samples/make_docx.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
HEADLINE = "Tokyo protests Chinese TV portrayal of Beijing talks as tensions rise"
AUTHOR = "Aiko Tanaka"
REVISION_DATE = "2025-11-19T09:00:00Z"


def tracked(kind: str, text: str, revision: int) -> OxmlElement:
    """A `w:ins` or `w:del` holding one run with the text."""
    change = OxmlElement(f"w:{kind}")
    change.set(qn("w:id"), str(revision))
    change.set(qn("w:author"), "Copy Desk")
    change.set(qn("w:date"), REVISION_DATE)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:delText" if kind == "del" else "w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    change.append(run)
    return change


def add_with_changes(paragraph: Paragraph, text: str) -> None:
    """The text with its word "news " as a tracked insertion preceded by a tracked
    deletion of "weekly "."""
    before, after = text.split("news conference", 1)
    paragraph.add_run(before)
    paragraph._p.append(tracked("del", "weekly ", 1))
    paragraph._p.append(tracked("ins", "news ", 2))
    paragraph.add_run("conference" + after)


def main() -> None:
    story = (HERE / "kanai-liu-meeting.txt").read_text(encoding="utf-8").split("\n")
    document = Document()
    properties = document.core_properties
    properties.title = HEADLINE
    properties.author = AUTHOR
    properties.created = dt.datetime(2025, 11, 19, 8, 30)
    document.add_paragraph(HEADLINE, style="Title")
    document.add_paragraph(f"By {AUTHOR}, Politics & Diplomacy Desk")
    for number, text in enumerate(story):
        paragraph = document.add_paragraph()
        if number == 0:
            before, after = text.split("Liu jianchao", 1)
            paragraph.add_run(before + "Liu ")
            paragraph.add_run("jianchao").italic = True
            paragraph.add_run(after)
        elif number == 2:
            add_with_changes(paragraph, text)
        else:
            paragraph.add_run(text)
    document.save(str(HERE / "kanai-liu-meeting.docx"))


if __name__ == "__main__":
    main()
