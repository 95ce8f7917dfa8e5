"""HTML: one self-contained page for a copy editor. The story text of each file with every
finding highlighted where it stands (`<mark class="finding">`), the message, the suggested
wording and the glossary fact in a tooltip and in a card beside the text, and a summary by
rule. Styles and script are inline: nothing is fetched when the page is opened.

`page`, `highlighted` and `card` are the parts other reports of the same look are built
from (the side-by-side pair report of `headlines`, `checker.headline.html_report`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from lxml import html as lxml_html
from lxml.html import builder as E

from checker import __version__
from checker.bundled import display_path
from checker.document import Segment, SegmentKind
from checker.engine import Result
from checker.model import Applicability, Finding, Related, Severity, Span
from checker.printable import printable
from checker.reporters.common import position, xml_text
from checker.rules import REGISTRY

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SAFETY = {
    Applicability.SAFE: "safe fix: --fix applies it",
    Applicability.UNSAFE: "unsafe fix: --unsafe-fixes applies it; check it first",
    Applicability.DISPLAY_ONLY: "suggestion only: edit by hand",
}

_CSS = """
:root { --paper: #fbf9f4; --ink: #1f2328; --muted: #6b6f76; --rule: #e4e0d6;
  --error: #b42318; --error-bg: #fde3df; --warning: #a15c00; --warning-bg: #fff0c9;
  --info: #1f5fa8; --info-bg: #e1edfb; --accent: #33415c; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  "Noto Sans CJK JP", "Hiragino Sans", "PingFang SC", "Microsoft YaHei", sans-serif; }
header.masthead { padding: 1.4rem 2rem 1rem; border-bottom: 1px solid var(--rule);
  background: #fff; }
header.masthead h1 { margin: 0; font-size: 1.35rem; letter-spacing: .01em; }
header.masthead p { margin: .25rem 0 0; color: var(--muted); }
.pill { display: inline-block; padding: 0 .5em; border-radius: 999px; font-size: .8rem;
  font-weight: 600; line-height: 1.6; }
.pill.error { background: var(--error-bg); color: var(--error); }
.pill.warning { background: var(--warning-bg); color: var(--warning); }
.pill.info { background: var(--info-bg); color: var(--info); }
section.summary { padding: 1rem 2rem; }
section.summary h2, article.file h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
ul.rules { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; margin: 0;
  padding: 0; }
li.rule { background: #fff; border: 1px solid var(--rule); border-left: 4px solid
  var(--warning); border-radius: 6px; padding: .15rem .6rem; cursor: pointer;
  user-select: none; }
li.rule.error { border-left-color: var(--error); }
li.rule.info { border-left-color: var(--info); }
li.rule:hover, li.rule.chosen { background: #f3f0e8; }
li.rule .rule-name { color: var(--muted); }
code { font: .85rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
article.file { padding: 1rem 2rem 2rem; border-top: 1px solid var(--rule); }
article.file > header p { margin: 0 0 .8rem; color: var(--muted); }
ul.warnings { margin: 0 0 1rem; padding-left: 1.2rem; color: var(--warning); }
.layout { display: grid; grid-template-columns: minmax(0, 44rem) minmax(18rem, 26rem);
  gap: 2rem; align-items: start; }
.story { background: #fff; border: 1px solid var(--rule); border-radius: 6px;
  padding: 1.6rem 2rem; font: 18px/1.7 Georgia, "Iowan Old Style", "Palatino Linotype",
  "Book Antiqua", "Noto Serif CJK JP", "Hiragino Mincho ProN", "Songti SC", SimSun, serif; }
.story .headline { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .8rem; }
.story .byline, .story .dateline { color: var(--muted); font-size: .95rem; margin: 0 0 .6rem; }
.story p { margin: 0 0 1em; }
.story .reference { color: var(--muted); font-style: italic; }
mark.finding { background: var(--warning-bg); color: inherit; cursor: pointer;
  border-bottom: 2px solid var(--warning); padding: 0 1px; border-radius: 2px; }
mark.finding.error { background: var(--error-bg); border-bottom-color: var(--error); }
mark.finding.info { background: var(--info-bg); border-bottom-color: var(--info); }
mark.finding.insertion::after { content: "\\2038"; color: var(--error); font-weight: bold; }
mark.finding.active { outline: 2px solid var(--accent); outline-offset: 1px; }
body.filtered mark.finding:not(.chosen) { background: none; border-bottom-color: transparent; }
body.filtered li.card:not(.chosen) { display: none; }
aside.findings { position: sticky; top: 0; max-height: 100vh; overflow-y: auto;
  padding: .2rem .2rem 1rem; }
aside.findings ol { list-style: none; margin: 0; padding: 0; }
li.card { background: #fff; border: 1px solid var(--rule); border-left: 4px solid
  var(--warning); border-radius: 6px; padding: .6rem .8rem; margin: 0 0 .6rem;
  cursor: pointer; }
li.card.error { border-left-color: var(--error); }
li.card.info { border-left-color: var(--info); }
li.card.active { box-shadow: 0 0 0 2px var(--accent); }
li.card .head { display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; }
li.card .rule-name { color: var(--muted); font-size: .85rem; }
li.card .where { margin-left: auto; color: var(--muted); font-size: .8rem; }
li.card p { margin: .35rem 0 0; }
li.card .found q { background: #f3f0e8; quotes: "\\201C" "\\201D"; }
li.card ins { text-decoration: none; background: #dff3e4; color: #14532d; padding: 0 .2em;
  border-radius: 2px; font-weight: 600; }
li.card .safety { color: var(--muted); font-size: .8rem; }
li.card .fact { font-size: .85rem; color: var(--muted); }
li.card .outside { font-size: .8rem; color: var(--muted); font-style: italic; }
footer { padding: 1rem 2rem 2rem; color: var(--muted); font-size: .8rem; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
  gap: 1rem; margin: 0 0 1rem; }
.sides .story { padding: 1rem 1.2rem; font-size: 17px; }
.sides h3 { margin: 0 0 .4rem; font: 600 .8rem system-ui, sans-serif; color: var(--muted);
  text-transform: uppercase; letter-spacing: .05em; }
p.scores { margin: 0 0 .8rem; color: var(--muted); font-size: .85rem; }
section.corpus { padding: 0 2rem 1rem; }
section.corpus table { border-collapse: collapse; font-size: .9rem; }
section.corpus td { padding: .1rem .8rem .1rem 0; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; }
  aside.findings { position: static; max-height: none; } }
"""

_SCRIPT = """
(function () {
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.finding"));
  var cards = Array.prototype.slice.call(document.querySelectorAll("li.card"));
  var shown = {};
  marks.forEach(function (m) {
    if (!m.getClientRects().length) { return; }
    m.dataset.findings.split(" ").forEach(function (id) { shown[id] = true; });
  });
  document.body.dataset.highlighted = String(Object.keys(shown).length);
  function clear() {
    document.querySelectorAll(".active").forEach(function (e) { e.classList.remove("active"); });
  }
  function marksOf(id) {
    return document.querySelectorAll('mark.finding[data-findings~="' + id + '"]');
  }
  marks.forEach(function (m) {
    m.addEventListener("click", function () {
      clear();
      m.classList.add("active");
      var first = null;
      m.dataset.findings.split(" ").forEach(function (id) {
        var card = document.getElementById(id);
        if (card) { card.classList.add("active"); first = first || card; }
      });
      if (first) { first.scrollIntoView({block: "nearest", behavior: "smooth"}); }
    });
  });
  cards.forEach(function (card) {
    card.addEventListener("click", function () {
      clear();
      card.classList.add("active");
      var found = marksOf(card.id);
      found.forEach(function (m) { m.classList.add("active"); });
      if (found.length) { found[0].scrollIntoView({block: "center", behavior: "smooth"}); }
    });
  });
  document.querySelectorAll("li.rule").forEach(function (row) {
    row.addEventListener("click", function () {
      var code = row.dataset.code;
      var off = row.classList.contains("chosen");
      document.querySelectorAll(".chosen").forEach(function (e) { e.classList.remove("chosen"); });
      document.body.classList.toggle("filtered", !off);
      if (off) { return; }
      row.classList.add("chosen");
      marks.concat(cards).forEach(function (e) {
        if (e.dataset.code.split(" ").indexOf(code) >= 0) { e.classList.add("chosen"); }
      });
    });
  });
})();
"""


@dataclass(frozen=True)
class _Piece:
    """A run of segment text and the findings (card ids) over it; empty: an insertion."""

    text: str
    cards: tuple[str, ...]


def write_html(results: Iterable[Result], out: TextIO) -> None:
    seen: list[Result] = []
    articles = []
    for number, result in enumerate(results, start=1):
        seen.append(result)
        articles.append(_article(number, result))
    findings = [f for r in seen for f in r.findings]
    title = "termcheck report" + (f" — {printable(seen[0].path)}" if len(seen) == 1 else "")
    page(out, title, f"{_plural(len(seen), 'file')} checked", findings, articles)


def page(
    out: TextIO,
    title: str,
    checked: str,
    findings: Sequence[Finding],
    sections: Sequence[lxml_html.HtmlElement],
) -> None:
    """Write the page: masthead (`checked` says what was checked), the summary by rule,
    the sections, the footer, the styles and the script."""
    document = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(xml_text(title)),
            E.STYLE(_CSS),
        ),
        E.BODY(
            _masthead(checked, findings),
            _summary(findings),
            *sections,
            E.FOOTER(
                f"termcheck {__version__}. Lines and columns count Unicode code points. "
                "Click a highlight to see its finding, a finding to find it in the text, "
                "a rule to show only its findings."
            ),
            E.SCRIPT(_SCRIPT),
            **{"data-finding-count": str(len(findings))},
        ),
        lang="en",
    )
    out.write(lxml_html.tostring(document, doctype="<!DOCTYPE html>", encoding="unicode"))
    out.write("\n")


def _masthead(checked: str, findings: Sequence[Finding]) -> lxml_html.HtmlElement:
    counts = Counter(f.severity for f in findings)
    fixable = sum(1 for f in findings if f.fix and f.fix.applicability > Applicability.DISPLAY_ONLY)
    parts: list[object] = [f"{checked} · {_plural(len(findings), 'finding')}"]
    for severity in sorted(counts, reverse=True):
        label = _plural(counts[severity], severity.label)
        parts += [" ", E.SPAN(label, E.CLASS(_pill(severity)))]
    parts.append(f" · {fixable} with a fix termcheck can apply")
    return E.HEADER(E.H1("termcheck report"), E.P(*parts), E.CLASS("masthead"))


def _summary(findings: Sequence[Finding]) -> lxml_html.HtmlElement:
    """One chip per rule, worst severity first: code, name and count; a click filters."""
    by_rule = Counter(f.code for f in findings)
    worst: dict[str, Severity] = {}
    for finding in findings:
        worst[finding.code] = max(worst.get(finding.code, finding.severity), finding.severity)
    order = sorted(by_rule, key=lambda code: (-worst[code], code))
    chips = [
        E.LI(
            E.CODE(code),
            " ",
            E.SPAN(REGISTRY[code].name if code in REGISTRY else code, E.CLASS("rule-name")),
            " ",
            E.B(str(by_rule[code])),
            E.CLASS(f"rule {worst[code].label}"),
            title="Show only these findings (click again to show all)",
            **{"data-code": code},
        )
        for code in order
    ]
    body = E.UL(*chips, E.CLASS("rules")) if chips else E.P("No findings.")
    return E.SECTION(E.H2("By rule"), body, E.CLASS("summary"))


def _article(number: int, result: Result) -> lxml_html.HtmlElement:
    cards = {f"f{number}-{i}": finding for i, finding in enumerate(result.findings, start=1)}
    seen: dict[str, str] = {}  # card → the text it covers, as the story reads
    story = []
    for segment in result.segments or (Segment.literal(SegmentKind.BODY, result.source.text, 0),):
        spans = []
        for card_id, finding in cards.items():
            local = _segment_span(segment, finding.span)
            if local is not None:
                spans.append((local, card_id))
                seen.setdefault(card_id, segment.text[local.start : local.end])
        story.extend(highlighted(segment, spans, cards))
    facts = f"Story date {result.date.isoformat()}, from {result.date_origin}"
    header = [E.H2(xml_text(printable(result.path))), E.P(xml_text(facts))]
    if result.warnings:
        header.append(E.UL(*(E.LI(xml_text(w)) for w in result.warnings), E.CLASS("warnings")))
    listed = []
    for card_id, finding in cards.items():
        pos = position(result, finding)
        where = f"line {pos.line}, col {pos.column}"
        listed.append(card(finding, card_id, seen.get(card_id), where))
    aside = E.ASIDE(E.OL(*listed) if listed else E.P("No findings."), E.CLASS("findings"))
    return E.E.article(
        E.HEADER(*header),
        E.DIV(E.DIV(*story, E.CLASS("story")), aside, E.CLASS("layout")),
        E.CLASS("file"),
        id=f"file-{number}",
    )


def _segment_span(segment: Segment, span: Span) -> Span | None:
    """A source span in the segment's own coordinates, or None if the segment lacks it.
    Text that came from a reference (`&amp;`) is covered whole."""
    if not segment.chunks:
        return span if span.end <= len(segment.text) else None
    hits = []
    for chunk in segment.chunks:
        if span.start == span.end:
            if chunk.src_start <= span.start <= chunk.src_end:
                at = chunk.text_start + (span.start - chunk.src_start if chunk.literal else 0)
                return Span(at, at)
            continue
        low, high = max(span.start, chunk.src_start), min(span.end, chunk.src_end)
        if low >= high:
            continue
        if chunk.literal:
            offset = chunk.text_start - chunk.src_start
            hits.append((low + offset, high + offset))
        else:
            hits.append((chunk.text_start, chunk.text_end))
    if not hits:
        return None
    return Span(min(low for low, _ in hits), max(high for _, high in hits))


def highlighted(
    segment: Segment, spans: Sequence[tuple[Span, str]], cards: dict[str, Finding]
) -> list[lxml_html.HtmlElement]:
    """The segment as paragraphs (one per line of its text), each span (in the segment's
    text) highlighted in place and tied to its card."""
    blocks: list[list[object]] = [[]]
    for piece in _pieces(segment.text, spans):
        if not piece.text:  # an insertion point
            blocks[-1].append(_mark("", piece.cards, cards))
            continue
        for i, line in enumerate(_LINE_BREAK.split(piece.text)):
            if i:
                blocks.append([])
            if line and piece.cards:
                blocks[-1].append(_mark(line, piece.cards, cards))
            elif line:
                blocks[-1].append(xml_text(line))
    tag = "h3" if segment.kind is SegmentKind.HEADLINE else "p"
    css = "headline" if segment.kind is SegmentKind.HEADLINE else segment.kind.value
    return [E.E(tag, *parts, E.CLASS(css)) for parts in blocks if parts]


def _pieces(text: str, spans: Sequence[tuple[Span, str]]) -> Iterator[_Piece]:
    """The text cut at every finding boundary, each piece with the findings over it; an
    empty (insertion) span becomes an empty piece at its place."""
    points = sorted({0, len(text), *(p for span, _ in spans for p in (span.start, span.end))})
    for i, start in enumerate(points):
        inserted = tuple(c for span, c in spans if span.start == span.end == start)
        if inserted:
            yield _Piece("", inserted)
        if i + 1 < len(points):
            end = points[i + 1]
            covering = tuple(c for span, c in spans if span.start <= start and end <= span.end)
            yield _Piece(text[start:end], covering)


def _mark(text: str, covering: Sequence[str], cards: dict[str, Finding]) -> lxml_html.HtmlElement:
    findings = [cards[c] for c in covering]
    worst = max(f.severity for f in findings)
    css = f"finding {worst.label}" + ("" if text else " insertion")
    return E.MARK(
        xml_text(text),
        E.CLASS(css),
        title=xml_text("\n\n".join(_tooltip(f) for f in findings)),
        **{
            "data-code": " ".join(dict.fromkeys(f.code for f in findings)),
            "data-findings": " ".join(covering),
        },
    )


def card(finding: Finding, card_id: str, seen: str | None, where: str) -> lxml_html.HtmlElement:
    """The finding in full; `seen` is the text it covers (None: not in the text shown),
    `where` its position in words."""
    parts: list[object] = [
        E.DIV(
            E.SPAN(finding.severity.label, E.CLASS(_pill(finding.severity))),
            E.CODE(finding.code),
            E.SPAN(finding.rule, E.CLASS("rule-name")),
            E.SPAN(xml_text(where), E.CLASS("where")),
            E.CLASS("head"),
        ),
        E.P(xml_text(finding.message), E.CLASS("message")),
    ]
    if seen:
        parts.append(E.P("Found ", E.Q(xml_text(seen)), E.CLASS("found")))
    if finding.fix is not None:
        parts.append(
            E.P(
                "Write ",
                E.INS(xml_text(finding.fix.edits[0].replacement) or "(nothing)"),
                " ",
                E.SPAN(_SAFETY[finding.fix.applicability], E.CLASS("safety")),
                E.CLASS("suggestion"),
            )
        )
    parts.extend(_fact(fact) for fact in finding.related)
    if seen is None:
        parts.append(E.P("Outside the story text (markup or a directive).", E.CLASS("outside")))
    return E.LI(
        *parts,
        E.CLASS(f"card {finding.severity.label}"),
        id=card_id,
        **{"data-code": finding.code},
    )


def _fact(fact: Related) -> lxml_html.HtmlElement:
    parts: list[object] = ["Glossary: ", E.B(xml_text(fact.entry))]
    if fact.glossary:
        where = display_path(fact.glossary) + (f":{fact.line}" if fact.line else "")
        parts += [" · ", E.CODE(xml_text(where))]
    if fact.status != "confirmed":
        parts += [" · ", E.EM(xml_text(fact.status))]
    if fact.source:
        source = xml_text(fact.source)
        linked = source.startswith(("https://", "http://"))
        parts += [" · ", E.A("source", href=source, rel="noreferrer") if linked else source]
    return E.P(*parts, E.CLASS("fact"))


def _tooltip(finding: Finding) -> str:
    lines = [f"{finding.code} {finding.message}"]
    if finding.fix is not None:
        replacement = finding.fix.edits[0].replacement
        lines.append(f"→ {replacement} ({_SAFETY[finding.fix.applicability]})")
    for fact in finding.related[:2]:
        source = f" — {fact.source}" if fact.source else ""
        lines.append(f"Glossary: {fact.entry}{source}")
    return "\n".join(lines)


def _pill(severity: Severity) -> str:
    return f"pill {severity.label}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
