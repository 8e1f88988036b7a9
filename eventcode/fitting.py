"""Fitting verb patterns to a parse.

For a verb, the most specific of its dictionary patterns that the sentence confirms (object
noun and its modifiers, particle, infinitive, the words of a phrase pattern), and the tokens
each of the pattern's target slots points at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .actions import GROUP_MARK, SKIP_MARK, SLOT_MARKS, SOURCE_MARK, TARGET_MARK, VERB_MARK, ObjectSpec, Phrase, VerbPattern
from .actors import Mention
from .syntax import _OBJ, _PASS_SUBJ, _SUBJ, _amount_in, _for_clauses, for_subject, _clause_span, _descend_partitive, _find_particle, _has_infinitive, _is_passive, _np_head, _object_chain, _titles_of

if TYPE_CHECKING:
    from spacy.tokens import Token

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


#: Nouns whose of-phrase is what is aimed at: "a goal of 10 trillion yen in investment".
_GOAL_NOUNS = frozenset({"goal", "target", "aim", "objective"})


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
            if c.lemma_.lower() in _GOAL_NOUNS:  # "set a goal of 10 trillion yen (in) investment"
                aimed = [*(prep for prep in c.children if prep.dep_ == "prep" and prep.lower_ in ("of", "in")), *(prep for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "in")]
                for p in (p for prep in aimed for p in prep.children if p.dep_ == "pobj"):
                    yield p
                    yield from _amount_in(p)
    if not passive and not has_object:
        # "allowed [UN inspectors to visit …]": the parser gives the object to the infinitive as its subject
        for c in verb.children:
            if c.dep_ == "ccomp" and c.i > verb.i and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children):
                yield from (x for x in c.children if x.dep_ == "nsubj")
    if verb.dep_ == "acl" and verb.tag_ == "VBN" or verb.dep_ == "relcl" and not has_object and not passive:
        yield verb.head  # "the agreement signed in 2008", "the sanctions it imposed"


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
                    if p.dep_ in ("pobj", "pcomp") and (fit is None or fit.obj is None or p.i != fit.obj.i):
                        yield p  # not the object itself ("a goal *in* Japanese investment")


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
        yield from (for_subject(c) for c in _for_clauses(verb))
        return
    if slot == "after":  # the first actor named after the verb, in its own subtree
        for i in range(verb.i + 1, min(verb.right_edge.i + 1, len(at))):
            m = at[i]
            if m is not None and m.start == i:
                yield _np_head(verb.doc[m.end - 1])
                return
        return
    yield from _prep_objects(verb, slot, fit)
