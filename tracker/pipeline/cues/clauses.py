"""Split a sentence into clauses, the scope of a cue.

A cue qualifies the claims of its own clause, of the « que » clauses it governs (« il semble que… »,
« X a déclaré que… »), and, when it stands in a verbless introduction (« Selon Bloomberg, … »,
« D'après lui, … »), of the whole sentence. Commas inside an enumeration (« avec Xiaomi, Honor, ou
Sharp ») do not split; « , et Vivo collabore… » does, because a new verb follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

HARD_BREAKS = {";", "—", "–", "(", ")", "[", "]"}
COMPLEMENTISERS = {"que", "qu'"}
RELATIVES = {"qui", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "auquel", "duquel"}
SUBORDINATORS = {"puisque", "puisqu'", "car", "mais", "si", "s'", "lorsque", "lorsqu'", "quand", "quoique", "tandis", "alors", "parce", "bien", "afin", "pendant", "avant", "tant", "même", "sauf"}
# words that subordinate only with what follows: « bien que », « alors que », « même si »
NEEDS_NEXT = {"tandis": {"que", "qu'"}, "alors": {"que", "qu'"}, "parce": {"que", "qu'"}, "bien": {"que", "qu'"}, "afin": {"que", "qu'", "de", "d'"}, "pendant": {"que", "qu'"}, "avant": {"que", "qu'"}, "tant": {"que", "qu'"}, "même": {"si", "s'"}, "sauf": {"si", "s'"}}
HYPOTHETICAL = {"si", "s'"}
COORDINATORS = {"et", "ou", "mais", "puis", "or", "donc"}
NEGATORS = {"ne", "n'", "n’", "pas", "jamais", "plus", "aucun", "aucune", "rien"}
INTRO_REPORT = {"selon", "d'après", "dixit"}
# coordinators that are adverbs inside a clause unless a comma precedes: « Il n'y aura donc pas de… »
ADVERBIAL = {"donc", "puis"}


@dataclass(frozen=True)
class Clause:
    start: int  # token index in the doc
    end: int
    kind: str  # main | que | rel | sub | coord | intro
    governor: int | None  # index (in the sentence's clause list) of the clause a « que » clause depends on


def is_finite(token: Token, conditional: set[int]) -> bool:
    if token.i in conditional:
        return True
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


def _opens(token: Token, prev: Token | None) -> str | None:
    low = token.lower_
    if low in COMPLEMENTISERS:
        return "que"
    if low in RELATIVES:
        return "rel"
    if low in SUBORDINATORS and not (token.is_title and prev is not None):  # « Apple Car : … » is a name
        nxt = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        if low in NEEDS_NEXT and nxt not in NEEDS_NEXT[low]:
            return None
        if low == "s'" and nxt not in ("il", "ils"):
            return None
        if low == "mais" and nxt in ("aussi", "également", "encore"):
            return None  # « comme Renault mais aussi Kia »: one more name, not a clause
        return "hyp" if low in HYPOTHETICAL else "sub"
    if low in INTRO_REPORT or (low == "d'" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "après"):
        return "intro" if prev is not None and prev.text == "," else None
    return None


def split_clauses(sent: Span, conditional: set[int], verbal: set[int], names: list[tuple[int, int]] | None = None) -> list[Clause]:
    """Clauses of ``sent``; ``verbal`` holds token indices that act as verbs (relation triggers),
    ``names`` the (start, end) of the doc's entities (:func:`multiword_names`, read once per doc)."""
    doc = sent.doc
    named = _named(sent, multiword_names(doc) if names is None else names)
    opening = _opens(sent[0], None) if len(sent) > 1 else None
    bounds: list[tuple[int, str]] = [(sent.start, opening if opening in ("sub", "hyp") else "main")]
    has_verb = False
    resumed: dict[int, int] = {}  # bound of a subject before a relative → bound where its verb resumes
    glosses = _glosses(sent, conditional)

    def verb_ahead(i: int) -> bool:
        for t in doc[i + 1 : sent.end]:
            if t.i in named:
                continue
            if t.text in HARD_BREAKS or t.lower_ in COMPLEMENTISERS or t.lower_ in RELATIVES:
                return False
            if is_finite(t, conditional) or (t.i in verbal and _verbal_finite(t)):
                return True
        return False

    for tok in sent:
        i = tok.i
        prev = doc[i - 1] if i > sent.start else None
        kind = None
        if i in named or _joins_products(tok, prev):
            pass
        elif prev is not None and prev.text in HARD_BREAKS and i not in glosses:
            kind = "sub"
        elif prev is not None and prev.text == ":" and has_verb:
            kind = "sub"
            if _short_frame(doc[bounds[-1][0] : i]):
                resumed[len(bounds)] = len(bounds) - 1  # « C'est officiel : Activision Blizzard appartient à Microsoft »
        elif i > sent.start:
            opened = _opens(tok, prev)
            if opened == "que" and prev is not None and prev.lower_ in ("ne", "n'"):
                opened = None
            if opened:
                kind = opened
            elif tok.lower_ in COORDINATORS and has_verb and verb_ahead(i) and not (tok.lower_ in ADVERBIAL and prev.text != ","):
                nxt = doc[i + 1] if i + 1 < sent.end else None
                kind = "que" if nxt is not None and nxt.lower_ in COMPLEMENTISERS else "coord"
            elif prev is not None and prev.text == "," and not has_verb and bounds[-1][0] == sent.start and _intro_start(sent[0]):
                bounds[-1] = (bounds[-1][0], "intro")
                kind = "main"
            elif prev is not None and prev.text == "," and has_verb and bounds[-1][1] in ("sub", "hyp") and verb_ahead(i - 1):
                kind = "main"  # « Puisque …, Leica chercherait … »
            elif prev is not None and prev.text == "," and has_verb and bounds[-1][1] == "rel" and is_finite(tok, conditional):
                kind = "main"  # « SoftBank, qui avait acheté Arm en 2016, chercherait à céder… »: the relative is closed
                if len(bounds) >= 2:
                    resumed[len(bounds) - 2] = len(bounds)  # « L'offre, qui…, valoriserait »: the subject's cues
            elif prev is not None and prev.text == "," and has_verb and _present_participle(tok):
                kind = "sub"  # « …a porté plainte pour bloquer l'opération, estimant qu'elle nuirait… »
        if kind in ("hyp", "sub") and len(bounds) > 1 and bounds[-1][1] == "que" and bounds[-1][0] == i - 1:
            kind = None  # « que si Google reçoit… »: the « si » clause stays inside the « que » clause
        if kind:
            bounds.append((i, kind))
            has_verb = False
        if (is_finite(tok, conditional) or i in verbal) and i not in named:
            has_verb = True
    clauses: list[Clause] = []
    index: dict[int, int] = {}
    for n, (start, kind) in enumerate(bounds):
        end = bounds[n + 1][0] if n + 1 < len(bounds) else sent.end
        if end <= start:
            continue
        governor = None
        if kind == "que":
            governor = _governor(clauses)
        index[n] = len(clauses)
        clauses.append(Clause(start, end, kind, governor))
    for subject, verb in resumed.items():
        if subject in index and verb in index and clauses[index[subject]].governor is None:
            c = clauses[index[subject]]
            clauses[index[subject]] = Clause(c.start, c.end, c.kind, index[verb])
    return clauses


def _glosses(sent: Span, conditional: set[int]) -> set[int]:
    """« la branche défense et sécurité (BDS) du groupe »: a short bracket without a verb
    glosses the word before it and breaks no clause; the indices after its « ( » and its « ) »."""
    out: set[int] = set()
    for tok in sent:
        if tok.text != "(":
            continue
        close = next((t for t in sent[tok.i - sent.start + 1 : tok.i - sent.start + 7] if t.text == ")"), None)
        if close is not None and not any(is_finite(t, conditional) for t in sent.doc[tok.i + 1 : close.i]):
            out.update({tok.i + 1, close.i + 1})
    return out


def multiword_names(doc) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in doc.ents if e.end - e.start > 1]


def _named(sent: Span, names: list[tuple[int, int]]) -> set[int]:
    """Tokens inside a name of two words or more, after its first: « Apple Car », « S22 Ultra » are
    neither a conjunction (« car ») nor a verb. The first may still open a clause (« … : le groupe a
    prolongé… »)."""
    return {i for start, end in names if sent.start <= start < sent.end for i in range(start + 1, end)}


def _joins_products(tok: Token, prev: Token | None) -> bool:
    """« ses Mate 30 et Mate 30 Pro », « S22+ et S22 Ultra »: « et » between two products joins
    names, not clauses."""
    doc = tok.doc
    if tok.lower_ not in COORDINATORS or prev is None or tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    return prev.ent_type_ == "PRODUCT" and nxt.ent_type_ == "PRODUCT" and nxt.ent_iob_ == "B"


def _short_frame(span) -> bool:
    """« C'est officiel : », « C'est désormais fait : »: a frame of a few words whose cue is about what
    follows. A negated one is a statement of its own (« Oppo n'est pas concerné : le groupe a prolongé
    son partenariat »), not a frame: its negation does not reach what follows."""
    if any(t.lower_ in NEGATORS for t in span):
        return False
    return len([t for t in span if t.is_alpha]) <= 4


def _present_participle(token: Token) -> bool:
    return token.lower_.endswith("ant") and "Part" in token.morph.get("VerbForm") and "Pres" in token.morph.get("Tense")


def _verbal_finite(token: Token) -> bool:
    """A trigger counts as a verb unless it is an infinitive or a gerund (« en joignant »)."""
    if "Inf" in token.morph.get("VerbForm"):
        return False
    return not (token.i > 0 and token.nbor(-1).lower_ == "en")


def _governor(clauses: list[Clause]) -> int | None:
    """The nearest earlier clause that is not itself a sibling « que » clause of the same governor."""
    for j in range(len(clauses) - 1, -1, -1):
        if clauses[j].kind == "que" and clauses[j].governor is not None:
            return clauses[j].governor
        if clauses[j].kind != "intro":
            return j
    return None


def _intro_start(token: Token) -> bool:
    """Introductions open with a preposition or an adverb: « Après des années de partenariat, … ».
    A name never does, even when the tagger calls it an adverb (« Alphabet, la maison mère de Google, … »)."""
    if token.ent_type_:
        return False
    return token.pos_ in ("ADP", "ADV", "SCONJ", "CCONJ") or token.lower_ in INTRO_REPORT or token.lower_ in ("d'", "sur", "pour", "en")


def is_condition(clause: Span) -> bool:
    """A clause opened by « si » (« si le rachat aboutit, … », at the head of a sentence too), not
    the concessive « même si » (« Apple lancera l'iPhone, même si Samsung… »)."""
    first = clause[0]
    if first.lower_ not in HYPOTHETICAL or first.text == "SI":  # « l'unité SI »: the acronym
        return False
    return first.i == 0 or first.doc[first.i - 1].lower_ != "même"
