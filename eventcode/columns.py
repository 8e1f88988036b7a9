"""What every column of the events file and of the tables means: the data dictionary.

One source for the column types (which :func:`eventcode.export.read_events` restores), the
variable labels of the Stata file and the ``*_dictionary.csv`` files written beside the
outputs, so that a file read without eventcode can still be understood.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

#: How booleans are written in every CSV eventcode writes (R reads them as logical).
CSV_TRUE, CSV_FALSE = "true", "false"


class Column(NamedTuple):
    """One column: storage type (string, integer, float, boolean, date), meaning, allowed values."""

    type: str
    meaning: str
    allowed: str = ""


_DATE_METHODS = "publication, story (the story's news day), lede (a title event), weekday, relative, month, month_day, explicit, year, dateparser, background, none"

#: The events file, in :data:`eventcode.export.EVENT_COLUMNS` order.
EVENT_COLUMN_DOCS: dict[str, Column] = {
    "event_id": Column("string", "Unique id of the event: article_id:sentence_index:n", "text"),
    "article_id": Column("string", "Id of the story the event was coded from", "text"),
    "sentence_index": Column("integer", "Position of the sentence in the story, from 0", ">= 0"),
    "event_date": Column("string", "When the event happened, ISO at its precision (2020-09 for a month)", "YYYY-MM-DD, YYYY-MM, YYYY or empty"),
    "date_precision": Column("string", "How much of event_date is known", "day, week, month, year, none"),
    "date_method": Column("string", "How the date was found (publication = the story's date was used)", _DATE_METHODS),
    "date_text": Column("string", "The words in the sentence that gave the date", "text or empty"),
    "publication_date": Column("string", "The story's publication date", "YYYY-MM-DD or empty"),
    "publisher": Column("string", "Who published the story", "text or empty"),
    "url": Column("string", "Where the story was published", "URL or empty"),
    "source_code": Column("string", "CAMEO actor code of the actor who acts", "country code + sector codes, e.g. INDGOV"),
    "source_country": Column("string", "Country of the source actor", "ISO 3166 alpha-3 / CAMEO country code or empty"),
    "source_sector": Column("string", "Sector of the source actor", "GOV, MIL, BUS, … or empty (no sector)"),
    "source_text": Column("string", "Words that named the source actor", "text"),
    "target_code": Column("string", "CAMEO actor code of the actor acted upon", "as source_code"),
    "target_country": Column("string", "Country of the target actor", "as source_country"),
    "target_sector": Column("string", "Sector of the target actor", "as source_sector"),
    "target_text": Column("string", "Words that named the target actor", "text"),
    "cameo_code": Column("string", "CAMEO event code; text, keep the leading zero (010 is not 10)", "2-4 digits, see events_codebook.csv"),
    "cameo_root": Column("string", "First two digits of cameo_code", "01-20"),
    "cameo_name": Column("string", "Name of the CAMEO code", "text"),
    "quad_class": Column("integer", "QuadClass of the code under the scheme in the .meta.json", "gdelt: 1-4; phoenix: 0-4"),
    "goldstein": Column("float", "Goldstein (1992) conflict-cooperation weight of the code", "-10.0 to 10.0"),
    "negated": Column("boolean", "The sentence says the event did not happen", f"{CSV_TRUE}/{CSV_FALSE} in CSV, 1/0 in .dta"),
    "mood": Column("string", "Whether the event is reported as fact", "asserted, modal, intended, hypothetical"),
    "occurred": Column("boolean", "Asserted and not negated: the events tables count", f"{CSV_TRUE}/{CSV_FALSE} in CSV, 1/0 in .dta"),
    "verb_text": Column("string", "The verb phrase that carried the event", "text"),
    "rule": Column("string", "Verb-dictionary pattern that produced the code", "pattern id"),
    "source_rule": Column("string", "Dictionary entry or step that found the source actor", "text"),
    "target_rule": Column("string", "Dictionary entry or step that found the target actor", "text"),
    "source_path": Column("string", "Where in the sentence the source was found", "subject, object, agent, prep, …, last-resort"),
    "target_path": Column("string", "Where in the sentence the target was found", "as source_path"),
    "role_confidence": Column("string", "low when a role came from the last-resort search", "high, low"),
    "intended_code": Column("string", "For an intent (03x) or threat (13x): the code of the act announced", "CAMEO code or empty"),
    "background": Column("boolean", "An earlier event mentioned in passing, not the story's news", f"{CSV_TRUE}/{CSV_FALSE} in CSV, 1/0 in .dta"),
    "action_place": Column("string", "Where the event happened, as named in the text", "text or empty"),
    "action_country": Column("string", "Country of action_place", "alpha-3 code or empty"),
    "action_lat": Column("float", "Latitude of action_place", "-90 to 90 or missing"),
    "action_lon": Column("float", "Longitude of action_place", "-180 to 180 or missing"),
    "geo_precision": Column("string", "How precise action_place is", "country, region, city or empty"),
    "geo_method": Column("string", "Which rule found action_place", "text or empty"),
    "sentence": Column("string", "The sentence the event was coded from", "text"),
}

_COUNT = "integer"
#: The dyad × period tables of :mod:`eventcode.tables`; root_01 … root_20 and quad_0 … quad_4 share one entry each.
TABLE_COLUMN_DOCS: dict[str, Column] = {
    "dyad": Column("string", "Panel id of the pair of countries (A-B, alphabetical)", "AAA-BBB"),
    "source_country": Column("string", "Directed tables: the country that acts", "country code"),
    "target_country": Column("string", "Directed tables: the country acted upon", "country code"),
    "country_a": Column("string", "Undirected tables: first country of the pair (alphabetical); events both ways", "country code"),
    "country_b": Column("string", "Undirected tables: second country of the pair", "country code"),
    "period": Column("string", "The period: 2020, 2020Q3 or 2020-09", "year, quarter or month label"),
    "year": Column("integer", "Year of the period", "YYYY"),
    "period_start": Column("date", "First day of the period", "YYYY-MM-DD"),
    "events": Column(_COUNT, "Events that occurred in the period, after de-duplication", ">= 0"),
    "quad_N": Column(_COUNT, "Events of QuadClass N (gdelt 1-4: verbal coop., material coop., verbal conflict, material conflict; phoenix adds 0 neutral)", ">= 0"),
    "root_NN": Column(_COUNT, "Events whose CAMEO root is NN (01 make statement … 20 mass violence)", ">= 0"),
    "goldstein_sum": Column("float", "Sum of the events' Goldstein weights (net cooperation, weighted)", "real"),
    "goldstein_mean": Column("float", "goldstein_sum / events; missing when there are no events", "-10 to 10 or missing"),
    "cooperative": Column(_COUNT, "QuadClass 1 + 2 events", ">= 0"),
    "conflictual": Column(_COUNT, "QuadClass 3 + 4 events", ">= 0"),
    "net_cooperation": Column(_COUNT, "cooperative - conflictual", "integer"),
    "cooperative_share": Column("float", "cooperative / events; missing when there are no events", "0 to 1 or missing"),
    "duplicates_removed": Column(_COUNT, "Rows removed by de-duplication that this row would otherwise have counted (method in the .meta.json)", ">= 0"),
}


def describe(name: str, docs: dict[str, Column] | None = None) -> Column:
    """The entry for a column name, mapping quad_1 / root_04 to their shared entries."""
    docs = docs if docs is not None else {**TABLE_COLUMN_DOCS, **EVENT_COLUMN_DOCS}
    if name in docs:
        return docs[name]
    if name.startswith("quad_") and "quad_N" in docs:
        return docs["quad_N"]
    if name.startswith("root_") and "root_NN" in docs:
        return docs["root_NN"]
    return Column("string", "", "")


def dictionary_rows(names: Iterable[str], docs: dict[str, Column]) -> list[dict[str, str]]:
    """Rows for a data dictionary file: column, type, meaning, allowed_values."""
    return [{"column": n, "type": describe(n, docs).type, "meaning": describe(n, docs).meaning, "allowed_values": describe(n, docs).allowed} for n in names]
