"""``tracker_cues``: hedge, report, confirm and deny cues, with their strength and scope.

Writes ``doc.spans["tracker_cues"]`` (label = kind; ``span._.cue`` holds rule, strength, scope,
source) and ``doc.spans["tracker_clauses"]`` (label = clause kind; ``span._.governor`` is the
clause a « que » clause depends on, as an index into the same group).

The cues of constructions (``constructions`` in ``models/cues.json``) go to groups of their own,
one rule per group (``group.attrs["cue"]``: rule and strength; label = kind), because which claim
they reach is read from the claim's trigger (``tracker.extract``): ``tracker_negations`` (« ne …
pas », ``span._.negation``: see ``tracker.pipeline.cues.negation``), ``tracker_conditions`` (the « si »
opening a condition clause) and ``tracker_source_lines`` (a ``Source : X`` line,
``span._.source_line``: X and the paragraph it attributes, as character offsets).

The conditional is read from the verb form as well as from spaCy's ``Mood``: the small French
model tags « chercherait » and « envisagerait » as imperfect indicative.
"""

from __future__ import annotations

import re

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from tracker.pipeline.cues.clauses import is_condition, multiword_names, split_clauses
from tracker.pipeline.cues.lexicon import LexiconComponent, construction_cues, validate_cues
from tracker.pipeline.lines import source_lines
from tracker.pipeline.matching import GatedMatcher
from tracker.pipeline.cues.negation import NegationWords, find_negations
from tracker.pipeline import types  # noqa: F401  (the extensions this module reads and writes)


def is_conditional(token: Token, conf: dict) -> bool:
    """« chercherait », « aurait », « préparerait » yes; « préférait », « portrait », « attirait » no.

    The imperfect of an -er/-ir verb is its stem + « ait » (« déclar-ait »); the conditional builds
    on the future stem (« déclarer-ait », « prendr-ait », « pourr-ait »).
    """
    if "Cnd" in token.morph.get("Mood"):
        return True
    low = token.lower_
    ending = next((e for e in conf["endings"] if low.endswith(e)), None)
    if ending is None or low in conf["not_conditional"] or not token.is_lower:
        return False
    if token.pos_ in ("PROPN", "NUM", "PUNCT", "ADP", "DET"):
        return False
    stem = low[: -len(ending) + 1]  # keeps the « r »: « chercher », « pourr », « prendr »
    lemma = token.lemma_.lower()
    if lemma != low and lemma[-2:] in ("er", "ir") and low == lemma[:-2] + ending[1:]:
        return False  # imperfect: « préfér-ait », « ouvr-ait »
    if lemma != low and token.pos_ in ("VERB", "AUX"):
        return True
    if stem.endswith(("er", "ir", "dr", "rr", "vr")) or any(stem.endswith(s) for s in conf["future_stems"]):
        return token.pos_ not in ("NOUN",) or stem.endswith(("er", "ir"))
    return False


class CueDetector(LexiconComponent):
    """Lexicon cues (Matcher patterns from ``models/cues.json``) plus conditional and questions."""

    def __init__(self, nlp: Language, name: str = "tracker_cues", *, lexicon: dict | None = None):
        self._start(nlp, name, lexicon)

    def _build(self) -> None:
        validate_cues(self.lexicon)
        self.matcher = GatedMatcher(self.vocab)
        self.rules = {}
        for cue in self.lexicon["cues"]:
            self.matcher.add(cue["id"], [cue["pattern"]])
            self.rules[cue["id"]] = cue
        self.pseudo = GatedMatcher(self.vocab)
        for cue in self.lexicon["pseudo_cues"]:
            self.pseudo.add(cue["id"], [cue["pattern"]])
        self.cond = self.lexicon["conditional"]
        self._conditional_of: dict[tuple[int, ...], bool] = {}
        self.titles = frozenset(self.lexicon["speaker_titles"])
        self.second = frozenset(self.lexicon["negation"]["second"])
        self.constructions = construction_cues(self.lexicon)
        self.negation_words = NegationWords.from_lexicon(self.lexicon["negation"])
        self.source_line = re.compile(self.constructions["source_line"].line)
        self.second_or_only = self.second | {"que", "qu'"}  # « ne peut être contestée que »

    def __call__(self, doc: Doc) -> Doc:
        conditional = self._conditional(doc)
        verbal = set(doc._.tracker_verbal or ())
        names = multiword_names(doc)
        clauses: list[Span] = []
        for sent in doc.sents:
            offset = len(clauses)
            for c in split_clauses(sent, conditional, verbal, names):
                span = Span(doc, c.start, c.end, label=c.kind)
                span._.governor = None if c.governor is None else c.governor + offset
                clauses.append(span)
        doc.spans["tracker_clauses"] = clauses
        doc.spans["tracker_cues"] = cues = self._cues(doc, conditional, clauses)
        self._construction_cues(doc, clauses, cues)
        return doc

    def _construction_cues(self, doc: Doc, clauses: list[Span], cues: list[Span]) -> None:
        """« ne … pas », « si … », ``Source : X``: each in its group, with its rule in the group's attrs."""
        rules = self.constructions
        covered = {i for q in cues for i in range(q.start, q.end)}  # « n'a pas l'intention de » is a cue of its own
        negations = []
        for start, end, scope in find_negations(doc, clauses, covered, self.negation_words):
            span = Span(doc, start, end, label=rules["negation"].kind)
            span._.negation = scope
            negations.append(span)
        conditions = [Span(doc, c.start, c.start + 1, label=rules["condition"].kind) for c in clauses if is_condition(c)]
        lines = []
        for line in source_lines(doc.text, self.source_line):
            span = doc.char_span(line.start, line.end, label=rules["source_line"].kind, alignment_mode="expand")
            span._.source_line = {"source": line.source, "attributes": line.attributes}
            lines.append(span)
        for name, group, spans in (("negation", "tracker_negations", negations), ("condition", "tracker_conditions", conditions),
                                   ("source_line", "tracker_source_lines", lines)):
            doc.spans[group] = spans
            doc.spans[group].attrs["cue"] = rules[name].attrs

    def _conditional(self, doc: Doc) -> set[int]:
        """Indices of the conditional verbs. :func:`is_conditional` reads nothing but the word, its
        POS, lemma and morphology, so its answer is kept for each combination met."""
        found = set()
        for i, key in enumerate(map(tuple, doc.to_array([ORTH, POS, LEMMA, MORPH]).tolist())):
            answer = self._conditional_of.get(key)
            if answer is None:
                answer = self._conditional_of[key] = is_conditional(doc[i], self.cond)
            if answer:
                found.add(i)
        return found

    def _cues(self, doc: Doc, conditional: set[int], clauses: list[Span]) -> list[Span]:
        pseudo = [doc[s:e] for _, s, e in self.pseudo(doc)]
        blocked = {i for span in pseudo for i in range(span.start, span.end)}
        spans: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            rule = self.rules[self.vocab.strings[match_id]]
            if any(i in blocked for i in range(start, end)):
                continue
            if start > 0 and _low(doc[start - 1]) in rule.get("not_after", ()):
                continue
            if rule["kind"] in ("report", "confirm") and end - start == 1:
                if negated_verb(doc[start], self.second) or adjectival_participle(doc[start]):
                    continue
            if rule["kind"] == "deny" and end - start == 1 and start > 0 and _low(doc[start - 1]) in ("pour", "afin"):
                continue  # « a porté plainte pour bloquer l'opération »: an aim, not a denial
            if rule.get("negated_denies") and negated_verb(doc[start], self.second):
                # « n'a pas l'intention de racheter », « ne cherche pas à »: a plan refused
                rule = {"id": PLAN_REFUSED, "kind": "deny", "strength": 0.9, "scope": rule.get("scope", "clause")}
                spans.append(self._span(doc, start, end, rule))
                continue
            spans.append(self._span(doc, start, end, rule))
            if rule["kind"] == "deny" and end - start == 1 and negated_verb(doc[start], self.second_or_only):
                spans[-1]._.cue["negated"] = True  # « n'était pas enterrée », « ne peut être contestée que »
        spans = filter_spans(spans)
        _object_of_confirmation(spans)
        # « Apple abandonnerait… »: a conditional denial or confirmation verb still hedges
        covered = {i for s in spans for i in range(s.start, s.end) if s.label_ not in ("deny", "confirm")}
        for i in sorted(conditional - covered - blocked):
            if self._future_in_past(doc[i], clauses):
                continue
            strength = self.cond["strength"].get(doc[i].lemma_, self.cond["strength"]["default"])
            rule = {"id": CONDITIONAL, "kind": "hedge", "strength": strength}
            spans.append(self._span(doc, i, i + 1, rule))
        for sent in doc.sents:
            last = next((t for t in reversed(sent) if not t.is_space), None)
            if last is not None and last.text == "?":
                spans.append(self._span(doc, last.i, last.i + 1, self.constructions["question"].rule))
        return sorted(spans, key=lambda s: s.start)

    def _span(self, doc: Doc, start: int, end: int, rule: dict) -> Span:
        span = Span(doc, start, end, label=rule["kind"])
        span._.cue = {
            "rule": rule["id"],
            "strength": float(rule["strength"]),
            "scope": rule.get("scope", "clause"),
            "weak": bool(rule.get("weak")),
            "party_only": bool(rule.get("party_only")),
            "hearsay": bool(rule.get("hearsay")),
            "source": (source := find_source(doc, start, end, rule)),
            "org": speaker_org(doc, start, end, source, self.titles),
        }
        return span

    def _future_in_past(self, token: Token, clauses: list[Span]) -> bool:
        """« il a dit qu'il ne vendrait pas », « estimant qu'elle nuirait », « n'ont pas précisé quand
        les produits arriveraient »: the conditional of reported speech is no hedge. The modals keep
        hedging (« a annoncé que son cabinet devrait en approuver »)."""
        if token.lemma_ in self.cond["modal_lemmas"]:
            return False
        clause = next((c for c in clauses if c.start <= token.i < c.end), None)
        if clause is None:
            return False
        speech = set(self.cond["reported_speech_lemmas"])
        if clause.label_ == "sub" and clause[0].lower_ in self.cond["indirect_question_words"] and clause.start > 0:
            before = token.doc[clause.start - 1]
            return before.lemma_ in speech or before.lemma_ == "savoir"
        if clause.label_ != "que" or clause._.governor is None:
            return False
        for t in clauses[clause._.governor]:
            if t.lemma_ in speech and t.pos_ in ("VERB", "AUX"):
                tense = t.morph.get("Tense")
                past = "Past" in tense or "Imp" in tense
                participle = "Part" in t.morph.get("VerbForm") and "Pres" in tense  # « estimant que »
                aux = any(c.dep_.startswith("aux") and c.lemma_ == "avoir" for c in t.children)
                if past or participle or aux:
                    return True
        return False



# the rule of a plan or an intention under negation (« n'a pas l'intention de »): a denial that is
# itself the negation, so a « ne … pas » before it does not cancel it
PLAN_REFUSED = "plan_refuse"
CONDITIONAL = "conditionnel"  # the rule of a hedge read from the verb's mood


def _low(token: Token) -> str:
    return token.lower_.replace("’", "'")


def negated_verb(token: Token, second: frozenset[str]) -> bool:
    """« n'ont pas répondu », « ne s'est pas exprimé », « ne précise pas », « sans préciser »: a
    speech or announcement verb under negation attributes nothing and confirms nothing."""
    doc, sent = token.doc, token.sent
    lo = max(sent.start, token.i - 5)
    if any(_low(t) == "sans" for t in doc[max(lo, token.i - 3) : token.i]):
        return True
    for j in range(token.i - 1, lo - 1, -1):
        if _low(doc[j]) in ("ne", "n'"):
            return any(_low(t) in second for t in doc[j + 1 : min(token.i + 3, sent.end)] if t.i != token.i)
    return False


def adjectival_participle(token: Token) -> bool:
    """« le partenariat annoncé en 2019 », « la rupture, révélée en mai », « l'accord signé avec
    Sony »: a past participle qualifying a noun recalls an earlier event; it neither attributes nor
    confirms anything now. With an agent (« révélée par Bloomberg ») it still attributes."""
    morph = token.morph
    if token.i + 1 < len(token.doc) and _low(token.nbor(1)) in ("que", "qu'"):
        return False  # « Xiaomi a de son côté confirmé que… »: a participle with a clause is a verb
    if "Part" not in morph.get("VerbForm") or "Past" not in morph.get("Tense") or token.dep_ not in ("acl", "amod"):
        return False
    for child in token.children:
        if child.dep_.startswith("aux") or child.dep_ == "obl:agent":
            return False
        if child.dep_.startswith("obl") and any(_low(g) == "par" for g in child.children):
            return False
    return True


def _object_of_confirmation(spans: list[Span]) -> None:
    """« Hyundai confirme des discussions avec Apple »: a weak hedge noun that is what the
    confirmation verb confirms is a strong hedge: the talks are confirmed, the deal is not."""
    confirms = {s.root.i for s in spans if s.label_ == "confirm"}
    for s in spans:
        info = s._.cue
        if s.label_ != "hedge" or not info["weak"]:
            continue
        head = s.root.head
        if head.i in confirms or (head.dep_ == "conj" and head.head.i in confirms):
            info["weak"] = False


_SOURCE_SKIP = {"les", "des", "la", "le", "l'", "un", "une", "de", "d'", "du", "ses", "son", "sa", "nos", "informations", "propos", "dires", "selon", "après"}


def find_source(doc: Doc, start: int, end: int, rule: dict) -> str | None:
    """Who a report cue attributes the claim to.

    « D'après les informations de l'ex-vice-président d'OPPO, … » → « ex-vice-président d'OPPO »;
    « Brian Shen Yi Ren a déclaré que … » → « Brian Shen Yi Ren ».
    """
    if rule.get("source_after"):
        i = end
        while i < len(doc) and doc[i].lower_ in _SOURCE_SKIP:
            i += 1
        j = i
        while j < len(doc) and not doc[j].is_punct and not doc[j].is_space and doc[j].lower_ not in ("que", "qu'"):
            j += 1
        if j > i:
            return doc[i:j].text
        return None
    if rule.get("source_before"):
        sent_start = doc[start].sent.start
        inverted = _inverted_speaker(doc, start, end)
        if inverted is not None:
            return inverted
        ents = [e for e in doc.ents if sent_start <= e.start and e.end <= start and e.label_ in ("PERSON", "ORG", "BRAND", "AUTHORITY", "MISC")]
        if ents:
            gap = doc[ents[-1].end : start]
            if all(not t.is_punct or t.text == "," for t in gap) and len(gap) <= 6:
                if len(ents) > 1 and _apposed(doc, ents[-2], ents[-1]):
                    return ents[-2].kb_id_ or ents[-2].text  # « Jean Dupont, le président de Renault, a déclaré »
                return ents[-1].kb_id_ or ents[-1].text
        j = start - 1
        while j >= sent_start and doc[j].pos_ in ("AUX", "ADV", "PRON") and doc[j].lower_ not in ("qui", "que"):
            j -= 1
        k = j
        while k >= sent_start and doc[k].pos_ == "PROPN":
            k -= 1
        if k < j:
            return doc[k + 1 : j + 1].text
        if j >= sent_start and (doc[j].text in (",", "»", "”") or doc[j].is_quote):
            # « « … », a déclaré Brad Smith »: the speaker follows the verb
            after = [e for e in doc.ents if end <= e.start <= end + 1 and e.end <= doc[start].sent.end and e.label_ in _SPEAKERS]
            if after:
                return after[0].kb_id_ or after[0].text
    return None


def _inverted_speaker(doc: Doc, start: int, end: int) -> str | None:
    """« Nvidia négocie le rachat d'Arm, annonce Bloomberg », « …, a appris Reuters »: after a comma
    or a closing quote, the verb's subject follows it (« le », « l'agence » may stand between)."""
    j = start - 1
    while j >= 0 and doc[j].pos_ == "AUX":
        j -= 1
    if j < 0 or not (doc[j].text in (",", "»", "”") or doc[j].is_quote):
        return None
    sent_end = doc[start].sent.end
    for e in doc.ents:
        if end <= e.start <= end + 6 and e.end <= sent_end and e.label_ in _SPEAKERS:
            # « écrit jeudi l'agence de presse Reuters »: a day, a determiner, the outlet's common noun
            if all((t.pos_ in ("DET", "ADV", "NOUN", "ADJ") or _low(t) in ("de", "d'")) and not t.is_punct for t in doc[end : e.start]):
                return e.kb_id_ or e.text
    return None


def _apposed(doc: Doc, person: Span, org: Span, titles: frozenset[str] | None = None) -> bool:
    """« Jean Dupont, le président de Renault »: ``org`` sits in an apposition to ``person`` (with a
    current office among ``titles``, when given)."""
    if person.label_ != "PERSON" or person.end >= org.start or doc[person.end].text != ",":
        return False
    gap = doc[person.end + 1 : org.start]
    if titles is not None and not any(_low(t) in titles for t in gap):
        return False
    return len(gap) <= 6 and not any(t.pos_ in ("VERB", "AUX") or (t.is_punct and _low(t) != "'") for t in gap)


_SPEAKERS = ("PERSON", "ORG", "BRAND", "AUTHORITY", "MISC")
_TITLE_OF = {"de", "d'", "du", "des"}


def speaker_org(doc: Doc, start: int, end: int, source: str | None, titles: frozenset[str] = frozenset()) -> str | None:
    """The organisation a speaker speaks for: the gazetteer's (« Lei Jun » → Xiaomi) or an apposition
    (« Brad Smith, le président de Microsoft »). Lets « X a déclaré » confirm when X's company is a
    party of the claim."""
    if source is None:
        return None
    orgs = doc._.tracker_orgs or {}
    if source in orgs:
        return orgs[source]
    sent = doc[start].sent
    ent = next((e for e in doc.ents if sent.start <= e.start < sent.end and (e.kb_id_ or e.text) == source and e.label_ == "PERSON"), None)
    if ent is None or ent.end + 2 >= sent.end or doc[ent.end].text != ",":
        return None
    for e in doc.ents:
        if ent.end < e.start <= ent.end + 8 and e.label_ in ("ORG", "BRAND") and _low(doc[e.start - 1]) in _TITLE_OF and _apposed(doc, ent, e, titles):
            return e.kb_id_ or e.text  # « Hermann Hauser, cofondateur d'Arm » no longer speaks for Arm
    return None


@Language.factory("tracker_cues", default_config={"lexicon": None},
                  assigns=["doc.spans", "span._.cue", "span._.governor", "span._.negation", "span._.source_line",
                           "token._.negator"],
                  requires=["doc.ents", "token.dep", "token.morph", "token.lemma", "doc._.tracker_verbal"])
def make_cues(nlp: Language, name: str, lexicon: dict | None) -> CueDetector:
    return CueDetector(nlp, name, lexicon=lexicon)
