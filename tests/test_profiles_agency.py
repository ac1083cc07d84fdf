"""Agency conventions of a newsroom profile (issue #31): the Land of a German town, and the
subject term chosen from the article's IPTC Media Topics.

Hand-built analyses with the shipped KB; no NER model is loaded."""

from __future__ import annotations

import re

from tagwerk.analysis import Entity, Evidence, Mention, Subject
from tagwerk.article import build_article
from tagwerk.kb import load_kb
from tagwerk.pipeline import AnalyzerConfig, Work
from tagwerk.profiles import HouseTag, Profile, Subjects, load_profile, save_profile
from tagwerk.stages.section import SectionStage
from tagwerk.stages.tags import Candidate, Tags
from tagwerk.stages.tags.profile import places_above
from tagwerk.topics import tag_key
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
    assert subjects.choose_terms(MEDIA_TOPICS, None, {})[0] == "Krieg"
    # the text naming a term counts too
    assert subjects.choose_terms(MEDIA_TOPICS, None, {"verkehr": 1.0})[0] == "Verkehr"


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
    assert subjects.choose_terms([("medtop:03000000", "Katastrophe und Unglück", 1.0)], None, {})[0] == "Verkehr"
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


# -- training tags of real wire items -----------------------------------------------------------

_WIRE_ITEM = {
    "format": "digitalwires@0.9.1", "urn": "urn:test:bahn1", "language": "de",
    "headline": TITLE, "dateline": "Peine (dpa) - ",
    "article_html": f"<section><p>{BODY}</p></section>",
    "categories": [
        {"type": "dnltype:dpasubject", "name": "Verkehr", "qcode": "dpasubject:232"},
        {"type": "dnltype:dpasubject", "name": "Bahn", "qcode": "medtop:20000340"},
        {"type": "dnltype:geosubject", "name": "Niedersachsen", "qcode": "dpaarea:9"},
        {"type": "dnltype:desk", "name": "vm", "qcode": "dpacat:vm"},
        {"type": "dnltype:poi", "name": "Bahnhof, 31224 Peine, Deutschland", "qcode": None},
        {"type": "dnltype:keyword", "name": "dpa", "qcode": None},
        {"type": "dnltype:keyword", "name": "Unwetter", "qcode": None},
    ],
    "dpasubject_names": ["Verkehr", "Bahn"], "geosubject_names": ["Niedersachsen"], "keyword_names": ["dpa", "Unwetter"],
}


def test_training_tags_of_a_wire_item_are_its_subjects_places_and_keywords_only():
    """``train tags`` on the real dpa samples learned the desk codes (``vm``, ``pl``), the
    addresses of points of interest (``Peine, 31 Peine, Deutschland``) and ``dpa`` as house tags
    and subject terms: a profile then suggested them."""
    import json

    from tagwerk.readers import read_bytes
    from tagwerk.training.profile_data import examples_from_articles

    articles = list(read_bytes(json.dumps(_WIRE_ITEM).encode(), source="bahn.json"))
    (example,) = examples_from_articles(articles)
    assert example.gold == ["Verkehr", "Bahn", "Niedersachsen", "Unwetter"]
    assert example.subjects == ["Verkehr", "Bahn"]


def test_training_tags_of_an_iptc7901_item_come_from_its_slugline():
    """An IPTC 7901 item carries its tags only in the slugline (``Verkehr/Bahn/Niedersachsen/``);
    ``train tags`` found none and skipped every 7901 article."""
    from tagwerk.readers import read_bytes
    from tagwerk.training.profile_data import examples_from_articles

    message = (
        "\x01bdt0000 4 vm 40  dpa 0000\r\n\r\nVerkehr/Bahn/Niedersachsen/\r\n\x02"
        f"{TITLE} =\r\n\r\nPeine (dpa) - {BODY}\r\n\r\n\x03011530 Mär 25\r\n\x7f\r\n\x7f\x04"
    )
    articles = list(read_bytes(message.encode("latin-1"), source="bahn.iptc"))
    (example,) = examples_from_articles(articles)
    assert example.gold == ["Verkehr", "Bahn", "Niedersachsen"]
    assert example.subjects == ["Verkehr"]  # dpa's slugline starts with its subject term


# -- subject terms named like IPTC Media Topics (dpa: ``Bahn``, ``Börse``, ``Feuer``, ``Partei``) ----

ECONOMY = [("medtop:04000000", "Wirtschaft und Finanzen", 0.6), ("medtop:20000209", "Branchen", 0.4)]
FEW_TERMS = ("Vorschau", "Krieg", "Gesundheit", "Kunst")
"""The terms of a small agency archive, each first in a quarter of its articles."""
FEW_PRIOR = dict.fromkeys(FEW_TERMS, 0.25)


def test_profile_learns_that_the_house_names_subjects_like_media_topics():
    dpa_like = [("Politik", ["Krieg", "Konflikte"], []), ("Panorama", ["Verkehr", "Bahn"], []), ("Politik", ["Partei"], [])]
    subjects = learn_subjects(dpa_like, None)
    assert subjects is not None and subjects.media_topic_terms
    again = Profile.from_dict(Profile(name="a", subjects=subjects).to_dict()).subjects
    assert again is not None and again.media_topic_terms
    own_list = [("Sport", ["Ergebnisse"], []), ("Politik", ["Vorschau"], []), ("Politik", ["Tagesvorschau"], [])]
    own = learn_subjects(own_list, None)
    assert own is not None and not own.media_topic_terms


def test_subject_term_from_a_narrower_media_topic_the_text_names():
    """A dpa profile learned from a few items knows only their terms; dpa files a rail story under
    ``Bahn``, the Media Topic below the article's ``Branchen`` that the text names."""
    narrower = {"medtop:04000000": ["Bahn"], "medtop:20000209": ["Bahn"]}
    closed = Subjects(FEW_TERMS, FEW_PRIOR)
    assert closed.choose_terms(ECONOMY, None, {}, narrower)[0] in FEW_TERMS
    house = Subjects(FEW_TERMS, FEW_PRIOR, media_topic_terms=True)
    assert house.choose_terms(ECONOMY, None, {}, narrower)[0] == "Bahn"
    assert house.choose_terms(ECONOMY, None, {})[0] != "Bahn"  # the text does not name it


def test_narrower_media_topic_named_in_the_text_comes_first_with_its_evidence(token_analyzer):
    a = _analysis(token_analyzer)  # "... teilte die Bahn mit."
    a.subjects = [Subject(code, name, 1, score) for code, name, score in ECONOMY]
    config = AnalyzerConfig(top_k=6)
    work = Work(a)
    SectionStage(config)(work)
    Tags(config, profile=Profile(name="agentur", subjects=Subjects(FEW_TERMS, FEW_PRIOR, media_topic_terms=True)))(work)
    first = a.tags[0]
    assert first.name == "Bahn"
    at = a.text.index("Bahn mit")
    assert [(e.start, e.end) for e in first.evidence] == [(at, at + 4)]


def test_narrower_media_topic_inside_a_persons_name_is_no_subject(token_analyzer):
    """``Anna Feuer`` is no evidence for the Media Topic ``Feuer`` (under ``Katastrophe``)."""
    body = "Ein Güterzug ist bei Peine entgleist. Sprecherin Anna Feuer sagte, verletzt worden sei niemand."
    a = token_analyzer.analyze(build_article(body=body, title=TITLE))
    ms = [Mention(m.start(), m.end(), m.group(), "PER", entity="anna-feuer") for m in re.finditer("Anna Feuer", a.text)]
    a.entities = [Entity(id="anna-feuer", name="Anna Feuer", type="PER", mentions=ms)]
    a.mentions = list(ms)
    a.subjects = [Subject("medtop:03000000", "Katastrophe und Unglück", 1, 0.7), Subject("medtop:20000148", "Katastrophe", 2, 0.3)]
    names = _tag(a, Profile(name="agentur", subjects=Subjects(FEW_TERMS, FEW_PRIOR, media_topic_terms=True)))
    assert "Feuer" not in names


def test_one_article_of_a_section_does_not_outweigh_the_media_topics():
    """In a 12-item agency archive the one item of its section filed a rail story under
    ``Gesundheit``: a section seen once now counts with SECTION_SMOOTHING pseudo-articles."""
    war = [("medtop:16000000", "Krise, Krieg, Konflikte", 1.0)]
    seen_once = {"Panorama": {"Gesundheit": 1.0}}
    unsmoothed = Subjects(FEW_TERMS, FEW_PRIOR, seen_once)  # a profile written before the counts
    assert unsmoothed.choose_terms(war, "Panorama", {})[0] == "Gesundheit"
    smoothed = Subjects(FEW_TERMS, FEW_PRIOR, seen_once, section_articles={"Panorama": 1})
    assert smoothed.choose_terms(war, "Panorama", {})[0] == "Krieg"
    often = Subjects(FEW_TERMS, FEW_PRIOR, seen_once, section_articles={"Panorama": 40})
    assert often.choose_terms(war, "Panorama", {})[0] == "Gesundheit"  # forty articles of the section do
    rows = [("Panorama", ["Gesundheit"], []), ("Politik", ["Krieg"], []), ("Politik", ["Krieg"], [])]
    learned = learn_subjects(rows, None)
    assert learned is not None and learned.section_articles == {"Panorama": 1, "Politik": 2}
    again = Profile.from_dict(Profile(name="a", subjects=learned).to_dict()).subjects
    assert again is not None and again.section_articles == learned.section_articles


# -- what kind of tag the house keeps ------------------------------------------------------------

def test_prior_ranker_backs_off_to_what_kind_of_tag_the_house_keeps():
    """dpa's sluglines name no person: a small dpa profile (prior ranker) still put a person it
    had never seen (``Omid Nouripour``) above the places and subjects it keeps. A tag the archive
    has not seen now starts from its kind's keep rate, not the base rate over all tags."""
    from tagwerk.profiles import Priors
    from tagwerk.profiles.ranker import PriorRanker

    cands = [Candidate("Omid Nouripour", 2.0, "entity", "person"), Candidate("Berlin", 1.5, "entity", "place")]
    flat = Profile(priors=Priors(20, 0.3, {}), ranker=PriorRanker())
    s = PriorRanker().score(cands, flat)
    assert s[0] > s[1]  # the hand-weighted order: nothing known of either
    kinds = {"entity:person": (20, 0), "entity:place": (25, 15)}
    agency = Profile(priors=Priors(20, 0.3, {}, kinds=kinds), ranker=PriorRanker())
    s = PriorRanker().score(cands, agency)
    assert s[1] > s[0]
    again = Profile.from_dict(agency.to_dict()).priors
    assert again is not None and again.kinds == kinds
    # a tag the archive knows keeps its own record
    known = Profile(priors=Priors(20, 0.3, {"omidnouripour": (6, 6)}, kinds=kinds), ranker=PriorRanker())
    s = PriorRanker().score(cands, known)
    assert s[0] > s[1]


def test_prior_of_a_tag_one_article_kept_is_weak_evidence():
    """Most tags of a day's agency archive were candidates in one item. dpa kept ``Frauen`` on the
    one item where it was a candidate, and a profile trained on the other dpa samples multiplied
    its score by six: ``Frauen`` and ``Waffen`` then stood above ``Israel`` and ``Libanon`` on a
    story of the war in Lebanon. One article now moves a tag's odds less than threefold from its
    kind's; ten articles still move them far."""
    import math

    from tagwerk.profiles import Priors

    pri = Priors(12, 0.06, {"frauen": (1, 1), "krieg": (10, 9)}, kinds={"topic:topic": (120, 12)})
    unseen = pri.logit("unbekannt", "topic:topic")
    once = math.exp(pri.logit("frauen", "topic:topic") - unseen)
    assert 1.0 < once < 3.0
    assert math.exp(pri.logit("krieg", "topic:topic") - unseen) > 8.0


def test_learn_priors_counts_each_kind_of_candidate():
    from tagwerk.training.profile_learn import learn_priors

    pri = learn_priors([([("a", "entity:person"), ("b", "entity:place")], ["b"]),
                        ([("c", "entity:person"), ("b", "entity:place")], ["b"])])
    assert pri.kinds == {"entity:person": (2, 0), "entity:place": (2, 2)}
    assert pri.keys["b"] == (2, 2)



def test_tags_lead_with_as_many_subject_terms_as_the_house_gives(token_analyzer):
    """dpa files most stories under two terms (``Krieg``, ``Konflikte``); the profile put only
    one first. A second term comes only where the article speaks for it, never from the prior."""
    terms = ("Verkehr", "Krieg", "Konflikte", "Politik")
    two = Subjects(terms, per_article=2.0)
    assert two.choose_terms(MEDIA_TOPICS, None, {}, n=2) == ["Krieg", "Konflikte"]
    assert Subjects(FEW_TERMS, FEW_PRIOR).choose_terms([], None, {}, n=2) == ["Vorschau"]  # the prior's best alone
    a = _analysis(token_analyzer)
    a.subjects = [Subject(code, name, 1, score) for code, name, score in MEDIA_TOPICS]
    assert _tag(a, Profile(name="agentur", subjects=two))[:2] == ["Krieg", "Konflikte"]
    learned = learn_subjects([("Politik", ["Krieg", "Konflikte"], []), ("Panorama", ["Verkehr"], [])], None)
    assert learned is not None and learned.per_article == 1.5
    again = Profile.from_dict(Profile(name="a", subjects=learned).to_dict()).subjects
    assert again is not None and again.per_article == 1.5


def test_narrower_media_topic_only_from_the_lead(token_analyzer):
    """What an agency files a story under is what its lead says: ``Feuer`` in the last paragraph of
    a rail story is no subject term; in the lead it is."""
    lead = "Bei Peine ist am Morgen ein Güterzug entgleist. Verletzt wurde niemand."
    later = "Ein Feuer brach nicht aus, sagte ein Sprecher der Polizei."
    disaster = [Subject("medtop:03000000", "Katastrophe und Unglück", 1, 0.7), Subject("medtop:20000148", "Katastrophe", 2, 0.3)]
    profile = Profile(name="agentur", subjects=Subjects(FEW_TERMS, FEW_PRIOR, media_topic_terms=True))
    for body, expected in ((f"{lead}\n\n{later}", False), (f"{later} {lead}", True)):
        a = token_analyzer.analyze(build_article(body=body, title=TITLE))
        a.subjects = list(disaster)
        assert ("Feuer" in _tag(a, profile)[:1]) is expected


def test_second_subject_term_follows_the_houses_pairs():
    """dpa files every war story under ``Krieg`` and ``Konflikte``; the profile put ``Partei``
    second on a war story that names a party, because the text named it. The archive's pairs of
    terms now speak for the second term."""
    terms = ("Krieg", "Konflikte", "Partei", "Verkehr")
    named = {"krieg": 0.3, "partei": 0.25}  # the text names both; Partei above Konflikte
    alone = Subjects(terms, per_article=2.0)
    assert alone.choose_terms(MEDIA_TOPICS, None, named, n=2) == ["Krieg", "Partei"]
    paired = Subjects(terms, per_article=2.0, pairs={"Krieg": {"Konflikte": 3}}, term_articles={"Krieg": 3})
    assert paired.choose_terms(MEDIA_TOPICS, None, named, n=2) == ["Krieg", "Konflikte"]
    rows = [("Politik", ["Krieg", "Konflikte"], []), ("Politik", ["Krieg", "Konflikte", "Waffen"], []),
            ("Panorama", ["Verkehr"], [])]
    learned = learn_subjects(rows, None)
    assert learned is not None
    assert learned.pairs["Krieg"] == {"Konflikte": 2, "Waffen": 1} and learned.term_articles["Krieg"] == 2
    again = Profile.from_dict(Profile(name="a", subjects=learned).to_dict()).subjects
    assert again is not None and again.pairs == learned.pairs and again.term_articles == learned.term_articles


def test_a_closed_subject_list_given_by_the_newsroom_stays_closed():
    """``--subjects FILE`` is the newsroom's own closed list: even when its terms are IPTC names,
    no other IPTC name may come first."""
    rows = [("Politik", ["Krieg"], []), ("Panorama", ["Bahn"], [])]
    assert learn_subjects(rows, None).media_topic_terms  # type: ignore[union-attr]
    given = learn_subjects(rows, ["Krieg", "Bahn", "Politik"])
    assert given is not None and not given.media_topic_terms


# -- the agency's genre -------------------------------------------------------------------------

GENRE_ROWS = [
    ("Politik", ["Vorschau", "Politik"], [], "Vorschau"),
    ("Politik", ["Vorschau"], [], "Vorschau"),
    ("Politik", ["Vorschau"], [], "Vorschau"),
    ("Politik", ["Partei"], [], "Meldung"),
    ("Politik", ["Regierung"], [], "Meldung"),
]


def test_an_agency_genre_files_its_items_as_the_archive_files_that_genre():
    """dpa files its previews (genre ``Vorschau``) under the term ``Vorschau``, the commonest term
    of a small archive; a report (genre ``Meldung``) was never filed so and must not lead with it
    for want of other evidence. The archive's prior is read for the item's genre."""
    subjects = learn_subjects(GENRE_ROWS, None)
    assert subjects is not None
    assert subjects.by_genre == {"Meldung": {"Partei": 1, "Regierung": 1}, "Vorschau": {"Vorschau": 3}}
    assert subjects.choose_terms([], None, {})[0] == "Vorschau"  # no genre: the archive's commonest term
    assert subjects.choose_terms([], None, {}, genre="Vorschau")[0] == "Vorschau"
    assert subjects.choose_terms([], None, {}, genre="Meldung")[0] in ("Partei", "Regierung")
    assert subjects.choose_terms([], None, {}, genre="Interview")[0] == "Vorschau"  # a genre it has not seen
    again = Profile.from_dict(Profile(name="a", subjects=subjects).to_dict()).subjects
    assert again is not None and again.by_genre == subjects.by_genre
    old = {**Profile(name="a", subjects=subjects).to_dict()}
    del old["subjects"]["by_genre"]  # a profile written before genres were learned
    assert Profile.from_dict(old).subjects.choose_terms([], None, {}, genre="Meldung")[0] == "Vorschau"


def test_tags_read_the_genre_of_the_wire_item(token_analyzer):
    from tagwerk.article import WireInfo

    profile = Profile(name="agentur", subjects=learn_subjects(GENRE_ROWS, None))
    leads = {}
    for genre in ("Vorschau", "Meldung"):
        a = _analysis(token_analyzer)
        a.article.wire = WireInfo(provider="dpa", genre=genre)
        leads[genre] = _tag(a, profile)[0]
    assert leads["Vorschau"] == "Vorschau"
    assert leads["Meldung"] != "Vorschau"


def test_profile_that_names_countries_takes_no_country_from_an_outlet_named_as_the_source(token_analyzer):
    """An outlet named only as the source of the news is no tag (tags stage 1.2), and so is its
    country: a story on Syria that cites the ``Spiegel`` is no story from Germany, for a house that
    always names the country (``countries_of_places``)."""
    kb = load_kb()
    body = ("In Damaskus haben Regierungstruppen erneut Stellungen der Rebellen angegriffen. Das berichtete "
            "der «Spiegel» unter Berufung auf Augenzeugen. In Damaskus fielen Schüsse.")
    a = token_analyzer.analyze(build_article(body=body, title="Kämpfe in Syrien"))
    damaskus = next(m.entry for m in kb.lookup("Damaskus") if m.entry.kind == "city")
    spiegel = next(m.entry for m in kb.lookup("Spiegel") if m.entry.kind == "media")
    a.entities = [
        Entity(id=damaskus.id, name=damaskus.name, type="LOC",
               mentions=[Mention(m.start(), m.end(), m.group(), "LOC", entity=damaskus.id) for m in re.finditer("Damaskus", a.text)]),
        Entity(id=spiegel.id, name=spiegel.name, type="ORG",
               mentions=[Mention(m.start(), m.end(), m.group(), "ORG", entity=spiegel.id) for m in re.finditer("Spiegel", a.text)]),
    ]
    a.mentions = sorted((m for e in a.entities for m in e.mentions), key=lambda m: m.start)
    names = _tag(a, Profile(name="agentur", home_country=None, countries_of_places=True))
    assert "Syrien" in names  # the country of the story's place
    assert "Der Spiegel" not in names
    assert "Deutschland" not in names


def test_country_of_a_place_takes_the_house_name_and_joins_its_tag(token_analyzer):
    """An agency profile adds the country of each place. The house writes ``USA``, the KB's name
    is ``Vereinigte Staaten``: the country of Los Angeles is the ``USA`` tag the text already
    names, not a second tag under the KB's name (dpa sample ``with_dateline`` had both)."""
    kb = load_kb()
    la = next(m.entry for m in kb.lookup("Los Angeles") if m.entry.kind == "city")
    usa = next(m.entry for m in kb.lookup("USA") if m.entry.kind == "country")
    assert usa.name != "USA"  # the KB's own name differs from the house's
    body = "Die Feuer bei Los Angeles wüten weiter. Die USA schicken mehr Löschflugzeuge nach Los Angeles."
    a = token_analyzer.analyze(build_article(body=body, title="Feuer in Kalifornien"))
    entities = []
    for entry, pattern in ((la, "Los Angeles"), (usa, "USA")):
        ms = [Mention(m.start(), m.end(), m.group(), "LOC", entity=entry.id) for m in re.finditer(pattern, a.text)]
        entities.append(Entity(id=entry.id, name=entry.name, type="LOC", mentions=ms))
    a.entities = entities
    a.mentions = sorted((m for e in entities for m in e.mentions), key=lambda m: m.start)
    profile = Profile(name="agentur", home_country=None, countries_of_places=True,
                      vocabulary=(HouseTag("USA", count=5, aliases=(usa.name,), named=True),))
    names = _tag(a, profile)
    assert "USA" in names
    assert usa.name not in names
    # the place found alone adds the country under the house's name
    a.entities = entities[:1]
    a.mentions = list(entities[0].mentions)
    names = _tag(a, profile)
    assert "USA" in names and usa.name not in names


def _choose_by_definition(subjects: Subjects, topics, section, named, narrower, n, genre):  # noqa: ANN001, ANN202
    """:meth:`Subjects.choose_terms` as its docstring defines it: every term scored (text, Media
    Topics with their narrower names, section, the archive's prior), the best first, then the
    best of those the article speaks for or the archive pairs with the first."""
    from tagwerk.profiles import NARROWER_NAMED_COUNT, PAIR_SMOOTHING, SUBJECT_WEIGHTS, TOPIC_SMOOTHING

    score: dict[str, float] = {}
    spoken: set[str] = set()
    for key, rel in named.items():
        if (term := subjects.term(key)) is not None and rel:
            score[term] = score.get(term, 0.0) + SUBJECT_WEIGHTS["text"] * rel
            spoken.add(term)
    total, smoothed = sum(s for _, _, s in topics), 0.0
    for code, name, s in topics if total > 0 else ():
        per_article, counts, own = subjects._for_topic(code, name)
        share = SUBJECT_WEIGHTS["topics"] * (s / total) / per_article
        if not share:
            continue
        for term, c in counts:
            score[term] = score.get(term, 0.0) + share * c
        spoken.update(own)
        for below in narrower.get(code, ()):
            for term in subjects._by_name(below):
                score[term] = score.get(term, 0.0) + share * NARROWER_NAMED_COUNT
                spoken.add(term)
        smoothed += share * TOPIC_SMOOTHING
    section_smoothed, shares = subjects._for_section(section or "")
    for term, share in shares:
        score[term] = score.get(term, 0.0) + share
    weight = SUBJECT_WEIGHTS["prior"] + smoothed + section_smoothed
    for term, share in subjects.prior_for(genre).items():
        if share and weight:
            score[term] = score.get(term, 0.0) + weight * share
    if not score:
        return [t] if (t := subjects.fallback(section)) else []
    first = max((s, t) for t, s in score.items())[1]
    together = subjects.pairs.get(first, {})
    alone = subjects.term_articles.get(first, 0) + PAIR_SMOOTHING
    second = sorted(((score[t] + SUBJECT_WEIGHTS["pair"] * together.get(t, 0) / alone, t) for t in score
                     if t != first and (t in spoken or together.get(t))), reverse=True)
    return [first, *(t for _, t in second[: n - 1])]


def _pick(rng, terms: tuple[str, ...], k: int) -> list[str]:  # noqa: ANN001
    return rng.sample(terms, min(k, len(terms)))


def test_subject_choice_reads_only_the_terms_with_evidence_yet_chooses_as_if_it_scored_all():
    """An agency's subject list runs to hundreds of terms: the choice scores only the terms the
    article gives evidence for, and of the rest takes the prior's best (kept in order per genre).
    On random archives and articles it chooses what scoring every term chooses, ties included."""
    import random

    rng = random.Random(31)
    topics_pool = [("medtop:16000000", "Konflikt, Krieg und Frieden"), ("medtop:11000000", "Politik"),
                   ("medtop:04000000", "Wirtschaft, Wirtschaftssektor und Industrie"),
                   ("medtop:03000000", "Katastrophe und Unglück"), ("medtop:15000000", "Sport")]
    for _ in range(300):
        terms = tuple(f"Term{i}" for i in range(rng.randint(1, 40))) + ("Krieg", "Bahn", "Sport")
        shares = [rng.choice((0.0, 0.1, 0.1, 0.2, rng.random())) for _ in terms]
        prior = {t: s for t, s in zip(terms, shares, strict=True)}
        subjects = Subjects(
            terms, prior,
            by_section={"Politik": {t: rng.random() for t in _pick(rng, terms, 3)}},
            by_topic={c: {t: rng.randint(0, 4) for t in _pick(rng, terms, 4)} for c, _ in topics_pool},
            topic_articles={c: rng.randint(0, 9) for c, _ in topics_pool},
            section_articles={"Politik": rng.randint(0, 9)},
            pairs={t: {u: rng.randint(0, 3) for u in _pick(rng, terms, 3)} for t in _pick(rng, terms, 5)},
            term_articles={t: rng.randint(1, 9) for t in terms},
            media_topic_terms=rng.random() < 0.3,
            by_genre={"Vorschau": {t: rng.randint(0, 5) for t in _pick(rng, terms, 3)}},
        )
        topics = [(c, name, rng.choice((0.0, rng.random()))) for c, name in rng.sample(topics_pool, rng.randint(0, 3))]
        named = {tag_key(t): rng.choice((0.0, rng.random())) for t in _pick(rng, terms, rng.randint(0, 3))}
        narrower = {c: ["Krieg", "Bahn"][: rng.randint(0, 2)] for c, _, _ in topics}
        section, genre, n = rng.choice((None, "Politik")), rng.choice((None, "Vorschau", "Meldung")), rng.randint(1, 3)
        want = _choose_by_definition(subjects, topics, section, named, narrower, n, genre)
        assert subjects.choose_terms(topics, section, named, narrower, n=n, genre=genre) == want
