"""The records that flow through eventcode: articles in, events out.

All are frozen dataclasses so that no later stage can change what an earlier one produced,
and so that they hash (duplicates can be removed with a set).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: Moods an event can carry; only ``asserted`` events count as having occurred.
MOODS = ("asserted", "modal", "intended", "hypothetical")


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news story. ``origin`` says where it came from (``file.csv:12``) for error reports."""

    id: str
    text: str
    date: dt.date | None = None
    title: str = ""
    publisher: str = ""
    url: str = ""
    origin: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """A record that could not be used (or was used with a caveat), and why."""

    where: str
    reason: str
    article_id: str = ""
    skipped: bool = True

    def __str__(self) -> str:
        what = "skipped" if self.skipped else "warning"
        ident = f" [{self.article_id}]" if self.article_id else ""
        return f"{self.where}{ident}: {what}: {self.reason}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """An actor as resolved in one sentence: its CAMEO code and the text that produced it."""

    code: str
    country: str = ""
    sector: str = ""
    text: str = ""
    start: int = -1  # token offsets in the Doc, for tracing
    end: int = -1
    rule: str = ""  # dictionary entry (or resolution step) that produced the code
    path: str = ""  # where in the sentence the role was found (ROLE_PATHS)
    inferred: bool = False  # country taken from the sentence's other party or the story, not the text


#: How a role can be found, most reliable first (see :mod:`eventcode.coder`; ``place``: a
#: visit's host from where it went, :mod:`eventcode.places`). ``last-resort`` roles make an
#: event's ``role_confidence`` low.
ROLE_PATHS = (
    "subject", "object", "agent", "prep", "object-prep", "possessor", "modifier", "complement",
    "coordination", "collective", "reported", "pronoun", "place", "context", "last-resort",
    "phrase", "visit",  # a PETRARCH-style phrase slot; the other side of a visit or hosting
    "between", "named",  # event nouns (eventcode.nominal): "talks between A and B", a named exercise's parties
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """Where an event happened, as far as the text says."""

    name: str
    country: str = ""  # ISO 3166 alpha-3
    lat: float | None = None
    lon: float | None = None
    precision: str = ""  # country | region | city
    method: str = ""  # which rule found it


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDate:
    """When an event happened, how precisely we know, and how we found out."""

    date: dt.date | None
    precision: str  # day | week | month | year | none
    method: str  # publication | weekday | relative | month | explicit | year | none
    text: str = ""

    def iso(self) -> str:
        """ISO text at the stated precision: ``2020-09`` for a month, ``2020`` for a year."""
        if self.date is None:
            return ""
        if self.precision == "month":
            return self.date.strftime("%Y-%m")
        if self.precision == "year":
            return f"{self.date.year:04d}"
        return self.date.isoformat()


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One coded event: source did ``cameo_code`` to target, with everything needed to trace it."""

    article_id: str
    sentence_index: int
    source: Actor
    target: Actor
    cameo_code: str
    rule: str
    verb_text: str
    sentence: str
    date: EventDate
    negated: bool = False
    mood: str = "asserted"
    publication_date: dt.date | None = None
    publisher: str = ""
    url: str = ""
    notes: tuple[str, ...] = field(default=())
    intended_code: str = ""  # the act a 03x/13x intent event announces (its own CAMEO code)
    background: bool = False  # an earlier event mentioned in passing, not the story's news
    place: Place | None = None

    @property
    def role_confidence(self) -> str:
        """``low`` when either role came from the last-resort search or had its country
        inferred from the story (an official named by title alone, a minister by bare surname), else ``high``."""
        low = "last-resort" in (self.source.path, self.target.path) or self.source.inferred or self.target.inferred
        return "low" if low else "high"

    @property
    def occurred(self) -> bool:
        """True for events that happened, the ones tables count by default: asserted acts,
        and stated intentions coded as CAMEO intent codes (the statement happened)."""
        return not self.negated and (self.mood == "asserted" or self.mood == "intended" and bool(self.intended_code))
