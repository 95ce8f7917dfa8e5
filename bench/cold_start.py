"""What `termcheck check STORY -g GLOSSARY --cache-dir CACHE --format jsonl` does, for
timing a cold start before the command line has the cache options:

    python bench/cold_start.py STORY GLOSSARY CACHE_DIR
"""

from __future__ import annotations

import sys

import checker.cli
from checker.cache import GlossaryCache
from checker.engine import Checker
from checker.reporters.jsonl import write_jsonl
from checker.style import load_style

if __name__ == "__main__":
    story, glossary, cache_dir = sys.argv[1:4]
    compiled = GlossaryCache(cache_dir).load([glossary])
    checker = Checker(compiled.glossary, load_style(None), index=compiled.index)
    write_jsonl([checker.check_path(story)], sys.stdout)
