"""Repository queries over a session. They never commit: the caller owns the transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from tracker.states import ClaimState, MentionFact
from tracker.store.models import Article, Claim, Mention, State, Step


def article_by_sha(s: Session, sha: str) -> Article | None:
    return s.scalars(select(Article).where(Article.sha256 == sha)).first()


def claim_by_key(s: Session, key: str, *, for_update: bool = False) -> Claim | None:
    """``for_update``: lock the row until the transaction ends (PostgreSQL; SQLite's writer holds
    the whole database already), so two ingests refolding one claim see each other's mentions."""
    q = select(Claim).where(Claim.key == key)
    return s.scalars(q.with_for_update() if for_update else q).first()


def find_claim(s: Session, ident: str) -> Claim | None:
    """By id (« 7 ») or by key (« partnership:leica|xiaomi »)."""
    if ident.isdigit():
        return s.get(Claim, int(ident))
    return claim_by_key(s, ident.strip().lower())


def mention_facts(s: Session, claim_id: int) -> list[MentionFact]:
    rows = s.execute(
        select(Mention, Article.date, Article.sha256).join(Article, Mention.article_id == Article.id).where(Mention.claim_id == claim_id)
    ).all()
    return [
        MentionFact(m.id, m.article_id, date, sha, m.stance, m.strength, m.source, m.expected_by, m.sentence_index)
        for m, date, sha in rows
    ]


def apply_state(s: Session, claim: Claim, st: ClaimState, last_seen: dt.date) -> None:
    claim.state = State(st.state)
    claim.confidence = st.confidence
    claim.first_seen = st.first_seen
    claim.last_seen = last_seen
    claim.resolved_at, claim.resolved_by = st.resolved_at, st.resolved_by
    claim.expected_by = st.expected_by
    claim.sources = list(st.sources)
    s.execute(delete(Step).where(Step.claim_id == claim.id))
    for n, step in enumerate(st.history):
        s.add(Step(claim_id=claim.id, seq=n, date=step.date, state=State(step.state), article_id=step.article_id, mention_id=step.mention_id))


def query_claims(
    s: Session,
    *,
    states: list[str] | None = None,
    entity: str | None = None,
    relation: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[Claim]:
    """Claims, newest first seen first; ``entity`` matches a canonical name case-insensitively."""
    q = select(Claim)
    if states:
        q = q.where(Claim.state.in_([State(x) for x in states]))
    if relation:
        q = q.where(Claim.relation == relation)
    if since:
        q = q.where(Claim.first_seen >= since)
    if until:
        q = q.where(Claim.first_seen <= until)
    if entity:
        needle = entity.strip().lower()
        q = q.where(or_(Claim.key.like(f"%:{needle}|%"), Claim.key.like(f"%|{needle}")))
    q = q.order_by(Claim.first_seen.desc(), Claim.id.desc())
    if limit:
        q = q.limit(limit)
    return list(s.scalars(q))


def with_details(s: Session, ids: list[int]) -> list[Claim]:
    q = (
        select(Claim)
        .where(Claim.id.in_(ids))
        .options(selectinload(Claim.mentions).selectinload(Mention.article), selectinload(Claim.steps))
    )
    by_id = {c.id: c for c in s.scalars(q)}
    return [by_id[i] for i in ids if i in by_id]


def mention_counts(s: Session, ids: list[int]) -> dict[int, tuple[int, int]]:
    """claim id → (mentions, distinct articles)."""
    rows = s.execute(
        select(Mention.claim_id, func.count(Mention.id), func.count(func.distinct(Mention.article_id)))
        .where(Mention.claim_id.in_(ids))
        .group_by(Mention.claim_id)
    ).all()
    return {cid: (n, a) for cid, n, a in rows}


def all_articles(s: Session) -> list[Article]:
    return list(s.scalars(select(Article).order_by(Article.date, Article.id)))
