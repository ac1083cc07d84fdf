"""RSS and Atom feeds, through feedparser (never from the network)."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any

from tagwerk.article import Article
from tagwerk.errors import ArticleError, EmptyArticleError, UnsupportedInputError
from tagwerk.readers.decode import decode_bytes
from tagwerk.readers.jsonlines import record_article
from tagwerk.readers.pages import html_to_lines
from tagwerk.readers.records import tag_list

_DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


def _feed_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return entry.get("published") or entry.get("updated") or None


def _parse(data: bytes, source: str, warnings: list[str]) -> Any:
    """feedparser's result; a feed whose XML declaration names an encoding Python cannot use
    (a stray byte in ``encoding="..."``) is read again as the text it is, with a warning."""
    import feedparser

    try:
        # A stream, never a string: feedparser fetches strings that look like URLs or paths.
        return feedparser.parse(io.BytesIO(data))
    except (UnicodeError, LookupError, ValueError) as exc:
        first = exc
    text, _ = decode_bytes(data, source=source)  # UTF-8, else cp1252; raises for binary or empty
    fixed, n = _DECLARED_ENCODING.subn(r"\1\2utf-8\2", text, count=1)
    if not n:
        raise UnsupportedInputError(f"not a readable RSS/Atom feed ({type(first).__name__}: {first})", source=source)
    warnings.append("the feed's XML declaration names an unusable encoding; read as UTF-8 (or cp1252)")
    return feedparser.parse(io.BytesIO(fixed.encode("utf-8")))


def read_feed(data: bytes, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
    warnings = list(warnings)
    try:
        parsed = _parse(data, source, warnings)
    except ArticleError as exc:
        yield exc
        return
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield UnsupportedInputError(f"not a readable RSS/Atom feed ({reason})", source=source)
        else:
            yield EmptyArticleError("the feed has no entries", source=source)
        return
    feed_meta = parsed.get("feed") or {}
    for i, entry in enumerate(entries, start=1):
        where = f"{source}#{i}"
        summary = entry.get("summary") or ""
        contents = [c.get("value") or "" for c in entry.get("content") or []]
        markup = max([summary, *contents], key=len)
        record: dict[str, Any] = {
            "title": html_to_lines(entry.get("title") or "").replace("\n", " ") or None,
            "text": html_to_lines(markup),
            "date": _feed_date(entry),
            "url": entry.get("link"),
            "id": entry.get("id") or entry.get("guid"),
            "tags": tag_list([t.get("term") for t in entry.get("tags") or []]),
            "author": entry.get("author"),
        }
        if feed_meta.get("title"):
            record["feed_title"] = feed_meta.get("title")
        if feed_meta.get("link"):
            record["feed_link"] = feed_meta.get("link")
        article = record_article(record, source=where, max_chars=max_chars, default_id=where, fmt="feed")
        if isinstance(article, Article):
            article.warnings.extend(warnings)
        yield article
