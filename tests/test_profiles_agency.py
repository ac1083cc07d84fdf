"""Agency conventions of a newsroom profile (issue #31): the Land of a German town, and the
subject term chosen from the article's IPTC Media Topics.

Hand-built analyses with the shipped KB; no NER model is loaded."""

from __future__ import annotations

import re

from tagwerk.analysis import Entity, Evidence, Mention, Subject
from tagwerk.article import build_article
from tagwerk.kb import load_kb
from tagwerk.pipeline import AnalyzerConfig, Work
from tagwerk.profiles import Profile, Subjects, load_profile, save_profile
from tagwerk.stages.section import SectionStage
from tagwerk.stages.tags import Candidate, Tags
from tagwerk.stages.tags.profile import places_above
from tagwerk.training.profile_learn import learn_subjects

TITLE = "Güterzug entgleist"
BODY = (
    "Bei Peine ist am Morgen ein Güterzug entgleist. Die Strecke zwischen Peine und Hildesheim bleibt "
    "gesperrt, teilte die Bahn mit. Verletzt wurde niemand, die Ursache ist noch unklar."
)


def _town(kb, name: str):  # noqa: ANN001, ANN202
    return next(m.entry for m in kb.lookup(name) if m.entry.kind in ("city", "region"))


def test_kb_knows_the_land_of_a_german_town():
    kb = load_kb()
    assert kb.region(_town(kb, "Peine")).name == "Niedersachsen"
    assert kb.region(_town(kb, "Waghäusel")).name == "Baden-Württemberg"
    assert kb.region(_town(kb, "Baden")).name == "Baden-Württemberg"  # the Landesteil, not the Austrian town
    assert kb.region(_town(kb, "Graz")).name == "Steiermark"
    assert kb.region(_town(kb, "Lyon")) is None  # outside Germany, Austria and Switzerland


def _analysis(token_analyzer):  # noqa: ANN001, ANN202
    kb = load_kb()
    a = token_analyzer.analyze(build_article(body=BODY, title=TITLE))
    entities = []
    for name in ("Peine", "Hildesheim"):
        e = _town(kb, name)
        ms = [Mention(m.start(), m.end(), m.group(), "LOC", entity=e.id) for m in re.finditer(name, a.text)]
        entities.append(Entity(id=e.id, name=e.name, type="LOC", mentions=ms))
    a.entities = entities
    a.mentions = sorted((m for e in entities for m in e.mentions), key=lambda m: m.start)
    return a


def _tag(analysis, profile: Profile) -> list[str]:  # noqa: ANN001
    config = AnalyzerConfig(top_k=6)
    work = Work(analysis)
    SectionStage(config)(work)
    Tags(config, profile=profile)(work)
    return [t.name for t in analysis.tags]


def test_places_above_adds_the_land_and_the_country_once():
    kb = load_kb()
    peine, hildesheim = _town(kb, "Peine"), _town(kb, "Hildesheim")
    cands = [
        Candidate("Peine", 2.0, "entity", "place", entity=peine.id, label="LOC"),
        Candidate("Hildesheim", 1.0, "entity", "place", entity=hildesheim.id, label="LOC"),
    ]
    out = places_above(cands, kb, countries=True, regions=True)
    by_name = {c.name: c for c in out}
    assert set(by_name) == {"Peine", "Hildesheim", "Niedersachsen", "Deutschland"}
    assert by_name["Niedersachsen"].feats["place_region"] == 1.0
    assert by_name["Deutschland"].feats["place_country"] == 1.0
    assert by_name["Niedersachsen"].score == max(c.score for c in cands) * 0.5  # the main place speaks for it
    assert places_above(cands, kb, countries=False, regions=False) == cands


def test_profile_that_names_lands_tags_the_land_of_the_town(token_analyzer, tmp_path):
    without = _tag(_analysis(token_analyzer), Profile(name="haus"))
    assert "Niedersachsen" not in without
    profile = Profile(name="agentur", home_country=None, regions_of_places=True)
    path = tmp_path / "agentur.json"
    save_profile(profile, path)
    loaded = load_profile(path)
    assert loaded.regions_of_places
    names = _tag(_analysis(token_analyzer), loaded)
    assert "Niedersachsen" in names
    assert "Deutschland" not in names  # the country only where the house names countries


MEDIA_TOPICS = [("medtop:16000000", "Krise, Krieg, Konflikte", 0.6), ("medtop:11000000", "Politik", 0.4)]


def test_subject_term_found_by_the_media_topic_name_without_an_archive():
    subjects = Subjects(("Verkehr", "Krieg", "Politik"))
    assert subjects.choose(MEDIA_TOPICS, None, {}) == "Krieg"
    # the text naming a term counts too
    assert subjects.choose(MEDIA_TOPICS, None, {"verkehr": 1.0}) == "Verkehr"


def test_subject_term_learned_from_the_archive_media_topics():
    rows = [
        ("Panorama", ["Verkehr", "Bahn"], ["medtop:03000000"]),
        ("Panorama", ["Verkehr"], ["medtop:03000000", "medtop:20000148"]),
        ("Politik", ["Krieg", "Konflikte"], ["medtop:16000000"]),
    ]
    subjects = learn_subjects(rows, None)
    assert subjects is not None
    assert subjects.terms == ("Verkehr", "Bahn", "Krieg", "Konflikte")  # second terms belong to the list too
    assert subjects.by_topic["medtop:03000000"] == {"Bahn": 1, "Verkehr": 2}
    assert subjects.topic_articles["medtop:03000000"] == 2
    assert subjects.choose([("medtop:03000000", "Katastrophe und Unglück", 1.0)], None, {}) == "Verkehr"
    # the table survives the profile file
    again = Profile.from_dict(Profile(name="a", subjects=subjects).to_dict()).subjects
    assert again is not None and again.by_topic == subjects.by_topic and again.topic_articles == subjects.topic_articles


def test_subject_term_first_in_the_tags_from_the_media_topics(token_analyzer):
    a = _analysis(token_analyzer)
    a.subjects = [Subject(code, name, 1, score) for code, name, score in MEDIA_TOPICS]
    names = _tag(a, Profile(name="agentur", subjects=Subjects(("Verkehr", "Krieg", "Politik"))))
    assert names[0] == "Krieg"


def test_subject_term_from_the_media_topics_carries_their_evidence(token_analyzer):
    """A term the text does not name entered first with no evidence: the editor could not see
    why. It now shows the evidence of the Media Topics that chose it, and only theirs."""
    a = _analysis(token_analyzer)
    at = a.text.index("entgleist")
    crash = Evidence(at, at + len("entgleist"), "entgleist", "trigger")
    at = a.text.index("Strecke")
    other = Evidence(at, at + len("Strecke"), "Strecke", "trigger")
    a.subjects = [
        Subject("medtop:16000000", "Krise, Krieg, Konflikte", 1, 0.6, evidence=[crash]),
        Subject("medtop:11000000", "Politik", 1, 0.4, evidence=[other]),
    ]
    config = AnalyzerConfig(top_k=6)
    work = Work(a)
    SectionStage(config)(work)
    Tags(config, profile=Profile(name="agentur", subjects=Subjects(("Verkehr", "Krieg"))))(work)
    first = a.tags[0]
    assert first.name == "Krieg"
    assert [(e.start, e.end, e.text) for e in first.evidence] == [(crash.start, crash.end, "entgleist")]


def test_subject_codes_without_a_name_are_no_tags():
    """AP's category codes come as subjects named by their bare code (``f``, ``i``); a dpa profile
    trained on a folder with one AP item put ``f`` first on a German rail story."""
    from tagwerk.article import GivenSubject
    from tagwerk.training.profile_data import article_tags

    article = build_article(body=BODY, title=TITLE)
    article.given_subjects = [
        GivenSubject("apcategorycode", "f", "f", "subject"),
        GivenSubject("dpasubject", "dpasubject:157", "EU", "subject"),
        GivenSubject("dpacountry", "dpacountry:1", "Deutschland", "geo"),
    ]
    gold, subjects = article_tags(article)
    assert subjects == ["EU"]
    assert gold == ["EU", "Deutschland"]


def test_training_skips_articles_in_other_languages():
    """An English AP item in a dpa folder taught a German profile to tag ``World news``."""
    from tagwerk.training.profile_data import examples_from_articles

    de = build_article(body=BODY, title=TITLE)
    de.given_tags = ["Verkehr"]
    en = build_article(body="A freight train derailed near Peine on Monday morning.", title="Train derails")
    en.given_tags = ["World news"]
    en.language = "en"
    skipped: list[str] = []
    examples = list(examples_from_articles([de, en], errors=skipped))
    assert [ex.gold for ex in examples] == [["Verkehr"]]
    assert len(skipped) == 1 and "en" in skipped[0]
