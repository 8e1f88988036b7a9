"""Headlines: the title is coded as a sentence of its own, merged with the body per story.

A title often states a story's main event most plainly ("India, Japan sign currency swap
pact"), and the body then reports the same event with its date and details. Both are coded;
an event from the title is kept only when the body has no event with the same source country,
target country and CAMEO root (the body's event is the better record: its date, its context).
A kept title event carries ``sentence_index`` :data:`TITLE_INDEX` (``-1``), so its ``event_id``
is ``<article>:-1:<n>`` and it sorts before the body's; its token offsets count in the title.

The title is coded on its own, with no context from the body and none passed to it: a title's
"the two leaders" has nothing before it to refer to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .records import Article, Event

#: ``sentence_index`` of an event coded from the article's title.
TITLE_INDEX = -1
NOTE = "headline"


def title_article(article: Article) -> Article | None:
    """The title as an article of its own (same id, date, publisher, url), or None when there is
    no title or the body already opens with it (some feeds repeat the headline in the text)."""
    title = " ".join(article.title.split())
    if not title:
        return None
    opening = " ".join(article.text.lstrip()[: len(title) + 20].split())
    if opening.lower().startswith(title.lower()):
        return None
    return Article(id=article.id, text=title, date=article.date, title="", publisher=article.publisher, url=article.url, origin=f"{article.origin or article.id} (title)")


def _key(e: Event) -> tuple[str, str, str]:
    return (e.source.country or e.source.code, e.target.country or e.target.code, e.cameo_code[:2])


def merge(title_events: Sequence[Event], body_events: Sequence[Event]) -> list[Event]:
    """The title's events the body does not report (same source country, target country and
    root), marked as the title's, before the body's events."""
    in_body = {_key(e) for e in body_events}
    in_body |= {(s, t, e.intended_code[:2]) for e in body_events if e.intended_code for s, t, _ in [_key(e)]}
    kept: list[Event] = []
    seen: set[tuple[str, str, str]] = set()
    for e in title_events:
        key = _key(e)
        if key in in_body or key in seen:
            continue
        seen.add(key)
        kept.append(replace(e, sentence_index=TITLE_INDEX, notes=(*e.notes, NOTE)))
    return kept + list(body_events)
