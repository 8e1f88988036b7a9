"""Development accuracy on ConfliBERT's CAMEO sentence classes (5-way), measured, not tuned to.

    python benchmarks/conflibert_dev.py

The gold class per sentence is ConfliBERT's 0 statement/appeal (CAMEO 01–02), 1 verbal
cooperation (03–05), 2 material cooperation (06–08), 3 verbal conflict (09–13, 16),
4 material conflict (14, 15, 17–20) — the Phoenix QuadClass scheme, which the class examples
confirm (protests are 4, rejections 3). A sentence's predicted class is the Phoenix QuadClass of
the first event eventcode codes in it; a sentence with no event is "none" (counts against recall).
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "dev" / "conflibert" / "cameo_class_train.tsv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()
    from eventcode.codebook import load_codebook
    from eventcode.pipeline import EventCoder
    from eventcode.records import Article

    rows = []
    with args.gold.open(encoding="utf-8") as fh:
        for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(r) == 2 and r[1].strip().isdigit():
                rows.append((r[0], int(r[1])))
    rows = rows[: args.limit] if args.limit else rows
    coder = EventCoder()
    cb = load_codebook()
    articles = [Article(id=str(i), text=s) for i, (s, _) in enumerate(rows)]
    first: dict[str, int] = {}
    for e in coder.code_articles(articles):
        first.setdefault(e.article_id, cb[e.cameo_code].quad_phoenix)
    pred = [first.get(str(i)) for i in range(len(rows))]
    gold = [g for _, g in rows]
    print(f"sentences: {len(rows)}; with an event: {sum(p is not None for p in pred)} ({sum(p is not None for p in pred) / len(rows):.1%})")
    print("class | gold | predicted | correct | precision | recall | F1")
    tp_all = 0
    for c in range(5):
        g = sum(1 for x in gold if x == c)
        p = sum(1 for x in pred if x == c)
        tp = sum(1 for x, y in zip(pred, gold) if x == c and y == c)
        tp_all += tp
        prec = tp / p if p else 0.0
        rec = tp / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{c} | {g} | {p} | {tp} | {prec:.3f} | {rec:.3f} | {f1:.3f}")
    n_pred = sum(p is not None for p in pred)
    micro_p = tp_all / n_pred if n_pred else 0.0
    micro_r = tp_all / len(rows)
    micro_f = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    print(f"micro | {len(rows)} | {n_pred} | {tp_all} | {micro_p:.3f} | {micro_r:.3f} | {micro_f:.3f}")
    confusion = Counter((y, x) for x, y in zip(pred, gold))
    print("confusion (gold → predicted):", dict(sorted(confusion.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))))
    if args.show_errors:
        shown = 0
        for (s, g), p in zip(rows, pred):
            if p is not None and p != g and shown < args.show_errors:
                print(f"  gold {g} pred {p}: {s[:150]}")
                shown += 1


if __name__ == "__main__":
    main()
