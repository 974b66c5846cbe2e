"""The console script's own path for read commands prints what the typer commands print, byte for
byte, and imports neither typer nor spaCy."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPORT_DAY
from tracker import entry, read_commands, views
from tracker.cli import app
from tracker.commands import COMMANDS


@pytest.mark.parametrize("argv, expected", [
    (["rumours"], ("rumours", {"format": "table"})),
    (["--db", "sqlite:///a.db", "--db=sqlite:///b.db", "rumours", "--entity", "Leica", "-f", "json"],
     ("rumours", {"db": "sqlite:///b.db", "entity": "Leica", "format": "json"})),
    (["claims", "--state", "rumour", "--state=expired", "--as-of", "2030-01-01", "--since=2021-01-01", "--relation", "launch", "--format", "csv"],
     ("claims", {"state": ["rumour", "expired"], "as_of": "2030-01-01", "since": "2021-01-01", "relation": "launch", "format": "csv"})),
    (["show", "partnership:leica|xiaomi", "--format", "json"], ("show", {"ident": "partnership:leica|xiaomi", "format": "json"})),
    (["report", "-o", "r.html", "-f", "html"], ("report", {"output": "r.html", "format": "html"})),
    (["rumours", "-n", "3", "--format", "json"], ("rumours", {"limit": 3, "format": "json"})),
    (["claims", "--limit=0"], ("claims", {"limit": 0, "format": "table"})),
    (["claims", "--state", "bogus", "--relation", "bogus", "--since", "hier"],  # values the command itself refuses, as typer's would
     ("claims", {"state": ["bogus"], "relation": "bogus", "since": "hier", "format": "table"})),
])
def test_entry_parses_plain_read_command_lines(argv, expected):
    assert entry.parse(argv) == expected


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["rumours", "--help"], ["ingest", "corpus"], ["analyse", "-"], ["--db"], ["rumours", "--db", "x"],
    ["rumours", "--entity"], ["rumours", "--entity", "--format", "json"], ["rumours", "-fjson"], ["rumours", "-f=json"],
    ["rumours", "--format", "xml"], ["rumours", "--format", "JSON"], ["show"], ["show", "1", "2"], ["show", "1", "--format", "csv"],
    ["rumours", "extra"], ["rumours", "--"], ["rumours", "--state", "rumour"], ["claims", "--entit", "x"], ["show", "-1"],
    ["rumours", "--limit", "-1"], ["rumours", "--limit", "dix"], ["rumours", "-n", "٣"], ["show", "1", "--limit", "2"],
])
def test_entry_leaves_every_other_command_line_to_typer(argv):
    assert entry.parse(argv) is None


@pytest.mark.parametrize("name", list(COMMANDS))
def test_entry_and_typer_take_every_option_of_the_command_table(name):
    """Each option of tracker.commands is parsed by the entry point and listed by the command's help."""
    command = COMMANDS[name]
    shown = " ".join(CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "400", "TERMINAL_WIDTH": "400"}).stdout.split())
    assert command.help in shown
    for option in command.options:
        assert all(flag in shown for flag in option.flags) and " ".join(option.help.split()) in shown, (name, option.flags)
        value = option.choices[-1] if option.choices else "7"
        for flag in option.flags:
            argv = [name, *(["1"] if command.argument else []), flag, value]
            parsed = entry.parse(argv)
            assert parsed is not None, argv
            want = [value] if option.kind is list else int(value) if option.kind is int else value
            assert parsed[1][option.name] == want, argv


def _commands(url: str) -> list[list[str]]:
    listings = [[c, "--format", f] for c in ("rumours", "claims") for f in ("json", "csv", "table")]
    filtered = [
        ["claims", "--entity", "Leica"], ["claims", "--entity", "la firme de Cupertino"], ["claims", "--relation", "acquisition"],
        ["claims", "--since", "2022-01-01"], ["claims", "--state", "confirmed", "--state", "denied"], ["rumours", "--relation", "launch"],
        ["claims", "--limit", "3"], ["claims", "-n", "0"], ["rumours", "--as-of", "2021-06-01", "--limit", "1"],
    ]
    dated = [["rumours", "--as-of", "2021-06-01"], ["claims", "--as-of", "2023-03-01"], ["claims", "--as-of", REPORT_DAY],
             ["claims", "--as-of", "2031-01-01", "--state", "expired"]]
    errors = [["claims", "--state", "bogus"], ["rumours", "--relation", "bogus"], ["rumours", "--since", "hier"], ["show", "99999"],
              ["show", "1", "--as-of", "1990-01-01"], ["report", "--output", "/no/such/dir/r.md", "--as-of", REPORT_DAY]]
    shows = [["show", "1"], ["show", "partnership:leica|xiaomi", "--format", "json"], ["show", "2", "--as-of", "2021-06-01"]]
    reports = [["report", "--as-of", REPORT_DAY, "--format", f] for f in ("md", "json", "csv", "html")]
    out = [*listings, *[[*a, "--format", f] for a in filtered + dated for f in ("json", "csv", "table")], *errors, *shows, *reports]
    return [["--db", url, *a] for a in out]


def test_entry_read_commands_print_what_the_typer_commands_print(stored, capsys):
    url = stored("corpus")
    runner = CliRunner()
    codes = set()
    for argv in _commands(url):
        parsed = entry.parse(argv)
        assert parsed is not None, argv
        code = entry.run(*parsed)
        lean = capsys.readouterr()
        typer_ = runner.invoke(app, argv)
        assert (code, lean.out, lean.err) == (typer_.exit_code, typer_.stdout, typer_.stderr), argv
        codes.add(code)
    assert codes == {0, 1, 2, 4}, codes


@pytest.mark.parametrize("args, as_of, states", [
    (["rumours"], REPORT_DAY, ["rumour"]), (["claims"], REPORT_DAY, None), (["claims", "--state", "expired"], "2031-01-01", ["expired"]),
])
def test_entry_listing_prints_json_dumps_of_each_refolded_claim(stored, capsys, args, as_of, states):
    """The JSON listing, read from the stored states, prints each claim refolded from its mentions as
    json.dumps would."""
    import datetime as dt

    from tracker.store.db import open_engine

    url = stored("corpus")
    assert entry.run(*entry.parse(["--db", url, *args, "--as-of", as_of, "--format", "json"])) == 0
    with open_engine(url).connect() as conn:
        refolded = views.refolded_claims(conn, dt.date.fromisoformat(as_of), states=states)
    assert refolded
    assert capsys.readouterr().out == _dumps(refolded) + "\n"


def _dumps(rows: list[views.Listed]) -> str:
    """The listing as json.dumps writes each row's :data:`read_commands.LIST_FIELDS`."""
    fields = [{k: getattr(r, k) for k in read_commands.LIST_FIELDS} for r in rows]
    for f in fields:
        f["first_seen"], f["expected_by"] = f["first_seen"].isoformat(), f["expected_by"] and f["expected_by"].isoformat()
    return "[" + ",".join("\n  " + json.dumps(f, ensure_ascii=False) for f in fields) + ("\n]" if rows else "]")


texts = st.text(st.characters(codec="utf-8") | st.sampled_from('"\\\n\t\x00\x1b\u2028é’«»'))
listing_rows = st.lists(st.builds(
    views.Listed, id=st.integers(), key=texts, relation=st.sampled_from(read_commands.RELATION_NAMES) | texts,
    entities=st.lists(texts, min_size=1, max_size=3), state=st.sampled_from(read_commands.STATE_NAMES),
    confidence=st.floats() | st.integers() | st.booleans(), first_seen=st.dates(), resolved_at=st.none(), resolved_by=st.none(),
    expected_by=st.none() | st.dates(), sources=st.lists(texts, max_size=3), mention_count=st.integers(min_value=0),
    article_count=st.integers(min_value=0), evidence=st.none() | texts, evidence_cues=st.lists(texts, max_size=3),
    evidence_article=st.none() | st.integers(),
), max_size=4)


@given(listing_rows)
def test_entry_listing_json_is_json_dumps_of_each_row(rows):
    assert read_commands.listing_json(rows) == _dumps(rows)


def test_entry_listing_json_of_the_corpus_is_json_dumps_of_each_row(stored):
    rows, _ = views.list_claims(stored("corpus"), as_of=None)
    assert rows and any(r.expected_by for r in rows) and any(r.evidence_cues for r in rows)
    assert read_commands.listing_json(rows) == _dumps(rows)
    assert not any(isinstance(r.confidence, float) and not math.isfinite(r.confidence) for r in rows)


NOT_IMPORTED = ("spacy", "thinc", "typer", "click", "pydantic", "alembic")


@pytest.mark.parametrize("how", ["console script", "python -m"])
def test_entry_read_commands_import_neither_typer_nor_spacy(stored, tmp_path, how):
    script = Path(sys.executable).with_name("tracker")
    if how == "console script" and not script.exists():
        pytest.skip(f"no console script beside {sys.executable}: install the package (pip install -e .)")
    start = [str(script)] if how == "console script" else [sys.executable, "-m", "tracker"]
    url = stored("corpus")
    for args in (["rumours", "--format", "json"], ["claims", "--entity", "Leica", "--format", "csv"], ["show", "1", "--format", "json"],
                 ["show", "1"], ["report", "--format", "json", "--as-of", REPORT_DAY]):
        # from a folder of its own: run from the checkout, « import tracker » would find the source tree,
        # not the installed package and its pipeline data
        done = subprocess.run([*start, "--db", url, *args], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                              env={"PYTHONPROFILEIMPORTTIME": "1", "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
        imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
        assert "tracker.read_commands" in imported and "tracker.store.query" in imported
        assert not {m for m in imported if m.split(".")[0] in NOT_IMPORTED}, args
        assert done.stdout == CliRunner().invoke(app, ["--db", url, *args]).stdout, args
