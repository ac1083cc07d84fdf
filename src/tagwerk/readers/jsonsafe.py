"""JSON that cannot hurt what comes after the reader: a bounded nesting depth, no lone surrogates.

Python's ``json`` parses ``"\\ud800"`` into a string that cannot be written as UTF-8 (the JSON
output, SQLite and PostgreSQL all fail on it), and nesting a few hundred levels deep parses but
breaks every recursive step after it (serialising the analysis, the store's JSON columns);
nesting some thousand levels deep breaks the parser itself. Every JSON record a reader accepts
goes through :func:`loads` or :func:`clean_record` (each JSON Lines line, each JSON document,
each object of a JSON array, each Parquet row, each feed entry, each API request's article).
"""

from __future__ import annotations

import json
import re
from typing import Any

from tagwerk.article import replace_surrogates, surrogate_warning
from tagwerk.errors import NestingTooDeepError

__all__ = ["MAX_JSON_DEPTH", "clean_record", "loads", "replace_surrogates", "surrogate_warning", "too_deep"]

MAX_JSON_DEPTH = 100
"""Arrays and objects nested deeper than this reject their record. News records nest a handful
of levels (a digitalwires item about six); 100 is Ruby's ``JSON.parse`` default ``max_nesting``
and leaves ample room under Python's recursion limit of 1,000 for the recursive steps after the
reader (``plain``, ``json.dumps``, the store's JSON columns: two or three frames a level)."""

_SURROGATES = re.compile(r"[\ud800-\udfff]")


def too_deep(source: str | None = None, line: int | None = None) -> NestingTooDeepError:
    return NestingTooDeepError(
        f"the JSON nests arrays or objects more than {MAX_JSON_DEPTH} levels deep", source=source, line=line
    )


def clean_record(value: Any, *, source: str | None = None, line: int | None = None) -> tuple[Any, int]:
    """``value`` (parsed JSON, a Parquet row) with its nesting checked and its lone surrogates
    replaced, in strings and keys; and the number replaced. Walks without recursion; changes
    lists and dicts in place (a dict with a bad key is rebuilt). Raises
    :class:`NestingTooDeepError` beyond :data:`MAX_JSON_DEPTH` levels."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if not isinstance(value, dict | list):
        return value, 0
    replaced = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise too_deep(source, line)
        if isinstance(node, dict):
            for key in [k for k in node if isinstance(k, str) and _SURROGATES.search(k)]:
                fixed, n = replace_surrogates(key)
                node[fixed] = node.pop(key)
                replaced += n
        for key, item in list(node.items() if isinstance(node, dict) else enumerate(node)):
            if isinstance(item, str):
                fixed, n = replace_surrogates(item)
                if n:
                    node[key], replaced = fixed, replaced + n
            elif isinstance(item, dict | list):
                stack.append((item, depth + 1))
    return value, replaced


def loads(text: str | bytes, *, source: str | None = None, line: int | None = None) -> tuple[Any, int]:
    """Parse JSON, then :func:`clean_record`: ``(value, surrogates replaced)``. Raises
    ``json.JSONDecodeError`` for malformed JSON and :class:`NestingTooDeepError` for JSON
    nested too deep, whether the parser gives up (``RecursionError``) or not."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise too_deep(source, line) from None
    return clean_record(value, source=source, line=line)
