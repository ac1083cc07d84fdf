"""The one spaCy pipeline every stage shares.

The token stage and the NER stage must work on the same ``Doc`` and vocabulary, so the
spaCy ``Language`` object is built here once per process: the shipped NER model when it
is installed, else a blank German pipeline; either way with tagwerk's tokenizer rules
(news abbreviations from ``lang/de/abbreviations.py``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from tagwerk.lang.de.abbreviations import ABBREVIATIONS

MODEL_NAME = "ner-de"


def shipped_model_path() -> Path | None:
    """Path of the NER model inside the package, if one is installed."""
    path = Path(str(resources.files("tagwerk") / "models" / MODEL_NAME))
    return path if (path / "config.cfg").exists() else None


def customise_tokenizer(nlp: Language) -> Language:
    """Add tagwerk's abbreviations (``Abg.``, ``Bundeskanzlerin a.D.``) as special cases."""
    from spacy.symbols import ORTH

    for abbr in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
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


WARM_WORDS = 25_000


def warm_tokenizer(nlp: Language) -> Language:
    """Tokenise German's most frequent word forms once, when the pipeline is built.

    The Analyzer runs in spaCy memory zones (flat memory over long runs), and inside a
    zone spaCy's tokenizer caches nothing: every word form it has not cached before is
    split afresh, which made the analysis about 5 % slower. The commonest forms (from
    wordfreq, as written and capitalised) are cached here, outside any zone, for good.
    """
    from wordfreq import top_n_list

    for word in top_n_list("de", WARM_WORDS):
        nlp.tokenizer(word)
        if word[:1].islower():
            nlp.tokenizer(word[:1].upper() + word[1:])
    return nlp


@lru_cache(maxsize=4)
def _load(key: str) -> Language:
    nlp = spacy.blank("de") if key == "blank" else spacy.load(key)
    return warm_tokenizer(customise_tokenizer(nlp))
