from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_6c8b66a1bdcedd11.txt"

# The parse cache and the notebooks' outputs go to a session folder: see the root conftest.py.


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test cleanly when it is not there (a user's machine)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is only present in the development workspace)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from eventcode.model import load_model

    return load_model()


@pytest.fixture(scope="session")
def coder():
    from eventcode.pipeline import EventCoder

    return EventCoder()


@pytest.fixture(scope="session")
def code(coder):
    """code(text, date="2020-12-22") -> list of (source, target, cameo) triples plus the events."""

    def _code(text: str, date: str = "2020-12-22"):
        return coder.code_text(text, dt.date.fromisoformat(date))

    return _code


def triples(events):
    return {(e.source.code, e.target.code, e.cameo_code) for e in events}


def country_triples(events):
    return {(e.source.country, e.target.country, e.cameo_code) for e in events}
