"""Loading a transformer model folder of the registry (:mod:`tagwerk.ner.models`): a compact
tagger or a teacher. Apart from the registry, so that the registry imports no model code."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tagwerk.ner.models import TAGGER_FILE, TEACHER_FILE, ModelError, is_tagger_dir, is_teacher_dir

if TYPE_CHECKING:
    from tagwerk.ner.tagger import PieceTagger
    from tagwerk.ner.teacher import TeacherModel


def load_piece_model(path: str | Path, *, cascade: bool = True) -> PieceTagger | TeacherModel:
    """The transformer in folder ``path``: a compact tagger (with its cascade, if it has one and
    ``cascade``) or a teacher (needs the ``teacher`` extra: PyTorch). SpaCy pipelines are loaded
    by :func:`tagwerk.ner.nlp.load_nlp`."""
    if is_tagger_dir(path):
        from tagwerk.ner.tagger import PieceTagger

        return PieceTagger(path, cascade=cascade)
    if is_teacher_dir(path):
        from tagwerk.ner.teacher import TeacherModel  # PyTorch, loaded only for a teacher

        return TeacherModel.load(path)
    raise ModelError(f"{path}: neither a compact tagger folder ({TAGGER_FILE}) nor a teacher folder ({TEACHER_FILE})")
