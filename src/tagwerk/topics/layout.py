"""Where in the article an offset lies: headline, lead or body (for salience)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from tagwerk.article import CONTENT_KINDS, Article

HEAD, LEAD, BODY, OTHER = "head", "lead", "body", "other"


@dataclass(slots=True)
class Layout:
    """Block index and zone of character offsets of one article."""

    starts: list[int]
    zones: list[str]
    length: int
    n_content: int

    @classmethod
    def of(cls, article: Article) -> Layout:
        starts: list[int] = []
        zones: list[str] = []
        lead_done = False
        n_content = 0
        for b in article.blocks:
            starts.append(b.start)
            if b.kind in ("kicker", "headline"):
                zones.append(HEAD)
            elif b.kind == "teaser" or (b.kind == "paragraph" and not lead_done):
                zones.append(LEAD)
                if b.kind == "paragraph":
                    lead_done = True
            elif b.kind in CONTENT_KINDS:
                zones.append(BODY)
            else:
                zones.append(OTHER)
            if b.kind in CONTENT_KINDS:
                n_content += 1
        return cls(starts, zones, max(1, len(article.text)), max(1, n_content))

    def block(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def zone(self, offset: int) -> str:
        if not self.starts:
            return LEAD if offset < 400 else BODY  # no blocks: treat the opening as the lead
        return self.zones[self.block(offset)]

    def position(self, offset: int) -> float:
        """0 at the start of the text, 1 at its end."""
        return min(1.0, offset / self.length)
