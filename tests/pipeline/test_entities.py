"""Entities the gazetteer does not know: organisations the text itself calls organisations."""

from __future__ import annotations

import pytest

# (sentence, {surface: label}) — invented names, so only the text can say what they are
UNKNOWN = [
    ("La start-up Zorvex Robotics s'associe avec le fabricant allemand Kraltec.",
     {"Zorvex Robotics": "ORG", "Kraltec": "ORG"}),
    ("Le géant Vexora aurait racheté la société Plumtech Systems.", {"Vexora": "ORG", "Plumtech Systems": "ORG"}),
    ("Selon Reuters, Intel, Qualcomm, Varnix et Broadcom auraient cessé de livrer Huawei.", {"Varnix": "ORG"}),
    ("Apple pourrait se tourner vers Nissan ou l'équipementier canadien Tolvane.", {"Tolvane": "ORG"}),
    # a name that ends like a company is one, whatever the statistical model calls it
    ("Baidu discute avec Zhejiang Dongfang Cie et Hubei Lantu Motors.", {"Zhejiang Dongfang Cie": "ORG", "Hubei Lantu Motors": "ORG"}),
    # a version number with a decimal continues a known product
    ("Google a publié Gemini 2.5 puis Gemini 1.5 Pro.", {"Gemini 2.5": "PRODUCT", "Gemini 1.5 Pro": "PRODUCT"}),
    # a surname after the full name stays a person; places in a list of places stay places
    ("Pete Lau a confirmé l'information. Lau a ajouté que rien n'était signé.", {"Lau": "PERSON"}),
    ("Les usines de Paris et Berlin fermeront.", {"Paris": "LOC", "Berlin": "LOC"}),
]


@pytest.mark.parametrize("text, expected", UNKNOWN)
def test_entities_unknown_organisations(nlp, text, expected):
    from tracker.normalise import normalise

    doc = nlp(normalise(text))
    got = {e.text: e.label_ for e in doc.ents}
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize("text, expected", [
    ("La start-up Zorvex Robotics s'associe avec le fabricant allemand Kraltec.", {"partnership:kraltec|zorvex robotics": "asserted"}),
    ("Samsung, LG et Varnix s'associeraient pour concevoir une puce.",
     {"partnership:samsung|varnix": "hedged", "partnership:lg|varnix": "hedged"}),
    ("Le géant Vexora aurait racheté la société Plumtech Systems.", {"acquisition:vexora|plumtech systems": "hedged"}),
])
def test_entities_unknown_organisations_make_claims(analyse, text, expected):
    got = {m.key: m.stance for m in analyse(text).mentions}
    assert {k: got.get(k) for k in expected} == expected
