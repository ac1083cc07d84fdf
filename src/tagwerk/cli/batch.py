"""`tagwerk batch`: analyse whole archives, resumably, in a process pool or on Dask.

Exit codes follow tagwerk.cli: 0 every record was analysed; 3 some records failed (each
is listed in the errors file); 1 every record failed, or the run stopped on an error
(it resumes from its checkpoint when rerun); 2 usage error.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from tagwerk.batch.runner import BatchStats
from tagwerk.cli.common import MAX_CHARS, ProfileOpt

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


def _err(message: str) -> None:
    typer.echo(f"tagwerk: {message}", err=True)


def _fmt_secs(s: float | None) -> str:
    if s is None:
        return "?"
    s = int(s)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


class LogProgress:
    """Plain progress lines on stderr, at most one every ``every`` seconds (stderr is not a terminal)."""

    def __init__(self, every: float = 10.0) -> None:
        self.every = every
        self._last = 0.0

    def __call__(self, stats: BatchStats) -> None:
        now = time.monotonic()
        if not stats.finished and now - self._last < self.every:
            return
        self._last = now
        total = f"/{stats.total:,}" if stats.total is not None else ""
        pct = f" ({100 * stats.done / stats.total:.1f} %)" if stats.total else ""
        _err(
            f"batch: {stats.done:,}{total} records{pct}, {stats.rate:.1f} articles/s, "
            f"ETA {_fmt_secs(stats.eta)}, {stats.failed:,} failed"
        )

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


def register(app: typer.Typer) -> None:
    @app.command("batch")
    def batch(
        inputs: Annotated[list[str], typer.Argument(help="JSON Lines or Parquet files, folders, or - for stdin.")],
        out: Annotated[
            Optional[Path],
            typer.Option("--out", "-o", help="Output: FILE.jsonl, FILE.parquet, or a FOLDER of part files."),
        ] = None,
        db: Annotated[Optional[str], typer.Option("--db", help="Write the analyses into this store (path or URL).")] = None,
        workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (one Analyzer each).")] = 1,
        dask: Annotated[
            Optional[str], typer.Option("--dask", help="Run on Dask: 'local' (a LocalCluster) or tcp://HOST:8786.")
        ] = None,
        errors: Annotated[
            Optional[Path], typer.Option("--errors", help="JSON Lines file of failed records (default: OUT.errors.jsonl).")
        ] = None,
        resume: Annotated[
            bool, typer.Option("--resume/--no-resume", help="Continue an interrupted run from its checkpoint.")
        ] = True,
        stages: Annotated[Optional[str], typer.Option("--stages", help="Comma-separated stages (default: all).")] = None,
        top_k: Annotated[int, typer.Option("--top-k", "-k", min=1, help="How many tags to suggest.")] = 6,
        max_chars: Annotated[int, typer.Option("--max-chars", min=1, help="Size limit of one article.")] = MAX_CHARS,
        tokens: Annotated[bool, typer.Option("--tokens/--no-tokens", help="Keep tokens in the output.")] = False,
        part_format: Annotated[
            Optional[str], typer.Option("--format", help="Part files of a FOLDER output: parquet (default) or jsonl.")
        ] = None,
        checkpoint_every: Annotated[
            int, typer.Option("--checkpoint-every", min=1, help="Commit a checkpoint after this many records.")
        ] = 500,
        checkpoint_seconds: Annotated[
            float, typer.Option("--checkpoint-seconds", min=0.0, help="... or after this many seconds.")
        ] = 30.0,
        partition_size: Annotated[
            int, typer.Option("--partition-size", min=1, help="Records per Dask partition.")
        ] = 250,
        progress: Annotated[
            Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: when stderr is a terminal).")
        ] = None,
        profile: ProfileOpt = None,
    ) -> None:
        """Analyse a whole archive into JSON Lines, Parquet or the store; resumable after a kill.

        Exit codes: 0 all records analysed, 3 some failed (see the errors file), 1 all failed or
        the run stopped (rerun the same command to resume), 2 usage error.
        """
        from tagwerk.batch import BatchError, BatchOptions, run_batch
        from tagwerk.errors import TagwerkError
        from tagwerk.pipeline import AnalyzerConfig

        if part_format not in (None, "parquet", "jsonl"):
            raise typer.BadParameter("--format must be parquet or jsonl")
        try:
            stage_names = tuple(s.strip() for s in stages.split(",") if s.strip()) if stages else None
            config = AnalyzerConfig(stages=stage_names, top_k=top_k, max_chars=max_chars, profile=profile)
            opts = BatchOptions(
                inputs=tuple(inputs),
                out=out,
                db=db,
                errors=errors,
                format=part_format,  # type: ignore[arg-type]
                config=config,
                workers=workers,
                dask=dask,
                resume=resume,
                tokens=tokens,
                max_chars=max_chars,
                checkpoint_records=checkpoint_every,
                checkpoint_seconds=checkpoint_seconds,
                partition_records=partition_size,
            )
        except (ValueError, BatchError) as exc:
            _err(str(exc))
            raise typer.Exit(EXIT_USAGE) from exc

        show_bar = sys.stderr.isatty() if progress is None else progress
        reporter = RichProgress() if show_bar else LogProgress()
        try:
            result = run_batch(opts, progress=reporter)
        except KeyboardInterrupt:
            reporter.close()
            _err("interrupted; rerun the same command to resume from the last checkpoint")
            raise typer.Exit(130) from None
        except TagwerkError as exc:
            reporter.close()
            _err(str(exc))
            raise typer.Exit(EXIT_FAILED) from exc
        reporter.close()
        s = result.stats
        if result.already_complete:
            _err(f"{result.checkpoint} says this run is complete; nothing to do (use --no-resume to redo it)")
        words = f", {s.words_per_s:,.0f} words/s" if not result.already_complete else ""
        _err(
            f"batch: {s.ok:,} analysed, {s.failed:,} failed"
            + (f" (see {result.errors})" if s.failed else "")
            + f", {s.elapsed:.1f} s{words}"
            + (f", resumed after {s.resumed_from:,}" if s.resumed_from and not result.already_complete else "")
        )
        if s.ok == 0 and s.failed == 0:
            _err("no records found in the input")
            raise typer.Exit(EXIT_FAILED)
        raise typer.Exit({"ok": EXIT_OK, "partial": EXIT_PARTIAL, "failed": EXIT_FAILED}[result.status])
