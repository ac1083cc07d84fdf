"""Analysing several articles together: stage by stage, a stage's ``many`` called once, and one
bad article never costing the others their analyses."""

from __future__ import annotations

import pytest

from tagwerk import Analyzer
from tagwerk.analysis import Analysis, Mention
from tagwerk.errors import ArticleError
from tagwerk.pipeline import Stage, Work, register_stage

CALLS: list[tuple[str, int]] = []


def _mark(analysis: Analysis) -> None:
    if "Kaputt" in analysis.article.text:
        raise RuntimeError("this article breaks the stage")
    analysis.mentions.append(Mention(0, 3, analysis.article.text[:3], "MISC", source="test"))


@register_stage("test-batchable", version="1.0", requires=("tokens",), assigns=("mentions",))
class _Batchable(Stage):
    def __init__(self, config) -> None:
        pass

    def __call__(self, work: Work) -> None:
        CALLS.append(("one", 1))
        _mark(work.analysis)

    def pipe(self, works: list[Work]) -> list[Exception | None]:
        CALLS.append(("many", len(works)))
        if any("Kaputt" in w.analysis.article.text for w in works):
            raise RuntimeError("one of them breaks the stage")
        for w in works:
            _mark(w.analysis)
        return [None] * len(works)


@register_stage("test-after", version="2.0", requires=("mentions",), assigns=())
def _make_after(config):
    def run(analysis: Analysis) -> None:
        CALLS.append(("after", len(analysis.mentions)))

    return run


@pytest.fixture()
def analyzer():
    CALLS.clear()
    return Analyzer(stages=("tokens", "test-batchable", "test-after"))


TEXTS = ["Berlin war am Montag ruhig.", "Hamburg meldete Regen.", "Kiel bleibt trocken."]


def test_a_batch_runs_each_stage_once_over_all_articles_in_order(analyzer):
    results = analyzer.analyze_batch(TEXTS)
    assert [r.mentions[0].text for r in results] == ["Ber", "Ham", "Kie"]
    assert CALLS == [("many", 3), ("after", 1), ("after", 1), ("after", 1)]
    assert all(r.stages == {"tokens": r.stages["tokens"], "test-batchable": "1.0", "test-after": "2.0"} for r in results)
    assert all(not hasattr(r, "doc") for r in results)


def test_a_failing_article_is_found_and_returned_in_its_place(analyzer):
    texts = [TEXTS[0], "Kaputt ist dieser Text.", TEXTS[1]]
    results = analyzer.analyze_batch(texts)
    # many raised, so each article ran alone and only the culprit failed
    assert CALLS[0] == ("many", 3) and CALLS.count(("one", 1)) == 3
    assert isinstance(results[1], RuntimeError)
    assert [r.mentions[0].text for r in (results[0], results[2])] == ["Ber", "Ham"]
    assert [c for c in CALLS if c[0] == "after"] == [("after", 1), ("after", 1)]


def test_rejected_input_takes_its_place_and_the_rest_go_on(analyzer):
    results = analyzer.analyze_batch([TEXTS[0], "   ", TEXTS[2]])
    assert isinstance(results[1], ArticleError)
    assert results[0].mentions[0].text == "Ber" and results[2].mentions[0].text == "Kie"
    assert ("many", 2) in CALLS


def test_analyze_raises_the_error_of_its_one_article(analyzer):
    with pytest.raises(RuntimeError, match="breaks the stage"):
        analyzer.analyze("Kaputt ist dieser Text.")


def test_analyze_many_goes_in_chunks_and_keeps_the_order(analyzer):
    texts = [f"Stadt{i} meldet Sonne." for i in range(5)]
    results = list(analyzer.analyze_many(texts, batch=2))
    assert [r.article.text.split()[0] for r in results] == [f"Stadt{i}" for i in range(5)]
    assert [c for c in CALLS if c[0] != "after"] == [("many", 2), ("many", 2), ("one", 1)]


def test_try_analyze_many_passes_reader_and_input_errors_through_in_place(analyzer):
    bad = ArticleError("broken line", source="x.jsonl:2")
    records = [TEXTS[0], bad, "", TEXTS[1]]
    results = list(analyzer.try_analyze_many(records, batch=3))
    assert results[1] is bad
    assert isinstance(results[2], ArticleError)
    assert [results[0].mentions[0].text, results[3].mentions[0].text] == ["Ber", "Ham"]


def test_try_analyze_many_returns_a_stage_bug_in_place(analyzer):
    """A stage bug on one article comes back in its place (issue 35: no input stops a run)."""
    from tagwerk.errors import InternalError

    results = list(analyzer.try_analyze_many([TEXTS[0], "Kaputt ist dieser Text."]))
    assert results[0].mentions
    assert isinstance(results[1], InternalError) and isinstance(results[1].__cause__, RuntimeError)


def test_the_ner_stage_labels_each_article_of_a_batch_as_its_own(full_analyzer):
    """The transformer labels the sentences of a batch of articles together; each article must
    get its own mentions back (int8 activations are scaled per batch of pieces, so a rare
    mention may differ from the article analysed alone, but not the bulk of them)."""
    from tagwerk.examples import example_text

    texts = [
        example_text(),
        "Bundeskanzler Olaf Scholz traf in Paris den französischen Präsidenten Emmanuel Macron.",
        "Der FC Bayern München gewann in Dortmund. Trainer war damals Jupp Heynckes.",
    ]
    alone = [{(m.start, m.end, m.label) for m in full_analyzer.analyze(t).mentions} for t in texts]
    together = [{(m.start, m.end, m.label) for m in a.mentions} for a in full_analyzer.analyze_batch(texts)]
    for one, batched in zip(alone, together, strict=True):
        assert one and len(one & batched) >= 0.9 * len(one | batched)
    names = {m.text for m in full_analyzer.analyze_batch(texts)[1].mentions}
    assert {"Olaf Scholz", "Paris", "Emmanuel Macron"} <= names
