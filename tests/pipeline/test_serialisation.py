"""The pipeline saved with nlp.to_disk() carries its rules and gives the same analysis."""

from __future__ import annotations

import datetime as dt

import spacy

from tracker.extract import analyse_doc

TEXT = "Selon Bloomberg, Microsoft pourrait racheter Activision Blizzard.\nXiaomi officialise son partenariat avec Leica."


def test_pipeline_to_disk_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert [n for n in loaded.pipe_names if n.startswith("tracker_")] == ["tracker_lines", "tracker_entities", "tracker_triggers", "tracker_cues", "tracker_claims",
                                                                             "tracker_claim_cues"]
    for name in ("cues.json", "relations.json", "gazetteer.jsonl"):
        assert any((tmp_path / "nlp").rglob(name))
    day = dt.date(2024, 1, 1)
    a, b = (analyse_doc(p(TEXT), TEXT, day) for p in (nlp, loaded))
    assert [(m.key, m.stance) for m in a.mentions] == [(m.key, m.stance) for m in b.mentions]
    assert len(a.mentions) == 2


def test_pipeline_components_via_add_pipe():
    nlp = spacy.blank("fr")
    nlp.add_pipe("tracker_entities", config={"gazetteer": [{"name": "Xiaomi", "type": "ORG", "aliases": ["XIAOMI"]}]})
    doc = nlp("XIAOMI et Leica")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("XIAOMI", "Xiaomi")]


def test_saved_pipeline_keeps_the_dateline_tokenizer(nlp, tmp_path):
    """« (Agence)--Microsoft »: the dash glued to a dateline is split by the saved tokenizer too."""
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    text = "WASHINGTON (Agence)--Microsoft a racheté Activision Blizzard."
    assert [t.text for t in loaded(text)][:6] == ["WASHINGTON", "(", "Agence", ")", "--", "Microsoft"]
    assert [s.text for s in loaded(text).sents][0] == "WASHINGTON (Agence)--"


def test_every_component_declares_what_it_assigns_and_requires(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values())
    for name in ("tracker_entities", "tracker_triggers", "tracker_cues", "tracker_claims", "tracker_claim_cues"):
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns and meta.requires, name
