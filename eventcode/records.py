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

    @property
    def occurred(self) -> bool:
        """True for asserted, non-negated events: the ones tables count by default."""
        return not self.negated and self.mood == "asserted"
