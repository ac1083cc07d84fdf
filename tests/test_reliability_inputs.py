"""Poison records (issue 35): deep JSON, lone surrogates, a broken feed declaration, wrong field
types and wrong argument types each get a typed error or a warning in their place, and the
good records beside them are still read, analysed, stored and resumed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tagwerk.article import Article
from tagwerk.batch import BatchOptions, run_batch
from tagwerk.cli import EXIT_PARTIAL, main
from tagwerk.errors import ArticleError, EmptyArticleError, FieldTypeError, NestingTooDeepError
from tagwerk.pipeline import AnalyzerConfig
from tagwerk.readers import read_bytes, read_path

GOOD = "Berlin (dpa) - Die Bundesregierung hat am Montag einen neuen Haushalt beschlossen. Der Bundestag berät im Herbst."
TOKENS = AnalyzerConfig(stages=("tokens",))


def nested(depth: int) -> object:
    return json.loads("[" * depth + "]" * depth)


def jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=True).encode() + b"\n" for r in records)


def ingested(db: Path, path: Path) -> list[bool]:
    from tagwerk.store.ingest import ingest_paths

    oks: list[bool] = []
    ingest_paths(str(db), [str(path)], config=TOKENS, on_outcome=lambda o, _s: oks.append(o.ok))
    return oks


def kinds(results: list) -> list[str]:
    return [type(r).__name__ for r in results]


# -- D1: deeply nested JSON ------------------------------------------------------------------


def test_reliability_deep_json_document_is_a_typed_error():
    results = list(read_bytes(b"[" * 100_000 + b"]" * 100_000, source="deep.json"))
    assert kinds(results) == ["NestingTooDeepError"]
    assert isinstance(results[0], NestingTooDeepError) and "nest" in str(results[0])


@pytest.mark.parametrize("depth", [200, 500, 5000])
def test_reliability_deep_extra_field_rejects_only_its_record(depth):
    data = jsonl({"text": GOOD}, {"text": GOOD + " Zwei.", "extra": nested(min(depth, 900))}, {"text": GOOD + " Drei."})
    if depth > 900:  # deeper than the parser goes: the line itself
        data = jsonl({"text": GOOD}) + b'{"text": "x", "extra": ' + b"[" * depth + b"]" * depth + b"}\n" + jsonl({"text": GOOD + " Drei."})
    results = list(read_bytes(data, source="mixed.jsonl"))
    assert kinds(results) == ["Article", "NestingTooDeepError", "Article"]
    assert results[1].line == 2


def test_reliability_deep_json_in_first_line_of_jsonl_sniffing():
    head = b'{"text": "a", "x": ' + b"[" * 3000 + b"]" * 3000 + b"}\n"
    results = list(read_bytes(head + jsonl({"text": GOOD}), source="-"))
    assert isinstance(results[0], NestingTooDeepError)
    assert isinstance(results[-1], Article)


def test_reliability_deep_record_does_not_stop_analyze_cli(tmp_path, capsys):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(jsonl({"text": GOOD}, {"text": GOOD + " Zwei.", "extra": nested(500)}, {"text": GOOD + " Drei."}))
    code = main(["analyze", str(path), "--stages", "tokens", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == EXIT_PARTIAL and "Traceback" not in err
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3 and lines[1]["error"]["error"] == "NestingTooDeepError"


def test_reliability_deep_record_does_not_block_batch_or_its_resume(tmp_path):
    inp = tmp_path / "in.jsonl"
    records = [{"id": f"a{i}", "text": GOOD + f" Nummer {i}."} for i in range(40)]
    records[17] = {"id": "tief", "text": GOOD, "extra": nested(500)}
    inp.write_bytes(jsonl(*records))
    out = tmp_path / "out.jsonl"
    opts = BatchOptions(inputs=(str(inp),), out=out, config=TOKENS, chunk_size=8, checkpoint_records=8)

    def stop_after_first_chunk(stats) -> None:  # noqa: ANN001 - a run killed at its first checkpoint
        if stats.done >= 8:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(opts, progress=stop_after_first_chunk)
    result = run_batch(opts)  # the resume reads past the poison record
    assert result.stats.resumed_from == 8
    assert result.stats.ok == 39 and result.stats.failed == 1
    errors = [json.loads(line) for line in result.errors.read_text().splitlines()]
    assert errors[0]["error"] == "NestingTooDeepError" and errors[0]["line"] == 18
    assert len(out.read_text().splitlines()) == 39
    assert run_batch(opts).already_complete


def test_reliability_deep_record_is_refused_by_ingest_not_the_run(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(jsonl({"text": GOOD}, {"text": GOOD + " Zwei.", "extra": nested(500)}, {"text": GOOD + " Drei."}))
    assert ingested(tmp_path / "s.db", path) == [True, False, True]


# -- D3: lone surrogates -----------------------------------------------------------------------


def test_reliability_lone_surrogate_replaced_with_a_warning():
    data = b'{"title": "Titel \\udc80", "text": "Hallo \\ud800 Welt. ' + GOOD.encode() + b'", "tags": ["a\\ud800"]}\n'
    data += jsonl({"text": GOOD})
    results = list(read_bytes(data, source="s.jsonl"))
    assert kinds(results) == ["Article", "Article"]
    art = results[0]
    assert "\ud800" not in art.text and "\ufffd" in art.text
    assert all(not 0xD800 <= ord(c) <= 0xDFFF for c in json.dumps(art.to_dict(), ensure_ascii=False))
    assert any("surrogate" in w for w in art.warnings)
    art.text.encode("utf-8")  # would raise on a surrogate
    json.dumps(art.to_dict(), ensure_ascii=False).encode("utf-8")


def test_reliability_surrogates_reach_neither_json_nor_sqlite(tmp_path, capsys):
    path = tmp_path / "s.jsonl"
    path.write_bytes(b'{"text": "Hallo \\ud800 Welt. ' + GOOD.encode() + b'", "extra": {"k\\udfff": "v\\ud800"}}\n' + jsonl({"text": GOOD}))
    code = main(["analyze", str(path), "--stages", "tokens", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err and len(out.splitlines()) == 2
    assert ingested(tmp_path / "s.db", path) == [True, True]


def test_reliability_analyzer_cleans_surrogates_of_an_article_object(token_analyzer):
    from tagwerk.article import parse_text

    analysis = token_analyzer.analyze(parse_text("Eine Meldung \udc00 aus Köln. " + GOOD))
    assert "\udc00" not in analysis.article.text
    assert all(t.text == analysis.article.text[t.start : t.end] for t in analysis.tokens)
    json.dumps(analysis.to_dict(), ensure_ascii=False).encode("utf-8")


# -- D4: a feed whose XML declaration holds a non-UTF-8 byte -------------------------------------

BAD_DECL_FEED = (
    b'<?xml version="1.0" encoding="utf-\xe9"?><rss version="2.0"><channel><title>K</title>'
    b"<item><title>Neuer Haushalt</title><description>" + GOOD.encode() + b"</description></item></channel></rss>"
)


def test_reliability_feed_with_bad_encoding_declaration_is_read_or_reported():
    results = list(read_bytes(BAD_DECL_FEED, source="f.xml"))
    assert results and all(isinstance(r, Article | ArticleError) for r in results)


def test_reliability_folder_goes_on_after_a_broken_feed(tmp_path):
    (tmp_path / "a.xml").write_bytes(BAD_DECL_FEED)
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    results = list(read_path(tmp_path))
    assert isinstance(results[-1], Article) and results[-1].source.endswith("b.txt")


# -- wrong field types ------------------------------------------------------------------------


@pytest.mark.parametrize("value, name", [(12345, "int"), (1.5, "float"), (True, "bool"), ({"a": 1}, "dict")])
def test_reliability_text_of_the_wrong_type_names_the_type(value, name):
    (result,) = read_bytes(json.dumps({"text": value}).encode(), source="a.json")
    assert isinstance(result, FieldTypeError)
    assert "text" in str(result) and name in str(result)


def test_reliability_missing_text_is_still_empty():
    (result,) = read_bytes(b'{"title": "Nur ein Titel"}', source="a.json")
    assert isinstance(result, EmptyArticleError)


@pytest.mark.parametrize("title", [["Erster", "Zweiter"], {"de": "Titel"}, [1, 2]])
def test_reliability_title_of_the_wrong_type_is_reported(title):
    (result,) = read_bytes(json.dumps({"text": GOOD, "title": title}).encode(), source="a.json")
    assert isinstance(result, Article)
    assert any("title" in w for w in result.warnings)


# -- D10: the Analyzer's argument ---------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 12345, 1.5, ["Ein Text."], {"text": "x"}])
def test_reliability_analyze_wrong_argument_type_is_a_type_error(token_analyzer, value):
    with pytest.raises(TypeError, match="Article"):
        token_analyzer.analyze(value)


def test_reliability_analyze_bytes_reads_them_as_text(token_analyzer):
    analysis = token_analyzer.analyze(GOOD.encode("utf-8"))
    assert analysis.article.text.startswith("Berlin (dpa)")
    latin = token_analyzer.analyze("Köln: Bürger wählen.".encode("cp1252"))
    assert "Köln" in latin.article.text and latin.warnings


def test_reliability_analyze_binary_bytes_is_an_article_error(token_analyzer):
    with pytest.raises(ArticleError):
        token_analyzer.analyze(b"\x00\x01\x02" * 50)


def test_reliability_readers_never_raise_on_a_folder_of_poison(tmp_path: Path):
    (tmp_path / "deep.json").write_bytes(b"[" * 50_000 + b"]" * 50_000)
    (tmp_path / "feed.xml").write_bytes(BAD_DECL_FEED)
    (tmp_path / "s.jsonl").write_bytes(b'{"text": "\\ud800"}\n')
    (tmp_path / "z.txt").write_text(GOOD, encoding="utf-8")
    results = list(read_path(tmp_path))
    assert all(isinstance(r, Article | ArticleError) for r in results)
    assert isinstance(results[-1], Article)


def test_reliability_store_refuses_what_it_cannot_encode_with_a_store_error(tmp_path, token_analyzer):
    from tagwerk.store import StoreError, open_store

    analysis = token_analyzer.analyze(GOOD)
    analysis.article.metadata["von Hand"] = "\ud800"  # built by a library caller, past the readers
    store = open_store(str(tmp_path / "s.db"))
    try:
        with pytest.raises(StoreError, match="could not store"):
            store.ingest(analysis)
        assert store.counts()["articles"] == 0
    finally:
        store.close()


# -- D9: two batch runs on one output ---------------------------------------------------------


def test_reliability_second_batch_on_the_same_output_is_refused(tmp_path):
    import subprocess
    import sys

    from tagwerk.batch.sinks import BatchError

    inp = tmp_path / "in.jsonl"
    inp.write_bytes(jsonl(*({"id": f"a{i}", "text": GOOD + f" Nummer {i}."} for i in range(30))))
    out = tmp_path / "out.jsonl"
    opts = BatchOptions(inputs=(str(inp),), out=out, config=TOKENS)
    # a first run that holds the output: a child process stopped in its first progress callback
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys, time\n"
            "from tagwerk.batch import BatchOptions, run_batch\n"
            "from tagwerk.pipeline import AnalyzerConfig\n"
            f"opts = BatchOptions(inputs=({str(inp)!r},), out=__import__('pathlib').Path({str(out)!r}),"
            " config=AnalyzerConfig(stages=('tokens',)), chunk_size=1)\n"
            "def wait(stats):\n"
            "    print('running', flush=True); time.sleep(60)\n"
            "run_batch(opts, progress=wait)\n"
        )],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "running"
        with pytest.raises(BatchError, match="another batch run"):
            run_batch(opts)
    finally:
        holder.kill()
        holder.wait()
    result = run_batch(opts)  # the holder was killed: its lock went with it, and the run resumes
    assert result.stats.ok == 30
    assert len(out.read_text().splitlines()) == 30


# -- crashes the fuzzer found (benchmarks/fuzz.py, tests/test_fuzz_quick.py) -------------------


@pytest.mark.parametrize("html", ["\x1b", "<p>Ein\x00 Satz.</p>", "<p>Text \x0b mit \x1f Steuerzeichen.</p>", "\ud800<p>x</p>"])
def test_reliability_fuzz_digitalwires_html_with_control_characters(html):
    record = {"format": "digitalwires@0.9.1", "urn": "urn:test:dw", "headline": "Titel", "article_html": html}
    results = list(read_bytes(json.dumps(record).encode(), source="dw.json"))
    assert len(results) == 1
    assert isinstance(results[0], Article) or type(results[0]).__name__ in ("EmptyArticleError", "SkippedItemError")
