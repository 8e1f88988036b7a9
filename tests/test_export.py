"""Events → DataFrame → CSV → DataFrame, with fixed columns, string codes and a sidecar."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from eventcode.errors import InputError
from eventcode.export import EVENT_COLUMNS, events_to_frame, read_events_csv, repair_codes, write_csv, write_meta
from eventcode.records import Actor, Event, EventDate


def _event(code="041", sentence_index=0, negated=False):
    return Event(
        article_id="a1",
        sentence_index=sentence_index,
        source=Actor(code="INDGOV", country="IND", sector="GOV", text="Rajnath Singh", rule="people:x"),
        target=Actor(code="JPNGOV", country="JPN", sector="GOV", text="Kishi Nobuo", rule="people:y"),
        cameo_code=code,
        rule="hold-phone",
        verb_text="held conversation",
        sentence="Rajnath Singh held a telephonic conversation with Kishi Nobuo, \"quoted\", and more.",
        date=EventDate(date=dt.date(2020, 9, 1), precision="month", method="month", text="in September"),
        negated=negated,
        publication_date=dt.date(2020, 12, 22),
    )


def test_frame_has_fixed_columns_and_types():
    df = events_to_frame([_event(), _event("057", 1, negated=True)])
    assert list(df.columns) == list(EVENT_COLUMNS)
    assert df["cameo_code"].tolist() == ["041", "057"]
    assert str(df["cameo_code"].dtype) == "string"
    assert df.loc[0, "event_date"] == "2020-09" and df.loc[0, "quad_class"] == 1
    assert df.loc[1, "occurred"] == False  # noqa: E712
    assert df.loc[1, "goldstein"] == 8.0  # GDELT weight for 057 sign formal agreement


def test_phoenix_scheme_changes_quad_class():
    assert events_to_frame([_event("010")], scheme="phoenix").loc[0, "quad_class"] == 0
    with pytest.raises(ValueError, match="unknown QuadClass scheme"):
        events_to_frame([_event()], scheme="icews")


def test_csv_round_trip_keeps_codes_and_types(tmp_path):
    df = events_to_frame([_event("0311"), _event("041", 1)])
    path = write_csv(df, tmp_path / "e.csv")
    back = read_events_csv(path)
    assert back["cameo_code"].tolist() == ["0311", "041"]
    assert back["sentence_index"].dtype == "int64" and back["negated"].dtype == bool
    pd.testing.assert_frame_equal(back[["cameo_code", "source_code", "sentence"]], df[["cameo_code", "source_code", "sentence"]])


def test_integer_mangled_codes_are_refused_or_repaired_explicitly(tmp_path):
    df = events_to_frame([_event("041")])
    df["cameo_code"] = "41"
    path = write_csv(df, tmp_path / "mangled.csv")
    with pytest.raises(InputError, match=r"line\(s\) 2"):
        read_events_csv(path)
    assert repair_codes(pd.Series(["41", "57"])).tolist() == ["041", "057"]


def test_empty_file_is_a_clear_error(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty file"):
        read_events_csv(p)


def test_meta_sidecar_has_no_timestamp_and_names_scheme(tmp_path):
    out = write_meta(tmp_path / "e.csv", model=("en_core_web_sm", "3.8.0"), dictionaries={"verbs.tsv": "ab"}, input_hash="cd", scheme="gdelt", counts={"articles": 1})
    meta = json.loads(out.read_text(encoding="utf-8"))
    assert meta["quad_class_scheme"] == "gdelt" and meta["model"]["version"] == "3.8.0"
    assert out.name == "e.csv.meta.json"
    assert "time" not in out.read_text(encoding="utf-8").lower().replace("goldstein", "")


def test_typed_exports_read_back_with_codes_as_strings(tmp_path):
    from eventcode.export import read_events, write_companions

    df = events_to_frame([_event("010"), _event("0311", 1, negated=True), _event("041", 2)])
    csv = write_csv(df, tmp_path / "events.csv")
    written = write_companions(df, csv)
    assert sorted(p.name for p in written.values()) == ["events.dta", "events.parquet", "events_codebook.csv", "events_dictionary.csv"]
    from_csv = read_events(csv)
    for name in ("events.dta", "events.parquet"):
        back = read_events(tmp_path / name)
        assert back["cameo_code"].tolist() == ["010", "0311", "041"], name  # "010" is make statement, not 10 (demand)
        assert back["negated"].tolist() == [False, True, False] and back["negated"].dtype == bool
        pd.testing.assert_frame_equal(back, from_csv)
    # what R, Stata or plain pandas see without eventcode
    stata = pd.read_stata(tmp_path / "events.dta", iterator=True)
    assert stata.variable_labels()["cameo_code"].startswith("CAMEO event code")
    assert pd.read_stata(tmp_path / "events.dta")["cameo_code"].tolist() == ["010", "0311", "041"]
    assert pd.read_parquet(tmp_path / "events.parquet")["cameo_code"].tolist() == ["010", "0311", "041"]


def test_typed_exports_are_byte_identical(tmp_path):
    from eventcode.export import write_dta, write_parquet

    df = events_to_frame([_event("010"), _event("041", 1)])
    assert write_dta(df, tmp_path / "a.dta").read_bytes() == write_dta(df, tmp_path / "b.dta").read_bytes()
    assert write_parquet(df, tmp_path / "a.parquet").read_bytes() == write_parquet(df, tmp_path / "b.parquet").read_bytes()


def test_csv_booleans_are_true_false_and_the_dictionary_says_so(tmp_path):
    from eventcode.export import data_dictionary

    text = write_csv(events_to_frame([_event(), _event("057", 1, negated=True)]), tmp_path / "e.csv").read_text(encoding="utf-8")
    rows = pd.read_csv(tmp_path / "e.csv", dtype=str, keep_default_na=False)
    assert rows["negated"].tolist() == ["false", "true"] and "True" not in text
    dictionary = data_dictionary()
    assert dictionary["column"].tolist() == list(EVENT_COLUMNS)
    assert (dictionary["meaning"] != "").all() and (dictionary["type"] != "").all()
    assert "true/false" in dictionary.set_index("column").loc["occurred", "allowed_values"]


def test_read_events_refuses_numeric_codes_and_unknown_formats(tmp_path):
    from eventcode.export import read_events

    df = events_to_frame([_event("041")])
    df.assign(cameo_code=41).to_parquet(tmp_path / "n.parquet")
    with pytest.raises(InputError, match="cameo_code is not text"):
        read_events(tmp_path / "n.parquet")
    (tmp_path / "x.xlsx").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="reads .csv, .parquet or .dta"):
        read_events(tmp_path / "x.xlsx")


def test_the_coded_events_csv_is_written_as_export_writes_it(coder, tmp_path):
    """`eventcode code` (which streams events through disk) and export.write_csv render the
    same rows the same way: booleans true/false, floats unrounded."""
    from eventcode.pipeline import code_to_csv

    src = tmp_path / "a.txt"
    src.write_text("---\ndate: 2020-12-22\n---\nJapan did not sign the pact with India. India praised Japan on Tuesday.\n", encoding="utf-8")
    code_to_csv([src], tmp_path / "coded.csv", coder=coder, progress=False)
    events = coder.code_text(src.read_text(encoding="utf-8").split("---\n", 2)[2], dt.date(2020, 12, 22), article_id="a")
    text = (tmp_path / "coded.csv").read_text(encoding="utf-8")
    assert ",true," in text and ",false," in text and ",True," not in text
    written = write_csv(events_to_frame(events), tmp_path / "direct.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == written.splitlines()[0]
    assert len(text.splitlines()) == len(written.splitlines())
