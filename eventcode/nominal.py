"""Events carried by nouns: "the India-Japan talks", "Japan's sanctions on India", "JIMEX".

News names many events with a noun instead of a verb ("after the summit between Modi and
Abe", "Modi's visit to Japan", "the signing of the ACSA"). The noun dictionary
(``resources/nouns.tsv``) lists such nouns with their CAMEO code and the prepositions that carry
the roles; this module finds them in a parsed sentence and builds events the way the verb coder
does, after it, so that what a verb already coded is not coded twice.

Roles come from inside the noun phrase only: the possessor ("Japan's"), country-naming
modifiers ("Japanese", "India-Japan"), the prepositions a row names ("by", "to", "with",
"against", "on") and "between A and B" for reciprocal nouns. Named events (JIMEX, Malabar …) take
their parties from the dictionary. Each event's ``rule`` is ``noun:<row id>`` and each role's
``Actor.path`` says where it was found (``possessor``, ``modifier``, ``prep``, ``between`` or
``named``).

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
#: Verbs whose object meeting or visit took place: "ended / concluded / wrapped up a visit".
_CONCLUDING = {"end", "conclude", "complete", "finish", "wrap"}
_BEGINNING = {"begin", "start", "open", "continue", "resume"}
_INTENDING = {
    "plan", "propose", "seek", "want", "schedule", "prepare", "agree", "decide", "announce", "expect", "hope",
    "consider", "offer", "promise", "pledge", "suggest", "intend", "aim", "set", "await", "eye", "explore",
}
#: Verbs that judge or answer an event already made ("rule on the complaint", "respond to the
#: criticism"): the event is asserted whatever the verb's own mood.
_ANSWERING = {"rule", "hear", "adjudicate", "examine", "investigate", "review", "respond", "reply", "react", "answer"}
#: "talks scheduled for Friday", "the summit set for May": a participle that puts the event ahead.
_SCHEDULING = {"schedule", "slate", "plan", "set", "due", "propose"}
_THIRD_PARTY = {"urge", "demand", "appeal", "press", "push", "encourage", "support", "back", "favour", "favor", "request", "seek"}
#: Verbs of talks coming to a halt on their own ("the negotiations stalled"), and of halting them
#: ("the talks were suspended", "broken off", "called off"): CAMEO 164, halt negotiations.
_BREAKING_DOWN = {"stall", "collapse", "falter", "founder", "deadlock", "flounder"}
_HALTING = {"suspend", "halt", "freeze", "stop", "scrap", "abandon", "shelve", "terminate", "break", "call"}
_HALT_NEGOTIATIONS = "164"
_LEAVING = {"leave", "depart", "quit"}
_MOTION = {"arrive", "come", "go", "travel", "fly", "head", "leave", "reach", "land", "depart", "return"}
_EXERCISE_WORDS = {"exercise", "drill", "wargame", "manoeuvre", "maneuver", "edition", "series", "game"}
_MOD_DEPS = {"compound", "amod", "nmod", "npadvmod", "nummod", "punct", "cc", "conj", "appos", "flat", "hmod", "hyph", "quantmod", "det", "poss", "case"}


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
        if h.lower_ in used_words and _governor(h) is not None and _governor(h).lower_ in used_words and _repeller(h) is None:
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
            pairs = _pairs(entry, h, ctx, day)
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


def _with_path(actors: list[Actor], path: str) -> list[Actor]:
    return [replace(a, path=path) for a in actors]


def _prep_objects(h: Token, preps: Sequence[str]) -> Iterator[tuple[str, Token]]:
    for prep in preps:
        for c in h.children:
            if c.dep_ in ("prep", "agent") and c.lower_ == prep:
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        yield prep, p
            elif prep == "for" and c.dep_ in ("advcl", "acl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                # "calls for Taiwan to open its market": the subject of the for-to clause
                for p in c.children:
                    if p.dep_ == "nsubj":
                        yield prep, p


def _modifier_actors(h: Token, ctx: NominalContext, day: dt.date | None) -> tuple[list[Actor], list[Actor]]:
    """(possessor actors, other modifier actors) in the words left of the noun in its phrase."""
    possessors: list[Actor] = []
    for c in h.children:
        if c.dep_ != "poss":
            continue
        if c.tag_ != "PRP$":
            possessors.extend(_with_path(ctx.actors_of(c, day), "possessor"))
        elif c.lower_ in ("his", "her", "their", "its") and (subject := _clause_subject(h)) is not None:
            # "after his meeting with Abe, Modi left": the clause's subject is the one it speaks of
            possessors.extend(_with_path(ctx.actors_of(subject, day), "possessor"))
            if c.lower_ == "their":  # "Koizumi told Vajpayee during their talks": the two of them
                for o in (o for o in subject.head.children if o.dep_ in ("dobj", "dative") and o.i < h.i):
                    possessors.extend(a for a in _with_path(ctx.actors_of(o, day), "possessor") if all(a.country != p.country for p in possessors))
        if c.tag_ == "PRP$" and c.lower_ in ("his", "her") and not possessors:
            # "support for Thatcher rose after her trip": the person last named, when the clause's
            # subject is none
            possessors.extend(_with_path(ctx.actors_of(c, day), "possessor"))
    poss_tokens = {t.i for c in h.children if c.dep_ == "poss" for t in c.subtree}
    stack = [c for c in h.children if c.i < h.i and c.dep_ in _MOD_DEPS and c.dep_ != "poss"]
    tokens = []
    while stack:
        t = stack.pop()
        tokens.append(t)
        # "dep": the parser's shrug at a token it cannot place ("The U.S.-Japan trade talks")
        stack.extend(c for c in t.children if c.i < h.i and (c.dep_ in _MOD_DEPS or c.dep_ == "dep") and c.dep_ != "poss")
    mods: list[Actor] = []
    for t in sorted(tokens, key=lambda t: t.i):
        if t.i in poss_tokens:
            continue
        a = ctx.actor_at(t.i, day)
        if a is None and _COMBINING.get(t.lower_) and t.i + 2 < len(t.doc) and t.doc[t.i + 1].text == "-" and ctx.actor_at(t.i + 2, day) is not None:
            # "Sino-Soviet", "Indo-Japanese" split by the tokenizer: the combining form names a country
            # only beside another country's name ("Indo-Pacific" names none)
            a = Actor(code=_COMBINING[t.lower_], country=_COMBINING[t.lower_], text=t.text, start=t.i, end=t.i + 1, rule=f"combining<{t.text}>")
        found = [a] if a is not None else _hyphenated(t, ctx, day)
        mods.extend(replace(x, path="modifier") for x in found if x.country and all(x.country != m.country for m in mods))
    return possessors, mods


#: Combining forms of country names in hyphenated pairs ("Sino-Indian", "Indo-Japanese").
_COMBINING = {"sino": "CHN", "indo": "IND", "russo": "RUS", "anglo": "GBR", "franco": "FRA", "nippo": "JPN", "japano": "JPN", "afro": ""}


def _hyphenated(t: Token, ctx: NominalContext, day: dt.date | None) -> list[Actor]:
    """A pair of countries written as one token ("U.S.-Japan", "Sino-Soviet", "Indo-Japanese"):
    each part must name a different country, or the token names none ("Indo-Pacific")."""
    if "-" not in t.text or t.text.startswith("-"):
        return []
    parts = [p for p in t.text.split("-") if p]
    countries = [_COMBINING.get(p.lower()) or ctx.country_named(p, day) for p in parts]
    if len(parts) < 2 or not all(countries) or len(set(countries)) != len(countries):
        return []
    return [Actor(code=c, country=c, text=t.text, start=t.i, end=t.i + 1, rule=f"hyphenated<{p}>") for c, p in zip(countries, parts)]


def _pairs(entry: NounEntry, h: Token, ctx: NominalContext, day: dt.date | None) -> list[tuple[Actor, Actor]]:
    heads = [h]
    if "event_of" in entry.flags:  # "the signing of the India-Japan pact": the agreement's own words
        heads += [p for _, p in _prep_objects(h, ("of",))]
        # "the imposition by Norway of tariffs on …": the parser hangs the of-phrase on the agent
        heads += [p for _, q in _prep_objects(h, entry.source_preps) for _, p in _prep_objects(q, ("of",))]
    sources: list[Actor] = []
    targets: list[Actor] = []
    between: list[Actor] = []
    for head in heads:
        possessors, mods = _modifier_actors(head, ctx, day)
        sources += [a for a in possessors + mods if all(a.country != s.country for s in sources)]
        by = list(_prep_objects(head, entry.source_preps))
        for prep, p in by:
            sources += [a for a in _with_path(ctx.actors_of(p, day), "prep") if all(a.country != s.country for s in sources)]
        # "protests by students *against Japan*": the parser hangs the target on the agent
        for prep, p in [*_prep_objects(head, entry.target_preps), *(x for _, q in by for x in _prep_objects(q, entry.target_preps)), *_verb_hung(head, entry)]:
            if "target_named" in entry.flags and not _names_actor(p, ctx, day, verbal=entry.code[:2] < "15"):
                continue
            among = prep in ("between", "among", "amongst")  # every party acts on every other
            found = _with_path(ctx.actors_of(p, day), "between" if among else "prep")
            (between if among else targets).extend(a for a in found if a not in targets and a not in between)
    if entry.reciprocal and not sources and not targets and not between:
        # "the second meeting of the Kenya-Uganda joint commission": a sitting of a body of two
        # parties is a meeting between them
        for _, body in _prep_objects(h, ("of",)):
            if _singular_lemma(body) in _JOINT_BODIES:
                members = _modifier_actors(body, ctx, day)[1]
                if len({a.country for a in members}) >= 2:
                    return list(itertools.permutations(members, 2))
    if entry.reciprocal and not targets and len(between) < 2 and len({a.country for a in sources}) < 2 and (_their(h) or not sources and _the_story_s(h)):
        # "during their talks": the two parties the story is about, when the words name one at
        # most; "The talks …": the two of its last cooperative exchange (not the adversary a
        # minister condemned at them)
        pair = ctx.dyad(h.i) if _their(h) else ctx.partners()
        if pair is not None and all(a.country in (pair[0].country, pair[1].country) for a in sources + between):
            return [(replace(a, path="context"), replace(b, path="context")) for a, b in (pair, pair[::-1])]
    if not sources and (targets or between or entry.reciprocal or entry.code == "042") and entry.code.startswith("04"):
        # a meeting or visit the clause's subject takes part in: "Modi arrived in Tokyo *for* talks
        # with Abe", "Suga raised concerns *in* a phone call with Modi", "Vajpayee landed in
        # Osaka *at the start of* an official visit to Japan"
        subject = _participant(h)
        if subject is not None:
            sources = [a for a in _with_path(ctx.actors_of(subject, day), "subject") if all(a.country != t.country for t in targets + between)]
    if sources and not targets and not entry.reciprocal:
        # "Iraqi forces crushed a new Iranian offensive": the attack was made on its repeller;
        # "Zambia is building dams with Canadian aid": the aid goes to who builds with it
        party = (_repeller(h) or _targeted(h)) if entry.code[:2] == "19" else _aided(h) if entry.code[:2] == "07" else None
        if party is not None:
            targets = [a for a in _with_path(ctx.actors_of(party, day), "subject") if all(a.country != s.country for s in sources)]
    if entry.code == "042" and sources and not targets:
        # "Abe's two-day visit to Gujarat": a place, not an actor, names where the visit went; so
        # does the place its visitor leaves at its end ("left Hanoi after a three-day visit")
        framed = _framing_verb(h)
        left = [c for c in framed[1].children if c.dep_ == "dobj"] if framed is not None and framed[0].lower_ in ("at", "after", "following", "on", "upon") and framed[1].lemma_.lower() in _LEAVING else []
        for p in [p for _, p in _prep_objects(h, ("to",))] + left:
            host = ctx.place_host(p, sources)
            if host is not None and all(a.country != host.country for a in sources):
                targets.append(host)
                break
    if entry.reciprocal:
        if len(between) >= 2:
            return list(itertools.permutations(between, 2))
        others = targets or between
        if sources and others:
            pairs = [(s, t) for s in sources for t in others if s.country != t.country]
            return pairs + [(t, s) for s, t in pairs]
        if len({a.country for a in sources}) >= 2:
            return list(itertools.permutations(sources, 2))
        return []
    if sources and targets:
        return [(s, t) for s in sources for t in targets]
    return []


def _verb_hung(h: Token, entry: NounEntry) -> Iterator[tuple[str, Token]]:
    """Target phrases the parser hangs on the verb whose prepositional object the noun is
    ("ruled on objections by Chile *to Peru's tax*"): only after the noun, only for a
    one-way noun whose target must name a party, and only when the noun has none of its own."""
    if entry.reciprocal or "target_named" not in entry.flags or h.dep_ != "pobj" or h.head.dep_ != "prep":
        return
    if any(True for _ in _prep_objects(h, entry.target_preps)):
        return
    verb = h.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return
    for c in verb.children:
        if c.dep_ == "prep" and c.i > h.i and c.lower_ in entry.target_preps:
            yield from ((c.lower_, p) for p in c.children if p.dep_ == "pobj")


#: Heads of a target phrase that make an "attack" or "sanctions" verbal or figurative: "an
#: attack on the Indian proposal" is criticism, a verb pattern's business.
_VERBAL_HEADS = {
    "policy", "proposal", "plan", "decision", "remark", "comment", "statement", "stance", "position", "idea", "bill",
    "law", "budget", "move", "report", "forecast", "view", "claim", "record", "credibility", "reputation", "strategy",
    "approach", "handling", "leadership", "government's", "speech", "deal", "agreement", "rule", "reform",
}


#: Bodies two parties form, whose sitting is a meeting of both ("the India-Japan joint committee").
_JOINT_BODIES = {"commission", "committee", "group", "council", "forum", "board", "panel", "mechanism", "taskforce", "dialogue"}
#: Nouns through whose of-phrase an event noun still hangs on the clause ("at the start of a visit").
_FRAME_NOUNS = {"start", "beginning", "end", "course", "part", "round", "day", "sideline", "margin", "conclusion", "eve", "wake", "close", "opening", "session"}
#: Prepositions that make the clause's subject a participant of the event noun they govern.
_TAKING_PART = {"in", "during", "at", "after", "following", "before", "ahead", "on", "for"}


def _framing_verb(h: Token) -> tuple[Token, Token] | None:
    """(preposition, verb) through which an event noun hangs on a clause ("left Hanoi *at* the
    end of a visit", "arrived *for* talks"), frame nouns skipped; None when it hangs on none."""
    t = h
    for _ in range(3):
        if t.dep_ != "pobj" or t.head.dep_ != "prep":
            return None
        prep, host = t.head, t.head.head
        if prep.lower_ == "of" and _singular_lemma(host) in _FRAME_NOUNS:
            t = host
            continue
        if host.lower_ in ("ahead", "prior") and host.dep_ in ("advmod", "prep") and host.head.pos_ in ("VERB", "AUX"):
            host = host.head
        if prep.lower_ not in _TAKING_PART and host.lower_ not in ("ahead", "prior") or host.pos_ not in ("VERB", "AUX"):
            return None
        return prep, host
    return None


def _participant(h: Token) -> Token | None:
    """The subject of the clause an event noun hangs on through a preposition of taking part
    (``for`` only after a verb of motion), or None."""
    if h.dep_ in ("dobj", "obj") and h.head.lemma_.lower() in _CONCLUDING | _BEGINNING:
        framed: tuple[Token, Token] | None = (h, h.head)  # "began / ended a visit to Hanoi"
    else:
        framed = _framing_verb(h)
    if framed is None:
        return None
    prep, host = framed
    if prep.lower_ == "for" and host.lemma_.lower() not in _MOTION and not _present_at(host):
        return None
    for _ in range(3):  # "agreed to deepen ties during a call": the subject of the governing verb
        subject = next((c for c in host.children if c.dep_ == "nsubj"), None)
        if subject is None:  # "the pact was signed by A and B after talks with C": the passive's agent
            subject = next((p for a in host.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
        if subject is None and host.dep_ == "pcomp" and host.head.dep_ == "prep":
            host = host.head.head  # "spoke to the press before leaving Hanoi at the end of a visit"
            continue
        if subject is not None or host.dep_ not in ("xcomp", "conj", "advcl") or host.head.i == host.i:
            return subject
        host = host.head
    return None


def _present_at(verb: Token) -> bool:
    """"is in Washington for talks", "were in Hanoi for a visit": being at a place for an event is
    taking part in it, as going there for it is."""
    return verb.lemma_.lower() == "be" and any(c.dep_ == "prep" and c.lower_ in ("in", "at") for c in verb.children)


#: Verbs whose object is an attack made on their subject ("repelled the offensive").
_REPELLING = {"repel", "repulse", "crush", "rout", "smash", "defeat", "foil", "withstand", "resist", "counter", "break"}


def _repeller(h: Token) -> Token | None:
    """The subject of the verb that repels the attack ``h`` names ("beat back a raid" too)."""
    if h.dep_ not in ("dobj", "obj"):
        return None
    verb = h.head
    lemma = verb.lemma_.lower()
    phrasal = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if not (lemma in _REPELLING and not phrasal or lemma in ("beat", "fight", "fend", "push") and phrasal & {"back", "off"}):
        return None
    return _active_subject(verb)


def _targeted(h: Token) -> Token | None:
    """What is called the target or victim of the attack ``h`` names ("tankers, regular targets
    for Iranian attacks"; "villages have been targets of air strikes")."""
    if h.dep_ != "pobj" or h.head.lower_ not in ("for", "of") or h.head.head.lemma_.lower() not in ("target", "victim"):
        return None
    named = h.head.head
    if named.dep_ == "appos":
        return named.head
    if named.dep_ in ("attr", "oprd"):
        return next((c for c in named.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _aided(h: Token) -> Token | None:
    """The subject of the clause that acts *with* the aid ``h`` names ("built roads with Japanese aid")."""
    if h.dep_ != "pobj" or h.head.lower_ != "with":
        return None
    verb = h.head.head
    if verb.dep_ in ("dobj", "obj") and verb.pos_ == "NOUN":
        verb = verb.head  # "setting up a fund with Canadian aid": the parser hangs it on the object
    return _active_subject(verb) if verb.pos_ == "VERB" else None


def _active_subject(verb: Token) -> Token | None:
    """A verb's active subject, or the one it shares with the verb it is coordinated with
    ("forces killed … and crushed an offensive")."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or verb.dep_ != "conj" or verb.head.i == verb.i:
            return subject
        verb = verb.head
    return None


def _singular_lemma(t: Token) -> str:
    return t.lemma_.lower().removesuffix("s") if t.tag_ in ("NNS", "NNPS") else t.lemma_.lower()


def _names_actor(p: Token, ctx: NominalContext, day: dt.date | None, verbal: bool = False) -> bool:
    """The target phrase names an actor in its head or its own modifiers ("India", "Indian
    troops", "an Iranian oil platform"). Its head may be a policy, plan or remark only for a
    ``verbal`` act (roots 01-14: "criticism of India's plan"); an attack or sanctions on a
    plan are figurative."""
    from .syntax import _embedded_agents

    if not verbal and (p.lemma_.lower() in _VERBAL_HEADS or p.lower_ in _VERBAL_HEADS):
        return False
    if ctx.is_actor_word(p.i) or any(ctx.actor_at(t.i, day) is not None for t in (p, *(c for c in p.children if c.dep_ in ("compound", "amod", "poss", "nmod")))):
        return True
    # "objections to a fee imposed by the U.S.": the measure's author is the party aimed at
    return any(ctx.actor_at(a.i, day) is not None or ctx.is_actor_word(a.i) for a in _embedded_agents(p))


def _the_story_s(h: Token) -> bool:
    """"The talks …" opening a sentence: the definite subject of its main clause, with no
    party named, is the story's own event."""
    return h.dep_ == "nsubj" and h.head.dep_ == "ROOT" and h.i == h.sent.start + 1 and h.doc[h.i - 1].lower_ == "the"


def _their(h: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ == "their" for c in h.children)


def _clause_subject(h: Token) -> Token | None:
    """The subject of the clause a noun phrase sits in, when the noun is not part of it."""
    from .syntax import _clause_verb

    verb = _clause_verb(h)
    for _ in range(4):  # "following his talks with X": up from the participle to the clause that has a subject
        if verb is None:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:  # "the plan was endorsed by Modi and Ishiba at their summit"
            subject = next((p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
        if subject is not None:
            return None if subject.left_edge.i <= h.i <= subject.right_edge.i else subject
        verb = _clause_verb(verb) if verb.head.i != verb.i else None
    return None


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
            if prep == "for" and _governor(h) is not None and _governor(h).lemma_.lower() in _MOTION:
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
    if held and lemma in _CONCLUDING:
        return negation_and_mood(verb, None)[1], False  # "ended a three-day visit to Hanoi"
    if lemma in _ANSWERING and not any(c.dep_ == "prt" for c in verb.children):
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
