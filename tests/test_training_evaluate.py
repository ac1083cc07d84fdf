"""The evaluation arithmetic (exact span match, two views) and the label mapping."""

from __future__ import annotations

import pytest

from tagwerk.ner.labels import GERMEVAL_LABELS, four_class, split_label
from tagwerk.training.evaluate import both_views, format_scores, score_spans


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("PER", ("PER", False, False)),
        ("LOCderiv", ("LOC", True, False)),
        ("ORGpart", ("ORG", False, True)),
        ("OTH", ("MISC", False, False)),
        ("OTHderiv", ("MISC", True, False)),
        ("OTHpart", ("MISC", False, True)),
    ],
)
def test_split_label(label: str, expected: tuple[str, bool, bool]) -> None:
    assert tuple(split_label(label)) == expected


def test_four_class_drops_deriv_and_part() -> None:
    assert [four_class(lab) for lab in ("PER", "OTH", "LOCderiv", "ORGpart")] == ["PER", "MISC", None, None]
    assert len(GERMEVAL_LABELS) == 12


def test_unknown_label_is_refused() -> None:
    with pytest.raises(ValueError):
        split_label("DATE")


# Two sentences. Gold: 5 spans; predictions: 5 spans.
GOLD = [
    [(0, 2, "PER"), (4, 5, "LOC"), (6, 7, "LOCderiv")],
    [(1, 3, "ORG"), (5, 6, "OTH")],
]
PRED = [
    [(0, 2, "PER"), (4, 5, "ORG"), (6, 7, "LOCderiv")],  # right, wrong label, right
    [(1, 2, "ORG"), (5, 6, "OTH")],  # wrong border, right
]


def test_all12_view_by_hand() -> None:
    s = score_spans(GOLD, PRED)
    # tp: PER, LOCderiv, OTH = 3; fp: ORG(4,5), ORG(1,2) = 2; fn: LOC, ORG(1,3) = 2
    assert (s.micro.tp, s.micro.fp, s.micro.fn) == (3, 2, 2)
    assert s.micro.precision == pytest.approx(3 / 5)
    assert s.micro.recall == pytest.approx(3 / 5)
    assert s.micro.f1 == pytest.approx(0.6)
    assert s.per_label["LOC"].recall == 0.0
    assert s.per_label["ORG"].precision == 0.0
    assert s.per_label["PER"].f1 == 1.0


def test_four_class_view_by_hand() -> None:
    views = both_views(GOLD, PRED)
    four = views["four"]
    # LOCderiv dropped on both sides: tp 2 (PER, MISC), fp 2, fn 2
    assert (four.micro.tp, four.micro.fp, four.micro.fn) == (2, 2, 2)
    assert "LOCderiv" not in four.per_label
    assert set(four.per_label) == {"PER", "LOC", "ORG", "MISC"}
    assert four.micro.f1 == pytest.approx(0.5)
    text = format_scores(views)
    assert "(a) all 12" in text and "(b) 4 classes" in text and "micro" in text


def test_empty_scores_are_zero_not_errors() -> None:
    s = score_spans([[]], [[]])
    assert s.micro.f1 == 0.0 and s.micro.precision == 0.0


def test_duplicate_spans_count_once_each() -> None:
    s = score_spans([[(0, 1, "PER")]], [[(0, 1, "PER"), (0, 1, "PER")]])
    assert (s.micro.tp, s.micro.fp) == (1, 1)


def test_training_evaluate_pipeline_spans_map_to_gold_tokens(token_analyzer):
    """Mentions of an Analyzer become gold-token spans; a mention off the token borders cannot match."""
    from tagwerk.analysis import Mention
    from tagwerk.pipeline import Analyzer, register_stage
    from tagwerk.training.evaluate import predict_spans_pipeline
    from tagwerk.training.gold import GoldSentence

    @register_stage("test-fixed-mentions", version="0", requires=("tokens",), assigns=("mentions",))
    def make(config):
        def run(analysis):
            text = analysis.article.text
            i = text.index("Hamburg")
            j = text.index("hamburgische")
            analysis.mentions = [
                Mention(i, i + 7, "Hamburg", "LOC"),
                Mention(j, j + 12, "hamburgische", "LOC", derived=True),
                Mention(0, 3, "Die", "ORG"),
                Mention(1, 3, "ie", "ORG"),
            ]

        return run

    sent = GoldSentence(tokens=["Die", "hamburgische", "Senatorin", "besuchte", "Hamburg", "."], outer=["O"] * 6)
    analyzer = Analyzer(stages=("tokens", "test-fixed-mentions"))
    [spans] = predict_spans_pipeline(analyzer, [sent])
    assert (4, 5, "LOC") in spans and (1, 2, "LOCderiv") in spans and (0, 1, "ORG") in spans
    assert (-1, 1, "ORG") in spans


def test_sentence_text_writes_gold_tokens_as_news_text() -> None:
    """No space before closing punctuation or after an opening bracket, so the tokens stage
    does not end a sentence inside ``St. Veitskapelle``; every token keeps its offsets."""
    from tagwerk.training.evaluate import sentence_text

    tokens = ["Die", "St", ".", "Veitskapelle", "(", "Kärnten", ")", "brannte", ",", "sagte", "er", "."]
    text, starts, ends = sentence_text(tokens)
    assert text == "Die St. Veitskapelle (Kärnten) brannte, sagte er."
    assert sorted(starts.values()) == list(range(len(tokens))) and sorted(ends.values()) == list(range(1, len(tokens) + 1))
    for pos, i in starts.items():
        assert text[pos : pos + len(tokens[i])] == tokens[i]
    for pos, i in ends.items():
        assert text[pos - len(tokens[i - 1]) : pos] == tokens[i - 1]
