"""Versions and near-duplicates: grouping, the newest version, sentence diffs, rows."""

from __future__ import annotations

import pytest

from tagwerk.archive import Archive, ArchiveConfig, DedupIndex, diff_sentences, diff_versions, features_of
from tagwerk.archive.features import agency_identity
from tagwerk.article import build_article

BASE = (
    "Die Stadtwerke Kleinfeld erhöhen zum ersten Juli die Preise für Strom und Gas. "
    "Ein Haushalt mit einem Verbrauch von dreitausend Kilowattstunden zahlt künftig rund zwölf Euro mehr im Monat. "
    "Als Grund nennt das Unternehmen gestiegene Kosten für den Einkauf und für die Netze. "
    "Die Verbraucherzentrale rät Kundinnen und Kunden, die Tarife zu vergleichen und gegebenenfalls zu wechseln. "
    "Im Stadtrat kündigte die Opposition an, das Thema in der nächsten Sitzung auf die Tagesordnung zu setzen. "
    "Der Bürgermeister verteidigte die Entscheidung und verwies auf die Lage an den Energiemärkten."
)
UPDATE = BASE + " Am Nachmittag teilten die Stadtwerke mit, dass Haushalte mit geringem Einkommen einen Zuschuss beantragen können."
COPY = (
    "Die Stadtwerke Kleinfeld erhöhen zum ersten Juli die Preise für Strom und Gas. "
    "Als Grund nennt das Unternehmen gestiegene Kosten für den Einkauf und für die Netze. "
    "Ein Haushalt mit einem Verbrauch von dreitausend Kilowattstunden zahlt künftig rund zwölf Euro mehr pro Monat. "
    "Die Verbraucherzentrale rät Kundinnen und Kunden, die Tarife zu vergleichen und gegebenenfalls zu wechseln."
)
OTHER = (
    "Der Sportverein Kleinfeld hat am Wochenende sein hundertjähriges Bestehen gefeiert. "
    "Auf dem Festplatz spielten mehrere Kapellen, am Abend gab es ein Feuerwerk über dem See. "
    "Der Vorsitzende dankte den vielen Ehrenamtlichen, ohne die der Verein nicht bestehen könnte. "
    "Im nächsten Jahr soll das Vereinsheim renoviert werden, die Stadt beteiligt sich an den Kosten."
)


def _analysis(token_analyzer, text: str, id_: str, date: str, **fields):
    wire = {k: fields.pop(k) for k in ("urn", "version") if k in fields}
    article = build_article(body=text, title=None, id=id_, date=date, **fields)
    article.metadata.update(wire)  # as the JSON reader keeps a record's other fields
    return token_analyzer.analyze(article)


@pytest.fixture()
def feats(token_analyzer):
    def make(text, id_, date="2024-06-03T08:00:00+00:00", **fields):
        return features_of(_analysis(token_analyzer, text, id_, date, **fields))

    return make


def test_archive_dedup_groups_copies_and_marks_newest_version(feats):
    index = DedupIndex(ArchiveConfig())
    first = feats(BASE, "a", "2024-06-03T08:00:00+00:00", url="https://example.invalid/strom")
    update = feats(UPDATE, "b", "2024-06-03T15:00:00+00:00", url="https://example.invalid/strom")
    copy = feats(COPY, "c", "2024-06-03T17:00:00+00:00")
    other = feats(OTHER, "d", "2024-06-03T18:00:00+00:00")
    links = [index.add(f, f.time) for f in (first, update, copy, other)]
    assert links[0] is None and links[3] is None
    assert (links[1].of, links[1].kind) == ("a", "version")  # the same URL: an update
    assert (links[2].of, links[2].kind) == ("a", "duplicate")  # cut, reordered, one word changed
    assert links[2].similarity >= ArchiveConfig().min_containment
    group = index.group("c")
    assert group is not None and group.members == ["a", "b", "c"]
    assert group.latest == "c"  # no agency versions: the latest date
    assert index.group("d") is None


def test_archive_dedup_agency_version_is_newest_by_number(feats):
    urn = "urn:newsml:example.invalid:20240603:strom"
    v2 = feats(UPDATE, "item-v2", "2024-06-03T09:00:00+00:00", urn=urn, version=2)
    v1 = feats(BASE, "item-v1", "2024-06-03T10:00:00+00:00", urn=urn, version=1)  # arrives late, dated later
    index = DedupIndex(ArchiveConfig())
    assert index.add(v2, v2.time) is None
    link = index.add(v1, v1.time)
    assert (link.of, link.kind, link.version) == ("item-v2", "agency", 1)
    assert index.group("item-v1").latest == "item-v2"


@pytest.mark.parametrize(
    ("holder", "expected"),
    [
        ({"metadata": {"urn": "urn:x:1", "version": "3"}}, ("urn:x:1", 3)),
        ({"metadata": {"guid": "urn:x:2"}}, ("urn:x:2", None)),
        ({"metadata": {}}, (None, None)),
    ],
)
def test_archive_dedup_agency_identity_from_metadata(holder, expected):
    article = build_article(body="Ein kurzer Text über das Wetter in Kleinfeld.")
    article.metadata.update(holder["metadata"])
    assert agency_identity(article) == expected


def test_archive_dedup_agency_identity_from_typed_fields():
    class Wire:
        urn = "urn:newsml:dpa.com:20090101:1"
        version = 4

    class Item:
        metadata: dict = {}
        agency = Wire()

    assert agency_identity(Item()) == ("urn:newsml:dpa.com:20090101:1", 4)


def test_archive_dedup_agency_identity_of_a_wire_item_is_its_id():
    from tagwerk.article import WireInfo

    article = build_article(body="Ein kurzer Text über das Wetter in Kleinfeld.")
    article.id, article.wire = "urn:newsml:example.invalid:20240603:wetter", WireInfo(provider="dpa", version=3)
    assert agency_identity(article) == ("urn:newsml:example.invalid:20240603:wetter", 3)
    article.wire = None  # an ordinary article's id is no agency item id
    assert agency_identity(article) == (None, None)


def test_archive_dedup_copy_joins_its_originals_story(feats):
    archive = Archive()
    first = archive.add(feats(BASE, "a"))
    copy = archive.add(feats(COPY, "c", "2024-06-03T09:00:00+00:00"))
    other = archive.add(feats(OTHER, "d", "2024-06-03T09:30:00+00:00"))
    assert copy.duplicate_of == "a" and copy.version_of is None
    assert copy.story == first.story
    assert other.story != first.story and other.duplicate_of is None


def test_archive_dedup_rows_rebuild_the_index(feats):
    index = DedupIndex(ArchiveConfig())
    for f in (feats(BASE, "a", url="u"), feats(UPDATE, "b", url="u")):
        index.add(f, f.time)
    prints, links = index.to_rows()
    again = DedupIndex.from_rows(prints, links, ArchiveConfig())
    probe = feats(COPY, "c", "2024-06-03T09:00:00+00:00")
    assert again.match(probe) == index.match(probe)
    assert again.to_rows() == (prints, links)


def test_archive_dedup_window_lets_old_fingerprints_go(feats):
    index = DedupIndex(ArchiveConfig(dedup_window=86_400.0))
    first = feats(BASE, "a", "2024-06-01T08:00:00+00:00")
    index.add(first, first.time)
    later = feats(COPY, "c", "2024-06-05T08:00:00+00:00")
    assert index.add(later, later.time) is None  # the original's fingerprint is gone
    assert "a" not in index


def test_archive_diff_sentences_added_and_removed():
    old = ["Der Zug fährt um acht Uhr.", "Er hält in Kleinfeld.", "Die Fahrt dauert zwei Stunden."]
    new = ["Der Zug fährt um acht Uhr.", "Die Fahrt dauert drei Stunden.", "Ein Speisewagen ist angehängt."]
    diff = diff_sentences(old, new)
    assert diff.removed == ["Er hält in Kleinfeld.", "Die Fahrt dauert zwei Stunden."]
    assert diff.added == ["Die Fahrt dauert drei Stunden.", "Ein Speisewagen ist angehängt."]


def test_archive_diff_sentences_ignores_moves_and_spaces():
    diff = diff_sentences(["Eins ist  hier.", "Zwei ist da."], ["Zwei ist da.", "Eins ist hier."])
    assert diff.added == [] and diff.removed == []


def test_archive_diff_versions_of_analyses(token_analyzer):
    old = _analysis(token_analyzer, BASE, "a", "2024-06-03")
    new = _analysis(token_analyzer, UPDATE, "b", "2024-06-03")
    diff = diff_versions(old, new)
    assert diff.removed == []
    added = "Am Nachmittag teilten die Stadtwerke mit, dass Haushalte mit geringem Einkommen einen Zuschuss beantragen können."
    assert diff.added == [added]
