"""Quote rules on hand-written German sentences (tokens stage + hand-made mentions)."""

from __future__ import annotations

import re

import pytest

from tagwerk.analysis import Entity, Mention
from tagwerk.pipeline import Analyzer
from tagwerk.quotes import quoted_segments
from tagwerk.quotes.frames import RULES, SentenceFrames, cue_laut, cue_nach_source, cue_zufolge
from tagwerk.quotes.phrases import content_end
from tagwerk.quotes.tokens import TokenView
from tagwerk.stages.quotes import apply

_ANALYZER = Analyzer(stages=("tokens",))


def analyse(text: str, names: tuple[tuple[str, str, str], ...] = ()):
    """Tokens stage, then mentions for every occurrence of ``names`` (surface, label, entity id)."""
    a = _ANALYZER.analyze(text)
    ents: dict[str, Entity] = {}
    for surface, label, eid in names:
        for m in re.finditer(re.escape(surface), a.text):
            men = Mention(m.start(), m.end(), surface, label, entity=eid)  # type: ignore[arg-type]
            a.mentions.append(men)
            ent = ents.setdefault(eid, Entity(eid, surface, label))  # type: ignore[arg-type]
            ent.mentions.append(men)
    a.mentions.sort(key=lambda m: m.start)
    a.entities = list(ents.values())
    apply(a)
    return a


def only(a, qtype):
    found = [q for q in a.quotes if q.type == qtype]
    assert found, f"no {qtype} quote in {[(q.type, q.spans[0].text) for q in a.quotes]}"
    return found[0]


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("Sie sagte: „Wir bauen neue Brücken.“", "„Wir bauen neue Brücken.“"),
        ("Sie sagte: »Wir bauen neue Brücken.«", "»Wir bauen neue Brücken.«"),
        ("Sie sagte: «Wir bauen neue Brücken.»", "«Wir bauen neue Brücken.»"),
        ('Sie sagte: "Wir bauen neue Brücken."', '"Wir bauen neue Brücken."'),
        ("Sie sagte: ‚Wir bauen neue Brücken.‘", "‚Wir bauen neue Brücken.‘"),
        ("Sie sagte: 'Wir bauen neue Brücken.'", "'Wir bauen neue Brücken.'"),
        ("Sie sagte: “Wir bauen neue Brücken.”", "“Wir bauen neue Brücken.”"),
    ],
)
def test_quotes_direct_every_style(text, quoted):
    a = analyse(text)
    q = only(a, "Direct")
    assert q.spans[0].text == quoted
    assert q.speaker is not None and q.speaker.text == "Sie"
    assert q.cue is not None and q.cue.text == "sagte"


def test_quotes_segments_skip_apostrophes():
    text = "Wie geht's? Er fand's gut."
    assert quoted_segments(text, [(0, len(text))]) == []


def test_quotes_nested_single_marks_stay_inside():
    text = "Er sagte: „Das Wort ‚nie‘ kenne ich nicht.“"
    segs = quoted_segments(text, [(0, len(text))])
    assert len(segs) == 1 and text[segs[0][0] : segs[0][1]].endswith("nicht.“")


def test_quotes_direct_inverted_frame_with_entity():
    a = analyse(
        "„Das Projekt kommt gut voran“, sagte Bürgermeisterin Anna Berger am Dienstag.",
        (("Anna Berger", "PER", "local:per:anna-berger"),),
    )
    q = only(a, "Direct")
    assert q.spans[0].text == "„Das Projekt kommt gut voran“"
    assert "Anna Berger" in q.speaker.text
    assert q.speaker_entity == "local:per:anna-berger"
    assert q.cue.text == "sagte"


def test_quotes_direct_interrupted_by_frame():
    a = analyse("„Wir sind bereit“, sagte die Trainerin, „aber nicht um jeden Preis.“")
    q = only(a, "Direct")
    assert [s.text for s in q.spans] == ["„Wir sind bereit“", "„aber nicht um jeden Preis.“"]
    assert q.speaker.text == "die Trainerin"


def test_quotes_direct_multi_sentence():
    a = analyse("Der Förster sagte: „Der Wald ist krank. Wir müssen jetzt handeln.“")
    q = only(a, "Direct")
    assert q.spans[0].text == "„Der Wald ist krank. Wir müssen jetzt handeln.“"
    assert q.speaker.text == "Der Förster"


@pytest.mark.parametrize(
    "text, content, speaker, cue",
    [
        (
            "Der Verband erklärte, dass die Preise weiter steigen würden.", "dass die Preise weiter steigen würden",
            "Der Verband", "erklärte",
        ),
        (
            "Die Sprecherin sagte, das Museum bleibe bis Ostern geschlossen.", "das Museum bleibe bis Ostern geschlossen",
            "Die Sprecherin", "sagte",
        ),
        (
            "Die Reparatur dauere noch mehrere Wochen, so der Hausmeister.", "Die Reparatur dauere noch mehrere Wochen",
            "der Hausmeister", "so",
        ),
        ("Laut dem Wetterdienst wird es am Wochenende stürmisch.", "wird es am Wochenende stürmisch", "dem Wetterdienst", "Laut"),
        (
            "Dem Veranstalter zufolge haben sich 300 Läuferinnen angemeldet.", "haben sich 300 Läuferinnen angemeldet",
            "Dem Veranstalter", "zufolge",
        ),
        (
            "Nach Angaben der Feuerwehr wurde bei dem Brand niemand verletzt.", "wurde bei dem Brand niemand verletzt",
            "der Feuerwehr", "Nach Angaben",
        ),
        ("Wie die Stadtwerke mitteilten, fällt der Strom am Montag aus.", "fällt der Strom am Montag aus", "die Stadtwerke", "Wie"),
        ("Die Schule bleibe geschlossen, teilte die Behörde am Abend mit.", "Die Schule bleibe geschlossen", "die Behörde", "teilte"),
        (
            "Am Freitag kündigte die Firma an, dass sie 40 Stellen streichen werde.", "dass sie 40 Stellen streichen werde",
            "die Firma", "kündigte",
        ),
    ],
)
def test_quotes_indirect_cues(text, content, speaker, cue):
    a = analyse(text)
    q = only(a, "Indirect")
    assert " ".join(s.text for s in q.spans) == content
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.cue is not None and q.cue.text.startswith(cue)


def test_quotes_indirect_interrupted_by_prepositional_frame():
    a = analyse("Die Brücke wird nach Angaben der Stadt erst im Herbst fertig.")
    q = only(a, "Indirect")
    assert [s.text for s in q.spans] == ["Die Brücke wird", "erst im Herbst fertig"]


def test_quotes_konjunktiv_continuation():
    a = analyse(
        "Der Trainer sagte, die Mannschaft sei gut vorbereitet. Man habe intensiv an der Abwehr gearbeitet. "
        "Die Fans dürften sich auf ein schnelles Spiel freuen. Das Stadion ist ausverkauft."
    )
    q = only(a, "IndirectFreeIndirect")
    assert q.spans[0].text.startswith("Man habe intensiv")
    assert q.spans[0].text.endswith("freuen.")
    assert q.speaker.text == "Der Trainer"
    assert not any("ausverkauft" in s.text for q in a.quotes for s in q.spans)


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        ("Die Gewerkschaft forderte höhere Löhne für alle Pflegekräfte.", "Die Gewerkschaft", "forderte"),
        ("Der Bürgermeister kündigte einen neuen Radweg an.", "Der Bürgermeister", "kündigte"),
        ("Die Polizei warnte vor Glatteis auf den Landstraßen.", "Die Polizei", "warnte"),
    ],
)
def test_quotes_reported_speech_acts(text, speaker, cue):
    a = analyse(text)
    q = only(a, "Reported")
    assert q.spans[0].text.rstrip(".") == text.rstrip(".")
    assert q.speaker.text == speaker
    assert q.cue.text == cue


def test_quotes_no_reported_for_passive_or_demonstrative():
    assert not analyse("Der Termin wurde am Montag bestätigt.").quotes
    assert not analyse("Das bestätigte die Sprecherin am Abend.").quotes


def test_quotes_pronoun_speaker_is_last_person():
    a = analyse(
        "Karl Fischer eröffnete die Ausstellung im Rathaus. „Das ist ein großer Tag für die Stadt“, sagte er.",
        (("Karl Fischer", "PER", "local:per:karl-fischer"),),
    )
    q = only(a, "Direct")
    assert q.speaker.text == "er"
    assert q.speaker_entity == "local:per:karl-fischer"


def test_quotes_descriptive_speaker_links_the_organisation():
    a = analyse(
        "Ein Sprecher des Umweltministeriums sagte, die Pläne seien noch nicht fertig.",
        (("Umweltministeriums", "ORG", "local:org:umweltministerium"),),
    )
    q = only(a, "Indirect")
    assert q.speaker.text == "Ein Sprecher des Umweltministeriums"
    assert q.speaker_entity == "local:org:umweltministerium"


def test_quotes_speaker_without_mentions_falls_back_to_capitalised_words():
    a = analyse("Die Lage sei ernst, sagte Innenministerin Petra Schulz.")
    q = only(a, "Indirect")
    assert q.speaker_entity is None
    assert q.speaker_name == "Innenministerin Petra Schulz"


@pytest.mark.parametrize(
    "text",
    [
        "Der Film „Die lange Reise“ läuft ab Donnerstag im Kino.",
        "Die Brücke ist seit Montag für Lastwagen gesperrt.",
        "Der Zug kam aus „Neustadt“ und fuhr weiter.",
    ],
)
def test_quotes_none_in_plain_sentences(text):
    assert analyse(text).quotes == []


def test_quotes_work_on_empty_article_parts():
    a = analyse("Kurz.")
    assert a.quotes == [] and len(a.claims) == 1


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("Der Minister nannte den Plan einen „Wortbruch“.", "„Wortbruch“"),
        ("Die Sprecherin bezeichnete die Lage als „dramatisch“.", "„dramatisch“"),
        (
            "Der Verbandschef nannte sie „fahrlässig“ und verwies auf Studien, nach denen das Mittel wirke.",
            "„fahrlässig“",
        ),
        ("Die Opposition sei „tief gespalten“, heißt es in dem Papier.", "„tief gespalten“"),
        ('Sie sagte: "It is a good day for all of us in this city."', '"It is a good day for all of us in this city."'),
    ],
)
def test_quotes_short_quotes_kept(text, quoted):
    a = analyse(text)
    assert quoted in [q.spans[0].text for q in a.quotes if q.type == "Direct"]


@pytest.mark.parametrize(
    "text",
    [
        "Die so genannte „Roadmap“ wurde gestern vorgestellt.",
        "Die Band spielte „Have a nice day“ im vollen Stadion.",
        "Das Gasthaus am Markt trug damals den Namen „Zur Linde“.",
        "Der Bürgermeister eröffnete die „Gartenschau“ am Vormittag.",
    ],
)
def test_quotes_terms_and_titles_are_no_quotes(text):
    a = analyse(text)
    assert not [q for q in a.quotes if q.type == "Direct"], [q.spans[0].text for q in a.quotes]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Der Direktor des Hilfswerks, Anna Berger, sagte: „Wir helfen, wo wir nur können.“", "Der Direktor des Hilfswerks, Anna Berger"),
        ("Als die Polizei kam, schrie der Mann laut und rief: „Lasst mich sofort raus!“", "der Mann"),
        ("In einem Interview äußerte sich der Minister zuversichtlich: „Wir werden eine Lösung finden.“", "der Minister"),
        ("Offiziell erklärte die Stadt, die Brücke sei sicher.", "die Stadt"),
        ("Des Weiteren erklärte der Minister, die Steuern würden nicht steigen.", "der Minister"),
        ("Anna Berger, die Sprecherin der Stadt, sagte, die Brücke werde im Herbst fertig.", "Anna Berger, die Sprecherin der Stadt"),
        ("Wie schon die Polizei berichtete, sei niemand verletzt worden.", "die Polizei"),
        ("Dieser behauptete, der Vertrag sei ungültig.", "Dieser"),
        ("Zudem wurde die Regierung vom Verband aufgefordert, die Pläne zurückzuziehen.", "Verband"),
    ],
)
def test_quotes_speakers(text, speaker):
    a = analyse(text)
    assert a.quotes, "no quote"
    assert a.quotes[0].speaker is not None and speaker in a.quotes[0].speaker.text


def test_quotes_impersonal_passive_has_no_speaker():
    a = analyse("Es wird vermutet, dass der Brand absichtlich gelegt wurde.")
    assert a.quotes and a.quotes[0].speaker is None


@pytest.mark.parametrize(
    "text, addressee",
    [
        ("Der Minister sagte der „Berliner Zeitung“, die Steuern würden nicht steigen.", "der „Berliner Zeitung“"),
        ("Die Botschaft teilte dem Fernsehsender CNN mit, dass niemand verletzt worden sei.", "dem Fernsehsender CNN"),
        ("Die Sprecherin sagte gegenüber der Zeitung, die Brücke sei sicher.", "der Zeitung"),
        ("In einem Interview mit der Lokalzeitung erklärte der Bürgermeister, die Stadt baue neue Schulen.", "der Lokalzeitung"),
        ("„Wir bauen neue Schulen“, sagte der Bürgermeister im Gespräch mit dem Radiosender.", "dem Radiosender"),
        ("Der Minister sagte vor Journalisten, die Lage sei ernst.", "Journalisten"),
        ("Die Kanzlerin forderte die Hersteller auf, sparsamere Autos zu bauen.", "die Hersteller"),
        ("Sie appellierte an die Lehrer, nicht zu streiken.", "die Lehrer"),
    ],
)
def test_quotes_addressee(text, addressee):
    a = analyse(text)
    assert a.quotes, "no quote"
    assert a.quotes[0].addressee is not None and a.quotes[0].addressee.text == addressee


def test_quotes_no_addressee_without_one():
    a = analyse("Der Minister sagte, die Steuern würden nicht steigen.")
    assert a.quotes and a.quotes[0].addressee is None


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        ("Nach Angaben aus Ministeriumskreisen wird der Haushalt erst im Mai beschlossen.", "Ministeriumskreisen", "Nach Angaben"),
        ("Nach Informationen von Anwohnern brannte das Lager schon seit Stunden.", "Anwohnern", "Nach Informationen"),
        ("Nach Darstellung der Feuerwehr war die Brücke nicht mehr sicher.", "der Feuerwehr", "Nach Darstellung"),
        ("Die Fähre fährt nach Angaben des Betreibers erst wieder im Frühjahr.", "des Betreibers", "nach Angaben"),
    ],
)
def test_quotes_source_after_source_noun(text, speaker, cue):
    q = only(analyse(text), "Indirect")
    assert q.speaker.text == speaker
    assert q.cue.text == cue


def test_quotes_wie_aus_kreisen_verlautete():
    q = only(analyse("Die Gespräche seien gescheitert, wie aus Verhandlungskreisen verlautete."), "Indirect")
    assert q.speaker.text == "Verhandlungskreisen"
    assert q.cue.text.startswith("wie")


def test_quotes_fronted_source_before_hiess_es():
    q = only(analyse("Aus Regierungskreisen hieß es, der Entwurf werde noch einmal überarbeitet."), "Indirect")
    assert q.speaker.text == "Regierungskreisen"
    assert q.cue.text == "hieß es"
    assert q.spans[0].text.startswith("der Entwurf")


@pytest.mark.parametrize(
    "text, names, speaker, name",
    [
        (
            "Von der Heydens Sprecherin wollte den Bericht nicht kommentieren.",
            (("Von der Heydens", "PER", "Q1"),),
            "Von der Heydens Sprecherin",
            "Von der Heydens",
        ),
        ("Von der Heydens Anwalt wollte die Summe nicht bestätigen.", (), "Von der Heydens Anwalt", None),
        ("Van der Meer wollte die Zahlen nicht bestätigen.", (("Van der Meer", "PER", "Q2"),), "Van der Meer", "Van der Meer"),
    ],
)
def test_quotes_name_particle_starts_the_subject(text, names, speaker, name):
    q = only(analyse(text, names), "Reported")
    assert q.speaker.text == speaker
    if name is not None:
        assert q.speaker_name == name


def test_quotes_prepositional_vorfeld_still_inverted():
    q = only(analyse("Von der Regierung forderte der Verband einen Plan für die Dörfer."), "Reported")
    assert q.speaker.text == "der Verband"


def test_quotes_coordinated_verbs_share_the_subject():
    text = (
        "Eine Sprecherin des Umweltverbands warf der Landesregierung Untätigkeit vor und kündigte an, "
        "gegen den Bescheid zu klagen."
    )
    a = analyse(text, (("Landesregierung", "ORG", "Q3"),))
    ind = only(a, "Indirect")
    assert ind.speaker.text == "Eine Sprecherin des Umweltverbands"
    assert ind.speaker_entity is None
    assert ind.cue.text == "kündigte an"
    rep = only(a, "Reported")
    assert rep.speaker.text == "Eine Sprecherin des Umweltverbands"
    assert rep.cue.text == "warf"
    assert rep.addressee is not None and rep.addressee.text == "der Landesregierung"
    assert rep.spans[0].text.endswith("Untätigkeit vor")


def test_quotes_coordinated_verbs_link_the_organisation():
    text = "Der Sprecher der Stadtwerke Ulm bestätigte den Ausfall und betonte, die Versorgung sei gesichert."
    a = analyse(text, (("Stadtwerke Ulm", "ORG", "Q4"),))
    ind = only(a, "Indirect")
    assert ind.speaker.text == "Der Sprecher der Stadtwerke Ulm"
    assert ind.speaker_entity == "Q4"


def test_quotes_group_pronoun_is_the_speaker():
    text = "Die Bürgermeisterin traf den Landrat. Nach dem Gespräch versicherten beide, die Klinik bleibe offen."
    a = analyse(text, (("Bürgermeisterin", "PER", "Q5"), ("Landrat", "PER", "Q6")))
    q = only(a, "Indirect")
    assert q.speaker.text == "beide"
    assert q.speaker_name is None and q.speaker_entity is None


def test_quotes_laut_vorfeld_is_no_subject():
    a = analyse("Laut dem Rundfunk sagte die Ministerin, dass die Steuer nicht steigen werde.")
    q = next(q for q in a.quotes if q.cue is not None and q.cue.text == "sagte")
    assert q.speaker.text == "die Ministerin"


def test_quotes_source_noun_before_an_object_noun():
    a = analyse("Der Sturm soll nach ersten Meldungen Schäden an vielen Dächern verursacht haben.")
    q = only(a, "Indirect")
    assert q.speaker.text == "Meldungen"
    assert "Schäden an vielen Dächern" in q.spans[-1].text


def frames_by_rule(text):
    """(rule, frame kind, speaker, cue) of every frame of a one-sentence text, in the order the rules add them."""
    a = _ANALYZER.analyze(text)
    doc = TokenView(a.text, a.tokens, quoted_segments(a.text, [(0, len(a.text))]))
    sent = SentenceFrames(doc, 0, len(a.tokens), content_end(doc, len(a.tokens), 0))
    out = []
    for rule in RULES:
        n = len(sent.frames)
        rule(sent)
        for fr in sent.frames[n:]:
            speaker = doc.span(*fr.speaker).text if fr.speaker else None
            out.append((rule.__name__, fr.kind, speaker, " ".join(doc.tokens[k].text for k in fr.cue)))
    return out


# One example per frame rule: (text, (rule, frame kind, speaker, cue)).
FRAME_EXAMPLES = [
    ("Die Brücke bleibt gesperrt, teilte die Stadt am Freitag mit.", ("inverted_after_comma", "inverted", "die Stadt", "teilte mit")),
    ("„Wir bleiben“, sagte die Trainerin.", ("inverted_after_comma", "inverted", "die Trainerin", "sagte")),
    ("Wie der Wetterdienst mitteilte, wird es am Wochenende kälter.", ("wie_clause", "wie", "der Wetterdienst", "Wie mitteilte")),
    ("Die Ministerin sagte, die Schulen seien geöffnet.", ("verb_in_first_clause", "initial", "Die Ministerin", "sagte")),
    ("Der Bürgermeister erklärte: Die Brücke wird gesperrt.", ("verb_in_first_clause", "colon", "Der Bürgermeister", "erklärte")),
    ("Die Trainerin, Anna Berg, sagte: „Wir sind bereit.“", ("verb_in_first_clause", "colon", "Die Trainerin, Anna Berg", "sagte")),
    ("Der Verband lobte den Plan und kündigte an, ihn zu unterstützen.", ("verb_in_first_clause", "reported", "Der Verband", "lobte")),
    ("Als der Ball fiel, sprang er auf und rief: „Tor!“", ("verb_before_colon", "colon", "er", "rief")),
    ("Laut dem Veranstalter kamen 500 Gäste.", ("prepositional_cues", "prep", "dem Veranstalter", "Laut")),
    ("Der Bahn zufolge fallen heute zwei Züge aus.", ("prepositional_cues", "prep", "Der Bahn", "zufolge")),
    ("Nach Auskunft des Vereins ist das Turnier ausverkauft.", ("prepositional_cues", "prep", "des Vereins", "Nach Auskunft")),
    ("Seiner Ansicht nach ist der Plan zu teuer.", ("prepositional_cues", "prep", "Seiner Ansicht", "nach")),
    ("Die Lage sei ruhig, so ein Sprecher.", ("prepositional_cues", "prep", "ein Sprecher", "so")),
    ("Demnach fiel der Strom aus.", ("prepositional_cues", "prep", "Demnach", "Demnach")),
    ("Aus dem Rathaus hieß es, die Kasse sei leer.", ("prepositional_cues", "prep", "dem Rathaus", "hieß es")),
    ("Die Mutter wandte sich an das Forum, da sie befürchtete, man wolle ihr die Kinder wegnehmen.",
     ("verb_in_subordinate_clause", "subordinate", "sie", "befürchtete")),
    ("Die Gewerkschaft forderte höhere Löhne.", ("verb_without_complement", "reported", "Die Gewerkschaft", "forderte")),
    ("Der Trainer: „Wir haben verdient gewonnen.“", ("speaker_colon", "colon", "Der Trainer", "")),
]


@pytest.mark.parametrize("text, frame", FRAME_EXAMPLES)
def test_quotes_frames_one_rule_each(text, frame):
    assert frame in frames_by_rule(text)


def test_quotes_frames_rules_cover_every_rule():
    """Every rule of RULES is exercised by the examples above (a new rule needs an example)."""
    assert {rule for _, (rule, *_) in FRAME_EXAMPLES} == {rule.__name__ for rule in RULES}


@pytest.mark.parametrize(
    "rule, text, i, speaker",
    [
        (cue_laut, "Laut dem Veranstalter kamen 500 Gäste.", 0, "dem Veranstalter"),
        (cue_zufolge, "Der Bahn zufolge fallen heute zwei Züge aus.", 2, "Der Bahn"),
        (cue_nach_source, "Nach Auskunft des Vereins ist das Turnier ausverkauft.", 0, "des Vereins"),
        (cue_nach_source, "Nach dem Spiel ist das Turnier vorbei.", 0, None),
    ],
)
def test_quotes_frames_cue_rule_alone(rule, text, i, speaker):
    a = _ANALYZER.analyze(text)
    doc = TokenView(a.text, a.tokens, [])
    cue = rule(SentenceFrames(doc, 0, len(a.tokens), content_end(doc, len(a.tokens), 0)), i)
    assert (doc.span(*cue.speaker).text if cue else None) == speaker
