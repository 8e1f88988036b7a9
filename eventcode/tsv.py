"""Reading the dictionaries' tab-separated files with line numbers, codes kept as strings."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import DictionaryError


@dataclass(frozen=True, slots=True)
class Source:
    """A dictionary file's name (for messages) and its text."""

    name: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def packaged(relative: str) -> Source:
    """A file shipped in ``eventcode/resources`` (never a working-directory path)."""
    path = resources.files("eventcode.resources").joinpath(relative)
    return Source(relative, path.read_text(encoding="utf-8"))


def user_file(path: str | Path) -> Source:
    p = Path(path)
    try:
        return Source(str(p), p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DictionaryError(f"{p}: dictionary file not found") from None
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{p}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def rows(source: Source, columns: Sequence[str], required: Sequence[str] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data line; blank and ``#`` lines are skipped.

    Extra columns are an error (a misplaced tab silently shifting a code is the classic
    dictionary bug); missing trailing optional columns are filled with "".
    """
    header: list[str] | None = None
    reader = csv.reader(source.text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    for lineno, row in enumerate(reader, start=1):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        if header is None:
            header = [c.strip() for c in row]
            missing = [c for c in columns if c not in header]
            unknown = [c for c in header if c not in columns]
            if missing or unknown:
                raise DictionaryError(
                    f"{source.name}:{lineno}: header must name the columns {list(columns)}; "
                    f"missing {missing}, unknown {unknown}"
                )
            continue
        if len(row) > len(header):
            raise DictionaryError(
                f"{source.name}:{lineno}: {len(row)} fields but the header has {len(header)} "
                "(a stray tab?)"
            )
        record = {c: "" for c in columns}
        record.update({h: v.strip() for h, v in zip(header, row)})
        for col in required:
            if not record[col]:
                raise DictionaryError(f"{source.name}:{lineno}: empty {col!r}")
        yield lineno, record
    if header is None:
        raise DictionaryError(f"{source.name}: no header row")


def parse_date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DictionaryError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None
