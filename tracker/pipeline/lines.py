"""``tracker_lines``: sentence boundaries decided by rule, before the parser.

A line break always ends a sentence (headlines and subheadings have no full stop); otherwise a
sentence ends after « . ! ? … » when the next word opens with a capital, a digit or a quote. Every
token gets an explicit value, so the parser (which the small French model uses to split, badly:
« Brian Shen Yi | Ren a déclaré ») keeps these boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from tracker.pipeline import types  # noqa: F401  (the extensions this module reads and writes)

_ENDERS = {".", "!", "?", "…", "...", "?!", "!?"}
_OPENERS = {"«", "\"", "“", "'", "(", "["}
_ABBREVIATIONS = {"m", "mm", "mme", "mmes", "dr", "pr", "st", "ste", "etc", "cf", "p", "n°", "no", "vol", "inc", "corp", "ltd", "co", "jr", "sr", "av", "env"}



class LineSentencizer:
    def __init__(self, nlp: Language, name: str = "tracker_lines"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        # plain strings, read once: a Token object per look at a neighbour cost more than the rules
        texts = [t.text for t in doc]
        spaces = [t.whitespace_ for t in doc]
        starts = [1] + [1 if self._starts(texts, spaces, i) else -1 for i in range(1, len(doc))]
        agency, opening = None, [i for i, v in enumerate(starts) if v == 1 and not texts[i].isspace()]
        for n, i in enumerate(opening):
            found = _dateline_end(texts, i)
            if found is not None:
                starts[found[0]] = 1
                if agency is None and found[1] is not None and n < AGENCY_SENTENCES:
                    agency = doc[found[1][0] : found[1][1]].text.strip() or None
        doc._.tracker_dateline_agency = agency
        # one write for the whole doc: Token.is_sent_start's setter scans the doc for a parse each time
        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
        return doc

    @staticmethod
    def _starts(texts: list[str], spaces: list[str], i: int) -> bool:
        prev, text = texts[i - 1], texts[i]
        if "\n" in spaces[i - 1] or (prev.isspace() and "\n" in prev):
            return not text.isspace() or "\n" not in text
        if text.isspace():
            return False
        if prev.isspace() and i > 1:
            prev = texts[i - 2]
        if prev not in _ENDERS and not (prev.endswith(".") and len(prev) > 1 and prev[:-1].isupper()):
            return False
        if prev == "." and i > 1 and texts[i - 2].lower() in _ABBREVIATIONS:
            return False
        first = text[0]
        return first.isupper() or first.isdigit() or text in _OPENERS or first in _OPENERS


_DASHES = {"-", "—", "–", "--", "---"}
AGENCY_SENTENCES = 4  # a dateline opens one of the article's first sentences (a title may come before)


def _dateline_end(texts: list[str], start: int) -> tuple[int, tuple[int, int] | None] | None:
    """« (Reuters) - Intel a… », « WASHINGTON (Agefi-Dow Jones)--Microsoft… », « PARIS, 15 septembre
    (Reuters) - … »: an agency dateline is not part of the sentence it opens (the parser would make
    the agency the root). The index of the sentence's first word after it, and the token range of
    the agency between the brackets (None for « SAN FRANCISCO, 9 juillet - »); or None."""
    end = min(start + 16, len(texts) - 1)
    city = _city_dateline_end(texts, start, end)
    if city is not None:
        return city, None
    opened = None
    for j in range(start, end):
        t = texts[j]
        if t == "(" and opened is None:
            opened = j
        elif t == ")" and opened is not None:
            k = j + 1
            while k < end and texts[k].isspace():
                k += 1
            if k < end and texts[k] in _DASHES:
                k += 1
                while k < len(texts) and texts[k].isspace():
                    k += 1
                if k < len(texts) and texts[k][:1].isupper():
                    return k, (opened + 1, j)
            return None
        elif opened is None and not (t[:1].isupper() or t[:1].isdigit() or t in (",", ".") or t.isspace() or t.islower() and len(t) > 2 and j > start + 1):
            return None
        elif "\n" in t:
            return None
    return None


def _city_dateline_end(texts: list[str], start: int, end: int) -> int | None:
    """« SAN FRANCISCO, 9 juillet - Elon Musk a… »: a city in capitals, a comma, a date, a dash."""
    j = start
    while j < end and texts[j].isupper() and texts[j].isalpha():
        j += 1
    if j == start or j >= end or texts[j] != ",":
        return None
    for k in range(j + 1, min(j + 6, end)):
        if texts[k] in _DASHES:
            nxt = k + 1
            while nxt < len(texts) and texts[nxt].isspace():
                nxt += 1
            if nxt < len(texts) and texts[nxt][:1].isupper() and any(t[:1].isdigit() for t in texts[j + 1 : k]):
                return nxt
            return None
        if not (texts[k][:1].isdigit() or texts[k].isalpha() or texts[k].isspace()):
            return None
    return None


@dataclass(frozen=True)
class SourceLine:
    """A paragraph of one line « Source : X » under another paragraph, as character offsets."""

    start: int  # the line, without the spaces around it
    end: int
    source: tuple[int, int]  # X
    attributes: tuple[int, int]  # the paragraph above and the line: what X is the source of


def source_lines(text: str, line: re.Pattern) -> list[SourceLine]:
    """``Source : @yabhishekhd`` alone in a paragraph attributes the paragraph just above it;
    ``line`` matches such a paragraph, its group 1 being the source."""
    paragraphs = []
    pos = 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip():
            paragraphs.append((pos, pos + len(block), block))
        pos += len(block)
    out = []
    for n, (start, end, block) in enumerate(paragraphs):
        stripped = block.strip()
        m = line.match(stripped)
        if m and "\n" not in stripped and n > 0:
            at = start + len(block) - len(block.lstrip())
            out.append(SourceLine(at, at + len(stripped), (at + m.start(1), at + m.end(1)), (paragraphs[n - 1][0], end)))
    return out


@Language.factory("tracker_lines", assigns=["token.is_sent_start", "doc._.tracker_dateline_agency"])
def make_lines(nlp: Language, name: str) -> LineSentencizer:
    return LineSentencizer(nlp, name)
