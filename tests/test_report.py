"""The study outputs end to end: tables and figures in both directions, sidecars, any dyad and period, the CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from eventcode.cli import _one_value_options, app
from eventcode.errors import InputError
from eventcode.export import read_events, write_csv
from eventcode.report import Study, draw_figures, parse_dyads, write_figures, write_tables

from .test_tables import frame, make_event

runner = CliRunner()


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return frame(
        # 1998: Japan sanctions India (JPN→IND conflict), India answers once
        make_event("JPN", "IND", "163", "1998-05-13", article="s1", sentence=0),
        make_event("JPN", "IND", "111", "1998-05-13", article="s1", sentence=1),
        make_event("JPN", "IND", "163", "1998-05-13", article="s2", sentence=0),  # same sanction, another story
        make_event("IND", "JPN", "111", "1998-05-14", article="s2", sentence=1),
        # 2000: a joint signing coded both ways, and again by the ministers
        make_event("IND", "JPN", "057", "2000-08-23", article="s3", sentence=0, src_sector="", tgt_sector=""),
        make_event("JPN", "IND", "057", "2000-08-23", article="s3", sentence=1, src_sector="", tgt_sector=""),
        make_event("IND", "JPN", "057", "2000-08-23", article="s3", sentence=2),
        make_event("IND", "JPN", "057", "2000", "year", article="s4", sentence=0),  # "signed in 2000": same signing
        # a second dyad in the same events
        make_event("IND", "CHN", "042", "1999-03-01", article="s5", sentence=0),
        make_event("CHN", "IND", "112", "2000-02-01", article="s5", sentence=1),
    )


def _row(table, src, tgt, period):
    hit = table[(table.iloc[:, 0] == src) & (table.iloc[:, 1] == tgt) & (table["period"] == period)]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def test_directed_table_and_figure_have_both_directions(tmp_path, events):
    written = write_tables(events, tmp_path / "tables")
    directed = pd.read_csv(written["ind_jpn_directed_year"], dtype={"period": str})
    assert set(zip(directed.source_country, directed.target_country)) == {("IND", "JPN"), ("JPN", "IND")}
    sanctions = _row(directed, "JPN", "IND", "1998")
    assert (sanctions.events, sanctions.quad_4, sanctions.quad_3, sanctions.duplicates_removed) == (2, 1, 1, 1)
    assert _row(directed, "IND", "JPN", "1998").events == 1
    # the figure draws the same numbers, JPN→IND included
    ax = draw_figures(events)["ind_jpn_direction_year"]
    lines = {line.get_label(): line.get_ydata().tolist() for line in ax.lines}
    for src, tgt in (("IND", "JPN"), ("JPN", "IND")):
        part = directed[(directed.source_country == src) & (directed.target_country == tgt)]
        assert lines[f"{src} → {tgt}"] == part["events"].astype(float).tolist()
    assert lines["JPN → IND"][0] == 2.0  # 1998


def test_the_joint_signing_is_one_event_in_the_yearly_table(tmp_path, events):
    written = write_tables(events, tmp_path / "tables")
    yearly = pd.read_csv(written["ind_jpn_year"], dtype={"period": str})
    signing = _row(yearly, "IND", "JPN", "2000")
    assert (signing.events, signing.root_05, signing.duplicates_removed) == (1, 1, 3)
    meta = json.loads(written["ind_jpn_year"].with_name("ind_jpn_year.csv.meta.json").read_text(encoding="utf-8"))
    assert meta["deduplication"]["how"] == "day" and "first row in file order" in meta["deduplication"]["kept_row"]
    assert meta["events_in_table"] == int(yearly["events"].sum())
    # the quarter table says how many events it could not place (the year-precision report)
    quarter_meta = json.loads((tmp_path / "tables" / "ind_jpn_quarter.csv.meta.json").read_text(encoding="utf-8"))
    summary = pd.read_csv(written["summary"]).set_index("table")
    assert summary.loc["ind_jpn_year", "duplicates_removed"] == int(yearly["duplicates_removed"].sum())
    assert quarter_meta["not_placed"]["date_coarser_than_period"] == summary.loc["ind_jpn_quarter", "not_placed_coarser_date"]
    dictionary = pd.read_csv(written["tables_dictionary"])
    assert {"events", "quad_N", "root_NN", "duplicates_removed", "period_start"} <= set(dictionary["column"])
    assert dictionary["meaning"].str.len().gt(0).all()


def test_any_dyad_period_scheme_and_formats(tmp_path, events):
    study = Study(dyads=(("IND", "CHN"),), periods=("month",), dedup="none", scheme="phoenix", formats=("svg", "pdf"), dpi=72)
    tables = write_tables(events, tmp_path / "t", study)
    assert "ind_chn_directed_month" in tables and "panel_dyad_month" in tables
    directed = pd.read_csv(tables["ind_chn_directed_month"], dtype={"period": str})
    assert _row(directed, "CHN", "IND", "2000-02").events == 1 and "quad_0" in directed.columns
    figures = write_figures(events, tmp_path / "f", study)
    assert sorted(p.name for p in figures["ind_chn_quad_by_month"]) == ["ind_chn_quad_by_month.pdf", "ind_chn_quad_by_month.svg"]
    again = write_figures(events, tmp_path / "g", study)
    for name, paths in figures.items():
        assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again[name]], name


def test_milestones_only_when_asked(events):
    plain = draw_figures(events)["ind_jpn_quad_by_year"]
    assert not plain.texts
    marked = draw_figures(events, milestones="packaged")["ind_jpn_quad_by_year"]
    labels = [t.get_text() for t in marked.texts]
    assert labels and any("sanction" in label.lower() for label in labels)
    assert any("reference event" in t.get_text() for t in marked.figure.legends[0].get_texts())


def test_bad_study_options_are_refused_clearly():
    with pytest.raises(InputError, match="unknown period 'week'"):
        Study(periods=("week",))
    with pytest.raises(InputError, match="unknown de-duplication 'article'"):
        Study(dedup="article")
    with pytest.raises(InputError, match="dpi"):
        Study(dpi=5)
    with pytest.raises(InputError, match="milestones file nowhere.csv not found"):
        Study(milestones="nowhere.csv")
    with pytest.raises(InputError, match="two country codes"):
        parse_dyads(["IND"])
    assert parse_dyads(["IND-JPN", "CHN:JPN"]) == (("IND", "JPN"), ("CHN", "JPN"))


def test_multi_value_options_are_rewritten():
    args = ["figures", "e.csv", "--dyad", "IND", "JPN", "--dyad", "CHN-JPN", "--format", "png", "svg", "pdf", "--period", "year", "--dpi", "72"]
    assert _one_value_options(args) == [
        "figures", "e.csv", "--dyad", "IND-JPN", "--dyad", "CHN-JPN",
        "--format", "png", "--format", "svg", "--format", "pdf", "--period", "year", "--dpi", "72",
    ]


def test_study_options_are_declared_once_for_run_tables_and_figures():
    """run and figures take every study option, tables only the table ones (no figure options)."""
    import typer

    commands = typer.main.get_command(app).commands
    options = {name: {o for p in commands[name].params for o in p.opts} for name in ("run", "tables", "figures")}
    table = {"--dyad", "--period", "--dedup", "--dedup-level", "--scheme"}
    figure = {"--format", "--dpi", "--milestones"}
    assert table | figure <= options["run"] and table | figure <= options["figures"]
    assert table <= options["tables"] and not figure & options["tables"]


def test_cli_tables_and_figures_for_two_dyads(tmp_path, events):
    csv = write_csv(events, tmp_path / "events.csv")
    result = runner.invoke(app, ["tables", str(csv), "-o", str(tmp_path / "t"), "--dyad", "IND", "JPN", "--dyad", "IND", "CHN", "--period", "year", "quarter"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "t" / "ind_chn_directed_quarter.csv").exists() and (tmp_path / "t" / "ind_jpn_year.csv").exists()
    result = runner.invoke(app, ["figures", str(csv), "-o", str(tmp_path / "f"), "--dyad", "IND", "CHN", "--format", "svg", "--milestones", "packaged"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "f").iterdir()) == [
        "ind_chn_direction_year.svg", "ind_chn_meetings_by_place.svg", "ind_chn_quad_by_year.svg", "ind_chn_root_heatmap_year.svg", "ind_chn_sector_cooperation_year.svg"
    ]
    bad = runner.invoke(app, ["tables", str(csv), "-o", str(tmp_path / "x"), "--period", "fortnight"])
    assert bad.exit_code == 2 and "unknown period 'fortnight'" in bad.output
    bad = runner.invoke(app, ["tables", str(csv), "-o", str(tmp_path / "x"), "--dyad", "India", "Japan"])
    assert bad.exit_code == 2 and "unknown country code 'India'" in bad.output


@pytest.mark.slow
def test_run_for_another_dyad_writes_typed_events_and_both_directions(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    stories = [
        {"id": "a", "date": "2020-06-16", "text": "China accused India of provoking the clash. India rejected the accusation on Tuesday."},
        {"id": "b", "date": "2021-02-11", "text": "India and China agreed on Thursday to pull back troops from the lake."},
    ]
    (corpus / "items.jsonl").write_text("\n".join(json.dumps(s) for s in stories) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", "--corpus", str(corpus), "--out", str(out), "--no-progress", "--no-cache", "--dyad", "IND", "CHN", "--format", "svg"])
    assert result.exit_code == 0, result.output
    for name in ("events.csv", "events.parquet", "events.dta", "events_dictionary.csv", "events_codebook.csv"):
        assert (out / name).exists(), name
    for name in ("events.dta", "events.parquet"):
        back = read_events(out / name)
        assert back["cameo_code"].map(lambda c: isinstance(c, str) and len(c) >= 3).all()
        pd.testing.assert_frame_equal(back, read_events(out / "events.csv"))
    directed = pd.read_csv(out / "tables" / "ind_chn_directed_year.csv")
    assert set(zip(directed.source_country, directed.target_country)) == {("CHN", "IND"), ("IND", "CHN")}
    assert directed.loc[directed.source_country == "CHN", "events"].sum() >= 1
    assert (out / "figures" / "ind_chn_direction_year.svg").exists()


def test_code_writes_the_data_dictionary_beside_the_csv(tmp_path):
    from eventcode.export import EVENT_COLUMNS

    items = tmp_path / "items.jsonl"
    items.write_text(json.dumps({"id": "a", "date": "2020-12-22", "text": "Japan praised India on Tuesday."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(items), "-o", str(tmp_path / "coded.csv"), "--no-progress", "--no-cache"])
    assert result.exit_code == 0, result.output
    dictionary = pd.read_csv(tmp_path / "coded_dictionary.csv", keep_default_na=False)
    assert dictionary["column"].tolist() == list(EVENT_COLUMNS) and "coded_dictionary.csv" in result.output
    assert dictionary.set_index("column").loc["cameo_code", "type"] == "string"
