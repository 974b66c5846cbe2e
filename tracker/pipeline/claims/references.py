"""Triggers that name one role or none refer to a claim stated earlier in the article.

« L'opération devrait être finalisée en 2020 », « Le rachat de Qualcomm n'aura pas lieu », « ce
partenariat »: helpers of ``tracker_claims`` (``tracker.pipeline.claims.extractor``) that resolve such partial
triggers, and turn a blocked deal into a sanction of its buyer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from tracker.pipeline.claims.constructions import headline, object_deal
from tracker.pipeline.claims.parties import Group, left_groups, entity_name, pick_subject
from tracker.pipeline.claims.rules import RelationRule, TriggerRule

ORDERED = {"acquisition", "launch", "feature", "investment", "sanction"}
# relations whose one named party takes the headline's organisation as the other party
TOPIC_RELATIONS = {"partnership", "merger"}
DEAL_RELATIONS = ("acquisition", "investment")
DEMONSTRATIVES = {"ce", "cet", "cette", "ces"}


@dataclass(frozen=True)
class Partial:
    """A trigger that names one role or none: it refers to a claim stated earlier in the article."""

    relations: tuple[str, ...]
    role: int | None  # 0: the first entity of the key is known, 1: the second; None: neither
    names: tuple[str, ...]
    trigger: tuple[int, int]
    clause: int
    rule: str
    same: bool = False  # « par la même firme »: the unnamed role is the one of the latest claim
    fallback: tuple[str, ...] = ()  # « Beats, racheté en 2014 »: the sentence's one other party
    headline: bool = False  # « leur projet de fusion » in a headline: the claim the article states next


def resolve_partials(doc: Doc, claims: list[dict], partials: list[Partial], borrow: dict | None = None) -> list[dict]:
    """Each partial trigger takes the latest earlier claim it can refer to (same relation, the named
    entity in the named role). Partials resolve in text order, so a resolved one can be referred to.
    ``borrow`` (anaphora.json ``claim_parties_from``) lets a trigger of one relation that names no
    party take its parties from a claim of another: « OnePlus et Hasselblad ne travailleraient plus
    ensemble. Le partenariat avait été noué en 2021 » is the OnePlus–Hasselblad partnership.
    « le rachat de ZeniMax par la même firme » keeps ZeniMax and takes the buyer of the latest
    acquisition; « Beats, racheté en 2014 », with no earlier claim, takes the sentence's one other party."""
    borrow = borrow or {}
    topic = headline_topic(doc) if any(p.names and p.role is not None and p.relations[0] in TOPIC_RELATIONS for p in partials) else None
    known = sorted(claims, key=lambda c: c["trigger"][0])
    out: list[dict] = []
    for p in sorted(partials, key=lambda p: p.trigger[0]):
        lenders = frozenset(borrow.get(p.relations[0], ())) if len(p.relations) == 1 and not p.names else frozenset()
        hits = _refer(known, p, lenders, proximal=_demonstrative(doc, p.trigger[0]))
        if not hits and len(p.fallback) == 1 and p.role == 1 and p.relations[0] in ORDERED:
            hits = [{"relation": p.relations[0], "entities": [p.fallback[0], n]} for n in p.names if n != p.fallback[0]]
        if not hits and p.names and p.role is not None and p.relations[0] in TOPIC_RELATIONS:
            hits = [{"relation": p.relations[0], "entities": sorted((topic, n), key=str.lower)} for n in p.names if topic and topic != n]
        for h in hits:
            hit = {**h, "trigger": p.trigger, "clause": p.clause, "rule": p.rule}
            out.append(hit)
            known.append(hit)
    return out


def headline_topic(doc: Doc) -> str | None:
    """The organisation an article is about: the first one its headline names (« Baidu : le Google
    chinois construit un véhicule électrique »). « l'annonce d'un partenariat avec Geely », with no
    other party anywhere before, is a partnership of that organisation."""
    first = headline(doc)
    if first is None:
        return None
    org = next((e for e in doc.ents if first.start <= e.start < first.end and e.label_ in ("ORG", "BRAND")), None)
    return (org.kb_id_ or org.text) if org is not None else None


def _demonstrative(doc: Doc, start: int) -> bool:
    """« ce partenariat », « cette opération »: a demonstrative points at what was just said."""
    return start > 0 and doc[start - 1].lower_ in DEMONSTRATIVES


def _refer(known: list[dict], p: Partial, lenders: frozenset[str] = frozenset(), *, proximal: bool = False) -> list[dict]:
    """``proximal`` (« ce partenariat »): the latest claim, not the article's most mentioned one."""
    later = [c for c in known if c["trigger"][0] > p.trigger[0]] if p.headline and not p.same else []
    # latest first by position: resolved references are appended to ``known`` out of text order
    earlier = sorted((c for c in known if c["trigger"][0] < p.trigger[0]), key=lambda c: -c["trigger"][0])
    if p.role is None and not p.names and not proximal:
        # « la transaction »: the deal the article is about (the most mentioned so far), not one
        # named in passing (« loin devant le rachat de ZeniMax par la même firme »)
        count = Counter((c["relation"], tuple(c["entities"])) for c in earlier)
        earlier.sort(key=lambda c: -count[(c["relation"], tuple(c["entities"]))])
    for c in earlier + later:
        if c["relation"] not in p.relations and c["relation"] not in lenders:
            continue
        ents = c["entities"]
        if p.same and c["relation"] in ORDERED:
            other = ents[1 - p.role]
            return [{**c, "entities": [n, other] if p.role == 0 else [other, n]} for n in p.names if n != other]
        if p.names and not any((ents[p.role] == n) if c["relation"] in ORDERED else n in ents for n in p.names):
            continue
        return [{**c, "relation": c["relation"] if c["relation"] in p.relations else p.relations[0]}]
    return []


def sentence_parties(doc: Doc, trig: Span, patient: Group, types: set[str]) -> tuple[str, ...]:
    sent = trig.sent
    own = {entity_name(e) for e in patient.ents}
    return tuple(dict.fromkeys(entity_name(e) for e in sent.ents if e.label_ in types and entity_name(e) not in own))


def deal_sanctions(doc: Doc, clauses: list[Span], claims: list[dict], rules: dict[str, TriggerRule], relations: dict[str, RelationRule],
                    bodies: frozenset[str]) -> list[dict]:
    """« Donald Trump interdit le rachat de Qualcomm par Broadcom », « la FTC a porté plainte pour
    empêcher la transaction »: blocking a deal sanctions its buyer. The deal named only by a claim
    noun (« la transaction ») is the object of the sentence, not a mention of its own."""
    by_start = {c["trigger"][0]: c for c in claims if c["relation"] == "acquisition"}
    done = {c["trigger"] for c in claims if c["relation"] == "sanction"}
    out, dropped = [], set()
    for trig in doc.spans["tracker_triggers"]:
        if trig.label_ != "sanction" or rules[trig.id_].kind != "verb" or (trig.start, trig.end) in done:
            continue
        deal = object_deal(doc, trig, by_start)
        if deal is None:
            continue
        ci = next(i for i, c in enumerate(clauses) if c.start <= trig.start < c.end)
        rel = relations["sanction"]
        left = left_groups(doc, clauses, ci, trig, bodies)
        subj = pick_subject(left)
        if subj is None:
            continue
        buyer = deal["entities"][0]
        rename = doc._.tracker_roots or {}
        for a in subj.ents:
            agent = rename.get(entity_name(a), entity_name(a))
            if (a.label_ in rel.types[0] or agent != entity_name(a)) and agent != buyer:
                out.append({"relation": "sanction", "entities": [agent, buyer], "trigger": (trig.start, trig.end), "clause": ci, "rule": f"{trig.id_}_acheteur"})
        if out and out[-1]["trigger"] == (trig.start, trig.end) and deal["rule"].startswith("anaphore_"):
            dropped.add(id(deal))
    return [c for c in claims if id(c) not in dropped] + out


def drop_deal_nouns(found: list[dict], deals: list[int]) -> list[dict]:
    """« un accord pour acquérir Arm auprès de SoftBank », « un accord portant sur le rachat »: an
    agreement whose object is a deal is that deal (``deals``: where the doc's acquisition and
    investment triggers start), not a partnership with the seller."""
    return [c for c in found if c["relation"] != "partnership" or not any(0 <= d - c["trigger"][1] <= 3 for d in deals)]


def drop_subsumed(found: list[dict]) -> list[dict]:
    """« le partenariat n'a pas été reconduit » is a partnership end, not also a partnership;
    « un accord portant sur le rachat » is the acquisition, not also a partnership."""
    strong = {(tuple(sorted(c["entities"])), c["clause"]) for c in found if c["relation"] != "partnership"}
    out, seen = [], set()
    for c in found:
        if c["relation"] == "partnership" and (tuple(sorted(c["entities"])), c["clause"]) in strong:
            continue
        key = (c["relation"], tuple(c["entities"]))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
