"""Hand-built analyses for the entities tests: the tokens stage, mentions as the NER model
would give them, then the entities stage body."""

from __future__ import annotations

from tagwerk.analysis import Analysis, Mention
from tagwerk.article import parse_text
from tagwerk.stages.entities import analyse_entities


def analyse_with_mentions(text: str, kb, tokens_stage, mentions=(), **options) -> Analysis:
    """Tokenise ``text``, add each (surface, label[, "d" derived][, "p" part]) mention at its
    first unused occurrence, and run the entities stage with ``options``."""
    a = Analysis(article=parse_text(text))
    tokens_stage(a)
    used: dict[str, int] = {}
    for spec in mentions:
        surface, label, *flags = spec
        start = a.text.index(surface, used.get(surface, 0))
        used[surface] = start + len(surface)
        a.mentions.append(Mention(start, start + len(surface), surface, label, derived="d" in flags, part="p" in flags))
    analyse_entities(a, kb, **options)
    return a
