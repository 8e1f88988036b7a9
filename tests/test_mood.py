"""Modality and CAMEO intent codes: a stated plan is its own event (03x/13x), speculation is none."""

from __future__ import annotations

import pytest

from eventcode.codebook import load_codebook
from eventcode.mood import _intent_table, intent_code


def test_every_intent_row_names_real_codes_in_roots_03_and_13():
    codebook = load_codebook()
    table = _intent_table()
    assert table, "the packaged intent table is empty"
    for act, intent in table:
        assert act in codebook and intent in codebook
        assert intent[:2] in ("03", "13")


@pytest.mark.parametrize(
    ("act", "intent"),
    [
        ("040", "036"), ("042", "036"), ("045", "039"),  # consult → intent to meet; mediate → intent to mediate
        ("051", "032"), ("057", "030"),  # diplomatic cooperation
        ("061", "0311"), ("062", "0312"), ("064", "0314"),  # material cooperation
        ("071", "0331"), ("073", "0333"),  # aid
        ("081", "0351"), ("084", "0353"), ("085", "0354"), ("0832", "0342"),  # yield
        ("036", "036"), ("0311", "0311"),  # already an intent
        ("14", "133"), ("150", "138"),  # protest, posture
        ("161", "1313"), ("163", "1312"), ("164", "134"),  # reduce relations
        ("172", "132"), ("173", "137"),  # coerce
        ("180", "138"), ("190", "1384"), ("191", "1381"), ("204", "1385"),  # force
        ("130", "130"),  # already a threat
    ],
)
def test_each_root_maps_to_the_intent_code_cameo_gives_it(act, intent):
    assert intent_code(act) == intent


@pytest.mark.parametrize("act", ["010", "020", "100", "111", "120", "090"])
def test_acts_without_an_intent_code_have_none(act):
    assert intent_code(act) is None


def _triples(events):
    return {(e.source.country, e.target.country, e.cameo_code, e.intended_code, e.occurred) for e in events}


def test_agreeing_to_meet_is_036_in_both_directions(code):
    got = _triples(code("Chile and Peru agreed to hold talks on fishing rights next month."))
    assert got == {("CHL", "PER", "036", "040", True), ("PER", "CHL", "036", "040", True)}


def test_agreeing_to_cooperate_is_one_intent_event_not_030_beside_it(code):
    events = code("Norway and Iceland agreed to cooperate on fisheries.")
    assert {e.cameo_code for e in events} == {"031"}
    assert all(e.intended_code.startswith("06") and e.mood == "intended" for e in events)


def test_a_future_plan_to_lend_is_0331(code):
    events = code("Japan will lend 20 billion yen to Kenya for a new port.")
    assert ("JPN", "KEN", "0331", "071", True) in _triples(events)


def test_a_pledge_to_lift_sanctions_is_0354(code):
    events = code("Germany pledged to lift its sanctions on Iran.")
    assert ("DEU", "IRN", "0354", "085", True) in _triples(events)


def test_a_stated_plan_to_punish_is_a_threat(code):
    events = code("China threatened to impose sanctions on Lithuania.")
    assert ("CHN", "LTU", "1312", "163", True) in _triples(events)
    cut = code("Brazil plans to cut diplomatic ties with Israel.")
    assert ("BRA", "ISR", "1313", "161", True) in _triples(cut)


def test_speculation_and_requests_are_not_the_sources_intent(code):
    for text in ("Japan may lend money to Kenya.", "Japan is expected to sign a pact with Kenya.", "Japan could impose sanctions on Russia."):
        events = code(text)
        assert events and all(not e.occurred and not e.intended_code and e.mood == "modal" for e in events), text
    urged = [e for e in code("The United States urged Japan to cooperate with South Korea.") if e.source.country == "JPN"]
    assert urged and all(not e.occurred and not e.intended_code for e in urged)


def test_a_negated_plan_is_no_intent(code):
    events = code("Japan will not lend money to Kenya.")
    assert events and all(e.negated and not e.occurred and not e.intended_code for e in events)


def test_petrarch_dictionaries_code_the_act_in_every_mood(nlp):
    from dataclasses import replace

    from eventcode.actions import load_verbs
    from eventcode.coder import Coder

    coder = Coder(nlp, verbs=replace(load_verbs(), conventions="petrarch"))
    events = coder.code_doc(nlp("Japan will lend 20 billion yen to Kenya."))
    assert events and all(e.cameo_code == "071" and not e.intended_code and not e.occurred for e in events)


def _events(code, text, root):
    return [e for e in code(text) if e.cameo_code.startswith(root) or e.intended_code.startswith(root)]


def test_a_second_verb_shares_the_first_ones_modal(code):
    bought = _events(code, "Norway said Kenya must stop dumping tea and buy more Norwegian oil.", "06")
    assert bought and all(not e.occurred for e in bought)
    # trap: a second verb with its own tense and subject keeps it
    done = _events(code, "Kenya must cut tariffs, and Norway bought Kenyan oil on Monday.", "06")
    assert done and all(e.occurred for e in done)


def test_a_hope_about_another_party_is_a_wish_not_its_plan(code):
    hoped = _events(code, "Officials said they hope Norwegian banks will help Kenya.", "07")
    assert hoped and all(e.mood == "modal" and not e.occurred for e in hoped)
    # trap: hoping to act oneself is a stated intent (the model lemmatises "hopes" as "hop")
    own = [e for e in code("Norway hopes to help Kenya.") if e.intended_code.startswith("07")]
    assert own and all(e.occurred and e.cameo_code.startswith("03") for e in own)


def test_rumours_and_speculation_about_a_plan_are_unconfirmed(code):
    rumoured = _events(code, "Traders cited rumours that Norway had attacked Kenyan ships.", "19")
    assert rumoured and all(not e.occurred for e in rumoured)
    expected = [e for e in code("Analysts expect Kenya and Uganda to try to agree on a trade pact.") if e.source.country == "KEN"]
    assert expected and all(e.mood == "modal" for e in expected)
def test_the_purpose_of_a_plan_is_planned_too(code):
    planned = [e for e in code("Brazil will open a consulate in Rosario to strengthen trade links with Argentina.") if e.source.country == "BRA"]
    assert planned and all(e.mood == "intended" and e.cameo_code.startswith("03") for e in planned), [(e.cameo_code, e.mood) for e in planned]
    # trap: the purpose of a done deed keeps the act's own code
    done = [e for e in code("Brazil opened a consulate in Rosario to strengthen trade links with Argentina.") if e.source.country == "BRA"]
    assert done and all(e.mood == "asserted" and e.cameo_code.startswith("05") for e in done), [(e.cameo_code, e.mood) for e in done]


def test_weighing_an_act_is_014_and_the_act_did_not_happen(code):
    events = code("Brazil is weighing lifting its import curbs on Argentina.")
    assert {(e.source.country, e.target.country, e.cameo_code, e.occurred) for e in events} == {("BRA", "ARG", "085", False), ("BRA", "ARG", "014", True)}
    # traps: weighing denied, or a view rather than an act
    assert not [e for e in code("Brazil is not considering lifting its import curbs on Argentina.") if e.cameo_code == "014" and e.occurred]
    assert not [e for e in code("Brazil considers Argentina to be a key partner.") if e.cameo_code == "014"]


def test_an_appeal_takes_its_subtype_from_the_act_asked_for(code):
    events = code("Norway urged Kenya to open its market to Norwegian fish.")
    assert {(e.source.country, e.target.country, e.cameo_code) for e in events if e.source.country == "NOR"} == {("NOR", "KEN", "0211")}
    assert [e for e in code("Norway asked Kenya to hold talks with Uganda.") if e.source.country == "NOR"][0].cameo_code == "026"
    # trap: an act the sentence does not code leaves the generic appeal
    assert {e.cameo_code for e in code("Norway urged Kenya to act.")} == {"020"}


# ---------------------------------------------------------------- session 2026-12-04, third part


def test_a_conditional_promise_or_threat_is_the_intent_and_a_guess_stays_hypothetical(code):
    offer = [e for e in code("Chile is willing to lower its duties on Peruvian copper if Peru opens its fishing grounds.") if e.source.country == "CHL"]
    assert [(e.target.country, e.cameo_code, e.occurred) for e in offer] == [("PER", "0354", True)]
    threat = [e for e in code("Bolivia said it would impose tariffs on Chilean wine unless Chile cut its port fees.") if e.source.country == "BOL"]
    assert [(e.target.country, e.cameo_code, e.occurred) for e in threat] == [("CHL", "1312", True)]
    # trap: a reporter's guess with a condition is nobody's promise
    guess = [e for e in code("Wine prices would fall if Bolivia lowered its tariffs on Chilean wine.") if e.source.country == "BOL"]
    assert guess and all(e.mood == "hypothetical" and not e.occurred for e in guess)


def test_making_concessions_is_yielding_and_offering_them_is_the_intent(code):
    made = [e for e in code("Chile made concessions to Bolivian truckers on port fees.") if e.source.country == "CHL"]
    assert [e.cameo_code for e in made] == ["080"]
    offered = [e for e in code("Chile offered concessions to Bolivia on port fees.") if e.source.country == "CHL"]
    assert [e.cameo_code for e in offered] == ["035"]


def test_an_intent_is_dated_by_its_statement_not_by_the_planned_act(code):
    planned = [e for e in code("Chile will send a trade delegation to Peru next month.", "2019-06-01") if e.source.country == "CHL"]
    assert [(e.cameo_code[:2], e.date.iso(), e.notes[-1]) for e in planned] == [("03", "2019-06-01", "planned for 2019-07")]
    # trap: an act done last month keeps its own date
    done = [e for e in code("Chile sent a trade delegation to Peru last month.", "2019-06-01") if e.source.country == "CHL"]
    assert [e.date.iso() for e in done] == ["2019-05"]


def test_a_demand_takes_its_subtype_from_the_act_demanded(code):
    events = code("Peru demanded that Chile release the fishermen.", "2019-06-01")
    assert [e.cameo_code for e in events if e.source.country == "PER"] == ["1053"]  # release of persons
    # trap: a demand whose act the sentence does not code stays 100
    assert [e.cameo_code for e in code("Peru demanded that Chile explain the incident.", "2019-06-01")] == ["100"]


def test_parties_agreeing_on_their_own_plan_state_an_intent_and_demand_nothing_of_each_other(code):
    events = code("Senior Kenyan and Ugandan officials agreed that their countries should cooperate on border security.", "2019-06-01")
    assert {("KENGOV", "UGAGOV", "031"), ("UGAGOV", "KENGOV", "031")} <= {(e.source.code, e.target.code, e.cameo_code) for e in events}
    said = code("Kenya and Uganda said their countries should cooperate on border security.", "2019-06-01")
    assert not [e for e in said if e.cameo_code.startswith("10")]
    # trap: an obligation put on a third party is still a demand on it
    events = code("Kenya and Uganda said Tanzania must withdraw its troops.", "2019-06-01")
    assert {(e.source.country, e.target.country, e.cameo_code[:2]) for e in events} == {("KEN", "TZA", "10"), ("UGA", "TZA", "10")}


def test_an_act_a_party_stops_is_not_done(code):
    events = code("Uganda stopped supporting the Congolese rebels.", "2023-06-05")
    assert events and not [e for e in events if e.occurred]
    # trap: an act a party goes on with is still done
    assert [e for e in code("Uganda continued supporting the Congolese rebels.", "2023-06-05") if e.occurred]
