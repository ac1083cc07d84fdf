"""Language data of the coref stage: ``coref.yaml`` as a record (pronouns, description words,
role equivalents, first names and their gender), read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class CorefData:
    pronouns: dict[str, tuple[str, str, str]]
    """Word -> (kind, gender, number): ``er`` -> (pronoun, m, sg)."""
    not_plural_after_sie: frozenset[str]
    determiners: dict[str, frozenset[str]]
    """Definite determiner -> the genders it allows before a description."""
    generic_heads: frozenset[str]
    role_equivalents: dict[str, frozenset[str]]
    seat_countries: dict[str, str]
    organisation_heads: dict[str, frozenset[str]]
    first_names: dict[str, str]
    """First name (as written) -> ``m`` or ``f``."""


@lru_cache(maxsize=1)
def coref_data() -> CorefData:
    data = yaml.safe_load((resources.files("tagwerk.lang.de") / "coref.yaml").read_text(encoding="utf-8"))
    names = {n: "f" for n in data["female_first_names"]}
    names.update({n: "m" for n in data["male_first_names"]})
    return CorefData(
        pronouns={w: (v[0], v[1], v[2]) for w, v in data["pronouns"].items()},
        not_plural_after_sie=frozenset(data["not_plural_after_sie"]),
        determiners={w: frozenset(v) for w, v in data["description_determiners"].items()},
        generic_heads=frozenset(data["generic_person_heads"]),
        role_equivalents={k: frozenset(v) for k, v in data["role_equivalents"].items()},
        seat_countries=dict(data["seat_countries"]),
        organisation_heads={k: frozenset(v) for k, v in data["organisation_heads"].items()},
        first_names=names,
    )
