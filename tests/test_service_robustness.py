"""Real processes: an ingest killed in the middle of a batch, and two ingests into one database at once.

A database is *consistent* when (see :func:`assert_consistent`):

- every mention points at a stored article and a stored claim, every claim has at least one mention,
  every state step points at a stored article and, when it has one, at a mention of its own claim;
- every stored article has all its mentions: as many as the same article (same sha256) has in a
  reference database filled by one uninterrupted ingest — no article is half-stored;
- every claim's stored state, first-seen date, resolution date and history length are what folding
  its stored mentions gives — no claim was left behind by a write it did not see;
- each file is stored at most once (one row per sha256 and per path).

The finished databases are compared with the reference: same articles (by sha256), same mentions
per article, same claims with the same states, dates and confidence.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tracker import service
from tracker.cli import app
from tracker.states import fold
from tracker.store.models import Article, Claim, Mention, Step

from conftest import SEEDS_DIR

BATCH = 20
WAIT = 300  # seconds: a generous bound on loading spaCy in a busy machine, never a timing assertion


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """20 corpus articles (distinct texts), copied to a folder of their own."""
    folder = tmp_path_factory.mktemp("batch")
    for f in sorted(SEEDS_DIR.glob("*.txt"))[:BATCH]:
        shutil.copy(f, folder / f.name)
    files = sorted(folder.glob("*.txt"))
    assert len(files) == BATCH
    return files


@pytest.fixture(scope="module")
def reference(batch, tmp_path_factory, nlp):
    """The database one uninterrupted ingest of the batch gives."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'reference.db'}"
    results = service.ingest([str(f) for f in batch], url=url)
    assert [r.status for r in results] == ["stored"] * BATCH
    return snapshot(url)


def snapshot(url: str) -> dict:
    engine = create_engine(url)
    try:
        with Session(engine) as s:
            sha = dict(s.execute(select(Article.id, Article.sha256)).all())
            per_article = Counter(sha[a] for a in s.scalars(select(Mention.article_id)))
            claims = {
                c.key: (c.state.value, c.first_seen, c.resolved_at, sha.get(c.resolved_by), round(c.confidence, 6), len(c.mentions))
                for c in s.scalars(select(Claim))
            }
        return {"articles": sorted(sha.values()), "mentions": dict(per_article), "claims": claims}
    finally:
        engine.dispose()


def assert_consistent(url: str, reference: dict) -> int:
    """Check the definition in the module docstring; return how many articles are stored."""
    engine = create_engine(url)
    try:
        with Session(engine) as s:
            articles = {a.id: a for a in s.scalars(select(Article))}
            claims = {c.id: c for c in s.scalars(select(Claim))}
            mentions = {m.id: m for m in s.scalars(select(Mention))}
            assert len({a.sha256 for a in articles.values()}) == len({a.path for a in articles.values()}) == len(articles)
            for m in mentions.values():
                assert m.article_id in articles and m.claim_id in claims
            per_article = Counter(articles[m.article_id].sha256 for m in mentions.values())
            for a in articles.values():
                assert a.sha256 in reference["articles"], a.path
                assert per_article[a.sha256] == reference["mentions"].get(a.sha256, 0), f"{a.path} is half-stored"
            for c in claims.values():
                facts = service.facts_by_claim(s, [c.id])[c.id]
                assert facts, f"claim {c.key} has no mention"
                want = fold(facts)
                assert (c.state.value, c.first_seen, c.resolved_at) == (want.state, want.first_seen, want.resolved_at), c.key
                assert len(c.steps) == len(want.history), c.key
            for step in s.scalars(select(Step)):
                assert step.claim_id in claims and step.article_id in articles
                assert step.mention_id is None or mentions[step.mention_id].claim_id == step.claim_id
            return len(articles)
    finally:
        engine.dispose()


def tracker_process(url: str, files, out, folder) -> subprocess.Popen:
    """``tracker ingest`` as a user runs it, from a folder of its own: run from the repository,
    ``python -m tracker`` would import the source tree instead of the installed package."""
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DB"}
    return subprocess.Popen([sys.executable, "-m", "tracker", "--db", url, "ingest", *map(str, files)],
                            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=folder)


def stored_count(engine) -> int:
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(Article.__table__)).scalar_one()
    except DBAPIError:  # the schema is not there yet
        return 0


def test_service_sigkill_mid_batch_leaves_a_consistent_database(db_url, batch, reference, tmp_path):
    log = tmp_path / "killed.log"
    with open(log, "wb") as out:
        proc = tracker_process(db_url, batch, out, tmp_path)
    watcher = create_engine(db_url)
    try:
        deadline = time.monotonic() + WAIT
        while proc.poll() is None and stored_count(watcher) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(WAIT)
    finally:
        watcher.dispose()
    assert proc.returncode == -signal.SIGKILL, f"the ingest ended by itself before it was killed:\n{log.read_text()}"

    kept = assert_consistent(db_url, reference)
    assert 1 <= kept < BATCH

    again = CliRunner().invoke(app, ["--db", db_url, "ingest", *map(str, batch)])
    assert again.exit_code == 0, again.output
    assert again.stdout.count("already stored") == kept
    assert assert_consistent(db_url, reference) == BATCH
    assert snapshot(db_url) == reference


@pytest.mark.backends
def test_service_two_ingests_at_once_store_everything_once(backend_url, batch, reference, tmp_path):
    # they meet in the middle: the same articles and the same claims are stored by both at once
    first, second = batch[:14], list(reversed(batch[6:]))
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    procs = []
    for files, log in zip((first, second), logs):
        with open(log, "wb") as out:
            procs.append(tracker_process(backend_url, files, out, tmp_path))
    for proc, log in zip(procs, logs):
        proc.wait(WAIT)
        assert proc.returncode == 0, log.read_text()

    outputs = [log.read_text() for log in logs]
    for f in batch:
        stored_by = sum(out.count(f"+ {f} ") for out in outputs)
        assert stored_by == 1, f"{f.name} stored {stored_by} times"
    assert assert_consistent(backend_url, reference) == BATCH
    assert snapshot(backend_url) == reference
