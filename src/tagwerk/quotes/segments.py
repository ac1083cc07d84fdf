"""Quoted segments: the stretches between quotation marks, and whether one is a quote.

A segment is a character range (marks included) inside one block. Whether it is the speaker's
words or a title, name or term depends on its length, its words and whether a frame attributes
it (``segment_is_quote``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tagwerk.analysis import Span, Token
from tagwerk.lang.de import speech as L
from tagwerk.quotes.tokens import QUOTE_CHARS, Range, TokenView

if TYPE_CHECKING:
    from tagwerk.quotes.speakers import Resolver

# Quoted stretches shorter than this (in words) without a frame are titles or scare quotes,
# not quotes. Chosen on quotes-wikinews train: 5 words kept most framed-less Direct quotes
# while dropping most titles.
MIN_FREE_DIRECT_WORDS = 5
# Quoted stretches with foreign function words are names or titles unless they are framed
# and at least this long (quotes-wikinews train: framed English sentences are quotes).
FOREIGN_QUOTE_WORDS = 6
# Whether unframed short lowercase stretches need speech or Konjunktiv in their sentence.
# Off: on quotes-wikinews train it raises Direct precision 0.877 -> 0.902 but lowers
# recall 0.901 -> 0.873 (F1 0.889 -> 0.887); scare quotes are mostly the speaker's words.
UNFRAMED_NEEDS_CONTEXT = False


# -- quotation marks -------------------------------------------------------------------


def quoted_segments(text: str, blocks: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges (marks included) of top-level quoted stretches, each inside a block.

    Handles „…“ „…” »…« «…» “…” "…" ‚…‘ '…' and nested single marks inside double ones.
    An unclosed quote runs to the end of its block.
    """
    out: list[tuple[int, int]] = []
    for b_start, b_end in blocks:
        i = b_start
        while i < b_end:
            m = _MAYBE_OPENER.search(text, i, b_end)  # skip to the next mark that may open a quote
            if m is None:
                break
            i = m.start()
            ch = text[i]
            closers = _opener(text, i, b_start)
            if closers is None:
                i += 1
                continue
            j = _find_close(text, i + 1, b_end, ch, closers)
            if j is None:
                out.append((i, b_end))
                break
            out.append((i, j + 1))
            i = j + 1
    return out


_MAYBE_OPENER = re.compile("[„»«“\"‚›']")
"""Every character ``_opener`` may accept."""



def quoted_flags(tokens: Sequence[Token], segs: Sequence[tuple[int, int]]) -> list[bool]:
    """Per token: does it lie inside one of the quoted segments ``segs`` (sorted)?"""
    out = []
    si = 0
    for t in tokens:
        while si < len(segs) and segs[si][1] <= t.start:
            si += 1
        out.append(si < len(segs) and segs[si][0] <= t.start and t.end <= segs[si][1])
    return out

def _opener(text: str, i: int, lo: int) -> str | None:
    """The closing marks of the quote that the mark at i opens, or None if it opens none."""
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch == "„":
        return "“”\""
    if ch == "»":
        return "«"
    if ch == "«":
        return "»"
    if ch == "“":
        return "”" if not prev.isalnum() else None
    if ch == '"':
        return '"“' if (not prev.isalnum() and not nxt.isspace()) else None
    if ch == "‚":
        return "‘’'"
    if ch == "›":
        return "‹"
    if ch == "'":
        return "'’" if (prev.isspace() or prev in "([") and nxt.isalnum() else None
    return None


def _find_close(text: str, i: int, hi: int, opener: str, closers: str) -> int | None:
    """The offset of the first closing mark in [i, hi), skipping apostrophes inside words."""
    while i < hi:
        ch = text[i]
        if ch in closers:
            if opener in "'‚":
                nxt = text[i + 1] if i + 1 < len(text) else " "
                if nxt.isalnum():  # an apostrophe inside a word
                    i += 1
                    continue
            return i
        i += 1
    return None


def seg_span(text: str, seg: tuple[int, int]) -> Span:
    """A segment as a Span, without trailing white space."""
    a, b = seg
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(a, b, text[a:b])


# -- which segments are quotes ---------------------------------------------------------


def segment_covers(doc: TokenView, lo: int, hi: int) -> int | None:
    """The segment index when the sentence is (nearly) all one quote."""
    words = [k for k in range(lo, hi) if doc.is_word(k)]
    if not words:
        return None
    segs = {doc.seg_of[k] for k in words}
    if len(segs) == 1 and -1 not in segs:
        return next(iter(segs))
    return None


def segment_is_quote(
    doc: TokenView,
    s: int,
    *,
    framed: bool,
    speaker: Range | None = None,
    whole: int | None = None,
    names: Resolver | None = None,
) -> bool:
    """Is segment s the speaker's words (not a title, name or term)?

    ``framed``: a frame attributes it; ``speaker``: that frame's speaker (a segment inside it
    is a name); ``whole``: the segment that fills its sentence, if any.
    """
    toks = doc.seg_tokens.get(s, [])
    words = [k for k in toks if doc.is_word(k)]
    if not words:
        return False
    first = toks[0]
    if first > 0 and doc.tokens[first - 1].text in L.TITLE_NOUNS:
        return False
    if speaker and speaker[0] <= first < speaker[1]:
        return False
    # foreign names and titles: „Department of Vertebrate Zoology“, „Championnat du Monde“
    foreign = any(doc.low[k] in L.FOREIGN_FUNCTION_WORDS for k in words)
    if foreign and doc.is_cap(words[0]) and whole != s and (len(words) < FOREIGN_QUOTE_WORDS or not framed):
        return False
    if len(words) < MIN_FREE_DIRECT_WORDS and whole != s:
        return _short_is_quote(doc, toks, words, framed, names)
    if framed:
        return True
    if whole == s:
        return True
    # titles and names: every word capitalised
    lower = [k for k in words if doc.tokens[k].text[:1].islower() and doc.low[k] not in L.FUNCTION_WORDS]
    return len(lower) >= 2


def _short_is_quote(doc: TokenView, toks: list[int], words: list[int], framed: bool, names: Resolver | None) -> bool:
    """Is a quoted stretch of one to four words the speaker's words (not a name, title or term)?

    Tuned on quotes-wikinews train: single capitalised words count only as a label the
    speaker gave (``nannte den Plan einen „Wortbruch“``, ``als „Unverschämtheit“``); single
    lowercase words and unframed short stretches need speech or Konjunktiv in the sentence;
    a capitalised unframed stretch needs a pronoun, a verb form or final punctuation.
    """
    first = toks[0]
    prev = first - 1
    while prev >= 0 and not doc.is_word(prev) and doc.tokens[prev].text in QUOTE_CHARS:
        prev -= 1
    prev_low = doc.low[prev] if prev >= 0 else ""
    if prev_low.startswith(L.SO_CALLED) or (prev_low.startswith("genannt") and prev > 0 and doc.low[prev - 1] == "so"):
        return False  # ``die so genannte „Roadmap“``: a term
    if any(doc.low[k] in L.FOREIGN_SHORT_WORDS for k in words):
        return False
    lower = [k for k in words if doc.tokens[k].text[:1].islower() and doc.low[k] not in L.FUNCTION_WORDS]
    cap_first = doc.is_cap(words[0])
    name = names is not None and names.ran and names.overlaps(doc.tokens[toks[0]].start, doc.tokens[toks[-1]].end)
    if len(words) == 1:
        if not cap_first:
            return framed or doc.speech_context(first)
        return framed and prev_low in L.LABEL_BEFORE and not name
    if framed:
        if lower:
            return True
        if names is not None and names.ran and len(words) <= 3:
            return not name
        return False
    if not cap_first:
        return bool(lower) and (not UNFRAMED_NEEDS_CONTEXT or doc.speech_context(first))
    # an unframed capitalised stretch: a name or title unless it reads as a clause
    last = toks[-1]
    inner_end = any(doc.tokens[k].text in ("!", "?", ".") for k in toks[1:])
    return inner_end or any(doc.low[k] in L.CLAUSE_WORDS for k in words) and last > first
