"""The compiled-glossary cache: misses, hits, invalidation, damage, and the same findings."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

import pytest

from checker.cache import KEEP, GlossaryCache, cache_key
from checker.engine import Checker
from checker.style import load_style
from tests.batch.conftest import GLOSSARY, STORIES, jsonl, write_stories
from tests.conftest import NEWS_STYLE


def _checker(compiled_glossary: object, index: object) -> Checker:
    return Checker(
        compiled_glossary,  # type: ignore[arg-type]
        load_style(str(NEWS_STYLE)),
        date=dt.date(2025, 11, 19),
        index=index,  # type: ignore[arg-type]
    )


def test_a_miss_compiles_and_stores_then_a_hit_loads(tmp_path: Path, glossary_file: Path) -> None:
    cache = GlossaryCache(tmp_path / "cache")
    first = cache.load([glossary_file])
    assert (first.from_cache, first.stored) == (False, True)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"{cache_key([glossary_file])}.bin"]
    second = cache.load([glossary_file])
    assert (second.from_cache, second.stored) == (True, False)
    assert [e.id for e in second.glossary.entries] == [e.id for e in first.glossary.entries]
    assert second.glossary.get("minoru-kihara") == first.glossary.get("minoru-kihara")
    assert second.glossary.names == ("batch-test",)


def test_cached_and_fresh_glossaries_give_the_same_report(
    tmp_path: Path, glossary_file: Path
) -> None:
    paths = write_stories(tmp_path / "stories")
    cache = GlossaryCache(tmp_path / "cache")
    fresh = cache.load([glossary_file])
    cached = cache.load([glossary_file])
    assert cached.from_cache
    expected = jsonl(_checker(fresh.glossary, fresh.index).check_path(p) for p in paths)
    assert "TT002" in expected and "TM002" in expected
    assert jsonl(_checker(cached.glossary, cached.index).check_path(p) for p in paths) == expected
    # Sent whole to another process (a spawn pool, a cluster), it still agrees.
    again = pickle.loads(pickle.dumps(_checker(cached.glossary, cached.index)))
    assert jsonl(again.check_path(p) for p in paths) == expected


def test_a_cached_glossary_reads_only_the_entries_it_uses(
    tmp_path: Path, glossary_file: Path
) -> None:
    cache = GlossaryCache(tmp_path / "cache")
    cache.load([glossary_file])
    cached = cache.load([glossary_file])
    entries = cached.glossary.entries
    loaded = entries._loaded  # type: ignore[attr-defined]
    assert loaded.count(None) == len(entries)
    checker = _checker(cached.glossary, cached.index)
    checker.check_text(STORIES["liu.txt"])
    # The person found, and the office he holds (named in the message); nothing else.
    assert {e.id for e in loaded if e is not None} == {"liu-jinsong", "mfa-asian-dg"}


def test_changing_the_glossary_is_a_miss(tmp_path: Path, glossary_file: Path) -> None:
    cache = GlossaryCache(tmp_path / "cache")
    cache.load([glossary_file])
    glossary_file.write_text(GLOSSARY.replace("Minou Kihara", "Minoru Kiharra"), encoding="utf-8")
    changed = cache.load([glossary_file])
    assert not changed.from_cache
    forbidden = [
        f.text for f in changed.glossary.get("minoru-kihara").forms if f.role.value == "forbidden"
    ]  # type: ignore[union-attr]
    assert forbidden == ["Minoru Kiharra"]
    assert len(list((tmp_path / "cache").iterdir())) == 2
    assert cache.load([glossary_file]).from_cache


def test_the_same_bytes_under_another_name_are_another_glossary(
    tmp_path: Path, glossary_file: Path
) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(glossary_file.read_bytes())
    cache = GlossaryCache(tmp_path / "cache")
    cache.load([glossary_file])
    loaded = cache.load([copy])
    assert not loaded.from_cache  # findings cite the file they came from
    assert loaded.glossary.get("japan").path == str(copy)  # type: ignore[union-attr]


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path, glossary_file: Path) -> None:
    cache = GlossaryCache(tmp_path / "cache")
    cache.load([glossary_file])
    (stored,) = (tmp_path / "cache").iterdir()
    stored.write_bytes(stored.read_bytes()[:200])
    rebuilt = cache.load([glossary_file])
    assert (rebuilt.from_cache, rebuilt.stored) == (False, True)
    assert cache.load([glossary_file]).from_cache


@pytest.mark.parametrize("where", [0.3, 0.6, 0.95])
def test_a_flipped_byte_is_caught_by_the_checksum_and_rebuilt_with_a_warning(
    tmp_path: Path, glossary_file: Path, capsys: pytest.CaptureFixture[str], where: float
) -> None:
    cache = GlossaryCache(tmp_path / "cache")
    cache.load([glossary_file])
    (stored,) = (tmp_path / "cache").iterdir()
    data = bytearray(stored.read_bytes())
    data[int(len(data) * where)] ^= 0x04  # 'l' becomes 'h': checker.glossary -> checker.ghossary
    stored.write_bytes(bytes(data))
    capsys.readouterr()
    rebuilt = cache.load([glossary_file])
    assert (rebuilt.from_cache, rebuilt.stored) == (False, True)
    assert capsys.readouterr().err == (
        f"termcheck: warning: {stored}: damaged glossary cache (checksum mismatch); rebuilding it\n"
    )
    assert cache.load([glossary_file]).from_cache
    assert capsys.readouterr().err == ""


def test_a_cache_file_never_runs_code(tmp_path: Path, glossary_file: Path) -> None:
    import hashlib
    import json

    from checker import cache as cache_module
    from checker import plain_data

    cache = GlossaryCache(tmp_path / "cache")
    cache.load([glossary_file])
    (stored,) = (tmp_path / "cache").iterdir()
    key = cache_key([glossary_file]).encode()
    hostile = json.dumps({"o": ["os.system", {"d": [["command", "touch pwned"]]}]}).encode()
    body = key + hostile + b"[]" + b"\0" * 8  # no entries: one offset, 0
    header = cache_module._HEADER.pack(
        cache_module._FORMAT, len(key), len(hostile), 2, 0, 8, hashlib.sha256(body).digest()
    )
    stored.write_bytes(cache_module._MAGIC + header + body)
    rebuilt = cache.load([glossary_file])
    assert not rebuilt.from_cache and not (tmp_path / "pwned").exists()
    with pytest.raises(plain_data.PlainDataError, match=r"unknown class 'os\.system'"):
        plain_data.loads(hostile)
    assert b"pickle" not in stored.read_bytes()


def test_no_cache_writes_nothing(tmp_path: Path, glossary_file: Path) -> None:
    loaded = GlossaryCache(tmp_path / "cache", enabled=False).load([glossary_file])
    assert (loaded.from_cache, loaded.stored) == (False, False)
    assert not (tmp_path / "cache").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_cache_folder_only_means_no_caching(
    tmp_path: Path, glossary_file: Path
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o500)
    loaded = GlossaryCache(folder).load([glossary_file])
    assert (loaded.from_cache, loaded.stored) == (False, False)


def test_a_cache_folder_that_is_a_file_only_means_no_caching(
    tmp_path: Path, glossary_file: Path
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    loaded = GlossaryCache(blocker).load([glossary_file])
    assert (loaded.from_cache, loaded.stored) == (False, False)
    assert loaded.glossary.get("japan") is not None


def test_old_cache_files_are_removed(tmp_path: Path, glossary_file: Path) -> None:
    cache = GlossaryCache(tmp_path / "cache")
    for n in range(KEEP + 2):
        glossary_file.write_text(GLOSSARY.replace('version: "1"', f'version: "{n}"'), "utf-8")
        cache.load([glossary_file])
        stamp = 1_700_000_000 + n
        for stored in (tmp_path / "cache").iterdir():
            if stored.stat().st_mtime > stamp:
                os.utime(stored, (stamp, stamp))
    assert len(list((tmp_path / "cache").iterdir())) == KEEP
    assert cache.load([glossary_file]).from_cache  # the newest is kept


def test_the_default_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERMCHECK_CACHE_DIR", str(tmp_path / "mine"))
    assert GlossaryCache().directory == tmp_path / "mine"
    monkeypatch.delenv("TERMCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert GlossaryCache().directory == tmp_path / "xdg" / "termcheck"


def test_a_glossary_compiled_elsewhere_can_be_stored(tmp_path: Path, glossary_file: Path) -> None:
    compiled = GlossaryCache(enabled=False).load([glossary_file])
    cache = GlossaryCache(tmp_path / "cache")
    assert cache.store([glossary_file], compiled)
    assert cache.load([glossary_file]).from_cache
    assert not GlossaryCache(tmp_path / "off", enabled=False).store([glossary_file], compiled)


def test_every_bundled_entry_reads_back_from_the_cache_as_it_was(tmp_path: Path) -> None:
    cache = GlossaryCache(tmp_path / "cache")
    fresh = cache.load(None)
    cached = cache.load(None)
    assert cached.from_cache
    assert list(cached.glossary.entries) == list(fresh.glossary.entries)
    assert dict(cached.glossary.holdings) == dict(fresh.glossary.holdings)


def test_a_cache_write_that_fails_part_way_leaves_nothing(
    tmp_path: Path, glossary_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is written entry by entry; a failure in the middle keeps no half file and
    no temporary file, and the check goes on with the compiled glossary."""
    from checker import plain_data

    written = []
    dumps_row = plain_data.dumps_row

    def failing(value: object) -> bytes:
        written.append(value)
        if len(written) == 5:
            raise MemoryError("no room")
        return dumps_row(value)

    monkeypatch.setattr(plain_data, "dumps_row", failing)
    loaded = GlossaryCache(tmp_path / "cache").load([glossary_file])
    assert (loaded.from_cache, loaded.stored) == (False, False)
    assert loaded.glossary.get("minoru-kihara") is not None
    assert list((tmp_path / "cache").iterdir()) == []
