"""General dictionary entries added for recall on international news: each fires with the right
code, source and target on a short invented sentence, and the traps next to them stay quiet."""

from __future__ import annotations

import pytest

from tests.conftest import triples


@pytest.mark.parametrize(
    "text, expected",
    [
        # named non-state armed groups with a home country
        ("Hamas fired rockets at Israel.", ("PSEREB", "ISR", "195")),
        ("Hezbollah condemned the United States.", ("LBNREB", "USA", "111")),
        ("Houthi rebels attacked a Saudi airport.", ("YEMREB", "SAU", "190")),
        ("The Taliban rejected talks with the Afghan government.", ("AFGREB", "AFGGOV", "125")),
        # transnational militant groups and NGOs as sector-only actors
        ("Islamic State attacked Iraqi soldiers.", ("---IMG", "IRQMIL", "190")),
        ("Amnesty International accused the Nigerian army of abuses.", ("---NGOHRI", "NGAMIL", "1122")),
        # regional organisations
        ("The European Union signed a trade agreement with Mercosur.", ("IGOEUREEC", "IGOSAMMER", "057")),
        # cities and regions coded to the administering country
        ("Israel struck Gaza.", ("ISR", "PSE", "190")),
    ],
)
def test_new_actors_fire(code, text, expected):
    assert expected in triples(code(text, "2020-06-01"))


@pytest.mark.parametrize(
    "text, date, expected",
    [
        ("Erdogan criticised Germany.", "2020-06-01", ("TURGOV", "DEU", "111")),
        ("Netanyahu met Putin in Moscow.", "2020-06-01", ("ISRGOV", "RUSGOV", "040")),
        ("Kim Jong Un threatened South Korea.", "2020-06-01", ("PRKGOV", "KOR", "130")),
        # an earlier office keeps the title in the text: Chirac was prime minister in 1987
        ("French Prime Minister Jacques Chirac met Ronald Reagan.", "1987-05-01", ("FRAGOV", "USAGOV", "040")),
        ("Reagan urged Gorbachev to accept the proposal.", "1987-05-01", ("USAGOV", "RUSGOV", "020")),
        # the Soviet Union is coded to Russia while it existed
        ("Soviet troops attacked Afghan rebels.", "1987-05-01", ("RUSMIL", "AFGREB", "190")),
    ],
)
def test_new_people_and_dated_names(code, text, date, expected):
    assert expected in triples(code(text, date))


def test_people_outside_their_offices_are_elites(code):
    assert ("USAELI", "RUSELI", "020") in triples(code("Reagan urged Gorbachev to accept the proposal.", "2020-06-01"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Iran and Iraq agreed to a cease-fire.", {("IRN", "IRQ", "0871"), ("IRQ", "IRN", "0871")}),
        ("Pakistan launched a mediation effort between Qatar and Saudi Arabia.", {("PAK", "QAT", "045"), ("PAK", "SAU", "045")}),
        ("Yemen let free 30 Saudi prisoners.", {("YEM", "SAU", "0841")}),
        ("Islamic State fighters held hundreds of Iraqi civilians as human shields.", {("---UAF", "IRQCVL", "184")}),
        ("Syrian forces continued their attacks on Turkish troops.", {("SYR", "TURMIL", "190")}),
        ("Iraqi warplanes carried out a raid on Syrian rebels.", {("IRQMIL", "SYRREB", "190")}),
        ("The United States gave 600 firearms to the Philippine army.", {("USA", "PHLMIL", "072")}),
    ],
)
def test_new_verb_patterns_fire(code, text, expected):
    assert expected <= triples(code(text, "2020-06-01"))


@pytest.mark.parametrize(
    "text",
    [
        "Iran is an Islamic state.",  # no verb pattern, and no event from the IMG sector noun
        "Ivanka Trump visited China.",  # a family member is not the president
        "Japan praised the New York Times.",  # a newspaper, not the United States
    ],
)
def test_traps_stay_quiet(code, text):
    assert not code(text, "2020-06-01")
