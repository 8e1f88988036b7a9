"""The user's own example article codes well (issue: 'The seed codes well')."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import SEED, shared_path


@pytest.fixture(scope="module")
def seed_events(coder):
    path = shared_path("seed", SEED.name)
    return coder.code_text(path.read_text(encoding="utf-8"), dt.date(2020, 12, 22), article_id="seed")


def _dyad(e, a="IND", b="JPN"):
    return {e.source.country, e.target.country} == {a, b}


def test_defence_ministers_phone_call_is_ind_to_jpn_041_on_the_day(seed_events):
    calls = [e for e in seed_events if e.cameo_code == "041" and e.source.country == "IND" and e.target.country == "JPN"]
    assert calls, [(e.source.code, e.target.code, e.cameo_code) for e in seed_events]
    assert calls[0].date.iso() == "2020-12-22" and calls[0].occurred
    assert calls[0].source.code == "INDGOV" and calls[0].target.code == "JPNGOV"


def test_consultation_between_india_and_japan_on_tuesday(seed_events):
    consult = [e for e in seed_events if e.cameo_code.startswith("04") and e.cameo_code != "041" and _dyad(e)]
    assert consult
    assert any(e.date.iso() == "2020-12-22" and e.date.method == "weekday" for e in consult)


def test_supplies_and_services_agreement_signed_in_september(seed_events):
    signed = [e for e in seed_events if e.cameo_code == "057" and _dyad(e)]
    assert signed
    assert all(e.date.iso() == "2020-09" and e.date.precision == "month" for e in signed)


def test_intent_to_cooperate(seed_events):
    assert any(e.cameo_code.startswith("03") and _dyad(e) for e in seed_events)


def test_no_china_source_and_nothing_from_boilerplate(seed_events):
    assert not [e for e in seed_events if e.source.country == "CHN"]
    for e in seed_events:
        for junk in ("Sponsored", "Powered by", "TAGS", "Telegram", "Click here"):
            assert junk not in e.sentence


def test_every_seed_event_is_india_japan_and_traceable(seed_events):
    for e in seed_events:
        assert _dyad(e), (e.source.code, e.target.code, e.sentence)
        assert e.rule and e.verb_text and e.sentence
