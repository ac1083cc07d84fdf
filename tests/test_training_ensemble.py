"""Span voting of an NER ensemble: the rule on hand-made spans, and silver Docs from real models."""

from __future__ import annotations

import pytest

from tagwerk.training.ensemble import vote_spans


def test_majority_keeps_spans_most_models_agree_on() -> None:
    preds = [
        [(0, 2, "PER"), (5, 6, "LOC")],
        [(0, 2, "PER"), (7, 8, "ORG")],
        [(0, 2, "PER"), (5, 6, "LOC"), (9, 10, "OTH")],
    ]
    assert vote_spans(preds) == [(0, 2, "PER"), (5, 6, "LOC")]


def test_label_is_part_of_the_vote() -> None:
    preds = [[(0, 1, "PER")], [(0, 1, "ORG")], [(0, 1, "LOC")]]
    assert vote_spans(preds) == []
    assert vote_spans(preds, min_votes=1) == [(0, 1, "LOC")]  # a full tie goes to the label first in alphabetical order


def test_overlapping_winners_more_votes_then_longer() -> None:
    preds = [
        [(0, 3, "ORG")],
        [(0, 3, "ORG"), (0, 1, "LOC")],
        [(0, 1, "LOC")],
        [(0, 1, "LOC")],
    ]
    # (0,1,LOC) has 3 votes, (0,3,ORG) 2: both pass min_votes=2, the overlap goes to LOC
    assert vote_spans(preds, min_votes=2) == [(0, 1, "LOC")]
    preds_tie = [[(0, 3, "ORG"), (4, 5, "PER")], [(0, 1, "LOC"), (4, 5, "PER")]]
    assert vote_spans(preds_tie, min_votes=1) == [(0, 3, "ORG"), (4, 5, "PER")]


def test_one_model_is_itself_and_no_model_is_nothing() -> None:
    spans = [(2, 4, "PER"), (0, 1, "LOC")]
    assert vote_spans([spans]) == sorted(spans)
    assert vote_spans([]) == []
    with pytest.raises(ValueError):
        vote_spans([spans], min_votes=0)


def test_a_model_voting_twice_for_a_span_counts_once() -> None:
    preds = [[(0, 1, "PER"), (0, 1, "PER")], [], []]
    assert vote_spans(preds) == []


def test_ensemble_silver_docs_agree_with_a_single_model_ensemble() -> None:
    from tagwerk.nlp import load_nlp

    nlp = load_nlp()
    if "ner" not in nlp.pipe_names:
        pytest.skip("no NER model installed")
    from tagwerk.training.ensemble import ensemble_silver_docs

    text = "Der russische Präsident Wladimir Putin traf in Moskau den Außenminister Sergej Lawrow."
    (doc,) = ensemble_silver_docs([nlp, nlp, nlp], [text])
    single = nlp(text)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in single.ents]
    assert any(e.text == "Moskau" and e.label_ == "LOC" for e in doc.ents)
    assert all(t.ent_iob_ in ("B", "I", "O") for t in doc)  # every token annotated, none missing
