"""Finding a stored entity by a surname, as ``tagwerk kb show`` finds a KB entry: ``Merz``
is Friedrich Merz when he is the only stored person of that surname; ``Müller`` with
several lists them (:class:`AmbiguousEntityError`). The backends call :func:`by_surname`
when no entity has the key as its id, KB id or name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tagwerk.store.base import NotFoundError, lookup_key


class AmbiguousEntityError(NotFoundError):
    """A surname that several stored entities bear; ``candidates`` lists them (id, name, type)."""

    def __init__(self, key: str, candidates: Sequence[dict[str, Any]]) -> None:
        self.key = key
        self.candidates = [dict(c) for c in candidates]
        names = ", ".join(f"{c['name']} ({c['id']})" for c in self.candidates)
        super().__init__(f"{key!r} names several entities: {names}; ask for one of them by name or id")


def surname_keys(key: str) -> list[str]:
    """The folded surnames a lookup key may be: as written and without a genitive ``-s``."""
    k = lookup_key(key)
    out = [k]
    if k.endswith("s") and not k.endswith("ss") and len(k) > 3:
        out.append(k[:-1])
    return out


def like_pattern(surname: str) -> str:
    """A LIKE pattern (escape ``\\``) for folded names ending in the word ``surname``."""
    escaped = surname.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "% " + escaped


def by_surname(key: str, rows: Sequence[dict[str, Any]]) -> list[str]:
    """The entity ids that ``key`` names as a surname, given the stored entities whose name
    ends in it (``rows``: id, name, type). One person: its id; none: []; several: raises
    :class:`AmbiguousEntityError` with the candidates. Only persons answer to a surname."""
    persons = [r for r in rows if r.get("type") == "PER"]
    if len(persons) > 1:
        raise AmbiguousEntityError(key, sorted(persons, key=lambda r: r["name"]))
    return [persons[0]["id"]] if persons else []
