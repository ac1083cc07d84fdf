"""The CLI on agency wires: one JSON Lines record per text item, skipped items reported on stderr
without failing the run, NewsML-G2 output."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from tagwerk.cli import EXIT_OK, main

NAR = "http://iptc.org/std/nar/2006-10-01/"


def run(argv, capsys):
    code = main(argv)
    out, errout = capsys.readouterr()
    return code, out, errout


def test_cli_analyze_newsml_folder_as_jsonl(shared_dir, capsys):
    folder = shared_dir / "data" / "dpa-samples" / "newsml-g2"
    if not folder.is_dir():
        pytest.skip("dpa samples not available")
    code, out, errout = run(["analyze", str(folder), "--stages", "tokens", "--format", "jsonl"], capsys)
    assert code == EXIT_OK
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 15 and all("error" not in r for r in records)
    by_file = {r["article"]["source"].rsplit("/", 1)[-1]: r["article"] for r in records}
    art = by_file["with_dateline.xml"]
    assert art["id"] == "urn:newsml:dpa.com:20090101:250128-930-357319"
    assert art["date"] == "2025-01-28T09:18:34+01:00"
    assert art["credit"]["authors"] == ["Andrej Sokolow"] and art["dateline"]["place"] == "New York"
    assert art["wire"]["version"] == 2 and art["given_subjects"]
    skipped = [line for line in errout.splitlines() if "skipped" in line]
    assert len(skipped) == 3 and any("audio" in line for line in skipped)


def test_cli_analyze_only_skipped_items_is_not_a_failure(tmp_path, capsys):
    path = tmp_path / "bild.xml"
    path.write_text(f'<newsItem xmlns="{NAR}" guid="urn:test:bild"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta></newsItem>')
    code, out, errout = run(["analyze", str(path), "--stages", "tokens", "--format", "jsonl"], capsys)
    assert code == EXIT_OK and out == ""
    assert "urn:test:bild: skipped: a picture item" in errout


def test_cli_analyze_format_newsml(tmp_path, capsys):
    path = tmp_path / "meldung.txt"
    path.write_text("Neue Brücke eröffnet\n\nDresden (dpa) - Die neue Elbbrücke ist für den Verkehr freigegeben.\n", encoding="utf-8")
    code, out, _ = run(["analyze", str(path), "--stages", "tokens", "--format", "newsml"], capsys)
    assert code == EXIT_OK
    root = etree.fromstring(out.encode())
    assert root.tag == f"{{{NAR}}}newsItem"
    assert root.findtext(f"{{{NAR}}}contentMeta/{{{NAR}}}headline") == "Neue Brücke eröffnet"
