"""Token-level tests for the constructions ``tracker_claims`` reads: which words around a trigger
make a noun complement, a verb's object, a dateline, a headline, a « la même firme ».

Pure functions of a spaCy ``Doc``; the roles themselves are filled in ``tracker.pipeline.claims.roles``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from tracker.pipeline.french import DETERMINERS, PARTITIVES, RELATIONAL_NOUNS

if TYPE_CHECKING:
    from tracker.pipeline.claims.parties import Group
    from tracker.pipeline.claims.rules import RelationRule



def noun_complement(doc: Doc, i: int) -> bool:
    """« le montant de l'opération », « à l'issue de la transaction »: the claim noun qualifies
    another noun; the sentence is about that noun, not about the deal. Unless a relative says
    something of the deal itself: « à l'issue de l'opération, qui devrait être finalisée… »."""
    j = i - 1
    while j >= 0 and doc[j].lower_.replace("’", "'") in DETERMINERS | {"l'"}:
        j -= 1
    after = [t.lower_ for t in doc[i + 1 : i + 3]]
    if after[:1] in (["qui"], ["dont"]) or after in ([",", "qui"], [",", "dont"]):
        return False
    return j > 0 and doc[j].lower_ in ("de", "d'", "du", "des") and doc[j - 1].pos_ == "NOUN"


def same_descriptor(doc: Doc, clause: Span, anaphora: dict) -> bool:
    """« par la même firme », « dans la même start-up »: the role of the claim stated just before."""
    nouns = [tuple(n.split()) for n in anaphora["nouns"]]
    return any(t.lower_ in ("même", "mêmes") and t.i > clause.start and doc[t.i - 1].lower_ in ("le", "la", "les")
               and any(tuple(w.lower_ for w in doc[t.i + 1 : t.i + 1 + len(n)]) == n for n in nouns) for t in clause)


def verb_object(doc: Doc, trig: Span, rel: RelationRule) -> bool:
    """« Qualcomm est engagé dans le rachat de NXP »: the noun completes the verb, whose subject is the party."""
    i = trig.start - 1
    while i >= 0 and (doc[i].lower_ in DETERMINERS or doc[i].pos_ == "ADJ"):
        i -= 1
    if i > 0 and doc[i].lower_ in ("de", "d'") and doc[i - 1].lower_ in rel.amount_nouns:
        return True  # « Amazon a annoncé 4 milliards de dollars d'investissement »
    if i > 0 and doc[i].lower_ in ("de", "d'", "du", "des") and support_noun(doc, i - 1, rel):
        return True  # « Adobe a annoncé l'abandon du rachat de Figma »
    return i > 0 and doc[i].lower_ in rel.verb_object_preps and _verb_like(doc[i - 1])


def _verb_like(tok) -> bool:
    """A verb, or a conditional the small model tagged otherwise (« discuteraient/ADV d'une fusion »)."""
    return tok.pos_ in ("VERB", "AUX", "ADJ") or (tok.is_lower and tok.lower_.endswith(("rait", "raient")) and len(tok) > 6)


def support_noun(doc: Doc, i: int, rel: RelationRule) -> bool:
    """« l'abandon du rachat », « la finalisation de l'acquisition »: an event of the deal itself,
    whose clause subject is the party; not « le montant du rachat »."""
    return doc[i].lower_ in rel.support_nouns and i > 0 and doc[i - 1].lower_.replace("’", "'") in DETERMINERS | {"l'"}


def adjacent(doc: Doc, end: int, start: int, *, preps: bool = False) -> bool:
    """Only determiners or adverbs (and, with ``preps``, « de ») between ``end`` and ``start``."""
    allowed = DETERMINERS | ({"de", "d'", "du", "des"} if preps else set())
    return all(t.lower_ in allowed or (t.pos_ == "ADV" and not preps) for t in doc[end:start])


def interrupted(doc: Doc, end: int, start: int) -> bool:
    """A comma or a finite verb between ``end`` and ``start``; a participle that introduces the
    agent (« un financement de 6 milliards mené par SoftBank ») does not interrupt, nor a comma
    that opens a share of the same sum (« une levée de 1,7 milliard, dont 1,3 milliard par ASML »)."""
    return any((t.text == "," and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "dont"))
               or (t.pos_ in ("VERB", "AUX") and "Part" not in t.morph.get("VerbForm")) for t in doc[end:start])


def infinitive_object(doc: Doc, trig: Span, right: list[Group], types: set[str]) -> Group | None:
    """« interdit aux administrations d'acheter du matériel Huawei »: the company named in what is
    forbidden (after « de » + infinitive), not the ones it is forbidden to."""
    inf = next((t.i for t in doc[trig.end : trig.end + 8] if t.lower_ in ("de", "d'") and t.i + 1 < len(doc)
                and "Inf" in doc[t.i + 1].morph.get("VerbForm")), None)
    if inf is None:
        return None
    return next((g for g in right if g.start > inf and g.prep not in ("à", "au", "aux") and any(e.label_ in types for e in g.ents)), None)


def relative_object(doc: Doc, clause: Span, trig: Span, parties: list[Span]) -> Span | None:
    """« Figma, qu'Adobe espérait racheter », « la puce Tensor G4 que Google
    va présenter »: a relative opened by « que » right after a name has that name as the object of
    its verb (a completive « que » follows a verb, not a name)."""
    first = clause[0]
    if first.lower_ not in ("que", "qu'", "qu’") or not first.i < trig.start:
        return None
    i = first.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if any(t.lower_ in ("que", "qu'", "qu’") for t in doc[first.i + 1 : trig.start]):
        return None  # « que Qualcomm a dit qu'il rachèterait »: the trigger is in a clause of its own
    return next((e for e in parties if e.end - 1 == i), None)


ENUMERATION_MARKERS = ("dont", "comme", "notamment", "parmi")
INDEFINITE_PLURALS = ("plusieurs", "différents", "différentes", "divers", "diverses", "certains", "certaines", "des", "de", "d'", "nombreux", "nombreuses")


def indefinite_plural_noun(doc: Doc, i: int) -> bool:
    """« plusieurs partenaires », « différents constructeurs », « de nombreux investisseurs »: a plural
    noun at ``i`` whose determiner names no one in particular."""
    tok = doc[i]
    if tok.pos_ != "NOUN" or "Plur" not in tok.morph.get("Number"):
        return False
    j = i - 1
    while j >= 0 and doc[j].pos_ == "ADJ" and doc[j].lower_ not in INDEFINITE_PLURALS:
        j -= 1
    return j >= 0 and doc[j].lower_ in INDEFINITE_PLURALS


def cue_word(doc: Doc, ent: Span) -> bool:
    """« Exit donc l'investissement… »: a name the statistical NER found inside a cue is the cue."""
    return ent.kb_id_ == ent.text and ent.label_ in ("PERSON", "MISC") and any(
        q.start <= ent.start and ent.end <= q.end for q in doc.spans.get("tracker_cues", []))


def topic_clause(doc: Doc, clause: Span) -> bool:
    """« Qualcomm, de son côté, est engagé… »: a name alone before a comma is the next clause's subject."""
    words = [t for t in clause if not (t.is_punct or t.is_space)]
    return clause.label_ == "intro" and bool(words) and any(e.start == words[0].i and e.end == words[-1].i + 1 for e in doc.ents)


def dateline_end(doc: Doc, sent: Span) -> int:
    """« LONDRES, 26 avril - L'autorité… »: an agency dateline names where, not who."""
    toks = sent[:8]
    if len(toks) < 4 or not toks[0].is_upper or not toks[0].is_alpha:
        return sent.start
    i = next((t.i for t in toks if t.text == ","), None)
    if i is None or not all(t.is_upper or t.text in ("-", "'") for t in doc[sent.start : i]):
        return sent.start
    dash = next((t.i for t in doc[i : min(i + 5, sent.end)] if t.text in ("-", "–", "—")), None)
    return dash + 1 if dash is not None else sent.start


def body_before(doc: Doc, start: int, bodies: frozenset[str]) -> bool:
    i = start - 1
    while i >= 0 and doc[i].lower_ in DETERMINERS | {"de", "d'", "du", "des"}:
        i -= 1
    words = " ".join(t.lower_ for t in doc[max(i - 2, 0) : i + 1])
    return any(words.endswith(b) for b in bodies)


def headline(doc: Doc) -> Span | None:
    """The article's first line when it is a line of its own: « Adobe et Figma mettent fin à leur
    projet de fusion »."""
    first = next((s for s in doc.sents if s.text.strip()), None)
    if first is None or "\n" not in doc[first.start : min(first.end + 1, len(doc))].text:
        return None
    return first


def in_headline(doc: Doc, clause: Span) -> bool:
    line = headline(doc)
    return line is not None and clause.sent.start == line.start


def object_deal(doc: Doc, trig: Span, by_start: dict[int, dict]) -> dict | None:
    """The acquisition that is the object of ``trig``: « bloquer l'opération », « bloqué une
    première version de l'opération », « interdit le rachat de… »."""
    for i in range(trig.end, min(trig.end + 6, trig.sent.end)):
        if i in by_start:
            return by_start[i]
        if doc[i].is_punct or doc[i].pos_ in ("VERB", "AUX") or (doc[i].pos_ == "ADP" and doc[i].lower_ not in ("de", "d'")):
            return None
    return None


def after_relational_noun(doc: Doc, start: int, trig: Span) -> bool:
    """« acquérir le propriétaire de Paris Match », « la maison mère de Google »: the name at
    ``start`` completes a noun that names someone else (unless that noun is the trigger itself:
    « devenir le principal actionnaire de Mistral AI »)."""
    i = start - 1
    while i >= 0 and doc[i].lower_.replace("’", "'") in DETERMINERS:
        i -= 1
    return i > 0 and doc[i].lower_.replace("’", "'") in PARTITIVES and doc[i - 1].lower_ in RELATIONAL_NOUNS \
        and not trig.start <= i - 1 < trig.end
