"""CAMEO's conventions applied to a sentence's coded events, and small actor helpers.

Intent codes for stated plans, the host's side of a visit, one event for one statement of
intent, and when two actor codes name the same party.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from . import dates
from .mood import appeal_code, demand_code, intent_code
from .records import Actor

# Sectors that are the state itself: a country and these parts of it are one actor ("Japan" and
# the Japanese government); rebels, opposition, parties or the press are not ("Turkey accused
# the PKK" is an event).
STATE_SECTORS = frozenset({"", "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"})


def _same_actor(a: Actor, b: Actor) -> bool:
    """Identical codes, or a country and one of its state organs ('JPN' and 'JPNGOV')."""
    if a.code == b.code:
        return True
    if not a.country or a.country != b.country or 3 not in (len(a.code), len(b.code)):
        return False
    part = a if len(b.code) == 3 else b
    return part.sector[:3] in STATE_SECTORS


#: Non-state groups that fight or oppose their own country's state organs.
_CHALLENGERS = frozenset({"REB", "INS", "SEP", "UAF", "IMG", "OPP", "RAD", "CRM"})


def _domestic_rivals(a: Actor, b: Actor) -> bool:
    """A state organ and a non-state group of one country ("the Taliban rejected the Afghan
    government's offer"): parties to each other although they share the country code."""
    if not a.country or a.country != b.country:
        return False
    sectors = {a.sector[:3], b.sector[:3]}
    return bool(sectors & _CHALLENGERS) and bool(sectors & (STATE_SECTORS - {""}))


def _named(actor: Actor) -> bool:
    """An actor with a country or an organisation, not a bare role ('---GOV')."""
    return bool(actor.country) or actor.code.startswith("IGO")


def _on_path(actor: Actor, path: str) -> Actor:
    """The actor with the path that found it; context and coordination say so themselves."""
    if actor.path:
        return actor
    if actor.rule.startswith("context:"):
        path = "context"
    elif actor.rule.startswith("coordination<"):
        path = "coordination"
    return dataclasses.replace(actor, path=path)


def _with_sector(actor: Actor, sector: str) -> Actor:
    """'the armed forces of India': the country from the of-phrase, the sector from the head."""
    if not (sector and actor.country and len(actor.code) == 3):
        return actor
    return Actor(code=actor.country + sector, country=actor.country, sector=sector, text=actor.text, start=actor.start, end=actor.end, rule=actor.rule)


#: Roles of no country that a meeting's place gives one: "met business leaders in Tokyo" are
#: Japanese; the press and crowds at a place may have come from anywhere.
PLACED_SECTORS = frozenset({"BUS", "GOV", "LEG", "ELI"})


def placed(actor: Actor, country: str) -> Actor:
    """A role of no country ("business leaders", "government officials") in a meeting held at a
    known place, as that place's country."""
    if actor.rule != "sector-only" or actor.sector not in PLACED_SECTORS:
        return actor
    return dataclasses.replace(actor, code=country + actor.sector, country=country, rule=f"place<{country}>")


def _from_context(actor: Actor) -> Actor:
    """An actor supplied by the story so far rather than by words in this sentence."""
    return Actor(code=actor.code, country=actor.country, sector=actor.sector, text="", rule=f"context:dyad<{actor.rule}>")


def _as_intent(ev: dict, pub: dt.date | None = None) -> dict:
    """An act its source states, plans or agrees to, coded as CAMEO's intent code (03x/13x),
    the act kept in ``intended_code`` (:mod:`eventcode.mood`). The event is the statement, so a
    date the story gives for the planned act ("will visit Japan in December") is not its date:
    it takes the day of the statement (the story's news day, ``dates.publication`` until
    :mod:`eventcode.newsday` settles it), and the plan's date is kept in a note."""
    if ev["mood"] != "intended" or ev["negated"] or ev.get("intended_code"):
        return ev
    intent = intent_code(ev["cameo_code"])
    if intent is None:
        return ev
    ev = {**ev, "cameo_code": intent, "intended_code": ev["cameo_code"]}
    planned = ev["date"]
    if pub is not None and planned.date is not None and planned.date > pub:
        ev = {**ev, "date": dates.publication(pub), "notes": (*ev.get("notes", ()), f"planned for {planned.iso()}")}
    return ev


def _visits_and_hosts(events: list[dict]) -> list[dict]:
    """CAMEO codes a visit twice: visitor → host 042, and host → visitor 043 when the host
    receives, hosts, welcomes or meets the visitor. A hosting verb implies the visit; a visit
    plus a meeting with the host country's side in the same sentence implies the hosting."""
    have = {(e["source"].code, e["target"].code, e["cameo_code"]) for e in events}
    extra: list[dict] = []

    def add(ev: dict, src: Actor, tgt: Actor, code: str, rule: str) -> None:
        key = (src.code, tgt.code, code)
        if key not in have:
            have.add(key)
            extra.append({**ev, "source": dataclasses.replace(src, path=src.path or "visit"), "target": dataclasses.replace(tgt, path=tgt.path or "visit"), "cameo_code": code, "rule": f"{ev['rule']}+{rule}", "intended_code": ""})

    for ev in events:
        if ev["cameo_code"] == "043":
            add(ev, ev["target"], ev["source"], "042", "visit")
    visits = [e for e in events if e["cameo_code"] == "042"]
    for meeting in (e for e in events if e["cameo_code"][:2] == "04" and e["cameo_code"] not in ("042", "043")):
        for visit in visits:
            visitor, host = visit["source"], visit["target"]
            for a, b in ((meeting["source"], meeting["target"]), (meeting["target"], meeting["source"])):
                if a.code == visitor.code and b.country and b.country == host.country:
                    add(meeting, b, visitor, "043", "host")
    return events + extra


def _specific_appeals(events: list[dict]) -> list[dict]:
    """A generic appeal (020: "urged Japan to open its market") or demand (100: "demanded that
    Chile release the fishermen") takes CAMEO's subtype from the act asked for when the sentence
    codes that act, by the addressee, as not done (0211: appeal for economic cooperation; 1053:
    demand the release of persons); the act keeps its own record."""
    asked = [e for e in events if e["mood"] == "modal" and not e["negated"]]
    out = []
    for ev in events:
        generic = ev["cameo_code"]
        if generic in ("020", "100"):
            act = next((a for a in asked if a["source"].code == ev["target"].code and a["cameo_code"][:2] not in ("01", "02", "10")), None)
            if act is not None:
                code = (appeal_code if generic == "020" else demand_code)(act["cameo_code"])
                if code != generic:
                    ev = {**ev, "cameo_code": code}
        out.append(ev)
    return out


def _without_generic_intents(events: list[dict]) -> list[dict]:
    """Drop a generic 030/130 ("agreed to …", "threatened to …") where the same sentence codes
    the pair's specific intent (031 from "agreed to cooperate"): one statement, one event."""
    specific = {(e["source"].code, e["target"].code, e["cameo_code"][:2]) for e in events if e["cameo_code"] not in ("030", "130")}
    return [e for e in events if not (e["cameo_code"] in ("030", "130") and (e["source"].code, e["target"].code, e["cameo_code"][:2]) in specific)]


#: CAMEO's "decline to yield" (124x, and 123x for political reform) for each kind of yield (08x),
#: and its rejections for the acts of accepting, cooperating and meeting that root 12 mirrors:
#: "will not accept the terms" 120, "will not offer concessions" 124, "will not meet" 125, "will
#: not accept mediation" 126. Other refused acts ("will not lend") stay negated acts: a negated
#: plan is no event.
_DECLINED = {
    "08": "124", "081": "1241", "082": "1242", "083": "123", "0831": "1231", "0832": "1232", "0833": "1233", "0834": "1234",
    "084": "1243", "085": "1244", "086": "1245", "087": "1246",
    "030": "120", "035": "124", "036": "125", "038": "126", "04": "125",
}


#: Paths that find a target: an event whose source came by one is a reciprocal act's mirror.
_TARGET_PATHS = frozenset({"object", "prep", "object-prep", "possessor", "modifier", "complement"})


def _declined_code(code: str) -> str | None:
    return next((_DECLINED[code[:n]] for n in (4, 3, 2) if code[:n] in _DECLINED), None)


def _declined_yields(events: list[dict]) -> list[dict]:
    """A yield its source refuses ("will not lift the sanctions", "refused to release the
    pilots") is CAMEO's decline to yield (124x, :data:`_DECLINED`): the refusal happened, the
    act did not. A generic 120 "refused to …" of the same pair gives way to it; "did not
    lift" stays a negated act (no statement of refusal)."""
    refusals = {(e["source"].code, e["target"].code) for e in events if e["cameo_code"] == "120" and not e["negated"]}
    out = []
    for e in events:
        code, pair = e["cameo_code"], (e["source"].code, e["target"].code)
        declined = _declined_code(code) if e["negated"] and (e["mood"] == "intended" or pair in refusals) else None
        if declined is not None:
            e = {**e, "cameo_code": declined, "negated": False, "mood": "asserted", "notes": (*e["notes"], f"declines {code}")}
        out.append(e)
    refused = [e for e in out if any(n.startswith("declines ") for n in e["notes"])]
    declined = {(e["source"].code, e["target"].code) for e in refused}
    return [
        e for e in out
        # the generic "refused to …" gives way; a refusal is one-sided, not the partner's too
        if not (e["cameo_code"] == "120" and e not in refused and (e["source"].code, e["target"].code) in declined)
        and not (e in refused and e["source"].path in _TARGET_PATHS)
    ]
