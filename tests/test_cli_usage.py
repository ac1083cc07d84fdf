"""Usage errors: exit code 2 and one clear line on stderr, whatever option was wrong; ``--stages``
adds the stages a stage needs; ``analyze`` reads a pipe on stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tagwerk
from tagwerk.cli import EXIT_OK, EXIT_USAGE, main

SRC = Path(tagwerk.__file__).resolve().parents[1]  # the tagwerk under test


def run(argv, capsys):
    code = main(argv)
    out, errout = capsys.readouterr()
    return code, out, errout


@pytest.mark.parametrize(
    "argv, words",
    [
        (["analyze", "--stages", "foo"], ["--stages", "foo", "tokens"]),
        (["analyze", "--stages", "tokens,foo,bar"], ["'foo', 'bar'"]),
        (["analyze", "--ner-model", "nonsense", "--stages", "tokens,ner"], ["--ner-model", "nonsense", "accurate"]),
        (["tag", "--ner-model", "/nowhere/at/all", "x.txt"], ["--ner-model"]),
        (["search", "--from", "gestern", "Zölle"], ["--from", "gestern"]),
        (["search", "--to", "morgen"], ["--to", "morgen"]),
        (["analyze", "--top-k", "0"], ["--top-k"]),
        (["analyze", "--format", "xml"], ["--format", "xml"]),
        (["batch", "in.jsonl", "--stages", "foo"], ["--stages", "foo"]),
        (["ingest", "x.txt", "--stages", "foo"], ["--stages", "foo"]),
        (["nosuchcommand"], ["nosuchcommand"]),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) and v and v[0][0] != "-" and " " not in v[0] else None,
)
def test_cli_usage_error_is_exit_2_and_one_line(argv, words, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, errout = run(argv, capsys)
    lines = [line for line in errout.splitlines() if line.strip()]
    assert code == EXIT_USAGE, errout
    assert len(lines) == 1, errout
    assert lines[0].startswith("tagwerk")
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in errout and "[E0" not in errout and "╭" not in errout
    assert not (tmp_path / "tagwerk.db").exists()


def test_pipeline_resolve_stages_adds_what_a_stage_needs():
    from tagwerk.pipeline import resolve_stages

    assert resolve_stages(["quotes"]) == ("tokens", "ner", "entities", "quotes")
    assert resolve_stages(["tags"]) == ("tokens", "ner", "entities", "keyphrases", "section", "tags")
    assert resolve_stages(["tokens", "keyphrases"]) == ("tokens", "keyphrases")
    assert resolve_stages(["section", "tokens"]) == ("tokens", "section")


def test_pipeline_order_error_names_the_missing_stages():
    from tagwerk import Analyzer
    from tagwerk.errors import PipelineError

    with pytest.raises(PipelineError, match=r"run tokens, ner, entities before it"):
        Analyzer(stages=("quotes",))


def test_cli_stages_adds_the_stages_it_needs(capsys):
    code, out, errout = run(["analyze", "--stages", "section", "--format", "json"], capsys)
    assert code == EXIT_OK
    assert list(json.loads(out)["stages"]) == ["tokens", "section"]
    assert "also running tokens" in errout


def _cli(args, **kw):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "tagwerk.cli", *args], capture_output=True, env=env, timeout=120, **kw)


def test_cli_analyze_reads_a_pipe_on_stdin():
    text = "Hamburg (dpa) - Der Hafen meldet einen Rekord bei den Containern."
    done = _cli(["analyze", "--stages", "tokens", "--format", "json"], input=text.encode())
    assert done.returncode == EXIT_OK, done.stderr.decode()
    data = json.loads(done.stdout)
    assert "Hafen meldet einen Rekord" in data["article"]["text"]
    assert "Handelsstreit" not in data["article"]["text"]  # not the bundled example


def test_cli_analyze_without_input_shows_the_example():
    done = _cli(["analyze", "--stages", "tokens", "--format", "json"], stdin=subprocess.DEVNULL)
    assert done.returncode == EXIT_OK, done.stderr.decode()
    assert json.loads(done.stdout)["article"]["credit"]["outlet"] == "ntv.de"
