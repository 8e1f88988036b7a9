"""Events ↔ pandas and CSV, with a provenance sidecar.

The CSV has a fixed column order (:data:`EVENT_COLUMNS`), UTF-8, ISO dates, codes as text,
and rows in a stable order, so the same input and version give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .codebook import QUAD_NAMES, QUAD_SCHEMES, Codebook, load_codebook
from .columns import CSV_FALSE, CSV_TRUE, EVENT_COLUMN_DOCS, TABLE_COLUMN_DOCS, dictionary_rows
from .errors import InputError
from .fileio import atomic_path, write_text_atomic
from .records import Event

if TYPE_CHECKING:
    import pandas as pd

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "sentence_index",
    "event_date",
    "date_precision",
    "date_method",
    "date_text",
    "publication_date",
    "publisher",
    "url",
    "source_code",
    "source_country",
    "source_sector",
    "source_text",
    "target_code",
    "target_country",
    "target_sector",
    "target_text",
    "cameo_code",
    "cameo_root",
    "cameo_name",
    "quad_class",
    "goldstein",
    "negated",
    "mood",
    "occurred",
    "verb_text",
    "rule",
    "source_rule",
    "target_rule",
    "source_path",
    "target_path",
    "role_confidence",
    "intended_code",
    "background",
    "action_place",
    "action_country",
    "action_lat",
    "action_lon",
    "geo_precision",
    "geo_method",
    "sentence",
)

#: Float columns written with four decimals rather than the one of ``goldstein``.
GEO_COLUMNS = ("action_lat", "action_lon")

_STRING_COLUMNS = [
    c
    for c in EVENT_COLUMNS
    if c not in ("sentence_index", "quad_class", "goldstein", "negated", "occurred", "background", "action_lat", "action_lon", "event_date", "publication_date")
]


def event_sort_key(e: Event) -> tuple:
    """The row order of an events file; the pipeline's spill merge sorts by it too, so the file
    is the same however many events were held in memory."""
    return (e.article_id, e.sentence_index, e.source.start, e.rule, e.source.code, e.target.code, e.cameo_code)


def events_to_frame(events: Iterable[Event], *, scheme: str = "gdelt", codebook: Codebook | None = None) -> pd.DataFrame:
    """One row per event, columns :data:`EVENT_COLUMNS`; codes are pandas ``string`` dtype.

    ``event_date`` holds the date at its precision as ISO text (``2020-09`` for a month) so
    that no false day is implied; ``date_precision`` says which.
    """
    import pandas as pd

    if scheme not in QUAD_SCHEMES:
        raise ValueError(f"unknown QuadClass scheme {scheme!r}; expected one of {QUAD_SCHEMES}")
    codebook = codebook or load_codebook()
    rows = []
    counters: dict[tuple[str, int], int] = {}
    for e in sorted(events, key=event_sort_key):
        entry = codebook[e.cameo_code]
        n = counters.get((e.article_id, e.sentence_index), 0)
        counters[(e.article_id, e.sentence_index)] = n + 1
        rows.append(
            {
                "event_id": f"{e.article_id}:{e.sentence_index}:{n}",
                "article_id": e.article_id,
                "sentence_index": e.sentence_index,
                "event_date": e.date.iso(),
                "date_precision": e.date.precision,
                "date_method": e.date.method,
                "date_text": e.date.text,
                "publication_date": e.publication_date.isoformat() if e.publication_date else "",
                "publisher": e.publisher,
                "url": e.url,
                "source_code": e.source.code,
                "source_country": e.source.country,
                "source_sector": e.source.sector,
                "source_text": e.source.text,
                "target_code": e.target.code,
                "target_country": e.target.country,
                "target_sector": e.target.sector,
                "target_text": e.target.text,
                "cameo_code": e.cameo_code,
                "cameo_root": entry.root,
                "cameo_name": entry.name,
                "quad_class": entry.quad_class(scheme),
                "goldstein": entry.goldstein,
                "negated": e.negated,
                "mood": e.mood,
                "occurred": e.occurred,
                "verb_text": e.verb_text,
                "rule": e.rule,
                "source_rule": e.source.rule,
                "target_rule": e.target.rule,
                "source_path": e.source.path,
                "target_path": e.target.path,
                "role_confidence": e.role_confidence,
                "intended_code": e.intended_code,
                "background": e.background,
                "action_place": e.place.name if e.place else "",
                "action_country": e.place.country if e.place else "",
                "action_lat": e.place.lat if e.place and e.place.lat is not None else float("nan"),
                "action_lon": e.place.lon if e.place and e.place.lon is not None else float("nan"),
                "geo_precision": e.place.precision if e.place else "",
                "geo_method": e.place.method if e.place else "",
                "sentence": e.sentence,
            }
        )
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    frame = frame.astype({c: "string" for c in _STRING_COLUMNS})
    frame = frame.astype({"sentence_index": "int64", "quad_class": "int64", "goldstein": "float64", "negated": "bool", "occurred": "bool", "background": "bool", "action_lat": "float64", "action_lon": "float64"})
    frame = frame.astype({"event_date": "string", "publication_date": "string"})
    frame.attrs["quad_scheme"] = scheme
    return frame


def read_events_csv(path: str | Path) -> pd.DataFrame:
    """Read an events CSV back with the right types (codes stay text: '041', not 41).

    A file whose codes were turned into numbers by another tool is refused, naming the rows.
    """
    import pandas as pd

    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}: empty file, expected a header with {', '.join(EVENT_COLUMNS[:5])}, …") from None
    missing = [c for c in ("cameo_code", "source_code", "target_code") if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: not an events file, missing columns {missing}")
    bad = frame.index[~frame["cameo_code"].str.fullmatch(r"\d{3,4}|\d{2}")]
    if len(bad) == 0:
        roots = frame["cameo_code"].str[:2].astype(int)
        bad = frame.index[(roots < 1) | (roots > 20)]
    if len(bad):
        rows = ", ".join(str(i + 2) for i in bad[:10])
        raise InputError(
            f"{path}: cameo_code values that are not CAMEO codes (e.g. {frame.loc[bad[0], 'cameo_code']!r}) on line(s) {rows}; "
            "a spreadsheet may have turned '041' into 41 — re-export with codes as text, or repair with eventcode.export.repair_codes"
        )
    frame = frame.astype({c: "string" for c in frame.columns})
    for col, kind in (("sentence_index", "int64"), ("quad_class", "int64"), ("goldstein", "float64"), ("action_lat", "float64"), ("action_lon", "float64")):
        if col in frame:
            frame[col] = pd.to_numeric(frame[col]).astype(kind)
    for col in ("negated", "occurred", "background"):
        if col in frame:
            frame[col] = _booleans(frame[col], path, col)
    for col in ("event_date", "publication_date"):
        if col in frame:
            _check_dates(frame[col], path, col)
    return frame


_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _booleans(values: pd.Series, path: Path, col: str) -> pd.Series:
    """true/false, 1/0, yes/no in any case (what R, spreadsheets and pandas write); anything
    else is refused with its line, never read as True."""
    mapped = values.str.strip().str.lower().map(_BOOLEANS)
    bad = values.index[mapped.isna()]
    if len(bad):
        raise InputError(f"{path}:{bad[0] + 2}: {col} is {values.loc[bad[0]]!r}, expected true/false (or 1/0, yes/no){_more(bad)}")
    return mapped.astype("bool")


def _check_dates(values: pd.Series, path: Path, col: str) -> None:
    """Dates as ISO text at their precision (2020, 2020-09, 2020-09-14) and real calendar days;
    empty means undated."""
    for i, value in values.items():
        if not value:
            continue
        ok = _ISO_DATE.fullmatch(value) is not None
        if ok:
            parts = [int(x) for x in value.split("-")] + [1, 1]
            try:
                dt.date(parts[0], parts[1], parts[2])
            except ValueError:
                ok = False
        if not ok or value.startswith("0000"):
            raise InputError(f"{path}:{i + 2}: {col} {value!r} is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY, years 0001–9999)")


def _more(bad: pd.Index) -> str:
    return f" (and {len(bad) - 1} more line(s): {', '.join(str(i + 2) for i in bad[1:6])}{' …' if len(bad) > 6 else ''})" if len(bad) > 1 else ""


def repair_codes(codes: pd.Series, *, width: int = 3) -> pd.Series:
    """Explicitly re-pad integer-mangled codes ("41" → "041") when the caller knows the width.

    Only the caller knows whether "41" was "041" or "0410"; this never guesses.
    """
    return codes.astype("string").str.zfill(width)


def _csv_booleans(frame: pd.DataFrame) -> pd.DataFrame:
    """Booleans as ``true``/``false`` (R reads them as logical; pandas' True/False is Python's spelling)."""
    flags = [c for c in frame.columns if str(frame[c].dtype) in ("bool", "boolean")]
    if not flags:
        return frame
    out = frame.copy()
    for c in flags:
        out[c] = frame[c].map({True: CSV_TRUE, False: CSV_FALSE}).astype(object).where(frame[c].notna(), "")
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` atomically: a failed write leaves the previous file as it was.

    Booleans are written ``true``/``false``; floats in their shortest exact form (Goldstein
    ``3.4``, a latitude ``35.6895``), so that nothing is rounded away.
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        write_csv_rows(frame, tmp)
    return path


def write_csv_rows(frame: pd.DataFrame, target: Any, *, header: bool = True) -> None:
    """The one CSV rendering of a frame (to a path or an open text file): booleans
    ``true``/``false``, floats in their shortest exact form, ``\n`` line ends."""
    _csv_booleans(frame).to_csv(target, header=header, index=False, encoding="utf-8", lineterminator="\n")


#: Stata files carry a timestamp; a fixed one keeps the same data byte-identical.
_DTA_TIMESTAMP = dt.datetime(2000, 1, 1)


def _typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Events columns in their declared types (strings as text with '' for missing)."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        kind = EVENT_COLUMN_DOCS[col].type if col in EVENT_COLUMN_DOCS else None
        if kind == "string":
            out[col] = out[col].astype("string").fillna("")
        elif kind == "integer":
            out[col] = pd.to_numeric(out[col]).astype("int64")
        elif kind == "float":
            out[col] = pd.to_numeric(out[col]).astype("float64")
        elif kind == "boolean":
            out[col] = out[col].astype("bool")
    return out


def write_parquet(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write events as Parquet (pyarrow): codes as strings, booleans as booleans, for R (arrow) or pandas."""
    path = Path(path)
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise InputError("writing Parquet needs pyarrow: pip install pyarrow") from None
    with atomic_path(path) as tmp:
        _typed_frame(frame).to_parquet(tmp, index=False, engine="pyarrow")
    return path


def write_dta(frame: pd.DataFrame, path: str | Path, *, label: str = "eventcode events") -> Path:
    """Write events as a Stata 14+ file (format 118): codes as str, booleans as 0/1 with value
    labels, a variable label per column from the data dictionary, and a fixed timestamp so
    that the same events give the same bytes."""
    path = Path(path)
    typed = _typed_frame(frame)
    strings = [c for c in typed.columns if str(typed[c].dtype) == "string"]
    typed = typed.astype({c: object for c in strings})
    flags = [c for c in typed.columns if typed[c].dtype == bool]
    typed = typed.astype({c: "int8" for c in flags})
    long_text = [c for c in strings if max((len(v.encode("utf-8")) for v in typed[c]), default=0) > 2000]
    labels = {c: EVENT_COLUMN_DOCS[c].meaning[:80] for c in typed.columns if c in EVENT_COLUMN_DOCS}
    with atomic_path(path) as tmp:
        typed.to_stata(
            tmp,
            write_index=False,
            version=118,
            variable_labels=labels,
            data_label=label[:80],
            time_stamp=_DTA_TIMESTAMP,
            convert_strl=long_text,
            value_labels={c: {0: CSV_FALSE, 1: CSV_TRUE} for c in flags},
        )
    return path


def data_dictionary(columns: Sequence[str] = EVENT_COLUMNS, *, kind: str = "events") -> pd.DataFrame:
    """Every column with its type, meaning and allowed values (``kind``: events or tables)."""
    import pandas as pd

    docs = EVENT_COLUMN_DOCS if kind == "events" else TABLE_COLUMN_DOCS
    return pd.DataFrame(dictionary_rows(columns, docs), columns=["column", "type", "meaning", "allowed_values"])


def write_data_dictionary(path: str | Path, columns: Sequence[str] = EVENT_COLUMNS, *, kind: str = "events") -> Path:
    """The data dictionary as CSV (column, type, meaning, allowed_values)."""
    return write_csv(data_dictionary(columns, kind=kind), path)


def companion_paths(events_csv: str | Path) -> dict[str, Path]:
    """Where the files that go with an events CSV are written: ``events.csv`` → ``events.parquet``,
    ``events.dta``, ``events_dictionary.csv`` (columns) and ``events_codebook.csv`` (CAMEO codes)."""
    p = Path(events_csv)
    stem = p.with_suffix("") if p.suffix.lower() == ".csv" else p
    return {
        "parquet": stem.with_name(stem.name + ".parquet"),
        "dta": stem.with_name(stem.name + ".dta"),
        "dictionary": stem.with_name(stem.name + "_dictionary.csv"),
        "codebook": stem.with_name(stem.name + "_codebook.csv"),
    }


def write_companions(frame: pd.DataFrame, events_csv: str | Path, *, formats: Sequence[str] = ("parquet", "dta"), scheme: str = "gdelt") -> dict[str, Path]:
    """Write the typed copies (Parquet, Stata), the data dictionary and the CAMEO codebook beside an events CSV."""
    paths = companion_paths(events_csv)
    unknown = sorted(set(formats) - {"parquet", "dta"})
    if unknown:
        raise InputError(f"unknown events format(s) {', '.join(unknown)}; use parquet and/or dta")
    written: dict[str, Path] = {}
    if "parquet" in formats:
        written["parquet"] = write_parquet(frame, paths["parquet"])
    if "dta" in formats:
        written["dta"] = write_dta(frame, paths["dta"])
    written["dictionary"] = write_data_dictionary(paths["dictionary"], list(frame.columns))
    codes = [c for c in frame["cameo_code"].astype(str).unique()] if "cameo_code" in frame else None
    written["codebook"] = write_codebook(paths["codebook"], codes=codes, scheme=scheme)
    return written


def read_events(path: str | Path) -> pd.DataFrame:
    """Read events written by eventcode — CSV, Parquet or Stata .dta, by suffix — with their types.

    Codes stay text (``"010"`` is not 10), booleans are booleans, counts integers; the same
    events give equal frames from each format. A file whose codes are numbers is refused.
    """
    import pandas as pd

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_events_csv(path)
    if not path.exists():
        raise InputError(f"{path}: file not found")
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(path)
        elif suffix == ".dta":
            frame = pd.read_stata(path, convert_categoricals=False, preserve_dtypes=True)
        else:
            raise InputError(f"{path}: read_events reads .csv, .parquet or .dta files")
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read it as {suffix[1:]} ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") from None
    missing = [c for c in ("cameo_code", "source_code", "target_code") if c not in frame.columns]
    if missing:
        raise InputError(f"{path}: not an events file, missing columns {missing}")
    codes = frame["cameo_code"]
    if not (pd.api.types.is_string_dtype(codes) or codes.dtype == object) or not codes.map(lambda v: isinstance(v, str) and re.fullmatch(r"\d{2,4}", v) is not None).all():
        raise InputError(f"{path}: cameo_code is not text of 2-4 digits (e.g. {codes.iloc[0]!r}); the file was not written by eventcode")
    flags = [c for c in frame.columns if c in EVENT_COLUMN_DOCS and EVENT_COLUMN_DOCS[c].type == "boolean"]
    for c in flags:
        if not frame[c].isin([0, 1, True, False]).all():
            raise InputError(f"{path}: column {c} holds values other than true/false")
    out = _typed_frame(frame)
    return out.astype({c: "string" for c in out.columns if c in EVENT_COLUMN_DOCS and EVENT_COLUMN_DOCS[c].type == "string"})


def hash_inputs(paths: Sequence[str | Path]) -> str:
    """SHA-256 over the input files' relative names and bytes, in sorted order."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p])
    for f in sorted(files):
        digest.update(f.name.encode("utf-8"))
        if f.is_file():
            digest.update(f.read_bytes())
    return digest.hexdigest()


def write_meta(path: str | Path, *, model: tuple[str, str], dictionaries: Mapping[str, str], input_hash: str, scheme: str, counts: Mapping[str, int], extra: Mapping[str, Any] | None = None, target: Path | None = None) -> Path:
    """``<out>.meta.json``: everything needed to say how a CSV was made (no timestamps).

    ``target``: write there instead (a temporary file that :func:`eventcode.fileio.atomic_paths`
    renames together with the CSV)."""
    meta = {
        "eventcode_version": __version__,
        "model": {"name": model[0], "version": model[1]},
        "dictionaries": dict(sorted(dictionaries.items())),
        "input_sha256": input_hash,
        "quad_class_scheme": scheme,
        "quad_classes": {str(k): v for k, v in QUAD_NAMES[scheme].items()},
        "goldstein_scale": "Goldstein (1992) weights as tabulated by GDELT; -10 (conflict) to +10 (cooperation)",
        "counts": dict(counts),
        "columns": list(EVENT_COLUMNS),
    }
    if extra:
        meta.update(extra)
    text = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    if target is not None:
        Path(target).write_text(text, encoding="utf-8", newline="\n")
        return Path(target)
    return write_text_atomic(Path(f"{path}.meta.json"), text)


def write_codebook(path: str | Path, *, codes: Sequence[str] | None = None, scheme: str = "gdelt") -> Path:
    """A codebook sidecar for an events CSV: every code it uses, with name, QuadClass and weight."""
    import pandas as pd

    codebook = load_codebook()
    wanted = sorted(set(codes)) if codes is not None else list(codebook)
    rows = []
    for code in wanted:
        entry = codebook[code]
        rows.append({"cameo_code": code, "cameo_name": entry.name, "cameo_root": entry.root, "quad_class": entry.quad_class(scheme), "quad_class_name": QUAD_NAMES[scheme][entry.quad_class(scheme)], "goldstein": entry.goldstein, "goldstein_source": entry.goldstein_source})
    frame = pd.DataFrame(rows, columns=["cameo_code", "cameo_name", "cameo_root", "quad_class", "quad_class_name", "goldstein", "goldstein_source"])
    return write_csv(frame, path)
