"""Topic vocabularies: the shipped one, newsroom extensions and replacements, trigger syntax."""

from __future__ import annotations

from pathlib import Path

import pytest

from tagwerk.topics import (
    SECTIONS,
    Topic,
    TopicVocabulary,
    VocabularyError,
    load_vocabulary,
    parse_vocabulary,
    read_vocabulary_file,
    tag_key,
)


def test_vocabulary_shipped_has_300_topics_with_sections():
    vocab = load_vocabulary()
    taggable = [t for t in vocab.topics if t.taggable]
    assert len({tag_key(t.name) for t in taggable}) >= 300
    assert all(t.section in SECTIONS for t in taggable)
    assert {t.section for t in vocab.topics if not t.taggable} >= set(SECTIONS)


def _words(text: str) -> list[tuple[str, str, int, int]]:
    out, pos = [], 0
    for w in text.split():
        i = text.index(w, pos)
        out.append((w, w, i, i + len(w)))
        pos = i + len(w)
    return out


@pytest.mark.parametrize(
    ("trigger", "text", "hit"),
    [
        ("sanktion", "neue Sanktion beschlossen", True),
        ("*sanktion", "die Wirtschaftssanktion wirkt", True),
        ("atomwaffe*", "das Atomwaffenprogramm des Landes", True),
        ("*klima*", "ein Weltklimagipfel", True),
        ("krieg in der ukraine", "der Krieg in der Ukraine dauert", True),
        ("krieg in der ukraine", "der Krieg in Syrien", False),
        ("*sanktion", "ohne Bezug", False),
    ],
)
def test_vocabulary_trigger_syntax(trigger, text, hit):
    vocab = TopicVocabulary([Topic("T", "Politik", (trigger,))])
    assert bool(vocab.match(_words(text))) is hit


def test_vocabulary_context_trigger_required():
    vocab = TopicVocabulary([Topic("Krieg in der Ukraine", "Politik", ("angriffskrieg",), context=("ukraine",))])
    assert not vocab.match(_words("ein Angriffskrieg in Afrika"))
    assert vocab.match(_words("der Angriffskrieg gegen die Ukraine"))


def test_vocabulary_newsroom_slug_list(tmp_path: Path):
    f = tmp_path / "newsroom.yaml"
    f.write_text("kim-jong-un: Kim Jong Un\nmord-und-totschlag: Mord und Totschlag\n", encoding="utf-8")
    topics = read_vocabulary_file(f)
    assert [t.name for t in topics] == ["Kim Jong Un", "Mord und Totschlag"]
    vocab = load_vocabulary(newsroom=[f])
    assert vocab.lookup("Kim Jong-un").name == "Kim Jong Un"
    # the newsroom's name of an existing topic replaces the shipped name, triggers are kept
    merged = vocab.lookup("Mord und Totschlag")
    assert merged.source == "newsroom" and len(merged.triggers) > 2


def test_vocabulary_newsroom_renames_via_alias(tmp_path: Path):
    f = tmp_path / "n.yaml"
    f.write_text("sars-cov-2: SARS-CoV-2\n", encoding="utf-8")
    vocab = load_vocabulary(newsroom=[f])
    renamed = vocab.lookup("Corona-Pandemie")  # the shipped topic, found by its old name
    assert renamed is not None and renamed.name == "SARS-CoV-2" and renamed.source == "newsroom"
    assert vocab.lookup("SARS-CoV-2") is renamed
    assert "Corona-Pandemie" not in {t.name for t in vocab.topics}


def test_vocabulary_topics_path_replaces_default(tmp_path: Path):
    f = tmp_path / "own.yaml"
    f.write_text("topics:\n- {name: Hafen, s: w, t: [hafen*]}\n", encoding="utf-8")
    vocab = load_vocabulary(f)
    assert len(vocab) == 1
    assert vocab.lookup("Hafen").section == "Wirtschaft"


@pytest.mark.parametrize(
    "data",
    [
        {"topics": [{"name": "X", "section": "Mode"}]},
        {"topics": [{"no": "name"}]},
        {"topics": [{"name": "X", "t": ["*"]}]},
        {"topics": [{"name": "X", "country": "Germany"}]},
        {"topics": [{"name": "X", "country": "DE", "also_in": ["A1"]}]},
        42,
    ],
)
def test_vocabulary_bad_files_raise(data):
    with pytest.raises(VocabularyError):
        parse_vocabulary(data)


def test_vocabulary_unreadable_file(tmp_path: Path):
    with pytest.raises(VocabularyError):
        read_vocabulary_file(tmp_path / "missing.yaml")


@pytest.mark.parametrize(("a", "b"), [("Kim Jong-un", "Kim Jong Un"), ("Ägypten", "aegypten"), ("SARS-CoV-2", "sars cov 2")])
def test_vocabulary_tag_key_equates_variants(a, b):
    assert tag_key(a) == tag_key(b)


@pytest.mark.parametrize(("word", "hit"), [
    ("Hubschrauber", False),  # a noun the dictionary knows as written: no -er to strip (``*raub``)
    ("UNO-Hubschrauber", False),  # nor after a hyphen
    ("Armee", False),  # no -e to strip (``arme``)
    ("Bankraub", True),
    ("Datenraubes", True),  # a word the dictionary lacks: its ending is stripped as before
    ("Arme", True),
])
def test_topics_matcher_strips_no_ending_from_a_word_known_as_written(word, hit):
    from tagwerk.topics import Topic, TopicVocabulary

    vocab = TopicVocabulary([Topic("Raub", triggers=("*raub",)), Topic("Armut", triggers=("arme",))])
    assert bool(vocab.match([(word, word, 0, len(word))])) is hit


def test_vocabulary_trigger_listed_again_in_lower_case_gives_one_hit():
    """A topic's name is one of its triggers; listed again in lower case (92 shipped topics did:
    ``Krieg`` and ``krieg``) it matched twice, and the section vote counted every mention twice."""
    vocab = parse_vocabulary({"Krieg": {"section": "Politik", "triggers": ["krieg", "kriege"]}})
    hits = TopicVocabulary(vocab).match(_words("Der Krieg dauert an , ein Krieg ohne Ende"))
    assert [(h.start, h.trigger) for h in hits[0]] == [(4, "Krieg"), (26, "Krieg")]


def test_vocabulary_shipped_topics_repeat_no_trigger():
    """No shipped topic matches the same words twice for the same topic (no repeated phrase)."""
    vocab = load_vocabulary()
    repeated = [
        vocab.topics[topic].name
        for phrases in vocab._matcher.phrases.values()
        for i, (units, topic, _, ctx, *_) in enumerate(phrases)
        if any(p[0] == units and p[1] == topic and p[3] == ctx for p in phrases[:i])
    ]
    assert repeated == []


def test_vocabulary_institution_country_is_read_and_kept_when_merged():
    """``country`` and ``also_in`` say whose institution a topic is (upper-cased ISO codes); a
    later entry of the same name (a newsroom file) keeps them."""
    topics = parse_vocabulary({"topics": [{"name": "Bundesrat", "country": "de", "also_in": ["at", "CH"], "t": ["länderkammer"]}]})
    assert (topics[0].country, topics[0].also_in) == ("DE", ("AT", "CH"))
    vocab = TopicVocabulary(topics)
    vocab.add(Topic("Bundesrat", triggers=("bundesratssitzung",)))
    assert (vocab.topics[0].country, vocab.topics[0].also_in) == ("DE", ("AT", "CH"))


def test_vocabulary_shipped_institutions_name_their_country():
    vocab = load_vocabulary()
    countries = {t.name: t.country for t in vocab.topics if t.country}
    assert countries["Deutsche Bahn"] == "DE"
    assert "AT" in next(t.also_in for t in vocab.topics if t.name == "Bundesrat" and t.also_in)
    assert "Krieg" not in countries


def test_vocabulary_topic_listed_twice_names_itself_once():
    """A topic's second entry (one whose triggers need a context: ``Musik`` with ``tour`` beside a
    band) does not repeat the name as a trigger: ``Musik`` in a text that is its own context
    matched once per entry, and the section vote counted it twice (a Valve story of 10kGNAD went
    from Digital/Technik to Kultur when the entry was added)."""
    vocab = TopicVocabulary(parse_vocabulary({"topics": [
        {"name": "Musik", "s": "k", "t": ["konzert"]},
        {"name": "Musik", "s": "k", "t": ["tour"], "c": ["musik*", "band"]},
    ]}))
    hits = vocab.match(_words("Die Musik der Band auf Tour"))
    assert sorted((vocab.topics[ti].name, h.trigger) for ti, hs in hits.items() for h in hs if not h.context) == [
        ("Musik", "Musik"), ("Musik", "tour")]


def test_vocabulary_words_a_topic_excludes_are_no_hit():
    """``not`` lists words (in trigger syntax) that are no trigger of the topic even where one of its
    triggers matches them: ``fernseh*`` is television, a ``Fernsehgerät`` stolen in a burglary is
    no story about it. A newsroom file that repeats the topic keeps the words."""
    topics = parse_vocabulary({"topics": [
        {"name": "Fernsehen", "s": "k", "t": ["fernseh*"], "not": ["fernsehgerät*", "fernseher"]},
    ]})
    assert topics[0].exclude == ("fernsehgerät*", "fernseher")
    vocab = TopicVocabulary(topics)
    assert not vocab.match(_words("ein Fernsehgerät und ein Fernseher gestohlen"))
    hits = vocab.match(_words("der Fernsehsender zeigt das Fernsehgerät"))
    assert [h.trigger for hs in hits.values() for h in hs] == ["fernseh*"]
    assert [h.start for hs in hits.values() for h in hs] == [4]
    extended = vocab.extended([Topic("Fernsehen", triggers=("tv",))])
    assert not extended.match(_words("ein Fernsehgerät gestohlen"))
    # a later entry that excludes a word from a topic indexed before
    later = TopicVocabulary([Topic("Fernsehen", "Kultur", ("fernseh*",))])
    assert later.match(_words("ein Fernsehgerät gestohlen"))
    later.add(Topic("Fernsehen", exclude=("fernsehgerät*",)))
    assert not later.match(_words("ein Fernsehgerät gestohlen"))
    assert later.match(_words("der Fernsehsender"))
    with pytest.raises(VocabularyError):
        parse_vocabulary({"topics": [{"name": "T", "t": ["x"], "not": ["*"]}]})


def test_vocabulary_phrase_a_topic_excludes_is_no_hit():
    """A ``not`` phrase keeps its words out of the topic where they stand together: ``schwarze
    Schafe`` are no animals, a sheep is."""
    vocab = TopicVocabulary(parse_vocabulary({"topics": [
        {"name": "Tiere", "s": "wi", "t": ["schaf*"], "not": ["schwarz* schaf*"]},
    ]}))
    assert not vocab.match(_words("es gibt schwarze Schafe unter ihnen"))
    hits = vocab.match(_words("die schwarzen Schafe und ein weißes Schaf"))
    assert [h.start for hs in hits.values() for h in hs] == [36]
