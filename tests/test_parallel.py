"""Parsing on several processes, and streaming: same events, bounded look-ahead."""

from __future__ import annotations

import datetime as dt
import itertools

from eventcode.corpus import iter_corpus
from eventcode.pipeline import EventCoder, RunReport
from eventcode.records import Article, Problem

from .conftest import ROOT


def test_worker_processes_give_the_same_events(nlp):
    items = list(itertools.islice(iter_corpus([ROOT / "data" / "corpus"]), 24))
    items.insert(3, Problem(where="x.csv:4", reason="empty text", article_id="x"))
    local, parallel = RunReport(), RunReport()
    expected = list(EventCoder(nlp=nlp).code_articles(items, report=local))
    got = list(EventCoder(nlp=nlp, n_process=2).code_articles(items, report=parallel, batch_size=5))
    assert got == expected and expected
    assert parallel.as_dict() == local.as_dict() and parallel.problems == local.problems


def test_articles_stream_through_in_batches(nlp):
    read = 0

    def articles():
        nonlocal read
        for i in range(10_000):
            read += 1
            yield Article(id=f"s{i}", text="India and Japan signed a defence pact on Tuesday.", date=dt.date(2020, 12, 22))

    stream = EventCoder(nlp=nlp).code_articles(articles(), batch_size=8)
    first = next(stream)
    assert first.article_id == "s0"
    assert read <= 16


def test_worker_processes_share_the_parse_cache(nlp, tmp_path, monkeypatch):
    items = list(itertools.islice(iter_corpus([ROOT / "data" / "corpus"]), 12))
    expected = list(EventCoder(nlp=nlp).code_articles(items))
    with EventCoder(nlp=nlp, n_process=2, cache=tmp_path) as coder:
        filled = list(coder.code_articles(items, batch_size=3))
    assert filled == expected
    coder = EventCoder(nlp=nlp, cache=tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("parser called")

    monkeypatch.setattr(coder.nlp, "pipe", refuse)
    report = RunReport()
    assert list(coder.code_articles(items, report=report)) == expected
    assert report.sentences_parsed == 0 and report.sentences_cached > 0
