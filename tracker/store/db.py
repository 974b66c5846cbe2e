"""Engine: ``--db URL``, else ``$TRACKER_DB``, else SQLite ``./tracker.db``.

The schema comes from the Alembic migrations in ``tracker/store/migrations`` (the same on SQLite and
PostgreSQL): :func:`open_engine` upgrades any database to the head revision, and adopts a database
created before migrations existed (tables, no ``alembic_version``) by stamping it at ``0001``.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError

from tracker.errors import DatabaseError

DEFAULT_URL = "sqlite:///tracker.db"
# the newest migration's revision (tests check it against the migrations): a database already there
# opens with one query and without importing Alembic, which would double a listing's start-up time
HEAD_REVISION = "0002"
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


def open_engine(url: str | None = None, *, create: bool = True) -> Engine:
    """An engine with the schema at the head revision (``create=False``: only check that it opens);
    any failure is a one-line :class:`DatabaseError`."""
    url = resolve_url(url)
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
        if not create:
            inspect(engine).get_table_names()
        elif not at_head(engine):
            upgrade(engine)
    except ArgumentError as exc:
        raise DatabaseError(url, "not a valid SQLAlchemy URL (e.g. sqlite:///tracker.db, postgresql+psycopg://user@host/db)") from exc
    except ModuleNotFoundError as exc:
        raise DatabaseError(url, f"missing database driver ({exc.name}); install it with pip (PostgreSQL: pip install 'tracker[postgres]')") from exc
    except OperationalError as exc:
        raise DatabaseError(url, str(exc.orig).splitlines()[0] if exc.orig else str(exc)) from exc
    except (SQLAlchemyError, *_migration_errors()) as exc:
        raise DatabaseError(url, str(exc).splitlines()[0]) from exc
    return engine
