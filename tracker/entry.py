"""The console script and ``python -m tracker``: plain read commands without typer, the rest with it.

Typer builds its command line with click and pydantic: a fifth of a second of imports before any
work, as long as a filtered listing takes. So ``rumours``, ``claims``, ``show`` and ``report`` are
parsed here, with the option table of :mod:`tracker.commands`, when their command line is plain
(known options, each with its value, a known format) and run by :func:`tracker.read_commands.run`,
as the typer commands are. Anything else (``--help``, no command, a typo, an unknown format, a
value that looks like an option) goes to the typer app of :mod:`tracker.cli`, which says what is
wrong.
"""

from __future__ import annotations

import codecs
import gc
import re
import sys
from typing import Optional

from tracker.commands import COMMANDS, DB

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
    :data:`tracker.commands.COMMANDS`; None when typer should read it.

    >>> parse(["--db", "sqlite:///t.db", "claims", "--state", "rumour", "--state=fact", "-f", "json"])
    ('claims', {'db': 'sqlite:///t.db', 'state': ['rumour', 'fact'], 'format': 'json'})
    >>> parse(["rumours", "--help"]) is None, parse(["show", "1", "2"]) is None, parse(["rumours", "-f", "xml"]) is None
    (True, True, True)
    >>> parse(["rumours", "-n", "5"]), parse(["rumours", "--limit", "cinq"]) is None
    (('rumours', {'limit': 5, 'format': 'table'}), True)
    """
    name, flags, options, positional = None, {"--db": DB}, {}, []
    rest = list(argv)
    while rest:
        token = rest.pop(0)
        if not token.startswith("-"):
            if name is None:
                if token not in COMMANDS:
                    return None
                name, flags = token, {flag: option for option in COMMANDS[token].options for flag in option.flags}
            else:
                positional.append(token)
            continue
        flag, eq, value = token.partition("=")
        if flag not in flags or (eq and not flag.startswith("--")):
            return None
        if not eq:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        option = flags[flag]
        if option.kind is list:
            options.setdefault(option.name, []).append(value)
        else:
            options[option.name] = value  # given twice, the last one wins, as in click
    if name is None or len(positional) != (COMMANDS[name].argument is not None):
        return None
    for option in COMMANDS[name].options:
        value = options.setdefault(option.name, option.default) if option.default is not None else options.get(option.name)
        if value is None:
            continue
        if option.choices and value not in option.choices:
            return None
        if option.kind is int:
            if not value.isascii() or not value.isdigit():
                return None  # typer says what is wrong with it
            options[option.name] = int(value)
    if positional:
        options[COMMANDS[name].argument.name] = positional[0]
    return name, options


def run(command: str, options: dict) -> int:
    """Run a parsed read command; its exit code, with errors said in one line on standard error."""
    from tracker import read_commands

    try:
        read_commands.run(echo, options.get("db"), command, options)
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
