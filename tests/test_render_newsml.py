"""NewsML-G2 output: the item written back with tagwerk's additions only, every original element
kept, a second pass without duplicates; a minimal newsItem for other inputs; JSON-LD ``about``."""

from __future__ import annotations

import pytest
from lxml import etree

from tagwerk.analysis import Analysis, Entity, Evidence, Mention, Subject, Tag
from tagwerk.readers import load_article, read_bytes
from tagwerk.render import to_jsonld, to_newsml

NAR = "http://iptc.org/std/nar/2006-10-01/"
OURS = "https://tagwerk.dev/"

_ITEM = f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="{NAR}">
  <header><sent>2025-04-02T07:00:00Z</sent></header>
  <itemSet>
    <newsItem guid="urn:test:hafen" version="1" xml:lang="de">
      <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2025-04-02T06:55:00+02:00</versionCreated></itemMeta>
      <contentMeta>
        <urgency>4</urgency>
        <subject qcode="medtop:04000000"><name>Wirtschaft</name></subject>
        <headline>Hafen meldet Rekordumschlag</headline>
        <contentMetaExtProperty rel="x:test" value="1"/>
      </contentMeta>
      <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>
        <p>Hamburg (dpa) - Der Hafen hat im ersten Quartal so viele Container umgeschlagen wie nie zuvor.</p>
        <p>Die Reedereien sprechen von einem guten Start.</p></body></html></inlineXML></contentSet>
    </newsItem>
    <newsItem guid="urn:test:bild"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta></newsItem>
  </itemSet>
</newsMessage>
"""


def _analysis(article, token_analyzer) -> Analysis:
    """An analysis with entities, Media Topics and tags filled by hand (no models needed)."""
    analysis = token_analyzer.analyze(article)
    text = article.text
    start = text.index("Hafen")  # in the headline (a place named only in the dateline is the agency's)
    mention = Mention(start, start + 5, "Hafen", "LOC", entity="Q1055")
    analysis.entities = [Entity("Q1055", "Hamburg", "LOC", kb_id="Q1055", confidence=0.9, mentions=[mention], salience=0.8)]
    analysis.subjects = [
        Subject("medtop:04000000", "Wirtschaft und Finanzen", 1, 0.6),
        Subject("medtop:20000209", "Branchen", 2, 0.3, "medtop:04000000", [Evidence(start, start + 5, "Hafen", "trigger")]),
    ]
    analysis.tags = [Tag("Hafen", 1.0, "topic"), Tag("Hamburg", 0.8, "entity", "place", kb_id="Q1055", entity="Q1055"),
                     Tag("Wirtschaft", 1.0, "given", given=True)]
    return analysis


def _elements(root, *, ours: bool):
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        mine = any((a.get("creatoruri") or "").startswith(OURS) for a in [el, *el.iterancestors()])
        if mine == ours:
            out.append((el.tag, dict(el.attrib), (el.text or "").strip()))
    return out


def test_render_newsml_round_trip_keeps_every_element_and_is_idempotent(token_analyzer):
    articles = list(read_bytes(_ITEM.encode(), source="hafen.xml"))
    analysis = _analysis(articles[0], token_analyzer)
    first = to_newsml(analysis)
    root = etree.fromstring(first.encode())
    original = etree.fromstring(_ITEM.encode())
    assert _elements(root, ours=False) == _elements(original, ours=False)  # nothing lost, nothing moved
    added = _elements(root, ours=True)
    subjects = [attrs for tag, attrs, _ in added if tag == f"{{{NAR}}}subject"]
    assert {"qcode": "wd:Q1055"}.items() <= subjects[0].items() and subjects[0]["type"] == "cpnat:geoArea"
    assert [s["qcode"] for s in subjects[1:]] == ["medtop:04000000", "medtop:20000209"]
    assert all(0 <= int(s["confidence"]) <= 100 for s in subjects)
    keywords = [text for tag, _, text in added if tag == f"{{{NAR}}}keyword"]
    assert keywords == ["Hafen", "Hamburg"]  # the given tag is the item's own, not tagwerk's
    meta = root.find(f".//{{{NAR}}}contentMeta")
    assert meta[-1].tag == f"{{{NAR}}}contentMetaExtProperty"  # additions stand before extension properties
    # second pass: read tagwerk's output, analyse again, write again: the same document
    again = list(read_bytes(first.encode(), source="hafen.xml"))
    assert [s.qcode for s in again[0].given_subjects] == ["medtop:04000000"]
    second = to_newsml(_analysis(again[0], token_analyzer))
    assert second == first


def test_render_newsml_sample_round_trip(shared_dir, token_analyzer):
    path = shared_dir / "data" / "dpa-samples" / "newsml-g2" / "with_dateline.xml"
    if not path.is_file():
        pytest.skip("dpa samples not available")
    analysis = _analysis_sample(load_article(path), token_analyzer)
    out = to_newsml(analysis)
    assert _elements(etree.fromstring(out.encode()), ours=False) == _elements(etree.parse(str(path)).getroot(), ours=False)
    again = load_article_from_text(out)
    assert to_newsml(_analysis_sample(again, token_analyzer)) == out


def _analysis_sample(article, token_analyzer) -> Analysis:
    analysis = token_analyzer.analyze(article)
    analysis.subjects = [Subject("medtop:04000000", "Wirtschaft und Finanzen", 1, 0.5)]
    analysis.tags = [Tag("Nvidia", 1.0, "entity", "organisation")]
    return analysis


def load_article_from_text(text: str):
    return next(iter(read_bytes(text.encode(), source="wieder.xml")))


def test_render_newsml_minimal_item_for_plain_text(token_analyzer):
    article = next(iter(read_bytes("Neue Fähre\n\nKiel (dpa) - Die neue Fähre nach Oslo ist getauft.\n".encode(), source="f.txt")))
    analysis = token_analyzer.analyze(article)
    analysis.subjects = [Subject("medtop:04000000", "Wirtschaft und Finanzen", 1, 0.4)]
    out = to_newsml(analysis)
    root = etree.fromstring(out.encode())
    assert root.tag == f"{{{NAR}}}newsItem" and root.get("guid", "").startswith("urn:tagwerk:")
    assert root.find(f"{{{NAR}}}itemMeta/{{{NAR}}}itemClass").get("qcode") == "ninat:text"
    assert root.findtext(f"{{{NAR}}}contentMeta/{{{NAR}}}headline") == "Neue Fähre"
    assert root.find(f".//{{{NAR}}}subject").get("qcode") == "medtop:04000000"
    assert "Die neue Fähre nach Oslo ist getauft." in out
    # several articles: one newsMessage
    message = etree.fromstring(to_newsml([analysis, analysis]).encode())
    assert message.tag == f"{{{NAR}}}newsMessage" and len(message.findall(f".//{{{NAR}}}newsItem")) == 2


def test_render_jsonld_about_carries_media_topics(token_analyzer):
    article = next(iter(read_bytes("Kiel (dpa) - Die neue Fähre nach Oslo ist getauft.\n".encode(), source="f.txt")))
    analysis = token_analyzer.analyze(article)
    analysis.subjects = [Subject("medtop:20000209", "Branchen", 2, 0.4, "medtop:04000000")]
    about = to_jsonld(analysis)["about"]
    assert {"@type": "DefinedTerm", "@id": "http://cv.iptc.org/newscodes/mediatopic/20000209", "termCode": "medtop:20000209",
            "name": "Branchen", "inDefinedTermSet": "http://cv.iptc.org/newscodes/mediatopic/"} in about
