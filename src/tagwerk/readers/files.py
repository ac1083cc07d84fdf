"""Streams, files and folders: which reader each input needs, and the folder walk."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from tagwerk.article import DEFAULT_MAX_CHARS, Article
from tagwerk.errors import ArticleError, BinaryInputError, EmptyArticleError, UnsupportedInputError
from tagwerk.readers.decode import BYTES_PER_CHAR, SNIFF_BYTES, UTF16_BOMS, decode_bytes, is_binary, too_large_bytes
from tagwerk.readers.detect import EXTENSIONS, WIRE_CONTROLS, is_iptc7901, normalise_format, refine_format, sniff_format
from tagwerk.readers.feeds import read_feed
from tagwerk.readers.iptc7901 import read_iptc7901
from tagwerk.readers.jsonlines import internal_error, read_json, read_jsonl
from tagwerk.readers.newsml import read_newsml
from tagwerk.readers.pages import read_html, read_text


def _read_stream(
    stream: BinaryIO, *, source: str, fmt: str | None, max_chars: int, size: int | None = None
) -> Iterator[Article | ArticleError]:
    """Read one input (file or stdin) of a known or sniffed format; a reader's unexpected
    exception ends the input with an :class:`~tagwerk.errors.InternalError` in its place."""
    try:
        yield from _read_format(stream, source=source, fmt=fmt, max_chars=max_chars, size=size)
    except Exception as exc:  # noqa: BLE001 - one input must not stop the inputs after it
        yield internal_error(exc, source)


def _read_format(
    stream: BinaryIO, *, source: str, fmt: str | None, max_chars: int, size: int | None = None
) -> Iterator[Article | ArticleError]:
    limit = max_chars * BYTES_PER_CHAR
    head = stream.read(SNIFF_BYTES)
    head_text = head.decode("utf-16" if head.startswith(UTF16_BOMS) else "utf-8", errors="replace")
    if fmt is None and is_iptc7901(head_text):
        fmt = "iptc7901"  # control characters frame its messages: not binary data
    elif fmt is not None:
        fmt = refine_format(fmt, head_text)  # agency wires by their content: .xml NewsML-G2, .json digitalwires
    if fmt is None:
        if is_binary(head):
            yield BinaryInputError("the input is binary data, not text", source=source)
            return
        encoding = "utf-16" if head.startswith(UTF16_BOMS) else "utf-8"
        fmt = sniff_format(head.decode(encoding, errors="replace"))
    if fmt == "jsonl":
        if is_binary(head):
            yield BinaryInputError("the input is binary data, not text", source=source)
            return
        yield from read_jsonl(cast(BinaryIO, _Chain(head, stream)), source=source, max_chars=max_chars)
        return
    if size is not None and size > limit:
        yield too_large_bytes(size, max_chars, source)
        return
    rest = stream.read(limit + 1 - len(head)) if len(head) <= limit else b""
    data = head + rest
    if len(data) > limit:
        yield too_large_bytes(len(data), max_chars, source)
        return
    try:
        # The text limit is for one article; a feed or JSON array is held to the byte limit
        # here and each of its articles to the text limit.
        text, warnings = decode_bytes(
            data, source=source, max_chars=max_chars if fmt == "text" else None, controls=WIRE_CONTROLS if fmt == "iptc7901" else b""
        )
    except ArticleError as exc:
        yield exc
        return
    if fmt == "text":
        yield from read_text(text, source=source, max_chars=max_chars, warnings=warnings)
    elif fmt in ("json", "digitalwires"):
        yield from read_json(text, source=source, max_chars=max_chars, warnings=warnings)
    elif fmt == "newsml":
        yield from read_newsml(data, source=source, max_chars=max_chars, warnings=warnings)
    elif fmt == "iptc7901":
        yield from read_iptc7901(text, source=source, max_chars=max_chars, warnings=warnings)
    elif fmt == "html":
        yield from read_html(text, source=source, max_chars=max_chars, warnings=warnings)
    elif fmt == "feed":
        yield from read_feed(data, source=source, max_chars=max_chars, warnings=warnings)
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

    def readline(self, size: int | None = -1) -> bytes:
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
    name = normalise_format(fmt)
    if name is None and source != "-":
        name = EXTENSIONS.get(Path(source).suffix.lower())
    return _read_stream(io.BytesIO(data), source=source, fmt=name, max_chars=max_chars, size=len(data))


def walk(folder: Path, *, suffixes: Iterable[str] = (), skip_prefixes: tuple[str, ...] = (".",)) -> list[Path]:
    """Article files under ``folder``, recursively, sorted by their relative path: files with a
    reader's extension (or one of ``suffixes``), no entry whose name starts with one of
    ``skip_prefixes`` (batch runs also skip ``_`` entries, as Parquet dataset readers do)."""
    wanted = set(EXTENSIONS) | {s.lower() for s in suffixes}
    files = []
    for p in folder.rglob("*"):
        rel = p.relative_to(folder)
        if any(part.startswith(skip_prefixes) for part in rel.parts):
            continue
        if p.suffix.lower() in wanted and p.is_file():
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
            files = walk(p)
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
    name = normalise_format(fmt)  # raises at once for an unknown format name

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
