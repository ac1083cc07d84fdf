"""Helpers of benchmarks/tags.py: the agency samples as ``tagwerk train tags`` reads them, with
their slugline terms, and the noise counts of issue #31 (agency names, tags triggered only inside
a name, currencies and units named after an amount, news outlets).

The items are read by tagwerk's own wire readers and turned into training examples by
:func:`tagwerk.training.profile_data.examples_from_articles`, the path of ``train tags``; the
slugline of an item (its subjects, then its places, then its keywords, as the agency sends it)
is what the recall is measured against.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tagwerk.analysis import Analysis
from tagwerk.lang.de.credit import AGENCIES
from tagwerk.topics import tag_key
from tagwerk.training.profile_data import Example

AGENCY_KEYS = frozenset(
    tag_key(s) for s in [*AGENCIES, *AGENCIES.values(), "Deutsche Presse-Agentur", "Agence France-Presse", "Associated Press"]
)
UNITS = frozenset({"euro", "dollar", "usdollar", "prozent", "cent", "pfund", "franken", "yen", "yuan", "rubel"})


@dataclass
class AgencyItem:
    name: str
    example: Example
    """The article (its given tags removed) and the tags ``train tags`` learns from it."""
    slugline: list[str]


def dpa_items(folder: Path) -> list[AgencyItem]:
    """The German text items of a folder of agency wire files (any format tagwerk reads) that
    carry tags; pictures, audio and items in other languages are left out, as ``train tags``
    leaves them out."""
    from tagwerk.readers import read_path
    from tagwerk.training.profile_data import examples_from_articles

    out: list[AgencyItem] = []
    for ex in examples_from_articles(read_path(str(folder))):
        wire = ex.article.wire
        slug = [t.strip() for t in ((wire.slugline if wire else None) or "").split("/") if t.strip()]
        out.append(AgencyItem(Path(ex.source).stem, ex, slug or list(ex.gold)))
    return out


def _inside(span: tuple[int, int], names: Sequence[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in names)


def _after_amount(start: int, text: str) -> bool:
    m = re.search(r"([\w.,]+)\s+$", text[max(0, start - 30) : start])
    if not m:
        return False
    w = m.group(1).lower().strip(".,")
    return any(c.isdigit() for c in w) or w in {"millionen", "milliarden", "mio", "mrd", "tausend", "acht", "zwei", "drei"}


def _is_outlet(name: str) -> bool:
    from tagwerk.kb import load_kb

    return any(m.entry.kind == "media" for m in load_kb().lookup(name, weak=False))


def noise(analysis: Analysis, k: int = 6) -> dict[str, list[str]]:
    """The noise among the top ``k`` suggested tags (given tags aside): agency names; tags other
    than the entity itself whose every piece of evidence lies inside a person's name or on a first
    name or surname inside an organisation's name; currencies and units whose every mention
    follows an amount; news outlets (the KB's kind ``media``: none of the checked stories is about
    one, so an outlet there is a source)."""
    from tagwerk.stages.tags.rules import is_personal_name

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
                    if is_personal_name(w.group()):
                        names.append((m.start + w.start(), m.start + w.end()))
    out: dict[str, list[str]] = {"agency": [], "inside_name": [], "amount": [], "outlet": []}
    for t in [t for t in analysis.tags if not t.given][:k]:
        if tag_key(t.name) in AGENCY_KEYS:
            out["agency"].append(t.name)
        spans = [(e.start, e.end) for e in t.evidence]
        if t.source != "entity" and spans and all(_inside(s, names) for s in spans):
            out["inside_name"].append(t.name)
        if tag_key(t.name) in UNITS and spans and all(_after_amount(s, text) for s, _ in spans):
            out["amount"].append(t.name)
        if t.source != "given" and t.type == "organisation" and _is_outlet(t.name):
            out["outlet"].append(t.name)
    return out


def count_noise(analyses: Iterable[tuple[str, Analysis]], k: int = 6) -> tuple[dict[str, int], list[str]]:
    """Totals per kind of noise and one line per noisy tag (``source: kind tag``)."""
    totals = {"agency": 0, "inside_name": 0, "amount": 0, "outlet": 0}
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


LEAVE_ONE_OUT_MAX = 20
"""Up to this many stories the profile is trained leave-one-out; above, by 5-fold cross-validation
(a day of agency copy: a hundred profiles would take long to train)."""


def slugline_recall(items: Sequence[AgencyItem], analyses: Sequence[Analysis], config, k: int = 6) -> dict[str, float]:  # noqa: ANN001
    """Recall of the items' slugline terms among their top ``k`` tags: without a profile, and
    with an agency profile trained on the other stories (leave-one-out, or 5-fold above
    LEAVE_ONE_OUT_MAX stories; an item's versions share its id and stay in one fold). Prints both."""
    from tagwerk.pipeline import Work
    from tagwerk.training.profile import Prepared, TrainOptions, tag_prepared, train_profile

    golds = [it.slugline for it in items]
    prepared = [Prepared(it.example, Work(a)) for it, a in zip(items, analyses, strict=True)]
    without = tag_prepared(prepared, config, None)
    stories = [it.example.article.id or it.name for it in items]
    keys = sorted(set(stories))
    folds = len(keys) if len(keys) <= LEAVE_ONE_OUT_MAX else 5
    fold_of = {key: n % folds for n, key in enumerate(keys)}
    with_p: list[list[str]] = [[] for _ in prepared]
    for f in range(folds):
        test = [i for i, key in enumerate(stories) if fold_of[key] == f]
        train = [p for i, p in enumerate(prepared) if fold_of[stories[i]] != f]
        profile = train_profile(train, config, TrainOptions(name="dpa-cv"))
        for i, tags in zip(test, tag_prepared([prepared[i] for i in test], config, profile), strict=True):
            with_p[i] = tags
    how = "leave-one-out" if folds == len(keys) else f"{folds}-fold"
    out: dict[str, float] = {}
    print(f"dpa samples ({len(items)} German text items): recall of the slugline terms in the top {k}")
    for label, preds in (("without a profile", without), (f"agency profile, {how}", with_p)):
        found, total = _recall(preds, golds, k)
        print(f"  {label:<32} {found}/{total} = {found / max(1, total):.3f}")
        out["dpa_slugline_R@6" + ("" if preds is without else "_profile")] = found / max(1, total)
    for it, a, b in zip(items, without, with_p, strict=True):
        print(f"  {it.name}: slugline {' / '.join(it.slugline)}\n    without: {', '.join(a[:k])}\n    profile: {', '.join(b[:k])}")
    return out


@dataclass
class AgencyRun:
    """What the agency profile's speed benchmarks start from (:func:`agency_run`)."""

    runs: int
    config: object
    items: list[AgencyItem]
    analyzer: tuple
    """``tags.timed_analyzer``'s (Analyzer, per-stage times) without a profile."""
    prepared: list
    profile: object


def agency_run(argv: list[str] | None, doc: str, runs: int) -> AgencyRun | None:
    """The command line of a speed benchmark over the dpa samples (the folder, ``--runs``), the
    items analysed without a profile and an agency profile trained on them (as ``tags.py --dpa``
    trains it); None, with a message, when the folder is missing."""
    import argparse
    import sys

    from tags import agency_profile, timed_analyzer
    from tagwerk.pipeline import AnalyzerConfig

    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("dpa", type=Path, help="a folder of dpa-digitalwires JSON")
    ap.add_argument("--runs", type=int, default=runs, help=f"runs per item and side (default {runs})")
    args = ap.parse_args(argv)
    if not args.dpa.is_dir():
        print(f"no dpa samples at {args.dpa}: nothing to measure", file=sys.stderr)
        return None
    config = AnalyzerConfig(top_k=10)
    items = dpa_items(args.dpa)
    analyzer = timed_analyzer(config)
    analyses = [analyzer[0].analyze(it.example.article) for it in items]
    prepared, profile = agency_profile(items, analyses, config)
    return AgencyRun(args.runs, config, items, analyzer, prepared, profile)
