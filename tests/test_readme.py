"""Every README example runs as written: each ```python block, and each command line of each
```bash block, in README order, in one temporary folder laid out like the repository.

A command line is skipped only for a stated reason (:data:`SKIPS`); a line this test does
not know how to run fails, so a new README example cannot go untested.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

README = ROOT / "README.md"

#: Command prefixes not run here, with the reason.
SKIPS: dict[str, str] = {
    "python -m pip install": "installs packages; the tests run against the checkout under test",
    "python -m pytest": "runs the test suite this test belongs to",
    "jupyter lab": "starts an interactive server",
    "dask ": "needs a Dask scheduler and workers on other machines",
}
_DASK = "needs the Dask scheduler started by the lines before it"


def blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of each fenced block, in order."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```", text, flags=re.S | re.M)]


def command_lines(body: str) -> list[list[str]]:
    """The commands of a bash block: comments dropped, ``a && b`` split."""
    out = []
    for line in body.splitlines():
        words = shlex.split(line, comments=True)
        command: list[str] = []
        for word in [*words, "&&"]:
            if word == "&&":
                if command:
                    out.append(command)
                command = []
            else:
                command.append(word)
    return out


def skip_reason(command: list[str]) -> str | None:
    line = " ".join(command)
    if "--scheduler" in command:
        return _DASK
    return next((reason for prefix, reason in SKIPS.items() if line.startswith(prefix)), None)


def test_readme_blocks_are_found():
    found = blocks(README.read_text(encoding="utf-8"))
    assert sum(1 for lang, _ in found if lang == "python") >= 4
    assert sum(1 for lang, _ in found if lang == "bash") >= 4
    commands = [c for lang, body in found if lang == "bash" for c in command_lines(body)]
    assert any(c[:3] == ["eventcode", "run", "--dyad"] for c in commands)
    unknown = [c for c in commands if c[0] != "eventcode" and skip_reason(c) is None]
    assert not unknown, f"README command lines this test cannot run: {unknown}"


def _workspace(tmp: Path) -> None:
    """A small copy of the repository's inputs plus the files the examples name."""
    corpus = sorted((ROOT / "data" / "corpus").glob("*.md"))
    chosen = [p for p in corpus if p.name.startswith(("1998-05-1", "2011-02-17", "2011-12-31", "2020-09-1"))][:6]
    (tmp / "data" / "corpus").mkdir(parents=True)
    for p in chosen:
        shutil.copy(p, tmp / "data" / "corpus" / p.name)
    for folder in ("my_articles", "big_corpus"):
        (tmp / folder).mkdir()
        for p in chosen[:2]:
            shutil.copy(p, tmp / folder / p.name)
    (tmp / "items.jsonl").write_text('{"id": "a", "date": "2020-12-22", "text": "Japan praised India on Tuesday."}\n', encoding="utf-8")
    (tmp / "items.csv").write_text("id,date,text\nb,2020-12-22,India thanked Japan on Tuesday.\n", encoding="utf-8")
    (tmp / "story.txt").write_text("Japan and India held talks on Monday.\n", encoding="utf-8")
    verbs = (ROOT / "eventcode" / "resources" / "verbs.tsv").read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(verbs) if line.startswith("id\t"))
    (tmp / "mine.tsv").write_text("\n".join(verbs[header : header + 2]) + "\n", encoding="utf-8")
    gold = tmp / "eventcode" / "resources"
    gold.mkdir(parents=True)
    shutil.copy(ROOT / "eventcode" / "resources" / "gold_sample_corpus.csv", gold / "gold_sample_corpus.csv")


@pytest.mark.slow
def test_every_readme_example_runs_as_written(tmp_path):
    _workspace(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT), EVENTCODE_CACHE_DIR=str(tmp_path / "cache"))
    skipped = []
    for lang, body in blocks(README.read_text(encoding="utf-8")):
        if lang == "python":
            result = subprocess.run([sys.executable, "-c", body], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
            assert result.returncode == 0, f"README python block failed:\n{body}\n{result.stderr[-3000:]}"
        elif lang == "bash":
            for command in command_lines(body):
                if (reason := skip_reason(command)) is not None:
                    skipped.append((" ".join(command), reason))
                    continue
                args = [sys.executable, "-m", "eventcode.cli", *command[1:]]  # `eventcode` is this checkout's CLI
                result = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
                assert result.returncode == 0, f"README command failed: {' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    assert (tmp_path / "output" / "tables" / "ind_chn_directed_year.csv").exists()
    assert all(reason for _, reason in skipped)
