"""Credit lines, bylines and datelines of German news text, as data and small matchers.

Forms handled (all written by the team from the conventions of German agency copy):
``Quelle: ntv.de, jga/dpa/AFP``, ``Quelle: dpa``, ``(dpa)``, ``Von Max Muster``,
``mit Material von Reuters``, ``Berlin (dpa) -``, ``Moskau (AFP/dpa) –``.
"""

from __future__ import annotations

import re

# News agencies by the short form used in credits; value: canonical short name.
AGENCIES: dict[str, str] = {
    "dpa": "dpa",
    "afp": "AFP",
    "ap": "AP",
    "reuters": "Reuters",
    "rtr": "Reuters",
    "rts": "Reuters",  # ntv.de writes Reuters as rts in its credit lines
    "kna": "KNA",
    "epd": "epd",
    "dts": "dts",
    "sid": "SID",
    "apa": "APA",
    "sda": "SDA",
    "ddp": "ddp",
    "dapd": "dapd",
    "afx": "dpa-AFX",
    "dpa-afx": "dpa-AFX",
    "bloomberg": "Bloomberg",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "kcna": "KCNA",
    "yonhap": "Yonhap",
    "anp": "ANP",
    "belga": "Belga",
    "pap": "PAP",
    "ctk": "ČTK",
    "rnd": "RND",
    "idea": "idea",
    "kathpress": "Kathpress",
    "afp/dpa": "AFP",
}

# Outlets are recognised by a domain-like token or by these names.
OUTLET_NAMES = (
    "ntv.de", "n-tv.de", "spiegel.de", "zeit.de", "tagesschau.de", "welt.de", "faz.net",
    "sueddeutsche.de", "stern.de", "focus.de", "t-online.de", "rnd.de", "derstandard.at",
)

TAGS_LINE = re.compile(r"^(?:Tags|Schlagw(?:ö|oe)rter|Themen|Thema)\s*:\s*(?P<tags>.*)$", re.IGNORECASE)
_QUELLE = re.compile(r"^(?:Quelle|Quellen)\s*:\s*(?P<rest>.+)$", re.IGNORECASE)
_MATERIAL = re.compile(
    r"^\(?\s*(?:mit|unter Verwendung von)\s+Material\s+(?:von|der|des|aus)\s+(?P<rest>.+?)\s*\)?\.?$",
    re.IGNORECASE,
)
_PAREN_ONLY = re.compile(r"^\(\s*(?P<rest>[\w.\-/, ]+?)\s*\)\.?$")
BYLINE = re.compile(
    r"^(?:Von|Ein (?:Bericht|Kommentar|Gastbeitrag|Interview) von)\s+(?P<names>[A-ZÄÖÜ][\w.\-]+(?:\s+(?:[A-ZÄÖÜ][\w.\-]+|und|,|von|van|de|zu))*)\s*$"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w.\-/ ]{1,40}?)\s*(?:,\s*[\w. ]{1,30}?)?\s*\((?P<ag>[\w./\- ]{2,40})\)\s*[-–—:]\s*"
)


def _agency(token: str) -> str | None:
    return AGENCIES.get(token.strip().strip(".").lower())


def _is_outlet(token: str) -> bool:
    t = token.strip().lower()
    return t in OUTLET_NAMES or bool(re.fullmatch(r"[a-z0-9\-]+\.(?:de|at|ch|com|net|org|eu)", t))


def is_credit_line(line: str) -> bool:
    if _QUELLE.match(line) or _MATERIAL.match(line):
        return True
    m = _PAREN_ONLY.match(line)
    if m:
        items = [p for p in re.split(r"[/,]\s*|\s+", m.group("rest")) if p]
        return bool(items) and all(_agency(p) or _is_initials(p) for p in items)
    return False


# Lower-case words of a credit line that are not author initials (``mit Material von dpa und AFP``).
CREDIT_FILLER_WORDS = frozenset({"und", "sowie", "mit", "von", "vom", "der", "die", "das", "des", "aus", "nach", "u.a", "ua"})


def _is_initials(token: str) -> bool:
    return token.lower() not in CREDIT_FILLER_WORDS and bool(re.fullmatch(r"[a-zäöü]{2,4}", token))


def split_names(names: str) -> list[str]:
    parts = re.split(r"\s*(?:,|\bund\b)\s*", names)
    return [p.strip() for p in parts if p.strip()]


def parse_credit_line(line: str, offset: int, credit) -> None:  # noqa: ANN001 - Credit, avoiding a cycle
    """Fill ``credit`` (a ``tagwerk.article.Credit``) from one credit line at ``offset``."""
    from tagwerk.article import CreditPart

    credit.raw = line if credit.raw is None else credit.raw + " | " + line
    m = _QUELLE.match(line) or _MATERIAL.match(line) or _PAREN_ONLY.match(line)
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
        agency = _agency(token)
        if agency:
            if agency not in credit.agencies:
                credit.agencies.append(agency)
            credit.parts.append(CreditPart("agency", start, end, token))
        elif _is_outlet(token):
            if credit.outlet is None:
                credit.outlet = token
            credit.parts.append(CreditPart("outlet", start, end, token))
        elif _is_initials(token):
            if token not in credit.authors:
                credit.authors.append(token)
            credit.parts.append(CreditPart("author", start, end, token))


def find_dateline(paragraph: str) -> tuple[int, int, str | None, list[str]] | None:
    """A dateline at the start of the first paragraph: ``Berlin (dpa) -``."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    agencies = []
    for token in re.split(r"[/,]\s*", m.group("ag")):
        agency = _agency(token)
        if agency is None and not _is_initials(token.strip()):
            return None
        if agency:
            agencies.append(agency)
    if not agencies:
        return None
    return 0, len(m.group(0).rstrip()), m.group("place").strip(), agencies
