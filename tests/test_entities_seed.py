"""The issue's Done-when list on ../shared/seeds/ntv-article.txt, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "ntv-article.txt"

EXPECTED = {
    # name: (type, QID or None, surfaces that must be among its mentions)
    "Wladimir Putin": ("PER", "Q7747", {"Wladimir Putin", "Putin", "Putins"}),
    "Kim Jong Un": ("PER", "Q56226", {"Kim Jong Un"}),
    "Sergej Lawrow": ("PER", "Q58217", {"Lawrow"}),
    "Choe Son Hui": ("PER", None, {"Choe Son-hui", "Choe Son Hui"}),
    "Russland": ("LOC", "Q159", {"Russland", "Russlands", "russische", "russischen"}),
    "Nordkorea": ("LOC", "Q423", {"Nordkorea", "Nordkoreas", "nordkoreanischen"}),
    "Pjöngjang": ("LOC", "Q18808", {"Pjöngjang", "Pjöngjangs"}),
    "Moskau": ("LOC", "Q649", {"Moskau"}),
    "Ukraine": ("LOC", "Q212", {"Ukraine"}),
    "KCNA": ("ORG", None, {"KCNA"}),
    "Vereinte Nationen": ("ORG", "Q1065", {"Vereinten Nationen", "UN"}),
    "dpa": ("ORG", "Q312653", {"dpa"}),
    "AFP": ("ORG", "Q40464", {"AFP"}),
}


@pytest.fixture(scope="module")
def seed_text():
    if not SEED.exists():
        pytest.skip("../shared/seeds/ntv-article.txt is not available")
    return SEED.read_text(encoding="utf-8")


def _check(analysis):
    by_name: dict[str, list] = {}
    for e in analysis.entities:
        by_name.setdefault(e.name, []).append(e)
    for name, (etype, qid, surfaces) in EXPECTED.items():
        assert len(by_name.get(name, [])) == 1, f"{name}: {by_name.get(name)}"
        e = by_name[name][0]
        assert e.type == etype, name
        assert e.kb_id == qid, name
        assert surfaces <= {m.text for m in e.mentions}, (name, [m.text for m in e.mentions])
    ents = {e.name: e for e in analysis.entities}
    assert ents["Moskau"].stands_for == "Q159"
    assert ents["Pjöngjang"].stands_for == "Q423"


def test_entities_seed_default_pipeline(seed_text):
    from tagwerk import Analyzer

    analysis = Analyzer(stages=("tokens", "ner", "entities")).analyze(seed_text)
    _check(analysis)


def test_entities_seed_kb_patterns_only(seed_text):
    from tagwerk.analysis import Analysis
    from tagwerk.article import parse_text
    from tagwerk.kb import load_kb
    from tagwerk.pipeline import AnalyzerConfig, Work, get_stage
    from tagwerk.stages.entities import analyse_entities

    a = Analysis(article=parse_text(seed_text))
    get_stage("tokens").build(AnalyzerConfig())(Work(a))
    analyse_entities(a, load_kb(user=False))
    _check(a)
