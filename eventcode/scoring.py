"""Scoring coded events against gold: multiset matching at three levels (exact, root,
country), the per-root table, the root confusion, date accuracy, and the misses and false
alarms a dictionary author reads (:func:`score` → :class:`Scores`).

Pure arithmetic over :class:`~eventcode.gold.GoldSentence` and :class:`~eventcode.records.Event`:
nothing here runs the coder (that is :func:`eventcode.evaluate.run_gold`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import InputError
from .gold import GoldSentence
from .records import Event, Problem

if TYPE_CHECKING:
    import pandas as pd

#: The CAMEO roots, always listed in the per-root table (other roots seen in gold or
#: predictions, such as PETRARCH's test-only ``34``/``80``/``90``/``91``, follow them).
ROOTS: tuple[str, ...] = tuple(f"{r:02d}" for r in range(1, 21))

#: The confusion-table label of an event on one side only (gold or predicted).
NONE_LABEL = "(none)"


def ratio(num: int, den: int) -> float:
    """``num / den``, or ``nan`` when nothing was counted (an undefined precision is not 0)."""
    return num / den if den else math.nan


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean; ``nan`` when either is undefined, 0 when both are 0."""
    if math.isnan(precision) or math.isnan(recall):
        return math.nan
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True, slots=True)
class LevelScore:
    """True positives, false positives and false negatives, with P/R/F1 (``nan`` when undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def __add__(self, other: LevelScore) -> LevelScore:
        return LevelScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class DateScore:
    """Exactly matched events whose gold has a date: how many, and how many the coder dated right."""

    n: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return ratio(self.correct, self.n)


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold event the coder did not produce (exact level).

    ``hint`` says what came closest: ``right actors, wrong code (same root)``, ``right actors,
    wrong code``, ``right code, wrong actor``, ``coder crashed`` or ``nothing close``;
    ``predicted`` lists the unmatched predictions in the same sentence.
    """

    id: str
    text: str
    source: str
    target: str
    code: str
    date: str
    origin: str
    hint: str
    predicted: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FalseAlarm:
    """A predicted event that is not in the gold (exact level), with the rule that produced it."""

    id: str
    text: str
    source: str
    target: str
    code: str
    rule: str
    event: Event
    hint: str
    gold: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DateMismatch:
    """A correctly coded event whose predicted date does not agree with the gold date."""

    id: str
    source: str
    target: str
    code: str
    gold_date: str
    predicted_date: str
    method: str
    date_text: str


class ScoreFrames(NamedTuple):
    """The tables of :meth:`Scores.to_frames`; unpack them, or index by name (``frames["misses"]``)."""

    overall: pd.DataFrame
    per_root: pd.DataFrame
    confusion: pd.DataFrame
    misses: pd.DataFrame
    false_alarms: pd.DataFrame

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            if key not in self._fields:
                raise KeyError(f"{key!r}; the frames are {', '.join(self._fields)}")
            return getattr(self, key)
        return tuple.__getitem__(self, key)

    def keys(self) -> tuple[str, ...]:
        return self._fields

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return list(zip(self._fields, self))


@dataclass(frozen=True)
class Scores:
    """Everything :func:`score` measured. ``summary()`` for reading, ``to_frames()`` for pandas."""

    sentences: int
    sentences_correct: int
    exact: LevelScore
    root: LevelScore
    country: LevelScore
    per_root: dict[str, LevelScore]
    confusion: dict[tuple[str, str], int]
    dates: DateScore
    misses: tuple[Miss, ...]
    false_alarms: tuple[FalseAlarm, ...]
    date_mismatches: tuple[DateMismatch, ...] = ()
    crashes: tuple[Problem, ...] = ()
    unscored_ids: tuple[str, ...] = ()
    unpredicted_ids: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def levels(self) -> dict[str, LevelScore]:
        return {"exact": self.exact, "root": self.root, "country": self.country}

    def summary(self, *, top: int = 10) -> str:
        """A plain-text report: overall P/R/F1, dates, per-root table, the rules with most false alarms."""

        def pct(x: float) -> str:
            return "   n/a" if math.isnan(x) else f"{100 * x:5.1f}%"

        lines = [
            f"{self.sentences} gold sentences, {self.exact.gold} gold events, {self.exact.predicted} predicted events"
            + (f", {len(self.crashes)} coder crashes" if self.crashes else ""),
            f"sentences coded exactly right: {self.sentences_correct}/{self.sentences}" + (f" ({pct(self.sentences_correct / self.sentences).strip()})" if self.sentences else ""),
            "",
            f"{'level':<9}{'gold':>6}{'pred':>6}{'tp':>6}{'fp':>6}{'fn':>6}  {'precision':>9}  {'recall':>7}  {'F1':>7}",
        ]
        described = {"exact": "exact", "root": "root", "country": "country"}
        for name, s in self.levels.items():
            lines.append(f"{described[name]:<9}{s.gold:>6}{s.predicted:>6}{s.tp:>6}{s.fp:>6}{s.fn:>6}  {pct(s.precision):>9}  {pct(s.recall):>7}  {pct(s.f1):>7}")
        lines.append("  exact = (source, target, code); root = (source, target, first two digits); country = (source[:3], target[:3], root)")
        if self.dates.n:
            lines.append(f"event dates: {self.dates.correct}/{self.dates.n} matched events with a gold date dated right ({pct(self.dates.accuracy).strip()})")
        else:
            lines.append("event dates: no matched event has a gold date")
        rows = [(r, s) for r, s in self.per_root.items() if s.gold or s.predicted]
        if rows:
            lines += ["", f"{'root':<6}{'gold':>6}{'pred':>6}{'tp':>6}{'fp':>6}{'fn':>6}  {'precision':>9}  {'recall':>7}  {'F1':>7}"]
            for r, s in rows:
                lines.append(f"{r:<6}{s.gold:>6}{s.predicted:>6}{s.tp:>6}{s.fp:>6}{s.fn:>6}  {pct(s.precision):>9}  {pct(s.recall):>7}  {pct(s.f1):>7}")
        if self.false_alarms:
            by_rule = Counter(f.rule or "(no rule)" for f in self.false_alarms)
            lines += ["", f"false alarms by rule (top {min(top, len(by_rule))} of {len(by_rule)}):"]
            lines += [f"  {n:>4}  {rule}" for rule, n in by_rule.most_common(top)]
        if self.misses:
            hints = Counter(m.hint for m in self.misses)
            lines += ["", "misses: " + ", ".join(f"{n} {h}" for h, n in hints.most_common())]
        if self.crashes:
            lines += ["", "coder crashes:"] + [f"  {c}" for c in self.crashes[:top]]
        if self.unscored_ids:
            lines += ["", f"{len(self.unscored_ids)} predicted id(s) not in the gold were ignored (e.g. {self.unscored_ids[0]!r})"]
        if self.unpredicted_ids:
            lines += [f"{len(self.unpredicted_ids)} gold id(s) had no predictions at all (scored as coding nothing, e.g. {self.unpredicted_ids[0]!r})"]
        return "\n".join(lines)

    def to_frames(self) -> ScoreFrames:
        """``overall``, ``per_root``, ``confusion``, ``misses``, ``false_alarms`` as DataFrames.

        ``overall``: one row per level (exact, root, country) with gold, predicted, tp, fp, fn,
        precision, recall, f1; its ``attrs`` hold the sentence counts and date accuracy.
        ``per_root``: one row per root (``01``..``20`` always, then any other root seen), with
        the CAMEO root name. ``confusion``: gold root (rows) × predicted root (columns) counts,
        with ``(none)`` for an event on one side only. ``misses``/``false_alarms``: one row each,
        with sentence id and text; false alarms carry ``rule``, ``verb_text`` and the actor rules.
        """
        import pandas as pd

        from .codebook import load_codebook

        def level_row(name: str, s: LevelScore) -> dict[str, Any]:
            return {"level": name, "gold": s.gold, "predicted": s.predicted, "tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision, "recall": s.recall, "f1": s.f1}

        overall = pd.DataFrame([level_row(n, s) for n, s in self.levels.items()])
        overall.attrs.update(
            {
                "sentences": self.sentences,
                "sentences_correct": self.sentences_correct,
                "dated_matches": self.dates.n,
                "dates_correct": self.dates.correct,
                "date_accuracy": self.dates.accuracy,
                "crashes": len(self.crashes),
            }
        )
        codebook = load_codebook()
        per_root = pd.DataFrame(
            [{"root": r, "name": codebook[r].name if r in codebook else "", **{k: v for k, v in level_row(r, s).items() if k != "level"}} for r, s in self.per_root.items()],
            columns=["root", "name", "gold", "predicted", "tp", "fp", "fn", "precision", "recall", "f1"],
        )
        per_root = per_root.astype({"root": "string", "name": "string"})
        labels_gold = sorted({g for g, _ in self.confusion} - {NONE_LABEL}) + [NONE_LABEL]
        labels_pred = sorted({p for _, p in self.confusion} - {NONE_LABEL}) + [NONE_LABEL]
        confusion = pd.DataFrame(0, index=pd.Index(labels_gold, name="gold_root"), columns=pd.Index(labels_pred, name="predicted_root"), dtype="int64")
        for (g, p), n in self.confusion.items():
            confusion.loc[g, p] = n
        misses = pd.DataFrame(
            [{"id": m.id, "source": m.source, "target": m.target, "code": m.code, "root": m.code[:2], "gold_date": m.date, "hint": m.hint, "predicted": "; ".join(m.predicted), "text": m.text, "origin": m.origin} for m in self.misses],
            columns=["id", "source", "target", "code", "root", "gold_date", "hint", "predicted", "text", "origin"],
        ).astype("string")
        false_alarms = pd.DataFrame(
            [
                {
                    "id": f.id,
                    "source": f.source,
                    "target": f.target,
                    "code": f.code,
                    "root": f.code[:2],
                    "rule": f.rule,
                    "verb_text": f.event.verb_text,
                    "source_text": f.event.source.text,
                    "target_text": f.event.target.text,
                    "source_rule": f.event.source.rule,
                    "target_rule": f.event.target.rule,
                    "event_date": f.event.date.iso(),
                    "mood": f.event.mood,
                    "negated": str(f.event.negated),
                    "hint": f.hint,
                    "gold": "; ".join(f.gold),
                    "sentence": f.event.sentence,
                    "text": f.text,
                }
                for f in self.false_alarms
            ],
            columns=["id", "source", "target", "code", "root", "rule", "verb_text", "source_text", "target_text", "source_rule", "target_rule", "event_date", "mood", "negated", "hint", "gold", "sentence", "text"],
        ).astype("string")
        return ScoreFrames(overall, per_root, confusion, misses, false_alarms)


# ------------------------------------------------------------------ normalisation

_NORMALISERS: dict[str, Callable[[str, str], str]] = {
    "upper": lambda code, kind: code.strip().upper(),
    "quotes": lambda code, kind: code.strip().strip("\"'").strip() if kind == "actor" else code,
    "root-padding": lambda code, kind: (code + "0") if kind == "event" and len(code) == 2 and code.isdigit() else code,
}


def _normaliser(normalise: Iterable[str] | str | Callable[[str, str], str] | None) -> tuple[Callable[[str, str], str], list[str]]:
    if normalise is None:
        return (lambda code, kind: code), []
    if callable(normalise):
        return normalise, [getattr(normalise, "__name__", "custom")]
    names = [normalise] if isinstance(normalise, str) else list(normalise)
    unknown = [n for n in names if n not in _NORMALISERS]
    if unknown:
        raise ValueError(f"unknown normalise option(s) {unknown}; expected any of {sorted(_NORMALISERS)} or a function (code, kind) -> code")
    steps = [_NORMALISERS[n] for n in names]

    def apply(code: str, kind: str) -> str:
        for step in steps:
            code = step(code, kind)
        return code

    return apply, names


def _date_ok(gold_date: str, predicted_iso: str) -> bool:
    """The prediction agrees with the gold at the gold's precision (a coarser prediction does not)."""
    return len(predicted_iso) >= len(gold_date) and predicted_iso[: len(gold_date)] == gold_date


def _match(gold_keys: list, pred_keys: list) -> tuple[list[int | None], list[int | None]]:
    """Multiset matching: pair each gold item with an unused equal predicted item, in order."""
    free: dict[Any, list[int]] = defaultdict(list)
    for j, k in enumerate(pred_keys):
        free[k].append(j)
    g2p: list[int | None] = [None] * len(gold_keys)
    p2g: list[int | None] = [None] * len(pred_keys)
    for i, k in enumerate(gold_keys):
        if free[k]:
            j = free[k].pop(0)
            g2p[i], p2g[j] = j, i
    return g2p, p2g


def score(
    gold: Sequence[GoldSentence],
    predicted: Mapping[str, Sequence[Event]],
    *,
    normalise: Iterable[str] | str | Callable[[str, str], str] | None = (),
    occurred_only: bool = False,
    crashes: Iterable[Problem] | None = None,
) -> Scores:
    """Score predicted events against gold, sentence by sentence, pooled over all sentences.

    ``predicted`` maps a gold sentence id to the events coded from its text (all sentences the
    parser found in it); ids missing from it count as coding nothing, predicted ids not in the
    gold are ignored (listed in ``Scores.unscored_ids``).

    Matching is by multiset per sentence: two identical gold events need two identical
    predictions. Three levels:

    * **exact**: ``(source code, target code, CAMEO code)``;
    * **root**: ``(source code, target code, root)``, root = the code's first two characters;
    * **country**: ``(source country, target country, root)``, country = the first three
      letters of the actor code (``---`` for an unknown country, as in ``---GOV``), or the
      gold's explicit ``source_country``/``target_country`` when given.

    Codes are compared as exact strings. ``normalise`` applies to gold and predicted codes
    alike before comparing: a list of named steps, in order —

    * ``"upper"``: strip spaces and upper-case every code;
    * ``"quotes"``: strip surrounding quotes from actor codes (PETRARCH's new-actor codes
      such as ``'"INJURY TOLL"'``);
    * ``"root-padding"``: read a two-digit event code as the root's base code (``"04"`` → ``"040"``);

    or a function ``(code, kind) -> code`` with ``kind`` ``"actor"`` or ``"event"``.

    ``occurred_only=True`` scores only events that occurred (asserted, not negated);
    by default every coded event counts, as in the events CSV.

    Also computed: the per-root table, the gold-root × predicted-root confusion for events
    with the same actors in the same sentence, event-date accuracy on exactly matched events
    whose gold has a date (the predicted ``date.iso()`` must equal the gold date at the gold's
    precision), and the misses and false alarms (exact level) with sentence id, text and, for
    false alarms, the rule that fired. ``crashes`` defaults to ``predicted.crashes`` (set by
    :func:`run_gold`).
    """
    norm, norm_names = _normaliser(normalise)
    if crashes is None:
        crashes = getattr(predicted, "crashes", ())
    crashes = tuple(crashes)
    crashed_ids = {c.article_id for c in crashes}

    seen: dict[str, str] = {}
    for s in gold:
        if s.id in seen:
            raise InputError(f"{s.origin or s.id}: duplicate gold id {s.id!r} (first at {seen[s.id] or 'an earlier record'}); predictions are matched to gold by id")
        seen[s.id] = s.origin

    tot = {"exact": LevelScore(), "root": LevelScore(), "country": LevelScore()}
    root_counts: dict[str, list[int]] = {r: [0, 0, 0] for r in ROOTS}
    confusion: Counter[tuple[str, str]] = Counter()
    date_n = date_ok = 0
    misses: list[Miss] = []
    false_alarms: list[FalseAlarm] = []
    date_mismatches: list[DateMismatch] = []
    sentences_correct = 0
    unpredicted: list[str] = []

    for s in gold:
        if s.id not in predicted:
            unpredicted.append(s.id)
        preds = [e for e in predicted.get(s.id, ()) if e.occurred or not occurred_only]
        g_src = [norm(e.source, "actor") for e in s.events]
        g_tgt = [norm(e.target, "actor") for e in s.events]
        g_code = [norm(e.code, "event") for e in s.events]
        g_sc = [norm(e.source_country, "actor") if e.source_country else src[:3] for e, src in zip(s.events, g_src)]
        g_tc = [norm(e.target_country, "actor") if e.target_country else tgt[:3] for e, tgt in zip(s.events, g_tgt)]
        p_src = [norm(e.source.code, "actor") for e in preds]
        p_tgt = [norm(e.target.code, "actor") for e in preds]
        p_code = [norm(e.cameo_code, "event") for e in preds]

        # exact level, pairing equal triples so that dates agree where they can
        g_exact = list(zip(g_src, g_tgt, g_code))
        p_exact = list(zip(p_src, p_tgt, p_code))
        g2p: list[int | None] = [None] * len(g_exact)
        p2g: list[int | None] = [None] * len(p_exact)
        free: dict[tuple, list[int]] = defaultdict(list)
        for j, k in enumerate(p_exact):
            free[k].append(j)
        order = sorted(range(len(g_exact)), key=lambda i: not s.events[i].date)  # dated gold first
        for i in order:
            cands = free[g_exact[i]]
            if not cands:
                continue
            gd = s.events[i].date
            pick = next((j for j in cands if gd and _date_ok(gd, preds[j].date.iso())), cands[0])
            cands.remove(pick)
            g2p[i], p2g[pick] = pick, i
        tp = sum(1 for j in g2p if j is not None)
        tot["exact"] += LevelScore(tp, len(p_exact) - tp, len(g_exact) - tp)
        if tp == len(g_exact) == len(p_exact):
            sentences_correct += 1

        for i, j in enumerate(g2p):
            gd = s.events[i].date
            if j is None or not gd:
                continue
            date_n += 1
            piso = preds[j].date.iso()
            if _date_ok(gd, piso):
                date_ok += 1
            else:
                d = preds[j].date
                date_mismatches.append(DateMismatch(s.id, g_src[i], g_tgt[i], g_code[i], gd, piso, d.method, d.text))

        # root level (and the per-root table)
        g_root = [(a, b, c[:2]) for a, b, c in g_exact]
        p_root = [(a, b, c[:2]) for a, b, c in p_exact]
        rg2p, rp2g = _match(g_root, p_root)
        rtp = sum(1 for j in rg2p if j is not None)
        tot["root"] += LevelScore(rtp, len(p_root) - rtp, len(g_root) - rtp)
        for i, j in enumerate(rg2p):
            r = g_root[i][2]
            root_counts.setdefault(r, [0, 0, 0])[0 if j is not None else 2] += 1
        for j, i in enumerate(rp2g):
            if i is None:
                root_counts.setdefault(p_root[j][2], [0, 0, 0])[1] += 1

        # country level
        g_cty = [(a, b, c[:2]) for a, b, c in zip(g_sc, g_tc, g_code)]
        p_cty = [(a[:3], b[:3], c[:2]) for a, b, c in p_exact]
        cg2p, _ = _match(g_cty, p_cty)
        ctp = sum(1 for j in cg2p if j is not None)
        tot["country"] += LevelScore(ctp, len(p_cty) - ctp, len(g_cty) - ctp)

        # confusion: same actors; same-root pairs first (the diagonal), then the rest in order
        g_actor = [(a, b) for a, b, _ in g_exact]
        p_actor = [(a, b) for a, b, _ in p_exact]
        unused_p = [j for j, i in enumerate(rp2g) if i is None]
        for i, j in enumerate(rg2p):
            if j is not None:
                confusion[(g_root[i][2], g_root[i][2])] += 1
        for i, j in enumerate(rg2p):
            if j is not None:
                continue
            partner = next((k for k in unused_p if p_actor[k] == g_actor[i]), None)
            if partner is None:
                confusion[(g_root[i][2], NONE_LABEL)] += 1
            else:
                unused_p.remove(partner)
                confusion[(g_root[i][2], p_root[partner][2])] += 1
        for k in unused_p:
            confusion[(NONE_LABEL, p_root[k][2])] += 1

        # misses and false alarms (exact level), with hints for the dictionary author
        left_p = [j for j, i in enumerate(p2g) if i is None]
        left_g = [i for i, j in enumerate(g2p) if j is None]
        left_p_str = tuple(" ".join(p_exact[j]) for j in left_p)
        left_g_str = tuple(" ".join(g_exact[i]) for i in left_g)
        for i in left_g:
            ev = s.events[i]
            if s.id in crashed_ids:
                hint = "coder crashed"
            else:
                hint = _hint(g_exact[i], [p_exact[j] for j in left_p])
            misses.append(Miss(s.id, s.text, g_src[i], g_tgt[i], g_code[i], ev.date, s.origin, hint, left_p_str))
        for j in left_p:
            e = preds[j]
            hint = _hint(p_exact[j], [g_exact[i] for i in left_g]) if left_g else ("gold says no events" if s.no_events else "no gold event left in this sentence")
            false_alarms.append(FalseAlarm(s.id, s.text, p_src[j], p_tgt[j], p_code[j], e.rule, e, hint, left_g_str))

    extra_roots = sorted(r for r in root_counts if r not in ROOTS)
    per_root = {r: LevelScore(*root_counts[r]) for r in (*ROOTS, *extra_roots)}
    gold_ids = set(seen)
    return Scores(
        sentences=len(gold),
        sentences_correct=sentences_correct,
        exact=tot["exact"],
        root=tot["root"],
        country=tot["country"],
        per_root=per_root,
        confusion=dict(sorted(confusion.items())),
        dates=DateScore(date_n, date_ok),
        misses=tuple(misses),
        false_alarms=tuple(false_alarms),
        date_mismatches=tuple(date_mismatches),
        crashes=crashes,
        unscored_ids=tuple(sorted(k for k in predicted if k not in gold_ids)),
        unpredicted_ids=tuple(unpredicted),
        options={"normalise": norm_names, "occurred_only": occurred_only},
    )


def _hint(item: tuple[str, str, str], others: list[tuple[str, str, str]]) -> str:
    """How close the nearest unmatched event on the other side comes to ``item``."""
    src, tgt, code = item
    if any((s, t) == (src, tgt) and c[:2] == code[:2] for s, t, c in others):
        return "right actors, wrong code (same root)"
    if any((s, t) == (src, tgt) for s, t, c in others):
        return "right actors, wrong code"
    if any((s, t) == (tgt, src) and c == code for s, t, c in others):
        return "right code, actors swapped"
    if any(c == code and (s == src or t == tgt) for s, t, c in others):
        return "right code, one actor wrong"
    if any(c == code for s, t, c in others):
        return "right code, wrong actors"
    return "nothing close"
