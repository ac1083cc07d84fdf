"""Progress reporters for :func:`~tagwerk.batch.run_batch`: called with the
:class:`~tagwerk.batch.BatchStats` after every chunk (and once at the end), closed after the run.

* :class:`LogProgress`: a plain line at most every ``every`` seconds, handed to ``emit``
  (for a log, or a stderr that is not a terminal).
* :class:`RichProgress`: a rich progress bar on stderr.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tagwerk.batch.options import BatchStats


def format_duration(s: float | None) -> str:
    """``1h02m`` or ``3m07s``; ``?`` when unknown."""
    if s is None:
        return "?"
    s = int(s)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


def progress_line(stats: BatchStats) -> str:
    """``batch: 1,200/8,000 records (15.0 %), 41.2 articles/s, ETA 2m45s, 3 failed``."""
    total = f"/{stats.total:,}" if stats.total is not None else ""
    pct = f" ({100 * stats.done / stats.total:.1f} %)" if stats.total else ""
    return (
        f"batch: {stats.done:,}{total} record{'' if (stats.total or stats.done) == 1 else 's'}{pct}, "
        f"{stats.rate:.1f} articles/s, ETA {format_duration(stats.eta)}, {stats.failed:,} failed"
    )


class LogProgress:
    """Plain progress lines, at most one every ``every`` seconds, and one at the end."""

    def __init__(self, emit: Callable[[str], None], every: float = 10.0) -> None:
        self.emit = emit
        self.every = every
        self._last = 0.0
        self._last_done: int | None = None

    def __call__(self, stats: BatchStats) -> None:
        now = time.monotonic()
        if not stats.finished and now - self._last < self.every:
            return
        if stats.finished and stats.done == self._last_done:  # the last chunk's line said it already
            return
        self._last, self._last_done = now, stats.done
        self.emit(progress_line(stats))

    def close(self) -> None:
        pass


class RichProgress:
    """A rich progress bar on stderr: done/total, articles/s, ETA, failures."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} articles/s"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[failed]} failed"),
            console=Console(stderr=True),
            transient=False,
            # no refresh thread: with --workers 1 the analysis runs in this process, and
            # spaCy's NER runs about 15 % slower in a process with a second thread (see
            # tagwerk.batch.cluster.AnalysisProcess); the bar is redrawn on each update
            auto_refresh=False,
        )
        self.task = self.progress.add_task("batch", total=None, rate=0.0, failed=0)
        self.progress.start()
        self._last = 0.0

    def __call__(self, stats: BatchStats) -> None:
        self.progress.update(self.task, total=stats.total, completed=stats.done, rate=stats.rate, failed=stats.failed)
        now = time.monotonic()
        if stats.finished or now - self._last >= 0.2:
            self._last = now
            self.progress.refresh()

    def close(self) -> None:
        self.progress.stop()
