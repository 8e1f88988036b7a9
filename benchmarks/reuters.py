"""Reading Reuters-21578 (Distribution 1.0) SGML into eventcode Articles, for benchmarks only.

The corpus is research-only: it is read from ../shared, never copied into the project.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # measure the checkout's eventcode, not an installed one
from eventcode.records import Article, Problem

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reuters21578"
_STORY = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "BODY")}


def iter_reuters(directory: Path = DEFAULT_DIR, limit: int | None = None) -> Iterator[Article | Problem]:
    """Stories in file order; a story without a body or a date is a Problem, not a silent skip."""
    n = 0
    for path in sorted(directory.glob("reut2-*.sgm")):
        # The distribution is ASCII except for a few stray bytes (reut2-017): latin-1 never fails.
        text = path.read_bytes().decode("latin-1")
        for m in _STORY.finditer(text):
            if limit is not None and n >= limit:
                return
            newid, raw = m.group(1), m.group(2)
            where = f"{path.name} NEWID={newid}"
            body = _FIELD["BODY"].search(raw)
            date = _FIELD["DATE"].search(raw)
            if not body or not body.group(1).strip():
                yield Problem(where=where, reason="no <BODY> text (headline-only or brief)", article_id=f"reuters-{newid}")
                continue
            try:
                day = dt.datetime.strptime(date.group(1).strip()[:11], "%d-%b-%Y").date() if date else None
            except ValueError:
                day = None
            if day is None:
                yield Problem(where=where, reason=f"unparseable <DATE> {date.group(1)[:30] if date else None!r}", article_id=f"reuters-{newid}")
                continue
            clean = html.unescape(body.group(1)).replace("\x03", "").replace("Reuter\n", "").strip()
            clean = re.sub(r"\s*Reuter\s*$", "", clean)
            title = _FIELD["TITLE"].search(raw)
            n += 1
            yield Article(id=f"reuters-{newid}", text=clean, date=day, title=html.unescape(title.group(1)) if title else "", publisher="Reuters", origin=where)
