"""Batch input planning: partitions read back exactly what the readers read, in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tagwerk.batch import records as rec
from tagwerk.errors import ArticleError
from tagwerk.readers import read_path

SÄTZE = [
    "Die Stadtverwaltung von Münster hat am Montag neue Pläne für den Radverkehr vorgestellt.",
    "Bürgermeisterin Jana Köhler sagte, die Änderungen sollten bis zum Herbst umgesetzt werden.",
    "Kritik kam von der Opposition im Stadtrat, die höhere Kosten befürchtet.",
    "Nach Angaben der Verwaltung kostet das Vorhaben rund 4,5 Millionen Euro.",
    "Anwohner äußerten sich überwiegend zufrieden über die geplanten Übergänge.",
]


def record(i: int, **extra) -> dict:
    text = "\n\n".join(SÄTZE[(i + k) % len(SÄTZE)] for k in range(3))
    return {"id": f"a{i:04d}", "title": f"Neue Radwege für Münster, Teil {i}", "date": "2024-05-06", "text": text, **extra}


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def key(item) -> tuple:
    if isinstance(item, ArticleError):
        return ("error", type(item).__name__, item.source, item.line)
    return ("article", item.id, item.source, item.text, tuple(item.given_tags), item.date)


@pytest.mark.parametrize("per_partition", [1, 3, 7, 1000])
def test_batch_jsonl_partitions_read_like_the_readers(tmp_path: Path, per_partition: int) -> None:
    lines = [json.dumps(record(i), ensure_ascii=False) for i in range(12)]
    lines.insert(4, "")  # a blank line is no record
    lines.insert(7, "{kaputt")  # malformed
    lines.insert(9, json.dumps({"id": "leer", "text": "  "}))  # no text
    lines.append(json.dumps({"title": "Ohne Kennung", "text": "Ein Text ohne id und ohne url."}))
    path = write_jsonl(tmp_path / "archiv.jsonl", lines)
    parts = rec.plan([str(path)], per_partition=per_partition)
    assert rec.estimate_total(parts) == 15
    assert all(p.kind == "jsonl" for p in parts)
    assert [key(x) for x in rec.iter_records(parts)] == [key(x) for x in read_path(str(path))]


@pytest.mark.parametrize("skip", [0, 1, 4, 5, 9, 10, 11])
def test_batch_skip_resumes_at_the_right_record(tmp_path: Path, skip: int) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps(record(i)) for i in range(10)])
    parts = rec.plan([str(path)], per_partition=3)
    ids = [a.id for a in rec.iter_records(parts, skip=skip)]
    assert ids == [f"a{i:04d}" for i in range(skip, 10)]


def test_batch_no_trailing_newline_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(b"\r\n".join(json.dumps(record(i)).encode() for i in range(5)))
    parts = rec.plan([str(path)], per_partition=2)
    assert rec.estimate_total(parts) == 5
    assert [key(x) for x in rec.iter_records(parts)] == [key(x) for x in read_path(str(path))]


def test_batch_parquet_row_groups(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [record(i, tags=None) for i in range(23)]
    rows[5]["text"] = None  # a row without text fails, the others go on
    rows[6]["tags"] = "Verkehr, Münster"
    path = tmp_path / "archiv.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=4)
    parts = rec.plan([str(path)], per_partition=8)
    assert [p.kind for p in parts] == ["parquet"] * 3
    assert rec.estimate_total(parts) == 23
    items = list(rec.iter_records(parts))
    assert len(items) == 23
    assert isinstance(items[5], ArticleError) and items[5].line == 6
    assert items[6].given_tags == ["Verkehr", "Münster"]
    assert [x.id for x in items if not isinstance(x, ArticleError)] == [r["id"] for i, r in enumerate(rows) if i != 5]
    assert [x.id for x in rec.iter_records(parts, skip=9)][0] == "a0009"


def test_batch_parquet_dates_become_iso_text(tmp_path: Path) -> None:
    import datetime

    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    rows = [record(0), record(1)]
    rows[0]["date"] = datetime.date(2024, 5, 6)
    rows[1]["date"] = datetime.date(2024, 5, 7)
    path = tmp_path / "daten.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    assert [a.date for a in rec.iter_records(rec.plan([str(path)]))] == ["2024-05-06", "2024-05-07"]


def test_batch_folder_order_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Überschrift eins\n\nEin kurzer Absatz über den Bundestag.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Überschrift zwei\n\nEin Absatz über Köln.", encoding="utf-8")
    write_jsonl(tmp_path / "b" / "d.jsonl", [json.dumps(record(i)) for i in range(3)])
    (tmp_path / ".versteckt.txt").write_text("Das wird nicht gelesen.", encoding="utf-8")
    (tmp_path / "_checkpoint.json").write_text("{}", encoding="utf-8")
    parts = rec.plan([str(tmp_path)], per_partition=2)
    assert [p.kind for p in parts] == ["files", "jsonl", "jsonl"]
    got = [key(x) for x in rec.iter_records(parts)]
    want = [key(x) for x in read_path(str(tmp_path)) if not str(getattr(x, "source", "")).endswith("_checkpoint.json")]
    assert got == want


def test_batch_missing_file_is_a_failed_record(tmp_path: Path) -> None:
    items = list(rec.iter_records(rec.plan([str(tmp_path / "fehlt.jsonl")])))
    assert len(items) == 1 and isinstance(items[0], ArticleError)
