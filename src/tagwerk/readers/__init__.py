"""Readers: plain text, HTML, JSON, JSON Lines, RSS/Atom feeds and folders of them -> Articles.

Every reader yields :class:`~tagwerk.article.Article` objects, and per-record problems as
:class:`~tagwerk.errors.ArticleError` instances (never raised), so a batch reports each bad
record and goes on. Each article gets a stable ``id``: the record's ``id``, else its ``url``,
else ``<file>:<line>`` for JSON Lines (``<file>#<n>`` for the n-th entry of a JSON array or
feed), else the file path. Nothing here touches the network.

Modules: ``decode`` (bytes -> text), ``detect`` (which format), ``records`` (a JSON object ->
Article), ``pages`` (plain text, HTML), ``jsonlines`` (JSON, JSON Lines), ``feeds`` (RSS/Atom),
``files`` (streams, files, folders).
"""

from __future__ import annotations

from pathlib import Path

from tagwerk.readers.decode import decode_bytes
from tagwerk.readers.detect import EXTENSIONS, FORMATS, detect_format, sniff_format
from tagwerk.readers.files import load_article, read_bytes, read_path, read_paths, walk
from tagwerk.readers.jsonlines import read_jsonl_line
from tagwerk.readers.pages import html_to_lines
from tagwerk.readers.records import article_from_record

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "article_from_record",
    "decode_bytes",
    "detect_format",
    "example_path",
    "html_to_lines",
    "load_article",
    "read_bytes",
    "read_jsonl_line",
    "read_path",
    "read_paths",
    "sniff_format",
    "walk",
]


def example_path() -> Path:
    """The path of the bundled example article."""
    from tagwerk.examples import example_path as _example_path

    return _example_path()
