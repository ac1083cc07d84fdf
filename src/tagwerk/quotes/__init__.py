"""Quote and claim extraction for German news text (rule-based).

``find_quotes`` and ``find_claims`` are pure functions over an Analysis' text, sentences,
tokens, mentions and entities; the ``quotes`` stage only applies their results.
"""

from __future__ import annotations

from tagwerk.quotes.claims import find_claims
from tagwerk.quotes.extract import find_quotes, quoted_segments

__all__ = ["find_claims", "find_quotes", "quoted_segments"]
