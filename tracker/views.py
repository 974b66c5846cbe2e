"""The read side's model: claims as they stood at an ``--as-of`` date, for list, show and report.

A claim at a date is one :class:`Listed` row. At or after the newest article the states ingest
stored are read (:func:`stored_claims`); before it each claim's mentions are refolded
(:func:`refolded_claims`). Both build the same rows, and tests hold them equal. Show and the report
refold too, for the mentions and history they print (:func:`detailed_claims`).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import NamedTuple

from sqlalchemy.engine import Connection

from tracker import errors
from tracker.resources import canonical, load_json
from tracker.stance import factuality, negative_words, polarity_of
from tracker.states import MentionFact, decayed, evidence, fold
from tracker.store import query
from tracker.store.db import open_engine


def words(relation: str, entities: list[str]) -> str:
    """« Leica ↔ Xiaomi : partenariat », « Microsoft → Activision Blizzard : rachat »."""
    arrow, label = _relation_words(relation)
    return f"{arrow.join(entities)} : {label}"


@cache
def _relation_words(relation: str) -> tuple[str, str]:
    rel = load_json("relations.json")["relations"].get(relation, {})
    return (" → " if rel.get("ordered") else " ↔ "), rel.get("label_fr", relation)


class Listed(NamedTuple):
    """One claim at a date: its state and confidence then, and the evidence a listing quotes. (A
    named tuple: a listing builds 30,000 of them.)"""

    id: int
    key: str
    relation: str
    entities: list[str]
    state: str
    confidence: float  # decayed to the date
    first_seen: dt.date
    resolved_at: dt.date | None
    resolved_by: int | None
    expected_by: dt.date | None
    sources: list[str]
    mention_count: int
    article_count: int
    evidence: str | None
    evidence_cues: list[str]
    evidence_article: int | None

    @property
    def words(self) -> str:
        return words(self.relation, self.entities)

    @property
    def days_to_resolution(self) -> int | None:
        return (self.resolved_at - self.first_seen).days if self.resolved_at else None

    def as_dict(self) -> dict:
        """The fields as ``tracker show --format json`` and the report print them."""
        return {
            "id": self.id, "key": self.key, "relation": self.relation, "entities": list(self.entities), "words": self.words,
            "state": self.state, "confidence": self.confidence, "first_seen": self.first_seen.isoformat(),
            "resolved_at": _iso(self.resolved_at), "resolved_by": self.resolved_by, "days_to_resolution": self.days_to_resolution,
            "expected_by": _iso(self.expected_by), "sources": self.sources, "mention_count": self.mention_count,
            "article_count": self.article_count, "evidence": self.evidence, "evidence_cues": self.evidence_cues,
            "evidence_article": self.evidence_article,
        }


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def list_claims(url: str | None, *, as_of: dt.date | None = None, limit: int | None = None, **filters) -> tuple[list[Listed], int]:
    """The claims at ``as_of`` (default today) that ``filters`` (``states``, ``entity``, ``relation``,
    ``since``) keep, newest first, the ``limit`` newest only (None: all); and how many match in all."""
    as_of = as_of or dt.date.today()
    if filters.get("entity"):
        filters["entity"] = canonical(filters["entity"])
    with open_engine(url, read_only=True).connect() as conn:
        latest = query.latest_article_date(conn)
        if latest is not None and latest > as_of:
            rows = refolded_claims(conn, as_of, **filters)
            return rows[:limit] if limit else rows, len(rows)
        rows = stored_claims(conn, as_of, limit=limit, **filters)
        total = len(rows) if not limit or len(rows) < limit else query.count_claims(conn, as_of, **filters)
        return rows, total


def stored_claims(conn: Connection, as_of: dt.date, *, limit: int | None = None, **filters) -> list[Listed]:
    """The claims as ingest stored them, read at ``as_of``: right only when ``as_of`` is on or after
    the newest article (the stored states then fold every mention)."""
    rows = query.stored_claims(conn, as_of, limit=limit, **filters)
    entities, sources, cues = (json_lists(r[i] for r in rows) for i in (3, 11, 15))
    return [
        Listed(id_, key, relation, names, state, decayed(state, confidence, (as_of - last_seen).days), first_seen, resolved_at,
               resolved_by, expected_by, sources_, mention_count, article_count, sentence, [c["text"] for c in cues_], article)
        for (id_, key, relation, _, state, confidence, first_seen, last_seen, resolved_at, resolved_by, expected_by, _, mention_count,
             article_count, sentence, _, article), names, sources_, cues_ in zip(rows, entities, sources, cues)
    ]


def refolded_claims(conn: Connection, as_of: dt.date, *, states=None, **filters) -> list[Listed]:
    """The claims refolded from their mentions known at ``as_of``, newest first: right at any date."""
    return [row for row, _, _ in _refolded(conn, as_of, states=states, detail=False, **filters)]


def detailed_claims(conn: Connection, as_of: dt.date, *, ids: list[int] | None = None) -> list[dict]:
    """The claims (every one, or those of ``ids``) at ``as_of``, newest first, each with the
    mentions known then and its history, as show and the report print them."""
    return [{**row.as_dict(), "mentions": mentions, "history": history}
            for row, mentions, history in _refolded(conn, as_of, ids=ids, detail=True)]


def _refolded(conn: Connection, as_of: dt.date, *, states=None, detail: bool, ids: list[int] | None = None, **filters) -> list:
    found = query.candidate_claims(conn, as_of, ids=ids, **filters)
    mentions = query.claim_mentions(conn, as_of, ids=ids, **filters)
    by_claim: dict[int, list] = {}
    for m, cues in zip(mentions, json_lists(m.cues for m in mentions)):
        by_claim.setdefault(m.claim_id, []).append((m, cues))
    out = []
    for claim, names in zip(found, json_lists(c.entities for c in found)):
        folded = _refold(claim, names, by_claim.get(claim.id, []), as_of, detail)
        if folded is not None and (not states or folded[0].state in states):
            out.append(folded)
    return out


def _refold(claim, names: list[str], mentions: list, as_of: dt.date, detail: bool):
    """(row, mentions, history) of one claim from its mentions (rows of
    :func:`tracker.store.query.claim_mentions`, each with its decoded cues); None before its first."""
    facts = [MentionFact(m.id, m.article_id, m.date, m.sha256, m.stance, m.strength, m.source, m.expected_by, m.sentence_index,
                         polarity_of(m.stance, cues)) for m, cues in mentions]
    st = fold(facts, as_of=as_of)
    if st is None:
        return None
    known = {m.id: (m, cues) for m, cues in mentions if m.date <= as_of}
    best, best_cues = known.get(evidence([f for f in facts if f.article_date <= as_of], st), (None, []))
    row = Listed(claim.id, claim.key, claim.relation, names, st.state, st.confidence, st.first_seen, st.resolved_at, st.resolved_by,
                 st.expected_by, st.sources, len(known), len({m.article_id for m, _ in known.values()}), best and best.sentence,
                 [c["text"] for c in best_cues], best and best.article_id)
    if not detail:
        return row, None, None
    shown = [
        {"article": m.article_id, "date": m.date.isoformat(), "title": m.title, "path": m.path, "sentence": m.sentence,
         "stance": m.stance, "cues": [{"text": c["text"], "kind": c["kind"]} for c in cues], "source": m.source,
         "factuality": factuality(m.stance, cues), "negative": negative_words(m.stance, cues)}
        for m, cues in sorted(known.values(), key=lambda mc: (mc[0].date, mc[0].article_id, mc[0].sentence_index))
    ]
    history = [
        {"date": step.date.isoformat(), "state": step.state, "article": step.article_id, "stance": step.stance,
         "sentence": known[step.mention_id][0].sentence if step.mention_id in known else None,
         # « abandon évoqué »: what the step's mention says when it is a negative rumour
         "negative": negative_words(step.stance, known[step.mention_id][1]) if step.mention_id in known else None}
        for step in st.history
    ]
    return row, shown, history


def json_lists(texts) -> list:
    """Decode many JSON texts (30,000 rows' lists) in one call of json's C parser, not one each."""
    return json.loads("[" + ",".join("null" if t is None else t for t in texts) + "]")


def show_claim(url: str | None, ident: str, *, as_of: dt.date | None = None) -> dict:
    """One claim at ``as_of`` (default today) with every mention known then and its history."""
    with open_engine(url, read_only=True).connect() as conn:
        found = query.claim_id(conn, ident)
        if found is None:
            raise errors.ClaimNotFound(ident)
        detailed = detailed_claims(conn, as_of or dt.date.today(), ids=[found])
    if not detailed:
        raise errors.ClaimNotFound(f"{ident} (not yet seen at {as_of})")
    return detailed[0]


def report_data(url: str | None, as_of: dt.date) -> tuple[list[dict], list[dict]]:
    """Every claim at ``as_of`` with its mentions and history, by id, and every article."""
    with open_engine(url, read_only=True).connect() as conn:
        claims = detailed_claims(conn, as_of)
        articles = [
            {"id": id_, "path": path, "title": title, "date": date.isoformat(), "date_source": source, "sha256": sha, "url": address}
            for id_, path, title, date, source, sha, address in query.all_articles(conn)
        ]
    claims.sort(key=lambda c: c["id"])
    return claims, articles
