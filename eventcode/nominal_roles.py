"""Who takes part in an event noun: the parties of "Japan's sanctions on India", "talks between
India and Japan", "Modi arrived in Tokyo for talks with Abe".

:mod:`eventcode.nominal` finds the event nouns and reads their mood and date; finding their
parties is a parse walk of its own, kept here. Roles come first from inside the noun phrase: the
possessor ("Japan's"; "his", "their" the clause's subject), country-naming modifiers ("Japanese",
"India-Japan", "Sino-Soviet"), the prepositions a row names ("by", "to", "with", "against", "on")
and "between A and B" for reciprocal nouns. Where the phrase names too few, the clause lends
them: its subject takes part in a meeting or visit it frames, repels an attack or builds with aid;
"their talks" and "The talks …" are the story's pair; a visit's host is the place it went to.
Each role's ``Actor.path`` says where it was found (``possessor``, ``modifier``, ``prep``,
``between``, ``subject`` or ``context``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .nominal import NominalContext, NounEntry


#: Verbs whose object meeting or visit took place: "ended / concluded / wrapped up a visit"
#: (their subject took part in it; :mod:`eventcode.nominal` reads it as held).
CONCLUDING = {"end", "conclude", "complete", "finish", "wrap"}
_BEGINNING = {"begin", "start", "open", "continue", "resume"}
#: Verbs of going: whoever "arrived in Tokyo for talks" takes part in them (and they were held).
MOTION = {"arrive", "come", "go", "travel", "fly", "head", "leave", "reach", "land", "depart", "return"}
_LEAVING = {"leave", "depart", "quit"}
#: Dependencies of the words left of an event noun in its own phrase, where modifiers name parties.
_MOD_DEPS = {"compound", "amod", "nmod", "npadvmod", "nummod", "punct", "cc", "conj", "appos", "flat", "hmod", "hyph", "quantmod", "det", "poss", "case"}


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


def role_pairs(entry: NounEntry, h: Token, ctx: NominalContext, day: dt.date | None) -> list[tuple[Actor, Actor]]:
    """(source, target) pairs of the event noun ``h`` matched by ``entry``, each way for a
    reciprocal noun; [] when the sentence names too few parties."""
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
    if not sources and (targets or between or entry.reciprocal or entry.code == "042") and (entry.code.startswith("04") or entry.reciprocal and entry.code.startswith("19") and targets):
        # a meeting or visit the clause's subject takes part in: "Modi arrived in Tokyo *for* talks
        # with Abe", "Suga raised concerns *in* a phone call with Modi", "Vajpayee landed in
        # Osaka *at the start of* an official visit to Japan"; so is a clash with a named side
        # ("returned to base after clashes with Chinese soldiers")
        subject = _participant(h)
        if subject is not None:
            sources = [a for a in _with_path(ctx.actors_of(subject, day), "subject") if all(a.country != t.country for t in targets + between)]
    if sources and not targets and not entry.reciprocal:
        # "Iraqi forces crushed a new Iranian offensive": the attack was made on its repeller;
        # "Zambia is building dams with Canadian aid": the aid goes to who builds with it
        party = (repeller(h) or _targeted(h)) if entry.code[:2] == "19" else _aided(h) if entry.code[:2] == "07" else None
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
    if h.dep_ in ("dobj", "obj") and h.head.lemma_.lower() in CONCLUDING | _BEGINNING:
        framed: tuple[Token, Token] | None = (h, h.head)  # "began / ended a visit to Hanoi"
    else:
        framed = _framing_verb(h)
    if framed is None:
        return None
    prep, host = framed
    if prep.lower_ == "for" and host.lemma_.lower() not in MOTION and not _present_at(host):
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


def repeller(h: Token) -> Token | None:
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
