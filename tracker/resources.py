"""Pipeline data shipped in ``models/`` (installed as the package ``tracker.models``)."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from importlib import resources
from typing import Any

from tracker.errors import ModelDataError, UserGazetteerError


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


USER_GAZETTEER_ENV = "TRACKER_GAZETTEER"
_ENTITY_TYPES = frozenset({"ORG", "BRAND", "PRODUCT", "PERSON", "AUTHORITY", "COMPONENT"})
_OPTIONAL_TYPES = {"aliases": list, "country": str, "parent": str, "org": str, "case_sensitive": bool}
GAZETTEER_KEYS = {
    "name": "canonical name, unique across the file",
    "type": "ORG, BRAND, PRODUCT, PERSON, AUTHORITY or COMPONENT",
    "aliases": "other surface forms (casings, legal names, descriptors that name this entity only)",
    "country": "ISO 3166-1 alpha-2 code of the headquarters, or null",
    "parent": "canonical name of the owner or maker, or null",
    "org": "for a PERSON: the organisation they speak for, or null",
    "case_sensitive": "true when a form is also an ordinary word (Orange, Free, Switch)",
}


def gazetteer(user_path: str | None = None) -> tuple[dict, ...]:
    """The shipped gazetteer with the user's own file (``user_path``, else ``$TRACKER_GAZETTEER``)
    merged over it: an entry of the user's replaces the shipped entry of the same name, the others
    are added. Read and checked once per file and process."""
    return _merged(user_path or os.environ.get(USER_GAZETTEER_ENV) or None)


@cache
def _merged(user_path: str | None) -> tuple[dict, ...]:
    shipped = load_jsonl("gazetteer.jsonl")
    if user_path is None:
        return shipped
    own = read_user_gazetteer(user_path)
    mine = {r["name"] for r in own}
    kept = tuple(r for r in shipped if r["name"] not in mine)
    owner = {form.lower(): r["name"] for r in kept for form in [r["name"], *r.get("aliases", [])]}
    for r in own:
        for form in [r["name"], *r["aliases"]]:
            if form.lower() in owner:
                raise UserGazetteerError(f"gazetteer {user_path}: {r['name']!r} names {form!r}, which is already "
                                     f"{owner[form.lower()]!r}: add that entry with the same name to replace it")
            owner[form.lower()] = r["name"]
    return kept + own


def read_user_gazetteer(path: str) -> tuple[dict, ...]:
    """Read and check a user's gazetteer file (JSON lines, the shipped file's schema): a misspelt
    key, a missing one or an alias that another entry already has is refused with its line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserGazetteerError(f"gazetteer {path}: cannot be read ({exc.__class__.__name__})") from exc
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"gazetteer {path} line {lineno}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UserGazetteerError(f"{where}: invalid JSON: {exc.msg}") from exc
        if not isinstance(row, dict):
            raise UserGazetteerError(f"{where}: each line is one JSON object")
        unknown = sorted(set(row) - set(GAZETTEER_KEYS))
        if unknown:
            raise UserGazetteerError(f"{where}: unknown key {unknown[0]!r}; valid keys: {', '.join(GAZETTEER_KEYS)}")
        try:
            require(row, {"name": str, "type": str, **{k: t for k, t in _OPTIONAL_TYPES.items() if row.get(k) is not None}}, where)
        except ModelDataError as exc:
            raise UserGazetteerError(str(exc)) from None
        if row["type"] not in _ENTITY_TYPES:
            raise UserGazetteerError(f"{where}: type {row['type']!r} is not one of {', '.join(sorted(_ENTITY_TYPES))}")
        row.setdefault("aliases", [])
        row.setdefault("country", None)
        row.setdefault("parent", None)
        rows.append(row)
    return tuple(rows)


def canonical(name: str) -> str:
    """« OPPO » → « Oppo », « la firme de Cupertino » → « Apple » (gazetteer), else as given."""
    wanted = " ".join(name.split()).lower()
    for row in gazetteer():
        if row["name"].lower() == wanted or any(a.lower() == wanted for a in row.get("aliases", [])):
            return row["name"]
    return name.strip()
