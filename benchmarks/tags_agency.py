"""Helpers of benchmarks/tags.py: the dpa samples as articles with their slugline terms, and the
noise counts of issue #31 (agency names, tags triggered only inside a name, currencies and units
named after an amount).

The dpa-digitalwires JSON is read here with the few fields the check needs (headline, teaser,
byline, dateline, ``article_html``; ``dpasubject_names``, ``geosubject_names``,
``keyword_names``), only until tagwerk's own agency readers land; the slugline of an item is its
subjects, then its places, then its keywords (the order of the IPTC 7901 slugline).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tagwerk.analysis import Analysis
from tagwerk.article import Article
from tagwerk.lang.de.credit import AGENCIES

_BLOCK = re.compile(r"<(p|h[1-6])\b[^>]*>(.*?)</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_UML = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

AGENCY_KEYS = frozenset(
    re.sub(r"[^0-9a-z]+", "", s.lower().translate(_UML))
    for s in [*AGENCIES, *AGENCIES.values(), "Deutsche Presse-Agentur", "Agence France-Presse", "Associated Press"]
)
UNITS = frozenset({"euro", "dollar", "usdollar", "prozent", "cent", "pfund", "franken", "yen", "yuan", "rubel"})


def _key(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", s.lower().translate(_UML))


@dataclass
class AgencyItem:
    name: str
    article: Article
    slugline: list[str]
    subjects: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _article(d: dict, source: str) -> Article:
    """The Article a digitalwires reader makes: kicker, headline, teaser, the body's paragraphs and
    subheadings, the byline as a credit line, the dateline before the first paragraph."""
    from tagwerk import credit as credit_data
    from tagwerk.article import ArticleBuilder, Credit, Dateline

    b = ArticleBuilder()
    for kind, key in (("kicker", "kicker"), ("headline", "headline"), ("teaser", "teaser")):
        if d.get(key):
            b.add(kind, _text(d[key]))  # type: ignore[arg-type]
    first = None
    for tag, inner in _BLOCK.findall(d["article_html"]):
        txt = _text(inner)
        if not txt:
            continue
        if tag.lower() == "p":
            if first is None and d.get("dateline"):
                txt = d["dateline"].strip() + " " + txt
            block = b.add("paragraph", txt)
            first = first or block
        else:
            b.add("subheading", txt)
    credit = Credit()
    if d.get("byline"):
        line = _text(d["byline"])
        block = b.add("credit", line)
        if block is not None:
            credit_data.parse_credit_line(line, block.start, credit)
            credit.authors += [n for n in credit_data.split_names(line.removeprefix("Von ")) if n != "dpa"]
    article = Article(text=b.text, blocks=b.blocks, credit=credit, source=source, format="digitalwires")
    if first is not None:
        dl = credit_data.find_dateline(first.text)
        if dl is not None:
            start, end, place, agencies = dl
            s0, e0 = first.start + start, first.start + end
            article.dateline = Dateline(s0, e0, b.text[s0:e0], place, agencies)
            credit.agencies += [a for a in agencies if a not in credit.agencies]
    return article


def dpa_items(folder: Path) -> list[AgencyItem]:
    """The German text items of a folder of dpa-digitalwires JSON, as tagwerk would see them."""
    out: list[AgencyItem] = []
    for path in sorted(folder.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        if d.get("language") != "de" or not (d.get("article_html") or "").strip():
            continue  # audio, images, items in other languages
        article = _article(d, str(path))
        subjects = list(d.get("dpasubject_names") or [])
        places = list(d.get("geosubject_names") or [])
        keywords = list(d.get("keyword_names") or [])
        slug = list(dict.fromkeys([*subjects, *places, *keywords]))
        out.append(AgencyItem(path.stem, article, slug, subjects, places, keywords))
    return out


def _inside(span: tuple[int, int], names: Sequence[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in names)


def _after_amount(start: int, text: str) -> bool:
    m = re.search(r"([\w.,]+)\s+$", text[max(0, start - 30) : start])
    if not m:
        return False
    w = m.group(1).lower().strip(".,")
    return any(c.isdigit() for c in w) or w in {"millionen", "milliarden", "mio", "mrd", "tausend", "acht", "zwei", "drei"}


def noise(analysis: Analysis, k: int = 6) -> dict[str, list[str]]:
    """The noise among the top ``k`` suggested tags (given tags aside): agency names; tags other
    than the entity itself whose every piece of evidence lies inside a person's name or on a first
    name or surname inside an organisation's name; currencies and units whose every mention
    follows an amount."""
    from tagwerk.ner.nlp import has_lexicon_flag

    text = analysis.text
    names = []  # persons' names, and the first names and surnames inside organisations' names
    for e in analysis.entities:
        for m in e.mentions:
            if m.source == "credit" or m.derived or m.part:
                continue
            if e.type == "PER":
                names.append((m.start, m.end))
            elif e.type == "ORG":
                for w in re.finditer(r"[^\s-]+", m.text):
                    if has_lexicon_flag(w.group(), "surname") or has_lexicon_flag(w.group(), "first_name"):
                        names.append((m.start + w.start(), m.start + w.end()))
    out: dict[str, list[str]] = {"agency": [], "inside_name": [], "amount": []}
    for t in [t for t in analysis.tags if not t.given][:k]:
        if _key(t.name) in AGENCY_KEYS:
            out["agency"].append(t.name)
        spans = [(e.start, e.end) for e in t.evidence]
        if t.source != "entity" and spans and all(_inside(s, names) for s in spans):
            out["inside_name"].append(t.name)
        if _key(t.name) in UNITS and spans and all(_after_amount(s, text) for s, _ in spans):
            out["amount"].append(t.name)
    return out


def count_noise(analyses: Iterable[tuple[str, Analysis]], k: int = 6) -> tuple[dict[str, int], list[str]]:
    """Totals per kind of noise and one line per noisy tag (``source: kind tag``)."""
    totals = {"agency": 0, "inside_name": 0, "amount": 0}
    lines: list[str] = []
    for name, a in analyses:
        for kind, tags in noise(a, k).items():
            totals[kind] += len(tags)
            lines += [f"{name}: {kind} {t}" for t in tags]
    return totals, lines


def _recall(preds: Sequence[Sequence[str]], golds: Sequence[Sequence[str]], k: int) -> tuple[int, int]:
    from tagwerk.training.profile_data import tag_matches

    found = sum(any(tag_matches(p, g) for p in pred[:k]) for pred, gold in zip(preds, golds, strict=True) for g in gold)
    return found, sum(len(g) for g in golds)


def slugline_recall(items: Sequence[AgencyItem], analyses: Sequence[Analysis], config, k: int = 6) -> dict[str, float]:  # noqa: ANN001
    """Recall of the items' slugline terms among their top ``k`` tags: without a profile, and
    with an agency profile trained on the other items (leave-one-out). Prints both."""
    from tagwerk.pipeline import Work
    from tagwerk.training.profile import Prepared, TrainOptions, tag_prepared, train_profile
    from tagwerk.training.profile_data import Example

    golds = [it.slugline for it in items]
    prepared = [Prepared(Example(a.article, it.slugline, subjects=it.subjects, source=it.name), Work(a))
                for it, a in zip(items, analyses, strict=True)]
    without = tag_prepared(prepared, config, None)
    with_p: list[list[str]] = []
    for i in range(len(prepared)):
        profile = train_profile([p for j, p in enumerate(prepared) if j != i], config, TrainOptions(name="dpa-loo"))
        with_p += tag_prepared([prepared[i]], config, profile)
    out: dict[str, float] = {}
    print(f"dpa samples ({len(items)} German text items): recall of the slugline terms in the top {k}")
    for label, preds in (("without a profile", without), ("agency profile, leave-one-out", with_p)):
        found, total = _recall(preds, golds, k)
        print(f"  {label:<32} {found}/{total} = {found / max(1, total):.3f}")
        out["dpa_slugline_R@6" + ("" if preds is without else "_profile")] = found / max(1, total)
    for it, a, b in zip(items, without, with_p, strict=True):
        print(f"  {it.name}: slugline {' / '.join(it.slugline)}\n    without: {', '.join(a[:k])}\n    profile: {', '.join(b[:k])}")
    return out
