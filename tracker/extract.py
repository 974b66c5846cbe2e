"""spaCy ``Doc`` → sentences and claim mentions (frozen dataclasses). No spaCy object leaves here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from tracker.pipeline.clauses import HYPOTHETICAL
from tracker.pipeline.cues import PLAN_REFUSED
from tracker.resources import load_json
from tracker.stance import SPEECH_DENIALS, Cue, decide, source_of
from tracker.timex import expected_by

_SOURCE_LINE = re.compile(r"^\s*sources?\s*:\s*(.+?)\s*$", re.IGNORECASE)


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


class _Scopes:
    """Which cues reach which clause (see tracker.pipeline.clauses)."""

    def __init__(self, doc: Doc, text: str):
        self.doc, self.text = doc, text
        self.clauses = list(doc.spans["tracker_clauses"])
        self.cues = list(doc.spans["tracker_cues"])
        self.negation = load_json("cues.json")["negation"]
        self.covered = {i for q in self.cues for i in range(q.start, q.end)}

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
        found = _negated_verb(self.doc, root.head, self.negation)
        if found is None or self._in_relative(found[0], trigger):
            return None
        span = self.doc[found[0].i : found[1].i + 1]
        return Cue(self.text[span.start_char : span.end_char], "deny", 1.0, "negation", span.start_char, span.end_char)

    def _in_relative(self, ne, trigger: tuple[int, int]) -> bool:
        """The « ne » negates a relative that qualifies a noun, by the parse or, where the small
        model misses it, by the incise it stands in (« , dont le montant n'a pas été précisé, »)."""
        if _in_relative_of(ne, trigger):
            return True
        doc, sent = self.doc, ne.sent
        opening = next((t for t in reversed(doc[sent.start : ne.i]) if t.text == ","), None)
        if opening is None or opening.i + 1 >= ne.i or doc[opening.i + 1].lower_ not in self.negation["relatives"]:
            return False
        closing = next((t for t in doc[ne.i : sent.end] if t.text == ","), None)
        return closing is not None and not (opening.i < trigger[0] < closing.i)

    def _litotes(self, second) -> bool:
        """« ne serait pas le seul à », « n'est pas le premier fabricant à »: others did too."""
        doc = self.doc
        nxt = [doc[i] for i in range(second.i + 1, min(second.i + 3, len(doc)))]
        return len(nxt) == 2 and nxt[0].pos_ == "DET" and nxt[1].lower_ in self.negation["litotes"]

    def negated(self, ci: int, trigger: tuple[int, int]) -> Cue | None:
        """« Xiaomi ne s'associera pas à Leica »: a negation of the claim's own verb."""
        clause = self.clauses[ci]
        toks = self.doc[clause.start : min(trigger[1] + 3, clause.end)]
        firsts = [t for t in toks if t.lower_ in self.negation["first"] and t.i < trigger[0]]
        # « ne reconduira pas »: a trigger that holds its own « ne » states the negative claim; one
        # that only spans the « pas » (« ne mettra pas la main sur ») is negated by it
        own = any(t.lower_ in self.negation["first"] for t in self.doc[trigger[0] : trigger[1]])
        subject = self._negated_subject(trigger)
        if subject is not None:
            return subject
        for ne in firsts:
            if self._in_relative(ne, trigger):
                continue
            window = self.doc[ne.i + 1 : min(ne.i + 2 + self.negation["max_gap"], clause.end)]
            for t in window:
                if t.lower_ in self.negation["restrictive"]:
                    break
                if t.lower_ in self.negation["second"] and self._litotes(t):
                    break
                if t.lower_ in self.negation["second"] and not (own and trigger[0] <= t.i < trigger[1]) and ne.i not in self.covered:
                    span = self.doc[ne.i : t.i + 1]
                    return Cue(self.text[span.start_char : span.end_char], "deny", 1.0, "negation", span.start_char, span.end_char)
        return None


def _in_relative_of(ne, trigger: tuple[int, int]) -> bool:
    """« L'opération, dont le montant n'a pas été précisé, pourrait être annoncée »: the « ne »
    negates a relative clause (or a participle) that qualifies a noun, and the trigger is outside it."""
    verb = ne.head
    if verb.dep_ not in ("acl:relcl", "acl"):
        return False
    return not (verb.left_edge.i <= trigger[0] <= verb.right_edge.i)


def _negated_verb(doc: Doc, head, negation: dict):
    """The « ne » and the « pas » of ``head``'s negation, or None."""
    kids = list(head.children)
    ne = next((k for k in kids if k.lower_ in negation["first"]), None)
    second = next((k for k in kids if k.lower_ in negation["second"]), None)
    return (ne, second) if ne is not None and second is not None else None


def _source_lines(text: str) -> list[tuple[int, int, str]]:
    """``Source : @yabhishekhd`` attributes the paragraph just above it: (start, end, source)."""
    out = []
    pos = 0
    paragraphs = []
    for block in re.split(r"(\n\s*\n)", text):
        paragraphs.append((pos, pos + len(block), block))
        pos += len(block)
    paragraphs = [p for p in paragraphs if p[2].strip()]
    for n, (start, end, block) in enumerate(paragraphs):
        m = _SOURCE_LINE.match(block.strip())
        if m and "\n" not in block.strip() and n > 0:
            prev = paragraphs[n - 1]
            out.append((prev[0], end, m[1].strip()))
    return out


def analyse_doc(doc: Doc, text: str, article_date: dt.date) -> Analysis:
    """Sentences (stance, cues, source) and claim mentions of one article.

    ``text`` is the article as written (same offsets as ``doc.text``): quotes come from it. A
    sentence's stance is decided with the parties of the claims it carries, so that « Lei Jun a
    assuré que… » confirms a Xiaomi claim; a ``Source :`` line attributes the sentences of the
    paragraph above that carry a claim, not its background facts.
    """
    scopes = _Scopes(doc, text)
    source_blocks = _source_lines(text)
    spans: list[tuple[int, int, list[Cue], Cue | None]] = []
    sent_index: dict[int, int] = {}
    doc_text = doc.text  # a Span's text is joined from its tokens at every read
    for sent in doc.sents:
        sent_text = doc_text[sent.start_char : sent.end_char]
        if not sent_text.strip():
            continue
        start = sent.start_char + (len(sent_text) - len(sent_text.lstrip()))
        end = sent.start_char + len(sent_text.rstrip())
        line_source = next((s for a, b, s in source_blocks if a <= start < b), None)
        line_cue = Cue(f"Source : {line_source}", "report", 0.6, "ligne_source", start, start, source=line_source) if line_source else None
        sent_index[sent.start] = len(spans)
        spans.append((start, end, scopes.for_sentence(sent), line_cue))
    mentions: list[Mention] = []
    for claim in doc._.tracker_claims or []:
        ci = claim["clause"]
        index = sent_index[scopes.clauses[ci].sent.start]
        start, end, _, line_cue = spans[index]
        trig = doc[claim["trigger"][0] : claim["trigger"][1]]
        # a claim noun (« mettent fin à leur projet de fusion ») is never itself the denial predicate
        own = (0, 0) if claim.get("rule", "").startswith("anaphore_") else (trig.start_char, trig.end_char)
        cues = _own_cues(scopes.for_clause(ci), scopes.negated(ci, claim["trigger"]), *own)
        background = _is_apposition(trig) and not claim.get("expectation")
        if background:
            cues = _apposition_cues(cues, scopes, ci, trig)
        if claim.get("negative"):  # « la Switch OLED, sans 4K »: the trigger itself denies the claim
            cues.append(Cue(text[trig.start_char : trig.end_char], "deny", 1.0, "trigger_negatif", trig.start_char, trig.end_char))
        if is_condition(scopes.clauses[ci]):
            cues = _hypothetical(scopes.clauses[ci], text, cues)
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


def is_condition(clause: Span) -> bool:
    """A clause opened by « si » (« si le rachat aboutit, … », at the head of a sentence too), not
    the concessive « même si » (« Apple lancera l'iPhone, même si Samsung… »)."""
    first = clause[0]
    if first.lower_ not in HYPOTHETICAL or first.text == "SI":  # « l'unité SI »: the acronym
        return False
    return first.i == 0 or first.doc[first.i - 1].lower_ != "même"


def _hypothetical(clause: Span, text: str, cues: list[Cue]) -> list[Cue]:
    """« si ce partenariat se concrétise, … »: a claim stated inside a condition is a hypothesis;
    its verb does not confirm it."""
    si = clause[0]
    return [c for c in cues if c.kind != "confirm"] + [Cue(text[si.idx : si.idx + len(si.text)], "hedge", 0.3, "condition", si.idx, si.idx + len(si.text))]


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
        "hypothesis": any(c.kind == "hedge" for c in cues) or is_condition(clause),
        "negation": negation,
        # « il nie être … », « X dément … »: a denial that is a speech act is reported speech too
        "reported": any(c.kind == "report" or (c.kind == "deny" and c.rule in SPEECH_DENIALS) for c in cues),
    }
