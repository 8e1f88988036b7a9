"""The study's standard outputs: the tables and figures ``eventcode run`` and the notebooks write.

One place decides which tables and figures make up a study, so ``eventcode run``,
``eventcode tables``, ``eventcode figures`` and the notebooks produce the same files. A
:class:`Study` says which dyads, periods, de-duplication, QuadClass scheme, figure formats and
milestones; the default is the India–Japan study of the sample corpus. Every table is written
with a ``.meta.json`` sidecar saying how it was made and what it could not count, and the
folder gets a ``summary.csv`` and a column dictionary.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.axes import Axes

from . import __version__, plots, tables
from .codebook import QUAD_SCHEMES
from .columns import TABLE_COLUMN_DOCS
from .errors import InputError
from .export import write_csv, write_data_dictionary
from .fileio import write_text_atomic

#: The dyad the default study is about.
DYAD: tuple[str, str] = ("IND", "JPN")
#: Countries whose pairwise dyads go into the panel (India, Japan and the third countries the corpus mentions).
PANEL_COUNTRIES: tuple[str, ...] = ("AUS", "CHN", "IND", "JPN", "PAK", "USA")
#: Periods a study table can use (days are too fine for news-based counts of one dyad).
STUDY_PERIODS: tuple[str, ...] = ("year", "quarter", "month")
#: Figure formats :func:`eventcode.plots.save_figure` writes.
FIGURE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
#: ``milestones="packaged"`` means the India–Japan reference events shipped with eventcode.
PACKAGED_MILESTONES = "packaged"


@dataclass(frozen=True)
class Study:
    """What to tabulate and draw. Invalid choices are refused here, with one clear message.

    ``periods[0]`` is the period of the figures. ``dedup="day"`` (the default, Phoenix's
    one-a-day filter) counts an event once however many stories report it; ``milestones`` is a CSV of reference events
    (``date,label`` and optionally ``country_a,country_b``) or ``"packaged"``; none are
    drawn unless asked for.
    """

    dyads: tuple[tuple[str, str], ...] = (DYAD,)
    periods: tuple[str, ...] = ("year", "quarter")
    dedup: str = "day"
    dedup_level: str = "code"
    scheme: str = "gdelt"
    formats: tuple[str, ...] = ("png", "svg")
    dpi: int = plots.DPI
    milestones: str | Path | None = None
    panel_countries: tuple[str, ...] = field(default=PANEL_COUNTRIES)

    def __post_init__(self) -> None:
        dyads = tuple(tuple(d) for d in self.dyads)
        if not dyads or not all(len(d) == 2 and d[0] != d[1] and all(isinstance(c, str) for c in d) for d in dyads):
            raise InputError(f"dyads must be pairs of two different country codes, e.g. ('IND', 'JPN'); got {self.dyads!r}")
        object.__setattr__(self, "dyads", tuple(dict.fromkeys(dyads)))
        checks = (
            ("period", self.periods, STUDY_PERIODS),
            ("figure format", self.formats, FIGURE_FORMATS),
        )
        for what, given, allowed in checks:
            bad = [g for g in given if g not in allowed] or ([] if given else ["(none)"])
            if bad:
                raise InputError(f"unknown {what} {bad[0]!r}; use {', '.join(allowed)}")
        object.__setattr__(self, "periods", tuple(dict.fromkeys(self.periods)))
        object.__setattr__(self, "formats", tuple(dict.fromkeys(self.formats)))
        if self.dedup not in tables.DEDUP_METHODS:
            raise InputError(f"unknown de-duplication {self.dedup!r}; use {', '.join(tables.DEDUP_METHODS)}")
        if self.dedup_level not in tables.DEDUP_LEVELS:
            raise InputError(f"unknown de-duplication level {self.dedup_level!r}; use {', '.join(tables.DEDUP_LEVELS)}")
        if self.scheme not in QUAD_SCHEMES:
            raise InputError(f"unknown QuadClass scheme {self.scheme!r}; use {', '.join(QUAD_SCHEMES)}")
        if self.milestones is not None and str(self.milestones) != PACKAGED_MILESTONES and not Path(self.milestones).is_file():
            raise InputError(f"milestones file {self.milestones} not found (give a CSV with date,label columns, or 'packaged')")
        if not isinstance(self.dpi, int) or not 30 <= self.dpi <= 1200:
            raise InputError(f"dpi must be a whole number from 30 to 1200; got {self.dpi!r}")

    def milestones_for(self, dyad: tuple[str, str]) -> pd.DataFrame | None:
        """The reference events to draw for one dyad, or None when none were asked for."""
        if self.milestones is None:
            return None
        path = plots.MILESTONES_IND_JPN if str(self.milestones) == PACKAGED_MILESTONES else Path(self.milestones)
        return plots.read_milestones(path, countries=dyad)


def _study(study: Study | None, options: Mapping[str, Any]) -> Study:
    base = study or Study()
    return replace(base, **options) if options else base


def key(dyad: tuple[str, str]) -> str:
    """File-name stem of a dyad: ('IND', 'JPN') → 'ind_jpn'."""
    return "_".join(c.lower() for c in dyad)


def _table_meta(table: pd.DataFrame, name: str, description: str, events_in: int) -> dict[str, Any]:
    attrs = table.attrs
    return {
        "table": name,
        "description": description,
        "eventcode_version": __version__,
        "period": attrs.get("period"),
        "directed": attrs.get("directed"),
        "dyads": attrs.get("dyads"),
        "quad_class_scheme": attrs.get("scheme"),
        "counts": "events that occurred (asserted, not negated), after de-duplication",
        "deduplication": attrs.get("dedup"),
        "events_in_file": events_in,
        "events_in_table": int(table["events"].sum()),
        "not_placed": {
            "date_coarser_than_period": attrs.get("dropped_coarser_dates", 0),
            "undated": attrs.get("dropped_undated", 0),
            "no_country": attrs.get("dropped_no_country", 0),
            "why": "an event dated only to a year cannot be put in a quarter or month (it is not put in January); "
            "these are counted here instead of being silently lost",
        },
    }


def build_tables(events: pd.DataFrame, study: Study | None = None, **options: Any) -> dict[str, tuple[pd.DataFrame, str]]:
    """The study's tables in memory: name → (table, one-line description)."""
    study = _study(study, options)
    common = dict(dedup=study.dedup, dedup_level=study.dedup_level, scheme=study.scheme)
    out: dict[str, tuple[pd.DataFrame, str]] = {}
    for dyad in study.dyads:
        a, b = dyad
        k = key(dyad)
        for period in study.periods:
            out[f"{k}_{period}"] = (
                tables.event_table(events, dyads=[dyad], directed=False, period=period, **common),
                f"{a}–{b} events per {period}, both directions together",
            )
            out[f"{k}_directed_{period}"] = (
                tables.event_table(events, dyads=[dyad], directed=True, period=period, **common),
                f"{a}→{b} and {b}→{a} events per {period}, one row per direction",
            )
            out[f"{k}_military_{period}"] = (
                tables.event_table(events, dyads=[dyad], directed=False, period=period, source_sectors=["MIL"], target_sectors=["MIL"], **common),
                f"{a}–{b} military-to-military events per {period}",
            )
    countries = sorted(set(study.panel_countries) | {c for d in study.dyads for c in d})
    pairs = [(x, y) for i, x in enumerate(countries) for y in countries[i + 1 :]]
    for period in study.periods:
        out[f"panel_dyad_{period}"] = (
            tables.panel(events, dyads=pairs, period=period, directed=False, **common),
            f"balanced dyad × {period} panel of {', '.join(countries)} (every pair, zeros where nothing happened)",
        )
    return out


def write_tables(events: pd.DataFrame, out_dir: str | Path, study: Study | None = None, **options: Any) -> dict[str, Path]:
    """Write the study's tables as CSV under ``out_dir``, each with a ``.meta.json``; returns name → path.

    Also writes ``summary.csv`` (per table: events counted, duplicates removed, events that
    could not be placed in a period) and ``tables_dictionary.csv`` (every column explained).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    built = build_tables(events, study, **options)
    written: dict[str, Path] = {}
    summary = []
    columns: dict[str, None] = {}
    for name, (table, description) in built.items():
        path = tables.write_panel_csv(table, out / f"{name}.csv")
        meta = _table_meta(table, name, description, len(events))
        write_text_atomic(Path(f"{path}.meta.json"), json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
        written[name] = path
        summary.append(
            {
                "table": name,
                "period": meta["period"],
                "directed": meta["directed"],
                "events": meta["events_in_table"],
                "duplicates_removed": int(table["duplicates_removed"].sum()),
                "not_placed_coarser_date": meta["not_placed"]["date_coarser_than_period"],
                "not_placed_undated": meta["not_placed"]["undated"],
                "description": description,
            }
        )
        columns.update(dict.fromkeys(table.columns))
    study_ = _study(study, options)
    if "action_country" in events:  # where each dyad meets (files coded before places lack the column)
        for dyad in study_.dyads:
            written[f"{key(dyad)}_meetings_by_place"] = tables.write_panel_csv(tables.meetings_by_place(events, dyad), out / f"{key(dyad)}_meetings_by_place.csv")
    written["summary"] = write_csv(pd.DataFrame(summary), out / "summary.csv")
    names = dict.fromkeys("quad_N" if c.startswith("quad_") else "root_NN" if c.startswith("root_") else c for c in columns)
    written["tables_dictionary"] = write_data_dictionary(out / "tables_dictionary.csv", [n for n in names if n in TABLE_COLUMN_DOCS], kind="tables")
    return written


def draw_figures(events: pd.DataFrame, study: Study | None = None, **options: Any) -> dict[str, Axes]:
    """The study's figures, one set per dyad (period: the study's first): name → Axes."""
    study = _study(study, options)
    period = study.periods[0]
    common = dict(dedup=study.dedup, dedup_level=study.dedup_level, scheme=study.scheme, period=period)
    kept, _ = tables.deduplicate(events, study.dedup, level=study.dedup_level, directed=True)
    axes: dict[str, Axes] = {}
    for dyad in study.dyads:
        k = key(dyad)
        undirected = tables.event_table(events, dyads=[dyad], directed=False, **common)
        directed = tables.event_table(events, dyads=[dyad], directed=True, **common)
        axes[f"{k}_quad_by_{period}"] = plots.plot_quad_by_year(undirected, milestones=study.milestones_for(dyad))
        axes[f"{k}_root_heatmap_{period}"] = plots.plot_root_heatmap(undirected)
        axes[f"{k}_direction_{period}"] = plots.plot_direction(directed, countries=dyad)
        axes[f"{k}_sector_cooperation_year"] = plots.plot_sector_cooperation(kept, countries=dyad, scheme=study.scheme)
        meetings = tables.meetings_by_place(events, dyad) if "action_country" in events else None
        if meetings is not None and len(meetings):
            axes[f"{k}_meetings_by_place"] = plots.plot_meetings_by_place(meetings)
    return axes


def write_figures(events: pd.DataFrame, out_dir: str | Path, study: Study | None = None, **options: Any) -> dict[str, list[Path]]:
    """Draw every figure (:func:`draw_figures`) and save it in each of the study's formats."""
    study = _study(study, options)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {
        name: [plots.save_figure(ax, out / f"{name}.{fmt}", dpi=study.dpi) for fmt in study.formats]
        for name, ax in draw_figures(events, study).items()
    }


def parse_dyads(values: Sequence[str] | None) -> tuple[tuple[str, str], ...]:
    """Dyads from the command line: 'IND-JPN', 'IND:JPN', 'IND,JPN' or 'IND JPN' each."""
    if not values:
        return (DYAD,)
    out = []
    for value in values:
        parts = [p for p in value.replace(":", " ").replace(",", " ").replace("-", " ").split() if p]
        if len(parts) != 2:
            raise InputError(f"--dyad {value!r}: give two country codes, e.g. --dyad IND JPN")
        out.append((parts[0], parts[1]))
    return tuple(out)
