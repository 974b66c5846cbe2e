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
        # a denial under the hedge stays among the deciding cues: it gives the mention its negative
        # polarity (« Nvidia renoncerait à Arm » is a rumoured abandonment, not a rumour of the deal)
        return "hedged", strong_hedges + [c for c in reports if c.source] + denials
    if denials:
        # « selon Reuters, ByteDance a rejeté l'offre »: a denial a third party reports is reported
        # (negative, certain, third party), and resolves nothing
        # (only for a claim, whose parties say who is a third party; a sentence has none)
        third = [c for c in reports if c.hearsay and c.source and not speaks_for_itself(c)]
        if third and party_set:
            return "reported", third + denials
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


POLARITIES = ("positive", "negative")
CERTAINTIES = ("certain", "probable", "possible")
SOURCES = ("writer", "party", "third_party")
# the writer's own confirmation cues (« c'est officiel »): a confirmation with no party speaking
WRITER_CONFIRMATIONS = frozenset({"c_est_officiel", "officiel"})
# denials that are speech acts (« Nintendo dément », « il nie »): the denier speaks, not the writer
SPEECH_DENIALS = frozenset({"dementir", "dementir_lemme", "nier_forme"})


def _field(cue, name: str):
    """A cue's field, from a ``Cue`` or from the ``{"kind", "strength", "rule", "text"}`` dict stored
    with a mention."""
    return cue.get(name) if isinstance(cue, dict) else getattr(cue, name, None)


def stance_of(polarity: str, certainty: str, source: str, *, confirmation: bool = False) -> str:
    """The contract's table (SPEC « factuality »): the stance a mention's three axes give.

    >>> stance_of("negative", "possible", "third_party")
    'hedged'
    """
    if certainty != "certain":
        return "hedged"
    if source == "third_party":
        return "reported"
    if polarity == "negative":
        return "denied"
    if source == "party" or confirmation:
        return "confirmed"
    return "asserted"


def factuality(stance: str, cues: list) -> dict[str, str]:
    """A mention's three axes from what decided its stance: ``cues`` are ``Cue`` objects or the
    stored ``{"kind", "strength", "rule"}`` dicts. « Nvidia renoncerait à Arm »: negative,
    possible or probable by the hedge's strength, writer; « selon Reuters, ByteDance a rejeté
    l'offre »: negative, certain, third party; « Nintendo dément préparer une Switch Pro »: negative,
    certain, party (the denier speaks). ``stance_of`` of the result is ``stance``."""
    kinds = {_field(c, "kind") for c in cues}
    hedges = [_field(c, "strength") or 0.5 for c in cues if _field(c, "kind") == "hedge"]
    if stance == "hedged":
        certainty = "probable" if max(hedges, default=0.5) >= 0.6 else "possible"
        return {"polarity": "negative" if "deny" in kinds else "positive", "certainty": certainty,
                "source": "third_party" if "report" in kinds else "writer"}
    if stance == "reported":
        return {"polarity": "negative" if "deny" in kinds else "positive", "certainty": "certain", "source": "third_party"}
    if stance == "confirmed":
        writer = kinds <= {"confirm", "hedge"} and any(_field(c, "rule") in WRITER_CONFIRMATIONS for c in cues)
        return {"polarity": "positive", "certainty": "certain", "source": "writer" if writer else "party"}
    if stance == "denied":
        speaks = "confirm" in kinds or any(_field(c, "rule") in SPEECH_DENIALS for c in cues)
        return {"polarity": "negative", "certainty": "certain", "source": "party" if speaks else "writer"}
    return {"polarity": "positive", "certainty": "certain", "source": "writer"}


def polarity_of(stance: str, cues: list) -> str:
    """``positive`` or ``negative``: the polarity axis of :func:`factuality`."""
    return factuality(stance, cues)["polarity"]


# what a negative mention says, by the rule of its denial cue; any other denial (« ne … pas »,
# « il n'y aura pas de ») says the claim will not happen
_NEGATIVE_NOUNS = {"dementir": "démenti", "dementir_lemme": "démenti", "nier_forme": "démenti", "infonde": "démenti",
                   "jamais_question": "démenti", "pas_de_discussions": "démenti", "pas_en_discussions": "démenti",
                   "bloquer": "blocage"}


def negative_words(stance: str, cues: list) -> str | None:
    """What a negative mention that resolves nothing is, in French: « abandon évoqué » (« Nvidia
    renoncerait à Arm »), « démenti rapporté » (« selon Reuters, ByteDance a démenti »), « refus
    rapporté » (« selon Reuters, ByteDance a rejeté l'offre »), « blocage évoqué »; None for any
    other mention (a positive one, or a denial that resolves).

    >>> negative_words("hedged", [{"kind": "hedge", "strength": 0.4, "rule": "conditionnel"}, {"kind": "deny", "rule": "renoncer"}])
    'abandon évoqué'
    >>> negative_words("reported", [{"kind": "report", "rule": "selon"}, {"kind": "deny", "rule": "dementir"}])
    'démenti rapporté'
    >>> negative_words("reported", [{"kind": "report", "rule": "selon"}, {"kind": "deny", "rule": "renoncer_forme", "text": "rejeté"}])
    'refus rapporté'
    """
    if stance not in ("hedged", "reported") or polarity_of(stance, cues) != "negative":
        return None

    denial = next((c for c in cues if _field(c, "kind") == "deny"), None)
    rule, text = (_field(denial, "rule"), (_field(denial, "text") or "").lower()) if denial is not None else (None, "")
    # one rule reads « renoncer, rejeter, refuser, annuler »: its word says which
    noun = _NEGATIVE_NOUNS.get(rule) or ("refus" if text.startswith(("rejet", "refus", "déclin")) else "abandon")
    return f"{noun} {'évoqué' if stance == 'hedged' else 'rapporté'}"
