"""``tracker_claim_cues``: the cues a claim carries by its own trigger, once the claims are known.

A trigger that states its claim denied (« la Switch OLED, sans 4K », ``negative`` in
``models/relations.json``) is a denial of that claim. Writes ``doc.spans["tracker_claim_cues"]``:
one span per such trigger (label = kind), ``span._.claim_indices`` the claims of
``doc._.tracker_claims`` it denies; the rule and strength (``negative_trigger`` in
``models/cues.json``, shared with ``tracker_cues``, which validates it the same way) are in the
group's ``attrs["cue"]``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from tracker.pipeline.cues.lexicon import LexiconComponent, construction_cues, validate_cues
from tracker.pipeline import types  # noqa: F401  (the extensions this module reads and writes)


class ClaimCues(LexiconComponent):
    def __init__(self, nlp: Language, name: str = "tracker_claim_cues", *, lexicon: dict | None = None):
        self._start(nlp, name, lexicon)

    def _build(self) -> None:
        validate_cues(self.lexicon)
        self.rule = construction_cues(self.lexicon)["negative_trigger"]

    def __call__(self, doc: Doc) -> Doc:
        denied: dict[tuple[int, int], list[int]] = {}
        for n, claim in enumerate(doc._.tracker_claims or []):
            if claim.get("negative"):
                denied.setdefault(tuple(claim["trigger"]), []).append(n)
        spans = []
        for (start, end), indices in sorted(denied.items()):
            span = Span(doc, start, end, label=self.rule.kind)
            span._.claim_indices = indices
            spans.append(span)
        doc.spans["tracker_claim_cues"] = spans
        doc.spans["tracker_claim_cues"].attrs["cue"] = self.rule.attrs
        return doc


@Language.factory("tracker_claim_cues", default_config={"lexicon": None},
                  assigns=["doc.spans", "span._.claim_indices"], requires=["doc._.tracker_claims"])
def make_claim_cues(nlp: Language, name: str, lexicon: dict | None) -> ClaimCues:
    return ClaimCues(nlp, name, lexicon=lexicon)
