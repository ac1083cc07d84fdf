"""The language data and word tests that cleaning the model's spans, finding KB mentions and
linking share: ``lang/de/names.yaml`` as a record, role nouns, common nouns, name words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from tagwerk.kb.keys import match_key
from tagwerk.lang.de import lemmas
from tagwerk.lang.de.data import load_yaml
from tagwerk.lang.de.morphology import noun_lemma

COMMON_NOUN_MIN_ZIPF = 2.0
"""A word counts as a common noun when simplemma knows it, it lemmatises as a noun and wordfreq
gives it at least Zipf 2.0 (set by hand on the team's examples: ``Zeitplan``, ``Kritiker``;
rarer words are more often names)."""


@dataclass(frozen=True)
class NameData:
    """``lang/de/names.yaml`` (the pattern stopwords are the KB's: :func:`tagwerk.kb.patterns.pattern_stopwords`)."""

    locative: frozenset[str]
    determiners: frozenset[str]
    particles: frozenset[str]
    standalone: frozenset[str]
    role_heads: tuple[str, ...] = ()
    common_surnames: frozenset[str] = frozenset()
    place_heads: tuple[str, ...] = ()
    place_prefixes: tuple[str, ...] = ()
    work_nouns: tuple[str, ...] = ()
    kin_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def name_data() -> NameData:
    """``lang/de/names.yaml``, read once."""
    data = load_yaml("names.yaml")
    return NameData(
        frozenset(data["locative_prepositions"]),
        frozenset(data["place_determiners"]),
        frozenset(data["name_particles"]),
        frozenset(data.get("standalone_surnames", [])),
        tuple(sorted(data.get("role_nouns", []), key=len, reverse=True)),
        frozenset(data.get("common_surnames", [])),
        tuple(data.get("place_heads", [])),
        tuple(data.get("place_prefixes", [])),
        tuple(data.get("work_nouns", [])),
        frozenset(data.get("kin_nouns", [])),
    )


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


def name_words(text: str) -> tuple[str, ...]:
    """The match keys of a name's words, hyphens splitting words: ``Jean-Luc Mélenchon`` ->
    ``("jean", "luc", "melenchon")``."""
    return tuple(match_key(w) for w in text.replace("-", " ").split() if match_key(w))


def strip_genitive(text: str) -> str:
    """A name without its genitive ending (``Merkels``, ``Xi's``), when it may have one."""
    if text.endswith(("'s", "’s")):
        return text[:-2]
    if text.endswith("s") and not text.endswith("ss") and len(text) > 3:
        return text[:-1]
    return text
