"""`tagwerk batch`: analyse whole archives, resumably, in a process pool or on Dask.

Exit codes follow tagwerk.cli: 0 every record was analysed; 3 some records failed (each
is listed in the errors file); 1 every record failed, or the run stopped on an error
(it resumes from its checkpoint when rerun); 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tagwerk.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    MAX_CHARS,
    MaxCharsOpt,
    ProfileOpt,
    StagesOpt,
    TimeLimitOpt,
    TopKOpt,
    analyzer_config,
    err,
    fail,
)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)


def batch(
    inputs: Annotated[list[str], typer.Argument(help="JSON Lines or Parquet files, folders, or - for stdin.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output: FILE.jsonl, FILE.parquet, or a FOLDER of part files."),
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help="Write the analyses into this store (path or URL).")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (one Analyzer each).")] = 1,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Run on Dask: 'local' (a LocalCluster) or tcp://HOST:8786.")
    ] = None,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="JSON Lines file of failed records (default: OUT.errors.jsonl).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume/--no-resume", help="Continue an interrupted run from its checkpoint.")
    ] = True,
    stages: StagesOpt = None,
    top_k: TopKOpt = 6,
    max_chars: MaxCharsOpt = MAX_CHARS,
    tokens: Annotated[bool, typer.Option("--tokens/--no-tokens", help="Keep tokens in the output.")] = False,
    part_format: Annotated[
        str | None, typer.Option("--format", help="Part files of a FOLDER output: parquet (default) or jsonl.")
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
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar (default: when stderr is a terminal).")
    ] = None,
    profile: ProfileOpt = None,
    time_limit: TimeLimitOpt = None,
) -> None:
    """Analyse a whole archive into JSON Lines, Parquet or the store; resumable after a kill.

    Exit codes: 0 all records analysed, 3 some failed (see the errors file), 1 all failed or
    the run stopped (rerun the same command to resume), 2 usage error.
    """
    from tagwerk.batch import BatchError, BatchOptions, run_batch
    from tagwerk.batch.progress import LogProgress, RichProgress
    from tagwerk.errors import TagwerkError

    if part_format not in (None, "parquet", "jsonl"):
        raise typer.BadParameter("--format must be parquet or jsonl")
    try:
        opts = BatchOptions(
            inputs=tuple(inputs),
            out=out,
            db=db,
            errors=errors,
            format=part_format,  # type: ignore[arg-type]
            config=analyzer_config(stages=stages, top_k=top_k, max_chars=max_chars, profile=profile, time_limit=time_limit),
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
        raise fail(str(exc), EXIT_USAGE) from exc

    show_bar = sys.stderr.isatty() if progress is None else progress
    reporter = RichProgress() if show_bar else LogProgress(err)
    try:
        result = run_batch(opts, progress=reporter)
    except KeyboardInterrupt:
        reporter.close()
        raise fail("interrupted; rerun the same command to resume from the last checkpoint", 130) from None
    except TagwerkError as exc:
        reporter.close()
        raise fail(str(exc)) from exc
    reporter.close()
    s = result.stats
    if result.already_complete:
        err(f"{result.checkpoint} says this run is complete; nothing to do (use --no-resume to redo it)")
    words = f", {s.words_per_s:,.0f} words/s" if not result.already_complete else ""
    err(
        f"batch: {s.ok:,} analysed, {s.failed:,} failed"
        + (f" (see {result.errors})" if s.failed else "")
        + f", {s.elapsed:.1f} s{words}"
        + (f", resumed after {s.resumed_from:,}" if s.resumed_from and not result.already_complete else "")
    )
    if s.ok == 0 and s.failed == 0:
        raise fail("no records found in the input")
    raise typer.Exit({"ok": EXIT_OK, "partial": EXIT_PARTIAL, "failed": EXIT_FAILED}[result.status])
