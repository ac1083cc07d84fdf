"""Cost of compact-transformer NER graphs alone: ONNX Runtime on the batches the `ner` stage makes.

    python benchmarks/ner_graphs.py [--text FILE] [--articles 300] [--rounds 3] [--together 1] NAME=TAGGER_DIR ...

Each tagger folder's ``encoder.onnx`` runs, on one thread, over the same batches of piece
embeddings: the articles of ``--text`` split into sentences by the tokens stage, into pieces by
the default model's vocabulary, batched as the stage batches them. The graphs take turns, round
after round, and each prints its words per CPU second and its median against the first graph's.

Only the graph is timed: not the piece splitting, the decoding or spaCy's spans (about a tenth of
the stage, the same for every model). The cost of a graph does not depend on its weights, so an
untrained export of a new shape (``Teacher(layers=..., pool_after=...).export(DIR)``) shows what
that shape would cost before a student of it is trained; the stage's own speed, which also
depends on how often the decoder can skip its Viterbi search, needs a trained model
(`benchmarks/ner.py --model DIR`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TEXT = HERE.parent.parent / "shared" / "data" / "background" / "dewikinews-850.jsonl"


def batches(text: Path, articles: int, together: int = 1) -> tuple[list[tuple], int]:
    """(piece embeddings, mask, first pieces) of each batch the ner stage would run, and the words:
    the articles' sentences go through the stage's own batching (:func:`word_log_probs`), which
    here records its batches instead of running a graph."""
    import numpy as np

    from tagwerk.analysis import Analysis
    from tagwerk.article import parse_text
    from tagwerk.ner.models import shipped_tagger_path
    from tagwerk.ner.spans import sentence_words
    from tagwerk.ner.tagger import BATCH_PIECES, TAGS, PieceTagger, word_log_probs
    from tagwerk.pipeline import AnalyzerConfig, Work
    from tagwerk.stages.tokens import Tokens

    default = shipped_tagger_path()
    if default is None:
        sys.exit("the default tagger is not installed in this package")
    tagger = PieceTagger(default)
    tokens = Tokens(AnalyzerConfig())
    with text.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()][:articles]
    out: list[tuple] = []

    def record(ids: np.ndarray, mask: np.ndarray, firsts: list[list[int]]) -> np.ndarray:
        out.append((tagger.embed(ids), mask, firsts))
        return np.zeros((*ids.shape, len(TAGS)), dtype=np.float32)

    n_words = 0
    for start in range(0, len(texts), together):
        lists: list[list[str]] = []
        for t in texts[start : start + together]:
            work = Work(Analysis(article=parse_text(t)))
            tokens(work)
            lists += sentence_words(work.doc)[1]  # the stage's own word lists
        n_words += sum(len(words) for words in lists)
        word_log_probs(tagger.vocab, lists, record, batch_pieces=BATCH_PIECES)  # `together` articles per call, as the stage
    return out, n_words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graphs", nargs="+", help="NAME=TAGGER_DIR (a folder with encoder.onnx and tagger.json)")
    ap.add_argument("--text", type=Path, default=DEFAULT_TEXT, help="JSON Lines with a 'text' field")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--together", type=int, default=1,
                    help="articles whose sentences share batches (1: the stage on one article; 16: analyze_many and the batch runner)")
    args = ap.parse_args()
    if not args.text.exists():
        sys.exit(f"missing: {args.text} (pass --text)")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import onnxruntime as ort

    from tagwerk.ner.models import TAGGER_FILE
    from tagwerk.ner.tagger import DISABLED_FUSIONS, pool_index

    data, n_words = batches(args.text, args.articles, args.together)
    print(f"{len(data)} batches, {n_words} words (tokens, punctuation included), one thread")
    runs = {}
    for spec in args.graphs:
        name, _, folder = spec.partition("=")
        folder = Path(folder or name)
        meta = json.loads((folder / TAGGER_FILE).read_text(encoding="utf-8"))
        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        session = ort.InferenceSession(str(folder / "encoder.onnx"), options, providers=["CPUExecutionProvider"],
                                       disabled_optimizers=list(DISABLED_FUSIONS))
        feeds = []
        for emb, mask, firsts in data:
            feed = {"emb": emb, "mask": mask}
            if meta.get("pool_after"):
                feed["pool"], feed["keep_mask"] = pool_index(mask, firsts, str(meta.get("pool", "first")))
            feeds.append(feed)
        runs[name] = (session, feeds)
    speeds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, (session, feeds) in runs.items():
            start = time.process_time()
            for feed in feeds:
                session.run(None, feed)
            speeds[name].append(n_words / (time.process_time() - start))
    base = statistics.median(next(iter(speeds.values())))
    for name, values in speeds.items():
        print(f"{name}: {' '.join(f'{v:,.0f}' for v in values)} words per CPU second; "
              f"median against the first: {statistics.median(values) / base:.3f}")


if __name__ == "__main__":
    main()
