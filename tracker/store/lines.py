"""A stored listing's JSON lines, written by the database (SQLite, PostgreSQL).

``tracker rumours --format json`` prints 30,000 claims of a 100,000-claim database. Decoding their
JSON columns, building a dict per claim and encoding it again took Python longer than the query;
here the database writes each line (one printf / format per row), as
:func:`tracker.read_commands.listing_json` would, and Python only adds the confidence: decayed to
``--as-of`` and rounded by :func:`tracker.states.decayed`, whose float arithmetic, round-half-even
and ``repr`` SQL could not be trusted to repeat to the last digit.

Strings are escaped by the database's own JSON quoting, which escapes what json.dumps escapes with
``ensure_ascii=False`` and nothing else (tests compare both on every character); lists keep their
order and ``, `` separators. Other backends, and the rare value SQLite's JSON functions cut short
(a NUL inside a list), get None: the caller then builds the lines in Python.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String, case, cast, func, literal, literal_column, or_, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from tracker.resources import canonical, load_json
from tracker.store.db import open_engine
from tracker.store.listing import CLAIMS, MENTIONS, lapsed_rumour, latest_article_date, listed_total, listing_filters

DIALECTS = ("sqlite", "postgresql")
Line = tuple[str, str, float, int, str]


def stored_json_lines(url: str | None, *, as_of: dt.date | None = None, entity: str | None = None, limit: int | None = None,
                      with_total: bool = False, **filters):
    """The claims :func:`tracker.views.list_claims` lists (same ``states``, ``relation``, ``since``
    filters), as the database writes their JSON lines; None when they must be refolded (``as_of``
    before the newest article) or the database cannot write them. Each line comes in parts: up to
    ``"confidence": ``, the state at ``as_of``, the undecayed confidence, the days since the last
    mention, and the rest of the line. ``limit``: the newest only; ``with_total``: (lines, how
    many claims match in all)."""
    as_of = as_of or dt.date.today()
    filters["entity"] = canonical(entity) if entity else None
    with open_engine(url, read_only=True).connect() as conn:
        latest = latest_article_date(conn)
        if latest is not None and latest > as_of:
            return None
        lines = stored_lines(conn, as_of, limit=limit, **filters)
        if lines is None or not with_total:
            return lines
        return lines, listed_total(conn, len(lines), limit, as_of, **filters)


def stored_lines(conn: Connection, as_of: dt.date, *, limit: int | None = None, **filters) -> list[Line] | None:
    """:func:`stored_json_lines` of the claims stored on ``conn``, filtered as
    :func:`tracker.store.listing.listing_filters` does, newest first."""
    sql = _Sql(conn.dialect.name)
    if sql.name not in DIALECTS:
        return None
    claims, evidence = CLAIMS.c, MENTIONS.c
    lapsed = lapsed_rumour(CLAIMS, as_of)
    # NULL where SQLite would cut a string short: the caller then builds the listing in Python
    state = case((sql.cut_short(claims.entities, claims.sources, evidence.cues), None), (lapsed, literal("expired")), else_=claims.state)
    head = sql.line(
        '\n  {"id": ', claims.id, ', "words": ', sql.quote(_words(sql)), ', "key": ', sql.quote(claims.key),
        ', "state": ', sql.quote(state), ', "first_seen": ', sql.quote_date(claims.first_seen),
        ', "mention_count": ', claims.mention_count, ', "sources": ', sql.strings(claims.sources), ', "confidence": ',
    )
    tail = sql.line(
        ', "expected_by": ', sql.quote_date(claims.expected_by), ', "evidence": ', sql.quote(evidence.sentence),
        ', "evidence_cues": ', sql.strings(evidence.cues, "text"), "}",
    )
    q = select(head, state, claims.confidence, sql.days(as_of, claims.last_seen), tail)
    q = listing_filters(q.select_from(CLAIMS.outerjoin(MENTIONS, evidence.id == claims.evidence_id)), CLAIMS, as_of, **filters)
    rows = conn.execute(q.order_by(claims.first_seen.desc(), claims.id.desc()).limit(limit)).all()
    return None if any(row[1] is None for row in rows) else rows


def _words(sql: _Sql) -> ColumnElement:
    """:func:`tracker.views.words` in SQL: « Leica ↔ Xiaomi : partenariat »."""
    relations = load_json("relations.json")["relations"]
    ordered = [name for name, rel in relations.items() if rel.get("ordered")]
    arrow = case((CLAIMS.c.relation.in_(ordered), " → "), else_=" ↔ ") if ordered else literal(" ↔ ")
    label = case({name: rel.get("label_fr", name) for name, rel in relations.items()}, value=CLAIMS.c.relation, else_=CLAIMS.c.relation)
    return _concat(sql.joined(CLAIMS.c.entities, arrow), " : ", label)


def _concat(*parts) -> ColumnElement:
    """``a || b || c``, the strings as bound parameters (every part is a string, never NULL)."""
    out = None
    for p in parts:
        p = literal(p, String) if isinstance(p, str) else p
        out = p if out is None else out.op("||")(p)
    return type_coerce(out, String)


class _Sql:
    """The JSON pieces in one backend's SQL."""

    def __init__(self, name: str):
        self.name = name

    def line(self, *parts) -> ColumnElement:
        """The strings of ``parts`` and the values of its SQL expressions (integers, strings; never
        NULL) in one printf (SQLite) or format (PostgreSQL): one string per row, not a chain of ||."""
        template = "".join(p.replace("%", "%%") if isinstance(p, str) else "%s" for p in parts)
        values = [p for p in parts if not isinstance(p, str)]
        return type_coerce((func.printf if self.name == "sqlite" else func.format)(template, *values), String)

    def quote(self, text) -> ColumnElement:
        """A text as a JSON string; NULL as ``null``."""
        if self.name == "sqlite":
            return func.json_quote(text)  # json_quote(NULL) is 'null'
        return func.coalesce(cast(func.to_json(text), String), "null")

    def quote_date(self, date) -> ColumnElement:
        """A date as a JSON string, NULL as ``null``. SQLite keeps a date as its ISO text, which has
        nothing to escape (quoting it with json_quote cost a tenth of the query); PostgreSQL's
        to_json writes a date in ISO 8601 whatever DateStyle says."""
        if self.name == "sqlite":
            return func.coalesce(_concat('"', type_coerce(date, String), '"'), "null")
        return self.quote(date)

    def days(self, as_of: dt.date, date) -> ColumnElement:
        if self.name == "sqlite":
            return cast(func.julianday(as_of.isoformat()) - func.julianday(date), Integer)
        return literal(as_of).op("-")(date)

    def joined(self, json_list, separator) -> ColumnElement:
        """The strings of a JSON list, joined by ``separator`` (a two-name list without a subquery)."""
        if self.name == "sqlite":
            pair = func.json_extract(json_list, "$[0]").op("||")(separator).op("||")(func.json_extract(json_list, "$[1]"))
            return case((func.json_array_length(json_list) == 2, pair), else_=self._aggregate(json_list, self._text, separator))
        return self._aggregate(json_list, self._text, separator)

    def strings(self, json_list, key: str | None = None) -> ColumnElement:
        """``["a", "b"]``: a JSON list of strings (of ``key`` of each object) as json.dumps writes it."""
        item = self._text if key is None else (lambda v: self._field(v, key))
        listed = _concat("[", func.coalesce(self._aggregate(json_list, lambda v: self.quote(item(v)), ", "), ""), "]")
        if self.name != "sqlite":
            return func.coalesce(listed, "[]")
        if key is None:
            # no backslash: no escape, no quote inside a string, so only separators read '","'
            plain = func.replace(func.json(json_list), '","', '", "')
            return case((json_list == "[]", "[]"), (func.instr(json_list, "\\") == 0, plain), else_=listed)
        one = _concat("[", self.quote(func.json_extract(json_list, f"$[0].{key}")), "]")
        return case((func.coalesce(json_list, "[]") == "[]", "[]"), (func.json_array_length(json_list) == 1, one), else_=listed)

    def cut_short(self, *json_lists) -> ColumnElement:
        """True where SQLite's JSON functions would cut a string at its NUL. (PostgreSQL refuses a NUL
        in text, so an article holding one never got its mentions stored there.)"""
        if self.name != "sqlite":
            return literal(False)
        return or_(*[func.coalesce(func.instr(j, "\\u0000"), 0) > 0 for j in json_lists])

    def _text(self, value) -> ColumnElement:
        """A list element that is a JSON string, as text."""
        return value if self.name == "sqlite" else value.op("#>>")(literal_column("'{}'"))

    def _field(self, value, key: str) -> ColumnElement:
        if self.name == "sqlite":
            return func.json_extract(value, f"$.{key}")
        return value.op("->>")(key)

    def _aggregate(self, json_list, item, separator) -> ColumnElement:
        """``item`` of each element of a JSON list, in list order, joined by ``separator``."""
        if self.name == "sqlite":
            each = func.json_each(json_list).table_valued("value", "key")
            # group_concat follows json_each's rows, which follow the list
            return select(func.group_concat(item(each.c.value), separator)).select_from(each).scalar_subquery()
        from sqlalchemy.dialects.postgresql import aggregate_order_by

        each = func.json_array_elements(json_list).table_valued("value", with_ordinality="n").render_derived()
        separator = literal(separator, String) if isinstance(separator, str) else separator
        return select(func.string_agg(item(each.c.value), aggregate_order_by(separator, each.c.n))).select_from(each).scalar_subquery()
