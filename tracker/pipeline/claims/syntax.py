"""A trigger's arguments read from the dependency parse.

``tracker_claims`` first fills roles from the groups of names around a trigger
(``tracker.pipeline.claims.parties``); where that finds no pair, or takes a name out of a phrase of
attribution, the parse decides. Each construction is one small function with its French examples:

- the subject, carried up through control and raising verbs, prepositional infinitives and support
  nouns (« Nvidia envisage de racheter Arm », « Intel serait sur le point de racheter Tower »,
  « Qualcomm négocie le rachat de NXP », « Nvidia renonce à son projet de rachat d'Arm »);
- a relative pronoun subject, replaced by its antecedent (« Intel, qui serait sur le point de… »);
- the object after descriptors in apposition (« racheter le fondeur israélien Tower »,
  « le rachat de son concurrent néerlandais NXP »), and the objects coordinated with it
  (« a racheté Webex en 2007, puis Duo Security en 2018 »);
- the passive (« Arm serait racheté par Nvidia ») and the agent of a noun (« le rachat de X par Y »);
- names inside a phrase of attribution (« selon Bloomberg », « rapporte le Wall Street Journal »,
  « a appris Reuters ») give the mention its source, never a role.

The parse of ``fr_core_news_sm`` is often wrong about unknown names (« Tower Semiconductor » split
into an adverb and a noun complement), so a name is matched to a phrase by position, not only by
the subtree: the phrase's head token starts the scan, the names it meets fill the role.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from tracker.pipeline.french import (
    ATTRIBUTION_LEMMAS,
    ATTRIBUTION_PREPS,
    CLAUSE_PREPOSITIONS,
    CURRENCIES,
    DETERMINERS,
    NOT_NAMES,
    PARTITIVES,
    PASSIVE_SOURCES,
    IMPERSONAL_LEMMAS,
    PERSONAL_SUBJECTS,
    POSSESSIVES,
    RELATIONAL_NOUNS,
    RELATIVE_PRONOUNS,
    STAKE_NOUNS,
    SUBJECT_PRONOUNS,
    SUPPORT_NOUNS,
)

# relations that carry the subject of a verb down to its dependant (« envisage de racheter »)
_CONTROL = {"xcomp", "acl", "advcl", "obl:arg", "obl:mod", "obl", "obj", "nmod", "ccomp:xcomp"}
_MAX_GAP = 9  # words of descriptor between a preposition (or a verb) and the name it introduces


@dataclass(frozen=True)
class Args:
    """A trigger's arguments as entity spans: ``agents`` fill the first role, ``patients`` the second."""

    agents: tuple[Span, ...]
    patients: tuple[Span, ...]


def entity_index(spans: list[Span]) -> dict[int, Span]:
    """Token index → the entity span that holds it."""
    return {i: e for e in spans for i in range(e.start, e.end)}


def attribution_tokens(doc: Doc, sent: Span) -> tuple[set[int], set[int]]:
    """Tokens inside a phrase of attribution, as two sets. The first holds the phrases that only
    name a source: « selon des sources proches du dossier », « d'après Bloomberg », « à en croire le
    Wall Street Journal », « …, rapporte le Wall Street Journal », « a appris Reuters ». The second,
    the subject of a verb of saying that governs a clause with a subject of its own (« Bloomberg
    rapporte que Microsoft… »): a source there, but a party may announce its own deal, so a name
    there is kept when the parse gives no other reading."""
    out: set[int] = set()
    weak: set[int] = set()
    toks = list(sent)
    for k, t in enumerate(toks):
        low = t.lower_.replace("’", "'")
        opener = low in ATTRIBUTION_PREPS or (low == "après" and k > 0 and toks[k - 1].lower_ in ("d'", "d’"))
        if low == "croire" and k >= 2 and toks[k - 1].lower_ == "en" and toks[k - 2].lower_ == "à":
            opener = True
        if opener:
            # « selon des informations divulguées lundi par Business Insider et Bloomberg »: a
            # participle stays inside the phrase, a finite verb ends it
            out.update(_phrase(toks, k + 1))
            continue
        # « …, rapporte le WSJ », « a appris Reuters », « écrit l'agence Reuters »: a verb of
        # saying followed by its subject (inversion after a comma or a quote)
        if t.lemma_ in ATTRIBUTION_LEMMAS and t.pos_ in ("VERB", "AUX") and _inverted(toks, k):
            out.update(_phrase(toks, k + 1, quotes=True))
        # « des négociations rapportées par le New York Times », « révélées par le Wall Street
        # Journal »: the agent of a participle of saying is a source
        if t.lemma_ in ATTRIBUTION_LEMMAS | PASSIVE_SOURCES and "Part" in t.morph.get("VerbForm") and k + 1 < len(toks) and toks[k + 1].lower_ == "par":
            out.update(_phrase(toks, k + 2))
        # « Bloomberg rapporte que… », « Reuters a appris que… »: the subject of a verb of saying
        # that governs a clause
        if t.lemma_ in ATTRIBUTION_LEMMAS and t.pos_ in ("VERB", "AUX") and any(_own_subject(c) for c in t.children if c.dep_ == "ccomp"):
            for c in t.children:
                if c.dep_ == "nsubj":
                    weak.update(x.i for x in c.subtree if x.i < t.i)
    return out, weak


def _phrase(toks: list[Token], j: int, *, quotes: bool = False) -> list[int]:
    """Token indices from ``toks[j]`` to the end of its phrase: a punctuation mark (a quote too, with
    ``quotes``), a finite verb or, after an inverted verb of saying, « que »."""
    stops = {",", ";", ":", ".", "(", ")"} | ({"«", "»", '"'} if quotes else set())
    out = []
    while j < len(toks) and toks[j].text not in stops and not _finite(toks[j]):
        if quotes and toks[j].lower_ in ("que", "qu'", "qu’"):
            break
        out.append(toks[j].i)
        j += 1
    return out


def _own_subject(clause: Token) -> bool:
    """« que Microsoft rachèterait GitHub »: the clause names its own subject; not « qu'ils
    n'étaient pas en discussions », whose pronoun is the speaker."""
    return any(c.dep_.startswith("nsubj") and c.lower_ not in SUBJECT_PRONOUNS for c in clause.children)


def _finite(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and "Part" not in tok.morph.get("VerbForm") and "Inf" not in tok.morph.get("VerbForm")


def _inverted(toks: list[Token], k: int) -> bool:
    """« , rapporte Reuters », « , a appris Reuters », « , écrit jeudi Reuters », « comme l'a révélé
    Bloomberg »: the verb follows a comma, a closing quote or « comme » (with at most an auxiliary
    between), so its subject comes after it."""
    j = k - 1
    while j >= 0 and (toks[j].pos_ == "AUX" or toks[j].lower_ in ("l'", "l’", "a", "ont", "le")):
        j -= 1
    return j >= 0 and (toks[j].text in (",", "»", '"', "—", "–", "-") or toks[j].lower_ == "comme")


def subject_of(doc: Doc, tok: Token, ents: dict[int, Span], hide: set[int]) -> list[Span]:
    """The names that are the subject of ``tok``, carried up through control verbs, prepositional
    infinitives and support nouns; a relative pronoun stands for its antecedent."""
    seen = 0
    cur = tok
    while seen < 6:
        seen += 1
        subj = [c for c in cur.children if (c.dep_ in ("nsubj", "nsubj:pass") or _personal_expletive(c)) and c.i not in hide]
        if subj:
            if any(c.dep_ == "nsubj:pass" for c in subj) and cur.i == tok.i:
                return []
            names = _names_in(subj, ents, hide)
            if names:
                return names
            s = subj[0]
            if s.lower_ in RELATIVE_PRONOUNS:
                return antecedent(doc, s, ents, hide)
            if s.lower_ in PERSONAL_SUBJECTS:
                return pronoun_antecedent(doc, s, ents, hide)
            return []
        if cur.dep_ in ("conj",) and cur.head.i != cur.i:  # « a racheté X et lancé Y »: a shared subject
            cur = cur.head
            continue
        if cur.dep_ not in _CONTROL or cur.head.i == cur.i or not _climbs(cur):
            return []
        cur = cur.head
    return []


def _climbs(tok: Token) -> bool:
    """Whether the subject of ``tok``'s head is the subject of ``tok``. A verb climbs through control
    (« envisage de racheter », « serait sur le point de racheter »); a noun only as the object of its
    verb (« négocie le rachat de », « renonce à son achat »), as the complement of a support noun
    (« son projet de rachat »), or when it is itself a support noun (« en vue de l'acquisition »);
    not « le montant du rachat », nor « avec comme dernière commercialisation la série X80 »."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return True
    if tok.dep_ in ("obj", "obl:arg", "xcomp"):
        return True
    if tok.dep_ == "nmod":
        return tok.head.lower_ in SUPPORT_NOUNS
    return tok.lower_ in SUPPORT_NOUNS and tok.dep_ in ("obl", "obl:mod")


def _personal_expletive(tok: Token) -> bool:
    """« il serait en train de préparer une OPA »: the parser calls the « il » of a copula an
    expletive; it is one unless its verb is impersonal (« il semble », « il y a », « il faut »)."""
    if tok.dep_ != "expl:subj" or tok.lower_ not in PERSONAL_SUBJECTS:
        return False
    head = tok.head
    return head.lemma_ not in IMPERSONAL_LEMMAS and not any(c.lower_ == "y" for c in head.children)


def _names_in(tokens: list[Token], ents: dict[int, Span], hide: set[int]) -> list[Span]:
    """The names inside the phrases of ``tokens``, coordinated ones included (« Lenovo et Fujitsu »),
    in text order; a descriptor before the name (« le fabricant américain Qualcomm ») is no name."""
    found: dict[int, Span] = {}
    for t in tokens:
        for x in t.subtree:
            if x.i in ents and x.i not in hide and not _in_clause_below(x, t) and not bracketed_alias(x.doc, ents[x.i], ents):
                e = ents[x.i]
                found.setdefault(e.start, e)
    names = [found[k] for k in sorted(found)]
    return [e for e in names if not _apposed_descriptor(e, names)]


def _apposed_descriptor(ent: Span, names: list[Span]) -> bool:
    """« le fabricant de logiciels Microsoft »: a descriptor right before a name is that name's
    apposition, whatever earlier organisation it was resolved to."""
    if not ent[0].is_lower:
        return False
    doc = ent.doc
    return any(0 <= f.start - ent.end <= 4 and not f[0].is_lower
               and not any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in doc[ent.end : f.start]) for f in names if f is not ent)


def bracketed_alias(doc: Doc, ent: Span, ents: dict[int, Span]) -> bool:
    """« Qualcomm (QCOM) », « Vivendi Universal (VU) »: a name in brackets right after a name is
    its ticker or acronym, not a second party."""
    return ent.start >= 2 and doc[ent.start - 1].text == "(" and (ent.start - 2) in ents


def _in_clause_below(x: Token, top: Token) -> bool:
    """``x`` belongs to a verb or relative clause nested under ``top`` (« Apple, qui a racheté
    Beats, … »: Beats is not part of the subject)."""
    cur = x
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ in ("acl:relcl", "acl", "advcl", "ccomp", "parataxis") and cur.pos_ in ("VERB", "AUX"):
            return True
        cur = cur.head
    return False


def pronoun_antecedent(doc: Doc, pron: Token, ents: dict[int, Span], hide: set[int]) -> list[Span]:
    """« Bouygues fait parler de lui : il préparerait une OPA sur TF1 »:
    a subject « il » / « elle » stands for the subject named before it in its sentence, else for the
    subject of the sentence before."""
    sent = pron.sent
    for tok in sent:
        if tok.i >= pron.i:
            break
        if tok.dep_.startswith("nsubj") and tok.lower_ not in SUBJECT_PRONOUNS:
            names = _names_in([tok], ents, hide)
            if names:
                return names[:1]
    opening = [e for e in _first_subject(doc, doc[pron.i : pron.i + 1], ents, hide) if e.end <= pron.i]
    if opening:
        return opening  # « Vivendi Universal (VU), qu'on disait vendu…, fait l'objet d'une rumeur : il serait… »
    if sent.start == 0:
        return []
    before = doc[sent.start - 1].sent
    root = before.root
    for tok in (c for c in root.children if c.dep_.startswith("nsubj")):
        names = _names_in([tok], ents, hide)
        if names:
            return names[:1]
    return []


def antecedent(doc: Doc, pron: Token, ents: dict[int, Span], hide: set[int]) -> list[Span]:
    """« C'est le cas d'Intel, qui serait sur le point de… »: the name just before the relative
    pronoun (a comma and descriptors may sit between)."""
    j = pron.i - 1
    sent_start = pron.sent.start
    steps = 0
    while j >= sent_start and steps < 6:
        if j in ents and j not in hide:
            e = ents[j]
            return [e]
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].text in (";", ":", "."):
            return []
        j -= 1
        steps += 1
    return []


def _relative_subject(doc: Doc, trig: Span, ents: dict[int, Span], hide: set[int]) -> list[Span]:
    """« Nokia, qui selon le Financial Times serait sur le point de racheter Ericsson »: the nearest
    « qui » before the trigger, with no other name between them, stands for its antecedent, whatever
    the parser made of the relative."""
    for i in range(trig.start - 1, trig.sent.start - 1, -1):
        if i in ents and i not in hide:
            return []
        if doc[i].lower_ == "qui":
            return antecedent(doc, doc[i], ents, hide)
    return []


def first_name_after(doc: Doc, start: int, end: int, ents: dict[int, Span], hide: set[int], *, preps: tuple[str, ...] = ()) -> int | None:
    """Index of the first name after ``start``, through determiners, descriptors and the « de » of a
    descriptor (« la firme israélienne Tower », « son concurrent d'origine néerlandaise NXP », « le
    fabricant britannique de puces Arm »); ``preps`` may open the phrase (« de », « sur »). None
    at a verb, a clause boundary or another preposition. A capitalised word no entity covers is
    taken as a name (:func:`unknown_name`) and added to ``ents``."""
    i = start
    if i < end and doc[i].lower_.replace("’", "'") in preps:
        i += 1
    gap = 0
    while i < end and gap <= _MAX_GAP:
        if i in hide:
            return None
        if i in ents:
            return i
        t = doc[i]
        low = t.lower_.replace("’", "'")
        if t.text == "," and _apposition_follows(doc, i + 1, end, ents):
            i += 1  # « mettre la main sur un compatriote, la société américaine Xilinx »
            continue
        if t.is_punct and t.text not in ("-", "'", "’"):
            return None
        if t.pos_ in ("VERB", "AUX") and "Part" not in t.morph.get("VerbForm"):
            return None
        if low in RELATIONAL_NOUNS and i + 1 < end and doc[i + 1].lower_.replace("’", "'") in PARTITIVES:
            return None  # « le propriétaire d'Europe 1 » is not Europe 1
        name = unknown_name(doc, i, end, hide)
        if name is not None:
            for k in range(name.start, name.end):
                ents[k] = name
            return i
        if low in CLAUSE_PREPOSITIONS and low not in preps:
            skip = _amount_end(doc, i, end) if low == "pour" else None
            if skip is None:
                return None
            i = skip  # « son projet d'acquisition pour 5,4 milliards de dollars du fondeur Tower »
            continue
        gap += 1
        i += 1
    return None


def names_after(doc: Doc, start: int, end: int, ents: dict[int, Span], hide: set[int], *, preps: tuple[str, ...] = ()) -> list[Span]:
    """The first name after ``start`` (:func:`first_name_after`) and the names coordinated with it."""
    i = first_name_after(doc, start, end, ents, hide, preps=preps)
    return coordinated(doc, ents[i], end, ents, hide) if i is not None else []


def _apposition_follows(doc: Doc, start: int, end: int, ents: dict[int, Span]) -> bool:
    """After a comma, a determiner, lower-case descriptor words and a name: an apposition."""
    if start >= end or doc[start].lower_.replace("’", "'") not in DETERMINERS:
        return False
    for i in range(start + 1, min(start + 6, end)):
        if i in ents:
            return True
        if not (doc[i].is_lower and doc[i].pos_ in ("NOUN", "ADJ")) and doc[i].lower_ not in PARTITIVES:
            return False
    return False


def unknown_name(doc: Doc, i: int, end: int, hide: set[int]) -> Span | None:
    """« racheté Altera », « le fondeur Brimelec »: capitalised proper nouns that no entity covers,
    in a role's place, are an organisation the gazetteer and the NER missed (not at the start of a
    sentence, not a month or a day)."""
    t = doc[i]
    # the small model tags an unknown name as anything (« Altera/ADV »); in French a capital inside a
    # sentence marks a proper noun
    if i in hide or i == t.sent.start or not _capitalised(t) or t.lower_ in NOT_NAMES or doc[i - 1].text in ("«", '"', ":", "(", "“"):
        return None
    j = i + 1
    while j < end and j not in hide and (_capitalised(doc[j]) or doc[j].text in ("&",)):
        j += 1
    text = doc[i:j].text
    return Span(doc, i, j, label="ORG", kb_id=(doc._.tracker_short_names or {}).get(text, text))


def _capitalised(t: Token) -> bool:
    return t.is_alpha and t.text[:1].isupper() and t.pos_ not in ("DET", "PRON", "ADP", "CCONJ", "SCONJ", "VERB", "AUX")


def _amount_end(doc: Doc, i: int, end: int) -> int | None:
    """After « pour 5,4 milliards de dollars », the index past the currency; None if no amount."""
    toks = doc[i + 1 : min(i + 7, end)]
    if not toks or not (toks[0].like_num or toks[0].pos_ == "NUM"):
        return None
    cur = next((t.i for t in toks if t.lower_ in CURRENCIES), None)
    return cur + 1 if cur is not None else None


def coordinated(doc: Doc, first: Span, end: int, ents: dict[int, Span], hide: set[int]) -> list[Span]:
    """``first`` and the names coordinated after it: « Webex, Duo Security et ThousandEyes »,
    « Webex en 2007, puis Duo Security en 2018 »: the parse's ``conj`` of the name's head, or a
    joiner with only determiners, dates and descriptors between."""
    out = [first]
    heads = {t.i for t in first}
    for i in range(first.end, end):
        if i not in ents or i in hide:
            continue
        e = ents[i]
        if e in out or bracketed_alias(doc, e, ents):
            continue
        tok = e.root
        if tok.dep_ == "conj" and tok.head.i in heads:
            out.append(e)
            heads.update(t.i for t in e)
            continue
        gap = doc[out[-1].end : e.start]
        words = [t.lower_ for t in gap]
        if words and all(w in (",", "et", "ou", "puis", "ainsi", "que", "voire", "mais", "aussi") or w in DETERMINERS or w in PARTITIVES for w in words) and len(words) <= 4:
            out.append(e)
            continue
        break
    return out


def verb_args(doc: Doc, trig: Span, ents: dict[int, Span], hide: set[int], *, passive: bool, patient_preps: tuple[str, ...]) -> Args:
    """« Qualcomm envisagerait de racheter NXP », « Arm serait racheté par Nvidia » (the passive's
    agent follows « par »)."""
    head = trig[0]
    end = trig.sent.end
    if passive:
        patients = [e for e in _names_in([c for c in head.children if c.dep_ in ("nsubj:pass", "nsubj")], ents, hide)]
        if not patients:
            patients = subject_of(doc, head, ents, hide) if head.dep_ != "ROOT" else []
        k = next((t.i for t in doc[trig.end : end] if t.lower_ == "par"), None)
        agents = names_after(doc, k + 1, end, ents, hide) if k is not None else []
        return Args(tuple(agents), tuple(patients))
    agents = subject_of(doc, head, ents, hide) or _relative_subject(doc, trig, ents, hide)
    if not agents and "Inf" in head.morph.get("VerbForm"):
        # « AMD serait en pourparlers afin de mettre la main sur Xilinx »: an infinitive the parse
        # left without a governor takes the sentence's opening subject
        agents = _first_subject(doc, trig, ents, hide)
    patients = names_after(doc, trig.end, end, ents, hide, preps=patient_preps)
    if patients:
        patients += elliptic_objects(doc, head, patients[-1].end, end, ents, hide)
    return Args(tuple(agents), tuple(patients))


def elliptic_objects(doc: Doc, verb: Token, start: int, end: int, ents: dict[int, Span], hide: set[int]) -> list[Span]:
    """« Cisco a racheté Webex en 2007, puis Duo Security en 2018 »: a name the parse coordinates
    with the verb itself, with no verb of its own, is one more object of that verb."""
    out: list[Span] = []
    for i in range(start, end):
        if i in ents and i not in hide and ents[i].start == i:
            e = ents[i]
            if e.root.dep_ == "conj" and e.root.head.i == verb.i and not any(c.pos_ in ("VERB", "AUX") for c in e.root.children):
                out.append(e)
    return out


def noun_args(doc: Doc, trig: Span, ents: dict[int, Span], hide: set[int], *, agent_preps: tuple[str, ...], patient_preps: tuple[str, ...],
              dedicated: tuple[str, ...] = ()) -> Args:
    """« Qualcomm négocie le rachat de son concurrent NXP » (the subject of the verb whose object the
    noun is), « le rachat de Tower par Intel » (« par »), « son projet d'acquisition de Tower »
    (a support noun between). With ``dedicated`` prepositions, the noun's second role is named
    after one of them only (« un investissement de 300 millions d'euros de Tencent dans GBL »)."""
    end = trig.sent.end
    if dedicated:
        found = _dedicated_args(doc, trig, ents, hide, dedicated)
        if found is not None:
            return found
    patients = names_after(doc, trig.end, end, ents, hide, preps=patient_preps)
    agents: list[Span] = []
    start = patients[-1].end if patients else trig.end
    k = next((t.i for t in doc[start : min(end, start + 6)] if t.lower_ in agent_preps), None)
    if k is not None:
        agents = names_after(doc, k + 1, end, ents, hide)
        if agents and not patients:  # « le rachat par Nvidia du britannique Arm »
            patients = names_after(doc, agents[-1].end, end, ents, hide, preps=patient_preps)
    if not agents:
        agents = subject_of(doc, trig.root, ents, hide)
    if not agents and (_possessed(doc, trig) or _verb_complement(doc, trig)):
        agents = subject_of(doc, trig.sent.root, ents, hide) or _first_subject(doc, trig, ents, hide)
    return Args(tuple(agents), tuple(patients))


def received_args(doc: Doc, trig: Span, ents: dict[int, Span], hide: set[int], *, agent_preps: tuple[str, ...]) -> Args:
    """« Mistral AI annonce une levée de fonds de 1,7 milliard, dont 1,3 milliard par ASML »: the
    subject receives, the name after « par » (or « auprès de ») in the same sentence gives."""
    end = trig.sent.end
    patients = subject_of(doc, trig.root, ents, hide) or _first_subject(doc, trig, ents, hide)
    agents: list[Span] = []
    for t in doc[trig.end : min(end, trig.end + 16)]:
        if _finite(t):
            break
        if t.lower_ in ("par", "auprès") and t.lower_ in agent_preps:
            agents = names_after(doc, t.i + 1, end, ents, hide, preps=PARTITIVES)
            if agents:
                break
    return Args(tuple(agents), tuple(patients))


def _dedicated_args(doc: Doc, trig: Span, ents: dict[int, Span], hide: set[int], dedicated: tuple[str, ...]) -> Args | None:
    """« un investissement de 300 millions d'euros de Tencent dans la société GBL »: the company
    after « dans », the investor after « de » before it, else the subject of the sentence."""
    end = trig.sent.end
    k = None
    for t in doc[trig.end : min(end, trig.end + 14)]:
        if t.lower_ in dedicated:
            k = t.i
            break
        if t.is_punct or _finite(t):
            return None
    if k is None:
        return None
    patients = names_after(doc, k, end, ents, hide, preps=dedicated)
    if not patients:
        return None
    agents = [ents[j] for j in range(trig.end, k) if j in ents and j not in hide and ents[j].start == j
              and doc[j - 1].lower_.replace("’", "'") in PARTITIVES]
    if not agents and trig.end < k and doc[trig.end].lower_.replace("’", "'") in PARTITIVES:
        j = first_name_after(doc, trig.end, k, ents, hide, preps=PARTITIVES)  # « l'OPA de VU sur TF1 »
        agents = [ents[j]] if j is not None else []
    if not agents:
        agents = subject_of(doc, trig.root, ents, hide)
    return Args(tuple(agents[:1] if agents and agents[0].end <= k else agents), tuple(patients))


def _verb_complement(doc: Doc, trig: Span) -> bool:
    """« Nvidia renonce au rachat d'Arm », « Qualcomm négocie le rachat de NXP »: the noun follows
    a verb (through a determiner or « au »), not another noun (« le montant du rachat »), whatever
    part of speech the tagger gave the verb."""
    i = trig.start - 1
    while i >= trig.sent.start and (doc[i].lower_.replace("’", "'") in DETERMINERS or doc[i].pos_ == "ADJ"):
        i -= 1
    if i >= trig.sent.start and doc[i].lower_ in ("au", "aux", "à"):
        i -= 1
    if i < trig.sent.start:
        return False
    t = doc[i]
    return t.pos_ in ("VERB", "AUX") or (t.pos_ == "NOUN" and t.dep_ not in ("obj", "nsubj") and t.lower_.endswith(("e", "ent", "ait", "aient", "er")) and i > trig.sent.start and doc[i - 1].pos_ == "PROPN")


def _first_subject(doc: Doc, trig: Span, ents: dict[int, Span], hide: set[int]) -> list[Span]:
    """The name that opens the sentence before its first verb, with no preposition before it
    (« Intel, géant américain des processeurs, a confirmé l'abandon de son projet… »): the subject,
    when the parse found none."""
    for i in range(trig.sent.start, trig.start):
        t = doc[i]
        if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"):
            return []
        if i in ents and i not in hide:
            before = doc[i - 1] if i > trig.sent.start else None
            if before is not None and (before.pos_ == "ADP" or before.lower_ in PARTITIVES):
                return []
            return [ents[i]]
    return []


def _possessed(doc: Doc, trig: Span) -> bool:
    """« son rachat de Tower », « son projet d'acquisition de Tower », « leur projet de fusion »: the
    possessive names the subject of the sentence, whatever the parse made of the words between."""
    i = trig.start - 1
    if i >= 0 and doc[i].lower_ in POSSESSIVES:
        return True
    # « son projet d'acquisition »: through a support noun and its « de »
    return i >= 2 and doc[i].lower_ in ("de", "d'") and doc[i - 1].lower_ in SUPPORT_NOUNS and doc[i - 2].lower_ in POSSESSIVES


def stake_relation(doc: Doc, trig: Span) -> str:
    """« acquérir 30 % de Zorvex », « prendre 49,9 % du holding », « racheter une part de 10 % de
    X »: buying a share of a company is an investment in it, not its acquisition; a majority
    (« acheter 70 % du capital de Deezer ») is its takeover."""
    if trig.label_ != "acquisition":
        return trig.label_
    window = doc[trig.start + 1 : min(trig.end + 6, trig.sent.end)]  # « détient 27 % de »: the share may be inside the trigger
    for t in window:
        if t.text in ("%", "pourcent") or (t.lower_ == "pour" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "cent"):
            share = _number(doc[t.i - 1].text) if t.i > 0 else None
            return "acquisition" if share is not None and share > 50 else "investment"
        if t.lower_ in STAKE_NOUNS:
            return "investment"
        if t.is_punct and t.text not in (",",) or t.pos_ in ("VERB", "AUX"):
            break
    return trig.label_


def _number(text: str) -> float | None:
    """« 80 », « 29,9 », « 49.9 » as a number, else None."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def elliptic_deals(doc: Doc, trig: Span, ents: dict[int, Span]) -> list[list[Span]]:
    """« le rachat de Figma par Adobe, de Slack par Salesforce »: after a deal noun's « de X
    par Y », each further « , de Z par W » or « et de Z par W » is one more deal of the same kind, as
    (agent, patient) pairs."""
    out: list[list[Span]] = []
    i = trig.end
    end = trig.sent.end
    while i < end and doc[i].text not in (",", "et") and not doc[i].is_sent_end:
        i += 1  # past the first « de X par Y »
    while i + 3 < end and doc[i].text in (",", "et"):
        de = doc[i + 1]
        target = ents.get(i + 2)
        if de.lower_.replace("’", "'") not in PARTITIVES or target is None or target.end >= end or doc[target.end].lower_ != "par":
            break
        buyer = ents.get(target.end + 1)
        if buyer is None:
            break
        out.append([buyer, target])
        i = buyer.end
    return out


def stake_company(doc: Doc, trig: Span, ents: dict[int, Span]) -> Span | None:
    """« racheter la participation de Vivendi dans TF1 »: a stake of one holder in a
    company is a stake in the company named after « dans » or « au capital de »; the holder sells it."""
    stake = next((t for t in doc[trig.end : min(trig.end + 4, trig.sent.end)] if t.lower_ in STAKE_NOUNS), None)
    if stake is None:
        return None
    for t in doc[stake.i + 1 : min(stake.i + 8, trig.sent.end)]:
        if t.is_punct or t.pos_ in ("VERB", "AUX"):
            return None
        if t.lower_ == "dans" or (t.lower_ in ("de", "du", "d'") and t.i > 0 and doc[t.i - 1].lower_ == "capital"):
            k = t.i + 1
            while k < trig.sent.end and doc[k].lower_ in DETERMINERS:
                k += 1
            return ents.get(k)
    return None


def unknown_as_org(ent: Span, types: set[str]) -> Span:
    """« l'OPA sur le groupe Brimel », « 30 % de Zorvex »: a name the gazetteer lacks, which the
    statistical NER took for a place or a miscellany, is an organisation when the parse puts it in
    a role that only an organisation can fill."""
    if "ORG" not in types or ent.label_ not in ("MISC", "LOC") or (ent.kb_id_ and ent.kb_id_ != ent.text):
        return ent
    if not ent[0].text[:1].isupper() or len(ent) > 4 or ent.root.pos_ != "PROPN" or ent[0].lower_ in SUBJECT_PRONOUNS:
        return ent
    return Span(ent.doc, ent.start, ent.end, label="ORG", kb_id=ent.kb_id_ or ent.text)
