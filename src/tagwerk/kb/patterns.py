"""The KB's names usable as patterns over an article's tokens (what the entities stage matches).

Built from the entries by :meth:`PatternIndex.build`; a :class:`~tagwerk.kb.KnowledgeBase`
builds its own once, on first use (``kb.pattern_index()``), and again after an entry is added.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from tagwerk.kb.entries import KBEntry
from tagwerk.kb.keys import index_keys, match_key
from tagwerk.lang.de.data import load_yaml


@lru_cache(maxsize=1)
def pattern_stopwords() -> frozenset[str]:
    """Names that are also common words, never matched as patterns (``names.yaml:
    pattern_stopwords``: ``Stern``, ``Die Zeit``, ``Allianz``)."""
    data = load_yaml("names.yaml")
    return frozenset(data["pattern_stopwords"])


@dataclass
class PatternIndex:
    """KB names usable as patterns: name key -> [(entry id, alias as written, how)]."""

    keys: dict[str, list[tuple[str, str, str]]]
    """Keyed by each alias' :func:`~tagwerk.kb.keys.index_keys` and its
    :func:`~tagwerk.kb.keys.match_key`; ``how`` is ``name``, ``alias`` or ``weak``."""
    first: set[str]
    """Match keys of the first words of every pattern (a cheap pre-filter)."""

    @classmethod
    def build(cls, entries: Iterable[KBEntry], stopwords: Collection[str]) -> PatternIndex:
        """The index of ``entries``' names, aliases and (for persons, three letters or more)
        weak short forms, leaving out an entry's ``no_pattern`` names, ``stopwords`` and
        one-letter names (about 0.1 s for the shipped KB)."""
        keys: dict[str, list[tuple[str, str, str]]] = {}
        first: set[str] = set()
        for e in entries:
            blocked = set(e.no_pattern)
            forms = [(n, "name" if n == e.name else "alias") for n in e.names()]
            forms += [(w, "weak") for w in e.weak]
            for alias, how in forms:
                if alias in blocked or alias in stopwords or len(alias) < 2:
                    continue
                if how == "weak" and (len(alias) < 3 or e.type != "PER"):
                    continue
                for k in index_keys(alias) | {match_key(alias)}:
                    keys.setdefault(k, []).append((e.id, alias, how))
                first.add(match_key(alias.split()[0]))
        return cls(keys, first)
