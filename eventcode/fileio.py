"""Writing output files so that a failed or interrupted run never leaves half a file.

Every writer in eventcode goes through :func:`atomic_path`: the content is written to a
temporary file in the target's own folder (so the final rename stays on one file system),
flushed to disk, and only then renamed over the target. Until that rename the previous file,
if any, is untouched; after it the new file is complete.

Files that belong together (an events CSV and its ``.meta.json``) go through
:func:`atomic_paths`: every temporary file is written and flushed before the first rename, so
a failure while writing leaves all the old files as they were. The renames themselves are not
one operation; the meta is renamed last and carries the CSV's SHA-256 (``output_sha256``), so
a meta left from an earlier run is recognisable (:func:`sha256_file`).

:func:`output_lock` keeps two runs from writing the same output at once, and
:func:`check_writable` says before any work is done that an output cannot be written.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename.

    On any exception (a full disk, Ctrl-C) the temporary file is removed and ``path`` keeps
    its old content. Writers that need a file name (pandas, matplotlib, pyarrow) write to the
    yielded path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("complete")
    >>> target.read_text()
    'complete'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _fsync(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows it
        _fsync(path.parent)


@contextlib.contextmanager
def atomic_paths(*paths: str | Path) -> Iterator[list[Path]]:
    """Temporary paths for several files that are replaced together or not at all.

    All temporary files are written and flushed to disk before any target is renamed; they
    are renamed in the order given (put the file that describes the others last).
    """
    targets = [Path(p) for p in paths]
    temps: list[Path] = []
    try:
        for path in targets:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.close(fd)
            temps.append(Path(name))
        yield list(temps)
        mode = 0o666 & ~_umask()
        for tmp in temps:
            _fsync(tmp)
            os.chmod(tmp, mode)
        while temps:
            os.replace(temps[0], targets[len(targets) - len(temps)])
            temps.pop(0)
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
    for folder in dict.fromkeys(p.parent for p in targets):
        with contextlib.suppress(OSError):
            _fsync(folder)


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes (read in blocks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def output_lock(path: str | Path) -> Iterator[Path]:
    """Hold an exclusive lock on ``<path>.lock`` while ``path`` is written.

    A second run writing the same output fails at once with :class:`OutputError` instead of
    mixing its rows into the first one's file. The lock file is removed when the run ends; a
    run that finds the file replaced under it (by a finishing run) locks the new one.
    """
    import fcntl

    path = Path(path)
    lock = path.with_name(path.name + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputError(f"{path}: another eventcode run is writing this output (lock {lock}); wait for it or choose another -o") from None
            raise
        try:  # the holder before us may have removed the file after we opened it: lock the current one
            same = os.path.samestat(os.fstat(fd), os.stat(lock))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield lock
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(fd)


def check_writable(path: str | Path, what: str = "output") -> None:
    """Refuse, before any work, an output that is a folder, a device, or in a place that cannot
    be written (checked by creating and removing a temporary file beside it)."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{what} {path} is a folder; give a file name (e.g. {path / 'events.csv'})")
    if path.exists() and not path.is_file():
        raise OutputError(f"{what} {path} is not a regular file (a device or a pipe); give a file name")
    folder = path.parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{what} {path}: {existing} is a file, not a folder")
    if existing != folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{what} {path}: cannot create folder {folder}: {exc.strerror or exc}") from None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".check", dir=folder)
    except OSError as exc:
        raise OutputError(f"{what} {path}: cannot write in {folder}: {exc.strerror or exc}") from None
    os.close(fd)
    os.unlink(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
