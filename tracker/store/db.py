"""Engine: ``--db URL``, else ``$TRACKER_DB``, else SQLite ``./tracker.db``.

The schema comes from the Alembic migrations in ``tracker/store/migrations`` (the same on SQLite and
PostgreSQL): :func:`open_engine` upgrades any database to the head revision, and adopts a database
created before migrations existed (tables, no ``alembic_version``) by stamping it at ``0001``.
"""

from __future__ import annotations

import os
import sqlite3
from functools import cache
from pathlib import Path
from importlib import resources

from sqlalchemy import create_engine, event, inspect, make_url, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from tracker.errors import DatabaseError

DEFAULT_URL = "sqlite:///tracker.db"
# the newest migration's revision (tests check it against the migrations): a database already there
# opens with one query and without importing Alembic, which would double a listing's start-up time
HEAD_REVISION = "0003"
# the schema create_all made before migrations existed: 0001 is exactly that schema
LEGACY_REVISION = "0001"
# any constant: the PostgreSQL advisory lock that lets one process at a time migrate a database
_MIGRATION_LOCK = 7_260_523_001


def resolve_url(url: str | None) -> str:
    return url or os.environ.get("TRACKER_DB") or DEFAULT_URL


# run on each new SQLite connection: a writer waits for another, foreign keys hold, WAL lets readers
# read while one writes, and pages are read through a memory map rather than copied one by one into
# SQLite's cache (a fifth of the CPU time of a 30,000-claim listing's query)
SQLITE_PRAGMAS = ("PRAGMA busy_timeout=30000", "PRAGMA foreign_keys=ON", "PRAGMA journal_mode=WAL", "PRAGMA mmap_size=268435456")


def _sqlite_connect(dbapi_conn, _record) -> None:
    # SQLAlchemy, not the sqlite3 module, decides when a transaction begins (see _sqlite_begin)
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    for pragma in SQLITE_PRAGMAS:
        cur.execute(pragma)
    cur.close()


def _sqlite_connect_read_only(dbapi_conn, _record) -> None:
    # no journal_mode: a read-only connection cannot change it (a WAL database stays WAL)
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    for pragma in SQLITE_PRAGMAS:
        if "journal_mode" not in pragma:
            cur.execute(pragma)
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes SQLite's write lock when it begins, not at its first write: two ingests then
    # queue on the busy timeout, where a reader turning writer would fail at once with
    # « database is locked » (WAL cannot upgrade a stale snapshot).
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("tracker_write") else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same engine for a transaction that writes (on SQLite it begins with the write lock)."""
    return engine.execution_options(tracker_write=True)


def _migrations_dir() -> str:
    return str(resources.files("tracker.store").joinpath("migrations"))


def alembic_config(url: str | None = None, connection: Connection | None = None):
    """An Alembic ``Config`` built in code: the migrations shipped in the package, and either a URL or
    an open connection (``config.attributes["connection"]``, used by env.py)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", _migrations_dir().replace("%", "%%"))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@cache
def _revisions() -> tuple[str, frozenset[str]]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(_migrations_dir())
    return script.get_current_head(), frozenset(s.revision for s in script.walk_revisions())


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def at_head(engine: Engine) -> bool:
    """Is the schema at :data:`HEAD_REVISION`? False too when there is no ``alembic_version`` yet."""
    with engine.connect() as conn:  # a database that does not open fails here, as it would in upgrade()
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD_REVISION]
        except DBAPIError:
            return False  # no such table: upgrade() creates the schema or adopts a legacy one


def _migration_errors() -> tuple[type[Exception], ...]:
    # evaluated only when an exception reaches the except clause: Alembic stays unimported otherwise
    from alembic.util.exc import CommandError

    return (CommandError,)


def upgrade(engine: Engine) -> None:
    """Bring the schema to the head revision; a no-op (one query) when it is there already.

    Concurrent callers are serialised (SQLite's write lock, a PostgreSQL advisory lock), and the
    revision is read again under the lock, so two processes opening a new database migrate it once.
    """
    from alembic import command

    head, known = _revisions()
    current = current_revision(engine)
    if current == head:
        return
    if current is not None and current not in known:
        raise DatabaseError(engine.url.render_as_string(hide_password=True),
                            f"its schema (revision {current}) is newer than this tracker's ({head}); upgrade tracker")
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        cfg = alembic_config(connection=conn)
        tables = set(inspect(conn).get_table_names())
        if "articles" in tables and "alembic_version" not in tables:
            command.stamp(cfg, LEGACY_REVISION)
        command.upgrade(cfg, "head")


def open_engine(url: str | None = None, *, create: bool = True, read_only: bool = False) -> Engine:
    """An engine with the schema at the head revision (``create=False``: only check that it opens);
    any failure is a one-line :class:`DatabaseError`.

    ``read_only``: for the commands that only read. A SQLite file that exists, at the head
    revision, is opened read-only (``mode=ro``; ``immutable`` when its folder cannot be written, as
    on read-only media, where SQLite could not make its shared-memory file); anything else opens as
    usual. Otherwise a SQLite database that cannot be written is refused at once, saying so.
    """
    url = resolve_url(url)
    try:
        if read_only and (engine := _read_only_sqlite(url)) is not None:
            return engine
        if not read_only:
            _check_writable(url)
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
        if not create:
            inspect(engine).get_table_names()
        elif not at_head(engine):
            upgrade(engine)
        if not read_only and engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                if conn.exec_driver_sql("SHOW transaction_read_only").scalar() == "on":
                    raise DatabaseError(url, "the server only allows reading (a standby, or default_transaction_read_only); "
                                             "storing articles needs a server that accepts writes")
    except ArgumentError as exc:
        raise DatabaseError(url, "not a valid SQLAlchemy URL (e.g. sqlite:///tracker.db, postgresql+psycopg://user@host/db)") from exc
    except ModuleNotFoundError as exc:
        raise DatabaseError(url, f"missing database driver ({exc.name}); install it with pip (PostgreSQL: pip install 'tracker[postgres]')") from exc
    except OperationalError as exc:
        raise DatabaseError(url, str(exc.orig).splitlines()[0] if exc.orig else str(exc)) from exc
    except (SQLAlchemyError, *_migration_errors()) as exc:
        raise DatabaseError(url, str(exc).splitlines()[0]) from exc
    return engine


def is_read_only_error(exc: DBAPIError) -> bool:
    """A write refused because the database cannot be written (SQLite's SQLITE_READONLY, PostgreSQL's
    read_only_sql_transaction): trying again cannot help."""
    orig = exc.orig
    return getattr(orig, "sqlite_errorname", "").startswith("SQLITE_READONLY") or getattr(orig, "sqlstate", None) == "25006"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (``sqlite:///tracker.db``); None for another backend, memory, or a
    ``file:`` URI."""
    parsed = make_url(url)
    name = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or name in ("", ":memory:") or name.startswith("file:") or parsed.query:
        return None
    return Path(name)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _check_writable(url: str) -> None:
    """Refuse a SQLite database (or a folder for a new one) that cannot be written, before trying."""
    path = sqlite_file(url)
    if path is None:
        return
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not (_writable(path) and _writable(folder)):
        raise DatabaseError(url, "it is read-only (the file or its folder cannot be written); storing articles needs write "
                                 "access, reading it (rumours, claims, show, report) does not")
    if not path.exists() and folder.is_dir() and not _writable(folder):
        raise DatabaseError(url, f"its folder {folder} is read-only, so the database cannot be created there; give --db another path")


def _read_only_sqlite(url: str) -> Engine | None:
    """A read-only engine on an existing SQLite file at the head revision, else None."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    folder = path.parent if str(path.parent) else Path(".")
    wal = Path(f"{path}-wal")
    # immutable: SQLite neither locks nor looks for a WAL; right only where nobody can write, and
    # only when no WAL holds pages not yet copied into the database
    immutable = not _writable(folder) and not (wal.exists() and wal.stat().st_size)
    uri = path.absolute().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False), poolclass=NullPool)
    event.listen(engine, "connect", _sqlite_connect_read_only)
    event.listen(engine, "begin", _sqlite_begin)
    if at_head(engine):
        return engine
    engine.dispose()
    return None  # an older schema: the usual open upgrades it, or says why it cannot
