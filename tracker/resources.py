"""Pipeline data shipped in ``models/`` (installed as the package ``tracker.models``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from tracker.errors import ModelDataError


def _read(name: str) -> str:
    try:
        return resources.files("tracker.models").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelDataError(f"pipeline data models/{name} is missing: reinstall tracker") from exc


@cache
def load_json(name: str) -> Any:
    """Parse ``models/<name>``; a syntax error names the file and line."""
    try:
        return json.loads(_read(name))
    except json.JSONDecodeError as exc:
        raise ModelDataError(f"models/{name}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc


@cache
def load_jsonl(name: str) -> tuple[dict, ...]:
    rows = []
    for lineno, line in enumerate(_read(name).splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ModelDataError(f"models/{name}: invalid JSON at line {lineno}: {exc.msg}") from exc
    return tuple(rows)


def require(obj: dict, keys: dict[str, type], where: str) -> None:
    """Validate that ``obj`` has each key with the given type; the error names the bad key."""
    for key, typ in keys.items():
        if key not in obj:
            raise ModelDataError(f"{where}: missing key {key!r}")
        if not isinstance(obj[key], typ):
            raise ModelDataError(f"{where}: key {key!r} should be {typ.__name__}, got {type(obj[key]).__name__}")


def canonical(name: str) -> str:
    """« OPPO » → « Oppo », « la firme de Cupertino » → « Apple » (gazetteer), else as given."""
    wanted = " ".join(name.split()).lower()
    for row in load_jsonl("gazetteer.jsonl"):
        if row["name"].lower() == wanted or any(a.lower() == wanted for a in row.get("aliases", [])):
            return row["name"]
    return name.strip()
