"""The token view the quote rules share: one article's tokens with their quoted segments,
lowercase forms, lemmas and name tokens, and the word tests every rule asks (speech verb,
Konjunktiv, capitalised, sentence-initial).
"""

from __future__ import annotations

from collections.abc import Sequence

from tagwerk.analysis import Mention, Span, Token
from tagwerk.lang.de import speech as L

Range = tuple[int, int]  # token indices [a, b)

PUNCT = frozenset(",.;:!?…–—-()[]/")
BOUNDARY = frozenset({",", ";", ":", "–", "—", "(", ")"})
SENT_END = frozenset({".", "!", "?", "…", "..."})
QUOTE_CHARS = frozenset("„“”\"»«‚‘’'›‹")


class TokenView:
    """Per-article token views the rules share."""

    def __init__(self, text: str, tokens: Sequence[Token], segments: list[tuple[int, int]]):
        self.text = text
        self.tokens = tokens
        self.low = [t.text.lower() for t in tokens]
        self.lemma = [t.lemma or t.text for t in tokens]
        self.seg_of = [-1] * len(tokens)
        self.seg_tokens: dict[int, list[int]] = {}
        self._ctx: dict[int, bool] = {}
        # tokens inside person/organisation mentions, and the last token of each (set_names)
        self.name_tokens: set[int] = set()
        self.name_ends: set[int] = set()
        # person mentions by first token: the token after their last; their words, lowercased
        self.person_at: dict[int, int] = {}
        self.name_words: set[str] = set()
        si = 0
        for i, t in enumerate(tokens):
            while si < len(segments) and segments[si][1] <= t.start:
                si += 1
            if si < len(segments) and segments[si][0] <= t.start and t.end <= segments[si][1]:
                self.seg_of[i] = si
                self.seg_tokens.setdefault(si, []).append(i)

    def set_names(self, mentions: Sequence[Mention]) -> None:
        """Mark the tokens of the NER stage's person and organisation mentions."""
        starts = [t.start for t in self.tokens]
        k = 0
        for m in sorted(mentions, key=lambda m: m.start):
            if m.derived or m.label not in ("PER", "ORG"):
                continue
            while k < len(starts) and self.tokens[k].end <= m.start:
                k += 1
            j = k
            last = None
            while j < len(starts) and starts[j] < m.end:
                self.name_tokens.add(j)
                last = j
                j += 1
            if last is not None:
                self.name_ends.add(last)
                self.name_words.update(self.low[k : last + 1])
                if m.label == "PER":
                    self.person_at[k] = last + 1

    def quoted(self, i: int) -> bool:
        return self.seg_of[i] >= 0

    def is_cap(self, i: int) -> bool:
        c = self.tokens[i].text[:1]
        return c.isupper()

    def is_word(self, i: int) -> bool:
        return self.tokens[i].text[:1].isalnum()

    def sentence_initial(self, i: int) -> bool:
        return i == 0 or self.tokens[i - 1].sentence != self.tokens[i].sentence

    def span(self, a: int, b: int) -> Span:
        s, e = self.tokens[a].start, self.tokens[b - 1].end
        return Span(s, e, self.text[s:e])

    def speech_lemma(self, i: int, clause_end: int) -> str | None:
        """The speech verb lemma of token i (joining a separable particle), or None."""
        if self.quoted(i) or not self.is_word(i):
            return None
        low = self.low[i]
        if self.is_cap(i) and i > 0 and self.tokens[i - 1].text not in QUOTE_CHARS and not self.sentence_initial(i):
            return None  # capitalised inside a sentence: a noun (``Angaben``)
        lem = self.lemma[i].lower()
        # a particle at the end of the clause: ``teilte ... mit``
        last = clause_end - 1
        while last > i and not self.is_word(last):
            last -= 1
        if last > i and self.low[last] in L.PARTICLES and not self.quoted(last):
            joined = self.low[last] + lem
            if joined in L.SPEECH_VERBS:
                return joined
        if lem in L.SPEECH_VERBS and low not in L.NOT_SPEECH_FORMS:
            return lem
        return None

    def is_konj1(self, i: int) -> bool:
        low = self.low[i]
        if self.quoted(i) or self.is_cap(i) and not self.sentence_initial(i):
            return False
        if low in L.KONJUNKTIV_I:
            return not (i > 0 and self.low[i - 1] == "ich")
        if len(low) < 4 or not low.endswith("e") or low in L.NOT_KONJUNKTIV:
            return False
        lem = self.lemma[i].lower()
        if lem.endswith("en") and lem[:-1] == low:
            return not (i > 0 and self.low[i - 1] in L.INDICATIVE_E_SUBJECTS)
        return False

    def is_konj2(self, i: int) -> bool:
        return not self.quoted(i) and self.low[i] in L.KONJUNKTIV_II

    def speech_context(self, i: int) -> bool:
        """Has the sentence of token i a speech verb or a Konjunktiv outside quotes?"""
        si = self.tokens[i].sentence
        if si not in self._ctx:
            lo = i
            while lo > 0 and self.tokens[lo - 1].sentence == si:
                lo -= 1
            hi = i
            while hi < len(self.tokens) and self.tokens[hi].sentence == si:
                hi += 1
            self._ctx[si] = any(
                not self.quoted(k) and (self.is_konj1(k) or self.is_konj2(k) or self.speech_lemma(k, hi) is not None)
                for k in range(lo, hi)
            )
        return self._ctx[si]
