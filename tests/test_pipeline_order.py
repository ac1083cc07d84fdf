"""The stage registry and the order check."""

from __future__ import annotations

import pytest

from tagwerk import Analyzer, AnalyzerConfig
from tagwerk.analysis import Analysis
from tagwerk.errors import PipelineError, UnknownStageError
from tagwerk.pipeline import StageSpec, check_order, register_stage, registered_stages


def _spec(name: str, requires=(), assigns=()) -> StageSpec:
    return StageSpec(name, "0", lambda config: (lambda analysis: None), tuple(requires), tuple(assigns))


@pytest.mark.parametrize(
    "specs",
    [
        [_spec("a", (), ("tokens",)), _spec("b", ("tokens",), ("mentions",))],
        [_spec("a", ("article",), ("tokens", "sentences")), _spec("b", ("tokens", "sentences"), ())],
    ],
)
def test_pipeline_order_accepts_satisfied_requirements(specs):
    check_order(specs)


@pytest.mark.parametrize(
    "specs, missing",
    [
        ([_spec("b", ("tokens",), ("mentions",)), _spec("a", (), ("tokens",))], "tokens"),
        ([_spec("a", (), ("tokens",)), _spec("c", ("entities",), ())], "entities"),
    ],
)
def test_pipeline_order_rejects_unmet_requirements(specs, missing):
    with pytest.raises(PipelineError, match=missing):
        check_order(specs)


def test_pipeline_analyzer_checks_order_when_built():
    stages = registered_stages()
    if "ner" not in stages:
        pytest.skip("ner stage not installed")
    with pytest.raises(PipelineError, match="needs"):
        Analyzer(stages=("ner", "tokens"))


def test_pipeline_unknown_stage_is_a_typed_error():
    with pytest.raises(UnknownStageError, match="no stage named 'nope'"):
        Analyzer(stages=("tokens", "nope"))


def test_pipeline_register_rejects_unknown_field():
    with pytest.raises(PipelineError, match="unknown field"):
        register_stage("broken", version="1", assigns=("not_a_field",))


def test_pipeline_custom_stage_runs_and_is_versioned():
    calls: list[int] = []

    @register_stage("test-counter", version="9.9", requires=("tokens",), assigns=())
    def make(config):
        def run(analysis: Analysis) -> None:
            calls.append(len(analysis.tokens))

        return run

    analyzer = Analyzer(stages=("tokens", "test-counter"))
    result = analyzer.analyze("Die Bundesregierung hat am Montag in Berlin getagt.")
    assert calls and calls[0] >= 8
    assert result.stages == {"tokens": registered_stages()["tokens"].version, "test-counter": "9.9"}


@pytest.mark.parametrize("options", [{"top_k": 0}, {"max_chars": 0}, {"stages": ()}, {"stages": ("tokens", "tokens")}])
def test_pipeline_config_is_validated(options):
    with pytest.raises(ValueError):
        AnalyzerConfig(**options)


def test_pipeline_analyze_many_reuses_the_stages(token_analyzer):
    texts = ["Erster Text über Berlin.", "Zweiter Text über Hamburg."]
    results = list(token_analyzer.analyze_many(texts))
    assert [r.tokens[2].text for r in results] == ["über", "über"]
    assert all(not hasattr(r, "doc") for r in results)  # the spaCy Doc stays on the transient Work item
