"""PETRARCH validation XML (``PETR.UnitTest.records.xml`` and its relatives) as gold.

Read with a tolerant scanner rather than an XML parser: the published files are not always
well-formed, and every record that cannot be used is reported as a
:class:`~eventcode.records.Problem` naming the line instead of failing the whole file.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .gold import GoldEvent, GoldSentence, parse_gold_date
from .records import Problem


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
            date = parse_gold_date(a["date"])
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
