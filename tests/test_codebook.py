"""The packaged CAMEO codebook, and how it compares with the field's reference tables."""

from __future__ import annotations

import csv
import difflib
import re

import pytest

from eventcode.codebook import load_codebook, parse_codebook
from eventcode.errors import DictionaryError

from .conftest import shared_path


def test_codes_are_strings_and_integer_lookup_explains_itself():
    """'041' is a code; 41 is refused with a message about the lost zero."""
    cb = load_codebook()
    assert cb["041"].name.lower().startswith("discuss by telephone")
    with pytest.raises(KeyError, match="leading zero"):
        cb[41]  # noqa: B018


def test_every_root_has_quad_classes_under_both_schemes():
    """GDELT: 01-05 → 1, 06-09 → 2, 10-14 → 3, 15-20 → 4; Phoenix: 01-02 neutral, 09/16 verbal conflict, 14 material."""
    cb = load_codebook()
    expect_gdelt = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 10)}, **{f"{r:02d}": 3 for r in range(10, 15)}, **{f"{r:02d}": 4 for r in range(15, 21)}}
    for code, entry in cb.items():
        assert entry.quad_gdelt == expect_gdelt[entry.root], code
    assert cb["010"].quad_phoenix == 0 and cb["020"].quad_phoenix == 0
    assert cb["090"].quad_phoenix == 3 and cb["160"].quad_phoenix == 3
    assert cb["140"].quad_phoenix == 4 and cb["190"].quad_phoenix == 4
    assert cb["057"].quad_phoenix == 1 and cb["061"].quad_phoenix == 2


def test_goldstein_weights_in_range_with_a_named_source():
    for code, entry in load_codebook().items():
        assert -10 <= entry.goldstein <= 10
        assert entry.goldstein_source == "gdelt" or entry.goldstein_source.startswith("parent:"), code


def test_parse_codebook_rejects_duplicates_with_row():
    text = "code\tname\troot\tquad_gdelt\tquad_phoenix\tgoldstein\tgoldstein_source\n041\ta\t04\t1\t1\t1.0\tgdelt\n041\tb\t04\t1\t1\t1.0\tgdelt\n"
    with pytest.raises(DictionaryError, match=r"row 3: duplicate code '041'"):
        parse_codebook(text, "x.tsv")


@pytest.mark.shared
def test_codebook_covers_cameo_codefile():
    """Every code in OEDA's CAMEO 0.7b5 code list is in the codebook."""
    path = shared_path("reference", "cameo", "CAMEO_codefile.txt")
    codes = {m.group(1) for m in re.finditer(r"^LABELi?:\s*(\d+)=", path.read_text(encoding="utf-8"), re.M)}
    missing = sorted(codes - set(load_codebook()))
    assert not missing, f"codes missing from the codebook: {missing}"


@pytest.mark.shared
def test_codebook_names_follow_cameo_codefile(capsys):
    """Our names are CAMEO 0.7b5's labels; the only tolerated differences are typo fixes."""
    path = shared_path("reference", "cameo", "CAMEO_codefile.txt")
    labels: dict[str, list[str]] = {}
    for m in re.finditer(r"^LABEL:\s*(\d+)=\s*(.+)$", path.read_text(encoding="utf-8"), re.M):
        labels.setdefault(m.group(1), []).append(m.group(2).strip())
    cb = load_codebook()
    typo_fixes, wrong = [], []
    for code, names in labels.items():
        ours = cb[code].name
        if ours in names:
            continue
        close = max(difflib.SequenceMatcher(None, ours, n).ratio() for n in names)
        (typo_fixes if close > 0.93 else wrong).append(f"{code}: ours {ours!r} / CAMEO {names}")
    with capsys.disabled():
        print(f"\n[codebook vs CAMEO 0.7b5] {len(typo_fixes)} tolerated differences (spelling fixed in ours):")
        for line in typo_fixes:
            print("   ", line)
    assert not wrong, wrong


@pytest.mark.shared
def test_codebook_weights_follow_gdelt_table(capsys):
    """Goldstein weights equal GDELT's for every code it has; name differences are reported.

    The GDELT table (as distributed by gdeltPyR) pairs some codes with the names of a different
    CAMEO revision (e.g. 016 'Make empathetic comment', 163 'Halt negotiations'); its weights
    are keyed by code, so we take the weights by code and keep CAMEO 0.7b5's names.
    """
    path = shared_path("reference", "cameo", "gdelt_cameo_code_table.tsv")
    cb = load_codebook()
    name_differences, weight_mismatch = [], []
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if len(row) < 3 or not row[0].strip().isdigit():
                continue
            code, name, weight = row[0].strip(), row[1].strip(), float(row[2])
            entry = cb[code]
            if entry.goldstein != weight or entry.goldstein_source != "gdelt":
                weight_mismatch.append((code, entry.goldstein, weight))
            if entry.name.lower() != name.lower():
                name_differences.append(f"{code}: ours {entry.name!r} / GDELT {name!r}")
    with capsys.disabled():
        print(f"\n[codebook vs GDELT] {len(name_differences)} name differences tolerated (we keep CAMEO 0.7b5 names):")
        for line in name_differences:
            print("   ", line)
    assert not weight_mismatch, f"Goldstein weights differ from GDELT: {weight_mismatch}"
    inherited = [c for c, e in cb.items() if e.goldstein_source != "gdelt"]
    for code in inherited:
        parent = cb[code].goldstein_source.split(":")[1]
        assert code.startswith(parent) and cb[code].goldstein == cb[parent].goldstein
