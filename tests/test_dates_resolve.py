"""German date words resolved against the article's date (tagwerk.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from tagwerk.dates import find_dates, parse_date

THURSDAY = dt.date(2024, 6, 20)


@pytest.mark.parametrize(
    ("text", "future", "value", "precision"),
    [
        ("Er sprach am Dienstag im Bundestag.", False, "2024-06-18", "day"),
        ("Er will am Dienstag im Bundestag sprechen.", True, "2024-06-25", "day"),
        ("Er spricht am kommenden Dienstag.", False, "2024-06-25", "day"),
        ("Das war am vergangenen Donnerstag.", False, "2024-06-13", "day"),
        ("Die Sitzung begann am Donnerstag.", False, "2024-06-20", "day"),
        ("Am Dienstagabend kam es zu Protesten.", False, "2024-06-18", "day"),
        ("In der Nacht zum Mittwoch brannte es.", False, "2024-06-19", "day"),
        ("Das Treffen fand vergangene Woche statt.", False, "2024-W24", "week"),
        ("Das Treffen soll nächste Woche stattfinden.", True, "2024-W26", "week"),
        ("Die Reform tritt Anfang Juli in Kraft.", False, "2024-07", "month"),
        ("Die Wahl war im Januar.", False, "2024-01", "month"),
        ("Die Wahl soll im Januar sein.", True, "2025-01", "month"),
        ("Im Dezember gab es Streit.", False, "2023-12", "month"),
        ("Er reist morgen nach Rom.", False, "2024-06-21", "day"),
        ("Er reiste gestern nach Rom.", False, "2024-06-19", "day"),
        ("Heute beginnt der Gipfel.", False, "2024-06-20", "day"),
        ("Vorgestern fiel die Entscheidung.", False, "2024-06-18", "day"),
        ("Das Urteil fiel am 5. März.", False, "2024-03-05", "day"),
        ("Das Urteil fiel am 5. März 2023.", False, "2023-03-05", "day"),
        ("Das Urteil fiel am 05.03.2023.", False, "2023-03-05", "day"),
        ("Kim besuchte im September 2023 Russland.", False, "2023-09", "month"),
        ("Im vergangenen Jahr sank der Absatz.", False, "2023", "year"),
        ("Der Umsatz lag über dem Vorjahr.", False, "2023", "year"),
        ("Das Gesetz gilt seit 2019.", False, "2019", "year"),
        ("Im Jahr 2030 soll das Werk fertig sein.", True, "2030", "year"),
    ],
)
def test_dates_resolve_relative_and_absolute(text, future, value, precision):
    found = find_dates(text, THURSDAY, future=future)
    assert [(d.value, d.precision) for d in found] == [(value, precision)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Er sprach am Dienstag im Bundestag.", None),
        ("Das Treffen fand vergangene Woche statt.", None),
        ("Kim besuchte im September 2023 Russland.", "2023-09"),
        ("Das Urteil fiel am 5. März 2023.", "2023-03-05"),
        ("Die Reform tritt Anfang Juli in Kraft.", None),
    ],
)
def test_dates_without_anchor_stay_open_unless_absolute(text, value):
    (found,) = find_dates(text, None)
    assert found.value == value
    assert found.relative == (value is None)


@pytest.mark.parametrize(
    "text",
    [
        "August Bebel sprach vor den Arbeitern.",  # a name, not a month
        "Heute Morgen und am Morgen danach.",  # 'am Morgen' is no tomorrow ('Heute' is found, tested above)
        "Der Preis stieg um 1.000 Euro.",
        "Version 2.1.3 ist erschienen.",
        "Der 31.02.2024 existiert nicht.",
        "Die Erde dreht sich.",
    ],
)
def test_dates_ignore_what_is_no_date(text):
    values = [d.text for d in find_dates(text, THURSDAY)]
    assert all(v.lower().startswith("heute") for v in values)


def test_dates_offsets_point_into_the_text():
    text = "Vorwort. Er kam am Montag zurück."
    (d,) = find_dates(text[9:], THURSDAY, offset=9)
    assert text[d.start : d.end] == "am Montag" and d.value == "2024-06-17"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-20", THURSDAY),
        ("2024-06-20T23:30:00+02:00", THURSDAY),
        ("2024-06-20T10:00:00Z", THURSDAY),
        ("gestern", None),
        (None, None),
    ],
)
def test_dates_parse_article_date(value, expected):
    assert parse_date(value) == expected
