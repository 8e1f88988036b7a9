"""The action dictionary: verb patterns → CAMEO event codes.

A pattern names a verb (lemma, optionally with a particle), optionally the noun it must take
as object ("hold *talks*", "look forward *to cooperation*"), and where the target actor is
found ("with", "to", the direct object …). The format is documented in
``eventcode/resources/README.md``; patterns are matched on spaCy's dependency parse by
:mod:`eventcode.coder`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .codebook import Codebook, load_codebook
from .errors import DictionaryError
from .tsv import Source, packaged, rows, user_file

VERB_FILE = "verbs.tsv"
VERB_COLUMNS = ("id", "code", "verb", "object", "target", "flags", "example")
FLAGS = frozenset({"symmetric", "xcomp", "no_xcomp"})
TARGET_SLOTS = frozenset({"dobj", "dative"})
PREPOSITIONS = frozenset(
    """about above across after against along amid among amongst around as at before behind
    below beneath beside between beyond by despite during for from in inside into near of off
    on onto out outside over past regarding since through throughout to toward towards under
    until upon via with within without""".split()
)


@dataclass(frozen=True, slots=True)
class ObjectSpec:
    """One alternative of a pattern's object: optional preposition, modifiers, head noun."""

    head: str
    modifiers: tuple[str, ...] = ()
    prep: str = ""

    @classmethod
    def parse(cls, text: str, where: str) -> ObjectSpec:
        words = [w.strip("{}") for w in text.lower().split()]  # "{telephonic} call": braces mark modifiers
        if not words or not all(words):
            raise DictionaryError(f"{where}: empty object alternative")
        prep = ""
        if len(words) > 1 and words[0] in PREPOSITIONS:
            prep, words = words[0], words[1:]
        return cls(head=words[-1], modifiers=tuple(words[:-1]), prep=prep)

    def __str__(self) -> str:
        return " ".join(filter(None, (self.prep, *self.modifiers, self.head)))


@dataclass(frozen=True, slots=True)
class VerbPattern:
    id: str
    code: str
    verbs: tuple[tuple[str, str], ...]  # (lemma, particle or "")
    objects: tuple[ObjectSpec, ...]
    targets: tuple[str, ...]
    flags: frozenset[str]
    example: str
    origin: str  # file:line

    @property
    def symmetric(self) -> bool:
        return "symmetric" in self.flags

    specificity: int = field(init=False, compare=False)  # higher wins when several patterns fit

    def __post_init__(self) -> None:
        score = 4 * bool(self.objects) + 2 * any(p for _, p in self.verbs) + bool(self.flags & {"xcomp", "no_xcomp"})
        object.__setattr__(self, "specificity", score)


@dataclass(frozen=True)
class VerbDictionary:
    patterns: tuple[VerbPattern, ...]
    by_lemma: Mapping[str, tuple[VerbPattern, ...]]
    sources: tuple[Source, ...]

    def __len__(self) -> int:
        return len(self.patterns)

    def per_root(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for p in self.patterns:
            counts[p.code[:2]] = counts.get(p.code[:2], 0) + 1
        return dict(sorted(counts.items()))


def _parse_verbs(text: str, where: str) -> tuple[tuple[str, str], ...]:
    out = []
    for alt in text.split("|"):
        words = alt.strip().lower().split()
        if not words or len(words) > 2:
            raise DictionaryError(f"{where}: verb {alt!r} must be a lemma and at most one particle")
        out.append((words[0], words[1] if len(words) == 2 else ""))
    return tuple(out)


def read_verb_patterns(source: Source, codebook: Codebook) -> list[VerbPattern]:
    out = []
    for lineno, r in rows(source, VERB_COLUMNS, required=("id", "code", "verb")):
        where = f"{source.name}:{lineno}"
        if r["code"] not in codebook:
            raise DictionaryError(f"{where}: {r['code']!r} is not a CAMEO code in the codebook")
        flags = frozenset(f.strip() for f in r["flags"].split(",") if f.strip())
        if flags - FLAGS:
            raise DictionaryError(f"{where}: unknown flags {sorted(flags - FLAGS)}; allowed {sorted(FLAGS)}")
        targets = tuple(t.strip().lower() for t in r["target"].split("|") if t.strip())
        bad = [t for t in targets if t not in TARGET_SLOTS and t not in PREPOSITIONS]
        if bad:
            raise DictionaryError(f"{where}: unknown target slots {bad}; use dobj, dative or a preposition")
        objects = tuple(ObjectSpec.parse(o, where) for o in r["object"].split("|") if o.strip())
        out.append(
            VerbPattern(r["id"], r["code"], _parse_verbs(r["verb"], where), objects, targets, flags, r["example"], where)
        )
    return out


def build_verb_dictionary(sources: Sequence[Source], codebook: Codebook | None = None) -> VerbDictionary:
    """Later files replace earlier patterns with the same id; ids must be unique within a file."""
    codebook = codebook or load_codebook()
    by_id: dict[str, VerbPattern] = {}
    rank: dict[str, int] = {}
    for n, source in enumerate(sources):
        local: dict[str, str] = {}
        for pattern in read_verb_patterns(source, codebook):
            if pattern.id in local:
                raise DictionaryError(f"{pattern.origin}: duplicate pattern id {pattern.id!r} (first at {local[pattern.id]})")
            local[pattern.id] = pattern.origin
            by_id[pattern.id] = pattern
            rank[pattern.id] = n
    patterns = tuple(by_id.values())
    index: dict[str, list[VerbPattern]] = {}
    for p in patterns:
        for lemma in {lemma for lemma, _ in p.verbs}:
            index.setdefault(lemma, []).append(p)
    # most specific first; among equals a user's file beats the packaged one, then row order
    ordered = {k: tuple(sorted(v, key=lambda p: (-p.specificity, -rank[p.id]))) for k, v in index.items()}
    return VerbDictionary(patterns, MappingProxyType(ordered), tuple(sources))


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[str, ...]) -> VerbDictionary:
    return build_verb_dictionary([packaged(VERB_FILE), *(user_file(p) for p in extra)])


def load_verbs(extra: Sequence[str | Path] = ()) -> VerbDictionary:
    """The packaged verb patterns with user TSV files layered on top."""
    return _load_cached(tuple(str(Path(p).resolve()) for p in extra))
