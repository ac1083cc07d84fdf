"""Cleaning the model's mentions before they meet the KB patterns.

The recogniser swallows roles and adjectives into names (``Kreml-Kritiker Nawalny``,
``Russlands Außenminister Sergej Lawrow``, ``Deutsche Matthias Maurer``), takes common
nouns for names (``Corona-Zeitplan``) and the person a competition is named after for a
person (``Billie Jean King Cup``). These rules run on the model's mentions first, so every
later stage (quotes, store, tags) sees the cleaned names. Names the KB knows as they stand are
never changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wordfreq import zipf_frequency

from tagwerk.analysis import Mention
from tagwerk.kb import KnowledgeBase
from tagwerk.lang.de import demonyms, lemmas
from tagwerk.lang.de.morphology import compound_head, noun_lemma
from tagwerk.lang.de.speech import FRONT_ADVERBIALS
from tagwerk.ner.nlp import has_lexicon_flag
from tagwerk.quotes.tokens import QUOTE_CHARS
from tagwerk.stages.entities.names import is_common_noun, is_role_noun, name_data

Word = tuple[int, int, str]
"""A word of a mention: start and end offsets in the article text, the word."""

_GLUED = re.compile(r"[a-zäöüß]{3}[A-ZÄÖÜ](?![A-ZÄÖÜ]|$)")
"""Two words glued together (``HinweiseWar``, ``RebellenEx-Geisel``): a line break the text
lost, not a name (``GmbH``, ``McDonald``, ``YouTube``, ``PayPal``, ``BioNTech`` do not match)."""
_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "plan", "ment", "nis")
_TITLES = ("Dr.", "Prof.", "Dr", "Prof")
COMPOUND_HEAD_MIN_ZIPF = 3.0
"""A hyphenated single word is a common noun when its last part is at least this frequent
(``Corona-Zeitplan``; ``Baden-Württemberg`` is not)."""
_APOSTROPHES = ("'", "’")
_APOSTROPHE_GENITIVE = re.compile(r"^[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*(?:[sßzx]|ce)['’]$")
"""``Scholz'``, ``Strauß'``, ``Maurice'``: the genitive of a name ending in a sibilant is an
apostrophe alone (``Habeck'`` is not German)."""
_INITIAL = re.compile(r"^(?:[A-ZÄÖÜ]\.|[IVX]+\.|St\.|Ste\.|Mt\.)$")
"""An initial (``A. Wiegemann``, ``Julio A. Roca``), a regnal number (``Elisabeth II.``) or
the saint or mount of a place's name (``St. Moritz``, ``St. Veitskapelle``, ``Mt. Everest``):
a full stop that belongs to the name."""


_DANGLING = frozenset(
    "der die das des dem den ein eine einer eines einem einen es und oder in im von vom für aus mit bei zu "
    "zum zur nach über auf an am gegen um durch".split()
)
"""Lower-case articles, conjunctions and prepositions that end no name: the recogniser's span
ran one word too far (``Landesverband der``, ``Rainier von``, ``Sacharow-Preises für``)."""


_EVENT_AFTER = re.compile(r"((?:[ \t]+[A-ZÄÖÜ][\w'’-]*){0,2})[ \t]+(?:Cup|Trophy|Memorial)\b")
"""What follows a name that is part of a competition named after a person (``Billie Jean`` in
``Billie Jean King Cup``, ``Davis`` in ``Davis Cup``): up to two more words, then the event noun."""


def clean_model_mentions(mentions: Sequence[Mention], text: str, kb: KnowledgeBase) -> list[Mention]:
    """Every mention cleaned by :func:`clean_model_mention`, in order."""
    out: list[Mention] = []
    for m in mentions:
        out.extend(clean_model_mention(m, text, kb))
    return out


def clean_model_mention(m: Mention, text: str, kb: KnowledgeBase) -> list[Mention]:
    """The mentions a model mention really is: itself, a shorter name, the name and the place
    it was cut from (``Russlands Außenminister Sergej Lawrow`` -> ``Russlands`` LOC and
    ``Sergej Lawrow`` PER), or none (a common noun, glued words).

    Names the KB knows as they stand are never changed.
    """
    if m.source != "model" or m.part:
        return [m]
    event = _EVENT_AFTER.match(text, m.end)
    if event is not None and m.label == "PER" and not m.derived:
        # a competition named after a person (``Billie Jean King Cup``): the event, no person
        return [Mention(m.start, event.end(), text[m.start : event.end()], "MISC", source="rule", score=m.score)]
    if m.derived:  # a role noun taken for an adjective of a place (``Außenministerin`` LOC-deriv)
        return [] if is_role_noun(m.text) and not demonyms.lookup_compound(m.text) else [m]
    if _company_word_as_noun(m, text, kb):
        return []  # ``eine Allianz``, ``die Allianz gegen …``: the word, not the insurer
    if kb.lookup(m.text, weak=False):
        return [m]
    if _shouted(m.text) and _in_capitals_line(m, text):
        return _known_capitals(m, kb)
    words = _name_words(m)
    if words is None:
        return []
    if len(words) > 1 and words[-1][2] in _DANGLING:
        # ``Landesverband der``, ``Rainier von``: the name without the word after it, cleaned anew
        while len(words) > 1 and words[-1][2] in _DANGLING:
            words = words[:-1]
        end = words[-1][1]
        return clean_model_mention(Mention(m.start, end, text[m.start : end], m.label, source=m.source, score=m.score), text, kb)
    if len(words) == 1 and words[0][2][:1].isupper() and demonyms.lookup(words[0][2]):
        # ``Chilenen``, ``Algerier`` taken for a place or an organisation: the inhabitants,
        # derived from the place (GermEval's LOCderiv)
        return [Mention(m.start, m.end, m.text, "LOC", derived=True, source=m.source, score=m.score)]
    if _adverb_and_nouns_at_clause_head(words, text):
        return []  # ``Kartellamt: Erneut Razzien wegen …``: words of the sentence, no name
    split = _place_then_person(m, words, text, kb) or _organisation_then_person(m, words, text, kb)
    if split is not None:
        return split
    if len(words) == 1:
        return _clean_one_word(m, words[0], text, kb)
    if len(words) <= 3 and all(_is_place_word(w, kb) for _, _, w in words):
        # ``Moskau Pjöngjangs`` (``wisse Moskau Pjöngjangs Haltung zu schätzen``) taken for one
        # person: places side by side, one mention each
        return [Mention(s0, e0, w, "LOC", source="rule", score=m.score) for s0, e0, w in words]
    return _cut_leading_words(m, words, text, kb)


def _name_words(m: Mention) -> list[Word] | None:
    """The words of a mention without leading titles and without an apostrophe genitive's
    role or apostrophe (``Olaf Scholz' Sprecher`` -> ``Olaf Scholz``); None when it is no
    name: glued words, or a span across a sentence end or an abbreviation."""
    words = [(m.start + mt.start(), m.start + mt.end(), mt.group()) for mt in re.finditer(r"\S+", m.text)]
    if not words or any(_GLUED.search(w) for _, _, w in words):
        return None
    while len(words) > 1 and words[0][2] in _TITLES:
        words = words[1:]
    name_words = [w for _, _, w in words if not _INITIAL.match(w)]
    if "." in " ".join(name_words).rstrip("."):
        return None
    if len(words) > 2 and is_role_noun(words[-1][2]) and _APOSTROPHE_GENITIVE.match(words[-2][2]):
        words = words[:-1]  # ``Olaf Scholz' Sprecher``: the owner's name, without the role
    if _APOSTROPHE_GENITIVE.match(words[-1][2]):  # ``Olaf Scholz'``: the name without its '
        words[-1] = (words[-1][0], words[-1][1] - 1, words[-1][2][:-1])
    return words


def _place_then_person(m: Mention, words: list[Word], text: str, kb: KnowledgeBase) -> list[Mention] | None:
    """``Kiew Prigoschin`` (``… sagte in Kiew Prigoschin …``) as a person or a place: the place,
    then the person (cleaned in turn); None when the span does not start with a place."""
    if not (
        m.label in ("PER", "LOC") and len(words) >= 2 and words[1][2][:1].isupper()
        and _is_place_word(words[0][2], kb) and not has_lexicon_flag(words[0][2], "first_name")
        and (m.label == "PER" or has_lexicon_flag(words[-1][2], "surname"))
    ):
        return None
    place = Mention(words[0][0], words[0][1], words[0][2], "LOC", source="rule", score=m.score)
    return [place, *clean_model_mention(_respan(m, words[1][0], words[-1][1], text, "PER"), text, kb)]


def _organisation_then_person(m: Mention, words: list[Word], text: str, kb: KnowledgeBase) -> list[Mention] | None:
    """``Linken Gesine Lötzsch`` (``die Vorsitzende der Linken Gesine Lötzsch``) as one person or
    one organisation: the party (a word the KB knows only as an organisation), then the person
    from a first name on (cleaned in turn); None otherwise."""
    if not (m.label in ("PER", "ORG") and len(words) >= 3 and has_lexicon_flag(words[1][2], "first_name")):
        return None
    known = kb.lookup(words[0][2], weak=False)
    if not known or any(x.entry.type != "ORG" for x in known):
        return None
    party = Mention(words[0][0], words[0][1], words[0][2], "ORG", source="rule", score=m.score)
    return [party, *clean_model_mention(_respan(m, words[1][0], words[-1][1], text, "PER"), text, kb)]


_CLAUSE_HEAD = re.compile(r"(?:^|[\n.!?:]\s*)$")


def _adverb_and_nouns_at_clause_head(words: list[Word], text: str) -> bool:
    """A span at the head of a line or a sentence made of an adverbial that opens clauses
    (``speech.FRONT_ADVERBIALS``: ``erneut``, ``heute``, ``nach``) and common nouns only
    (``Kartellamt: Erneut Razzien wegen …``, ``Heute Proteste in …``): capitalised by its place,
    not a name. Other first words may open a name (``The Rolling Stones``, ``Mehr Demokratie``)."""
    if len(words) < 2 or not _CLAUSE_HEAD.search(text, max(0, words[0][0] - 3), words[0][0]):
        return False
    first = words[0][2]
    if first.lower() not in FRONT_ADVERBIALS or has_lexicon_flag(first, "surname"):
        return False
    return all(is_common_noun(w) and not has_lexicon_flag(w, "surname") for _, _, w in words[1:])


def _clean_one_word(m: Mention, word: Word, text: str, kb: KnowledgeBase) -> list[Mention]:
    """A one-word span: none for a common noun or a bare role noun, else the word."""
    if _is_pseudo_name(word[2]) or is_role_noun(word[2]) or is_line_label(word, text):
        return []  # ``Corona-Zeitplan``, ``Bundesaußenminister``, ``Zölle:``: no name
    if m.label != "PER" and _is_noun_compound(word[2], kb):
        return []  # ``Raketenprogramms``, ``Schweinefleisch``: a common noun, no name
    if _common_noun_taken_for_name(m, word, text, kb):
        return []  # ``findet unerwartete Idylle``, ``feiern mit "Orgie"``
    return [_respan(m, word[0], word[1], text, m.label)]


_NAME_FLAGS = ("surname", "first_name", "city", "country", "subdivision", "geo_part")
_PLURAL_ENDINGS = frozenset({"n", "en", "s", "er", "nen"})


def _common_noun_taken_for_name(m: Mention, word: Word, text: str, kb: KnowledgeBase) -> bool:
    """A German common noun (:func:`is_common_noun`) the recogniser took for a person after an
    article or adjective (``findet unerwartete Idylle``, ``stürmt aufs Podest``; simplemma also
    knows surnames, ``sagte Rüttgers``) or, in quotes, for an organisation
    or another name (``feiern mit "Orgie"``, ``wirft Europa "Paranoia" vor``), that no KB name
    and no name flag of the lexicon makes a name (``Koch``, ``Merkel``). Not a place: rivers
    and landscapes the KB lacks are named by common words (``Elbe``, ``Spree``); not a title
    after its kind (``der Film "Heimat"``, ``names.yaml: work_nouns``), not a plural."""
    start, end, w = word
    if m.label == "LOC" or "-" in w or not w[:1].isupper():
        return False
    if m.label == "PER":
        if not _after_article_or_adjective(text, start):
            return False
    elif not (0 < start and end < len(text) and text[start - 1] in QUOTE_CHARS and text[end] in QUOTE_CHARS):
        return False
    elif _after_work_noun(text, start - 1):
        return False
    if kb.lookup(w) or any(has_lexicon_flag(w, f) for f in _NAME_FLAGS):
        return False
    lemma = noun_lemma(w)
    if lemma and w != lemma and w.startswith(lemma) and w[len(lemma):] in _PLURAL_ENDINGS:
        return False  # a plural: a people (``die Uiguren``), a band (``die Tokens``), not one thing
    return is_common_noun(w)


_ARTICLES = frozenset("die das den dem ein eine einer einem einen eines aufs ins im am zum zur beim vom".split())
_WORD_BEFORE = re.compile(r"(?:^|\s)(\S+)\s+$")


def _after_article_or_adjective(text: str, start: int) -> bool:
    """Whether the word before ``start`` is an article, an article fused with a preposition
    (``aufs Podest``) or an adjective's inflected form (``unerwartete Idylle``; not a verb,
    ``sagte Rüttgers``): what stands before a common noun and not before a person's name. Not
    ``des`` and ``der``, which stand before the names of myth and history (``des Herakles``)."""
    found = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if found is None:
        return False
    word = found.group(1)
    return word.islower() and (word in _ARTICLES or is_adjective_form(word))


_BEFORE_QUOTE = re.compile(r"(\w+)\s+(?:(?:der|die|das|den|dem|des|wie)\s+)?$")


def _after_work_noun(text: str, quote: int) -> bool:
    """Whether a quote opening at ``quote`` follows a noun naming a kind of work or project
    (``Film``, ``Kampagne``; also ``die Serie``, ``Projekte wie``): the quoted word is its title."""
    found = _BEFORE_QUOTE.search(text, max(0, quote - 40), quote)
    if found is None or not found.group(1)[:1].isupper():
        return False
    low = found.group(1).lower()
    return any(low.endswith(h) or low.endswith(h + suffix) for h in name_data().work_nouns for suffix in ("e", "en", "n", "s", "es"))


def _cut_leading_words(m: Mention, words: list[Word], text: str, kb: KnowledgeBase) -> list[Mention]:
    """The name after its leading roles, owner and adjectives (``Russlands Außenminister
    Sergej Lawrow``), a person when a role came before it, with the owner as its own mention."""
    i, owner, role = _leading_words(m, words, kb)
    rest = words[i:]
    owner_m = _owner_mention(m, owner, text, kb) if owner is not None else None
    if i and len(rest) == 1 and is_role_noun(rest[0][2]):
        # ``Russlands Außenminister``: no name left, only the place
        return [owner_m] if owner_m is not None else [m]
    if not rest[0][2][:1].isupper():
        return [m]
    label = "PER" if role else m.label
    out = [_respan(m, rest[0][0], rest[-1][1], text, label)]
    if owner_m is not None:
        out.insert(0, owner_m)
    return out


def _leading_words(m: Mention, words: list[Word], kb: KnowledgeBase) -> tuple[int, Word | None, bool]:
    """How many leading words are no part of the name (roles, an owner, adjectives,
    descriptors; never the last word), the owner among them, and whether a role was one."""
    i = 0
    owner: Word | None = None
    role = False
    while i < len(words) - 1:
        w = words[i][2]
        if is_role_noun(w) or (w == "Premier" and m.label == "PER"):  # not ``Premier League``
            role = True
        elif i == 0 and _owner_place(w, kb) and is_role_noun(words[1][2]):
            owner = words[0]
        elif i == 0 and is_role_noun(words[1][2]) and _owner_person(w, kb):
            owner = words[0]  # ``Scholz' Regierungssprecher``, ``Macrons Berater``
        elif m.label == "PER" and is_adjective_form(w):
            pass  # ``Deutsche Matthias Maurer``
        elif m.label == "PER" and _is_person_descriptor(w):
            role = True  # ``Kreml-Kritiker Nawalny``
        else:
            break
        i += 1
    return i, owner, role


def _owner_mention(m: Mention, owner: Word, text: str, kb: KnowledgeBase) -> Mention:
    """The owner before a role as its own mention: a place (``Russlands``; derived for
    ``russische``) or a person (``Scholz'`` without its apostrophe)."""
    if _owner_place(owner[2], kb):
        derived = bool(demonyms.lookup_compound(owner[2])) and not kb.lookup(owner[2], weak=False)
        return Mention(owner[0], owner[1], owner[2], "LOC", derived=derived, source="rule", score=m.score)
    o_end = owner[1] - 1 if owner[2].endswith(_APOSTROPHES) else owner[1]  # the name without its '
    return Mention(owner[0], o_end, text[owner[0] : o_end], "PER", source="rule", score=m.score)


def _respan(m: Mention, start: int, end: int, text: str, label: str) -> Mention:
    if (start, end, label) == (m.start, m.end, m.label):
        return m
    return Mention(start, end, text[start:end], label, derived=m.derived, part=m.part, source=m.source, score=m.score)  # type: ignore[arg-type]


# -- word tests ---------------------------------------------------------------------------


def is_line_label(word: Word, text: str) -> bool:
    """The word that opens a headline or a line and is followed by a colon, a common noun and
    no first name or surname: the topic of the line (``Zölle: China droht der EU``,
    ``Streik: Lokführer legen Bahn lahm``), not a name. ``Müller: ...`` and ``Berlin: ...``
    (the KB knows it; the caller checks that first) stay names."""
    start, end, w = word
    if text[end : end + 1] != ":" or (start > 0 and text[start - 1] != "\n"):
        return False
    if has_lexicon_flag(w, "surname") or has_lexicon_flag(w, "first_name"):
        return False
    return is_common_noun(w)


def is_adjective_form(word: str) -> bool:
    """An inflected adjective written with a capital (``Deutsche``, ``Britische``)."""
    low = word.lower()
    lem = lemmas.lemmatize(low)
    return lem != low and lem.islower() and any(low == lem + e for e in ("e", "en", "er", "es", "em"))


def _is_pseudo_name(word: str) -> bool:
    """A single word the recogniser took for a name that is a common noun (``Corona-Zeitplan``,
    ``Regierung``)."""
    head = word.rsplit("-", 1)[-1]
    if "-" in word and head[:1].isupper() and is_common_noun(head) and zipf_frequency(head, "de") >= COMPOUND_HEAD_MIN_ZIPF:
        return True
    return word.lower().endswith(_NOUN_SUFFIXES) and is_common_noun(word)


def _owner_place(word: str, kb: KnowledgeBase) -> bool:
    """``Russlands``, ``Moskaus``, ``russische``: a place before a role noun (its owner)."""
    if demonyms.lookup_compound(word):
        return True
    return any(x.entry.type == "LOC" and x.how != "weak" for x in kb.lookup(word, weak=False))


def _is_place_word(word: str, kb: KnowledgeBase) -> bool:
    """One word that is a KB place's name (also in the genitive) and no person's name."""
    if not word[:1].isupper():
        return False
    matches = kb.lookup(word)
    return bool(matches) and all(x.entry.type == "LOC" and x.how != "weak" for x in matches)


SHOUTED_ACRONYM_MAX = 5
"""A word in capitals up to this long is an acronym (``SPD``, ``NATO``), not a line in capitals."""


def _shouted(text: str) -> bool:
    """A span in capitals longer than an acronym (``FORD WILL``, ``ABBAUEN``): in a headline the
    agency writes in capitals (:func:`_in_capitals_line`) the recogniser cannot tell names by
    their case."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and (" " in text.strip() or len(letters) > SHOUTED_ACRONYM_MAX)


CAPITALS_LINE_MIN_WORDS = 3
"""A line of at least this many words, all in capitals, is a headline written so (dpa's audio
programme: ``FORD WILL IN DEUTSCHLAND 2.900 STELLEN ABBAUEN``). A span in capitals inside a
line of ordinary text is an acronym or a code (``UNIFIL``, ``A 45``, ``EURO STOXX 50``)."""


def _in_capitals_line(m: Mention, text: str) -> bool:
    """Whether the mention stands in a line written all in capitals."""
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    line = text[start : end if end >= 0 else len(text)]
    return len(line.split()) >= CAPITALS_LINE_MIN_WORDS and not any(c.islower() for c in line)


def _known_capitals(m: Mention, kb: KnowledgeBase) -> list[Mention]:
    """A span in capitals cut to its longest run of leading words the KB knows (``FORD`` of
    ``FORD WILL``; a surname, ``SCHOLZ``, counts); none when it knows none (``ABBAUEN``)."""
    words = m.text.split(" ")
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k])
        if kb.lookup(head, weak=m.label == "PER" or k == 1):
            return [Mention(m.start, m.start + len(head), head, m.label, source=m.source, score=m.score)]
    return []


_INDEFINITE = frozenset({"ein", "eine", "einer", "einen", "einem", "eines"})
_DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des"})
_NOUN_LINKS = frozenset({"gegen", "für", "zwischen", "aus", "der", "des"})
_WORD_BEFORE = re.compile(r"(\w+)\s+$")
_WORD_AFTER = re.compile(r"\s+(\w+)")


def _company_word_as_noun(m: Mention, text: str, kb: KnowledgeBase) -> bool:
    """A company's one-word name used as the common noun it is (``Allianz``: an alliance):
    after an indefinite article (``eine Allianz``), or after a definite one and before
    ``gegen``, ``für``, ``zwischen``, ``aus`` or a genitive (``die Allianz gegen die AfD``,
    ``die Allianz der Willigen``). The insurer keeps ``Die Allianz hat …``."""
    if " " in m.text.strip() or m.label != "ORG":
        return False
    before = _WORD_BEFORE.search(text, max(0, m.start - 20), m.start)
    if before is None:
        return False
    article = before.group(1).lower()
    if article not in _INDEFINITE:
        after = _WORD_AFTER.match(text, m.end)
        if article not in _DEFINITE or after is None or after.group(1) not in _NOUN_LINKS:
            return False
    return any(x.entry.kind == "company" and x.how == "name" for x in kb.lookup(m.text, weak=False))


def _owner_person(word: str, kb: KnowledgeBase) -> bool:
    """A person's genitive before a role noun (``Scholz' Regierungssprecher``, ``Macrons
    Berater``): an apostrophe genitive of a capitalised name, or a KB person's name + s."""
    if not word[:1].isupper():
        return False
    if _APOSTROPHE_GENITIVE.match(word):
        return True
    if not word.endswith("s") or word.endswith("ss"):
        return False
    return not kb.lookup(word, weak=False, genitive=False) and any(x.entry.type == "PER" for x in kb.lookup(word[:-1]))


def _is_noun_compound(word: str, kb: KnowledgeBase) -> bool:
    """A closed compound of common nouns taken for a place, organisation or other name
    (``Raketenprogramms``, ``Schweinefleisch``), not a place name built like one
    (``Schwarzwald``, ``Nordhessen``: a place head or prefix from ``names.yaml``) nor a name
    the KB or the lexicon knows. Not used on persons: first names and surnames are often
    compounds of words (``Gottfried``, ``Schröder``)."""
    if "-" in word or kb.lookup(word, weak=False):
        return False
    if any(has_lexicon_flag(word, f) for f in ("city", "country", "subdivision", "geo_part")):
        return False
    head = compound_head(word)
    if head is None:
        return False
    low = word.lower()
    data = name_data()
    if low.startswith(data.place_prefixes) or any(
        low.endswith(h) or low.endswith(h + "s") or low.endswith(h + "es") for h in data.place_heads
    ):
        return False
    return is_common_noun(noun_lemma(word) or word)


def _is_person_descriptor(word: str) -> bool:
    """A common noun before a person's name that is not part of it (``Kreml-Kritiker``,
    ``Stadtverordneter``), as opposed to a first name that is also a word (``Christian``,
    ``Friedrich``: marked as first names in the model's lexicon), double first names
    included (``Hans-Dietrich``, though ``Dietrich`` is also a noun)."""
    if "-" in word and is_common_noun(word.rsplit("-", 1)[-1]):
        pieces = [p for p in word.split("-") if p]
        return not (has_lexicon_flag(word, "first_name") or all(has_lexicon_flag(p, "first_name") for p in pieces))
    return len(word) >= 9 and is_common_noun(word) and not has_lexicon_flag(word, "first_name")
