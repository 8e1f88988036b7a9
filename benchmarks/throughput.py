"""Throughput and memory of eventcode next to raw spaCy parsing, on Reuters-21578 or any corpus.

    python benchmarks/throughput.py --limit 1000            # the README table
    python benchmarks/throughput.py --limit 0 --modes eventcode --n-process 2   # full corpus, memory
    python benchmarks/throughput.py --corpus ../shared/corpus/india_police_events/metadata.csv --limit 500

Modes, each in its own process (so that peak RSS is that mode's own), over the same stories:

    spacy       raw ``nlp.pipe`` over the article texts (the parser's speed)
    no-prescan  eventcode end to end, every sentence parsed, no cache
    eventcode   eventcode end to end with the actor pre-scan, filling a fresh parse cache
    recode      eventcode again from that cache (a dictionary change): no parsing
    no-places   as eventcode (its own fresh cache) with place finding off (EVENTCODE_PLACES=0)
    recode-no-places  as recode with place finding off: the two no-places modes give what
                finding places costs end to end and in the coder alone

Prints a Markdown table and the ratio of each eventcode mode's throughput to raw spaCy's (words
per second over the same stories: the two segment sentences slightly differently), all from the
same run. Peak RSS is the main process's; with ``--n-process`` > 1 the largest worker's
peak is given too. Stories without a body are reported, not silently dropped.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure the checkout's eventcode, not an installed one

sys.path.insert(0, str(Path(__file__).resolve().parent))

MODES = ("spacy", "no-prescan", "eventcode", "recode", "no-places", "recode-no-places")


def _stories(limit: int, corpus: str | None = None):
    """Reuters-21578 by default, or any files and folders eventcode reads (``--corpus``)."""
    from reuters import iter_reuters

    from eventcode.corpus import iter_corpus
    from eventcode.records import Article

    if corpus:
        articles, problems = [], []
        for item in iter_corpus([corpus]):
            if isinstance(item, Article):
                if limit and len(articles) >= limit:
                    break
                articles.append(item)
            else:
                problems.append(item)
        return articles, problems
    items = list(iter_reuters(limit=limit or None))
    return [a for a in items if isinstance(a, Article)], [p for p in items if not isinstance(p, Article)]


def run_mode(mode: str, limit: int, n_process: int, cache_dir: str, corpus: str | None = None) -> dict:
    from eventcode.corpus import prepare_text
    from eventcode.model import load_model
    from eventcode.pipeline import EventCoder, RunReport

    if mode in ("no-places", "recode-no-places"):
        import os

        from eventcode.places import ENV_SWITCH

        os.environ[ENV_SWITCH] = "0"
        if mode == "no-places":
            cache_dir = str(Path(cache_dir) / "no-places")  # a fresh cache of its own, removed with the run's
    articles, problems = _stories(limit, corpus)
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_model()
    t0 = time.perf_counter()
    coder = None
    if mode != "spacy":
        coder = EventCoder(nlp=nlp, prescan=mode != "no-prescan", cache=cache_dir if mode in ("eventcode", "recode", "no-places", "recode-no-places") else None, n_process=n_process)
    setup = time.perf_counter() - t0
    start = time.perf_counter()
    events = skipped = parsed = 0
    if coder is None:
        texts = (prepare_text(a.text) for a in articles)
        sentences = sum(sum(1 for _ in doc.sents) for doc in nlp.pipe(texts, batch_size=64, n_process=n_process))
        parsed = sentences
    else:
        report = RunReport()
        events = sum(1 for _ in coder.code_articles(articles, report=report))
        coder.close()
        sentences, skipped, parsed = report.sentences, report.sentences_skipped, report.sentences_parsed
        problems += report.problems
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "mode": mode,
        "n_process": n_process,
        "stories": len(articles),
        "sentences": sentences,
        "skipped": skipped,
        "parsed": parsed,
        "words": words,
        "events": events,
        "seconds": round(seconds, 2),
        "sentences_per_s": round(sentences / seconds, 1),
        "words_per_s": round(words / seconds),
        "peak_rss_mb": round(own),
        "worker_peak_rss_mb": round(children) if n_process > 1 else "",
        "setup_seconds": round(setup, 2),
        "problems": len(problems),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=1000, help="number of stories with a body (0 = all)")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=1, help="alternating runs per mode; the fastest is reported")
    ap.add_argument("--modes", default=",".join(MODES), help="comma-separated subset of " + ", ".join(MODES))
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help="also write the table as Markdown here")
    ap.add_argument("--corpus", help="files or a folder eventcode reads, instead of Reuters-21578")
    args = ap.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.limit, args.n_process, args.cache_dir, args.corpus)))
        return
    modes = [m for m in args.modes.split(",") if m]
    if any(m in modes and "eventcode" not in modes for m in ("recode", "recode-no-places")):
        ap.error("recode needs the eventcode mode (it fills the cache)")
    best: dict[str, dict] = {}
    for _ in range(args.repeats):
        # Alternate the modes and keep each mode's fastest run, so that a burst of load on the
        # machine does not decide a ratio. Each repeat starts from an empty cache.
        with tempfile.TemporaryDirectory(prefix="eventcode-bench-cache-") as cache_dir:
            for mode in modes:
                cmd = [sys.executable, __file__, "--mode", mode, "--limit", str(args.limit), "--n-process", str(args.n_process), "--cache-dir", cache_dir]
                cmd += ["--corpus", args.corpus] if args.corpus else []
                proc = subprocess.run(cmd, capture_output=True, text=True)
                if proc.returncode:
                    sys.exit(f"mode {mode} failed:\n{proc.stderr[-3000:]}")
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                if mode not in best or r["seconds"] < best[mode]["seconds"]:
                    best[mode] = r
    results = [best[m] for m in modes]
    cols = ["mode", "n_process", "stories", "sentences", "skipped", "parsed", "words", "events", "seconds", "sentences_per_s", "words_per_s", "peak_rss_mb", "worker_peak_rss_mb", "setup_seconds", "problems"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(r[c]) for c in cols) + " |" for r in results]
    if "spacy" in best:
        lines.append("")
        base = best["spacy"]["words_per_s"]
        for m in modes:
            if m != "spacy":
                lines.append(f"- {m} / raw spaCy throughput (words/s over the same stories, same run): {best[m]['words_per_s'] / base:.2f}")
    for on, off in (("eventcode", "no-places"), ("recode", "recode-no-places")):
        if on in best and off in best:
            cost = 1 - best[on]["words_per_s"] / best[off]["words_per_s"]
            lines.append(f"- place finding costs {cost:.1%} of {on} throughput ({best[on]['words_per_s']} vs {best[off]['words_per_s']} words/s without it, same run)")
    if "eventcode" in best:
        r = best["eventcode"]
        lines.append(f"- sentences skipped by the pre-scan: {r['skipped']} of {r['sentences']} ({r['skipped'] / max(1, r['sentences']):.1%})")
    table = "\n".join(lines)
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
