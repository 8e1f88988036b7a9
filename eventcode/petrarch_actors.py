"""Readers of PETRARCH actor, agent and discard files (the mapping: :mod:`eventcode.petrarch`).

Also the parts every PETRARCH dictionary reader shares: the line format
(:func:`dictionary_lines`, :data:`CODE_BRACKET`) and the :class:`Unsupported` record for a line
that could not be imported as written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from .actors import SECTOR_CODES_FILE, NamedActor, Person, Role, check_actor_code, read_sector_codes
from .errors import DictionaryError
from .tsv import packaged

__all__ = [
    "CODE_BRACKET",
    "SectorRow",
    "Unsupported",
    "actor_sector_codes",
    "dictionary_lines",
    "read_actors",
    "read_agents",
    "read_discards",
]


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A PETRARCH line eventcode could not import as written.

    ``note=True`` marks lines that *were* imported, but changed or with an addition
    (a truncated code, an added sector code, a story-level discard used as a phrase discard).
    """

    file: str
    line: int
    text: str
    reason: str
    note: bool = False

    def __str__(self) -> str:
        label = "note" if self.note else "unsupported"
        return f"{self.file}:{self.line}: {label}: {self.reason}: {self.text}"


class SectorRow(NamedTuple):
    pattern: str
    sector: str
    origin: str  # PETRARCH file:line


# --------------------------------------------------------------------------- lines


def dictionary_lines(path: str | Path) -> Iterable[tuple[int, str, str]]:
    """``(line_number, raw_line, content)``: XML-style ``<!-- -->`` blocks and ``#`` comments removed."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    in_block = False
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_block:
            if "-->" in line:
                in_block = False
                line = line.split("-->", 1)[1]
            else:
                continue
        if line.lstrip().startswith("<"):
            if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
                in_block = True
            continue
        content = line.split("#", 1)[0].rstrip()
        yield n, raw.rstrip("\n"), content


def _phrase(text: str) -> str:
    """PETRARCH phrase → eventcode pattern: underscores to spaces, lowercase, tidy spaces."""
    return " ".join(text.replace("_", " ").split()).lower()


CODE_BRACKET = re.compile(r"\[([^\]]*)\]")


# --------------------------------------------------------------------------- dates


def _petr_date(text: str) -> dt.date:
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (6, 8):
        raise ValueError(f"date {text!r} is not YYMMDD or YYYYMMDD")
    if len(digits) == 6:
        yy = int(digits[:2])
        digits = ("20" if yy < 30 else "19") + digits
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))


_OPEN_START = dt.date(1, 1, 1)  # a "<D" code needs a start distinct from an undated default


def _parse_code(body: str) -> tuple[str, dt.date | None, dt.date | None]:
    """``"HOBGOV 19950601 - 19990815"`` → ``("HOBGOV", start, end)``; raises ValueError."""
    body = body.strip()
    m = re.fullmatch(r"([^\s<>]*)\s*(.*)", body)
    code, restriction = m.group(1), m.group(2).replace(" ", "")
    if not restriction:
        return code, None, None
    if restriction.startswith("<"):
        return code, _OPEN_START, _petr_date(restriction[1:]) - dt.timedelta(days=1)
    if restriction.startswith(">"):
        return code, _petr_date(restriction[1:]) + dt.timedelta(days=1), None
    if "-" in restriction:
        a, b = restriction.split("-", 1)
        start, end = _petr_date(a), _petr_date(b)
        if end < start:
            raise ValueError(f"date range ends before it starts ({start} > {end})")
        return code, start, end
    raise ValueError(f"date restriction {restriction!r} not understood")


# --------------------------------------------------------------------------- sector codes


def _packaged_sector_codes() -> dict[str, str]:
    return read_sector_codes(packaged(SECTOR_CODES_FILE))


def _fit_code(code: str, sector_codes: set[str], where: str) -> tuple[str, str]:
    """``(code_to_use, problem)``: the code as is, or cut before its first unknown sector."""
    try:
        check_actor_code(code, sector_codes, where)
        return code, ""
    except DictionaryError as exc:
        message = str(exc).split(": ", 1)[1]
    if code.startswith("IGO") or len(code) < 3 or len(code) % 3 or not code.isalpha():
        return "", message
    for i in range(3, len(code), 3):
        if code[i : i + 3] not in sector_codes:
            return code[:i], message
    return code, ""


# --------------------------------------------------------------------------- actors


@dataclass
class _Entry:
    line: int
    names: list[tuple[int, str]]
    codes: list[tuple[int, str]]  # (line, bracket body)


def _actor_entries(path: str | Path, file: str, problems: list[Unsupported]) -> list[_Entry]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    for n, raw, content in dictionary_lines(path):
        stripped = content.strip()
        if not stripped:
            continue
        codes = CODE_BRACKET.findall(stripped)
        words = CODE_BRACKET.sub(" ", stripped).strip()
        if content[:1] in (" ", "\t") and not words:  # an indented code line
            if current is None:
                problems.append(Unsupported(file, n, raw.strip(), "code line without an actor phrase"))
                continue
            current.codes.extend((n, c) for c in codes)
            continue
        if words.startswith("+"):
            if current is None:
                problems.append(Unsupported(file, n, raw.strip(), "synonym without an actor phrase"))
                continue
            current.names.append((n, words[1:].strip()))
            current.codes.extend((n, c) for c in codes)
            continue
        if "[" in words or "]" in words:
            problems.append(Unsupported(file, n, raw.strip(), "unbalanced brackets"))
            continue
        current = _Entry(n, [(n, words)], [(n, c) for c in codes])
        entries.append(current)
    return entries


def read_actors(
    path: str | Path, sector_codes: Iterable[str] | None = None
) -> tuple[list[NamedActor | Person], list[Unsupported]]:
    """Read a PETRARCH ``*.actors.txt`` file into eventcode named actors and people.

    ``NamedActor.origin``/``Role.origin`` are PETRARCH ``file:line``. ``sector_codes`` are the
    known sector codes (default: eventcode's packaged list).
    """
    file = Path(path).name
    known = set(sector_codes) if sector_codes is not None else set(_packaged_sector_codes())
    problems: list[Unsupported] = []
    out: list[NamedActor | Person] = []
    lines = {n: raw for n, raw, _ in dictionary_lines(path)}
    person_ids: set[str] = set()
    for entry in _actor_entries(path, file, problems):
        names: list[str] = []
        for n, name in entry.names:
            pattern = _phrase(name)
            if not pattern or not any(c.isalnum() for c in pattern):
                problems.append(Unsupported(file, n, lines[n].strip(), "empty actor phrase"))
            elif pattern not in names:
                names.append(pattern)
        if not names:
            continue
        if not entry.codes:
            problems.append(Unsupported(file, entry.line, lines[entry.line].strip(), "actor without a code"))
            continue
        parsed: list[tuple[int, str, dt.date | None, dt.date | None]] = []
        for n, body in entry.codes:
            where = f"{file}:{n}"
            try:
                code, start, end = _parse_code(body)
            except ValueError as exc:
                problems.append(Unsupported(file, n, lines[n].strip(), str(exc)))
                continue
            code = code.upper()
            # "[FRO/BIL/SAM]": one name for several actors
            fits = [_fit_code(part, known, where) for part in code.split("/")]
            fitted = "|".join(f for f, _ in fits) if all(f for f, _ in fits) else ""
            problem = "; ".join(p for _, p in fits if p)
            if not fitted:
                problems.append(Unsupported(file, n, lines[n].strip(), f"code {code!r}: {problem}"))
                continue
            if problem:
                problems.append(
                    Unsupported(file, n, lines[n].strip(), f"code {code!r}: {problem}; imported as {fitted}", note=True)
                )
            parsed.append((n, fitted, start, end))
        if not parsed:
            continue
        dated = [p for p in parsed if p[2] is not None or p[3] is not None]
        undated = [p for p in parsed if p[2] is None and p[3] is None]
        for extra in undated[1:]:
            problems.append(
                Unsupported(file, extra[0], lines[extra[0]].strip(), "second undated code (PETRARCH uses the first)")
            )
        country = parsed[0][1][:3]
        is_person = (
            dated
            and not country.startswith("IGO")
            and all(len(c) == 6 and c[:3] == country and not c.startswith("IGO") for _, c, _, _ in dated)
            and all(c == f"{country}ELI" for _, c, _, _ in undated[:1])
        )
        if is_person:
            base = re.sub(r"[^a-z0-9]+", "_", names[0]).strip("_") or "person"
            pid, k = base, 2
            while pid in person_ids:
                pid, k = f"{base}_{k}", k + 1
            person_ids.add(pid)
            roles, seen = [], set()
            for n, code, start, end in dated:
                start = None if start == _OPEN_START else start
                if (code, start) in seen:
                    problems.append(Unsupported(file, n, lines[n].strip(), "second role with the same code and start"))
                    continue
                seen.add((code, start))
                roles.append(Role(f"PETRARCH {code}", code[3:6], start, end, f"{file}:{n}"))
            out.append(Person(pid, tuple(names), (), country, tuple(roles)))
            continue
        ordered = dated + undated[:1]
        for name in names:
            starts: set[dt.date | None] = set()
            for n, code, start, end in ordered:
                if start in starts:
                    problems.append(
                        Unsupported(file, n, lines[n].strip(), f"{name!r}: another code starts the same day (PETRARCH uses the first)")
                    )
                    continue
                starts.add(start)
                kind = "igo" if code.startswith("IGO") else "name"
                first, *also = code.split("|")
                out.append(NamedActor(name, first, kind, start, end, f"{file}:{n}", tuple(also)))
    return out, problems


def actor_sector_codes(path: str | Path) -> dict[str, str]:
    """Every 3-letter part after the country in the file's actor codes (``HOBCIV`` → ``CIV``),
    with the ``file:line`` of its first use: PETRARCH dictionaries coin their own."""
    file = Path(path).name
    out: dict[str, str] = {}
    for n, _, content in dictionary_lines(path):
        for body in CODE_BRACKET.findall(content):
            try:
                code = _parse_code(body)[0].upper()
            except ValueError:
                continue
            if code.startswith("IGO") or not code.isalpha() or len(code) % 3:
                continue
            for i in range(3, len(code), 3):
                out.setdefault(code[i : i + 3], f"{file}:{n}")
    return out


# --------------------------------------------------------------------------- agents


def read_agents(path: str | Path) -> tuple[list[SectorRow], list[Unsupported]]:
    """Read a PETRARCH ``*.agents.txt`` file into sector patterns (``pattern → sector``).

    Sector codes are not checked here (see :func:`load_petrarch`, which extends the list).
    """
    file = Path(path).name
    problems: list[Unsupported] = []
    out: list[SectorRow] = []
    subs: dict[str, list[str]] = {}
    seen: set[str] = set()
    for n, raw, content in dictionary_lines(path):
        text = content.strip()
        if not text:
            continue
        m = re.fullmatch(r"(![A-Za-z0-9_]+!)\s*=\s*(.+)", text)
        if m:
            subs[m.group(1).upper()] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = CODE_BRACKET.findall(text)
        if len(codes) != 1:
            problems.append(Unsupported(file, n, raw.strip(), "agent line needs exactly one [code]"))
            continue
        body = codes[0].replace(" ", "")
        rest = CODE_BRACKET.sub(" ", text)
        plural_m = re.search(r"\{([^}]*)\}", rest)
        phrase = re.sub(r"\{[^}]*\}", " ", rest).strip()
        if not body.startswith("~"):
            reason = "primary agent code (code~)" if body.endswith("~") else "agent code without '~'"
            problems.append(Unsupported(file, n, raw.strip(), reason))
            continue
        sector = body[1:].upper()
        if not sector or len(sector) % 3 or not sector.isalpha():  # "~GOVMED": a compound sector
            problems.append(Unsupported(file, n, raw.strip(), "agent code is not ~ plus 3-letter codes"))
            continue
        forms = [phrase]
        if plural_m and plural_m.group(1).strip():
            forms += plural_m.group(1).split()
        for form in forms:
            expanded = [form]
            for key, alternatives in subs.items():
                if any(key in e.upper() for e in expanded):
                    expanded = [re.sub(re.escape(key), a, e, flags=re.I) for e in expanded for a in alternatives]
            if any("!" in e for e in expanded):
                problems.append(Unsupported(file, n, raw.strip(), "unknown !substitution!"))
                continue
            for e in expanded:
                pattern = _phrase(e)
                if not pattern:
                    problems.append(Unsupported(file, n, raw.strip(), "empty agent phrase"))
                elif pattern in seen:
                    problems.append(Unsupported(file, n, raw.strip(), f"duplicate agent {pattern!r} (the first is kept)"))
                else:
                    seen.add(pattern)
                    out.append(SectorRow(pattern, sector, f"{file}:{n}"))
    return out, problems


# --------------------------------------------------------------------------- discards


def read_discards(path: str | Path) -> tuple[list[NamedActor], list[Unsupported]]:
    """Read a PETRARCH ``*.discards.txt`` file: a sentence (or, marked ``+``, a story) that
    contains one of its phrases is not coded — eventcode's ``skip_sentence``/``skip_story``."""
    file = Path(path).name
    problems: list[Unsupported] = []
    out: list[NamedActor] = []
    seen: set[str] = set()
    for n, raw, content in dictionary_lines(path):
        text = content.strip()
        if not text:
            continue
        story = text.startswith("+")
        pattern = _phrase(text.lstrip("+"))
        if not pattern:
            continue
        if pattern in seen:
            problems.append(Unsupported(file, n, raw.strip(), f"duplicate discard {pattern!r}"))
            continue
        seen.add(pattern)
        out.append(NamedActor(pattern, "", "skip_story" if story else "skip_sentence", None, None, f"{file}:{n}"))
    return out, problems
