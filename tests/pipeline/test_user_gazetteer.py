"""A user's own gazetteer (``--gazetteer FILE``, ``$TRACKER_GAZETTEER``): merged over the shipped
one, checked like it, and told by name when a key is misspelt."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.resources import USER_GAZETTEER_ENV

runner = CliRunner()

NICHE = [
    {"name": "Zorvex Robotique", "type": "ORG", "aliases": ["Zorvex", "ZRX"], "country": "FR", "parent": None},
    {"name": "Brimelec", "type": "ORG", "aliases": ["les Ateliers Brimelec"], "country": "FR", "parent": None},
]


def write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def keys(result) -> set[str]:
    assert result.exit_code == 0, result.output
    return {c["key"] for c in json.loads(result.stdout)["claims"]}


@pytest.fixture
def no_user_gazetteer(monkeypatch):
    """The CLI hands the file to the pipeline through the environment: restore it after each test."""
    monkeypatch.setenv(USER_GAZETTEER_ENV, "")


def test_one_key_for_every_alias_of_a_users_company(tmp_path, no_user_gazetteer):
    gaz = write(tmp_path / "mes_noms.jsonl", NICHE)
    first = tmp_path / "a.txt"
    first.write_text("Zorvex serait sur le point de racheter les Ateliers Brimelec.\n", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("ZRX officialise le rachat de Brimelec.\n", encoding="utf-8")
    got = [keys(runner.invoke(app, ["analyse", str(f), "--gazetteer", str(gaz)])) for f in (first, second)]
    assert got[0] == got[1] == {"acquisition:zorvex robotique|brimelec"}


@pytest.mark.parametrize("row,named", [
    ({"name": "Zorvex", "typ": "ORG"}, "'typ'"),
    ({"name": "Zorvex", "type": "ORG", "alias": ["ZRX"]}, "'alias'"),
    ({"name": "Zorvex", "type": "ORGA"}, "'ORGA'"),
    ({"name": "Zorvex", "type": "ORG", "aliases": "ZRX"}, "'aliases'"),
    ({"type": "ORG"}, "'name'"),
])
def test_a_misspelt_gazetteer_is_refused_by_name(tmp_path, no_user_gazetteer, row, named):
    gaz = write(tmp_path / "mes_noms.jsonl", [NICHE[1], row])
    article = tmp_path / "a.txt"
    article.write_text("Zorvex rachète Brimelec.\n", encoding="utf-8")
    result = runner.invoke(app, ["analyse", str(article), "--gazetteer", str(gaz)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "line 2" in lines[0] and named in lines[0], result.stderr
    if "key" in lines[0] and "unknown" in lines[0]:
        assert "valid keys: name, type, aliases" in lines[0]


def test_an_alias_another_entry_owns_is_refused(tmp_path, no_user_gazetteer):
    gaz = write(tmp_path / "mes_noms.jsonl", [{"name": "Pomme Labs", "type": "ORG", "aliases": ["Apple"]}])
    article = tmp_path / "a.txt"
    article.write_text("Pomme Labs rachète Brimelec.\n", encoding="utf-8")
    result = runner.invoke(app, ["analyse", str(article), "--gazetteer", str(gaz)])
    assert result.exit_code == 2
    assert "'Apple'" in result.stderr


def test_an_entry_of_the_same_name_replaces_the_shipped_one(tmp_path, no_user_gazetteer):
    """A user who follows a niche renames how a known company is written in their reports."""
    gaz = write(tmp_path / "mes_noms.jsonl", [{"name": "Nokia", "type": "ORG", "aliases": ["Nokia Oyj", "le finlandais"]}])
    article = tmp_path / "a.txt"
    article.write_text("Le finlandais rachète Ericsson.\n", encoding="utf-8")
    assert keys(runner.invoke(app, ["analyse", str(article), "--gazetteer", str(gaz)])) == {"acquisition:nokia|ericsson"}
