"""Bad input through `tracker ingest`: one line on stderr, a non-zero exit, nothing half-stored."""

from __future__ import annotations

import codecs
import datetime as dt
import json

import ftfy.bad_codecs  # noqa: F401 - registers the "sloppy-windows-1252" codec used to make mojibake
import pytest
from typer.testing import CliRunner

from tracker.articles import MAX_BYTES
from tracker.cli import app

runner = CliRunner()
ENGLISH = "The quick brown fox jumps over the lazy dog, and the company said on Monday that it would buy the startup next year for two billion dollars.\n" * 2


def run(db_url, *args, input=None):
    return runner.invoke(app, ["--db", db_url, *args], input=input)


def stored(db_url) -> list[dict]:
    result = run(db_url, "report", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["articles"]


def one_error_line(result) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tracker: ")
    return lines[0]


def _make(tmp_path, kind: str) -> str:
    bad = tmp_path / "bad.txt"
    if kind == "missing":
        return str(bad)
    if kind == "folder without articles":
        (tmp_path / "bad").mkdir()
        (tmp_path / "bad" / "photo.png").write_bytes(b"\x89PNG")
        return str(tmp_path / "bad")
    content = {
        "empty": b"",
        "whitespace": b" \n\t\r\n  \n",
        "binary": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00",
        "huge": b"a" * (MAX_BYTES + 1),
        "english": ENGLISH.encode(),
        "bad header date": "date 2022-02-30 Apple rachète Netflix\nSelon Bloomberg, Apple pourrait racheter Netflix.\n".encode(),
        "future header date": "date 2999-01-01 Apple rachète Netflix\nSelon Bloomberg, Apple pourrait racheter Netflix.\n".encode(),
    }[kind]
    bad.write_bytes(content)
    return str(bad)


@pytest.mark.parametrize(
    "kind, words",
    [("missing", "no such file"), ("folder without articles", "no article files"), ("empty", "empty"), ("whitespace", "empty"),
     ("binary", "binary"), ("huge", "too large"), ("english", "language found: en"), ("bad header date", "2022-02-30"),
     ("future header date", "after today")],
)
def test_cli_input_bad_file_is_one_line_and_stores_nothing(db_url, seeds, tmp_path, kind, words):
    run(db_url, "ingest", str(seeds[0]))
    before = stored(db_url)
    line = one_error_line(run(db_url, "ingest", _make(tmp_path, kind)))
    assert "bad" in line and words in line
    assert stored(db_url) == before


def test_cli_input_multi_file_ingest_names_the_bad_ones_and_stores_the_others(db_url, seeds, tmp_path):
    english = tmp_path / "english.txt"
    english.write_text(ENGLISH)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 50)
    result = run(db_url, "ingest", str(seeds[0]), str(english), str(seeds[1]), str(binary), str(seeds[2]))
    assert result.exit_code == 2
    assert "english.txt" in result.stderr and "image.txt" in result.stderr
    assert sorted(a["path"] for a in stored(db_url)) == sorted(map(str, seeds))


def test_cli_input_missing_path_stops_before_storing_anything(db_url, seeds, tmp_path):
    line = one_error_line(run(db_url, "ingest", str(seeds[0]), str(tmp_path / "typo.txt")))
    assert "typo.txt" in line
    assert stored(db_url) == []


@pytest.mark.parametrize("value", ["hier", "2024-02-30", "14/05/2021"])
def test_cli_input_unparseable_date(db_url, seeds, value):
    result = run(db_url, "ingest", "--date", value, str(seeds[0]))
    assert result.exit_code == 2
    assert value in one_error_line(result)
    assert stored(db_url) == []


@pytest.mark.parametrize("command", ["ingest", "analyse"])
def test_cli_input_future_date_names_it_and_today(db_url, seeds, command):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    result = run(db_url, command, "--date", tomorrow.isoformat(), str(seeds[0]))
    assert result.exit_code == 2
    line = one_error_line(result)
    assert tomorrow.isoformat() in line and dt.date.today().isoformat() in line
    assert stored(db_url) == []


def test_cli_input_today_is_not_the_future(db_url, seeds):
    result = run(db_url, "ingest", "--date", dt.date.today().isoformat(), str(seeds[0]))
    assert result.exit_code == 0, result.output
    assert [a["date"] for a in stored(db_url)] == [dt.date.today().isoformat()]


def test_cli_input_standard_input_over_the_limit(db_url):
    result = run(db_url, "ingest", "-", input=b"Apple pourrait racheter Netflix. " * (MAX_BYTES // 30))
    assert "too large" in one_error_line(result)
    assert stored(db_url) == []


def test_cli_input_reencoded_copies_are_stored_once(db_url, seeds, tmp_path):
    text = seeds[1].read_text(encoding="utf-8")
    copies = {
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "cp1252.txt": text.encode("cp1252"),
        # what a site that read UTF-8 as Windows-1252 publishes (undefined bytes kept as controls)
        "mojibake.txt": text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"),
        "page.html": f"<html><body><p>{text.replace(chr(10), '</p><p>')}</p></body></html>".encode("utf-8"),
    }
    for name, data in copies.items():
        (tmp_path / name).write_bytes(data)
    result = run(db_url, "ingest", str(seeds[1]), *(str(tmp_path / n) for n in copies))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("already stored") == len(copies)
    assert [a["path"] for a in stored(db_url)] == [str(seeds[1])]
