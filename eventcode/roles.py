"""Role finding: which actors a noun phrase denotes, and where a verb's target hides.

The coder (:mod:`eventcode.coder`) walks a sentence's verbs and asks this module who each
subject, object or prepositional object is: dictionary names, people (by full name, by a
title and surname, by a leader's bare surname), role nouns with or without a country
("protesters in Kosovo", "the minister"), coordinated and collective phrases ("U.S. and
Japanese negotiators", "both countries"), pronouns and counterparts resolved from the story so
far (:class:`ArticleContext`), and targets outside a pattern's own slots (inside the object
phrase, in a complement clause, or the first actor after the verb).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .actors import KIND_NAMED, KIND_PERSON, KIND_SECTOR, KIND_SHORT, ActorDictionary, Mention
from .conventions import PLACED_SECTORS, _domestic_rivals, _named, _with_sector
from .records import Actor
from .syntax import _complement_clauses, _embedded_agents, _is_collective, _members, _names_a_document, _np_head, _OBJ, _outside_verb_phrase, _partitive_of, _PASS_SUBJ, _phrase_tokens, _PRONOUN_TAGS, _reported_owner, _reported_speaker, _singular, _site_owners, _spoken_for, _SUBJ

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .coder import Coder
    from .fitting import _Fit

_COLLECTIVE = {
    "country", "nation", "side", "leader", "minister", "government", "premier", "neighbour",
    "neighbor", "partner", "delegation", "navy", "military", "army", "force", "state", "party",
    "democracy", "ally", "power", "capital", "counterpart", "official", "diplomat", "prime",
    "team", "economy", "chief", "head", "secretary", "envoy", "ambassador",
}
_FORMER = {"former", "ex", "ex-", "erstwhile", "then"}
_PLURAL_PRONOUNS = {"they", "them", "both"}
_SINGULAR_PERSON_PRONOUNS = {"he", "him", "she", "her"}
# words that put a person's office or honorific right before their surname
_TITLES = {
    "pm", "president", "premier", "minister", "chancellor", "secretary", "counterpart", "king", "emperor",
    "ambassador", "envoy", "governor", "senator", "sen.", "general", "gen.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.",
    "dr", "dr.", "shri", "smt", "smt.", "san", "chief", "leader", "speaker", "spokesman", "spokesperson", "commander",
    "admiral", "marshal", "prince", "queen", "emir", "sheikh", "chairman", "chairperson", "mayor",
}
#: Offices whose holder the news names by bare surname (:meth:`RoleFinder._holder_by_surname`).
_LEADER_OFFICES = frozenset({"Prime Minister", "President", "Premier", "Chancellor", "Acting President"})
#: Surnames so many people bear that alone they name no one in particular, whatever office one
#: of them holds: the most frequent in the English-speaking world and in the countries the
#: dictionary covers most (Japan, India, Korea, China).
COMMON_SURNAMES = frozenset({
    "smith", "johnson", "williams", "brown", "jones", "miller", "davis", "wilson", "anderson", "taylor",
    "thomas", "moore", "martin", "jackson", "thompson", "white", "harris", "clark", "lewis", "robinson",
    "walker", "young", "allen", "king", "wright", "scott", "hill", "green", "adams", "baker", "nelson",
    "carter", "mitchell", "roberts", "turner", "phillips", "campbell", "parker", "evans", "edwards",
    "collins", "stewart", "morris", "murphy", "cook", "rogers", "morgan", "cooper", "howard", "ward",
    "cox", "hughes", "wood", "gray", "james", "bell", "major", "powell", "long", "price", "rice", "hunt",
    "sato", "satō", "suzuki", "takahashi", "tanaka", "watanabe", "ito", "itō", "yamamoto", "nakamura",
    "kobayashi", "kato", "katō", "yoshida", "yamada", "sasaki", "yamaguchi", "saito", "saitō",
    "matsumoto", "inoue", "kimura", "hayashi", "shimizu", "mori", "abe", "ikeda", "hashimoto", "ishikawa",
    "ogawa", "okada", "goto", "gotō", "hasegawa", "murakami", "kondo", "ishii", "sakamoto", "endo", "aoki",
    "fujii", "nishimura", "fukuda", "ota", "miura", "fujiwara", "okamoto", "matsuda", "nakagawa",
    "singh", "kumar", "sharma", "patel", "gupta", "reddy", "rao", "das", "shah", "mehta", "jain", "khan",
    "yadav", "verma", "mishra", "pandey", "iyer", "nair", "menon", "krishna", "joshi", "sinha", "prasad",
    "kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim", "han", "oh", "moon", "roh",
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
    "hu", "guo", "he", "lin", "luo", "gao", "wen", "zheng", "liang", "song", "tang", "xie", "han",
})
#: Words through which a sentence with no actor mention can still refer to actors the story
#: named before (pronouns, "both sides", "the two ministers", "his counterpart"). The pre-scan
#: keeps every sentence that contains one; widen it whenever the coder learns a new way to refer back.
REFERRING_WORDS = frozenset(_PLURAL_PRONOUNS | _SINGULAR_PERSON_PRONOUNS | {"we", "us", "two", "counterpart", "counterparts"})
#: Acts and documents a role adjective can qualify without naming a party ("official visit",
#: "military exercises", "a military-drafted constitution"); sites and units ("a military base",
#: "rebel groups") keep the adjective's agent.
_ACTIVITY_NOUNS = frozenset({
    "visit", "trip", "tour", "report", "statement", "figure", "data", "document", "talk", "meeting", "ceremony",
    "exercise", "drill", "manoeuvre", "maneuver", "cooperation", "tie", "relation", "exchange", "dialogue",
    "constitution", "spending", "budget", "plan", "policy", "reform", "action", "operation", "channel", "position",
})
def _marks_former(tok: Token) -> bool:
    """"former", "ex-" before an office ("ex-prime minister", "Ex-President"); not the "Ex" of a
    name ("Ex-Im Bank")."""
    if tok.lower_ not in _FORMER:
        return False
    if tok.lower_ not in ("ex", "ex-"):
        return True
    after = next((t for t in tok.doc[tok.i + 1 : tok.i + 3] if t.text != "-"), None)
    return after is not None and (after.is_lower or after.lower_ in _TITLES)


#: Nouns that, as "the country", refer back to the last country the story named.
_COUNTRY_WORDS = frozenset({"country", "nation", "kingdom", "republic"})
#: Endings of company names ("Continental Grain Co", "Diamant Boart SA").
_COMPANY_SUFFIXES = frozenset({"co", "corp", "inc", "ltd", "plc", "gmbh", "ag", "sa", "ab", "nv", "bv", "spa", "kk", "llc", "company", "corporation"})
def _company_ending(tok: Token) -> bool:
    """The word is a company name's ending ("Co", "Inc.", "SA")."""
    return tok.tag_ == "NNP" and tok.lower_.rstrip(".") in _COMPANY_SUFFIXES


#: Roots of acts aimed at an addressee (appeals, demands, disapproval, rejection, threats): a
#: second verb of the same subject aims at the first one's object.
_VERBAL_ROOTS = frozenset({"02", "10", "11", "12", "13"})
#: Verbs of building something for a country: the place of the work is its beneficiary.
#: Works that are named after the place they are built in ("the Mumbai-Ahmedabad rail project").
_PROJECT_NOUNS = frozenset({"project", "railway", "railroad", "line", "corridor", "metro", "port", "plant", "dam", "bridge", "highway", "expressway", "airport", "tunnel", "scheme", "programme", "program"})
_PROJECT_VERBS = frozenset({"build", "construct", "fund", "finance", "develop", "establish", "rebuild", "upgrade", "modernise", "modernize", "renovate", "restore", "equip"})
#: Prepositions that lead from an object noun to the party it is aimed at ("sanctions on X").
TARGET_PREPS = frozenset({"to", "with", "against", "on", "toward", "towards", "into", "over", "for", "from"})


@dataclass
class ArticleContext:
    """What the story so far tells us about who is who. One per article, never shared."""

    recent: list[Actor] = field(default_factory=list)
    persons_seen: set[str] = field(default_factory=set)
    persons_guessed: set[str] = field(default_factory=set)  # office holders known only by a bare surname
    last_group: tuple[Actor, ...] = ()
    persons: list[tuple[int, Actor]] = field(default_factory=list)  # (token index, actor), article-wide
    aliases: dict[str, Actor] = field(default_factory=dict)  # names of people the story introduced
    surnames: dict[str, Actor | None] = field(default_factory=dict)  # last names of people named in full (None: two people share it)
    event_dyad: tuple[Actor, Actor] | None = None
    partners: tuple[Actor, Actor] | None = None  # the two countries of the story's last cooperative exchange (roots 01-08)
    shadowed: frozenset[str] = frozenset()  # surnames another person in the story bears

    def dyad(self, exclude_after: int | None = None, sentence_actors: Iterable[tuple[int, Actor]] = ()) -> tuple[Actor, Actor] | None:
        """The pair of countries the story is about at this point: of its last event between two
        countries or, before one, of the last two countries or governments it named (a party or
        an agency named beside a foreign country is no sign of an exchange between the two)."""
        if self.event_dyad:
            return self.event_dyad
        pool = list(self.recent) + [a for i, a in sentence_actors if exclude_after is None or i < exclude_after]
        found: list[Actor] = []
        for actor in reversed(pool):
            if actor.country and actor.sector in ("", "GOV") and all(actor.country != f.country for f in found):
                found.append(actor)
            if len(found) == 2:
                return found[1], found[0]
        return None


class RoleFinder:
    """Who the actors of a sentence are: the role-finding half of the coder's per-article run.

    A mixin: ``eventcode.coder._SentenceRun`` inherits it and sets, before calling any method,
    the attributes annotated below: ``coder`` (its dictionaries' short-name owners),
    ``actors`` (``coder.actors``), ``doc``, ``at`` (the actor mention covering each token, or
    None), ``ctx`` (this article's :class:`ArticleContext`), ``pub`` (publication date),
    ``sentence_actors`` (the current sentence's standalone actors, by token index),
    ``_mentions`` and ``_mention_starts`` (the article's actor mentions in text order, and their
    starts) and ``_person_ents`` (its PERSON entities), and it calls the run's ``_place_host``
    (the country of a place the gazetteer knows). It keeps no state of its own: what it
    learns of the story goes into ``ctx``.
    """

    coder: Coder
    actors: ActorDictionary
    doc: Doc
    at: list[Mention | None]
    ctx: ArticleContext
    pub: dt.date | None
    sentence_actors: list[tuple[int, Actor]]
    _mentions: list[Mention]
    _mention_starts: list[int]
    _person_ents: list[Span]

    # ------------------------------------------------------------------ article context
    def _standalone_actors(self, sent: Span) -> list[tuple[int, Actor]]:
        """Actors each mention denotes on its own, for context (dyads, counterparts)."""
        out = []
        first, stop = bisect.bisect_left(self._mention_starts, sent.start), bisect.bisect_left(self._mention_starts, sent.end)
        for m in self._mentions[first:stop]:
            actor = self._mention_actor(m, self.pub, sector="")
            if actor is not None and (actor.country or actor.code.startswith("IGO")):
                out.append((m.start, actor))
                if m.kind in (KIND_PERSON, KIND_SHORT):
                    self.ctx.persons.append((m.start, actor))
                if m.kind == KIND_PERSON and m.end - m.start > 1:
                    # "Manmohan Singh … Singh's visit": a story's later bare surname is the person it named in full
                    last = self.doc[m.end - 1].text
                    known = self.ctx.surnames.get(last, actor)
                    self.ctx.surnames[last] = actor if known is not None and known.rule == actor.rule else None
        return out

    def _learn_people(self, sent: Span) -> None:
        """Remember people the story introduces with a title ("Japan's press secretary, Norio
        Hattori"), so that a later bare "Hattori" or "he" resolves to them."""
        for ent in (e for e in self._person_ents if sent.start <= e.start < sent.end):
            if ent.label_ != "PERSON" or self.at[ent.root.i] is not None and self.at[ent.root.i].kind in (KIND_PERSON, KIND_SHORT):
                continue
            head = ent.root
            host = head.head if head.dep_ in ("appos", "compound") and head.head.i != head.i else head
            found = self._actors_of_one(host, self.pub, None) or self._actors_of_one(head, self.pub, None)
            if len(found) == 1 and _unplaced_official(found[0]) and (party := _spoken_for(host if host.dep_ == "nsubj" else head)) is not None:
                # "Japan is concerned, Foreign Ministry spokesman Norio Hattori said": an official of no
                # named country who speaks for a country is that country's
                spoken = [a for a in self._actors_of(party, self.pub) if a.country]
                if len({a.country for a in spoken}) == 1:
                    found = [Actor(code=spoken[0].country + found[0].sector, country=spoken[0].country, sector=found[0].sector, rule=f"speaks-for<{spoken[0].rule}>")]
            if len(found) == 1 and found[0].country:
                actor = Actor(code=found[0].code, country=found[0].country, sector=found[0].sector, text=ent.text, start=ent.start, end=ent.end, rule=f"introduced<{found[0].rule}>")
                for key in {ent.text, ent[-1].text}:
                    self.ctx.aliases.setdefault(key, actor)
                self.ctx.persons.append((ent.start, actor))

    # ------------------------------------------------------------------ mentions
    def _actor_at(self, i: int, day: dt.date | None) -> Actor | None:
        """The actor of the mention covering token ``i``, on its own (no sector from the phrase)."""
        m = self.at[i] if i < len(self.at) else None
        return self._mention_actor(m, day, sector="") if m is not None else None

    def _country_named(self, text: str, day: dt.date | None) -> str:
        """The country a dictionary name denotes as written ("Japan", "U.S.", "Japanese"), or ""."""
        entry = self.actors.named_on(text, day)
        return entry.country if entry is not None and entry.kind in ("name", "short_name", "adjective", "demonym") else ""

    def _mention_actors(self, m: Mention, day: dt.date | None, sector: str) -> list[Actor]:
        """The actor a mention denotes and, for a name of several ("Benelux"), the others too."""
        first = self._mention_actor(m, day, sector)
        if first is None or m.kind != KIND_NAMED:
            return [first] if first is not None else []
        entry = self.actors.named_on(m.key, day)
        out = [first]
        for code in entry.also if entry is not None else ():
            if sector and len(code) == 3 and not code.startswith("IGO"):
                code += sector
            country = "" if code.startswith("IGO") else code[:3]
            out.append(Actor(code=code, country=country, sector=code[3:6] if country else "IGO", text=first.text, start=m.start, end=m.end, rule=first.rule))
        return out

    def _titled(self, m: Mention, text: str) -> bool:
        """"PM Modi", "President Putin", "his counterpart Kishida": a title makes a surname the
        dictionary gives to one person alone a reference to them, without an earlier full name."""
        return m.start > 0 and self.doc[m.start - 1].lower_ in _TITLES and len(self.coder.short_owners.get(text, ())) == 1

    def _holder_by_surname(self, m: Mention, text: str, day: dt.date | None) -> tuple[str, bool] | None:
        """``(person id, inferred)`` for a bare surname the story has not introduced: borne on
        that day by one office holder in the dictionary and by no other person in the story.
        A leader ("Nakasone said …" in 1987, "Blair, Chirac agree …") is sure; a minister ("Funaro
        said …") is ``inferred`` (lower confidence) and needs the recogniser to see a person, and
        a surname many people share ("Baker", "Suzuki") is nobody in particular. Out of office
        there is no telling."""
        tok = self.doc[m.start]
        if text in self.ctx.shadowed or tok.tag_ not in ("NNP", "NN") or tok.dep_ in ("compound", "amod") and tok.ent_type_ != "PERSON":
            return None
        holders = [(pid, role) for pid in self.coder.short_owners.get(text, ()) if (role := self.actors.people[pid].role_on(day)) is not None]
        if len(holders) != 1:
            return None
        if holders[0][1].role.split(" (")[0] in _LEADER_OFFICES:
            return holders[0][0], False
        if tok.ent_type_ == "PERSON" and text.lower() not in COMMON_SURNAMES:
            return holders[0][0], True
        return None

    def _mention_actor(self, m: Mention, day: dt.date | None, sector: str, former: bool = False) -> Actor | None:
        text = self.doc[m.start : m.end].text
        if m.kind in (KIND_PERSON, KIND_SHORT):
            key: str | None = m.key
            inferred = False
            if m.kind == KIND_SHORT and m.key not in self.ctx.persons_seen and not self._titled(m, text):
                held = (m.key, True) if m.key in self.ctx.persons_guessed else self._holder_by_surname(m, text, day)
                if held is None:
                    return None
                key, inferred = held
            person = self.actors.people[key]
            code, psector, rule = person.code_on(day)
            if former:
                code, psector = f"{person.country}ELI", "ELI"
            elif person.role_on(day) is None and sector and sector != "ELI":
                # no office of theirs on file for the day, but the text gives one ("Vice President
                # George Bush" in 1987): the text's title is the better witness
                code, psector, rule = f"{person.country}{sector}", sector, f"{rule}+title"
            return Actor(code=code, country=person.country, sector=psector, text=text, start=m.start, end=m.end, rule=rule, inferred=inferred)
        if m.kind == KIND_NAMED:
            entry = self.actors.named_on(m.key, day)
            if entry is None:
                return None
            if entry.kind == "capital" and _names_a_document(self.doc[m.end - 1]):
                return None  # "the Paris Agreement", "the Oslo Accords": a name, not the city's country
            code = entry.code
            if entry.kind in ("name", "short_name", "adjective", "demonym", "capital") and sector and len(code) == 3:
                code = code + sector
            return Actor(code=code, country=entry.country, sector=code[3:6] if entry.country else "IGO", text=text, start=m.start, end=m.end, rule=entry.origin)
        return None

    # ------------------------------------------------------------------ noun phrases
    def _actors_of(self, head: Token, day: dt.date | None, partner: Actor | None = None) -> list[Actor]:
        """Actors denoted by the noun phrase headed by ``head``, coordination expanded."""
        out: list[Actor] = []
        lead: Actor | None = None  # "Danish media": its country carries to "… and government"
        for k, h in enumerate(_members(head)):
            found = self._actors_of_one(h, day, partner)
            if k and not found and lead is not None and h.tag_ == "NNP":
                # "… Zhao Ziyang of China and Anibal Cavaco Silva of Portugal": a second name with
                # its own country, whatever the recogniser took it for
                found = [a for p in h.children if p.dep_ == "prep" and p.lower_ == "of" for x in p.children if x.dep_ == "pobj" for a in self._actors_of_one(x, day, None) if a.country]
                found = [dataclasses.replace(a, code=a.country + lead.sector, sector=lead.sector) if len(a.code) == 3 else a for a in found]
            if k == 0 and found and all(a.path == "coordination" for a in found):
                return found  # "U.S. and Japanese negotiators": the modifiers are the members
            if k == 0:
                lead = found[0] if len(found) == 1 and found[0].country and found[0].sector not in ("", "IGO") else None
            elif lead is not None and found and all(not a.country and a.sector for a in found):
                found = [Actor(code=lead.country + a.sector, country=lead.country, sector=a.sector, text=a.text, start=a.start, end=a.end, rule=f"coordination<{lead.rule}>") for a in found]
            elif lead is not None and h.ent_type_ == "PERSON" and found and all(len(a.code) == 3 and a.country for a in found):
                # "Prime Ministers Zhao Ziyang of China and Anibal Cavaco Silva of Portugal": the
                # shared title is the second person's too
                found = [dataclasses.replace(a, code=a.country + lead.sector, sector=lead.sector) for a in found]
            elif lead is not None and lead.rule.startswith("location<") and found and all(len(a.code) == 3 for a in found):
                # "lawmakers in Fornost and Gondor" parsed as "lawmakers … and Gondor": a second place
                found = [Actor(code=a.code + lead.sector, country=a.country, sector=lead.sector, text=a.text, start=a.start, end=a.end, rule=f"location<{a.rule}>") for a in found]
            for actor in found:
                if actor not in out:
                    out.append(actor)
        return out

    def _actors_of_one(self, h: Token, day: dt.date | None, partner: Actor | None) -> list[Actor]:
        low = h.lower_
        speaker = _reported_speaker(h)
        if speaker is not None:
            return self._actors_of(speaker, day)
        if h.tag_ in _PRONOUN_TAGS or low == "both" and h.dep_ in ("nsubj", "nsubjpass"):
            if low in _PLURAL_PRONOUNS or low in ("we", "us"):
                if self.ctx.last_group:
                    return list(self.ctx.last_group)
                dyad = self.ctx.dyad(h.i, self.sentence_actors)
                return list(dyad) if dyad else []
            if low in _SINGULAR_PERSON_PRONOUNS or low == "his":
                # an object pronoun cannot be the clause's own subject ("Kishida invited him")
                before = [a for i, a in self.ctx.persons if i < h.i and not (partner is not None and a.start == partner.start and low in ("him", "her"))]
                return before[-1:]
            return []
        phrase = _phrase_tokens(h)
        former = any(_marks_former(t) for t in phrase)
        mentions = []
        for t in phrase:
            m = self.at[t.i]
            if m is not None and m not in mentions:
                mentions.append(m)
        sector = self._sector(mentions, h)
        if not sector and _company_ending(h) and any(m.kind == KIND_NAMED for m in mentions):
            sector = "BUS"  # "Andes Grain Co of Chile", the recogniser taking "of Chile" into the name
        if former:
            sector = "ELI"
        # persons first, nearest the head
        persons = [m for m in mentions if m.kind in (KIND_PERSON, KIND_SHORT)]
        for m in sorted(persons, key=lambda m: abs(m.start - h.i)):
            actor = self._mention_actor(m, day, sector, former)
            if actor:
                return [actor]
        named = [m for m in mentions if m.kind == KIND_NAMED]
        resolved = [a for a in (self._mention_actors(m, day, sector) for m in sorted(named, key=lambda m: (-(m.start <= h.i < m.end), abs(m.start - h.i)))) if a]
        if resolved:
            coordinated = _coordinated_modifiers(named, self.doc, h) if self.at[h.i] is None or self.at[h.i].kind == KIND_SECTOR else []
            if len(coordinated) > 1:
                group = [a for m in coordinated for a in self._mention_actors(m, day, sector)]
                return [dataclasses.replace(a, path="coordination") for a in dict.fromkeys(group)]
            return resolved[0]
        counted = _partitive_of(h)  # "dozens of Boko Haram fighters", "members of the Security Council"
        if counted is not None and (found := self._actors_of(counted, day, partner)):
            return found
        if not sector:  # "attacked the cities in Gondor", "shelled positions of the Orc army"
            for owner in _site_owners(h):
                if found := self._actors_of(owner, day, partner):
                    return found
        # "the armed forces of India and Japan", "the leaders of both countries"
        company = h.ent_type_ == "ORG" or _company_ending(h)
        if sector or _singular(h) in _COLLECTIVE or h.ent_type_ == "PERSON" or company:
            # ("Zhao Ziyang of China", "Continental Grain Co of the United States": a person or a
            # company named with the country they belong to)
            owned = sector or ("BUS" if company and any(_company_ending(t) for t in phrase) else "")
            of_actors: list[Actor] = []
            for child in h.children:
                if child.dep_ == "prep" and (child.lower_ in ("of", "from") or _names_members(h, child)):
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        for a in self._actors_of(pobj, day):
                            of_actors.append(_with_sector(a, owned))
            if of_actors:
                return of_actors
        lemma = _singular(h)
        if lemma == "counterpart" and partner is not None:
            return self._counterpart(h, partner, mentions, day)
        if lemma in _COLLECTIVE and _is_collective(h):
            if self.ctx.last_group and any(c.lower_ == "their" for c in h.children):
                # "Hungarian and Romanian officials agreed that their countries …"
                return [_with_sector(dataclasses.replace(a, path="collective"), sector) for a in self.ctx.last_group]
            if any(c.dep_ == "det" and c.lower_ in ("those", "these") for c in h.children):
                # "pressed Taiwan and Korea, urging those countries to …": the group just named
                group = self._last_coordinated_group(h, day)
                if group:
                    return [_with_sector(dataclasses.replace(a, path="collective"), sector) for a in group]
            dyad = self.ctx.dyad(h.i, self.sentence_actors)
            if dyad:
                text = self.doc[h.left_edge.i : h.i + 1].text
                return [
                    Actor(code=a.country + sector, country=a.country, sector=sector, text=text, start=h.left_edge.i, end=h.i + 1, rule=f"context:collective<{a.rule}>")
                    for a in dyad
                ]
        if lemma in _COUNTRY_WORDS and h.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in h.children) and not any(c.dep_ in ("amod", "compound", "poss", "prep", "nummod") for c in h.children):
            # "sent trucks to Lebanon to help the country": the last country named before it, not
            # the one the act comes from
            earlier = [*self.ctx.recent, *(a for i, a in self.sentence_actors if i < h.i)]
            avoid = partner.country if partner is not None else ""
            named = next((a for a in reversed(earlier) if a.country and a.country != avoid and a.sector in ("", "GOV")), None)
            if named is not None:
                return [Actor(code=named.country, country=named.country, sector="", text=self.doc[h.left_edge.i : h.i + 1].text, start=h.left_edge.i, end=h.i + 1, rule=f"context:definite<{named.rule}>")]
        # "a car bombing by the Islamic State group", "missiles fired by the Israeli military"
        for agent in _embedded_agents(h):
            found = self._actors_of(agent, day)
            if found:
                return found
        # a name the story introduced, written alone: the tagger may call it a place or even a noun ("Mendes praised …")
        alone = h.text[:1].isupper() and not any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in h.children)
        if (h.ent_type_ == "PERSON" or alone) and h.text in self.ctx.aliases:
            known = self.ctx.aliases[h.text]
            return [Actor(code=known.code, country=known.country, sector=known.sector, text=h.text, start=h.i, end=h.i + 1, rule=known.rule)]
        if alone and (named := self.ctx.surnames.get(h.text)) is not None:
            # "Manmohan Singh … Singh's visit" (tagged a place); a longer name ("Rajnath Singh") is another person
            return [Actor(code=named.code, country=named.country, sector=named.sector, text=h.text, start=h.i, end=h.i + 1, rule=f"surname<{named.rule}>")]
        if sector and h.tag_ in ("NN", "NNP") and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in h.children):
            # "the minister", "the former prime minister": the last person of that kind named
            earlier = [a for i, a in self.ctx.persons if i < h.i and (former or a.sector == sector)]
            if earlier:
                a = earlier[-1]
                code, sec = (a.country + "ELI", "ELI") if former else (a.code, a.sector)
                return [Actor(code=code, country=a.country, sector=sec, text=self.doc[h.left_edge.i : h.i + 1].text, start=h.left_edge.i, end=h.i + 1, rule=f"context:definite<{a.rule}>")]
        owner = _reported_owner(h)
        if owner is not None:
            # "Iraq said its forces crushed …": the speaker's own forces
            owned = [_with_sector(a, sector) for a in self._actors_of(owner, day) if a.country and len(a.code) == 3]
            if owned:
                return [dataclasses.replace(a, text=self.doc[h.left_edge.i : h.i + 1].text, rule=f"reported<{a.rule}>", path="reported") for a in owned]
        if sector:
            if self.at[h.i] is None and h.lemma_.lower() in _ACTIVITY_NOUNS and all(self.doc[m.end - 1].tag_ == "JJ" for m in mentions if m.kind == KIND_SECTOR):
                return []  # "an official visit", "joint military exercises": an adjective on an act, no party
            return self._sector_only(h, sector, day)
        return []

    def _project_place(self, verb: Token, obj: Token, day: dt.date | None) -> list[Actor]:
        """"build two estates and two roads in Uganda", "finance a metro in Delhi": the country
        where the work is done (on the object, its conjuncts or the verb), its beneficiary."""
        for t in (obj, *obj.conjuncts, verb):
            for inner in (x for p in t.children if p.dep_ == "prep" and p.lower_ == "in" for x in p.children if x.dep_ == "pobj"):
                found = [a for a in self._actors_of(inner, day) if _named(a)]
                if found:
                    return found
        return []

    def _arresting_state(self, verb: Token, day: dt.date | None) -> list[Actor]:
        """"X was arrested in Gondor", no agent named: the police of the country it happened in
        (arrests are the local state's); nothing for a place of no country."""
        for place in (x for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for x in c.children if x.dep_ == "pobj"):
            found = [a for a in self._actors_of(place, day) if a.country and len(a.code) == 3]
            if found:
                a = found[0]
                return [Actor(code=a.country + "COP", country=a.country, sector="COP", text=a.text, start=a.start, end=a.end, rule=f"place<{a.rule}>")]
        return []

    def _place_named_for(self, work: Token, sources: list[Actor]) -> list[Actor]:
        """"a loan for the Mumbai-Ahmedabad rail project": the country of the place a work is
        named after (a compound name the gazetteer knows, or the first part of a hyphenated one)."""
        if work.lemma_.lower() not in _PROJECT_NOUNS:
            return []
        names = [c for c in work.children if c.dep_ == "compound" and c.tag_ == "NNP"]
        names += [x for c in names for x in c.children if x.dep_ == "compound" and x.tag_ == "NNP"]
        host = next((h for h in (self._place_host(c, sources) for c in names) if h is not None and h.country), None)
        return [host] if host is not None else []

    def _last_coordinated_group(self, h: Token, day: dt.date | None) -> list[Actor]:
        """The countries of the last coordination of two or more named before ``h`` in its sentence."""
        for t in reversed(self.doc[h.sent.start : h.i]):
            if t.dep_ != "conj" and any(c.dep_ == "conj" for c in t.children):
                found = [a for a in self._actors_of(t, day) if a.country]
                if len({a.country for a in found}) > 1:
                    return found
        return []

    def _sector_only(self, h: Token, sector: str, day: dt.date | None) -> list[Actor]:
        """A role noun with no country in its own words: 'protesters in Kosovo', 'the rebels'."""
        text = self.doc[h.left_edge.i : h.i + 1].text
        for child in h.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "from", "at"):
                # the first place named in the phrase, and the places coordinated with it ("in Delhi and Islamabad")
                first = next((t for t in child.subtree if self.at[t.i] is not None and self.at[t.i].kind == KIND_NAMED), None)
                out: list[Actor] = []
                for tok in (first, *first.conjuncts) if first is not None else ():
                    m = next((self.at[t.i] for t in _phrase_tokens(tok) if self.at[t.i] is not None and self.at[t.i].kind == KIND_NAMED), None)
                    place = self._mention_actor(m, day, "") if m is not None else None
                    if place is not None and place.country and all(a.country != place.country for a in out):
                        out.append(Actor(code=place.country + sector, country=place.country, sector=sector, text=text, start=h.left_edge.i, end=h.i + 1, rule=f"location<{place.rule}>"))
                if not out and first is None and sector in PLACED_SECTORS:
                    # "business leaders in Osaka": a place the gazetteer knows, not a name of a country's
                    for pobj in (p for p in child.children if p.dep_ == "pobj"):
                        place = self._place_host(pobj, [])
                        if place is not None:
                            out.append(Actor(code=place.country + sector, country=place.country, sector=sector, text=text, start=h.left_edge.i, end=h.i + 1, rule=f"location<{place.rule}>"))
                if out:
                    return out
        return [Actor(code="---" + sector, country="", sector=sector, text=text, start=h.left_edge.i, end=h.i + 1, rule="sector-only")]

    def _counterpart(self, h: Token, partner: Actor, mentions: list[Mention], day: dt.date | None) -> list[Actor]:
        country = ""
        for m in mentions:
            entry = self.actors.named_on(m.key, day) if m.kind == KIND_NAMED else None
            if entry and entry.country and entry.country != partner.country:
                country = entry.country
        if not country:
            dyad = self.ctx.dyad(h.i, self.sentence_actors)
            if dyad:
                others = [a.country for a in dyad if a.country != partner.country]
                country = others[0] if others else ""
        if not country:
            return []
        sector = partner.sector if partner.sector not in ("", "ELI") else "GOV"
        return [Actor(code=country + sector, country=country, sector=sector, text=self.doc[h.left_edge.i : h.i + 1].text, start=h.left_edge.i, end=h.i + 1, rule="context:counterpart")]

    def _capital_at(self, i: int, day: dt.date | None) -> bool:
        """The token is a capital's name in the actor dictionary on that day ("Bonn" in 1987)."""
        m = self.at[i]
        entry = self.actors.named_on(m.key, day) if m is not None and m.kind == KIND_NAMED else None
        return entry is not None and entry.kind == "capital"

    def _sector(self, mentions: list[Mention], h: Token) -> str:
        best = ""
        best_distance = None
        for m in mentions:
            if m.kind != KIND_SECTOR:
                continue
            distance = abs(m.end - 1 - h.i)
            if best_distance is None or distance < best_distance:
                best, best_distance = self.actors.sectors[m.key][0], distance
        return best

    # ------------------------------------------------------------------ deeper roles
    def _counterparts_inferred(self, verb: Token, sources: list[Actor], targets: list[Actor]) -> tuple[list[Actor], list[Actor]]:
        """An official named by title alone ("Defence Secretary Ajay Kumar") paired in the act
        with a foreign official ("… and the Japanese ambassador") is taken to be of the story's
        other country, and flagged ``inferred``. Nothing is inferred for the press, businesses
        or crowds, nor when the story has not named a pair of countries."""
        def unplaced(a: Actor) -> bool:
            # a nationality the dictionary does not resolve ("a senior Korean official") is a
            # country the text gives, just not one eventcode can code: nothing to infer then
            return _unplaced_official(a) and 0 <= a.start < a.end and not any(t.ent_type_ in ("NORP", "GPE") for t in self.doc[a.start : a.end])

        parties = sources + targets
        known = {a.country for a in parties if a.country}
        if len(known) != 1 or not any(unplaced(a) for a in parties):
            return sources, targets
        dyad = self.ctx.dyad(verb.i, self.sentence_actors)
        other = [d.country for d in dyad or () if d.country and d.country not in known]
        if len(other) != 1:
            return sources, targets

        def infer(a: Actor) -> Actor:
            if not unplaced(a):
                return a
            return dataclasses.replace(a, code=other[0] + a.sector, country=other[0], inferred=True, rule=f"inferred<{a.rule}>")

        return [infer(a) for a in sources], [infer(a) for a in targets]

    def _deeper_targets(self, verb: Token, fit: _Fit, subj: Token | None, sources: list[Actor], day: dt.date | None, *, last_resort: bool = True) -> tuple[list[Actor], str]:
        """Targets outside the pattern's own slots, most reliable place first (issue: real news
        puts the target inside the object phrase, in a complement clause, or further on)."""
        partner = sources[0]
        skip = {subj.i} if subj is not None else set()
        src = {a.country for a in sources if a.country} | {a.code for a in sources}

        def keep(found: list[Actor]) -> list[Actor]:
            return [a for a in found if _named(a) and a.code not in src and (a.country not in src or any(_domestic_rivals(s, a) for s in sources))]

        # an intransitive pattern ("retreat from/to", "clash with") takes no party from an object
        # the parse gives it ("pursuing retreating Ugandan troops" read as "retreating troops")
        transitive = fit.obj is not None or bool(set(fit.pattern.targets) & {"dobj", "dative"})
        objects = [c for c in verb.children if c.dep_ in _OBJ and transitive] + ([fit.obj] if fit.obj is not None and fit.obj.dep_ in _OBJ else [])
        # 1. inside the object phrase: its own prepositional modifiers ("its ambassador to India",
        #    "sanctions against X"), then its possessor or a nationality word ("Serbia's suppression")
        role_only: list[Actor] = []
        for obj in dict.fromkeys(objects):
            for t in (obj, *obj.conjuncts):
                for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        found = keep(self._actors_of(pobj, day, partner))
                        # one step further: "stopped loans for new projects in India"
                        for inner in (x for c in pobj.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS | {"in"} for x in c.children if x.dep_ == "pobj"):
                            found = found or keep(self._actors_of(inner, day, partner))
                        if found:
                            return found, "object-prep"
                        # "rejected demands from the rebels": a role of no country, if nothing better turns up
                        role_only = role_only or [a for a in self._actors_of(pobj, day, partner) if a.rule == "sector-only" and a.code not in src]
            found = keep(self._actors_of(obj, day, partner))
            if found:
                return found, "possessor" if any(c.dep_ == "poss" for c in obj.children) else "modifier"
            if verb.lemma_.lower() in _PROJECT_VERBS:
                found = keep(self._project_place(verb, obj, day))
                if found:
                    return found, "object-prep"
            if fit.obj is not None and obj.i == fit.obj.i:
                # the owner of the object the pattern names: "withdrew the licences of Japanese
                # banks", as "Japan's licences"; not of any object ("discussed the future of X")
                for owner in (x for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for x in c.children if x.dep_ == "pobj"):
                    found = keep(self._actors_of(owner, day, partner))
                    if found:
                        return found, "possessor"
        # 2. a complement clause of a verb of asking, demanding, warning, accusing, threatening:
        #    "demanded that X …" (its subject), "threatened to ban X" (the infinitive's object)
        for clause in _complement_clauses(verb):
            for s in (x for x in clause.children if x.dep_ in _SUBJ | _PASS_SUBJ and x.i not in skip):
                found = keep(self._actors_of(s, day, partner))
                if found:
                    return found, "complement"
        if verb.dep_ == "advcl" and fit.pattern.code[:2] in ("02", "10") and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            # "Chile lowered its tariffs, as Peru had asked": whoever does the act asked for was asked
            for s in (x for x in verb.head.children if x.dep_ in _SUBJ | _PASS_SUBJ):
                found = keep(self._actors_of(s, day, partner))
                if found:
                    return found, "complement"
        for c in verb.children:
            if c.dep_ == "xcomp":
                for o in (x for x in c.children if x.dep_ in _OBJ | {"dative"}):
                    found = keep(self._actors_of(o, day, partner))
                    if not found and c.lemma_.lower() in _PROJECT_VERBS:
                        found = keep(self._project_place(c, o, day))
                    if found:
                        return found, "complement"
        # 2b. the party a source tells or warns what it will do: "Kenya warned Uganda it would
        #     impose sanctions", "told Uganda it would extend a loan"
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _TELLING and subj is not None and verb.head.i < verb.i:
            teller = next((c for c in verb.head.children if c.dep_ in _SUBJ), None)
            if teller is not None and set(map(_country_or_code, self._actors_of(teller, day))) & set(map(_country_or_code, sources)):
                for o in (x for x in verb.head.children if x.dep_ in ("dobj", "dative") and x.i < verb.i):
                    found = keep(self._actors_of(o, day, partner))
                    if found:
                        return found, "told"
        # 2b. a second verb of the same subject that names no party of its own acts on the first
        #     one's object: "accused Uganda of … and threatened to close the border"
        if verb.dep_ == "conj" and verb.head.i < verb.i and not any(c.dep_ in _SUBJ for c in verb.children) and fit.pattern.code[:2] in _VERBAL_ROOTS:
            for o in (c for c in verb.head.children if c.dep_ in _OBJ | {"dative"}):
                found = keep(self._actors_of(o, day, partner))
                if found:
                    return found, "coordination"
        # 3. last resort (PETRARCH's rule): the first actor named after the verb in its own
        #    phrase, not a place where it happened and not inside another clause; never when a
        #    slot already holds a party, even one with no country ("urged the banks to …")
        for i in range(verb.i + 1, verb.right_edge.i + 1 if last_resort else verb.i + 1):
            m = self.at[i]
            if m is None or m.start != i or m.kind == KIND_SECTOR:
                continue
            tok = _np_head(self.doc[m.end - 1])
            if _outside_verb_phrase(tok, verb) or not transitive and any(o.left_edge.i <= tok.i <= o.right_edge.i for o in verb.children if o.dep_ in _OBJ):
                continue
            found = keep(self._actors_of(tok, day, partner))
            if found:
                return found, "last-resort"
        return (role_only, "object-prep") if role_only else ([], "")


# ---------------------------------------------------------------------- helpers

#: Verbs whose object is the party told what their subject will do.
_TELLING = frozenset({"warn", "tell", "threaten", "caution", "assure", "promise", "inform", "notify", "remind"})


def _country_or_code(actor: Actor) -> str:
    return actor.country or actor.code



def _coordinated_modifiers(named: list[Mention], doc: Doc, head: Token) -> list[Mention]:
    """Name mentions that modify ``head`` side by side ("Hungarian and Romanian officials",
    "U.S. and Japanese negotiators"), in text order; [] when they are not coordinated."""
    if len(named) < 2:
        return []
    tokens = {doc[m.end - 1].i: m for m in named}
    linked = {i for i in tokens if doc[i].dep_ == "conj" and doc[i].head.i in tokens}
    if not linked:
        return []
    linked |= {doc[i].head.i for i in linked}
    return sorted((tokens[i] for i in linked), key=lambda m: m.start)


def not_personal_names(mentions: list[Mention], ents: tuple[Span, ...], doc: Doc) -> list[Mention]:
    """Drop names that are part of some other person's name: a place name opening it ("Israel
    G. Grossman", "Jordan Peterson": the named-entity recogniser saw a longer PERSON whose next
    word is no dictionary name), and a leader's bare surname after another first name ("Nirav
    Modi", "Akie Abe")."""
    people = {e.start: e.end for e in ents if e.label_ == "PERSON"}
    starts, ends = {m.start for m in mentions}, {m.end for m in mentions}

    def other_persons(m: Mention) -> bool:
        if m.kind == KIND_NAMED:
            first = doc[m.start].text
            if "." in first or first.isupper():
                return False  # "U.S. Rice trader" misread as a person: an abbreviation is no first name
            return people.get(m.start, 0) > m.end and m.end not in starts and doc[m.end].tag_ in ("NNP", "NNPS")
        if m.kind in (KIND_PERSON, KIND_SHORT) and m.end - m.start == 1 and m.start > 0 and m.start not in ends and not doc[m.start].is_sent_start:
            before = doc[m.start - 1]
            return before.tag_ == "NNP" and before.is_alpha and before.text[:1].isupper() and before.lower_ not in _TITLES
        return False

    return [m for m in mentions if not other_persons(m)]


def _names_members(h: Token, prep: Token) -> bool:
    """"countries including Kenya and Norway", "nations such as …", "allies like …": the list is who
    the plural group noun stands for."""
    return h.tag_ in ("NNS", "NNPS") and (prep.lower_ in ("including", "like") or prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children))


def _unplaced_official(actor: Actor) -> bool:
    """A state official or body the text names by role alone, with no country anywhere."""
    return actor.rule == "sector-only" and actor.sector in ("GOV", "MIL", "LEG", "ELI")
