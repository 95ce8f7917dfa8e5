"""Quotations that markup declares: the source spans of `<q>`, `<blockquote>` and NITF
`<bq>` elements, recorded by the markup readers in `Document.marked_quotations`."""

from __future__ import annotations

from typing import Any

from checker.model import Span
from checker.readers.segments import TextMap, local_name, subtree_pieces

# Markup elements whose content is quoted speech (HTML, XHTML, NITF).
QUOTATION_ELEMENTS = frozenset({"q", "blockquote", "bq"})


def marked_quotations(root: Any, text_map: TextMap) -> tuple[Span, ...]:
    """The source spans of the quotation elements under an element tree (lxml), given
    the reader's map of where each node's text and tail are in the source."""
    spans = []
    for node in root.iter():
        if local_name(node) in QUOTATION_ELEMENTS:
            pieces = [p for p in subtree_pieces(node, text_map) if p.text]
            if pieces:
                spans.append(Span(min(p.start for p in pieces), max(p.end for p in pieces)))
    return tuple(spans)
