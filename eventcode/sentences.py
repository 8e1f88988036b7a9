"""Splitting an article into sentence units before parsing.

eventcode parses each sentence unit as its own Doc. That makes a sentence's parse independent of
its neighbours, which is what lets the pre-scan drop sentences without changing the events of
the others, and lets the parse cache store and reuse sentences one by one. Units come from the
tokenizer and a sentencizer-style rule (cheap, no model, see :class:`Splitter`); the parser
may still split a unit further, which the coder handles like any Doc.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

#: Bumped whenever the splitting rules change: it is part of the parse-cache key.
SPLITTER_VERSION = "3"


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence unit of an article: its position, its text and its tokens in the article."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Tokenised:
    """What the pre-scan needs of an article, without a Doc: each token's ORTH and LOWER hash,
    whether it starts with a capital, and the sentence units. The parse cache keeps it, so
    that re-coding need not run the tokenizer."""

    orth: list[int]
    lower: list[int]
    capital: list[bool]
    units: list[Unit]


class Splitter:
    """Tokenises an article and cuts it into sentence units (no statistical model involved).

    The rule is spaCy's ``Sentencizer``'s — a unit ends after a terminal mark and any
    punctuation that follows it ('said so."') — except that an opening quote starts the next
    unit, plus a cut at every line break; it runs over integer arrays rather than Token objects
    (it runs on every sentence of every coding run).
    """

    TERMINALS = (".", "!", "?", "\u2026", "\u3002", "\uff01", "\uff1f")
    QUOTES = ('"', "\u201c")

    def __init__(self, nlp: Language) -> None:
        self._tokenizer = nlp.tokenizer
        self._terminals = {nlp.vocab.strings.add(t) for t in self.TERMINALS}
        self._quotes = {nlp.vocab.strings.add(t) for t in self.QUOTES}

    def __call__(self, text: str) -> Tokenised:
        doc = self._tokenizer(text)
        if not len(doc):
            return Tokenised([], [], [], [])
        orth, lower, punct, space, idx, length = doc.to_array(["ORTH", "LOWER", "IS_PUNCT", "IS_SPACE", "IDX", "LENGTH"]).T.tolist()
        terminals, quotes = self._terminals, self._quotes
        starts = [0]
        seen_terminal = False
        for i in range(len(orth)):
            opening = orth[i] in quotes and i and idx[i] > idx[i - 1] + length[i - 1] and i + 1 < len(orth) and idx[i + 1] == idx[i] + length[i]
            if seen_terminal and (opening or not punct[i] and orth[i] not in terminals):
                starts.append(i)
                seen_terminal = False
            elif orth[i] in terminals:
                seen_terminal = True
            if space[i] and "\n" in text[idx[i] : idx[i] + length[i]] and i + 1 < len(orth):
                starts.append(i + 1)
                seen_terminal = False
        units = []
        bounds = sorted(set(starts)) + [len(orth)]
        for start, end in zip(bounds, bounds[1:]):
            while start < end and space[start]:
                start += 1
            while end > start and space[end - 1]:
                end -= 1
            if start < end:
                units.append(Unit(len(units), text[idx[start] : idx[end - 1] + length[end - 1]], start, end))
        return Tokenised(orth, lower, [text[i : i + 1].isupper() for i in idx], units)
