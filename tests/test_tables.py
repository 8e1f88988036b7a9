"""Dyad × period tables: counts, zero-filling, direction, sectors, coarse dates, dedup, panels, errors."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from eventcode.errors import InputError
from eventcode.export import events_to_frame, read_events_csv, write_csv
from eventcode.records import Actor, Event, EventDate
from eventcode.tables import ROOTS, aggregate, between, deduplicate, event_table, panel, prepare, store_quad_counts, write_panel_csv


def make_event(
    src: str = "IND",
    tgt: str = "JPN",
    code: str = "041",
    date: str = "2020-12-22",
    precision: str = "day",
    *,
    article: str = "a1",
    sentence: int = 0,
    src_sector: str = "GOV",
    tgt_sector: str = "GOV",
    negated: bool = False,
    mood: str = "asserted",
) -> Event:
    day = {"day": dt.date.fromisoformat, "week": dt.date.fromisoformat}.get(precision)
    when = day(date) if day else dt.date(int(date[:4]), int(date[5:7]) if precision == "month" else 1, 1)
    return Event(
        article_id=article,
        sentence_index=sentence,
        source=Actor(code=f"{src}{src_sector}", country=src, sector=src_sector, text=src),
        target=Actor(code=f"{tgt}{tgt_sector}", country=tgt, sector=tgt_sector, text=tgt),
        cameo_code=code,
        rule="test",
        verb_text="v",
        sentence="s",
        date=EventDate(date=when, precision=precision, method="explicit"),
        negated=negated,
        mood=mood,
        publication_date=dt.date(2021, 1, 1),
    )


def frame(*events: Event, scheme: str = "gdelt") -> pd.DataFrame:
    # distinct sentence indices keep event ids unique and order stable
    return events_to_frame(events, scheme=scheme)


def row(table: pd.DataFrame, period: str, a: str = "IND", b: str = "JPN") -> pd.Series:
    cols = table.columns[:2]
    hit = table[(table[cols[0]] == a) & (table[cols[1]] == b) & (table["period"] == period)]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def test_counts_per_quad_root_and_goldstein():
    df = frame(
        make_event(code="041", sentence=0),  # quad 1, root 04, +1.0
        make_event(code="057", sentence=1),  # quad 1, root 05, +8.0
        make_event(code="061", sentence=2),  # quad 2, root 06, +6.4
        make_event(code="111", sentence=3),  # quad 3, root 11, -2.0
        make_event(code="173", sentence=4),  # quad 4, root 17, -5.0
    )
    t = aggregate(df)
    assert len(t) == 1
    r = row(t, "2020")
    assert (r.quad_1, r.quad_2, r.quad_3, r.quad_4) == (2, 1, 1, 1)
    assert r.events == 5
    assert {root: r[f"root_{root}"] for root in ROOTS if r[f"root_{root}"]} == {"04": 1, "05": 1, "06": 1, "11": 1, "17": 1}
    assert r.goldstein_sum == pytest.approx(8.4)
    assert r.goldstein_mean == pytest.approx(8.4 / 5)
    assert (r.cooperative, r.conflictual, r.net_cooperation) == (3, 2, 1)
    assert r.cooperative_share == pytest.approx(0.6)
    assert r.period_start == pd.Timestamp("2020-01-01")
    assert all(t[c].dtype == "int64" for c in t.columns if c.startswith(("quad_", "root_")) or c == "events")


def test_quad_comes_from_codebook_for_the_scheme_not_the_frame():
    # 010 "make statement" is GDELT quad 1 but Phoenix quad 0 (neutral), whatever quad_class says
    df = frame(make_event(code="010"), make_event(code="041", sentence=1))
    gdelt = aggregate(df)
    phoenix = aggregate(df, scheme="phoenix")
    assert [c for c in phoenix.columns if c.startswith("quad_")] == ["quad_0", "quad_1", "quad_2", "quad_3", "quad_4"]
    assert "quad_0" not in gdelt.columns
    assert row(gdelt, "2020").quad_1 == 2
    p = row(phoenix, "2020")
    assert (p.quad_0, p.quad_1, p.cooperative, p.events) == (1, 1, 1, 2)
    assert p.cooperative_share == pytest.approx(0.5)


def test_periods_without_events_are_rows_of_zeros():
    df = frame(make_event(date="2018-03-01"), make_event(date="2020-07-04", sentence=1))
    t = aggregate(df)
    assert t["period"].tolist() == ["2018", "2019", "2020"]
    empty = row(t, "2019")
    assert empty.events == 0 and empty.quad_1 == 0 and empty.goldstein_sum == 0.0
    assert math.isnan(empty.goldstein_mean) and math.isnan(empty.cooperative_share)
    wider = aggregate(df, start="2016", end="2021")
    assert wider["period"].tolist() == [str(y) for y in range(2016, 2022)]
    assert wider["events"].sum() == 2
    assert len(aggregate(df, fill=False)) == 2
    q = aggregate(df, period="quarter")
    assert q["period"].iloc[[0, -1]].tolist() == ["2018Q1", "2020Q3"] and len(q) == 11
    d = aggregate(frame(make_event(date="2020-09-01")), period="day", end="2020-09-03")
    assert d["period"].tolist() == ["2020-09-01", "2020-09-02", "2020-09-03"]


def test_directed_and_undirected_dyads():
    df = frame(
        make_event("IND", "JPN", sentence=0),
        make_event("IND", "JPN", sentence=1),
        make_event("JPN", "IND", code="111", sentence=2),
    )
    directed = aggregate(df)
    assert list(directed.columns[:2]) == ["source_country", "target_country"]
    assert row(directed, "2020", "IND", "JPN").events == 2
    assert row(directed, "2020", "JPN", "IND").events == 1
    undirected = aggregate(df, directed=False)
    assert list(undirected.columns[:2]) == ["country_a", "country_b"]
    assert len(undirected) == 1
    r = row(undirected, "2020", "IND", "JPN")
    assert (r.events, r.quad_1, r.quad_3) == (3, 2, 1)
    # a dyad given in either order names the same pair; a directed table has both directions
    same = aggregate(df, dyads=[("JPN", "IND")], directed=False)
    pd.testing.assert_frame_equal(same, undirected)
    both = aggregate(df, dyads=[("JPN", "IND")])
    assert both[["source_country", "target_country", "events"]].values.tolist() == [["IND", "JPN", 2], ["JPN", "IND", 1]]
    assert both.attrs["dyads"] == [["IND", "JPN"], ["JPN", "IND"]]
    pd.testing.assert_frame_equal(both, aggregate(df, dyads=[("IND", "JPN")]))


def test_a_directed_table_has_the_direction_that_has_no_events():
    df = frame(make_event("IND", "JPN", date="2019-01-01"), make_event("IND", "JPN", date="2020-01-01", sentence=1))
    t = aggregate(df, dyads=[("IND", "JPN")], directed=True)
    assert t[["source_country", "target_country", "period", "events"]].values.tolist() == [
        ["IND", "JPN", "2019", 1], ["IND", "JPN", "2020", 1], ["JPN", "IND", "2019", 0], ["JPN", "IND", "2020", 0]
    ]


def test_countries_gives_every_pair_and_absent_codes_give_zero_rows():
    df = frame(make_event("IND", "JPN"), make_event("USA", "JPN", sentence=1), make_event("IND", "IND", sentence=2))
    t = aggregate(df, countries=["IND", "JPN", "KOR"], directed=False)
    assert list(zip(t.country_a, t.country_b)) == [("IND", "JPN"), ("IND", "KOR"), ("JPN", "KOR")]
    assert t["events"].tolist() == [1, 0, 0]
    absent = aggregate(df, dyads=[("KOR", "PRK")])
    assert absent["events"].tolist() == [0, 0] and absent["period"].tolist() == ["2020", "2020"]
    assert absent["source_country"].tolist() == ["KOR", "PRK"]
    everything = aggregate(df)
    assert set(zip(everything.source_country, everything.target_country)) == {("IND", "JPN"), ("USA", "JPN"), ("IND", "IND")}


def test_sector_filters():
    df = frame(
        make_event(src_sector="MIL", tgt_sector="MIL", code="061", sentence=0),
        make_event(src_sector="GOV", tgt_sector="MIL", sentence=1),
        make_event(src_sector="MIL", tgt_sector="GOV", sentence=2),
        make_event(src_sector="BUS", tgt_sector="GOV", sentence=3),
    )
    mil_mil = aggregate(df, source_sectors=["MIL"], target_sectors=["MIL"])
    r = row(mil_mil, "2020")
    assert (r.events, r.quad_2, r.cooperative) == (1, 1, 1)
    assert row(aggregate(df, sectors=["MIL"]), "2020").events == 3  # either actor
    assert row(aggregate(df, source_sectors=["MIL"]), "2020").events == 2
    assert row(aggregate(df, source_sectors=["BUS", "MIL"]), "2020").events == 3
    with pytest.raises(InputError, match="unknown sector code 'military'"):
        aggregate(df, sectors=["military"])


def test_coarse_dates_are_never_put_in_january():
    df = frame(
        make_event(date="2020-12-22", sentence=0),
        make_event(date="2020-09", precision="month", sentence=1),
        make_event(date="2020", precision="year", sentence=2),
        make_event(date="2020-09-28", precision="week", sentence=3),  # Mon 28 Sep – Sun 4 Oct
    )
    year = aggregate(df, period="year")
    assert year["events"].tolist() == [4] and year.attrs["dropped_coarser_dates"] == 0

    month = aggregate(df, period="month")
    assert month.attrs["dropped_coarser_dates"] == 2  # the year and the week that spans two months
    assert row(month, "2020-09").events == 1
    assert row(month, "2020-12").events == 1
    assert month["period"].iloc[0] == "2020-09"  # no January row: the year-precision event was not placed there
    assert month["events"].sum() == 2

    quarter = aggregate(df, period="quarter")
    assert quarter.attrs["dropped_coarser_dates"] == 2  # the year; the week straddles Q3/Q4
    assert row(quarter, "2020Q3").events == 1 and row(quarter, "2020Q4").events == 1

    day = aggregate(df, period="day")
    assert day.attrs["dropped_coarser_dates"] == 3
    assert day["events"].sum() == 1


def test_dropped_counts_are_for_the_table_dyads_only():
    df = frame(make_event("IND", "JPN"), make_event("USA", "CHN", date="2020", precision="year", sentence=1))
    t = aggregate(df, period="month", dyads=[("IND", "JPN")])
    assert t.attrs["dropped_coarser_dates"] == 0
    assert aggregate(df, period="month").attrs["dropped_coarser_dates"] == 1


def test_only_occurred_events_count_by_default():
    df = frame(
        make_event(sentence=0),
        make_event(sentence=1, negated=True),
        make_event(sentence=2, mood="intended"),
    )
    assert aggregate(df)["events"].tolist() == [1]
    assert aggregate(df, occurred_only=False)["events"].tolist() == [3]
    assert len(prepare(df)) == 1 and len(prepare(df, occurred_only=False)) == 3


def test_actors_without_a_country_are_reported():
    df = frame(make_event(), make_event(sentence=1))
    df.loc[1, "target_country"] = ""
    t = aggregate(df)
    assert t["events"].tolist() == [1] and t.attrs["dropped_no_country"] == 1


def test_prepare_adds_first_day_of_the_date():
    df = frame(
        make_event(date="2020-12-22"),
        make_event(date="2020-09", precision="month", sentence=1),
        make_event(date="2019", precision="year", sentence=2),
    )
    p = prepare(df)
    assert p["period_date"].dtype.kind == "M"
    assert p["period_date"].tolist() == [pd.Timestamp("2020-12-22"), pd.Timestamp("2020-09-01"), pd.Timestamp("2019-01-01")]
    assert p["year"].tolist() == [2020, 2020, 2019]
    assert "period_date" not in df.columns  # input untouched


def test_input_errors_name_the_problem():
    df = frame(make_event())
    with pytest.raises(InputError, match="no events"):
        aggregate(df.iloc[0:0])
    with pytest.raises(InputError, match="missing required column.*cameo_code.*occurred"):
        prepare(df.drop(columns=["cameo_code", "occurred"]))
    ints = frame(make_event(), make_event(sentence=1))
    ints["cameo_code"] = [41, 57]  # what a spreadsheet makes of '041', '057'
    with pytest.raises(InputError, match=r"found 41 \(int\) in row\(s\) 0, 1"):
        aggregate(ints)
    mangled = df.assign(cameo_code="41")  # text, but the leading zero is gone: root 41 does not exist
    with pytest.raises(InputError, match="'41' is not a CAMEO code"):
        aggregate(mangled)
    with pytest.raises(InputError, match="unknown country code 'India'"):
        aggregate(df, dyads=[("India", "JPN")])
    with pytest.raises(InputError, match="unknown country code 'jpn'"):
        aggregate(df, countries=["IND", "jpn"])
    with pytest.raises(InputError, match="not an ISO date at month precision"):
        prepare(df.assign(event_date="Sep-20", date_precision="month"))
    with pytest.raises(InputError, match="period must be one of"):
        aggregate(df, period="week")
    with pytest.raises(InputError, match="either dyads or countries"):
        aggregate(df, dyads=[("IND", "JPN")], countries=["IND"])


def test_csv_round_trip_gives_the_same_table(tmp_path):
    df = frame(make_event(), make_event("JPN", "IND", "061", "2020-09", "month", sentence=1))
    back = read_events_csv(write_csv(df, tmp_path / "e.csv"))
    pd.testing.assert_frame_equal(aggregate(back, period="month"), aggregate(df, period="month"))


def test_deduplicate_story_and_day():
    df = frame(
        make_event(article="a1", sentence=0),
        make_event(article="a1", sentence=1),  # same story, same triple → duplicate
        make_event(article="a1", sentence=2, code="057"),
        make_event(article="a2", sentence=0),  # other story, same day and triple
        make_event(article="a2", sentence=1, date="2020-12-23"),  # same story, another date: another event
    )
    story, removed = deduplicate(df, "story")
    assert removed == 1 and story.index.tolist() == [0, 2, 3, 4]
    day, removed_day = deduplicate(df, "day")
    assert removed_day == 2 and day.index.tolist() == [0, 2, 4]
    assert day.attrs["deduplicated"] == {"how": "day", "level": "code", "directed": True, "removed": 2}
    with pytest.raises(InputError, match="how must be one of"):
        deduplicate(df, "sentence")


def test_deduplicate_compares_countries_so_one_signing_in_a_story_counts_once():
    # "India and Japan signed the pact." and "The ministers signed it in Tokyo." in one story,
    # the first coded both ways (a joint signing), the second between the governments
    df = frame(
        make_event("IND", "JPN", "057", src_sector="", tgt_sector="", sentence=0),
        make_event("JPN", "IND", "057", src_sector="", tgt_sector="", sentence=1),
        make_event("IND", "JPN", "057", src_sector="GOV", tgt_sector="GOV", sentence=2),
        make_event("IND", "JPN", "057", article="a2", sentence=0),  # another outlet, same day
    )
    assert df["source_code"].tolist()[:3] == ["IND", "JPN", "INDGOV"]
    directed, removed = deduplicate(df, "story")
    assert removed == 1 and directed.index.tolist() == [0, 1, 3]
    undirected, removed = deduplicate(df, "story", directed=False)
    assert removed == 2 and undirected.index.tolist() == [0, 3]
    day, removed = deduplicate(df, "day", directed=False)
    assert removed == 3 and day.index.tolist() == [0]
    assert deduplicate(df, "none") [1] == 0
    # the yearly undirected table counts the signing once and says how many rows it removed
    t = event_table(df, dedup="story", dyads=[("IND", "JPN")], directed=False)
    assert t[["events", "duplicates_removed"]].values.tolist() == [[2, 2]]
    assert t.attrs["dedup"]["key"] == ["article_id", "the unordered pair of countries", "CAMEO code", "event_date"]
    d = event_table(df, dedup="day", dyads=[("IND", "JPN")], directed=True)
    assert d[["source_country", "events", "duplicates_removed"]].values.tolist() == [["IND", 1, 2], ["JPN", 1, 0]]


def test_a_vaguer_date_of_the_same_event_is_folded_into_the_better_one():
    df = frame(
        make_event("IND", "JPN", "057", "2011-02-16", article="cepa", sentence=0),  # "signed on Wednesday"
        make_event("IND", "JPN", "057", "2011-02-17", article="cepa", sentence=1),  # "the pact was signed by ..." (no date)
        make_event("IND", "JPN", "057", "2011-02", "month", article="later", sentence=0),  # "signed in February"
        make_event("IND", "JPN", "057", "2011-06-01", article="later", sentence=1),  # another signing
    )
    df.loc[1, "date_method"] = "publication"
    story, removed = deduplicate(df, "story")
    assert removed == 1 and story.index.tolist() == [0, 2, 3]  # other stories stay apart
    day, removed = deduplicate(df, "day")
    assert removed == 2 and day.index.tolist() == [0, 3]
    # a publication date from another story is weak evidence: it does not absorb a dated report
    other = df.assign(article_id=["a", "b", "c", "d"])
    assert deduplicate(other, "day")[0].index.tolist() == [0, 1, 3]
    t = event_table(df, dedup="day", dyads=[("IND", "JPN")], directed=False)
    assert t[["events", "root_05", "duplicates_removed"]].values.tolist() == [[2, 2, 2]]


def test_deduplicate_at_root_level_and_on_the_date():
    df = frame(
        make_event(code="040", sentence=0),
        make_event(code="042", sentence=1),  # same root 04, same date
        make_event(code="042", date="2020-12-23", sentence=2),  # another date: another event
    )
    assert deduplicate(df, "story")[1] == 0
    kept, removed = deduplicate(df, "story", level="root")
    assert removed == 1 and kept["cameo_code"].tolist() == ["040", "042"]
    with pytest.raises(InputError, match="level must be one of"):
        deduplicate(df, level="verb")


def test_deduplicate_keeps_an_occurred_row_over_a_negated_one():
    df = frame(make_event(sentence=0, negated=True), make_event(sentence=1))
    kept, removed = deduplicate(df)
    assert removed == 1 and kept["occurred"].tolist() == [True]


def test_panel_types_order_and_byte_identical_csv(tmp_path):
    df = frame(
        make_event("JPN", "IND", "061", "2018-05-01", sentence=0),
        make_event("IND", "JPN", "111", "2020-05-01", sentence=1),
        make_event("USA", "JPN", "041", "2020-05-01", sentence=2),
    )
    p = panel(df, dyads=[("JPN", "USA"), ("IND", "JPN")])
    assert p["dyad"].tolist() == ["IND-JPN"] * 3 + ["JPN-USA"] * 3
    assert p["year"].tolist() == [2018, 2019, 2020] * 2 and p["year"].dtype == "int64"
    assert p["events"].tolist() == [1, 0, 1, 0, 0, 1]
    counts = [c for c in p.columns if c.startswith(("quad_", "root_")) or c in ("events", "cooperative", "conflictual", "net_cooperation")]
    assert all(p[c].dtype == np.int64 for c in counts)
    assert all(c == c.lower() and " " not in c and len(c) <= 32 for c in p.columns)  # Stata-safe names
    first = write_panel_csv(p, tmp_path / "a.csv").read_bytes()
    second = write_panel_csv(panel(df, dyads=[("IND", "JPN"), ("JPN", "USA")]), tmp_path / "b.csv").read_bytes()
    assert first == second
    text = first.decode("utf-8")
    assert "\r" not in text and text.endswith("\n")
    header, line, empty = text.splitlines()[:3]
    assert header.startswith("dyad,country_a,country_b,period,year,period_start,events,quad_1")
    assert line.startswith("IND-JPN,IND,JPN,2018,2018,2018-01-01,1,0,1,0,0,")
    assert ",6.4000,6.4000," in line
    assert empty.startswith("IND-JPN,IND,JPN,2019,2019,2019-01-01,0,") and ",0.0000,," in empty  # mean is missing, not 0
    with pytest.raises(InputError, match="needs dyads"):
        panel(df, dyads=[])


def test_between_keeps_events_between_two_different_listed_countries():
    df = frame(make_event("IND", "JPN"), make_event("JPN", "IND", sentence=1), make_event("IND", "IND", sentence=2), make_event("USA", "JPN", sentence=3))
    assert between(df, ["IND", "JPN"]).index.tolist() == [0, 1]


def test_store_sql_counts_equal_the_table_without_deduplication(tmp_path):
    from eventcode.records import Article
    from eventcode.store import connect

    events = [
        make_event("IND", "JPN", "057", "2011-02-16", article="a", sentence=0),
        make_event("JPN", "IND", "057", "2011-02-16", article="a", sentence=1),
        make_event("JPN", "IND", "163", "1998-05-13", article="b", sentence=0),
        make_event("IND", "JPN", "041", "2011-05-01", article="b", sentence=1, negated=True),
    ]
    with connect(tmp_path / "e.duckdb", read_only=False) as store:
        for aid in ("a", "b"):
            store.add_article(Article(id=aid, text="t"), [e for e in events if e.article_id == aid])
    with connect(tmp_path / "e.duckdb") as store:
        sql = store_quad_counts(store, ["IND", "JPN"])
    table = event_table(frame(*events), dedup="none", dyads=[("IND", "JPN")], directed=False, fill=False)
    assert sql.index.tolist() == table["period"].tolist() == ["1998", "2011"]
    assert sql.columns.tolist() == ["quad_1", "quad_2", "quad_3", "quad_4"]
    assert sql["quad_1"].tolist() == [0, 2] and sql["quad_4"].tolist() == [1, 0]
    for col in sql.columns:
        assert sql[col].tolist() == table[col].tolist()
    deduped = event_table(frame(*events), dedup="day", dyads=[("IND", "JPN")], directed=False, fill=False)
    assert deduped["events"].tolist() == [1, 1] and deduped["duplicates_removed"].tolist() == [0, 1]
