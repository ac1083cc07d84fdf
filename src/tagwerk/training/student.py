"""Distil the transformer teacher into the compact tagger that tagwerk ships (training only).

The 12-layer teacher (``tagwerk train teacher``) is accurate but runs at about 1,600 words/s.
The student keeps the encoder's first layers (4 by default) and a smaller piece table (the
pieces that German text needs), and learns from:

* the gold sentences, with their tags (cross-entropy);
* silver text (paragraphs of JSON Lines files), with the teacher's probability of every tag
  for every word (cross-entropy against the teacher's distribution: the student also learns
  what the teacher thought nearly right).
* with ``--augment N``, N copies of each with their names swapped for other names of the same
  label (:mod:`tagwerk.training.augment`): gold copies keep gold tags, silver copies are
  labelled by the teacher again.

With ``--members N``, N students are trained from the same start on the same data, differing
only in the order of the batches and in dropout (seeds ``seed`` to ``seed + N - 1``), and the
exported student carries the mean of their weights (:func:`average_weights`, a uniform "model
soup"): since they start from the same point and stay in its basin, the mean is one model with
one model's cost at run time.

It is exported as an int8 ONNX graph plus an int8 piece table (:class:`tagwerk.ner.tagger.PieceTagger`),
which runs without PyTorch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from tagwerk.errors import TagwerkError
from tagwerk.ner.tagger import PieceVocab

SCRIPT_LIMIT = 0x0530
"""Single characters kept in every piece table: Latin, Greek and Cyrillic (below U+0530) and
general punctuation and currency signs (U+2000-U+20FF), so that such text never falls to
the unknown piece."""


def select_pieces(vocab: PieceVocab, words: Iterable[str]) -> list[int]:
    """Ids of the pieces that segmenting ``words`` uses, plus the special pieces and the
    single characters of the scripts above, in the vocabulary's order."""
    keep = {vocab.bos, vocab.eos, vocab.pad, vocab.unk}
    for word in words:
        keep.update(vocab.encode_word(word))
    for i, piece in enumerate(vocab.pieces):
        ch = piece.replace("\u2581", "")
        if len(ch) == 1 and (ord(ch) < SCRIPT_LIMIT or 0x2000 <= ord(ch) < 0x2100):
            keep.add(i)
    keep.discard(-1)
    return sorted(keep)


def vocabulary_words(token_lists: Iterable[Sequence[str]], *, frequent: int = 200_000) -> set[str]:
    """The words a German piece table must cover: wordfreq's ``frequent`` commonest German
    words and every word of ``token_lists``."""
    from wordfreq import top_n_list

    words = set(top_n_list("de", frequent))
    for tokens in token_lists:
        words.update(tokens)
    return words


def token_lists(texts: Iterable[str], nlp=None) -> list[list[str]]:
    """The words (no whitespace tokens) of each text, by tagwerk's tokenizer (what the ``ner``
    stage shows the model at run time)."""
    if nlp is None:
        from tagwerk.ner.nlp import load_nlp

        nlp = load_nlp()
    from tagwerk.ner.spans import word_indices

    return [[doc[i].text for i in word_indices(doc)] for doc in nlp.tokenizer.pipe(texts, batch_size=256)]


def teacher_targets(teacher, lists: Sequence[Sequence[str]]) -> list[tuple[Sequence[str], np.ndarray]]:
    """Each token list with the teacher's tag probabilities per word."""
    out = []
    for words, log_probs in zip(lists, teacher.log_probs(lists), strict=True):
        out.append((words, np.exp(log_probs).astype(np.float32)))
    return out


def average_weights(members: Sequence) -> None:
    """Set the trained parameters of ``members[0]`` (a :class:`~tagwerk.training.teacher.Teacher`)
    to the mean of all members' parameters. The members must share their shape, piece table
    and start (``--members``); a shape mismatch raises ``ValueError``."""
    if not members:
        raise ValueError("no members to average")
    first = members[0]
    params = [dict(m.model.named_parameters()) for m in members]
    keep = first.keep
    for m in members[1:]:
        if (m.keep is None) != (keep is None) or (keep is not None and not np.array_equal(m.keep, keep)):
            raise ValueError("the members' piece tables differ")
    torch = first.torch
    with torch.no_grad():
        for name, p in params[0].items():
            if not p.requires_grad:
                continue
            others = [ps.get(name) for ps in params[1:]]
            if any(o is None or o.shape != p.shape for o in others):
                raise ValueError(f"the members differ in {name}")
            p.copy_(torch.stack([p, *others]).mean(0))


class StaleTargetsError(TagwerkError):
    """A cache of teacher labels (``--targets``) was made from other teachers or other text."""


def _file_digest(path: Path) -> bytes:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.digest()


def teachers_key(folders: Sequence[str | Path]) -> str:
    """Digest of the teacher folders, in order (each file's name and bytes): which teachers
    labelled a cache."""
    h = hashlib.sha256()
    for folder in folders:
        h.update(b"\0teacher")
        for f in sorted(Path(folder).iterdir()):
            if f.is_file():
                h.update(f.name.encode("utf-8") + b"\0" + _file_digest(f))
    return h.hexdigest()


def files_key(paths: Sequence[str | Path]) -> str:
    """Digest of the bytes of ``paths``, in order (not their names: a copy elsewhere matches)."""
    h = hashlib.sha256()
    for path in paths:
        h.update(b"\0file" + _file_digest(Path(path)))
    return h.hexdigest()


def words_key(token_lists: Iterable[Sequence[str]], *extra: object) -> str:
    """Digest of token lists plus JSON-able ``extra`` (what the copies of silver text come from)."""
    h = hashlib.sha256()
    for words in token_lists:
        h.update("\x1f".join(words).encode("utf-8") + b"\x1e")
    for item in extra:
        h.update(json.dumps(item, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def save_targets(path: str | Path, targets: Sequence[tuple[Sequence[str], np.ndarray]], *,
                 key: dict[str, str] | None = None) -> None:
    """Keep a teacher's soft targets for later students (words, offsets and probabilities),
    with ``key``: digests of what they were made from (``teachers``, ``text``)."""
    words = [w for ws, _ in targets for w in ws]
    lengths = np.array([len(ws) for ws, _ in targets], dtype=np.int64)
    probs = np.concatenate([p for _, p in targets]).astype(np.float16) if targets else np.zeros((0, 0), np.float16)
    np.savez_compressed(path, words=np.array(words, dtype=object), lengths=lengths, probs=probs,
                        key=np.array(json.dumps(key or {}, sort_keys=True)))


def stored_key(path: str | Path) -> dict[str, str] | None:
    """The key a cache was saved with; None for a cache written before keys were kept."""
    with np.load(path, allow_pickle=False) as data:
        return json.loads(str(data["key"])) if "key" in data.files else None


def check_key(path: str | Path, key: dict[str, str]) -> bool:
    """Raise :class:`StaleTargetsError` where the cache's key differs from ``key`` in a field
    both have; False for a cache without a key (it cannot be checked), else True."""
    stored = stored_key(path)
    if not stored:
        return False
    for field, value in key.items():
        if field in stored and stored[field] != value:
            raise StaleTargetsError(
                f"{path} holds labels made from other {field} than this run's; delete it or name another --targets file")
    return True


def load_targets(path: str | Path) -> list[tuple[list[str], np.ndarray]]:
    with np.load(path, allow_pickle=True) as data:
        words, lengths, probs = list(data["words"]), data["lengths"], data["probs"].astype(np.float32)
    out, a = [], 0
    for n in lengths:
        out.append((words[a : a + n], probs[a : a + n]))
        a += int(n)
    return out
