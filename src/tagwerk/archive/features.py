"""What the archive keeps of an analysed article: :class:`ArticleFeatures`.

Computed once per article from its Analysis, small enough to hold for every article within the
windows (a few kilobytes), and all that the near-duplicate and story indexes read:

* the MinHash signature of its word 3-shingles (datasketch), over the content sentences (the
  credit line left out: the same agency copy carries each outlet's own credit);
* a TF-IDF vector of its lemmas, the headline's counted twice; the IDF is a word's rarity in
  German at large (wordfreq's Zipf frequency), so it needs no corpus statistics and an article's
  vector never changes as the archive grows;
* its entities (KB id, else tagwerk's stable local id) weighted by salience, and its keyphrases;
* its agency identity (NewsML-G2 / digitalwires ``urn`` or ``guid`` and ``version``), URL and outlet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from tagwerk.analysis import Analysis
from tagwerk.lang.de.stopwords import FUNCTION_WORDS, GENERIC_NOUNS

# MinHash: 128 permutations estimate a Jaccard similarity within about ±0.04 (one standard
# deviation at J = 0.5), enough to tell a copy (containment >= 0.8) from an article of the same
# story (<= 0.3 on the background corpus). 3-word shingles: one edited word breaks only three.
NUM_PERM = 128
SHINGLE = 3
MINHASH_SEED = 1

MAX_TERMS = 40
"""Terms kept per article vector (its highest TF-IDF weights): enough to compare texts, small to hold."""
MAX_ENTITIES = 12
MAX_KEYPHRASES = 8
HEADLINE_WEIGHT = 2.0
MISC_WEIGHT = 0.5
"""Works, events and other MISC names say less about a story than the persons, places and organisations."""
MIN_SALIENCE = 0.05

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class ArticleFeatures:
    id: str
    time: float | None
    """Seconds since the epoch (UTC) of the article's date; None when it has none."""
    terms: dict[str, float] = field(default_factory=dict)
    """TF-IDF weights of its lemmas, unit length."""
    entities: dict[str, float] = field(default_factory=dict)
    """Entity key (KB id or local id) -> weight, unit length."""
    names: dict[str, str] = field(default_factory=dict)
    """Entity key -> its name (for story labels)."""
    keyphrases: dict[str, float] = field(default_factory=dict)
    signature: np.ndarray | None = None
    """MinHash values of its shingles (None for a text too short to shingle)."""
    shingles: int = 0
    digest: str = ""
    """Hash of its normalised words: the same text under another id."""
    urn: str | None = None
    version: int | None = None
    url: str | None = None
    outlet: str | None = None
    date: str | None = None


# -- dates -----------------------------------------------------------------------------------------


def parse_time(value: str | None) -> float | None:
    """Epoch seconds of an ISO date or date-time (a date alone is midnight UTC; a time without
    zone is taken as UTC); None when there is none or it cannot be read."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        if not m:
            return None
        try:
            when = dt.datetime(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    try:
        return when.timestamp()
    except (OverflowError, OSError, ValueError):
        return None


# -- agency identity -------------------------------------------------------------------------------

_URN_ATTRS = ("urn", "guid", "item_id", "agency_id")
_VERSION_ATTRS = ("version", "item_version", "agency_version")
_HOLDERS = ("agency", "wire", "item", "newsitem")


def _first(obj: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value not in (None, ""):
            return value
    return None


def agency_identity(article: Any) -> tuple[str | None, int | None]:
    """The agency item id (NewsML-G2 ``guid``, digitalwires ``urn``) and version of an article,
    read defensively: typed fields of the Article (``urn``, ``guid``, ``version``, or a record
    under ``agency``/``wire``/``item``) where a reader sets them, else its ``metadata``; for a
    wire item (``Article.wire``, set by the NewsML-G2, digitalwires and IPTC 7901 readers) the
    item id is the article's ``id``."""
    urn = _first(article, _URN_ATTRS)
    version = _first(article, _VERSION_ATTRS)
    for holder in _HOLDERS:
        sub = getattr(article, holder, None)
        if sub is not None and not isinstance(sub, str | int | float):
            urn = urn or _first(sub, _URN_ATTRS)
            version = version if version is not None else _first(sub, _VERSION_ATTRS)
    meta = getattr(article, "metadata", None) or {}
    if isinstance(meta, dict):
        urn = urn or _first(meta, _URN_ATTRS)
        version = version if version is not None else _first(meta, _VERSION_ATTRS)
    if not urn and getattr(article, "wire", None) is not None:
        urn = getattr(article, "id", None)  # a wire item's id is the agency's (NewsML-G2 guid, digitalwires urn)
    try:
        number = int(version) if version is not None else None
    except (TypeError, ValueError):
        number = None
    return (str(urn) if urn else None), number


# -- text ------------------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def idf(word: str) -> float:
    """A word's weight by its rarity in German: 8 minus its Zipf frequency (``und`` 7.6 -> 0.4,
    ``Nordkorea`` 3.9 -> 4.1, an unknown name -> 8)."""
    from wordfreq import zipf_frequency

    return max(0.2, 8.0 - zipf_frequency(word, "de"))


def _unit(weights: dict[str, float], keep: int) -> dict[str, float]:
    """The ``keep`` highest weights (ties by key), scaled to unit length."""
    top = sorted(sorted(weights), key=weights.__getitem__, reverse=True)[:keep]
    norm = math.sqrt(sum(weights[k] ** 2 for k in top))
    if norm == 0:
        return {}
    return {k: weights[k] / norm for k in top}


def content_sentences(analysis: Analysis) -> list[str]:
    """The texts of the sentences outside credit blocks (the article's own words)."""
    blocks = analysis.article.blocks
    out = []
    for s in analysis.sentences:
        if 0 <= s.block < len(blocks) and blocks[s.block].kind == "credit":
            continue
        out.append(s.text)
    if not out and not analysis.sentences:
        out = [b.text for b in analysis.article.content_blocks] or [analysis.article.text]
    return out


@lru_cache(maxsize=500_000)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode())


def _word_hashes(sentences: list[str]) -> np.ndarray:
    words = [w.lower() for s in sentences for w in _WORD.findall(s)]
    return np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))


def _shingles(h: np.ndarray) -> np.ndarray:
    if len(h) == 0:
        return h.astype(np.uint32)
    if len(h) < SHINGLE:
        return np.unique((h.sum() * _K1) & _MASK).astype(np.uint32)
    mixed = (h[:-2] * _K1 + h[1:-1] * _K2 + h[2:]) & _MASK
    return np.unique(mixed).astype(np.uint32)


_K1, _K2, _MASK = np.uint64(0x9E3779B1), np.uint64(0x85EBCA77), np.uint64(0xFFFFFFFF)

FINGERPRINT = f"crc32-{SHINGLE}shingle-affine32-{NUM_PERM}-seed{MINHASH_SEED}"
"""How the signatures are made; stored signatures compare only with signatures made alike."""


@lru_cache(maxsize=1)
def _template():  # noqa: ANN202 - datasketch.MinHash
    from datasketch import MinHash

    # the shingles are hashed already (32-bit): datasketch mixes and permutes the values
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=int)


def signature_of(hashes: np.ndarray) -> np.ndarray | None:
    """The MinHash signature (datasketch, affine32 scheme) of a set of 32-bit shingle hashes."""
    if len(hashes) == 0:
        return None
    m = _template().copy()
    m.update_batch(hashes.tolist())
    return np.asarray(m.hashvalues).copy()


def _scan(analysis: Analysis) -> tuple[np.ndarray, dict[str, float]]:
    """One pass over the tokens outside credit blocks: the hashes of the words (for the shingles)
    and the TF-IDF vector of the lemmas (the headline's counted twice)."""
    blocks = analysis.article.blocks
    kinds = [blocks[s.block].kind if 0 <= s.block < len(blocks) else "paragraph" for s in analysis.sentences]
    weight = [0.0 if k == "credit" else HEADLINE_WEIGHT if k == "headline" else 1.0 for k in kinds]
    n = len(weight)
    hashes: list[int] = []
    counts: dict[str, float] = {}
    token, add, get = _token, hashes.append, counts.get  # a hot loop: names bound once
    for tok in analysis.tokens:
        w = weight[tok.sentence] if tok.sentence < n else 1.0
        if not w:
            continue
        h, key = token(tok.text, tok.lemma)
        if h is not None:
            add(h)
        if key is not None:
            counts[key] = get(key, 0.0) + w
    if not analysis.tokens:  # an analysis without the tokens stage: the words of the text
        return _word_hashes(content_sentences(analysis)), {}
    weights = _unit({w: (1.0 + math.log(c)) * idf(w) for w, c in counts.items()}, MAX_TERMS)
    return np.fromiter(hashes, dtype=np.uint64, count=len(hashes)), weights


@lru_cache(maxsize=500_000)
def _token(text: str, lemma: str) -> tuple[int | None, str | None]:
    """(hash of the lowercased word or None for punctuation, vector key of the lemma or None)."""
    h = zlib.crc32(text.lower().encode()) if text[:1].isalnum() else None
    return h, _term(lemma or text)


def _term(word: str) -> str | None:
    """The vector key of a lemma, or None for a short word, a number or a stop word."""
    if len(word) < 3 or not word.replace("-", "").isalpha():
        return None
    low = word.lower()
    return None if low in FUNCTION_WORDS or low in GENERIC_NOUNS else low


def features_of(analysis: Analysis, *, article_id: str | None = None) -> ArticleFeatures:
    """The features of an analysed article (tokens, entities and keyphrases where present)."""
    art = analysis.article
    words, terms = _scan(analysis)
    items = _shingles(words)
    ents: dict[str, float] = {}
    names: dict[str, str] = {}
    for e in analysis.entities:
        if not e.mentions or all(m.source == "credit" for m in e.mentions):
            continue
        key = e.kb_id or e.id
        # salience times the rarity of the name: ``Deutschland`` or ``USA`` ties fewer articles
        # into one story than ``Bad Reichenhall`` or ``Shenzhou 6``
        weight = max(e.salience, MIN_SALIENCE) * idf(e.name) * (MISC_WEIGHT if e.type == "MISC" else 1.0)
        if weight > ents.get(key, 0.0):
            ents[key] = weight
            names[key] = e.name
    entities = _unit(ents, MAX_ENTITIES)
    urn, version = agency_identity(art)
    return ArticleFeatures(
        id=article_id or art.id or art.source or "",
        time=parse_time(art.date),
        terms=terms,
        entities=entities,
        names={k: names[k] for k in entities},
        keyphrases=_unit({k.text.lower(): max(k.score, 0.0) for k in analysis.keyphrases}, MAX_KEYPHRASES),
        signature=signature_of(items),
        shingles=len(items),
        digest=hashlib.blake2b(words.tobytes(), digest_size=12).hexdigest(),
        urn=urn,
        version=version,
        url=art.url,
        outlet=art.credit.outlet if art.credit else None,
        date=art.date,
    )
