"""The fast paths give the same answers as the slow ones: parallel ingest, stored-state listings,
listings without spaCy."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker import service, views
from tracker.store import query
from tracker.store.db import open_engine
from tracker.store.models import Claim, Mention, Step

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "corpus" / "articles"

TODAY = dt.date(2025, 10, 1)  # the ingest day given to undated articles


def _content(url: str) -> dict:
    """Everything ingest decides, without ids of rows or times of ingest."""
    with Session(open_engine(url)) as s:
        claims = {c.id: c.key for c in s.scalars(select(Claim))}
        return {
            "claims": sorted((c.key, c.state.value, c.confidence, c.first_seen, c.resolved_at, c.expected_by, tuple(c.sources))
                             for c in s.scalars(select(Claim))),
            "mentions": sorted((claims[m.claim_id], m.article_id, m.sentence_index, m.stance, m.strength, m.source, m.expected_by)
                               for m in s.scalars(select(Mention))),
            "steps": sorted((claims[st.claim_id], st.seq, st.date, st.state.value, st.article_id) for st in s.scalars(select(Step))),
        }


def test_service_jobs_two_stores_what_jobs_one_stores(nlp, tmp_path):
    files = [str(p) for p in sorted(SEEDS_DIR.glob("*.txt"))[:7]]
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    first = service.ingest(files, url=one, today=TODAY, jobs=1, batch_size=2)
    second = service.ingest(files, url=two, today=TODAY, jobs=2, batch_size=2)
    assert [(r.path, r.status, r.article_id, r.claims, r.resolved) for r in second] == \
        [(r.path, r.status, r.article_id, r.claims, r.resolved) for r in first]
    assert all(r.status == "stored" for r in second)
    stored = _content(two)
    assert stored["claims"] and stored["mentions"]
    assert stored == _content(one)


def test_service_jobs_reports_bad_and_known_files_in_a_parallel_run(nlp, tmp_path, seeds, db_url):
    (tmp_path / "seeds" / "vide.txt").write_text("", encoding="utf-8")
    service.ingest([str(seeds[0])], url=db_url, today=TODAY)
    results = service.ingest([str(tmp_path / "seeds")], url=db_url, today=TODAY, jobs=2, batch_size=1)
    by_name = {r.path.rsplit("/", 1)[-1]: r.status for r in results}
    assert by_name == {seeds[0].name: "skipped", seeds[1].name: "stored", seeds[2].name: "stored", "vide.txt": "error"}


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory):
    """The whole corpus (seeds included), ingested once for the listing comparisons."""
    from tracker.pipeline import shared_nlp

    shared_nlp()
    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'tracker.db'}"
    service.ingest([str(SEEDS_DIR)], url=url, today=TODAY)
    return url


@pytest.mark.parametrize("days", [0, 90, 365, 2 * 365, 10 * 365])
@pytest.mark.parametrize("states", [None, ["rumour"], ["expired"], ["confirmed", "denied"], ["fact", "rumour"]])
def test_views_stored_states_match_refolded_states(corpus_url, days, states):
    with open_engine(corpus_url).connect() as conn:
        as_of = query.latest_article_date(conn) + dt.timedelta(days=days)
        stored = views.stored_claims(conn, as_of, states=states)
        refolded = views.refolded_claims(conn, as_of, states=states)
    assert stored == refolded
    assert stored or states == ["expired"] and days == 0


def test_views_listing_expires_every_dated_rumour_once_its_date_is_past(corpus_url):
    now, _ = views.list_claims(corpus_url, as_of=TODAY, states=["rumour", "expired"])
    later, _ = views.list_claims(corpus_url, as_of=dt.date(2040, 1, 1), states=["rumour", "expired"])
    dated = {c.key for c in now if c.expected_by}
    assert dated, "the corpus has rumours with an expected date"
    assert {c.key for c in later if c.state == "expired"} == dated
    assert all(c.confidence < 0.5 for c in later if c.state == "expired")


@pytest.mark.parametrize("filters", [{"entity": "Leica"}, {"relation": "acquisition"}, {"since": dt.date(2022, 1, 1)}])
def test_views_stored_filters_match_refolded_filters(corpus_url, filters):
    with open_engine(corpus_url).connect() as conn:
        stored = views.stored_claims(conn, TODAY, **filters)
        refolded = views.refolded_claims(conn, TODAY, **filters)
    assert stored and stored == refolded


def test_views_earlier_as_of_is_refolded(corpus_url):
    early, _ = views.list_claims(corpus_url, as_of=dt.date(2021, 6, 1))
    assert early and all(c.first_seen <= dt.date(2021, 6, 1) for c in early)
    assert any(c.key == "partnership:leica|xiaomi" and c.state == "rumour" for c in early)


def test_cli_listing_never_imports_spacy(corpus_url, tmp_path):
    code = (
        "import sys\n"
        "from tracker.cli import app\n"
        "assert 'spacy' not in sys.modules, 'tracker.cli imports spacy'\n"
        f"for args in (['rumours', '--format', 'json'], ['claims', '--format', 'csv'], ['show', '1'], ['report', '--format', 'json']):\n"
        f"    try:\n"
        f"        app(['--db', {corpus_url!r}, *args], standalone_mode=False)\n"
        f"    except SystemExit as exc:\n"
        f"        assert not exc.code, exc.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')), file=sys.stderr)\n"
    )
    # from a folder of its own: run from the checkout, « import tracker » would find the source tree,
    # not the installed package and its pipeline data
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert json.loads(done.stdout[: done.stdout.index("\n]") + 2])  # the rumours came out


def test_service_later_article_refreshes_the_stored_listing_fields(nlp, seeds, db_url):
    """Counts and evidence are stored with the state: each article that adds mentions to a claim
    stored before must refresh them (000 hedges Leica ↔ Xiaomi, 001 confirms it)."""
    key, seen = "partnership:leica|xiaomi", []
    for path in seeds:
        service.ingest([str(path)], url=db_url, today=TODAY)
        with open_engine(db_url).connect() as conn:
            as_of = max(TODAY, query.latest_article_date(conn))
            stored = views.stored_claims(conn, as_of)
            assert stored == views.refolded_claims(conn, as_of)
        seen.append(next((c.mention_count, c.article_count, c.state, c.evidence) for c in stored if c.key == key))
    (count0, articles0, state0, evidence0), (count1, articles1, state1, evidence1) = seen[:2]
    assert (articles0, articles1) == (1, 2) and count1 > count0 >= 1, seen
    assert state0 in ("rumour", "expired") and state1 == "confirmed" and evidence1 != evidence0, seen
