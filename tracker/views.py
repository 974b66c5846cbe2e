"""Read side: claims as plain dicts at an ``--as-of`` date, shared by list, show and report."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

from sqlalchemy.orm import Session

from tracker import errors
from tracker.resources import canonical, load_json
from tracker.stance import factuality, negative_words, polarity_of
from tracker.states import MentionFact, decayed, evidence, fold
from tracker.store import repo
from tracker.store.db import open_engine
from tracker.store.listing import listed_total
from tracker.store.models import Claim

def words(relation: str, entities: list[str]) -> str:
    """« Leica ↔ Xiaomi : partenariat », « Microsoft → Activision Blizzard : rachat »."""
    arrow, label = _relation_words(relation)
    return f"{arrow.join(entities)} : {label}"


@cache
def _relation_words(relation: str) -> tuple[str, str]:
    rel = load_json("relations.json")["relations"].get(relation, {})
    return (" → " if rel.get("ordered") else " ↔ "), rel.get("label_fr", relation)


def _facts(claim: Claim) -> list[MentionFact]:
    return [
        MentionFact(m.id, m.article_id, m.article.date, m.article.sha256, m.stance, m.strength, m.source, m.expected_by, m.sentence_index,
                    polarity_of(m.stance, m.cues))
        for m in claim.mentions
    ]


def claim_view(claim: Claim, as_of: dt.date, *, detail: bool = True) -> dict | None:
    """The claim as it stood at ``as_of``: state, confidence, history, mentions, evidence."""
    mentions = sorted((m for m in claim.mentions if m.article.date <= as_of), key=lambda m: m.id)
    facts = _facts(claim)
    st = fold(facts, as_of=as_of)
    if st is None:
        return None
    by_mention = {m.id: m for m in mentions}
    best = by_mention.get(evidence([f for f in facts if f.article_date <= as_of], st))
    view = {
        "id": claim.id,
        "key": claim.key,
        "relation": claim.relation,
        "entities": list(claim.entities),
        "words": words(claim.relation, list(claim.entities)),
        "state": st.state,
        "confidence": st.confidence,
        "first_seen": st.first_seen.isoformat(),
        "resolved_at": st.resolved_at.isoformat() if st.resolved_at else None,
        "resolved_by": st.resolved_by,
        "days_to_resolution": st.days_to_resolution,
        "expected_by": st.expected_by.isoformat() if st.expected_by else None,
        "sources": st.sources,
        "mention_count": len(mentions),
        "article_count": len({m.article_id for m in mentions}),
        "evidence": best.sentence if best else None,
        "evidence_cues": [c["text"] for c in best.cues] if best else [],
        "evidence_article": best.article_id if best else None,
    }
    if detail:
        view["mentions"] = [
            {
                "article": m.article_id, "date": m.article.date.isoformat(), "title": m.article.title, "path": m.article.path,
                "sentence": m.sentence, "stance": m.stance,
                "cues": [{"text": c["text"], "kind": c["kind"]} for c in m.cues], "source": m.source,
                "factuality": factuality(m.stance, m.cues), "negative": negative_words(m.stance, m.cues),
            }
            for m in sorted(mentions, key=lambda m: (m.article.date, m.article_id, m.sentence_index))
        ]
        view["history"] = [
            {
                "date": step.date.isoformat(), "state": step.state, "article": step.article_id,
                "stance": step.stance,
                "sentence": by_mention[step.mention_id].sentence if step.mention_id in by_mention else None,
                # « abandon évoqué »: what the step's mention says when it is a negative rumour
                "negative": negative_words(step.stance, by_mention[step.mention_id].cues) if step.mention_id in by_mention else None,
            }
            for step in st.history
        ]
    return view


def list_claims(
    url: str | None,
    *,
    as_of: dt.date | None = None,
    states: list[str] | None = None,
    entity: str | None = None,
    relation: str | None = None,
    since: dt.date | None = None,
    detail: bool = False,
    limit: int | None = None,
    with_total: bool = False,
):
    """Claims at ``as_of`` (default today), newest first, filtered; states are those at ``as_of``;
    the ``limit`` newest only (None: all). With ``with_total``: (claims, how many match in all).

    At or after the newest article (the usual case) the stored states are read with SQL filters;
    an earlier ``as_of``, or ``detail`` (mentions and history), refolds each claim's mentions.
    """
    as_of = as_of or dt.date.today()
    filters = {"states": states, "entity": canonical(entity) if entity else None, "relation": relation, "since": since}
    engine = open_engine(url, read_only=True)
    with Session(engine) as s:
        latest = repo.latest_article_date(s)
        if not detail and (latest is None or latest <= as_of):
            rows = stored_claims(s, as_of, limit=limit, **filters)
            total = listed_total(s.connection(), len(rows), limit, as_of, **filters) if with_total else len(rows)
        else:
            rows = refolded_claims(s, as_of, detail=detail, **filters)
            total = len(rows)
            rows = rows[:limit] if limit else rows
        return (rows, total) if with_total else rows


def refolded_claims(s: Session, as_of: dt.date, *, states=None, entity=None, relation=None, since=None, detail: bool = False) -> list[dict]:
    """Every candidate claim refolded from its mentions at ``as_of``; right for any date."""
    # stored states are as of the newest article; an expiry or an earlier --as-of can change
    # them, so filter on state after folding, but pre-filter the rest in SQL
    candidates = repo.query_claims(s, entity=entity, relation=relation, since=since, until=as_of)
    out = []
    for c in repo.with_details(s, [c.id for c in candidates]):
        v = claim_view(c, as_of, detail=detail)
        if v is not None and (not states or v["state"] in states):
            out.append(v)
    return out


def stored_claims(s: Session, as_of: dt.date, *, states=None, entity=None, relation=None, since=None, limit=None) -> list[dict]:
    """The same views as :func:`refolded_claims` (without detail), read from the stored states;
    right only when ``as_of`` is on or after the newest article."""
    rows = repo.stored_listing(s.connection(), as_of=as_of, states=states, entity=entity, relation=relation, since=since, limit=limit)
    entities, sources, cues = (json_lists(r[i] for r in rows) for i in (3, 11, 17))
    out = []
    for (id_, key, relation, _, state, confidence, first_seen, last_seen, resolved_at, resolved_by, expected_by, _, lapsed,
         mention_count, article_count, _, evidence_sentence, _, evidence_article), names, sources_, cues_ in zip(rows, entities, sources, cues):
        state = "expired" if lapsed else state
        out.append({
            "id": id_,
            "key": key,
            "relation": relation,
            "entities": names,
            "words": words(relation, names),
            "state": state,
            # the stored confidence is the undecayed one: decay it to as_of, as fold does
            "confidence": decayed(state, confidence, (as_of - last_seen).days),
            "first_seen": first_seen.isoformat(),
            "resolved_at": resolved_at.isoformat() if resolved_at else None,
            "resolved_by": resolved_by,
            "days_to_resolution": (resolved_at - first_seen).days if resolved_at else None,
            "expected_by": expected_by.isoformat() if expected_by else None,
            "sources": sources_,
            "mention_count": mention_count,
            "article_count": article_count,
            "evidence": evidence_sentence,
            "evidence_cues": [c["text"] for c in cues_],
            "evidence_article": evidence_article,
        })
    return out


def json_lists(texts) -> list:
    """Decode many JSON texts (30,000 rows' lists) in one call of json's C parser, not one each."""
    return json.loads("[" + ",".join("null" if t is None else t for t in texts) + "]")


def show_claim(url: str | None, ident: str, *, as_of: dt.date | None = None) -> dict:
    engine = open_engine(url, read_only=True)
    with Session(engine) as s:
        claim = repo.find_claim(s, ident)
        if claim is None:
            raise errors.ClaimNotFound(ident)
        claim = repo.with_details(s, [claim.id])[0]
        view = claim_view(claim, as_of or dt.date.today())
        if view is None:
            raise errors.ClaimNotFound(f"{ident} (not yet seen at {as_of})")
        return view


def articles(url: str | None) -> list[dict]:
    engine = open_engine(url, read_only=True)
    with Session(engine) as s:
        return [
            {"id": a.id, "path": a.path, "title": a.title, "date": a.date.isoformat(), "date_source": a.date_source, "sha256": a.sha256,
             "url": a.url}
            for a in repo.all_articles(s)
        ]
