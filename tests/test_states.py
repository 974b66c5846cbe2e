"""State folding: pure, in article-date order, whatever the order mentions arrive in."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tracker.states import MentionFact, fold

D = dt.date


def m(mid, article, date, stance, strength=0.5, source=None, expected=None, sha=None, polarity="positive"):
    return MentionFact(mid, article, date, sha or f"sha{article}", stance, strength, source, expected, polarity=polarity)


def test_states_rumour_confirmed_by_later_article_any_order():
    facts = [m(1, 1, D(2021, 5, 14), "hedged", 0.4, "Leaker"), m(2, 2, D(2022, 5, 1), "confirmed", 1.0)]
    for order in itertools.permutations(facts):
        st = fold(list(order))
        assert st.state == "confirmed"
        assert st.first_seen == D(2021, 5, 14)
        assert (st.resolved_at, st.resolved_by) == (D(2022, 5, 1), 2)
        assert st.days_to_resolution == 352
        assert [h.state for h in st.history] == ["rumour", "confirmed"]
        assert st.sources == ["Leaker"]
        assert st.confidence == 1.0


def test_states_same_article_never_resolves():
    facts = [m(1, 1, D(2021, 5, 14), "asserted"), m(2, 1, D(2021, 5, 14), "hedged")]
    assert fold(facts).state == "rumour"


def test_states_confirmed_then_denied_keeps_both_steps():
    facts = [m(1, 1, D(2020, 1, 1), "hedged"), m(2, 2, D(2020, 6, 1), "confirmed"), m(3, 3, D(2021, 1, 1), "denied")]
    st = fold(facts)
    assert st.state == "denied"
    assert [h.state for h in st.history] == ["rumour", "confirmed", "denied"]
    assert st.confidence == 0.0


def test_states_fact_and_denied_from_the_start():
    assert fold([m(1, 1, D(2020, 1, 1), "asserted")]).state == "fact"
    assert fold([m(1, 1, D(2020, 1, 1), "confirmed"), m(2, 2, D(2021, 1, 1), "hedged")]).state == "fact"
    assert fold([m(1, 1, D(2020, 1, 1), "denied")]).state == "denied"


def test_states_same_date_other_article_resolves():
    facts = [m(1, 1, D(2020, 1, 1), "hedged", sha="zzz"), m(2, 2, D(2020, 1, 1), "confirmed", sha="aaa")]
    assert fold(facts).state == "confirmed"


def test_states_expired_after_expected_date_only():
    facts = [m(1, 1, D(2021, 5, 14), "hedged", 0.4, expected=D(2022, 12, 31))]
    assert fold(facts, as_of=D(2022, 6, 1)).state == "rumour"
    assert fold(facts, as_of=D(2023, 1, 1)).state == "expired"


def test_states_as_of_ignores_later_articles():
    facts = [m(1, 1, D(2021, 5, 14), "hedged"), m(2, 2, D(2022, 5, 1), "confirmed")]
    assert fold(facts, as_of=D(2021, 12, 31)).state == "rumour"
    assert fold(facts, as_of=D(2020, 1, 1)) is None


def test_states_confidence_grows_with_articles_and_sources():
    one = fold([m(1, 1, D(2021, 1, 1), "hedged", 0.4, "A")]).confidence
    two = fold([m(1, 1, D(2021, 1, 1), "hedged", 0.4, "A"), m(2, 2, D(2021, 2, 1), "hedged", 0.4, "B")]).confidence
    assert 0 < one < two < 1


def test_states_confidence_falls_with_negative_mentions():
    """« Selon Reuters, X renoncerait à racheter Y » a month after « X pourrait racheter Y »: the
    rumour stays open (nothing resolved it) but is worth less, whatever the order of ingest."""
    deal = [m(1, 1, D(2021, 1, 1), "hedged", 0.4, "A")]
    against = m(2, 2, D(2021, 2, 1), "hedged", 0.4, "B", polarity="negative")
    reported_against = m(3, 3, D(2021, 3, 1), "reported", 0.6, "C", polarity="negative")
    one = fold(deal, as_of=D(2021, 3, 1)).confidence
    for order in itertools.permutations(deal + [against]):
        st = fold(list(order), as_of=D(2021, 3, 1))
        assert st.state == "rumour" and st.confidence < one
    assert fold(deal + [against, reported_against], as_of=D(2021, 3, 1)).confidence < fold(deal + [against], as_of=D(2021, 3, 1)).confidence
    # a source that only carries the abandonment adds nothing for the deal
    assert fold(deal + [against]).base_confidence == pytest.approx(0.2 * (1 - 0.2))
    # only rumoured abandonments: nothing says the claim happens
    assert fold([against]).confidence == 0.0 and fold([against]).state == "rumour"


def test_states_negative_rumour_resolves_nothing_and_a_later_denial_does():
    facts = [m(1, 1, D(2021, 1, 1), "hedged", 0.4), m(2, 2, D(2021, 2, 1), "reported", 0.6, "Reuters", polarity="negative")]
    assert fold(facts).state == "rumour"
    st = fold(facts + [m(3, 3, D(2021, 6, 1), "denied", 1.0, polarity="negative")])
    assert (st.state, st.resolved_by) == ("denied", 3)


def test_states_confidence_fades_with_time_since_last_mention():
    facts = [m(1, 1, D(2021, 1, 1), "hedged", 0.4, "A")]
    fresh = fold(facts, as_of=D(2021, 1, 1)).confidence
    a_year = fold(facts, as_of=D(2022, 1, 1)).confidence
    assert 0 < a_year < fresh
    assert a_year == round(fresh / 2, 3)  # the README's half-life: one year without a new mention halves it
    repeated = facts + [m(2, 2, D(2021, 12, 1), "hedged", 0.4, "A")]
    assert fold(repeated, as_of=D(2022, 1, 1)).confidence > a_year
    assert fold([m(1, 1, D(2021, 1, 1), "confirmed")], as_of=D(2030, 1, 1)).confidence == 1.0


def test_states_expiry_cites_the_mention_that_set_the_deadline():
    facts = [m(1, 1, D(2021, 1, 1), "hedged", 0.4), m(2, 2, D(2021, 3, 1), "hedged", 0.4, expected=D(2021, 7, 31)),
             m(3, 3, D(2021, 5, 1), "hedged", 0.4)]
    st = fold(facts, as_of=D(2022, 1, 1))
    assert st.state == "expired"
    assert (st.history[-1].date, st.history[-1].article_id, st.history[-1].mention_id) == (D(2021, 7, 31), 2, 2)


def test_states_denied_claim_stated_later_is_an_unresolved_fact():
    facts = [m(1, 1, D(2022, 5, 11), "denied"), m(2, 2, D(2023, 9, 12), "asserted")]
    st = fold(facts)
    assert st.state == "fact"
    assert (st.resolved_at, st.resolved_by, st.days_to_resolution) == (None, None, None)
