"""A pool function that kills its process on a marked record: spawned pool processes import it
by name (``tests/`` is on the path they inherit), so ``tests/test_reliability_workers.py`` can
stand it in for ``tagwerk.workers.pool_process``."""

from __future__ import annotations

import os

DEADLY = "TÖDLICH"


def deadly_pool_process(items):  # noqa: ANN001, ANN201 - as tagwerk.workers.pool_process
    from tagwerk.article import Article
    from tagwerk.workers import process

    for item in items:
        if isinstance(item, Article) and DEADLY in item.text:
            os._exit(3)  # as a segfault or the OOM killer would: no exception, no cleanup
    from tagwerk import workers

    return process(items, workers._POOL_CONFIG, workers._POOL_OPTS)
