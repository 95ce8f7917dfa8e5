"""What to re-check: files changed since a git revision or modified since a date, and
the findings of one glossary entry.

`ChangedSince("v2025.11")` keeps the files that differ from that revision in the working
tree (committed, staged or not, and new untracked files), asking `git` once per
repository. `ModifiedSince(moment)` keeps files whose modification time is at or after
it. `EntryFocus(index, "minoru-kihara")` answers, from the text alone, whether a story
could hold a finding about the entry (one of its forms, its family name, the words of an
office it held or, for an office, of its holders appears in it), and keeps only the
findings that name it: the night Kihara changes post, only the stories that mention him
or his offices are checked again.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from checker.engine import Result
from checker.errors import UsageError
from checker.glossary.model import Entry, Kind
from checker.match.fold import fold_form, fold_text, fold_width
from checker.match.index import TermIndex, script_variants

PathFilter = Callable[[str], bool]


def select(paths: Iterable[str], *filters: PathFilter | None) -> Iterator[str]:
    """The paths that every filter keeps (None filters keep everything)."""
    active = [f for f in filters if f is not None]
    for path in paths:
        if all(keep(path) for keep in active):
            yield path


class ChangedSince:
    """Keeps files that differ from a git revision (`--changed-since REF`)."""

    def __init__(self, revision: str) -> None:
        if not revision.strip() or revision.startswith("-"):
            raise UsageError(f"--changed-since: {revision!r} is not a git revision")
        self.revision = revision
        self._roots: dict[str, Path | None] = {}
        self._changed: dict[Path, frozenset[Path]] = {}

    def __call__(self, path: str) -> bool:
        absolute = Path(os.path.abspath(path))
        root = self._root(str(absolute.parent))
        if root is None:
            raise UsageError(f"--changed-since: {path} is not in a git repository")
        if root not in self._changed:
            self._changed[root] = self._ask_git(root)
        return (
            absolute in self._changed[root] or Path(os.path.realpath(path)) in (self._changed[root])
        )

    def _root(self, folder: str) -> Path | None:
        """The working tree that holds a folder: the nearest folder above with `.git`."""
        if folder in self._roots:
            return self._roots[folder]
        if os.path.exists(os.path.join(folder, ".git")):
            root: Path | None = Path(folder)
        else:
            parent = os.path.dirname(folder)
            root = None if parent == folder else self._root(parent)
        self._roots[folder] = root
        return root

    def _ask_git(self, root: Path) -> frozenset[Path]:
        try:
            _git(root, "rev-parse", "--verify", "--quiet", f"{self.revision}^{{commit}}")
        except UsageError:
            raise UsageError(
                f"--changed-since: {self.revision!r} is not a revision of the repository {root}"
            ) from None
        changed = _git(root, "diff", "--name-only", "-z", "--no-renames", self.revision, "--")
        untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z")
        names = [n for n in (changed + untracked).split("\0") if n]
        return frozenset(root / name for name in names)


def _git(root: Path, *arguments: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *arguments],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, which is not installed") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["git failed"])[0]
        raise UsageError(f"--changed-since: {reason.removeprefix('fatal: ')}")
    return done.stdout


class ModifiedSince:
    """Keeps files modified at or after a moment (`--since DATE`)."""

    def __init__(self, moment: dt.datetime) -> None:
        self.timestamp = moment.timestamp()

    def __call__(self, path: str) -> bool:
        try:
            return os.stat(path).st_mtime >= self.timestamp
        except OSError:
            return True  # reading it will say what is wrong

    @classmethod
    def parse(cls, value: str) -> ModifiedSince:
        """`YYYY-MM-DD` (local midnight) or `YYYY-MM-DDTHH:MM[:SS][±HH:MM]`."""
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise UsageError(
                f"--since {value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
            ) from None
        return cls(moment)


class EntryFocus:
    """Only what concerns one glossary entry (`--entry ID`)."""

    def __init__(self, index: TermIndex, entry_id: str) -> None:
        entry = index.glossary.get(entry_id)
        if entry is None:
            raise UsageError(f"--entry: the glossary has no entry {entry_id!r}")
        self.entry = entry
        self._latin, self._cjk = _signs(index, entry)

    def mentioned_in(self, text: str) -> bool:
        """Could the text hold a finding about the entry? Never false when it could: every
        finding that names an entry stems from one of these strings in the text."""
        if self._latin:
            folded, _ = fold_text(text)
            if any(sign in folded for sign in self._latin):
                return True
        if self._cjk:
            width_folded = fold_width(text)
            return any(sign in width_folded for sign in self._cjk)
        return False

    def keep(self, result: Result) -> Result:
        """The result with only the findings that name the entry."""
        entry_id = self.entry.id
        findings = tuple(
            f for f in result.findings if any(fact.entry == entry_id for fact in f.related)
        )
        return replace(result, findings=findings)


def _signs(index: TermIndex, entry: Entry) -> tuple[frozenset[str], frozenset[str]]:
    """Folded strings of which a text holds at least one wherever a finding names the entry:
    its forms and family name; the words of the offices it held (a title phrase names an
    office by its words); for an office, its own words and its holders' signs."""
    people = [entry]
    offices = {t.office for t in entry.tenures}
    if entry.kind is Kind.OFFICE:
        offices.add(entry.id)
        people.extend(h.person for h in index.glossary.holdings.get(entry.id, ()))
    latin: set[str] = set()
    cjk: set[str] = set()
    for person in people:
        for form in person.forms:
            if form.lang == "en":
                latin.add(fold_form(form.text))
            else:
                cjk.update(script_variants(form.text))
        if person.family:
            latin.add(fold_form(person.family))
    for office_index, words in index.office_words:
        if index.entries[office_index].id in offices:
            latin.add(max(words, key=len))  # every word must be there: the longest will do
    latin.discard("")
    return frozenset(latin), frozenset(cjk)
