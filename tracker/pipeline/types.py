"""What the tracker's components write on a spaCy ``Doc`` and read from each other, declared once.

Every component imports this module, so the extensions exist whichever component is built first
(a saved pipeline loads them in any order). Who writes each one is said beside it; the spans a
component writes are in ``doc.spans`` under the component's name (``tracker_triggers``,
``tracker_cues``, ``tracker_clauses``, ``tracker_negations``, ``tracker_conditions``,
``tracker_source_lines``, ``tracker_claim_cues``, ``tracker_pairs``).
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.tokens import Doc, Span, Token

from tracker.resources import load_json

DOC = {
    "tracker_dateline_agency": None,  # tracker_lines: the agency of an « (Reuters) - » dateline, or None
    "tracker_roots": None,  # tracker_entities: authority → the top authority it answers to
    "tracker_orgs": None,  # tracker_entities: the organisations of the doc, by name
    "tracker_short_names": None,  # tracker_entities: « Brimel » → « Brimel Robotics », « VU » → « Vivendi Universal »
    "tracker_makers": None,  # tracker_entities: product → the company that makes it
    "tracker_verbal": None,  # tracker_triggers: token indices of verbal triggers, which the clause splitter counts as verbs
    "tracker_parties": None,  # tracker_claims, while it runs: the entities that can fill a role
    "tracker_claims": None,  # tracker_claims: the claims, plain dicts {relation, entities, trigger, clause, rule, …}
}
SPAN = {
    "cue": None,  # tracker_cues: a cue's rule, strength, scope and source
    "governor": None,  # tracker_cues: a clause's governing clause, or None
    "source_line": None,  # tracker_cues: a ``Source : X`` line's paragraph and source
    "negation": None,  # tracker_cues: a « ne … pas »'s verb and scope
    "claim_indices": None,  # tracker_claim_cues: the claims a negative trigger denies
}
TOKEN = {
    "negator": False,  # tracker_cues: a « ne », « n' » that opens a negation
}

for _cls, _names in ((Doc, DOC), (Span, SPAN), (Token, TOKEN)):
    for _name, _default in _names.items():
        if not _cls.has_extension(_name):
            _cls.set_extension(_name, default=_default)


class SavedRules:
    """A component built from one JSON file of ``models/`` (the attribute ``rules_attr``, rebuilt by
    ``_build()``): ``nlp.to_disk()`` saves it as ``rules_file`` in the component's folder and
    ``from_disk()`` builds the component again from that copy."""

    rules_file: str
    rules_attr: str

    def _start(self, nlp, name: str, rules: dict | None) -> None:
        """The component's name and vocabulary, its rules as given or else the shipped file, built."""
        self.name, self.vocab = name, nlp.vocab
        setattr(self, self.rules_attr, rules if rules is not None else load_json(self.rules_file))
        self._build()

    def _build(self) -> None:
        raise NotImplementedError

    def to_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / self.rules_file, getattr(self, self.rules_attr))

    def from_disk(self, path, *, exclude=tuple()):
        setattr(self, self.rules_attr, srsly.read_json(Path(path) / self.rules_file))
        self._build()
        return self
