"""Modality: whether a coded act happened, was intended, or is only talked about.

CAMEO does not flag a stated intention on the act itself: "Japan will lend India 50 billion
yen" is its own event, 0331 (express intent to provide economic aid), and a stated plan to
punish is a 13x threat. So the coder first reads the verb's mood from the parse
(:func:`negation_and_mood`), then :func:`intent_code` turns an act in ``intended`` mood into
the intent code that CAMEO gives it (table ``resources/intent_codes.tsv``). A journalist's
speculation ("may", "could", "is expected to") and an appeal's content ("urged Japan to
lend") are ``modal``: not an event of the source, and not counted as having occurred.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .errors import DictionaryError
from .syntax import RESOLVE_NOUNS, _governors, for_subject
from .tsv import packaged, rows

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Auxiliaries that make an act a stated plan ("will meet") rather than a done deed.
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
#: Auxiliaries of speculation or obligation ("may meet", "should meet"): not the source's act.
_OTHER_MODALS = frozenset({"would", "should", "may", "might", "could", "can", "must", "ca"})
#: Governing words whose infinitive is the subject's own stated plan or commitment ("hop": the
#: model's lemma of "hopes"/"hoped").
_INTENT_HEADS = frozenset({
    "plan", "intend", "want", "hope", "hop", "seek", "aim", "try", "agree", "decide", "promise", "pledge",
    "vow", "offer", "propose", "wish", "prepare", "set", "schedule", "due", "resolve", "commit",
    "undertake", "attempt", "threaten", "determined", "ready", "willing", "eager", "keen",
    "poised", "prepared", "committed", "bind", "mean", "arrange", "volunteer", "move",
})
#: Governing words whose infinitive is someone else's guess ("is expected to") or a request made
#: of the subject ("urged Japan to lend"): the act is talked about, not stated by its source.
_REPORTED_HEADS = frozenset({
    "expect", "likely", "unlikely", "consider", "urge", "ask", "call", "invite", "push", "press",
    "need", "go", "look", "like", "encourage", "require", "tell", "request", "appeal", "pressure",
    "force", "allow", "permit", "persuade", "convince", "advise", "demand", "want", "have", "ought",
})
_NEGATING_HEADS = frozenset({"fail", "refuse", "decline", "reject", "deny"})
#: Verbs that end the act their gerund names ("stopped supporting the rebels").
_CEASING_HEADS = frozenset({"stop", "cease", "quit", "halt", "end", "discontinue", "abandon", "suspend"})
#: Verbs whose from-gerund is an act not done ("refrained from retaliating").
_REFRAINING = frozenset({"refrain", "abstain", "desist"})
#: Nouns whose infinitive names an act refused ("refusal to lift the ban").
_NEGATING_NOUNS = frozenset({"refusal", "rejection"})
#: Verbs whose that-clause states what is asked for ("demanded that X withdraw").
_DEMANDING_HEADS = frozenset({"demand", "insist", "urge", "ask", "request", "propose", "suggest", "recommend", "require", "call", "want", "order", "press", "plead", "appeal"})
#: Nouns of a resolve already acted on: their infinitive reports the act itself.
_DECISIVE_NOUNS = frozenset({"decision", "move", "order", "choice"})
#: Verbs that undo a plan or decision named as their object.
_ABANDONING = frozenset({"abandon", "drop", "shelve", "scrap", "cancel", "reverse", "withdraw", "rescind", "revoke", "postpone", "suspend", "freeze", "halt", "reject", "block", "overturn", "deny"})
#: Verbs of hoping and expecting: their that-clause about another party is a wish, not a plan.
_HOPING_HEADS = frozenset({"hope", "hop", "expect", "believe", "think", "wish", "anticipate", "predict", "doubt", "fear", "trust", "assume", "suspect"})
#: Nouns whose that-clause is unconfirmed.
_RUMOUR_NOUNS = frozenset({"rumor", "rumour", "speculation", "possibility", "prospect", "likelihood", "chance", "fear", "hope", "suggestion", "guess", "expectation"})
_HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
_WARNING = frozenset({"warn", "threaten", "caution"})
_SPEECH = frozenset({
    "say", "tell", "state", "add", "announce", "declare", "confirm", "indicate", "insist",
    "reiterate", "affirm", "assure", "write", "report", "stress", "note",
})


def tense(verb: Token) -> str | None:
    """``future`` for a future auxiliary, ``past`` for a past-tense verb, else None."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in verb.children):
        return "future"
    return "past" if verb.tag_ in ("VBD", "VBN") else None


def has_future_marker(verb: Token) -> bool:
    """A future auxiliary on the verb or a verb it shares its clause chain with, or an infinitive."""
    for t in (verb, *_governors(verb)):
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in FUTURE_MODALS:
                return True
    return verb.dep_ == "xcomp"


def _in_reported_speech(verb: Token) -> bool:
    """'Japan said it would lend …': a would-clause under a verb of saying reports a plan."""
    t = verb
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ != "ccomp":
        return False
    head = t.head.lemma_.lower()
    # "Kenya warned Uganda it would impose sanctions": a warning states the speaker's own plan
    # only when the clause speaks of the speaker ("warned that Uganda would attack" predicts)
    return head in _SPEECH or head in _WARNING and _own_subject(t) in ("it", "they", "we", "i", "he", "she")


def _own_subject(verb: Token) -> str:
    """The lowercase text of a verb's own subject ("" when it has none)."""
    return next((c.lower_ for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), "")


#: Verbs of weighing an option: "Japan is considering lifting the sanctions" is CAMEO 014.
_WEIGHING = frozenset({"consider", "weigh", "mull", "contemplate", "study", "explore", "ponder"})


def weighed_option(verb: Token) -> Token | None:
    """The verb of weighing when ``verb`` is the gerund it weighs ("is considering *lifting* …",
    "weighs *sending* troops"), else None: the weighing is an event (014) though the act is not."""
    head = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "xcomp" or head.i == verb.i or head.lemma_.lower() not in _WEIGHING:
        return None
    if any(c.dep_ in ("neg", "dobj") for c in head.children):
        return None  # "is not considering …"; "considers India a partner" weighs no act
    return head


#: Verbs of agreeing or resolving whose that-clause, about the agreeing parties themselves, is their plan.
_AGREEING_HEADS = frozenset({"agree", "decide", "resolve", "pledge", "promise", "vow", "commit"})


def _names_the_agreeing(clause: Token) -> bool:
    """The clause's subject is the parties of the verb it depends on: "they", "we", "their
    countries", "both sides", "the two nations"."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not any(a.dep_ in ("aux", "auxpass") and a.lower_ in ("should", "would", "will", "shall", "must") for a in clause.children):
        return False
    if subject.lower_ in ("they", "we"):
        return True
    return subject.tag_ in ("NNS", "NNPS") and any(c.lower_ in ("their", "our", "both", "two") for c in subject.children)


def negation_and_mood(verb: Token, obj: Token | None) -> tuple[bool, str]:
    """``(negated, mood)`` of the act a verb reports; mood is one of :data:`~eventcode.records.MOODS`."""
    negated = any(c.dep_ == "neg" for c in verb.children)
    if obj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children):
        negated = True
    mood = "asserted"
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    shared = verb
    while not auxes and shared.dep_ in ("conj", "xcomp") and shared.head.i != shared.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in shared.children):
        # "Japan must stop dumping and buy more chips", "will visit Uganda and sign a pact": the
        # second verb shares the first one's subject and auxiliary (through "stop dumping")
        if shared.dep_ == "xcomp" and shared is verb:
            break  # an infinitive's own head is read below ("agreed to meet")
        shared = shared.head
        auxes = [c.lower_ for c in shared.children if c.dep_ == "aux" and c.tag_ != "TO"]
    if any(a in FUTURE_MODALS for a in auxes):
        mood = "intended"
    elif "would" in auxes and _in_reported_speech(verb):
        mood = "intended"
    elif any(a in _OTHER_MODALS for a in auxes):
        mood = "modal"
    elif verb.dep_ == "acl" and verb.head.lemma_.lower() in RESOLVE_NOUNS and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children) and not any(c.dep_ == "auxpass" for c in verb.children):
        # "Japan's decision to impose sanctions" reports the act decided; "Japan's offer / plan /
        # threat to impose sanctions" its owner's stated intent
        mood = "asserted" if verb.head.lemma_.lower() in _DECISIVE_NOUNS else "intended"
        if verb.head.lemma_.lower() in _NEGATING_NOUNS:
            negated = True  # "Norway's refusal to lift the ban": the act is refused, not planned
        owner = verb.head
        if owner.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and owner.head.i != owner.i:
            # "was about to announce a decision to …": the decision is no more real than its clause
            outer_negated, outer = negation_and_mood(owner.head, None)
            if outer != "asserted":
                mood = "intended" if outer == "intended" else outer
            if outer_negated or owner.head.lemma_.lower() in _ABANDONING:
                negated = True  # "abandoned its plan to …", "did not announce a decision to …"
    elif verb.dep_ in ("acl", "relcl", "ccomp") and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "TO" for c in verb.children):
        mood = "modal"  # "issues to be discussed by the ministers": a plan the reporter mentions
    if verb.dep_ == "pcomp" and verb.head.lower_ == "from" and verb.head.head.lemma_.lower() in _REFRAINING:
        negated = True  # "would refrain from taking retaliatory steps"
    t = verb
    while t.dep_ in ("xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp") and t.head.i != t.i:
        if t.dep_ == "ccomp" and mood == "asserted" and t.head.lemma_.lower() in _DEMANDING_HEADS:
            mood = "modal"  # "demanded that Turkey release the journalists": asked for, not done
        if t.dep_ == "advcl" and mood in ("asserted", "intended") and for_subject(t) is not None:
            mood = "modal"  # "called / waited for Chile to lift the ban": wanted, not done
        if t.dep_ == "ccomp" and mood == "modal" and t.head.lemma_.lower() in _AGREEING_HEADS and _names_the_agreeing(t):
            mood = "intended"  # "agreed that their countries should cooperate": their own plan
        if t.dep_ == "ccomp" and mood in ("asserted", "intended") and t.head.lemma_.lower() in _HOPING_HEADS and _own_subject(t) != _own_subject(t.head):
            mood = "modal"  # "officials hope Japanese banks will help Nigeria": someone else's wish
        if t.dep_ in ("acl", "ccomp") and t.head.lemma_.lower() in _RUMOUR_NOUNS:
            mood = "modal"  # "rumours that the U.S. had launched an attack": unconfirmed
        if t.dep_ == "advcl" and mood == "asserted" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children) and any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in t.head.children):
            mood = "intended"  # "will open a consulate to strengthen ties": the purpose of a plan is planned too
        if t.dep_ == "xcomp":
            head = t.head
            lemma = head.lemma_.lower()
            if lemma in _NEGATING_HEADS or lemma in _CEASING_HEADS and t.tag_ == "VBG":
                negated = True  # "refused to sell"; "stopped supporting the rebels": no such act from now
            elif mood == "intended" and lemma in _REPORTED_HEADS and lemma not in _INTENT_HEADS:
                mood = "modal"  # "is expected to try to agree": speculation about a plan
            elif mood == "asserted":
                if lemma in _REPORTED_HEADS and lemma not in _INTENT_HEADS or lemma in _WEIGHING and t.tag_ == "VBG":
                    mood = "modal"  # "is weighing sending troops": talked about, not done
                elif lemma in _INTENT_HEADS:
                    mood = "intended"
                elif head.tag_ == "JJ":
                    mood = "modal"
            if any(c.dep_ == "neg" for c in head.children):
                negated = True
            if mood == "intended" and any(c.dep_ == "aux" and c.lower_ in _OTHER_MODALS - {"would"} for c in head.children):
                mood = "modal"  # "may agree to meet": speculation about the plan
        t = t.head
    for t in (verb, *_governors(verb)):
        if any(c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL_MARKS for c in t.children):
            mood = "hypothetical"
            break
    # a condition on the verb leaves a guess hypothetical ("prices would fall if …"), but not what
    # was done ("refused to sell unless India signed") nor a stated plan: "will lift the sanctions
    # if …", "is ready to retaliate unless …" is a conditional promise or threat, which CAMEO
    # codes as the intent (03x/13x)
    conditions = (c for c in verb.children if c.dep_ == "advcl")
    if verb.tag_ != "VBD" and mood != "intended" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for c in conditions for m in c.children):
        mood = "hypothetical"
    return negated, mood


@functools.cache
def _intent_table() -> tuple[tuple[str, str], ...]:
    """``(act code prefix, intent code)`` rows, longest prefix first."""
    from .codebook import load_codebook

    codebook = load_codebook()
    source = packaged("intent_codes.tsv")
    table = []
    for lineno, row in rows(source, ("act", "intent", "note"), required=("act", "intent")):
        for col in ("act", "intent"):
            if row[col] not in codebook:
                raise DictionaryError(f"{source.name}:{lineno}: {col} {row[col]!r} is not a CAMEO code")
        if row["intent"][:2] not in ("03", "13"):
            raise DictionaryError(f"{source.name}:{lineno}: intent {row['intent']!r} is not in root 03 or 13")
        table.append((row["act"], row["intent"]))
    return tuple(sorted(table, key=lambda r: -len(r[0])))


def intent_code(act: str) -> str | None:
    """CAMEO's code for a stated intention to do ``act`` (None: CAMEO has no intent code for it).

    Examples
    --------
    >>> intent_code("071"), intent_code("042"), intent_code("163"), intent_code("111")
    ('0331', '036', '1312', None)
    """
    for prefix, intent in _intent_table():
        if act.startswith(prefix):
            return act if intent == prefix else intent  # a row mapping a root to itself: already an intent
    return None


#: Auxiliaries of obligation: "X said Y must …" reports a demand of X on Y.
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
#: The demand code (root 10) for the act demanded, by the act's code prefix (longest first);
#: anything else demanded is 100. Parallel to the intent table: 04→106 as 04→036.
_DEMANDS = (
    ("0831", "1041"), ("0832", "1042"), ("0833", "1043"), ("0834", "1044"),
    ("061", "1011"), ("062", "1012"), ("063", "1013"), ("064", "1014"),
    ("071", "1031"), ("072", "1032"), ("073", "1033"), ("074", "1034"),
    ("081", "1051"), ("082", "1052"), ("084", "1053"), ("085", "1054"), ("086", "1055"), ("087", "1056"),
    ("083", "104"), ("04", "106"), ("05", "102"), ("06", "101"), ("07", "103"), ("08", "105"),
)


def demand_code(act: str | None) -> str:
    """CAMEO's demand code for demanding ``act`` of someone (100 when the act is unknown).

    Examples
    --------
    >>> demand_code("061"), demand_code("040"), demand_code(None), demand_code("190")
    ('1011', '106', '100', '100')
    """
    return _by_prefix(_DEMANDS, act, "100")


def _by_prefix(table: tuple[tuple[str, str], ...], act: str | None, default: str) -> str:
    """The code a (prefix, code) table, longest prefix first, gives ``act``; ``default`` otherwise."""
    return next((code for prefix, code in table if act and act.startswith(prefix)), default)


#: The appeal code (root 02) for asking someone to do an act, by the act's code prefix (longest
#: first); a request for anything else stays 020. Parallel to the demand table.
_APPEALS = (
    ("0831", "0241"), ("0832", "0242"), ("0833", "0243"), ("0834", "0244"), ("0871", "0256"),
    ("061", "0211"), ("062", "0212"), ("063", "0213"), ("064", "0214"),
    ("071", "0231"), ("072", "0232"), ("073", "0233"), ("074", "0234"),
    ("081", "0251"), ("082", "0252"), ("083", "024"), ("084", "0253"), ("085", "0254"), ("086", "0255"), ("087", "0256"),
    ("045", "028"), ("04", "026"), ("05", "022"), ("06", "021"), ("07", "023"), ("08", "025"),
)


def appeal_code(act: str | None) -> str:
    """CAMEO's appeal code for asking someone to do ``act`` (020 when the act is unknown).

    Examples
    --------
    >>> appeal_code("061"), appeal_code("0871"), appeal_code("046"), appeal_code("190")
    ('0211', '0256', '026', '020')
    """
    return _by_prefix(_APPEALS, act, "020")
