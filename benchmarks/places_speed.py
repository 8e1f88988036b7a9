"""What finding places costs the coder, in one process: the same stories re-coded from a parse
cache, alternately with place finding on and off, in CPU seconds (steadier than wall-clock
time on a shared machine); the gazetteer's one-off build is reported apart.

    python benchmarks/places_speed.py --limit 1000          # Reuters-21578 (../shared)
    python benchmarks/places_speed.py --corpus data/corpus  # the sample corpus

End to end (parsing included), compare the ``eventcode`` and ``no-places`` modes of
``benchmarks/throughput.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure the checkout's eventcode, not an installed one

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    from throughput import _stories

    from eventcode import places
    from eventcode.pipeline import EventCoder

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=1000, help="number of stories with a body (0 = all)")
    ap.add_argument("--corpus", help="files or a folder eventcode reads, instead of Reuters-21578")
    ap.add_argument("--repeats", type=int, default=7, help="alternating runs per setting; the fastest counts")
    args = ap.parse_args()
    articles, _ = _stories(args.limit, args.corpus)
    t = time.process_time()
    places.load_gazetteer()
    build = time.process_time() - t
    with tempfile.TemporaryDirectory(prefix="eventcode-places-speed-") as cache:
        coder = EventCoder(cache=cache)
        parse = time.process_time()
        events = sum(1 for _ in coder.code_articles(articles))  # fills the parse cache
        parse = time.process_time() - parse
        locator = coder.coder.places
        best = {"on": float("inf"), "off": float("inf")}
        placed = 0
        for _ in range(args.repeats):
            for setting in ("off", "on"):
                coder.coder.places = locator if setting == "on" else None
                t = time.process_time()
                found = list(coder.code_articles(articles))
                best[setting] = min(best[setting], time.process_time() - t)
                if setting == "on":
                    placed = sum(1 for e in found if e.place is not None)
        coder.close()
    on, off = best["on"], best["off"]
    print(f"| stories | events | with a place | gazetteer build (s) | first run, parsing (s) | re-code, places on (s) | re-code, places off (s) | cost of places in re-coding | in the first run |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {len(articles)} | {events} | {placed} | {build:.2f} | {parse:.2f} | {on:.2f} | {off:.2f} | {on / off - 1:.1%} | {(on - off) / parse:.1%} (+ build {build / parse:.1%}) |")


if __name__ == "__main__":
    main()
