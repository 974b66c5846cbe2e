"""End to end through the command line: the seeds, in any order, give the spec's states."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app

runner = CliRunner()


def run(db_url, *args, input=None):
    return runner.invoke(app, ["--db", db_url, *args], input=input)


def states(db_url):
    result = run(db_url, "report", "--format", "json", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    return report, {c["key"]: c for c in report["claims"]}


@pytest.mark.parametrize("order", ["date", "reverse"])
def test_cli_seeds_give_the_expected_states(db_url, seeds, order):
    files = seeds if order == "date" else list(reversed(seeds))
    for f in files:
        result = run(db_url, "ingest", str(f))
        assert result.exit_code == 0, result.output
    report, claims = states(db_url)
    lx = claims["partnership:leica|xiaomi"]
    assert lx["state"] == "confirmed"
    assert lx["first_seen"] == "2021-05-14"
    seed_ids = {Path(a["path"]).name[:3]: a["id"] for a in report["articles"]}
    assert lx["resolved_by"] == seed_ids["001"]
    assert lx["resolved_at"] == "2022-05-01"
    assert [h["state"] for h in lx["history"]] == ["rumour", "confirmed"]
    for key in ("partnership:honor|leica", "partnership:leica|sharp", "partnership_end:huawei|leica"):
        assert claims[key]["state"] == "rumour", key
    for key in ("partnership:hasselblad|oneplus", "partnership:vivo|zeiss"):
        assert claims[key]["state"] == "fact", key
    dates = {a["id"]: (a["date"], a["date_source"]) for a in report["articles"]}
    assert dates[seed_ids["000"]] == ("2021-05-14", "text")
    assert dates[seed_ids["001"]] == ("2022-05-01", "header")
    assert report["summary"]["claims"] == len(report["claims"])


def test_cli_ingest_order_does_not_change_the_report(tmp_path, seeds):
    a, b = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    run(a, "ingest", *map(str, seeds))
    run(b, "ingest", *map(str, reversed(seeds)))

    def comparable(url):
        _, claims = states(url)
        return {k: (c["state"], c["first_seen"], c["resolved_at"], c["confidence"], c["expected_by"]) for k, c in claims.items()}

    assert comparable(a) == comparable(b)


def test_cli_reingest_is_a_no_op(db_url, seeds):
    run(db_url, "ingest", *map(str, seeds))
    _, before = states(db_url)
    result = run(db_url, "ingest", *map(str, seeds))
    assert result.exit_code == 0
    assert result.stdout.count("already stored") == 3
    _, after = states(db_url)
    assert before == after


def test_cli_rumours_list_open_rumours_with_evidence(db_url, seeds):
    run(db_url, "ingest", *map(str, seeds))
    result = run(db_url, "rumours", "--format", "json", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    keys = [r["key"] for r in rows]
    assert "partnership:leica|sharp" in keys and "partnership:leica|xiaomi" not in keys
    sharp = next(r for r in rows if r["key"] == "partnership:leica|sharp")
    assert "Leica pourrait bientôt conclure un nouveau partenariat avec Xiaomi, Honor, ou Sharp" in sharp["evidence"]
    assert "pourrait" in sharp["evidence_cues"]
    assert sharp["words"] == "Leica ↔ Sharp : partenariat"
    assert [r["first_seen"] for r in rows] == sorted((r["first_seen"] for r in rows), reverse=True)
    only = run(db_url, "rumours", "--entity", "SHARP", "--format", "json")
    assert [r["key"] for r in json.loads(only.stdout)] == ["partnership:leica|sharp"]
    table = run(db_url, "rumours")
    assert table.exit_code == 0 and "Rumeurs ouvertes" in table.stdout and "pourrait" in table.stdout


def test_cli_show_prints_both_articles(db_url, seeds):
    run(db_url, "ingest", *map(str, seeds))
    result = run(db_url, "show", "partnership:leica|xiaomi")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Leica pourrait bientôt conclure un nouveau partenariat" in out
    assert "Xiaomi officialise son partenariat avec Leica" in out
    assert "hedged" in out and "confirmed" in out
    assert "pourrait (hedge)" in out and "officialise (confirm)" in out


def _fingerprint(db_url):
    path = Path(db_url.removeprefix("sqlite:///"))
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.mark.parametrize("content", [None, b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"])
def test_cli_bad_file_one_line_error_and_db_untouched(db_url, seeds, tmp_path, content):
    run(db_url, "ingest", str(seeds[0]))
    _, before = states(db_url)
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    result = run(db_url, "ingest", str(bad))
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("tracker:") and "bad.txt" in lines[0]
    _, after = states(db_url)
    assert before == after


def test_cli_multi_file_ingest_skips_the_bad_one(db_url, seeds, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = run(db_url, "ingest", str(seeds[0]), str(bad), str(seeds[1]))
    assert result.exit_code == 2
    assert "empty.txt" in result.stderr
    report, claims = states(db_url)
    assert len(report["articles"]) == 2
    assert claims["partnership:leica|xiaomi"]["state"] == "confirmed"


def test_cli_analyse_json_shape(seeds):
    result = runner.invoke(app, ["analyse", str(seeds[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["article"]["date"] == "2021-05-14" and data["article"]["date_source"] == "text"
    assert all({"text", "stance", "factuality", "cues", "source"} <= set(s) for s in data["sentences"])
    assert {c["kind"] for s in data["sentences"] for c in s["cues"]} <= {"hedge", "report", "confirm", "deny"}
    # every sentence's and claim's axes give its stance by the contract's table
    from tracker.stance import stance_of

    for item in data["sentences"] + data["claims"]:
        f = item["factuality"]
        writer_confirms = f["source"] == "writer" and item["stance"] == "confirmed"
        assert stance_of(f["polarity"], f["certainty"], f["source"], confirmation=writer_confirms) == item["stance"], item
    keys = {c["key"] for c in data["claims"]}
    assert {"partnership:leica|xiaomi", "partnership:honor|leica", "partnership:leica|sharp"} <= keys


def test_cli_analyse_reads_stdin():
    result = runner.invoke(app, ["analyse", "-", "--date", "2024-02-01"], input="Selon Bloomberg, Apple pourrait racheter Netflix, et la rumeur enfle depuis des semaines dans la Silicon Valley.\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["claims"][0]["key"] == "acquisition:apple|netflix"
    assert data["claims"][0]["stance"] == "hedged"


@pytest.mark.parametrize("fmt, marker", [("md", "# Rapport"), ("csv", "id,key,relation"), ("html", "<!doctype html>")])
def test_cli_report_formats(db_url, seeds, tmp_path, fmt, marker):
    run(db_url, "ingest", *map(str, seeds))
    out = tmp_path / f"r.{fmt}"
    result = run(db_url, "report", "--format", fmt, "--output", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(marker)
    assert "leica" in text.lower()


def test_cli_errors_are_one_line(db_url, tmp_path):
    for args in (["show", "999"], ["rumours", "--since", "hier"], ["claims", "--state", "bogus"]):
        result = run(db_url, *args)
        assert result.exit_code != 0
        assert "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    bad_db = runner.invoke(app, ["--db", f"sqlite:///{tmp_path}/no/such/dir/x.db", "rumours"])
    assert bad_db.exit_code == 3 and "cannot open database" in bad_db.stderr
