"""An embedded DuckDB store of coded events, for collections that grow run after run.

A CSV is rewritten whole on every run; a store is appended to. Each article's events are
written as a unit keyed by article id, so coding the same article again replaces its rows
instead of duplicating them, and a run can skip articles whose content hash is already
stored. The ``events`` table has exactly the columns of the events CSV (built through
:func:`eventcode.export.events_to_frame`, so there is one definition of an event row), and
any notebook can read the file with SQL or pandas::

    with EventStore("events.duckdb", read_only=True) as store:
        store.sql("SELECT cameo_root, count(*) AS n FROM events GROUP BY 1 ORDER BY 1")

DuckDB allows one writing process per file; readers in other processes open it with
``read_only=True`` (or plain ``duckdb.connect(path, read_only=True)``) while no one writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from . import __version__
from .corpus import prepare_text
from .errors import EventcodeError
from .export import EVENT_COLUMNS, events_to_frame
from .records import Article, Event

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

    from .pipeline import EventCoder

#: Bump when the tables change shape; an older or newer store is refused, not misread.
SCHEMA_VERSION = 2  # 2: role paths, intent code, background, place

#: What :meth:`EventStore.add` did to an article.
Status = Literal["added", "replaced", "unchanged"]

Params = Sequence[object] | Mapping[str, object] | None

_META = "eventcode_meta"

_ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR PRIMARY KEY"),
    ("content_hash", "VARCHAR NOT NULL"),
    ("publication_date", "DATE"),
    ("title", "VARCHAR NOT NULL"),
    ("publisher", "VARCHAR NOT NULL"),
    ("url", "VARCHAR NOT NULL"),
    ("n_events", "INTEGER NOT NULL"),
    ("model", "VARCHAR NOT NULL"),
    ("dictionaries", "VARCHAR NOT NULL"),
    ("eventcode_version", "VARCHAR NOT NULL"),
)

_NULLABLE = {"action_lat", "action_lon"}  # no coordinates where the text names no place
_DUCKDB_TYPES = {"string": "VARCHAR", "int64": "BIGINT", "float64": "DOUBLE", "bool": "BOOLEAN"}

# Rows in the order events_to_frame gives them: the trailing number of event_id is the
# event's rank within its sentence (a plain string sort would put ":10" before ":2").
_EVENT_ORDER = r"article_id, sentence_index, CAST(regexp_extract(event_id, '(\d+)$', 1) AS BIGINT)"


class StoreError(EventcodeError):
    """The store file cannot be used: not DuckDB, not an event store, or another schema."""


def content_hash(article: Article) -> str:
    """SHA-256 of everything in an article that reaches its event rows.

    That is the text as the coder sees it (after :func:`~eventcode.corpus.prepare_text`, so
    re-wrapping or boilerplate changes do not force a re-code), the publication date (relative
    dates resolve against it), the publisher and URL (copied into every row), and the title
    (coded as a sentence of its own, see :mod:`eventcode.headlines`). The origin is left out: it
    changes no event.
    """
    digest = hashlib.sha256()
    date = article.date.isoformat() if article.date else ""
    title = " ".join(article.title.split())
    for part in (prepare_text(article.text), date, article.publisher, article.url, *([title] if title else [])):
        data = part.encode("utf-8")
        digest.update(f"{len(data)}:".encode("ascii"))  # length prefix: no ambiguous joins
        digest.update(data)
    return digest.hexdigest()


def dictionaries_digest(hashes: Mapping[str, str]) -> str:
    """One SHA-256 over ``{dictionary file: sha256}`` so a row can say which dictionaries coded it."""
    digest = hashlib.sha256()
    for name, value in sorted(hashes.items()):
        digest.update(f"{name}\t{value}\n".encode("utf-8"))
    return digest.hexdigest()


def coder_provenance(coder: EventCoder) -> dict[str, str]:
    """``model`` and ``dictionaries`` keyword arguments for :meth:`EventStore.add` from a coder."""
    from .dictionaries import dictionary_hashes
    from .nominal import noun_sources

    name, version = coder.model
    hashes = dictionary_hashes(coder.actor_dictionary.sources) | dictionary_hashes(coder.verb_dictionary.sources) | dictionary_hashes(noun_sources(coder))
    return {"model": f"{name} {version}".strip(), "dictionaries": dictionaries_digest(hashes)}


@dataclass(frozen=True, slots=True)
class _ArticleRow:
    article_id: str
    content_hash: str
    publication_date: dt.date | None
    title: str
    publisher: str
    url: str
    events: tuple[Event, ...]


class EventStore:
    """Events and the articles they came from, in one DuckDB file.

    Parameters
    ----------
    path:
        the database file; created (with its tables and missing folders) unless ``read_only``.
    read_only:
        open for queries only; several processes may read at once while none writes.
    scheme:
        QuadClass scheme of the ``quad_class`` column (``gdelt`` or ``phoenix``). A store
        holds one scheme, fixed when it is created; ``None`` takes the stored one (``gdelt``
        for a new store), and a different one is refused rather than mixed in.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, scheme: str | None = None) -> None:
        import duckdb

        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no event store there (it is created by opening it without read_only)")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        _check_header(self.path)
        try:
            # never fetch an extension from the network because of what a file looks like
            con = duckdb.connect(str(self.path), read_only=read_only, config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0]
            if "conflicting lock" in message.lower() or "could not set lock" in message.lower():
                raise StoreError(f"{self.path}: another process has this event store open for writing (readers should use read_only=True): {message}") from exc
            raise StoreError(f"{self.path}: damaged or not an eventcode event store ({message}); {_REBUILD}") from exc
        self._con: duckdb.DuckDBPyConnection | None = con
        try:
            self.scheme: str = self._prepare(scheme, read_only)
        except duckdb.Error as exc:
            self.close()
            raise StoreError(f"{self.path}: damaged event store ({str(exc).splitlines()[0]}); {_REBUILD}") from exc
        except BaseException:
            self.close()
            raise
        self._template = events_to_frame([], scheme=self.scheme)

    # -- opening -----------------------------------------------------------------------

    def _prepare(self, scheme: str | None, read_only: bool) -> str:
        tables = {
            r[0]
            for r in self.connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = 'main'"
            ).fetchall()
        }
        if not tables:
            if read_only:
                raise StoreError(f"{self.path}: an empty DuckDB database, not an eventcode event store")
            return self._create(scheme or "gdelt")
        if _META not in tables:
            raise StoreError(
                f"{self.path}: a DuckDB database but not an eventcode event store "
                f"(no {_META} table; it has {', '.join(sorted(tables))})"
            )
        meta = dict(self.connection.execute(f"SELECT key, value FROM {_META}").fetchall())
        found = meta.get("schema_version", "?")
        if found != str(SCHEMA_VERSION):
            raise StoreError(
                f"{self.path}: event store schema version {found}, but this eventcode (version {__version__}) "
                f"reads version {SCHEMA_VERSION}; code the articles into a new store"
            )
        for table, expected in (("articles", [c for c, _ in _ARTICLE_COLUMNS]), ("events", list(EVENT_COLUMNS))):
            found_cols = [r[0] for r in self.connection.execute(f"SELECT * FROM {table} LIMIT 0").description] if table in tables else []
            if found_cols != expected:
                missing = [c for c in expected if c not in found_cols]
                extra = [c for c in found_cols if c not in expected]
                raise StoreError(
                    f"{self.path}: table {table!r} does not match schema version {SCHEMA_VERSION} "
                    f"(missing {missing}, unexpected {extra}); code the articles into a new store"
                )
        stored = meta.get("quad_scheme", "gdelt")
        if scheme is not None and scheme != stored:
            raise StoreError(f"{self.path}: the store holds QuadClass scheme {stored!r}, not {scheme!r}; use a separate store per scheme")
        return stored

    def _create(self, scheme: str) -> str:
        template = events_to_frame([], scheme=scheme)  # validates the scheme, gives the column types
        event_cols = ",\n  ".join(
            f"{c} {_DUCKDB_TYPES[str(template[c].dtype)]}" + (" PRIMARY KEY" if c == "event_id" else "" if c in _NULLABLE else " NOT NULL")
            for c in EVENT_COLUMNS
        )
        article_cols = ",\n  ".join(f"{c} {kind}" for c, kind in _ARTICLE_COLUMNS)
        with self._transaction():
            self.connection.execute(f"CREATE TABLE {_META} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
            self.connection.execute(f"CREATE TABLE articles (\n  {article_cols}\n)")
            self.connection.execute(f"CREATE TABLE events (\n  {event_cols}\n)")
            self.connection.executemany(
                f"INSERT INTO {_META} VALUES (?, ?)",
                [["schema_version", str(SCHEMA_VERSION)], ["quad_scheme", scheme], ["created_by", f"eventcode {__version__}"]],
            )
        return scheme

    # -- connection --------------------------------------------------------------------

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The underlying DuckDB connection, for the relational API or ``.pl()``/``.arrow()``."""
        if self._con is None:
            raise StoreError(f"{self.path}: the event store is closed")
        return self._con

    def close(self) -> None:
        """Close the file (releasing DuckDB's write lock); closing twice is harmless."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._con is None else self.scheme
        return f"EventStore({str(self.path)!r}, {state})"

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN … COMMIT, or ROLLBACK on any error, so a failed write leaves no half article."""
        con = self.connection
        con.begin()
        try:
            yield
        except BaseException:
            con.rollback()
            raise
        con.commit()

    # -- writing -----------------------------------------------------------------------

    def has(self, article_id: str, content_hash: str, *, model: str | None = None, dictionaries: str | Mapping[str, str] | None = None) -> bool:
        """True when this article is stored with this content hash, so a run may skip it.

        Pass ``model``/``dictionaries`` too to re-code articles coded by another model or
        other dictionaries.
        """
        query = "SELECT 1 FROM articles WHERE article_id = ? AND content_hash = ?"
        params: list[object] = [article_id, content_hash]
        if model is not None:
            query += " AND model = ?"
            params.append(model)
        if dictionaries is not None:
            query += " AND dictionaries = ?"
            params.append(_digest(dictionaries))
        return self.connection.execute(query, params).fetchone() is not None

    def add(
        self,
        article_id: str,
        content_hash: str,
        events: Iterable[Event],
        *,
        publication_date: dt.date | None = None,
        title: str = "",
        publisher: str = "",
        url: str = "",
        model: str = "",
        dictionaries: str | Mapping[str, str] = "",
    ) -> Status:
        """Store one article's events, replacing whatever was stored for that article.

        An article with no events is stored too (``n_events`` 0), so :meth:`has` can skip it
        next time. ``unchanged`` means the same hash and provenance were already stored (the
        rows are rewritten identically).
        """
        row = _ArticleRow(article_id, content_hash, publication_date, title, publisher, url, tuple(events))
        return self._write([row], model=model, dictionaries=dictionaries)[article_id]

    def add_article(self, article: Article, events: Iterable[Event], *, model: str = "", dictionaries: str | Mapping[str, str] = "") -> Status:
        """:meth:`add` for an :class:`~eventcode.records.Article`, hashing it with :func:`content_hash`."""
        return self.add_articles([(article, events)], model=model, dictionaries=dictionaries)[article.id]

    def add_articles(
        self,
        items: Iterable[tuple[Article, Iterable[Event]]],
        *,
        model: str = "",
        dictionaries: str | Mapping[str, str] = "",
    ) -> dict[str, Status]:
        """Store many ``(article, its events)`` pairs in one transaction (much faster per article).

        All or nothing: an error leaves the store as it was. An article id given twice keeps
        the later one.
        """
        rows = [
            _ArticleRow(a.id, content_hash(a), a.date, a.title, a.publisher, a.url, tuple(events))
            for a, events in items
        ]
        return self._write(rows, model=model, dictionaries=dictionaries)

    def _write(self, rows: Sequence[_ArticleRow], *, model: str, dictionaries: str | Mapping[str, str]) -> dict[str, Status]:
        import pandas as pd

        latest = {r.article_id: r for r in rows}
        if not latest:
            return {}
        digest = _digest(dictionaries)
        for r in latest.values():
            stray = next((e for e in r.events if e.article_id != r.article_id), None)
            if stray is not None:
                raise ValueError(f"event of article {stray.article_id!r} given with article {r.article_id!r}: each article's events must be its own")
        articles = pd.DataFrame(
            [
                (r.article_id, r.content_hash, r.publication_date, r.title, r.publisher, r.url, len(r.events), model, digest, __version__)
                for r in latest.values()
            ],
            columns=[c for c, _ in _ARTICLE_COLUMNS],
        ).astype({"publication_date": "datetime64[s]"})
        events = events_to_frame([e for r in latest.values() for e in r.events], scheme=self.scheme)
        con = self.connection
        cols = ", ".join(EVENT_COLUMNS)
        with self._transaction():
            con.register("_eventcode_new_articles", articles)
            con.register("_eventcode_new_events", events)
            try:
                prior = {
                    a: (h, m, d)
                    for a, h, m, d in con.execute(
                        "SELECT article_id, content_hash, model, dictionaries FROM articles "
                        "WHERE article_id IN (SELECT article_id FROM _eventcode_new_articles)"
                    ).fetchall()
                }
                con.execute("DELETE FROM events WHERE article_id IN (SELECT article_id FROM _eventcode_new_articles)")
                con.execute("DELETE FROM articles WHERE article_id IN (SELECT article_id FROM _eventcode_new_articles)")
                con.execute("INSERT INTO articles SELECT * FROM _eventcode_new_articles")
                con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _eventcode_new_events")
            finally:
                con.unregister("_eventcode_new_articles")
                con.unregister("_eventcode_new_events")
        status: dict[str, Status] = {}
        for r in latest.values():
            before = prior.get(r.article_id)
            if before is None:
                status[r.article_id] = "added"
            elif before == (r.content_hash, model, digest):
                status[r.article_id] = "unchanged"
            else:
                status[r.article_id] = "replaced"
        return status

    def delete(self, article_ids: Iterable[str]) -> int:
        """Remove articles and their events (e.g. retracted stories); returns how many were stored."""
        ids = sorted(set(article_ids))
        if not ids:
            return 0
        with self._transaction():
            found = self.connection.execute("SELECT count(*) FROM articles WHERE article_id IN (SELECT unnest(?))", [ids]).fetchone()
            self.connection.execute("DELETE FROM events WHERE article_id IN (SELECT unnest(?))", [ids])
            self.connection.execute("DELETE FROM articles WHERE article_id IN (SELECT unnest(?))", [ids])
        return int(found[0]) if found else 0

    # -- reading -----------------------------------------------------------------------

    def events(self, where: str | None = None, params: Params = None) -> pd.DataFrame:
        """Stored events as :func:`~eventcode.export.events_to_frame` gives them: same columns,
        dtypes and row order (codes stay strings).

        ``where`` is a SQL condition over the event columns, with ``?`` placeholders filled
        from ``params``: ``store.events("cameo_root = ? AND occurred", ["04"])``.
        """
        cols = ", ".join(EVENT_COLUMNS)
        clause = f" WHERE {where}" if where else ""
        raw = self.connection.execute(f"SELECT {cols} FROM events{clause} ORDER BY {_EVENT_ORDER}", params).df()
        frame = raw.astype(self._template.dtypes.to_dict())
        frame.attrs["quad_scheme"] = self.scheme
        return frame

    def articles(self) -> pd.DataFrame:
        """One row per stored article with its hash, counts and provenance, by article id."""
        return self.connection.execute("SELECT * FROM articles ORDER BY article_id").df()

    def sql(self, query: str, params: Params = None) -> pd.DataFrame:
        """Any SQL over the ``events`` and ``articles`` tables, as a DataFrame.

        Add an ORDER BY when the row order matters: SQL gives none otherwise.
        """
        return self.connection.execute(query, params).df()

    def counts(self) -> dict[str, int]:
        """``{"articles": n, "events": n}``, for run summaries."""
        row = self.connection.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
        assert row is not None
        return {"articles": int(row[0]), "events": int(row[1])}


_REBUILD = "move it aside and code the articles again with --store to rebuild it"


def _check_header(path: Path) -> None:
    """Name a file that cannot be an event store before DuckDB tries to read it (a SQLite
    file would make DuckDB look for an extension; random bytes give an opaque error)."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(b"SQLite format 3\x00"):
        raise StoreError(f"{path}: a SQLite database, not an eventcode event store (a DuckDB file); give another --store path")
    if len(head) < 12 or head[8:12] != b"DUCK":
        raise StoreError(f"{path}: not a DuckDB file (damaged, truncated or another kind of file); {_REBUILD}")


def connect(path: str | Path, *, read_only: bool = True) -> EventStore:
    """Open an existing store for a notebook: read-only by default, so it never takes the write lock."""
    return EventStore(path, read_only=read_only)


def _digest(dictionaries: str | Mapping[str, str]) -> str:
    return dictionaries if isinstance(dictionaries, str) else dictionaries_digest(dictionaries)

