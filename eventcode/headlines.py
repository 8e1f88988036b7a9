"""Headlines: the title is coded as a sentence of its own, merged with the body per story.

A title often states a story's main event most plainly ("India, Japan sign currency swap
pact"), and the body then reports the same event with its date and details. Both are coded;
an event from the title is kept only when the body has no event with the same source country,
target country and CAMEO root (the body's event is the better record: its date, its context).
A kept title event carries ``sentence_index`` :data:`TITLE_INDEX` (``-1``), so its ``event_id``
is ``<article>:-1:<n>`` and it sorts before the body's; its token offsets count in the title.
A title seldom dates its event; one dated only by publication takes the date of the lede's
first dated event (method ``lede``), since a headline states the lede's news.

The title is coded on its own, with no context from the body and none passed to it: a title's
"the two leaders" has nothing before it to refer to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from . import dates
from .records import Article, Event, EventDate

#: ``sentence_index`` of an event coded from the article's title.
TITLE_INDEX = -1
NOTE = "headline"
#: ``date_method`` of a title event dated by its story's lede.
LEDE_METHOD = "lede"


def title_article(article: Article) -> Article | None:
    """The title as an article of its own (same id, date, publisher, url), or None when there is
    no title, it is written in capitals, or the body already opens with it (some feeds repeat
    the headline in the text)."""
    title = " ".join(article.title.split())
    if not title or not any(ch.islower() for ch in title):
        return None  # none, or a wire slug in capitals ("JAPAN SAYS …"), which the parser reads poorly
    opening = " ".join(article.text.lstrip()[: len(title) + 20].split())
    if opening.lower().startswith(title.lower()):
        return None
    return Article(id=article.id, text=title, date=article.date, title="", publisher=article.publisher, url=article.url, origin=f"{article.origin or article.id} (title)")


def _key(e: Event) -> tuple[str, str, str]:
    return (e.source.country or e.source.code, e.target.country or e.target.code, e.cameo_code[:2])


def merge(title_events: Sequence[Event], body_events: Sequence[Event], body_text: str = "") -> list[Event]:
    """The title's events the body does not report (same source country, target country and
    root), marked as the title's, before the body's events. ``body_text`` lets a title event
    take the lede's date when no body event of the lede was coded with one."""
    in_body = {_key(e) for e in body_events}
    pub = next((e.publication_date for e in title_events), None)
    lede = lede_date(body_events) or lede_text_date(body_text, pub)
    in_body |= {(s, t, e.intended_code[:2]) for e in body_events if e.intended_code for s, t, _ in [_key(e)]}
    kept: list[Event] = []
    seen: set[tuple[str, str, str]] = set()
    for e in title_events:
        key = _key(e)
        if key in in_body or key in seen:
            continue
        seen.add(key)
        dated = replace(e, date=lede) if lede is not None and e.date.method == "publication" else e
        kept.append(replace(dated, sentence_index=TITLE_INDEX, notes=(*e.notes, NOTE)))
    return kept + list(body_events)


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
#: Day expressions a lede dates its news with; broader spans ("this month") are left to the coder.
_LEDE_DATE = re.compile(
    rf"\b(?:on\s+{_WEEKDAY}|on\s+\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|on\s+{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|yesterday|today|{_WEEKDAY}\s+(?:morning|afternoon|evening|night))\b"
)


def lede_text_date(text: str, pub: dt.date | None) -> EventDate | None:
    """The first day expression of the body's first sentence, resolved in the past tense."""
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])|\n\s*\n", text.strip(), maxsplit=1)[0] if text.strip() else ""
    m = _LEDE_DATE.search(first)
    found = dates.resolve(m.group(0), pub, "past") if m and pub is not None else None
    if found is None or found.date is None or found.date > pub:
        return None
    return EventDate(date=found.date, precision=found.precision, method=LEDE_METHOD, text=found.text)


def lede_date(body_events: Sequence[Event]) -> EventDate | None:
    """The date the story's lede gives its news: that of the first asserted, non-background body
    event of the first sentence with one whose date the text states (not the publication day),
    if it is not after publication. A headline reports the lede's event, and a title rarely
    dates it itself ("India, Japan sign pact"; the lede: "… signed on Tuesday")."""
    first = min((e.sentence_index for e in body_events if e.sentence_index >= 0), default=None)
    for e in body_events:
        if e.sentence_index != first or e.background or e.mood != "asserted":
            continue
        d = e.date
        if d.date is not None and d.method not in ("publication", "none", "background") and (e.publication_date is None or d.date <= e.publication_date):
            return EventDate(date=d.date, precision=d.precision, method=LEDE_METHOD, text=d.text)
    return None
