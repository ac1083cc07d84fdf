"""Extra training data beyond GermEval: mapped SmartData mentions, and paragraphs of text for silver data.

SmartData (DFKI, CC BY 4.0) marks persons, organisations and fine location types in
German news and tweets, in character offsets. Mapped to GermEval labels:
person -> PER, organization(-company) -> ORG, location(-city) -> LOC. Street, stop and
route names are left *missing* (GermEval would often mark them, SmartData's borders
differ); nominal mentions (a frequent lower-cased word such as ``Gruppe``) are dropped,
since GermEval marks only names.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

SMARTDATA_MAP = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
}
SMARTDATA_MISSING = frozenset({"location-street", "location-stop", "location-route"})
NOMINAL_ZIPF = 4.8
"""A one-word mention whose lower-cased form is this frequent (wordfreq Zipf) is taken for a
common noun (``gruppe`` 5.3, ``polizei`` 5.4 vs ``siemens`` 4.1, ``telekom`` 4.4); chosen by
looking at SmartData train mentions."""


def _trim(span):  # noqa: ANN001, ANN202
    """The span without leading/trailing space or punctuation tokens (spaCy cannot learn those), or None."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e and (doc[s].is_space or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].is_space or doc[e - 1].is_punct):
        e -= 1
    if s == e or any(t.is_space for t in doc[s:e]):
        return None
    from spacy.tokens import Span

    return Span(doc, s, e, label=span.label_)


def smartdata_docs(path: str | Path, nlp) -> Iterator:  # noqa: ANN001 - spaCy Language -> Doc
    """spaCy Docs (tokenised by ``nlp``) with SmartData's mentions mapped to GermEval labels."""
    from wordfreq import zipf_frequency

    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            doc = nlp.make_doc(rec["text"])
            ents, missing = [], []
            for m in rec.get("mentions", []):
                label = SMARTDATA_MAP.get(m["type"])
                if label is None and m["type"] not in SMARTDATA_MISSING:
                    continue
                span = doc.char_span(m["start"], m["end"], label=label or "", alignment_mode="expand")
                span = _trim(span)
                if span is None:
                    continue
                if label is None:
                    missing.append(span)
                    continue
                text = span.text
                if " " not in text and (not text[:1].isupper() or zipf_frequency(text.lower(), "de") >= NOMINAL_ZIPF):
                    missing.append(span)
                    continue
                ents.append(span)
            from spacy.util import filter_spans

            ents = filter_spans(ents)
            taken = {i for e in ents for i in range(e.start, e.end)}
            missing = [s for s in filter_spans(missing) if not any(i in taken for i in range(s.start, s.end))]
            doc.set_ents(ents, missing=missing)
            yield doc


MIN_PARAGRAPH = 40
"""Paragraphs shorter than this (characters) are skipped as silver data: mostly headings and dates."""


def read_paragraphs(path: str | Path) -> list[str]:
    """Paragraphs (lines) of the ``text`` field of a JSON Lines file, for self-training."""
    out: list[str] = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.extend(p for p in json.loads(line)["text"].split("\n") if len(p) > MIN_PARAGRAPH)
    return out
