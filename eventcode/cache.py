"""The parse cache: parsed sentences on disk, so that re-coding never re-parses.

Parsing is nearly all of the cost of coding, and researchers re-code the same corpus after every
dictionary change. The cache stores, per article text, the parsed sentence units joined in
one Doc (the token attributes a ``DocBin`` would hold). It lives in one SQLite file per parser — the file name and a meta table carry the
model name and version, the spaCy version, a digest of the pipeline configuration and the
splitter version — so a different model or configuration never reads another's parses, while a
dictionary change (not part of the key) re-codes from the cache. Every entry carries a SHA-256 of
its bytes; an entry that fails the check or does not decode is dropped and re-parsed, and a file
that is not a readable cache is set aside and rebuilt. Nothing in the cache is trusted unchecked.

Location: ``$EVENTCODE_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventcode``, else
``~/.cache/eventcode``; ``eventcode code --cache-dir`` overrides it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import EventcodeError
from .sentences import SPLITTER_VERSION, Tokenised, Unit

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

FORMAT_VERSION = "5"


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path`` now, or None: which file a connection opened."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino)


def default_cache_dir() -> Path:
    """Where parses are kept unless the user says otherwise."""
    if os.environ.get("EVENTCODE_CACHE_DIR"):
        return Path(os.environ["EVENTCODE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "eventcode"


def parser_key(nlp: Language) -> dict[str, str]:
    """Everything a parse depends on besides the text."""
    import spacy

    config = nlp.config.to_str()
    return {
        "model": str(nlp.meta.get("lang", "xx")) + "_" + str(nlp.meta.get("name", "unknown")),
        "model_version": str(nlp.meta.get("version", "")),
        "spacy_version": spacy.__version__,
        "config_sha256": hashlib.sha256(config.encode("utf-8")).hexdigest(),
        "pipes": ",".join(nlp.pipe_names),
        "splitter_version": SPLITTER_VERSION,
        "format_version": FORMAT_VERSION,
    }


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedParse:
    """An article's parsed sentence units joined in one Doc; ``layout`` holds (unit index,
    first token) per unit, so that units can be told apart and added later."""

    doc: Doc
    layout: list[tuple[int, int]]
    text: str  # the Doc's text (Doc.text walks every token; this is kept)

    @property
    def units(self) -> list[int]:
        return [index for index, _ in self.layout]

    def unit_docs(self) -> dict[int, Doc]:
        bounds = [start for _, start in self.layout[1:]] + [len(self.doc)]
        return {index: self.doc[start:end].as_doc() for (index, start), end in zip(self.layout, bounds)}


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    rejected: int = 0


class ParseCache:
    """Parsed sentence units of articles, keyed by article text, for one parser."""

    def __init__(self, nlp: Language, directory: str | Path | None = None) -> None:
        self.key = parser_key(nlp)
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        digest = hashlib.sha256(json.dumps(self.key, sort_keys=True).encode()).hexdigest()[:16]
        self.path = self.directory / f"parses-{self.key['model']}-{self.key['model_version']}-{digest}.sqlite"
        self.stats = CacheStats()
        self._vocab = nlp.vocab
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EventcodeError(f"{self.directory}: cannot create the parse cache folder ({exc.strerror})") from None
        self._conn: sqlite3.Connection | None = None
        self._ident: tuple[int, int] | None = None  # the file the connection opened
        self._pending: list[tuple[str, tuple]] = []  # writes waiting for flush()
        self._db  # open (and check) now, so that a bad cache is reported at the start of a run

    # ------------------------------------------------------------------ file
    @property
    def _db(self) -> sqlite3.Connection:
        """The connection, opened on first use (worker processes each open their own)."""
        if self._conn is None:
            self._ident = _identity(self.path)
            try:
                self._conn = self._connect()
            except sqlite3.DatabaseError as exc:
                self._set_aside(str(exc), self._ident)
                self._ident = _identity(self.path)
                self._conn = self._connect()
        return self._conn

    def _connect(self) -> sqlite3.Connection:
        # several processes may write at once (worker processes, two runs): wait for locks
        db = sqlite3.connect(self.path, timeout=120)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS parses (text_sha256 TEXT PRIMARY KEY, units TEXT NOT NULL, data BLOB NOT NULL, data_sha256 TEXT NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS tokens (text_sha256 TEXT PRIMARY KEY, data BLOB NOT NULL, data_sha256 TEXT NOT NULL)")
            stored = dict(db.execute("SELECT name, value FROM meta").fetchall())
            if not stored:
                db.executemany("INSERT OR IGNORE INTO meta VALUES (?, ?)", sorted(self.key.items()))
                db.commit()
            elif stored != self.key:
                raise sqlite3.DatabaseError(f"cache written for {stored}, not for this parser")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _set_aside(self, why: str, ident: tuple[int, int] | None) -> None:
        """Move the unreadable file ``ident`` aside, unless another process (a second worker
        that met the same damage) has already done so and rebuilt it: that new file is kept."""
        import fcntl

        lock = self.path.with_name(self.path.name + ".lock")
        with open(lock, "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)  # one process at a time decides and moves
            if ident is None or _identity(self.path) != ident:
                log.info("parse cache %s was already rebuilt by another process", self.path)
                return
            bad = self.path.with_name(self.path.name + ".corrupt")
            log.warning("parse cache %s is unreadable (%s); moved to %s and rebuilt", self.path, why, bad.name)
            self.path.replace(bad)
            for suffix in ("-wal", "-shm"):  # SQLite's side files belong to the old file
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.unlink()

    def _reset(self, why: str) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None
        self._set_aside(why, self._ident)  # pending writes go to the new file at the next flush

    # ------------------------------------------------------------------ entries
    def _fetch(self, table: str, text_sha256: str, *columns: str) -> tuple | None:
        """(data, checksum, *columns) of a row whose bytes pass their checksum, or None."""
        try:
            row = self._db.execute(f"SELECT {', '.join(('data', 'data_sha256', *columns))} FROM {table} WHERE text_sha256 = ?", (text_sha256,)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._reset(str(exc))
            return None
        if row is not None and hashlib.sha256(row[0]).hexdigest() != row[1]:
            self._reject(table, text_sha256, "checksum mismatch")
            return None
        return row

    def _reject(self, table: str, text_sha256: str, why: object) -> None:
        log.warning("parse cache %s entry %s… rejected (%s); made again", table, text_sha256[:12], why)
        self.stats.rejected += 1
        self._pending.append((f"DELETE FROM {table} WHERE text_sha256 = ?", (text_sha256,)))

    def get(self, text_sha256: str) -> CachedParse | None:
        """The cached parse of an article's units; None when there is none that can be trusted."""
        row = self._fetch("parses", text_sha256, "units")
        if row is None:
            self.stats.misses += 1
            return None
        data, _, units = row
        try:
            layout = [tuple(pair) for pair in json.loads(units)]
            doc, text = _decode(data, self._vocab)
            starts = [start for _, start in layout]
            if not layout or starts[0] != 0 or starts != sorted(set(starts)) or starts[-1] >= len(doc):
                raise ValueError("sentence layout does not fit the parse")
        except Exception as exc:  # any damage means the entry is rebuilt, never trusted
            self._reject("parses", text_sha256, exc)
            return None
        self.stats.hits += 1
        return CachedParse(doc, layout, text)

    def put(self, text_sha256: str, parse: CachedParse) -> None:
        """Store (replace) an article's parse; written at :meth:`flush`."""
        data = _encode(parse.doc)
        self._pending.append(("INSERT OR REPLACE INTO parses VALUES (?, ?, ?, ?)", (text_sha256, json.dumps(parse.layout), data, hashlib.sha256(data).hexdigest())))

    def get_tokens(self, text_sha256: str, text: str) -> Tokenised | None:
        """The article's tokens and sentence units as the splitter made them, or None."""
        row = self._fetch("tokens", text_sha256)
        if row is None:
            return None
        try:
            return _decode_tokens(row[0], text)
        except Exception as exc:  # rebuilt, never trusted
            self._reject("tokens", text_sha256, exc)
            return None

    def put_tokens(self, text_sha256: str, tokens: Tokenised, text: str) -> None:
        data = _encode_tokens(tokens, text)
        self._pending.append(("INSERT OR REPLACE INTO tokens VALUES (?, ?, ?)", (text_sha256, data, hashlib.sha256(data).hexdigest())))

    def flush(self) -> None:
        """Write what :meth:`put` and :meth:`put_tokens` collected, in one short transaction
        (a write lock held while parsing would make worker processes wait for one another)."""
        if self._pending:
            pending, self._pending = self._pending, []
            with self._db:
                for sql, params in pending:
                    self._db.execute(sql, params)
        elif self._conn is not None:
            self._conn.commit()

    def release(self) -> None:
        """Commit and close the connection; the next use opens a new one (e.g. after a fork)."""
        self.flush()
        if self._conn is not None:
            try:
                self._conn.commit()
            finally:
                self._conn.close()
                self._conn = None

    def close(self) -> None:
        self.release()

    def __enter__(self) -> ParseCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM parses").fetchone()[0]


# A parse is stored as a JSON header (words, text, the strings it uses, the whitespace) and the token
# attribute array, zlib-compressed: the same content as a DocBin, without msgpack's per-call
# registry lookup, which cost more than the decoding itself.
_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "NORM")
_STRING_ATTRS = {"TAG", "MORPH", "LEMMA", "DEP", "ENT_TYPE", "NORM"}
# What a restored parse gets back: MORPH and NORM are stored but not restored (a Doc restored
# and stored again has them empty), because the coder never reads them and setting them costs
# a quarter of the restore.
_RESTORED = ("TAG", "POS", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")
_RESTORED_COLUMNS = [_ATTRS.index(a) for a in _RESTORED]


def _encode(doc: Doc) -> bytes:
    import numpy

    array = doc.to_array(list(_ATTRS)).astype(numpy.uint64)
    strings = doc.vocab.strings
    used = sorted({strings[int(v)] for col, name in enumerate(_ATTRS) if name in _STRING_ATTRS for v in set(array[:, col].tolist()) if v})
    words = [t.text for t in doc]
    header = json.dumps({"words": words, "text": doc.text, "strings": used, "spaces": "".join("1" if t.whitespace_ else "0" for t in doc)}, ensure_ascii=False).encode("utf-8")
    return len(header).to_bytes(4, "little") + header + zlib.compress(array.tobytes(), 1)


def _decode(data: bytes, vocab) -> tuple[Doc, str]:
    import numpy
    from spacy.tokens import Doc

    size = int.from_bytes(data[:4], "little")
    header = json.loads(data[4 : 4 + size])
    for text in header["strings"]:
        vocab.strings.add(text)
    words = header["words"]
    array = numpy.frombuffer(zlib.decompress(data[4 + size :]), dtype=numpy.uint64).reshape(len(words), len(_ATTRS))
    doc = Doc(vocab, words=words, spaces=[c == "1" for c in header["spaces"]])
    doc.from_array(list(_RESTORED), numpy.ascontiguousarray(array[:, _RESTORED_COLUMNS]))
    return doc, header["text"]


def _encode_tokens(tokens: Tokenised, text: str) -> bytes:
    import numpy

    # units as (first token, end token, first char, end char): their texts are slices of the text
    spans = []
    for u in tokens.units:
        start = text.index(u.text, spans[-1][3] if spans else 0)
        spans.append((u.start, u.end, start, start + len(u.text)))
    header = json.dumps({"n": len(tokens.orth), "units": spans}).encode("utf-8")
    arrays = numpy.array([tokens.orth, tokens.lower], dtype=numpy.uint64).tobytes() + numpy.array(tokens.capital, dtype=numpy.uint8).tobytes()
    return len(header).to_bytes(4, "little") + header + zlib.compress(arrays, 1)


def _decode_tokens(data: bytes, text: str) -> Tokenised:
    import numpy

    size = int.from_bytes(data[:4], "little")
    header = json.loads(data[4 : 4 + size])
    n = header["n"]
    raw = zlib.decompress(data[4 + size :])
    hashes = numpy.frombuffer(raw[: 16 * n], dtype=numpy.uint64).reshape(2, n).tolist()
    capital = [bool(c) for c in raw[16 * n :]]
    if len(capital) != n:
        raise ValueError("token arrays do not fit")
    units = [Unit(i, text[a:b], start, end) for i, (start, end, a, b) in enumerate(header["units"])]
    if any(not u.text or u.end > n for u in units):
        raise ValueError("sentence units do not fit the text")
    return Tokenised(hashes[0], hashes[1], capital, units)
