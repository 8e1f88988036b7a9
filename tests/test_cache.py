"""The parse cache: re-coding without re-parsing, and never trusting a damaged cache."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from eventcode.actions import load_verbs
from eventcode.cache import ParseCache, parser_key
from eventcode.pipeline import EventCoder, RunReport
from eventcode.records import Article

ARTICLES = [
    Article(id="a1", text="India and Japan signed a defence pact on Tuesday. Prices rose 3 pct. India serenaded Japan on Wednesday.", date=dt.date(2020, 12, 22)),
    Article(id="a2", text="Japan condemned North Korea's missile test. The two ministers spoke by phone on Monday.", date=dt.date(2021, 3, 2)),
]


def _run(coder, articles=ARTICLES):
    """Code the articles and close the coder (its cache is then written out)."""
    report = RunReport()
    with coder:
        return list(coder.code_articles(articles, report=report)), report


def _cache_path(nlp, folder):
    with ParseCache(nlp, folder) as cache:
        return cache.path


def _parse_failing(coder, monkeypatch):
    """Make any attempt to parse fail loudly, so that a run can prove it used the cache only."""

    def refuse(*args, **kwargs):
        raise AssertionError("parser called")

    monkeypatch.setattr(coder.nlp, "pipe", refuse)


def test_recode_from_cache_without_parsing(nlp, tmp_path, monkeypatch):
    fresh, _ = _run(EventCoder(nlp=nlp))
    first, r1 = _run(EventCoder(nlp=nlp, cache=tmp_path))
    assert first == fresh and r1.sentences_parsed > 0
    coder = EventCoder(nlp=nlp, cache=tmp_path)
    _parse_failing(coder, monkeypatch)
    again, r2 = _run(coder)
    assert again == fresh
    assert r2.sentences_parsed == 0 and r2.sentences_cached == r1.sentences_parsed


def test_changed_dictionary_recodes_from_the_same_cache(nlp, tmp_path, monkeypatch):
    before, _ = _run(EventCoder(nlp=nlp, cache=tmp_path))
    assert "051" not in {e.cameo_code for e in before}
    verbs = tmp_path / "verbs.tsv"
    verbs.write_text("id\tcode\tverb\tobject\ttarget\tflags\texample\nmy-serenade\t051\tserenade\t\tdobj\t\tIndia serenaded Japan.\n", encoding="utf-8")
    coder = EventCoder(nlp=nlp, cache=tmp_path, verb_dictionary=load_verbs([verbs]))
    _parse_failing(coder, monkeypatch)
    events, report = _run(coder)
    assert report.sentences_parsed == 0
    assert "051" in {e.cameo_code for e in events}


def test_model_or_configuration_change_uses_another_cache(nlp, tmp_path):
    import spacy

    cache = ParseCache(nlp, tmp_path)
    other = spacy.blank("en")
    other_cache = ParseCache(other, tmp_path)
    assert cache.path != other_cache.path
    assert parser_key(nlp)["config_sha256"] != parser_key(other)["config_sha256"]


def test_tampered_entry_is_rejected_and_reparsed(nlp, tmp_path):
    fresh, _ = _run(EventCoder(nlp=nlp, cache=tmp_path))
    path = _cache_path(nlp, tmp_path)
    with sqlite3.connect(path) as db:
        key, data = db.execute("SELECT text_sha256, data FROM parses ORDER BY text_sha256 LIMIT 1").fetchone()
        damaged = bytearray(data)
        damaged[len(damaged) // 2] ^= 0xFF
        db.execute("UPDATE parses SET data = ? WHERE text_sha256 = ?", (bytes(damaged), key))
    coder = EventCoder(nlp=nlp, cache=tmp_path)
    cache = coder.cache
    events, report = _run(coder)
    assert events == fresh
    assert cache.stats.rejected == 1 and report.sentences_parsed > 0


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_unreadable_cache_file_is_set_aside_and_rebuilt(nlp, tmp_path, damage):
    fresh, _ = _run(EventCoder(nlp=nlp, cache=tmp_path))
    path = _cache_path(nlp, tmp_path)
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:
        path.write_bytes(path.read_bytes()[:1500])
    events, report = _run(EventCoder(nlp=nlp, cache=tmp_path))
    assert events == fresh and report.sentences_parsed > 0
    assert path.with_name(path.name + ".corrupt").exists()
    with ParseCache(nlp, tmp_path) as cache:
        assert len(cache) == len(ARTICLES)


def test_entry_for_other_sentences_is_not_trusted(nlp, tmp_path):
    """A hash collision or a foreign entry: the layout must match the article's own sentences."""
    _run(EventCoder(nlp=nlp, cache=tmp_path), ARTICLES[:1])
    from eventcode.cache import text_hash
    from eventcode.corpus import prepare_text

    with sqlite3.connect(_cache_path(nlp, tmp_path)) as db:
        row = db.execute("SELECT units, data, data_sha256 FROM parses").fetchone()
        db.execute("INSERT OR REPLACE INTO parses VALUES (?, ?, ?, ?)", (text_hash(prepare_text(ARTICLES[1].text)), *row))
    fresh, _ = _run(EventCoder(nlp=nlp), ARTICLES[1:])
    events, report = _run(EventCoder(nlp=nlp, cache=tmp_path), ARTICLES[1:])
    assert events == fresh
    assert any("did not match" in p.reason for p in report.problems)


def test_recode_does_not_tokenise_again(nlp, tmp_path, monkeypatch):
    fresh, _ = _run(EventCoder(nlp=nlp, cache=tmp_path))
    coder = EventCoder(nlp=nlp, cache=tmp_path)

    def refuse(text):
        raise AssertionError("splitter called")

    monkeypatch.setattr(coder, "splitter", refuse)
    events, _ = _run(coder)
    assert events == fresh


def test_tampered_tokens_are_rebuilt(nlp, tmp_path):
    fresh, _ = _run(EventCoder(nlp=nlp, cache=tmp_path))
    with sqlite3.connect(_cache_path(nlp, tmp_path)) as db:
        key, data = db.execute("SELECT text_sha256, data FROM tokens ORDER BY text_sha256 LIMIT 1").fetchone()
        db.execute("UPDATE tokens SET data = ? WHERE text_sha256 = ?", (data[:-3] + b"xyz", key))
    coder = EventCoder(nlp=nlp, cache=tmp_path)
    cache = coder.cache
    events, _ = _run(coder)
    assert events == fresh and cache.stats.rejected == 1
