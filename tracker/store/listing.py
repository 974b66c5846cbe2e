"""Which stored claims a listing at a date shows, on Core tables that name only the columns a
listing reads.

``tracker rumours --format json`` should start in little more than SQLAlchemy's own import time:
the ORM and the mapped models (:mod:`tracker.store.models`, the schema's definition) would add a
tenth of a second, so the JSON lines (:mod:`tracker.store.lines`) are selected from these tables,
and :func:`tracker.store.repo.stored_listing` applies the same filters to the mapped ones. Tests
check every column here against the models.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, Integer, String, Text, and_, column, func, not_, or_, select, table
from sqlalchemy.engine import Connection
from sqlalchemy.sql import TableClause

CLAIMS = table(
    "claims", column("id", Integer), column("key", String), column("relation", String), column("entities", Text),
    column("state", String), column("confidence", Float), column("first_seen", Date), column("last_seen", Date),
    column("expected_by", Date), column("sources", Text), column("mention_count", Integer), column("evidence_id", Integer),
)
MENTIONS = table("mentions", column("id", Integer), column("sentence", String), column("cues", Text))
ARTICLES = table("articles", column("date", Date))


def latest_article_date(conn: Connection) -> dt.date | None:
    return conn.scalar(select(func.max(ARTICLES.c.date)))


def lapsed_rumour(claims: TableClause, as_of: dt.date):
    """A stored rumour whose expected date is before ``as_of``: it reads as ``expired``."""
    return and_(claims.c.state == "rumour", claims.c.expected_by.is_not(None), claims.c.expected_by < as_of)


def listed_total(conn: Connection, shown: int, limit: int | None, as_of: dt.date, **filters) -> int:
    """How many stored claims a listing at ``as_of`` would show without ``limit``, given that it
    showed ``shown``: counted only when the page is full."""
    if not limit or shown < limit:
        return shown
    return conn.scalar(listing_filters(select(func.count()).select_from(CLAIMS), CLAIMS, as_of, **filters))


def listing_filters(q, claims: TableClause, as_of: dt.date, *, states=None, entity=None, relation=None, since=None):
    """``q`` narrowed to the stored ``claims`` a listing at ``as_of`` shows (states as at ``as_of``;
    ``entity`` a canonical name, matched case-insensitively in the key)."""
    lapsed = lapsed_rumour(claims, as_of)
    q = q.where(claims.c.first_seen <= as_of)
    if states:
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
