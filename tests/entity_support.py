"""Hand-built analyses for the entities tests: the tokens stage, mentions as the NER model
would give them, then the entities stage body."""

from __future__ import annotations

from tagwerk.analysis import Analysis, Mention
from tagwerk.article import parse_text
from tagwerk.stages.entities import analyse_entities


def analyse_with_mentions(text: str, kb, tokens_stage, mentions=(), **options) -> Analysis:
    """Tokenise ``text``, add each (surface, label[, "d" derived][, "p" part][, n]) mention at its
    first unused occurrence, or at its ``n``-th occurrence counting from 0, those inside longer
    names too (``Obama`` after ``Michelle Obama``), and run the entities stage with ``options``."""
    a = Analysis(article=parse_text(text))
    tokens_stage(a)
    used: dict[str, int] = {}
    for spec in mentions:
        surface, label, *flags = spec
        nth = next((f for f in flags if isinstance(f, int)), None)
        if nth is None:
            start = a.text.index(surface, used.get(surface, 0))
        else:
            start = -1
            for _ in range(nth + 1):
                start = a.text.index(surface, start + 1)
        used[surface] = start + len(surface)
        a.mentions.append(Mention(start, start + len(surface), surface, label, derived="d" in flags, part="p" in flags))
    a.mentions.sort(key=lambda m: m.start)
    analyse_entities(a, kb, **options)
    return a
