"""Readers for German NER gold data: GermEval 2014 TSV and CoNLL-style two-column files.

Both give :class:`GoldSentence` records: the tokens as the gold file has them, the BIO tags
of the outer column and, for GermEval, of the inner (nested) column. Spans are read from
BIO tags with :func:`tagwerk.ner.labels.bio_spans` (an ``I-`` without a matching ``B-`` opens a
span, as the CoNLL evaluation script does).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tagwerk.errors import TagwerkError
from tagwerk.ner.labels import bio_spans


class GoldFormatError(TagwerkError):
    """A gold file that cannot be read (wrong column count, bad tag)."""


@dataclass(slots=True)
class GoldSentence:
    tokens: list[str]
    outer: list[str]
    """BIO tags of the outer column (``B-PER``, ``I-ORGpart``, ``O``)."""
    inner: list[str] = field(default_factory=list)
    """BIO tags of the nested column (GermEval); empty for CoNLL files."""
    source: str | None = None
    """The ``#`` line of GermEval (source URL and date), else None."""

    def spans(self, column: str = "outer") -> list[tuple[int, int, str]]:
        """(first token, end token, label) of each gold span in ``column``."""
        return bio_spans(self.outer if column == "outer" else self.inner)


def _check_tag(tag: str, where: str) -> str:
    if tag != "O" and (tag[:2] not in ("B-", "I-") or len(tag) < 3):
        raise GoldFormatError(f"{where}: not a BIO tag: {tag!r}")
    return tag


def read_germeval(path: str | Path) -> Iterator[GoldSentence]:
    """GermEval 2014 TSV: ``index<TAB>token<TAB>outer<TAB>inner``, ``#`` source lines, blank line ends a sentence."""
    path = Path(path)
    sent: GoldSentence | None = None
    source: str | None = None
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if sent is not None and sent.tokens:
                    yield sent
                sent, source = None, None
                continue
            if line.startswith("#") and (sent is None or not sent.tokens):
                source = line[1:].strip()
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                raise GoldFormatError(f"{path}:{n}: expected 4 tab-separated columns, got {len(cols)}")
            if sent is None:
                sent = GoldSentence([], [], [], source)
            sent.tokens.append(cols[1])
            sent.outer.append(_check_tag(cols[2], f"{path}:{n}"))
            sent.inner.append(_check_tag(cols[3], f"{path}:{n}") if len(cols) > 3 else "O")
    if sent is not None and sent.tokens:
        yield sent


def read_conll(path: str | Path) -> Iterator[GoldSentence]:
    """CoNLL-style: token and tag separated by whitespace (tag in the last column), blank line ends a sentence.

    ``-DOCSTART-`` lines are skipped.
    """
    path = Path(path)
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                if tokens:
                    yield GoldSentence(tokens, tags)
                tokens, tags = [], []
                continue
            if line.startswith("-DOCSTART-"):
                continue
            cols = line.split()
            if len(cols) < 2:
                raise GoldFormatError(f"{path}:{n}: expected a token and a tag")
            tokens.append(cols[0])
            tags.append(_check_tag(cols[-1], f"{path}:{n}"))
    if tokens:
        yield GoldSentence(tokens, tags)


def detect_format(path: str | Path) -> str:
    """``germeval`` when data lines have a numeric first column and 4 tab-separated columns, else ``conll``."""
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#") or line.startswith("-DOCSTART-"):
                continue
            cols = line.rstrip("\n").split("\t")
            return "germeval" if len(cols) >= 3 and cols[0].strip().isdigit() else "conll"
    return "conll"


def read_gold(path: str | Path, fmt: str | None = None) -> list[GoldSentence]:
    """All sentences of a gold file; ``fmt`` is ``germeval``, ``conll`` or None (detect)."""
    path = Path(path)
    if not path.is_file():
        raise GoldFormatError(f"no such gold file: {path}")
    fmt = fmt or detect_format(path)
    if fmt == "germeval":
        return list(read_germeval(path))
    if fmt == "conll":
        return list(read_conll(path))
    raise GoldFormatError(f"unknown gold format {fmt!r} (germeval or conll)")
