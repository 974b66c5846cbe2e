"""Stance of a clause from the cues in its scope. Pure: no spaCy here.

Precedence, strongest first:
1. a denial that governs the clause (« X dément que Y rachèterait Z ») → ``denied``;
2. a hedge (conditional, modal, epistemic phrase, question) → ``hedged`` — a hedge wins over an
   attribution and over a confirmation verb it qualifies (« pourrait officialiser »);
3. a denial or a negated predicate in the clause → ``denied``;
4. a confirmation (« officialise », « confirme », the party itself announcing) → ``confirmed``,
   unless only hearsay vouches for it (« Musk a finalisé le rachat, selon plusieurs médias ») →
   ``reported``;
5. a weak hedge, a noun such as « rumeur » or « fuite » → ``hedged`` (weak: « Après des rumeurs,
   Xiaomi a confirmé… » is a confirmation);
6. an attribution to someone else (« selon X », « X a déclaré ») → ``reported``; when X is a party of
   the claim, or speaks for one (« Lei Jun », « Brad Smith, le président de Microsoft »), it speaks
   for itself → ``confirmed``;
7. nothing → ``asserted``.
"""

from __future__ import annotations

from dataclasses import dataclass

STANCES = ("hedged", "reported", "asserted", "confirmed", "denied")


@dataclass(frozen=True)
class Cue:
    text: str
    kind: str  # hedge | report | confirm | deny
    strength: float
    rule: str
    start: int  # character offsets in the article text
    end: int
    source: str | None = None
    weak: bool = False
    party_only: bool = False
    inherited: bool = False  # from a governing clause
    org: str | None = None  # whom the source speaks for (« Lei Jun » → Xiaomi)
    hearsay: bool = False  # « selon plusieurs médias »: even a confirmation verb is only reported


def decide(cues: list[Cue], parties: tuple[str, ...] = ()) -> tuple[str, list[Cue]]:
    """Return the stance and the cues that decided it.

    >>> decide([Cue("pourrait", "hedge", 0.4, "conditionnel", 0, 8)])[0]
    'hedged'
    """
    party_set = {p.lower() for p in parties}

    def speaks_for_itself(c: Cue) -> bool:
        return c.source is not None and (c.source.lower() in party_set or (c.org or "").lower() in party_set)

    strong_hedges = [c for c in cues if c.kind == "hedge" and not c.weak]
    denials = [c for c in cues if c.kind == "deny"]
    confirms = [c for c in cues if c.kind == "confirm" and (not c.party_only or speaks_for_itself(c) or (not parties and c.source))]
    reports = [c for c in cues if c.kind == "report" or (c.kind == "confirm" and c.party_only and c not in confirms)]
    inherited_denials = [c for c in denials if c.inherited]
    if inherited_denials:
        return "denied", inherited_denials
    if strong_hedges:
        return "hedged", strong_hedges + [c for c in reports if c.source]
    if denials:
        return "denied", denials
    party_reports = [c for c in reports if speaks_for_itself(c)]
    hearsay = [c for c in reports if c.hearsay and c.source and not speaks_for_itself(c)]
    if confirms and hearsay and not party_reports:
        return "reported", hearsay + confirms
    if confirms or party_reports:
        return "confirmed", confirms + party_reports
    weak = [c for c in cues if c.kind == "hedge" and c.weak]
    if weak:
        return "hedged", weak + [c for c in reports if c.source]
    if reports:
        return "reported", reports
    return "asserted", []


def source_of(cues: list[Cue]) -> str | None:
    """The attributed source among the deciding cues (the first that names one)."""
    return next((c.source for c in cues if c.source), None)
