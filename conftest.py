"""Test-session setup shared by tests/ and the notebooks nbmake runs.

Every test session gets one temporary folder, removed when the session ends: the parse cache
goes there (not the user's home) and so does everything the notebooks write, because their
parameters cell reads ``EVENTCODE_OUT``. Running the tests never touches the user's output/.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="eventcode-test-"))
os.environ.setdefault("EVENTCODE_CACHE_DIR", str(_SESSION_DIR / "cache"))
os.environ["EVENTCODE_OUT"] = str(_SESSION_DIR / "output")  # notebooks write here, never to ../output


def pytest_sessionfinish(session, exitstatus):  # noqa: ARG001 - pytest's hook signature
    shutil.rmtree(_SESSION_DIR, ignore_errors=True)
