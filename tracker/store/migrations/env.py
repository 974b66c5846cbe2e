"""Alembic environment: runs on the connection that :func:`tracker.store.db.upgrade` hands over
(``config.attributes["connection"]``), or on ``sqlalchemy.url`` for ``alembic revision``."""

from alembic import context
from sqlalchemy import create_engine

from tracker.store.models import Base

config = context.config


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _run(conn)
