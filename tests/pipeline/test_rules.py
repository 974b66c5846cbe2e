"""The relation and trigger rules as typed data (tracker/pipeline/claims/rules.py): a newcomer's mistakes
in models/relations.json are named, with the valid keys."""

from __future__ import annotations

import copy

import pytest

from tracker.errors import ModelDataError
from tracker.pipeline.claims.rules import TriggerRule, load_rules
from tracker.resources import load_json


@pytest.fixture
def data():
    return copy.deepcopy(load_json("relations.json"))


def test_the_shipped_rules_load(data):
    rules = load_rules(data)
    assert set(rules.relations) >= {"partnership", "acquisition", "merger"}
    assert all(isinstance(t, TriggerRule) for t in rules.triggers.values())


def new_trigger(**extra):
    trig = {"id": "s_accaparer", "relation": "acquisition", "kind": "verb", "pattern": [{"LOWER": {"REGEX": "^accapar"}}]}
    trig.update(extra)
    return trig


@pytest.mark.parametrize("trigger,named", [
    (new_trigger(subjet_role="patient"), "unknown key 'subjet_role'; valid keys: id, relation, kind, pattern"),
    (new_trigger(relation="aquisition"), "unknown relation 'aquisition'; valid relations: partnership"),
    (new_trigger(kind="verbe"), "kind 'verbe' is not one of verb, noun"),
    (new_trigger(prep_inside="oui"), "key 'prep_inside' should be true or false"),
    (new_trigger(patient_preps="de"), "key 'patient_preps' should be a list"),
    ({"id": "x", "relation": "acquisition", "kind": "verb"}, "missing key 'pattern'"),
    (new_trigger(id="racheter"), "id 'racheter' is used twice"),
])
def test_a_misspelt_trigger_is_named(data, trigger, named):
    data["triggers"].append(trigger)
    with pytest.raises(ModelDataError) as err:
        load_rules(data)
    assert named in str(err.value)
    assert "triggers[" in str(err.value)


def test_a_misspelt_relation_key_is_named(data):
    data["relations"]["merger"]["betwen_preps"] = ["entre"]
    with pytest.raises(ModelDataError, match="relations.merger: unknown key 'betwen_preps'; valid keys: name, ordered"):
        load_rules(data)


def test_a_trigger_added_as_data_finds_its_claims(nlp):
    """« s'emparer de » is only a line of models/relations.json."""
    doc = nlp("Le finlandais Nokia pourrait s'emparer d'Ericsson d'ici la fin de l'année.")
    assert ["Nokia", "Ericsson"] in [c["entities"] for c in doc._.tracker_claims if c["relation"] == "acquisition"]
