"""What a newsroom profile learns from its archive, one pure function each: the house vocabulary
and its aliases, the tags' priors, the words associated with a tag, the subject list, and the
ranker (scikit-learn's logistic regression and gradient boosting, compared, the better kept and
exported as plain weights or trees)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from tagwerk.lang.de.stopwords import FUNCTION_WORDS
from tagwerk.profiles import Associations, HouseTag, Priors, Subjects
from tagwerk.profiles.ranker import FEATURES, LinearRanker, PriorRanker, Ranker, TreeRanker, keep_probabilities
from tagwerk.topics import SECTIONS, tag_key

ASSOC_MIN_ARTICLES = 2
"""A house tag gets associated words once this many articles carry it."""
ASSOC_MIN_COUNT = 2
"""A word speaks for a tag once it occurs in this many of the tag's articles."""
ASSOC_MIN_WEIGHT = 1.0
"""... and its log-odds ratio for the tag is at least this (the odds e times the rest's)."""
ASSOC_TOP = 25
"""Words kept per tag, the most frequent of the tag's articles first."""
ASSOC_MIN_SCORE = 3.0
"""Summed weight from which a tag the text does not name becomes a candidate. Chosen on the ntv
dev teasers by 5-fold cross-validation (benchmarks/tags.py --profile), recall@5: 2 -> 0.670,
3 -> 0.676, 4.5 -> 0.667, 6 -> 0.651, no associated candidates at all -> 0.633."""
TREES_MARGIN = 0.01
"""Recall@5 by which gradient boosting must beat logistic regression to be kept: on the ntv dev
teasers the two differ by about 0.01 either way from fold to fold (0.676 vs 0.683, 0.704 vs
0.692, ...), the same within noise, and the linear model is the faster one to apply."""
MEDIA_TOPIC_TERM_SHARE = 0.5
"""A house whose subject terms are at least this share one-word concepts of IPTC's German Media
Topic names (``Bahn``, ``Krieg``) names its subjects the IPTC way: its profile may choose any such
name (:attr:`tagwerk.profiles.Subjects.media_topic_terms`). dpa's 19 terms in the samples: 13.
Only for a list learned from the archive: one the newsroom gives (``--subjects FILE``) stays closed."""
KEEP_PROBABILITY_RECALL = 0.98
"""A profile's ``min_probability`` is the highest that keeps this share of the recall@5 of the
out-of-fold predictions (:func:`choose_min_probability`). On the ntv dev teasers (5-fold
cross-validation, ``benchmarks/tags.py --profile``) it costs about 0.01-0.02 of the recall@5 and
cuts what an editor must delete by about a third (4.0 to 2.6 wrong suggestions a teaser); see
docs/experiments/tags-profiles.md."""
KEEP_PROBABILITY_GRID = tuple(round(0.005 * i, 3) for i in range(1, 101))
"""The thresholds :func:`choose_min_probability` tries (0.005 to 0.5)."""
MIN_ARTICLES_FOR_MODEL = 30
"""Fewer labelled articles than this: no model is fitted; the profile's ranker is ``prior``."""
MIN_POSITIVES_FOR_MODEL = 20


# -- the house vocabulary -------------------------------------------------------------------

def house_counts(golds: Iterable[Sequence[str]]) -> tuple[dict[str, int], dict[str, str]]:
    """Per tag key, the articles carrying it; and the house's spelling (its most frequent one)."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for gold in golds:
        for k in {tag_key(g) for g in gold if tag_key(g)}:
            counts[k] += 1
        for g in gold:
            if tag_key(g):
                spellings[tag_key(g)][g] += 1
    names = {k: max(c, key=lambda s: (c[s], s)) for k, c in spellings.items()}
    return dict(counts), names


def alias_votes(pairs: Iterable[tuple[str, Sequence[str], str]]) -> dict[str, Counter[str]]:
    """``(candidate name, its other forms, gold tag)`` for each candidate and gold tag of an
    article that do not carry the same name -> votes: candidate name -> house name -> count.
    A vote is cast when a form of the candidate (a mention as written, a KB alias) is the gold
    tag, or the gold tag's words are the candidate's but one (``Nahost-Konflikt`` -> Nahost)."""
    from tagwerk.training.profile_data import tag_matches

    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for name, forms, gold in pairs:
        if tag_key(name) == tag_key(gold):
            continue
        if tag_matches(name, gold) or any(tag_key(f) == tag_key(gold) for f in forms):
            votes[name][gold] += 1
    return votes


def house_vocabulary(counts: Mapping[str, int], names: Mapping[str, str], votes: Mapping[str, Counter[str]],
                     *, min_count: int = 1) -> tuple[HouseTag, ...]:
    """The house tags (given at least ``min_count`` times), each with the names the analysis
    gives it where the house writes it differently (an alias goes to its most voted house tag,
    and only when the alias is no house tag itself)."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for cand, vs in sorted(votes.items()):
        if tag_key(cand) in counts:
            continue
        gold = max(vs, key=lambda g: (vs[g], g))
        aliases[tag_key(gold)].append(cand)
    return tuple(
        HouseTag(names[k], n, tuple(sorted(set(aliases.get(k, ())))))
        for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]]))
        if n >= min_count
    )


# -- priors and associations ------------------------------------------------------------------

def learn_priors(articles: Iterable[tuple[Iterable[str | tuple[str, str]], Iterable[str]]]) -> Priors:
    """From (candidates, kept keys) per article, a candidate being its key or (key, kind): how
    often each tag was a candidate and how often it was kept, the same per kind of candidate,
    and the base rate over all candidates."""
    keys: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    n = n_cand = n_kept = 0
    for cands, kept in articles:
        n += 1
        kept_set = set(kept)
        kind_of = dict((c, None) if isinstance(c, str) else c for c in cands)
        for k, kind in kind_of.items():
            hit = k in kept_set
            keys[k][0] += 1
            keys[k][1] += hit
            n_cand += 1
            n_kept += hit
            if kind is not None:
                kinds[kind][0] += 1
                kinds[kind][1] += hit
    return Priors(n, n_kept / n_cand if n_cand else 0.1, {k: (v[0], v[1]) for k, v in keys.items() if v[0] or v[1]},
                  {k: (v[0], v[1]) for k, v in sorted(kinds.items())})


def content_lemmas(lemmas: Iterable[str]) -> set[str]:
    """The distinct words of :func:`tagwerk.stages.tags.profile.lemma_spans` (already filtered)."""
    return {w for w in lemmas if w not in FUNCTION_WORDS}


def learn_associations(articles: Sequence[tuple[set[str], Sequence[str]]], tags: Mapping[str, str]) -> Associations:
    """From (content lemmas, gold keys) per article: for each house tag (key -> name) carried by
    at least ASSOC_MIN_ARTICLES articles, the words whose log-odds ratio for it is high (none
    from fewer than MIN_ARTICLES_FOR_MODEL articles)."""
    n = len(articles)
    if n < MIN_ARTICLES_FOR_MODEL:
        return Associations({}, ASSOC_MIN_SCORE)  # a handful of articles: every shared word would look associated
    df: Counter[str] = Counter()
    per_tag: dict[str, Counter[str]] = defaultdict(Counter)
    n_tag: Counter[str] = Counter()
    for lemmas, gold in articles:
        df.update(lemmas)
        for k in set(gold):
            if k in tags:
                n_tag[k] += 1
                per_tag[k].update(lemmas)
    a = 0.5
    weights: dict[str, dict[str, float]] = {}
    for k, nt in n_tag.items():
        if nt < ASSOC_MIN_ARTICLES:
            continue
        scored = []
        for w, ntw in per_tag[k].items():
            if ntw < ASSOC_MIN_COUNT:
                continue
            rest_w, rest = df[w] - ntw, n - nt
            lor = math.log((ntw + a) / (nt - ntw + a)) - math.log((rest_w + a) / (rest - rest_w + a))
            if lor >= ASSOC_MIN_WEIGHT:
                scored.append((ntw, lor, w))
        scored.sort(key=lambda x: (-x[0], -x[1], x[2]))
        if scored:
            weights[tags[k]] = {w: round(lor, 3) for _, lor, w in scored[:ASSOC_TOP]}
    return Associations(weights, ASSOC_MIN_SCORE)


def learn_subjects(articles: Iterable[tuple[Any, ...]], terms: Sequence[str] | None) -> Subjects | None:
    """From (section, subject terms in order, tagwerk's IPTC Media Topic qcodes[, the agency's
    genre]) per article: the closed list (``terms``, else every subject term seen: an agency's
    second and third terms come from the same list), how often each comes first overall, per
    section and per genre, and how often an article with a Media Topic is filed under each term."""
    from tagwerk.topics.mediatopics import name_words

    rows = list(articles)
    closed = terms is not None  # the newsroom's own list (``--subjects FILE``) stays closed
    if terms is None:
        terms = list(dict.fromkeys(t for row in rows for t in row[1]))
    if not terms:
        return None
    keys = {tag_key(t): t for t in terms}
    prior: Counter[str] = Counter()
    by_section: dict[str, Counter[str]] = defaultdict(Counter)
    by_topic: dict[str, Counter[str]] = defaultdict(Counter)
    by_genre: dict[str, Counter[str]] = defaultdict(Counter)
    topic_articles: Counter[str] = Counter()
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    term_articles: Counter[str] = Counter()
    for section, subjects, codes, *genre in rows:
        filed = list(dict.fromkeys(keys[tag_key(s)] for s in subjects if tag_key(s) in keys))
        if not filed:
            continue
        for t in filed:
            term_articles[t] += 1
            pairs[t].update(u for u in filed if u != t)
        prior[filed[0]] += 1
        by_section[section or ""][filed[0]] += 1
        if genre and genre[0]:
            by_genre[genre[0]][filed[0]] += 1
        for code in set(codes):
            topic_articles[code] += 1
            by_topic[code].update(filed)
    total = sum(prior.values()) or 1  # the articles filed under a term
    iptc = sum(1 for t in terms if tag_key(t) in name_words()) / len(terms)
    return Subjects(
        tuple(terms),
        {t: round(c / total, 4) for t, c in prior.items()},
        {s: {t: round(c / sum(tab.values()), 4) for t, c in tab.items()} for s, tab in by_section.items()},
        {code: dict(sorted(tab.items())) for code, tab in sorted(by_topic.items())},
        dict(sorted(topic_articles.items())),
        section_articles={sec: sum(tab.values()) for sec, tab in sorted(by_section.items())},
        per_article=round(sum(term_articles.values()) / total, 2) if prior else 1.0,
        pairs={t: dict(sorted(tab.items())) for t, tab in sorted(pairs.items())},
        term_articles=dict(sorted(term_articles.items())),
        media_topic_terms=not closed and iptc >= MEDIA_TOPIC_TERM_SHARE,
        by_genre={g: dict(sorted(tab.items())) for g, tab in sorted(by_genre.items())},
    )


def section_subjects() -> Subjects:
    """The sections as the subject list: each article's section comes first."""
    return Subjects(SECTIONS, {}, {s: {s: 1.0} for s in SECTIONS})


# -- the ranker -------------------------------------------------------------------------------

def recall_at(scores: np.ndarray, y: np.ndarray, groups: np.ndarray, n_gold: Mapping[int, int], k: int = 5) -> float:
    """Share of all gold tags found among each article's ``k`` best-scored candidates."""
    found = 0
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        top = idx[np.argsort(-scores[idx], kind="stable")[:k]]
        found += int(y[top].sum())
    return found / max(1, sum(n_gold.values()))


def choose_min_probability(probs: np.ndarray, y: np.ndarray, groups: np.ndarray, n_gold: Mapping[int, int],
                           k: int = 5) -> tuple[float, dict[str, float]]:
    """The highest threshold of KEEP_PROBABILITY_GRID below which a candidate is not suggested (the
    best one of an article always is) that keeps KEEP_PROBABILITY_RECALL of the recall@``k``, from
    out-of-fold keep probabilities ``probs`` of the candidate rows (labels ``y``, articles
    ``groups``); 0 where none does. With what it gives: recall@k without and with it, and the
    suggestions per article."""
    tops = []
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        top = idx[np.argsort(-probs[idx], kind="stable")[:k]]
        tops.append((probs[top], y[top]))
    total = max(1, sum(n_gold.values()))

    def at(th: float) -> tuple[float, float]:
        found = shown = 0
        for p, lab in tops:
            keep = p >= th
            keep[0] = True  # the best one is always suggested
            found += int(lab[keep].sum())
            shown += int(keep.sum())
        return found / total, shown / max(1, len(tops))

    everything, shown_all = at(0.0)
    best, got = 0.0, (everything, shown_all)
    for th in KEEP_PROBABILITY_GRID if everything > 0 else ():
        r = at(th)
        if r[0] < KEEP_PROBABILITY_RECALL * everything:
            break
        best, got = th, r
    return best, {f"recall@{k}_all": round(everything, 4), f"recall@{k}": round(got[0], 4),
                  "tags_per_article_all": round(shown_all, 2), "tags_per_article": round(got[1], 2)}


def _fit_linear(x: np.ndarray, y: np.ndarray, seed: int) -> LinearRanker:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale = np.where(scale == 0, 1.0, scale)
    model = LogisticRegression(C=0.5, max_iter=2000, random_state=seed)
    model.fit((x - mean) / scale, y)
    return LinearRanker(list(FEATURES), mean.tolist(), scale.tolist(), model.coef_[0].tolist(), float(model.intercept_[0]))


def _fit_trees(x: np.ndarray, y: np.ndarray, seed: int) -> TreeRanker:
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(n_estimators=150, max_depth=3, learning_rate=0.05, subsample=0.8,
                                       min_samples_leaf=5, random_state=seed)
    model.fit(x, y)
    trees: list[dict[str, list[Any]]] = []
    for est in model.estimators_[:, 0]:
        t = est.tree_
        trees.append({
            "feature": [int(v) if v >= 0 else -2 for v in t.feature],
            "threshold": [round(float(v), 6) for v in t.threshold],
            "left": [max(0, int(v)) for v in t.children_left],
            "right": [max(0, int(v)) for v in t.children_right],
            "value": [round(float(v), 6) for v in t.value[:, 0, 0]],
        })
    # the forest's starting log-odds: the decision on any row less what the trees add to it
    row = x[:1]
    contrib = sum(float(est.predict(row)[0]) for est in model.estimators_[:, 0]) * model.learning_rate
    init = float(model.decision_function(row)[0]) - contrib
    return TreeRanker(list(FEATURES), init, float(model.learning_rate), trees)


FITTERS: dict[str, Callable[[np.ndarray, np.ndarray, int], LinearRanker | TreeRanker]] = {"linear": _fit_linear, "trees": _fit_trees}


def fit_ranker(x: np.ndarray, y: np.ndarray, groups: np.ndarray, n_gold: Mapping[int, int], *,
               model: str = "auto", seed: int = 0, folds: int = 5) -> tuple[Ranker, dict[str, Any]]:
    """The ranker of a profile and a report: for ``auto``, logistic regression and gradient
    boosting are scored by grouped cross-validation (recall@5 over the articles) and the better
    is fitted on everything (the trees only when better by TREES_MARGIN)."""
    n_articles = len(np.unique(groups))
    n_pos = int(y.sum())
    report: dict[str, Any] = {"rows": int(len(y)), "positives": n_pos, "articles": n_articles}
    if model == "prior" or n_articles < MIN_ARTICLES_FOR_MODEL or n_pos < MIN_POSITIVES_FOR_MODEL or y.min() == y.max():
        report["kind"] = "prior"
        return PriorRanker(), report
    from sklearn.model_selection import GroupKFold

    kinds = ["linear", "trees"] if model == "auto" else [model]
    cv: dict[str, float] = {}
    oof: dict[str, np.ndarray] = {}  # out-of-fold decisions, for the comparison and the threshold
    for kind in kinds:
        pred = np.full(len(y), -30.0)
        for tr, te in GroupKFold(n_splits=min(folds, n_articles)).split(x, y, groups):
            if y[tr].min() != y[tr].max():
                pred[te] = FITTERS[kind](x[tr], y[tr], seed).decision(x[te])
        oof[kind] = pred
        cv[kind] = round(recall_at(pred, y, groups, n_gold), 4)
    if len(kinds) > 1:
        report["cv_recall@5"] = cv
        # the trees must beat the linear model by a margin: within it the two are the same on
        # an archive this size, and the linear model is smaller and faster to apply
        kinds = ["trees" if cv["trees"] >= cv["linear"] + TREES_MARGIN else "linear"]
    report["kind"] = kinds[0]
    th, found = choose_min_probability(keep_probabilities(oof[kinds[0]]), y, groups, n_gold)
    report["min_probability"] = th
    report["cv_at_min_probability"] = found
    return FITTERS[kinds[0]](x, y, seed), report
