"""Knowledge findings on professional news translations the rules were never tuned on: the
English references of the WMT18 and WMT19 Chinese-English news test sets (about 146,000
words of Chinese news in English, with the names of hundreds of people the glossary does
not list).

    python bench/wmt_precision.py [--data ../shared/data]

Each test set's references are grouped into stories of about 3.3 KB (as `real_text.py`
does) and checked with the bundled glossaries on a date in the year of its news (WMT18:
2017; WMT19: 2016, the year of the stories that name officials the glossary knows). The
knowledge findings (names, titles, terms, mechanics; not MC001, since the test sets'
sentences are cut from their documents and often open in lower case) are counted per
10,000 words and listed with their context, for a person to judge: a finding a careful
copy editor would not want counts against the target of at most one per 10,000 words.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from checker.bundled import bundled_glossaries
from checker.engine import Checker
from checker.glossary.loader import load_glossaries
from checker.style import load_style

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_text import _references, _stories  # the throughput bench's stories

BENCH = Path(__file__).resolve().parent
KNOWLEDGE = ("TM", "NM", "TT", "MC")
LEFT_OUT = {"MC001"}  # sentences cut from their documents open in lower case
SETS = {
    "damo_mt_testsets_zh2en_news_wmt18.csv": dt.date(2017, 12, 1),
    "damo_mt_testsets_zh2en_news_wmt19.csv": dt.date(2016, 10, 1),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=BENCH.parent.parent / "shared" / "data")
    options = parser.parse_args()
    folder = options.data / "wmt-newstest-zh2en"
    if not folder.is_dir():
        raise SystemExit(f"no WMT references in {folder} (see --data)")
    glossary = load_glossaries(bundled_glossaries())
    style = load_style(None)
    total_words = total_found = 0
    for name, date in SETS.items():
        sentences = _references(folder, name)
        words = sum(len(s.split()) for s in sentences)
        checker = Checker(glossary, style, date=date)
        found = []
        with tempfile.TemporaryDirectory() as tmp:
            for path in _stories(sentences, Path(tmp)):
                text = path.read_text(encoding="utf-8")
                for finding in checker.check_path(path).findings:
                    code = finding.code
                    if code.startswith(KNOWLEDGE) and code not in LEFT_OUT:
                        start, end = finding.span.start, finding.span.end
                        context = text[max(0, start - 60) : end + 40].replace("\n", " ")
                        found.append(f"  {code} {finding.message[:110]}\n      … {context} …")
        total_words += words
        total_found += len(found)
        print(
            f"{name}: {len(sentences):,} sentences, {words:,} words, checked on {date}: "
            f"{len(found)} knowledge findings ({10_000 * len(found) / words:.2f} per 10,000 words)"
        )
        print("\n".join(found))
    print(
        f"all: {total_found} knowledge findings in {total_words:,} words "
        f"({10_000 * total_found / total_words:.2f} per 10,000 words; each to be judged by hand)"
    )


if __name__ == "__main__":
    main()
