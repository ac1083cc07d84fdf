"""Size and time limits (issue 35, D2): one size limit everywhere, texts up to it analysed, and
an analysis time limit per article with a typed error."""

from __future__ import annotations

import json
import time

import pytest

from tagwerk.analysis import Analysis
from tagwerk.article import DEFAULT_MAX_CHARS, parse_text
from tagwerk.cli import EXIT_OK, main
from tagwerk.errors import AnalysisTimeoutError, ArticleError, InternalError
from tagwerk.pipeline import Analyzer, AnalyzerConfig, Work, register_stage

GOOD = "Berlin (dpa) - Die Bundesregierung hat am Montag einen neuen Haushalt beschlossen."
# long words: few tokens, so that a text over spaCy's default max_length (1,000,000) is cheap
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen "


def long_text(chars: int) -> str:
    body = (LONG_WORD * (chars // len(LONG_WORD) + 1))[: chars - 20].rstrip()
    return "Eine lange Meldung\n\n" + body + "."


@register_stage("test_sleep", version="0", requires=("tokens",), assigns=())
def _sleepy(config: AnalyzerConfig):  # noqa: ANN202 - a stage that sleeps on articles that ask for it
    def run(analysis: Analysis) -> None:
        if "SCHLAF" in analysis.article.text:
            time.sleep(0.4)

    return run


@register_stage("test_checks_time", version="0", requires=("tokens",), assigns=())
class _Checks:
    """A long stage that checks the time limit between its steps."""

    def __init__(self, config: AnalyzerConfig) -> None:
        pass

    def __new__(cls, config: AnalyzerConfig):  # noqa: ANN204 - build a Stage subclass instance
        from tagwerk.pipeline import Stage

        class Steps(Stage):
            def __call__(self, work: Work) -> None:
                if "SCHRITTE" not in work.analysis.article.text:
                    return
                for _ in range(1000):
                    work.check_time()
                    time.sleep(0.01)

        return Steps()


def test_limits_text_over_a_million_characters_is_analysed():
    analyzer = Analyzer(stages=("tokens",))
    text = long_text(1_000_001 + 5_000)
    analysis = analyzer.analyze(text)
    assert len(analysis.article.text) > 1_000_000
    last = analysis.tokens[-1]
    assert analysis.article.text[last.start : last.end] == last.text and last.end >= len(analysis.article.text) - 1


def _tokenizer_length(analyzer: Analyzer) -> int:
    return next(stage.nlp.max_length for spec, stage in analyzer._stages if spec.name == "tokens")


def test_limits_spacy_takes_what_the_article_limit_allows():
    assert _tokenizer_length(Analyzer(stages=("tokens",))) >= DEFAULT_MAX_CHARS
    assert _tokenizer_length(Analyzer()) >= DEFAULT_MAX_CHARS
    longer = Analyzer(stages=("tokens",), max_chars=DEFAULT_MAX_CHARS + 500_000)
    assert _tokenizer_length(longer) >= DEFAULT_MAX_CHARS + 500_000


def test_limits_service_body_limit_holds_the_article_limit():
    from tagwerk.readers.decode import BYTES_PER_CHAR
    from tagwerk.service.app import DEFAULT_MAX_BODY

    assert DEFAULT_MAX_BODY >= DEFAULT_MAX_CHARS * BYTES_PER_CHAR


def test_limits_long_record_then_good_one_in_cli_analyze(tmp_path, capsys):
    path = tmp_path / "lang.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "lang", "text": long_text(1_200_000)}) + "\n")
        fh.write(json.dumps({"id": "kurz", "text": GOOD}) + "\n")
    code = main(["analyze", str(path), "--stages", "tokens", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == EXIT_OK and "Traceback" not in err
    ids = [json.loads(line)["article"]["id"] for line in out.splitlines()]
    assert ids == ["lang", "kurz"]


def test_limits_time_limit_is_a_typed_error_in_the_articles_place():
    analyzer = Analyzer(stages=("tokens", "test_sleep"), time_limit=0.2)
    results = analyzer.analyze_batch([GOOD, "SCHLAF: " + GOOD, GOOD + " Zwei."])
    assert isinstance(results[0], Analysis) and isinstance(results[2], Analysis)
    assert isinstance(results[1], AnalysisTimeoutError)
    assert isinstance(results[1], ArticleError) and "time limit of 0.2 s" in str(results[1])


def test_limits_long_stage_stops_at_its_check():
    analyzer = Analyzer(stages=("tokens", "test_checks_time"), time_limit=0.3)
    t = time.perf_counter()
    with pytest.raises(AnalysisTimeoutError):
        analyzer.analyze("SCHRITTE: " + GOOD)
    assert time.perf_counter() - t < 5  # not the 10 s the stage would take without its checks


def test_limits_no_time_limit_and_bad_values():
    assert Analyzer(stages=("tokens", "test_sleep"), time_limit=None).analyze("SCHLAF: " + GOOD).tokens
    for bad in (0, -1.0):
        with pytest.raises(ValueError, match="time_limit"):
            AnalyzerConfig(time_limit=bad)


def test_limits_ner_stage_checks_the_time_limit_of_a_long_article():
    from tagwerk.stages.ner import CHECK_SENTENCES, PieceNer

    analyzer = Analyzer(stages=("tokens", "ner"), time_limit=60)
    stage = dict((spec.name, st) for spec, st in analyzer._stages)["ner"]
    if not isinstance(stage, PieceNer):
        pytest.skip("the ner stage is not the transformer")
    sentences = " ".join(f"Satz {i} nennt Angela Merkel in Berlin." for i in range(CHECK_SENTENCES + 10))
    work = Work(Analysis(article=parse_text("Titel\n\n" + sentences)), time_limit=60)
    dict((spec.name, st) for spec, st in analyzer._stages)["tokens"](work)
    work.deadline = time.monotonic() - 1  # already passed: the first check stops it
    with pytest.raises(AnalysisTimeoutError):
        stage(work)


def test_limits_long_article_runs_alone_and_keeps_its_place():
    from tagwerk.pipeline import LONG_ARTICLE_CHARS

    analyzer = Analyzer(stages=("tokens",))
    texts = [GOOD, long_text(LONG_ARTICLE_CHARS + 10), GOOD + " Drei."]
    results = analyzer.analyze_batch(texts)
    assert [len(r.article.text) > LONG_ARTICLE_CHARS for r in results] == [False, True, False]


def test_limits_try_analyze_many_returns_a_stage_bug_in_place():
    @register_stage("test_boom", version="0", requires=("tokens",), assigns=())
    def _boom(config: AnalyzerConfig):  # noqa: ANN202
        def run(analysis: Analysis) -> None:
            if "BOOM" in analysis.article.text:
                raise RuntimeError("kaputt")

        return run

    analyzer = Analyzer(stages=("tokens", "test_boom"))
    results = list(analyzer.try_analyze_many([parse_text(GOOD), parse_text("BOOM " + GOOD), parse_text(GOOD + " Drei.")]))
    assert isinstance(results[0], Analysis) and isinstance(results[2], Analysis)
    assert isinstance(results[1], InternalError) and isinstance(results[1].__cause__, RuntimeError)


def test_limits_time_limit_option_on_the_command_line(tmp_path):
    from typer.testing import CliRunner

    from tagwerk.cli import app

    article = tmp_path / "a.txt"
    article.write_text("Titel\n\nBerlin (dpa) - Olaf Scholz reist nach Paris. Er trifft Emmanuel Macron.\n", encoding="utf-8")
    runner = CliRunner()
    stopped = runner.invoke(app, ["analyze", str(article), "--time-limit", "0.000001"])
    assert stopped.exit_code == 1
    assert "time limit of 1e-06 s" in stopped.output and "--time-limit" in stopped.output
    free = runner.invoke(app, ["analyze", str(article), "--time-limit", "0", "--stages", "tokens"])
    assert free.exit_code == 0, free.output
    assert runner.invoke(app, ["analyze", str(article), "--time-limit", "-1"]).exit_code == 2
