# ruff: noqa: E501 - the seed articles keep one paragraph a line
"""Fuzzing inputs and invariants shared by ``tests/test_fuzz_quick.py`` and ``benchmarks/fuzz.py``.

The seed articles are German news texts written for tagwerk's tests (no agency's text);
hypothesis mutates them, mixes in control characters, right-to-left text, NUL bytes,
surrogates, very long lines and deeply nested JSON, and feeds the results to every reader and
to the Analyzer. The invariants: only the documented ``ArticleError`` types come out of a
reader (never an exception, never an ``InternalError``), every span of an analysis points at
its own text (``text[start:end] == span.text``), and the same input gives the same output.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from hypothesis import strategies as st

from tagwerk import errors as errors_module
from tagwerk.article import Article
from tagwerk.errors import ArticleError, InternalError

SEED_ARTICLES = [
    """Bahnstreik legt Fernverkehr lahm

Frankfurt am Main (dpa) - Die Gewerkschaft Deutscher Lokomotivführer (GDL) hat am Montag den Fernverkehr der Deutschen Bahn weitgehend zum Erliegen gebracht. „Wir lassen uns nicht länger hinhalten“, sagte GDL-Chef Claus Weselsky in Frankfurt. Die Bahn sprach von einem „unverhältnismäßigen Streik“.

Nach Angaben eines Sprechers fielen bundesweit rund 80 Prozent der Fernzüge aus. Pendler in Hamburg, München und Köln mussten am 4. März 2024 auf Busse ausweichen.

Verhandlungen ohne Ergebnis

Bundesverkehrsminister Volker Wissing (FDP) rief beide Seiten auf, an den Verhandlungstisch zurückzukehren. Der Streik soll bis Mittwoch früh dauern.

Quelle: dpa, jga""",
    """Kanzler reist nach Peking

Berlin (AFP) - Bundeskanzler Olaf Scholz ist am Samstag zu einem dreitägigen Besuch nach China aufgebrochen. Begleitet wird er von Vertretern von Siemens, BASF und Volkswagen. Scholz will mit Staatschef Xi Jinping über den Handel und den Krieg in der Ukraine sprechen.

Die Opposition kritisierte die Reise im April 2024. CDU-Chef Friedrich Merz sagte der „Süddeutschen Zeitung“, der Kanzler dürfe die Menschenrechte nicht ausklammern. Außenministerin Annalena Baerbock (Grüne) äußerte sich zurückhaltend.

Von Maria Schneider""",
    """Hochwasser im Süden

Passau - Nach tagelangem Regen sind in Bayern und Baden-Württemberg mehrere Flüsse über die Ufer getreten. In Passau erreichte die Donau am Sonntagmorgen einen Pegel von 9,20 Metern. Ministerpräsident Markus Söder (CSU) besuchte die Einsatzkräfte und versprach schnelle Hilfe: „Niemand wird allein gelassen.“

Der Deutsche Wetterdienst (DWD) warnte vor weiteren Unwettern im Juni 2024. Die Feuerwehr meldete mehr als 3.000 Einsätze. Ein Mann wurde in Ulm vermisst.

Tags: Hochwasser, Bayern, Wetter""",
    """FC Bayern verliert in Dortmund

Dortmund (sid) - Borussia Dortmund hat das Spitzenspiel der Fußball-Bundesliga gegen den FC Bayern München mit 2:0 gewonnen. Vor 81.365 Zuschauern im Signal Iduna Park trafen Karim Adeyemi und Julian Brandt. Bayern-Trainer Thomas Tuchel sagte nach dem Spiel, seine Mannschaft habe „keine Lösungen“ gefunden.

Durch den Sieg am 30. März 2024 rückt der BVB in der Tabelle auf Platz drei vor.""",
    """Inflation sinkt auf 2,2 Prozent

Wiesbaden (Reuters) - Die Inflation in Deutschland ist im März 2024 deutlich zurückgegangen. Wie das Statistische Bundesamt am Freitag mitteilte, stiegen die Verbraucherpreise um 2,2 Prozent im Vergleich zum Vorjahresmonat. Ökonomen hatten mit 2,4 Prozent gerechnet. Die Europäische Zentralbank (EZB) könnte nun im Juni die Zinsen senken, sagte Commerzbank-Chefvolkswirt Jörg Krämer.

Energie verbilligte sich um 2,7 Prozent, Lebensmittel kosteten 0,7 Prozent weniger als vor einem Jahr.""",
    """Neue Brücke für Dresden

Dresden - Der Stadtrat von Dresden hat am Donnerstag den Neubau der Carolabrücke beschlossen. Oberbürgermeister Dirk Hilbert (FDP) sprach von einem „wichtigen Signal für die Stadt“. Die alte Brücke war im September 2024 teilweise eingestürzt; verletzt wurde niemand.

Die Kosten schätzt die Verwaltung auf rund 100 Millionen Euro. Der Freistaat Sachsen und der Bund sollen sich beteiligen. Die Grünen forderten eine breite Spur für Radfahrer, die AfD lehnte den Entwurf ab.

„Wir bauen nicht für zehn, sondern für hundert Jahre“, sagte Baubürgermeister Stephan Kühn.""",
]

DOCUMENTED_ERRORS: tuple[type[ArticleError], ...] = tuple(
    cls for cls in vars(errors_module).values()
    if isinstance(cls, type) and issubclass(cls, ArticleError) and cls is not InternalError
)
"""The ArticleError classes of ``tagwerk.errors`` a reader or the Analyzer may give for a bad
input. ``InternalError`` is not one: it is a reader's or stage's unexpected exception, caught
so that a run goes on, and counts here as a crash."""

FORMATS = ("text", "html", "json", "jsonl", "feed", "newsml", "digitalwires", "iptc7901")

# -- characters and text ----------------------------------------------------------------------

CONTROL = "".join(chr(c) for c in (*range(0, 32), 0x7F, *range(0x80, 0xA0)))
RTL = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069ابتثجحخדהוזחטי"
ODD = "\ufeff\u00ad\u200b\u200c\u200d\u2060\ufffd\ufffe\U0001f600\U0001f1e9\U0001f1ea\u0301\u0308\u00a0\u2028\u2029„“‚‘»«–—…"
SURROGATES = "\ud800\udbff\udc00\udfff"
NASTY = CONTROL + RTL + ODD + SURROGATES + "<>&\"'\\/{}[]:,=*%#;\n\r\t "

nasty_chars = st.sampled_from(NASTY)
nasty_text = st.text(alphabet=st.one_of(nasty_chars, st.characters()), max_size=60)
any_text = st.one_of(st.text(max_size=300), nasty_text, st.text(alphabet=nasty_chars, max_size=40))


@st.composite
def mutated(draw: Any, base: str | None = None) -> str:
    """A seed article (or ``base``) with up to 12 edits: inserted noise, cut or doubled pieces,
    one character replaced by a control, RTL or odd one."""
    text = base if base is not None else draw(st.sampled_from(SEED_ARTICLES))
    for _ in range(draw(st.integers(0, 12))):
        if not text:
            text = draw(any_text)
            continue
        at = draw(st.integers(0, len(text)))
        op = draw(st.integers(0, 4))
        if op == 0:
            text = text[:at] + draw(nasty_text) + text[at:]
        elif op == 1:
            end = min(len(text), at + draw(st.integers(1, 200)))
            text = text[:at] + text[end:]
        elif op == 2:
            end = min(len(text), at + draw(st.integers(1, 300)))
            text = text[:end] + text[at:end] + text[end:]
        elif op == 3:
            text = text[:at] + draw(nasty_chars) + text[at + 1 :]
        else:
            text = text[:at] + draw(st.sampled_from(["\n\n", "\r\n", "\r", "\u2028", "  ", "\t", "\x00"])) + text[at:]
    return text


article_text = st.one_of(mutated(), any_text, st.sampled_from(SEED_ARTICLES))


def encode(text: str, how: str) -> bytes:
    if how == "utf-8-sig":
        return text.encode("utf-8-sig", "surrogatepass")
    if how == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    if how == "cp1252":
        return text.encode("cp1252", "replace")
    if how == "latin-1":
        return text.encode("latin-1", "replace")
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8 bytes


encodings = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])


@st.composite
def mutated_bytes(draw: Any, data: bytes) -> bytes:
    """``data`` with up to 6 byte edits (flips, inserted bytes, cuts), or as it is."""
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.integers(0, 3))
        if op == 0:
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif op == 1:
            data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
        elif op == 2:
            data = data[:at]
        else:
            data = data[:at] + data[at + draw(st.integers(1, 64)) :]
    return data


# -- JSON values of the wrong type, nested deep ------------------------------------------------

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)),
                           max_leaves=12)


def nested(depth: int, kind: str = "[") -> Any:
    value: Any = []
    for _ in range(depth - 1):
        value = [value] if kind == "[" else {"a": value}
    return value


@st.composite
def field_value(draw: Any, text_like: bool = True) -> Any:
    choice = draw(st.integers(0, 9))
    if choice <= 3 and text_like:
        return draw(article_text)
    if choice == 4:
        return draw(st.lists(article_text, max_size=3))
    if choice == 5:
        return nested(draw(st.sampled_from([2, 50, 99, 100, 101, 150, 500, 900])), draw(st.sampled_from("[{")))
    return draw(json_values)


@st.composite
def record(draw: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {}
    for key in draw(st.lists(st.sampled_from(["text", "body", "content", "title", "headline", "date", "url", "id", "tags",
                                              "source", "author", "authors", "language", "extra", "format"]), max_size=8, unique=True)):
        rec[key] = draw(field_value(text_like=key != "extra"))
    if draw(st.booleans()):
        rec["text"] = draw(article_text)
    return rec


def dump_json(value: Any, ascii_only: bool) -> str:
    try:
        return json.dumps(value, ensure_ascii=ascii_only)
    except (RecursionError, ValueError):
        return "[]"


@st.composite
def json_bytes(draw: Any) -> bytes:
    shape = draw(st.integers(0, 4))
    if shape == 0:
        value: Any = draw(record())
    elif shape == 1:
        value = draw(st.lists(record(), max_size=4))
    elif shape == 2:
        value = {"articles": draw(st.lists(record(), max_size=3))}
    elif shape == 3:
        value = draw(json_values)
    else:
        depth = draw(st.sampled_from([100, 1_000, 5_000, 100_000]))
        return b"[" * depth + b"]" * depth
    data = encode(dump_json(value, draw(st.booleans())), draw(encodings))
    return draw(mutated_bytes(data)) if draw(st.integers(0, 3)) == 0 else data


@st.composite
def jsonl_bytes(draw: Any) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            lines.append(draw(st.binary(max_size=40)))
        elif kind == 1:
            lines.append(b"")
        elif kind == 2:
            depth = draw(st.sampled_from([101, 3_000, 50_000]))
            lines.append(b'{"text": "Ein Satz.", "x": ' + b"[" * depth + b"]" * depth + b"}")
        else:
            lines.append(encode(dump_json(draw(record()), draw(st.booleans())), "utf-8"))
    sep = draw(st.sampled_from([b"\n", b"\r\n", b"\n\n"]))
    return sep.join(lines) + draw(st.sampled_from([b"", b"\n"]))


# -- HTML, feeds and the agency formats -------------------------------------------------------

def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@st.composite
def xml_text(draw: Any) -> str:
    """An article text that XML can hold, three times in four (else as drawn)."""
    text = draw(article_text)
    return _NOT_XML.sub("", text) if draw(st.integers(0, 3)) else text


@st.composite
def html_bytes(draw: Any) -> bytes:
    text = draw(article_text)
    title, _, body = text.partition("\n\n")
    junk = draw(st.sampled_from(["", "<div", "</p></p>", "<script>x=1</script>", "&#xD800;", "&#0;", "&#x110000;", "<!--",
                                 "<![CDATA[", "<p class='a\"", "<table><tr><td>", "&nbsp;&amp", "<svg onload=1>"]))
    paras = "".join(f"<p>{_esc(p) if draw(st.booleans()) else p}</p>" for p in body.split("\n") if p)
    doc = (f"<!doctype html><html lang=de><head><meta charset={draw(st.sampled_from(['utf-8', 'latin-1', 'x-bogus']))}>"
           f"<title>{_esc(title)}</title></head><body><article><h1>{_esc(title)}</h1>{junk}{paras}</article></body></html>")
    data = encode(doc, draw(encodings))
    return draw(mutated_bytes(data)) if draw(st.integers(0, 3)) == 0 else data


@st.composite
def feed_bytes(draw: Any) -> bytes:
    items = []
    for _ in range(draw(st.integers(1, 3))):
        text = draw(xml_text())
        title, _, body = text.partition("\n\n")
        wrap = draw(st.sampled_from(["esc", "cdata", "raw"]))
        desc = f"<![CDATA[{body}]]>" if wrap == "cdata" else (_esc(body) if wrap == "esc" else body)
        items.append(f"<item><title>{_esc(title)}</title><link>https://example.org/{len(items)}</link>"
                     f"<description>{desc}</description><category>{_esc(draw(any_text))}</category>"
                     f"<pubDate>{_esc(draw(st.sampled_from(['Mon, 04 Mar 2024 10:00:00 +0100', 'gestern', ''])))}</pubDate></item>")
    declared = draw(st.sampled_from(["utf-8", "UTF-8", "iso-8859-1", "utf-16", "klingon", "utf-\udce9", ""]))
    decl = f'<?xml version="1.0" encoding="{declared}"?>' if declared else '<?xml version="1.0"?>'
    if draw(st.booleans()):
        doc = f'{decl}<rss version="2.0"><channel><title>Kanal</title>{"".join(items)}</channel></rss>'
    else:
        entries = "".join(i.replace("<item>", "<entry>").replace("</item>", "</entry>").replace("description", "summary") for i in items)
        doc = f'{decl}<feed xmlns="http://www.w3.org/2005/Atom"><title>Kanal</title>{entries}</feed>'
    data = encode(doc, draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16"])))
    return draw(mutated_bytes(data)) if draw(st.integers(0, 3)) == 0 else data


@st.composite
def newsml_bytes(draw: Any) -> bytes:
    text = draw(xml_text())
    title, _, body = text.partition("\n\n")
    body_xml = draw(st.sampled_from(["plain", "xhtml"]))
    if body_xml == "plain":
        content = f'<inlineData contenttype="text/plain">{_esc(body)}</inlineData>'
    else:
        paras = "".join(f"<p>{_esc(p)}</p>" for p in body.split("\n") if p)
        content = (f'<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml">'
                   f"<body>{paras}</body></html></inlineXML>")
    item_class = draw(st.sampled_from(["ninat:text", "ninat:text", "ninat:picture", "bogus"]))

    def meta() -> str:
        return _esc(_NOT_XML.sub("", draw(any_text))).replace('"', "&quot;")

    doc = (f'<?xml version="1.0" encoding="UTF-8"?><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:t:{len(text)}"'
           f' version="{_esc(draw(st.sampled_from(["1", "x", "-3", "99999999999999999999"])))}" xml:lang="de">'
           f'<itemMeta><itemClass qcode="{item_class}"/><versionCreated>{meta()}</versionCreated>'
           f'<signal qcode="sig:{meta()}"/></itemMeta>'
           f"<contentMeta><urgency>{_esc(draw(st.sampled_from(['1', '9', 'x', ''])))}</urgency>"
           f'<subject qcode="medtop:{meta()}"><name>{meta()}</name></subject>'
           f"<headline>{_esc(title)}</headline></contentMeta><contentSet>{content}</contentSet></newsItem>")
    data = encode(doc, "utf-8")
    return draw(mutated_bytes(data)) if draw(st.integers(0, 3)) == 0 else data


@st.composite
def digitalwires_bytes(draw: Any) -> bytes:
    text = draw(article_text)
    title, _, body = text.partition("\n\n")
    item: dict[str, Any] = {
        "format": "digitalwires@" + draw(st.sampled_from(["0.9.1", "1.0", "x"])),
        "urn": draw(st.one_of(st.just("urn:test:dw"), field_value())),
        "version": draw(st.one_of(st.integers(), field_value())),
        "headline": draw(st.one_of(st.just(title), field_value())),
        "article_html": draw(st.one_of(st.just("".join(f"<p>{p}</p>" for p in body.split("\n") if p)), field_value())),
        "categories": draw(st.one_of(
            st.lists(st.fixed_dictionaries({"type": st.sampled_from(["dnltype:dpasubject", "dnltype:keyword", "dnltype:geosubject",
                                                                     "dnltype:desk", "bogus"]),
                                            "name": field_value(), "qcode": st.one_of(st.none(), any_text)}), max_size=4),
            field_value())),
    }
    for key in draw(st.lists(st.sampled_from(["kicker", "teaser", "byline", "dateline", "urgency", "signal", "embargoed",
                                              "version_created", "language", "infobox_html", "creditline"]), max_size=5, unique=True)):
        item[key] = draw(field_value())
    data = encode(dump_json(item, draw(st.booleans())), "utf-8")
    return draw(mutated_bytes(data)) if draw(st.integers(0, 4)) == 0 else data


@st.composite
def iptc7901_bytes(draw: Any) -> bytes:
    text = draw(article_text)
    title, _, body = text.partition("\n\n")
    header = draw(st.sampled_from(["bdt0000 2 pl 55  dpa 0000", "x", "bdt0001 9 wi 999 dpa 9999 " + "9" * 30]))
    msg = (f"\x01{header}\r\n\r\n{draw(any_text)}/\r\n\x02{title}\r\n\r\n{body.replace(chr(10), chr(13) + chr(10))}"
           f"\r\n\r\n\x03011530 Mär 25\r\n\x7f\x04")
    data = encode(msg * draw(st.integers(1, 2)), draw(st.sampled_from(["utf-8", "latin-1", "cp1252"])))
    return draw(mutated_bytes(data)) if draw(st.integers(0, 3)) == 0 else data


@st.composite
def text_bytes(draw: Any) -> bytes:
    data = encode(draw(article_text), draw(encodings))
    return draw(mutated_bytes(data)) if draw(st.integers(0, 3)) == 0 else data


INPUTS: dict[str, tuple[st.SearchStrategy[bytes], str]] = {
    "text": (text_bytes(), ".txt"),
    "html": (html_bytes(), ".html"),
    "json": (json_bytes(), ".json"),
    "jsonl": (jsonl_bytes(), ".jsonl"),
    "feed": (feed_bytes(), ".xml"),
    "newsml": (newsml_bytes(), ".xml"),
    "digitalwires": (digitalwires_bytes(), ".json"),
    "iptc7901": (iptc7901_bytes(), ".iptc"),
}
"""Per reader: the strategy of its inputs and the file extension that picks it."""


def giant_inputs() -> Iterable[tuple[str, str, bytes]]:
    """(name, file name, bytes) of the large inputs no strategy draws: 1 MB lines without a
    space in every format, JSON nested 100,000 deep, a 2,000,001-character text."""
    line = "Ä" * 500_000  # 1 MB of UTF-8
    yield "1 MB line, text", "lang.txt", line.encode()
    yield "1 MB line, ASCII text", "lang.txt", b"A" * 1_000_000
    yield "1 MB line, punctuation", "lang.txt", ("a.b-c/„d“," * 100_000).encode()
    yield "1 MB line, JSON Lines", "lang.jsonl", json.dumps({"text": line}).encode() + b"\n" + b'{"text": "Kurz."}\n'
    yield "1 MB line, JSON", "lang.json", json.dumps({"title": line, "text": line}).encode()
    yield "1 MB line, HTML", "lang.html", f"<html><body><p>{line}</p></body></html>".encode()
    yield "1 MB line, feed", "lang.xml", f'<rss version="2.0"><channel><item><title>T</title><description>{line}</description></item></channel></rss>'.encode()
    yield "1 MB line, NewsML-G2", "lang.xml", (f'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g"><itemMeta><itemClass qcode="ninat:text"/>'
                                              f'</itemMeta><contentSet><inlineData>{line}</inlineData></contentSet></newsItem>').encode()
    yield "1 MB line, digitalwires", "lang.json", json.dumps({"format": "digitalwires@1.0", "article_html": f"<p>{line}</p>"}).encode()
    yield "1 MB line, IPTC 7901", "lang.iptc", f"\x01bdt0000 2 pl 55  dpa 0000\r\n\x02Titel\r\n\r\n{line}\r\n\x03\x04".encode()
    yield "JSON nested 100,000 deep", "tief.json", b"[" * 100_000 + b"]" * 100_000
    yield "JSON Lines nested 100,000 deep", "tief.jsonl", b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n{\"text\": \"Gut.\"}\n"
    yield "objects nested 50,000 deep", "tief.json", b'{"a":' * 50_000 + b"1" + b"}" * 50_000
    yield "2,000,001 characters", "gross.txt", b"Wort " * 400_000 + b"x"


# -- invariants -------------------------------------------------------------------------------


def span_violations(analysis_dict: dict[str, Any], text: str) -> list[str]:
    """Every dict with ``start``, ``end`` and ``text`` in the analysis must point at its text."""
    out = []
    stack: list[tuple[str, Any]] = [("", analysis_dict)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            s, e, t = node.get("start"), node.get("end"), node.get("text")
            if isinstance(s, int) and isinstance(e, int) and isinstance(t, str) and path != ".article":
                if text[s:e] != t:
                    out.append(f"{path}: text[{s}:{e}] = {text[s:e]!r} != {t!r}")
            stack.extend((f"{path}.{k}", v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(node))
    return out


def article_violations(article: Article) -> list[str]:
    out = []
    text = article.text
    if not text.strip():
        out.append("an Article with an empty text")
    for b in article.blocks:
        if text[b.start : b.end] != b.text:
            out.append(f"block {b.kind} {b.start}:{b.end} does not match its text")
    if article.dateline is not None and text[article.dateline.start : article.dateline.end] != article.dateline.text:
        out.append("the dateline does not match its text")
    try:
        json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")
    except (ValueError, TypeError, RecursionError) as exc:
        out.append(f"the article cannot be written as UTF-8 JSON: {type(exc).__name__}: {exc}")
    return out


def classify(item: object) -> str | None:
    """None for a good result; else what is wrong with it."""
    if isinstance(item, Article):
        problems = article_violations(item)
        return "; ".join(problems) if problems else None
    if isinstance(item, InternalError):
        return f"InternalError: {item}"
    if isinstance(item, DOCUMENTED_ERRORS):
        return None
    return f"an undocumented result: {type(item).__name__}: {item!r}"[:300]


def read_all(read: Callable[[], Iterable[object]]) -> tuple[list[object], list[str]]:
    """The results of one reader call and what is wrong with them (an escaped exception too)."""
    problems = []
    try:
        results = list(read())
    except Exception as exc:  # noqa: BLE001 - the fuzz target: nothing may escape
        return [], [f"raised {type(exc).__name__}: {exc}"[:300]]
    for item in results:
        problem = classify(item)
        if problem:
            problems.append(problem)
    return results, problems


def fingerprint(results: list[object]) -> str:
    """A comparable form of reader results (for the determinism check)."""
    parts = []
    for item in results:
        if isinstance(item, Article):
            parts.append(json.dumps(item.to_dict(), ensure_ascii=True, sort_keys=True, default=str))
        else:
            parts.append(f"{type(item).__name__}:{item}")
    return "\n".join(parts)


def analysis_violations(analysis: Any) -> list[str]:
    data = analysis.to_dict(tokens=True)
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (ValueError, TypeError, RecursionError) as exc:
        return [f"the analysis cannot be written as UTF-8 JSON: {type(exc).__name__}"]
    return span_violations(data, analysis.article.text)


def analysis_json(analysis: Any) -> str:
    return json.dumps(analysis.to_dict(tokens=True), ensure_ascii=True, sort_keys=True)


_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def short(data: bytes, limit: int = 160) -> str:
    """A printable head of an input, for the report."""
    return _ADDRESS.sub("", repr(data[:limit])) + (f"... ({len(data):,} bytes)" if len(data) > limit else "")
