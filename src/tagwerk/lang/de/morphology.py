"""German word shapes shared by the stages: is a capitalised word a noun, what is its lemma,
where does a closed compound split, how common is a word in German at large (wordfreq)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from wordfreq import zipf_frequency

from tagwerk.lang.de import lemmas
from tagwerk.lang.de.stopwords import FUNCTION_WORDS


@lru_cache(maxsize=50_000)
def background_zipf(lemma: str) -> float:
    """German background frequency of a lemma; hyphenated compounds count as one rare word."""
    if "-" in lemma:
        return zipf_frequency(lemma.replace("-", ""), "de")
    return zipf_frequency(lemma, "de")


@lru_cache(maxsize=50_000)
def _known(word: str) -> bool:
    return lemmas.is_known(word) or zipf_frequency(word, "de") >= 2.0


LINKING_ELEMENTS = ("s", "es", "n", "en", "e", "er")
"""What may stand between a compound's parts (``Börse|n|wert``, ``Arbeit|s|markt``)."""


def _known_left(left: str) -> bool:
    cap = left[:1].upper() + left[1:]
    if _known(cap):
        return True
    return any(left.endswith(k) and len(left) - len(k) >= 3 and _known(cap[: -len(k)]) for k in LINKING_ELEMENTS)


MAX_COMPOUND_CHARS = 80
"""Longer words are not split: German's longest compounds in use have about 60 letters
(``Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz``, 63), and every split
looks both sides up, so a 10,000-letter token took 12 s and a 1 MB one would never end."""


def compound_heads(word: str) -> Iterator[str]:
    """The known heads of a closed compound, the rightmost split first (``Zollstreit`` ->
    ``reit``, ``streit``): each split whose sides are both known words (the left one maybe with a
    linking ``s``/``n``/``en``); none for a word over MAX_COMPOUND_CHARS."""
    if len(word) > MAX_COMPOUND_CHARS:
        return
    w = word.lower()
    for j in range(len(w) - 4, 2, -1):
        tail = w[j:]
        if _known(tail[:1].upper() + tail[1:]) and _known_left(w[:j]):
            yield word[j:]


@lru_cache(maxsize=50_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """The known words a closed compound is made of, at each known split: its head and its first
    part, the latter also without a linking element (``Bahnstrecke`` -> ``strecke``, ``Bahn``;
    ``Börsenwert`` -> ``wert``, ``Börsen``, ``Börse``); none for a word that does not split."""
    out: list[str] = []
    for head in compound_heads(word):
        left = word[: len(word) - len(head)]
        out += [head, left]
        out += [bare for k in LINKING_ELEMENTS
                if left.endswith(k) and len(left) - len(k) >= 3 and _known(bare := left[: -len(k)])]
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=50_000)
def compound_head(word: str) -> str | None:
    """The last known part of a closed compound (``Raketenprogramms`` -> ``programms``): the
    rightmost split, which completes ``Atomwaffen- und Kurzstreckenraketenprogramm`` right."""
    return next(compound_heads(word), None)


def _head_lemma(word: str) -> str | None:
    """The lemma of a compound's head, from the rightmost split whose head lemmatises to no longer
    a word than itself: a noun's lemma is never longer than its forms, so a longer one means the
    head is a word by chance (``Zollst|reit``, whose ``Reit`` simplemma reads as ``Reiten``)."""
    for head in compound_heads(word):
        cap = head[:1].upper() + head[1:]
        lem = _keep_final_e(cap, lemmas.lemmatize(cap))
        if len(lem) <= len(head):
            return word[: len(word) - len(head)] + lem.lower()
    return None


@lru_cache(maxsize=50_000)
def noun_lemma(word: str) -> str | None:
    """The lemma of a capitalised word if it is a noun (or a name), else None."""
    if len(word) < 2 or not word[0].isupper() or word.lower() in FUNCTION_WORDS:
        return None
    if word.endswith("-"):
        return None
    lem = lemmas.lemmatize(word)
    if not lem[:1].isupper():
        # simplemma knows it as a verb / adjective / adverb (sentence-initial ``Befürchtet``,
        # ``Aktuell``, nominalised ``Unliebsame``)
        if lem.lower() != word.lower() or lemmas.is_known(word.lower()):
            return None
        lem = word
    if lem == word and not lemmas.is_known(word) and "-" not in word:
        lem = _head_lemma(word) or lem
    return _keep_final_e(word, lem)


FINAL_E_MARGIN = 0.6
"""How much more common (Zipf) a word in ``-e`` must be than itself without the ``e`` for
:func:`_keep_final_e` to keep it. A plural in ``-e`` is rarer than its singular (``Tage`` 5.4 against
``Tag`` 5.7, ``Gesetze`` 4.6 against 4.9) or a little commoner (``Schuhe`` 4.6 against 4.1); a
feminine noun is far commoner than the poetic or foreign word simplemma gives for it (``Quelle`` 4.8
against ``Quell`` 3.2, ``Grenze`` against ``Grenz``, ``Halle`` 4.8 against ``Hall`` 4.1). Set by these pairs."""


def _keep_final_e(word: str, lem: str) -> str:
    """``word`` itself where its lemma only drops a final ``e`` but the word's last part is far
    commoner without losing it (FINAL_E_MARGIN): a feminine noun (``Quelle``, ``Firmenhalle``), not
    a plural (``Tage``, ``Turnschuhe``). A compound is judged by its head, whose frequency says more."""
    if lem != word[:-1] or not word.endswith("e"):
        return lem
    head = compound_head(word) or word
    head = head[:1].upper() + head[1:]
    return word if background_zipf(head) - background_zipf(head[:-1]) >= FINAL_E_MARGIN else lem


_ADJECTIVE_ENDING = re.compile(r"(?<=[^\W\d_]{3})(?:en|em|er|es|e)$")


def declension_stem(name: str) -> str:
    """A name with the adjective endings of its words before the last taken off (``Münsterschen
    Zeitung`` -> ``Münstersch Zeitung``, ``Zweitem Weltkrieg`` -> ``Zweit Weltkrieg``): what its
    declined forms share."""
    words = name.split()
    return " ".join([*(_ADJECTIVE_ENDING.sub("", w) for w in words[:-1]), *words[-1:]])
