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

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tracker.errors import ModelDataError
from tracker.pipeline.matching import GatedMatcher
from tracker.pipeline.claim_roles import introduced_by, only_patients, pronoun_subject, reroute, verbless_dated
from tracker.pipeline.constructions import (
    adjacent,
    after_relational_noun,
    in_headline,
    infinitive_object,
    interrupted,
    indefinite_plural_noun,
    noun_complement,
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
    entity_name,
    entity_names,
    enumerated_members,
    groups_between,
    has_etre,
    indefinite_partner,
    is_passive,
    last_group,
    names_a_thing,
    nearest_group,
    party_spans,
    pick_subject,
    prep_before,
    pronoun_subject_group,
    relative_of,
    relative_partner,
    speaker_party,
    unordered_complement,
    wished,
)
from tracker.pipeline.references import (
    DEAL_RELATIONS,
    Partial,
    deal_sanctions,
    drop_deal_nouns,
    drop_subsumed,
    resolve_partials,
    sentence_parties,
)
from tracker.pipeline import syntax
from tracker.pipeline.rules import RelationRule, TriggerRule, load_rules
from tracker.resources import load_json, require

if not Doc.has_extension("tracker_claims"):
    Doc.set_extension("tracker_claims", default=None)
if not Doc.has_extension("tracker_verbal"):
    Doc.set_extension("tracker_verbal", default=None)

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


class TriggerFinder:
    def __init__(self, nlp: Language, name: str = "tracker_triggers", *, relations: dict | None = None):
        self.name = name
        self.vocab = nlp.vocab
        self.data = relations if relations is not None else load_json("relations.json")
        self._build()

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
                for ents in pairs:
                    found.append({"relation": relation, "entities": ents, "trigger": (trig.start, trig.end), "clause": ci, "rule": trig.id_,
                                  "negative": self.rules[trig.id_].negative, "expectation": self.rules[trig.id_].expectation,
                                  "joint": self.rules[trig.id_].joint, "background": self.rules[trig.id_].background})
                if partial is not None and (partial.names or self._refers(doc, trig.start) or self._party_less_unordered(partial)) \
                        and not self._background(doc, trig, partial):
                    partials.append(partial)
            found += self._comitative_partners(doc, clause, ci, found)
            # co-bidders of a joint offer for a deal are partners of each other, not of the seller
            joint = [c for c in found if c["rule"] in self.rules and self.rules[c["rule"]].joint]
            claims.extend(drop_subsumed(drop_deal_nouns([c for c in found if c not in joint], deals) + joint))
            partials += self._claim_nouns(doc, clauses, ci, in_trigger) + self._claim_cues(status_cues, clause, ci)
        # « GBL, qui détient 13 % d'Ubisoft » is not what « la transaction » further on refers to
        antecedents = [c for c in claims if not (c["rule"] in self.rules and self.rules[c["rule"]].background)]
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
            if rule.kind == "verb" and trig.label_ in DEAL_RELATIONS and rule.patient_preps is None:
                # « Cisco a racheté Webex en 2007, puis Duo Security en 2018 »: the parse adds the
                # objects the groups missed, for the same agents
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
        """The trigger's pairs of names as the parse reads them (``tracker.pipeline.syntax``), with
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

    def _sale(self, doc: Doc, trig: Span, rule: TriggerRule, left: list[Group], right: list[Group], subj: Group | None, compl: Group | None,
              de_group: Group | None, passive: bool, agent_types: set[str], patient_types: set[str], partial) -> tuple[list[list[str]], Partial | None]:
        """« Sony a vendu ses chaînes Gulli et Canal J au groupe Bouygues », « Vivendi, vendu à Vodafone »,
        « la cession de sa filiale à Airbus »: the seller is the subject, the buyer is named after « à »
        or, for a sale under talks, is the party of the talks (« les discussions avec Airbus concernant
        la cession de BDS »)."""
        preps = set(rule.agent_preps or ())
        buyer = next((g for g in right if g.prep in preps or (g.prep is None and introduced_by(g, preps))), None)  # « au groupe Altice »
        if buyer is None and rule.kind == "noun":
            buyer = next((g for g in reversed(left) if g.prep == "avec"), None)
        target = de_group if rule.kind == "noun" else (subj if passive else compl)
        if target is None and rule.kind == "noun":  # « la cession de sa filiale Alcatel »: the parse reads past the descriptor
            ents = syntax.entity_index(doc._.tracker_parties or [])
            named = [e for e in syntax.noun_args(doc, trig, ents, set(), agent_preps=(), patient_preps=self.relations[trig.label_].patient_preps).patients
                     if e.label_ in patient_types]
            target = Group(named, "de") if named else None
        if buyer is not None and target is not None:
            return cross_pairs(buyer.ents, target.ents, agent_types, patient_types, ordered=True), None
        if target is not None and rule.partial is not False:
            return [], partial(1, entity_names(target.ents, patient_types))
        return [], None

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

    def _roles(self, doc: Doc, clauses: list[Span], ci: int, trig: Span) -> tuple[list[list[str]], Partial | None]:
        rule = self.rules[trig.id_]
        rel = self.relations[trig.label_]

        def partial(role: int | None, names: tuple[str, ...], fallback: tuple[str, ...] = ()) -> Partial | None:
            if role is not None and not names:
                return None
            same = role is not None and same_descriptor(doc, clauses[ci], self.anaphora)
            return Partial((trig.label_,), role, names, (trig.start, trig.end), ci, f"{trig.id_}_anaphore", same, fallback)

        clause = clauses[ci]
        left = groups_between(doc, clause.start, trig.start, trig, self.bodies)
        partner = None if rel.ordered else relative_partner(doc, clauses, ci, trig, rel.patient_preps)
        if partner is not None and not left:
            left = pronoun_subject_group(doc, clauses, ci, trig, self.pronouns, partner)
        if not left:  # « Le Galaxy S24, qui …, serait équipé de… »: the verb resumes its subject's clause
            subject = next((j for j in range(ci) if clauses[j]._.governor == ci), None)
            if subject is not None:
                left = last_group(doc, clauses[subject], trig, self.bodies)
        members_subject = False
        if not left and clause.label_ == "rel" and clause[0].lower_ == "qui" and clause.start > 0 and indefinite_plural_noun(doc, clause.start - 1):
            # « plusieurs partenaires qui pourraient prendre une participation dans T-Mobile, dont Dish et Cox »
            named = enumerated_members(doc, clause.start - 1, trig)
            left, members_subject = ([Group(named, None)], True) if named else (left, False)
        # « la Switch OLED, qui sortira… », « Qualcomm, de son côté, est engagé… »; not « le P50 Pro,
        # dont des images ont été dévoilées »: « dont » is a complement
        if not left and ci > 0 and clause[0].lower_ != "dont" and (
                clause.label_ in ("rel", "coord") or topic_clause(doc, clauses[ci - 1])
                or (rule.previous_clause and clauses[ci - 1].start >= clause.sent.start)):
            left = earlier_group(doc, clauses, ci, trig, walk=not rel.ordered, bodies=self.bodies)
            if rule.swap and clause.label_ == "rel" and left and all(e.label_ in COMPANY_TYPES for e in left[-1].ents):
                # « Siri est un assistant développé par Apple Inc., qui est inclus dans iOS »: a company is
                # not what an operating system includes; the relative is about the thing named before
                left = _thing_before(doc, clauses, ci, trig, self.bodies)
        if not left and not rel.ordered:
            left = pronoun_subject_group(doc, clauses, ci, trig, self.pronouns)
        right = [g for g in groups_between(doc, trig.end, clause.end, trig) if not after_relational_noun(doc, g.start, trig)]
        members_object = None
        if trig.end < clause.end:
            # « en discussion avec plusieurs partenaires …, dont Dish, Cox et Charter »
            nxt = next((t.i for t in doc[trig.end : min(trig.end + 4, clause.end)] if t.pos_ == "NOUN"), None)
            if nxt is not None and indefinite_plural_noun(doc, nxt):
                named = enumerated_members(doc, nxt, trig)
                members_object = Group(named, None) if named else None
        if partner is not None:
            right = as_makers(doc, [partner]) + right
        if rule.product_parties == "maker":
            left, right = as_makers(doc, left), as_makers(doc, right)
        patient_preps = set(rule.patient_preps_of(rel))
        agent_preps = set(rule.agent_preps_of(rel))
        role = rule.subject_role  # fixed by the trigger (« est officiel », « animé par »), else read from the verb
        passive = role == "patient" or (role != "agent" and is_passive(doc, trig, adjectival=rel.adjectival_passive))
        agent_types, patient_types = set(rel.types[0]), set(rule.patient_types_of(rel))
        subj = nearest_group(left, agent_types) if rel.agent_nearest else pick_subject(left)
        noun_prep = prep_before(doc, trig.start, trig) if rule.kind == "noun" else None
        if noun_prep is not None and (after_light_noun(doc, trig, rel.light_nouns) or verb_object(doc, trig, rel)):
            noun_prep = None  # « la signature d'un partenariat », « engagé dans le rachat de »: the noun stays the predicate
        # « le premier fruit de son partenariat avec Leica »: a relation named as background
        presupposed = noun_prep in ("de", "d'", "du", "des")
        if noun_prep not in (None, "en", "à", "au", "aux") and not members_subject:
            subj = None  # « après la sortie du P50 », « des années de partenariat »: not the predicate
        if rule.kind == "noun":
            de_group = next((g for g in right if g.prep in ("de", "d'", "du", "des") and g.start - trig.end <= 3), None)
        else:
            de_group = None
        agent = patient = None
        by_agent = next((g for g in right if g.prep in agent_preps and g.prep not in patient_preps and g is not de_group), None)
        if rule.agent_adjacent and by_agent is not None and not adjacent(doc, trig.end, by_agent.start, preps=True):
            by_agent = None  # « accepté l'offre de partenariat de Samsung »: not the bidder of a buy-out
        # a verb's object, or the party right after a trigger that ends with its preposition (« discussions avec »)
        bare = rule.kind == "verb" or rule.prep_inside
        compl = next((g for g in right if (g.prep in patient_preps or (g.prep is None and bare))
                      and (rel.ordered or unordered_complement(doc, trig, g, rule.kind, patient_types))), None)
        if rule.kind == "verb" and rel.ordered and not passive and not rule.swap:
            # « le Snapdragon 8 Gen 2 que Qualcomm va présenter lors de son Snapdragon Summit »: « que »
            # already is the object, a name further on is not
            named = relative_object(doc, clause, trig, doc._.tracker_parties or [])
            if named is not None and named.label_ in patient_types:
                compl = Group([named], None)
        if compl is not None and rule.prep_inside and rel.ordered:  # « détient 27 % de Lagardère »: only a company holds a share
            compl = Group([syntax.unknown_as_org(e, patient_types) for e in compl.ents], compl.prep)
        if members_object is not None and (rule.kind == "verb" or rule.prep_inside) and (compl is None or compl.start > trig.end + 4):
            compl = members_object  # the plural noun right after the trigger is its object, not a name further on
        if rule.object_adjacent and compl is not None and compl.prep is None and not adjacent(doc, trig.end, compl.start):
            compl = None  # « acheter du matériel Huawei » buys goods, not Huawei
        if rule.object_in_infinitive and compl is None:
            compl = infinitive_object(doc, trig, right, patient_types)
        if rule.agent_maker:  # « la start-up derrière ChatGPT »
            made = right[0] if right and right[0].start - trig.end <= 2 else None
            return (by_maker(doc, made.ents, patient_types) if made else []), None
        if rule.apposition:
            subj = apposed_to(doc, groups_between(doc, trig.sent.start, trig.start, trig, self.bodies), trig)
        if rule.joint:
            # the whole sentence: the clause splitter cuts « réunissant Nvidia, Microsoft | et Oracle construira »
            # and « A, B et C viennent d'annoncer | ce mardi, | une offre conjointe »
            before = [g for g in groups_between(doc, trig.sent.start, trig.start, trig) if g.prep is None and len(g.ents) >= 2]
            pairs = _joint(subj or (before[-1] if before else None), groups_between(doc, trig.end, trig.sent.end, trig), agent_types)
            # « dans un communiqué commun, les deux groupes… » speaks for the parties of a deal, not for partners
            described = {e.kb_id_ or e.text for e in doc.spans.get("tracker_pairs", []) if e.sent.start == trig.sent.start}
            return [p for p in pairs if not described.intersection(p)], None
        if rule.seller_subject:
            return self._sale(doc, trig, rule, left, right, subj, compl, de_group, passive, agent_types, patient_types, partial)
        if not rel.ordered:
            if presupposed or wished(doc, clause, trig, rel.wish_lemmas):
                return [], None
            if compl is None and self._definite_deal(doc, clause, trig):
                nouns = self.anaphora["claim_nouns"]
                return [], Partial(tuple(nouns[trig.text.lower()]), None, (), (trig.start, trig.end), ci, f"{trig.id_}_anaphore")
            between_preps = set(rel.between_preps)
            between = next((g for g in right + left if g.prep in between_preps), None)
            if between is not None:
                return all_pairs(between.ents, agent_types), None
            if de_group is not None and compl is not None and compl is not de_group:
                subj = de_group  # « le partenariat de Leica avec Xiaomi »
            agent, patient = subj, compl if compl is not subj else None
            if agent is not None and patient is None and len(agent.ents) >= 2 and not rule.directional and not _indefinite_plural(doc, trig):
                return all_pairs(agent.ents, agent_types), None
            if agent is None or patient is None:
                known = agent or patient
                names = entity_names(known.ents, agent_types) if known else ()
                speaker = speaker_party(doc, clauses, ci)
                if speaker and names and speaker not in names:
                    return [sorted((speaker, n), key=str.lower) for n in names], None
                if rule.partial is False or (patient is None and indefinite_partner(doc, trig, clause, patient_preps)):
                    return [], None
                if not names and not self._about_status(clause):
                    return [], None  # « Ce partenariat nous permettra d'accélérer… »: background, not its status
                return [], partial(0 if names else None, names)
            return cross_pairs(agent.ents, patient.ents, agent_types, patient_types, ordered=False), None
        if passive:
            # « les Galaxy S22 vendus en Europe »: a bare participle qualifies the nearest noun
            agent, patient = by_agent, (subj if has_etre(doc, trig) else nearest_group(left, patient_types) or subj)
            if agent is not None and not has_etre(doc, trig) and interrupted(doc, trig.end, agent.start):
                agent = None  # « Fitbit, racheté pour 2,1 milliards, sera intégré à l'équipe de Google dirigée par X »
            if agent is None and rule.agent_from_subject and subj is not patient:
                agent = subj  # « Washington a placé Huawei sur liste noire »
        elif rule.kind == "noun":
            patient = de_group
            if patient is None and rule.noun_patient_preps:
                patient = next((g for g in right if g.prep in rule.noun_patient_preps), None)
                if by_agent is not None and patient is not None and by_agent.start > patient.start and by_agent.prep != "par":
                    by_agent = None  # « dans Anthropic, la start-up fondée par d'anciens chercheurs d'OpenAI »
            agent = by_agent or subj
        else:
            agent, patient = subj, compl
            if rule.intransitive and patient is None and only_patients(agent, agent_types, patient_types):
                agent, patient = None, agent  # « la Switch OLED sortira le 8 octobre »
            agent, patient = reroute(rule, agent, patient, right, agent_types)
        if agent is None and patient is not None and rule.pronoun_subject:
            named = pronoun_subject(trig, agent_types, self.pronouns)  # « Elle est dotée d'un écran OLED »
            agent = Group(named, None) if named else None
        # « après le lancement raté d'Apple Intelligence », « depuis la sortie de la Switch »: a launch gone by
        if agent is None and patient is not None and rel.agent_fallback == "maker" and not (rule.kind == "noun" and prep_before(doc, trig.start, trig) not in (None, "en", "après", "depuis")):
            return by_maker(doc, patient.ents, patient_types), None
        if agent is None and patient is None:
            return [], partial(None, ())
        if agent is None or patient is None:
            if agent is not None and rule.kind == "noun" and "Plur" in trig[-1].morph.get("Number"):
                return [], None  # « le groupe est coutumier des grosses acquisitions »: deals in general
            if agent is not None:
                return [], partial(0, entity_names(agent.ents, agent_types))
            # « Beats, racheté en 2014 »: a bare participle, not a trigger whose subject is fixed
            others = sentence_parties(doc, trig, patient, agent_types) if passive and role is None and not has_etre(doc, trig) else ()
            return [], partial(1, entity_names(patient.ents, patient_types), others)
        rename = (doc._.tracker_roots or {}) if rel.agent_root else {}
        return cross_pairs(agent.ents, patient.ents, agent_types, patient_types, ordered=True, rename=rename), None


COMPANY_TYPES = frozenset({"ORG", "BRAND", "PERSON"})


def _thing_before(doc: Doc, clauses: list[Span], ci: int, trig: Span, bodies: frozenset[str]) -> list[Group]:
    """The last group of a clause before ``ci``, in the same sentence, that names something other than a company."""
    for j in range(ci - 1, -1, -1):
        if clauses[j].start < clauses[ci].sent.start:
            break
        for g in reversed(groups_between(doc, clauses[j].start, clauses[j].end, trig, bodies)):
            if not all(e.label_ in COMPANY_TYPES for e in g.ents):
                return [Group(g.ents, None)]
    return []


def _indefinite_plural(doc: Doc, trig: Span) -> bool:
    """« Sony et Microsoft ont annoncé des accords chiffrés en milliards »: deals each of them made,
    not one between them."""
    return trig.start > 0 and doc[trig.start - 1].lower_ in ("des", "plusieurs", "d'autres") and "Plur" in trig[-1].morph.get("Number")


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


def _joint(subj: Group | None, right: list[Group], types: set[str]) -> list[list[str]]:
    """« Orange, SFR et Free ont déposé une offre conjointe », « dans un communiqué commun, Orange et
    Free… », « la coentreprise réunissant A, B et C »: every two of the names that act together."""
    group = subj if subj is not None and len(subj.ents) >= 2 else next((g for g in right if len(g.ents) >= 2 and g.prep in (None, "de", "d'", "du", "des", "par")), None)
    return all_pairs(group.ents, types) if group is not None else []


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
