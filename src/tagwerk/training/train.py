"""Train tagwerk's German NER model with spaCy on the CPU.

Gold sentences become spaCy ``Doc`` objects (the 12 GermEval outer labels as entity
labels), are written as ``.spacy`` corpora under ``OUT/corpus`` and trained with the
config in ``training/configs/ner.cfg``. spaCy writes ``OUT/model-best`` (best dev score)
and ``OUT/model-last``; ``model-best`` is what tagwerk ships.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tagwerk.errors import TagwerkError
from tagwerk.ner.models import SPACY
from tagwerk.training.gold import GoldSentence, read_gold

CONFIG_DIR = Path(__file__).resolve().parent / "configs"
DEFAULT_CONFIG = CONFIG_DIR / "ner.cfg"

# No space before these tokens when a text is rebuilt from gold tokens (GermEval gives no
# whitespace); spaCy re-tokenises that text in training, so it sees what it sees at run time.
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%“'\"")
_NO_SPACE_AFTER = frozenset("([{„")


class TrainingError(TagwerkError):
    """Training could not start (bad paths, no data, bad config)."""


def guess_spaces(tokens: Sequence[str]) -> list[bool]:
    """Whether each token is followed by a space, by simple punctuation rules."""
    spaces = []
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        spaces.append(bool(nxt) and nxt not in _NO_SPACE_BEFORE and tok not in _NO_SPACE_AFTER)
    return spaces


def gold_doc(vocab, sent: GoldSentence):  # noqa: ANN001, ANN201 - spaCy Vocab -> Doc
    """A spaCy Doc with the sentence's outer spans as entities (GermEval label names)."""
    from spacy.tokens import Doc, Span

    doc = Doc(vocab, words=sent.tokens, spaces=guess_spaces(sent.tokens))
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in sent.spans()]
    return doc


def write_corpus(vocab, sentences: Iterable[GoldSentence], path: Path, extra_docs: Iterable = ()) -> int:  # noqa: ANN001
    """Write sentences (and ready-made Docs) as a ``.spacy`` file; returns the number of docs."""
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=False)
    n = 0
    for sent in sentences:
        db.add(gold_doc(vocab, sent))
        n += 1
    for doc in extra_docs:
        db.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def train_ner(
    train: Sequence[str | Path],
    dev: str | Path,
    out: str | Path,
    *,
    seed: int = 0,
    config: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    vectors: str | Path | None = None,
    silver: Sequence[str | Path] = (),
    teachers: Sequence[str | Path] = (),
    min_votes: int | None = None,
    extra_train_docs: Iterable = (),
    provenance: Mapping[str, Any] | None = None,
) -> Path:
    """Train on the gold files ``train`` (GermEval TSV or CoNLL), select on ``dev``.

    ``overrides`` are spaCy config overrides (``{"components.tok2vec.model.encode.width": 128}``);
    ``vectors``: static vectors (a spaCy pipeline folder from ``python -m tagwerk.training.vectors``)
    that the tok2vec layer then includes. Self-training: the paragraphs of the JSON Lines files
    ``silver`` ('text' field), annotated by the model folders ``teachers`` (spaCy models or
    transformer teachers; several vote on spans, ``min_votes`` each, default a majority), are
    added to the training data. ``extra_train_docs`` are further annotated Docs (mapped corpora);
    ``provenance`` is recorded in the model's ``meta.json`` with the rest (e.g. the teachers).
    Returns the path of ``OUT/model-best``.
    """
    overrides = dict(overrides or {})
    if vectors is not None:
        overrides["paths.vectors"] = str(vectors)
        overrides["components.tok2vec.model.embed.include_static_vectors"] = True
    if silver:
        docs, silver_provenance = silver_training_docs(silver, teachers, min_votes=min_votes)
        extra_train_docs = [*extra_train_docs, *docs]
        provenance = {**(provenance or {}), **silver_provenance}
    import spacy
    from spacy.cli.train import train as spacy_train

    out = Path(out)
    config_path = Path(config) if config else DEFAULT_CONFIG
    if not config_path.is_file():
        raise TrainingError(f"no such config: {config_path}")
    train_sents: list[GoldSentence] = []
    for p in train:
        train_sents.extend(read_gold(p))
    dev_sents = read_gold(dev)
    if not train_sents or not dev_sents:
        raise TrainingError("no training or dev sentences")
    vocab = spacy.blank("de").vocab
    corpus = out / "corpus"
    n_docs = write_corpus(vocab, train_sents, corpus / "train.spacy", extra_train_docs)
    write_corpus(vocab, dev_sents, corpus / "dev.spacy")
    ov: dict[str, Any] = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
        "system.seed": seed,
    }
    ov.update(overrides or {})
    spacy_train(config_path, out, use_gpu=-1, overrides=ov)
    info = {
        "train": [Path(p).name for p in train],
        "dev": Path(dev).name,
        "seed": seed,
        "config": config_path.name,
        "overrides": {k: v for k, v in ov.items() if not k.startswith("paths.")},
        "vectors": bool(ov.get("paths.vectors")),
        "train_sentences": len(train_sents),
        "extra_docs": n_docs - len(train_sents),
        **(provenance or {}),
    }
    if ov.get("paths.vectors"):
        from tagwerk.training.vectors import COLUMNS_FILE

        columns_file = Path(str(ov["paths.vectors"])) / COLUMNS_FILE
        if columns_file.is_file():
            info["vector_columns"] = json.loads(columns_file.read_text(encoding="utf-8"))
    for model_dir in (out / "model-best", out / "model-last"):
        annotate_meta(model_dir, info)
    return out / "model-best"


def silver_training_docs(silver: Sequence[str | Path], teachers: Sequence[str | Path], *,
                         min_votes: int | None = None) -> tuple[list, dict[str, Any]]:
    """Docs of the paragraphs of the JSON Lines files ``silver`` whose entities are the spans the
    model folders ``teachers`` vote for (one teacher: its own spans), and the record of how they
    were made for the model's ``meta.json``."""
    if not teachers:
        raise TrainingError("silver text needs a teacher to annotate it")
    from tagwerk.training.ensemble import load_predictor, silver_docs_voted
    from tagwerk.training.extra import read_paragraphs

    paragraphs = [p for f in silver for p in read_paragraphs(f)]
    docs = silver_docs_voted([load_predictor(t) for t in teachers], paragraphs, min_votes=min_votes)
    provenance: dict[str, Any] = {"silver": [Path(f).name for f in silver], "silver_paragraphs": len(paragraphs),
                                  "teachers": [str(t) for t in teachers]}
    if min_votes is not None:
        provenance["min_votes"] = min_votes
    return docs, provenance


def annotate_meta(model_dir: Path, info: dict[str, Any]) -> None:
    """Name the model and record how it was trained in its ``meta.json``."""
    meta_path = Path(model_dir) / SPACY.card
    if not meta_path.is_file():
        return
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["name"] = "ner_de"
    meta["description"] = "tagwerk German NER (GermEval 2014 outer labels), trained by `tagwerk train ner`; see docs/ner.md"
    meta["tagwerk"] = info
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
