"""The large cases of issue 12: memory as the number of events grows, and one huge article.

    python benchmarks/reliability.py rows 10000 50000 100000   # peak RSS flat in the number of events
    python benchmarks/reliability.py article 20                # one 20 MB article, with progress

Each case runs ``eventcode.pipeline.code_to_csv`` in a process of its own (so that its peak
RSS is its own) with two worker processes, and prints a Markdown row: seconds, events, the
main process's peak RSS and the largest worker's.

``rows``: N JSONL records of one or two sentences each, built from a few hundred generated
sentences, so that the parse cache (warmed once, then read) keeps parsing out of the measure:
what grows with N is the events the main process handles. ``article``: one article of
generated paragraphs (varied by numbers and names so that no two parts are alike), parsed in
full without a warm cache. Texts are generated here; nothing is read from ../shared.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure the checkout's eventcode, not an installed one

ROOT = Path(__file__).resolve().parents[1]

ACTORS = ["India", "Japan", "China", "Pakistan", "France", "Germany", "Russia", "Brazil", "Iran", "Israel"]
VERBS = ["signed a defence pact with", "praised", "criticised", "accused", "met", "condemned", "thanked", "threatened", "visited", "urged"]
FILLER = ["The weather in the capital was mild for the season.", "Markets closed slightly higher after a quiet session.", "Officials said more details would follow later.", "The report ran to several hundred pages."]


def _sentence(rnd: random.Random, k: int) -> str:
    a, b = rnd.sample(ACTORS, 2)
    return f"{a} {rnd.choice(VERBS)} {b} on Tuesday, the {k}th such statement."


def _rows(n: int, folder: Path) -> Path:
    rnd = random.Random(12)
    pool = [_sentence(rnd, k) for k in range(300)]
    path = folder / "rows.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = " ".join(rnd.sample(pool, 1 + i % 2))
            fh.write(json.dumps({"id": f"r{i:07d}", "date": "2020-12-22", "text": text}) + "\n")
    return path


def _article(megabytes: float, folder: Path) -> Path:
    rnd = random.Random(7)
    target = int(megabytes * 1_000_000)
    paras, size, k = [], 0, 0
    while size < target:
        sentences = [_sentence(rnd, k + j) if j % 3 == 0 else rnd.choice(FILLER) + f" ({k + j})" for j in range(6)]
        para = " ".join(sentences)
        paras.append(para)
        size += len(para) + 2
        k += 6
    path = folder / "big.txt"
    path.write_text("date: 2020-12-22\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    return path


def _one(kind: str, size: float, folder: Path) -> dict:
    from eventcode.pipeline import EventCoder, code_to_csv

    src = folder / ("rows.jsonl" if kind == "rows" else "big.txt")
    cache = folder / "cache"
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    with EventCoder(cache=cache if kind == "rows" else None, n_process=2) as coder:
        report = code_to_csv([src], folder / "events.csv", coder=coder, progress=kind == "article")
    seconds = time.perf_counter() - t0
    return {
        "case": kind,
        "size": f"{int(size):,} rows" if kind == "rows" else f"{size:g} MB article",
        "articles": report.articles,
        "sentences": report.sentences,
        "events": report.events,
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rss_before_mb": round(start_rss / 1024),
        "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "problems": len(report.problems),
    }


def _warm(folder: Path) -> None:
    """Fill the parse cache for the rows (in a process of its own, so it adds nothing to the
    measured run's peak)."""
    from eventcode.pipeline import EventCoder, code_to_csv

    with EventCoder(cache=folder / "cache", n_process=2) as coder:
        code_to_csv([folder / "rows.jsonl"], folder / "warm.csv", coder=coder, progress=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["rows", "article", "_one_rows", "_one_article", "_warm"])
    parser.add_argument("sizes", nargs="+")
    args = parser.parse_args()
    if args.kind == "_warm":
        _warm(Path(args.sizes[0]))
        return
    if args.kind.startswith("_one_"):
        print(json.dumps(_one(args.kind.removeprefix("_one_"), float(args.sizes[0]), Path(args.sizes[1]))))
        return
    columns = ["case", "size", "articles", "sentences", "events", "seconds", "rss_before_mb", "peak_rss_mb", "worker_peak_rss_mb", "problems"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for size in map(float, args.sizes):
        with tempfile.TemporaryDirectory(prefix="eventcode-bench-") as tmp:
            folder = Path(tmp)
            if args.kind == "rows":
                _rows(int(size), folder)
                subprocess.run([sys.executable, __file__, "_warm", tmp], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
            else:
                _article(size, folder)
            out = subprocess.run([sys.executable, __file__, f"_one_{args.kind}", str(size), tmp], stdout=subprocess.PIPE, text=True, check=True, cwd=ROOT)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print("| " + " | ".join(str(row[c]) for c in columns) + " |", flush=True)


if __name__ == "__main__":
    main()
