"""The report as one self-contained HTML page: summary, timeline chart, claims, sources, timing,
each claim's history and evidence with its cue words highlighted, and the articles.

No script, no external resource (a Content-Security-Policy forbids both), so the page works offline
and an article that contains markup cannot run anything: every string from an article is escaped.
"""

from __future__ import annotations

import re
from html import escape

from tracker import views
from tracker.report.chart import COLOURS, timeline_svg
from tracker.report.text import accuracy_text

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222;line-height:1.4}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}#summary{display:flex;flex-wrap:wrap;gap:.6rem;list-style:none;padding:0}
#summary li{border:1px solid #ccc;border-radius:6px;padding:.4rem .8rem}#summary .n{font-size:1.4rem;font-weight:bold;display:block}
.state{font-weight:bold}mark{border-radius:3px;padding:0 .1rem}mark.cue-hedge{background:#ffe08a}mark.cue-report{background:#cfe3ff}
mark.cue-confirm{background:#c8ecc9}mark.cue-deny{background:#ffc9c9}mark.src{background:none;border-bottom:2px dotted #555}
.claim-card{border-top:1px solid #ddd;padding:.3rem 0}.meta{color:#555;font-size:.9rem}svg a text{fill:#0645ad}
""" + "".join(f".state-{s}{{color:{c}}}" for s, c in COLOURS.items())
SUMMARY = (("claims", "affirmations"), ("rumour", "rumeurs ouvertes"), ("confirmed", "confirmées"), ("denied", "démenties"),
           ("fact", "faits"), ("expired", "expirées"))


def _words(claim: dict) -> str:
    return views.words(claim["relation"], claim["entities"])


def _spans(sentence: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` stands as whole words in ``sentence`` (« nie » is not inside « compagnie »)."""
    if not needle:
        return []
    pattern = ("(?<!\\w)" if needle[0].isalnum() else "") + re.escape(needle) + ("(?!\\w)" if needle[-1].isalnum() else "")
    return [(m.start(), m.end()) for m in re.finditer(pattern, sentence)]


def highlight(sentence: str, cues: list[dict], source: str | None = None) -> str:
    """The sentence, escaped, with each cue in a ``<mark class="cue-KIND">`` and the source underlined.

    Cues are stored as the text the pipeline matched; a cue found elsewhere (« Source : X » on its
    own line) is simply not marked. Overlapping marks keep the earlier, longer one.
    """
    marks = [(a, b, f'cue cue-{escape(c["kind"])}', c["kind"]) for c in cues for a, b in _spans(sentence, c["text"])]
    if source:
        marks += [(a, b, "src", "source") for a, b in _spans(sentence, source)]
    out, pos = [], 0
    for a, b, cls, title in sorted(marks, key=lambda m: (m[0], -m[1])):
        if a < pos:
            continue
        out.append(escape(sentence[pos:a]))
        out.append(f'<mark class="{cls}" title="{escape(title)}">{escape(sentence[a:b])}</mark>')
        pos = b
    out.append(escape(sentence[pos:]))
    return "".join(out)


def _summary(report: dict) -> str:
    items = [(key, report["summary"][key], label) for key, label in SUMMARY] + [("articles", len(report["articles"]), "articles")]
    return '<ul id="summary">' + "".join(
        f'<li data-summary="{k}"><span class="n">{n}</span> {label}</li>' for k, n, label in items) + "</ul>"


def _claims_table(report: dict) -> str:
    rows = "".join(
        f'<tr data-claim="{c["id"]}"><td><a href="#claim-{c["id"]}">#{c["id"]}</a></td><td>{escape(_words(c))}</td>'
        f'<td class="state state-{escape(c["state"])}">{escape(c["state"])}</td><td>{c["confidence"]:.2f}</td>'
        f'<td>{escape(c["first_seen"])}</td><td>{escape(c["resolved_at"] or "")}</td>'
        f'<td>{"" if c["days_to_resolution"] is None else c["days_to_resolution"]}</td><td>{escape(", ".join(c["sources"]))}</td></tr>'
        for c in report["claims"])
    return _table(["id", "affirmation", "état", "confiance", "vue le", "résolue le", "jours", "sources"], rows)


def _table(headers: list[str], rows: str) -> str:
    """``rows``: the ``<tr>`` elements, already escaped."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _claim_links(ids: list[int]) -> str:
    return " ".join(f'<a href="#claim-{i}">#{i}</a>' for i in ids)


def _sources_table(report: dict) -> str:
    if not report["sources"]:
        return "<p>Aucune rumeur attribuée à une source.</p>"
    rows = "".join(
        f'<tr data-source="{escape(r["name"])}"><td>{escape(r["name"])}</td><td data-col="rumours">{r["rumours"]}</td>'
        f'<td data-col="confirmed">{r["confirmed"]}</td><td data-col="denied">{r["denied"]}</td><td data-col="open">{r["open"]}</td>'
        f'<td data-col="expired">{r["expired"]}</td><td data-col="accuracy">{accuracy_text(r["accuracy"])}</td>'
        f'<td data-col="right">{r["right"]}</td><td data-col="wrong">{r["wrong"]}</td><td data-col="pending">{r["pending"]}</td>'
        f'<td>{_claim_links(r["claims"])}</td></tr>'
        for r in report["sources"])
    return ("<p>Fiabilité = confirmées / (confirmées + démenties), sur les rumeurs que la source a portées avant leur résolution. "
            "Juste : ce que la source annonçait (« rachèterait », ou « renoncerait ») est ce qui est arrivé ; fausse : le contraire ; "
            "en attente : pas encore résolue.</p>"
            + _table(["source", "rumeurs", "confirmées", "démenties", "ouvertes", "expirées", "fiabilité", "justes", "fausses", "en attente",
                      "affirmations"], rows))


def _timing_table(report: dict) -> str:
    if not report["timing"]:
        return "<p>Aucune rumeur résolue.</p>"
    rows = "".join(
        f'<tr data-relation="{escape(rel)}"><td>{escape(rel)}</td><td>{t["resolved"]}</td><td data-col="median_days">{t["median_days"]}</td>'
        f'<td>{_claim_links(t["claims"])}</td></tr>'
        for rel, t in report["timing"].items())
    return _table(["relation", "rumeurs résolues", "médiane (jours)", "affirmations"], rows)


def _negative(item: dict) -> str:
    """« — abandon évoqué » after the stance of a negative rumour (a history step or a mention)."""
    return f" — {escape(item['negative'])}" if item.get("negative") else ""


def _evidence(claim: dict) -> str:
    history = "".join(
        f'<li><span class="state state-{escape(h["state"])}">{escape(h["state"])}</span> le {escape(h["date"])} par '
        f'<a href="#article-{h["article"]}">l\'article {h["article"]}</a> ({escape(h["stance"])}{_negative(h)}) : « {escape(h.get("sentence") or "")} »</li>'
        for h in claim["history"])
    mentions = "".join(
        f'<li class="mention"><span class="meta">{escape(m["date"])} · <a href="#article-{m["article"]}">article {m["article"]}</a> · '
        f'{escape(m["stance"])}{_negative(m)}{" · source : " + escape(m["source"]) if m["source"] else ""}</span><br>'
        f'« {highlight(m["sentence"], m["cues"], m["source"])} »</li>'
        for m in claim["mentions"])
    expected = f" · attendue avant le {escape(claim['expected_by'])}" if claim["expected_by"] else ""
    return (f'<div class="claim-card" id="claim-{claim["id"]}"><h3>#{claim["id"]} {escape(_words(claim))} — '
            f'<span class="state state-{escape(claim["state"])}">{escape(claim["state"])}</span></h3>'
            f'<p class="meta"><code>{escape(claim["key"])}</code> · confiance {claim["confidence"]:.2f} · vue le {escape(claim["first_seen"])}'
            f'{expected}</p><h4>Historique</h4><ol>{history}</ol><h4>Mentions</h4><ul>{mentions}</ul></div>')


def _articles_table(report: dict) -> str:
    rows = "".join(
        f'<tr id="article-{a["id"]}"><td>{a["id"]}</td><td>{escape(a["date"])}</td><td>{escape(a["date_source"])}</td>'
        f'<td>{escape(a["title"])}</td><td><code>{escape(a["path"])}</code></td></tr>'
        for a in report["articles"])
    return _table(["article", "date", "date lue dans", "titre", "fichier"], rows)


def to_html(report: dict) -> str:
    as_of = escape(report["as_of"])
    chart = timeline_svg(report["claims"], report["as_of"], _words) if report["claims"] else "<p>Aucune affirmation.</p>"
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapport tracker — au {as_of}</title>
<style>{STYLE}</style></head>
<body><h1>Rapport de résolution des rumeurs — au {as_of}</h1>
{_summary(report)}
<section id="chart"><h2>Chronologie</h2>
<p class="meta">Une ligne par affirmation : de la première mention à la résolution (ou au {as_of} si elle reste ouverte) ;
un rond à chaque changement d'état.</p>
{chart}</section>
<section id="claims"><h2>Affirmations</h2>{_claims_table(report)}
<p class="meta">Confiance : 1 pour une affirmation confirmée ou un fait, 0 démentie ; une rumeur vaut 1 − Π(1 − s/2) sur les
articles qui la portent (s : l'indice le plus fort de l'article), + 0,05 par source distincte en plus, au plus 0,95, puis
diminue de moitié par année sans nouvelle mention ; une rumeur expirée en garde la moitié. Chaque article qui la porte au
négatif (« renoncerait ») la multiplie par 1 − s/2.</p></section>
<section id="sources"><h2>Sources</h2>{_sources_table(report)}</section>
<section id="timing"><h2>Délais de résolution</h2>{_timing_table(report)}</section>
<section id="evidence"><h2>Preuves</h2>{"".join(_evidence(c) for c in report["claims"])}</section>
<section id="articles"><h2>Articles</h2>{_articles_table(report)}</section>
</body></html>
"""
