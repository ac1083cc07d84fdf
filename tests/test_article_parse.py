"""parse_text: credit forms, dateline, subheadings, the Tags: line, headline first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tagwerk.article import build_article, normalise_line, parse_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

BODY = (
    "Der Gemeinderat hat am Montag über den Bau einer neuen Schule beraten. "
    "Die Kosten werden auf zwölf Millionen Euro geschätzt.\n"
    "Eltern hatten seit Jahren mehr Platz gefordert. Der Bürgermeister zeigte sich zuversichtlich.\n"
)


@pytest.mark.parametrize(
    ("credit_line", "outlet", "authors", "agencies"),
    [
        ("Quelle: ntv.de, jga/dpa/AFP", "ntv.de", ["jga"], ["dpa", "AFP"]),
        ("Quelle: ntv.de, mli/rts", "ntv.de", ["mli"], ["Reuters"]),
        ("Quelle: ntv.de", "ntv.de", [], []),
        ("Quelle: dpa", None, [], ["dpa"]),
        ("Quelle: dpa, AFP, Reuters", None, [], ["dpa", "AFP", "Reuters"]),
        ("(dpa)", None, [], ["dpa"]),
        ("(dpa/AFP)", None, [], ["dpa", "AFP"]),
        ("mit Material von Reuters", None, [], ["Reuters"]),
        ("Mit Material von dpa und AFP", None, [], ["dpa", "AFP"]),
        ("Von Max Muster", None, ["Max Muster"], []),
        ("Von Max Muster und Erika Beispiel", None, ["Max Muster", "Erika Beispiel"], []),
    ],
)
def test_article_credit_forms(credit_line, outlet, authors, agencies):
    article = parse_text(BODY + credit_line + "\nTags:\n")
    assert article.credit.outlet == outlet
    assert article.credit.authors == authors
    assert article.credit.agencies == agencies
    assert len(article.paragraphs) == 2
    credit_blocks = [b for b in article.blocks if b.kind == "credit"]
    assert [b.text for b in credit_blocks] == [credit_line]
    # every credit part points at its own text
    for part in article.credit.parts:
        assert article.text[part.start : part.end] == part.text


def test_article_credit_byline_before_text():
    article = parse_text("Von Max Muster\n" + BODY + "mit Material von Reuters\n")
    assert article.credit.authors == ["Max Muster"]
    assert article.credit.agencies == ["Reuters"]
    assert article.headline is None
    assert len(article.paragraphs) == 2


@pytest.mark.parametrize(
    ("first", "place", "agencies"),
    [
        ("Berlin (dpa) - Die Bundesregierung will das Heizungsgesetz ändern.", "Berlin", ["dpa"]),
        ("Washington (AP/dpa) – Der Kongress hat den Haushalt gebilligt.", "Washington", ["AP", "dpa"]),
        ("Frankfurt/Main (dpa) - Die Börse hat freundlich eröffnet.", "Frankfurt/Main", ["dpa"]),
    ],
)
def test_article_dateline(first, place, agencies):
    article = parse_text(first + " Weitere Einzelheiten wurden nicht bekannt.\nEin zweiter Absatz folgt hier.\n")
    assert article.dateline is not None
    assert article.dateline.place == place
    assert article.dateline.agencies == agencies
    assert article.text[article.dateline.start : article.dateline.end] == article.dateline.text
    assert article.dateline.text.endswith(("-", "–"))
    assert article.credit.agencies == agencies


def test_article_no_dateline_in_plain_sentence():
    article = parse_text("Die Polizei (Bereich Nord) ermittelt. Der Fall ist unklar.\nZweiter Absatz hier.\n")
    assert article.dateline is None


@pytest.mark.parametrize(
    ("tags_line", "expected"),
    [
        ("Tags:", []),
        ("Tags: ", []),
        ("Tags: Schule, Gemeinderat", ["Schule", "Gemeinderat"]),
        ("Tags: Klima; Energie | Berlin", ["Klima", "Energie", "Berlin"]),
        ("Schlagwörter: Bildung", ["Bildung"]),
    ],
)
def test_article_tags_line(tags_line, expected):
    article = parse_text(BODY + "Quelle: dpa\n" + tags_line)
    assert article.given_tags == expected
    assert "Tags" not in article.text
    assert "Schlagwörter" not in article.text


def test_article_subheading_between_paragraphs():
    text = (
        "Die Stadt Leipzig hat einen neuen Haushalt beschlossen. Er umfasst zwei Milliarden Euro.\n"
        "Die Opposition stimmte dagegen. Sie kritisierte vor allem die neuen Schulden.\n"
        "Streit um die Schulden\n"
        "Der Kämmerer verteidigte den Plan. Investitionen seien nötig, sagte er.\n"
        "Quelle: dpa\n"
    )
    article = parse_text(text)
    assert [b.text for b in article.subheadings] == ["Streit um die Schulden"]
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph", "subheading", "paragraph", "credit"]
    for block in article.blocks:
        assert article.text[block.start : block.end] == block.text


def test_article_last_short_line_is_paragraph_not_subheading():
    article = parse_text("Ein erster Absatz mit einem Satz.\nEin zweiter Absatz.\nKurzer Schluss ohne Punkt\n")
    assert article.subheadings == []


@pytest.mark.parametrize("separator", ["\n", "\n\n", "\r\n"])
def test_article_headline_first(separator):
    text = separator.join(
        [
            "Gemeinderat plant neue Schule",
            "Der Gemeinderat hat am Montag über den Bau einer neuen Schule beraten.",
            "Die Kosten liegen bei zwölf Millionen Euro.",
            "Quelle: dpa",
        ]
    )
    article = parse_text(text)
    assert article.headline is not None
    assert article.headline.text == "Gemeinderat plant neue Schule"
    assert len(article.paragraphs) == 2
    assert article.credit.agencies == ["dpa"]


def test_article_kicker_and_headline():
    text = (
        "Schulbau in Musterstadt\n"
        "Gemeinderat plant neue Schule\n"
        "Der Gemeinderat hat am Montag über den Bau einer neuen Schule beraten.\n"
        "Die Kosten liegen bei zwölf Millionen Euro.\n"
    )
    article = parse_text(text)
    assert [b.kind for b in article.blocks][:2] == ["kicker", "headline"]


def test_article_build_with_title():
    article = build_article(
        body="Der Landtag hat getagt. Es ging um Geld.\nQuelle: dpa",
        title="Landtag tagt",
        url="https://example.org/a",
        given_tags=["Landtag"],
    )
    assert article.headline is not None and article.headline.text == "Landtag tagt"
    assert article.url == "https://example.org/a"
    assert article.given_tags == ["Landtag"]
    assert article.credit.agencies == ["dpa"]


def test_article_normalise_line():
    assert normalise_line("  Die\u00a0Stadt\u00adverwaltung \u200b tagt\t heute ") == "Die Stadtverwaltung tagt heute"
    assert normalise_line("Mu\u0308nchen") == "München"


def test_article_seed_ntv_shape():
    seed = SHARED / "seeds" / "ntv-article.txt"
    if not seed.is_file():
        pytest.skip("../shared is not available")
    article = parse_text(seed.read_text(encoding="utf-8"))
    assert article.credit.outlet == "ntv.de"
    assert article.credit.authors == ["jga"]
    assert article.credit.agencies == ["dpa", "AFP"]
    assert [b.text for b in article.subheadings] == ["Stärke Zusammenarbeit möglich"]
    assert len(article.paragraphs) == 5
    assert article.given_tags == []
    assert article.headline is None


@pytest.mark.parametrize(
    "text",
    [
        "Thema : Die widersprüchliche Rolle des Machtpolitikers Cicero .",
        "Thema: Die Rente mit 70\nDie Koalition streitet über das Rentenalter.",
        "Tags: Schule\nDer Gemeinderat berät über den Neubau.",
    ],
)
def test_parse_text_tags_line_counts_only_after_the_text(text):
    article = parse_text(text)
    assert article.given_tags == []
    assert text.splitlines()[0].split(":", 1)[1].strip() in article.text


def test_parse_text_tags_line_after_the_text_is_read():
    article = parse_text("Thema: Rente\nDie Koalition streitet über das Rentenalter.\nThemen: Rente, Koalition")
    assert article.given_tags == ["Rente", "Koalition"]
    assert article.text.startswith("Thema: Rente")
