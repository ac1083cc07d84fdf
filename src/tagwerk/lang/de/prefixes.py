"""German word prefixes, as data.

``INSEPARABLE_PREFIXES``: the prefixes that make verbs and their nouns out of other words
(``beschloss``, ``verschloss``, ``Gebäude``, ``Entwurf``). A word made with one is no compound
of the rest: ``beschloss`` does not end in the noun ``Schloss``. Written by the team.
"""

from __future__ import annotations

INSEPARABLE_PREFIXES = frozenset({"be", "ge", "er", "ver", "zer", "ent", "emp", "miss"})

COMPOUND_HEAD_MIN_PREFIX = 3
"""A compound's first part has at least this many letters (``Ost|see``, ``EU-|Gipfel``)."""
