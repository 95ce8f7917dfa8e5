"""Load TBX termbases: TBX v3 (TBX-Basic, TBX-Min, any dialect; DCA and DCT styles), TBX v2
`martif` files and the 2013 TBX-Min format, all through the hardened XML parser.

Elements are matched by local name, so every namespace generation reads the same. A
concept (`conceptEntry`, `termEntry`) becomes one entry: its first preferred English
term is `en`, other correct English terms are accepted (short forms, abbreviations and
acronyms are short), Chinese and Japanese terms are the entry's forms in `zh-Hans`,
`zh-Hant` or `ja` (language tags compared case-insensitively, `zh-CN`/`zh-TW`/`zh-HK`
mapped to scripts), and every deprecated, superseded, obsolete or forbidden term is a
forbidden form. Where no term of a language section carries a status, all are preferred
(the Microsoft and IATE exports); an unknown status value counts as admitted. A concept
without an English term cannot be checked in English copy and is left out.

Notes beginning with `termcheck:` carry the facts TBX has no data category for (kind,
tenures, specs, roles such as before-name, …) as JSON; `export_tbx` writes them, so a
glossary goes YAML → TBX → YAML without losing a fact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import GlossaryError, InputError
from checker.glossary.export_yaml import form_facts
from checker.glossary.load_yaml import LINE, EntryReader
from checker.glossary.model import CJK_LANGS, Entry, Form, Glossary, Kind, Role
from checker.readers.langtags import canonical_lang
from checker.xmlsafe import parse_xml

PREFERRED = "preferred"
ADMITTED = "admitted"
FORBIDDEN = "forbidden"
UNKNOWN = "unknown"

_STATUS = {
    **dict.fromkeys(
        (
            "preferredterm-admn-sts",
            "preferredterm",
            "preferred",
            "standardizedterm-admn-sts",
            "standardizedterm",
            "legalterm",
            "regulatedterm",
        ),
        PREFERRED,
    ),
    **dict.fromkeys(("admittedterm-admn-sts", "admittedterm", "admitted"), ADMITTED),
    **dict.fromkeys(
        (
            "deprecatedterm-admn-sts",
            "deprecatedterm",
            "deprecated",
            "supersededterm-admn-sts",
            "supersededterm",
            "superseded",
            "obsolete",
            "notrecommended",
            "forbidden",
        ),
        FORBIDDEN,
    ),
}
STATUS_CATEGORIES = frozenset(
    {"administrativestatus", "usagestatus", "normativeauthorization", "termstatus"}
)
_SHORT_TYPES = frozenset({"shortform", "abbreviation", "acronym"})
_CONTAINERS = frozenset({"termsec", "tig", "ntig"})
_GROUPS = frozenset({"termnotegrp", "descripgrp", "admingrp", "termgrp", "notegrp"})
_GENERIC = frozenset({"termnote", "descrip", "admin"})
TERMCHECK_NOTE = "termcheck:"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SLUG = re.compile(r"[^a-z0-9]+")


def normalize_status(value: str | None) -> str:
    """`preferred`, `admitted`, `forbidden`, or `unknown` for a term status as TBX files
    spell it (formats.md §1.5)."""
    if value is None:
        return UNKNOWN
    return _STATUS.get(value.strip().lower(), UNKNOWN)


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def termcheck_note(kind: str, facts: dict[str, Any]) -> str:
    return f"{TERMCHECK_NOTE}{kind} {json.dumps(facts, ensure_ascii=False, sort_keys=True)}"


def parse_termcheck_note(text: str) -> tuple[str, dict[str, Any]] | None:
    if not text.startswith(TERMCHECK_NOTE):
        return None
    kind, _, payload = text[len(TERMCHECK_NOTE) :].partition(" ")
    try:
        facts = json.loads(payload)
    except ValueError:
        return None
    return (kind, facts) if isinstance(facts, dict) else None


def _local(node: Any) -> str:
    tag = node.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _text(node: Any) -> str:
    return "".join(node.itertext()).strip()


@dataclass
class _Term:
    text: str
    lang: str
    status: str
    line: int | None
    categories: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def category(self, name: str) -> str | None:
        return next((v for k, v in self.categories if k == name), None)


def load_tbx_glossary(path: str | Path) -> Glossary:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read glossary: {exc.strerror or exc}", name) from None
    return glossary_from_tbx(data, name)


def glossary_from_tbx(data: bytes, path: str) -> Glossary:
    try:
        root = parse_xml(data, path).getroot()
    except InputError as exc:
        raise GlossaryError(exc.message, path, exc.line, exc.column) from None
    if _local(root) not in ("tbx", "martif"):
        raise GlossaryError(f"not a TBX file (root element <{_local(root)}>)", path)
    file_lang = canonical_lang(root.get(_XML_LANG))
    header = _header_facts(root)
    entries: list[Entry] = []
    ids: set[str] = set()
    for concept in root.iter():
        if _local(concept) in ("conceptentry", "termentry"):
            entry = _entry(concept, path, file_lang, ids)
            if entry is not None:
                entries.append(entry)
    if not entries:
        raise GlossaryError("the TBX file holds no concept with an English term", path)
    name = str(header.get("glossary") or Path(path).stem)
    version = str(header.get("version") or "")
    return Glossary(entries=tuple(entries), names=(name,), versions=(version,))


def _header_facts(root: Any) -> dict[str, Any]:
    for node in root.iter():
        if _local(node) in ("sourcedesc", "header") or _local(node) == "p":
            parsed = parse_termcheck_note(_text(node))
            if parsed and parsed[0] == "glossary":
                return parsed[1]
    for node in root.iter():
        if _local(node) == "title":
            return {"glossary": _text(node)}
    return {}


def _entry(concept: Any, path: str, file_lang: str, ids: set[str]) -> Entry | None:
    facts: dict[str, Any] = {}
    notes: list[str] = []
    sources: list[str] = []
    terms: list[_Term] = []
    for child in concept:
        local = _local(child)
        if local in ("langsec", "langset"):
            terms.extend(_lang_section(child, file_lang))
        else:
            _concept_datum(child, facts, notes, sources)
    english = [t for t in terms if t.lang == "en" and t.status != FORBIDDEN]
    if not english:
        return None
    entry_id = str(facts.pop("id", None) or slug(concept.get("id") or "") or slug(english[0].text))
    unique = entry_id
    counter = 2
    while unique in ids:
        unique = f"{entry_id}-{counter}"
        counter += 1
    ids.add(unique)
    facts["id"] = unique
    facts.setdefault("kind", Kind.TERM.value)
    forms = _forms(terms)
    preferred = next(f for f in forms if f.role is Role.PREFERRED and f.lang == "en")
    # The YAML format writes `en` as plain text: its note and source go to the entry.
    notes.extend([preferred.note] if preferred.note else [])
    sources.extend([preferred.source] if preferred.source else [])
    if notes and "note" not in facts:
        facts["note"] = "; ".join(notes)
    if sources and "sources" not in facts:
        facts["sources"] = list(dict.fromkeys(sources))
    line = concept.sourceline if isinstance(concept.sourceline, int) else None
    return EntryReader(path).entry({**facts, **form_facts(forms, LINE), LINE: line})


def _concept_datum(node: Any, facts: dict[str, Any], notes: list[str], sources: list[str]) -> None:
    local = _local(node)
    if local in _GROUPS:
        for child in node:
            _concept_datum(child, facts, notes, sources)
        return
    category = (node.get("type") or "").lower() if local in _GENERIC | {"xref", "ref"} else local
    text = _text(node)
    if local == "note":
        parsed = parse_termcheck_note(text)
        if parsed and parsed[0] == "entry":
            facts.update(parsed[1])
        elif text:
            notes.append(text)
    elif category in ("definition", "explanation") and text:
        notes.append(text)
    elif category == "externalcrossreference":
        target = node.get("target") or text
        if target:
            sources.append(target)
    elif category == "source" and text:
        sources.append(text)


def _lang_section(section: Any, file_lang: str) -> list[_Term]:
    lang = canonical_lang(section.get(_XML_LANG) or section.get("lang"), file_lang)
    terms = [_term(container, lang) for container in section if _local(container) in _CONTAINERS]
    found = [t for t in terms if t is not None]
    if found and all(t.status == UNKNOWN for t in found):
        for term in found:
            if not any(k in STATUS_CATEGORIES for k, _ in term.categories):
                term.status = PREFERRED
    return found


def _term(container: Any, lang: str) -> _Term | None:
    term_element = next((n for n in container.iter() if _local(n) == "term"), None)
    if term_element is None or not _text(term_element):
        return None
    line = term_element.sourceline if isinstance(term_element.sourceline, int) else None
    term = _Term(_text(term_element), lang, UNKNOWN, line)
    for node in _data_nodes(container):
        local = _local(node)
        text = _text(node)
        if local == "note":
            parsed = parse_termcheck_note(text)
            if parsed and parsed[0] == "form":
                term.facts.update(parsed[1])
            elif text:
                term.notes.append(text)
            continue
        category = (node.get("type") or "").lower() if local in _GENERIC else local
        if category:
            term.categories.append((category.replace(" ", ""), text))
    status = next((v for k, v in term.categories if k in STATUS_CATEGORIES), None)
    term.status = normalize_status(status)
    return term


def _data_nodes(container: Any) -> Iterator[Any]:
    for child in container:
        local = _local(child)
        if local == "term":
            continue
        if local in _GROUPS:
            yield from _data_nodes(child)
        elif local:
            yield child


def _forms(terms: list[_Term]) -> list[Form]:
    forms: list[Form] = []
    english_seen = False
    for term in terms:
        role = _role(term, english_seen)
        if term.lang == "en" and role is Role.PREFERRED:
            english_seen = True
        lang = str(term.facts.get("lang") or _form_lang(term, role))
        if lang not in ("en", "cjk", *CJK_LANGS):
            continue
        forms.append(
            Form(
                term.text,
                role,
                lang,
                status=str(term.facts.get("status", "confirmed")),
                note="; ".join(term.notes) or None,
                source=term.category("source") or None,
                use=term.facts.get("use"),
                line=term.line,
                formal=term.facts.get("formal") is not False,
            )
        )
    if not any(f.role is Role.PREFERRED and f.lang == "en" for f in forms):
        first = next(i for i, f in enumerate(forms) if f.lang == "en" and f.role.is_correct)
        forms[first] = Form(
            forms[first].text,
            Role.PREFERRED,
            "en",
            forms[first].status,
            forms[first].note,
            forms[first].source,
            forms[first].use,
            forms[first].line,
            forms[first].formal,
        )
    return forms


def _role(term: _Term, english_seen: bool) -> Role:
    if "role" in term.facts:
        return Role(term.facts["role"])
    if term.status == FORBIDDEN:
        return Role.FORBIDDEN
    if term.lang != "en":
        return Role.PREFERRED
    if (term.category("termtype") or "").lower() in _SHORT_TYPES:
        return Role.SHORT
    if term.status == PREFERRED and not english_seen:
        return Role.PREFERRED
    return Role.ACCEPTED


def _form_lang(term: _Term, role: Role) -> str:
    if role is Role.FORBIDDEN and term.lang in CJK_LANGS:
        return "cjk"
    return term.lang
