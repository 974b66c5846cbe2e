"""Hostile input: each kind of bad input, bad command line and bad storage a hostile tester tried,
one test per kind. Each checks what the user sees and what became of the data:

- the exit code;
- exactly one line on standard error, « tracker: … », with no password, no SQL, no traceback and no
  control character (:func:`one_error_line`);
- the database: the same bytes after a refused command (SQLite: the file and its WAL; PostgreSQL:
  every row of every table), or, after an ingest with bad parts, the same rows as a clean ingest of
  the good parts alone (:func:`rows`).

The suite runs on SQLite, and again on PostgreSQL in CI (``TRACKER_TEST_DB``): the tests on
``db_url`` then run against the server; those about files (read-only media, a corrupt file, an
output path over the database) use a SQLite file in both runs.

Kinds tested elsewhere: SIGKILL in the middle of an ingest and two concurrent ingests
(``test_service_robustness.py``, both backends), standard input over the size limit and re-encoded
copies of an article (``test_cli_input.py``).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, func, select
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from tracker import errors
from tracker.cli import app
from tracker.report import render

from tracker.store.models import Article

from conftest import REPORT_DAY, SEEDS_DIR, STORY

SECRET = "S3cretPassw0rd"
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|LIMIT)\b|\[SQL|\[parameters")
LONGEST_LINE = 1024  # characters of an error line, whatever names it quotes
WAIT = 300  # seconds: a bound on a process that loads spaCy on a busy machine, never a timing assertion
ENGLISH = "The company said on Monday that it would buy the startup next year for two billion dollars, sources said.\n" * 3
runner = CliRunner()


# --- what a user sees -------------------------------------------------------------------------

def one_error_line(stderr: str) -> str:
    """The one line a failing command prints, checked: « tracker: », no secret, no SQL, no
    traceback, no control character, never longer than the CLI's limit."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    line = lines[0]
    assert line.startswith("tracker: "), line
    assert SECRET not in line and "Traceback" not in line and "internal error" not in line, line
    assert not SQL.search(line), line
    assert not [c for c in line if ord(c) < 32 or 0x7F <= ord(c) < 0xA0], line
    assert len(line) <= LONGEST_LINE
    return line


def cli(url: str, *args, input=None):
    """The typer app in this process: (exit code, stdout, stderr)."""
    result = runner.invoke(app, ["--db", url, *map(str, args)], input=input)
    return result.exit_code, result.stdout, result.stderr


def process(url: str | None, *args, cwd: Path, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """``python -m tracker`` as a user runs it (the read commands' own parser included)."""
    environ = {k: v for k, v in os.environ.items() if k != "TRACKER_DB"} | (env or {})
    db = ["--db", url] if url else []
    return subprocess.run([sys.executable, "-m", "tracker", *db, *map(str, args)], cwd=cwd, env=environ, capture_output=True,
                          text=True, timeout=WAIT, **kwargs)


# --- what became of the data ---------------------------------------------------------------------

def sqlite_path(url: str) -> Path:
    return Path(make_url(url).database)


def settle(url: str) -> str:
    """Copy a SQLite database's WAL into the file, so that its bytes say what it holds."""
    if url.startswith("sqlite"):
        with sqlite3.connect(sqlite_path(url)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return url


def fingerprint(url: str):
    """SQLite: the bytes of the file and of its WAL (a missing WAL is an empty one); a server:
    every row of every table."""
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        wal = Path(f"{path}-wal")
        return path.read_bytes(), wal.read_bytes() if wal.exists() else b""
    return rows(url, keep_times=True)


def rows(url: str, keep_times: bool = False) -> dict:
    """Every row of every table, with plain values (dates as text, floats rounded) so that two
    backends compare; without the ingest times unless ``keep_times``. Surrogate ids, which a
    rolled-back transaction or another backend's sequences number differently, are replaced by what
    they stand for: an article by its sha256, a claim by its key, a mention by (claim, article,
    sentence)."""
    engine = create_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            raw = {t.name: [dict(r._mapping) for r in conn.execute(select(t))] for t in meta.sorted_tables}
    finally:
        engine.dispose()
    names = {"articles": {r["id"]: r["sha256"] for r in raw.get("articles", [])},
             "claims": {r["id"]: r["key"] for r in raw.get("claims", [])}}
    names["mentions"] = {r["id"]: (names["claims"][r["claim_id"]], names["articles"][r["article_id"]], r["sentence_index"])
                         for r in raw.get("mentions", [])}
    refers = {"article_id": "articles", "resolved_by": "articles", "claim_id": "claims", "mention_id": "mentions", "evidence_id": "mentions"}
    out = {}
    for table, records in raw.items():
        out[table] = sorted(
            tuple((k, names[refers[k]].get(v) if k in refers and v is not None else _plain(v)) for k, v in r.items()
                  if k != "id" and (keep_times or k != "ingested_at"))
            for r in records)
    return out


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    return value


def clean_run(tmp_path: Path, files: list) -> dict:
    """The rows of a fresh SQLite database after an ingest of ``files`` alone."""
    url = f"sqlite:///{tmp_path / 'clean.db'}"
    code, out, err = cli(url, "ingest", *files)
    assert code == 0, out + err
    return rows(url)


# --- fixtures ------------------------------------------------------------------------------------------------------

@pytest.fixture
def seeded(db_url, seeds) -> str:
    """The database under test holding the three seed articles, settled."""
    code, out, err = cli(db_url, "ingest", *seeds)
    assert code == 0, out + err
    return settle(db_url)


@pytest.fixture
def seeded_file(tmp_path, seeds) -> str:
    """A SQLite file holding the three seed articles, settled (for the kinds about files)."""
    url = f"sqlite:///{tmp_path / 'file' / 'tracker.db'}"
    (tmp_path / "file").mkdir()
    code, out, err = cli(url, "ingest", *seeds)
    assert code == 0, out + err
    return settle(url)


@pytest.fixture
def story_db(db_url, tmp_path) -> str:
    """The database under test holding conftest's STORY (2023-01-10, 2023-03-01, 2023-06-01)."""
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in STORY.items():
        (folder / name).write_text(text, encoding="utf-8")
    code, out, err = cli(db_url, "ingest", folder)
    assert code == 0, out + err
    return settle(db_url)


def refused(url: str, *args, code: int, words: str = "", cwd: Path, fast_path: bool = True, input=None) -> list[str]:
    """Run a command that must be refused, in this process (typer) and as a process (the read
    commands' fast path); each time: ``code``, one error line holding ``words``, the database as it was."""
    before = fingerprint(url)
    lines = []
    got, out, err = cli(url, *args, input=input)
    assert got == code, out + err
    lines.append(one_error_line(err))
    if fast_path:
        proc = process(url, *args, cwd=cwd)
        assert proc.returncode == code, proc.stdout + proc.stderr
        lines.append(one_error_line(proc.stderr))
    for line in lines:
        assert words in line, line
    assert fingerprint(url) == before
    return lines


# --- 1. an output path over the database ----------------------------------------------------------------------

@pytest.mark.parametrize("target", ["database", "wal", "symlink", "hard link", "another database", "folder"])
def test_hostile_report_output_never_replaces_the_database(seeded_file, tmp_path, target):
    db = sqlite_path(seeded_file)
    other = tmp_path / "other.db"
    shutil.copy(db, other)
    output = {
        "database": db, "wal": Path(f"{db}-wal"), "symlink": tmp_path / "link.md", "hard link": tmp_path / "hard.md",
        "another database": other, "folder": tmp_path,
    }[target]
    if target == "symlink":
        output.symlink_to(db)
    if target == "hard link":
        os.link(db, output)
    before_other = other.read_bytes()
    refused(seeded_file, "report", "--output", output, code=2, words="--output", cwd=tmp_path)
    assert other.read_bytes() == before_other


def test_hostile_report_output_replaces_a_file_whole(seeded_file, tmp_path):
    report = tmp_path / "out" / "report.md"
    report.parent.mkdir()
    report.write_text("old report\n")
    report.chmod(0o640)
    os.link(report, tmp_path / "old.md")  # a second name for the old file: a rename leaves it alone
    before = fingerprint(seeded_file)
    code, out, err = cli(seeded_file, "report", "--output", report, "--as-of", REPORT_DAY)
    assert code == 0 and err.startswith("report written to ")
    assert report.read_text(encoding="utf-8").startswith("# Rapport") and "Leica" in report.read_text(encoding="utf-8")
    assert (tmp_path / "old.md").read_text() == "old report\n"  # written aside, then renamed over
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert sorted(p.name for p in report.parent.iterdir()) == ["report.md"]  # no temporary file left
    assert fingerprint(seeded_file) == before


# --- 2. unbounded reads -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_hostile_devices_are_refused_without_reading_them(seeded, tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    [line] = refused(seeded, "ingest", device, code=2, words="not a file", cwd=tmp_path, fast_path=False)
    assert device in line


def test_hostile_named_pipe_without_a_writer_is_not_waited_for(seeded, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    before = fingerprint(seeded)
    proc = process(seeded, "ingest", fifo, cwd=tmp_path)  # without the fix it never returns: WAIT ends it
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "pipe.txt" in one_error_line(proc.stderr)
    assert fingerprint(seeded) == before


def test_hostile_named_pipe_with_a_writer_is_read(db_url, seeds, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR)  # the pipe has a writer before the ingest opens it
    os.write(writer, seeds[1].read_bytes())
    ingest = subprocess.Popen([sys.executable, "-m", "tracker", "--db", db_url, "ingest", str(fifo)], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={k: v for k, v in os.environ.items() if k != "TRACKER_DB"})
    try:
        deadline = time.monotonic() + WAIT
        while ingest.poll() is None and not _has_open(ingest.pid, fifo) and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        os.close(writer)  # the ingest reads what was written, then the end of the stream
    out, err = ingest.communicate(timeout=WAIT)
    assert ingest.returncode == 0, out + err
    assert err == ""
    assert [dict(a)["path"] for a in rows(db_url)["articles"]] == [str(fifo)]


def _has_open(pid: int, path: Path) -> bool:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                return True
        except OSError:
            continue
    return False


# --- 3. a password printed ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["rumours"], ["report", "--format", "json"], ["show", "1"], ["ingest", "{seed}"]])
@pytest.mark.parametrize("how", ["--db", "TRACKER_DB"])
def test_hostile_password_is_never_printed(seeds, tmp_path, command, how):
    urls = [f"postgresql+psycopg://tracker:{SECRET}@127.0.0.1:1/tracker"]  # nobody listens on port 1
    db = os.environ.get("TRACKER_TEST_DB", "")
    server = os.environ.get("TRACKER_TEST_POSTGRES") or (db if db.startswith("postgresql") else None)
    if server:  # the real server, refusing a wrong password
        urls.append(make_url(server).set(password=SECRET).render_as_string(hide_password=False))
    args = [a.replace("{seed}", str(seeds[0])) for a in command]
    for url in urls:
        if how == "--db":
            proc = process(url, *args, cwd=tmp_path)
        else:
            proc = process(None, *args, cwd=tmp_path, env={"TRACKER_DB": url})
        assert proc.returncode == 3, proc.stdout + proc.stderr
        line = one_error_line(proc.stderr)
        assert "cannot open database" in line and "tracker:***@" in line


def test_hostile_password_is_masked_in_any_message():
    assert SECRET not in errors.one_line(f"could not connect to postgresql://u:{SECRET}@db/x")
    assert SECRET not in errors.one_line(f"bad conninfo: host=db password={SECRET} user=u")
    assert SECRET not in str(errors.DatabaseError(f"postgresql://u:{SECRET}@db/x", f"the server said {SECRET}"))


# --- 4. --entity wildcards ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command, as_of", [("claims", REPORT_DAY), ("claims", "2023-04-01"), ("rumours", "2023-02-01")],
                         ids=["stored states", "refolded at an earlier date", "open rumours"])
def test_hostile_entity_wildcards_match_only_themselves(story_db, tmp_path, command, as_of):
    import json

    def keys(entity: str, fast: bool) -> list[str]:
        args = [command, "--entity", entity, "--as-of", as_of, "--format", "json"]
        if fast:
            proc = process(story_db, *args, cwd=tmp_path)
            code, out, err = proc.returncode, proc.stdout, proc.stderr
        else:
            code, out, err = cli(story_db, *args)
        assert code == 0 and err == "", out + err
        return [c["key"] for c in json.loads(out)]

    before = fingerprint(story_db)
    for fast in (False, True):
        assert keys("netflix", fast), "the filter finds Netflix's claims"
        for wildcard in ("%", "_", "n_tflix", "netfli%", "%flix"):
            assert keys(wildcard, fast) == [], wildcard
    assert fingerprint(story_db) == before


# --- 5. numbers out of range ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, code", [
    (["show", "99999999999999999999999"], 4),
    (["show", "2147483648"], 4),
    (["show", "²"], 4),
    (["claims", "--limit", "99999999999999999999999", "--format", "csv"], 0),
    (["claims", "--limit", "9223372036854775808", "--format", "json"], 0),
])
def test_hostile_ids_and_limits_out_of_range(seeded, tmp_path, args, code):
    before = fingerprint(seeded)
    typer_run = cli(seeded, *args)
    proc = process(seeded, *args, cwd=tmp_path)
    for got, out, err in (typer_run, (proc.returncode, proc.stdout, proc.stderr)):
        assert got == code, out + err
        if code:
            assert "no claim" in one_error_line(err)
        else:
            assert err == "" and "leica" in out  # a limit beyond any table is all of it
    assert typer_run[1] == proc.stdout
    assert fingerprint(seeded) == before


# --- 6. text that is not an article -----------------------------------------------------------------------------------

@pytest.mark.parametrize("content", ["a" * 200_000, "Xiaomi" + "x" * 199_994, "0123456789 " * 20_000, "bcdfghjklmnpqrstvwxz " * 3],
                         ids=["one word", "one long name", "digits", "no vowel"])
def test_hostile_text_without_plausible_words_is_refused(seeded, tmp_path, content):
    bad = tmp_path / "word.txt"
    bad.write_text(content)
    [line] = refused(seeded, "ingest", bad, code=2, words="not French", cwd=tmp_path, fast_path=False)
    assert "word.txt" in line


# --- 7. a reader that goes away ---------------------------------------------------------------------------------------

def test_hostile_ingest_goes_on_when_its_reader_goes_away(db_url, seeds, tmp_path):
    ingest = subprocess.Popen([sys.executable, "-m", "tracker", "--db", db_url, "ingest", *map(str, seeds)], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={k: v for k, v in os.environ.items() if k != "TRACKER_DB"})
    ingest.stdout.close()  # « | head -n 0 »: the reader is gone before the first line
    err = ingest.stderr.read().decode()
    ingest.wait(WAIT)
    assert ingest.returncode == 0, err
    line = one_error_line(err)
    assert "standard output was closed" in line and "3 stored" in line
    assert rows(db_url) == clean_run(tmp_path, seeds)


# --- 8. names that are not safe to print, and paths too long ---------------------------------------------------

@pytest.mark.parametrize("name, shown", [
    ("two\nlines.txt", "two\\nlines.txt"),
    ("red\x1b[31m.txt", "red\\x1b[31m.txt"),
    (os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt"),
    ("back\u202etxt.exe.txt", "back\\u202etxt.exe.txt"),
], ids=["newline", "escape sequence", "not UTF-8", "right-to-left override"])
def test_hostile_file_names_are_shown_escaped_on_one_line(seeded, tmp_path, name, shown):
    bad = tmp_path / name
    bad.write_text(ENGLISH)
    [line] = refused(seeded, "ingest", bad, code=2, words=shown, cwd=tmp_path, fast_path=False)
    assert "\x1b" not in line


def test_hostile_path_longer_than_the_system_allows(seeded, tmp_path):
    top = tmp_path / "deep"
    top.mkdir()
    fd = os.open(top, os.O_DIRECTORY)
    try:  # each level made relative to the one above: the whole path is never handed to the system
        for _ in range(30):
            os.mkdir("d" * 200, dir_fd=fd)
            fd, previous = os.open("d" * 200, os.O_DIRECTORY, dir_fd=fd), fd
            os.close(previous)
        with open(os.open("art.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as f:
            f.write(STORY["b.txt"])
    finally:
        os.close(fd)
    long_file = str(top) + ("/" + "d" * 200) * 30 + "/art.txt"
    for target in (top, long_file):
        [line] = refused(seeded, "ingest", target, code=2, words="shorter path", cwd=tmp_path, fast_path=False)
        assert len(line) < 400 and line.startswith(f"tracker: {str(top)[:40]}")


# --- 9. read-only storage -----------------------------------------------------------------------------------------------

@pytest.fixture
def read_only(tmp_path):
    """Make a folder read-only for this process: permissions for a user, a read-only bind mount
    for root (whom permissions do not stop); undone at the end."""
    mounted = []

    def make(folder: Path) -> None:
        if os.geteuid() != 0:
            for f in folder.iterdir():
                f.chmod(0o444)
            folder.chmod(0o555)
            return
        try:
            subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True, capture_output=True)
            mounted.append(folder)
            subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            pytest.skip(f"cannot make a read-only folder as root here (mount: {exc})")
        assert not os.access(folder, os.W_OK)

    yield make
    for folder in mounted:
        subprocess.run(["umount", "--lazy", str(folder)], check=False, capture_output=True)
    for f in [tmp_path, *tmp_path.rglob("*")]:
        if not f.is_symlink():
            f.chmod(0o755 if f.is_dir() else 0o644)


def test_hostile_read_only_storage_reads_and_refuses_to_write(seeded_file, seeds, tmp_path, read_only):
    commands = [["rumours", "--format", "json"], ["claims", "--format", "csv"], ["claims"], ["show", "1"],
                ["report", "--format", "json", "--as-of", REPORT_DAY], ["rumours", "--as-of", "2021-06-01", "--format", "csv"]]
    writable = {tuple(c): cli(seeded_file, *c) for c in commands}
    assert all(code == 0 for code, _, _ in writable.values())
    for f in sqlite_path(seeded_file).parent.glob("*-*"):
        f.unlink()  # the WAL and shared memory files: a copy on a DVD has neither
    read_only(sqlite_path(seeded_file).parent)
    before = fingerprint(seeded_file)
    for command in commands:
        code, out, err = cli(seeded_file, *command)
        assert (code, out, err) == writable[tuple(command)], err
        proc = process(seeded_file, *command, cwd=tmp_path)
        assert (proc.returncode, proc.stdout, proc.stderr) == writable[tuple(command)], proc.stderr
    [line, _] = refused(seeded_file, "ingest", seeds[0], code=3, words="read-only", cwd=tmp_path)
    assert fingerprint(seeded_file) == before


def test_hostile_write_refused_by_the_database_is_not_retried(seeded_file, tmp_path, monkeypatch, nlp):
    from tracker import service
    from tracker.articles import read_article

    (tmp_path / "new.txt").write_text(STORY["a.txt"], encoding="utf-8")
    article = read_article(str(tmp_path / "new.txt"))
    analysis = service.analyse_article(article)
    path = sqlite_path(seeded_file)
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")  # opened before the storage turned read-only
    tries = []
    real = service._store_once
    monkeypatch.setattr(service, "_store_once", lambda *a: tries.append(1) or real(*a))
    before = fingerprint(seeded_file)
    with pytest.raises(errors.DatabaseError, match="read-only"):
        service.store_article(engine, article, analysis)
    engine.dispose()
    assert len(tries) == 1  # not STORE_TRIES attempts over seconds of back-off
    assert fingerprint(seeded_file) == before


def test_hostile_read_only_server_reads_and_refuses_to_write(pg_url, seeds, tmp_path):
    code, out, err = cli(pg_url, "ingest", *seeds[:2])
    assert code == 0, out + err
    # every session of this URL is read-only, as on a standby server
    read_only_url = make_url(pg_url).update_query_dict({"options": "-c default_transaction_read_only=on"})
    read_only_url = read_only_url.render_as_string(hide_password=False)
    expected = cli(pg_url, "claims", "--format", "json")
    assert cli(read_only_url, "claims", "--format", "json") == expected and expected[0] == 0
    [line, _] = refused(read_only_url, "ingest", seeds[2], code=3, words="only allows reading", cwd=tmp_path)
    assert ":***@" in line  # the password of the URL is not shown


# --- 10. usage errors ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["rumours", "--limit", "-1"], "--limit"),
    (["claims", "--format", "xml"], "'xml'"),
    (["ingest", "--jobs", "0", "x.txt"], "--jobs"),
    (["report", "--format", "pdf"], "'pdf'"),
    (["rumours", "--colour"], "--colour"),
    (["show"], "ID"),
    (["rumour"], "rumour"),
])
def test_hostile_usage_errors_are_one_line_with_a_hint(seeded, tmp_path, args, words):
    for line in refused(seeded, *args, code=2, words=words, cwd=tmp_path):
        assert "--help" in line


# --- 11. markup in articles, in every format ---------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> *gras* [lien](javascript:x) | =1+1 [/b] &lt; # `code` ~~barré~~"


def _hostile_report(report: dict) -> dict:
    """The report with every article-derived string replaced by markup."""
    for c in report["claims"]:
        c["entities"] = [HOSTILE, "@" + HOSTILE]
        c["sources"] = [HOSTILE]
        for m in c["mentions"]:
            m["sentence"] = m["source"] = m["title"] = HOSTILE
        for h in c["history"]:
            h["sentence"] = HOSTILE
    for a in report["articles"]:
        a["title"] = a["path"] = HOSTILE
    for s in report["sources"]:
        s["name"] = HOSTILE
    return report


def test_hostile_markup_in_articles_stays_text_in_every_format(story_db, tmp_path, capsys):
    import csv
    import io
    import json
    from html.parser import HTMLParser

    before = fingerprint(story_db)
    code, out, err = cli(story_db, "report", "--format", "json", "--as-of", REPORT_DAY)
    assert code == 0, err
    report = _hostile_report(json.loads(out))

    md = render(report, "md")
    assert "<" not in md.replace("\\<", "") and ">" not in md.replace("\\>", "")
    for marker in (r"\*gras", r"\[lien", r"~~barré", r"&lt;", r"`code", r"\[/b"):  # emphasis, link, strikethrough, entity, code
        assert not re.search(r"(?<!\\)" + marker, md), marker
    assert md.count("\\<script\\>") >= len(report["claims"])  # headings, history, tables
    tables, previous = [], False
    for line in md.splitlines():
        if line.startswith("|"):
            if not previous:
                tables.append([])
            tables[-1].append(len(re.findall(r"(?<!\\)\|", line)))  # an escaped « | » is no cell border
        previous = line.startswith("|")
    assert len(tables) >= 3 and all(len(set(borders)) == 1 for borders in tables), tables

    class Tags(HTMLParser):
        seen = []

        def handle_starttag(self, tag, attrs):
            self.seen.append(tag)

    html = render(report, "html")
    Tags().feed(html)
    assert "script" not in Tags.seen and "&lt;script&gt;" in html

    cells = [v for row in csv.reader(io.StringIO(render(report, "csv"))) for v in row]
    assert HOSTILE in cells and "'@" + HOSTILE in cells  # « @… » alone would be a formula in a spreadsheet
    assert not [v for v in cells if v.startswith(("=", "+", "-", "@"))]

    assert json.loads(render(report, "json"))["claims"][0]["entities"][0] == HOSTILE

    # the terminal outputs: rich markup is text, not style (« [/b] » alone would stop the table)
    from tracker.read_commands import listing_table
    from tracker.views import Listed

    rows_ = [Listed(1, "k", "partnership", [HOSTILE], "rumour", 0.5, dt.date(2023, 1, 10), None, None, None, [HOSTILE], 1, 1,
                    HOSTILE + "\x1b[2J", ["[bold]"], 1)]
    capsys.readouterr()
    listing_table(rows_, "Rumeurs ouvertes")
    table = capsys.readouterr().out
    assert "[/b]" in table and "[bold]" in table and "\x1b" not in table
    assert fingerprint(story_db) == before


# --- already handled: encodings, binary files, other languages, link loops, corrupt databases, many files, Ctrl-C

@pytest.mark.parametrize("content, words", [
    (b"\xff\xfe" + "Apple pourrait racheter Netflix.".encode("utf-16-le") + b"\x00", "cannot decode"),
    ("Apple pourrait racheter Netflix.".encode("utf-16-be"), "binary"),
    (b"\x00" * 10 + "Selon Bloomberg, Apple pourrait racheter Netflix.".encode(), "binary"),
], ids=["UTF-16 cut in the middle", "UTF-16 without BOM", "NUL bytes"])
def test_hostile_encodings(seeded, tmp_path, content, words):
    bad = tmp_path / "encoded.txt"
    bad.write_bytes(content)
    refused(seeded, "ingest", bad, code=2, words=words, cwd=tmp_path, fast_path=False)


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, bytes(range(256)) * 40],
                         ids=["PNG", "every byte"])
def test_hostile_binary_files(seeded, tmp_path, content):
    bad = tmp_path / "image.txt"
    bad.write_bytes(content)
    refused(seeded, "ingest", bad, code=2, words="image.txt", cwd=tmp_path, fast_path=False)


@pytest.mark.parametrize("text, lang", [
    (ENGLISH, "en"),
    ("Según Bloomberg, Apple podría comprar Netflix en los próximos meses, y el rumor crece cada día en la prensa. " * 3, "es"),
])
def test_hostile_text_in_another_language(seeded, tmp_path, text, lang):
    bad = tmp_path / "other.txt"
    bad.write_text(text, encoding="utf-8")
    refused(seeded, "ingest", bad, code=2, words=f"language found: {lang}", cwd=tmp_path, fast_path=False)


def test_hostile_symbolic_link_loops(db_url, seeds, tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    before = rows(db_url)
    code, out, err = cli(db_url, "ingest", tmp_path / "loop.txt", seeds[0])
    assert code == 2 and "symbolic link" in one_error_line(err)
    assert rows(db_url) == before  # a bad path named on the command line: nothing is ingested
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(seeds[0], folder / "a.txt")
    (folder / "self").symlink_to(folder)  # a folder that holds itself
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    code, out, err = cli(db_url, "ingest", folder)
    assert code == 0 and err == "", out + err
    assert rows(db_url) == clean_run(tmp_path, [folder / "a.txt"])


@pytest.mark.parametrize("corruption", ["garbage", "truncated", "header only"])
@pytest.mark.parametrize("command", [["rumours"], ["claims", "--format", "json"], ["report"], ["ingest", "{seed}"]])
def test_hostile_corrupt_database(seeded_file, seeds, tmp_path, corruption, command):
    path = sqlite_path(seeded_file)
    data = path.read_bytes()
    path.write_bytes({"garbage": os.urandom(len(data)), "truncated": data[: len(data) // 3],
                      "header only": data[:100]}[corruption])
    args = [a.replace("{seed}", str(seeds[0])) for a in command]
    refused(seeded_file, *args, code=3, words="database", cwd=tmp_path, fast_path=command[0] != "ingest")


def test_hostile_two_thousand_files(db_url, seeds, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(2000):
        shutil.copy(seeds[n % 3], folder / f"{n:04d}.txt")
    (folder / "1000_bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = cli(db_url, "ingest", "--quiet", folder)
    assert code == 2
    assert "1000_bad.txt" in one_error_line(err)
    assert out.strip().splitlines()[-1] == "3 stored, 1997 already there, 1 skipped with errors"
    assert rows(db_url) == clean_run(tmp_path, [folder / "0000.txt", folder / "0001.txt", folder / "0002.txt"])


def test_hostile_interrupted_ingest(db_url, tmp_path):
    files = sorted(SEEDS_DIR.glob("*.txt"))[:20]
    engine = create_engine(db_url)
    ingest = subprocess.Popen([sys.executable, "-m", "tracker", "--db", db_url, "ingest", *map(str, files)], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={k: v for k, v in os.environ.items() if k != "TRACKER_DB"})
    try:
        deadline = time.monotonic() + WAIT
        while ingest.poll() is None and _stored(engine) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        ingest.send_signal(signal.SIGINT)  # Ctrl-C
        err = ingest.communicate(timeout=WAIT)[1]
    finally:
        engine.dispose()
    assert ingest.returncode == 130, f"the ingest ended by itself before Ctrl-C: {err}"
    assert "interrupted" in one_error_line(err)
    code, out, err = cli(db_url, "ingest", *files)  # the rest: every article stored whole, or not at all
    assert code == 0, out + err
    assert rows(db_url) == clean_run(tmp_path, files)


def _stored(engine) -> int:
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(Article.__table__)).scalar_one()
    except DBAPIError:  # no schema yet
        return 0
