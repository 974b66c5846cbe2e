"""What the constructions of one relation trigger share (``Frame``): its clause and rule, the groups
of names before and after it, and the subject and complement read from them. « Leica et Huawei
s'étaient associés »: the subject side is the nearest group before the trigger, or the subject the
clause shares with another (« la Switch OLED, qui sortira… »); « s'associe avec Xiaomi, Honor, ou
Sharp »: the complement side is the first group after it that the relation's prepositions
introduce. ``tracker.pipeline.claims.roles`` turns them into roles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from tracker.pipeline.claims import syntax
from tracker.pipeline.claims.constructions import (
    adjacent,
    after_relational_noun,
    indefinite_plural_noun,
    infinitive_object,
    relative_object,
    same_descriptor,
    topic_clause,
    verb_object,
)
from tracker.pipeline.french import PARTITIVES
from tracker.pipeline.claims.parties import (
    Group,
    after_light_noun,
    as_makers,
    earlier_group,
    enumerated_members,
    groups_between,
    is_passive,
    last_group,
    nearest_group,
    pick_subject,
    prep_before,
    pronoun_subject_group,
    relative_partner,
    unordered_complement,
)
from tracker.pipeline.claims.references import Partial

if TYPE_CHECKING:
    from tracker.pipeline.claims.rules import RelationRule, TriggerRule

COMPANY_TYPES = frozenset({"ORG", "BRAND", "PERSON"})


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
    """The groups before the trigger in its clause; with none there, the subject found elsewhere by
    the first construction below that finds one."""
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
    if clause.label_ == "rel" and clause.start > 0 and f.doc[clause.start - 1].lower_ == "ce":
        return []  # « en ce qui concerne le rachat de Canal+ »: « ce qui » has no name for antecedent
    if not (ci > 0 and clause[0].lower_ != "dont" and (
            clause.label_ in ("rel", "coord") or topic_clause(f.doc, clauses[ci - 1])
            or (f.rule.previous_clause and clauses[ci - 1].start >= clause.sent.start))):
        return []
    left = earlier_group(f.doc, clauses, ci, f.trig, walk=not f.rel.ordered, bodies=f.bodies)
    if f.rule.swap and clause.label_ == "rel" and left and all(e.label_ in COMPANY_TYPES for e in left[-1].ents):
        # « Bixby est un assistant conçu par Samsung Electronics, qui est intégré à One UI »: a company is
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
    return subj, noun_prep in PARTITIVES


def de_complement(f: Frame) -> Group | None:
    """« le rachat de Figma »: a noun trigger's group after « de », within three tokens."""
    if f.rule.kind != "noun":
        return None
    return next((g for g in f.right if g.prep in PARTITIVES and g.start - f.trig.end <= 3), None)


def agent_after(f: Frame) -> Group | None:
    """« racheté par Microsoft », « le rachat de Figma par Adobe »: a group after an agent
    preposition that no patient shares; with ``agent_adjacent``, right after the trigger (« accepté
    l'offre de partenariat de Samsung » names no bidder of a buy-out)."""
    patient_preps = f.patient_preps
    by_agent = next((g for g in f.right if g.prep in f.agent_preps and g.prep not in patient_preps and g is not f.de_group), None)
    if f.rule.agent_adjacent and by_agent is not None and not adjacent(f.doc, f.trig.end, by_agent.start, preps=True):
        return None
    return by_agent


def clitic_object(doc, trig) -> bool:
    """« l'avait annoncé », « la lancera », « les a rachetés »: an object pronoun before the verb
    (auxiliaries and « ne » between) already is its object."""
    i = trig.start - 1
    while i >= trig.sent.start and (doc[i].pos_ == "AUX" or doc[i].lower_ in ("ne", "n'", "n’")):
        i -= 1
    return i >= trig.sent.start and doc[i].pos_ == "PRON" and doc[i].lower_.replace("’", "'") in ("l'", "le", "la", "les")


def complement(f: Frame) -> Group | None:
    """A verb's object, or the party right after a trigger that ends with its preposition
    (« discussions avec »), then what each construction makes of it: « la puce Tensor que Google
    présentera lors de sa conférence » (the « que » is the object, not a name further on), « détient
    43 % de TF1 » (only a company holds a share), « avec plusieurs opérateurs …, dont Orange »
    (the plural noun right after the trigger), « acheter du matériel Huawei » (goods, not Huawei),
    « interdit aux opérateurs de déployer des antennes ZTE » (the company in what is forbidden)."""
    doc, trig, rule, rel = f.doc, f.trig, f.rule, f.rel
    patient_types, patient_preps = f.patient_types, f.patient_preps
    bare = rule.kind == "verb" or rule.prep_inside
    compl = next((g for g in f.right if (g.prep in patient_preps or (g.prep is None and bare))
                  and (rel.ordered or unordered_complement(doc, trig, g, rule.kind, patient_types))), None)
    if rule.kind == "verb" and compl is not None and compl.prep is None and clitic_object(doc, trig):
        compl = None  # « MediaTek l'avait promis, sa puce sera présente dans les téléphones Pixel »: « l' » is the object
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


