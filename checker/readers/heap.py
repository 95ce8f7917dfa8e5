"""Giving the memory a reader freed back to the system before the checks run.

A markup reader parses a whole document into a tree (libxml2's, allocated with the C
library's `malloc`), maps it and builds the segments; then the tree is freed. glibc keeps
freed memory inside the process, and the checks that follow allocate their Python
objects elsewhere (CPython's own arenas), so without a trim the tree's memory would
still count in the process's peak while the checks run: about twice the input size.
`malloc_trim` hands every wholly free page back. Elsewhere (macOS, musl, Windows) this
is a no-op.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache

# Below this many characters of input the tree is too small to be worth a system call.
RELEASE_THRESHOLD = 1_000_000


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # no C library by that name, or no trim
        return None
    return trim


def release_freed_memory(size: int) -> None:
    """Return freed heap pages to the system after reading a document of `size`
    characters; nothing for a small one."""
    if size < RELEASE_THRESHOLD:
        return
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
