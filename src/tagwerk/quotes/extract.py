"""``find_quotes``: direct, indirect, reported and free indirect speech of one article.

The unit of work is one sentence of tokens (``analysis.tokens``). The frames of each sentence
(``tagwerk.quotes.frames``) give Indirect and Reported quotes and the speaker of the quoted
segments they frame (``tagwerk.quotes.segments``); quoted segments without a frame are Direct
quotes when their length says so. Sentences in Konjunktiv I after a quote continue it
(IndirectFreeIndirect); ``soll``-sentences after one are FreeIndirect. Speakers are linked to
entities by ``tagwerk.quotes.speakers``.
"""

from __future__ import annotations

from collections.abc import Sequence

from tagwerk.analysis import Entity, Mention, Quote, Sentence, Span, Token
from tagwerk.lang.de import speech as L
from tagwerk.quotes.frames import Frame, frames_in_sentence
from tagwerk.quotes.phrases import own_source
from tagwerk.quotes.segments import quoted_segments, seg_span, segment_covers, segment_is_quote
from tagwerk.quotes.speakers import Government, Resolver, Speaker
from tagwerk.quotes.tokens import Range, TokenView

__all__ = ["find_quotes", "quoted_segments"]

# How many sentences after a quote a Konjunktiv-I sentence still continues it
# (quotes-wikinews train: continuations rarely skip more than one sentence).
CONTINUATION_GAP = 1
# A frame's content with at least this share of quoted tokens gives Direct quotes only, no
# Indirect quote besides them.
QUOTED_SHARE = 0.8
# Frame kinds whose speaker also speaks quoted words elsewhere in the frame's own clause
# (``X nannte den Plan „fahrlässig“, ...``).
CLAUSE_FRAME_KINDS = ("initial", "colon", "reported", "verbonly", "inverted")


def find_quotes(
    text: str,
    sentences: Sequence[Sentence],
    tokens: Sequence[Token],
    mentions: Sequence[Mention] = (),
    entities: Sequence[Entity] = (),
    blocks: Sequence[tuple[int, int]] | None = None,
    *,
    exclude: Sequence[tuple[int, int]] = (),
    coref: bool = False,
    government: Government | None = None,
) -> list[Quote]:
    """All quotes of an article, in text order.

    ``exclude``: character ranges that are never part of a quote nor a speaker (the dateline,
    credit parts); ``coref``: the coref stage ran (pronoun and description speakers take its
    entities); ``government``: the country whose government a place names (speakers)."""
    if blocks is None:
        blocks = _blocks_from_sentences(sentences)
    segments = quoted_segments(text, blocks)
    doc = TokenView(text, tokens, segments)
    kept = [m for m in mentions if not any(a <= m.start < b for a, b in exclude)]
    doc.set_names(kept)
    ranges = [_without(tokens, lo, hi, exclude) for lo, hi in _sentence_ranges(sentences, tokens)]
    all_frames = [frames_in_sentence(doc, lo, hi) if hi > lo else [] for lo, hi in ranges]
    res = Resolver(doc, kept, entities, coref=coref, government=government)
    finder = _QuoteFinder(doc, sentences, segments, res, _segment_frames(doc, all_frames))
    for si, (lo, hi) in enumerate(ranges):
        if hi <= lo:
            continue
        if all_frames[si]:
            finder.framed_sentence(si, lo, hi, all_frames[si])
        else:
            finder.unframed_sentence(si, lo, hi)
    quotes = finder.quotes
    quotes.sort(key=lambda q: (q.spans[0].start, -q.spans[-1].end))
    anchor_speakers(quotes, entities, sentences, exclude)
    return one_quote_per_stretch(quotes)


def anchor_speakers(
    quotes: list[Quote], entities: Sequence[Entity], sentences: Sequence[Sentence], exclude: Sequence[tuple[int, int]] = ()
) -> None:
    """A quote whose speaker was named sentences before it (a free direct quote, a
    continuation) takes as its speaker words the last name or reference of the same entity
    before the quote: ``Tauss``, ``er``, ``der Bundespräsident`` rather than the full name
    three paragraphs up. What refers inside quoted words does not count."""
    chains: dict[str, list[tuple[int, int, str]]] = {}
    for e in entities:
        chain = [(m.start, m.end, m.text) for m in e.mentions if not m.derived and not m.part]
        chain += [(r.start, r.end, r.text) for r in e.references if r.kind != "possessive" and r.text.lower() not in ("ihn", "ihm")]
        chains[e.id] = sorted(chain)
    inside = sorted((sp.start, sp.end) for q in quotes for sp in q.spans)
    for q in quotes:
        spk = q.speaker
        if spk is None or q.speaker_entity is None or q.speaker_entity not in chains or q.speaker_type == "ORG" and q.speaker_role:
            continue
        start = q.spans[0].start
        if spk.end > start or q.sentence >= len(sentences) or spk.start >= sentences[q.sentence].start:
            continue  # the speaker stands in the quote's own sentence: its frame
        best = None
        for a, b, text in chains[q.speaker_entity]:
            if a >= start:
                break
            if a >= spk.end and not any(x <= a < y for x, y in inside) and not any(x <= a < y for x, y in exclude):
                best = (a, b, text)
        if best is not None:
            q.speaker = Span(*best)


def _without(tokens: Sequence[Token], lo: int, hi: int, exclude: Sequence[tuple[int, int]]) -> Range:
    """The token range [lo, hi) without the tokens of excluded stretches at either end."""
    for a, b in exclude:
        while lo < hi and a <= tokens[lo].start < b:
            lo += 1
        while hi > lo and a <= tokens[hi - 1].start < b:
            hi -= 1
    return lo, hi


SAME_STRETCH = 0.95
"""Two quotes sharing this share of the longer one's characters are one stretch of text (0.8 merged
quotes-wikinews quotes that the gold keeps apart: an indirect quote and the quoted words that fill
most of it)."""


def one_quote_per_stretch(quotes: list[Quote]) -> list[Quote]:
    """One stretch of text is one quote: of two quotes over the same stretch the first (the
    one with a speaker, else the framed one) stays; a quote inside another quote's stretch
    (the quoted words of an indirect quote) points at it with ``within``."""
    out: list[Quote] = []
    for q in quotes:
        dup = next((i for i, o in enumerate(out) if _shared(q, o) >= SAME_STRETCH), None)
        if dup is None:
            out.append(q)
        elif q.speaker is not None and out[dup].speaker is None:
            out[dup] = q
    for q in out:
        q.within = None
    for i, q in enumerate(out):
        for j, o in enumerate(out):
            if j != i and o.within is None and _inside(q, o):
                q.within = j
                break
    return out


def _chars(q: Quote) -> set[int]:
    return {k for sp in q.spans for k in range(sp.start, sp.end)}


def _shared(q: Quote, o: Quote) -> float:
    if q.spans[0].start >= o.spans[-1].end or o.spans[0].start >= q.spans[-1].end:
        return 0.0
    a, b = _chars(q), _chars(o)
    return len(a & b) / max(len(a), len(b), 1)


def _inside(q: Quote, o: Quote) -> bool:
    """Does q lie inside o's stretch (and o is longer)?"""
    return (
        o.spans[0].start <= q.spans[0].start
        and q.spans[-1].end <= o.spans[-1].end
        and sum(s.end - s.start for s in o.spans) > sum(s.end - s.start for s in q.spans)
        and _chars(q) <= _chars(o)
    )


def _sentence_ranges(sentences: Sequence[Sentence], tokens: Sequence[Token]) -> list[Range]:
    """The token range of each sentence."""
    ranges: list[Range] = []
    i = 0
    for si in range(len(sentences)):
        a = i
        while i < len(tokens) and tokens[i].sentence == si:
            i += 1
        ranges.append((a, i))
    return ranges


def _segment_frames(doc: TokenView, all_frames: list[list[Frame]]) -> dict[int, Frame]:
    """The first frame whose content reaches each segment: a quoted stretch over several
    sentences takes the frame of any sentence it reaches."""
    seg_frame: dict[int, Frame] = {}
    for frs in all_frames:
        for fr in frs:
            for a, b in fr.content:
                for k in range(a, b):
                    s = doc.seg_of[k]
                    if s >= 0 and s not in seg_frame:
                        seg_frame[s] = fr
    return seg_frame


class _QuoteFinder:
    """The quotes of one article, sentence by sentence, and the state carried between them:
    the last speaker, where it spoke, the segments already taken and an open continuation."""

    def __init__(
        self,
        doc: TokenView,
        sentences: Sequence[Sentence],
        segments: list[tuple[int, int]],
        res: Resolver,
        seg_frame: dict[int, Frame],
    ) -> None:
        self.doc = doc
        self.sentences = sentences
        self.segments = segments
        self.res = res
        self.seg_frame = seg_frame
        self.quotes: list[Quote] = []
        self.seg_done: set[int] = set()
        self.last: Speaker | None = None
        self.last_sent = -10
        self.last_block = -1
        self.open_ifi: Quote | None = None
        self.topic: tuple[int, Speaker] | None = None
        """The person an unframed sentence without a quote is about (its subject), and that
        sentence's index: a Konjunktiv sentence right after it is theirs (quotes-wikinews train:
        IndirectFreeIndirect F1 0.596 -> 0.626 with organisations too, but half of those speakers
        wrong; persons only: see the commit)."""

    def _segs(self, lo: int, hi: int) -> list[int]:
        """The segments with tokens in [lo, hi), in order."""
        doc = self.doc
        return sorted({doc.seg_of[k] for k in range(lo, hi) if doc.seg_of[k] >= 0})

    def _direct(self, s: int, spk: Speaker, fr: Frame | None, si: int) -> Quote:
        """A Direct quote of segment s (taken from now on)."""
        self.seg_done.add(s)
        cue = _cue_span(self.doc, fr.cue) if fr is not None else None
        return _quote("Direct", [seg_span(self.doc.text, self.segments[s])], spk, cue, si, self.doc, fr)

    # -- a sentence with frames ---------------------------------------------------------

    def framed_sentence(self, si: int, lo: int, hi: int, frames: list[Frame]) -> None:
        """The quotes of each frame; the first frame's speaker becomes the last speaker."""
        block = self.sentences[si].block
        self.open_ifi = None
        for fr in frames:
            spk = self._frame_quotes(si, lo, hi, fr)
            if fr.back and spk.span is not None:
                self._credit_back(si, spk)
            if spk.span is not None and fr is frames[0]:
                self.last = spk
                self.last_sent, self.last_block = si, block
        self._clause_segments(si, lo, hi, frames)

    def _credit_back(self, si: int, spk: Speaker) -> None:
        """``„…“ Das teilten die Sängerinnen mit.``: the quotes of the sentence before that no
        frame of their own sentence credited (free or carried quotes) are this speaker's."""
        for q in self.quotes:
            if q.sentence == si - 1 and q.cue is None:
                _set_speaker(q, spk)

    def _frame_quotes(self, si: int, lo: int, hi: int, fr: Frame) -> Speaker:
        """The Indirect or Reported quote of a frame's content and the Direct quotes of its
        segments; returns the frame's speaker."""
        doc, res = self.doc, self.res
        spk = res.resolve(fr.speaker, self.last)
        if fr.speaker and own_source(doc, fr.speaker):
            spk = res.first_name(lo, hi, skip=fr.frame_tokens) or spk
        cue = _cue_span(doc, fr.cue)
        content_toks = sum(b - a for a, b in fr.content)
        quoted_toks = sum(1 for a, b in fr.content for k in range(a, b) if doc.quoted(k))
        inner_segs = sorted({doc.seg_of[k] for a, b in fr.content for k in range(a, b) if doc.seg_of[k] >= 0})
        if content_toks and quoted_toks / content_toks < QUOTED_SHARE and fr.kind != "verbonly":
            qtype = "Reported" if fr.reported else "Indirect"
            self.quotes.append(_quote(qtype, [doc.span(a, b) for a, b in fr.content], spk, cue, si, doc, fr))
        direct: list[Span] = []
        for s in inner_segs:
            if s in self.seg_done or not segment_is_quote(doc, s, framed=True, speaker=fr.speaker, names=res):
                continue
            self.seg_done.add(s)
            direct.append(seg_span(doc.text, self.segments[s]))
        if fr.kind == "inverted" and len(direct) == 2 and len(fr.content) == 2 and quoted_toks / max(content_toks, 1) >= QUOTED_SHARE:
            # one quote interrupted by its frame: „A“, sagte X, „B“
            self.quotes.append(_quote("Direct", direct, spk, cue, si, doc, fr))
        else:
            self.quotes.extend(_quote("Direct", [d], spk, cue, si, doc, fr) for d in direct)
        return spk

    def _clause_segments(self, si: int, lo: int, hi: int, frames: list[Frame]) -> None:
        """Quoted words in the frame's own clause: ``X nannte den Plan „fahrlässig“, ...``."""
        doc = self.doc
        fr = next((f for f in frames if f.kind in CLAUSE_FRAME_KINDS), None)
        if fr is None:
            return
        for s in self._segs(lo, hi):
            if s in self.seg_done or not segment_is_quote(doc, s, framed=True, speaker=fr.speaker, names=self.res):
                continue
            if any(f.speaker and f.speaker[0] <= doc.seg_tokens[s][0] < f.speaker[1] for f in frames):
                continue
            self.quotes.append(self._direct(s, self.res.resolve(fr.speaker, self.last), fr, si))

    # -- a sentence without frames ------------------------------------------------------

    def unframed_sentence(self, si: int, lo: int, hi: int) -> None:
        """Free direct quotes, segments framed in another sentence, or a continuation of the last speaker."""
        block = self.sentences[si].block
        near = self.last is not None and si - self.last_sent <= CONTINUATION_GAP + 1 and block - self.last_block <= 1
        whole = segment_covers(self.doc, lo, hi)
        for s in self._segs(lo, hi):
            if s in self.seg_done:
                continue
            if s in self.seg_frame:
                fr = self.seg_frame[s]
                if segment_is_quote(self.doc, s, framed=True, speaker=fr.speaker, names=self.res):
                    self.quotes.append(self._direct(s, self.res.resolve(fr.speaker, self.last), fr, si))
            elif segment_is_quote(self.doc, s, framed=False, whole=whole):
                self._free_direct(si, lo, hi, s, near, whole)
        if whole is not None:
            self.open_ifi = None
            return
        n = len(self.quotes)
        topic = self.topic
        if topic is not None and topic[0] == si - 1 and self.open_ifi is None and any(self.doc.is_konj1(k) for k in range(lo, hi)):
            self.last, self.last_sent, self.last_block = topic[1], si - 1, block  # ``X nahm Stellung. Jeder könne ...``
            near = True
        self._continuation(si, lo, hi, near)
        self.topic = None
        if len(self.quotes) == n:
            spk = self.res.subject_name(lo, hi)
            if spk is not None:
                self.topic = (si, spk)

    def _free_direct(self, si: int, lo: int, hi: int, s: int, near: bool, whole: int | None) -> None:
        """An unframed quoted segment: the last speaker's when near, else the sentence's first name."""
        last = self.last
        own = self.res.first_name(lo, hi, labels=("PER",)) if whole != s else None
        if own is not None and (last is None or own.entity != last.entity):
            spk = own  # ``X reagierte gelassen: Mit den Worten „…“ ...``: the person this sentence names
        elif whole == s or (near and last is not None):
            spk = last if (near and last is not None) else Speaker(None, None, None)
        else:
            # a quote inside a sentence without a frame: the sentence's first name speaks
            recent = last is not None and si - self.last_sent <= 3
            spk = self.res.first_name(lo, hi) or (last if recent and last is not None else Speaker(None, None, None))
        self.quotes.append(self._direct(s, spk, None, si))
        if near:
            self.last_sent = si

    def _continuation(self, si: int, lo: int, hi: int, near: bool) -> None:
        """A Konjunktiv sentence near the last speaker continues it (IndirectFreeIndirect);
        a ``soll``-sentence is FreeIndirect."""
        doc = self.doc
        konj1 = any(doc.is_konj1(k) for k in range(lo, hi))
        konj2 = any(doc.is_konj2(k) for k in range(lo, hi))
        soll = any(doc.low[k] in L.FREE_INDIRECT_MODALS and not doc.quoted(k) for k in range(lo, hi))
        if near and (konj1 or (konj2 and self.open_ifi is not None)):
            self._indirect_free_indirect(si, lo, hi)
            self.last_sent = si
            return
        self.open_ifi = None
        if near and soll:
            last = self.last
            assert last is not None
            self.quotes.append(_carried("FreeIndirect", [doc.span(lo, hi)], last, si, 0.5))
            self.last_sent = si

    def _indirect_free_indirect(self, si: int, lo: int, hi: int) -> None:
        """Extend the open IndirectFreeIndirect quote by this sentence, or open one."""
        span = self.doc.span(lo, hi)
        ifi = self.open_ifi
        if ifi is not None and ifi.spans[-1].end <= span.start and si - 1 == _last_sentence(ifi, self.sentences):
            text = self.doc.text
            ifi.spans[-1] = Span(ifi.spans[-1].start, span.end, text[ifi.spans[-1].start : span.end])
            ifi.confidence = max(ifi.confidence, 0.6)
            return
        last = self.last
        assert last is not None
        self.open_ifi = _carried("IndirectFreeIndirect", [span], last, si, 0.6)
        self.quotes.append(self.open_ifi)


def _last_sentence(q: Quote, sentences: Sequence[Sentence]) -> int:
    end = q.spans[-1].end
    for k in range(q.sentence, len(sentences)):
        if sentences[k].end >= end:
            return k
    return q.sentence


def _cue_span(doc: TokenView, cue: list[int]) -> Span | None:
    if not cue:
        return None
    a, b = min(cue), max(cue)
    if b - a > 1 and len(cue) > 1 and sorted(cue) != list(range(a, b + 1)):
        # a discontinuous cue (``teilte ... mit``): keep the verb
        return doc.span(cue[0], cue[0] + 1)
    return doc.span(a, b + 1)


def _quote(qtype: str, spans: list[Span], spk: Speaker, cue: Span | None, si: int, doc: TokenView, fr: Frame | None) -> Quote:
    addressee = doc.span(*fr.addressee) if fr is not None and fr.addressee is not None else None
    return _new_quote(qtype, spans, spk, cue, addressee, si, 0.8 if fr is not None else 0.5)


def _carried(qtype: str, spans: list[Span], last: Speaker, si: int, confidence: float) -> Quote:
    """A quote that continues the last speaker's (FreeIndirect, IndirectFreeIndirect)."""
    return _new_quote(qtype, spans, last, None, None, si, confidence)


def _new_quote(
    qtype: str, spans: list[Span], spk: Speaker, cue: Span | None, addressee: Span | None, si: int, confidence: float
) -> Quote:
    q = Quote(qtype, spans, None, None, None, cue, addressee, si, confidence)  # type: ignore[arg-type]
    _set_speaker(q, spk)
    return q


def _set_speaker(q: Quote, spk: Speaker) -> None:
    """Give ``q`` the speaker ``spk``: its words, entity, name, type, role and evidence."""
    q.speaker, q.speaker_entity, q.speaker_name = spk.span, spk.entity, spk.name
    q.speaker_type, q.speaker_role, q.speaker_evidence = spk.type, spk.role, spk.evidence  # type: ignore[assignment]


def _blocks_from_sentences(sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    out: dict[int, list[int]] = {}
    for s in sentences:
        r = out.setdefault(s.block, [s.start, s.end])
        r[0] = min(r[0], s.start)
        r[1] = max(r[1], s.end)
    return [tuple(v) for _, v in sorted(out.items())]  # type: ignore[misc]
