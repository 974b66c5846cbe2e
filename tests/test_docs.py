"""Every command has help and is documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from tracker.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_command(app).commands)


def test_docs_commands_exist():
    assert {"ingest", "analyse", "rumours", "claims", "show", "report"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_command_has_help_and_readme_entry(name):
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    assert f"tracker {name}" in README
