"""A quick version of ``benchmarks/fuzz.py`` (issue 35): a few hundred hypothesis inputs over
every reader and a few dozen over the Analyzer, with the same invariants (only documented
ArticleErrors, spans that match their text, the same output twice). No timing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_support import (
    DOCUMENTED_ERRORS,
    INPUTS,
    analysis_json,
    analysis_violations,
    article_text,
    fingerprint,
    read_all,
    short,
)
from tagwerk.analysis import Analysis
from tagwerk.article import Article
from tagwerk.readers import read_bytes

QUICK = settings(max_examples=60, deadline=None, database=None, derandomize=True,
                 suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("fmt", sorted(INPUTS))
def test_fuzz_readers_give_articles_or_documented_errors(fmt):
    strategy, suffix = INPUTS[fmt]

    @QUICK
    @given(data=strategy, how=st.sampled_from(["name", "sniff", "forced"]))
    def check(data: bytes, how: str) -> None:
        source = {"name": f"probe{suffix}", "sniff": "-", "forced": "probe"}[how]
        forced = fmt if how == "forced" else None
        results, problems = read_all(lambda: read_bytes(data, source=source, fmt=forced))
        assert not problems, f"{fmt} {how} {short(data)}: {problems[:3]}"
        again, _ = read_all(lambda: read_bytes(data, source=source, fmt=forced))
        assert fingerprint(results) == fingerprint(again), f"{fmt}: not deterministic on {short(data)}"

    check()


def test_fuzz_analyze_spans_and_determinism(full_analyzer):
    @settings(max_examples=25, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(text=article_text)
    def check(text: str) -> None:
        first = full_analyzer.analyze_batch([text])[0]
        if isinstance(first, Exception):
            assert isinstance(first, DOCUMENTED_ERRORS), f"{type(first).__name__}: {first} on {text[:120]!r}"
            return
        assert isinstance(first, Analysis)
        assert analysis_violations(first) == []
        second = full_analyzer.analyze_batch([text])[0]
        assert analysis_json(first) == analysis_json(second), f"not deterministic on {text[:120]!r}"

    check()


def test_fuzz_analyze_what_the_readers_give(full_analyzer):
    strategy = st.one_of(*(s for s, _ in INPUTS.values()))

    @settings(max_examples=20, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(data=strategy)
    def check(data: bytes) -> None:
        articles = [r for r in read_bytes(data, source="-") if isinstance(r, Article)][:2]
        for result in full_analyzer.analyze_batch(articles):
            if isinstance(result, Exception):
                assert isinstance(result, DOCUMENTED_ERRORS), f"{type(result).__name__}: {result}"
            else:
                assert analysis_violations(result) == []

    check()


def test_fuzz_api_never_answers_500(tmp_path, token_analyzer):
    """Random JSON bodies and query strings: every answer is JSON, none a 500."""
    from fastapi.testclient import TestClient

    from fuzz_support import any_text, json_values, record
    from store_support import FakeAnalyzer
    from tagwerk.service import create_app

    app = create_app(store=tmp_path / "f.db", token="t", analyzer=FakeAnalyzer(token_analyzer), max_body=256 * 1024)
    client = TestClient(app, raise_server_exceptions=False)
    bodies = st.one_of(record(), json_values)
    params = st.dictionaries(st.sampled_from(["q", "entity", "tag", "from", "to", "outlet", "limit", "offset", "format"]),
                             any_text, max_size=4)

    @settings(max_examples=80, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(body=bodies, query=params, path=st.sampled_from(["/analyze", "/articles", "/search", "/articles/1/tags"]))
    def check(body, query, path) -> None:  # noqa: ANN001
        import json

        data = json.dumps(body, ensure_ascii=True).encode()
        if path == "/search":
            r = client.get(path, params={k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace") for k, v in query.items()})
        elif path.endswith("/tags"):
            r = client.patch(path, content=data, headers={"Authorization": "Bearer t", "Content-Type": "application/json"})
        else:
            r = client.post(path, content=data, headers={"Authorization": "Bearer t", "Content-Type": "application/json"})
        assert r.status_code != 500, (path, r.text[:300], data[:200])
        assert r.headers["content-type"].startswith(("application/json", "text/html"))

    check()
