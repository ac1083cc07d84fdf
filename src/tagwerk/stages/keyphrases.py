"""Keyphrases: salient German nouns and compounds, lemmatised, scored against wordfreq.

A candidate is a noun (a capitalised word that is not a function word and whose lemma
stays capitalised), outside the names the ner stage found. Elliptic compounds are completed
(``Atomwaffen- und Raketenprogramms`` yields ``Atomwaffenprogramm`` and
``Raketenprogramm``). Each lemma is scored by how rare it is in German at large
(``wordfreq.zipf_frequency``) times how often and how early the article uses it; common
words (``Angaben``, ``Land``) and the generic nouns of ``lang/de/stopwords.py`` never qualify.

The pure function :func:`extract_keyphrases` does the work; the stage only stores it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from tagwerk.analysis import Analysis, Keyphrase, Mention, Span, Token
from tagwerk.lang.de.morphology import background_zipf, compound_head, noun_lemma
from tagwerk.lang.de.stopwords import GENERIC_NOUNS, ROLE_HEADS
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage

VERSION = "1.1.1"
"""1.1.1: a feminine noun in ``-e`` keeps its ``e`` where simplemma's lemma drops it for a rarer word
(``Quelle``, not ``Quell``; ``Firmenhalle``, not ``Firmenhall``): the common ``Quelle`` is no keyphrase.
1.1.0: a compound is lemmatised through its rightmost head whose lemma is no longer than itself
(``Zollstreit``, not ``Zollstreiten`` from ``Zollst|reit``)."""

# A lemma at or above this Zipf frequency is everyday German, never a keyphrase.
# Chosen on the seed article and a handful of Wikinews texts: Angaben 4.86, Präsident 4.97,
# Land 5.47 fall out; Munition 3.93, Nordkorea 3.93, Sanktion 3.06 stay.
MAX_ZIPF = 4.5
# Specificity falls linearly from 1 (unknown to wordfreq) to 0 at this Zipf value.
ZIPF_SCALE = 5.0
# Words wordfreq does not know at all (new compounds, inflected rarities, typos) are scored
# as if they had this Zipf value: rare, but no rarer than a known rare compound.
UNKNOWN_ZIPF = 1.0
MIN_LEN = 4
MAX_KEYPHRASES = 20


@dataclass
class _Cand:
    lemma: str
    spans: list[Span] = field(default_factory=list)
    first: int = 0
    top: bool = False


def _name_tokens(tokens: Sequence[Token], mentions: Sequence[Mention]) -> set[int]:
    """Indices of tokens inside a name (derived and part mentions stay candidates)."""
    spans = sorted((m.start, m.end) for m in mentions if not m.derived and not m.part)
    out: set[int] = set()
    if not spans:
        return out
    j = 0
    for i, t in enumerate(tokens):
        while j < len(spans) and spans[j][1] <= t.start:
            j += 1
        if j < len(spans) and spans[j][0] < t.end and t.start < spans[j][1]:
            out.add(i)
    return out


def _completion(tokens: Sequence[Token], i: int) -> str | None:
    """For ``Atomwaffen-`` followed by ``und Raketenprogramms``: the head ``programms``."""
    for k in range(i + 1, min(i + 6, len(tokens))):
        w = tokens[k].text
        if w in {"und", "oder", "sowie", ","} or w.endswith("-"):
            continue
        if w[:1].isupper() and "-" not in w:
            return compound_head(w)
        return None
    return None


def extract_keyphrases(
    text: str,
    tokens: Sequence[Token],
    mentions: Sequence[Mention] = (),
    *,
    top_until: int | None = None,
    limit: int = MAX_KEYPHRASES,
) -> list[Keyphrase]:
    """Score the noun lemmas of ``tokens``; ``top_until``: end offset of headline + lead."""
    skip = _name_tokens(tokens, mentions)
    cands: dict[str, _Cand] = {}
    n_chars = max(1, len(text))

    def add(lemma: str, start: int, end: int) -> None:
        key = lemma.lower()
        c = cands.get(key)
        if c is None:
            c = cands[key] = _Cand(lemma, first=start)
        c.spans.append(Span(start, end, text[start:end]))
        if top_until is not None and start < top_until:
            c.top = True

    for i, tok in enumerate(tokens):
        if i in skip:
            continue
        word = tok.text
        if word.endswith("-") and len(word) > 4 and word[0].isupper():
            head = _completion(tokens, i)
            if head:
                full = word[:-1] + head.lower()
                add(noun_lemma(full) or full, tok.start, tok.end)
            continue
        if word.isupper() or any(ch.isdigit() for ch in word):
            continue  # acronyms are names or units; numbers are not keyphrases
        lem = noun_lemma(word)
        if lem is None or len(lem) < MIN_LEN:
            continue
        add(lem, tok.start, tok.end)

    out: list[Keyphrase] = []
    for c in cands.values():
        low = c.lemma.lower()
        if low in GENERIC_NOUNS or low.rsplit("-", 1)[-1] in GENERIC_NOUNS or low.endswith(ROLE_HEADS):
            continue
        z = background_zipf(c.lemma)
        if z >= MAX_ZIPF:
            continue
        z = max(z, UNKNOWN_ZIPF)
        spec = min(1.0, max(0.0, (ZIPF_SCALE - z) / ZIPF_SCALE))
        tf = 1.0 + math.log(len(c.spans))
        pos = 1.2 - 0.4 * (c.first / n_chars)
        score = spec * tf * pos * (1.3 if c.top else 1.0)
        out.append(Keyphrase(c.lemma, round(score, 4), c.spans))
    out.sort(key=lambda k: (-k.score, k.spans[0].start))
    return out[:limit]


def lead_end(analysis: Analysis) -> int | None:
    """End offset of the headline, teaser and first paragraph."""
    end = None
    seen_par = False
    for b in analysis.article.blocks:
        if b.kind in ("kicker", "headline", "teaser"):
            end = b.end
        elif b.kind == "paragraph":
            end = b.end
            seen_par = True
        if seen_par:
            break
    return end


@register_stage(
    "keyphrases",
    version=VERSION,
    requires=("tokens",),
    assigns=("keyphrases",),
    description="salient nouns and compounds, lemmatised, scored against wordfreq",
)
class Keyphrases(Stage):
    def __init__(self, config: AnalyzerConfig) -> None:
        self.limit = int(config.extra.get("keyphrases.limit", MAX_KEYPHRASES))
        if self.limit < 1:
            raise ValueError("keyphrases.limit must be at least 1")

    def __call__(self, work: Work) -> None:
        analysis = work.analysis
        analysis.keyphrases = extract_keyphrases(
            analysis.article.text,
            analysis.tokens,
            analysis.mentions,
            top_until=lead_end(analysis),
            limit=self.limit,
        )
