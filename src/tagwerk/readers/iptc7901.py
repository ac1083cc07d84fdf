"""IPTC 7901 wire text: messages framed by SOH ... EOT -> one Article each.

A message: SOH, the header line (``bdt0000 3 vm 831  dpa 0000``: service and number, priority,
category, word count, sender), the slugline (``Verkehr/Bahn/Niedersachsen/``), STX, the heading
block (notes in parentheses such as ``(Berichtigung: ...)``, ``(Eil)``, ``(KORR-Bericht)`` or
``(Foto Produktion)``, the headline, a byline) that ends in `` =``, the body in lines wrapped at
about 70 characters with blank lines between paragraphs, the notepad (``# Notizblock``, not
body text), the closing line (``dpa abc yydd n1 sku``), ETX and the trailer with the date
(``241205 Sep 24``: day, hour, minute, month, year). Line ends may be LF or CRLF.

Body structure: a paragraph's lines are joined; a table row (``| a | b |``) and a list item
(``* ...``, ``+ ...``) are blocks of their own; a lone short line without closing punctuation
between paragraphs is a subheading; the first paragraph is the teaser when the second one opens
with the dateline. The item's id is the file (``file.iptc``, ``file.iptc#2`` for the second
message of a file): 7901 carries no guid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tagwerk.article import Article, looks_like_heading
from tagwerk.credit import agency_name, find_dateline
from tagwerk.errors import ArticleError, EmptyArticleError
from tagwerk.lang.de.credit import BYLINE_PREFIX
from tagwerk.lang.de.wires import CLOSING_LINE, CORRECTION_NOTE, FLASH_NOTE, MEDIA_NOTE, MONTHS, NOTEPAD_START
from tagwerk.readers.detect import SOH
from tagwerk.readers.wire import WireItem, squash, wire_article

STX, ETX, EOT = "\x02", "\x03", "\x04"
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEADER = re.compile(
    r"^(?P<service>[A-Za-z]+)(?P<number>\d{1,6})\s+(?P<priority>\d)\s+(?P<category>\S+)\s+(?P<words>\d+)\s+(?P<sender>\S+)"
)
_TRAILER = re.compile(r"^(?P<day>\d\d)(?P<hour>\d\d)(?P<minute>\d\d)\s+(?P<month>[A-Za-zÄÖÜäöü]{3,4})\.?\s+(?P<year>\d{2,4})")
_BULLET = re.compile(r"^\s*[*•]\s+")  # a list item's bullet (an XHTML li): dropped
_ITEM = re.compile(r"^\s*\+\s+")  # a schedule line (``+ 1200 Statement ...``): kept as written


def split_messages(text: str) -> list[str]:
    """The messages of a 7901 stream (the text between SOH and EOT); the whole text when it
    has no SOH."""
    if SOH not in text:
        return [text] if text.strip() else []
    out = []
    for part in text.split(SOH)[1:]:
        body = part.split(EOT, 1)[0]
        if body.strip(" \r\n\x7f"):
            out.append(body)
    return out


def _date(trailer: str) -> str | None:
    for line in trailer.splitlines():
        m = _TRAILER.match(line.strip())
        if m:
            month = MONTHS.get(m.group("month").lower()[:3]) or MONTHS.get(m.group("month").lower())
            if not month:
                return None
            year = int(m.group("year"))
            year = year + 2000 if year < 100 else year
            return f"{year:04d}-{month:02d}-{m.group('day')}T{m.group('hour')}:{m.group('minute')}"
    return None


def _heading_block(lines: list[str]) -> int:
    """Index of the line after the heading block (the first line ending in ``=``)."""
    for i, line in enumerate(lines[:25]):
        if line.rstrip().endswith("="):
            return i + 1
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    return first + 1


def _heading(item: WireItem, lines: list[str]) -> None:
    notes: list[str] = []
    headline: list[str] = []
    current: list[str] = []
    depth = 0
    for raw in lines:
        line = raw.strip()
        if line.endswith("="):
            line = line[:-1].rstrip()
        if not line:
            continue
        if depth == 0 and not line.startswith("(") and not current:
            if BYLINE_PREFIX.match(line):
                item.byline = line
            else:
                headline.append(line)
            continue
        current.append(line)
        depth += line.count("(") - line.count(")")
        if depth <= 0:
            notes.append(" ".join(current))
            current, depth = [], 0
    if current:
        notes.append(" ".join(current))
    wire = item.wire
    for note in notes:
        if CORRECTION_NOTE.match(note):
            wire.correction = note.strip("() ").split(":", 1)[-1].strip() or note
            if "correction" not in wire.signals:
                wire.signals.append("correction")
        elif FLASH_NOTE.match(note):
            if "flash" not in wire.signals:
                wire.signals.append("flash")
        elif MEDIA_NOTE.match(note):
            continue
        elif wire.genre is None:
            wire.genre = note.strip("() ")
    item.headline = " ".join(headline) or None


def _blocks(paragraph: list[str]) -> list[tuple[str, bool]]:
    """A paragraph's lines as blocks: (text, is one plain line); a table row and a list item
    (with its continuation lines) stand alone."""
    out: list[tuple[str, bool]] = []
    current: list[str] = []
    listed = False

    def flush() -> None:
        if current:
            out.append((" ".join(current), len(current) == 1 and not listed))
            current.clear()

    for line in paragraph:
        stripped = line.strip()
        if stripped.startswith("|"):
            flush()
            listed = False
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            out.append((" | ".join(c for c in cells if c), False))
        elif _BULLET.match(line) or _ITEM.match(line):
            flush()
            listed = True
            current.append(_BULLET.sub("", line).strip())
        else:
            current.append(stripped)
    flush()
    return out


def _body(item: WireItem, lines: list[str]) -> None:
    end = next((i for i, line in enumerate(lines) if NOTEPAD_START.match(line.strip())), len(lines))
    body = lines[:end]
    while body and not body[-1].strip():
        body.pop()
    if body and CLOSING_LINE.match(body[-1].strip()) and end == len(lines):
        body.pop()
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in body:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    blocks: list[tuple[str, bool]] = []
    for para in paragraphs:
        para_blocks = _blocks(para)
        blocks.extend((text, single and len(para_blocks) == 1) for text, single in para_blocks)
    if len(blocks) > 1 and find_dateline(blocks[0][0]) is None and find_dateline(blocks[1][0]) is not None:
        item.teaser = blocks[0][0]
        blocks = blocks[1:]
    for i, (text, single) in enumerate(blocks):
        heading = single and 0 < i < len(blocks) - 1 and looks_like_heading(text)
        item.blocks.append(("subheading" if heading else "paragraph", text))


def iptc7901_item(message: str, *, source: str) -> WireItem:
    text = message.replace("\r\n", "\n").replace("\r", "\n")
    pre, stx, rest = text.partition(STX)
    if not stx:
        pre, rest = "", text
    content, _, trailer = rest.partition(ETX)
    item = WireItem(id=source, source=source, format="iptc7901")
    pre_lines = [squash(_CONTROLS.sub("", x)) for x in pre.split("\n")]
    pre_lines = [x for x in pre_lines if x]
    lines = [_CONTROLS.sub("", x).rstrip() for x in content.split("\n")]
    if not stx:  # no STX: the header and slugline are the first lines, if they look like them
        while lines and not lines[0].strip():
            lines.pop(0)
        if lines and _HEADER.match(lines[0].strip()):
            pre_lines.append(lines.pop(0).strip())
            while lines and not lines[0].strip():
                lines.pop(0)
            if lines and lines[0].strip().endswith("/"):
                pre_lines.append(lines.pop(0).strip())
    wire = item.wire
    for line in pre_lines:
        m = _HEADER.match(line)
        if m and wire.category is None:
            wire.services.append(m.group("service").lower())
            wire.urgency = int(m.group("priority"))
            wire.category = m.group("category")
            sender = m.group("sender")
            wire.provider = agency_name(sender.split("-")[0]) or sender
        elif wire.slugline is None:
            wire.slugline = line.strip("/ ") or None
    cut = _heading_block(lines)
    _heading(item, lines[:cut])
    _body(item, lines[cut:])
    item.date = _date(_CONTROLS.sub("", trailer))
    wire.version_created = item.date
    item.creditline = wire.provider
    return item


def read_iptc7901(text: str, *, source: str, max_chars: int, warnings: list[str]) -> Iterator[Article | ArticleError]:
    messages = split_messages(text)
    if not messages:
        yield EmptyArticleError("the IPTC 7901 input holds no message", source=source)
        return
    single = len(messages) == 1
    for i, message in enumerate(messages, start=1):
        where = source if single else f"{source}#{i}"
        try:
            article = wire_article(iptc7901_item(message, source=where), max_chars=max_chars)
        except ArticleError as exc:
            yield exc
            continue
        article.warnings.extend(warnings)
        yield article
