"""The standard India–Japan outputs: the tables and figures the main job and notebooks write.

One place decides which tables and figures make up the study, so ``eventcode run``,
``eventcode tables``, ``eventcode figures`` and the notebooks produce the same files.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from . import plots, tables

#: The dyad the default study is about.
DYAD: tuple[str, str] = ("IND", "JPN")
#: Countries whose pairwise dyads go into the panel (India, Japan and the third countries the corpus mentions).
PANEL_COUNTRIES: tuple[str, ...] = ("AUS", "CHN", "IND", "JPN", "PAK", "USA")
#: Milestones of India–Japan relations, for figure annotations (dates from the project chronology).
MILESTONES: Mapping[int, str] = {
    1998: "nuclear tests; Japan's sanctions",
    2001: "sanctions lifted",
    2014: "Special Strategic and Global Partnership",
    2019: "first 2+2; summit postponed",
    2020: "supplies-and-services agreement",
}


def write_tables(events: pd.DataFrame, out_dir: str | Path, *, dyad: tuple[str, str] = DYAD, scheme: str = "gdelt") -> dict[str, Path]:
    """Write the study's tables as CSV under ``out_dir``; returns name → path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    a, b = dyad
    key = f"{a.lower()}_{b.lower()}"
    deduped, _ = tables.deduplicate(events, how="story")
    specs = {
        f"{key}_year": dict(dyads=[dyad], directed=False, period="year"),
        f"{key}_directed_year": dict(dyads=[dyad], directed=True, period="year"),
        f"{key}_quarter": dict(dyads=[dyad], directed=False, period="quarter"),
        f"{key}_military_year": dict(dyads=[dyad], directed=False, period="year", source_sectors=["MIL"], target_sectors=["MIL"]),
    }
    written: dict[str, Path] = {}
    for name, spec in specs.items():
        table = tables.aggregate(deduped, scheme=scheme, **spec)
        written[name] = tables.write_panel_csv(table, out / f"{name}.csv")
    pairs = [(x, y) for i, x in enumerate(PANEL_COUNTRIES) for y in PANEL_COUNTRIES[i + 1 :]]
    wide = tables.panel(deduped, dyads=pairs, period="year", directed=False, scheme=scheme)
    written["panel_dyad_year"] = tables.write_panel_csv(wide, out / "panel_dyad_year.csv")
    if "action_country" in events:  # issue 13: where the dyad meets (files coded before places lack the column)
        written[f"{key}_meetings_by_place"] = tables.write_panel_csv(tables.meetings_by_place(events, dyad), out / f"{key}_meetings_by_place.csv")
    return written


def write_figures(events: pd.DataFrame, out_dir: str | Path, *, dyad: tuple[str, str] = DYAD, formats: tuple[str, ...] = ("png", "svg")) -> dict[str, list[Path]]:
    """Draw every figure of :mod:`eventcode.plots` for the dyad and save it in each format."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    deduped, _ = tables.deduplicate(events, how="story")
    undirected = tables.aggregate(deduped, dyads=[dyad], directed=False, period="year")
    directed = tables.aggregate(deduped, dyads=[dyad], directed=True, period="year")
    axes = {
        "quad_by_year": plots.plot_quad_by_year(undirected, milestones=MILESTONES),
        "root_heatmap": plots.plot_root_heatmap(undirected),
        "direction": plots.plot_direction(directed, countries=dyad),
        "sector_cooperation": plots.plot_sector_cooperation(deduped, countries=dyad),
    }
    meetings = tables.meetings_by_place(events, dyad) if "action_country" in events else None  # issue 13
    if meetings is not None and len(meetings):
        axes["meetings_by_place"] = plots.plot_meetings_by_place(meetings)
    written: dict[str, list[Path]] = {}
    for name, ax in axes.items():
        written[name] = [plots.save_figure(ax, out / f"{name}.{fmt}") for fmt in formats]
    return written
