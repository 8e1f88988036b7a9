"""The wheel carries every dictionary: missing package data must fail loudly here."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib import resources

import pytest

from .conftest import ROOT


def _resource_files() -> set[str]:
    root = resources.files("eventcode.resources")
    out = set()
    for entry in root.iterdir():
        if entry.name.endswith((".tsv", ".md", ".csv")):  # .csv: milestones, sample gold set
            out.add(f"eventcode/resources/{entry.name}")
    for entry in root.joinpath("actors").iterdir():
        if entry.name.endswith(".tsv"):
            out.add(f"eventcode/resources/actors/{entry.name}")
    return out


@pytest.mark.slow
def test_wheel_contains_all_resources(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)], check=True)
    (wheel,) = tmp_path.glob("eventcode-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _resource_files()
    assert len(expected) >= 9
    assert expected <= names, sorted(expected - names)
    assert "eventcode/py.typed" in names
