"""A date in a rumour about a past event says when it happened, not when to expect it."""

from __future__ import annotations

import datetime as dt

import pytest

# (sentence, claim key, expected_by) — articles dated 2024-01-15
CASES = [
    ("La start-up Anthropic aurait signé cette année un contrat avec Google.", "partnership:anthropic|google", None),
    ("Apple et Kia auraient conclu un partenariat en janvier.", "partnership:apple|kia", None),
    ("Leica pourrait conclure un partenariat avec Xiaomi l'année prochaine.", "partnership:leica|xiaomi", dt.date(2025, 12, 31)),
    ("Selon Reuters, Apple et Kia pourraient signer un partenariat en mars.", "partnership:apple|kia", dt.date(2024, 3, 31)),
]


@pytest.mark.parametrize("text, key, expected", CASES)
def test_past_events_have_no_expected_date(analyse, text, key, expected):
    mentions = {m.key: m for m in analyse(text).mentions}
    assert mentions[key].stance in ("hedged", "reported")
    assert mentions[key].expected_by == expected
