"""Event dates from the publication date and the words of the sentence.

News dates events relative to the day of publication ("on Tuesday", "last month", "in
September"). Each expression resolves to a date, a precision (day, week, month, year) and the
method used, so a researcher can filter on how a date was obtained. Explicit calendar dates
that the rules below do not cover go to ``dateparser``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from .records import EventDate

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_UNIT = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month", "year": "year", "years": "year"}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_LEAD = r"^(?:on|in|during|from|since|by|at|of|the|early|earlier|late|later|mid|mid-|middle of|end of|beginning of|start of|this past|past|\s)*"

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(_LEAD + r"(?P<year>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)$")),
    ("day_month_year", re.compile(_LEAD + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + "$")),
    ("month_day_year", re.compile(_LEAD + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + "$")),
    ("day_month", re.compile(_LEAD + _DAY + r"\s+(?:of\s+)?" + _MONTH + "$")),
    ("month_day", re.compile(_LEAD + _MONTH + r"\s+" + _DAY + "$")),
    ("month_year", re.compile(_LEAD + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + "$")),
    ("last_month_name", re.compile(_LEAD + r"last\s+" + _MONTH + "$")),
    ("month_relative_year", re.compile(_LEAD + _MONTH + r",?\s+(?:of\s+)?(?P<which>last|this|next)\s+year$")),
    ("month", re.compile(_LEAD + _MONTH + "$")),
    ("year", re.compile(_LEAD + _YEAR + "$")),
    ("last_weekday", re.compile(_LEAD + r"last\s+" + _WEEKDAY + "$")),
    ("weekday", re.compile(_LEAD + r"(?:this\s+)?" + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?$")),
    ("today", re.compile(_LEAD + r"(?:today|tonight|this (?:morning|afternoon|evening))$")),
    ("yesterday", re.compile(_LEAD + r"(?:yesterday|last night)(?:\s+(?:morning|afternoon|evening))?$")),
    ("this_week", re.compile(_LEAD + r"this week$")),
    ("last_week", re.compile(_LEAD + r"last week$")),
    ("this_month", re.compile(_LEAD + r"this month$")),
    ("last_month", re.compile(_LEAD + r"last month$")),
    ("this_year", re.compile(_LEAD + r"this year$")),
    ("tomorrow", re.compile(_LEAD + r"tomorrow$")),
    ("next_week", re.compile(_LEAD + r"next week$")),
    ("next_month", re.compile(_LEAD + r"next month$")),
    ("next_year", re.compile(_LEAD + r"next year$")),
    ("last_year", re.compile(_LEAD + r"last year$")),
    ("ago", re.compile(_LEAD + r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago$")),
]

# Expressions that name a span of time rather than when something happened.
_VAGUE = re.compile(r"\b(years|decades|decade|recent|annual|annually|daily|weekly|monthly|century|centuries|era|age|period|future|past few|time)\b")


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _nearest_year(pub: dt.date, month: int, day: int, tense: str | None) -> dt.date | None:
    """The year that puts month/day nearest the publication date, honouring the verb's tense."""
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(dt.date(year, month, min(day, calendar.monthrange(year, month)[1])))
        except ValueError:
            continue
    if tense == "past":
        candidates = [c for c in candidates if c <= pub] or candidates
    elif tense == "future":
        candidates = [c for c in candidates if c >= pub] or candidates
    return min(candidates, key=lambda c: (abs((c - pub).days), c > pub)) if candidates else None


def resolve(expression: str, pub: dt.date | None, tense: str | None = None) -> EventDate | None:
    """Resolve one date expression against the publication date.

    ``tense`` ("past", "future" or None) breaks ties for expressions without a year.
    Returns None when the expression names no point in time we can place.

    >>> resolve("on Tuesday", dt.date(2020, 12, 22)).date
    datetime.date(2020, 12, 22)
    >>> resolve("in September", dt.date(2020, 12, 22), "past").iso()
    '2020-09'
    """
    try:
        return _resolve(expression, pub, tense)
    except (OverflowError, ValueError):
        # a publication date at the edge of the calendar (0001-01-01 + "yesterday",
        # 9999-12-31 + "next week"): the expression names a day no date can hold
        return None


def _resolve(expression: str, pub: dt.date | None, tense: str | None) -> EventDate | None:
    text = " ".join(expression.lower().replace(",", " , ").split()).replace(" ,", ",")
    text = text.strip(" .,;")
    for name, rx in _RULES:
        m = rx.match(text)
        if not m:
            continue
        g = m.groupdict()
        try:
            if name == "iso":
                return EventDate(date=dt.date(int(g["year"]), int(g["m"]), int(g["d"])), precision="day", method="explicit", text=expression)
            if name in ("day_month_year", "month_day_year"):
                return EventDate(date=dt.date(int(g["year"]), MONTHS[g["month"]], int(g["day"])), precision="day", method="explicit", text=expression)
            if name == "month_year":
                return EventDate(date=dt.date(int(g["year"]), MONTHS[g["month"]], 1), precision="month", method="explicit", text=expression)
            if name == "year":
                return EventDate(date=dt.date(int(g["year"]), 1, 1), precision="year", method="year", text=expression)
        except ValueError:
            return None
        if pub is None:
            return None
        if name in ("day_month", "month_day"):
            day = _nearest_year(pub, MONTHS[g["month"]], int(g["day"]), tense)
            return EventDate(date=day, precision="day", method="month_day", text=expression) if day else None
        if name == "month":
            day = _nearest_year(pub, MONTHS[g["month"]], 1, tense)
            return EventDate(date=day, precision="month", method="month", text=expression) if day else None
        if name == "month_relative_year":  # "October last year", "in March this year"
            year = pub.year + {"last": -1, "this": 0, "next": 1}[g["which"]]
            return EventDate(date=dt.date(year, MONTHS[g["month"]], 1), precision="month", method="month", text=expression)
        if name == "last_month_name":
            day = _nearest_year(pub, MONTHS[g["month"]], 1, "past")
            return EventDate(date=day, precision="month", method="month", text=expression) if day else None
        if name in ("weekday", "last_weekday"):
            back = (pub.weekday() - WEEKDAYS[g["weekday"]]) % 7
            if name == "last_weekday" and back == 0:
                back = 7
            if tense == "future" and name == "weekday" and back:
                back -= 7
            return EventDate(date=pub - dt.timedelta(days=back), precision="day", method="weekday", text=expression)
        monday = pub - dt.timedelta(days=pub.weekday())
        simple = {
            "today": (pub, "day"),
            "yesterday": (pub - dt.timedelta(days=1), "day"),
            "this_week": (monday, "week"),
            "last_week": (monday - dt.timedelta(days=7), "week"),
            "this_month": (pub.replace(day=1), "month"),
            "last_month": (_shift_months(pub, -1), "month"),
            "this_year": (dt.date(pub.year, 1, 1), "year"),
            "last_year": (dt.date(pub.year - 1, 1, 1), "year"),
            "tomorrow": (pub + dt.timedelta(days=1), "day"),
            "next_week": (monday + dt.timedelta(days=7), "week"),
            "next_month": (_shift_months(pub, 1), "month"),
            "next_year": (dt.date(pub.year + 1, 1, 1), "year"),
        }
        if name in simple:
            day, precision = simple[name]
            return EventDate(date=day, precision=precision, method="relative", text=expression)
        if name == "ago":
            n = int(g["n"]) if g["n"].isdigit() else _NUMBER_WORDS[g["n"]]
            unit = _UNIT[g["unit"]]
            if unit == "day":
                return EventDate(date=pub - dt.timedelta(days=n), precision="day", method="relative", text=expression)
            if unit == "week":
                return EventDate(date=monday - dt.timedelta(days=7 * n), precision="week", method="relative", text=expression)
            if unit == "month":
                return EventDate(date=_shift_months(pub, -n), precision="month", method="relative", text=expression)
            return EventDate(date=dt.date(pub.year - n, 1, 1), precision="year", method="relative", text=expression)
    if _VAGUE.search(text) or not any(ch.isdigit() for ch in text) and not any(m in text.split() for m in MONTHS):
        return None
    return _dateparser(text, pub, tense, expression)


@lru_cache(maxsize=4096)
def _dateparser(text: str, pub: dt.date | None, tense: str | None, expression: str) -> EventDate | None:
    settings = {"PREFER_DATES_FROM": "future" if tense == "future" else "past", "RETURN_TIME_AS_PERIOD": False}
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    data = _parser(tuple(sorted(settings.items(), key=lambda kv: kv[0]))).get_date_data(text)
    if data.date_obj is None:
        return None
    precision = {"day": "day", "week": "week", "month": "month", "year": "year"}.get(data.period or "day", "day")
    day = data.date_obj.date()
    if precision == "month":
        day = day.replace(day=1)
    elif precision == "year":
        day = dt.date(day.year, 1, 1)
    return EventDate(date=day, precision=precision, method="dateparser", text=expression)


@lru_cache(maxsize=8)
def _parser(settings: tuple):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=dict(settings))


def publication(pub: dt.date | None) -> EventDate:
    """The fallback when the sentence says nothing about when: the day of publication."""
    if pub is None:
        return EventDate(date=None, precision="none", method="none")
    return EventDate(date=pub, precision="day", method="publication")


def reference_day(date: EventDate, pub: dt.date | None) -> dt.date | None:
    """The day on which to look up who held which office for an event with this date.

    An exact date (day, week, month) is used as is. A year is read at the latest day of it that
    is not after publication ("Kishida visited New Delhi in 2022", written in 2025: 31 Dec 2022;
    written in mid-2022: the publication day). An undated event falls back to publication.
    """
    if date.date is None:
        return pub
    if date.precision in ("day", "week", "month"):
        return date.date
    if date.precision == "year":
        end = dt.date(date.date.year, 12, 31)
        return min(end, pub) if pub is not None and pub >= date.date else end
    return pub
