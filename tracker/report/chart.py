"""The timeline chart of the HTML report: inline SVG drawn here, so the page needs no script and no
library, and works offline. One row per claim: a bar from its first rumour to its resolution (or to
``as_of`` while unresolved), coloured by state, a dot at each state change, a date axis on top."""

from __future__ import annotations

import datetime as dt
from html import escape

COLOURS = {"rumour": "#e69f00", "confirmed": "#2e7d32", "denied": "#c62828", "fact": "#1565c0", "expired": "#8d8d8d"}
LABEL_W, PLOT_W, ROW_H, BAR_H, TOP = 330, 620, 22, 12, 46
LABEL_CHARS = 44


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """1 January of each year on long spans, else the first of each month (every third if crowded)."""
    if (end - start).days > 730:
        return [(dt.date(y, 1, 1), str(y)) for y in range(start.year + 1, end.year + 1)]
    months, d = [], dt.date(start.year, start.month, 1)
    while d <= end:
        if d > start:
            months.append((d, d.strftime("%Y-%m")))
        d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return months[::3] if len(months) > 12 else months


def bar_end(claim: dict, as_of: str) -> str:
    """Where a claim's bar stops: its resolution, else the report date."""
    return claim["resolved_at"] or as_of


def _label(claim: dict, words: str) -> str:
    text = f"#{claim['id']} {words}"
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def timeline_svg(claims: list[dict], as_of: str, words) -> str:
    """``words(claim)`` gives a claim's label (« Leica ↔ Xiaomi : partenariat »)."""
    rows = sorted(claims, key=lambda c: (c["first_seen"], c["id"]))
    start = min((_day(c["first_seen"]) for c in rows), default=_day(as_of))
    end = max(_day(as_of), start + dt.timedelta(days=1))
    span = (end - start).days

    def x(day: str | dt.date) -> int:
        d = _day(day) if isinstance(day, str) else day
        return LABEL_W + round(PLOT_W * (d - start).days / span)

    height = TOP + ROW_H * len(rows) + 10
    out = [f'<svg id="timeline" width="{LABEL_W + PLOT_W + 20}" height="{height}" '
           f'viewBox="0 0 {LABEL_W + PLOT_W + 20} {height}" role="img" aria-label="Chronologie des affirmations" font-size="12">']
    for i, (state, colour) in enumerate(COLOURS.items()):
        out.append(f'<rect x="{LABEL_W + i * 110}" y="4" width="12" height="12" fill="{colour}"/>'
                   f'<text x="{LABEL_W + i * 110 + 16}" y="14">{state}</text>')
    for day, text in _ticks(start, end):
        out.append(f'<line class="tick" x1="{x(day)}" x2="{x(day)}" y1="{TOP - 6}" y2="{height - 6}" stroke="#ddd"/>'
                   f'<text x="{x(day)}" y="{TOP - 10}" text-anchor="middle" fill="#555">{text}</text>')
    for n, c in enumerate(rows):
        y = TOP + n * ROW_H
        words_c = escape(words(c))
        x0, x1 = x(c["first_seen"]), x(bar_end(c, as_of))
        steps = "".join(
            f'<circle class="step" cx="{x(h["date"])}" cy="{y + ROW_H // 2}" r="4" fill="#fff" stroke="{COLOURS.get(h["state"], "#000")}" '
            f'stroke-width="2"><title>{escape(h["date"])} : {escape(h["state"])} (article {h["article"]})</title></circle>'
            for h in c["history"])
        out.append(
            f'<g class="claim" data-claim="{c["id"]}" data-state="{escape(c["state"])}">'
            f'<a href="#claim-{c["id"]}"><text x="{LABEL_W - 8}" y="{y + ROW_H // 2 + 4}" text-anchor="end">'
            f'<title>{words_c}</title>{escape(_label(c, words(c)))}</text></a>'
            f'<rect class="bar" data-claim="{c["id"]}" data-state="{escape(c["state"])}" x="{x0}" y="{y + (ROW_H - BAR_H) // 2}" '
            f'width="{max(3, x1 - x0)}" height="{BAR_H}" fill="{COLOURS.get(c["state"], "#000")}" shape-rendering="crispEdges">'
            f'<title>{words_c} — {escape(c["state"])} : {escape(c["first_seen"])} → {escape(bar_end(c, as_of))}</title></rect>'
            f'{steps}</g>')
    out.append("</svg>")
    return "".join(out)
