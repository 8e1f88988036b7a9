"""The DuckDB event store: idempotent appends, replacement, types, ordering, clear errors.

Events are built directly (no spaCy) so the file runs in about a second.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from eventcode.export import EVENT_COLUMNS, events_to_frame
from eventcode.records import Actor, Article, Event, EventDate
from eventcode.store import SCHEMA_VERSION, EventStore, StoreError, connect, content_hash, dictionaries_digest

DAY = dt.date(2020, 12, 22)


def event(article_id: str, sentence: int, code: str, *, start: int = 0, source: str = "INDGOV", target: str = "JPNGOV", date: dt.date = DAY) -> Event:
    return Event(
        article_id=article_id,
        sentence_index=sentence,
        source=Actor(code=source, country=source[:3], sector=source[3:], text="India", start=start, rule="named:India"),
        target=Actor(code=target, country=target[:3], sector=target[3:], text="Japan", start=start + 2, rule="named:Japan"),
        cameo_code=code,
        rule=f"rule-{code}",
        verb_text="did",
        sentence=f"Sentence {sentence} of {article_id}.",
        date=EventDate(date=date, precision="day", method="publication"),
        publication_date=DAY,
        publisher="The Week",
        url=f"https://example.org/{article_id}",
    )


def article(article_id: str, text: str = "India and Japan held talks.") -> Article:
    return Article(id=article_id, text=text, date=DAY, title="Talks", publisher="The Week", url=f"https://example.org/{article_id}")


@pytest.fixture
def store(tmp_path: Path):
    with EventStore(tmp_path / "events.duckdb") as s:
        yield s


def test_round_trip_equals_events_to_frame(store: EventStore) -> None:
    events = [event("b", 0, "042"), event("a", 1, "0874"), event("a", 1, "036", start=5), event("a", 0, "190")]
    store.add_articles([(article("a"), [e for e in events if e.article_id == "a"]), (article("b"), events[:1])])
    got = store.events()
    want = events_to_frame(events)
    pd.testing.assert_frame_equal(got, want)
    assert list(got.columns) == list(EVENT_COLUMNS)
    assert got.attrs["quad_scheme"] == "gdelt"


def test_codes_stay_strings_with_leading_zeros(store: EventStore) -> None:
    store.add("a", "h1", [event("a", 0, "042"), event("a", 1, "0874")])
    assert store.events()["cameo_code"].tolist() == ["042", "0874"]
    assert store.events()["cameo_root"].tolist() == ["04", "08"]
    raw = store.sql("SELECT cameo_code, typeof(cameo_code) AS t FROM events ORDER BY cameo_code")
    assert raw["cameo_code"].tolist() == ["042", "0874"] and set(raw["t"]) == {"VARCHAR"}
    assert store.events("cameo_code = ?", ["042"])["event_id"].tolist() == ["a:0:0"]


def test_same_article_again_is_idempotent(store: EventStore) -> None:
    a = article("a")
    events = [event("a", 0, "042"), event("a", 2, "0874")]
    assert store.add_article(a, events, model="m 1", dictionaries={"verbs.tsv": "x"}) == "added"
    first_events, first_articles = store.events(), store.articles()
    assert store.add_article(a, events, model="m 1", dictionaries={"verbs.tsv": "x"}) == "unchanged"
    assert store.counts() == {"articles": 1, "events": 2}
    pd.testing.assert_frame_equal(store.events(), first_events)
    pd.testing.assert_frame_equal(store.articles(), first_articles)


def test_changed_hash_replaces_events(store: EventStore) -> None:
    store.add_articles([(article("a"), [event("a", 0, "042"), event("a", 1, "043")]), (article("b"), [event("b", 0, "190")])])
    edited = article("a", text="India and Japan signed a pact.")
    assert content_hash(edited) != content_hash(article("a"))
    assert store.add_article(edited, [event("a", 0, "057")]) == "replaced"
    assert store.counts() == {"articles": 2, "events": 2}
    assert store.events("article_id = ?", ["a"])["cameo_code"].tolist() == ["057"]
    assert store.events("article_id = ?", ["b"])["cameo_code"].tolist() == ["190"]  # others untouched
    row = store.articles().set_index("article_id").loc["a"]
    assert row["content_hash"] == content_hash(edited) and row["n_events"] == 1


def test_has(store: EventStore) -> None:
    a = article("a")
    assert not store.has("a", content_hash(a))
    store.add_article(a, [], model="m 1", dictionaries="d1")  # no events: still recorded, so it can be skipped
    assert store.has("a", content_hash(a))
    assert not store.has("a", content_hash(article("a", text="Other text.")))
    assert store.has("a", content_hash(a), model="m 1", dictionaries="d1")
    assert not store.has("a", content_hash(a), model="m 2")
    assert not store.has("a", content_hash(a), dictionaries={"verbs.tsv": "y"})
    assert store.counts() == {"articles": 1, "events": 0}


def test_content_hash_covers_what_reaches_the_rows() -> None:
    a = article("a", text="India and Japan held talks.")
    assert content_hash(a) == content_hash(article("a", text="India and Japan\nheld talks.\n"))  # same text to the coder
    assert content_hash(a) != content_hash(Article(id="a", text=a.text, date=dt.date(2021, 1, 1), publisher=a.publisher, url=a.url))
    assert content_hash(a) != content_hash(Article(id="a", text=a.text, date=a.date, publisher=a.publisher, url="https://example.org/other"))
    assert content_hash(a) == content_hash(Article(id="other-id", text=a.text, date=a.date, title=a.title, publisher=a.publisher, url=a.url))
    # the title is coded too (eventcode.headlines): a new title means new events
    assert content_hash(a) != content_hash(Article(id="a", text=a.text, date=a.date, title="New title", publisher=a.publisher, url=a.url))
    assert dictionaries_digest({"b": "2", "a": "1"}) == dictionaries_digest({"a": "1", "b": "2"})


def test_ordering_is_deterministic(tmp_path: Path) -> None:
    events = [event("a", 0, "042", start=i) for i in range(12)] + [event("B", 3, "043"), event("a", 10, "190")]
    orders = []
    for n, batch in enumerate((events, list(reversed(events)))):
        with EventStore(tmp_path / f"{n}.duckdb") as s:
            s.add("a", "h", [e for e in batch if e.article_id == "a"])
            s.add("B", "h", [e for e in batch if e.article_id == "B"])
            orders.append(s.events()["event_id"].tolist())
    assert orders[0] == orders[1]
    assert orders[0][:3] == ["B:3:0", "a:0:0", "a:0:1"] and orders[0][10:13] == ["a:0:9", "a:0:10", "a:0:11"]


def test_mismatched_article_id_is_refused_and_rolled_back(store: EventStore) -> None:
    with pytest.raises(ValueError, match="'b'.*'a'"):
        store.add("a", "h", [event("b", 0, "042")])
    assert store.counts() == {"articles": 0, "events": 0}


def test_reopen_and_read_only(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with EventStore(path, scheme="phoenix") as s:
        s.add("a", "h", [event("a", 0, "190")])
        want = s.events()
    with connect(path) as s:
        assert s.scheme == "phoenix"
        pd.testing.assert_frame_equal(s.events(), want)
        with pytest.raises(duckdb.Error):
            s.sql("DELETE FROM events")
    with pytest.raises(StoreError, match="phoenix.*gdelt"):
        EventStore(path, scheme="gdelt")
    con = duckdb.connect(str(path), read_only=True)  # plain DuckDB works too
    try:
        assert con.execute("SELECT cameo_code FROM events").fetchall() == [("190",)]
    finally:
        con.close()


def test_missing_folders_are_created_for_writing_only(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "output" / "events.duckdb"
    with pytest.raises(StoreError, match="no event store there"):
        connect(path)
    assert not path.parent.exists()
    with EventStore(path) as s:
        s.add("a", "h", [event("a", 0, "036")])
    with connect(path) as s:
        assert s.events()["cameo_code"].tolist() == ["036"]


def test_not_a_duckdb_file(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("event_id,article_id\n", encoding="utf-8")
    with pytest.raises(StoreError, match="events.csv"):
        EventStore(path)
    with pytest.raises(StoreError, match="missing.duckdb"):
        connect(tmp_path / "missing.duckdb")


def test_foreign_or_incompatible_database(tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE things (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match=r"other\.duckdb.*not an eventcode event store"):
        EventStore(other)

    old = tmp_path / "old.duckdb"
    EventStore(old).close()
    con = duckdb.connect(str(old))
    con.execute("UPDATE eventcode_meta SET value = '0' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match=rf"old\.duckdb.*schema version 0.*{SCHEMA_VERSION}"):
        EventStore(old)

    altered = tmp_path / "altered.duckdb"
    EventStore(altered).close()
    con = duckdb.connect(str(altered))
    con.execute("ALTER TABLE events DROP COLUMN goldstein")
    con.close()
    with pytest.raises(StoreError, match=r"altered\.duckdb.*'events'.*goldstein"):
        EventStore(altered)


def test_delete_and_closed_store(tmp_path: Path) -> None:
    s = EventStore(tmp_path / "events.duckdb")
    s.add("a", "h", [event("a", 0, "042")])
    s.add("b", "h", [])
    assert s.delete(["a", "zzz"]) == 1
    assert s.counts() == {"articles": 1, "events": 0}
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.events()


def test_coder_provenance_without_spacy() -> None:
    from types import SimpleNamespace

    from eventcode.store import coder_provenance
    from eventcode.tsv import Source

    actors, verbs = Source("actors.tsv", "a\n"), Source("verbs.tsv", "v\n")
    fake = SimpleNamespace(model=("en_core_web_sm", "3.8.0"), actor_dictionary=SimpleNamespace(sources=(actors,)), verb_dictionary=SimpleNamespace(sources=(verbs,)))
    prov = coder_provenance(fake)  # type: ignore[arg-type]
    assert prov == {"model": "en_core_web_sm 3.8.0", "dictionaries": dictionaries_digest({"actors.tsv": actors.sha256, "verbs.tsv": verbs.sha256})}
