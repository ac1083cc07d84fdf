"""Which reader an input needs: by its extension, else by its first characters."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tagwerk.errors import UnsupportedInputError

FORMATS = ("text", "html", "json", "jsonl", "feed")

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
}

_FORMAT_ALIASES = {
    "txt": "text",
    "plain": "text",
    "htm": "html",
    "ndjson": "jsonl",
    "rss": "feed",
    "atom": "feed",
    "xml": "feed",
}

# UTF-8 needs at most 4 bytes a character, so a file of more than 4 * max_chars bytes is


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
    s = head.lstrip("\ufeff \t\r\n")
    if s.startswith("["):
        return "json"
    if s.startswith("{"):
        # JSON Lines: the first line is a whole JSON object and more follows it.
        lines = [line.strip() for line in s.splitlines() if line.strip()]
        if len(lines) > 1 and lines[0].endswith("}"):
            try:
                json.loads(lines[0])
                return "jsonl"
            except ValueError:
                return "json"
        return "json"
    if s.startswith("<"):
        low = s[:4096].lower()
        if re.search(r"<(?:rss|feed|rdf:rdf)[\s>]", low):
            return "feed"
        return "html"
    return "text"


def detect_format(path: str | Path | None, head: str = "") -> str:
    """The format of ``path`` by its extension, else by sniffing ``head``."""
    if path is not None and str(path) != "-":
        fmt = EXTENSIONS.get(Path(path).suffix.lower())
        if fmt:
            return fmt
    return sniff_format(head)
