"""XML documents, told apart by their root element: NITF, or NewsML-G2 (items,
messages and the other NewsML-G2 documents). Every other root is refused as unsupported.
"""

from __future__ import annotations

from lxml import etree

from checker.document import Document
from checker.errors import InputError
from checker.readers.newsml import FRAGMENTS, NEWSML_NAMESPACE, newsml_document
from checker.readers.nitf import nitf_document
from checker.readers.xml_map import parse_mapped
from checker.source import SourceFile


def read_xml(source: SourceFile) -> Document:
    tree, text_map = parse_mapped(source)
    root = etree.QName(tree.getroot())
    if root.localname == "nitf":
        return nitf_document(source, tree, text_map)
    if (
        root.namespace == NEWSML_NAMESPACE
        or root.localname in {"newsItem", "newsMessage"} | FRAGMENTS
    ):
        return newsml_document(source, tree, text_map)
    raise InputError(f"unsupported XML document <{root.localname}>", source.path)
