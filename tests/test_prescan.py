"""The actor pre-scan skips sentences but never an event.

Each corpus is coded twice with the same parser, with and without the pre-scan, and the two event
lists must be identical (same events, same order, same sentence indices).
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventcode.corpus import iter_corpus
from eventcode.evaluate import read_class_gold
from eventcode.pipeline import EventCoder, RunReport
from eventcode.records import Article

from .conftest import ROOT, SEED, shared_path


@pytest.fixture(scope="module")
def coders(nlp):
    return EventCoder(nlp=nlp, prescan=True), EventCoder(nlp=nlp, prescan=False)


def _both(coders, articles):
    with_scan, without = coders
    reports = RunReport(), RunReport()
    events = [list(c.code_articles(articles, report=r)) for c, r in zip((with_scan, without), reports)]
    return events, reports


def test_prescan_keeps_sentences_that_refer_back(coders):
    with_scan, _ = coders
    text = (
        "Japan's press secretary, Norio Hattori, spoke in Tokyo. The weather was cold. "
        "Hattori said the visit went well. They signed nothing. The rain stopped."
    )
    tokens = with_scan.splitter(text)
    assert [u.text for u in tokens.units][1] == "The weather was cold."
    assert with_scan.prescan.keep(tokens) == [True, False, True, True, False]


def test_prescan_skips_only_actorless_sentences(coders):
    events, reports = _both(coders, [Article(id="a", text="Prices rose 3 pct in March. India and Japan signed a defence pact on Tuesday.", date=dt.date(2020, 12, 22))])
    assert events[0] == events[1] and events[0]
    assert reports[0].sentences_skipped == 1 and reports[1].sentences_skipped == 0
    assert events[0][0].sentence_index == 1  # the index counts the skipped sentence too


def test_actor_offsets_from_an_earlier_sentence_do_not_depend_on_skipped_ones(coders):
    text = "Prime Minister Narendra Modi spoke in Delhi on Monday. Prices rose 3 pct in March. He later criticised Pakistan."
    events, reports = _both(coders, [Article(id="a", text=text, date=dt.date(2020, 12, 22))])
    assert reports[0].sentences_skipped == 1
    assert events[0] == events[1] and events[0]


@pytest.mark.shared
def test_prescan_loses_nothing_on_the_seed(coders):
    text = shared_path("seed", SEED.name).read_text(encoding="utf-8")
    events, _ = _both(coders, [Article(id="seed", text=text, date=dt.date(2020, 12, 22))])
    assert events[0] == events[1] and len(events[0]) >= 3


@pytest.mark.slow
def test_prescan_loses_nothing_on_the_default_corpus(coders):
    articles = list(iter_corpus([ROOT / "data" / "corpus"]))
    events, reports = _both(coders, articles)
    assert events[0] == events[1]
    assert reports[0].sentences_skipped > 0
    assert reports[0].sentences == reports[1].sentences


@pytest.mark.slow
@pytest.mark.shared
def test_prescan_loses_nothing_on_conflibert(coders):
    rows = read_class_gold(shared_path("dev", "conflibert", "cameo_class_train.tsv"))
    articles = [Article(id=f"cb{i}", text=text, date=dt.date(2015, 6, 1)) for i, (text, _) in enumerate(rows)]
    events, reports = _both(coders, articles)
    assert events[0] == events[1] and len(events[0]) > 300
    assert reports[0].sentences_skipped > 0


@pytest.mark.slow
@pytest.mark.shared
def test_prescan_loses_nothing_on_lower_cased_indian_news(coders):
    """IndiaPoliceEvents' Times of India stories are folded to lower case (and mis-decoded)."""
    items = iter_corpus([shared_path("corpus", "india_police_events", "metadata.csv")])
    articles = [a for a, _ in zip((i for i in items if isinstance(i, Article)), range(60))]
    events, reports = _both(coders, articles)
    assert events[0] == events[1] and len(events[0]) > 10
    assert {e.source.country for e in events[0]} & {"IND", "PAK"}  # names found in lower case
    assert reports[0].sentences_skipped > 0


def test_prescan_keeps_actorless_sentences_once_the_story_has_a_dyad(coders):
    """'A defence pact was signed' takes its two parties from the story: it must be parsed."""
    text = (
        "Prime Minister Narendra Modi met Japanese Prime Minister Shinzo Abe in Tokyo on Monday. "
        "A defence pact was signed on Tuesday. Trade talks were held."
    )
    events, _ = _both(coders, [Article(id="d", text=text, date=dt.date(2015, 12, 16))])
    assert events[0] == events[1]
    assert {e.sentence_index for e in events[0]} == {0, 1, 2}


def test_a_sentence_that_may_give_the_news_day_is_parsed(coders):
    """The story's news day (eventcode.newsday) must not depend on which sentences were parsed."""
    text = "The opposition leader slammed Prime Minister Narendra Modi. The remarks came on Monday. Prices rose 3 pct in March."
    events, reports = _both(coders, [Article(id="n", text=text, date=dt.date(2020, 12, 23))])
    assert events[0] == events[1] and events[0]
    assert all(e.date.iso() == "2020-12-21" and e.date.method == "story" for e in events[0])
    assert reports[0].sentences_skipped == 1  # the sentence with a month alone still is not
