"""The schema comes from the Alembic migrations, identical to the models on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sqlite3
import subprocess
import sys

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect, select, text
from sqlalchemy.orm import Session

from tracker import errors
from tracker.store import db
from tracker.store.models import Article, Base

pytestmark = pytest.mark.backends


def schema_diff(engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def test_store_migrated_schema_equals_the_models(backend_url):
    engine = db.open_engine(backend_url)
    assert schema_diff(engine) == []
    assert db.current_revision(engine) == db._revisions()[0]
    names = inspect(engine)
    assert {uc["name"] for uc in names.get_unique_constraints("articles")} == {"uq_articles_sha256"}
    assert {fk["name"] for fk in names.get_foreign_keys("steps")} == {
        "fk_steps_article_id_articles", "fk_steps_claim_id_claims", "fk_steps_mention_id_mentions"}


def test_store_open_twice_is_a_no_op(backend_url):
    engine = db.open_engine(backend_url)
    with Session(engine) as s, s.begin():
        s.add(Article(path="a.txt", title="t", text="x", date=dt.date(2024, 1, 1), date_source="option", sha256="0" * 64,
                      ingested_at=dt.datetime(2024, 1, 1)))
    again = db.open_engine(backend_url)
    with Session(again) as s:
        assert s.scalars(select(Article.path)).all() == ["a.txt"]


def legacy_schema(url: str) -> None:
    """The schema create_all made before migrations existed: revision 0001, without alembic_version."""
    command.upgrade(db.alembic_config(url=url), "0001")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    engine.dispose()


def test_store_database_made_before_migrations_is_adopted(backend_url):
    legacy_schema(backend_url)
    legacy = create_engine(backend_url)
    with Session(legacy) as s, s.begin():
        # only the columns of 0001: the model has the later ones too
        s.execute(insert(Article).values(path="old.txt", title="t", text="x", date=dt.date(2021, 5, 14), date_source="text", sha256="1" * 64,
                                         ingested_at=dt.datetime(2021, 5, 14)))
    legacy.dispose()
    engine = db.open_engine(backend_url)
    assert db.current_revision(engine) == db._revisions()[0]
    assert schema_diff(engine) == []
    with Session(engine) as s:
        assert s.scalars(select(Article.path)).all() == ["old.txt"]


def test_store_newer_schema_is_refused_with_one_line(backend_url):
    engine = db.open_engine(backend_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(errors.DatabaseError) as exc:
        db.open_engine(backend_url)
    message = str(exc.value)
    assert "9999" in message and "upgrade tracker" in message and "\n" not in message


def test_store_head_revision_is_the_newest_migration():
    # open_engine trusts HEAD_REVISION to skip Alembic on a database already there: bump it with each migration
    assert db.HEAD_REVISION == db._revisions()[0]


def test_store_database_at_head_opens_without_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'at_head.db'}"
    db.open_engine(url).dispose()
    code = f"import sys\nfrom tracker.store import db\ndb.open_engine({url!r})\nprint(sorted(m for m in sys.modules if m.startswith('alembic')))"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


LISTING_FIELDS = ("id", "mention_count", "article_count", "evidence_id")


def _listing_fields(url: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT {', '.join(LISTING_FIELDS)} FROM claims ORDER BY id")).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def _listings(url: str) -> list[str]:
    from tracker import entry

    out = []
    for argv in (["rumours", "--format", "json"], ["claims", "--format", "json"], ["claims", "--format", "csv"],
                 ["claims", "--state", "confirmed", "--format", "table"], ["claims", "--as-of", "2040-01-01", "--format", "json"]):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            assert entry.run(*entry.parse(["--db", url, *argv])) == 0
        out.append(buf.getvalue())
    return out


def _downgrade_to_0001(url: str) -> None:
    command.downgrade(db.alembic_config(url=url), "0001")
    engine = create_engine(url)
    assert db.current_revision(engine) == "0001"
    assert not {"mention_count", "article_count", "evidence_id"} & {c["name"] for c in inspect(engine).get_columns("claims")}
    engine.dispose()


def _assert_upgrade_backfills(url: str) -> None:
    """Claims stored by ingest, taken back to 0001 and upgraded again: 0002 fills the listing fields
    with what ingest had stored, and every listing prints the same bytes."""
    fields, listings = _listing_fields(url), _listings(url)
    assert any(n > 1 for _, n, _, _ in fields) and all(e is not None for *_, e in fields)
    _downgrade_to_0001(url)
    db.open_engine(url).dispose()  # what any command does first: upgrade to head
    assert _listing_fields(url) == fields
    assert _listings(url) == listings


def test_store_migration_0002_backfills_the_seeds(backend_url, nlp, seeds):
    from tracker import service

    service.ingest([str(p) for p in seeds], url=backend_url, today=dt.date(2026, 11, 23))
    _assert_upgrade_backfills(backend_url)


def test_store_migration_0002_backfills_the_corpus(stored, tmp_path):
    copy = tmp_path / "corpus.db"
    # sqlite3's backup, not a file copy: the session's database may still hold pages in its WAL file
    with sqlite3.connect(stored("corpus").removeprefix("sqlite:///")) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    _assert_upgrade_backfills(f"sqlite:///{copy}")


def test_store_migration_0002_on_an_empty_database(backend_url):
    command.upgrade(db.alembic_config(url=backend_url), "0001")
    engine = db.open_engine(backend_url)
    assert db.current_revision(engine) == db.HEAD_REVISION and schema_diff(engine) == []
