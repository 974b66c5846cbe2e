"""How far a cue reaches within a sentence: claims stated as background keep their own stance."""

from __future__ import annotations

import pytest

# (sentence, {claim key: stance}) — an appositive past participle states what the writer takes as known
APPOSITIONS = [
    ("Sony espérerait relancer les ventes de la PlayStation 4, sortie en 2013.",
     {"launch:sony interactive entertainment|playstation 4": "asserted"}),
    ("Le téléphone serait équipé du Dimensity 9300 de MediaTek, dévoilé en novembre.",
     {"launch:mediatek|dimensity 9300": "asserted"}),
    ("Le Galaxy S24, présenté en janvier, serait équipé du Snapdragon 8 Gen 3.",
     {"launch:samsung|galaxy s24": "asserted", "feature:galaxy s24|snapdragon 8 gen 3": "hedged"}),
    # a hedge inside the apposition still hedges it
    ("Selon Bloomberg, Nintendo préparerait une Switch Pro, attendue en septembre.",
     {"launch:nintendo|switch pro": "hedged"}),
    # a relative clause is not an apposition: « aurait été présenté » hedges its own claim
    ("Le Galaxy S24, qui aurait été présenté en janvier, serait équipé du Snapdragon 8 Gen 3.",
     {"launch:samsung|galaxy s24": "hedged", "feature:galaxy s24|snapdragon 8 gen 3": "hedged"}),
]


@pytest.mark.parametrize("text, expected", APPOSITIONS)
def test_stance_scope_apposition(analyse, text, expected):
    got = {m.key: m.stance for m in analyse(text).mentions}
    assert {k: got.get(k) for k in expected} == expected


# a name that opens the sentence is its subject, not an introduction, even when tagged as an adverb
SUBJECTS = [
    ("Alphabet, la maison mère de Google, a racheté Fitbit.", {"acquisition:alphabet|fitbit": "asserted"}),
    ("Selon Bloomberg, Apple rachèterait Intel.", {"acquisition:apple|intel": "hedged"}),
]


@pytest.mark.parametrize("text, expected", SUBJECTS)
def test_stance_scope_name_opening_a_sentence(analyse, text, expected):
    got = {m.key: m.stance for m in analyse(text).mentions}
    assert {k: got.get(k) for k in expected} == expected


def test_stance_scope_source_line_does_not_attribute_an_apposition(analyse):
    text = ("Nintendo préparerait une Switch Pro.\nSony espérerait relancer les ventes de la PlayStation 4, sortie en 2013.\n\n"
            "Source : Bloomberg\n")
    got = {m.key: (m.stance, m.source) for m in analyse(text).mentions}
    assert got["launch:sony interactive entertainment|playstation 4"] == ("asserted", None)
    assert got["launch:nintendo|switch pro"] == ("hedged", "Bloomberg")


# a short frame before a colon qualifies what follows; a negated statement is no frame
FRAMES = [
    ("C'est officiel : GitHub appartient à Microsoft.", {"acquisition:microsoft|github": "confirmed"}),
    ("Sony, en revanche, n'est pas concerné : le groupe a prolongé son partenariat avec Zeiss.", {"partnership:sony|zeiss": "asserted"}),
]


@pytest.mark.parametrize("text, expected", FRAMES)
def test_stance_scope_frame_before_a_colon(analyse, text, expected):
    got = {m.key: m.stance for m in analyse(text).mentions}
    assert {k: got.get(k) for k in expected} == expected
