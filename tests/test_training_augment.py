"""Mention replacement for the student's training text (tagwerk.training.augment)."""

from __future__ import annotations

import numpy as np

from tagwerk.ner.labels import bio_spans
from tagwerk.ner.tagger import TAG_INDEX, TAGS
from tagwerk.training import augment as aug
from tagwerk.training.gold import GoldSentence


def sent(pairs: str) -> GoldSentence:
    words, tags = zip(*(p.rsplit("/", 1) if "/" in p else (p, "O") for p in pairs.split()), strict=True)
    return GoldSentence(tokens=list(words), outer=list(tags))


GOLD = [
    sent("Angela/B-PER Merkel/I-PER reiste nach Paris/B-LOC ."),
    sent("Die russische/B-LOCderiv Regierung und die UN-Sanktionen/B-ORGpart ."),
    sent("Wladimir/B-PER Putin/I-PER traf Lawrow/B-PER in Moskau/B-LOC ."),
    sent("Kein Name hier ."),
]


def probs_for(tags: list[str], sure: float = 0.95) -> np.ndarray:
    p = np.full((len(tags), len(TAGS)), (1 - sure) / (len(TAGS) - 1), dtype=np.float32)
    for i, t in enumerate(tags):
        p[i, TAG_INDEX[t]] = sure
    return p


def test_name_pool_takes_plain_gold_names_and_sure_silver_names() -> None:
    silver = [
        (["Der", "Kreml", "und", "Nairobi", "."], probs_for(["O", "B-ORG", "O", "B-LOC", "O"])),
        (["Vielleicht", "Bonn", "."], probs_for(["O", "B-LOC", "O"], sure=0.6)),  # the teacher was unsure
        (["Bayer", ".", "siegt"], probs_for(["B-ORG", "I-ORG", "O"])),  # ends in a full stop
    ]
    pool = aug.name_pool(GOLD, silver)
    assert pool["PER"] == [("Angela", "Merkel"), ("Lawrow",), ("Wladimir", "Putin")]
    assert pool["LOC"] == [("Moskau",), ("Nairobi",), ("Paris",)]
    assert pool["ORG"] == [("Kreml",)]
    assert pool["OTH"] == []  # deriv and part spans never enter the pool


def test_gold_copies_swap_plain_names_and_carry_their_labels() -> None:
    pool = {"PER": [("Kim", "Jong", "Un"), ("Lawrow",)], "LOC": [("Pjöngjang",)], "ORG": [], "OTH": []}
    copies = aug.augment_gold(GOLD, pool, 3, seed=1, rate=1.0)
    assert copies, "sentences with plain names are copied"
    for c in copies:
        assert len(c.tokens) == len(c.outer)
        spans = bio_spans(c.outer)
        names = {" ".join(c.tokens[a:b]): label for a, b, label in spans}
        # every span is a pool name of its label, or the original where the draw repeated it
        for name, label in names.items():
            assert label in ("PER", "LOC")
            assert name in {"Kim Jong Un", "Lawrow", "Pjöngjang", "Angela Merkel", "Wladimir Putin", "Moskau", "Paris"}
        assert any(w in c.tokens for w in ("reiste", "traf"))  # the words around the names stay
    # the sentence with only deriv/part names and the one without names are never copied
    assert not any("russische" in c.tokens or "Kein" in c.tokens for c in copies)
    # the same seed gives the same copies
    again = aug.augment_gold(GOLD, pool, 3, seed=1, rate=1.0)
    assert [(c.tokens, c.outer) for c in again] == [(c.tokens, c.outer) for c in copies]


def test_no_copy_when_nothing_changes() -> None:
    pool = {"PER": [("Angela", "Merkel")], "LOC": [("Paris",)], "ORG": [], "OTH": []}
    assert aug.augment_gold(GOLD[:1], pool, 2, rate=1.0) == []  # the only draws are the names themselves
    assert aug.augment_gold(GOLD[:1], {"PER": [("Lawrow",)], "LOC": [], "ORG": [], "OTH": []}, 2, rate=0.0) == []


def test_silver_copies_swap_the_teachers_names() -> None:
    words = ["Gestern", "sprach", "Merkel", "in", "Paris", "."]
    silver = [(words, probs_for(["O", "O", "B-PER", "O", "B-LOC", "O"]))]
    pool = {"PER": [("Choe", "Son-hui")], "LOC": [("Moskau",)], "ORG": [], "OTH": []}
    (copy,) = aug.augment_silver(silver, pool, 1, rate=1.0)
    assert copy == ["Gestern", "sprach", "Choe", "Son-hui", "in", "Moskau", "."]
    assert words[2] == "Merkel"  # the original is left alone
