"""The validation chart: the bars drawn are the per-root table's precision, recall and F1."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from eventcode.errors import InputError
from eventcode.evaluate import score
from eventcode.plots import OKABE_ITO, per_root_rows, plot_per_root, save_figure

from .test_evaluate import G, ev, gs


@pytest.fixture(scope="module")
def per_root() -> pd.DataFrame:
    gold = [
        gs("a", G("IND", "JPN", "041"), G("JPN", "IND", "042")),
        gs("b", G("IND", "PAK", "111")),
        gs("c", G("USA", "IRN", "172")),
        gs("d"),
    ]
    predicted = {
        "a": [ev("IND", "JPN", "041", sid="a"), ev("JPN", "IND", "057", sid="a")],
        "b": [ev("IND", "PAK", "112", sid="b")],
        "c": [],
        "d": [ev("CHN", "TWN", "190", sid="d")],
    }
    return score(gold, predicted).to_frames()["per_root"]


def heights(container) -> np.ndarray:
    return np.array([patch.get_height() for patch in container.patches], dtype=float)


def test_bar_heights_are_the_frames_precision_recall_and_f1(per_root):
    """One container per measure; each bar's height is the frame's value for that root."""
    ax = plot_per_root(per_root)
    assert isinstance(ax, Axes) and isinstance(ax.figure, Figure)
    shown = per_root[(per_root["gold"] > 0) | (per_root["predicted"] > 0)]
    assert list(shown["root"]) == ["04", "05", "11", "17", "19"]
    assert [c.get_label() for c in ax.containers] == ["precision", "recall", "F1"]
    for container, column in zip(ax.containers, ["precision", "recall", "f1"]):
        np.testing.assert_array_equal(heights(container), shown[column].to_numpy(dtype=float))
    # spot checks against hand arithmetic: root 04 has 2 gold, 1 predicted, 1 matched
    precision, recall, f1 = (heights(c)[0] for c in ax.containers)
    assert (precision, recall) == (1.0, 0.5) and f1 == pytest.approx(2 / 3)


def test_roots_with_no_gold_and_no_predictions_are_skipped(per_root):
    """Only roots with a gold or a predicted event get a group of bars, labelled with the counts."""
    ax = plot_per_root(per_root)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["04 Consult (2/1)", "05 Diplomatic Cooperation (0/1)", "11 Disapprove (1/1)", "17 Coerce (1/0)", "19 Fight (0/1)"]
    assert all(len(c.patches) == 5 for c in ax.containers)
    assert len(per_root_rows(per_root)) == 5


def test_undefined_measures_are_missing_bars_marked_na(per_root):
    """A root without predictions has no precision bar (nan height) and an 'n/a' mark instead."""
    ax = plot_per_root(per_root)
    precision = heights(ax.containers[0])
    assert np.isnan(precision[3])  # 17: gold only
    assert sum(t.get_text() == "n/a" for t in ax.texts) == int(np.isnan(np.array([heights(c) for c in ax.containers])).sum())


def test_axes_are_labelled_and_coloured_okabe_ito(per_root):
    """Labelled axes, a 0-1 score scale, and Okabe-Ito colours for the three measures."""
    ax = plot_per_root(per_root)
    assert ax.get_ylabel() and ax.get_xlabel() and ax.get_title()
    assert ax.get_ylim() == (0, 1.05)
    palette = {v.lower() for v in OKABE_ITO.values()}
    from matplotlib.colors import to_hex

    assert all(to_hex(c.patches[0].get_facecolor()) in palette for c in ax.containers)


def test_plot_per_root_draws_on_a_given_axes_and_saves(per_root, tmp_path):
    """A given Axes is used; the figure saves byte-identically twice."""
    fig = Figure()
    given = fig.add_subplot()
    assert plot_per_root(per_root, ax=given) is given
    first = save_figure(plot_per_root(per_root), tmp_path / "a.png").read_bytes()
    second = save_figure(plot_per_root(per_root), tmp_path / "b.png").read_bytes()
    assert first == second


def test_plot_per_root_refuses_what_it_cannot_draw(per_root):
    """Not a frame, a frame without the columns, or nothing to draw: InputError."""
    with pytest.raises(InputError, match="per_root DataFrame"):
        plot_per_root([1, 2])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="missing column"):
        plot_per_root(per_root.drop(columns=["f1"]))
    with pytest.raises(InputError, match="no root has a gold or a predicted event"):
        plot_per_root(per_root[per_root["gold"] + per_root["predicted"] == 0])
