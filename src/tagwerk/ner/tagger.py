"""Sentence pieces and the compact transformer tagger that runs on them (NumPy + ONNX Runtime).

tagwerk's default NER model is a small transformer: the first layers of multilingual-e5-small,
distilled from a fine-tuned 12-layer teacher (``tagwerk train student``, docs/ner.md). At run
time it needs no PyTorch: the layers are an int8 ONNX graph, the piece embeddings an int8
table with one scale per row, and the words are split into pieces here.

* :class:`PieceVocab`: a unigram sentence-piece vocabulary; a word becomes the piece ids of
  its most probable segmentation (Viterbi over the pieces' log-probabilities).
* BIO tags over the 12 GermEval labels, read at each word's first piece and decoded by a
  Viterbi search that allows only valid sequences (:func:`viterbi`).
* :class:`PieceTagger`: a saved model folder (``tagger.json``, ``pieces.json``,
  ``embeddings.npz``, ``encoder.onnx``) that labels token lists. Students of one teacher have the
  same frozen piece table, so a folder may borrow another's (:func:`share_table`). A tagger may
  be the first stage of a cascade (:mod:`tagwerk.ner.cascade`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from tagwerk.ner.cascade import expected_errors
from tagwerk.ner.labels import GERMEVAL_LABELS, bio_spans
from tagwerk.ner.models import TAGGER_FILE, TaggerError, is_tagger_dir

METASPACE = "\u2581"
TAGS = ("O", *(f"{p}-{lab}" for lab in GERMEVAL_LABELS for p in ("B", "I")))
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}
MAX_PIECES = 254
"""Pieces per window (the encoder takes 512 positions; shorter windows are cheaper)."""
TABLE_FILES = ("pieces.json", "embeddings.npz")
"""The piece vocabulary and the int8 piece table: the part of a tagger folder that another
folder can borrow (``"table"`` in its tagger.json, see :func:`share_table`)."""
PIECE_CACHE = 50_000
"""Words whose pieces are kept (least recently used go first). German's 50,000 commonest forms
cover most running text; 200,000 held 40 MB more in a long run full of new words
(benchmarks/memory.py)."""
BATCH_PIECES = 128
"""Padded pieces per ONNX Runtime call: small batches keep the activations in the CPU's caches.
On the ner stage over 300 Wikinews articles (sentences of an article in one call, 2026-11-29):
128 pieces 9,700 words/s, 256 9,250, 512 7,600, 4,096 5,600."""

DISABLED_FUSIONS = ("SkipLayerNormFusion", "MatMulScaleFusion")
"""ONNX Runtime graph fusions left off. Its fused SkipLayerNormalization kernel (residual add +
layer norm) took 138 us a call on 128 pieces x 384 dims with one thread (ONNX Runtime 1.32),
against 64 us for the separate Add and LayerNormalization; without it the encoder takes about
17 % less time, and dev F1 moves by 0.001 or less (int8 rounding; docs/ner.md, run 47)."""

Span = tuple[int, int, str]
Pieces = tuple[int, ...]


class PieceVocab:
    """The unigram sentence-piece vocabulary: word -> piece ids by the most probable segmentation."""

    def __init__(self, pieces: list[str], scores: np.ndarray, norm: dict[str, str], *, bos: int, eos: int, pad: int, unk: int) -> None:
        self.pieces = pieces
        self.scores = np.asarray(scores, dtype=np.float64)
        self.norm = norm
        self.bos, self.eos, self.pad, self.unk = bos, eos, pad, unk
        self.index = {p: i for i, p in enumerate(pieces) if p and i != unk}
        self.max_len = max(len(p) for p in pieces)
        self.unk_score = float(self.scores.min()) - 10.0
        self.encode_word = lru_cache(maxsize=PIECE_CACHE)(self._encode_word)

    def __len__(self) -> int:
        return len(self.pieces)

    def normalise(self, text: str) -> str:
        return "".join(self.norm.get(ch, ch) for ch in text)

    def _encode_word(self, word: str) -> Pieces:
        """Piece ids of one whitespace-free word (with the leading word marker)."""
        text = METASPACE + self.normalise(word).replace(" ", METASPACE)
        n = len(text)
        best = [0.0] + [-np.inf] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        scores, index = self.scores, self.index
        for i in range(n):
            if best[i] == -np.inf:
                continue
            for j in range(i + 1, min(n, i + self.max_len) + 1):
                idx = index.get(text[i:j])
                if idx is not None:
                    score = best[i] + scores[idx]
                    if score > best[j]:
                        best[j], back[j] = score, (i, idx)
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unk_score, (i, self.unk)
        ids: list[int] = []
        j = n
        while j > 0:
            i, idx = back[j]
            ids.append(idx)
            j = i
        return tuple(reversed(ids))

    def encode(self, words: Sequence[str]) -> list[Pieces]:
        return [self.encode_word(w) or (self.unk,) for w in words]

    def subset(self, keep: Sequence[int]) -> PieceVocab:
        """The vocabulary of pieces ``keep`` (ids of this one, in that order; the four special
        pieces must be among them). Words split into the kept pieces only."""
        keep = list(keep)
        where = {old: new for new, old in enumerate(keep)}
        try:
            specials = {k: where[getattr(self, k)] for k in ("bos", "eos", "pad", "unk")}
        except KeyError as exc:
            raise TaggerError("a piece subset must keep the special pieces") from exc
        return PieceVocab([self.pieces[i] for i in keep], self.scores[keep], self.norm, **specials)

    def to_json(self) -> dict:
        return {"pieces": self.pieces, "scores": [round(float(s), 5) for s in self.scores], "norm": self.norm,
                "bos": self.bos, "eos": self.eos, "pad": self.pad, "unk": self.unk}

    @classmethod
    def from_json(cls, data: dict) -> PieceVocab:
        return cls(list(data["pieces"]), np.array(data["scores"], dtype=np.float64), dict(data["norm"]),
                   bos=int(data["bos"]), eos=int(data["eos"]), pad=int(data["pad"]), unk=int(data["unk"]))


# -- tags ----------------------------------------------------------------------------------------
def allowed_transitions() -> np.ndarray:
    """``ok[a, b]``: tag b may follow tag a (I-X only after B-X or I-X)."""
    n = len(TAGS)
    ok = np.ones((n, n), dtype=bool)
    for b, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            lab = tag[2:]
            ok[:, b] = False
            ok[TAG_INDEX[f"B-{lab}"], b] = ok[TAG_INDEX[f"I-{lab}"], b] = True
    return ok


_START = np.array([0.0 if not t.startswith("I-") else -np.inf for t in TAGS])


def viterbi(log_probs: np.ndarray, ok: np.ndarray) -> list[int]:
    """The best valid tag sequence for ``log_probs`` [words, tags]."""
    n, k = log_probs.shape
    if n == 0:
        return []
    best = log_probs.argmax(axis=1)
    if np.isfinite(_START[best[0]]) and ok[best[:-1], best[1:]].all():
        # the best tag of each word already forms a valid sequence (as for most sentences), so
        # it is the best valid one: the constraints only forbid, they add no scores
        return best.tolist()
    penalty = np.where(ok, 0.0, -np.inf)
    score = log_probs[0] + _START
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + penalty
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + log_probs[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


# -- batching ------------------------------------------------------------------------------------
def windows(pieces: Sequence[Pieces], limit: int = MAX_PIECES) -> list[tuple[int, int]]:
    """Word ranges [a, b) whose pieces fit in ``limit`` (a word longer than that is cut)."""
    out: list[tuple[int, int]] = []
    a, used = 0, 0
    for i, p in enumerate(pieces):
        n = min(len(p), limit)
        if used + n > limit and i > a:
            out.append((a, i))
            a, used = i, 0
        used += n
    out.append((a, len(pieces)))
    return out


def greedy_batches(order: Sequence[int], sizes: Sequence[int], limit: int, *, padded: bool = False) -> list[list[int]]:
    """Consecutive runs of ``order`` whose sizes add up to at most ``limit`` (at least one each);
    with ``padded``, whose rows padded to the longest one do (``order`` sorted by size)."""
    batches: list[list[int]] = []
    cur: list[int] = []
    n = 0
    for i in order:
        cost = (len(cur) + 1) * max(sizes[i], n) if padded else n + sizes[i]
        if cur and cost > limit:
            batches.append(cur)
            cur, n = [], 0
        cur.append(i)
        n = max(n, sizes[i]) if padded else n + sizes[i]
    if cur:
        batches.append(cur)
    return batches


def pad_rows(vocab: PieceVocab, rows: Sequence[Sequence[Pieces]]) -> tuple[np.ndarray, np.ndarray, list[list[int]]]:
    """Padded piece ids [B, T] (each row framed by the begin and end pieces), the mask, and the
    position of each word's first piece."""
    ids_rows, firsts = [], []
    for pieces in rows:
        row, first = [vocab.bos], []
        for p in pieces:
            first.append(len(row))
            row.extend(p[:MAX_PIECES])
        row.append(vocab.eos)
        ids_rows.append(row)
        firsts.append(first)
    width = max(len(r) for r in ids_rows)
    ids = np.full((len(ids_rows), width), vocab.pad, dtype=np.int64)
    mask = np.zeros((len(ids_rows), width), dtype=bool)
    for i, r in enumerate(ids_rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = True
    return ids, mask, firsts


POOLS = ("first", "mean")
"""How a pooling model (``pool_after`` in its tagger.json) makes one position of each word: its
first piece, or the mean of its pieces."""


def pool_index(mask: np.ndarray, firsts: Sequence[Sequence[int]], how: str = "first") -> tuple[np.ndarray, np.ndarray]:
    """The pooling matrix of a model that keeps one position per word after its first layers
    [B, W + 2, T] and the mask of the kept positions [B, W + 2]. Row 0 takes each row's begin
    piece, row ``j + 1`` word ``j`` (its first piece, or with ``how="mean"`` the mean of its
    pieces), row ``W + 1`` the end piece; padded rows are zero. Output position ``j + 1`` of a
    row is then its word ``j``."""
    if how not in POOLS:
        raise TaggerError(f"unknown pooling {how!r} (one of {', '.join(POOLS)})")
    width = max(len(f) for f in firsts) + 2
    pool = np.zeros((len(firsts), width, mask.shape[1]), dtype=np.float32)
    keep_mask = np.zeros((len(firsts), width), dtype=bool)
    ends = mask.sum(axis=1)
    for i, first in enumerate(firsts):
        n = len(first)
        pool[i, 0, 0] = 1.0
        bounds = [*first, ends[i] - 1]
        for j in range(n):
            a, b = bounds[j], bounds[j + 1] if how == "mean" else bounds[j] + 1
            pool[i, j + 1, a:b] = 1.0 / (b - a)
        pool[i, n + 1, ends[i] - 1] = 1.0
        keep_mask[i, : n + 2] = True
    return pool, keep_mask


def word_rows(firsts: Sequence[Sequence[int]], *, pooled: bool = False) -> np.ndarray:
    """Where each row's words lie in a model's output [B, W]: at their first pieces, or with
    ``pooled`` at positions 1..W (see :func:`pool_index`); padded with 0."""
    rows = np.zeros((len(firsts), max(len(f) for f in firsts)), dtype=np.int64)
    for i, first in enumerate(firsts):
        rows[i, : len(first)] = np.arange(1, len(first) + 1) if pooled else first
    return rows


def word_log_probs(vocab: PieceVocab, token_lists: Sequence[Sequence[str]],
                   run: Callable[[np.ndarray, np.ndarray, list[list[int]]], np.ndarray], *,
                   batch_pieces: int = 3000, pooled: bool = False) -> list[np.ndarray]:
    """Per token list, the tag log-probabilities of each word [words, tags]: the lists are cut
    into windows, sorted by length, batched, and ``run(ids, mask, firsts)`` gives [B, T, tags]
    (``firsts``: the position of each word's first piece), where each word's row is its first
    piece's, or with ``pooled`` its pooled position's (:func:`word_rows`)."""
    items: list[list[Pieces]] = []
    owner: list[tuple[int, int]] = []
    for k, words in enumerate(token_lists):
        pieces = vocab.encode(words)
        for a, b in windows(pieces):
            if b > a:
                items.append(pieces[a:b])
                owner.append((k, a))
    out = [np.zeros((len(t), len(TAGS)), dtype=np.float32) for t in token_lists]
    sizes = [sum(len(p) for p in item) + 2 for item in items]
    order = sorted(range(len(items)), key=sizes.__getitem__)
    for chunk in greedy_batches(order, sizes, batch_pieces, padded=True):
        ids, mask, firsts = pad_rows(vocab, [items[c] for c in chunk])
        log_probs = run(ids, mask, firsts)
        rows = word_rows(firsts, pooled=pooled)
        for row, c in enumerate(chunk):
            k, a = owner[c]
            n = len(firsts[row])
            out[k][a : a + n] = log_probs[row, rows[row, :n]]
    return out


def decode(log_probs: np.ndarray, ok: np.ndarray | None = None) -> list[Span]:
    """Spans (first word, end word, label) of the best valid tag sequence."""
    path = viterbi(log_probs, allowed_transitions() if ok is None else ok)
    return bio_spans(TAGS[t] for t in path)


# -- the runtime tagger --------------------------------------------------------------------------
def _table_bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in TABLE_FILES}


def _digest(blobs: dict[str, bytes]) -> str:
    digest = hashlib.sha1()
    for name in TABLE_FILES:
        digest.update(blobs[name])
    return digest.hexdigest()


def table_digest(folder: str | Path) -> str:
    """SHA-1 of a folder's piece vocabulary and piece table (the files of ``TABLE_FILES``)."""
    return _digest(_table_bytes(Path(folder)))


def table_dir(folder: Path, meta: dict) -> Path:
    """Where a tagger folder's pieces and piece table lie: the folder itself, or the folder its
    ``"table"`` entry names (relative to it)."""
    return (folder / str(meta["table"])).resolve() if "table" in meta else folder


def _load_table(folder: Path, meta: dict) -> tuple[Path, dict[str, bytes]]:
    """The table folder and its files, read once; a borrowed table must still be the one the
    folder was made with."""
    where = table_dir(folder, meta)
    blobs = _table_bytes(where)
    if where != folder and _digest(blobs) != meta.get("table_sha1"):
        raise TaggerError(f"{folder}: the piece table it borrows from {where} has changed; "
                          "train its student again or copy the table it was made with")
    return where, blobs


def share_table(folder: str | Path, owner: str | Path) -> Path:
    """Let tagger ``folder`` borrow the piece table of tagger ``owner`` instead of a copy.

    The two tables must be identical (students of one teacher with the same piece selection).
    ``folder``'s own copies are deleted and its tagger.json names ``owner`` (as a path relative
    to ``folder``) with the table's SHA-1, which loading checks.
    """
    folder, owner = Path(folder), Path(owner)
    card = folder / TAGGER_FILE
    meta = json.loads(card.read_text(encoding="utf-8"))
    digest = table_digest(owner)
    if table_digest(folder) != digest:
        raise TaggerError(f"{folder}: its piece table differs from {owner}'s, so it cannot borrow it")
    for name in TABLE_FILES:
        (folder / name).unlink()
    meta["table"] = os.path.relpath(owner.resolve(), folder.resolve())
    meta["table_sha1"] = digest
    card.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    return folder


def encoder_session(model: str | Path | bytes, *, threads: int = 1):
    """An ONNX Runtime session for a tagger graph (a file or its bytes), as the ``ner`` stage runs
    it: on the CPU, ``threads`` threads, the fusions of :data:`DISABLED_FUSIONS` left off."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    source = model if isinstance(model, bytes) else str(model)
    return ort.InferenceSession(source, options, providers=["CPUExecutionProvider"], disabled_optimizers=list(DISABLED_FUSIONS))


class PieceTagger:
    """A compact transformer NER model saved by ``tagwerk train student``, run by ONNX Runtime.

    A folder whose tagger.json has a ``"cascade"`` entry (``tagwerk train cascade``) is the first
    stage of a cascade (:mod:`tagwerk.ner.cascade`): the sentences it doubts most, those whose
    :func:`~tagwerk.ner.cascade.expected_errors` exceed the entry's ``expected_errors``, are
    labelled again by the tagger the entry names (a larger one; a path relative to the folder),
    whose tags replace the first's there. ``cascade=False`` runs the first stage alone.
    """

    table_dir: Path
    table_sha1: str
    vocab: PieceVocab
    table: np.ndarray
    scale: np.ndarray

    def __init__(self, path: str | Path, *, threads: int = 1, cascade: bool = True,
                 table_from: PieceTagger | None = None) -> None:
        self.path = Path(path)
        try:
            self.meta = json.loads((self.path / TAGGER_FILE).read_text(encoding="utf-8"))
            where = table_dir(self.path, self.meta)
            if table_from is not None and where == table_from.table_dir and where != self.path \
                    and self.meta.get("table_sha1") == table_from.table_sha1:
                # the same borrowed table as a tagger already loaded: share its arrays
                self.table_dir, self.table_sha1 = where, table_from.table_sha1
                self.vocab, self.table, self.scale = table_from.vocab, table_from.table, table_from.scale
            else:
                self.table_dir, blobs = _load_table(self.path, self.meta)
                self.table_sha1 = _digest(blobs)
                self.vocab = PieceVocab.from_json(json.loads(blobs["pieces.json"].decode("utf-8")))
                with np.load(io.BytesIO(blobs["embeddings.npz"])) as table:
                    self.table, self.scale = table["q"], table["scale"].astype(np.float32)
        except (OSError, KeyError, ValueError) as exc:
            raise TaggerError(f"{self.path}: not a complete tagger folder ({exc})") from exc
        if list(self.meta.get("tags", [])) != list(TAGS):
            raise TaggerError(f"{self.path}: the tagger's tag set differs from this version's")
        if self.table.shape[0] != len(self.vocab):
            raise TaggerError(f"{self.path}: {self.table.shape[0]} embeddings for {len(self.vocab)} pieces")
        try:
            self.session = encoder_session(self.path / "encoder.onnx", threads=threads)
        except Exception as exc:  # onnxruntime raises its own exception types
            raise TaggerError(f"{self.path}: cannot load encoder.onnx ({exc})") from exc
        self.ok = allowed_transitions()
        self.pooled = bool(self.meta.get("pool_after"))
        self.pool = str(self.meta.get("pool", "first"))
        self.second: PieceTagger | None = None
        self.doubt = float("inf")
        spec = self.meta.get("cascade")
        if cascade and spec:
            second = (self.path / str(spec["tagger"])).resolve()
            if not is_tagger_dir(second):
                raise TaggerError(f"{self.path}: the second stage of its cascade, {second}, is not a tagger folder")
            self.second = PieceTagger(second, threads=threads, cascade=False, table_from=self)
            self.doubt = float(spec["expected_errors"])

    def embed(self, ids: np.ndarray) -> np.ndarray:
        """The graph's input for piece ids [B, T]: their rows of the int8 table, scaled [B, T, H]."""
        return self.table[ids].astype(np.float32) * self.scale[ids][..., None]

    def _run(self, ids: np.ndarray, mask: np.ndarray, firsts: list[list[int]]) -> np.ndarray:
        feed = {"emb": self.embed(ids), "mask": mask}
        if self.pooled:
            feed["pool"], feed["keep_mask"] = pool_index(mask, firsts, self.pool)
        return self.session.run(None, feed)[0]

    def own_log_probs(self, token_lists: Iterable[Sequence[str]], *, batch_pieces: int = BATCH_PIECES) -> list[np.ndarray]:
        """Each token list's word log-probabilities from this tagger's own graph (no cascade)."""
        return word_log_probs(self.vocab, [list(t) for t in token_lists], self._run, batch_pieces=batch_pieces,
                              pooled=self.pooled)

    def log_probs(self, token_lists: Iterable[Sequence[str]], *, batch_pieces: int = BATCH_PIECES) -> list[np.ndarray]:
        lists = [list(t) for t in token_lists]
        out = self.own_log_probs(lists, batch_pieces=batch_pieces)
        if self.second is not None:
            again = [i for i, lp in enumerate(out) if expected_errors(lp) > self.doubt]
            if again:
                for i, lp in zip(again, self.second.log_probs([lists[i] for i in again], batch_pieces=batch_pieces), strict=True):
                    out[i] = lp
        return out

    def predict(self, token_lists: Iterable[Sequence[str]], *, batch_pieces: int = BATCH_PIECES) -> list[list[Span]]:
        """Spans (first token, end token, label) of each token list."""
        return [decode(lp, self.ok) for lp in self.log_probs(token_lists, batch_pieces=batch_pieces)]
