"""Tables: articles, claims, mentions (one sentence stating one claim), steps (state history)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import JSON, Date, DateTime, Enum, Float, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(1024))
    title: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    date_source: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # where a web page or feed entry was read from (migration 0003); an ingest skips a stored address
    url: Mapped[str | None] = mapped_column(String(2048), index=True)
    author: Mapped[str | None] = mapped_column(String(512))
    site: Mapped[str | None] = mapped_column(String(512))


class Claim(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(512), unique=True)
    relation: Mapped[str] = mapped_column(String(32), index=True)
    entities: Mapped[list] = mapped_column(JSON)
    state: Mapped[State] = mapped_column(Enum(State, native_enum=False, length=16), index=True)
    confidence: Mapped[float] = mapped_column(Float)
    first_seen: Mapped[dt.date] = mapped_column(Date, index=True)
    last_seen: Mapped[dt.date] = mapped_column(Date)
    resolved_at: Mapped[dt.date | None] = mapped_column(Date)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))
    expected_by: Mapped[dt.date | None] = mapped_column(Date)
    sources: Mapped[list] = mapped_column(JSON, default=list)
    # what a listing shows besides the state, kept with it at each refold (migration 0002) so that
    # a listing reads one row per claim instead of counting and ranking its mentions each time
    mention_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    article_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # the mention a listing quotes (tracker.states.evidence); no foreign key: mentions already point
    # at claims, and SQLite could only add one by copying the table
    evidence_id: Mapped[int | None] = mapped_column(Integer)

    mentions: Mapped[list[Mention]] = relationship(back_populates="claim", cascade="all, delete-orphan")
    steps: Mapped[list[Step]] = relationship(back_populates="claim", cascade="all, delete-orphan", order_by="Step.seq")


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("claim_id", "article_id", "sentence_index", name="uq_mentions_claim_article_sentence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    sentence_index: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    stance: Mapped[str] = mapped_column(String(16))
    cues: Mapped[list] = mapped_column(JSON)
    source: Mapped[str | None] = mapped_column(String(512))
    strength: Mapped[float] = mapped_column(Float)
    expected_by: Mapped[dt.date | None] = mapped_column(Date)

    claim: Mapped[Claim] = relationship(back_populates="mentions")
    article: Mapped[Article] = relationship()


class Step(Base):
    """One state change of a claim, with the mention that caused it."""

    __tablename__ = "steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[State] = mapped_column(Enum(State, native_enum=False, length=16))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    mention_id: Mapped[int | None] = mapped_column(ForeignKey("mentions.id"))

    claim: Mapped[Claim] = relationship(back_populates="steps")


Index("ix_claims_state_first_seen", Claim.state, Claim.first_seen)
