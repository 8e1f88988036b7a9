"""Scoring coded events against gold standard records: the entry point.

Three steps, each usable on its own::

    from eventcode.evaluate import read_gold, run_gold, score
    gold = read_gold("gold.csv")                    # or .jsonl, or a PETRARCH validation .xml
    predicted = run_gold(EventCoder(), gold)        # {sentence id: [Event, ...]}; crashes recorded
    scores = score(gold, predicted)
    print(scores.summary())
    frames = scores.to_frames()                     # overall, per_root, confusion, misses, false_alarms

Gold comes in two formats:

* PETRARCH validation XML (``PETR.UnitTest.records.xml`` and its relatives), read by
  :func:`read_petrarch_xml` with a tolerant scanner: it does not need well-formed XML, and every
  record it cannot use is reported as a :class:`~eventcode.records.Problem` naming the line.
* eventcode's own CSV/JSONL format, one row per gold event (``docs/gold-format.md``), read by
  :func:`read_gold_csv` / :func:`read_gold_jsonl` and written by :func:`write_gold_csv` /
  :func:`write_gold_jsonl`.

Codes are always strings: ``'041'``, never ``41``.

Sentence-class gold (ConfliBERT's 5-way CAMEO classes, one class per sentence) is read by
:func:`read_class_gold` and scored by :func:`score_classes`: a sentence's predicted class is
the QuadClass of the first event coded in it.

This module runs the coder over gold and re-exports the pieces, which live by concern:
:mod:`eventcode.gold` (records, CSV/JSONL), :mod:`eventcode.petrarch_gold` (PETRARCH XML),
:mod:`eventcode.scoring` (matching, P/R/F1, per-root, misses and false alarms) and
:mod:`eventcode.class_scoring` (sentence classes).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .class_scoring import CLASS_NONE, ClassScore, ClassScores, parse_class_gold, read_class_gold, score_class_predictions
from .errors import InputError
from .gold import (
    CORE_COLUMNS,
    GOLD_COLUMNS,
    GoldEvent,
    GoldSentence,
    parse_gold_csv,
    parse_gold_jsonl,
    read_gold_csv,
    read_gold_jsonl,
    write_gold_csv,
    write_gold_jsonl,
)
from .petrarch_gold import PetrarchGold, parse_petrarch_xml, read_petrarch_xml
from .records import Problem
from .scoring import NONE_LABEL, ROOTS, DateMismatch, DateScore, FalseAlarm, LevelScore, Miss, ScoreFrames, Scores, score

#: A gold set the project wrote for its own sample corpus (data/corpus): shipped, so that
#: validation runs on a user's machine. Codings by the project, not by an outside annotator.
SAMPLE_GOLD = Path(__file__).parent / "resources" / "gold_sample_corpus.csv"

#: PETRARCH-2's published result on its own unit suite (279 scored records), quoted, not re-run.
PETRARCH2_REFERENCE = {"precision": 0.547, "recall": 0.332, "f1": 0.413, "crashes": 36}

if TYPE_CHECKING:
    from .pipeline import EventCoder, RunReport

log = logging.getLogger(__name__)

__all__ = [
    "CLASS_NONE",
    "CORE_COLUMNS",
    "GOLD_COLUMNS",
    "NONE_LABEL",
    "ROOTS",
    "DateMismatch",
    "DateScore",
    "FalseAlarm",
    "GoldEvent",
    "GoldRun",
    "GoldSentence",
    "LevelScore",
    "Miss",
    "ClassScore",
    "ClassScores",
    "PetrarchGold",
    "ScoreFrames",
    "Scores",
    "parse_class_gold",
    "parse_gold_csv",
    "parse_gold_jsonl",
    "parse_petrarch_xml",
    "read_class_gold",
    "read_gold",
    "read_gold_csv",
    "read_gold_jsonl",
    "read_petrarch_xml",
    "run_gold",
    "score",
    "score_class_predictions",
    "score_classes",
    "write_gold_csv",
    "write_gold_jsonl",
]


def read_gold(path: str | Path) -> list[GoldSentence]:
    """Gold sentences from ``.csv``, ``.jsonl``/``.ndjson`` or PETRARCH ``.xml``.

    For XML the skipped records and problems are logged; use :func:`read_petrarch_xml` to
    get them as data.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return read_gold_csv(p)
    if suffix in (".jsonl", ".ndjson"):
        return read_gold_jsonl(p)
    if suffix == ".xml":
        gold = read_petrarch_xml(p)
        for problem in gold.problems:
            log.warning("%s", problem)
        return list(gold.sentences)
    raise InputError(f"{p}: unsupported gold file type {suffix!r} (use .csv, .jsonl or PETRARCH .xml)")


class GoldRun(dict):
    """``{sentence id: [Event, ...]}`` from :func:`run_gold`, plus ``crashes``: one
    :class:`Problem` per record the coder failed on (its id maps to ``[]``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.crashes: list[Problem] = []


def run_gold(coder: EventCoder, gold: Sequence[GoldSentence], *, report: RunReport | None = None) -> GoldRun:
    """Code every gold text with ``coder.code_text(text, date, article_id=id)``.

    An exception in one record is caught: the record maps to ``[]``, and a Problem with its
    id and the message is added to ``.crashes`` (and to ``report.problems`` if given); the run
    goes on. :func:`score` picks the crashes up from the returned mapping.
    """
    out = GoldRun()
    for s in gold:
        try:
            events = list(coder.code_text(s.text, s.date, article_id=s.id))
        except Exception as exc:  # one bad record must not end the evaluation
            log.warning("coding gold record %s failed: %s: %s", s.id, exc.__class__.__name__, exc)
            out.crashes.append(Problem(where=s.origin or s.id, reason=f"coder error: {exc.__class__.__name__}: {exc}", article_id=s.id))
            events = []
        out[s.id] = events
        if report is not None:
            report.articles += 1
            report.events += len(events)
    if report is not None:
        report.problems.extend(out.crashes)
    return out


def score_classes(coder: EventCoder, rows: Sequence[tuple[str, int]], *, scheme: str = "phoenix") -> ClassScores:
    """Code each ``(sentence, class)`` row and score the sentence classes.

    A sentence's predicted class is the QuadClass (``scheme``; ConfliBERT's 5-way classes are
    the Phoenix scheme) of the first event eventcode codes in it that is not negated ("will not
    accept refugees" is no 075; modal and intended events count); a sentence with no event has no
    predicted class and counts against recall. Sentences are coded without a publication
    date. An event whose code the codebook lacks is passed over (logged).

    >>> rows = read_class_gold("cameo_class_train.tsv")  # doctest: +SKIP
    >>> print(score_classes(EventCoder(), rows).summary())  # doctest: +SKIP
    """
    from .codebook import QUAD_NAMES, load_codebook
    from .records import Article

    if scheme not in QUAD_NAMES:
        raise ValueError(f"unknown QuadClass scheme {scheme!r}; expected one of {tuple(QUAD_NAMES)}")
    rows = list(rows)
    for i, row in enumerate(rows):
        if not (isinstance(row, tuple) and len(row) == 2 and isinstance(row[0], str) and isinstance(row[1], int)):
            raise InputError(f"row {i + 1}: expected a (sentence, class) tuple of str and int, found {row!r}")
    gold = [c for _, c in rows]
    score_class_predictions(gold, [None] * len(gold), scheme=scheme)  # check the gold before coding
    codebook = load_codebook()
    first: dict[str, int] = {}
    unknown: Counter[str] = Counter()
    articles = [Article(id=str(i), text=sentence) for i, (sentence, _) in enumerate(rows)]
    for event in coder.code_articles(articles):
        if event.article_id in first or event.negated:
            continue
        if event.cameo_code not in codebook:
            unknown[event.cameo_code] += 1
            continue
        first[event.article_id] = codebook[event.cameo_code].quad_class(scheme)
    if unknown:
        log.warning("events with codes the codebook lacks were passed over: %s", dict(unknown))
    predicted = [first.get(str(i)) for i in range(len(rows))]
    return score_class_predictions(gold, predicted, scheme=scheme)
