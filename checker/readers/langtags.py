"""Language tags as documents and glossaries write them, reduced to the keys the checker
compares: `en`, `zh-Hans`, `zh-Hant`, `ja`, or the lower-case primary subtag otherwise.

Tags are compared case-insensitively and `_` is accepted as the separator (`zh_CN`,
`EN-US`, `zh-hk`). Chinese maps to a script: an explicit script subtag wins; else the
region decides (TW, HK, MO are traditional; CN, SG and none are simplified).
"""

from __future__ import annotations

_TRADITIONAL_REGIONS = frozenset({"tw", "hk", "mo"})


def canonical_lang(tag: str | None, default: str = "en") -> str:
    if not tag or not tag.strip():
        return default
    parts = tag.strip().replace("_", "-").lower().split("-")
    primary = parts[0]
    if primary in ("zh", "cmn", "yue", "chi", "zho"):
        rest = parts[1:]
        if "hant" in rest:
            return "zh-Hant"
        if "hans" in rest:
            return "zh-Hans"
        return "zh-Hant" if any(p in _TRADITIONAL_REGIONS for p in rest) else "zh-Hans"
    if primary in ("ja", "jpn"):
        return "ja"
    if primary in ("en", "eng"):
        return "en"
    return primary
