"""The HTML report in a real headless browser (Debian's Chromium, see .ci/install-chromium): it
renders, the chart is drawn and visible, its numbers are the JSON report's, and article markup stays
text. Skipped when Chromium is absent on a developer machine; a failure when CI=true."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPORT_DAY, SCRIPT
from tracker.cli import app
from tracker.report.chart import COLOURS

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1")


@pytest.fixture(scope="session")
def chromium() -> str:
    found = os.environ.get("TRACKER_CHROMIUM") or next(
        (p for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")) if p and os.access(p, os.X_OK)), None)
    if found is None:
        message = "Chromium is not installed (/usr/bin/chromium); run `sudo bash .ci/install-chromium`"
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(f"CI=true and {message}")
        pytest.skip(message)
    return found


def browse(chromium: str, page: Path, tmp_path: Path, *action: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    done = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *action, page.as_uri()],
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def render(url: str, tmp_path: Path) -> tuple[dict, Path]:
    runner = CliRunner()
    page = tmp_path / "report.html"
    args = ["--db", url, "report", "--as-of", REPORT_DAY]
    assert runner.invoke(app, [*args, "--format", "html", "--output", str(page)]).exit_code == 0
    report = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    return report, page


class Dom(HTMLParser):
    """What a reader gets from the dumped DOM: the elements with their attributes, the page title,
    all the text, and the figures shown in summary cards (``data-summary``) and table cells
    (``data-col``, keyed by their row's ``data-source``)."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.title = ""
        self.figures: dict[tuple[str, str], str] = {}
        self._in_title = False
        self._row, self._figure = "", None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        self._in_title = tag == "title" and not self.title
        if tag == "tr":
            self._row = a.get("data-source", "")
        if a.get("data-summary"):
            self._figure = ("summary", a["data-summary"])
        elif a.get("data-col") and self._row:
            self._figure = (self._row, a["data-col"])

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.title += data
        if self._figure and data.strip():
            self.figures[self._figure], self._figure = data.strip(), None

    def find(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def dump(chromium, page, tmp_path) -> Dom:
    return Dom(browse(chromium, page, tmp_path, "--dump-dom").stdout)


@pytest.mark.parametrize("name", ["seeds", "corpus"])
def test_reports_browser_chart_and_numbers_match_the_json(chromium, stored, tmp_path, name):
    report, page = render(stored(name), tmp_path)
    dom = dump(chromium, page, tmp_path)
    assert dom.find("svg", id="timeline")
    bars = dom.find("rect", **{"class": "bar"})
    assert len(bars) == len(report["claims"]) and all(int(b["width"]) > 0 for b in bars)
    assert {int(b["data-claim"]): b["data-state"] for b in bars} == {c["id"]: c["state"] for c in report["claims"]}
    shown = {k: int(v) for (where, k), v in dom.figures.items() if where == "summary"}
    assert shown == {**report["summary"], "articles": len(report["articles"])}
    for row in report["sources"]:
        for col in ("rumours", "confirmed", "denied", "open", "expired"):
            assert int(dom.figures[(row["name"], col)]) == row[col], (row["name"], col)


def png_pixels(path: Path) -> Counter:
    """Colour counts of an 8-bit RGB or RGBA PNG (what Chromium writes), decoded with the stdlib."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, prev, counts = zlib.decompress(idat), width * bpp, bytearray(width * bpp), Counter()
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a, b = line[i - bpp] if i >= bpp else 0, prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        counts.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    return counts


def test_reports_browser_chart_is_visible(chromium, stored, tmp_path):
    report, page = render(stored("seeds"), tmp_path)
    shot = tmp_path / "report.png"
    height = 600 + 22 * len(report["claims"])
    browse(chromium, page, tmp_path, f"--window-size=1100,{height}", f"--screenshot={shot}")
    pixels = png_pixels(shot)
    for state, n in Counter(c["state"] for c in report["claims"]).items():
        # beyond the 12×12 legend square, at least a 3-pixel-wide, 12-pixel-high bar per claim
        assert pixels[bytes.fromhex(COLOURS[state][1:])] >= 144 + n * 3 * 12, state


def test_reports_browser_article_markup_stays_text(chromium, story, tmp_path):
    report, page = render(story, tmp_path)
    dom = dump(chromium, page, tmp_path)
    assert dom.title.startswith("Rapport tracker")  # the script setting document.title never ran
    assert not dom.find("script") and not dom.find("img")
    text = "".join(dom.text)
    assert SCRIPT in text and "onerror=" in text  # the reader sees the article as written
    assert len(dom.find("rect", **{"class": "bar"})) == len(report["claims"])
