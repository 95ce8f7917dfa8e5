"""Load the YAML glossary format (docs/glossary-format.md) with the line of every entry.

The YAML is read by `checker.glossary.robust_yaml` (bounded, with lines); this module turns
its plain data into the glossary model, naming the file and line of every bad value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from checker.dates import PartialDate
from checker.errors import GlossaryError
from checker.glossary.model import (
    CJK_LANGS,
    CONFIRMED,
    UNCONFIRMED,
    Coverage,
    Entry,
    Event,
    Form,
    Glossary,
    Kind,
    Role,
    Spec,
    Tenure,
)
from checker.glossary.robust_yaml import LINE, parse_yaml

_COMMON_KEYS = {
    "id",
    "kind",
    "en",
    "accepted",
    "short",
    "forbidden",
    "discouraged",
    "ambiguous",
    "case",
    "zh-Hans",
    "zh-Hant",
    "ja",
    "ja-reading",
    "forbidden-cjk",
    "note",
    "status",
    "sources",
    "specs",
}
_KIND_KEYS = {
    Kind.PERSON: {"family", "given", "name-origin", "tenures", "born", "coverage"},
    Kind.OFFICE: {"country", "before-name", "after-name", "holders", "organization", "coverage"},
    Kind.ORGANIZATION: {"country", "events"},
    Kind.PLACE: {"adjective", "country"},
    Kind.TERM: {"events"},
}
_ENTRY_KEYS = {kind: _COMMON_KEYS | keys | {LINE} for kind, keys in _KIND_KEYS.items()}
_KINDS = {kind.value: kind for kind in Kind}
_ROLE_KEYS = {
    "accepted": Role.ACCEPTED,
    "short": Role.SHORT,
    "adjective": Role.ADJECTIVE,
    "before-name": Role.BEFORE_NAME,
    "after-name": Role.AFTER_NAME,
    "ambiguous": Role.AMBIGUOUS,
    "discouraged": Role.DISCOURAGED,
    "forbidden": Role.FORBIDDEN,
}
_FORM_KEYS = {"form", "status", "note", "source", "use", "value", "formal", LINE}
_TENURE_KEYS = {"office", "from", "to", "source", "status", "note", LINE}
# The keys that hold forms, in the order an entry's forms are listed: (key, role, language).
_FORM_LISTS = (
    *((key, role, "en") for key, role in _ROLE_KEYS.items()),
    *((lang, Role.PREFERRED, lang) for lang in CJK_LANGS),
    ("forbidden-cjk", Role.FORBIDDEN, "cjk"),
)
# Entry fields read as text: (key, field).
_NAME_FIELDS = (
    ("family", "family"),
    ("given", "given"),
    ("name-origin", "name_origin"),
    ("country", "country"),
)
_NOTE_FIELDS = (("ja-reading", "ja_reading"), ("note", "note"))


MAX_FORM_LENGTH = 500  # characters of one form (the longest real title is under 150)


def load_yaml_glossary(path: str | Path, *, pure: bool = False) -> Glossary:
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"cannot read glossary: {exc}", name) from None
    return glossary_from_yaml(text, name, pure=pure)


def glossary_from_yaml(text: str, path: str, *, pure: bool = False) -> Glossary:
    """The glossary in `text`; `pure` reads it with PyYAML's Python parser (the one used
    where PyYAML has no C parser), which gives the same glossary and the same errors.

    Each entry is read as soon as the parser has it, so the YAML of all entries is never
    held at once; the first problem of an entry is raised once the whole file is known to
    be YAML and a glossary, as if the entries were read after the file."""
    reader = EntryReader(path)
    problems: list[GlossaryError] = []

    def entry(item: Any, list_line: int) -> Entry | None:
        if problems:
            return None
        try:
            return reader.entry(item, list_line)
        except GlossaryError as problem:
            problems.append(problem)
            return None

    data = parse_yaml(text, path, entry, pure=pure)
    if isinstance(data, list):  # a bare list of entries
        data = {"entries": data, LINE: 1}
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise GlossaryError("a glossary is a mapping with a list of 'entries'", path, 1)
    _reject_unknown(
        data, {"glossary", "version", "description", "knowledge-date", "entries"}, path, "glossary"
    )
    if problems:
        raise problems[0]
    entries = tuple(data["entries"])
    name = str(data.get("glossary") or Path(path).stem)
    version = str(data.get("version") or "")
    knowledge = reader.date(data.get("knowledge-date"), name, "knowledge-date", data.get(LINE))
    return Glossary(
        entries=entries,
        names=(name,),
        versions=(version,),
        knowledge_dates=(knowledge.latest,) if knowledge else (),
    )


def _reject_unknown(mapping: dict[str, Any], allowed: set[str], path: str, what: str) -> None:
    if mapping.keys() <= allowed:
        return
    for key in mapping:
        if key != LINE and key not in allowed:
            raise GlossaryError(f"unknown key {key!r} in {what}", path, mapping.get(LINE))


class EntryReader:
    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, message: str, line: int | None) -> GlossaryError:
        return GlossaryError(message, self.path, line)

    def entry(self, item: Any, list_line: int | None = None) -> Entry:
        if not isinstance(item, dict):
            raise self.fail("each entry is a mapping with an 'id' and a 'kind'", list_line)
        line = item.get(LINE)
        entry_id = item.get("id")
        if not isinstance(entry_id, str) or not entry_id:
            raise self.fail("entry without an 'id'", line)
        kind_name = item.get("kind")
        kind = _KINDS.get(kind_name) if isinstance(kind_name, str) else None
        if kind is None:
            raise self.fail(
                f"entry {entry_id!r}: kind must be one of " + ", ".join(k.value for k in Kind),
                line,
            )
        _reject_unknown(item, _ENTRY_KEYS[kind], self.path, f"entry {entry_id!r}")
        en = item.get("en")
        if not isinstance(en, str) or not en.strip():
            raise self.fail(f"entry {entry_id!r} has no English form 'en'", line)
        self.length(en, entry_id, "en", line)
        get = item.get
        # Most keys are absent from most entries: each is looked at only when present.
        forms = [Form(en, Role.PREFERRED, line=line)]
        for key, role, lang in _FORM_LISTS:
            value = get(key)
            if value is not None:
                forms.extend(self.forms(value, role, lang, entry_id, key, line))
        # Checked in the order of the entry's fields, so the first problem is the one named.
        fields: dict[str, Any] = {}
        if "born" in item:
            fields["born"], fields["born_status"] = self.dated_value(
                item["born"], entry_id, "born", line
            )
        status = self.status(get("status"), entry_id, line)
        self.texts(item, _NAME_FIELDS, entry_id, line, fields)
        if "case" in item:
            fields["case"] = self.choice(
                item["case"], ("exact", "title-or-lower"), entry_id, "case", line
            )
        if "holders" in item:
            fields["holders"] = self.choice(
                item["holders"], ("single", "multiple"), entry_id, "holders", line
            )
        self.texts(item, (("organization", "organization"),), entry_id, line, fields)
        if "tenures" in item:
            tenures = self.seq(item["tenures"], entry_id, "tenures", line)
            fields["tenures"] = tuple([self.tenure(t, entry_id, line) for t in tenures])
        if "events" in item:
            events = self.seq(item["events"], entry_id, "events", line)
            fields["events"] = tuple([self.event(e, entry_id, line) for e in events])
        self.texts(item, _NOTE_FIELDS, entry_id, line, fields)
        if "sources" in item:
            sources = self.seq(item["sources"], entry_id, "sources", line)
            fields["sources"] = tuple([str(source) for source in sources])
        if "specs" in item:
            specs = self.seq(item["specs"], entry_id, "specs", line)
            fields["specs"] = tuple([self.spec(spec, entry_id, line) for spec in specs])
        if "coverage" in item:
            fields["coverage"] = self.coverage(item["coverage"], entry_id, line)
        return Entry(
            id=entry_id,
            kind=kind,
            en=en,
            forms=tuple(forms),
            path=self.path,
            line=line,
            status=status,
            **fields,
        )

    def coverage(self, value: Any, entry_id: str, line: int | None) -> Coverage | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(
                f"entry {entry_id!r}: 'coverage' is a mapping with 'from' and 'to'", line
            )
        line = value.get(LINE, line)
        _reject_unknown(
            value, {"from", "to", "note", "vacant"}, self.path, f"the coverage of {entry_id!r}"
        )
        start = self.date(value.get("from"), entry_id, "coverage from", line)
        end = self.date(value.get("to"), entry_id, "coverage to", line)
        if start is None or end is None:
            raise self.fail(
                f"entry {entry_id!r}: 'coverage' needs both 'from' and 'to' dates", line
            )
        vacant = []
        for period in self.seq(value.get("vacant"), entry_id, "vacant", line):
            where = period.get(LINE, line) if isinstance(period, dict) else line
            if not isinstance(period, dict):
                raise self.fail(f"entry {entry_id!r}: each vacancy has 'from' and 'to'", where)
            _reject_unknown(period, {"from", "to", "note"}, self.path, f"a vacancy of {entry_id!r}")
            first = self.date(period.get("from"), entry_id, "vacant from", where)
            last = self.date(period.get("to"), entry_id, "vacant to", where)
            if first is None or last is None:
                raise self.fail(f"entry {entry_id!r}: each vacancy has 'from' and 'to'", where)
            vacant.append((first, last))
        return Coverage(start, end, tuple(vacant))

    def length(self, form: str, entry_id: str, key: str, line: int | None) -> None:
        if len(form) > MAX_FORM_LENGTH:
            raise self.fail(
                f"entry {entry_id!r}: a {key!r} form of {len(form):,} characters is longer "
                f"than {MAX_FORM_LENGTH}",
                line,
            )

    def texts(
        self,
        item: dict[str, Any],
        keys: tuple[tuple[str, str], ...],
        entry_id: str,
        line: int | None,
        fields: dict[str, Any],
    ) -> None:
        """The text fields (key, field name) the entry gives, put in `fields`."""
        for key, name in keys:
            value = item.get(key)
            if value is not None:
                fields[name] = self.text(value, entry_id, key, line)

    def seq(self, value: Any, entry_id: str, key: str, line: int | None) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        raise self.fail(f"entry {entry_id!r}: {key!r} must be a list", line)

    def text(self, value: Any, entry_id: str, key: str, line: int | None) -> str | None:
        if value is None:
            return None
        if isinstance(value, str | int | float):
            return str(value)
        raise self.fail(f"entry {entry_id!r}: {key!r} must be text", line)

    def choice(
        self, value: Any, options: tuple[str, ...], entry_id: str, key: str, line: int | None
    ) -> str:
        if value not in options:
            raise self.fail(
                f"entry {entry_id!r}: {key!r} must be one of {', '.join(options)}", line
            )
        return str(value)

    def status(self, value: Any, entry_id: str, line: int | None) -> str:
        if value is None:
            return CONFIRMED
        if value in (CONFIRMED, UNCONFIRMED):
            return str(value)
        raise self.fail(f"entry {entry_id!r}: status must be confirmed or unconfirmed", line)

    def forms(
        self, value: Any, role: Role, lang: str, entry_id: str, key: str, line: int | None
    ) -> list[Form]:
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        forms = []
        for item in items:
            if isinstance(item, str):
                self.length(item, entry_id, key, line)
                forms.append(Form(item, role, lang, line=line))
                continue
            if not isinstance(item, dict):
                raise self.fail(f"entry {entry_id!r}: each {key!r} is text or a mapping", line)
            _reject_unknown(item, _FORM_KEYS, self.path, f"a {key!r} form of {entry_id!r}")
            text = item.get("form", item.get("value"))
            if not isinstance(text, str) or not text:
                raise self.fail(
                    f"entry {entry_id!r}: a {key!r} mapping needs 'form'", item.get(LINE, line)
                )
            formal = item.get("formal", True)
            if not isinstance(formal, bool):
                raise self.fail(
                    f"entry {entry_id!r}: 'formal' of {text!r} is true or false",
                    item.get(LINE, line),
                )
            self.length(text, entry_id, key, item.get(LINE, line))
            forms.append(
                Form(
                    text,
                    role,
                    lang,
                    status=self.status(item.get("status"), entry_id, item.get(LINE, line)),
                    note=item.get("note"),
                    source=item.get("source"),
                    use=item.get("use"),
                    line=item.get(LINE, line),
                    formal=formal,
                )
            )
        return forms

    def date(self, value: Any, entry_id: str, key: str, line: int | None) -> PartialDate | None:
        if value is None:
            return None
        if isinstance(value, dt.date):
            return PartialDate(value.year, value.month, value.day)
        try:
            return PartialDate.parse(str(value))
        except ValueError as exc:
            raise self.fail(f"entry {entry_id!r}: {key}: {exc}", line) from None

    def dated_value(
        self, value: Any, entry_id: str, key: str, line: int | None
    ) -> tuple[PartialDate | None, str]:
        if isinstance(value, dict):
            line = value.get(LINE, line)
            status = self.status(value.get("status"), entry_id, line)
            return self.date(value.get("value"), entry_id, key, line), status
        return self.date(value, entry_id, key, line), CONFIRMED

    def tenure(self, item: Any, entry_id: str, entry_line: int | None) -> Tenure:
        if not isinstance(item, dict) or "office" not in item:
            raise self.fail(
                f"entry {entry_id!r}: each tenure is a mapping with an 'office'", entry_line
            )
        line = item.get(LINE)
        _reject_unknown(item, _TENURE_KEYS, self.path, f"a tenure of {entry_id!r}")
        end_unknown = item.get("to") == "unknown"
        return Tenure(
            office=str(item["office"]),
            start=self.date(item.get("from"), entry_id, "from", line),
            end=None if end_unknown else self.date(item.get("to"), entry_id, "to", line),
            end_unknown=end_unknown,
            source=item.get("source"),
            status=self.status(item.get("status"), entry_id, line),
            note=item.get("note"),
            line=line,
        )

    def event(self, item: Any, entry_id: str, entry_line: int | None) -> Event:
        if isinstance(item, str):
            return Event(date="", text=item)
        if not isinstance(item, dict):
            raise self.fail(f"entry {entry_id!r}: each event is text or a mapping", entry_line)
        return Event(
            date=str(item.get("date", "")),
            text=str(item.get("text", "")),
            source=item.get("source"),
        )

    def spec(self, item: Any, entry_id: str, entry_line: int | None) -> Spec:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise self.fail(f"entry {entry_id!r}: each spec is a mapping with 'text'", entry_line)
        line = item.get(LINE)
        _reject_unknown(item, {"text", "expect", "date"}, self.path, f"a spec of {entry_id!r}")
        expect = item.get("expect", [])
        if not isinstance(expect, list):
            raise self.fail(f"entry {entry_id!r}: a spec's 'expect' is a list of codes", line)
        date_value = self.date(item.get("date"), entry_id, "date", line)
        when = date_value.earliest if date_value and date_value.day else None
        return Spec(text=item["text"], expect=tuple(str(c) for c in expect), date=when, line=line)
