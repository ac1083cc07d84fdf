"""Sentences, tokens and lemmas.

Tokens come from spaCy's German tokenizer (with tagwerk's news abbreviations); sentences
from a small rule set that respects blocks (no sentence crosses a paragraph) and closing
quotes; lemmas from simplemma, cached per word form.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from spacy.attrs import SENT_START

from tagwerk.analysis import Sentence, Token
from tagwerk.article import CONTENT_KINDS
from tagwerk.lang.de import lemmas
from tagwerk.lang.de.abbreviations import CLOSING, SENTENCE_FINAL
from tagwerk.ner.nlp import allow_length, shared_pipeline, warm_tokenizer
from tagwerk.pipeline import AnalyzerConfig, Stage, Work, register_stage

VERSION = "1.0.0"


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """simplemma's German lemma; capitalised words keep their capital (nouns, names)."""
    if not word[:1].isalpha():
        return word
    lem = lemmas.lemmatize(word)
    if word[:1].isupper() and lem[:1].islower() and not word.isupper():
        # simplemma lowercases some nouns it only knows as adjective or verb forms
        return lem[:1].upper() + lem[1:]
    return lem


def _starts_sentence(text: str) -> bool:
    c = text[:1]
    return c.isupper() or c.isdigit() or c in "„“\"»«‚'(-–"


def _is_year_with_period(text: str) -> bool:
    """``1960.`` is one token for spaCy (an ordinal shape); a four-digit year with a period
    ends the sentence (``im Jahr 1960. Danach ...``), day and century ordinals do not."""
    return len(text) == 5 and text.endswith(".") and text[:4].isdigit() and 1000 <= int(text[:4]) <= 2199


def split_sentences(doc, blocks) -> list[tuple[int, int, int]]:  # noqa: ANN001 - spaCy Doc, Blocks
    """(first token, end token, block index) of each sentence, for tokens of content blocks."""
    out: list[tuple[int, int, int]] = []
    bi = 0
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if tok.is_space:
            i += 1
            continue
        while bi < len(blocks) and tok.idx >= blocks[bi].end:
            bi += 1
        if bi >= len(blocks):
            break
        block = blocks[bi]
        if tok.idx < block.start or block.kind not in CONTENT_KINDS:
            i += 1
            continue
        start = i
        j = i
        while j < n:
            t = doc[j]
            if t.idx >= block.end or t.is_space:
                break
            if t.text in SENTENCE_FINAL or _is_year_with_period(t.text):
                k = j + 1
                # Closing quotes and brackets stay with the sentence; a straight quote only when
                # it is glued to the punctuation (`Ende." Neu` vs `Ende. "Neu`).
                while k < n and doc[k].text in CLOSING and doc[k].idx < block.end and not doc[k - 1].whitespace_:
                    k += 1
                if k >= n or doc[k].is_space or doc[k].idx >= block.end or _starts_sentence(doc[k].text):
                    j = k
                    break
            j += 1
        end = j
        while end > start and doc[end - 1].is_space:
            end -= 1
        if end > start:
            out.append((start, end, bi))
        i = max(j, start + 1)
    return out


@register_stage(
    "tokens",
    version=VERSION,
    requires=("article",),
    assigns=("doc", "sentences", "tokens"),
    description="sentences, tokens and lemmas (spaCy German tokenizer, simplemma)",
)
class Tokens(Stage):
    def __init__(self, config: AnalyzerConfig) -> None:
        # the ner stage labels this stage's Doc: the same pipeline (``shared_pipeline``)
        self.nlp = allow_length(shared_pipeline(config.ner_model, config.stages), config.max_chars)
        self.memory_zone = self.nlp.memory_zone  # see Analyzer

    def warm(self) -> None:
        """Cache the tokenizer's commonest words (outside a memory zone; see ``warm_tokenizer``)."""
        warm_tokenizer(self.nlp)

    def __call__(self, work: Work) -> None:
        analysis = work.analysis
        text = analysis.article.text
        doc = self.nlp.make_doc(text)
        blocks = analysis.article.blocks
        sents = split_sentences(doc, blocks)
        starts = set()
        for si, (a, b, bi) in enumerate(sents):
            first, last = doc[a], doc[b - 1]
            s_start, s_end = first.idx, last.idx + len(last)
            analysis.sentences.append(Sentence(s_start, s_end, text[s_start:s_end], bi))
            starts.add(a)
            for t in doc[a:b]:
                analysis.tokens.append(Token(t.idx, t.idx + len(t), t.text, lemma(t.text), si))
        if len(doc):
            # one array for the whole Doc: setting is_sent_start token by token re-checks the
            # Doc's annotation each time (5 % of the tokens + ner stages)
            flags = np.full((len(doc), 1), -1, dtype=np.int64)
            flags[[0, *starts], 0] = 1
            doc.from_array([SENT_START], flags.view(np.uint64))  # type: ignore[arg-type]  # thinc's Ints2d is a uint64 array
        work.doc = doc
