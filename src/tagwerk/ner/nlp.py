"""The one spaCy pipeline every stage shares.

The token stage and the NER stage must work on the same ``Doc`` and vocabulary, so the
spaCy ``Language`` object is built here once per process: the shipped NER model when it
is installed, else a blank German pipeline; either way with tagwerk's tokenizer rules
(news abbreviations from ``lang/de/abbreviations.py``). Which model folders there are, and
which one a ``ner_model`` value names, is :mod:`tagwerk.ner.models`' part.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from tagwerk.article import DEFAULT_MAX_CHARS
from tagwerk.lang.de.abbreviations import ABBREVIATIONS
from tagwerk.ner.models import MODEL_NAMES, is_piece_dir, shipped_model_path


def customise_tokenizer(nlp: Language) -> Language:
    """Add tagwerk's abbreviations (``Abg.``, ``Bundeskanzlerin a.D.``) as special cases."""
    from spacy.symbols import ORTH

    for abbr in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])  # type: ignore[union-attr]  # a Tokenizer
    return nlp


def load_nlp(model: str | Path | None = None) -> Language:
    """The shared pipeline. ``model``: a model directory, ``"blank"``, or None for the shipped one.

    Loaded once per process and model: every spelling of the same model (None, the shipped
    path, a Path or a str) shares one cached pipeline.
    """
    if model is None or model == "":
        path = shipped_model_path()
        key = str(path) if path is not None else "blank"
    elif str(model) == "blank":
        key = "blank"
    else:
        key = str(Path(model).resolve())
    return _load(key)


def load_tokenizer(model: str | Path | None = None) -> Language:
    """A pipeline with only the tokenizer of ``load_nlp(model)``: the same tokens, without the
    model's vector table and weights (0.1 s to load instead of about 0.7 s). For an Analyzer
    whose stages read nothing but the tokens (``--stages tokens``); any stage that reads the
    model (``ner``, ``entities``) needs :func:`load_nlp`, and the tokens stage then shares it."""
    if model is None or model == "":
        path = shipped_model_path()
    elif str(model) == "blank":
        path = None
    else:
        path = Path(model).resolve()
    if path is None or not (Path(path) / "tokenizer").exists():
        return load_nlp(model)
    return _load_tokenizer(str(path))


@lru_cache(maxsize=2)
def _load_tokenizer(path: str) -> Language:
    import json

    lang = json.loads((Path(path) / "meta.json").read_text(encoding="utf-8")).get("lang", "de")
    nlp = spacy.blank(lang)
    nlp.tokenizer.from_disk(Path(path) / "tokenizer")  # type: ignore[union-attr]  # a Tokenizer
    return customise_tokenizer(nlp)


def shared_pipeline(ner_model: str | Path | None, stages: tuple[str, ...] | None) -> Language:
    """The pipeline the tokens and ner stages share for an Analyzer of ``stages`` (None: all):
    the whole spaCy model where its NER component runs (the CNN, a ``train ner`` model), else
    its tokenizer alone (:func:`load_tokenizer`): the transformers label the Doc themselves, and
    the entities stage reads the vector table's flags straight from the model folder."""
    from tagwerk.ner.models import ModelError, is_piece_dir, resolve_model

    model = tokenizer_model(ner_model)
    if stages is None or "ner" in stages:
        try:
            path = resolve_model(ner_model)
        except ModelError:  # the ner stage reports it
            return load_nlp(model)
        if path is None or not is_piece_dir(path):
            return load_nlp(model)
    return load_tokenizer(model)


def tokenizer_model(model: str | Path | None) -> str | None:
    """The ``load_nlp`` argument whose tokenizer serves the NER model ``model``: a spaCy model
    itself, else the shipped pipeline (transformers have no tokenizer of their own)."""
    if not model or str(model) in MODEL_NAMES:
        return None
    return None if is_piece_dir(model) else str(model)


WARM_WORDS = 25_000


_WARMED: set[int] = set()
"""``id`` of each pipeline whose tokenizer is warm (pipelines live for the process: ``_load``)."""


def warm_tokenizer(nlp: Language) -> Language:
    """Tokenise German's most frequent word forms once per pipeline (later calls return at once).

    The Analyzer runs in spaCy memory zones (flat memory over long runs), and inside a
    zone spaCy's tokenizer caches nothing: every word form it has not cached before is
    split afresh, which made the analysis about 5 % slower. The commonest forms (from
    wordfreq, as written and capitalised) are cached here, outside any zone, for good.
    It takes about a second, so the Analyzer asks for it only when a run turns out to be
    longer than one article (``Analyzer.analyze_batch``): a one-article command skips it.
    """
    if id(nlp) in _WARMED:
        return nlp
    _WARMED.add(id(nlp))
    from wordfreq import top_n_list

    forms: list[str] = []
    for word in top_n_list("de", WARM_WORDS):
        forms.append(word)
        if word[:1].islower():
            forms.append(word[:1].upper() + word[1:])
    # the cache is keyed by whitespace-separated chunk, so one text of many forms warms it as
    # well as one call per form, at two thirds of the time (no Doc per form)
    for i in range(0, len(forms), 5000):
        nlp.tokenizer(" ".join(forms[i : i + 5000]))
    return nlp


def allow_length(nlp: Language, max_chars: int) -> Language:
    """Let the pipeline take texts of up to ``max_chars`` characters (never lowering it).

    spaCy refuses texts over ``nlp.max_length`` (1,000,000 by default: its parser and NER
    need about 1 GB per 100,000 characters). tagwerk's pipeline only tokenises whole texts
    (its NER runs sentence by sentence), so the article limit, ``AnalyzerConfig.max_chars``,
    is the one limit: a 2,000,000-character article's Doc takes about 0.3 GB
    (``benchmarks/limits.py``)."""
    if nlp.max_length < max_chars:
        nlp.max_length = max_chars
    return nlp


@lru_cache(maxsize=4)
def _load(key: str) -> Language:
    nlp = spacy.blank("de") if key == "blank" else spacy.load(key)
    return customise_tokenizer(allow_length(nlp, DEFAULT_MAX_CHARS))  # warm_tokenizer: when a run is long enough to gain from it


def lexicon_flags(model: str | Path | None = None) -> dict[str, int]:
    """Column index of each named flag of the model's static vector table, e.g. ``first_name``.

    tagwerk's vector table (built by the training code, ``training/vectors.py``) carries lexical
    flags beside its distributional columns: first names and surnames, countries, cities ... The model's
    ``meta.json`` names the columns (``tagwerk.vector_columns``); a model without that
    record, or the blank pipeline, has no flags.
    """
    nlp = load_nlp(model)
    columns = nlp.meta.get("tagwerk", {}).get("vector_columns") or []
    if len(columns) != nlp.vocab.vectors.shape[1]:
        return {}
    return {name: i for i, name in enumerate(columns)}


class _Table:
    """A vector table read straight from a model folder: rows memory-mapped, ``key2row``."""

    def __init__(self, data: Any, key2row: dict[int, int]) -> None:
        self.data, self.key2row = data, key2row


def _read_lexicon(path: Path) -> tuple[dict[str, int], Any] | None:
    """(flag columns, table) of the model folder ``path`` without loading the model: its
    ``meta.json`` and ``vocab/vectors`` (memory-mapped) and ``vocab/key2row``, about 0.1 s
    instead of the model's 0.7 s. None where the folder holds something else."""
    import json

    import numpy as np
    import srsly

    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        cfg = json.loads((path / "vocab" / "vectors.cfg").read_text(encoding="utf-8"))
        data = np.load(path / "vocab" / "vectors", mmap_mode="r", allow_pickle=False)
        key2row = srsly.read_msgpack(path / "vocab" / "key2row")
    except (OSError, ValueError):
        return None
    columns = meta.get("tagwerk", {}).get("vector_columns") or []
    if cfg.get("mode", "default") != "default" or getattr(data, "ndim", 0) != 2 or not isinstance(key2row, dict):
        return None
    flags = {name: i for i, name in enumerate(columns)} if len(columns) == data.shape[1] else {}
    return flags, _Table(data, key2row)


@lru_cache(maxsize=1)
def _shipped_lexicon() -> tuple[dict[str, int], Any]:
    path = shipped_model_path()
    read = _read_lexicon(path) if path is not None else None
    return read if read is not None else (lexicon_flags(), load_nlp().vocab.vectors)


@lru_cache(maxsize=1 << 15)
def has_lexicon_flag(word: str, flag: str) -> bool:
    """Whether the shipped model's vector table marks ``word`` (as written) with ``flag``.

    ``has_lexicon_flag("Christian", "first_name")`` is True: a first name, though also a
    common word. False for words the table lacks and when no model is installed.
    """
    from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in spaCy's stubs

    columns, vectors = _shipped_lexicon()
    col = columns.get(flag)
    if col is None:
        return False
    row = vectors.key2row.get(hash_string(word), -1)  # rows are keyed by the surface form's hash
    return row >= 0 and float(vectors.data[row, col]) > 0.5
