"""Scoring coded events against gold standard records.

Three steps, each usable on its own::

    from eventcode.evaluate import read_gold, run_gold, score
    gold = read_gold("gold.csv")                    # or .jsonl, or a PETRARCH validation .xml
    predicted = run_gold(EventCoder(), gold)        # {sentence id: [Event, ...]}; crashes recorded
    scores = score(gold, predicted)
    print(scores.summary())
    frames = scores.to_frames()                     # overall, per_root, confusion, misses, false_alarms

Gold comes in two formats:

* PETRARCH validation XML (``PETR.UnitTest.records.xml`` and its relatives), read by
  :func:`read_petrarch_xml` with a tolerant scanner: it does not need well-formed XML, and every
  record it cannot use is reported as a :class:`~eventcode.records.Problem` naming the line.
* eventcode's own CSV/JSONL format, one row per gold event (``docs/gold-format.md``), read by
  :func:`read_gold_csv` / :func:`read_gold_jsonl` and written by :func:`write_gold_csv` /
  :func:`write_gold_jsonl`.

Codes are always strings: ``'041'``, never ``41``.

Sentence-class gold (ConfliBERT's 5-way CAMEO classes, one class per sentence) is read by
:func:`read_class_gold` and scored by :func:`score_classes`: a sentence's predicted class is
the QuadClass of the first event coded in it.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import json
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import InputError
from .fileio import atomic_path
from .records import Event, Problem

#: A gold set the project wrote for its own sample corpus (data/corpus): shipped, so that
#: validation runs on a user's machine. Codings by the project, not by an outside annotator.
SAMPLE_GOLD = Path(__file__).parent / "resources" / "gold_sample_corpus.csv"

#: PETRARCH-2's published result on its own unit suite (279 scored records), quoted, not re-run.
PETRARCH2_REFERENCE = {"precision": 0.547, "recall": 0.332, "f1": 0.413, "crashes": 36}

if TYPE_CHECKING:
    import pandas as pd

    from .pipeline import EventCoder, RunReport

log = logging.getLogger(__name__)

__all__ = [
    "CLASS_NONE",
    "CORE_COLUMNS",
    "GOLD_COLUMNS",
    "ROOTS",
    "DateMismatch",
    "DateScore",
    "FalseAlarm",
    "GoldEvent",
    "GoldRun",
    "GoldSentence",
    "LevelScore",
    "Miss",
    "ClassScore",
    "ClassScores",
    "PetrarchGold",
    "ScoreFrames",
    "Scores",
    "parse_class_gold",
    "parse_gold_csv",
    "parse_gold_jsonl",
    "parse_petrarch_xml",
    "read_class_gold",
    "read_gold",
    "read_gold_csv",
    "read_gold_jsonl",
    "read_petrarch_xml",
    "run_gold",
    "score",
    "score_class_predictions",
    "score_classes",
    "write_gold_csv",
    "write_gold_jsonl",
]

#: The CAMEO roots, always listed in the per-root table (other roots seen in gold or
#: predictions, such as PETRARCH's test-only ``34``/``80``/``90``/``91``, follow them).
ROOTS: tuple[str, ...] = tuple(f"{r:02d}" for r in range(1, 21))

#: Columns every gold CSV/JSONL must have (``date`` may be empty, but the column is expected).
CORE_COLUMNS: tuple[str, ...] = ("id", "date", "text", "source", "target", "code")
#: All columns eventcode writes, in order; the last three are optional when reading.
GOLD_COLUMNS: tuple[str, ...] = CORE_COLUMNS + ("source_country", "target_country", "event_date")
_REQUIRED = ("id", "text", "source", "target", "code")

NONE_LABEL = "(none)"


# =====================================================================================
# gold records
# =====================================================================================


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event: ``source`` did ``code`` to ``target``.

    ``date`` is the event's date as ISO text at its precision (``2020-12-22``, ``2020-12``,
    ``2020``) or ``""`` when the gold does not say. ``source_country`` / ``target_country``
    override the default country (the first three letters of the actor code) for the
    country-level score.
    """

    source: str
    target: str
    code: str
    date: str = ""
    source_country: str = ""
    target_country: str = ""

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.code)

    def __str__(self) -> str:
        return f"{self.source} {self.target} {self.code}"


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One gold sentence (or story): its text, publication date and the events it reports.

    ``no_events`` is true when the gold says that nothing should be coded (PETRARCH
    ``noevents="true"``, an expected coder error or a record without ``<EventCoding>``; a CSV
    row with empty source/target/code). ``origin`` is ``file:line`` for error reports.
    """

    id: str
    text: str
    date: dt.date | None
    events: tuple[GoldEvent, ...]
    no_events: bool
    origin: str


@dataclass(frozen=True)
class PetrarchGold(Sequence[GoldSentence]):
    """What :func:`read_petrarch_xml` found; iterates over (and indexes) the active sentences.

    Attributes
    ----------
    sentences:
        the active ``<Sentence>`` records, in file order.
    skipped:
        records that are not to be scored (``sentence="false"``, records after a ``<Stop>``),
        each a :class:`Problem` whose reason quotes the record's own comments.
    problems:
        malformed records and repairs: ``skipped=True`` for records that could not be used,
        ``skipped=False`` for records used after a repair (a self-closed ``<Sentence/>``
        followed by its content, a missing ``</Text>`` or ``</Sentence>``, ...).
    environment:
        the ``<Environment>`` children by tag name (``Verbfile``, ``Actorfile``, ``Agentfile``,
        ``Discardfile``, ``Errorfile``, ``Include``, ``Pause``).
    config:
        ``<Config option=… value=…>`` settings in force at the start (inside ``<Environment>``
        or before the first record).
    config_changes:
        later ``<Config>`` records as ``(line, option, value)``: they change options for the
        records after them (PETRARCH's ``require_dyad``, ``new_actor_length``, ...).
    expected_errors:
        ``{id: error}`` for records whose gold is a PETRARCH coder error
        (``<EventCoding error="dateline">``); they are scored as expecting no events.
    categories:
        ``{id: category}`` from the records' ``category`` attributes.
    """

    sentences: tuple[GoldSentence, ...]
    skipped: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = ()
    environment: dict[str, str] = field(default_factory=dict)
    config: dict[str, str] = field(default_factory=dict)
    config_changes: tuple[tuple[int, str, str], ...] = ()
    expected_errors: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    origin: str = ""

    _DICTIONARY_TAGS = {"verbfile": "verbs", "actorfile": "actors", "agentfile": "agents", "discardfile": "discards"}

    @property
    def dictionaries(self) -> dict[str, str]:
        """The dictionary files the ``<Environment>`` names: ``{"verbs": ..., "actors": ...}``."""
        out = {}
        for tag, value in self.environment.items():
            kind = self._DICTIONARY_TAGS.get(tag.lower())
            if kind:
                out[kind] = value
        return out

    @property
    def n_events(self) -> int:
        return sum(len(s.events) for s in self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)

    def __getitem__(self, index):  # type: ignore[override]
        return self.sentences[index]

    def __iter__(self) -> Iterator[GoldSentence]:
        return iter(self.sentences)

    def __hash__(self) -> int:
        return hash((self.origin, self.sentences))


# =====================================================================================
# PETRARCH validation XML
# =====================================================================================

_COMMENT = re.compile(r"<!--.*?-->", re.S)
# A tag: name, then attributes (quoted values may not span lines or hold '<'), optional '/'.
_TAG = re.compile(r"""<(/?)([A-Za-z][\w.:-]*)((?:\s(?:[^<>"']|"[^"\n<]*"|'[^'\n<]*')*?)?)\s*(/?)>""")
_ATTR = re.compile(r"""([^\s=/"'<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>/]+))""")
_SENTENCE_START = re.compile(r"<Sentence\b", re.I)
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);")
_TRUE = {"true", "1", "yes", "t", "y"}


def _unescape(text: str) -> str:
    """XML entities only; a stray ``&`` (``AT&T``) stays as written."""

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _ENTITIES[name]

    return _ENTITY.sub(sub, text)


def _attrs(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(raw or ""):
        value = next(g for g in m.groups()[1:] if g is not None)
        out[m.group(1).lower()] = _unescape(value).strip()
    return out


def _petrarch_date(value: str) -> dt.date:
    """``19950101`` (PETRARCH) or ``1995-01-01``."""
    v = value.strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", v)
    if not m:
        raise ValueError(f"unparseable date {value!r} (expected YYYYMMDD)")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise ValueError(f"invalid date {value!r}: {exc}") from None


@dataclass
class _Record:
    line: int
    start: int
    attrs: dict[str, str]
    self_closed: bool
    codings: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)
    text_start: int | None = None
    text_line: int = 0
    notes: list[str] = field(default_factory=list)  # repairs, reported as warnings


def read_petrarch_xml(path: str | Path) -> PetrarchGold:
    """Read a PETRARCH validation file (see :func:`parse_petrarch_xml`)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise InputError(f"{path}: empty file, expected PETRARCH validation XML with <Sentence> records")
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path}: a binary file, not PETRARCH validation XML")
    try:
        text = raw.decode("utf-8-sig")
        extra: list[Problem] = []
    except UnicodeDecodeError as exc:
        text = raw.decode("latin-1")
        extra = [Problem(where=str(path), reason=f"not UTF-8 (byte {exc.start}); read as Latin-1", skipped=False)]
    gold = parse_petrarch_xml(text, origin=str(path))
    if not gold.sentences and "<sentence" not in text.lower():
        raise InputError(f"{path}: no <Sentence> records; not PETRARCH validation XML")
    if extra:
        gold = PetrarchGold(**{**_fields(gold), "problems": tuple(extra) + gold.problems})
    return gold


def _fields(gold: PetrarchGold) -> dict[str, Any]:
    return {f: getattr(gold, f) for f in ("sentences", "skipped", "problems", "environment", "config", "config_changes", "expected_errors", "categories", "origin")}


def parse_petrarch_xml(text: str, origin: str = "<string>") -> PetrarchGold:
    """Parse PETRARCH validation records from ``text`` without a strict XML parser.

    Understood: ``<Environment>`` (its children and ``<Config>``), ``<Config option value>``
    between records, ``<Stop>`` (later records are skipped), and ``<Sentence date id category
    sentence>`` records holding ``<EventCoding sourcecode targetcode eventcode>`` (or
    ``noevents="true"``, or ``error="..."``) and ``<Text>``; ``<Parse>`` is ignored.
    Comments are ignored. Attribute values may use either quote and spaces around ``=``.

    Tolerated, and reported as warnings (``Problem(skipped=False)``) naming the line: a
    self-closed ``<Sentence …/>`` followed by its content and ``</Sentence>``; a missing
    ``</Text>`` (the text ends at the next tag) or ``</Sentence>`` (the record ends at the
    next record); a stray ``&``; an unterminated comment (ends at the end of its line); an
    unparseable date (the record is kept without a date).

    Refused, as ``Problem(skipped=True)``: a record without an id or text, with an
    incomplete ``<EventCoding>``, with contradictory codings (events and ``noevents``), with a
    duplicate id, or a ``<Sentence`` tag that cannot be read.
    """
    problems: list[Problem] = []
    skipped: list[Problem] = []
    newlines = [i for i, c in enumerate(text) if c == "\n"]

    def line_of(pos: int) -> int:
        return bisect.bisect_right(newlines, pos - 1) + 1 if pos > 0 else 1

    def where(line: int) -> str:
        return f"{origin}:{line}"

    # Blank out comments, keeping every offset (and so every line number) unchanged.
    chars = list(text)
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            end_line = text.find("\n", start)
            end = len(text) if end_line < 0 else end_line
            problems.append(Problem(where=where(line_of(start)), reason="unterminated comment '<!--'; treated as ending at the end of its line", skipped=False))
            stop = end
        else:
            stop = end + 3
        for i in range(start, stop):
            if chars[i] != "\n":
                chars[i] = " "
        pos = stop
    clean = "".join(chars)

    sentences: list[GoldSentence] = []
    environment: dict[str, str] = {}
    config: dict[str, str] = {}
    config_changes: list[tuple[int, str, str]] = []
    expected_errors: dict[str, str] = {}
    categories: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    skipped_ids: dict[str, int] = {}
    seen_record = False
    stop_line = 0
    env_start: int | None = None
    env_line = 0
    cur: _Record | None = None
    tag_starts: set[int] = set()

    def close_text(rec: _Record, end: int, reason: str) -> None:
        if rec.text_start is not None:
            rec.text_parts.append(clean[rec.text_start : end])
            rec.text_start = None
            rec.notes.append(f"missing </Text> (text at line {rec.text_line} ends at {reason})")

    def close_env(end: int, reason: str = "") -> None:
        nonlocal env_start
        if env_start is None:
            return
        body = clean[env_start:end]
        for m in re.finditer(r"<([A-Za-z]\w*)\s*>([^<]*)</\1\s*>", body):
            environment[m.group(1)] = " ".join(_unescape(m.group(2)).split())
        if reason:
            problems.append(Problem(where=where(env_line), reason=f"<Environment> not closed; ends at {reason}", skipped=False))
        env_start = None

    def finish(rec: _Record, end: int, missing_close: str = "") -> None:
        if rec.text_start is not None:
            close_text(rec, end, "the end of the record")
        if missing_close:
            rec.notes.append(f"missing </Sentence>; the record ends at {missing_close}")
        _finish_record(rec, text, origin, stop_line, sentences, skipped, problems, expected_errors, categories, first_seen, skipped_ids)

    for m in _TAG.finditer(clean):
        closing, name, raw_attrs, self_close = m.group(1) == "/", m.group(2).lower(), m.group(3), m.group(4) == "/"
        line = line_of(m.start())
        if name == "sentence" and not closing:
            tag_starts.add(m.start())
        if cur is not None and cur.text_start is not None and name in ("parse", "eventcoding", "sentence", "config", "sentences", "validation", "stop", "environment"):
            close_text(cur, m.start(), f"<{'/' if closing else ''}{m.group(2)}> on line {line}")

        if name == "environment":
            if closing:
                close_env(m.start())
            elif not self_close:
                env_start, env_line = m.end(), line
            continue
        if name == "config":
            if closing:
                continue
            a = _attrs(raw_attrs)
            if "option" not in a:
                problems.append(Problem(where=where(line), reason="<Config> without option= (ignored)", skipped=False))
                continue
            if cur is not None:
                finish(cur, m.start(), f"<Config> on line {line}")
                cur = None
            if env_start is not None or not seen_record:
                config[a["option"]] = a.get("value", "")
            else:
                config_changes.append((line, a["option"], a.get("value", "")))
            continue
        if name == "stop" and not closing:
            if cur is not None:
                finish(cur, m.start(), f"<Stop> on line {line}")
                cur = None
            if not stop_line:
                stop_line = line
            continue
        if name in ("sentences", "validation") and closing:
            if cur is not None:
                finish(cur, m.start(), f"</{m.group(2)}> on line {line}")
                cur = None
            continue
        if name == "sentence":
            if closing:
                if cur is None:
                    problems.append(Problem(where=where(line), reason="</Sentence> without an open <Sentence> (ignored)", skipped=False))
                else:
                    finish(cur, m.start())
                    cur = None
                continue
            if env_start is not None:
                close_env(m.start(), f"the <Sentence> on line {line}")
            if cur is not None:
                finish(cur, m.start(), f"the next <Sentence> on line {line}")
            seen_record = True
            cur = _Record(line=line, start=m.start(), attrs=_attrs(raw_attrs), self_closed=self_close)
            continue
        if cur is None:
            if name == "eventcoding" and not closing:
                problems.append(Problem(where=where(line), reason="<EventCoding> outside a <Sentence> record (ignored)", skipped=False))
            elif name == "text" and not closing:
                problems.append(Problem(where=where(line), reason="<Text> outside a <Sentence> record (ignored)", skipped=False))
            continue
        if name == "eventcoding" and not closing:
            cur.codings.append((line, _attrs(raw_attrs)))
        elif name == "text":
            if closing:
                if cur.text_start is not None:
                    cur.text_parts.append(clean[cur.text_start : m.start()])
                    cur.text_start = None
            elif not self_close:
                if cur.text_start is not None:
                    close_text(cur, m.start(), f"<Text> on line {line}")
                if cur.text_parts:
                    cur.notes.append(f"second <Text> on line {line}; its text is appended to the first")
                cur.text_start, cur.text_line = m.end(), line

    if cur is not None:
        finish(cur, len(clean), "the end of the file")
    if env_start is not None:
        close_env(len(clean), "the end of the file")

    # Any '<Sentence' that the tag pattern could not read (e.g. an unbalanced quote) is reported.
    for m in _SENTENCE_START.finditer(clean):
        if m.start() not in tag_starts:  # (``<Sentences>`` does not match ``<Sentence\b``)
            snippet = clean[m.start() : m.start() + 60].split("\n")[0]
            problems.append(Problem(where=where(line_of(m.start())), reason=f"unreadable <Sentence> tag {snippet!r}; record not read"))

    problems.sort(key=lambda p: _line_key(p.where))
    return PetrarchGold(
        sentences=tuple(sentences),
        skipped=tuple(skipped),
        problems=tuple(problems),
        environment=environment,
        config=config,
        config_changes=tuple(config_changes),
        expected_errors=expected_errors,
        categories=categories,
        origin=origin,
    )


def _line_key(where: str) -> int:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _finish_record(
    rec: _Record,
    raw: str,
    origin: str,
    stop_line: int,
    sentences: list[GoldSentence],
    skipped: list[Problem],
    problems: list[Problem],
    expected_errors: dict[str, str],
    categories: dict[str, str],
    first_seen: dict[str, int],
    skipped_ids: dict[str, int],
) -> None:
    where = f"{origin}:{rec.line}"
    a = rec.attrs
    ident = a.get("id", "").strip()
    text = " ".join(_unescape(" ".join(rec.text_parts)).split())

    def warn(reason: str) -> None:
        problems.append(Problem(where=where, reason=reason, article_id=ident, skipped=False))

    def refuse(reason: str) -> None:
        problems.append(Problem(where=where, reason=reason, article_id=ident, skipped=True))

    if rec.self_closed:
        if not rec.text_parts and not rec.codings:
            refuse("self-closed <Sentence/> with no content")
            return
        warn("self-closed <Sentence …/> followed by its content; read up to </Sentence>")
    for note in rec.notes:
        warn(note)
    if not ident:
        refuse("<Sentence> record without an id= attribute")
        return
    if a.get("category"):
        categories.setdefault(ident, a["category"])

    active = a.get("sentence", "true").strip().lower() not in ("false", "0", "no", "f", "n")
    if not active or stop_line:
        comments = [" ".join(c.split()) for c in _COMMENT.findall(raw[rec.start : rec.start + 20000].split("</Sentence>")[0])]
        comments = [c[4:-3].strip() for c in comments if c[4:-3].strip()]
        why = 'sentence="false": PETRARCH marks this record as not to be scored' if not active else f"after the <Stop> record on line {stop_line}"
        if comments:
            why += " (" + "; ".join(comments)[:300] + ")"
        if ident in first_seen:
            why += f"; its id is also used by the active record on line {first_seen[ident]}"
        skipped_ids.setdefault(ident, rec.line)
        skipped.append(Problem(where=where, reason=why, article_id=ident))
        return
    if ident in first_seen:
        refuse(f"duplicate id {ident!r} (first at line {first_seen[ident]})")
        return

    date: dt.date | None = None
    if "date" not in a or not a["date"]:
        warn("no date= attribute; relative dates cannot be resolved")
    else:
        try:
            date = _petrarch_date(a["date"])
        except ValueError as exc:
            warn(f"{exc}; the record is kept without a date")
    if not rec.text_parts:
        refuse("no <Text> in the record")
        return
    if not text:
        refuse("empty <Text>")
        return

    events: list[GoldEvent] = []
    no_events = False
    errors: list[str] = []
    for line, c in rec.codings:
        if "error" in c:
            errors.append(c["error"])
        elif "noevents" in c:
            if c["noevents"].lower() in _TRUE:
                no_events = True
            else:
                problems.append(Problem(where=f"{origin}:{line}", reason=f'<EventCoding noevents="{c["noevents"]}"> is not "true"; ignored', article_id=ident, skipped=False))
        elif any(k in c for k in ("sourcecode", "targetcode", "eventcode")):
            missing = [k for k in ("sourcecode", "targetcode", "eventcode") if not c.get(k)]
            if missing:
                problems.append(Problem(where=f"{origin}:{line}", reason=f"<EventCoding> without {', '.join(missing)}; record {ident!r} not scored", article_id=ident))
                return
            events.append(GoldEvent(c["sourcecode"], c["targetcode"], c["eventcode"]))
        else:
            problems.append(Problem(where=f"{origin}:{line}", reason=f"<EventCoding> with none of sourcecode/targetcode/eventcode, noevents or error (attributes {sorted(c)}); record {ident!r} not scored", article_id=ident))
            return
    if events and (no_events or errors):
        refuse(f"contradictory gold: {len(events)} event(s) and {'noevents' if no_events else 'error=' + errors[0]}")
        return
    if errors:
        expected_errors[ident] = errors[0]
        no_events = True
    if not rec.codings:
        warn("no <EventCoding>; scored as expecting no events")
        no_events = True
    first_seen[ident] = rec.line
    sentences.append(GoldSentence(id=ident, text=text, date=date, events=tuple(events), no_events=no_events, origin=where))


# =====================================================================================
# eventcode's CSV / JSONL gold format
# =====================================================================================

_ISO_AT_PRECISION = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _check_code(code: str, where: str) -> str:
    if re.fullmatch(r"\d+\.0+", code):
        raise InputError(f"{where}: code {code!r} is a number, not a CAMEO code string; a spreadsheet may have turned '041' into 41.0 — write codes as text")
    if code.isdigit() and (len(code) == 1 or (len(code) == 2 and not 1 <= int(code) <= 20)):
        raise InputError(f"{where}: code {code!r} is not a CAMEO code; a spreadsheet may have dropped its leading zero ('041' → 41) — write codes as text")
    if any(ch.isspace() for ch in code):
        raise InputError(f"{where}: code {code!r} contains spaces")
    return code


def _check_event_date(value: str, where: str) -> str:
    if not value:
        return ""
    if not _ISO_AT_PRECISION.fullmatch(value):
        raise InputError(f"{where}: event_date {value!r} is not ISO at its precision (YYYY-MM-DD, YYYY-MM or YYYY)")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise InputError(f"{where}: invalid event_date {value!r}: {exc}") from None
    return value


def _check_date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return _petrarch_date(value)
    except ValueError as exc:
        raise InputError(f"{where}: {exc.args[0].replace('YYYYMMDD', 'YYYY-MM-DD')}") from None


class _Builder:
    """Collects rows into sentences, checking that rows sharing an id agree."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.info: dict[str, dict[str, Any]] = {}

    def add(self, row: Mapping[str, str], where: str) -> None:
        ident = row.get("id", "")
        if not ident:
            raise InputError(f"{where}: empty id")
        text = row.get("text", "")
        date = _check_date(row.get("date", ""), where)
        source, target, code = row.get("source", ""), row.get("target", ""), row.get("code", "")
        given = [bool(source), bool(target), bool(code)]
        if any(given) and not all(given):
            names = [n for n, g in zip(("source", "target", "code"), given) if not g]
            raise InputError(f"{where}: [{ident}] empty {', '.join(names)}; give source, target and code, or leave all three empty for a 'no events' row")
        info = self.info.get(ident)
        if info is None:
            if not text:
                raise InputError(f"{where}: [{ident}] empty text")
            info = self.info[ident] = {"text": text, "date": date, "events": [], "none": False, "where": where}
            self.order.append(ident)
        else:
            if text and text != info["text"]:
                raise InputError(f"{where}: [{ident}] text differs from the first row for this id ({info['where']}); rows sharing an id are one sentence")
            if date is not None and info["date"] is not None and date != info["date"]:
                raise InputError(f"{where}: [{ident}] date {date} differs from {info['date']} at {info['where']}")
            if date is not None and info["date"] is None:
                info["date"] = date
        if not any(given):
            if info["events"]:
                raise InputError(f"{where}: [{ident}] a 'no events' row (empty source/target/code) for an id that has events (first at {info['where']})")
            info["none"] = True
            return
        if info["none"]:
            raise InputError(f"{where}: [{ident}] an event for an id already given a 'no events' row (first at {info['where']})")
        info["events"].append(
            GoldEvent(
                source=source,
                target=target,
                code=_check_code(code, where),
                date=_check_event_date(row.get("event_date", ""), where),
                source_country=row.get("source_country", ""),
                target_country=row.get("target_country", ""),
            )
        )

    def build(self) -> list[GoldSentence]:
        return [
            GoldSentence(id=i, text=self.info[i]["text"], date=self.info[i]["date"], events=tuple(self.info[i]["events"]), no_events=not self.info[i]["events"], origin=self.info[i]["where"])
            for i in self.order
        ]


def _read_source(path: str | Path) -> tuple[str, str]:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8-sig"), str(path)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte {exc.start}); re-save the file as UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def read_gold_csv(path: str | Path) -> list[GoldSentence]:
    """Gold sentences from an eventcode gold CSV (``docs/gold-format.md``).

    Raises :class:`InputError` naming the file and line of the first malformed row.
    """
    text, name = _read_source(path)
    return parse_gold_csv(text, origin=name)


def parse_gold_csv(text: str, origin: str = "<string>") -> list[GoldSentence]:
    """Gold sentences from CSV text; ``origin`` names it in errors (``origin:line``)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputError(f"{origin}: empty file; expected a header {','.join(CORE_COLUMNS)}") from None
    except csv.Error as exc:
        raise InputError(f"{origin}:1: malformed CSV header: {exc}") from None
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise InputError(f"{origin}:1: gold CSV header lacks {', '.join(missing)}; expected {','.join(CORE_COLUMNS)}[,{','.join(GOLD_COLUMNS[6:])}], found {','.join(header)}")
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise InputError(f"{origin}:1: repeated column(s) {dupes}")
    builder = _Builder()
    line = reader.line_num
    try:
        for row in reader:
            where = f"{origin}:{line + 1}" if reader.line_num == line + 1 else f"{origin}:{line + 1}-{reader.line_num}"
            start_line = line + 1
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(f"{origin}:{start_line}: malformed row: {len(row)} fields, the header has {len(header)}")
            builder.add({k: v.strip() for k, v in zip(header, row)}, where)
    except csv.Error as exc:
        raise InputError(f"{origin}:{reader.line_num}: malformed CSV: {exc}") from None
    return builder.build()


def read_gold_jsonl(path: str | Path) -> list[GoldSentence]:
    """Gold sentences from an eventcode gold JSONL file: one object per gold event, same keys as the CSV.

    Codes must be JSON strings (``"041"``); a number is refused because it has lost its zero.
    """
    text, name = _read_source(path)
    return parse_gold_jsonl(text, origin=name)


def parse_gold_jsonl(text: str, origin: str = "<string>") -> list[GoldSentence]:
    """Gold sentences from JSONL text; ``origin`` names it in errors (``origin:line``)."""
    builder = _Builder()
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: malformed JSON: {exc.msg} at column {exc.colno}") from None
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected an object with {', '.join(CORE_COLUMNS)}; found {type(record).__name__}")
        missing = [c for c in _REQUIRED if c not in record]
        if missing:
            raise InputError(f"{where}: missing field(s) {', '.join(missing)}")
        row: dict[str, str] = {}
        for key, value in record.items():
            key = str(key).lower()
            if value is None:
                row[key] = ""
            elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
                raise InputError(f"{where}: field {key!r} must be text, found {type(value).__name__}")
            elif isinstance(value, (int, float)) and key in ("source", "target", "code", "source_country", "target_country", "event_date", "date"):
                raise InputError(f"{where}: field {key!r} is the number {value!r}; codes and dates are strings ('041', not 41)")
            else:
                row[key] = str(value).strip()
        builder.add(row, where)
    return builder.build()


def read_gold(path: str | Path) -> list[GoldSentence]:
    """Gold sentences from ``.csv``, ``.jsonl``/``.ndjson`` or PETRARCH ``.xml``.

    For XML the skipped records and problems are logged; use :func:`read_petrarch_xml` to
    get them as data.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return read_gold_csv(p)
    if suffix in (".jsonl", ".ndjson"):
        return read_gold_jsonl(p)
    if suffix == ".xml":
        gold = read_petrarch_xml(p)
        for problem in gold.problems:
            log.warning("%s", problem)
        return list(gold.sentences)
    raise InputError(f"{p}: unsupported gold file type {suffix!r} (use .csv, .jsonl or PETRARCH .xml)")


def _gold_rows(sentences: Iterable[GoldSentence]) -> Iterator[dict[str, str]]:
    for s in sentences:
        base = {"id": s.id, "date": s.date.isoformat() if s.date else "", "text": s.text}
        if not s.events:
            yield {**base, "source": "", "target": "", "code": "", "source_country": "", "target_country": "", "event_date": ""}
        for e in s.events:
            yield {**base, "source": e.source, "target": e.target, "code": e.code, "source_country": e.source_country, "target_country": e.target_country, "event_date": e.date}


def write_gold_csv(sentences: Iterable[GoldSentence], path: str | Path) -> Path:
    """Write gold sentences in eventcode's CSV format (all :data:`GOLD_COLUMNS`)."""
    path = Path(path)
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(GOLD_COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(_gold_rows(sentences))
    return path


def write_gold_jsonl(sentences: Iterable[GoldSentence], path: str | Path) -> Path:
    """Write gold sentences in eventcode's JSONL format (one object per gold event)."""
    path = Path(path)
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for row in _gold_rows(sentences):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


# =====================================================================================
# running the coder over gold
# =====================================================================================


class GoldRun(dict):
    """``{sentence id: [Event, ...]}`` from :func:`run_gold`, plus ``crashes``: one
    :class:`Problem` per record the coder failed on (its id maps to ``[]``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.crashes: list[Problem] = []


def run_gold(coder: EventCoder, gold: Sequence[GoldSentence], *, report: RunReport | None = None) -> GoldRun:
    """Code every gold text with ``coder.code_text(text, date, article_id=id)``.

    An exception in one record is caught: the record maps to ``[]``, and a Problem with its
    id and the message is added to ``.crashes`` (and to ``report.problems`` if given); the run
    goes on. :func:`score` picks the crashes up from the returned mapping.
    """
    out = GoldRun()
    for s in gold:
        try:
            events = list(coder.code_text(s.text, s.date, article_id=s.id))
        except Exception as exc:  # one bad record must not end the evaluation
            log.warning("coding gold record %s failed: %s: %s", s.id, exc.__class__.__name__, exc)
            out.crashes.append(Problem(where=s.origin or s.id, reason=f"coder error: {exc.__class__.__name__}: {exc}", article_id=s.id))
            events = []
        out[s.id] = events
        if report is not None:
            report.articles += 1
            report.events += len(events)
    if report is not None:
        report.problems.extend(out.crashes)
    return out


# =====================================================================================
# scores
# =====================================================================================


def _ratio(num: int, den: int) -> float:
    return num / den if den else math.nan


@dataclass(frozen=True, slots=True)
class LevelScore:
    """True positives, false positives and false negatives, with P/R/F1 (``nan`` when undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        if math.isnan(p) or math.isnan(r):
            return math.nan
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: LevelScore) -> LevelScore:
        return LevelScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class DateScore:
    """Exactly matched events whose gold has a date: how many, and how many the coder dated right."""

    n: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return _ratio(self.correct, self.n)


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold event the coder did not produce (exact level).

    ``hint`` says what came closest: ``right actors, wrong code (same root)``, ``right actors,
    wrong code``, ``right code, wrong actor``, ``coder crashed`` or ``nothing close``;
    ``predicted`` lists the unmatched predictions in the same sentence.
    """

    id: str
    text: str
    source: str
    target: str
    code: str
    date: str
    origin: str
    hint: str
    predicted: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FalseAlarm:
    """A predicted event that is not in the gold (exact level), with the rule that produced it."""

    id: str
    text: str
    source: str
    target: str
    code: str
    rule: str
    event: Event
    hint: str
    gold: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DateMismatch:
    """A correctly coded event whose predicted date does not agree with the gold date."""

    id: str
    source: str
    target: str
    code: str
    gold_date: str
    predicted_date: str
    method: str
    date_text: str


class ScoreFrames(NamedTuple):
    """The tables of :meth:`Scores.to_frames`; unpack them, or index by name (``frames["misses"]``)."""

    overall: pd.DataFrame
    per_root: pd.DataFrame
    confusion: pd.DataFrame
    misses: pd.DataFrame
    false_alarms: pd.DataFrame

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            if key not in self._fields:
                raise KeyError(f"{key!r}; the frames are {', '.join(self._fields)}")
            return getattr(self, key)
        return tuple.__getitem__(self, key)

    def keys(self) -> tuple[str, ...]:
        return self._fields

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return list(zip(self._fields, self))


@dataclass(frozen=True)
class Scores:
    """Everything :func:`score` measured. ``summary()`` for reading, ``to_frames()`` for pandas."""

    sentences: int
    sentences_correct: int
    exact: LevelScore
    root: LevelScore
    country: LevelScore
    per_root: dict[str, LevelScore]
    confusion: dict[tuple[str, str], int]
    dates: DateScore
    misses: tuple[Miss, ...]
    false_alarms: tuple[FalseAlarm, ...]
    date_mismatches: tuple[DateMismatch, ...] = ()
    crashes: tuple[Problem, ...] = ()
    unscored_ids: tuple[str, ...] = ()
    unpredicted_ids: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def levels(self) -> dict[str, LevelScore]:
        return {"exact": self.exact, "root": self.root, "country": self.country}

    def summary(self, *, top: int = 10) -> str:
        """A plain-text report: overall P/R/F1, dates, per-root table, the rules with most false alarms."""

        def pct(x: float) -> str:
            return "   n/a" if math.isnan(x) else f"{100 * x:5.1f}%"

        lines = [
            f"{self.sentences} gold sentences, {self.exact.gold} gold events, {self.exact.predicted} predicted events"
            + (f", {len(self.crashes)} coder crashes" if self.crashes else ""),
            f"sentences coded exactly right: {self.sentences_correct}/{self.sentences}" + (f" ({pct(self.sentences_correct / self.sentences).strip()})" if self.sentences else ""),
            "",
            f"{'level':<9}{'gold':>6}{'pred':>6}{'tp':>6}{'fp':>6}{'fn':>6}  {'precision':>9}  {'recall':>7}  {'F1':>7}",
        ]
        described = {"exact": "exact", "root": "root", "country": "country"}
        for name, s in self.levels.items():
            lines.append(f"{described[name]:<9}{s.gold:>6}{s.predicted:>6}{s.tp:>6}{s.fp:>6}{s.fn:>6}  {pct(s.precision):>9}  {pct(s.recall):>7}  {pct(s.f1):>7}")
        lines.append("  exact = (source, target, code); root = (source, target, first two digits); country = (source[:3], target[:3], root)")
        if self.dates.n:
            lines.append(f"event dates: {self.dates.correct}/{self.dates.n} matched events with a gold date dated right ({pct(self.dates.accuracy).strip()})")
        else:
            lines.append("event dates: no matched event has a gold date")
        rows = [(r, s) for r, s in self.per_root.items() if s.gold or s.predicted]
        if rows:
            lines += ["", f"{'root':<6}{'gold':>6}{'pred':>6}{'tp':>6}{'fp':>6}{'fn':>6}  {'precision':>9}  {'recall':>7}  {'F1':>7}"]
            for r, s in rows:
                lines.append(f"{r:<6}{s.gold:>6}{s.predicted:>6}{s.tp:>6}{s.fp:>6}{s.fn:>6}  {pct(s.precision):>9}  {pct(s.recall):>7}  {pct(s.f1):>7}")
        if self.false_alarms:
            by_rule = Counter(f.rule or "(no rule)" for f in self.false_alarms)
            lines += ["", f"false alarms by rule (top {min(top, len(by_rule))} of {len(by_rule)}):"]
            lines += [f"  {n:>4}  {rule}" for rule, n in by_rule.most_common(top)]
        if self.misses:
            hints = Counter(m.hint for m in self.misses)
            lines += ["", "misses: " + ", ".join(f"{n} {h}" for h, n in hints.most_common())]
        if self.crashes:
            lines += ["", "coder crashes:"] + [f"  {c}" for c in self.crashes[:top]]
        if self.unscored_ids:
            lines += ["", f"{len(self.unscored_ids)} predicted id(s) not in the gold were ignored (e.g. {self.unscored_ids[0]!r})"]
        if self.unpredicted_ids:
            lines += [f"{len(self.unpredicted_ids)} gold id(s) had no predictions at all (scored as coding nothing, e.g. {self.unpredicted_ids[0]!r})"]
        return "\n".join(lines)

    def to_frames(self) -> ScoreFrames:
        """``overall``, ``per_root``, ``confusion``, ``misses``, ``false_alarms`` as DataFrames.

        ``overall``: one row per level (exact, root, country) with gold, predicted, tp, fp, fn,
        precision, recall, f1; its ``attrs`` hold the sentence counts and date accuracy.
        ``per_root``: one row per root (``01``..``20`` always, then any other root seen), with
        the CAMEO root name. ``confusion``: gold root (rows) × predicted root (columns) counts,
        with ``(none)`` for an event on one side only. ``misses``/``false_alarms``: one row each,
        with sentence id and text; false alarms carry ``rule``, ``verb_text`` and the actor rules.
        """
        import pandas as pd

        from .codebook import load_codebook

        def level_row(name: str, s: LevelScore) -> dict[str, Any]:
            return {"level": name, "gold": s.gold, "predicted": s.predicted, "tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision, "recall": s.recall, "f1": s.f1}

        overall = pd.DataFrame([level_row(n, s) for n, s in self.levels.items()])
        overall.attrs.update(
            {
                "sentences": self.sentences,
                "sentences_correct": self.sentences_correct,
                "dated_matches": self.dates.n,
                "dates_correct": self.dates.correct,
                "date_accuracy": self.dates.accuracy,
                "crashes": len(self.crashes),
            }
        )
        codebook = load_codebook()
        per_root = pd.DataFrame(
            [{"root": r, "name": codebook[r].name if r in codebook else "", **{k: v for k, v in level_row(r, s).items() if k != "level"}} for r, s in self.per_root.items()],
            columns=["root", "name", "gold", "predicted", "tp", "fp", "fn", "precision", "recall", "f1"],
        )
        per_root = per_root.astype({"root": "string", "name": "string"})
        labels_gold = sorted({g for g, _ in self.confusion} - {NONE_LABEL}) + [NONE_LABEL]
        labels_pred = sorted({p for _, p in self.confusion} - {NONE_LABEL}) + [NONE_LABEL]
        confusion = pd.DataFrame(0, index=pd.Index(labels_gold, name="gold_root"), columns=pd.Index(labels_pred, name="predicted_root"), dtype="int64")
        for (g, p), n in self.confusion.items():
            confusion.loc[g, p] = n
        misses = pd.DataFrame(
            [{"id": m.id, "source": m.source, "target": m.target, "code": m.code, "root": m.code[:2], "gold_date": m.date, "hint": m.hint, "predicted": "; ".join(m.predicted), "text": m.text, "origin": m.origin} for m in self.misses],
            columns=["id", "source", "target", "code", "root", "gold_date", "hint", "predicted", "text", "origin"],
        ).astype("string")
        false_alarms = pd.DataFrame(
            [
                {
                    "id": f.id,
                    "source": f.source,
                    "target": f.target,
                    "code": f.code,
                    "root": f.code[:2],
                    "rule": f.rule,
                    "verb_text": f.event.verb_text,
                    "source_text": f.event.source.text,
                    "target_text": f.event.target.text,
                    "source_rule": f.event.source.rule,
                    "target_rule": f.event.target.rule,
                    "event_date": f.event.date.iso(),
                    "mood": f.event.mood,
                    "negated": str(f.event.negated),
                    "hint": f.hint,
                    "gold": "; ".join(f.gold),
                    "sentence": f.event.sentence,
                    "text": f.text,
                }
                for f in self.false_alarms
            ],
            columns=["id", "source", "target", "code", "root", "rule", "verb_text", "source_text", "target_text", "source_rule", "target_rule", "event_date", "mood", "negated", "hint", "gold", "sentence", "text"],
        ).astype("string")
        return ScoreFrames(overall, per_root, confusion, misses, false_alarms)


# ------------------------------------------------------------------ normalisation

_NORMALISERS: dict[str, Callable[[str, str], str]] = {
    "upper": lambda code, kind: code.strip().upper(),
    "quotes": lambda code, kind: code.strip().strip("\"'").strip() if kind == "actor" else code,
    "root-padding": lambda code, kind: (code + "0") if kind == "event" and len(code) == 2 and code.isdigit() else code,
}


def _normaliser(normalise: Iterable[str] | str | Callable[[str, str], str] | None) -> tuple[Callable[[str, str], str], list[str]]:
    if normalise is None:
        return (lambda code, kind: code), []
    if callable(normalise):
        return normalise, [getattr(normalise, "__name__", "custom")]
    names = [normalise] if isinstance(normalise, str) else list(normalise)
    unknown = [n for n in names if n not in _NORMALISERS]
    if unknown:
        raise ValueError(f"unknown normalise option(s) {unknown}; expected any of {sorted(_NORMALISERS)} or a function (code, kind) -> code")
    steps = [_NORMALISERS[n] for n in names]

    def apply(code: str, kind: str) -> str:
        for step in steps:
            code = step(code, kind)
        return code

    return apply, names


def _date_ok(gold_date: str, predicted_iso: str) -> bool:
    """The prediction agrees with the gold at the gold's precision (a coarser prediction does not)."""
    return len(predicted_iso) >= len(gold_date) and predicted_iso[: len(gold_date)] == gold_date


def _match(gold_keys: list, pred_keys: list) -> tuple[list[int | None], list[int | None]]:
    """Multiset matching: pair each gold item with an unused equal predicted item, in order."""
    free: dict[Any, list[int]] = defaultdict(list)
    for j, k in enumerate(pred_keys):
        free[k].append(j)
    g2p: list[int | None] = [None] * len(gold_keys)
    p2g: list[int | None] = [None] * len(pred_keys)
    for i, k in enumerate(gold_keys):
        if free[k]:
            j = free[k].pop(0)
            g2p[i], p2g[j] = j, i
    return g2p, p2g


def score(
    gold: Sequence[GoldSentence],
    predicted: Mapping[str, Sequence[Event]],
    *,
    normalise: Iterable[str] | str | Callable[[str, str], str] | None = (),
    occurred_only: bool = False,
    crashes: Iterable[Problem] | None = None,
) -> Scores:
    """Score predicted events against gold, sentence by sentence, pooled over all sentences.

    ``predicted`` maps a gold sentence id to the events coded from its text (all sentences the
    parser found in it); ids missing from it count as coding nothing, predicted ids not in the
    gold are ignored (listed in ``Scores.unscored_ids``).

    Matching is by multiset per sentence: two identical gold events need two identical
    predictions. Three levels:

    * **exact**: ``(source code, target code, CAMEO code)``;
    * **root**: ``(source code, target code, root)``, root = the code's first two characters;
    * **country**: ``(source country, target country, root)``, country = the first three
      letters of the actor code (``---`` for an unknown country, as in ``---GOV``), or the
      gold's explicit ``source_country``/``target_country`` when given.

    Codes are compared as exact strings. ``normalise`` applies to gold and predicted codes
    alike before comparing: a list of named steps, in order —

    * ``"upper"``: strip spaces and upper-case every code;
    * ``"quotes"``: strip surrounding quotes from actor codes (PETRARCH's new-actor codes
      such as ``'"INJURY TOLL"'``);
    * ``"root-padding"``: read a two-digit event code as the root's base code (``"04"`` → ``"040"``);

    or a function ``(code, kind) -> code`` with ``kind`` ``"actor"`` or ``"event"``.

    ``occurred_only=True`` scores only events that occurred (asserted, not negated);
    by default every coded event counts, as in the events CSV.

    Also computed: the per-root table, the gold-root × predicted-root confusion for events
    with the same actors in the same sentence, event-date accuracy on exactly matched events
    whose gold has a date (the predicted ``date.iso()`` must equal the gold date at the gold's
    precision), and the misses and false alarms (exact level) with sentence id, text and, for
    false alarms, the rule that fired. ``crashes`` defaults to ``predicted.crashes`` (set by
    :func:`run_gold`).
    """
    norm, norm_names = _normaliser(normalise)
    if crashes is None:
        crashes = getattr(predicted, "crashes", ())
    crashes = tuple(crashes)
    crashed_ids = {c.article_id for c in crashes}

    seen: dict[str, str] = {}
    for s in gold:
        if s.id in seen:
            raise InputError(f"{s.origin or s.id}: duplicate gold id {s.id!r} (first at {seen[s.id] or 'an earlier record'}); predictions are matched to gold by id")
        seen[s.id] = s.origin

    tot = {"exact": LevelScore(), "root": LevelScore(), "country": LevelScore()}
    root_counts: dict[str, list[int]] = {r: [0, 0, 0] for r in ROOTS}
    confusion: Counter[tuple[str, str]] = Counter()
    date_n = date_ok = 0
    misses: list[Miss] = []
    false_alarms: list[FalseAlarm] = []
    date_mismatches: list[DateMismatch] = []
    sentences_correct = 0
    unpredicted: list[str] = []

    for s in gold:
        if s.id not in predicted:
            unpredicted.append(s.id)
        preds = [e for e in predicted.get(s.id, ()) if e.occurred or not occurred_only]
        g_src = [norm(e.source, "actor") for e in s.events]
        g_tgt = [norm(e.target, "actor") for e in s.events]
        g_code = [norm(e.code, "event") for e in s.events]
        g_sc = [norm(e.source_country, "actor") if e.source_country else src[:3] for e, src in zip(s.events, g_src)]
        g_tc = [norm(e.target_country, "actor") if e.target_country else tgt[:3] for e, tgt in zip(s.events, g_tgt)]
        p_src = [norm(e.source.code, "actor") for e in preds]
        p_tgt = [norm(e.target.code, "actor") for e in preds]
        p_code = [norm(e.cameo_code, "event") for e in preds]

        # exact level, pairing equal triples so that dates agree where they can
        g_exact = list(zip(g_src, g_tgt, g_code))
        p_exact = list(zip(p_src, p_tgt, p_code))
        g2p: list[int | None] = [None] * len(g_exact)
        p2g: list[int | None] = [None] * len(p_exact)
        free: dict[tuple, list[int]] = defaultdict(list)
        for j, k in enumerate(p_exact):
            free[k].append(j)
        order = sorted(range(len(g_exact)), key=lambda i: not s.events[i].date)  # dated gold first
        for i in order:
            cands = free[g_exact[i]]
            if not cands:
                continue
            gd = s.events[i].date
            pick = next((j for j in cands if gd and _date_ok(gd, preds[j].date.iso())), cands[0])
            cands.remove(pick)
            g2p[i], p2g[pick] = pick, i
        tp = sum(1 for j in g2p if j is not None)
        tot["exact"] += LevelScore(tp, len(p_exact) - tp, len(g_exact) - tp)
        if tp == len(g_exact) == len(p_exact):
            sentences_correct += 1

        for i, j in enumerate(g2p):
            gd = s.events[i].date
            if j is None or not gd:
                continue
            date_n += 1
            piso = preds[j].date.iso()
            if _date_ok(gd, piso):
                date_ok += 1
            else:
                d = preds[j].date
                date_mismatches.append(DateMismatch(s.id, g_src[i], g_tgt[i], g_code[i], gd, piso, d.method, d.text))

        # root level (and the per-root table)
        g_root = [(a, b, c[:2]) for a, b, c in g_exact]
        p_root = [(a, b, c[:2]) for a, b, c in p_exact]
        rg2p, rp2g = _match(g_root, p_root)
        rtp = sum(1 for j in rg2p if j is not None)
        tot["root"] += LevelScore(rtp, len(p_root) - rtp, len(g_root) - rtp)
        for i, j in enumerate(rg2p):
            r = g_root[i][2]
            root_counts.setdefault(r, [0, 0, 0])[0 if j is not None else 2] += 1
        for j, i in enumerate(rp2g):
            if i is None:
                root_counts.setdefault(p_root[j][2], [0, 0, 0])[1] += 1

        # country level
        g_cty = [(a, b, c[:2]) for a, b, c in zip(g_sc, g_tc, g_code)]
        p_cty = [(a[:3], b[:3], c[:2]) for a, b, c in p_exact]
        cg2p, _ = _match(g_cty, p_cty)
        ctp = sum(1 for j in cg2p if j is not None)
        tot["country"] += LevelScore(ctp, len(p_cty) - ctp, len(g_cty) - ctp)

        # confusion: same actors; same-root pairs first (the diagonal), then the rest in order
        g_actor = [(a, b) for a, b, _ in g_exact]
        p_actor = [(a, b) for a, b, _ in p_exact]
        unused_p = [j for j, i in enumerate(rp2g) if i is None]
        for i, j in enumerate(rg2p):
            if j is not None:
                confusion[(g_root[i][2], g_root[i][2])] += 1
        for i, j in enumerate(rg2p):
            if j is not None:
                continue
            partner = next((k for k in unused_p if p_actor[k] == g_actor[i]), None)
            if partner is None:
                confusion[(g_root[i][2], NONE_LABEL)] += 1
            else:
                unused_p.remove(partner)
                confusion[(g_root[i][2], p_root[partner][2])] += 1
        for k in unused_p:
            confusion[(NONE_LABEL, p_root[k][2])] += 1

        # misses and false alarms (exact level), with hints for the dictionary author
        left_p = [j for j, i in enumerate(p2g) if i is None]
        left_g = [i for i, j in enumerate(g2p) if j is None]
        left_p_str = tuple(" ".join(p_exact[j]) for j in left_p)
        left_g_str = tuple(" ".join(g_exact[i]) for i in left_g)
        for i in left_g:
            ev = s.events[i]
            if s.id in crashed_ids:
                hint = "coder crashed"
            else:
                hint = _hint(g_exact[i], [p_exact[j] for j in left_p])
            misses.append(Miss(s.id, s.text, g_src[i], g_tgt[i], g_code[i], ev.date, s.origin, hint, left_p_str))
        for j in left_p:
            e = preds[j]
            hint = _hint(p_exact[j], [g_exact[i] for i in left_g]) if left_g else ("gold says no events" if s.no_events else "no gold event left in this sentence")
            false_alarms.append(FalseAlarm(s.id, s.text, p_src[j], p_tgt[j], p_code[j], e.rule, e, hint, left_g_str))

    extra_roots = sorted(r for r in root_counts if r not in ROOTS)
    per_root = {r: LevelScore(*root_counts[r]) for r in (*ROOTS, *extra_roots)}
    gold_ids = set(seen)
    return Scores(
        sentences=len(gold),
        sentences_correct=sentences_correct,
        exact=tot["exact"],
        root=tot["root"],
        country=tot["country"],
        per_root=per_root,
        confusion=dict(sorted(confusion.items())),
        dates=DateScore(date_n, date_ok),
        misses=tuple(misses),
        false_alarms=tuple(false_alarms),
        date_mismatches=tuple(date_mismatches),
        crashes=crashes,
        unscored_ids=tuple(sorted(k for k in predicted if k not in gold_ids)),
        unpredicted_ids=tuple(unpredicted),
        options={"normalise": norm_names, "occurred_only": occurred_only},
    )


def _hint(item: tuple[str, str, str], others: list[tuple[str, str, str]]) -> str:
    """How close the nearest unmatched event on the other side comes to ``item``."""
    src, tgt, code = item
    if any((s, t) == (src, tgt) and c[:2] == code[:2] for s, t, c in others):
        return "right actors, wrong code (same root)"
    if any((s, t) == (src, tgt) for s, t, c in others):
        return "right actors, wrong code"
    if any((s, t) == (tgt, src) and c == code for s, t, c in others):
        return "right code, actors swapped"
    if any(c == code and (s == src or t == tgt) for s, t, c in others):
        return "right code, one actor wrong"
    if any(c == code for s, t, c in others):
        return "right code, wrong actors"
    return "nothing close"


# =====================================================================================
# sentence classes (ConfliBERT's 5-way CAMEO classes)
# =====================================================================================

#: The label of "no event coded in this sentence" in :class:`ClassScores` (confusion column).
CLASS_NONE = "none"

_CLASS_HEADER = {"class", "label", "quad_class", "quadclass"}


def read_class_gold(path: str | Path) -> list[tuple[str, int]]:
    """``(sentence, class)`` rows from a TSV file ``sentence<TAB>class`` (ConfliBERT's
    ``cameo_class_train.tsv``).

    The class is a non-negative integer; in ConfliBERT's data it is the Phoenix QuadClass
    (0 statement/appeal, CAMEO 01–02; 1 verbal cooperation, 03–05; 2 material cooperation,
    06–08; 3 verbal conflict, 09–13 and 16; 4 material conflict, 14, 15 and 17–20). Blank lines
    are skipped and a header line (``sentence<TAB>class`` or ``text<TAB>label``) is allowed.
    Fields are taken literally (no CSV quoting), so quotes in a sentence stay as written.

    Raises :class:`InputError` naming the file and line of the first malformed row.
    """
    text, name = _read_source(path)
    return parse_class_gold(text, origin=name)


def parse_class_gold(text: str, origin: str = "<string>") -> list[tuple[str, int]]:
    """``(sentence, class)`` rows from TSV text; ``origin`` names it in errors (``origin:line``)."""
    rows: list[tuple[str, int]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        fields = line.split("\t")
        if len(fields) != 2:
            found = "no tab" if len(fields) == 1 else f"{len(fields)} tab-separated fields"
            raise InputError(f"{where}: malformed row: expected 'sentence<TAB>class', found {found}")
        sentence, label = fields[0].strip(), fields[1].strip()
        if not rows and label.lower() in _CLASS_HEADER and not label.isdigit():
            continue  # a header line
        if not label.isdigit():
            raise InputError(f"{where}: class {label!r} is not a non-negative integer (expected e.g. 0-4)")
        if not sentence:
            raise InputError(f"{where}: empty sentence")
        rows.append((sentence, int(label)))
    if not rows:
        raise InputError(f"{origin}: no 'sentence<TAB>class' rows")
    return rows


@dataclass(frozen=True, slots=True)
class ClassScore:
    """One class (or ``"micro"`` for all classes pooled): sentences with that gold class,
    sentences predicted as it, and sentences both; P/R/F1 are ``nan`` when undefined."""

    label: int | str
    name: str
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.correct, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        if math.isnan(p) or math.isnan(r):
            return math.nan
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, eq=False)
class ClassScores:
    """What :func:`score_classes` measured.

    Attributes
    ----------
    scheme:
        the QuadClass scheme of the classes (``"phoenix"``: 0–4, ConfliBERT's; or ``"gdelt"``: 1–4).
    per_class:
        one :class:`ClassScore` per class of the scheme, in order.
    micro:
        all classes pooled: ``gold`` = sentences, ``predicted`` = sentences with an event,
        ``correct`` = sentences whose predicted class is the gold class. Micro precision is
        correct / sentences with an event; micro recall is correct / sentences (a sentence
        with no event counts against recall).
    confusion:
        gold class (rows, ``gold``) × predicted class (columns, ``predicted``) sentence counts,
        with a last column ``"none"`` for sentences in which nothing was coded.
    gold_classes, predicted_classes:
        per sentence, in input order; a predicted class is ``None`` when nothing was coded.
    """

    scheme: str
    per_class: tuple[ClassScore, ...]
    micro: ClassScore
    confusion: pd.DataFrame
    gold_classes: tuple[int, ...] = ()
    predicted_classes: tuple[int | None, ...] = ()

    @property
    def sentences(self) -> int:
        return self.micro.gold

    @property
    def with_event(self) -> int:
        """Sentences in which at least one event was coded."""
        return self.micro.predicted

    @property
    def coverage(self) -> float:
        """Share of sentences with an event (``nan`` for no sentences)."""
        return _ratio(self.micro.predicted, self.micro.gold)

    @property
    def precision(self) -> float:
        return self.micro.precision

    @property
    def recall(self) -> float:
        return self.micro.recall

    @property
    def f1(self) -> float:
        return self.micro.f1

    def to_frame(self) -> pd.DataFrame:
        """One row per class, then a ``micro`` row: label, name, gold, predicted, correct,
        precision, recall, f1; ``attrs`` hold scheme, sentences, with_event and coverage."""
        import pandas as pd

        rows = [
            {"class": str(c.label), "name": c.name, "gold": c.gold, "predicted": c.predicted, "correct": c.correct, "precision": c.precision, "recall": c.recall, "f1": c.f1}
            for c in (*self.per_class, self.micro)
        ]
        frame = pd.DataFrame(rows, columns=["class", "name", "gold", "predicted", "correct", "precision", "recall", "f1"])
        frame = frame.astype({"class": "string", "name": "string"})
        frame.attrs.update({"scheme": self.scheme, "sentences": self.sentences, "with_event": self.with_event, "coverage": self.coverage})
        return frame

    def summary(self) -> str:
        """A plain-text report: coverage, then the per-class and micro table."""

        def num(x: float) -> str:
            return "  n/a" if math.isnan(x) else f"{x:.3f}"

        cov = "n/a" if math.isnan(self.coverage) else f"{self.coverage:.1%}"
        lines = [
            f"{self.sentences} sentences; with an event: {self.with_event} ({cov}); classes: {self.scheme} QuadClass of the first event coded",
            f"{'class':<7}{'gold':>6}{'pred':>6}{'correct':>8}  {'precision':>9}  {'recall':>6}  {'F1':>5}  name",
        ]
        for c in (*self.per_class, self.micro):
            lines.append(f"{c.label!s:<7}{c.gold:>6}{c.predicted:>6}{c.correct:>8}  {num(c.precision):>9}  {num(c.recall):>6}  {num(c.f1):>5}  {c.name}")
        return "\n".join(lines)


def score_class_predictions(gold: Sequence[int], predicted: Sequence[int | None], *, scheme: str = "phoenix") -> ClassScores:
    """The arithmetic of :func:`score_classes`: gold classes against predicted ones (``None``
    for a sentence with no event), position by position.

    Raises :class:`InputError` when the lengths differ or a class is not one of the scheme's
    (Phoenix 0–4, GDELT 1–4).
    """
    import pandas as pd

    from .codebook import QUAD_NAMES

    if scheme not in QUAD_NAMES:
        raise ValueError(f"unknown QuadClass scheme {scheme!r}; expected one of {tuple(QUAD_NAMES)}")
    names = QUAD_NAMES[scheme]
    classes = sorted(names)
    if len(gold) != len(predicted):
        raise InputError(f"{len(gold)} gold classes but {len(predicted)} predictions; they are paired by position")
    for i, g in enumerate(gold):
        if isinstance(g, bool) or g not in names:
            raise InputError(f"row {i + 1}: gold class {g!r} is not a {scheme} QuadClass ({', '.join(map(str, classes))})")
    for i, p in enumerate(predicted):
        if p is not None and (isinstance(p, bool) or p not in names):
            raise InputError(f"row {i + 1}: predicted class {p!r} is not a {scheme} QuadClass ({', '.join(map(str, classes))}) or None")

    pairs = Counter(zip(gold, predicted))
    per_class = tuple(
        ClassScore(
            label=c,
            name=names[c],
            gold=sum(n for (g, _), n in pairs.items() if g == c),
            predicted=sum(n for (_, p), n in pairs.items() if p == c),
            correct=pairs[(c, c)],
        )
        for c in classes
    )
    micro = ClassScore(
        label="micro",
        name="all classes",
        gold=len(gold),
        predicted=sum(1 for p in predicted if p is not None),
        correct=sum(c.correct for c in per_class),
    )
    columns = [*classes, CLASS_NONE]
    confusion = pd.DataFrame(0, index=pd.Index(classes, name="gold"), columns=pd.Index(columns, name="predicted", dtype=object), dtype="int64")
    for (g, p), n in pairs.items():
        confusion.loc[g, CLASS_NONE if p is None else p] = n
    return ClassScores(scheme=scheme, per_class=per_class, micro=micro, confusion=confusion, gold_classes=tuple(gold), predicted_classes=tuple(predicted))


def score_classes(coder: EventCoder, rows: Sequence[tuple[str, int]], *, scheme: str = "phoenix") -> ClassScores:
    """Code each ``(sentence, class)`` row and score the sentence classes.

    A sentence's predicted class is the QuadClass (``scheme``; ConfliBERT's 5-way classes are
    the Phoenix scheme) of the first event eventcode codes in it that is not negated ("will not
    accept refugees" is no 075; modal and intended events count); a sentence with no event has no
    predicted class and counts against recall. Sentences are coded without a publication
    date. An event whose code the codebook lacks is passed over (logged).

    >>> rows = read_class_gold("cameo_class_train.tsv")  # doctest: +SKIP
    >>> print(score_classes(EventCoder(), rows).summary())  # doctest: +SKIP
    """
    from .codebook import QUAD_NAMES, load_codebook
    from .records import Article

    if scheme not in QUAD_NAMES:
        raise ValueError(f"unknown QuadClass scheme {scheme!r}; expected one of {tuple(QUAD_NAMES)}")
    rows = list(rows)
    for i, row in enumerate(rows):
        if not (isinstance(row, tuple) and len(row) == 2 and isinstance(row[0], str) and isinstance(row[1], int)):
            raise InputError(f"row {i + 1}: expected a (sentence, class) tuple of str and int, found {row!r}")
    gold = [c for _, c in rows]
    score_class_predictions(gold, [None] * len(gold), scheme=scheme)  # check the gold before coding
    codebook = load_codebook()
    first: dict[str, int] = {}
    unknown: Counter[str] = Counter()
    articles = [Article(id=str(i), text=sentence) for i, (sentence, _) in enumerate(rows)]
    for event in coder.code_articles(articles):
        if event.article_id in first or event.negated:
            continue
        if event.cameo_code not in codebook:
            unknown[event.cameo_code] += 1
            continue
        first[event.article_id] = codebook[event.cameo_code].quad_class(scheme)
    if unknown:
        log.warning("events with codes the codebook lacks were passed over: %s", dict(unknown))
    predicted = [first.get(str(i)) for i in range(len(rows))]
    return score_class_predictions(gold, predicted, scheme=scheme)
