"""A newsroom's own vocabulary: tags with aliases, kept in a YAML file.

One file serves the knowledge base (names the entities stage links) and the topic vocabulary
(what the section and tags stages match): ``tagwerk kb add`` writes it, ``--vocabulary FILE``
and ``AnalyzerConfig.newsroom_vocabulary`` read it, and the default file
(:func:`default_newsroom_path`, where ``kb add`` writes without ``--file``) is read by every
Analyzer when it exists. Format::

    tags:
      - name: Ukraine-Krieg
        type: MISC            # PER, ORG, LOC or MISC (default MISC)
        aliases: [Krieg in der Ukraine, Ukrainekrieg]
        description: Russlands Angriffskrieg gegen die Ukraine
        qid: null             # only a verified Wikidata QID

The topic vocabulary's own shapes (``topics:``, a list of names, ``slug: Name`` pairs;
docs/tags.md) may stand in the same file; they add topics, not KB entries.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from tagwerk.errors import TagwerkError
from tagwerk.kb.entries import TYPES, KBEntry
from tagwerk.kb.keys import slug

NEWSROOM_PROMINENCE = 0.6
"""A newsroom's own terms are meant to be tagged; they rank like a minister or a company."""


class VocabularyError(TagwerkError):
    """A newsroom vocabulary file cannot be read or holds a bad entry."""


def _entry(row: dict, source: Path) -> KBEntry:
    if not isinstance(row, dict) or not row.get("name"):
        raise VocabularyError(f"{source}: every tag needs a name, got {row!r}")
    etype = str(row.get("type", "MISC")).upper()
    if etype not in TYPES:
        raise VocabularyError(f"{source}: type of {row['name']!r} must be one of {', '.join(TYPES)}")
    name = str(row["name"])
    return KBEntry(
        id=str(row.get("id") or f"tw:newsroom:{slug(name)}"),
        name=name,
        type=etype,
        kind=str(row.get("kind", "newsroom")),
        qid=row.get("qid") or None,
        aliases=tuple(str(a) for a in row.get("aliases", []) or [] if str(a) != name),
        description=row.get("description"),
        prominence=float(row.get("prominence", NEWSROOM_PROMINENCE)),
        country=row.get("country"),
        source="newsroom",
    )


def default_newsroom_path() -> Path:
    """The newsroom file ``tagwerk kb add`` writes by default and every Analyzer reads when it
    exists: ``$TAGWERK_NEWSROOM``, else ``newsroom.yaml`` beside the user KB overlay
    (``$XDG_DATA_HOME/tagwerk/``, by default ``~/.local/share/tagwerk/``)."""
    env = os.environ.get("TAGWERK_NEWSROOM")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "tagwerk" / "newsroom.yaml"


def _is_term(row: Any) -> bool:
    """A row of a plain list that is a KB term: a mapping with a name and a KB type (or none);
    topic rows (``type: event``, triggers) and bare names are topics only."""
    return isinstance(row, dict) and bool(row.get("name")) and str(row.get("type", "MISC")).upper() in TYPES


def load_vocabulary(path: Path) -> list[KBEntry]:
    """The KB entries of one newsroom YAML file: its ``tags:`` terms (or a plain list of them);
    the topic vocabulary's shapes in it add no entries."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise VocabularyError(f"no vocabulary file at {path}") from exc
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"cannot read vocabulary {path}: {exc}") from exc
    if isinstance(data, dict):
        rows = data.get("tags") or []
        if not isinstance(rows, list):
            raise VocabularyError(f"{path}: tags must be a list of terms")
        return [_entry(r, Path(path)) for r in rows if not isinstance(r, str)]
    if isinstance(data, list):
        return [_entry(r, Path(path)) for r in data if _is_term(r)]
    raise VocabularyError(f"{path}: expected a mapping or a list of terms")


def add_term(path: Path, name: str, *, type: str = "MISC", aliases: list[str] | None = None,
             description: str | None = None, qid: str | None = None) -> KBEntry:
    """Add (or extend) a tag in a newsroom YAML file; returns the entry."""
    path = Path(path)
    data: dict = {"tags": []}
    if path.exists():
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        data = loaded if isinstance(loaded, dict) else {"tags": loaded}
        data.setdefault("tags", [])
    row: dict[str, Any] = {"name": name, "type": type.upper()}
    for existing in data["tags"]:
        if existing.get("name") == name:
            row = existing
            break
    else:
        data["tags"].append(row)
    if aliases:
        row["aliases"] = list(dict.fromkeys([*(row.get("aliases") or []), *aliases]))
    if description:
        row["description"] = description
    if qid:
        row["qid"] = qid
    entry = _entry(row, path)  # validates
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return entry
