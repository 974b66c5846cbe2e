"""spaCy ``Doc`` → sentences and claim mentions (frozen dataclasses). No spaCy object leaves here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from tracker.pipeline.cues.detector import CONDITIONAL, PLAN_REFUSED
from tracker.pipeline.cues.negation import negates_elsewhere
from tracker.resources import load_json
from tracker.stance import SPEECH_DENIALS, Cue, decide, source_of
from tracker.timex import expected_by



@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int
    stance: str
    cues: tuple[Cue, ...]
    source: str | None
    deciding: tuple[Cue, ...] = ()  # the cues that decided the stance (its factuality reads them)


@dataclass(frozen=True)
class Mention:
    key: str
    relation: str
    entities: tuple[str, ...]
    stance: str
    sentence_index: int
    sentence: str
    cues: tuple[Cue, ...]
    source: str | None
    expected_by: dt.date | None = None


@dataclass(frozen=True)
class Analysis:
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...] = field(default=())


def claim_key(relation: str, entities: tuple[str, ...] | list[str]) -> str:
    """``partnership:leica|xiaomi`` — lower-cased, accents kept."""
    return f"{relation}:" + "|".join(e.lower() for e in entities)


def _cue(span: Span, text: str, inherited: bool = False) -> Cue:
    info = span._.cue
    start, end = span.start_char, span.end_char
    return Cue(
        text=text[start:end], kind=span.label_, strength=info["strength"], rule=info["rule"], start=start, end=end,
        source=info["source"], weak=info["weak"], party_only=info["party_only"], inherited=inherited,
        org=info.get("org"), hearsay=info.get("hearsay", False),
    )


def _made(span: Span, rule: dict, text: str) -> Cue:
    """The cue of a construction (``rule``: its group's ``attrs["cue"]``, see tracker.pipeline.cues.detector)."""
    start, end = span.start_char, span.end_char
    return Cue(text[start:end], span.label_, rule["strength"], rule["rule"], start, end)


class _Scopes:
    """Which cues reach which clause (see tracker.pipeline.cues.clauses)."""

    def __init__(self, doc: Doc, text: str):
        self.doc, self.text = doc, text
        self.clauses = list(doc.spans["tracker_clauses"])
        self.cues = list(doc.spans["tracker_cues"])
        self.negations = list(doc.spans["tracker_negations"])
        self.negation_rule = doc.spans["tracker_negations"].attrs["cue"]
        self.conditions = {q.start: q for q in doc.spans["tracker_conditions"]}
        self.condition_rule = doc.spans["tracker_conditions"].attrs["cue"]

    def local(self, ci: int) -> list[Span]:
        c = self.clauses[ci]
        return [q for q in self.cues if c.start <= q.start < c.end]

    def for_clause(self, ci: int) -> list[Cue]:
        clause = self.clauses[ci]
        out = [_cue(q, self.text) for q in self.local(ci)]
        gov, seen = clause._.governor, {ci}
        while gov is not None and gov not in seen:
            seen.add(gov)
            out += [_cue(q, self.text, inherited=True) for q in self.local(gov)]
            gov = self.clauses[gov]._.governor
        sent = clause.sent
        for cj, other in enumerate(self.clauses):
            if cj in seen or not (sent.start <= other.start < sent.end):
                continue
            for q in self.local(cj):
                if q._.cue["scope"] == "sentence" or (other.label_ == "intro" and clause.label_ != "hyp"):
                    out.append(_cue(q, self.text, inherited=q.label_ == "deny"))
        return out

    def for_sentence(self, sent: Span) -> list[Cue]:
        out = []
        for ci, clause in enumerate(self.clauses):
            if sent.start <= clause.start < sent.end and clause.label_ != "hyp":
                # a « claim » cue (« déposer une offre pour », « veut ») hedges the deal it governs,
                # not what the sentence states (« Alphabet a fait une offre pour Fitbit, selon Reuters »)
                # nor does a relative's speech verb attribute the sentence (« Le quotidien, qui avait
                # évoqué un investissement, n'a pas réagi ») or its denial deny it (« un décret qui
                # interdit … »): they describe the antecedent (a claim inside still reads them)
                out += [_cue(q, self.text) for q in self.local(ci) if not q._.cue.get("negated") and q._.cue["scope"] != "claim"
                        and not (clause.label_ == "rel" and q.label_ in ("report", "deny"))]
        return out

    def _negated_subject(self, trigger: tuple[int, int]) -> Cue | None:
        """« Le rachat d'Arm par Nvidia ne se fera pas », « la fusion n'aura pas lieu »: the deal noun
        is the subject of a negated verb."""
        if trigger[1] <= trigger[0]:
            return None
        root = self.doc[trigger[0] : trigger[1]].root
        if not root.dep_.startswith("nsubj") or root.pos_ not in ("NOUN", "PROPN"):
            return None
        neg = next((q for q in self.negations if q._.negation["verb"] == root.head.i), None)
        if neg is None or negates_elsewhere(neg._.negation, trigger[0]):
            return None
        return _made(neg, self.negation_rule, self.text)

    def negated(self, ci: int, trigger: tuple[int, int]) -> Cue | None:
        """« Xiaomi ne s'associera pas à Leica »: a negation of the claim's own verb, before the
        trigger in its clause, outside a relative that does not hold it."""
        clause = self.clauses[ci]
        subject = self._negated_subject(trigger)
        if subject is not None:
            return subject
        # « ne reconduira pas »: a trigger that holds its own « ne » states the negative claim; one
        # that only spans the « pas » (« ne mettra pas la main sur ») is negated by it
        own = any(t._.negator for t in self.doc[trigger[0] : trigger[1]])
        for neg in self.negations:
            scope = neg._.negation
            if not (scope["forward"] and clause.start <= neg.start < min(trigger[0], clause.end)) or negates_elsewhere(scope, trigger[0]):
                continue
            if not (own and trigger[0] <= neg.end - 1 < trigger[1]):
                return _made(neg, self.negation_rule, self.text)
        return None

    def condition(self, ci: int) -> Cue | None:
        """« si ce partenariat se concrétise, … »: the « si » that opens clause ``ci``, if a condition."""
        si = self.conditions.get(self.clauses[ci].start)
        return None if si is None else _made(si, self.condition_rule, self.text)


def analyse_doc(doc: Doc, text: str, article_date: dt.date) -> Analysis:
    """Sentences (stance, cues, source) and claim mentions of one article.

    ``text`` is the article as written (same offsets as ``doc.text``): quotes come from it. A
    sentence's stance is decided with the parties of the claims it carries, so that « Lei Jun a
    assuré que… » confirms a Xiaomi claim; a ``Source :`` line attributes the sentences of the
    paragraph above that carry a claim, not its background facts.
    """
    scopes = _Scopes(doc, text)
    lines = doc.spans["tracker_source_lines"]
    spans: list[tuple[int, int, list[Cue], Cue | None]] = []
    sent_index: dict[int, int] = {}
    doc_text = doc.text  # a Span's text is joined from its tokens at every read
    for sent in doc.sents:
        sent_text = doc_text[sent.start_char : sent.end_char]
        if not sent_text.strip():
            continue
        start = sent.start_char + (len(sent_text) - len(sent_text.lstrip()))
        end = sent.start_char + len(sent_text.rstrip())
        line = next((q for q in lines if q._.source_line["attributes"][0] <= start < q._.source_line["attributes"][1]), None)
        line_cue = _line_cue(line, lines.attrs["cue"], text, start) if line is not None else None
        sent_index[sent.start] = len(spans)
        spans.append((start, end, scopes.for_sentence(sent), line_cue))
    denials = {n: q for q in doc.spans["tracker_claim_cues"] for n in q._.claim_indices}
    mentions: list[Mention] = []
    for n, claim in enumerate(doc._.tracker_claims or []):
        ci = claim["clause"]
        index = sent_index[scopes.clauses[ci].sent.start]
        start, end, _, line_cue = spans[index]
        trig = doc[claim["trigger"][0] : claim["trigger"][1]]
        # a claim noun (« mettent fin à leur projet de fusion ») is never itself the denial predicate
        own = (0, 0) if claim.get("rule", "").startswith("anaphore_") else (trig.start_char, trig.end_char)
        negated = scopes.negated(ci, claim["trigger"])
        cues = _own_cues(scopes.for_clause(ci), negated, *own)
        background = _is_apposition(trig) and not claim.get("expectation")
        if background:
            cues = _apposition_cues(cues, scopes, ci, trig)
        if claim.get("joint"):
            # « A et B déposent une offre conjointe pour racheter C »: the bid, its rejection or its
            # talks qualify the deal, not that A and B act together: only who says it, its mood and its announcement do
            cues = [c for c in cues if c.kind in ("report", "confirm") or c.rule == CONDITIONAL]
        elif claim.get("background"):
            # « Tata, propriétaire de Jaguar, serait en discussions… », « Bouygues, qui détient 43 % de
            # TF1 »: the writer states what is known; only the predicate's own negation changes it
            cues = [negated] if negated is not None else []
        if n in denials:  # « la Switch OLED, sans 4K »: the trigger itself denies the claim
            cues.append(_made(denials[n], doc.spans["tracker_claim_cues"].attrs["cue"], text))
        if any(c.kind == "deny" for c in cues):
            # « l'arrêt des négociations au sujet de la cession éventuelle d'Alcatel »: an adjective that says
            # the deal was only possible does not soften what is said of it
            cues = [c for c in cues if not (c.kind == "hedge" and _beside(text, c, trig))]
        condition = scopes.condition(ci)
        if condition is not None:
            cues = _hypothetical(cues, condition)
        if line_cue and not background and not any(c.kind == "report" for c in cues):
            cues.append(line_cue)
        entities = tuple(claim["entities"])
        stance, deciding = decide(cues, entities)
        mentions.append(
            Mention(
                key=claim_key(claim["relation"], entities), relation=claim["relation"], entities=entities, stance=stance,
                sentence_index=index, sentence=text[start:end], cues=tuple(deciding), source=source_of(deciding),
                expected_by=expected_by(text[start:end], article_date) if stance in ("hedged", "reported") and not _past_event(trig) else None,
            )
        )
    parties_of: dict[int, dict[str, None]] = {}
    for m in mentions:
        parties_of.setdefault(m.sentence_index, {}).update(dict.fromkeys(m.entities))
    sentences: list[Sentence] = []
    for index, (start, end, cues, line_cue) in enumerate(spans):
        parties = tuple(parties_of.get(index, ()))
        if line_cue and parties and not any(c.kind == "report" for c in cues):
            cues.append(line_cue)
        stance, deciding = decide(cues, parties)
        denied = next((m for m in mentions if m.sentence_index == index and m.stance == "denied"), None)
        if denied is not None and stance != "denied":
            # « Nintendo officialise la Switch OLED, sans 4K », « les deux appareils ne sont pas équipés
            # de … »: a sentence that denies one of its claims is a denial, whatever else it states
            deciding = [c for c in denied.cues]
            cues = cues + [c for c in deciding if c not in cues]
            stance = "denied"
        sentences.append(Sentence(index, text[start:end], start, end, stance, tuple(cues), source_of(deciding), tuple(deciding)))
    mentions = _dedupe(_anaphoric_dates(doc, sentences, mentions, article_date))
    agency = doc._.tracker_dateline_agency  # « (Reuters) - »: see tracker.pipeline.lines
    if agency is not None:
        # wire copy: a claim the article states on no one else's word is the agency's
        mentions = [m if m.source else replace(m, source=agency) for m in mentions]
    return Analysis(tuple(sentences), tuple(mentions))


def _line_cue(line: Span, rule: dict, text: str, at: int) -> Cue:
    """« Source : X » under a paragraph: a cue of its sentences, at ``at`` (where one starts),
    quoting X as written."""
    a, b = line._.source_line["source"]
    source = text[a:b].strip()
    return Cue(rule["quote"].format(source=source), line.label_, rule["strength"], rule["rule"], at, at, source=source)


def _beside(text: str, cue: Cue, trig: Span) -> bool:
    """The cue is written right before or right after the trigger, with only a space between."""
    return not text[cue.end : trig.start_char].strip() if cue.end <= trig.start_char else not text[trig.end_char : cue.start].strip()


def _own_cues(cues: list[Cue], neg: Cue | None, start: int, end: int) -> list[Cue]:
    """The cues that qualify a claim whose trigger spans ``start:end``.

    A denial verb that is the claim's own predicate does not deny it (« Washington interdit à Huawei… »
    is a sanction, stated); a denial that opens before it does (« qu'ils n'étaient pas en discussions
    avec Apple »). A negated denial cancels out (« n'a pas bloqué la transaction »).
    """
    # « Il n'y aura pas de Xiaomi 12 Ultra »: a denial around the trigger still denies it
    out = [c for c in cues if not (c.kind == "deny" and start <= c.start < end)]
    if neg is None:
        return out
    cancelled = [c for c in out if c.kind == "deny" and 0 <= c.start - neg.end <= 12 and c.rule != PLAN_REFUSED]
    if cancelled:
        return [c for c in out if c not in cancelled]
    return out + [neg]


def _is_apposition(trig: Span) -> bool:
    """« la Switch, sortie en 2017 »: a participle right after a comma, a background fact."""
    doc = trig.doc
    return trig.start > 0 and doc[trig.start - 1].text == "," and "Part" in trig[0].morph.get("VerbForm")


def _apposition_cues(cues: list[Cue], scopes: _Scopes, ci: int, trig: Span) -> list[Cue]:
    """« Nintendo espérerait relancer les ventes de la Switch, sortie en 2017 »: a participle set off
    by a comma states its own fact; the hedges and denials of its clause outside the apposition are
    not its own (« Le Galaxy S24, présenté en janvier, serait équipé… »: the launch is not hedged),
    nor is the paragraph's ``Source :`` line, which attributes its claims, not their background."""
    doc = scopes.doc
    comma = doc[trig.start - 1].idx
    close = next((t for t in doc[trig.start : trig.sent.end] if t.text == ","), None)
    end = close.idx if close is not None else trig.sent.end_char
    outside = {q.start_char for q in scopes.local(ci) if not (comma <= q.start_char < end) and q.label_ in ("hedge", "deny")}
    return [c for c in cues if not (c.start in outside and c.kind in ("hedge", "deny"))]


def _past_event(trigger: Span) -> bool:
    """« La start-up aurait signé cette année un contrat avec Google »: a rumoured past event. Its
    date says when it happened, not a date by which to expect it. The trigger's verb (or the verb
    governing a trigger noun) is in a compound past tense (« aurait signé », « a conclu »), not a
    passive (« pourrait être signé dès février »)."""
    head = trigger[0]
    verbs = [head, head.head] if head.pos_ in ("NOUN", "PROPN") else [head]
    return any(child.dep_ == "aux:tense" for verb in verbs for child in verb.children)


def _hypothetical(cues: list[Cue], condition: Cue) -> list[Cue]:
    """« si ce partenariat se concrétise, … »: a claim stated inside a condition is a hypothesis;
    its verb does not confirm it."""
    return [c for c in cues if c.kind != "confirm"] + [condition]


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per claim and sentence (two triggers in one sentence for the same claim)."""
    seen: dict[tuple[str, int], int] = {}
    out: list[Mention] = []
    for m in mentions:
        k = (m.key, m.sentence_index)
        if k in seen:
            continue
        seen[k] = len(out)
        out.append(m)
    return out


def _anaphoric_dates(doc: Doc, sentences: list[Sentence], mentions: list[Mention], day: dt.date) -> list[Mention]:
    """« si ce partenariat se concrétise, il pourrait être annoncé l'année prochaine »: the date goes
    to the rumour that sentence refers to — one of the same relation, hedged earlier in the article,
    whose parties are both named in this sentence or the one before."""
    conf = load_json("articles.json")["anaphora"]
    with_claims = {m.sentence_index for m in mentions}
    names_by_sentence: dict[int, set[str]] = {}
    for ent in doc.ents:
        for s in sentences:
            if s.start <= ent.start_char < s.end:
                names_by_sentence.setdefault(s.index, set()).add((ent.kb_id_ or ent.text).lower())
    for s in sentences:
        if s.index in with_claims:
            continue
        when = expected_by(s.text, day)
        if when is None:
            continue
        words = re.findall(r"[\wéèêàâîôûç']+", s.text.lower())
        relations = {conf["nouns"][w2] for w1, w2 in zip(words, words[1:]) if w1 in conf["determiners"] and w2 in conf["nouns"]}
        names = names_by_sentence.get(s.index, set()) | names_by_sentence.get(s.index - 1, set())
        for n, m in enumerate(mentions):
            if m.relation in relations and m.sentence_index < s.index and m.stance in ("hedged", "reported") and m.expected_by is None:
                if all(e.lower() in names or any(e.lower() in nm for nm in names) for e in m.entities):
                    mentions[n] = replace(m, expected_by=when)
    return mentions


def qualifiers_at(doc: Doc, text: str, char: int) -> dict[str, bool]:
    """Is the clause holding character ``char`` hedged, negated, reported? (for devdata scoring)"""
    scopes = _Scopes(doc, text)
    ci = next((i for i, c in enumerate(scopes.clauses) if c.start_char <= char < c.end_char), None)
    if ci is None:
        return {"hypothesis": False, "negation": False, "reported": False}
    cues = scopes.for_clause(ci)
    clause = scopes.clauses[ci]
    token = next((t for t in clause if t.idx <= char < t.idx + len(t.text) + 1), clause[-1])
    negation = any(c.kind == "deny" for c in cues) or scopes.negated(ci, (token.i + 1, token.i + 1)) is not None
    return {
        # « si le rachat aboutit »: a clause opened by « si » is a hypothesis (see ``_hypothetical``)
        "hypothesis": any(c.kind == "hedge" for c in cues) or scopes.condition(ci) is not None,
        "negation": negation,
        # « il nie être … », « X dément … »: a denial that is a speech act is reported speech too
        "reported": any(c.kind == "report" or (c.kind == "deny" and c.rule in SPEECH_DENIALS) for c in cues),
    }
