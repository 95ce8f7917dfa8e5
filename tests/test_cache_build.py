"""Compiling a glossary for the cache: the quicker ways of building give what the plain
ones give, and the compiled glossary leaves the garbage collector nothing to walk."""

from __future__ import annotations

import gc
from pathlib import Path

from checker.bundled import bundled_glossaries
from checker.cache import GlossaryCache
from checker.glossary.load_yaml import glossary_from_yaml, load_yaml_glossary
from checker.glossary.validate import validate
from checker.match.index import all_script_variants, script_variants


def test_script_variants_of_all_forms_at_once_are_those_of_each_form() -> None:
    forms = [
        form.text
        for path in bundled_glossaries()
        for entry in load_yaml_glossary(path).entries
        for form in entry.forms
        if form.lang != "en"
    ]
    forms += ["臺灣", "台湾", "ＷＴＯ总干事", "發展", "后", "後", "", "東京"]
    assert len(forms) > 100
    assert all_script_variants(forms) == [script_variants(form) for form in forms]


def test_forms_holding_a_line_break_are_converted_one_by_one() -> None:
    forms = ["臺灣\n發展", "台湾"]
    assert all_script_variants(forms) == [script_variants(form) for form in forms]
    assert all_script_variants([]) == []


def test_a_shared_form_is_reported_for_each_entry_that_does_not_list_it_as_ambiguous() -> None:
    glossary = glossary_from_yaml(
        """entries:
- {id: wang-lin, kind: person, en: Wang Lin, family: Wang, given: Lin, short: [Wang],
   ambiguous: ["WANG "], sources: [u]}
- {id: wang-bo, kind: person, en: Wang Bo, family: Wang, given: Bo, short: [Wang],
   sources: [u]}
- {id: wang-an, kind: person, en: Wang An, family: Wang, given: An, short: [Wang],
   ambiguous: [Wang Bo], sources: [u]}
- {id: bo-place, kind: place, en: Bo Town, forbidden: [Wang Bo], sources: [u]}
""",
        "g.yaml",
    )
    assert [str(problem) for problem in validate(glossary)] == [
        "g.yaml:4: [wang-bo] form 'wang' is also claimed by wang-an, wang-lin: list it under "
        "'ambiguous' in each entry that uses it",
        "g.yaml:6: [wang-an] form 'wang' is also claimed by wang-bo, wang-lin: list it under "
        "'ambiguous' in each entry that uses it",
        "g.yaml:4: [wang-bo] form 'wang bo' is also claimed by bo-place, wang-an: list it "
        "under 'ambiguous' in each entry that uses it",
        "g.yaml:8: [bo-place] forbidden form 'wang bo' is a correct form of another entry",
        "g.yaml:8: [bo-place] forbidden form 'Wang Bo' is a name of wang-bo: a fix would "
        "rewrite that person's name",
    ]


def test_a_compiled_glossary_is_frozen_before_the_collector_runs_again(tmp_path: Path) -> None:
    glossary = tmp_path / "g.yaml"
    entries = "".join(
        f"- {{id: p-{i}, kind: person, en: Wang Lin{i}, family: Wang, given: Lin{i}, "
        f"ambiguous: [Wang], short: [Wang], sources: [u]}}\n"
        for i in range(2_000)
    )
    glossary.write_text(f"entries:\n{entries}", encoding="utf-8")
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    kept = []
    for attempt in ("built", "read from the cache"):
        gc.collect()
        frozen = gc.get_freeze_count()
        gc.callbacks.append(count)
        try:
            kept.append(GlossaryCache(tmp_path / "cache").load([glossary]))
        finally:
            gc.callbacks.remove(count)
        assert kept[-1].from_cache is (attempt != "built")
        # What was made is out of the collector's sight, and it never walked it.
        assert gc.get_freeze_count() - frozen > 1_000, attempt
        assert collections == [], attempt


def test_capitalization_is_checked_in_every_naming_form() -> None:
    glossary = glossary_from_yaml(
        """entries:
- {id: ann-lee, kind: person, en: Ann Lee, family: Lee, given: Ann, sources: [u],
   accepted: [Ann de Lee, McLee Ann, "O'Lee Ann", Ann-lee Lee, "Ann 1lee"]}
- {id: lee-town, kind: place, en: lee town, adjective: [Lee-ish, "x-Lee"], sources: [u]}
- {id: lee-org, kind: organization, en: Lee Org, short: [de Lee], case: title-or-lower,
   sources: [u]}
""",
        "g.yaml",
    )
    assert [str(problem) for problem in validate(glossary)] == [
        "g.yaml:2: [ann-lee] name form 'Ann de Lee' has a lower-case word",
        "g.yaml:4: [lee-town] form 'lee town' starts in lower case",
        "g.yaml:4: [lee-town] form 'x-Lee' starts in lower case",
    ]
