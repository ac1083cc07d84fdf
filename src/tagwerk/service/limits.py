"""The service's limits: request body size, analyses admitted at once, and each analysis's time.

* The body limit follows the article limit: ``DEFAULT_MAX_CHARS`` characters at the readers' 4
  bytes a character (``BYTES_PER_CHAR``), plus room for the other fields. One figure, 2,000,000
  characters, decides everywhere what is too large (readers, spaCy, the API).
* :class:`AnalysisGate`: analyses run one at a time per analysis process; a bounded number wait
  for one. A request beyond that gets 503 with ``Retry-After`` at once, never an endless wait.
* A request's analysis has a time limit (waiting included): past it the client gets 503 with
  ``Retry-After``; the analysis itself stops at its own deadline (``AnalyzerConfig.time_limit``,
  which the service sets to the same figure for its analysis processes).
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from tagwerk.article import DEFAULT_MAX_CHARS
from tagwerk.errors import TagwerkError
from tagwerk.readers.decode import BYTES_PER_CHAR

DEFAULT_MAX_BODY = DEFAULT_MAX_CHARS * BYTES_PER_CHAR + (1 << 20)
"""About 9 MB: an article at the character limit in UTF-8 JSON, whatever its script, and room
for title, tags and the rest."""

DEFAULT_REQUEST_TIME_LIMIT = 120.0
"""Seconds a request's analysis may take, its wait for an analysis process included. A news
article takes 0.1-0.5 s, a 2,000,000-character one (the size limit) about 50 s on one core of
the development machine (``benchmarks/limits.py``); the rest is room for waiting. Set with
``TAGWERK_REQUEST_TIME_LIMIT``."""

QUEUE_PER_PROCESS = 8
"""Analyses that may wait for each analysis process (beyond the one it runs): at 0.1-0.5 s an
article, a full queue is served within a few seconds. Set with ``TAGWERK_QUEUE``."""

T = TypeVar("T")


class Overloaded(TagwerkError):
    """The service cannot take the request now (HTTP 503 with ``Retry-After``)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, retry_after)


def env_number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {value!r}") from None
    if number <= 0:
        raise ValueError(f"{name} must be positive")
    return number


class AnalysisGate:
    """At most ``slots`` analyses run and ``queue`` wait; the next request is refused at once
    (:class:`Overloaded`), and each admitted one must finish within ``time_limit`` seconds."""

    def __init__(self, slots: int, queue: int, time_limit: float) -> None:
        self.slots = max(1, slots)
        self.queue = max(0, queue)
        self.time_limit = time_limit
        self._running: asyncio.Semaphore | None = None  # made in the event loop, on first use
        self._admitted = 0
        self._recent: deque[float] = deque(maxlen=50)  # seconds of the last analyses

    @property
    def admitted(self) -> int:
        """Analyses running or waiting now (one whose client gave up counts until it ends)."""
        return self._admitted

    def _typical(self) -> float:
        return sorted(self._recent)[len(self._recent) // 2] if self._recent else 1.0

    def retry_after(self) -> int:
        """Seconds after which a refused request may well be taken: the queue's work spread
        over the slots, by the median time of the recent analyses."""
        return math.ceil(self._admitted * self._typical() / self.slots)

    async def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """Admit the request (or raise :class:`Overloaded`), wait for a slot, run ``work()``,
        all within the time limit (or raise :class:`Overloaded`). A thread or process cannot
        be stopped half way: an analysis whose client was answered 503 keeps its slot until it
        ends (at its own deadline), and one still waiting for a slot is not started."""
        if self._admitted >= self.slots + self.queue:
            raise Overloaded(
                f"the server is busy: {self._admitted} analyses running or waiting; send the request again later",
                self.retry_after(),
            )
        if self._running is None:
            self._running = asyncio.Semaphore(self.slots)
        self._admitted += 1
        given_up = asyncio.Event()
        task = asyncio.ensure_future(self._slot_then(work, given_up))
        task.add_done_callback(_collect)
        try:
            return await asyncio.wait_for(asyncio.shield(task), timeout=self.time_limit)
        except TimeoutError:
            given_up.set()
            raise Overloaded(
                f"the analysis took longer than the request time limit of {self.time_limit:g} s"
                " (the server may be busy; a very long article may need more: TAGWERK_REQUEST_TIME_LIMIT)",
                self.retry_after(),
            ) from None
        except asyncio.CancelledError:  # the client went away
            given_up.set()
            raise

    async def _slot_then(self, work: Callable[[], Awaitable[T]], given_up: asyncio.Event) -> T:
        assert self._running is not None
        try:
            async with self._running:
                if given_up.is_set():
                    raise asyncio.CancelledError
                start = time.monotonic()
                result = await work()
                self._recent.append(time.monotonic() - start)
                return result
        finally:
            self._admitted -= 1



def _collect(task: asyncio.Future[Any]) -> None:
    """Retrieve the outcome of a task whose client may have gone (no "never retrieved" warning)."""
    if not task.cancelled():
        task.exception()
