"""Tags an editor keeps: the noise rules of the tags stage, one case each (issue #31).

Each case is a short German text of our own with the entities the entities stage would give
(built by hand, so the rule is tested without the NER model); the cases that depend on the
recogniser (a headline word before a colon, the dateline) run the full Analyzer.
"""

from __future__ import annotations

import re

import pytest

from tagwerk.analysis import Entity, Mention
from tagwerk.article import build_article
from tagwerk.pipeline import AnalyzerConfig, Work
from tagwerk.render import to_jsonld
from tagwerk.stages.keyphrases import extract_keyphrases
from tagwerk.stages.section import SectionStage
from tagwerk.stages.tags import Tags
from tagwerk.topics import tag_key

Spec = tuple[str, str, str, list[str]]
"""(entity id, name, label, surface forms found in the text)."""


def _entity(text: str, spec: Spec) -> Entity:
    eid, name, label, forms = spec
    ms: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for form in sorted(forms, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            ms.append(Mention(m.start(), m.end(), form, label, entity=eid))  # type: ignore[arg-type]
    ms.sort(key=lambda m: m.start)
    return Entity(id=eid, name=name, type=label, kb_id=eid if eid.startswith("Q") else None, mentions=ms)  # type: ignore[arg-type]


def _tag(token_analyzer, title: str, body: str, entities: list[Spec], top_k: int = 10):  # noqa: ANN001, ANN202
    a = token_analyzer.analyze(build_article(body=body, title=title))
    a.entities = [e for e in (_entity(a.text, s) for s in entities) if e.mentions]
    a.mentions = sorted((m for e in a.entities for m in e.mentions), key=lambda m: m.start)
    a.keyphrases = extract_keyphrases(a.text, a.tokens, a.mentions)
    config = AnalyzerConfig(top_k=top_k)
    work = Work(a)
    SectionStage(config)(work)
    Tags(config)(work)
    return a


def _keys(analysis) -> set[str]:  # noqa: ANN001
    return {tag_key(t.name) for t in analysis.tags}


# -- credit, byline and dateline: agencies are no tags -------------------------------------

AGENCY_TITLE = "Bahnstreik legt Fernverkehr lahm"
AGENCY_BODY = (
    "Berlin (dpa) - Die Lokführergewerkschaft GDL hat den Fernverkehr der Deutschen Bahn am Montag "
    "weitgehend zum Erliegen gebracht. Rund 80 Prozent der Fernzüge fielen aus, wie ein Bahnsprecher "
    "der Deutschen Presse-Agentur sagte. Auch Reuters und AFP meldeten überfüllte Bahnsteige in "
    "Hamburg und München.\n"
    "Die Gewerkschaft fordert mehr Lohn und kürzere Arbeitszeiten. Die Bahn nannte den Streik "
    "unverhältnismäßig, wie sie der Nachrichtenagentur AFP mitteilte.\n"
    "Quelle: ntv.de, abc/dpa/AFP/Reuters"
)
AGENCY_ENTITIES: list[Spec] = [
    ("tw:org:dpa", "dpa", "ORG", ["dpa", "Deutschen Presse-Agentur"]),
    ("tw:org:reuters", "Reuters", "ORG", ["Reuters"]),
    ("tw:org:afp", "AFP", "ORG", ["AFP"]),
    ("tw:org:gdl", "GDL", "ORG", ["GDL"]),
    ("tw:org:db", "Deutsche Bahn", "ORG", ["Deutschen Bahn", "Bahn"]),
    ("tw:city:hamburg", "Hamburg", "LOC", ["Hamburg"]),
    ("tw:city:muenchen", "München", "LOC", ["München"]),
    ("tw:city:berlin", "Berlin", "LOC", ["Berlin"]),
]


@pytest.mark.parametrize("agency", ["dpa", "Reuters", "AFP"])
def test_tags_noise_agency_named_in_text_is_no_tag(token_analyzer, agency):
    a = _tag(token_analyzer, AGENCY_TITLE, AGENCY_BODY, AGENCY_ENTITIES)
    assert tag_key(agency) not in _keys(a)
    assert "Deutsche Bahn" in {t.name for t in a.tags}  # the story's own names stay


@pytest.mark.parametrize("agency", ["dpa", "Reuters", "AFP"])
def test_tags_noise_agency_not_in_jsonld(token_analyzer, agency):
    ld = to_jsonld(_tag(token_analyzer, AGENCY_TITLE, AGENCY_BODY, AGENCY_ENTITIES))
    assert agency not in ld["keywords"]
    assert agency not in [x["name"] for x in ld["about"]]


def test_tags_noise_jsonld_about_only_entity_tags(token_analyzer):
    # the strike topic absorbs the union's name as evidence; `about` still names only what is tagged
    a = _tag(token_analyzer, AGENCY_TITLE, AGENCY_BODY, AGENCY_ENTITIES)
    tagged = {t.name for t in a.tags}
    about = [x["name"] for x in to_jsonld(a)["about"]]
    assert set(about) <= tagged


def test_tags_noise_agency_and_dateline_end_to_end(full_analyzer):
    a = full_analyzer.analyze(build_article(body=AGENCY_BODY, title=AGENCY_TITLE))
    names = {t.name for t in a.tags}
    assert not names & {"dpa", "AFP", "Reuters", "Deutsche Presse-Agentur"}
    ld = to_jsonld(a)
    assert not set(ld["keywords"]) & {"dpa", "AFP", "Reuters"}
    assert not {x["name"] for x in ld["about"]} & {"dpa", "AFP", "Reuters"}


def test_tags_noise_dateline_and_byline_are_no_evidence(token_analyzer):
    body = (
        "Von Anna Beispiel\n"
        "Peine (dpa/lni) - Ein umgestürzter Baum hat den Bahnverkehr zwischen Hannover und Peine am Morgen "
        "stundenlang behindert. Die Westfalenbahn ließ mehrere Züge ausfallen, Pendler mussten auf Busse "
        "ausweichen. Am Mittag war die Strecke wieder frei."
    )
    ents: list[Spec] = [
        ("local:org:lni", "lni", "ORG", ["lni"]),
        ("local:per:anna-beispiel", "Anna Beispiel", "PER", ["Anna Beispiel"]),
        ("tw:city:hannover", "Hannover", "LOC", ["Hannover"]),
        ("local:org:westfalenbahn", "Westfalenbahn", "ORG", ["Westfalenbahn"]),
    ]
    a = _tag(token_analyzer, "Baum auf Bahnstrecke bei Peine", body, ents)
    assert a.article.dateline is not None
    names = {t.name for t in a.tags}
    assert not names & {"lni", "Anna Beispiel", "dpa"}
    assert "Westfalenbahn" in names


PROGRAMME_BODY = (
    "Ihr Ansprechpartner: Lena Beispiel, Tel. (030) 1234-5678\n"
    "Der Autobauer Ford will in Deutschland 2.900 Stellen abbauen. Die meisten Arbeitsplätze sollen im "
    "Kölner Werk wegfallen, wie das Unternehmen mitteilte.\n"
    "Jonas Muster berichtet.\n"
    "In Berlin beginnt die Debatte über den Haushalt. Der Bundestag berät bis Freitag. Mara Probe berichtet aus Berlin."
)
PROGRAMME_ENTITIES: list[Spec] = [
    ("local:per:lena-beispiel", "Lena Beispiel", "PER", ["Lena Beispiel"]),
    ("local:per:jonas-muster", "Jonas Muster", "PER", ["Jonas Muster"]),
    ("local:per:mara-probe", "Mara Probe", "PER", ["Mara Probe"]),
    ("tw:org:ford", "Ford", "ORG", ["Ford"]),
    ("tw:org:bundestag", "Bundestag", "ORG", ["Bundestag"]),
]


def test_tags_noise_contact_line_and_reporter_credit_are_no_evidence(token_analyzer):
    """dpa's audio programme names its contact (``Ihr Ansprechpartner: …, Tel.``) and the
    reporter of each piece (``… berichtet.``, ``… berichtet aus London.``): credit material,
    whose persons are no tags (they led the programme's suggestions)."""
    a = _tag(token_analyzer, "Audio-Programm für Mittwoch", PROGRAMME_BODY, PROGRAMME_ENTITIES)
    names = {t.name for t in a.tags}
    assert not names & {"Lena Beispiel", "Jonas Muster", "Mara Probe"}
    assert {"Ford", "Bundestag"} <= names


def test_tags_noise_person_who_reports_inside_a_sentence_stays(token_analyzer):
    body = "Die Ärztin Mara Probe berichtet von überfüllten Kliniken. Mara Probe arbeitet seit Jahren in Kiew."
    a = _tag(token_analyzer, "Kliniken am Limit", body, [("local:per:mara-probe", "Mara Probe", "PER", ["Mara Probe"])])
    assert "Mara Probe" in {t.name for t in a.tags}


# -- a word inside a person's or an organisation's name triggers no topic ------------------

NAME_CASES = [
    (
        "Minister wirbt für Lieferkettengesetz",
        "Entwicklungsminister Gerd Müller hat in Berlin für ein strengeres Lieferkettengesetz geworben. "
        "Müller sagte, deutsche Unternehmen müssten für faire Löhne in Asien sorgen. Müller will den "
        "Entwurf noch vor dem Sommer ins Kabinett bringen.",
        ("Q71155", "Gerd Müller", "PER", ["Gerd Müller", "Müller"]),
        "Plastikmüll",
    ),
    (
        "Früherer Außenminister warnt vor Moskau",
        "Der frühere Außenminister Joschka Fischer hat mehr Härte gegenüber Moskau verlangt. Fischer "
        "sagte in einem Interview, Europa müsse sich auf eine lange Konfrontation einstellen. Fischer "
        "war sieben Jahre lang Außenminister.",
        ("Q41156", "Joschka Fischer", "PER", ["Joschka Fischer", "Fischer"]),
        "Tiere",
    ),
    (
        "Neue Chefin für den Verbraucherschutz",
        "Die Verbraucherzentrale in Leipzig bekommt eine neue Vorständin. Eva Richter übernimmt den "
        "Posten im Herbst. Richter arbeitete zuvor bei einer Stiftung. Sie wolle sich vor allem um "
        "Energiepreise kümmern, sagte Richter.",
        ("local:per:eva-richter", "Eva Richter", "PER", ["Eva Richter", "Richter"]),
        "Justiz",
    ),
    (
        "Drogeriekette eröffnet neue Filialen",
        "Die Drogeriekette Müller will in diesem Jahr vierzig neue Filialen eröffnen. Müller beschäftigt "
        "mehr als 35.000 Menschen, teilte das Unternehmen in Ulm mit. Müller setzt dabei auf größere Läden.",
        ("local:org:mueller", "Müller", "ORG", ["Müller"]),
        "Plastikmüll",
    ),
]


@pytest.mark.parametrize(("title", "body", "spec", "topic"), NAME_CASES, ids=["mueller", "fischer", "richter", "org"])
def test_tags_noise_word_inside_a_name_is_no_topic(token_analyzer, title, body, spec, topic):
    a = _tag(token_analyzer, title, body, [spec])
    assert tag_key(topic) not in _keys(a)
    assert spec[1] in {t.name for t in a.tags}


def test_tags_noise_topic_word_outside_names_still_counts(token_analyzer):
    body = (
        "Der Tierschützer Gerd Müller hat in Köln ein Tierheim für ausgesetzte Hunde eröffnet. "
        "Die Tiere seien oft krank, sagte Müller. Viele Hunde würden nach dem Urlaub ausgesetzt."
    )
    a = _tag(token_analyzer, "Tierheim eröffnet", body, [("Q71155", "Gerd Müller", "PER", ["Gerd Müller", "Müller"])])
    assert "Tiere" in {t.name for t in a.tags}


def test_tags_noise_descriptive_word_of_an_organisation_counts(token_analyzer):
    body = (
        "Die Verbraucherzentrale Sachsen warnt vor gefälschten Paketmitteilungen. Betrüger verschickten "
        "Nachrichten im Namen von Lieferdiensten, teilte die Verbraucherzentrale Sachsen in Leipzig mit."
    )
    ents: list[Spec] = [("local:org:vz-sachsen", "Verbraucherzentrale Sachsen", "ORG", ["Verbraucherzentrale Sachsen"])]
    a = _tag(token_analyzer, "Warnung vor falschen Paketmitteilungen", body, ents)
    assert "Verbraucherschutz" in {t.name for t in a.tags}


# -- a party's name inside another organisation's name ---------------------------------------

OTHER_UNION_CASES = [
    (
        "EU verhängt neue Sanktionen",
        "Die Europäische Union hat neue Sanktionen gegen Russland beschlossen. Die Europäische Union will "
        "damit den Druck auf Moskau erhöhen. Auch die Afrikanische Union begrüßte den Schritt.",
        [("tw:org:eu", "Europäische Union", "ORG", ["Europäische Union"]),
         ("tw:org:afrikanische-union", "Afrikanische Union", "ORG", ["Afrikanische Union"])],
    ),
    (
        "Union gewinnt in Dortmund",
        "Der 1. FC Union Berlin hat bei Borussia Dortmund gewonnen. Union steht nun auf Platz sechs, "
        "nachdem Union Berlin zuletzt dreimal sieglos geblieben war.",
        [("tw:org:1-fc-union-berlin", "1. FC Union Berlin", "ORG", ["1. FC Union Berlin", "Union Berlin", "Union"]),
         ("tw:org:borussia-dortmund", "Borussia Dortmund", "ORG", ["Borussia Dortmund"])],
    ),
]


@pytest.mark.parametrize(("title", "body", "ents"), OTHER_UNION_CASES, ids=["eu", "club"])
def test_tags_noise_party_name_inside_another_organisations_name_is_no_tag(token_analyzer, title, body, ents):
    """``Union`` names the CDU/CSU, but not inside ``Europäische Union`` or ``Afrikanische
    Union``, nor as the short form of ``1. FC Union Berlin``: a topic's own name on another
    organisation's name is no evidence for it."""
    a = _tag(token_analyzer, title, body, ents)
    assert not {"union", "cducsu"} & _keys(a)
    assert ents[0][1] in {t.name for t in a.tags}


def test_tags_noise_place_inside_a_longer_place_name_is_no_tag(token_analyzer):
    """``Republik Kongo`` (Brazzaville) stands inside ``Demokratische Republik Kongo``
    (Kinshasa): the text names the longer one there, and the shorter is no tag."""
    body = (
        "Der frühere Vizepräsident der Demokratischen Republik Kongo ist nach Den Haag überstellt worden. "
        "In der Demokratischen Republik Kongo soll seine Miliz Kriegsverbrechen begangen haben."
    )
    ents: list[Spec] = [("tw:country:CD", "Demokratische Republik Kongo", "LOC", ["Demokratischen Republik Kongo"])]
    names = {t.name for t in _tag(token_analyzer, "Ex-Vizepräsident in Den Haag", body, ents).tags}
    assert "Demokratische Republik Kongo" in names
    assert "Republik Kongo" not in names


def test_tags_noise_union_and_cdu_csu_are_one_tag(token_analyzer):
    """The topic the text names ``Union`` and the entity the KB calls ``CDU/CSU`` are one tag."""
    body = (
        "Die Union will im Bundestag gegen das Gesetz stimmen. Die Union aus CDU und CSU kritisierte "
        "die Pläne der Regierung scharf."
    )
    ents: list[Spec] = [("tw:org:cdu-csu", "CDU/CSU", "ORG", ["Union"]), ("tw:org:bundestag", "Bundestag", "ORG", ["Bundestag"])]
    names = [t.name for t in _tag(token_analyzer, "Union gegen Gesetz", body, ents).tags]
    assert "CDU/CSU" in names
    assert "Union" not in names


def test_tags_noise_party_branch_names_the_party(token_analyzer):
    """``CDU Sachsen`` (no KB entry of its own) is the CDU's Land branch: evidence for the CDU."""
    body = "Die CDU Sachsen will mit der SPD verhandeln. Der Landesvorstand der CDU Sachsen tagte am Montag in Dresden."
    ents: list[Spec] = [("local:org:cdu-sachsen", "CDU Sachsen", "ORG", ["CDU Sachsen"]), ("Q49768", "SPD", "ORG", ["SPD"])]
    assert "cdu" in _keys(_tag(token_analyzer, "CDU Sachsen verhandelt", body, ents))


def test_tags_noise_company_name_inside_another_organisations_name_is_no_topic(token_analyzer):
    """``Continental`` triggers Autoindustrie (the tyre maker), but not inside ``Continental
    Airlines``: a word that names a company, inside another organisation's name, names no topic."""
    body = (
        "Ein Passagier ist in New Jersey aus einem rollenden Flugzeug der Continental Airlines gesprungen. "
        "Die Maschine musste zum Terminal zurückkehren, der Mann wurde festgenommen."
    )
    ents: list[Spec] = [("tw:org:continental-airlines", "Continental Airlines", "ORG", ["Continental Airlines"])]
    names = {t.name for t in _tag(token_analyzer, "Passagier springt aus Flugzeug", body, ents).tags}
    assert "Autoindustrie" not in names
    assert "Luftfahrt" in names


# -- a currency or a unit named in passing is no tag ---------------------------------------

def test_tags_noise_currency_in_amounts_is_no_tag(token_analyzer):
    body = (
        "Der Autobauer BMW hat im dritten Quartal mehr verdient als erwartet. Der Überschuss stieg auf "
        "2,8 Milliarden Euro, teilte das Unternehmen in München mit. Der Umsatz lag bei 38 Mrd. Euro, "
        "der Preis der Aktie bei 96 Euro. Für das Jahr rechnet BMW mit einer Rendite von acht Prozent."
    )
    ents: list[Spec] = [
        ("tw:org:bmw", "BMW", "ORG", ["BMW"]),
        ("local:misc:euro", "Euro", "MISC", ["Euro"]),
        ("tw:city:muenchen", "München", "LOC", ["München"]),
    ]
    a = _tag(token_analyzer, "BMW steigert Gewinn", body, ents)
    assert "euro" not in _keys(a)
    assert "BMW" in {t.name for t in a.tags}


def test_tags_noise_currency_as_the_subject_stays(token_analyzer):
    body = (
        "Der Euro ist am Freitag auf den tiefsten Stand seit zwei Jahren gefallen. Händler verwiesen "
        "auf die schwache Konjunktur im Euroraum. Der Euro kostete zeitweise weniger als ein Dollar."
    )
    ents: list[Spec] = [("local:misc:euro", "Euro", "MISC", ["Euro"]), ("local:misc:dollar", "Dollar", "MISC", ["Dollar"])]
    a = _tag(token_analyzer, "Euro fällt auf Zweijahrestief", body, ents)
    assert "Euro" in {t.name for t in a.tags}


# -- a headline word before a colon is no name ----------------------------------------------

@pytest.mark.parametrize(
    ("title", "word"),
    [
        ("Zölle: China droht der EU mit Vergeltung", "Zölle"),
        ("Zölle: Trump droht Kanada", "Zölle"),
        ("Streik: Lokführer legen Bahn lahm", "Streik"),
    ],
)
def test_tags_noise_headline_word_before_colon_is_no_name(full_analyzer, title, word):
    body = "Peking (dpa) - Im Handelsstreit verschärft sich der Ton. Die Regierung kündigte Gegenmaßnahmen an."
    a = full_analyzer.analyze(build_article(body=body, title=title))
    assert word not in {m.text for m in a.mentions}
    assert word not in {e.name for e in a.entities}


@pytest.mark.parametrize("title", ["Müller: Wir brauchen mehr Geld für Schulen", "Berlin: Senat beschließt Haushalt"])
def test_tags_noise_name_before_colon_stays(kb, title):
    from tagwerk.stages.entities.clean import clean_model_mention

    word = title.split(":")[0]
    label = "PER" if word == "Müller" else "LOC"
    m = Mention(0, len(word), word, label)  # type: ignore[arg-type]
    assert [x.text for x in clean_model_mention(m, title + "\n\nText.", kb)] == [word]


# -- unrelated topics, fixed at their cause -------------------------------------------------

def test_tags_noise_patent_court_in_den_haag_is_no_genocide(token_analyzer):
    body = (
        "Im Patentstreit zweier Medizintechnikhersteller hat das Einheitliche Patentgericht in Den Haag "
        "ein Verkaufsverbot verhängt. Der US-Konzern darf seine Herzpumpen in sieben EU-Staaten vorerst "
        "nicht mehr anbieten. Das Unternehmen kündigte an, Berufung einzulegen."
    )
    a = _tag(token_analyzer, "Gericht stoppt Verkauf von Herzpumpen", body,
             [("tw:city:den-haag", "Den Haag", "LOC", ["Den Haag"]), ("Q458", "Europäische Union", "ORG", ["EU"])])
    assert "Völkermord" not in {t.name for t in a.tags}


def test_tags_noise_genocide_trial_keeps_its_topic(token_analyzer):
    body = (
        "Der Internationale Strafgerichtshof hat einen früheren Milizenführer wegen Völkermordes "
        "angeklagt. Ihm wird das Massaker an mehr als 8000 Menschen zur Last gelegt."
    )
    a = _tag(token_analyzer, "Anklage wegen Völkermordes", body, [])
    assert "Völkermord" in {t.name for t in a.tags}


ROMANIA_TITLE = "Regierungskrise in Bukarest"
ROMANIA_BODY = (
    "In Rumänien ist die Regierung von Ministerpräsident Marcel Ciolacu zerbrochen. Die Liberalen "
    "verließen die Koalition mit den Sozialdemokraten der PSD, teilte ihr Parteichef in Bukarest mit. "
    "Ciolacu will nun eine Minderheitsregierung bilden. Der Ministerpräsident rief die Liberalen "
    "zur Rückkehr auf."
)
ROMANIA_ENTITIES: list[Spec] = [
    ("tw:country:RO", "Rumänien", "LOC", ["Rumänien"]),
    ("tw:city:bukarest", "Bukarest", "LOC", ["Bukarest"]),
    ("local:per:marcel-ciolacu", "Marcel Ciolacu", "PER", ["Marcel Ciolacu", "Ciolacu"]),
    ("tw:org:fdp", "FDP", "ORG", ["Liberalen"]),
    ("local:org:psd", "PSD", "ORG", ["PSD"]),
]


@pytest.mark.parametrize("wrong", ["Bundesländer", "FDP", "SPD"])
def test_tags_noise_romanian_government_has_no_german_tags(token_analyzer, wrong):
    a = _tag(token_analyzer, ROMANIA_TITLE, ROMANIA_BODY, ROMANIA_ENTITIES)
    names = {t.name for t in a.tags}
    assert wrong not in names
    assert {"Rumänien", "Marcel Ciolacu"} <= names


def test_tags_noise_campaign_abroad_is_no_bundestag_election(token_analyzer):
    """A campaign in Bulgaria (Wikinews: ``Wahlkampf`` in a story on a Roma clan chief) got the
    German ``Bundestagswahl``: a campaign, a poll or coalition talks speak for it only beside a
    German party or institution; ``Wahlen`` stays."""
    body = (
        "In Bulgarien hat der Wahlkampf begonnen. Die Regierungspartei liegt in einer Umfrage vorn, "
        "nach der Wahl drohen schwierige Koalitionsverhandlungen in Sofia."
    )
    names = {t.name for t in _tag(token_analyzer, "Wahlkampf in Bulgarien", body, [("tw:country:BG", "Bulgarien", "LOC", ["Bulgarien"])]).tags}
    assert "Bundestagswahl" not in names
    assert "Wahlen" in names


def test_tags_noise_german_campaign_keeps_the_bundestag_election(token_analyzer):
    body = "Der Wahlkampf hat begonnen. CDU und SPD stellen ihre Wahlprogramme vor, die Grünen folgen am Montag."
    ents: list[Spec] = [("Q49762", "CDU", "ORG", ["CDU"]), ("Q49768", "SPD", "ORG", ["SPD"])]
    assert "Bundestagswahl" in {t.name for t in _tag(token_analyzer, "Wahlkampf beginnt", body, ents).tags}


@pytest.mark.parametrize(("title", "body", "wrong"), [
    ("Absturz in Peru", "Eine Maschine der Fluggesellschaft ist am 6. Januar in den Anden abgestürzt. Die Behörden "
     "in Lima untersuchen den Unfall.", "Sturm auf das Kapitol"),
    ("Umsatzeinbruch bei Versandhändler", "Der Handelskonzern meldet einen Umsatzeinbruch von zwölf Prozent. Auch die "
     "Versandtochter verbuchte ein Umsatzminus.", "Kriminalität"),
    ("Passagier springt aus Flugzeug", "Wegen einer Verspätung ist ein Passagier aus einem rollenden Flugzeug auf "
     "die Startbahn gesprungen. Der Flug nach Boston fiel aus.", "Deutsche Bahn"),
    ("Inflation in Argentinien", "Argentinien bleibt einer der Inflations-Spitzenreiter. Die Regierung gilt als "
     "Vorreiter beim Sparen.", "Reitsport"),
    ("Unglück im Kraftwerk", "Auf der Baustelle des Kraftwerks stürzte ein Gerüst ein. Trümmer flogen bis zu 100 "
     "Meter weit, drei Arbeiter wurden schwer verletzt.", "Leichtathletik"),
    ("Unglück im Kraftwerk", "Auf der Baustelle des Kraftwerks stürzte ein Gerüst ein. Trümmer flogen bis zu 100 "
     "Meter weit, drei Arbeiter wurden schwer verletzt.", "Wohnungsbau"),
    ("Einigung nach Verhandlungsmarathon", "Nach einem Verhandlungsmarathon haben sich Gewerkschaft und Arbeitgeber "
     "auf einen Tarifvertrag geeinigt.", "Leichtathletik"),
    ("Containerriese im Hafen", "Das größte Containerschiff der Welt ist im Hafen eingetroffen. Vier Schlepper "
     "zogen den Frachter an den Kai.", "Flüchtlingspolitik"),
    ("Formel-1-Pilot vor Gericht", "Der Formel-1-Pilot soll in einer Diskothek einen Gast verletzt haben. Sein "
     "Anwalt weist den Vorwurf zurück.", "Luftfahrt"),
    ("Tote durch Unwetter in Japan", "Bei schweren Regenfällen sind in Japan mindestens 40 Menschen getötet worden. "
     "Rettungskräfte bargen eine Leiche aus den Trümmern.", "Mord und Totschlag"),
    ("Dortmund siegt vor vollem Haus", "Vor 81.000 Zuschauern gewann Borussia Dortmund mit 3:1. Die Zuschauer "
     "feierten die Mannschaft nach dem Abpfiff.", "Fernsehen"),
    ("Mehr Frauen in Vorständen", "Die Regierung will die Quote für Frauen in Vorständen erhöhen. Bisher liegt "
     "die Quote bei 30 Prozent.", "Fernsehen"),
    ("Paketflut vor Weihnachten", "Die Post rechnet mit einer Rekordzahl an Paketsendungen. Jede Sendung soll "
     "binnen zwei Tagen ankommen.", "Fernsehen"),
    ("Fahrer mit 1,1 Promille", "Der Fahrer hatte 1,1 Promille Alkohol im Blut. Die Polizei nahm ihm den "
     "Führerschein ab.", "Prominente"),
    ("Stadtrat tagt erstmals", "Der Magdeburger Stadtrat ist zu seiner ersten Sitzung zusammengekommen. Die "
     "SPD-Fraktion stellt die meisten Abgeordneten, die FDP-Fraktion ist erstmals vertreten.", "Bundestag"),
    ("Jagdflugzeug abgestürzt", "Ein Jagdflugzeug ist bei einem Übungsflug abgestürzt. Der Fluglehrer und "
     "sein Schüler konnten sich retten.", "Bildungspolitik"),
    ("Erdbeben in Italien", "Ein Erdbeben hat in der Nacht Norditalien erschüttert. Viele Menschen wurden im "
     "Schlaf überrascht.", "Hirnforschung"),
    ("Allianz gegen die AfD", "Steht die Allianz gegen die AfD? Die Parteien im Landtag wollen eine Allianz für "
     "die Demokratie bilden.", "Versicherungen"),
    ("Saisonstart in der NHL", "Nach dem Lockout beginnt die NHL mit dem ersten Spieltag. Die Canadiens sind "
     "Tabellenführer, die Bruins verloren das Derby.", "Fußball-Bundesliga"),
    ("Täter mit Lockvogel gefasst", "Die Polizei stellte dem Mann mit einem Lockvogel eine Falle. In der alten "
     "Spinnerei wurde er festgenommen.", "Tiere"),
    ("Hubschrauber abgestürzt", "Zehn Soldaten der Armee sind beim Absturz eines Hubschraubers ums Leben "
     "gekommen. Der Militärhubschrauber sei kurz vor der Landung abgestürzt.", "Kriminalität"),
    ("Hubschrauber abgestürzt", "Zehn Soldaten der Armee sind beim Absturz eines Hubschraubers ums Leben "
     "gekommen. Der Militärhubschrauber sei kurz vor der Landung abgestürzt.", "Armut"),
    ("Partei boykottiert Umfrage", "Die Landtagsfraktion boykottiert die Fragen der Plattform. Die Ausrichtung "
     "der Partei sei klar, sagte der Fraktionschef.", "Sportpolitik"),
    ("Überfälle im Kreis", "Eine Serie von Überfällen beschäftigt die Polizei. Die Täter erbeuteten Geld.",
     "Fernsehen"),
    ("Mutter und Kind tot aufgefunden", "Die Polizei sicherte am Tatort Spuren. Ein Hubschrauber kreiste über "
     "dem Bereich des Tatorts.", "Fernsehen"),
    ("Brand im Waisenhaus", "Nach einer Brandstiftung in einem Waisenhaus sind 22 Mädchen gestorben. Die "
     "Feuerwehr konnte das Gebäude nicht mehr retten.", "Waldbrände"),
    ("Tankstelle überfallen", "Die Angestellte einer Tankstelle ist tot aufgefunden worden. Der Täter nahm "
     "Bargeld aus der Kasse der Tankstelle.", "Verkehr"),
    ("Erstes Retortenbaby", "Vor 25 Jahren kam das erste deutsche Retortenbaby zur Welt. Das Baby wog 4150 "
     "Gramm.", "Prominente"),
    ("Zeitung tauscht Redaktion aus", "Der Verlag der Zeitung hat die Redaktion entlassen. Der Verleger "
     "will die Lokalteile zukaufen.", "Literatur"),
    ("Distanz zur Politik", "Eine Studie zeigt eine große Distanz der Bürger zur Politik. Die Autoren der "
     "Studie befragten 2500 Menschen.", "Medizin"),
    ("Anschlag auf Konvoi", "Ein Selbstmordattentäter hat bei einem Anschlag auf einen Buskonvoi Dutzende "
     "Menschen getötet.", "Psychologie"),
    ("Kraftwerk eingeweiht", "Die Stadtwerke haben den Neubau eines Wasserkraftwerks an der Weser "
     "eingeweiht.", "Immobilien"),
    ("Autobahn privat finanziert", "Der Ausbau der Autobahn soll von privaten Investoren finanziert "
     "werden. Welcher Investor den Zuschlag erhält, ist offen.", "Gründer und Start-ups"),
    ("Musiker gestorben", "Der Musiker ist tot in seiner Wohnung in Cambridge aufgefunden worden. Er wurde "
     "60 Jahre alt.", "Mieten"),
    ("Fahndung nach Grabscher", "Die Polizei sucht einen Mann, der Frauen belästigt hat. Er sei jedes Mal "
     "schnell geflüchtet.", "Flüchtlingspolitik"),
    ("Badeunfälle", "Bei Badeunfällen sind am Wochenende drei Menschen ertrunken. Ein Schwimmer wurde "
     "vermisst.", "Verkehrsunfall"),
    ("Generalstreik in Griechenland", "Die Gewerkschaften streiken gegen das Sparpaket der Regierung in "
     "Athen. Der Finanzminister will den Etat kürzen.", "Bundeshaushalt"),
    ("Gesetz gegen die Mafia", "Das Parlament in Sofia hat das Gesetz in erster Lesung verabschiedet. Die "
     "Regierung will das Vermögen krimineller Banden einziehen.", "Literatur"),
    ("Ermittlungen gegen Minister", "Gegen den Minister wird wegen Machtmissbrauchs ermittelt. Er soll den "
     "Missbrauch von Fördergeldern gedeckt haben.", "Sexueller Missbrauch"),
    ("Luftangriff im Jemen", "Bei einem Luftangriff im Norden des Jemen sind Dutzende Menschen getötet worden. "
     "Die Huthi-Rebellen kontrollieren die Region.", "Piraterie"),
    ("Die Tour beginnt", "Die Tour de France hat in der Vendée begonnen. Ein Kolumbianer gewann die erste "
     "Etappe der Tour.", "Musik"),
    ("Kirche in Flammen", "Beim Brand der Katharinenkirche ist der Turmhelm abgestürzt. Die Glocken "
     "blieben unversehrt.", "Flugzeugabsturz"),
    ("Angriff auf Schülerin", "Ein Mann hat eine 20-jährige Schülerin mit einem Messer angegriffen. Die "
     "Schülerin wurde schwer verletzt.", "Bildungspolitik"),
    ("Bus verunglückt", "Ein Reisebus ist auf der Autobahn verunglückt. Die Feuerwehr befreite die "
     "eingeklemmten Fahrgäste. Rund 80 Feuerwehrleute waren im Einsatz, die Feuerwehr sperrte die Strecke.",
     "Brände"),
    ("Serie von Einbrüchen", "Die Einbrecher stahlen Schmuck und Bargeld. Die Polizei sucht Zeugen.",
     "Stahlindustrie"),
    ("Gleitschirm trifft Seilbahn", "Ein Gleitschirmflieger ist mit der Kabine der Seilbahn zusammengestoßen. "
     "Nach dem Zusammenstoß wurden die Fahrgäste mit einem Hubschrauber gerettet.", "Verkehrsunfall"),
    ("Tarifstreit bei Versorger", "Nach der dritten Verhandlungsrunde sind die Verhandlungen gescheitert. Der "
     "Verhandlungsführer der Gewerkschaft kündigte Warnstreiks an.", "Justiz"),
    ("Auto landet im Bach", "Ein 17-Jähriger ohne Führerschein ist mit dem Wagen seines Vaters von der Straße "
     "abgekommen und in einem Bach gelandet. Der Bach führte nach dem Regen viel Wasser.", "Klassische Musik"),
    ("Debatte über Rentenpläne", "Der Tenor der Debatte im Landtag war eindeutig: Die Pläne gehen zu weit. Auch "
     "der Tenor der Gutachten fiel kritisch aus.", "Klassische Musik"),
    ("Sänger freigesprochen", "Die Geschworenen sprachen den Sänger in allen Anklagepunkten frei, auch vom "
     "Vorwurf der Verschwörung. Die Anklage hatte ihm Verschwörung zur Entführung vorgeworfen.", "Verschwörungstheorien"),
    ("Autobombe vor Moschee", "Die Täter hatten den Sprengsatz in einem Auto deponiert, das vor der Moschee "
     "parkte. Bei der Explosion starben 18 Menschen.", "Müll"),
    ("Diskuswerferin ist Weltmeisterin", "Bei den Leichtathletik-Weltmeisterschaften in Helsinki hat die "
     "Diskuswerferin Gold gewonnen. Die neue Weltmeisterin warf 66,56 Meter weit.", "Fußball-WM"),
    ("Doktortitel aberkannt", "Die Universität Bayreuth hat dem früheren Minister den Doktortitel aberkannt. "
     "In Bayreuth hatte eine Kommission die Arbeit geprüft.", "Klassische Musik"),
    ("Tennisspielerin siegt", "Die Tennisspielerin gewann das Finale in drei Sätzen. Eine bekannte "
     "Schauspielerin jubelte auf der Tribüne.", "Frauenfußball"),
    ("Werk geschlossen", "Die Behörden schlossen das Werk am Montag. Die Arbeiter schlossen sich dem Protest "
     "der Anwohner an.", "Denkmalschutz"),
    ("Lexikon komplett", "Das Lexikon erscheint nun in 40 Bänden. Die Bände kosten zusammen 2000 Euro, der "
     "Verlag druckt 5000 Exemplare.", "Musik"),
    ("Anschlag in Norwegen", "Bei dem Massaker auf der Insel tötete der Attentäter 69 Menschen. Die Polizei "
     "korrigierte die Zahl der Opfer.", "Völkermord"),
    ("Einbruch in Wohnhaus", "Die Einbrecher stahlen ein Fernsehgerät und zwei Laptops. Den neuen Fernseher "
     "ließen sie im Flur stehen.", "Fernsehen"),
    ("Streik bei der Bahn", "Ein Reisender filmte die vollen Bahnsteige. Jeder Reisende soll einen Gutschein "
     "bekommen, der Absender der Nachricht war die Bahn.", "Fernsehen"),
    ("Flashmob im Bahnhof", "Über 200 Leute blieben in der Halle wie eingefroren stehen. Nach fünf Minuten "
     "gingen sie weiter, als sei nichts gewesen.", "Sanktionen"),
    ("Unternehmer kritisiert Manager", "Es gebe viele schwarze Schafe unter den Managern, sagte der Unternehmer. "
     "Die schwarzen Kassen mancher Firmen seien ein Skandal.", "Rassismus"),
    ("Unternehmer kritisiert Manager", "Es gebe viele schwarze Schafe unter den Managern, sagte der Unternehmer. "
     "Die schwarzen Kassen mancher Firmen seien ein Skandal.", "Tiere"),
    ("Teilchenbeschleuniger gestoppt", "Die Anlage wird auf eine Temperatur von minus 271 Grad gekühlt. Nach "
     "einem Defekt stieg die Temperatur im Tunnel, die Physiker schalteten ab.", "Wetter"),
    ("Tanklager bleibt", "Das Tanklager stammt aus dem Krieg. Die Stadt fürchtet Grundwasserverunreinigungen "
     "durch altes Benzin.", "Dürre"),
    ("Aktivisten blockieren Kraftwerk", "Aktivisten der Umweltorganisation haben das Kraftwerk mit Ketten "
     "blockiert. Die Klimaaktivisten forderten den Ausstieg aus der Kohle.", "Menschenrechte"),
    ("Dax im Plus", "Der Dax schloss am Freitag mit einem Plus von 1,3 Prozent. Die Börse in Frankfurt "
     "schloss damit die Woche im Plus.", "Denkmalschutz"),
    ("Kanzler will nicht", "Der Kanzler sagte, dass er eine Kandidatur ausschloss. Die Partei sei erleichtert, "
     "als sie das Kapitel abschloss.", "Denkmalschutz"),
    ("Fahrraddiebe gefasst", "Die Diebe knackten das Fahrradschloss mit einer Zange. Das Vorhängeschloss am "
     "Keller hielt.", "Denkmalschutz"),
    ("Baumängel in Hotels", "Die Behörden haben die Bauten ohne Prüfung abgenommen. Die Zahl der Gäste werde "
     "abnehmen, fürchten die Hotels.", "Ernährung"),
    ("Präsident tritt zurück", "Der Präsident kündigte in einer Fernsehansprache seinen Rücktritt an. "
     "Fernsehbilder zeigten jubelnde Menschen, er sagte in einem Fernsehinterview, er gehe.", "Fernsehen"),
    ("Brand in Lagerhalle", "Die Polizei ermittelt wegen Brandstiftung. Die Freiwillige Feuerwehr war mit 80 "
     "Kräften im Einsatz.", "Ehrenamt"),
    ("Helme im Test", "Die Stiftung Warentest hat 20 Fahrradhelme geprüft. Die Stiftung rät zu teureren "
     "Modellen.", "Ehrenamt"),
    ("Rückruf von Schokoriegeln", "Der Hersteller ruft freiwillig mehrere Schokoriegel zurück. Der freiwillige "
     "Rückruf betrifft ganz Europa.", "Ehrenamt"),
    ("Neues Logo", "Die Ausstellung bekommt ein neues grafisches Erscheinungsbild. Die grafische Gestaltung "
     "stammt von einem Büro aus Berlin.", "Tiere"),
    ("Festnahme bestätigt", "Ein Pressesprecher des Ministeriums bestätigte die Festnahme. Auf einer "
     "Pressekonferenz wollte er keine Details nennen.", "Medien"),
    ("Demo unter Auflagen", "Die Stadt erlaubt die Demonstration unter strengen Auflagen. Die Auflagen "
     "betreffen die Route durch die Innenstadt.", "Medien"),
    ("Neuer Kopierschutz", "Der Kopierschutz soll Speichermedien wie DVDs schützen. Die Speichermedien "
     "kommen im Herbst in den Handel.", "Medien"),
    ("Neue Trasse", "Das Stromnetz soll bis 2030 ausgebaut werden. Auch das Schienennetz und das Filialnetz "
     "der Post wachsen, das Kraftwerk geht im Mai ans Netz.", "Internet"),
    ("Sieg in letzter Minute", "Der Stürmer traf in der 90. Minute ins Netz. Der Ball zappelte im Außennetz.",
     "Internet"),
    ("Album aus Auschwitz", "Das Fotoalbum zeigt Bilder aus dem Lager. Das Bilderalbum gehörte einem "
     "SS-Offizier.", "Musik"),
    ("Filmfestival eröffnet", "Das Filmfestival zeigt 200 Filme aus 40 Ländern. Das Festival dauert zehn "
     "Tage, die Jury vergibt den Hauptpreis.", "Musik"),
    ("Neuer Landesbischof", "Die evangelische Landeskirche hat einen neuen Landesbischof gewählt. Der "
     "Bischof war zuvor Pfarrer in Stuttgart.", "Katholische Kirche"),
    ("Orthodoxe Kirche trauert", "Das Oberhaupt der griechisch-orthodoxen Kirche ist gestorben. Der "
     "Erzbischof wurde 70 Jahre alt.", "Katholische Kirche"),
    ("Gedenken in Auschwitz", "Überlebende erinnerten in Auschwitz an die Befreiung des Lagers. Auch in "
     "Gleiwitz gab es eine Feier.", "Humor"),
    ("Studie zu Kindergärten", "Die Autoren der Studie besuchten 71 Kindergärten. Die Autorin kritisiert die "
     "Behörden.", "Literatur"),
    ("Anklage wegen Volksverhetzung", "Die Anklage stützt sich auf Paragraf 130 des Strafgesetzbuches. Das "
     "Parteibuch des Angeklagten spiele keine Rolle.", "Literatur"),
    ("Köhler warnt", "Der Bundespräsident sparte nicht mit Kritik an den Managern. Die Regierung müsse beim "
     "Haushalt sparen, sagte er.", "Sparen"),
    ("Feuer im Bus", "Ein Selbstmörder hat das Feuer im Bus gelegt. Das Motiv des Selbstmordes ist unklar, die "
     "Brandursache steht fest.", "Mord und Totschlag"),
    ("Neues Display", "Das Display zeigt 2532 mal 1170 Pixel. Bei 460 Pixeln pro Zoll wirkt die Schrift "
     "scharf.", "Google"),
    ("Haftbefehl nicht vollstreckt", "Gegen den Mann lag ein Haftbefehl vor. Die Polizei vollstreckte den "
     "Haftbefehl nicht, der Mann floh.", "Gefängnis"),
    ("Gasleck in London", "Wegen eines Gaslecks wurden Hotels geräumt. Das Leck ist inzwischen abgedichtet.",
     "IT-Sicherheit"),
    ("Ansturm auf Lesbos", "Der Massenansturm von Flüchtlingen überfordert die Insel. Der Ansturm hält an.",
     "Unwetter"),
    ("Ausschuss berufen", "Der Ausschuss untersucht den Sturm auf das US-Kapitol. Die Republikanerin wurde "
     "berufen.", "Unwetter"),
    ("Freispruch für Journalistin", "Die Journalistin wurde vom Vorwurf der Steuerhinterziehung freigesprochen. "
     "Es ist ein Etappensieg für die Pressefreiheit.", "Radsport"),
    ("Berater tritt zurück", "Der Regierungsberater tritt zurück. Er war zuvor Spieler einer Schachmannschaft "
     "und Trainer eines Debattierclubs.", "Transfers"),
    ("Opioid-Krise", "Der Präsident ruft den Gesundheitsnotstand aus. Eine Flut von Opioiden überschwemmt das "
     "Land.", "Naturkatastrophen"),
    ("Pflegenotstand in Heimen", "Die Gewerkschaft warnt vor einem Pflegenotstand. Der Notstand in den Heimen "
     "wachse jedes Jahr.", "Naturkatastrophen"),
    ("Biathlon in Ruhpolding", "Die Olympiasiegerin gewann den Biathlon-Sprint in Ruhpolding. Sie lag am Ende "
     "zehn Sekunden vorn.", "Leichtathletik"),
    ("Klimaaktivisten hungern", "Seit drei Wochen sind die Aktivisten im Hungerstreik. Den Hungerstreik wollen "
     "sie erst beenden, wenn die Regierung mit ihnen spricht.", "Streik"),
    # Wikinews: a rock band's tour premiere was theatre, a mother's psychological care psychology
    ("Bon Jovi in Düsseldorf", "Die Band eröffnete ihre Europatournee in Düsseldorf. 50.000 Fans kamen zur "
     "Premiere, das Konzert war ausverkauft.", "Theater"),
    ("Zwei Mädchen tot aufgefunden", "Die Mordkommission ermittelt in Krailling. Die geschockte Mutter muss "
     "psychologisch betreut werden, die Nachbarn erhalten psychologische Betreuung.", "Psychologie"),
    ("Faires Smartphone geht in Produktion", "Das Smartphone kommt ohne Rohstoffe aus Kriegsgebieten aus. Die "
     "Zulieferer müssen ebenfalls für faire Arbeitsbedingungen sorgen, die Zulieferer werden geprüft.",
     "Autoindustrie"),
    # Wikinews: a display's inches became a trade dispute; customs officers find drugs, not tariffs
    ("Faires Smartphone", "Das 4,3 Zoll große Display hat eine Auflösung von 256 Pixeln pro Zoll.", "Handelsstreit"),
    ("Kokain am Flughafen", "Der Zoll hat am Flughafen 50 Kilo Kokain sichergestellt. Die Beamten des Zolls "
     "fanden die Drogen im Koffer.", "Handelsstreit"),
    # Wikinews: a landslide in Chile was a flood and an avalanche
    ("Erdrutsch in Chile", "Bei einem Erdrutsch in der Hafenstadt Valparaíso sind sechs Menschen gestorben. Der "
     "Erdrutsch hat zwei Häuser verschüttet, Helfer suchen nach Verschütteten.", "Hochwasser"),
    ("Erdrutsch in Chile", "Bei einem Erdrutsch in der Hafenstadt Valparaíso sind sechs Menschen gestorben. Der "
     "Erdrutsch hat zwei Häuser verschüttet, Helfer suchen nach Verschütteten.", "Lawinen"),
    ("Regen in Thailand", "Nach tagelangem Regen gingen im Süden Schlammlawinen ab. Eine Schlammlawine zerstörte "
     "ein Dorf.", "Lawinen"),
    # ntv teasers: the end of the war in Ukraine, an actor's ashes, a palace's renovation, a ski-jumping
    # tour, forest fires, a coup attempt and armed force were World War II, volcanoes, insolvency, music,
    # forests, civil war and gun laws
    ("Außenpolitiker im Interview", "Ein schnelles Kriegsende wäre das Ende der freien Ukraine, sagt er. Ein "
     "Kriegsende um jeden Preis lehnt er ab.", "Zweiter Weltkrieg"),
    ("Geheime Mission", "Die Asche des Schauspielers ist auf der ISS. Ein Astronaut hatte die Asche an Bord "
     "geschmuggelt.", "Vulkane"),
    ("Parlament zieht um", "Der Palast ist in die Jahre gekommen, die Sanierung soll Milliarden kosten. Während der "
     "Sanierung tagen die Abgeordneten anderswo.", "Insolvenz"),
    ("Hype um Skispringer", "Die Vierschanzentournee sorgt wieder für volle Stadien. Zur Vierschanzentournee "
     "reisen 100.000 Fans an.", "Musik"),
    ("Feuer in Argentinien", "Argentinien kämpft jedes Jahr mit Waldbränden. Die Waldbrände zerstören Tausende "
     "Hektar.", "Wald"),
    ("Parlament abgeriegelt", "Die Gegner des Präsidenten sprechen von einem Putschversuch. Der Putsch sei "
     "gescheitert, sagt die Regierung.", "Bürgerkriege"),
    ("Farc wird Partei", "Die Farc bekämpfte jahrzehntelang mit Waffengewalt den Staat. Nun will sie ohne "
     "Waffengewalt Politik machen.", "Waffenrecht"),
    # ntv teasers (seed 977): a vulture's flight, protection on humanitarian grounds, a backlog of
    # asylum cases, a staged remembrance, a shooting before running cameras, lithium as white gold and a
    # wrestler's gold medal
    ("Bartgeier werden flügge", "Die jungen Bartgeier wagen im Nationalpark ihren ersten Flug. Nach dem Flug "
     "kehren sie zum Horst zurück.", "Luftfahrt"),
    ("Weniger Asylanträge", "Viele Menschen erhalten Schutz aus humanitären Gründen. Der humanitäre Schutz gilt "
     "ein Jahr.", "Entwicklungshilfe"),
    ("Asylstau in Deutschland", "Überlastete Ämter schieben einen Asylstau vor sich her. Den Asylstau will der "
     "Minister bis Jahresende abbauen.", "Verkehr"),
    ("Gedenken in Paris", "Kritiker nennen die Aufarbeitung eine Inszenierung. Die Inszenierung diene nur dem "
     "Wahlkampf des Präsidenten.", "Theater"),
    ("Attentat in Indien", "Der Ex-Politiker wurde vor laufenden Kameras erschossen. Die Täter hatten sich vor "
     "laufenden Kameras als Reporter ausgegeben.", "Fotografie"),
    ("Lithium aus Bolivien", "Bolivien will das weiße Gold selbst fördern. Deutsche Firmen planen den Abbau des "
     "weißen Goldes.", "Gold"),
    ("Ringer holt Gold", "Der deutsche Ringer sicherte sich bei der WM in Budapest Gold. Es ist sein drittes "
     "WM-Gold in drei Klassen.", "Gold"),
    ("Rakete verfehlt Höhe", "Die Forschungsrakete erreichte die suborbitale Bahn nicht. Ohne orbitale Bahn "
     "stürzte sie in die Wüste.", "Deutsche Bahn"),
    # ntv teasers (seed 4242): the deaths of thousands (``Tausender``: ``*sender``), the Nazis' terror and a
    # town near Berlin
    ("Amnesty-Bericht zur WM", "Katar verschleiert die Todesursache Tausender Arbeiter. Der Tod Zehntausender "
     "werde vertuscht, kritisiert Amnesty.", "Fernsehen"),
    ("Olympia 1972", "München war die Keimzelle des NS-Terrors. Die Spiele sollten die Erinnerung an den "
     "NS-Terror überdecken.", "Terrorismus"),
    ("Fünf Tote in Brandenburg", "In Königs Wusterhausen hat die Polizei fünf Tote gefunden. Die Ermittler in "
     "Königs Wusterhausen gehen von einer Familientragödie aus.", "Royals"),
    # Wikinews: a street named after a duke made royals; a square named after a pope makes the pope
    ("Betrunkener Autofahrer", "Der Autofahrer erfasste in der Herzog-von-Weimar-Straße eine Fußgängerin. Die "
     "Polizei sperrte die Herzog-von-Weimar-Straße für Stunden.", "Royals"),
    ("Markt auf dem Platz", "Der Wochenmarkt zieht auf den Papst-Johannes-Platz um. Am Papst-Johannes-Platz "
     "gibt es mehr Raum für die Stände.", "Papst"),
    ("Neuer Trailer", "Der erste Trailer zum Actionspiel „Grand Theft Auto IV“ ist da. In Grand Theft Auto IV "
     "spielt man einen Einwanderer in Liberty City.", "Auto"),
    # ntv teasers (seed 31337): creditors were believers, a flood of opioids a flood, a lack of oxygen
    # poverty and an election forecast the economy
    ("Argentinien macht neues Angebot", "Argentinien macht seinen Gläubigern ein neues Angebot. Die "
     "Gläubiger-Gruppen lehnen ab, die Gläubiger wollen mehr Geld.", "Religion"),
    ("Anti-Drogenkampf", "Eine Flut von Opioiden überschwemmt die USA. Gegen die Flut an Heroin hilft kein "
     "Grenzzaun.", "Hochwasser"),
    ("Gehäkelte Herzimplantate", "Viele Kinder in Bolivien leiden wegen der Höhe an Sauerstoffarmut. Die "
     "Sauerstoffarmut schwächt ihre Herzen.", "Armut"),
    ("Wahl in Israel", "Die Prognosen sehen das Netanjahu-Lager vorne. Nach den Prognosen reicht es knapp für "
     "eine Mehrheit.", "Konjunktur"),
    # Wikinews: helpers of the civil protection at a road accident made a natural disaster
    ("Fußgängerin von Brücke gestoßen", "An der Rettung beteiligten sich neben Feuerwehr und Polizei auch Helfer "
     "des Katastrophenschutzes. Der Katastrophenschutz barg die Frau aus dem Fluss.", "Naturkatastrophen"),
    # Wikinews (seeds 2026, 4711): a kidnapper's car made the car industry, a space freighter shipping, a
    # shuttle's heat tiles the weather, a district's name royals, pupils' stress psychology and the
    # domestic intelligence service espionage
    ("Entführung in Kleinmachnow", "Mit dem Kind stieg der Mann in einen roten Renault. Die Polizei fahndet nach "
     "dem Renault und dem Täter.", "Autoindustrie"),
    ("Unfall auf der A3", "Ein BMW-Fahrer ist auf der A3 gegen einen Baum geprallt. Der BMW brannte aus, der "
     "Fahrer starb.", "Autoindustrie"),
    ("Raumfrachter an der ISS", "Der russische Raumfrachter brachte Wasser und Ersatzteile zur Raumstation. Der "
     "Raumfrachter bleibt drei Monate.", "Schifffahrt"),
    ("Kamera prüft Shuttle", "Die Kamera soll zeigen, ob Hitzekacheln des Shuttles beschädigt sind. Lose "
     "Hitzekacheln hatten 2003 ein Unglück ausgelöst.", "Wetter"),
    ("Sängerin zieht aufs Land", "Die Sängerin zieht in ein Dorf im Kreis Herzogtum Lauenburg. Im Herzogtum "
     "Lauenburg hat sie einen Hof gekauft.", "Royals"),
    ("Keine Hausaufgaben mehr", "Die Schüler klagten über zu viel Stress. Der Stress komme vom verkürzten "
     "Abitur, sagen die Eltern.", "Psychologie"),
    ("Linke Gewalt in Berlin", "Der Verfassungsschutz hat eine Studie zu linker Gewalt vorgelegt. Laut "
     "Verfassungsschutz sind die Täter meist jung.", "Spionage"),
    # Wikinews (seeds 1234, 999): a helicopter landed on a golf course, a nuclear power was said to have atom
    # bombs, a magazine's genitive made interest rates, an injured goalkeeper a road accident, and fake table
    # reservations auctioned online art
    ("Notlandung bei Karlsruhe", "Ein Löschhubschrauber ist auf einem Golfplatz notgelandet. Die Besatzung "
     "blieb unverletzt, der Golfplatz wurde gesperrt.", "Golf"),
    ("IAEO warnt", "Nordkorea besitzt nach Angaben der Behörde mehrere Atombomben. Die Atombomben seien "
     "einsatzbereit.", "Explosionen"),
    ("Bericht über Subventionen", "Nach Angaben des Nachrichtenmagazins zahlt die EU weiter. Der Bericht des "
     "Magazins stützt sich auf interne Papiere.", "Zinsen"),
    ("Torwart schwer verletzt", "Der Torwart wurde beim Spiel gegen Stuttgart schwer verletzt. Er wurde mit "
     "einem Schädelbruch in die Klinik gebracht.", "Verkehrsunfall"),
    ("Betrug mit Tischreservierungen", "Betrüger haben falsche Reservierungen für das Oktoberfest versteigert. "
     "Bei der Versteigerung im Internet zahlten die Opfer Hunderte Euro.", "Kunst"),
    # ntv teasers (seed 4321): a craft on the Unesco list made art, and Star Trek a celebrity
    ("Unesco-Liste erweitert", "Die Schweizer Uhrmacherkunst und die französische Kochkunst sind nun "
     "Weltkulturerbe. Auch die Heilkunst der Maya steht auf der Liste.", "Kunst"),
    ("Asche von Star-Trek-Held auf ISS", 'Die Asche von "Star Trek"-Held James Doohan ist auf der ISS. Doohan '
     'spielte in "Star Trek" den Chefingenieur Scott.', "Prominente"),
    # Wikinews (seed 1207): a memorial plaque made poverty (the food banks' ``Tafel``), a police union's
    # criticism a strike, and shelves built from moving boxes housing construction
    # Wikinews (seed 2612): a rude gesture's affair made corruption, an accident in a power plant (with
    # rescue vehicles) a road accident, a flag's red lion animals, the grandson of Hitler's would-be
    # assassin terrorism, and a city's underground trains the Deutsche Bahn
    ("Stinkefinger-Affäre überschattet Sieg", "Der Sieg des HSV wurde von der Stinkefinger-Affäre überschattet. "
     "Der Stürmer entschuldigte sich nach der Affäre für die Geste.", "Korruption"),
    ("Unglück im Kraftwerk", "Bei einem Unfall auf der Baustelle des Kraftwerks wurden drei Arbeiter schwer "
     "verletzt. Rettungsfahrzeuge brachten sie in Kliniken.", "Verkehrsunfall"),
    ("Flaggenstreit in Luxemburg", "Ein Abgeordneter will den Roten Löwen auf die Nationalflagge bringen. Der "
     "Rote Löwe steht seit Jahrhunderten im Wappen des Landes.", "Tiere"),
    ("Goldener Löwe für Regisseurin", "Die Regisseurin gewann in Venedig den Goldenen Löwen. Der Goldene Löwe ist "
     "der Hauptpreis des Festivals.", "Tiere"),
    ("Enkel betrunken am Steuer", "Der Enkel des Hitler-Attentäters wurde betrunken am Steuer erwischt. Der "
     "Nachfahre des Hitler-Attentäters hatte 1,1 Promille.", "Terrorismus"),
    ("Folien gegen Kratzer", "Die Verkehrsbetriebe kleben Folien auf die Fenster ihrer U-Bahnen. In den U-Bahnen "
     "sollen so weniger Scheiben ersetzt werden.", "Deutsche Bahn"),
    # ntv teasers (seed 8080): an evacuation in a war made a natural disaster, and teenage terror suspects
    # children; a Second World War bomb's evacuation does the same in many a German town
    ("Hauptstadt umzingelt", "Es gibt eine Waffenruhe in der Region. Die Evakuierung der Zivilisten hat "
     "begonnen.", "Naturkatastrophen"),
    ("Fliegerbombe entschärft", "In der Innenstadt ist eine Fliegerbombe aus dem Zweiten Weltkrieg gefunden "
     "worden. Rund 5000 Menschen wurden evakuiert, die Evakuierung dauerte Stunden.", "Naturkatastrophen"),
    ("Anschlag auf Markt", "Bei dem Anschlag auf einen Markt gab es mindestens 18 Todesopfer. Die Zahl der "
     "Todesopfer könnte steigen.", "Naturkatastrophen"),
    ("Busunglück in den Alpen", "Beim Absturz eines Reisebusses gab es zwölf Todesopfer. Unter den Todesopfern "
     "sind zwei Kinder.", "Naturkatastrophen"),
    ("Terrorverdacht: Teenager festgenommen", "Die Polizei hat zwei Teenager festgenommen, die Anschläge geplant "
     "haben sollen. Die Jugendlichen sind 16 und 17 Jahre alt.", "Kinder"),
    # ntv teasers (seed 5150): a poll's broadcaster made television, a hotel evacuated after a gas leak
    # tourism, and a billionaire's foundation luxury
    ("RTL/ntv-Trendbarometer", "Die SPD verliert im RTL/ntv-Trendbarometer zwei Punkte. Die Union legt im "
     "RTL/ntv-Trendbarometer zu.", "Fernsehen"),
    ("Regierung verliert", "Laut ARD-Deutschlandtrend ist die Mehrheit unzufrieden. Im ZDF-Politbarometer "
     "verliert die Koalition ebenfalls.", "Fernsehen"),
    ("Gasleck in London", "Wegen eines Gaslecks wurden ein Nachtclub und ein Hotel geräumt. Das Hotel liegt im "
     "Ausgehviertel West End.", "Tourismus"),
    ("Festnahme in Frankfurt", "Die Polizei nahm den Mann in einem Hotelzimmer fest. Im Hotel hatte er sich unter "
     "falschem Namen eingemietet.", "Tourismus"),
    ("Stiftung verlässt Budapest", "Die Stiftung des US-Milliardärs zieht nach Berlin um. Der Milliardär hatte sie "
     "vor 30 Jahren gegründet.", "Luxus"),
    # Wikinews (seed 3141): a Swiss ice hockey team made the German football team, Northern Ireland's
    # communities the churches, an arson at a school education policy, and a hunter's accident in a
    # maize field (with a combine harvester's driver) a road accident
    ("Schweizer im Viertelfinale", "Die Schweizer Eishockey-Nationalmannschaft steht im olympischen "
     "Viertelfinale. Die Nationalmannschaft gewann gegen Kanada.", "Deutsche Fußballnationalmannschaft"),
    ("Krawalle in Dublin", "Bei einem Marsch von Protestanten kam es zu Ausschreitungen. Katholiken und "
     "Protestanten lieferten sich Straßenschlachten, die Polizei setzte Wasserwerfer ein.", "Evangelische Kirche"),
    ("Krawalle in Belfast", "Bei einem Marsch von Protestanten kam es zu Ausschreitungen. Katholiken und "
     "Protestanten lieferten sich Straßenschlachten, die Polizei setzte Wasserwerfer ein.", "Katholische Kirche"),
    ("Brandstiftung in Bremen", "In der Nacht brannte ein Container an einer Schule. Die Polizei ermittelt wegen "
     "Brandstiftung an der Schule.", "Bildungspolitik"),
    ("Jäger trifft Landwirt", "Bei einem Unfall im Maisfeld hat ein Jäger einen Mähdrescherfahrer angeschossen. "
     "Der Unfall geschah bei der Ernte.", "Verkehrsunfall"),
    ("Unfall auf der Piste", "Ein Skifahrer ist bei einem Unfall auf der Piste schwer verletzt worden. Der "
     "Skifahrer prallte gegen einen Baum.", "Verkehrsunfall"),
    # ntv teasers (seed 2718): the poll of RTL and ntv again made television, and prisoners of war prison
    ("Scholz legt zu", "Die SPD kann im Trendbarometer von RTL und ntv nicht profitieren. Laut einer "
     "Forsa-Umfrage für RTL und ntv liegt die Union vorn.", "Fernsehen"),
    ("Nordkorea versklavt Kriegsgefangene", "Nach dem Korea-Krieg hielt Nordkorea Zehntausende Kriegsgefangene "
     "fest. Die Kriegsgefangenen mussten in Bergwerken arbeiten.", "Gefängnis"),
    # Wikinews (seed 4242): an aircraft carrier's wreck made aviation and the research ship named after a
    # Polish scientist winter sport (``*ski``), a motocross show's freestyle winter sport, a privacy award
    # named after Orwell's Big Brother reality TV, the press kept out of a kidnapping the media, and
    # vehicles shot at, crashed into or set on fire the motoring topic
    ("Wrack in der Ostsee", "Taucher haben in der Ostsee das Wrack eines Flugzeugträgers gefunden. Das "
     "Forschungsschiff „Arctowski“ vermaß das Wrack mit einem Echolot.", "Luftfahrt"),
    ("Wrack vor Danzig", "Taucher haben in der Ostsee das Wrack eines Flugzeugträgers gefunden. Das "
     "Forschungsschiff „Arctowski“ vermaß das Wrack mit einem Echolot.", "Wintersport"),
    ("Motocross-Show in Freising", "Beim Motocross zeigten die Fahrer Sprünge im Freestyle. Der "
     "Freestyle-Wettbewerb lockte Tausende Zuschauer an.", "Wintersport"),
    ("Negativpreis für Datensammler", "Die Big Brother Awards gehen in diesem Jahr an eine Krankenkasse und "
     "eine Behörde. Mit den Big Brother Awards rügen Datenschützer den Umgang mit Kundendaten.", "Reality-TV"),
    ("Mädchen entführt", "Ein Mann hat ein Mädchen entführt und Lösegeld gefordert. Er verlangte, dass weder "
     "Polizei noch Presse eingeschaltet werden. Die Medien erfuhren erst nach der Festnahme davon.", "Medien"),
    ("Schüsse am Kontrollpunkt", "Soldaten haben an einem Kontrollpunkt auf ein Fahrzeug geschossen. Der "
     "Fahrer des Autos starb, das Fahrzeug sei langsam gefahren.", "Auto"),
    ("Rollerfahrer verunglückt", "Ein Rollerfahrer ist an einer Kreuzung mit einem Auto zusammengestoßen. Der "
     "Fahrer des Fahrzeugs blieb unverletzt.", "Auto"),
    ("Streifenwagen in Flammen", "In der Nacht sind drei Polizeifahrzeuge in Flammen aufgegangen. Die Polizei "
     "vermutet Brandstiftung an den Fahrzeugen.", "Auto"),
    # Wikinews (seed 777): a storm of particles made severe weather, a pensioner robbed pensions, a fossil
    # shown in a museum art, and a court's word for an arbitrary choice human rights
    ("Teilchen von der Sonne", "Ein Partikelsturm der Sonne hat die obere Atmosphäre aufgeheizt. Forscher "
     "beobachteten den Partikelsturm mit Satelliten.", "Unwetter"),
    ("Empörung über Werbespot", "Nach dem Werbespot brach ein Shitstorm los. Ein Sturm der Entrüstung fegte "
     "durch die sozialen Netzwerke.", "Unwetter"),
    ("Rentner ausgeraubt", "Ein 78 Jahre alter Rentner ist in seiner Wohnung überfallen worden. Die Täter "
     "erbeuteten Schmuck, der Rentner blieb unverletzt.", "Rente"),
    ("Urzeitschlange beschrieben", "Forscher haben die Knochen einer 13 Meter langen Urzeitschlange beschrieben. "
     "Ein Skelett der Schlange ist bald im Museum zu sehen.", "Kunst"),
    ("Blitzer vor Gericht", "Das Gericht erklärte die Messung der Geschwindigkeit für rechtswidrig. Die Auswahl "
     "der Strecken sei willkürlich.", "Menschenrechte"),
    # ntv teasers (seed 9191): a politician who rails (``wettert``) made the weather, a landslide victory a
    # natural disaster
    ("Ex-Präsident schimpft", "Der frühere Präsident wetterte erneut gegen die Staatsanwaltschaft. Er wettert "
     "seit Wochen gegen das Verfahren.", "Wetter"),
    ("Opposition triumphiert", "Die Opposition hat die Wahl mit einem Erdrutschsieg gewonnen. Der erdrutschartige "
     "Sieg überraschte die Beobachter.", "Naturkatastrophen"),
    # Wikinews (seed 31337): the Earth's orbit made the railway, a tourist who stole cigarillos tourism, an
    # oil company's research ship the oil price, and a parcel bomb the parcel trade
    ("Erde in Sonnennähe", "Die Erde läuft nicht auf einer kreisförmigen Bahn um die Sonne. Im Januar ist ihr "
     "Abstand zur Sonne am kleinsten.", "Deutsche Bahn"),
    ("Zigarillos gestohlen", "Eine Touristin aus Italien hat in einem Geschäft Zigarillos gestohlen. Die "
     "Touristin wurde festgenommen.", "Tourismus"),
    ("Wrack in der Ostsee gefunden", "Das Forschungsschiff einer Erdölgesellschaft fand das Wrack in der Ostsee. "
     "Taucher untersuchten den Rumpf.", "Ölpreis"),
    ("Busunglück in den Anden", "Ein Reisebus ist auf 3.500 Metern über dem Meeresspiegel in eine Schlucht "
     "gestürzt. Der Ort liegt 3.000 Meter über dem Meeresspiegel.", "Klimawandel"),
    ("Busunglück in Peru", "Ein Reisebus ist auf 3.500 Metern über dem Meeresspiegel in eine Schlucht "
     "gestürzt. Der Ort liegt 3.000 Meter über dem Meeresspiegel.", "Ozeane"),
    ("Paketbombe war Attrappe", "Eine Paketbombe ist am Flughafen entdeckt worden. Die Paketbombe war eine "
     "Attrappe, teilte das Innenministerium mit.", "Post und Logistik"),
    # ntv teasers (seed 6061): racist statues made right-wing extremism, ski jumpers cheered like pop stars pop
    ("Statuen sollen weichen", "Statuen von Rassisten sollen aus dem Kapitol entfernt werden. Die Demokraten "
     "nennen die Figuren rassistisch.", "Rechtsextremismus"),
    ("Skispringer gefeiert", "Die Skispringer werden in Oberstdorf wie Popstars gefeiert. Die Fans tragen "
     "Fahnen und Windeln.", "Popmusik"),
    # Wikinews snapshot (topic tags with one piece of evidence): an attack ruled out made terrorism, witnesses
    # to be questioned a poll, one of the richest men luxury
    ("Großbrand in London", "In einem Lagerhaus im Osten Londons ist ein großes Feuer ausgebrochen. Die "
     "Brandursache ist unklar, ein Anschlag wird jedoch ausgeschlossen.", "Terrorismus"),
    ("Wagen rast in Umzug", "Ein Wagen ist in einen Schützenumzug gerast, zwölf Menschen wurden verletzt. Der "
     "Fahrer und weitere Zeugen sollen befragt werden.", "Demoskopie"),
    ("Ex-Präsident gestorben", "Der frühere Präsident ist im Alter von 82 Jahren gestorben. Er galt als einer "
     "der reichsten Männer des Landes.", "Luxus"),
    # ntv teasers (seed 2024) and the Wikinews snapshot: a disgrace (``Armutszeugnis``) made poverty, and so
    # could an embrace (``in die Arme``); firearms seized after a family feud made gun law
    ("Bericht vorgestellt", "Die Zahl der Extremisten ist gestiegen. Die Opposition nennt den Bericht ein "
     "Armutszeugnis für den Minister.", "Armut"),
    ("Wiedersehen am Flughafen", "Nach zwei Jahren schloss die Mutter ihren Sohn am Flughafen in die Arme. Beide "
     "weinten vor Glück.", "Armut"),
    ("Streit zwischen Familien", "Bei einem Streit zwischen zwei Familien wurden Schusswaffen eingesetzt. Die "
     "Polizei stellte drei Schusswaffen sicher.", "Waffenrecht"),
    # Wikinews snapshot (seed 2718): the Earth on its orbit made the Deutsche Bahn; a pay bonus for
    # Christmas and holidays made the holidays and tourism; a Latin title made development aid, a man who
    # fathered children a trial, and a space shuttle's flight aviation
    ("Erde in Sonnennähe", "Die Erde kommt der Sonne am 3. Januar am nächsten. Auf ihrer Bahn passiert sie "
     "dann den sonnennächsten Punkt.", "Deutsche Bahn"),
    ("Sparpaket bei Maschinenbauer", "Die Belegschaft verzichtet auf Weihnachts- und Urlaubsgeld. Im Gegenzug "
     "gibt es eine Beschäftigungsgarantie.", "Feiertage"),
    ("Sparpaket bei Maschinenbauer", "Die Belegschaft verzichtet auf Weihnachts- und Urlaubsgeld. Im Gegenzug "
     "gibt es eine Beschäftigungsgarantie.", "Tourismus"),
    ("Enzyklika neu aufgelegt", "Die erste Enzyklika des Papstes, \u201eDeus caritas est\u201c, ist in dritter "
     "Auflage erschienen.", "Entwicklungshilfe"),
    ("Schwere Vorwürfe gegen Vater", "Der Mann soll mit seiner Tochter drei Kinder gezeugt haben. Die Spuren zeugen von "
     "jahrelanger Gewalt.", "Prozesse"),
    ("Raumfähre gestartet", "Die Raumfähre Discovery ist zur Raumstation ISS gestartet. Der Flug der sieben "
     "Astronauten soll zwölf Tage dauern, die Landung ist in Florida geplant.", "Luftfahrt"),
    # Wikinews snapshot (seeds 1234 and 8080): a memorial to Scotland's witches made the Holocaust, a
    # company's founder start-ups, and a president's watch sold at an auction house art
    ("Gedenken an Hexenprozesse", "In Schottland wurde eine Gedenkstätte für elf Frauen eröffnet, die im 17. "
     "Jahrhundert als Hexen verbrannt wurden.", "Holocaust"),
    ("Gedenkstätte Hohenschönhausen", "Die Gedenkstätte im früheren Stasi-Gefängnis erinnert an die Opfer der "
     "DDR-Diktatur.", "Holocaust"),
    ("Raketenabsturz", "Der Gründer und Chef des Raumfahrtunternehmens will die Ursache für den Absturz der "
     "Rakete klären lassen.", "Gründer und Start-ups"),
    ("Uhr von Kennedy versteigert", "Eine Armbanduhr des früheren US-Präsidenten ist bei einer Auktion für "
     "350.000 Dollar versteigert worden. Das Auktionshaus nannte den Käufer nicht.", "Kunst"),
    # Wikinews snapshot (seed 99): a fire on a nightclub's stage made theatre, a car that left the road
    # into the woods the forest, and an activists' yacht luxury
    ("Brand in Nachtclub", "In einem Moskauer Nachtclub ist bei einer Feuershow auf der Bühne ein Brand "
     "ausgebrochen. Zehn Besucher starben.", "Theater"),
    ("Auto landet im Wald", "Ein Autofahrer ist von der Straße abgekommen und in den Wald gefahren. Der Wagen "
     "prallte gegen einen Baum, der Fahrer blieb unverletzt.", "Wald"),
    ("Hilfsschiff gestoppt", "Die Marine hat eine Yacht mit 16 Aktivisten an Bord gestoppt. Die Aktivisten "
     "wollten Hilfsgüter nach Gaza bringen.", "Luxus"),
    # ntv seed 31: the Olympic flame made fires; so would soldiers who opened fire, and artillery fire
    ("Gästeliste am Olympischen Feuer", "Die Gästeliste für die Eröffnungsfeier am Olympischen Feuer in Peking wird "
     "länger.", "Brände"),
    ("Soldaten eröffnen das Feuer", "Soldaten eröffneten das Feuer auf die Demonstranten. Mehrere Menschen wurden "
     "verletzt.", "Brände"),
    ("Stadt unter Artilleriefeuer", "Die Stadt liegt seit Tagen unter Artilleriefeuer. Die Bewohner harren in Kellern "
     "aus.", "Brände"),
    # Wikinews snapshot scan: an emergency landing that hurt nobody made a plane crash (five stories)
    ("Notlandung in Leeds", "Ein Passagierflugzeug ist in Leeds notgelandet. Die Maschine hatte ein Problem mit "
     "dem Fahrwerk, alle 55 Passagiere blieben unverletzt.", "Flugzeugabsturz"),
    # the snapshot after the emergency landing rule: a date made the Gaza war, and ``Verletzte wurde niemand``
    # a crash
    ("Hubschrauber notgelandet", "Am 7. Oktober ist bei Walzbachtal ein polnischer Löschhubschrauber auf einem "
     "Golfplatz notgelandet.", "Israel-Gaza-Krieg"),
    ("Charterflug notgelandet", "Eine Chartermaschine musste in Tel Aviv notlanden. Verletzte wurde niemand, "
     "das Flugzeug landete sicher.", "Flugzeugabsturz"),
    # ntv seed 8: Cuba's collapsed grid made the energy transition
    ("Stromnetz auf Kuba zusammengebrochen", "Auf Kuba ist das komplette Stromnetz zusammengebrochen. Millionen "
     "Menschen sind ohne Strom.", "Energiewende"),
    # Wikinews seed 555: a package of new rules made the parcel trade, an attempt on Adolf Hitler's life terrorism
    ("Mehr Gebühren in Nürnberg", "Auf die Bürger kommt ein ganzes Paket an Neuregelungen zu. Die Grundsteuer und "
     "die Müllgebühren steigen.", "Post und Logistik"),
    ("Gedenken an den 20. Juli", "Am Mittwoch jährte sich das Attentat auf Adolf Hitler zum 61. Mal. Die "
     "Bundesregierung gedachte der Widerstandskämpfer.", "Terrorismus"),
    # Wikinews seed 4242, ntv seed 777: a Broadway star called an artist made art, an arrest at an airport
    # aviation, the state broadcaster that reported the news television
    ("Ehemann der Sängerin unter den Opfern", "Unter den Toten des Hubschrauberabsturzes ist der Ehemann einer "
     "Musicaldarstellerin. Die Künstlerin war zur Zeit des Unglücks in New York.", "Kunst"),
    ("Milizenführer festgenommen", "Am Flughafen wurde ein Mann festgenommen, der sich ins Ausland absetzen wollte. "
     "Ihm werden Kriegsverbrechen vorgeworfen.", "Luftfahrt"),
    ("Viele Tote bei Unruhen", "Seit einer Woche erschüttern schwere Unruhen das Land. Das Staatsfernsehen meldet "
     "164 Tote, die Staatsmedien sprechen von Terroristen.", "Fernsehen"),
    ("Viele Tote bei Unruhen", "Seit einer Woche erschüttern schwere Unruhen das Land. Das Staatsfernsehen meldet "
     "164 Tote, die Staatsmedien sprechen von Terroristen.", "Medien"),
    # Wikinews seed 31337: a family on holiday made tourism, a collision of two trains a road accident
    ("Kind im Internet angeboten", "Ein Unbekannter hat das Kind einer Frau im Internet angeboten. Die Familie "
     "befindet sich derzeit im Urlaub und erfuhr aus den Medien davon.", "Tourismus"),
    ("Schnellfahrstrecke eröffnet", "Die Eröffnung hatte sich verzögert, weil die Regierung nach dem "
     "Zusammenstoß zweier Schnellzüge die Sicherheit prüfen ließ.", "Verkehrsunfall"),
    # ntv seed 99: police cadets dressed as Nazis made the Second World War
    ("Polizeischüler feiern als Nazis", "Uniformen, Hakenkreuz-Dekoration und ein Hitlerbart: Die Feier von "
     "Polizeianwärtern sorgt für einen Eklat. Der Staatschef entschuldigt sich.", "Zweiter Weltkrieg"),
    # ntv seed 4242: working from home was named the automation of work
    ("Mehr Menschen im Homeoffice", "Seit der Krise arbeiten viele Deutsche im Homeoffice. Die Arbeitszeit wird "
     "flexibler, Überstunden werden seltener.", "Automatisierung der Arbeit"),
    # Wikinews seed 1357: the suspects of a robbery made murder
    ("Jugendliche überfallen", "Drei 18-Jährige wurden in der Nacht überfallen und ausgeraubt. Die Polizei nahm "
     "zwei Tatverdächtige fest.", "Mord und Totschlag"),
    # Wikinews seed 8642: a cruise ship's name made LGBTQ, house fires forest fires
    ("Kreuzfahrtschiff übergeben", "Das Kreuzfahrtschiff Pride of America wurde mit einem Tag Verspätung an die "
     "Reederei übergeben. Die Pride of America fährt künftig vor Hawaii.", "LGBTQ"),
    ("Klatsch aus dem Palast", "Die Regenbogenpresse berichtet über die Hochzeit im Königshaus. Die Fotos "
     "erschienen in mehreren Blättern.", "LGBTQ"),
    ("Schwere Unwetter", "Blitze lösten mehrere Hausbrände aus. Die Feuerwehr war die ganze Nacht im Einsatz.",
     "Waldbrände"),
    # ntv seed 13: a lab's safety lapse (``Sicherheitslücke``) made cybercrime and IT security
    ("Debatte um Virus-Ursprung", "Das Coronavirus könnte wegen einer Sicherheitslücke aus einem Labor in Wuhan "
     "entwichen sein. Frankreich hält das für unwahrscheinlich.", "Cyberkriminalität"),
    ("Debatte um Virus-Ursprung", "Das Coronavirus könnte wegen einer Sicherheitslücke aus einem Labor in Wuhan "
     "entwichen sein. Frankreich hält das für unwahrscheinlich.", "IT-Sicherheit"),
    # ntv seed 13: a country that does not believe a theory (``glaubt``) made religion
    ("Frankreich glaubt nicht Labor-Theorie", "Frankreich glaubt nicht, dass das Virus aus einem Labor stammt. "
     "Auch China widerspricht.", "Religion"),
    ("Sorge um Gedenktafel", "Am Haus erinnert eine Gedenktafel an den Absturz eines Transportflugzeugs. Die "
     "Tafel soll nach der Sanierung wieder hängen.", "Armut"),
    ("Schultafel ade", "In der Grundschule ersetzt ein Bildschirm die alte Tafel. Die Kreide an der Tafel "
     "vermisst kaum ein Kind.", "Armut"),
    ("Polizisten gegen Bundeswehr im Inneren", "Die Gewerkschaft der Polizei lehnt Einsätze der Bundeswehr bei "
     "Großereignissen ab. Der Gewerkschaftschef nannte den Vorschlag einen Irrweg.", "Streik"),
    ("Verdi wählt neue Spitze", "Die Gewerkschaft Verdi hat auf ihrem Kongress eine neue Vorsitzende gewählt. "
     "Die Gewerkschaft hat knapp zwei Millionen Mitglieder.", "Streik"),
    ("Redaktion ausgetauscht", "Die Redakteure fanden leere Büros vor und haben sich Ablagen aus Kartons "
     "gebaut. Der Verlag hat die Räume vermietet.", "Wohnungsbau"),
])
def test_tags_noise_word_with_another_sense_is_no_topic(token_analyzer, title, body, wrong):
    """A date (``6. Januar``), a slump (``Umsatzeinbruch``) and a delayed flight are not the
    storming of the Capitol, a burglary and the Deutsche Bahn (Wikinews stories got all three)."""
    assert wrong not in {t.name for t in _tag(token_analyzer, title, body, []).tags}


@pytest.mark.parametrize(("title", "body", "topic"), [
    ("Jahrestag des Kapitol-Sturms", "Am 6. Januar jährt sich der Angriff auf das Kapitol in Washington. Trump "
     "verteidigte seine Anhänger.", "Sturm auf das Kapitol"),
    ("Einbruch in Juweliergeschäft", "Unbekannte sind in der Nacht in ein Juweliergeschäft eingebrochen. Bei dem "
     "Einbruch erbeuteten sie Schmuck.", "Kriminalität"),
    ("Zugausfälle im Norden", "Wegen eines Stellwerksschadens haben Züge im Norden große Verspätung. Am Bahnhof "
     "Hannover warteten Hunderte.", "Deutsche Bahn"),
    ("Springreiter siegt in Aachen", "Der Springreiter gewann den Großen Preis. Die Reiterin aus Irland wurde "
     "Zweite.", "Reitsport"),
    ("Weltrekord über 100 Meter", "Der Sprinter lief die 100 Meter in 9,58 Sekunden und stellte einen Weltrekord "
     "auf.", "Leichtathletik"),
    ("Neue Wohnungen für die Stadt", "Auf der Baustelle am Stadtrand entstehen 400 Wohnungen. Die Stadt will "
     "bezahlbaren Wohnraum bauen.", "Wohnungsbau"),
    ("Schlepper festgenommen", "Die Polizei hat zwei Schlepper festgenommen, die Migranten über die Grenze "
     "gebracht haben sollen.", "Flüchtlingspolitik"),
    ("Pilot landet sicher", "Der Pilot der Lufthansa-Maschine landete trotz des Sturms sicher. Die Passagiere "
     "blieben unverletzt.", "Luftfahrt"),
    ("Frau in Wohnung getötet", "Eine 34-Jährige ist in ihrer Wohnung getötet worden. Die Polizei nahm ihren "
     "Ex-Partner als Tatverdächtigen fest.", "Mord und Totschlag"),
    ("Leiche im Wald gefunden", "Spaziergänger haben im Wald eine Leiche gefunden. Die Staatsanwaltschaft "
     "ermittelt wegen eines Gewaltverbrechens.", "Mord und Totschlag"),
    ("Rekordquote für das Finale", "Das Finale sahen im ZDF 14 Millionen Zuschauer, eine Quote von 45 Prozent. "
     "Die Sendung war die meistgesehene des Jahres.", "Fernsehen"),
    ("Promi-Hochzeit in Venedig", "Die Promi-Hochzeit des Jahres fand in Venedig statt. Hunderte Promis "
     "kamen.", "Prominente"),
    ("Bundestag beschließt Gesetz", "Der Bundestag hat das Gesetz beschlossen. Die Abgeordneten der "
     "SPD-Fraktion stimmten geschlossen zu.", "Bundestag"),
    ("Lehrer fordern mehr Geld", "Lehrer und Eltern fordern mehr Geld für die Schulen. Der Unterricht falle zu "
     "oft aus.", "Bildungspolitik"),
    ("Was Schlaf im Gehirn bewirkt", "Forscher haben untersucht, wie Schlaf das Gehirn entlastet. Im Schlaf "
     "werden Nervenzellen gereinigt.", "Hirnforschung"),
    ("Allianz steigert Gewinn", "Die Allianz hat ihren Gewinn gesteigert. Der Versicherer will die Dividende "
     "erhöhen.", "Versicherungen"),
    ("Bayern gewinnt am Spieltag", "Am zehnten Spieltag bleibt der FC Bayern Tabellenführer. Borussia Dortmund "
     "gewann das Derby.", "Fußball-Bundesliga"),
    ("Zugvögel kehren zurück", "Die ersten Zugvögel sind zurück. Ein Raubvogel kreiste über dem Feld, eine "
     "Spinne baute ihr Netz.", "Tiere"),
    ("Spritpreise steigen", "An den Tankstellen steigen die Preise für Benzin und Diesel. Autofahrer müssen "
     "tiefer in die Tasche greifen.", "Verkehr"),
    ("Promi-Paar erwartet Baby", "Der Popstar und seine Frau erwarten ein Baby. Die Promis zeigten sich auf "
     "dem roten Teppich.", "Prominente"),
    ("Neuer Roman", "Der Verlag bringt den neuen Roman der Autorin im Herbst heraus.", "Literatur"),
    ("Lesung im Literaturhaus", "Die Lesung war ausverkauft. Die Autorin las aus ihrem Buch über ihre "
     "Kindheit.", "Literatur"),
    ("Anklage gegen Priester", "Der Priester soll mehrere Kinder missbraucht haben. Die Opfer waren "
     "Messdiener.", "Sexueller Missbrauch"),
    ("Angriff im Roten Meer", "Die Huthi-Rebellen haben im Roten Meer ein Containerschiff angegriffen. Die "
     "Reederei meldet keine Verletzten.", "Piraterie"),
    ("Band geht auf Tour", "Die Band geht im Herbst auf Tour. Die Konzerte in zwölf Städten sind "
     "ausverkauft.", "Musik"),
    ("Kleinflugzeug abgestürzt", "Ein Kleinflugzeug ist kurz nach dem Start abgestürzt. Der Pilot kam ums "
     "Leben.", "Flugzeugabsturz"),
    ("Schüler ohne Lehrer", "An vielen Schulen fällt der Unterricht aus. Schüler und Lehrer protestieren.",
     "Bildungspolitik"),
    ("Scheune brennt", "Die Feuerwehr hat in der Nacht den Brand einer Scheune gelöscht.", "Brände"),
    ("Stahlkonzern streicht Stellen", "Der Stahlkonzern streicht 5000 Stellen. Die Stahlproduktion sinkt "
     "seit Monaten.", "Stahlindustrie"),
    ("Studie zu Antibiotika", "Eine klinische Studie zeigt, dass der Wirkstoff gegen resistente Keime "
     "hilft.", "Medizin"),
    ("Hilfe gegen Suizid", "Die Zahl der Suizide ist gestiegen. Psychologen fordern mehr Hilfe bei "
     "Depressionen.", "Psychologie"),
    ("Neubau von Wohnungen", "Der Neubau von Wohnungen ist eingebrochen. Immobilienpreise und Bauzinsen "
     "steigen.", "Immobilien"),
    ("Start-up sammelt Geld", "Das Berliner Start-up hat in einer Finanzierungsrunde 20 Millionen Euro von "
     "Investoren eingesammelt.", "Gründer und Start-ups"),
    ("Mieten steigen", "In Berlin steigen die Mieten weiter. Für eine Wohnung zahlen Mieter im Schnitt "
     "zwölf Euro je Quadratmeter.", "Mieten"),
    ("Geflüchtete in Turnhallen", "Die Stadt bringt Geflüchtete in Turnhallen unter. Die Zahl der Asylanträge "
     "steigt.", "Flüchtlingspolitik"),
    ("Schwerer Unfall auf der B27", "Bei einem Unfall auf der Bundesstraße sind zwei Autofahrer verletzt "
     "worden.", "Verkehrsunfall"),
    ("Sparpaket des Bundes", "Die Bundesregierung hat ein Sparpaket beschlossen. Der Bundestag berät den Etat "
     "im Herbst.", "Bundeshaushalt"),
    ("Bankraub in Köln", "Zwei Männer haben eine Bank überfallen. Bei dem Bankraub erbeuteten sie 50.000 "
     "Euro.", "Kriminalität"),
    ("Hilfe für die Armen", "Die Tafeln versorgen immer mehr Arme. Viele Rentner leben in Armut.", "Armut"),
    ("Dörfer an der Oder evakuiert", "Wegen des Hochwassers an der Oder wurden drei Dörfer evakuiert. Die "
     "Evakuierung verlief ruhig, die Deiche halten bisher.", "Naturkatastrophen"),
    ("Hotels an der Ostsee ausgebucht", "Die Hotels an der Ostsee sind über Ostern ausgebucht. Die Hotelbranche "
     "meldet Rekorde bei den Buchungen.", "Tourismus"),
    ("Quote für den Tatort", "Den Tatort sahen im Ersten zehn Millionen Zuschauer. Die ARD meldet die beste "
     "Quote des Jahres.", "Fernsehen"),
    ("Nagelsmann nominiert", "Die Nationalmannschaft verlor das Länderspiel gegen Frankreich. Die Nationalelf "
     "kassierte zwei Tore nach der Pause.", "Deutsche Fußballnationalmannschaft"),
    ("Weniger Katholiken", "Die Zahl der Katholiken in Deutschland ist erneut gesunken. Mehr als 400.000 "
     "Menschen traten aus der Kirche aus.", "Katholische Kirche"),
    ("Protestanten feiern", "Die Protestanten feiern am Sonntag die Reformation. In vielen Kirchen finden "
     "Gottesdienste statt.", "Evangelische Kirche"),
    ("Lkw fährt auf Stauende", "Ein Lkw-Fahrer ist auf ein Stauende aufgefahren. Bei dem Unfall wurden drei "
     "Menschen verletzt.", "Verkehrsunfall"),
    ("Unterrichtsausfall an Schulen", "An vielen Schulen fällt Unterricht aus. Die Schulen suchen Vertretungen.",
     "Bildungspolitik"),
    ("Hungerstreik im Gefängnis", "Im Gefängnis von Guantanamo sind 40 Gefangene in den Hungerstreik getreten. "
     "Die Gefangenen fordern ein Verfahren.", "Gefängnis"),
    ("Opel verkauft mehr", "Der Autobauer Opel hat im vergangenen Jahr mehr Fahrzeuge verkauft. Der Absatz "
     "der Autos stieg um drei Prozent.", "Auto"),
    ("Neuheiten in Genf", "Auf dem Autosalon in Genf zeigen die Hersteller neue Limousinen und Kleinwagen.",
     "Auto"),
    ("Verlage unter Druck", "Die Presse verliert Leser: Die Zeitungen bauen Stellen ab, sagte der Verleger.",
     "Medien"),
    ("Snowboarderin siegt", "Im Freestyle der Snowboarder gewann eine Schweizerin den Weltcup.", "Wintersport"),
    ("Renten steigen", "Die Renten steigen im Juli um vier Prozent. Rund 21 Millionen Rentner bekommen mehr "
     "Geld.", "Rente"),
    ("Sturm über der Küste", "Ein Sturm hat an der Küste Bäume entwurzelt. Der Wetterdienst warnt vor "
     "weiteren Sturmböen.", "Unwetter"),
    ("Neues Haus für Klee", "Das Museum zeigt Gemälde von Paul Klee. Das Museum wurde für 40 Millionen Euro "
     "umgebaut.", "Kunst"),
    ("Journalisten in Haft", "Die Behörden haben drei Journalisten willkürlich festgenommen. Die Regierung "
     "unterdrückt jede Kritik.", "Menschenrechte"),
    ("Dorf verschüttet", "Nach heftigen Regenfällen hat ein Erdrutsch ein Dorf in den Anden verschüttet.",
     "Naturkatastrophen"),
    ("Schnee im April", "Das Wetter spielt verrückt: Im April fällt in Bayern Schnee.", "Wetter"),
    ("Rekord in Venedig", "So viele Touristen wie nie kamen nach Venedig. Die Touristen buchten 4 Millionen "
     "Übernachtungen.", "Tourismus"),
    ("Ölkonzerne fördern mehr", "Die Erdölgesellschaften fördern mehr, der Preis fällt.", "Ölpreis"),
    ("Inseln in Gefahr", "Der Meeresspiegel steigt schneller als erwartet. Die Erderwärmung bedroht die "
     "Inseln im Pazifik.", "Klimawandel"),
    ("Neonazis marschieren", "Hunderte Neonazis zogen durch Dortmund, eine rechtsextreme Partei hatte "
     "aufgerufen. Gegendemonstranten protestierten gegen Rassismus.", "Rechtsextremismus"),
    ("Popstar auf Tour", "Der Popstar beginnt seine Tour in Berlin, das neue Album stürmt die Charts.", "Popmusik"),
    ("Mehrheit für Tempolimit", "In einer Umfrage sprachen sich 57 Prozent der Befragten für ein Tempolimit "
     "aus. Befragt wurden 1.000 Bürger.", "Demoskopie"),
    ("Anschlag auf Synagoge", "Ein Anschlag auf eine Synagoge hat zwei Menschen das Leben gekostet. Die "
     "Ermittler gehen von einem terroristischen Motiv aus.", "Terrorismus"),
    ("Yachten der Superreichen", "Die Superreichen lassen sich immer größere Yachten bauen. Der Markt für "
     "Luxusgüter wächst.", "Luxus"),
    ("Strengeres Waffenrecht", "Nach der Massenschießerei fordern die Demokraten ein strengeres Waffengesetz. "
     "Die Waffenlobby NRA lehnt das ab.", "Waffenrecht"),
    ("Kinderarmut steigt", "Jedes fünfte Kind lebt in Armut. Die Armen trifft die Inflation am härtesten.", "Armut"),
    ("Bahn streicht Züge", "Wegen des Streiks der Lokführer streicht die Bahn am Montag viele Züge. "
     "Pendler müssen mit Ausfällen rechnen.", "Deutsche Bahn"),
    ("Bahn erhöht Preise", "Die Bahn erhöht zum Fahrplanwechsel die Preise im Fernverkehr. Fahrgäste zahlen "
     "im Schnitt fünf Prozent mehr.", "Deutsche Bahn"),
    ("Weihnachtsmärkte öffnen", "In vielen Städten öffnen am Montag die Weihnachtsmärkte. Bis Heiligabend "
     "werden Millionen Besucher erwartet.", "Feiertage"),
    ("Urlaub wird teurer", "Der Urlaub am Mittelmeer wird in diesem Sommer deutlich teurer. Reiseveranstalter "
     "erhöhen die Preise für Pauschalreisen.", "Tourismus"),
    ("Notlandung in Köln", "Ein Flug nach Mallorca musste in Köln notlanden. Die Maschine hatte einen "
     "Triebwerksschaden, die Passagiere blieben unverletzt.", "Luftfahrt"),
    ("Zeuge im Prozess", "Im Prozess gegen den Angeklagten hat ein Zeuge ausgesagt. Das Gericht will am Freitag "
     "das Urteil verkünden.", "Prozesse"),
    ("Gedenken in Buchenwald", "In der Gedenkstätte erinnerten Überlebende an die Deportation der Juden durch "
     "die Nationalsozialisten.", "Holocaust"),
    ("App sammelt Millionen ein", "Zwei Gründer aus München haben für ihre App bei Investoren zehn Millionen "
     "Euro eingesammelt. Das Start-up will nun expandieren.", "Gründer und Start-ups"),
    ("Gemälde versteigert", "Ein Gemälde von Claude Monet ist bei einer Auktion in New York für 110 Millionen "
     "Dollar versteigert worden.", "Kunst"),
    ("Umjubeltes Drama", "Die Schauspieler standen drei Stunden auf der Bühne, das Drama endete mit langem "
     "Applaus.", "Theater"),
    ("Wald in Not", "Dem deutschen Wald geht es schlecht: Die Hälfte der Bäume ist krank.", "Wald"),
    ("Yacht beschlagnahmt", "Die Yacht des Oligarchen wurde in Hamburg beschlagnahmt. Der Milliardär steht "
     "auf der Sanktionsliste.", "Luxus"),
    ("Wohnhaus abgebrannt", "Ein Feuer hat in der Nacht ein Wohnhaus zerstört. Die Feuerwehr konnte die Flammen "
     "erst nach Stunden löschen.", "Brände"),
    ("Tödliche Notlandung", "Bei der Notlandung eines Kleinflugzeugs sind zwei Menschen ums Leben gekommen. Das "
     "Wrack brannte aus.", "Flugzeugabsturz"),
    ("Gedenken an die Opfer", "Ein Jahr nach dem 7. Oktober gedenkt Israel der Opfer.", "Israel-Gaza-Krieg"),
    ("Netzausbau stockt", "Das Stromnetz muss schneller wachsen, damit mehr Windstrom aus dem Norden in den "
     "Süden fließt. Die Windparks an der Küste werden oft abgeregelt.", "Energiewende"),
    ("Paket verschwunden", "Das Paket kam nie an: Die Sendung sei im Verteilzentrum verloren gegangen, teilte der "
     "Zusteller mit.", "Post und Logistik"),
    ("Künstlerin stellt in Kassel aus", "Die Künstlerin zeigt ihre Gemälde in einer Galerie in Kassel. Die "
     "Ausstellung läuft bis Mai.", "Kunst"),
    ("Chaos am Flughafen", "Am Flughafen fallen wegen eines Warnstreiks Hunderte Flüge aus. Tausende Passagiere "
     "sitzen fest.", "Luftfahrt"),
    ("Neues Programm im Fernsehen", "Das Fernsehen zeigt im Sommer mehr Wiederholungen. Die Sender sparen.", "Fernsehen"),
    ("Schnellzüge zusammengestoßen", "Beim Zusammenstoß zweier Schnellzüge sind 40 Menschen ums Leben "
     "gekommen. Die Waggons stürzten von einer Brücke.", "Zugunglück"),
    ("Urlaub wird teurer", "Der Urlaub am Mittelmeer wird teurer. Die Reiseveranstalter erhöhen die Preise, "
     "Hotels sind ausgebucht.", "Tourismus"),
    ("Stolperstein für Familie Levi", "Die Nazis verfolgten die jüdische Familie, 1942 wurde sie deportiert. "
     "Nun erinnert ein Stolperstein an sie.", "Zweiter Weltkrieg"),
    ("Mehr Menschen im Homeoffice", "Seit der Krise arbeiten viele Deutsche im Homeoffice. Die Arbeitszeit wird "
     "flexibler, Überstunden werden seltener.", "Arbeitswelt"),
    ("Mann in Wohnung getötet", "Ein 40-Jähriger ist in seiner Wohnung getötet worden. Die Polizei nahm einen "
     "Tatverdächtigen fest.", "Mord und Totschlag"),
    ("Steppenbrände in Kasachstan", "Im Norden Kasachstans wüten Steppenbrände. Tausende Hektar sind verbrannt.",
     "Waldbrände"),
    ("Pride in Berlin", "Zur Pride kamen Zehntausende. Die Parade für die Rechte von Schwulen und Lesben zog "
     "durch die Stadt.", "LGBTQ"),
    ("Lücke in Windows", "Eine Sicherheitslücke in der Software erlaubt Angreifern den Zugriff auf fremde "
     "Computer. Microsoft will ein Update liefern.", "IT-Sicherheit"),
    ("Glaube im Alltag", "Der Glaube an Gott gibt vielen Menschen Halt, sagt die Theologin. Beten hilft ihnen "
     "in der Krise.", "Religion"),
    ("Löwen im Zoo geboren", "Im Zoo sind zwei Löwen zur Welt gekommen. Die Löwin kümmert sich um die "
     "Jungtiere.", "Tiere"),
    ("Korruptionsaffäre im Rathaus", "Der Bürgermeister soll Schmiergeld angenommen haben. Die Affäre um "
     "Bestechung beschäftigt die Staatsanwaltschaft.", "Korruption"),
    ("Andrang bei der Tafel", "Bei der Essener Tafel holen immer mehr Rentner Lebensmittel ab. Die Tafel "
     "nimmt keine neuen Kunden mehr auf.", "Armut"),
    ("Warnstreik bei der Bahn", "Die Gewerkschaft GDL hat zu einem Warnstreik aufgerufen. Im Fernverkehr fallen "
     "die meisten Züge aus.", "Streik"),
    ("Tarifstreit im Nahverkehr", "Verdi und die kommunalen Arbeitgeber haben sich im Tarifstreit geeinigt. Die "
     "Streiks im Nahverkehr sind damit beendet.", "Streik"),
    ("Boykott der Olympischen Spiele", "Mehrere Länder boykottieren die Olympischen Spiele. Der Boykott trifft "
     "vor allem die Sportler.", "Sportpolitik"),
    ("Neue Krimiserie im ZDF", "Das ZDF zeigt eine neue Krimiserie. Die Fernsehserie läuft am Sonntag.",
     "Fernsehen"),
    ("Tatort aus Münster", "Der neue Tatort aus Münster lief am Sonntag in der ARD. Der Krimi erreichte ein "
     "Millionenpublikum.", "Fernsehen"),
    ("Brandstiftung im Wald", "Nach einer Brandstiftung brennen im Wald 300 Hektar. Die Feuerwehr bekämpft den "
     "Waldbrand.", "Waldbrände"),
    ("Unfall auf der A7", "Auf der Autobahn ist ein Lkw mit einem Auto zusammengestoßen. Der Fahrer des Wagens "
     "wurde schwer verletzt.", "Verkehrsunfall"),
    ("Prozess gegen Bankräuber", "Die Verhandlung vor dem Landgericht wurde vertagt. Der Richter will weitere "
     "Zeugen hören, dem Angeklagten drohen zehn Jahre Haft.", "Justiz"),
    ("Bach-Festival eröffnet", "Mit der h-Moll-Messe von Bach hat das Festival begonnen. Das Orchester und der "
     "Chor spielten vor ausverkauftem Haus.", "Klassische Musik"),
    ("Neuer Tenor an der Staatsoper", "Der Tenor singt in der neuen Inszenierung der Oper den Tamino. Das "
     "Orchester spielt unter dem neuen Dirigenten.", "Klassische Musik"),
    ("Mythen im Netz", "Im Internet verbreiten Anhänger die Behauptung einer großen Verschwörung gegen das "
     "Volk. Die Verschwörung soll von Eliten gesteuert sein, glauben sie.", "Verschwörungstheorien"),
    ("Deutschland ist Weltmeister", "Die Nationalmannschaft hat die Fußball-Weltmeisterschaft gewonnen. Der "
     "Bundestrainer lobte die Elf, die im Finale zwei Tore schoss.", "Fußball-WM"),
    ("Festspiele eröffnet", "In Bayreuth haben die Richard-Wagner-Festspiele mit einer neuen Inszenierung "
     "begonnen. Das Publikum feierte Orchester und Sänger.", "Klassische Musik"),
    ("Nationalspielerin wechselt", "Die Fußballspielerin wechselt zum VfL Wolfsburg. Die Mittelfeldspielerin "
     "hat einen Vertrag bis 2027 unterschrieben.", "Frauenfußball"),
    ("Schloss wird saniert", "Das barocke Schloss wird für 20 Millionen Euro saniert. Im Schlossgarten "
     "entsteht ein Café.", "Denkmalschutz"),
    ("Band geht auf Tour", "Die Band spielt im Sommer zwölf Konzerte. Ihr neues Album erscheint im Mai.",
     "Musik"),
    ("Gedenken an Srebrenica", "Vor 25 Jahren ermordeten Soldaten in Srebrenica 8000 Muslime. Das Massaker gilt "
     "als Völkermord.", "Völkermord"),
    ("Sender zeigt Spielfilm", "Der Fernsehsender zeigt den Spielfilm zur besten Sendezeit. Die Fernsehzuschauer "
     "können im Fernsehduell danach abstimmen.", "Fernsehen"),
    ("Konten eingefroren", "Die Behörden haben die Konten des Oligarchen eingefroren. Auch die Gelder seiner "
     "Firmen in der Schweiz wurden eingefroren.", "Sanktionen"),
    ("Kontrollen nach Hautfarbe", "Schwarze würden wegen ihrer Hautfarbe häufiger kontrolliert, sagte die "
     "Aktivistin. Viele Schwarze fühlten sich von der Polizei verfolgt.", "Rassismus"),
    ("Heißes Wochenende", "Die Temperaturen steigen am Wochenende auf 30 Grad, dazu scheint die Sonne. Erst am "
     "Montag wird es kühler.", "Wetter"),
    ("Grundwasser sinkt", "Nach dem trockenen Sommer ist der Grundwasserspiegel stark gesunken. Die Brunnen "
     "führen kaum noch Wasser.", "Dürre"),
    ("Aktivistin in Haft", "Die Aktivistin sitzt seit Monaten ohne Prozess in Haft. Das Regime wirft ihr "
     "Propaganda vor.", "Menschenrechte"),
    ("Barockschloss saniert", "Das Schloss des Fürsten wird für 20 Millionen Euro saniert. Die Besucher "
     "können es ab Mai wieder besichtigen.", "Denkmalschutz"),
    ("Abnehmen ohne Diät", "Wer abnehmen will, braucht keine strenge Diät. Schon wenige Kilo weniger "
     "helfen dem Herzen.", "Ernährung"),
    ("Ehrenamtliche Helfer gesucht", "Die Tafel sucht Helfer, die ehrenamtlich Lebensmittel verteilen. Viele "
     "Freiwillige spenden ihre Zeit.", "Ehrenamt"),
    ("Stiftung sammelt Spenden", "Die Stiftung sammelt Spenden für Kinder in Not. Helfer verteilen die "
     "Pakete.", "Ehrenamt"),
    ("Aquarium eröffnet", "Im neuen Aquarium schwimmen 300 Fische. Der Zierfisch aus Asien ist der Star.",
     "Tiere"),
    ("Zeitung stellt Druck ein", "Die Zeitung erscheint nur noch online. Die Auflage war zuletzt stark "
     "gesunken, die Redaktion wird verkleinert.", "Medien"),
    ("Hetze im Netz", "Im Netz verbreiten Nutzer Hetze gegen Politiker. Die Plattformen löschen zu wenig, "
     "sagt die Ministerin.", "Internet"),
    ("Festival am See", "Beim Festival spielen am Wochenende 40 Bands. Die Sängerin der Band tritt am "
     "Samstag auf.", "Musik"),
    ("Neuer Bischof für Limburg", "Der Papst hat einen neuen Bischof für das Bistum Limburg ernannt. Der "
     "Bischof war zuvor Weihbischof in Köln.", "Katholische Kirche"),
    ("Abend mit Wortwitz", "Sein Wortwitz ist legendär. Seine Politikerwitze füllten über Jahrzehnte die "
     "Säle.", "Humor"),
    ("Autorin liest", "Die Autorin liest aus ihrem neuen Buch. Der Verlag hat die erste Auflage schon "
     "verkauft.", "Literatur"),
    ("Kaum Zinsen", "Wer heute sparen will, bekommt kaum Zinsen auf dem Tagesgeld. Die Banken zahlen "
     "wenig.", "Sparen"),
    ("Sturm über Norddeutschland", "Ein schwerer Sturm hat in Norddeutschland Bäume entwurzelt. Der Sturm "
     "erreichte in der Nacht Orkanstärke.", "Unwetter"),
    ("Etappensieg in den Alpen", "Der Radprofi holte den Etappensieg auf der Bergetappe. Im Peloton blieb es "
     "ruhig.", "Radsport"),
    ("Notstand nach dem Hurrikan", "Der Gouverneur ruft nach dem Hurrikan den Notstand aus. Der Sturm hat "
     "Tausende Häuser zerstört.", "Naturkatastrophen"),
    ("Premiere in Wien", "Bei der Premiere des Stücks jubelte das Publikum. Die Schauspielerin wurde minutenlang "
     "gefeiert.", "Theater"),
    ("Merkel fordert sparsame Autos", "Die Kanzlerin fordert Autos, die weniger Benzin verbrauchen. Bei den "
     "Zulieferern könnten 50.000 Arbeitsplätze entstehen, die Zulieferer entwickeln neue Motoren.", "Autoindustrie"),
    ("Zoll auf Stahl", "Die USA erheben einen Zoll von 25 Prozent auf Stahl aus China. Der Zoll soll die "
     "heimische Industrie vor Importen schützen.", "Handelsstreit"),
    ("Drama im Schnee", "Zwei Wanderer wurden am Hang unter Schneemassen verschüttet. Die Verschütteten konnten "
     "sich selbst befreien.", "Lawinen"),
    ("80 Jahre Kriegsende", "Vor 80 Jahren endete mit der Kapitulation der Wehrmacht der Krieg in Europa. Zum "
     "Kriegsende gedenkt der Bundestag der Opfer.", "Zweiter Weltkrieg"),
    ("Vulkan auf Island", "Der Vulkan spuckt seit Tagen Asche. Die Asche legt den Flugverkehr lahm.", "Vulkane"),
    ("Konzern in Not", "Der Konzern braucht eine Sanierung, die Schulden wachsen. Die Gläubiger stimmen der "
     "Sanierung zu.", "Insolvenz"),
    ("Amoklauf an Schule", "Nach dem Amoklauf fordern Eltern schärfere Waffengesetze. Die Waffengewalt an "
     "Schulen nehme zu.", "Waffenrecht"),
    ("Flug nach Mallorca gestrichen", "Der Flug nach Mallorca fiel aus, die Passagiere warteten am Flughafen. "
     "Die Airline bot einen Ersatzflug an.", "Luftfahrt"),
    ("Stau vor Ostern", "Auf der A8 staut sich der Verkehr. Der Stau reicht bis München.", "Verkehr"),
    ("Goldpreis auf Rekordhoch", "Gold ist so teuer wie nie: Eine Feinunze kostet erstmals 3000 Dollar. Anleger "
     "flüchten in Gold.", "Gold"),
    ("Neue Inszenierung am Burgtheater", "Die Inszenierung des Stücks spaltet das Publikum. Der Regisseur verlegt "
     "die Handlung auf eine leere Bühne.", "Theater"),
    ("Doping in Österreich", "Die Ermittler haben einen Doping-Ring zerschlagen. Der Doping-Ring versorgte "
     "Radprofis mit Epo.", "Doping"),
    ("Gläubige beten für Frieden", "Tausende Gläubige kamen zum Gebet. Die Gläubigen beteten für den "
     "Frieden.", "Religion"),
    ("Konjunktur kühlt ab", "Die Institute senken ihre Prognosen für das Wachstum. Die Wirtschaft wächst laut "
     "der Prognose nur noch um 0,2 Prozent.", "Konjunktur"),
    ("Lücken im Katastrophenschutz", "Nach dem Hochwasser fehlen dem Katastrophenschutz Hunderte Fahrzeuge. "
     "Der Katastrophenschutz sei auf Überschwemmungen schlecht vorbereitet.", "Naturkatastrophen"),
    ("Psychologen warnen", "Psychologen warnen vor den Folgen der Einsamkeit. Die psychische Belastung der "
     "Jugendlichen steige.", "Psychologie"),
    ("Renault baut Stellen ab", "Renault streicht 2000 Stellen. Der Autobauer will die Produktion in Frankreich "
     "drosseln, die Gewerkschaften protestieren.", "Autoindustrie"),
    ("Rekord in Wolfsburg", "Der VW-Konzern meldet einen Rekordgewinn. Volkswagen verkaufte mehr Autos als je "
     "zuvor.", "Autoindustrie"),
    ("Containerschiff im Hafen", "Das größte Containerschiff der Welt hat in Hamburg festgemacht. Der Frachter "
     "bringt 20.000 Container.", "Schifffahrt"),
    ("Stress im Job", "Psychologen warnen vor Stress am Arbeitsplatz. Dauerhafter Stress mache psychisch "
     "krank.", "Psychologie"),
    ("Spion enttarnt", "Der Verfassungsschutz hat einen russischen Spion enttarnt. Der Agent soll für den "
     "Geheimdienst FSB gearbeitet haben.", "Spionage"),
    ("Masters in Augusta", "Der Golfer spielte auf dem Golfplatz von Augusta eine 66er-Runde. Mit drei Birdies "
     "übernahm er die Führung im Turnier.", "Golf"),
    ("Leitzins steigt", "Die Notenbank erhöht die Zinsen um 0,25 Prozentpunkte. Höhere Zinsen sollen die "
     "Inflation bremsen.", "Zinsen"),
    ("Unfall auf der B27", "Bei einem Zusammenstoß zweier Autos auf der B27 wurde ein Fahrer schwer verletzt. "
     "Die Straße war stundenlang gesperrt.", "Verkehrsunfall"),
    ("Rekord bei Sotheby's", "Ein Gemälde von Monet wurde für 110 Millionen Dollar versteigert. Die "
     "Versteigerung bei Sotheby's war die teuerste des Jahres.", "Kunst"),
    ("Bombe in der Altstadt", "In der Altstadt ist eine Bombe explodiert. Die Explosion beschädigte mehrere "
     "Häuser.", "Explosionen"),
    ("Neue Schau in Basel", "Die Kunsthalle zeigt Gemälde von Paul Klee. Die Kunst der Moderne zieht "
     "Tausende Besucher an.", "Kunst"),
    ("Hollywood-Star heiratet", "Der Star heiratete am Wochenende in Venedig. Zahlreiche Stars feierten mit dem "
     "Paar.", "Prominente"),
])
def test_tags_noise_word_in_its_own_sense_keeps_its_topic(token_analyzer, title, body, topic):
    assert topic in {t.name for t in _tag(token_analyzer, title, body, []).tags}


def test_tags_noise_german_land_and_party_keep_their_tags(token_analyzer):
    body = (
        "Die Landesregierung von Nordrhein-Westfalen will die Grundsteuer senken. Ministerpräsident "
        "Hendrik Wüst kündigte das in Düsseldorf an. Die FDP im Landtag lehnt den Plan ab; die Liberalen "
        "fordern eine Reform für alle Bundesländer."
    )
    ents: list[Spec] = [
        ("tw:state:nrw", "Nordrhein-Westfalen", "LOC", ["Nordrhein-Westfalen"]),
        ("Q1673958", "Hendrik Wüst", "PER", ["Hendrik Wüst"]),
        ("tw:org:fdp", "FDP", "ORG", ["FDP", "Liberalen"]),
    ]
    names = {t.name for t in _tag(token_analyzer, "Land will Grundsteuer senken", body, ents).tags}
    assert {"FDP", "Bundesländer"} <= names


FACT_CHECK_TITLE = "Foto von Brandschäden ist alt"
FACT_CHECK_BODY = (
    "Im Netz heißt es, Laserwaffen hätten die Brände in Los Angeles ausgelöst. Als Beweis dient ein "
    "Satellitenbild einer Siedlung, in der einzelne Häuser unversehrt geblieben sein sollen. Das Bild "
    "stammt jedoch aus dem Jahr 2018, und Laser können Brände dieses Ausmaßes nicht auslösen."
)


@pytest.mark.parametrize("wrong", ["Nahost-Konflikt", "Physik", "Raumfahrt"])
def test_tags_noise_fact_check_on_fires_has_no_unrelated_topics(token_analyzer, wrong):
    """A dpa fact check on the Los Angeles fires got ``Nahost-Konflikt`` from ``Siedlung``,
    ``Physik`` from ``Laserwaffen`` and ``Raumfahrt`` from ``Satellitenbild``: none of these
    words alone speaks for its topic."""
    a = _tag(token_analyzer, FACT_CHECK_TITLE, FACT_CHECK_BODY, [("tw:city:los-angeles", "Los Angeles", "LOC", ["Los Angeles"])])
    names = {t.name for t in a.tags}
    assert wrong not in names
    assert "Brände" in names


@pytest.mark.parametrize(("title", "body", "topic"), [
    ("Neue Siedlung genehmigt", "Israel hat den Bau einer neuen Siedlung im Westjordanland genehmigt. "
     "Die israelische Siedlungspolitik stößt international auf Kritik.", "Nahost-Konflikt"),
    ("Spionagesatellit im All", "Eine Trägerrakete hat einen Spionagesatelliten ins All gebracht. "
     "Der Satellit soll zehn Jahre lang die Erde umkreisen.", "Raumfahrt"),
    ("Rekord am Teilchenbeschleuniger", "Physiker am Cern haben mit einem neuen Laser einen Rekord "
     "aufgestellt. Die Messung soll die Physik der Teilchen genauer erklären.", "Physik"),
])
def test_tags_noise_topics_keep_their_own_words(token_analyzer, title, body, topic):
    assert topic in {t.name for t in _tag(token_analyzer, title, body, []).tags}


# -- a town's name is no compound: ``Iserlohn`` is no wage ------------------------------------------

@pytest.mark.parametrize(("title", "body", "town", "wrong"), [
    ("Doppelmord aufgeklärt", "In Iserlohn hat die Polizei einen Doppelmord aufgeklärt. Der Tatverdächtige aus "
     "Iserlohn wurde festgenommen.", ("tw:city:2895669", "Iserlohn", "LOC", ["Iserlohn"]), "Arbeitsmarkt"),
    ("Skispringen abgesagt", "Das Neujahrsspringen in Garmisch-Partenkirchen fällt aus. In Garmisch-Partenkirchen "
     "fehlt der Schnee.", ("tw:city:2922530", "Garmisch-Partenkirchen", "LOC", ["Garmisch-Partenkirchen"]), "Religion"),
    ("Smog über der Hauptstadt", "In Neu-Delhi bleiben die Schulen geschlossen. Die Luft in Neu-Delhi ist so schlecht "
     "wie nie.", ("tw:city:1261481", "Neu-Delhi", "LOC", ["Neu-Delhi"]), "Europäische Union"),
    ("Flughafen wird Park", "Auf dem Gelände in Tempelhof entsteht ein Park. Die Anwohner in Tempelhof "
     "freuen sich.", ("tw:city:2823538", "Tempelhof", "LOC", ["Tempelhof"]), "Archäologie"),
])
def test_tags_noise_part_of_a_towns_name_triggers_no_topic(token_analyzer, title, body, town, wrong):
    """Wikinews stories got Arbeitsmarkt from ``Iserlohn`` (``*lohn``), Religion from
    ``Garmisch-Partenkirchen`` (``*kirche``), the EU from ``Neu-Delhi`` (``*eu-*``) and Archäologie
    from ``Tempelhof`` (``tempel*``): a compound trigger that is only a part of a town's name is no
    evidence."""
    names = {t.name for t in _tag(token_analyzer, title, body, [town]).tags}
    assert wrong not in names
    assert town[1] in names


def test_tags_noise_town_named_by_a_trigger_keeps_its_topic(token_analyzer):
    """A trigger that is the town's whole name still speaks (``hollywood*`` for Kino), and the
    wage named beside the town stays evidence."""
    body = "In Hollywood haben die Dreharbeiten für den Film begonnen. Die Filmstudios in Hollywood zahlen mehr Lohn."
    names = {t.name for t in _tag(token_analyzer, "Dreh in Hollywood", body, [("tw:city:5357527", "Hollywood", "LOC", ["Hollywood"])]).tags}
    assert "Kino" in names


# -- a German institution on a story set in another country -------------------------------------

ABROAD: list[tuple[str, str, list[Spec], str]] = [  # the last: the wrong tags, comma-separated
    ("Gericht setzt Regierungschef ab", "In Thailand hat das Verfassungsgericht den Regierungschef seines Amtes "
     "enthoben. Die Richter sahen einen Verstoß gegen die Verfassung.",
     [("tw:country:TH", "Thailand", "LOC", ["Thailand"])], "Bundesverfassungsgericht"),
    ("Streik legt Züge lahm", "In Frankreich haben die Lokführer die Arbeit niedergelegt. Die Bahn strich "
     "landesweit Hunderte Züge, Pendler warteten vergeblich auf den Gleisen.",
     [("tw:country:FR", "Frankreich", "LOC", ["Frankreich"])], "Deutsche Bahn"),
    ("Verband entlässt Trainer", "Argentiniens Fußballverband hat den Trainer der Nationalmannschaft entlassen. "
     "Die Mannschaft war in der Vorrunde ausgeschieden.",
     [("tw:country:AR", "Argentinien", "LOC", ["Argentiniens"])], "Deutsche Fußballnationalmannschaft"),
    ("Regierung in Bern", "Der Bundesrat der Schweiz hat eine neue Regel für Banken beschlossen. Die "
     "Bundespräsidentin verteidigte den Schritt vor dem Parlament.",
     [("tw:country:CH", "Schweiz", "LOC", ["Schweiz"])], "Bundesrat, Bundespräsident"),
]


@pytest.mark.parametrize(("title", "body", "entities", "wrong"), ABROAD)
def test_tags_noise_german_institution_is_no_tag_of_a_story_set_abroad(token_analyzer, title, body, entities, wrong):
    """Thailand's constitutional court, France's railway, Argentina's team and the Swiss Federal
    Council are not the Bundesverfassungsgericht, the Deutsche Bahn, the German team and the
    Bundesrat (Wikinews stories on Thailand and Switzerland got them): a story whose places all lie
    in other countries speaks of their institutions, whatever the generic word (``Bahn``,
    ``Verfassungsgericht``); Switzerland and Austria even call theirs ``Bundesrat``."""
    a = _tag(token_analyzer, title, body, entities)
    names = {t.name for t in a.tags}
    assert not names & set(wrong.split(", "))
    assert entities[0][1] in names


def test_tags_noise_swiss_federal_council_linked_to_the_german_one_is_no_tag(token_analyzer):
    """The Wikinews story on Joseph Deiss's resignation linked ``Bundesrat`` to the German
    chamber the KB knows: in a story set in Switzerland alone, that name is the Swiss one's."""
    body = "Der Schweizer Bundesrat Joseph Deiss tritt zurück. Der Bundesrat würdigte seine Arbeit für die Schweiz."
    ents: list[Spec] = [("tw:country:CH", "Schweiz", "LOC", ["Schweiz"]), ("tw:org:bundesrat", "Bundesrat", "ORG", ["Bundesrat"]),
                        ("local:per:joseph-deiss", "Joseph Deiss", "PER", ["Joseph Deiss"])]
    names = {t.name for t in _tag(token_analyzer, "Deiss tritt zurück", body, ents).tags}
    assert "Bundesrat" not in names
    assert {"Schweiz", "Joseph Deiss"} <= names


def test_tags_noise_german_bundesrat_keeps_its_tag(token_analyzer):
    body = "Der Bundesrat hat dem Gesetz zugestimmt. Die Länder setzten Änderungen für ganz Deutschland durch."
    ents: list[Spec] = [("tw:org:bundesrat", "Bundesrat", "ORG", ["Bundesrat"]), ("tw:country:DE", "Deutschland", "LOC", ["Deutschland"])]
    assert "Bundesrat" in {t.name for t in _tag(token_analyzer, "Länderkammer stimmt zu", body, ents).tags}


@pytest.mark.parametrize(("title", "body", "entities", "topic"), [
    ("Letzte Soldaten verlassen Mali", "Die Bundeswehr hat ihre letzten Soldaten aus Mali abgezogen. Der "
     "Einsatz dauerte zehn Jahre.", [("tw:country:ML", "Mali", "LOC", ["Mali"])], "Bundeswehr"),
    ("Neue Verbindung nach Paris", "Die Bahn will mehr Züge zwischen Deutschland und Frankreich fahren lassen. "
     "Ab Dezember fahren die Züge stündlich.",
     [("tw:country:DE", "Deutschland", "LOC", ["Deutschland"]), ("tw:country:FR", "Frankreich", "LOC", ["Frankreich"])],
     "Deutsche Bahn"),
    ("Urteil zum Wahlrecht", "Das Verfassungsgericht hat das neue Wahlrecht gebilligt. Die Richter in "
     "Karlsruhe wiesen die Klagen ab.", [], "Bundesverfassungsgericht"),
    ("Linkes Lager vorn", "In der neuen Sonntagsfrage liegt die SPD vor der CDU. Für eine Jamaika-Koalition "
     "reicht es nach den Umfragen nicht.", [("tw:country:JM", "Jamaika", "LOC", ["Jamaika"]),
                                            ("tw:org:spd", "SPD", "ORG", ["SPD"]), ("tw:org:cdu", "CDU", "ORG", ["CDU"])],
     "Bundestagswahl"),
])
def test_tags_noise_german_institution_keeps_its_tag_at_home_or_by_name(token_analyzer, title, body, entities, topic):
    """The Bundeswehr named by its name in Mali, the railway between Germany and France, a court in
    a story that names no other country and a poll on German parties (whose ``Jamaika-Koalition``
    names a Caribbean country, for the recogniser) stay tags: a German party sets the story in
    Germany as a German place does."""
    assert topic in {t.name for t in _tag(token_analyzer, title, body, entities).tags}


# -- a verb is no compound: ``beschloss`` does not end in the noun ``Schloss`` -------------------

@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("Der Landtag in Potsdam beschloss zusätzliche Mittel für wolfssichere Zäune.", "Denkmalschutz"),
        ("Die Fraktion verschloss sich dem Vorschlag und beschloss einen eigenen Antrag.", "Denkmalschutz"),
    ],
)
def test_tags_noise_verb_with_prefix_is_no_compound(token_analyzer, sentence, topic):
    a = _tag(token_analyzer, "Mehr Geld für Zäune", sentence + " Die Opposition kritisierte den Beschluss.", [])
    assert topic not in {t.name for t in a.tags}


def test_tags_noise_real_compound_still_matches(token_analyzer):
    a = _tag(token_analyzer, "Wasserschloss saniert", "Das Wasserschloss und der Dom werden saniert; der Denkmalschutz zahlt.", [])
    assert "Denkmalschutz" in {t.name for t in a.tags}


# -- a news outlet named only as the source of the news -----------------------------------------

SOURCE_TITLE = "Grünen-Spitze tritt zurück"
SOURCE_BODY = (
    "Die Vorsitzenden der Grünen treten nach der verlorenen Wahl zurück. Zuvor hatte das "
    "Nachrichtenportal «Lagebild» darüber berichtet. Wie der «Spiegel» schreibt, soll ein Parteitag "
    "im Herbst die Nachfolge klären. Laut CNN verfolgt auch Washington den Streit der Grünen genau."
)
SOURCE_ENTITIES: list[Spec] = [
    ("tw:org:gruene", "Grüne", "ORG", ["Grünen"]),
    ("local:lagebild", "Lagebild", "ORG", ["Lagebild"]),
    ("tw:org:der-spiegel", "Der Spiegel", "ORG", ["Spiegel"]),
    ("tw:org:cnn", "CNN", "ORG", ["CNN"]),
    ("tw:city:washington", "Washington", "LOC", ["Washington"]),
]


@pytest.mark.parametrize("outlet", ["Lagebild", "Der Spiegel", "CNN"])
def test_tags_noise_outlet_named_only_as_the_source_is_no_tag(token_analyzer, outlet):
    """``Zuvor hatte das Nachrichtenportal «Table Media» berichtet`` on a dpa item made the portal
    a tag: a news outlet the text names only as its source is no tag, as an agency is none."""
    a = _tag(token_analyzer, SOURCE_TITLE, SOURCE_BODY, SOURCE_ENTITIES)
    assert tag_key(outlet) not in _keys(a)
    assert "Grüne" in {t.name for t in a.tags}  # the story's own names stay


def test_tags_noise_outlet_that_interviewed_the_speaker_is_no_tag(token_analyzer):
    """``sagt Politologe Hajo Funke im Gespräch mit ntv.de`` on an ntv teaser made ``ntv`` a tag: the
    outlet a speaker talked to (``sagt``, ``im Gespräch mit``) is the source of the news too."""
    body = ("Die Zahl der Extremisten allein sei nicht entscheidend, sagt der Politologe Hajo Funke im Gespräch "
            "mit ntv.de. Entscheidend seien die Taten.")
    a = _tag(token_analyzer, "Verfassungsschutzbericht vorgestellt", body,
             [("tw:org:ntv", "ntv", "ORG", ["ntv.de"]), ("local:per:hajo-funke", "Hajo Funke", "PER", ["Hajo Funke"])])
    assert tag_key("ntv") not in _keys(a)
    assert "Hajo Funke" in {t.name for t in a.tags}


def test_tags_noise_outlet_that_commissioned_a_poll_is_no_tag(token_analyzer):
    """``Forsa-Ranking für ntv`` made ``ntv`` the second tag of an ntv teaser: the outlet that ordered a
    poll is its source, as the outlet that reported it is."""
    body = ("Nach wie vor ist Verteidigungsminister Boris Pistorius der beliebteste Politiker. Das zeigt das "
            "Trendbarometer von RTL und ntv, für das Forsa 1000 Menschen befragt hat.")
    a = _tag(token_analyzer, "Forsa-Ranking für ntv", body,
             [("tw:org:ntv", "ntv", "ORG", ["ntv", "ntv"]), ("Q20859", "Boris Pistorius", "PER", ["Boris Pistorius"])])
    assert tag_key("ntv") not in _keys(a)
    assert "Boris Pistorius" in {t.name for t in a.tags}


@pytest.mark.parametrize(("title", "body", "sources", "kept"), [
    # ``(Wikinews berichtete)`` on a Wikinews story made ``Wikinews`` a tag
    ("Geschäftsmann unter den Opfern",
     "Unter den Opfern des Hubschrauberabsturzes in Montenegro (Wikinews berichtete) ist auch ein Geschäftsmann "
     "aus New York. Laut Wikipedia war er seit 1996 verheiratet.", {"Wikinews", "Wikipedia"}, "Montenegro"),
    # ``In der „BILD am Sonntag“ schreibt Papier in einem Gastbeitrag`` made the paper a tag
    ("Richter hält Parteiverbot für möglich",
     "Der Präsident des Bundesverfassungsgerichts hält ein Verbot der Partei für möglich. In der „BILD am "
     "Sonntag“ schreibt er in einem Gastbeitrag, das Gericht habe darüber nie entschieden.",
     {"Bild am Sonntag", "BILD am Sonntag"}, "Bundesverfassungsgericht"),
], ids=["wiki", "sunday-paper"])
def test_tags_noise_outlet_the_kb_knows_cited_as_the_source_is_no_tag(full_analyzer, title, body, sources, kept):
    """The KB knows the wikis and the Sunday paper as media: named only as the source of the news
    (or of an op-ed), they are no tag, as an outlet is none."""
    names = {t.name for t in full_analyzer.analyze(build_article(title=title, body=body)).tags}
    assert not sources & names
    assert kept in names


def test_tags_noise_outlet_the_story_is_about_stays(token_analyzer):
    body = (
        "Der «Spiegel» trennt sich von seinem Chefredakteur. Die Redaktion des «Spiegel» wurde am "
        "Morgen informiert, wie das Magazin mitteilte. Der Verlag sucht nun einen Nachfolger."
    )
    a = _tag(token_analyzer, "Wechsel an der Spitze des Spiegel", body,
             [("tw:org:der-spiegel", "Der Spiegel", "ORG", ["Spiegel"])])
    assert tag_key("Der Spiegel") in _keys(a)


def test_tags_noise_kind_of_outlet_named_as_the_source_is_no_tag(token_analyzer):
    """With the portal gone, the keyphrase ``Nachrichtenportal`` rose into the dpa item's top 6:
    the source's description is no tag either; the same noun where the story is about it stays."""
    a = _tag(token_analyzer, SOURCE_TITLE, SOURCE_BODY, SOURCE_ENTITIES, top_k=20)
    assert "nachrichtenportal" not in _keys(a)
    from tagwerk.stages.tags.rules import kind_of_outlet_as_source

    def named_as_source(body: str) -> bool:
        about = token_analyzer.analyze(build_article(body=body))
        return kind_of_outlet_as_source("Nachrichtenportal", [about.text.index("Nachrichtenportal")], about)

    assert not named_as_source("Das Nachrichtenportal stellt den Betrieb ein. Der Verlag nannte Kosten als Grund.")
    assert named_as_source("Das Nachrichtenportal berichtete zuerst darüber.")


# -- a holiday named as the time of the news: ``an Weihnachten`` is a date, not the topic -------------

@pytest.mark.parametrize(("title", "body", "entities"), [
    ("Hacker stehlen Kundendaten", "Unbekannte sind an Weihnachten in die Server eines Versandhändlers eingedrungen. "
     "Die Angreifer kopierten die Daten von 40.000 Kunden, teilte das Unternehmen mit.", []),
    ("Minister tritt zurück", "Der Verteidigungsminister hat über die Osterfeiertage seinen Rücktritt erklärt. "
     "Am Ostermontag bestätigte die Regierung den Schritt, ein Nachfolger soll bald folgen.", []),
    ("Doppelmord aufgeklärt", "Der Mann soll in der Silvesternacht zwei Nachbarn erstochen haben. "
     "Die Polizei nahm ihn am vergangenen Neujahrstag in seiner Wohnung fest.", []),
    ("Tsunami-Warnung löst Panik aus", "Ein Test des neuen Warnsystems hat an der Küste Panik ausgelöst. "
     "Die Anwohner erinnerten sich an die Flutwelle, die am zweiten Weihnachtstag 2004 Tausende getötet hatte.", []),
    # Wikinews (seed 2026): a farmer's house was flooded with poison on the evening of a holiday
    ("Bauer verklagt Chemiekonzern", "Die giftige Brühe drang in sein Haus ein, wo er am Abend des chinesischen "
     "Neujahrsfestes mit Nachbarn saß. Nun hat ein Gericht dem Bauern recht gegeben.", []),
    ("Einbruch im Rathaus", "Die Täter kamen in der Nacht vor dem Osterfest. Sie erbeuteten zwei Computer und "
     "Bargeld, die Polizei sucht Zeugen.", []),
    # Wikinews (seed 2612): a hackers' congress held between two holidays
    ("Hackerkongress in Hamburg", "Der Kongress findet wie jedes Jahr zwischen Weihnachten und Silvester statt. "
     "Zwischen Weihnachten und Neujahr treffen sich dort Tausende Hacker.", []),
])
def test_tags_noise_holiday_named_as_the_time_is_no_topic(token_analyzer, title, body, entities):
    """Wikinews stories on a hack, a resignation, a murder and a tsunami test got Feiertage from
    ``Weihnachten``, ``Osterfeiertagen``, ``Silvesternacht`` and ``Weihnachtstag``: each named
    when the news happened. A holiday after a preposition of time (``an``, ``über die``, ``in
    der``, ``am zweiten``) in the body is a date, not what the story is about; nor does the word
    become a tag of its own as a keyphrase (the resignation got ``Osterfeiertag``)."""
    from tagwerk.stages.tags.rules import noise_words

    names = {t.name for t in _tag(token_analyzer, title, body, entities).tags}
    assert "Feiertage" not in names
    assert not [n for n in names if noise_words().holiday.fullmatch(n)]


@pytest.mark.parametrize(("title", "body"), [
    ("Randale an Silvester", "In mehreren Städten haben Jugendliche in der Silvesternacht Polizisten mit Böllern "
     "beworfen. Die Feuerwehr rückte zu Hunderten Bränden aus."),
    ("Weihnachtsmärkte öffnen", "In vielen Städten haben die Weihnachtsmärkte geöffnet. Die Händler hoffen auf "
     "mehr Besucher als im vergangenen Jahr, Glühwein kostet vielerorts mehr."),
    ("Wie Familien Ostern feiern", "Ostern ist für viele Familien das wichtigste Fest des Frühlings. Zu Ostern "
     "werden Eier gefärbt und versteckt, die Kirchen feiern die Auferstehung."),
])
def test_tags_noise_holiday_the_story_is_about_keeps_its_topic(token_analyzer, title, body):
    """A holiday in the headline frames the story even as its time (``Randale an Silvester``), and
    a holiday named otherwise (``die Weihnachtsmärkte``, ``Ostern ist ...``) stays evidence."""
    assert "Feiertage" in {t.name for t in _tag(token_analyzer, title, body, []).tags}


# -- a time zone named after a time is background, as a currency after an amount ---------------------

@pytest.mark.parametrize(("body", "zones"), [
    ("Die Geschworenen verkündeten ihr Urteil um 14:15 Uhr Ortszeit PST (Pacific Standard Time). Der Sänger "
     "verließ das Gericht als freier Mann.", [("local:misc:pst", "PST", "MISC", ["PST"]),
                                            ("local:misc:pacific-standard-time", "Pacific Standard Time", "MISC", ["Pacific Standard Time"])]),
    ("Der Hubschrauber startete um 10 Uhr Moskauer Zeit und meldete sich danach nicht mehr. Die Suche nach "
     "der Besatzung dauert an.", [("local:misc:moskauer-zeit", "Moskauer Zeit", "MISC", ["Moskauer Zeit"])]),
    # Wikinews seed 31337: the recogniser cut the zone's adjective from its noun
    ("Am 3. Januar um 6 Uhr Mitteleuropäischer Zeit (MEZ) stand die Erde der Sonne am nächsten.",
     [("local:misc:mitteleuropaischer", "Mitteleuropäischer", "MISC", ["Mitteleuropäischer"])]),
])
def test_tags_noise_time_zone_is_no_tag(token_analyzer, body, zones):
    """A Wikinews story on Michael Jackson's acquittal got the tags ``PST`` and ``Pacific Standard
    Time``, one on a missing helicopter ``Moskauer Zeit``: the time zone of the time the news
    happened is no more a tag than the currency of an amount."""
    names = {t.name for t in _tag(token_analyzer, "Urteil gefallen", body, zones).tags}
    assert not names & {z[1] for z in zones}


# -- waste is not plastic waste -----------------------------------------------------------------

def test_tags_noise_waste_is_no_plastic_waste(token_analyzer):
    """A Wikinews story on Naples' rubbish shipped to Germany got ``Plastikmüll`` from ``Müll``: waste
    in general is its own topic, ``Müll``; plastic waste needs plastic."""
    body = ("In Neapel türmt sich seit Wochen der Müll auf den Straßen. Weil die Deponien voll sind, wird der "
            "Abfall nun mit Zügen nach Deutschland gebracht und dort verbrannt.")
    names = {t.name for t in _tag(token_analyzer, "Neapels Müll kommt nach Deutschland", body, []).tags}
    assert "Plastikmüll" not in names
    assert "Müll" in names


def test_tags_noise_plastic_waste_keeps_its_topic(token_analyzer):
    body = ("Forscher haben in der Nordsee große Mengen Mikroplastik gefunden. Plastiktüten und Verpackungen "
            "zerfallen im Meer zu winzigen Teilchen.")
    assert "Plastikmüll" in {t.name for t in _tag(token_analyzer, "Plastik im Meer", body, []).tags}


def test_tags_noise_pixels_of_a_display_are_no_evidence_of_google(token_analyzer):
    """Wikinews: a phone running Android is Google's, but its display's ``Pixeln`` are no Pixel phone."""
    a = _tag(token_analyzer, "Fairphone geht in Produktion", "Das Gerät läuft mit Android. Das Display hat "
             "960 mal 540 Pixeln bei 256 Pixeln pro Zoll.", [])
    google = next(t for t in a.tags if t.name == "Google")
    assert [e.text for e in google.evidence] == ["Android"]


def test_tags_named_storm_leads_the_places_it_hits(token_analyzer):
    """Wikinews: a story about ``Orkantief Xynthia`` ranked the storm eleventh, below every country it
    crossed; a named weather system (the entities stage's ``local:weather:``) is the story's subject
    as a person or a place would be, not a weak ``MISC`` name."""
    body = ("Xynthia hat in Frankreich mindestens 50 Menschen getötet. Auch in Spanien, Portugal, Belgien und "
            "den Niederlanden richtete der Sturm Schäden an. In Frankreich fiel für eine Million Haushalte der Strom "
            "aus, in Spanien stürzten Bäume auf Autos.")
    ents: list[Spec] = [
        ("local:weather:orkantief-xynthia", "Orkantief Xynthia", "MISC", ["Orkantief Xynthia", "Xynthia"]),
        ("Q142", "Frankreich", "LOC", ["Frankreich"]),
        ("Q29", "Spanien", "LOC", ["Spanien"]),
        ("Q45", "Portugal", "LOC", ["Portugal"]),
        ("Q31", "Belgien", "LOC", ["Belgien"]),
        ("Q55", "Niederlande", "LOC", ["Niederlanden"]),
    ]
    a = _tag(token_analyzer, "Orkantief Xynthia wütet über Europa", body, ents)
    names = [t.name for t in a.tags]
    assert names.index("Orkantief Xynthia") < names.index("Frankreich")


# -- a declined name and a lemma that hides a common word ------------------------------------


def test_tags_noise_declined_event_name_is_the_topic(token_analyzer):
    """``aus Zweitem Weltkrieg`` (dative, no article) made a local entity ``Zweitem Weltkrieg`` that
    stood beside the topic ``Zweiter Weltkrieg`` (an ntv teaser about a mass grave)."""
    body = ("In Belarus haben Bauarbeiter ein Massengrab aus dem Zweiten Weltkrieg entdeckt. Die Toten "
            "stammen aus Zweitem Weltkrieg und Besatzung.")
    spec: Spec = ("local:misc:zweitem-weltkrieg", "Zweitem Weltkrieg", "MISC", ["Zweiten Weltkrieg", "Zweitem Weltkrieg"])
    names = {t.name for t in _tag(token_analyzer, "Massengrab entdeckt", body, [spec]).tags}
    assert "Zweiter Weltkrieg" in names
    assert "Zweitem Weltkrieg" not in names


def test_tags_noise_keyphrase_whose_word_is_common_is_no_tag(token_analyzer):
    """The keyphrase ``Quell`` (the lemma of ``Quelle``, rare as it is) stood for the common word
    ``Quelle`` (an ntv teaser about bacteria): a keyphrase is judged by the words the text has too."""
    body = "Mikroorganismen überleben selbst in der Wüste. Sie nutzen eine ungewöhnliche Quelle, um an Wasser zu kommen."
    names = {t.name for t in _tag(token_analyzer, "Leben ohne Regen", body, []).tags}
    assert "Quell" not in names
    assert "Mikroorganismus" in names
