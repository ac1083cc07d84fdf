"""The entities stage on hand-built analyses: tokens from the tokens stage, mentions by hand
(as the NER model would give them) or none (KB patterns only)."""

from __future__ import annotations

import pytest

from entity_support import analyse_with_mentions
from tagwerk.analysis import Analysis, Mention
from tagwerk.pipeline import AnalyzerConfig, get_stage
from tagwerk.stages.entities import prefer_longest, prefer_model_spans


def run(text: str, kb, tokens_stage, mentions=(), *, patterns=True, policy="prefer_model_spans") -> Analysis:
    return analyse_with_mentions(text, kb, tokens_stage, mentions, patterns=patterns, policy=policy)


def by_name(a: Analysis):
    return {e.name: e for e in a.entities}


def texts(e):
    return [m.text for m in e.mentions]


def test_entities_genitive_and_surname(kb, tokens_stage):
    a = run(
        "Wladimir Putin reiste ab. Putin sagte nichts. Putins Sprecher schwieg.",
        kb, tokens_stage, [("Wladimir Putin", "PER"), ("Putin", "PER"), ("Putins", "PER")], patterns=False,
    )
    e = by_name(a)["Wladimir Putin"]
    assert e.id == "Q7747" and e.kb_id == "Q7747" and e.type == "PER"
    assert texts(e) == ["Wladimir Putin", "Putin", "Putins"]
    assert len(a.entities) == 1
    assert all(m.entity == "Q7747" for m in a.mentions)


@pytest.mark.parametrize(
    "text, surface, name",
    [
        ("Die Führung Russlands schweigt.", "Russlands", "Russland"),
        ("Ein Besuch Pjöngjangs ist geplant.", "Pjöngjangs", "Pjöngjang"),
        ("Die Raketen Nordkoreas fliegen weit.", "Nordkoreas", "Nordkorea"),
        ("Er sprach bei den Vereinten Nationen.", "Vereinten Nationen", "Vereinte Nationen"),
        ("Sie lobte die Rolle des Deutschen Bundestages.", "Deutschen Bundestages", "Bundestag"),
        # a country's name in the plural takes -n in the dative (Wikinews: ``Niederlanden`` beside
        # ``Niederlande``, two tags)
        ("Der Flug kam aus den Niederlanden.", "Niederlanden", "Niederlande"),
        ("Sie reiste in den Vereinigten Arabischen Emiraten.", "Vereinigten Arabischen Emiraten", "Vereinigte Arabische Emirate"),
        ("Er lebt in den Palästinensischen Gebieten.", "Palästinensischen Gebieten", "Palästinensische Autonomiegebiete"),
        # an alias declines as the name does (``Demokratische Republik Kongo`` is CD's alias; the
        # bare ``Republik Kongo`` inside it is the other Congo)
        ("In der Demokratischen Republik Kongo herrscht Krieg.", "Demokratischen Republik Kongo", "Kongo-Kinshasa"),
    ],
)
def test_entities_inflection(kb, tokens_stage, text, surface, name):
    a = run(text, kb, tokens_stage, [(surface, "LOC")], patterns=False)
    assert by_name(a)[name].mentions[0].text == surface


@pytest.mark.parametrize(
    "text, places",
    [
        ("Die russische Armee rückt vor.", ["Russland"]),
        ("Ein nordkoreanischen Diplomat sprach.", ["Nordkorea"]),
        ("Der Moskauer Bürgermeister kam.", ["Moskau"]),
        ("Ein US-amerikanischer Konzern kauft.", ["Vereinigte Staaten"]),
        ("Die deutsch-französische Freundschaft hält.", ["Deutschland", "Frankreich"]),
        ("Viele Franzosen und Französinnen protestieren.", ["Frankreich"]),
    ],
)
def test_entities_demonyms_are_derived_place_mentions(kb, tokens_stage, text, places):
    a = run(text, kb, tokens_stage)
    got = [e.name for e in a.entities]
    assert got == places
    assert all(m.derived for e in a.entities for m in e.mentions)


@pytest.mark.parametrize(
    "text, mentions",
    [
        # Wikinews: the English Wikipedia made the story's first tag ``Großbritannien``
        ("Sie ist nun die zweitgrößte nach der englischen Version.", [("englischen", "LOC", "d")]),
        ("Die englische Wikipedia hat mehr Artikel.", [("englische", "MISC", "d")]),  # the model's label there
        ("Der Roman erscheint nun in englischer Übersetzung.", [("englischer", "LOC", "d")]),
        ("Der Film läuft mit französischen Untertiteln.", [("französischen", "LOC", "d")]),
        ("Das Buch liegt in englischer und französischer Sprache vor.", [("englischer", "LOC", "d"), ("französischer", "LOC", "d")]),
        ("Die Oper wird in der italienischen Originalfassung gezeigt.", [("italienischen", "LOC", "d")]),
        ("Die spanische Sprachversion folgt im Herbst.", []),  # from the demonym table alone
    ],
)
def test_entities_adjective_of_a_language_is_no_place(kb, tokens_stage, text, mentions):
    """An adjective that names the language of a text, a version or subtitles (``in englischer
    Übersetzung``, ``der englischen Version``) is no mention of a country."""
    a = run(text, kb, tokens_stage, mentions)
    assert [e.name for e in a.entities if e.type != "ORG"] == []  # no place (the KB knows ``Wikipedia`` itself)
    assert all(m.text[:1].isupper() for m in a.mentions)  # and no mention of the adjective


@pytest.mark.parametrize(
    "text, mentions, place",
    [
        ("Die englische Nationalmannschaft verlor.", [("englische", "LOC", "d")], "Vereinigtes Königreich"),
        ("Die französische Regierung schweigt zur neuen Version des Vertrags.", [("französische", "LOC", "d")], "Frankreich"),
    ],
)
def test_entities_adjective_of_a_country_before_another_noun_stays(kb, tokens_stage, text, mentions, place):
    a = run(text, kb, tokens_stage, mentions)
    assert [e.name for e in a.entities] == [place]


def test_entities_compound_demonym_splits_into_two_mentions(kb, tokens_stage):
    a = run("Die deutsch-französische Freundschaft hält.", kb, tokens_stage, [("deutsch-französische", "LOC", "d")], patterns=False)
    ms = sorted((m.text, m.entity) for m in a.mentions)
    assert ms == [("deutsch", "Q183"), ("französische", "Q142")]


@pytest.mark.parametrize(
    "first, second, name",
    [
        ("Choe Son-hui", "Choe Son Hui", "Choe Son Hui"),
        ("Kim Jong Un", "Kim Jong-un", "Kim Jong Un"),
        ("Sergej Lawrow", "Sergey Lavrov", "Sergej Lawrow"),
        ("Pjöngjang", "Pyongyang", "Pjöngjang"),
        ("Wolodymyr Selenskyj", "Zelensky", "Wolodymyr Selenskyj"),
        ("UN", "UNO", "Vereinte Nationen"),
        ("Vereinte Nationen", "UN", "Vereinte Nationen"),
    ],
)
def test_entities_variants_merge(kb, tokens_stage, first, second, name):
    label = kb.lookup(first)[0].entry.type
    a = run(f"Heute kam {first} an. Gestern war {second} noch fort.", kb, tokens_stage, [(first, label), (second, label)], patterns=False)
    assert [e.name for e in a.entities] == [name]
    assert texts(a.entities[0]) == [first, second]


def test_entities_rajoy_after_full_name(kb, tokens_stage):
    a = run(
        "Mariano Rajoy trat zurück. Rajoy schwieg danach.", kb, tokens_stage, [("Mariano Rajoy", "PER"), ("Rajoy", "PER")], patterns=False
    )
    assert [(e.name, texts(e)) for e in a.entities] == [("Mariano Rajoy", ["Mariano Rajoy", "Rajoy"])]


def test_entities_first_name_joins_full_name(kb, tokens_stage):
    a = run("Donald Duck lachte. Später weinte Donald.", kb, tokens_stage, [("Donald Duck", "PER"), ("Donald", "PER")], patterns=False)
    assert len(a.entities) == 1
    e = a.entities[0]
    assert e.name == "Donald Duck" and e.id == "local:per:donald-duck" and e.kb_id is None
    assert texts(e) == ["Donald Duck", "Donald"]


def test_entities_surname_before_and_after(kb, tokens_stage):
    a = run(
        "Jane Doe kam. Doe sprach, dann ging Doe.", kb, tokens_stage, [("Jane Doe", "PER"), ("Doe", "PER"), ("Doe", "PER")], patterns=False
    )
    assert [(e.id, len(e.mentions)) for e in a.entities] == [("local:per:jane-doe", 3)]


def test_entities_german_is_not_a_country(kb, tokens_stage):
    a = run("Der Spanier German Rodríguez spielte in German Town.", kb, tokens_stage, [("German Rodríguez", "PER")])
    names = [e.name for e in a.entities]
    assert "Deutschland" not in names
    assert "Spanien" in names  # "Spanier" is a demonym


def test_entities_metonymy(kb, tokens_stage):
    a = run(
        "Moskau und Pjöngjang sind Verbündete. Lawrow war in Moskau.",
        kb, tokens_stage, [("Moskau", "LOC"), ("Pjöngjang", "LOC"), ("Moskau", "LOC")], patterns=False,
    )
    ents = by_name(a)
    assert ents["Moskau"].stands_for == "Q159"
    assert ents["Pjöngjang"].stands_for == "Q423"
    assert ents["Moskau"].id == "Q649" and ents["Moskau"].type == "LOC"


def test_entities_literal_capital_has_no_stands_for(kb, tokens_stage):
    a = run("Sie lebt seit Jahren in Moskau.", kb, tokens_stage, [("Moskau", "LOC")], patterns=False)
    assert a.entities[0].stands_for is None


def test_entities_kb_patterns_add_missed_mentions(kb, tokens_stage):
    text = "Sergej Lawrow traf Kim Jong Un in Pjöngjang. Die UN protestierte."
    a = run(text, kb, tokens_stage, [("Sergej Lawrow", "PER")])
    got = {e.name: [m.source for m in e.mentions] for e in a.entities}
    assert got["Sergej Lawrow"] == ["model"]
    assert got["Kim Jong Un"] == ["kb"] and got["Pjöngjang"] == ["kb"] and got["Vereinte Nationen"] == ["kb"]


@pytest.mark.parametrize("text", [
    "Das Löschen gibt ein verzerrtes Bild des Bloggers wieder.",  # GermEval: ``Bild des`` read as ``Bild.de``
    "Das Bild des Jahres zeigt einen Fischer.",
])
def test_entities_function_word_after_a_name_is_no_genitive(kb, tokens_stage, text):
    """A KB name's genitive is read off its last word, a name's (``Putins``): never off a function
    word after a common noun (``Bild des`` is no ``Bild.de`` minus a genitive s)."""
    a = run(text, kb, tokens_stage)
    assert [m.text for m in a.mentions] == []


def test_entities_part_mention_links_name_inside_compound(kb, tokens_stage):
    a = run("Neue UN-Sanktionen treffen den Ukraine-Konflikt.", kb, tokens_stage)
    parts = {m.text: m.entity for m in a.mentions if m.part}
    assert parts == {"UN": "Q1065", "Ukraine": "Q212"}


def test_entities_model_part_mention_narrowed(kb, tokens_stage):
    a = run("Es gibt neue UN-Sanktionen.", kb, tokens_stage, [("UN-Sanktionen", "ORG", "p")], patterns=False)
    m = a.mentions[0]
    assert (m.text, m.part, m.entity) == ("UN", True, "Q1065")


def test_entities_context_resolves_ambiguous_demonym(kb, tokens_stage):
    north = run("Nordkorea droht. Das koreanische Volk leidet.", kb, tokens_stage)
    south = run("Südkorea wählt. Das koreanische Volk feiert.", kb, tokens_stage)
    assert [m.entity for m in north.mentions if m.text == "koreanische"] == ["Q423"]
    assert [m.entity for m in south.mentions if m.text == "koreanische"] == ["Q884"]


def test_entities_ambiguous_name_uses_type_and_context(kb, tokens_stage):
    a = run("Kanada feiert. In London (Ontario) wurde gewählt.", kb, tokens_stage, [("Kanada", "LOC"), ("London", "LOC")], patterns=False)
    london = by_name(a)["London"]
    assert kb.get(london.id).country == "CA"
    b = run("In London wurde gewählt.", kb, tokens_stage, [("London", "LOC")], patterns=False)
    assert b.entities[0].id == "Q84"


def test_entities_credit_agencies(kb, tokens_stage):
    a = run("Merz reist nach Paris.\n\nQuelle: ntv.de, abc/dpa/AFP", kb, tokens_stage)
    by_id = {e.id: e for e in a.entities}
    assert by_id["Q312653"].name == "dpa" and by_id["Q312653"].mentions[0].source == "credit"
    assert "Q40464" in by_id


def test_entities_local_ids_are_stable(kb, tokens_stage):
    a1 = run("Die Firma Blumenkraft GmbH wächst.", kb, tokens_stage, [("Blumenkraft GmbH", "ORG")], patterns=False)
    a2 = run("Gestern meldete Blumenkraft GmbH Gewinne.", kb, tokens_stage, [("Blumenkraft GmbH", "ORG")], patterns=False)
    assert a1.entities[0].id == a2.entities[0].id == "local:org:blumenkraft-gmbh"
    assert a1.entities[0].confidence < 0.9


def test_entities_model_type_errors_corrected_by_kb(kb, tokens_stage):
    a = run("Nordkoreas Ministerin Choe Son Hui kam.", kb, tokens_stage, [("Nordkoreas", "PER"), ("Choe Son Hui", "LOC")], patterns=False)
    assert [(e.name, e.type) for e in a.entities] == [("Nordkorea", "LOC"), ("Choe Son Hui", "PER")]


def test_entities_long_model_span_shrinks_to_kb_person(kb, tokens_stage):
    text = "Russlands Außenminister Sergej Lawrow sprach."
    a = run(text, kb, tokens_stage, [("Russlands Außenminister Sergej Lawrow", "PER")], patterns=False)
    # the person keeps the KB name; the cut-off genitive is the country, picked up again
    assert [(e.name, texts(e)) for e in a.entities] == [("Russland", ["Russlands"]), ("Sergej Lawrow", ["Sergej Lawrow"])]


@pytest.mark.parametrize("policy", [prefer_model_spans, prefer_longest])
def test_entities_overlap_policies(policy):
    model = [Mention(0, 14, "Wladimir Putin", "PER")]
    extra = [Mention(9, 14, "Putin", "PER", source="kb"), Mention(20, 27, "Moskau.", "LOC", source="kb")]
    kept = policy(model, extra)
    assert [m.text for m in kept] == ["Wladimir Putin", "Moskau."]


def test_entities_stage_registration():
    spec = get_stage("entities")
    assert spec.requires == ("tokens", "mentions") and spec.assigns == ("mentions", "entities")
    with pytest.raises(ValueError):
        spec.factory(AnalyzerConfig(extra={"entities.overlap_policy": "nope"}))


# -- issue 32: a lone surname linked when the article's context agrees, with the evidence --------


@pytest.mark.parametrize(
    "text, mentions, surname, person",
    [
        (
            "Der DFB hat seine Feier abgesagt. Zwanziger sagte, er sei enttäuscht.",
            (("DFB", "ORG"), ("Zwanziger", "PER")),
            "Zwanziger",
            "Theo Zwanziger",
        ),
        (
            "Der FC Bayern gewann in Dortmund. Müller traf zweimal.",
            (("FC Bayern", "ORG"), ("Dortmund", "LOC"), ("Müller", "PER")),
            "Müller",
            "Thomas Müller",
        ),
    ],
)
def test_entities_lone_surname_linked_by_context(kb, tokens_stage, text, mentions, surname, person):
    a = analyse_with_mentions(text, kb, tokens_stage, mentions)
    ent = next(e for e in a.entities if any(m.text == surname for m in e.mentions))
    assert ent.name == person
    assert ent.link_evidence and "context" in ent.link_evidence


@pytest.mark.parametrize(
    "text, mentions, person",
    [
        (  # an ntv teaser: ``Kim wirft Europa "Paranoia" vor`` beside North Korea
            "Kim wirft Europa Paranoia vor. Nordkorea will an seinen Atomwaffen festhalten.",
            (("Kim", "PER"), ("Europa", "LOC"), ("Nordkorea", "LOC")),
            "Kim Jong Un",
        ),
        (
            "Kim kündigte in Seoul Reformen an. Südkorea will die Wirtschaft stärken.",
            (("Kim", "PER"), ("Seoul", "LOC"), ("Südkorea", "LOC")),
            "Kim Min Seok",
        ),
    ],
)
def test_entities_lone_surname_linked_by_the_articles_foreign_country(kb, tokens_stage, text, mentions, person):
    """Several KB persons bear the surname, but among those of the foreign country the article names
    one stands far above the others: the one the news means (Kim Jong Un, not his sister)."""
    a = analyse_with_mentions(text, kb, tokens_stage, mentions)
    ent = next(e for e in a.entities if any(m.text == "Kim" for m in e.mentions))
    assert ent.name == person
    assert ent.link_evidence and "context" in ent.link_evidence


def test_entities_lone_surname_without_its_country_stays_local(kb, tokens_stage):
    a = analyse_with_mentions("Kim gewann das Turnier in Paris. Frankreich feierte die Siegerin.", kb, tokens_stage,
                              (("Kim", "PER"), ("Paris", "LOC"), ("Frankreich", "LOC")))
    ent = next(e for e in a.entities if e.mentions[0].text == "Kim")
    assert ent.kb_id is None and ent.id.startswith("local:")


def test_entities_common_surname_without_context_stays_local(kb, tokens_stage):
    a = analyse_with_mentions("Müller eröffnete die Bäckerei am Markt.", kb, tokens_stage, (("Müller", "PER"),))
    ent = next(e for e in a.entities if e.mentions[0].text == "Müller")
    assert ent.kb_id is None and ent.id.startswith("local:")


RESULTS_TABLE = "FC Augsburg | - | Bor. Mönchengladbach | 2:1 (1:0)\n\n14. | Bor. Mönchengladbach | 6 | 2 | 0 | 4 | -3"


def test_entities_club_abbreviation_of_a_results_table_ends_no_sentence(token_analyzer):
    """dpa's results tables shorten ``Borussia`` to ``Bor.`` (and ``Eintracht`` to ``Eintr.``):
    the full stop ends no sentence, so the club's name stays in one."""
    from tagwerk.article import build_article

    a = token_analyzer.analyze(build_article(body="Danach spielte Bor. Mönchengladbach gegen Eintr. Frankfurt."))
    assert len({t.sentence for t in a.tokens}) == 1
    assert "Bor." in [t.text for t in a.tokens]


def test_entities_abbreviated_club_is_the_club_not_a_place(kb, tokens_stage):
    """``Bor. Mönchengladbach``: the club, not a place ``Bor`` and the city (tagged as such by the
    recogniser on dpa's Bundesliga table)."""
    a = run(RESULTS_TABLE, kb, tokens_stage, [("Bor", "LOC"), ("Mönchengladbach", "LOC")])
    names = by_name(a)
    assert "Borussia Mönchengladbach" in names
    assert names["Borussia Mönchengladbach"].type == "ORG"
    assert texts(names["Borussia Mönchengladbach"]) == ["Bor. Mönchengladbach", "Bor. Mönchengladbach"]
    assert "Bor" not in names and "Mönchengladbach" not in names


UNION_MATCH = (
    "Der 1. FC Union Berlin hat gegen Borussia Dortmund gewonnen. Union steht nun auf Platz sechs, "
    "und Trainer Bo Svensson lobte die Mannschaft."
)


def test_entities_short_form_of_a_club_named_in_the_article_is_the_club(kb, tokens_stage):
    """``Union`` after ``1. FC Union Berlin`` is the club, not the CDU/CSU (whose alias it is):
    a short form of an organisation the article names in full is that organisation."""
    a = run(UNION_MATCH, kb, tokens_stage,
            [("1. FC Union Berlin", "ORG"), ("Borussia Dortmund", "ORG"), ("Union", "ORG"), ("Bo Svensson", "PER")],
            patterns=False)
    names = by_name(a)
    assert "CDU/CSU" not in names
    assert texts(names["1. FC Union Berlin"]) == ["1. FC Union Berlin", "Union"]


def test_entities_union_alone_is_still_the_cdu_csu(kb, tokens_stage):
    a = run("Die Union will im Bundestag gegen das Gesetz stimmen.", kb, tokens_stage,
            [("Union", "ORG"), ("Bundestag", "ORG")], patterns=False)
    assert "CDU/CSU" in by_name(a)


def test_entities_company_named_by_its_own_name_stays_the_company(kb, tokens_stage):
    """``Bayer`` is the KB's name of the company: a story that also names the club ``Bayer 04
    Leverkusen`` does not make every ``Bayer`` the club."""
    a = run("Der Konzern Bayer sponsert Bayer 04 Leverkusen seit Jahrzehnten. Bayer will das fortsetzen.",
            kb, tokens_stage, [("Bayer", "ORG"), ("Bayer 04 Leverkusen", "ORG"), ("Bayer", "ORG")], patterns=False)
    names = by_name(a)
    assert texts(names["Bayer"]) == ["Bayer", "Bayer"]


def test_entities_union_beside_the_european_union_stays_the_cdu_csu(kb, tokens_stage):
    """A story on the ``Europäische Union`` may call the CDU/CSU ``die Union`` (Wikinews: ``will
    die Union lediglich eine privilegierte Partnerschaft``): only a club's short form is relinked
    where the KB knows the word as another organisation's alias."""
    a = run("Die Europäische Union verhandelt mit der Türkei. Die Union will lediglich eine Partnerschaft.",
            kb, tokens_stage, [("Europäische Union", "ORG"), ("Union", "ORG")], patterns=False)
    names = by_name(a)
    assert texts(names["CDU/CSU"]) == ["Union"]
    assert texts(names["Europäische Union"]) == ["Europäische Union"]


@pytest.mark.parametrize(
    "text, mentions, name",
    [
        # Wikinews: a Siberian high named ``Cooper`` was the British minister Yvette Cooper, the first tag
        ("Das sibirische Hoch „Cooper“ beschert Osteuropa eine Kältewelle. Cooper bringt bis zu minus 30 Grad.",
         [("Cooper", "PER"), ("Cooper", "PER")], "Hoch Cooper"),
        ("Sturmtief „Sabine“ hat schwere Schäden angerichtet. Sabine zog am Montag nach Osten weiter.",
         [("Sabine", "LOC"), ("Sabine", "PER")], "Sturmtief Sabine"),
        ("Hurrikan Katrina hat die Stadt verwüstet. Katrina war einer der stärksten Stürme.",
         [("Katrina", "LOC"), ("Katrina", "PER")], "Hurrikan Katrina"),
        ("Orkan Kyrill hat Bäume entwurzelt.", [("Orkan Kyrill", "MISC")], "Orkan Kyrill"),
    ],
)
def test_entities_named_weather_system_is_no_person(kb, tokens_stage, text, mentions, name):
    """A high, a low or a storm named like a person (``Hoch „Cooper“``, ``Sturmtief Sabine``) is one
    event under the name its kind gives it, with every bare mention of its name; no person."""
    a = run(text, kb, tokens_stage, mentions)
    weather = [e for e in a.entities if e.name == name]
    assert len(weather) == 1 and weather[0].type == "MISC" and weather[0].kb_id is None
    assert len(weather[0].mentions) == len(mentions)
    assert not [e for e in a.entities if e.type == "PER"]


def test_entities_storm_as_a_clubs_name_is_no_weather(kb, tokens_stage):
    """``Sturm`` alone names a club too (``Sturm Graz``): it makes no weather system."""
    a = run("Sturm Graz gewann gegen Rapid Wien.", kb, tokens_stage, [("Sturm Graz", "ORG"), ("Rapid Wien", "ORG")])
    assert all(e.type == "ORG" for e in a.entities)


def test_entities_first_part_of_a_shortened_pair_is_no_name(kb, tokens_stage):
    """``Mittel- und Osteuropa``: the recogniser's ``Mittel-`` is half a word, no name of its own
    (Wikinews: it became a tag ``Mittel-``)."""
    a = run("Eine Kältewelle erfasst Mittel- und Osteuropa.", kb, tokens_stage, [("Mittel-", "LOC"), ("Osteuropa", "LOC")])
    assert [e.name for e in a.entities] == ["Osteuropa"]
