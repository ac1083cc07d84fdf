"""Entities: fold an article's mentions into entities linked to the knowledge base.

Three steps, each a pure function with the stage applying the result:

1. **More mentions.** ``find_kb_mentions`` adds mentions of KB entities and German demonyms
   from the tokens (``russischen``, ``Moskauer``, ``deutsch-französische`` = two places,
   ``UN-Sanktionen`` = a part mention of the UN); ``credit_mentions`` adds the agencies of the
   credit line. A named overlap policy (``prefer_model_spans``) merges them with the model's.
2. **Resolve.** ``link`` resolves every mention: KB lookup (case-, hyphen-, space- and
   umlaut-insensitive, genitive ``-s`` stripped, aliases and transliterations), demonyms,
   surname/first-name after a full name, and ambiguity settled by type and by the other
   places of the article.
3. **Group.** Mentions of one resolution form one ``Entity``: KB id (QID or ``tw:`` id) or a
   stable local id (``local:per:jane-doe``). A capital used as its government (``Moskau
   unterstützt ...``) keeps the city link and records the country in ``stands_for``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from wordfreq import zipf_frequency

from tagwerk.analysis import Analysis, Entity, Mention, Token
from tagwerk.kb import HOW_SCORE, KBEntry, KnowledgeBase, PatternIndex, load_kb
from tagwerk.kb.keys import is_plain, match_key, slug, strict_match_key
from tagwerk.lang.de import demonyms, lemmas
from tagwerk.lang.de.morphology import compound_head, noun_lemma
from tagwerk.ner.nlp import has_lexicon_flag
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage

VERSION = "1.2.2"
"""1.2.2: noun compounds lemmatised as in keyphrases 1.1.0 (which decides some spans dropped as
common nouns)."""

MAX_PATTERN_TOKENS = 6
"""Longest KB name matched as a pattern, in tokens (``1. FC Union Berlin`` has 4)."""
MINOR_CITY_POPULATION = 1_000_000
"""A town below this size (not a capital, not in DE/AT/CH, not curated) is matched as a
pattern only when the article also names its country: many are also surnames or words
(Hassan, Henderson, Bush)."""
DERIVED_SCORE = 0.8
LOCAL_SCORE = 0.6
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


# -- language data -----------------------------------------------------------------------


@dataclass(frozen=True)
class NameData:
    locative: frozenset[str]
    determiners: frozenset[str]
    particles: frozenset[str]
    standalone: frozenset[str]
    role_heads: tuple[str, ...] = ()
    common_surnames: frozenset[str] = frozenset()
    place_heads: tuple[str, ...] = ()
    place_prefixes: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def name_data() -> NameData:
    data = yaml.safe_load((resources.files("tagwerk.lang.de") / "names.yaml").read_text(encoding="utf-8"))
    return NameData(
        frozenset(data["locative_prepositions"]),
        frozenset(data["place_determiners"]),
        frozenset(data["name_particles"]),
        frozenset(data.get("standalone_surnames", [])),
        tuple(sorted(data.get("role_nouns", []), key=len, reverse=True)),
        frozenset(data.get("common_surnames", [])),
        tuple(data.get("place_heads", [])),
        tuple(data.get("place_prefixes", [])),
    )


# -- pattern index -------------------------------------------------------------------------


def _case_ok(surface: str, alias: str) -> bool:
    """Acronyms and lowercase names (``UN``, ``dpa``) must match their case exactly (also with
    a genitive s); other names must start with a capital or a digit."""
    letters = [c for c in alias if c.isalpha()]
    words = alias.split()
    if len(words) > 1 and words[0].lower() in name_data().particles and words[-1][:1].isupper():
        # ``von der Leyen``, ``de Maizière``, ``Van der Bellen``: the particle's case is free
        # (``Von der Leyens Sprecher`` at a sentence start); the rest keeps its case and may
        # carry the genitive s
        s = surface.replace("’s", "").replace("'s", "")
        a = alias.replace("-", " ")
        s = s.replace("-", " ")
        return s[:1].lower() + s[1:] in (a[:1].lower() + a[1:], a[:1].lower() + a[1:] + "s")
    if alias[:1].islower() or (letters and all(c.isupper() for c in letters) and len(letters) <= 6):
        s = surface.replace("’s", "").replace("'s", "")
        return s == alias or s == alias + "s" or s.replace("-", " ") == alias.replace("-", " ")
    return surface[:1].isupper() or surface[:1].isdigit()


# -- finding mentions -------------------------------------------------------------------


def _sentence_token_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    cur = -1
    for t in tokens:
        if t.sentence != cur:
            runs.append([])
            cur = t.sentence
        runs[-1].append(t)
    return runs


def _demonym_mentions(tok: Token) -> list[Mention]:
    word = tok.text
    if not any(c.isalpha() for c in word):
        return []
    parts = demonyms.lookup_compound(word)
    if not parts:
        return []
    if len(parts) == 1:
        return [Mention(tok.start, tok.end, word, "LOC", derived=True, source="kb", score=DERIVED_SCORE)]
    # deutsch-französische: one derived mention per place, on its own part of the word
    out = []
    pos = 0
    pieces = word.split("-")
    for i, piece in enumerate(pieces):
        s = tok.start + pos
        out.append(Mention(s, s + len(piece), piece, "LOC", derived=True, source="kb", score=DERIVED_SCORE))
        pos += len(piece) + 1
    return out


def find_kb_mentions(text: str, tokens: Sequence[Token], kb: KnowledgeBase, *, weak_allowed: set[str] | None = None) -> list[Mention]:
    """Mentions of KB names, demonyms and name parts of compounds, from the tokens alone.

    ``weak_allowed``: ids of persons whose bare surname may match (their full name is in the
    article); prominent persons' surnames always may.
    """
    idx = kb.pattern_index()
    out: list[Mention] = []
    found: list[tuple[Mention, KBEntry]] = []
    weak_allowed = weak_allowed or set()
    for run in _sentence_token_runs(tokens):
        i = 0
        n_tok = len(run)
        while i < n_tok:
            tok = run[i]
            matched = False
            first = idx.first
            if match_key(tok.text.split("-")[0]) in first or match_key(tok.text) in first or match_key(tok.text.rstrip("s")) in first:
                for n in range(min(MAX_PATTERN_TOKENS, n_tok - i), 0, -1):
                    last = run[i + n - 1]
                    surface = text[tok.start : last.end]
                    if not any(c.isalnum() for c in last.text):
                        continue
                    if n > 1 and any(not any(c.isalnum() for c in t.text) and t.text != "." for t in run[i : i + n]):
                        continue
                    hit = _pattern_hit(surface, idx, kb, weak_allowed)
                    if hit is not None:
                        entry, how = hit
                        m = Mention(tok.start, last.end, surface, entry.type, source="kb", score=0.9 if how != "weak" else 0.75)  # type: ignore[arg-type]
                        out.append(m)
                        found.append((m, entry))
                        i += n
                        matched = True
                        break
            if matched:
                continue
            dm = _demonym_mentions(tok)
            if dm:
                out.extend(dm)
                i += 1
                continue
            if "-" in tok.text.strip("-"):
                pm = _part_mention(tok, idx, kb)
                if pm is not None:
                    out.append(pm)
            i += 1
    return _drop_minor_cities(out, found, kb)


def _is_minor_city(e: KBEntry) -> bool:
    return (
        e.kind == "city"
        and not e.capital_of
        and e.source == "geonames"
        and e.country not in ("DE", "AT", "CH")
        and (e.population or 0) < MINOR_CITY_POPULATION
        and not any(a for a in e.aliases)  # curated exonyms make a town well known
    )


def _drop_minor_cities(out: list[Mention], found: list[tuple[Mention, KBEntry]], kb: KnowledgeBase) -> list[Mention]:
    """Keep a minor town only when the article names its country (or another of its towns)."""
    context: set[str] = set()
    for m, e in found:
        if not _is_minor_city(e) and e.country:
            context.add(e.country)
    for m in out:
        if m.derived:
            for keys in demonyms.lookup_compound(m.text):
                p = kb.place(keys[0])
                if p is not None and p.country:
                    context.add(p.country)
    drop = {id(m) for m, e in found if _is_minor_city(e) and e.country not in context}
    return [m for m in out if id(m) not in drop]


def _pattern_hit(surface: str, idx: PatternIndex, kb: KnowledgeBase, weak_allowed: set[str]) -> tuple[KBEntry, str] | None:
    from tagwerk.kb import genitive_stems

    candidates: list[tuple[str, str, str]] = []
    for form in (surface, *genitive_stems(surface)):
        # as written (umlauts kept); diacritic-free only for names written without them
        candidates = idx.keys.get(strict_match_key(form), [])
        if not candidates and is_plain(form):
            candidates = idx.keys.get(match_key(form), [])
        if candidates:
            break
    best: tuple[KBEntry, str] | None = None
    for eid, alias, how in candidates:
        if not _case_ok(surface, alias):
            continue
        e = kb.get(eid)
        if e is None:
            continue
        if how == "weak" and eid not in weak_allowed and alias not in name_data().standalone:
            continue
        if best is None or (best[1] == "weak" and how != "weak") or (best[1] == how and e.prominence > best[0].prominence):
            best = (e, how)
    return best


def _part_mention(tok: Token, idx: PatternIndex, kb: KnowledgeBase) -> Mention | None:
    """``UN-Sanktionen`` -> a part mention on ``UN``; ``Ukraine-Konflikt`` -> on ``Ukraine``."""
    pos = 0
    pieces = tok.text.split("-")
    for i, piece in enumerate(pieces):
        if piece and i < len(pieces) - 1 or (piece and i > 0 and piece[:1].isupper()):
            hit = _pattern_hit(piece, idx, kb, set()) if piece[:1].isupper() or piece[:1].isdigit() or piece.islower() else None
            if hit is not None and hit[1] != "weak":
                s = tok.start + pos
                return Mention(s, s + len(piece), piece, hit[0].type, part=True, source="kb", score=0.85)  # type: ignore[arg-type]
        pos += len(piece) + 1
    return None


def credit_mentions(analysis: Analysis) -> list[Mention]:
    """The credit line's agencies (``dpa``, ``AFP``) as ORG mentions."""
    out = []
    for part in analysis.article.credit.parts:
        if part.role == "agency":
            out.append(Mention(part.start, part.end, part.text, "ORG", source="credit", score=1.0))
    return out


# -- cleaning the model's spans ----------------------------------------------------------------
# The recogniser swallows roles and adjectives into names (``Kreml-Kritiker Nawalny``,
# ``Russlands Außenminister Sergej Lawrow``, ``Deutsche Matthias Maurer``) and takes common
# nouns for names (``Corona-Zeitplan``). These rules run on the model's mentions before they
# meet the KB patterns, so every later stage (quotes, store, tags) sees the cleaned names.

_GLUED = re.compile(r"[a-zäöüß]{3}[A-ZÄÖÜ](?![A-ZÄÖÜ]|$)")
"""Two words glued together (``HinweiseWar``, ``RebellenEx-Geisel``): a line break the text
lost, not a name (``GmbH``, ``McDonald``, ``YouTube``, ``PayPal``, ``BioNTech`` do not match)."""
_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "plan", "ment", "nis")
_TITLES = ("Dr.", "Prof.", "Dr", "Prof")
COMMON_NOUN_MIN_ZIPF = 2.0
"""A word counts as a common noun when simplemma knows it, it lemmatises as a noun and wordfreq
gives it at least Zipf 2.0 (set by hand on the team's examples: ``Zeitplan``, ``Kritiker``;
rarer words are more often names)."""
COMPOUND_HEAD_MIN_ZIPF = 3.0
"""A hyphenated single word is a common noun when its last part is at least this frequent
(``Corona-Zeitplan``; ``Baden-Württemberg`` is not)."""


def is_role_noun(word: str) -> bool:
    """``Kremlsprecher``, ``Außenministerin``, ``Kreml-Kritiker``, ``Ex-Kanzler``: a capitalised
    word ending in one of ``names.yaml: role_nouns``."""
    if not word[:1].isupper():
        return False
    low = word.lower().rstrip(",")
    # also the genitive: ``Oppositionsführers Netanjahu``
    return any(low.endswith(h) or low.endswith(h + "s") for h in name_data().role_heads)


def is_common_noun(word: str) -> bool:
    """A known German noun (``Zeitplan``, ``Regierung``), not a name."""
    return (
        noun_lemma(word) is not None
        and lemmas.is_known(word)
        and zipf_frequency(word, "de") >= COMMON_NOUN_MIN_ZIPF
    )


def is_adjective_form(word: str) -> bool:
    """An inflected adjective written with a capital (``Deutsche``, ``Britische``)."""
    low = word.lower()
    lem = lemmas.lemmatize(low)
    return lem != low and lem.islower() and any(low == lem + e for e in ("e", "en", "er", "es", "em"))


def _is_pseudo_name(word: str) -> bool:
    """A single word the recogniser took for a name that is a common noun (``Corona-Zeitplan``,
    ``Regierung``)."""
    head = word.rsplit("-", 1)[-1]
    if "-" in word and head[:1].isupper() and is_common_noun(head) and zipf_frequency(head, "de") >= COMPOUND_HEAD_MIN_ZIPF:
        return True
    return word.lower().endswith(_NOUN_SUFFIXES) and is_common_noun(word)


def _owner_place(word: str, kb: KnowledgeBase) -> bool:
    """``Russlands``, ``Moskaus``, ``russische``: a place before a role noun (its owner)."""
    if demonyms.lookup_compound(word):
        return True
    return any(x.entry.type == "LOC" and x.how != "weak" for x in kb.lookup(word, weak=False))


_APOSTROPHES = ("'", "’")
_APOSTROPHE_GENITIVE = re.compile(r"^[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*(?:[sßzx]|ce)['’]$")
"""``Scholz'``, ``Strauß'``, ``Maurice'``: the genitive of a name ending in a sibilant is an
apostrophe alone (``Habeck'`` is not German)."""


def _is_place_word(word: str, kb: KnowledgeBase) -> bool:
    """One word that is a KB place's name (also in the genitive) and no person's name."""
    if not word[:1].isupper():
        return False
    matches = kb.lookup(word)
    return bool(matches) and all(x.entry.type == "LOC" and x.how != "weak" for x in matches)


def _owner_person(word: str, kb: KnowledgeBase) -> bool:
    """A person's genitive before a role noun (``Scholz' Regierungssprecher``, ``Macrons
    Berater``): an apostrophe genitive of a capitalised name, or a KB person's name + s."""
    if not word[:1].isupper():
        return False
    if _APOSTROPHE_GENITIVE.match(word):
        return True
    if not word.endswith("s") or word.endswith("ss"):
        return False
    return not kb.lookup(word, weak=False, genitive=False) and any(x.entry.type == "PER" for x in kb.lookup(word[:-1]))


_INITIAL = re.compile(r"^(?:[A-ZÄÖÜ]\.|[IVX]+\.|St\.|Ste\.|Mt\.)$")
"""An initial (``A. Wiegemann``, ``Julio A. Roca``), a regnal number (``Elisabeth II.``) or
the saint or mount of a place's name (``St. Moritz``, ``St. Veitskapelle``, ``Mt. Everest``):
a full stop that belongs to the name."""


def _is_noun_compound(word: str, kb: KnowledgeBase) -> bool:
    """A closed compound of common nouns taken for a place, organisation or other name
    (``Raketenprogramms``, ``Schweinefleisch``), not a place name built like one
    (``Schwarzwald``, ``Nordhessen``: a place head or prefix from ``names.yaml``) nor a name
    the KB or the lexicon knows. Not used on persons: first names and surnames are often
    compounds of words (``Gottfried``, ``Schröder``)."""
    if "-" in word or kb.lookup(word, weak=False):
        return False
    if any(has_lexicon_flag(word, f) for f in ("city", "country", "subdivision", "geo_part")):
        return False
    head = compound_head(word)
    if head is None:
        return False
    low = word.lower()
    data = name_data()
    if low.startswith(data.place_prefixes) or any(
        low.endswith(h) or low.endswith(h + "s") or low.endswith(h + "es") for h in data.place_heads
    ):
        return False
    return is_common_noun(noun_lemma(word) or word)


def _is_person_descriptor(word: str) -> bool:
    """A common noun before a person's name that is not part of it (``Kreml-Kritiker``,
    ``Stadtverordneter``), as opposed to a first name that is also a word (``Christian``,
    ``Friedrich``: marked as first names in the model's lexicon), double first names
    included (``Hans-Dietrich``, though ``Dietrich`` is also a noun)."""
    if "-" in word and is_common_noun(word.rsplit("-", 1)[-1]):
        pieces = [p for p in word.split("-") if p]
        return not (has_lexicon_flag(word, "first_name") or all(has_lexicon_flag(p, "first_name") for p in pieces))
    return len(word) >= 9 and is_common_noun(word) and not has_lexicon_flag(word, "first_name")


def clean_model_mention(m: Mention, text: str, kb: KnowledgeBase) -> list[Mention]:
    """The mentions a model mention really is: itself, a shorter name, the name and the place
    it was cut from (``Russlands Außenminister Sergej Lawrow`` -> ``Russlands`` LOC and
    ``Sergej Lawrow`` PER), or none (a common noun, glued words).

    Names the KB knows as they stand are never changed.
    """
    if m.source != "model" or m.part:
        return [m]
    if m.derived:  # a role noun taken for an adjective of a place (``Außenministerin`` LOC-deriv)
        return [] if is_role_noun(m.text) and not demonyms.lookup_compound(m.text) else [m]
    if kb.lookup(m.text, weak=False):
        return [m]
    # words with their offsets
    words: list[tuple[int, int, str]] = []
    for mt in re.finditer(r"\S+", m.text):
        words.append((m.start + mt.start(), m.start + mt.end(), mt.group()))
    if not words or any(_GLUED.search(w) for _, _, w in words):
        return []
    while len(words) > 1 and words[0][2] in _TITLES:
        words = words[1:]
    name_words = [w for _, _, w in words if not _INITIAL.match(w)]
    if "." in " ".join(name_words).rstrip("."):
        return []  # a span across a sentence end or an abbreviation, not a name
    if len(words) > 2 and is_role_noun(words[-1][2]) and _APOSTROPHE_GENITIVE.match(words[-2][2]):
        words = words[:-1]  # ``Olaf Scholz' Sprecher``: the owner's name, without the role
    if _APOSTROPHE_GENITIVE.match(words[-1][2]):  # ``Olaf Scholz'``: the name without its '
        words[-1] = (words[-1][0], words[-1][1] - 1, words[-1][2][:-1])
    if len(words) == 1 and words[0][2][:1].isupper() and demonyms.lookup(words[0][2]):
        # ``Chilenen``, ``Algerier`` taken for a place or an organisation: the inhabitants,
        # derived from the place (GermEval's LOCderiv)
        return [Mention(m.start, m.end, m.text, "LOC", derived=True, source=m.source, score=m.score)]
    if (
        m.label in ("PER", "LOC") and len(words) >= 2 and words[1][2][:1].isupper()
        and _is_place_word(words[0][2], kb) and not has_lexicon_flag(words[0][2], "first_name")
        and (m.label == "PER" or has_lexicon_flag(words[-1][2], "surname"))
    ):
        # ``Kiew Prigoschin`` (``… sagte in Kiew Prigoschin …``), as a person or a place:
        # the place, then the person
        place = Mention(words[0][0], words[0][1], words[0][2], "LOC", source="rule", score=m.score)
        return [place, *clean_model_mention(_respan(m, words[1][0], words[-1][1], text, "PER"), text, kb)]
    if len(words) == 1:
        if _is_pseudo_name(words[0][2]) or is_role_noun(words[0][2]):
            return []  # ``Corona-Zeitplan``, ``Bundesaußenminister``: no name
        if m.label != "PER" and _is_noun_compound(words[0][2], kb):
            return []  # ``Raketenprogramms``, ``Schweinefleisch``: a common noun, no name
        return [_respan(m, words[0][0], words[0][1], text, m.label)]
    if len(words) <= 3 and all(_is_place_word(w, kb) for _, _, w in words):
        # ``Moskau Pjöngjangs`` (``wisse Moskau Pjöngjangs Haltung zu schätzen``) taken for one
        # person: places side by side, one mention each
        return [Mention(s0, e0, w, "LOC", source="rule", score=m.score) for s0, e0, w in words]
    i = 0
    owner: tuple[int, int, str] | None = None
    role = False
    while i < len(words) - 1:
        w = words[i][2]
        if is_role_noun(w) or (w == "Premier" and m.label == "PER"):  # not ``Premier League``
            role = True
        elif i == 0 and _owner_place(w, kb) and is_role_noun(words[1][2]):
            owner = words[0]
        elif i == 0 and is_role_noun(words[1][2]) and _owner_person(w, kb):
            owner = words[0]  # ``Scholz' Regierungssprecher``, ``Macrons Berater``
        elif m.label == "PER" and is_adjective_form(w):
            pass  # ``Deutsche Matthias Maurer``
        elif m.label == "PER" and _is_person_descriptor(w):
            role = True  # ``Kreml-Kritiker Nawalny``
        else:
            break
        i += 1
    rest = words[i:]
    owner_m = None
    if owner is not None and _owner_place(owner[2], kb):
        derived = bool(demonyms.lookup_compound(owner[2])) and not kb.lookup(owner[2], weak=False)
        owner_m = Mention(owner[0], owner[1], owner[2], "LOC", derived=derived, source="rule", score=m.score)
    elif owner is not None:
        o_end = owner[1] - 1 if owner[2].endswith(_APOSTROPHES) else owner[1]  # the name without its '
        owner_m = Mention(owner[0], o_end, text[owner[0] : o_end], "PER", source="rule", score=m.score)
    if i and len(rest) == 1 and is_role_noun(rest[0][2]):
        # ``Russlands Außenminister``: no name left, only the place
        return [owner_m] if owner_m is not None else [m]
    if not rest[0][2][:1].isupper():
        return [m]
    label = "PER" if role else m.label
    out = [_respan(m, rest[0][0], rest[-1][1], text, label)]
    if owner_m is not None:
        out.insert(0, owner_m)
    return out


def _respan(m: Mention, start: int, end: int, text: str, label: str) -> Mention:
    if (start, end, label) == (m.start, m.end, m.label):
        return m
    return Mention(start, end, text[start:end], label, derived=m.derived, part=m.part, source=m.source, score=m.score)  # type: ignore[arg-type]


def clean_model_mentions(mentions: Sequence[Mention], text: str, kb: KnowledgeBase) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        out.extend(clean_model_mention(m, text, kb))
    return out


# -- overlap policies ----------------------------------------------------------------------


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _kb_full_name(m: Mention) -> bool:
    """A KB pattern on a full name or alias of two or more words (not a surname, no demonym)."""
    return m.source == "kb" and not m.derived and not m.part and m.score >= 0.9 and " " in m.text.strip()


def _contains(a: Mention, b: Mention) -> bool:
    return a.start <= b.start and b.end <= a.end and (a.end - a.start) > (b.end - b.start)


def prefer_model_spans(model: Sequence[Mention], extra: Sequence[Mention]) -> list[Mention]:
    """Keep every model mention; add an extra mention only where it overlaps none of them
    (extras among themselves: longer first).

    One exception: a KB full name of two or more words that contains a shorter model span
    replaces it (the model cut ``Kremlsprecher Dmitri Peskow`` down to ``Peskow``), and a KB
    person's full name that a model span crosses wins over the crossing span.
    """
    model = list(model)
    for x in extra:
        if not _kb_full_name(x):
            continue
        crossed = [m for m in model if _overlaps(m, x) and (_contains(x, m) or (x.label == "PER" and not _contains(m, x) and (m.start, m.end) != (x.start, x.end)))]
        if crossed:
            model = [m for m in model if not any(m is c for c in crossed)]
    kept = list(model)
    taken = sorted(model, key=lambda m: m.start)
    for m in sorted(extra, key=lambda m: (-(m.end - m.start), m.start)):
        if any(_overlaps(m, k) for k in taken):
            continue
        kept.append(m)
        taken.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


def prefer_longest(model: Sequence[Mention], extra: Sequence[Mention]) -> list[Mention]:
    """Longest span wins whoever found it; on equal length the model's."""
    pool = [(m, 0) for m in model] + [(m, 1) for m in extra]
    pool.sort(key=lambda p: (-(p[0].end - p[0].start), p[1], p[0].start))
    kept: list[Mention] = []
    for m, _ in pool:
        if not any(_overlaps(m, k) for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


OVERLAP_POLICIES: dict[str, Callable[[Sequence[Mention], Sequence[Mention]], list[Mention]]] = {
    "prefer_model_spans": prefer_model_spans,
    "prefer_longest": prefer_longest,
}


# -- linking ---------------------------------------------------------------------------------


@dataclass
class Resolution:
    key: str
    """Entity id: QID, ``tw:`` id or ``local:...``."""
    entry: KBEntry | None
    score: float
    name: str = ""
    type: str = "MISC"


@dataclass
class _Cluster:
    res: Resolution
    mentions: list[Mention] = field(default_factory=list)
    forms: set[tuple[str, ...]] = field(default_factory=set)


def _words(text: str) -> tuple[str, ...]:
    return tuple(match_key(w) for w in text.replace("-", " ").split() if match_key(w))


def _strip_genitive_words(text: str) -> str:
    if text.endswith(("'s", "’s")):
        return text[:-2]
    if text.endswith("s") and not text.endswith("ss") and len(text) > 3:
        return text[:-1]
    return text


def _local_id(label: str, name: str) -> str:
    return f"local:{label.lower()}:{slug(name)}"


class Linker:
    """Resolves mentions of one article; holds the article context."""

    def __init__(self, kb: KnowledgeBase, text: str) -> None:
        self.kb = kb
        self.text = text
        self.context_countries: set[str] = set()
        self.context_ids: set[str] = set()

    # candidates ----------------------------------------------------------------------
    def rank(self, matches, label: str) -> tuple[KBEntry, float] | None:
        best = None
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
        self.context_ids.add(e.entity_id)
        if e.kind == "country" and e.country:
            self.context_countries.add(e.country)
        elif e.country and e.type == "LOC":
            self.context_countries.add(e.country)

    def resolve_place_keys(self, keys: Sequence[str]) -> KBEntry | None:
        entries = [self.kb.place(k) for k in keys]
        entries = [e for e in entries if e is not None]
        if not entries:
            return None
        for e in entries:  # ambiguous demonym: the one the article already mentions
            if e.entity_id in self.context_ids or (e.kind == "country" and e.country in self.context_countries):
                return e
        return entries[0]

    def resolve_name(self, m: Mention, *, weak: bool = True) -> tuple[KBEntry, float] | None:
        text = m.text.strip()
        matches = self.kb.lookup(text, weak=weak)
        if not matches and text.lower().startswith(("der ", "die ", "das ", "den ", "dem ", "des ")):
            matches = self.kb.lookup(text[4:], weak=weak)
        return self.rank(matches, m.label)

    def resolve_part(self, m: Mention) -> tuple[KBEntry, float] | None:
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


def link(analysis: Analysis, kb: KnowledgeBase, mentions: list[Mention]) -> list[Entity]:
    """Resolve ``mentions`` (in place: splits compound demonyms, sets ``Mention.entity``) and
    return the article's entities in order of first mention."""
    text = analysis.article.text
    linker = Linker(kb, text)
    res: dict[int, Resolution] = {}

    # split model-derived compound demonyms into one mention per place
    expanded: list[Mention] = []
    for m in mentions:
        if m.derived and "-" in m.text and m.source != "kb":
            parts = demonyms.lookup_compound(m.text)
            if len(parts) > 1:
                pos = 0
                for piece in m.text.split("-"):
                    s = m.start + pos
                    expanded.append(Mention(s, s + len(piece), piece, m.label, derived=True, part=m.part, source=m.source, score=m.score))
                    pos += len(piece) + 1
                continue
        expanded.append(m)
    mentions[:] = expanded

    # pass 1: unambiguous names (one candidate) and multi-word names
    pending: list[int] = []
    for i, m in enumerate(mentions):
        if m.derived:
            pending.append(i)
            continue
        if m.part:
            r = linker.resolve_part(m)
            if r:
                res[i] = Resolution(r[0].entity_id, r[0], r[1])
                linker.note(r[0])
                _narrow_part(m, r[0], text)
            continue
        if m.label == "PER" and (len(_words(_strip_genitive_words(m.text))) < 2 or _is_short_form(m.text, kb)):
            pending.append(i)  # bare surname (also ``Von der Leyens``) or first name: after the full names
            continue
        matches = kb.lookup(m.text, weak=False)
        if not matches and m.label == "PER":
            _shrink_to_kb_name(m, kb, text)
            matches = kb.lookup(m.text, weak=False)
        if len({x.entry.id for x in matches}) > 1:
            pending.append(i)
            continue
        r = linker.resolve_name(m, weak=False)
        if r:
            res[i] = Resolution(r[0].entity_id, r[0], r[1])
            linker.note(r[0])

    # PER clusters from full names seen so far (KB or local)
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}

    def cluster_for(r: Resolution) -> _Cluster:
        c = by_key.get(r.key)
        if c is None:
            c = _Cluster(r)
            by_key[r.key] = c
            clusters.append(c)
            if r.entry is not None:
                for n in (*r.entry.names(), *r.entry.weak):
                    c.forms.add(_words(n))
        return c

    for i, m in enumerate(mentions):
        if m.label == "PER" and not m.derived and not m.part and i not in pending:
            r = res.get(i)
            if r is None:
                name = _strip_genitive_words(m.text) if kb.lookup(_strip_genitive_words(m.text), weak=False) else m.text
                r = Resolution(_local_id("PER", name), None, LOCAL_SCORE, name, "PER")
                res[i] = r
            c = cluster_for(r)
            c.forms.add(_words(m.text))
            c.forms.add(_words(_strip_genitive_words(m.text)))

    # pass 2: ambiguous names, bare names, demonyms, with the article as context
    for i in pending:
        m = mentions[i]
        if m.derived:
            parts = demonyms.lookup_compound(m.text)
            e = linker.resolve_place_keys(parts[0]) if parts else None
            if e is None and m.label != "LOC":
                r2 = linker.resolve_name(m)
                e = r2[0] if r2 else None
            if e is not None:
                res[i] = Resolution(e.entity_id, e, DERIVED_SCORE)
                linker.note(e)
            continue
        if m.label == "PER":
            # surname rules only: a bare surname never falls back to the KB's best bearer
            r = _resolve_short_person(m, clusters, mentions, res, linker)
            if r is not None:
                res[i] = r
            continue
        r2 = linker.resolve_name(m)
        if r2:
            res[i] = Resolution(r2[0].entity_id, r2[0], r2[1] - 0.05)
            linker.note(r2[0])

    # a name typed as a place or organisation that is a person's surname (``Putin`` as LOC):
    # the person of the article, else a prominent KB person when the surname is safe to link
    for i, m in enumerate(mentions):
        if i in res or m.derived or m.part or m.label == "PER" or m.source == "credit":
            continue
        r = _resolve_short_person(m, clusters, mentions, res, linker)
        if r is not None:
            res[i] = r

    # unresolved names: local entities (derived adjectives without a place stay unlinked)
    for i, m in enumerate(mentions):
        if i in res or m.derived:
            continue
        name = m.text
        if m.part:
            continue
        res[i] = Resolution(_local_id(m.label, name), None, LOCAL_SCORE, name, m.label)
    # a local name and its genitive are one entity ("Acme" / "Acmes")
    local_keys = {r.key for r in res.values() if r.entry is None}
    for i, r in res.items():
        if r.entry is None and r.key.endswith("s"):
            stem_key = r.key[:-1].rstrip("-")
            if stem_key in local_keys:
                r.key = stem_key
                r.name = _strip_genitive_words(r.name)

    return _group(analysis, kb, mentions, res)


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


def _resolve_short_person(m: Mention, clusters: list[_Cluster], mentions: list[Mention], res: dict[int, Resolution], linker: Linker) -> Resolution | None:
    """A surname or first name alone: the person of the article whose name ends (surname) or
    starts (first name) with it, nearest before it; else the KB's short forms."""
    for variant in (m.text, _strip_genitive_words(m.text)):
        w = _words(variant)
        if not w:
            continue
        sur, first = [], []
        for c in clusters:
            for f in c.forms:
                if len(f) > len(w) and f[-len(w):] == w:
                    sur.append(c)
                    break
                if len(f) > len(w) and f[: len(w)] == w:
                    first.append(c)
                    break
        for group in (sur, first):
            if group:
                def last_before(c: _Cluster) -> int:
                    starts = [x.start for j, x in enumerate(mentions) if res.get(j) is c.res and x.start <= m.start]
                    return max(starts) if starts else -1

                c = max(group, key=last_before)
                return Resolution(c.res.key, c.res.entry, (c.res.score if c.res.entry else LOCAL_SCORE) - 0.05, c.res.name, "PER")
    # a name typed PER is no small town (``Roth`` is Claudia Roth or a local, not Roth in Bavaria)
    strong = [x for x in linker.kb.lookup(m.text, weak=False) if not (m.label == "PER" and x.entry.kind == "city" and x.entry.prominence < 0.5)]
    if strong:
        r = linker.rank(strong, m.label)
    else:
        e = surname_link(m, linker, min_prominence=0.0 if m.label == "PER" else RELINK_MIN_PROMINENCE)
        r = (e, HOW_SCORE["weak"]) if e is not None else None
    if r:
        linker.note(r[0])
        return Resolution(r[0].entity_id, r[0], min(r[1], 0.8))
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
    """The KB person a bare surname (no full name in the article) refers to, or None.

    Linked when the surname is in ``standalone_surnames`` (its most prominent bearer), when
    the word before it is the first name of exactly one bearer (``Thomas Müller`` with only
    ``Müller`` tagged), when the role noun before it fits exactly one bearer's description
    (``Fußballer Müller``), or when it is not risky (:func:`is_risky_surname`) and one KB person
    bears it. ``min_prominence``: for mentions the recogniser typed as a place or organisation
    (``Putin`` as LOC), only a prominent person.
    """
    text = m.text.strip()
    ms = [x for x in linker.kb.lookup(text, weak=True) if x.entry.type == "PER"]
    if not ms:
        return None
    by_id: dict[str, KBEntry] = {}
    for x in ms:
        by_id.setdefault(x.entry.id, x.entry)
    persons = sorted(by_id.values(), key=lambda e: -e.prominence)
    surname = _strip_genitive_words(text) if not any(match_key(text) == match_key(w) for e in persons for w in e.weak) else text
    data = name_data()
    chosen: KBEntry | None = None
    if surname in data.standalone or text in data.standalone:
        chosen = persons[0]
    else:
        ctx = _context_before(m, linker.text)
        if ctx:
            fits = [e for e in persons if _fits_context(e, ctx)]
            if len(fits) == 1:
                chosen = fits[0]
        if chosen is None and not is_risky_surname(surname, len(persons)):
            chosen = persons[0]
    if chosen is None or chosen.prominence < min_prominence:
        return None
    return chosen


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


def _group(analysis: Analysis, kb: KnowledgeBase, mentions: list[Mention], res: dict[int, Resolution]) -> list[Entity]:
    text = analysis.article.text
    groups: dict[str, list[int]] = defaultdict(list)
    for i in sorted(res, key=lambda j: mentions[j].start):
        groups[res[i].key].append(i)
    tokens = analysis.tokens
    starts = [t.start for t in tokens]
    entities: list[Entity] = []
    n_text = max(len(text), 1)
    for key, idxs in groups.items():
        r0 = res[idxs[0]]
        entry = next((res[i].entry for i in idxs if res[i].entry is not None), None)
        ms = [mentions[i] for i in idxs]
        for m in ms:
            m.entity = key
            if entry is not None and not m.derived and m.label != entry.type:
                m.label = entry.type  # type: ignore[assignment]  # the KB knows better than the model
        if entry is not None:
            name, etype, kb_id, desc = entry.name, entry.type, entry.qid, entry.description
        else:
            labels = Counter(m.label for m in ms if not m.derived)
            etype = labels.most_common(1)[0][0] if labels else r0.type
            full = [m.text for m in ms if not m.derived and not m.part]
            name = max(full, key=lambda t: (len(_words(t)), -t.endswith("s"), len(t))) if full else r0.name
            if etype == "PER" and name.endswith("s") and any(match_key(x) == match_key(name[:-1]) for x in full):
                name = name[:-1]
            kb_id, desc = None, None
        confidence = round(max(res[i].score for i in idxs), 3)
        stands_for = None
        if entry is not None and entry.capital_of:
            if any(_is_metonymic(m, tokens, starts) for m in ms):
                country = kb.country(entry.capital_of)
                stands_for = country.entity_id if country else None
        plain = [m for m in ms if not m.derived]
        first = min(m.start for m in ms)
        prom = entry.prominence if entry is not None else 0.3
        # article salience: how often (non-derived mentions, 5 or more = full), how early, and
        # the KB prominence; weights set by hand, the tags stage does its own ranking
        salience = 0.5 * min(1.0, len(plain) / 5) + 0.3 * (1 - first / n_text) + 0.2 * prom
        entities.append(
            Entity(
                id=key,
                name=name,
                type=etype,  # type: ignore[arg-type]
                kb_id=kb_id,
                confidence=confidence,
                mentions=sorted(ms, key=lambda m: m.start),
                description=desc,
                stands_for=stands_for,
                salience=round(salience, 3),
            )
        )
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


# -- the stage --------------------------------------------------------------------------------


def analyse_entities(analysis: Analysis, kb: KnowledgeBase, *, policy: str = "prefer_model_spans", patterns: bool = True) -> None:
    """Add KB/credit mentions, link all mentions and set ``analysis.entities`` (the stage body)."""
    text = analysis.article.text
    model = clean_model_mentions(analysis.mentions, text, kb)
    extra: list[Mention] = []
    if patterns:
        extra = find_kb_mentions(text, analysis.tokens, kb)
        # surnames of persons whose full name is in the article may match too
        full = set()
        for m in [*model, *extra]:
            if m.label == "PER" and len(_words(m.text)) >= 2:
                for x in kb.lookup(m.text, weak=False):
                    full.add(x.entry.id)
        if full:
            extra = find_kb_mentions(text, analysis.tokens, kb, weak_allowed=full)
    extra += credit_mentions(analysis)
    merged = OVERLAP_POLICIES[policy](model, extra)
    analysis.entities = link(analysis, kb, merged)
    analysis.mentions = sorted(merged, key=lambda m: (m.start, -m.end))


@register_stage(
    "entities",
    version=VERSION,
    requires=("tokens", "mentions"),
    assigns=("mentions", "entities"),
    description="mentions folded into entities linked to tagwerk's knowledge base (Wikidata QIDs)",
)
class Entities(Stage):
    def __init__(self, config: AnalyzerConfig) -> None:
        extra = {k.split(".", 1)[1]: v for k, v in config.extra.items() if k.startswith("entities.")}
        unknown = set(extra) - {"overlap_policy", "kb_patterns", "user_kb"}
        if unknown:
            raise ValueError(f"unknown entities options: {', '.join(sorted(unknown))}")
        self.policy = extra.get("overlap_policy", "prefer_model_spans")
        if self.policy not in OVERLAP_POLICIES:
            raise ValueError(f"entities.overlap_policy must be one of {', '.join(OVERLAP_POLICIES)}")
        self.patterns = bool(extra.get("kb_patterns", True))
        self.kb = load_kb(config.kb_path, user=extra.get("user_kb", True), vocabularies=config.newsroom_vocabulary)
        self.kb.pattern_index()  # build once, not in the first article

    def __call__(self, work: Work) -> None:
        analyse_entities(work.analysis, self.kb, policy=self.policy, patterns=self.patterns)
