"""Events carried by nouns: "the India-Japan talks", "Japan's sanctions on India", "JIMEX".

News names many events with a noun instead of a verb ("after the summit between Modi and
Abe", "Modi's visit to Japan", "the signing of the ACSA"). The noun dictionary
(``resources/nouns.tsv``) lists such nouns with their CAMEO code and the prepositions that carry
the roles; this module finds them in a parsed sentence and builds events the way the verb coder
does, after it, so that what a verb already coded is not coded twice.

The parties of a common noun are found by :mod:`eventcode.nominal_roles` (its phrase first,
then the clause around it); named events (JIMEX, Malabar …) take theirs from the dictionary, with
``Actor.path`` ``named``. Each event's ``rule`` is ``noun:<row id>``.

Mood follows the context: "after/during the talks" is asserted, "planned/proposed talks" and
"before the summit" intended (CAMEO's intent code is assigned centrally from the mood, as for
verbs), a cancelled or postponed event is none at all, and an event a third party calls for is
not the parties' own intent, so it is not coded here either.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from . import background, dates
from .actions import PREPOSITIONS, VERB_FILE, ObjectSpec, VerbDictionary
from .codebook import Codebook, load_codebook
from .errors import DictionaryError
from .nominal_roles import CONCLUDING, MOTION, repeller, role_pairs
from .records import Actor, EventDate
from .tsv import Source, packaged, rows, user_file

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

NOUN_FILE = "nouns.tsv"
NOUN_COLUMNS = ("id", "code", "noun", "source", "target", "flags", "actors", "example")
NOUN_FLAGS = frozenset({"reciprocal", "target_named", "named", "needs_context", "event_of"})
_ACTOR_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*\*?")

# Context words (lowercase lemmas) that set an event noun's mood.
_PLAN_MODIFIERS = {
    "planned", "proposed", "upcoming", "forthcoming", "future", "next", "scheduled", "slated", "intended",
    "impending", "coming", "projected", "mooted",
}
#: A reporter's speculation is no one's stated intent: such an event is ``modal``, as "may meet" is.
_SPECULATIVE_MODIFIERS = {"possible", "potential", "likely", "expected", "prospective", "probable", "hypothetical", "rumoured", "rumored"}
_ASSERTING_PREPS = {"after", "during", "following", "at", "since", "amid", "throughout", "in", "on"}
_PENDING_PREPS = {"before", "ahead", "prior", "for", "towards", "toward"}
_CANCELLING = {
    "cancel", "postpone", "delay", "defer", "scrap", "suspend", "shelve", "boycott", "skip", "oppose", "reject",
    "avoid", "prevent", "block", "halt", "stall", "freeze", "abandon", "lift", "ease", "end", "withdraw", "rule",
    "call", "put", "deny", "refuse", "decline", "threaten",
}
_INTENDING = {
    "plan", "propose", "seek", "want", "schedule", "prepare", "agree", "decide", "announce", "expect", "hope",
    "consider", "offer", "promise", "pledge", "suggest", "intend", "aim", "set", "await", "eye", "explore",
}
#: Verbs that judge or answer an event already made ("rule on the complaint", "respond to the
#: criticism"): the event is asserted whatever the verb's own mood.
_RESPONDING = {"rule", "hear", "adjudicate", "examine", "investigate", "review", "respond", "reply", "react", "answer"}
#: "talks scheduled for Friday", "the summit set for May": a participle that puts the event ahead.
_SCHEDULING = {"schedule", "slate", "plan", "set", "due", "propose"}
_THIRD_PARTY = {"urge", "demand", "appeal", "press", "push", "encourage", "support", "back", "favour", "favor", "request", "seek"}
#: Verbs of talks coming to a halt on their own ("the negotiations stalled"), and of halting them
#: ("the talks were suspended", "broken off", "called off"): CAMEO 164, halt negotiations.
_BREAKING_DOWN = {"stall", "collapse", "falter", "founder", "deadlock", "flounder"}
_HALTING = {"suspend", "halt", "freeze", "stop", "scrap", "abandon", "shelve", "terminate", "break", "call"}
_HALT_NEGOTIATIONS = "164"
_EXERCISE_WORDS = {"exercise", "drill", "wargame", "manoeuvre", "maneuver", "edition", "series", "game"}


@dataclass(frozen=True, slots=True)
class NounEntry:
    """One row of ``nouns.tsv``."""

    id: str
    code: str
    nouns: tuple[ObjectSpec, ...]  # lemma + required modifiers; for named rows, the names as written
    source_preps: tuple[str, ...]
    target_preps: tuple[str, ...]
    flags: frozenset[str]
    actors: tuple[str, ...]  # named rows: participant codes, "*" = only when the sentence names them
    example: str
    origin: str

    @property
    def reciprocal(self) -> bool:
        return "reciprocal" in self.flags


@dataclass(frozen=True)
class NounDictionary:
    entries: tuple[NounEntry, ...]
    by_head: Mapping[str, tuple[tuple[NounEntry, ObjectSpec], ...]]  # lemma → (row, alternative), file order
    names: Mapping[str, NounEntry]  # folded name ("sahyogkaijin") → row
    sources: tuple[Source, ...]
    name_starts: frozenset[str] = frozenset()  # first word of each name, lowercased ("sahyog")

    def __len__(self) -> int:
        return len(self.entries)


def _fold(text: str) -> str:
    return re.sub(r"[\s\-]", "", text.lower())


def read_noun_entries(source: Source, codebook: Codebook) -> list[NounEntry]:
    out = []
    for lineno, r in rows(source, NOUN_COLUMNS, required=("id", "code", "noun")):
        where = f"{source.name}:{lineno}"
        if r["code"] not in codebook:
            raise DictionaryError(f"{where}: {r['code']!r} is not a CAMEO code in the codebook")
        flags = frozenset(f.strip() for f in r["flags"].split(",") if f.strip())
        if flags - NOUN_FLAGS:
            raise DictionaryError(f"{where}: unknown flags {sorted(flags - NOUN_FLAGS)}; allowed {sorted(NOUN_FLAGS)}")
        preps = {}
        for col in ("source", "target"):
            preps[col] = tuple(p.strip().lower() for p in r[col].split("|") if p.strip())
            bad = [p for p in preps[col] if p not in PREPOSITIONS]
            if bad:
                raise DictionaryError(f"{where}: {col} {bad} are not prepositions")
        alternatives = [a.strip() for a in r["noun"].split("|") if a.strip()]
        actors = tuple(a.strip() for a in r["actors"].split("|") if a.strip())
        if "named" in flags:
            if len([a for a in actors if not a.endswith("*")]) < 1 or len(actors) < 2:
                raise DictionaryError(f"{where}: a named row needs at least two parties in 'actors' (one without '*')")
            bad = [a for a in actors if not _ACTOR_CODE.fullmatch(a)]
            if bad:
                raise DictionaryError(f"{where}: actors {bad} are not CAMEO actor codes (e.g. INDMIL, JPN*)")
            nouns = tuple(ObjectSpec(head=a) for a in alternatives)
        else:
            if actors:
                raise DictionaryError(f"{where}: 'actors' is only for rows flagged named")
            if "needs_context" in flags:
                raise DictionaryError(f"{where}: needs_context is only for rows flagged named")
            if not preps["target"] and "reciprocal" not in flags:
                raise DictionaryError(f"{where}: a row that is not reciprocal needs target prepositions")
            nouns = tuple(ObjectSpec.parse(a, where) for a in alternatives)
            if any(n.prep for n in nouns):
                raise DictionaryError(f"{where}: a noun alternative cannot start with a preposition")
        out.append(NounEntry(r["id"], r["code"], nouns, preps["source"], preps["target"], flags, actors, r["example"], where))
    return out


def build_noun_dictionary(sources: Sequence[Source], codebook: Codebook | None = None) -> NounDictionary:
    """Later files replace earlier rows with the same id; ids must be unique within a file."""
    codebook = codebook or load_codebook()
    by_id: dict[str, NounEntry] = {}
    for source in sources:
        local: dict[str, str] = {}
        for entry in read_noun_entries(source, codebook):
            if entry.id in local:
                raise DictionaryError(f"{entry.origin}: duplicate noun id {entry.id!r} (first at {local[entry.id]})")
            local[entry.id] = entry.origin
            by_id.pop(entry.id, None)
            by_id[entry.id] = entry
    entries = tuple(by_id.values())
    heads: dict[str, list[tuple[NounEntry, ObjectSpec]]] = {}
    names: dict[str, NounEntry] = {}
    for e in entries:
        for spec in e.nouns:
            if "named" in e.flags:
                names[_fold(spec.head)] = e
            else:
                heads.setdefault(spec.head, []).append((e, spec))
    # within a noun, alternatives with modifiers first (more specific), then file order
    ordered = {k: tuple(sorted(v, key=lambda es: -len(es[1].modifiers))) for k, v in heads.items()}
    starts = frozenset(re.split(r"[\s\-]+", spec.head.lower())[0] for e in entries if "named" in e.flags for spec in e.nouns)
    return NounDictionary(entries, MappingProxyType(ordered), MappingProxyType(names), tuple(sources), starts)


@lru_cache(maxsize=8)
def _load_cached(extra: tuple[str, ...]) -> NounDictionary:
    return build_noun_dictionary([packaged(NOUN_FILE), *(user_file(p) for p in extra)])


def load_nouns(extra: Sequence[str | Path] = ()) -> NounDictionary:
    """The packaged event nouns with user TSV files layered on top."""
    return _load_cached(tuple(str(Path(p).resolve()) for p in extra))


def nouns_for(verbs: VerbDictionary) -> NounDictionary | None:
    """The packaged event nouns go with the packaged verb patterns; a coder running imported
    dictionaries alone (PETRARCH's) brings its own vocabulary and codes no nouns."""
    return load_nouns() if verbs.sources and verbs.sources[0].name == VERB_FILE else None


def event_words(nouns: NounDictionary | None) -> frozenset[str]:
    """The first word of each named event, lowercased: a sentence holding one can yield an event
    without any actor mention ("JIMEX began off Visakhapatnam"), so the pre-scan keeps it."""
    return nouns.name_starts if nouns is not None else frozenset()


def noun_sources(coder: object) -> tuple[Source, ...]:
    """The noun files an :class:`~eventcode.pipeline.EventCoder` codes with, for provenance hashes."""
    nouns = getattr(getattr(coder, "coder", None), "nouns", None)
    return nouns.sources if nouns is not None else ()


# ---------------------------------------------------------------------- coding


@dataclass(frozen=True)
class NominalContext:
    """What the sentence coder lends this module: actor resolution bound to the article so far."""

    actors_of: Callable[[Token, dt.date | None], list[Actor]]  # a noun phrase's actors, coordination expanded
    actor_at: Callable[[int, dt.date | None], Actor | None]  # the actor of the mention at a token
    date_for: Callable[[Token, str], EventDate]  # the date of the clause a token sits in, for a mood
    pub: dt.date | None
    is_actor_word: Callable[[int], bool] = lambda i: False  # a dictionary mention (name or role noun) covers the token
    country_named: Callable[[str, dt.date | None], str] = lambda text, day: ""  # country of a name as written ("Japan", "U.S.")
    dyad: Callable[[int], tuple[Actor, Actor] | None] = lambda i: None  # the story's pair of countries before token i
    place_host: Callable[[Token, list[Actor]], Actor | None] = lambda tok, actors: None  # a visit's host from a place it went to
    partners: Callable[[], tuple[Actor, Actor] | None] = lambda: None  # the pair of the story's last cooperative exchange, before this sentence


def code_nouns(nouns: NounDictionary, sent: Span, coded: Sequence[dict], ctx: NominalContext) -> Iterator[dict]:
    """Event dicts (the coder's ``Event`` fields) for the event nouns of one sentence that the
    verb events ``coded`` do not already cover."""
    taken = _taken(coded)
    used_words = {w for ev in coded for w in ev.get("verb_text", "").lower().split()}
    seen: set[tuple[str, str, str]] = set()
    for ev in itertools.chain(_common_nouns(nouns, sent, ctx, used_words), _named_events(nouns, sent, ctx)):
        src, tgt = ev["source"], ev["target"]
        if not _party(src) or not _party(tgt) or _party(src) == _party(tgt):
            continue
        if _roots(ev["cameo_code"], ev["mood"]) & taken.get((_party(src), _party(tgt)), set()):
            continue
        key = (src.code, tgt.code, ev["cameo_code"])
        if key in seen:
            continue
        seen.add(key)
        yield ev


def _party(actor: Actor) -> str:
    """A country, or an international organisation as itself ("the EU"); "" for a role of no country."""
    return actor.country or (actor.code if actor.code.startswith("IGO") else "")


def _root(code: str) -> str:
    """The root, with a visit or hosting (042/043) kept apart from a meeting: "flew to Tokyo
    after his talks with Kishida" reports both."""
    return "04v" if code[:3] in ("042", "043") else code[:2]


def _roots(code: str, mood: str, intended_code: str = "") -> set[str]:
    out = {_root(code)}
    if intended_code:
        out.add(_root(intended_code))
    if mood == "intended":  # what the central intent mapping may turn it into
        out.add("03" if code[:2] < "10" else "13")
    return out


def _taken(coded: Sequence[dict]) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for ev in coded:
        pair = (_party(ev["source"]), _party(ev["target"]))
        out.setdefault(pair, set()).update(_roots(ev["cameo_code"], ev.get("mood", ""), ev.get("intended_code", "")))
    return out


def _words(tok: Token) -> set[str]:
    return {tok.lemma_.lower(), tok.lower_}


def _match(nouns: NounDictionary, h: Token) -> list[tuple[NounEntry, ObjectSpec]]:
    found = []
    mods: set[str] | None = None
    for word in _words(h):
        for entry, spec in nouns.by_head.get(word, ()):
            if spec.modifiers:
                if mods is None:
                    # left modifiers ("fire exchange"), or the head of an of-phrase ("exchange of fire")
                    mods = {w for c in h.children if c.i < h.i for w in _words(c)}
                    mods |= {w for c in h.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj" for w in _words(p)}
                if not all(m in mods for m in spec.modifiers):
                    continue
            if (entry, spec) not in found:
                found.append((entry, spec))
    return sorted(found, key=lambda es: -len(es[1].modifiers))


def _common_nouns(nouns: NounDictionary, sent: Span, ctx: NominalContext, used_words: set[str]) -> Iterator[dict]:
    for h in sent:
        if h.pos_ not in ("NOUN", "PROPN") or h.dep_ in ("compound",) and h.head.pos_ in ("NOUN", "PROPN"):
            continue
        candidates = _match(nouns, h)
        if not candidates:
            continue
        if h.lower_ in used_words and _governor(h) is not None and _governor(h).lower_ in used_words and repeller(h) is None:
            continue  # the verb event that fired on this noun ("held talks", "lifted sanctions") covers it; a repelled attack is the attacker's own
        halted = _halted(h)
        state = halted or _mood(h, held=any(e.code.startswith("04") for e, _ in candidates))
        if state is None:
            continue
        mood, negated = state
        date = _own_date(h, ctx, mood) or ctx.date_for(h, mood)
        mood = _not_yet(mood, date, ctx.pub)
        day = dates.reference_day(date, ctx.pub)
        for entry, spec in candidates:
            pairs = role_pairs(entry, h, ctx, day)
            if not pairs:
                continue
            text = " ".join(t.text for t in sorted((*(c for c in h.children if c.i < h.i and c.dep_ in ("compound", "amod")), h), key=lambda t: t.i))
            if halted and entry.reciprocal and entry.code[:2] == "04":
                # "talks between A and B broke down / were suspended": each halts them (CAMEO 164);
                # not a visit, which is called off (160, the verb coder's)
                entry = replace(entry, id=f"{entry.id}-halted", code=_HALT_NEGOTIATIONS)
            elif halted:
                continue
            for src, tgt in pairs:
                yield _event(entry, src, tgt, text, sent, date, mood, negated, h, ctx.pub)
            break


def _event(entry: NounEntry, src: Actor, tgt: Actor, text: str, sent: Span, date: EventDate, mood: str, negated: bool, head: Token, pub: dt.date | None) -> dict:
    from .syntax import _clause_verb

    return background.apply({
        "source": src,
        "target": tgt,
        "cameo_code": entry.code,
        "rule": f"noun:{entry.id}",
        "verb_text": text,
        "sentence": sent.text.strip(),
        "date": date,
        "negated": negated,
        "mood": mood,
        "notes": ("nominal event",),
    }, _clause_verb(head), pub)


def _governor(h: Token) -> Token | None:
    """The verb the noun is an argument of, directly or through one preposition."""
    t = h
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr", "oprd") and t.head.pos_ in ("VERB", "AUX"):
        return t.head
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent") and t.head.head.pos_ in ("VERB", "AUX"):
        return t.head.head
    return None


def _halted(h: Token) -> tuple[str, bool] | None:
    """(mood, negated) when the clause says talks stopped with no one named as stopping them:
    the noun is the subject of a verb of breaking down ("the negotiations stalled") or of an
    agentless passive of halting ("the talks were suspended"); else None."""
    from .mood import negation_and_mood

    verb = h.head
    if h.dep_ == "nsubj" and verb.pos_ == "VERB" and (verb.lemma_.lower() in _BREAKING_DOWN or verb.lemma_.lower() == "break" and any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)):
        pass
    elif h.dep_ == "nsubjpass" and verb.lemma_.lower() in _HALTING and not any(c.dep_ == "agent" for c in verb.children):
        if verb.lemma_.lower() in ("break", "call") and not any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
            return None
    else:
        return None
    negated, mood = negation_and_mood(verb, None)
    return mood, negated


def _mood(h: Token, held: bool = False) -> tuple[str, bool] | None:
    """(mood, negated) of the event a noun names, or None when the context says it did not
    take place or is someone else's wish ("called off the summit", "urged talks"). ``held``:
    the noun names a meeting or visit, which ending or concluding shows was held."""
    from .mood import negation_and_mood  # the verb coder's own reading, for the governing verb

    lefts = {w for c in h.children if c.i < h.i for w in _words(c)}
    if lefts & _SPECULATIVE_MODIFIERS:
        return "modal", False
    if lefts & _PLAN_MODIFIERS:
        # "the next summit", unless the clause it is named in is a guess ("measures are likely to
        # be announced at the next meeting")
        verb = _governor(h)
        return ("modal" if verb is not None and negation_and_mood(verb, None)[1] == "modal" else "intended"), False
    # "talks …, scheduled for Friday", also on the phrase's head noun ("two rounds of talks, …")
    framing = [h, h.head.head] if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.pos_ == "NOUN" else [h]
    if any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _SCHEDULING for f in framing for c in f.children):
        return "intended", False
    if any(c.dep_ == "det" and c.lower_ == "no" for c in h.children):
        return None
    t = h
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        prep = t.head.lower_
        if prep in _PENDING_PREPS or t.head.head.lower_ in ("ahead", "prior"):
            if prep == "for" and _governor(h) is not None and _governor(h).lemma_.lower() in MOTION:
                return "asserted", False  # "arrived in Tokyo for talks with Abe"
            if prep in ("before", "ahead", "prior") or t.head.head.lower_ in ("ahead", "prior"):
                return "intended", False
    verb = _governor(h)
    if verb is None:
        return "asserted", False
    if t.dep_ == "pobj" and t.head.lower_ in _ASSERTING_PREPS - {"in", "on"}:
        # "agreed to deepen ties during a call": the frame happened when the main clause did,
        # whatever that clause says of its own act (an intent, a refusal)
        top = verb
        while top.dep_ in ("xcomp", "conj") and top.head.i != top.i:
            top = top.head
        return negation_and_mood(top, None)[1], False
    lemma = verb.lemma_.lower()
    # what the governing verb does to the event ("cancelled the talks", "the talks were cancelled",
    # "called for talks"), not the verb of a clause the event only frames ("during the talks")
    as_object = t.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd") or t.dep_ == "pobj" and t.head.lower_ in ("for", "to", "on", "into", "of", "off")
    if held and lemma in CONCLUDING:
        return negation_and_mood(verb, None)[1], False  # "ended a three-day visit to Hanoi"
    if lemma in _RESPONDING and not any(c.dep_ == "prt" for c in verb.children):
        # "will rule on Chile's objections": they have been made ("ruled out talks" is no answer);
        # "will respond to any attack": none has been
        return None if any(c.lower_ in ("any", "every", "future") for c in h.children if c.i < h.i) else ("asserted", False)
    if as_object and lemma in _CANCELLING | _THIRD_PARTY:
        return None
    negated, mood = negation_and_mood(verb, h if t.dep_ in ("dobj", "obj") else None)
    if as_object and lemma in _INTENDING and not (lemma == "set" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)):
        return "intended", negated  # "set a date for talks"; "set out its complaint" states it
    if t.dep_ in ("nsubj", "nsubjpass") and mood in ("modal", "intended"):
        return "intended", negated  # "the talks will cover trade": not yet held
    return mood, negated


_AHEAD = re.compile(r"\b(?:next|later this|coming|upcoming)\b", re.I)


def _not_yet(mood: str, date: EventDate, pub: dt.date | None) -> str:
    """An event the story dates after its own publication ("Abe's visit next week", "a visit
    later this month") has not been held: what is asserted of it is a plan."""
    if mood != "asserted":
        return mood
    if date.date is not None and pub is not None and date.date > pub or _AHEAD.search(date.text or ""):
        return "intended"
    return mood


def _own_date(h: Token, ctx: NominalContext, mood: str = "asserted") -> EventDate | None:
    """A date written in the noun's own phrase: "the 2018 summit", "Tuesday's talks"; read
    forward for a planned event ("the planned visit in December", written in September)."""
    sub = list(h.subtree)
    lo, hi = sub[0].i, sub[-1].i
    clauses = {c.i for c in h.children if c.dep_ in ("acl", "relcl")}  # "the dialogue, held on Monday"
    for ent in h.doc.ents:
        if ent.label_ != "DATE" or not (lo <= ent.start and ent.end - 1 <= hi):
            continue
        up = ent.root.head
        while up.head.i != up.i and up.i not in clauses and up.i != h.i and up.pos_ not in ("VERB", "NOUN", "PROPN"):
            up = up.head  # through prepositions: "on Monday"
        if up.i == h.i or up.i in clauses:
            found = dates.resolve(ent.text, ctx.pub, "future" if mood == "intended" else "past")
            if found is not None:
                return found
    return None


def _named_events(nouns: NounDictionary, sent: Span, ctx: NominalContext) -> Iterator[dict]:
    if not nouns.names:
        return
    toks = list(sent)
    starts = nouns.name_starts
    for k, tok in enumerate(toks):
        if tok.lower_ not in starts:
            continue
        folded = ""
        for j in range(k, min(k + 5, len(toks))):
            part = toks[j].text
            if part == "-" and j > k:
                continue
            folded += _fold(part)
            entry = nouns.names.get(folded)
            if entry is None:
                continue
            last = toks[j]
            if "needs_context" in entry.flags and not _exercise_context(tok, last):
                continue
            head = last
            while head.dep_ in ("compound", "flat", "amod", "nmod", "appos") and head.head.i != head.i and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
                head = head.head
            state = _mood(head, held=entry.code.startswith("04"))
            if state is None:
                continue
            mood, negated = state
            date = _own_date(head, ctx, mood) or ctx.date_for(head, mood)
            mood = _not_yet(mood, date, ctx.pub)
            named_here = {a.country for i in range(sent.start, sent.end) if (a := ctx.actor_at(i, dates.reference_day(date, ctx.pub))) is not None}
            parties = []
            for code in entry.actors:
                optional = code.endswith("*")
                code = code.rstrip("*")
                if optional and code[:3] not in named_here:
                    continue
                parties.append(Actor(code=code, country=code[:3], sector=code[3:6], text=sent.doc[k : j + 1].text, start=tok.i, end=last.i + 1, rule=f"noun:{entry.id}", path="named"))
            text = sent.doc[k : j + 1].text
            for src, tgt in itertools.permutations(parties, 2):
                yield _event(entry, src, tgt, text, sent, date, mood, negated, head, ctx.pub)
            break


def _exercise_context(first: Token, last: Token) -> bool:
    """A name that is also a place ("Malabar") names the exercise only beside an exercise noun,
    a number or year, or as the object of a verb."""
    near = [t for t in first.doc[max(first.i - 2, 0) : min(last.i + 3, len(first.doc))]]
    if any(t.lemma_.lower() in _EXERCISE_WORDS for t in near):
        return True
    nxt = last.i + 1 < len(last.doc) and last.doc[last.i + 1]
    return bool(nxt and nxt.like_num) or last.dep_ in ("dobj", "pobj") and last.head.lemma_.lower() in ("join", "hold", "conduct", "in")
