"""The ner stage: label mapping from model spans to mentions, credit skipping, and the shipped model."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from tagwerk.article import Block
from tagwerk.ner.models import shipped_model_path
from tagwerk.stages.ner import mentions_from_doc

TEXT = "Die russische Regierung kritisiert die UN-Sanktionen gegen Nordkorea.\n\nvon Anna Beispiel, dpa"


def _doc_with_ents(ents: list[tuple[int, int, str]]):
    nlp = spacy.blank("de")
    doc = nlp.make_doc(TEXT)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


def _blocks() -> list[Block]:
    par_end = TEXT.index("\n\n")
    credit_start = par_end + 2
    return [Block("paragraph", 0, par_end, TEXT[:par_end]), Block("credit", credit_start, len(TEXT), TEXT[credit_start:])]


def test_mentions_keep_base_label_with_flags() -> None:
    doc = _doc_with_ents([])
    idx = {t.text: t.i for t in doc}
    doc = _doc_with_ents([
        (idx["russische"], idx["russische"] + 1, "LOCderiv"),
        (idx["UN-Sanktionen"], idx["UN-Sanktionen"] + 1, "ORGpart"),
        (idx["Nordkorea"], idx["Nordkorea"] + 1, "LOC"),
    ])
    got = [(m.text, m.label, m.derived, m.part, m.source) for m in mentions_from_doc(doc, _blocks())]
    assert got == [
        ("russische", "LOC", True, False, "model"),
        ("UN-Sanktionen", "ORG", False, True, "model"),
        ("Nordkorea", "LOC", False, False, "model"),
    ]


def test_mentions_in_the_credit_block_are_skipped() -> None:
    doc = _doc_with_ents([])
    anna = next(t.i for t in doc if t.text == "Anna")
    dpa = next(t.i for t in doc if t.text == "dpa")
    doc = _doc_with_ents([(anna, anna + 2, "PER"), (dpa, dpa + 1, "ORG")])
    assert mentions_from_doc(doc, _blocks()) == []


def test_oth_becomes_misc() -> None:
    doc = _doc_with_ents([])
    i = next(t.i for t in doc if t.text == "Nordkorea")
    doc = _doc_with_ents([(i, i + 1, "OTH")])
    [m] = mentions_from_doc(doc, _blocks())
    assert m.label == "MISC" and not m.derived and not m.part


@pytest.mark.skipif(shipped_model_path() is None, reason="no shipped NER model")
@pytest.mark.parametrize("model", [None, "accurate", "cnn"], ids=["default", "accurate", "cnn"])
def test_shipped_model_finds_names_in_a_german_sentence(model) -> None:  # noqa: ANN001
    from tagwerk import Analyzer

    analyzer = Analyzer(stages=("tokens", "ner"), ner_model=model)
    text = (
        "Bundeskanzler Olaf Scholz ist am Montag in Berlin mit dem französischen Präsidenten "
        "Emmanuel Macron zusammengetroffen. Beide sprachen über die Lage in der Ukraine."
    )
    analysis = analyzer.analyze(text)
    assert analysis.stages.get("ner")
    for m in analysis.mentions:
        assert analysis.text[m.start : m.end] == m.text
        assert m.label in {"PER", "ORG", "LOC", "MISC"}
        assert m.source == "model"
    found = {(m.text, m.label) for m in analysis.mentions}
    assert ("Berlin", "LOC") in found
    assert ("Ukraine", "LOC") in found
    assert any(m.label == "PER" and "Scholz" in m.text for m in analysis.mentions)


def test_shipped_model_names_its_vector_columns_and_flags_first_names():
    from tagwerk.ner.models import shipped_model_path
    from tagwerk.ner.nlp import has_lexicon_flag, lexicon_flags

    if shipped_model_path() is None:
        pytest.skip("no NER model installed")
    flags = lexicon_flags()
    assert {"first_name", "surname", "country", "city", "org"} <= flags.keys()
    assert has_lexicon_flag("Christian", "first_name") and has_lexicon_flag("Katharina", "first_name")
    assert has_lexicon_flag("Lawrow", "surname")  # a KB person's surname
    assert not has_lexicon_flag("Kritiker", "first_name")
    assert not has_lexicon_flag("Nichtimlexikonwort", "first_name")
    assert not has_lexicon_flag("Christian", "no-such-flag")


def test_ner_version_names_a_model_other_than_the_shipped_one(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """`reanalyze` compares stage versions: an analysis by another NER model must not look current."""
    import json

    from tagwerk.ner.models import model_tag, shipped_model_path
    from tagwerk.pipeline import AnalyzerConfig

    assert model_tag(None) == ""
    model = tmp_path / "model"
    model.mkdir()
    (model / "meta.json").write_text(json.dumps({"name": "ner_de", "version": "0.0.1"}))
    tag = model_tag(model)
    assert tag.startswith("+model.") and len(tag) == len("+model.") + 8
    (model / "meta.json").write_text(json.dumps({"name": "ner_de", "version": "0.0.2"}))
    assert model_tag(model) != tag  # another model card, another identity
    teacher = tmp_path / "teacher"
    teacher.mkdir()
    (teacher / "teacher.json").write_text("{}")
    assert model_tag(teacher).startswith("+teacher.")
    tagger = tmp_path / "tagger"
    tagger.mkdir()
    (tagger / "tagger.json").write_text("{}")
    assert model_tag(tagger).startswith("+tagger.")
    # "cnn" names the shipped spaCy CNN, the fast alternative to the default transformer
    from tagwerk.ner.models import shipped_tagger_path

    if shipped_model_path() is not None and shipped_tagger_path() is not None:
        assert model_tag("cnn") == "+cnn" == model_tag(shipped_model_path())
        assert model_tag(shipped_tagger_path()) == ""
    # "accurate" names the shipped 8-layer transformer, which borrows the default's piece table
    from tagwerk.ner.models import ACCURATE_TAGGER_NAME, resolve_model

    accurate = shipped_tagger_path(ACCURATE_TAGGER_NAME)
    if accurate is not None and shipped_tagger_path() is not None:
        assert model_tag("accurate") == "+accurate" == model_tag(accurate)
        assert resolve_model("accurate") == accurate != resolve_model(None)
    # TAGWERK_NER_MODEL is the default of every AnalyzerConfig (CLI, batch, ingest, serve)
    monkeypatch.setenv("TAGWERK_NER_MODEL", str(model))
    assert AnalyzerConfig().ner_model == model
    monkeypatch.delenv("TAGWERK_NER_MODEL")
    assert AnalyzerConfig().ner_model is None
