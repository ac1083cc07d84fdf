"""What every command shares: the exit codes, one-line errors, the options that several
commands take and how they become an :class:`~tagwerk.pipeline.AnalyzerConfig`.

Exit codes (every command):
  0  everything was read and analysed
  1  nothing could be done: the input was unreadable or every record failed
  2  usage error (bad option or argument)
  3  some records failed, the others were analysed (each failure is reported on stderr)
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tagwerk.article import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from tagwerk.pipeline import Analyzer, AnalyzerConfig

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
MAX_CHARS = DEFAULT_MAX_CHARS


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    jsonld = "jsonld"
    newsml = "newsml"


def err(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    typer.echo(f"tagwerk: {message}", err=True)


def exit_code(n_ok: int, n_failed: int) -> int:
    if n_failed == 0:
        return EXIT_OK
    return EXIT_PARTIAL if n_ok else EXIT_FAILED


def usage_error(message: str) -> typer.BadParameter:
    """A usage error (exit code 2) for ``message``; one that starts with ``--option:`` names that option."""
    option, sep, rest = message.partition(": ")
    if sep and option.startswith("--") and " " not in option:
        return typer.BadParameter(rest, param_hint=f"'{option}'")
    return typer.BadParameter(message)


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    """Print ``message`` as one line on stderr and return the Exit to raise."""
    err(message)
    return typer.Exit(code)


def stage_names(stages: str | tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The stages of ``--stages a,b``, with the stages they need added (one line on stderr
    names those); an unknown name raises ValueError."""
    from tagwerk.errors import PipelineError
    from tagwerk.pipeline import resolve_stages

    if isinstance(stages, str):
        stages = tuple(s.strip() for s in stages.split(",") if s.strip())
    if not stages:
        return None
    try:
        resolved = resolve_stages(stages)
    except PipelineError as exc:
        raise ValueError(f"--stages: {exc}") from None
    added = [s for s in resolved if s not in stages]
    if added:
        err(f"--stages {','.join(stages)}: also running {', '.join(added)}, which {'it needs' if len(stages) == 1 else 'they need'}")
    return resolved


def analyzer_config(
    *,
    stages: str | tuple[str, ...] | None = None,
    top_k: int = 6,
    max_chars: int = MAX_CHARS,
    vocabulary: list[Path] | None = None,
    ner_model: Path | None = None,
    topics: Path | None = None,
    profile: Path | None = None,
    time_limit: float | None = None,
) -> AnalyzerConfig:
    """The AnalyzerConfig of the command line's options (``stages``: ``a,b`` or names;
    ``time_limit`` None: ``TAGWERK_TIME_LIMIT`` or the default, 0: none); raises ValueError
    for an invalid combination."""
    from tagwerk.ner.models import ModelError, check_model
    from tagwerk.pipeline import AnalyzerConfig

    if isinstance(stages, str) and not stages.strip():
        raise ValueError("--stages: no stage named")
    stages = stage_names(stages)
    if ner_model is not None:
        try:
            check_model(ner_model)
        except ModelError as exc:
            raise ValueError(f"--ner-model: {exc}") from None
    model: dict[str, Any] = {"ner_model": ner_model} if ner_model is not None else {}  # else TAGWERK_NER_MODEL
    if profile is not None:  # else TAGWERK_PROFILE or the shipped default profile
        model["profile"] = profile
    if time_limit is not None:  # else TAGWERK_TIME_LIMIT or DEFAULT_TIME_LIMIT
        model["time_limit"] = time_limit or None
    return AnalyzerConfig(
        stages=stages,
        top_k=top_k,
        max_chars=max_chars,
        newsroom_vocabulary=tuple(vocabulary or ()),
        topics_path=topics,
        **model,
    )


def build_config(stages: str | None, top_k: int, max_chars: int, vocabulary: list[Path] | None = None,
                 ner_model: Path | None = None, *, profile: Path | None = None, time_limit: float | None = None) -> AnalyzerConfig:
    """:func:`analyzer_config`, an invalid one a usage error (exit code 2)."""
    try:
        return analyzer_config(stages=stages, top_k=top_k, max_chars=max_chars, vocabulary=vocabulary, ner_model=ner_model,
                               profile=profile, time_limit=time_limit)
    except ValueError as exc:
        raise usage_error(str(exc)) from None


def build_analyzer(stages: str | None, top_k: int, max_chars: int, vocabulary: list[Path] | None = None,
                   ner_model: Path | None = None, *, profile: Path | None = None, time_limit: float | None = None) -> Analyzer:
    from tagwerk.pipeline import Analyzer

    return Analyzer(build_config(stages, top_k, max_chars, vocabulary, ner_model, profile=profile, time_limit=time_limit))


StagesOpt = Annotated[str | None, typer.Option("--stages", help="Comma-separated stages to run (default: all).")]
TopKOpt = Annotated[int, typer.Option("--top-k", "-k", min=1, help="How many tags to suggest.")]
MaxCharsOpt = Annotated[int, typer.Option("--max-chars", min=1, help="Size limit of one article, in characters.")]
TimeLimitOpt = Annotated[
    float | None,
    typer.Option("--time-limit", min=0.0,
                 help="Seconds one article's analysis may take before it fails alone with a time-out "
                      "(0: no limit; default: $TAGWERK_TIME_LIMIT, else 600)."),
]
NerModelOpt = Annotated[
    Path | None,
    typer.Option("--ner-model", envvar="TAGWERK_NER_MODEL",
                 help="NER model instead of the default (a 6-layer pruned transformer that hands the sentences it doubts to the "
                      "8-layer one): 'fast' (the 6-layer one alone), 'accurate' (the 8-layer one alone, slower), "
                      "'cnn' (the shipped spaCy CNN, fastest, least accurate) or a folder of "
                      "`tagwerk train student`, `train ner` or `train teacher`."),
]
VocabOpt = Annotated[
    list[Path] | None, typer.Option("--vocabulary", help="A newsroom's YAML vocabulary of tags and topics (repeatable).")
]
DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="SQLite file, sqlite:///path or postgresql://... (default: $TAGWERK_DB or ./tagwerk.db)."),
]
ProfileOpt = Annotated[
    Path | None,
    typer.Option("--profile", envvar="TAGWERK_PROFILE",
                 help="A newsroom profile (`tagwerk train tags`): the house's tags, names and ranking (default: tagwerk's own)."),
]
