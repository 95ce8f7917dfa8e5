"""TMX 1.4b (and the older `lang` attribute of TMX 1.1): one pair per translation unit.

The source is the unit's Chinese or Japanese variant (the header's `srclang` first when it
is one); the translation its first English variant; further English variants are
references. With a reference language (`--reference-lang en-GB`), the variants in that
language are the references and the first other English variant is the translation.
"""

from __future__ import annotations

from lxml import etree

from checker.errors import InputError
from checker.headline.language import normalize_lang
from checker.headline.pairs import HeadlinePair, PairFile, new_pair, side_of
from checker.headline.xmltext import XML_LANG, inline_text, local_name
from checker.xmlsafe import parse_xml


def read_tmx(data: bytes, path: str, reference_lang: str | None = None) -> PairFile:
    root = parse_xml(data, path).getroot()
    if local_name(root) != "tmx":
        raise InputError(f"not a TMX file: the root element is <{local_name(root)}>", path)
    header = root.find("header")
    header_lang = header.get("srclang") if header is not None else None
    pairs: list[HeadlinePair] = []
    skipped = 0
    for ordinal, unit in enumerate(root.iter("tu"), start=1):
        variants = _variants(unit)
        pair = _pair(unit, variants, header_lang, reference_lang, path, ordinal)
        if pair is None:
            skipped += 1
        else:
            pairs.append(pair)
    warnings = []
    if skipped:
        warnings.append(
            f"{skipped} unit(s) skipped: no Chinese or Japanese variant with an English one"
        )
    return PairFile(path, "tmx", tuple(pairs), tuple(warnings))


def _variants(unit: etree._Element) -> list[tuple[str, str]]:
    found = []
    for variant in unit.iter("tuv"):
        segment = variant.find("seg")
        lang = variant.get(XML_LANG) or variant.get("lang") or ""
        if segment is not None:
            text = inline_text(segment)
            if text.strip():
                found.append((lang, text))
    return found


def _pair(
    unit: etree._Element,
    variants: list[tuple[str, str]],
    header_lang: str | None,
    reference_lang: str | None,
    path: str,
    ordinal: int,
) -> HeadlinePair | None:
    sources = [v for v in variants if side_of(*v) == "source"]
    preferred = normalize_lang(header_lang)
    sources.sort(key=lambda v: normalize_lang(v[0]) != preferred)
    if not sources:
        return None
    source = sources[0]
    references = [v for v in variants if v is not source and _is_reference(v[0], reference_lang)]
    english = [v for v in variants if side_of(*v) == "english" and v not in references]
    if not english:
        return None
    translation = english[0]
    references = [v for v in variants if v in references or (v in english and v is not translation)]
    line = unit.sourceline if isinstance(unit.sourceline, int) else None
    return new_pair(
        pair_id=unit.get("tuid") or str(ordinal),
        source=source[1],
        translation=translation[1],
        references=[text for _, text in references],
        lang=source[0],
        path=path,
        line=line,
        note="\n".join(inline_text(n).strip() for n in unit.findall("note")),
    )


def _is_reference(lang: str, reference_lang: str | None) -> bool:
    if not reference_lang:
        return False
    tag = lang.strip().lower().replace("_", "-")
    wanted = reference_lang.strip().lower().replace("_", "-")
    return tag == wanted or tag.startswith(wanted + "-")
