"""Anaphors: the words outside quotes that may refer to an entity named elsewhere in the
article: third-person pronouns (``er``, ``sie`` singular), possessives (``seine``), definite
descriptions with a role head (``der Kanzler``, ``die CDU-Politikerin``, ``der 68-Jährige``,
``Frankreichs Präsident``, ``der Konzern``) and bare surnames the recogniser missed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tagwerk.analysis import Token
from tagwerk.coref.profiles import Profile
from tagwerk.coref.words import country_of_word, key, qualifier, role_info
from tagwerk.lang.de.coref import coref_data
from tagwerk.stages.entities.names import strip_genitive

SPOKESPERSON_HEADS = frozenset({"sprecher", "sprecherin"})
"""A spokesperson is credited to the organisation (quotes), never resolved to a person without
an office that says so."""


@dataclass(slots=True)
class Anaphor:
    a: int
    b: int
    """Token range [a, b)."""
    kind: str
    """``pronoun``, ``possessive``, ``description``, ``surname``."""
    genders: frozenset[str]
    object_case: bool = False
    """``ihn``/``ihm``: not the subject of its own clause."""
    stem: str | None = None
    party: str | None = None
    country: str | None = None
    age: int | None = None
    org_kinds: frozenset[str] | None = None
    entity: str | None = None
    """For a surname: the one entity of the article it names."""
    former: bool = False
    """``der frühere Kanzler``: a former office."""


_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
_FORMER = frozenset({"frühere", "früheren", "ehemalige", "ehemaligen", "einstige", "einstigen", "damalige", "damaligen"})


def find_anaphors(
    tokens: Sequence[Token],
    quoted: Sequence[bool],
    name_tokens: dict[int, str],
    profiles: dict[str, Profile],
    token_country: dict[int, str],
) -> list[Anaphor]:
    """Every anaphor of the article in text order. ``name_tokens``: token index -> the label
    of the mention it lies in; ``token_country``: token index -> the ISO code of the place
    mention it lies in."""
    data = coref_data()
    surnames: dict[str, list[str]] = {}
    for p in profiles.values():
        if p.surname:
            surnames.setdefault(key(p.surname), []).append(p.id)
    out: list[Anaphor] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        if quoted[i]:
            i += 1
            continue
        low = t.text.lower()
        initial = i == 0 or tokens[i - 1].sentence != t.sentence
        desc = None
        genitive_place = t.text[:1].isupper() and t.text.endswith("s") and name_tokens.get(i) == "LOC"
        if low in data.determiners and i not in name_tokens or genitive_place:
            desc = _description(tokens, quoted, name_tokens, token_country, i)
        if desc is not None:
            out.append(desc)
            i = desc.b
            continue
        if i in name_tokens:
            i += 1
            continue
        pron = data.pronouns.get(low)
        if pron is not None and (t.text[:1].islower() or initial):
            ana = _pronoun(tokens, i, low, pron, data.not_plural_after_sie)
            if ana is not None:
                out.append(ana)
        elif t.text[:1].isupper() and len(t.text) > 2:
            ids = surnames.get(key(t.text)) or surnames.get(key(strip_genitive(t.text)))
            if ids and len(ids) == 1:
                out.append(Anaphor(i, i + 1, "surname", frozenset({"m", "f"}), entity=ids[0]))
        i += 1
    return out


def _pronoun(tokens: Sequence[Token], i: int, low: str, pron: tuple[str, str, str], not_plural: frozenset[str]) -> Anaphor | None:
    kind, gender, number = pron
    nxt = tokens[i + 1].text if i + 1 < len(tokens) and tokens[i + 1].sentence == tokens[i].sentence else ""
    if kind == "possessive" and not (nxt[:1].isupper() or (nxt[:1].islower() and nxt.endswith(_ADJ_ENDINGS))):
        return None  # ``sein`` as a verb, ``ihrer`` as a pronoun of its own
    if low == "sie" and number == "any":
        prev = tokens[i - 1].text if i > 0 and tokens[i - 1].sentence == tokens[i].sentence else ""
        if _plural_verb(nxt, not_plural) or _plural_verb(prev, not_plural):
            return None
    return Anaphor(i, i + 1, kind, frozenset({gender}), object_case=low in ("ihn", "ihm"))


def _plural_verb(word: str, not_plural: frozenset[str]) -> bool:
    return word[:1].islower() and word.endswith("en") and word not in not_plural or word in ("sind", "seien")


def _description(
    tokens: Sequence[Token], quoted: Sequence[bool], name_tokens: dict[int, str], token_country: dict[int, str], i: int
) -> Anaphor | None:
    """A definite description starting at token i, or None."""
    data = coref_data()
    n = len(tokens)
    sent = tokens[i].sentence
    first = tokens[i].text
    low = first.lower()
    genders = data.determiners.get(low)
    country = None
    if genders is None:  # ``Frankreichs Präsident``
        country = token_country.get(i) or country_of_word(strip_genitive(first))
        if country is None:
            return None
        genders = frozenset({"m", "f"})
    j = i + 1
    former = False
    while j < n and j - i <= 3 and tokens[j].sentence == sent and not quoted[j]:
        w = tokens[j].text
        if w[:1].islower() and w.lower().endswith(_ADJ_ENDINGS):
            former = former or w.lower() in _FORMER
            c = country_of_word(w)
            country = country or c
            j += 1
            continue
        break
    if j >= n or tokens[j].sentence != sent or quoted[j] or j in name_tokens:
        return None
    head = tokens[j].text
    nxt = tokens[j + 1] if j + 1 < n and tokens[j + 1].sentence == sent else None
    if nxt is not None and (j + 1 in name_tokens and name_tokens[j + 1] == "PER" or nxt.text[:1].isupper() and not quoted[j + 1]):
        return None  # an apposition: ``der Kanzler Friedrich Merz``
    org = data.organisation_heads.get(head.lower())
    if org is not None and low in data.determiners:
        return Anaphor(i, j + 1, "description", genders, org_kinds=org)
    info = role_info(head)
    if info is None:
        return None
    stem, g = info
    if g == "x":
        g_set = genders
    else:
        g_set = genders & {g}
        if not g_set and low == "die" and g == "m":
            return None  # ``die Minister``: a plural
        g_set = g_set or frozenset({g})
    complement = nxt is not None and nxt.text.lower() in ("des", "der", "von", "vom")
    if complement:
        if stem in SPOKESPERSON_HEADS:
            return None
        k = j + 2
        while k < n and tokens[k].sentence == sent and k - j <= 4 and k not in name_tokens:
            k += 1
        if k in name_tokens and name_tokens[k] == "LOC":
            country = country or token_country.get(k)
        else:
            return None  # ``der Chef des Konzerns``: a new person, described
    q = qualifier(head)
    party = None
    if q:
        country = country or country_of_word(q) or coref_data().seat_countries.get(q.lower())
        if country is None:
            party = key(q)
    else:
        for seat, iso in data.seat_countries.items():
            if head.lower().startswith(seat) and len(head) > len(seat) + 3:
                country = country or iso
    age = None
    if stem == "jährige":
        digits = head.split("-")[0]
        age = int(digits) if digits.isdigit() else None
    return Anaphor(i, j + 1, "description", g_set, stem=stem, party=party, country=country, age=age, former=former)

