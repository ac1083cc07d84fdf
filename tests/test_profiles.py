"""Newsroom profiles: the file, the rankers, the house vocabulary's names and the subject list.

Hand-built candidates and analyses; no model is loaded (the profile training with the full
analysis is in test_profiles_train.py)."""

from __future__ import annotations

import dataclasses
import json
import math
import random
import re

import numpy as np
import pytest

from tagwerk.analysis import Entity, Keyphrase, Mention, Span
from tagwerk.article import build_article
from tagwerk.pipeline import AnalyzerConfig, Work
from tagwerk.profiles import (
    Associations,
    HouseTag,
    Priors,
    Profile,
    ProfileError,
    Subjects,
    default_profile,
    load_profile,
    save_profile,
)
from tagwerk.profiles.ranker import COMPUTED, FEATURES, LinearRanker, PriorRanker, feature_rows
from tagwerk.stages.section import SectionStage
from tagwerk.stages.tags import Candidate, Tags
from tagwerk.topics import Topic, TopicVocabulary
from tagwerk.training.profile_learn import (
    KEEP_PROBABILITY_RECALL,
    _fit_trees,
    alias_votes,
    choose_min_probability,
    house_counts,
    house_vocabulary,
    learn_priors,
)

TITLE = "Zollstreit mit Washington"
BODY = (
    "Die Vereinigten Staaten wollen neue Zölle auf Stahl aus Europa erheben. Die Regierung in Washington "
    "kündigte die Aufschläge am Freitag an. Die Vereinigten Staaten begründen sie mit Überkapazitäten in China. "
    "Die EU-Kommission prüft Gegenmaßnahmen, die Stahlbranche warnt vor einem Handelskrieg."
)


def _analysis(token_analyzer, title: str = TITLE, body: str = BODY):  # noqa: ANN001, ANN202
    a = token_analyzer.analyze(build_article(body=body, title=title))
    ms = [Mention(m.start(), m.end(), m.group(), "LOC", entity="Q30") for m in re.finditer(r"Vereinigten Staaten", a.text)]
    ms += [Mention(m.start(), m.end(), m.group(), "LOC", entity="Q148") for m in re.finditer(r"China", a.text)]
    a.entities = [
        Entity(id="Q30", name="Vereinigte Staaten", type="LOC", kb_id="Q30", mentions=[m for m in ms if m.entity == "Q30"]),
        Entity(id="Q148", name="China", type="LOC", kb_id="Q148", mentions=[m for m in ms if m.entity == "Q148"]),
    ]
    a.mentions = sorted(ms, key=lambda m: m.start)
    return a


def _tag(analysis, profile: Profile | None, top_k: int = 6):  # noqa: ANN001, ANN202
    config = AnalyzerConfig(top_k=top_k)
    work = Work(analysis)
    SectionStage(config)(work)
    (Tags(config) if profile is None else Tags(config, profile=profile))(work)
    return [t.name for t in analysis.tags]


# -- the file ---------------------------------------------------------------------------------

def test_profiles_roundtrip(tmp_path):
    p = Profile(
        name="haus", home_country=None, countries_of_places=True,
        vocabulary=(HouseTag("USA", 12, ("Vereinigte Staaten",)), HouseTag("Mord und Totschlag", 3)),
        priors=Priors(20, 0.1, {"usa": (10, 9)}),
        associations=Associations({"Mord und Totschlag": {"leiche": 2.5, "erstochen": 3.0}}, 3.0),
        subjects=Subjects(("Kriminalität", "Regierung"), {"Kriminalität": 0.6}, {"Panorama": {"Kriminalität": 1.0}}),
        ranker=PriorRanker(),
    )
    path = tmp_path / "haus.json"
    save_profile(p, path)
    back = load_profile(path)
    assert back.to_dict() == p.to_dict()
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "tagwerk-profile"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{kaputt", "not valid JSON"),
        ('{"name": "x"}', "not a tagwerk profile"),
        ('{"format": "tagwerk-profile", "version": 99}', "newer"),
        ('{"format": "tagwerk-profile", "ranker": {"kind": "forest"}}', "unknown ranker"),
        ('{"format": "tagwerk-profile", "ranker": {"kind": "linear"}}', "ranker"),
        ('{"format": "tagwerk-profile", "settings": {"min_probability": 1.5}}', "min_probability"),
        ('{"format": "tagwerk-profile", "settings": {"min_probability": "hoch"}}', "malformed"),
    ],
)
def test_profiles_malformed_file_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "p.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile(path)


def test_profiles_missing_file_is_refused_by_the_config(tmp_path):
    with pytest.raises(ValueError, match="no profile file"):
        AnalyzerConfig(profile=tmp_path / "fehlt.json")


def test_profiles_default_ranks_like_no_profile(token_analyzer):
    assert not default_profile().learned
    plain = _tag(_analysis(token_analyzer), None)
    with_default = _tag(_analysis(token_analyzer), default_profile())
    assert plain == with_default


# -- the rankers ------------------------------------------------------------------------------

def _random_candidates(rng: random.Random, n: int) -> list[Candidate]:
    names = ["USA", "China", "Stahl", "Handelskrieg", "Europäische Union", "Mord und Totschlag", "Zölle"]
    feats = [f for f in FEATURES if f not in COMPUTED]
    out = []
    for i in range(n):
        f = {k: rng.random() for k in rng.sample(feats, 8)}
        out.append(Candidate(names[i % len(names)] + ("" if i < len(names) else f" {i}"), rng.random() * 3,
                             rng.choice(["entity", "topic", "keyphrase"]), "topic", feats=f))
    return out


def test_profiles_linear_ranker_fast_path_equals_the_model():
    rng = random.Random(3)
    coef = [rng.uniform(-1, 1) for _ in FEATURES]
    ranker = LinearRanker(list(FEATURES), [rng.random() for _ in FEATURES], [0.5 + rng.random() for _ in FEATURES],
                          coef, 0.2)
    archive = Profile(vocabulary=(HouseTag("USA", 5), HouseTag("Zölle", 2)), priors=Priors(10, 0.2, {"usa": (6, 5), "china": (8, 1)}),
                      subjects=Subjects(("Zölle",)))
    cands = _random_candidates(rng, 9)
    fast = ranker.score(cands, archive)
    slow = 1 / (1 + np.exp(-ranker.decision(feature_rows(cands, archive))))
    assert fast == pytest.approx(slow.tolist(), rel=1e-9)


def test_profiles_candidate_features_never_shadow_computed_ones(token_analyzer):
    tags = Tags(AnalyzerConfig(), profile=default_profile())
    work = Work(_analysis(token_analyzer))
    SectionStage(AnalyzerConfig())(work)
    cands = tags.candidates(work)
    assert cands
    assert all(not (set(c.feats) & COMPUTED) for c in cands)
    assert all(set(c.feats) <= set(FEATURES) | {"sources"} for c in cands)


def test_profiles_trees_exported_as_json_predict_like_scikit_learn():
    pytest.importorskip("sklearn")
    rng = np.random.default_rng(0)
    x = rng.random((300, len(FEATURES)))
    y = (x[:, 0] + x[:, 5] * 0.5 + rng.normal(0, 0.2, 300) > 0.8).astype(int)
    ranker = _fit_trees(x, y, 0)
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(n_estimators=150, max_depth=3, learning_rate=0.05, subsample=0.8,
                                       min_samples_leaf=5, random_state=0).fit(x, y)
    assert ranker.decision(x[:40]) == pytest.approx(model.decision_function(x[:40]), abs=1e-4)
    # and it survives the file
    back = Profile.from_dict({**Profile().to_dict(), "ranker": json.loads(json.dumps(ranker.to_dict()))})
    assert back.ranker.decision(x[:5]) == pytest.approx(ranker.decision(x[:5]))


def test_profiles_prior_ranker_lets_rejected_tags_fall_and_kept_ones_rise():
    archive = Profile(vocabulary=(HouseTag("Wolf", 4),), priors=Priors(8, 0.2, {"brandenburg": (8, 0), "wolf": (4, 4)}))
    cands = [Candidate("Brandenburg", 2.0, "entity", "place"), Candidate("Wolf", 1.0, "topic", "topic")]
    s = PriorRanker().score(cands, archive)
    assert s[1] > s[0]


def test_profiles_ranker_memo_belongs_to_one_profile():
    """The rankers memoise what a candidate's name gives with the profile that scored it: the same
    ranker scoring for a second profile asks that profile, and a second article gets what a
    fresh ranker gives."""
    cands = [Candidate("Brandenburg", 2.0, "entity", "place"), Candidate("Wolf", 1.0, "topic", "topic")]
    keeps = Profile(priors=Priors(8, 0.2, {"brandenburg": (8, 8), "wolf": (4, 0)}))
    drops = Profile(priors=Priors(8, 0.2, {"brandenburg": (8, 0), "wolf": (4, 4)}))
    ranker = PriorRanker()
    first = ranker.score(cands, keeps)
    assert first[0] > first[1]
    assert ranker.score(cands, drops) == PriorRanker().score(cands, drops)
    assert ranker.score(cands, keeps) == first

    rng = random.Random(5)
    linear = LinearRanker(list(FEATURES), [0.0] * len(FEATURES), [1.0] * len(FEATURES),
                          [rng.uniform(-1, 1) for _ in FEATURES], 0.1)
    fresh = LinearRanker(**{k: getattr(linear, k) for k in ("features", "mean", "scale", "coef", "intercept")})
    assert linear.score(cands, keeps) == fresh.score(cands, keeps)
    assert linear.score(cands, drops) == pytest.approx(
        (1 / (1 + np.exp(-linear.decision(feature_rows(cands, drops))))).tolist(), rel=1e-9)


# -- what the profile learns ------------------------------------------------------------------

def test_profiles_house_names_come_from_the_archive():
    counts, names = house_counts([["USA", "Zölle"], ["USA"], ["usa"]])
    assert counts["usa"] == 3 and names["usa"] == "USA"
    votes = alias_votes([
        ("Vereinigte Staaten", ["Vereinigten Staaten", "USA", "Amerika"], "USA"),  # a KB alias is the house's name
        ("Musik", [], "Vierschanzentournee"),  # a topic's trigger word is no name of it
        ("Nahost-Konflikt", [], "Nahost"),  # the house's name in fewer words
    ])
    vocab = {t.name: t for t in house_vocabulary({"usa": 3, "nahost": 1}, {"usa": "USA", "nahost": "Nahost"}, votes)}
    assert vocab["USA"].aliases == ("Vereinigte Staaten",)
    assert vocab["Nahost"].aliases == ("Nahost-Konflikt",)
    assert "Vierschanzentournee" not in vocab


def test_profiles_house_name_renames_the_candidate(token_analyzer):
    assert "China" in _tag(_analysis(token_analyzer), None)
    profile = Profile(name="haus", vocabulary=(HouseTag("Volksrepublik China", 10, ("China",), named=True),))
    names = _tag(_analysis(token_analyzer), profile)
    assert "Volksrepublik China" in names and "China" not in names


def test_profiles_learn_priors_counts_candidates_and_kept():
    pri = learn_priors([(["a", "b"], ["a"]), (["a", "c"], [])])
    assert pri.keys["a"] == (2, 1) and pri.keys["b"] == (1, 0)
    assert pri.logit("a") > pri.logit("b")
    assert pri.logit("unbekannt") == pytest.approx(0.0)


def test_profiles_associated_words_bring_a_tag_the_text_does_not_name(token_analyzer):
    body = (
        "In einem Waldstück bei Cottbus haben Spaziergänger eine Leiche gefunden. Die Mordkommission "
        "ermittelt, der Mann sei erstochen worden, teilte die Polizei mit."
    )
    profile = Profile(
        name="haus", vocabulary=(HouseTag("Mord und Totschlag", 5),),
        associations=Associations({"Mord und Totschlag": {"leiche": 2.0, "mordkommission": 2.5, "erstochen": 2.0}}, 3.0),
        ranker=PriorRanker(), priors=Priors(5, 0.2, {}),
    )
    a = _analysis(token_analyzer, "Toter im Wald gefunden", body)
    names = _tag(a, profile)
    assert "Mord und Totschlag" in names
    tag = next(t for t in a.tags if t.name == "Mord und Totschlag")
    assert {e.text for e in tag.evidence} >= {"Leiche", "Mordkommission"}


def test_profiles_associated_words_count_in_the_head_and_lead_only(token_analyzer):
    """A profile learned from ntv's teasers, applied to whole Wikinews articles, brought house tags
    by words spread over a long text (``Rodrigo Duterte`` on Iceland's whaling, ``ISS`` on a bus
    convoy in Syria): a long text holds more of any tag's associated words than a teaser. They
    count where a teaser would have them: headline, teaser and first paragraph."""
    lead = "In einem Waldstück bei Cottbus haben Spaziergänger einen Rucksack gefunden. Die Polizei prüft den Fund."
    later = "Im Sommer hatte die Mordkommission dort eine Leiche gefunden, der Mann war erstochen worden."
    profile = Profile(  # a house tag of its own (the shipped topic Mord und Totschlag has these words as triggers)
        name="haus", vocabulary=(HouseTag("Lausitz-Krimi", 5),),
        associations=Associations({"Lausitz-Krimi": {"leiche": 2.0, "mordkommission": 2.5, "erstochen": 2.0}}, 3.0),
        ranker=PriorRanker(), priors=Priors(5, 0.2, {}),
    )
    in_body = _analysis(token_analyzer, "Rucksack im Wald gefunden", lead + "\n\n" + later)
    assert "Lausitz-Krimi" not in _tag(in_body, profile)
    in_lead = _analysis(token_analyzer, "Rucksack im Wald gefunden", later + "\n\n" + lead)
    assert "Lausitz-Krimi" in _tag(in_lead, profile)


def test_profiles_associations_are_learned_from_the_head_and_lead(token_analyzer):
    from tagwerk.stages.tags.profile import lead_lemmas

    a = _analysis(token_analyzer, "Rucksack im Wald gefunden",
                  "Zwei Spaziergänger haben einen Rucksack gefunden.\n\nIm Sommer hatte die Mordkommission dort ermittelt.")
    words = lead_lemmas(a)
    assert "rucksack" in words and "spaziergänger" in words
    assert "mordkommission" not in words


def _with_keyphrase(a):  # noqa: ANN001, ANN202
    """``a`` with the keyphrase ``Überkapazität`` (the token analyzer runs no keyphrase stage)."""
    start = a.text.index("Überkapazitäten")
    a.keyphrases = [Keyphrase("Überkapazität", 0.9, [Span(start, start + len("Überkapazitäten"), "Überkapazitäten")])]
    return a


def test_priors_unkept_kinds_need_evidence():
    """A kind of candidate the editors kept once in 453 times (ntv's keyphrases) is one the house
    does not use; one never kept in 20 times may just not have come up yet."""
    pri = Priors(300, 0.1, {}, {"keyphrase:term": (453, 1), "entity:topic": (20, 0), "entity:person": (271, 30)})
    assert pri.unkept_kinds() == frozenset({"keyphrase:term"})
    assert Priors(300, 0.1, {}).unkept_kinds() == frozenset()


def test_profiles_kind_the_house_never_keeps_is_not_offered(token_analyzer):
    """ntv's editors kept 1 of 453 keyphrase candidates: their profile offers none (each one an
    editor would delete), and a house that keeps them still gets them."""
    keeps = Profile(name="haus", ranker=PriorRanker(), priors=Priors(300, 0.1, {}, {"keyphrase:term": (400, 60)}))
    assert "Überkapazität" in _tag(_with_keyphrase(_analysis(token_analyzer)), keeps, top_k=10)
    never = Profile(name="haus", ranker=PriorRanker(), priors=Priors(300, 0.1, {}, {"keyphrase:term": (453, 1)}))
    names = _tag(_with_keyphrase(_analysis(token_analyzer)), never, top_k=10)
    assert "Überkapazität" not in names and {"USA", "China"} <= set(names)


# -- subject terms ----------------------------------------------------------------------------

SUBJECTS = Subjects(("Kriminalität", "Regierung", "Handel", "Fußball"), {"Regierung": 0.5, "Handel": 0.3},
                    {"Wirtschaft": {"Handel": 0.7, "Regierung": 0.3}, "Politik": {"Regierung": 1.0}})


def test_profiles_subject_term_goes_first(token_analyzer):
    profile = Profile(name="agentur", vocabulary=(HouseTag("Handel", 4),), subjects=SUBJECTS, ranker=PriorRanker(),
                      priors=Priors(4, 0.2, {}))
    a = _analysis(token_analyzer, TITLE, BODY + " Der Handel mit Stahl leidet seit Jahren.")
    names = _tag(a, profile)
    assert names[0] == "Handel"
    assert sum(n in SUBJECTS.terms for n in names) >= 1


def test_profiles_subject_term_from_the_section_when_the_text_names_none(token_analyzer):
    profile = Profile(name="agentur", subjects=SUBJECTS)
    a = _analysis(token_analyzer)
    names = _tag(a, profile)
    section = a.section.label if a.section else None
    assert names[0] == SUBJECTS.fallback(section)
    assert names[0] in SUBJECTS.terms


def test_profiles_score_is_a_probability_between_zero_and_one(token_analyzer):
    rng = random.Random(1)
    ranker = LinearRanker(list(FEATURES), [0.0] * len(FEATURES), [1.0] * len(FEATURES),
                          [rng.uniform(-0.5, 0.5) for _ in FEATURES], -1.0)
    profile = Profile(name="haus", vocabulary=(HouseTag("USA", 3, ("Vereinigte Staaten",)),), ranker=ranker,
                      priors=Priors(3, 0.3, {"usa": (3, 3)}))
    a = _analysis(token_analyzer)
    _tag(a, profile)
    assert all(0.0 <= t.score <= 1.0 and not math.isnan(t.score) for t in a.tags)
    assert max(t.score for t in a.tags) == 1.0


def _house_ranker() -> LinearRanker:
    """A ranker that knows one thing: the house gives its own tags (p = 0.88), not the rest (p = 0.018)."""
    coef = [6.0 if f == "house" else 0.0 for f in FEATURES]
    return LinearRanker(list(FEATURES), [0.0] * len(FEATURES), [1.0] * len(FEATURES), coef, -4.0)


def test_profiles_tags_below_the_keep_probability_are_not_suggested(token_analyzer):
    """ntv teasers under a profile got five or six suggestions where the editors keep one or two: the
    rest had a keep probability of 1-2 % by the profile's own ranker (``Rodrigo Duterte`` on a
    teaser about the Australian Open). A profile's ``min_probability`` holds them back."""
    vocab = (HouseTag("USA", 12, ("Vereinigte Staaten",)),)
    loose = Profile(name="haus", vocabulary=vocab, ranker=_house_ranker())
    strict = Profile(name="haus", vocabulary=vocab, ranker=_house_ranker(), min_probability=0.1)
    assert len(_tag(_analysis(token_analyzer), loose)) > 2
    assert _tag(_analysis(token_analyzer), strict) == ["USA"]


def test_profiles_keep_probability_still_suggests_the_best_tag(token_analyzer):
    """An article none of whose candidates reaches the threshold still gets its best one: an editor
    expects a suggestion."""
    strict = Profile(name="haus", vocabulary=(HouseTag("Tennis", 5),), ranker=_house_ranker(), min_probability=0.5)
    names = _tag(_analysis(token_analyzer), strict)
    assert len(names) == 1
    assert names == _tag(_analysis(token_analyzer), dataclasses.replace(strict, min_probability=0.0))[:1]


def test_profiles_keep_probability_spares_given_tags_and_subject_terms(token_analyzer):
    subjects = Subjects(("Wirtschaft", "Krieg"), {"Wirtschaft": 0.7, "Krieg": 0.3}, {"Wirtschaft": {"Wirtschaft": 1.0}})
    strict = Profile(name="haus", vocabulary=(HouseTag("USA", 12, ("Vereinigte Staaten",)),), ranker=_house_ranker(),
                     subjects=subjects, min_probability=0.1)
    a = _analysis(token_analyzer)
    a.article.given_tags = ["Stahl"]
    _tag(a, strict)
    given = [t.name for t in a.tags if t.given]
    suggested = [t.name for t in a.tags if not t.given]
    assert given == ["Stahl"]
    assert suggested[0] in subjects.terms
    assert "USA" in suggested


def test_profiles_keep_probability_only_for_a_ranker_that_gives_probabilities(token_analyzer):
    """The prior ranker's scores are salience times odds, no probabilities: no threshold applies."""
    vocab = (HouseTag("USA", 12, ("Vereinigte Staaten",)),)
    prior = Profile(name="haus", vocabulary=vocab, ranker=PriorRanker(), priors=Priors(3, 0.3, {"usa": (3, 3)}),
                    min_probability=0.5)
    assert len(_tag(_analysis(token_analyzer), prior)) > 1


def test_profiles_keep_probability_is_saved(tmp_path):
    p = Profile(name="haus", vocabulary=(HouseTag("USA", 12),), ranker=_house_ranker(), min_probability=0.04)
    save_profile(p, tmp_path / "haus.json")
    assert load_profile(tmp_path / "haus.json").min_probability == 0.04
    assert Profile.from_dict({"format": "tagwerk-profile"}).min_probability == 0.0  # profiles written before it


def test_profiles_keep_probability_learned_keeps_the_recall():
    """Training picks the highest threshold that keeps KEEP_PROBABILITY_RECALL of the recall@5 of the
    out-of-fold predictions: most candidates below it are never kept."""
    rng = np.random.default_rng(3)
    probs, labels, groups, n_gold = [], [], [], {}
    for g in range(120):
        # seven candidates an article the editors never keep (p 0.001-0.03), one they keep (p 0.3-0.9)
        # and, in every third article, a second one they keep (p 0.06-0.25)
        rows = [(rng.uniform(0.001, 0.03), 0) for _ in range(7)] + [(rng.uniform(0.3, 0.9), 1)]
        if g % 3 == 0:
            rows.append((rng.uniform(0.06, 0.25), 1))
        for p, lab in rows:
            probs.append(p)
            labels.append(lab)
            groups.append(g)
        n_gold[g] = sum(lab for _, lab in rows)
    y, grp = np.asarray(labels), np.asarray(groups)
    th, found = choose_min_probability(np.asarray(probs), y, grp, n_gold)
    assert 0.03 <= th <= 0.1
    assert found["recall@5"] >= KEEP_PROBABILITY_RECALL * found["recall@5_all"]
    assert found["tags_per_article_all"] == 5
    assert found["tags_per_article"] < 1.5
    # a newsroom that keeps what scores low (p 0.02, behind three never kept at 0.03): the threshold stays below
    low = np.asarray([0.02 if lab else (0.03 if i % 9 < 3 else 0.001) for i, lab in enumerate(labels)])
    assert choose_min_probability(low, y, grp, n_gold)[0] <= 0.02
    # nothing the editors keep among the top 5: nothing to learn from
    assert choose_min_probability(np.asarray([0.01 if lab else 0.5 for lab in labels]), y, grp, n_gold)[0] == 0.0


# -- one pass of topic matching ------------------------------------------------------------------

HOUSE = Profile(
    name="haus",
    vocabulary=(HouseTag("Krieg", 4), HouseTag("Stahlzölle", 3, ("Zölle auf Stahl",)), HouseTag("USA", 12, ("Vereinigte Staaten",))),
    associations=Associations({"Stahlzölle": {"stahl": 2.0, "überkapazitäten": 1.5}}, 3.0),
    subjects=Subjects(("Wirtschaft", "Krieg"), {"Wirtschaft": 0.7, "Krieg": 0.3}, {"Wirtschaft": {"Wirtschaft": 1.0}}),
    ranker=PriorRanker(),
)


def test_profiles_text_is_matched_once_for_section_media_topics_and_tags(token_analyzer, tmp_path, monkeypatch):
    """A profile extends the topic vocabulary; the section, Media Topics and tags stages must
    still find their trigger hits in one pass over the text (three passes cost an agency item
    about as much as its tags stage)."""
    from tagwerk.stages.subjects import SubjectsStage
    from tagwerk.topics import _Matcher

    path = tmp_path / "haus.json"
    save_profile(HOUSE, path)
    passes: list[int] = []  # one entry per pass of a matcher over the text
    find = _Matcher.find
    monkeypatch.setattr(_Matcher, "find", lambda self, words, *more: passes.append(id(self)) or find(self, words, *more))
    counts = []
    for config in (AnalyzerConfig(), AnalyzerConfig(profile=path)):
        passes.clear()
        work = Work(_analysis(token_analyzer, body=BODY + " Der Krieg der Zölle hat begonnen."))
        for stage in (SectionStage(config), SubjectsStage(config), Tags(config)):
            stage(work)
        assert work.analysis.tags and work.analysis.subjects
        assert len(passes) == len(set(passes)), config.profile  # no matcher passes twice
        counts.append(len(passes))  # the topic vocabulary's and the Media Topic cues'
    assert counts[1] == counts[0]


def test_profiles_hits_of_base_and_extended_vocabulary_are_those_of_their_own_match(token_analyzer):
    """Found in one pass, each vocabulary's hits equal what matching it alone finds, in order."""
    from tagwerk.profiles import extend_vocabulary
    from tagwerk.topics import load_vocabulary, topic_hits

    analysis = _analysis(token_analyzer, body=BODY + " Der Krieg der Zölle auf Stahl hat begonnen, im Krieg der Worte.")
    words = [(t.text, t.lemma, t.start, t.end) for t in analysis.tokens]
    base = load_vocabulary()
    ext = extend_vocabulary(base, HOUSE)
    assert base.lookup("Krieg") is not None  # the house tag Krieg merges into the shipped topic
    work = Work(analysis)
    ext_hits = topic_hits(work, ext)
    base_hits = topic_hits(work, base)
    assert ext_hits == ext.match(words) and base_hits == base.match(words)
    assert list(base_hits) == list(base.match(words))  # the topics in the same order
    assert ext_hits != base_hits  # the house's triggers are found only in the extended vocabulary
    assert len(base.topics) == len(load_vocabulary().topics)  # the shipped vocabulary is left as it was


def _word_tuples(text: str) -> list[tuple[str, str, int, int]]:
    return [(m.group(), m.group(), m.start(), m.end()) for m in re.finditer(r"\w+", text)]


_OWN = [
    Topic("Stahl", None, ("Stahl", "Stahlwerk")),
    Topic("Hafen", None, ("Hafen",), ("Schiff",)),  # found only where the text also names a ship
    Topic("Zoll", None, ("Zoll", "Zölle")),
]


@pytest.mark.parametrize(
    ("added", "text"),
    [
        ([Topic("Bahn", None, ("Zug",))], "Der Zug hält am Stahlwerk, die Zölle steigen."),  # a new topic only
        ([Topic("Bahn", None, ("Zug",))], "Das Stahlwerk steht still."),  # no added trigger in the text
        ([Topic("Stahl", None, ("Blech",))], "Das Stahlwerk walzt Blech, Zölle auf Blech und Stahl."),  # own trigger first
        ([Topic("Stahl", None, ("Blech",))], "Zölle auf Blech, dann das Stahlwerk und wieder Zölle."),  # added trigger first
        ([Topic("Stahl", None, ("Blech",))], "Zölle auf Blech."),  # the topic found by the added trigger alone
        ([Topic("Stahl", None, ("Stahl",))], "Stahl und Zölle, der Stahl bleibt."),  # the own trigger added again
        ([Topic("Hafen", None, ("Kai",))], "Am Kai liegt kein Schiff, am Hafen die Zölle."),  # a topic with context words
        ([Topic("Hafen", None, ("Kai",), ("Fähre",))], "Am Hafen die Fähre, Zölle am Kai."),  # the house changes the context
        ([Topic("Hafen", None, ("Kai",), ("Fähre",))], "Am Hafen liegt ein Schiff."),
    ],
)
def test_profiles_one_pass_gives_each_vocabularys_own_hits_in_order(added, text):
    """The shipped vocabulary's hits that one pass with the extended vocabulary gives equal those
    of its own match, topic for topic and in the same order, wherever the house's triggers
    stand: the section and Media Topics stages read them as they would without a profile."""
    base = TopicVocabulary(list(_OWN))
    ext = base.extended(added)
    words = _word_tuples(text)
    ext_hits, base_hits = ext.match_layers(words)
    assert list(ext_hits.items()) == list(ext.match(words).items())
    assert base_hits is not None
    assert list(base_hits.items()) == list(base.match(words).items())


def test_profiles_house_tag_that_repeats_a_shipped_trigger_counts_no_hit_twice():
    """A house tag that merges into a shipped topic with a trigger the topic has already (dpa's
    ``Krieg``) adds no second hit on the same words: the section vote would count each twice."""
    from tagwerk.stages.section import section_scores

    base = TopicVocabulary([Topic("Stahl", "Wirtschaft", ("Stahl", "Stahlwerk")), Topic("Wahl", "Politik", ("Wahl",))])
    ext = base.extended([Topic("Stahl", None, ("Stahl", "Blech"))])
    words = _word_tuples("Das Stahlwerk kauft Stahl, die Wahl ist vorbei.")
    hits = ext.match(words)
    spans = [(h.start, h.end) for h in hits[0]]
    assert len(spans) == len(set(spans)) == 2
    assert section_scores(ext, hits, None) == section_scores(base, base.match(words), None)
