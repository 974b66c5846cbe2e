"""``--limit``: a table shows the newest claims (50 unless told), an export everything unless told."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tracker.cli import app
from tracker.service import refold
from tracker.store.db import open_engine
from tracker.store.models import Article, Claim, Mention

DAY = dt.date(2024, 3, 1)
COUNT = 60
runner = CliRunner()


@pytest.fixture
def many(db_url):
    """60 open rumours, one a day: Alpha0 ↔ Beta0 first, Alpha59 ↔ Beta59 last."""
    with Session(open_engine(db_url)) as s, s.begin():
        for n in range(COUNT):
            day = DAY + dt.timedelta(days=n)
            article = Article(path=f"{n}.txt", title=f"Article {n}", date=day, date_source="text", sha256=f"{n:064d}",
                              text=f"Alpha{n} s'associerait à Beta{n}.", ingested_at=dt.datetime(2024, 6, 1))
            claim = Claim(key=f"partnership:alpha{n}|beta{n}", relation="partnership", entities=[f"Alpha{n}", f"Beta{n}"],
                          state="rumour", confidence=0.0, first_seen=day, last_seen=day, sources=[])
            s.add_all([article, claim])
            s.flush()
            s.add(Mention(claim_id=claim.id, article_id=article.id, sentence_index=0, sentence=article.text, stance="hedged",
                          cues=[{"text": "s'associerait", "kind": "hedge", "strength": 0.4, "rule": "conditionnel"}],
                          source=None, strength=0.4, expected_by=None))
            s.flush()
            refold(s, [claim.id])
    return db_url


def run(db_url, *args):
    result = runner.invoke(app, ["--db", db_url, *args])
    return result


def _json_keys(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [c["key"] for c in json.loads(result.stdout)]


def newest(n: int, last: int = COUNT - 1) -> list[str]:
    return [f"partnership:alpha{k}|beta{k}" for k in range(last, last - n, -1)]


def test_a_table_shows_the_50_newest_and_says_how_many_there_are(many):
    result = run(many, "rumours", "--as-of", "2024-06-01")
    assert result.exit_code == 0, result.output
    assert "Rumeurs ouvertes (50 plus récentes sur 60)" in result.stdout
    assert "--limit N" in result.stdout
    assert "Alpha59" in result.stdout and "Alpha10 " in result.stdout
    assert "Alpha9 " not in result.stdout and "Alpha0 " not in result.stdout


def test_limit_0_shows_every_row_of_a_table(many):
    result = run(many, "rumours", "--as-of", "2024-06-01", "--limit", "0")
    assert result.exit_code == 0, result.output
    assert "Rumeurs ouvertes (60)" in result.stdout
    assert "Alpha0 " in result.stdout and "--limit N" not in result.stdout


@pytest.mark.parametrize("command", ["rumours", "claims"])
def test_json_and_csv_export_everything_unless_limited(many, command):
    everything = _json_keys(run(many, command, "--as-of", "2024-06-01", "--format", "json"))
    assert everything == newest(COUNT)
    assert _json_keys(run(many, command, "--as-of", "2024-06-01", "--format", "json", "--limit", "7")) == newest(7)
    rows = list(csv.DictReader(io.StringIO(run(many, command, "--as-of", "2024-06-01", "--format", "csv").stdout)))
    assert [r["key"] for r in rows] == everything
    rows = list(csv.DictReader(io.StringIO(run(many, command, "--as-of", "2024-06-01", "--format", "csv", "-n", "3").stdout)))
    assert [r["key"] for r in rows] == newest(3)


def test_limit_applies_to_a_listing_as_of_an_earlier_date(many):
    """Before the newest article the states are refolded: still the newest claims known at that date."""
    as_of = (DAY + dt.timedelta(days=30)).isoformat()
    assert _json_keys(run(many, "rumours", "--as-of", as_of, "--format", "json", "--limit", "4")) == newest(4, last=30)
    result = run(many, "rumours", "--as-of", as_of, "--limit", "4")
    assert "Rumeurs ouvertes (4 plus récentes sur 31)" in result.stdout


def test_a_limit_larger_than_the_list_shows_it_all(many):
    result = run(many, "rumours", "--as-of", "2024-06-01", "--limit", "500")
    assert "Rumeurs ouvertes (60)" in result.stdout


def test_a_negative_limit_is_refused_with_nothing_printed(many):
    result = run(many, "rumours", "--limit", "-1")
    assert result.exit_code != 0
    assert "--limit" in result.output and "Traceback" not in result.output
    assert "Rumeurs" not in result.stdout
