"""The story's news day (eventcode.newsday): events whose sentence names no time take the day
the report gives its news, not the publication day; plans, old dates, background, modal and
negated events do not."""

from __future__ import annotations

import datetime as dt

from eventcode import newsday
from eventcode.records import EventDate


def _dates(events):
    return [(e.cameo_code, e.date.iso(), e.date.method) for e in events]


def test_a_later_undated_sentence_takes_the_lede_day(code):
    events = code("Brazil's foreign minister met his Argentine counterpart in Buenos Aires on Tuesday. Brazil condemned Venezuela's election.", "2021-03-11")
    assert ("111", "2021-03-09", "story") in _dates(events), _dates(events)


def test_an_undated_lede_takes_a_day_stated_further_down(code):
    events = code("Germany has recalled its ambassador from Russia. The recall was announced in Berlin on Monday.", "2021-03-11")
    assert _dates(events) == [("161", "2021-03-08", "story")]


def test_this_month_gives_a_month_not_a_day(code):
    events = code("France criticised Russia this month. Germany condemned Russia.", "2021-03-10")
    later = [e for e in events if e.sentence_index == 1]
    assert later and all(e.date.iso() == "2021-03" and e.date.precision == "month" and e.date.method == "story" for e in later)


def test_a_planned_day_or_an_old_year_is_no_news_day(code):
    planned = code("Germany will host talks with France on Friday. Germany condemned Russia.", "2021-03-10")
    old = code("Germany condemned Russia in 2015. France criticised Russia.", "2021-03-10")
    for events in (planned, old):
        later = [e for e in events if e.sentence_index == 1]
        assert later and all(e.date.method == "publication" and e.date.iso() == "2021-03-10" for e in later), _dates(events)


def test_background_modal_and_negated_events_keep_their_dates(code):
    for second, method in (("Brazil had condemned Venezuela.", "background"), ("Brazil might condemn Venezuela.", "publication"), ("Brazil did not condemn Colombia.", "publication")):
        events = code("Brazil criticised Venezuela on Tuesday. " + second, "2021-03-11")
        later = [e for e in events if e.sentence_index == 1]
        assert later and all(e.date.method == method for e in later), (second, _dates(events))


def test_a_year_modifying_the_object_does_not_date_the_verb(code):
    events = code("Japan lifted its 1998 sanctions on India.", "2001-10-27")
    assert _dates(events) == [("085", "2001-10-27", "publication")]
    # trap: in a phrase of time the year still places the clause
    events = code("Japan froze new aid to India after the 1998 tests.", "2010-05-01")
    assert [d for _, d, _ in _dates(events)] == ["1998"]


def test_fits_accepts_recent_days_and_spans_that_hold_publication():
    pub = dt.date(2021, 3, 10)
    assert newsday.fits(EventDate(date=dt.date(2021, 3, 8), precision="day", method="weekday"), pub)
    assert not newsday.fits(EventDate(date=dt.date(2021, 2, 20), precision="day", method="month_day"), pub)
    assert not newsday.fits(EventDate(date=dt.date(2021, 3, 12), precision="day", method="weekday"), pub)
    assert newsday.fits(EventDate(date=dt.date(2021, 3, 1), precision="month", method="relative"), pub)
    assert not newsday.fits(EventDate(date=dt.date(2021, 2, 1), precision="month", method="relative"), pub)
    assert not newsday.fits(EventDate(date=dt.date(2021, 1, 1), precision="year", method="year"), pub)
    assert not newsday.fits(EventDate(date=dt.date(2021, 3, 8), precision="day", method="weekday"), None)


def test_a_past_verb_hung_on_a_plan_still_dates_the_news(code):
    # the parser may hang "announced" on "will open"; a verb in the simple past is no plan
    events = code("Brazil will open a consulate in Rosario to strengthen trade links with Argentina, the foreign minister announced in Brasilia on Tuesday.", "2021-03-11")
    assert events and all(e.date.iso() == "2021-03-09" for e in events), _dates(events)
