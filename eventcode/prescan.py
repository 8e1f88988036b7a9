"""The actor pre-scan: which sentences are worth parsing at all.

An event needs a source and a target, and the coder finds actors only through dictionary
mentions, words that refer back to actors named earlier (``roles.REFERRING_WORDS``), names
the story introduced before, and — once the story has named two countries — the story's dyad
("A defence pact was signed on Tuesday"). A sentence with none of these cannot yield an event
or teach the coder anything it uses later (a sentence with a weekday, "yesterday", "this week"
… is kept too: it may give the story's news day, ``eventcode.newsday``), so it need not be parsed; after a second country
every sentence is kept. The scan runs on the tokenised text
with the coder's own phrase matchers, so it agrees with the coder by construction; the test
suite checks that it loses no event on the seed, the default corpus and the ConfliBERT dev set.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .actors import case_folded
from .roles import REFERRING_WORDS
from .newsday import DAY_WORDS

if TYPE_CHECKING:
    from spacy.vocab import Vocab

    from .actors import ActorMatcher
    from .sentences import Tokenised


class Prescan:
    """Decides, per sentence unit of one article, whether the coder could use it."""

    def __init__(self, matcher: ActorMatcher, vocab: Vocab, event_words: Iterable[str] = ()) -> None:
        """``event_words``: lowercase words that carry an event with its parties on their own
        (named exercises: "jimex"), so that their sentences are kept too."""
        self._matcher = matcher
        self._referring = {vocab.strings.add(w) for w in (*REFERRING_WORDS, *event_words)}
        self._dated = {vocab.strings.add(w) for w in DAY_WORDS}  # a possible news day (eventcode.newsday)
        actors = matcher.actors
        self._countries = {("named", key): {e.country for e in entries if e.country} for key, entries in actors.named.items()}
        self._countries.update({("person", pid): {p.country} for pid, p in actors.people.items()})
        self._countries.update({("short", pid): {p.country} for pid, p in actors.people.items()})

    def keep(self, tokens: Tokenised, folded: bool | None = None) -> list[bool]:
        """Per sentence unit, whether to parse it; ``folded``: the article is in lower case
        throughout (judged from the tokens when not given)."""
        units = tokens.units
        if not units:
            return []
        orth, lower = tokens.orth, tokens.lower
        starts = [u.start for u in units]
        mentioned = [False] * len(units)
        countries: list[set[str]] = [set() for _ in units]
        if folded is None:
            folded = case_folded(tokens.capital)
        for m in self._matcher.find(orth, lower, folded):
            at = bisect_right(starts, m.start) - 1
            if at >= 0 and m.start < units[at].end:
                mentioned[at] = True
                countries[at] |= self._countries.get((m.kind, m.key), set())
        # Capitalised words of kept sentences: a superset of the names the coder may learn
        # there ("Japan's press secretary, Norio Hattori") and resolve later ("Hattori said").
        referring, dated, capital = self._referring, self._dated, tokens.capital
        names: set[int] = set()
        seen: set[str] = set()  # countries named in kept sentences: two make a dyad
        keep = []
        for unit, hit, named in zip(units, mentioned, countries):
            span = range(unit.start, unit.end)
            ok = hit or len(seen) > 1 or any(lower[i] in referring or orth[i] in names or lower[i] in dated for i in span)
            if ok:
                names.update(orth[i] for i in span if capital[i])
                seen |= named
            keep.append(ok)
        return keep
