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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from . import background, dates, nominal, places
from .actions import GROUP_MARK, NULL_CODE, SKIP_MARK, SLOT_MARKS, SOURCE_MARK, TARGET_MARK, VERB_MARK, ObjectSpec, Phrase, VerbDictionary, VerbPattern, load_verbs
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
from .mood import FUTURE_MODALS, OBLIGATION_MODALS, demand_code, has_future_marker, intent_code, negation_and_mood
from .records import Actor, Event, EventDate

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# Dependency labels (spaCy's English ClearNLP-style scheme).
_SUBJ = {"nsubj"}
_PASS_SUBJ = {"nsubjpass"}
_OBJ = {"dobj", "obj"}
_NP_INNER = {"compound", "amod", "poss", "nmod", "appos", "flat", "det", "predet", "nummod", "case", "punct", "npadvmod", "quantmod", "advmod"}
_PARTITIVES = {"round", "series", "set", "number", "host", "lot", "couple", "range", "raft", "slew", "batch", "pair", "kind", "type", "form", "part", "fresh", "new"}
_COLLECTIVE = {
    "country", "nation", "side", "leader", "minister", "government", "premier", "neighbour",
    "neighbor", "partner", "delegation", "navy", "military", "army", "force", "state", "party",
    "democracy", "ally", "power", "capital", "counterpart", "official", "diplomat", "prime",
    "team", "economy", "chief", "head", "secretary", "envoy", "ambassador",
}
_FORMER = {"former", "ex", "ex-", "erstwhile", "then"}
_PLURAL_PRONOUNS = {"they", "them", "both"}
_SINGULAR_PERSON_PRONOUNS = {"he", "him", "she", "her"}
_PRONOUN_TAGS = {"PRP", "PRP$"}
# words that put a person's office or honorific right before their surname
_TITLES = {
    "pm", "president", "premier", "minister", "chancellor", "secretary", "counterpart", "king", "emperor",
    "ambassador", "envoy", "governor", "senator", "sen.", "general", "gen.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.",
    "dr", "dr.", "shri", "smt", "smt.", "san", "chief", "leader", "speaker", "spokesman", "spokesperson", "commander",
    "admiral", "marshal", "prince", "queen", "emir", "sheikh", "chairman", "chairperson", "mayor",
}
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
    event_dyad: tuple[Actor, Actor] | None = None

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


class _Word(NamedTuple):
    """A token's lowercased lemma and form, and the verb patterns listed under either."""

    lemma: str
    lower: str
    patterns: tuple[VerbPattern, ...]
    object_heads: frozenset[str]  # every object noun the patterns name
    # each pattern with the particles of its verb entries for this word, in row order ("" for none)
    entries: tuple[tuple[VerbPattern, tuple[str, ...]], ...]
    as_object: frozenset[str]  # its lemma and form where some pattern names them as an object noun

    @classmethod
    def make(cls, lemma: str, lower: str, patterns: tuple[VerbPattern, ...], object_nouns: frozenset[str]) -> _Word:
        forms = {lemma, lower}
        return cls(
            lemma,
            lower,
            patterns,
            frozenset().union(*(p.object_heads for p in patterns)),
            tuple((p, tuple(particle for v, particle in p.verbs if v in forms)) for p in patterns),
            frozenset(forms & object_nouns),
        )


@dataclass(frozen=True, slots=True)
class _Fit:
    pattern: VerbPattern
    obj: Token | None
    particle: Token | None
    source: Token | None = None  # from a phrase's "$" slot
    target: Token | None = None  # from a phrase's "+" slot
    group: Token | None = None  # from a phrase's "%" slot: members act on each other


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
    ) -> list[Event]:
        """Events of one article's Doc; ``folded``: the article is written in lower case
        (None: judged from this Doc; the pipeline judges the whole article, parsed or not);
        ``dateline``: the article's dateline place, the fallback place of its events."""
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
        at: list[Mention | None] = [None] * len(doc)
        for m in kept:
            for i in range(m.start, m.end):
                at[i] = m
        ctx = _ArticleContext()
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
            if explain and produced:
                explain.add(index, token, f"pattern {fit.pattern.id} ({fit.pattern.code}) → {produced} event(s)")
        found.extend(ev for ev in self._reported_demands(sent) if (ev["source"].code, ev["target"].code, ev["cameo_code"]) not in seen)
        if self.coder.nouns is not None:  # hook: events carried by nouns (eventcode.nominal), after the verbs'
            found.extend(self._nominal_events(sent, index, list(found), explain))
        if self.coder.verbs.conventions == "eventcode":
            found = _without_generic_intents(_visits_and_hosts([_as_intent(ev) for ev in found]))
        yield from found
        self.ctx.recent.extend(a for _, a in self.sentence_actors)
        del self.ctx.recent[:-30]

    def _nominal_events(self, sent: Span, index: int, coded: list[dict], explain: Explanation | None) -> Iterator[dict]:
        """Events of the sentence's event nouns (see :mod:`eventcode.nominal`), with the verb
        coder's actor resolution and dating lent to it."""
        ctx = nominal.NominalContext(actors_of=self._actors_of, actor_at=self._actor_at, date_for=self._clause_date, pub=self.pub, is_actor_word=lambda i: self.at[i] is not None, country_named=self._country_named,
                                     dyad=lambda i: self.ctx.dyad(i, self.sentence_actors))
        for ev in nominal.code_nouns(self.coder.nouns, sent, coded, ctx):
            if explain:
                explain.lines.append(f"[s{index}] noun {ev['verb_text']!r}: {ev['rule']} ({ev['cameo_code']}) {ev['source'].code} → {ev['target'].code}")
            yield ev

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
            elif not sources and passive and not any(c.dep_ == "agent" for c in verb.children):
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

    # ------------------------------------------------------------------ reported speech
    def _reported_demands(self, sent: Span) -> Iterator[dict]:
        """"X said Y must open its markets", "Y should stop the tests, X said": the speaker
        demands the act of Y (CAMEO 10x, by what is demanded), whatever the speech verb's place."""
        for verb in sent:
            if verb.lemma_.lower() not in _DEMAND_SPEECH or not _is_verb(verb):
                continue
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
                must = bool(auxes & OBLIGATION_MODALS) or clause.lemma_.lower() == "have" and any(x.dep_ == "xcomp" and any(a.tag_ == "TO" for a in x.children) for x in clause.children)
                if not must or any(c.dep_ == "neg" for c in clause.children):
                    continue
                speaker = _subject(verb, _is_passive(verb))
                demanded = next((c for c in clause.children if c.dep_ in _SUBJ), None)
                if speaker is None or demanded is None:
                    continue
                date = self._date_for(verb, "asserted")
                day = date.date if date.precision in ("day", "week", "month") else self.pub
                sources = [a for a in self._actors_of(speaker, day) if _named(a)]
                targets = [a for a in self._actors_of(demanded, day, partner=sources[0] if sources else None) if _named(a)]
                act = clause if clause.lemma_.lower() != "have" else next(x for x in clause.children if x.dep_ == "xcomp")
                fit = _best_fit(act, self.words, self.at, self.vocabulary) if self.words[act.i].patterns and _is_verb(act) else None
                code = demand_code(fit.pattern.code if fit is not None and fit.pattern.code != NULL_CODE else None)
                for src in sources:
                    for tgt in targets:
                        if _same_actor(src, tgt):
                            continue
                        yield {
                            "source": _on_path(src, "subject"),
                            "target": _on_path(tgt, "reported"),
                            "cameo_code": code,
                            "rule": "reported-demand",
                            "verb_text": f"{verb.text} … {' '.join(sorted(auxes & OBLIGATION_MODALS)) or 'has to'} {act.text}",
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
            return [a for a in found if _named(a) and a.country not in src and a.code not in src]

        objects = [c for c in verb.children if c.dep_ in _OBJ] + ([fit.obj] if fit.obj is not None and fit.obj.dep_ in _OBJ else [])
        # 1. inside the object phrase: its own prepositional modifiers ("its ambassador to India",
        #    "sanctions against X"), then its possessor or a nationality word ("Serbia's suppression")
        for obj in dict.fromkeys(objects):
            for t in (obj, *obj.conjuncts):
                for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        found = keep(self._actors_of(pobj, day, partner))
                        if found:
                            return found, "object-prep"
            found = keep(self._actors_of(obj, day, partner))
            if found:
                return found, "possessor" if any(c.dep_ == "poss" for c in obj.children) else "modifier"
        # 2. a complement clause of a verb of asking, demanding, warning, accusing, threatening:
        #    "demanded that X …" (its subject), "threatened to ban X" (the infinitive's object)
        for c in verb.children:
            if c.dep_ == "ccomp" and c.i > verb.i:
                for s in (x for x in c.children if x.dep_ in _SUBJ | _PASS_SUBJ and x.i not in skip):
                    found = keep(self._actors_of(s, day, partner))
                    if found:
                        return found, "complement"
            if c.dep_ == "xcomp":
                for o in (x for x in c.children if x.dep_ in _OBJ | {"dative"}):
                    found = keep(self._actors_of(o, day, partner))
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
            if _outside_verb_phrase(tok, verb):
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

    def _mention_actor(self, m: Mention, day: dt.date | None, sector: str, former: bool = False) -> Actor | None:
        text = self.doc[m.start : m.end].text
        if m.kind in (KIND_PERSON, KIND_SHORT):
            if m.kind == KIND_SHORT and m.key not in self.ctx.persons_seen and not self._titled(m, text):
                return None
            person = self.actors.people[m.key]
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
            if k == 0 and found and all(a.path == "coordination" for a in found):
                return found  # "U.S. and Japanese negotiators": the modifiers are the members
            if k == 0:
                lead = found[0] if len(found) == 1 and found[0].country and found[0].sector not in ("", "IGO") else None
            elif lead is not None and found and all(not a.country and a.sector for a in found):
                found = [Actor(code=lead.country + a.sector, country=lead.country, sector=a.sector, text=a.text, start=a.start, end=a.end, rule=f"coordination<{lead.rule}>") for a in found]
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
            if low in _SINGULAR_PERSON_PRONOUNS:
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
        # "the armed forces of India and Japan", "the leaders of both countries"
        if sector or _singular(h) in _COLLECTIVE:
            of_actors: list[Actor] = []
            for child in h.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                    for pobj in (c for c in child.children if c.dep_ == "pobj"):
                        for a in self._actors_of(pobj, day):
                            of_actors.append(_with_sector(a, sector))
            if of_actors:
                return of_actors
        lemma = _singular(h)
        if lemma == "counterpart" and partner is not None:
            return self._counterpart(h, partner, mentions, day)
        if lemma in _COLLECTIVE and _is_collective(h):
            if self.ctx.last_group and any(c.lower_ == "their" for c in h.children):
                # "Hungarian and Romanian officials agreed that their countries …"
                return [_with_sector(dataclasses.replace(a, path="collective"), sector) for a in self.ctx.last_group]
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
        if h.ent_type_ == "PERSON" and h.text in self.ctx.aliases:
            known = self.ctx.aliases[h.text]
            return [Actor(code=known.code, country=known.country, sector=known.sector, text=h.text, start=h.i, end=h.i + 1, rule=known.rule)]
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
            self._dated_clauses = [(ent, None if (verb := _clause_verb(ent.root)) is None else verb.i) for ent in self._date_ents]
        return self._dated_clauses

    def _date_for(self, verb: Token, mood: str) -> EventDate:
        own_tense = "future" if mood in ("modal", "intended") and has_future_marker(verb) else _tense(verb)
        for candidate in (verb, *_governors(verb)):
            # a date on the governing verb is read in that verb's tense ("agreed on Tuesday to deepen")
            tense = own_tense if candidate.i == verb.i else _tense(candidate)
            for ent, governor in self._date_clauses():
                if governor == candidate.i:
                    resolved = dates.resolve(ent.text, self.pub, tense)
                    if resolved is not None:
                        return resolved
        return dates.publication(self.pub)


# ---------------------------------------------------------------------- parse helpers


def _is_verb(token: Token) -> bool:
    if token.dep_ in ("aux", "auxpass"):
        return False
    return token.pos_ == "VERB" or token.tag_.startswith("VB")


def _is_passive(verb: Token) -> bool:
    """A passive clause, or a participle with an agent on a noun ("Canada, backed by Australia")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") or c.dep_ == "agent" and verb.dep_ == "acl" and verb.tag_ == "VBN" for c in verb.children)


def _governors(verb: Token) -> Iterator[Token]:
    """Verbs whose subject, date or mood this verb may share (conj/xcomp/advcl chains)."""
    t = verb
    while t.dep_ in ("conj", "xcomp", "advcl", "ccomp") and t.head.i != t.i:
        t = t.head
        yield t


def _clause_verb(token: Token) -> Token | None:
    t = token
    while t.head.i != t.i:
        t = t.head
        if _is_verb(t):
            return t
    return t if _is_verb(t) else None


def _subject(verb: Token, passive: bool) -> Token | None:
    for c in verb.children:
        if passive and c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
        if not passive and c.dep_ in _SUBJ:
            if c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head
            return c
    if passive:
        return None
    dep = verb.dep_
    head = verb.head
    if head.i == verb.i:
        return None
    if dep == "conj" and _is_verb(head):
        return _subject(head, _is_passive(head))
    if dep == "xcomp":
        for c in head.children:
            if c.dep_ in _OBJ and c.lemma_.lower() not in _PARTITIVES:
                return c
            if c.dep_ == "nsubjpass":  # "Kishida is expected to visit": raising, not a passive event
                return c
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "ROOT") and head.head.i != head.i:
            return _subject(head.head, False)  # "Japan is likely to extend"
        return _subject(head, _is_passive(head)) if not _is_passive(head) else None
    if dep == "advcl" and verb.tag_ in ("VBG", "VBN", "VB"):
        return _subject(head, _is_passive(head))
    if dep == "acl" and verb.tag_ == "VBG":
        return head
    if dep == "pcomp" and head.dep_ == "prep":
        governor = head.head
        if _is_verb(governor):
            return _subject(governor, _is_passive(governor))
    return None


_SPEECH = {
    "say", "tell", "state", "add", "insist", "claim", "announce", "declare", "report", "confirm",
    "note", "stress", "warn", "assert", "argue", "believe", "think", "hope", "signal", "indicate",
    "maintain", "reiterate", "affirm", "explain", "write", "acknowledge", "admit", "allege", "vow",
    "pledge", "promise", "assure", "suggest", "predict", "expect", "fear", "feel", "know", "mention",
}


def _speaker_of(h: Token) -> Token | None:
    """The speaker when ``h`` is the subject of reported speech ("Japan said it/its navy …")."""
    clause = h.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _SPEECH:
        return None
    speaker = _subject(clause.head, _is_passive(clause.head))
    return None if speaker is None or speaker.tag_ in _PRONOUN_TAGS or speaker.i == h.i else speaker


def _reported_speaker(h: Token) -> Token | None:
    """'Japan said it would …': a pronoun subject of reported speech is the speaker."""
    if h.lower_ not in ("it", "he", "she", "they", "we") or h.dep_ not in ("nsubj", "nsubjpass"):
        return None
    return _speaker_of(h)


def _reported_owner(h: Token) -> Token | None:
    """'Japan said its navy would …': the speaker owning the subject of reported speech."""
    if h.dep_ not in ("nsubj", "nsubjpass") or not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in h.children):
        return None
    return _speaker_of(h)


def _embedded_agents(h: Token) -> Iterator[Token]:
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            yield from (p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "acl":
            for a in c.children:
                if a.dep_ == "agent":
                    yield from (p for p in a.children if p.dep_ == "pobj")


def _descend_partitive(tok: Token) -> Token:
    if tok.lemma_.lower() in _PARTITIVES:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return tok


def _amount_in(tok: Token) -> Iterator[Token]:
    """What an amount is in: "50 billion yen in loans", "$3 billion in aid"."""
    if tok.like_num or any(n.dep_ == "nummod" for n in tok.children):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                yield from (p for p in c.children if p.dep_ == "pobj")


def _object_candidates(verb: Token, spec: ObjectSpec, passive: bool, particle: Token | None) -> Iterator[Token]:
    if spec.prep:
        for tok in _prep_objects(verb, spec.prep, None, particle):
            yield tok
            yield from tok.conjuncts
        return
    deps = _PASS_SUBJ if passive else _OBJ
    has_object = False
    for c in verb.children:
        if c.dep_ in deps:
            has_object = True
            yield _descend_partitive(c)
            yield from c.conjuncts
            yield from _amount_in(c)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" or verb.dep_ == "relcl" and not has_object and not passive:
        yield verb.head  # "the agreement signed in 2008", "the sanctions it imposed"


def _find_particle(verb: Token, particle: str) -> Token | None:
    for c in verb.children:
        if c.lower_ == particle and c.dep_ in ("prt", "advmod", "prep", "acomp", "npadvmod", "dobj", "dep"):
            return c
    return None


def _has_infinitive(verb: Token) -> bool:
    for t in verb.subtree:
        if t.tag_ == "TO" and t.head.i != verb.i and t.head.tag_ == "VB" and t.head.i > verb.i:
            return True
    return False


def _best_fit(verb: Token, words: Sequence[_Word], at: Sequence[Mention | None] = (), vocabulary: Callable[[], set[str]] | None = None) -> _Fit | None:
    """The most specific pattern that fits; ties go to the earlier row.

    Specificity counts what the parse had to confirm: an object noun, each of its modifiers
    ("telephonic conversation" beats "conversation"), a preposition, a particle, an
    infinitive condition, each word of a phrase. ``at`` maps token indices to actor mentions
    (for phrase slots); ``words`` holds each token's lemma, form and patterns, ``vocabulary``
    gives the Doc's words that patterns name as object nouns.
    """
    passive: bool | None = None  # asked only when a pattern needs its object candidates
    particles: dict[str, Token | None] = {}
    infinitive: bool | None = None
    present: set[str] | None = None
    best: tuple[int, _Fit] | None = None
    # candidate object nouns per (preposition, particle), with their words, computed once
    cache: dict[tuple[str, int], list[tuple[Token, frozenset[str], frozenset[str]]]] = {}

    def candidates(spec: ObjectSpec, particle_tok: Token | None) -> list[tuple[Token, frozenset[str], frozenset[str]]]:
        nonlocal passive
        key = (spec.prep, particle_tok.i if particle_tok is not None else -1)
        if key not in cache:
            if passive is None:
                passive = _is_passive(verb)
            cache[key] = [
                (tok, frozenset(words[noun.i][:2]), frozenset(w for c in noun.children if c.i < noun.i for w in words[c.i][:2]))
                for tok in _object_candidates(verb, spec, passive, particle_tok)
                for noun in (tok, *_titles_of(tok))
            ]
        return cache[key]

    for pattern, verb_particles in words[verb.i].entries:
        if best is not None and pattern.max_score <= best[0]:
            continue  # cannot beat what already fits (ties go to the earlier pattern)
        particle_tok = None
        ok = False
        for particle in verb_particles:
            if particle:
                if particle not in particles:
                    particles[particle] = _find_particle(verb, particle)
                particle_tok = particles[particle]
                if particle_tok is None:
                    continue
            ok = True
            break
        if not ok:
            continue
        if pattern.checks_infinitive:
            if infinitive is None:
                infinitive = _has_infinitive(verb)
            if pattern.wants_infinitive != infinitive:
                continue
        # the particle bonus counts only when the matched verb entry has one ("carry out" vs "carry")
        base = pattern.base_score + 2 * (particle_tok is not None)
        if not pattern.objects and not pattern.phrases:
            if best is None or base > best[0]:
                best = (base, _Fit(pattern, None, particle_tok))
            continue
        for phrase in pattern.phrases:
            score = base + phrase.weight
            if best is not None and score <= best[0]:
                continue
            matched = _match_phrase(verb, phrase, at)
            if matched is not None:
                best = (score, _Fit(pattern, matched.get("obj"), particle_tok, matched.get(SOURCE_MARK), matched.get(TARGET_MARK), matched.get(GROUP_MARK)))
        if not pattern.objects:
            continue
        if present is None:  # every object candidate is in the verb's subtree or its head
            if vocabulary is not None and words[verb.i].object_heads.isdisjoint(vocabulary()):
                present = set()  # none of the object nouns is anywhere in the Doc
            else:
                present = {w for t in (*verb.subtree, verb.head) for w in words[t.i][:2]}
        if pattern.object_heads.isdisjoint(present):
            continue
        for spec in pattern.objects:
            score = base + 2 * len(spec.modifiers) + bool(spec.prep)
            if best is not None and score <= best[0] or spec.head not in present:
                continue
            for tok, heads, mods in candidates(spec, particle_tok):
                if spec.head in heads and all(m in mods for m in spec.modifiers):
                    best = (score, _Fit(pattern, tok, particle_tok))
                    break
    return best[1] if best else None


def _clause_span(verb: Token) -> tuple[int, int]:
    """Token range a phrase is matched in: from the start of the verb's governing clause
    ("Ethiopia *indicated* it would act") to the end of the verb's own subtree."""
    top = verb
    for top in _governors(verb):
        pass
    return top.left_edge.i, verb.right_edge.i


def _np_head(tok: Token) -> Token:
    """The noun heading the phrase a token sits in ("Gondor" in "Gondor's police" → "police")."""
    t = tok
    while t.dep_ in ("compound", "amod", "poss", "nmod", "flat", "nummod") and t.head.i != t.i and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head
    return t


def _match_phrase(verb: Token, phrase: Phrase, at: Sequence[Mention | None]) -> dict[str, Token | None] | None:
    """Match a phrase linearly around the verb; None, or the tokens its slots bound.

    Returns ``{"+": target head, "$": source head, "obj": last noun matched after the verb}``
    (keys present only when bound). Backtracks over where each word is found.
    """
    doc = verb.doc
    start, end = _clause_span(verb)
    items = phrase.items
    star = next(k for k, item in enumerate(items) if item.text == VERB_MARK)
    bound: dict[str, Token | None] = {}

    def candidates(k: int, prev: int) -> Iterator[tuple[int, int]]:
        """(first, last) token positions where item k can match after position ``prev``."""
        item = items[k]
        if k == star:
            if verb.i > prev and (not item.adjacent or verb.i == prev + 1):
                yield verb.i, verb.i
            return
        lo, hi = (prev + 1, verb.i - 1) if k < star else (max(prev, verb.i) + 1, end)
        if item.text == SKIP_MARK:  # exactly the next noun phrase, up to its head noun
            first = next((i for i in range(lo, hi + 1) if doc[i].pos_ in ("NOUN", "PROPN", "PRON")), None)
            if first is not None and max(first, _np_head(doc[first]).i) <= hi:
                yield first, max(first, _np_head(doc[first]).i)
            return
        if item.adjacent:
            hi = min(hi, lo)
        for i in range(lo, hi + 1):
            if item.text in SLOT_MARKS:
                m = at[i] if i < len(at) else None
                if m is None or m.start != i or (k < star and m.end > verb.i) or m.end - 1 > end:
                    continue
                if item.text == GROUP_MARK:  # "India and Japan": the slot spans the coordination
                    last = max((c.right_edge.i for c in _np_head(doc[m.end - 1]).conjuncts), default=-1)
                    if last < m.end or (k < star and last >= verb.i) or last > end:
                        continue
                    yield i, last
                else:
                    yield i, m.end - 1
            else:
                t = doc[i]
                if item.text in (t.lower_, t.lemma_.lower()):
                    yield i, i

    def search(k: int, prev: int) -> bool:
        if k == len(items):
            return True
        for first, last in candidates(k, prev):
            if search(k + 1, last):
                if items[k].text in SLOT_MARKS:
                    bound[items[k].text] = _np_head(doc[first if items[k].text == GROUP_MARK else last])
                elif k > star and _np_head(doc[first]).pos_ in ("NOUN", "PROPN"):
                    bound.setdefault("obj", _np_head(doc[first]))
                return True
        return False

    return bound if search(0, start - 1) else None


def _prep_objects(verb: Token, prep: str, fit: _Fit | None, particle: Token | None = None) -> Iterator[Token]:
    hosts = [verb]
    if fit is not None:
        if fit.obj is not None:
            hosts.append(fit.obj)
            # "lifted the sanctions (it had) imposed on India"
            hosts.extend(c for c in fit.obj.children if c.dep_ in ("relcl", "acl"))
        particle = particle or fit.particle
    if particle is not None:
        hosts.append(particle)
    if fit is not None and "xcomp" in fit.pattern.flags:
        # "agreed to cooperate with Japan": the target hangs on the intended action
        hosts.extend(c for c in verb.children if c.dep_ == "xcomp")
    hosts.extend(_object_chain(verb))
    for host in dict.fromkeys(hosts):
        for c in host.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        yield p


def _object_chain(verb: Token) -> Iterator[Token]:
    """The verb's direct objects and the nouns their of-phrases lead to: in "welcomed the
    resumption of ties with Osgiliath" the with-phrase hangs on "ties", two nouns down; an
    amount leads on through "in" ("provided 50 billion yen in loans to India")."""
    for c in verb.children:
        t: Token | None = c if c.dep_ in _OBJ else None
        while t is not None:
            yield t
            t = next((p for prep in t.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"), None) or next(_amount_in(t), None)


def _slot_tokens(verb: Token, slot: str, fit: _Fit, passive: bool, at: Sequence[Mention | None] = ()) -> Iterator[Token]:
    if slot == "dobj":
        deps = _PASS_SUBJ if passive else _OBJ
        for c in verb.children:
            if c.dep_ in deps and (fit.obj is None or c.i != fit.obj.i):
                yield c
        if passive and verb.dep_ == "acl" and verb.head.i != verb.i:
            yield verb.head  # "Canada, backed by Australia": the noun the participle qualifies
        if "xcomp" in fit.pattern.flags:
            for x in (c for c in verb.children if c.dep_ == "xcomp"):
                yield from (c for c in x.children if c.dep_ in _OBJ)
        if fit.obj is not None and not fit.obj.dep_ == "pobj":
            yield fit.obj  # "summoned India's ambassador": the object names the target
        return
    if slot == "dative":
        for c in verb.children:
            if c.dep_ == "dative" and c.tag_ != "IN":
                yield c
        return
    if slot == "ccomp":  # "Arnor believes *Dagolath* can cope", not "Dagolath can cope, Arnor believes"
        for c in verb.children:
            if c.dep_ == "ccomp" and c.i > verb.i:
                yield from (s for s in c.children if s.dep_ in _SUBJ | _PASS_SUBJ)
        return
    if slot == "after":  # the first actor named after the verb, in its own subtree
        for i in range(verb.i + 1, min(verb.right_edge.i + 1, len(at))):
            m = at[i]
            if m is not None and m.start == i:
                yield _np_head(verb.doc[m.end - 1])
                return
        return
    yield from _prep_objects(verb, slot, fit)


def _titles_of(name: Token) -> list[Token]:
    """The office words in front of a name ("Indian Ambassador Sujan Chinoy", "Prime Minister
    Narendra Modi"): an object pattern naming the office fits the named person too."""
    if name.tag_ not in ("NNP", "NNPS"):
        return []
    return [c for c in name.children if c.dep_ == "compound" and c.i < name.i]


def _members(head: Token) -> list[Token]:
    """The heads of a coordination the parser may have split: the head and its conjuncts, plus
    a coordination hanging on it as a modifier or apposition ("Fornost and the evil Gondor"
    parsed as *Fornost* modifying *Gondor*; "Mordor, the Shire, Fornost and Bree")."""
    out = [head, *head.conjuncts]
    for c in head.children:
        if c.dep_ in ("nmod", "appos", "compound") and c.conjuncts and any(x.dep_ == "cc" for x in c.subtree):
            out.extend(t for t in (c, *c.conjuncts) if t not in out)
    out.extend(t for t in _headline_partners(head) if t not in out)
    return out


def _headline_partners(subject: Token) -> list[Token]:
    """Headlines coordinate with a bare comma ("India, Japan sign pact"; "Modi, Abe hold
    talks"), which the parser reads as a modifier of the verb: the name opening the sentence,
    then a comma, then the subject."""
    if subject.dep_ not in ("nsubj", "nsubjpass") or subject.conjuncts:
        return []
    doc, verb = subject.doc, subject.head
    comma = subject.left_edge.i - 1
    if comma < 1 or doc[comma].text != ",":
        return []
    for c in verb.children:
        if c.i < comma and c.right_edge.i == comma - 1 and c.tag_ in ("NNP", "NNPS") and c.left_edge.i == c.sent.start and c.dep_ in ("npadvmod", "advcl", "dep", "nmod", "appos", "nsubj"):
            return [c]
    return []


def _phrase_tokens(h: Token) -> list[Token]:
    """The head and the modifiers that name it (not clauses, not other prepositional phrases)."""
    out = [h]
    stack = [h]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _NP_INNER or c.dep_ in ("conj", "cc") and t.i != h.i and t.dep_ in ("amod", "compound", "nmod") and c.i < h.i:
                # "Hungarian and Romanian officials": coordinated modifiers name the head too
                out.append(c)
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of" and t.i != h.i and t.dep_ in ("compound", "appos"):
                # "Ministry of Defence" inside "Japanese Ministry of Defence official"
                out.append(c)
                stack.append(c)
    # "Ministry of Defence": keep an of-phrase that completes a dictionary name on the head
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and not p.conjuncts and p.ent_type_ not in ("GPE", "NORP"):
                    out.extend([c, p])
    return sorted(out, key=lambda t: t.i)


#: Nouns a city names without being a party: "the Paris Agreement", "the Geneva Convention".
_DOCUMENT_NOUNS = frozenset({"agreement", "accord", "treaty", "convention", "declaration", "protocol", "communique", "communiqué", "charter", "pact", "consensus", "process", "format", "principles"})


def _names_a_document(tok: Token) -> bool:
    """The token modifies (as part of a name) a treaty-like noun: "Berne" in "the Berne Agreement"."""
    head = tok.head
    return tok.dep_ in ("compound", "nmod", "amod") and head.i != tok.i and _singular(head) in _DOCUMENT_NOUNS


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


def _singular(h: Token) -> str:
    """Lemma, also for capitalised plurals the lemmatizer leaves alone ("Ministers")."""
    lemma = h.lemma_.lower()
    if h.tag_ in ("NNS", "NNPS") and lemma == h.lower_ and lemma.endswith("s"):
        lemma = lemma[:-3] + "y" if lemma.endswith("ies") else lemma[:-1]
    return lemma


def _is_collective(h: Token) -> bool:
    """'both sides', 'the two ministers', 'their countries': the story's pair, not one actor."""
    if h.tag_ not in ("NNS", "NNPS") and h.lemma_.lower() != "both":
        return False
    for c in h.children:
        if c.lower_ in ("both", "two") and c.dep_ in ("det", "predet", "nummod", "preconj", "quantmod", "amod"):
            return True
        if c.lower_ == "their" and c.dep_ == "poss" and _singular(h) in ("country", "nation", "government", "side", "leader", "state"):
            return True
    return False


def _with_sector(actor: Actor, sector: str) -> Actor:
    """'the armed forces of India': the country from the of-phrase, the sector from the head."""
    if not (sector and actor.country and len(actor.code) == 3):
        return actor
    return Actor(code=actor.country + sector, country=actor.country, sector=sector, text=actor.text, start=actor.start, end=actor.end, rule=actor.rule)


def _from_context(actor: Actor) -> Actor:
    """An actor supplied by the story so far rather than by words in this sentence."""
    return Actor(code=actor.code, country=actor.country, sector=actor.sector, text="", rule=f"context:dyad<{actor.rule}>")


def _tense(verb: Token) -> str | None:
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in verb.children):
        return "future"
    return "past" if verb.tag_ in ("VBD", "VBN") else None


def _not_personal_names(mentions: list[Mention], ents: tuple[Span, ...], doc: Doc) -> list[Mention]:
    """Drop names that are part of some other person's name: a place name opening it ("Israel
    G. Grossman", "Jordan Peterson": the named-entity recogniser saw a longer PERSON whose next
    word is no dictionary name), and a leader's bare surname after another first name ("Nirav
    Modi", "Akie Abe")."""
    people = {e.start: e.end for e in ents if e.label_ == "PERSON"}
    starts, ends = {m.start for m in mentions}, {m.end for m in mentions}

    def other_persons(m: Mention) -> bool:
        if m.kind == KIND_NAMED:
            return people.get(m.start, 0) > m.end and m.end not in starts and doc[m.end].tag_ in ("NNP", "NNPS")
        if m.kind in (KIND_PERSON, KIND_SHORT) and m.end - m.start == 1 and m.start > 0 and m.start not in ends and not doc[m.start].is_sent_start:
            before = doc[m.start - 1]
            return before.tag_ == "NNP" and before.is_alpha and before.text[:1].isupper() and before.lower_ not in _TITLES
        return False

    return [m for m in mentions if not other_persons(m)]


# Sectors that are the state itself: a country and these parts of it are one actor ("Japan" and
# the Japanese government); rebels, opposition, parties or the press are not ("Turkey accused
# the PKK" is an event).
_STATE_SECTORS = {"", "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"}


def _same_actor(a: Actor, b: Actor) -> bool:
    """Identical codes, or a country and one of its state organs ('JPN' and 'JPNGOV')."""
    if a.code == b.code:
        return True
    if not a.country or a.country != b.country or 3 not in (len(a.code), len(b.code)):
        return False
    part = a if len(b.code) == 3 else b
    return part.sector[:3] in _STATE_SECTORS


#: Verbs of saying whose "Y must …" complement is the speaker's demand on Y.
_DEMAND_SPEECH = frozenset({"say", "insist", "declare", "state", "add", "stress", "argue", "maintain", "reiterate", "tell", "write", "believe", "feel"})
#: Where each pattern slot puts the target, for ``target_path``.
_SLOT_PATHS = {"dobj": "object", "dative": "object", "ccomp": "complement", "after": "phrase"}
#: Prepositions that lead from an object noun to the party it is aimed at ("sanctions on X").
_TARGET_PREPS = frozenset({"to", "with", "against", "on", "toward", "towards", "into", "over", "for", "from"})


#: Prepositions that name where or when an act happened, or what it was about, not whom it was
#: aimed at; "with" names a partner, which a pattern that wants one lists among its slots.
_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "within", "during", "from", "via", "through", "around", "after", "before", "since", "until", "by", "of", "about", "regarding", "concerning", "with"})


def _outside_verb_phrase(tok: Token, verb: Token) -> bool:
    """The token sits in a place or time phrase, or in a clause of its own, between it and the verb."""
    t = tok
    while t.i != verb.i and t.head.i != t.i:
        if t.dep_ == "prep" and t.lower_ in _PLACE_PREPS:
            return True
        if t.dep_ in ("relcl", "advcl", "ccomp", "acl", "csubj", "parataxis", "conj") and _is_verb(t):
            return True
        t = t.head
    return t.i != verb.i


def _named(actor: Actor) -> bool:
    """An actor with a country or an organisation, not a bare role ('---GOV')."""
    return bool(actor.country) or actor.code.startswith("IGO")


def _on_path(actor: Actor, path: str) -> Actor:
    """The actor with the path that found it; context and coordination say so themselves."""
    if actor.path:
        return actor
    if actor.rule.startswith("context:"):
        path = "context"
    elif actor.rule.startswith("coordination<"):
        path = "coordination"
    return dataclasses.replace(actor, path=path)


def _as_intent(ev: dict) -> dict:
    """An act its source states, plans or agrees to, coded as CAMEO's intent code (03x/13x),
    the act kept in ``intended_code`` (:mod:`eventcode.mood`)."""
    if ev["mood"] != "intended" or ev["negated"] or ev.get("intended_code"):
        return ev
    intent = intent_code(ev["cameo_code"])
    return ev if intent is None else {**ev, "cameo_code": intent, "intended_code": ev["cameo_code"]}


def _visits_and_hosts(events: list[dict]) -> list[dict]:
    """CAMEO codes a visit twice: visitor → host 042, and host → visitor 043 when the host
    receives, hosts, welcomes or meets the visitor. A hosting verb implies the visit; a visit
    plus a meeting with the host country's side in the same sentence implies the hosting."""
    have = {(e["source"].code, e["target"].code, e["cameo_code"]) for e in events}
    extra: list[dict] = []

    def add(ev: dict, src: Actor, tgt: Actor, code: str, rule: str) -> None:
        key = (src.code, tgt.code, code)
        if key not in have:
            have.add(key)
            extra.append({**ev, "source": dataclasses.replace(src, path=src.path or "visit"), "target": dataclasses.replace(tgt, path=tgt.path or "visit"), "cameo_code": code, "rule": f"{ev['rule']}+{rule}", "intended_code": ""})

    for ev in events:
        if ev["cameo_code"] == "043":
            add(ev, ev["target"], ev["source"], "042", "visit")
    visits = [e for e in events if e["cameo_code"] == "042"]
    for meeting in (e for e in events if e["cameo_code"][:2] == "04" and e["cameo_code"] not in ("042", "043")):
        for visit in visits:
            visitor, host = visit["source"], visit["target"]
            for a, b in ((meeting["source"], meeting["target"]), (meeting["target"], meeting["source"])):
                if a.code == visitor.code and b.country and b.country == host.country:
                    add(meeting, b, visitor, "043", "host")
    return events + extra


def _without_generic_intents(events: list[dict]) -> list[dict]:
    """Drop a generic 030/130 ("agreed to …", "threatened to …") where the same sentence codes
    the pair's specific intent (031 from "agreed to cooperate"): one statement, one event."""
    specific = {(e["source"].code, e["target"].code, e["cameo_code"][:2]) for e in events if e["cameo_code"] not in ("030", "130")}
    return [e for e in events if not (e["cameo_code"] in ("030", "130") and (e["source"].code, e["target"].code, e["cameo_code"][:2]) in specific)]
