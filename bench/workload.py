"""The benchmark workload, generated from a fixed seed so every run sees the same bytes.

Glossaries (YAML, docs/glossary-format.md) hold clusters of related entries: a place or a
ministry or a company, its offices, and the people who held them with dated tenures, plus
the forms copy gets wrong (misspelt given names, hyphenated syllables, old romanizations,
wrong characters). The 100-, 1,000- and 10,000-entry glossaries are prefixes of the
100,000-entry one, and the corpus mentions entries with a Zipf law over that order, so the
smaller glossaries hold the most-mentioned entries (as a newsroom's glossary would).

Stories are English news copy of about 3.3 KB: a headline, a dateline with the story's
date, and paragraphs of Zipfian filler in which glossary forms take about 3.5 % of the word
slots, bunched by topic: a person's first mention carries a title before the name or in
apposition after it (mostly the one held on the story's date), later mentions use the
family name; a few mentions are case-mangled, forbidden or discouraged forms, and some
names are unknown to the glossary. Typography is that of real copy: curly quotes and
apostrophes, em dashes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SEED = 20240601
GLOSSARY_SIZES = (100, 1_000, 10_000, 100_000)
QUICK_GLOSSARY_SIZES = (100, 1_000, 10_000)
STORY_BYTES = 3_300
WORKLOAD_VERSION = 4  # bump when the generator changes, so cached workloads are rebuilt

# -- name material ------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


_PINYIN = _words(
    "an ai bao bin bo chang chao chen cheng chun dan dong fang fei feng gang guang gui guo "
    "hai han hao hong hua hui jia jian jiang jie jin jing jun kai kang lan lei li liang lin "
    "ling long mei min ming nan ning peng ping qi qian qiang qin qing rong rui shan sheng "
    "shu song tao tian ting wei wen xia xian xiang xiao xin xing xiu xu xue yan yang yi "
    "ying yong yu yuan yun ze zhen zheng zhi zhong zhou zi"
)
# Given-name characters; many have a traditional form, so script variants are exercised.
_HAN_GIVEN = (
    "劲松伟华国龙东明丽军强建平志红文辉海波宁涛杰鹏飞云霞凤英兰芳敏静玲燕秀娟俊峰"
    "斌亮刚勇毅坚诚义礼智信德仁忠孝贤达远航宇晨曦阳光荣兴旺发财富贵庆祥瑞嘉怡欣悦"
    "乐颖颂骏腾飞鸿鹤麟凯旋胜利卫疆华夏振邦显扬承继绍宏图"
)
_CHINESE_FAMILIES = (
    ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"),
    ("Yang", "杨"), ("Huang", "黄"), ("Zhao", "赵"), ("Wu", "吴"), ("Zhou", "周"),
    ("Xu", "徐"), ("Sun", "孙"), ("Ma", "马"), ("Zhu", "朱"), ("Hu", "胡"), ("Guo", "郭"),
    ("He", "何"), ("Gao", "高"), ("Lin", "林"), ("Luo", "罗"), ("Zheng", "郑"),
    ("Liang", "梁"), ("Xie", "谢"), ("Song", "宋"), ("Tang", "唐"), ("Han", "韩"),
    ("Feng", "冯"), ("Deng", "邓"), ("Cao", "曹"), ("Peng", "彭"), ("Zeng", "曾"),
    ("Xiao", "肖"), ("Tian", "田"), ("Dong", "董"), ("Pan", "潘"), ("Yuan", "袁"),
    ("Cai", "蔡"), ("Jiang", "蒋"), ("Yu", "余"), ("Du", "杜"), ("Ye", "叶"), ("Cheng", "程"),
    ("Wei", "魏"), ("Su", "苏"), ("Ding", "丁"), ("Ren", "任"), ("Shen", "沈"), ("Yao", "姚"),
    ("Lu", "卢"), ("Fu", "傅"), ("Zhong", "钟"), ("Cui", "崔"), ("Tan", "谭"), ("Qin", "秦"),
    ("Wen", "温"), ("Kong", "孔"), ("Bai", "白"), ("Fan", "范"), ("Xiong", "熊"),
    ("Jin", "金"), ("Hao", "郝"), ("Kang", "康"), ("Shi", "石"), ("Qian", "钱"),
)  # fmt: skip
_JAPANESE_FAMILIES = (
    ("Sato", "佐藤"), ("Suzuki", "鈴木"), ("Takahashi", "高橋"), ("Tanaka", "田中"),
    ("Watanabe", "渡辺"), ("Ito", "伊藤"), ("Yamamoto", "山本"), ("Nakamura", "中村"),
    ("Kobayashi", "小林"), ("Kato", "加藤"), ("Yoshida", "吉田"), ("Yamada", "山田"),
    ("Sasaki", "佐々木"), ("Matsumoto", "松本"), ("Inoue", "井上"), ("Kimura", "木村"),
    ("Hayashi", "林"), ("Shimizu", "清水"), ("Kanai", "金井"), ("Kihara", "木原"),
    ("Takaichi", "高市"), ("Motegi", "茂木"), ("Koizumi", "小泉"), ("Hirano", "平野"),
)  # fmt: skip
_JA_PREFIXES = (
    ("Yama", "山"), ("Kawa", "川"), ("Naka", "中"), ("Taka", "高"), ("Ishi", "石"),
    ("Mori", "森"), ("Kita", "北"), ("Minami", "南"), ("Higashi", "東"), ("Nishi", "西"),
    ("Ko", "小"), ("O", "大"), ("Kane", "金"), ("Kuro", "黒"), ("Shira", "白"), ("Hoshi", "星"),
    ("Fuji", "藤"), ("Matsu", "松"), ("Hira", "平"), ("Kiri", "桐"), ("Sugi", "杉"),
    ("Ume", "梅"), ("Sakura", "桜"), ("Tsuru", "鶴"), ("Kame", "亀"), ("Aki", "秋"),
)  # fmt: skip
_JA_SUFFIXES = (
    ("moto", "本"), ("da", "田"), ("kawa", "川"), ("mura", "村"), ("saki", "崎"),
    ("shima", "島"), ("hara", "原"), ("no", "野"), ("uchi", "内"), ("yama", "山"),
    ("zawa", "沢"), ("oka", "岡"), ("ta", "田"), ("gawa", "川"), ("ike", "池"), ("i", "井"),
    ("be", "部"), ("mi", "見"), ("ki", "木"), ("tani", "谷"),
)  # fmt: skip
_JA_GIVEN_HEADS = _words(
    "Masa Hiro Taka Yoshi Kazu Nori Toshi Hide Aki Shin Ken Tomo Yasu Sada Tsune Haru Yuki "
    "Kiyo Mitsu Nobu Tada Tetsu Yoshi Sumi Chika Mina Kei Ryo"
)
_JA_GIVEN_TAILS = _words("aki shi hiro o ya ki nori to yuki ru mi ko ka e na hiko taro ji suke")
_JA_KANJI = "正彰実早苗敏充博明和夫宏之雅浩隆義則清秀昭健一郎太美恵子智康貴史信"
_WESTERN_FIRST = _words(
    "James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Mark "
    "Margaret Paul Sandra Steven Ashley Andrew Emily Kenneth Donna Kevin Michelle Brian "
    "Carol George Amanda Edward Melissa Ronald Deborah Anthony Stephanie Olivia Lucas Anna "
    "Henrik"
)
_WESTERN_LAST = _words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Perez Thompson White "
    "Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
    "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell "
    "Carter Roberts Schmidt Muller Dubois Rossi Novak Kowalski Jensen Lindqvist Okafor "
    "Mensah Rugia"
)

_COUNTRIES = (
    ("china", "China", "Chinese", "CN", "中国"),
    ("japan", "Japan", "Japanese", "JP", "日本"),
    ("south-korea", "South Korea", "South Korean", "KR", "韩国"),
    ("taiwan", "Taiwan", "Taiwanese", "TW", "台湾"),
    ("united-states", "United States", "American", "US", "美国"),
    ("australia", "Australia", "Australian", "AU", "澳大利亚"),
    ("india", "India", "Indian", "IN", "印度"),
    ("vietnam", "Vietnam", "Vietnamese", "VN", "越南"),
    ("philippines", "Philippines", "Philippine", "PH", "菲律宾"),
    ("indonesia", "Indonesia", "Indonesian", "ID", "印度尼西亚"),
    ("russia", "Russia", "Russian", "RU", "俄罗斯"),
    ("germany", "Germany", "German", "DE", "德国"),
    ("france", "France", "French", "FR", "法国"),
    ("united-kingdom", "United Kingdom", "British", "GB", "英国"),
    ("south-africa", "South Africa", "South African", "ZA", "南非"),
)
_PORTFOLIOS = (
    "Foreign Affairs|外交",
    "Defense|国防",
    "Finance|财政",
    "Commerce|商务",
    "Education|教育",
    "Health|卫生",
    "Justice|司法",
    "Transport|交通",
    "Agriculture|农业",
    "Environment|环境",
    "Culture|文化",
    "Science and Technology|科技",
    "Industry|工业",
    "Labor|劳动",
    "Energy|能源",
    "Water Resources|水利",
    "Civil Affairs|民政",
    "Public Security|公安",
    "Housing|住房",
    "Tourism|旅游",
)
_REGIONS = (
    "Asian",
    "European",
    "African",
    "North American and Oceanian",
    "Latin American and Caribbean",
    "West Asian and North African",
    "Eurasian",
    "International Economic",
    "Consular",
    "Treaty and Law",
    "Protocol",
    "Boundary and Ocean",
    "Arms Control",
    "Policy Planning",
    "Asian and Oceanian",
    "Middle Eastern",
)
_INDUSTRIES = (
    "Steel",
    "Shipbuilding",
    "Electric Power",
    "Railway",
    "Semiconductor",
    "Petrochemical",
    "Automotive",
    "Pharmaceutical",
    "Telecom",
    "Logistics",
    "Aviation",
    "Textile",
)
_TERM_HEADS = (
    "initiative",
    "agreement",
    "framework",
    "corridor",
    "dialogue",
    "partnership",
    "zone",
    "program",
    "strategy",
    "pact",
)
_TERM_MODIFIERS = (
    "Strategic",
    "Green",
    "Digital",
    "Maritime",
    "Economic",
    "Regional",
    "Comprehensive",
    "Trilateral",
    "Coastal",
    "Northern",
    "Southern",
    "Silk",
)

# -- filler vocabulary --------------------------------------------------------------------

_COMMON_WORDS = _words(
    "the of and to a in that is for on said with was as it by at from his be have has are "
    "an its not but were this had they which their been would more will who also after one "
    "two than over new year years first last other some into about when there all "
    "government officials official talks meeting minister ministry foreign affairs director "
    "general department bureau talks relations between countries leaders said says told "
    "reporters statement week month on Tuesday Wednesday Thursday Friday Monday visit "
    "agreement trade security economic policy issue issues press conference spokesperson "
    "president premier secretary cabinet chief deputy vice state council party committee "
    "national international regional local province prefecture city region border sea "
    "military defense diplomatic relations tension tensions dispute talks cooperation "
    "summit delegation visit bilateral ties support plan plans program market markets "
    "company companies industry growth investment exports imports tariffs prices rate could "
    "should may might must can expected planned announced reported according people public "
    "media report reports news sources source senior junior former current during while "
    "before since under against without within across through among despite however "
    "although because though where whether both each every many most such only very even "
    "still already again further later earlier recent recently nearly about percent million "
    "billion data figures rose fell increase decrease measures steps response concerns "
    "concern risk risks situation efforts effort position positions"
)
_PSEUDO_SYLLABLES = _words(
    "con ter ment tion pro re de in com ex per pre dis ble ing er al ly ture ous ive ist "
    "man ber sen ta lo ca mar ri ven port sta vis form min par ward"
)


@dataclass
class Person:
    entry_id: str
    en: str
    family: str
    given: str
    origin: str
    correct: list[str]  # full correct forms
    short: str | None  # the family name, when it is a short form of this person
    wrong: list[str]  # forbidden forms
    entry: dict[str, Any]  # as written to the glossary
    tenures: list[tuple[str, dt.date, dt.date | None]] = field(default_factory=list)


@dataclass
class Office:
    entry_id: str
    before: str  # form before a name
    after: str  # form in apposition after a name
    holders: list[tuple[Person, dt.date, dt.date | None]] = field(default_factory=list)


@dataclass
class Thing:
    """An organization, place or term: forms that copy uses as they are."""

    entry_id: str
    correct: list[str]
    wrong: list[str]
    discouraged: list[str]


@dataclass
class GlossaryModel:
    """The generated entries in glossary order, and what the story writer needs of them."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    subjects: list[Person | Office | Thing] = field(default_factory=list)  # by entry order
    offices: dict[str, Office] = field(default_factory=dict)


class _Namer:
    """Unique names, ids and forms: nothing generated twice (case-insensitively)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.ids: set[str] = set()
        self.forms: set[str] = set()
        self.family_owner: dict[str, str] = {}

    def entry_id(self, text: str) -> str:
        base = "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")
        base = "-".join(p for p in base.split("-") if p)[:60] or "entry"
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    def claim(self, form: str) -> bool:
        key = form.lower()
        if key in self.forms:
            return False
        self.forms.add(key)
        return True

    def pseudo_name(self, syllables: int) -> str:
        rng = self.rng
        return "".join(rng.choice(_PINYIN) for _ in range(syllables)).capitalize()


def _misspell(rng: random.Random, word: str) -> str:
    """A plausible typo: a doubled, dropped or swapped letter inside the word."""
    if len(word) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1 :]
    if kind < 0.7:
        return word[:i] + word[i] + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _old_romanization(name: str) -> str:
    """Wade-Giles-like spellings of a pinyin place name (the 'Peking' kind of error)."""
    out = name.replace("zh", "ch").replace("Zh", "Ch").replace("x", "hs").replace("X", "Hs")
    out = out.replace("q", "ch'").replace("Q", "Ch'")
    return out if out != name else name + "u"


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.namer = _Namer(self.rng)
        self.model = GlossaryModel()
        self.today = dt.date(2025, 11, 30)

    # -- entries --------------------------------------------------------------------------

    def add(self, entry: dict[str, Any], subject: Person | Office | Thing) -> None:
        entry.setdefault("sources", [f"https://example.org/facts/{entry['id']}"])
        self.model.entries.append(entry)
        self.model.subjects.append(subject)

    def countries(self) -> None:
        for entry_id, en, adjective, code, zh in _COUNTRIES:
            self.namer.ids.add(entry_id)
            self.namer.claim(en)
            self.namer.claim(adjective)
            entry = {
                "id": entry_id,
                "kind": "place",
                "en": en,
                "country": code,
                "adjective": [adjective],
                "zh-Hans": [zh],
            }
            self.add(entry, Thing(entry_id, [en, adjective], [], []))

    def person(self, origin: str) -> Person:
        rng, namer = self.rng, self.namer
        attempt = 0
        syllables: list[str] = []
        while True:
            cjk: str | None
            if origin == "chinese":
                family, family_han = rng.choices(
                    _CHINESE_FAMILIES, weights=[1 / (i + 1) for i in range(len(_CHINESE_FAMILIES))]
                )[0]
                syllables = [rng.choice(_PINYIN) for _ in range(rng.choice((1, 2, 2, 2)))]
                given = "".join(syllables).capitalize()
                cjk = family_han + "".join(rng.choice(_HAN_GIVEN) for _ in syllables)
                en = f"{family} {given}"
            elif origin == "japanese":
                if rng.random() < 0.5:
                    family, family_han = rng.choice(_JAPANESE_FAMILIES)
                else:
                    head, suffix = rng.choice(_JA_PREFIXES), rng.choice(_JA_SUFFIXES)
                    family, family_han = head[0] + suffix[0], head[1] + suffix[1]
                given = rng.choice(_JA_GIVEN_HEADS) + rng.choice(_JA_GIVEN_TAILS)
                cjk = family_han + "".join(rng.choice(_JA_KANJI) for _ in range(2))
                en = f"{given} {family}"
            else:
                family, given = rng.choice(_WESTERN_LAST), rng.choice(_WESTERN_FIRST)
                if rng.random() < 0.5:
                    family = family + rng.choice(("son", "er", "ley", "ton", "ford", "man"))
                if attempt > 2:  # common names run out: "Terry K Rugia"
                    family = f"{rng.choice(string.ascii_uppercase)} {family}"
                cjk = None
                en = f"{given} {family}"
            if attempt > 20:
                family = namer.pseudo_name(2)
                en = f"{given} {family}"
            if namer.claim(en):
                break
            attempt += 1
        entry_id = namer.entry_id(en)
        entry: dict[str, Any] = {
            "id": entry_id,
            "kind": "person",
            "name-origin": origin,
            "family": family,
            "given": given,
            "en": en,
        }
        correct = [en]
        if origin == "japanese":
            reversed_form = f"{family} {given}"
            if namer.claim(reversed_form):
                entry["accepted"] = [reversed_form]
                correct.append(reversed_form)
        owner = namer.family_owner.setdefault(family.lower(), entry_id)
        short = None
        if owner == entry_id:
            entry["short"] = [family]
            short = family
        elif origin != "western":
            entry["ambiguous"] = [family]
            short = family
        wrong: list[str] = []
        roll = rng.random()
        if roll < 0.3:
            misspelt = _misspell(rng, given)
            form = f"{family} {misspelt}" if origin == "chinese" else f"{misspelt} {family}"
            if misspelt != given and namer.claim(form):
                wrong.append(form)
        if origin == "chinese" and len(syllables) == 2 and rng.random() < 0.2:
            form = f"{family} {syllables[0].capitalize()}-{syllables[1]}"  # "Liu Jin-song"
            if namer.claim(form):
                wrong.append(form)
        if wrong:
            entry["forbidden"] = [
                {"form": w, "note": "misspelt given name", "source": "https://example.org/errata"}
                for w in wrong
            ]
        if cjk:
            entry["zh-Hans" if origin == "chinese" else "ja"] = [cjk]
            if origin == "japanese" and rng.random() < 0.1:
                entry["forbidden-cjk"] = [cjk[:-1] + rng.choice(_JA_KANJI)]
        person = Person(entry_id, en, family, given, origin, correct, short, wrong, entry)
        self.add(entry, person)
        return person

    def office(
        self, en: str, before: str, after: str, country: str, zh: str | None, holders: int
    ) -> Office | None:
        if not self.namer.claim(en):
            return None
        entry_id = self.namer.entry_id(en)
        entry: dict[str, Any] = {"id": entry_id, "kind": "office", "country": country, "en": en}
        if before != en and self.namer.claim(before):
            entry["before-name"] = [before]
        else:
            before = en
        if after.lower() != en.lower() and self.namer.claim(after):
            entry["after-name"] = [after]
        else:
            after = en
        if holders > 1 and "Spokesperson" in en:
            entry["holders"] = "multiple"
        if zh:
            entry["zh-Hans"] = [zh]
        office = Office(entry_id, before, after)
        self.add(entry, office)
        self.model.offices[entry_id] = office
        return office

    def staff(self, office: Office, count: int, origin: str) -> None:
        """People who held the office one after another; the last one holds it now."""
        start = self.today - dt.timedelta(days=self.rng.randrange(400, 3000))
        for i in range(count):
            person = self.person(origin if self.rng.random() < 0.9 else "western")
            length = self.rng.randrange(200, 1100)
            end = None if i == count - 1 else start + dt.timedelta(days=length)
            person.tenures.append((office.entry_id, start, end))
            office.holders.append((person, start, end))
            tenure: dict[str, Any] = {
                "office": office.entry_id,
                "from": start.isoformat() if self.rng.random() < 0.8 else start.strftime("%Y-%m"),
                "to": end.isoformat() if end else None,
                "source": f"https://example.org/appointments/{office.entry_id}",
            }
            person.entry.setdefault("tenures", []).append(tenure)
            if end is None:
                break
            start = end + dt.timedelta(days=1)

    def thing(
        self,
        kind: str,
        en: str,
        *,
        accepted: Sequence[str] = (),
        short: Sequence[str] = (),
        forbidden: Sequence[str] = (),
        discouraged: Sequence[str] = (),
        country: str | None = None,
        zh: str | None = None,
        case: str | None = None,
    ) -> Thing | None:
        namer = self.namer
        if not namer.claim(en):
            return None
        entry_id = namer.entry_id(en)
        entry: dict[str, Any] = {"id": entry_id, "kind": kind, "en": en}
        if country:
            entry["country"] = country
        if case:
            entry["case"] = case
        correct = [en]
        for key, forms in (("accepted", accepted), ("short", short)):
            kept = [f for f in forms if namer.claim(f)]
            if kept:
                entry[key] = kept
                correct.extend(kept)
        wrong = [f for f in forbidden if namer.claim(f)]
        if wrong:
            entry["forbidden"] = wrong
        bad = [f for f in discouraged if namer.claim(f)]
        if bad:
            entry["discouraged"] = [{"form": f, "use": en, "note": "redundant"} for f in bad]
        if zh:
            entry["zh-Hans"] = [zh]
        thing = Thing(entry_id, correct, wrong, bad)
        self.add(entry, thing)
        return thing

    # -- clusters -------------------------------------------------------------------------

    def locality_cluster(self) -> None:
        rng = self.rng
        country = rng.choices(("CN", "JP", "KR", "TW"), weights=(6, 4, 1, 1))[0]
        origin = {"CN": "chinese", "TW": "chinese", "JP": "japanese"}.get(country, "western")
        if country == "JP":
            head, suffix = rng.choice(_JA_PREFIXES), rng.choice(_JA_SUFFIXES)
            name, han = head[0] + suffix[0], head[1] + suffix[1]
            unit = "Prefecture"
        else:
            name = self.namer.pseudo_name(rng.choice((2, 2, 3)))
            han = "".join(rng.choice(_HAN_GIVEN) for _ in range(2))
            unit = "Province"
        place = self.thing(
            "place",
            name,
            accepted=[f"{name} {unit}"],
            forbidden=[_old_romanization(name)]
            if origin == "chinese" and rng.random() < 0.15
            else [],
            country=country,
            zh=han + ("省" if unit == "Province" else "県"),
        )
        if place is None:
            return
        governor = self.office(
            f"Governor of {name} {unit}",
            f"{name} Governor",
            f"governor of {name} {unit}",
            country,
            None,
            2,
        )
        if governor:
            self.staff(governor, rng.choice((1, 2, 2, 3)), origin)
        if country == "CN":
            secretary = self.office(
                f"Party Secretary of {name} {unit}",
                f"{name} Party Secretary",
                f"Communist Party chief of {name} {unit}",
                country,
                None,
                2,
            )
            if secretary:
                self.staff(secretary, rng.choice((1, 2)), origin)
        city = self.namer.pseudo_name(2) if origin != "japanese" else name + "shi"
        if self.thing("place", city, country=country) is not None and rng.random() < 0.7:
            mayor = self.office(
                f"Mayor of {city}", f"{city} Mayor", f"mayor of {city}", country, None, 1
            )
            if mayor:
                self.staff(mayor, rng.choice((1, 2)), origin)
        industry = rng.choice(_INDUSTRIES)
        company = f"{name} {industry} Corporation"
        acronym = "".join(w[0] for w in company.split()) + rng.choice(string.ascii_uppercase)
        firm = self.thing(
            "organization",
            company,
            short=[acronym],
            forbidden=[f"{name} {industry} Corp"] if rng.random() < 0.2 else [],
            country=country,
        )
        if firm and rng.random() < 0.6:
            chairman = self.office(
                f"Chairman of {company}",
                f"{company} Chairman",
                f"chairman of {company}",
                country,
                None,
                1,
            )
            if chairman:
                self.staff(chairman, 1, origin)
        if rng.random() < 0.4:
            term = f"{name} {rng.choice(_TERM_MODIFIERS)} {rng.choice(_TERM_HEADS)}"
            self.thing("term", term, case="title-or-lower")
        if rng.random() < 0.3:
            self.thing(
                "organization",
                f"{name} {'Prefectural' if unit == 'Prefecture' else 'Provincial'} Assembly",
                discouraged=[f"{name} assembly body"],
                country=country,
            )

    def ministry_cluster(self) -> None:
        rng = self.rng
        code_row = rng.choices(_COUNTRIES, weights=[6, 5, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])[0]
        _, country_name, adjective, country, _ = code_row
        origin = {"CN": "chinese", "TW": "chinese", "JP": "japanese"}.get(country, "western")
        portfolio, zh = rng.choice(_PORTFOLIOS).split("|")
        ministry = self.thing(
            "organization",
            f"Ministry of {portfolio} of {country_name}",
            accepted=[f"{adjective} Ministry of {portfolio}"],
            country=country,
            zh=zh + "部" if country == "CN" else None,
            case="title-or-lower",
        )
        if ministry is None:
            return
        minister = self.office(
            f"Minister of {portfolio} of {country_name}",
            f"{adjective} {portfolio} Minister",
            f"{adjective.lower()} minister of {portfolio.lower()}",
            country,
            None,
            1,
        )
        if minister:
            self.staff(minister, rng.choice((1, 2, 3)), origin)
        for region in rng.sample(_REGIONS, rng.randrange(1, 4)):
            unit = "Department" if country == "CN" else "Bureau"
            dg = self.office(
                f"Director-General of the {region} {unit} of the {adjective} {portfolio} Ministry",
                f"{adjective} {region} {unit} Director-General",
                f"director-general of the {adjective} {portfolio} Ministry's {region} {unit}",
                country,
                None,
                1,
            )
            if dg:
                self.staff(dg, rng.choice((1, 2)), origin)
        if rng.random() < 0.5:
            spokesperson = self.office(
                f"Spokesperson of the {adjective} {portfolio} Ministry",
                f"{adjective} {portfolio} Ministry Spokesperson",
                f"a spokesperson for the {adjective} {portfolio} Ministry",
                country,
                None,
                2,
            )
            if spokesperson:
                self.staff(spokesperson, 2, origin)

    def commentator(self) -> None:
        self.person(self.rng.choice(("chinese", "japanese", "western", "western")))

    def build(self, size: int) -> GlossaryModel:
        self.countries()
        rng = self.rng
        while len(self.model.entries) < size:
            roll = rng.random()
            if roll < 0.45:
                self.locality_cluster()
            elif roll < 0.65:
                self.ministry_cluster()
            else:
                self.commentator()
        return self.model


def glossary_model(size: int = GLOSSARY_SIZES[-1], seed: int = SEED) -> GlossaryModel:
    return _Generator(seed).build(size)


def glossary_document(model: GlossaryModel, size: int) -> dict[str, Any]:
    """The first `size` entries as a glossary; tenures of offices beyond them are dropped."""
    entries = model.entries[:size]
    ids = {e["id"] for e in entries}
    kept = []
    for entry in entries:
        if "tenures" in entry:
            tenures = [t for t in entry["tenures"] if t["office"] in ids]
            entry = {k: v for k, v in entry.items() if k != "tenures"}
            if tenures:
                entry["tenures"] = tenures
        kept.append(entry)
    return {
        "glossary": f"bench-{size}",
        "version": "2025-11-30",
        "description": f"Generated benchmark glossary, {size} entries, seed {SEED}",
        "entries": _valid(kept),
    }


# Form lists of an entry, and which of them hold forms that are wrong.
_FORM_KEYS = ("en", "accepted", "short", "discouraged", "ambiguous", "adjective",
              "before-name", "after-name", "zh-Hans", "zh-Hant", "ja")  # fmt: skip
_WRONG_KEYS = ("forbidden", "forbidden-cjk")
_CJK_KEYS = ("zh-Hans", "zh-Hant", "ja", "forbidden-cjk")


def _valid(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries as `glossary validate` accepts them (termcheck checks with no other):
    ids in kebab case, a wrong form that is another entry's correct form dropped, and a
    form that several entries share listed as ambiguous in each."""
    from checker.match.fold import fold_form

    renamed: dict[str, str] = {}
    taken: set[str] = set()  # renamed.values(), kept as a set: looked up once per entry
    for entry in entries:
        clean = "-".join(part for part in entry["id"].lower().split("-") if part)
        clean = "".join(c for c in clean if c in string.ascii_lowercase + string.digits + "-")
        unique, number = clean, 2
        while unique in taken:
            unique, number = f"{clean}-{number}", number + 1
        if entry["id"] in renamed:
            taken.discard(renamed[entry["id"]])
        renamed[entry["id"]] = unique
        taken.add(unique)
    entries = [dict(entry, id=renamed[entry["id"]]) for entry in entries]
    for entry in entries:
        if "tenures" in entry:
            entry["tenures"] = [dict(t, office=renamed[t["office"]]) for t in entry["tenures"]]
        if entry.get("organization") in renamed:
            entry["organization"] = renamed[entry["organization"]]

    correct: dict[str, set[str]] = {}
    for entry in entries:
        for key in _FORM_KEYS:
            for _, folded in _items(entry, key, fold_form):
                correct.setdefault(folded, set()).add(entry["id"])
    # A wrong form must not be another person's name either (checker/glossary/form_conflicts.py).
    for entry in entries:
        family, given = entry.get("family"), entry.get("given")
        if entry["kind"] == "person" and family and given:
            for name in (family, given, f"{given} {family}", f"{family} {given}"):
                correct.setdefault(fold_form(name), set()).add(entry["id"])
    for entry in entries:
        for key in _WRONG_KEYS:
            kept = [
                item
                for item in entry.get(key, [])
                if not correct.get(_folded(item, key, fold_form), set()) - {entry["id"]}
                and not correct.get(fold_form(_text(item)), set()) - {entry["id"]}
            ]
            if kept:
                entry[key] = kept
            else:
                entry.pop(key, None)
    claims: dict[str, set[str]] = {}
    for entry in entries:
        for key in (*_FORM_KEYS, *_WRONG_KEYS):
            for _, folded in _items(entry, key, fold_form):
                claims.setdefault(folded, set()).add(entry["id"])
    for entry in entries:
        listed = {folded for _, folded in _items(entry, "ambiguous", fold_form)}
        shared: dict[str, str] = {}
        for key in _FORM_KEYS:
            for text, folded in _items(entry, key, fold_form):
                if len(claims[folded]) > 1 and folded not in listed:
                    shared.setdefault(folded, text)
        if shared:
            entry["ambiguous"] = [*entry.get("ambiguous", []), *shared.values()]
    return entries


def _text(item: Any) -> str:
    return str(item["form"] if isinstance(item, dict) else item)


def _folded(item: Any, key: str, fold: Any) -> str:
    text = _text(item)
    return text if key in _CJK_KEYS else str(fold(text))


def _items(entry: dict[str, Any], key: str, fold: Any) -> Iterator[tuple[str, str]]:
    value = entry.get(key)
    for item in value if isinstance(value, list) else [value] if value else []:
        text = item["form"] if isinstance(item, dict) else item
        yield text, _folded(item, key, fold)


# -- stories --------------------------------------------------------------------------------


class _Writer:
    """English news-like stories that mention glossary entries."""

    def __init__(self, model: GlossaryModel, seed: int) -> None:
        self.model = model
        self.rng = random.Random(seed)
        rng = self.rng
        pseudo = {
            "".join(rng.choice(_PSEUDO_SYLLABLES) for _ in range(rng.randrange(2, 5)))
            for _ in range(40_000)
        }
        self.vocabulary = list(_COMMON_WORDS) + sorted(pseudo)[: 31_000 - len(_COMMON_WORDS)]
        rng.shuffle(self.vocabulary[len(_COMMON_WORDS) :])
        weights = [1 / (rank + 8) for rank in range(len(self.vocabulary))]
        self.cum_words = _cumulative(weights)
        subjects = len(model.subjects)
        self.cum_subjects = _cumulative([1 / (rank + 2) ** 0.9 for rank in range(subjects)])
        self.cities = [t.correct[0] for t in model.subjects if isinstance(t, Thing)][:400]

    def filler(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cum_words, k=count)

    def topics(self) -> list[Person | Office | Thing]:
        chosen = self.rng.choices(self.model.subjects, cum_weights=self.cum_subjects, k=6)
        topics: list[Person | Office | Thing] = []
        for subject in chosen:
            if isinstance(subject, Office) and subject.holders:
                subject = self.rng.choice(subject.holders)[0]
            if subject not in topics:
                topics.append(subject)
        return topics

    def mention(self, subject: Person | Office | Thing, first: bool, date: dt.date) -> str:
        rng = self.rng
        if isinstance(subject, Person):
            text = self.person_mention(subject, first, date)
        elif isinstance(subject, Office):
            text = subject.before
        else:
            roll = rng.random()
            if subject.wrong and roll < 0.05:
                text = rng.choice(subject.wrong)
            elif subject.discouraged and roll < 0.08:
                text = rng.choice(subject.discouraged)
            else:
                text = rng.choice(subject.correct)
        if rng.random() < 0.03:
            text = _mangle_case(rng, text)
        if rng.random() < 0.08 and not text.endswith(","):
            text += "’s"
        return text

    def person_mention(self, person: Person, first: bool, date: dt.date) -> str:
        rng = self.rng
        if not first and person.short and rng.random() < 0.7:
            return person.short
        if person.wrong and rng.random() < 0.06:
            name = rng.choice(person.wrong)
        elif person.origin == "chinese" and rng.random() < 0.01:
            name = f"{person.given} {person.family}"  # the order Chinese names never take
        else:
            name = rng.choice(person.correct)
        if not first or not person.tenures:
            return name
        held = [t for t in person.tenures if t[1] <= date and (t[2] is None or t[2] >= date)]
        pool = held if held and rng.random() < 0.9 else person.tenures
        office = self.model.offices.get(rng.choice(pool)[0])
        if office is None:
            return name
        if rng.random() < 0.6:
            return f"{office.before} {name}"
        return f"{name}, {office.after},"

    def story(self) -> str:
        rng = self.rng
        date = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 1060))
        topics = self.topics()
        lead = topics[0]
        head_words = [w.capitalize() for w in self.filler(rng.randrange(4, 8))]
        head_words.insert(rng.randrange(0, 2), self.mention(lead, False, date).rstrip(","))
        city = rng.choice(self.cities).upper() if self.cities else "BEIJING"
        dateline = f"{city}, {date.strftime('%b')}. {date.day}, {date.year} (Termwire) – "
        paragraphs: list[str] = []
        size = len(dateline)
        seen: set[int] = set()
        while size < STORY_BYTES:
            paragraph = self.paragraph(topics, seen, date)
            paragraphs.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 1
        paragraphs[0] = dateline + paragraphs[0]
        return " ".join(head_words) + "\n" + "\n".join(paragraphs) + "\n"

    def paragraph(
        self, topics: list[Person | Office | Thing], seen: set[int], date: dt.date
    ) -> str:
        rng = self.rng
        sentences = []
        for _ in range(rng.randrange(2, 5)):
            words = self.filler(rng.randrange(12, 30))
            slots = max(1, round(len(words) * 0.035 * rng.uniform(0.5, 1.6)))
            for _ in range(slots):
                subject = rng.choice(topics) if rng.random() < 0.85 else self.topics()[0]
                first = id(subject) not in seen
                seen.add(id(subject))
                words.insert(rng.randrange(0, len(words) + 1), self.mention(subject, first, date))
            if rng.random() < 0.1:
                words.insert(rng.randrange(0, len(words) + 1), _unknown_name(rng))
            sentence = " ".join(words)
            sentence = sentence[0].upper() + sentence[1:]
            if rng.random() < 0.25:
                sentence = f"“{sentence},” {rng.choice(('he', 'she', 'the official'))} said"
            if rng.random() < 0.15:
                cut = sentence.find(" ", len(sentence) // 2)
                if cut > 0:
                    sentence = sentence[:cut] + " — " + sentence[cut + 1 :]
            sentences.append(sentence.rstrip(",") + ".")
        return " ".join(sentences)


def _cumulative(weights: list[float]) -> list[float]:
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out


def _mangle_case(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.4 and " " in text:
        first, rest = text.split(" ", 1)
        return f"{first} {rest.lower()}"
    if roll < 0.7:
        return text.lower()
    return text.upper()


def _unknown_name(rng: random.Random) -> str:
    family = rng.choice(_CHINESE_FAMILIES)[0]
    given = "".join(rng.choice(_PINYIN) for _ in range(2)).capitalize()
    return f"{family} {given}"


def stories(model: GlossaryModel, count: int, seed: int) -> Iterator[str]:
    writer = _Writer(model, seed)
    for _ in range(count):
        yield writer.story()


# -- the workload on disk ---------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    root: Path
    sizes: tuple[int, ...]
    story_count: int
    big_file_bytes: int

    def glossary(self, size: int) -> Path:
        return self.root / f"glossary-{size}.yaml"

    @property
    def corpus(self) -> Path:
        return self.root / "stories"

    @property
    def corpus_lower(self) -> Path:
        return self.root / "stories-lower"

    @property
    def big_file(self) -> Path:
        return self.root / "big.txt"

    @property
    def big_file_lower(self) -> Path:
        return self.root / "big-lower.txt"

    def patterns(self, size: int) -> Path:
        return self.root / f"patterns-{size}.txt"

    def story_paths(self) -> list[Path]:
        return sorted(self.corpus.rglob("*.txt"))


def ensure_workload(root: Path, quick: bool = False) -> Workload:
    """Generate the workload under `root` unless an identical one is already there."""
    sizes = QUICK_GLOSSARY_SIZES if quick else GLOSSARY_SIZES
    workload = Workload(root, sizes, 500 if quick else 10_000, 5_000_000 if quick else 50_000_000)
    stamp = {
        "version": WORKLOAD_VERSION,
        "seed": SEED,
        "sizes": list(sizes),
        "stories": workload.story_count,
        "big": workload.big_file_bytes,
    }
    stamp_path = root / "workload.json"
    if stamp_path.exists() and json.loads(stamp_path.read_text()) == stamp:
        return workload
    root.mkdir(parents=True, exist_ok=True)
    model = glossary_model(max(sizes))
    for size in sizes:
        document = glossary_document(model, size)
        write_glossary(document, workload.glossary(size))
        workload.patterns(size).write_text(
            "".join(f"{form}\n" for form in _latin_forms(document)), encoding="utf-8"
        )
    _write_corpus(workload, model)
    stamp_path.write_text(json.dumps(stamp))
    return workload


def write_glossary(document: dict[str, Any], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(
            document, out, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100
        )


def _latin_forms(document: dict[str, Any]) -> list[str]:
    """Every English form of the glossary, lower-cased (ASCII), for the grep floor."""
    forms: set[str] = set()
    for entry in document["entries"]:
        for key in ("en", "accepted", "short", "forbidden", "discouraged", "ambiguous",
                    "adjective", "before-name", "after-name"):  # fmt: skip
            value = entry.get(key)
            items = value if isinstance(value, list) else [value] if value else []
            for item in items:
                text = item["form"] if isinstance(item, dict) else item
                forms.add(text.encode("utf-8").lower().decode("utf-8"))
    return sorted(forms)


def _write_corpus(workload: Workload, model: GlossaryModel) -> None:
    for folder in (workload.corpus, workload.corpus_lower):
        folder.mkdir(parents=True, exist_ok=True)
    for index, text in enumerate(stories(model, workload.story_count, SEED + 1)):
        name = Path(f"{index // 1000:03d}") / f"story-{index:05d}.txt"
        data = text.encode("utf-8")
        for folder, content in ((workload.corpus, data), (workload.corpus_lower, data.lower())):
            (folder / name.parent).mkdir(exist_ok=True)
            (folder / name).write_bytes(content)
    size = 0
    with workload.big_file.open("wb") as big, workload.big_file_lower.open("wb") as lower:
        for text in stories(model, 10**9, SEED + 2):
            data = text.encode("utf-8") + b"\n"
            big.write(data)
            lower.write(data.lower())
            size += len(data)
            if size >= workload.big_file_bytes:
                break
