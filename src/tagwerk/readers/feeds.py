"""RSS and Atom feeds, through feedparser (never from the network)."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from typing import Any

from tagwerk.article import Article
from tagwerk.errors import ArticleError, EmptyArticleError, UnsupportedInputError
from tagwerk.readers.pages import html_to_lines
from tagwerk.readers.records import article_from_record, tag_list


def _feed_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return entry.get("published") or entry.get("updated") or None


def read_feed(data: bytes, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
    import feedparser

    # A stream, never a string: feedparser fetches strings that look like URLs or paths.
    parsed = feedparser.parse(io.BytesIO(data))
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
        try:
            article = article_from_record(record, source=where, max_chars=max_chars, default_id=where, fmt="feed")
        except ArticleError as exc:
            yield exc
            continue
        article.warnings.extend(warnings)
        yield article
