"""eventcode.evaluate sentence classes: the ConfliBERT TSV reader, the class arithmetic, and
scoring a real coder on a few hand-made sentences."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from eventcode.errors import InputError
from eventcode.evaluate import (
    CLASS_NONE,
    ClassScores,
    parse_class_gold,
    read_class_gold,
    score_class_predictions,
    score_classes,
)

from .conftest import shared_path

# ----------------------------------------------------------------------------- reading


def test_class_gold_reads_sentence_and_class(tmp_path):
    """Rows come back as (sentence, int class); quotes stay literal and blank lines are skipped."""
    path = tmp_path / "gold.tsv"
    path.write_text('India "welcomed" the deal.\t1\n\nPakistan shelled the border.\t4\n', encoding="utf-8")
    rows = read_class_gold(path)
    assert rows == [('India "welcomed" the deal.', 1), ("Pakistan shelled the border.", 4)]
    assert all(isinstance(c, int) for _, c in rows)


def test_class_gold_allows_a_header_line():
    """A first line 'sentence<TAB>class' is a header, not a malformed row."""
    assert parse_class_gold("sentence\tclass\nIndia protested.\t3\n") == [("India protested.", 3)]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Fine.\t1\nno tab here\n", 2, "no tab"),
        ("Fine.\t1\nA\tb\tc\n", 2, "3 tab-separated fields"),
        ("Fine.\t1\n\nBad class.\tx\n", 3, "not a non-negative integer"),
        ("Negative.\t-1\n", 1, "not a non-negative integer"),
        ("\t2\n", 1, "empty sentence"),
    ],
)
def test_class_gold_names_file_and_line_of_a_malformed_row(tmp_path, text, line, message):
    """A malformed row raises InputError naming the file and line."""
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=rf"bad\.tsv:{line}: .*{message}"):
        read_class_gold(path)


def test_class_gold_refuses_an_empty_file(tmp_path):
    """A file with no rows is an error, not an empty benchmark."""
    path = tmp_path / "empty.tsv"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="no 'sentence<TAB>class' rows"):
        read_class_gold(path)


# ----------------------------------------------------------------------------- arithmetic


@pytest.fixture(scope="module")
def hand() -> ClassScores:
    gold = [0, 0, 1, 1, 2, 3, 3, 4]
    pred = [0, None, 1, 2, None, 3, 3, 3]
    return score_class_predictions(gold, pred)


def test_per_class_counts_and_ratios(hand):
    """Per class: gold, predicted and correct sentence counts, and P/R/F1 from them."""
    by = {c.label: c for c in hand.per_class}
    assert [c.label for c in hand.per_class] == [0, 1, 2, 3, 4]
    assert (by[0].gold, by[0].predicted, by[0].correct) == (2, 1, 1)
    assert (by[0].precision, by[0].recall) == (1.0, 0.5)
    assert by[0].f1 == pytest.approx(2 / 3)
    assert (by[2].gold, by[2].predicted, by[2].correct) == (1, 1, 0)
    assert (by[2].precision, by[2].recall, by[2].f1) == (0.0, 0.0, 0.0)
    assert (by[3].gold, by[3].predicted, by[3].correct) == (2, 3, 2)
    assert by[3].precision == pytest.approx(2 / 3) and by[3].recall == 1.0
    assert (by[4].gold, by[4].predicted, by[4].correct) == (1, 0, 0)
    assert math.isnan(by[4].precision) and by[4].recall == 0.0 and math.isnan(by[4].f1)
    assert by[1].name == "verbal cooperation" and by[4].name == "material conflict"


def test_micro_scores_and_coverage(hand):
    """Micro P = correct / sentences with an event, micro R = correct / sentences; coverage = share with an event."""
    assert (hand.sentences, hand.with_event, hand.micro.correct) == (8, 6, 4)
    assert hand.coverage == pytest.approx(6 / 8)
    assert hand.precision == pytest.approx(4 / 6)
    assert hand.recall == pytest.approx(4 / 8)
    assert hand.f1 == pytest.approx(2 * (4 / 6) * (4 / 8) / (4 / 6 + 4 / 8))
    assert hand.micro.label == "micro"


def test_confusion_has_a_none_column(hand):
    """Gold class rows × predicted class columns, with 'none' for sentences with no event."""
    conf = hand.confusion
    assert list(conf.index) == [0, 1, 2, 3, 4] and conf.index.name == "gold"
    assert list(conf.columns) == [0, 1, 2, 3, 4, CLASS_NONE] and conf.columns.name == "predicted"
    assert conf.loc[0, 0] == 1 and conf.loc[0, CLASS_NONE] == 1
    assert conf.loc[1, 2] == 1 and conf.loc[2, CLASS_NONE] == 1 and conf.loc[4, 3] == 1
    assert conf.to_numpy().sum() == 8
    assert (conf.sum(axis=1).to_numpy() == [c.gold for c in hand.per_class]).all()
    assert (conf.drop(columns=CLASS_NONE).sum(axis=0).to_numpy() == [c.predicted for c in hand.per_class]).all()


def test_to_frame_and_summary(hand):
    """to_frame gives one row per class and a micro row; summary names coverage."""
    frame = hand.to_frame()
    assert list(frame["class"]) == ["0", "1", "2", "3", "4", "micro"]
    assert list(frame.columns) == ["class", "name", "gold", "predicted", "correct", "precision", "recall", "f1"]
    assert frame.attrs["coverage"] == pytest.approx(0.75) and frame.attrs["scheme"] == "phoenix"
    assert frame.loc[frame["class"] == "micro", "correct"].item() == 4
    text = hand.summary()
    assert "8 sentences; with an event: 6 (75.0%)" in text and "micro" in text


def test_gdelt_scheme_has_four_classes():
    """Under the GDELT scheme the classes are 1-4 and a gold 0 is refused."""
    s = score_class_predictions([1, 4], [1, None], scheme="gdelt")
    assert [c.label for c in s.per_class] == [1, 2, 3, 4]
    with pytest.raises(InputError, match="row 1: gold class 0 is not a gdelt QuadClass"):
        score_class_predictions([0], [None], scheme="gdelt")


def test_arithmetic_refuses_bad_input():
    """Unequal lengths, classes outside the scheme and unknown schemes are errors."""
    with pytest.raises(InputError, match="2 gold classes but 1 predictions"):
        score_class_predictions([0, 1], [0])
    with pytest.raises(InputError, match="row 2: gold class 7"):
        score_class_predictions([0, 7], [0, None])
    with pytest.raises(InputError, match="row 1: predicted class 9"):
        score_class_predictions([0], [9])
    with pytest.raises(ValueError, match="unknown QuadClass scheme"):
        score_class_predictions([0], [0], scheme="plover")


def test_no_sentences_gives_undefined_scores():
    """With no sentences nothing is defined, and nothing divides by zero."""
    s = score_class_predictions([], [])
    assert s.sentences == 0 and math.isnan(s.coverage) and math.isnan(s.precision)
    assert isinstance(s.confusion, pd.DataFrame) and s.confusion.to_numpy().sum() == 0


# ----------------------------------------------------------------------------- the real coder


def test_score_classes_with_the_real_coder(coder):
    """The predicted class is the Phoenix QuadClass of the first event coded in the sentence."""
    rows = [
        ("Japan extended a yen loan to India on Tuesday.", 2),  # 071 provide economic aid: material cooperation
        ("India condemned Pakistan for the attack.", 3),  # 111 criticise: verbal conflict
        ("It rained heavily in Tokyo on Monday.", 1),  # no event: counts against recall
    ]
    s = score_classes(coder, rows)
    assert s.predicted_classes == (2, 3, None)
    assert s.gold_classes == (2, 3, 1)
    assert (s.sentences, s.with_event, s.micro.correct) == (3, 2, 2)
    assert s.coverage == pytest.approx(2 / 3) and s.precision == 1.0 and s.recall == pytest.approx(2 / 3)
    assert s.confusion.loc[1, CLASS_NONE] == 1 and s.confusion.loc[2, 2] == 1


def test_score_classes_checks_rows_before_coding(coder):
    """Malformed rows and classes outside the scheme fail before any coding."""
    with pytest.raises(InputError, match="row 1: expected a \\(sentence, class\\) tuple"):
        score_classes(coder, [("India protested.", "3")])  # type: ignore[list-item]
    with pytest.raises(InputError, match="row 1: gold class 0 is not a gdelt QuadClass"):
        score_classes(coder, [("India protested.", 0)], scheme="gdelt")


@pytest.mark.shared
def test_conflibert_class_file_reads_cleanly():
    """The ConfliBERT development file has 1,349 well-formed rows with classes 0-4."""
    rows = read_class_gold(shared_path("dev", "conflibert", "cameo_class_train.tsv"))
    assert len(rows) == 1349
    assert {c for _, c in rows} == {0, 1, 2, 3, 4}
