"""Figures: the numbers drawn equal the table's numbers, and saved files are byte-identical."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from eventcode.errors import InputError
from eventcode.plots import (
    MILESTONES_IND_JPN,
    read_milestones,
    plot_direction,
    plot_quad_by_year,
    plot_root_heatmap,
    plot_sector_cooperation,
    root_label,
    save_figure,
    sector_cooperation,
)
from eventcode.tables import aggregate

from .test_tables import frame, make_event


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return frame(
        make_event("IND", "JPN", "041", "2018-03-01", sentence=0),
        make_event("IND", "JPN", "057", "2018-04-01", sentence=1),
        make_event("JPN", "IND", "061", "2018-05-01", sentence=2, src_sector="BUS"),
        make_event("JPN", "IND", "111", "2020-02-01", sentence=3),
        make_event("IND", "JPN", "173", "2020-03-01", sentence=4, src_sector="MIL", tgt_sector="MIL"),
        make_event("IND", "JPN", "061", "2021-03-01", sentence=5, src_sector="MIL", tgt_sector="MIL"),
        make_event("JPN", "IND", "042", "2021-06-01", sentence=6),
    )


@pytest.fixture(scope="module")
def undirected(events) -> pd.DataFrame:
    return aggregate(events, dyads=[("IND", "JPN")], directed=False)


@pytest.fixture(scope="module")
def directed(events) -> pd.DataFrame:
    return aggregate(events, countries=["IND", "JPN"])


def heights(container) -> list[float]:
    return [patch.get_height() for patch in container.patches]


def test_quad_bars_and_goldstein_line_are_the_table(undirected):
    ax = plot_quad_by_year(undirected, milestones={2019: "summit"})
    assert isinstance(ax, Axes) and isinstance(ax.figure, Figure)
    assert undirected["period"].tolist() == ["2018", "2019", "2020", "2021"]
    assert len(ax.containers) == 4  # one stacked layer per GDELT QuadClass
    for q, container in zip(range(1, 5), ax.containers):
        assert heights(container) == undirected[f"quad_{q}"].astype(float).tolist()
        assert [p.get_x() + p.get_width() / 2 for p in container.patches] == pytest.approx([2018, 2019, 2020, 2021])
    # stacked: each layer starts where the previous ones end
    below = undirected[["quad_1", "quad_2"]].sum(axis=1).astype(float).tolist()
    assert [p.get_y() for p in ax.containers[2].patches] == below
    assert sum(p.get_height() for p in ax.patches) == undirected["events"].sum()
    twin = next(other for other in ax.figure.axes if other is not ax and other.get_shared_x_axes().joined(ax, other))
    line = twin.lines[0]
    assert line.get_ydata().tolist() == undirected["goldstein_sum"].tolist()
    assert ax.get_ylabel() == "events per year" and ax.get_title()
    assert [t.get_text() for t in ax.texts] == ["summit"]
    labels = [t.get_text() for t in ax.figure.legends[0].get_texts()]
    assert labels[:2] == ["1 verbal cooperation", "2 material cooperation"] and labels[-1] == "net Goldstein (sum)"


def test_quad_bars_sum_the_directions_of_a_directed_table(directed, undirected):
    ax = plot_quad_by_year(directed)
    assert heights(ax.containers[0]) == undirected["quad_1"].astype(float).tolist()


def test_quad_bars_with_the_phoenix_scheme(events):
    table = aggregate(events, dyads=[("IND", "JPN")], directed=False, scheme="phoenix")
    ax = plot_quad_by_year(table)
    assert len(ax.containers) == 5
    assert ax.figure.legends[0].get_texts()[0].get_text() == "0 neutral"


def test_root_heatmap_cells_are_the_root_counts(undirected):
    ax = plot_root_heatmap(undirected)
    shown = ["04", "05", "06", "11", "17"]  # roots with events, in code order
    expected = np.array([undirected[f"root_{r}"].to_numpy() for r in shown], dtype=float)
    assert np.array_equal(ax.images[0].get_array().filled(0), expected)
    assert [t.get_text() for t in ax.get_yticklabels()] == [root_label(r) for r in shown]
    assert ax.get_yticklabels()[0].get_text() == "04 Consult"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2018", "2019", "2020", "2021"]
    assert plot_root_heatmap(undirected, all_roots=True).images[0].get_array().shape == (20, 4)


def test_root_labels_are_short():
    assert root_label("04") == "04 Consult"
    assert root_label("06") == "06 Material Cooperation"
    assert root_label("20") == "20 Unconventional Mass Violence"


def test_direction_lines_are_the_directed_counts(directed):
    ax = plot_direction(directed)
    ind_jpn = directed[(directed.source_country == "IND") & (directed.target_country == "JPN")]
    jpn_ind = directed[(directed.source_country == "JPN") & (directed.target_country == "IND")]
    assert ax.lines[0].get_label() == "IND → JPN" and ax.lines[1].get_label() == "JPN → IND"
    assert ax.lines[0].get_ydata().tolist() == ind_jpn["events"].astype(float).tolist() == [2, 0, 1, 1]
    assert ax.lines[1].get_ydata().tolist() == jpn_ind["events"].astype(float).tolist() == [1, 0, 1, 1]
    assert ax.lines[0].get_xdata().tolist() == [2018, 2019, 2020, 2021]
    with pytest.raises(InputError, match="directed table"):
        plot_direction(aggregate(frame(make_event()), directed=False))


def test_sector_cooperation_counts_cooperative_events_by_source_sector(events):
    data = sector_cooperation(events, sectors=("GOV", "MIL", "BUS"))
    # GOV: 041+057 in 2018, 042 in 2021 (111 in 2020 is conflict); MIL: 061 in 2021 (173 is conflict); BUS: 061 in 2018
    assert data.to_dict("list") == {"GOV": [2, 0, 0, 1], "MIL": [0, 0, 0, 1], "BUS": [1, 0, 0, 0], "no sector": [0, 0, 0, 0]}
    assert data.index.tolist() == [2018, 2019, 2020, 2021]
    ax = plot_sector_cooperation(events)
    assert [line.get_ydata().tolist() for line in ax.lines] == [[2, 0, 0, 1], [0, 0, 0, 1], [1, 0, 0, 0], [0, 0, 0, 0]]
    assert ax.get_legend().get_texts()[-1].get_text() == "no sector"
    assert "cooperative events per year" in ax.get_ylabel()


def test_sector_cooperation_leaves_no_cooperative_event_out():
    df = frame(
        make_event("IND", "JPN", "057", "2019-03-01", sentence=0, src_sector="", tgt_sector=""),  # "India signed ..."
        make_event("IND", "JPN", "042", "2019-03-01", sentence=1, src_sector="EDU"),
        make_event("IND", "JPN", "042", "2019-03-01", sentence=2),
    )
    data = sector_cooperation(df, sectors=("GOV",))
    assert data.to_dict("list") == {"GOV": [1], "no sector": [1], "other sectors": [1]}
    assert data.sum(axis=1).tolist() == aggregate(df, directed=False)["cooperative"].tolist()


def test_plots_draw_on_a_given_axes(undirected):
    fig = Figure()
    ax = fig.add_subplot()
    assert plot_quad_by_year(undirected, ax=ax) is ax
    assert ax.get_legend() is not None and not fig.legends  # legend inside a caller's axes


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_saved_files_are_byte_identical(tmp_path, undirected, suffix):
    ax = plot_quad_by_year(undirected, milestones={2019: "summit"})
    first = save_figure(ax, tmp_path / f"a.{suffix}", dpi=72)
    twice = save_figure(ax.figure, tmp_path / f"b.{suffix}", dpi=72)  # the same figure saved again
    fresh = save_figure(plot_quad_by_year(undirected, milestones={2019: "summit"}), tmp_path / f"c.{suffix}", dpi=72)
    assert first.read_bytes() == twice.read_bytes() == fresh.read_bytes()
    assert first.stat().st_size > 1000


def test_heatmap_with_colorbar_saves_identically(tmp_path, undirected):
    # constrained layout nudges a colorbar on every draw; save_figure must not let that show
    ax = plot_root_heatmap(undirected)
    for suffix in ("svg", "png"):
        first = save_figure(ax, tmp_path / f"a.{suffix}", dpi=72)
        again = save_figure(ax, tmp_path / f"b.{suffix}", dpi=72)
        assert first.read_bytes() == again.read_bytes()
    assert b"<dc:date>" not in (tmp_path / "a.svg").read_bytes()  # no timestamp


def test_save_figure_refuses_unknown_formats(tmp_path, undirected):
    with pytest.raises(InputError, match=r"\.png, \.svg or \.pdf"):
        save_figure(plot_quad_by_year(undirected), tmp_path / "x.jpg")


def test_plots_refuse_tables_they_cannot_draw(events):
    with pytest.raises(InputError, match="missing column"):
        plot_quad_by_year(events)
    with pytest.raises(InputError, match="date and label"):
        plot_quad_by_year(aggregate(events, period="month"), milestones=pd.DataFrame({"when": []}))


def test_milestones_are_read_from_a_csv_and_marked_as_reference_events(tmp_path, events):
    path = tmp_path / "m.csv"
    path.write_text("date,country_a,country_b,label\n2020-03-01,IND,JPN,pact\n2018-04,IND,CHN,other dyad\n1990,IND,JPN,before the table\n", encoding="utf-8")
    marks = read_milestones(path, countries=("JPN", "IND"))
    assert marks["label"].tolist() == ["before the table", "pact"]
    ax = plot_quad_by_year(aggregate(events, period="month", directed=False), milestones=marks)
    assert [t.get_text() for t in ax.texts] == ["pact"]  # 1990 is outside the table
    assert ax.lines[0].get_xdata()[0] == 24  # 2020-03 is the 25th month from 2018-03
    assert "reference event" in ax.figure.legends[0].get_texts()[-2].get_text()
    path.write_text("date,label\n20-3-2020,bad\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"m\.csv:2: date '20-3-2020'"):
        read_milestones(path)
    packaged = read_milestones(MILESTONES_IND_JPN, countries=("IND", "JPN"))
    assert len(packaged) >= 6 and packaged["date"].is_monotonic_increasing


def test_quad_figure_puts_goldstein_in_a_second_panel_sharing_zero(undirected):
    ax = plot_quad_by_year(undirected)
    lower = [a for a in ax.figure.axes if a is not ax][0]
    lo, hi = lower.get_ylim()
    assert lo < 0 < hi or lo == 0
    assert ax.get_ylim()[0] == 0
    fig = Figure()
    mine = fig.add_subplot()
    plot_quad_by_year(undirected, ax=mine)
    twin = [a for a in fig.axes if a is not mine][0]
    (l0, l1), (t0, t1) = mine.get_ylim(), twin.get_ylim()
    assert -l0 / (l1 - l0) == pytest.approx(-t0 / (t1 - t0))  # zero at the same height on both axes


def test_svg_text_is_kept_as_text(tmp_path, undirected):
    svg = save_figure(plot_quad_by_year(undirected), tmp_path / "q.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "events per year" in svg
