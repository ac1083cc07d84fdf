"""Claims: for every sentence, whose statement it is and how sure the article is of it."""

from __future__ import annotations

from collections.abc import Sequence

from tagwerk.analysis import Claim, Quote, Sentence, Span, Token
from tagwerk.lang.de import speech as L


def find_hedges(text: str, tokens: Sequence[Token], lo: int, hi: int, quoted: Sequence[bool] | None = None) -> list[Span]:
    """Hedge spans among tokens [lo, hi): ``angeblich``, ``Berichten zufolge``, ``soll ... haben``."""
    out: list[Span] = []
    low = [tokens[k].text.lower() for k in range(lo, hi)]
    taken: set[int] = set()

    def add(a: int, b: int) -> None:
        s, e = tokens[lo + a].start, tokens[lo + b - 1].end
        out.append(Span(s, e, text[s:e]))
        taken.update(range(a, b))

    for k in range(len(low)):
        if quoted is not None and quoted[lo + k]:
            continue
        for phrase in L.HEDGE_PHRASES:
            n = len(phrase)
            if tuple(low[k : k + n]) == phrase and not taken.intersection(range(k, k + n)):
                add(k, k + n)
                break
    for k, w in enumerate(low):
        if k in taken or (quoted is not None and quoted[lo + k]):
            continue
        if w in L.HEDGE_WORDS:
            add(k, k + 1)
        elif w in L.HEDGE_MODALS:
            # ``soll ... haben/sein``: the modal and a perfect infinitive before the clause ends
            for j in range(k + 2, len(low)):
                if low[j] in {",", ";", ":", ".", "!", "?"}:
                    break
                if low[j] in L.HEDGE_MODAL_ENDS and j >= 1 and (low[j - 1].endswith(("t", "en")) or low[j - 1] == "worden"):
                    s, e = tokens[lo + k].start, tokens[lo + j].end
                    out.append(Span(s, e, text[s:e]))
                    taken.update(range(k, j + 1))
                    break
    out.sort(key=lambda sp: sp.start)
    return out


def find_claims(
    text: str,
    sentences: Sequence[Sentence],
    tokens: Sequence[Token],
    quotes: Sequence[Quote],
    quoted: Sequence[bool] | None = None,
) -> list[Claim]:
    """One Claim per sentence: attribution (source entity or own voice), hedges, certainty."""
    # the quote (outermost first) that each sentence belongs to
    by_sentence: dict[int, Quote] = {}
    for q in quotes:
        for si in _sentences_of(q, sentences):
            cur = by_sentence.get(si)
            if cur is None or _rank(q) > _rank(cur):
                by_sentence[si] = q
    claims: list[Claim] = []
    ti = 0
    for si, sent in enumerate(sentences):
        while ti < len(tokens) and tokens[ti].sentence < si:
            ti += 1
        tj = ti
        while tj < len(tokens) and tokens[tj].sentence == si:
            tj += 1
        hedges = find_hedges(text, tokens, ti, tj, quoted)
        owner = by_sentence.get(si)
        source = source_text = None
        attribution = None
        if owner is not None:
            source = owner.speaker_entity
            source_text = owner.speaker_name or (owner.speaker.text if owner.speaker else None)
            attribution = _attribution(text, owner, sent)
        if hedges:
            certainty = "hedged"
        elif owner is not None and (owner.speaker is not None or owner.cue is not None):
            certainty = "attributed"
        else:
            certainty = "asserted"
        claims.append(
            Claim(si, sent.start, sent.end, sent.text, certainty, source, source_text, hedges, attribution)  # type: ignore[arg-type]
        )
    return claims


def _rank(q: Quote) -> tuple[int, int]:
    """Prefer quotes with a speaker, then longer ones."""
    return (q.speaker is not None, sum(s.end - s.start for s in q.spans))


def _sentences_of(q: Quote, sentences: Sequence[Sentence]) -> list[int]:
    out = []
    for sp in q.spans:
        for si in range(q.sentence, len(sentences)):
            s = sentences[si]
            if s.start >= sp.end:
                break
            if s.end > sp.start:
                out.append(si)
    return out or [q.sentence]


def _attribution(text: str, q: Quote, sent: Sentence) -> Span | None:
    """The words in this sentence that attribute the quote: cue and speaker together."""
    parts = [p for p in (q.cue, q.speaker) if p is not None and sent.start <= p.start < sent.end]
    if not parts:
        return None
    a = min(p.start for p in parts)
    b = max(p.end for p in parts)
    if b - a > 120:  # speaker and cue far apart: keep the cue
        p = q.cue or q.speaker
        assert p is not None
        a, b = p.start, p.end
    return Span(a, b, text[a:b])
