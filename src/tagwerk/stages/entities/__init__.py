"""Entities: fold an article's mentions into entities linked to the knowledge base.

The model's mentions are cleaned first (:mod:`.clean`: roles, titles, glued words cut off or
dropped); then three steps, each a pure function with the stage applying the result:

1. **More mentions** (:mod:`.patterns`). ``find_kb_mentions`` adds mentions of KB entities and
   German demonyms from the tokens (``russischen``, ``Moskauer``, ``deutsch-französische`` =
   two places, ``UN-Sanktionen`` = a part mention of the UN); ``credit_mentions`` adds the
   agencies of the credit line. A named overlap policy (:mod:`.overlap`:
   ``prefer_model_spans``) merges them with the model's.
2. **Resolve** (:mod:`.link`). ``link`` resolves every mention: KB lookup (case-, hyphen-,
   space- and umlaut-insensitive, genitive ``-s`` stripped, aliases and transliterations),
   demonyms, surname/first-name after a full name, and ambiguity settled by type and by the
   other places of the article.
3. **Group** (:mod:`.group`). Mentions of one resolution form one ``Entity``: KB id (QID or
   ``tw:`` id) or a stable local id (``local:per:jane-doe``). A capital used as its government
   (``Moskau unterstützt ...``) keeps the city link and records the country in ``stands_for``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tagwerk.analysis import Analysis, Mention
from tagwerk.kb import KnowledgeBase, load_kb
from tagwerk.lang.de import demonyms
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage
from tagwerk.stages.entities.clean import clean_model_mention, clean_model_mentions
from tagwerk.stages.entities.group import group_entities
from tagwerk.stages.entities.link import Linker, Resolution, is_risky_surname, link, surname_link
from tagwerk.stages.entities.names import is_common_noun, is_role_noun, name_data, name_words
from tagwerk.stages.entities.overlap import OVERLAP_POLICIES, OverlapPolicy, prefer_longest, prefer_model_spans
from tagwerk.stages.entities.patterns import credit_mentions, find_kb_mentions

__all__ = [
    "OVERLAP_POLICIES",
    "VERSION",
    "Entities",
    "Linker",
    "OverlapPolicy",
    "Resolution",
    "analyse_entities",
    "clean_model_mention",
    "clean_model_mentions",
    "credit_mentions",
    "find_kb_mentions",
    "group_entities",
    "is_common_noun",
    "is_risky_surname",
    "is_role_noun",
    "link",
    "name_data",
    "prefer_longest",
    "prefer_model_spans",
    "surname_link",
]

VERSION = "1.3.13"
"""1.3.13: ``Premier`` is a role noun (``Kanadas Premier Trudeau`` beside his wife is Justin Trudeau); a KB
name's genitive is read off its last word only when that word is capitalised (``Bild des Bloggers`` was
``Bild.de``).
1.3.12: a bare surname the article's person named in full shares with the KB's office holder is
the office holder where a role stands before it and not before that person's full name (``US-Präsident
Obama`` beside ``Michelle Obama``), or where the article names that person as a relative (``seiner Frau
Stephanie``, ``Ehefrau Melania Trump``; ``names.yaml: kin_nouns``); the office holder then joins the
article's persons, and of several article persons a standalone surname is its prominent bearer's
(``Trump``: Donald beside Melania). Wikinews: ``Guttenberg besucht Truppen`` led with ``Stephanie zu
Guttenberg``. The KB knows ``Qasem Soleimani`` as Ghassem Soleimani's spelling.
1.3.11: a common noun the recogniser took for a person after an article or adjective (``findet
unerwartete Idylle``, ``stürmt aufs Podest``), or in quotes for an organisation or other name (``feiern
mit "Orgie"``, ``wirft Europa "Paranoia" vor``), is no name, unless the KB or the lexicon knows it, it is
a plural (``die Uiguren``) or a title after its kind (``der Film "Heimat"``). GermEval 2014 with the
entities stage (``tagwerk evaluate ner FILE --with-entities``): dev micro F1 0.9179 -> 0.9177 (one gold
person lost: ``den leidenden Christus``), test part a 0.9176 -> 0.9177 (one wrong person gone).
1.3.10: a bare surname several KB persons bear links to the one from a foreign country the article
names when only one is from there or one stands far above the others (``Kim`` beside North Korea is Kim
Jong Un, beside South Korea its prime minister); never for Germany or a common German surname.
1.3.9: a name's common-noun check reads a feminine noun in ``-e`` as itself (``Quelle``, not
``Quell``: :func:`tagwerk.lang.de.morphology.noun_lemma`).
1.3.8: a town's inhabitant or adjective typed as a place, or derived and unknown to the demonym
table, is the one German, Austrian or Swiss town the KB knows by that name (``die Delmenhorster
Bürgermeisterin`` -> Delmenhorst, ``Jenaer``, ``Göttinger``), without the town in the text.
1.3.7: a person the KB does not know named by a first name's initial and a surname (``R. Kelly:`` in an
interview) is the one person the article names in full with that letter and surname (``Robert Kelly``).
1.3.6: a one-word name the KB does not know that names the inhabitants of a town the article names
(``ein 37-jähriger Gersfelder`` beside ``Gersfeld``, ``Balver`` beside ``Balve``) is a derived
mention of the town, no person or place of its own.
1.3.5: a country's adjective that names a language is no mention of the country (``in englischer
Übersetzung``, ``der englischen Version``, ``mit französischen Untertiteln``: ``demonyms.yaml``'s
``language_nouns``); the first part of a shortened pair is no name (``Mittel-`` in ``Mittel- und
Osteuropa``); a high, a low or a storm named like a person is one local event under its kind's name
(``Hoch „Cooper“`` is no Yvette Cooper, ``Sturmtief Sabine`` with every bare ``Sabine``).
1.3.4: a person's surname inside a compound (``Munch-Museum``) is the person the article names in
full (``Edvard Munch``), not the KB's bearer of a like name (``Holger Münch``); a part linked to an
organisation keeps it.
1.3.3: a person the KB does not know, named only in the genitive before a noun, is named
without the s (``Giuseppe Verdis Oper`` -> Giuseppe Verdi); after a noun in apposition, or named
elsewhere too, the s is the name's own (``der Pilot Charles Riggs``); a place the KB does not know,
named only after ``des``/``eines`` with a genitive s, without it (``des Bremerhofs`` -> Bremerhof); a
party before its chair's name taken for one name is the party and the person (``der Linken Gesine
Lötzsch``); an adverbial that opens a clause and common nouns at a line's or sentence's head are
no name (``Kartellamt: Erneut Razzien wegen …``); the declined forms of a local name of several
words are one entity (``Münstersche Zeitung``, ``der Münsterschen Zeitung``).
1.3.2: a short form of an organisation the article names in full is that organisation (``Union``
after ``1. FC Union Berlin``); in a line written in capitals a span keeps only the leading words the
KB knows (``FORD`` of ``FORD WILL``); a span that ends on an article or a preposition loses it
(``Landesverband der``; issue #31).
1.3.1: a headline or line's first word before a colon that is a common noun is no name
(``Zölle: China droht der EU``; issue #31). 1.3.0: a bare surname links to the one KB bearer the
article's context agrees with (an organisation of the article that the bearer's description names),
with ``link_evidence``. 1.2.2: noun compounds lemmatised as in keyphrases 1.1.0 (which decides some spans dropped as
common nouns)."""


_SHORTENED_PAIR = re.compile(r"\s+(?:und|oder|sowie|bis|bzw\.)\s+\w")
"""After the first part of a shortened pair (``Mittel-`` in ``Mittel- und Osteuropa``)."""


def analyse_entities(
    analysis: Analysis,
    kb: KnowledgeBase,
    *,
    policy: str = "prefer_model_spans",
    patterns: bool = True,
    check_time: Callable[[], None] = lambda: None,
) -> None:
    """Add KB/credit mentions, link all mentions and set ``analysis.entities`` (the stage body);
    ``check_time`` is called between the steps (:meth:`tagwerk.pipeline.Work.check_time`)."""
    text = analysis.article.text
    model = clean_model_mentions(analysis.mentions, text, kb)
    extra: list[Mention] = []
    if patterns:
        check_time()
        extra = find_kb_mentions(text, analysis.tokens, kb)
        # surnames of persons whose full name is in the article may match too
        full = _persons_named_in_full([*model, *extra], kb)
        if full:
            check_time()
            extra = find_kb_mentions(text, analysis.tokens, kb, weak_allowed=full)
    extra += credit_mentions(analysis)
    check_time()
    merged = OVERLAP_POLICIES[policy](model, extra)
    # ``in englischer Übersetzung``: the adjective names a language, no place; ``Mittel- und
    # Osteuropa``: ``Mittel-`` is half a word, no name
    merged = [m for m in merged
              if not (m.derived and demonyms.lookup_compound(m.text) and demonyms.names_a_language(text, m.end))
              and not (m.text.endswith("-") and _SHORTENED_PAIR.match(text, m.end))]
    resolutions = link(text, kb, merged)
    check_time()
    analysis.entities = group_entities(analysis, kb, merged, resolutions)
    analysis.mentions = sorted(merged, key=lambda m: (m.start, -m.end))


def _persons_named_in_full(mentions: list[Mention], kb: KnowledgeBase) -> set[str]:
    """Ids of the KB entries that person mentions of two or more words name."""
    full: set[str] = set()
    for m in mentions:
        if m.label == "PER" and len(name_words(m.text)) >= 2:
            for x in kb.lookup(m.text, weak=False):
                full.add(x.entry.id)
    return full


@register_stage(
    "entities",
    version=VERSION,
    requires=("tokens", "mentions"),
    assigns=("mentions", "entities"),
    description="mentions folded into entities linked to tagwerk's knowledge base (Wikidata QIDs)",
)
class Entities(Stage):
    def __init__(self, config: AnalyzerConfig) -> None:
        extra = {k.split(".", 1)[1]: v for k, v in config.extra.items() if k.startswith("entities.")}
        unknown = set(extra) - {"overlap_policy", "kb_patterns", "user_kb"}
        if unknown:
            raise ValueError(f"unknown entities options: {', '.join(sorted(unknown))}")
        self.policy = extra.get("overlap_policy", "prefer_model_spans")
        if self.policy not in OVERLAP_POLICIES:
            raise ValueError(f"entities.overlap_policy must be one of {', '.join(OVERLAP_POLICIES)}")
        self.patterns = bool(extra.get("kb_patterns", True))
        self.kb = load_kb(config.kb_path, user=extra.get("user_kb", True), vocabularies=config.newsroom_vocabulary)
        self.kb.pattern_index()  # build once, not in the first article

    def __call__(self, work: Work) -> None:
        analyse_entities(work.analysis, self.kb, policy=self.policy, patterns=self.patterns, check_time=work.check_time)
