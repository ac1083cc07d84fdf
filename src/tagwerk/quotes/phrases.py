"""Clauses and noun phrases for the frame rules: where a clause ends, what a quote's content
is, the noun phrase to the right or left of a cue, the subject of a V2 clause, the agent of a
passive, the finite verb before a participle and the separable particle of a speech verb.
"""

from __future__ import annotations

from functools import lru_cache

from tagwerk.lang.de import lemmas
from tagwerk.lang.de import speech as L
from tagwerk.quotes.tokens import BOUNDARY, PUNCT, SENT_END, Range, TokenView

# -- clauses and content ---------------------------------------------------------------


def clause_end(doc: TokenView, i: int, hi: int) -> int:
    """The first clause boundary (comma, colon, dash, bracket) outside quotes at or after i."""
    while i < hi and not (doc.tokens[i].text in BOUNDARY and not doc.quoted(i)):
        i += 1
    return i


def content_end(doc: TokenView, hi: int, lo: int) -> int:
    """Drop final punctuation from a content range ending at hi."""
    while hi > lo and doc.tokens[hi - 1].text in SENT_END and not doc.quoted(hi - 1):
        hi -= 1
    return hi


def trim(doc: TokenView, a: int, b: int) -> Range | None:
    """Content [a, b) without outer punctuation and leading conjunctions; None if too short."""
    while a < b and doc.tokens[a].text in PUNCT and not doc.quoted(a):
        a += 1
    while b > a and doc.tokens[b - 1].text in PUNCT and not doc.quoted(b - 1):
        b -= 1
    while a < b and doc.low[a] in L.CONTENT_LEADING_CONJUNCTIONS and not doc.quoted(a):
        a += 1
    if b - a < 2 and not (b > a and doc.quoted(a)):
        return None
    return (a, b)


def trim_punct(doc: TokenView, rng: Range) -> Range:
    """A speaker range without trailing punctuation (a closing bracket stays)."""
    a, b = rng
    while b > a + 1 and not doc.is_word(b - 1) and not doc.quoted(b - 1) and doc.tokens[b - 1].text != ")":
        b -= 1
    return (a, b)


def complement_follows(doc: TokenView, c: int, hi: int) -> bool:
    """Does a complement (dass-clause, Konjunktiv clause, quote, zu-infinitive) start at c?"""
    if c >= hi:
        return False
    if doc.quoted(c):
        return True
    if doc.low[c] in L.COMPLEMENTISERS:
        return True
    end = clause_end(doc, c, hi)
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
    if not word[:1].islower() or not word.endswith(L.INFINITIVE_ENDINGS):
        return False
    return any(word.startswith(p + "zu") and len(word) > len(p) + 4 for p in L.SEPARABLE_PREFIXES)


def name_like(doc: TokenView, a: int, b: int) -> bool:
    """An apposition of names: capitalised words (and particles such as ``von``, ``el``)."""
    words = [k for k in range(a, b) if doc.is_word(k)]
    return bool(words) and doc.is_cap(words[0]) and sum(doc.is_cap(k) for k in words) >= len(words) - 1


def is_source_noun(doc: TokenView, k: int) -> bool:
    """A capitalised noun that names a source (``Angaben``, ``Polizeiangaben``)."""
    t = doc.tokens[k].text
    if not t[:1].isupper():
        return False
    return t in L.SOURCE_NOUNS or doc.lemma[k] in L.SOURCE_NOUNS or t.lower().endswith(L.SOURCE_NOUN_ENDINGS)


def own_source(doc: TokenView, rng: Range) -> bool:
    """``nach eigenen Angaben``, ``seiner Meinung nach``: the source is the clause's subject."""
    return any(doc.low[k] in L.OWN_SOURCE for k in range(*rng))


# -- noun phrases ----------------------------------------------------------------------


def adj_like(low: str) -> bool:
    """A lowercase word that may be an inflected adjective inside a noun phrase."""
    return len(low) > 3 and low.endswith(L.ADJECTIVE_ENDINGS) and low not in L.NP_STOP


def np_right(doc: TokenView, i: int, hi: int, max_len: int = 14) -> Range | None:
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
            if low in L.NP_STOP and j > i and low not in L.NP_CAPITALISED_ARTICLES:
                break
            seen_noun = True
            j += 1
            continue
        if low in L.PERSONAL_PRONOUNS and j == i:
            return (i, i + 1)
        if low in L.NP_STOP and not (low in L.NP_INNER and seen_noun) and not (j == i and low in L.DETERMINERS):
            break
        if low in L.DETERMINERS or low in L.NP_INNER:
            if seen_noun and low not in L.NP_ATTRIBUTE_LINKS:
                break  # a new noun phrase (object) starts: ``sagte X den Medien``
            j += 1
            continue
        if seen_noun and (low in L.FINITE_AUX or doc.is_konj1(j) or doc.is_konj2(j)):
            break  # a finite verb after the noun (``nach einem Bericht der BBC seien ...``)
        if low[:1].isdigit() or adj_like(low):
            if seen_noun and not low[:1].isdigit() and _verb_after_noun(doc, j):
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


def _verb_after_noun(doc: TokenView, j: int) -> bool:
    """Is the adjective-like word j (after a noun) an infinitive rather than an attribute?"""
    if not doc.lemma[j].lower().endswith(L.INFINITIVE_ENDINGS):
        return False
    prev = doc.low[j - 1]
    return not (prev in L.DETERMINERS or prev in L.NP_INNER or adj_like(prev) and not doc.is_cap(j - 1))


def np_left(doc: TokenView, j: int, lo: int, max_len: int = 10) -> Range | None:
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
            if low in L.NP_LEFT_STOP:
                break
            i = k
            continue
        if low in L.DETERMINERS or low in L.NP_INNER or adj_like(low) or low[:1].isdigit():
            i = k
            continue
        break
    # the phrase must end in a noun and not start with a bare genitive article chain
    if i < j and (doc.is_cap(j - 1) or doc.quoted(j - 1)):
        return (i, j)
    return None


# -- subjects and verbs ----------------------------------------------------------------


def subject(doc: TokenView, lo: int, verb: int, hi: int) -> Range | None:
    """Subject of a V2 clause from lo whose finite verb is at ``verb``."""
    a = lo
    while a < verb and (doc.low[a] in L.LEADING_PARTICLES or not doc.is_word(a)) and not doc.quoted(a):
        a += 1
    after = verb + 1
    while after < hi and doc.low[after] in L.REFLEXIVES and not doc.quoted(after):
        after += 1  # ``äußerte sich der Minister``
    if after < hi and doc.low[after] in L.SUBJECT_PRONOUNS and not doc.quoted(after):
        return (after, after + 1)  # ``Die Tat bezeichnete er als ...``: the object is fronted
    if after in doc.person_at and doc.lemma[verb].lower() in L.INVERTING_SPEECH_VERBS and not doc.quoted(after):
        # ``Der Zeitung sagte Filep Karma: ...``: a person after a verb of saying, which takes
        # no person as its object, is its subject; the Vorfeld holds the addressee or an adverbial
        return (after, doc.person_at[after])
    if a < verb - 1 and doc.low[verb - 1] in L.COORDINATORS and not doc.quoted(verb - 1):
        # a coordinated verb shares the first verb's subject: ``X warf Y ... vor und kündigte an``
        if doc.low[a] in L.DETERMINERS or doc.is_cap(a) and doc.low[a] not in L.FRONT_ADVERBIALS:
            rng = np_right(doc, a, verb - 1)
            if rng is not None and rng[0] == a and rng[1] < verb - 1 and doc.is_word(rng[1]) and not doc.is_cap(rng[1]):
                return rng
    if doc.low[a] in L.NAME_PARTICLES and doc.is_cap(a) and _particle_name(doc, a, verb):
        return (a, verb)  # ``Von der Leyens Sprecher wollte ...``: a name, not a preposition
    if _vorfeld_not_subject(doc, a, verb):
        end = clause_end(doc, after, hi)
        rng = np_right(doc, after, end)
        if rng is None and after < end and doc.low[after] in L.GROUP_PRONOUNS and not doc.quoted(after):
            return (after, after + 1)  # ``vereinbarten beide``
        return rng
    if doc.low[a] in L.DEMONSTRATIVES and verb - a == 1:
        end = clause_end(doc, after, hi)
        rng = np_right(doc, after, end)
        if rng is not None or doc.low[a] not in L.DEMONSTRATIVE_SUBJECTS:
            return rng
    if verb - a > 16:
        return None
    return trim_punct(doc, (a, verb))  # ``Max Muster, Chef des Verbands, sagte``: no comma


def _vorfeld_not_subject(doc: TokenView, a: int, verb: int) -> bool:
    """Is the Vorfeld [a, verb) an adverbial or cue, so that the subject follows the verb?"""
    low = doc.low[a]
    return (
        a >= verb
        or low in L.FRONT_ADVERBIALS
        or low in L.CUE_ADVERBS
        or low in L.CUE_PREP_BEFORE
        or (not doc.is_cap(a) and not doc.quoted(a) and low not in L.DETERMINERS and low not in L.PERSONAL_PRONOUNS)
        or low.endswith(L.ADVERB_ENDINGS)
        or (verb - a == 1 and low not in L.PRONOUN_LIKE and a not in doc.name_tokens and _adverb(doc.tokens[a].text))
    )


def _particle_name(doc: TokenView, a: int, verb: int) -> bool:
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
    if k + 1 == verb and doc.low[k] in doc.name_words:
        return True  # ``Von der Leyen betonte``: the surname of a name found elsewhere in the article
    # without NER: a genitive name before a noun (``Von der Leyens Sprecher``)
    return doc.low[k].endswith("s") and k + 1 < verb and doc.is_cap(k + 1)


@lru_cache(maxsize=20_000)
def _adverb(word: str) -> bool:
    """A capitalised clause opener that is an adverb or adjective (``Offiziell``, ``Besorgt``)."""
    lem = lemmas.lemmatize(word)
    if lem[:1].isupper():
        return False
    # a lowercase lemma that is a verb's other form (``Gall`` -> ``gallen``) is a guess for an
    # unknown word, most often a name (quotes-wikinews train: ``Gall schreibt: „...“``)
    return not (lem != word.lower() and lem.endswith(("en", "ern", "eln")))


def agent(doc: TokenView, lo: int, hi: int) -> Range | None:
    """The ``von X`` agent of a passive clause, else None."""
    for k in range(lo, hi - 1):
        if doc.low[k] in L.AGENT_PREPS and not doc.quoted(k):
            rng = np_right(doc, k + 1, hi)
            if rng is not None:
                return rng
    return None


def coordinated_speech(doc: TokenView, i: int, end: int) -> int | None:
    """The coordinator after the verb at i when a second speech verb follows it (``vor und kündigte an``)."""
    if doc.quoted(i) or not doc.is_word(i) or doc.is_cap(i) and not doc.sentence_initial(i):
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


def finite_before(doc: TokenView, lo: int, cue: int) -> int:
    """The finite auxiliary or modal before a participle cue in the same clause, else the cue."""
    for k in range(lo, cue):
        low = doc.low[k]
        if doc.quoted(k):
            continue
        if low in L.FINITE_AUX or low in L.LASSEN_FORMS or doc.lemma[k].lower() in L.MODAL_LEMMAS:
            if not doc.is_cap(k) or doc.sentence_initial(k):
                return k
    return cue


def particle_at(doc: TokenView, i: int, end: int) -> list[int]:
    """The separable particle at the end of the clause that belongs to the speech verb at i."""
    last = end - 1
    while last > i and not doc.is_word(last):
        last -= 1
    if last > i and doc.low[last] in L.PARTICLES and (doc.low[last] + doc.lemma[i].lower()) in L.SPEECH_VERBS:
        return [last]
    return []
