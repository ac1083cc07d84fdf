"""``tagwerk train tags``: learn a newsroom profile from an archive and the editors' decisions.

The profile (one JSON file) is then used with ``--profile FILE`` (or ``TAGWERK_PROFILE``) by
``analyze``, ``tag``, ``ingest``, ``batch`` and ``serve``. See docs/tags.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tagwerk.cli.common import EXIT_FAILED, EXIT_USAGE, MAX_CHARS, MaxCharsOpt, NerModelOpt, VocabOpt, err, fail

if TYPE_CHECKING:
    from tagwerk.profiles import Profile


def register(app: typer.Typer) -> None:
    """Add ``tags`` to the ``train`` group (made by the ner commands; made here if absent)."""
    group = next((g.typer_instance for g in app.registered_groups if g.name == "train" and g.typer_instance), None)
    if group is None:
        group = typer.Typer(help="Train tagwerk's models.", no_args_is_help=True)
        app.add_typer(group, name="train")
    group.command("tags")(train_tags)


def train_tags(
    archive: Annotated[
        list[str] | None,
        typer.Argument(help="Archive files or folders whose articles carry tags (Tags: line, JSON tags, agency keywords and subjects)."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The profile file to write (JSON).")] = Path("profile.json"),
    from_store: Annotated[bool, typer.Option("--from-store", help="Also learn from the editors' decisions in the store.")] = False,
    db: Annotated[
        str | None, typer.Option("--db", help="The store for --from-store (default: $TAGWERK_DB or ./tagwerk.db).")
    ] = None,
    name: Annotated[str, typer.Option("--name", help="The profile's name (recorded in the analyses it makes).")] = "newsroom",
    tag_names: Annotated[
        Path | None, typer.Option("--tag-names", help="A CMS tag list mapping slugs to display names (JSON or YAML).")
    ] = None,
    subjects: Annotated[
        Path | None, typer.Option("--subjects", help="A closed subject list, one term a line; one of them goes first.")
    ] = None,
    section_subjects: Annotated[
        bool, typer.Option("--section-subjects", help="The sections are the subject list (Politik, Wirtschaft, ...).")
    ] = False,
    model: Annotated[
        str, typer.Option("--model", help="auto (compare logistic regression and gradient boosting), linear, trees or prior.")
    ] = "auto",
    folds: Annotated[int, typer.Option("--folds", min=2, max=20, help="Folds for the out-of-fold features and the comparison.")] = 5,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    min_probability: Annotated[
        float | None,
        typer.Option("--min-probability", min=0.0, max=1.0,
                     help="Suggest a tag only from this keep probability on (the best one always); "
                          "default: learned from the archive; 0: always the top k."),
    ] = None,
    max_chars: MaxCharsOpt = MAX_CHARS,
    vocabulary: VocabOpt = None,
    ner_model: NerModelOpt = None,
) -> None:
    """Learn how a newsroom tags: its vocabulary and the names it uses, its subject list, and a
    ranker of the candidate tags (needs scikit-learn)."""
    from tagwerk.cli.common import build_config
    from tagwerk.errors import TagwerkError

    if model not in ("auto", "linear", "trees", "prior"):
        raise fail("--model must be auto, linear, trees or prior", EXIT_USAGE)
    if subjects is not None and section_subjects:
        raise fail("--subjects and --section-subjects exclude each other", EXIT_USAGE)
    if not archive and not from_store:
        raise fail("name an archive (files or folders) or --from-store", EXIT_USAGE)
    config = build_config(None, 6, max_chars, vocabulary, ner_model)
    try:
        from tagwerk.profiles import save_profile
        from tagwerk.training.profile import TrainOptions, prepare, train_profile
        from tagwerk.training.profile_data import examples_from_paths, examples_from_store, read_tag_names
    except ImportError as exc:  # scikit-learn missing
        raise fail(f"training a profile needs {exc.name or 'scikit-learn'}: pip install scikit-learn") from None
    try:
        names = read_tag_names(tag_names) if tag_names else None
        terms = _read_terms(subjects) if subjects else None
        errors: list[str] = []
        examples = list(examples_from_paths(archive or [], names=names, max_chars=max_chars, errors=errors))
        n_files = len(examples)
        if from_store:
            from tagwerk.store import open_store

            with open_store(db) as store:
                examples += list(examples_from_store(store))
        for e in errors:
            err(e)
        if not examples:
            raise fail("no article with tags or editor decisions found", EXIT_FAILED)
        err(f"analysing {len(examples)} articles ({n_files} from files, {len(examples) - n_files} from the store) …")
        prepared = prepare(examples, config, errors=errors)
        opts = TrainOptions(name=name, model=model, folds=folds, seed=seed, subjects=terms,
                            section_subjects=section_subjects, min_probability=min_probability,
                            sources=[*(archive or []), *(["store"] if from_store else [])])
        profile = train_profile(prepared, config, opts, progress=err)
        save_profile(profile, out)
    except TagwerkError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"wrote {out}: {profile_summary(profile)}")


def profile_summary(profile: Profile) -> str:
    """What ``train tags`` learned, in one line."""
    m = profile.metrics
    cv = m.get("cv_recall@5")
    return (
        f"{len(profile.vocabulary)} house tags ({m.get('aliases', 0)} aliases), "
        f"{len(profile.associations.weights) if profile.associations else 0} with associated words, "
        f"ranker {profile.ranker.kind}" + (f" (recall@5 by cross-validation: {cv})" if cv else "")
        + (f", {len(profile.subjects.terms)} subject terms" if profile.subjects else "")
        + (f", not offered (the house does not use them): {', '.join(sorted(profile.unkept_kinds))}"
           if profile.unkept_kinds else "")
        + _threshold_summary(profile)
        + f"; learned from {profile.trained.get('articles', 0)} articles"
        + _length_warning(profile)
    )


def _threshold_summary(profile: Profile) -> str:
    """The keep probability a tag is suggested from, and what it costs and saves."""
    if not profile.suggest_from:
        return ""
    line = f", suggests a tag from a keep probability of {profile.suggest_from:g}"
    at = profile.metrics.get("cv_at_min_probability")
    if at:
        line += (f" ({at['tags_per_article']:g} tags an article instead of {at['tags_per_article_all']:g}, "
                 f"recall@5 {at['recall@5']:g} instead of {at['recall@5_all']:g} by cross-validation)")
    return line


def _length_warning(profile: Profile) -> str:
    """A warning when the archive's articles were short (SHORT_TEXT_TOKENS)."""
    n = int(profile.trained.get("tokens_median", 0))
    if not 0 < n < SHORT_TEXT_TOKENS:
        return ""
    return (f"; learned from short texts ({n} tokens an article): it ranks the candidates of a long article as it "
            "learned to rank a teaser's, so train on the kind of text you will tag")


SHORT_TEXT_TOKENS = 120
"""An archive whose median article is shorter than this (ntv's dev teasers: 51 tokens; the Wikinews
background articles: 178, the dpa samples about 590) teaches a profile nothing about a mention deep
in a long body (docs/tags.md, Newsroom profiles): ``train tags`` says so."""


def _read_terms(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise fail(f"cannot read {path}: {exc.strerror or exc}", EXIT_USAGE) from None
    terms = [x.strip() for x in lines if x.strip() and not x.lstrip().startswith("#")]
    if not terms:
        raise fail(f"{path}: no subject terms", EXIT_USAGE)
    return terms
