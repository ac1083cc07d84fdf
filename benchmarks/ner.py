"""NER benchmark: quality on GermEval gold, speed, load time and memory of the ner stage.

    python benchmarks/ner.py [--gold FILE ...] [--text JSONL] [--model DIR] [--stages tokens,ner]

Prints (1) P/R/F1 per label and micro in view (a), all 12 GermEval labels, and view (b),
4 classes with deriv/part dropped; (2) model load time; (3) words per second (wall clock, and per
CPU second, which is what "one core" means on a shared machine) of the ner stage alone (the model
on pre-tokenised paragraphs, one thread), for a transformer both one article at a time and
``BATCH_ARTICLES`` at a time (``ner_batched_*``, as
``analyze_many`` and the batch runner run it), and of an Analyzer with tokens + ner; (4) peak RSS
of a fresh process that only loads an Analyzer and analyses the background corpus one article at
a time (``peak_rss_mb``; the stage's process, which also holds every article's Doc at once, gives
``stage_process_peak_rss_mb``). Speed and memory are measured in child processes so that the gold
data does not count.
Defaults read ``../shared`` beside the checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_GOLD = [SHARED / "data/germeval2014/NER-de-dev.tsv"]
DEFAULT_TEXT = SHARED / "data/background/dewikinews-850.jsonl"


def _texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def measure(model: str | None, text_path: Path, stages: str) -> dict:
    """Run in a fresh process: load time, words/s, peak RSS."""
    import resource

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    t0 = time.perf_counter()
    import spacy  # noqa: F401 - import time counted separately

    t_import = time.perf_counter() - t0
    from tagwerk.ner.models import cascades, is_tagger_dir, is_teacher_dir, resolve_model
    from tagwerk.ner.nlp import load_nlp, tokenizer_model
    from tagwerk.stages.ner import _load_piece_model, run_ner

    path = resolve_model(model)
    tagger, teacher = is_tagger_dir(path), is_teacher_dir(path)
    t1 = time.perf_counter()
    nlp = load_nlp(tokenizer_model(model))  # the spaCy pipeline: tokenizer (and the CNN's ner)
    if tagger or teacher:  # the compact transformer (the default model) or a teacher
        predictor = _load_piece_model(str(path.resolve()), cascades(model))
        if teacher:
            predictor.torch.set_num_threads(1)
    t_load = time.perf_counter() - t1
    texts = _texts(text_path)
    docs = [nlp.make_doc(t) for t in texts]
    n_words = sum(1 for d in docs for t in d if not t.is_space and not t.is_punct)
    t2, c2 = time.perf_counter(), time.process_time()
    if tagger or teacher:
        # the ner stage itself on articles that the tokens stage has split into sentences (it
        # labels each article's sentences in one batch); a first pass over all of them warms the
        # cache of words split into pieces, as a long-running process has it
        from tagwerk.analysis import Analysis
        from tagwerk.article import parse_text
        from tagwerk.pipeline import AnalyzerConfig as Config
        from tagwerk.pipeline import Work
        from tagwerk.stages.ner import make_ner
        from tagwerk.stages.tokens import Tokens

        config = Config(ner_model=Path(model) if model else None)
        tokens_run, ner_run = Tokens(config), make_ner(config)
        analyses = []
        for t in texts:
            work = Work(Analysis(article=parse_text(t)))
            tokens_run(work)
            analyses.append(work)
        predictor.predict([[t.text for t in a.doc if not t.is_space] for a in analyses])  # steady state: pieces cached
        n_words = sum(1 for a in analyses for t in a.doc if not t.is_space and not t.is_punct)
        t2, c2 = time.perf_counter(), time.process_time()
        for analysis in analyses:
            ner_run(analysis)
        t_ner, c_ner = time.perf_counter() - t2, time.process_time() - c2
        # the same, BATCH_ARTICLES articles at a time, as analyze_many and the batch runner
        # give them to the stage (their sentences share batches of pieces)
        from tagwerk.pipeline import BATCH_ARTICLES

        for analysis in analyses:
            analysis.analysis.mentions.clear()
        t4, c4 = time.perf_counter(), time.process_time()
        for i in range(0, len(analyses), BATCH_ARTICLES):
            ner_run.pipe(analyses[i : i + BATCH_ARTICLES])
        batched = {"ner_batched_articles": BATCH_ARTICLES, "ner_batched_words_per_cpu_s": round(n_words / (time.process_time() - c4)),
                   "ner_batched_words_per_s": round(n_words / (time.perf_counter() - t4))}
    else:
        # ner alone, warm-up on a few docs first
        for d in docs[:20]:
            run_ner(nlp, nlp.make_doc(d.text))
        t2, c2 = time.perf_counter(), time.process_time()
        for d in docs:
            run_ner(nlp, d)
        t_ner, c_ner = time.perf_counter() - t2, time.process_time() - c2
        batched = {}

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": len(texts), "words": n_words, "import_spacy_s": round(t_import, 2), "load_model_s": round(t_load, 2),
        "ner_words_per_s": round(n_words / t_ner), "ner_words_per_cpu_s": round(n_words / c_ner), **batched,
        "stage_process_peak_rss_mb": round(rss_mb),
    }


def measure_analyzer(model: str | None, text_path: Path, stages: str) -> dict:
    """Run in a fresh process of its own: an Analyzer of ``stages`` over the texts, one article at
    a time, as a worker runs it; its time and the process's peak RSS (nothing else is held)."""
    import resource

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from tagwerk.pipeline import Analyzer, AnalyzerConfig

    texts = _texts(text_path)
    analyzer = Analyzer(AnalyzerConfig(stages=tuple(stages.split(",")), ner_model=Path(model) if model else None))
    analyzer.analyze(texts[0])  # warm-up
    t3, c3 = time.perf_counter(), time.process_time()
    n_mentions = 0
    for t in texts:
        n_mentions += len(analyzer.analyze(t).mentions)
    t_an, c_an = time.perf_counter() - t3, time.process_time() - c3
    return {"analyzer_stages": stages, "analyzer_s": t_an, "analyzer_cpu_s": c_an, "mentions": n_mentions,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", nargs="*", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--text", type=Path, default=DEFAULT_TEXT, help="JSON Lines with a 'text' field (speed)")
    ap.add_argument("--model", default=None, help="model folder, 'accurate' (the shipped 8-layer transformer), 'fast' (the default "
                    "without its cascade) or 'cnn' (the shipped spaCy CNN); default: the shipped model")
    ap.add_argument("--stages", default="tokens,ner", help="stages of the Analyzer measured for speed and RSS")
    ap.add_argument("--measure", choices=("stage", "analyzer"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        run = measure if args.measure == "stage" else measure_analyzer
        print(json.dumps(run(args.model, args.text, args.stages)))
        return
    for p in [*args.gold, args.text]:
        if not p.exists():
            sys.exit(f"missing: {p} (pass --gold/--text)")
    speed: dict = {}
    for part in ("stage", "analyzer"):
        cmd = [sys.executable, __file__, "--measure", part, "--text", str(args.text), "--stages", args.stages]
        if args.model:
            cmd += ["--model", args.model]
        child = subprocess.run(cmd, capture_output=True, text=True, check=False,
                               env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
        if child.returncode:
            sys.exit(child.stderr)
        speed.update(json.loads(child.stdout.strip().splitlines()[-1]))
    t_an, c_an = speed.pop("analyzer_s"), speed.pop("analyzer_cpu_s")
    speed["analyzer_words_per_s"], speed["analyzer_words_per_cpu_s"] = round(speed["words"] / t_an), round(speed["words"] / c_an)

    from tagwerk.ner.models import cascades, resolve_model
    from tagwerk.training.ensemble import load_predictor
    from tagwerk.training.evaluate import both_views, format_scores
    from tagwerk.training.gold import read_gold

    sents = [s for g in args.gold for s in read_gold(g)]
    path = resolve_model(args.model)
    print(f"model: {path}")
    predict = load_predictor(path, cascade=cascades(args.model))
    views = both_views([s.spans() for s in sents], predict([s.tokens for s in sents]))
    print(f"gold: {', '.join(str(g) for g in args.gold)}: {len(sents)} sentences")
    print(format_scores(views))
    print(f"micro F1: (a) {views['all12'].micro.f1:.4f}   (b) {views['four'].micro.f1:.4f}")
    print(f"speed/memory on {args.text.name} ({speed['articles']} articles, {speed['words']} words, one thread):")
    for k, v in speed.items():
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
