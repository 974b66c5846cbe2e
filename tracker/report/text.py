"""The report as JSON, CSV (one row per claim) and Markdown (a terminal or a code forge)."""

from __future__ import annotations

import csv
import io
import json
import re

from tracker import errors, views

CSV_FIELDS = ("id", "key", "relation", "entity1", "entity2", "words", "state", "confidence", "first_seen", "resolved_at",
              "resolved_by", "days_to_resolution", "expected_by", "mentions", "articles", "sources", "history", "evidence")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (« @yabhishekhd », « =1+1 ») gets a leading
    apostrophe, which spreadsheets show as text; numbers and dates are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def history_line(claim: dict) -> str:
    """« 2021-05-14 rumour (article 1) → 2022-05-01 confirmed (article 2) »; a rumour that started as
    a rumoured abandonment says so: « 2021-03-02 rumour (article 4, abandon évoqué) »."""
    return " → ".join(f"{h['date']} {h['state']} (article {h['article']}{', ' + h['negative'] if h.get('negative') else ''})"
                      for h in claim["history"])


def claim_rows(claims: list[dict]) -> list[dict]:
    rows = []
    for c in claims:
        mentions = c["mentions"]
        deciding = c["history"][-1] if c["history"] else None
        rows.append({
            "id": c["id"], "key": c["key"], "relation": c["relation"], "entity1": c["entities"][0],
            "entity2": c["entities"][1] if len(c["entities"]) > 1 else "", "words": views.words(c["relation"], c["entities"]),
            "state": c["state"], "confidence": c["confidence"], "first_seen": c["first_seen"], "resolved_at": c["resolved_at"] or "",
            "resolved_by": c["resolved_by"] or "", "days_to_resolution": "" if c["days_to_resolution"] is None else c["days_to_resolution"],
            "expected_by": c["expected_by"] or "", "mentions": len(mentions), "articles": len({m["article"] for m in mentions}),
            "sources": "; ".join(c["sources"]), "history": history_line(c),
            # the sentence that set the current state
            "evidence": (deciding or {}).get("sentence") or (mentions[0]["sentence"] if mentions else ""),
        })
    return rows


def to_csv(report: dict) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in claim_rows(report["claims"]):
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return buf.getvalue()


# what Markdown (CommonMark, GitHub's tables and strikethrough) could read as markup inside a line:
# emphasis, code, links, raw HTML and entities, table cells, headings' closing hashes
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|&#~])")


def md_text(text: object) -> str:
    """A string from an article as Markdown text, shown as written and never as markup: one line,
    every character Markdown could read as markup escaped (« <script> » → « \\<script\\> »).

    >>> md_text("Apple | *Netflix* <b>\\n")
    'Apple \\\\| \\\\*Netflix\\\\* \\\\<b\\\\> '
    """
    return _MARKDOWN.sub(r"\\\1", errors.escaped(" ".join(str("" if text is None else text).split("\n"))))


def _table(header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(md_text(x) for x in r) + " |" for r in rows]


def summary_line(report: dict) -> str:
    s = report["summary"]
    return (f"{s['claims']} affirmations · {s['rumour']} rumeurs ouvertes · {s['confirmed']} confirmées · {s['denied']} démenties · "
            f"{s['fact']} faits · {s['expired']} expirées · {len(report['articles'])} articles")


def accuracy_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def to_markdown(report: dict) -> str:
    out = [f"# Rapport de résolution des rumeurs — au {report['as_of']}", "", summary_line(report), "", "## Affirmations", ""]
    out += _table(("id", "affirmation", "état", "confiance", "vue le", "résolue le", "jours", "sources"), [
        (c["id"], views.words(c["relation"], c["entities"]), c["state"], f"{c['confidence']:.2f}", c["first_seen"], c["resolved_at"] or "",
         "" if c["days_to_resolution"] is None else c["days_to_resolution"], ", ".join(c["sources"]))
        for c in report["claims"]])
    if report["sources"]:
        out += ["", "## Sources", "", "Fiabilité = confirmées / (confirmées + démenties), sur les rumeurs portées avant leur résolution. "
                "Justes : ce que la source annonçait (« rachèterait », ou « renoncerait ») est ce qui est arrivé ; fausses : le contraire ; "
                "en attente : pas encore résolues.", ""]
        out += _table(("source", "rumeurs", "confirmées", "démenties", "ouvertes", "expirées", "fiabilité", "justes", "fausses", "en attente",
                       "affirmations"), [
            (r["name"], r["rumours"], r["confirmed"], r["denied"], r["open"], r["expired"], accuracy_text(r["accuracy"]),
             r["right"], r["wrong"], r["pending"], " ".join(f"#{i}" for i in r["claims"]))
            for r in report["sources"]])
    if report["timing"]:
        out += ["", "## Délais de résolution", ""]
        out += _table(("relation", "résolues", "médiane (jours)", "affirmations"), [
            (rel, t["resolved"], t["median_days"], " ".join(f"#{i}" for i in t["claims"])) for rel, t in report["timing"].items()])
    out += ["", "## Historique", ""]
    for c in report["claims"]:
        out.append(f"### #{c['id']} {md_text(views.words(c['relation'], c['entities']))} — {md_text(c['state'])} ({c['confidence']:.2f})")
        out.append("")
        for h in c["history"]:
            out.append(f"- {h['date']} · **{md_text(h['state'])}** · article {h['article']} ({md_text(h['stance'])}{' — ' + md_text(h['negative']) if h.get('negative') else ''}) : « {md_text(h.get('sentence'))} »")
        out.append("")
    out += ["## Articles", ""]
    out += _table(("article", "date", "date lue dans", "titre", "fichier"),
                  [(a["id"], a["date"], a["date_source"], a["title"], a["path"]) for a in report["articles"]])
    return "\n".join(out).rstrip() + "\n"
