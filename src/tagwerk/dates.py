"""German date expressions, resolved against the article's date.

:func:`find_dates` finds the date words of a text (``am Dienstag``, ``vergangene Woche``,
``Anfang Juli``, ``morgen``, ``5. März 2024``, ``im Jahr 2023``) and resolves each against an
anchor date (the article's). A relative expression without an anchor, or a month without a year
and no anchor, stays open (``value`` None). Values are ISO 8601 at their precision: ``2024-06-18``
(day), ``2024-W25`` (week), ``2024-07`` (month), ``2024`` (year).

Resolution rules (the conventions of German news text):
* a weekday is the most recent one on or before the anchor (``am Dienstag`` in a Thursday's
  article is two days earlier), the next one on or after it when the sentence speaks of the
  future (``future=True``); ``vergangenen``/``kommenden`` force the direction;
* a month or day-month without a year is the nearest such date to the anchor (``Anfang Juli`` in
  June is this July, ``im Dezember`` in a January article last December), ahead of it for a
  future sentence;
* ``vergangene Woche`` is the anchor's ISO week minus one, ``im vergangenen Jahr`` its year minus one.

The words are language data (:mod:`tagwerk.lang.de.events`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from tagwerk.lang.de import events as words

__all__ = ["DateMention", "find_dates", "parse_date"]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None
    """ISO 8601 at ``precision``; None when it cannot be resolved (no anchor, or no year)."""
    precision: str | None
    """``day``, ``week``, ``month`` or ``year``."""
    relative: bool = False
    """It needs the anchor (``gestern``, ``am Dienstag``, ``im Juli``) rather than giving a year."""


def parse_date(value: str | None) -> dt.date | None:
    """The calendar date of an article's ``date`` field (ISO date or date-time), or None."""
    if not value:
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def _alts(names) -> str:  # noqa: ANN001 - iterable of str
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    months = _alts(words.MONTHS)
    weekdays = _alts(words.WEEKDAYS)
    tod = _alts(words.TIMES_OF_DAY)
    preps = _alts(words.DATE_PREPOSITIONS)
    parts = _alts(words.MONTH_PARTS)
    quals = _alts(words.PERIOD_QUALIFIERS)
    periods = _alts(words.PERIODS)
    singles = _alts(words.SINGLE_PERIODS)
    years = _alts(words.YEAR_PREFIXES).replace(r"\ ", r"\s+")
    numbers = _alts(words.NUMBER_WORDS)
    units = _alts(words.AGO_UNITS)
    hedges = _alts(words.AGO_HEDGES).replace(r"\ ", r"\s+")
    flags = re.IGNORECASE
    return [
        ("numeric", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})?(?![\d])")),
        (
            "daymonth",
            # ``am 24. und 25. September``, ``vom 6. bis zum 8. Juni``: the first day
            re.compile(
                rf"(?<![\d.])(?P<d>\d{{1,2}})\.(?:\s*(?:und|bis|bis zum|-|–)\s*\d{{1,2}}\.)?"
                rf"\s*(?P<mon>{months})\.?(?:\s+(?P<y>\d{{4}}))?\b",
                flags,
            ),
        ),
        ("ago", re.compile(rf"\bvor\s+(?:(?:{hedges})\s+)?(?P<n>\d{{1,2}}|{numbers})\s+(?P<unit>{units})\b", flags)),
        (
            "month",
            re.compile(
                rf"(?:\b(?P<prep>{preps})\s+)?(?:\b(?P<part>{parts})\s+)?\b(?P<mon>{months})\b\.?(?:\s+(?P<y>\d{{4}})\b)?", flags
            ),
        ),
        (
            "weekday",
            re.compile(
                rf"(?:\b(?P<prep>{preps}|in der nacht zum|in der nacht zu)\s+)?(?:\b(?P<qual>{quals})(?:e|en|er|es|em)\s+)?"
                rf"\b(?P<wd>{weekdays})(?P<tod>{tod})?\b",
                flags,
            ),
        ),
        ("period", re.compile(rf"\b(?P<qual>{quals})(?:e|en|er|es|em)\s+(?P<per>{periods})\b", flags)),
        ("single", re.compile(rf"\b(?P<single>{singles})\b", flags)),
        (
            "relday",
            re.compile(
                r"\b(?P<rel>heute|gestern|vorgestern|übermorgen|morgen|Heute|Gestern|Vorgestern"
                r"|heutigen|gestrigen|vorgestrigen|morgigen)\b"
            ),
        ),
        ("year", re.compile(rf"\b(?P<pre>{years})\s+(?P<y>(?:1[89]|20)\d\d)\b", flags)),
        ("bareyear", re.compile(r"(?<![\d.,])\b(?P<y>(?:19|20)\d\d)\b(?![.,]\d)")),
    ]


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 50 else 1900
    return y


def _nearest(anchor: dt.date, month: int, day: int | None, future: bool) -> dt.date | None:
    """The date with ``month`` (and ``day``) nearest to the anchor (or the next one, ``future``)."""
    best: tuple[int, dt.date] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cand = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if day is None:  # compare months, not days
            diff = (year - anchor.year) * 12 + month - anchor.month
            if future and diff < 0:
                continue
            key = abs(diff) * 2 + (1 if diff > 0 else 0)  # a tie goes to the past
        else:
            diff = (cand - anchor).days
            if future and diff < 0:
                continue
            key = abs(diff) * 2 + (1 if diff > 0 else 0)
        if best is None or key < best[0]:
            best = (key, cand)
    return best[1] if best else None


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _resolve(kind: str, m: re.Match[str], anchor: dt.date | None, future: bool, text: str) -> tuple[str | None, str | None, bool] | None:
    """(value, precision, relative) of one match, or None when the match is no date."""
    g = m.groupdict()
    if kind == "numeric":
        day, month, year = int(g["d"]), int(g["m"]), _year(g["y"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if year is None:
            if g["y"] is None and m.end() < len(text) and text[m.end() : m.end() + 1].isdigit():
                return None
            near = _nearest(anchor, month, day, future) if anchor else None
            return (near.isoformat() if near else None), "day", True
        try:
            return dt.date(year, month, day).isoformat(), "day", False
        except ValueError:
            return None
    if kind == "daymonth":
        day, month, year = int(g["d"]), words.MONTHS[g["mon"].lower()], _year(g["y"])
        if year is not None:
            try:
                return dt.date(year, month, day).isoformat(), "day", False
            except ValueError:
                return None
        near = _nearest(anchor, month, day, future) if anchor else None
        return (near.isoformat() if near else None), "day", True
    if kind == "month":
        if not (g["prep"] or g["part"] or g["y"]):
            return None  # a bare ``August`` is as likely a name
        if not g["mon"][:1].isupper():
            return None
        month, year = words.MONTHS[g["mon"].lower()], _year(g["y"])
        if year is not None:
            return f"{year:04d}-{month:02d}", "month", False
        near = _nearest(anchor, month, None, future) if anchor else None
        return (f"{near.year:04d}-{month:02d}" if near else None), "month", True
    if kind == "weekday":
        if not (g["prep"] or g["qual"] or g["tod"]):
            return None
        if anchor is None:
            return None, "day", True
        target = words.WEEKDAYS[g["wd"].lower()]
        qual = words.PERIOD_QUALIFIERS.get(g["qual"].lower()) if g["qual"] else None
        wd = anchor.weekday()
        if qual == -1:
            delta = -((wd - target) % 7 or 7)
        elif qual == 1:
            delta = (target - wd) % 7 or 7
        elif qual == 0:
            delta = target - wd
        elif future:
            delta = (target - wd) % 7
        else:
            delta = -((wd - target) % 7)
        return (anchor + dt.timedelta(days=delta)).isoformat(), "day", True
    if kind == "relday":
        rel = g["rel"]
        if rel == "morgen":
            before = re.search(r"(\w+)\s*$", text[max(0, m.start() - 20) : m.start()])
            if before and before.group(1).lower() in words.NOT_TOMORROW_BEFORE:
                return None
        offset = words.RELATIVE_DAYS[rel.lower()]
        if anchor is None:
            return None, "day", True
        return (anchor + dt.timedelta(days=offset)).isoformat(), "day", True
    if kind in ("period", "single"):
        if kind == "period":
            offset = words.PERIOD_QUALIFIERS[g["qual"].lower()]
            period = words.PERIODS[g["per"].lower()]
        else:
            period, offset = words.SINGLE_PERIODS[g["single"].lower()]
        precision = "week" if period == "weekend" else period
        if anchor is None:
            return None, precision, True
        if period in ("week", "weekend"):
            when = anchor + dt.timedelta(weeks=offset)
            if period == "weekend" and offset == -1:
                # the last weekend before the anchor: its Saturday
                when = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7 or 7)
            elif period == "weekend" and offset == 1:
                when = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7 or 7)
            return _week(when), "week", True
        if period == "month":
            index = anchor.year * 12 + anchor.month - 1 + offset
            return f"{index // 12:04d}-{index % 12 + 1:02d}", "month", True
        return f"{anchor.year + offset:04d}", "year", True
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else words.NUMBER_WORDS[g["n"].lower()]
        unit = words.AGO_UNITS[g["unit"].lower()]
        if anchor is None:
            return None, unit, True
        if unit == "day":
            return (anchor - dt.timedelta(days=n)).isoformat(), "day", True
        if unit == "week":
            return _week(anchor - dt.timedelta(weeks=n)), "week", True
        if unit == "month":
            index = anchor.year * 12 + anchor.month - 1 - n
            return f"{index // 12:04d}-{index % 12 + 1:02d}", "month", True
        return f"{anchor.year - n:04d}", "year", True
    if kind == "year":
        return g["y"], "year", False
    if kind == "bareyear":
        # ``als er 1996 als erster ...``, ``in Hessen 2013``; not a count (``2000 Menschen``, ``1500 Euro``)
        rest = text[m.end() : m.end() + 2].lstrip()
        if rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in ("%", "€", "$"):
            return None
        return g["y"], "year", False
    return None


def find_dates(text: str, anchor: dt.date | None = None, *, future: bool = False, offset: int = 0) -> list[DateMention]:
    """The date expressions of ``text`` in order, resolved against ``anchor``; ``future``: the
    text speaks of what is ahead (``will``, ``soll``). ``offset`` is added to every position
    (the text is a sentence of a longer article)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if any(start < e and s < end for s, e in taken):
                continue
            resolved = _resolve(kind, m, anchor, future, text)
            if resolved is None:
                continue
            value, precision, relative = resolved
            taken.append((start, end))
            found.append(DateMention(start + offset, end + offset, text[start:end], value, precision, relative))
    found.sort(key=lambda d: d.start)
    return found
