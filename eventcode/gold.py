"""Gold-standard records and eventcode's own gold format (CSV/JSONL, ``docs/gold-format.md``).

The records (:class:`GoldEvent`, :class:`GoldSentence`) are what every gold reader returns and
:func:`eventcode.scoring.score` consumes, so they live apart from any one file format. Codes
are always strings: ``'041'``, never ``41``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .fileio import atomic_path
from .jsonl import json_lines

#: Columns every gold CSV/JSONL must have (``date`` may be empty, but the column is expected).
CORE_COLUMNS: tuple[str, ...] = ("id", "date", "text", "source", "target", "code")
#: All columns eventcode writes, in order; the last three are optional when reading.
GOLD_COLUMNS: tuple[str, ...] = CORE_COLUMNS + ("source_country", "target_country", "event_date")
_REQUIRED = ("id", "text", "source", "target", "code")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event: ``source`` did ``code`` to ``target``.

    ``date`` is the event's date as ISO text at its precision (``2020-12-22``, ``2020-12``,
    ``2020``) or ``""`` when the gold does not say. ``source_country`` / ``target_country``
    override the default country (the first three letters of the actor code) for the
    country-level score.
    """

    source: str
    target: str
    code: str
    date: str = ""
    source_country: str = ""
    target_country: str = ""

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.code)

    def __str__(self) -> str:
        return f"{self.source} {self.target} {self.code}"


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One gold sentence (or story): its text, publication date and the events it reports.

    ``no_events`` is true when the gold says that nothing should be coded (PETRARCH
    ``noevents="true"``, an expected coder error or a record without ``<EventCoding>``; a CSV
    row with empty source/target/code). ``origin`` is ``file:line`` for error reports.
    """

    id: str
    text: str
    date: dt.date | None
    events: tuple[GoldEvent, ...]
    no_events: bool
    origin: str


def parse_gold_date(value: str) -> dt.date:
    """``19950101`` (PETRARCH) or ``1995-01-01``: one parser, so that the XML and CSV/JSONL
    readers accept the same publication dates."""
    v = value.strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", v)
    if not m:
        raise ValueError(f"unparseable date {value!r} (expected YYYYMMDD)")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ValueError(f"invalid date {value!r}: {exc}") from None


_ISO_AT_PRECISION = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _check_code(code: str, where: str) -> str:
    if re.fullmatch(r"\d+\.0+", code):
        raise InputError(f"{where}: code {code!r} is a number, not a CAMEO code string; a spreadsheet may have turned '041' into 41.0 — write codes as text")
    if code.isdigit() and (len(code) == 1 or (len(code) == 2 and not 1 <= int(code) <= 20)):
        raise InputError(f"{where}: code {code!r} is not a CAMEO code; a spreadsheet may have dropped its leading zero ('041' → 41) — write codes as text")
    if any(ch.isspace() for ch in code):
        raise InputError(f"{where}: code {code!r} contains spaces")
    return code


def _check_event_date(value: str, where: str) -> str:
    if not value:
        return ""
    if not _ISO_AT_PRECISION.fullmatch(value):
        raise InputError(f"{where}: event_date {value!r} is not ISO at its precision (YYYY-MM-DD, YYYY-MM or YYYY)")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise InputError(f"{where}: invalid event_date {value!r}: {exc}") from None
    return value


def _check_date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_gold_date(value)
    except ValueError as exc:
        raise InputError(f"{where}: {exc.args[0].replace('YYYYMMDD', 'YYYY-MM-DD')}") from None


class _Builder:
    """Collects rows into sentences, checking that rows sharing an id agree."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.info: dict[str, dict[str, Any]] = {}

    def add(self, row: Mapping[str, str], where: str) -> None:
        ident = row.get("id", "")
        if not ident:
            raise InputError(f"{where}: empty id")
        text = row.get("text", "")
        date = _check_date(row.get("date", ""), where)
        source, target, code = row.get("source", ""), row.get("target", ""), row.get("code", "")
        given = [bool(source), bool(target), bool(code)]
        if any(given) and not all(given):
            names = [n for n, g in zip(("source", "target", "code"), given) if not g]
            raise InputError(f"{where}: [{ident}] empty {', '.join(names)}; give source, target and code, or leave all three empty for a 'no events' row")
        info = self.info.get(ident)
        if info is None:
            if not text:
                raise InputError(f"{where}: [{ident}] empty text")
            info = self.info[ident] = {"text": text, "date": date, "events": [], "none": False, "where": where}
            self.order.append(ident)
        else:
            if text and text != info["text"]:
                raise InputError(f"{where}: [{ident}] text differs from the first row for this id ({info['where']}); rows sharing an id are one sentence")
            if date is not None and info["date"] is not None and date != info["date"]:
                raise InputError(f"{where}: [{ident}] date {date} differs from {info['date']} at {info['where']}")
            if date is not None and info["date"] is None:
                info["date"] = date
        if not any(given):
            if info["events"]:
                raise InputError(f"{where}: [{ident}] a 'no events' row (empty source/target/code) for an id that has events (first at {info['where']})")
            info["none"] = True
            return
        if info["none"]:
            raise InputError(f"{where}: [{ident}] an event for an id already given a 'no events' row (first at {info['where']})")
        info["events"].append(
            GoldEvent(
                source=source,
                target=target,
                code=_check_code(code, where),
                date=_check_event_date(row.get("event_date", ""), where),
                source_country=row.get("source_country", ""),
                target_country=row.get("target_country", ""),
            )
        )

    def build(self) -> list[GoldSentence]:
        return [
            GoldSentence(id=i, text=self.info[i]["text"], date=self.info[i]["date"], events=tuple(self.info[i]["events"]), no_events=not self.info[i]["events"], origin=self.info[i]["where"])
            for i in self.order
        ]


def read_gold_text(path: str | Path) -> tuple[str, str]:
    """``(text, name)`` of a UTF-8 gold file, or an :class:`InputError` a user can act on
    (shared by the CSV/JSONL and sentence-class readers)."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8-sig"), str(path)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte {exc.start}); re-save the file as UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def read_gold_csv(path: str | Path) -> list[GoldSentence]:
    """Gold sentences from an eventcode gold CSV (``docs/gold-format.md``).

    Raises :class:`InputError` naming the file and line of the first malformed row.
    """
    text, name = read_gold_text(path)
    return parse_gold_csv(text, origin=name)


def parse_gold_csv(text: str, origin: str = "<string>") -> list[GoldSentence]:
    """Gold sentences from CSV text; ``origin`` names it in errors (``origin:line``)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputError(f"{origin}: empty file; expected a header {','.join(CORE_COLUMNS)}") from None
    except csv.Error as exc:
        raise InputError(f"{origin}:1: malformed CSV header: {exc}") from None
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise InputError(f"{origin}:1: gold CSV header lacks {', '.join(missing)}; expected {','.join(CORE_COLUMNS)}[,{','.join(GOLD_COLUMNS[6:])}], found {','.join(header)}")
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise InputError(f"{origin}:1: repeated column(s) {dupes}")
    builder = _Builder()
    line = reader.line_num
    try:
        for row in reader:
            where = f"{origin}:{line + 1}" if reader.line_num == line + 1 else f"{origin}:{line + 1}-{reader.line_num}"
            start_line = line + 1
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(f"{origin}:{start_line}: malformed row: {len(row)} fields, the header has {len(header)}")
            builder.add({k: v.strip() for k, v in zip(header, row)}, where)
    except csv.Error as exc:
        raise InputError(f"{origin}:{reader.line_num}: malformed CSV: {exc}") from None
    return builder.build()


def read_gold_jsonl(path: str | Path) -> list[GoldSentence]:
    """Gold sentences from an eventcode gold JSONL file: one object per gold event, same keys as the CSV.

    Codes must be JSON strings (``"041"``); a number is refused because it has lost its zero.
    """
    text, name = read_gold_text(path)
    return parse_gold_jsonl(text, origin=name)


def parse_gold_jsonl(text: str, origin: str = "<string>") -> list[GoldSentence]:
    """Gold sentences from JSONL text; ``origin`` names it in errors (``origin:line``)."""
    builder = _Builder()
    for line in json_lines(text, origin):
        where, record = line.where, line.record
        if line.error:
            raise InputError(f"{where}: {line.error}")
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected an object with {', '.join(CORE_COLUMNS)}; found {type(record).__name__}")
        missing = [c for c in _REQUIRED if c not in record]
        if missing:
            raise InputError(f"{where}: missing field(s) {', '.join(missing)}")
        row: dict[str, str] = {}
        for key, value in record.items():
            key = str(key).lower()
            if value is None:
                row[key] = ""
            elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
                raise InputError(f"{where}: field {key!r} must be text, found {type(value).__name__}")
            elif isinstance(value, (int, float)) and key in ("source", "target", "code", "source_country", "target_country", "event_date", "date"):
                raise InputError(f"{where}: field {key!r} is the number {value!r}; codes and dates are strings ('041', not 41)")
            else:
                row[key] = str(value).strip()
        builder.add(row, where)
    return builder.build()


def _gold_rows(sentences: Iterable[GoldSentence]) -> Iterator[dict[str, str]]:
    for s in sentences:
        base = {"id": s.id, "date": s.date.isoformat() if s.date else "", "text": s.text}
        if not s.events:
            yield {**base, "source": "", "target": "", "code": "", "source_country": "", "target_country": "", "event_date": ""}
        for e in s.events:
            yield {**base, "source": e.source, "target": e.target, "code": e.code, "source_country": e.source_country, "target_country": e.target_country, "event_date": e.date}


def write_gold_csv(sentences: Iterable[GoldSentence], path: str | Path) -> Path:
    """Write gold sentences in eventcode's CSV format (all :data:`GOLD_COLUMNS`)."""
    path = Path(path)
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(GOLD_COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(_gold_rows(sentences))
    return path


def write_gold_jsonl(sentences: Iterable[GoldSentence], path: str | Path) -> Path:
    """Write gold sentences in eventcode's JSONL format (one object per gold event)."""
    path = Path(path)
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for row in _gold_rows(sentences):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
