"""Throughput and memory of eventcode next to raw spaCy parsing, on Reuters-21578.

    python benchmarks/throughput.py --limit 1000

Each mode runs in its own process so that peak RSS is that mode's own. Prints a Markdown table
and the ratio of eventcode's throughput to raw ``nlp.pipe`` on the same text in the same run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _articles(limit: int):
    from reuters import iter_reuters

    from eventcode.records import Article

    return [a for a in iter_reuters(limit=limit) if isinstance(a, Article)]


def run_mode(mode: str, limit: int, batch_size: int) -> dict:
    from eventcode.corpus import prepare_text
    from eventcode.model import load_model
    from eventcode.pipeline import EventCoder, RunReport

    articles = _articles(limit)
    texts = [prepare_text(a.text) for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    t_load = time.perf_counter()
    coder = EventCoder(nlp=nlp) if mode == "eventcode" else None
    load_seconds = time.perf_counter() - t_load
    start = time.perf_counter()
    sentences = events = 0
    if mode == "spacy":
        for doc in nlp.pipe(texts, batch_size=batch_size):
            sentences += sum(1 for _ in doc.sents)
    else:
        report = RunReport()
        events = sum(1 for _ in coder.code_articles(articles, report=report, batch_size=batch_size))
        sentences = report.sentences
    seconds = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "stories": len(articles), "sentences": sentences, "words": words, "events": events, "seconds": round(seconds, 2), "setup_seconds": round(load_seconds, 2), "stories_per_s": round(len(articles) / seconds, 1), "sentences_per_s": round(sentences / seconds, 1), "words_per_s": round(words / seconds), "peak_rss_mb": round(rss_mb)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=1000, help="number of stories with a body")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=2, help="alternating runs per mode; the fastest is reported")
    ap.add_argument("--mode", choices=["spacy", "eventcode"], help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help="also write the table as Markdown here")
    args = ap.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.limit, args.batch_size)))
        return
    # Alternate the modes and keep each mode's fastest run, so that a burst of load on the
    # machine does not decide the ratio.
    best: dict[str, dict] = {}
    for _ in range(args.repeats):
        for mode in ("spacy", "eventcode"):
            proc = subprocess.run([sys.executable, __file__, "--mode", mode, "--limit", str(args.limit), "--batch-size", str(args.batch_size)], capture_output=True, text=True, check=True)
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            if mode not in best or r["seconds"] < best[mode]["seconds"]:
                best[mode] = r
    results = [best["spacy"], best["eventcode"]]
    cols = ["mode", "stories", "sentences", "words", "events", "seconds", "stories_per_s", "sentences_per_s", "words_per_s", "peak_rss_mb", "setup_seconds"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(r[c]) for c in cols) + " |" for r in results]
    ratio = results[1]["sentences_per_s"] / results[0]["sentences_per_s"]
    lines.append("")
    lines.append(f"eventcode / raw spaCy throughput (sentences/s, same text, same run): {ratio:.2f}")
    table = "\n".join(lines)
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
