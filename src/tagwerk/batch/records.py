"""Batch input: plan an input into ordered partitions and read them back record by record.

The same plan drives the local runner and the Dask runner, so both see the same records
in the same order with the same ids:

* a JSON Lines file becomes line-aligned byte ranges (``jsonl`` partitions), each record
  read with ``tagwerk.readers.article_from_record``;
* a Parquet file becomes groups of row groups (``parquet`` partitions), each row a record
  like a JSON Lines object (columns ``title``, ``text``, ``date``, ``url``, ``id``, ...);
* any other file (text, HTML, JSON, feeds) is read by ``tagwerk.readers.read_path``,
  consecutive files grouped into ``files`` partitions;
* a folder is walked like the readers walk it (recursive, sorted by relative path, ``.``
  entries skipped), and ``_`` entries skipped too, as Parquet dataset readers do.

A partition yields one item per record: an ``Article`` or, for a record that cannot be
read, an ``ArticleError``, never raised, so that a batch goes on.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tagwerk.article import DEFAULT_MAX_CHARS, Article
from tagwerk.errors import ArticleError, MalformedJSONError
from tagwerk.readers.files import read_path, walk
from tagwerk.readers.jsonlines import jsonl_ranges, jsonl_records, record_article

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
PARQUET_SUFFIXES = (".parquet", ".parq")

# Records per partition: small enough that a Dask task finishes in seconds (about 250
# articles at 20-50 articles/s per core on the Wikinews background corpus), large enough that
# per-task overhead (a few ms) stays well under 1 %.
DEFAULT_PARTITION_RECORDS = 250
# Files of other formats (text, HTML, feeds) per ``files`` partition.
FILES_PER_PARTITION = 64

PartitionKind = Literal["jsonl", "parquet", "files"]


@dataclass(frozen=True)
class Partition:
    """A slice of the input: read it with ``read_partition``."""

    index: int
    kind: PartitionKind
    path: str
    """The file (``jsonl``, ``parquet``); for ``files`` the first file."""
    start: int = 0
    """``jsonl``: first byte; ``parquet``: first row group."""
    end: int = 0
    """``jsonl``: end byte (exclusive); ``parquet``: end row group (exclusive)."""
    first_line: int = 1
    """``jsonl``: line number of the first byte; ``parquet``: row number (1-based) of the first row."""
    records: int | None = None
    """How many records it yields, where known without reading it."""
    files: tuple[str, ...] = field(default_factory=tuple)
    """``files``: the files, in order."""


# -- walking ----------------------------------------------------------------------------


def expand(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Every input file in order: files as given, folders walked, ``-`` kept (stdin).

    A folder without article files is kept as it is: its reader reports it as a failed record.
    """
    out: list[str] = []
    for raw in inputs:
        s = os.fspath(raw)
        if s == "-":
            out.append(s)
            continue
        p = Path(s)
        if p.is_dir():
            found = walk(p, suffixes=PARQUET_SUFFIXES, skip_prefixes=(".", "_"))
            out.extend(str(f) for f in found) if found else out.append(s)
        else:
            out.append(s)  # a missing file is reported by its reader, as a failed record
    return out


def kind_of(path: str) -> PartitionKind:
    low = path.lower()
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return "files"


# -- planning ---------------------------------------------------------------------------


def _parquet_groups(path: str, per_partition: int) -> Iterator[tuple[int, int, int, int]]:
    """(first row group, end row group, first row, rows) of groups of row groups."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    start, first_row, rows, row = 0, 1, 0, 1
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        rows += n
        row += n
        if rows >= per_partition:
            yield start, g + 1, first_row, rows
            start, first_row, rows = g + 1, row, 0
    if start < meta.num_row_groups:
        yield start, meta.num_row_groups, first_row, rows


def plan(
    inputs: Iterable[str | os.PathLike[str]], *, per_partition: int = DEFAULT_PARTITION_RECORDS
) -> list[Partition]:
    """Split the inputs into ordered partitions of about ``per_partition`` records."""
    if per_partition < 1:
        raise ValueError("per_partition must be at least 1")
    parts: list[Partition] = []
    pending: list[str] = []

    def flush() -> None:
        while pending:
            group = tuple(pending[:FILES_PER_PARTITION])
            del pending[: len(group)]
            parts.append(Partition(len(parts), "files", group[0], files=group))

    for path in expand(inputs):
        kind = kind_of(path) if path != "-" else "files"
        if kind == "files" or not os.path.isfile(path):
            pending.append(path)
            continue
        flush()
        try:
            if kind == "jsonl":
                ranges = list(jsonl_ranges(path, per_partition))
                if not ranges:  # no record: the reader reports the empty file
                    pending.append(path)
                    continue
                for start, end, first, n in ranges:
                    parts.append(Partition(len(parts), "jsonl", path, start, end, first, n))
            else:
                for start, end, first, n in _parquet_groups(path, per_partition):
                    parts.append(Partition(len(parts), "parquet", path, start, end, first, n))
        except OSError:
            pending.append(path)  # unreadable: its reader reports it
        except Exception:  # noqa: BLE001 - a damaged Parquet footer: report, do not stop
            pending.append(path)
    flush()
    return parts


def estimate_total(partitions: Iterable[Partition]) -> int | None:
    """Number of records, or None when a partition's count is unknown until read."""
    total = 0
    for p in partitions:
        if p.records is None:
            return None
        total += p.records
    return total


# -- reading ----------------------------------------------------------------------------


def _from_record(record: Any, *, source: str, path: str, line: int, max_chars: int) -> Article | ArticleError:
    if not isinstance(record, dict):
        return MalformedJSONError(f"a record must be a JSON object, not {type(record).__name__}", source=path, line=line)
    article = record_article(record, source=source, line=line, max_chars=max_chars, default_id=source)
    if isinstance(article, ArticleError):
        article.source, article.line = path, line
    return article


def _read_jsonl(p: Partition, max_chars: int) -> Iterator[Article | ArticleError]:
    with open(p.path, "rb") as fh:
        fh.seek(p.start)
        yield from jsonl_records(fh, source=p.path, max_chars=max_chars, first_line=p.first_line, length=p.end - p.start)


def _plain(value: Any) -> Any:
    """A Parquet cell as a JSON Lines value: dates and timestamps as ISO 8601 text."""
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value


def _read_parquet(p: Partition, max_chars: int) -> Iterator[Article | ArticleError]:
    import pyarrow.parquet as pq

    row = p.first_line
    pf = pq.ParquetFile(p.path)
    for g in range(p.start, p.end):
        for batch in pf.iter_batches(batch_size=256, row_groups=[g]):
            for record in batch.to_pylist():
                record = {k: _plain(v) for k, v in record.items() if v is not None}
                yield _from_record(record, source=f"{p.path}:{row}", path=p.path, line=row, max_chars=max_chars)
                row += 1


def _read_files(p: Partition, max_chars: int) -> Iterator[Article | ArticleError]:
    for path in p.files:
        yield from read_path(path, max_chars=max_chars)


def read_partition(p: Partition, *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | ArticleError]:
    """The records of one partition, in order: Articles, or ArticleErrors for bad records."""
    if p.kind == "jsonl":
        return _read_jsonl(p, max_chars)
    if p.kind == "parquet":
        return _read_parquet(p, max_chars)
    return _read_files(p, max_chars)


def iter_records(
    partitions: list[Partition], *, skip: int = 0, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | ArticleError]:
    """Every record of the partitions in order, after skipping the first ``skip`` records.

    Partitions whose size is known are skipped without reading them (resume is cheap).
    """
    for p in partitions:
        if skip and p.records is not None and p.records <= skip:
            skip -= p.records
            continue
        it = read_partition(p, max_chars=max_chars)
        for item in it:
            if skip:
                skip -= 1
                continue
            yield item
