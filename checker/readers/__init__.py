"""Readers turn a source file into a Document of segments; one reader per format.

`READERS` picks a reader by file suffix; a file whose suffix says nothing is recognized
by its content (a zip archive is DOCX; XML by its root element; HTML by its doctype or
root tag; anything else is plain text). A reader's module is imported when a file of its
format is first read, so that checking a text file never loads the HTML or XML machinery.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path

from checker.document import Document
from checker.errors import InputError
from checker.source import SourceFile

Reader = Callable[[SourceFile], Document]


def _lazy(module: str, name: str, parses: bool = True) -> Reader:
    """The reader `name` of `module`, imported on its first call. A reader that `parses`
    builds a tree of the whole document, freed when it returns: that memory is handed
    back to the system before the checks run (`checker.readers.heap`)."""

    def read(source: SourceFile) -> Document:
        reader: Reader = getattr(importlib.import_module(module), name)
        document = reader(source)
        if parses:
            from checker.readers.heap import release_freed_memory

            release_freed_memory(len(document.source.text))
        return document

    read.__name__ = read.__qualname__ = name
    return read


read_docx = _lazy("checker.readers.docx", "read_docx")
read_html = _lazy("checker.readers.html", "read_html")
read_markdown = _lazy("checker.readers.markdown", "read_markdown")
read_text = _lazy("checker.readers.text", "read_text", parses=False)
read_xml = _lazy("checker.readers.xml", "read_xml")

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".xml": read_xml,
    ".nitf": read_xml,
    ".docx": read_docx,
}

_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b)", re.I | re.S)
_XML_START = re.compile(r"\A\s*<(?:\?xml\b|!DOCTYPE\b|[A-Za-z_])")


def read_by_content(source: SourceFile) -> Document:
    """Choose the reader from the document itself."""
    if source.is_archive:
        return read_docx(source)
    if _HTML_START.match(source.text):
        return read_html(source)
    if _XML_START.match(source.text):
        return read_xml(source)
    return read_text(source)


def reader_for(path: str) -> Reader:
    suffix = Path(path).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        return read_by_content

    def read(source: SourceFile) -> Document:
        if source.is_archive and reader is not read_docx:
            raise InputError(f"a zip archive, not a {suffix} document", source.path)
        return reader(source)

    return read


def supported_suffixes() -> frozenset[str]:
    return frozenset(READERS)
