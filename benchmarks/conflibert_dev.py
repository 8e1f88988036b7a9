"""Development accuracy on ConfliBERT's CAMEO sentence classes (5-way), measured, not tuned to.

    python benchmarks/conflibert_dev.py

The gold class per sentence is ConfliBERT's 0 statement/appeal (CAMEO 01–02), 1 verbal
cooperation (03–05), 2 material cooperation (06–08), 3 verbal conflict (09–13, 16),
4 material conflict (14, 15, 17–20) — the Phoenix QuadClass scheme, which the class examples
confirm (protests are 4, rejections 3). A sentence's predicted class is the Phoenix QuadClass of
the first event eventcode codes in it; a sentence with no event is "none" (counts against recall).
The scoring is :func:`eventcode.evaluate.score_classes` (gold read by ``read_class_gold``).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure the checkout's eventcode, not an installed one

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "dev" / "conflibert" / "cameo_class_train.tsv"


def _num(x: float) -> str:
    return f"{0.0 if math.isnan(x) else x:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()
    from eventcode.evaluate import CLASS_NONE, read_class_gold, score_classes
    from eventcode.pipeline import EventCoder

    rows = read_class_gold(args.gold)
    rows = rows[: args.limit] if args.limit else rows
    scores = score_classes(EventCoder(), rows, scheme="phoenix")
    print(f"sentences: {scores.sentences}; with an event: {scores.with_event} ({scores.coverage:.1%})")
    print("class | gold | predicted | correct | precision | recall | F1")
    for c in (*scores.per_class, scores.micro):
        print(f"{c.label} | {c.gold} | {c.predicted} | {c.correct} | {_num(c.precision)} | {_num(c.recall)} | {_num(c.f1)}")
    confusion = {
        (g, None if p == CLASS_NONE else p): int(n)
        for g, row in scores.confusion.iterrows()
        for p, n in row.items()
        if n
    }
    print("confusion (gold → predicted):", dict(sorted(confusion.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))))
    if args.show_errors:
        shown = 0
        for (s, g), p in zip(rows, scores.predicted_classes):
            if p is not None and p != g and shown < args.show_errors:
                print(f"  gold {g} pred {p}: {s[:150]}")
                shown += 1


if __name__ == "__main__":
    main()
