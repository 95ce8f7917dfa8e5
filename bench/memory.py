"""Peak memory and time of `termcheck check` on one large document per input format.

For each format (plain text, HTML, NITF, NewsML-G2, DOCX) a document of about `--size`
megabytes of news copy is generated (seeded; paragraphs of varied filler with a name or
two, some of them miswritten, as in `workload.py`), checked by `termcheck check` in a
fresh process, and its peak resident memory read from the kernel (`wait4`). The fixed
base of each format is the same command on a short story of the same copy in that format
(its first paragraphs, about 20 KB), in the same run: the interpreter, the glossary, the
rules, the reader's own modules (lxml alone is about 8 MB) and the tables the checks load
when copy first asks for them (wordfreq's large English list, 33 MB, for a rare surname).
The ratio is (peak - base) / input size; the target is at most 10.

A Word file is a zip: its row gives the ratio to the file and to `word/document.xml`
unzipped (about five times the file for this copy, twenty times for one-word
paragraphs), and a verdict on each. Against the file the target cannot be met for copy
that compresses well: the text alone is several times the file, and checking any text
takes several times the text.

    python bench/memory.py                 # 5 MB per format, about two minutes on 2 cores
    python bench/memory.py --size 200 --formats nitf   # the 200 MB NITF (many minutes)
    python bench/memory.py --short         # also the worst case: one-word paragraphs

Numbers depend on the machine; read the ratios.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

TARGET_RATIO = 10.0
BASE_SIZE = 20_000  # characters of the short story of the same copy that gives the base
WORDS = [
    "the",
    "talks",
    "between",
    "two",
    "delegations",
    "lasted",
    "several",
    "hours",
    "and",
    "covered",
    "trade",
    "fishing",
    "rights",
    "safety",
    "of",
    "citizens",
    "abroad",
    "officials",
    "said",
    "a",
    "statement",
    "was",
    "issued",
    "after",
    "meeting",
    "in",
    "Beijing",
    "Tokyo",
    "ministry",
    "spokesperson",
    "told",
    "reporters",
    "on",
    "Wednesday",
    "that",
    "both",
    "sides",
    "agreed",
    "to",
    "keep",
    "communicating",
    "through",
    "diplomatic",
    "channels",
    "amid",
    "tensions",
    "over",
    "remarks",
    "about",
    "Taiwan",
]
NAMES = (
    "Liu Jinsong",
    "Masaaki Kanai",
    "Liu jianchao",
    "Kanai Hiroshi",
    "Sanae Takaichi",
    "Wang Yi",
    "taiwan",
    "chinese",
)


def paragraphs(size: int, short: bool, seed: int = 20240601) -> list[str]:
    """About `size` characters of paragraphs: varied filler with names, or one word each."""
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        if short:
            text = rng.choice(WORDS).capitalize() + "."
        else:
            words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
            words.insert(rng.randrange(len(words)), rng.choice(NAMES))
            text = " ".join(words) + "."
            text = text[0].upper() + text[1:]
        out.append(text)
        total += len(text) + 8
    return out


def as_text(paras: list[str]) -> bytes:
    return "\n\n".join(paras).encode()


def as_html(paras: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    return f"<html><body><article><h1>Talks</h1>\n{body}</article></body></html>".encode()


def _nitf(paras: list[str], namespace: str = "") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    return (
        f"<nitf{namespace}><head><title>Talks</title></head><body><body.head><hedline>"
        f"<hl1>Talks</hl1></hedline></body.head><body.content>\n{body}"
        "</body.content></body></nitf>"
    )


def as_nitf(paras: list[str]) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + _nitf(paras)).encode()


def as_newsml(paras: list[str]) -> bytes:
    nitf = _nitf(paras, ' xmlns="http://iptc.org/std/NITF/2006-10-18/"')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" standard="NewsML-G2">'
        "<contentMeta><headline>Talks</headline></contentMeta><contentSet>"
        f'<inlineXML contenttype="application/nitf+xml">{nitf}</inlineXML>'
        "</contentSet></newsItem>"
    ).encode()


def as_docx(paras: list[str]) -> bytes:
    main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paras)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{main}"><w:body>'
    document += body + "</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/word/document.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
            "/></Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document)
    return out.getvalue()


FORMATS: dict[str, tuple[str, Callable[[list[str]], bytes]]] = {
    "text": ("story.txt", as_text),
    "html": ("story.html", as_html),
    "nitf": ("story.xml", as_nitf),
    "newsml": ("story.newsml.xml", as_newsml),
    "docx": ("story.docx", as_docx),
}


def unzipped_size(data: bytes) -> int:
    """The size of a Word file's main part, `word/document.xml`, once unzipped."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.getinfo("word/document.xml").file_size


def _verdict(ratio: float) -> str:
    return "yes" if ratio <= TARGET_RATIO else "no"


# The child's own peak: `VmHWM` of its address space, written when it exits. The
# kernel's `ru_maxrss` of a child also counts the memory of the process that started it
# (the parent's pages are the child's until `exec`), which here holds the generated
# document: it would be read as the checker's.
_PEAK_REPORTER = """
import atexit, re, runpy, sys
out_path = sys.argv.pop(1)
def report():
    with open("/proc/self/status") as status:
        peak = re.search(r"VmHWM:\\s+(\\d+) kB", status.read())
    with open(out_path, "w") as out:
        out.write(peak.group(1) if peak else "")
atexit.register(report)
sys.argv[0] = "termcheck"
runpy.run_module("checker", run_name="__main__")
"""


def measure(path: Path) -> tuple[float, int, int]:
    """Seconds, peak resident bytes and exit code of `termcheck check PATH`."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak_file:
        command = [sys.executable, "-c", _PEAK_REPORTER, peak_file.name, "check", str(path)]
        command += ["--date", "2025-11-19", "-q", "--format", "jsonl", "-o", os.devnull]
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.monotonic() - started
        if process.stderr is not None:
            process.stderr.close()
        reported = peak_file.read().strip()
    peak = int(reported) * 1024 if reported else usage.ru_maxrss * 1024
    return elapsed, peak, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=5.0, help="megabytes per document")
    parser.add_argument("--formats", nargs="*", default=list(FORMATS), choices=list(FORMATS))
    parser.add_argument("--short", action="store_true", help="also one-word paragraphs")
    options = parser.parse_args()
    size = int(options.size * 1e6)
    with tempfile.TemporaryDirectory(prefix="termcheck-memory-") as folder:
        story = paragraphs(BASE_SIZE, short=False)
        bases: dict[str, int] = {}
        for name in options.formats:
            filename, make = FORMATS[name]
            base_story = Path(folder) / f"base-{filename}"
            base_story.write_bytes(make(story))
            measure(base_story)  # fills the glossary cache: the baseline and the runs share it
            bases[name] = measure(base_story)[1]
        columns = "input | size MB | seconds | peak MB | base MB | (peak - base) / size"
        print(f"| {columns} | ≤ {TARGET_RATIO:g}× |")
        print("|---|---:|---:|---:|---:|---:|:-:|")
        kinds = [False, True] if options.short else [False]
        for short in kinds:
            paras = paragraphs(size, short)
            for name in options.formats:
                filename, make = FORMATS[name]
                path = Path(folder) / filename
                data = make(paras)
                path.write_bytes(data)
                seconds, peak, code = measure(path)
                base = bases[name]
                ratio = max(0, peak - base) / len(data)
                megabytes_in = f"{len(data) / 1e6:.1f}"
                shown = f"{ratio:.1f}"
                verdict = _verdict(ratio)
                if name == "docx":
                    xml = unzipped_size(data)
                    megabytes_in += f" ({xml / 1e6:.1f} of XML)"
                    xml_ratio = max(0, peak - base) / xml
                    shown += f" ({xml_ratio:.1f} of the XML)"
                    verdict += f" ({_verdict(xml_ratio)} of the XML)"
                label = name + (" (one-word paragraphs)" if short else "")
                if code not in (0, 1):
                    verdict = f"exit {code}"
                megabytes = f"{peak / 1e6:.0f}", f"{base / 1e6:.0f}"
                cells = (label, megabytes_in, f"{seconds:.1f}", *megabytes, shown, verdict)
                print("| " + " | ".join(cells) + " |", flush=True)
                path.unlink()


if __name__ == "__main__":
    main()
