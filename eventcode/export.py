"""Events ↔ pandas and CSV, with a provenance sidecar.

The CSV has a fixed column order (:data:`EVENT_COLUMNS`), UTF-8, ISO dates, codes as text,
and rows in a stable order, so the same input and version give byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .codebook import QUAD_NAMES, QUAD_SCHEMES, Codebook, load_codebook
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


def _sort_key(e: Event) -> tuple:
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
    for e in sorted(events, key=_sort_key):
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
            frame[col] = frame[col].map({"True": True, "False": False, "true": True, "false": False}).astype("bool")
    return frame


def repair_codes(codes: pd.Series, *, width: int = 3) -> pd.Series:
    """Explicitly re-pad integer-mangled codes ("41" → "041") when the caller knows the width.

    Only the caller knows whether "41" was "041" or "0410"; this never guesses.
    """
    return codes.astype("string").str.zfill(width)


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` atomically: a failed write leaves the previous file as it was."""
    import pandas as pd

    path = Path(path)
    # coordinates need more than goldstein's one decimal: four (about 10 m) are written as text
    geo = {c: frame[c].map(lambda v: "" if pd.isna(v) else f"{v:.4f}") for c in GEO_COLUMNS if c in frame.columns}
    if geo:
        frame = frame.assign(**geo)
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n", float_format="%.1f")
    return path


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


def write_meta(path: str | Path, *, model: tuple[str, str], dictionaries: Mapping[str, str], input_hash: str, scheme: str, counts: Mapping[str, int], extra: Mapping[str, Any] | None = None) -> Path:
    """``<out>.meta.json``: everything needed to say how a CSV was made (no timestamps)."""
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
    out = Path(f"{path}.meta.json")
    return write_text_atomic(out, json.dumps(meta, indent=2, ensure_ascii=False) + "\n")


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
