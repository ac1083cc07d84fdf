"""The credit of an article: outlet, authors and agencies, where each stands in the text, and
the dateline (``Berlin (dpa) -``). Records and the parser of credit lines; the German forms they
follow are data in :mod:`tagwerk.lang.de.credit`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from tagwerk.lang.de.credit import (
    AGENCIES,
    BYLINE,
    BYLINE_JOINERS,
    BYLINE_PREFIX,
    CONTACT_LINE,
    CREDIT_FILLER_WORDS,
    DATELINE,
    MATERIAL,
    OUTLET_NAMES,
    PAREN_ONLY,
    QUELLE,
    REPORTER_CREDIT,
    REPORTER_NAME,
)


@dataclass(slots=True)
class CreditPart:
    role: Literal["outlet", "author", "agency"]
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Credit:
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    raw: str | None = None
    parts: list[CreditPart] = field(default_factory=list)
    """Where each outlet, author and agency stands in the article text."""


@dataclass(slots=True)
class Dateline:
    start: int
    end: int
    text: str
    place: str | None = None
    agencies: list[str] = field(default_factory=list)


CONTACT_WORDS = ("Ansprech", "Kontakt", "Rückfragen", "Verantwortlich", "Redaktion", "Moderation")
"""The words a :data:`CONTACT_LINE` starts with (after ``Ihr``), looked for before the expression."""
REPORTER_NAME_REACH = 80
"""How far before ``berichtet.`` a reporter's name may start (three words)."""


def staff_spans(text: str) -> list[tuple[int, int]]:
    """Where the text credits its own staff inside the body: a contact line (``Ihr
    Ansprechpartner: …``, the whole line) and a reporter's credit (``… berichtet aus London.``,
    the name). Credit material, as a byline is: no evidence for a tag. The expressions run only
    where their words stand (most texts have neither)."""
    spans: set[tuple[int, int]] = set()
    for word in CONTACT_WORDS:
        at = text.find(word)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            if CONTACT_LINE.match(text, start, end):
                spans.add((start, end))
            at = text.find(word, end)
    for m in REPORTER_CREDIT.finditer(text):
        name = REPORTER_NAME.search(text, max(0, m.start() - REPORTER_NAME_REACH), m.start())
        if name is not None:
            spans.add((name.start("name"), name.end("name")))
    return sorted(spans)


def agency_name(token: str) -> str | None:
    return AGENCIES.get(token.strip().strip(".").lower())


def is_outlet(token: str) -> bool:
    t = token.strip().lower()
    return t in OUTLET_NAMES or bool(re.fullmatch(r"[a-z0-9\-]+\.(?:de|at|ch|com|net|org|eu)", t))


def is_credit_line(line: str) -> bool:
    if QUELLE.match(line) or MATERIAL.match(line):
        return True
    m = PAREN_ONLY.match(line)
    if m:
        items = [p for p in re.split(r"[/,]\s*|\s+", m.group("rest")) if p]
        return bool(items) and all(agency_name(p) or _is_initials(p) for p in items)
    return False


def _is_initials(token: str) -> bool:
    return token.lower() not in CREDIT_FILLER_WORDS and bool(re.fullmatch(r"[a-zäöü]{2,4}", token))


def split_names(names: str) -> list[str]:
    parts = re.split(r"\s*(?:,|\bund\b)\s*", names)
    return [p.strip() for p in parts if p.strip()]


def parse_credit_line(line: str, offset: int, credit: Credit) -> None:
    """Fill ``credit`` from one credit line at ``offset``."""
    credit.raw = line if credit.raw is None else credit.raw + " | " + line
    m = QUELLE.match(line) or MATERIAL.match(line) or PAREN_ONLY.match(line)
    if m is None:
        by = BYLINE.match(line)
        if by:
            for name in split_names(by.group("names")):
                pos = line.find(name)
                credit.parts.append(CreditPart("author", offset + pos, offset + pos + len(name), name))
        return
    rest_start = m.start("rest")
    for tm in re.finditer(r"[^\s,/;]+", m.group("rest")):
        token = tm.group(0).strip("().")
        if not token:
            continue
        start = offset + rest_start + tm.start() + tm.group(0).find(token)
        end = start + len(token)
        agency = agency_name(token)
        if agency:
            if agency not in credit.agencies:
                credit.agencies.append(agency)
            credit.parts.append(CreditPart("agency", start, end, token))
        elif is_outlet(token):
            if credit.outlet is None:
                credit.outlet = token
            credit.parts.append(CreditPart("outlet", start, end, token))
        elif _is_initials(token):
            if token not in credit.authors:
                credit.authors.append(token)
            credit.parts.append(CreditPart("author", start, end, token))


def find_dateline(paragraph: str) -> tuple[int, int, str | None, list[str]] | None:
    """A dateline at the start of the first paragraph: ``Berlin (dpa) -``."""
    m = DATELINE.match(paragraph)
    if not m:
        return None
    agencies = []
    for token in re.split(r"[/,]\s*", m.group("ag")):
        agency = agency_name(token)
        if agency is None and not _is_initials(token.strip()):
            return None
        if agency:
            agencies.append(agency)
    if not agencies:
        return None
    return 0, len(m.group(0).rstrip()), m.group("place").strip(), agencies


def parse_byline(line: str) -> tuple[list[str], list[str]]:
    """Authors and agencies of an agency byline: ``Von Andrej Sokolow, dpa`` -> (["Andrej
    Sokolow"], ["dpa"]); ``By ASHOK SHARMA`` -> (["Ashok Sharma"], []). Names in capitals are
    written in title case."""
    rest = BYLINE_PREFIX.sub("", line.strip(), count=1).strip().rstrip(".")
    authors: list[str] = []
    agencies: list[str] = []
    for part in BYLINE_JOINERS.split(rest):
        part = part.strip()
        if not part:
            continue
        agency = agency_name(part)
        if agency:
            if agency not in agencies:
                agencies.append(agency)
            continue
        if part.isupper() and len(part) > 3:
            part = " ".join(w.capitalize() for w in part.split())
        if any(c.isalpha() for c in part) and part not in authors:
            authors.append(part)
    return authors, agencies
