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

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .actions import VERB_COLUMNS, VerbDictionary, VerbPattern, build_verb_dictionary
from .actors import (
    NAMED_COLUMNS,
    PEOPLE_COLUMNS,
    SECTOR_CODES_FILE,
    SECTOR_COLUMNS,
    ActorDictionary,
    NamedActor,
    Person,
    build_actor_dictionary,
    read_sector_codes,
)
from .codebook import Codebook, load_codebook
from .errors import DictionaryError
from .fileio import write_text_atomic
from .petrarch_actors import SectorRow, Unsupported, actor_sector_codes, read_actors, read_agents, read_discards
from .petrarch_verbs import DEFAULT_TARGETS, read_verbs
from .tsv import Source, packaged

T = TypeVar("T")

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
        for r in _read_some(read_agents(f), f, "agent", problems):
            for part in (r.sector[i : i + 3] for i in range(0, len(r.sector), 3)):
                if part not in sector_codes and part not in added:
                    added[part] = r.origin
                    file, _, line = r.origin.rpartition(":")
                    problems.append(Unsupported(file, int(line), r.pattern,
                                                f"sector code {part} is not eventcode's; added to the sector list", note=True))
            sector_rows[r.pattern] = r  # a later file wins
    for f in by_kind["actors"]:
        for code, origin in actor_sector_codes(f).items():
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
        entries = _read_some(read_actors(f, known), f, "actor", problems)
        named.append(Source(f"{f.name} (converted)", named_tsv(e for e in entries if isinstance(e, NamedActor))))
        persons = [e for e in entries if isinstance(e, Person)]
        people.append(Source(f"{f.name} (converted people)", people_tsv(_unique_people(persons, f.name, problems))))
    for f in by_kind["discards"]:
        discards = _read_some(read_discards(f), f, "discard", problems)
        named.append(Source(f"{f.name} (converted)", named_tsv(discards)))
    verbs: list[Source] = []
    for f in by_kind["verbs"]:
        patterns = _read_some(read_verbs(f, codebook), f, "verb", problems)
        verbs.append(Source(f"{f.name} (converted)", verbs_tsv(patterns)))
    return _Converted(
        named, people, Source("PETRARCH agents (converted)", sectors_tsv(sector_rows.values())),
        Source("sector_codes.tsv + PETRARCH agent codes", codes_text), verbs, problems,
    )


def _read_some(read: tuple[list[T], list[Unsupported]], path: Path, kind: str, problems: list[Unsupported]) -> list[T]:
    """A reader's entries, its problems added to ``problems``. A dictionary file of which nothing
    could be imported is an error, not an empty dictionary (an empty, binary or wrong file would
    otherwise code nothing without a word)."""
    entries, probs = read
    if entries:
        problems.extend(probs)
        return entries
    skipped = [p for p in probs if not p.note]
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
