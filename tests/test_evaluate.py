"""eventcode.evaluate: gold readers, scoring arithmetic, and running the coder over gold.

All but the last test build Event objects by hand and need no spaCy model.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from pathlib import Path

import pytest

from eventcode.errors import InputError
from eventcode.evaluate import (
    GOLD_COLUMNS,
    ROOTS,
    GoldEvent,
    GoldSentence,
    LevelScore,
    PetrarchGold,
    parse_gold_csv,
    parse_gold_jsonl,
    parse_petrarch_xml,
    read_gold,
    read_gold_csv,
    read_gold_jsonl,
    read_petrarch_xml,
    run_gold,
    score,
    write_gold_csv,
    write_gold_jsonl,
)
from eventcode.records import Actor, Event, EventDate

from .conftest import ROOT, shared_path

# ----------------------------------------------------------------------------- helpers


def ev(src: str, tgt: str, code: str, *, sid: str = "s1", rule: str = "", date: str = "2020-12-22", precision: str = "day", mood: str = "asserted", negated: bool = False) -> Event:
    """A hand-made Event; ``date`` is ISO at ``precision``."""
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return Event(
        article_id=sid,
        sentence_index=0,
        source=Actor(code=src, country=src[:3], text=src.lower(), rule=f"actor:{src}"),
        target=Actor(code=tgt, country=tgt[:3], text=tgt.lower(), rule=f"actor:{tgt}"),
        cameo_code=code,
        rule=rule or f"rule-{code}",
        verb_text="verb",
        sentence=f"sentence of {sid}",
        date=EventDate(date=dt.date(*parts[:3]), precision=precision, method="explicit"),
        mood=mood,
        negated=negated,
    )


def gs(sid: str, *events: GoldEvent, text: str = "", date: dt.date | None = dt.date(2020, 12, 22)) -> GoldSentence:
    return GoldSentence(id=sid, text=text or f"text of {sid}", date=date, events=tuple(events), no_events=not events, origin=f"test:{sid}")


def G(src: str, tgt: str, code: str, date: str = "", **kw) -> GoldEvent:  # noqa: N802
    return GoldEvent(src, tgt, code, date, **kw)


def approx(x: float):
    return pytest.approx(x, abs=1e-9)


# ----------------------------------------------------------------------------- PETRARCH XML

SMALL_XML = """<Validation>
<!-- a comment holding tags that must be ignored: <Sentence id="C-1"> <Stop></Stop> -->
<Environment>
    <Verbfile>PETR.Validate.verbs.txt</Verbfile>
    <Actorfile>PETR.Validate.actors.txt</Actorfile>
    <Agentfile>PETR.Validate.agents.txt</Agentfile>
    <Discardfile>PETR.Validate.discards.txt</Discardfile>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date="20150806" id="A-1" category="DEMO" sentence="true">
<!-- Simple coding -->
<EventCoding sourcecode="USAGOV" targetcode="IRQ" eventcode="041"></EventCoding>
<EventCoding sourcecode='---GOV' targetcode = "IRQ" eventcode="190"/>
<Text>
The US &amp; Iraq talked by phone;
AT&T was not involved.
</Text>
<Parse> (ROOT (S (NP (NNP US)) (VP (VBD talked)))) </Parse>
</Sentence>
<Sentence date="20150807" id="A-2" category="DEMO" sentence="false">
<!-- 14.04.26: currently not implemented -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Arnor restores ties with Gondor.</Text>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date = "20150808" id ="A-3" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_xml_reader_records_environment_config_and_skips():
    gold = parse_petrarch_xml(SMALL_XML, origin="small.xml")
    assert isinstance(gold, PetrarchGold)
    assert [s.id for s in gold] == ["A-1", "A-3"] and len(gold) == 2 and gold[0].id == "A-1"
    a1, a3 = gold
    assert a1.date == dt.date(2015, 8, 6) and a3.date == dt.date(2015, 8, 8)
    assert a1.events == (GoldEvent("USAGOV", "IRQ", "041"), GoldEvent("---GOV", "IRQ", "190"))
    assert all(isinstance(e.code, str) for e in a1.events)
    assert a1.text == "The US & Iraq talked by phone; AT&T was not involved."  # entity decoded, stray & kept
    assert not a1.no_events and a1.origin == "small.xml:11"
    assert a3.events == () and a3.no_events
    # sentence="false" is skipped with a reason that quotes the record's comment, naming the line
    assert [p.article_id for p in gold.skipped] == ["A-2"]
    assert gold.skipped[0].where == "small.xml:21"
    assert 'sentence="false"' in gold.skipped[0].reason and "currently not implemented" in gold.skipped[0].reason
    assert gold.problems == ()
    assert gold.dictionaries == {"verbs": "PETR.Validate.verbs.txt", "actors": "PETR.Validate.actors.txt", "agents": "PETR.Validate.agents.txt", "discards": "PETR.Validate.discards.txt"}
    assert gold.environment["Verbfile"] == "PETR.Validate.verbs.txt"
    assert gold.config == {"stop_on_error": "True"}
    assert gold.config_changes == ((26, "require_dyad", "false"),)
    assert gold.categories == {"A-1": "DEMO", "A-2": "DEMO", "A-3": "DEMO"}


MALFORMED_XML = """<Sentences>
<Sentence date="20150806" id="M-1" sentence="true"/>
<EventCoding sourcecode="USAGOV" targetcode="IRQ" eventcode="041"></EventCoding>
<Text>Self-closed record with its content after it.</Text>
</Sentence>
<Sentence date="20150806" id="M-2" sentence="true">
<EventCoding sourcecode="IRQ" targetcode="USA" eventcode="042"></EventCoding>
<Text>A record whose closing tag is missing.</Text>
<Sentence date="2015XX06" id="M-3" sentence="true">
<EventCoding sourcecode="IRQ" targetcode="USA" eventcode="043"></EventCoding>
<Text>Text without its end tag
<Parse> (ROOT) </Parse>
</Sentence>
<Sentence date="20150806" id="M-4" sentence="true">
<EventCoding sourcecode="IRQ" eventcode="043"></EventCoding>
<Text>An EventCoding without a target.</Text>
</Sentence>
<Sentence date="20150806" sentence="true">
<EventCoding noevents="true"></EventCoding>
<Text>No id.</Text>
</Sentence>
<Sentence date="20150806" id="M-1" sentence="true">
<EventCoding noevents="true"></EventCoding>
<Text>A duplicate id.</Text>
</Sentence>
<Sentence date="20150806" id="M-7 sentence="true">
<EventCoding noevents="true"></EventCoding>
<Text>An unbalanced quote.</Text>
</Sentence>
<Sentence date="20150806" id="M-8" sentence="true">
<EventCoding noevents="true"></EventCoding>
<EventCoding sourcecode="IRQ" targetcode="USA" eventcode="043"></EventCoding>
<Text>Contradictory gold.</Text>
</Sentence>
<Sentence date="20150806" id="M-9" sentence="true">
<Text>No EventCoding at all.</Text>
</Sentence>
"""


def test_xml_reader_tolerates_and_reports_malformed_records():
    gold = parse_petrarch_xml(MALFORMED_XML, origin="bad.xml")
    by_id = {s.id: s for s in gold}
    assert list(by_id) == ["M-1", "M-2", "M-3", "M-9"]
    # the self-closed <Sentence …/> is read up to its </Sentence>
    assert by_id["M-1"].events == (GoldEvent("USAGOV", "IRQ", "041"),)
    assert by_id["M-1"].text == "Self-closed record with its content after it."
    # missing </Sentence>: the record ends at the next <Sentence>
    assert by_id["M-2"].events == (GoldEvent("IRQ", "USA", "042"),) and by_id["M-2"].text == "A record whose closing tag is missing."
    # missing </Text>: the text ends at <Parse>; a bad date keeps the record without a date
    assert by_id["M-3"].text == "Text without its end tag" and by_id["M-3"].date is None
    assert by_id["M-9"].no_events and by_id["M-9"].events == ()

    warn: dict[str, str] = {}
    refused: dict[str, str] = {}
    for p in gold.problems:
        target = refused if p.skipped else warn
        target[p.where] = target.get(p.where, "") + p.reason + " | "
    assert "self-closed" in warn["bad.xml:2"]
    assert "missing </Sentence>" in warn["bad.xml:6"] and "line 9" in warn["bad.xml:6"]
    assert "'2015XX06'" in warn["bad.xml:9"] and "missing </Text>" in warn["bad.xml:9"]
    assert "targetcode" in refused["bad.xml:15"] and "M-4" in refused["bad.xml:15"]  # the EventCoding's own line
    assert "without an id" in refused["bad.xml:18"]
    assert "duplicate id 'M-1'" in refused["bad.xml:22"] and "line 2" in refused["bad.xml:22"]
    assert "unreadable <Sentence>" in refused["bad.xml:26"]
    assert "contradictory" in refused["bad.xml:30"]
    assert "no <EventCoding>" in warn["bad.xml:35"]
    # every record is accounted for: read or refused (the unreadable tag's content is reported too)
    assert len(gold) + len(refused) == MALFORMED_XML.count("<Sentence ")
    assert "outside a <Sentence>" in warn["bad.xml:27"]


def test_xml_reader_unterminated_comment_and_stop_record():
    xml = """<Sentence date="20150806" id="S-1">
<!-- a comment that never ends
<EventCoding sourcecode="USA" targetcode="IRQ" eventcode="041"></EventCoding>
<Text>One.</Text>
</Sentence>
<Stop></Stop>
<Sentence date="20150806" id="S-2">
<EventCoding noevents="true"></EventCoding>
<Text>After the stop.</Text>
</Sentence>
"""
    gold = parse_petrarch_xml(xml, origin="x.xml")
    assert [s.id for s in gold] == ["S-1"] and gold[0].events == (GoldEvent("USA", "IRQ", "041"),)
    assert any(p.where == "x.xml:2" and "unterminated comment" in p.reason for p in gold.problems)
    assert [(p.article_id, p.where) for p in gold.skipped] == [("S-2", "x.xml:7")]
    assert "<Stop>" in gold.skipped[0].reason and "line 6" in gold.skipped[0].reason


@pytest.mark.shared
def test_petrarch_unit_test_records():
    """PETR.UnitTest.records.xml: 284 records (5 sentence="false"), 279 active with 352 gold triples.

    Counted independently with grep: 284 '<Sentence ' tags, 5 'sentence="false"', 385
    '<EventCoding' in all, of which 378 are in active records: 352 triples, 19 noevents, 7 error=.
    """
    path = shared_path("reference", "petrarch", "PETR.UnitTest.records.xml")
    raw = path.read_text(encoding="utf-8")
    assert raw.count("<Sentence ") == 284 and raw.count('sentence="false"') == 5  # what grep says
    gold = read_petrarch_xml(path)
    assert len(gold) + len(gold.skipped) == 284
    assert len(gold) == 279 and len(gold.skipped) == 5
    assert sorted(p.article_id for p in gold.skipped) == ["AGENT-08", "AGENTS-18", "AGENTS-19", "COMPOUND-28", "DEMO-04"]
    assert all('sentence="false"' in p.reason and re.search(r":\d+$", p.where) for p in gold.skipped)
    assert gold.n_events == 352
    assert sum(len(s.events) for s in gold) == 352
    assert sum(s.no_events for s in gold) == 27  # 19 noevents + 7 expected errors + PATTERN-06 without EventCoding
    assert len(gold.expected_errors) == 7 and gold.expected_errors["ERROR-01"] == "dateline"
    # nothing was refused; the one warning is the record without <EventCoding>
    assert [(p.article_id, p.skipped) for p in gold.problems] == [("PATTERN-06", False)]
    assert gold.problems[0].where.endswith(":7046")
    assert len({s.id for s in gold}) == 279  # the two re-used ids belong to skipped records
    codes = {e.code for s in gold for e in s.events}
    assert {"041", "064", "1010", "174K"} <= codes and all(isinstance(c, str) for c in codes)
    assert {e.source for s in gold for e in s.events} >= {"ARN", '"INJURY TOLL"'}
    demo = gold[0]
    assert demo.id == "DEMO-00" and demo.date == dt.date(1995, 1, 1)
    assert demo.events == (GoldEvent("ARN", "GON", "064"),)
    assert demo.text.startswith("Arnor is about to restore full diplomatic ties with Gondor")
    assert gold.dictionaries == {"verbs": "PETR.Validate.verbs.txt", "actors": "PETR.Validate.actors.txt", "agents": "PETR.Validate.agents.txt", "discards": "PETR.Validate.discards.txt"}
    assert gold.config == {"stop_on_error": "True"}
    assert len(gold.config_changes) == 28
    assert read_gold(path) == list(gold.sentences)


# ----------------------------------------------------------------------------- scoring arithmetic


def _three_sentences():
    """Worked by hand (see test docstrings)."""
    gold = [
        gs("s1", G("USAGOV", "IRQGOV", "042"), G("IRQGOV", "USAGOV", "043")),
        gs("s2", G("CHN", "JPN", "111")),
        gs("s3"),
    ]
    predicted = {
        "s1": [ev("USAGOV", "IRQGOV", "042"), ev("IRQGOV", "USAGOV", "040", rule="consult-base"), ev("USAMIL", "IRQ", "190", rule="use-force")],
        "s2": [ev("CHNGOV", "JPNGOV", "112", sid="s2", rule="accuse")],
        "s3": [ev("RUS", "UKR", "190", sid="s3", rule="use-force")],
    }
    return gold, predicted


def test_exact_root_country_precision_recall_f1_by_hand():
    """3 gold events, 5 predicted.

    exact:   tp 1 (USAGOV IRQGOV 042)       fp 4, fn 2   P 1/5, R 1/3, F1 2·(1/15)/(8/15) = 1/4
    root:    tp 2 (+ IRQGOV USAGOV 04x)     fp 3, fn 1   P 2/5, R 2/3, F1 2·(4/15)/(16/15) = 1/2
    country: tp 3 (+ CHN JPN 11 in s2)      fp 2, fn 0   P 3/5, R 1,   F1 2·(3/5)/(8/5) = 3/4
    """
    gold, predicted = _three_sentences()
    s = score(gold, predicted)
    assert (s.exact.tp, s.exact.fp, s.exact.fn) == (1, 4, 2)
    assert (s.exact.precision, s.exact.recall, s.exact.f1) == (approx(0.2), approx(1 / 3), approx(0.25))
    assert (s.root.tp, s.root.fp, s.root.fn) == (2, 3, 1)
    assert (s.root.precision, s.root.recall, s.root.f1) == (approx(0.4), approx(2 / 3), approx(0.5))
    assert (s.country.tp, s.country.fp, s.country.fn) == (3, 2, 0)
    assert (s.country.precision, s.country.recall, s.country.f1) == (approx(0.6), approx(1.0), approx(0.75))
    assert s.sentences == 3 and s.sentences_correct == 0


def test_perfect_and_empty_cases():
    gold = [gs("a", G("IND", "JPN", "041")), gs("b")]
    s = score(gold, {"a": [ev("IND", "JPN", "041", sid="a")], "b": []})
    assert (s.exact.precision, s.exact.recall, s.exact.f1) == (1.0, 1.0, 1.0) and s.sentences_correct == 2
    empty = score(gold, {})
    assert empty.exact == LevelScore(0, 0, 1) and math.isnan(empty.exact.precision) and empty.exact.recall == 0.0
    assert math.isnan(empty.exact.f1)  # undefined precision → undefined F1
    assert empty.unpredicted_ids == ("a", "b")
    assert LevelScore(0, 3, 2).f1 == 0.0


def test_multiset_matching_needs_one_prediction_per_gold_event():
    gold = [gs("s1", G("INDGOV", "JPNGOV", "036"), G("INDGOV", "JPNGOV", "036"))]
    one = score(gold, {"s1": [ev("INDGOV", "JPNGOV", "036")]})
    assert (one.exact.tp, one.exact.fp, one.exact.fn) == (1, 0, 1)
    two = score(gold, {"s1": [ev("INDGOV", "JPNGOV", "036")] * 2})
    assert (two.exact.tp, two.exact.fp, two.exact.fn) == (2, 0, 0) and two.sentences_correct == 1
    three = score(gold, {"s1": [ev("INDGOV", "JPNGOV", "036")] * 3})
    assert (three.exact.tp, three.exact.fp, three.exact.fn) == (2, 1, 0)
    assert (three.root.tp, three.country.tp) == (2, 2)
    # matching is per sentence: the same triple in another sentence does not count
    other = score(gold + [gs("s2")], {"s1": [], "s2": [ev("INDGOV", "JPNGOV", "036", sid="s2")] * 2})
    assert (other.exact.tp, other.exact.fp, other.exact.fn) == (0, 2, 2)


def test_per_root_table():
    """Root 04: tp 2; root 11: fp 1 + fn 1; root 19: fp 2; root 01: nothing (nan)."""
    gold, predicted = _three_sentences()
    s = score(gold, predicted)
    assert list(s.per_root)[:20] == list(ROOTS)
    assert s.per_root["04"] == LevelScore(2, 0, 0) and s.per_root["04"].f1 == 1.0
    assert s.per_root["11"] == LevelScore(0, 1, 1) and s.per_root["11"].f1 == 0.0
    assert s.per_root["19"] == LevelScore(0, 2, 0) and s.per_root["19"].precision == 0.0 and math.isnan(s.per_root["19"].recall)
    assert s.per_root["01"] == LevelScore() and math.isnan(s.per_root["01"].precision)
    # the per-root counts add up to the root level
    total = sum(s.per_root.values(), LevelScore())
    assert total == s.root
    # a root outside 01..20 (PETRARCH's test codes) gets its own row after the CAMEO roots
    odd = score([gs("x", G("ARN", "GON", "345"))], {"x": []})
    assert list(odd.per_root)[-1] == "34" and odd.per_root["34"] == LevelScore(0, 0, 1)


def test_confusion_of_roots_for_same_actors():
    gold, predicted = _three_sentences()
    s = score(gold, predicted)
    assert s.confusion == {("04", "04"): 2, ("11", "(none)"): 1, ("(none)", "11"): 1, ("(none)", "19"): 2}
    off = score([gs("s1", G("A", "B", "042"), G("A", "B", "111"), G("C", "D", "010"))], {"s1": [ev("A", "B", "190"), ev("A", "B", "112"), ev("D", "C", "010")]})
    # same-root pairs first (11 → 11), then the remaining same-actor pair (04 → 19)
    assert off.confusion == {("04", "19"): 1, ("11", "11"): 1, ("01", "(none)"): 1, ("(none)", "01"): 1}
    frame = off.to_frames().confusion
    assert frame.loc["04", "19"] == 1 and frame.loc["01", "(none)"] == 1 and frame.loc["(none)", "01"] == 1
    assert frame.index.name == "gold_root" and frame.columns.name == "predicted_root"
    assert int(frame.to_numpy().sum()) == 4


def test_misses_and_false_alarms_name_sentence_text_and_rule():
    gold, predicted = _three_sentences()
    s = score(gold, predicted)
    assert [(m.id, m.source, m.target, m.code, m.hint) for m in s.misses] == [
        ("s1", "IRQGOV", "USAGOV", "043", "right actors, wrong code (same root)"),
        ("s2", "CHN", "JPN", "111", "nothing close"),
    ]
    assert s.misses[0].text == "text of s1" and s.misses[0].origin == "test:s1"
    assert s.misses[0].predicted == ("IRQGOV USAGOV 040", "USAMIL IRQ 190")
    assert [(f.id, f.code, f.rule, f.hint) for f in s.false_alarms] == [
        ("s1", "040", "consult-base", "right actors, wrong code (same root)"),
        ("s1", "190", "use-force", "nothing close"),
        ("s2", "112", "accuse", "nothing close"),
        ("s3", "190", "use-force", "gold says no events"),
    ]
    assert s.false_alarms[-1].text == "text of s3" and s.false_alarms[-1].event.source.rule == "actor:RUS"
    swapped = score([gs("s1", G("A", "B", "042"))], {"s1": [ev("B", "A", "042")]})
    assert swapped.misses[0].hint == "right code, actors swapped"
    frames = s.to_frames()
    fa = frames.false_alarms
    assert list(fa["rule"]) == ["consult-base", "use-force", "accuse", "use-force"]
    assert list(fa["id"]) == ["s1", "s1", "s2", "s3"] and fa["text"].iloc[0] == "text of s1"
    assert fa["code"].dtype == "string" and fa["root"].iloc[1] == "19"
    assert list(frames.misses["code"]) == ["043", "111"]
    assert "use-force" in s.summary() and "consult-base" in s.summary()


def test_event_date_accuracy_at_gold_precision():
    gold = [
        gs("s1", G("A", "B", "010", "2020-12-22"), G("A", "B", "020", "2020-12"), G("A", "B", "030", "2020-12-22"), G("A", "B", "040", "2020"), G("A", "B", "050")),
        gs("s2", G("C", "D", "010", "2020-12-22")),  # missed: not counted
    ]
    predicted = {
        "s1": [
            ev("A", "B", "010", date="2020-12-22"),  # right
            ev("A", "B", "020", date="2020-12-15"),  # right at month precision
            ev("A", "B", "030", date="2020-12", precision="month"),  # coarser than the gold: wrong
            ev("A", "B", "040", date="2021-01-01"),  # wrong year
            ev("A", "B", "050", date="2019-01-01"),  # gold has no date: not counted
        ],
        "s2": [],
    }
    s = score(gold, predicted)
    assert (s.dates.n, s.dates.correct) == (4, 2) and s.dates.accuracy == 0.5
    assert [(d.code, d.gold_date, d.predicted_date) for d in s.date_mismatches] == [("030", "2020-12-22", "2020-12"), ("040", "2020", "2021-01-01")]
    # identical triples are paired so that dates agree where they can
    twice = [gs("t", G("A", "B", "010", "2020-12-01"), G("A", "B", "010", "2020-12-02"))]
    s2 = score(twice, {"t": [ev("A", "B", "010", sid="t", date="2020-12-02"), ev("A", "B", "010", sid="t", date="2020-12-01")]})
    assert (s2.dates.n, s2.dates.correct) == (2, 2)
    assert math.isnan(score([gs("u", G("A", "B", "010"))], {"u": [ev("A", "B", "010", sid="u")]}).dates.accuracy)
    assert s.to_frames().overall.attrs["date_accuracy"] == 0.5


def test_country_level_uses_explicit_gold_countries():
    gold = [gs("s1", G("UNO", "IRQGOV", "042", source_country="IGO"))]
    s = score(gold, {"s1": [ev("IGOUNO", "IRQMIL", "043")]})
    assert (s.exact.tp, s.root.tp, s.country.tp) == (0, 0, 1)


def test_normalise_options_and_occurred_only():
    gold = [gs("s1", G('"INJURY TOLL"', "osg", "223"))]
    pred = {"s1": [ev("INJURY TOLL", "OSG", "223")]}
    assert score(gold, pred).exact.tp == 0
    assert score(gold, pred, normalise=["quotes", "upper"]).exact.tp == 1
    assert score(gold, pred, normalise=lambda code, kind: code.strip('"').upper() if kind == "actor" else code).exact.tp == 1
    assert score([gs("r", G("A", "B", "04"))], {"r": [ev("A", "B", "040", sid="r")]}, normalise="root-padding").exact.tp == 1
    with pytest.raises(ValueError, match="unknown normalise"):
        score(gold, pred, normalise=["lowercase"])
    negated = {"s1": [ev('"INJURY TOLL"', "osg", "223", negated=True)]}
    assert score(gold, negated).exact.tp == 1
    only = score(gold, negated, occurred_only=True)
    assert (only.exact.tp, only.exact.fp, only.exact.fn) == (0, 0, 1)


def test_duplicate_gold_ids_and_unscored_predictions():
    with pytest.raises(InputError, match="duplicate gold id 'a'"):
        score([gs("a"), gs("a")], {})
    s = score([gs("a")], {"a": [], "zzz": [ev("A", "B", "010", sid="zzz")]})
    assert s.unscored_ids == ("zzz",) and s.exact == LevelScore()


def test_frames_and_summary():
    gold, predicted = _three_sentences()
    s = score(gold, predicted)
    frames = s.to_frames()
    overall, per_root, confusion, misses, false_alarms = frames  # unpacks
    assert frames["overall"] is overall and set(frames.keys()) == {"overall", "per_root", "confusion", "misses", "false_alarms"}
    assert list(overall["level"]) == ["exact", "root", "country"]
    assert overall.set_index("level").loc["root", "f1"] == approx(0.5)
    assert overall.set_index("level").loc["country", "tp"] == 3
    assert per_root["root"].dtype == "string" and list(per_root["root"][:3]) == ["01", "02", "03"]
    row = per_root.set_index("root").loc["04"]
    assert (row["tp"], row["fp"], row["fn"]) == (2, 0, 0) and row["name"]
    assert len(misses) == 2 and len(false_alarms) == 4
    text = s.summary()
    for needle in ("3 gold sentences", "3 gold events", "5 predicted events", "exact", "root", "country", "20.0%", "75.0%"):
        assert needle in text, needle
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.sentences = 5  # type: ignore[misc]


# ----------------------------------------------------------------------------- CSV / JSONL gold


def _gold_for_round_trip() -> list[GoldSentence]:
    return [
        GoldSentence("s1", "India and Japan, in talks.", dt.date(2020, 12, 22), (GoldEvent("INDGOV", "JPNGOV", "041", "2020-12-22"), GoldEvent("INDGOV", "JPNGOV", "041", "2020-12"), GoldEvent("---GOV", "JPN", "1011", "", "---", "JPN")), False, ""),
        GoldSentence("s2", 'Text with "quotes", commas\nand a newline.', None, (), True, ""),
        GoldSentence("s3", "Ünïcödé text.", dt.date(2021, 1, 2), (GoldEvent("IGOUNO", "IRQ", "190"),), False, ""),
    ]


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_gold_round_trip(tmp_path: Path, kind: str):
    gold = _gold_for_round_trip()
    path = tmp_path / f"gold.{kind}"
    (write_gold_csv if kind == "csv" else write_gold_jsonl)(gold, path)
    back = (read_gold_csv if kind == "csv" else read_gold_jsonl)(path)
    assert [dataclasses.replace(s, origin="") for s in back] == gold
    assert back[0].origin == f"{path}:{2 if kind == 'csv' else 1}"
    assert read_gold(path) == back
    if kind == "csv":
        assert path.read_text(encoding="utf-8").split("\n")[0] == ",".join(GOLD_COLUMNS)
        assert ",041," in path.read_text(encoding="utf-8")
    else:
        first = json.loads(path.read_text(encoding="utf-8").split("\n")[0])
        assert first["code"] == "041"


def test_gold_csv_minimal_columns_and_shared_ids():
    text = "id,date,text,source,target,code\na,2020-12-22,Some text.,IND,JPN,041\nb,,Other.,,,\na,,,JPN,IND,042\n"
    gold = parse_gold_csv(text, origin="g.csv")
    assert [s.id for s in gold] == ["a", "b"]
    assert gold[0].events == (GoldEvent("IND", "JPN", "041"), GoldEvent("JPN", "IND", "042")) and gold[0].text == "Some text."
    assert gold[1].no_events and gold[1].date is None and gold[1].origin == "g.csv:3"


def test_docs_examples_are_valid_and_agree():
    doc = (ROOT / "docs" / "gold-format.md").read_text(encoding="utf-8")
    csv_block = re.search(r"```csv\n(.*?)```", doc, re.S).group(1)
    jsonl_block = re.search(r"```json\n(.*?)```", doc, re.S).group(1)
    from_csv = parse_gold_csv(csv_block, origin="doc")
    from_jsonl = parse_gold_jsonl(jsonl_block, origin="doc")
    strip = lambda gold: [dataclasses.replace(s, origin="") for s in gold]  # noqa: E731
    assert strip(from_csv) == strip(from_jsonl)
    assert [len(s.events) for s in from_csv] == [1, 3, 0] and from_csv[2].no_events


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("id,text,source,target\na,t,IND,JPN\n", 1, "lacks code"),
        ("id,date,text,source,target,code\na,2020-12-22,t,IND,JPN,041\nb,2020-12-22,t,IND,,041\n", 3, "empty target"),
        ("id,date,text,source,target,code\na,2020-12-22,t,IND,JPN,41\n", 2, "leading zero"),
        ("id,date,text,source,target,code\na,2020-12-22,t,IND,JPN,41.0\n", 2, "is a number"),
        ("id,date,text,source,target,code\na,2020-12-22,t,IND,JPN\n", 2, "5 fields"),
        ("id,date,text,source,target,code\na,2020-12-22,t,IND,JPN,041\na,2020-12-22,other text,IND,JPN,042\n", 3, "text differs"),
        ("id,date,text,source,target,code\na,22/12/2020,t,IND,JPN,041\n", 2, "unparseable date"),
        ("id,date,text,source,target,code,event_date\na,2020-12-22,t,IND,JPN,041,Dec 2020\n", 2, "event_date"),
        ("id,date,text,source,target,code\na,2020-12-22,t,IND,JPN,041\na,2020-12-22,,,,\n", 3, "no events"),
        ("id,date,text,source,target,code\n,2020-12-22,t,IND,JPN,041\n", 2, "empty id"),
        ("id,date,text,source,target,code\na,2020-12-22,,IND,JPN,041\n", 2, "empty text"),
    ],
)
def test_malformed_gold_csv_names_file_and_line(tmp_path: Path, content: str, line: int, message: str):
    path = tmp_path / "gold.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)) as info:
        read_gold_csv(path)
    assert f"{path}:{line}" in str(info.value)


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ('{"id": "a", "date": "2020-12-22", "text": "t", "source": "IND", "target": "JPN", "code": "041"}\n{"id": "b", "text": \n', 2, "malformed JSON"),
        ('{"id": "a", "date": "2020-12-22", "text": "t", "source": "IND", "target": "JPN", "code": 41}\n', 1, "the number 41"),
        ('\n{"id": "a", "date": "2020-12-22", "text": "t", "source": "IND", "target": "JPN"}\n', 2, "missing field(s) code"),
        ('["a", "t"]\n', 1, "expected an object"),
        ('{"id": "a", "date": "2020-12-22", "text": "t", "source": "IND", "target": "", "code": "041"}\n', 1, "empty target"),
    ],
)
def test_malformed_gold_jsonl_names_file_and_line(tmp_path: Path, content: str, line: int, message: str):
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)) as info:
        read_gold_jsonl(path)
    assert f"{path}:{line}" in str(info.value)


def test_read_gold_refuses_unknown_suffix_and_missing_file(tmp_path: Path):
    with pytest.raises(InputError, match="unsupported gold file type"):
        read_gold(tmp_path / "gold.tsv")
    with pytest.raises(InputError, match="cannot read"):
        read_gold(tmp_path / "absent.csv")


# ----------------------------------------------------------------------------- run_gold


class _FakeCoder:
    """Stands in for EventCoder: returns canned events, and breaks on one id."""

    def __init__(self):
        self.calls = []

    def code_text(self, text, date=None, *, article_id="text"):
        self.calls.append((text, date, article_id))
        if article_id == "boom":
            raise RuntimeError("parser exploded")
        return [ev("INDGOV", "JPNGOV", "041", sid=article_id)]


def test_run_gold_records_crashes_and_goes_on():
    from eventcode.pipeline import RunReport

    gold = [gs("a", G("INDGOV", "JPNGOV", "041")), gs("boom", G("INDGOV", "JPNGOV", "042")), gs("c", G("INDGOV", "JPNGOV", "041"))]
    coder = _FakeCoder()
    report = RunReport()
    predicted = run_gold(coder, gold, report=report)  # type: ignore[arg-type]
    assert coder.calls == [("text of a", dt.date(2020, 12, 22), "a"), ("text of boom", dt.date(2020, 12, 22), "boom"), ("text of c", dt.date(2020, 12, 22), "c")]
    assert list(predicted) == ["a", "boom", "c"] and predicted["boom"] == []
    assert [(p.article_id, p.where) for p in predicted.crashes] == [("boom", "test:boom")]
    assert "RuntimeError: parser exploded" in predicted.crashes[0].reason
    assert report.problems == predicted.crashes and report.articles == 3
    s = score(gold, predicted)
    assert s.crashes == tuple(predicted.crashes) and (s.exact.tp, s.exact.fn) == (2, 1)
    assert s.misses[0].hint == "coder crashed"
    assert "1 coder crashes" in s.summary() and "parser exploded" in s.summary()


@pytest.mark.slow
def test_run_gold_with_the_real_coder(coder):
    gold = [gs("r1", G("INDGOV", "JPNGOV", "041"), text="Defence Minister Rajnath Singh held a telephonic conversation with his Japanese counterpart Kishi Nobuo on Tuesday.")]
    predicted = run_gold(coder, gold)
    assert not predicted.crashes
    assert all(e.article_id == "r1" for e in predicted["r1"])
    s = score(gold, predicted)
    assert s.exact.gold == 1 and s.exact.predicted == len(predicted["r1"])
