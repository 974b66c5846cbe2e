"""The statements ingest sends, on a connection. They never commit: the caller owns the transaction."""

from __future__ import annotations

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from tracker.store.schema import State, articles, claims, mentions, steps


# The statements ingest sends for every article, built once: building a statement (operators,
# coercions) cost about as much as executing it. Lists go in as expanding parameters.
_ARTICLE_BY_SHA = select(articles.c.id, articles.c.title, articles.c.date, articles.c.date_source).where(
    articles.c.sha256 == bindparam("sha"))
_ARTICLE_BY_URL = (select(articles.c.id, articles.c.title, articles.c.date, articles.c.date_source)
                   .where(articles.c.url == bindparam("url")).order_by(articles.c.id).limit(1))
_INSERT_ARTICLE = insert(articles)
_LOCK_CLAIMS = (select(claims.c.key, claims.c.id, claims.c.state).where(claims.c.key.in_(bindparam("keys", expanding=True)))
                .order_by(claims.c.key).with_for_update())
_INSERT_CLAIMS = insert(claims)
_CLAIM_IDS = select(claims.c.key, claims.c.id).where(claims.c.key.in_(bindparam("keys", expanding=True)))
_INSERT_MENTIONS = insert(mentions)
_FACTS = (
    select(mentions.c.claim_id, mentions.c.id, mentions.c.article_id, articles.c.date, articles.c.sha256, mentions.c.stance,
           mentions.c.strength, mentions.c.source, mentions.c.expected_by, mentions.c.sentence_index,
           mentions.c.cues)
    .join(articles, mentions.c.article_id == articles.c.id)
    .where(mentions.c.claim_id.in_(bindparam("ids", expanding=True)))
    .order_by(mentions.c.claim_id, mentions.c.id)
)
_STATE_COLUMNS = ("state", "confidence", "first_seen", "last_seen", "mention_count", "article_count", "evidence_id", "resolved_at",
                  "resolved_by", "expected_by", "sources")
_UPDATE_STATES = update(claims).where(claims.c.id == bindparam("b_id")).values({c: bindparam(c) for c in _STATE_COLUMNS})
_DELETE_STEPS = delete(steps).where(steps.c.claim_id.in_(bindparam("ids", expanding=True)))
_INSERT_STEPS = insert(steps)


def article_by_sha(conn: Connection, sha: str):
    """The stored article with this text's sha256 (id, title, date, date_source), or None."""
    return conn.execute(_ARTICLE_BY_SHA, {"sha": sha}).first()


def article_by_url(conn: Connection, url: str):
    """A stored article read from this address (id, title, date, date_source), or None."""
    return conn.execute(_ARTICLE_BY_URL, {"url": url}).first()


def insert_article(s: Connection, **values) -> int:
    return s.execute(_INSERT_ARTICLE, values).inserted_primary_key[0]


def lock_claims(s: Connection, keys: list[str]) -> dict[str, tuple[int, str]]:
    """key → (id, state) of the stored claims among ``keys``, locked until the transaction ends
    (PostgreSQL, in key order, so two ingests touching the same claims cannot deadlock; SQLite's
    writer holds the whole database already)."""
    return {key: (cid, State(state).value) for key, cid, state in s.execute(_LOCK_CLAIMS, {"keys": keys})}


def insert_claims(s: Connection, rows: list[dict]) -> dict[str, int]:
    """Insert new claims (in the given order); key → id."""
    if not rows:
        return {}
    s.execute(_INSERT_CLAIMS, rows)
    return dict(s.execute(_CLAIM_IDS, {"keys": [r["key"] for r in rows]}).all())


def insert_mentions(s: Connection, rows: list[dict]) -> None:
    if rows:
        s.execute(_INSERT_MENTIONS, rows)


def mention_rows(s: Connection, claim_ids: list[int]) -> list:
    """Every stored mention of these claims, by claim then in id order: (claim id, id, article id,
    article date, article sha256, stance, strength, source, expected_by, sentence index, cues)."""
    return s.execute(_FACTS, {"ids": claim_ids}).all()


def store_states(s: Connection, rows: list[dict], step_rows: list[dict]) -> None:
    """Store each claim's state (``b_id``, the claim's id, and the columns of :data:`_STATE_COLUMNS`)
    and replace the steps of those claims with ``step_rows``."""
    if not rows:
        return
    s.execute(_UPDATE_STATES, rows)
    s.execute(_DELETE_STEPS, {"ids": [r["b_id"] for r in rows]})
    if step_rows:
        s.execute(_INSERT_STEPS, step_rows)
