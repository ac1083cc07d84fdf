"""Speech frames: the part of a sentence that attributes speech, one function per rule.

A *frame* is the part of a sentence that attributes speech (``sagte Lawrow``, ``laut der
Polizei``, ``wie KCNA berichtete``); what the frame leaves over is its content, the quote.
``frames_in_sentence`` applies the rules of ``RULES`` in order to one sentence; a rule sees the
frames the earlier ones found (``SentenceFrames``) and adds its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from tagwerk.lang.de import speech as L
from tagwerk.quotes.addressees import addressee
from tagwerk.quotes.phrases import (
    adj_like,
    agent,
    clause_end,
    complement_follows,
    content_end,
    coordinated_speech,
    finite_before,
    is_source_noun,
    name_like,
    np_left,
    np_right,
    particle_at,
    subject,
    trim,
    trim_punct,
)
from tagwerk.quotes.tokens import Range, TokenView


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
    back: bool = False
    """``Das berichteten arabische Medien.``: the frame names the source of the sentence before."""


@dataclass(slots=True)
class SentenceFrames:
    """One sentence of tokens [lo, hi) under the rules, and the frames found in it so far."""

    doc: TokenView
    lo: int
    hi: int
    body_hi: int  # hi without the final punctuation
    frames: list[Frame] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # frame tokens of the frames so far
    verb_only: Frame | None = None  # a speech verb without a complement (verb_in_first_clause)

    def add(self, fr: Frame) -> None:
        self.frames.append(fr)
        self.used.update(fr.frame_tokens)

    def content_tokens(self) -> set[int]:
        """The tokens of the frames' contents so far."""
        return {k for fr in self.frames for r in fr.content for k in range(*r)}


Rule = Callable[[SentenceFrames], None]


def frames_in_sentence(doc: TokenView, lo: int, hi: int) -> list[Frame]:
    """Every frame found in the sentence of tokens [lo, hi), best first."""
    sent = SentenceFrames(doc, lo, hi, content_end(doc, hi, lo))
    for rule in RULES:
        rule(sent)
    for fr in sent.frames:
        fr.addressee = addressee(doc, fr, lo, hi)
    return sent.frames


# -- 1. an inverted frame after a comma ------------------------------------------------


def inverted_after_comma(s: SentenceFrames) -> None:
    """A speech verb right after a comma, its subject after it: the rest of the sentence is the quote.

    ``Die Brücke bleibt gesperrt, teilte die Stadt am Freitag mit.``
    """
    doc = s.doc
    for i in range(s.lo + 1, s.hi):
        if doc.tokens[i - 1].text != "," or doc.quoted(i - 1) or doc.quoted(i) or i in s.used:
            continue
        if _named_noun_phrase(doc, s.lo, i - 1):
            continue  # ``Michael Knipper, Chef des Verbands, kritisierte ...``: the subject, no quote
        end = clause_end(doc, i, s.hi)
        cue = _inverted_cue(doc, i, end)
        if cue is None:
            continue
        spk = np_right(doc, i + 1, end)
        if spk is None:
            continue
        ftoks = set(range(i - 1, end))
        after = None
        if end < s.body_hi and doc.tokens[end].text == "," and end + 1 < s.body_hi and doc.low[end + 1] not in L.FRAME_CLAUSE_OPENERS:
            after = trim(doc, end + 1, s.body_hi)  # „A“, sagte X, „B“
        elif end < s.body_hi:
            ftoks.update(range(end, s.body_hi))  # the rest of the clause belongs to the frame
        content = [r for r in (trim(doc, s.lo, i - 1), after) if r]
        if content:
            s.add(Frame("inverted", cue, spk, content, ftoks, reported=False))


def _named_noun_phrase(doc: TokenView, lo: int, comma: int) -> bool:
    """Is [lo, comma) a name with its apposition and nothing else: capitalised words, function
    words and adjectives between an article and a noun only (no verb: German verbs are written
    small), ending with a name (``Elisabeth II.``: its last word or the one before)?"""
    if comma - 1 not in doc.name_ends and comma - 2 not in doc.name_ends:
        return False
    return all(
        doc.is_cap(k)
        or not doc.is_word(k)
        or doc.low[k] in L.NOUN_PHRASE_WORDS
        or (doc.low[k].endswith(L.ADJECTIVE_ENDINGS) and k + 1 < comma and doc.is_cap(k + 1) and k > lo and doc.low[k - 1] in L.DETERMINERS)
        for k in range(lo, comma)
        if not doc.quoted(k)
    )


def _inverted_cue(doc: TokenView, i: int, end: int) -> list[int] | None:
    """The speech verb at i, or the participle after an auxiliary at i (``hat X erklärt``), with its particle."""
    lem = doc.speech_lemma(i, end)
    cue = [i]
    if lem is None and doc.low[i] in L.FINITE_AUX:
        for k in range(i + 1, end):
            lem = doc.speech_lemma(k, end)
            if lem:
                cue = [k]
                break
    if lem is None:
        return None
    return cue + particle_at(doc, cue[0], end)


# -- 2. a ``wie``-clause ----------------------------------------------------------------


def wie_clause(s: SentenceFrames) -> None:
    """A ``wie X mitteilte`` clause: the rest of the sentence is the quote, X its speaker.

    ``Wie der Wetterdienst mitteilte, wird es am Wochenende kälter.``
    """
    doc = s.doc
    for i in range(s.lo, s.hi):
        if doc.low[i] != "wie" or doc.quoted(i) or i in s.used:
            continue
        if i > s.lo and doc.tokens[i - 1].text not in (",", "(", "–"):
            continue
        end = clause_end(doc, i + 1, s.hi)
        v = end - 1
        while v > i and (not doc.is_word(v) or doc.low[v] in L.FINITE_AUX or doc.low[v] in L.PASSIVE_AUX_FORMS):
            v -= 1
        lem = doc.speech_lemma(v, v + 1) if v > i else None
        if lem is None or v - i > 14:
            continue
        spk = _wie_speaker(doc, i, v)
        ftoks = set(range(i, end + (1 if end < s.hi and doc.tokens[end].text == "," else 0)))
        content = [r for r in (trim(doc, s.lo, i), trim(doc, end, s.body_hi)) if r]
        if content:
            s.add(Frame("wie", [i, v], spk, content, ftoks))


def _wie_speaker(doc: TokenView, i: int, v: int) -> Range | None:
    """The speaker between ``wie`` at i and the verb at v."""
    a = i + 1
    while a < v and doc.low[a] in L.NP_STOP and doc.low[a] not in L.DETERMINERS and not doc.quoted(a):
        a += 1  # ``wie schon die WHO sagte``
    spk = np_right(doc, a, v)
    if spk is None and a < v and v - a <= 6:
        spk = (a, v)  # ``wie t-online.de berichtet``
        while spk[1] > a + 1 and (doc.low[spk[1] - 1] in L.FINITE_AUX or not doc.is_word(spk[1] - 1)):
            spk = (a, spk[1] - 1)
    return spk


# -- 3. a speech verb in the first clause -----------------------------------------------


def verb_in_first_clause(s: SentenceFrames) -> None:
    """A speech verb in the first clause with a complement after a comma or colon.

    ``Die Ministerin sagte, die Schulen seien geöffnet.``; ``Der Bürgermeister erklärte: Die
    Brücke wird gesperrt.`` A verb without a complement is kept for ``verb_without_complement``;
    ``Der Verband lobte den Plan und kündigte an, ...`` also gives a Reported quote for ``lobte``.
    """
    doc = s.doc
    in_content = s.content_tokens()
    first_end, pre_subject = _first_clause(s)
    for i in range(s.lo, first_end):
        if i in s.used or i in in_content:
            continue
        u = coordinated_speech(doc, i, first_end)
        if u is not None and _coordinated_reported(s, i, u) is not None:
            continue
        lem = doc.speech_lemma(i, first_end)
        if lem is None:
            continue
        _frame_first_verb(s, i, lem, first_end, pre_subject)
        break


def _first_clause(s: SentenceFrames) -> tuple[int, Range | None]:
    """The end of the first clause (brackets skipped), and a subject set off by an apposition.

    ``Max Muster, der Direktor, sagte, ...``: the first clause runs to the verb's clause end
    and the subject is ``Max Muster, der Direktor``.
    """
    doc, lo, hi = s.doc, s.lo, s.hi
    first_end = lo
    while first_end < hi:
        first_end = clause_end(doc, first_end, hi)
        if first_end < hi and doc.tokens[first_end].text in ("(", ")"):
            first_end += 1
            continue
        break
    if not (first_end < hi and doc.tokens[first_end].text == "," and first_end - lo <= 8 and doc.is_cap(lo)):
        return first_end, None
    if doc.low[lo] in L.SUBORDINATORS or doc.low[lo] in L.FRONT_ADVERBIALS:
        return first_end, None
    e2 = clause_end(doc, first_end + 1, hi)
    if e2 + 1 < hi and doc.tokens[e2].text == "," and e2 - first_end <= 14 and not doc.quoted(e2 + 1):
        e3 = clause_end(doc, e2 + 1, hi)
        if doc.speech_lemma(e2 + 1, e3) and not any(doc.speech_lemma(k, first_end) for k in range(lo, first_end)):
            return e3, trim_punct(doc, (lo, e2))
    return first_end, None


def _coordinated_reported(s: SentenceFrames, i: int, u: int) -> str | None:
    """The first of two coordinated speech verbs (at i, the coordinator at u); its lemma or None.

    ``X warf Y Protektionismus vor und kündigte an, ...``: the first verb is a Reported speech
    act of the shared subject; the second one takes the complement.
    """
    doc, lo = s.doc, s.lo
    lem = doc.speech_lemma(i, u)
    if lem in L.REPORTED_VERBS:
        spk = subject(doc, lo, finite_before(doc, lo, i), u)
        if spk is not None and not (spk[0] <= i < spk[1]):
            s.add(Frame("reported", [i, *particle_at(doc, i, u)], spk, [(lo, u)], set(), reported=True))
    return lem


def _frame_first_verb(s: SentenceFrames, i: int, lem: str, first_end: int, pre_subject: Range | None) -> None:
    """The frame of the first clause's speech verb at i: its complement after a comma or colon."""
    doc, lo, hi, body_hi = s.doc, s.lo, s.hi, s.body_hi
    fin = finite_before(doc, lo, i)
    cue = [i, *particle_at(doc, i, first_end)]
    end = first_end
    # an apposition after the subject: ``erklärte der Direktor, Max Muster, ...``
    if end < body_hi and doc.tokens[end].text == ",":
        nxt = clause_end(doc, end + 1, hi)
        if nxt < body_hi and doc.tokens[nxt].text == "," and nxt - end <= 7 and name_like(doc, end + 1, nxt):
            end = nxt
    if end >= body_hi:
        s.verb_only = _verb_only_frame(doc, lo, hi, fin, i, end, lem, cue)
        return
    sep = doc.tokens[end].text
    c = end + 1
    if sep not in (",", ":") or not (sep == ":" or complement_follows(doc, c, body_hi)):
        s.verb_only = _verb_only_frame(doc, lo, hi, fin, i, end, lem, cue)
        return
    spk = pre_subject or subject(doc, lo, fin, first_end)
    passive = fin != i and doc.lemma[fin].lower() == "werden" and doc.low[i] != doc.lemma[i].lower()
    if lem == "zitieren":
        if not passive:  # ``Die Agentur zitiert dazu Néstor Kirchner mit den Worten: ...``: the one quoted
            quoted = next((k for k in range(i + 1, first_end) if k in doc.person_at and not doc.quoted(k)), None)
            if quoted is not None:
                spk = (quoted, doc.person_at[quoted])
        # a passive keeps its subject: ``Sie wird mit den Worten zitiert: ...``
    elif passive:
        spk = agent(doc, lo, first_end)  # a passive: ``Es wird vermutet``, ``vom Verband aufgefordert``
        if spk is None and doc.low[lo] in L.PASSIVE_SOURCE_PREPS and fin - lo <= 8 and not doc.quoted(lo + 1):
            spk = np_right(doc, lo + 1, fin)  # ``In dem Bericht wird festgehalten, dass ...``: the document
            if spk is None and fin == lo + 2 and doc.low[lo + 1] in L.DOCUMENT_DEMONSTRATIVES:
                spk = (lo + 1, fin)  # ``In diesem wird festgehalten``: the document named before
    stop = body_hi if sep == "," else hi
    for k in range(c, stop):
        if k in s.used:  # another frame (``berichtete KCNA``) ends this complement
            stop = k
            break
    r = trim(doc, c, stop)
    if r:
        s.add(Frame("initial" if sep == "," else "colon", cue, spk, [r], set(range(lo, c))))


def _verb_only_frame(doc: TokenView, lo: int, hi: int, fin: int, verb: int, end: int, lem: str, cue: list[int]) -> Frame | None:
    """A speech verb without a complement: a Reported quote (``X forderte den Rücktritt``).

    Passives, a fronted demonstrative (``Das bestätigte X``) and first-person clauses give
    no Reported quote, but the frame still lends its speaker to quoted words in the sentence.
    """
    spk = subject(doc, lo, fin, end)
    a = lo
    while a < fin and (doc.low[a] in L.LEADING_PARTICLES or not doc.is_word(a)):
        a += 1
    passive = fin != verb and doc.lemma[fin].lower() in L.PASSIVE_AUX_LEMMAS
    demonstrative = doc.low[a] in L.DEMONSTRATIVES
    first_person = doc.low[a] in L.FIRST_PERSON_PRONOUNS or doc.quoted(verb)
    ok = lem in L.REPORTED_VERBS and spk is not None and not (passive or demonstrative or first_person)
    if spk is None and not ok:
        return None
    back = demonstrative and fin == a + 1 and doc.low[a] in L.BACK_DEMONSTRATIVES and spk is not None and not passive
    return Frame("reported" if ok else "verbonly", cue, spk, [(lo, hi)], set(), reported=ok, back=back)


# -- 4. a speech verb before a colon and a quote ------------------------------------------


def verb_before_colon(s: SentenceFrames) -> None:
    """A speech verb after the first clause, before a colon and a quote.

    ``Als der Ball fiel, sprang er auf und rief: „Tor!“``
    """
    doc, lo, hi = s.doc, s.lo, s.hi
    covered = s.content_tokens()
    for c in range(lo + 1, hi - 1):
        if doc.tokens[c].text != ":" or doc.quoted(c) or not doc.quoted(c + 1) or (c + 1) in covered:
            continue
        v = next((k for k in range(c - 1, lo - 1, -1) if not doc.quoted(k) and doc.speech_lemma(k, c)), None)
        if v is None or v in s.used:
            break
        spk = _colon_speaker(doc, lo, v, c)
        s.add(Frame("colon", [v, *particle_at(doc, v, c)], spk, [(c + 1, s.hi)], set(range(lo, c + 1))))
        break


def _colon_speaker(doc: TokenView, lo: int, v: int, c: int) -> Range | None:
    """The subject of the speech verb at v before the colon at c."""
    sub = next((k for k in range(v - 1, lo, -1) if doc.tokens[k - 1].text == "," and doc.low[k] in L.SPEAKING_SUBORDINATORS), None)
    if sub is not None and sub + 1 < v and not doc.quoted(sub + 1):
        # ``..., indem sie den Aufsichtsrat aufforderte: „…“``: the subordinate clause's subject
        if doc.low[sub + 1] in L.SUBJECT_PRONOUNS:
            return (sub + 1, sub + 2)
        rng = np_right(doc, sub + 1, v)
        if rng is not None:
            return trim_punct(doc, rng)
    cs = lo
    if doc.low[lo] in L.SUBORDINATORS:  # a leading subordinate clause is no Vorfeld subject
        e = clause_end(doc, lo, v)
        if e < v:
            cs = e + 1
    fin = finite_before(doc, cs, v)
    spk = subject(doc, cs, fin, c)
    if spk is None and cs < fin and not doc.is_cap(cs):  # ``biss der Mann zu und rief:``
        spk = np_right(doc, cs + 1, clause_end(doc, cs + 1, c))
    if spk is not None:
        spk = trim_punct(doc, spk)
    return spk


def verb_in_subordinate_clause(s: SentenceFrames) -> None:
    """A speech verb ending a subordinate clause, its complement after a comma; its subject
    speaks (when no other rule framed the sentence).

    ``Die Mutter wandte sich an das Forum, da sie befürchtete, man wolle ihr die Kinder wegnehmen.``
    """
    if s.frames:
        return
    doc = s.doc
    for k in range(s.lo + 1, s.hi - 2):
        if doc.tokens[k - 1].text != "," or doc.quoted(k) or doc.low[k] not in L.REASON_SUBORDINATORS:
            continue
        end = clause_end(doc, k + 1, s.hi)
        v = end - 1
        if end >= s.body_hi or doc.tokens[end].text != "," or v <= k + 1 or doc.quoted(v):
            continue
        if doc.speech_lemma(v, end) is None or not complement_follows(doc, end + 1, s.body_hi):
            continue
        spk = (k + 1, k + 2) if doc.low[k + 1] in L.SUBJECT_PRONOUNS else np_right(doc, k + 1, v)
        r = trim(doc, end + 1, s.body_hi)
        if spk is not None and r:
            s.add(Frame("subordinate", [v], spk, [r], set(range(k - 1, end + 1))))
        return


# -- 5. prepositional and adverbial cues --------------------------------------------------


class Cue(NamedTuple):
    """What a cue word frames: the frame's token range, the source and the cue tokens."""

    frame: Range
    speaker: Range | None
    cue: list[int]


CueRule = Callable[[SentenceFrames, int], "Cue | None"]


def prepositional_cues(s: SentenceFrames) -> None:
    """A cue word (``laut``, ``zufolge``, ``nach Angaben``, ``so``, ``demnach``, ``heißt es``)
    and its source frame the rest of the sentence; the cue rules are ``CUES``.

    ``Laut der Feuerwehr brach das Feuer im Keller aus.``
    """
    doc, lo, hi = s.doc, s.lo, s.hi
    verb_content = s.content_tokens()
    blocked = {k for fr in s.frames if fr.kind in ("inverted", "wie") for k in fr.frame_tokens}
    for i in range(lo, hi):
        rules = _CUES_BY_WORD.get(doc.low[i])
        if rules is None or doc.quoted(i) or i in blocked or i in verb_content:
            continue
        found = next((cue for cue in (rule(s, i) for rule in rules) if cue is not None), None)
        if found is None:
            continue
        a, b = found.frame
        if a > lo and doc.tokens[a - 1].text == "," and b < hi and doc.tokens[b].text == ",":
            a, b = a - 1, b + 1
        elif b < hi and doc.tokens[b].text == "," and b + 1 < hi and doc.low[b + 1] in L.RELATIVES:
            # ``Nach Angaben der Polizei, die ..., waren``: the relative clause is frame
            e = clause_end(doc, b + 1, hi)
            if e < s.body_hi and doc.tokens[e].text == ",":
                b = e + 1
        content = [r for r in (trim(doc, lo, a), trim(doc, b, s.body_hi)) if r]
        if content:
            s.add(Frame("prep", found.cue, found.speaker, content, set(range(a, b))))


def cue_laut(s: SentenceFrames, i: int) -> Cue | None:
    """``laut``/``gemäß`` and the source to the right: ``Laut dem Veranstalter kamen 500 Gäste.``"""
    spk = np_right(s.doc, i + 1, clause_end(s.doc, i + 1, s.hi))
    return Cue((i, spk[1]), spk, [i]) if spk else None


def cue_zufolge(s: SentenceFrames, i: int) -> Cue | None:
    """``zufolge`` and the source to the left: ``Der Bahn zufolge fallen heute zwei Züge aus.``"""
    spk = np_left(s.doc, i, s.lo)
    return Cue((spk[0], i + 1), spk, [i]) if spk else None


def cue_nach_source(s: SentenceFrames, i: int) -> Cue | None:
    """``nach`` and a source noun, the source after it: ``Nach Auskunft des Vereins ist das Turnier ausverkauft.``

    Without a source after the noun the noun is the source (``Nach Zeugenaussagen ...``).
    """
    doc, hi = s.doc, s.hi
    if i + 1 >= hi:
        return None
    k = i + 1
    while k < hi and (doc.low[k] in L.DETERMINERS or (adj_like(doc.low[k]) and not doc.is_cap(k))):
        k += 1
    if not (k < hi and is_source_noun(doc, k)):
        return None
    end = clause_end(doc, k + 1, hi)
    nxt = doc.low[k + 1] if k + 1 < end and not doc.quoted(k + 1) else ""
    tail = None
    if nxt in L.SOURCE_PREPS:  # ``nach Angaben aus Kommissionskreisen``
        tail = np_right(doc, k + 2, end)
    elif nxt in L.SOURCE_GENITIVES or (
        k + 1 < end and doc.is_cap(k + 1) and (nxt.endswith("s") or k + 1 in doc.name_tokens)
    ):  # ``nach Angaben der Polizei``, ``nach Angaben Moskaus``, not ``nach Meldungen Schäden``
        tail = np_right(doc, k + 1, end)
    spk = tail if tail else (k, k + 1)
    return Cue((i, spk[1]), spk, list(range(i, k + 1)))  # the cue is ``nach Angaben``


def cue_source_nach(s: SentenceFrames, i: int) -> Cue | None:
    """A source noun phrase before ``nach`` (tried after ``cue_nach_source``):
    ``Seiner Ansicht nach ist der Plan zu teuer.``
    """
    doc = s.doc
    if not (i + 1 < s.hi and i > s.lo and is_source_noun(doc, i - 1)):
        return None
    if doc.is_cap(i + 1) or doc.low[i + 1] in L.DETERMINERS:  # ``nach`` opens a phrase of its own
        return None
    if doc.low[i + 1] in L.NACH_DIRECTIONS:  # ``die Sicht nach oben``: a direction, no source
        return None
    spk = np_left(doc, i, s.lo)
    return Cue((spk[0], i + 1), spk, [i]) if spk else None


def cue_so(s: SentenceFrames, i: int) -> Cue | None:
    """``so`` after a comma and a source that ends the clause: ``Die Lage sei ruhig, so ein Sprecher.``"""
    doc = s.doc
    if not (i > s.lo and doc.tokens[i - 1].text == "," and not doc.quoted(i - 1)):
        return None
    end = clause_end(doc, i + 1, s.hi)
    spk = np_right(doc, i + 1, end)
    if spk and spk[1] >= content_end(doc, end, i):
        return Cue((i - 1, end), spk, [i])
    return None


def cue_adverb(s: SentenceFrames, i: int) -> Cue | None:
    """``demnach``/``wonach``: the source is the previous speaker: ``Demnach fiel der Strom aus.``;
    after a comma, the phrase before it: ``bestätigte die Befunde des Amts, wonach ...``."""
    doc = s.doc
    if i - 1 > s.lo and doc.tokens[i - 1].text == "," and not doc.quoted(i - 1):
        spk = np_left(doc, i - 1, s.lo)
        verb = next((k for k in range(*spk) if not doc.is_cap(k) and doc.speech_lemma(k, i - 1)), None) if spk else None
        if spk is not None and verb is not None:  # ``Das Amt bestätigte die Befunde``: the object only
            spk = (verb + 1, spk[1]) if verb + 1 < spk[1] else None
        if spk is not None:  # what comes before the phrase is no part of the content
            return Cue((s.lo, i + 1), spk, [i])
    return Cue((i, i + 1), (i, i + 1), [i])


def cue_heisst_es(s: SentenceFrames, i: int) -> Cue | None:
    """``heißt es`` with the source after it or fronted: ``Aus dem Rathaus hieß es, die Kasse sei leer.``"""
    doc, lo, hi = s.doc, s.lo, s.hi
    if not (i + 1 < hi and doc.low[i + 1] == "es"):
        return None
    end = clause_end(doc, i + 2, hi)
    spk = None
    k = i + 2
    while k < end and doc.low[k] not in L.HEISST_SOURCE_PREPS:
        k += 1
    if k < end:
        spk = np_right(doc, k + 1, end)  # ``hieß es aus dem Rathaus``
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
    return Cue(fr, spk, [i, i + 1])


CUES: tuple[tuple[frozenset[str], CueRule], ...] = (
    (L.CUE_PREP_BEFORE, cue_laut),
    (L.CUE_POSTPOSITIONS, cue_zufolge),
    (L.CUE_SOURCE_NOUN_PREP, cue_nach_source),
    (L.CUE_SOURCE_NOUN_PREP, cue_source_nach),
    (L.CUE_SO, cue_so),
    (L.CUE_ADVERBS, cue_adverb),
    (L.CUE_HEISST, cue_heisst_es),
)
"""The cue rules with the words that trigger them, tried in this order; the first that frames wins."""

_CUES_BY_WORD: dict[str, tuple[CueRule, ...]] = {
    word: tuple(rule for words, rule in CUES if word in words) for words, _ in CUES for word in words
}


# -- 6. and 7. when nothing else frames the sentence ---------------------------------------


def verb_without_complement(s: SentenceFrames) -> None:
    """A speech verb without a complement (found by ``verb_in_first_clause``) frames the whole
    sentence when no other rule did: ``Die Gewerkschaft forderte höhere Löhne.`` (Reported).
    """
    if s.verb_only is not None and not s.frames:
        s.add(s.verb_only)


def speaker_colon(s: SentenceFrames) -> None:
    """A bare speaker, a colon and a quote, when no other rule framed the sentence:
    ``Der Trainer: „Wir haben verdient gewonnen.“``
    """
    if s.frames:
        return
    doc = s.doc
    for i in range(s.lo + 1, s.hi - 1):
        if doc.tokens[i].text == ":" and not doc.quoted(i) and doc.quoted(i + 1):
            spk = np_left(doc, i, s.lo)
            if spk and spk[0] == s.lo:
                s.add(Frame("colon", [], spk, [(i + 1, s.hi)], set(range(s.lo, i + 1))))
            break


RULES: tuple[Rule, ...] = (
    inverted_after_comma,
    wie_clause,
    verb_in_first_clause,
    verb_before_colon,
    verb_in_subordinate_clause,
    prepositional_cues,
    verb_without_complement,
    speaker_colon,
)
"""The frame rules in the order ``frames_in_sentence`` applies them."""

