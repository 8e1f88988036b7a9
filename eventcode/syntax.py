"""Walks over a dependency parse shared by the verb coder and the noun coder.

A verb's subject (through passives, conjuncts, raising verbs and participles), its objects and
their partitives, the words that name a noun phrase, coordinations the parser splits, and the
speaker of reported speech. Pure functions of spaCy tokens: no dictionaries, no state.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Dependency labels (spaCy's English ClearNLP-style scheme).
_SUBJ = {"nsubj"}


_PASS_SUBJ = {"nsubjpass"}


_OBJ = {"dobj", "obj"}


_NP_INNER = {"compound", "amod", "poss", "nmod", "appos", "flat", "det", "predet", "nummod", "case", "punct", "npadvmod", "quantmod", "advmod"}


_PARTITIVES = {"round", "series", "set", "day", "week", "hour", "number", "host", "lot", "couple", "range", "raft", "slew", "batch", "pair", "kind", "type", "form", "part", "fresh", "new", "team"}


_PRONOUN_TAGS = {"PRP", "PRP$"}


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
    for aux in (c for c in verb.children if c.dep_ == "aux" and c.i < verb.i):
        # "Gondor and Rohan however have opposed …" parsed with the subject on "have"
        subject = next((s for s in aux.children if s.dep_ in _SUBJ), None)
        if subject is not None:
            return subject
    dep = verb.dep_
    head = verb.head
    if head.i == verb.i:
        return None
    if dep == "conj" and (_is_verb(head) or any(c.dep_ in _SUBJ for c in head.children)):
        # the first verb may be tagged a noun ("Gondor rejects and condemns …": "rejects" as a
        # plural noun), but a word with a subject is still the clause that the conjunct shares
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
    if dep == "advcl" and (asked := for_subject(verb)) is not None:
        return asked  # "called for Chile to resume talks": Chile would resume them
    if dep == "advcl" and verb.tag_ in ("VBG", "VBN", "VB"):
        return _subject(head, _is_passive(head))
    if dep == "acl" and verb.tag_ == "VBG":
        return head
    if dep == "acl" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN") and any(c.dep_ in ("dobj", "prt") for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
        # "The Iraqi air force carried out three air strikes …" read as a noun with a relative
        # participle: a sentence has a verb, so the noun is its subject
        return head
    if dep == "acl" and verb.tag_ == "VB" and head.lemma_.lower() in RESOLVE_NOUNS and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "Japan's decision to impose …", "an EU move to ban …", "the decision by Kenya to …":
        # the noun's owner acts; the noun phrase carries them (possessor, modifier or "by")
        by = next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"), None)
        return by if by is not None else head
    if dep == "pcomp" and head.dep_ == "prep":
        governor = head.head
        if _is_verb(governor):
            return _subject(governor, _is_passive(governor))
    return None


#: Nouns of resolve whose "to"-infinitive is their owner's act ("Japan's decision to …").
RESOLVE_NOUNS = frozenset({
    "decision", "move", "plan", "bid", "attempt", "effort", "offer", "refusal", "pledge", "promise", "threat",
    "commitment", "proposal", "readiness", "willingness", "determination", "intention", "vow", "push", "drive",
    "campaign", "resolve", "agreement", "announcement", "order", "choice",
})

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


def _spoken_for(speaker: Token) -> Token | None:
    """The subject of what a speaker says ("*Japan* is concerned, spokesman X said"; "*Japan*
    told Pakistan …, the press secretary said"): the party the speaker speaks for, or None."""
    verb = speaker.head
    if speaker.dep_ != "nsubj" or verb.lemma_.lower() not in _SPEECH:
        return None
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses and verb.dep_ in ("conj", "parataxis") and verb.head.i < verb.i:
        clauses = [verb.head]  # the parser made the statement the root and the speech verb its conjunct
    for clause in clauses:
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.tag_ not in _PRONOUN_TAGS:
            return subject
    return None


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


def _claimant(noun: Token) -> Token | None:
    """"Gondor claimed responsibility for the bombing that killed …": for an act named as what a
    party claimed responsibility (or credit) for, the subject of that claim; else None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return None
    owner = prep.head
    if owner.lemma_.lower() in ("responsibility", "credit"):
        owner = owner.head
    elif not any(c.dep_ in _OBJ and c.lemma_.lower() in ("responsibility", "credit") for c in owner.children):
        return None
    if not _is_verb(owner) or _is_passive(owner):
        return None
    return _subject(owner, False)


def _descend_partitive(tok: Token) -> Token:
    if tok.lemma_.lower() in _PARTITIVES or tok.lower_ in _QUANTITY_HEADS or tok.tag_ == "CD":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return tok


#: Heads that count or pick out members of the of-phrase after them: "dozens of IS fighters",
#: "three of the hostages", "members of the Security Council", "supporters of the opposition
#: leader". The actor is the of-object.
_QUANTITY_HEADS = frozenset({"supporter", "supporters", "follower", "followers", "loyalist", "loyalists", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "million", "millions", "member", "members", "some", "many", "several", "most", "few", "all", "each", "none", "one", "rest", "remnant", "remnants", "number", "group", "handful", "majority", "couple", "part", "parts"})


def _partitive_of(h: Token) -> Token | None:
    """The of-object that names who a quantity or membership head counts, else None."""
    if h.lower_ not in _QUANTITY_HEADS and h.lemma_.lower() not in _QUANTITY_HEADS and h.tag_ != "CD":
        return None
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


#: Places and installations that belong to, or lie in, the party an act is aimed at: "attacked
#: the cities in Gondor", "shelled positions of the Orc army", "seized bases near Minas Tirith".
_SITE_NOUNS = frozenset({
    "city", "town", "village", "settlement", "base", "airbase", "outpost", "post", "position", "checkpoint",
    "camp", "site", "facility", "installation", "depot", "plant", "headquarters", "compound", "stronghold",
    "bastion", "hideout", "enclave", "mosque", "church", "temple", "school", "hospital", "market", "airport",
    "airfield", "port", "harbour", "harbor", "embassy", "consulate", "convoy", "building", "home", "house",
    "residence", "office", "website", "network", "infrastructure", "field", "oilfield", "refinery", "pipeline",
})


def _site_owners(h: Token) -> Iterator[Token]:
    """For a place or installation noun, the noun phrases naming whose it is or where it lies
    ("positions *of the army*", "the cities *in Gondor*")."""
    if h.lemma_.lower() not in _SITE_NOUNS:
        return
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "near", "inside", "belonging"):
            yield from (p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "acl" and c.lemma_.lower() in ("belong", "own", "use", "run", "operate", "hold", "control"):
            # "positions belonging to the rebels", "a base used by the militia"
            yield from (p for x in c.children if x.dep_ in ("prep", "agent") and x.lower_ in ("to", "by") for p in x.children if p.dep_ == "pobj")


def _complement_clauses(verb: Token) -> Iterator[Token]:
    """Finite clauses after the verb that say what it is about: its own complement ("demanded
    that X …") and a that-clause on its object noun ("expressed hope (that) X will …")."""
    yield from _for_clauses(verb)
    for c in verb.children:
        if c.dep_ == "ccomp" and c.i > verb.i:
            yield c
        elif c.dep_ in _OBJ:
            for a in c.children:
                if a.dep_ in ("acl", "ccomp") and a.i > c.i and any(x.dep_ in _SUBJ | _PASS_SUBJ for x in a.children):
                    yield a


def _amount_in(tok: Token) -> Iterator[Token]:
    """What an amount is in or of: "50 billion yen in loans", "2 trillion won of investment" (the
    in- or of-phrase on the amount, or an in-phrase right after it on the verb: "will extend 184
    billion yen in new loans")."""
    if tok.like_num or any(n.dep_ == "nummod" for n in tok.children):
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "of")]
        if not preps and tok.dep_ in _OBJ and tok.head.i != tok.i:
            preps = [c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "in" and c.i == tok.right_edge.i + 1]
        for c in preps:
            yield from (p for p in c.children if p.dep_ == "pobj")


def _find_particle(verb: Token, particle: str) -> Token | None:
    for c in verb.children:
        if c.lower_ == particle and c.dep_ in ("prt", "advmod", "prep", "acomp", "npadvmod", "dobj", "dep"):
            return c
    if particle == "for":  # "called for Chile to lift the ban": the parser marks the clause with it
        return next((m for c in _for_clauses(verb) for m in c.children if m.dep_ == "mark"), None)
    return None


def _for_clauses(verb: Token) -> Iterator[Token]:
    """Infinitive clauses with a subject of their own that "for" introduces after the verb
    ("pushed for Chile to open its ports"): what is asked of that subject."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > verb.i and for_subject(c) is not None:
            yield c


def for_subject(clause: Token) -> Token | None:
    """The subject "for" gives an infinitive ("called for Chile to lift the ban"), parsed either
    as the clause's own subject with "for" its mark, or as the object of a "for" on the verb
    right before the "to"; None for any other clause."""
    if clause.dep_ != "advcl" or clause.head.i == clause.i:
        return None
    if any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
        return next((x for x in clause.children if x.dep_ == "nsubj"), None)
    to = next((a for a in clause.children if a.dep_ == "aux" and a.tag_ == "TO"), None)
    if to is None or clause.tag_ != "VB":
        return None
    return next((p for c in clause.head.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children if p.dep_ == "pobj" and p.right_edge.i == to.i - 1), None)


def _has_infinitive(verb: Token) -> bool:
    for t in verb.subtree:
        if t.tag_ == "TO" and t.head.i != verb.i and t.head.tag_ == "VB" and t.head.i > verb.i:
            return True
    return False


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


def _object_chain(verb: Token) -> Iterator[Token]:
    """The verb's direct objects and the nouns their of-phrases lead to: in "welcomed the
    resumption of ties with Osgiliath" the with-phrase hangs on "ties", two nouns down; an
    amount leads on through "in" ("provided 50 billion yen in loans to India")."""
    for c in verb.children:
        t: Token | None = c if c.dep_ in _OBJ else None
        while t is not None:
            yield t
            t = next((p for prep in t.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"), None) or next(_amount_in(t), None)


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
        if c.lower_ in ("those", "these") and c.dep_ == "det" and _singular(h) in ("country", "nation", "government", "state"):
            return True  # "urging those countries to …": the pair just named
        if c.lower_ == "their" and c.dep_ == "poss" and _singular(h) in ("country", "nation", "government", "side", "leader", "state"):
            return True
    return False



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
