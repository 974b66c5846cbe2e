"""Who fills a trigger's roles: groups of entities around it, its subject, its complement.

Token-level helpers of ``tracker_claims`` (``tracker.pipeline.claims.extractor``): « avec Xiaomi, Honor, ou
Sharp » is one group of three; the subject side is the nearest group before the trigger; a relative
or coordinated clause shares the subject of the clause before it; a passive participle swaps sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Doc, Span

from tracker.pipeline.claims.constructions import DETERMINERS, ENUMERATION_MARKERS, body_before, cue_word, dateline_end, topic_clause
from tracker.pipeline import types  # noqa: F401  (the extensions this module reads and writes)

GROUP_JOINERS = {",", "et", "ou", "&", "ainsi", "voire", "mais", "aussi", "également"}  # « comme Renault mais aussi Kia et Seat »
SUBJECT_PREPS = {None, "comme", "notamment"}
INDEFINITES = {"un", "une", "autres", "plusieurs", "certains", "certaines"}
# « auprès de Spark Capital et de Salesforce Ventures »: the « de » repeated after « et »
_PREP_FAMILY = {"d'": "de", "du": "de", "des": "de", "au": "à", "aux": "à", "auprès": "de"}


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


def unordered_complement(doc: Doc, trig: Span, group: Group, kind: str, types: set[str]) -> bool:
    """A party of the trigger: an organisation (« ne travailleraient plus ensemble sur le OnePlus 15 »
    names no party), and after a noun, its own complement (« l'accord signé avec Sony »), not a later
    verb's (« Ce partenariat permettra à Xiaomi de… »)."""
    if not any(e.label_ in types for e in group.ents):
        return False
    return kind != "noun" or not any(t.pos_ in ("VERB", "AUX") and "Part" not in t.morph.get("VerbForm") for t in doc[trig.end : group.start])


def earlier_group(doc: Doc, clauses: list[Span], ci: int, trig: Span, *, walk: bool, bodies: frozenset[str] = frozenset()) -> list[Group]:
    """The subject a relative or coordinated clause shares: the last group of the clause before it;
    with ``walk``, of the nearest clause of the sentence that has one (« Hyundai, qui avait confirmé
    puis nuancé des discussions avec Apple »)."""
    sent_start = clauses[ci].sent.start
    for j in range(ci - 1, -1, -1):
        if clauses[j].start < sent_start and walk:
            break
        found = last_group(doc, clauses[j], trig, bodies)
        if found or not walk:
            return found
    return []


def last_group(doc: Doc, clause: Span, trig: Span, bodies: frozenset[str] = frozenset()) -> list[Group]:
    """The last group of ``clause`` as a subject (no preposition), or none: the subject a later
    clause shares."""
    return [Group(g.ents, None) for g in groups_between(doc, clause.start, clause.end, trig, bodies)[-1:]]


def pronoun_subject_group(doc: Doc, clauses: list[Span], ci: int, trig: Span, pronouns, antecedent: Group | None = None) -> list[Group]:
    """« Hyundai et Kia ont indiqué qu'ils n'étaient pas en discussions avec Apple »: the subject
    pronoun of a « que » clause stands for the subject of the clause that governs it; in a relative
    clause (« La start-up est cliente de Google Cloud, avec lequel elle aurait signé »), for the
    subject of the clause before, other than the relative's ``antecedent``. ``pronouns``: the subject
    pronouns (models/anaphora.json ``products.pronouns``)."""
    clause = clauses[ci]
    gov = ci - 1 if antecedent is not None else clause._.governor
    if (clause.label_ != "que" and antecedent is None) or gov is None or not any(t.lower_ in pronouns for t in doc[clause.start : trig.start]):
        return []
    groups = [g for g in groups_between(doc, clauses[gov].start, clauses[gov].end, trig) if antecedent is None or g.start != antecedent.start]
    subj = pick_subject(groups)
    return [Group(subj.ents, None)] if subj is not None else []


def relative_partner(doc: Doc, clauses: list[Span], ci: int, trig: Span, preps) -> Group | None:
    """« Google Cloud, avec lequel elle aurait signé un contrat », « Samsung, avec qui Apple a signé » :
    the antecedent of a relative pronoun after a partner preposition is the other party."""
    clause = clauses[ci]
    if clause.label_ != "rel" or ci == 0 or clause.start == 0 or doc[clause.start - 1].lower_ not in preps:
        return None
    found = groups_between(doc, clauses[ci - 1].start, clause.start - 1, trig)
    return Group(found[-1].ents, doc[clause.start - 1].lower_) if found else None


def as_makers(doc: Doc, groups: list[Group]) -> list[Group]:
    """« un Find X5 Pro co-signé Hasselblad », « Le OnePlus 15 pourrait faire l'impasse sur
    Hasselblad »: between companies, a product stands for its maker."""
    makers = doc._.tracker_makers or {}

    def party(e: Span) -> Span:
        if e.label_ == "PRODUCT" and entity_name(e) in makers:
            return Span(doc, e.start, e.end, label="ORG", kb_id=makers[entity_name(e)])
        return e

    return [Group([party(e) for e in g.ents], g.prep) for g in groups]


def after_light_noun(doc: Doc, trig: Span, nouns) -> bool:
    """« Microsoft a annoncé l'extension de son partenariat avec OpenAI », « la signature d'un
    partenariat »: a noun that only qualifies the claim leaves it the sentence's predicate."""
    i = trig.start - 1
    while i >= 0 and doc[i].lower_ in DETERMINERS:
        i -= 1
    return i > 0 and doc[i].lower_ in ("de", "d'", "du", "des") and doc[i - 1].lower_ in nouns


def wished(doc: Doc, clause: Span, trig: Span, lemmas) -> bool:
    """« souhaitent continuer à travailler avec Huawei »: a wish is not a claim."""
    return any(t.lemma_ in lemmas for t in doc[max(clause.start, trig.start - 4) : trig.start])


def indefinite_partner(doc: Doc, trig: Span, clause: Span, preps: set[str]) -> bool:
    """« Leica chercherait à s'associer avec un autre fabricant »: an unnamed new partner; the
    trigger refers to no claim stated before."""
    i = trig.end
    if i < clause.end and doc[i].lower_ in preps:
        i += 1
    if i < clause.end and doc[i].lower_ in ("d'", "de"):
        i += 1
    return i < clause.end and doc[i].lower_ in INDEFINITES


def names_a_thing(doc: Doc, i: int) -> bool:
    """« Le projet Titan »: a noun followed by a name is that name, not a claim anaphor."""
    return i + 1 < len(doc) and doc[i + 1].is_alpha and doc[i + 1].is_title


def speaker_party(doc: Doc, clauses: list[Span], ci: int) -> str | None:
    """« Lei Jun a assuré que la coopération avec Leica… », « « Notre partenariat avec OpenAI… », a
    déclaré Satya Nadella »: the company the speaker of the sentence speaks for is the other party
    of a relation that names only one. Only a speaker the gazetteer or an apposition ties to a
    company counts (see ``tracker.pipeline.cues.speaker_org``)."""
    sent = clauses[ci].sent
    for cue in doc.spans.get("tracker_cues", []):
        if sent.start <= cue.start < sent.end and cue.label_ in ("report", "confirm") and cue._.cue.get("org"):
            return cue._.cue["org"]
    return None


def prep_before(doc: Doc, start: int, trig: Span) -> str | None:
    i = start - 1
    while i >= 0 and doc[i].lower_.replace("’", "'") in DETERMINERS:
        i -= 1
    if i >= 0 and trig.start <= i < trig.end and doc[i].lower_ in ("entre", "between"):
        return doc[i].lower_  # « la rupture entre Google et Huawei »: the trigger ends with it
    if i < 0 or trig.start <= i < trig.end:
        return None
    tok = doc[i]
    low = tok.lower_.replace("’", "'")  # « d’Activision » as typed
    if low == "de" and i > 0 and doc[i - 1].lower_ == "auprès":
        return "auprès"
    if tok.lower_ == "des" and i > 0 and doc[i - 1].pos_ in ("VERB", "AUX"):
        return None  # « Hyundai confirme des discussions avec Apple »: an article, not « de les »
    if low in ("de", "d'") and i > 1 and doc[i - 1].lower_ == "tour" and doc[i - 2].lower_ in ("au", "son", "leur"):
        return None  # « c'est au tour d'Oppo de s'allier avec Hasselblad »: Oppo is the subject
    if tok.pos_ == "ADP" or low in ("avec", "entre", "par", "dans", "contre", "auprès", "de", "d'", "du", "des", "à", "au", "aux", "en", "sur", "visant", "chez", "with", "between"):
        return low
    return None


def groups_between(doc: Doc, start: int, end: int, trig: Span, bodies: frozenset[str] = frozenset()) -> list[Group]:
    """Entities between ``start`` and ``end`` gathered into coordinated groups. With ``bodies``,
    « le conseil d'administration de Twitter » stands for Twitter as a subject."""
    spans = doc._.tracker_parties if doc._.tracker_parties is not None else party_spans(doc)
    first = dateline_end(doc, trig.sent)
    ents = [e for e in spans if max(start, first) <= e.start and e.end <= end and not (trig.start <= e.start < trig.end)]
    groups: list[Group] = []
    for ent in ents:
        ent_prep = prep_before(doc, ent.start, trig)
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


def party_spans(doc: Doc) -> list[Span]:
    """The entities that can fill a role, by position: every entity but a name found inside a cue
    (« Exit ») or a trigger (the NER's « OPA » in « préparer une OPA sur TF1 » is the deal, not a
    product), and the pairs a plural descriptor names (« les deux groupes »). ``tracker_claims``
    reads them once per doc into ``doc._.tracker_parties``; :func:`groups_between` falls back to this."""
    in_trigger = {i for t in doc.spans.get("tracker_triggers", []) for i in range(t.start, t.end)}
    # an organisation the statistical NER found in lower case (« les activités cloud computing ») is no name;
    # a component may be (« un châssis en titane »)
    spans = [e for e in doc.ents if not cue_word(doc, e) and not (e.kb_id_ == e.text and all(i in in_trigger for i in range(e.start, e.end)))
             and not (e.kb_id_ == e.text and e.text.islower() and e.label_ in ("ORG", "PER", "PERSON", "LOC"))]
    return sorted(spans + list(doc.spans.get("tracker_pairs", [])), key=lambda e: e.start)


def _apposed(gap: Span) -> bool:
    """« comme Nissan ou l'équipementier canadien Magna »: a joiner, then a descriptor in apposition
    to the next name (determiner, lower-case nouns and adjectives)."""
    words = [t for t in gap if not t.is_space]
    if len(words) < 3 or len(words) > 5 or words[0].lower_ not in GROUP_JOINERS or words[1].lower_ not in DETERMINERS:
        return False
    return all(t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in words[2:])


def relative_of(doc: Doc, clauses: list[Span], ci: int, i: int) -> int:
    """« l'opération, qui devrait être finalisée… »: a claim noun takes the cues of the relative
    whose subject it is; otherwise (« l'opération, dont le montant…, pourrait ») those of its clause."""
    j = i + 2 if i + 1 < len(doc) and doc[i + 1].text == "," else i + 1
    nxt = ci + 1
    if nxt < len(clauses) and clauses[nxt].label_ == "rel" and clauses[nxt].start == j and doc[j].lower_ == "qui":
        return nxt
    return ci


def left_groups(doc: Doc, clauses: list[Span], ci: int, trig: Span, bodies: frozenset[str]) -> list[Group]:
    """The groups before ``trig`` in its clause; for a relative, a coordinated clause or after a
    topicalised name (« Qualcomm, de son côté, est engagé… »), the last group of the clause before."""
    clause = clauses[ci]
    left = groups_between(doc, clause.start, trig.start, trig, bodies)
    if not left and ci > 0 and (clause.label_ in ("rel", "coord") or topic_clause(doc, clauses[ci - 1])):
        left = last_group(doc, clauses[ci - 1], trig, bodies)
    return left


def pick_subject(left: list[Group]) -> Group | None:
    candidates = [g for g in left if g.prep in SUBJECT_PREPS]
    for g in reversed(candidates):
        if any(t.dep_.startswith("nsubj") for e in g.ents for t in e):
            return g
    return candidates[-1] if candidates else None


def nearest_group(left: list[Group], types: set[str]) -> Group | None:
    """« une version du Huawei Mate30 Pro doté des services Google »: a participle qualifies the
    nearest noun, whatever preposition introduced it."""
    return next((g for g in reversed(left) if any(e.label_ in types for e in g.ents)), None)


def is_passive(doc: Doc, trig: Span, *, adjectival: bool = False) -> bool:
    """« Slack a été racheté par Salesforce »; not « OnePlus s'est associé » (pronominal).
    With ``adjectival``, a bare participle is passive too: « le OnePlus 9, sorti en mars »."""
    head = trig[0]
    if "Part" not in head.morph.get("VerbForm") and not (adjectival and head.lower_.endswith(("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues"))):
        return False
    window = doc[max(trig.start - 3, head.sent.start) : trig.start]
    if any(t.lower_ in ("se", "s'") for t in window):
        return False
    if has_etre(doc, trig):
        return True
    return adjectival and not any(t.lemma_ == "avoir" or t.pos_ == "AUX" for t in window)


def has_etre(doc: Doc, trig: Span) -> bool:
    window = doc[max(trig.start - 3, trig[0].sent.start) : trig.start]
    return any(t.lemma_ == "être" or t.lower_ == "été" for t in window)


def by_maker(doc: Doc, products: list[Span], types: set[str]) -> list[list[str]]:
    makers = doc._.tracker_makers or {}
    return [[makers[entity_name(p)], entity_name(p)] for p in products if p.label_ in types and entity_name(p) in makers]


def entity_name(ent: Span) -> str:
    return ent.kb_id_ or ent.text


def entity_names(ents: list[Span], types: set[str]) -> tuple[str, ...]:
    return tuple(entity_name(e) for e in ents if e.label_ in types)


def all_pairs(ents: list[Span], types: set[str]) -> list[list[str]]:
    names = sorted({entity_name(e) for e in ents if e.label_ in types})
    return [sorted(p, key=str.lower) for p in combinations(names, 2)]


def cross_pairs(agents, patients, agent_types, patient_types, *, ordered: bool, rename: dict | None = None) -> list[list[str]]:
    rename = rename or {}
    out = []
    for a in agents:
        for p in patients:
            agent = rename.get(entity_name(a), entity_name(a))
            if (a.label_ not in agent_types and agent == entity_name(a)) or p.label_ not in patient_types or agent == entity_name(p):
                continue
            pair = [agent, entity_name(p)]
            out.append(pair if ordered else sorted(pair, key=str.lower))
    return out


def enumerated_members(doc: Doc, i: int, trig: Span) -> list[Span]:
    """« plusieurs opérateurs qui pourraient …, dont Orange, Telefonica et Iliad », « différents
    constructeurs, comme Renault »: the names a plural noun at ``i`` is spelt out by, after « dont », « comme »,
    « notamment », « parmi lesquels » later in its sentence."""
    sent = doc[i].sent
    marker = next((t for t in doc[i + 1 : sent.end] if t.lower_ in ENUMERATION_MARKERS), None)
    if marker is None:
        return []
    k = marker.i + 1
    while k < sent.end and (doc[k].lower_ in ("lesquels", "lesquelles", "eux", "elles") or doc[k].pos_ == "DET"):
        k += 1
    first = next(iter(groups_between(doc, k, sent.end, trig)), None)
    return list(first.ents) if first is not None and first.start == k else []
