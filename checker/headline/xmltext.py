"""The translatable text of an XLIFF or TMX element, without its inline codes.

Paired containers (`g`, `pc`, `mrk`, `hi`) keep their text; codes that carry native
markup (`bpt`, `ept`, `ph`, `it`, `ut`) and empty placeholders (`x`, `bx`, `ex`, `sc`,
`ec`, `sm`, `em`) contribute nothing; XLIFF 2 `cp` elements become their character.
"""

from __future__ import annotations

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
INLINE_CODES = frozenset({"bpt", "ept", "ph", "it", "ut", "x", "bx", "ex", "sc", "ec", "sm", "em"})


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def inline_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            name = local_name(child)
            if name == "cp":
                parts.append(_code_point(child))
            elif name not in INLINE_CODES:
                parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _code_point(element: etree._Element) -> str:
    try:
        return chr(int(element.get("hex") or "", 16))
    except ValueError:
        return ""
