"""Reading JSON Lines text: one JSON value a line, shared by the article and gold readers.

Lines are split on ``"\\n"`` only (a JSON string may hold a raw U+2028, which
``str.splitlines`` would break), numbered from 1 and skipped when blank. A line that is not
JSON comes back as a one-line reason naming its column, so each reader decides whether it
stops the file (gold) or is reported and skipped (articles).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["JsonLine", "json_lines"]


@dataclass(frozen=True, slots=True)
class JsonLine:
    """A non-blank line: ``where`` is ``origin:line``; ``record`` the parsed value, or, when the
    line is not JSON, ``error`` the reason (``malformed JSON: … at column N``)."""

    where: str
    record: object = None
    error: str = ""


def json_lines(text: str, origin: str | Path) -> Iterator[JsonLine]:
    """Each non-blank line of ``text`` parsed, named ``origin:line`` for messages."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            # json's own message may end in "at" ("Unterminated string starting at")
            yield JsonLine(where, error=f"malformed JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}")
            continue
        yield JsonLine(where, record)
