"""``tracker evaluate`` on a tiny gold corpus whose expected scores are worked out by hand."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tracker.cli import app

ARTICLES = {
    "a.txt": "date 2021-03-01\nSelon Bloomberg, Microsoft pourrait racheter Activision Blizzard.\nLe marché en parle.\n",
    "b.txt": "date 2022-01-18\nMicrosoft officialise le rachat d'Activision Blizzard.\n",
}
KEY = "acquisition:microsoft|activision blizzard"
CLAIM = {"key": KEY, "relation": "acquisition", "entities": ["Microsoft", "Activision Blizzard"]}
GOLD = [
    {"article": "a.txt", "text": "Selon Bloomberg, Microsoft pourrait racheter Activision Blizzard.", "stance": "hedged",
     "cues": [], "source": "Bloomberg", "claims": [CLAIM | {"stance": "hedged"}]},
    # deliberately wrong gold stance: the sentence is asserted, so one stance error is expected
    {"article": "a.txt", "text": "Le marché en parle.", "stance": "reported", "cues": [], "source": None, "claims": []},
    {"article": "b.txt", "text": "Microsoft officialise le rachat d'Activision Blizzard.", "stance": "confirmed",
     "cues": [], "source": None, "claims": [CLAIM | {"stance": "confirmed"}]},
]


def test_evaluate_scores_a_tiny_corpus(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "articles" / name).write_text(text, encoding="utf-8")
    (tmp_path / "gold" / "sentences.jsonl").write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    (tmp_path / "gold" / "claims.jsonl").write_text(json.dumps(CLAIM | {"state": "confirmed"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "--corpus", str(tmp_path), "--devdata", str(tmp_path / "none"), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    corpus = scores["corpus"]
    assert corpus["sentences"] == 3
    assert corpus["stance_accuracy"] == round(2 / 3, 3)
    assert corpus["stance"]["reported"]["recall"] == 0.0
    assert corpus["hedged_vs_not"]["f1"] == 1.0
    assert corpus["claim_mentions_all"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2}
    assert scores["states"]["state_accuracy_all_gold"] == 1.0
    assert scores["states"]["confirmed_but_not_in_gold_confirmed"] == []


def test_evaluate_misses_lists_missed_and_spurious_claims(tmp_path):
    """A gold claim the pipeline cannot find is listed as missed, the one it finds instead as spurious."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles" / "b.txt").write_text(ARTICLES["b.txt"], encoding="utf-8")
    wrong = {"key": "acquisition:microsoft|nintendo", "relation": "acquisition", "entities": ["Microsoft", "Nintendo"]}
    gold = [{**GOLD[2], "claims": [wrong | {"stance": "confirmed"}]}]
    (tmp_path / "gold" / "sentences.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    args = ["evaluate", "--corpus", str(tmp_path), "--devdata", str(tmp_path / "none"), "--no-states", "--format", "json"]
    result = CliRunner().invoke(app, [*args, "--misses"])
    assert result.exit_code == 0, result.output
    misses = {(m["kind"], m["key"]) for m in json.loads(result.stdout)["corpus"]["claim_misses"]}
    assert misses == {("missed", "acquisition:microsoft|nintendo"), ("spurious", KEY)}
    plain = CliRunner().invoke(app, args)
    assert "claim_misses" not in json.loads(plain.stdout)["corpus"]


def test_evaluate_reads_a_repeated_fragment_where_it_stands(tmp_path):
    """Gold rows are in document order: a caption repeating the end of the headline is scored at the
    caption, not inside the headline (whose claim would then count twice, once as spurious)."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    text = "date 2022-05-01\nXiaomi officialise son partenariat avec Leica et lancera un smartphone.\n\net lancera un smartphone\n"
    (tmp_path / "articles" / "c.txt").write_text(text, encoding="utf-8")
    claim = {"key": "partnership:leica|xiaomi", "relation": "partnership", "entities": ["Leica", "Xiaomi"], "stance": "confirmed"}
    gold = [
        {"article": "c.txt", "text": "Xiaomi officialise son partenariat avec Leica et lancera un smartphone.", "stance": "confirmed",
         "cues": [], "source": None, "claims": [claim]},
        {"article": "c.txt", "text": "et lancera un smartphone", "stance": "asserted", "cues": [], "source": None, "claims": []},
    ]
    (tmp_path / "gold" / "sentences.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    args = ["evaluate", "--corpus", str(tmp_path), "--devdata", str(tmp_path / "none"), "--no-states", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    corpus = json.loads(result.stdout)["corpus"]
    assert corpus["claim_mentions_all"]["precision"] == 1.0
    assert corpus["stance_accuracy"] == 1.0


def test_evaluate_scores_each_axis_and_the_stance_they_give(tmp_path):
    """Gold axes worked out by hand: the hedge is third-party possible, the confirmation a party's;
    one gold row says the plain sentence is negative, so polarity has one error."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "articles" / name).write_text(text, encoding="utf-8")
    axes = [{"polarity": "positive", "certainty": "possible", "source": "third_party"},
            {"polarity": "negative", "certainty": "certain", "source": "writer"},
            {"polarity": "positive", "certainty": "certain", "source": "party"}]
    gold = [g | {"factuality": a} for g, a in zip(GOLD, axes)]
    (tmp_path / "gold" / "sentences.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    args = ["evaluate", "--corpus", str(tmp_path), "--devdata", str(tmp_path / "none"), "--no-states", "--format", "json"]
    corpus = json.loads(CliRunner().invoke(app, [*args, "--misses"]).stdout)["corpus"]
    scores = corpus["axes"]
    assert scores["sentences"] == 3
    assert scores["certainty"]["accuracy"] == 1.0 and scores["source"]["accuracy"] == 1.0
    assert scores["polarity"]["accuracy"] == round(2 / 3, 3)
    assert scores["polarity"]["values"]["negative"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    # the table gives the gold axes « hedged, denied, confirmed » and the predicted ones « hedged, asserted, confirmed »
    assert scores["derived_stance"]["values"]["denied"]["recall"] == 0.0
    assert scores["derived_stance"]["values"]["confirmed"]["f1"] == 1.0
    assert [m["text"] for m in corpus["axis_misses"]] == ["Le marché en parle."]


def test_evaluate_devdata_label_without_entity_is_the_sentences(tmp_path):
    """A row with no entity is labelled as a whole sentence: a hedge in any of its clauses counts,
    not only in the clause at its first character (« D'après l'agence, » holds none)."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles" / "b.txt").write_text(ARTICLES["b.txt"], encoding="utf-8")
    (tmp_path / "gold" / "sentences.jsonl").write_text(json.dumps(GOLD[2]) + "\n", encoding="utf-8")
    dev = tmp_path / "dev"
    dev.mkdir()
    rows = [{"text": "D'après l'agence, le constructeur aurait suspendu ses livraisons.", "label": "uncertain"},
            {"text": "Le constructeur a livré ses premières voitures en mars.", "label": "other"}]
    (dev / "rows.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    args = ["evaluate", "--corpus", str(tmp_path), "--devdata", str(dev), "--no-states", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    tasks = json.loads(result.stdout)["devdata"]["tasks"]
    assert tasks["hypothesis"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1, "negatives": 1, "axis": "certainty"}
    assert tasks["negation"]["negatives"] == 1 and tasks["negation"]["support"] == 0  # « other » is a negative of both
