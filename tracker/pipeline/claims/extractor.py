"""``tracker_triggers`` and ``tracker_claims``: relations between entities.

``tracker_triggers`` finds relation triggers (``models/relations.json``) and runs before the cues,
whose clause splitter counts a verbal trigger as a verb (the small model tags « collabore » as an
adverb). ``tracker_claims`` fills the roles of each trigger from the entities of its clause and
writes ``doc._.tracker_claims``: plain dicts ``{relation, entities, trigger: (start, end), clause}``.

Roles: the subject side is the nearest group of entities before the trigger (« Leica et Huawei
s'étaient associés »); the complement side is the first group after it, introduced by the
relation's prepositions (« avec Xiaomi, Honor, ou Sharp » is one group of three: three claims).
A passive participle (« a été racheté par ») swaps the sides. One function per construction:
``tracker.pipeline.claims.frame`` reads the sides, ``tracker.pipeline.claims.roles`` the roles;
``ClaimExtractor._roles`` calls them in turn.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tracker.pipeline.matching import GatedMatcher
from tracker.pipeline.claims.frame import Frame, read_frame
from tracker.pipeline.claims.roles import (
    Pairs,
    apposed_subject,
    joint_parties,
    launched_by_maker,
    made_by,
    noun_roles,
    ordered_pairs,
    passive_roles,
    pronoun_agent,
    sale,
    verb_roles,
    verbless_dated,
)
from tracker.pipeline.claims.constructions import in_headline, noun_complement
from tracker.pipeline.claims.parties import (
    Group,
    all_pairs,
    as_makers,
    by_maker,
    cross_pairs,
    entity_name,
    entity_names,
    groups_between,
    indefinite_partner,
    is_passive,
    names_a_thing,
    party_spans,
    prep_before,
    relative_of,
    speaker_party,
    wished,
)
from tracker.pipeline.claims.references import (
    DEAL_RELATIONS,
    Partial,
    deal_sanctions,
    drop_deal_nouns,
    drop_subsumed,
    resolve_partials,
)
from tracker.pipeline.claims import syntax
from tracker.pipeline.claims.rules import RelationRule, TriggerRule, load_rules
from tracker.resources import load_json, require
from tracker.pipeline.types import SavedRules  # and the extensions this module reads and writes

# trigger keys whose roles are fixed by their own rule: the parse's reading does not apply
PARSE_SKIPS = ("subject_role", "swap", "verbless_dated", "negative", "intransitive", "target_preps", "object_in_infinitive",
               "pronoun_subject", "agent_from_subject", "directional", "seller_subject", "joint")
# partnership rules that name talks or an agreement, which the deal they are about may be
DEAL_TALKS = frozenset({"partenariat_nom", "discussions_avec"})
COMPLEMENT = "_complement"  # a claim noun qualifying another noun: kept only as the object of a sanction
OPTIONAL_ANAPHORA_KEYS = {"claim_parties_from": dict, "claim_status_lemmas": list, "claim_cues": dict}


class _Attribution:
    """The tokens of each sentence's phrases of attribution, computed once per sentence."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.cache: dict[int, tuple[set[int], set[int]]] = {}

    def tokens(self, sent: Span) -> tuple[set[int], set[int]]:
        """(phrases that only name a source, subjects of verbs of saying): see ``syntax.attribution_tokens``."""
        if sent.start not in self.cache:
            self.cache[sent.start] = syntax.attribution_tokens(self.doc, sent)
        return self.cache[sent.start]


class TriggerFinder(SavedRules):
    rules_file = "relations.json"
    rules_attr = "data"

    def __init__(self, nlp: Language, name: str = "tracker_triggers", *, relations: dict | None = None):
        self._start(nlp, name, relations)

    def _build(self) -> None:
        self.rules = load_rules(self.data).triggers
        self.matcher = GatedMatcher(self.vocab)
        for rule in self.rules.values():
            self.matcher.add(rule.id, [list(rule.pattern)])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            rule_id = self.vocab.strings[match_id]
            if start > 0 and doc[start - 1].lower_ in self.rules[rule_id].not_after:
                continue
            spans.append(Span(doc, start, end, label=self.rules[rule_id].relation, span_id=rule_id))
        spans = filter_spans(spans)
        doc.spans["tracker_triggers"] = spans
        doc._.tracker_verbal = [s.start for s in spans if self.rules[s.id_].kind == "verb"]
        return doc


class ClaimExtractor:
    def __init__(self, nlp: Language, name: str = "tracker_claims", *, relations: dict | None = None, anaphora: dict | None = None):
        self.name = name
        self.data = relations if relations is not None else load_json("relations.json")
        loaded = load_rules(self.data)
        self.rules: dict[str, TriggerRule] = loaded.triggers
        self.relations: dict[str, RelationRule] = loaded.relations
        self.anaphora = anaphora if anaphora is not None else load_json("anaphora.json")
        require(self.anaphora, {k: t for k, t in OPTIONAL_ANAPHORA_KEYS.items() if k in self.anaphora}, "models/anaphora.json")
        self.bodies = frozenset(self.anaphora.get("bodies", ()))
        require(self.anaphora, {"products": dict}, "models/anaphora.json")
        self.pronouns: dict[str, int] = self.anaphora["products"]["pronouns"]  # « il » 1, « ils » 2

    def __call__(self, doc: Doc) -> Doc:
        doc._.tracker_parties = party_spans(doc)  # read by every groups_between call, computed once
        try:
            doc._.tracker_claims = self._claims(doc)
        finally:
            doc._.tracker_parties = None  # Spans: not a value to keep on the doc
        return doc

    def _claims(self, doc: Doc) -> list[dict]:
        clauses = list(doc.spans["tracker_clauses"])
        claims: list[dict] = []
        partials: list[Partial] = []
        # the doc's span groups, read once: each read of a group builds all of its Span objects
        all_triggers = list(doc.spans["tracker_triggers"])
        deals = [t.start for t in all_triggers if t.label_ in DEAL_RELATIONS]
        wanted = self.anaphora.get("claim_cues", {})
        status_cues = [q for q in doc.spans.get("tracker_cues", []) if (q._.cue or {}).get("rule") in wanted]
        in_trigger = {i for t in all_triggers for i in range(t.start, t.end)}
        attribution = _Attribution(doc)
        index = syntax.entity_index(doc._.tracker_parties or [])
        for ci, clause in enumerate(clauses):
            triggers = [t for t in all_triggers if clause.start <= t.start < clause.end]
            found = []
            for trig in triggers:
                if self.rules[trig.id_].verbless_dated:
                    pairs, partial = self._dated_question(doc, trig), None
                else:
                    pairs, partial = self._roles(doc, clauses, ci, trig)
                    pairs, partial = self._from_parse(doc, trig, pairs, partial, attribution)
                relation = syntax.stake_relation(doc, trig) if pairs else trig.label_
                if relation != trig.label_:  # « racheter la participation de Vivendi dans TF1 »
                    company = syntax.stake_company(doc, trig, index)
                    if company is not None:
                        pairs = [[p[0], entity_name(company)] for p in pairs if p[0] != entity_name(company)]
                if pairs and self.rules[trig.id_].kind == "noun" and self.relations[relation].ordered:
                    rel = self.relations[relation]
                    more = [p for b, t in syntax.elliptic_deals(doc, trig, index)
                            for p in cross_pairs([b], [t], set(rel.types[0]), set(rel.types[1]), ordered=True)]
                    pairs = pairs + [p for p in more if p not in pairs]  # « rachat de X par Y, de Z par W »
                for ents in pairs:
                    found.append({"relation": relation, "entities": ents, "trigger": (trig.start, trig.end), "clause": ci, "rule": trig.id_,
                                  "negative": self.rules[trig.id_].negative, "expectation": self.rules[trig.id_].expectation,
                                  "joint": self.rules[trig.id_].joint, "background": self.rules[trig.id_].background})
                if partial is not None and (partial.names or self._refers(doc, trig.start) or self._party_less_unordered(partial)) \
                        and not self._background(doc, trig, partial):
                    partials.append(partial)
            found += self._comitative_partners(doc, clause, ci, found)
            # co-bidders of a joint offer for a deal are partners of each other, not of the seller
            joint = [c for c in found if c.get("joint")]
            claims.extend(drop_subsumed(drop_deal_nouns([c for c in found if c not in joint], deals) + joint))
            partials += self._claim_nouns(doc, clauses, ci, in_trigger) + self._claim_cues(status_cues, clause, ci)
        # « GBL, qui détient 13 % d'Ubisoft » is not what « la transaction » further on refers to
        antecedents = [c for c in claims if not c.get("background")]
        resolved = resolve_partials(doc, antecedents, partials, self.anaphora.get("claim_parties_from", {}))
        found = deal_sanctions(doc, clauses, claims + resolved, self.rules, self.relations, self.bodies)
        return _mergers_as_takeovers([c for c in found if not c["rule"].endswith(COMPLEMENT)])

    def _from_parse(self, doc: Doc, trig: Span, pairs: list[list[str]], partial: Partial | None, attribution: _Attribution) -> tuple[list[list[str]], Partial | None]:
        """The parse's reading where the groups found no pair or took a name out of a phrase of
        attribution (« selon Bloomberg, Microsoft devrait racheter GitHub »)."""
        rule = self.rules[trig.id_]
        received = rule.kind == "noun" and rule.subject_role == "patient"  # « une levée de fonds … par ASML »
        if any(getattr(rule, k) for k in PARSE_SKIPS) and not received:
            return pairs, partial
        strong, weak = attribution.tokens(trig.sent)
        hide = strong | weak
        if pairs and not any(_sourced(doc, hide, n) for p in pairs for n in p):
            if rule.kind == "verb" and trig.label_ in DEAL_RELATIONS + ("launch",) and rule.patient_preps is None:
                # « Cisco a racheté Webex en 2007, puis Duo Security en 2018 », « Apple a lancé
                # l'iPhone X en 2017 et l'iPhone XR en 2018 »: the parse adds the objects the groups
                # missed, for the same agents
                agents = {p[0] for p in pairs}
                pairs = pairs + [p for p in self._parse_pairs(doc, trig, rule, hide) if p[0] in agents and p not in pairs]
            return pairs, partial
        if not pairs and partial is None and not received and (not self.relations[trig.label_].ordered or rule.partial is False):
            return pairs, partial  # the groups' rules decided there is no claim (« souhaitent continuer à travailler avec »)
        found = self._parse_pairs(doc, trig, rule, hide)
        if found:
            return found, None
        # no other reading: a pair that names a source only (« selon Bloomberg ») is no claim
        return [p for p in pairs if not any(_sourced(doc, strong, n) for n in p)], partial

    def _parse_pairs(self, doc: Doc, trig: Span, rule: TriggerRule, hide: set[int]) -> list[list[str]]:
        """The trigger's pairs of names as the parse reads them (``tracker.pipeline.claims.syntax``), with
        ``hide`` (phrases of attribution) filling no role."""
        rel = self.relations[trig.label_]
        ents = syntax.entity_index(doc._.tracker_parties or [])
        agent_types, patient_types = set(rel.types[0]), set(rule.patient_types_of(rel))
        patient_preps = rule.patient_preps_of(rel)
        agent_preps = rule.agent_preps_of(rel)
        if rule.kind == "noun" and rule.subject_role == "patient":
            args = syntax.received_args(doc, trig, ents, hide, agent_preps=agent_preps)
        elif rule.kind == "noun":
            noun_preps = rule.noun_patient_preps + (patient_preps if rel.ordered else ())
            args = syntax.noun_args(doc, trig, ents, hide, agent_preps=("par",), patient_preps=noun_preps or patient_preps,
                                    dedicated=rule.noun_patient_preps)
        else:
            passive = is_passive(doc, trig, adjectival=False)
            args = syntax.verb_args(doc, trig, ents, hide, passive=passive, patient_preps=patient_preps if not rel.ordered else ())
        if not rel.ordered and not args.agents and len(args.patients) >= 2:
            return all_pairs(list(args.patients), agent_types)  # « la fusion entre TF1 et M6 »
        if not rel.ordered and not args.patients and len(args.agents) >= 2 and not _indefinite_plural(doc, trig):
            return all_pairs(list(args.agents), agent_types)  # « TF1 et M6 vont fusionner »
        if not args.agents or not args.patients:
            return []
        if rule.product_parties == "maker":
            agents = [g.ents[0] for g in as_makers(doc, [Group([e], None) for e in args.agents])]
            patients = [g.ents[0] for g in as_makers(doc, [Group([e], None) for e in args.patients])]
        else:
            agents, patients = list(args.agents), list(args.patients)
        agents = [syntax.unknown_as_org(e, agent_types) for e in agents]
        patients = [syntax.unknown_as_org(e, patient_types) for e in patients]
        rename = (doc._.tracker_roots or {}) if rel.agent_root else {}
        return cross_pairs(agents, patients, agent_types, patient_types, ordered=rel.ordered, rename=rename)

    def _dated_question(self, doc: Doc, trig: Span) -> list[list[str]]:
        """« Un iPhone 15 Ultra en septembre à la place du Pro Max ? »: the products the question names
        without a preposition, each launched by its maker."""
        if not verbless_dated(trig.sent):
            return []
        types = set(self.relations[trig.label_].types[1])
        named = [e for g in groups_between(doc, trig.sent.start, trig.start, trig) if g.prep is None for e in g.ents]
        return by_maker(doc, named, types)

    def _claim_cues(self, status_cues: list[Span], clause: Span, ci: int) -> list[Partial]:
        """« Rien n'est encore signé »: a cue that states where the deal stands (anaphora.json
        ``claim_cues``, by cue id; ``status_cues`` are the doc's) refers to the latest claim of its relations."""
        wanted = self.anaphora.get("claim_cues", {})
        return [
            Partial(tuple(wanted[q._.cue["rule"]]), None, (), (q.start, q.end), ci, f"anaphore_{q._.cue['rule']}")
            for q in status_cues if clause.start <= q.start < clause.end
        ]

    def _comitative_partners(self, doc: Doc, clause: Span, ci: int, found: list[dict]) -> list[dict]:
        """« Oppo officialise ses Find X5 et Find X5 Pro, avec Hasselblad »: a company named with
        « avec » beside a launch (relations.json partnership ``comitative_of``) is the launcher's partner."""
        rel = self.relations["partnership"]
        types = set(rel.types[1])
        out = []
        for c in found:
            if c["relation"] not in rel.comitative_of:
                continue
            trig = doc[c["trigger"][0] : c["trigger"][1]]
            company = c["entities"][0]
            for g in groups_between(doc, trig.end, clause.end, trig):
                if g.prep == "avec":
                    out += [{**c, "relation": "partnership", "entities": sorted((company, entity_name(e)), key=str.lower)}
                            for e in g.ents if e.label_ in types and entity_name(e) != company]
        return out

    def _party_less_unordered(self, partial: Partial) -> bool:
        """« Un accord pourrait être signé dès février »: a party-less partnership trigger already passed
        the status test in ``_roles``, so even an indefinite one names the deal under discussion."""
        return partial.role is None and all(not self.relations[r].ordered for r in partial.relations)

    def _refers(self, doc: Doc, start: int) -> bool:
        """« la transaction », « cette acquisition », « leur partenariat »: a noun that names a known claim."""
        return start > 0 and doc[start - 1].lower_.replace("’", "'") in self.anaphora["claim_determiners"]

    def _background(self, doc: Doc, trig: Span, partial: Partial) -> bool:
        """A trigger that names no party and cannot refer to an earlier claim: « sans » (« sans dévoiler sa
        fiche technique »), a launch noun after a preposition (« pendant la présentation »)."""
        rule = self.rules[trig.id_]
        if rule.negative:
            return True
        return rule.no_anaphora_after_prep and not partial.names and prep_before(doc, trig.start, trig) is not None

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
            Partial(tuple(nouns[t.lower_]), None, (), (t.i, t.i + 1), relative_of(doc, clauses, ci, t.i),
                    f"anaphore_{t.lower_}" + (COMPLEMENT if noun_complement(doc, t.i) else ""), headline=in_headline(doc, clause))
            for t in clause if t.lower_ in nouns and t.i not in in_trigger and not t.ent_type_ and self._refers(doc, t.i)
            and not names_a_thing(doc, t.i)  # « le projet Titan » is a name
        ]

    def _roles(self, doc: Doc, clauses: list[Span], ci: int, trig: Span) -> Pairs:
        """The pairs of names of one trigger, or a Partial when a role is left to an anaphora: the
        constructions of ``claims.roles`` in turn, the first that decides gives the answer."""
        rule, rel = self.rules[trig.id_], self.relations[trig.label_]
        f = read_frame(Frame(doc, clauses, ci, trig, rule, rel, self.anaphora, self.bodies, self.pronouns))
        if rule.agent_maker:
            return made_by(f), None
        if rule.apposition:
            f.subj = apposed_subject(f)
        if rule.joint:
            return joint_parties(f), None
        if rule.seller_subject:
            return sale(f)
        if not rel.ordered:
            return self._unordered(f)
        if f.passive:
            agent, patient = passive_roles(f)
        elif rule.kind == "noun":
            agent, patient = noun_roles(f)
        else:
            agent, patient = verb_roles(f)
        agent = pronoun_agent(f, agent, patient)
        if launched_by_maker(f, agent, patient):
            return by_maker(doc, patient.ents, f.patient_types), None
        return ordered_pairs(f, agent, patient)

    def _unordered(self, f: Frame) -> Pairs:
        """A partnership-like relation, whose two parties are alike: « la fusion entre TF1 et M6 »
        (``between_preps``), « le partenariat de Leica avec Xiaomi » (the « de » group is a party),
        « Leica et Huawei s'étaient associés » (every two of a coordinated subject), « Leica s'associe
        à Xiaomi ». Not a relation presupposed or wished (« souhaitent continuer à travailler avec »);
        « les deux groupes ont mis fin à l'accord » is the deal already stated."""
        doc, trig, clause = f.doc, f.trig, f.clause
        if f.presupposed or wished(doc, clause, trig, f.rel.wish_lemmas):
            return [], None
        if f.compl is None and self._definite_deal(doc, clause, trig):
            nouns = self.anaphora["claim_nouns"]
            return [], Partial(tuple(nouns[trig.text.lower()]), None, (), (trig.start, trig.end), f.ci, f"{trig.id_}_anaphore")
        between_preps = set(f.rel.between_preps)
        between = next((g for g in f.right + f.left if g.prep in between_preps), None)
        if between is not None:
            return all_pairs(between.ents, f.agent_types), None
        subj = f.subj
        if f.de_group is not None and f.compl is not None and f.compl is not f.de_group:
            subj = f.de_group
        agent, patient = subj, (f.compl if f.compl is not subj else None)
        if agent is not None and patient is None and len(agent.ents) >= 2 and not f.rule.directional and not _indefinite_plural(doc, trig):
            return all_pairs(agent.ents, f.agent_types), None
        if agent is None or patient is None:
            return self._one_party(f, agent or patient, patient is None)
        return cross_pairs(agent.ents, patient.ents, f.agent_types, f.patient_types, ordered=False), None

    def _one_party(self, f: Frame, known: Group | None, no_partner: bool) -> Pairs:
        """An unordered trigger with one party or none: the speaker of the sentence is the other
        (« Sundar Pichai a confirmé que la collaboration avec Samsung… »), an indefinite partner
        names none (« Nothing voudrait s'allier avec un autre constructeur »), else the anaphora
        fills it if the clause is about where the deal stands (« Ce partenariat nous permettra
        d'accélérer… » is background)."""
        names = entity_names(known.ents, f.agent_types) if known else ()
        speaker = speaker_party(f.doc, f.clauses, f.ci)
        if speaker and names and speaker not in names:
            return [sorted((speaker, n), key=str.lower) for n in names], None
        if f.rule.partial is False or (no_partner and indefinite_partner(f.doc, f.trig, f.clause, f.patient_preps)):
            return [], None
        if not names and not self._about_status(f.clause):
            return [], None
        return [], f.partial(0 if names else None, names)


def _indefinite_plural(doc: Doc, trig: Span) -> bool:
    """« Samsung et LG ont signé des accords de plusieurs milliards »: deals each of them made,
    not one between them."""
    return trig.start > 0 and doc[trig.start - 1].lower_ in ("des", "plusieurs", "autres") and "Plur" in trig[-1].morph.get("Number")


def _sourced(doc: Doc, tokens: set[int], name: str) -> bool:
    """Whether ``name`` is written among ``tokens`` (a phrase of attribution)."""
    words = set(name.lower().split())
    return any(doc[i].lower_ in words or (doc[i].ent_kb_id_ or "").lower() == name.lower() for i in tokens)


def _mergers_as_takeovers(claims: list[dict]) -> list[dict]:
    """« Adobe et Figma mettent fin à leur projet de fusion » in an article that tells the rachat of
    Figma by Adobe: news tells many takeovers as mergers, so a merger of two parties that the same
    article names as buyer and target is that acquisition. So are their talks and their agreement
    (« les négociations entre AMD et Xilinx ont débouché sur un accord », DEAL_TALKS)."""
    buys = {frozenset(c["entities"]): c["entities"] for c in claims if c["relation"] == "acquisition"}
    out = []
    for c in claims:
        pair = frozenset(c["entities"])
        if (c["relation"] == "merger" or c["rule"] in DEAL_TALKS) and pair in buys:
            c = {**c, "relation": "acquisition", "entities": list(buys[pair])}
        out.append(c)
    return out


@Language.factory("tracker_triggers", default_config={"relations": None},
                  assigns=["doc.spans", "doc._.tracker_verbal"], requires=["token.lemma", "token.pos"])
def make_triggers(nlp: Language, name: str, relations: dict | None) -> TriggerFinder:
    return TriggerFinder(nlp, name, relations=relations)


@Language.factory("tracker_claims", default_config={"relations": None, "anaphora": None},
                  assigns=["doc._.tracker_claims"],
                  requires=["doc.ents", "doc.spans", "token.dep", "token.morph", "doc._.tracker_makers", "doc._.tracker_roots"])
def make_claims(nlp: Language, name: str, relations: dict | None, anaphora: dict | None) -> ClaimExtractor:
    return ClaimExtractor(nlp, name, relations=relations, anaphora=anaphora)
