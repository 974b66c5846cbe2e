"""Where ``tracker report --output FILE`` may write, and how: never over the database, whole or not at all.

A report written over ``tracker.db`` (or its ``-wal``) would destroy everything stored, so the
database's own files, and any other SQLite database, are refused before the report is built. The
report goes to a temporary file beside the target and is renamed over it once complete: an
interrupted or failed write leaves the old file as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from tracker import errors

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def database_files(db: str | None) -> list[Path]:
    """The files a SQLite database URL lives in (the database, its WAL, shared memory and journal);
    none for a server database, an in-memory one or a URL that does not parse."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from tracker.store.db import resolve_url

    try:
        url = make_url(resolve_url(db))
    except (ArgumentError, ValueError):
        return []
    name = url.database or ""
    if url.get_backend_name() != "sqlite" or name in ("", ":memory:") or name.startswith("file:"):
        return []
    return [Path(name + suffix) for suffix in SQLITE_COMPANIONS]


def _same(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # a hard link, or another name for the same file
    except OSError:
        return False


def check_output(output: Path, db: str | None) -> None:
    """Refuse an output path that is one of the database's files, another SQLite database, or a folder."""
    for f in database_files(db):
        if _same(output, f):
            raise errors.UsageError(f"--output {errors.shown(output)} is the database's own file; writing the report there "
                                    "would destroy what is stored: give another file name")
    try:
        info = os.stat(output)
    except OSError:
        return  # a new file (a folder that is missing or not writable is said when writing)
    if stat.S_ISDIR(info.st_mode):
        raise errors.UsageError(f"--output {errors.shown(output)} is a folder; give a file name, e.g. {errors.shown(Path(output) / 'report.md')}")
    if stat.S_ISREG(info.st_mode):
        try:
            with open(output, "rb") as f:
                head = f.read(len(SQLITE_MAGIC))
        except OSError:
            return
        if head == SQLITE_MAGIC:
            raise errors.UsageError(f"--output {errors.shown(output)} is a SQLite database; the report would replace it: "
                                    "give another file name")


def write_atomically(output: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``output``: a regular file is replaced whole by a rename; a device or
    a named pipe (``/dev/stdout``) is written to directly."""
    data = text.encode("utf-8")
    try:
        try:
            info = os.stat(output)
        except FileNotFoundError:
            info = None
        if info is not None and not stat.S_ISREG(info.st_mode):
            with open(output, "wb") as f:
                f.write(data)
            return
        _replace(Path(os.path.realpath(output)), data, None if info is None else stat.S_IMODE(info.st_mode))
    except OSError as exc:
        raise errors.TrackerError(f"cannot write {errors.shown(output)}: {exc.strerror or exc}; the report was not written") from exc


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:100]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is None:  # a new file gets the usual permissions, not mkstemp's private 0600
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
