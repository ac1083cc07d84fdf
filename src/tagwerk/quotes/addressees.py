"""Addressees: whom a frame's speech is addressed to (``sagte dem Sender``, ``gegenüber der
Zeitung``, ``forderte die Regierung auf``), as a token range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tagwerk.lang.de import speech as L
from tagwerk.quotes.phrases import clause_end, np_right
from tagwerk.quotes.tokens import Range, TokenView

if TYPE_CHECKING:
    from tagwerk.quotes.frames import Frame



def addressee(doc: TokenView, fr: Frame, lo: int, hi: int) -> Range | None:
    """Whom the speech is addressed to, where the frame says so.

    ``gegenüber der Zeitung``, ``in einem Interview mit X``, ``im Gespräch mit X``, ``an X
    gewandt``, a dative object of a speech verb (``sagte X dem Sender Y``, ``teilte dem Sender
    mit``) or the object of an appeal (``forderte die Regierung auf``).
    """
    if fr.kind == "prep" and fr.cue and doc.low[fr.cue[0]] not in L.CUE_SO:
        return None
    if fr.frame_tokens:
        a, b = min(fr.frame_tokens), max(fr.frame_tokens) + 1
    elif fr.cue:
        a, b = lo, clause_end(doc, fr.cue[0], hi)
    else:
        return None
    spk = fr.speaker or (-1, -1)
    content = {k for r in fr.content for k in range(*r)}
    rng = _prepositional_addressee(doc, fr, a, b, hi, spk, content)
    if rng is not None:
        return rng
    return _object_addressee(doc, fr, b, hi, spk, content)


def _prepositional_addressee(doc: TokenView, fr: Frame, a: int, b: int, hi: int, spk: Range, content: set[int]) -> Range | None:
    """``gegenüber X``, ``im Gespräch mit X``, ``vor Journalisten``, ``in einem Brief an X`` in frame tokens [a, b)."""
    for k in range(a, b - 1):
        if doc.quoted(k) or spk[0] <= k < spk[1] or k in content:
            continue
        low = doc.low[k]
        if low == "gegenüber" or (low == "mit" and k > a and doc.low[k - 1].endswith(L.CONVERSATION_NOUN_ENDINGS)):
            rng = _addressee_np(doc, fr, spk, k + 1, hi)
            if rng is not None:
                return rng
        if low == "vor" and k + 1 < b and (doc.low[k + 1] in L.AUDIENCES or doc.low[k + 2 : k + 3] and doc.low[k + 2] in L.AUDIENCES):
            rng = _addressee_np(doc, fr, spk, k + 1, hi)
            if rng is not None:
                return rng
        appeal = bool(fr.cue) and doc.lemma[fr.cue[0]].lower() in L.APPEAL_VERBS
        if low == "an" and ((k > a and doc.low[k - 1] in L.LETTER_NOUNS) or appeal or "gewandt" in doc.low[k:b]):
            rng = _addressee_np(doc, fr, spk, k + 1, hi)
            if rng is not None:
                return rng
    return None


def _object_addressee(doc: TokenView, fr: Frame, b: int, hi: int, spk: Range, content: set[int]) -> Range | None:
    """The dative object of a speech verb or the accusative object of an appeal verb."""
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
    if dative and (low in L.DATIVE_OBJECT_WORDS or (low == "der" and spk[1] <= k and spk[0] >= 0)):
        return _addressee_np(doc, fr, spk, k, hi) or ((k, k + 1) if low in L.DATIVE_PRONOUNS else None)
    if accusative and low in L.ACCUSATIVE_OBJECT_WORDS:
        if low in L.ACCUSATIVE_PRONOUNS:
            return (k, k + 1)
        return _addressee_np(doc, fr, spk, k, hi)
    return None


def _addressee_np(doc: TokenView, fr: Frame, spk: Range, k: int, hi: int) -> Range | None:
    """The noun phrase at k, ending before the verb or the speaker, cut after a name it starts with."""
    end = clause_end(doc, k, hi)
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
