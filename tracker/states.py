"""Fold a claim's mentions, in article-date order, into its state, confidence and history. Pure.

Articles are ordered by date, never by ingest order; on the same date an article that only hedges
comes before one that resolves, then the sha256 breaks ties, so any ingest order gives one answer.
Mentions inside one article never resolve each other: a claim an article hedges anywhere starts as a
rumour. In a later article, its first resolving mention in text order decides (the headline or the
lead says what the article reports).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

RUMOUR_STANCES = ("hedged", "reported")
RESOLVING = ("confirmed", "denied", "asserted")


@dataclass(frozen=True)
class MentionFact:
    mention_id: int
    article_id: int
    article_date: dt.date
    article_sha: str
    stance: str
    strength: float  # strongest cue of the mention (hedge strength for a rumour)
    source: str | None
    expected_by: dt.date | None
    sentence_index: int = 0
    polarity: str = "positive"  # « Nvidia renoncerait à Arm »: a rumour against the claim


@dataclass(frozen=True)
class Step:
    date: dt.date
    state: str
    article_id: int
    mention_id: int
    stance: str


@dataclass
class ClaimState:
    state: str
    confidence: float
    first_seen: dt.date
    resolved_at: dt.date | None = None
    resolved_by: int | None = None
    expected_by: dt.date | None = None
    sources: list[str] = field(default_factory=list)
    history: list[Step] = field(default_factory=list)
    base_confidence: float = 0.0  # before decay at as_of: what the claims table stores

    @property
    def days_to_resolution(self) -> int | None:
        if self.resolved_at is None:
            return None
        return (self.resolved_at - self.first_seen).days


def _article_order(group: list[MentionFact]) -> tuple:
    m = group[0]
    resolves = any(x.stance in RESOLVING for x in group)
    return (m.article_date, resolves, m.article_sha)


def fold(mentions: list[MentionFact], as_of: dt.date | None = None) -> ClaimState | None:
    """State of one claim at ``as_of`` (default: everything known). None if nothing is known yet.

    >>> d = dt.date
    >>> r = MentionFact(1, 1, d(2021, 5, 14), "a", "hedged", 0.4, None, None)
    >>> c = MentionFact(2, 2, d(2022, 5, 1), "b", "confirmed", 1.0, None, None)
    >>> fold([c, r]).state
    'confirmed'
    """
    if as_of is not None:
        mentions = [m for m in mentions if m.article_date <= as_of]
    if not mentions:
        return None
    by_article = [list(g) for _, g in groupby(sorted(mentions, key=lambda m: m.article_id), key=lambda m: m.article_id)]
    by_article.sort(key=_article_order)
    first = sorted(by_article[0], key=lambda m: m.sentence_index)
    # a headline asserting what the body hedges does not make a fact
    rumour_mentions = [m for m in first if m.stance in RUMOUR_STANCES]
    decider = rumour_mentions[0] if rumour_mentions else first[0]
    state = "rumour" if rumour_mentions else "denied" if decider.stance == "denied" else "fact"
    was_rumour = state == "rumour"
    result = ClaimState(state=state, confidence=0.0, first_seen=first[0].article_date)
    result.history.append(Step(decider.article_date, state, decider.article_id, decider.mention_id, decider.stance))
    for group in by_article[1:]:
        resolving = sorted((m for m in group if m.stance in RESOLVING), key=lambda m: m.sentence_index)
        if not resolving:
            continue
        m = resolving[0]
        new = "denied" if m.stance == "denied" else ("confirmed" if was_rumour else "fact")
        if new != result.state:
            result.state = new
            result.history.append(Step(m.article_date, new, m.article_id, m.mention_id, m.stance))
            # only a confirmation or a denial resolves; a denied claim stated again later is a fact
            result.resolved_at, result.resolved_by = (m.article_date, m.article_id) if new in ("confirmed", "denied") else (None, None)
    rumours = [m for m in mentions if m.stance in RUMOUR_STANCES]
    expected = [m.expected_by for m in rumours if m.expected_by]
    result.expected_by = max(expected) if expected else None
    seen: list[str] = []
    for group in by_article:
        for m in group:
            if m.source and m.stance in RUMOUR_STANCES and m.source not in seen:
                seen.append(m.source)
    result.sources = seen
    if result.state == "rumour" and result.expected_by and as_of and result.expected_by < as_of:
        result.state = "expired"
        # the step cites the sentence that set the deadline (« d'ici la fin de l'année »)
        cause = min((m for m in rumours if m.expected_by == result.expected_by), key=lambda m: (m.article_date, m.article_sha, m.sentence_index))
        result.history.append(Step(result.expected_by, "expired", cause.article_id, cause.mention_id, "expired"))
    last_seen = max(m.article_date for m in mentions)
    idle_days = (as_of - last_seen).days if as_of else 0
    positive_sources = {m.source for m in rumours if m.source and m.polarity == "positive"}
    result.base_confidence = base_confidence(result.state, by_article, len(positive_sources))
    result.confidence = decayed(result.state, result.base_confidence, idle_days)
    return result


HALF_LIFE_DAYS = 365  # a rumour nobody repeated for a year is worth half as much


def base_confidence(state: str, by_article: list[list[MentionFact]], n_sources: int) -> float:
    """The confidence on the day of the last mention, unrounded (stored with the claim): 1.0
    confirmed or fact, 0.0 denied; a rumour gains from each article that carries it,
    ``1 - Π(1 - s/2)`` over articles (s = the article's strongest hedge or report cue), plus 0.05 per
    extra distinct source, at most 0.95; then each article that carries it with negative polarity
    (« Nvidia renoncerait à Arm ») takes away the same share, ``× Π(1 - s/2)``. ``n_sources``
    counts the sources of the positive mentions.

    >>> d = dt.date(2021, 5, 14)
    >>> hedge = [MentionFact(1, 1, d, "a", "hedged", 0.4, None, None)]
    >>> against = [MentionFact(2, 2, d, "b", "hedged", 0.4, None, None, polarity="negative")]
    >>> round(base_confidence("rumour", [hedge], 1), 3), round(base_confidence("rumour", [hedge, against], 1), 3)
    (0.2, 0.16)
    """
    if state in ("confirmed", "fact"):
        return 1.0
    if state == "denied":
        return 0.0
    keep = against = 1.0
    for group in by_article:
        rumours = [m for m in group if m.stance in RUMOUR_STANCES]
        keep *= 1 - max((m.strength for m in rumours if m.polarity == "positive"), default=0.0) / 2
        against *= 1 - max((m.strength for m in rumours if m.polarity == "negative"), default=0.0) / 2
    return min(0.95, 1 - keep + 0.05 * max(0, n_sources - 1)) * against


def decayed(state: str, base: float, idle_days: int) -> float:
    """``base`` at ``idle_days`` after the last mention, in the claim's state at that date: a rumour
    halves for every ``HALF_LIFE_DAYS`` nobody repeated it; an expired one keeps half of that.

    >>> one = [[MentionFact(1, 1, dt.date(2021, 5, 14), "a", "hedged", 0.4, None, None)]]
    >>> base = base_confidence("rumour", one, 0)
    >>> decayed("rumour", base, 0), decayed("rumour", base, 365), decayed("expired", base, 365)
    (0.2, 0.1, 0.05)
    """
    if state in ("confirmed", "fact", "denied"):
        return base
    value = base * 0.5 ** (max(0, idle_days) / HALF_LIFE_DAYS)
    if state == "expired":
        value /= 2
    return round(value, 3)


def evidence(mentions: list[MentionFact], st: ClaimState) -> int | None:
    """The mention a listing quotes for the claim: the one that resolved a confirmed or denied claim,
    else its strongest hedged or reported mention (any mention when none is), earliest article, then
    lowest id, first. ``mentions`` are those known at the date ``st`` was folded at.

    >>> d = dt.date
    >>> r1 = MentionFact(1, 1, d(2021, 5, 14), "a", "hedged", 0.4, None, None)
    >>> r2 = MentionFact(2, 2, d(2021, 6, 1), "b", "reported", 0.6, None, None)
    >>> c = MentionFact(3, 3, d(2022, 5, 1), "c", "confirmed", 1.0, None, None)
    >>> evidence([r1, r2], fold([r1, r2])), evidence([r1, r2, c], fold([r1, r2, c]))
    (2, 3)
    """
    if not mentions:
        return None
    if st.state in ("confirmed", "denied") and st.history:
        target = st.history[-1].mention_id
        if any(m.mention_id == target for m in mentions):
            return target
    rumours = [m for m in mentions if m.stance in RUMOUR_STANCES] or mentions
    return min(rumours, key=lambda m: (-m.strength, m.article_date, m.mention_id)).mention_id
