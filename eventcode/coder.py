"""Turning parsed sentences into CAMEO event records.

The coder walks each sentence's verbs. For a verb whose lemma has patterns in the action
dictionary it picks the most specific pattern that fits the parse, finds the source actor
(subject, passive ``by``-agent, or the subject shared with a governing verb) and the target
actor (the pattern's slots: direct object or a prepositional object), expands coordinated and
collective actors into each direction, and records negation, mood and the event date.

Who a phrase denotes, and where a target outside the pattern's slots hides, is
:mod:`eventcode.roles`. Article-level context (who was mentioned, which pair of countries the
story is about, the last person named) lives in a per-article object, so "both leaders", "his
Japanese counterpart" and "they" resolve from the story so far. Nothing is kept between articles.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import background, dates, newsday, nominal, places
from .actions import NULL_CODE, VerbDictionary, load_verbs
from .actors import (
    KIND_PERSON,
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
from .conventions import _as_intent, _declined_yields, _from_context, _named, _on_path, _same_actor, placed, _specific_appeals, _visits_and_hosts, _without_generic_intents
from .fitting import _best_fit, _Fit, _prep_objects, _slot_tokens, _Word
from .roles import REFERRING_WORDS, TARGET_PREPS, ArticleContext, RoleFinder, not_personal_names
from .syntax import _PASS_SUBJ, _claimant, _clause_verb, _governors, _is_passive, _is_verb, _np_head, _OBJ, _SUBJ, _subject

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["REFERRING_WORDS", "Coder", "Explanation"]

#: Breaking a rule or an agreement: "X said Y had violated …" is X's accusation of Y.
_VIOLATIONS = frozenset({"violate", "breach", "flout", "contravene", "infringe", "break", "undermine"})
#: Verbs of saying whose "Y must …" complement is the speaker's demand on Y.
_DEMAND_SPEECH = frozenset({"say", "insist", "declare", "state", "add", "stress", "argue", "maintain", "reiterate", "tell", "write", "believe", "feel", "allege", "charge", "complain"})
#: Verbs that state a stance noun ("restated its view that …"), and the nouns whose that-clause says what the speaker demands.
_STANCE_SPEECH = frozenset({"restate", "reiterate", "repeat", "reaffirm", "state", "express", "convey", "stress", "underline", "set"})
_STANCE_NOUNS = frozenset({"view", "position", "stance", "belief", "opinion", "demand", "insistence", "line"})
#: Measures one party keeps on another, and the visits it makes: in a passive with no agent ("the
#: sanctions on Iran were lifted", "the minister's trip to Oslo was called off") their owner is the
#: one acting.
_MEASURE_NOUNS = frozenset({"sanction", "embargo", "ban", "restriction", "curb", "tariff", "duty", "boycott", "blockade", "aid", "loan", "assistance", "grant", "credit", "visit", "trip", "tour"})
#: CAMEO's arrest or detention (173): made, when the text names no agent, by the local police.
ARREST_CODE = "173"
#: Where each pattern slot puts the target, for ``target_path``.
_SLOT_PATHS = {"dobj": "object", "dative": "object", "ccomp": "complement", "after": "phrase"}


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
        # who bears each short name: one alone resolves after a title, a leader in office alone
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
        kept = not_personal_names([m for m in mentions if m.kind not in SKIP_KINDS], ents, doc)
        # a surname some other person in the story bears ("Nirav Modi") is nobody's bare surname here
        shadowed = frozenset(doc[m.start].text for m in set(mentions) - set(kept) if m.kind in (KIND_PERSON, KIND_SHORT))
        at: list[Mention | None] = [None] * len(doc)
        for m in kept:
            for i in range(m.start, m.end):
                at[i] = m
        ctx = ArticleContext(shadowed=shadowed)
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


class _SentenceRun(RoleFinder):
    """The per-article working state of one :meth:`Coder.code_doc` call (its role finding:
    :class:`~eventcode.roles.RoleFinder`, which reads the attributes set here)."""

    def __init__(
        self,
        coder: Coder,
        doc: Doc,
        words: list[_Word],
        mentions: list[Mention],
        at: list[Mention | None],
        ctx: ArticleContext,
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
            if actor.rule.startswith("people:"):  # a guessed surname stays a guess in the rest of the story
                (self.ctx.persons_guessed if actor.inferred else self.ctx.persons_seen).add(actor.rule.split(":")[1])
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
            found = _without_generic_intents(_visits_and_hosts([_as_intent(ev, self.pub) for ev in _specific_appeals(_declined_yields(found))]))
        for ev in found:
            src, tgt = ev["source"], ev["target"]
            if ev["cameo_code"][:2] <= "08" and src.country and tgt.country and src.country != tgt.country and not ev["negated"]:
                self.ctx.partners = (src, tgt)
        yield from found
        self.ctx.recent.extend(a for _, a in self.sentence_actors)
        del self.ctx.recent[:-30]

    def _nominal_events(self, sent: Span, index: int, coded: list[dict], explain: Explanation | None) -> Iterator[dict]:
        """Events of the sentence's event nouns (see :mod:`eventcode.nominal`), with the verb
        coder's actor resolution and dating lent to it."""
        ctx = nominal.NominalContext(actors_of=self._actors_of, actor_at=self._actor_at, date_for=self._clause_date, pub=self.pub, is_actor_word=lambda i: self.at[i] is not None, country_named=self._country_named,
                                     dyad=lambda i: self.ctx.dyad(i, self.sentence_actors), place_host=self._place_host, partners=lambda: self.ctx.partners)
        for ev in nominal.code_nouns(self.coder.nouns, sent, coded, ctx):
            if explain:
                explain.lines.append(f"[s{index}] noun {ev['verb_text']!r}: {ev['rule']} ({ev['cameo_code']}) {ev['source'].code} → {ev['target'].code}")
            yield ev

    def _place_host(self, tok: Token, actors: list[Actor]) -> Actor | None:
        """The country of the place a visit noun's to-phrase names (eventcode.places), if any."""
        if self.coder.places is None:
            return None
        return self.coder.places.host_of(tok, actors, lambda: [*self.ctx.recent, *(a for _, a in self.sentence_actors)])

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
        visitors = _visitors_addressed(verb) if pattern.code == places.VISIT else None
        if visitors is not None:
            # "X told visiting Y …" misread as "told (someone) visiting Y": Y visits X's country,
            # when X spoke to them (the governing verb's mood and date)
            subj, source_path = visitors, "subject"
            negated, mood = negation_and_mood(verb.head, None)
            date = self._date_for(verb, mood)
            day = dates.reference_day(date, self.pub)
        sources = self._actors_of(subj, day) if subj is not None else []
        if not sources and subj is not None and verb.dep_ == "acl" and subj.i == verb.head.i and subj.dep_ in _OBJ and _is_verb(subj.head):
            # "the parliament approved a resolution criticising Managua": what its author says
            author = _subject(subj.head, _is_passive(subj.head))
            if author is not None:
                sources = self._actors_of(author, day)
                subj = author if sources else subj
        if not sources and subj is not None and (claimant := _claimant(subj)) is not None:
            # "Gondor claimed responsibility for the bombing that killed …": the claimant did it
            sources = self._actors_of(claimant, day)
            subj, source_path = (claimant, "claimant") if sources else (subj, source_path)
        if not sources and _trailing_participle(verb) and (top := list(_governors(verb))[-1]).i != verb.head.i:
            # "X said it could act if the talks fail, accusing Y …": a trailing participle hung on
            # a subordinate clause whose subject is no actor is the main clause's act, in its mood
            up = _subject(top, _is_passive(top))
            found = self._actors_of(up, day) if up is not None else []
            if found:
                sources, subj = found, up
                negated, mood = negation_and_mood(top, None)
                date = self._date_for(top, mood)
        if not sources and subj is not None and subj.head.i == verb.i:
            # "Lions, tigers, and Gondor welcomed …" parsed with two subjects: try the others
            for other in (c for c in verb.children if c.dep_ == subj.dep_ and c.i != subj.i):
                sources = self._actors_of(other, day)
                if sources:
                    subj = other
                    break
        measure = None
        if not sources and passive and fit.group is None and not any(c.dep_ == "agent" and c.lower_ == "by" for c in verb.children):
            # "UN sanctions against Iran were lifted", "Japan's loans to India were suspended":
            # with no agent named (a by-phrase; not a verb the parser mislabels as one), the
            # owner of the measure acts on it
            measure = next((c for c in verb.children if c.dep_ in _PASS_SUBJ and c.lemma_.lower() in _MEASURE_NOUNS), None)
            if measure is not None:
                sources = [a for a in self._actors_of(measure, day) if _named(a)]
                subj, source_path = (measure, "possessor") if sources else (subj, source_path)
        if not sources and passive and pattern.code == ARREST_CODE and not any(c.dep_ == "agent" for c in verb.children):
            # "Kamau was arrested in Uganda": by that country's police
            sources, source_path = self._arresting_state(verb, day), "place"
        targets: list[Actor] = []
        target_path = "phrase"
        if fit.target is not None:
            targets = self._actors_of(fit.target, day, partner=sources[0] if sources else None)
        elif visitors is not None and (speaker := _subject(verb.head, _is_passive(verb.head))) is not None:
            targets, target_path = [a for a in self._actors_of(speaker, day) if a.country], "subject"
        for slot in () if fit.target is not None or fit.group is not None or visitors is not None else pattern.targets:
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
                    found = found or self._place_named_for(tok, sources)
                targets.extend(a for a in found if a not in targets)
            if targets:
                target_path = _SLOT_PATHS.get(slot, "prep")
                break
        if sources and not targets and (answerer := _answerer(verb)) is not None:
            # "accepted an invitation extended by X": the invitation was addressed to the one who answers it
            targets, target_path = [a for a in self._actors_of(answerer, day, partner=sources[0]) if _named(a)], "subject"
        if measure is not None and sources and not targets:
            targets = [a for p in measure.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS for x in p.children if x.dep_ == "pobj" for a in self._actors_of(x, day)]
            target_path = "object-prep"
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
        place, sources, targets = self.coder.places.locate(verb, fit.obj, fit.particle, pattern.code, sources, targets, lambda: [*self.ctx.recent, *(a for _, a in self.sentence_actors)], capital_at=lambda i: self._capital_at(i, day)) if self.coder.places else (None, sources, targets)
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
        joint = ""
        if not pairs and pattern.code == "150" and len({a.country for a in sources if a.country}) > 1 and self.coder.verbs.conventions == "eventcode":
            # "India and Japan conducted a passage exercise": an exercise two parties hold
            # together is military cooperation (062), not a show of force at anyone
            pairs, joint = list(itertools.permutations(sources, 2)), "062"
        if explain and not pairs:
            why = "no source actor" if not sources else "no target actor"
            explain.add(index, verb, f"pattern {pattern.id} fits but {why} (subject: {subj.text if subj is not None else '—'!r})")
        if sources:
            if len(sources) > 1:
                self.ctx.last_group = tuple(sources)
        verb_text = " ".join(t.text for t in sorted(filter(None, (verb, fit.particle, fit.obj)), key=lambda t: t.i))
        coded = [(s, t, joint or pattern.code) for s, t in pairs] + [(t, s, pattern.reverse) for t, s in reverse]
        if pattern.code[:2] == "02" and pairs and all(_adjudicator(t) for _, t in pairs) and self.coder.verbs.conventions == "eventcode":
            # "asked the WTO to examine India's duties": a formal complaint against the party whose
            # act the body is asked to judge (CAMEO 115, bring lawsuit against)
            coded += [(s, a, _LAWSUIT) for s in sources for a in self._judged_parties(verb, sources, day)]
        if place is not None and place.country and self.coder.verbs.conventions == "eventcode":
            coded = [(placed(s, place.country), placed(t, place.country), code) if code[:2] == "04" else (s, t, code) for s, t, code in coded]
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

    def _judged_parties(self, verb: Token, sources: list[Actor], day: dt.date | None) -> list[Actor]:
        """The named parties of another country in what an adjudicating body is asked to do."""
        own = {a.country for a in sources}
        found: list[Actor] = []
        for clause in (c for c in verb.children if c.dep_ == "xcomp"):
            for tok in clause.subtree:
                m = self.at[tok.i]
                if m is None or m.start != tok.i:
                    continue
                found += [_on_path(a, "complement") for a in self._actors_of(_np_head(self.doc[m.end - 1]), day) if _named(a) and a.country and a.country not in own and not _adjudicator(a) and a not in found]
        return found

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
                if len(sources) > 1 and {a.country for a in targets} <= {a.country for a in sources}:
                    continue  # "Kenya and Uganda said their countries should cooperate": no demand on each other
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
        candidates = [verb, *_governors(verb)]
        if verb.dep_ == "acl" and (clause := _clause_verb(verb.head)) is not None:
            # a participle on a noun ("an invitation extended by X") with no date of its own is
            # dated by the clause the noun sits in, as an event noun is
            candidates += [clause, *_governors(clause)]
        for candidate in candidates:
            # a date on the governing verb is read in that verb's tense ("agreed on Tuesday to deepen")
            when = own_tense if candidate.i == verb.i else tense(candidate)
            for ent, governor in self._date_clauses():
                if governor == candidate.i:
                    resolved = dates.resolve(ent.text, self.pub, when)
                    if resolved is not None:
                        return resolved
        return dates.publication(self.pub)


def _trailing_participle(verb: Token) -> bool:
    """A participle clause set off by a comma after its clause, with no subject of its own
    ("…, accusing Y of …")."""
    return (verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > verb.head.i and verb.i > 0 and verb.doc[verb.i - 1].text == ","
            and not any(c.dep_ in _SUBJ for c in verb.children))


#: Verbs whose object is the person addressed or received ("told/briefed/greeted visiting
#: ministers"): an "-ing" visit right after one with no object of its own qualifies that object.
_ADDRESSING = frozenset({"tell", "brief", "inform", "assure", "greet", "welcome", "receive", "meet", "host", "thank", "urge", "ask", "invite", "address", "warn", "entertain", "honour", "honor", "accompany", "escort", "remind", "reassure"})


def _visitors_addressed(verb: Token) -> Token | None:
    """The object of a "visiting" the parser made the complement of an addressing verb that has
    no object ("told visiting Indian ministers"): the visitors; else None."""
    gov = verb.head
    if verb.lower_ != "visiting" or verb.dep_ != "xcomp" or gov.i == verb.i or gov.lemma_.lower() not in _ADDRESSING:
        return None
    if any(c.dep_ in _OBJ or c.dep_ == "dative" for c in gov.children):
        return None
    return next((c for c in verb.children if c.dep_ in _OBJ), None)


#: Offers and invitations, and the verbs by which their addressee answers them.
_ADDRESSED_NOUNS = frozenset({"invitation", "invite", "offer", "proposal", "request", "overture"})
_ANSWERING = frozenset({"accept", "decline", "reject", "refuse", "welcome", "receive", "consider", "spurn", "rebuff", "snub"})


def _answerer(verb: Token) -> Token | None:
    """The subject of the verb answering the offer a participle qualifies ("Y accepted an
    invitation extended by X": Y), or None."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or noun.lemma_.lower() not in _ADDRESSED_NOUNS or noun.dep_ not in _OBJ:
        return None
    answer = noun.head
    if answer.lemma_.lower() not in _ANSWERING or not _is_verb(answer):
        return None
    return _subject(answer, _is_passive(answer))


#: Bodies that judge disputes between parties (courts, tribunals, the WTO's dispute settlement).
_ADJUDICATING_BODIES = frozenset({"IGOWTO", "IGOITL"})
_LAWSUIT = "115"


def _adjudicator(actor: Actor) -> bool:
    return actor.code in _ADJUDICATING_BODIES or "JUD" in actor.code[3:]
