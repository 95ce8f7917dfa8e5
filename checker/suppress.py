"""Inline suppression: directives in each format's comment syntax that silence named rules
in the next paragraph or element, and the findings about directives themselves.

- Plain text and DOCX: a line of its own, `# termcheck: ignore CODE[,CODE]`. It covers the
  next paragraph: up to the next blank line, or the next line alone in a file that writes
  one paragraph per line (no blank lines between paragraphs, as in DOCX).
- Markdown: `<!-- termcheck: ignore CODE -->`, covering the next block (up to a blank line
  or the end of a heading line).
- HTML and XML: `<!-- termcheck: ignore CODE -->`, covering the next element; written as
  the first child of an element (text follows it), it covers the rest of that element.

A directive that suppresses nothing is reported as CK002, one that cannot be read as
CK003. Codes of rules not in force for the file are neither suppressed nor reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from checker.document import Document
from checker.model import Finding, Severity, Span
from checker.rules import REGISTRY, Rule
from checker.rules.meta import InvalidSuppression, UnusedSuppression

_HASH_DIRECTIVE = re.compile(r"^[ \t]*#[ \t]*termcheck[ \t]*:(?P<body>[^\r\n]*)$", re.MULTILINE)
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
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        if any(_inside(finding.span, d.span) for d in directives):
            continue  # a finding in the directive's own words: the directive is not copy
        silencing = [
            i
            for i, d in enumerate(directives)
            if d.scope.start <= finding.span.start < d.scope.end
            and any(code == finding.code for code, _ in d.codes)
        ]
        if not silencing:
            kept.append(finding)
        used.update((i, finding.code) for i in silencing)
    path = document.path
    if active(UnusedSuppression.code):
        kept.extend(
            _meta_finding(
                UnusedSuppression,
                severity,
                path,
                span,
                f"'termcheck: ignore {code}' suppresses nothing here: remove {code}",
            )
            for i, d in enumerate(directives)
            for code, span in d.codes
            if (i, code) not in used and active(code)
        )
    if active(InvalidSuppression.code):
        kept.extend(
            _meta_finding(InvalidSuppression, severity, path, p.span, p.message) for p in problems
        )
    return kept


def find_directives(document: Document) -> tuple[list[Directive], list[Problem]]:
    """Every directive of the document's format, with its scope; and the unreadable ones."""
    text = document.source.text
    directives: list[Directive] = []
    problems: list[Problem] = []
    scope = _scoper(document)
    for span, body_start, body in _directive_bodies(document.format, text):
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
    else:
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


def _meta_finding(
    rule: type[Rule],
    severity: Callable[[type[Rule]], Severity],
    path: str,
    span: Span,
    message: str,
) -> Finding:
    return Finding(rule.code, rule.name, severity(rule), path, span, message)
