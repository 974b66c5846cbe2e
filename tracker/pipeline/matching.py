"""A token ``Matcher`` that only looks where a pattern can start.

spaCy's ``Matcher`` tries every pattern at every token, and each ``REGEX`` or ``IN`` predicate of a
first token is a Python call: with the 75 trigger and 61 cue patterns that was about 40 calls per
token, a fifth of the tracker's parse time. Most tokens can start no pattern at all, and whether a
word can start one depends only on the word (its lower-case form, its lemma), so the answer is
cached per word for the life of the process.

``GatedMatcher`` keeps one spaCy ``Matcher`` per pattern and runs it only over the part of a
sentence that begins at the first token that can start that pattern and ends where a match from
the last such token must end. Matches never cross a sentence (none of our patterns is meant to).
They come sorted by end, then start, then the order the patterns were added: spaCy's own order,
except between overlapping matches of one pattern with optional tokens (« il semble que »), whose
order nothing downstream reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.attrs import LEMMA, ORTH, SENT_START
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

# attributes of the word itself, read from the vocabulary entry (Lexeme) and so cacheable per word
LEXICAL = {"ORTH": "orth_", "TEXT": "orth_", "LOWER": "lower_"}
LEXICAL_FLAGS = {"IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT",
                 "IS_SPACE", "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"}
OPTIONAL_OPS = {"?", "*"}


class _Test:
    """One string attribute of a first token: a literal, ``IN``, ``NOT_IN`` or ``REGEX``."""

    def __init__(self, getter: str, value):
        self.getter = getter
        if isinstance(value, str):
            self.kind, self.value = "==", value
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN", "REGEX"):
            self.kind, arg = next(iter(value.items()))
            self.value = re.compile(arg) if self.kind == "REGEX" else frozenset(arg)
        else:
            raise ValueError(f"no first-token test for {value!r}")

    def __call__(self, entry) -> bool:
        text = getattr(entry, self.getter)
        if self.kind == "==":
            return text == self.value
        if self.kind == "IN":
            return text in self.value
        if self.kind == "NOT_IN":
            return text not in self.value
        return self.value.search(text) is not None


def _gate(token: dict) -> tuple[str, list] | None:
    """("lex", tests on the word) or ("lemma", tests on the lemma) that any token matching this
    pattern token passes; None when nothing about the word itself is required."""
    lexical, lemma = [], []
    for key, value in token.items():
        key = key.upper()
        if key in LEXICAL:
            try:
                lexical.append(_Test(LEXICAL[key], value))
            except ValueError:
                return None
        elif key in LEXICAL_FLAGS and isinstance(value, bool):
            lexical.append(_FlagTest(key.lower(), value))
        elif key == "LEMMA":
            try:
                lemma.append(_Test("lemma", value))
            except ValueError:
                pass
    if lexical:
        return "lex", lexical
    if lemma:
        return "lemma", lemma
    return None


class _FlagTest:
    def __init__(self, attr: str, value: bool):
        self.attr, self.value = attr, value

    def __call__(self, entry) -> bool:
        return getattr(entry, self.attr) == self.value


class _Lemma:
    __slots__ = ("lemma",)

    def __init__(self, lemma: str):
        self.lemma = lemma


def _starts(pattern: list[dict]) -> list[tuple[str, list]] | None:
    """The gates of the tokens a match can begin with: the first one, and the next ones while the
    earlier are optional. None when a match could begin with any token."""
    gates = []
    for token in pattern:
        op = token.get("OP", "1")
        gate = None if op == "!" else _gate(token)  # « ! » matches the tokens its tests refuse
        if gate is None:
            return None
        gates.append(gate)
        if not _optional(op):
            return gates
    return None  # every token optional


def _optional(op: str) -> bool:
    """Can a token with this operator match nothing: « ? », « * », « {0,m} », « {,m} »."""
    if op.startswith("{"):
        return op[1:-1].split(",")[0] in ("", "0")
    return op in OPTIONAL_OPS


def _longest(pattern: list[dict]) -> int | None:
    """The most tokens a match can cover; None when unbounded (« * », « + », « {n,} »)."""
    total = 0
    for token in pattern:
        op = token.get("OP", "1")
        if op in ("*", "+"):
            return None
        if op.startswith("{"):
            high = op[1:-1].split(",")[-1]
            if not high:
                return None
            total += int(high)
        else:
            total += 1
    return total


class GatedMatcher:
    """Same interface as ``spacy.matcher.Matcher`` for ``add(key, [pattern])`` and ``matcher(doc)``."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._matchers: list[Matcher] = []
        self._lex_gates: list[tuple[int, list]] = []  # (pattern index, tests)
        self._lemma_gates: list[tuple[int, list]] = []
        self._always: list[int] = []
        self._longest: list[int | None] = []  # most tokens a match of each pattern can have
        self._by_orth: dict[int, tuple[int, ...]] = {}
        self._by_lemma: dict[int, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._matchers)

    def add(self, key: str, patterns: Iterable[list[dict]]) -> None:
        for pattern in patterns:
            index = len(self._matchers)
            matcher = Matcher(self.vocab)
            matcher.add(key, [pattern])
            self._matchers.append(matcher)
            self._longest.append(_longest(pattern))
            starts = _starts(pattern)
            if starts is None:
                self._always.append(index)
                continue
            for kind, tests in starts:
                (self._lex_gates if kind == "lex" else self._lemma_gates).append((index, tests))
        self._by_orth.clear()
        self._by_lemma.clear()

    def _for_orth(self, orth: int) -> tuple[int, ...]:
        found = self._by_orth.get(orth)
        if found is None:
            lexeme = self.vocab[orth]
            found = tuple(sorted({i for i, tests in self._lex_gates if all(t(lexeme) for t in tests)}))
            self._by_orth[orth] = found
        return found

    def _for_lemma(self, lemma: int) -> tuple[int, ...]:
        found = self._by_lemma.get(lemma)
        if found is None:
            entry = _Lemma(self.vocab.strings[lemma])
            found = tuple(sorted({i for i, tests in self._lemma_gates if all(t(entry) for t in tests)}))
            self._by_lemma[lemma] = found
        return found

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not len(doc):
            return []
        rows = doc.to_array([ORTH, LEMMA, SENT_START]).tolist()
        sentence_ends = [i for i in range(1, len(doc)) if rows[i][2] == 1] + [len(doc)]
        # where each pattern is tried in each sentence: {(sentence end, pattern): [first, last start]}
        windows: dict[tuple[int, int], list[int]] = {}
        s = 0
        for i, (orth, lemma, _) in enumerate(rows):
            if i == sentence_ends[s]:
                s += 1
            end = sentence_ends[s]
            candidates = self._for_orth(orth) + self._for_lemma(lemma) if self._lemma_gates else self._for_orth(orth)
            for p in candidates:
                window = windows.get((end, p))
                if window is None:
                    windows[(end, p)] = [i, i]
                else:
                    window[1] = i
        start = 0
        for end in sentence_ends:
            for p in self._always:
                windows[(end, p)] = [start, end - 1]
            start = end
        found = []
        for (end, p), (first, last) in windows.items():
            longest = self._longest[p]
            if longest is not None:
                end = min(end, last + longest)
            for key, s0, e0 in self._matchers[p](doc[first:end]):
                found.append((first + e0, first + s0, p, key))
        found.sort()
        return [(key, start, end) for end, start, _, key in found]
