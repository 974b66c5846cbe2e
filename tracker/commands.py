"""The read commands and their options, declared once: :mod:`tracker.entry` parses a plain command
line with this table without importing typer, and :mod:`tracker.cli` builds its typer commands
from it, so both accept the same options with the same help."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

STATE_NAMES = ("rumour", "confirmed", "denied", "fact", "expired")
RELATION_NAMES = ("partnership", "partnership_end", "acquisition", "launch", "feature", "investment", "sanction", "merger")


@dataclass(frozen=True)
class Option:
    name: str  # the parameter's name in read_commands.run's options
    flags: tuple[str, ...]  # the long flag first; an argument's metavar
    help: str
    kind: type = str  # str, int (at least 0), list (repeatable, of str), Path
    choices: tuple[str, ...] = ()  # the values accepted, in the order help lists them
    default: str | None = None


@dataclass(frozen=True)
class Command:
    help: str
    options: tuple[Option, ...]
    argument: Option | None = None


DB = Option("db", ("--db",), "SQLAlchemy URL (default: $TRACKER_DB, else sqlite:///tracker.db).")  # before the command
AS_OF = Option("as_of", ("--as-of",), "Date d'observation (défaut : aujourd'hui) ; les rumeurs échues expirent.")
_FILTERS = (
    Option("entity", ("--entity",), "Ne garder que les affirmations qui citent cette entité (alias acceptés)."),
    Option("relation", ("--relation",), f"Relation : {', '.join(RELATION_NAMES)}."),
    Option("since", ("--since",), "Vues pour la première fois à partir de cette date (YYYY-MM-DD)."),
    AS_OF,
)
_LISTED = (
    Option("format", ("--format", "-f"), "table, json ou csv.", choices=("table", "json", "csv"), default="table"),
    Option("limit", ("--limit", "-n"), "Nombre maximal de lignes, les plus récentes (0 : toutes). Défaut : 50 en tableau, toutes en "
                                        "json et csv.", kind=int),
)

COMMANDS = {
    "rumours": Command("List open rumours, newest first, with their best evidence sentence and cue.", (*_FILTERS, *_LISTED)),
    "claims": Command("List all claims, any state (filter with --state, repeatable).", (
        *_FILTERS, Option("state", ("--state",), f"État(s) : {', '.join(STATE_NAMES)}.", kind=list), *_LISTED)),
    "show": Command("Show one claim with its whole history: every mention and every state change.", (
        AS_OF, Option("format", ("--format", "-f"), "table ou json.", choices=("json", "table"), default="table")),
        argument=Option("ident", ("ID",), "Identifiant ou clé (partnership:leica|xiaomi).")),
    "report": Command("Export the resolution report: every claim, its state, its history, and the sources table.", (
        Option("format", ("--format", "-f"), "md, json, csv ou html.", choices=("md", "json", "csv", "html"), default="md"),
        Option("output", ("--output", "-o"), "Fichier de sortie (défaut : sortie standard).", kind=Path),
        AS_OF)),
}
