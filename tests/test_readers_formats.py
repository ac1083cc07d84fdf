"""Readers: every input format, format detection, folders, stdin and the bundled example."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tagwerk.article import Article
from tagwerk.errors import (
    ArticleError,
    EmptyArticleError,
    MalformedJSONError,
    UnsupportedInputError,
)
from tagwerk.readers import (
    article_from_record,
    detect_format,
    example_path,
    load_article,
    read_bytes,
    read_path,
    read_paths,
    sniff_format,
)

DATA = Path(__file__).parent / "data" / "readers"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _articles(results):
    return [r for r in results if isinstance(r, Article)]


def test_readers_text_file(tmp_path):
    path = tmp_path / "meldung.txt"
    path.write_text(
        "Hamburg (dpa) - Der Hafen meldet einen neuen Rekord beim Umschlag. Das teilte die Hafenbehörde mit.\n"
        "Vor allem Container aus Asien trugen dazu bei.\nQuelle: dpa\nTags: Hafen, Hamburg\n",
        encoding="utf-8",
    )
    article = load_article(path)
    assert article.id == str(path)
    assert article.source == str(path)
    assert article.format == "text"
    assert article.dateline is not None and article.dateline.place == "Hamburg"
    assert article.given_tags == ["Hafen", "Hamburg"]
    assert article.warnings == []


def test_readers_html_main_text_and_metadata():
    article = load_article(DATA / "artikel.html")
    assert article.format == "html"
    assert article.headline is not None and article.headline.text == "Bahn streicht Nachtzüge nach Wien"
    assert article.url == "https://www.beispielzeitung.de/verkehr/nachtzug-wien"
    assert article.id == article.url
    assert article.date == "2024-03-05"
    assert article.credit.authors == ["Erika Beispiel"]
    assert article.credit.outlet == "Beispielzeitung"
    assert article.given_tags == ["Bahn", "Verkehr"]
    assert [b.text for b in article.subheadings] == ["Österreich will Lücke schließen"]
    assert len(article.paragraphs) == 3
    assert article.dateline is not None and article.dateline.agencies == ["dpa"]
    # navigation and footer are not part of the main text
    assert "Startseite" not in article.text
    assert "Impressum" not in article.text


def test_readers_broken_html_does_not_crash():
    results = list(read_path(DATA / "kaputt.html"))
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article)
    assert "Frachter auf Grund gelaufen" in article.text
    assert "Bergung soll mehrere Tage dauern" in article.text
    assert "<" not in article.text


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>Nur ein Satz ohne Ende",
        "<<<>>></p></div><p>Der Rat tagt heute. Er berät den Etat.",
        "<html><head><script>var x = '<p>';</script></head><body><p>Der Rat tagt heute.</p></body></html>",
        "<html><body><table><tr><td><p>Zelle ohne Ende<td></table></p></i></b>Rest des Textes über Jena.",
    ],
)
def test_readers_html_garbage_yields_article_or_error(markup):
    results = list(read_bytes(markup.encode(), source="seite.html"))
    assert len(results) == 1
    assert isinstance(results[0], (Article, ArticleError))
    if isinstance(results[0], Article):
        assert "var x" not in results[0].text


def test_readers_html_without_text_is_empty_error():
    results = list(read_bytes(b"<html><body><div></div></body></html>", source="leer.html"))
    assert len(results) == 1
    assert isinstance(results[0], EmptyArticleError)


def test_readers_json_object():
    article = load_article(DATA / "artikel.json")
    assert article.format == "json"
    assert article.id == "beispiel-42"
    assert article.headline is not None and article.headline.text == "Stadtrat beschließt neues Radwegenetz"
    assert article.date == "2024-04-02"
    assert article.url == "https://www.beispielzeitung.de/koeln/radwege"
    assert article.credit.outlet == "beispielzeitung.de"
    assert article.credit.agencies == ["dpa"]
    assert article.given_tags == ["Köln", "Verkehr"]
    assert article.metadata == {"ressort": "Lokales", "wortzahl": 42}
    assert len(article.paragraphs) == 2


def test_readers_json_array_body_and_content_fields():
    results = list(read_path(DATA / "liste.json"))
    assert [type(r) for r in results] == [Article, Article]
    first, second = results
    assert first.id.endswith("liste.json#1") and second.id.endswith("liste.json#2")
    assert first.given_tags == ["Niedersachsen", "Haushalt"]
    assert "Landtag in Hannover" in first.text
    assert second.headline is not None and second.headline.text == "Zweite Meldung"
    assert second.credit.agencies == ["dpa"]


def test_readers_json_wrapped_articles_list():
    data = json.dumps({"articles": [{"text": "Erster Text. Mit zwei Sätzen."}, {"text": "Zweiter Text."}]})
    results = list(read_bytes(data.encode(), source="sammlung.json"))
    assert len(_articles(results)) == 2


def test_readers_jsonl_bad_line_in_place_and_rest_read():
    path = DATA / "meldungen.jsonl"
    results = list(read_path(path))
    assert len(results) == 4  # the blank line 4 yields nothing
    ok1, bad, ok3, ok5 = results
    assert isinstance(ok1, Article) and ok1.id == "m1"
    assert isinstance(bad, MalformedJSONError)
    assert bad.line == 2
    assert bad.source == str(path)
    assert "line 2" in str(bad)
    assert isinstance(ok3, Article) and ok3.id == "https://www.beispielzeitung.de/wetter/sturm"
    assert ok3.given_tags == ["Wetter"]
    assert isinstance(ok5, Article) and ok5.id == f"{path}:5"
    assert ok5.source == f"{path}:5"
    assert ok5.metadata == {"fotograf": "Max Muster"}
    assert all(a.format == "jsonl" for a in (ok1, ok3, ok5))


def test_readers_jsonl_record_without_text_is_error_in_place():
    data = b'{"text": "Ein Text. Noch ein Satz."}\n{"title": "Nur Titel"}\n[1, 2]\n{"text": "Letzter Text."}\n'
    results = list(read_bytes(data, source="x.jsonl"))
    assert [type(r).__name__ for r in results] == ["Article", "EmptyArticleError", "MalformedJSONError", "Article"]
    assert [getattr(r, "line", None) for r in results[1:3]] == [2, 3]


def test_readers_rss_feed():
    results = list(read_path(DATA / "feed.rss"))
    assert len(results) == 3
    first, second, empty = results
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.format == "feed"
    assert first.headline is not None and first.headline.text == "Bundestag debattiert über Rentenreform"
    assert first.url == first.id == "https://www.beispielzeitung.de/politik/rente"
    assert first.given_tags == ["Rente", "Bundestag"]
    assert first.date == "2024-03-05T09:15:00Z"
    assert len(first.paragraphs) == 2  # <p> blocks become paragraphs, tags stripped
    assert "<p>" not in first.text
    assert first.metadata["feed_title"] == "Beispielzeitung – Politik"
    assert "Rücktritt" in second.text
    assert isinstance(empty, EmptyArticleError)


def test_readers_atom_feed():
    article = load_article(DATA / "feed.atom")
    assert article.id == "urn:beispielzeitung:wissen:kaefer"
    assert article.url == "https://www.beispielzeitung.de/wissen/kaefer"
    assert article.given_tags == ["Biologie"]
    assert article.credit.authors == ["Erika Beispiel"]
    assert [b.text for b in article.subheadings] == ["Fund im Totholz"]


def test_readers_folder_recursive_sorted_bad_file_reported():
    folder = DATA / "ordner"
    results = list(read_path(folder))
    kinds = [(type(r).__name__, Path(r.source).name if r.source else None) for r in results]
    assert kinds == [
        ("Article", "a.txt"),
        ("MalformedJSONError", "c_kaputt.json"),
        ("EmptyArticleError", "d_leer.txt"),
        ("Article", "b.json"),
    ]
    assert results[1].line == 2
    assert not any("versteckt" in r.text for r in _articles(results))


def test_readers_empty_folder(tmp_path):
    (tmp_path / "notiz.md").write_text("nichts", encoding="utf-8")
    results = list(read_path(tmp_path))
    assert len(results) == 1 and isinstance(results[0], EmptyArticleError)


def test_readers_read_paths_goes_on_after_missing_file(tmp_path):
    good = tmp_path / "gut.txt"
    good.write_text("Ein guter Text. Er hat zwei Sätze.", encoding="utf-8")
    results = list(read_paths([tmp_path / "fehlt.txt", good]))
    assert isinstance(results[0], ArticleError) and "no such file" in str(results[0])
    assert isinstance(results[1], Article)


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        ("Berlin (dpa) - Ein Text.", "text"),
        ('{"title": "A", "text": "B"}', "json"),
        ('  [{"text": "B"}]', "json"),
        ('{"text": "A"}\n{"text": "B"}\n', "jsonl"),
        ("<!DOCTYPE html><html><body><p>Text</p></body></html>", "html"),
        ('<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed"),
        ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
    ],
)
def test_readers_sniff_format(head, fmt):
    assert sniff_format(head) == fmt


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "text"), ("a.TEXT", "text"), ("a.htm", "html"), ("a.html", "html"), ("a.json", "json"),
     ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.rss", "feed"), ("a.atom", "feed"), ("a.xml", "feed"),
     ("a.feed", "feed")],
)
def test_readers_format_by_extension(name, fmt):
    assert detect_format(name, "irrelevant") == fmt


def test_readers_unknown_extension_is_sniffed(tmp_path):
    path = tmp_path / "meldung.dat"
    path.write_text('{"title": "Titel", "text": "Ein Text. Zwei Sätze."}', encoding="utf-8")
    article = load_article(path)
    assert article.format == "json"
    assert article.headline is not None and article.headline.text == "Titel"


def test_readers_explicit_format_overrides_extension(tmp_path):
    path = tmp_path / "meldung.txt"
    path.write_text('{"text": "A. B."}\n{"text": "C. D."}\n', encoding="utf-8")
    assert len(_articles(read_path(path, fmt="jsonl"))) == 2
    assert len(_articles(read_path(path))) == 1  # as text: one article


def test_readers_unknown_format_name_raises():
    with pytest.raises(UnsupportedInputError):
        read_path("x.txt", fmt="docx")


def test_readers_stdin_jsonl(monkeypatch):
    data = b'{"text": "Erster Text hier."}\nkaputt\n{"text": "Dritter Text hier."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    results = list(read_path("-"))
    assert [type(r).__name__ for r in results] == ["Article", "MalformedJSONError", "Article"]
    assert results[0].id == "-:1" and results[1].line == 2


def test_readers_stdin_jsonl_long_first_line(monkeypatch):
    first = '{"text": "' + "Ein langer Satz über Potsdam. " * 400 + '"}'
    data = (first + '\n{"text": "Zweiter Text."}\n').encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    results = list(read_path("-"))
    assert [type(r).__name__ for r in results] == ["Article", "Article"]


def test_readers_stdin_text(monkeypatch):
    data = "Ein Text von der Standardeingabe. Er hat Umlaute: Köln, Düsseldorf.\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    article = load_article("-")
    assert article.source == "-" and "Düsseldorf" in article.text


def test_readers_load_article_rejects_many(tmp_path):
    with pytest.raises(UnsupportedInputError):
        load_article(DATA / "liste.json")


def test_readers_article_from_record_fields():
    article = article_from_record(
        {
            "title": "Titel",
            "content": ["Erster Absatz. Mit Text.", "Zweiter Absatz."],
            "tags": "Politik, Berlin",
            "source": "Reuters",
            "author": "Max Muster",
            "language": "de",
            "extra": {"a": 1},
        },
        source="x.json",
    )
    assert len(article.paragraphs) == 2
    assert article.given_tags == ["Politik", "Berlin"]
    assert article.credit.agencies == ["Reuters"]
    assert article.credit.authors == ["Max Muster"]
    assert article.metadata == {"extra": {"a": 1}}
    assert article.id == "x.json"


def test_readers_record_long_source_goes_to_metadata():
    article = article_from_record({"text": "Ein Text.", "source": "Aus einer Pressemitteilung des Landkreises Musterstadt."})
    assert article.credit.outlet is None
    assert article.metadata["source"].startswith("Aus einer Pressemitteilung")


def test_readers_bundled_example():
    path = example_path()
    assert path.is_file()
    article = load_article(path)
    words = len(article.text.split())
    assert 300 <= words <= 520
    assert len(article.subheadings) == 1
    assert article.credit.outlet == "ntv.de"
    assert article.credit.agencies == ["dpa", "Reuters"]
    assert article.credit.authors == ["mba"]
    assert article.given_tags == []
    assert path.read_text(encoding="utf-8").rstrip().endswith("Tags:")


def test_readers_seed_article_from_shared():
    seed = SHARED / "seeds" / "ntv-article.txt"
    if not seed.is_file():
        pytest.skip("../shared is not available")
    article = load_article(seed)
    assert article.credit.outlet == "ntv.de"
    assert article.credit.authors == ["jga"]
    assert article.credit.agencies == ["dpa", "AFP"]
    assert [b.text for b in article.subheadings] == ["Stärke Zusammenarbeit möglich"]
    assert len(article.paragraphs) == 5
    assert article.given_tags == []
    assert article.id == str(seed)


def test_readers_html_without_trafilatura_degrades_with_warning(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails
    article = load_article(DATA / "artikel.html")
    assert "Nachtzugverbindungen nach Österreich" in article.text
    assert "Startseite" not in article.text  # <nav> dropped by the fallback too
    assert any("trafilatura" in w for w in article.warnings)


def test_readers_html_trafilatura_exception_degrades(monkeypatch):
    import trafilatura

    def boom(*args, **kwargs):
        raise ValueError("kaputt")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    article = load_article(DATA / "kaputt.html")
    assert "Frachter" in article.text
    assert any("trafilatura failed" in w for w in article.warnings)


def test_readers_record_tags_as_slugs_with_their_display_names():
    """A CMS export lists the tag slugs and, beside them, their names (``tags`` and ``names`` or
    ``tag_names`` of the same length): the tags are the names an editor reads."""
    body = "Der Gesundheitsminister stellte am Montag in Berlin seine Pläne vor."
    article = article_from_record({"text": body, "tags": ["jens-spahn", "gesundheit"], "names": ["Jens Spahn", "Gesundheit"]})
    assert article.given_tags == ["Jens Spahn", "Gesundheit"]
    article = article_from_record({"text": body, "tags": ["jens-spahn"], "tag_names": ["Jens Spahn"]})
    assert article.given_tags == ["Jens Spahn"]
    # names that do not pair up with the slugs are not taken for them
    article = article_from_record({"text": body, "tags": ["jens-spahn", "gesundheit"], "names": ["Jens Spahn"]})
    assert article.given_tags == ["jens-spahn", "gesundheit"]
