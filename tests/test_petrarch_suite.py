"""PETRARCH-2's own unit suite, run through eventcode with the dictionaries it names.

Our spaCy parse, the PETR.Validate.* dictionaries imported by eventcode.petrarch, the stored
Treebank parses ignored. The floor is the figure achieved; raise it as the coder improves.
(PETRARCH-2 itself: P 0.547 / R 0.332 / F1 0.413 on these 279 records, with 36 crashes.)
"""

from __future__ import annotations

import pytest

from eventcode.evaluate import read_petrarch_xml, run_gold, score
from eventcode.pipeline import EventCoder
from eventcode.petrarch import load_petrarch

from .conftest import shared_path

FLOOR_F1 = 0.75


@pytest.mark.slow
@pytest.mark.shared
def test_petrarch_unit_suite_floor(nlp, capsys):
    xml = shared_path("reference", "petrarch", "PETR.UnitTest.records.xml")
    gold = read_petrarch_xml(xml)
    folder = xml.parent
    files = [folder / name for name in gold.dictionaries.values()]  # the <Environment> record names them
    actors, verbs, _ = load_petrarch(files)
    coder = EventCoder(nlp=nlp, actor_dictionary=actors, verb_dictionary=verbs)
    run = run_gold(coder, list(gold))
    scores = score(list(gold), run)
    with capsys.disabled():
        e = scores.exact
        print(f"\n[PETRARCH unit suite] {len(gold)} records: exact P {e.precision:.3f} R {e.recall:.3f} F1 {e.f1:.3f}; crashes {len(scores.crashes)}")
    assert len(gold) == 279
    assert not scores.crashes
    assert scores.exact.f1 >= FLOOR_F1
