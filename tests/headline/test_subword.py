"""The term-aware sentencepiece model: deterministic, cached by content, or the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import InputError, UsageError
from checker.glossary.loader import load_glossaries
from checker.headline.subword import (
    bundled_corpus_files,
    glossary_symbols,
    load_model_file,
    read_corpus,
    subword_model,
    train_model,
)
from tests.headline.conftest import GLOSSARY, SAMPLES

CORPUS = [
    "刘劲松会见金井正彰",
    "Liu Jinsong meets Masaaki Kanai in Beijing",
    "日本官员低头听中方讲话",
    "Japanese official listens to the Chinese side with head lowered",
]
SYMBOLS = ["Liu▁Jinsong", "Masaaki▁Kanai", "刘劲松"]


def test_symbols_are_the_approved_forms_in_both_scripts() -> None:
    symbols = glossary_symbols(load_glossaries([GLOSSARY]))
    assert "Liu▁Jinsong" in symbols
    assert "劉勁松" in symbols and "刘劲松" in symbols
    assert "Kanai" in symbols  # short forms are approved
    assert "Liu▁Jingsong" not in symbols  # forbidden forms are not
    assert "Liu" not in symbols  # nor forms shared with other entries
    assert symbols == sorted(set(symbols))


def test_training_is_deterministic_and_keeps_terms_whole() -> None:
    first = train_model(SYMBOLS, CORPUS)
    second = train_model(SYMBOLS, CORPUS)
    assert first.sha256 == second.sha256
    assert first.signature == f"spm-local-{first.sha256[:12]}"
    assert "▁Liu▁Jinsong" in "".join(first.pieces("Liu Jinsong met Kanai"))
    assert "刘劲松" in first.pieces("刘劲松会见金井正彰")
    assert train_model(SYMBOLS, [*CORPUS, "another line"]).sha256 != first.sha256


def test_models_are_cached_by_what_they_were_trained_from(tmp_path: Path) -> None:
    made = train_model(SYMBOLS, CORPUS, tmp_path)
    assert made.path is not None
    cached = Path(made.path)
    assert cached.parent == tmp_path / "spm" and cached.suffix == ".model"
    again = train_model(SYMBOLS, CORPUS, tmp_path)
    assert (again.path, again.sha256) == (made.path, made.sha256)
    assert len(list((tmp_path / "spm").iterdir())) == 1
    train_model(SYMBOLS[:2], CORPUS, tmp_path)
    assert len(list((tmp_path / "spm").iterdir())) == 2


def test_an_unwritable_cache_only_costs_a_retraining(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    model = train_model(SYMBOLS, CORPUS, blocked)
    assert model.path is None
    assert model.sha256 == train_model(SYMBOLS, CORPUS).sha256


def test_a_users_model_file(tmp_path: Path) -> None:
    made = train_model(SYMBOLS, CORPUS, tmp_path)
    assert made.path is not None
    loaded = load_model_file(made.path)
    assert (loaded.origin, loaded.sha256, loaded.path) == ("file", made.sha256, made.path)
    bogus = tmp_path / "bogus.model"
    bogus.write_bytes(b"not a model")
    with pytest.raises(InputError) as caught:
        load_model_file(bogus)
    assert (caught.value.message, caught.value.path) == ("not a sentencepiece model", str(bogus))
    with pytest.raises(InputError):
        load_model_file(tmp_path / "missing.model")


def test_partial_rendering_coverage() -> None:
    model = train_model(SYMBOLS, CORPUS)
    pieces = model.pieces("Liu Jingsong meets Masaaki Kanai")
    assert model.coverage("Masaaki Kanai", pieces) == 1.0  # a symbol, whole
    assert model.coverage("Jingsong meets", pieces) == 1.0  # pieces in a row
    partial = model.coverage("Liu Jinsong", pieces)
    assert 0.5 < partial < 1.0
    assert model.coverage("Liu Jinsong", model.pieces("Jinsong Liu")) == 1.0  # words reordered
    assert model.coverage("Xi Jinping", model.pieces("Tokyo")) < 0.5


def test_corpus_files_and_the_bundled_samples(tmp_path: Path) -> None:
    text = tmp_path / "corpus.txt"
    text.write_text("first line\n\n second line \n", encoding="utf-8")
    lines = read_corpus([text, SAMPLES / "kanai-liu.tsv"])
    assert lines[:2] == ["first line", "second line"]
    assert "日本官員低頭聽中方講話" in lines
    assert (SAMPLES / "kanai-liu.tsv").resolve() in bundled_corpus_files()


def test_model_choice(tmp_path: Path) -> None:
    glossary = load_glossaries([GLOSSARY])
    trained = subword_model(glossary, cache=tmp_path)
    assert trained.origin == "trained"
    assert trained.path is not None
    assert subword_model(glossary, model_file=trained.path).origin == "file"
    with pytest.raises(UsageError):
        train_model([], [])
