"""Gold readers (GermEval 2014 TSV, CoNLL) and BIO span decoding, on hand-written snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tagwerk.ner.labels import bio_spans
from tagwerk.training.gold import GoldFormatError, detect_format, read_gold

GERMEVAL = (
    "#\thttp://example.org/a\t[2024-01-02]\n"
    "1\tDie\tO\tO\n"
    "2\tUN-Sanktionen\tB-ORGpart\tO\n"
    "3\tgegen\tO\tO\n"
    "4\tNordkorea\tB-LOC\tO\n"
    "5\tärgern\tO\tO\n"
    "6\tBundesaußenministerin\tO\tO\n"
    "7\tAnnalena\tB-PER\tO\n"
    "8\tBaerbock\tI-PER\tO\n"
    "9\t.\tO\tO\n"
    "\n"
    "#\thttp://example.org/b\t[2024-01-03]\n"
    "1\tDer\tO\tO\n"
    "2\tFC\tB-ORG\tO\n"
    "3\tBayern\tI-ORG\tB-LOC\n"
    "4\tMünchen\tI-ORG\tB-LOC\n"
    "5\tsiegt\tO\tO\n"
    "6\tim\tO\tO\n"
    "7\tbayerischen\tB-LOCderiv\tO\n"
    "8\tDerby\tO\tO\n"
    "\n"
)

CONLL = (
    "-DOCSTART- O\n"
    "\n"
    "Olaf B-PER\n"
    "Scholz I-PER\n"
    "reist O\n"
    "nach O\n"
    "Österreich B-LOC\n"
    "\n"
    "Die O\n"
    "ÖVP B-ORG\n"
)


@pytest.fixture()
def germeval_file(tmp_path: Path) -> Path:
    p = tmp_path / "mini.tsv"
    p.write_text(GERMEVAL, encoding="utf-8")
    return p


@pytest.fixture()
def conll_file(tmp_path: Path) -> Path:
    p = tmp_path / "mini.conll"
    p.write_text(CONLL, encoding="utf-8")
    return p


def test_germeval_reads_sentences_and_columns(germeval_file: Path) -> None:
    sents = read_gold(germeval_file)
    assert len(sents) == 2
    first, second = sents
    assert first.source == "http://example.org/a\t[2024-01-02]"
    assert first.tokens[1] == "UN-Sanktionen"
    assert first.spans() == [(1, 2, "ORGpart"), (3, 4, "LOC"), (6, 8, "PER")]
    assert second.spans() == [(1, 4, "ORG"), (6, 7, "LOCderiv")]
    assert second.spans("inner") == [(2, 3, "LOC"), (3, 4, "LOC")]


def test_conll_reads_two_columns_without_trailing_blank(conll_file: Path) -> None:
    sents = read_gold(conll_file)
    assert [s.tokens for s in sents] == [["Olaf", "Scholz", "reist", "nach", "Österreich"], ["Die", "ÖVP"]]
    assert sents[0].spans() == [(0, 2, "PER"), (4, 5, "LOC")]
    assert sents[1].spans() == [(1, 2, "ORG")]
    assert sents[0].inner == []


def test_format_detection(germeval_file: Path, conll_file: Path) -> None:
    assert detect_format(germeval_file) == "germeval"
    assert detect_format(conll_file) == "conll"


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O"], [(0, 2, "PER")]),
        (["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")]),
        (["I-LOC", "I-LOC", "O", "I-ORG"], [(0, 2, "LOC"), (3, 4, "ORG")]),
        (["B-LOC", "I-ORG"], [(0, 1, "LOC"), (1, 2, "ORG")]),
        (["O", "O"], []),
        (["B-OTHpart"], [(0, 1, "OTHpart")]),
    ],
)
def test_bio_spans(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert bio_spans(tags) == spans


def test_bad_tag_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text("1\tBerlin\tX-LOC\tO\n\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="bad.tsv:1"):
        read_gold(p)


def test_missing_file_is_a_tagwerk_error(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError):
        read_gold(tmp_path / "fehlt.tsv")
