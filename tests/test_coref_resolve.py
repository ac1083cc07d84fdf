"""The coref stage on hand-written German sentences (tokens stage + hand-made mentions)."""

from __future__ import annotations

import re

import pytest

from tagwerk.analysis import Analysis, Entity, Mention
from tagwerk.article import parse_text
from tagwerk.coref.words import role_info, roles_match
from tagwerk.pipeline import DEFAULT_STAGES, get_stage
from tagwerk.stages.coref import apply


def analyse(text: str, names: tuple[tuple[str, str, str, str | None], ...], tokens_stage, kb) -> Analysis:
    """Tokens, then a mention for every occurrence of each (surface, label, entity id, kb id)."""
    a = Analysis(article=parse_text(text))
    tokens_stage(a)
    ents: dict[str, Entity] = {}
    for surface, label, eid, kb_id in names:
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", a.text):
            men = Mention(m.start(), m.end(), surface, label, entity=eid)  # type: ignore[arg-type]
            a.mentions.append(men)
            ent = ents.setdefault(eid, Entity(eid, surface, label, kb_id=kb_id))  # type: ignore[arg-type]
            ent.mentions.append(men)
    a.mentions.sort(key=lambda m: m.start)
    a.entities = list(ents.values())
    apply(a, kb)
    return a


def refs(a: Analysis) -> dict[str, str]:
    """Reference text (with its start) -> entity name."""
    return {f"{r.text}@{r.start}": e.name for e in a.entities for r in e.references}


def resolved(a: Analysis, text: str, nth: int = 0) -> str | None:
    starts = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(text) + r"(?!\w)", a.text)]
    return refs(a).get(f"{text}@{starts[nth]}")


MERZ = ("Friedrich Merz", "PER", "Q566257", "Q566257")
MACRON = ("Emmanuel Macron", "PER", "Q3052772", "Q3052772")


def test_coref_registered_between_entities_and_quotes():
    order = list(DEFAULT_STAGES)
    assert order.index("entities") < order.index("coref") < order.index("quotes")
    spec = get_stage("coref")
    assert spec.version and "entities" in spec.requires


@pytest.mark.parametrize(
    "text, names, anaphor, nth, expected",
    [
        # gender decides between two persons
        (
            "Anna Becker traf Thomas Krug in Bonn. Sie sagte danach, das Treffen sei gut gewesen.",
            (("Anna Becker", "PER", "local:per:anna-becker", None), ("Thomas Krug", "PER", "local:per:thomas-krug", None)),
            "Sie", 0, "Anna Becker",
        ),
        # the subject wins over the object of the same gender
        (
            "Friedrich Merz empfing Emmanuel Macron im Kanzleramt. Er kündigte danach neue Gespräche an.",
            (MERZ, MACRON),
            "Er", 0, "Friedrich Merz",
        ),
        # an object pronoun is not the subject of its own clause
        (
            "Friedrich Merz lobte ihn für seine Geduld, nachdem Emmanuel Macron eingelenkt hatte.",
            (MERZ, MACRON),
            "seine", 0, "Friedrich Merz",
        ),
        # the office in the KB: Frankreichs Präsident
        (
            "Friedrich Merz und Emmanuel Macron trafen sich in Paris. Frankreichs Präsident warb für eine gemeinsame Linie.",
            (MERZ, MACRON, ("Paris", "LOC", "Q90", "Q90"), ("Frankreichs", "LOC", "Q142", "Q142")),
            "Frankreichs Präsident", 0, "Emmanuel Macron",
        ),
        # the party of the KB description: der CDU-Politiker
        (
            "Friedrich Merz sprach mit Emmanuel Macron. Der CDU-Politiker sagte, Europa müsse handeln.",
            (MERZ, MACRON),
            "Der CDU-Politiker", 0, "Friedrich Merz",
        ),
        # the age the article gives
        (
            "Die Polizei nahm Karl Brenner (68) fest. Der 68-Jährige soll Geld unterschlagen haben.",
            (("Karl Brenner", "PER", "local:per:karl-brenner", None), ("Polizei", "ORG", "local:org:polizei", None)),
            "Der 68-Jährige", 0, "Karl Brenner",
        ),
        # the role in an apposition: der Kremlchef
        (
            "Kremlchef Wladimir Putin hat Donald Trump angerufen. Der Kremlchef forderte ein Treffen.",
            (("Wladimir Putin", "PER", "Q7747", "Q7747"), ("Donald Trump", "PER", "Q22686", "Q22686")),
            "Der Kremlchef", 0, "Wladimir Putin",
        ),
        # a feminine role noun
        (
            "Die Ministerin Clara Vogt stellte den Plan mit Jens Ahrens vor. Die Ministerin nannte ihn ehrgeizig.",
            (("Clara Vogt", "PER", "local:per:clara-vogt", None), ("Jens Ahrens", "PER", "local:per:jens-ahrens", None)),
            "Die Ministerin", 1, "Clara Vogt",
        ),
        # a surname the recogniser missed
        (
            "Theo Zwanziger kritisierte den Verband. Zwanziger sagte, er sei enttäuscht.",
            (("Theo Zwanziger", "PER", "local:per:theo-zwanziger", None),),
            "Zwanziger", 1, "Theo Zwanziger",
        ),
        # chains: a pronoun after a description
        (
            "Friedrich Merz reiste nach Rom. Dort traf der Kanzler die Regierungschefin. Er lobte das Treffen.",
            (MERZ,),
            "Er", 0, "Friedrich Merz",
        ),
    ],
)
def test_coref_resolves(tokens_stage, kb, text, names, anaphor, nth, expected):
    a = analyse(text, names, tokens_stage, kb)
    assert resolved(a, anaphor, nth) == expected, refs(a)


@pytest.mark.parametrize(
    "text, names, anaphor",
    [
        # plural ``sie``
        (
            "Anna Becker und Thomas Krug trafen sich in Bonn. Sie sagten danach, das Treffen sei gut gewesen.",
            (("Anna Becker", "PER", "local:per:anna-becker", None), ("Thomas Krug", "PER", "local:per:thomas-krug", None)),
            "Sie",
        ),
        # no person of that gender
        (
            "Thomas Krug traf den Bürgermeister. Sie sagte danach, das Treffen sei gut gewesen.",
            (("Thomas Krug", "PER", "local:per:thomas-krug", None),),
            "Sie",
        ),
        # another office: the KB knows Merz as chancellor, not as a spokesperson
        (
            "Friedrich Merz reiste nach Rom. Der Sprecher sagte, die Reise sei lange geplant gewesen.",
            (MERZ,),
            "Der Sprecher",
        ),
        # inside quotation marks the speaker's own voice
        (
            "Friedrich Merz sagte: „Er wird das nicht durchhalten.“",
            (MERZ,),
            "Er",
        ),
        # too far back for a pronoun
        (
            "Friedrich Merz reiste nach Rom. Der Zug war voll. Die Fahrt dauerte lange. Es regnete. Der Tag endete spät. Er schlief.",
            (MERZ,),
            "Er",
        ),
    ],
)
def test_coref_leaves_alone(tokens_stage, kb, text, names, anaphor):
    a = analyse(text, names, tokens_stage, kb)
    assert resolved(a, anaphor) is None, refs(a)


def test_coref_references_are_not_mentions(tokens_stage, kb):
    a = analyse("Friedrich Merz reiste nach Rom. Er traf dort Giorgia Meloni.", (MERZ,), tokens_stage, kb)
    merz = a.entity("Q566257")
    assert merz is not None and [m.text for m in merz.mentions] == ["Friedrich Merz"]
    assert [r.text for r in merz.references] == ["Er"]
    r = merz.references[0]
    assert r.kind == "pronoun" and r.evidence and 0 < r.score <= 1
    assert all(m.source != "coref" for m in a.mentions)


@pytest.mark.parametrize(
    "word, info",
    [
        ("Außenministerin", ("außenminister", "f")),
        ("CDU-Politiker", ("politiker", "m")),
        ("68-Jährige", ("jährige", "x")),
        ("Kanzlers", ("kanzler", "m")),
        ("Vorsitzende", ("vorsitzende", "x")),
        ("Haus", None),
        ("Ministerinnen", None),
    ],
)
def test_coref_role_info(word, info):
    assert role_info(word) == info


def test_coref_roles_match_equivalents():
    assert roles_match("kremlchef", {"präsident"})
    assert roles_match("kanzler", {"bundeskanzler"})
    assert not roles_match("kanzler", {"außenminister"})
