"""The actor dictionary: who a stretch of text denotes, as a CAMEO actor code.

Four kinds of entries, each from readable TSV files in ``eventcode/resources/actors``:

* named actors (countries, adjectives, capitals, government metonyms, named bodies,
  international organisations) with a fixed code, optionally bounded in time;
* discards: phrases that contain a name but denote no actor ("South China Sea"), and
  skip phrases whose sentence or whole story codes no event (sports, weather);
* sector nouns ("defence minister", "navy") that give an actor its sector;
* people with date-bounded roles; outside every role they resolve to the country's elite
  code (``INDELI``), never to an office they did not hold then.

Users layer their own files on top (``load_actors(extra=[...])``); the packaged tables are
never modified and every load returns a new object.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from .errors import DictionaryError
from .tsv import Source, packaged, parse_date, rows, user_file

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

NAMED_FILES = ("actors/countries.tsv", "actors/bodies.tsv", "actors/organisations.tsv", "actors/discards.tsv")
SECTOR_FILE = "actors/sectors.tsv"
SECTOR_CODES_FILE = "actors/sector_codes.tsv"
PEOPLE_FILE = "actors/people.tsv"

NAMED_COLUMNS = ("pattern", "code", "kind", "start", "end", "source")
NAMED_KINDS = frozenset(
    {"name", "short_name", "adjective", "demonym", "capital", "metonym", "body", "igo", "discard", "skip_sentence", "skip_story"}
)
NO_CODE_KINDS = frozenset({"discard", "skip_sentence", "skip_story"})
SECTOR_COLUMNS = ("pattern", "sector", "source")
PEOPLE_COLUMNS = ("person_id", "names", "short", "country", "role", "sector", "start", "end", "source")
ELITE = "ELI"


@dataclass(frozen=True, slots=True)
class NamedActor:
    pattern: str
    code: str
    kind: str
    start: dt.date | None
    end: dt.date | None
    origin: str  # file:line
    also: tuple[str, ...] = ()  # further actors the same name denotes ("Benelux": BEL, then NLD, LUX)

    @property
    def country(self) -> str:
        return "" if self.code.startswith("IGO") else self.code[:3]

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code, *self.also)

    @property
    def sector(self) -> str:
        return self.code[3:6] if not self.code.startswith("IGO") else "IGO"

    def valid_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    sector: str
    start: dt.date | None
    end: dt.date | None
    origin: str

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    names: tuple[str, ...]
    short: tuple[str, ...]
    country: str
    roles: tuple[Role, ...]

    def role_on(self, day: dt.date | None) -> Role | None:
        """The office held on ``day`` (the earliest-listed one if several), else None."""
        if day is None:
            return None
        for role in self.roles:
            if role.held_on(day):
                return role
        return None

    def code_on(self, day: dt.date | None) -> tuple[str, str, str]:
        """``(code, sector, rule)`` for this person on ``day``; elite code outside any role."""
        role = self.role_on(day)
        if role is None:
            return f"{self.country}{ELITE}", ELITE, f"people:{self.id}:no-role-on-date"
        return f"{self.country}{role.sector}", role.sector, f"people:{self.id}:{role.origin}"


@dataclass(frozen=True)
class ActorDictionary:
    """Everything needed to turn a noun phrase into an actor code; immutable once loaded."""

    named: MappingProxyType  # pattern -> tuple[NamedActor, ...]
    sectors: MappingProxyType  # pattern -> (sector, origin)
    people: MappingProxyType  # person_id -> Person
    sector_codes: MappingProxyType  # sector -> name
    sources: tuple[Source, ...]

    def named_on(self, pattern: str, day: dt.date | None) -> NamedActor | None:
        for entry in self.named.get(pattern, ()):
            if entry.valid_on(day):
                return entry
        return None

    @property
    def person_names(self) -> dict[str, str]:
        return {name: p.id for p in self.people.values() for name in p.names}

    @property
    def person_short(self) -> dict[str, str]:
        return {name: p.id for p in self.people.values() for name in p.short}

    def sizes(self) -> dict[str, int]:
        entries = [e for es in self.named.values() for e in es]
        return {
            "named_patterns": sum(1 for e in entries if e.kind not in NO_CODE_KINDS),
            "discards": sum(1 for e in entries if e.kind in NO_CODE_KINDS),
            "countries": len({e.country for e in entries if e.country and e.kind not in NO_CODE_KINDS}),
            "sector_patterns": len(self.sectors),
            "people": len(self.people),
            "person_roles": sum(len(p.roles) for p in self.people.values()),
        }


def check_actor_code(code: str, sector_codes: Iterable[str], where: str) -> None:
    """Refuse a malformed actor code (country/sector triples, or IGO + letters) naming ``where``;
    shared with the PETRARCH import so both dictionaries accept the same codes."""
    if code.startswith("IGO"):
        if len(code) < 6 or not code.isalpha() or not code.isupper():
            raise DictionaryError(f"{where}: organisation code {code!r} must be IGO + letters")
        return
    if len(code) < 3 or len(code) % 3 or not code.isupper() or not code.isalpha():
        raise DictionaryError(
            f"{where}: actor code {code!r} must be a 3-letter country code plus 3-letter sectors"
        )
    known = set(sector_codes)
    for i in range(3, len(code), 3):
        if known and code[i : i + 3] not in known:
            raise DictionaryError(f"{where}: unknown sector {code[i:i+3]!r} in {code!r}")


def _read_named(source: Source, sector_codes: Iterable[str]) -> list[NamedActor]:
    seen: dict[tuple[str, dt.date | None], int] = {}
    out = []
    for lineno, r in rows(source, NAMED_COLUMNS, required=("pattern", "kind")):
        where = f"{source.name}:{lineno}"
        if r["kind"] not in NAMED_KINDS:
            raise DictionaryError(f"{where}: kind {r['kind']!r} not one of {sorted(NAMED_KINDS)}")
        if r["kind"] in NO_CODE_KINDS:
            if r["code"]:
                raise DictionaryError(f"{where}: a {r['kind']} has no code, found {r['code']!r}")
        else:
            if not r["code"]:
                raise DictionaryError(f"{where}: empty 'code'")
            for code in r["code"].split("|"):
                check_actor_code(code.strip(), sector_codes, where)
        start = parse_date(r["start"], where)
        end = parse_date(r["end"], where)
        if start and end and end < start:
            raise DictionaryError(f"{where}: end {end} before start {start}")
        key = (r["pattern"], start)
        if key in seen:
            raise DictionaryError(
                f"{where}: duplicate pattern {r['pattern']!r} (first at line {seen[key]})"
            )
        seen[key] = lineno
        code, *also = (c.strip() for c in r["code"].split("|")) if r["code"] else ("",)
        out.append(NamedActor(r["pattern"], code, r["kind"], start, end, where, tuple(also)))
    return out


def _read_sectors(source: Source, sector_codes: Iterable[str]) -> dict[str, tuple[str, str]]:
    known = set(sector_codes)
    out: dict[str, tuple[str, str]] = {}
    first: dict[str, int] = {}
    for lineno, r in rows(source, SECTOR_COLUMNS, required=("pattern", "sector")):
        where = f"{source.name}:{lineno}"
        pattern = r["pattern"]
        if pattern != pattern.lower():
            raise DictionaryError(f"{where}: sector pattern {pattern!r} must be lowercase")
        parts = [r["sector"][i : i + 3] for i in range(0, len(r["sector"]), 3)]
        if len(r["sector"]) % 3 or known and any(p not in known for p in parts):
            raise DictionaryError(f"{where}: unknown sector {r['sector']!r} (one code, or several run together: GOVMED)")
        if pattern in first:
            raise DictionaryError(f"{where}: duplicate pattern {pattern!r} (first at line {first[pattern]})")
        first[pattern] = lineno
        out[pattern] = (r["sector"], where)
    return out


def read_sector_codes(source: Source) -> dict[str, str]:
    """``{sector code: name}`` from a sector-codes TSV (also read by the PETRARCH import)."""
    out: dict[str, str] = {}
    for lineno, r in rows(source, ("sector", "name"), required=("sector", "name")):
        if r["sector"] in out:
            raise DictionaryError(f"{source.name}:{lineno}: duplicate sector {r['sector']!r}")
        if len(r["sector"]) != 3 or not r["sector"].isupper():
            raise DictionaryError(f"{source.name}:{lineno}: sector {r['sector']!r} must be 3 capitals")
        out[r["sector"]] = r["name"]
    return out


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _read_people(source: Source, sector_codes: Iterable[str]) -> dict[str, Person]:
    known = set(sector_codes)
    partial: dict[str, dict] = {}
    role_keys: dict[tuple[str, str, dt.date | None], int] = {}
    for lineno, r in rows(source, PEOPLE_COLUMNS, required=("person_id", "names", "country")):
        where = f"{source.name}:{lineno}"
        pid = r["person_id"]
        start, end = parse_date(r["start"], where), parse_date(r["end"], where)
        if start and end and end < start:
            raise DictionaryError(f"{where}: end {end} before start {start}")
        if r["sector"] and known and r["sector"] not in known:
            raise DictionaryError(f"{where}: unknown sector {r['sector']!r}")
        if len(r["country"]) != 3 or not r["country"].isupper():
            raise DictionaryError(f"{where}: country {r['country']!r} must be ISO alpha-3")
        key = (pid, r["role"], start)
        if key in role_keys:
            raise DictionaryError(
                f"{where}: duplicate role {r['role']!r} from {start} for {pid} (first at line {role_keys[key]})"
            )
        role_keys[key] = lineno
        entry = partial.setdefault(
            pid, {"names": [], "short": [], "country": r["country"], "roles": [], "line": lineno}
        )
        if entry["country"] != r["country"]:
            raise DictionaryError(f"{where}: {pid} has country {r['country']} here but {entry['country']} at line {entry['line']}")
        for name in _split(r["names"]):
            if name not in entry["names"]:
                entry["names"].append(name)
        for name in _split(r["short"]):
            if name not in entry["short"]:
                entry["short"].append(name)
        if r["role"]:
            entry["roles"].append(Role(r["role"], r["sector"] or "GOV", start, end, where))
    people = {
        pid: Person(pid, tuple(e["names"]), tuple(e["short"]), e["country"], tuple(e["roles"]))
        for pid, e in partial.items()
    }
    owner: dict[str, str] = {}
    for p in people.values():
        for name in p.names:
            if name in owner and owner[name] != p.id:
                raise DictionaryError(f"{source.name}: name {name!r} belongs to both {owner[name]} and {p.id}")
            owner[name] = p.id
    return people


def is_people_file(source: Source) -> bool:
    """A people-format actor TSV has a ``person_id`` column (also used by the dictionary linter)."""
    for line in source.text.splitlines():
        if line.strip() and not line.startswith("#"):
            return "person_id" in line.split("\t")
    return False


def build_actor_dictionary(
    named_sources: Sequence[Source],
    sector_source: Source,
    sector_codes_source: Source,
    people_sources: Sequence[Source],
) -> ActorDictionary:
    """Merge tables in order; a later file's entry replaces an earlier file's for the same pattern."""
    sector_codes = read_sector_codes(sector_codes_source)
    named: dict[str, list[NamedActor]] = {}
    for source in named_sources:
        fresh: dict[str, list[NamedActor]] = {}
        for entry in _read_named(source, sector_codes):
            fresh.setdefault(entry.pattern, []).append(entry)
        for pattern, entries in fresh.items():
            if pattern in named and source.name.startswith("actors/") and named[pattern][0].origin.startswith("actors/"):
                raise DictionaryError(
                    f"{entries[0].origin}: pattern {pattern!r} already defined at {named[pattern][0].origin}"
                )
            named[pattern] = entries
    people: dict[str, Person] = {}
    for source in people_sources:
        people.update(_read_people(source, sector_codes))
    return ActorDictionary(
        named=MappingProxyType({k: tuple(v) for k, v in named.items()}),
        sectors=MappingProxyType(_read_sectors(sector_source, sector_codes)),
        people=MappingProxyType(people),
        sector_codes=MappingProxyType(sector_codes),
        sources=(*named_sources, sector_source, sector_codes_source, *people_sources),
    )


def actors_with(user_sources: Sequence[Source]) -> ActorDictionary:
    """The packaged tables with user sources layered on top, each with the named tables or,
    when it has a ``person_id`` column, with the people tables."""
    named = [packaged(f) for f in NAMED_FILES]
    people = [packaged(PEOPLE_FILE)]
    for source in user_sources:
        (people if is_people_file(source) else named).append(source)
    return build_actor_dictionary(named, packaged(SECTOR_FILE), packaged(SECTOR_CODES_FILE), people)


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[str, ...]) -> ActorDictionary:
    return actors_with([user_file(path) for path in extra])


def load_actors(extra: Sequence[str | Path] = ()) -> ActorDictionary:
    """The packaged actor dictionary with user TSV files layered on top (named or people format)."""
    return _load_cached(tuple(str(Path(p).resolve()) for p in extra))


# --------------------------------------------------------------------------- matching

KIND_NAMED, KIND_DISCARD, KIND_SECTOR, KIND_PERSON, KIND_SHORT = "named", "discard", "sector", "person", "short"
KIND_SKIP_SENTENCE, KIND_SKIP_STORY = "skip_sentence", "skip_story"
SKIP_KINDS = frozenset({KIND_SKIP_SENTENCE, KIND_SKIP_STORY})
_PRIORITY = {KIND_DISCARD: 0, KIND_SKIP_SENTENCE: 0, KIND_SKIP_STORY: 0, KIND_PERSON: 1, KIND_NAMED: 2, KIND_SECTOR: 3, KIND_SHORT: 4}


@dataclass(frozen=True, slots=True)
class Mention:
    """A dictionary hit in a Doc: tokens ``start:end`` and what they matched."""

    start: int
    end: int
    kind: str
    key: str  # the pattern (named, sector) or the person id (person, short)


def _plurals(pattern: str) -> list[str]:
    head, _, last = pattern.rpartition(" ")
    prefix = f"{head} " if head else ""
    forms = []
    if last.endswith("man"):
        forms.append(last[:-3] + "men")
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        forms.append(last[:-1] + "ies")
    elif last.endswith(("s", "x", "ch", "sh")):
        forms.append(last + "es")
    else:
        forms.append(last + "s")
    return [prefix + f for f in forms if f != last]


_INITIAL = re.compile(r"^[A-Z]\.?$")


def _name_variants(name: str) -> set[str]:
    """'S. Jaishankar', 'S Jaishankar'; 'A. K. Antony', 'A K Antony', 'A.K. Antony': news writes initials every way."""
    words = name.split()
    if not any(_INITIAL.match(w) for w in words[:-1]):
        return {name}
    bare = [w.rstrip(".") if _INITIAL.match(w) else w for w in words]
    initials = [w for w in bare[:-1] if len(w) == 1]
    rest = bare[len(initials):]
    return {
        name,
        " ".join(bare),
        " ".join([f"{w}." if len(w) == 1 and i < len(initials) else w for i, w in enumerate(bare)]),
        "".join(f"{w}." for w in initials) + " " + " ".join(rest),
    }


class _PhraseTable:
    """Token-sequence patterns keyed by their first token's hash: PhraseMatcher's job, without
    building a Doc (and a lexeme for every new word) per pattern, which made loading slow."""

    def __init__(self, lower: bool) -> None:
        self.lower = lower
        # insertion-ordered (a dict, not a set): ties between equal mentions resolve the same way every run
        self._by_first: dict[int, dict[tuple[tuple[int, ...], tuple[str, str]], None]] = {}
        self._index: dict[int, dict[int | None, list[tuple[int, tuple[int, ...], tuple[str, str]]]]] | None = None

    def add(self, label: tuple[str, str], tokens: Sequence[str], strings) -> None:
        keys = tuple(strings.add(t.lower() if self.lower else t) for t in tokens)
        if keys:
            self._by_first.setdefault(keys[0], {})[(keys, label)] = None
            self._index = None

    def _by_second(self) -> dict[int, dict[int | None, list[tuple[int, tuple[int, ...], tuple[str, str]]]]]:
        """Patterns by first token, then by second token (None: one-token patterns), each with
        its rank among the patterns sharing its first token. Most words that start some pattern
        ("the", "united") start many, and the second token rules nearly all of them out."""
        if self._index is None:
            self._index = {}
            for first, patterns in self._by_first.items():
                groups: dict[int | None, list[tuple[int, tuple[int, ...], tuple[str, str]]]] = {}
                for rank, (pattern, label) in enumerate(patterns):
                    groups.setdefault(pattern[1] if len(pattern) > 1 else None, []).append((rank, pattern, label))
                self._index[first] = groups
        return self._index

    def matches(self, keys: list[int]) -> Iterator[tuple[tuple[str, str], int, int]]:
        """(label, start, end) of every pattern found; at one start, in the order patterns were added."""
        index, n = self._by_second(), len(keys)
        for i in [i for i, key in enumerate(keys) if key in index]:
            groups = index[keys[i]]
            longer = groups.get(keys[i + 1]) if i + 1 < n else None
            if longer is None:
                for _, _, label in groups.get(None, ()):
                    yield label, i, i + 1
                continue
            found = [(rank, label, i + 1) for rank, _, label in groups.get(None, ())]
            found += [(rank, label, i + len(p)) for rank, p, label in longer if i + len(p) <= n and tuple(keys[i : i + len(p)]) == p]
            found.sort()  # ranks are unique among patterns sharing a first token
            for _, label, end in found:
                yield label, i, end


# Names in the dictionary that are everyday words once folded to lower case: in a folded
# article "the diet" or "bush" is more likely the word than Japan's parliament or a president.
FOLDED_AMBIGUOUS = frozenset({"bush", "diet", "moon", "ice", "polish", "poles", "howard", "krishna", "jersey", "nice", "mint", "chase"})


def case_folded(capital: Sequence[bool]) -> bool:
    """Is this article written in lower case throughout (some datasets fold case)?

    ``capital`` says, per token, whether it starts with a capital letter. News in normal case
    has 2% or more such tokens (8% for 99% of Reuters stories); a folded article has almost none
    (a banner line at most).
    """
    return len(capital) >= 10 and sum(capital) * 100 <= len(capital)


class ActorMatcher:
    """Finds dictionary mentions in a Doc: patterns with a capital letter match case and all
    caps, all-lowercase patterns match in any case.

    In a case-folded article (:func:`case_folded`) the capitalised patterns match in lower case
    too, except one-word patterns that are also common words once folded ("US" is "us",
    :data:`FOLDED_AMBIGUOUS`).
    """

    def __init__(self, actors: ActorDictionary, nlp: Language) -> None:
        self.actors = actors
        self._exact = _PhraseTable(lower=False)
        self._lower = _PhraseTable(lower=True)
        self._folded = _PhraseTable(lower=True)
        # (label, text) in order: where two patterns match the same words, the earlier wins
        exact: list[tuple[tuple[str, str], str]] = []
        lower: list[tuple[tuple[str, str], str]] = []

        def add(label: tuple[str, str], text: str) -> None:
            if any(c.isupper() for c in text):
                exact.extend((label, t) for t in dict.fromkeys((text, text.upper())))
            else:
                lower.append((label, text))
                if any(c in text for c in ".'-&"):
                    # the tokenizer splits some lowercase text differently ("k.u." vs "K.U."): match both
                    lower.append((label, text.upper()))

        for pattern, entries in actors.named.items():
            kind = entries[0].kind if entries[0].kind in NO_CODE_KINDS else KIND_NAMED
            add((kind, pattern), pattern)
        for pattern in actors.sectors:
            add((KIND_SECTOR, pattern), pattern)
        for pattern in actors.sectors:  # after every pattern as written: "companies" is its own entry
            for form in _plurals(pattern):
                add((KIND_SECTOR, pattern), form)
        for person in actors.people.values():
            for name in sorted({v for n in person.names for v in _name_variants(n)}):
                add((KIND_PERSON, person.id), name)
            for name in person.short:
                exact.append(((KIND_SHORT, person.id), name))
        tokenizer, strings = nlp.tokenizer, nlp.vocab.strings
        special = tokenizer.rules or {}
        common = nlp.Defaults.stop_words
        for table, patterns in ((self._exact, exact), (self._lower, lower)):
            for label, text in patterns:
                words = text.split(" ")
                # plain words are their own tokens; anything else goes through the tokenizer
                if not all(w.isalpha() and w not in special for w in words):
                    words = [t.text for t in tokenizer(text)]
                table.add(label, words, strings)
                if table is self._exact and not (len(words) == 1 and (text.lower() in common or text.lower() in FOLDED_AMBIGUOUS)):
                    self._folded.add(label, words, strings)

    def __call__(self, doc: Doc, folded: bool = False) -> list[Mention]:
        orth, lower = doc.to_array(["ORTH", "LOWER"]).T.tolist() if len(doc) else ([], [])
        return self.find(orth, lower, folded)

    def find(self, orth: list[int], lower: list[int], folded: bool = False) -> list[Mention]:
        """Mentions in tokens given by their ORTH and LOWER hashes (no Doc needed); ``folded``:
        the article is written in lower case (:func:`case_folded`)."""
        # plain tuples until a match is chosen: most candidates lose, and a Mention costs more to build
        exact = self._folded.matches(lower) if folded else self._exact.matches(orth)
        found = [(start, end, kind, key) for (kind, key), start, end in exact]
        found += [(start, end, kind, key) for (kind, key), start, end in self._lower.matches(lower)]
        found.sort(key=lambda m: (m[0] - m[1], _PRIORITY[m[2]], m[0]))
        taken = [False] * len(orth)
        chosen = []
        for start, end, kind, key in found:
            if any(taken[start:end]):
                continue
            for i in range(start, end):
                taken[i] = True
            if kind != KIND_DISCARD:
                chosen.append(Mention(start, end, kind, key))
        chosen.sort(key=lambda m: m.start)
        return chosen
