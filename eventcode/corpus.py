"""Reading articles: folders of .txt/.md files with a small header, CSV and JSONL.

Each reader yields :class:`Article` records and :class:`Problem` records in input order. A bad
record (unreadable encoding, empty text, missing or unparseable date, duplicate id, malformed
row) becomes a Problem that names the file, the line or record, and the reason; the other
records still come through. Nothing is dropped without a Problem saying so.

Text-file header (optional; ``---`` fences are allowed, as in Markdown front matter)::

    ---
    title: India, Japan hold defence talks
    date: 2020-12-22
    publisher: The Week
    url: https://example.org/story
    ---
    Article text ...

The header ends at the first blank line (or the closing ``---``). Keys are case-insensitive;
``id`` overrides the default id (the file name without extension).

CSV columns and JSONL fields may also go by the names other datasets use (``doc_id``,
``full_text``, ``body``, ``headline``, ``published``…; see :data:`FIELD_ALIASES`). Text that was
mis-decoded on its way into a dataset ("â€œ" for "“") is repaired before coding.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .errors import InputError
from .jsonl import json_lines
from .records import Article, Problem

TEXT_SUFFIXES = {".txt", ".md"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
HEADER_KEYS = {"id", "title", "date", "publisher", "url", "also", "source"}
# Column (or JSON field) names other tools and datasets use for an article's fields; the first
# one present wins, so a file with both ``id`` and ``doc_id`` takes ``id``.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "docid", "article_id", "story_id", "guid", "uid"),
    "text": ("text", "full_text", "body", "content", "article_text", "article", "story"),
    "date": ("date", "publication_date", "pub_date", "published", "date_published", "publish_date"),
    "title": ("title", "headline"),
    "publisher": ("publisher", "outlet", "publication", "source_name"),
    "url": ("url", "link", "source_url"),
}
_DATE_RX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")

# Web-page chrome that is never news: dropped before parsing (line by line).
_BOILERPLATE = re.compile(
    r"""^\s*(?:
        (?:powered|sponsored)\ by\b.{0,40}
      | tags:?
      | this\ story\ is\ from\ [a-z]+\.?\ \d{1,2},?\ \d{4}\.?
      | (?:also\ read|read\ more|related\ (?:stories|articles|news)|advertisement|subscribe|sign\ up|share\ this)\b.*
      | .*\b(?:click\ here|is\ now\ on\ telegram|join\ our\ (?:channel|newsletter)|follow\ us\ on|download\ (?:the|our)\ app)\b.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Short lines of page furniture: bylines, time stamps, photo credits, share buttons. Only lines
# without a full stop are candidates, so a sentence that happens to start "By Tuesday" stays.
_FURNITURE = re.compile(
    r"""^\s*(?:
        by\ (?:our\ )?(?:special\ |staff\ |own\ )?(?:correspondent|reporter|staff|agencies|bureau|pti|ani|ians|reuters|afp|ap)\b.*
      | (?:written|edited|reported|posted|compiled)\ by\b.*
      | (?:last\ )?updated\s*(?:on|at)?\s*:.*
      | (?:first\ )?(?:published|posted)\s*(?:on|at|:).*
      | (?:image|photo|picture|video)\s*(?:source|credit|courtesy)s?\s*:.*
      | (?:file\ )?(?:photo|picture|image)\s*:.*
      | (?:share|tweet|email|print|whatsapp|facebook|twitter|linkedin|copy\ link|comments?)(?:\ (?:on|via|this|article|story)\ ?\w*)?
      | .*\|\s*(?:(?:last\ )?updated|published|posted)\b.*
      | [a-z.'\-]+(?:\ [a-z.'\-]+){0,3}(?:\ ?\[[^\]]*\])?,\ *(?:[a-z]{3,9}\.?\ \d{1,2}|\d{1,2}\ [a-z]{3,9}\.?)(?:,?\ *\d{4})?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# "NEW DELHI:", "Tokyo, Dec 22 (PTI) -", "WASHINGTON (Reuters) —", "New Delhi [India], December 22
# (ANI):": a dateline is not a subject.
_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*){0,3})
        (?P<region>\s*\[[A-Z][A-Za-z .'\-]*\])?
        (?P<date>,\s*(?:[A-Z][A-Za-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][A-Za-z]{2,8}\.?)(?:,?\s*\d{4})?)?
        (?P<agency>\s*\((?:[A-Z][A-Za-z]*\s?){1,3}\))?
        (?P<sep>\s*(?::|\s-{1,2}|\s—|\s–)\s+|(?<=\))\s+)(?=[A-Z"\u201c])""",
    re.VERBOSE,
)


# the same in text folded to lower case ("lucknow: the committee has…"), first paragraph only
_FOLDED_DATELINE = re.compile(r"""^[a-z][a-z.'\-]*(?:\s[a-z][a-z.'\-]*){0,2}:\s+(?=[a-z"\u201c\u2018])""")


def _find_dateline(para: str, first: bool = False) -> tuple[str, int] | None:
    """(the dateline's place, where the text after it starts), or None."""
    m = _DATELINE.match(para)
    if m and (m["place"].isupper() or m["date"] or m["agency"] or m["region"]):
        return m["place"], m.end()
    m = _FOLDED_DATELINE.match(para) if first else None
    return (para[: para.index(":")], m.end()) if m else None


def _strip_dateline(para: str, first: bool = False) -> str:
    found = _find_dateline(para, first)
    return para[found[1] :] if found else para


def dateline(text: str) -> str:
    """The place of an article's dateline ("NEW DELHI:", "Tokyo, Dec 22 (PTI) -"), which
    :func:`prepare_text` strips from the text; "" when the first paragraph has none."""
    lines: list[str] = []
    for line in repair_encoding(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            if lines:
                break
        elif not (_BOILERPLATE.match(stripped) or len(stripped) <= 120 and not stripped.endswith(".") and _FURNITURE.match(stripped)):
            lines.append(stripped)
            if len(lines) == 2:  # a dateline is over within the paragraph's first (hard-wrapped) lines
                break
    found = _find_dateline(" ".join(" ".join(lines).split()), first=True)
    return found[0] if found else ""


_TERMINAL = ('.', '!', '?', ':', ';', '"', "'", '\u201d', '\u2019', ')')


def parse_date(value: str) -> dt.date:
    """Publication dates are ISO (``2020-12-22``, optionally with a time); anything else is refused."""
    m = _DATE_RX.match(value.strip())
    if not m:
        raise ValueError(f"unparseable date {value!r} (expected YYYY-MM-DD)")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ValueError(f"invalid date {value!r}: {exc}") from None


# Signs of UTF-8 read as Windows-1252 ("â€œ" for "“", "Ã©" for "é"), common in scraped corpora.
_MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf\u0152-\u2122]|Â[\u00a0-\u00bf\ufffd]")


def repair_encoding(text: str) -> str:
    """Undo UTF-8 text that was decoded as Windows-1252 (with ftfy, which leaves clean text as it is).

    Only texts showing the signs are handed to ftfy: it costs about a millisecond per article,
    as much as re-coding one. Two sequences whose last byte was lost on the way are restored
    first: a closing quote ("â€" + U+FFFD; Windows-1252 has no character for 0x9D) and a
    no-break space turned into a plain one ("Â ", only in a text already showing the signs);
    "Â" + U+FFFD (an invisible character lost for good) is dropped.
    """
    if not _MOJIBAKE.search(text):
        return text
    import ftfy

    return ftfy.fix_encoding(text.replace("â€\ufffd", "\u201d").replace("Â ", " ").replace("Â\ufffd", ""))


def prepare_text(text: str) -> str:
    """Repair mis-decoded text, drop web-chrome lines, unwrap hard-wrapped paragraphs, and end
    each paragraph as a sentence.

    A paragraph without final punctuation is a headline or caption: it gets a full stop so the
    parser does not run it into the next sentence.
    """
    text = repair_encoding(text)
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if stripped and (_BOILERPLATE.match(stripped) or len(stripped) <= 120 and not stripped.endswith(".") and _FURNITURE.match(stripped)):
            continue
        kept.append(stripped)
    paragraphs = []
    for block in "\n".join(kept).split("\n\n"):
        para = " ".join(block.split())
        if not para:
            continue
        para = _strip_dateline(para, first=not paragraphs)
        if not para.endswith(_TERMINAL):
            para += "."
        paragraphs.append(para)
    return "\n\n".join(paragraphs)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save the file as UTF-8"
        ) from None


def _split_header(text: str) -> tuple[dict[str, str], str, int]:
    """(header, body, number of header lines); no header gives ({}, text, 0)."""
    lines = text.split("\n")
    i = 0
    fenced = lines and lines[0].strip() == "---"
    if fenced:
        i = 1
    header: dict[str, str] = {}
    while i < len(lines):
        line = lines[i].strip()
        if fenced and line == "---":
            i += 1
            break
        if not line:
            if fenced:
                i += 1
                continue
            break
        key, sep, value = line.partition(":")
        if not sep or key.strip().lower() not in HEADER_KEYS:
            if fenced:
                raise InputError(f"line {i + 1}: header line {line[:60]!r} is not 'key: value' with a known key {sorted(HEADER_KEYS)}")
            return {}, text, 0  # no header: the first line is already text
        header[key.strip().lower()] = value.strip()
        i += 1
    return header, "\n".join(lines[i:]), i


def read_text_file(path: Path, default_date: dt.date | None = None) -> Article:
    """One article from a .txt/.md file; raises InputError with the reason on bad input."""
    text = _read_text(path)
    header, body, _ = _split_header(text.replace("\r\n", "\n"))
    if not body.strip():
        raise InputError("empty text")
    raw_date = header.get("date", "")
    if raw_date:
        try:
            date = parse_date(raw_date)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    elif default_date is not None:
        date = default_date
    else:
        raise InputError("no publication date (add a 'date: YYYY-MM-DD' header line or pass --date)")
    return Article(
        id=header.get("id") or path.stem,
        text=body.strip(),
        date=date,
        title=header.get("title", ""),
        publisher=header.get("publisher", ""),
        url=header.get("url", ""),
        origin=str(path),
    )


def field_names(names: Iterable[str]) -> dict[str, str]:
    """Which of ``names`` (a CSV header or a JSON object's keys) holds each article field."""
    present = {n.strip().lower(): n for n in names if isinstance(n, str)}
    found = {}
    for field, aliases in FIELD_ALIASES.items():
        name = next((a for a in aliases if a in present), None)
        if name is not None:
            found[field] = present[name]
    return found


def _missing_fields(found: dict[str, str]) -> str:
    missing = [f for f in ("id", "text") if f not in found]
    return "; ".join(f"no {f} field (accepted names: {', '.join(FIELD_ALIASES[f])})" for f in missing)


def _record_article(record: dict, where: str, default_date: dt.date | None) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"expected an object with id, date, text; found {type(record).__name__}")
    names = field_names(record)
    if "id" not in names or "text" not in names:
        raise InputError(_missing_fields(names))
    record = {field: record[name] for field, name in names.items()}
    for field, value in record.items():  # JSON may hold anything: refuse what is not text
        allowed = (str, int) if field == "id" else (str,)
        if value is not None and (not isinstance(value, allowed) or isinstance(value, bool)):
            raise InputError(f"{names[field]} must be {'a string or an integer' if field == 'id' else 'a string'}, found {_json_type(value)} {json.dumps(value)[:40]}")
    if record["id"] is None:
        raise InputError(f"{names['id']} is null")
    ident = str(record["id"]).strip()
    if not ident:
        raise InputError("empty id")
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        raise InputError("empty text")
    raw = record.get("date")
    if raw in (None, ""):
        if default_date is None:
            raise InputError("missing date")
        date = default_date
    else:
        try:
            date = parse_date(raw)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    return Article(
        id=ident,
        text=text.strip(),
        date=date,
        title=str(record.get("title") or ""),
        publisher=str(record.get("publisher") or ""),
        url=str(record.get("url") or ""),
        origin=where,
    )


def _json_type(value: object) -> str:
    return {dict: "an object", list: "an array", bool: "a boolean", float: "a number", int: "a number"}.get(type(value), type(value).__name__)


def _iter_csv(path: Path, text: str, default_date: dt.date | None) -> Iterator[Article | Problem]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        yield Problem(where=str(path), reason="empty CSV file")
        return
    names = field_names(header)
    if "id" not in names or "text" not in names:
        yield Problem(where=f"{path}:1", reason=f"CSV header {header}: {_missing_fields(names)}")
        return
    columns = {field: header.index(name) for field, name in names.items()}
    strict = csv.reader(io.StringIO(text, newline=""), strict=True)
    next(strict)
    rows = iter(strict)
    while True:
        first = strict.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            # a quote that is never closed where it should be swallows the rows after it
            # into one cell: the rest of the file cannot be trusted, so it is not read
            yield Problem(where=f"{path}:{first}", reason=f"CSV quoting error ({exc}) in the record starting on line {first}: a quote opened there is not closed where expected; this record and the rest of the file (to line {len(text.splitlines())}) not read — fix the quoting")
            return
        where = f"{path}:{first}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Problem(where=where, reason=f"malformed row: {len(row)} fields, header has {len(header)}")
            continue
        swallowed = _swallowed_line(row, len(header), columns.get("date"), first)
        if swallowed:
            yield Problem(where=where, reason=f"a quoted cell runs on to line {swallowed}, which reads as a record of its own: an unbalanced quote? record not read — fix the quoting", article_id=row[columns["id"]].strip())
            continue
        try:
            yield _record_article({field: row[i] for field, i in columns.items()}, where, default_date)
        except InputError as exc:
            yield Problem(where=where, reason=str(exc), article_id=row[columns["id"]].strip())


def _swallowed_line(row: list[str], width: int, date_column: int | None, first: int) -> int:
    """The line number of a line inside a multi-line cell that is itself a whole record (as
    many fields as the header, with a date where the date goes), or 0."""
    for cell in row:
        if "\n" not in cell:
            continue
        offset = 0
        for k, line in enumerate(cell.split("\n")[1:], start=1):
            fields = next(csv.reader([line]), [])
            if len(fields) >= width and (date_column is None or _DATE_RX.match(fields[date_column].strip())):
                return first + k + offset
        offset += cell.count("\n")
    return 0


def _iter_jsonl(path: Path, text: str, default_date: dt.date | None) -> Iterator[Article | Problem]:
    for line in json_lines(text, path):
        where, record = line.where, line.record
        if line.error:
            yield Problem(where=where, reason=line.error)
            continue
        try:
            yield _record_article(record, where, default_date)
        except InputError as exc:
            id_name = field_names(record).get("id") if isinstance(record, dict) else None
            value = record[id_name] if id_name else None
            ident = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
            yield Problem(where=where, reason=str(exc), article_id=ident)


def _expand(paths: Sequence[str | Path]) -> Iterator[Path | Problem]:
    for p in map(Path, paths):
        if p.is_dir():
            # hidden files and folders (.git, .DS_Store) and READMEs are not articles; any
            # other file that is not read is named
            found = sorted(f for f in p.rglob("*") if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts) and f.name.lower() != "readme.md")
            files = [f for f in found if f.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES]
            if not files:
                yield Problem(where=str(p), reason="folder holds no .txt, .md, .csv or .jsonl files")
            for f in found:
                if f.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES:
                    yield f
                else:
                    yield Problem(where=str(f), reason=f"file type {f.suffix.lower() or '(no extension)'!r} is not read (eventcode reads .txt, .md, .csv, .jsonl)")
        elif p.is_file():
            yield p
        else:
            yield Problem(where=str(p), reason="no such file or folder")


def iter_corpus(paths: Sequence[str | Path], default_date: dt.date | None = None) -> Iterator[Article | Problem]:
    """Articles and problems from files and folders, in a stable (sorted) order.

    Duplicate ids are refused after the first occurrence, naming where the first one was.
    """
    first_seen: dict[str, str] = {}
    for item in _expand(paths):
        if isinstance(item, Problem):
            yield item
            continue
        yield from _dedupe(_iter_file(item, default_date), first_seen)


def _iter_file(path: Path, default_date: dt.date | None) -> Iterator[Article | Problem]:
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            yield read_text_file(path, default_date)
            return
        text = _read_text(path)
    except InputError as exc:
        yield Problem(where=str(path), reason=str(exc), article_id=path.stem if suffix in TEXT_SUFFIXES else "")
        return
    except OSError as exc:
        yield Problem(where=str(path), reason=f"cannot read: {exc.strerror or exc}")
        return
    if suffix == ".csv":
        yield from _iter_csv(path, text, default_date)
    elif suffix in (".jsonl", ".ndjson"):
        yield from _iter_jsonl(path, text, default_date)
    else:
        yield Problem(where=str(path), reason=f"unsupported file type {suffix!r} (use .txt, .md, .csv or .jsonl)")


def _dedupe(items: Iterable[Article | Problem], first_seen: dict[str, str]) -> Iterator[Article | Problem]:
    for item in items:
        if isinstance(item, Article):
            if item.id in first_seen:
                yield Problem(where=item.origin, reason=f"duplicate id {item.id!r} (first at {first_seen[item.id]})", article_id=item.id)
                continue
            first_seen[item.id] = item.origin
        yield item


def read_corpus(paths: Sequence[str | Path], default_date: dt.date | None = None) -> tuple[list[Article], list[Problem]]:
    """All articles and all problems (see :func:`iter_corpus`)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_corpus(paths, default_date):
        (articles if isinstance(item, Article) else problems).append(item)
    return articles, problems
