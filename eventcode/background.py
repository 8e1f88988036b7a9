"""Background mentions: earlier events a story recalls in passing, and their dates.

News recalls earlier events to explain the new one ("Japan had frozen new aid after the 1998
tests"). Dating such an event to the day of publication puts it in the wrong year. An event in
the past perfect, or marked as earlier ("earlier", "previously", "in the past", "since …"),
keeps a date the text gives it ("in 2005", "last year", "two years ago"); without one it gets no
date (precision ``none``, method ``background``) rather than the publication day. Either way,
and for any event whose own date ends well before publication, ``Event.background`` is set, so
that tables can leave undated ones out and say how many (``eventcode.tables.prepare``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .records import EventDate

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Adverbs that place an event before the story's news.
EARLIER_WORDS = frozenset({"earlier", "previously", "formerly", "before", "last"})  # "they last met in July"
#: An event whose dated span ends this long before publication is a background mention.
BACKGROUND_AGE = dt.timedelta(days=90)
METHOD = "background"


def marker(verb: Token) -> str | None:
    """What marks the verb's event as earlier than the news, or None.

    Past perfect ("had frozen"), an adverb of earlier time ("previously signed", "last met"), "in the past",
    or a "since" phrase or clause ("has refused since 1998"), on the verb or on the verbs it
    shares a clause with (conj/xcomp chains).
    """
    t: Token | None = verb
    seen = 0
    while t is not None and seen < 4:
        children = list(t.children)
        if t.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in children):
            return "past perfect"
        for c in children:
            low = c.lower_
            if c.dep_ == "advmod" and low in EARLIER_WORDS and not (low == "before" and any(g.dep_ in ("pobj", "npadvmod") for g in c.children)):
                return low
            if c.dep_ == "prep" and low == "in" and any(p.dep_ == "pobj" and p.lower_ == "past" for p in c.children):
                return "in the past"
            if c.dep_ == "prep" and low == "at" and any(p.dep_ == "pobj" and p.lower_ == "time" and any(d.lower_ == "the" for d in p.children) for p in c.children):
                return "at the time"
            if low == "since" and c.dep_ in ("prep", "mark"):
                return "since"
        if t.dep_ == "conj" and t.tag_ in ("VB", "VBP", "VBZ") and t.head.tag_ in ("VBN", "VBD"):
            break  # "have made strides in the past and look forward to …": the present is now
        t = t.head if t.dep_ in ("conj", "xcomp") and t.head.i != t.i else None
        seen += 1
    return None


def span_end(date: EventDate) -> dt.date | None:
    """The last day a date can denote at its precision."""
    d = date.date
    if d is None:
        return None
    if date.precision == "year":
        return dt.date(d.year, 12, 31)
    if date.precision == "month":
        return dt.date(d.year + d.month // 12, d.month % 12 + 1, 1) - dt.timedelta(days=1)
    if date.precision == "week":
        return d + dt.timedelta(days=6)
    return d


def anchor_date(verb: Token, pub: dt.date | None) -> EventDate | None:
    """The date of the noun a relative clause hangs on: "the 1998 tests, after which Japan froze
    aid", "India's tests of May 1998, after which …" (the clause's event follows or is the
    noun's, so it takes that date when it is well before publication), and "on Monday, when
    Kawaguchi met Singh" (the clause hangs on the date itself)."""
    from . import dates

    if verb.dep_ != "relcl" or verb.head.i == verb.i:
        return None
    noun = verb.head
    inner = {t.i for t in verb.subtree}
    lo, hi = noun.left_edge.i, noun.right_edge.i
    for ent in noun.doc.ents:
        if ent.label_ != "DATE" or not (lo <= ent.start and ent.end - 1 <= hi) or ent.start in inner:
            continue
        found = dates.resolve(ent.text, pub, "past" if verb.tag_ in ("VBD", "VBN") else None)
        end = span_end(found) if found is not None else None
        if end is None:
            continue
        # "on Monday, when Kawaguchi met Singh": the clause hangs on the date itself
        if ent.start <= noun.i < ent.end or _long_before(end, pub):
            return EventDate(date=found.date, precision=found.precision, method=found.method, text=ent.text)
    return None


def _long_before(day: dt.date | None, pub: dt.date | None) -> bool:
    """``day`` lies more than :data:`BACKGROUND_AGE` before publication (safe at year 1)."""
    return pub is not None and day is not None and pub - dt.date.min > BACKGROUND_AGE and day < pub - BACKGROUND_AGE


def apply(ev: dict, verb: Token | None, pub: dt.date | None) -> dict:
    """The coder's event dict with ``date`` and ``background`` set for a background mention.

    Asserted events are read as background by their marks or their age; an intention only by a
    mark ("had agreed to hold talks": the agreement is the earlier event); a modal or
    conditional event is about the future however it is phrased.
    """
    mood = ev.get("mood", "asserted")
    if mood not in ("asserted", "intended"):
        return ev
    date: EventDate = ev["date"]
    mark = marker(verb) if verb is not None else None
    if mood == "intended" and mark is None:
        return ev
    anchored = anchor_date(verb, pub) if verb is not None and date.method in ("publication", "none") else None
    if anchored is not None:
        old = _long_before(span_end(anchored), pub)
        return {**ev, "date": anchored, "background": old or mark is not None}
    if mark is not None and date.method in ("publication", "none"):
        return {**ev, "date": EventDate(date=None, precision="none", method=METHOD, text=mark), "background": True}
    end = span_end(date)
    if mark is not None or _long_before(end, pub):
        return {**ev, "background": True}
    return ev
