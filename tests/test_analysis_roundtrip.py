"""The Analysis record: JSON round trip, schema, offsets."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tagwerk.analysis import (
    Analysis,
    Claim,
    Entity,
    Evidence,
    Keyphrase,
    Mention,
    Quote,
    Section,
    Span,
    Tag,
    json_schema,
)
from tagwerk.article import parse_text

TEXT = (
    "Kanzlerin trifft Amtskollegen\n"
    "Die Bundeskanzlerin Erika Beispiel hat am Dienstag in Wien ihren österreichischen Amtskollegen getroffen.\n"
    "\"Wir stehen zusammen\", sagte Beispiel nach dem Treffen.\n"
    "Quelle: ntv.de, xyz/dpa\n"
    "Tags: Österreich"
)


@pytest.fixture()
def filled(token_analyzer) -> Analysis:
    an = token_analyzer.analyze(parse_text(TEXT))
    text = an.article.text
    s = text.index("Erika Beispiel")
    m1 = Mention(s, s + 14, "Erika Beispiel", "PER")
    w = text.index("Wien")
    m2 = Mention(w, w + 4, "Wien", "LOC")
    o = text.index("österreichischen")
    m3 = Mention(o, o + 16, "österreichischen", "LOC", derived=True)
    an.mentions = [m1, m2, m3]
    an.entities = [
        Entity("local:per:erika-beispiel", "Erika Beispiel", "PER", None, 0.9, [m1]),
        Entity("Q1741", "Wien", "LOC", "Q1741", 0.95, [m2], stands_for="Q40"),
    ]
    q = text.index("Wir stehen")
    an.quotes = [Quote("Direct", [Span(q, q + 18, text[q : q + 18])], speaker=Span(s, s + 14, "Erika Beispiel"))]
    an.claims = [Claim(0, 0, 10, text[0:10], "asserted")]
    an.keyphrases = [Keyphrase("Amtskollege", 0.5, [Span(o + 17, o + 28, text[o + 17 : o + 28])])]
    an.section = Section("Politik", 0.8, {"Politik": 0.8, "Sport": 0.1})
    an.tags = [Tag("Österreich", 1.0, "given", "place", given=True, evidence=[Evidence(o, o + 16, "österreichischen")])]
    return an


def test_analysis_roundtrip_through_json(filled):
    data = json.loads(filled.to_json())
    again = Analysis.from_dict(data)
    assert again.to_dict() == filled.to_dict()
    assert again.entities[1].stands_for == "Q40"
    assert isinstance(again.quotes[0].spans[0], Span)


def test_analysis_json_matches_published_schema(filled):
    jsonschema.validate(json.loads(filled.to_json()), json_schema())


def test_analysis_offsets_point_into_the_text(filled):
    text = filled.article.text
    for rec in [*filled.sentences, *filled.tokens, *filled.mentions]:
        assert text[rec.start : rec.end] == rec.text
    for block in filled.article.blocks:
        assert text[block.start : block.end] == block.text
    for part in filled.article.credit.parts:
        assert text[part.start : part.end] == part.text


def test_analysis_from_dict_rejects_bad_records(filled):
    data = filled.to_dict()
    data["mentions"][0]["label"] = "PERSON"
    with pytest.raises(ValueError):
        Analysis.from_dict(data)


def test_analysis_records_stage_versions(filled):
    assert filled.stages["tokens"]
    assert filled.to_dict()["stages"] == filled.stages


def test_analysis_sentence_at(filled):
    second = filled.sentences[1]
    assert filled.sentence_at(second.start + 1) == 1
    assert filled.sentence_at(len(filled.article.text) + 5) is None
