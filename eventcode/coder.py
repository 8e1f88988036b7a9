"""Turning parsed sentences into CAMEO event records.

The coder walks each sentence's verbs. For a verb whose lemma has patterns in the action
dictionary it picks the most specific pattern that fits the parse, finds the source actor
(subject, passive ``by``-agent, or the subject shared with a governing verb) and the target
actor (the pattern's slots: direct object or a prepositional object), expands coordinated and
collective actors into each direction, and records negation, mood and the event date.

Article-level context (who was mentioned, which pair of countries the story is about, the
last person named) lives in a per-article object, so "both leaders", "his Japanese
counterpart" and "they" resolve from the story so far. Nothing is kept between articles.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import background, dates, newsday, nominal, places
from .actions import NULL_CODE, VerbDictionary, load_verbs
from .actors import (
    KIND_NAMED,
    KIND_PERSON,
    KIND_SECTOR,
    KIND_SHORT,
    KIND_SKIP_STORY,
    SKIP_KINDS,
    ActorDictionary,
    ActorMatcher,
    Mention,
    case_folded,
    load_actors,
)
from .mood import OBLIGATION_MODALS, demand_code, has_future_marker, negation_and_mood, tense, weighed_option
from .records import Actor, Event, EventDate
from .conventions import _as_intent, _declined_yields, _domestic_rivals, _from_context, _named, _on_path, _same_actor, _visits_and_hosts, _with_sector, _without_generic_intents
from .fitting import _best_fit, _Fit, _prep_objects, _slot_tokens, _Word
from .syntax import _clause_verb, _complement_clauses, _embedded_agents, _spoken_for, _governors, _is_collective, _is_passive, _is_verb, _members, _names_a_document, _np_head, _OBJ, _outside_verb_phrase, _partitive_of, _PASS_SUBJ, _phrase_tokens, _PRONOUN_TAGS, _reported_owner, _reported_speaker, _singular, _site_owners, _SUBJ, _subject

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

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
#: Offices whose holder the news names by bare surname (:meth:`_SentenceRun._leader_by_surname`).
_LEADER_OFFICES = frozenset({"Prime Minister", "President", "Premier", "Chancellor", "Acting President"})
#: Words through which a sentence with no actor mention can still refer to actors the story
#: named before (pronouns, "both sides", "the two ministers", "his counterpart"). The pre-scan
#: keeps every sentence that contains one; widen it whenever the coder learns a new way to refer back.
REFERRING_WORDS = frozenset(_PLURAL_PRONOUNS | _SINGULAR_PERSON_PRONOUNS | {"we", "us", "two", "counterpart", "counterparts"})


@dataclass
class _ArticleContext:
    """What the story so far tells us about who is who. One per article, never shared."""

    recent: list[Actor] = field(default_factory=list)
    persons_seen: set[str] = field(default_factory=set)
    last_group: tuple[Actor, ...] = ()
    persons: list[tuple[int, Actor]] = field(default_factory=list)  # (token index, actor), article-wide
    aliases: dict[str, Actor] = field(default_factory=dict)  # names of people the story introduced
    surnames: dict[str, Actor | None] = field(default_factory=dict)  # last names of people named in full (None: two people share it)
    event_dyad: tuple[Actor, Actor] | None = None
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






@dataclass
class Explanation:
    """Why each candidate verb in a text did or did not yield events (for ``eventcode explain``)."""

    lines: list[str] = field(default_factory=list)

    def add(self, sentence_index: int, verb: Token, message: str) -> None:
        self.lines.append(f"[s{sentence_index}] {verb.text!r} (lemma {verb.lemma_!r}): {message}")


class Coder:
    """Codes parsed Docs into :class:`~eventcode.records.Event` records.

    Builds its matchers once; :meth:`code_doc` keeps no state between calls.
    """

    def __init__(
        self,
        nlp: Language,
        actors: ActorDictionary | None = None,
        verbs: VerbDictionary | None = None,
        nouns: nominal.NounDictionary | None = None,
    ) -> None:
        self.actors = actors or load_actors()
        self.verbs = verbs or load_verbs()
        self.nouns = nouns if nouns is not None else nominal.nouns_for(self.verbs)  # event nouns (eventcode.nominal)
        self.matcher = ActorMatcher(self.actors, nlp)
        self.places = places.Locator() if places.enabled() else None  # issue 13: where it happened
        # (LEMMA hash, LOWER hash) → word: the same few thousand words recur in every story, and
        # reading them by hash spares building a Token and two strings for each occurrence
        self._words: dict[tuple[int, int], _Word] = {}
        self._object_nouns = frozenset().union(*(p.object_heads for p in self.verbs.patterns))
        owners: dict[str, set[str]] = {}
        for person in self.actors.people.values():
            for name in person.short:
                owners.setdefault(name, set()).add(person.id)
        # short names only one person in the dictionary has: a title before them is enough
        self.sole_short_names = frozenset(name for name, ids in owners.items() if len(ids) == 1)
        self.short_owners = {name: tuple(sorted(ids)) for name, ids in owners.items()}

    def _doc_words(self, doc: Doc, lemmas: list[int], lowers: list[int]) -> list[_Word]:
        """Every token's :class:`_Word`, by token index, from its LEMMA and LOWER hashes."""
        known = self._words
        if len(known) > 200_000:  # bounded however long the run (a few tens of MB)
            known.clear()
        keys = list(zip(lemmas, lowers))
        out = [known.get(key) for key in keys]
        if None in out:
            strings = doc.vocab.strings
            for i, word in enumerate(out):
                if word is None:
                    lemma, lower = strings[keys[i][0]].lower(), strings[keys[i][1]]
                    out[i] = known[keys[i]] = _Word.make(lemma, lower, self.verbs.for_token(lemma, lower), self._object_nouns)
        return out

    # ------------------------------------------------------------------ public
    def code_doc(
        self,
        doc: Doc,
        *,
        article_id: str = "",
        publication_date: dt.date | None = None,
        publisher: str = "",
        url: str = "",
        explain: Explanation | None = None,
        folded: bool | None = None,
        dateline: str = "",
        news_day: bool = True,
    ) -> list[Event]:
        """Events of one article's Doc; ``folded``: the article is written in lower case
        (None: judged from this Doc; the pipeline judges the whole article, parsed or not);
        ``dateline``: the article's dateline place, the fallback place of its events;
        ``news_day``: date undated events by the story's news day (off for one part of a text too
        long to code whole, which is no news report and whose parts cannot see each other)."""
        orth, lower, lemma = doc.to_array(["ORTH", "LOWER", "LEMMA"]).T.tolist() if len(doc) else ([], [], [])
        if folded is None:
            folded = case_folded([t.text[:1].isupper() for t in doc])
        mentions = self.matcher.find(orth, lower, folded)  # what self.matcher(doc, folded) finds, from hashes read once
        skips = [m for m in mentions if m.kind in SKIP_KINDS]
        for m in skips:
            if m.kind == KIND_SKIP_STORY:
                if explain:
                    explain.lines.append(f"story not coded: it contains {doc[m.start : m.end].text!r} (skip_story)")
                return []
        ents = doc.ents  # once per article: Span.ents rescans the whole Doc each time
        kept = _not_personal_names([m for m in mentions if m.kind not in SKIP_KINDS], ents, doc)
        # a surname some other person in the story bears ("Nirav Modi") is nobody's bare surname here
        shadowed = frozenset(doc[m.start].text for m in set(mentions) - set(kept) if m.kind in (KIND_PERSON, KIND_SHORT))
        at: list[Mention | None] = [None] * len(doc)
        for m in kept:
            for i in range(m.start, m.end):
                at[i] = m
        ctx = _ArticleContext(shadowed=shadowed)
        run = _SentenceRun(self, doc, self._doc_words(doc, lemma, lower), kept, at, ctx, publication_date, ents)
        events: list[Event] = []
        for index, sent in enumerate(doc.sents):
            skip = next((m for m in skips if sent.start <= m.start < sent.end), None)
            if skip is not None:
                if explain:
                    explain.lines.append(f"[s{index}] not coded: it contains {doc[skip.start : skip.end].text!r} (skip_sentence)")
                continue
            for ev in run.code_sentence(sent, index, explain):
                events.append(
                    Event(
                        article_id=article_id,
                        sentence_index=index,
                        publication_date=publication_date,
                        publisher=publisher,
                        url=url,
                        **ev,
                    )
                )
        # eventcode.newsday: an event whose sentence names no time takes the story's news day
        if news_day:
            events = newsday.settle(events, newsday.news_day(((e, None if g is None else doc[g]) for e, g in run._date_clauses()), publication_date))
        if self.places is not None:  # issue 13: third-location meetings, dateline fallback
            events = self.places.settle(events, dateline, [a.country for a in ctx.recent])
        return events


class _SentenceRun:
    """The per-article working state of one :meth:`Coder.code_doc` call."""

    def __init__(
        self,
        coder: Coder,
        doc: Doc,
        words: list[_Word],
        mentions: list[Mention],
        at: list[Mention | None],
        ctx: _ArticleContext,
        pub: dt.date | None,
        ents: tuple[Span, ...],
    ) -> None:
        self.coder = coder
        self.actors = coder.actors
        self.doc = doc
        self.at = at
        self.ctx = ctx
        self.pub = pub
        self.sentence_actors: list[tuple[int, Actor]] = []
        self.words = words
        self._mentions = mentions  # the actor mentions (no skip phrases), in text order
        self._mention_starts = [m.start for m in mentions]
        self._vocabulary: set[str] | None = None
        # "Wednesday night", "last night" are TIME entities; a clock time alone says nothing of the day
        self._date_ents = [e for e in ents if e.label_ == "DATE" or e.label_ == "TIME" and not any(t.like_num for t in e)]
        self._dated_clauses: list[tuple[Span, int | None]] | None = None  # (date, its clause verb), on demand
        self._person_ents = [e for e in ents if e.label_ == "PERSON"]

    # ------------------------------------------------------------------ sentences
    def code_sentence(self, sent: Span, index: int, explain: Explanation | None) -> Iterator[dict]:
        self.sentence_actors = self._standalone_actors(sent)
        for _, actor in self.sentence_actors:
            if actor.rule.startswith("people:"):
                self.ctx.persons_seen.add(actor.rule.split(":")[1])
        self._learn_people(sent)
        seen: set[tuple[str, str, str]] = set()
        found: list[dict] = []  # this sentence's events; the verbs' first, for the noun coder
        doc, words = self.doc, self.words
        for i in range(sent.start, sent.end):
            patterns = words[i].patterns
            if not patterns:
                continue
            token = doc[i]
            if not _is_verb(token):
                continue
            fit = _best_fit(token, words, self.at, self.vocabulary)
            if fit is None:
                if explain:
                    explain.add(index, token, f"no pattern fits (candidates: {', '.join(p.id for p in patterns[:8])}{' …' if len(patterns) > 8 else ''})")
                continue
            if fit.pattern.code == NULL_CODE:
                if explain:
                    explain.add(index, token, f"null pattern {fit.pattern.id} fits: no event")
                continue
            produced = 0
            for ev in self._events_for(token, fit, sent, explain, index):
                key = (ev["source"].code, ev["target"].code, ev["cameo_code"])
                if key in seen:
                    continue
                seen.add(key)
                produced += 1
                ev = background.apply(ev, token, self.pub)  # hook: background mentions (eventcode.background)
                found.append(ev)
                weighing = weighed_option(token) if ev["mood"] == "modal" and not ev["negated"] else None
                if weighing is not None and (key014 := (ev["source"].code, ev["target"].code, "014")) not in seen:
                    # "Japan is considering lifting sanctions on India": the weighing happened (CAMEO 014)
                    seen.add(key014)
                    negated, mood = negation_and_mood(weighing, None)
                    found.append(background.apply({**ev, "cameo_code": "014", "rule": f"consider-option<{ev['rule']}>", "verb_text": f"{weighing.text} {ev['verb_text']}", "mood": mood, "negated": negated, "intended_code": "", "date": self._date_for(weighing, mood)}, weighing, self.pub))
            if explain and produced:
                explain.add(index, token, f"pattern {fit.pattern.id} ({fit.pattern.code}) → {produced} event(s)")
        found.extend(ev for ev in self._reported_demands(sent) if (ev["source"].code, ev["target"].code, ev["cameo_code"]) not in seen)
        if self.coder.nouns is not None:  # hook: events carried by nouns (eventcode.nominal), after the verbs'
            found.extend(self._nominal_events(sent, index, list(found), explain))
        if self.coder.verbs.conventions == "eventcode":
            found = _without_generic_intents(_visits_and_hosts([_as_intent(ev) for ev in _declined_yields(found)]))
        yield from found
        self.ctx.recent.extend(a for _, a in self.sentence_actors)
        del self.ctx.recent[:-30]

    def _nominal_events(self, sent: Span, index: int, coded: list[dict], explain: Explanation | None) -> Iterator[dict]:
        """Events of the sentence's event nouns (see :mod:`eventcode.nominal`), with the verb
        coder's actor resolution and dating lent to it."""
        ctx = nominal.NominalContext(actors_of=self._actors_of, actor_at=self._actor_at, date_for=self._clause_date, pub=self.pub, is_actor_word=lambda i: self.at[i] is not None, country_named=self._country_named,
                                     dyad=lambda i: self.ctx.dyad(i, self.sentence_actors), place_host=self._place_host)
        for ev in nominal.code_nouns(self.coder.nouns, sent, coded, ctx):
            if explain:
                explain.lines.append(f"[s{index}] noun {ev['verb_text']!r}: {ev['rule']} ({ev['cameo_code']}) {ev['source'].code} → {ev['target'].code}")
            yield ev

    def _place_host(self, tok: Token, actors: list[Actor]) -> Actor | None:
        """The country of the place a visit noun's to-phrase names (eventcode.places), if any."""
        if self.coder.places is None:
            return None
        return self.coder.places.host_of(tok, actors, lambda: [*self.ctx.recent, *(a for _, a in self.sentence_actors)])

    def _country_named(self, text: str, day: dt.date | None) -> str:
        """The country a dictionary name denotes as written ("Japan", "U.S.", "Japanese"), or ""."""
        entry = self.actors.named_on(text, day)
        return entry.country if entry is not None and entry.kind in ("name", "short_name", "adjective", "demonym") else ""

    def _actor_at(self, i: int, day: dt.date | None) -> Actor | None:
        """The actor of the mention covering token ``i``, on its own (no sector from the phrase)."""
        m = self.at[i] if i < len(self.at) else None
        return self._mention_actor(m, day, sector="") if m is not None else None

    def _clause_date(self, token: Token, mood: str) -> EventDate:
        """The date of the clause a word sits in (an event noun's, when its phrase has none)."""
        verb = _clause_verb(token)
        return self._date_for(verb, mood) if verb is not None else dates.publication(self.pub)

    def vocabulary(self) -> set[str]:
        """Every lemma and form in the Doc that some pattern names as an object noun, so that a
        verb whose object nouns occur nowhere in it need not collect the words of its subtree."""
        if self._vocabulary is None:
            self._vocabulary = {w for word in self.words if word.as_object for w in word.as_object}
        return self._vocabulary

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

    # ------------------------------------------------------------------ events
    def _events_for(self, verb: Token, fit: _Fit, sent: Span, explain: Explanation | None, index: int) -> Iterator[dict]:
        pattern = fit.pattern
        passive = _is_passive(verb)
        negated, mood = negation_and_mood(verb, fit.obj)
        date = self._date_for(verb, mood)
        day = dates.reference_day(date, self.pub)  # offices on the event's date (eventcode.dates)
        subj = next((t for t in (fit.source, fit.group) if t is not None), None)
        source_path = "phrase"
        if subj is None:
            subj = _subject(verb, passive)
            source_path = "agent" if passive else "subject"
            if fit.target is not None and subj is not None and subj.i == fit.target.i:
                # "Gondor noted that *Mordor* regretted …" with the phrase "noted + *": the verb's
                # own subject is the target, so the source is the governing clause's subject
                subj = next((_subject(g, _is_passive(g)) for g in _governors(verb)), None)
        sources = self._actors_of(subj, day) if subj is not None else []
        if not sources and subj is not None and verb.dep_ == "acl" and subj.i == verb.head.i and subj.dep_ in _OBJ and _is_verb(subj.head):
            # "the parliament approved a resolution criticising Managua": what its author says
            author = _subject(subj.head, _is_passive(subj.head))
            if author is not None:
                sources = self._actors_of(author, day)
                subj = author if sources else subj
        if not sources and subj is not None and subj.head.i == verb.i:
            # "Lions, tigers, and Gondor welcomed …" parsed with two subjects: try the others
            for other in (c for c in verb.children if c.dep_ == subj.dep_ and c.i != subj.i):
                sources = self._actors_of(other, day)
                if sources:
                    subj = other
                    break
        targets: list[Actor] = []
        target_path = "phrase"
        if fit.target is not None:
            targets = self._actors_of(fit.target, day, partner=sources[0] if sources else None)
        for slot in () if fit.target is not None or fit.group is not None else pattern.targets:
            for tok in _slot_tokens(verb, slot, fit, passive, self.at):
                if subj is not None and tok.i == subj.i:
                    continue
                found = self._actors_of(tok, day, partner=sources[0] if sources else None)
                if not found and slot in ("to", "for"):
                    # "loans for new projects in India", "aid to hospitals in Gaza": the place of
                    # what the act is for is its recipient
                    for inner in (x for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for x in c.children if x.dep_ == "pobj"):
                        found = [a for a in self._actors_of(inner, day) if _named(a)]
                        break
                targets.extend(a for a in found if a not in targets)
            if targets:
                target_path = _SLOT_PATHS.get(slot, "prep")
                break
        if sources and fit.group is None and fit.target is None and pattern.targets and not any(_named(a) for a in targets):
            # the slots the pattern names hold no actor: look where real sentences put the target
            found, path = self._deeper_targets(verb, fit, subj, sources, day, last_resort=not targets)
            if found:
                targets, target_path = found, path
        sources = [_on_path(a, source_path) for a in sources]
        targets = [_on_path(a, target_path) for a in targets]
        if self.coder.verbs.conventions == "eventcode":
            sources, targets = self._counterparts_inferred(verb, sources, targets)
        # issue 13: the event's place, and a visit's host from it when the text names none (eventcode.places)
        place, sources, targets = self.coder.places.locate(verb, fit.obj, fit.particle, pattern.code, sources, targets, lambda: [*self.ctx.recent, *(a for _, a in self.sentence_actors)]) if self.coder.places else (None, sources, targets)
        notes: tuple[str, ...] = ()
        pairs: list[tuple[Actor, Actor]] = []
        reverse: list[tuple[Actor, Actor]] = []  # (target, source) pairs coded with the reverse code
        if fit.group is not None:
            pairs = list(itertools.permutations(sources, 2))
        elif sources and targets:
            pairs = [(s, t) for s in sources for t in targets]
            if pattern.reverse:
                reverse = [(t, s) for s, t in pairs]
            if pattern.symmetric and len(sources) > 1:
                pairs += list(itertools.permutations(sources, 2))
            if pattern.symmetric and not pattern.reverse and pattern.code[:2] != "03" and self.coder.verbs.conventions == "eventcode":
                # a reciprocal act ("held talks with", "signed a pact with") in both directions;
                # not an agreement to act, which may be one-sided ("agreed to lend to India")
                pairs += [(t, s) for s, t in pairs if (t, s) not in pairs]
        elif pattern.symmetric:
            between = [a for tok in _prep_objects(verb, "between", fit) for a in self._actors_of(tok, day)]
            if sources and between:
                pairs = [(s, t) for s in sources for t in between]
            elif len(sources) > 1:
                pairs = list(itertools.permutations(sources, 2))
            elif len(between) > 1:
                pairs = list(itertools.permutations(between, 2))
                notes = ("participants from 'between' phrase",)
            elif not sources and (passive or verb.dep_ == "acl" and verb.tag_ == "VBN") and not any(c.dep_ == "agent" for c in verb.children):
                # no agent named at all ("a pact was signed"), not one that is no actor
                dyad = self.ctx.dyad(verb.i, self.sentence_actors)
                if dyad:
                    a, b = (_from_context(x) for x in dyad)
                    pairs = [(a, b), (b, a)]
                    notes = ("participants from article context",)
        if explain and not pairs:
            why = "no source actor" if not sources else "no target actor"
            explain.add(index, verb, f"pattern {pattern.id} fits but {why} (subject: {subj.text if subj is not None else '—'!r})")
        if sources:
            if len(sources) > 1:
                self.ctx.last_group = tuple(sources)
        verb_text = " ".join(t.text for t in sorted(filter(None, (verb, fit.particle, fit.obj)), key=lambda t: t.i))
        coded = [(s, t, pattern.code) for s, t in pairs] + [(t, s, pattern.reverse) for t, s in reverse]
        for src, tgt, code in coded:
            if code[:2] == "04" and "sector-only" in (src.rule, tgt.rule) and self.coder.verbs.conventions == "eventcode":
                # "the ambassador met the press / some businessmen": a meeting with an unnamed
                # group of no country is no consultation between two political actors
                if explain:
                    explain.add(index, verb, f"pattern {pattern.id}: {src.code} → {tgt.code} is a meeting with a role of no country; no event")
                continue
            if _same_actor(src, tgt):
                if explain:
                    explain.add(index, verb, f"pattern {pattern.id}: source equals target ({src.code}); no event")
                continue
            if src.country and tgt.country and src.country != tgt.country:
                self.ctx.event_dyad = (src, tgt)
            yield {
                "source": src,
                "target": tgt,
                "cameo_code": code,
                "rule": pattern.id,
                "verb_text": verb_text,
                "sentence": sent.text.strip(),
                "date": date,
                "negated": negated,
                "mood": mood,
                "notes": notes,
                "intended_code": "",
                "place": place,  # issue 13
            }

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

    # ------------------------------------------------------------------ reported speech
    def _reported_demands(self, sent: Span) -> Iterator[dict]:
        """"X said Y must open its markets", "Y should stop the tests, X said": the speaker
        demands the act of Y (CAMEO 10x, by what is demanded), whatever the speech verb's place.
        "X said Y had violated the accord": the speaker accuses Y (112)."""
        for verb in sent:
            lemma = verb.lemma_.lower()
            if lemma not in _DEMAND_SPEECH | _STANCE_SPEECH or not _is_verb(verb):
                continue
            # "X said Y must …", and "X restated its view that Y should …" (the clause on a stance noun)
            said = [c for c in verb.children if c.dep_ == "ccomp"] if lemma in _DEMAND_SPEECH else []
            stated = [c for o in verb.children if o.dep_ == "dobj" and o.lemma_.lower() in _STANCE_NOUNS for c in o.children if c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
            for clause in said + stated:
                auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
                must = bool(auxes & OBLIGATION_MODALS) or clause.lemma_.lower() == "have" and any(x.dep_ == "xcomp" and any(a.tag_ == "TO" for a in x.children) for x in clause.children)
                accused = clause.lemma_.lower() in _VIOLATIONS and not auxes & (OBLIGATION_MODALS | {"may", "might", "could", "would", "will"})
                if not (must or accused) or any(c.dep_ == "neg" for c in clause.children):
                    continue
                speaker = _subject(verb, _is_passive(verb))
                demanded = next((c for c in clause.children if c.dep_ in _SUBJ), None)
                if speaker is None or demanded is None:
                    continue
                date = self._date_for(verb, "asserted")
                day = dates.reference_day(date, self.pub)
                sources = [a for a in self._actors_of(speaker, day) if _named(a)]
                targets = [a for a in self._actors_of(demanded, day, partner=sources[0] if sources else None) if _named(a)]
                act = clause if clause.lemma_.lower() != "have" else next(x for x in clause.children if x.dep_ == "xcomp")
                fit = _best_fit(act, self.words, self.at, self.vocabulary) if self.words[act.i].patterns and _is_verb(act) else None
                code = "112" if accused and not must else demand_code(fit.pattern.code if fit is not None and fit.pattern.code != NULL_CODE else None)
                for src in sources:
                    for tgt in targets:
                        if _same_actor(src, tgt):
                            continue
                        yield {
                            "source": _on_path(src, "subject"),
                            "target": _on_path(tgt, "reported"),
                            "cameo_code": code,
                            "rule": "reported-accusation" if code == "112" else "reported-demand",
                            "verb_text": f"{verb.text} … {act.text}" if code == "112" else f"{verb.text} … {' '.join(sorted(auxes & OBLIGATION_MODALS)) or 'has to'} {act.text}",
                            "sentence": sent.text.strip(),
                            "date": date,
                            "negated": any(c.dep_ == "neg" for c in verb.children),
                            "mood": "asserted",
                            "notes": (),
                            "intended_code": "",
                        }

    # ------------------------------------------------------------------ deeper roles
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
        for obj in dict.fromkeys(objects):
            for t in (obj, *obj.conjuncts):
                for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        found = keep(self._actors_of(pobj, day, partner))
                        # one step further: "stopped loans for new projects in India"
                        for inner in (x for c in pobj.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS | {"in"} for x in c.children if x.dep_ == "pobj"):
                            found = found or keep(self._actors_of(inner, day, partner))
                        if found:
                            return found, "object-prep"
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
        for c in verb.children:
            if c.dep_ == "xcomp":
                for o in (x for x in c.children if x.dep_ in _OBJ | {"dative"}):
                    found = keep(self._actors_of(o, day, partner))
                    if not found and c.lemma_.lower() in _PROJECT_VERBS:
                        found = keep(self._project_place(c, o, day))
                    if found:
                        return found, "complement"
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
        return [], ""

    # ------------------------------------------------------------------ actors
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
        return m.start > 0 and self.doc[m.start - 1].lower_ in _TITLES and text in self.coder.sole_short_names

    def _leader_by_surname(self, m: Mention, text: str, day: dt.date | None) -> str | None:
        """"Nakasone said …" in 1987, "Blair, Chirac agree …" in a headline: a bare surname borne on
        that day by one leader in the dictionary, and by no other person in the story, is that
        leader. Ministers' surnames are too often other people's ("Suzuki", "Baker"); out of
        office there is no telling."""
        tok = self.doc[m.start]
        if text in self.ctx.shadowed or tok.tag_ not in ("NNP", "NN") or tok.dep_ in ("compound", "amod") and tok.ent_type_ != "PERSON":
            return None
        holders = [(pid, role) for pid in self.coder.short_owners.get(text, ()) if (role := self.actors.people[pid].role_on(day)) is not None]
        if len(holders) == 1 and holders[0][1].role.split(" (")[0] in _LEADER_OFFICES:
            return holders[0][0]
        return None

    def _mention_actor(self, m: Mention, day: dt.date | None, sector: str, former: bool = False) -> Actor | None:
        text = self.doc[m.start : m.end].text
        if m.kind in (KIND_PERSON, KIND_SHORT):
            key: str | None = m.key
            if m.kind == KIND_SHORT and m.key not in self.ctx.persons_seen and not self._titled(m, text):
                key = self._leader_by_surname(m, text, day)
                if key is None:
                    return None
            person = self.actors.people[key]
            code, psector, rule = person.code_on(day)
            if former:
                code, psector = f"{person.country}ELI", "ELI"
            elif person.role_on(day) is None and sector and sector != "ELI":
                # no office of theirs on file for the day, but the text gives one ("Vice President
                # George Bush" in 1987): the text's title is the better witness
                code, psector, rule = f"{person.country}{sector}", sector, f"{rule}+title"
            return Actor(code=code, country=person.country, sector=psector, text=text, start=m.start, end=m.end, rule=rule)
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
        former = any(t.lower_ in _FORMER for t in phrase)
        mentions = []
        for t in phrase:
            m = self.at[t.i]
            if m is not None and m not in mentions:
                mentions.append(m)
        sector = self._sector(mentions, h)
        if not sector and h.tag_ == "NNP" and h.lower_.rstrip(".") in _COMPANY_SUFFIXES and any(m.kind == KIND_NAMED for m in mentions):
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
        company = h.ent_type_ == "ORG" or h.tag_ == "NNP" and h.lower_.rstrip(".") in _COMPANY_SUFFIXES
        if sector or _singular(h) in _COLLECTIVE or h.ent_type_ == "PERSON" or company:
            # ("Zhao Ziyang of China", "Continental Grain Co of the United States": a person or a
            # company named with the country they belong to)
            owned = sector or ("BUS" if company and any(t.lower_.rstrip(".") in _COMPANY_SUFFIXES for t in phrase) else "")
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
        if sector and not former:
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

    # ------------------------------------------------------------------ dates
    def _date_clauses(self) -> list[tuple[Span, int | None]]:
        """Each date expression with the index of the verb whose clause it sits in, found once
        per article rather than once per coded verb."""
        if self._dated_clauses is None:
            # a year modifying a noun ("lifted its 1998 sanctions") dates the noun, not the clause
            self._dated_clauses = [(ent, None if newsday.dates_noun(ent) or (verb := _clause_verb(ent.root)) is None else verb.i) for ent in self._date_ents]
        return self._dated_clauses

    def _date_for(self, verb: Token, mood: str) -> EventDate:
        own_tense = "future" if mood in ("modal", "intended") and has_future_marker(verb) else tense(verb)
        for candidate in (verb, *_governors(verb)):
            # a date on the governing verb is read in that verb's tense ("agreed on Tuesday to deepen")
            when = own_tense if candidate.i == verb.i else tense(candidate)
            for ent, governor in self._date_clauses():
                if governor == candidate.i:
                    resolved = dates.resolve(ent.text, self.pub, when)
                    if resolved is not None:
                        return resolved
        return dates.publication(self.pub)


# ---------------------------------------------------------------------- parse helpers


























































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












def _not_personal_names(mentions: list[Mention], ents: tuple[Span, ...], doc: Doc) -> list[Mention]:
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






#: Breaking a rule or an agreement: "X said Y had violated …" is X's accusation of Y.
_VIOLATIONS = frozenset({"violate", "breach", "flout", "contravene", "infringe", "break", "undermine"})
#: Verbs of saying whose "Y must …" complement is the speaker's demand on Y.
_DEMAND_SPEECH = frozenset({"say", "insist", "declare", "state", "add", "stress", "argue", "maintain", "reiterate", "tell", "write", "believe", "feel", "allege", "charge", "complain"})
#: Verbs that state a stance noun ("restated its view that …"), and the nouns whose that-clause says what the speaker demands.
_STANCE_SPEECH = frozenset({"restate", "reiterate", "repeat", "reaffirm", "state", "express", "convey", "stress", "underline", "set"})
_STANCE_NOUNS = frozenset({"view", "position", "stance", "belief", "opinion", "demand", "insistence", "line"})
#: Where each pattern slot puts the target, for ``target_path``.
_SLOT_PATHS = {"dobj": "object", "dative": "object", "ccomp": "complement", "after": "phrase"}
#: Endings of company names ("Continental Grain Co", "Diamant Boart SA").
_COMPANY_SUFFIXES = frozenset({"co", "corp", "inc", "ltd", "plc", "gmbh", "ag", "sa", "ab", "nv", "bv", "spa", "kk", "llc", "company", "corporation"})
#: Verbs of building something for a country: the place of the work is its beneficiary.
_PROJECT_VERBS = frozenset({"build", "construct", "fund", "finance", "develop", "establish", "rebuild", "upgrade", "modernise", "modernize", "renovate", "restore", "equip"})
#: Prepositions that lead from an object noun to the party it is aimed at ("sanctions on X").
_TARGET_PREPS = frozenset({"to", "with", "against", "on", "toward", "towards", "into", "over", "for", "from"})


def _names_members(h: Token, prep: Token) -> bool:
    """"countries including Kenya and Norway", "nations such as …", "allies like …": the list is who
    the plural group noun stands for."""
    return h.tag_ in ("NNS", "NNPS") and (prep.lower_ in ("including", "like") or prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children))


def _unplaced_official(actor: Actor) -> bool:
    """A state official or body the text names by role alone, with no country anywhere."""
    return actor.rule == "sector-only" and actor.sector in ("GOV", "MIL", "LEG", "ELI")
