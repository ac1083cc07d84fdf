"""The checkpoint of a batch run: one JSON file, replaced atomically at every commit.

It holds the run's fingerprint (inputs, their sizes and times, options, outputs), so that
only a rerun of the same command resumes, and what the runner needs to resume: the local
runner the records consumed and each sink's committed state, the Dask driver the finished
partitions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tagwerk.batch import records as rec
from tagwerk.batch.options import BatchOptions
from tagwerk.batch.sinks import BatchError, atomic_write_bytes

CHECKPOINT_VERSION = 1


def _input_signature(inputs: Iterable[str]) -> str:
    """Hash of every input file's path, size and mtime: a changed input does not resume."""
    h = hashlib.sha256()
    for path in rec.expand(inputs):
        h.update(path.encode("utf-8", "surrogateescape"))
        try:
            st = os.stat(path)
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            h.update(b"missing")
        h.update(b"\0")
    return h.hexdigest()


def fingerprint(opts: BatchOptions, mode: str) -> dict[str, Any]:
    return {
        "mode": mode,
        "inputs": [os.path.abspath(p) if p != "-" else "-" for p in opts.inputs],
        "signature": _input_signature(opts.inputs),
        # the time limit may change between a run and its resume (to give slow records more time)
        "config": repr(dataclasses.replace(opts.config, time_limit=None) if opts.config is not None else None),
        "tokens": opts.tokens,
        "out": str(opts.out.resolve()) if opts.out else None,
        "format": opts.out_format if opts.out else None,
        "db": opts.db,
        "errors": str(opts.errors_path.resolve()),
        "max_chars": opts.max_chars,
        **({"partition_records": opts.partition_records} if mode == "dask" else {}),
    }


class Checkpoint:
    """One JSON file, replaced atomically (write, fsync, rename, fsync the folder)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            raise BatchError(f"{self.path}: unreadable checkpoint ({exc}); rerun with --no-resume") from exc
        if data.get("version") != CHECKPOINT_VERSION:
            raise BatchError(f"{self.path}: checkpoint of another tagwerk version; rerun with --no-resume")
        return data

    def save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(self.path, json.dumps({"version": CHECKPOINT_VERSION, **data}, indent=1).encode())

    def remove(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def open_checkpoint(opts: BatchOptions, mode: str) -> tuple[Checkpoint, dict[str, Any] | None, dict[str, Any]]:
    """The checkpoint, its saved state (None: start afresh) and this run's fingerprint."""
    cp = Checkpoint(opts.checkpoint_path)
    fp = fingerprint(opts, mode)
    if not opts.resume or "-" in opts.inputs:  # stdin cannot be read again: always start afresh
        cp.remove()
        return cp, None, fp
    state = cp.load()
    if state is not None and state.get("fingerprint") != fp:
        diff = sorted(k for k in set(fp) | set(state.get("fingerprint", {})) if fp.get(k) != state["fingerprint"].get(k))
        raise BatchError(
            f"{cp.path} belongs to another run (differs in: {', '.join(diff)}); "
            "rerun with --no-resume to start afresh, or remove it"
        )
    return cp, state, fp


@contextmanager
def output_lock(opts: BatchOptions) -> Iterator[None]:
    """Hold ``opts.lock_path`` locked (``flock``, exclusive) for the run: a second run on the same
    output, errors file or checkpoint gets a :class:`BatchError` at once instead of writing
    every record a second time (D9). The kernel drops the lock when the process ends, however
    it ends (``kill -9`` too): there is never a stale lock to remove. The file stays (it holds
    the pid of the last run). Without ``fcntl`` (Windows) runs are not locked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux or macOS
        yield
        return
    path = opts.lock_path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            raise BatchError(
                f"another batch run (pid {holder}) is writing to {opts.out or opts.checkpoint_path}; "
                f"wait for it to end, or give this run another --out ({path} is its lock)"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
