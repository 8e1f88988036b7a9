"""Verb-pattern features beyond "verb + object noun": linear phrases with actor slots, reverse
codes, null patterns, and dictionaries that list inflected verb forms."""

from __future__ import annotations

import pytest

from eventcode.actions import Phrase, load_verbs
from eventcode.errors import DictionaryError
from eventcode.pipeline import EventCoder

from .conftest import triples

HEADER = "id\tcode\tverb\tobject\ttarget\tflags\texample\n"


@pytest.fixture(scope="module")
def with_rows(coder, tmp_path_factory):
    """with_rows(rows) -> a coder with the packaged patterns plus these user rows."""

    def make(*rows: str) -> EventCoder:
        f = tmp_path_factory.mktemp("verbs") / "mine.tsv"
        f.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
        return EventCoder(nlp=coder.nlp, verbs=[f])

    return make


def run(c: EventCoder, text: str):
    return c.code_text(text, "2020-12-22")


def test_phrase_words_after_the_verb_may_have_others_between(with_rows):
    c = with_rows("fire-artillery\t194\tfire\t* artillery at +\t\t\tJapan fired artillery at India.")
    events = run(c, "China fired two artillery shells at Japan.")
    assert ("CHN", "JPN", "194") in triples(events)
    assert {e.rule for e in events if e.cameo_code == "194"} == {"fire-artillery"}
    # the words must come in the phrase's order
    assert not any(e.rule == "fire-artillery" for e in run(c, "China fired at Japan with artillery."))


def test_underscore_demands_the_next_word_directly(with_rows):
    c = with_rows("recent-welcome\t036\twelcome\trecently_*\tdobj\t\tJapan recently welcomed India.")
    assert any(e.rule == "recent-welcome" for e in run(c, "Japan recently welcomed India."))
    assert not any(e.rule == "recent-welcome" for e in run(c, "Japan recently did welcome India."))


def test_words_before_the_verb_are_matched_in_the_governing_clause(with_rows):
    c = with_rows("said-would-act\t112\tact\tindicated would *\twith\t\tJapan indicated it would act with India.")
    events = run(c, "Japan indicated it would act now with India.")
    assert [(e.source.code, e.target.code, e.rule) for e in events] == [("JPN", "IND", "said-would-act")]


def test_slots_bind_source_and_target_anywhere_in_the_phrase(with_rows):
    c = with_rows("freed-from\t173\tfree\t+ was_* from $\t\t\tIndia was freed from Japan.")
    events = run(c, "India was freed from Japan.")
    assert [(e.source.code, e.target.code) for e in events if e.rule == "freed-from"] == [("JPN", "IND")]


def test_group_slot_codes_the_members_of_a_coordination_on_each_other(with_rows):
    c = with_rows("group-postpone\t191\tpostpone\t% have *\t\t\tIndia and Japan have postponed talks.")
    events = [e for e in run(c, "India and Japan have postponed their meeting.") if e.rule == "group-postpone"]
    assert {(e.source.code, e.target.code) for e in events} == {("IND", "JPN"), ("JPN", "IND")}
    assert not any(e.rule == "group-postpone" for e in run(c, "India has postponed its meeting with Japan."))


def test_ccomp_and_after_target_slots(with_rows):
    c = with_rows(
        "believe-ccomp\t023\tbelieve\t\tccomp\t\tIndia believes Japan can cope.",
        "loiter-after\t192\tloiter\t\tafter\t\tChinese ships loitered near Japan.",
    )
    assert ("IND", "JPN", "023") in triples(run(c, "India believes Japan can cope with the decrease."))
    # the complement clause must follow the verb: the speaker of "…, India believes" has no target
    assert not any(e.rule == "believe-ccomp" for e in run(c, "Japan can cope, India believes."))
    assert ("CHN", "JPN", "192") in triples(run(c, "China loitered near Japan on Monday."))


def test_skip_mark_passes_over_exactly_one_noun_phrase(with_rows):
    c = with_rows("warn-at\t160\twarn\t* at ^ +\t\t\tChina warned at the envoy of Japan.")
    events = [e for e in run(c, "China warned at the envoy of Japan.") if e.rule == "warn-at"]
    assert [(e.source.code, e.target.code) for e in events] == [("CHN", "JPN")]


def test_a_target_slot_on_the_verbs_own_subject_takes_the_source_from_the_governing_clause(with_rows):
    c = with_rows("noted-regret\t023\tregret\tnoted + *\t\t\tIndia noted that Japan regretted it.")
    events = [e for e in run(c, "India noted that Japan regretted the decision.") if e.rule == "noted-regret"]
    assert [(e.source.code, e.target.code) for e in events] == [("IND", "JPN")]


def test_reverse_code_codes_the_target_acting_on_the_source(with_rows):
    c = with_rows("visit-host\t042:043\tvisit\t\tdobj\t\tModi visited Japan.")
    assert {("IND", "JPN", "042"), ("JPN", "IND", "043")} <= triples(run(c, "India visited Japan."))


def test_null_pattern_stops_a_general_one_and_codes_nothing(with_rows, code):
    assert any(e.cameo_code.startswith("11") for e in code("China condemned Japan's remarks."))
    c = with_rows("no-remarks\t---\tcondemn\t* remarks\tdobj\t\tChina condemned Japan's remarks.")
    assert run(c, "China condemned Japan's remarks.") == []
    assert run(c, "China condemned Japan.") != []


def test_inflected_verb_entries_match_their_form(with_rows):
    c = with_rows("met-form\t036\tmet\t\tdobj\t\tIndia met Japan.")
    events = run(c, "India met Japan.")
    assert {e.rule for e in events} == {"met-form"}


@pytest.mark.parametrize(
    "obj, message",
    [
        ("* said *", "exactly one"),
        ("said", None),  # no '*': an ordinary object noun, not a phrase
        ("+ * +", "more than one"),
        ("% * +", "no '\\+' or '\\$' with it"),
        ("*", "nothing besides the verb"),
        ("* (talks)", "not a word"),
    ],
)
def test_bad_phrases_are_refused_with_file_and_line(tmp_path, obj, message):
    f = tmp_path / "x.tsv"
    f.write_text(HEADER + f"a\t042\tvisit\t{obj}\tdobj\t\tx\n", encoding="utf-8")
    if message is None:
        assert load_verbs([f]).by_lemma["visit"]
        return
    with pytest.raises(DictionaryError, match=rf"x.tsv:2: .*{message}"):
        load_verbs([f])


@pytest.mark.parametrize("code_text", ["042:", "---:043", "042:999"])
def test_bad_reverse_codes_are_refused(tmp_path, code_text):
    f = tmp_path / "x.tsv"
    f.write_text(HEADER + f"a\t{code_text}\tvisit\t\tdobj\t\tx\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"x.tsv:2: "):
        load_verbs([f])


def test_phrase_text_round_trips_and_weighs_its_words():
    p = Phrase.parse("said * resist_to_the_death", "t")
    assert str(p) == "said * resist_to_the_death"
    assert p.words == 5
    assert Phrase.parse("* talks with +", "t").weight > Phrase.parse("* talks", "t").weight


def test_linter_counts_phrases_and_warns_of_a_null_pattern_that_stops_nothing(tmp_path):
    from eventcode.dictionaries import check_dictionaries

    f = tmp_path / "mine.tsv"
    f.write_text(HEADER + "p1\t112\tallow\tnot *\t\t\tx\nbare-null\t---\tallow\t\t\t\tx\n", encoding="utf-8")
    report = check_dictionaries(verbs=[f])
    assert report.ok
    assert report.sizes["verb_phrases"] >= 1 and report.sizes["null_patterns"] >= 1
    assert any("bare-null" in w and "stops nothing" in w for w in report.warnings)
