"""Quote and claim extraction for German news text (rule-based).

``find_quotes`` and ``find_claims`` are pure functions over an Analysis' text, sentences,
tokens, mentions and entities; the ``quotes`` stage only applies their results.

Modules: ``tokens`` (the token view the rules share), ``segments`` (quoted stretches and
whether one is a quote), ``phrases`` (clauses and noun phrases), ``frames`` (the attribution
rules, one function per rule), ``speakers`` (speaker names and entities), ``extract``
(``find_quotes``, the article as a whole) and ``claims``.
"""

from __future__ import annotations

from tagwerk.quotes.claims import find_claims
from tagwerk.quotes.extract import find_quotes
from tagwerk.quotes.segments import quoted_flags, quoted_segments

__all__ = ["find_claims", "find_quotes", "quoted_flags", "quoted_segments"]
