"""The resolution report: one dict (the JSON schema of the spec) rendered as md, json, csv or html."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from statistics import median

from tracker import views

STATES = ("rumour", "confirmed", "denied", "fact", "expired")
FORMATS = ("md", "json", "csv", "html")


def build(url: str | None, as_of: dt.date | None = None) -> dict:
    """Every article, every claim (with mentions and history), the sources table and a summary."""
    as_of = as_of or dt.date.today()
    claims = views.list_claims(url, as_of=as_of, detail=True)
    claims.sort(key=lambda c: c["id"])
    report_claims = [
        {k: c[k] for k in ("id", "key", "relation", "entities", "state", "confidence", "first_seen", "resolved_at", "resolved_by",
                            "days_to_resolution", "expected_by", "sources", "mentions", "history")}
        for c in claims
    ]
    summary = {"claims": len(claims), **{s: sum(c["state"] == s for c in claims) for s in STATES}}
    return {
        "as_of": as_of.isoformat(),
        "articles": [a for a in views.articles(url) if a["date"] <= as_of.isoformat()],
        "claims": report_claims,
        "sources": source_table(claims),
        "timing": timing(claims),
        "summary": summary,
    }


def source_table(claims: list[dict]) -> list[dict]:
    """Per source: rumours it carried, and how they ended; accuracy = confirmed / resolved."""
    table: dict[str, dict] = {}
    for c in claims:
        carried = {m["source"] for m in c["mentions"] if m["source"] and m["stance"] in ("hedged", "reported")}
        for name in carried:
            row = table.setdefault(name, {"name": name, "rumours": 0, "confirmed": 0, "denied": 0, "open": 0, "expired": 0})
            row["rumours"] += 1
            key = {"rumour": "open"}.get(c["state"], c["state"])
            if key in row:
                row[key] += 1
    for row in table.values():
        resolved = row["confirmed"] + row["denied"]
        row["accuracy"] = round(row["confirmed"] / resolved, 3) if resolved else None
    return sorted(table.values(), key=lambda r: (-r["rumours"], r["name"].lower()))


def timing(claims: list[dict]) -> dict:
    """Median days from first rumour to resolution, per relation."""
    per: dict[str, list[int]] = {}
    for c in claims:
        if c["days_to_resolution"] is not None:
            per.setdefault(c["relation"], []).append(c["days_to_resolution"])
    return {rel: {"resolved": len(v), "median_days": median(v)} for rel, v in sorted(per.items())}


def render(report: dict, fmt: str) -> str:
    return {"json": to_json, "md": to_markdown, "csv": to_csv, "html": to_html}[fmt](report)


def to_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


CSV_FIELDS = ("id", "key", "relation", "entity1", "entity2", "state", "confidence", "first_seen", "resolved_at", "resolved_by",
              "days_to_resolution", "expected_by", "mentions", "sources", "evidence")


def claim_rows(claims: list[dict]) -> list[dict]:
    rows = []
    for c in claims:
        mentions = c.get("mentions") or []
        rows.append({
            "id": c["id"], "key": c["key"], "relation": c["relation"], "entity1": c["entities"][0], "entity2": c["entities"][1],
            "state": c["state"], "confidence": c["confidence"], "first_seen": c["first_seen"], "resolved_at": c["resolved_at"] or "",
            "resolved_by": c["resolved_by"] or "", "days_to_resolution": "" if c["days_to_resolution"] is None else c["days_to_resolution"],
            "expected_by": c["expected_by"] or "", "mentions": c.get("mention_count", len(mentions)), "sources": "; ".join(c["sources"]),
            "evidence": c.get("evidence") or (mentions[0]["sentence"] if mentions else ""),
        })
    return rows


def to_csv(report: dict) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(claim_rows(report["claims"]))
    return buf.getvalue()


def _md_cell(text: object) -> str:
    return str("" if text is None else text).replace("|", "\\|").replace("\n", " ")


def to_markdown(report: dict) -> str:
    s = report["summary"]
    out = [f"# Rapport de résolution des rumeurs — au {report['as_of']}", ""]
    out.append(f"{s['claims']} affirmations · {s['rumour']} rumeurs ouvertes · {s['confirmed']} confirmées · "
               f"{s['denied']} démenties · {s['fact']} faits · {s['expired']} expirées · {len(report['articles'])} articles")
    out += ["", "## Affirmations", "", "| id | affirmation | état | confiance | vue le | résolue le | jours | sources |", "|---|---|---|---|---|---|---|---|"]
    for c in report["claims"]:
        out.append("| " + " | ".join(_md_cell(x) for x in (
            c["id"], views.words(c["relation"], c["entities"]), c["state"], f"{c['confidence']:.2f}", c["first_seen"],
            c["resolved_at"] or "", "" if c["days_to_resolution"] is None else c["days_to_resolution"], ", ".join(c["sources"]))) + " |")
    if report["sources"]:
        out += ["", "## Sources", "", "| source | rumeurs | confirmées | démenties | ouvertes | fiabilité |", "|---|---|---|---|---|---|"]
        for r in report["sources"]:
            acc = "" if r["accuracy"] is None else f"{r['accuracy']:.0%}"
            out.append("| " + " | ".join(_md_cell(x) for x in (r["name"], r["rumours"], r["confirmed"], r["denied"], r["open"], acc)) + " |")
    if report["timing"]:
        out += ["", "## Délais de résolution", "", "| relation | résolues | médiane (jours) |", "|---|---|---|"]
        for rel, t in report["timing"].items():
            out.append(f"| {rel} | {t['resolved']} | {t['median_days']} |")
    out += ["", "## Historique des rumeurs résolues", ""]
    for c in report["claims"]:
        if len(c["history"]) < 2:
            continue
        out.append(f"### #{c['id']} {views.words(c['relation'], c['entities'])} — {c['state']}")
        for h in c["history"]:
            out.append(f"- {h['date']} · {h['state']} · article {h['article']} : « {_md_cell(h.get('sentence'))} »")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_html(report: dict) -> str:
    """One self-contained page (no script, no external resource); every article string is escaped."""
    e = html.escape
    s = report["summary"]
    rows = "".join(
        f"<tr><td>{c['id']}</td><td>{e(views.words(c['relation'], c['entities']))}</td><td class='{e(c['state'])}'>{e(c['state'])}</td>"
        f"<td>{c['confidence']:.2f}</td><td>{e(c['first_seen'])}</td><td>{e(c['resolved_at'] or '')}</td>"
        f"<td>{e(', '.join(c['sources']))}</td></tr>"
        for c in report["claims"]
    )
    evidence = "".join(
        f"<details><summary>#{c['id']} {e(views.words(c['relation'], c['entities']))} — {e(c['state'])}</summary><ul>"
        + "".join(f"<li>{e(m['date'])} · {e(m['stance'])} · « {_highlight(m['sentence'], m['cues'])} »</li>" for m in c["mentions"])
        + "</ul></details>"
        for c in report["claims"]
    )
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Rapport tracker — {e(report['as_of'])}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3rem .5rem}}
.confirmed{{color:#060}}.denied{{color:#a00}}.rumour{{color:#a60}}.expired{{color:#777}}mark{{background:#ffe08a}}</style></head>
<body><h1>Rapport de résolution — au {e(report['as_of'])}</h1>
<p id="summary">{s['claims']} affirmations · {s['rumour']} rumeurs · {s['confirmed']} confirmées · {s['denied']} démenties · {s['fact']} faits · {s['expired']} expirées</p>
<table><thead><tr><th>id</th><th>affirmation</th><th>état</th><th>confiance</th><th>vue le</th><th>résolue le</th><th>sources</th></tr></thead><tbody>{rows}</tbody></table>
<h2>Preuves</h2>{evidence}</body></html>
"""


def _highlight(sentence: str, cues: list[dict]) -> str:
    out, pos = [], 0
    spans = []
    for c in cues:
        i = sentence.find(c["text"]) if c["text"] else -1
        if i >= 0:
            spans.append((i, i + len(c["text"])))
    for a, b in sorted(spans):
        if a < pos:
            continue
        out.append(html.escape(sentence[pos:a]))
        out.append(f"<mark>{html.escape(sentence[a:b])}</mark>")
        pos = b
    out.append(html.escape(sentence[pos:]))
    return "".join(out)
