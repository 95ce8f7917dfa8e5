"""Write glossaries as TBX: v3 TBX-Basic or TBX-Min (DCA or DCT style), or v2 `martif`.

One concept per entry (`@id` = the entry id), one language section per language (`en`,
`zh-Hans`, `zh-Hant`, `ja`). Each form is a term with its administrative status:
preferred for `en` and the CJK renderings, admitted for the other correct forms (short
forms also carry the term type `shortForm`, adjectives the part of speech `adjective`),
deprecated for forbidden ones. A form's note is a TBX `note`, its source an `admin
source`; the entry's sources are external cross-references and its note a `note`.

TBX has no data category for what makes the glossary a checker's (kind, names, tenures,
dates, specs, roles such as before-name, unconfirmed status): TBX-Basic and v2 carry them
in notes that begin with `termcheck:` followed by JSON, which `load_tbx` reads back, so a
YAML → TBX → YAML round trip keeps every fact. TBX-Min has no notes: it keeps the terms,
their status and the sources only.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from checker.errors import UsageError
from checker.glossary.export_yaml import entry_facts
from checker.glossary.load_tbx import termcheck_note
from checker.glossary.model import CJK_LANGS, CONFIRMED, Entry, Form, Glossary, Role

DIALECTS = ("tbx-basic", "tbx-min", "tbx-v2")
STYLES = ("dca", "dct")
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
MIN_NAMESPACE = "http://www.tbxinfo.net/ns/min"
BASIC_NAMESPACE = "http://www.tbxinfo.net/ns/basic"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {
    Role.PREFERRED: "preferredTerm-admn-sts",
    Role.FORBIDDEN: "deprecatedTerm-admn-sts",
}
_ADMITTED = "admittedTerm-admn-sts"
# Roles that the status and the term type say on their own.
_IMPLIED_ROLES = (Role.PREFERRED, Role.ACCEPTED, Role.SHORT, Role.FORBIDDEN)
# Data categories and the DCT module that defines each.
_MODULES = {
    "administrativeStatus": MIN_NAMESPACE,
    "partOfSpeech": MIN_NAMESPACE,
    "externalCrossReference": MIN_NAMESPACE,
    "termType": BASIC_NAMESPACE,
    "source": BASIC_NAMESPACE,
}
_ELEMENTS = {
    "administrativeStatus": "termNote",
    "partOfSpeech": "termNote",
    "termType": "termNote",
    "source": "admin",
    "externalCrossReference": "xref",
}


def export_tbx(glossary: Glossary, dialect: str = "tbx-basic", style: str = "dca") -> bytes:
    if dialect not in DIALECTS:
        raise UsageError(f"unknown TBX format {dialect!r} (use {', '.join(DIALECTS)})")
    if style not in STYLES:
        raise UsageError(f"unknown TBX style {style!r} (use dca or dct)")
    if dialect == "tbx-v2" and style == "dct":
        raise UsageError("TBX v2 (martif) has no DCT style; use --style dca")
    return _Writer(dialect, style).document(glossary)


class _Writer:
    def __init__(self, dialect: str, style: str) -> None:
        self.v2 = dialect == "tbx-v2"
        self.minimal = dialect == "tbx-min"
        self.dct = style == "dct"
        self.namespace = "" if self.v2 else f"{{{TBX_NAMESPACE}}}"

    def element(self, parent: Any, name: str, text: str | None = None, **attributes: str) -> Any:
        node = etree.SubElement(parent, self.namespace + name, attributes)
        node.text = text
        return node

    def category(self, parent: Any, name: str, value: str, target: str | None = None) -> None:
        attributes = {"target": target} if target else {}
        if self.dct:
            node = etree.SubElement(parent, f"{{{_MODULES[name]}}}{name}", attributes)
            node.text = value
        else:
            self.element(parent, _ELEMENTS[name], value, type=name, **attributes)

    def document(self, glossary: Glossary) -> bytes:
        if self.v2:
            root = etree.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
        else:
            nsmap: dict[str | None, str] = {None: TBX_NAMESPACE}
            if self.dct:
                nsmap.update({"min": MIN_NAMESPACE, "basic": BASIC_NAMESPACE})
            dialect = "TBX-Min" if self.minimal else "TBX-Basic"
            root = etree.Element(
                self.namespace + "tbx",
                {"type": dialect, "style": "dct" if self.dct else "dca", _XML_LANG: "en"},
                nsmap=nsmap,  # type: ignore[arg-type]  # lxml-stubs: None is the default namespace
            )
        self.header(root, glossary)
        body = self.element(self.element(root, "text"), "body")
        for entry in glossary.entries:
            self.concept(body, entry)
        return etree.tostring(
            etree.ElementTree(root), xml_declaration=True, encoding="UTF-8", pretty_print=True
        )

    def header(self, root: Any, glossary: Glossary) -> None:
        header = self.element(root, "martifHeader" if self.v2 else "tbxHeader")
        description = self.element(header, "fileDesc")
        name = "+".join(glossary.names) or "glossary"
        self.element(self.element(description, "titleStmt"), "title", name)
        version = "+".join(v for v in glossary.versions if v)
        self.element(
            self.element(description, "sourceDesc"),
            "p",
            termcheck_note("glossary", {"glossary": name, "version": version}),
        )

    def concept(self, body: Any, entry: Entry) -> None:
        concept = self.element(body, "termEntry" if self.v2 else "conceptEntry", id=entry.id)
        if not self.minimal:
            facts = {k: v for k, v in entry_facts(entry).items() if k not in _IN_TBX}
            self.element(concept, "note", termcheck_note("entry", facts))
            if entry.note:
                self.element(concept, "note", entry.note)
        for source in entry.sources:
            self.category(concept, "externalCrossReference", source, target=source)
        by_lang: dict[str, list[Form]] = {}
        wrong_cjk = [f for f in entry.forms if f.lang == "cjk"]
        for form in entry.forms:
            # Forbidden CJK forms share one section (its language that of the first) so
            # that their order survives a round trip.
            key = _tbx_lang(wrong_cjk[0]) if form.lang == "cjk" else form.lang
            by_lang.setdefault(key, []).append(form)
        for lang in sorted(by_lang, key=_LANG_ORDER.index):
            section = self.element(concept, "langSet" if self.v2 else "langSec")
            section.set(_XML_LANG, lang)
            for form in by_lang[lang]:
                self.term(section, form)

    def term(self, section: Any, form: Form) -> None:
        container = self.element(section, "tig" if self.v2 else "termSec")
        self.element(container, "term", form.text)
        self.category(container, "administrativeStatus", _STATUS.get(form.role, _ADMITTED))
        if form.role is Role.ADJECTIVE:
            self.category(container, "partOfSpeech", "adjective")
        if self.minimal:
            return
        if form.role is Role.SHORT:
            self.category(container, "termType", "shortForm")
        if form.source:
            self.category(container, "source", form.source)
        if form.note:
            self.element(container, "note", form.note)
        facts: dict[str, Any] = {}
        if form.role not in _IMPLIED_ROLES:
            facts["role"] = form.role.value
        if form.status != CONFIRMED:
            facts["status"] = form.status
        if form.use:
            facts["use"] = form.use
        if not form.formal:
            facts["formal"] = False
        if form.lang == "cjk":
            facts["lang"] = "cjk"
        if facts:
            self.element(container, "note", termcheck_note("form", facts))


# Facts that TBX itself carries: the concept id, the entry's note and its sources.
_IN_TBX = frozenset({"id", "note", "sources"})
_LANG_ORDER = ["en", *CJK_LANGS, "zh"]


def _tbx_lang(form: Form) -> str:
    if form.lang != "cjk":
        return form.lang
    has_kana = any("\u3040" <= ch <= "\u30ff" for ch in form.text)
    return "ja" if has_kana else "zh"
