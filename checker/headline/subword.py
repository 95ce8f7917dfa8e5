"""A term-aware sentencepiece model: trained locally, or the user's own model file.

Trained from the glossaries and a corpus (the user's, or the bundled headline samples),
with every approved glossary form as a user-defined symbol, so a term is one piece and a
wrong or partial term is not. Training is deterministic (one thread, a fixed seed) and
the model is cached on disk under a key that hashes everything it was trained from:
`$XDG_CACHE_HOME/termcheck/spm/` (else `~/.cache/termcheck/spm/`). Nothing is downloaded.
Every score computed with the model names it by the hash of its bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import sentencepiece as spm

from checker.errors import InputError, TermcheckError, UsageError
from checker.glossary.model import CJK_LANGS, Glossary, Role
from checker.headline.pair_files import PAIR_SUFFIXES, read_pair_file
from checker.match.index import script_variants
from checker.output import write_atomic
from checker.source import read_source

_SYMBOL_ROLES = frozenset(
    {Role.PREFERRED, Role.ACCEPTED, Role.SHORT, Role.ADJECTIVE, Role.BEFORE_NAME, Role.AFTER_NAME}
)
_SPACE = "\u2581"  # sentencepiece's word boundary: spaces in symbols are written with it
# How models are trained; part of the cache key, so a change here retrains.
_VOCAB_SIZE = 8000  # plus one piece per symbol; a soft limit on a small corpus
_SEED = 20251118
_TRAINING: dict[str, Any] = {
    "model_type": "unigram",
    "hard_vocab_limit": False,
    "character_coverage": 1.0,
    "num_threads": 1,
    "input_sentence_size": 1_000_000,
    "shuffle_input_sentence": True,
}


@dataclass(frozen=True)
class SubwordModel:
    processor: spm.SentencePieceProcessor
    sha256: str  # of the model's bytes
    origin: str  # "trained" (locally, from glossaries and a corpus) or "file" (--spm-model)
    path: str | None  # the model file: the cache entry or the user's file

    @property
    def signature(self) -> str:
        return f"spm-local-{self.sha256[:12]}"

    def pieces(self, text: str) -> list[str]:
        return list(self.processor.encode(text, out_type=str))

    def coverage(self, form: str, pieces: Sequence[str]) -> float:
        """How much of a form a text's pieces render: 1.0 when the form's pieces stand in
        the text in a row; else the share of the pieces of its words that the text has in
        a row in some word (a partial rendering: "Liu Jingsong" for Liu Jinsong)."""
        whole = _words(self.pieces(form))
        text = _words(pieces)
        flat = [p for word in whole for p in word]
        if flat and _longest_run(flat, [p for word in text for p in word]) == len(flat):
            return 1.0
        form_words = [p for word in form.split() for p in _words(self.pieces(word))]
        total = sum(len(word) for word in form_words)
        if not total:
            return 0.0
        found = sum(max((_longest_run(w, t) for t in text), default=0) for w in form_words)
        return found / total


def _words(pieces: Sequence[str]) -> list[list[str]]:
    """Pieces grouped into words (a word starts at a piece with the boundary mark)."""
    words: list[list[str]] = []
    for piece in pieces:
        if piece == _SPACE:
            words.append([])
            continue
        if piece.startswith(_SPACE) or not words:
            words.append([])
        words[-1].append(piece)
    return [w for w in words if w]


def _longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """The length of the longest run of pieces that both sequences have in a row."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def glossary_symbols(glossary: Glossary) -> list[str]:
    """Approved forms, each once, sorted: English correct forms and CJK forms in both
    Chinese scripts."""
    symbols: set[str] = set()
    for entry in glossary.entries:
        for form in entry.forms:
            if form.role not in _SYMBOL_ROLES:
                continue
            if form.lang == "en":
                symbols.add(form.text.strip())
            elif form.lang in CJK_LANGS:
                symbols.update(script_variants(form.text.strip()))
    return sorted(s.replace(" ", _SPACE) for s in symbols if s)


def load_model_file(path: str | Path) -> SubwordModel:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the sentencepiece model: {exc.strerror or exc}", name
        ) from None
    return SubwordModel(_processor(data, name), hashlib.sha256(data).hexdigest(), "file", name)


def train_model(
    symbols: Sequence[str], corpus: Sequence[str], cache: Path | None = None
) -> SubwordModel:
    """Train (or take from the cache) a model over the corpus lines and the symbols."""
    lines = [line for line in corpus if line.strip()] + [s.replace(_SPACE, " ") for s in symbols]
    if not lines:
        raise UsageError("no text to train the sentencepiece model from (give --spm-corpus)")
    key = _training_key(symbols, lines)
    cached = (cache / "spm" / f"{key}.model") if cache is not None else None
    if cached is not None and cached.is_file():
        data = cached.read_bytes()
        return SubwordModel(_processor(data, str(cached)), _sha256(data), "trained", str(cached))
    data = _train(symbols, lines)
    stored: str | None = None
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(cached, data)
            stored = str(cached)
        except (OSError, TermcheckError):
            stored = None  # an unwritable cache only costs a retraining next time
    return SubwordModel(_processor(data, "<trained model>"), _sha256(data), "trained", stored)


def _train(symbols: Sequence[str], lines: Sequence[str]) -> bytes:
    model = io.BytesIO()
    spm.set_random_generator_seed(_SEED)
    try:
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(lines),
            model_writer=model,
            user_defined_symbols=list(symbols),
            vocab_size=_VOCAB_SIZE + len(symbols),
            minloglevel=3,
            **_TRAINING,
        )
    except RuntimeError as exc:
        raise UsageError(f"cannot train the sentencepiece model: {exc}") from None
    return model.getvalue()


def _training_key(symbols: Sequence[str], lines: Sequence[str]) -> str:
    digest = hashlib.sha256()
    recipe = {"training": _TRAINING, "vocab": _VOCAB_SIZE, "seed": _SEED, "spm": spm.__version__}
    digest.update(json.dumps(recipe, sort_keys=True).encode())
    for part in (*symbols, "\x00", *lines):
        digest.update(part.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def _processor(data: bytes, name: str) -> spm.SentencePieceProcessor:
    try:
        return spm.SentencePieceProcessor(model_proto=data)
    except (RuntimeError, OSError, TypeError):
        raise InputError("not a sentencepiece model", name) from None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def bundled_corpus_files() -> tuple[Path, ...]:
    """The bundled headline samples: installed with the package, or in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for folder in (
        package / "_bundled" / "samples" / "headlines",
        package.parent / "samples" / "headlines",
    ):
        if folder.is_dir():
            return tuple(sorted(p for p in folder.iterdir() if p.suffix.lower() in PAIR_SUFFIXES))
    return ()


def read_corpus(paths: Iterable[str | Path]) -> list[str]:
    """Lines to train on: the texts of pair files (sources, translations, references) and
    every line of plain text files."""
    texts: list[str] = []
    for path in paths:
        if Path(path).suffix.lower() in PAIR_SUFFIXES:
            for pair in read_pair_file(path).pairs:
                texts.extend((pair.source, pair.translation, *pair.references))
        else:
            texts.append(read_source(path).text)
    return [line.strip() for text in texts for line in text.splitlines() if line.strip()]


def subword_model(
    glossary: Glossary,
    model_file: str | None = None,
    corpus: Sequence[str | Path] | None = None,
    cache: Path | None = None,
) -> SubwordModel:
    """The user's model file; else a model trained from the glossary and the corpus files
    (default: the bundled headline samples), cached under `cache`."""
    if model_file:
        return load_model_file(model_file)
    files = list(corpus) if corpus else list(bundled_corpus_files())
    return train_model(glossary_symbols(glossary), read_corpus(files), cache)
