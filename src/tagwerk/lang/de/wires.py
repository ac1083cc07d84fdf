"""The German (and dpa) conventions of agency wires, as data: what the wire readers
(:mod:`tagwerk.readers.iptc7901`, ``newsml``, ``digitalwires``) recognise by its words.
Written by the team from the conventions of German agency copy."""

from __future__ import annotations

import re

# Month abbreviations of an IPTC 7901 trailer line (``241205 Sep 24``): German and English.
MONTHS: dict[str, int] = {
    "jan": 1, "jän": 1, "feb": 2, "mär": 3, "mrz": 3, "mar": 3, "apr": 4, "mai": 5, "may": 5,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "dez": 12, "dec": 12,
}

# Where the notepad (editorial notes, links, places, contacts) starts in 7901 text: nothing
# after it is body text.
NOTEPAD_START = re.compile(r"^#\s*(?:Notizblock|Notepad)\b", re.IGNORECASE)

# Notes in parentheses above a 7901 headline (``(Berichtigung: ...)``, ``(Eil)``, ``(Foto Produktion)``):
# what each kind of note tells. A note of no listed kind names the text's genre (``(KORR-Bericht)``).
CORRECTION_NOTE = re.compile(r"^\(\s*(?:Berichtigung|Korrektur|Neufassung)\b", re.IGNORECASE)
FLASH_NOTE = re.compile(r"^\(\s*(?:Eil|Blitz|Vorrang)\b", re.IGNORECASE)
MEDIA_NOTE = re.compile(r"^\(\s*(?:Foto|Fotos|Grafik|Video|Audio|Bild|Bilder)\b", re.IGNORECASE)

# The closing line of a dpa text (``dpa koe yyno n1 sck``): agency, then short codes.
CLOSING_LINE = re.compile(r"^(?:dpa|dpa-AFX|afp|rtr|kna|epd|apa|sda)(?:\s+[\w/.-]{1,12}){1,6}$")

