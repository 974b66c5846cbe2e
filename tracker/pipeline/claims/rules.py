"""The relation and trigger rules of ``models/relations.json`` as frozen dataclasses.

Each field is documented where it is defined. Loading rejects an unknown or misspelt key, a key of
the wrong type and an unknown relation, with a message that names the key and the valid ones: a
newcomer who adds « s'emparer de » as an acquisition trigger edits data, not code, and is told
at once what is wrong.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from typing import Any, get_type_hints

from tracker.errors import ModelDataError

# the gazetteer's types and the labels the statistical NER adds for names it does not know
ENTITY_TYPES = frozenset({"ORG", "BRAND", "PRODUCT", "PERSON", "AUTHORITY", "COMPONENT", "MISC", "LOC"})
KINDS = ("verb", "noun")
SUBJECT_ROLES = ("agent", "patient")


@dataclass(frozen=True)
class RelationRule:
    """One relation: its two roles and how a trigger of it finds them."""

    name: str
    ordered: bool  # buyer → target (True); two parties in either order, sorted in the key (False)
    label_fr: str  # how the claim reads in French (« rachat », « partenariat »)
    roles: tuple[str, str]  # names of the two roles (« buyer », « target »)
    types: tuple[frozenset[str], frozenset[str]]  # entity labels each role accepts
    patient_preps: tuple[str, ...] = ()  # prepositions that introduce the second role after a trigger
    agent_preps: tuple[str, ...] = ()  # prepositions that introduce the first role after a trigger (« par »)
    between_preps: tuple[str, ...] = ("entre",)  # unordered: « entre X et Y » names both parties
    light_nouns: tuple[str, ...] = ()  # « la signature d'un partenariat »: the noun before « de » leaves the trigger the predicate
    wish_lemmas: tuple[str, ...] = ()  # « souhaitent continuer à travailler avec »: a trigger just after these verbs is a wish
    comitative_of: tuple[str, ...] = ()  # partnership: « avec X » beside a claim of these relations names a partner
    adjectival_passive: bool = False  # « le OnePlus 9, sorti en mars »: a bare participle takes the patient as subject
    agent_fallback: str | None = None  # "maker": with no company named, the product's maker launches it
    agent_nearest: bool = False  # the first role is the nearest name before the trigger, whatever its preposition
    agent_root: bool = False  # the agent is named by its top authority (« le département du Commerce » → Gouvernement américain)
    verb_object_preps: tuple[str, ...] = ()  # « engagé dans le rachat de »: the noun after these still takes the verb's subject
    amount_nouns: tuple[str, ...] = ()  # « 4 milliards de dollars d'investissement »: the noun after an amount takes the subject
    support_nouns: tuple[str, ...] = ()  # « l'abandon du rachat de Figma »: an event of the deal lets the noun take the subject


@dataclass(frozen=True)
class TriggerRule:
    """One trigger: a spaCy Matcher pattern that names a relation, and how its roles are read."""

    id: str  # unique name, shown in ``tracker analyse``
    relation: str  # a key of ``relations``
    kind: str  # "verb" or "noun"
    pattern: tuple[dict, ...]  # spaCy Matcher token pattern
    note: str = ""  # the French examples the rule was written for
    subject_role: str | None = None  # "patient": the subject is the second role (« Slack appartient à Salesforce »); "agent": even in the passive
    patient_preps: tuple[str, ...] | None = None  # overrides the relation's patient_preps
    agent_preps: tuple[str, ...] | None = None  # overrides the relation's agent_preps
    patient_types: tuple[str, ...] | None = None  # overrides the relation's second-role types (« acheter » a company, not goods)
    noun_patient_preps: tuple[str, ...] = ()  # a noun trigger's second role after these (« un investissement dans Kia »)
    prep_inside: bool = False  # the pattern ends with the preposition that introduces the second role (« discussions avec »)
    product_parties: str | None = None  # "maker": a product named as a party stands for its maker
    partial: bool | None = None  # False: a trigger that names one party only refers to no earlier claim
    directional: bool = False  # « Samsung et LG se tournent vers l'IA »: two coordinated subjects are not partners of each other
    negative: bool = False  # the claim it states is denied (« sans 4K », « rejette l'offre »)
    previous_clause: bool = False  # with no party in its clause, it takes the last group of the clause before
    swap: bool = False  # the subject is the second role and the object the first (« l'Exynos 2200 équipera les Galaxy S22 »)
    target_preps: tuple[str, ...] = ()  # no first role before it: the one after these prepositions (« intégrer ChatGPT à Bing »)
    intransitive: bool = False  # a subject that is only a product is the patient (« la Switch OLED sortira le 8 octobre »)
    verbless_dated: bool = False  # counts only in a verbless sentence with a date (« Un iPhone 15 Ultra en septembre ? »)
    expectation: bool = False  # as an apposition it keeps its sentence's hedge (« l'iPhone 15, attendu en 2023 »)
    no_anaphora_after_prep: bool = False  # naming no party after a preposition, it refers to no earlier claim
    pronoun_subject: bool = False  # a sentence-opening pronoun subject is the product named first in the sentence before
    object_adjacent: bool = False  # a bare object must follow the verb with only determiners or adverbs between
    object_in_infinitive: bool = False  # the object is named after « de » + infinitive (« interdit … d'acheter du matériel Huawei »)
    agent_from_subject: bool = False  # a patient-subject trigger takes its clause subject as agent when no « par » names one
    agent_adjacent: bool = False  # the agent after the trigger follows it with only prepositions and determiners between
    seller_subject: bool = False  # the subject sells: the buyer is named after agent_preps, the target is the object, or the subject of a bare participle (« céder Gulli à Bouygues », « vendu à Vivendi »)
    not_after: tuple[str, ...] = ()  # words right before which it is no trigger (« le propriétaire de X » names a third company; « X, propriétaire de Y » is X)
    agent_maker: bool = False  # the first role is the maker the gazetteer gives the product named right after it (« la start-up derrière Claude »)
    apposition: bool = False  # a noun in apposition: its first role is the name it follows (« Anthropic, créateur de Claude », « Tata, conglomérat indien propriétaire de Jaguar »)
    background: bool = False  # a standing fact (a stake held, a company owned, bidders acting together): no later noun of a deal refers to its claim
    joint: bool = False  # the parties are the coordinated names that act together, before or after it (« une offre conjointe d'Orange et de Free », « la coentreprise réunissant A, B et C »)

    def patient_preps_of(self, rel: RelationRule) -> tuple[str, ...]:
        return self.patient_preps if self.patient_preps is not None else rel.patient_preps

    def agent_preps_of(self, rel: RelationRule) -> tuple[str, ...]:
        return self.agent_preps if self.agent_preps is not None else rel.agent_preps

    def patient_types_of(self, rel: RelationRule) -> frozenset[str]:
        return frozenset(self.patient_types) if self.patient_types is not None else rel.types[1]


@dataclass(frozen=True)
class Rules:
    relations: dict[str, RelationRule]
    triggers: dict[str, TriggerRule]  # by id, in the file's order


def load_rules(data: Any, where: str = "models/relations.json") -> Rules:
    """Validate the relations file and build its rules."""
    if not isinstance(data, dict):
        raise ModelDataError(f"{where}: expected a JSON object with 'relations' and 'triggers'")
    _known(data, {"_doc", "relations", "triggers"}, where)
    if not isinstance(data.get("relations"), dict) or not isinstance(data.get("triggers"), list):
        raise ModelDataError(f"{where}: 'relations' should be an object and 'triggers' a list")
    relations = {name: _relation(name, rel, f"{where} relations.{name}") for name, rel in data["relations"].items()}
    triggers: dict[str, TriggerRule] = {}
    for i, trig in enumerate(data["triggers"]):
        at = f"{where} triggers[{i}]" + (f" ({trig['id']})" if isinstance(trig, dict) and isinstance(trig.get("id"), str) else "")
        rule = _build(TriggerRule, trig, at)
        if rule.relation not in relations:
            raise ModelDataError(f"{at}: unknown relation {rule.relation!r}; valid relations: {', '.join(relations)}")
        if rule.kind not in KINDS:
            raise ModelDataError(f"{at}: kind {rule.kind!r} is not one of {', '.join(KINDS)}")
        if rule.subject_role not in (None, *SUBJECT_ROLES):
            raise ModelDataError(f"{at}: subject_role {rule.subject_role!r} is not one of {', '.join(SUBJECT_ROLES)}")
        if rule.product_parties not in (None, "maker"):
            raise ModelDataError(f"{at}: product_parties should be 'maker', got {rule.product_parties!r}")
        if rule.id in triggers:
            raise ModelDataError(f"{at}: id {rule.id!r} is used twice")
        triggers[rule.id] = rule
    return Rules(relations, triggers)


def _relation(name: str, rel: Any, where: str) -> RelationRule:
    built = _build(RelationRule, {"name": name, **rel} if isinstance(rel, dict) else rel, where)
    if len(built.roles) != 2 or len(built.types) != 2:
        raise ModelDataError(f"{where}: 'roles' and 'types' name exactly two roles")
    bad = sorted(set().union(*built.types) - ENTITY_TYPES)
    if bad:
        raise ModelDataError(f"{where}: entity type {bad[0]!r} is not one of {', '.join(sorted(ENTITY_TYPES))}")
    return built


def _known(obj: dict, valid: set[str] | list[str], where: str) -> None:
    unknown = [k for k in obj if k not in valid]
    if unknown:
        raise ModelDataError(f"{where}: unknown key {unknown[0]!r}; valid keys: {', '.join(k for k in valid if k != '_doc')}")


def _build(cls, obj: Any, where: str):
    """``cls`` from a JSON object: every key a field, every required field present, lists as tuples."""
    if not isinstance(obj, dict):
        raise ModelDataError(f"{where}: expected a JSON object")
    names = [f.name for f in fields(cls)]
    _known(obj, names, where)
    hints = get_type_hints(cls)
    values = {}
    for f in fields(cls):
        if f.name not in obj:
            if f.default is dataclasses.MISSING:
                raise ModelDataError(f"{where}: missing key {f.name!r}")
            continue
        values[f.name] = _convert(obj[f.name], hints[f.name], f"{where}: key {f.name!r}")
    return cls(**values)


def _convert(value: Any, hint: Any, where: str) -> Any:
    text = str(hint)
    if value is None:
        if "None" in text:
            return None
        raise ModelDataError(f"{where} should not be null")
    if hint is bool or text.startswith("bool"):
        if not isinstance(value, bool):
            raise ModelDataError(f"{where} should be true or false, got {type(value).__name__}")
        return value
    if hint is str or text.startswith("str"):
        if not isinstance(value, str):
            raise ModelDataError(f"{where} should be a string, got {type(value).__name__}")
        return value
    if "frozenset" in text:  # types: a pair of label lists
        if not isinstance(value, list) or not all(isinstance(v, list) for v in value):
            raise ModelDataError(f"{where} should be two lists of entity types")
        return tuple(frozenset(v) for v in value)
    if "tuple" in text:
        if not isinstance(value, list):
            raise ModelDataError(f"{where} should be a list, got {type(value).__name__}")
        if "dict" in text:
            if not all(isinstance(v, dict) for v in value):
                raise ModelDataError(f"{where} should be a list of token patterns")
        elif not all(isinstance(v, str) for v in value):
            raise ModelDataError(f"{where} should be a list of strings")
        return tuple(value)
    return value
