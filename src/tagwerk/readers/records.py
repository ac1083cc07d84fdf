"""One JSON object (a JSON file, a JSON Lines line, a feed entry, a Parquet row) -> Article."""

from __future__ import annotations

import re
from typing import Any

from tagwerk import credit as credit_data
from tagwerk.article import DEFAULT_MAX_CHARS, Article, build_article
from tagwerk.errors import ArticleError, EmptyArticleError, FieldTypeError, MalformedJSONError
from tagwerk.readers.digitalwires import article_from_digitalwires, is_digitalwires
from tagwerk.readers.jsonsafe import clean_record, surrogate_warning

_TEXT_FIELDS = ("text", "body", "content", "articleBody")
_TITLE_FIELDS = ("title", "headline")
_KNOWN_FIELDS = frozenset(
    {*_TEXT_FIELDS, *_TITLE_FIELDS, "date", "url", "source", "tags", "id", "language", "lang", "author", "authors"}
)
# fields read as one string (a number is taken as its digits); another type is reported
_STRING_FIELDS = (*_TITLE_FIELDS, "date", "url", "id", "language", "lang")


def json_type(value: Any) -> str:
    """What a JSON value is, for a person: ``a number (int)``, ``a list``."""
    if isinstance(value, bool):
        return "a boolean (bool)"
    if isinstance(value, int | float):
        return f"a number ({type(value).__name__})"
    if isinstance(value, dict):
        return "an object (dict)"
    if isinstance(value, list | tuple):
        return "a list"
    return f"a {type(value).__name__}"


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def record_tags(record: dict[str, Any]) -> list[str]:
    """A record's ``tags``; where the record lists their display names beside the slugs
    (``names`` or ``tag_names``, one per tag, as a CMS export does), the names."""
    raw = record.get("tags")
    for field_name in ("tag_names", "names"):
        names = record.get(field_name)
        if (isinstance(raw, list) and isinstance(names, list) and len(names) == len(raw) and raw
                and all(isinstance(n, str) and n.strip() for n in names)):
            return tag_list(names)
    return tag_list(raw)


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


def _text_type_error(record: dict[str, Any], source: str | None) -> FieldTypeError | None:
    """The error for a record whose text field holds something other than text."""
    for key in _TEXT_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str | list):
            return FieldTypeError(f"the record's {key!r} field is {json_type(value)}, not text", source=source)
    return None


def _type_warnings(record: dict[str, Any]) -> list[str]:
    """One warning for each string field that holds another type (it is ignored)."""
    out = []
    for key in _STRING_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str) and _as_str(value) is None:
            out.append(f"field {key!r} is {json_type(value)}, not text: ignored")
    return out


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
    ``given_tags``; CMS slugs with their display names beside them in ``names`` or ``tag_names``:
    the names), ``id``, ``language``, ``author(s)``; every other field goes to
    ``metadata``. The id is the record's ``id``, else its ``url``, else ``default_id``, else
    ``source``. Raises an :class:`ArticleError` for a record without text (a
:class:`FieldTypeError` when its text field holds a number or an object) and a
:class:`NestingTooDeepError` for one nested too deep; lone surrogates are replaced (with a
warning), and a known field of the wrong type is ignored with a warning. A dpa-digitalwires
    object (``"format": "digitalwires@..."``) is read by :mod:`tagwerk.readers.digitalwires`.
    """
    if not isinstance(record, dict):
        raise MalformedJSONError(
            f"a record must be a JSON object, not {type(record).__name__}", source=source
        )
    try:
        record, replaced = clean_record(record, source=source)
        return _article(record, replaced, source=source, max_chars=max_chars, default_id=default_id, fmt=fmt)
    except ArticleError as exc:  # the errors file names the record by its own id
        if exc.id is None:
            exc.id = _as_str(record.get("id")) or _as_str(record.get("url")) or _as_str(record.get("urn"))
        raise


def _article(
    record: dict[str, Any], replaced: int, *, source: str | None, max_chars: int, default_id: str | None, fmt: str
) -> Article:
    if is_digitalwires(record):
        article = article_from_digitalwires(record, source=source, max_chars=max_chars, default_id=default_id)
        if replaced:
            article.warnings.append(surrogate_warning(replaced))
        return article
    text = record_text(record)
    if text is None:
        raise _text_type_error(record, source) or EmptyArticleError(
            "the record has no text (fields text, body or content)", source=source
        )
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
        given_tags=record_tags(record),
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
    article.warnings.extend(_type_warnings(record))
    if replaced:
        article.warnings.append(surrogate_warning(replaced))
    return article
