"""The roles of one relation trigger, one function per construction: the groups of names on each
side (« Leica et Huawei s'étaient associés », « avec Xiaomi, Honor, ou Sharp »), the subject and
the complement chosen among them, then the reading of the trigger's kind (« a été racheté par »,
« le rachat de Figma par Adobe », « Adobe rachète Figma »). ``ClaimExtractor._roles`` calls them in
order; the first construction that decides gives the pairs, or a ``Partial`` left to an anaphora.

Role rules of the product relations (``launch``, ``feature``) that a trigger's keys switch on
(``models/relations.json``): « l'Exynos 2200 équipera les Galaxy S22 » (``swap``), « intégrer ChatGPT
à Bing » (``target_preps``), « la Switch OLED sortira le 8 octobre » (``intransitive``), « un iPhone 15
Ultra en septembre ? » (``verbless_dated``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from tracker.pipeline import syntax
from tracker.pipeline.constructions import (
    adjacent,
    after_relational_noun,
    indefinite_plural_noun,
    infinitive_object,
    interrupted,
    relative_object,
    same_descriptor,
    topic_clause,
    verb_object,
)
from tracker.pipeline.parties import (
    Group,
    after_light_noun,
    all_pairs,
    as_makers,
    by_maker,
    cross_pairs,
    earlier_group,
    entity_names,
    enumerated_members,
    groups_between,
    has_etre,
    is_passive,
    last_group,
    nearest_group,
    pick_subject,
    prep_before,
    pronoun_subject_group,
    relative_partner,
    unordered_complement,
)
from tracker.pipeline.references import Partial, sentence_parties
from tracker.timex import expected_by

if TYPE_CHECKING:
    from tracker.pipeline.rules import RelationRule, TriggerRule

COMPANY_TYPES = frozenset({"ORG", "BRAND", "PERSON"})
DE = ("de", "d'", "du", "des")
Pairs = tuple[list[list[str]], Partial | None]


@dataclass
class Frame:
    """One trigger and what its constructions share: its clause and rule, the groups of names
    before (``left``) and after it (``right``), and the subject and complement read from them."""

    doc: Doc
    clauses: list[Span]
    ci: int
    trig: Span
    rule: TriggerRule
    rel: RelationRule
    anaphora: dict
    bodies: frozenset[str]
    pronouns: dict[str, int]
    left: list[Group] = field(default_factory=list)
    right: list[Group] = field(default_factory=list)
    members_subject: bool = False  # the names after « dont » are the subject, even of a noun after a preposition
    members_object: Group | None = None
    passive: bool = False
    presupposed: bool = False  # « le fruit de son partenariat avec Leica »: the relation is background
    subj: Group | None = None
    compl: Group | None = None
    de_group: Group | None = None
    by_agent: Group | None = None

    @property
    def clause(self) -> Span:
        return self.clauses[self.ci]

    @property
    def agent_types(self) -> set[str]:
        return set(self.rel.types[0])

    @property
    def patient_types(self) -> set[str]:
        return set(self.rule.patient_types_of(self.rel))

    @property
    def patient_preps(self) -> set[str]:
        return set(self.rule.patient_preps_of(self.rel))

    @property
    def agent_preps(self) -> set[str]:
        return set(self.rule.agent_preps_of(self.rel))

    def partial(self, role: int | None, names: tuple[str, ...], fallback: tuple[str, ...] = ()) -> Partial | None:
        """The trigger left to an anaphora, knowing the names of ``role`` (none when ``role`` is None);
        a role without names is no claim at all."""
        if role is not None and not names:
            return None
        same = role is not None and same_descriptor(self.doc, self.clause, self.anaphora)
        trig = self.trig
        return Partial((trig.label_,), role, names, (trig.start, trig.end), self.ci, f"{trig.id_}_anaphore", same, fallback)


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


def read_frame(frame: Frame) -> Frame:
    """Fill ``frame`` with the groups on each side of its trigger, then its subject and complement."""
    partner = None if frame.rel.ordered else relative_partner(frame.doc, frame.clauses, frame.ci, frame.trig, frame.rel.patient_preps)
    frame.left = subject_side(frame, partner)
    frame.right = complement_side(frame, partner)
    frame.members_object = enumerated_object(frame)
    if frame.rule.product_parties == "maker":
        frame.left, frame.right = as_makers(frame.doc, frame.left), as_makers(frame.doc, frame.right)
    role = frame.rule.subject_role  # fixed by the trigger (« est officiel », « animé par »), else read from the verb
    frame.passive = role == "patient" or (role != "agent" and is_passive(frame.doc, frame.trig, adjectival=frame.rel.adjectival_passive))
    frame.subj, frame.presupposed = subject(frame)
    frame.de_group = de_complement(frame)
    frame.by_agent = agent_after(frame)
    frame.compl = complement(frame)
    return frame


def subject_side(f: Frame, partner: Group | None) -> list[Group]:
    """The groups before the trigger in its clause or, with none there, the subject its clause
    shares with another, first construction that finds one."""
    doc, clauses, ci, trig = f.doc, f.clauses, f.ci, f.trig
    left = groups_between(doc, f.clause.start, trig.start, trig, f.bodies)
    if partner is not None and not left:
        left = pronoun_subject_group(doc, clauses, ci, trig, f.pronouns, partner)
    if not left:
        left = resumed_subject(f)
    if not left:
        left = enumerated_subject(f)
        f.members_subject = bool(left)
    if not left:
        left = earlier_subject(f)
    if not left and not f.rel.ordered:
        left = pronoun_subject_group(doc, clauses, ci, trig, f.pronouns)
    return left


def resumed_subject(f: Frame) -> list[Group]:
    """« Le Galaxy S24, qui …, serait équipé de… »: the verb resumes the clause of its subject, cut
    off by the relative."""
    subject = next((j for j in range(f.ci) if f.clauses[j]._.governor == f.ci), None)
    return last_group(f.doc, f.clauses[subject], f.trig, f.bodies) if subject is not None else []


def enumerated_subject(f: Frame) -> list[Group]:
    """« plusieurs opérateurs qui voudraient s'associer à Orange, dont Free et Bouygues »: the « qui »
    of a plural noun spelt out later is each of the names that spell it out."""
    clause, doc = f.clause, f.doc
    if not (clause.label_ == "rel" and clause[0].lower_ == "qui" and clause.start > 0 and indefinite_plural_noun(doc, clause.start - 1)):
        return []
    named = enumerated_members(doc, clause.start - 1, f.trig)
    return [Group(named, None)] if named else []


def earlier_subject(f: Frame) -> list[Group]:
    """« la Switch OLED, qui sortira… », « Qualcomm, de son côté, est engagé… »: a relative, a
    coordinated clause or the clause after a topic shares the subject of the clause before; not
    « le P50 Pro, dont des images ont été dévoilées », where « dont » is a complement."""
    clauses, ci, clause = f.clauses, f.ci, f.clause
    if not (ci > 0 and clause[0].lower_ != "dont" and (
            clause.label_ in ("rel", "coord") or topic_clause(f.doc, clauses[ci - 1])
            or (f.rule.previous_clause and clauses[ci - 1].start >= clause.sent.start))):
        return []
    left = earlier_group(f.doc, clauses, ci, f.trig, walk=not f.rel.ordered, bodies=f.bodies)
    if f.rule.swap and clause.label_ == "rel" and left and all(e.label_ in COMPANY_TYPES for e in left[-1].ents):
        # « Siri est un assistant développé par Apple Inc., qui est inclus dans iOS »: a company is
        # not what an operating system includes; the relative is about the thing named before
        return thing_before(f)
    return left


def thing_before(f: Frame) -> list[Group]:
    """The last group of a clause before the trigger's, in the same sentence, that names something
    other than a company."""
    for j in range(f.ci - 1, -1, -1):
        if f.clauses[j].start < f.clause.sent.start:
            break
        for g in reversed(groups_between(f.doc, f.clauses[j].start, f.clauses[j].end, f.trig, f.bodies)):
            if not all(e.label_ in COMPANY_TYPES for e in g.ents):
                return [Group(g.ents, None)]
    return []


def complement_side(f: Frame, partner: Group | None) -> list[Group]:
    """The groups after the trigger in its clause, but for a name after a relational noun (« un
    partenariat avec le fondateur de Xiaomi »); the antecedent of « avec lequel » first."""
    doc, trig, clause = f.doc, f.trig, f.clause
    right = [g for g in groups_between(doc, trig.end, clause.end, trig) if not after_relational_noun(doc, g.start, trig)]
    return as_makers(doc, [partner]) + right if partner is not None else right


def enumerated_object(f: Frame) -> Group | None:
    """« en pourparlers avec deux constructeurs …, dont Renault et Stellantis »: a plural noun right
    after the trigger, spelt out later, is each of the names that spell it out."""
    doc, trig, clause = f.doc, f.trig, f.clause
    if trig.end >= clause.end:
        return None
    nxt = next((t.i for t in doc[trig.end : min(trig.end + 4, clause.end)] if t.pos_ == "NOUN"), None)
    if nxt is None or not indefinite_plural_noun(doc, nxt):
        return None
    named = enumerated_members(doc, nxt, trig)
    return Group(named, None) if named else None


def subject(f: Frame) -> tuple[Group | None, bool]:
    """The subject group, and whether the trigger is a noun whose relation is presupposed. A noun
    after a preposition is not the predicate: « après la sortie du P50 », « des années de
    partenariat » have no subject, « le premier fruit de son partenariat avec Leica » is background;
    but « la signature d'un partenariat », « engagé dans le rachat de » keep the noun the predicate."""
    doc, trig, rel = f.doc, f.trig, f.rel
    subj = nearest_group(f.left, f.agent_types) if rel.agent_nearest else pick_subject(f.left)
    noun_prep = prep_before(doc, trig.start, trig) if f.rule.kind == "noun" else None
    if noun_prep is not None and (after_light_noun(doc, trig, rel.light_nouns) or verb_object(doc, trig, rel)):
        noun_prep = None
    if noun_prep not in (None, "en", "à", "au", "aux") and not f.members_subject:
        subj = None
    return subj, noun_prep in DE


def de_complement(f: Frame) -> Group | None:
    """« le rachat de Figma »: a noun trigger's group after « de », within three tokens."""
    if f.rule.kind != "noun":
        return None
    return next((g for g in f.right if g.prep in DE and g.start - f.trig.end <= 3), None)


def agent_after(f: Frame) -> Group | None:
    """« racheté par Microsoft », « le rachat de Figma par Adobe »: a group after an agent
    preposition that no patient shares; with ``agent_adjacent``, right after the trigger (« accepté
    l'offre de partenariat de Samsung » names no bidder of a buy-out)."""
    patient_preps = f.patient_preps
    by_agent = next((g for g in f.right if g.prep in f.agent_preps and g.prep not in patient_preps and g is not f.de_group), None)
    if f.rule.agent_adjacent and by_agent is not None and not adjacent(f.doc, f.trig.end, by_agent.start, preps=True):
        return None
    return by_agent


def complement(f: Frame) -> Group | None:
    """A verb's object, or the party right after a trigger that ends with its preposition
    (« discussions avec »), then what each construction makes of it: « le Snapdragon que Qualcomm
    va présenter lors de son Summit » (the « que » is the object, not a name further on), « détient
    27 % de Lagardère » (only a company holds a share), « avec plusieurs partenaires …, dont Dish »
    (the plural noun right after the trigger), « acheter du matériel Huawei » (goods, not Huawei),
    « décidé de racheter Webex » (the object of the infinitive)."""
    doc, trig, rule, rel = f.doc, f.trig, f.rule, f.rel
    patient_types, patient_preps = f.patient_types, f.patient_preps
    bare = rule.kind == "verb" or rule.prep_inside
    compl = next((g for g in f.right if (g.prep in patient_preps or (g.prep is None and bare))
                  and (rel.ordered or unordered_complement(doc, trig, g, rule.kind, patient_types))), None)
    if rule.kind == "verb" and rel.ordered and not f.passive and not rule.swap:
        named = relative_object(doc, f.clause, trig, doc._.tracker_parties or [])
        if named is not None and named.label_ in patient_types:
            compl = Group([named], None)
    if compl is not None and rule.prep_inside and rel.ordered:
        compl = Group([syntax.unknown_as_org(e, patient_types) for e in compl.ents], compl.prep)
    if f.members_object is not None and (rule.kind == "verb" or rule.prep_inside) and (compl is None or compl.start > trig.end + 4):
        compl = f.members_object
    if rule.object_adjacent and compl is not None and compl.prep is None and not adjacent(doc, trig.end, compl.start):
        compl = None
    if rule.object_in_infinitive and compl is None:
        compl = infinitive_object(doc, trig, f.right, patient_types)
    return compl


def made_by(f: Frame) -> list[list[str]]:
    """« la start-up derrière ChatGPT » (``agent_maker``): the maker the gazetteer gives the product
    named right after the trigger."""
    made = f.right[0] if f.right and f.right[0].start - f.trig.end <= 2 else None
    return by_maker(f.doc, made.ents, f.patient_types) if made else []


def apposed_subject(f: Frame) -> Group | None:
    """« Anthropic, éditeur de Claude » (``apposition``): the subject is the name the noun follows."""
    doc, trig = f.doc, f.trig
    return apposed_to(doc, groups_between(doc, trig.sent.start, trig.start, trig, f.bodies), trig)


def apposed_to(doc: Doc, groups: list[Group], trig: Span) -> Group | None:
    """« OpenAI, développeur de ChatGPT », « Geely, constructeur automobile chinois propriétaire de
    Volvo »: the name right before a comma, then at most a descriptor (lower-case nouns and adjectives)."""
    if not groups:
        return None
    last = groups[-1]
    gap = [t for t in doc[last.end : trig.start] if not t.is_space]
    if not gap or gap[0].text not in (",", "(") or len(gap) > 6:
        return None
    return last if all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in gap[1:]) else None


def joint_parties(f: Frame) -> list[list[str]]:
    """« Thales, Airbus et Safran ont présenté une offre commune » (``joint``): every two of the names
    that act together, read over the whole sentence, since the clause splitter cuts « réunissant
    Nvidia, Microsoft | et Oracle construira ». A « communiqué commun » of the two parties of a deal
    speaks for that deal, not for a partnership."""
    doc, trig = f.doc, f.trig
    before = [g for g in groups_between(doc, trig.sent.start, trig.start, trig) if g.prep is None and len(g.ents) >= 2]
    pairs = joint_pairs(f.subj or (before[-1] if before else None), groups_between(doc, trig.end, trig.sent.end, trig), f.agent_types)
    described = {e.kb_id_ or e.text for e in doc.spans.get("tracker_pairs", []) if e.sent.start == trig.sent.start}
    return [p for p in pairs if not described.intersection(p)]


def joint_pairs(subj: Group | None, right: list[Group], types: set[str]) -> list[list[str]]:
    """« Orange, SFR et Free ont déposé une offre conjointe », « dans un communiqué commun, Orange et
    Free… », « la coentreprise réunissant A, B et C »: every two of the names that act together."""
    group = subj if subj is not None and len(subj.ents) >= 2 else next((g for g in right if len(g.ents) >= 2 and g.prep in (None, *DE, "par")), None)
    return all_pairs(group.ents, types) if group is not None else []


def sale(f: Frame) -> Pairs:
    """« Sony a vendu ses chaînes Gulli et Canal J au groupe Bouygues », « Vivendi, vendu à Vodafone »,
    « la cession de sa filiale à Airbus » (``seller_subject``): the seller is the subject, the buyer
    is named after « à » or, for a sale under talks, is the party of the talks (« les discussions
    avec Airbus concernant la cession de BDS »)."""
    doc, trig, rule = f.doc, f.trig, f.rule
    preps = set(rule.agent_preps or ())
    buyer = next((g for g in f.right if g.prep in preps or (g.prep is None and introduced_by(g, preps))), None)  # « au groupe Altice »
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
    past a comma (« Fitbit, racheté pour 2,1 milliards, sera intégré à l'équipe de Google dirigée
    par X »); ``agent_from_subject``: « Washington a placé Huawei sur liste noire »."""
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
    product's maker launches it; not a launch gone by, « après le lancement raté d'Apple
    Intelligence », « depuis la sortie de la Switch »."""
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
