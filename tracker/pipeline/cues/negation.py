"""The « ne … pas » of a clause, found once per doc for ``tracker_cues``.

A negation is a « ne » and the « pas » (« jamais », « plus », « aucun »…) that closes it. Which claim
it denies depends on where the claim's trigger is, so each negation keeps what the scoping needs
(``span._.negation``): the verb whose own « ne » and « pas » these are (« Le rachat ne se fera
pas »: the deal noun is that verb's subject), whether it was found by reading forward from the « ne »
in its clause, and the relative or incise it stands in (« L'opération, dont le montant n'a pas été
précisé, … » negates the amount, not the operation).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from tracker.pipeline import types  # noqa: F401  (the extensions this module reads and writes)


@dataclass(frozen=True)
class NegationWords:
    """The word lists of ``models/cues.json`` ``negation``."""

    first: frozenset[str]  # « ne », « n' »
    second: frozenset[str]  # « pas », « jamais », « plus », « aucun »…
    restrictive: frozenset[str]  # « ne … que » restricts, it does not negate
    max_gap: int  # words allowed between the « ne » and the « pas »
    litotes: frozenset[str]  # « n'est pas le seul à », « ne serait pas le premier »: others did too
    relatives: frozenset[str]  # words that open a relative incise (« , dont le montant n'a pas… , »)

    @classmethod
    def from_lexicon(cls, conf: dict) -> NegationWords:
        return cls(frozenset(conf["first"]), frozenset(conf["second"]), frozenset(conf["restrictive"]), conf["max_gap"],
                   frozenset(conf["litotes"]), frozenset(conf["relatives"]))


def find_negations(doc: Doc, clauses: list[Span], covered: set[int], words: NegationWords) -> list[tuple[int, int, dict]]:
    """(start, end, scope) of every negation of ``doc``, in token order.

    ``scope`` holds ``verb`` (the token index of the verb whose « ne » and « pas » children these
    are, or None), ``forward`` (found reading forward from a « ne » that no cue of ``covered``
    holds: « Orange ne rachètera pas Free »), and ``relative`` / ``incise``: the relative the « ne »
    negates, by the parse (first and last token) or by its commas (the commas' indices), or None.
    """
    found: dict[tuple[int, int], dict] = {}
    for clause in clauses:
        for ne in clause:
            if ne.lower_ not in words.first:
                continue
            ne._.negator = True
            if ne.i not in covered:
                for second in _forward(doc, ne, clause.end, words):
                    _scope(found, doc, ne, second, words)["forward"] = True
            verb = _negated_verb(ne.head, words)
            if verb is not None and verb[0].i == ne.i:
                _scope(found, doc, ne, verb[1], words)["verb"] = ne.head.i
    return [(start, end, scope) for (start, end), scope in sorted(found.items())]


def _scope(found: dict, doc: Doc, ne: Token, second: Token, words: NegationWords) -> dict:
    key = (ne.i, max(ne.i, second.i + 1))  # a « pas » parsed before its « ne »: an empty span at the « ne »
    if key not in found:
        found[key] = {"verb": None, "forward": False, "relative": _relative(ne), "incise": _incise(doc, ne, words)}
    return found[key]


def _forward(doc: Doc, ne: Token, clause_end: int, words: NegationWords) -> list[Token]:
    """The words that may close the negation opened by ``ne``, nearest first, within ``max_gap``
    words of its clause: none past a restrictive « que » or a litotes."""
    out = []
    for t in doc[ne.i + 1 : min(ne.i + 2 + words.max_gap, clause_end)]:
        if t.lower_ in words.restrictive:
            break
        if t.lower_ in words.second:
            if _litotes(doc, t, words):
                break
            out.append(t)
    return out


def _litotes(doc: Doc, second: Token, words: NegationWords) -> bool:
    """« ne serait pas le seul à », « n'est pas le premier fabricant à »: others did too."""
    nxt = [doc[i] for i in range(second.i + 1, min(second.i + 3, len(doc)))]
    return len(nxt) == 2 and nxt[0].pos_ == "DET" and nxt[1].lower_ in words.litotes


def _negated_verb(head: Token, words: NegationWords) -> tuple[Token, Token] | None:
    """The « ne » and the « pas » of ``head``'s negation, or None."""
    kids = list(head.children)
    ne = next((k for k in kids if k.lower_ in words.first), None)
    second = next((k for k in kids if k.lower_ in words.second), None)
    return (ne, second) if ne is not None and second is not None else None


def _relative(ne: Token) -> tuple[int, int] | None:
    """« L'opération, dont le montant n'a pas été précisé, … »: the relative clause (or participle)
    qualifying a noun that ``ne`` negates, as its first and last token, by the parse."""
    verb = ne.head
    if verb.dep_ not in ("acl:relcl", "acl"):
        return None
    return verb.left_edge.i, verb.right_edge.i


def _incise(doc: Doc, ne: Token, words: NegationWords) -> tuple[int, int] | None:
    """The commas around the relative incise ``ne`` stands in, where the small model's parse misses
    the relative: « , dont le montant n'a pas été précisé, »."""
    sent = ne.sent
    opening = next((t for t in reversed(doc[sent.start : ne.i]) if t.text == ","), None)
    if opening is None or opening.i + 1 >= ne.i or doc[opening.i + 1].lower_ not in words.relatives:
        return None
    closing = next((t for t in doc[ne.i : sent.end] if t.text == ","), None)
    return None if closing is None else (opening.i, closing.i)


def negates_elsewhere(scope: dict, token: int) -> bool:
    """The negation stands in a relative or an incise that does not hold ``token``: it negates
    something else than the claim there."""
    relative, incise = scope["relative"], scope["incise"]
    if relative is not None and not relative[0] <= token <= relative[1]:
        return True
    return incise is not None and not incise[0] < token < incise[1]
