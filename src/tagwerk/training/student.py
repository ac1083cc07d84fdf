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
which runs without PyTorch. :func:`train_student` does all of it (``tagwerk train student``).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tagwerk.errors import TagwerkError
from tagwerk.ner.tagger import PieceVocab
from tagwerk.training.train import TrainingError

if TYPE_CHECKING:
    from tagwerk.training.evaluate import Scores
    from tagwerk.training.gold import GoldSentence

Soft = list[tuple[Sequence[str], np.ndarray]]
"""Token lists, each with a teacher's tag probabilities per word [words, tags]."""

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


def load_targets(path: str | Path) -> Soft:
    with np.load(path, allow_pickle=True) as data:
        words, lengths, probs = list(data["words"]), data["lengths"], data["probs"].astype(np.float32)
    out: Soft = []
    a = 0
    for n in lengths:
        out.append((words[a : a + n], probs[a : a + n]))
        a += int(n)
    return out


INITS = ("teacher", "encoder")
"""Where a student starts: the teacher's first layers, or the plain encoder's."""


def _quiet(_message: str) -> None:
    pass


def train_student(teachers: Sequence[str | Path], train: Sequence[str | Path], out: str | Path, *,
                  silver: Sequence[str | Path] = (), targets: str | Path | None = None, dev: str | Path | None = None,
                  layers: int = 4, pool_after: int | None = None, pool: str = "first", heads: int | None = None,
                  ffn: int | None = None, seed: int = 0, epochs: int = 3, lr: float = 2e-4, threads: int = 2,
                  init: str = "teacher", augment: int = 0, members: int = 1, average_last: float = 0.0,
                  log: Callable[[str], None] = _quiet, report: Callable[[dict[str, Scores]], None] | None = None) -> Path:
    """Distil the teacher folders ``teachers`` into a compact tagger in folder ``out``.

    The student keeps the encoder's first ``layers`` layers (``heads`` attention heads and
    ``ffn`` feed-forward units each, the teacher's most important ones; after ``pool_after``
    layers one position per word, its first piece or with ``pool="mean"`` the mean of its
    pieces) and the pieces German text needs. It starts from the first teacher's layers
    (``init="teacher"``) or the plain encoder's (``"encoder"``) and learns the gold tags of the
    files ``train`` and the teachers' mean tag probabilities on the paragraphs of the JSON Lines
    files ``silver``, cached in ``targets`` (.npz: read if it exists, else written). ``augment``:
    copies of each gold sentence and silver paragraph with names swapped. ``members``: students
    from seeds ``seed``, ``seed + 1`` ..., exported as the mean of their weights;
    ``average_last``: each ends with the mean of its weights over that last fraction of its
    steps. With ``dev``, the exported tagger (and each member) is scored on that gold file
    (``report`` gets the scores, the tagger.json their micro F1). ``log`` gets the progress.
    Needs the ``teacher`` extra and ``onnx``; see docs/ner.md.
    """
    from tagwerk.ner.models import TAGGER_FILE, is_teacher_dir
    from tagwerk.ner.tagger import POOLS, PieceTagger
    from tagwerk.training.evaluate import dev_scores
    from tagwerk.training.extra import read_paragraphs
    from tagwerk.training.gold import read_gold
    from tagwerk.training.teacher import Teacher

    for t in teachers:
        if not is_teacher_dir(t):
            raise TrainingError(f"{t} is not a teacher folder (`tagwerk train teacher`)")
    if init not in INITS:
        raise TrainingError("--init must be 'teacher' or 'encoder'")
    if pool not in POOLS:
        raise TrainingError(f"--pool must be one of {', '.join(POOLS)}")
    out = Path(out)
    cache = Path(targets) if targets is not None else None
    sents = [s for f in train for s in read_gold(f)]
    base = Teacher.load(teachers[0])
    base.torch.set_num_threads(threads)

    @functools.cache
    def labeller():  # noqa: ANN202 - the other teachers are loaded only when there is text to label
        if len(teachers) == 1:
            return base
        from tagwerk.training.ensemble import MeanDistribution

        return MeanDistribution([base, *(Teacher.load(t) for t in teachers[1:])])

    soft: Soft = []
    key_of_teachers = teachers_key(teachers) if cache is not None else ""
    if cache is not None and cache.is_file():
        key = {"teachers": key_of_teachers, **({"text": files_key(silver)} if silver else {})}
        _check_cache(cache, key, log)
        soft = load_targets(cache)
    elif silver:
        paragraphs = [p for f in silver for p in read_paragraphs(f)]
        soft = teacher_targets(labeller(), token_lists(paragraphs))
        if cache is not None:
            save_targets(cache, soft, key={"teachers": key_of_teachers, "text": files_key(silver)})
    n_gold, n_silver = len(sents), len(soft)
    if augment:
        sents, soft = _augmented(labeller, sents, soft, augment, seed, cache, key_of_teachers, log)
    log(f"{len(sents)} gold sentences, {len(soft)} silver paragraphs ({sum(len(w) for w, _ in soft)} words)")
    keep = select_pieces(base.file.vocab, vocabulary_words([s.tokens for s in sents] + [w for w, _ in soft]))
    encoder = base.file

    def new_student(k: int) -> Teacher:
        return Teacher(encoder, seed=seed + k, threads=threads, layers=layers, keep=keep, pool_after=pool_after,
                       pool=pool, heads=heads, ffn=ffn)

    student = new_student(0)
    if init == "teacher":
        student.init_from(base, [s.tokens for s in sents[:n_gold]])
    elif student.heads < base.heads or student.ffn < base.ffn:
        raise TrainingError("--heads and --ffn choose among the teacher's heads and units: they need --init teacher")
    start = {n: p.detach().clone() for n, p in student.model.state_dict().items()} if members > 1 else None
    labeller.cache_clear()
    base = None  # type: ignore[assignment]  # free the teachers before the student trains
    dev_sents = read_gold(dev) if dev is not None else []
    trained, member_dev = [], []
    for k in range(members):
        if k:
            student = new_student(k)
            student.model.load_state_dict(start)
        if members > 1:
            log(f"member {k + 1} of {members} (seed {seed + k})")
        student.fit(sents, soft=soft, epochs=epochs, lr=lr, average_last=average_last, log=log)
        if dev is not None and members > 1:  # each member in PyTorch, before the soup
            member_dev.append({"seed": seed + k, **dev_scores(student.predict, dev_sents, Path(dev), report=report)})
        trained.append(student)
    if members > 1:
        average_weights(trained)
        student = trained[0]
    del trained
    info: dict = {"train": [Path(f).name for f in train], "train_sentences": n_gold, "epochs": epochs, "lr": lr,
                  "silver": [Path(f).name for f in silver], "silver_paragraphs": n_silver,
                  "teacher": str(teachers[0]) if len(teachers) == 1 else [str(t) for t in teachers], "init": init}
    if augment:
        info["augment"] = {"copies": augment, "gold_sentences": len(sents) - n_gold, "silver_paragraphs": len(soft) - n_silver}
    if average_last:
        info["average_last"] = average_last
    if members > 1:
        info["members"] = {"seeds": list(range(seed, seed + members)), **({"dev": member_dev} if member_dev else {})}
    student.export(out, info)
    if dev is not None:  # the exported int8 tagger is what is scored
        card = out / TAGGER_FILE
        meta = json.loads(card.read_text(encoding="utf-8"))
        meta["dev"] = dev_scores(PieceTagger(out).predict, dev_sents, Path(dev), report=report)
        card.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    return out


def _check_cache(path: Path, key: dict[str, str], log: Callable[[str], None]) -> None:
    """Refuse a cache of teacher labels made from other teachers or text (StaleTargetsError);
    warn that one from before keys were kept cannot be checked."""
    if not check_key(path, key):
        log(f"warning: {path} carries no key of the teachers and text it was made from; it is used as it is")


def _augmented(labeller: Callable, sents: list[GoldSentence], soft: Soft, copies: int, seed: int, targets: Path | None,
               key_of_teachers: str, log: Callable[[str], None]) -> tuple[list[GoldSentence], Soft]:
    """Gold and silver plus their copies with names swapped; ``labeller()`` (the teacher, or the
    teachers' mean) labels the silver copies (cached beside ``targets`` as
    ``<stem>-augment<N>-seed<S>.npz``, keyed by the teachers, the silver words and the names
    pool, which the gold sentences add to; a stale one is made again)."""
    from tagwerk.training import augment as aug

    pool = aug.name_pool(sents, soft)
    log("name pool: " + ", ".join(f"{k} {len(v)}" for k, v in pool.items()))
    gold = aug.augment_gold(sents, pool, copies, seed=seed)
    cache = targets.with_name(f"{targets.stem}-augment{copies}-seed{seed}.npz") if targets is not None else None
    key = {"teachers": key_of_teachers, "text": words_key((w for w, _ in soft), pool)} if cache is not None else {}
    extra: Soft | None = None
    if cache is not None and cache.is_file():
        try:
            _check_cache(cache, key, log)
            extra = load_targets(cache)
        except StaleTargetsError:
            # this cache's name follows from --targets, so it is made again rather than refused
            log(f"{cache} was made from other teachers, silver text or names; labelling the copies again")
    if extra is None:
        extra = teacher_targets(labeller(), aug.augment_silver(soft, pool, copies, seed=seed))
        if cache is not None:
            save_targets(cache, extra, key=key)
    return sents + gold, list(soft) + extra
