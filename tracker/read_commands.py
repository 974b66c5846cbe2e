"""The read commands (rumours, claims, show, report) without typer: :func:`run`, which both the
entry point (:mod:`tracker.entry`) and the typer commands of :mod:`tracker.cli` call, and what each
command prints (tables, JSON, CSV, text) of the rows of :mod:`tracker.views`.

Each writes through the ``echo`` it is given (``typer.echo``, or the entry point's own), so both
paths print the very same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import sys
from json.encoder import encode_basestring  # the C one, which json.dumps(ensure_ascii=False) uses
from pathlib import Path
from typing import Callable, Optional

from tracker import errors
from tracker.commands import RELATION_NAMES, STATE_NAMES

LIST_FIELDS = ("id", "words", "key", "state", "first_seen", "mention_count", "sources", "confidence", "expected_by", "evidence", "evidence_cues")

Echo = Callable[..., None]
TITLES = {"rumours": "Rumeurs ouvertes", "claims": "Affirmations"}


def run(echo: Echo, db: Optional[str], command: str, options: dict) -> None:
    """Run a read command of :data:`tracker.commands.COMMANDS` with its ``options`` (by name; a
    missing one is not given), writing through ``echo``."""
    as_of, format = options.get("as_of"), options["format"]
    if command in TITLES:
        states = ["rumour"] if command == "rumours" else options.get("state")
        listing(echo, db, states, options.get("entity"), options.get("relation"), options.get("since"), as_of, format, TITLES[command],
                options.get("limit"))
    elif command == "show":
        show(echo, db, options["ident"], as_of, format)
    else:
        output = options.get("output")
        report(echo, db, format, None if output is None else Path(output), as_of)


def outcome(exc: BaseException) -> tuple[Optional[str], int]:
    """The one line (None: say nothing) and the exit code a command ends with when ``exc`` escapes it;
    never a traceback, never a password, never an SQL statement."""
    if isinstance(exc, errors.TrackerError):
        return errors.one_line(str(exc)), exc.exit_code
    if isinstance(exc, BrokenPipeError):
        # the reader went away (« tracker report | head »): stop quietly, like any Unix tool
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return None, 141
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted; articles already stored are kept, the one in progress was rolled back", 130
    database = _database_failure(exc)
    if database is not None:
        return errors.one_line(f"database error ({database}); nothing was changed by this command, try it again"), 3
    if isinstance(exc, OSError) and exc.strerror:
        where = f" {errors.shown(exc.filename)}" if exc.filename else ""
        return errors.one_line(f"cannot use{where}: {exc.strerror}"), 1
    return errors.one_line(f"internal error ({type(exc).__name__}: {_first_line(str(exc))}); please report it"), 70


def _database_failure(exc: BaseException) -> Optional[str]:
    """What a database driver said, without the statement SQLAlchemy appends to it; None when
    ``exc`` is no SQLAlchemy error."""
    sa_exc = sys.modules.get("sqlalchemy.exc")  # loaded whenever one of its errors exists
    if sa_exc is None or not isinstance(exc, sa_exc.SQLAlchemyError):
        return None
    orig = getattr(exc, "orig", None)
    if orig is not None:
        return f"{type(orig).__name__}: {_first_line(str(orig))}"
    return f"{type(exc).__name__}: {_first_line(str(exc).split('[SQL:')[0])}"


def _first_line(text: str) -> str:
    return (text.strip().splitlines() or [""])[0].strip()


def parse_date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    from tracker.articles import parse_date

    return parse_date(value)


TABLE_ROWS = 50  # a table is read, not exported: the newest claims, unless --limit says otherwise
MAX_LIMIT = 2**63 - 1  # the largest LIMIT both databases take; any larger --limit is « all »


def listing(echo: Echo, db: Optional[str], states: Optional[list[str]], entity: Optional[str], relation: Optional[str],
            since: Optional[str], as_of: Optional[str], format: str, title: str, limit: Optional[int] = None) -> None:
    """``rumours`` (states ["rumour"]) and ``claims``: table, json (one claim per line) or csv;
    ``limit`` newest rows (0 or None: all; a table shows :data:`TABLE_ROWS` unless told)."""
    for s in states or []:
        if s not in STATE_NAMES:
            raise errors.TrackerError(f"unknown state {s!r}; one of: {', '.join(STATE_NAMES)}")
    if relation and relation not in RELATION_NAMES:
        raise errors.TrackerError(f"unknown relation {relation!r}; one of: {', '.join(RELATION_NAMES)}")
    if limit is not None and limit < 0:
        raise errors.UsageError(f"--limit must be 0 (all) or more, not {limit}")
    if limit is not None and limit > MAX_LIMIT:
        limit = 0  # more rows than any database can hold: all of them
    if limit is None and format == "table":
        limit = TABLE_ROWS
    from tracker import views

    rows, total = views.list_claims(db, as_of=parse_date(as_of), states=states, entity=entity, relation=relation, since=parse_date(since),
                                    limit=limit or None)
    if format == "table":
        listing_table(rows, title, total)
    elif format == "json":
        echo(listing_json(rows))
    else:
        echo(listing_csv(rows), nl=False)


def listing_json(rows: list) -> str:
    """The rows' :data:`LIST_FIELDS` as one JSON array, one claim per line: what
    ``json.dumps(..., ensure_ascii=False)`` writes of each, assembled from json's C string encoder,
    at half the time of a ``json.dumps`` per row (30,000 rows)."""
    return "[" + ",".join([
        f'\n  {{"id": {_number(r.id)}, "words": {_string(r.words)}, "key": {_string(r.key)}, "state": {_string(r.state)}, '
        f'"first_seen": {_string(r.first_seen.isoformat())}, "mention_count": {_number(r.mention_count)}, "sources": {_strings(r.sources)}, '
        f'"confidence": {_number(r.confidence)}, "expected_by": {_string(r.expected_by and r.expected_by.isoformat())}, '
        f'"evidence": {_string(r.evidence)}, "evidence_cues": {_strings(r.evidence_cues)}}}'
        for r in rows
    ]) + ("\n]" if rows else "]")


def _string(value: Optional[str]) -> str:
    return "null" if value is None else encode_basestring(value)


def _strings(values: list[str]) -> str:
    return "[" + ", ".join(map(encode_basestring, values)) + "]"


def _number(value) -> str:
    # json writes an int or a finite float as its repr; let it write anything else (NaN, a bool)
    return repr(value) if type(value) is int or (type(value) is float and math.isfinite(value)) else json.dumps(value, ensure_ascii=False)


def listing_csv(rows: list) -> str:
    import csv
    import io

    from tracker.report.text import spreadsheet_safe

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(LIST_FIELDS)
    for r in rows:
        w.writerow([spreadsheet_safe(_cell(getattr(r, k))) for k in LIST_FIELDS])
    return buf.getvalue()


def _cell(value) -> object:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else value.isoformat() if isinstance(value, dt.date) else value


def terminal_text(value: object) -> "Text":
    """A string from an article as a cell of a rich table: never read as rich markup (« [/b] »
    would stop the table), its control characters escaped (:func:`tracker.errors.escaped`)."""
    from rich.text import Text

    return Text(errors.escaped(str(value)))


def listing_table(rows: list, title: str, total: int | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    total = len(rows) if total is None else total
    shown = f"{len(rows)} plus récentes sur {total:,}".replace(",", "\u202f") if len(rows) < total else f"{total}"
    caption = "--limit N pour en voir plus (0 : toutes), --format csv ou json pour tout exporter" if len(rows) < total else None
    table = Table(title=f"{title} ({shown})", caption=caption, show_lines=True)
    t = terminal_text
    for col in ("id", "affirmation", "état", "vue le", "mentions", "sources", "confiance", "preuve"):
        table.add_column(col, overflow="fold")
    for r in rows:
        cue = f" [{', '.join(r.evidence_cues)}]" if r.evidence_cues else ""
        table.add_row(str(r.id), t(r.words), t(r.state), t(r.first_seen.isoformat()), str(r.mention_count), t(", ".join(r.sources)),
                      f"{r.confidence:.2f}", t(f"« {r.evidence} »{cue}"))
    Console(width=max(120, Console().width)).print(table)


def show(echo: Echo, db: Optional[str], ident: str, as_of: Optional[str], format: str) -> None:
    """One claim with its whole history, as json or as text."""
    from tracker import views

    v = views.show_claim(db, ident, as_of=parse_date(as_of))
    if format == "json":
        echo(json.dumps(v, ensure_ascii=False, indent=2))
        return
    t = errors.escaped  # article text on a terminal: no control character reaches it
    echo(f"#{v['id']} {t(v['words'])}  [{t(v['key'])}]")
    echo(f"état : {v['state']}   confiance : {v['confidence']:.2f}   vue le : {v['first_seen']}"
         + (f"   résolue le : {v['resolved_at']} (article {v['resolved_by']}, {v['days_to_resolution']} jours)" if v["resolved_at"] else "")
         + (f"   attendue avant : {v['expected_by']}" if v["expected_by"] else ""))
    if v["sources"]:
        echo(f"sources : {t(', '.join(v['sources']))}")
    echo("\nmentions :")
    for m in v["mentions"]:
        cues = t(", ".join(f"{c['text']} ({c['kind']})" for c in m["cues"]) or "aucun indice")
        src = f" — source : {t(m['source'])}" if m["source"] else ""
        echo(f"  {m['date']}  article {m['article']} « {t(m['title'][:60])} »\n    {m['stance']:<9} « {t(m['sentence'])} »\n    indices : {cues}{src}"
             f"\n    factualité : {factuality_words(m['factuality'], m['negative'])}")
    echo("\nhistorique :")
    for h in v["history"]:
        said = f" — {h['negative']}" if h["negative"] else ""
        echo(f"  {h['date']}  {h['state']:<9} article {h['article']} ({h['stance']}{said}) « {t(h['sentence'] or '')} »")


_AXES_FR = {"positive": "positive", "negative": "négative", "certain": "certaine", "probable": "probable", "possible": "possible",
             "writer": "l'auteur", "party": "une partie", "third_party": "un tiers"}


def factuality_words(f: dict, negative: str | None = None) -> str:
    """« négative, possible, l'auteur — abandon évoqué »: a negative mention that resolves nothing
    says what it is (``negative``, from ``tracker.stance.negative_words``)."""
    words = ", ".join(_AXES_FR[f[k]] for k in ("polarity", "certainty", "source"))
    return f"{words} — {negative}" if negative else words


def report(echo: Echo, db: Optional[str], format: str, output: Optional[Path], as_of: Optional[str]) -> None:
    """The resolution report in ``format``, to standard output or to the file ``output`` (never one
    of the database's files; replaced whole or not at all)."""
    from tracker.report import build, render
    from tracker.report.output import check_output, write_atomically

    if output is not None:
        check_output(output, db)
    text = render(build(db, as_of=parse_date(as_of)), format)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomically(output, text)
    echo(f"report written to {errors.shown(output)}", err=True)
