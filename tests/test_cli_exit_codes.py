"""The CLI: exit codes, one-line messages, output formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tagwerk.cli import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, main

READERS = Path(__file__).parent / "data" / "readers"


def run(argv, capsys):
    code = main(argv)
    out, errout = capsys.readouterr()
    return code, out, errout


def test_cli_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == EXIT_OK and out.startswith("tagwerk ")


def test_cli_analyze_bundled_example_as_json(capsys):
    code, out, _ = run(["analyze", "--stages", "tokens", "--format", "json"], capsys)
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["article"]["credit"]["outlet"] == "ntv.de"
    assert data["article"]["credit"]["agencies"] == ["dpa", "Reuters"]
    assert len(data["sentences"]) > 10
    assert data["stages"] == {"tokens": "1.0.0"} or "tokens" in data["stages"]


def test_cli_analyze_text_ends_with_tags_line(capsys):
    code, out, _ = run(["analyze", "--stages", "tokens"], capsys)
    assert code == EXIT_OK
    assert out.rstrip("\n").splitlines()[-1].startswith("Tags:")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"   \n\t \n", "whitespace"),
        (b"\x00\x01\x02binary\x00\xff" * 20, "binary"),
    ],
)
def test_cli_bad_input_gives_one_line_and_exit_1(tmp_path, capsys, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, errout = run(["analyze", str(path), "--stages", "tokens"], capsys)
    assert code == EXIT_FAILED
    lines = [line for line in errout.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0].lower()
    assert "Traceback" not in errout


def test_cli_too_large_article(tmp_path, capsys):
    path = tmp_path / "gross.txt"
    path.write_text("Ein Satz über Berlin. " * 2000, encoding="utf-8")
    code, _, errout = run(["analyze", str(path), "--stages", "tokens", "--max-chars", "1000"], capsys)
    assert code == EXIT_FAILED and "limit" in errout


def test_cli_cp1252_falls_back_with_warning(tmp_path, capsys):
    path = tmp_path / "alt.txt"
    path.write_bytes("Die Bürger in Köln grüßen.\nQuelle: dpa".encode("cp1252"))
    code, out, errout = run(["analyze", str(path), "--stages", "tokens"], capsys)
    assert code == EXIT_OK
    assert "Bürger in Köln" in out and "cp1252" in errout


def test_cli_jsonl_keeps_lines_aligned_and_reports_partial(capsys):
    code, out, errout = run(["analyze", str(READERS / "meldungen.jsonl"), "--stages", "tokens", "--format", "jsonl"], capsys)
    lines = out.strip().splitlines()
    records = [json.loads(line) for line in lines]
    errors = [i for i, r in enumerate(records) if "error" in r]
    assert code == EXIT_PARTIAL
    assert errors == [1]
    assert records[1]["error"]["line"] == 2 and "line 2" in errout or ":2" in errout
    # the one error record of tagwerk.workers.Outcome, as in the batch errors file
    assert set(records[1]["error"]) == {"id", "source", "line", "error", "reason"}
    assert records[1]["error"]["error"] == "MalformedJSONError"


def test_cli_missing_file(capsys):
    code, _, errout = run(["analyze", "/nonexistent/nirgends.txt", "--stages", "tokens"], capsys)
    assert code == EXIT_FAILED and "nirgends.txt" in errout


def test_cli_usage_error_exit_2():
    proc = subprocess.run([sys.executable, "-m", "tagwerk.cli", "analyze", "--no-such-option"], capture_output=True, text=True)
    assert proc.returncode == 2


def test_cli_stages_lists_versions(capsys):
    code, out, _ = run(["stages"], capsys)
    assert code == EXIT_OK and "tokens" in out and "1.0.0" in out


def test_cli_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hamburg ist eine Stadt.\nQuelle: dpa")))
    code, out, _ = run(["analyze", "-", "--stages", "tokens", "--format", "json"], capsys)
    assert code == EXIT_OK and json.loads(out)["article"]["credit"]["agencies"] == ["dpa"]


def test_cli_jsonld_is_a_schema_org_news_article(capsys):
    code, out, _ = run(["analyze", "--stages", "tokens", "--format", "jsonld"], capsys)
    doc = json.loads(out)
    assert code == EXIT_OK
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "NewsArticle"
    assert doc["publisher"]["name"] == "ntv.de"
    assert {"@type": "Organization", "name": "dpa"} in doc["author"]
