"""Splitting an article into sentence units before parsing.

eventcode parses each sentence unit as its own Doc. That makes a sentence's parse independent of
its neighbours, which is what lets the pre-scan drop sentences without changing the events of
the others, and lets the parse cache store and reuse sentences one by one. Units come from the
tokenizer and spaCy's rule-based sentencizer (cheap, no model), plus paragraph breaks; the parser
may still split a unit further, which the coder handles like any Doc.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Bumped whenever the splitting rules change: it is part of the parse-cache key.
SPLITTER_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence unit of an article: its position, its text and its tokens in the article."""

    index: int
    text: str
    start: int
    end: int


class Splitter:
    """Tokenises an article and cuts it into sentence units (no statistical model involved)."""

    def __init__(self, nlp: Language) -> None:
        from spacy.pipeline import Sentencizer

        self._tokenizer = nlp.tokenizer
        self._sentencizer = Sentencizer()

    def __call__(self, text: str) -> tuple[Doc, list[Unit]]:
        doc = self._tokenizer(text)
        if not len(doc):
            return doc, []
        doc = self._sentencizer(doc)
        for token in doc[:-1]:
            if token.is_space and "\n" in token.text:
                doc[token.i + 1].is_sent_start = True
        units = []
        for sent in doc.sents:
            start, end = sent.start, sent.end
            while start < end and doc[start].is_space:
                start += 1
            while end > start and doc[end - 1].is_space:
                end -= 1
            if start < end:
                span = doc[start:end]
                units.append(Unit(len(units), span.text, start, end))
        return doc, units
