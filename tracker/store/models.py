"""ORM classes over the tables of :mod:`tracker.store.schema` (their columns come from there), for
the tests and tools that build rows as objects."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from tracker.store import schema
from tracker.store.schema import State

__all__ = ["State", "Base", "Article", "Claim", "Mention", "Step"]


class Base(DeclarativeBase):
    metadata = schema.metadata


class Article(Base):
    __table__ = schema.articles


class Claim(Base):
    __table__ = schema.claims

    mentions: Mapped[list[Mention]] = relationship(back_populates="claim", cascade="all, delete-orphan")
    steps: Mapped[list[Step]] = relationship(back_populates="claim", cascade="all, delete-orphan", order_by="Step.seq")


class Mention(Base):
    __table__ = schema.mentions

    claim: Mapped[Claim] = relationship(back_populates="mentions")
    article: Mapped[Article] = relationship()


class Step(Base):
    """One state change of a claim, with the mention that caused it."""

    __table__ = schema.steps

    claim: Mapped[Claim] = relationship(back_populates="steps")
