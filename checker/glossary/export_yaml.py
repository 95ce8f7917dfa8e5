"""Write glossaries in the YAML format of docs/glossary-format.md, every fact kept.

`entry_facts` and `form_facts` give an entry as the YAML format's mapping (the forms
under their keys: `en`, `accepted`, …, `zh-Hans`, `forbidden-cjk`); a value with its own
status, note, source or `use` becomes a mapping. The YAML loader reads that mapping back
into an equal entry, which is also how the TBX and CSV loaders build theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from checker.glossary.model import CJK_LANGS, CONFIRMED, Entry, Form, Glossary, Kind, Role

_ROLE_KEYS = {
    Role.ACCEPTED: "accepted",
    Role.SHORT: "short",
    Role.ADJECTIVE: "adjective",
    Role.BEFORE_NAME: "before-name",
    Role.AFTER_NAME: "after-name",
    Role.AMBIGUOUS: "ambiguous",
    Role.DISCOURAGED: "discouraged",
    Role.FORBIDDEN: "forbidden",
}
_FORM_KEY_ORDER = ("en", *_ROLE_KEYS.values(), *CJK_LANGS, "forbidden-cjk")


def form_key(form: Form, is_first_preferred: bool) -> str:
    """The YAML key a form is listed under."""
    if form.lang == "en":
        if form.role is Role.PREFERRED:
            return "en" if is_first_preferred else "accepted"
        return _ROLE_KEYS[form.role]
    if form.role is Role.FORBIDDEN:
        return "forbidden-cjk"
    return form.lang if form.lang in CJK_LANGS else "forbidden-cjk"


def _form_value(form: Form, line_key: str | None) -> Any:
    extras: dict[str, Any] = {}
    if form.status != CONFIRMED:
        extras["status"] = form.status
    if not form.formal:
        extras["formal"] = False
    for name in ("note", "source", "use"):
        value = getattr(form, name)
        if value is not None:
            extras[name] = value
    if line_key is not None and form.line is not None:
        extras[line_key] = form.line
    return {"form": form.text, **extras} if extras else form.text


def form_facts(forms: Sequence[Form], line_key: str | None = None) -> dict[str, Any]:
    """The forms under their YAML keys, in the format's order. With `line_key`, each
    form's line is kept under that key (for the YAML loader's line-aware mapping)."""
    grouped: dict[str, list[Any]] = {}
    preferred_seen = False
    en_value: Any = None
    for form in forms:
        first = form.lang == "en" and form.role is Role.PREFERRED and not preferred_seen
        key = form_key(form, first)
        if key == "en":
            preferred_seen = True
            en_value = form.text
            continue
        grouped.setdefault(key, []).append(_form_value(form, line_key))
    result: dict[str, Any] = {}
    for key in _FORM_KEY_ORDER:
        if key == "en" and en_value is not None:
            result["en"] = en_value
        elif key in grouped:
            result[key] = grouped[key]
    return result


def _date(value: Any) -> str | None:
    return None if value is None else str(value)


def entry_facts(entry: Entry) -> dict[str, Any]:
    """Everything about an entry except its forms, as the YAML format writes it."""
    facts: dict[str, Any] = {"id": entry.id, "kind": entry.kind.value}
    for key, value in (
        ("family", entry.family),
        ("given", entry.given),
        ("name-origin", entry.name_origin),
        ("country", entry.country),
        ("organization", entry.organization),
        ("ja-reading", entry.ja_reading),
    ):
        if value is not None:
            facts[key] = value
    if entry.case != "exact":
        facts["case"] = entry.case
    if entry.kind is Kind.OFFICE and entry.holders != "single":
        facts["holders"] = entry.holders
    if entry.tenures:
        facts["tenures"] = [_tenure(t) for t in entry.tenures]
    if entry.coverage is not None:
        coverage = entry.coverage
        facts["coverage"] = {"from": _date(coverage.start), "to": _date(coverage.end)}
        if coverage.vacant:
            facts["coverage"]["vacant"] = [
                {"from": _date(first), "to": _date(last)} for first, last in coverage.vacant
            ]
    if entry.born is not None:
        born = _date(entry.born)
        facts["born"] = (
            born if entry.born_status == CONFIRMED else {"value": born, "status": entry.born_status}
        )
    if entry.events:
        facts["events"] = [
            {"date": e.date, "text": e.text, **({"source": e.source} if e.source else {})}
            for e in entry.events
        ]
    if entry.note is not None:
        facts["note"] = entry.note
    if entry.status != CONFIRMED:
        facts["status"] = entry.status
    if entry.sources:
        facts["sources"] = list(entry.sources)
    if entry.specs:
        facts["specs"] = [
            {
                "text": s.text,
                **({"date": s.date.isoformat()} if s.date else {}),
                "expect": list(s.expect),
            }
            for s in entry.specs
        ]
    return facts


def _tenure(tenure: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"office": tenure.office}
    if tenure.start is not None:
        result["from"] = _date(tenure.start)
    result["to"] = "unknown" if tenure.end_unknown else _date(tenure.end)
    for key in ("source", "note"):
        value = getattr(tenure, key)
        if value is not None:
            result[key] = value
    if tenure.status != CONFIRMED:
        result["status"] = tenure.status
    return result


_ORDER = (
    "id",
    "kind",
    "name-origin",
    "family",
    "given",
    *_FORM_KEY_ORDER,
    "ja-reading",
    "country",
    "case",
    "holders",
    "organization",
    "born",
    "tenures",
    "coverage",
    "events",
    "note",
    "status",
    "sources",
    "specs",
)


def entry_mapping(entry: Entry) -> dict[str, Any]:
    """The entry as one YAML mapping, keys in the format's documented order."""
    facts = {**entry_facts(entry), **form_facts(entry.forms)}
    return {key: facts[key] for key in _ORDER if key in facts}


def glossary_yaml(glossary: Glossary, description: str | None = None) -> str:
    header: dict[str, Any] = {
        "glossary": "+".join(glossary.names) or "glossary",
        "version": "+".join(v for v in glossary.versions if v),
    }
    if description:
        header["description"] = description
    if glossary.knowledge_date is not None:
        header["knowledge-date"] = glossary.knowledge_date.isoformat()
    document = {**header, "entries": [entry_mapping(e) for e in glossary.entries]}
    return yaml.safe_dump(
        document, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
