"""The roles of one relation trigger, one function per construction, over the ``Frame`` that
``tracker.pipeline.claims.frame`` reads: « a été racheté par » (``passive_roles``), « le rachat de
Figma par Adobe » (``noun_roles``), « Adobe rachète Figma » (``verb_roles``), « Sony a vendu Gulli
à Bouygues » (``sale``), « une offre conjointe » (``joint_parties``). ``ClaimExtractor._roles``
calls them in turn; the first construction that decides gives the pairs, or a ``Partial`` left to
an anaphora.

Role rules of the product relations (``launch``, ``feature``) that a trigger's keys switch on
(``models/relations.json``): « l'Exynos 2200 équipera les Galaxy S22 » (``swap``), « intégrer ChatGPT
à Bing » (``target_preps``), « la Switch OLED sortira le 8 octobre » (``intransitive``), « un iPhone 15
Ultra en septembre ? » (``verbless_dated``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from tracker.pipeline.claims import syntax
from tracker.pipeline.french import PARTITIVES
from tracker.pipeline.claims.frame import Frame
from tracker.pipeline.claims.constructions import interrupted
from tracker.pipeline.claims.parties import Group, all_pairs, by_maker, cross_pairs, entity_names, groups_between, has_etre, nearest_group, prep_before
from tracker.pipeline.claims.references import Partial, sentence_parties
from tracker.timex import expected_by

if TYPE_CHECKING:
    from tracker.pipeline.claims.rules import TriggerRule

Pairs = tuple[list[list[str]], Partial | None]


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


def made_by(f: Frame) -> list[list[str]]:
    """« la start-up derrière Claude » (``agent_maker``): the maker the gazetteer gives the product
    named right after the trigger."""
    made = f.right[0] if f.right and f.right[0].start - f.trig.end <= 2 else None
    return by_maker(f.doc, made.ents, f.patient_types) if made else []


def apposed_subject(f: Frame) -> Group | None:
    """« Anthropic, éditeur de Claude » (``apposition``): the subject is the name the noun follows."""
    doc, trig = f.doc, f.trig
    return apposed_to(doc, groups_between(doc, trig.sent.start, trig.start, trig, f.bodies), trig)


def apposed_to(doc: Doc, groups: list[Group], trig: Span) -> Group | None:
    """« Anthropic, créateur de Claude », « Tata, conglomérat indien propriétaire de
    Jaguar »: the name right before a comma, then at most a descriptor (lower-case nouns and adjectives)."""
    if not groups:
        return None
    last = groups[-1]
    gap = [t for t in doc[last.end : trig.start] if not t.is_space]
    if not gap or gap[0].text not in (",", "(") or len(gap) > 6:
        return None
    return last if all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in gap[1:]) else None


def joint_parties(f: Frame) -> list[list[str]]:
    """« Thales, Dassault et Safran ont présenté une proposition commune » (``joint``): every two of the names
    that act together, read over the whole sentence, since the clause splitter cuts « réunissant
    Nvidia, Microsoft | et Oracle construira ». A « communiqué commun » of the two parties of a deal
    speaks for that deal, not for a partnership."""
    doc, trig = f.doc, f.trig
    before = [g for g in groups_between(doc, trig.sent.start, trig.start, trig) if g.prep is None and len(g.ents) >= 2]
    pairs = joint_pairs(f.subj or (before[-1] if before else None), groups_between(doc, trig.end, trig.sent.end, trig), f.agent_types)
    described = {e.kb_id_ or e.text for e in doc.spans.get("tracker_pairs", []) if e.sent.start == trig.sent.start}
    return [p for p in pairs if not described.intersection(p)]


def joint_pairs(subj: Group | None, right: list[Group], types: set[str]) -> list[list[str]]:
    """« Thales, Safran et Dassault ont remis une offre conjointe », « dans un communiqué commun, Thales et
    Safran… », « la coentreprise réunissant A, B et C »: every two of the names that act together."""
    group = subj if subj is not None and len(subj.ents) >= 2 else next((g for g in right if len(g.ents) >= 2 and (g.prep is None or g.prep in PARTITIVES or g.prep == "par")), None)
    return all_pairs(group.ents, types) if group is not None else []


def sale(f: Frame) -> Pairs:
    """« Sony a vendu ses chaînes Gulli et Canal J au groupe Bouygues », « Europe 1, vendu à Vivendi »,
    « la cession de sa filiale à Ericsson » (``seller_subject``): the seller is the subject, the buyer
    is named after « à » or, for a sale under talks, is the party of the talks (« les discussions
    avec Ericsson au sujet de la cession d'Alcatel »)."""
    doc, trig, rule = f.doc, f.trig, f.rule
    preps = set(rule.agent_preps_of(f.rel))
    buyer = next((g for g in f.right if g.prep in preps or (g.prep is None and introduced_by(g, preps))), None)  # « au groupe Bouygues »
    if buyer is None and rule.kind == "noun":
        buyer = next((g for g in reversed(f.left) if g.prep == "avec"), None)
    target = f.de_group if rule.kind == "noun" else (f.subj if f.passive else f.compl)
    if target is None and rule.kind == "noun":  # « la cession de sa filiale Alcatel »: the parse reads past the descriptor
        ents = syntax.entity_index(doc._.tracker_parties or [])
        named = [e for e in syntax.noun_args(doc, trig, ents, set(), agent_preps=(), patient_preps=f.rel.patient_preps).patients
                 if e.label_ in f.patient_types]
        target = Group(named, "de") if named else None
    if buyer is not None and target is not None:
        return cross_pairs(buyer.ents, target.ents, f.agent_types, f.patient_types, ordered=True), None
    if target is not None and rule.partial is not False:
        return [], f.partial(1, entity_names(target.ents, f.patient_types))
    return [], None


def passive_roles(f: Frame) -> tuple[Group | None, Group | None]:
    """« Figma a été racheté par Adobe »: the agent after « par », the patient the subject; a bare
    participle qualifies the nearest noun (« les Galaxy S22 vendus en Europe ») and loses an agent
    past a comma or a finite verb (« Fitbit, racheté pour 2,1 milliards, sera intégré à l'équipe
    de Google dirigée par X »); ``agent_from_subject``: « Washington a placé Huawei sur liste noire »."""
    doc, trig = f.doc, f.trig
    agent, patient = f.by_agent, (f.subj if has_etre(doc, trig) else nearest_group(f.left, f.patient_types) or f.subj)
    if agent is not None and not has_etre(doc, trig) and interrupted(doc, trig.end, agent.start):
        agent = None
    if agent is None and f.rule.agent_from_subject and f.subj is not patient:
        agent = f.subj
    return agent, patient


def noun_roles(f: Frame) -> tuple[Group | None, Group | None]:
    """« le rachat de Figma par Adobe », « Adobe annonce le rachat de Figma »: the patient after « de »
    (or after the noun's own prepositions, « un investissement dans Kia »), the agent after « par »
    or else the subject; « dans Anthropic, la start-up fondée par d'anciens chercheurs d'OpenAI »:
    an agent past the patient, not after « par », belongs to another noun."""
    patient, by_agent = f.de_group, f.by_agent
    if patient is None and f.rule.noun_patient_preps:
        patient = next((g for g in f.right if g.prep in f.rule.noun_patient_preps), None)
        if by_agent is not None and patient is not None and by_agent.start > patient.start and by_agent.prep != "par":
            by_agent = None
    return by_agent or f.subj, patient


def verb_roles(f: Frame) -> tuple[Group | None, Group | None]:
    """« Adobe rachète Figma »: the subject and the object; « la Switch OLED sortira le 8 octobre »
    (``intransitive``): a subject that can only be a patient is one; then the product rules of
    ``reroute``."""
    agent, patient = f.subj, f.compl
    if f.rule.intransitive and patient is None and only_patients(agent, f.agent_types, f.patient_types):
        agent, patient = None, agent
    return reroute(f.rule, agent, patient, f.right, f.agent_types)


def pronoun_agent(f: Frame, agent: Group | None, patient: Group | None) -> Group | None:
    """« Elle est dotée d'un écran OLED » (``pronoun_subject``): a pronoun subject is the product of
    the sentence before."""
    if agent is None and patient is not None and f.rule.pronoun_subject:
        named = pronoun_subject(f.trig, f.agent_types, f.pronouns)
        return Group(named, None) if named else None
    return agent


def launched_by_maker(f: Frame, agent: Group | None, patient: Group | None) -> bool:
    """« Le Pixel 8 sort le 4 octobre » (``agent_fallback`` "maker"): with no company named, the
    product's maker launches it, even a launch gone by (« après la sortie décevante du Vision
    Pro », « depuis la sortie de la Switch »); not a launch noun after another preposition."""
    if agent is not None or patient is None or f.rel.agent_fallback != "maker":
        return False
    return not (f.rule.kind == "noun" and prep_before(f.doc, f.trig.start, f.trig) not in (None, "en", "après", "depuis"))


def ordered_pairs(f: Frame, agent: Group | None, patient: Group | None) -> Pairs:
    """Every agent with every patient; with one role unnamed, a partial the anaphora fills (« Beats,
    racheté en 2014 »: a bare participle, not a trigger whose subject is fixed, may also take the
    sentence's other party); a plural noun with only its subject is deals in general (« le groupe
    est coutumier des grosses acquisitions »)."""
    doc, trig = f.doc, f.trig
    if agent is None and patient is None:
        return [], f.partial(None, ())
    if agent is None or patient is None:
        if agent is not None and f.rule.kind == "noun" and "Plur" in trig[-1].morph.get("Number"):
            return [], None
        if agent is not None:
            return [], f.partial(0, entity_names(agent.ents, f.agent_types))
        bare = f.passive and f.rule.subject_role is None and not has_etre(doc, trig)
        others = sentence_parties(doc, trig, patient, f.agent_types) if bare else ()
        return [], f.partial(1, entity_names(patient.ents, f.patient_types), others)
    rename = (doc._.tracker_roots or {}) if f.rel.agent_root else {}
    return cross_pairs(agent.ents, patient.ents, f.agent_types, f.patient_types, ordered=True, rename=rename), None
