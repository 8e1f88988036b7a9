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
    from spacy.tokens import Doc

#: Bumped whenever the splitting rules change: it is part of the parse-cache key.
SPLITTER_VERSION = "2"


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence unit of an article: its position, its text and its tokens in the article."""

    index: int
    text: str
    start: int
    end: int


class Splitter:
    """Tokenises an article and cuts it into sentence units (no statistical model involved).

    The rule is spaCy's ``Sentencizer``'s — a unit ends after a terminal mark and any
    punctuation that follows it ('said so."') — except that an opening quote starts the next
    unit, plus a cut at every line break; it runs over integer arrays rather than Token objects
    (it runs on every sentence of every re-coding).
    """

    TERMINALS = (".", "!", "?", "\u2026", "\u3002", "\uff01", "\uff1f")
    QUOTES = ('"', "\u201c")

    def __init__(self, nlp: Language) -> None:
        self._tokenizer = nlp.tokenizer
        self._terminals = {nlp.vocab.strings.add(t) for t in self.TERMINALS}
        self._quotes = {nlp.vocab.strings.add(t) for t in self.QUOTES}

    def __call__(self, text: str) -> tuple[Doc, list[Unit]]:
        doc = self._tokenizer(text)
        if not len(doc):
            return doc, []
        orth, punct, space, idx, length = doc.to_array(["ORTH", "IS_PUNCT", "IS_SPACE", "IDX", "LENGTH"]).T.tolist()
        terminals = self._terminals
        starts = [0]
        seen_terminal = False
        for i in range(len(orth)):
            opening = orth[i] in self._quotes and i and idx[i] > idx[i - 1] + length[i - 1] and i + 1 < len(orth) and idx[i + 1] == idx[i] + length[i]
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
        return doc, units
