"""Readers: plain text, HTML, JSON, JSON Lines, RSS/Atom feeds and folders of them -> Articles.

Every reader yields :class:`~tagwerk.article.Article` objects, and per-record problems as
:class:`~tagwerk.errors.ArticleError` instances (never raised), so a batch reports each bad
record and goes on. Each article gets a stable ``id``: the record's ``id``, else its ``url``,
else ``<file>:<line>`` for JSON Lines (``<file>#<n>`` for the n-th entry of a JSON array or
feed), else the file path. Nothing here touches the network.
"""

from __future__ import annotations

import html as html_lib
import io
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from tagwerk import credit as credit_data
from tagwerk.article import (
    DEFAULT_MAX_CHARS,
    Article,
    build_article,
    check_text,
    parse_text,
)
from tagwerk.errors import (
    ArticleError,
    ArticleTooLargeError,
    BinaryInputError,
    EmptyArticleError,
    MalformedJSONError,
    UnsupportedInputError,
)

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "article_from_record",
    "decode_bytes",
    "detect_format",
    "example_path",
    "load_article",
    "read_bytes",
    "read_path",
    "read_paths",
    "sniff_format",
]

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
# too large whatever its encoding: that check needs only a stat, not a read.
_BYTES_PER_CHAR = 4
# Share of control bytes (other than tab, newline, carriage return, form feed, escape) above
# which bytes are taken as binary. Text written by people has next to none; random bytes have
# about 10 % (27 of 256 values), so 5 % sits between the two.
_CONTROL_SHARE = 0.05
_SNIFF_BYTES = 8192
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"

_TEXT_FIELDS = ("text", "body", "content", "articleBody")
_TITLE_FIELDS = ("title", "headline")
_KNOWN_FIELDS = frozenset(
    {*_TEXT_FIELDS, *_TITLE_FIELDS, "date", "url", "source", "tags", "id", "language", "lang", "author", "authors"}
)


# -- bytes -> text ----------------------------------------------------------------------


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _is_binary(sample: bytes) -> bool:
    if not sample or sample.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _CONTROL_SHARE


def decode_bytes(
    data: bytes, source: str | None = None, *, max_chars: int | None = None
) -> tuple[str, list[str]]:
    """Decode the bytes of one input to text; returns ``(text, warnings)``.

    Raises :class:`BinaryInputError` for binary data (NUL bytes, many control characters),
    :class:`EmptyArticleError` for empty or whitespace-only input and, when ``max_chars`` is
    given, :class:`ArticleTooLargeError` above it. UTF-8 is tried first (a BOM is dropped);
    undecodable bytes fall back to cp1252 with a warning.
    """
    warnings: list[str] = []
    if max_chars is not None and len(data) > max_chars * _BYTES_PER_CHAR:
        raise _too_large_bytes(len(data), max_chars, source)
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BinaryInputError("the input is not text (broken UTF-16)", source=source) from exc
        warnings.append("the input is UTF-16; read as such")
    else:
        if _is_binary(data[:_SNIFF_BYTES]) or b"\x00" in data:
            raise BinaryInputError("the input is binary data, not text", source=source)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                # cp1252 leaves five bytes undefined; Latin-1 decodes everything.
                text = data.decode("latin-1")
            warnings.append(
                f"the input is not valid UTF-8 (byte {exc.start}); read as cp1252 (Windows-1252)"
            )
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise EmptyArticleError("the input is empty" if not text else "the input holds only whitespace", source=source)
    if max_chars is not None:
        check_text(text, max_chars=max_chars, source=source)
    return text, warnings


def _too_large_bytes(size: int, max_chars: int, source: str | None) -> ArticleTooLargeError:
    return ArticleTooLargeError(
        f"the input has {size:,} bytes, more than the limit of {max_chars:,} characters"
        " (raise it with --max-chars)",
        source=source,
    )


# -- format detection -------------------------------------------------------------------


def _normalise_fmt(fmt: str | None) -> str | None:
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


# -- records ----------------------------------------------------------------------------


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _tags(value: Any) -> list[str]:
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


def _record_text(record: dict[str, Any]) -> str | None:
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
    ``source``. Raises an :class:`ArticleError` for a record without text.
    """
    if not isinstance(record, dict):
        raise MalformedJSONError(
            f"a record must be a JSON object, not {type(record).__name__}", source=source
        )
    text = _record_text(record)
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
        given_tags=_tags(record.get("tags")),
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


# -- one document per format ------------------------------------------------------------


def _read_text(text: str, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
    try:
        article = parse_text(text, max_chars=max_chars, source=source)
    except ArticleError as exc:
        yield exc
        return
    article.id = source
    article.format = "text"
    article.warnings.extend(warnings)
    yield article


def _json_error(exc: json.JSONDecodeError, source: str, line: int | None = None) -> MalformedJSONError:
    return MalformedJSONError(
        f"malformed JSON: {exc.msg} (line {line or exc.lineno}, column {exc.colno})".replace(" at (", " ("),
        source=source,
        line=line or exc.lineno,
    )


def _read_json(text: str, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip("\ufeff \t\r\n").startswith("{"):
            # Objects one after another: JSON Lines whose first line was too long to sniff.
            stream = io.BytesIO(text.encode("utf-8"))
            for result in _read_jsonl(stream, source=source, max_chars=max_chars):
                if isinstance(result, Article):
                    result.warnings.extend(warnings)
                yield result
            return
        yield _json_error(exc, source)
        return
    if isinstance(data, dict):
        for key in ("articles", "items", "records", "data"):
            if isinstance(data.get(key), list) and _record_text(data) is None:
                data = data[key]
                break
    records = data if isinstance(data, list) else [data]
    if not records:
        yield EmptyArticleError("the JSON array holds no records", source=source)
        return
    single = len(records) == 1
    for i, record in enumerate(records, start=1):
        where = source if single else f"{source}#{i}"
        try:
            article = article_from_record(record, source=where, max_chars=max_chars, default_id=where)
        except ArticleError as exc:
            yield exc
            continue
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
    except json.JSONDecodeError as exc:
        return _json_error(exc, source, line=lineno)
    try:
        article = article_from_record(record, source=where, max_chars=max_chars, default_id=where, fmt="jsonl")
    except ArticleError as exc:
        exc.source, exc.line = source, lineno
        return exc
    article.warnings.extend(warnings)
    return article


def _read_jsonl(stream: BinaryIO, *, source: str, max_chars: int) -> Iterator[Article | ArticleError]:
    """Stream JSON Lines: one result per non-blank line, in order; a bad line yields its error."""
    limit = max_chars * _BYTES_PER_CHAR
    lineno = 0
    seen = False
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            break
        lineno += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            # Skip the rest of the overlong line without holding it.
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            seen = True
            yield ArticleTooLargeError(
                f"the record is longer than the limit of {max_chars:,} characters", source=source, line=lineno
            )
            continue
        result = read_jsonl_line(raw, source=source, lineno=lineno, max_chars=max_chars)
        if result is not None:
            seen = True
            yield result
    if not seen:
        yield EmptyArticleError("the JSON Lines input holds no records", source=source)


_BLOCK_TAGS = r"(?:p|div|h[1-6]|li|blockquote|tr|section|article|header|footer|figcaption|ul|ol|table)"
_BLOCK_END = re.compile(rf"(?i)<\s*(?:br\s*/?|/?\s*{_BLOCK_TAGS}\b[^>]*)>")
_SCRIPT = re.compile(r"(?is)<\s*(script|style|noscript|nav|aside|footer|form|template)\b.*?</\s*\1\s*>")
_TAG = re.compile(r"(?s)<[^>]*>")


def html_to_lines(markup: str) -> str:
    """Plain text of an HTML fragment: one line per paragraph-like block, entities resolved."""
    s = _SCRIPT.sub(" ", markup)
    s = _BLOCK_END.sub("\n", s)
    s = _TAG.sub(" ", s)
    s = html_lib.unescape(s)
    lines = [re.sub(r"\s+", " ", line).strip() for line in s.split("\n")]
    return "\n".join(line for line in lines if line)


def _html_document(markup: str) -> dict[str, Any]:
    """Main text and metadata of an HTML page through trafilatura (fallback: tag stripping)."""
    result: dict[str, Any] = {}
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml_html_clean missing: degrade, loudly, in the warnings
        result = {"_error": f"trafilatura cannot be imported ({exc})"}
        trafilatura = None
    try:
        if trafilatura is None:
            raise LookupError(result["_error"])
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            output_format="python",
        )
        if doc is not None:
            result = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    except LookupError:
        pass
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
        result = {"_error": f"trafilatura failed: {type(exc).__name__}: {exc}"}
    if not (result.get("text") or "").strip():
        body = re.search(r"(?is)<body\b[^>]*>(.*)", markup)
        fallback = html_to_lines(body.group(1) if body else markup)
        title_m = re.search(r"(?is)<title\b[^>]*>(.*?)</title>", markup)
        if title_m and not result.get("title"):
            result["title"] = html_lib.unescape(re.sub(r"\s+", " ", title_m.group(1))).strip()
        result["text"] = fallback
        result["_fallback"] = True
    return result


def _read_html(text: str, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
    doc = _html_document(text)
    body = doc.get("text") or ""
    title = (doc.get("title") or "").strip() or None
    lines = [line for line in body.splitlines() if line.strip()]
    if title and lines and lines[0].strip() == title:
        lines = lines[1:]
    if not lines:
        yield EmptyArticleError("no main text found in the HTML", source=source)
        return
    try:
        article = build_article(
            body="\n".join(lines),
            title=title,
            max_chars=max_chars,
            source=source,
            date=doc.get("date") or None,
            url=doc.get("url") or None,
            given_tags=_tags(",".join(t for t in [*(doc.get("tags") or []), *(doc.get("categories") or [])] if isinstance(t, str))),
        )
    except ArticleError as exc:
        yield exc
        return
    article.id = article.url or source
    article.format = "html"
    if doc.get("author"):
        for name in credit_data.split_names(str(doc["author"]).replace(";", ",")):
            if name not in article.credit.authors:
                article.credit.authors.append(name)
    if doc.get("sitename") and article.credit.outlet is None:
        article.credit.outlet = str(doc["sitename"])
    for key in ("sitename", "hostname", "description", "language", "license", "image", "pagetype"):
        if doc.get(key):
            article.metadata[key] = doc[key]
    article.warnings.extend(warnings)
    if doc.get("_error"):
        article.warnings.append(doc["_error"])
    if doc.get("_fallback"):
        article.warnings.append("trafilatura found no main text; read the HTML by stripping tags")
    yield article


def _feed_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return entry.get("published") or entry.get("updated") or None


def _read_feed(data: bytes, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
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
            "tags": _tags([t.get("term") for t in entry.get("tags") or []]),
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


# -- streams, files, folders ------------------------------------------------------------


def _read_stream(
    stream: BinaryIO, *, source: str, fmt: str | None, max_chars: int, size: int | None = None
) -> Iterator[Article | ArticleError]:
    """Read one input (file or stdin) of a known or sniffed format."""
    limit = max_chars * _BYTES_PER_CHAR
    head = stream.read(_SNIFF_BYTES)
    if fmt is None:
        if _is_binary(head):
            yield BinaryInputError("the input is binary data, not text", source=source)
            return
        encoding = "utf-16" if head.startswith(_UTF16_BOMS) else "utf-8"
        fmt = sniff_format(head.decode(encoding, errors="replace"))
    if fmt == "jsonl":
        if _is_binary(head):
            yield BinaryInputError("the input is binary data, not text", source=source)
            return
        yield from _read_jsonl(_Chain(head, stream), source=source, max_chars=max_chars)
        return
    if size is not None and size > limit:
        yield _too_large_bytes(size, max_chars, source)
        return
    rest = stream.read(limit + 1 - len(head)) if len(head) <= limit else b""
    data = head + rest
    if len(data) > limit:
        yield _too_large_bytes(len(data), max_chars, source)
        return
    try:
        # The text limit is for one article; a feed or JSON array is held to the byte limit
        # here and each of its articles to the text limit.
        text, warnings = decode_bytes(data, source=source, max_chars=max_chars if fmt == "text" else None)
    except ArticleError as exc:
        yield exc
        return
    if fmt == "text":
        yield from _read_text(text, source=source, max_chars=max_chars, warnings=warnings)
    elif fmt == "json":
        yield from _read_json(text, source=source, max_chars=max_chars, warnings=warnings)
    elif fmt == "html":
        yield from _read_html(text, source=source, max_chars=max_chars, warnings=warnings)
    elif fmt == "feed":
        yield from _read_feed(data, source=source, max_chars=max_chars, warnings=warnings)
    else:  # pragma: no cover - _normalise_fmt guards this
        yield UnsupportedInputError(f"unknown input format {fmt!r}", source=source)


class _Chain(io.RawIOBase):
    """Bytes already read, then the rest of a stream, as one readable stream."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n

    def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        out = bytearray()
        limit = size if size is not None and size >= 0 else None
        while limit is None or len(out) < limit:
            if self._head:
                want = len(self._head) if limit is None else min(len(self._head), limit - len(out))
                nl = self._head.find(b"\n", 0, want)
                take = nl + 1 if nl >= 0 else want
                out += self._head[:take]
                self._head = self._head[take:]
                if nl >= 0:
                    break
                continue
            rest = self._stream.readline(-1 if limit is None else limit - len(out))
            out += rest
            break
        return bytes(out)


def read_bytes(
    data: bytes, *, source: str = "-", fmt: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | ArticleError]:
    """Read articles from bytes already in memory (an upload, a test)."""
    name = _normalise_fmt(fmt)
    if name is None and source != "-":
        name = EXTENSIONS.get(Path(source).suffix.lower())
    return _read_stream(io.BytesIO(data), source=source, fmt=name, max_chars=max_chars, size=len(data))


def _folder_files(folder: Path) -> list[Path]:
    files = []
    for p in folder.rglob("*"):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.suffix.lower() in EXTENSIONS and p.is_file():
            files.append(p)
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def _read_one(path: str | Path, *, fmt: str | None, max_chars: int) -> Iterator[Article | ArticleError]:
    if str(path) == "-":
        yield from _read_stream(sys.stdin.buffer, source="-", fmt=fmt, max_chars=max_chars)
        return
    p = Path(path)
    source = str(path)
    try:
        if p.is_dir():
            files = _folder_files(p)
            if not files:
                known = ", ".join(sorted(EXTENSIONS))
                yield EmptyArticleError(f"the folder holds no article files ({known})", source=source)
                return
            for f in files:
                yield from _read_one(f, fmt=fmt, max_chars=max_chars)
            return
        size = p.stat().st_size
        file_fmt = fmt or EXTENSIONS.get(p.suffix.lower())
        with p.open("rb") as stream:
            yield from _read_stream(stream, source=source, fmt=file_fmt, max_chars=max_chars, size=size)
    except FileNotFoundError:
        yield ArticleError("no such file or folder", source=source)
    except PermissionError:
        yield ArticleError("permission denied", source=source)
    except IsADirectoryError:
        yield ArticleError("is a folder", source=source)
    except OSError as exc:
        yield ArticleError(f"cannot read: {exc.strerror or exc}", source=source)


def read_paths(
    paths: Iterable[str | Path], *, max_chars: int = DEFAULT_MAX_CHARS, fmt: str | None = None
) -> Iterator[Article | ArticleError]:
    """Articles and per-record errors from files, folders (recursive, sorted) and ``-`` (stdin)."""
    name = _normalise_fmt(fmt)  # raises at once for an unknown format name

    def gen() -> Iterator[Article | ArticleError]:
        for path in paths:
            yield from _read_one(path, fmt=name, max_chars=max_chars)

    return gen()


def read_path(
    path: str | Path, *, max_chars: int = DEFAULT_MAX_CHARS, fmt: str | None = None
) -> Iterator[Article | ArticleError]:
    """Articles and per-record errors from one file, folder or ``-`` (stdin)."""
    return read_paths([path], max_chars=max_chars, fmt=fmt)


def load_article(path: str | Path, *, max_chars: int = DEFAULT_MAX_CHARS, fmt: str | None = None) -> Article:
    """Exactly one article from ``path``; raises the :class:`ArticleError` of a bad input."""
    results = read_path(path, max_chars=max_chars, fmt=fmt)
    first = next(results, None)
    if first is None:
        raise EmptyArticleError("no article found", source=str(path))
    if isinstance(first, ArticleError):
        raise first
    if next(results, None) is not None:
        raise UnsupportedInputError(
            "the input holds more than one article; read it with read_path", source=str(path)
        )
    return first


def example_path() -> Path:
    """The path of the bundled example article."""
    from tagwerk.examples import example_path as _example_path

    return _example_path()
