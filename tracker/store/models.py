"""ORM classes over the tables of :mod:`tracker.store.schema`, for the tests and tools that build
rows as objects."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from tracker.store import schema
from tracker.store.schema import NAMING, State

__all__ = ["NAMING", "State", "Base", "Article", "Claim", "Mention", "Step"]


class Base(DeclarativeBase):
    metadata = schema.metadata


class Article(Base):
    __table__ = schema.articles

    id: Mapped[int]
    path: Mapped[str]
    title: Mapped[str]
    date: Mapped[dt.date]
    date_source: Mapped[str]
    sha256: Mapped[str]
    text: Mapped[str]
    ingested_at: Mapped[dt.datetime]
    url: Mapped[str | None]
    author: Mapped[str | None]
    site: Mapped[str | None]


class Claim(Base):
    __table__ = schema.claims

    id: Mapped[int]
    key: Mapped[str]
    relation: Mapped[str]
    entities: Mapped[list]
    state: Mapped[State]
    confidence: Mapped[float]
    first_seen: Mapped[dt.date]
    last_seen: Mapped[dt.date]
    resolved_at: Mapped[dt.date | None]
    resolved_by: Mapped[int | None]
    expected_by: Mapped[dt.date | None]
    sources: Mapped[list]
    mention_count: Mapped[int]
    article_count: Mapped[int]
    evidence_id: Mapped[int | None]

    mentions: Mapped[list[Mention]] = relationship(back_populates="claim", cascade="all, delete-orphan")
    steps: Mapped[list[Step]] = relationship(back_populates="claim", cascade="all, delete-orphan", order_by="Step.seq")


class Mention(Base):
    __table__ = schema.mentions

    id: Mapped[int]
    claim_id: Mapped[int]
    article_id: Mapped[int]
    sentence_index: Mapped[int]
    sentence: Mapped[str]
    stance: Mapped[str]
    cues: Mapped[list]
    source: Mapped[str | None]
    strength: Mapped[float]
    expected_by: Mapped[dt.date | None]

    claim: Mapped[Claim] = relationship(back_populates="mentions")
    article: Mapped[Article] = relationship()


class Step(Base):
    """One state change of a claim, with the mention that caused it."""

    __table__ = schema.steps

    id: Mapped[int]
    claim_id: Mapped[int]
    seq: Mapped[int]
    date: Mapped[dt.date]
    state: Mapped[State]
    article_id: Mapped[int]
    mention_id: Mapped[int | None]

    claim: Mapped[Claim] = relationship(back_populates="steps")
