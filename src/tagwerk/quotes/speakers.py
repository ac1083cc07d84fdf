"""Speakers: a frame's speaker range linked to an entity and given a name.

Names come from the mentions and entities of the earlier stages; personal pronouns resolve to
the last person named, ``demnach`` to the last speaker. Without mentions (a tokens-only
pipeline) a speaker keeps its text and a name made of its capitalised words.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from tagwerk.analysis import Entity, Mention, Span
from tagwerk.lang.de import speech as L
from tagwerk.quotes.tokens import Range, TokenView


@dataclass(slots=True)
class Speaker:
    """Who said it: the speaker's words in the text, its entity id and name (each may be None)."""

    span: Span | None
    entity: str | None
    name: str | None


class Resolver:
    """Links speaker spans to entities; resolves pronouns to the last fitting person."""

    def __init__(self, doc: TokenView, mentions: Sequence[Mention], entities: Sequence[Entity]):
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        # by start, for the mentions near a span in about log n (a scan of all of them for
        # each quote grew with the square of an article's length: 2.4 s of 5 at 200,000 characters)
        self._starts = [m.start for m in self.mentions]
        self._longest = max((m.end - m.start for m in self.mentions), default=0)
        self.names = {e.id: e.name for e in entities}
        self.ran = bool(self.mentions)
        self.types = {e.id: e.type for e in entities}

    def resolve(self, rng: Range | None, last: Speaker | None) -> Speaker:
        """The speaker of the token range ``rng``; ``last`` is the previous sentence's speaker."""
        if rng is None:
            return Speaker(None, None, None)
        doc = self.doc
        span = doc.span(*rng)
        a, b = rng
        if b - a == 1 and doc.low[a] in L.PERSONAL_PRONOUNS:
            m = self._last_person(span.start)
            if m is not None:
                return Speaker(span, m.entity, self.names.get(m.entity or "", m.text))
            if last is not None:
                return Speaker(span, last.entity, last.name)
            return Speaker(span, None, None)
        if b - a == 1 and doc.low[a] in L.GROUP_PRONOUNS:
            return Speaker(span, None, None)  # ``beide``: a group, named before
        if b - a == 1 and doc.low[a] in L.CUE_ADVERBS and last is not None:
            return Speaker(span, last.entity, last.name)
        m = self._head_mention(span)
        if m is not None:
            return Speaker(span, m.entity, self.names.get(m.entity or "", None) or m.text)
        if self.ran and any(doc.is_word(k) and not doc.is_cap(k) and doc.low[k] not in L.DETERMINERS for k in range(a, b)):
            return Speaker(span, None, span.text)  # a description without a name: keep it whole
        return Speaker(span, None, _fallback_name(doc, rng))

    def _head_mention(self, span: Span) -> Mention | None:
        """The name that heads a speaker phrase: the last person, else organisation, place, other."""
        near = self._near(span.start, span.end)
        inside = [m for m in near if m.start >= span.start and m.end <= span.end and not m.derived]
        if not inside:
            inside = [m for m in near if m.start < span.end and m.end > span.start and not (m.derived and m.start > span.start)]
        # a prenominal genitive (``Russlands Außenminister``, ``Nordkoreas Agentur KCNA``)
        # is not the speaker when a later name is in the span
        heads = [m for m in inside if not (m.text.endswith("s") and m.end < span.end and self._followed_by_noun(m.end, span.end))]
        inside = heads or inside
        for label in ("PER", "ORG", "LOC", "MISC"):
            for m in reversed(inside):  # the last name of a descriptive phrase is its head
                if m.label == label:
                    return m
        return None

    def _followed_by_noun(self, offset: int, end: int) -> bool:
        rest = self.doc.text[offset:end].lstrip()
        return bool(rest) and rest[0].isalpha()

    def _near(self, a: int, b: int) -> list[Mention]:
        """The mentions, in order, that may overlap characters [a, b): those that start
        before ``b`` and less than the longest mention's length before ``a``."""
        return self.mentions[bisect_left(self._starts, a - self._longest) : bisect_left(self._starts, b)]

    def overlaps(self, a: int, b: int) -> bool:
        """Does a name mention overlap characters [a, b)?"""
        return any(m.start < b and m.end > a for m in self._near(a, b))

    def first_name(self, lo: int, hi: int, skip: set[int] | frozenset[int] = frozenset()) -> Speaker | None:
        """The first person or organisation named outside quotes in tokens [lo, hi)."""
        doc = self.doc
        a, b = doc.tokens[lo].start, doc.tokens[hi - 1].end
        for m in self.mentions:
            if m.start >= b:
                break
            if m.start >= a and m.label in ("PER", "ORG") and not m.derived:
                k = self._token_at(m.start, lo, hi)
                if k is not None and not doc.quoted(k) and k not in skip:
                    return Speaker(Span(m.start, m.end, m.text), m.entity, self.names.get(m.entity or "", m.text))
        return None

    def _token_at(self, offset: int, lo: int, hi: int) -> int | None:
        for k in range(lo, hi):
            if self.doc.tokens[k].start >= offset:
                return k
        return None

    def _last_person(self, before: int) -> Mention | None:
        best = None
        for m in self.mentions:
            if m.start >= before:
                break
            if m.label == "PER" and not m.derived:
                best = m
        return best


def _fallback_name(doc: TokenView, rng: Range) -> str:
    """Without NER: the capitalised words of the span that are not determiners."""
    a, b = rng
    words = [doc.tokens[k].text for k in range(a, b) if doc.is_cap(k) and doc.low[k] not in L.DETERMINERS]
    return " ".join(words) if words else doc.span(a, b).text
