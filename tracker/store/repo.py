"""Repository queries over a session. They never commit: the caller owns the transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text, bindparam, cast, delete, func, insert, select, type_coerce, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, selectinload

from tracker.stance import polarity_of
from tracker.states import ClaimState, MentionFact, evidence
from tracker.store.listing import lapsed_rumour, listing_filters, names_entity
from tracker.store.models import Article, Claim, Mention, State, Step


# The statements ingest sends for every article, built once: building a statement (operators,
# coercions) cost about as much as executing it. Lists go in as expanding parameters.
_ARTICLES, _CLAIMS, _MENTIONS, _STEPS = (t.__table__ for t in (Article, Claim, Mention, Step))
_ARTICLE_BY_SHA = select(_ARTICLES.c.id, _ARTICLES.c.title, _ARTICLES.c.date, _ARTICLES.c.date_source).where(
    _ARTICLES.c.sha256 == bindparam("sha"))
_ARTICLE_BY_URL = (select(_ARTICLES.c.id, _ARTICLES.c.title, _ARTICLES.c.date, _ARTICLES.c.date_source)
                   .where(_ARTICLES.c.url == bindparam("url")).order_by(_ARTICLES.c.id).limit(1))
_INSERT_ARTICLE = insert(_ARTICLES)
_LOCK_CLAIMS = (select(_CLAIMS.c.key, _CLAIMS.c.id, _CLAIMS.c.state).where(_CLAIMS.c.key.in_(bindparam("keys", expanding=True)))
                .order_by(_CLAIMS.c.key).with_for_update())
_INSERT_CLAIMS = insert(_CLAIMS)
_CLAIM_IDS = select(_CLAIMS.c.key, _CLAIMS.c.id).where(_CLAIMS.c.key.in_(bindparam("keys", expanding=True)))
_INSERT_MENTIONS = insert(_MENTIONS)
_FACTS = (
    select(_MENTIONS.c.claim_id, _MENTIONS.c.id, _MENTIONS.c.article_id, _ARTICLES.c.date, _ARTICLES.c.sha256, _MENTIONS.c.stance,
           _MENTIONS.c.strength, _MENTIONS.c.source, _MENTIONS.c.expected_by, _MENTIONS.c.sentence_index,
           _MENTIONS.c.cues)
    .join(_ARTICLES, _MENTIONS.c.article_id == _ARTICLES.c.id)
    .where(_MENTIONS.c.claim_id.in_(bindparam("ids", expanding=True)))
    .order_by(_MENTIONS.c.claim_id, _MENTIONS.c.id)
)
_STATE_COLUMNS = ("state", "confidence", "first_seen", "last_seen", "mention_count", "article_count", "evidence_id", "resolved_at",
                  "resolved_by", "expected_by", "sources")
_UPDATE_STATES = update(_CLAIMS).where(_CLAIMS.c.id == bindparam("b_id")).values({c: bindparam(c) for c in _STATE_COLUMNS})
_DELETE_STEPS = delete(_STEPS).where(_STEPS.c.claim_id.in_(bindparam("ids", expanding=True)))
_INSERT_STEPS = insert(_STEPS)


def article_by_sha(conn: Connection | Session, sha: str):
    """The stored article with this text's sha256 (id, title, date, date_source), or None."""
    return conn.execute(_ARTICLE_BY_SHA, {"sha": sha}).first()


# the largest id a claims.id column holds (PostgreSQL's integer; SQLite's integer is 64-bit)
MAX_ID = {"postgresql": 2**31 - 1}


def article_by_url(conn: Connection | Session, url: str):
    """A stored article read from this address (id, title, date, date_source), or None."""
    return conn.execute(_ARTICLE_BY_URL, {"url": url}).first()


def find_claim(s: Session, ident: str) -> Claim | None:
    """By id (« 7 ») or by key (« partnership:leica|xiaomi »). (Ingest locks the claims it
    refolds with :func:`lock_claims`.) An id beyond what the column holds is no claim."""
    if ident.isascii() and ident.isdigit():  # not « ² », which str.isdigit accepts and int() refuses
        number = int(ident)
        return s.get(Claim, number) if number <= MAX_ID.get(s.get_bind().dialect.name, 2**63 - 1) else None
    return s.scalars(select(Claim).where(Claim.key == ident.strip().lower())).first()


def insert_article(s: Connection | Session, **values) -> int:
    return s.execute(_INSERT_ARTICLE, values).inserted_primary_key[0]


def lock_claims(s: Connection | Session, keys: list[str]) -> dict[str, tuple[int, str]]:
    """key → (id, state) of the stored claims among ``keys``, locked until the transaction ends
    (PostgreSQL, in key order, so two ingests touching the same claims cannot deadlock; SQLite's
    writer holds the whole database already)."""
    return {key: (cid, State(state).value) for key, cid, state in s.execute(_LOCK_CLAIMS, {"keys": keys})}


def insert_claims(s: Connection | Session, rows: list[dict]) -> dict[str, int]:
    """Insert new claims (in the given order); key → id."""
    if not rows:
        return {}
    s.execute(_INSERT_CLAIMS, rows)
    return dict(s.execute(_CLAIM_IDS, {"keys": [r["key"] for r in rows]}).all())


def insert_mentions(s: Connection | Session, rows: list[dict]) -> None:
    if rows:
        s.execute(_INSERT_MENTIONS, rows)


def facts_by_claim(s: Connection | Session, claim_ids: list[int]) -> dict[int, list[MentionFact]]:
    """Every stored mention of each claim, as the facts its state is folded from."""
    facts: dict[int, list[MentionFact]] = {cid: [] for cid in claim_ids}
    for cid, *fact, cues in s.execute(_FACTS, {"ids": claim_ids}):
        facts[cid].append(MentionFact(*fact, polarity=polarity_of(fact[4], cues)))
    return facts


def store_states(s: Connection | Session, folded: dict[int, tuple[ClaimState, list[MentionFact]]]) -> None:
    """Store each claim's state, folded from all of its mentions, with what a listing shows (the
    counts and the evidence mention), and replace its steps."""
    if not folded:
        return
    rows, step_rows = [], []
    for cid, (st, facts) in folded.items():
        rows.append({
            "b_id": cid, "state": State(st.state), "confidence": st.base_confidence,  # the read side decays it
            "first_seen": st.first_seen, "last_seen": max(f.article_date for f in facts),
            "mention_count": len(facts), "article_count": len({f.article_id for f in facts}),
            "evidence_id": evidence(facts, st), "resolved_at": st.resolved_at, "resolved_by": st.resolved_by,
            "expected_by": st.expected_by, "sources": list(st.sources),
        })
        step_rows += [
            {"claim_id": cid, "seq": n, "date": step.date, "state": State(step.state), "article_id": step.article_id,
             "mention_id": step.mention_id}
            for n, step in enumerate(st.history)
        ]
    s.execute(_UPDATE_STATES, rows)
    s.execute(_DELETE_STEPS, {"ids": list(folded)})
    if step_rows:
        s.execute(_INSERT_STEPS, step_rows)


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
        q = q.where(names_entity(Claim.key, entity))
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
    limit: int | None = None,
) -> list[tuple]:
    """Claims as stored, newest first (the ``limit`` newest), with their counts and evidence, in one query.

    Valid only when ``as_of`` is on or after the newest article (stored states then include every
    mention): a stored rumour whose ``expected_by`` is before ``as_of`` reads as ``expired``. The
    counts and the evidence mention are those ingest stored with the state (:func:`store_states`).
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
    return conn.execute(q.order_by(Claim.first_seen.desc(), Claim.id.desc()).limit(limit)).all()



def _json_text(column):
    """A JSON column as its stored text, for :func:`tracker.views.json_lists` to decode all at once
    (cast in SQL: PostgreSQL's driver would otherwise decode each value itself)."""
    return cast(column, Text)
