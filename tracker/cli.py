"""Command line: thin typer commands over tracker.service, tracker.views and tracker.report."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker import errors

app = typer.Typer(
    help="Suivi des rumeurs de la presse tech française : ingérer des articles, lister les rumeurs ouvertes, exporter le rapport de résolution.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class AnalyseFormat(str, Enum):
    json = "json"
    table = "table"


class ReportFormat(str, Enum):
    md = "md"
    json = "json"
    csv = "csv"
    html = "html"


STATE_NAMES = ("rumour", "confirmed", "denied", "fact", "expired")
RELATION_NAMES = ("partnership", "partnership_end", "acquisition", "launch", "feature", "investment", "sanction")


def fail(message: str, code: int) -> None:
    typer.echo(f"tracker: {message}", err=True)
    raise typer.Exit(code)


def guarded(fn):
    """Turn library errors into one line on standard error and an exit code; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except errors.TrackerError as exc:
            fail(str(exc), exc.exit_code)
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # the reader went away (« tracker report | head »): stop quietly, like any Unix tool
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(141)
        except KeyboardInterrupt:
            fail("interrupted; articles already stored are kept, the one in progress was rolled back", 130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence of a CLI
            fail(f"internal error ({type(exc).__name__}: {exc}); please report it", 70)

    return wrapper


def _date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    from tracker.articles import parse_date

    return parse_date(value)


def _article_date(value: Optional[str]) -> Optional[dt.date]:
    """``--date`` of ingest and analyse: a publication date, so never after today."""
    from tracker.articles import check_not_future

    date = _date(value)
    check_not_future(date)
    return date


DbOption = Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL (default: $TRACKER_DB, else sqlite:///tracker.db).")]


@app.callback()
def main_options(ctx: typer.Context, db: DbOption = None) -> None:
    ctx.obj = {"db": db}


def _db(ctx: typer.Context) -> Optional[str]:
    return (ctx.obj or {}).get("db")


@app.command()
@guarded
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Fichiers ou dossiers (*.txt, *.md, *.html, récursivement); « - » lit l'entrée standard.")],
    date: Annotated[Optional[str], typer.Option(help="Date des articles (YYYY-MM-DD ou YYYY-MM), prioritaire sur leur contenu.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="N'affiche que le bilan.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processus d'analyse en parallèle (un seul écrit en base, dans l'ordre).")] = 1,
) -> None:
    """Ingest article files: store their claims and resolve the rumours they confirm or deny."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tracker import service
    from tracker.articles import discover

    article_date = _article_date(date)
    files = discover(paths)
    err = Console(stderr=True)
    counts = {"stored": 0, "skipped": 0, "error": 0}
    with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
                  disable=len(files) < 5 or not err.is_terminal) as progress:
        task = progress.add_task("ingest", total=len(files))

        def report(r: service.ArticleResult) -> None:
            counts[r.status] += 1
            progress.advance(task)
            if r.status == "error":
                progress.console.print(f"tracker: skipped {r.message}", markup=False, highlight=False, soft_wrap=True)
                return
            if quiet:
                return
            if r.status == "skipped":
                typer.echo(f"= {r.path}: {r.message}")
                return
            typer.echo(f"+ {r.path} [{r.date} from {r.date_source}] « {r.title[:80]} »: {len(r.claims)} claim mention(s)")
            for key, stance in r.claims:
                typer.echo(f"    {stance:<9} {key}")
            for key, state in r.resolved:
                typer.echo(f"    ⇒ resolved {key}: {state}")

        for result in service.iter_ingest(files, url=_db(ctx), date=article_date, jobs=jobs):
            report(result)
    typer.echo(f"{counts['stored']} stored, {counts['skipped']} already there, {counts['error']} skipped with errors")
    if counts["error"]:
        raise typer.Exit(2)


@app.command()
@guarded
def analyse(
    path: Annotated[str, typer.Argument(help="Un fichier article, ou « - » pour l'entrée standard.")],
    format: Annotated[AnalyseFormat, typer.Option("--format", "-f", help="json ou table.")] = AnalyseFormat.json,
    date: Annotated[Optional[str], typer.Option(help="Date de l'article (YYYY-MM-DD).")] = None,
) -> None:
    """Dry run: show each sentence's stance and cues, and the claims found. Nothing is stored."""
    from tracker.analysis_view import analysis_dict, analysis_table
    from tracker.articles import read_article
    from tracker.service import analyse_article

    article = read_article(path, date=_article_date(date))
    data = analysis_dict(article, analyse_article(article))
    if format == AnalyseFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        analysis_table(data)


def _listing(ctx, states, entity, relation, since, as_of, format: ListFormat, title: str) -> None:
    from tracker import views

    if relation and relation not in RELATION_NAMES:
        raise errors.TrackerError(f"unknown relation {relation!r}; one of: {', '.join(RELATION_NAMES)}")
    rows = views.list_claims(_db(ctx), as_of=_date(as_of), states=states, entity=entity, relation=relation, since=_date(since))
    fields = ("id", "words", "key", "state", "first_seen", "mention_count", "sources", "confidence", "expected_by", "evidence", "evidence_cues")
    if format == ListFormat.json:
        # one claim per line: still one JSON array, and 30,000 rows take json's C encoder, not indent's Python one
        typer.echo("[" + ",".join("\n  " + json.dumps({k: r[k] for k in fields}, ensure_ascii=False) for r in rows) + ("\n]" if rows else "]"))
    elif format == ListFormat.csv:
        from tracker.report.text import spreadsheet_safe

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(fields)
        for r in rows:
            w.writerow([spreadsheet_safe("; ".join(r[k]) if isinstance(r[k], list) else ("" if r[k] is None else r[k])) for k in fields])
        typer.echo(buf.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{title} ({len(rows)})", show_lines=True)
        for col in ("id", "affirmation", "état", "vue le", "mentions", "sources", "confiance", "preuve"):
            table.add_column(col, overflow="fold")
        for r in rows:
            cue = f" [{', '.join(r['evidence_cues'])}]" if r["evidence_cues"] else ""
            table.add_row(str(r["id"]), r["words"], r["state"], r["first_seen"], str(r["mention_count"]), ", ".join(r["sources"]),
                          f"{r['confidence']:.2f}", f"« {r['evidence']} »{cue}")
        Console(width=max(120, Console().width)).print(table)


EntityOpt = Annotated[Optional[str], typer.Option("--entity", help="Ne garder que les affirmations qui citent cette entité (alias acceptés).")]
RelationOpt = Annotated[Optional[str], typer.Option("--relation", help=f"Relation : {', '.join(RELATION_NAMES)}.")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Vues pour la première fois à partir de cette date (YYYY-MM-DD).")]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="Date d'observation (défaut : aujourd'hui) ; les rumeurs échues expirent.")]
FormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="table, json ou csv.")]


@app.command()
@guarded
def rumours(ctx: typer.Context, entity: EntityOpt = None, relation: RelationOpt = None, since: SinceOpt = None, as_of: AsOfOpt = None,
            format: FormatOpt = ListFormat.table) -> None:
    """List open rumours, newest first, with their best evidence sentence and cue."""
    _listing(ctx, ["rumour"], entity, relation, since, as_of, format, "Rumeurs ouvertes")


@app.command()
@guarded
def claims(ctx: typer.Context, entity: EntityOpt = None, relation: RelationOpt = None, since: SinceOpt = None, as_of: AsOfOpt = None,
           state: Annotated[Optional[list[str]], typer.Option("--state", help=f"État(s) : {', '.join(STATE_NAMES)}.")] = None,
           format: FormatOpt = ListFormat.table) -> None:
    """List all claims, any state (filter with --state, repeatable)."""
    for s in state or []:
        if s not in STATE_NAMES:
            raise errors.TrackerError(f"unknown state {s!r}; one of: {', '.join(STATE_NAMES)}")
    _listing(ctx, state, entity, relation, since, as_of, format, "Affirmations")


@app.command()
@guarded
def show(ctx: typer.Context, ident: Annotated[str, typer.Argument(metavar="ID", help="Identifiant ou clé (partnership:leica|xiaomi).")],
         as_of: AsOfOpt = None, format: Annotated[AnalyseFormat, typer.Option("--format", "-f", help="table ou json.")] = AnalyseFormat.table) -> None:
    """Show one claim with its whole history: every mention and every state change."""
    from tracker import views

    v = views.show_claim(_db(ctx), ident, as_of=_date(as_of))
    if format == AnalyseFormat.json:
        typer.echo(json.dumps(v, ensure_ascii=False, indent=2))
        return
    typer.echo(f"#{v['id']} {v['words']}  [{v['key']}]")
    typer.echo(f"état : {v['state']}   confiance : {v['confidence']:.2f}   vue le : {v['first_seen']}"
               + (f"   résolue le : {v['resolved_at']} (article {v['resolved_by']}, {v['days_to_resolution']} jours)" if v["resolved_at"] else "")
               + (f"   attendue avant : {v['expected_by']}" if v["expected_by"] else ""))
    if v["sources"]:
        typer.echo(f"sources : {', '.join(v['sources'])}")
    typer.echo("\nmentions :")
    for m in v["mentions"]:
        cues = ", ".join(f"{c['text']} ({c['kind']})" for c in m["cues"]) or "aucun indice"
        src = f" — source : {m['source']}" if m["source"] else ""
        typer.echo(f"  {m['date']}  article {m['article']} « {m['title'][:60]} »\n    {m['stance']:<9} « {m['sentence']} »\n    indices : {cues}{src}")
    typer.echo("\nhistorique :")
    for h in v["history"]:
        typer.echo(f"  {h['date']}  {h['state']:<9} article {h['article']} ({h['stance']}) « {h['sentence'] or ''} »")


@app.command()
@guarded
def report(ctx: typer.Context,
           format: Annotated[ReportFormat, typer.Option("--format", "-f", help="md, json, csv ou html.")] = ReportFormat.md,
           output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Fichier de sortie (défaut : sortie standard).")] = None,
           as_of: AsOfOpt = None) -> None:
    """Export the resolution report: every claim, its state, its history, and the sources table."""
    from tracker.report import build, render

    text = render(build(_db(ctx), as_of=_date(as_of)), format.value)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise errors.TrackerError(f"cannot write {output}: {exc.strerror}") from exc
    typer.echo(f"report written to {output}", err=True)


@app.command()
@guarded
def evaluate(
    corpus: Annotated[Path, typer.Option(help="Dossier du corpus annoté (articles + gold/).")] = Path("corpus"),
    devdata: Annotated[Optional[Path], typer.Option(help="Dossier devdata (phrases étiquetées d'autres projets), s'il existe.")] = Path("../shared/devdata"),
    states: Annotated[bool, typer.Option("--states/--no-states", help="Ingérer tout le corpus (ordre mélangé) et noter les états finaux.")] = True,
    format: Annotated[AnalyseFormat, typer.Option("--format", "-f", help="table ou json.")] = AnalyseFormat.table,
    misses: Annotated[bool, typer.Option("--misses", help="Lister les phrases mal classées.")] = False,
) -> None:
    """Score the pipeline on the gold corpus (stance, hedged-vs-not, claims, final states) and on devdata."""
    from tracker import evaluate as ev

    if not (corpus / "gold" / "sentences.jsonl").exists():
        raise errors.TrackerError(f"{corpus}: no gold/sentences.jsonl; point --corpus at the annotated corpus")
    result = {"corpus": ev.score_sentences(corpus)}
    if states and (corpus / "gold" / "claims.jsonl").exists():
        result["states"] = ev.score_states(corpus)
    if devdata and devdata.is_dir():
        result["devdata"] = ev.score_devdata(devdata)
    if not misses:
        result["corpus"].pop("stance_misses")
        result.get("devdata", {}).pop("misses", None)
        result.get("states", {}).pop("state_errors", None)
    if format == AnalyseFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    from tracker.evaluate_view import print_scores

    print_scores(result)


def main() -> None:
    app(prog_name="tracker")
