"""Retrying a store write after a transient lock error (issue 35: concurrent writers)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError

RETRIES = 6
RETRY_BASE_SECONDS = 0.05
"""A transient lock error is retried up to RETRIES times, after 0.05, 0.1, 0.2 ... s (with
jitter): SQLite's busy timeout (30 s) covers writers that wait for each other, but not a lock
met while the database recovers its WAL; PostgreSQL may cancel one of two deadlocked writers."""

_TRANSIENT = ("database is locked", "database table is locked", "deadlock detected", "could not serialize access")


def transient(exc: BaseException) -> bool:
    """Whether a database error says: try again (a lock, a deadlock, a serialisation failure)."""
    if not isinstance(exc, SQLAlchemyError):
        return False
    text = str(getattr(exc, "orig", None) or exc).lower()
    return any(t in text for t in _TRANSIENT)


T = TypeVar("T")


def retrying(fn: Callable[[], T]) -> T:
    """``fn()``, again after a transient lock error (RETRIES times at most, backing off)."""
    for attempt in range(RETRIES + 1):
        try:
            return fn()
        except SQLAlchemyError as exc:
            if attempt == RETRIES or not transient(exc):
                raise
            time.sleep(RETRY_BASE_SECONDS * (2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover
