"""Markdown (CommonMark with tables): headings are headlines, paragraphs and table cells
are body text; code spans, code blocks, raw HTML blocks and images are skipped.

markdown-it-py gives each block its source lines and each inline token its text, but
no column. The inline tokens are found in order in the block's source lines, markup
skipped: text tokens are literal chunks; entities and backslash escapes are
non-literal; a soft line break joins the lines with a space. A YAML front matter block
is skipped; its `title` is the headline and its `date` the story date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from checker.document import Document, Segment, SegmentKind
from checker.model import Span
from checker.readers.metadata import metadata_date
from checker.readers.segments import Piece, build_segment, dateline_date, separator
from checker.source import SourceFile

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_TITLE = re.compile(
    r"^title:[ \t]*(?:\"([^\"\\]*)\"|'([^']*)'|([^\s\"'#][^\r\n#]*?))[ \t]*$", re.M
)
_FRONT_DATE = re.compile(r"^date:[ \t]*[\"']?([0-9][^\s\"']*)", re.M)
_NEWLINE = re.compile(r"\r\n|\r|\n")


MAX_NESTING = 20  # markdown-it's CommonMark preset: deeper blocks are not parsed


def _lines_past_the_nesting_limit(tokens: Sequence[Token], body: str) -> int:
    """The lines with text that no leaf block (paragraph, heading, code, HTML) covers,
    when the parser reached its nesting limit: it then stops reading blocks, and their
    text would be lost without a word."""
    if not any(token.level >= MAX_NESTING - 1 for token in tokens):
        return 0
    covered: set[int] = set()
    for token in tokens:
        if token.map is not None and token.nesting == 0:
            covered.update(range(*token.map))
    lines = _NEWLINE.split(body)
    return sum(1 for i, line in enumerate(lines) if line.strip() and i not in covered)


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark").enable("table")
    parser.disable("text_join")  # keeps entities and escapes apart, with their markup
    return parser


def read_markdown(source: SourceFile) -> Document:
    text = source.text
    segments: list[Segment] = []
    date = None
    origin = None
    body = text
    front = _FRONT_MATTER.match(text)
    if front:
        segments.extend(_front_title(front.group(0)))
        found = _FRONT_DATE.search(front.group(0))
        date = metadata_date(found.group(1)) if found else None
        origin = "metadata (front matter date)" if date else None
        blank_lines = "".join(m.group(0) for m in _NEWLINE.finditer(front.group(0)))
        body = blank_lines + text[front.end() :]
    mapper = _InlineMapper(text, source)
    counts: Counter[str] = Counter()
    tokens = _parser().parse(body)
    quoting = 0  # inside a block quotation ("> ...")
    quotations: list[Span] = []
    for i, token in enumerate(tokens):
        quoting += {"blockquote_open": 1, "blockquote_close": -1}.get(token.type, 0)
        if token.type != "inline" or token.map is None or not token.children:
            continue
        opener = tokens[i - 1] if i else None
        if opener is not None and opener.type == "heading_open":
            kind, name = SegmentKind.HEADLINE, opener.tag
        elif opener is not None and opener.type in ("th_open", "td_open"):
            kind, name = SegmentKind.BODY, opener.tag
        else:
            kind, name = SegmentKind.BODY, "p"
        counts[name] += 1
        segment = build_segment(kind, mapper.pieces(token), f"{name}[{counts[name]}]")
        if segment is not None:
            segments.append(segment)
            if quoting:
                quotations.append(segment.to_source(Span(0, len(segment.text))))
    warnings = list(source.warnings)
    if mapper.unmapped:
        warnings.append(
            f"{mapper.unmapped} run(s) of Markdown text could not be located in the source"
            " and were not checked"
        )
    dropped = _lines_past_the_nesting_limit(tokens, body)
    if dropped:
        warnings.append(
            f"{dropped} line(s) of text were not checked: blocks nested deeper than the "
            f"Markdown parser's limit of {MAX_NESTING}"
        )
    if date is None:
        date, origin = dateline_date(segments)
    return Document(
        source,
        tuple(segments),
        date,
        origin,
        tuple(warnings),
        format="markdown",
        marked_quotations=tuple(quotations),
    )


def _front_title(front: str) -> list[Segment]:
    match = _FRONT_TITLE.search(front)
    if not match:
        return []
    group = next(g for g in (1, 2, 3) if match.group(g) is not None)
    piece = Piece(match.group(group), match.start(group), match.end(group))
    segment = build_segment(SegmentKind.HEADLINE, [piece], "title")
    return [segment] if segment is not None else []


class _InlineMapper:
    """Finds the children of inline tokens in the source, in order."""

    def __init__(self, text: str, source: SourceFile) -> None:
        self.text = text
        self.lines = source.lines
        self.unmapped = 0

    def _line_start(self, line: int) -> int:
        try:
            return self.lines.offset(line + 1, 1)
        except IndexError:
            return len(self.text)

    def pieces(self, token: Token) -> list[Piece]:
        assert token.map is not None
        self.cursor = self._line_start(token.map[0])
        self.limit = self._line_start(token.map[1]) if token.map[1] else len(self.text)
        result: list[Piece] = []
        children: Sequence[Token] = token.children or ()
        for child in children:
            result.extend(self._child(child))
        return result

    def _find(self, needle: str) -> int:
        found = self.text.find(needle, self.cursor, max(self.limit, self.cursor + len(needle)))
        if found == -1:
            self.unmapped += 1
        return found

    def _child(self, token: Token) -> list[Piece]:
        kind = token.type
        if kind == "text" and token.content:
            at = self._find(token.content)
            if at == -1:
                return []
            self.cursor = at + len(token.content)
            return [Piece(token.content, at, self.cursor)]
        if kind == "text_special":
            at = self._find(token.markup)
            if at == -1:
                return []
            self.cursor = at + len(token.markup)
            return [Piece(token.content, at, self.cursor, literal=False)]
        if kind in ("softbreak", "hardbreak"):
            newline = _NEWLINE.search(self.text, self.cursor)
            if newline is None:
                return []
            self.cursor = newline.end()
            if kind == "hardbreak":
                return [separator("\n", newline.end())]
            return [Piece("\n", newline.start(), newline.end(), literal=False)]
        if kind == "code_inline":
            self._skip_code(token.markup)
        elif kind == "html_inline":
            self._skip_past(token.content)
        elif kind == "image":
            self._skip_past("![")
            self._skip_link_tail()
        elif kind == "link_open":
            self._skip_past("<" if token.markup == "autolink" else "[")
        elif kind == "link_close":
            if token.markup == "autolink":
                self._skip_past(">")
            else:
                self._skip_link_tail()
        elif token.markup and kind.endswith(("_open", "_close")):
            self._skip_past(token.markup)
        return []

    def _skip_past(self, needle: str) -> None:
        at = self.text.find(needle, self.cursor, self.limit)
        if at != -1:
            self.cursor = at + len(needle)

    def _skip_code(self, fence: str) -> None:
        self._skip_past(fence)
        self._skip_past(fence)

    def _skip_link_tail(self) -> None:
        """Past the `]` that closes a link text and its destination, `(…)` or `[…]`."""
        self._skip_past("]")
        if self.text.startswith("(", self.cursor):
            depth = 0
            escaped = False
            for i in range(self.cursor, self.limit):
                char = self.text[i]
                if not escaped:
                    depth += char == "("
                    depth -= char == ")"
                    if depth == 0:
                        self.cursor = i + 1
                        return
                escaped = char == "\\" and not escaped
        elif self.text.startswith("[", self.cursor):
            self._skip_past("]")
