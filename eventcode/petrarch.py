"""Import PETRARCH/TABARI dictionaries into eventcode's own dictionary model.

PETRARCH's actor, agent, discard and verb files are converted to eventcode's TSV formats
(``eventcode/resources/README.md``) and then loaded with eventcode's own loaders, so all of
eventcode's validation applies. Whatever eventcode cannot express is never dropped silently:
each such line comes back as an :class:`Unsupported` record with file, line, text and reason.

Mapping, in short:

* actors: ``INDIA_ [IND]`` and its ``+`` synonyms become lowercase named patterns
  (``india``, matched in any case). Date-restricted codes (``[X <YYMMDD]``, ``[X >YYMMDD]``,
  ``[X YYMMDD-YYMMDD]``) become dated entries, earliest-listed first, like PETRARCH. An entry
  whose dated codes are all one country plus one sector, with no undated code other than the
  country's elite code, becomes a :class:`~eventcode.actors.Person` with one
  :class:`~eventcode.actors.Role` per dated code (outside them: ``<country>ELI``).
  ``<D`` means up to the day before D, ``>D`` from the day after D, ``D1-D2`` both inclusive;
  six-digit dates ``YY`` < 30 are 20YY, otherwise 19YY.
* agents: ``MINISTER_ [~GOV]`` becomes the sector pattern ``minister → GOV``; ``!X!``
  substitution sets are expanded and an explicit plural ``{…}`` becomes another pattern.
  Compound agent codes (``[~GOVMED]``) become compound sectors; primary agent codes
  (``[NGO~]``) are unsupported.
* discards: a sentence containing the phrase is not coded (``skip_sentence``); with ``+``
  the whole story is not (``skip_story``).
* verbs: each block's verbs (lemmas or the inflected forms PETRARCH lists, plus
  ``+VERB_PARTICLE`` forms) with the block's or the verb's own code become bare-verb patterns;
  each ``- …`` pattern becomes an eventcode *phrase* (``eventcode/resources/README.md``) for all
  the block's verbs: words before and after ``*`` matched linearly, ``_`` for adjacent words,
  ``+``, ``$`` and ``%`` as actor slots, ``^`` to skip a noun phrase, synsets ``&X`` expanded,
  grouping brackets dropped. Words written before ``_+VERB`` on a verb line (``WIRE_+TAP``)
  join each of the verb's phrases; ``{FORMS}`` become verbs of their own (eventcode matches
  inflected forms as written). Without ``+`` the target is looked for in :data:`DEFAULT_TARGETS`.
  Paired codes ``[X:Y]`` code the target's event ``Y`` towards the source too (``[X:X]`` is
  also ``symmetric``); ``[:Y]`` ("faces pressure from") codes only that reverse event. ``[---]`` and codes the CAMEO codebook lacks become null patterns (with a
  note for the latter): they fit but code nothing, so a block's general pattern does not code
  what its author meant as something else. Ids are ``petr:<block>:<line>``. Alternation
  (``|``) patterns are unsupported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
import dataclasses
from typing import NamedTuple

from .actions import NULL_CODE, VERB_COLUMNS, Phrase, VerbDictionary, VerbPattern, build_verb_dictionary
from .actors import (
    NAMED_COLUMNS,
    PEOPLE_COLUMNS,
    SECTOR_CODES_FILE,
    SECTOR_COLUMNS,
    ActorDictionary,
    NamedActor,
    Person,
    Role,
    build_actor_dictionary,
    check_actor_code,
    read_sector_codes,
)
from .codebook import Codebook, load_codebook
from .errors import DictionaryError
from .fileio import write_text_atomic
from .tsv import Source, packaged

__all__ = [
    "Unsupported",
    "SectorRow",
    "read_actors",
    "read_agents",
    "read_discards",
    "read_verbs",
    "load_petrarch",
    "convert_petrarch",
    "file_kind",
    "named_tsv",
    "people_tsv",
    "sectors_tsv",
    "verbs_tsv",
    "DEFAULT_TARGETS",
]

# target slots tried when a PETRARCH pattern does not place the target with "+"
DEFAULT_TARGETS = ("dobj", "dative", "with", "between", "to", "against", "on", "at", "for", "from", "ccomp", "after")
MAX_EXPANSIONS = 200


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


def _lines(path: str | Path) -> Iterable[tuple[int, str, str]]:
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


_BRACKET = re.compile(r"\[([^\]]*)\]")


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
    for n, raw, content in _lines(path):
        stripped = content.strip()
        if not stripped:
            continue
        codes = _BRACKET.findall(stripped)
        words = _BRACKET.sub(" ", stripped).strip()
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
    lines = {n: raw for n, raw, _ in _lines(path)}
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


def _actor_sector_codes(path: str | Path) -> dict[str, str]:
    """Every 3-letter part after the country in the file's actor codes (``HOBCIV`` → ``CIV``),
    with the ``file:line`` of its first use: PETRARCH dictionaries coin their own."""
    file = Path(path).name
    out: dict[str, str] = {}
    for n, _, content in _lines(path):
        for body in _BRACKET.findall(content):
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
    for n, raw, content in _lines(path):
        text = content.strip()
        if not text:
            continue
        m = re.fullmatch(r"(![A-Za-z0-9_]+!)\s*=\s*(.+)", text)
        if m:
            subs[m.group(1).upper()] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _BRACKET.findall(text)
        if len(codes) != 1:
            problems.append(Unsupported(file, n, raw.strip(), "agent line needs exactly one [code]"))
            continue
        body = codes[0].replace(" ", "")
        rest = _BRACKET.sub(" ", text)
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
    for n, raw, content in _lines(path):
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


# --------------------------------------------------------------------------- verbs


class _Unsup(Exception):
    pass


_SYNSET_REF = re.compile(r"&[A-Za-z0-9_]+")


def _expand(text: str, synsets: dict[str, list[str]], depth: int = 0) -> list[str]:
    """All texts with every ``&SYNSET`` replaced by one of its members (members may nest)."""
    if depth > 5:
        raise _Unsup("synsets nested too deeply")
    m = _SYNSET_REF.search(text)
    if m is None:
        return [text]
    # "&TIETYPES_MEMOS": the longest known synset name, then "_" glues on the next word
    parts = m.group(0)[1:].upper().split("_")
    k = next((k for k in range(len(parts), 0, -1) if "&" + "_".join(parts[:k]) in synsets), 0)
    if not k:
        raise _Unsup(f"unknown synset {m.group(0)}")
    name = "&" + "_".join(parts[:k])
    end = m.start() + len(name)
    out: list[str] = []
    for member in synsets[name]:
        for filled in _expand(member, synsets, depth + 1):
            out.extend(_expand(text[: m.start()] + filled.strip() + text[end:], synsets, depth + 1))
            if len(out) > MAX_EXPANSIONS:
                raise _Unsup(f"synset expansion too large (over {MAX_EXPANSIONS} forms)")
    return out


def _phrase_text(pattern: str) -> str:
    """A PETRARCH pattern (synsets already expanded) → eventcode phrase text; raises _Unsup.

    Grouping brackets ``( )`` ``{ }`` are dropped (a phrase is matched linearly anyway).
    """
    if "|" in pattern:
        raise _Unsup("alternation (|)")
    star = pattern.find("*")
    if "%" in pattern[star:]:  # after the verb a compound actor is simply the target
        pattern = pattern[:star] + pattern[star:].replace("%", "+")
    if pattern.count("%") + pattern.count("+") + pattern.count("$") > 1 and "%" in pattern:
        raise _Unsup("compound actor (%) with other actor slots")
    text = re.sub(r"[(){}]", " ", pattern).replace("^", " ^ ")
    text = re.sub(r"\s*_\s*(?=[*+$])|(?<=[*+$])\s*_\s*", "_", text)  # "WAS_ *" keeps its "_"
    text = " ".join(text.split()).lower()
    if text.count("*") != 1:
        raise _Unsup("pattern without exactly one verb marker (*)")
    return text


_VERB_WORD = re.compile(r"[a-z][a-z'\-]*")


def _verb_entry(spec: str) -> tuple[str, str, str] | None:
    """``VERB``, ``+VERB_PARTICLE``, ``VERB PARTICLE`` or ``WORD_+VERB`` → ``(verb, particle,
    words before the verb joined by "_")``; None if it is none of these."""
    words = spec.replace("_", " ").lower().split()
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    k = marked[0] if marked else 0
    if not words or (not marked and len(words) > 2):
        return None
    verb, before, after = words[k].lstrip("+"), words[:k], words[k + 1 :]
    if len(after) > 1 or not _VERB_WORD.fullmatch(verb) or not all(_VERB_WORD.fullmatch(w) for w in before + after):
        return None
    return verb, after[0] if after else "", "_".join(before)


class _Code(NamedTuple):
    code: str
    reverse: str  # the target's event towards the source, from a paired code [X:Y]
    problem: str
    note: bool = False  # imported, but as a null pattern


def _code(body: str, codebook: Codebook) -> _Code:
    """A PETRARCH event code ``042``, paired ``032:033`` (source→target : target→source) or ``---``.

    A code the CAMEO codebook lacks becomes the null code, with a note: the pattern still
    stops the block's more general patterns from coding what its author meant as something else.
    """
    body = body.strip()
    if not body:
        return _Code("", "", "no code")
    code, _, reverse = (x.strip() for x in body.partition(":"))
    if ":" in body and not reverse:
        return _Code("", "", f"paired code [{body}] without its second code")
    unknown = [c for c in (code, reverse) if c and c != NULL_CODE and c not in codebook]
    if unknown or code == NULL_CODE:
        reason = f"code {unknown[0]!r} is not in the CAMEO codebook; imported as a null pattern (codes nothing)" if unknown else ""
        return _Code(NULL_CODE, "", reason, note=bool(unknown))
    return _Code(code, reverse, "")


def read_verbs(
    path: str | Path, codebook: Codebook | None = None
) -> tuple[list[VerbPattern], list[Unsupported]]:
    """Read a PETRARCH verb dictionary into eventcode :class:`VerbPattern`\\ s.

    ``VerbPattern.origin`` and the id (``petr:<block>:<line>``) name the PETRARCH line;
    ``example`` holds the original PETRARCH pattern text.
    """
    codebook = codebook or load_codebook()
    file = Path(path).name
    problems: list[Unsupported] = []
    out: list[VerbPattern] = []
    synsets: dict[str, list[str]] = {}
    lines = list(_lines(path))
    # pass 1: synsets (they may be defined after their first use)
    current: str | None = None
    for n, raw, content in lines:
        text = content.strip()
        if text.startswith("&"):
            current = text.split()[0].upper().rstrip("_")
            synsets[current] = []
        elif text.startswith("---") or text.startswith("-"):
            current = None
        elif current is not None and text.startswith("+"):
            synsets[current].append(text[1:].strip())
        elif current is not None and text and not text.startswith("+"):
            current = None
    # pass 2: blocks
    state = "none"
    block = ""
    block_code = ""
    verbs: list[tuple[str, str]] = []
    compounds: list[tuple[tuple[str, str], str]] = []  # ((verb, particle), words before it)
    used: Counter = Counter()

    def emit(n: int, raw: str, verb_list: Sequence[tuple[str, str]], code: _Code, phrases: Sequence[str] = ()) -> None:
        pid = f"petr:{block.lower()}:{n}"
        used[pid] += 1
        if used[pid] > 1:
            pid = f"{pid}.{used[pid]}"
        where = f"{file}:{n}"
        parsed = tuple(dict.fromkeys(Phrase.parse(p, where) for p in phrases))
        # [X:X]: a joint action; with a target, each side also does it to the other
        flags = frozenset({"symmetric"} if code.code == code.reverse else ())
        out.append(VerbPattern(pid, code.code, tuple(dict.fromkeys(verb_list)), (), DEFAULT_TARGETS, flags,
                               " ".join(raw.split()), where, parsed, code.reverse))

    for n, raw, content in lines:
        text = content.strip()
        if not text:
            continue
        if text.startswith("---"):
            m = re.match(r"---\s*(.*?)\s*\[([^\]]*)\]", text)
            if not m:
                problems.append(Unsupported(file, n, raw.strip(), "verb block header not understood"))
                state = "skip"
                continue
            block = re.sub(r"[\s_]+", "-", m.group(1).strip("_ ")) or "block"
            block_code = m.group(2).strip()
            verbs = []
            compounds = []
            state = "block"
            continue
        if text.startswith("&"):
            state = "synset"
            continue
        if state == "synset":
            if text.startswith("+"):
                continue
            state = "none"
        if state != "block":
            if state == "none":
                problems.append(Unsupported(file, n, raw.strip(), "line outside a verb block"))
            continue
        if text.startswith("-"):
            body_m = re.fullmatch(r"-\s*(.*?)\s*\[([^\]]*)\]\s*", text)
            if not body_m:
                problems.append(Unsupported(file, n, raw.strip(), "pattern without a [code]"))
                continue
            code = _code(body_m.group(2) or block_code, codebook)
            if code.problem:
                problems.append(Unsupported(file, n, raw.strip(), code.problem, note=code.note))
                if not code.note:
                    continue
            if not verbs and not compounds:
                problems.append(Unsupported(file, n, raw.strip(), "pattern in a block without usable verbs"))
                continue
            try:
                phrases, dropped = [], []
                for t in _expand(body_m.group(1), synsets):
                    try:
                        p = _phrase_text(t)
                        Phrase.parse(p, f"{file}:{n}")
                        phrases.append(p)
                    except (_Unsup, DictionaryError) as exc:
                        dropped.append(str(exc).split(": ", 1)[-1])
                if not phrases:
                    raise _Unsup(dropped[0])
                if dropped:  # a synset member eventcode cannot match ("MI-24VM/HIND"): the others still work
                    problems.append(Unsupported(file, n, raw.strip(), f"{len(dropped)} of {len(dropped) + len(phrases)} synset expansions not imported (first: {dropped[0]})", note=True))
            except _Unsup as exc:
                problems.append(Unsupported(file, n, raw.strip(), str(exc)))
                continue
            if verbs:
                emit(n, raw, verbs, code, phrases)
            for verb, prefix in compounds:  # "WIRE_+TAP": the words before the verb join each phrase
                emit(n, raw, [verb], code, [p.replace("*", f"{prefix}_*") for p in phrases])
            continue
        # a verb line: VERB {FORMS} [code], +VERB_PARTICLE {FORMS} [code], WORD_+VERB …
        text = text.split(";", 1)[0].strip()  # TABARI-style ";" comments
        own = _BRACKET.findall(text)
        forms = re.findall(r"\{([^}]*)\}", text)
        main = re.sub(r"\{[^}]*\}", " ", _BRACKET.sub(" ", text)).strip()
        if not main:
            continue
        entries = [_verb_entry(spec) for spec in (main, *" ".join(forms).split())]
        if entries[0] is None:
            problems.append(Unsupported(file, n, raw.strip(), "verb is not a word, a word with one particle, or words_+VERB"))
            continue
        line_verbs = [(v, p) for v, p, prefix in filter(None, entries) if not prefix]
        line_compounds = [((v, p), prefix) for v, p, prefix in filter(None, entries) if prefix]
        verbs.extend(line_verbs)
        compounds.extend(line_compounds)
        code_body = own[0] if own else block_code
        if code_body.strip() in ("", "---"):
            continue  # a verb without a default code only serves the block's patterns
        code = _code(code_body, codebook)
        if code.problem:
            problems.append(Unsupported(file, n, raw.strip(), f"verb default {code.problem}", note=code.note))
            if not code.note:
                continue
        if line_verbs:
            emit(n, raw, line_verbs, code)
        for verb, prefix in line_compounds:
            emit(n, raw, [verb], code, [f"{prefix}_*"])
    return out, problems


# --------------------------------------------------------------------------- TSV text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\t", " ").replace("\n", " ")


def _table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["\t".join(columns)]
    lines += ["\t".join(_cell(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def named_tsv(entries: Iterable[NamedActor]) -> str:
    """Named/discard entries as eventcode's named-actor TSV (``source`` = PETRARCH file:line)."""
    seen: set[tuple[str, dt.date | None]] = set()
    rows = []
    for e in entries:
        key = (e.pattern, e.start)
        if key in seen:
            continue
        seen.add(key)
        rows.append((e.pattern, "|".join(e.codes), e.kind, e.start, e.end, f"PETRARCH {e.origin}"))
    return _table(NAMED_COLUMNS, rows)


def people_tsv(people: Iterable[Person]) -> str:
    rows = []
    for p in people:
        for r in p.roles:
            rows.append((p.id, "|".join(p.names), "|".join(p.short), p.country, r.role, r.sector,
                         r.start, r.end, f"PETRARCH {r.origin}"))
    return _table(PEOPLE_COLUMNS, rows)


def sectors_tsv(rows: Iterable[SectorRow]) -> str:
    return _table(SECTOR_COLUMNS, ((r.pattern, r.sector, f"PETRARCH {r.origin}") for r in rows))


def verbs_tsv(patterns: Iterable[VerbPattern]) -> str:
    def verb(v: tuple[str, str]) -> str:
        return " ".join(filter(None, v))

    rows = (
        (p.id, p.code_text, "|".join(verb(v) for v in p.verbs), "|".join(map(str, (*p.objects, *p.phrases))),
         "|".join(p.targets), ",".join(sorted(p.flags)), p.example)
        for p in patterns
    )
    return _table(VERB_COLUMNS, rows)


# --------------------------------------------------------------------------- loading


def file_kind(path: str | Path) -> str:
    """``actors``, ``agents``, ``discards``, ``verbs`` or ``""`` from a PETRARCH file name."""
    name = Path(path).name.lower()
    if not name.endswith(".txt"):
        return ""
    for kind in ("actors", "agents", "discards"):
        if name.endswith(f".{kind}.txt") or name == f"{kind}.txt":
            return kind
    if "verbs" in name or name.startswith("cameo"):
        return "verbs"
    return ""


def _files(inputs: str | Path | Sequence[str | Path]) -> list[Path]:
    items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and file_kind(f))
            if not found:
                raise DictionaryError(f"{p}: no PETRARCH dictionary files in this folder (expected *.actors.txt, *.agents.txt, *.discards.txt, or a verbs/CAMEO .txt file)")
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise DictionaryError(f"{p}: PETRARCH dictionary file or directory not found")
    return out


@dataclass(frozen=True)
class _Converted:
    named: list[Source]
    people: list[Source]
    sectors: Source
    sector_codes: Source
    verbs: list[Source]
    problems: list[Unsupported]


def _convert(inputs: str | Path | Sequence[str | Path], codebook: Codebook) -> _Converted:
    files = _files(inputs)
    by_kind: dict[str, list[Path]] = {"actors": [], "agents": [], "discards": [], "verbs": []}
    problems: list[Unsupported] = []
    for f in files:
        kind = file_kind(f)
        if not kind:
            raise DictionaryError(f"{f}: not recognisable as a PETRARCH dictionary from its name (expected *.actors.txt, *.agents.txt, *.discards.txt, or a .txt file with 'verbs' in its name or starting with 'CAMEO')")
        by_kind[kind].append(f)
    codes_source = packaged(SECTOR_CODES_FILE)
    sector_codes = read_sector_codes(codes_source)
    added: dict[str, str] = {}
    sector_rows: dict[str, SectorRow] = {}
    for f in by_kind["agents"]:
        rows, probs = read_agents(f)
        _imported_something(f, "agent", len(rows), probs)
        problems += probs
        for r in rows:
            for part in (r.sector[i : i + 3] for i in range(0, len(r.sector), 3)):
                if part not in sector_codes and part not in added:
                    added[part] = r.origin
                    file, _, line = r.origin.rpartition(":")
                    problems.append(Unsupported(file, int(line), r.pattern,
                                                f"sector code {part} is not eventcode's; added to the sector list", note=True))
            sector_rows[r.pattern] = r  # a later file wins
    for f in by_kind["actors"]:
        for code, origin in _actor_sector_codes(f).items():
            if code not in sector_codes and code not in added:
                added[code] = origin
                file, _, line = origin.rpartition(":")
                problems.append(Unsupported(file, int(line), code,
                                            f"sector code {code} in an actor code is not eventcode's; added to the sector list", note=True))
    known = set(sector_codes) | set(added)
    codes_text = codes_source.text.rstrip("\n") + "\n" + "".join(
        f"{code}\tPETRARCH code (first used at {origin})\n" for code, origin in added.items()
    )
    named: list[Source] = []
    people: list[Source] = []
    for f in by_kind["actors"]:
        entries, probs = read_actors(f, known)
        _imported_something(f, "actor", len(entries), probs)
        problems += probs
        named.append(Source(f"{f.name} (converted)", named_tsv(e for e in entries if isinstance(e, NamedActor))))
        persons = [e for e in entries if isinstance(e, Person)]
        people.append(Source(f"{f.name} (converted people)", people_tsv(_unique_people(persons, f.name, problems))))
    for f in by_kind["discards"]:
        entries, probs = read_discards(f)
        _imported_something(f, "discard", len(entries), probs)
        problems += probs
        named.append(Source(f"{f.name} (converted)", named_tsv(entries)))
    verbs: list[Source] = []
    for f in by_kind["verbs"]:
        patterns, probs = read_verbs(f, codebook)
        _imported_something(f, "verb", len(patterns), probs)
        problems += probs
        verbs.append(Source(f"{f.name} (converted)", verbs_tsv(patterns)))
    return _Converted(
        named, people, Source("PETRARCH agents (converted)", sectors_tsv(sector_rows.values())),
        Source("sector_codes.tsv + PETRARCH agent codes", codes_text), verbs, problems,
    )


def _imported_something(path: Path, kind: str, n: int, problems: list[Unsupported]) -> None:
    """A dictionary file of which nothing could be imported is an error, not an empty dictionary
    (an empty, binary or wrong file would otherwise code nothing without a word)."""
    if n:
        return
    skipped = [p for p in problems if not p.note]
    why = f"; {len(skipped)} line(s) not understood, first {skipped[0].file}:{skipped[0].line}: {skipped[0].reason}" if skipped else "; it holds no entries"
    raise DictionaryError(f"{path}: nothing could be imported from this PETRARCH {kind} file{why}")


def _unique_people(persons: list[Person], file: str, problems: list[Unsupported]) -> list[Person]:
    """Drop names a second person also uses (eventcode requires one owner per name)."""
    owner: dict[str, str] = {}
    out = []
    for p in persons:
        names = []
        for name in p.names:
            if name in owner:
                line = int(p.roles[0].origin.rpartition(":")[2]) if p.roles else 0
                problems.append(Unsupported(file, line, name, f"name already belongs to person {owner[name]}"))
            else:
                owner[name] = p.id
                names.append(name)
        if names:
            out.append(Person(p.id, tuple(names), p.short, p.country, p.roles))
    return out


def load_petrarch(
    inputs: str | Path | Sequence[str | Path], codebook: Codebook | None = None
) -> tuple[ActorDictionary, VerbDictionary, list[Unsupported]]:
    """Build eventcode dictionaries from PETRARCH files (a directory, a file, or a list).

    The kind of each file is found from its name (:func:`file_kind`). Actor/discard files
    are layered in the given order (a later file wins for the same pattern); eventcode's
    packaged sector codes are extended by any 3-letter agent codes they lack (reported as
    notes). Returns the two dictionaries and every unsupported line.
    """
    codebook = codebook or load_codebook()
    c = _convert(inputs, codebook)
    actors = build_actor_dictionary(c.named, c.sectors, c.sector_codes, c.people)
    verbs = dataclasses.replace(build_verb_dictionary(c.verbs, codebook), conventions="petrarch")
    return actors, verbs, c.problems


def convert_petrarch(
    inputs: str | Path | Sequence[str | Path], out_dir: str | Path, codebook: Codebook | None = None
) -> tuple[list[Path], list[Unsupported]]:
    """Write the converted TSV files (eventcode formats) to ``out_dir`` for ``--actors``/``--verbs``.

    The extended sector code list is written too, for reference; files are checked by
    loading them first.
    """
    codebook = codebook or load_codebook()
    c = _convert(inputs, codebook)
    build_actor_dictionary(c.named, c.sectors, c.sector_codes, c.people)
    build_verb_dictionary(c.verbs, codebook)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source, suffix in [
        *((s, "actors.tsv") for s in c.named),
        *((s, "people.tsv") for s in c.people),
        (c.sectors, "sectors.tsv"),
        (c.sector_codes, "sector_codes.tsv"),
        *((s, "verbs.tsv") for s in c.verbs),
    ]:
        stem = source.name.split(" (")[0].removesuffix(".txt").replace(" ", "_").replace("+", "")
        path = out / f"{stem}.{suffix}"
        write_text_atomic(path, source.text)
        written.append(path)
    return written, c.problems
