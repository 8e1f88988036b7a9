"""Resolving date expressions against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcode.dates import publication, resolve

PUB = dt.date(2020, 12, 22)  # a Tuesday


@pytest.mark.parametrize(
    "text, tense, iso, precision, method",
    [
        ("on Tuesday", "past", "2020-12-22", "day", "weekday"),
        ("Monday", "past", "2020-12-21", "day", "weekday"),
        ("on Wednesday", "past", "2020-12-16", "day", "weekday"),
        ("last Tuesday", "past", "2020-12-15", "day", "weekday"),
        ("yesterday", None, "2020-12-21", "day", "relative"),
        ("today", None, "2020-12-22", "day", "relative"),
        ("last week", None, "2020-12-14", "week", "relative"),
        ("last month", None, "2020-11", "month", "relative"),
        ("earlier this month", None, "2020-12", "month", "relative"),
        ("last year", None, "2019", "year", "relative"),
        ("in September", "past", "2020-09", "month", "month"),
        ("in January", "future", "2021-01", "month", "month"),
        ("September 15", "past", "2020-09-15", "day", "month_day"),
        ("15 September 2018", None, "2018-09-15", "day", "explicit"),
        ("March 3, 2019", None, "2019-03-03", "day", "explicit"),
        ("December 2008", None, "2008-12", "month", "explicit"),
        ("in 2008", None, "2008", "year", "year"),
        ("two years ago", None, "2018", "year", "relative"),
        ("3 days ago", None, "2020-12-19", "day", "relative"),
    ],
)
def test_resolve_expressions(text, tense, iso, precision, method):
    got = resolve(text, PUB, tense)
    assert got is not None, text
    assert (got.iso(), got.precision, got.method) == (iso, precision, method)


def test_month_without_year_picks_nearest_past_occurrence_for_past_tense():
    """'signed in December' published in January means last December."""
    assert resolve("in December", dt.date(2021, 1, 5), "past").iso() == "2020-12"


@pytest.mark.parametrize("text", ["recent years", "the past decade", "annual", "decades"])
def test_vague_spans_of_time_resolve_to_nothing(text):
    assert resolve(text, PUB, "past") is None


def test_relative_expression_without_publication_date_is_unresolved_but_explicit_works():
    assert resolve("on Tuesday", None) is None
    assert resolve("9 September 2020", None).iso() == "2020-09-09"


def test_publication_fallback():
    assert publication(PUB).method == "publication" and publication(PUB).precision == "day"
    assert publication(None).precision == "none"


@pytest.mark.parametrize("text, iso", [("October last year", "2019-10"), ("in March this year", "2020-03"), ("in May next year", "2021-05")])
def test_a_month_of_last_this_or_next_year(text, iso):
    found = resolve(text, PUB, "past")
    assert found is not None and found.iso() == iso and found.precision == "month"
    assert resolve("last year", PUB).iso() == "2019"  # trap: the year alone stays a year
