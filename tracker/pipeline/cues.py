"""``tracker_cues``: hedge, report, confirm and deny cues, with their strength and scope.

Writes ``doc.spans["tracker_cues"]`` (label = kind; ``span._.cue`` holds rule, strength, scope,
source) and ``doc.spans["tracker_clauses"]`` (label = clause kind; ``span._.governor`` is the
clause a « que » clause depends on, as an index into the same group).

The conditional is read from the verb form as well as from spaCy's ``Mood``: the small French
model tags « chercherait » and « envisagerait » as imperfect indicative.
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from tracker.errors import ModelDataError
from tracker.pipeline.clauses import split_clauses
from tracker.resources import load_json, require

KINDS = {"hedge", "report", "confirm", "deny"}
for _name in ("cue", "governor"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension("tracker_verbal"):
    Doc.set_extension("tracker_verbal", default=None)


def validate_cues(data: dict) -> None:
    require(data, {"conditional": dict, "cues": list, "pseudo_cues": list, "negation": dict}, "models/cues.json")
    for i, cue in enumerate(data["cues"]):
        where = f"models/cues.json cues[{i}]"
        require(cue, {"id": str, "kind": str, "strength": (int, float), "pattern": list}, where)
        if cue["kind"] not in KINDS:
            raise ModelDataError(f"{where}: kind {cue['kind']!r} is not one of {sorted(KINDS)}")


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


class CueDetector:
    """Lexicon cues (Matcher patterns from ``models/cues.json``) plus conditional and questions."""

    def __init__(self, nlp: Language, name: str = "tracker_cues", *, lexicon: dict | None = None):
        self.name = name
        self.vocab = nlp.vocab
        self.lexicon = lexicon if lexicon is not None else load_json("cues.json")
        self._build()

    def _build(self) -> None:
        validate_cues(self.lexicon)
        self.matcher = Matcher(self.vocab)
        self.rules = {}
        for cue in self.lexicon["cues"]:
            self.matcher.add(cue["id"], [cue["pattern"]])
            self.rules[cue["id"]] = cue
        self.pseudo = Matcher(self.vocab)
        for cue in self.lexicon["pseudo_cues"]:
            self.pseudo.add(cue["id"], [cue["pattern"]])
        self.cond = self.lexicon["conditional"]

    def __call__(self, doc: Doc) -> Doc:
        conditional = {t.i for t in doc if is_conditional(t, self.cond)}
        verbal = set(doc._.tracker_verbal or ())
        clauses: list[Span] = []
        for sent in doc.sents:
            offset = len(clauses)
            for c in split_clauses(sent, conditional, verbal):
                span = Span(doc, c.start, c.end, label=c.kind)
                span._.governor = None if c.governor is None else c.governor + offset
                clauses.append(span)
        doc.spans["tracker_clauses"] = clauses
        doc.spans["tracker_cues"] = self._cues(doc, conditional, clauses)
        return doc

    def _cues(self, doc: Doc, conditional: set[int], clauses: list[Span]) -> list[Span]:
        pseudo = [doc[s:e] for _, s, e in self.pseudo(doc)]
        blocked = {i for span in pseudo for i in range(span.start, span.end)}
        spans: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            rule = self.rules[self.vocab.strings[match_id]]
            if any(i in blocked for i in range(start, end)):
                continue
            if start > 0 and doc[start - 1].lower_.replace("’", "'") in rule.get("not_after", ()):
                continue
            spans.append(self._span(doc, start, end, rule))
        spans = filter_spans(spans)
        # « Apple abandonnerait… »: a conditional denial or confirmation verb still hedges
        covered = {i for s in spans for i in range(s.start, s.end) if s.label_ not in ("deny", "confirm")}
        for i in sorted(conditional - covered - blocked):
            if self._future_in_past(doc[i], clauses):
                continue
            strength = self.cond["strength"].get(doc[i].lemma_, self.cond["strength"]["default"])
            rule = {"id": "conditionnel", "kind": "hedge", "strength": strength}
            spans.append(self._span(doc, i, i + 1, rule))
        for sent in doc.sents:
            last = next((t for t in reversed(sent) if not t.is_space), None)
            if last is not None and last.text == "?":
                rule = {"id": "question", "kind": "hedge", "strength": 0.3, "scope": "sentence"}
                spans.append(self._span(doc, last.i, last.i + 1, rule))
        return sorted(spans, key=lambda s: s.start)

    def _span(self, doc: Doc, start: int, end: int, rule: dict) -> Span:
        span = Span(doc, start, end, label=rule["kind"])
        span._.cue = {
            "rule": rule["id"],
            "strength": float(rule["strength"]),
            "scope": rule.get("scope", "clause"),
            "weak": bool(rule.get("weak")),
            "party_only": bool(rule.get("party_only")),
            "source": find_source(doc, start, end, rule),
        }
        return span

    def _future_in_past(self, token: Token, clauses: list[Span]) -> bool:
        """« il a dit qu'il ne vendrait pas »: the conditional of reported speech is no hedge."""
        clause = next((c for c in clauses if c.start <= token.i < c.end), None)
        if clause is None or clause.label_ != "que" or clause._.governor is None:
            return False
        gov = clauses[clause._.governor]
        speech = set(self.cond["reported_speech_lemmas"])
        for t in gov:
            if t.lemma_ in speech and t.pos_ in ("VERB", "AUX"):
                past = "Past" in t.morph.get("Tense") or "Imp" in t.morph.get("Tense")
                aux = any(c.dep_.startswith("aux") and c.lemma_ == "avoir" for c in t.children)
                if past or aux:
                    return True
        return False

    def to_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cues.json", self.lexicon)

    def from_disk(self, path, *, exclude=tuple()):
        self.lexicon = srsly.read_json(Path(path) / "cues.json")
        self._build()
        return self


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
        ents = [e for e in doc.ents if sent_start <= e.start and e.end <= start and e.label_ in ("PERSON", "ORG", "BRAND", "AUTHORITY", "MISC")]
        if ents:
            gap = doc[ents[-1].end : start]
            if all(not t.is_punct or t.text == "," for t in gap) and len(gap) <= 6:
                return ents[-1].kb_id_ or ents[-1].text
        j = start - 1
        while j >= sent_start and doc[j].pos_ in ("AUX", "ADV", "PRON") and doc[j].lower_ not in ("qui", "que"):
            j -= 1
        k = j
        while k >= sent_start and doc[k].pos_ == "PROPN":
            k -= 1
        if k < j:
            return doc[k + 1 : j + 1].text
    return None


@Language.factory("tracker_cues", default_config={"lexicon": None})
def make_cues(nlp: Language, name: str, lexicon: dict | None) -> CueDetector:
    return CueDetector(nlp, name, lexicon=lexicon)
