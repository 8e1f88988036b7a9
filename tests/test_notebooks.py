"""Notebooks are committed consistently (outputs stripped) and hold no library logic.

They are executed headless by nbmake as part of the test run (see pyproject's addopts).
"""

from __future__ import annotations

import json

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_three_numbered_notebooks_exist():
    assert [p.name[:2] for p in NOTEBOOKS][:3] == ["01", "02", "03"]


def test_notebooks_are_stripped_and_have_a_parameters_cell():
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), f"{path.name} has outputs"
        assert any("parameters" in c.get("metadata", {}).get("tags", []) for c in code), f"{path.name} lacks a parameters cell"


def test_notebooks_define_no_functions_or_classes():
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "code":
                assert "\ndef " not in "\n" + source and "\nclass " not in "\n" + source, path.name


def _source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_notebooks_open_with_what_and_why_and_teach_in_prose():
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        first = nb["cells"][0]
        assert first["cell_type"] == "markdown" and "**What this notebook does.**" in _source(first) and "**Why.**" in _source(first), path.name
        words = sum(len(_source(c).split()) for c in nb["cells"] if c["cell_type"] == "markdown")
        assert words >= 400, f"{path.name}: {words} words of prose"


def test_notebooks_write_where_the_tests_say_never_into_the_users_output():
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        params = next(_source(c) for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
        assert 'OUT = os.environ.get("EVENTCODE_OUT", "../output")' in params, path.name
