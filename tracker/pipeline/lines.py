"""``tracker_lines``: sentence boundaries decided by rule, before the parser.

A line break always ends a sentence (headlines and subheadings have no full stop); otherwise a
sentence ends after « . ! ? … » when the next word opens with a capital, a digit or a quote. Every
token gets an explicit value, so the parser (which the small French model uses to split, badly:
« Brian Shen Yi | Ren a déclaré ») keeps these boundaries.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_ENDERS = {".", "!", "?", "…", "...", "?!", "!?"}
_OPENERS = {"«", "\"", "“", "'", "(", "["}
_ABBREVIATIONS = {"m", "mm", "mme", "mmes", "dr", "pr", "st", "ste", "etc", "cf", "p", "n°", "no", "vol", "inc", "corp", "ltd", "co", "jr", "sr", "av", "env"}


class LineSentencizer:
    def __init__(self, nlp: Language, name: str = "tracker_lines"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        doc[0].is_sent_start = True
        for token in doc[1:]:
            token.is_sent_start = self._starts(doc, token.i)
        return doc

    @staticmethod
    def _starts(doc: Doc, i: int) -> bool:
        prev, token = doc[i - 1], doc[i]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            return not token.is_space or "\n" not in token.text
        if token.is_space:
            return False
        if prev.is_space and i > 1:
            prev = doc[i - 2]
        if prev.text not in _ENDERS and not (prev.text.endswith(".") and len(prev.text) > 1 and prev.text[:-1].isupper()):
            return False
        if prev.text == "." and i > 1 and doc[i - 2].lower_ in _ABBREVIATIONS:
            return False
        first = token.text[0]
        return first.isupper() or first.isdigit() or token.text in _OPENERS or first in _OPENERS


@Language.factory("tracker_lines")
def make_lines(nlp: Language, name: str) -> LineSentencizer:
    return LineSentencizer(nlp, name)
