"""The KB build: split curated files, names that are common words never become patterns."""

from __future__ import annotations

import pytest

from tagwerk.analysis import Analysis
from tagwerk.article import parse_text
from tagwerk.kb import build as kb_build
from tagwerk.kb import load_kb
from tagwerk.pipeline import AnalyzerConfig, Work, get_stage
from tagwerk.stages.entities import analyse_entities


@pytest.fixture(scope="module")
def kb():
    return load_kb(user=False)


@pytest.mark.parametrize("stem", ["persons", "organisations"])
def test_kb_build_reads_split_curated_files(stem, tmp_path, monkeypatch):
    for name in (f"{stem}.yaml", f"{stem}_sport.yaml", f"{stem}-culture.yaml", f"{stem}extra.yaml", "places.yaml"):
        (tmp_path / name).write_text("[]\n", encoding="utf-8")

    class Root:
        def __truediv__(self, part):
            return tmp_path if part == "curated" else tmp_path / part

    monkeypatch.setattr(kb_build.resources, "files", lambda pkg: Root())
    assert kb_build.curated_files(stem) == [f"{stem}.yaml", f"{stem}-culture.yaml", f"{stem}_sport.yaml"]


@pytest.mark.parametrize(
    "name, entry",
    [("Stern", "Stern"), ("Die Zeit", "Zeit Online"), ("Allianz", "Allianz")],
)
def test_kb_build_common_word_media_are_linked_not_patterns(kb, name, entry):
    ms = kb.lookup(name)
    assert ms and ms[0].entry.name == entry
    assert name in ms[0].entry.no_pattern


@pytest.mark.parametrize(
    "text",
    ["Die Zeit drängt, sagte sie.", "Ein Stern leuchtet hell.", "Die Allianz der Willigen tagt."],
)
def test_kb_build_common_words_not_matched_as_names(kb, text):
    a = Analysis(article=parse_text(text))
    get_stage("tokens").build(AnalyzerConfig())(Work(a))
    analyse_entities(a, kb)
    assert a.entities == []


def test_kb_build_dative_of_a_country_name_in_the_plural():
    from tagwerk.kb.build import dative_plural_variants

    assert dative_plural_variants("Niederlande") == ["Niederlanden"]
    assert dative_plural_variants("Vereinigte Arabische Emirate") == ["Vereinigten Arabischen Emiraten"]
    assert dative_plural_variants("Palästinensische Gebiete") == ["Palästinensischen Gebieten"]
    assert dative_plural_variants("Ukraine") == []  # a singular name takes no -n
    assert dative_plural_variants("Elfenbeinküste") == []
