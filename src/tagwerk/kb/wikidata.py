"""Import German labels, aliases and descriptions from a Wikidata JSON dump.

The dump format is one JSON entity per line, the whole wrapped in ``[`` ... ``]`` with a
comma after each line; plain, ``.gz`` or ``.bz2``. Entities whose ``P31`` (instance of) is
one of the chosen classes and that have a German label become KB entries in the user
overlay (JSON Lines), merged with the shipped KB by QID at load time.
"""

from __future__ import annotations

import bz2
import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from tagwerk.errors import TagwerkError
from tagwerk.kb.entries import KBEntry

# P31 classes -> (type, kind). Well-known Wikidata classes; extend with --types.
DEFAULT_TYPES: dict[str, tuple[str, str]] = {
    "Q5": ("PER", "person"),  # human
    "Q6256": ("LOC", "country"),  # country
    "Q3624078": ("LOC", "country"),  # sovereign state
    "Q515": ("LOC", "city"),  # city
    "Q1549591": ("LOC", "city"),  # big city
    "Q7278": ("ORG", "party"),  # political party
    "Q43229": ("ORG", "organisation"),  # organization
    "Q4830453": ("ORG", "company"),  # business
    "Q192283": ("ORG", "agency"),  # news agency
    "Q11032": ("ORG", "media"),  # newspaper
    "Q476028": ("ORG", "club"),  # association football club
}
IMPORT_PROMINENCE = 0.4
"""Imported entities carry no office or population; they rank below the curated ones."""


class WikidataImportError(TagwerkError):
    """The dump cannot be read."""


def _open(path: Path) -> TextIO:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    if path.suffix == ".bz2":
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def iter_dump(path: Path) -> Iterator[dict[str, Any]]:
    """Entities of a dump file; ``[``/``]`` lines and trailing commas are skipped."""
    try:
        with _open(Path(path)) as fh:
            for n, line in enumerate(fh, 1):
                line = line.strip().rstrip(",")
                if not line or line in ("[", "]"):
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise WikidataImportError(f"{path}:{n}: not a JSON entity ({exc.msg})") from exc
                if isinstance(item, dict):
                    yield item
    except FileNotFoundError as exc:
        raise WikidataImportError(f"no such file: {path}") from exc
    except (OSError, EOFError) as exc:
        raise WikidataImportError(f"cannot read {path}: {exc}") from exc


def _claim_ids(item: dict[str, Any], prop: str) -> list[str]:
    out = []
    for claim in item.get("claims", {}).get(prop, []) or []:
        value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value")
        if isinstance(value, dict) and "id" in value:
            out.append(value["id"])
    return out


def entry_from_item(item: dict[str, Any], types: dict[str, tuple[str, str]], lang: str = "de") -> KBEntry | None:
    """A KB entry for a dump entity of a chosen class with a German label, else None."""
    qid = item.get("id")
    label = ((item.get("labels") or {}).get(lang) or {}).get("value")
    if not qid or not label:
        return None
    classes = _claim_ids(item, "P31")
    match = next((types[c] for c in classes if c in types), None)
    if match is None:
        return None
    etype, kind = match
    aliases = [a.get("value") for a in (item.get("aliases") or {}).get(lang, []) if a.get("value")]
    desc = ((item.get("descriptions") or {}).get(lang) or {}).get("value")
    return KBEntry(
        id=f"tw:wd:{qid}",
        name=label,
        type=etype,
        kind=kind,
        qid=qid,
        aliases=tuple(a for a in dict.fromkeys(aliases) if a != label),
        description=desc,
        prominence=IMPORT_PROMINENCE,
        source="wikidata",
    )


def import_dump(path: Path, out: Path, *, types: Iterable[str] | None = None, limit: int | None = None) -> int:
    """Add the dump's matching entities to the overlay file ``out`` (JSON Lines, merged by id).
    Returns the number of entities imported."""
    chosen = dict(DEFAULT_TYPES)
    if types:
        chosen = {t: DEFAULT_TYPES.get(t, ("MISC", "wikidata")) for t in types}
    rows: dict[str, dict[str, Any]] = {}
    out = Path(out)
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                rows[r["id"]] = r
    n = 0
    for item in iter_dump(path):
        e = entry_from_item(item, chosen)
        if e is None:
            continue
        rows[e.id] = e.to_row()
        n += 1
        if limit is not None and n >= limit:
            break
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows.values()), encoding="utf-8")
    tmp.replace(out)
    return n
