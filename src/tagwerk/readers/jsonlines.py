"""JSON documents (one object, an array, or ``{"articles": [...]}``) and JSON Lines."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import BinaryIO

from tagwerk.article import Article
from tagwerk.errors import ArticleError, ArticleTooLargeError, EmptyArticleError, InternalError, MalformedJSONError
from tagwerk.readers.decode import BYTES_PER_CHAR, decode_bytes
from tagwerk.readers.jsonsafe import too_deep
from tagwerk.readers.records import article_from_record, record_text


def _json_error(exc: json.JSONDecodeError, source: str, line: int | None = None) -> MalformedJSONError:
    return MalformedJSONError(
        f"malformed JSON: {exc.msg} (line {line or exc.lineno}, column {exc.colno})".replace(" at (", " ("),
        source=source,
        line=line or exc.lineno,
    )


def internal_error(exc: Exception, source: str | None, line: int | None = None) -> InternalError:
    """A reader's unexpected exception as the record's error (a bug: the fuzz benchmark counts
    these), so that the records after it are still read."""
    err = InternalError(f"the reader failed: {type(exc).__name__}: {exc}", source=source, line=line)
    err.__cause__ = exc
    return err


def record_article(record: object, *, source: str, line: int | None = None, **kwargs: object) -> Article | ArticleError:
    """:func:`article_from_record`, its ArticleError (or an unexpected exception as an
    :class:`InternalError`) returned in the record's place."""
    try:
        return article_from_record(record, source=source, **kwargs)  # type: ignore[arg-type]
    except ArticleError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one record must not stop the others
        return internal_error(exc, source, line)


def read_json(text: str, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
    try:
        data = json.loads(text)
    except RecursionError:
        yield too_deep(source)
        return
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip("\ufeff \t\r\n").startswith("{"):
            # Objects one after another: JSON Lines whose first line was too long to sniff.
            stream = io.BytesIO(text.encode("utf-8"))
            for result in read_jsonl(stream, source=source, max_chars=max_chars):
                if isinstance(result, Article):
                    result.warnings.extend(warnings)
                yield result
            return
        yield _json_error(exc, source)
        return
    if isinstance(data, dict):
        for key in ("articles", "items", "records", "data"):
            if isinstance(data.get(key), list) and record_text(data) is None:
                data = data[key]
                break
    records = data if isinstance(data, list) else [data]
    if not records:
        yield EmptyArticleError("the JSON array holds no records", source=source)
        return
    single = len(records) == 1
    for i, record in enumerate(records, start=1):
        where = source if single else f"{source}#{i}"
        article = record_article(record, source=where, max_chars=max_chars, default_id=where)
        if isinstance(article, Article):
            article.warnings.extend(warnings)
        yield article


def read_jsonl_line(raw: bytes, *, source: str, lineno: int, max_chars: int) -> Article | ArticleError | None:
    """One JSON Lines record (None for a blank line); a bad one comes back as an ArticleError."""
    where = f"{source}:{lineno}"
    try:
        text, warnings = decode_bytes(raw, source=source)
    except EmptyArticleError:
        return None  # blank lines are allowed between records
    except ArticleError as exc:
        exc.line = lineno
        return exc
    try:
        record = json.loads(text)
    except RecursionError:
        return too_deep(source, lineno)
    except json.JSONDecodeError as exc:
        return _json_error(exc, source, line=lineno)
    article = record_article(record, source=where, line=lineno, max_chars=max_chars, default_id=where, fmt="jsonl")
    if isinstance(article, ArticleError):
        article.source, article.line = source, lineno
        return article
    article.warnings.extend(warnings)
    return article


def jsonl_records(
    stream: BinaryIO, *, source: str, max_chars: int, first_line: int = 1, length: int | None = None
) -> Iterator[Article | ArticleError]:
    """The records of JSON Lines read from ``stream`` (``length`` bytes of it, or to its end):
    one result per non-blank line, in order; a bad line yields its error, a line longer than
    the limit is skipped without being held in memory. Batch partitions read their byte ranges
    with it, and :func:`read_jsonl` whole streams."""
    limit = max_chars * BYTES_PER_CHAR
    remaining = length
    line = first_line

    def take(n: int) -> int:
        return n if remaining is None else min(n, remaining)

    while remaining is None or remaining > 0:
        raw = stream.readline(take(limit + 1))
        if not raw:
            break
        if remaining is not None:
            remaining -= len(raw)
        if len(raw) > limit and not raw.endswith(b"\n"):
            while remaining is None or remaining > 0:  # skip the rest of the overlong line
                rest = stream.readline(take(1 << 20))
                if not rest:
                    break
                if remaining is not None:
                    remaining -= len(rest)
                if rest.endswith(b"\n"):
                    break
            yield ArticleTooLargeError(f"the record is longer than the limit of {max_chars:,} characters", source=source, line=line)
        else:
            result = read_jsonl_line(raw, source=source, lineno=line, max_chars=max_chars)
            if result is not None:
                yield result
            elif raw.strip():  # one result per non-blank line: batch plans count on it
                yield EmptyArticleError("the record holds no text", source=source, line=line)
        line += 1


def read_jsonl(stream: BinaryIO, *, source: str, max_chars: int) -> Iterator[Article | ArticleError]:
    """Stream JSON Lines: one result per non-blank line, in order; a bad line yields its error."""
    seen = False
    for result in jsonl_records(stream, source=source, max_chars=max_chars):
        seen = True
        yield result
    if not seen:
        yield EmptyArticleError("the JSON Lines input holds no records", source=source)


_BLOCK = 1 << 20


def jsonl_ranges(path: str, per_partition: int) -> Iterator[tuple[int, int, int, int]]:
    """(start byte, end byte, first line, non-blank lines) of line-aligned ranges of a JSON Lines
    file with about ``per_partition`` records each (batch partitions; read each with
    :func:`jsonl_records`)."""
    start = 0
    first_line = 1
    line_no = 1
    count = 0
    pos = 0
    pending_blank = True  # the current line has no content yet
    with open(path, "rb") as fh:
        while True:
            block = fh.read(_BLOCK)
            if not block:
                break
            i = 0
            n = len(block)
            while i < n:
                nl = block.find(b"\n", i)
                seg_end = n if nl < 0 else nl
                if pending_blank and block[i:seg_end].strip():
                    pending_blank = False
                if nl < 0:
                    break
                # a line ends at pos + nl
                if not pending_blank:
                    count += 1
                pending_blank = True
                line_no += 1
                i = nl + 1
                if count >= per_partition:
                    end = pos + i
                    yield start, end, first_line, count
                    start, first_line, count = end, line_no, 0
            pos += n
    if not pending_blank:
        count += 1
    if pos > start and count:
        yield start, pos, first_line, count
    elif count == 0 and pos == 0:
        return

