"""Engine: ``--db URL``, else ``$TRACKER_DB``, else SQLite ``./tracker.db``."""

from __future__ import annotations

import os

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from tracker.errors import DatabaseError
from tracker.store.models import Base

DEFAULT_URL = "sqlite:///tracker.db"


def resolve_url(url: str | None) -> str:
    return url or os.environ.get("TRACKER_DB") or DEFAULT_URL


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def open_engine(url: str | None = None, *, create: bool = True) -> Engine:
    """An engine with the schema in place; any failure is a one-line :class:`DatabaseError`."""
    url = resolve_url(url)
    try:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        if create:
            Base.metadata.create_all(engine)
        else:
            inspect(engine).get_table_names()
    except ArgumentError as exc:
        raise DatabaseError(url, "not a valid SQLAlchemy URL (e.g. sqlite:///tracker.db, postgresql://user@host/db)") from exc
    except ModuleNotFoundError as exc:
        raise DatabaseError(url, f"missing database driver ({exc.name}); install it with pip") from exc
    except OperationalError as exc:
        raise DatabaseError(url, str(exc.orig).splitlines()[0] if exc.orig else str(exc)) from exc
    except SQLAlchemyError as exc:
        raise DatabaseError(url, str(exc).splitlines()[0]) from exc
    return engine
