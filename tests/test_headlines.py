"""Headlines (eventcode.headlines): the title is coded, and merged with the body's events."""

from __future__ import annotations

import datetime as dt

from eventcode.export import events_to_frame
from eventcode.headlines import TITLE_INDEX, merge, title_article
from eventcode.records import Actor, Article, Event, EventDate

DAY = dt.date(2016, 11, 12)


def article(title: str, text: str) -> Article:
    return Article(id="story", text=text, date=DAY, title=title, publisher="Test Wire", url="https://example.org/story")


def test_a_title_event_the_body_reports_is_dropped(coder):
    events = list(coder.code_articles([article("India, Japan sign civil nuclear pact", "India and Japan signed a civil nuclear agreement in Tokyo on Friday.")]))
    signed = [e for e in events if e.cameo_code == "057"]
    assert signed and all(e.sentence_index >= 0 for e in events)
    assert {e.date.date for e in signed} == {dt.date(2016, 11, 11)}  # the body's date, not the publication day


def test_a_title_event_the_body_lacks_is_kept_with_index_minus_one(coder):
    events = list(coder.code_articles([article("Japan recalls its ambassador from India", "The foreign ministry in Tokyo called the step temporary.")]))
    title = [e for e in events if e.sentence_index == TITLE_INDEX]
    assert {(e.source.country, e.target.country, e.cameo_code[:2]) for e in title} == {("JPN", "IND", "16")}
    assert all("headline" in e.notes for e in title)
    frame = events_to_frame(events)
    assert frame["event_id"].str.startswith("story:-1:").any()


def test_no_title_no_title_events(coder):
    events = list(coder.code_articles([Article(id="s", text="The foreign ministry called the step temporary.", date=DAY)]))
    assert events == []


def test_title_repeated_as_the_body_s_first_line_is_not_coded_twice():
    assert title_article(article("Japan recalls envoy", "Japan recalls envoy\n\nThe ministry said so.")) is None
    assert title_article(article("  ", "Body.")) is None
    assert title_article(article("JAPAN RECALLS ENVOY FROM INDIA", "The ministry said so.")) is None
    t = title_article(article("Japan recalls envoy", "The ministry said so."))
    assert t is not None and t.text == "Japan recalls envoy" and t.id == "story" and t.date == DAY


def _event(index: int, src: str, tgt: str, code: str) -> Event:
    return Event(article_id="a", sentence_index=index, source=Actor(code=src, country=src[:3]), target=Actor(code=tgt, country=tgt[:3]),
                 cameo_code=code, rule="r", verb_text="v", sentence="s", date=EventDate(date=DAY, precision="day", method="publication"))


def test_merge_keys_on_countries_and_root():
    body = [_event(0, "INDGOV", "JPN", "057")]
    title = [_event(0, "IND", "JPN", "057"), _event(0, "JPN", "IND", "057"), _event(0, "IND", "JPN", "040"), _event(0, "IND", "JPN", "040")]
    merged = merge(title, body)
    kept = [(e.source.code, e.target.code, e.cameo_code) for e in merged if e.sentence_index == TITLE_INDEX]
    assert kept == [("JPN", "IND", "057"), ("IND", "JPN", "040")]
    assert merged[-1] is body[0]


def test_a_title_event_takes_the_lede_s_day(coder):
    text = "The two governments completed the paperwork in New Delhi on Wednesday. Officials called it routine."
    events = list(coder.code_articles([article("India and Japan sign military logistics agreement", text)]))
    title = [e for e in events if e.sentence_index == TITLE_INDEX and e.cameo_code == "057"]
    assert title and {e.date.date for e in title} == {dt.date(2016, 11, 9)} and {e.date.method for e in title} == {"lede"}
