"""Invariants over the shipped glossaries: every fact traceable, the known errors listed,
the unconfirmed facts marked, and the glossaries' own specs passing."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from checker.analysis import DocumentAnalysis
from checker.glossary.loader import load_glossaries
from checker.glossary.model import Entry, Glossary, Kind, Role
from checker.glossary.validate import spec_runner, validate
from checker.readers import reader_for
from checker.source import decode
from checker.style import available_styles, load_style
from tests.conftest import make_checker


@cache
def bundled() -> Glossary:
    return load_glossaries()


def test_bundled_glossaries_validate_with_their_specs() -> None:
    problems = validate(bundled(), spec_runner())
    assert [str(p) for p in problems] == []


def test_every_entry_and_tenure_has_a_source_url() -> None:
    for entry in bundled().entries:
        assert entry.sources, entry.id
        assert all(s.startswith(("http://", "https://")) for s in entry.sources), entry.id
        for tenure in entry.tenures:
            assert tenure.source is None or tenure.source.startswith(("http", "seed")), entry.id


def test_specs_exist_for_the_people_of_the_seed_story() -> None:
    glossary = bundled()
    for entry_id in ("masaaki-kanai", "liu-jinsong", "minoru-kihara", "sanae-takaichi"):
        entry = glossary.get(entry_id)
        assert entry is not None and entry.specs, entry_id


@pytest.mark.parametrize(
    "name",
    [
        "Masaaki Kanai",
        "Liu Jinsong",
        "Liu Jianchao",
        "Minoru Kihara",
        "Sanae Takaichi",
        "Li Qiang",
        "Mao Ning",
        "Takehiro Funakoshi",
        "Hiroyuki Namazu",
        "Toshihiro Nikai",
        "Tetsuo Saito",
        "Katsuya Okada",
        "Liu Haixing",
        "Li Keqiang",
    ],
)
def test_people_of_the_facts_are_present(name: str) -> None:
    assert any(e.kind is Kind.PERSON and e.en == name for e in bundled().entries)


@pytest.mark.parametrize(
    "name",
    [
        "China",
        "Japan",
        "Taiwan",
        "Beijing",
        "Tokyo",
        "Johannesburg",
        "South Africa",
        "Komeito",
        "Global Times",
        "Yuyuan Tantian",
        "Japan Innovation Party",
        "Group of 20",
    ],
)
def test_places_and_bodies_are_present(name: str) -> None:
    assert any(e.en == name or name in [f.text for f in e.forms] for e in bundled().entries)


@pytest.mark.parametrize(
    ("entry_id", "wrong"),
    [
        ("masaaki-kanai", "Kanai Hiroshi"),
        ("masaaki-kanai", "Masaki Kanai"),
        ("masaaki-kanai", "Takashi Kanai"),
        ("masaaki-kanai", "金井正紀"),
        ("masaaki-kanai", "金井正明"),
        ("liu-jinsong", "Liu Jingsong"),
        ("liu-jinsong", "劉金松"),
        ("minoru-kihara", "Minou Kihara"),
    ],
)
def test_wrong_forms_seen_in_the_wild_are_forbidden(entry_id: str, wrong: str) -> None:
    entry = bundled().get(entry_id)
    assert entry is not None
    assert wrong in [f.text for f in entry.forms if f.role is Role.FORBIDDEN]


def test_conversions_the_facts_do_not_confirm_are_marked() -> None:
    tantian = bundled().get("yuyuan-tantian")
    assert tantian is not None
    hans = [f for f in tantian.forms if f.lang == "zh-Hans"]
    assert [(f.text, f.status) for f in hans] == [("玉渊谭天", "unconfirmed")]
    kanai = bundled().get("masaaki-kanai")
    assert kanai is not None and kanai.born_status == "unconfirmed"


def test_who_held_the_asian_affairs_post_on_the_day_of_the_talks() -> None:
    glossary = bundled()
    holders = glossary.holders_on("mfa-prc-asian-affairs-dg", dt.date(2025, 11, 18))
    assert [h.person.id for h in holders] == ["liu-jinsong"]
    kihara = glossary.get("minoru-kihara")
    assert kihara is not None
    held = {t.office for t in glossary.offices_held(kihara, dt.date(2025, 11, 19))}
    assert "chief-cabinet-secretary-japan" in held


def test_both_style_profiles_load() -> None:
    assert available_styles() == ["family-first", "news-agency"]
    assert load_style("family-first").japanese_name_order == "family-first"
    assert load_style("news-agency").japanese_name_order == "given-first"


# --- Declared coverage: the history the title rules rely on -----------------------


def covered_offices() -> list[Entry]:
    return [e for e in bundled().entries if e.kind is Kind.OFFICE and e.coverage is not None]


def covered_days(office: Entry) -> list[dt.date]:
    coverage = office.coverage
    assert coverage is not None
    day, last = coverage.start.earliest, coverage.end.latest
    days = []
    while day <= last:
        if not coverage.vacant_between(day, day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


@pytest.mark.parametrize("office", covered_offices(), ids=lambda e: e.id)
def test_holders_tile_every_covered_day(office: Entry) -> None:
    """On every day an office's coverage claims, outside declared vacancies, someone
    may have held it; a single-holder office never has two certain holders at once,
    except on a hand-over day, the last of one tenure and the first of the next."""
    glossary = bundled()
    for day in covered_days(office):
        assert glossary.holders_on(office.id, day, certain=False), (office.id, day)
        if office.holders == "single":
            staying = [
                h.person.id
                for h in glossary.holders_on(office.id, day)
                if h.tenure.end is None or h.tenure.end.latest > day
            ]
            assert len(staying) <= 1, (office.id, day, staying)


@pytest.mark.parametrize(
    "office", [o for o in covered_offices() if o.holders == "single"], ids=lambda e: e.id
)
def test_no_tenure_inside_a_single_holders_coverage_has_an_unknown_date(office: Entry) -> None:
    """An unknown date there would leave days on which nobody is known to hold the
    office, so "held by someone else" could not be said; a spokesperson's unknown end
    (several at a time) only keeps the rules silent about that person."""
    coverage = office.coverage
    assert coverage is not None
    for holding in bundled().holdings.get(office.id, ()):
        tenure = holding.tenure
        if tenure.end is not None and tenure.end.latest < coverage.start.earliest:
            continue
        assert tenure.start is not None and not tenure.end_unknown, (office.id, holding.person.id)


@pytest.mark.parametrize(
    "office_id",
    [
        "prime-minister-japan",
        "chief-cabinet-secretary-japan",
        "deputy-chief-cabinet-secretary-japan",
        "mofa-japan-press-secretary",
        "minister-for-foreign-affairs-japan",
        "minister-of-defense-japan",
        "ambassador-japan-to-china",
        "ldp-president",
        "komeito-leader",
        "president-prc",
        "vice-president-prc",
        "premier-state-council-prc",
        "state-councilor-prc",
        "foreign-minister-prc",
        "minister-of-national-defense-prc",
        "mfa-prc-spokesperson",
        "ambassador-prc-to-japan",
        "mfa-prc-asian-affairs-dg",
        "tao-director",
        "cpc-general-secretary",
        "cpc-international-department-head",
        "president-roc-taiwan",
        "vice-president-roc-taiwan",
        "premier-roc-taiwan",
        "foreign-minister-roc-taiwan",
        "us-ambassador-to-japan",
        "us-ambassador-to-china",
    ],
)
def test_offices_the_beat_names_most_are_complete_from_2012(office_id: str) -> None:
    office = bundled().get(office_id)
    assert office is not None and office.coverage is not None, office_id
    assert office.coverage.start.earliest <= dt.date(2012, 1, 1)
    assert office.coverage.end.latest == dt.date(2025, 11, 30)


@pytest.mark.parametrize(
    ("office_id", "day", "holders"),
    [
        (
            "state-councilor-prc",
            "2012-06-01",
            "dai-bingguo liang-guanglie liu-yandong ma-kai meng-jianzhu",
        ),
        (
            "state-councilor-prc",
            "2015-06-01",
            "chang-wanquan guo-shengkun wang-yong yang-jiechi yang-jing",
        ),
        ("state-councilor-prc", "2018-03-05", "chang-wanquan guo-shengkun wang-yong yang-jiechi"),
        ("state-councilor-prc", "2020-06-01", "wang-yi wang-yong wei-fenghe xiao-jie zhao-kezhi"),
        (
            "state-councilor-prc",
            "2023-06-01",
            "li-shangfu qin-gang shen-yiqin wang-xiaohong wu-zhenglong",
        ),
        ("state-councilor-prc", "2023-11-01", "shen-yiqin wang-xiaohong wu-zhenglong"),
        ("minister-of-national-defense-prc", "2012-06-01", "liang-guanglie"),
        ("minister-of-national-defense-prc", "2016-01-01", "chang-wanquan"),
        ("minister-of-national-defense-prc", "2019-06-01", "wei-fenghe"),
        ("minister-of-national-defense-prc", "2023-06-01", "li-shangfu"),
        ("minister-of-national-defense-prc", "2023-11-15", ""),
        ("minister-of-national-defense-prc", "2024-06-01", "dong-jun"),
        ("vice-president-prc", "2015-06-01", "li-yuanchao"),
        ("tao-director", "2012-06-01", "wang-yi"),
        ("tao-director", "2014-06-01", "zhang-zhijun"),
        ("tao-director", "2018-03-15", ""),
        ("tao-director", "2020-06-01", "liu-jieyi"),
        ("cpc-general-secretary", "2012-06-01", "hu-jintao"),
        ("cmc-chairman", "2012-06-01", "hu-jintao"),
        ("cpc-international-department-head", "2013-06-01", "wang-jiarui"),
        ("vice-premier-prc", "2012-06-01", "hui-liangyu li-keqiang wang-qishan zhang-dejiang"),
        ("foreign-minister-roc-taiwan", "2012-06-01", "timothy-yang"),
        ("foreign-minister-roc-taiwan", "2014-06-01", "david-lin"),
        ("foreign-minister-roc-taiwan", "2017-06-01", "david-lee"),
        ("foreign-minister-roc-taiwan", "2020-06-01", "joseph-wu"),
        ("cdp-leader", "2019-06-01", "yukio-edano"),
        ("cdp-leader", "2021-11-15", ""),
        ("cdp-leader", "2023-06-01", "kenta-izumi"),
        ("ldp-vice-president", "2015-06-01", "masahiko-komura"),
        ("deputy-minister-for-foreign-affairs", "2013-01-15", "akitaka-saiki"),
        ("deputy-minister-for-foreign-affairs", "2014-06-01", "shinsuke-sugiyama"),
        ("mofa-japan-asian-oceanian-dg", "2012-06-01", "shinsuke-sugiyama"),
        ("mofa-japan-asian-oceanian-dg", "2016-06-01", ""),
        ("vice-minister-for-foreign-affairs", "2017-01-01", "shinsuke-sugiyama"),
        ("mofa-japan-press-secretary", "2012-06-01", "yutaka-yokoi"),
        ("mofa-japan-press-secretary", "2014-06-01", "kuni-sato"),
        ("mofa-japan-press-secretary", "2016-06-01", "yasuhisa-kawamura"),
        ("mofa-japan-press-secretary", "2017-06-01", "norio-maruyama"),
        ("mofa-japan-press-secretary", "2018-06-01", ""),
        ("mofa-japan-press-secretary", "2021-06-01", "tomoyuki-yoshida"),
        ("mofa-japan-press-secretary", "2022-06-01", "hikariko-ono"),
        ("consul-general-prc-osaka", "2020-06-01", "he-zhenliang"),
        ("mfa-prc-asian-affairs-dg", "2013-06-01", "luo-zhaohui"),
        ("mfa-prc-asian-affairs-dg", "2019-06-01", "wu-jianghao"),
        ("mfa-prc-asian-affairs-dg", "2020-10-15", ""),
        (
            "deputy-chief-cabinet-secretary-japan",
            "2012-06-01",
            "hiroyuki-nagahama makoto-taketoshi tsuyoshi-saito",
        ),
        (
            "deputy-chief-cabinet-secretary-japan",
            "2014-06-01",
            "hiroshige-seko katsunobu-kato kazuhiro-sugita",
        ),
        (
            "deputy-chief-cabinet-secretary-japan",
            "2018-06-01",
            "kazuhiro-sugita kotaro-nogami yasutoshi-nishimura",
        ),
        (
            "deputy-chief-cabinet-secretary-japan",
            "2020-06-01",
            "akihiro-nishimura kazuhiro-sugita naoki-okada",
        ),
        (
            "deputy-chief-cabinet-secretary-japan",
            "2022-06-01",
            "seiji-kihara shunichi-kuryu yoshihiko-isozaki",
        ),
        (
            "deputy-chief-cabinet-secretary-japan",
            "2024-06-01",
            "hideki-murai hiroshi-moriya shunichi-kuryu",
        ),
        (
            "deputy-chief-cabinet-secretary-japan",
            "2025-06-01",
            "fumitoshi-sato kazuhiko-aoki keiichiro-tachibana",
        ),
        (
            "deputy-chief-cabinet-secretary-japan",
            "2025-11-19",
            "kei-sato masanao-ozaki yasuhiro-tsuyuki",
        ),
        ("prime-minister-japan", "2011-06-01", "naoto-kan"),
        ("prime-minister-japan", "2005-06-01", "junichiro-koizumi"),
        ("us-president", "2025-11-19", "donald-trump"),
        ("un-secretary-general", "2025-11-19", "antonio-guterres"),
    ],
)
def test_who_held_an_office_on_a_date(office_id: str, day: str, holders: str) -> None:
    held = bundled().holders_on(office_id, dt.date.fromisoformat(day))
    assert sorted(h.person.id for h in held) == holders.split()


@pytest.mark.parametrize(
    ("office_id", "day"),
    [
        ("minister-of-national-defense-prc", "2023-11-15"),  # between Li Shangfu and Dong Jun
        ("cmc-chairman", "2013-01-15"),  # party CMC under Xi, state CMC under Hu
        ("ldp-vice-president", "2020-06-01"),  # left vacant 2018–2021
        ("cdp-leader", "2016-06-01"),  # before the party was founded
        ("ldp-vice-president", "2012-06-01"),  # Tadamori Oshima's dates are not known
        ("consul-general-prc-osaka", "2021-03-01"),  # a deputy acting before Xue Jian
        ("mofa-japan-asian-oceanian-dg", "2014-06-01"),  # Junichi Ihara's start unknown
        ("mfa-prc-asian-affairs-dg", "2021-01-15"),  # between Wu Jianghao and Liu Jinsong
    ],
)
def test_days_the_glossary_gives_no_verdict_on(office_id: str, day: str) -> None:
    office = bundled().get(office_id)
    assert office is not None and office.coverage is not None
    assert not office.coverage.covers(dt.date.fromisoformat(day))


def test_taiwan_writes_its_foreign_minister_as_minister_of_foreign_affairs() -> None:
    for office_id in ("foreign-minister-roc-taiwan", "foreign-minister-prc"):
        office = bundled().get(office_id)
        assert office is not None
        ambiguous = [f.text for f in office.forms if f.role is Role.AMBIGUOUS]
        assert "Minister of Foreign Affairs" in ambiguous, office_id
    taiwan = bundled().get("foreign-minister-roc-taiwan")
    assert taiwan is not None
    assert "Minister of Foreign Affairs" in [f.text for f in taiwan.forms_of(Role.BEFORE_NAME)]


def test_an_inferred_start_is_marked_unconfirmed() -> None:
    wang = bundled().get("wang-jiarui")
    assert wang is not None
    (tenure,) = wang.tenures
    assert (str(tenure.start), tenure.status) == ("2003", "unconfirmed")


def test_every_day_of_the_deputies_coverage_has_three_of_them() -> None:
    """Two political deputies and an administrative one serve at a time: on every
    covered day three may have held the post, and no more than three certainly stay on
    past it (on a cabinet's first day the outgoing deputies are listed too)."""
    glossary = bundled()
    office = glossary.get("deputy-chief-cabinet-secretary-japan")
    assert office is not None
    for day in covered_days(office):
        assert len(glossary.holders_on(office.id, day, certain=False)) >= 3, day
        staying = [
            h.person.id
            for h in glossary.holders_on(office.id, day)
            if h.tenure.end is None or h.tenure.end.latest > day
        ]
        assert len(staying) <= 3, (day, staying)


def verdicts(text: str, date: str) -> list[tuple[str, str, list[str]]]:
    """(name as written, verdict, holders named) for each title in the text, judged with
    the bundled glossaries on the date."""
    checker = make_checker(date=date, glossary=None)
    document = reader_for("story.txt")(decode(text.encode("utf-8"), "story.txt"))
    analysis = DocumentAnalysis(document, checker.index, checker.style, dt.date.fromisoformat(date))
    return [
        (text[v.mention.start : v.mention.end], v.verdict.value, [h.id for h in v.holders])
        for v in analysis.verdicts
    ]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Defense Minister Chang Wanquan met Itsunori Onodera.", "2014-06-01", "held"),
        ("State Councilor Yang Jiechi met Shotaro Yachi.", "2015-06-01", "held"),
        ("Taiwan Foreign Minister Joseph Wu spoke in Taipei.", "2020-06-01", "held"),
        ("Minister of Foreign Affairs Lin Chia-lung spoke in Taipei.", "2025-11-19", "held"),
        ("Taiwan's Minister of Foreign Affairs David Lee spoke.", "2017-06-01", "held"),
        ("Vice President Li Yuanchao visited Tokyo.", "2015-06-01", "held"),
        ("CDP leader Yukio Edano criticised the plan.", "2019-06-01", "held"),
        ("Hu Jintao, general secretary of the party, spoke.", "2012-06-01", "held"),
        ("Deputy Chief Cabinet Secretary Hiroyuki Nagahama met them.", "2012-05-18", "held"),
        ("Deputy Chief Cabinet Secretary Seiji Kihara spoke.", "2022-06-01", "held"),
        ("Deputy Chief Cabinet Secretary Kazuhiro Sugita spoke.", "2019-06-01", "held"),
    ],
)
def test_titles_of_the_back_filled_history_are_held_on_their_dates(
    text: str, date: str, expected: str
) -> None:
    assert [v for _, v, _ in verdicts(text, date)] == [expected]


@pytest.mark.parametrize(
    ("text", "date", "name", "holder"),
    [
        ("Defense Minister Chang Wanquan spoke.", "2020-06-01", "Chang Wanquan", "wei-fenghe"),
        ("Taiwan Foreign Minister David Lin spoke.", "2020-06-01", "David Lin", "joseph-wu"),
        ("State Councilor Yang Jiechi met him.", "2019-06-01", "Yang Jiechi", ""),
        (
            "Deputy Chief Cabinet Secretary Koichi Hagiuda spoke.",
            "2019-06-01",
            "Koichi Hagiuda",
            "",
        ),
    ],
)
def test_a_title_after_its_term_is_stale_and_names_the_holder(
    text: str, date: str, name: str, holder: str
) -> None:
    """A single-holder office names who held it on the date; a state councilor (five at
    a time) or a deputy chief cabinet secretary (three) names nobody."""
    assert verdicts(text, date) == [(name, "stale", holder.split())]


def test_no_verdict_while_the_defence_ministry_had_no_minister() -> None:
    ((_, verdict, _),) = verdicts("Defense Minister Li Shangfu spoke.", "2023-11-15")
    assert verdict == "unknown"
