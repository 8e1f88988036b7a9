"""Sentence-class gold and scores: ConfliBERT's 5-way CAMEO classes, one class per sentence.

A sentence's predicted class is the QuadClass of the first event coded in it; the arithmetic
here compares such classes with the gold ones (:func:`score_class_predictions`), and
:func:`eventcode.evaluate.score_classes` runs the coder to get them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .gold import read_gold_text
from .scoring import f1_score, ratio

if TYPE_CHECKING:
    import pandas as pd

#: The label of "no event coded in this sentence" in :class:`ClassScores` (confusion column).
CLASS_NONE = "none"

_CLASS_HEADER = {"class", "label", "quad_class", "quadclass"}


def read_class_gold(path: str | Path) -> list[tuple[str, int]]:
    """``(sentence, class)`` rows from a TSV file ``sentence<TAB>class`` (ConfliBERT's
    ``cameo_class_train.tsv``).

    The class is a non-negative integer; in ConfliBERT's data it is the Phoenix QuadClass
    (0 statement/appeal, CAMEO 01–02; 1 verbal cooperation, 03–05; 2 material cooperation,
    06–08; 3 verbal conflict, 09–13 and 16; 4 material conflict, 14, 15 and 17–20). Blank lines
    are skipped and a header line (``sentence<TAB>class`` or ``text<TAB>label``) is allowed.
    Fields are taken literally (no CSV quoting), so quotes in a sentence stay as written.

    Raises :class:`InputError` naming the file and line of the first malformed row.
    """
    text, name = read_gold_text(path)
    return parse_class_gold(text, origin=name)


def parse_class_gold(text: str, origin: str = "<string>") -> list[tuple[str, int]]:
    """``(sentence, class)`` rows from TSV text; ``origin`` names it in errors (``origin:line``)."""
    rows: list[tuple[str, int]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        fields = line.split("\t")
        if len(fields) != 2:
            found = "no tab" if len(fields) == 1 else f"{len(fields)} tab-separated fields"
            raise InputError(f"{where}: malformed row: expected 'sentence<TAB>class', found {found}")
        sentence, label = fields[0].strip(), fields[1].strip()
        if not rows and label.lower() in _CLASS_HEADER and not label.isdigit():
            continue  # a header line
        if not label.isdigit():
            raise InputError(f"{where}: class {label!r} is not a non-negative integer (expected e.g. 0-4)")
        if not sentence:
            raise InputError(f"{where}: empty sentence")
        rows.append((sentence, int(label)))
    if not rows:
        raise InputError(f"{origin}: no 'sentence<TAB>class' rows")
    return rows


@dataclass(frozen=True, slots=True)
class ClassScore:
    """One class (or ``"micro"`` for all classes pooled): sentences with that gold class,
    sentences predicted as it, and sentences both; P/R/F1 are ``nan`` when undefined."""

    label: int | str
    name: str
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.correct, self.gold)

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)


@dataclass(frozen=True, eq=False)
class ClassScores:
    """What :func:`score_classes` measured.

    Attributes
    ----------
    scheme:
        the QuadClass scheme of the classes (``"phoenix"``: 0–4, ConfliBERT's; or ``"gdelt"``: 1–4).
    per_class:
        one :class:`ClassScore` per class of the scheme, in order.
    micro:
        all classes pooled: ``gold`` = sentences, ``predicted`` = sentences with an event,
        ``correct`` = sentences whose predicted class is the gold class. Micro precision is
        correct / sentences with an event; micro recall is correct / sentences (a sentence
        with no event counts against recall).
    confusion:
        gold class (rows, ``gold``) × predicted class (columns, ``predicted``) sentence counts,
        with a last column ``"none"`` for sentences in which nothing was coded.
    gold_classes, predicted_classes:
        per sentence, in input order; a predicted class is ``None`` when nothing was coded.
    """

    scheme: str
    per_class: tuple[ClassScore, ...]
    micro: ClassScore
    confusion: pd.DataFrame
    gold_classes: tuple[int, ...] = ()
    predicted_classes: tuple[int | None, ...] = ()

    @property
    def sentences(self) -> int:
        return self.micro.gold

    @property
    def with_event(self) -> int:
        """Sentences in which at least one event was coded."""
        return self.micro.predicted

    @property
    def coverage(self) -> float:
        """Share of sentences with an event (``nan`` for no sentences)."""
        return ratio(self.micro.predicted, self.micro.gold)

    @property
    def precision(self) -> float:
        return self.micro.precision

    @property
    def recall(self) -> float:
        return self.micro.recall

    @property
    def f1(self) -> float:
        return self.micro.f1

    def to_frame(self) -> pd.DataFrame:
        """One row per class, then a ``micro`` row: label, name, gold, predicted, correct,
        precision, recall, f1; ``attrs`` hold scheme, sentences, with_event and coverage."""
        import pandas as pd

        rows = [
            {"class": str(c.label), "name": c.name, "gold": c.gold, "predicted": c.predicted, "correct": c.correct, "precision": c.precision, "recall": c.recall, "f1": c.f1}
            for c in (*self.per_class, self.micro)
        ]
        frame = pd.DataFrame(rows, columns=["class", "name", "gold", "predicted", "correct", "precision", "recall", "f1"])
        frame = frame.astype({"class": "string", "name": "string"})
        frame.attrs.update({"scheme": self.scheme, "sentences": self.sentences, "with_event": self.with_event, "coverage": self.coverage})
        return frame

    def summary(self) -> str:
        """A plain-text report: coverage, then the per-class and micro table."""

        def num(x: float) -> str:
            return "  n/a" if math.isnan(x) else f"{x:.3f}"

        cov = "n/a" if math.isnan(self.coverage) else f"{self.coverage:.1%}"
        lines = [
            f"{self.sentences} sentences; with an event: {self.with_event} ({cov}); classes: {self.scheme} QuadClass of the first event coded",
            f"{'class':<7}{'gold':>6}{'pred':>6}{'correct':>8}  {'precision':>9}  {'recall':>6}  {'F1':>5}  name",
        ]
        for c in (*self.per_class, self.micro):
            lines.append(f"{c.label!s:<7}{c.gold:>6}{c.predicted:>6}{c.correct:>8}  {num(c.precision):>9}  {num(c.recall):>6}  {num(c.f1):>5}  {c.name}")
        return "\n".join(lines)


def score_class_predictions(gold: Sequence[int], predicted: Sequence[int | None], *, scheme: str = "phoenix") -> ClassScores:
    """The arithmetic of :func:`score_classes`: gold classes against predicted ones (``None``
    for a sentence with no event), position by position.

    Raises :class:`InputError` when the lengths differ or a class is not one of the scheme's
    (Phoenix 0–4, GDELT 1–4).
    """
    import pandas as pd

    from .codebook import QUAD_NAMES

    if scheme not in QUAD_NAMES:
        raise ValueError(f"unknown QuadClass scheme {scheme!r}; expected one of {tuple(QUAD_NAMES)}")
    names = QUAD_NAMES[scheme]
    classes = sorted(names)
    if len(gold) != len(predicted):
        raise InputError(f"{len(gold)} gold classes but {len(predicted)} predictions; they are paired by position")
    for i, g in enumerate(gold):
        if isinstance(g, bool) or g not in names:
            raise InputError(f"row {i + 1}: gold class {g!r} is not a {scheme} QuadClass ({', '.join(map(str, classes))})")
    for i, p in enumerate(predicted):
        if p is not None and (isinstance(p, bool) or p not in names):
            raise InputError(f"row {i + 1}: predicted class {p!r} is not a {scheme} QuadClass ({', '.join(map(str, classes))}) or None")

    pairs = Counter(zip(gold, predicted))
    per_class = tuple(
        ClassScore(
            label=c,
            name=names[c],
            gold=sum(n for (g, _), n in pairs.items() if g == c),
            predicted=sum(n for (_, p), n in pairs.items() if p == c),
            correct=pairs[(c, c)],
        )
        for c in classes
    )
    micro = ClassScore(
        label="micro",
        name="all classes",
        gold=len(gold),
        predicted=sum(1 for p in predicted if p is not None),
        correct=sum(c.correct for c in per_class),
    )
    columns = [*classes, CLASS_NONE]
    confusion = pd.DataFrame(0, index=pd.Index(classes, name="gold"), columns=pd.Index(columns, name="predicted", dtype=object), dtype="int64")
    for (g, p), n in pairs.items():
        confusion.loc[g, CLASS_NONE if p is None else p] = n
    return ClassScores(scheme=scheme, per_class=per_class, micro=micro, confusion=confusion, gold_classes=tuple(gold), predicted_classes=tuple(predicted))
