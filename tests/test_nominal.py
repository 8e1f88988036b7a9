"""Events carried by nouns (eventcode.nominal, resources/nouns.tsv): each role path, named
exercises, mood from context, no doubling of verb events, and sentences that must stay silent."""

from __future__ import annotations

import pytest

from eventcode.actions import build_verb_dictionary
from eventcode.errors import DictionaryError
from eventcode.nominal import build_noun_dictionary, load_nouns, nouns_for
from eventcode.tsv import Source

PUB = "2023-05-01"


def nominal(events):
    return [e for e in events if e.rule.startswith("noun:")]


def dyads(events):
    return {(e.source.code, e.target.code, e.cameo_code) for e in nominal(events)}


def paths(events):
    return {(e.source.path, e.target.path) for e in nominal(events)}


# ---------------------------------------------------------------- role paths


def test_compound_of_two_countries_gives_both_directions(code):
    events = code("The India-Japan talks in Tokyo covered rare earths.", PUB)
    assert dyads(events) == {("IND", "JPN", "040"), ("JPN", "IND", "040")}
    assert paths(events) == {("modifier", "modifier")}
    assert {e.rule for e in nominal(events)} == {"noun:talks"}


def test_country_pairs_written_as_one_word(code):
    assert dyads(code("The U.S.-Japan trade talks resumed in Washington.", PUB)) == {("USA", "JPN", "046"), ("JPN", "USA", "046")}
    assert dyads(code("The Indo-Japanese summit opened in Tokyo.", PUB)) == {("IND", "JPN", "040"), ("JPN", "IND", "040")}
    assert not nominal(code("The Indo-Pacific dialogue opened in Tokyo.", PUB))


def test_two_plus_two_dialogue(code):
    assert dyads(code("The India-Japan 2+2 dialogue covered maritime security.", PUB)) == {("IND", "JPN", "040"), ("JPN", "IND", "040")}


def test_possessor_is_the_source_and_the_preposition_the_target(code):
    events = code("Japan's sanctions on India lasted three years.", PUB)
    assert dyads(events) == {("JPN", "IND", "163")}
    assert paths(events) == {("possessor", "prep")}


def test_nationality_adjective_is_the_source(code):
    events = code("Japanese loans to India hit a record.", PUB)
    assert dyads(events) == {("JPN", "IND", "071")}
    assert paths(events) == {("modifier", "prep")}


def test_between_gives_both_directions_with_offices_on_the_day(code):
    events = code("The summit between Modi and Kishida ended with a joint statement.", PUB)
    assert dyads(events) == {("INDGOV", "JPNGOV", "040"), ("JPNGOV", "INDGOV", "040")}
    assert paths(events) == {("between", "between")}


def test_by_and_to(code):
    events = code("The visit by Modi to Tokyo lasted three days.", PUB)
    assert dyads(events) == {("INDGOV", "JPN", "042")}
    assert paths(events) == {("prep", "prep")}


def test_possessive_pronoun_speaks_of_the_clause_subject(code):
    got = dyads(code("After his meeting with Kishida, Modi flew to Kyoto.", PUB))
    assert ("INDGOV", "JPNGOV", "040") in got and ("JPNGOV", "INDGOV", "040") in got


def test_their_talks_are_the_speaker_s_and_the_addressee_s(code):
    got = dyads(code("Kishida told Modi during their talks in Hiroshima that chips matter.", PUB))
    assert got == {("JPNGOV", "INDGOV", "040"), ("INDGOV", "JPNGOV", "040")}


def test_their_talks_fall_back_on_the_story_s_two_countries(code):
    text = "Kishida flew to New Delhi on Sunday. Japan is ready to fund the line, he told Modi during their talks."
    got = dyads(code(text, PUB))
    assert {(s[:3], t[:3]) for s, t, _ in got} == {("JPN", "IND"), ("IND", "JPN")}
    assert not nominal(code("Their talks went well.", PUB))  # no story, no parties


def test_a_passive_agent_owns_their_summit(code):
    got = dyads(code("The plan was endorsed by Modi and Kishida at their annual summit.", PUB))
    assert got == {("INDGOV", "JPNGOV", "040"), ("JPNGOV", "INDGOV", "040")}


def test_the_clause_subject_takes_part_in_a_meeting_it_frames(code):
    events = code("Kishida raised concerns about China in a phone call with Prime Minister Modi on Tuesday.", PUB)
    assert {("JPNGOV", "INDGOV", "041"), ("INDGOV", "JPNGOV", "041")} <= dyads(events)
    assert ("subject", "prep") in paths(events)
    visit = code("Modi landed in Osaka on Friday at the start of an official visit to Japan.", PUB)
    # one visit: the verb's (its host from the place) or the noun's, never both
    assert [(e.source.code, e.target.code) for e in visit if e.cameo_code == "042"] == [("INDGOV", "JPN")]
    # a noun the clause only comments on gives the subject no part in it
    assert not nominal(code("China criticised the talks with Japan.", PUB))


def test_a_call_framing_an_agreement_took_place(code):
    events = code("Modi and Kishida agreed to deepen cooperation during a telephone call on Tuesday.", PUB)
    calls = [e for e in nominal(events) if e.cameo_code == "041"]
    assert {(e.source.code, e.target.code) for e in calls} == {("INDGOV", "JPNGOV"), ("JPNGOV", "INDGOV")}
    assert {e.mood for e in calls} == {"asserted"} and {e.date.iso() for e in calls} == {"2023-04-25"}


def test_among_three_parties_gives_every_pair(code):
    got = dyads(code("A dialogue among India, Japan and the United States took place in Tokyo.", PUB))
    assert {(s[:3], t[:3]) for s, t, _ in got} == {(a, b) for a in ("IND", "JPN", "USA") for b in ("IND", "JPN", "USA") if a != b}


def test_signing_of_an_agreement_takes_the_agreement_s_parties(code):
    events = code("The signing of the India-Japan logistics pact drew praise.", PUB)
    assert dyads(events) == {("IND", "JPN", "057"), ("JPN", "IND", "057")}


def test_attack_on_a_country_and_its_forces(code):
    assert dyads(code("Pakistani attacks on Indian troops continued through the night.", PUB)) == {("PAK", "INDMIL", "190")}


def test_ceasefire_between_two_states(code):
    got = dyads(code("The ceasefire between India and Pakistan held through the winter.", PUB))
    assert got == {("IND", "PAK", "0871"), ("PAK", "IND", "0871")}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The India-Japan naval exercise off Chennai ended on Friday.", {("IND", "JPN", "062"), ("JPN", "IND", "062")}),
        ("China's drills near Taiwan alarmed Tokyo.", {("CHN", "TWN", "150")}),
        ("Protests by Chinese students against Japan continued.", {("CHNEDU", "JPN", "141")}),
        ("The US embargo on Cuba remains in force.", {("USA", "CUB", "163")}),
        ("Japan's criticism of India's nuclear tests was swift.", {("JPN", "IND", "111")}),
        ("Japan's aid to Nepal arrived within a day.", {("JPN", "NPL", "070")}),
        ("A Chinese threat against Taiwan worried Tokyo.", {("CHN", "TWN", "130")}),
        ("Japan's support for India's bid was welcomed.", {("JPN", "IND", "051")}),
    ],
)
def test_more_noun_families(code, text, expected):
    assert dyads(code(text, PUB)) == expected


# ---------------------------------------------------------------- named exercises


def test_named_bilateral_exercise_takes_its_parties_from_the_dictionary(code):
    events = code("The navies began JIMEX in the Bay of Bengal.", PUB)
    assert dyads(events) == {("INDMIL", "JPNMIL", "062"), ("JPNMIL", "INDMIL", "062")}
    assert paths(events) == {("named", "named")}
    assert dyads(code("Dharma Guardian opened at a camp in Rajasthan.", PUB)) == {("INDMIL", "JPNMIL", "062"), ("JPNMIL", "INDMIL", "062")}


def test_malabar_later_members_count_only_when_named(code):
    got = dyads(code("Australian warships joined the Malabar exercise.", PUB))
    countries = {s[:3] for s, _, _ in got} | {t[:3] for _, t, _ in got}
    assert countries == {"IND", "USA", "AUS"}


def test_a_name_that_is_also_a_place_needs_an_exercise_beside_it(code):
    assert not nominal(code("Tourists from Japan flocked to the Malabar coast.", PUB))


# ---------------------------------------------------------------- mood


def test_planned_talks_are_intended_and_after_the_talks_asserted(code):
    planned = nominal(code("Planned talks between India and Japan will cover trade.", PUB))
    assert planned and {e.mood for e in planned} == {"intended"}
    # a plan to meet is CAMEO's intent to meet (036); the act stays in intended_code
    assert {(e.cameo_code, e.intended_code) for e in planned} == {("036", "040")} and all(e.occurred for e in planned)
    after = nominal(code("After the talks between India and Japan, the ministers toured a shipyard.", PUB))
    assert after and {e.mood for e in after} == {"asserted"} and all(e.occurred for e in after)
    before = nominal(code("Before the summit between India and Japan, officials met in Osaka.", PUB))
    assert before and {e.mood for e in before} == {"intended"}
    guessed = nominal(code("Analysts discussed a possible India-Japan summit.", PUB))
    assert guessed and {e.mood for e in guessed} == {"modal"}  # a reporter's guess is no one's intent


def test_cancelled_or_called_for_events_are_not_coded(code):
    assert not nominal(code("The talks between India and Japan were cancelled.", PUB))
    events = code("China called for talks between India and Japan.", PUB)
    assert not nominal(events)  # China's appeal is the verb's event; the parties stated no intent


# ---------------------------------------------------------------- no doubling, traps


def test_a_noun_the_verb_already_coded_adds_nothing(code):
    events = code("India and Japan held talks in Tokyo.", PUB)
    assert not nominal(events) and ("IND", "JPN", "040") in {(e.source.code, e.target.code, e.cameo_code) for e in events}
    lifted = code("Japan lifted its sanctions on India.", PUB)
    assert not nominal(lifted) and "163" not in {e.cameo_code for e in lifted}


def test_arrival_for_talks_adds_only_the_missing_direction(code):
    events = code("Modi arrived in Tokyo for talks with Kishida.", PUB)
    # the visit is the verb's; the talks are a second event, in both directions, and the
    # host who met the visitor hosted the visit (043)
    assert dyads(events) == {("INDGOV", "JPNGOV", "040"), ("JPNGOV", "INDGOV", "040"), ("JPNGOV", "INDGOV", "043")}
    assert [(e.source.code, e.target.code) for e in events if e.cameo_code == "042"] == [("INDGOV", "JPN")]


@pytest.mark.parametrize(
    "text",
    [
        "The talks collapsed.",
        "Japan's ambassador met the press.",
        "China's attack on the Indian proposal surprised diplomats.",
        "Japanese sanctions remain a sore point.",
        "The summit ended late on Friday.",
    ],
)
def test_traps_stay_silent(code, text):
    assert not nominal(code(text, PUB))


# ---------------------------------------------------------------- the dictionary


def test_packaged_nouns_load_and_go_only_with_packaged_verbs():
    nouns = load_nouns()
    assert len(nouns) >= 20 and "jimex" in nouns.names and "sahyogkaijin" in nouns.names
    imported = build_verb_dictionary([Source("petrarch_verbs.tsv", "id\tcode\tverb\tobject\ttarget\tflags\texample\nx\t040\tmeet\t\tdobj\t\t\n")])
    assert nouns_for(imported) is None


@pytest.mark.parametrize(
    "row, message",
    [
        ("talks\t999\ttalk\t\twith\treciprocal\t\tex", "nouns.tsv:2: '999' is not a CAMEO code"),
        ("talks\t040\ttalk\t\twith\treciprocal,loud\t\tex", "nouns.tsv:2: unknown flags ['loud']"),
        ("talks\t040\ttalk\t\tnear-ish\treciprocal\t\tex", "nouns.tsv:2: target ['near-ish'] are not prepositions"),
        ("x\t062\tJIMEX\t\t\tnamed\tINDMIL\tex", "nouns.tsv:2: a named row needs at least two parties"),
        ("x\t062\tJIMEX\t\t\tnamed\tindia|JPN\tex", "nouns.tsv:2: actors ['india'] are not CAMEO actor codes"),
        ("visit\t042\tvisit\tby\t\t\t\tex", "nouns.tsv:2: a row that is not reciprocal needs target prepositions"),
        ("visit\t042\tvisit\tby\tto\t\tJPN\tex", "nouns.tsv:2: 'actors' is only for rows flagged named"),
        ("visit\t042\tvisit\tby\tto\t\t\tex\textra", "nouns.tsv:2: 9 fields"),
    ],
)
def test_bad_rows_name_file_and_line(row, message):
    header = "id\tcode\tnoun\tsource\ttarget\tflags\tactors\texample\n"
    with pytest.raises(DictionaryError, match=message.replace("[", r"\[").replace("]", r"\]").replace("+", r"\+")):
        build_noun_dictionary([Source("nouns.tsv", header + row + "\n")])


def test_duplicate_ids_are_refused():
    header = "id\tcode\tnoun\tsource\ttarget\tflags\tactors\texample\n"
    text = header + "a\t040\ttalk\t\twith\treciprocal\t\tex\na\t040\tsummit\t\twith\treciprocal\t\tex\n"
    with pytest.raises(DictionaryError, match=r"nouns.tsv:3: duplicate noun id 'a' \(first at nouns.tsv:2\)"):
        build_noun_dictionary([Source("nouns.tsv", text)])


def test_dictionaries_check_covers_the_nouns():
    from eventcode.dictionaries import check_dictionaries

    report = check_dictionaries()
    assert report.ok, report.errors
    assert report.sizes["event_nouns"] >= 20 and "nouns.tsv" in report.hashes


def test_every_path_a_noun_event_records_is_a_known_role_path(code):
    from eventcode.records import ROLE_PATHS

    texts = [
        "The India-Japan talks covered rare earths.", "Japan's sanctions on India lasted years.",
        "The summit between Modi and Kishida ended.", "The navies began JIMEX.",
        "Kishida raised concerns in a phone call with Prime Minister Modi.",
    ]
    used = {p for t in texts for e in nominal(code(t, PUB)) for p in (e.source.path, e.target.path)}
    assert used and used <= set(ROLE_PATHS)


def test_scheduled_and_future_dated_events_are_intents(code):
    # a participle that sets the event ahead, on the noun or on the head of "rounds of talks"
    scheduled = nominal(code("Three rounds of talks between India and Japan, scheduled for next month, will cover tariffs.", PUB))
    assert scheduled and {(e.cameo_code, e.intended_code) for e in scheduled} == {("036", "040")}
    # an event the story dates after its own publication has not been held
    ahead = nominal(code("Kenya's visit to Uganda next week is meant to ease tension.", PUB))
    assert ahead and {e.cameo_code for e in ahead} == {"036"}
    # trap: the same visit dated before publication happened
    held = nominal(code("Kenya's visit to Uganda last week eased tension.", PUB))
    assert held and {e.cameo_code for e in held} == {"042"}


def test_an_international_organisation_is_a_party_to_an_event_noun(code):
    events = nominal(code("Talks between Kenya and the European Union ended on Monday.", PUB))
    assert {(e.source.code, e.target.code) for e in events} == {("KEN", "IGOEUREEC"), ("IGOEUREEC", "KEN")}
    # trap: a role of no country is still no party
    assert not nominal(code("Talks between Kenya and the farmers ended on Monday.", PUB))


def test_clashes_between_two_sides_are_fighting_both_ways(code):
    events = nominal(code("Clashes between Kenyan and Ugandan troops left two soldiers dead.", PUB))
    assert {(e.source.code, e.target.code, e.cameo_code) for e in events} == {("KENMIL", "UGAMIL", "190"), ("UGAMIL", "KENMIL", "190")}
    # trap: a clash of views is no fighting ("clash" needs two parties named)
    assert not nominal(code("The clash of opinions at the meeting surprised Kenya.", PUB))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya's appeal to Uganda for calm went unanswered.", ("KEN", "UGA", "020")),
        ("The talks covered Norway's calls for Kenya to cut tariffs.", ("NOR", "KEN", "020")),
        ("Norway's demands on Kenya over the fishing quota hardened.", ("NOR", "KEN", "100")),
        ("Peru's complaints against Chile dragged on for a year.", ("PER", "CHL", "114")),
        ("Kenya's accusations against Uganda strained ties.", ("KEN", "UGA", "112")),
    ],
)
def test_appeals_demands_and_complaints_named_as_nouns(code, text, expected):
    assert {(e.source.country, e.target.country, e.cameo_code) for e in nominal(code(text, PUB))} == {expected}


@pytest.mark.parametrize("text", ["Kenya's call to Uganda lasted an hour.", "Calls for restraint grew louder in Kenya."])
def test_a_call_to_someone_or_for_something_is_no_appeal(code, text):
    assert not [e for e in nominal(code(text, PUB)) if e.cameo_code.startswith("02")]


def test_his_or_her_event_is_the_person_last_named_when_the_clause_has_no_actor_subject(code):
    events = nominal(code("Support for Narendra Modi rose after his trip to Japan.", PUB))
    assert {(e.source.country, e.target.country, e.cameo_code) for e in events} == {("IND", "JPN", "042")}
    # trap: no person named before the pronoun
    assert not nominal(code("Support for the plan rose after her trip to Uganda.", PUB))


def test_tariffs_and_their_imposition_are_sanctions(code):
    assert {(e.source.country, e.target.country, e.cameo_code) for e in nominal(code("Norway's punitive tariffs on Kenyan flowers took effect on Monday.", PUB))} == {("NOR", "KEN", "163")}
    imposed = nominal(code("The imposition by Norway of tariffs on Kenyan flowers angered Nairobi.", PUB))
    assert {(e.source.country, e.target.country, e.cameo_code) for e in imposed} == {("NOR", "KEN", "163")}
    # planned tariffs someone tries to head off are a threat, not yet sanctions
    planned = nominal(code("Kenyan officials met Norwegian negotiators to head off new Norwegian tariffs on Kenyan flowers set to take effect in May.", PUB))
    assert {e.cameo_code for e in planned if e.source.country == "NOR"} == {"1312"}
    # trap: tariffs on a product with no country named are no event
    assert not nominal(code("Import tariffs on rice fell last year.", PUB))
    assert {(e.source.country, e.target.country, e.cameo_code) for e in nominal(code("A Kenyan boycott of Norwegian fish began last week.", PUB))} == {("KEN", "NOR", "163")}
    assert not nominal(code("The boycott of the election by the opposition was total.", PUB))
# ---------------------------------------------------------------- session 2026-12-04 (chronology recall)


def test_a_complaint_against_a_country_is_an_official_complaint(code):
    events = code("Brazil set out its complaint against Argentina's import curbs at a trade panel in Geneva.", PUB)
    assert ("BRA", "ARG", "114") in dyads(events)
    assert all(e.mood == "asserted" for e in nominal(events))  # "set out" states it; "set a date" would plan it
    # trap: a complaint about no actor is no event
    assert not nominal(code("The complaint against the referee was dismissed.", PUB))


def test_a_visit_to_a_place_takes_the_places_country_as_host(code):
    events = code("Modi's two-day visit to Kyoto ended with a temple tour.", PUB)
    assert {(e.source.country, e.target.country, e.cameo_code, e.target.path) for e in nominal(events)} == {("IND", "JPN", "042", "place")}
    # trap: a destination that is no place gives no host
    assert not nominal(code("Modi's visit to the museum ended with a tour.", PUB))


def test_a_planned_visit_is_dated_by_its_statement_with_the_plans_month_in_a_note(code):
    # the intent (036) is the statement; the month ahead is read forward, and kept as the plan's date
    events = nominal(code("The decision removes an irritant ahead of the Brazilian president's planned visit to Argentina in December.", "2001-10-27"))
    assert [(e.cameo_code[:2], e.date.iso(), e.notes[-1]) for e in events] == [("03", "2001-10-27", "planned for 2001-12")]
    # trap: a visit that happened is read backward
    events = nominal(code("The Brazilian president's visit to Argentina in December was a success.", "2001-10-27"))
    assert [(e.cameo_code, e.date.iso()) for e in events] == [("042", "2000-12")]


def test_talks_that_break_down_or_are_suspended_by_no_one_named_are_halted_by_both(code):
    for text in ("Talks between Kenya and Uganda on the border broke down on Monday.", "The Kenya-Uganda trade negotiations were suspended last week.",
                 "Negotiations between Kenya and Uganda on a pipeline have stalled."):
        assert {(e.source.country, e.target.country, e.cameo_code) for e in code(text, PUB)} == {("KEN", "UGA", "164"), ("UGA", "KEN", "164")}, text
    # traps: talks that ended normally were held (040), and talks that did not stall were not halted
    assert {e.cameo_code for e in code("Talks between Kenya and Uganda ended on Monday with a joint statement.", PUB)} == {"040"}
    assert not [e for e in code("Talks between Kenya and Uganda have not stalled, officials said.", PUB) if e.occurred]
    # trap: a visit suspended is no halt of negotiations
    assert not [e for e in code("The Kenyan president's visit to Uganda was suspended on Monday.", PUB) if e.cameo_code == "164"]


def test_a_sitting_of_a_body_of_two_parties_is_a_meeting_between_them(code):
    for text in ("The second session of the Kenya-Uganda joint commission opened on Monday.", "Nairobi hosted the third meeting of the Kenya-Uganda working group this week."):
        assert {(e.source.country, e.target.country, e.cameo_code) for e in code(text, PUB)} >= {("KEN", "UGA", "040"), ("UGA", "KEN", "040")}, text
    # trap: a sitting of one country's body is no meeting between parties
    assert not code("The second session of the Kenyan parliament opened on Monday.", PUB)


def test_the_talks_opening_a_sentence_are_the_storys_own(code):
    events = code("Kenya's foreign minister and his Ugandan counterpart agreed in Nairobi on Monday to reopen the border. The talks followed months of tension.", PUB)
    assert {("KEN", "UGA", "040"), ("UGA", "KEN", "040")} <= {(e.source.country, e.target.country, e.cameo_code) for e in events if "nominal event" in e.notes}
    # the story's talks are with its last partner, not with the adversary condemned at them
    events = code("Kenya's defence minister condemned Ethiopia during his meeting with Uganda's defence minister on Monday. The talks came a week after a border clash.", PUB)
    talks = {(e.source.country, e.target.country) for e in events if e.cameo_code == "040" and e.source.path == "context"}
    assert talks == {("KEN", "UGA"), ("UGA", "KEN")}
    # trap: talks further inside a sentence, or in a story with no pair of parties, are nobody's
    assert not [e for e in code("Kenya's foreign minister spoke on Monday. He said that the talks followed months of tension.", PUB) if e.cameo_code == "040"]
    assert not code("The talks followed months of tension.", PUB)


# ---------------------------------------------------------------- session 2026-12-04, third part


def test_the_place_a_visitor_leaves_at_the_end_of_a_visit_is_its_host(code):
    events = code("The Laotian foreign minister left Hanoi on Sunday at the end of a four-day visit.", PUB)
    assert {(e.source.code, e.target.country, e.cameo_code) for e in nominal(events)} == {("LAOGOV", "VNM", "042")}
    # trap: a place left *for* a visit is where the trip began, not its host
    assert not nominal(code("The Laotian foreign minister left Hanoi on Sunday for a four-day visit.", PUB))


def test_a_visit_begun_or_ended_took_place_and_a_sanction_ended_is_no_sanction(code):
    for text in ("The Laotian foreign minister ended a four-day visit to Hanoi on Sunday.", "The Laotian foreign minister began a four-day visit to Vietnam on Sunday."):
        events = code(text, PUB)
        assert {(e.source.code, e.target.country, e.cameo_code[:2]) for e in events} == {("LAOGOV", "VNM", "04")}, text
    # trap: ending a measure lifts it; the noun gives no sanction event
    assert not nominal(code("Laos ended its embargo on Vietnamese rice.", PUB))


def test_an_old_capital_name_names_its_country_in_its_time(code):
    events = code("Moscow agreed to discuss border trade in its talks with Peking, officials said.", "1987-04-03")
    assert ("RUS", "CHN") in {(e.source.country, e.target.country) for e in events}
    # trap: after the name fell out of use it is a city's name in other names
    events = code("Peking University signed an exchange deal with Moscow State University.", "2015-04-03")
    assert "CHN" not in {a.country for e in events for a in (e.source, e.target)}


def test_the_agent_of_a_passive_takes_part_in_the_talks_it_framed(code):
    events = code("The loan deal was signed on Friday by Ghana's finance minister after talks with Japanese officials.", PUB)
    assert dyads(events) == {("GHAGOV", "JPNGOV", "040"), ("JPNGOV", "GHAGOV", "040")}
    # trap: with no agent the talks have one known party only
    assert not nominal(code("The loan deal was signed on Friday after talks with Japanese officials.", PUB))


def test_a_planned_meeting_named_in_a_guess_is_no_ones_stated_plan(code):
    events = nominal(code("New curbs are likely to be announced at the next Thai-Vietnamese trade meeting in May.", PUB))
    assert events and all(e.mood == "modal" and not e.occurred for e in events)
    # trap: the same meeting in a plain statement of plan is the parties' intent to meet
    events = nominal(code("New curbs will be announced at the next Thai-Vietnamese trade meeting in May.", PUB))
    assert {(e.source.country, e.target.country, e.cameo_code) for e in events} == {("THA", "VNM", "036"), ("VNM", "THA", "036")}


def test_being_at_a_place_for_talks_is_taking_part_in_them(code):
    events = code("The Laotian trade minister is in Bangkok for talks with Thai officials.", PUB)
    assert dyads(events) == {("LAOGOV", "THAGOV", "040"), ("THAGOV", "LAOGOV", "040")}
    # trap: being ready for talks is no meeting
    assert not nominal(code("The Laotian trade minister is ready for talks with Thai officials.", PUB))


def test_whoever_acts_with_a_countrys_aid_received_it(code):
    events = code("Nepal built the new dam with Indian assistance.", PUB)
    assert {(e.source.country, e.target.country, e.cameo_code[:2]) for e in nominal(events)} == {("IND", "NPL", "07")}
    # trap: working with a country's engineers is no aid event
    assert not nominal(code("Nepal built the new dam with Indian engineers.", PUB))


def test_objections_to_a_measure_its_author_imposed(code):
    # the measure's author, named by "imposed by", is the party objected to; the parser may hang
    # the to-phrase on the verb ("rule on … to …")
    events = code("An arbitration panel will rule on objections by Chile to a port tax imposed by Peru.", PUB)
    assert {(e.source.country, e.target.country, e.cameo_code, e.occurred) for e in nominal(events)} == {("CHL", "PER", "114", True)}
    assert {(e.source.country, e.target.country, e.cameo_code) for e in nominal(code("Chile's objections to the levy imposed by Peru were heard in Geneva.", PUB))} == {("CHL", "PER", "114")}
    # a judgement or answer presupposes the complaint: it is asserted, whatever the verb's mood
    answered = nominal(code("Kenya will respond to Uganda's accusations against Nairobi.", PUB))
    assert {(e.source.country, e.target.country, e.occurred) for e in answered} == {("UGA", "KEN", True)}
    # traps: a measure with no author named; an answer to "any" attack presupposes none; "ruled
    # out talks" is still a refusal, not an answer
    assert not nominal(code("Kenya will respond to any attack by Uganda on Kenyan border posts.", PUB))
    assert not nominal(code("An arbitration panel will rule on objections by Chile to the port tax.", PUB))
    assert {e.cameo_code for e in code("Chile ruled out talks with Peru.", PUB)} == {"125"}


def test_rejection_opposition_and_displeasure_named_as_nouns(code):
    def coded(text):
        return {(e.source.country, e.target.country, e.cameo_code) for e in nominal(code(text, PUB))}

    assert coded("Kenya's rejection of Uganda's proposal ended the talks.") == {("KEN", "UGA", "120")}
    assert coded("Kenya's opposition to the Ugandan bid was firm.") == {("KEN", "UGA", "120")}
    assert coded("Kenya's displeasure with Uganda's border policy was plain.") == {("KEN", "UGA", "110")}
    # a verbal act may aim at a party's plan; an attack on one is figurative
    assert coded("Japan's criticism of India's plan was sharp.") == {("JPN", "IND", "111")}
    assert not coded("The attack on India's policy was sharp.")
    # traps: no party named on the plan; the opposition at home is no act
    assert not coded("Kenya's rejection of the plan surprised nobody.")
    assert not code("The opposition in Kenya met on Monday.", PUB)


def test_an_act_refused_is_not_planned(code):
    # "refusal to lift": the lifting is refused (124x), not an intent to ease (035x)
    codes = {e.cameo_code for e in code("Norway's refusal to lift the ban on Kenyan fish angered Nairobi.", PUB) if e.source.country == "NOR"}
    assert codes and all(c.startswith("12") for c in codes)
    assert {e.cameo_code for e in code("Norway's decision to lift the ban on Kenyan fish pleased Nairobi.", PUB) if e.source.country == "NOR"} == {"081"}


def test_a_repelled_attack_was_made_on_its_repeller(code):
    events = code("Libyan forces crushed a new Chadian offensive near Faya.", PUB)
    assert {(e.source.country, e.target.country, e.cameo_code[:2]) for e in events} == {("LBY", "TCD", "19"), ("TCD", "LBY", "19")}
    # traps: an attack condemned or launched is not one repelled
    assert not nominal(code("Libya condemned the Chadian offensive near Faya.", PUB))
    assert not [e for e in code("Libyan forces launched an offensive near Faya.", PUB) if e.source.country == "TCD"]


def test_aid_a_party_acts_with_goes_to_that_party(code):
    events = nominal(code("Zambia is setting up a water fund with Japanese aid.", PUB))
    assert {(e.source.country, e.target.country, e.cameo_code[:2]) for e in events} == {("JPN", "ZMB", "07")}
    # trap: no party acts with it
    assert not nominal(code("The dam was built with Japanese aid.", PUB))


def test_an_exchange_of_fire_is_a_clash_both_ways(code):
    events = nominal(code("Artillery shells from an exchange of fire between Chad and Libya fell near the border.", PUB))
    assert {(e.source.country, e.target.country, e.cameo_code) for e in events} == {("TCD", "LBY", "190"), ("LBY", "TCD", "190")}
    # traps: an exchange of views or of trade is no fighting
    assert not nominal(code("The exchange of views between Chad and Libya was frank.", PUB))
    assert not nominal(code("Trade exchanges between Chad and Libya grew.", PUB))


def test_what_is_called_the_target_of_an_attack_is_its_target(code):
    events = nominal(code("The navy escorted Kenyan tankers, regular targets for Somali attacks.", PUB))
    assert {(e.source.country, e.target.country, e.cameo_code) for e in events} == {("SOM", "KEN", "190")}
    events = nominal(code("Iraqi border towns have been frequent targets of Iranian air strikes.", PUB))
    assert {(e.source.country, e.target.country, e.cameo_code[:2]) for e in events} == {("IRN", "IRQ", "19")}
    # trap: the targets themselves are not named
    assert not nominal(code("The targets of Iranian air strikes were not disclosed.", PUB))


def test_a_threat_of_sanctions_is_1312(code):
    events = nominal(code("Norway's threat of sanctions against Kenya hardened the talks.", PUB))
    assert {(e.source.country, e.target.country, e.cameo_code) for e in events} == {("NOR", "KEN", "1312")}
    # a bare threat keeps 130; a threat against no party is no event
    assert {e.cameo_code for e in nominal(code("China's threat against Taiwan drew a rebuke from Tokyo.", PUB))} == {"130"}
    assert not nominal(code("Norway repeated its threat of sanctions.", PUB))


def test_the_clauses_subject_takes_part_in_clashes_with_a_named_side(code):
    events = code("Indian troops returned to their base after clashes with Chinese soldiers.", PUB)
    assert dyads(events) == {("INDMIL", "CHNMIL", "190"), ("CHNMIL", "INDMIL", "190")}
    # trap: clashes with no side named give the subject no adversary
    assert not nominal(code("Indian troops returned to their base after the clashes.", PUB))
