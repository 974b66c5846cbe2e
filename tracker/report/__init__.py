"""The resolution report: one dict (the JSON schema of the spec, documented in ``report.schema.json``)
rendered as md, json, csv or html.

Every figure of the report is traceable: a state to the history step (article, date, sentence) that
set it, a source's counts to the claim ids it carried, a median to the claim ids it is taken over.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from statistics import median

from tracker import views

STATES = ("rumour", "confirmed", "denied", "fact", "expired")
OUTCOME = {"rumour": "open", "confirmed": "confirmed", "denied": "denied", "expired": "expired"}
CLAIM_FIELDS = ("id", "key", "relation", "entities", "state", "confidence", "first_seen", "resolved_at", "resolved_by",
                "days_to_resolution", "expected_by", "sources", "mentions", "history")


def build(url: str | None, as_of: dt.date | None = None) -> dict:
    """Every article, every claim (with mentions and history), the sources table, timing and a summary."""
    as_of = as_of or dt.date.today()
    claims, articles = views.report_data(url, as_of)
    report_claims = [{k: c[k] for k in CLAIM_FIELDS} for c in claims]
    summary = {"claims": len(claims), **{s: sum(c["state"] == s for c in claims) for s in STATES}}
    return {
        "as_of": as_of.isoformat(),
        "articles": [a for a in articles if a["date"] <= as_of.isoformat()],
        "claims": report_claims,
        "sources": source_table(report_claims),
        "timing": timing(report_claims),
        "summary": summary,
    }


def _was_rumour(claim: dict) -> bool:
    return bool(claim["history"]) and claim["history"][0]["state"] == "rumour"


def _before_resolution(claim: dict, mention: dict) -> bool:
    """Did this mention carry the claim while it was still open? Mentions after (or in) the article
    that first resolved it only repeat the news and earn its source nothing."""
    first = next((h for h in claim["history"] if h["state"] in ("confirmed", "denied")), None)
    if first is None:
        return True
    return mention["date"] < first["date"] or (mention["date"] == first["date"] and mention["article"] != first["article"])


def source_table(claims: list[dict]) -> list[dict]:
    """Per source (person, outlet, account): the rumours it carried before they were resolved, how
    they ended (``rumours = confirmed + denied + open + expired``), and ``accuracy`` = confirmed /
    (confirmed + denied), None while nothing it carried is resolved — the way trackers rate leakers.

    Its record reads the polarity it gave (its last word before the resolution): it was ``right``
    when that matches the outcome (« rachèterait » and the deal was confirmed, « renoncerait » and
    it was denied), ``wrong`` when it does not, ``pending`` while the claim is open or expired;
    ``record`` says, per claim, what it gave and the verdict.

    A claim counts once per source however many sentences the source has on it; ``claims`` lists
    their ids, so each count leads back to the mentions (sentences) naming that source.
    """
    table: dict[str, dict] = {}
    for c in claims:
        if not _was_rumour(c):
            continue
        said: dict[str, str] = {}  # mentions are in date order: the last one is the source's last word
        for m in c["mentions"]:
            if m["source"] and m["stance"] in ("hedged", "reported") and _before_resolution(c, m):
                said[m["source"]] = m["factuality"]["polarity"]
        for name, polarity in said.items():
            row = table.setdefault(name, {"name": name, "rumours": 0, "confirmed": 0, "denied": 0, "open": 0, "expired": 0, "claims": [],
                                          "right": 0, "wrong": 0, "pending": 0, "record": []})
            row["rumours"] += 1
            row[OUTCOME[c["state"]]] += 1
            row["claims"].append(c["id"])
            verdict = verdict_of(polarity, c["state"])
            row[verdict] += 1
            row["record"].append({"claim": c["id"], "polarity": polarity, "verdict": verdict})
    for row in table.values():
        resolved = row["confirmed"] + row["denied"]
        row["accuracy"] = round(row["confirmed"] / resolved, 3) if resolved else None
    return sorted(table.values(), key=lambda r: (-r["rumours"], r["name"].lower()))


def verdict_of(polarity: str, state: str) -> str:
    """``right``, ``wrong`` or ``pending``: the polarity a source gave against the claim's outcome.

    >>> verdict_of("negative", "denied"), verdict_of("positive", "denied"), verdict_of("negative", "expired")
    ('right', 'wrong', 'pending')
    """
    if state not in ("confirmed", "denied"):
        return "pending"
    return "right" if (polarity == "positive") == (state == "confirmed") else "wrong"


def timing(claims: list[dict]) -> dict:
    """Median days from first rumour to resolution, per relation, over the rumours that were
    resolved (claims that were facts from the start never waited); ``claims`` lists their ids."""
    per: dict[str, list[dict]] = {}
    for c in claims:
        if _was_rumour(c) and c["days_to_resolution"] is not None:
            per.setdefault(c["relation"], []).append(c)
    return {
        rel: {"resolved": len(cs), "median_days": median(c["days_to_resolution"] for c in cs), "claims": [c["id"] for c in cs]}
        for rel, cs in sorted(per.items())
    }


def render(report: dict, fmt: str) -> str:
    from tracker.report import html, text

    return {"json": text.to_json, "md": text.to_markdown, "csv": text.to_csv, "html": html.to_html}[fmt](report)


def schema() -> dict:
    """The JSON Schema of ``tracker report --format json`` (shipped in the package)."""
    return json.loads(resources.files("tracker.report").joinpath("report.schema.json").read_text(encoding="utf-8"))
