"""simplemma's German dictionary in its low-memory form, with its block index kept on disk.

The low-memory dictionary (a front-coded byte stream, :mod:`tagwerk.lang.de.lemmas`) is opened
by decoding all of its 1.1 million records once, to note where every 32nd begins: about 0.7 s
on the first lemma of every process, most of a one-article ``tagwerk analyze``. The index is
the same every time for the same dictionary, so it is written once to tagwerk's cache folder
(:func:`cache_dir`) and read back (a few milliseconds) by later processes. The dictionary's
bytes and lookups are simplemma's own; only how its index comes to be differs, so every lemma
is the same. Where the cache cannot be read or written (a read-only home, another simplemma
release), simplemma builds the index itself, as before.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

LANG = "de"
BLOCK = 32
"""Records per block of simplemma's ``StreamMap`` (``_BLOCK_SIZE``); part of the cache key."""


def cache_dir() -> Path:
    """tagwerk's cache folder: ``$TAGWERK_CACHE``, else ``$XDG_CACHE_HOME/tagwerk``, else
    ``~/.cache/tagwerk``. Everything in it can be deleted; it is rebuilt when needed."""
    env = os.environ.get("TAGWERK_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tagwerk"


def _simplemma() -> dict[str, Any] | None:
    """simplemma's internals this module relies on, or None when a release lacks one."""
    try:
        import simplemma
        from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY, frontcode, stream_dictionary_factory
        from simplemma.strategies.dictionaries.dictionary_factory import _read_decompressed
    except ImportError:
        return None
    parts = {
        "version": getattr(simplemma, "__version__", "?"),
        "factory": LOW_MEMORY_DICTIONARY_FACTORY,
        "StreamMap": getattr(stream_dictionary_factory, "StreamMap", None),
        "block": getattr(stream_dictionary_factory, "_BLOCK_SIZE", None),
        "read": _read_decompressed,
        "header": getattr(frontcode, "_read_header", None),
    }
    slots = getattr(parts["StreamMap"], "__slots__", ())
    needed = ("_data", "_pos", "_rev", "_count", "_firsts", "_blocks")
    if parts["block"] != BLOCK or parts["header"] is None or not all(s in slots for s in needed):
        return None
    if not hasattr(parts["factory"], "_get_dictionary_uncached"):
        return None
    return parts


def _index_path(sm: dict[str, Any], data: bytes) -> Path:
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()[:16]
    return cache_dir() / f"simplemma-{sm['version']}-{LANG}-{digest}-b{BLOCK}.marshal"


def _from_cache(sm: dict[str, Any], data: bytes, path: Path) -> Any | None:
    rev, count, pos = sm["header"](data)
    try:
        firsts, blocks = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(firsts, list) and isinstance(blocks, list) and len(firsts) == len(blocks) == -(-count // BLOCK)):
        return None
    smap = sm["StreamMap"].__new__(sm["StreamMap"])
    smap._data, smap._rev, smap._count, smap._pos = data, rev, count, pos
    smap._firsts, smap._blocks = firsts, blocks
    return smap


def _to_cache(smap: Any, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((list(smap._firsts), list(smap._blocks))))
        os.replace(tmp, path)  # whole or not at all: another process may read it meanwhile
    except OSError:
        pass  # no cache then; the next process builds the index again


_INSTALLED: list[bool] = []


def install() -> None:
    """Have simplemma's low-memory factory open the German dictionary through the cached index."""
    if _INSTALLED:
        return
    _INSTALLED.append(True)
    sm = _simplemma()
    if sm is None:
        return
    factory = sm["factory"]
    uncached = factory._get_dictionary_uncached

    def open_dictionary(lang: str) -> Any:
        if lang != LANG:
            return uncached(lang)
        try:
            data = sm["read"](lang)
            path = _index_path(sm, data)
            smap = _from_cache(sm, data, path) if path.is_file() else None
        except (OSError, ValueError):
            return uncached(lang)
        if smap is None:
            smap = uncached(lang)
            _to_cache(smap, path)
        return smap

    try:
        factory._get_dictionary = lru_cache(maxsize=8)(open_dictionary)
    except AttributeError:  # a factory that keeps no such attribute: simplemma's own way
        pass
