"""The JSON lines the database writes for a listing are the bytes the Python path prints, on SQLite
and PostgreSQL, whatever the strings hold."""

from __future__ import annotations

import datetime as dt
from json.encoder import encode_basestring

import pytest
from sqlalchemy import String, bindparam, select
from sqlalchemy.orm import Session

from tracker import read_commands, views
from tracker.states import fold
from tracker.store import repo
from tracker.store.db import open_engine
from tracker.store.lines import _Sql, stored_json_lines
from tracker.store.models import Article, Claim, Mention

pytestmark = pytest.mark.backends

EVERY_CHARACTER = "".join(chr(c) for c in range(1, 0x110000) if not 0xD800 <= c < 0xE000)


def test_store_lines_quote_every_character_as_json_dumps(backend_url):
    engine = open_engine(backend_url)
    with engine.connect() as conn:
        quote = _Sql(conn.dialect.name).quote(bindparam("text", type_=String))
        assert conn.scalar(select(quote), {"text": EVERY_CHARACTER}) == encode_basestring(EVERY_CHARACTER)
        assert conn.scalar(select(quote), {"text": None}) == "null"
        if conn.dialect.name == "sqlite":  # PostgreSQL text cannot hold a NUL
            assert conn.scalar(select(quote), {"text": "a\x00b"}) == encode_basestring("a\x00b")


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
            facts = repo.facts_by_claim(s, [claim.id])[claim.id]
            repo.store_states(s, {claim.id: (fold(facts), facts)})


AS_OF = [None, dt.date(2027, 1, 1), dt.date(2031, 6, 1)]
FILTERS = [{}, {"states": ["rumour"]}, {"states": ["expired"]}, {"states": ["confirmed", "denied", "fact"]}, {"entity": "Xiaomi"},
           {"relation": "sanction"}, {"since": DAY}]


def _assert_same_listings(url: str) -> None:
    for as_of in AS_OF:
        for filters in FILTERS:
            lines = stored_json_lines(url, as_of=as_of, **filters)
            assert lines is not None, (as_of, filters)
            rows = views.list_claims(url, as_of=as_of, **filters)
            assert read_commands.listing_json_from_lines(lines) == read_commands.listing_json(rows), (as_of, filters)
    assert views.list_claims(url, as_of=dt.date(2031, 6, 1), states=["expired"])


def test_store_lines_of_odd_strings_print_the_python_listing(backend_url):
    odd = ODD if backend_url.startswith("sqlite") else [t for t in ODD if "\x00" not in t]
    _fill(backend_url, odd)
    _assert_same_listings(backend_url)


def test_store_lines_leave_a_nul_in_a_list_to_python(tmp_path, capsys):
    """SQLite's JSON functions end a string at a NUL: such a listing is built in Python."""
    from tracker import entry

    url = f"sqlite:///{tmp_path / 'nul.db'}"
    _fill(url, [*ODD, "nul\x00inside"])
    assert stored_json_lines(url) is None
    assert entry.run(*entry.parse(["--db", url, "claims", "--format", "json"])) == 0
    assert capsys.readouterr().out == read_commands.listing_json(views.list_claims(url)) + "\n"


def test_store_lines_of_the_corpus_print_the_python_listing(stored):
    _assert_same_listings(stored("corpus"))


def test_store_lines_are_none_before_the_newest_article(stored):
    assert stored_json_lines(stored("corpus"), as_of=dt.date(2021, 6, 1)) is None


def test_store_lines_are_a_stored_listing_in_order(stored):
    url = stored("corpus")
    lines = stored_json_lines(url, states=["rumour"])
    rows = views.list_claims(url, states=["rumour"])
    assert [head.split(",", 1)[0] for head, *_ in lines] == ['\n  {"id": ' + str(r["id"]) for r in rows]


def test_store_listing_tables_name_columns_of_the_models():
    from sqlalchemy import JSON, Text

    from tracker.store import listing
    from tracker.store.models import Base

    for light in (listing.CLAIMS, listing.MENTIONS, listing.ARTICLES):
        mapped = Base.metadata.tables[light.name]
        for col in light.c:
            assert col.name in mapped.c, (light.name, col.name)
            # dates and numbers as the models type them (bound and read alike); JSON columns (Text here) are read as their text
            want = mapped.c[col.name].type
            assert isinstance(want, JSON) if type(col.type) is Text else col.type._type_affinity is want._type_affinity, (light.name, col.name)


def test_store_lines_listing_imports_no_orm(stored, tmp_path):
    """The JSON listing reads the Core tables of tracker.store.listing: no sqlalchemy.orm, no models."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "tracker", "--db", stored("corpus"), "rumours", "--format", "json"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "tracker.store.lines" in imported
    assert not imported & {"sqlalchemy.orm", "tracker.store.models", "tracker.views"}
