"""Keyphrases: rare nouns and compounds qualify, everyday words and names do not."""

from __future__ import annotations

import pytest

from tagwerk.analysis import Mention
from tagwerk.article import build_article
from tagwerk.lang.de.morphology import noun_lemma
from tagwerk.stages.keyphrases import extract_keyphrases

TEXT = (
    "Die Regierung in Teheran hat nach eigenen Angaben ihre Bereitschaft zu Gesprächen erklärt. "
    "Das Land werde sein Atomwaffenprogramm aber nicht aufgeben, sagte der Präsident. "
    "Zugleich lieferte es Artilleriemunition und Drohnenteile an Verbündete. "
    "Experten sehen in der Urananreicherung einen Bruch des Abkommens. "
    "Die Urananreicherung sei weit fortgeschritten, hieß es aus Wien."
)


@pytest.fixture(scope="module")
def analysis(token_analyzer):
    return token_analyzer.analyze(build_article(body=TEXT))


def _texts(analysis, mentions=()):
    return [k.text for k in extract_keyphrases(analysis.text, analysis.tokens, mentions)]


@pytest.mark.parametrize("word", ["Atomwaffenprogramm", "Artilleriemunition", "Urananreicherung"])
def test_keyphrases_rare_compounds_are_candidates(analysis, word):
    assert word in _texts(analysis)


@pytest.mark.parametrize("word", ["Angabe", "Angaben", "Bereitschaft", "Präsident", "Land", "Regierung", "Die"])
def test_keyphrases_everyday_words_are_not(analysis, word):
    assert word not in _texts(analysis)


def test_keyphrases_repeated_term_ranks_first(analysis):
    assert _texts(analysis)[0] == "Urananreicherung"


def test_keyphrases_have_offsets(analysis):
    for kp in extract_keyphrases(analysis.text, analysis.tokens):
        for span in kp.spans:
            assert analysis.text[span.start : span.end] == span.text


def test_keyphrases_skip_names(analysis):
    start = TEXT.index("Teheran")
    mentions = [Mention(start, start + 7, "Teheran", "LOC")]
    assert "Teheran" not in _texts(analysis, mentions)


def test_keyphrases_complete_elliptic_compounds(token_analyzer):
    a = token_analyzer.analyze(build_article(body="Das Land steht wegen seines Atomwaffen- und Raketenprogramms unter Druck."))
    texts = _texts(a)
    assert "Atomwaffenprogramm" in texts
    assert "Raketenprogramm" in texts


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("Waffenprogrammen", "Waffenprogramm"), ("Befürchtet", None), ("Eine", None), ("Raketen", "Rakete"),
     # a head that is a word by chance (``Zollst|reit``, ``Wowe|reit``, ``Aussichtskup|pel``) does
     # not lemmatise the compound; the real head does (``Notstands|erlasse``)
     ("Zollstreit", "Zollstreit"), ("Wowereit", "Wowereit"), ("Detroit", "Detroit"),
     ("Aussichtskuppel", "Aussichtskuppel"), ("Notstandserlasse", "Notstandserlass"),
     # a feminine noun in -e keeps its e (simplemma gave ``Quell``, ``Firmenhall``); a plural loses it
     ("Quelle", "Quelle"), ("Halle", "Halle"), ("Firmenhalle", "Firmenhalle"), ("Grenze", "Grenze"),
     ("Tage", "Tag"), ("Gesetze", "Gesetz"), ("Schuhe", "Schuh"), ("Turnschuhe", "Turnschuh")],
)
def test_keyphrases_noun_lemma(word, lemma):
    assert noun_lemma(word) == lemma
