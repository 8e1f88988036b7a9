"""The gold set shipped for the sample corpus: well formed, its texts are the corpus's, and the coder clears a floor."""

from __future__ import annotations

import re

import pytest

from eventcode.evaluate import SAMPLE_GOLD, read_gold, run_gold, score

from .conftest import ROOT


def _corpus_text() -> str:
    return " ".join(re.sub(r"\s+", " ", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "corpus").glob("*.md")))


def test_sample_gold_is_shipped_and_its_texts_are_corpus_sentences():
    gold = read_gold(SAMPLE_GOLD)
    assert len(gold) >= 25 and sum(len(g.events) for g in gold) >= 30
    assert sum(1 for g in gold if not g.events) >= 2  # sentences with no codable event
    corpus = _corpus_text()
    missing = [g.id for g in gold if g.text not in corpus]
    assert not missing, f"gold texts not found in data/corpus: {missing}"


@pytest.mark.slow
def test_coder_on_the_sample_gold_clears_a_floor(coder):
    gold = read_gold(SAMPLE_GOLD)
    scores = score(gold, run_gold(coder, gold))
    # measured 2026-12-04: exact P 0.70 R 0.72; the floor catches a broken coder, not a small drift
    assert scores.root.precision >= 0.6 and scores.root.recall >= 0.6
