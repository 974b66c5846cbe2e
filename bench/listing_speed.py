"""Cold ``tracker rumours`` (a table of the 50 newest) and ``tracker rumours --format json`` (all
~30,000 open rumours) on a database of 100,000 claims, against
``python -c "import sqlalchemy"`` running the very SQL statements the tracker sends.

    python bench/listing_speed.py [--db URL] [--claims 100000] [--rounds 5]

Without ``--db`` it fills a temporary SQLite database (bench/make_corpus.py, about 30 s). Both
sides are fresh processes (cold imports, warm disk cache); the best of the rounds is kept. The
statements are captured from one run of the same command line in this process (``tracker.entry``,
output thrown away), and the baseline's SQLite connection runs the tracker's PRAGMAs, so it is the
tracker's own database work with nothing around it: no ORM, no views, no output.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import figures  # noqa: E402

from tracker.store.db import SQLITE_PRAGMAS  # noqa: E402

BASELINE = """
import json, sys
import sqlalchemy
work = json.loads(open(sys.argv[2], encoding="utf-8").read())
engine = sqlalchemy.create_engine(sys.argv[1])

@sqlalchemy.event.listens_for(engine, "connect")
def connect(dbapi_conn, _record):
    for pragma in work["connect"]:
        dbapi_conn.execute(pragma)

with engine.connect() as conn:
    for sql, params in work["statements"]:
        conn.exec_driver_sql(sql, tuple(params)).fetchall()
"""

CASES = {
    "rumours": ["rumours"],
    "rumours --format json": ["rumours", "--format", "json"],
    "rumours --entity Apple --format json": ["rumours", "--entity", "Apple", "--format", "json"],
    "claims --state expired --format json": ["claims", "--state", "expired", "--format", "json"],
}


def capture(url: str, argv: list[str]) -> tuple[list, int]:
    """The SELECT statements (with their parameters) that ``tracker --db url argv`` sends, and the
    number of claims it prints (a table's title says it: « Rumeurs ouvertes (50 plus récentes sur 29 973) »)."""
    import contextlib
    import io

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from tracker import entry

    sent: list = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, list(parameters)))

    out = io.StringIO()
    event.listen(Engine, "before_cursor_execute", keep)
    try:
        with contextlib.redirect_stdout(out):
            assert entry.run(*entry.parse(["--db", url, *argv])) == 0, argv
    finally:
        event.remove(Engine, "before_cursor_execute", keep)
    if "json" in argv:
        return sent, len(json.loads(out.getvalue()))
    return sent, int(re.search(r"\((\d+)", out.getvalue())[1])


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of a fresh process: on a shared machine the CPU
    time moves less than the wall clock, which includes the waits for a core."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="SQLAlchemy URL of a filled database (default: a temporary one)")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(figures())
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db
        if url is None:
            from make_corpus import fill_database

            url = f"sqlite:///{tmp}/claims.db"
            start = time.perf_counter()
            counts = fill_database(url, args.claims, seed=7)
            print(f"filled {url}: " + ", ".join(f"{v} {k}" for k, v in counts.items()) + f" ({time.perf_counter() - start:.0f} s)")
        print(f"\n{'command (cold process)':<44} {'rows':>6} {'tracker':>8} {'baseline':>8} {'ratio':>6}   "
              f"{'CPU: tracker':>12} {'baseline':>8} {'ratio':>6}")
        bare = [timed([sys.executable, "-c", "import sqlalchemy"]) for _ in range(args.rounds)]
        for label, argv in CASES.items():
            statements, rows = capture(url, argv)
            stmt_file = Path(tmp) / "statements.json"
            # the same PRAGMAs on connecting as the tracker's SQLite connections (tracker.store.db)
            connect = list(SQLITE_PRAGMAS) if url.startswith("sqlite") else []
            stmt_file.write_text(json.dumps({"connect": connect, "statements": statements}), encoding="utf-8")
            ours, base = [], []
            for _ in range(args.rounds):
                ours.append(timed([sys.executable, "-m", "tracker", "--db", url, *argv]))
                base.append(timed([sys.executable, "-c", BASELINE, url, str(stmt_file)]))
            (wall, cpu), (base_wall, base_cpu) = (tuple(map(min, zip(*runs))) for runs in (ours, base))
            print(f"tracker {label:<36} {rows:6d} {wall:7.2f}s {base_wall:7.2f}s {wall / base_wall:6.2f}   "
                  f"{cpu:11.2f}s {base_cpu:7.2f}s {cpu / base_cpu:6.2f}")
        wall, cpu = map(min, zip(*bare))
        print(f"python -c 'import sqlalchemy' alone: {wall:.2f}s ({cpu:.2f}s CPU); best of {args.rounds} round(s), "
              "the tracker and its baseline alternating")
    print(figures())


if __name__ == "__main__":
    main()
