"""Session fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def token_analyzer():
    """An Analyzer with the tokens stage only: fast, no model."""
    from tagwerk import Analyzer

    return Analyzer(stages=("tokens",))


@pytest.fixture(scope="session")
def full_analyzer():
    """The default Analyzer with every stage (loaded once per test session)."""
    from tagwerk import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def kb():
    """The shipped knowledge base, without the user's overlay."""
    from tagwerk.kb import load_kb

    return load_kb(user=False)


@pytest.fixture(scope="session")
def tokens_stage():
    """The tokens stage alone, to build analyses by hand around it."""
    from tagwerk.pipeline import AnalyzerConfig, Work, get_stage

    stage = get_stage("tokens").build(AnalyzerConfig())

    def run(analysis):  # noqa: ANN001, ANN202
        stage(Work(analysis))

    return run


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201 - a Playwright Browser
    """Headless Chromium, one per test module (the page tests; they skip without Playwright)."""
    from browser_support import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):  # noqa: ANN001, ANN201 - yields a Store
    """A fresh store on each backend, its address as ``store.target`` (PostgreSQL skips without
    TAGWERK_TEST_PG_URL); a module may define its own ``store``."""
    from store_support import backend_store

    with backend_store(request.param, tmp_path) as (st, target):
        st.target = target
        yield st
