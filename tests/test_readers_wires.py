"""Agency wires: NewsML-G2, dpa-digitalwires and IPTC 7901 readers, on the real dpa samples in
../shared (skipped when absent) and on small items of our own for the edge cases they lack."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest
from lxml import etree

from tagwerk.article import Article
from tagwerk.errors import ArticleError, BinaryInputError, SkippedItemError
from tagwerk.readers import detect_format, load_article, read_bytes, read_path, sniff_format, walk

NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {"n": NAR, "h": XHTML}
NOTICE = {"slugline", "embargoed", "publicationDate"}
TEXT_ITEMS = [
    "dw-1", "eil", "embargoed", "empty_paragraph", "hoerfunk", "lesestuecke", "no_notepad", "nsb_n1",
    "rubix_multimedia_real", "rubix_multimedia_testartikel", "spe2", "spe_tab", "tvo_pol", "with_dateline", "with_infobox",
]
SAME_ITEMS = [("dw-1", "dw-1"), ("eil", "eil"), ("lesestuecke", "lesestuecke"), ("nsb-n1", "nsb_n1"), ("spe-tab", "spe_tab"),
              ("tvo-pol", "tvo_pol")]


@pytest.fixture(scope="module")
def samples(shared_dir):
    path = shared_dir / "data" / "dpa-samples"
    if not path.is_dir():
        pytest.skip("../shared/data/dpa-samples is not available")
    return path


def _squash(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w[\w\-.:/']*", text)


def _body_words(article: Article) -> list[str]:
    return _words(" ".join(b.text for b in article.blocks if b.kind in ("teaser", "paragraph", "subheading")))


# -- NewsML-G2 on the dpa samples ---------------------------------------------------------


@pytest.mark.parametrize("stem", TEXT_ITEMS)
def test_readers_newsml_no_word_of_the_body_lost(samples, stem):
    path = samples / "newsml-g2" / f"{stem}.xml"
    article = load_article(path)
    tree = etree.parse(str(path))
    item = tree.find(".//n:newsItem", NS)
    assert article.id == item.get("guid")
    assert article.format == "newsml"
    assert article.date == tree.findtext(".//n:itemMeta/n:versionCreated", namespaces=NS).strip()
    body = tree.find(".//h:body", NS)
    text = _squash(article.text)
    for node in body.xpath(".//text()"):
        owner = node.getparent() if node.is_text else node.getparent().getparent()
        if owner is None or not node.strip():
            continue
        if any(set((a.get("class") or "").split()) & NOTICE for a in [owner, *owner.iterancestors()]):
            continue  # the slugline, the embargo notice, the time stamp: metadata, not body
        assert _squash(node) in text, f"{stem}: lost {node.strip()[:60]!r}"


@pytest.mark.parametrize("stem", TEXT_ITEMS)
def test_readers_newsml_no_notepad_or_rights_text(samples, stem):
    path = samples / "newsml-g2" / f"{stem}.xml"
    article = load_article(path)
    tree = etree.parse(str(path))
    for terms in tree.iterfind(".//n:rightsInfo/n:usageTerms", NS):
        assert _squash(terms.text or "")[:40] not in article.text
    body = _squash(" ".join(tree.find(".//h:body", NS).itertext()))
    for li in tree.iterfind(".//n:edNote//h:li", NS):
        line = _squash("".join(li.itertext()))
        if len(line) > 40 and line not in body:  # a correction note may quote the body
            assert line not in article.text, f"{stem}: notepad line in the text: {line[:50]!r}"


def test_readers_newsml_metadata(samples):
    article = load_article(samples / "newsml-g2" / "with_dateline.xml")
    assert article.headline is not None and article.blocks[0].kind == "kicker"
    assert [b.kind for b in article.blocks].count("subheading") >= 4
    assert article.dateline is not None and article.dateline.place == "New York"
    assert article.credit.authors == ["Andrej Sokolow"] and "dpa" in article.credit.agencies
    wire = article.wire
    assert wire is not None and wire.version == 2 and wire.urgency == 3 and "update" in wire.signals
    assert wire.category == "wi" and wire.services and wire.located == "New York"
    codes = {s.qcode for s in article.given_subjects}
    assert "medtop:20000394" in codes and "dpacountry:184" in codes
    # the agency's subjects are given, never tagwerk's: no given tag was made of them
    assert all(s.name not in article.given_tags for s in article.given_subjects)


def test_readers_newsml_embargo_and_correction(samples):
    embargoed = load_article(samples / "newsml-g2" / "embargoed.xml")
    assert embargoed.wire.embargo and "embargo" in embargoed.wire.signals
    assert "Sperrfrist" not in embargoed.text
    corrected = load_article(samples / "newsml-g2" / "dw-1.xml")
    assert "correction" in corrected.wire.signals and corrected.wire.correction


@pytest.mark.parametrize(("folder", "stem", "why"), [
    ("newsml-g2", "audio.xml", "audio"), ("newsml-g2", "image.xml", "picture"), ("newsml-g2", "no_content.xml", "picture"),
    ("digitalwires", "audio.json", "audio"), ("digitalwires", "image.json", "image"), ("digitalwires", "no_content.json", "image"),
])
def test_readers_wires_non_text_items_skipped(samples, folder, stem, why):
    results = list(read_path(samples / folder / stem))
    assert len(results) == 1 and isinstance(results[0], SkippedItemError)
    line = str(results[0])
    assert "urn:newsml" in line and why in line and "\n" not in line


# -- the three forms of the same item ------------------------------------------------------


@pytest.mark.parametrize(("iptc", "stem"), SAME_ITEMS)
def test_readers_wires_same_item_same_words(samples, iptc, stem):
    a7901 = load_article(samples / "iptc7901" / f"{iptc}.iptc")
    adw = load_article(samples / "digitalwires" / f"{stem}.json")
    anml = load_article(samples / "newsml-g2" / f"{stem}.xml")
    assert a7901.format == "iptc7901" and adw.format == "digitalwires"
    assert a7901.headline.text == adw.headline.text == anml.headline.text
    assert _body_words(a7901) == _body_words(adw) == _body_words(anml)


def test_readers_iptc7901_header_and_date(samples):
    article = load_article(samples / "iptc7901" / "dw-1.iptc")
    wire = article.wire
    assert wire.urgency == 3 and wire.category == "vm" and wire.slugline.startswith("Gesundheit/")
    assert "correction" in wire.signals and wire.genre == "KORR-Bericht"
    assert article.date == "2024-09-24T12:05"
    assert article.credit.authors == ["Marco Krefting", "Sunrita Sen"]
    assert article.blocks[1].kind == "teaser" and article.dateline is not None
    assert "Notizblock" not in article.text


def test_readers_wires_folder_walk_takes_iptc(samples):
    files = walk(samples / "iptc7901")
    assert files and all(f.suffix == ".iptc" for f in files)


# -- detection by content -----------------------------------------------------------------

_ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<!-- ein Testartikel -->
<nar:newsItem xmlns:nar="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:1" version="3" xml:lang="de">
 <nar:itemMeta><nar:itemClass qcode="ninat:text"/><nar:versionCreated>2025-03-01T08:00:00+01:00</nar:versionCreated>
  <nar:signal qcode="sig:correction"/></nar:itemMeta>
 <nar:contentMeta><nar:urgency>2</nar:urgency>
  <nar:subject qcode="medtop:15000000"><nar:name>Sport</nar:name></nar:subject>
  <nar:subject qcode="medtop:11000000" creatoruri="https://tagwerk.dev/" confidence="80"><nar:name>Politik</nar:name></nar:subject>
  <nar:keyword>Rudern</nar:keyword><nar:keyword creatoruri="https://tagwerk.dev/">Ruderclub</nar:keyword>
  <nar:headline>Ruderer gewinnen Regatta auf der Alster</nar:headline></nar:contentMeta>
 <nar:contentSet><nar:inlineData contenttype="text/plain">Hamburg (dpa) - Der Ruderclub Alster hat die Frühjahrsregatta gewonnen.

Im Finale setzte sich der Achter knapp durch.</nar:inlineData></nar:contentSet>
</nar:newsItem>
"""


def test_readers_detect_wires_by_content():
    assert sniff_format(_ITEM) == "newsml"
    assert sniff_format('<?xml version="1.0"?><rss version="2.0"><channel/></rss>') == "feed"
    assert sniff_format('<newsItem xmlns="urn:other"/>') == "html"
    assert sniff_format('{"format": "digitalwires@0.9.1", "headline": "x"}') == "digitalwires"
    assert sniff_format("\x01bdt0000 3 pl 41  dpa 0000\r\n") == "iptc7901"
    assert sniff_format("\x01\x02\x03\x04 garbage") != "iptc7901"
    assert detect_format("meldung.xml", _ITEM) == "newsml"
    assert detect_format("meldung.xml", "<rss><channel/></rss>") == "feed"
    assert detect_format("meldung.json", '{"format": "digitalwires@1.0"}') == "digitalwires"
    assert detect_format("meldung.iptc") == "iptc7901"


def test_readers_newsml_own_item_prefix_inline_data_and_ours_skipped():
    results = list(read_bytes(_ITEM.encode(), source="meldung.xml"))
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article) and article.id == "urn:test:1"
    assert article.headline.text == "Ruderer gewinnen Regatta auf der Alster"
    assert [b.kind for b in article.blocks] == ["headline", "paragraph", "paragraph"]
    assert article.wire.version == 3 and article.wire.urgency == 2 and article.wire.signals == ["correction"]
    # what tagwerk added in an earlier pass is not the agency's
    assert [s.qcode for s in article.given_subjects] == ["medtop:15000000"]
    assert article.given_tags == ["Rudern"]
    assert article.original is not None and "original" not in article.to_dict()


def test_readers_newsml_message_with_several_items_and_a_package():
    doc = f"""<newsMessage xmlns="{NAR}"><header><sent>2025-03-01T09:00:00Z</sent></header><itemSet>
<newsItem guid="urn:test:a"><itemMeta><itemClass qcode="ninat:text"/></itemMeta>
 <contentSet><inlineXML><html xmlns="{XHTML}"><body><h1>Erste Meldung</h1><p>Der Stadtrat tagt am Abend.</p></body></html></inlineXML>
 </contentSet></newsItem>
<packageItem guid="urn:test:p"/>
<newsItem guid="urn:test:b"><itemMeta><itemClass qcode="ninat:video"/></itemMeta></newsItem>
<newsItem guid="urn:test:c"><itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentSet/></newsItem>
</itemSet></newsMessage>"""
    results = list(read_bytes(doc.encode(), source="paket.xml"))
    assert isinstance(results[0], Article) and results[0].source == "paket.xml#1" and results[0].id == "urn:test:a"
    assert [type(r).__name__ for r in results[1:]] == ["SkippedItemError"] * 3
    assert "video" in str(results[2]) and "no body text" in str(results[3])


def test_readers_newsml_broken_xml_is_an_error():
    results = list(read_bytes(f'<newsItem xmlns="{NAR}"><itemMeta>'.encode(), source="kaputt.xml"))
    assert len(results) == 1 and isinstance(results[0], ArticleError) and not isinstance(results[0], SkippedItemError)


# -- digitalwires: own items --------------------------------------------------------------

_DW = {
    "format": "digitalwires@0.9.1", "urn": "urn:test:dw1", "version": 4, "version_created": "2025-02-01T10:00:00+01:00",
    "signal": "sig:correction", "embargoed": "2025-02-01T12:00:00+01:00", "urgency": 3, "language": "de",
    "kicker": "Verkehr", "headline": "Neue Radwege für Münster", "teaser": "Die Stadt baut zwölf Kilometer Radwege.",
    "byline": "Von Erika Beispiel, dpa", "dateline": "Münster (dpa) - ",
    "article_html": '<section class="main"><p>Die Arbeiten beginnen im Frühjahr.</p><h2>Kosten</h2>'
                    "<p>Das Land zahlt die Hälfte.</p><ul><li>Route eins</li><li>Route zwei</li></ul></section>",
    "categories": [
        {"type": "dnltype:dpasubject", "name": "Verkehr", "qcode": "dpasubject:232"},
        {"type": "dnltype:dpasubject", "name": "Fahrrad", "qcode": "medtop:20000337"},
        {"type": "dnltype:keyword", "name": "Radwege", "qcode": None},
        {"type": "dnltype:geosubject", "name": "Nordrhein-Westfalen", "qcode": "dpaarea:10"},
        {"type": "dnltype:desk", "name": "vm", "qcode": "dpacat:vm"},
        {"type": "dnltype:creator", "name": "beispiel.erika", "qcode": None},
    ],
    "notepad": {"public_html": "<section><p>Nur für Redaktionen</p></section>"},
    "copyrightnotice": "Alle Rechte beim Testverlag",
}


def test_readers_digitalwires_own_item():
    article = load_article_from(_DW)
    assert article.id == "urn:test:dw1" and article.format == "digitalwires"
    assert [b.kind for b in article.blocks] == ["kicker", "headline", "teaser", "paragraph", "subheading", "paragraph", "paragraph",
                                               "paragraph", "credit"]
    assert article.dateline is not None and article.dateline.place == "Münster"  # the dateline field starts the body
    assert article.credit.authors == ["Erika Beispiel"]
    assert article.wire.embargo and {"correction", "embargo"} <= set(article.wire.signals)
    assert article.given_tags == ["Radwege"]
    assert {"medtop:20000337", "dpaarea:10"} <= {s.qcode for s in article.given_subjects}
    assert "Nur für Redaktionen" not in article.text and "Rechte" not in article.text


def load_article_from(record: dict) -> Article:
    results = list(read_bytes(json.dumps(record, ensure_ascii=False).encode(), source="item.json"))
    assert len(results) == 1 and isinstance(results[0], Article), results
    return results[0]


def test_readers_digitalwires_in_json_lines_mixed_with_plain_records():
    plain = {"id": "p1", "title": "Stadtfest", "text": "Das Stadtfest beginnt am Freitag. Es gibt Musik."}
    no_text = {**_DW, "urn": "urn:test:leer", "article_html": None, "associations": []}
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in (plain, _DW, no_text)).encode()
    results = list(read_bytes(data, source="gemischt.jsonl"))
    assert [type(r).__name__ for r in results] == ["Article", "Article", "SkippedItemError"]
    assert results[1].format == "digitalwires" and "no body text" in str(results[2])


# -- IPTC 7901: own items ------------------------------------------------------------------

_7901 = (
    "\x01bdt0000 2 pl 55  dpa 0000\r\n\r\nKommunen/Haushalt/Bayern/\r\n\x02(Eil)\r\n"
    "Stadtrat beschließt Haushalt für\r\nkommendes Jahr =\r\n\r\n"
    "Augsburg (dpa) - Der Stadtrat hat am Abend den Haushalt beschlossen.\r\nDie Opposition stimmte dagegen.\r\n\r\n"
    "Streit um Schwimmbad\r\n\r\nUmstritten war vor allem die Sanierung des Hallenbads.\r\n\r\n"
    "| Posten | Millionen |\r\n| Schulen | 12 |\r\n\r\n"
    "# Notizblock\r\n\r\n- Kontakt: Redaktion\r\n\r\ndpa xy yyzz n1 ab\r\n\r\n\x03011530 Mär 25\r\n\x7f\r\n\x7f\x04"
)


def test_readers_iptc7901_own_message_crlf_two_messages():
    second = _7901.replace("Stadtrat beschließt", "Kreistag beschließt")
    results = list(read_bytes((_7901 + second).encode(), source="draht.iptc"))
    assert [r.source for r in results] == ["draht.iptc#1", "draht.iptc#2"]
    article = results[0]
    assert article.headline.text == "Stadtrat beschließt Haushalt für kommendes Jahr"
    assert [b.kind for b in article.blocks] == ["headline", "paragraph", "subheading", "paragraph", "paragraph", "paragraph"]
    assert article.blocks[-1].text == "Schulen | 12"
    assert article.date == "2025-03-01T15:30" and "flash" in article.wire.signals and article.wire.urgency == 2
    assert "Notizblock" not in article.text and "Kontakt" not in article.text and "yyzz" not in article.text
    assert results[1].headline.text.startswith("Kreistag")


def test_readers_iptc7901_from_stdin_and_binary_still_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(_7901.encode())))
    results = list(read_path("-"))
    assert len(results) == 1 and results[0].format == "iptc7901"
    noise = bytes(range(1, 32)) * 20
    bad = list(read_bytes(noise, source="rauschen.iptc"))
    assert len(bad) == 1 and isinstance(bad[0], BinaryInputError)


def test_readers_wires_mixed_folder(tmp_path):
    (tmp_path / "a.iptc").write_bytes(_7901.encode())
    (tmp_path / "b.xml").write_text(_ITEM, encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps(_DW, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "d.txt").write_text("Kurzmeldung\n\nDer Markt öffnet am Samstag wieder.\n", encoding="utf-8")
    formats = [r.format for r in read_path(tmp_path)]
    assert formats == ["iptc7901", "newsml", "digitalwires", "text"]
