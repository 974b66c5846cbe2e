"""Repository queries over a session. They never commit: the caller owns the transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text, cast, delete, func, or_, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, selectinload

from tracker.states import ClaimState, MentionFact, evidence
from tracker.store.listing import lapsed_rumour, listing_filters
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


def apply_state(s: Session, claim: Claim, st: ClaimState, facts: list[MentionFact]) -> None:
    """Store ``st``, folded from all of the claim's mentions ``facts``, with what a listing shows."""
    claim.state = State(st.state)
    claim.confidence = st.base_confidence  # the read side decays it to its --as-of
    claim.first_seen = st.first_seen
    claim.last_seen = max(f.article_date for f in facts)
    claim.mention_count = len(facts)
    claim.article_count = len({f.article_id for f in facts})
    claim.evidence_id = evidence(facts, st)
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


def latest_article_date(s: Session) -> dt.date | None:
    return s.scalar(select(func.max(Article.date)))


def stored_listing(
    conn: Connection,
    *,
    as_of: dt.date,
    states: list[str] | None = None,
    entity: str | None = None,
    relation: str | None = None,
    since: dt.date | None = None,
) -> list[tuple]:
    """Claims as stored, newest first, with their counts and evidence, in one query.

    Valid only when ``as_of`` is on or after the newest article (stored states then include every
    mention): a stored rumour whose ``expected_by`` is before ``as_of`` reads as ``expired``. The
    counts and the evidence mention are those ingest stored with the state (:func:`apply_state`).
    Tuples of (id, key, relation, entities, state, confidence (undecayed), first_seen, last_seen,
    resolved_at, resolved_by, expected_by, sources, lapsed, mention_count, article_count, evidence_id,
    evidence sentence, evidence cues, evidence article id), the three lists (entities, sources, cues)
    as their JSON text. Core rows on a connection, not ORM ones: a listing has 30,000 of them.
    """
    claims = Claim.__table__
    lapsed = lapsed_rumour(claims, as_of)
    q = select(
        Claim.id, Claim.key, Claim.relation, _json_text(Claim.entities), type_coerce(Claim.state, String), Claim.confidence,
        Claim.first_seen, Claim.last_seen, Claim.resolved_at, Claim.resolved_by, Claim.expected_by, _json_text(Claim.sources),
        lapsed.label("lapsed"), Claim.mention_count, Claim.article_count, Claim.evidence_id,
        Mention.sentence, _json_text(Mention.cues), Mention.article_id,
    ).outerjoin(Mention, Mention.id == Claim.evidence_id)
    q = listing_filters(q, claims, as_of, states=states, entity=entity, relation=relation, since=since)
    return conn.execute(q.order_by(Claim.first_seen.desc(), Claim.id.desc())).all()


def _json_text(column):
    """A JSON column as its stored text, for :func:`tracker.views.json_lists` to decode all at once
    (cast in SQL: PostgreSQL's driver would otherwise decode each value itself)."""
    return cast(column, Text)
