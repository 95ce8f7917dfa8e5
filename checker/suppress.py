"""Inline suppression: directives in each format's comment syntax that silence named rules
in the next paragraph or element, and the findings about directives themselves.

- Plain text and DOCX: a line of its own, `# termcheck: ignore CODE[,CODE]`. It covers the
  next paragraph: up to the next blank line, or the next line alone in a file that writes
  one paragraph per line (no blank lines between paragraphs, as in DOCX).
- Markdown: `<!-- termcheck: ignore CODE -->`, covering the next block (up to a blank line
  or the end of a heading line).
- HTML and XML: `<!-- termcheck: ignore CODE -->`, covering the next element; written as
  the first child of an element (text follows it), it covers the rest of that element.

- Pair files (`headlines`): a note of the pair — a `note` or `comment` column of a TSV or
  CSV file, a `note` or `comment` key in JSON Lines, a `<note>` of an XLIFF unit or a TMX
  translation unit — that reads `termcheck: ignore CODE[,CODE]` (after any other words of
  the note). It covers the whole pair: source, translation and references.

A directive that suppresses nothing is reported as CK002, one that cannot be read as
CK003. Codes of rules not in force for the file are neither suppressed nor reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from checker.document import Document
from checker.model import Finding, Severity, Span
from checker.rules import REGISTRY, Rule
from checker.rules.meta import InvalidSuppression, UnusedSuppression

_HASH_DIRECTIVE = re.compile(r"^[ \t]*#[ \t]*termcheck[ \t]*:(?P<body>[^\r\n]*)$", re.MULTILINE)
_NOTE_DIRECTIVE = re.compile(r"(?<![\w-])termcheck[ \t]*:(?P<body>[^\r\n]*)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--(?P<body>.*?)-->", re.DOTALL)
_COMMENT_DIRECTIVE = re.compile(r"\s*termcheck\s*:", re.IGNORECASE)
_IGNORE = re.compile(r"\s*ignore(?=\s|$)(?P<codes>.*)", re.DOTALL)
_CODE = re.compile(r"[^\s,]+")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_MARKUP_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[?!].*?>"
    r"|<(?P<close>/)?(?P<name>[A-Za-z_][\w:.-]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*?(?P<empty>/)?>",
    re.DOTALL,
)
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_SYNTAX = "expected 'termcheck: ignore CODE[,CODE]'"


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive: where it is written, the codes it names (each with its own span in
    the source text), and the part of the source text it covers."""

    span: Span
    codes: tuple[tuple[str, Span], ...]
    scope: Span


@dataclass(frozen=True, slots=True)
class Problem:
    """A directive that cannot be used as written (becomes a CK003 finding)."""

    span: Span
    message: str


def apply_suppressions(
    document: Document,
    findings: Sequence[Finding],
    active: Callable[[str], bool],
    severity: Callable[[type[Rule]], Severity],
) -> list[Finding]:
    """The findings left once the document's directives have applied, with a CK002 finding
    for every unused code and a CK003 finding for every unreadable directive.

    `active(code)` says whether a rule is in force for this document; `severity(rule)`
    gives the severity configured for a CK rule."""
    directives, problems = find_directives(document)
    if not directives and not problems:
        return list(findings)
    # A finding in a directive's own words is dropped: the directive is not copy.
    in_copy = [f for f in findings if not any(_inside(f.span, d.span) for d in directives)]
    kept, used = _silence(
        directives, in_copy, lambda d, f: d.scope.start <= f.span.start < d.scope.end
    )
    meta = _MetaFindings(active, severity, document.path)
    return kept + meta.unused(directives, used) + meta.invalid(problems)


def apply_note_directive(
    note: str,
    findings: Sequence[Finding],
    active: Callable[[str], bool],
    severity: Callable[[type[Rule]], Severity],
    where: tuple[str, str, dict[str, object]],
) -> list[Finding]:
    """The findings of one pair left once the directive in its note has applied (it covers
    the whole pair), with CK002 and CK003 findings in the note. `where` is the pair file's
    path, the note's field name and the data every finding of the pair carries."""
    directives, problems = note_directives(note)
    if not directives and not problems:
        return list(findings)
    kept, used = _silence(directives, findings, lambda d, f: True)
    meta = _MetaFindings(active, severity, *where)
    return kept + meta.unused(directives, used) + meta.invalid(problems)


def note_directives(note: str) -> tuple[list[Directive], list[Problem]]:
    """The directives in a pair's note (a line each; their scope: the whole pair), and
    what cannot be read. A note without `termcheck:` holds no directive."""
    bodies = [
        (Span(m.start(), m.end()), m.start("body"), m.group("body"))
        for m in _NOTE_DIRECTIVE.finditer(note)
    ]
    return _read_directives(bodies, lambda directive: Span(0, len(note)))


def _silence(
    directives: Sequence[Directive],
    findings: Sequence[Finding],
    covers: Callable[[Directive, Finding], bool],
) -> tuple[list[Finding], set[tuple[int, str]]]:
    """The findings no directive silences, and (directive number, code) of every use."""
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        silencing = [
            i
            for i, d in enumerate(directives)
            if covers(d, finding) and any(code == finding.code for code, _ in d.codes)
        ]
        if not silencing:
            kept.append(finding)
        used.update((i, finding.code) for i in silencing)
    return kept, used


@dataclass(frozen=True)
class _MetaFindings:
    """The findings about directives themselves: CK002 (unused), CK003 (unreadable)."""

    active: Callable[[str], bool]
    severity: Callable[[type[Rule]], Severity]
    path: str
    segment: str | None = None
    data: dict[str, object] | None = None

    def unused(self, directives: Sequence[Directive], used: set[tuple[int, str]]) -> list[Finding]:
        if not self.active(UnusedSuppression.code):
            return []
        return [
            self._finding(
                UnusedSuppression,
                span,
                f"'termcheck: ignore {code}' suppresses nothing here: remove {code}",
            )
            for i, d in enumerate(directives)
            for code, span in d.codes
            if (i, code) not in used and self.active(code)
        ]

    def invalid(self, problems: Sequence[Problem]) -> list[Finding]:
        if not self.active(InvalidSuppression.code):
            return []
        return [self._finding(InvalidSuppression, p.span, p.message) for p in problems]

    def _finding(self, rule: type[Rule], span: Span, message: str) -> Finding:
        return Finding(
            rule.code,
            rule.name,
            self.severity(rule),
            self.path,
            span,
            message,
            segment=self.segment,
            data=dict(self.data or {}),
        )


def find_directives(document: Document) -> tuple[list[Directive], list[Problem]]:
    """Every directive of the document's format, with its scope; and the unreadable ones."""
    bodies = list(_directive_bodies(document.format, document.source.text))
    if not bodies:
        return [], []  # most documents: no scope to work out
    return _read_directives(bodies, _scoper(document))


def _read_directives(
    bodies: Iterable[tuple[Span, int, str]], scope: Callable[[Span], Span]
) -> tuple[list[Directive], list[Problem]]:
    """The directives written at `bodies` (directive span, offset of its body, body text),
    each with its scope; and the unreadable ones."""
    directives: list[Directive] = []
    problems: list[Problem] = []
    for span, body_start, body in bodies:
        codes, problem = _parse_body(body, body_start, span)
        if problem is not None:
            problems.append(problem)
        known = []
        for code, code_span in codes:
            if code in REGISTRY:
                known.append((code, code_span))
            else:
                problems.append(
                    Problem(code_span, f"'{code}' is not a rule code (see 'termcheck rules')")
                )
        if known:
            directives.append(Directive(span, tuple(known), scope(span)))
    return directives, problems


def _directive_bodies(fmt: str, text: str) -> Iterator[tuple[Span, int, str]]:
    """(directive span, offset of its body, body text) for each directive in the text."""
    if fmt in ("markdown", "html", "xml"):
        for match in _COMMENT.finditer(text):
            head = _COMMENT_DIRECTIVE.match(match.group("body"))
            if head is not None:
                start = match.start("body") + head.end()
                yield Span(match.start(), match.end()), start, text[start : match.end("body")]
    elif "termcheck" in text:  # the directive's word, found far quicker than the pattern
        for match in _HASH_DIRECTIVE.finditer(text):
            yield Span(match.start(), match.end()), match.start("body"), match.group("body")


def _parse_body(
    body: str, offset: int, span: Span
) -> tuple[list[tuple[str, Span]], Problem | None]:
    ignore = _IGNORE.match(body)
    if ignore is None:
        return [], Problem(span, f"unreadable termcheck directive: {_SYNTAX}")
    start = offset + ignore.start("codes")
    codes = [
        (m.group(0).upper(), Span(start + m.start(), start + m.end()))
        for m in _CODE.finditer(ignore.group("codes"))
    ]
    if not codes:
        return [], Problem(span, f"the termcheck directive names no rule code: {_SYNTAX}")
    return codes, None


def _scoper(document: Document) -> Callable[[Span], Span]:
    """The function that gives a directive's scope in this document's format."""
    text = document.source.text
    if document.format in ("html", "xml"):
        html = document.format == "html"
        return lambda directive: _element_scope(text, directive.end, html=html)
    markdown = document.format == "markdown"
    # Plain text with no blank line anywhere writes one paragraph per line.
    per_line = document.format == "docx" or (
        not markdown and _BLANK_LINE.search(text.strip()) is None
    )
    return lambda directive: _paragraph_scope(
        text, directive.end, per_line=per_line, markdown=markdown
    )


def _lines_from(text: str, offset: int) -> Iterator[tuple[int, str]]:
    """(start offset, line without its line break) for each line from `offset` on."""
    position = offset
    for line in text[offset:].splitlines(keepends=True):
        yield position, line.rstrip("\r\n")
        position += len(line)


def _paragraph_scope(text: str, after: int, *, per_line: bool, markdown: bool) -> Span:
    """The paragraph after a directive: blank lines and further directives skipped."""
    start = end = None
    for line_start, line in _lines_from(text, after):
        blank = not line.strip() or _is_directive_line(line, markdown)
        if start is None:
            if blank:
                continue
            start, end = line_start, line_start + len(line)
            if per_line or (markdown and line.lstrip().startswith("#")):
                break
            continue
        if blank or (markdown and line.lstrip().startswith("#")):
            break
        end = line_start + len(line)
    if start is None or end is None:
        return Span(after, after)
    return Span(start, end)


def _is_directive_line(line: str, markdown: bool) -> bool:
    if markdown:
        comment = _COMMENT.fullmatch(line.strip())
        return comment is not None and _COMMENT_DIRECTIVE.match(comment.group("body")) is not None
    return _HASH_DIRECTIVE.fullmatch(line) is not None


def _element_scope(text: str, after: int, *, html: bool) -> Span:
    """The next element after a directive; if text comes first, the rest of the element
    that holds the directive."""
    for token in _MARKUP_TOKEN.finditer(text, after):
        if text[after : token.start()].strip():
            break  # text before any tag: the directive is inside an element's content
        name = token.group("name")
        if name is None:
            after = token.end()  # a comment, declaration or instruction between the two
            continue
        if token.group("close"):
            return Span(after, token.start())
        if token.group("empty") or (html and name.lower() in _VOID_ELEMENTS):
            return Span(token.start(), token.end())
        return Span(token.start(), _element_end(text, token, html))
    return Span(after, _parent_end(text, after, html))


def _element_end(text: str, opening: re.Match[str], html: bool) -> int:
    name = _folded(opening.group("name"), html)
    depth = 0
    for token in _MARKUP_TOKEN.finditer(text, opening.start()):
        if token.group("name") is None or _folded(token.group("name"), html) != name:
            continue
        if token.group("close"):
            depth -= 1
            if depth == 0:
                return token.end()
        elif not token.group("empty"):
            depth += 1
    return _parent_end(text, opening.end(), html)


def _parent_end(text: str, offset: int, html: bool) -> int:
    """Where the element holding `offset` closes (the end of the text if it never does)."""
    depth = 0
    for token in _MARKUP_TOKEN.finditer(text, offset):
        name = token.group("name")
        if name is None or token.group("empty") or (html and name.lower() in _VOID_ELEMENTS):
            continue
        if token.group("close"):
            if depth == 0:
                return token.start()
            depth -= 1
        else:
            depth += 1
    return len(text)


def _folded(name: str, html: bool) -> str:
    return name.lower() if html else name


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end
