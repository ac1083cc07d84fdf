"""German lemmas and the lemma dictionary's word list, from simplemma.

simplemma's German dictionary is read in its low-memory form (a front-coded byte stream
decoded on demand) rather than as a Python dict: the same answers for about 90 MB less
resident memory in every analysis process, at twice the cost of a lookup, which caches
mostly hide (word forms repeat): simplemma's own for lemmas, the one here for ``is_known``.
Opening it is quick from the second process on (:mod:`tagwerk.lang.de.lemma_index`).
"""

from __future__ import annotations

from functools import lru_cache

import simplemma

from tagwerk.lang.de import lemma_index

lemma_index.install()  # the dictionary's block index from tagwerk's cache folder (start-up time)

CACHE_SIZE = 1 << 15


def lemmatize(word: str) -> str:
    """simplemma's German lemma of ``word`` (the word itself when it knows none; simplemma
    caches lemmas itself)."""
    return simplemma.lemmatize(word, lang="de", low_memory=True)


@lru_cache(maxsize=CACHE_SIZE)
def is_known(word: str) -> bool:
    """Whether simplemma's German dictionary holds ``word`` as written."""
    return simplemma.is_known(word, lang="de", low_memory=True)
