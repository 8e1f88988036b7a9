"""How many of ConfliBERT's gold source and target spans the coder's roles recover.

    python benchmarks/conflibert_roles.py [--limit N]

The gold is ConfliBERT's CAMEO span data (``cameo_ner_train.txt``: one token and its BIO label
per line, ``S`` source, ``T`` target, a blank line between sentences; research data, read from
``../shared``, never copied). Each sentence is coded on its own. A gold span counts as recovered
when some coded event's source (for an S span) or target (for a T span) shares a content word
with it: the span marks the actor's phrase, the coder reports the words that named the actor.
Printed: recall of source and target spans, the share of coded roles that fall on a gold span of
the same kind, and which role path found the recovered ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure the checkout's eventcode, not an installed one

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "dev" / "conflibert" / "cameo_ner_train.txt"
_STOP = {"the", "a", "an", "of", "in", "on", "and", "'s", "its", "their", "his", "her", "to", "for", "by", "at", "with", "from"}


def read_spans(path: Path) -> list[tuple[str, list[set[str]], list[set[str]]]]:
    """(text, source spans, target spans), each span as its set of lower-case content words."""
    out = []
    words: list[str] = []
    labels: list[str] = []

    def flush() -> None:
        if not words:
            return
        spans: dict[str, list[set[str]]] = {"S": [], "T": []}
        current: list[str] = []
        kind = ""
        for w, lab in zip([*words, ""], [*labels, "O"]):
            if lab.startswith("I-") and kind == lab[2:]:
                current.append(w)
                continue
            if kind in spans and current:
                spans[kind].append(_content(current))
            current, kind = ([w], lab[2:]) if lab.startswith("B-") else ([], "")
        out.append((" ".join(words), [s for s in spans["S"] if s], [s for s in spans["T"] if s]))
        words.clear()
        labels.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        word, _, label = line.rpartition(" ")
        words.append(word)
        labels.append(label)
    flush()
    return out


def _content(tokens: list[str]) -> set[str]:
    return {w for t in tokens for w in re.findall(r"[\w.&'-]+", t.lower()) if w not in _STOP}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    if not args.gold.exists():
        sys.exit(f"{args.gold}: not found (the ConfliBERT span data lives in ../shared/dev/conflibert)")
    from eventcode.pipeline import EventCoder

    rows = read_spans(args.gold)[: args.limit or None]
    coder = EventCoder(cache=False)
    found = {"S": 0, "T": 0}
    total = {"S": 0, "T": 0}
    predicted = {"S": 0, "T": 0}
    on_gold = {"S": 0, "T": 0}
    paths: Counter[tuple[str, str]] = Counter()
    with_event = 0
    start = time.perf_counter()
    for text, sources, targets in rows:
        events = [e for e in coder.code_text(text, dt.date(2020, 1, 1)) if not e.negated]
        with_event += bool(events)
        for kind, gold, roles in (("S", sources, [e.source for e in events]), ("T", targets, [e.target for e in events])):
            words = [(_content(r.text.split()), r.path or "?") for r in dict.fromkeys(roles)]
            total[kind] += len(gold)
            predicted[kind] += len(words)
            for span in gold:
                hit = next((p for w, p in words if w & span), None)
                if hit is not None:
                    found[kind] += 1
                    paths[(kind, hit)] += 1
            on_gold[kind] += sum(1 for w, _ in words if any(w & span for span in gold))
    seconds = time.perf_counter() - start
    print(f"sentences: {len(rows)}; with an event: {with_event} ({with_event / max(len(rows), 1):.1%}); {len(rows) / seconds:.1f} sentences/s")
    for kind, name in (("S", "source"), ("T", "target")):
        recall = found[kind] / max(total[kind], 1)
        precision = on_gold[kind] / max(predicted[kind], 1)
        print(f"{name}: gold spans {total[kind]}, recovered {found[kind]} (recall {recall:.3f}); coded roles {predicted[kind]}, on a gold span {on_gold[kind]} (precision {precision:.3f})")
        for (k, path), n in sorted(paths.items(), key=lambda kv: -kv[1]):
            if k == kind:
                print(f"    via {path:<13} {n}")


if __name__ == "__main__":
    main()
