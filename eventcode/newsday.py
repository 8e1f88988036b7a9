"""The story's news day: the date of a report's events whose own sentence names no time.

A news report states its news day once, often in the lede ("Japan on Friday lifted …") and
sometimes only further down ("The recall was announced on Thursday"); the sentences around it
tell the same news without repeating the day ("The decision removes …", "Hattori praised
India's restraint"). Dating those events to the day of publication is a guess that is wrong
whenever the report appears a day or more after its news. The story's news day is the better
guess and no more precise than what the text says: the first date the story gives to a
non-background, non-future clause, written with a weekday or a word of :data:`DAY_WORDS`, that
is either a day at most :data:`NEWS_WINDOW` before publication or a week or month that contains
publication ("this month"). Events dated only by publication that are asserted or intended
(not modal, hypothetical, negated or background) take it, with ``date_method`` :data:`METHOD`;
without such a date they keep the publication day. A text too long to code whole
(``pipeline.MAX_PART_CHARS``) is no news report, and its parts cannot see each other's dates:
it takes no news day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from . import background, dates
from .mood import has_future_marker, tense
from .records import Event, EventDate

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Words a news day is written with ("on Tuesday", "yesterday", "this week", "this month"). Only
#: a date expression holding one can be the news day, and the pre-scan (eventcode.prescan)
#: parses every sentence holding one, so the news day does not depend on which were parsed.
DAY_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "yesterday", "today", "tonight", "week", "month",
})
#: ``date_method`` of an event dated by its story's news day.
METHOD = "story"
#: How long before publication a day may lie to be the story's news day.
NEWS_WINDOW = dt.timedelta(days=7)
_BARE_YEAR = re.compile(r"^(?:the\s+)?(?:19|20)\d\d$", re.IGNORECASE)
_NOUN_MODIFIER = frozenset({"compound", "nummod", "amod", "poss", "nmod"})
_ARGUMENT = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})


def dates_noun(ent: Span) -> bool:
    """A bare year written as a modifier of the clause's subject or object ("lifted its 1998
    sanctions", "the 2008 pact was revised") dates that noun, not the clause; in a phrase of time
    or place ("after the 1998 tests", "at the 2018 summit") it places the clause too."""
    root = ent.root
    noun = root.head
    return bool(_BARE_YEAR.match(ent.text.strip())) and root.dep_ in _NOUN_MODIFIER and noun.pos_ in ("NOUN", "PROPN") and noun.dep_ in _ARGUMENT


def fits(date: EventDate | None, pub: dt.date | None) -> bool:
    """Can this date be a report's news day: a day in the week up to publication, or a week or
    month that contains publication."""
    if date is None or date.date is None or pub is None:
        return False
    if date.precision == "day":
        return pub - NEWS_WINDOW <= date.date <= pub
    if date.precision in ("week", "month"):
        end = background.span_end(date)
        return end is not None and date.date <= pub <= end
    return False


def news_day(clauses: Iterable[tuple[Span, Token | None]], pub: dt.date | None) -> EventDate | None:
    """The first date expression, in text order, that can be the story's news day. ``clauses``
    pairs each date expression with the verb of its clause (None when it has none)."""
    if pub is None:
        return None
    for ent, verb in clauses:
        if dates_noun(ent) or not any(t.lower_ in DAY_WORDS for t in ent):
            continue
        # an earlier event ("had met on Monday") or a plan ("will meet on Monday"); a verb in the
        # simple past is no plan, whatever the parser hangs it on ("… will open, X announced on Monday")
        if verb is not None and (background.marker(verb) is not None or verb.tag_ != "VBD" and has_future_marker(verb)):
            continue
        found = dates.resolve(ent.text, pub, (tense(verb) if verb is not None else None) or "past")
        if fits(found, pub):
            return EventDate(date=found.date, precision=found.precision, method=METHOD, text=found.text)
    return None


def settle(events: Sequence[Event], day: EventDate | None) -> list[Event]:
    """The events with the news day for those dated only by publication that report the news
    (asserted or intended, not negated, not background)."""
    if day is None:
        return list(events)
    return [
        replace(e, date=day)
        if e.date.method == "publication" and not e.background and not e.negated and e.mood in ("asserted", "intended")
        else e
        for e in events
    ]
