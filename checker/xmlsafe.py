"""The one hardened XML parser every XML input goes through.

No DTD is loaded and the network is never touched; entity declarations and entity
references are refused (libxml2 also stops amplification bombs); the input size is
capped before parsing. Errors are one line with the file and the position.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from checker.errors import InputError

MAX_XML_BYTES = 256 * 1024 * 1024


# How untrusted XML is parsed, by a tree parser or by `iterparse`: no entities resolved, no
# network, no DTD loaded, libxml2's size limits kept, errors not recovered from.
_SAFE_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,
    "remove_pis": False,
    "recover": False,
}


def safe_xml_parser() -> etree.XMLParser:
    return etree.XMLParser(**_SAFE_OPTIONS)


def _refuse_large(data: bytes, path: str) -> None:
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"XML document larger than {MAX_XML_BYTES // (1024 * 1024)} MiB", path)


# libxml2's own words for its nesting limit (it names an option users cannot set).
_DEPTH_LIMIT = re.compile(r"Excessive depth in document: (\d+)")


def parse_xml(data: bytes, path: str) -> etree._ElementTree:
    """Parse untrusted XML bytes, or raise InputError with the file and position."""
    _refuse_large(data, path)
    _refuse_entity_declarations(data, path)
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None
    tree = root.getroottree()
    _refuse_declared_entities(tree, path)
    for node in root.iter(etree.Entity):
        raise _entity_used(node, path)
    return tree


def check_xml(data: bytes, path: str) -> Iterator[Any]:
    """Check untrusted XML bytes as `parse_xml` does, with the same refusals and errors,
    without keeping a tree: each element is yielded as it ends, then freed with the
    elements before it."""
    _refuse_large(data, path)
    _refuse_entity_declarations(data, path)
    events = etree.iterparse(io.BytesIO(data), events=("end",), **_SAFE_OPTIONS)
    try:
        for _, element in events:
            for child in element:
                if child.tag is etree.Entity:
                    raise _entity_used(child, path)
            yield element
            element.clear(keep_tail=True)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None
    _refuse_declared_entities(events.root.getroottree(), path)


def _syntax_error(exc: etree.XMLSyntaxError, path: str) -> InputError:
    line, column = exc.position if exc.position else (None, None)
    message = str(exc.msg).split(", line ")[0] if exc.msg else "malformed XML"
    depth = _DEPTH_LIMIT.match(message)
    if depth:
        return InputError(
            f"XML nested more than {depth.group(1)} elements deep; refused", path, line, column
        )
    return InputError(f"not well-formed XML: {message}", path, line, column)


def _refuse_declared_entities(tree: etree._ElementTree, path: str) -> None:
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):  # type: ignore[attr-defined]
        raise InputError(
            "XML declares entities; refused (entity declarations are not allowed)", path
        )


def _entity_used(node: Any, path: str) -> InputError:
    line = node.sourceline if isinstance(node.sourceline, int) else None
    return InputError(f"XML uses the undeclared entity {node.text}; refused", path, line)


def _refuse_entity_declarations(data: bytes, path: str) -> None:
    """Refuse a document declaring entities before libxml2 sees it: this answers at once,
    whatever the size of the bomb behind the declaration."""
    head = data[:65536]
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        marker = "<!ENTITY".encode(encoding)
        doctype = head.find("<!DOCTYPE".encode(encoding))
        index = head.find(marker, doctype) if doctype != -1 else -1
        if index != -1:
            line = head[:index].count("\n".encode(encoding)) + 1
            raise InputError(
                "XML declares entities; refused (entity declarations are not allowed)", path, line
            )
