"""The cue lexicon, ``models/cues.json``: its validation, the rules of the cues of constructions,
and how a component built from it is saved with the pipeline (``tracker_cues``,
``tracker_claim_cues``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from tracker.errors import ModelDataError
from tracker.pipeline.types import SavedRules
from tracker.resources import require

KINDS = {"hedge", "report", "confirm", "deny"}


def validate_cues(data: dict) -> None:
    require(data, {"conditional": dict, "cues": list, "pseudo_cues": list, "negation": dict, "constructions": dict,
                   "speaker_titles": list}, "models/cues.json")
    for i, cue in enumerate(data["cues"]):
        where = f"models/cues.json cues[{i}]"
        require(cue, {"id": str, "kind": str, "strength": (int, float), "pattern": list}, where)
        if cue["kind"] not in KINDS:
            raise ModelDataError(f"{where}: kind {cue['kind']!r} is not one of {sorted(KINDS)}")
    construction_cues(data)


@dataclass(frozen=True)
class ConstructionCue:
    """The cue a construction makes (``constructions`` in ``models/cues.json``): « ne … pas » around
    the claim's verb, « si » opening a condition, a ``Source : X`` line, a trigger that denies its
    own claim (« sans 4K »), a question."""

    id: str  # the rule shown with the cue
    kind: str  # hedge | report | confirm | deny
    strength: float
    scope: str = "clause"  # as a lexicon cue's: « sentence » for a question
    line: str | None = None  # source_line: the regular expression of the line, group 1 the source
    quote: str | None = None  # source_line: how the cue reads, « {source} » the source as written

    @property
    def rule(self) -> dict:
        """The rule as a lexicon cue's (id, kind, strength, scope), for a span of ``tracker_cues``."""
        return {"id": self.id, "kind": self.kind, "strength": self.strength, "scope": self.scope}

    @property
    def attrs(self) -> dict:
        """What the cue's span group carries: its rule, strength and quote (the kind is each span's label)."""
        return {"rule": self.id, "strength": float(self.strength)} | ({"quote": self.quote} if self.quote else {})


CONSTRUCTIONS = ("negation", "condition", "source_line", "question", "negative_trigger")
SCOPES = ("clause", "sentence", "claim")


def construction_cues(data: dict) -> dict[str, ConstructionCue]:
    """``constructions`` of ``models/cues.json``, validated: every construction, no unknown key."""
    where = "models/cues.json constructions"
    table = {k: v for k, v in data["constructions"].items() if k != "_doc"}
    for name in table:
        if name not in CONSTRUCTIONS:
            raise ModelDataError(f"{where}: unknown construction {name!r}; valid ones: {', '.join(CONSTRUCTIONS)}")
    out = {}
    valid = [f.name for f in fields(ConstructionCue)]
    for name in CONSTRUCTIONS:
        rule = table.get(name)
        if not isinstance(rule, dict):
            raise ModelDataError(f"{where}: missing construction {name!r} (an object with id, kind, strength)")
        unknown = [k for k in rule if k not in valid]
        if unknown:
            raise ModelDataError(f"{where}.{name}: unknown key {unknown[0]!r}; valid keys: {', '.join(valid)}")
        require(rule, {"id": str, "kind": str}, f"{where}.{name}")
        if not isinstance(rule.get("strength"), (int, float)) or isinstance(rule["strength"], bool):
            raise ModelDataError(f"{where}.{name}: key 'strength' should be a number in [0, 1]")
        if rule["kind"] not in KINDS:
            raise ModelDataError(f"{where}.{name}: kind {rule['kind']!r} is not one of {sorted(KINDS)}")
        if rule.get("scope", "clause") not in SCOPES:
            raise ModelDataError(f"{where}.{name}: scope {rule['scope']!r} is not one of {', '.join(SCOPES)}")
        out[name] = ConstructionCue(**rule)
    line = out["source_line"]
    if not isinstance(line.line, str) or not isinstance(line.quote, str) or "{source}" not in line.quote:
        raise ModelDataError(f"{where}.source_line: 'line' (a regular expression) and 'quote' (with {{source}}) are required")
    try:
        re.compile(line.line)
    except re.error as exc:
        raise ModelDataError(f"{where}.source_line: 'line' is not a regular expression: {exc}") from exc
    return out


class LexiconComponent(SavedRules):
    """A component built from the cue lexicon (``self.lexicon``, rebuilt by ``self._build()``):
    ``nlp.to_disk()`` saves it as ``cues.json`` in the component's folder, and loads it back."""

    lexicon: dict
    rules_file = "cues.json"
    rules_attr = "lexicon"
