"""Training a newsroom profile (``tagwerk train tags``).

The archive is analysed once (every stage but ``tags``: :func:`prepare`); then
:func:`train_profile` learns, from the tags the newsroom gave:

1. the house vocabulary, with the names the analysis gives a house tag where the house writes
   it differently (aliases: ``Vereinigte Staaten`` -> USA);
2. its conventions: whether it tags the home country, whether it names the country of every
   place (agency style), its subject list;
3. the ranker: features of every candidate of every article (the tags stage's salience, and
   what the archive says about the tag: its prior, how often the house gives it, the words
   associated with it), computed out of fold (k folds: the archive's statistics for an article
   come from the other folds, as they would for a new article), then a logistic regression and
   gradient-boosted trees are compared and the better one is kept;
4. the keep probability from which a tag is suggested at all, from the kept model's out-of-fold
   predictions (:func:`~tagwerk.training.profile_learn.choose_min_probability`).

Training a profile on an archive needs the ``train`` dependencies (scikit-learn); using one does not.
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tagwerk.pipeline import BATCH_ARTICLES, DEFAULT_STAGES, Analyzer, AnalyzerConfig, Work, chunked
from tagwerk.profiles import HouseTag, Profile, Subjects, feature_rows
from tagwerk.profiles.ranker import candidate_kind
from tagwerk.stages.tags import Candidate, Tags
from tagwerk.stages.tags.profile import lead_lemmas, lies_above
from tagwerk.topics import tag_key
from tagwerk.training.profile_data import Example, tag_matches
from tagwerk.training.profile_learn import (
    alias_votes,
    content_lemmas,
    fit_ranker,
    house_counts,
    house_vocabulary,
    learn_associations,
    learn_priors,
    learn_subjects,
    section_subjects,
)

HOME_TAG_SHARE = 0.3
"""The house tags the home country (no demotion) when it keeps it in this share of the articles
where it is a candidate, three at least (ntv dev teasers: 0 of 60; the dpa samples: 4 of 4).
Set by hand between the two."""
PLACE_COUNTRY_SHARE = 0.3
"""The house names a place's country (a town's Land) when it does so in this share of the
articles that name a city or region of a country (a town of a Land) they do not name themselves,
three at least."""

Progress = Callable[[str], None]


@dataclass
class Prepared:
    """An archive article, analysed up to the tags stage."""

    example: Example
    work: Work


@dataclass
class TrainOptions:
    name: str = "newsroom"
    description: str = ""
    model: str = "auto"
    """``auto`` (compare and keep the better), ``linear``, ``trees`` or ``prior``."""
    folds: int = 5
    seed: int = 0
    subjects: Sequence[str] | None = None
    """A closed subject list; default: the archive's own subject terms, if it has any."""
    section_subjects: bool = False
    """The sections are the subject list."""
    min_count: int = 1
    """House tags: those given at least this often."""
    min_probability: float | None = None
    """The profile's ``min_probability``; None: learned (the ranker's report), 0: the top k."""
    sources: list[str] = field(default_factory=list)


def analysis_config(config: AnalyzerConfig) -> AnalyzerConfig:
    """``config`` for the analysis of an archive: every stage but tags, no profile."""
    stages = tuple(s for s in (config.stages or DEFAULT_STAGES) if s != "tags")
    return dataclasses.replace(config, stages=stages, profile=None)


def prepare(examples: Iterable[Example], config: AnalyzerConfig, *, errors: list[str] | None = None,
            progress: Progress | None = None) -> list[Prepared]:
    """Analyse the archive's articles once (every stage but tags)."""
    analyzer = Analyzer(analysis_config(config))
    out: list[Prepared] = []
    for chunk in chunked(examples, BATCH_ARTICLES):
        for ex, res in zip(chunk, analyzer.analyze_batch([ex.article for ex in chunk]), strict=True):
            if isinstance(res, Exception):
                if errors is not None:
                    errors.append(f"{ex.source}: {res}")
                continue
            out.append(Prepared(ex, Work(res)))
        if progress is not None:
            progress(f"analysed {len(out)} articles")
    return out


def _label(c: Candidate, ex: Example) -> int | None:
    if any(tag_matches(c.name, g) for g in ex.gold):
        return 1
    if any(tag_matches(c.name, r) for r in ex.rejected):
        return 0
    if any(tag_matches(c.name, u) for u in ex.undecided):
        return None  # shown to the editor, who left it as it was: no label
    return 0


def _forms(c: Candidate, kb: Any) -> list[str]:
    """Other names of a candidate: how the text names the entity, and its KB names. (A topic's
    trigger words are no names of it: ``Vierschanzentournee`` triggers Musik.)"""
    if c.source != "entity":
        return []
    forms = [e.text for e in c.evidence if e.text and e.kind == "mention"]
    entry = None
    if kb is not None:
        entry = (kb.get(c.entity) if c.entity else None) or (kb.get(c.kb_id) if c.kb_id else None)
    if entry is not None:
        forms += list(entry.names())
    return forms


def _conventions(prepared: Sequence[Prepared], cands: Sequence[list[Candidate]], kb: Any, home: str) -> tuple[str | None, bool, bool]:
    """(home country to demote or None, whether the house names the country of every place,
    whether it names the Land of every German, Austrian or Swiss town)."""
    home_key = tag_key(home)
    n_home = kept_home = 0
    above = {"country": [0, 0], "region": [0, 0]}  # articles with such a place, and those where the house named it
    for p, cs in zip(prepared, cands, strict=True):
        gold = {tag_key(g) for g in p.example.gold}
        keys = {c.key for c in cs}
        if home_key in keys:
            n_home += 1
            kept_home += home_key in gold
        if kb is None:
            continue
        seen: set[str] = set()
        for c in sorted(cs, key=lambda c: -c.score):  # the article's main place speaks for it
            for mark, up in lies_above(c, kb):
                kind = mark.removeprefix("place_")
                if kind in seen or tag_key(up.name) in keys:
                    continue
                seen.add(kind)
                above[kind][0] += 1
                above[kind][1] += any(tag_key(n) in gold for n in up.names())  # the house may write USA
    keep_home = n_home >= 3 and kept_home / n_home >= HOME_TAG_SHARE
    names = {kind: n >= 3 and kept / n >= PLACE_COUNTRY_SHARE for kind, (n, kept) in above.items()}
    return (None if keep_home else home), names["country"], names["region"]


def _subjects(prepared: Sequence[Prepared], opts: TrainOptions) -> Subjects | None:
    if opts.section_subjects:
        return section_subjects()
    rows = []
    for p in prepared:
        a = p.work.analysis
        sec = a.section.label if a.section else None
        genre = a.article.wire.genre if a.article.wire else None
        rows.append((sec, p.example.subjects or (p.example.gold if opts.subjects else []), [s.code for s in a.subjects], genre))
    if opts.subjects is None and not any(row[1] for row in rows):
        return None
    return learn_subjects(rows, list(opts.subjects) if opts.subjects else None)


def _with_counts(vocab: Sequence[HouseTag], counts: dict[str, int]) -> tuple[HouseTag, ...]:
    return tuple(HouseTag(t.name, counts.get(tag_key(t.name), 0), t.aliases, t.named) for t in vocab)


def train_profile(prepared: Sequence[Prepared], config: AnalyzerConfig, opts: TrainOptions | None = None,
                  *, progress: Progress | None = None) -> Profile:
    """Learn a profile from analysed archive articles (see the module's docstring)."""
    opts = opts or TrainOptions()
    say = progress or (lambda _msg: None)
    config = dataclasses.replace(config, profile=None)
    base_stage = Tags(config, profile=Profile(name="base"))
    kb = base_stage.kb
    golds = [p.example.gold for p in prepared]
    counts, names = house_counts(golds)

    # 1. the house vocabulary and its aliases, from the candidates of the shipped vocabulary
    cands0 = [base_stage.candidates(p.work) for p in prepared]
    pairs = []
    for p, cs in zip(prepared, cands0, strict=True):
        for g in p.example.gold:
            if any(tag_key(c.name) == tag_key(g) for c in cs):
                continue
            pairs += [(c.name, _forms(c, kb), g) for c in cs if not any(tag_key(c.name) == tag_key(x) for x in p.example.gold)]
    # a house tag the entities stage names (as an entity candidate with its key) needs no trigger
    named = {c.key for cs in cands0 for c in cs if c.source == "entity"}
    vocab = tuple(
        dataclasses.replace(t, named=tag_key(t.name) in named)
        for t in house_vocabulary(counts, names, alias_votes(pairs), min_count=opts.min_count)
    )
    home, countries, regions = _conventions(prepared, cands0, kb, base_stage.home or "Deutschland")
    subjects = _subjects(prepared, opts)
    say(f"house vocabulary: {len(vocab)} tags, {sum(len(t.aliases) for t in vocab)} aliases")
    v1 = Profile(name=opts.name, home_country=home, countries_of_places=countries, regions_of_places=regions,
                 vocabulary=vocab, subjects=subjects)
    stage1 = Tags(config, profile=v1)
    cands1 = [stage1.candidates(p.work) for p in prepared]
    lemmas = [content_lemmas(lead_lemmas(p.work.analysis)) for p in prepared]  # where the stage counts them
    gold_keys = [[tag_key(g) for g in p.example.gold] for p in prepared]
    house = {tag_key(t.name): t.name for t in vocab}

    def statistics(idx: Sequence[int]) -> tuple[Any, Any, dict[str, int]]:
        pri = learn_priors(([(c.key, candidate_kind(c)) for c in cands1[i]],
                            [c.key for c in cands1[i] if _label(c, prepared[i].example) == 1]) for i in idx)
        assoc = learn_associations([(lemmas[i], gold_keys[i]) for i in idx], house)
        cnt = Counter(k for i in idx for k in set(gold_keys[i]))
        return pri, assoc, dict(cnt)

    # 2. out-of-fold features: an article's archive statistics come from the other folds
    order = list(range(len(prepared)))
    random.Random(opts.seed).shuffle(order)
    k = max(2, min(opts.folds, len(prepared)))
    fold_of = {i: n % k for n, i in enumerate(order)}
    xs, ys, groups = [], [], []
    n_gold: dict[int, int] = {}
    for f in range(k):
        rest = [i for i in range(len(prepared)) if fold_of[i] != f]
        pri, assoc, cnt = statistics(rest)
        pf = dataclasses.replace(v1, vocabulary=_with_counts(vocab, cnt), priors=pri, associations=assoc)
        stage_f = Tags(config, profile=pf)
        for i in (i for i in range(len(prepared)) if fold_of[i] == f):
            cs = stage_f.candidates(prepared[i].work)
            labels = [_label(c, prepared[i].example) for c in cs]
            keep = [j for j, lab in enumerate(labels) if lab is not None]
            if not keep:
                continue
            rows = feature_rows([cs[j] for j in keep], pf)
            xs.append(rows)
            ys += [labels[j] for j in keep]
            groups += [i] * len(keep)
            n_gold[i] = len(prepared[i].example.gold)
        say(f"features: fold {f + 1} of {k}")
    x = np.vstack(xs) if xs else np.zeros((0, 0))
    y, grp = np.asarray(ys, dtype=np.int64), np.asarray(groups, dtype=np.int64)

    # 3. the ranker, then the archive's statistics over everything
    ranker, report = fit_ranker(x, y, grp, n_gold, model=opts.model, seed=opts.seed, folds=opts.folds)
    say(f"ranker: {report.get('kind')} {report.get('cv_recall@5', '')}")
    pri, assoc, cnt = statistics(range(len(prepared)))
    found = sum(any(tag_matches(c.name, gd) for c in cs) for p, cs in zip(prepared, cands1, strict=True) for gd in p.example.gold)
    return dataclasses.replace(
        v1,
        description=opts.description or f"learned from {len(prepared)} articles",
        vocabulary=_with_counts(vocab, cnt),
        priors=pri,
        associations=assoc,
        ranker=ranker,
        min_probability=float(report.get("min_probability", 0.0)) if opts.min_probability is None else opts.min_probability,
        trained={"articles": len(prepared), "tags": sum(len(gd) for gd in golds), "sources": opts.sources,
                 "rejected": sum(len(p.example.rejected) for p in prepared),
                 "tokens_median": int(np.median([len(p.work.analysis.tokens) for p in prepared])) if prepared else 0},
        metrics={**report, "gold_among_candidates": round(found / max(1, sum(len(gd) for gd in golds)), 4),
                 "aliases": sum(len(t.aliases) for t in vocab)},
    )


def tag_prepared(prepared: Sequence[Prepared], config: AnalyzerConfig, profile: Profile | None) -> list[list[str]]:
    """The tags of analysed articles under ``profile`` (None: the config's own), best first."""
    stage = Tags(config) if profile is None else Tags(config, profile=profile)
    out = []
    for p in prepared:
        stage(p.work)
        out.append([t.name for t in p.work.analysis.tags if not t.given])
    return out
