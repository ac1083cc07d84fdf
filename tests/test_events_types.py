"""The events stage: types, participants, place, date; merging; the seed article."""

from __future__ import annotations

import pytest

from tagwerk.analysis import Analysis, Entity, Mention
from tagwerk.article import build_article
from tagwerk.render import to_jsonld
from tagwerk.stages.events import extract_events

THURSDAY = "2024-06-20"

# surface form -> (label, entity id, name); hand-linked, as the entities stage would
NAMES = {
    "Olaf Scholz": ("PER", "Q61053", "Olaf Scholz"),
    "Scholz": ("PER", "Q61053", "Olaf Scholz"),
    "Emmanuel Macron": ("PER", "Q3052772", "Emmanuel Macron"),
    "Friedrich Merz": ("PER", "Q98981", "Friedrich Merz"),
    "Anna Lührmann": ("PER", "local:per:anna-luhrmann", "Anna Lührmann"),
    "Wladimir Putin": ("PER", "Q7747", "Wladimir Putin"),
    "Putins": ("PER", "Q7747", "Wladimir Putin"),
    "Putin": ("PER", "Q7747", "Wladimir Putin"),
    "Bundestag": ("ORG", "Q154797", "Bundestag"),
    "Bundesregierung": ("ORG", "Q699", "Bundesregierung"),
    "Landgericht Hamburg": ("ORG", "Q1800", "Landgericht Hamburg"),
    "Paris": ("LOC", "Q90", "Paris"),
    "Berlin": ("LOC", "Q64", "Berlin"),
    "Kabul": ("LOC", "Q5838", "Kabul"),
    "Aachen": ("LOC", "Q1017", "Aachen"),
    "Istanbul": ("LOC", "Q406", "Istanbul"),
    "Deutschland": ("LOC", "Q183", "Deutschland"),
    "Frankreich": ("LOC", "Q142", "Frankreich"),
    "Russland": ("LOC", "Q159", "Russland"),
    "Ukraine": ("LOC", "Q212", "Ukraine"),
    "Nordkorea": ("LOC", "Q423", "Nordkorea"),
}


def analysed(tokens_stage, text: str, date: str | None = THURSDAY) -> Analysis:
    """Tokens by the tokens stage, names linked by hand (longest surface forms first)."""
    analysis = Analysis(article=build_article(body=text, date=date))
    tokens_stage(analysis)
    taken: list[tuple[int, int]] = []
    entities: dict[str, Entity] = {}
    body = analysis.article.text
    for surface in sorted(NAMES, key=len, reverse=True):
        label, eid, name = NAMES[surface]
        start = body.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(start < e and s < end for s, e in taken) and (end == len(body) or not body[end].isalpha()):
                taken.append((start, end))
                m = Mention(start, end, surface, label, entity=eid)  # type: ignore[arg-type]
                analysis.mentions.append(m)
                entities.setdefault(eid, Entity(eid, name, label, kb_id=eid)).mentions.append(m)  # type: ignore[arg-type]
            start = body.find(surface, end)
    analysis.mentions.sort(key=lambda m: m.start)
    analysis.entities = list(entities.values())
    return analysis


def _summary(ev):
    return (ev.type, [p.name for p in ev.participants], ev.place.name if ev.place else None, ev.date, ev.date_precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bundeskanzler Olaf Scholz reiste am Dienstag nach Paris.", ("visit", ["Olaf Scholz"], "Paris", "2024-06-18", "day")),
        (
            "Scholz traf sich am Montag in Berlin mit Emmanuel Macron.",
            ("meeting", ["Olaf Scholz", "Emmanuel Macron"], "Berlin", "2024-06-17", "day"),
        ),
        ("Die Ukraine und Russland verhandeln seit Wochen in Istanbul.", ("talks", ["Ukraine", "Russland"], "Istanbul", None, None)),
        (
            "Der Bundestag hat Friedrich Merz am Dienstag zum Kanzler gewählt.",
            ("election", ["Bundestag", "Friedrich Merz"], None, "2024-06-18", "day"),
        ),
        (
            "Die Ministerin Anna Lührmann trat am Freitag überraschend zurück.",
            ("resignation", ["Anna Lührmann"], None, "2024-06-14", "day"),
        ),
        (
            "Das Landgericht Hamburg verurteilte den Angeklagten vergangene Woche zu drei Jahren Haft.",
            ("ruling", ["Landgericht Hamburg"], None, "2024-W24", "week"),
        ),
        ("Bei einem Anschlag in Kabul wurden am Sonntag zwölf Menschen getötet.", ("attack", [], "Kabul", "2024-06-16", "day")),
        (
            "Deutschland und Frankreich wollen Anfang Juli in Aachen ein Abkommen unterzeichnen.",
            ("agreement", ["Deutschland", "Frankreich"], "Aachen", "2024-07", "month"),
        ),
    ],
)
def test_events_types_participants_place_date(tokens_stage, text, expected):
    events = extract_events(analysed(tokens_stage, text))
    assert [_summary(e) for e in events] == [expected]
    ev = events[0]
    assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
    assert ev.evidence[0] == ev.trigger  # a noun and a verb of one event in one sentence are merged


@pytest.mark.parametrize(
    "text",
    [
        "Die Bundesregierung verurteilte die Äußerungen des Ministers scharf.",  # condemn, not a court
        "Die Wahl war frei und geheim.",  # no one takes part
        "Die Besucherzahl im Museum stieg deutlich.",  # not a visit
        "Die Auswahl an Gemüse ist in Berlin groß.",  # not an election
        "Mit Frankreich gebe es kein Abkommen.",  # negated
        "Scholz wurde vom Bundestag heftig angegriffen.",  # words, not weapons
        "In mehreren Landkreisen in Deutschland regnet es.",  # a district is no journey
        "Er wurde von einigen Mitgliedern der Bundesregierung unterstützt, die sich nicht äußerten.",  # a determiner
        "Olaf Scholz unterzeichnete in Berlin ein Gesetz.",  # a law is no agreement
    ],
)
def test_events_none_where_there_is_none(tokens_stage, text):
    assert extract_events(analysed(tokens_stage, text)) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Olaf Scholz reiste am gestrigen Mittwoch nach Paris.", "2024-06-19"),
        ("Olaf Scholz reiste vor zwei Wochen nach Paris.", "2024-W23"),
        ("Olaf Scholz reiste 2019 nach Paris.", "2019"),
        ("Olaf Scholz reist am 24. und 25. Juni nach Paris.", "2024-06-24"),
    ],
)
def test_events_date_words(tokens_stage, text, date):
    (ev,) = extract_events(analysed(tokens_stage, text))
    assert ev.date == date


def test_events_bracketed_affiliation_is_no_participant(tokens_stage):
    (ev,) = extract_events(analysed(tokens_stage, "Olaf Scholz (Bundesregierung) traf sich in Berlin mit Emmanuel Macron."))
    assert [p.name for p in ev.participants] == ["Olaf Scholz", "Emmanuel Macron"]


def test_events_planned_and_merged_across_sentences(tokens_stage):
    text = "Wladimir Putin will Nordkorea bald besuchen. Eine Reise Putins nach Nordkorea steht noch aus."
    (ev,) = extract_events(analysed(tokens_stage, text, date=None))
    assert _summary(ev) == ("visit", ["Wladimir Putin"], "Nordkorea", None, None)
    assert ev.planned
    assert [s.text for s in ev.evidence] == ["besuchen", "Reise"]


def test_events_relative_date_without_article_date_stays_open(tokens_stage):
    (ev,) = extract_events(analysed(tokens_stage, "Scholz traf sich am Montag in Berlin mit Emmanuel Macron.", date=None))
    assert ev.date is None and ev.date_span is not None and ev.date_span.text == "am Montag"


def test_events_jsonld_has_schema_org_events(tokens_stage):
    analysis = analysed(tokens_stage, "Bundeskanzler Olaf Scholz reiste am Dienstag nach Paris.")
    analysis.events = extract_events(analysis)
    doc = to_jsonld(analysis)
    (event,) = [m for m in doc["mentions"] if m["@type"] == "Event"]
    assert event["startDate"] == "2024-06-18"
    assert event["location"] == {"@type": "Place", "name": "Paris", "sameAs": "https://www.wikidata.org/wiki/Q90"}
    assert event["attendee"][0]["name"] == "Olaf Scholz"


SEED_PATH = "seeds/ntv-article.txt"


@pytest.mark.shared
def test_events_seed_article_yields_putins_visit_to_north_korea(shared_dir, full_analyzer):
    seed = shared_dir / SEED_PATH
    if not seed.exists():
        pytest.skip("the seed article is absent")
    analysis = full_analyzer.analyze(seed.read_text(encoding="utf-8"))
    visits = [e for e in analysis.events if e.type == "visit" and "Wladimir Putin" in [p.name for p in e.participants]]
    assert visits, [(e.type, [p.name for p in e.participants]) for e in analysis.events]
    visit = visits[0]
    assert visit.place is not None and visit.place.name == "Nordkorea"
    assert visit.date is None  # the text gives no date for it: open
    assert visit.planned
    assert analysis.to_dict()["events"][analysis.events.index(visit)]["place"]["name"] == "Nordkorea"
