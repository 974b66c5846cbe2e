"""A mention's three axes (polarity, certainty, source) and the contract's table that gives its
stance (SPEC « factuality »): one test per row, with French sentences the team writes."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tracker.articles import Article
from tracker.service import analyse_article
from tracker.stance import CERTAINTIES, POLARITIES, SOURCES, factuality, stance_of


def claim(nlp, text: str, key: str) -> tuple[str, dict]:
    article = Article(path="<test>", text=text, title=text, date=dt.date(2024, 3, 1), date_source="option", sha256="0")
    found = [m for m in analyse_article(article, nlp).mentions if m.key == key]
    assert found, [m.key for m in analyse_article(article, nlp).mentions]
    return found[0].stance, factuality(found[0].stance, found[0].cues)


ROWS = [
    # any polarity, probable or possible, any source → hedged
    ("Nvidia pourrait racheter Arm.", "acquisition:nvidia|arm", ("positive", "possible", "writer"), "hedged"),
    ("Nvidia serait sur le point de racheter Arm.", "acquisition:nvidia|arm", ("positive", "probable", "writer"), "hedged"),
    ("Selon Reuters, Nvidia renoncerait à racheter Arm.", "acquisition:nvidia|arm", ("negative", "possible", "third_party"), "hedged"),
    # positive, certain, third party → reported
    ("Selon Bloomberg, Nvidia rachète Arm.", "acquisition:nvidia|arm", ("positive", "certain", "third_party"), "reported"),
    # negative, certain, third party → reported (it resolves nothing)
    ("Selon Reuters, ByteDance a rejeté l'offre de rachat de Microsoft.", "acquisition:microsoft|bytedance",
     ("negative", "certain", "third_party"), "reported"),
    # positive, certain, a party speaking → confirmed
    ("Nvidia annonce le rachat d'Arm.", "acquisition:nvidia|arm", ("positive", "certain", "party"), "confirmed"),
    # positive, certain, the writer with a confirmation cue → confirmed
    ("C'est officiel : Nvidia rachète Arm.", "acquisition:nvidia|arm", ("positive", "certain", "writer"), "confirmed"),
    # positive, certain, writer → asserted
    ("Nvidia rachète Arm.", "acquisition:nvidia|arm", ("positive", "certain", "writer"), "asserted"),
    # negative, certain, writer or party → denied
    ("Nvidia ne rachètera pas Arm.", "acquisition:nvidia|arm", ("negative", "certain", "writer"), "denied"),
    ("Nvidia renonce au rachat d'Arm.", "acquisition:nvidia|arm", ("negative", "certain", "writer"), "denied"),
]


@pytest.mark.parametrize("text,key,axes,stance", ROWS)
def test_each_row_of_the_table(nlp, text, key, axes, stance):
    got_stance, got = claim(nlp, text, key)
    assert (got["polarity"], got["certainty"], got["source"]) == axes
    assert got_stance == stance


def test_the_table_itself():
    expected = {}
    for p, c, s in itertools.product(POLARITIES, CERTAINTIES, SOURCES):
        if c != "certain":
            expected[(p, c, s)] = "hedged"
        elif s == "third_party":
            expected[(p, c, s)] = "reported"
        elif p == "negative":
            expected[(p, c, s)] = "denied"
        elif s == "party":
            expected[(p, c, s)] = "confirmed"
        else:
            expected[(p, c, s)] = "asserted"
    assert {k: stance_of(*k) for k in expected} == expected
    assert stance_of("positive", "certain", "writer", confirmation=True) == "confirmed"


def test_the_axes_give_back_every_corpus_mentions_stance(nlp):
    """Whatever decided a mention's stance, its axes give the same stance through the table."""
    from pathlib import Path

    from tracker.articles import read_article
    from tracker.stance import WRITER_CONFIRMATIONS

    corpus = sorted((Path(__file__).resolve().parents[1] / "corpus" / "articles").glob("*.txt"))
    checked = 0
    for path in corpus:
        for m in analyse_article(read_article(str(path)), nlp).mentions:
            f = factuality(m.stance, m.cues)
            writer_confirms = any(c.kind == "confirm" and c.rule in WRITER_CONFIRMATIONS for c in m.cues)
            assert stance_of(f["polarity"], f["certainty"], f["source"], confirmation=writer_confirms) == m.stance, (m.sentence, f)
            checked += 1
    assert checked > 200


@pytest.mark.parametrize("text", [
    "Le Galaxy S24 Ultra est officiel, mais sans le Snapdragon 8 Gen 3 en Europe.",
    "Les Galaxy S24 Ultra ne sont pas équipés du Snapdragon 8 Gen 3 en Europe.",
])
def test_a_sentence_that_denies_one_of_its_claims_is_a_denial(nlp, text):
    article = Article(path="<test>", text=text, title=text, date=dt.date(2024, 3, 1), date_source="option", sha256="0")
    analysis = analyse_article(article, nlp)
    denied = [m for m in analysis.mentions if m.stance == "denied"]
    assert denied and denied[0].key == "feature:galaxy s24 ultra|snapdragon 8 gen 3"
    sentence = analysis.sentences[0]
    assert sentence.stance == "denied"
    assert set(sentence.deciding) <= set(sentence.cues) and any(c.kind == "deny" for c in sentence.deciding)
    assert factuality(sentence.stance, sentence.deciding)["polarity"] == "negative"


@pytest.mark.parametrize("text,key,words", [
    ("Selon Reuters, Nvidia renoncerait à racheter Arm.", "acquisition:nvidia|arm", "abandon évoqué"),
    ("Selon Reuters, ByteDance a rejeté l'offre de rachat de Microsoft.", "acquisition:microsoft|bytedance", "refus rapporté"),
    ("Selon le Financial Times, Sony aurait démenti tout projet de rachat de Nintendo.", "acquisition:sony|nintendo", "démenti évoqué"),
    ("Nvidia renonce au rachat d'Arm.", "acquisition:nvidia|arm", None),
])
def test_a_negative_mention_that_resolves_nothing_says_what_it_is(nlp, text, key, words):
    from tracker.stance import negative_words

    article = Article(path="<test>", text=text, title=text, date=dt.date(2024, 3, 1), date_source="option", sha256="0")
    m = next(m for m in analyse_article(article, nlp).mentions if m.key == key)
    assert negative_words(m.stance, m.cues) == words


@pytest.mark.parametrize("text,source", [
    ("(Agence Tech) - Nvidia serait sur le point de racheter Arm.", "Agence Tech"),
    ("TOKYO (Nikkei)--Nvidia serait sur le point de racheter Arm.", "Nikkei"),
    ("PARIS, 3 mars (Reuters) - Nvidia serait sur le point de racheter Arm.", "Reuters"),
    # a source the sentence names itself wins over the dateline's agency
    ("(Reuters) - Selon Bloomberg, Nvidia serait sur le point de racheter Arm.", "Bloomberg"),
])
def test_wire_copy_is_the_agencys(nlp, text, source):
    article = Article(path="<test>", text=text, title=text, date=dt.date(2024, 3, 1), date_source="option", sha256="0")
    found = {m.key: m.source for m in analyse_article(article, nlp).mentions}
    assert found.get("acquisition:nvidia|arm") == source, found
