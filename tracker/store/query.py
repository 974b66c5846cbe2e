"""The read side's queries, on the Core tables of :mod:`tracker.store.schema` (no ORM: a cold
``tracker rumours`` pays for SQLAlchemy's import and its SQL, little more).

A listing at a date reads the states ingest stored when that date is on or after the newest
article (:func:`stored_claims`); before it, the claims' mentions are refolded
(:func:`claim_mentions`). Both are narrowed by :func:`listing_filters`. JSON columns are read as
their text, for the caller to decode many at once.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text, and_, case, cast, func, not_, or_, select, type_coerce
from sqlalchemy.engine import Connection

from tracker.store.schema import articles, claims, mentions

# the largest id a claims.id column holds (PostgreSQL's integer; SQLite's integer is 64-bit)
MAX_ID = {"postgresql": 2**31 - 1}
NEWEST_FIRST = (claims.c.first_seen.desc(), claims.c.id.desc())


def latest_article_date(conn: Connection) -> dt.date | None:
    return conn.scalar(select(func.max(articles.c.date)))


def lapsed_rumour(as_of: dt.date):
    """A stored rumour whose expected date is before ``as_of``: it reads as ``expired``."""
    return and_(claims.c.state == "rumour", claims.c.expected_by.is_not(None), claims.c.expected_by < as_of)


def listing_filters(q, as_of: dt.date, *, states=None, entity=None, relation=None, since=None):
    """``q`` narrowed to the claims a listing at ``as_of`` shows: first seen by then, of
    ``relation``, first seen on or after ``since``, naming ``entity`` (a canonical name, any case);
    ``states`` as the stored states read at ``as_of`` (right only when ``as_of`` is on or after the
    newest article; a refold filters on its own states)."""
    q = q.where(claims.c.first_seen <= as_of)
    if states:
        lapsed = lapsed_rumour(as_of)
        wanted = []
        for name in states:
            if name == "expired":
                wanted.append(lapsed)
            elif name == "rumour":
                wanted.append(and_(claims.c.state == "rumour", not_(lapsed)))
            else:
                wanted.append(claims.c.state == name)
        q = q.where(or_(*wanted))
    if relation:
        q = q.where(claims.c.relation == relation)
    if since:
        q = q.where(claims.c.first_seen >= since)
    if entity:
        q = q.where(names_entity(claims.c.key, entity))
    return q


def names_entity(key, entity: str):
    """``key`` (« partnership:leica|xiaomi ») names ``entity`` (a canonical name, any case) as one of
    its parties. The name is a literal: « % » and « _ » match only themselves."""
    needle = entity.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(key.like(f"%:{needle}|%", escape="\\"), key.like(f"%|{needle}", escape="\\"))


def stored_claims(conn: Connection, as_of: dt.date, *, limit: int | None = None, **filters) -> list:
    """The stored claims a listing at ``as_of`` shows, newest first (the ``limit`` newest): rows of
    (id, key, relation, entities, state, confidence, first_seen, last_seen, resolved_at,
    resolved_by, expected_by, sources, mention_count, article_count, evidence sentence, evidence
    cues, evidence article), the state read at ``as_of`` (a lapsed rumour is ``expired``), the
    confidence undecayed, the lists as JSON text."""
    c, m = claims.c, mentions.c
    state = type_coerce(c.state, String)
    q = select(
        c.id, c.key, c.relation, _text(c.entities), case((lapsed_rumour(as_of), "expired"), else_=state), c.confidence, c.first_seen, c.last_seen, c.resolved_at, c.resolved_by, c.expected_by,
        _text(c.sources), c.mention_count, c.article_count, m.sentence, _text(m.cues), m.article_id,
    ).select_from(claims.outerjoin(mentions, m.id == c.evidence_id))
    return conn.execute(listing_filters(q, as_of, **filters).order_by(*NEWEST_FIRST).limit(limit)).all()


def count_claims(conn: Connection, as_of: dt.date, **filters) -> int:
    """How many stored claims a listing at ``as_of`` shows without a limit."""
    return conn.scalar(listing_filters(select(func.count()).select_from(claims), as_of, **filters))


def claim_id(conn: Connection, ident: str) -> int | None:
    """By id (« 7 ») or by key (« partnership:leica|xiaomi »); an id beyond what the column holds is
    no claim."""
    if ident.isascii() and ident.isdigit():  # not « ² », which str.isdigit accepts and int() refuses
        number = int(ident)
        if number > MAX_ID.get(conn.dialect.name, 2**63 - 1):
            return None
        return conn.scalar(select(claims.c.id).where(claims.c.id == number))
    return conn.scalar(select(claims.c.id).where(claims.c.key == ident.strip().lower()).limit(1))


def candidate_claims(conn: Connection, as_of: dt.date, *, ids: list[int] | None = None, **filters):
    """The claims a refold at ``as_of`` starts from (every filter but the states), newest first:
    id, key, relation, entities as JSON text."""
    q = select(claims.c.id, claims.c.key, claims.c.relation, _text(claims.c.entities).label("entities"))
    q = listing_filters(q, as_of, **filters) if ids is None else q.where(claims.c.id.in_(ids))
    return conn.execute(q.order_by(*NEWEST_FIRST)).all()


def claim_mentions(conn: Connection, as_of: dt.date, *, ids: list[int] | None = None, **filters):
    """The mentions of the claims :func:`candidate_claims` reads, by claim then in id order, with
    their article's date, sha256, title and path; the cues as JSON text."""
    m, a = mentions.c, articles.c
    q = (select(m.claim_id, m.id, m.article_id, a.date, a.sha256, m.stance, m.strength, m.source, m.expected_by, m.sentence_index,
                _text(m.cues).label("cues"), m.sentence, a.title, a.path)
         .select_from(mentions.join(articles, a.id == m.article_id).join(claims, claims.c.id == m.claim_id)))
    q = listing_filters(q, as_of, **filters) if ids is None else q.where(m.claim_id.in_(ids))
    return conn.execute(q.order_by(m.claim_id, m.id)).all()


def all_articles(conn: Connection) -> list:
    a = articles.c
    return conn.execute(select(a.id, a.path, a.title, a.date, a.date_source, a.sha256, a.url).order_by(a.date, a.id)).all()


def _text(column):
    """A JSON column as its stored text (cast in SQL: PostgreSQL's driver would otherwise decode
    each value itself)."""
    return cast(column, Text)
