"""Dyad × period tables from coded events: counts per QuadClass and CAMEO root, Goldstein sums.

Everything here takes an events DataFrame (from :func:`eventcode.events_to_frame` or
:func:`eventcode.read_events`) and returns a new DataFrame; nothing is modified in place
and there is no global state. Nothing is dropped silently: events that cannot be placed in a
table (no date, a date coarser than the period, no country) are counted in ``df.attrs``.

>>> from eventcode import read_events
>>> from eventcode.tables import event_table
>>> events = read_events("output/events.csv")  # doctest: +SKIP
>>> event_table(events, dedup="day", dyads=[("IND", "JPN")], directed=False)  # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .codebook import QUAD_NAMES, QUAD_SCHEMES, load_codebook
from .errors import InputError

#: Columns :func:`prepare` needs; the rest of :data:`eventcode.EVENT_COLUMNS` is optional here.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "event_date",
    "date_precision",
    "source_country",
    "target_country",
    "cameo_code",
    "goldstein",
    "occurred",
)

#: Table period name → pandas Period frequency.
PERIODS: dict[str, str] = {"year": "Y", "quarter": "Q", "month": "M", "day": "D"}

#: CAMEO roots, as the ``root_XX`` columns of every table.
ROOTS: tuple[str, ...] = tuple(f"{i:02d}" for i in range(1, 21))

#: How a date of each precision is written in ``event_date``.
_DATE_FORMATS = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
_DATE_PATTERNS = {"day": r"\d{4}-\d{2}-\d{2}", "week": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
_UNDATED = ("", "none")

_CODE = re.compile(r"[A-Z]{3}")


def _rows(index: Iterable[Any], limit: int = 10) -> str:
    labels = [str(i) for i in index]
    more = f" … ({len(labels)} in all)" if len(labels) > limit else ""
    return ", ".join(labels[:limit]) + more


def _require(events: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(events, pd.DataFrame):
        raise InputError(f"{what} needs a pandas DataFrame of events, got {type(events).__name__}")
    missing = [c for c in columns if c not in events.columns]
    if missing:
        raise InputError(f"{what}: events frame is missing required column(s) {', '.join(missing)}")


def _text(series: pd.Series) -> pd.Series:
    """Country/sector columns as plain text, with missing values as '' (no country)."""
    return series.astype(object).where(series.notna(), "").astype(str)


def _check_codes(series: pd.Series) -> pd.Series:
    """CAMEO codes must be 2–4 digit strings; an int 41 may have been '041' or '0410', so refuse."""
    ok = series.map(lambda v: isinstance(v, str) and re.fullmatch(r"\d{2,4}", v) is not None).astype(bool)
    if not ok.all():
        bad = series.index[~ok]
        example = series.loc[bad[0]]
        if isinstance(example, np.generic):  # report 41, not np.int64(41)
            example = example.item()
        raise InputError(
            f"cameo_code must be text of 2–4 digits such as '041'; found {example!r} "
            f"({type(example).__name__}) in row(s) {_rows(bad)}. A spreadsheet may have turned '041' "
            "into 41; re-read the file with eventcode.read_events_csv or repair it explicitly with "
            "eventcode.export.repair_codes"
        )
    codebook = load_codebook()
    known = series.map(lambda v: v in codebook).astype(bool)
    if not known.all():
        bad = series.index[~known]
        raise InputError(f"cameo_code {series.loc[bad[0]]!r} is not a CAMEO code (row(s) {_rows(bad)})")
    return series.astype(str)


def prepare(events: pd.DataFrame, *, occurred_only: bool = True, include_background: bool = False) -> pd.DataFrame:
    """Validate an events frame and add ``period_date`` (first day of the event's date) and ``year``.

    Validation happens here, once, so that every table refuses bad input with a message that
    names the problem instead of producing wrong counts. ``period_date`` is the first day of
    what the date denotes (``2020-09`` → 2020-09-01, ``2020`` → 2020-01-01); it is *not* a
    claim that the event happened that day — ``date_precision`` still says how much is known.
    Undated events keep ``period_date`` NaT. By default only events that occurred (asserted
    and not negated) are kept, as the README specifies for counting. Undated background
    mentions are left out unless ``include_background`` (then they count at publication).
    """
    _require(events, REQUIRED_COLUMNS, "prepare")
    if len(events) == 0:
        raise InputError("no events: the events frame is empty")
    df = events.copy()
    df["cameo_code"] = _check_codes(df["cameo_code"])

    occurred = df["occurred"]
    if not (pd.api.types.is_bool_dtype(occurred) and not occurred.isna().any()):
        raise InputError(f"occurred must be a True/False column, found dtype {occurred.dtype}")
    goldstein = pd.to_numeric(df["goldstein"], errors="coerce")
    if goldstein.isna().any():
        bad = df.index[goldstein.isna()]
        raise InputError(f"goldstein must be a number; missing or not numeric in row(s) {_rows(bad)}")
    df["goldstein"] = goldstein.astype("float64")
    for col in ("source_country", "target_country"):
        df[col] = _text(df[col])

    precision = _text(df["date_precision"])
    unknown = ~precision.isin([*_DATE_FORMATS, *_UNDATED])
    if unknown.any():
        bad = df.index[unknown]
        raise InputError(
            f"date_precision {precision.loc[bad[0]]!r} is not one of day, week, month, year, none (row(s) {_rows(bad)})"
        )
    text = df["event_date"].map(lambda v: v if isinstance(v, str) else None)
    period_date = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    for prec, fmt in _DATE_FORMATS.items():
        rows = precision == prec
        if not rows.any():
            continue
        values = text[rows]
        well_formed = values.map(lambda v: v is not None and re.fullmatch(_DATE_PATTERNS[prec], v) is not None).astype(bool)
        # tables count in pandas' nanosecond timestamps: refuse years they cannot hold, by name
        years = values.where(well_formed).str[:4].astype("float64")
        outside = values.index[(years < 1678) | (years > 2261)]
        if len(outside):
            raise InputError(
                f"event_date {df.loc[outside[0], 'event_date']!r} is outside the years tables can count (1678–2261) "
                f"in row(s) {_rows(outside)}; drop those events (e.g. events[events.event_date.str[:4].between('1678', '2261')]) first"
            )
        parsed = pd.to_datetime(values.where(well_formed), format=fmt, errors="coerce")
        bad = values.index[parsed.isna()]
        if len(bad):
            raise InputError(
                f"event_date {df.loc[bad[0], 'event_date']!r} is not an ISO date at {prec} precision "
                f"(expected e.g. {pd.Timestamp('2020-09-01').strftime(fmt)!r}) in row(s) {_rows(bad)}"
            )
        period_date[rows] = parsed.astype("datetime64[ns]")
    df["period_date"] = period_date
    # Undated background mentions (eventcode.background) are left out and counted in
    # ``attrs["background_left_out"]``; included, they count at their publication date.
    background = df["background"].astype(str).str.lower().isin(("true", "1")) if "background" in df else pd.Series(False, index=df.index)
    undated = background & df["period_date"].isna()
    left_out = 0
    if include_background and "publication_date" in df:
        df.loc[undated, "period_date"] = pd.to_datetime(df.loc[undated, "publication_date"], errors="coerce").astype("datetime64[ns]")
    elif undated.any():
        left_out = int((undated & df["occurred"]).sum() if occurred_only else undated.sum())
        df = df[~undated].copy()
    df["year"] = df["period_date"].dt.year.astype("Int64")
    if occurred_only:
        df = df[df["occurred"]]
    df.attrs["background_left_out"] = left_out
    return df


def _span_end(period_date: pd.Series, precision: pd.Series) -> pd.Series:
    """Last day the date could denote: the same day, +6 days for a week, month end, year end."""
    end = period_date.copy()
    week = precision == "week"
    end[week] = period_date[week] + pd.Timedelta(days=6)
    for prec, freq in (("month", "M"), ("year", "Y")):
        rows = precision == prec
        if rows.any():
            end[rows] = period_date[rows].dt.to_period(freq).dt.end_time.dt.normalize().astype("datetime64[ns]")
    return end


def _as_period(value: Any, freq: str, name: str) -> pd.Period:
    try:
        return pd.Period(value, freq=freq)
    except (ValueError, TypeError) as exc:
        raise InputError(f"{name}={value!r} is not a date or period: {exc}") from None


def _check_names(values: Iterable[str], known: set[str], what: str) -> None:
    """A code must be in the data or at least look like one (three capitals): catch 'India', 'jpn'."""
    for value in values:
        if not isinstance(value, str) or (value not in known and not _CODE.fullmatch(value)):
            raise InputError(
                f"unknown {what} code {value!r}: not in the data and not a three-letter upper-case code "
                f"(the data has {', '.join(sorted(k for k in known if k)) or 'none'})"
            )


def _quad_columns(scheme: str) -> list[int]:
    return sorted(QUAD_NAMES[scheme])


def aggregate(
    events: pd.DataFrame,
    *,
    period: str = "year",
    dyads: Sequence[tuple[str, str]] | None = None,
    directed: bool = True,
    countries: Sequence[str] | None = None,
    sectors: Sequence[str] | None = None,
    source_sectors: Sequence[str] | None = None,
    target_sectors: Sequence[str] | None = None,
    scheme: str = "gdelt",
    fill: bool = True,
    start: Any = None,
    end: Any = None,
    occurred_only: bool = True,
) -> pd.DataFrame:
    """Count events per dyad and period: QuadClass and CAMEO-root counts, Goldstein sum and mean.

    One row per (``source_country``, ``target_country``, period); with ``directed=False`` the
    pair is sorted alphabetically into ``country_a``, ``country_b`` so that IND→JPN and JPN→IND
    add up. Dyads come from ``dyads`` (pairs of countries), or ``countries`` (every pair of two
    *different* listed countries), or else every dyad seen in the data (events whose actor has
    no country are left out and counted in ``attrs["dropped_no_country"]``). A dyad is a pair
    of countries whichever order it is given in: ``dyads=[("IND", "JPN")]`` with
    ``directed=True`` gives both IND→JPN and JPN→IND rows (zeros where a direction has no
    events), because a directed table that silently lacked one direction would read as "Japan
    never acted on India". ``attrs["dyads"]`` lists the (ordered) pairs the table covers.

    ``sectors`` keeps events in which either actor has one of the sectors; ``source_sectors``
    and ``target_sectors`` constrain each end (military-to-military: both ``["MIL"]``).

    QuadClass is looked up in the codebook for ``scheme`` ('gdelt': ``quad_1``…``quad_4``,
    'phoenix': ``quad_0``…``quad_4``), not read from the frame, because a CSV does not say
    which scheme its ``quad_class`` column used. ``cooperative`` = quad 1+2, ``conflictual``
    = quad 3+4 (Phoenix's neutral quad 0 is in neither but is in ``events``).

    An event is placed in a period only if everything its date can denote lies in that period:
    ``2020`` (year precision) fits period='year' but not 'month' — it is not put in January —
    and such events are counted in ``attrs["dropped_coarser_dates"]``; a week that straddles
    two months is likewise dropped from a monthly table. Undated events are counted in
    ``attrs["dropped_undated"]``. Both counts cover only events of the table's dyads and
    sectors. Events outside an explicit ``start``/``end`` are simply out of the table. With ``fill`` every dyad gets a row of zeros for each period
    without events between ``start`` and ``end`` (default: the first and last period with any
    placeable event in ``events``, so absent dyads still get a full run of zeros).
    """
    if period not in PERIODS:
        raise InputError(f"period must be one of {', '.join(PERIODS)}; got {period!r}")
    if scheme not in QUAD_SCHEMES:
        raise InputError(f"unknown QuadClass scheme {scheme!r}; expected one of {QUAD_SCHEMES}")
    if dyads is not None and countries is not None:
        raise InputError("give either dyads or countries, not both")
    freq = PERIODS[period]
    sector_filter = any(s is not None for s in (sectors, source_sectors, target_sectors))
    if sector_filter:
        _require(events, ("source_sector", "target_sector"), "aggregate with a sector filter")
    df = prepare(events, occurred_only=occurred_only)

    known_countries = set(df["source_country"]) | set(df["target_country"])
    if sector_filter:
        known_sectors = set(_text(df["source_sector"])) | set(_text(df["target_sector"]))
        for given in (sectors, source_sectors, target_sectors):
            if given is not None:
                _check_names(given, known_sectors, "sector")
    if countries is not None:
        _check_names(countries, known_countries, "country")
    if dyads is not None:
        if not all(isinstance(d, (tuple, list)) and len(d) == 2 for d in dyads):
            raise InputError(f"dyads must be (country, country) pairs, e.g. [('IND', 'JPN')]; got {dyads!r}")
        _check_names([c for d in dyads for c in d], known_countries, "country")
    codebook = load_codebook()
    df["_quad"] = df["cameo_code"].map(lambda c: codebook[c].quad_class(scheme)).astype("int64")
    df["_root"] = df["cameo_code"].str[:2]

    # Which period each event falls in, if its whole date fits in one period.
    dated = df["period_date"].notna()
    precision = _text(df["date_precision"])
    first = df["period_date"].dt.to_period(freq)
    last = _span_end(df["period_date"], precision).dt.to_period(freq)
    fits = dated & (first == last)
    df = df.assign(_period=first, _dated=dated, _fits=fits)

    # The period range: explicit, or the span of every placeable event (before any filter).
    placed = df.loc[fits, "_period"]
    if start is not None or end is not None or len(placed):
        lo = _as_period(start, freq, "start") if start is not None else placed.min()
        hi = _as_period(end, freq, "end") if end is not None else placed.max()
        if pd.isna(lo) or pd.isna(hi):  # one bound given and no events to supply the other
            lo = hi = lo if not pd.isna(lo) else hi
        if lo > hi:
            raise InputError(f"start {lo} is after end {hi}")
        periods = pd.period_range(lo, hi, freq=freq)
    else:
        periods = pd.PeriodIndex([], freq=freq)

    if sector_filter:
        src_sector, tgt_sector = _text(df["source_sector"]), _text(df["target_sector"])
        keep = pd.Series(True, index=df.index)
        if sectors is not None:
            keep &= src_sector.isin(sectors) | tgt_sector.isin(sectors)
        if source_sectors is not None:
            keep &= src_sector.isin(source_sectors)
        if target_sectors is not None:
            keep &= tgt_sector.isin(target_sectors)
        df = df[keep]

    a_col, b_col = ("source_country", "target_country") if directed else ("country_a", "country_b")
    src, tgt = df["source_country"], df["target_country"]
    if directed:
        a, b = src, tgt
    else:
        a = pd.Series(np.where(src <= tgt, src, tgt), index=df.index, dtype=object)
        b = pd.Series(np.where(src <= tgt, tgt, src), index=df.index, dtype=object)
    df = df.assign(_a=a, _b=b)

    dropped_no_country = 0
    if dyads is not None:
        # A dyad names two countries; a directed table has a row for each direction of it.
        universe = sorted({(x, y) for d in dyads for x, y in (tuple(d), tuple(d)[::-1]) if directed or x <= y})
    elif countries is not None:
        chosen = sorted(set(countries))
        pairs = itertools.permutations(chosen, 2) if directed else itertools.combinations(chosen, 2)
        universe = sorted(set(pairs))
    else:
        no_country = (df["_a"] == "") | (df["_b"] == "")
        dropped_no_country = int(no_country.sum())
        df = df[~no_country]
        universe = sorted(set(zip(df["_a"], df["_b"])))
    in_universe = pd.Series(list(zip(df["_a"], df["_b"])), index=df.index, dtype=object).isin(set(universe))
    df = df[in_universe.astype(bool)]

    # Only now, within the table's dyads and sectors, count what cannot be placed.
    dropped_undated = int((~df["_dated"]).sum())
    dropped_coarser = int((df["_dated"] & ~df["_fits"]).sum())
    df = df[df["_fits"]]
    if len(periods):
        df = df[(df["_period"] >= periods[0]) & (df["_period"] <= periods[-1])]

    quads = _quad_columns(scheme)
    count_cols = ["events", *[f"quad_{q}" for q in quads], *[f"root_{r}" for r in ROOTS]]
    keys = ["_a", "_b", "_period"]
    quad_values, root_values = df["_quad"].to_numpy(), df["_root"].to_numpy(dtype=object)
    indicators = pd.DataFrame(
        {"events": np.ones(len(df), dtype="int64")}
        | {f"quad_{q}": (quad_values == q).astype("int64") for q in quads}
        | {f"root_{r}": (root_values == r).astype("int64") for r in ROOTS}
        | {"goldstein_sum": df["goldstein"].to_numpy(dtype="float64")},
        index=df.index,
    )
    observed = list(zip(df["_a"], df["_b"], df["_period"]))
    index = pd.MultiIndex.from_tuples(observed, names=keys) if observed else pd.MultiIndex.from_tuples([], names=keys)
    counts = indicators.set_axis(index).groupby(level=keys, sort=True).sum()
    if fill:
        full = [(x, y, p) for (x, y) in universe for p in periods]
        counts = counts.reindex(pd.MultiIndex.from_tuples(full, names=keys) if full else index[:0], fill_value=0)
    counts = counts.astype({c: "int64" for c in count_cols} | {"goldstein_sum": "float64"}).reset_index()

    starts = pd.PeriodIndex(list(counts["_period"]), freq=freq).start_time
    out = pd.DataFrame(
        {
            a_col: counts["_a"].astype(str).to_numpy(),
            b_col: counts["_b"].astype(str).to_numpy(),
            "period": counts["_period"].astype(str).to_numpy(),
            "period_start": np.asarray(starts, dtype="datetime64[ns]"),
        }
    )
    for col in count_cols:
        out[col] = counts[col].to_numpy()
    out["goldstein_sum"] = counts["goldstein_sum"].to_numpy()
    events_n = out["events"].astype("float64")
    out["goldstein_mean"] = (out["goldstein_sum"] / events_n).where(events_n > 0)
    coop = out.get("quad_1", 0) + out.get("quad_2", 0)
    conf = out.get("quad_3", 0) + out.get("quad_4", 0)
    out["cooperative"] = coop.astype("int64")
    out["conflictual"] = conf.astype("int64")
    out["net_cooperation"] = (coop - conf).astype("int64")
    out["cooperative_share"] = (out["cooperative"] / events_n).where(events_n > 0)
    out = out.sort_values([a_col, b_col, "period_start"], kind="stable").reset_index(drop=True)
    out.attrs.update(
        {
            "period": period,
            "scheme": scheme,
            "directed": directed,
            "occurred_only": occurred_only,
            "dropped_coarser_dates": dropped_coarser,
            "dropped_undated": dropped_undated,
            "dropped_no_country": dropped_no_country,
            "dyads": [list(d) for d in universe],
        }
    )
    return out


#: De-duplication units: ``story`` adds the article to the key, ``day`` does not, ``none`` keeps every row.
DEDUP_METHODS: tuple[str, ...] = ("story", "day", "none")
#: What the key compares: the full CAMEO code, or only its root (04x and 042 are one "consult").
DEDUP_LEVELS: tuple[str, ...] = ("code", "root")
#: The rule for which row of a group of duplicates stands for it, as written into table sidecars.
DEDUP_KEEPS = (
    "the first row in file order (article_id, sentence_index) among rows with the same key, preferring one that occurred; "
    "then a row whose date is vaguer than, and contains, another row's date (or, within a story, is only the publication date) is folded into the better-dated row"
)


def dedup_key(how: str, level: str = "code", *, directed: bool = True) -> tuple[str, ...]:
    """The fields that make two rows one event, in words, for sidecars and docs."""
    pair = "source country, target country" if directed else "the unordered pair of countries"
    fields = [pair, "CAMEO code" if level == "code" else "CAMEO root", "event_date"]
    return tuple((["article_id"] if how == "story" else []) + fields)


def deduplicate(
    events: pd.DataFrame,
    how: str = "story",
    *,
    level: str = "code",
    directed: bool = True,
) -> tuple[pd.DataFrame, int]:
    """Keep one row per event at the analyst's unit; returns (frame, rows removed).

    The unit is (source country, target country, CAMEO code — or root with ``level="root"`` —,
    ``event_date``), per story (``how="story"``: the same ``article_id``) or across stories
    (``how="day"``: every report of that event on that date counts once). Countries, not full
    actor codes, are compared, so "India and Japan signed" (IND→JPN) and "the ministers signed"
    (INDGOV→JPNGOV) in one story are one signing; an actor with no country is compared by its
    code. With ``directed=False`` the pair is unordered, so a joint signing coded both ways
    (IND→JPN and JPN→IND) is one event, as an undirected table needs. ``how="none"`` keeps
    every row. Which row stands for a group is fixed (:data:`DEDUP_KEEPS`): the first in the
    frame's order, preferring one that occurred, so a negated mention never stands in for an
    asserted one; the kept rows keep their order and index. Rows with the same key but a
    vaguer date are then folded into the better-dated one (see :func:`_covered`): "signed in
    February" (2011-02) and "signed on Wednesday" (2011-02-16) are one signing, and so, within
    a story, is a sentence that gave no date and so carries the publication date.
    """
    if how not in DEDUP_METHODS:
        raise InputError(f"how must be one of {', '.join(DEDUP_METHODS)}; got {how!r}")
    if level not in DEDUP_LEVELS:
        raise InputError(f"level must be one of {', '.join(DEDUP_LEVELS)}; got {level!r}")
    needed = ["source_code", "target_code", "source_country", "target_country", "cameo_code", "event_date"]
    _require(events, needed + (["article_id"] if how == "story" else []), f"deduplicate(how={how!r})")
    out_attrs = dict(events.attrs)
    if how == "none":
        out = events.copy()
        out.attrs = out_attrs | {"deduplicated": {"how": how, "level": level, "directed": directed, "removed": 0}}
        return out, 0
    src = _text(events["source_country"]).where(_text(events["source_country"]) != "", _text(events["source_code"]))
    tgt = _text(events["target_country"]).where(_text(events["target_country"]) != "", _text(events["target_code"]))
    if not directed:
        src, tgt = (
            pd.Series(np.where(src <= tgt, src, tgt), index=events.index, dtype=object),
            pd.Series(np.where(src <= tgt, tgt, src), index=events.index, dtype=object),
        )
    code = _text(events["cameo_code"])
    keys = pd.DataFrame({"src": src, "tgt": tgt, "code": code.str[:2] if level == "root" else code, "date": _text(events["event_date"])})
    if how == "story":
        keys["article"] = _text(events["article_id"])
    order = np.arange(len(events))
    if "occurred" in events.columns:
        preference = (~events["occurred"].astype(bool)).to_numpy().astype(int)
        order = np.lexsort((order, preference))
    keep = ~keys.iloc[order].duplicated(keep="first")
    kept_positions = np.sort(order[keep.to_numpy()])
    group = keys.drop(columns="date")
    covered = _covered(events, group, kept_positions)
    kept_positions = np.array([p for p in kept_positions if p not in covered], dtype=int)
    out = events.iloc[kept_positions].copy()
    removed = len(events) - len(out)
    out.attrs = out_attrs | {"deduplicated": {"how": how, "level": level, "directed": directed, "removed": removed}}
    return out, removed


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _span(date: str, precision: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last day an ISO date at its precision can denote; None when undated."""
    try:
        if len(date) == 10:
            start = pd.Timestamp(date)
            return start, start + pd.Timedelta(days=6 if precision == "week" else 0)
        if len(date) in (4, 7):
            p = pd.Period(date, freq="Y" if len(date) == 4 else "M")
            return p.start_time.normalize(), p.end_time.normalize()
    except ValueError:
        pass
    return None


def _covered(events: pd.DataFrame, group: pd.DataFrame, positions: np.ndarray) -> set[int]:
    """Rows that report, less precisely, an event another row of their group dates better.

    Within one group (same pair and code, and same story for ``how="story"``) a row is
    covered by a row with a *finer* date inside its own span ('2011-02' by '2011-02-16'; an
    undated row by any dated one) and a row dated only by its story's publication date
    (``date_method == "publication"``: the sentence gave no date) by a row of the same story
    that the text dated. A publication date is weaker evidence than a date in the text. An
    event that occurred is never covered by one that did not.
    """
    if len(positions) < 2:
        return set()
    dates = _text(events["event_date"]).to_numpy()
    precision = _text(events["date_precision"]).to_numpy() if "date_precision" in events else np.full(len(events), "")
    method = _text(events["date_method"]).to_numpy() if "date_method" in events else np.full(len(events), "")
    occurred = events["occurred"].astype(bool).to_numpy() if "occurred" in events else np.ones(len(events), dtype=bool)
    articles = _text(events["article_id"]).to_numpy() if "article_id" in events else np.full(len(events), "")
    groups: dict[tuple, list[int]] = {}
    for p, k in zip(positions, map(tuple, group.iloc[positions].to_numpy())):
        groups.setdefault(k, []).append(int(p))
    covered: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        info = {}
        for p in members:
            span = _span(dates[p], precision[p])
            published = method[p] == "publication"
            info[p] = (span, (int(published), _PRECISION_RANK.get(precision[p], 4) if span else 5))
        for r in members:
            r_span, r_score = info[r]
            for o in members:
                o_span, o_score = info[o]
                if o == r or o_score >= r_score or occurred[r] > occurred[o] or o_span is None:
                    continue
                inside = r_span is None or (r_span[0] <= o_span[0] and o_span[1] <= r_span[1])
                if inside or (r_score[0] == 1 and o_score[0] == 0 and articles[r] == articles[o]):
                    covered.add(r)
                    break
    return covered


def event_table(
    events: pd.DataFrame,
    *,
    dedup: str = "story",
    dedup_level: str = "code",
    **options: Any,
) -> pd.DataFrame:
    """:func:`aggregate` after :func:`deduplicate` at the table's own unit, saying what was removed.

    Duplicates are judged with the table's direction (an undirected table counts a joint
    signing coded both ways once; a directed table counts it once in each direction). The
    ``duplicates_removed`` column holds, per row, how many events the row would have counted
    without de-duplication; ``attrs["dedup"]`` records the method, its key and which row is kept.
    """
    directed = bool(options.get("directed", True))
    kept, _ = deduplicate(events, dedup, level=dedup_level, directed=directed)
    table = aggregate(kept, **options)
    if dedup == "none":
        table["duplicates_removed"] = np.zeros(len(table), dtype="int64")
    else:
        raw = aggregate(events, **options)
        keys = list(table.columns[:3])
        merged = table[keys].merge(raw[[*keys, "events"]], on=keys, how="left", validate="one_to_one")
        table["duplicates_removed"] = (merged["events"].fillna(0).to_numpy() - table["events"].to_numpy()).astype("int64")
    table.attrs["dedup"] = {
        "how": dedup,
        "level": dedup_level,
        "directed": directed,
        "key": list(dedup_key(dedup, dedup_level, directed=directed)) if dedup != "none" else [],
        "kept_row": DEDUP_KEEPS if dedup != "none" else "every row",
        "removed_in_table": int(table["duplicates_removed"].sum()),
    }
    return table


def panel(
    events: pd.DataFrame,
    *,
    dyads: Sequence[tuple[str, str]],
    period: str = "year",
    directed: bool = False,
    scheme: str = "gdelt",
    sectors: Sequence[str] | None = None,
    source_sectors: Sequence[str] | None = None,
    target_sectors: Sequence[str] | None = None,
    start: Any = None,
    end: Any = None,
    occurred_only: bool = True,
    dedup: str = "none",
    dedup_level: str = "code",
) -> pd.DataFrame:
    """A balanced dyad-period panel for Stata or R: every dyad × period, zeros where nothing happened.

    Columns are snake_case (``dyad``, ``country_a``/``country_b`` or ``source_country``/
    ``target_country``, ``period``, ``year``, ``period_start``, the counts of
    :func:`aggregate` as int64, then the Goldstein and cooperation measures), rows sorted by
    dyad and period. ``dyad`` is one string id per pair (``IND-JPN``) for ``xtset``/``plm``.
    ``dedup`` de-duplicates first (:func:`event_table`); ``duplicates_removed`` says how many.
    """
    if not dyads:
        raise InputError("panel needs dyads, e.g. dyads=[('IND', 'JPN')]")
    table = event_table(
        events,
        dedup=dedup,
        dedup_level=dedup_level,
        period=period,
        dyads=dyads,
        directed=directed,
        scheme=scheme,
        sectors=sectors,
        source_sectors=source_sectors,
        target_sectors=target_sectors,
        fill=True,
        start=start,
        end=end,
        occurred_only=occurred_only,
    )
    a_col, b_col = table.columns[:2]
    front = pd.DataFrame(
        {
            "dyad": (table[a_col] + "-" + table[b_col]).astype(str),
            a_col: table[a_col],
            b_col: table[b_col],
            "period": table["period"],
            "year": table["period_start"].dt.year.astype("int64"),
            "period_start": table["period_start"],
        }
    )
    out = pd.concat([front, table.drop(columns=[a_col, b_col, "period", "period_start"])], axis=1)
    out = out.sort_values(["dyad", "period_start"], kind="stable").reset_index(drop=True)
    out.attrs = dict(table.attrs)
    return out


def write_panel_csv(panel: pd.DataFrame, path: str | Path, *, float_format: str = "%.4f") -> Path:
    """Write a panel as CSV that is byte-identical for the same input (fixed floats, '\\n', ISO dates).

    Missing values (``goldstein_mean`` of an empty period) are written as empty fields, which
    both Stata (``import delimited``) and R (``read.csv``) read as missing.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    panel.to_csv(
        path,
        index=False,
        encoding="utf-8",
        lineterminator="\n",
        float_format=float_format,
        date_format="%Y-%m-%d",
        na_rep="",
    )
    return path


def between(events: pd.DataFrame, countries: Sequence[str]) -> pd.DataFrame:
    """Events whose source and target are two *different* countries of ``countries``, either way.

    The filter a dyad study starts from ("India–Japan events"); a country acting on itself
    (IND→IND) and events with a third country are left out.
    """
    _require(events, ("source_country", "target_country"), "between")
    chosen = set(countries)
    src, tgt = _text(events["source_country"]), _text(events["target_country"])
    return events[src.isin(chosen) & tgt.isin(chosen) & (src != tgt)]


#: Yearly QuadClass counts of the events between a set of countries, in SQL over the event store.
STORE_QUAD_SQL = """
SELECT substr(event_date, 1, 4) AS year, quad_class, count(*) AS events
FROM events
WHERE source_country IN ({marks}) AND target_country IN ({marks})
  AND source_country <> target_country AND event_date <> ''{occurred}
GROUP BY ALL ORDER BY year, quad_class
"""


def store_quad_counts(store: Any, countries: Sequence[str], *, occurred_only: bool = True) -> pd.DataFrame:
    """Years × QuadClass counts straight from an :class:`eventcode.store.EventStore`, in SQL.

    The SQL counts *rows*: every coded mention, with no de-duplication, and with the
    QuadClass stored at coding time. It equals ``aggregate(..., dedup none)`` on the same
    events; the difference from a de-duplicated table is exactly the duplicates removed.
    """
    marks = ", ".join("?" for _ in countries)
    query = STORE_QUAD_SQL.format(marks=marks, occurred=" AND occurred" if occurred_only else "")
    counts = store.sql(query, [*countries, *countries])
    table = counts.pivot(index="year", columns="quad_class", values="events")
    table = table.reindex(columns=sorted(set(table.columns) | {1, 2, 3, 4})).fillna(0).astype("int64")
    table.columns = [f"quad_{q}" for q in table.columns]
    return table


# ---------------------------------------------------------------------- where a dyad meets (issue 13)

#: CAMEO codes of face-to-face meetings and visits (041, a telephone call, has no place).
MEETING_CODES: tuple[str, ...] = ("040", "042", "043", "044", "045", "046")
#: Where a meeting can be, as the columns of :func:`meetings_by_place` (``in_A``, ``in_B`` first).
PLACE_COLUMNS: tuple[str, ...] = ("third_country", "unplaced")


def meetings_by_place(events: pd.DataFrame, dyad: tuple[str, str] = ("IND", "JPN")) -> pd.DataFrame:
    """Meetings and visits between the two countries of ``dyad`` per year, by where they took
    place: in A, in B, in a third country, or not placed by the text.

    A meeting is counted once per story, year and place, whichever direction and whichever of
    :data:`MEETING_CODES` its events carry ("Modi arrived in Tokyo … Abe hosted him … they held
    talks in Tokyo" is one meeting in Japan); a story-year whose meetings have a place counts
    no further unplaced one. Only places the text gives count: a dateline
    (``geo_method == "dateline"``) or a name it did not settle leaves the meeting ``unplaced``.
    Columns: ``year``, ``in_<A>``, ``in_<B>``, ``third_country``, ``unplaced``, ``total``.
    """
    _require(events, [*REQUIRED_COLUMNS, "article_id", "action_country", "geo_method"], "meetings_by_place")
    a, b = (str(c).upper() for c in dyad)
    if not (_CODE.fullmatch(a) and _CODE.fullmatch(b)) or a == b:
        raise InputError(f"dyad must be two different ISO alpha-3 country codes, got {dyad!r}")
    columns = ["year", f"in_{a}", f"in_{b}", *PLACE_COLUMNS, "total"]
    df = prepare(events) if len(events) else events.assign(year=pd.Series(dtype="Int64"))
    pair = {a, b}
    rows = df[df["cameo_code"].isin(MEETING_CODES) & (df["source_country"] != df["target_country"]) & df["source_country"].isin(pair) & df["target_country"].isin(pair) & df["year"].notna()]
    country = _text(rows["action_country"])
    method = _text(rows["geo_method"])
    textual = (country != "") & ~method.str.startswith("dateline")
    where = np.select([textual & (country == a), textual & (country == b), textual], [f"in_{a}", f"in_{b}", "third_country"], default="unplaced")
    found = pd.DataFrame({"article_id": rows["article_id"].astype(str), "year": rows["year"].astype("int64"), "where": where}).drop_duplicates()
    placed = found.loc[found["where"] != "unplaced", ["article_id", "year"]].drop_duplicates()
    placed_keys = set(zip(placed["article_id"], placed["year"]))
    found = found[(found["where"] != "unplaced").to_numpy() | np.array([k not in placed_keys for k in zip(found["article_id"], found["year"])], dtype=bool)]
    if found.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in columns})
    table = found.groupby(["year", "where"]).size().unstack("where", fill_value=0)
    table = table.reindex(columns=columns[1:-1], fill_value=0).reset_index()
    table.columns.name = None
    table["total"] = table[columns[1:-1]].sum(axis=1)
    table = table[columns].astype("int64").sort_values("year", ignore_index=True)
    table.attrs["dyad"] = (a, b)
    return table
