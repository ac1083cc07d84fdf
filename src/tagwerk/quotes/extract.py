"""Rules that find direct, indirect, reported and free indirect speech.

The unit of work is one sentence of tokens (``analysis.tokens``). A *frame* is the part of
a sentence that attributes speech (``sagte Lawrow``, ``laut der Polizei``, ``wie KCNA
berichtete``); what the frame leaves over is the quote. Stretches between quotation marks
are Direct quotes when a frame or their length says so. Sentences in Konjunktiv I after a
quote continue it (IndirectFreeIndirect); ``soll``-sentences after one are FreeIndirect.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tagwerk.analysis import Entity, Mention, Quote, Sentence, Span, Token
from tagwerk.lang.de import lemmas
from tagwerk.lang.de import speech as L

Range = tuple[int, int]  # token indices [a, b)

PUNCT = frozenset(",.;:!?…–—-()[]/")
BOUNDARY = frozenset({",", ";", ":", "–", "—", "(", ")"})
SENT_END = frozenset({".", "!", "?", "…", "..."})
QUOTE_CHARS = frozenset("„“”\"»«‚‘’'›‹")

# Quoted stretches shorter than this (in words) without a frame are titles or scare quotes,
# not quotes. Chosen on quotes-wikinews train: 5 words kept most framed-less Direct quotes
# while dropping most titles.
MIN_FREE_DIRECT_WORDS = 5
# How many sentences after a quote a Konjunktiv-I sentence still continues it
# (quotes-wikinews train: continuations rarely skip more than one sentence).
CONTINUATION_GAP = 1
_FUNCTION_WORDS = frozenset("und oder der die das des dem den von zu in im am an auf mit für ein eine einer".split()) | L.FOREIGN_FUNCTION_WORDS
# Quoted stretches with foreign function words are names or titles unless they are framed
# and at least this long (quotes-wikinews train: framed English sentences are quotes).
FOREIGN_QUOTE_WORDS = 6
# Whether unframed short lowercase stretches need speech or Konjunktiv in their sentence.
# Off: on quotes-wikinews train it raises Direct precision 0.877 -> 0.902 but lowers
# recall 0.901 -> 0.873 (F1 0.889 -> 0.887); scare quotes are mostly the speaker's words.
UNFRAMED_NEEDS_CONTEXT = False
# Also report a frame nested in a ``laut``/``zufolge`` frame (``Laut X hat Y erklärt, ...``).
NESTED = True


@dataclass(slots=True)
class Frame:
    """The attribution part of one sentence and the content it frames."""

    kind: str
    cue: list[int]
    speaker: Range | None
    content: list[Range]
    frame_tokens: set[int] = field(default_factory=set)
    addressee: Range | None = None
    reported: bool = False


@dataclass(slots=True)
class _Speaker:
    span: Span | None
    entity: str | None
    name: str | None


# -- quotation marks -------------------------------------------------------------------


def quoted_segments(text: str, blocks: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges (marks included) of top-level quoted stretches, each inside a block.

    Handles „…“ „…” »…« «…» “…” "…" ‚…‘ '…' and nested single marks inside double ones.
    An unclosed quote runs to the end of its block.
    """
    out: list[tuple[int, int]] = []
    for b_start, b_end in blocks:
        i = b_start
        while i < b_end:
            m = _MAYBE_OPENER.search(text, i, b_end)  # skip to the next mark that may open a quote
            if m is None:
                break
            i = m.start()
            ch = text[i]
            closers = _opener(text, i, b_start)
            if closers is None:
                i += 1
                continue
            j = _find_close(text, i + 1, b_end, ch, closers)
            if j is None:
                out.append((i, b_end))
                break
            out.append((i, j + 1))
            i = j + 1
    return out


_MAYBE_OPENER = re.compile("[„»«“\"‚›']")
"""Every character ``_opener`` may accept."""


def _opener(text: str, i: int, lo: int) -> str | None:
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch == "„":
        return "“”\""
    if ch == "»":
        return "«"
    if ch == "«":
        return "»"
    if ch == "“":
        return "”" if not prev.isalnum() else None
    if ch == '"':
        return '"“' if (not prev.isalnum() and not nxt.isspace()) else None
    if ch == "‚":
        return "‘’'"
    if ch == "›":
        return "‹"
    if ch == "'":
        return "'’" if (prev.isspace() or prev in "([") and nxt.isalnum() else None
    return None


def _find_close(text: str, i: int, hi: int, opener: str, closers: str) -> int | None:
    while i < hi:
        ch = text[i]
        if ch in closers:
            if opener in "'‚":
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if nxt.isalnum():  # an apostrophe inside a word
                    i += 1
                    continue
            return i
        i += 1
    return None


# -- token helpers ---------------------------------------------------------------------


class _Doc:
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

    def quoted(self, i: int) -> bool:
        return self.seg_of[i] >= 0

    def is_cap(self, i: int) -> bool:
        c = self.tokens[i].text[:1]
        return c.isupper()

    def is_word(self, i: int) -> bool:
        return self.tokens[i].text[:1].isalnum()

    def span(self, a: int, b: int) -> Span:
        s, e = self.tokens[a].start, self.tokens[b - 1].end
        return Span(s, e, self.text[s:e])

    def speech_lemma(self, i: int, clause_end: int) -> str | None:
        """The speech verb lemma of token i (joining a separable particle), or None."""
        if self.quoted(i) or not self.is_word(i):
            return None
        low = self.low[i]
        if self.is_cap(i) and i > 0 and self.tokens[i - 1].text not in QUOTE_CHARS and not _sentence_initial(self, i):
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
        if lem in L.SPEECH_VERBS and low not in ("wissen", "weiß"):
            return lem
        return None

    def is_konj1(self, i: int) -> bool:
        low = self.low[i]
        if self.quoted(i) or self.is_cap(i) and not _sentence_initial(self, i):
            return False
        if low in L.KONJUNKTIV_I:
            return not (i > 0 and self.low[i - 1] == "ich")
        if len(low) < 4 or not low.endswith("e") or low in L.NOT_KONJUNKTIV:
            return False
        lem = self.lemma[i].lower()
        if lem.endswith("en") and lem[:-1] == low:
            return not (i > 0 and self.low[i - 1] in ("ich", "sie", "wir"))
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


def _sentence_initial(doc: _Doc, i: int) -> bool:
    return i == 0 or doc.tokens[i - 1].sentence != doc.tokens[i].sentence


# -- noun phrases ----------------------------------------------------------------------


def _adj_like(low: str) -> bool:
    return len(low) > 3 and low.endswith(("e", "en", "er", "es", "em")) and low not in L.NP_STOP


def np_right(doc: _Doc, i: int, hi: int, max_len: int = 14) -> Range | None:
    """A noun phrase starting at token i (subject after an inverted verb, source after ``laut``)."""
    j = i
    seen_noun = False
    while j < hi and j - i < max_len:
        t = doc.tokens[j].text
        low = doc.low[j]
        if doc.quoted(j):
            if seen_noun or j == i or doc.low[j - 1] in L.DETERMINERS:  # a quoted name inside the NP: „Die Welt“
                k = j
                while k < hi and doc.seg_of[k] == doc.seg_of[j]:
                    k += 1
                if j == i or doc.low[j - 1] in L.DETERMINERS:
                    j = k
                    seen_noun = True
                    continue
            break
        if t == "(":
            k = j + 1
            while k < hi and doc.tokens[k].text != ")" and k - j < 6:
                k += 1
            if k < hi and doc.tokens[k].text == ")" and seen_noun:
                j = k + 1
                continue
            break
        if not doc.is_word(j):
            break
        if doc.is_cap(j):
            if low in L.NP_STOP and j > i and low not in ("der", "die", "das"):
                break
            seen_noun = True
            j += 1
            continue
        if low in L.PERSONAL_PRONOUNS and j == i:
            return (i, i + 1)
        if low in L.NP_STOP and not (low in L.NP_INNER and seen_noun) and not (j == i and low in L.DETERMINERS):
            break
        if low in L.DETERMINERS or low in L.NP_INNER:
            if seen_noun and low not in ("der", "des", "von"):
                break  # a new noun phrase (object) starts: ``sagte X den Medien``
            j += 1
            continue
        if low[:1].isdigit() or _adj_like(low):
            if (
                seen_noun
                and not low[:1].isdigit()
                and doc.lemma[j].lower().endswith(("en", "ern", "eln"))
                and not (doc.low[j - 1] in L.DETERMINERS or doc.low[j - 1] in L.NP_INNER or _adj_like(doc.low[j - 1]) and not doc.is_cap(j - 1))
            ):
                break  # a verb after the noun (``aus Kreisen werden ...``), not an attribute
            j += 1
            continue
        break
    # trim trailing determiners/adjectives without a noun after them
    while j > i and not doc.is_cap(j - 1) and not doc.quoted(j - 1) and doc.tokens[j - 1].text != ")":
        j -= 1
    if j > i and seen_noun:
        return (i, j)
    return None


def np_left(doc: _Doc, j: int, lo: int, max_len: int = 10) -> Range | None:
    """A noun phrase ending just before token j (``Experten`` in ``Experten zufolge``)."""
    i = j
    while i > lo and j - i < max_len:
        k = i - 1
        low = doc.low[k]
        if not doc.is_word(k):
            if doc.quoted(k):  # „Figaro“ zufolge
                s = doc.seg_of[k]
                while k > lo and doc.seg_of[k - 1] == s:
                    k -= 1
                i = k
                continue
            break
        if doc.is_cap(k):
            if low in ("am", "im", "nach", "bei", "laut", "in", "auf"):
                break
            i = k
            continue
        if low in L.DETERMINERS or low in L.NP_INNER or _adj_like(low) or low[:1].isdigit():
            i = k
            continue
        break
    # the phrase must end in a noun and not start with a bare genitive article chain
    if i < j and (doc.is_cap(j - 1) or doc.quoted(j - 1)):
        return (i, j)
    return None


# -- frames ----------------------------------------------------------------------------


def _clause_end(doc: _Doc, i: int, hi: int) -> int:
    while i < hi and not (doc.tokens[i].text in BOUNDARY and not doc.quoted(i)):
        i += 1
    return i


def _content_end(doc: _Doc, hi: int, lo: int) -> int:
    """Drop final punctuation from a content range ending at hi."""
    while hi > lo and doc.tokens[hi - 1].text in SENT_END and not doc.quoted(hi - 1):
        hi -= 1
    return hi


def _trim(doc: _Doc, a: int, b: int) -> Range | None:
    while a < b and doc.tokens[a].text in PUNCT and not doc.quoted(a):
        a += 1
    while b > a and doc.tokens[b - 1].text in PUNCT and not doc.quoted(b - 1):
        b -= 1
    while a < b and doc.low[a] in ("und", "aber", "doch", "sondern") and not doc.quoted(a):
        a += 1
    if b - a < 2 and not (b > a and doc.quoted(a)):
        return None
    return (a, b)


def _complement_follows(doc: _Doc, c: int, hi: int) -> bool:
    """Does a complement (dass-clause, Konjunktiv clause, quote, zu-infinitive) start at c?"""
    if c >= hi:
        return False
    if doc.quoted(c):
        return True
    if doc.low[c] in L.COMPLEMENTISERS:
        return True
    end = _clause_end(doc, c, hi)
    for k in range(c, min(end, c + 25)):
        if doc.is_konj1(k) or doc.is_konj2(k):
            return True
    if end - 1 > c and doc.low[end - 2 if doc.tokens[end - 1].text in SENT_END else end - 1] == "zu":
        return True
    for k in range(c, min(end, c + 25)):
        if doc.low[k] == "zu" and k + 1 < end and doc.low[k + 1][:1].islower() and doc.low[k + 1].endswith("en"):
            return True
    last = end - 1
    while last > c and not doc.is_word(last):
        last -= 1
    return _zu_infinitive(doc.tokens[last].text)


def _zu_infinitive(word: str) -> bool:
    """A separable verb's zu-infinitive in one word: ``zurückzuziehen``, ``aufzugeben``."""
    if not word[:1].islower() or not word.endswith(("en", "ern", "eln")):
        return False
    return any(word.startswith(p + "zu") and len(word) > len(p) + 4 for p in L.SEPARABLE_PREFIXES)


def _subject(doc: _Doc, lo: int, verb: int, hi: int) -> Range | None:
    """Subject of a V2 clause from lo whose finite verb is at ``verb``."""
    a = lo
    while a < verb and (doc.low[a] in L.LEADING_PARTICLES or not doc.is_word(a)) and not doc.quoted(a):
        a += 1
    after = verb + 1
    while after < hi and doc.low[after] in L.REFLEXIVES and not doc.quoted(after):
        after += 1  # ``äußerte sich der Minister``
    if after < hi and doc.low[after] in L.PERSONAL_PRONOUNS | {"man"} and not doc.quoted(after):
        return (after, after + 1)  # ``Die Tat bezeichnete er als ...``: the object is fronted
    if a < verb - 1 and doc.low[verb - 1] in L.COORDINATORS and not doc.quoted(verb - 1):
        # a coordinated verb shares the first verb's subject: ``X warf Y ... vor und kündigte an``
        if doc.low[a] in L.DETERMINERS or doc.is_cap(a) and doc.low[a] not in L.FRONT_ADVERBIALS:
            rng = np_right(doc, a, verb - 1)
            if rng is not None and rng[0] == a and rng[1] < verb - 1 and doc.is_word(rng[1]) and not doc.is_cap(rng[1]):
                return rng
    if doc.low[a] in L.NAME_PARTICLES and doc.is_cap(a) and _particle_name(doc, a, verb):
        return (a, verb)  # ``Von der Leyens Sprecher wollte ...``: a name, not a preposition
    if (
        a >= verb
        or doc.low[a] in L.FRONT_ADVERBIALS
        or doc.low[a] in L.CUE_ADVERBS
        or doc.low[a] in L.CUE_PREP_BEFORE
        or (not doc.is_cap(a) and not doc.quoted(a) and doc.low[a] not in L.DETERMINERS and doc.low[a] not in L.PERSONAL_PRONOUNS)
        or doc.low[a].endswith(L.ADVERB_ENDINGS)
        or (verb - a == 1 and doc.low[a] not in L.PRONOUN_LIKE and _adverb(doc.tokens[a].text))
    ):
        end = _clause_end(doc, after, hi)
        rng = np_right(doc, after, end)
        if rng is None and after < end and doc.low[after] in L.GROUP_PRONOUNS and not doc.quoted(after):
            return (after, after + 1)  # ``vereinbarten beide``
        return rng
    if doc.low[a] in L.DEMONSTRATIVES and verb - a == 1:
        end = _clause_end(doc, after, hi)
        rng = np_right(doc, after, end)
        if rng is not None or doc.low[a] not in L.DEMONSTRATIVE_SUBJECTS:
            return rng
    if verb - a > 16:
        return None
    return (a, verb)


def _particle_name(doc: _Doc, a: int, verb: int) -> bool:
    """Is the Vorfeld [a, verb), opening with a name particle, a name (``Von der Leyen(s ...)``)?"""
    if verb - a > 8 or any(not doc.is_word(k) or doc.quoted(k) for k in range(a, verb)):
        return False
    k = a + 1
    while k < verb and doc.low[k] in L.NAME_PARTICLE_INNER and not doc.is_cap(k):
        k += 1
    if k >= verb or not doc.is_cap(k):
        return False
    if a in doc.name_tokens and k in doc.name_tokens:
        return True
    # without NER: a genitive name before a noun (``Von der Leyens Sprecher``)
    return doc.low[k].endswith("s") and k + 1 < verb and doc.is_cap(k + 1)


@lru_cache(maxsize=20_000)
def _adverb(word: str) -> bool:
    """A capitalised clause opener that is an adverb or adjective (``Offiziell``, ``Besorgt``)."""
    lem = lemmas.lemmatize(word)
    return lem[:1].islower()


def _agent(doc: _Doc, lo: int, hi: int) -> Range | None:
    """The ``von X`` agent of a passive clause, else None."""
    for k in range(lo, hi - 1):
        if doc.low[k] in ("von", "vom") and not doc.quoted(k):
            rng = np_right(doc, k + 1, hi)
            if rng is not None:
                return rng
    return None


def _trim_punct(doc: _Doc, rng: Range) -> Range:
    a, b = rng
    while b > a + 1 and not doc.is_word(b - 1) and not doc.quoted(b - 1) and doc.tokens[b - 1].text != ")":
        b -= 1
    return (a, b)


def _coordinated_speech(doc: _Doc, i: int, end: int) -> int | None:
    """The coordinator after the verb at i when a second speech verb follows it (``vor und kündigte an``)."""
    if doc.quoted(i) or not doc.is_word(i) or doc.is_cap(i) and not _sentence_initial(doc, i):
        return None
    for u in range(i + 1, end - 1):
        if doc.quoted(u):
            return None
        if doc.low[u] in L.COORDINATORS:
            v = u + 1
            if doc.is_word(v) and not doc.is_cap(v) and doc.speech_lemma(v, end) is not None:
                return u
            return None
    return None


def _finite_before(doc: _Doc, lo: int, cue: int) -> int:
    """The finite auxiliary or modal before a participle cue in the same clause, else the cue."""
    for k in range(lo, cue):
        low = doc.low[k]
        if doc.quoted(k):
            continue
        if low in L.FINITE_AUX or doc.lemma[k].lower() in ("können", "wollen", "müssen", "sollen", "dürfen", "werden"):
            if not doc.is_cap(k) or _sentence_initial(doc, k):
                return k
    return cue


def _particle_at(doc: _Doc, i: int, end: int) -> list[int]:
    last = end - 1
    while last > i and not doc.is_word(last):
        last -= 1
    if last > i and doc.low[last] in L.PARTICLES and (doc.low[last] + doc.lemma[i].lower()) in L.SPEECH_VERBS:
        return [last]
    return []


def frames_in_sentence(doc: _Doc, lo: int, hi: int) -> list[Frame]:
    """Every frame found in the sentence of tokens [lo, hi), best first."""
    frames: list[Frame] = []
    used: set[int] = set()
    body_hi = _content_end(doc, hi, lo)

    def add(fr: Frame) -> None:
        frames.append(fr)
        used.update(fr.frame_tokens)

    # 1. inverted frame after a comma: ``..., sagte Lawrow (am Montag).``
    for i in range(lo + 1, hi):
        if doc.tokens[i - 1].text != "," or doc.quoted(i - 1) or doc.quoted(i) or i in used:
            continue
        end = _clause_end(doc, i, hi)
        lem = doc.speech_lemma(i, end)
        verb = i
        cue = [i]
        if lem is None and doc.low[i] in L.FINITE_AUX:
            for k in range(i + 1, end):
                lem = doc.speech_lemma(k, end)
                if lem:
                    cue = [k]
                    break
        if lem is None:
            continue
        cue += _particle_at(doc, cue[0], end)
        spk = np_right(doc, verb + 1, end)
        if spk is None:
            continue
        ftoks = set(range(i - 1, end))
        content = []
        r1 = _trim(doc, lo, i - 1)
        if r1:
            content.append(r1)
        if end < body_hi and doc.tokens[end].text == "," and end + 1 < body_hi and doc.low[end + 1] not in (
            "der", "die", "das", "dessen", "deren", "welche", "welcher", "nachdem", "als", "weil", "wo", "bevor"
        ):
            r2 = _trim(doc, end + 1, body_hi)
            if r2:
                content.append(r2)
        elif end < body_hi:
            ftoks.update(range(end, body_hi))
        if not content:
            continue
        add(Frame("inverted", cue, spk, content, ftoks, reported=False))

    # 2. ``wie X mitteilte`` as a clause
    for i in range(lo, hi):
        if doc.low[i] != "wie" or doc.quoted(i) or i in used:
            continue
        if i > lo and doc.tokens[i - 1].text not in (",", "(", "–"):
            continue
        end = _clause_end(doc, i + 1, hi)
        v = end - 1
        while v > i and (not doc.is_word(v) or doc.low[v] in L.FINITE_AUX or doc.low[v] in ("worden", "wurde")):
            v -= 1
        lem = doc.speech_lemma(v, v + 1) if v > i else None
        if lem is None or v - i > 14:
            continue
        a = i + 1
        while a < v and doc.low[a] in L.NP_STOP and doc.low[a] not in L.DETERMINERS and not doc.quoted(a):
            a += 1  # ``wie schon die WHO sagte``
        spk = np_right(doc, a, v)
        if spk is None and a < v and v - a <= 6:
            spk = (a, v)  # ``wie t-online.de berichtet``
            while spk[1] > a + 1 and (doc.low[spk[1] - 1] in L.FINITE_AUX or not doc.is_word(spk[1] - 1)):
                spk = (a, spk[1] - 1)
        ftoks = set(range(i, end + (1 if end < hi and doc.tokens[end].text == "," else 0)))
        content = [r for r in (_trim(doc, lo, i), _trim(doc, end, body_hi)) if r]
        if content:
            add(Frame("wie", [i, v], spk, content, ftoks))

    # 3. a speech verb in the first clause with a complement after a comma or colon
    in_content: set[int] = {k for fr in frames for r in fr.content for k in range(*r)}
    first_end = lo
    while first_end < hi:
        first_end = _clause_end(doc, first_end, hi)
        if first_end < hi and doc.tokens[first_end].text in ("(", ")"):
            first_end += 1
            continue
        break
    # a subject with an apposition before the verb: ``Max Muster, der Direktor, sagte, ...``
    pre_subject: Range | None = None
    if first_end < hi and doc.tokens[first_end].text == "," and first_end - lo <= 8 and doc.is_cap(lo) and doc.low[lo] not in L.SUBORDINATORS | L.FRONT_ADVERBIALS:
        e2 = _clause_end(doc, first_end + 1, hi)
        if e2 + 1 < hi and doc.tokens[e2].text == "," and e2 - first_end <= 14 and not doc.quoted(e2 + 1):
            e3 = _clause_end(doc, e2 + 1, hi)
            if doc.speech_lemma(e2 + 1, e3) and not any(doc.speech_lemma(k, first_end) for k in range(lo, first_end)):
                pre_subject = _trim_punct(doc, (lo, e2))
                first_end = e3
    reported: Frame | None = None
    for i in range(lo, first_end):
        if i in used or i in in_content:
            continue
        u = _coordinated_speech(doc, i, first_end)
        if u is not None:
            # ``X warf Y Protektionismus vor und kündigte an, ...``: the first verb is a
            # Reported speech act of the shared subject; the second one takes the complement
            lem1 = doc.speech_lemma(i, u)
            if lem1 in L.REPORTED_VERBS:
                spk1 = _subject(doc, lo, _finite_before(doc, lo, i), u)
                if spk1 is not None and not (spk1[0] <= i < spk1[1]):
                    add(Frame("reported", [i, *_particle_at(doc, i, u)], spk1, [(lo, u)], set(), reported=True))
            if lem1 is not None:
                continue
        lem = doc.speech_lemma(i, first_end)
        if lem is None:
            continue
        fin = _finite_before(doc, lo, i)
        cue = [i, *_particle_at(doc, i, first_end)]
        end = first_end
        # an apposition after the subject: ``erklärte der Direktor, Max Muster, ...``
        if end < body_hi and doc.tokens[end].text == ",":
            nxt = _clause_end(doc, end + 1, hi)
            if nxt < body_hi and doc.tokens[nxt].text == "," and nxt - end <= 7 and _name_like(doc, end + 1, nxt):
                end = nxt
        if end >= body_hi:
            reported = _verb_only_frame(doc, lo, hi, fin, i, end, lem, cue)
            break
        sep = doc.tokens[end].text
        c = end + 1
        if sep not in (",", ":") or not (sep == ":" or _complement_follows(doc, c, body_hi)):
            reported = _verb_only_frame(doc, lo, hi, fin, i, end, lem, cue)
            break
        spk = pre_subject or _subject(doc, lo, fin, first_end)
        if fin != i and doc.lemma[fin].lower() == "werden" and doc.low[i] != doc.lemma[i].lower():
            spk = _agent(doc, lo, first_end)  # a passive: ``Es wird vermutet``, ``vom Verband aufgefordert``
        stop = body_hi if sep == "," else hi
        for k in range(c, stop):
            if k in used:  # another frame (``berichtete KCNA``) ends this complement
                stop = k
                break
        r = _trim(doc, c, stop)
        if r:
            add(Frame("initial" if sep == "," else "colon", cue, spk, [r], set(range(lo, c))))
        break

    # 3b. a speech verb later in the sentence before a colon and a quote:
    #     ``Der Direktor, Max Muster, sagte: „...“``; ``Als ..., biss er zu und rief: „...“``
    covered = {k for fr in frames for r in fr.content for k in range(*r)}
    for c in range(lo + 1, hi - 1):
        if doc.tokens[c].text != ":" or doc.quoted(c) or not doc.quoted(c + 1) or (c + 1) in covered:
            continue
        v = next((k for k in range(c - 1, lo - 1, -1) if not doc.quoted(k) and doc.speech_lemma(k, c)), None)
        if v is None or v in used:
            break
        cs = lo
        if doc.low[lo] in L.SUBORDINATORS:  # a leading subordinate clause is no Vorfeld subject
            e = _clause_end(doc, lo, v)
            if e < v:
                cs = e + 1
        fin = _finite_before(doc, cs, v)
        spk = _subject(doc, cs, fin, c)
        if spk is None and cs < fin and not doc.is_cap(cs):  # ``biss der Mann zu und rief:``
            spk = np_right(doc, cs + 1, _clause_end(doc, cs + 1, c))
        if spk is not None:
            spk = _trim_punct(doc, spk)
        add(Frame("colon", [v, *_particle_at(doc, v, c)], spk, [(c + 1, hi)], set(range(lo, c + 1))))
        break

    # 4. prepositional cues: laut X, X zufolge, nach Angaben X, X nach, so X
    verb_content: set[int] = {k for fr in frames for r in fr.content for k in range(*r)}
    blocked = {k for fr in frames if fr.kind in ("inverted", "wie") for k in fr.frame_tokens}
    for i in range(lo, hi):
        if doc.quoted(i) or i in blocked or i in verb_content:
            continue
        low = doc.low[i]
        fr: Range | None = None
        spk: Range | None = None
        cue = [i]
        if low in L.CUE_PREP_BEFORE:
            spk = np_right(doc, i + 1, _clause_end(doc, i + 1, hi))
            if spk:
                fr = (i, spk[1])
        elif low in L.CUE_POSTPOSITIONS:
            spk = np_left(doc, i, lo)
            if spk:
                fr = (spk[0], i + 1)
        elif low == "nach" and i + 1 < hi:
            k = i + 1
            while k < hi and (doc.low[k] in L.DETERMINERS or (_adj_like(doc.low[k]) and not doc.is_cap(k))):
                k += 1
            if k < hi and _is_source_noun(doc, k):
                end = _clause_end(doc, k + 1, hi)
                nxt = doc.low[k + 1] if k + 1 < end and not doc.quoted(k + 1) else ""
                tail = None
                if nxt in L.SOURCE_PREPS:  # ``nach Angaben aus Kommissionskreisen``
                    tail = np_right(doc, k + 2, end)
                elif nxt in L.SOURCE_GENITIVES or (
                    k + 1 < end and doc.is_cap(k + 1) and (nxt.endswith("s") or k + 1 in doc.name_tokens)
                ):  # ``nach Angaben der Polizei``, ``nach Angaben Moskaus``, not ``nach Meldungen Schäden``
                    tail = np_right(doc, k + 1, end)
                # the source is the phrase after the source noun; the cue is ``nach Angaben``
                spk = tail if tail else (k, k + 1)
                cue = list(range(i, k + 1))
                fr = (i, spk[1])
            elif i > lo and _is_source_noun(doc, i - 1) and (i + 1 >= hi or not (doc.is_cap(i + 1) or doc.low[i + 1] in L.DETERMINERS)):
                spk = np_left(doc, i, lo)
                if spk:
                    fr = (spk[0], i + 1)
        elif low == "so" and i > lo and doc.tokens[i - 1].text == "," and not doc.quoted(i - 1):
            end = _clause_end(doc, i + 1, hi)
            spk = np_right(doc, i + 1, end)
            if spk and spk[1] >= _content_end(doc, end, i):
                fr = (i - 1, end)
        elif low in L.CUE_ADVERBS:
            fr = (i, i + 1)
            spk = (i, i + 1)
        elif low in L.CUE_HEISST and i + 1 < hi and doc.low[i + 1] == "es":
            end = _clause_end(doc, i + 2, hi)
            cue = [i, i + 1]
            spk = None
            k = i + 2
            while k < end and doc.low[k] not in ("in", "im", "aus", "von", "vom", "bei", "beim"):
                k += 1
            if k < end:
                spk = np_right(doc, k + 1, end)
            fr = (i, spk[1] if spk else i + 2)
            a0 = lo
            while a0 < i and doc.low[a0] in L.LEADING_PARTICLES and not doc.quoted(a0):
                a0 += 1
            if spk is None and a0 < i and doc.low[a0] in L.HEISST_SOURCE_PREPS and not doc.quoted(a0):
                # ``Aus Regierungskreisen hieß es, ...``: the fronted source
                front = np_right(doc, a0 + 1, i)
                if front is not None and front[1] == i:
                    spk = front
                    fr = (a0, i + 2)
        if fr is None:
            continue
        a, b = fr
        if a > lo and doc.tokens[a - 1].text == "," and b < hi and doc.tokens[b].text == ",":
            a, b = a - 1, b + 1
        elif b < hi and doc.tokens[b].text == "," and b + 1 < hi and doc.low[b + 1] in L.RELATIVES:
            # ``Nach Angaben der Polizei, die ..., waren``: the relative clause is frame
            e = _clause_end(doc, b + 1, hi)
            if e < body_hi and doc.tokens[e].text == ",":
                b = e + 1
        content = [r for r in (_trim(doc, lo, a), _trim(doc, b, body_hi)) if r]
        if not content:
            continue
        add(Frame("prep", cue, spk, content, set(range(a, b))))

    if reported is not None and not frames:
        add(reported)

    # 5. ``X: „...“`` without a verb
    if not frames:
        for i in range(lo + 1, hi - 1):
            if doc.tokens[i].text == ":" and not doc.quoted(i) and doc.quoted(i + 1):
                spk = np_left(doc, i, lo)
                if spk and spk[0] == lo:
                    add(Frame("colon", [], spk, [(i + 1, hi)], set(range(lo, i + 1))))
                break
    for fr in frames:
        fr.addressee = _addressee(doc, fr, lo, hi)
    return frames


def _addressee(doc: _Doc, fr: Frame, lo: int, hi: int) -> Range | None:
    """Whom the speech is addressed to, where the frame says so.

    ``gegenüber der Zeitung``, ``in einem Interview mit X``, ``im Gespräch mit X``, ``an X
    gewandt``, a dative object of a speech verb (``sagte X dem Sender Y``, ``teilte dem Sender
    mit``) or the object of an appeal (``forderte die Regierung auf``).
    """
    if fr.kind == "prep" and fr.cue and doc.low[fr.cue[0]] != "so":
        return None
    if fr.frame_tokens:
        a, b = min(fr.frame_tokens), max(fr.frame_tokens) + 1
    elif fr.cue:
        a, b = lo, _clause_end(doc, fr.cue[0], hi)
    else:
        return None
    spk = fr.speaker or (-1, -1)
    content = {k for r in fr.content for k in range(*r)}

    def phrase(k: int) -> Range | None:
        end = _clause_end(doc, k, hi)
        for stop in (*fr.cue, spk[0]):
            if k < stop < end:
                end = stop  # the phrase ends before the verb or the speaker
        rng = np_right(doc, k, end)
        if rng is None or rng[0] < spk[1] and spk[0] < rng[1]:
            return None
        for e in range(rng[0], rng[1] - 1):
            if e in doc.name_ends and doc.is_cap(e + 1) and e + 1 not in doc.name_tokens:
                return (rng[0], e + 1)
        return rng

    for k in range(a, b - 1):
        if doc.quoted(k) or spk[0] <= k < spk[1] or k in content:
            continue
        low = doc.low[k]
        if low == "gegenüber" or (low == "mit" and k > a and doc.low[k - 1].endswith(L.CONVERSATION_NOUN_ENDINGS)):
            rng = phrase(k + 1)
            if rng is not None:
                return rng
        if low == "vor" and k + 1 < b and (doc.low[k + 1] in L.AUDIENCES or doc.low[k + 2 : k + 3] and doc.low[k + 2] in L.AUDIENCES):
            rng = phrase(k + 1)
            if rng is not None:
                return rng
        appeal = bool(fr.cue) and doc.lemma[fr.cue[0]].lower() in L.APPEAL_VERBS
        if low == "an" and ((k > a and doc.low[k - 1] in L.LETTER_NOUNS) or appeal or "gewandt" in doc.low[k:b]):
            rng = phrase(k + 1)
            if rng is not None:
                return rng
    if not fr.cue:
        return None
    v = fr.cue[0]
    lem = doc.lemma[v].lower()
    if len(fr.cue) > 1 and doc.low[fr.cue[-1]] in L.PARTICLES:
        lem = doc.low[fr.cue[-1]] + lem
    dative = lem in L.DATIVE_ADDRESSEE_VERBS
    accusative = lem in L.ACCUSATIVE_ADDRESSEE_VERBS
    if not (dative or accusative):
        return None
    k = v + 1
    if spk[0] == k:
        k = spk[1]
    while k < b and doc.low[k] in L.ADDRESSEE_SKIP and not doc.quoted(k):
        k += 1
    if k >= b or doc.quoted(k) or (k in content and not fr.reported):
        return None  # a Reported quote's content is its whole clause, objects included
    low = doc.low[k]
    if dative and (low in ("dem", "einem", "einer", "ihm", "ihr", "ihnen") or (low == "der" and spk[1] <= k and spk[0] >= 0)):
        return phrase(k) or ((k, k + 1) if low in ("ihm", "ihr", "ihnen") else None)
    if accusative and low in ("den", "die", "das", "ihn", "sie", "alle", "einen", "eine"):
        if low in ("ihn", "sie"):
            return (k, k + 1)
        return phrase(k)
    return None


def _verb_only_frame(doc: _Doc, lo: int, hi: int, fin: int, verb: int, end: int, lem: str, cue: list[int]) -> Frame | None:
    """A speech verb without a complement: a Reported quote (``X forderte den Rücktritt``).

    Passives, a fronted demonstrative (``Das bestätigte X``) and first-person clauses give
    no Reported quote, but the frame still lends its speaker to quoted words in the sentence.
    """
    spk = _subject(doc, lo, fin, end)
    a = lo
    while a < fin and (doc.low[a] in L.LEADING_PARTICLES or not doc.is_word(a)):
        a += 1
    passive = fin != verb and doc.lemma[fin].lower() in ("werden", "sein")
    demonstrative = doc.low[a] in L.DEMONSTRATIVES
    first_person = doc.low[a] in ("ich", "wir") or doc.quoted(verb)
    ok = lem in L.REPORTED_VERBS and spk is not None and not (passive or demonstrative or first_person)
    if spk is None and not ok:
        return None
    return Frame("reported" if ok else "verbonly", cue, spk, [(lo, hi)], set(), reported=ok)


def _own_source(doc: _Doc, rng: Range) -> bool:
    """``nach eigenen Angaben``, ``seiner Meinung nach``: the source is the clause's subject."""
    return any(doc.low[k] in L.OWN_SOURCE for k in range(*rng))


def _name_like(doc: _Doc, a: int, b: int) -> bool:
    """An apposition of names: capitalised words (and particles such as ``von``, ``el``)."""
    words = [k for k in range(a, b) if doc.is_word(k)]
    return bool(words) and doc.is_cap(words[0]) and sum(doc.is_cap(k) for k in words) >= len(words) - 1


def _is_source_noun(doc: _Doc, k: int) -> bool:
    t = doc.tokens[k].text
    if not t[:1].isupper():
        return False
    return t in L.SOURCE_NOUNS or doc.lemma[k] in L.SOURCE_NOUNS or t.lower().endswith(L.SOURCE_NOUN_ENDINGS)


# -- speakers --------------------------------------------------------------------------


class _Resolver:
    """Links speaker spans to entities; resolves pronouns to the last fitting person."""

    def __init__(self, doc: _Doc, mentions: Sequence[Mention], entities: Sequence[Entity]):
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.names = {e.id: e.name for e in entities}
        self.ran = bool(self.mentions)
        self.types = {e.id: e.type for e in entities}

    def resolve(self, rng: Range | None, last: _Speaker | None) -> _Speaker:
        if rng is None:
            return _Speaker(None, None, None)
        doc = self.doc
        span = doc.span(*rng)
        a, b = rng
        if b - a == 1 and doc.low[a] in L.PERSONAL_PRONOUNS:
            m = self._last_person(span.start)
            if m is not None:
                return _Speaker(span, m.entity, self.names.get(m.entity or "", m.text))
            if last is not None:
                return _Speaker(span, last.entity, last.name)
            return _Speaker(span, None, None)
        if b - a == 1 and doc.low[a] in L.GROUP_PRONOUNS:
            return _Speaker(span, None, None)  # ``beide``: a group, named before
        if b - a == 1 and doc.low[a] in L.CUE_ADVERBS and last is not None:
            return _Speaker(span, last.entity, last.name)
        inside = [m for m in self.mentions if m.start >= span.start and m.end <= span.end and not m.derived]
        if not inside:
            inside = [m for m in self.mentions if m.start < span.end and m.end > span.start and not (m.derived and m.start > span.start)]
        # a prenominal genitive (``Russlands Außenminister``, ``Nordkoreas Agentur KCNA``)
        # is not the speaker when a later name is in the span
        heads = [m for m in inside if not (m.text.endswith("s") and m.end < span.end and self._followed_by_noun(m.end, span.end))]
        inside = heads or inside
        for label in ("PER", "ORG", "LOC", "MISC"):
            for m in reversed(inside):  # the last name of a descriptive phrase is its head
                if m.label == label:
                    name = self.names.get(m.entity or "", None) or m.text
                    return _Speaker(span, m.entity, name)
        if self.ran and any(doc.is_word(k) and not doc.is_cap(k) and doc.low[k] not in L.DETERMINERS for k in range(a, b)):
            return _Speaker(span, None, span.text)  # a description without a name: keep it whole
        return _Speaker(span, None, _fallback_name(doc, rng))

    def _followed_by_noun(self, offset: int, end: int) -> bool:
        rest = self.doc.text[offset:end].lstrip()
        return bool(rest) and rest[0].isalpha()

    def overlaps(self, a: int, b: int) -> bool:
        """Does a name mention overlap characters [a, b)?"""
        return any(m.start < b and m.end > a for m in self.mentions)

    def first_name(self, lo: int, hi: int, skip: set[int] = frozenset()) -> _Speaker | None:  # type: ignore[assignment]
        """The first person or organisation named outside quotes in tokens [lo, hi)."""
        doc = self.doc
        a, b = doc.tokens[lo].start, doc.tokens[hi - 1].end
        for m in self.mentions:
            if m.start >= b:
                break
            if m.start >= a and m.label in ("PER", "ORG") and not m.derived:
                k = self._token_at(m.start, lo, hi)
                if k is not None and not doc.quoted(k) and k not in skip:
                    return _Speaker(Span(m.start, m.end, m.text), m.entity, self.names.get(m.entity or "", m.text))
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


def _fallback_name(doc: _Doc, rng: Range) -> str:
    """Without NER: the capitalised words of the span that are not determiners."""
    a, b = rng
    words = [doc.tokens[k].text for k in range(a, b) if doc.is_cap(k) and doc.low[k] not in L.DETERMINERS]
    return " ".join(words) if words else doc.span(a, b).text


# -- the whole article -----------------------------------------------------------------


def find_quotes(
    text: str,
    sentences: Sequence[Sentence],
    tokens: Sequence[Token],
    mentions: Sequence[Mention] = (),
    entities: Sequence[Entity] = (),
    blocks: Sequence[tuple[int, int]] | None = None,
) -> list[Quote]:
    """All quotes of an article, in text order."""
    if blocks is None:
        blocks = _blocks_from_sentences(sentences)
    segments = quoted_segments(text, blocks)
    doc = _Doc(text, tokens, segments)
    doc.set_names(mentions)
    res = _Resolver(doc, mentions, entities)

    # token range of each sentence
    ranges: list[Range] = []
    i = 0
    for si in range(len(sentences)):
        a = i
        while i < len(tokens) and tokens[i].sentence == si:
            i += 1
        ranges.append((a, i))

    quotes: list[Quote] = []
    seg_done: set[int] = set()
    last: _Speaker | None = None
    last_sent = -10
    last_block = -1
    open_ifi: Quote | None = None

    all_frames = [frames_in_sentence(doc, lo, hi) if hi > lo else [] for lo, hi in ranges]
    # a quoted stretch over several sentences takes the frame of any sentence it reaches
    seg_frame: dict[int, tuple[int, Frame]] = {}
    for si, frs in enumerate(all_frames):
        for fr in frs:
            for a, b in fr.content:
                for k in range(a, b):
                    s = doc.seg_of[k]
                    if s >= 0 and s not in seg_frame:
                        seg_frame[s] = (si, fr)

    for si, (lo, hi) in enumerate(ranges):
        if hi <= lo:
            continue
        block = sentences[si].block
        frames = all_frames[si]
        sent_segs = sorted({doc.seg_of[k] for k in range(lo, hi) if doc.seg_of[k] >= 0})
        if frames:
            open_ifi = None
            for fr in frames:
                spk = res.resolve(fr.speaker, last)
                if fr.speaker and _own_source(doc, fr.speaker):
                    spk = res.first_name(lo, hi, skip=fr.frame_tokens) or spk
                cue = _cue_span(doc, fr.cue)
                content_toks = sum(b - a for a, b in fr.content)
                quoted_toks = sum(1 for a, b in fr.content for k in range(a, b) if doc.quoted(k))
                inner_segs = sorted({doc.seg_of[k] for a, b in fr.content for k in range(a, b) if doc.seg_of[k] >= 0})
                if content_toks and quoted_toks / content_toks < 0.8 and fr.kind != "verbonly":
                    qtype = "Reported" if fr.reported else "Indirect"
                    quotes.append(_quote(qtype, [doc.span(a, b) for a, b in fr.content], spk, cue, si, doc, fr))
                direct: list[Span] = []
                for s in inner_segs:
                    if s in seg_done or not _segment_is_quote(doc, s, segments, framed=True, frame=fr, names=res):
                        continue
                    seg_done.add(s)
                    direct.append(_seg_span(text, segments[s]))
                if fr.kind == "inverted" and len(direct) == 2 and len(fr.content) == 2 and quoted_toks / max(content_toks, 1) >= 0.8:
                    # one quote interrupted by its frame: „A“, sagte X, „B“
                    quotes.append(_quote("Direct", direct, spk, cue, si, doc, fr))
                else:
                    quotes.extend(_quote("Direct", [d], spk, cue, si, doc, fr) for d in direct)
                if spk.span is not None and fr is frames[0]:
                    last = spk
                    last_sent, last_block = si, block
            # quoted words in the frame's own clause: ``X nannte den Plan „fahrlässig“, ...``
            fr = next((f for f in frames if f.kind in ("initial", "colon", "reported", "verbonly", "inverted")), None)
            if fr is not None:
                for s in sent_segs:
                    if s in seg_done or not _segment_is_quote(doc, s, segments, framed=True, frame=fr, names=res):
                        continue
                    if any(f.speaker and f.speaker[0] <= doc.seg_tokens[s][0] < f.speaker[1] for f in frames):
                        continue
                    seg_done.add(s)
                    spk = res.resolve(fr.speaker, last)
                    quotes.append(_quote("Direct", [_seg_span(text, segments[s])], spk, _cue_span(doc, fr.cue), si, doc, fr))
            continue
        # no frame of its own: a free direct quote, or a continuation of the last speaker
        near = last is not None and si - last_sent <= CONTINUATION_GAP + 1 and block - last_block <= 1
        whole = _segment_covers(doc, lo, hi)
        for s in sent_segs:
            if s in seg_done:
                continue
            if s in seg_frame:
                fsi, fr = seg_frame[s]
                if not _segment_is_quote(doc, s, segments, framed=True, frame=fr, names=res):
                    continue
                seg_done.add(s)
                spk = res.resolve(fr.speaker, last)
                quotes.append(_quote("Direct", [_seg_span(text, segments[s])], spk, _cue_span(doc, fr.cue), si, doc, fr))
                continue
            if not _segment_is_quote(doc, s, segments, framed=False, frame=None, whole=whole):
                continue
            seg_done.add(s)
            if whole == s or (near and last is not None):
                spk = last if (near and last is not None) else _Speaker(None, None, None)
            else:
                # a quote inside a sentence without a frame: the sentence's first name speaks
                spk = res.first_name(lo, hi) or (last if last is not None and si - last_sent <= 3 else _Speaker(None, None, None))
            quotes.append(_quote("Direct", [_seg_span(text, segments[s])], spk, None, si, doc, None))
            if near:
                last_sent = si
        if whole is not None:
            open_ifi = None
            continue
        konj1 = any(doc.is_konj1(k) for k in range(lo, hi))
        konj2 = any(doc.is_konj2(k) for k in range(lo, hi))
        soll = any(doc.low[k] in ("soll", "sollen") and not doc.quoted(k) for k in range(lo, hi))
        if near and (konj1 or (konj2 and open_ifi is not None)):
            span = doc.span(lo, hi)
            if open_ifi is not None and open_ifi.spans[-1].end <= span.start and si - 1 == _last_sentence(open_ifi, sentences):
                merged = Span(open_ifi.spans[-1].start, span.end, text[open_ifi.spans[-1].start : span.end])
                open_ifi.spans[-1] = merged
                open_ifi.confidence = max(open_ifi.confidence, 0.6)
            else:
                assert last is not None
                open_ifi = Quote("IndirectFreeIndirect", [span], last.span, last.entity, last.name, None, None, si, 0.6)
                quotes.append(open_ifi)
            last_sent = si
            continue
        open_ifi = None
        if near and soll:
            assert last is not None
            quotes.append(Quote("FreeIndirect", [doc.span(lo, hi)], last.span, last.entity, last.name, None, None, si, 0.5))
            last_sent = si
    quotes.sort(key=lambda q: (q.spans[0].start, -q.spans[-1].end))
    return quotes


def _last_sentence(q: Quote, sentences: Sequence[Sentence]) -> int:
    end = q.spans[-1].end
    for k in range(q.sentence, len(sentences)):
        if sentences[k].end >= end:
            return k
    return q.sentence


def _segment_covers(doc: _Doc, lo: int, hi: int) -> int | None:
    """The segment index when the sentence is (nearly) all one quote."""
    words = [k for k in range(lo, hi) if doc.is_word(k)]
    if not words:
        return None
    segs = {doc.seg_of[k] for k in words}
    if len(segs) == 1 and -1 not in segs:
        return next(iter(segs))
    return None


def _segment_is_quote(
    doc: _Doc,
    s: int,
    segments: list[tuple[int, int]],
    *,
    framed: bool,
    frame: Frame | None,
    whole: int | None = None,
    names: _Resolver | None = None,
) -> bool:
    toks = doc.seg_tokens.get(s, [])
    words = [k for k in toks if doc.is_word(k)]
    if not words:
        return False
    first = toks[0]
    if first > 0 and doc.tokens[first - 1].text in L.TITLE_NOUNS:
        return False
    if frame is not None and frame.speaker and frame.speaker[0] <= first < frame.speaker[1]:
        return False
    # foreign names and titles: „Department of Vertebrate Zoology“, „Championnat du Monde“
    if any(doc.low[k] in L.FOREIGN_FUNCTION_WORDS for k in words) and doc.is_cap(words[0]) and whole != s and (len(words) < FOREIGN_QUOTE_WORDS or not framed):
        return False
    if len(words) < MIN_FREE_DIRECT_WORDS and whole != s:
        return _short_is_quote(doc, toks, words, framed, names)
    if framed:
        return True
    if whole == s:
        return True
    # titles and names: every word capitalised
    lower = [k for k in words if doc.tokens[k].text[:1].islower() and doc.low[k] not in _FUNCTION_WORDS]
    return len(lower) >= 2


def _short_is_quote(doc: _Doc, toks: list[int], words: list[int], framed: bool, names: _Resolver | None) -> bool:
    """Is a quoted stretch of one to four words the speaker's words (not a name, title or term)?

    Tuned on quotes-wikinews train: single capitalised words count only as a label the
    speaker gave (``nannte den Plan einen „Wortbruch“``, ``als „Unverschämtheit“``); single
    lowercase words and unframed short stretches need speech or Konjunktiv in the sentence;
    a capitalised unframed stretch needs a pronoun, a verb form or final punctuation.
    """
    first = toks[0]
    prev = first - 1
    while prev >= 0 and not doc.is_word(prev) and doc.tokens[prev].text in QUOTE_CHARS:
        prev -= 1
    prev_low = doc.low[prev] if prev >= 0 else ""
    if prev_low.startswith(L.SO_CALLED) or (prev_low.startswith("genannt") and prev > 0 and doc.low[prev - 1] == "so"):
        return False  # ``die so genannte „Roadmap“``: a term
    if any(doc.low[k] in L.FOREIGN_SHORT_WORDS for k in words):
        return False
    lower = [k for k in words if doc.tokens[k].text[:1].islower() and doc.low[k] not in _FUNCTION_WORDS]
    cap_first = doc.is_cap(words[0])
    name = names is not None and names.ran and names.overlaps(doc.tokens[toks[0]].start, doc.tokens[toks[-1]].end)
    if len(words) == 1:
        if not cap_first:
            return framed or doc.speech_context(first)
        return framed and prev_low in L.LABEL_BEFORE and not name
    if framed:
        if lower:
            return True
        if names is not None and names.ran and len(words) <= 3:
            return not name
        return False
    if not cap_first:
        return bool(lower) and (not UNFRAMED_NEEDS_CONTEXT or doc.speech_context(first))
    # an unframed capitalised stretch: a name or title unless it reads as a clause
    last = toks[-1]
    inner_end = any(doc.tokens[k].text in ("!", "?", ".") for k in toks[1:])
    return inner_end or any(doc.low[k] in L.CLAUSE_WORDS for k in words) and last > first


def _seg_span(text: str, seg: tuple[int, int]) -> Span:
    a, b = seg
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(a, b, text[a:b])


def _cue_span(doc: _Doc, cue: list[int]) -> Span | None:
    if not cue:
        return None
    a, b = min(cue), max(cue)
    if b - a > 1 and len(cue) > 1 and sorted(cue) != list(range(a, b + 1)):
        # a discontinuous cue (``teilte ... mit``): keep the verb
        return doc.span(cue[0], cue[0] + 1)
    return doc.span(a, b + 1)


def _quote(qtype: str, spans: list[Span], spk: _Speaker, cue: Span | None, si: int, doc: _Doc, fr: Frame | None) -> Quote:
    addressee = doc.span(*fr.addressee) if fr is not None and fr.addressee is not None else None
    return Quote(qtype, spans, spk.span, spk.entity, spk.name, cue, addressee, si, 0.8 if fr is not None else 0.5)  # type: ignore[arg-type]


def _blocks_from_sentences(sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    out: dict[int, list[int]] = {}
    for s in sentences:
        r = out.setdefault(s.block, [s.start, s.end])
        r[0] = min(r[0], s.start)
        r[1] = max(r[1], s.end)
    return [tuple(v) for _, v in sorted(out.items())]  # type: ignore[misc]
