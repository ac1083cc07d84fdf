"""Credit lines, bylines and datelines of German news text, as data: agencies, outlets and the
patterns of their lines (the parser that uses them is :mod:`tagwerk.credit`).

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
QUELLE = re.compile(r"^(?:Quelle|Quellen)\s*:\s*(?P<rest>.+)$", re.IGNORECASE)
MATERIAL = re.compile(
    r"^\(?\s*(?:mit|unter Verwendung von)\s+Material\s+(?:von|der|des|aus)\s+(?P<rest>.+?)\s*\)?\.?$",
    re.IGNORECASE,
)
PAREN_ONLY = re.compile(r"^\(\s*(?P<rest>[\w.\-/, ]+?)\s*\)\.?$")
BYLINE = re.compile(
    r"^(?:Von|Ein (?:Bericht|Kommentar|Gastbeitrag|Interview) von)\s+"
    r"(?P<names>[A-ZÄÖÜ][\w.\-]+(?:\s+(?:[A-ZÄÖÜ][\w.\-]+|und|,|von|van|de|zu))*)\s*$"
)
CONTACT_LINE = re.compile(
    r"(?:Ihr(?:e)?\s+)?(?:Ansprechpartner(?:in|innen)?|Ansprechpersonen|Kontakt|Rückfragen(?:\s+an)?|"
    r"Verantwortlich(?:e|er)?|Redaktion|Moderation)\s*:[^\n]*$",
)
"""A line naming who answers for the copy (``Ihr Ansprechpartner: Thomas Beispiel, Tel. …``):
credit material of agency programmes and newsletters."""
REPORTER_CREDIT = re.compile(r"berichte[tn](?:\s+aus\s+[^.!?\n]{1,40})?\.")
"""The end of a sentence that only credits a piece's reporter: ``berichtet.``, ``berichtet aus
London.``; the name before it is :data:`REPORTER_NAME`."""
REPORTER_NAME = re.compile(
    r"(?:^|(?<=[.!?»«“\"]\s)|(?<=\n))(?!(?:Der|Die|Das|Den|Dem|Ein|Eine|Einer)\s)"
    r"(?P<name>[A-ZÄÖÜ][\w'’-]+(?:\s+(?:von\s+|van\s+|de\s+)?[A-ZÄÖÜ][\w'’-]+){1,2})\s+$"
)
"""The reporter's name that a sentence of :data:`REPORTER_CREDIT` only consists of (``Benedikt
Beispiel berichtet.``), as radio and video programmes credit their pieces; a person who reports
something in a sentence of the story (``Die Ärztin … berichtet von …``) is none."""
DATELINE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\w.\-/ ]{1,40}?)\s*(?:,\s*[\w. ]{1,30}?)?\s*\((?P<ag>[\w./\- ]{2,40})\)\s*[-–—:]\s*"
)

# Lower-case words of a credit line that are not author initials (``mit Material von dpa und AFP``).
CREDIT_FILLER_WORDS = frozenset({"und", "sowie", "mit", "von", "vom", "der", "die", "das", "des", "aus", "nach", "u.a", "ua"})

# The opening words of an agency byline (``Von Andrej Sokolow, dpa``, ``By ASHOK SHARMA``);
# the names after it are split at commas and these joining words.
BYLINE_PREFIX = re.compile(r"^(?:Von|Ein (?:Bericht|Kommentar|Gastbeitrag|Interview) von|By|Par|Por)\s+")
BYLINE_JOINERS = re.compile(r"\s*(?:,|;|/|\bund\b|\band\b|&)\s*")
