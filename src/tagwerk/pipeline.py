"""The Analyzer and its stage registry (the Stage protocol and the Work item: :mod:`tagwerk.stage`).

A stage is registered by name and version and declares which fields it reads
(``requires``) and writes (``assigns``): fields of the ``Analysis``, or the transient ones a
:class:`Work` item carries between stages (``doc``, ``topic_hits``). The Analyzer checks the
order once, when it is built, then runs the stages over each article::

    @register_stage("keyphrases", version="1.0", requires=("tokens",), assigns=("keyphrases",))
    class Keyphrases(Stage):
        def __init__(self, config: AnalyzerConfig) -> None:
            ...  # load data once

        def __call__(self, work: Work) -> None:
            work.analysis.keyphrases = ...

A stage is a :class:`Stage`: ``__call__`` analyses one article, ``pipe`` several at once (by
default one after the other), ``version_suffix`` extends the registered version (a model other
than the shipped one) and ``memory_zone`` names the spaCy pipeline whose memory zone the
Analyzer opens around its articles. A factory may also return a plain function of the
``Analysis``; it is wrapped as a :class:`FunctionStage`.
"""

from __future__ import annotations

import importlib
import os
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tagwerk.analysis import Analysis
from tagwerk.article import DEFAULT_MAX_CHARS, Article, clean_surrogates, parse_text
from tagwerk.errors import ArticleError, InternalError, PipelineError, UnknownStageError
from tagwerk.stage import FIELDS, FunctionStage, Stage, Work, timed_call, timed_out

StageFactory = Callable[["AnalyzerConfig"], "Stage | Callable[[Analysis], None]"]

DEFAULT_STAGES: tuple[str, ...] = (
    "tokens", "ner", "entities", "coref", "keyphrases", "quotes", "section", "subjects", "tags", "events",
)

# Modules that register the built-in stages when imported.
_STAGE_MODULES = (
    "tagwerk.stages.tokens",
    "tagwerk.stages.ner",
    "tagwerk.stages.entities",
    "tagwerk.stages.coref",
    "tagwerk.stages.keyphrases",
    "tagwerk.stages.quotes",
    "tagwerk.stages.section",
    "tagwerk.stages.subjects",
    "tagwerk.stages.tags",
    "tagwerk.stages.events",
)


DEFAULT_TIME_LIMIT = 600.0
"""Seconds one article's analysis may take (``AnalyzerConfig.time_limit``). A 2,000,000-character
article (the size limit) takes about 50 s with every stage on one core of the development machine
(``benchmarks/limits.py``, 5,500 words/s at every size); a news article of 400 words 0.1 s. Ten
minutes leave a slow or busy machine room for the largest article and still stop an analysis that
would never end."""



def _env_time_limit() -> float | None:
    value = os.environ.get("TAGWERK_TIME_LIMIT", "").strip().lower()
    if not value:
        return DEFAULT_TIME_LIMIT
    if value in ("0", "none", "off"):
        return None
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"TAGWERK_TIME_LIMIT must be seconds (or 0 for none), not {value!r}") from None


LONG_ARTICLE_CHARS = 100_000
"""An article longer than this is analysed alone, not with the others of its batch: its own
sentences fill the NER batches, and its time limit is its own."""


@dataclass(frozen=True, kw_only=True)
class AnalyzerConfig:
    """Every option of the Analyzer, typed and validated in one place."""

    stages: tuple[str, ...] | None = None
    """Stage names in run order; default: every built-in stage of DEFAULT_STAGES."""
    top_k: int = 6
    """How many tags the tags stage returns."""
    max_chars: int = DEFAULT_MAX_CHARS
    time_limit: float | None = field(default_factory=lambda: _env_time_limit())
    """Seconds one article's analysis may take; then it fails with an
    :class:`~tagwerk.errors.AnalysisTimeoutError` in its place (None: no limit). Default:
    ``TAGWERK_TIME_LIMIT`` if set (``0`` or ``none``: no limit), else DEFAULT_TIME_LIMIT."""
    ner_model: Path | None = field(default_factory=lambda: Path(v) if (v := os.environ.get("TAGWERK_NER_MODEL")) else None)
    """``"fast"``, ``"accurate"`` (the shipped 8-layer transformer), ``"cnn"`` (the shipped spaCy CNN)
    or a model folder (`tagwerk train student`, `train ner` or `train teacher`); default:
    ``TAGWERK_NER_MODEL`` if set, else the shipped cascade (docs/ner.md)."""
    profile: Path | None = field(default_factory=lambda: Path(v) if (v := os.environ.get("TAGWERK_PROFILE")) else None)
    """A newsroom profile (``tagwerk train tags``) that names and ranks the tags the way the
    newsroom does; default: ``TAGWERK_PROFILE`` if set, else the shipped default profile."""
    kb_path: Path | None = None
    """A knowledge base file; default: the one shipped in the package."""
    newsroom_vocabulary: tuple[Path, ...] = ()
    """YAML files with a newsroom's own tags and topics, added to the defaults (one file, or
    several); the default newsroom file is added to them (``user_vocabulary``)."""
    user_vocabulary: bool = True
    """Also read the default newsroom file, where ``tagwerk kb add`` writes
    (``tagwerk.kb.newsroom.default_newsroom_path``), when it exists."""
    topics_path: Path | None = None
    """A topic vocabulary YAML that replaces the shipped one."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Stage-specific settings, keyed ``stage.option``; validated by the stage."""

    def __post_init__(self) -> None:
        vocab = self.newsroom_vocabulary
        files = [vocab] if isinstance(vocab, (str, Path)) else list(vocab)
        if self.user_vocabulary:
            from tagwerk.kb.newsroom import default_newsroom_path

            default = default_newsroom_path()
            if default.is_file() and default not in {Path(f) for f in files}:
                files.append(default)
        object.__setattr__(self, "newsroom_vocabulary", tuple(Path(f) for f in files))
        if self.top_k < 1:
            raise ValueError("top_k must be at least 1")
        if self.max_chars < 1:
            raise ValueError("max_chars must be positive")
        if self.time_limit is not None and not self.time_limit > 0:
            raise ValueError("time_limit must be positive (or None for no limit)")
        if self.stages is not None and not self.stages:
            raise ValueError("at least one stage is needed")
        if self.stages is not None and len(set(self.stages)) != len(self.stages):
            raise ValueError("a stage is listed twice")
        if self.profile is not None and not Path(self.profile).is_file():
            raise ValueError(f"no profile file at {self.profile}")


@dataclass(frozen=True)
class StageSpec:
    name: str
    version: str
    factory: StageFactory
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    description: str = ""

    def build(self, config: AnalyzerConfig) -> Stage:
        """The stage, loaded for ``config`` (a plain function becomes a :class:`FunctionStage`)."""
        made = self.factory(config)
        return made if isinstance(made, Stage) else FunctionStage(made)


_REGISTRY: dict[str, StageSpec] = {}

F = TypeVar("F", bound=Callable[..., Any])


def register_stage(
    name: str,
    *,
    version: str,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    description: str = "",
) -> Callable[[F], F]:
    """Register a stage under ``name``: a :class:`Stage` class, or a factory that takes the
    config and returns a Stage or a plain function of the Analysis."""
    req, asg = tuple(requires), tuple(assigns)
    for f in (*req, *asg):
        if f not in FIELDS:
            raise PipelineError(f"stage {name!r} names an unknown field {f!r}")

    def deco(factory: F) -> F:
        _REGISTRY[name] = StageSpec(name, version, factory, req, asg, description or (factory.__doc__ or "").strip().split("\n")[0])
        return factory

    return deco


def _load_builtin_stages(names: Iterable[str] | None = None) -> None:
    """Import the modules of the built-in stages (each module is named after its stage), all
    or only those of ``names``: an Analyzer of a few stages imports no other stage's code."""
    wanted = None if names is None else set(names)
    for mod in _STAGE_MODULES:
        if wanted is not None and mod.rsplit(".", 1)[1] not in wanted:
            continue
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:  # a stage module not written yet
            if exc.name != mod:
                raise


def registered_stages() -> dict[str, StageSpec]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def _stages_named(names: Iterable[str]) -> dict[str, StageSpec]:
    """The registry once the stages ``names`` are loaded (all stages where one is not built in)."""
    names = list(names)
    _load_builtin_stages(names)
    if any(n not in _REGISTRY for n in names):
        _load_builtin_stages()
    return dict(_REGISTRY)


def get_stage(name: str) -> StageSpec:
    stages = _stages_named([name])
    if name not in stages:
        raise UnknownStageError(f"no stage named {name!r}; known: {', '.join(sorted(stages))}")
    return stages[name]


def _provider(field_: str, stages: dict[str, StageSpec], but: str) -> str | None:
    """The stage that writes ``field_``: the first built-in one in run order, else any other."""
    order = [s for s in DEFAULT_STAGES if s in stages] + sorted(s for s in stages if s not in DEFAULT_STAGES)
    return next((s for s in order if s != but and field_ in stages[s].assigns), None)


def resolve_stages(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` with the stages they need added before them (``("quotes",)`` becomes tokens,
    ner, entities, quotes): each field a stage reads comes from the first built-in stage that
    writes it, itself resolved the same way. Unknown names raise UnknownStageError. Names in a
    working order come back as they are (and load no other stage's code)."""
    wanted = list(names)
    named = _stages_named(wanted)
    if all(n in named for n in wanted):
        try:
            check_order([named[n] for n in wanted])
        except PipelineError:
            pass
        else:
            return tuple(wanted)
    stages = registered_stages()
    unknown = [s for s in wanted if s not in stages]
    if unknown:
        raise UnknownStageError(f"no stage named {', '.join(map(repr, unknown))}; known: {', '.join(sorted(stages))}")
    out: list[str] = []
    available = {"article"}

    def add(name: str, chain: tuple[str, ...]) -> None:
        if name in out or name in chain:
            return
        for f in stages[name].requires:
            if f not in available and (p := _provider(f, stages, name)) is not None:
                add(p, (*chain, name))
        out.append(name)
        available.update(stages[name].assigns)

    for name in wanted:
        add(name, ())
    return tuple(out)


def check_order(specs: Iterable[StageSpec]) -> None:
    """Raise PipelineError if a stage reads a field no earlier stage writes (naming the stages
    that write it)."""
    available = {"article"}
    for spec in specs:
        missing = [f for f in spec.requires if f not in available]
        if missing:
            stages = registered_stages()
            providers = list(dict.fromkeys(p for f in missing if (p := _provider(f, stages, spec.name))))
            hint = f"; run {', '.join(providers)} before it" if providers else ""
            raise PipelineError(
                f"stage {spec.name!r} needs {', '.join(missing)}, which no earlier stage provides{hint}"
            )
        available.update(spec.assigns)


ZONE_ARTICLES = 1000
"""Articles analysed in one spaCy memory zone (see ``Analyzer.__init__``)."""

WARM_AFTER = 16
"""Articles after which the Analyzer warms its stages (``Stage.warm``: the tokenizer's cache of
common words, about a second); a batch of several articles warms them at once. A command
that analyses one article never pays for it."""

TRIM_ARTICLES = 100
"""Every this many articles the Analyzer hands free heap memory back to the system."""

BATCH_ARTICLES = 16
"""Articles that ``analyze_many`` and the batch runner take through the stages together
(:meth:`Analyzer.analyze_batch`). The ``ner`` stage then labels the sentences of 16 articles in
shared batches of pieces, fewer and fuller than one article's, and runs 14-16 % faster
(docs/ner.md, run 81)."""


def _malloc_trim() -> Callable[[], Any] | None:
    """glibc's ``malloc_trim(0)``, where there is one. Analyses allocate and free many small
    objects; glibc keeps the freed memory in its heap, and the resident size creeps up
    (about 35 MB over 2,000 articles). Trimming now and then costs a millisecond or two."""
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    return lambda: trim(0)


_TRIM = _malloc_trim()

_ZONE_HOLDERS: weakref.WeakValueDictionary[int, Analyzer] = weakref.WeakValueDictionary()
"""Which Analyzer holds the open memory zone of each spaCy pipeline (by ``id``)."""


class Analyzer:
    """Loads its stages once and runs them over articles.

    >>> analyzer = Analyzer()
    >>> analysis = analyzer.analyze(article)
    """

    def __init__(self, config: AnalyzerConfig | None = None, **options: Any) -> None:
        if config is None:
            config = AnalyzerConfig(**options)
        elif options:
            raise TypeError("pass either a config or keyword options, not both")
        self.config = config
        stages = registered_stages() if config.stages is None else _stages_named(config.stages)
        available = set(stages)
        wanted = list(config.stages) if config.stages is not None else [s for s in DEFAULT_STAGES if s in available]
        unknown = [s for s in wanted if s not in available]
        if unknown:
            raise UnknownStageError(f"no stage named {', '.join(map(repr, unknown))}; known: {', '.join(sorted(available))}")
        self.specs = [stages[s] for s in wanted]
        check_order(self.specs)
        self._stages: list[tuple[StageSpec, Stage]] = [(spec, spec.build(config)) for spec in self.specs]
        # A stage with a ``memory_zone`` (the spaCy pipeline's) gets the
        # analyses run inside such a zone, closed and reopened every ZONE_ARTICLES articles:
        # the strings and lexemes spaCy adds for new words are then freed, so a run over
        # millions of articles keeps a flat memory profile (spaCy's vocabulary otherwise
        # grows with every new word form). Inside a zone spaCy's tokenizer caches nothing,
        # so ``tagwerk.ner.nlp`` fills that cache with common words when it builds the pipeline.
        # One zone per pipeline object (zones must not nest).
        zones: dict[int, Callable[[], Any]] = {}
        for _spec, stage in self._stages:
            zone = stage.memory_zone
            if zone is not None:
                zones.setdefault(id(getattr(zone, "__self__", zone)), zone)
        self._zones = zones
        self._open_zones: ExitStack | None = None
        self._since_release = 0
        self._seen = 0
        self._warm = [w for _spec, stage in self._stages if (w := getattr(stage, "warm", None)) is not None]

    @property
    def versions(self) -> dict[str, str]:
        """Stage name -> the version recorded in each analysis: the stage's version, plus its
        ``version_suffix`` (the ``ner`` stage names a model other than the shipped one there, so
        that ``reanalyze`` tells the two apart)."""
        return {spec.name: spec.version + stage.version_suffix for spec, stage in self._stages}

    def analyze(self, article: Article | str | bytes) -> Analysis:
        """The Analysis of one article: an :class:`Article`, plain text (``str``), or the bytes of
        plain text, decoded as the readers decode them (UTF-8, else cp1252 with a warning; UTF-16
        by its byte-order mark). Raises the article's :class:`ArticleError` (empty, binary, too
        large, timed out), and ``TypeError`` for anything else (``None``, a number)."""
        result = self.analyze_batch([article])[0]
        if isinstance(result, Exception):
            raise result
        return result

    def _article(self, item: Article | str | bytes) -> Article:
        """An Article for one item of :meth:`analyze_batch` (see :meth:`analyze`)."""
        if isinstance(item, Article):
            clean_surrogates(item)
            return item
        if isinstance(item, str):
            return parse_text(item, max_chars=self.config.max_chars)
        if isinstance(item, bytes | bytearray | memoryview):
            from tagwerk.readers.decode import decode_bytes

            text, warnings = decode_bytes(bytes(item), max_chars=self.config.max_chars)
            article = parse_text(text, max_chars=self.config.max_chars)
            article.warnings.extend(warnings)
            return article
        raise TypeError(f"analyze takes an Article, a str or bytes, not {type(item).__name__}")

    def analyze_batch(self, articles: Sequence[Article | str | bytes | ArticleError]) -> list[Analysis | Exception]:
        """Analyse several articles together, stage after stage, and return each one's Analysis
        or, in its place, the exception it raised (the others go on); a reader's ArticleError
        among them stays in its place.

        Each stage's ``pipe`` gets all of them in one call: the ``ner`` stage's transformer then
        labels the sentences of all the articles in shared batches, which fills them better
        (docs/ner.md). When ``pipe`` raises, each article runs alone, so that the one that broke
        it is found."""
        results: list[Analysis | Exception] = []
        batch: list[tuple[int, Work]] = []
        alone: list[tuple[int, Work]] = []
        for i, article in enumerate(articles):
            if isinstance(article, ArticleError):
                results.append(article)
                continue
            try:
                article = self._article(article)
            except Exception as exc:  # noqa: BLE001 - returned in the article's place
                results.append(exc)
                continue
            analysis = Analysis(article=article)
            analysis.warnings.extend(article.warnings)
            results.append(analysis)
            work = Work(analysis, time_limit=self.config.time_limit)
            (alone if len(article.text) > LONG_ARTICLE_CHARS else batch).append((i, work))
        if not batch and not alone:
            return results
        count = len(batch) + len(alone)
        if self._warm and (count > 1 or self._seen >= WARM_AFTER):
            self.release_memory()  # warm outside a zone, whose entries spaCy frees when it closes
            for warm in self._warm:
                warm()
            self._warm = []
        self._seen += count
        if self._zones and self._open_zones is None:
            self._open_zone()
        group: list[tuple[int, Work]] = []
        try:
            for group in ([batch] if batch else []) + [[one] for one in alone]:
                self._run_stages(group, results)
        finally:
            batch = alone = group = []  # the Work items (and their spaCy Docs, invalid once the zone closes) go here
            before = self._since_release
            self._since_release += len(results)
            if self._open_zones is not None and self._since_release >= ZONE_ARTICLES:
                self.release_memory()
            elif _TRIM is not None and self._since_release // TRIM_ARTICLES > before // TRIM_ARTICLES:
                _TRIM()
        return results

    def _run_stages(self, live: list[tuple[int, Work]], results: list[Analysis | Exception]) -> None:
        """Run every stage over the Work items of ``live`` together; a failed or timed-out
        article's error takes its place in ``results`` and it leaves the group.

        Each article's time is its own: a stage run one article at a time counts each one's
        seconds, a stage run on the whole group (``pipe``) shares its seconds out by length."""
        limit = self.config.time_limit
        for spec, stage in self._stages:
            version = spec.version + stage.version_suffix
            errors: list[Exception | None] | None = None
            if len(live) > 1 and type(stage).pipe is not Stage.pipe:
                works = [w for _, w in live]
                start = time.monotonic()
                for w in works:
                    w.deadline = None if limit is None else start + limit - w.spent
                try:
                    errors = stage.pipe(works)
                except Exception:  # noqa: BLE001 - run them one at a time to find the culprit
                    errors = None
                taken = time.monotonic() - start
                chars = sum(len(w.analysis.article.text) for w in works) or 1
                for w in works:
                    w.spent += taken * len(w.analysis.article.text) / chars
            if errors is None:
                errors = [timed_call(stage, w, limit) for _, w in live]
            still = []
            for (i, work), error in zip(live, errors, strict=True):
                if error is None and limit is not None and work.spent > limit:
                    error = timed_out(work)
                if error is None:
                    work.analysis.stages[spec.name] = version
                    still.append((i, work))
                else:
                    results[i] = error
            live = still
            if not live:
                return

    def _open_zone(self) -> None:
        # zones must not nest: another Analyzer sharing the pipeline (between two of its
        # analyses, so it holds no Doc) closes its zone first
        for key in self._zones:
            holder = _ZONE_HOLDERS.get(key)
            if holder is not None and holder is not self:
                holder.release_memory()
        self._open_zones = ExitStack()
        for key, zone in self._zones.items():
            self._open_zones.enter_context(zone())
            _ZONE_HOLDERS[key] = self

    def release_memory(self) -> None:
        """Close the open spaCy memory zone: free what spaCy allocated for the articles
        analysed since it opened (the next analysis opens a new one)."""
        zones, self._open_zones, self._since_release = self._open_zones, None, 0
        for key in self._zones:
            if _ZONE_HOLDERS.get(key) is self:
                del _ZONE_HOLDERS[key]
        if zones is not None:
            zones.close()
        if _TRIM is not None:
            _TRIM()

    def analyze_many(self, articles: Iterable[Article | str], *, batch: int = BATCH_ARTICLES) -> Iterator[Analysis]:
        """The analyses of ``articles`` in order, ``batch`` at a time (:meth:`analyze_batch`);
        the first error is raised where its article stands."""
        for chunk in chunked(articles, batch):
            for result in self.analyze_batch(chunk):
                if isinstance(result, Exception):
                    raise result
                yield result

    def try_analyze_many(
        self, records: Iterable[Article | ArticleError], *, batch: int = BATCH_ARTICLES
    ) -> Iterator[Analysis | ArticleError]:
        """Like ``analyze_many``, but passes reader errors (and articles the Analyzer rejects)
        through in place, so a batch goes on; a stage's unexpected exception on one article
        comes back in its place as an :class:`~tagwerk.errors.InternalError` whose
        ``__cause__`` is the exception."""
        for chunk in chunked(records, batch):
            for item, result in zip(chunk, self.analyze_batch(chunk), strict=True):
                if isinstance(result, Exception) and not isinstance(result, ArticleError):
                    source = item.source if isinstance(item, Article) else None
                    wrapped = InternalError(f"analysis failed: {type(result).__name__}: {result}", source=source)
                    wrapped.__cause__ = result
                    result = wrapped
                yield result


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    if size < 1:
        raise ValueError("batch must be at least 1")
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_DEFAULT: Analyzer | None = None


def analyze(article: Article | str) -> Analysis:
    """Analyse one article with a process-wide default Analyzer (built on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT.analyze(article)
