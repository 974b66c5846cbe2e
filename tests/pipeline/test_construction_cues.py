"""The cues of constructions (« ne … pas », « si », ``Source : X``, « ? », « sans »): found by the
pipeline, their rule, kind and strength read from ``constructions`` in ``models/cues.json``, scoped
to a claim by ``tracker.extract``."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
import spacy

from tracker.errors import ModelDataError


def _cues(mention) -> list[tuple[str, str, float, str]]:
    return [(c.text, c.kind, c.strength, c.rule) for c in mention.cues]


def _mention(analysis, key: str):
    found = [m for m in analysis.mentions if m.key == key]
    assert found, [m.key for m in analysis.mentions]
    return found[0]


@pytest.mark.parametrize("text, key, cue", [
    ("Orange ne rachètera pas Bouygues Telecom.", "acquisition:orange|bouygues telecom", "ne rachètera pas"),
    ("Apple ne lancera jamais d'iPhone pliable.", "launch:apple|iphone", "ne lancera jamais"),
    # the deal noun is the subject of the negated verb
    ("Le rachat de Bouygues Telecom par Orange ne se fera pas.", "acquisition:orange|bouygues telecom", "ne se fera pas"),
])
def test_construction_cues_a_negated_predicate_denies_its_claim(analyse, text, key, cue):
    m = _mention(analyse(text), key)
    assert (m.stance, _cues(m)) == ("denied", [(cue, "deny", 1.0, "negation")])


@pytest.mark.parametrize("text, key, stance", [
    # the « ne … pas » of a relative qualifies its antecedent, not the deal
    ("Orange, qui n'a pas commenté, rachètera Bouygues Telecom.", "acquisition:orange|bouygues telecom", "asserted"),
    ("Nokia, qui n'avait pas trouvé de repreneur, a été racheté par Samsung.", "acquisition:samsung|nokia", "asserted"),
    ("Orange rachète Bouygues Telecom, dont les comptes ne sont pas publiés.", "acquisition:orange|bouygues telecom", "asserted"),
    # a litotes: « pas le premier à » says that others did it too
    ("Samsung ne serait pas le premier à racheter Nokia.", "acquisition:samsung|nokia", "hedged"),
    # not to rule a deal out is to hold it possible
    ("Samsung n'exclut pas de racheter Nokia.", "acquisition:samsung|nokia", "hedged"),
    ("Orange n'écarte pas un rapprochement avec Bouygues Telecom.", "merger:bouygues telecom|orange", "hedged"),
])
def test_construction_cues_a_negation_elsewhere_does_not_deny_the_claim(analyse, text, key, stance):
    m = _mention(analyse(text), key)
    assert m.stance == stance and not [c for c in m.cues if c.kind == "deny"], _cues(m)


@pytest.mark.parametrize("text, scope", [
    ("Free, qui ne commente jamais les rumeurs, rachète Bouygues Telecom.", "incise"),
    ("Samsung ne serait pas le premier à racheter Nokia.", "litotes"),
    ("Orange ne rachètera pas Bouygues Telecom.", "claim"),
])
def test_construction_cues_the_negation_group_says_where_each_negation_stands(nlp, text, scope):
    doc = nlp(text)
    group = doc.spans["tracker_negations"]
    rule = nlp.get_pipe("tracker_cues").lexicon["constructions"]["negation"]
    assert group.attrs["cue"] == {"rule": rule["id"], "strength": rule["strength"]}
    [neg] = list(group)
    assert neg.label_ == rule["kind"]
    where = neg._.negation
    if scope == "incise":  # by its commas: « , qui ne commente jamais les rumeurs, »
        assert where["incise"] is not None and doc[where["incise"][0]].text == "," and doc[where["incise"][1]].text == ","
    elif scope == "litotes":  # not read forward from the « ne »; still the negation of its verb
        assert not where["forward"] and where["verb"] is not None
    else:
        assert where["forward"] and where["relative"] is None and where["incise"] is None


@pytest.mark.parametrize("text, key, stance, source", [
    ("Apple rachète Netflix.\n\nSource : Bloomberg", "acquisition:apple|netflix", "reported", "Bloomberg"),
    # quoted as written, apostrophe and all
    ("Apple rachète Netflix.\n\nSource : L’Informé", "acquisition:apple|netflix", "reported", "L’Informé"),
    ("Apple rachèterait Netflix.\n\nsources: Bloomberg", "acquisition:apple|netflix", "hedged", "Bloomberg"),
])
def test_construction_cues_a_source_line_attributes_the_paragraph_above(analyse, text, key, stance, source):
    m = _mention(analyse(text), key)
    line = [c for c in m.cues if c.rule == "ligne_source"]
    assert m.stance == stance
    assert [(c.text, c.kind, c.strength, c.source) for c in line] == [(f"Source : {source}", "report", 0.6, source)]


@pytest.mark.parametrize("text, key", [
    # a line above the paragraph, or a paragraph attributed already, keeps its own reading
    ("Source : Bloomberg\n\nApple rachète Netflix.", "acquisition:apple|netflix"),
    ("Selon Reuters, Apple rachète Netflix.\n\nSource : Bloomberg", "acquisition:apple|netflix"),
])
def test_construction_cues_a_source_line_does_not_reach_other_paragraphs_or_override_a_source(analyse, text, key):
    m = _mention(analyse(text), key)
    assert "ligne_source" not in [c.rule for c in m.cues]


@pytest.mark.parametrize("text, key, stance, cue", [
    ("Si Orange rachète Bouygues Telecom, les prix augmenteront.", "acquisition:orange|bouygues telecom", "hedged", "Si"),
    # a confirmation verb inside a condition confirms nothing
    ("Si Nintendo officialise la Switch 2 en mars, Sony baissera ses prix.", "launch:nintendo|switch 2", "hedged", "Si"),
    # « même si » concedes, it does not set a condition
    ("Même si Orange rachète Bouygues Telecom, Free restera quatrième.", "acquisition:orange|bouygues telecom", "asserted", None),
])
def test_construction_cues_a_condition_makes_its_claims_hypotheses(analyse, text, key, stance, cue):
    m = _mention(analyse(text), key)
    expected = [(cue, "hedge", 0.3, "condition")] if cue else []
    assert (m.stance, [c for c in _cues(m) if c[3] == "condition"]) == (stance, expected)


@pytest.mark.parametrize("text, denied, kept", [
    ("Sony présente la PS5 Slim, sans lecteur Blu-ray.", "feature:playstation 5|lecteur blu-ray", "launch:sony|playstation 5"),
    ("Nintendo dévoile la Switch 2, sans écran OLED.", "feature:switch 2|écran oled", "launch:nintendo|switch 2"),
])
def test_construction_cues_a_negative_trigger_denies_its_own_claim_only(analyse, text, denied, kept):
    analysis = analyse(text)
    m = _mention(analysis, denied)
    assert (m.stance, _cues(m)) == ("denied", [("sans", "deny", 1.0, "trigger_negatif")])
    assert _mention(analysis, kept).stance == "asserted"


@pytest.mark.parametrize("text, key", [
    ("Orange va-t-il racheter Bouygues Telecom ?", "acquisition:orange|bouygues telecom"),
    ("Orange rachètera-t-il Bouygues Telecom ?", "acquisition:orange|bouygues telecom"),
])
def test_construction_cues_a_question_hedges_what_it_asks(analyse, text, key):
    analysis = analyse(text)
    m = _mention(analysis, key)
    assert (m.stance, _cues(m)) == ("hedged", [("?", "hedge", 0.3, "question")])
    assert analysis.sentences[0].stance == "hedged"


def test_construction_cues_rules_are_the_saved_pipelines_data(nlp, tmp_path):
    """Rule names and strengths come from the saved ``cues.json`` of each component, not the code."""
    nlp.to_disk(tmp_path / "nlp")
    for component in ("tracker_cues", "tracker_claim_cues"):
        path = tmp_path / "nlp" / component / "cues.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        for name, rule in data["constructions"].items():
            if name != "_doc":
                rule.update(id=f"{rule['id']}_essai", strength=0.25)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = spacy.load(tmp_path / "nlp")
    from tracker.extract import analyse_doc

    text = "Orange ne rachètera pas Bouygues Telecom. Sony présente la PS5 Slim, sans lecteur Blu-ray.\n\nSource : Bloomberg"
    analysis = analyse_doc(loaded(text), text, dt.date(2024, 1, 15))
    rules = {(c.rule, c.strength) for m in analysis.mentions for c in m.cues}
    assert {("negation_essai", 0.25), ("trigger_negatif_essai", 0.25)} <= rules
    cond = "Si Orange rachète Bouygues Telecom, les prix augmenteront."
    assert [(c.rule, c.strength) for c in analyse_doc(loaded(cond), cond, dt.date(2024, 1, 15)).mentions[0].cues] == [("condition_essai", 0.25)]
    asked = "Orange va-t-il racheter Bouygues Telecom ?"
    assert [(c.rule, c.strength) for c in analyse_doc(loaded(asked), asked, dt.date(2024, 1, 15)).mentions[0].cues] == [("question_essai", 0.25)]


@pytest.mark.parametrize("change, message", [
    (lambda c: c.pop("condition"), "missing construction 'condition'"),
    (lambda c: c.update(negations={}), "unknown construction 'negations'"),
    (lambda c: c["negation"].update(strenght=1.0), r"constructions.negation: unknown key 'strenght'"),
    (lambda c: c["negative_trigger"].update(kind="denial"), "kind 'denial' is not one of"),
    (lambda c: c["source_line"].update(strength="0.6"), "constructions.source_line: key 'strength' should be a number"),
    (lambda c: c["source_line"].update(line="(?i)^sources? : ("), "'line' is not a regular expression"),
    (lambda c: c["question"].update(scope="paragraphe"), "constructions.question: scope 'paragraphe' is not one of"),
])
def test_construction_cues_bad_rules_are_refused_by_name(nlp, change, message):
    from tracker.pipeline.cues.lexicon import validate_cues

    data = copy.deepcopy(nlp.get_pipe("tracker_cues").lexicon)
    change(data["constructions"])
    with pytest.raises(ModelDataError, match=message):
        validate_cues(data)
