"""eventcode as a spaCy component, found through the spacy_factories entry point."""

from __future__ import annotations

import datetime as dt
import importlib.metadata as md

import spacy


def test_entry_point_is_advertised():
    eps = md.entry_points(group="spacy_factories")
    assert any(ep.name == "eventcode" and ep.value.startswith("eventcode.component") for ep in eps)


def test_add_pipe_sets_doc_events():
    from eventcode.model import _load_one, DEFAULT_MODELS  # a fresh pipeline we may modify

    for name in DEFAULT_MODELS:
        try:
            nlp = _load_one(name)
            break
        except (OSError, ImportError):
            continue
    nlp.add_pipe("eventcode")
    doc = nlp.make_doc("Japan extended a yen loan to India on Tuesday.")
    doc._.publication_date = dt.date(2020, 12, 22)
    doc._.article_id = "x"
    doc = nlp(doc)
    assert isinstance(doc._.events, tuple) and doc._.events
    ev = doc._.events[0]
    assert (ev.source.country, ev.target.country, ev.article_id, ev.date.iso()) == ("JPN", "IND", "x", "2020-12-22")
    assert "eventcode" in nlp.pipe_names and spacy.util.get_object_name(nlp.get_pipe("eventcode"))
