"""English and romanization knowledge the checks rely on (not glossary facts)."""

from __future__ import annotations

import functools
import re

# Words that head or qualify a title of office ("Deputy Foreign Minister").
TITLE_HEADS = frozenset(
    {
        "minister",
        "premier",
        "president",
        "secretary",
        "secretary-general",
        "director-general",
        "director",
        "ambassador",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "chairman",
        "chairwoman",
        "chair",
        "governor",
        "envoy",
        "representative",
        "consul",
        "consul-general",
        "commissioner",
        "head",
        "chief",
        "leader",
        "councillor",
        "councilor",
        "speaker",
        "mayor",
        "vice-minister",
        "vice-president",
        "vice-chairman",
        "undersecretary",
    }
)
TITLE_MODIFIERS = frozenset(
    {
        "deputy",
        "vice",
        "prime",
        "foreign",
        "defense",
        "defence",
        "chief",
        "cabinet",
        "state",
        "senior",
        "assistant",
        "general",
        "executive",
        "permanent",
        "consul",
        "first",
        "acting",
        "parliamentary",
        "special",
        "international",
        "trade",
        "finance",
        "commerce",
    }
)
# Bare heads that, standing alone before a name, claim a specific rank.
GENERIC_RANKS = frozenset({"minister", "secretary", "director", "president", "premier"})
CONNECTORS = frozenset({"of", "the", "for", "and", "on", "to", "at", "in"})
PAST_MARKERS = frozenset({"former", "then", "ex", "late"})
# Nouns that make a name before them part of the name of a thing ("the Abe Shinzo Research
# Center", "the Sato Eisaku Memorial Foundation"): its order is the institution's.
INSTITUTION_HEADS = frozenset(
    {
        "center",
        "centre",
        "institute",
        "foundation",
        "memorial",
        "museum",
        "library",
        "hall",
        "award",
        "awards",
        "prize",
        "fund",
        "school",
        "university",
        "college",
        "academy",
        "society",
        "association",
        "forum",
        "scholarship",
        "fellowship",
        "lecture",
        "street",
        "road",
        "avenue",
        "park",
        "bridge",
        "airport",
        "station",
        "building",
        "research",
        "studies",
        "trust",
        "cup",
    }
)
# Relatives: a name after one ("his father, Shintaro Abe", "grandfather Nobusuke Kishi")
# is a relative's, who shares the family name and is another person.
KINSHIP_WORDS = frozenset(
    {
        "father",
        "mother",
        "son",
        "daughter",
        "brother",
        "sister",
        "husband",
        "wife",
        "grandfather",
        "grandmother",
        "grandson",
        "granddaughter",
        "uncle",
        "aunt",
        "great-uncle",
        "great-aunt",
        "great-grandfather",
        "nephew",
        "niece",
        "cousin",
        "father-in-law",
        "mother-in-law",
        "son-in-law",
        "brother-in-law",
        "sibling",
        "parent",
    }
)

# The most common Japanese family names: a different given name with one of these is
# almost always a different person, so it is not reported as an unknown given name.
COMMON_JAPANESE_FAMILY_NAMES = frozenset(
    {
        "sato",
        "suzuki",
        "takahashi",
        "tanaka",
        "watanabe",
        "ito",
        "yamamoto",
        "nakamura",
        "kobayashi",
        "kato",
        "yoshida",
        "yamada",
        "sasaki",
        "yamaguchi",
        "matsumoto",
        "inoue",
        "kimura",
        "hayashi",
        "shimizu",
        "saito",
        "yamazaki",
        "mori",
        "abe",
        "ikeda",
        "hashimoto",
        "yamashita",
        "ishikawa",
        "nakajima",
        "maeda",
        "fujita",
        "ogawa",
        "goto",
        "okada",
        "hasegawa",
        "murakami",
        "kondo",
        "ishii",
        "sakamoto",
        "endo",
        "aoki",
        "fujii",
        "nishimura",
        "fukuda",
        "ota",
        "miura",
        "okamoto",
        "matsuda",
        "nakagawa",
        "nakano",
        "harada",
        "ono",
        "tamura",
        "takeuchi",
        "kaneko",
        "wada",
        "nakayama",
        "ishida",
        "ueda",
        "morita",
        "hara",
        "shibata",
        "sakai",
        "kudo",
        "yokoyama",
        "miyazaki",
        "miyamoto",
        "uchida",
        "takagi",
        "ando",
        "taniguchi",
        "ohno",
        "maruyama",
        "imai",
        "takada",
        "fujimoto",
        "takeda",
        "murata",
        "ueno",
        "sugiyama",
        "masuda",
        "sugawara",
        "hirano",
        "kojima",
        "otsuka",
        "chiba",
        "kubo",
        "matsui",
        "iwasaki",
        "sakurai",
        "kinoshita",
        "noguchi",
        "matsuo",
        "kikuchi",
        "nomura",
        "arai",
    }
)

# English words that are also names of places or bodies: written in lower case they are the
# word ("a healthy diet"), not the name ("the Diet"). (A lower-case word that is only a
# person's family name is never taken for the person either: "sun", "song", "long".)
COMMON_WORD_HOMOGRAPHS = frozenset({
    "diet", "cabinet", "party", "house", "general", "premier", "president", "ambassador",
    "liberal", "democratic", "turkey", "chad", "jordan", "guinea", "nice", "reading", "bath",
    "mobile", "may", "sun", "song", "long", "bill", "mark", "will", "rose", "hope", "grace",
})  # fmt: skip

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "corp",
        "co",
        "ltd",
        "approx",
        "est",
        "fig",
        "vol",
        "ft",
        "mt",
        "dept",
        "univ",
        "assn",
        "bros",
        "ave",
        "blvd",
        "rd",
        "sq",
        "op",
        "cf",
        "al",
        "ca",
    }
)

_JA_SYLLABLE = r"(?:(?:ky|gy|sh|ch|ny|hy|by|py|my|ry|ts|j|f|[kgsztdnhbpmyrw])?[aiueo]|n)"
_JA_NAME = re.compile(rf"^(?:{_JA_SYLLABLE}|(?<=[aiueo])[kstp](?=[kstpc]))+$")
_PINYIN_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_PINYIN_FINAL = (
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|"
    r"ua|uo|ue|ui|a|e|i|o|u|v|ü)"
)
_PINYIN_NAME = re.compile(rf"^(?:{_PINYIN_INITIAL}{_PINYIN_FINAL})+$")


def plausible_given_name(token: str, origin: str | None) -> bool:
    """Could this capitalized token be a romanized Japanese or Chinese given name?"""
    word = token.lower().replace("-", "").replace("ō", "o").replace("ū", "u")
    if len(word) < 2 or not word.isalpha():
        return False
    if origin == "japanese":
        return bool(_JA_NAME.match(word))
    if origin == "chinese":
        return bool(_PINYIN_NAME.match(word))
    return False


# How often a word is used in English (wordfreq's Zipf scale: 3 is once per million
# words): ordinary words ("Song", "Moon", "Park") are told from names by it.
COMMON_WORD_ZIPF = 3.0


@functools.lru_cache(maxsize=65536)
def english_frequency(word: str) -> float:
    """The word's frequency in English on the Zipf scale (0: never seen), from wordfreq's
    largest list (loaded on first use)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


@functools.lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """An ordinary English word (or a name common enough to be anyone's): wordfreq's
    small list holds exactly the words used once per million or more, and loads fast."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en", wordlist="small")) >= COMMON_WORD_ZIPF
