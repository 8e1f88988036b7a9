"""Where it happened (issue 13): the gazetteer, each place rule, each kind of ambiguous name,
and the two codings a place decides (a visit's host, a meeting at a third location)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcode import places
from eventcode.corpus import dateline, prepare_text
from eventcode.places import Entry, choose, load_gazetteer


def _placed(events, source: str | None = None, target: str | None = None, code: str | None = None):
    out = [e for e in events if (source is None or e.source.country == source) and (target is None or e.target.country == target) and (code is None or e.cameo_code == code)]
    assert out, f"no {source}→{target} {code} event in {[(e.source.code, e.target.code, e.cameo_code) for e in events]}"
    return out


# ---------------------------------------------------------------------- gazetteer, no parsing


def test_gazetteer_covers_cities_countries_states_regions_and_aliases():
    g = load_gazetteer()
    assert {e.country for e in g.lookup("Vientiane")} == {"LAO"}
    assert g.lookup("Japan")[0].precision == "country"
    assert any(e.precision == "region" and e.country == "USA" for e in g.lookup("Texas"))
    assert {e.country for e in g.lookup("Bali") if e.precision == "region"} == {"IDN"}
    assert g.lookup("Bombay")[0].name == "Mumbai"  # a GeoNames alternate name
    assert g.lookup("Britain")[0].country == "GBR"  # a name from the actor dictionary
    assert g.country_of("Japanese") == "JPN"
    assert g.capital("IND").name == "New Delhi"
    tokyo = g.lookup("Tokyo")[0]
    assert (round(tokyo.lat, 1), round(tokyo.lon, 1)) == (35.7, 139.7)


def test_homonyms_of_comparable_size_need_context():
    g = load_gazetteer()
    hyderabad = g.lookup("Hyderabad")
    assert {e.country for e in hyderabad} == {"IND", "PAK"}
    assert choose(hyderabad) is None
    assert choose(hyderabad, near=["PAK"]).country == "PAK"
    assert choose(hyderabad, near=["IND"]).country == "IND"
    assert choose(hyderabad, story=["PAK", "CHN"]).country == "PAK"
    assert choose(hyderabad, near=["IND"], story=["PAK"]).country == "IND"  # the event's actors first


def test_country_and_us_state_of_one_name():
    g = load_gazetteer()
    georgia = g.lookup("Georgia")
    assert {(e.country, e.precision) for e in georgia} == {("GEO", "country"), ("USA", "region")}
    assert choose(georgia) is None
    assert choose(georgia, near=["USA"]).country == "USA"
    assert choose(georgia, story=["GEO", "RUS"]).country == "GEO"


def test_a_small_namesake_needs_a_qualifier():
    g = load_gazetteer()
    paris = g.lookup("Paris")
    assert choose(paris).country == "FRA"
    assert choose(paris, near=["USA"]).country == "FRA"  # an American actor alone does not move Paris to Texas
    assert choose(paris, qualifier=g.lookup("Texas")).country == "USA"
    assert choose(paris, regions=["TX"]).country == "USA"
    assert choose(g.lookup("Jordan")).country == "JOR"  # the country, not the Hong Kong district


def test_choose_is_none_for_unknown_and_the_entry_for_one():
    one = Entry("Somewhere", "JPN", 1.0, 2.0, "city", 10.0)
    assert choose([]) is None
    assert choose([one]) is one


def test_switch_turns_places_off(monkeypatch):
    monkeypatch.setenv(places.ENV_SWITCH, "0")
    assert not places.enabled()
    monkeypatch.setenv(places.ENV_SWITCH, "1")
    assert places.enabled()


def test_dateline_is_kept_while_the_text_loses_it():
    text = "NEW DELHI: India and Japan signed a pact on Tuesday.\n\nMore text."
    assert dateline(text) == "NEW DELHI"
    assert not prepare_text(text).startswith("NEW DELHI")
    assert dateline("Tokyo, Dec 22 (PTI) - Japan said so.") == "Tokyo"
    assert dateline("Japan and India signed a pact.") == ""


# ---------------------------------------------------------------------- rules, end to end


def test_arrived_in_a_capital(code):
    events = code("Modi arrived in Tokyo on Monday.")
    (e,) = _placed(events, "IND", "JPN", "042")
    assert (e.place.name, e.place.country, e.place.precision, e.place.method) == ("Tokyo", "JPN", "city", "destination")


def test_visit_host_from_the_place_when_no_host_is_named(code):
    (e,) = _placed(code("Narendra Modi arrived in Osaka on Monday."), "IND", "JPN", "042")
    assert e.target.path == "place" and e.target.code == "JPN"
    assert e.place.method == "destination+host"
    (e,) = _placed(code("Narendra Modi visited Kyoto on Sunday."), "IND", "JPN", "042")
    assert e.place.name == "Kyoto" and e.place.method == "object+host"


def test_visit_to_noun(code):
    events = code("India and Japan signed a rare earths agreement during the Japanese foreign minister's visit to New Delhi.")
    assert any(e.place is not None and e.place.name == "New Delhi" and e.place.method == "destination" for e in events)


def test_meeting_in_a_third_country_is_044_both_ways(code):
    events = code("The foreign ministers of India and Japan met in Vientiane on Saturday.")
    assert {(e.source.country, e.target.country, e.cameo_code) for e in events} >= {("IND", "JPN", "044"), ("JPN", "IND", "044")}
    for e in events:
        assert e.place.country == "LAO" and e.place.method == "prep+044"
        assert any("044" in n for n in e.notes)


def test_meeting_of_coordinated_demonyms_in_a_third_country(code):
    events = code("The Indian and Japanese foreign ministers met in Vientiane.")
    assert {(e.source.country, e.target.country, e.cameo_code) for e in events} >= {("IND", "JPN", "044"), ("JPN", "IND", "044")}


def test_meeting_at_home_stays_040(code):
    events = code("Narendra Modi met Fumio Kishida in Tokyo on Monday.")
    (e,) = _placed(events, "IND", "JPN")
    assert e.cameo_code == "040" and e.place.name == "Tokyo" and e.place.method == "prep"


def test_place_through_event_nouns_and_place_nouns(code):
    (e, *_) = _placed(code("Shinzo Abe met Narendra Modi on the sidelines of the G20 summit in Bali."), "JPN", "IND")
    assert (e.place.name, e.place.country, e.place.precision) == ("Bali", "IDN", "region")
    (e, *_) = _placed(code("Yoriko Kawaguchi met K. Natwar Singh in the Chinese city of Qingdao on Monday."), "JPN", "IND")
    assert (e.place.name, e.place.country, e.cameo_code) == ("Qingdao", "CHN", "044")
    (e,) = _placed(code("Prime Minister Junichiro Koizumi arrived in the Indian capital on Thursday."), "JPN", "IND", "042")
    assert e.place.name == "New Delhi"


def test_qualifier_settles_a_name(code):
    events = code("Indian officials met Japanese diplomats in Paris, Texas, on Friday.")
    (e, *_) = _placed(events, "IND", "JPN")
    assert (e.place.name, e.place.country, e.place.precision) == ("Paris", "USA", "city")
    assert e.place.lat == pytest.approx(33.66, abs=0.01)


def test_ambiguous_city_resolved_by_the_actors(code):
    (e,) = _placed(code("Nawaz Sharif met Chinese officials in Hyderabad on Monday."), "PAK", "CHN")
    assert e.place.country == "PAK"
    (e,) = _placed(code("Narendra Modi met Chinese officials in Hyderabad on Monday."), "IND", "CHN")
    assert e.place.country == "IND"


def test_ambiguous_city_resolved_by_the_story(code):
    text = "Pakistan's government faces floods in Sindh. Chinese diplomats held talks with Russian envoys in Hyderabad on Monday."
    events = code(text)
    placed = [e for e in events if e.place is not None and e.place.name == "Hyderabad"]
    assert placed and all(e.place.country == "PAK" for e in placed)


def test_unresolved_name_is_left_without_a_country(code):
    (e,) = _placed(code("The Japanese envoy met Russian officials in Hyderabad on Monday."), "JPN", "RUS")
    assert (e.place.name, e.place.country, e.place.lat, e.place.method) == ("Hyderabad", "", None, "unresolved")
    assert e.cameo_code == "040"


def test_country_against_us_state_by_context(code):
    (e,) = _placed(code("Joe Biden met Japanese officials in Georgia on Monday."), "USA", "JPN")
    assert (e.place.country, e.place.precision) == ("USA", "region")


def test_dateline_is_the_fallback_and_is_flagged(code):
    events = code("NEW DELHI: India and Japan signed a currency swap agreement on Tuesday.")
    assert events and all(e.place.name == "New Delhi" and e.place.country == "IND" and e.place.method == "dateline" for e in events)
    in_text = code("TOKYO: India and Japan signed a currency swap agreement in New Delhi on Tuesday.")
    assert in_text and all(e.place.name == "New Delhi" and e.place.method == "prep" for e in in_text)


def test_no_place_in_the_text_is_no_place(code):
    events = code("India and Japan signed a currency swap agreement on Tuesday.")
    assert events and all(e.place is None for e in events)
    events = code("Japan expressed concern over the situation in Afghanistan.")
    assert all(e.place is None for e in events)


def test_a_dateline_place_never_decides_a_coding(code):
    events = code("SINGAPORE: The Indian Prime Minister met the Japanese Prime Minister on Tuesday.")
    assert events and all(e.cameo_code == "040" and e.place.method == "dateline" for e in events)


def test_places_off_leaves_events_unplaced(nlp, monkeypatch):
    from eventcode.pipeline import EventCoder

    monkeypatch.setenv(places.ENV_SWITCH, "0")
    coder = EventCoder(nlp=nlp)
    events = coder.code_text("Modi arrived in Tokyo on Monday.", dt.date(2020, 1, 1))
    assert events and all(e.place is None for e in events)


def test_csv_keeps_four_decimals_and_goldstein_one(tmp_path, code):
    from eventcode.export import events_to_frame, read_events_csv, write_csv

    frame = events_to_frame(code("Modi arrived in Tokyo on Monday."))
    path = write_csv(frame, tmp_path / "e.csv")
    text = path.read_text(encoding="utf-8")
    assert ",35.6895,139.6917," in text and ",1.9," in text  # 042 weighs 1.9
    back = read_events_csv(path)
    assert back.loc[0, "action_lat"] == pytest.approx(35.6895)
    assert write_csv(back, tmp_path / "again.csv").read_bytes() == path.read_bytes()


# ---------------------------------------------------------------------- table and figure


def _meeting_rows():
    import pandas as pd

    rows = [
        # article, date, source, target, code, place country, method
        ("a1", "2019-03-01", "IND", "JPN", "042", "JPN", "destination"),
        ("a1", "2019-03-01", "JPN", "IND", "043", "JPN", "prep"),  # the same visit, hosted
        ("a1", "2019-03-01", "IND", "JPN", "040", "", ""),  # talks during it: not a second meeting
        ("a2", "2019-07-01", "JPN", "IND", "044", "LAO", "prep+044"),
        ("a3", "2020-02-01", "JPN", "IND", "040", "IND", "dateline"),  # a dateline does not place a meeting
        ("a4", "2020-05-01", "JPN", "IND", "041", "", ""),  # a phone call is no meeting
        ("a5", "2020-06-01", "JPN", "CHN", "040", "CHN", "prep"),  # another dyad
    ]
    return pd.DataFrame(
        [
            {"article_id": a, "event_date": d, "date_precision": "day", "source_country": s, "target_country": t, "cameo_code": c, "goldstein": 1.0, "occurred": True, "action_country": p, "geo_method": m}
            for a, d, s, t, c, p, m in rows
        ]
    )


def test_meetings_by_place_counts_one_meeting_per_story_and_place():
    from eventcode.tables import meetings_by_place

    table = meetings_by_place(_meeting_rows(), ("IND", "JPN"))
    assert list(table.columns) == ["year", "in_IND", "in_JPN", "third_country", "unplaced", "total"]
    assert table.set_index("year").loc[2019].to_dict() == {"in_IND": 0, "in_JPN": 1, "third_country": 1, "unplaced": 0, "total": 2}
    assert table.set_index("year").loc[2020].to_dict() == {"in_IND": 0, "in_JPN": 0, "third_country": 0, "unplaced": 1, "total": 1}
    other = meetings_by_place(_meeting_rows(), ("CHN", "JPN"))
    assert other.to_dict("records") == [{"year": 2020, "in_CHN": 1, "in_JPN": 0, "third_country": 0, "unplaced": 0, "total": 1}]


def test_meetings_by_place_refuses_bad_input():
    from eventcode.errors import InputError
    from eventcode.tables import meetings_by_place

    with pytest.raises(InputError, match="action_country"):
        meetings_by_place(_meeting_rows().drop(columns=["action_country"]))
    with pytest.raises(InputError, match="dyad"):
        meetings_by_place(_meeting_rows(), ("IND", "IND"))


def test_meetings_by_place_figure_is_reproducible(tmp_path):
    from eventcode.plots import plot_meetings_by_place, save_figure
    from eventcode.tables import meetings_by_place

    table = meetings_by_place(_meeting_rows())
    ax = plot_meetings_by_place(table)
    assert len(ax.containers) == 4
    assert [bar.get_height() for bar in ax.containers[2]] == [1.0, 0.0]  # third country, 2019 and 2020
    one = save_figure(ax, tmp_path / "a.png").read_bytes()
    two = save_figure(plot_meetings_by_place(table), tmp_path / "b.png").read_bytes()
    assert one == two


def test_talks_a_government_holds_in_a_foreign_capital_are_with_its_host(code):
    events = code("The Kenyan foreign minister held talks in Kampala on Monday.")
    assert {(e.source.code, e.target.code) for e in events} == {("KENGOV", "UGAGOV"), ("UGAGOV", "KENGOV")}
    assert all(e.target.path == "place" or e.source.path == "place" for e in events)
    # a capital of its day ("Bonn" for West Germany in 1987)
    assert {e.target.country for e in code("The Soviet deputy premier began talks in Bonn.", "1987-04-01")} >= {"DEU"}
    # traps: talks at home, talks in a city of international bodies, talks by businessmen
    assert not code("The Kenyan foreign minister held talks in Nairobi on Monday.")
    assert not code("Iran held talks in Vienna on Monday.")
    assert not code("Kenyan businessmen held talks in Kampala on Monday.")
