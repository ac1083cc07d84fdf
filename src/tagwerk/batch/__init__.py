"""Batch analysis of whole archives: streaming, resumable, in a process pool or on Dask.

>>> from tagwerk.batch import BatchOptions, run_batch
>>> result = run_batch(BatchOptions(inputs=("archive/",), out=Path("out.parquet"), workers=2))

Dask users map their own collections with ``analyze_bag`` and ``analyze_dataframe``.
"""

from __future__ import annotations

from tagwerk.batch.options import BatchOptions, BatchResult, BatchStats
from tagwerk.batch.records import Partition, plan, read_partition
from tagwerk.batch.runner import run_batch
from tagwerk.batch.sinks import BatchError

__all__ = [
    "AnalyzerPlugin",
    "BatchError",
    "BatchOptions",
    "BatchResult",
    "BatchStats",
    "Partition",
    "analyze_bag",
    "analyze_dataframe",
    "plan",
    "read_partition",
    "run_batch",
]


def __getattr__(name: str):  # the Dask side loads distributed only when asked for
    if name in ("AnalyzerPlugin", "analyze_bag", "analyze_dataframe"):
        from tagwerk.batch import cluster

        return getattr(cluster, name)
    raise AttributeError(name)
