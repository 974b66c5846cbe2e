"""GatedMatcher finds what spaCy's Matcher finds, looking only where a pattern can start."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from tracker.pipeline.matching import GatedMatcher

SENTENCES = [
    "Selon Bloomberg, Apple pourrait racheter Disney pour 200 milliards de dollars.",
    "Il semble que Leica et Huawei ne travailleront plus ensemble.",
    "Xiaomi officialise son partenariat avec Leica, après des mois de rumeurs.",
    "Microsoft a finalisé le rachat d'Activision Blizzard ; la FTC avait tenté de bloquer l'opération.",
    "D'après nos confrères, Samsung équiperait le Galaxy S26 d'une puce Exynos 2600.",
    "Qualcomm dément : aucune discussion n'a eu lieu avec Intel.",
    "Rumeur : Nintendo lancerait une Switch 2 en mars. Nintendo n'a pas souhaité commenter.",
    "Google investit deux milliards dans Anthropic et devient son premier actionnaire.",
    "Sony et Honda s'associent pour produire une voiture électrique, selon un communiqué.",
    "Apple va-t-il présenter son casque avant la fin de l'année ?",
    "Le partenariat entre Oppo et Hasselblad prendrait fin en 2025, d'après des sources proches du dossier.",
    "",
]


def _rules(nlp):
    triggers = nlp.get_pipe("tracker_triggers").data["triggers"]
    lexicon = nlp.get_pipe("tracker_cues").lexicon
    return [
        ("triggers", [(t["id"], t["pattern"]) for t in triggers]),
        ("cues", [(c["id"], c["pattern"]) for c in lexicon["cues"]]),
        ("pseudo cues", [(c["id"], c["pattern"]) for c in lexicon["pseudo_cues"]]),
    ]


def _both(nlp, patterns):
    plain, gated = Matcher(nlp.vocab), GatedMatcher(nlp.vocab)
    for key, pattern in patterns:
        plain.add(key, [pattern])
        gated.add(key, [pattern])
    return plain, gated


@pytest.mark.parametrize("text", SENTENCES)
def test_same_matches_as_spacy_for_the_shipped_patterns(nlp, text):
    doc = nlp(text)
    for what, patterns in _rules(nlp):
        plain, gated = _both(nlp, patterns)
        found = gated(doc)
        assert set(found) == set(plain(doc)), what
        assert found == sorted(found, key=lambda m: (m[2], m[1])), f"{what}: by end, then start"


def test_the_shipped_sentences_do_match_something(nlp):
    """The comparison above means something only if the patterns fire on those sentences."""
    gated = {what: _both(nlp, patterns)[1] for what, patterns in _rules(nlp)}
    docs = [nlp(text) for text in SENTENCES if text]
    assert sum(len(gated["triggers"](d)) for d in docs) >= len(docs)
    assert sum(len(gated["cues"](d)) for d in docs) >= len(docs) // 2


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        # optional first token: a match may also begin at the second one
        ([{"LOWER": "il", "OP": "?"}, {"LOWER": "semble"}, {"LOWER": "que"}],
         "On dit qu'il semble que Nokia vende, et semble que non.", ["il semble que", "semble que", "semble que"]),
        # a lemma gate: the word « racheté » says nothing, its lemma does
        ([{"LEMMA": "racheter"}], "Samsung a racheté Harman.", ["racheté"]),
        # a regular expression on the lower-case form, with a capitalised word in the text
        ([{"LOWER": {"REGEX": "^offici"}}, {"IS_ALPHA": True, "OP": "?"}], "Officiel : Xiaomi officialise.",
         ["Officiel", "officialise"]),
        # a first token that may be absent ({0,2}): a match can also begin at the next one
        ([{"LOWER": "très", "OP": "{0,2}"}, {"LOWER": "probablement"}], "Apple sortira très probablement, ou probablement, un casque.",
         ["très probablement", "probablement", "probablement"]),
        # a first token that must be there once or more ({1,2}): only where it is
        ([{"LOWER": "très", "OP": "{1,2}"}, {"LOWER": "probablement"}], "Très très probablement, ou probablement.",
         ["Très très probablement", "très probablement"]),
        # a negated first token (« ! ») matches every word but that one: tried at every token
        ([{"LOWER": "pas", "OP": "!"}, {"LOWER": "exclu"}], "Ce n'est pas exclu, c'est exclu.", ["est exclu"]),
        # nothing about the word itself: tried at every token
        ([{"POS": "AUX"}, {"LOWER": "racheté"}], "Samsung a racheté Harman. Il avait racheté Joyent.",
         ["a racheté", "avait racheté"]),
    ],
)
def test_gates(nlp, pattern, text, expected):
    plain, gated = _both(nlp, [("rule", pattern)])
    doc = nlp(text)
    assert set(gated(doc)) == set(plain(doc))
    found = sorted(doc[s:e].text for _, s, e in gated(doc))
    assert found == sorted(expected)


def test_a_match_never_crosses_a_sentence(nlp):
    gated = GatedMatcher(nlp.vocab)
    gated.add("rule", [[{"LOWER": "nintendo"}, {"IS_PUNCT": True}, {"IS_PUNCT": False}]])
    doc = nlp("Le titre est signé Nintendo. Sony répond.")
    assert [doc[s:e].text for _, s, e in gated(doc)] == []
    doc = nlp("Nintendo, Sony et Microsoft se partagent le marché.")
    assert [doc[s:e].text for _, s, e in gated(doc)] == ["Nintendo, Sony"]


def test_rules_added_after_use_are_seen(nlp):
    gated = GatedMatcher(nlp.vocab)
    gated.add("a", [[{"LOWER": "leica"}]])
    doc = nlp("Leica et Huawei.")
    assert len(gated(doc)) == 1
    gated.add("b", [[{"LOWER": {"IN": ["huawei", "xiaomi"]}}]])
    assert [nlp.vocab.strings[k] for k, _, _ in gated(doc)] == ["a", "b"]


@pytest.mark.parametrize(
    "pattern, longest",
    [
        ([{"LOWER": "sur"}, {"LOWER": "le"}, {"LOWER": "point"}, {"LOWER": "de"}], 4),
        ([{"LOWER": "il", "OP": "?"}, {"LOWER": "semble"}], 2),
        ([{"LEMMA": "racheter"}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": "par"}], 5),
        ([{"LEMMA": "racheter"}, {"IS_ALPHA": True, "OP": "*"}, {"LOWER": "par"}], None),
        ([{"LEMMA": "racheter"}, {"IS_ALPHA": True, "OP": "{2,}"}], None),
    ],
)
def test_longest_match(pattern, longest):
    from tracker.pipeline.matching import _longest

    assert _longest(pattern) == longest


def test_a_window_reaches_the_end_of_the_longest_match(nlp):
    """Several starts in one sentence: the window runs from the first to where a match from the
    last can end, and every match in between is found."""
    pattern = [{"LOWER": "et"}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": "sony"}]
    plain, gated = _both(nlp, [("rule", pattern)])
    doc = nlp("Apple et Samsung, puis Google et Microsoft et enfin le groupe Sony signent.")
    assert set(gated(doc)) == set(plain(doc))
    assert any(doc[s:e].text.endswith("Sony") for _, s, e in gated(doc))
