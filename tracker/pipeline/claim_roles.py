"""Role rules of the product relations (``launch``, ``feature``) that a trigger's keys switch on
(``models/relations.json``): « l'Exynos 2200 équipera les Galaxy S22 » (``swap``), « intégrer ChatGPT
à Bing » (``target_preps``), « la Switch OLED sortira le 8 octobre » (``intransitive``), « un iPhone 15
Ultra en septembre ? » (``verbless_dated``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from spacy.tokens import Span

from tracker.timex import expected_by

if TYPE_CHECKING:
    from tracker.pipeline.parties import Group
    from tracker.pipeline.rules import TriggerRule


def verbless_dated(sent: Span) -> bool:
    """« Un iPhone 15 Ultra en septembre ? »: no finite verb, and a date the timex reads."""
    if any("Fin" in t.morph.get("VerbForm") and t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    return expected_by(sent.text, dt.date(1, 1, 1)) is not None


def reroute(rule: TriggerRule, agent: Group | None, patient: Group | None, right: list[Group], agent_types: set[str]) -> tuple[Group | None, Group | None]:
    """« L'Exynos 2200 équipera les Galaxy S22 » (``swap``): the subject is the component, the object
    the product. « Microsoft veut intégrer ChatGPT à Bing » (``target_preps``): no product before the
    trigger, the product is introduced by « à » or « dans »."""
    if rule.swap:
        if agent is None or patient is None or any(e.label_ in ("ORG", "BRAND", "PERSON") for e in agent.ents):
            return None, None
        return patient, agent
    targets = set(rule.target_preps)
    if agent is None and targets:
        target = next((g for g in right if g is not patient and introduced_by(g, targets) and any(e.label_ in agent_types for e in g.ents)), None)
        if target is not None:
            return target, patient
    return agent, patient


def introduced_by(group: Group, preps: set[str]) -> bool:
    """« à Bing », « à son moteur de recherche Bing »: one of ``preps`` before the name, with only
    its common noun between them."""
    doc = group.ents[0].doc
    for tok in reversed(doc[max(group.start - 6, 0) : group.start]):
        if tok.lower_ in preps:
            return True
        if tok.ent_type_ or tok.is_punct or tok.pos_ in ("VERB", "AUX", "PRON"):
            return False
    return False


def only_patients(group: Group | None, agent_types: set[str], patient_types: set[str]) -> bool:
    """A subject that names no possible agent, only possible patients: « le OnePlus 9 sort en mars »."""
    return group is not None and all(e.label_ in patient_types and e.label_ not in agent_types for e in group.ents)


def pronoun_subject(trig: Span, types: set[str], pronouns: dict[str, int]) -> list[Span]:
    """« Nintendo a annoncé la Switch OLED. Elle est dotée d'un écran OLED »: a company cannot be
    « dotée d'un écran », so a pronoun subject of a feature is the product named first (not after a
    preposition) in the sentence before; « Ils », the products coordinated there. ``pronouns``: each
    subject pronoun's number (models/anaphora.json ``products.pronouns``)."""
    doc, sent = trig.doc, trig.sent
    number = pronouns.get(sent[0].lower_)
    if number is None or sent.start == 0 or sent[0].i >= trig.start:
        return []
    before = doc[sent.start - 1].sent
    free = [e for e in doc.ents if before.start <= e.start < before.end and e.label_ in types
            and (e.start == 0 or doc[e.start - 1].pos_ != "ADP")]
    if not free:
        return []
    group = [free[0]]
    for e in free[1:]:
        if all(t.lower_ in (",", "et", "ou") or t.pos_ == "DET" for t in doc[group[-1].end : e.start]):
            group.append(e)
    return group[:1] if number == 1 else (group if len(group) > 1 else [])
