"""Dates for the SQLite FTS5 baseline: Jalali -> Gregorian and YYYY-MM-DD normalisation.

Shared by bench/scale/fts5_index.py (the `published` column) and
bench/query/fts5_query_bench.py (from=/to= bounds), so that both sides agree.

The Jalali calendar here is the arithmetic 33-year cycle (leap when year mod 33 is 1, 5,
9, 13, 17, 22, 26 or 30), which agrees with the official astronomical calendar for the
years of news archives (1244-1531 AP at least). `python3 jalali.py` runs a self-test
against the conversion cases of tests/dates/jalali_test.cc.
"""

import datetime
import re

_LEAP_REMAINDERS = (1, 5, 9, 13, 17, 22, 26, 30)
# 1 Farvardin 1403 was 20 March 2024 (the anchor; every other year is counted from it).
_ANCHOR_YEAR = 1403
_ANCHOR_ORDINAL = datetime.date(2024, 3, 20).toordinal()
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_DATE = re.compile(r"^\s*(\d{4})(?:[/.-](\d{1,2})(?:[/.-](\d{1,2}))?)?")


def is_leap_jalali(year):
    return year % 33 in _LEAP_REMAINDERS


def _days_before_year(year):
    """Days from a fictive year 0 to 1 Farvardin of `year` (only differences matter)."""
    cycles, rest = divmod(year, 33)
    return 365 * year + 8 * cycles + sum(1 for r in _LEAP_REMAINDERS if r < rest)


def jalali_month_days(year, month):
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap_jalali(year) else 29


def jalali_to_gregorian(year, month, day):
    """A datetime.date, or None when the Jalali date does not exist."""
    if not (1 <= year <= 3000 and 1 <= month <= 12 and 1 <= day <= jalali_month_days(year, month)):
        return None
    day_of_year = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    day_of_year += day - 1
    ordinal = (_ANCHOR_ORDINAL + _days_before_year(year) - _days_before_year(_ANCHOR_YEAR)
               + day_of_year)
    return datetime.date.fromordinal(ordinal)


def _gregorian(year, month, day):
    try:
        return datetime.date(year, month, day)
    except (TypeError, ValueError):
        return None


def _parse(text):
    """(year, month or None, day or None) in ASCII digits, or None."""
    m = _DATE.match(str(text or "").translate(_DIGITS))
    if not m:
        return None
    return (int(m.group(1)), int(m.group(2)) if m.group(2) else None,
            int(m.group(3)) if m.group(3) else None)


def normalise_date(text):
    """An article's date as 'YYYY-MM-DD', or '' when it cannot be read.

    ISO dates (2025-04-25, 2025-04-25T10:00:00Z: the date part as is) and Jalali
    YYYY/MM/DD (also with '-' or '.') in Persian, Arabic-Indic or Latin digits; a year
    below 1700 is Jalali, as in Kavosh's query language (docs/query-language.md)."""
    parts = _parse(text)
    if not parts or parts[1] is None or parts[2] is None:
        return ""
    year, month, day = parts
    date = jalali_to_gregorian(year, month, day) if year < 1700 else _gregorian(year, month, day)
    return date.isoformat() if date else ""


def normalise_bound(text, upper):
    """A from= (upper False) or to= (upper True) bound as 'YYYY-MM-DD', or '' when unreadable.

    As Kavosh's API: Jalali or ISO, any digits; a month or a year alone means its first
    day for `from` and its last day for `to`."""
    parts = _parse(text)
    if not parts:
        return ""
    year, month, day = parts
    jalali = year < 1700
    if month is None:
        month = 12 if upper else 1
    if day is None:
        if not upper:
            day = 1
        elif jalali:
            day = jalali_month_days(year, month) if 1 <= month <= 12 else 0
        elif 1 <= month <= 12:
            following = _gregorian(year + month // 12, month % 12 + 1, 1)
            day = (following - datetime.timedelta(days=1)).day if following else 0
    date = jalali_to_gregorian(year, month, day) if jalali else _gregorian(year, month, day)
    return date.isoformat() if date else ""


def _selftest():
    cases = [((1404, 2, 5), (2025, 4, 25)), ((1404, 1, 1), (2025, 3, 21)),
             ((1403, 12, 30), (2025, 3, 20)), ((1403, 1, 1), (2024, 3, 20)),
             ((1402, 12, 10), (2024, 2, 29)), ((1400, 1, 1), (2021, 3, 21)),
             ((1399, 12, 30), (2021, 3, 20)), ((1398, 10, 30), (2020, 1, 20)),
             ((1357, 11, 22), (1979, 2, 11)), ((1404, 2, 7), (2025, 4, 27)),
             ((1404, 1, 31), (2025, 4, 20)), ((1404, 6, 31), (2025, 9, 22))]
    for j, g in cases:
        assert jalali_to_gregorian(*j) == datetime.date(*g), (j, jalali_to_gregorian(*j))
    for j in [(1404, 12, 30), (1404, 13, 1), (1404, 0, 1), (1404, 1, 0), (1404, 1, 32),
              (1404, 7, 31), (0, 1, 1)]:
        assert jalali_to_gregorian(*j) is None, j
    # Consecutive Jalali days are consecutive Gregorian days over 1300-1500 AP.
    previous = None
    for year in range(1300, 1501):
        for month in range(1, 13):
            for day in range(1, jalali_month_days(year, month) + 1):
                ordinal = jalali_to_gregorian(year, month, day).toordinal()
                assert previous is None or ordinal == previous + 1, (year, month, day)
                previous = ordinal
    assert normalise_date("۱۴۰۳/۰۳/۱۷") == "2024-06-06"
    assert normalise_date("1403/3/17") == "2024-06-06"
    assert normalise_date("2025-12-30") == "2025-12-30"
    assert normalise_date("2025-12-30T23:10:00+03:30") == "2025-12-30"
    assert normalise_date("1404/12/30") == "" and normalise_date("yesterday") == ""
    assert normalise_date("") == "" and normalise_date(None) == ""
    assert normalise_bound("1403/01/01", False) == "2024-03-20"
    assert normalise_bound("1403/12/29", True) == "2025-03-19"
    assert normalise_bound("1403", True) == "2025-03-20"
    assert normalise_bound("1404/02", False) == "2025-04-21"
    assert normalise_bound("2024-02", True) == "2024-02-29"
    assert normalise_bound("2024", True) == "2024-12-31"
    assert normalise_bound("2024-01-01", False) == "2024-01-01"
    assert normalise_bound("2024-13", True) == "" and normalise_bound("1404/13", True) == ""
    print("jalali.py: self-test passed")


if __name__ == "__main__":
    _selftest()
