"""The registry of NER model kinds: which model a ``ner_model`` value names, what kind of folder
a model folder is, and the version suffix an analysis by it carries.

Three kinds of folder hold an NER model, each marked by one file:

* a compact tagger (``tagger.json``; ``tagwerk train student``), run by ONNX Runtime
  (:class:`tagwerk.ner.tagger.PieceTagger`), possibly the first stage of a cascade;
* a transformer teacher (``teacher.json``; ``tagwerk train teacher``), run by PyTorch, the
  ``teacher`` extra (:class:`tagwerk.ner.teacher.TeacherModel`);
* a spaCy pipeline (``config.cfg``; ``tagwerk train ner``), loaded as the shared pipeline
  (:func:`tagwerk.ner.nlp.load_nlp`).

Three names stand for shipped models (:data:`MODEL_NAMES`): ``cnn`` (the spaCy CNN), ``accurate``
(the 8-layer transformer) and ``fast`` (the default compact transformer without its cascade).
No name (``None``) is the default: the compact transformer with its cascade, or the CNN in a
package without it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tagwerk.errors import TagwerkError


class ModelError(TagwerkError):
    """An NER model that cannot be found or used."""


class TaggerError(ModelError):
    """A tagger folder is missing, incomplete or made for another tag set."""


class TeacherError(ModelError):
    """A teacher folder that cannot be loaded, or PyTorch missing to run it."""


@dataclass(frozen=True, slots=True)
class ModelKind:
    """One kind of model folder."""

    name: str
    marker: str
    """The file that makes a folder one of this kind."""
    card: str
    """The file whose bytes identify a model of this kind in its version suffix."""
    tag: str
    """The version suffix's prefix: ``+<tag>.<hash of the card>``."""
    distributions: bool
    """Whether its models give a probability for every tag of every word (and so can be averaged)."""


TAGGER_FILE = "tagger.json"
TEACHER_FILE = "teacher.json"
SPACY_FILE = "config.cfg"
TAGGER = ModelKind("tagger", TAGGER_FILE, TAGGER_FILE, "tagger", True)
TEACHER = ModelKind("teacher", TEACHER_FILE, TEACHER_FILE, "teacher", True)
SPACY = ModelKind("spacy", SPACY_FILE, "meta.json", "model", False)
KINDS = (TAGGER, TEACHER, SPACY)
"""In the order a folder with several markers is taken as."""


def is_kind(path: str | Path, kind: ModelKind) -> bool:
    """Whether folder ``path`` holds ``kind``'s marker file (whatever other markers it has)."""
    return (Path(path) / kind.marker).is_file()


def is_tagger_dir(path: str | Path) -> bool:
    return is_kind(path, TAGGER)


def is_teacher_dir(path: str | Path) -> bool:
    return is_kind(path, TEACHER)


def is_spacy_dir(path: str | Path) -> bool:
    return is_kind(path, SPACY)


def is_piece_dir(path: str | Path) -> bool:
    """A transformer on sentence pieces (a compact tagger or a teacher): a model that gives tag
    distributions, run by :func:`tagwerk.ner.load.load_piece_model`."""
    return any(is_kind(path, kind) for kind in KINDS if kind.distributions)


def kind_of(path: str | Path) -> ModelKind | None:
    """The kind of model folder ``path`` is (the first of :data:`KINDS` whose marker it holds), or None."""
    return next((kind for kind in KINDS if is_kind(path, kind)), None)


# -- the shipped models ----------------------------------------------------------------------------
MODEL_NAME = "ner-de"
"""Folder of the shipped spaCy pipeline (tokenizer, lexicon vectors and the CNN NER model)."""
TAGGER_NAME = "tagger-de"
"""Folder of the shipped default NER model, the compact transformer (and its cascade)."""
ACCURATE_TAGGER_NAME = "tagger-de-accurate"
"""Folder of the shipped 8-layer transformer."""
CNN = "cnn"
"""``ner_model`` value that names the shipped spaCy CNN (the fastest NER model, the least
accurate) instead of the default compact transformer."""
ACCURATE = "accurate"
"""``ner_model`` value that names the shipped 8-layer transformer (more accurate than the
default's 6 pruned layers, and slower: model v10)."""
FAST = "fast"
"""``ner_model`` value that names the default compact transformer alone, without the cascade
to the 8-layer one that the default runs (model v12 alone: faster, a little less accurate)."""
SHIPPED: dict[str, tuple[str, ModelKind]] = {
    CNN: (MODEL_NAME, SPACY),
    ACCURATE: (ACCURATE_TAGGER_NAME, TAGGER),
    FAST: (TAGGER_NAME, TAGGER),
}
"""Each name of a shipped model: its folder in the package and its kind."""
MODEL_NAMES = (CNN, ACCURATE, FAST)
"""``ner_model`` values that name a shipped model rather than a folder (:func:`shipped_named_model`)."""


def _shipped(folder: str, kind: ModelKind) -> Path | None:
    path = Path(str(resources.files("tagwerk") / "models" / folder))
    return path if (path / kind.marker).exists() else None


def shipped_model_path() -> Path | None:
    """Path of the spaCy pipeline inside the package (tokenizer, lexicon vectors and the fast
    CNN NER model), if one is installed."""
    return _shipped(MODEL_NAME, SPACY)


def shipped_tagger_path(name: str = TAGGER_NAME) -> Path | None:
    """Path of the default NER model inside the package (the compact transformer), or of the
    one ``name`` names (``ACCURATE_TAGGER_NAME``), if installed."""
    return _shipped(name, TAGGER)


def shipped_named_model(name: str) -> Path | None:
    """The shipped model folder that a name of ``MODEL_NAMES`` stands for, if installed."""
    return _shipped(*SHIPPED[name])


# -- what a ner_model value names ------------------------------------------------------------------
def default_model() -> Path | None:
    """The NER model used when none is named: the shipped compact transformer, else (a package
    without it) the shipped spaCy CNN."""
    return shipped_tagger_path() or shipped_model_path()


def resolve_model(model: str | Path | None) -> Path | None:
    """The model folder that ``ner_model`` names (``"cnn"``: the shipped spaCy CNN; ``"accurate"``:
    the shipped 8-layer transformer; ``"fast"``: the default's folder, run without its cascade,
    see :func:`cascades`)."""
    if not model:
        return default_model()
    if str(model) in MODEL_NAMES:
        path = shipped_named_model(str(model))
        if path is None and str(model) == ACCURATE:  # without the CNN, the stage warns instead
            raise TaggerError("the 'accurate' NER model is not installed in this package")
        return path
    return Path(model)


def check_model(model: str | Path | None) -> None:
    """Raise ModelError unless ``ner_model`` names a shipped model (:data:`MODEL_NAMES`), a model
    folder (a tagger, teacher or spaCy pipeline) or an installed spaCy model package."""
    if not model or str(model) in MODEL_NAMES:
        return
    path = Path(model)
    if path.is_dir():
        if kind_of(path) is None:
            raise ModelError(f"{model}: not an NER model folder (it holds no {TAGGER_FILE}, {TEACHER_FILE} or {SPACY_FILE})")
        return
    name = str(model)
    if name.isidentifier():
        import importlib.util

        if importlib.util.find_spec(name) is not None:  # a spaCy model package
            return
    raise ModelError(
        f"no NER model {name!r}: give {', '.join(MODEL_NAMES[:-1])} or {MODEL_NAMES[-1]}, or a folder made by "
        "`tagwerk train student`, `train ner` or `train teacher`"
    )


def cascades(model: str | Path | None) -> bool:
    """Whether a tagger folder that ``ner_model`` names runs its cascade (all but ``"fast"``)."""
    return str(model) != FAST if model else True


def model_tag(model: str | Path | None) -> str:
    """``""`` for the default model, else ``+cnn`` (the shipped CNN), ``+accurate`` (the shipped
    8-layer transformer), ``+fast`` (the default without its cascade), ``+tagger.<hash>``,
    ``+teacher.<hash>`` or ``+model.<hash>``: a version suffix that tells analyses by another NER
    model apart (hash of its tagger.json, teacher.json or meta.json)."""
    if model and str(model) == FAST:
        return f"+{FAST}"
    path = resolve_model(model)
    default = default_model()
    if path is None or (default is not None and path.resolve() == default.resolve()):
        return ""
    for name in MODEL_NAMES:
        shipped = shipped_named_model(name)
        if shipped is not None and path.resolve() == shipped.resolve():
            return f"+{name}"
    kind = kind_of(path) or SPACY  # a folder that holds no model is hashed as a spaCy one
    card = path / kind.card
    digest = hashlib.sha1(card.read_bytes() if card.is_file() else str(path).encode()).hexdigest()[:8]
    return f"+{kind.tag}.{digest}"
