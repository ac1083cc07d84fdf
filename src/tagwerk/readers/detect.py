"""Which reader an input needs: by its extension, else by its first characters; agency wires
by their content (a ``.xml`` whose root is a NewsML-G2 ``newsMessage``/``newsItem``, a ``.json``
with ``"format": "digitalwires@..."``, text that starts with SOH, IPTC 7901)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tagwerk.errors import UnsupportedInputError

FORMATS = ("text", "html", "json", "jsonl", "feed", "newsml", "digitalwires", "iptc7901")

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".feed": "feed",
    ".iptc": "iptc7901",
}

_FORMAT_ALIASES = {
    "txt": "text",
    "plain": "text",
    "htm": "html",
    "ndjson": "jsonl",
    "rss": "feed",
    "atom": "feed",
    "xml": "feed",
    "newsml-g2": "newsml",
    "g2": "newsml",
    "7901": "iptc7901",
    "iptc": "iptc7901",
}

_DIGITALWIRES = re.compile(r'"format"\s*:\s*"digitalwires@')
NAR = "http://iptc.org/std/nar/2006-10-01/"
"""The namespace of NewsML-G2 (IPTC's News Architecture)."""
_NEWSML_ROOT = re.compile(r"<(?:[\w.-]+:)?(newsMessage|newsItem)[\s>/]")
_PROLOG = re.compile(r"<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*", re.S)
SOH = "\x01"
"""IPTC 7901 messages start with it."""
WIRE_CONTROLS = b"\x01\x02\x03\x04\x07\x16\x1e\x1f\x7f"
"""Control bytes of IPTC 7901 framing (SOH, STX, ETX, EOT, BEL, SYN, separators, DEL): not binary there."""
_HEADER_LINE = re.compile(r"\x01[^\x00-\x1f\x7f]*[A-Za-z][^\x00-\x1f\x7f]*\r?\n")


def is_newsml(head: str) -> bool:
    """Whether the first element of an XML text is a NewsML-G2 ``newsMessage`` or ``newsItem``
    in the NAR namespace."""
    s = head.lstrip("\ufeff \t\r\n")
    while (m := _PROLOG.match(s)) is not None:  # the XML declaration, comments, a doctype
        s = s[m.end():]
    if not _NEWSML_ROOT.match(s):
        return False
    end = s.find(">")
    return NAR in (s[:end] if end > 0 else s[:4096])


def is_iptc7901(head: str) -> bool:
    """Whether a text is IPTC 7901 wire text: SOH, then a header line of printable text."""
    return _HEADER_LINE.match(head.lstrip("\ufeff\r\n")) is not None


def normalise_format(fmt: str | None) -> str | None:
    if fmt is None or fmt == "auto":
        return None
    name = fmt.lower().lstrip(".")
    name = _FORMAT_ALIASES.get(name, name)
    if name not in FORMATS:
        raise UnsupportedInputError(f"unknown input format {fmt!r} (known: {', '.join(FORMATS)})")
    return name


def sniff_format(head: str) -> str:
    """Guess the format from the first characters of an input."""
    if is_iptc7901(head):
        return "iptc7901"
    s = head.lstrip("\ufeff \t\r\n")
    if s.startswith("{") and _DIGITALWIRES.search(s[:4096]) and sniff_format_json(s) == "json":
        return "digitalwires"
    if s.startswith("<") and is_newsml(s):
        return "newsml"
    if s.startswith("["):
        return "json"
    if s.startswith("{"):
        # JSON Lines: the first line is a whole JSON object and more follows it.
        return sniff_format_json(s)
    if s.startswith("<"):
        low = s[:4096].lower()
        if re.search(r"<(?:rss|feed|rdf:rdf)[\s>]", low):
            return "feed"
        return "html"
    return "text"


def sniff_format_json(s: str) -> str:
    """``json`` or ``jsonl`` for text that starts with ``{``."""
    lines = [line.strip() for line in s.splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].endswith("}"):
        try:
            json.loads(lines[0])
            return "jsonl"
        except RecursionError:  # nested too deep to parse: a record the JSON Lines reader rejects
            return "jsonl"
        except ValueError:
            return "json"
    return "json"


def refine_format(fmt: str | None, head: str) -> str | None:
    """The format an extension suggests, corrected by the content: a ``.xml`` file whose root is
    NewsML-G2 is ``newsml``, a ``.json`` file of a digitalwires object ``digitalwires``, a text
    file that starts with SOH ``iptc7901``."""
    if fmt in ("feed", "json", "text", "html"):
        sniffed = sniff_format(head) if head else fmt
        if sniffed in ("newsml", "digitalwires", "iptc7901"):
            return sniffed
    return fmt


def detect_format(path: str | Path | None, head: str = "") -> str:
    """The format of ``path`` by its extension (corrected by the content for agency wires), else
    by sniffing ``head``."""
    if path is not None and str(path) != "-":
        fmt = EXTENSIONS.get(Path(path).suffix.lower())
        if fmt:
            return refine_format(fmt, head) or fmt
    return sniff_format(head)
