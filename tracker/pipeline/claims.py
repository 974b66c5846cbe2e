"""``tracker_triggers`` and ``tracker_claims``: relations between entities.

``tracker_triggers`` finds relation triggers (``models/relations.json``) and runs before the cues,
whose clause splitter counts a verbal trigger as a verb (the small model tags « collabore » as an
adverb). ``tracker_claims`` fills the roles of each trigger from the entities of its clause and
writes ``doc._.tracker_claims``: plain dicts ``{relation, entities, trigger: (start, end), clause}``.

Roles: the subject side is the nearest group of entities before the trigger (« Leica et Huawei
s'étaient associés »); the complement side is the first group after it, introduced by the
relation's prepositions (« avec Xiaomi, Honor, ou Sharp » is one group of three: three claims).
A passive participle (« a été racheté par ») swaps the sides.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tracker.errors import ModelDataError
from tracker.pipeline.claim_roles import only_patients, pronoun_subject, reroute, verbless_dated
from tracker.pipeline.constructions import (
    DETERMINERS,
    adjacent,
    body_before,
    cue_word,
    dateline_end,
    in_headline,
    infinitive_object,
    interrupted,
    noun_complement,
    object_deal,
    same_descriptor,
    topic_clause,
    verb_object,
)
from tracker.resources import load_json, require

if not Doc.has_extension("tracker_claims"):
    Doc.set_extension("tracker_claims", default=None)
if not Doc.has_extension("tracker_verbal"):
    Doc.set_extension("tracker_verbal", default=None)

GROUP_JOINERS = {",", "et", "ou", "&", "ainsi", "voire"}
SUBJECT_PREPS = {None, "comme", "notamment"}
COMPLEMENT = "_complement"  # a claim noun qualifying another noun: kept only as the object of a sanction
DEMONSTRATIVES = {"ce", "cet", "cette", "ces"}
ORDERED = {"acquisition", "launch", "feature", "investment", "sanction"}
SUBJECT_PRONOUNS = {"il", "ils", "elle", "elles"}
INDEFINITES = {"un", "une", "autres", "plusieurs", "certains", "certaines"}
DEAL_RELATIONS = ("acquisition", "investment")
OPTIONAL_RELATION_KEYS = {"between_preps": list, "light_nouns": list, "wish_lemmas": list, "comitative_of": list}
OPTIONAL_TRIGGER_KEYS = {"product_parties": str, "partial": bool, "directional": bool}
OPTIONAL_ANAPHORA_KEYS = {"claim_parties_from": dict, "claim_status_lemmas": list, "claim_cues": dict}


def validate_relations(data: dict) -> None:
    require(data, {"relations": dict, "triggers": list}, "models/relations.json")
    for name, rel in data["relations"].items():
        where = f"models/relations.json relations.{name}"
        require(rel, {"ordered": bool, "label_fr": str, "roles": list, "types": list}, where)
        require(rel, {k: t for k, t in OPTIONAL_RELATION_KEYS.items() if k in rel}, where)
    for i, trig in enumerate(data["triggers"]):
        where = f"models/relations.json triggers[{i}]"
        require(trig, {"id": str, "relation": str, "kind": str, "pattern": list}, where)
        require(trig, {k: t for k, t in OPTIONAL_TRIGGER_KEYS.items() if k in trig}, where)
        if trig["relation"] not in data["relations"]:
            raise ModelDataError(f"{where}: unknown relation {trig['relation']!r}")
        if trig.get("product_parties", "maker") != "maker":
            raise ModelDataError(f"{where}: product_parties should be 'maker', got {trig['product_parties']!r}")


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
    proximal: bool = False  # « ce partenariat »: the latest claim, not the most mentioned


@dataclass
class Group:
    ents: list[Span]
    prep: str | None

    @property
    def start(self) -> int:
        return self.ents[0].start

    @property
    def end(self) -> int:
        return self.ents[-1].end


class TriggerFinder:
    def __init__(self, nlp: Language, name: str = "tracker_triggers", *, relations: dict | None = None):
        self.name = name
        self.vocab = nlp.vocab
        self.data = relations if relations is not None else load_json("relations.json")
        self._build()

    def _build(self) -> None:
        validate_relations(self.data)
        self.matcher = Matcher(self.vocab)
        self.rules = {}
        for trig in self.data["triggers"]:
            self.matcher.add(trig["id"], [trig["pattern"]])
            self.rules[trig["id"]] = trig

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            rule_id = self.vocab.strings[match_id]
            spans.append(Span(doc, start, end, label=self.rules[rule_id]["relation"], span_id=rule_id))
        spans = filter_spans(spans)
        doc.spans["tracker_triggers"] = spans
        doc._.tracker_verbal = [s.start for s in spans if self.rules[s.id_]["kind"] == "verb"]
        return doc

    def to_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "relations.json", self.data)

    def from_disk(self, path, *, exclude=tuple()):
        self.data = srsly.read_json(Path(path) / "relations.json")
        self._build()
        return self


class ClaimExtractor:
    def __init__(self, nlp: Language, name: str = "tracker_claims", *, relations: dict | None = None, anaphora: dict | None = None):
        self.name = name
        self.data = relations if relations is not None else load_json("relations.json")
        validate_relations(self.data)
        self.rules = {t["id"]: t for t in self.data["triggers"]}
        self.anaphora = anaphora if anaphora is not None else load_json("anaphora.json")
        require(self.anaphora, {k: t for k, t in OPTIONAL_ANAPHORA_KEYS.items() if k in self.anaphora}, "models/anaphora.json")
        self.bodies = frozenset(self.anaphora.get("bodies", ()))

    def __call__(self, doc: Doc) -> Doc:
        clauses = list(doc.spans["tracker_clauses"])
        claims: list[dict] = []
        partials: list[Partial] = []
        in_trigger = {i for t in doc.spans["tracker_triggers"] for i in range(t.start, t.end)}
        for ci, clause in enumerate(clauses):
            triggers = [t for t in doc.spans["tracker_triggers"] if clause.start <= t.start < clause.end]
            found = []
            for trig in triggers:
                if self.rules[trig.id_].get("verbless_dated"):
                    pairs, partial = self._dated_question(doc, trig), None
                else:
                    pairs, partial = self._roles(doc, clauses, ci, trig)
                for ents in pairs:
                    found.append({"relation": trig.label_, "entities": ents, "trigger": (trig.start, trig.end), "clause": ci, "rule": trig.id_,
                                  "negative": self.rules[trig.id_].get("negative", False), "expectation": self.rules[trig.id_].get("expectation", False)})
                if partial is not None and (partial.names or self._refers(doc, trig.start) or self._party_less_unordered(partial)) \
                        and not self._background(doc, trig, partial):
                    partials.append(partial)
            found += self._comitative_partners(doc, clause, ci, found)
            claims.extend(_drop_subsumed(_drop_deal_nouns(doc, found)))
            partials += self._claim_nouns(doc, clauses, ci, in_trigger) + self._claim_cues(doc, clause, ci)
        partials = [replace(p, proximal=_demonstrative(doc, p.trigger[0])) for p in partials]
        resolved = _resolve(claims, partials, self.anaphora.get("claim_parties_from", {}))
        found = _deal_sanctions(doc, clauses, claims + resolved, self.data, self.bodies)
        doc._.tracker_claims = [c for c in found if not c["rule"].endswith(COMPLEMENT)]
        return doc

    def _dated_question(self, doc: Doc, trig: Span) -> list[list[str]]:
        """« Un iPhone 15 Ultra en septembre à la place du Pro Max ? »: the products the question names
        without a preposition, each launched by its maker."""
        if not verbless_dated(trig.sent):
            return []
        types = set(self.data["relations"][trig.label_]["types"][1])
        named = [e for g in _groups(doc, trig.sent.start, trig.start, trig) if g.prep is None for e in g.ents]
        return _by_maker(doc, named, types)

    def _claim_cues(self, doc: Doc, clause: Span, ci: int) -> list[Partial]:
        """« Rien n'est encore signé »: a cue that states where the deal stands (anaphora.json
        ``claim_cues``, by cue id) refers to the latest claim of its relations."""
        wanted = self.anaphora.get("claim_cues", {})
        return [
            Partial(tuple(wanted[q._.cue["rule"]]), None, (), (q.start, q.end), ci, f"anaphore_{q._.cue['rule']}")
            for q in doc.spans.get("tracker_cues", []) if clause.start <= q.start < clause.end and (q._.cue or {}).get("rule") in wanted
        ]

    def _comitative_partners(self, doc: Doc, clause: Span, ci: int, found: list[dict]) -> list[dict]:
        """« Oppo officialise ses Find X5 et Find X5 Pro, avec Hasselblad »: a company named with
        « avec » beside a launch (relations.json partnership ``comitative_of``) is the launcher's partner."""
        rel = self.data["relations"]["partnership"]
        types = set(rel["types"][1])
        out = []
        for c in found:
            if c["relation"] not in rel.get("comitative_of", ()):
                continue
            trig = doc[c["trigger"][0] : c["trigger"][1]]
            company = c["entities"][0]
            for g in _groups(doc, trig.end, clause.end, trig):
                if g.prep == "avec":
                    out += [{**c, "relation": "partnership", "entities": sorted((company, _name(e)), key=str.lower)}
                            for e in g.ents if e.label_ in types and _name(e) != company]
        return out

    def _party_less_unordered(self, partial: Partial) -> bool:
        """« Un accord pourrait être signé dès février »: a party-less partnership trigger already passed
        the status test in ``_roles``, so even an indefinite one names the deal under discussion."""
        return partial.role is None and all(not self.data["relations"][r]["ordered"] for r in partial.relations)

    def _refers(self, doc: Doc, start: int) -> bool:
        """« la transaction », « cette acquisition », « leur partenariat »: a noun that names a known claim."""
        return start > 0 and doc[start - 1].lower_.replace("’", "'") in self.anaphora["claim_determiners"]

    def _background(self, doc: Doc, trig: Span, partial: Partial) -> bool:
        """A trigger that names no party and cannot refer to an earlier claim: « sans » (« sans dévoiler sa
        fiche technique »), a launch noun after a preposition (« pendant la présentation »)."""
        rule = self.rules[trig.id_]
        if rule.get("negative"):
            return True
        return bool(rule.get("no_anaphora_after_prep")) and not partial.names and _prep_before(doc, trig.start, trig) is not None

    def _about_status(self, clause: Span) -> bool:
        """« si ce partenariat se concrétise », « Un accord pourrait être signé », « mis fin à l'accord »."""
        status = self.anaphora.get("claim_status_lemmas", ())
        return any(t.lemma_ in status or t.lower_ in status for t in clause)

    def _definite_deal(self, doc: Doc, clause: Span, trig: Span) -> bool:
        """« les deux groupes ont mis fin à l'accord »: « l'accord » with no party of its own is the deal
        already stated, whatever its relation (anaphora.json claim_nouns), not one between the subjects."""
        relations = self.anaphora["claim_nouns"].get(trig.text.lower(), ())
        return len(relations) > 1 and self._refers(doc, trig.start) and self._about_status(clause)

    def _claim_nouns(self, doc: Doc, clauses: list[Span], ci: int, in_trigger: set[int]) -> list[Partial]:
        nouns = self.anaphora["claim_nouns"]
        clause = clauses[ci]
        return [
            Partial(tuple(nouns[t.lower_]), None, (), (t.i, t.i + 1), _relative_of(doc, clauses, ci, t.i),
                    f"anaphore_{t.lower_}" + (COMPLEMENT if noun_complement(doc, t.i) else ""), headline=in_headline(doc, clause))
            for t in clause if t.lower_ in nouns and t.i not in in_trigger and not t.ent_type_ and self._refers(doc, t.i)
            and not _names_a_thing(doc, t.i)  # « le projet Titan » is a name
        ]

    def _roles(self, doc: Doc, clauses: list[Span], ci: int, trig: Span) -> tuple[list[list[str]], Partial | None]:
        rule = self.rules[trig.id_]
        rel = self.data["relations"][trig.label_]

        def partial(role: int | None, names: tuple[str, ...], fallback: tuple[str, ...] = ()) -> Partial | None:
            if role is not None and not names:
                return None
            same = role is not None and same_descriptor(doc, clauses[ci], self.anaphora)
            return Partial((trig.label_,), role, names, (trig.start, trig.end), ci, f"{trig.id_}_anaphore", same, fallback)

        clause = clauses[ci]
        left = _groups(doc, clause.start, trig.start, trig, self.bodies)
        partner = None if rel["ordered"] else _relative_partner(doc, clauses, ci, trig, rel.get("patient_preps", ()))
        if partner is not None and not left:
            left = _pronoun_subject(doc, clauses, ci, trig, partner)
        if not left:  # « Le Galaxy S24, qui …, serait équipé de… »: the verb resumes its subject's clause
            subject = next((j for j in range(ci) if clauses[j]._.governor == ci), None)
            if subject is not None:
                left = [Group(g.ents, None) for g in _groups(doc, clauses[subject].start, clauses[subject].end, trig, self.bodies)[-1:]]
        # « la Switch OLED, qui sortira… », « Qualcomm, de son côté, est engagé… »; not « le P50 Pro,
        # dont des images ont été dévoilées »: « dont » is a complement
        if not left and ci > 0 and clause[0].lower_ != "dont" and (
                clause.label_ in ("rel", "coord") or topic_clause(doc, clauses[ci - 1])
                or (rule.get("previous_clause") and clauses[ci - 1].start >= clause.sent.start)):
            left = _earlier_group(doc, clauses, ci, trig, walk=not rel["ordered"], bodies=self.bodies)
        if not left and not rel["ordered"]:
            left = _pronoun_subject(doc, clauses, ci, trig)
        right = _groups(doc, trig.end, clause.end, trig)
        if partner is not None:
            right = _as_makers(doc, [partner]) + right
        if rule.get("product_parties") == "maker":
            left, right = _as_makers(doc, left), _as_makers(doc, right)
        patient_preps = set(rule.get("patient_preps", rel.get("patient_preps", [])))
        agent_preps = set(rule.get("agent_preps", rel.get("agent_preps", [])))
        role = rule.get("subject_role")  # fixed by the trigger (« est officiel », « animé par »), else read from the verb
        passive = role == "patient" or (role != "agent" and _is_passive(doc, trig, adjectival=rel.get("adjectival_passive", False)))
        agent_types, patient_types = (set(t) for t in rel["types"])
        patient_types = set(rule.get("patient_types", patient_types))
        subj = _nearest(left, agent_types) if rel.get("agent_nearest") else _pick_subject(left)
        noun_prep = _prep_before(doc, trig.start, trig) if rule["kind"] == "noun" else None
        if noun_prep is not None and (_after_light_noun(doc, trig, rel.get("light_nouns", ())) or verb_object(doc, trig, rel)):
            noun_prep = None  # « la signature d'un partenariat », « engagé dans le rachat de »: the noun stays the predicate
        # « le premier fruit de son partenariat avec Leica »: a relation named as background
        presupposed = noun_prep in ("de", "d'", "du", "des")
        if noun_prep not in (None, "en", "à", "au", "aux"):
            subj = None  # « après la sortie du P50 », « des années de partenariat »: not the predicate
        if rule["kind"] == "noun":
            de_group = next((g for g in right if g.prep in ("de", "d'", "du", "des") and g.start - trig.end <= 3), None)
        else:
            de_group = None
        agent = patient = None
        by_agent = next((g for g in right if g.prep in agent_preps and g.prep not in patient_preps and g is not de_group), None)
        if rule.get("agent_adjacent") and by_agent is not None and not adjacent(doc, trig.end, by_agent.start, preps=True):
            by_agent = None  # « accepté l'offre de partenariat de Samsung »: not the bidder of a buy-out
        # a verb's object, or the party right after a trigger that ends with its preposition (« discussions avec »)
        bare = rule["kind"] == "verb" or rule.get("prep_inside", False)
        compl = next((g for g in right if (g.prep in patient_preps or (g.prep is None and bare))
                      and (rel["ordered"] or _unordered_complement(doc, trig, g, rule["kind"], patient_types))), None)
        if rule.get("object_adjacent") and compl is not None and compl.prep is None and not adjacent(doc, trig.end, compl.start):
            compl = None  # « acheter du matériel Huawei » buys goods, not Huawei
        if rule.get("object_in_infinitive") and compl is None:
            compl = infinitive_object(doc, trig, right, patient_types)
        if not rel["ordered"]:
            if presupposed or _wished(doc, clause, trig, rel.get("wish_lemmas", ())):
                return [], None
            if compl is None and self._definite_deal(doc, clause, trig):
                nouns = self.anaphora["claim_nouns"]
                return [], Partial(tuple(nouns[trig.text.lower()]), None, (), (trig.start, trig.end), ci, f"{trig.id_}_anaphore")
            between_preps = set(rel.get("between_preps", ["entre"]))
            between = next((g for g in right + left if g.prep in between_preps), None)
            if between is not None:
                return _pairs(between.ents, agent_types), None
            if de_group is not None and compl is not None and compl is not de_group:
                subj = de_group  # « le partenariat de Leica avec Xiaomi »
            agent, patient = subj, compl if compl is not subj else None
            if agent is not None and patient is None and len(agent.ents) >= 2 and not rule.get("directional"):
                return _pairs(agent.ents, agent_types), None
            if agent is None or patient is None:
                known = agent or patient
                names = _names(known.ents, agent_types) if known else ()
                speaker = _speaker_org(doc, clauses, ci)
                if speaker and names and speaker not in names:
                    return [sorted((speaker, n), key=str.lower) for n in names], None
                if rule.get("partial") is False or (patient is None and _indefinite_partner(doc, trig, clause, patient_preps)):
                    return [], None
                if not names and not self._about_status(clause):
                    return [], None  # « Ce partenariat nous permettra d'accélérer… »: background, not its status
                return [], partial(0 if names else None, names)
            return _cross(agent.ents, patient.ents, agent_types, patient_types, ordered=False), None
        if passive:
            # « les Galaxy S22 vendus en Europe »: a bare participle qualifies the nearest noun
            agent, patient = by_agent, (subj if _has_etre(doc, trig) else _nearest(left, patient_types) or subj)
            if agent is not None and not _has_etre(doc, trig) and interrupted(doc, trig.end, agent.start):
                agent = None  # « Fitbit, racheté pour 2,1 milliards, sera intégré à l'équipe de Google dirigée par X »
            if agent is None and rule.get("agent_from_subject") and subj is not patient:
                agent = subj  # « Washington a placé Huawei sur liste noire »
        elif rule["kind"] == "noun":
            patient = de_group
            if patient is None and rule.get("noun_patient_preps"):
                patient = next((g for g in right if g.prep in rule["noun_patient_preps"]), None)
                if by_agent is not None and patient is not None and by_agent.start > patient.start and by_agent.prep != "par":
                    by_agent = None  # « dans Anthropic, la start-up fondée par d'anciens chercheurs d'OpenAI »
            agent = by_agent or subj
        else:
            agent, patient = subj, compl
            if rule.get("intransitive") and patient is None and only_patients(agent, agent_types, patient_types):
                agent, patient = None, agent  # « la Switch OLED sortira le 8 octobre »
            agent, patient = reroute(rule, agent, patient, right, agent_types)
        if agent is None and patient is not None and rule.get("pronoun_subject"):
            named = pronoun_subject(trig, agent_types)  # « Elle est dotée d'un écran OLED »
            agent = Group(named, None) if named else None
        if agent is None and patient is not None and rel.get("agent_fallback") == "maker" and not (rule["kind"] == "noun" and _prep_before(doc, trig.start, trig) not in (None, "en")):
            return _by_maker(doc, patient.ents, patient_types), None
        if agent is None and patient is None:
            return [], partial(None, ())
        if agent is None or patient is None:
            if agent is not None and rule["kind"] == "noun" and "Plur" in trig[-1].morph.get("Number"):
                return [], None  # « le groupe est coutumier des grosses acquisitions »: deals in general
            if agent is not None:
                return [], partial(0, _names(agent.ents, agent_types))
            # « Beats, racheté en 2014 »: a bare participle, not a trigger whose subject is fixed
            others = _sentence_parties(doc, trig, patient, agent_types) if passive and role is None and not _has_etre(doc, trig) else ()
            return [], partial(1, _names(patient.ents, patient_types), others)
        rename = (doc._.tracker_roots or {}) if rel.get("agent_root") else {}
        return _cross(agent.ents, patient.ents, agent_types, patient_types, ordered=True, rename=rename), None


def _unordered_complement(doc: Doc, trig: Span, group: Group, kind: str, types: set[str]) -> bool:
    """A party of the trigger: an organisation (« ne travailleraient plus ensemble sur le OnePlus 15 »
    names no party), and after a noun, its own complement (« l'accord signé avec Sony »), not a later
    verb's (« Ce partenariat permettra à Xiaomi de… »)."""
    if not any(e.label_ in types for e in group.ents):
        return False
    return kind != "noun" or not any(t.pos_ in ("VERB", "AUX") and "Part" not in t.morph.get("VerbForm") for t in doc[trig.end : group.start])


def _earlier_group(doc: Doc, clauses: list[Span], ci: int, trig: Span, *, walk: bool, bodies: frozenset[str] = frozenset()) -> list[Group]:
    """The subject a relative or coordinated clause shares: the last group of the clause before it;
    with ``walk``, of the nearest clause of the sentence that has one (« Hyundai, qui avait confirmé
    puis nuancé des discussions avec Apple »)."""
    sent_start = clauses[ci].sent.start
    for j in range(ci - 1, -1, -1):
        if clauses[j].start < sent_start and walk:
            break
        found = _groups(doc, clauses[j].start, clauses[j].end, trig, bodies)[-1:]
        if found or not walk:
            return [Group(g.ents, None) for g in found]
    return []


def _pronoun_subject(doc: Doc, clauses: list[Span], ci: int, trig: Span, antecedent: Group | None = None) -> list[Group]:
    """« Hyundai et Kia ont indiqué qu'ils n'étaient pas en discussions avec Apple »: the subject
    pronoun of a « que » clause stands for the subject of the clause that governs it; in a relative
    clause (« La start-up est cliente de Google Cloud, avec lequel elle aurait signé »), for the
    subject of the clause before, other than the relative's ``antecedent``."""
    clause = clauses[ci]
    gov = ci - 1 if antecedent is not None else clause._.governor
    if (clause.label_ != "que" and antecedent is None) or gov is None or not any(t.lower_ in SUBJECT_PRONOUNS for t in doc[clause.start : trig.start]):
        return []
    groups = [g for g in _groups(doc, clauses[gov].start, clauses[gov].end, trig) if antecedent is None or g.start != antecedent.start]
    subj = _pick_subject(groups)
    return [Group(subj.ents, None)] if subj is not None else []


def _relative_partner(doc: Doc, clauses: list[Span], ci: int, trig: Span, preps) -> Group | None:
    """« Google Cloud, avec lequel elle aurait signé un contrat », « Samsung, avec qui Apple a signé » :
    the antecedent of a relative pronoun after a partner preposition is the other party."""
    clause = clauses[ci]
    if clause.label_ != "rel" or ci == 0 or clause.start == 0 or doc[clause.start - 1].lower_ not in preps:
        return None
    found = _groups(doc, clauses[ci - 1].start, clause.start - 1, trig)
    return Group(found[-1].ents, doc[clause.start - 1].lower_) if found else None


def _as_makers(doc: Doc, groups: list[Group]) -> list[Group]:
    """« un Find X5 Pro co-signé Hasselblad », « Le OnePlus 15 pourrait faire l'impasse sur
    Hasselblad »: between companies, a product stands for its maker."""
    makers = doc._.tracker_makers or {}

    def party(e: Span) -> Span:
        if e.label_ == "PRODUCT" and _name(e) in makers:
            return Span(doc, e.start, e.end, label="ORG", kb_id=makers[_name(e)])
        return e

    return [Group([party(e) for e in g.ents], g.prep) for g in groups]


def _after_light_noun(doc: Doc, trig: Span, nouns) -> bool:
    """« Microsoft a annoncé l'extension de son partenariat avec OpenAI », « la signature d'un
    partenariat »: a noun that only qualifies the claim leaves it the sentence's predicate."""
    i = trig.start - 1
    while i >= 0 and doc[i].lower_ in DETERMINERS:
        i -= 1
    return i > 0 and doc[i].lower_ in ("de", "d'", "du", "des") and doc[i - 1].lower_ in nouns


def _wished(doc: Doc, clause: Span, trig: Span, lemmas) -> bool:
    """« souhaitent continuer à travailler avec Huawei »: a wish is not a claim."""
    return any(t.lemma_ in lemmas for t in doc[max(clause.start, trig.start - 4) : trig.start])


def _indefinite_partner(doc: Doc, trig: Span, clause: Span, preps: set[str]) -> bool:
    """« Leica chercherait à s'associer avec un autre fabricant »: an unnamed new partner; the
    trigger refers to no claim stated before."""
    i = trig.end
    if i < clause.end and doc[i].lower_ in preps:
        i += 1
    if i < clause.end and doc[i].lower_ in ("d'", "de"):
        i += 1
    return i < clause.end and doc[i].lower_ in INDEFINITES


def _names_a_thing(doc: Doc, i: int) -> bool:
    """« Le projet Titan »: a noun followed by a name is that name, not a claim anaphor."""
    return i + 1 < len(doc) and doc[i + 1].is_alpha and doc[i + 1].is_title


def _speaker_org(doc: Doc, clauses: list[Span], ci: int) -> str | None:
    """« Lei Jun a assuré que la coopération avec Leica… », « « Notre partenariat avec OpenAI… », a
    déclaré Satya Nadella »: the company the speaker of the sentence speaks for is the other party
    of a relation that names only one. Only a speaker the gazetteer or an apposition ties to a
    company counts (see ``tracker.pipeline.cues.speaker_org``)."""
    sent = clauses[ci].sent
    for cue in doc.spans.get("tracker_cues", []):
        if sent.start <= cue.start < sent.end and cue.label_ in ("report", "confirm") and cue._.cue.get("org"):
            return cue._.cue["org"]
    return None


def _prep_before(doc: Doc, start: int, trig: Span) -> str | None:
    i = start - 1
    while i >= 0 and doc[i].lower_ in DETERMINERS:
        i -= 1
    if i >= 0 and trig.start <= i < trig.end and doc[i].lower_ in ("entre", "between"):
        return doc[i].lower_  # « la rupture entre Google et Huawei »: the trigger ends with it
    if i < 0 or trig.start <= i < trig.end:
        return None
    tok = doc[i]
    if tok.lower_ == "de" and i > 0 and doc[i - 1].lower_ == "auprès":
        return "auprès"
    if tok.lower_ == "des" and i > 0 and doc[i - 1].pos_ in ("VERB", "AUX"):
        return None  # « Hyundai confirme des discussions avec Apple »: an article, not « de les »
    if tok.lower_ in ("de", "d'") and i > 1 and doc[i - 1].lower_ == "tour" and doc[i - 2].lower_ in ("au", "son", "leur"):
        return None  # « c'est au tour d'Oppo de s'allier avec Hasselblad »: Oppo is the subject
    if tok.pos_ == "ADP" or tok.lower_ in ("avec", "entre", "par", "dans", "contre", "auprès", "de", "d'", "du", "des", "à", "au", "aux", "en", "sur", "visant", "chez", "with", "between"):
        return tok.lower_
    return None


# « auprès de Spark Capital et de Salesforce Ventures »: the « de » repeated after « et »
_PREP_FAMILY = {"d'": "de", "du": "de", "des": "de", "au": "à", "aux": "à", "auprès": "de"}


def _groups(doc: Doc, start: int, end: int, trig: Span, bodies: frozenset[str] = frozenset()) -> list[Group]:
    """Entities between ``start`` and ``end`` gathered into coordinated groups. With ``bodies``,
    « le conseil d'administration de Twitter » stands for Twitter as a subject."""
    spans = [e for e in doc.ents if not cue_word(doc, e)] + list(doc.spans.get("tracker_pairs", []))
    first = dateline_end(doc, trig.sent)
    ents = sorted((e for e in spans if max(start, first) <= e.start and e.end <= end and not (trig.start <= e.start < trig.end)), key=lambda e: e.start)
    groups: list[Group] = []
    for ent in ents:
        ent_prep = _prep_before(doc, ent.start, trig)
        if ent_prep in ("de", "d'", "du", "des") and bodies and body_before(doc, ent.start, bodies):
            ent_prep = None
        if groups:
            gap = doc[groups[-1].end : ent.start]
            if (all(t.lower_ in GROUP_JOINERS or t.lower_ in DETERMINERS or t.is_space for t in gap) and len(gap) <= 3) or _apposed(gap):
                groups[-1].ents.append(ent)
                continue
            # « d'un écran OLED et d'un capteur LiDAR »: the preposition repeated after « et »
            prep = groups[-1].prep
            if prep is None and all(t.lower_ in DETERMINERS for t in doc[trig.end : groups[-1].start]):
                prep = trig[-1].lower_  # the trigger ends with it: « équipé d'… »
            if prep and ent_prep and len(gap) <= 4 and gap[0].lower_ in GROUP_JOINERS and _PREP_FAMILY.get(ent_prep, ent_prep) == _PREP_FAMILY.get(prep, prep) \
                    and all(t.lower_ in GROUP_JOINERS or t.lower_ in DETERMINERS or t.lower_ == ent_prep for t in gap):
                groups[-1].ents.append(ent)
                continue
        groups.append(Group([ent], ent_prep))
    return groups


def _apposed(gap: Span) -> bool:
    """« comme Nissan ou l'équipementier canadien Magna »: a joiner, then a descriptor in apposition
    to the next name (determiner, lower-case nouns and adjectives)."""
    words = [t for t in gap if not t.is_space]
    if len(words) < 3 or len(words) > 5 or words[0].lower_ not in GROUP_JOINERS or words[1].lower_ not in DETERMINERS:
        return False
    return all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in words[2:])


def _relative_of(doc: Doc, clauses: list[Span], ci: int, i: int) -> int:
    """« l'opération, qui devrait être finalisée… »: a claim noun takes the cues of the relative
    whose subject it is; otherwise (« l'opération, dont le montant…, pourrait ») those of its clause."""
    j = i + 2 if i + 1 < len(doc) and doc[i + 1].text == "," else i + 1
    nxt = ci + 1
    if nxt < len(clauses) and clauses[nxt].label_ == "rel" and clauses[nxt].start == j and doc[j].lower_ == "qui":
        return nxt
    return ci


def _left_groups(doc: Doc, clauses: list[Span], ci: int, trig: Span, bodies: frozenset[str]) -> list[Group]:
    """The groups before ``trig`` in its clause; for a relative, a coordinated clause or after a
    topicalised name (« Qualcomm, de son côté, est engagé… »), the last group of the clause before."""
    clause = clauses[ci]
    left = _groups(doc, clause.start, trig.start, trig, bodies)
    if not left and ci > 0 and (clause.label_ in ("rel", "coord") or topic_clause(doc, clauses[ci - 1])):
        left = [Group(g.ents, None) for g in _groups(doc, clauses[ci - 1].start, clauses[ci - 1].end, trig, bodies)[-1:]]
    return left


def _pick_subject(left: list[Group]) -> Group | None:
    candidates = [g for g in left if g.prep in SUBJECT_PREPS]
    for g in reversed(candidates):
        if any(t.dep_.startswith("nsubj") for e in g.ents for t in e):
            return g
    return candidates[-1] if candidates else None


def _nearest(left: list[Group], types: set[str]) -> Group | None:
    """« une version du Huawei Mate30 Pro doté des services Google »: a participle qualifies the
    nearest noun, whatever preposition introduced it."""
    return next((g for g in reversed(left) if any(e.label_ in types for e in g.ents)), None)


def _is_passive(doc: Doc, trig: Span, *, adjectival: bool = False) -> bool:
    """« Slack a été racheté par Salesforce »; not « OnePlus s'est associé » (pronominal).
    With ``adjectival``, a bare participle is passive too: « le OnePlus 9, sorti en mars »."""
    head = trig[0]
    if "Part" not in head.morph.get("VerbForm") and not (adjectival and head.lower_.endswith(("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues"))):
        return False
    window = doc[max(trig.start - 3, head.sent.start) : trig.start]
    if any(t.lower_ in ("se", "s'") for t in window):
        return False
    if _has_etre(doc, trig):
        return True
    return adjectival and not any(t.lemma_ == "avoir" or t.pos_ == "AUX" for t in window)


def _has_etre(doc: Doc, trig: Span) -> bool:
    window = doc[max(trig.start - 3, trig[0].sent.start) : trig.start]
    return any(t.lemma_ == "être" or t.lower_ == "été" for t in window)


def _by_maker(doc: Doc, products: list[Span], types: set[str]) -> list[list[str]]:
    makers = doc._.tracker_makers or {}
    return [[makers[_name(p)], _name(p)] for p in products if p.label_ in types and _name(p) in makers]


def _name(ent: Span) -> str:
    return ent.kb_id_ or ent.text


def _names(ents: list[Span], types: set[str]) -> tuple[str, ...]:
    return tuple(_name(e) for e in ents if e.label_ in types)


def _resolve(claims: list[dict], partials: list[Partial], borrow: dict | None = None) -> list[dict]:
    """Each partial trigger takes the latest earlier claim it can refer to (same relation, the named
    entity in the named role). Partials resolve in text order, so a resolved one can be referred to.
    ``borrow`` (anaphora.json ``claim_parties_from``) lets a trigger of one relation that names no
    party take its parties from a claim of another: « OnePlus et Hasselblad ne travailleraient plus
    ensemble. Le partenariat avait été noué en 2021 » is the OnePlus–Hasselblad partnership.
    « le rachat de ZeniMax par la même firme » keeps ZeniMax and takes the buyer of the latest
    acquisition; « Beats, racheté en 2014 », with no earlier claim, takes the sentence's one other party."""
    borrow = borrow or {}
    known = sorted(claims, key=lambda c: c["trigger"][0])
    out: list[dict] = []
    for p in sorted(partials, key=lambda p: p.trigger[0]):
        lenders = frozenset(borrow.get(p.relations[0], ())) if len(p.relations) == 1 and not p.names else frozenset()
        hits = _refer(known, p, lenders)
        if not hits and len(p.fallback) == 1 and p.role == 1 and p.relations[0] in ORDERED:
            hits = [{"relation": p.relations[0], "entities": [p.fallback[0], n]} for n in p.names if n != p.fallback[0]]
        for h in hits:
            hit = {**h, "trigger": p.trigger, "clause": p.clause, "rule": p.rule}
            out.append(hit)
            known.append(hit)
    return out


def _demonstrative(doc: Doc, start: int) -> bool:
    """« ce partenariat », « cette opération »: a demonstrative points at what was just said."""
    return start > 0 and doc[start - 1].lower_ in DEMONSTRATIVES


def _refer(known: list[dict], p: Partial, lenders: frozenset[str] = frozenset()) -> list[dict]:
    later = [c for c in known if c["trigger"][0] > p.trigger[0]] if p.headline and not p.same else []
    # latest first by position: resolved references are appended to ``known`` out of text order
    earlier = sorted((c for c in known if c["trigger"][0] < p.trigger[0]), key=lambda c: -c["trigger"][0])
    if p.role is None and not p.names and not p.proximal:
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


def _sentence_parties(doc: Doc, trig: Span, patient: Group, types: set[str]) -> tuple[str, ...]:
    sent = trig.sent
    own = {_name(e) for e in patient.ents}
    return tuple(dict.fromkeys(_name(e) for e in sent.ents if e.label_ in types and _name(e) not in own))


def _deal_sanctions(doc: Doc, clauses: list[Span], claims: list[dict], data: dict, bodies: frozenset[str]) -> list[dict]:
    """« Donald Trump interdit le rachat de Qualcomm par Broadcom », « la FTC a porté plainte pour
    empêcher la transaction »: blocking a deal sanctions its buyer. The deal named only by a claim
    noun (« la transaction ») is the object of the sentence, not a mention of its own."""
    rules = {t["id"]: t for t in data["triggers"]}
    by_start = {c["trigger"][0]: c for c in claims if c["relation"] == "acquisition"}
    done = {c["trigger"] for c in claims if c["relation"] == "sanction"}
    out, dropped = [], set()
    for trig in doc.spans["tracker_triggers"]:
        if trig.label_ != "sanction" or rules[trig.id_]["kind"] != "verb" or (trig.start, trig.end) in done:
            continue
        deal = object_deal(doc, trig, by_start)
        if deal is None:
            continue
        ci = next(i for i, c in enumerate(clauses) if c.start <= trig.start < c.end)
        rel = data["relations"]["sanction"]
        left = _left_groups(doc, clauses, ci, trig, bodies)
        subj = _pick_subject(left)
        if subj is None:
            continue
        buyer = deal["entities"][0]
        rename = doc._.tracker_roots or {}
        for a in subj.ents:
            agent = rename.get(_name(a), _name(a))
            if (a.label_ in rel["types"][0] or agent != _name(a)) and agent != buyer:
                out.append({"relation": "sanction", "entities": [agent, buyer], "trigger": (trig.start, trig.end), "clause": ci, "rule": f"{trig.id_}_acheteur"})
        if out and out[-1]["trigger"] == (trig.start, trig.end) and deal["rule"].startswith("anaphore_"):
            dropped.add(id(deal))
    return [c for c in claims if id(c) not in dropped] + out


def _pairs(ents: list[Span], types: set[str]) -> list[list[str]]:
    names = sorted({_name(e) for e in ents if e.label_ in types})
    return [sorted(p, key=str.lower) for p in combinations(names, 2)]


def _cross(agents, patients, agent_types, patient_types, *, ordered: bool, rename: dict | None = None) -> list[list[str]]:
    rename = rename or {}
    out = []
    for a in agents:
        for p in patients:
            agent = rename.get(_name(a), _name(a))
            if (a.label_ not in agent_types and agent == _name(a)) or p.label_ not in patient_types or agent == _name(p):
                continue
            pair = [agent, _name(p)]
            out.append(pair if ordered else sorted(pair, key=str.lower))
    return out


def _drop_deal_nouns(doc: Doc, found: list[dict]) -> list[dict]:
    """« un accord pour acquérir Arm auprès de SoftBank », « un accord portant sur le rachat »: an
    agreement whose object is a deal is that deal, not a partnership with the seller."""
    deals = [t.start for t in doc.spans["tracker_triggers"] if t.label_ in DEAL_RELATIONS]
    return [c for c in found if c["relation"] != "partnership" or not any(0 <= d - c["trigger"][1] <= 3 for d in deals)]


def _drop_subsumed(found: list[dict]) -> list[dict]:
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


@Language.factory("tracker_triggers", default_config={"relations": None})
def make_triggers(nlp: Language, name: str, relations: dict | None) -> TriggerFinder:
    return TriggerFinder(nlp, name, relations=relations)


@Language.factory("tracker_claims", default_config={"relations": None, "anaphora": None})
def make_claims(nlp: Language, name: str, relations: dict | None, anaphora: dict | None) -> ClaimExtractor:
    return ClaimExtractor(nlp, name, relations=relations, anaphora=anaphora)
