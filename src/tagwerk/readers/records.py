"""One JSON object (a JSON file, a JSON Lines line, a feed entry, a Parquet row) -> Article."""

from __future__ import annotations

import re
from typing import Any

from tagwerk import credit as credit_data
from tagwerk.article import DEFAULT_MAX_CHARS, Article, build_article
from tagwerk.errors import ArticleError, EmptyArticleError, MalformedJSONError
from tagwerk.readers.digitalwires import article_from_digitalwires, is_digitalwires

_TEXT_FIELDS = ("text", "body", "content", "articleBody")
_TITLE_FIELDS = ("title", "headline")
_KNOWN_FIELDS = frozenset(
    {*_TEXT_FIELDS, *_TITLE_FIELDS, "date", "url", "source", "tags", "id", "language", "lang", "author", "authors"}
)


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def tag_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items = re.split(r"\s*[,;|]\s*", value)
    elif isinstance(value, (list, tuple)):
        items = []
        for v in value:
            if isinstance(v, dict):  # {"term": ...} / {"name": ...}
                v = v.get("term") or v.get("name") or v.get("label")
            if isinstance(v, str):
                items.append(v)
    else:
        return []
    return list(dict.fromkeys(t.strip() for t in items if t and t.strip()))


def record_text(record: dict[str, Any]) -> str | None:
    for key in _TEXT_FIELDS:
        value = record.get(key)
        if isinstance(value, list):
            value = "\n".join(str(v) for v in value if isinstance(v, str))
        if isinstance(value, str) and value.strip():
            return value
    return None


def _apply_source(article: Article, value: str) -> bool:
    """Use a record's ``source`` as outlet or agency when it looks like one."""
    agency = credit_data.agency_name(value)
    if agency:
        if agency not in article.credit.agencies:
            article.credit.agencies.append(agency)
        return True
    if credit_data.is_outlet(value) or (len(value) <= 40 and len(value.split()) <= 4 and not value.endswith(".")):
        if article.credit.outlet is None:
            article.credit.outlet = value
        return True
    return False


def article_from_record(
    record: dict[str, Any],
    *,
    source: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    default_id: str | None = None,
    fmt: str = "json",
) -> Article:
    """Build an Article from one JSON object.

    Fields: ``title`` (or ``headline``), ``text`` (or ``body``/``content``), ``date``, ``url``,
    ``source`` (outlet or agency when it looks like one), ``tags`` (list or comma string ->
    ``given_tags``), ``id``, ``language``, ``author(s)``; every other field goes to
    ``metadata``. The id is the record's ``id``, else its ``url``, else ``default_id``, else
    ``source``. Raises an :class:`ArticleError` for a record without text. A dpa-digitalwires
    object (``"format": "digitalwires@..."``) is read by :mod:`tagwerk.readers.digitalwires`.
    """
    if not isinstance(record, dict):
        raise MalformedJSONError(
            f"a record must be a JSON object, not {type(record).__name__}", source=source
        )
    try:
        return _article(record, source=source, max_chars=max_chars, default_id=default_id, fmt=fmt)
    except ArticleError as exc:  # the errors file names the record by its own id
        if exc.id is None:
            exc.id = _as_str(record.get("id")) or _as_str(record.get("url")) or _as_str(record.get("urn"))
        raise


def _article(record: dict[str, Any], *, source: str | None, max_chars: int, default_id: str | None, fmt: str) -> Article:
    if is_digitalwires(record):
        return article_from_digitalwires(record, source=source, max_chars=max_chars, default_id=default_id)
    text = record_text(record)
    if text is None:
        raise EmptyArticleError("the record has no text (fields text, body or content)", source=source)
    title = next((t for k in _TITLE_FIELDS if (t := _as_str(record.get(k)))), None)
    url = _as_str(record.get("url"))
    rec_id = _as_str(record.get("id"))
    article = build_article(
        body=text,
        title=title,
        max_chars=max_chars,
        source=source,
        date=_as_str(record.get("date")),
        url=url,
        given_tags=tag_list(record.get("tags")),
    )
    article.id = rec_id or url or default_id or source
    article.format = fmt
    lang = _as_str(record.get("language")) or _as_str(record.get("lang"))
    if lang:
        article.language = lang
    authors = record.get("authors", record.get("author"))
    if isinstance(authors, str):
        authors = credit_data.split_names(authors)
    if isinstance(authors, list):
        for name in authors:
            if isinstance(name, str) and name.strip() and name.strip() not in article.credit.authors:
                article.credit.authors.append(name.strip())
    metadata = {k: v for k, v in record.items() if k not in _KNOWN_FIELDS}
    src = _as_str(record.get("source"))
    if src and not _apply_source(article, src):
        metadata["source"] = record["source"]
    elif record.get("source") is not None and src is None:
        metadata["source"] = record["source"]
    article.metadata.update(metadata)
    return article
