"""The words of a title: worked out once for a short text, each caller given its own list."""

from __future__ import annotations

from checker.match.index import title_words


def test_words_of_a_title_folded_with_compounds_and_spellings() -> None:
    assert title_words("Japan's Foreign Minister") == ["japan", "foreign", "minister"]
    assert title_words("Vice Minister of Defence") == ["vice-minister", "of", "defense"]
    assert title_words("Foreign Ministry spokesman") == ["foreign", "ministry", "spokesperson"]


def test_a_title_written_with_or_without_hyphens_has_the_same_words() -> None:
    assert title_words("Vice-Premier") == title_words("Vice Premier") == ["vice", "premier"]
    assert title_words("vice minister") == title_words("vice-minister") == ["vice-minister"]
    assert title_words("Vice-Foreign Minister") == ["vice", "foreign", "minister"]
    # Hyphenated words of other kinds stay whole.
    assert title_words("then-Prime Minister") == ["then-prime", "minister"]
    assert title_words("two-time prime minister") == ["two-time", "prime", "minister"]


def test_each_call_gets_a_list_of_its_own() -> None:
    first = title_words("Chief Cabinet Secretary")
    first.pop()
    assert title_words("Chief Cabinet Secretary") == ["chief", "cabinet", "secretary"]


def test_a_long_text_gives_the_same_words_as_its_parts() -> None:
    part = "Deputy Director-General of the Asian Affairs Bureau, "
    text = part * 10
    assert len(text) > 200
    assert title_words(text) == title_words(part) * 10
