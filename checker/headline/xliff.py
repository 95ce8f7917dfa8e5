"""XLIFF 1.2 and 2.x (2.0, 2.1, 2.2): one pair per translated unit, with its `state`.

The Chinese or Japanese side is the pair's source and the English side its translation,
whichever way the file runs (a file translated from English is read the other way round,
with a warning). Units marked `translate="no"` and units without a target are skipped.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from checker.errors import InputError
from checker.headline.pairs import HeadlinePair, PairFile, new_pair, side_of
from checker.headline.xmltext import XML_LANG, inline_text, local_name
from checker.xmlsafe import parse_xml

# XLIFF 2 segment states, from least to most advanced.
_STATES_2 = ("initial", "translated", "reviewed", "final")


def read_xliff(data: bytes, path: str) -> PairFile:
    root = parse_xml(data, path).getroot()
    if local_name(root) != "xliff":
        raise InputError(f"not an XLIFF file: the root element is <{local_name(root)}>", path)
    namespace = etree.QName(root).namespace or ""
    version = root.get("version") or namespace.rsplit(":", 1)[-1]
    reader = _Units(path)
    if version.startswith("2"):
        reader.read_2(root, namespace)
        fmt = "xliff-2"
    else:
        reader.read_1(root, namespace)
        fmt = "xliff-1.2"
    return PairFile(path, fmt, tuple(reader.pairs), tuple(reader.warnings()))


class _Units:
    def __init__(self, path: str) -> None:
        self.path = path
        self.pairs: list[HeadlinePair] = []
        self.untranslated = 0
        self.unpaired = 0
        self.reversed = False

    def read_1(self, root: etree._Element, namespace: str) -> None:
        q = _qualifier(namespace)
        for file in root.iter(q("file")):
            source_lang = file.get("source-language")
            target_lang = file.get("target-language")
            for unit in file.iter(q("trans-unit")):
                if unit.get("translate") == "no":
                    continue
                source = unit.find(q("source"))
                target = unit.find(q("target"))
                if source is None or target is None or not inline_text(target).strip():
                    self.untranslated += 1
                    continue
                self.add(
                    unit,
                    (source.get(XML_LANG) or source_lang, inline_text(source)),
                    (target.get(XML_LANG) or target_lang, inline_text(target)),
                    target.get("state"),
                    _notes(unit.findall(q("note"))),
                )

    def read_2(self, root: etree._Element, namespace: str) -> None:
        q = _qualifier(namespace)
        source_lang = root.get("srcLang")
        target_lang = root.get("trgLang")
        for unit in root.iter(q("unit")):
            if unit.get("translate") == "no":
                continue
            sources: list[str] = []
            targets: list[str] = []
            states: list[str] = []
            complete = True
            for part in unit:
                kind = local_name(part) if isinstance(part.tag, str) else None
                if kind not in ("segment", "ignorable"):
                    continue
                source = part.find(q("source"))
                target = part.find(q("target"))
                text = inline_text(source) if source is not None else ""
                sources.append(text)
                if target is not None:
                    targets.append(inline_text(target))
                elif kind == "ignorable":
                    targets.append(text)
                else:
                    complete = False
                if kind == "segment":
                    states.append(part.get("state") or "initial")
            if not complete or not "".join(targets).strip():
                self.untranslated += 1
                continue
            state = min(states, key=_state_rank) if states else None
            notes = _notes(unit.findall(f"{q('notes')}/{q('note')}"))
            source_side = (source_lang, "".join(sources))
            self.add(unit, source_side, (target_lang, "".join(targets)), state, notes)

    def add(
        self,
        unit: etree._Element,
        first: tuple[str | None, str],
        second: tuple[str | None, str],
        state: str | None,
        note: str,
    ) -> None:
        sides = (side_of(*first), side_of(*second))
        if sides == ("source", "english"):
            source, translation = first, second
        elif sides == ("english", "source"):
            source, translation = second, first
            self.reversed = True
        else:
            self.unpaired += 1
            return
        line = unit.sourceline if isinstance(unit.sourceline, int) else None
        self.pairs.append(
            new_pair(
                pair_id=unit.get("id") or str(len(self.pairs) + 1),
                source=source[1],
                translation=translation[1],
                lang=source[0],
                state=state,
                path=self.path,
                line=line,
                note=note,
            )
        )

    def warnings(self) -> list[str]:
        notes = []
        if self.reversed:
            notes.append(
                "the file is translated from English: its Chinese or Japanese text is checked "
                "as the source and its English as the translation"
            )
        if self.untranslated:
            notes.append(f"{self.untranslated} unit(s) without a translation skipped")
        if self.unpaired:
            notes.append(
                f"{self.unpaired} unit(s) skipped: not a Chinese or Japanese text with English"
            )
        return notes


def _qualifier(namespace: str) -> Callable[[str], str]:
    def qualified(name: str) -> str:
        return f"{{{namespace}}}{name}" if namespace else name

    return qualified


def _state_rank(state: str) -> int:
    return _STATES_2.index(state) if state in _STATES_2 else 0


def _notes(notes: list[etree._Element]) -> str:
    """A unit's notes, one a line (a `termcheck: ignore CODE` in one suppresses)."""
    return "\n".join(inline_text(n).strip() for n in notes)
