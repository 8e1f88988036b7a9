"""The actor pre-scan: which sentences are worth parsing at all.

An event needs a source and a target, and the coder finds actors only through dictionary
mentions, words that refer back to actors named earlier (``coder.REFERRING_WORDS``) and names
the story introduced before. A sentence with none of these cannot yield an event or teach the
coder anything it uses later, so it need not be parsed. The scan runs on the tokenised text
with the coder's own phrase matchers, so it agrees with the coder by construction; the test
suite checks that it loses no event on the seed, the default corpus and the ConfliBERT dev set.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .coder import REFERRING_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import ActorMatcher
    from .sentences import Unit


class Prescan:
    """Decides, per sentence unit of one article, whether the coder could use it."""

    def __init__(self, matcher: ActorMatcher) -> None:
        self._matcher = matcher

    def keep(self, doc: Doc, units: Sequence[Unit]) -> list[bool]:
        if not units:
            return []
        starts = [u.start for u in units]
        mentioned = [False] * len(units)
        for m in self._matcher(doc):
            at = bisect_right(starts, m.start) - 1
            if at >= 0 and m.start < units[at].end:
                mentioned[at] = True
        # Capitalised words of kept sentences: a superset of the names the coder may learn
        # there ("Japan's press secretary, Norio Hattori") and resolve later ("Hattori said").
        names: set[str] = set()
        keep = []
        for unit, hit in zip(units, mentioned):
            tokens = doc[unit.start : unit.end]
            ok = hit or any(t.lower_ in REFERRING_WORDS or t.text in names for t in tokens)
            if ok:
                names.update(t.text for t in tokens if t.text[:1].isupper())
            keep.append(ok)
        return keep
