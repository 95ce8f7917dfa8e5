"""The compiled-glossary cache: load a glossary and its `TermIndex` from disk instead of
parsing the YAML and building the automata again.

A cache file is keyed by the content hash of the glossary files (with the names they were
loaded under, which findings cite), the termcheck version and the code that builds the
compiled form; any change makes a new key, and a file that does not match is ignored and
rebuilt. Only the bytes of the glossary files are read on a hit (to hash them).

The file holds plain data (`checker.plain_data`: JSON that can only rebuild the glossary
model, never run code): the glossary and its index as two blocks (the index written field
by field as it is encoded), and each glossary entry apart, as a row of its fields, read
only when a check first touches that entry: a cold check of one story against 100,000
entries reads the few hundred it needs. A header gives the format version and a
SHA-256 checksum of everything after it, checked before anything is read; a file that
fails the check is rebuilt, with a warning. Files are written atomically and never
partially; at most `KEEP` of them are kept, the least recently used are removed. The
default folder is `$TERMCHECK_CACHE_DIR`, else `$XDG_CACHE_HOME/termcheck`, else
`~/.cache/termcheck`. A folder that cannot be written only means no caching.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import mmap
import os
import struct
import sys
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, overload

from checker import __version__, plain_data
from checker.glossary.loader import glossary_paths, load_glossaries
from checker.glossary.model import Entry, Glossary, Holding
from checker.match.index import TermIndex
from checker.output import writing_atomic

KEEP = 8
_MAGIC = b"termcheck-glossary-cache\n"
_FORMAT = 5
# Format version; sizes of the key, the glossary, the index, the entries and their offsets;
# SHA-256 of all that follows the header.
_HEADER = struct.Struct("<QQQQQQ32s")
_BATCH = 1 << 20  # bytes of entries written (and hashed) at a time
# The modules whose code shapes what is stored: a change to any of them is a new key.
_CODE = ("glossary", "match", "lexicon.py", "dates.py", "cache.py", "plain_data.py")


@dataclass(frozen=True)
class Compiled:
    """A glossary and its compiled index, and whether they came from the cache."""

    glossary: Glossary
    index: TermIndex
    from_cache: bool = False
    stored: bool = False  # written to the cache by this load


class GlossaryCache:
    """Compiled glossaries on disk (`--cache-dir`); `enabled=False` is `--no-cache`."""

    def __init__(self, directory: str | Path | None = None, enabled: bool = True) -> None:
        self.directory = Path(directory) if directory else default_cache_dir()
        self.enabled = enabled

    def load(self, paths: Sequence[str | Path] | None = None) -> Compiled:
        """The glossaries named (the bundled ones if none), compiled, from the cache when
        it holds them; otherwise loaded, compiled and stored for next time.

        The compiled glossary lives as long as the process: it is made, read or written
        with the garbage collector paused (it makes millions of objects, none of them
        garbage, and each full collection would walk all made so far), then moved out of
        the collector's sight (`gc.freeze`), which otherwise walks them again and again
        while stories are checked; frozen before the collector runs again, or its first
        collection would walk them all once more (a second or so for 100,000 entries)."""
        with _collections_paused():
            compiled = self._load(paths)
            gc.freeze()
        return compiled

    def _load(self, paths: Sequence[str | Path] | None) -> Compiled:
        files = glossary_paths(paths)
        if not self.enabled:
            return _compile(files)
        key = cache_key(files)
        path = self.directory / f"{key}.bin"
        found = _read(path, key)
        if found is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # recently used: kept longest
            return found
        compiled = _compile(files)
        stored = self._store(path, key, compiled)
        return Compiled(compiled.glossary, compiled.index, from_cache=False, stored=stored)

    def store(self, paths: Sequence[str | Path] | None, compiled: Compiled) -> bool:
        """Put glossaries compiled elsewhere into the cache; False if it cannot be written."""
        files = glossary_paths(paths)
        key = cache_key(files)
        if not self.enabled:
            return False
        with _collections_paused():
            return self._store(self.directory / f"{key}.bin", key, compiled)

    def _store(self, path: Path, key: str, compiled: Compiled) -> bool:
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            with writing_atomic(path) as handle:
                _write(handle, key, compiled.glossary, compiled.index)
        except Exception:  # the cache only saves time: failing to fill it never fails a check
            return False
        self._evict(keep=path)
        return True

    def _evict(self, keep: Path) -> None:
        try:
            files = sorted(
                (p for p in self.directory.glob("*.bin") if p != keep),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
        except OSError:
            return
        for old in files[KEEP - 1 :]:
            with contextlib.suppress(OSError):
                old.unlink()


@contextlib.contextmanager
def _collections_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def default_cache_dir() -> Path:
    configured = os.environ.get("TERMCHECK_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "termcheck"


def cache_key(files: Sequence[Path]) -> str:
    """A hash of the files' names and bytes, the version and the code that compiles them."""
    digest = hashlib.sha256()
    digest.update(f"{_FORMAT}\0{__version__}\0{sys.version}\0".encode())
    package = Path(__file__).parent
    for name in _CODE:
        part = package / name
        for source in sorted(part.glob("*.py")) if part.is_dir() else [part]:
            with contextlib.suppress(OSError):
                digest.update(source.name.encode() + b"\0" + source.read_bytes())
    for file in files:
        digest.update(b"\0file\0" + str(file).encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"\0unreadable\0")  # loading it will report why
    return digest.hexdigest()[:40]


def _compile(files: Sequence[Path]) -> Compiled:
    glossary = load_glossaries(files)
    return Compiled(glossary, TermIndex(glossary))


# -- the file -------------------------------------------------------------------------------

# References, in the glossary and index blocks, to what is stored apart and read lazily.
_ENTRIES, _BY_ID, _HOLDINGS, _GLOSSARY = "entries", "by-id", "holdings", "glossary"


def _write(handle: BinaryIO, key: str, glossary: Glossary, index: TermIndex) -> None:
    """The cache file, written as it is made: each entry is encoded and written in turn,
    never all of them held at once; the header, with the sizes and the checksum, last."""
    entries = glossary.entries
    holdings = glossary.holdings  # computed now, stored as positions
    position = {id(entry): i for i, entry in enumerate(entries)}
    holding_positions = {
        office: tuple((position[id(h.person)], h.person.tenures.index(h.tenure)) for h in found)
        for office, found in holdings.items()
    }
    del position
    ids = [entry.id for entry in entries]  # in order: `_LazyById` finds the first of each
    references = {id(entries): _ENTRIES, id(glossary.by_id): _BY_ID, id(holdings): _HOLDINGS}
    glossary_bytes = plain_data.dumps(glossary, references)
    references[id(glossary)] = _GLOSSARY
    key_bytes = key.encode()
    digest = hashlib.sha256()

    def put(data: bytes) -> None:
        handle.write(data)
        digest.update(data)

    handle.write(_MAGIC + bytes(_HEADER.size))
    put(key_bytes)
    put(glossary_bytes)
    index_size = 0
    for part in plain_data.dump_parts((index, ids, holding_positions), references):
        put(part)
        index_size += len(part)
    del ids, holding_positions
    offsets = array("q", [0])
    batch: list[bytes] = []
    written = pending = 0
    for entry in entries:
        blob = plain_data.dumps_row(entry)
        batch.append(blob)
        pending += len(blob)
        offsets.append(written + pending)
        if pending >= _BATCH:
            put(b"".join(batch))
            batch.clear()
            written, pending = written + pending, 0
    put(b"".join(batch))
    written += pending
    put(offsets.tobytes())
    sizes = (len(key_bytes), len(glossary_bytes), index_size, written, len(offsets) * 8)
    handle.seek(len(_MAGIC))
    handle.write(_HEADER.pack(_FORMAT, *sizes, digest.digest()))


class DamagedCache(Exception):
    """A cache file of this key whose bytes are not what was written."""


def _read(path: Path, key: str) -> Compiled | None:
    """The compiled glossary stored under `key`, or None when there is none. A file that
    is there but damaged is reported on standard error and will be replaced."""
    try:
        with open(path, "rb") as handle:
            return _unpack(handle, key)
    except FileNotFoundError:
        return None
    except Exception as exc:  # damaged, truncated, foreign: rebuilt and replaced
        reason = str(exc) if isinstance(exc, DamagedCache) else f"{type(exc).__name__}: {exc}"
        print(
            f"termcheck: warning: {path}: damaged glossary cache ({reason}); rebuilding it",
            file=sys.stderr,
        )
        return None


def _unpack(handle: BinaryIO, key: str) -> Compiled | None:
    """The file is checked whole against its checksum, then the glossary and index are
    read; the entries' part is mapped, not read: an entry is decoded when first used."""
    if handle.read(len(_MAGIC)) != _MAGIC:
        raise DamagedCache("not a termcheck glossary cache")
    header = handle.read(_HEADER.size)
    if len(header) != _HEADER.size:
        raise DamagedCache("truncated header")
    version, key_size, glossary_size, index_size, entries_size, offsets_size, digest = (
        _HEADER.unpack(header)
    )
    if version != _FORMAT:
        return None  # written by another version: a miss, replaced
    mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    body = memoryview(mapped)[len(_MAGIC) + _HEADER.size :]
    if hashlib.sha256(body).digest() != digest:
        raise DamagedCache("checksum mismatch")
    if bytes(body[:key_size]) != key.encode():
        return None
    at = key_size
    glossary_bytes = bytes(body[at : at + glossary_size])
    at += glossary_size
    index_bytes = bytes(body[at : at + index_size])
    at += index_size
    blobs = body[at : at + entries_size]
    at += entries_size
    offsets = array("q")
    offsets.frombytes(body[at : at + offsets_size])
    if len(offsets) < 1 or offsets[-1] != entries_size or at + offsets_size != len(body):
        raise DamagedCache("inconsistent sizes")
    entries = LazyEntries(blobs, offsets)
    by_id = _LazyById(entries)
    holdings = _LazyHoldings(entries)
    lazy: dict[str, Any] = {_ENTRIES: entries, _BY_ID: by_id, _HOLDINGS: holdings}
    glossary = lazy[_GLOSSARY] = plain_data.loads(glossary_bytes, lazy)
    index, ids, holdings.positions = plain_data.loads(index_bytes, lazy)
    for position, entry_id in enumerate(ids):
        by_id.positions.setdefault(entry_id, position)  # the first entry with an id
    if not isinstance(glossary, Glossary) or not isinstance(index, TermIndex):
        raise DamagedCache("unexpected content")
    return Compiled(glossary, index, from_cache=True)


class LazyEntries(Sequence[Entry]):
    """A cached glossary's entries, each decoded the first time it is used."""

    def __init__(self, blobs: memoryview, offsets: array[int]) -> None:
        self._blobs = blobs
        self._offsets = offsets
        self._loaded: list[Entry | None] = [None] * (len(offsets) - 1)

    def __len__(self) -> int:
        return len(self._loaded)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        entry = self._loaded[index]
        if entry is None:
            if index < 0:
                index += len(self._loaded)
            offsets = self._offsets
            entry = plain_data.loads_row(
                Entry, bytes(self._blobs[offsets[index] : offsets[index + 1]])
            )
            self._loaded[index] = entry
        return entry

    def __iter__(self) -> Iterator[Entry]:
        for i in range(len(self._loaded)):
            yield self[i]

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (tuple(self),))  # sent elsewhere whole (a spawn pool, a cluster)


class _PositionsMapping(Mapping[str, Any]):
    """A mapping over `positions` whose values are read from the entries on demand; sent
    elsewhere (a spawn pool, a cluster) as a plain dict."""

    positions: dict[str, Any]

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self.items()),))


class _LazyById(_PositionsMapping):
    """Entry id → entry, reading only the entry asked for (the first with that id wins)."""

    def __init__(self, entries: LazyEntries) -> None:
        self.entries = entries
        self.positions: dict[str, int] = {}

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[self.positions[entry_id]]


class _LazyHoldings(_PositionsMapping):
    """Office id → its holders' tenures, reading only the holders of the office asked for."""

    def __init__(self, entries: LazyEntries) -> None:
        self.entries = entries
        self.positions: dict[str, tuple[tuple[int, int], ...]] = {}
        self._made: dict[str, tuple[Holding, ...]] = {}

    def __getitem__(self, office: str) -> tuple[Holding, ...]:
        made = self._made.get(office)
        if made is None:
            holders = []
            for person_position, tenure_position in self.positions[office]:
                person = self.entries[person_position]
                holders.append(Holding(person, person.tenures[tenure_position]))
            made = self._made[office] = tuple(holders)
        return made
