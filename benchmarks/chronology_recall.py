"""Chronology recall on the sample corpus: is each report's own event among the coded events?

    python benchmarks/chronology_recall.py [--show-misses N]

Every report in ``data/corpus`` names in its ``url`` the public source of the chronology entry it
was written from (``../shared/reference/india_japan_chronology.csv``, column ``source_url``). A
report counts as recalled when some *occurred* event coded from it has

- the entry's initiator as source country and its counterpart as target country (either
  direction for entries whose kind ends in "(joint)"),
- a CAMEO root that the entry's kind admits (``KIND_ROOTS`` below: our reading of each kind in
  CAMEO terms, several roots where CAMEO offers several codings of one fact), and
- a date that agrees with the entry's at the entry's precision: the event's own span lies inside
  the entry's day, month or year (an event dated "this week" also fits a day inside that week).

Several entries can share a source URL; the candidates are the day-precision entries 0–3 days
before the publication date, nearest first (the corpus dates each report on its event's day or
1–3 days after), else the entries whose date is nearest it; any candidate counts. The script also prints the share of coded events whose date is only the
publication date (``date_method == "publication"``). It skips cleanly without ``../shared``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure the checkout's eventcode, not an installed one

ROOT = Path(__file__).resolve().parents[1]
CHRONOLOGY = ROOT.parent / "shared" / "reference" / "india_japan_chronology.csv"
CORPUS = ROOT / "data" / "corpus"

# Chronology kind → CAMEO roots that code it (an "occurred" event of the initiator).
KIND_ROOTS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "agreement": "03 05",
    "agreement (joint)": "03 05",
    "agreement in force (joint)": "05 06",
    "agreement signed (joint)": "05",
    "aid offer": "03 07",
    "ambassador recalled": "16",
    "announcement": "01 03",
    "appeal": "02 10",
    "appeal for restraint": "02",
    "assurance": "01 03",
    "ceremonial welcome": "04",
    "ceremony (joint)": "01 05 06",
    "counter-terrorism talks (joint)": "04",
    "courtesy call": "04",
    "criticism": "11",
    "defence dialogue (joint)": "04",
    "diplomatic protest": "11 16",
    "economic dialogue (joint)": "04",
    "envoy visit": "04",
    "expression of support": "05",
    "expression of sympathy": "01",
    "goodwill gesture": "01 04",
    "initiative launched (joint)": "03 05 06",
    "investment pledge": "03 06 07",
    "invitation": "02 03",
    "joint criticism": "01 03 04 05",
    "joint military exercise": "06",
    "loan or aid": "03 05 07",
    "loan terms dispute": "10 11 12 16",
    "meeting": "04",
    "military planning talks (joint)": "04 06",
    "ministerial talks (joint)": "04",
    "ministerial visit": "04",
    "multilateral grouping (joint)": "04 05 06",
    "multilateral meeting (joint)": "04",
    "negotiations (joint)": "03 04",
    "negotiations concluded (joint)": "03 04 05",
    "partnership upgrade (joint)": "05 06",
    "phone call": "04",
    "phone call (joint)": "04",
    "policy signal": "01 03 08",
    "policy speech": "01",
    "postponement": "16 12",
    "procurement dispute": "11 12 16",
    "project review": "01 11 12 16",
    "public protest": "14",
    "rebuttal": "01 11 12",
    "rejection": "12",
    "sanction": "16",
    "sanction lifted": "08",
    "security dialogue (joint)": "04",
    "state visit": "04",
    "statement": "01 02 05 11",
    "summit meeting (joint)": "04",
    "summit visit": "04",
    "suspension of negotiations": "12 16",
    "track-two dialogue": "04",
    "trade consultations (joint)": "04",
    "trade dispute": "10 11 12 16",
    "trade dispute ruling": "10 11 12 16",
    "trade restriction": "12 16",
    "trilateral dialogue (joint)": "04",
    "warning": "01 11 13",
    "withdrawal from trade talks": "12 16",
}.items()}


def span(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    """First and last day a date denotes at its precision."""
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if precision == "month":
        nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return day.replace(day=1), nxt - dt.timedelta(days=1)
    if precision == "week":
        return day, day + dt.timedelta(days=6)
    return day, day


def date_fits(event_date: dt.date | None, event_precision: str, entry: dt.date, entry_precision: str) -> bool:
    if event_date is None:
        return False
    lo, hi = span(event_date, event_precision)
    elo, ehi = span(entry, entry_precision)
    return elo <= lo and hi <= ehi or event_precision == "week" and entry_precision == "day" and lo <= entry <= hi


def read_chronology(path: Path) -> list[dict]:
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        parts = [int(x) for x in r["date"].split("-")]  # 2005, 2005-04 or 2005-04-29
        r["day"] = dt.date(parts[0], *(parts[1:] + [1, 1])[:2])
        r["urls"] = set(r["source_url"].split())
        if r["kind"] not in KIND_ROOTS:
            raise SystemExit(f"{path}: kind {r['kind']!r} has no CAMEO roots in KIND_ROOTS")
    return rows


def entries_for(article, chronology: list[dict]) -> list[dict]:
    """The chronology rows the report's url names, nearest its publication date."""
    rows = [r for r in chronology if article.url in r["urls"]]
    if not rows:
        return []

    def distance(r: dict) -> int:
        lo, hi = span(r["day"], r["date_precision"])
        pub = article.date
        return 0 if lo <= pub <= hi else min(abs((pub - lo).days), abs((pub - hi).days))

    # the corpus dates a report on its event's day or 1-3 days after: such a day entry is the one
    exact = [r for r in rows if r["date_precision"] == "day" and 0 <= (article.date - r["day"]).days <= 3]
    if exact:
        nearest = min((article.date - r["day"]).days for r in exact)
        return [r for r in exact if (article.date - r["day"]).days == nearest]
    best = min(map(distance, rows))
    return [r for r in rows if distance(r) == best]


def recalled(entry: dict, events) -> bool:
    joint = entry["kind"].endswith("(joint)")
    roots = KIND_ROOTS[entry["kind"]]
    for e in events:
        if not e.occurred or e.cameo_code[:2] not in roots:
            continue
        pair = (e.source.country, e.target.country)
        if pair != (entry["initiator"], entry["counterpart"]) and not (joint and pair == (entry["counterpart"], entry["initiator"])):
            continue
        if date_fits(e.date.date, e.date.precision, entry["day"], entry["date_precision"]):
            return True
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--chronology", type=Path, default=CHRONOLOGY)
    ap.add_argument("--show-misses", type=int, default=0, help="print this many reports whose event was not recalled")
    args = ap.parse_args()
    if not args.chronology.exists():
        print(f"skipped: {args.chronology} not found (../shared is not available)")
        return 0
    from eventcode.corpus import read_corpus
    from eventcode.pipeline import EventCoder

    chronology = read_chronology(args.chronology)
    articles, problems = read_corpus([args.corpus])
    coder = EventCoder()
    by_article: dict[str, list] = {a.id: [] for a in articles}
    for e in coder.code_articles(articles):
        by_article[e.article_id].append(e)
    linked = hits = 0
    misses = []
    for a in articles:
        entries = entries_for(a, chronology)
        if not entries:
            continue
        linked += 1
        if any(recalled(r, by_article[a.id]) for r in entries):
            hits += 1
        else:
            misses.append((a, entries))
    events = [e for es in by_article.values() for e in es]
    methods = Counter(e.date.method for e in events)
    background = sum(getattr(e, "background", False) for e in events)
    print(f"reports: {len(articles)}, linked to a chronology entry: {linked}, problems: {len(problems)}")
    print(f"chronology recall: {hits}/{linked} = {hits / max(linked, 1):.1%} (target >= 85%)")
    print(f"events: {len(events)}, occurred: {sum(e.occurred for e in events)}, background: {background}")
    print(f"dated only by the publication date: {methods['publication']}/{len(events)} = {methods['publication'] / max(len(events), 1):.1%}")
    print("date methods:", dict(sorted(methods.items())))
    for a, entries in misses[: args.show_misses]:
        r = entries[0]
        got = sorted({(e.source.country, e.target.country, e.cameo_code, e.date.iso(), e.mood) for e in by_article[a.id] if e.source.country and e.target.country})
        print(f"- {a.id} [{r['date']} {r['initiator']}->{r['counterpart']} {r['kind']}] coded: {got[:6]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
