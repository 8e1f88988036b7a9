"""The action dictionary: verb patterns → CAMEO event codes.

A pattern names a verb (lemma, optionally with a particle), optionally the noun it must take
as object ("hold *talks*", "look forward *to cooperation*"), and where the target actor is
found ("with", "to", the direct object …). The format is documented in
``eventcode/resources/README.md``; patterns are matched on spaCy's dependency parse by
:mod:`eventcode.coder`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .codebook import Codebook, load_codebook
from .errors import DictionaryError
from .tsv import Source, packaged, rows, user_file

VERB_FILE = "verbs.tsv"
NULL_CODE = "---"  # a pattern that fits but codes nothing, to stop a more general one
VERB_COLUMNS = ("id", "code", "verb", "object", "target", "flags", "example")
FLAGS = frozenset({"symmetric", "xcomp", "no_xcomp"})
TARGET_SLOTS = frozenset({"dobj", "dative", "ccomp", "after"})
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


VERB_MARK, TARGET_MARK, SOURCE_MARK, GROUP_MARK, SKIP_MARK = "*", "+", "$", "%", "^"
SLOT_MARKS = frozenset({TARGET_MARK, SOURCE_MARK, GROUP_MARK})
_PHRASE_WORD = re.compile(r"[a-z0-9][a-z0-9'.\-]*|n't|'s")


@dataclass(frozen=True, slots=True)
class PhraseItem:
    """One element of a phrase: a word, the verb (``*``) or an actor slot (``+``, ``$``, ``%``)."""

    text: str
    adjacent: bool = False  # must directly follow the previous element in the sentence


@dataclass(frozen=True, slots=True)
class Phrase:
    """A linear pattern around the verb: ``said * resist_to_the_death``, ``+ was_* from $``.

    Words before ``*`` must occur in this order before the verb in its clause, words after it in
    this order after the verb within the verb's subtree; a space lets other words come between,
    ``_`` demands the next word directly. A word matches a token's lemma or its lowercase form.
    ``+`` and ``$`` match the next actor mention and make it the target or the source; ``%``
    matches a coordinated actor ("India and Japan") whose members act on each other; ``^``
    skips the next noun phrase (``* at ^ +``: "warned at *the envoy* of India"). This is
    how phrase-structured dictionaries (TABARI/PETRARCH patterns) are expressed in eventcode.
    """

    items: tuple[PhraseItem, ...]

    @classmethod
    def parse(cls, text: str, where: str) -> Phrase:
        items: list[PhraseItem] = []
        for chunk in text.lower().split():
            for k, part in enumerate(p for p in chunk.split("_") if p):
                if part not in (VERB_MARK, SKIP_MARK) and part not in SLOT_MARKS and not _PHRASE_WORD.fullmatch(part):
                    raise DictionaryError(f"{where}: phrase {text!r}: {part!r} is not a word, '*', '+', '$', '%' or '^'")
                items.append(PhraseItem(part, adjacent=k > 0 and bool(items)))
        marks = [i.text for i in items]
        if marks.count(VERB_MARK) != 1:
            raise DictionaryError(f"{where}: phrase {text!r} needs exactly one '*' for the verb")
        if any(marks.count(m) > 1 for m in SLOT_MARKS):
            raise DictionaryError(f"{where}: phrase {text!r} has more than one '+', '$' or '%'")
        if GROUP_MARK in marks and (TARGET_MARK in marks or SOURCE_MARK in marks):
            raise DictionaryError(f"{where}: phrase {text!r}: '%' gives both source and target; no '+' or '$' with it")
        if len(items) == 1:
            raise DictionaryError(f"{where}: phrase {text!r} has nothing besides the verb")
        return cls(tuple(items))

    @property
    def words(self) -> int:
        return sum(1 for i in self.items if i.text not in (VERB_MARK, SKIP_MARK) and i.text not in SLOT_MARKS)

    @property
    def weight(self) -> int:
        """What a match adds to a pattern's score: like an object noun with modifiers, plus slots."""
        slots = sum(1 for i in self.items if i.text in SLOT_MARKS)
        return (4 + 2 * (self.words - 1) if self.words else 1) + slots

    def __str__(self) -> str:
        out = ""
        for item in self.items:
            out += ("_" if item.adjacent else " ") + item.text if out else item.text
        return out


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
    phrases: tuple[Phrase, ...] = ()
    reverse: str = ""  # code of the event the target does to the source ("032:033": visit / host)

    @property
    def symmetric(self) -> bool:
        return "symmetric" in self.flags

    specificity: int = field(init=False, compare=False)  # higher wins when several patterns fit
    max_score: int = field(init=False, compare=False)  # the best score a fit of this pattern can reach
    object_heads: frozenset[str] = field(init=False, compare=False)  # lets the coder skip hopeless objects fast
    # the infinitive condition, read once here rather than per verb token in the coder's hot loop
    checks_infinitive: bool = field(init=False, compare=False)  # flagged xcomp or no_xcomp
    wants_infinitive: bool = field(init=False, compare=False)  # flagged xcomp
    base_score: int = field(init=False, compare=False)  # what every fit scores before a particle, object or phrase

    def __post_init__(self) -> None:
        object.__setattr__(self, "checks_infinitive", bool(self.flags & {"xcomp", "no_xcomp"}))
        object.__setattr__(self, "wants_infinitive", "xcomp" in self.flags)
        object.__setattr__(self, "base_score", 4 * bool(self.objects) + self.checks_infinitive)
        base = 2 * any(p for _, p in self.verbs) + bool(self.flags & {"xcomp", "no_xcomp"})
        object.__setattr__(self, "specificity", base + 4 * bool(self.objects or self.phrases))
        extra = [4 + 2 * len(o.modifiers) + bool(o.prep) for o in self.objects] + [p.weight for p in self.phrases]
        object.__setattr__(self, "max_score", base + max(extra, default=0))
        object.__setattr__(self, "object_heads", frozenset(o.head for o in self.objects))

    @property
    def code_text(self) -> str:
        """The code column as written: ``042``, or ``032:033`` with a reverse code."""
        return f"{self.code}:{self.reverse}" if self.reverse else self.code


@dataclass(frozen=True)
class VerbDictionary:
    patterns: tuple[VerbPattern, ...]
    by_lemma: Mapping[str, tuple[VerbPattern, ...]]
    sources: tuple[Source, ...]
    #: Coding conventions the patterns were written for. ``"eventcode"``: a stated intention is
    #: coded as CAMEO's intent code (03x/13x), and a reciprocal act with a named partner ("held
    #: talks with India") in both directions. ``"petrarch"``: the act's own code in every mood,
    #: one direction (PETRARCH's dictionaries and gold are written that way).
    conventions: str = "eventcode"

    def __len__(self) -> int:
        return len(self.patterns)

    def for_token(self, lemma: str, form: str) -> tuple[VerbPattern, ...]:
        """Patterns for a verb listed under its lemma or under its surface form.

        Dictionaries written for other coders list inflected forms ("met", "said", "called");
        looking the surface form up too lets them match without a lemmatiser at import time.
        """
        by_lemma = self.by_lemma.get(lemma, ())
        by_form = self.by_lemma.get(form, ()) if form != lemma else ()
        if not by_form:
            return by_lemma
        if not by_lemma:
            return by_form
        # a dictionary that lists the very form is more specific than its lemma: it goes first among equals
        return tuple(sorted(dict.fromkeys(by_form + by_lemma), key=lambda p: -p.specificity))

    def per_root(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for p in self.patterns:
            if p.code == NULL_CODE:
                continue
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
        code, _, reverse = r["code"].partition(":")
        if code == NULL_CODE and reverse:
            raise DictionaryError(f"{where}: the null code {NULL_CODE} takes no reverse code")
        for c in filter(None, (code if code != NULL_CODE else "", reverse)):
            if c not in codebook:
                raise DictionaryError(f"{where}: {c!r} is not a CAMEO code in the codebook")
        if ":" in r["code"] and not reverse:
            raise DictionaryError(f"{where}: code {r['code']!r}: a reverse code must follow ':'")
        flags = frozenset(f.strip() for f in r["flags"].split(",") if f.strip())
        if flags - FLAGS:
            raise DictionaryError(f"{where}: unknown flags {sorted(flags - FLAGS)}; allowed {sorted(FLAGS)}")
        targets = tuple(t.strip().lower() for t in r["target"].split("|") if t.strip())
        bad = [t for t in targets if t not in TARGET_SLOTS and t not in PREPOSITIONS]
        if bad:
            raise DictionaryError(f"{where}: unknown target slots {bad}; use dobj, dative, ccomp, after or a preposition")
        alternatives = [o.strip() for o in r["object"].split("|") if o.strip()]
        objects = tuple(ObjectSpec.parse(o, where) for o in alternatives if VERB_MARK not in o)
        phrases = tuple(Phrase.parse(o, where) for o in alternatives if VERB_MARK in o)
        out.append(
            VerbPattern(r["id"], code, _parse_verbs(r["verb"], where), objects, targets, flags, r["example"], where,
                        phrases, reverse)
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


def verbs_with(user_sources: Sequence[Source]) -> VerbDictionary:
    """The packaged verb patterns with user sources layered on top."""
    return build_verb_dictionary([packaged(VERB_FILE), *user_sources])


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[str, ...]) -> VerbDictionary:
    return verbs_with([user_file(p) for p in extra])


def load_verbs(extra: Sequence[str | Path] = ()) -> VerbDictionary:
    """The packaged verb patterns with user TSV files layered on top."""
    return _load_cached(tuple(str(Path(p).resolve()) for p in extra))
