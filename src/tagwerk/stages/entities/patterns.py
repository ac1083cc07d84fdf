"""More mentions from the tokens alone: KB names as patterns, German demonyms, names inside
compounds (``UN-Sanktionen``) and the credit line's agencies."""

from __future__ import annotations

from collections.abc import Sequence

from tagwerk.analysis import Analysis, Mention, Token
from tagwerk.kb import KBEntry, KnowledgeBase, PatternIndex, genitive_stems
from tagwerk.kb.keys import is_plain, match_key, strict_match_key
from tagwerk.lang.de import demonyms
from tagwerk.stages.entities.names import name_data

MAX_PATTERN_TOKENS = 6
"""Longest KB name matched as a pattern, in tokens (``1. FC Union Berlin`` has 4)."""
MINOR_CITY_POPULATION = 1_000_000
"""A town below this size (not a capital, not in DE/AT/CH, not curated) is matched as a
pattern only when the article also names its country: many are also surnames or words
(Hassan, Henderson, Bush)."""
DERIVED_SCORE = 0.8
"""The score of a demonym mention and of its link to the place (``russischen`` -> Russland)."""


def find_kb_mentions(text: str, tokens: Sequence[Token], kb: KnowledgeBase, *, weak_allowed: set[str] | None = None) -> list[Mention]:
    """Mentions of KB names, demonyms and name parts of compounds, from the tokens alone.

    At each token, the longest KB pattern starting there; else a demonym; else a name inside
    a hyphenated compound. ``weak_allowed``: ids of persons whose bare surname may match (their
    full name is in the article); prominent persons' surnames always may.
    """
    idx = kb.pattern_index()
    out: list[Mention] = []
    found: list[tuple[Mention, KBEntry]] = []
    weak_allowed = weak_allowed or set()
    for run in _sentence_token_runs(tokens):
        i = 0
        while i < len(run):
            tok = run[i]
            hit = _pattern_at(run, i, text, idx, kb, weak_allowed)
            if hit is not None:
                m, entry, n = hit
                out.append(m)
                found.append((m, entry))
                i += n
                continue
            dm = _demonym_mentions(tok)
            if dm:
                out.extend(dm)
            elif "-" in tok.text.strip("-"):
                pm = _part_mention(tok, idx, kb)
                if pm is not None:
                    out.append(pm)
            i += 1
    return _drop_minor_cities(out, found, kb)


def credit_mentions(analysis: Analysis) -> list[Mention]:
    """The credit line's agencies (``dpa``, ``AFP``) as ORG mentions."""
    out = []
    for part in analysis.article.credit.parts:
        if part.role == "agency":
            out.append(Mention(part.start, part.end, part.text, "ORG", source="credit", score=1.0))
    return out


def _sentence_token_runs(tokens: Sequence[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    cur = -1
    for t in tokens:
        if t.sentence != cur:
            runs.append([])
            cur = t.sentence
        runs[-1].append(t)
    return runs


def _pattern_at(
    run: list[Token], i: int, text: str, idx: PatternIndex, kb: KnowledgeBase, weak_allowed: set[str]
) -> tuple[Mention, KBEntry, int] | None:
    """The longest KB pattern starting at token ``i`` of a sentence (at most
    ``MAX_PATTERN_TOKENS``, not ending on punctuation, no punctuation but full stops inside):
    its mention, entry and length in tokens."""
    tok = run[i]
    first = idx.first
    if not (
        match_key(tok.text.split("-")[0]) in first or match_key(tok.text) in first or match_key(tok.text.rstrip("s")) in first
    ):
        return None
    for n in range(min(MAX_PATTERN_TOKENS, len(run) - i), 0, -1):
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
            return m, entry, n
    return None


def _pattern_hit(surface: str, idx: PatternIndex, kb: KnowledgeBase, weak_allowed: set[str]) -> tuple[KBEntry, str] | None:
    """The KB entry a surface (or its nominative) names as a pattern, and how (``name``,
    ``alias``, ``weak``): exact names before short forms, then the more prominent entry."""
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


def _demonym_mentions(tok: Token) -> list[Mention]:
    """``russischen``, ``Moskauer``: one derived LOC mention; ``deutsch-französische``: one per
    place, each on its own part of the word."""
    word = tok.text
    if not any(c.isalpha() for c in word):
        return []
    parts = demonyms.lookup_compound(word)
    if not parts:
        return []
    if len(parts) == 1:
        return [Mention(tok.start, tok.end, word, "LOC", derived=True, source="kb", score=DERIVED_SCORE)]
    out = []
    pos = 0
    for piece in word.split("-"):
        s = tok.start + pos
        out.append(Mention(s, s + len(piece), piece, "LOC", derived=True, source="kb", score=DERIVED_SCORE))
        pos += len(piece) + 1
    return out


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
    for _m, e in found:
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
