"""The ``analyse`` command's output: the spec's JSON shape, or a readable table."""

from __future__ import annotations

from tracker import errors
from tracker.articles import Article
from tracker.extract import Analysis
from tracker.stance import factuality


def analysis_dict(article: Article, analysis: Analysis) -> dict:
    return {
        "article": {"title": article.title, "date": article.date.isoformat(), "date_source": article.date_source, "path": article.path,
                    "url": article.url, "author": article.author, "site": article.site},
        "sentences": [
            {"text": s.text, "stance": s.stance, "factuality": factuality(s.stance, s.deciding),
             "cues": [{"text": c.text, "kind": c.kind} for c in s.cues], "source": s.source}
            for s in analysis.sentences
        ],
        "claims": [
            {
                "key": m.key, "relation": m.relation, "entities": list(m.entities), "stance": m.stance,
                "factuality": factuality(m.stance, m.cues), "sentence": m.sentence,
                "cues": [{"text": c.text, "kind": c.kind} for c in m.cues], "source": m.source,
                "expected_by": m.expected_by.isoformat() if m.expected_by else None,
            }
            for m in analysis.mentions
        ],
    }


def analysis_table(data: dict) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tracker.read_commands import terminal_text as t

    console = Console()
    a = data["article"]
    console.print(Text.assemble((errors.escaped(a["title"]), "bold"), f"  {a['date']} ({a['date_source']})"), highlight=False)
    table = Table(show_lines=True)
    for col in ("#", "stance", "phrase", "indices", "source"):
        table.add_column(col, overflow="fold")
    for n, s in enumerate(data["sentences"]):
        table.add_row(str(n), s["stance"], t(s["text"]), t(", ".join(f"{c['text']} ({c['kind']})" for c in s["cues"])), t(s["source"] or ""))
    console.print(table)
    claims = Table(title="affirmations", show_lines=True)
    for col in ("clé", "stance", "indices", "source"):
        claims.add_column(col, overflow="fold")
    for c in data["claims"]:
        claims.add_row(t(c["key"]), c["stance"], t(", ".join(x["text"] for x in c["cues"])), t(c["source"] or ""))
    console.print(claims)
