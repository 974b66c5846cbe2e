"""The console script and ``python -m tracker``: plain read commands without typer, the rest with it.

Typer builds its command line with click and pydantic: a fifth of a second of imports before any
work, as long as a filtered listing takes. So ``rumours``, ``claims``, ``show`` and ``report`` are
parsed here when their command line is plain (known options, each with its value, a known format)
and run straight from :mod:`tracker.read_commands`. Anything else (``--help``, no command, a typo,
an unknown format, a value that looks like an option) goes to the typer app of :mod:`tracker.cli`,
which says what it always said.
"""

from __future__ import annotations

import codecs
import gc
import re
import sys
from pathlib import Path
from typing import Optional

FORMAT = {"--format": "format", "-f": "format"}
LISTING = {"--entity": "entity", "--relation": "relation", "--since": "since", "--as-of": "as_of", "--limit": "limit", "-n": "limit", **FORMAT}
OPTIONS = {
    "rumours": LISTING,
    "claims": {**LISTING, "--state": "state"},
    "show": {"--as-of": "as_of", **FORMAT},
    "report": {"--output": "output", "-o": "output", "--as-of": "as_of", **FORMAT},
}
FORMATS = {"rumours": ("table", "json", "csv"), "claims": ("table", "json", "csv"), "show": ("table", "json"),
           "report": ("md", "json", "csv", "html")}
DEFAULT_FORMAT = {"rumours": "table", "claims": "table", "show": "table", "report": "md"}
# click.echo's: colour codes are dropped when the output is not a terminal
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def main() -> None:
    command = parse(sys.argv[1:]) if _plain_streams() else None
    if command is None:
        from tracker.cli import main as typer_main

        typer_main()
        return
    # a read command lives a second and makes no garbage cycles worth collecting: the collector's
    # full passes over the objects of 30,000 rows, as they pile up, would cost a tenth of a second
    gc.disable()
    sys.exit(run(*command))


def parse(argv: list[str]) -> Optional[tuple[str, dict]]:
    """``(command, options)`` of a plain read command line, in the names of
    :mod:`tracker.read_commands`; None when typer should read it.

    >>> parse(["--db", "sqlite:///t.db", "claims", "--state", "rumour", "--state=fact", "-f", "json"])
    ('claims', {'db': 'sqlite:///t.db', 'state': ['rumour', 'fact'], 'format': 'json'})
    >>> parse(["rumours", "--help"]) is None, parse(["show", "1", "2"]) is None, parse(["rumours", "-f", "xml"]) is None
    (True, True, True)
    >>> parse(["rumours", "-n", "5"]), parse(["rumours", "--limit", "cinq"]) is None
    (('rumours', {'limit': 5, 'format': 'table'}), True)
    """
    command, names, options, positional = None, {"--db": "db"}, {}, []
    rest = list(argv)
    while rest:
        token = rest.pop(0)
        if not token.startswith("-"):
            if command is None:
                if token not in OPTIONS:
                    return None
                command, names = token, OPTIONS[token]
            else:
                positional.append(token)
            continue
        name, eq, value = token.partition("=")
        if name not in names or (eq and not name.startswith("--")):
            return None
        if not eq:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        if names[name] == "state":
            options.setdefault("state", []).append(value)
        else:
            options[names[name]] = value  # given twice, the last one wins, as in click
    if command is None or len(positional) != (command == "show"):
        return None
    options.setdefault("format", DEFAULT_FORMAT[command])
    if options["format"] not in FORMATS[command]:
        return None
    if "limit" in options:
        if not options["limit"].isascii() or not options["limit"].isdigit():
            return None  # typer says what is wrong with it
        options["limit"] = int(options["limit"])
    if command == "show":
        options["ident"] = positional[0]
    return command, options


def run(command: str, options: dict) -> int:
    """Run a parsed read command; its exit code, with errors said in one line on standard error."""
    from tracker import read_commands

    db, as_of, format = options.get("db"), options.get("as_of"), options["format"]
    try:
        if command == "rumours":
            read_commands.listing(echo, db, ["rumour"], options.get("entity"), options.get("relation"), options.get("since"), as_of,
                                  format, "Rumeurs ouvertes", options.get("limit"))
        elif command == "claims":
            read_commands.listing(echo, db, options.get("state"), options.get("entity"), options.get("relation"), options.get("since"),
                                  as_of, format, "Affirmations", options.get("limit"))
        elif command == "show":
            read_commands.show(echo, db, options["ident"], as_of, format)
        else:
            output = options.get("output")
            read_commands.report(echo, db, format, None if output is None else Path(output), as_of)
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - the last line of defence of a CLI
        message, code = read_commands.outcome(exc)
        if message is not None:
            echo(f"tracker: {message}", err=True)
        return code
    return 0


def echo(message: str = "", *, nl: bool = True, err: bool = False) -> None:
    """``typer.echo`` of a text: to standard output (or error), flushed, without colour codes
    unless a terminal reads it."""
    stream = sys.stderr if err else sys.stdout
    out = message + "\n" if nl else message
    if "\033" in out and not _isatty(stream):
        out = _ANSI.sub("", out)
    stream.write(out)
    stream.flush()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except Exception:  # noqa: BLE001 - as click: a stream that cannot tell is no terminal
        return False


def _plain_streams() -> bool:
    # click rewraps a stream it finds misconfigured (no stream, or ASCII): leave those to it
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is None or codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "ascii":
                return False
        except LookupError:
            pass
    return True
