"""Speakers: a frame's speaker range linked to an entity and given a name.

Names come from the mentions and entities of the earlier stages; pronouns and descriptions
(``er``, ``der CDU-Politiker``) take the entity the coref stage resolved them to (without
that stage, a pronoun takes the last person named), ``demnach`` the last speaker. A
spokesperson (``ein Sprecher des Ministeriums``) is credited to the organisation, a place to
the government it stands for (``hieß es in Paris``), never to a city. Without mentions (a
tokens-only pipeline) a speaker keeps its text and a name made of its capitalised words.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
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
    type: str | None = None
    """``ORG`` where the quote is credited to an organisation (spokesperson, government)."""
    role: str | None = None
    evidence: Span | None = None


Government = Callable[[str], "tuple[str, str] | None"]
"""Place entity id -> (the id and name of the country whose government it names), or None
for a place that names no government (a city other than a capital)."""


class Resolver:
    """Links speaker spans to entities: names through the mentions, pronouns and descriptions
    through the coref stage's references (else a pronoun takes the last person named)."""

    def __init__(
        self,
        doc: TokenView,
        mentions: Sequence[Mention],
        entities: Sequence[Entity],
        *,
        coref: bool = False,
        government: Government | None = None,
    ):
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        # by start, for the mentions near a span in about log n (a scan of all of them for
        # each quote grew with the square of an article's length: 2.4 s of 5 at 200,000 characters)
        self._starts = [m.start for m in self.mentions]
        self._longest = max((m.end - m.start for m in self.mentions), default=0)
        self.names = {e.id: e.name for e in entities}
        self.ran = bool(self.mentions)
        self.types = {e.id: e.type for e in entities}
        self.coref = coref
        self.refs = {r.start: (r.end, e.id) for e in entities for r in e.references}
        self.government = government
        self.last_spokes: Speaker | None = None

    def resolve(self, rng: Range | None, last: Speaker | None) -> Speaker:
        """The speaker of the token range ``rng``; ``last`` is the previous sentence's speaker."""
        if rng is None:
            return Speaker(None, None, None)
        doc = self.doc
        span = doc.span(*rng)
        a, b = rng
        if b - a == 1 and doc.low[a] in L.PERSONAL_PRONOUNS:
            if self.coref:
                ref = self.refs.get(span.start)
                eid = ref[1] if ref is not None and ref[0] == span.end else None
                return Speaker(span, eid, self.names.get(eid) if eid else None, "PER" if eid else None)
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
        spokes = self._spokesperson(a, b)
        if spokes is not None:
            return spokes
        ref = self.refs.get(span.start)
        named = any(m.start < span.end and m.end > span.start and m.label == "PER" for m in self.mentions)
        if ref is not None and ref[0] <= span.end and not named:
            return Speaker(span, ref[1], self.names.get(ref[1]), self.types.get(ref[1]))  # ``der CDU-Politiker``
        m = self._head_mention(span)
        if m is not None and m.label == "LOC" and self.government is not None:
            return self._place(span, m)
        if m is not None:
            return Speaker(span, m.entity, self.names.get(m.entity or "", None) or m.text, self.types.get(m.entity or ""))
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

    def _spokesperson(self, a: int, b: int) -> Speaker | None:
        """``ein Sprecher des Handelsministeriums (in Peking)``: the organisation speaks, through
        its spokesperson; its entity where the recogniser named it, else its name."""
        doc = self.doc
        k = a
        while k < b and doc.low[k] in L.DETERMINERS:
            k += 1
        if k < b and doc.low[k] in L.SPOKESPERSON_NOUNS and k + 1 == b and k > a and self.last_spokes is not None:
            last = self.last_spokes  # ``der Sprecher`` again: the same organisation's
            return Speaker(doc.span(a, b), last.entity, last.name, "ORG", doc.tokens[k].text)
        if k + 1 >= b or doc.low[k] not in L.SPOKESPERSON_NOUNS or doc.low[k + 1] not in L.SPOKESPERSON_LINKS:
            return None
        j = k + 2
        while j < b and (doc.low[j] in L.DETERMINERS or not doc.is_cap(j)):
            j += 1
        if j >= b:
            return None
        span = doc.span(a, b)
        org_start = doc.tokens[j].start
        orgs = [m for m in self.mentions if org_start <= m.start < span.end and m.label == "ORG" and not m.derived]
        role = doc.tokens[k].text
        if orgs:
            m = orgs[0]
            spk = Speaker(span, m.entity, self.names.get(m.entity or "", None) or m.text, "ORG", role)
        else:
            spk = Speaker(span, None, doc.lemma[j] if doc.lemma[j][:1].isupper() else doc.tokens[j].text, "ORG", role)
        self.last_spokes = spk
        return spk

    def _place(self, span: Span, m: Mention) -> Speaker:
        """A place as speaker: the government of its country where it is a country or a
        capital (``hieß es in Paris``), else no one (a city does not speak)."""
        evidence = Span(m.start, m.end, m.text)
        gov = self.government(m.entity) if self.government is not None and m.entity else None
        if gov is None:
            return Speaker(span, None, None)
        eid, name = gov
        return Speaker(span, eid, f"{name} (Regierung)", "ORG", "Regierung", evidence)

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

    def first_name(
        self, lo: int, hi: int, skip: set[int] | frozenset[int] = frozenset(), labels: tuple[str, ...] = ("PER", "ORG")
    ) -> Speaker | None:
        """The first person or organisation (``labels``) named outside quotes in tokens [lo, hi)."""
        doc = self.doc
        a, b = doc.tokens[lo].start, doc.tokens[hi - 1].end
        for m in self.mentions:
            if m.start >= b:
                break
            if m.start >= a and m.label in labels and not m.derived:
                k = self._token_at(m.start, lo, hi)
                if k is not None and not doc.quoted(k) and k not in skip:
                    return Speaker(Span(m.start, m.end, m.text), m.entity, self.names.get(m.entity or "", m.text))
        return None

    def subject_name(self, lo: int, hi: int) -> Speaker | None:
        """The person named as the subject of the sentence of tokens [lo, hi):
        the first name outside quotes with no verb-like lowercase word before it but the
        finite verb (``Am Rande nahm X ...``), else None."""
        doc = self.doc
        found = self.first_name(lo, hi)
        if found is None or found.span is None:
            return None
        k = self._token_at(found.span.start, lo, hi)
        if k is None:
            return None
        lowers = sum(1 for j in range(lo, k) if doc.is_word(j) and not doc.is_cap(j) and doc.low[j] not in L.DETERMINERS
                     and not doc.low[j].endswith(("e", "en", "er", "es", "em")))
        if lowers > 2 or self.types.get(found.entity or "") != "PER":
            return None  # an organisation that a sentence is about is seldom the next sentence's speaker
        return found

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
