"""The tables: articles, claims, mentions (one sentence stating one claim), steps (state history).

Core ``Table`` objects, so that a read command selects from them without importing the ORM (a
tenth of a second of a cold listing); :mod:`tracker.store.models` maps its classes onto these same
tables, and the Alembic migrations are checked against them.
"""

from __future__ import annotations

import enum

from sqlalchemy import JSON, Column, Date, DateTime, Enum, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class State(str, enum.Enum):
    rumour = "rumour"
    confirmed = "confirmed"
    denied = "denied"
    fact = "fact"
    expired = "expired"


def _state() -> Enum:
    return Enum(State, native_enum=False, length=16)


metadata = MetaData(naming_convention=NAMING)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("path", String(1024), nullable=False),
    Column("title", Text, nullable=False),
    Column("date", Date, nullable=False, index=True),
    Column("date_source", String(16), nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    # where a web page or feed entry was read from; an ingest skips a stored address
    Column("url", String(2048), index=True),
    Column("author", String(512)),
    Column("site", String(512)),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(512), nullable=False, unique=True),
    Column("relation", String(32), nullable=False, index=True),
    Column("entities", JSON, nullable=False),
    Column("state", _state(), nullable=False, index=True),
    Column("confidence", Float, nullable=False),  # undecayed: a listing decays it to its --as-of
    Column("first_seen", Date, nullable=False, index=True),
    Column("last_seen", Date, nullable=False),
    Column("resolved_at", Date),
    Column("resolved_by", Integer, ForeignKey("articles.id")),
    Column("expected_by", Date),
    Column("sources", JSON, nullable=False, default=list),
    # what a listing shows besides the state, kept with it at each refold, so that a listing reads
    # one row per claim instead of counting and ranking its mentions each time
    Column("mention_count", Integer, nullable=False, default=0, server_default="0"),
    Column("article_count", Integer, nullable=False, default=0, server_default="0"),
    # the mention a listing quotes (tracker.states.evidence); no foreign key: mentions already point
    # at claims, and SQLite could only add one by copying the table
    Column("evidence_id", Integer),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False, index=True),
    Column("sentence_index", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("stance", String(16), nullable=False),
    Column("cues", JSON, nullable=False),
    Column("source", String(512)),
    Column("strength", Float, nullable=False),
    Column("expected_by", Date),
    UniqueConstraint("claim_id", "article_id", "sentence_index", name="uq_mentions_claim_article_sentence"),
)

steps = Table(
    "steps", metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("state", _state(), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
    Column("mention_id", Integer, ForeignKey("mentions.id")),
)

Index("ix_claims_state_first_seen", claims.c.state, claims.c.first_seen)
