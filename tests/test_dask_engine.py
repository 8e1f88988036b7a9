"""The Dask engine gives exactly the local run's events and report, on a real LocalCluster."""

from __future__ import annotations

import datetime as dt
import sys
import time
from itertools import islice

import pytest

from eventcode.actions import load_verbs
from eventcode.actors import load_actors
from eventcode.corpus import iter_corpus
from eventcode.errors import EventcodeError
from eventcode.pipeline import EventCoder, RunReport
from eventcode.records import Article, Problem

from .conftest import ROOT

distributed = pytest.importorskip("distributed")
dask_engine = pytest.importorskip("eventcode.dask_engine")


@pytest.fixture(scope="module")
def client():
    """Two single-threaded worker processes, as the engine's own LocalCluster would make."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.fixture(scope="module")
def user_files(tmp_path_factory):
    """A user actor file and a user verb file: their contents must reach the workers."""
    d = tmp_path_factory.mktemp("dicts")
    actors = d / "my_actors.tsv"
    actors.write_text("pattern\tcode\tkind\tstart\tend\tsource\nFooland\tFOO\tname\t\t\ttest\n", encoding="utf-8")
    verbs = d / "my_verbs.tsv"
    verbs.write_text("id\tcode\tverb\tobject\ttarget\tflags\texample\nuser-applaud\t051\tapplaud\t\tdobj\t\tFooland applauded Japan.\n", encoding="utf-8")
    return [actors], [verbs]


def _items() -> list[Article | Problem]:
    corpus = [i for i in islice(iter_corpus([ROOT / "data" / "corpus"], None), 12) if isinstance(i, Article)][:7]
    mine = Article(id="fooland", text="Fooland applauded Japan on Tuesday for its aid.", date=dt.date(2020, 12, 22), origin="test:1")
    problem = Problem(where="test.jsonl:3", reason="empty text", article_id="blank")
    return [*corpus[:3], problem, mine, *corpus[3:]]


def test_dask_run_equals_local_run(client, user_files):
    actors, verbs = user_files
    items = _items()
    local_report = RunReport()
    local = list(EventCoder(actors=actors, verbs=verbs).code_articles(items, report=local_report))
    assert any(e.rule == "user-applaud" and e.source.code == "FOO" for e in local)  # the user files matter

    started = time.perf_counter()
    with dask_engine.DaskCoder(actors=actors, verbs=verbs, client=client) as coder:
        report = RunReport()
        # batches of 2 with a window of 2: several tasks, finishing in any order, re-ordered
        events = list(coder.code_articles(items, report=report, batch_size=2, window=2))
        assert coder.model == EventCoder(actors=actors, verbs=verbs).model
    assert events == local  # same events, same order
    fooland = [e for e in events if e.source.code == "FOO"]
    assert fooland and fooland[0].source.rule == f"{actors[0].resolve()}:2"  # provenance names the user's file
    assert report.as_dict() == local_report.as_dict()
    assert report.problems == local_report.problems
    assert time.perf_counter() - started < 60

    # the one-call form (reusing the workers' coder: the plugin is idempotent)
    report2 = RunReport()
    again = list(dask_engine.code_articles_dask(items, actors=actors, verbs=verbs, client=client, report=report2, batch_size=3))
    assert again == local and report2.as_dict() == local_report.as_dict()
    assert not client.status == "closed"  # a caller's client is left open


def test_input_is_streamed_not_submitted_at_once(client):
    pulled = 0

    def stream():
        nonlocal pulled
        for i in range(1000):
            pulled += 1
            yield Article(id=f"a{i}", text="Japan praised India on Tuesday.", date=dt.date(2020, 12, 22))

    with dask_engine.DaskCoder(client=client) as coder:
        events = coder.code_articles(stream(), batch_size=4, window=3)
        first = next(events)
        assert first.article_id == "a0"
        assert pulled <= 4 * 4  # window batches in flight plus the one being filled
        events.close()  # stopping early cancels what is in flight


def test_dictionaries_from_contents_match_the_path_loaders(user_files):
    """Workers build dictionaries from file contents; they must equal load_actors/load_verbs."""
    actors, verbs = user_files
    spec = dask_engine.CoderSpec(
        model=None,
        actor_sources=tuple(s for s in load_actors(actors).sources if "my_actors" in s.name),
        verb_sources=tuple(s for s in load_verbs(verbs).sources if "my_verbs" in s.name),
        version="x",
    )
    assert len(spec.actor_sources) == len(spec.verb_sources) == 1
    actor_dictionary, verb_dictionary = dask_engine.build_dictionaries(spec)
    assert actor_dictionary.sources == load_actors(actors).sources
    assert actor_dictionary.sizes() == load_actors(actors).sizes()
    assert verb_dictionary.sources == load_verbs(verbs).sources
    assert [p.id for p in verb_dictionary.patterns] == [p.id for p in load_verbs(verbs).patterns]


def test_unreachable_scheduler_names_the_address():
    started = time.perf_counter()
    with pytest.raises(EventcodeError, match=r"tcp://127\.0\.0\.1:9.*within 1 s"):
        dask_engine.DaskCoder(scheduler="tcp://127.0.0.1:9", timeout=1)
    assert time.perf_counter() - started < 10


def test_missing_dask_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(EventcodeError, match=r"pip install 'eventcode\[dask\]'"):
        dask_engine.DaskCoder()


def test_bad_model_on_workers_is_reported(client):
    with pytest.raises(EventcodeError, match="on a Dask worker: .*no_such_model"):
        dask_engine.DaskCoder(model="no_such_model", client=client)
