"""Linking: every mention of an article resolved to a KB entry or a local id.

:func:`link` runs named steps in order: compound demonyms split; part mentions and names with
one KB candidate linked; persons' full names gathered into clusters; the rest (demonyms, bare
surnames and first names, ambiguous names) linked with the article as context; names typed as
places that are persons' surnames relinked; short forms of an organisation the article names
in full linked to it; what is left gets a local id, a local name and its genitive one. The
article context lives in a :class:`Linker`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import zipf_frequency

from tagwerk.analysis import LOCAL_ID_PREFIX, WEATHER_ID_PREFIX, Mention
from tagwerk.kb import HOW_SCORE, KBEntry, KnowledgeBase, Match
from tagwerk.kb.keys import match_key, slug
from tagwerk.lang.de import demonyms
from tagwerk.lang.de.morphology import declension_stem
from tagwerk.quotes.tokens import QUOTE_CHARS
from tagwerk.stages.entities.names import is_common_noun, is_role_noun, name_data, name_words, strip_genitive
from tagwerk.stages.entities.patterns import DERIVED_SCORE

LOCAL_SCORE = 0.6
"""The confidence of a local entity (no KB entry)."""
# Ranking of competing KB candidates: match score + PROMINENCE_WEIGHT * prominence +
# CONTEXT_BONUS when the candidate's country is among the article's places, + SEEN_BONUS when
# the candidate is already an entity of the article. Set by hand on the team's test sentences
# (London GB vs. London CA; koreanisch -> Nordkorea when Nordkorea is in the article).
PROMINENCE_WEIGHT = 0.3
CONTEXT_BONUS = 0.25
SEEN_BONUS = 0.2
TYPE_MISMATCH_PENALTY = 0.15
RELINK_MIN_PROMINENCE = 0.5
"""A name the recogniser typed as a place or organisation that is only a KB person's surname
(``Putin`` as LOC) is linked to that person only when the person is at least this prominent
(moved here from the tags stage; 0.5 = a minister, party leader or head of an institution)."""
COMMON_NAME_ZIPF = 4.0
"""A surname at least this frequent in German (wordfreq Zipf) is also a common word or name
(``Klein`` 4.9, ``Braun`` 4.5, ``Frei`` 5.2, ``Heil`` 4.3). Chosen on the team's lists: the
famous one-person surnames that are not in ``standalone_surnames`` lie below it (``Klopp`` 3.8,
``Tuchel`` 3.3, ``Nagelsmann`` 2.4); common family names below it are listed in
``common_surnames`` (``Schumacher`` 3.8, ``Maurer`` 3.8)."""


@dataclass
class Resolution:
    key: str
    """Entity id: QID, ``tw:`` id or ``local:...``."""
    entry: KBEntry | None
    score: float
    name: str = ""
    type: str = "MISC"
    evidence: str | None = None
    """Why a bare surname was linked to this KB person (``context: DFB``)."""


@dataclass
class PersonCluster:
    """A person of the article (KB or local) and the word forms of its names."""

    res: Resolution
    forms: set[tuple[str, ...]] = field(default_factory=set)
    starts: list[int] | None = None
    """Sorted starts of the mentions resolved to ``res`` itself (by :func:`_last_start_before`,
    once: after :func:`gather_persons` every new resolution is a new object)."""
    kin: bool | None = None
    """Whether the article names the person as someone's relative (:func:`_introduced_as_kin`, once)."""
    role_first: bool | None = None
    """Whether a role noun stands before the person's first full name (:func:`resolve_short_person`, once)."""


class Linker:
    """Resolves mentions of one article; holds the article context."""

    def __init__(self, kb: KnowledgeBase, text: str) -> None:
        self.kb = kb
        self.text = text
        self.context_countries: set[str] = set()
        self.context_ids: set[str] = set()
        self.kin_named: set[str] | None = None
        """The match keys of the words right after a kinship noun (:func:`_introduced_as_kin`, once)."""

    def rank(self, matches: Iterable[Match], label: str) -> tuple[KBEntry, float] | None:
        """The best candidate for a mention of type ``label`` and its link score."""
        best: tuple[KBEntry, float, float] | None = None
        for m in matches:
            e = m.entry
            if (label == "PER") != (e.type == "PER") and m.how == "weak":
                continue  # a surname never turns a place into a person or back
            s = m.score + PROMINENCE_WEIGHT * e.prominence
            if e.type != label and label != "MISC":
                s -= TYPE_MISMATCH_PENALTY
            if e.country and e.country in self.context_countries:
                s += CONTEXT_BONUS
            if e.entity_id in self.context_ids:
                s += SEEN_BONUS
            if best is None or s > best[1]:
                best = (e, s, m.score if e.type == label or label == "MISC" else m.score - TYPE_MISMATCH_PENALTY)
        return (best[0], best[2]) if best else None

    def note(self, e: KBEntry) -> None:
        """Add a linked entry (and its country, for places) to the article context."""
        self.context_ids.add(e.entity_id)
        if e.kind == "country" and e.country:
            self.context_countries.add(e.country)
        elif e.country and e.type == "LOC":
            self.context_countries.add(e.country)

    def accept(self, e: KBEntry, score: float) -> Resolution:
        """The resolution to ``e``, noted in the article context."""
        self.note(e)
        return Resolution(e.entity_id, e, score)

    def resolve_place_keys(self, keys: Sequence[str]) -> KBEntry | None:
        """The place of a demonym's keys; for an ambiguous one the place the article names."""
        entries = [e for e in (self.kb.place(k) for k in keys) if e is not None]
        if not entries:
            return None
        for e in entries:  # ambiguous demonym: the one the article already mentions
            if e.entity_id in self.context_ids or (e.kind == "country" and e.country in self.context_countries):
                return e
        return entries[0]

    def resolve_name(self, m: Mention, *, weak: bool = True) -> tuple[KBEntry, float] | None:
        """The best KB candidate of a name (also after a leading article: ``die Linke``)."""
        text = m.text.strip()
        matches = self.kb.lookup(text, weak=weak)
        if not matches and text.lower().startswith(("der ", "die ", "das ", "den ", "dem ", "des ")):
            matches = self.kb.lookup(text[4:], weak=weak)
        return self.rank(matches, m.label)

    def resolve_part(self, m: Mention) -> tuple[KBEntry, float] | None:
        """The KB entry a part mention (``UN-Sanktionen``) names: the whole word, else a piece."""
        whole = self.kb.lookup(m.text, weak=False)
        if whole:
            r = self.rank(whole, m.label)
            if r:
                return r
        for piece in m.text.split("-"):
            if not piece:
                continue
            ms = [x for x in self.kb.lookup(piece, weak=m.label == "PER") if x.entry.names()]
            ms = [x for x in ms if all(a for a in [x.entry.name])]
            for x in ms:
                # acronyms keep their case: "Un-" is no UN
                if x.how in ("name", "alias", "genitive") or m.label == "PER":
                    return x.entry, x.score - 0.1
        return None


# -- the steps ----------------------------------------------------------------------------


def link(text: str, kb: KnowledgeBase, mentions: list[Mention]) -> dict[int, Resolution]:
    """Resolve ``mentions`` (in place: splits compound demonyms, narrows part mentions and
    shrinks person spans to KB names) and return mention index -> resolution. Mentions left
    out are derived adjectives without a place and part mentions without a KB name."""
    mentions[:] = split_compound_demonyms(mentions)
    linker = Linker(kb, text)
    res: dict[int, Resolution] = {}
    pending = link_unambiguous(mentions, res, linker)
    clusters = gather_persons(mentions, res, set(pending), kb, text)
    fold_initials(clusters, res)
    link_pending(pending, mentions, res, clusters, linker)
    relink_surnames(mentions, res, clusters, linker)
    relink_person_parts(mentions, res, clusters)
    relink_short_organisations(mentions, res, linker.kb)
    add_local_entities(mentions, res)
    link_inhabitants(mentions, res, linker)
    merge_local_genitives(res)
    merge_local_declensions(res)
    name_weather_systems(text, mentions, res)
    return res


def split_compound_demonyms(mentions: Sequence[Mention]) -> list[Mention]:
    """The model's compound demonyms (``deutsch-französische``) as one derived mention per place."""
    expanded: list[Mention] = []
    for m in mentions:
        if m.derived and "-" in m.text and m.source != "kb" and len(demonyms.lookup_compound(m.text)) > 1:
            pos = 0
            for piece in m.text.split("-"):
                s = m.start + pos
                expanded.append(Mention(s, s + len(piece), piece, m.label, derived=True, part=m.part, source=m.source, score=m.score))
                pos += len(piece) + 1
            continue
        expanded.append(m)
    return expanded


def link_unambiguous(mentions: list[Mention], res: dict[int, Resolution], linker: Linker) -> list[int]:
    """Pass 1: part mentions and names with one KB candidate (multi-word person names shrunk
    to a KB name first). Returns the indexes left for :func:`link_pending`, in order:
    demonyms, bare surnames and first names, names with several candidates."""
    kb = linker.kb
    pending: list[int] = []
    for i, m in enumerate(mentions):
        if m.derived:
            pending.append(i)
        elif m.part:
            r = linker.resolve_part(m)
            if r:
                res[i] = linker.accept(r[0], r[1])
                _narrow_part(m, r[0], linker.text)
        elif m.label == "PER" and _is_bare_person_name(m, kb):
            pending.append(i)  # bare surname (also ``Von der Leyens``) or first name: after the full names
        else:
            if m.label == "PER" and not kb.lookup(m.text, weak=False):
                _shrink_to_kb_name(m, kb, linker.text)
            if len({x.entry.id for x in kb.lookup(m.text, weak=False)}) > 1:
                pending.append(i)
                continue
            r = linker.resolve_name(m, weak=False)
            if r:
                res[i] = linker.accept(r[0], r[1])
    return pending


def gather_persons(mentions: list[Mention], res: dict[int, Resolution], pending: set[int], kb: KnowledgeBase,
                   text: str = "") -> list[PersonCluster]:
    """The persons of the article's full names (linked in pass 1, else a new local id), each
    with the word forms of its names, in order of first mention. A new person is named without
    its genitive s where the KB knows that name or the article names it only in the genitive
    before a noun (:func:`genitive_names`: ``Giuseppe Verdis Oper``)."""
    clusters: list[PersonCluster] = []
    by_key: dict[str, PersonCluster] = {}
    genitives = genitive_names(mentions, text)
    for i, m in enumerate(mentions):
        if m.label != "PER" or m.derived or m.part or i in pending:
            continue
        r = res.get(i)
        if r is None:
            bare = strip_genitive(m.text)
            name = bare if m.text in genitives or kb.lookup(bare, weak=False) else m.text
            r = Resolution(_local_id("PER", name), None, LOCAL_SCORE, name, "PER")
            res[i] = r
        c = by_key.get(r.key)
        if c is None:
            c = by_key[r.key] = PersonCluster(r)
            clusters.append(c)
            if r.entry is not None:
                for n in (*r.entry.names(), *r.entry.weak):
                    c.forms.add(name_words(n))
        c.forms.add(name_words(m.text))
        c.forms.add(name_words(strip_genitive(m.text)))
    return clusters


_INITIAL = re.compile(r"^([A-ZÄÖÜ])\.$")


def fold_initials(clusters: list[PersonCluster], res: dict[int, Resolution]) -> None:
    """A person the KB does not know named by the initial of a first name and a surname (``R.
    Kelly``, as interviews and court reports write after the full name) is the one person of the
    article whose full name has that first letter and that surname (``Robert Kelly``): its
    mentions go to that person, its cluster into theirs (in place). Not where two persons fit
    (``Robert`` and ``Rita Kelly``), nor where the initial is the full name's own (``J. Kelly``
    beside ``J. Kelly``)."""
    folded: dict[str, PersonCluster] = {}
    for c in clusters:
        words = c.res.name.split()
        if c.res.entry is not None or len(words) < 2 or (m := _INITIAL.match(words[0])) is None:
            continue
        surname = words[1:]
        fits = [d for d in clusters if d is not c and d.res.key not in folded
                and len(d_words := d.res.name.split()) == len(words) and d_words[1:] == surname
                and d_words[0][:1] == m.group(1) and _INITIAL.match(d_words[0]) is None]
        if len({d.res.key for d in fits}) == 1:
            folded[c.res.key] = fits[0]
    if not folded:
        return
    for i, r in list(res.items()):
        into = folded.get(r.key)
        if into is not None:
            res[i] = into.res
    for key, into in folded.items():
        gone = next(c for c in clusters if c.res.key == key)
        into.forms |= gone.forms
        clusters.remove(gone)


_GENITIVE_S = re.compile(r"^[A-ZÄÖÜ][^\W\d_]*[^\W\d_aeouäöüs]s$")
"""The last word of a name in the s-genitive: a letter other than a, e, o, u or s before the s
(``Verdis``, ``Kowalskis``, ``Wendlers``; not ``Jones``, ``Santos``, ``Klaus``, ``Voss``, whose s
is their own and whose genitive German writes with an apostrophe)."""
_NEXT_WORD = re.compile(r"\s+([^\W\d_][^\W\d_-]*)")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][^\W\d_-]*)\s+$")


def saxon_genitive(m: Mention, text: str) -> bool:
    """A full name in the genitive before the noun it belongs to: ``Giuseppe Verdis Oper``,
    ``nach Pavel Kowalskis Rücktritt`` (two words at least, the last in :data:`_GENITIVE_S`, a
    common noun right after it). Not after a noun it stands in apposition to: ``bekam der Pilot
    Charles Riggs Probleme``."""
    words = m.text.split()
    if len(words) < 2 or not _GENITIVE_S.match(words[-1]) or not text:
        return False
    nxt = _NEXT_WORD.match(text, m.end)
    if nxt is None or not nxt.group(1)[:1].isupper() or not is_common_noun(nxt.group(1)):
        return False
    before = _PREVIOUS_WORD.search(text, max(0, m.start - 40), m.start)
    return not (before and before.group(1)[:1].isupper() and (is_role_noun(before.group(1)) or is_common_noun(before.group(1))))


def genitive_names(mentions: Sequence[Mention], text: str) -> set[str]:
    """The person names the article writes only in the genitive before a noun
    (:func:`saxon_genitive`): ``Giuseppe Verdis`` in ``Giuseppe Verdis Oper``; not ``Ted
    Stevens``, named once as ``Politiker Ted Stevens, der …``."""
    found: dict[str, bool] = {}
    for m in mentions:
        if m.label == "PER" and not m.derived and not m.part:
            found[m.text] = found.get(m.text, True) and saxon_genitive(m, text)
    return {t for t, only in found.items() if only}


def link_pending(
    pending: list[int], mentions: list[Mention], res: dict[int, Resolution], clusters: list[PersonCluster], linker: Linker
) -> None:
    """Pass 2, with the article as context: demonyms to their place, bare person names to the
    article's person or a KB short form (never the KB's best bearer), ambiguous names to the
    best-ranked candidate (a little less sure)."""
    for i in pending:
        m = mentions[i]
        if m.derived:
            r = _link_demonym(m, linker)
        elif m.label == "PER":
            r = resolve_short_person(m, clusters, mentions, res, linker)
        else:
            best = linker.resolve_name(m)
            r = linker.accept(best[0], best[1] - 0.05) if best else None
        if r is not None:
            res[i] = r


def relink_person_parts(mentions: list[Mention], res: dict[int, Resolution], clusters: list[PersonCluster]) -> None:
    """A person's surname inside a compound (``Munch`` in ``Munch-Museum``) names the person the
    article names in full (``Edvard Munch``), as a bare surname does (:func:`resolve_short_person`):
    pass 1 linked the part before the article's persons were known, to the KB's bearer of a like
    name (``Holger Münch``). A part already on one of those persons, or naming none, keeps its link
    (``Merkel-Regierung`` without ``Angela Merkel`` in the text is hers), and so does a part linked
    to an organisation or a place (the ``Huthi`` of ``Huthi-Rebellen`` beside ``Hussein al Huthi``)."""
    if not clusters:
        return
    for i, m in enumerate(mentions):
        if not m.part:
            continue
        r = res.get(i)
        if r is not None and r.entry is not None and r.entry.type != "PER":
            continue  # a part linked to an organisation or a place keeps it (``Huthi-Rebellen``: the movement)
        if m.label != "PER" and (r is None or r.entry is None):
            continue
        found = _persons_named(name_words(m.text), clusters)[0]
        if not found or (r is not None and any(c.res.key == r.key for c in found)):
            continue
        res[i] = _nearest_person(found, m, mentions, res)


def relink_surnames(mentions: list[Mention], res: dict[int, Resolution], clusters: list[PersonCluster], linker: Linker) -> None:
    """A name typed as a place or organisation that is a person's surname (``Putin`` as LOC):
    the person of the article, else a prominent KB person when the surname is safe to link."""
    for i, m in enumerate(mentions):
        if i in res or m.derived or m.part or m.label == "PER" or m.source == "credit":
            continue
        r = resolve_short_person(m, clusters, mentions, res, linker)
        if r is not None:
            res[i] = r


def relink_short_organisations(mentions: list[Mention], res: dict[int, Resolution], kb: KnowledgeBase) -> None:
    """A short form of an organisation the article names in full is that organisation:
    ``Union`` after ``1. FC Union Berlin`` is the club, not the CDU/CSU whose alias it is; so is
    an unknown ``Borussia`` after ``Borussia Dortmund``. The short form is one or more whole
    words of exactly one KB-linked organisation's longer name in the article. One the KB knows
    by its own name (``Bayer``, the company) or as a place (``Berlin``) keeps its link; so does
    one the KB knows as another's alias unless the longer name is a club's (a story on the
    ``Europäische Union`` may call the CDU/CSU ``die Union``; a match report calls the club so)."""
    longer: list[tuple[list[str], str, Resolution]] = []  # (words, KB id, resolution)
    for i, m in enumerate(mentions):
        r = res.get(i)
        if m.label == "ORG" and not m.part and not m.derived and r is not None and r.entry is not None:
            words = m.text.split()
            if len(words) > 1:
                longer.append((words, r.entry.id, r))
    if not longer:
        return
    for i, m in enumerate(mentions):
        if m.label != "ORG" or m.part or m.derived or m.source == "credit" or len(m.text) < 3:
            continue
        words = m.text.split()
        owners = {kb_id: r for ws, kb_id, r in longer if len(ws) > len(words) and _contains_words(ws, words)}
        if len(owners) != 1:
            continue
        (kb_id, owner), = owners.items()
        current = res.get(i)
        if current is not None and current.entry is not None and current.entry.id == kb_id:
            continue
        known = kb.lookup(m.text, weak=False)
        if any(x.how == "name" or x.entry.type == "LOC" for x in known):
            continue
        if known and (owner.entry is None or owner.entry.kind != "club"):
            continue  # ``die Union`` in a story on the Europäische Union may still be the CDU/CSU
        res[i] = Resolution(owner.key, owner.entry, min(owner.score, LOCAL_SCORE + 0.1), owner.name, owner.type)


def _contains_words(words: Sequence[str], part: Sequence[str]) -> bool:
    """Whether ``part`` is a run of whole words of ``words``."""
    k = len(part)
    return any(list(words[j : j + k]) == list(part) for j in range(len(words) - k + 1))


def add_local_entities(mentions: list[Mention], res: dict[int, Resolution]) -> None:
    """Unresolved names get a local id (derived adjectives without a place and unresolved part
    mentions stay unlinked)."""
    for i, m in enumerate(mentions):
        if i in res or m.derived or m.part:
            continue
        res[i] = Resolution(_local_id(m.label, m.text), None, LOCAL_SCORE, m.text, m.label)


_INHABITANT_ENDINGS = ("erinnen", "erin", "ern", "ers", "er")
"""What an inhabitant's name adds to its town's (``Gersfelder``, ``Gersfelderin``, ``Gersfeldern``)."""


def _towns_of_inhabitant(word: str) -> list[str]:
    """The town names an inhabitant's name ``word`` may come from, regular forms only: town +
    ``er`` (``Gersfelder``), a town ending in ``e`` + ``r`` (``Balver``), a town ending in ``en``
    with ``er`` for it (``Emder``), each with the female and plural endings."""
    out = []
    for ending in _INHABITANT_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            out += [stem, stem + "e", stem + "en"]
    return out


def link_inhabitants(mentions: list[Mention], res: dict[int, Resolution], linker: Linker | None = None) -> None:
    """A one-word name the KB does not know that names the inhabitants of a place the article
    names (``ein 37-jähriger Gersfelder`` beside ``Gersfeld``, ``Balver`` beside ``Balve``) is a
    derived mention of that place, as ``Düsseldorfer`` is of Düsseldorf: not a person or place of
    its own. Only a name left on its own (``local:``, named by itself): a person's surname the
    article gives in full (``Peter Hagener``) stays his. A place's name or adjective of that form
    (typed LOC, or a derived mention the demonym table does not know) is also a German, Austrian
    or Swiss town the KB knows by the one name (``die Delmenhorster Bürgermeisterin``), given the
    ``linker``; a person's name is read so only beside the town."""
    places: dict[str, Resolution] = {}
    for i, m in enumerate(mentions):
        r = res.get(i)
        if r is not None and m.label == "LOC" and not m.derived and not m.part:
            places.setdefault(m.text, r)
    for i, m in enumerate(mentions):
        r = res.get(i)
        if m.part or " " in m.text:
            continue
        if r is None:
            if not m.derived or linker is None:
                continue  # an unresolved part, or a derived word without a place: only the KB may know it
        elif m.derived or r.entry is not None or r.key != _local_id(m.label, m.text):
            continue
        towns = _towns_of_inhabitant(m.text)
        town = next((places[t] for t in towns if t in places), None)
        if town is None and linker is not None and (r is None or m.label == "LOC"):
            town = _known_town(towns, linker)
        if town is None or (r is not None and town.key == r.key):
            continue
        res[i] = Resolution(town.key, town.entry, DERIVED_SCORE, town.name, town.type)
        m.derived, m.label = True, "LOC"


_TOWN_COUNTRIES = frozenset({"DE", "AT", "CH"})
"""Where a town's inhabitants are named by the regular ``-er`` (:func:`_towns_of_inhabitant`)."""


def _known_town(names: Sequence[str], linker: Linker) -> Resolution | None:
    """The one German, Austrian or Swiss town the KB knows by one of ``names`` (of four letters at
    least), noted in the article context; None where none or several."""
    found = {x.entry.entity_id: x.entry for n in names if len(n) >= 4
             for x in linker.kb.lookup(n, type="LOC", weak=False, genitive=False)
             if x.how == "name" and x.entry.kind == "city" and x.entry.country in _TOWN_COUNTRIES}
    if len(found) != 1:
        return None
    return linker.accept(next(iter(found.values())), DERIVED_SCORE)


def merge_local_genitives(res: dict[int, Resolution]) -> None:
    """A local name and its genitive are one entity (``Acme`` / ``Acmes``)."""
    local_keys = {r.key for r in res.values() if r.entry is None}
    for r in res.values():
        if r.entry is None and r.key.endswith("s"):
            stem_key = r.key[:-1].rstrip("-")
            if stem_key in local_keys:
                r.key = stem_key
                r.name = strip_genitive(r.name)


def merge_local_declensions(res: dict[int, Resolution]) -> None:
    """The declined forms of a local name of several words are one entity, named by the
    shortest (``Münstersche Zeitung`` / ``der Münsterschen Zeitung``): the words before the last
    compared without an adjective's ending. Not persons."""
    groups: dict[tuple[str, str], list[Resolution]] = {}
    for r in res.values():
        if r.entry is None and r.type != "PER" and " " in r.name.strip():
            groups.setdefault((r.type, declension_stem(r.name)), []).append(r)
    for rs in groups.values():
        forms = {r.name: r.key for r in rs}
        if len(forms) < 2:
            continue
        name = min(forms, key=lambda n: (len(n), n))
        for r in rs:
            r.key, r.name = forms[name], name


# -- helpers of the steps -------------------------------------------------------------------


WEATHER_KINDS = ("Hoch", "Tief", "Sturmtief", "Orkantief", "Orkan", "Hurrikan", "Taifun", "Zyklon", "Wirbelsturm",
                 "Tropensturm", "Wintersturm", "Unwetterfront")
"""Kinds of weather system the meteorologists and the press name like persons (``Hoch „Cooper“``,
``Sturmtief Sabine``, ``Hurrikan Katrina``). Not ``Sturm`` alone: it names a club too (``Sturm Graz``)."""
_QUOTES = "".join(sorted(QUOTE_CHARS))
_WEATHER_BEFORE = re.compile(r"\b(" + "|".join(WEATHER_KINDS) + r")\s*[" + re.escape(_QUOTES) + r"]?$")


def name_weather_systems(text: str, mentions: Sequence[Mention], res: dict[int, Resolution]) -> None:
    """A name right after a kind of weather system (:data:`WEATHER_KINDS`), or a mention that starts
    with one, names that system: it and every other mention of the name (``Sabine zog weiter``) are
    one local event, ``Sturmtief Sabine``, whatever the recogniser or the KB took it for (a person of
    that surname, a place)."""
    names: dict[int, tuple[str, str | None]] = {}  # mention index -> (its name, the kind it names)
    for i, m in enumerate(mentions):
        if m.derived or m.part:
            continue
        first, _, rest = m.text.partition(" ")
        if first in WEATHER_KINDS and rest.strip(_QUOTES):
            names[i] = (rest.strip(_QUOTES), first)
        else:
            before = _WEATHER_BEFORE.search(text, max(0, m.start - 20), m.start)
            names[i] = (m.text.strip(_QUOTES), before.group(1) if before is not None else None)
    kinds: dict[str, str] = {}  # the name -> its kind, as first seen
    for name, kind in names.values():
        if kind is not None:
            kinds.setdefault(name, kind)
    for i, (name, _) in names.items():
        if (kind := kinds.get(name)) is not None:
            full = f"{kind} {name}"
            res[i] = Resolution(WEATHER_ID_PREFIX + slug(full), None, LOCAL_SCORE, full, "MISC")
            mentions[i].label = "MISC"


def _local_id(label: str, name: str) -> str:
    return f"{LOCAL_ID_PREFIX}{label.lower()}:{slug(name)}"


def _link_demonym(m: Mention, linker: Linker) -> Resolution | None:
    """A demonym's place (``koreanisch``: the Korea the article names); a derived mention that
    is not a place's (typed ORG or PER by the model) by its name."""
    parts = demonyms.lookup_compound(m.text)
    e = linker.resolve_place_keys(parts[0]) if parts else None
    if e is None and m.label != "LOC":
        r = linker.resolve_name(m)
        e = r[0] if r else None
    return linker.accept(e, DERIVED_SCORE) if e is not None else None


def _is_bare_person_name(m: Mention, kb: KnowledgeBase) -> bool:
    """One word (also in the genitive) or a KB short form of several (``von der Leyen``)."""
    return len(name_words(strip_genitive(m.text))) < 2 or _is_short_form(m.text, kb)


def _is_short_form(text: str, kb: KnowledgeBase) -> bool:
    """A surname of several words (``von der Leyen``, ``De Maizières``): only a KB short form."""
    if kb.lookup(text, weak=False):
        return False
    return any(x.how == "weak" for x in kb.lookup(text))


def _shrink_to_kb_name(m: Mention, kb: KnowledgeBase, text: str) -> None:
    """``Russlands Außenminister Sergej Lawrow`` (one model span) -> ``Sergej Lawrow`` when a
    trailing run of its words is a KB person's full name."""
    words = m.text.split(" ")
    if len(words) < 3:
        return
    for k in range(1, len(words) - 1):
        tail = " ".join(words[k:])
        if any(x.entry.type == "PER" and x.how in ("name", "alias") for x in kb.lookup(tail, weak=False, genitive=False)):
            start = m.end - len(tail)
            m.start, m.text = start, text[start : m.end]
            return


def _narrow_part(m: Mention, e: KBEntry, text: str) -> None:
    """A part mention (``UN-Sanktionen``) keeps ``part=True`` but points at the name (``UN``)."""
    pos = 0
    for piece in m.text.split("-"):
        if piece and any(match_key(piece) == match_key(n) for n in (*e.names(), *e.weak)):
            m.start = m.start + pos
            m.end = m.start + len(piece)
            m.text = text[m.start : m.end]
            return
        pos += len(piece) + 1


# -- bare person names ------------------------------------------------------------------------


def resolve_short_person(
    m: Mention, clusters: list[PersonCluster], mentions: list[Mention], res: dict[int, Resolution], linker: Linker
) -> Resolution | None:
    """A surname or first name alone: the person of the article whose name ends (surname) or
    starts (first name) with it, nearest before it; else the KB's short forms. Where a role
    stands before the bare surname and not before that person's full name (``US-Präsident
    Obama`` beside ``Michelle Obama``), or the article named that person in full as a relative
    (``seiner Frau Stephanie zu Guttenberg``), the KB's bearer the surname's evidence names
    (:func:`surname_evidence`) is meant, and joins the article's persons: later bare mentions
    of the surname may be him too."""
    c = _article_cluster(m, clusters, mentions, res, linker)
    if c is None:
        return _kb_person(m, linker)
    if c.role_first is None:
        c.role_first = _after_role(_full_mention(c, mentions, res), linker.text)
    if (_after_role(m, linker.text) and not c.role_first) or _introduced_as_kin(c, linker):
        other = _kb_person(m, linker)
        if other is not None and other.entry is not None and other.entry.type == "PER" and other.key != c.res.key:
            clusters.append(PersonCluster(other, {f for n in other.entry.names() if len(f := name_words(n)) > 1}))
            return other
    return _nearest_person([c], m, mentions, res)


def _article_cluster(m: Mention, clusters: list[PersonCluster], mentions: list[Mention], res: dict[int, Resolution],
                     linker: Linker) -> PersonCluster | None:
    """The article's person whose name ends (preferred) or starts with the mention's words (as
    written, else without a genitive ending); of several, not one the article named as a
    relative (:func:`_introduced_as_kin`) where another remains, then the most prominent KB
    bearer of a standalone surname (``Trump``: Donald Trump beside Melania), then the one
    mentioned last before it."""
    for variant in (m.text, strip_genitive(m.text)):
        for group in _persons_named(name_words(variant), clusters):
            if not group:
                continue
            if len(group) > 1:
                group = [c for c in group if not _introduced_as_kin(c, linker)] or group
            if len(group) > 1 and (variant in name_data().standalone or strip_genitive(variant) in name_data().standalone):
                known = [c for c in group if c.res.entry is not None]
                if known:
                    group = [max(known, key=lambda c: c.res.entry.prominence if c.res.entry else 0.0)]
            return max(group, key=lambda c: _last_start_before(c, m, mentions, res))
    return None


def _full_mention(c: PersonCluster, mentions: list[Mention], res: dict[int, Resolution]) -> Mention | None:
    """The first mention of the article's person ``c`` by a name of two words or more."""
    return next((x for j, x in enumerate(mentions) if res.get(j) is c.res and len(x.text.split()) > 1), None)


def _after_role(m: Mention | None, text: str) -> bool:
    """Whether a role noun stands right before the mention (``US-Präsident Obama``)."""
    if m is None:
        return False
    ctx = _context_before(m, text)
    return bool(ctx) and is_role_noun(ctx[-1])


_POSSESSIVES = "sein|seine|seiner|seinem|seinen|ihr|ihre|ihrer|ihrem|ihren|dessen|deren"


@lru_cache(maxsize=1)
def _kin_pattern() -> re.Pattern[str]:
    """A kinship noun and the word after it (``Ehefrau Melania``, ``seiner Frau Stephanie``)."""
    nouns = "|".join(sorted((re.escape(n) for n in name_data().kin_nouns), key=len, reverse=True))
    return re.compile(rf"(?:\b(?i:{nouns})|\b(?i:{_POSSESSIVES})\s+(?:Frau|Mann))\s+([A-ZÄÖÜ][\w-]*)")


def _introduced_as_kin(c: PersonCluster, linker: Linker) -> bool:
    """Whether the article names the person ``c`` as someone's relative: a kinship noun right
    before the person's first name (``Ehefrau Melania Trump``, ``seine Tochter Ivanka``; ``Frau``
    and ``Mann`` after a possessive only, ``seiner Frau Stephanie``: before a name alone they are
    titles). The words after kinship nouns are read once an article, the answer once a person."""
    if c.kin is None:
        if linker.kin_named is None:
            linker.kin_named = {match_key(x.group(1)) for x in _kin_pattern().finditer(linker.text)}
        firsts = {f[0] for f in c.forms if len(f) > 1}
        c.kin = not firsts.isdisjoint(linker.kin_named)
    return c.kin


def _persons_named(w: tuple[str, ...], clusters: list[PersonCluster]) -> tuple[list[PersonCluster], list[PersonCluster]]:
    """The article's persons a longer name of whom ends with the words ``w`` (a surname), and
    those one of whose longer names starts with them (a first name); none for no words."""
    sur: list[PersonCluster] = []
    first: list[PersonCluster] = []
    if not w:
        return sur, first
    for c in clusters:
        for f in c.forms:
            if len(f) > len(w) and f[-len(w):] == w:
                sur.append(c)
                break
            if len(f) > len(w) and f[: len(w)] == w:
                first.append(c)
                break
    return sur, first


def _nearest_person(group: list[PersonCluster], m: Mention, mentions: list[Mention], res: dict[int, Resolution]) -> Resolution:
    """Of the article's persons ``group``, the one mentioned last before ``m``, as a short form
    of its name (a little less sure than the full name)."""
    c = max(group, key=lambda c: _last_start_before(c, m, mentions, res))
    return Resolution(c.res.key, c.res.entry, (c.res.score if c.res.entry else LOCAL_SCORE) - 0.05, c.res.name, "PER")


def _last_start_before(c: PersonCluster, m: Mention, mentions: list[Mention], res: dict[int, Resolution]) -> int:
    """The last start, not after ``m``'s, of a mention resolved to the cluster's resolution; by
    bisection over starts gathered once (a scan of every mention for every bare name grew with
    the square of an article's length: 3 s of an 800,000-character article)."""
    if c.starts is None:
        c.starts = sorted(x.start for j, x in enumerate(mentions) if res.get(j) is c.res)
    at = bisect_right(c.starts, m.start)
    return c.starts[at - 1] if at else -1


def _kb_person(m: Mention, linker: Linker) -> Resolution | None:
    """A KB entry of the name itself (no small town for a name typed PER: ``Roth`` is Claudia
    Roth or a local, not Roth in Bavaria), else a KB person by :func:`surname_link`."""
    strong = [
        x for x in linker.kb.lookup(m.text, weak=False) if not (m.label == "PER" and x.entry.kind == "city" and x.entry.prominence < 0.5)
    ]
    evidence = None
    if strong:
        r = linker.rank(strong, m.label)
    else:
        found = surname_evidence(m, linker, min_prominence=0.0 if m.label == "PER" else RELINK_MIN_PROMINENCE)
        r = (found[0], HOW_SCORE["weak"]) if found is not None else None
        evidence = found[1] if found is not None else None
    if r:
        res = linker.accept(r[0], min(r[1], 0.8))
        res.evidence = evidence
        return res
    return None


def is_risky_surname(surname: str, n_persons: int) -> bool:
    """A bare surname that may stand for someone other than the KB's person of that name.

    Risky when several KB persons share it (``Müller``: Thomas, Gerd, Herta, Klaus), when it is
    one of Germany's most common family names (``names.yaml: common_surnames``: ``Schumacher``,
    ``Maurer``), or when it is a frequent German word or first name (wordfreq Zipf >=
    ``COMMON_NAME_ZIPF``: ``Klein``, ``Braun``, ``Frei``, ``Heil``, ``Lange``). Names in
    ``standalone_surnames`` are never risky (``Putin``, ``Merkel`` and ``Scholz`` are frequent
    because of the one person).
    """
    data = name_data()
    if surname in data.standalone:
        return False
    if n_persons > 1 or surname in data.common_surnames:
        return True
    return zipf_frequency(surname.lower(), "de") >= COMMON_NAME_ZIPF


def surname_link(m: Mention, linker: Linker, *, min_prominence: float = 0.0) -> KBEntry | None:
    """The KB person a bare surname (no full name in the article) refers to, or None
    (:func:`surname_evidence` without the evidence)."""
    found = surname_evidence(m, linker, min_prominence=min_prominence)
    return found[0] if found is not None else None


def surname_evidence(m: Mention, linker: Linker, *, min_prominence: float = 0.0) -> tuple[KBEntry, str] | None:
    """The KB person a bare surname (no full name in the article) refers to, and why; or None.

    Linked when the surname is in ``standalone_surnames`` (its most prominent bearer), when
    the word before it is the first name of exactly one bearer (``Thomas Müller`` with only
    ``Müller`` tagged), when the role noun before it fits exactly one bearer's description
    (``Fußballer Müller``), when the article's context agrees with exactly one bearer (an
    organisation, party or club of the article that the bearer's description names: ``Müller``
    in an article on the FC Bayern), or when it is not risky (:func:`is_risky_surname`) and
    one KB person bears it. ``min_prominence``: for mentions the recogniser typed as a place
    or organisation (``Putin`` as LOC), only a prominent person.
    """
    text = m.text.strip()
    ms = [x for x in linker.kb.lookup(text, weak=True) if x.entry.type == "PER"]
    if not ms:
        return None
    by_id: dict[str, KBEntry] = {}
    for x in ms:
        by_id.setdefault(x.entry.id, x.entry)
    persons = sorted(by_id.values(), key=lambda e: -e.prominence)
    surname = strip_genitive(text) if not any(match_key(text) == match_key(w) for e in persons for w in e.weak) else text
    data = name_data()
    chosen: KBEntry | None = None
    why = ""
    if surname in data.standalone or text in data.standalone:
        chosen, why = persons[0], "standalone surname"
    else:
        ctx = _context_before(m, linker.text)
        if ctx:
            fits = [e for e in persons if _fits_context(e, ctx)]
            if len(fits) == 1:
                chosen, why = fits[0], f"context: {' '.join(ctx)} before the name"
        if chosen is None:
            agree = [(e, a) for e in persons if (a := article_agreement(e, linker)) is not None]
            if len(agree) == 1:
                chosen, why = agree[0][0], f"context: {agree[0][1]}"
        if chosen is None and surname not in data.common_surnames and (found := country_agreement(persons, linker)):
            chosen, why = found[0], f"context: the article's country {found[1]}"
        if chosen is None and not is_risky_surname(surname, len(persons)):
            chosen, why = persons[0], f"only KB person named {surname}"
    if chosen is None or chosen.prominence < min_prominence:
        return None
    return chosen, why


def article_agreement(e: KBEntry, linker: Linker) -> str | None:
    """An organisation, party or club of the article that a KB person's description names
    (``DFB`` for ``ehem. Präsident des Deutschen Fußball-Bunds (DFB)``), or None."""
    desc = e.description or ""
    if not desc:
        return None
    words = set(re.split(r"[\s,;()/]+", desc))
    keys = {match_key(w) for w in words if w}
    low = desc.lower()
    for cid in sorted(linker.context_ids):
        c = linker.kb.get(cid)
        if c is None or c.type != "ORG":
            continue
        for n in c.names():
            k = match_key(n)
            if not k or len(k) < 2:
                continue
            if (" " in n and n.lower() in low) or k in keys or any(w.startswith(n + "-") for w in words):
                return n
    return None


COUNTRY_MARGIN = 0.25
"""How much more prominent than every other bearer of a surname from the same country the one
:func:`country_agreement` links must be (``Kim`` in an article on North Korea: Kim Jong Un 0.95,
his sister 0.65). Set by hand."""


def country_agreement(persons: Sequence[KBEntry], linker: Linker) -> tuple[KBEntry, str] | None:
    """The bearer of a surname (``persons``) from a foreign country the article names, where only
    one bearer is from those countries or one stands COUNTRY_MARGIN above the others (``Kim`` in
    an article on North Korea is Kim Jong Un, on South Korea its prime minister), with the country;
    else None. Germany is no such country: nearly every article names it, and its surnames are
    shared by many."""
    countries = linker.context_countries - {"DE"}
    local = [e for e in persons if e.country in countries]  # ``persons``: most prominent first
    if not local or (len(local) > 1 and local[0].prominence - local[1].prominence < COUNTRY_MARGIN):
        return None
    return local[0], str(local[0].country)


def _context_before(m: Mention, text: str) -> list[str]:
    """Up to two capitalised words right before a mention in its sentence (first name, role)."""
    before = text[max(0, m.start - 60) : m.start]
    before = re.split(r"[.!?;:\n(„“\"]", before)[-1]
    words = [w.strip(",") for w in before.split()][-2:]
    return [w for w in words if w[:1].isupper()]


def _fits_context(e: KBEntry, ctx: list[str]) -> bool:
    """The word before is the person's first name, or a role the description names."""
    firsts = {match_key(n.split()[0]) for n in e.names() if len(n.split()) > 1}
    if match_key(ctx[-1]) in firsts:
        return True
    if not e.description:
        return False
    role = match_key(ctx[-1])
    if not is_role_noun(ctx[-1]) and not is_common_noun(ctx[-1]):
        return False
    desc = [match_key(w) for w in re.split(r"[\s,;()]+", e.description) if len(w) >= 5 and not w.startswith("ehem")]
    return any(d in role or role in d for d in desc if d)
