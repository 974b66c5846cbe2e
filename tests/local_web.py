"""A web server on 127.0.0.1 for the tests: the French pages and feeds of tests/web/, and the ways a
real site fails (404, no answer, a trickle, a PDF, a redirect loop, a page too large).

Nothing leaves the machine: the server listens on the loopback address only, and ``only_loopback``
makes any connection elsewhere fail the test that tried it.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PAGES = Path(__file__).resolve().parent / "web"
LOOPBACK = ("127.0.0.1", "::1", "localhost")


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the first byte
    trickle: float = 0.0  # seconds between bytes of the body
    length: bool = True  # send Content-Length (else the body ends when the connection closes)


class Site:
    """Routes (path → :class:`Answer`) and how often each path was asked for."""

    def __init__(self, base: str):
        self.base = base
        self.routes: dict[str, Answer] = {}
        self.hits: Counter[str] = Counter()

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, answer: Answer | bytes | str) -> str:
        if isinstance(answer, str):
            answer = answer.encode("utf-8")
        self.routes[path] = answer if isinstance(answer, Answer) else Answer(answer)
        return self.url(path)

    def page(self, path: str, name: str) -> str:
        """Serve tests/web/``name`` at ``path``."""
        return self.add(path, (PAGES / name).read_bytes())


def _handler(site: Site):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            site.hits[self.path] += 1
            answer = site.routes.get(self.path) or Answer(b"<html><body><p>Page introuvable</p></body></html>", status=404)
            if answer.delay:
                time.sleep(answer.delay)
            try:
                self.send_response(answer.status)
                if answer.content_type:
                    self.send_header("Content-Type", answer.content_type)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if answer.length:
                    self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                if answer.trickle:
                    for i in range(len(answer.body)):
                        self.wfile.write(answer.body[i:i + 1])
                        self.wfile.flush()
                        time.sleep(answer.trickle)
                else:
                    self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should on a slow or huge answer

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def only_loopback(monkeypatch):
    """Any connection to an address that is not this machine fails the test."""
    real = socket.socket.connect

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        assert host in LOOPBACK, f"a test tried to reach {address}"
        return real(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site(only_loopback):
    """A :class:`Site` served on 127.0.0.1 for the length of one test."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), None)
    server.daemon_threads = True
    s = Site(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(s)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(db_url: str, *args: str):
    """The command line on ``db_url``, in this process."""
    from typer.testing import CliRunner

    from tracker.cli import app

    return CliRunner().invoke(app, ["--db", db_url, *args])


def stored_articles(db_url: str) -> list[dict]:
    """The articles table as the tests read it back, in ingest order."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT path, url, title, date, date_source, author, site, text FROM articles ORDER BY id")).mappings().all()
    engine.dispose()
    return [dict(r) for r in rows]
