"""Tag quality and speed on the ntv teaser set: recall@k / precision@k against the editors' tags.

    python benchmarks/tags.py ../shared/data/ntv-tags/dev.jsonl
    python benchmarks/tags.py ../shared/data/ntv-tags/dev.jsonl --vocabulary ../shared/data/ntv-tags/vocabulary.json
    python benchmarks/tags.py ../shared/data/ntv-tags/dev.jsonl --no-yake --profile \
        --seed ../shared/seeds/ntv-article.txt --dpa ../shared/data/dpa-samples/digitalwires

Prints, for k = 3, 5, 10: recall@k (share of all gold tags found in the top k, micro) and
precision@k (share of the top-k predictions that match a gold tag; a lower bound, the gold
lists are incomplete), for tagwerk and for YAKE's top k (n=3, German stop words) computed in
the same run; then articles/s of the whole analysis and the share of the analysis time spent
in the tags stage (and in keyphrases + section + tags). With ``--vocabulary`` the file is
loaded at run time as a newsroom vocabulary, the way a newsroom would configure tagwerk:
report that figure separately, it is not the default set-up.

With ``--profile`` a newsroom profile is trained on the teasers by k-fold cross-validation
(``--folds``, default 5: train on k-1 folds with ``tagwerk.training.profile``, tag the held-out
fold) and recall@k / precision@k are printed with and without it, on the same analyses; then the
profile's cost: the time of topic matching + the tags stage with the profile, less without it,
as a share of the tags stage's time without it.

``--seed`` and ``--dpa`` (a folder of dpa-digitalwires JSON) count the noise of issue #31 among
the top 6 tags of the bundled example, the seed and the dpa items (agency names; tags whose
every piece of evidence lies inside a person's name or on a personal name inside an
organisation's; currencies and units after an amount; news outlets, the KB's kind media), and
on the dpa items the recall of their slugline terms (subjects, places, keywords) in the top 6:
without a profile, and with an agency profile trained leave-one-out on the other stories (5-fold
above 20 stories, a story's versions in one fold; the tags ``train tags`` reads from them); then
the cost of an agency profile trained on all items, timed on them as above, and of the same
profile grown to an agency archive's size (``grown_profile``).

Matching rule (from the data's README): a prediction matches a gold name when both are equal
after folding case, umlauts and non-alphanumerics, or when every word of the gold name occurs
in the prediction and the prediction has at most one extra word.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

from tagwerk.article import Article, ArticleBuilder
from tagwerk.pipeline import Analyzer, AnalyzerConfig

KS = (3, 5, 10)
_UML = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(s: str) -> str:
    s = unicodedata.normalize("NFC", s).lower().translate(_UML)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", s)


def words(s: str) -> list[str]:
    return [w for w in (fold(x) for x in re.split(r"[\s\-/]+", s)) if w]


def matches(pred: str, gold: str) -> bool:
    if fold(pred) == fold(gold):
        return True
    pw, gw = words(pred), words(gold)
    return bool(gw) and all(w in pw for w in gw) and len(pw) - len(gw) <= 1


def teaser_article(record: dict, n: int) -> Article:
    lines = [x for x in record["text"].split("\n") if x.strip()]
    b = ArticleBuilder()
    kinds = {3: ("kicker", "headline", "teaser"), 2: ("headline", "teaser"), 1: ("teaser",)}.get(
        len(lines), ("kicker", "headline", *(["teaser"] * (len(lines) - 2)))
    )
    for kind, line in zip(kinds, lines, strict=False):
        b.add(kind, line)  # type: ignore[arg-type]
    return Article(text=b.text, blocks=b.blocks, id=f"dev:{n}", date=record.get("date"))


def score(preds: list[list[str]], golds: list[list[str]]) -> dict[str, float]:
    out: dict[str, float] = {}
    n_gold = sum(len(g) for g in golds)
    for k in KS:
        found = correct = made = 0
        for p, g in zip(preds, golds, strict=True):
            top = p[:k]
            found += sum(1 for gt in g if any(matches(x, gt) for x in top))
            correct += sum(1 for x in top if any(matches(x, gt) for gt in g))
            made += len(top)
        out[f"R@{k}"] = found / max(1, n_gold)
        out[f"P@{k}"] = correct / max(1, made)
        out[f"n@{k}"] = made / max(1, len(preds))  # suggestions an article
    return out


def timed_analyzer(config: AnalyzerConfig) -> tuple[Analyzer, dict[str, float]]:
    """An Analyzer whose stages add their run time to a dict (benchmark only)."""
    from tagwerk.pipeline import Stage

    class Timed(Stage):
        def __init__(self, stage: Stage, name: str) -> None:
            self.stage, self.name = stage, name
            self.version_suffix, self.memory_zone = stage.version_suffix, stage.memory_zone

        def __call__(self, work) -> None:  # noqa: ANN001
            t0 = time.perf_counter()
            self.stage(work)
            times[self.name] += time.perf_counter() - t0

        def pipe(self, works):  # noqa: ANN001, ANN202
            t0 = time.perf_counter()
            try:
                return self.stage.pipe(works)
            finally:
                times[self.name] += time.perf_counter() - t0

    analyzer = Analyzer(config)
    times: dict[str, float] = defaultdict(float)
    analyzer._stages = [(spec, Timed(stage, spec.name)) for spec, stage in analyzer._stages]  # noqa: SLF001 - benchmark only
    return analyzer, times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", type=Path, help="ntv-tags JSON Lines (dev.jsonl)")
    ap.add_argument("--vocabulary", type=Path, action="append", default=[], help="newsroom vocabulary loaded at run time")
    ap.add_argument("--limit", type=int, default=0, help="only the first N teasers")
    ap.add_argument("--no-yake", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print N misses for inspection")
    ap.add_argument("--json", type=Path, help="also write tagwerk's figures to this JSON file")
    ap.add_argument("--profile", action="store_true", help="train a profile by k-fold cross-validation and score it")
    ap.add_argument("--folds", type=int, default=5, help="folds of --profile (default 5)")
    ap.add_argument("--seed", type=Path, help="the seed article: count its noise")
    ap.add_argument("--dpa", type=Path, help="a folder of dpa-digitalwires JSON: noise and slugline recall")
    ap.add_argument("--speed-corpus", type=Path,
                    help="JSON Lines of full articles (title, text): time a profile trained on all teasers on them too")
    ap.add_argument("--speed-limit", type=int, default=150, help="articles of --speed-corpus to time (default 150)")
    args = ap.parse_args(argv)

    records = [json.loads(x) for x in args.path.read_text(encoding="utf-8").splitlines() if x.strip()]
    if args.limit:
        records = records[: args.limit]
    articles = [teaser_article(r, i) for i, r in enumerate(records)]
    golds = [list(r.get("names") or []) for r in records]

    config = AnalyzerConfig(top_k=max(KS), newsroom_vocabulary=tuple(args.vocabulary))
    analyzer, times = timed_analyzer(config)
    analyzer.analyze(articles[0])  # warm-up (lazy loads)
    times.clear()
    t0 = time.perf_counter()
    preds: list[list[str]] = []
    analyses = []
    for art in articles:
        a = analyzer.analyze(art)
        analyses.append(a)
        preds.append([t.name for t in a.tags])
    wall = time.perf_counter() - t0

    label = "tagwerk" + (" + newsroom vocabulary (run time)" if args.vocabulary else "")
    rows = [(label, score(preds, golds))]
    if not args.no_yake:
        import yake

        kw = yake.KeywordExtractor(lan="de", n=3, top=max(KS))
        t1 = time.perf_counter()
        ypreds = [[k for k, _ in kw.extract_keywords(art.text)] for art in articles]
        ywall = time.perf_counter() - t1
        rows.append(("YAKE (n=3, de)", score(ypreds, golds)))

    print(f"ntv-tags: {len(records)} teasers, {sum(len(g) for g in golds)} gold tags ({args.path})")
    head = "system".ljust(44) + "".join(f"{m:>8}" for k in KS for m in (f"R@{k}", f"P@{k}"))
    print(head)
    for name, sc in rows:
        print(name.ljust(44) + "".join(f"{sc[f'R@{k}']:8.3f}{sc[f'P@{k}']:8.3f}" for k in KS))
    total = sum(times.values())
    print(f"speed: {len(articles) / wall:.1f} articles/s (all stages: {', '.join(analyzer.versions)})")
    if not args.no_yake:
        print(f"       YAKE {len(articles) / ywall:.1f} articles/s")
    share = times.get("tags", 0.0) / total if total else 0.0
    share3 = sum(times.get(s, 0.0) for s in ("keyphrases", "section", "tags")) / total if total else 0.0
    print(f"tags stage share of analysis time: {100 * share:.1f} % (keyphrases+section+tags: {100 * share3:.1f} %)")
    print("per stage ms/article: " + ", ".join(f"{k} {1000 * v / len(articles):.2f}" for k, v in times.items()))
    if args.errors:
        shown = 0
        for art, p, g in zip(articles, preds, golds, strict=True):
            missed = [x for x in g if not any(matches(y, x) for y in p[:5])]
            if missed and shown < args.errors:
                shown += 1
                print(f"- gold {g} | top5 {p[:5]}\n  {art.text[:160]!r}")
    figures: dict[str, float] = {**rows[0][1], "teasers": len(records)}
    if args.profile:
        figures.update(profile_cv(analyses, golds, config, args.folds))
    if args.speed_corpus:
        figures["profile_cost_share_full_articles"] = profile_speed(analyses, golds, config, args.speed_corpus, args.speed_limit)
    if args.seed or args.dpa:
        figures.update(agency_checks(analyzer, args.seed, args.dpa))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


def _support():  # noqa: ANN202 - the helper module beside this script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import tags_agency

    return tags_agency


def profile_cv(analyses: list, golds: list[list[str]], config: AnalyzerConfig, folds: int) -> dict[str, float]:
    """Train a profile on k-1 folds, tag the held-out fold; print and return the figures."""
    import random

    from tagwerk.pipeline import Work
    from tagwerk.training.profile import Prepared, TrainOptions, tag_prepared, train_profile
    from tagwerk.training.profile_data import Example

    prepared = [Prepared(Example(a.article, g, source=a.article.id or ""), Work(a)) for a, g in zip(analyses, golds, strict=True)]
    order = list(range(len(prepared)))
    random.Random(0).shuffle(order)
    fold = {i: n % folds for n, i in enumerate(order)}
    with_p: list[list[str]] = [[] for _ in prepared]
    without = tag_prepared(prepared, config, None)
    kinds: list[str] = []
    thresholds: list[float] = []
    cost: dict[str, float] = {}
    t0 = time.perf_counter()
    for f in range(folds):
        train = [p for i, p in enumerate(prepared) if fold[i] != f]
        test = [i for i in range(len(prepared)) if fold[i] == f]
        profile = train_profile(train, config, TrainOptions(name="ntv-cv", seed=f))
        kinds.append(profile.ranker.kind)
        thresholds.append(profile.suggest_from)
        for i, tags in zip(test, tag_prepared([prepared[i] for i in test], config, profile), strict=True):
            with_p[i] = tags
        _time_profile([prepared[i] for i in test], config, profile, cost)
    train_s = time.perf_counter() - t0
    a, b = score(without, golds), score(with_p, golds)
    print(f"profile, {folds}-fold cross-validation on the same teasers (rankers: {', '.join(kinds)}; {train_s:.0f} s):")
    print("system".ljust(44) + "".join(f"{m:>8}" for k in KS for m in (f"R@{k}", f"P@{k}")))
    for name, sc in (("without a profile (default)", a), ("with a profile trained on the other folds", b)):
        print(name.ljust(44) + "".join(f"{sc[f'R@{k}']:8.3f}{sc[f'P@{k}']:8.3f}" for k in KS))
    print(f"tags suggested an article (top 5): {a['n@5']:.2f} without a profile, {b['n@5']:.2f} with one "
          f"(its keep probability threshold per fold: {', '.join(f'{t:g}' for t in thresholds)})")
    share = profile_cost(cost, len(prepared))
    return {**{f"profile_{k}": v for k, v in b.items()}, "profile_cost_share": share}


def profile_speed(analyses: list, golds: list[list[str]], config: AnalyzerConfig, corpus: Path, limit: int) -> float:
    """The cost of a profile trained on all teasers, on full-length articles of ``corpus``."""
    from tagwerk.article import build_article
    from tagwerk.pipeline import Work
    from tagwerk.training.profile import Prepared, TrainOptions, prepare, train_profile
    from tagwerk.training.profile_data import Example

    prepared = [Prepared(Example(a.article, g), Work(a)) for a, g in zip(analyses, golds, strict=True)]
    profile = train_profile(prepared, config, TrainOptions(name="ntv"))
    rows = [json.loads(x) for x in corpus.read_text(encoding="utf-8").splitlines() if x.strip()][:limit]
    examples = [Example(build_article(body=r["text"], title=r.get("title")), ["-"]) for r in rows]
    full = prepare(examples, config)
    cost: dict[str, float] = {}
    _time_profile(full, config, profile, cost)
    words = sum(len(p.work.analysis.tokens) for p in full) / max(1, len(full))
    print(f"{len(full)} articles of {corpus.name} ({words:.0f} tokens each), profile trained on all teasers "
          f"({profile.ranker.kind} ranker):")
    return profile_cost(cost, len(full))


def profile_cost(cost: dict[str, float], n: int) -> float:
    """Print the profile's cost and return it as a share of the tags stage's time without one."""
    extra = cost["match_profile"] + cost["tags_profile"] - cost["match_base"] - cost["tags_base"]
    share = extra / cost["tags_base"] if cost["tags_base"] else 0.0
    ms = {k: 1000 * v / n for k, v in cost.items()}
    print(f"profile cost (CPU ms/article, least of 10 runs): tags stage {ms['tags_base']:.3f} -> {ms['tags_profile']:.3f}, "
          f"topic matching {ms['match_base']:.3f} -> {ms['match_profile']:.3f}; "
          f"the profile adds {100 * share:.1f} % of the tags stage's time")
    return share


def _time_profile(prepared: list, config: AnalyzerConfig, profile, cost: dict[str, float]) -> None:  # noqa: ANN001
    """Add to ``cost`` the CPU time of topic matching (``match_*``, done once for the section,
    Media Topics and tags stages: with a profile, one pass finds the hits of its vocabulary and of
    the shipped one) and of the tags stage (``tags_*``), without and with ``profile``: per article,
    the two alternate, each going first in every other run (the second finds the article's
    tokens in the CPU's caches), and the least of 10 runs counts (thread CPU time: other
    processes on these shared machines do not count), with the garbage collector off as in
    ``timeit``."""
    import gc

    from tagwerk.stages.tags import Tags

    plain, with_profile = Tags(config), Tags(config, profile=profile)
    for p in prepared:
        best = {k: float("inf") for k in ("match_base", "tags_base", "match_profile", "tags_profile")}
        gc.collect()
        gc.disable()  # as timeit does: a collection of the whole heap (models, KB) lands on one side by chance
        try:
            _time_article(p, plain, with_profile, best)
        finally:
            gc.enable()
        for k, v in best.items():
            cost[k] = cost.get(k, 0.0) + v


def _time_article(p, plain, with_profile, best: dict[str, float]) -> None:  # noqa: ANN001
    """The least of 10 runs of topic matching and the tags stage on one article, without and with
    the profile, taking turns at going first."""
    from tagwerk.topics import topic_hits

    for run in range(10):
        for name, stage in (("base", plain), ("profile", with_profile))[:: 1 if run % 2 else -1]:
            p.work.topic_hits = None
            t0 = time.thread_time()
            topic_hits(p.work, stage.vocab)  # as the pipeline finds them (with a profile: its and the shipped vocabulary's)
            t1 = time.thread_time()
            stage(p.work)
            t2 = time.thread_time()
            best["match_" + name] = min(best["match_" + name], t1 - t0)
            best["tags_" + name] = min(best["tags_" + name], t2 - t1)


def agency_checks(analyzer: Analyzer, seed: Path | None, dpa: Path | None) -> dict[str, float]:
    """Noise counts on the bundled example, the seed and the dpa items; the dpa slugline recall."""
    from tagwerk.examples import example_path
    from tagwerk.readers import read_path

    support = _support()
    analysed = []
    for path in [example_path(), *([seed] if seed else [])]:
        for art in read_path(str(path)):
            analysed.append((Path(str(path)).name, analyzer.analyze(art)))
    items = support.dpa_items(dpa) if dpa else []
    dpa_analyses = [(it.name, analyzer.analyze(it.example.article)) for it in items]
    totals, lines = support.count_noise([*analysed, *dpa_analyses])
    print(f"noise in the top 6 of {len(analysed)} articles + {len(items)} dpa items: "
          + ", ".join(f"{k} {v}" for k, v in totals.items()))
    for line in lines:
        print("  " + line)
    out: dict[str, float] = {f"noise_{k}": float(v) for k, v in totals.items()}
    if items:
        out.update(support.slugline_recall(items, [a for _, a in dpa_analyses], analyzer.config))
        out["profile_cost_share_agency"] = agency_profile_speed(items, [a for _, a in dpa_analyses], analyzer.config)
    return out


def agency_profile(items: list, analyses: list, config: AnalyzerConfig) -> tuple[list, object]:
    """The dpa items as training examples (``Prepared``) and the agency profile trained on all of them."""
    from tagwerk.pipeline import Work
    from tagwerk.training.profile import Prepared, TrainOptions, train_profile

    prepared = [Prepared(it.example, Work(a)) for it, a in zip(items, analyses, strict=True)]
    return prepared, train_profile(prepared, config, TrainOptions(name="dpa"))


def agency_profile_speed(items: list, analyses: list, config: AnalyzerConfig) -> float:
    """The cost of an agency profile trained on all dpa items, on the same items."""
    prepared, profile = agency_profile(items, analyses, config)
    cost: dict[str, float] = {}
    _time_profile(prepared, config, profile, cost)
    words = sum(len(a.tokens) for a in analyses) / max(1, len(analyses))
    iptc = bool(profile.subjects and profile.subjects.media_topic_terms)
    print(f"{len(prepared)} dpa items ({words:.0f} tokens each), agency profile trained on them "
          f"({profile.ranker.kind} ranker, subject terms named as IPTC does: {iptc}):")
    share = profile_cost(cost, len(prepared))
    large = grown_profile(profile, SCALE_TERMS, SCALE_HOUSE_TAGS)
    cost = {}
    _time_profile(prepared, config, large, cost)
    print(f"the same profile grown to an agency archive's size ({SCALE_TERMS} more subject terms, "
          f"{SCALE_HOUSE_TAGS} more house tags, names no text holds):")
    profile_cost(cost, len(prepared))
    return share


SCALE_TERMS, SCALE_HOUSE_TAGS = 500, 5000
"""How far :func:`grown_profile` grows the agency profile: a year of an agency's wire files its
stories under hundreds of subject terms and tags thousands of names. The 26 dpa samples teach a
profile few of either; a profile's cost per article must not grow with them."""


def grown_profile(profile, terms: int, house_tags: int):  # noqa: ANN001, ANN201
    """``profile`` with ``terms`` more subject terms (sharing half the prior) and ``house_tags``
    more house tags, under names no article holds: what a profile reads for every article
    whatever the article says (its tables) grows, what the article matches does not."""
    import dataclasses

    from tagwerk.profiles import HouseTag

    subjects = profile.subjects
    if subjects is not None:
        extra = tuple(f"Sachgebiet {i}" for i in range(terms))
        prior = {**{t: v / 2 for t, v in subjects.prior.items()}, **{t: 0.5 / max(1, terms) for t in extra}}
        subjects = dataclasses.replace(subjects, terms=subjects.terms + extra, prior=prior)
    vocabulary = profile.vocabulary + tuple(HouseTag(f"Hausthema {i}", count=1 + i % 7) for i in range(house_tags))
    return dataclasses.replace(profile, subjects=subjects, vocabulary=vocabulary)


if __name__ == "__main__":
    sys.exit(main())
