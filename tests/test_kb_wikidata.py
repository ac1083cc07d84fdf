"""The Wikidata dump importer, the user overlay, newsroom vocabulary and the kb commands."""

from __future__ import annotations

import bz2
import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tagwerk.kb import clear_cache, load_kb
from tagwerk.kb.newsroom import VocabularyError, add_term, load_vocabulary
from tagwerk.kb.wikidata import WikidataImportError, import_dump, iter_dump

SAMPLE = Path(__file__).parent / "data" / "wikidata-sample.jsonl"


@pytest.fixture
def sample_variants(tmp_path):
    raw = SAMPLE.read_bytes()
    gz = tmp_path / "dump.json.gz"
    gz.write_bytes(gzip.compress(raw))
    bz = tmp_path / "dump.json.bz2"
    bz.write_bytes(bz2.compress(raw))
    return {"plain": SAMPLE, "gz": gz, "bz2": bz}


@pytest.mark.parametrize("variant", ["plain", "gz", "bz2"])
def test_kb_wikidata_reads_dump_formats(sample_variants, variant):
    ids = [item["id"] for item in iter_dump(sample_variants[variant])]
    assert ids[0] == "Q7747" and len(ids) == 5


def test_kb_wikidata_imports_chosen_types(tmp_path):
    out = tmp_path / "kb-user.jsonl"
    n = import_dump(SAMPLE, out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    names = {r["n"] for r in rows}
    # no German label and an unchosen class (a mountain) are skipped
    assert n == 3 and names == {"Wladimir Putin", "Erika Musterfrau", "Beispielstädter Nachrichtendienst"}
    only_people = tmp_path / "people.jsonl"
    assert import_dump(SAMPLE, only_people, types=["Q5"]) == 2


def test_kb_wikidata_overlay_merges_by_qid(tmp_path):
    out = tmp_path / "kb-user.jsonl"
    import_dump(SAMPLE, out)
    kb = load_kb(user=out)
    putin = kb.get("Q7747")
    assert putin.id == "tw:per:wladimir-putin"  # merged into the shipped entry
    assert "W. W. Putin" in putin.aliases
    assert kb.lookup("Erika Musterfraus")[0].entry.qid == "Q999999999001"
    clear_cache()


def test_kb_wikidata_bad_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[\n{"id": "Q1",\nnot json\n]\n', encoding="utf-8")
    with pytest.raises(WikidataImportError):
        list(iter_dump(bad))


def test_kb_newsroom_vocabulary_roundtrip(tmp_path):
    path = tmp_path / "newsroom.yaml"
    add_term(path, "Ukraine-Krieg", aliases=["Krieg in der Ukraine"], description="Russlands Krieg gegen die Ukraine")
    add_term(path, "Ukraine-Krieg", aliases=["Ukrainekrieg"])
    entries = load_vocabulary(path)
    assert len(entries) == 1 and entries[0].aliases == ("Krieg in der Ukraine", "Ukrainekrieg")
    kb = load_kb(user=False, vocabularies=[path])
    assert kb.lookup("Ukrainekrieg")[0].entry.name == "Ukraine-Krieg"
    with pytest.raises(VocabularyError):
        add_term(path, "X", type="FOO")


def _cli():
    from tagwerk.cli import app

    return app


def test_kb_cli_show_add_import(tmp_path, monkeypatch):
    monkeypatch.setenv("TAGWERK_KB_USER", str(tmp_path / "kb-user.jsonl"))
    clear_cache()
    runner = CliRunner()
    app = _cli()
    r = runner.invoke(app, ["kb", "show", "Putins"])
    assert r.exit_code == 0 and "Wladimir Putin" in r.output and "Q7747" in r.output
    r = runner.invoke(app, ["kb", "show", "German"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["kb", "import", "wikidata", str(SAMPLE), "--types", "Q5"])
    assert r.exit_code == 0 and "imported 2" in r.output
    r = runner.invoke(app, ["kb", "show", "Erika Musterfrau", "--json"])
    assert r.exit_code == 0 and json.loads(r.output)[0]["q"] == "Q999999999001"
    vocab = tmp_path / "nr.yaml"
    r = runner.invoke(app, ["kb", "add", "Klimakrise", "--alias", "Klimawandel", "--file", str(vocab)])
    assert r.exit_code == 0 and vocab.exists()
    r = runner.invoke(app, ["kb", "import", "wikidata", str(tmp_path / "missing.json")])
    assert r.exit_code == 1
    r = runner.invoke(app, ["kb", "stats"])
    assert r.exit_code == 0 and "PER" in r.output
    clear_cache()
