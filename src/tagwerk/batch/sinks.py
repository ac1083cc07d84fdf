"""Batch output that can be committed and rolled back to its last commit.

Every sink follows one protocol: ``restore(state)`` before the first write (None: start
afresh; else roll back to that committed state), ``write(outcome)``, ``commit() -> state``
(everything written so far is on disk, fsynced, and ``state`` says how to find exactly
that again), ``finish()`` after the last commit. The runner stores the states of all its
sinks in one atomic checkpoint, so after a crash every sink is cut back to the same record.

* ``JsonlFileSink``: one JSON Lines file; the state is its length in bytes, a restart
  truncates any tail written after the last commit.
* ``PartsSink``: numbered part files in a folder (``part-00000.parquet``), each written to a
  temporary name and renamed at commit; the state is the number of parts. A single
  ``.parquet`` output is the parts merged in order at the end.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from tagwerk.errors import TagwerkError
from tagwerk.workers import Outcome

PartFormat = Literal["jsonl", "parquet"]


class BatchError(TagwerkError):
    """A batch cannot start or go on (bad output path, checkpoint of another run)."""


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def parquet_schema():
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("date", pa.string()),
            ("headline", pa.string()),
            ("section", pa.string()),
            ("tags", pa.list_(pa.string())),
            ("entities", pa.list_(pa.string())),
            ("analysis", pa.string()),
        ]
    )


def _str_or_none(v: Any) -> str | None:
    return None if v is None else str(v)


def rows_table(rows: list[dict[str, Any]]):
    import pyarrow as pa

    schema = parquet_schema()
    cols: dict[str, list[Any]] = {name: [] for name in schema.names}
    for row in rows:
        for name in schema.names:
            v = row.get(name)
            if name in ("tags", "entities"):
                cols[name].append([str(x) for x in v] if v else [])
            else:
                cols[name].append(_str_or_none(v))
    return pa.table(cols, schema=schema)


def write_parquet(path: Path, rows: list[dict[str, Any]]) -> None:
    import pyarrow.parquet as pq

    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(rows_table(rows), tmp, compression="zstd")
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_jsonl(path: Path, lines: list[str]) -> None:
    atomic_write_bytes(path, "".join(line + "\n" for line in lines).encode("utf-8"))


class AtomicLines:
    """A JSON Lines file written line by line (nothing held in memory) that appears at
    ``path`` only on ``commit``, whole; ``abort`` (or an exception in a ``with``) leaves
    the old file, if any."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tmp = path.with_name(path.name + ".tmp")
        self._fh: Any = open(self._tmp, "w", encoding="utf-8")

    def write(self, line: str) -> None:
        self._fh.write(line)
        self._fh.write("\n")

    def commit(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.replace(self._tmp, self.path)
        fsync_dir(self.path.parent)

    def abort(self) -> None:
        if not self._fh.closed:
            self._fh.close()
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicLines:
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is not None:
            self.abort()
        elif not self._fh.closed:
            self.commit()


class JsonlFileSink:
    """Appends one line per outcome to a JSON Lines file; commit = fsync + byte length."""

    def __init__(self, path: Path, render: Callable[[Outcome], str]) -> None:
        self.path = path
        self.render = render
        self._fh: Any = None
        self._size = 0

    def restore(self, state: dict[str, Any] | None) -> None:
        self.close()
        if state is None:
            if self.path.exists():
                self.path.unlink()
            self._size = 0
            return
        size = int(state.get("bytes", 0))
        if self.path.exists():
            if self.path.stat().st_size < size:
                raise BatchError(f"{self.path} is shorter than its checkpoint says; rerun with --no-resume")
            with open(self.path, "rb+") as fh:
                fh.truncate(size)
                fh.flush()
                os.fsync(fh.fileno())
        elif size:
            raise BatchError(f"{self.path} is missing but its checkpoint says it has data; rerun with --no-resume")
        self._size = size

    def write(self, outcome: Outcome) -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "ab")
        self._fh.write((self.render(outcome) + "\n").encode("utf-8"))

    def commit(self) -> dict[str, Any]:
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._size = self._fh.tell()
        return {"bytes": self._size}

    def finish(self) -> None:
        self.close()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def part_name(prefix: str, index: int, fmt: str) -> str:
    return f"{prefix}-{index:05d}.{fmt}"


_PART_RE = re.compile(r"^(?P<prefix>[a-z]+)-(?P<index>\d{5,})\.(?P<fmt>jsonl|parquet)(?P<tmp>\.tmp)?$")


def part_files(folder: Path, prefix: str) -> list[tuple[int, Path]]:
    """Committed part files ``prefix-NNNNN.fmt`` in index order."""
    out = []
    if folder.is_dir():
        for f in folder.iterdir():
            m = _PART_RE.match(f.name)
            if m and m["prefix"] == prefix and not m["tmp"]:
                out.append((int(m["index"]), f))
    return sorted(out)


class PartsSink:
    """Buffers outcomes since the last commit and writes them as one new part file at commit."""

    def __init__(self, folder: Path, fmt: PartFormat, *, prefix: str = "part", merge_to: Path | None = None) -> None:
        self.folder = folder
        self.fmt = fmt
        self.prefix = prefix
        self.merge_to = merge_to
        self._buffer: list[Any] = []
        self._parts = 0

    def restore(self, state: dict[str, Any] | None) -> None:
        keep = int(state.get("parts", 0)) if state else 0
        self.folder.mkdir(parents=True, exist_ok=True)
        for f in list(self.folder.iterdir()):
            m = _PART_RE.match(f.name)
            if m and m["prefix"] == self.prefix and (m["tmp"] or int(m["index"]) >= keep):
                f.unlink()
        have = len(part_files(self.folder, self.prefix))
        if have < keep:
            raise BatchError(f"{self.folder} has {have} of the {keep} parts its checkpoint lists; rerun with --no-resume")
        self._parts = keep
        self._buffer = []

    def write(self, outcome: Outcome) -> None:
        self._buffer.append(outcome.row if self.fmt == "parquet" else outcome.json)

    def commit(self) -> dict[str, Any]:
        if self._buffer:
            path = self.folder / part_name(self.prefix, self._parts, self.fmt)
            if self.fmt == "parquet":
                write_parquet(path, self._buffer)
            else:
                write_jsonl(path, self._buffer)
            fsync_dir(self.folder)
            self._parts += 1
            self._buffer = []
        return {"parts": self._parts}

    def finish(self) -> None:
        if self.merge_to is not None:
            merge_parts(self.folder, self.prefix, self.fmt, self.merge_to)

    def close(self) -> None:
        self._buffer = []


def merge_parts(folder: Path, prefix: str, fmt: PartFormat, dest: Path) -> int:
    """Concatenate the part files in index order into ``dest`` (atomically); returns the record count."""
    parts = [p for _, p in part_files(folder, prefix)]
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    n = 0
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetWriter(tmp, parquet_schema(), compression="zstd") as writer:
            for part in parts:
                table = pq.read_table(part, schema=parquet_schema())
                if table.num_rows:
                    writer.write_table(table)
                    n += table.num_rows
    else:
        with open(tmp, "wb") as out:
            for part in parts:
                with open(part, "rb") as fh:
                    for line in fh:
                        if line.strip():
                            out.write(line if line.endswith(b"\n") else line + b"\n")
                            n += 1
            out.flush()
            os.fsync(out.fileno())
    os.replace(tmp, dest)
    fsync_dir(dest.parent)
    return n


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def render_analysis(outcome: Outcome) -> str:
    assert outcome.json is not None
    return outcome.json


def render_error(outcome: Outcome) -> str:
    return json.dumps(outcome.error_record(), ensure_ascii=False)
