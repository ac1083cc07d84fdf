"""The keys names are compared and indexed by in the knowledge base, and the slugs of ids.

Two kinds of key: :func:`match_key` folds case, accents and umlauts, spaces, hyphens and dots
away (``Pjöngjang``, ``Pjongjang`` and ``PJONGJANG`` share one); :func:`strict_match_key`
keeps umlauts and accents (``Länder`` stays apart from the US town ``Lander``). A name is
indexed under its strict keys (:func:`index_keys`) and, for names written without
diacritics (:func:`is_plain`), found through the loose one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_UMLAUT_TRANSCRIPTION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


# Every token of every article is keyed, often several times (pattern lookups, genitive
# stems); the words of news repeat, so a bounded cache saves most of the Unicode work.
@lru_cache(maxsize=1 << 15)
def match_key(text: str) -> str:
    """The loose key of a name: case, accents/umlauts, spaces, hyphens and dots folded away.

    ``Kim Jong-un`` and ``Kim Jong Un`` -> ``kimjongun``; ``Pjöngjang`` -> ``pjongjang``;
    ``Straße`` -> ``strasse``.
    """
    if text.isascii():
        return _NON_ALNUM.sub("", text.lower())
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ẞ", "SS"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub("", text.casefold())


@lru_cache(maxsize=1 << 15)
def strict_match_key(text: str) -> str:
    """Like :func:`match_key` but keeps umlauts and accents: ``Länder`` stays apart from ``Lander``."""
    if text.isascii():
        return _NON_ALNUM.sub("", text.lower())
    text = unicodedata.normalize("NFC", text.replace("ß", "ss").replace("ẞ", "SS"))
    return _NON_ALNUM.sub("", text.casefold())


def index_keys(text: str) -> set[str]:
    """The strict keys a name is indexed under: as written and, for umlauts, the ae/oe/ue spelling."""
    keys = {strict_match_key(text)}
    if any(c in text for c in "äöüÄÖÜ"):
        keys.add(strict_match_key(text.translate(_UMLAUT_TRANSCRIPTION)))
    keys.discard("")
    return keys


def is_plain(text: str) -> bool:
    """True when a name is written without umlauts or accents (``Muenchen``, ``Pjongjang``):
    only such names may also match the diacritic-free :func:`match_key` of a KB name."""
    return text.isascii()


def slug(text: str) -> str:
    """A readable, stable id part: ``Jane Doe`` -> ``jane-doe``."""
    text = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub("-", text.casefold()).strip("-") or "x"
