"""Readers: every bad input gets its typed error, and decode_bytes on its own."""

from __future__ import annotations

import pytest

from tagwerk.article import Article
from tagwerk.errors import (
    ArticleError,
    ArticleTooLargeError,
    BinaryInputError,
    EmptyArticleError,
    MalformedJSONError,
)
from tagwerk.readers import decode_bytes, load_article, read_bytes, read_path

UMLAUT_TEXT = "Die Bürgerinnen in Köln wählen einen neuen Oberbürgermeister. Die Wahl ist für März geplant."


@pytest.mark.parametrize("content", [b"", b"   ", b"\n\n\t \r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"])
@pytest.mark.parametrize("suffix", [".txt", ".json", ".jsonl", ".html", ".rss"])
def test_readers_empty_input(tmp_path, content, suffix):
    path = tmp_path / f"leer{suffix}"
    path.write_bytes(content)
    with pytest.raises(EmptyArticleError) as info:
        load_article(path)
    assert info.value.source == str(path)


def test_readers_only_tags_and_credit_is_empty(tmp_path):
    path = tmp_path / "nur-credit.txt"
    path.write_text("Quelle: dpa\nTags: Politik\n", encoding="utf-8")
    with pytest.raises(EmptyArticleError):
        load_article(path)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200),
        bytes(range(1, 32)) * 40,  # control characters, no NUL
        b"Ein Text mit NUL\x00 mittendrin.",
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".dat"])
def test_readers_binary_input(tmp_path, data, suffix):
    path = tmp_path / f"bild{suffix}"
    path.write_bytes(data)
    results = list(read_path(path))
    assert len(results) == 1
    assert isinstance(results[0], BinaryInputError)
    assert "binary" in str(results[0])


def test_readers_cp1252_fallback_with_warning(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes((UMLAUT_TEXT + " Preis: 5 €, „gut“.").encode("cp1252"))
    article = load_article(path)
    assert "Bürgerinnen in Köln" in article.text
    assert "€" in article.text and "„gut“" in article.text
    assert len(article.warnings) == 1
    assert "cp1252" in article.warnings[0]


def test_readers_cp1252_in_one_jsonl_line(tmp_path):
    good = '{"text": "Ein Text in UTF-8 über Köln."}\n'.encode()
    windows = '{"text": "Ein Text in cp1252 über Düsseldorf."}\n'.encode("cp1252")
    results = list(read_bytes(good + windows, source="x.jsonl"))
    assert [type(r) for r in results] == [Article, Article]
    assert results[0].warnings == []
    assert "Düsseldorf" in results[1].text and "cp1252" in results[1].warnings[0]


def test_readers_utf8_bom_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + UMLAUT_TEXT.encode())
    article = load_article(path)
    assert article.text.startswith("Die Bürgerinnen")
    assert article.warnings == []


@pytest.mark.parametrize("name", ["utf16.txt", "utf16.dat"])
def test_readers_utf16_with_bom(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(UMLAUT_TEXT.encode("utf-16"))
    article = load_article(path)
    assert "Köln" in article.text


def test_readers_too_large_text(tmp_path):
    path = tmp_path / "lang.txt"
    path.write_text(UMLAUT_TEXT * 3, encoding="utf-8")
    with pytest.raises(ArticleTooLargeError) as info:
        load_article(path, max_chars=100)
    assert "100" in str(info.value)
    assert isinstance(load_article(path, max_chars=10_000), Article)


def test_readers_too_large_20mb_rejected_quickly(tmp_path):
    path = tmp_path / "riesig.txt"
    with path.open("wb") as f:
        line = (UMLAUT_TEXT + "\n").encode()
        f.write(line * (20_000_000 // len(line) + 1))
    with pytest.raises(ArticleTooLargeError) as info:
        load_article(path)
    # The cheap check on the file size fired (it counts bytes), not the count of characters.
    assert "bytes" in str(info.value)


def test_readers_too_large_jsonl_line_in_place(tmp_path):
    big = '{"text": "' + "Wort " * 100 + '"}\n'
    data = '{"text": "Kurz. Gut."}\n' + big + '{"text": "Auch kurz."}\n'
    results = list(read_bytes(data.encode(), source="x.jsonl", max_chars=100))
    assert [type(r).__name__ for r in results] == ["Article", "ArticleTooLargeError", "Article"]
    assert results[1].line == 2


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('{"title": "A", "text": }', 1),
        ('{\n  "title": "A",\n  "text": "B",\n}\n', 4),
        ('[\n {"text": "A"},\n {"text": "B"\n]\n', 4),
        ("{'text': 'einfache Anführungszeichen'}", 1),
    ],
)
def test_readers_malformed_json_with_line(tmp_path, content, line):
    path = tmp_path / "kaputt.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MalformedJSONError) as info:
        load_article(path)
    assert info.value.line == line
    assert f"line {line}" in str(info.value)
    assert str(path) in str(info.value)


def test_readers_jsonl_malformed_middle_line_rest_read(tmp_path):
    lines = [
        '{"text": "Erste Meldung über Bremen."}',
        '{"text": "Zweite Meldung über Kiel."}',
        '{"text": "kaputt"',
        '{"text": "Vierte Meldung über Rostock."}',
        '{"text": "Fünfte Meldung über Schwerin."}',
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_path(path))
    assert len(results) == 5
    assert isinstance(results[2], MalformedJSONError) and results[2].line == 3
    assert [r.text for r in results if isinstance(r, Article)] == [
        "Erste Meldung über Bremen.",
        "Zweite Meldung über Kiel.",
        "Vierte Meldung über Rostock.",
        "Fünfte Meldung über Schwerin.",
    ]


def test_readers_malformed_feed(tmp_path):
    path = tmp_path / "kaputt.rss"
    path.write_text("<rss><channel><title>Ohne Ende", encoding="utf-8")
    results = list(read_path(path))
    assert len(results) == 1 and isinstance(results[0], ArticleError)


def test_readers_missing_file():
    with pytest.raises(ArticleError, match="no such file"):
        load_article("/nicht/vorhanden.txt")


# -- decode_bytes on its own --------------------------------------------------------------


def test_readers_decode_utf8():
    text, warnings = decode_bytes(UMLAUT_TEXT.encode(), "a.txt")
    assert text == UMLAUT_TEXT and warnings == []


def test_readers_decode_cp1252_warns():
    text, warnings = decode_bytes("Straße in Gießen".encode("cp1252"), "a.txt")
    assert text == "Straße in Gießen"
    assert warnings and "cp1252" in warnings[0]


@pytest.mark.parametrize("data", [b"", b" \n\t"])
def test_readers_decode_empty(data):
    with pytest.raises(EmptyArticleError):
        decode_bytes(data, "a.txt")


def test_readers_decode_binary():
    with pytest.raises(BinaryInputError):
        decode_bytes(b"\x00\x01\x02abc", "a.bin")


def test_readers_decode_max_chars():
    with pytest.raises(ArticleTooLargeError):
        decode_bytes(b"x" * 50, "a.txt", max_chars=10)
    with pytest.raises(ArticleTooLargeError):
        decode_bytes(b"x" * 50, "a.txt", max_chars=49)
