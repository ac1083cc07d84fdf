"""Grouping: the mentions of one resolution form one :class:`~tagwerk.analysis.Entity`.

Its id is the KB id (QID or ``tw:`` id) or a stable local id (``local:per:jane-doe``). A capital
used as its government (``Moskau unterstützt ...``) keeps the city link and records the
country in ``stands_for``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence

from tagwerk.analysis import WEATHER_ID_PREFIX, Analysis, Entity, Mention, Token
from tagwerk.kb import KBEntry, KnowledgeBase
from tagwerk.kb.keys import match_key
from tagwerk.lang.de.morphology import declension_stem
from tagwerk.stages.entities.link import Resolution
from tagwerk.stages.entities.names import name_data, name_words


def group_entities(analysis: Analysis, kb: KnowledgeBase, mentions: list[Mention], res: dict[int, Resolution]) -> list[Entity]:
    """The article's entities in order of first mention; sets each linked mention's ``entity``
    and, where the KB knows the entity, its label (the KB knows better than the model)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i in sorted(res, key=lambda j: mentions[j].start):
        groups[res[i].key].append(i)
    tokens = analysis.tokens
    starts = [t.start for t in tokens]
    n_text = max(len(analysis.article.text), 1)
    entities: list[Entity] = []
    for key, idxs in groups.items():
        entry = next((res[i].entry for i in idxs if res[i].entry is not None), None)
        ms = [mentions[i] for i in idxs]
        for m in ms:
            m.entity = key
            if entry is not None and not m.derived and m.label != entry.type:
                m.label = entry.type  # type: ignore[assignment]  # the KB knows better than the model
        if entry is not None:
            name, etype, kb_id, desc = entry.name, entry.type, entry.qid, entry.description
        else:
            name, etype = _local_name_and_type(ms, res[idxs[0]], analysis.article.text)
            kb_id, desc = None, None
        entities.append(
            Entity(
                id=key,
                name=name,
                type=etype,  # type: ignore[arg-type]
                kb_id=kb_id,
                confidence=round(max(res[i].score for i in idxs), 3),
                mentions=sorted(ms, key=lambda m: m.start),
                description=desc,
                stands_for=_stands_for(entry, ms, tokens, starts, kb),
                salience=round(_salience(ms, entry, n_text), 3),
                link_evidence=next((res[i].evidence for i in idxs if res[i].evidence), None),
            )
        )
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


_GENITIVE_ARTICLE = re.compile(r"\b(?:des|eines)\s+$", re.IGNORECASE)
_PLACE_GENITIVE = re.compile(r"^[A-ZÄÖÜ][^\W\d_]{3,}[^\W\d_es]s$")
"""One word in the s-genitive whose s is no part of the name: not after an e (``Kreises``,
``Dorfes``: the e belongs to the ending or the name) or another s."""


def _place_genitive(ms: list[Mention], text: str) -> bool:
    """A place the KB does not know, named only in the genitive after ``des``/``eines``: ``des
    Bermudadreiecks``, ``im Bereich des Bremerhofs``."""
    full = [m for m in ms if not m.derived and not m.part]
    return bool(full) and all(
        _PLACE_GENITIVE.match(m.text) and _GENITIVE_ARTICLE.search(text, max(0, m.start - 8), m.start) for m in full
    )


def _local_name_and_type(ms: list[Mention], r0: Resolution, text: str = "") -> tuple[str, str]:
    """A local entity's type (its mentions' most common label) and name (the mention with the
    most words, then not a genitive, then the longest; a person without the genitive s, where
    another mention has the name without it or the linker named it so: ``Giuseppe Verdis Oper``)."""
    if r0.key.startswith(WEATHER_ID_PREFIX):
        return r0.name, "MISC"  # ``Sturmtief Sabine``, not the bare name of its mentions
    labels = Counter(m.label for m in ms if not m.derived)
    etype = labels.most_common(1)[0][0] if labels else r0.type
    full = [m.text for m in ms if not m.derived and not m.part]
    name = max(full, key=lambda t: (len(name_words(t)), -t.endswith("s"), len(t))) if full else r0.name
    if etype == "PER" and name.endswith("s") and (
        match_key(r0.name) == match_key(name[:-1]) or any(match_key(x) == match_key(name[:-1]) for x in full)
    ):
        name = name[:-1]
    elif etype == "LOC" and text and _place_genitive(ms, text):
        name = name[:-1]
    elif etype != "PER" and r0.name in full and len({declension_stem(x) for x in full}) == 1:
        name = r0.name  # declined forms of one name: the linker's, the shortest (``Münstersche Zeitung``)
    return name, etype


def _stands_for(entry: KBEntry | None, ms: list[Mention], tokens: Sequence[Token], starts: list[int], kb: KnowledgeBase) -> str | None:
    """For a capital used as its government in one of its mentions: the country's id."""
    if entry is not None and entry.capital_of:
        if any(_is_metonymic(m, tokens, starts) for m in ms):
            country = kb.country(entry.capital_of)
            return country.entity_id if country else None
    return None


def _is_metonymic(m: Mention, tokens: Sequence[Token], starts: list[int]) -> bool:
    """A capital as the government: not after a locative preposition or a determiner."""
    if m.derived or m.part:
        return False
    i = bisect_right(starts, m.start) - 1
    if i < 0 or tokens[i].start != m.start:
        return False
    if i == 0 or tokens[i - 1].sentence != tokens[i].sentence:
        return True
    prev = tokens[i - 1].text.lower()
    data = name_data()
    return prev not in data.locative and prev not in data.determiners


def _salience(ms: list[Mention], entry: KBEntry | None, n_text: int) -> float:
    """Article salience: how often (non-derived mentions, 5 or more = full), how early, and the
    KB prominence; weights set by hand, the tags stage does its own ranking."""
    plain = [m for m in ms if not m.derived]
    first = min(m.start for m in ms)
    prom = entry.prominence if entry is not None else 0.3
    return 0.5 * min(1.0, len(plain) / 5) + 0.3 * (1 - first / n_text) + 0.2 * prom
