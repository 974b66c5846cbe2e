"""A listing read from the stored states is the listing refolded from the mentions, on SQLite and
PostgreSQL, whatever the strings hold; the JSON listing prints them as json.dumps would."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy.orm import Session

from tracker import read_commands, views
from tracker.service import refold
from tracker.store.db import open_engine
from tracker.store.models import Article, Claim, Mention

pytestmark = pytest.mark.backends


ODD = ['Les « Échos »', 'say "hi"', "back\\slash", "line\nbreak\ttab", "\x1b[31mred", "\u2028sep", "emoji 📱", "’apostrophe", "\x7f", ""]
DAY = dt.date(2024, 1, 1)


def _fill(url: str, odd: list[str]) -> None:
    """Claims whose every string field is odd: entities, key, sources, sentences, cues; lists of
    none, one and several; two, one and three entities; a relation without a label."""
    engine = open_engine(url)
    with Session(engine) as s, s.begin():
        articles = [Article(path=f"{n}.txt", title=t, date=DAY + dt.timedelta(days=30 * n), date_source="option", sha256=f"{n:064d}", text=t,
                            ingested_at=dt.datetime(2024, 1, 1)) for n, t in enumerate(odd)]
        s.add_all(articles)
        s.flush()
        shapes = [("partnership", 2), ("acquisition", 2), ("launch", 1), ("sanction", 3), ("unknown_relation", 2)]
        for n, text in enumerate(odd):
            relation, arity = shapes[n % len(shapes)]
            entities = [text, odd[(n + 1) % len(odd)], "Xiaomi"][:arity]
            claim = Claim(key=f"{relation}:{n}|{text}", relation=relation, entities=entities, state="rumour", confidence=0.0,
                          first_seen=DAY, last_seen=DAY, sources=[])
            s.add(claim)
            s.flush()
            stances = ["hedged", "reported", "confirmed", "denied", "asserted"]
            for k in range(1 + n % 4):
                stance = stances[(n + k) % len(stances)]
                cues = [{"text": odd[(n + j) % len(odd)], "kind": "hedge", "strength": 0.4, "rule": "r"} for j in range(k + (n % 2))]
                s.add(Mention(claim_id=claim.id, article_id=articles[(n + k) % len(articles)].id, sentence_index=k,
                              sentence=f"{text} {k}", stance=stance, cues=cues, source=odd[(n + k + 2) % len(odd)] or None,
                              strength=0.35 + 0.1 * k if stance in ("hedged", "reported") else 1.0,
                              expected_by=DAY + dt.timedelta(days=400 * k) if k % 2 else None))
            s.flush()
            refold(s, [claim.id])


AS_OF = [None, dt.date(2027, 1, 1), dt.date(2031, 6, 1)]
FILTERS = [{}, {"states": ["rumour"]}, {"states": ["expired"]}, {"states": ["confirmed", "denied", "fact"]}, {"entity": "Xiaomi"},
           {"relation": "sanction"}, {"since": DAY}]


def _assert_same_listings(url: str) -> None:
    with open_engine(url).connect() as conn:
        for as_of in AS_OF:
            as_of = as_of or dt.date.today()
            for filters in FILTERS:
                stored = views.stored_claims(conn, as_of, **filters)
                assert stored == views.refolded_claims(conn, as_of, **filters), (as_of, filters)
                assert stored or filters, as_of
    assert views.list_claims(url, as_of=dt.date(2031, 6, 1), states=["expired"])[0]


def test_views_of_odd_strings_stored_and_refolded_are_one_listing(backend_url):
    odd = ODD if backend_url.startswith("sqlite") else [t for t in ODD if "\x00" not in t]
    _fill(backend_url, odd)
    _assert_same_listings(backend_url)


def test_views_of_the_corpus_stored_and_refolded_are_one_listing(stored):
    _assert_same_listings(stored("corpus"))


def test_views_listing_json_prints_odd_strings_as_stored(tmp_path, capsys):
    """Every string of the JSON listing reads back as stored, a NUL inside a list included."""
    from tracker import entry

    url = f"sqlite:///{tmp_path / 'nul.db'}"
    odd = [*ODD, "nul\x00inside"]
    _fill(url, odd)
    assert entry.run(*entry.parse(["--db", url, "claims", "--format", "json"])) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {c["key"] for c in printed} == {f"{r}:{n}|{t}" for n, (r, t) in enumerate(
        zip(["partnership", "acquisition", "launch", "sanction", "unknown_relation"] * 3, odd))}
    assert {s for c in printed for s in c["sources"]} | {s for c in printed for s in c["evidence_cues"]} >= {"nul\x00inside"}
    rows, _ = views.list_claims(url)
    assert printed == json.loads(read_commands.listing_json(rows))


def test_views_listing_imports_no_orm(stored, tmp_path):
    """A cold listing reads the Core tables of tracker.store.schema: no sqlalchemy.orm, no models."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tracker", "--db", stored("corpus"), "rumours", "--format", "json"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "tracker.store.query" in imported
    assert not imported & {"sqlalchemy.orm", "tracker.store.models"}
