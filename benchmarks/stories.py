"""Stories, near-duplicates and clustering speed (issue #33); prints figures, asserts nothing.

    python benchmarks/stories.py                       # all three parts
    python benchmarks/stories.py --parts labels --grid # the labelled set, with a small grid of thresholds
    python benchmarks/stories.py --parts speed --n 100000
    python benchmarks/stories.py --parts store --n 100000  # the same stream placed through a SQLite store

1. **Labelled stories** (benchmarks/stories_labels.json, made by hand on the background corpus;
   how: see its ``note``): pairwise and B-cubed precision/recall/F1 of tagwerk's story threads,
   beside a plain TF-IDF single-link baseline (scikit-learn; pairs above a cosine threshold within
   the window are linked, stories are the connected components) and "every article alone".
2. **Synthetic near-duplicates**: every article of the corpus gets one copy, cut (its last 0-40 %
   of sentences dropped), reordered (two sentences swapped) and lightly edited (1-3 % of its words
   replaced or dropped); recall = copies linked to their original, precision = links that are right.
3. **Speed**: ``--n`` synthetic articles (default 100,000) built from the analysed corpus (each
   three runs of sentences from three articles, 10 % of them near-copies of a recent one, re-dated
   at 1,000 a day) streamed through features + archive on one core; articles/s of
   each step and the peak resident memory.
4. **Store** (``--parts store``): the same stream placed through a SQLite store's archive
   (:class:`tagwerk.store.archive.StoreArchive`), one transaction per article as ``tagwerk
   ingest`` does (article rows inserted directly beforehand, features computed beforehand);
   articles/s per tenth of the stream (flat: the work does not grow with the store), resident
   memory (flat once the windows are full: memberships and closed stories stay in the tables),
   and the time to rebuild the index from the tables in a new process.

The corpus is analysed once (stages tokens, ner, entities, keyphrases); ``--cache FILE`` keeps
the analyses as JSON Lines for the next run.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from tagwerk.analysis import Analysis, Sentence, Token  # noqa: E402
from tagwerk.archive import STORY_STAGES, Archive, ArchiveConfig, DedupIndex, features_of, parse_window  # noqa: E402
from tagwerk.archive.config import DAY  # noqa: E402
from tagwerk.archive.features import parse_time  # noqa: E402

SHARED = ROOT.parent / "shared"


# -- the corpus ----------------------------------------------------------------------------------


def load_analyses(path: Path, cache: Path | None) -> list[Analysis]:
    if cache is not None and cache.exists():
        return [Analysis.from_json(line) for line in cache.open(encoding="utf-8")]
    from tagwerk.errors import ArticleError
    from tagwerk.pipeline import Analyzer
    from tagwerk.readers import read_paths

    analyzer = Analyzer(stages=STORY_STAGES)
    out = [a for a in analyzer.try_analyze_many(read_paths([str(path)])) if not isinstance(a, ArticleError)]
    if cache is not None:
        with cache.open("w", encoding="utf-8") as fh:
            for a in out:
                fh.write(a.to_json(tokens=True) + "\n")
    return out


# -- metrics -------------------------------------------------------------------------------------


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall, F1 over the pairs of articles put in one story."""

    def pairs(assign: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for a, s in assign.items():
            groups[s].append(a)
        return {tuple(sorted(p)) for g in groups.values() for p in combinations(g, 2)}  # type: ignore[misc]

    p, g = pairs(pred), pairs(gold)
    tp = len(p & g)
    prec = tp / len(p) if p else 1.0
    rec = tp / len(g) if g else 1.0
    f1 = 2 * prec * rec / (prec + rec) if tp else 0.0
    return prec, rec, f1


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    def members(assign: dict[str, str]) -> dict[str, set[str]]:
        groups: dict[str, set[str]] = defaultdict(set)
        for a, s in assign.items():
            groups[s].add(a)
        return {a: groups[s] for a, s in assign.items()}

    pm, gm = members(pred), members(gold)
    prec = sum(len(pm[a] & gm[a]) / len(pm[a]) for a in gold) / len(gold)
    rec = sum(len(pm[a] & gm[a]) / len(gm[a]) for a in gold) / len(gold)
    return prec, rec, 2 * prec * rec / (prec + rec)


def gold_of(analyses: list[Analysis], labels: dict) -> dict[str, str]:
    gold = {a.article.id: a.article.id for a in analyses}
    for name, ids in labels["stories"].items():
        for i in ids:
            if i in gold:
                gold[i] = name
    return gold


def run_archive(analyses: list[Analysis], config: ArchiveConfig) -> dict[str, str]:
    feats = [features_of(a) for a in analyses]
    feats.sort(key=lambda f: (f.time is None, f.time or 0.0, f.id))
    archive = Archive(config)
    return {f.id: archive.add(f).story for f in feats}


def tfidf_single_link(analyses: list[Analysis], threshold: float, window: float) -> dict[str, str]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = [a.article.id for a in analyses]
    times = [parse_time(a.article.date) or 0.0 for a in analyses]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform([a.article.text for a in analyses])
    sims = (matrix @ matrix.T).tocoo()
    parent = list(range(len(ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, v in zip(sims.row, sims.col, sims.data, strict=True):
        if i < j and v >= threshold and abs(times[i] - times[j]) <= window:
            parent[find(i)] = find(j)
    return {ids[i]: ids[find(i)] for i in range(len(ids))}


def row(name: str, pred: dict[str, str], gold: dict[str, str]) -> str:
    p, r, f = pairwise(pred, gold)
    bp, br, bf = bcubed(pred, gold)
    n = len(set(pred.values()))
    return f"{name:<44} {p:6.3f} {r:6.3f} {f:6.3f}   {bp:6.3f} {br:6.3f} {bf:6.3f}  {n:5d}"


def part_labels(analyses: list[Analysis], windows: list[str], grid: bool) -> None:
    labels = json.loads((HERE / "stories_labels.json").read_text(encoding="utf-8"))
    gold = gold_of(analyses, labels)
    n_pairs = sum(len(v) * (len(v) - 1) // 2 for v in labels["stories"].values())
    print(f"labelled set: {len(gold)} articles, {len(labels['stories'])} stories of 2+ articles, {n_pairs} same-story pairs")
    print(f"{'':<44} {'pairwise P/R/F1':^20}   {'B-cubed P/R/F1':^20}  stories")
    print(row("every article alone", {a: a for a in gold}, gold))
    for w in windows:
        seconds = parse_window(w)
        for t in (0.2, 0.3, 0.4):
            print(row(f"TF-IDF single link, cos >= {t}, window {w}", tfidf_single_link(analyses, t, seconds), gold))
        print(row(f"tagwerk stories, window {w}", run_archive(analyses, ArchiveConfig(window=seconds)), gold))
    if grid:
        print("\ngrid (window 14d): join_threshold x weights (text, entities, keyphrases)")
        for weights in ((0.5, 0.35, 0.15), (0.6, 0.3, 0.1), (0.4, 0.4, 0.2), (1.0, 0.0, 0.0)):
            for t in (0.2, 0.25, 0.3, 0.35, 0.4):
                cfg = ArchiveConfig(window=14 * DAY, join_threshold=t, w_text=weights[0], w_entities=weights[1], w_keyphrases=weights[2])
                print(row(f"  t={t} w={weights}", run_archive(analyses, cfg), gold))


# -- synthetic copies ----------------------------------------------------------------------------

FILLER = ("nun", "jedoch", "zudem", "offenbar", "demnach", "erneut", "bislang", "weiterhin")


def perturb(a: Analysis, rng: random.Random, new_id: str, *, days: float = 0.0) -> Analysis:
    """A copy of ``a`` as another outlet might run it: its last 0-40 % of sentences cut, two
    sentences swapped, 1-3 % of its words replaced or dropped; re-dated ``days`` later."""
    sents = list(range(len(a.sentences)))
    keep = max(1, round(len(sents) * (1 - rng.uniform(0.0, 0.4))))
    sents = sents[:keep]
    if len(sents) > 3:
        i, j = rng.sample(range(1, len(sents)), 2)
        sents[i], sents[j] = sents[j], sents[i]
    by_sentence: dict[int, list[Token]] = defaultdict(list)
    for tok in a.tokens:
        by_sentence[tok.sentence].append(tok)
    share = rng.uniform(0.01, 0.03)
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    for new_index, old in enumerate(sents):
        s = a.sentences[old]
        words = []
        for tok in by_sentence[old]:
            r = rng.random()
            if r < share / 2:
                continue  # dropped
            if r < share:
                tok = replace(tok, text=rng.choice(FILLER), lemma="")
            tokens.append(replace(tok, sentence=new_index))
            words.append(tok.text)
        sentences.append(Sentence(s.start, s.end, " ".join(words), s.block))
    article = copy.copy(a.article)
    article.id = new_id
    base = parse_time(a.article.date) or 0.0
    article.date = _iso(base + days * DAY)
    return Analysis(article=article, sentences=sentences, tokens=tokens, entities=a.entities, keyphrases=a.keyphrases)


def _iso(t: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(t, tz=dt.UTC).isoformat()


def part_near_duplicates(analyses: list[Analysis], seed: int) -> None:
    rng = random.Random(seed)
    originals = [a for a in analyses if len(a.sentences) >= 3]
    copies = [perturb(a, rng, f"copy-{a.article.id}", days=rng.uniform(0, 2)) for a in originals]
    feats = [features_of(a) for a in originals + copies]
    feats.sort(key=lambda f: (f.time or 0.0, f.id))
    index = DedupIndex(ArchiveConfig())
    links = {}
    for f in feats:
        link = index.add(f, f.time or 0.0)
        if link is not None:
            links[f.id] = link.of
    truth = {f"copy-{a.article.id}": a.article.id for a in originals}
    right = sum(1 for c, o in links.items() if truth.get(c) == o)
    wrong = [(c, o) for c, o in links.items() if truth.get(c) != o]
    found = sum(1 for c, o in truth.items() if links.get(c) == o)
    prec = right / len(links) if links else 1.0
    print(f"synthetic near-duplicates: {len(originals)} articles + {len(copies)} copies (cut, reordered, edited)")
    print(f"  recall {found / len(truth):.4f}  precision {prec:.4f}  ({len(links)} links, {len(wrong)} wrong)")
    for c, o in wrong[:5]:
        print(f"  wrong link: {c} -> {o}")


# -- speed ---------------------------------------------------------------------------------------


def synthetic_stream(analyses: list[Analysis], n: int, seed: int, per_day: int = 1000) -> Iterator[Analysis]:
    """``n`` articles re-dated at ``per_day`` a day from 2024-01-01: each a new text made of three
    runs of 2-4 sentences from three random articles (with their entities and keyphrases), every
    tenth a near-copy (:func:`perturb`) of one of the last 200."""
    rng = random.Random(seed)
    start = parse_time("2024-01-01") or 0.0
    recent: list[Analysis] = []
    base = [a for a in analyses if len(a.sentences) >= 4]
    for i in range(n):
        if i % 10 == 9 and recent:
            a = perturb(rng.choice(recent), rng, f"syn-{i}")
        else:
            runs = []
            for x in rng.sample(base, 3):
                length = rng.randint(2, 4)
                first = rng.randrange(0, len(x.sentences) - length + 1)
                runs.append((x, first, first + length))
            a = _splice(runs, f"syn-{i}")
        a.article.date = _iso(start + (i / per_day) * DAY)
        recent.append(a)
        if len(recent) > 200:
            recent.pop(0)
        yield a


def _splice(runs: list[tuple[Analysis, int, int]], new_id: str) -> Analysis:
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    for x, lo, hi in runs:
        shift = len(sentences) - lo
        sentences += x.sentences[lo:hi]
        tokens += [replace(t, sentence=t.sentence + shift) for t in x.tokens if lo <= t.sentence < hi]
    article = copy.copy(runs[0][0].article)
    article.id = new_id
    entities = [e for x, _, _ in runs for e in x.entities]
    keyphrases = [k for x, _, _ in runs for k in x.keyphrases]
    return Analysis(article=article, sentences=sentences, tokens=tokens, entities=entities, keyphrases=keyphrases)


def rss_mb() -> float:
    """Peak resident memory of this process so far, MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def part_speed(analyses: list[Analysis], n: int, seed: int) -> None:
    archive = Archive(ArchiveConfig())
    t_feat = t_add = 0.0
    before = current_mb()
    links = new = 0
    marks: list[tuple[int, float]] = []
    for i, a in enumerate(synthetic_stream(analyses, n, seed), 1):
        # CPU time of this process: on a shared machine wall time counts the neighbours' work too
        t0 = time.process_time()
        f = features_of(a)
        t1 = time.process_time()
        rec = archive.add(f)
        t2 = time.process_time()
        t_feat += t1 - t0
        t_add += t2 - t1
        links += rec.version_of is not None or rec.duplicate_of is not None
        new += rec.new_story
        if i in (n // 10, n):
            marks.append((i, current_mb()))
    print(f"speed: {n:,} synthetic articles at 1,000 a day, window 3d, dedup window 7d (one core, CPU time)")
    print(f"  features from the analysis   {n / t_feat:8.0f} articles/s")
    print(f"  archive (near-dup + stories) {n / t_add:8.0f} articles/s")
    print(f"  together                     {n / (t_feat + t_add):8.0f} articles/s")
    print(f"  {new:,} stories, {links:,} near-duplicate links; at the end {archive.stories.open_stories:,} stories open, "
          f"{len(archive.dedup._prints):,} fingerprints held")
    print(f"  resident memory: {before:.0f} MB before the stream (Python, the models' modules, the analysed corpus), "
          + ", ".join(f"{mb:.0f} MB after {i:,}" for i, mb in marks) + f"; peak {rss_mb():.0f} MB")
    if len(marks) == 2 and marks[1][0] > marks[0][0]:
        per = (marks[1][1] - marks[0][1]) * 2**20 / (marks[1][0] - marks[0][0])
        print(f"  growth once the windows are full: {per:,.0f} bytes an article (its story membership and the closed stories' summaries)")


def part_store(analyses: list[Analysis], n: int, seed: int) -> None:
    import tempfile

    from sqlalchemy import insert

    from tagwerk.store import open_store, tables

    feats = [features_of(a) for a in synthetic_stream(analyses, n, seed)]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "stories.db"
        store = open_store(db)
        with store.engine.begin() as conn:  # the articles' own rows, without analyses: only the archive is timed
            for lo in range(0, n, 5000):
                conn.execute(insert(tables.articles), [
                    {"id": i + 1, "content_hash": f"h{i}", "title": f.id, "text": f.id, "structure": {}, "created_at": "x",
                     "updated_at": "x", "date": (f.date or "")[:10] or None}
                    for i, f in enumerate(feats[lo:lo + 5000], lo)
                ])
        for i, f in enumerate(feats):
            f.id = str(i + 1)
        before = current_mb()
        step = max(1, n // 10)
        rates, marks = [], []
        t_all = time.perf_counter()
        for lo in range(0, n, step):
            t = time.perf_counter()
            store.archive.place(feats[lo:lo + step])
            rates.append(len(feats[lo:lo + step]) / (time.perf_counter() - t))
            marks.append(current_mb())
        wall = time.perf_counter() - t_all
        counts = store.counts()
        store.close()
        size = db.stat().st_size / 2**20
        again = open_store(db)
        t = time.perf_counter()
        with again.engine.begin() as conn:
            again.archive._current(conn)
        rebuild = time.perf_counter() - t
        again.close()
    print(f"store: {n:,} synthetic articles placed through a SQLite store, one transaction each ({wall:.0f} s wall)")
    print(f"  articles/s per tenth of the stream: {', '.join(f'{r:.0f}' for r in rates)}")
    print(f"  resident memory: {before:.0f} MB before, " + ", ".join(f"{mb:.0f}" for mb in marks) + " MB after each tenth")
    print(f"  {counts['stories']:,} stories; the file is {size:.0f} MB; a new process rebuilds the index "
          f"(open stories and the window's fingerprints) in {rebuild:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--background", type=Path, default=SHARED / "data/background/dewikinews-850.jsonl")
    ap.add_argument("--cache", type=Path, default=None, help="JSON Lines of the analyses (written when absent)")
    ap.add_argument("--parts", default="labels,dups,speed")
    ap.add_argument("--windows", default="3d,7d,14d,30d")
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if not args.background.exists():
        print(f"skipped: {args.background} is absent")
        return
    t = time.perf_counter()
    analyses = load_analyses(args.background, args.cache)
    print(f"{len(analyses)} articles analysed or loaded in {time.perf_counter() - t:.1f} s")
    parts = set(args.parts.split(","))
    if "labels" in parts:
        part_labels(analyses, args.windows.split(","), args.grid)
        print("dpa samples: not in the labelled set (their NewsML-G2/digitalwires reader has not landed; "
              "the 19 items hold one pair of one story, the DeepSeek items of 2025-01-28)")
    if "dups" in parts:
        part_near_duplicates(analyses, args.seed)
    if "speed" in parts:
        part_speed(analyses, args.n, args.seed)
    if "store" in parts:
        part_store(analyses, args.n, args.seed)


if __name__ == "__main__":
    main()
