"""Figures from :mod:`eventcode.tables` output; each function returns the matplotlib ``Axes``.

Figures are built as :class:`matplotlib.figure.Figure` objects, never through ``pyplot``, so
importing or calling this module never selects or switches a backend (a notebook's inline
backend is left alone, and a headless server needs none). To show a figure in a notebook,
display ``ax.figure``, or pass an ``ax`` from ``plt.subplots()``. :func:`save_figure` writes
PNG, SVG or PDF files that are byte-identical for the same data.

>>> from eventcode.tables import aggregate
>>> from eventcode.plots import plot_quad_by_year, save_figure
>>> table = aggregate(events, dyads=[("IND", "JPN")], directed=False)  # doctest: +SKIP
>>> save_figure(plot_quad_by_year(table), "quad_by_year.png")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .codebook import QUAD_NAMES, load_codebook
from .errors import InputError
from .tables import ROOTS, aggregate

#: The Okabe–Ito palette (Okabe & Ito 2008), distinguishable under the common colour-vision deficiencies.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

#: QuadClass colours: blues for cooperation, orange/vermillion for conflict, grey for neutral.
QUAD_COLORS: dict[int, str] = {
    0: OKABE_ITO["grey"],
    1: OKABE_ITO["sky_blue"],
    2: OKABE_ITO["blue"],
    3: OKABE_ITO["orange"],
    4: OKABE_ITO["vermillion"],
}

_SERIES_COLORS = [OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "yellow", "black")]

#: Default size (inches) and resolution for new figures and saved files.
FIGSIZE = (8.0, 4.5)
DPI = 150

_SAVE_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
}


def _new_axes(ax: Axes | None, figsize: tuple[float, float] = FIGSIZE) -> Axes:
    if ax is not None:
        return ax
    fig = Figure(figsize=figsize, layout="constrained")
    return fig.add_subplot()


def _require(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"{what} needs a DataFrame from eventcode.tables, got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(f"{what}: table is missing column(s) {', '.join(missing)}; pass the output of eventcode.tables.aggregate")
    if len(table) == 0:
        raise InputError(f"{what}: the table has no rows to plot")


def _period_name(table: pd.DataFrame) -> str:
    """'year', 'quarter', … from attrs, or from the label shape when attrs were lost."""
    if "period" in table.attrs:
        return str(table.attrs["period"])
    label = str(table["period"].iloc[0])
    return {4: "year", 6: "quarter", 7: "month", 10: "day"}.get(len(label), "period")


def _by_period(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Sum the given columns over all dyads in the table, one row per period, in time order."""
    summed = table.groupby(["period_start", "period"], sort=True)[list(columns)].sum()
    return summed.reset_index(level="period")


def _x_positions(ax: Axes, frame: pd.DataFrame, period: str) -> np.ndarray:
    """Integer years on the x axis for yearly tables; otherwise 0..n-1 labelled with the periods."""
    if period == "year":
        x = frame.index.year.to_numpy()
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        return x
    x = np.arange(len(frame))
    step = max(1, len(frame) // 12)
    ax.set_xticks(x[::step], frame["period"].iloc[::step], rotation=45, ha="right")
    return x


def _dyad_title(table: pd.DataFrame) -> str:
    cols = ("country_a", "country_b") if "country_a" in table else ("source_country", "target_country")
    countries = sorted(set(table[cols[0]]) | set(table[cols[1]]))
    return "–".join(countries) if len(countries) <= 3 else f"{len(countries)} countries"


def _legend(ax: Axes, handles: list[Any], labels: list[str], *, below: bool, ncol: int) -> None:
    """Legend below the plot on a figure we made (constrained layout makes room), else inside the axes."""
    if below:
        ax.figure.legend(handles, labels, loc="outside lower center", ncol=ncol, fontsize=8, frameon=False)
    else:
        ax.legend(handles, labels, loc="upper left", fontsize=8, framealpha=0.9)


def root_label(root: str) -> str:
    """Short CAMEO root label from the codebook, e.g. '04 Consult', '06 Material Cooperation'."""
    name = " ".join(load_codebook()[root].name.split())
    if name.startswith("Engage In "):
        name = name[len("Engage In ") :]
    return f"{root} {name}"


#: The packaged India–Japan milestones (reference events from the project chronology, not coded ones).
MILESTONES_IND_JPN = Path(__file__).parent / "resources" / "milestones_ind_jpn.csv"


def read_milestones(path: str | Path, *, countries: Sequence[str] | None = None) -> pd.DataFrame:
    """Reference events to mark on figures, from a CSV with ``date`` and ``label`` columns.

    ``date`` is ISO at day, month or year precision (``2020-09-09``, ``2020-09``, ``2020``);
    optional ``country_a``/``country_b`` columns let one file serve several dyads, and
    ``countries`` keeps only the rows about that pair. The result has ``date`` (first day of
    the period the date denotes) and ``label``, in date order. These are facts a researcher
    brings, drawn as "reference events", never events the coder found.
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: milestones file not found") from None
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a milestones CSV ({str(exc).splitlines()[0]})") from None
    missing = [c for c in ("date", "label") if c not in raw.columns]
    if missing:
        raise InputError(f"{path}: milestones CSV needs columns date,label; missing {', '.join(missing)}")
    dates = []
    for line, value in enumerate(raw["date"], start=2):
        fmt = {10: "%Y-%m-%d", 7: "%Y-%m", 4: "%Y"}.get(len(value.strip()))
        parsed = pd.to_datetime(value.strip(), format=fmt, errors="coerce") if fmt else pd.NaT
        if pd.isna(parsed):
            raise InputError(f"{path}:{line}: date {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
        dates.append(parsed)
    out = pd.DataFrame({"date": pd.to_datetime(dates), "label": raw["label"].str.strip()})
    if countries is not None and {"country_a", "country_b"} <= set(raw.columns):
        wanted = set(countries)
        keep = [({a, b} == wanted) for a, b in zip(raw["country_a"].str.strip(), raw["country_b"].str.strip())]
        out = out[keep]
    return out.sort_values("date", kind="stable").reset_index(drop=True)


def _milestone_frame(milestones: Any) -> pd.DataFrame:
    """A milestones frame from :func:`read_milestones`, or a {year or 'YYYY-MM-DD': label} mapping."""
    if isinstance(milestones, pd.DataFrame):
        if not {"date", "label"} <= set(milestones.columns):
            raise InputError("milestones frame needs date and label columns (see eventcode.plots.read_milestones)")
        return milestones
    items = sorted((str(k), str(v)) for k, v in dict(milestones).items())
    return pd.DataFrame({"date": pd.to_datetime([k for k, _ in items]), "label": [v for _, v in items]})


def _align_zero(ax: Axes, other: Axes) -> None:
    """Give two y-axes on one x-axis the same zero height, so that a bar's base and the line's zero meet."""
    limits = [list(a.get_ylim()) for a in (ax, other)]
    for lim in limits:
        lim[1] = max(lim[1], 1e-9)
        lim[0] = min(lim[0], 0.0)
    below = max(-lo / (hi - lo) for lo, hi in limits)  # share of the height below zero
    for a, (lo, hi) in zip((ax, other), limits):
        a.set_ylim(-below / (1 - below) * hi if below < 1 else lo, hi)


def plot_quad_by_year(table: pd.DataFrame, *, ax: Axes | None = None, milestones: Any = None) -> Axes:
    """Events per period stacked by QuadClass (bars), with net Goldstein (sum) as a line below.

    Takes an :func:`~eventcode.tables.aggregate` table (directed or not; dyads are summed).
    Bars are one container per QuadClass in ``ax.containers``. On a figure made here the net
    Goldstein line is a second panel under the bars (sharing the x axis), with its zero line;
    when you pass ``ax`` it is a twin axis whose zero is aligned with the bars' base. The legend
    sits below the plot (``ax.figure.legends``) on a figure made here, inside the axes when you
    pass ``ax``. ``milestones`` (:func:`read_milestones`, or a {year: label} mapping) are drawn
    as dotted vertical lines labelled as reference events: facts brought from outside, not
    events the coder found.
    """
    quads = [c for c in table.columns if c.startswith("quad_")]
    _require(table, ["period", "period_start", "goldstein_sum", *quads], "plot_quad_by_year")
    if not quads:
        raise InputError("plot_quad_by_year: the table has no quad_* columns")
    scheme = str(table.attrs.get("scheme", "phoenix" if "quad_0" in quads else "gdelt"))
    period = _period_name(table)
    data = _by_period(table, [*quads, "goldstein_sum"])
    own_figure = ax is None
    if own_figure:
        fig = Figure(figsize=(FIGSIZE[0], FIGSIZE[1] * 1.3), layout="constrained")
        ax, gax = fig.subplots(2, 1, sharex=True, height_ratios=[2.2, 1])
    else:
        gax = ax.twinx()
    x = _x_positions(ax, data, period)
    bottom = np.zeros(len(data))
    for col in quads:
        q = int(col.split("_")[1])
        heights = data[col].to_numpy(dtype=float)
        ax.bar(x, heights, bottom=bottom, width=0.8, color=QUAD_COLORS[q], label=f"{q} {QUAD_NAMES[scheme][q]}", zorder=2)
        bottom += heights
    ax.set_ylabel(f"events per {period}")
    (gax if own_figure else ax).set_xlabel(period)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#dddddd", zorder=0)
    ax.set_ylim(0, max(1.0, bottom.max()) * 1.15)

    goldstein = data["goldstein_sum"].to_numpy(dtype=float)
    gax.plot(x, goldstein, color=OKABE_ITO["black"], marker="o", markersize=3, linewidth=1.5, label="net Goldstein (sum)")
    gax.axhline(0, color=OKABE_ITO["black"], linewidth=0.6, linestyle=":")
    gax.set_ylabel(f"net Goldstein\n(sum per {period})" if own_figure else f"net Goldstein score (sum per {period})")
    if own_figure:
        gax.grid(axis="y", color="#dddddd", zorder=0)
        span = max(1.0, float(np.abs(goldstein).max(initial=0.0))) * 1.15
        gax.set_ylim(min(0.0, float(goldstein.min(initial=0.0)) * 1.15) or -0.05 * span, max(float(goldstein.max(initial=0.0)) * 1.15, 0.05 * span))
    else:
        gax.set_ylim(min(0.0, float(goldstein.min(initial=0.0)) * 1.15), max(1.0, float(goldstein.max(initial=0.0)) * 1.15))
        _align_zero(ax, gax)

    handles, labels = ax.get_legend_handles_labels()
    if milestones is not None and len(marks := _milestone_frame(milestones)):
        starts, line = data.index, None
        for when, label in zip(marks["date"], marks["label"]):
            if period == "year":
                pos = float(when.year)
            else:
                inside = np.flatnonzero(starts <= when)
                if not len(inside):
                    continue
                pos = float(x[inside[-1]])
            if not (x.min(initial=pos) - 0.5 <= pos <= x.max(initial=pos) + 0.5):
                continue  # outside the table's periods
            line = ax.axvline(pos, color=OKABE_ITO["reddish_purple"], linestyle=":", linewidth=1.2, zorder=1)
            ax.annotate(label, xy=(pos, 1.0), xycoords=("data", "axes fraction"), xytext=(2, -4), textcoords="offset points",
                        rotation=90, va="top", ha="left", fontsize=7, color=OKABE_ITO["reddish_purple"],
                        bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 0.5})
        if line is not None:
            ax.set_ylim(0, max(1.0, bottom.max()) * 1.8)  # room above the bars for the labels
            handles.append(line)
            labels.append("reference event (from a milestones file; not coded)")
    twin_handles, twin_labels = gax.get_legend_handles_labels()
    _legend(ax, handles + twin_handles, labels + twin_labels, below=own_figure, ncol=3)
    ax.set_title(f"{_dyad_title(table)} events per {period} by QuadClass ({scheme.upper()} scheme)")
    return ax


def plot_root_heatmap(table: pd.DataFrame, *, ax: Axes | None = None, all_roots: bool = False) -> Axes:
    """CAMEO root × period heatmap of event counts (summed over the table's dyads).

    Only roots with at least one event are shown unless ``all_roots``; rows are labelled with
    short codebook names ('04 Consult'). Empty cells are white; the counts are
    ``ax.images[0].get_array().filled(0)`` (roots × periods).
    """
    root_cols = [f"root_{r}" for r in ROOTS]
    _require(table, ["period", "period_start", *root_cols], "plot_root_heatmap")
    period = _period_name(table)
    data = _by_period(table, root_cols)
    matrix = data[root_cols].to_numpy(dtype=float).T  # roots × periods
    roots = list(ROOTS)
    if not all_roots:
        keep = matrix.sum(axis=1) > 0
        if keep.any():
            matrix, roots = matrix[keep], [r for r, k in zip(roots, keep) if k]
    ax = _new_axes(ax, figsize=(min(16.0, max(6.0, 0.28 * matrix.shape[1] + 3.5)), max(3.0, 0.32 * len(roots) + 1.5)))
    cmap = matplotlib.colormaps["cividis"].with_extremes(bad="white")
    image = ax.imshow(np.ma.masked_equal(matrix, 0), aspect="auto", cmap=cmap, interpolation="nearest", vmin=0, vmax=max(1.0, matrix.max(initial=0)))
    ax.set_yticks(np.arange(len(roots)), [root_label(r) for r in roots], fontsize=8)
    labels = data.index.year.astype(str).tolist() if period == "year" else data["period"].tolist()
    step = max(1, len(labels) // 15)
    ax.set_xticks(np.arange(len(labels))[::step], labels[::step], rotation=45 if step > 1 or len(labels) > 10 else 0, ha="right" if len(labels) > 10 else "center", fontsize=8)
    if matrix.size <= 400:
        peak = matrix.max() if matrix.size else 0
        for (i, j), value in np.ndenumerate(matrix):
            if value:
                ax.text(j, i, f"{int(value)}", ha="center", va="center", fontsize=6,
                        color="black" if value > peak * 0.6 else "white")
    colorbar = ax.figure.colorbar(image, ax=ax, pad=0.01)
    colorbar.set_label(f"events per {period}")
    colorbar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(period)
    ax.set_ylabel("CAMEO root")
    ax.set_title(f"{_dyad_title(table)} events by CAMEO root and {period}")
    return ax


def plot_direction(table: pd.DataFrame, *, ax: Axes | None = None, countries: tuple[str, str] | None = None) -> Axes:
    """A→B versus B→A events per period as two lines, from a *directed* aggregate table.

    ``countries`` picks the pair (default: the table's only pair). Lines are ``ax.lines[0]``
    (A→B) and ``ax.lines[1]`` (B→A), with A, B sorted alphabetically unless given. A direction
    with no rows is drawn as zeros only if the table says it covered it (``attrs["dyads"]``);
    otherwise it is refused, so a table made for one direction cannot pass for both.
    """
    if isinstance(table, pd.DataFrame) and "country_a" in table.columns:
        raise InputError("plot_direction needs a directed table: aggregate(..., directed=True)")
    _require(table, ["source_country", "target_country", "period", "period_start", "events"], "plot_direction")
    if countries is None:
        pairs = {tuple(sorted(p)) for p in zip(table["source_country"], table["target_country"]) if p[0] != p[1]}
        if len(pairs) != 1:
            raise InputError(f"plot_direction: the table has {len(pairs)} country pairs; say which with countries=('IND', 'JPN')")
        countries = pairs.pop()
    a, b = countries
    period = _period_name(table)
    frames = {}
    for src, tgt in ((a, b), (b, a)):
        part = table[(table["source_country"] == src) & (table["target_country"] == tgt)]
        frames[(src, tgt)] = _by_period(part, ["events"]) if len(part) else None
    covered = {tuple(d) for d in table.attrs.get("dyads", [])}
    for (src, tgt), frame in frames.items():
        if frame is None and (src, tgt) not in covered:  # a direction the table never counted is not zero
            raise InputError(
                f"plot_direction: the table has no {src}→{tgt} rows, so that direction is unknown rather than zero; "
                f"make it with aggregate(events, dyads=[({a!r}, {b!r})], directed=True), which has both directions"
            )
    periods = _by_period(table, ["events"])[["period"]]
    ax = _new_axes(ax)
    x = _x_positions(ax, periods, period)
    for (src, tgt), color, marker in zip(frames, (OKABE_ITO["blue"], OKABE_ITO["vermillion"]), ("o", "s")):
        frame = frames[(src, tgt)]
        y = (frame["events"].reindex(periods.index, fill_value=0) if frame is not None else pd.Series(0, index=periods.index)).to_numpy(dtype=float)
        ax.plot(x, y, color=color, marker=marker, markersize=4, linewidth=1.5, label=f"{src} → {tgt}")
    ax.set_ylabel(f"events per {period}")
    ax.set_xlabel(period)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#dddddd")
    ax.legend(frameon=False)
    ax.set_title(f"Who acts on whom: {a} → {b} and {b} → {a} events per {period}")
    return ax


#: Series names for cooperative events whose source has no sector, or a sector not asked for.
NO_SECTOR, OTHER_SECTOR = "no sector", "other sectors"


def sector_cooperation(
    events: pd.DataFrame,
    *,
    sectors: Sequence[str] = ("GOV", "MIL", "BUS"),
    countries: Sequence[str] | None = None,
    scheme: str = "gdelt",
) -> pd.DataFrame:
    """Cooperative (QuadClass 1+2) events per year by the *source* actor's sector: years × sectors.

    The frame behind :func:`plot_sector_cooperation`; years run from the first to the last
    year of any dated event, zero-filled. Besides the listed sectors it has a ``no sector``
    column (a country named alone, "India signed …") and, when any, ``other sectors``, so the
    columns add up to every cooperative event and none is silently left out.
    """
    everything = aggregate(events, period="year", countries=countries, scheme=scheme)
    years = pd.Index(sorted(set(everything["period_start"].dt.year)), name="year")

    def per_year(table: pd.DataFrame) -> pd.Series:
        return table.groupby(table["period_start"].dt.year)["cooperative"].sum().reindex(years, fill_value=0).astype("int64")

    out = pd.DataFrame(index=years)
    source_sector = events["source_sector"].astype(object).where(events["source_sector"].notna(), "").astype(str)
    for sector in sectors:
        out[sector] = per_year(aggregate(events, period="year", countries=countries, source_sectors=[sector], scheme=scheme))
    if (source_sector == "").any():
        out[NO_SECTOR] = per_year(aggregate(events, period="year", countries=countries, source_sectors=[""], scheme=scheme))
    else:
        out[NO_SECTOR] = pd.Series(0, index=years, dtype="int64")
    other = per_year(everything) - out.sum(axis=1)
    if other.any():
        out[OTHER_SECTOR] = other.astype("int64")
    out.attrs["scheme"] = scheme
    return out


def plot_sector_cooperation(
    events: pd.DataFrame,
    *,
    ax: Axes | None = None,
    sectors: Sequence[str] = ("GOV", "MIL", "BUS"),
    countries: Sequence[str] | None = None,
    scheme: str = "gdelt",
) -> Axes:
    """Cooperative events per year by the source actor's sector, one line per sector.

    Takes the *events* frame (not a table), since a table has already summed over sectors.
    Sources with no sector (and any sector not listed) are dashed series of their own.
    ``countries`` restricts to events between those countries (e.g. ``["IND", "JPN"]``).
    """
    data = sector_cooperation(events, sectors=sectors, countries=countries, scheme=scheme)
    ax = _new_axes(ax)
    x = data.index.to_numpy()
    for sector, color, marker in zip(data.columns, _SERIES_COLORS, "os^Dv<>p"):
        label = sector if sector in (NO_SECTOR, OTHER_SECTOR) else f"source sector {sector}"
        style = "--" if sector in (NO_SECTOR, OTHER_SECTOR) else "-"
        ax.plot(x, data[sector].to_numpy(dtype=float), color=color, marker=marker, markersize=4, linewidth=1.5, linestyle=style, label=label)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    ax.set_xlabel("year")
    ax.set_ylabel("cooperative events per year (QuadClass 1+2)")
    ax.grid(axis="y", color="#dddddd")
    ax.legend(frameon=False)
    where = "–".join(sorted(set(countries))) + " " if countries else ""
    ax.set_title(f"{where}cooperative events per year by source actor's sector")
    return ax


def _freeze_layout(figure: Figure) -> None:
    """Run the layout engine once more, then fix the axes where they are.

    Constrained layout moves axes by ~1e-6 on every draw (a colorbar or twin axis never quite
    settles), so two saves of one figure would differ in their last digits. After this the
    positions no longer change, and a figure built afresh from the same data gets the same
    single layout pass, hence the same bytes.
    """
    engine = figure.get_layout_engine()
    if engine is None or type(engine).__name__ == "PlaceHolderLayoutEngine":
        return
    figure.draw_without_rendering()
    figure.set_layout_engine("none")


def save_figure(fig_or_ax: Figure | Axes, path: str | Path, *, dpi: int = DPI) -> Path:
    """Save as PNG, SVG or PDF (by suffix) with no timestamps or versions, so files are reproducible.

    Embedded dates and software versions are removed, the SVG id salt is fixed and the
    figure's layout is frozen at the first save (constrained layout otherwise drifts in the
    last digits from draw to draw), so the same data gives a byte-identical file on every save
    with the same matplotlib version. Global ``rcParams`` are left untouched.
    """
    figure: Any = fig_or_ax
    while figure is not None and not isinstance(figure, Figure):  # Axes → (SubFigure →) Figure
        figure = getattr(figure, "figure", None)
    if not isinstance(figure, Figure):
        raise InputError(f"save_figure needs a matplotlib Figure or Axes, got {type(fig_or_ax).__name__}")
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in _SAVE_METADATA:
        raise InputError(f"save_figure writes .png, .svg or .pdf; got {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    _freeze_layout(figure)
    # SVG text stays text (editable in Inkscape or Illustrator); set locally, never globally
    with matplotlib.rc_context({"svg.hashsalt": "eventcode", "svg.fonttype": "none"}):
        figure.savefig(path, format=fmt, dpi=dpi, metadata=_SAVE_METADATA[fmt])
    return path


_PER_ROOT_COLUMNS = ("root", "gold", "predicted", "precision", "recall", "f1")
_PER_ROOT_SERIES = (("precision", "precision", OKABE_ITO["blue"]), ("recall", "recall", OKABE_ITO["orange"]), ("f1", "F1", OKABE_ITO["bluish_green"]))


def per_root_rows(per_root: pd.DataFrame) -> pd.DataFrame:
    """The rows :func:`plot_per_root` draws: roots with at least one gold or predicted event, in order."""
    if not isinstance(per_root, pd.DataFrame):
        raise InputError(f"plot_per_root needs the per_root DataFrame of Scores.to_frames(), got {type(per_root).__name__}")
    missing = [c for c in _PER_ROOT_COLUMNS if c not in per_root.columns]
    if missing:
        raise InputError(f"plot_per_root: the frame is missing column(s) {', '.join(missing)}; pass Scores.to_frames()['per_root'] from eventcode.evaluate")
    rows = per_root[(per_root["gold"] > 0) | (per_root["predicted"] > 0)]
    if len(rows) == 0:
        raise InputError("plot_per_root: no root has a gold or a predicted event")
    return rows.reset_index(drop=True)


def plot_per_root(per_root: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Precision, recall and F1 per CAMEO root as grouped bars, from the validation scores.

    Takes ``Scores.to_frames()["per_root"]`` (:mod:`eventcode.evaluate`); roots with no gold
    and no predicted event are left out (:func:`per_root_rows`). The bars are three
    containers in ``ax.containers`` (precision, recall, F1), one bar per root in the frame's
    order; a measure that is undefined (no gold or no predicted event for that root) is a
    missing bar (``nan`` height) marked "n/a". Each tick names the root and its gold/predicted
    event counts.
    """
    rows = per_root_rows(per_root)
    n = len(rows)
    own_figure = ax is None
    ax = _new_axes(ax, figsize=(min(16.0, max(6.0, 0.55 * n + 2.0)), 5.0))
    x = np.arange(n)
    width = 0.27
    for i, (column, label, color) in enumerate(_PER_ROOT_SERIES):
        heights = rows[column].to_numpy(dtype=float)
        ax.bar(x + (i - 1) * width, heights, width=width, color=color, label=label, zorder=2)
        for xi in (x + (i - 1) * width)[np.isnan(heights)]:
            ax.text(xi, 0.01, "n/a", rotation=90, ha="center", va="bottom", fontsize=6, color=OKABE_ITO["grey"])
    names = rows["name"] if "name" in rows.columns else pd.Series([""] * n)
    labels = []
    for root, name, gold, predicted in zip(rows["root"], names, rows["gold"], rows["predicted"]):
        short = " ".join(str(name if isinstance(name, str) else "").split()).removeprefix("Engage In ")
        head = f"{root} {short}" if short else str(root)
        labels.append(f"{head} ({int(gold)}/{int(predicted)})")
    ax.set_xticks(x, labels, rotation=60, ha="right", rotation_mode="anchor", fontsize=7)
    ax.set_xlim(-0.6, n - 0.4)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score (precision, recall, F1)")
    ax.set_xlabel("CAMEO root (gold events/predicted events)")
    ax.grid(axis="y", color="#dddddd", zorder=0)
    handles, legend_labels = ax.get_legend_handles_labels()
    _legend(ax, handles, legend_labels, below=own_figure, ncol=3)
    ax.set_title("Validation per CAMEO root: precision, recall and F1 (n/a: undefined)")
    return ax


# ---------------------------------------------------------------------- where a dyad meets (issue 13)


def plot_meetings_by_place(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Stacked bars of a dyad's meetings and visits per year by place, from
    :func:`eventcode.tables.meetings_by_place`: in A, in B, in a third country, unplaced (grey).

    Bars are ``ax.containers`` in that order; the legend names the countries.
    """
    _require(table, ["year", "third_country", "unplaced", "total"], "plot_meetings_by_place")
    homes = [c for c in table.columns if c.startswith("in_")]
    if len(homes) != 2:
        raise InputError("plot_meetings_by_place: the table needs two in_<country> columns; pass the output of eventcode.tables.meetings_by_place")
    series = [(homes[0], f"in {homes[0][3:]}", OKABE_ITO["blue"]), (homes[1], f"in {homes[1][3:]}", OKABE_ITO["vermillion"]), ("third_country", "in a third country", OKABE_ITO["bluish_green"]), ("unplaced", "place not given", OKABE_ITO["grey"])]
    made = ax is None
    ax = _new_axes(ax)
    years = table["year"].to_numpy()
    bottom = np.zeros(len(table))
    for column, label, color in series:
        values = table[column].to_numpy(dtype=float)
        ax.bar(years, values, bottom=bottom, color=color, label=label, width=0.8)
        bottom += values
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("year")
    ax.set_ylabel("meetings and visits (stories)")
    ax.grid(axis="y", color="#dddddd")
    ax.set_axisbelow(True)
    handles, labels = ax.get_legend_handles_labels()
    _legend(ax, handles, labels, below=made, ncol=4)
    ax.set_title(f"Where {homes[0][3:]} and {homes[1][3:]} meet: meetings and visits per year by place")
    return ax
