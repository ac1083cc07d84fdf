"""Story threads: a story formed, another kept apart, the window, determinism, rows."""

from __future__ import annotations

import math
import random

import pytest

from tagwerk.archive import Archive, ArchiveConfig, ArticleFeatures, StoryIndex, parse_window, place_in_date_order
from tagwerk.archive.config import DAY
from tagwerk.archive.stories import label_of, story_id

T0 = 1_717_372_800.0  # 2024-06-03 00:00 UTC


def _unit(words: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in words.values()))
    return {k: v / norm for k, v in words.items()}


def art(id_: str, day: float, terms: str, entities: str = "", keyphrases: str = "") -> ArticleFeatures:
    """Hand-built features: words separated by spaces, each of weight 1."""
    ents = {e: 1.0 for e in entities.split()}
    return ArticleFeatures(
        id=id_,
        time=T0 + day * DAY,
        terms=_unit({t: 1.0 for t in terms.split()}),
        entities=_unit(ents) if ents else {},
        names={e: e.split(":")[-1].capitalize() for e in ents},
        keyphrases=_unit({k: 1.0 for k in keyphrases.split()}) if keyphrases else {},
    )


PANZER = "panzer kampfpanzer rüstung paris verteidigung élysée"
PANZER_ENTS = "Q567:scholz Q3052772:macron Q90:paris"
FLUT = "hochwasser pegel donau sandsack katastrophenfall"


def test_archive_stories_joins_a_matching_article():
    index = StoryIndex()
    a = index.add(art("a", 0.0, PANZER, PANZER_ENTS, "kampfpanzer"))
    b = index.add(art("b", 0.5, PANZER + " einigung", PANZER_ENTS, "kampfpanzer"))
    assert a.new and not b.new
    assert b.story == a.story == story_id("a")
    assert b.score is not None and b.score >= ArchiveConfig().join_threshold
    rec = index.story(a.story)
    assert rec.size == 2 and rec.first == T0 and rec.last == T0 + 0.5 * DAY
    assert "Scholz" in rec.label and "Macron" in rec.label


def test_archive_stories_keeps_a_different_story_apart():
    index = StoryIndex()
    a = index.add(art("a", 0.0, PANZER, PANZER_ENTS))
    b = index.add(art("b", 0.1, FLUT, "Q4190:passau"))
    assert b.new and b.story != a.story
    assert len(index) == 2


def test_archive_stories_window_closes_a_story():
    index = StoryIndex(ArchiveConfig(window=3 * DAY))
    a = index.add(art("a", 0.0, PANZER, PANZER_ENTS))
    index.add(art("x", 5.0, FLUT, "Q4190:passau"))  # time moves on: the first story closes
    assert index.open_stories == 1 and not index.story(a.story).open
    late = index.add(art("b", 5.5, PANZER, PANZER_ENTS))
    assert late.new and late.story != a.story


def test_archive_stories_window_keeps_a_story_open_while_it_grows():
    index = StoryIndex(ArchiveConfig(window=2 * DAY))
    first = index.add(art("a", 0.0, PANZER, PANZER_ENTS))
    for i, day in enumerate((1.5, 3.0, 4.5)):
        assert index.add(art(f"n{i}", day, PANZER, PANZER_ENTS)).story == first.story


def test_archive_stories_known_id_is_a_no_op():
    index = StoryIndex()
    first = index.add(art("a", 0.0, PANZER, PANZER_ENTS))
    rows = index.to_rows()
    again = index.add(art("a", 9.0, FLUT, "Q4190:passau"))  # same id, other content: nothing changes
    assert (again.story, again.new) == (first.story, False)
    assert index.to_rows() == rows


def _stream(n: int, seed: int) -> list[ArticleFeatures]:
    rng = random.Random(seed)
    topics = [
        ("panzer rüstung paris", PANZER_ENTS),
        ("hochwasser donau pegel", "Q4190:passau"),
        ("haushalt eu agrar", "Q458:eu Q567:scholz"),
    ]
    out = []
    for i in range(n):
        words, ents = topics[rng.randrange(len(topics))]
        extra = " ".join(rng.sample(["montag", "regen", "streit", "einigung", "kritik", "plan", "geld"], 2))
        out.append(art(f"id{i}", i * 0.4, f"{words} {extra}", ents))
    return out


def test_archive_stories_same_input_same_stories():
    one, two = StoryIndex(), StoryIndex()
    first = [one.add(f).story for f in _stream(60, 1)]
    second = [two.add(f).story for f in _stream(60, 1)]
    assert first == second
    assert one.to_rows() == two.to_rows()


def test_archive_stories_go_on_from_rows_as_if_never_stopped():
    stream = _stream(80, 2)
    whole = StoryIndex(ArchiveConfig(window=2 * DAY))
    expected = [whole.add(f).story for f in stream]
    part = StoryIndex(ArchiveConfig(window=2 * DAY))
    got = [part.add(f).story for f in stream[:50]]
    stories, members = part.to_rows()
    resumed = StoryIndex.from_rows([s.from_dict(s.to_dict()) for s in stories], members, ArchiveConfig(window=2 * DAY))
    got += [resumed.add(f).story for f in stream[50:]]
    assert got == expected
    assert resumed.to_rows() == whole.to_rows()


def test_archive_ingest_twice_leaves_stories_unchanged():
    archive = Archive()
    items: list = _stream(30, 3)
    first = place_in_date_order(archive, items)
    rows = archive.to_rows()
    second = place_in_date_order(archive, items)
    assert [r.story for r in first] == [r.story for r in second]
    assert archive.to_rows() == rows


def test_archive_undated_article_is_placed_at_the_newest_date():
    index = StoryIndex()
    index.add(art("a", 2.0, PANZER, PANZER_ENTS))
    undated = art("b", 0.0, PANZER, PANZER_ENTS)
    undated.time = None
    assert index.add(undated).story == story_id("a")
    assert index.member("b").time == T0 + 2.0 * DAY


def test_archive_label_names_entities_and_topic():
    label = label_of({"a": 2.0, "b": 1.0}, {"a": "Olaf Scholz", "b": "Paris"}, {"kampfpanzer": 1.0})
    assert label == "Olaf Scholz, Paris · kampfpanzer"


@pytest.mark.parametrize(("text", "seconds"), [("3d", 3 * DAY), ("36h", 36 * 3600.0), ("1w", 7 * DAY), ("2", 2 * DAY), ("90m", 5400.0)])
def test_archive_parse_window(text, seconds):
    assert parse_window(text) == seconds


@pytest.mark.parametrize("text", ["", "drei Tage", "0d", "-1d", "3y"])
def test_archive_parse_window_rejects(text):
    with pytest.raises(ValueError):
        parse_window(text)


@pytest.mark.parametrize("options", [{"join_threshold": 0.0}, {"window": 0}, {"max_candidates": 0}, {"w_text": -1.0}])
def test_archive_config_is_validated(options):
    with pytest.raises(ValueError):
        ArchiveConfig(**options)
