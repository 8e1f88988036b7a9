"""Background mentions (eventcode.background), offices on the event's date, and how tables
count undated background events."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from eventcode import dates
from eventcode.export import events_to_frame
from eventcode.records import EventDate
from eventcode.tables import prepare

PUB = "2010-05-01"


def only(events, code_root):
    found = [e for e in events if e.cameo_code.startswith(code_root)]
    assert len(found) == 1, [(e.source.code, e.target.code, e.cameo_code) for e in events]
    return found[0]


def test_past_perfect_without_a_date_is_undated_background(code):
    e = only(code("Japan had frozen new grant aid to India.", PUB), "16")
    assert e.background and e.date.date is None and e.date.precision == "none" and e.date.method == "background"
    assert e.date.text == "past perfect"


def test_past_perfect_with_a_year_keeps_the_year(code):
    e = only(code("Japan had frozen new grant aid to India in 1998.", PUB), "16")
    assert e.background and e.date.iso() == "1998" and e.date.precision == "year"


def test_an_old_explicit_date_makes_a_simple_past_background(code):
    e = only(code("Japan froze new aid to India after the 1998 tests.", PUB), "16")
    assert e.background and e.date.iso() == "1998"


@pytest.mark.parametrize("text", ["Japan previously imposed sanctions on India.", "In the past, Japan imposed sanctions on India.", "Japan earlier condemned India."])
def test_earlier_markers(code, text):
    e = [x for x in code(text, PUB) if x.source.country == "JPN" and x.target.country == "IND"][0]
    assert e.background and e.date.date is None and e.date.method == "background"


def test_the_news_itself_is_no_background(code):
    e = only(code("Japan froze new aid to India on Tuesday.", PUB), "16")
    assert not e.background and e.date.date == dt.date(2010, 4, 27)
    e = only(code("Japan will resume aid to India after its new reactors pass inspection.", PUB), "0")
    assert not e.background  # an intention is about the future however it is phrased


def test_office_on_the_event_date_not_the_publication_date(code):
    # Kishida was prime minister from October 2021 to October 2024
    e = only(code("Kishida visited New Delhi in 2022.", "2025-06-01"), "04")
    assert e.source.code == "JPNGOV"
    e = only(code("Kishida visited New Delhi.", "2025-06-01"), "04")
    assert e.source.code == "JPNELI"


def test_reference_day():
    pub = dt.date(2025, 6, 1)
    assert dates.reference_day(EventDate(date=dt.date(2022, 1, 1), precision="year", method="year"), pub) == dt.date(2022, 12, 31)
    assert dates.reference_day(EventDate(date=dt.date(2025, 1, 1), precision="year", method="year"), pub) == pub
    assert dates.reference_day(EventDate(date=dt.date(2022, 3, 1), precision="month", method="month"), pub) == dt.date(2022, 3, 1)
    assert dates.reference_day(EventDate(date=None, precision="none", method="background"), pub) == pub


def test_tables_leave_undated_background_out_and_count_it(code):
    events = code("Japan had frozen new grant aid to India. Japan condemned India on Tuesday.", PUB)
    frame = events_to_frame(events)
    assert frame["background"].tolist().count(True) == 1
    kept = prepare(frame)
    assert len(kept) == len(frame) - 1 and kept.attrs["background_left_out"] == 1
    assert not kept["background"].any()
    everything = prepare(frame, include_background=True)
    assert len(everything) == len(frame) and everything.attrs["background_left_out"] == 0
    assert everything["period_date"].notna().all()  # counted at publication when asked for
    assert pd.Timestamp(PUB) in set(everything["period_date"])


def test_an_intention_in_the_past_perfect_is_background_but_a_future_one_is_not(code):
    e = only(code("Japan had agreed to extend loans to India in 2005.", PUB), "03")
    assert e.mood == "intended" and e.intended_code.startswith("07") and e.background and e.date.iso() == "2005"
    planned = [e for e in code("India will hold talks with Japan next week.", PUB) if e.cameo_code == "036"]
    assert planned and all(e.intended_code.startswith("04") and not e.background for e in planned)


def test_a_relative_clause_takes_the_date_of_the_event_it_follows(code):
    e = only(code("Officials recalled the 1998 tests, after which Japan froze new aid to India.", "2010-08-31"), "16")
    assert e.background and e.date.iso() == "1998"
    e = only(code("Ties soured after India's tests of May 1998, after which Japan froze new loans to India.", "2010-08-31"), "16")
    assert e.background and e.date.iso() == "1998-05"


def test_at_the_time_marks_background(code):
    events = code("Japan was angry at the time of the tests and condemned India.", "2010-08-31")
    e = [x for x in events if x.cameo_code.startswith("11")][0]
    assert e.background and e.date.method == "background"


def test_a_clause_hanging_on_a_day_takes_that_day(code):
    events = code("Japan reached out to India on Monday, when Kishida met Modi in Hiroshima.", "2023-05-20")
    met = [e for e in events if e.cameo_code.startswith("04")]
    assert met and {e.date.date for e in met} == {dt.date(2023, 5, 15)} and not any(e.background for e in met)


def test_last_as_an_adverb_marks_an_earlier_meeting(code):
    events = [e for e in code("Brazil's president last met his Argentine counterpart in Lima in October last year.", PUB) if e.cameo_code.startswith("04")]
    assert events and all(e.background and e.date.iso() == "2009-10" for e in events)
    # trap: "last week" dates the news, it is no mark of an earlier event
    events = [e for e in code("Brazil's president met his Argentine counterpart in Lima last week.", PUB) if e.cameo_code.startswith("04")]
    assert events and not any(e.background for e in events)


def test_a_present_tense_verb_joined_to_a_past_one_is_not_background(code):
    events = code("In the past, Norway and Kenya have signed many pacts and now look forward to closer cooperation.")
    looking = [e for e in events if e.intended_code == "" and e.cameo_code.startswith("03")]
    assert looking and not any(e.background for e in looking)
    # trap: the past verb itself stays background
    assert all(e.background for e in events if e.cameo_code == "057")
