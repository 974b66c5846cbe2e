"""Command line: thin typer commands over tracker.service, tracker.views and tracker.report.

The console script starts in :mod:`tracker.entry`, which runs the read commands of plain command
lines (:mod:`tracker.read_commands`) without importing typer and hands everything else to :func:`main`.
The read commands here are built from the same table (:mod:`tracker.commands`).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup
from typer.core import _click as click  # typer's own copy of click, whose exceptions its parser raises

from tracker import errors, read_commands
from tracker.commands import COMMANDS, DB, Command, Option


class OneLineErrors(TyperGroup):
    """The app's command group: a command line that does not parse (an unknown option, ``--limit -1``,
    ``--format xml``) is one ``tracker:`` line on standard error with where to look, and exit 2,
    rather than click's usage box."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.ClickException as exc:
            if type(exc).__name__ != "NoArgsIsHelpError":  # that one has printed the help already
                click.echo(f"tracker: {usage_line(exc)}", err=True)
            code = exc.exit_code
        except typer.Abort:
            click.echo("tracker: aborted", err=True)
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def usage_line(exc: click.exceptions.ClickException) -> str:
    """« invalid value for '--limit' / '-n': … (see `tracker rumours --help`) », on one line."""
    message = " ".join(exc.format_message().split()).replace("Value error, ", "")
    message = message[:1].lower() + message[1:]
    ctx = getattr(exc, "ctx", None)
    hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
    return errors.one_line(message + hint)


app = typer.Typer(
    cls=OneLineErrors,
    help="Suivi des rumeurs de la presse tech française : ingérer des articles, lister les rumeurs ouvertes, exporter le rapport de résolution.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class AnalyseFormat(str, Enum):
    json = "json"
    table = "table"


def fail(message: str, code: int) -> None:
    typer.echo(f"tracker: {message}", err=True)
    raise typer.Exit(code)


def guarded(fn):
    """Turn library errors into one line on standard error and an exit code; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - the last line of defence of a CLI
            message, code = read_commands.outcome(exc)
            if message is None:
                raise typer.Exit(code) from None
            fail(message, code)

    return wrapper


def _article_date(value: Optional[str]) -> Optional[dt.date]:
    """``--date`` of ingest and analyse: a publication date, so never after today."""
    from tracker.articles import check_not_future

    date = read_commands.parse_date(value)
    check_not_future(date)
    return date


DbOption = Annotated[Optional[str], typer.Option(*DB.flags, help=DB.help)]


@app.callback()
def main_options(ctx: typer.Context, db: DbOption = None) -> None:
    ctx.obj = {"db": db}


def _db(ctx: typer.Context) -> Optional[str]:
    return (ctx.obj or {}).get("db")


GazetteerOpt = Annotated[Optional[str], typer.Option(
    "--gazetteer", help="Votre propre fichier de noms (JSON lines, schéma de models/gazetteer.jsonl), fusionné par-dessus celui du paquet "
                        "(défaut : $TRACKER_GAZETTEER).")]


def _use_gazetteer(path: Optional[str]) -> None:
    """Check the user's gazetteer before anything is read, and hand it to the pipeline (and to the
    worker processes of ``--jobs``) through the environment."""
    from tracker.resources import USER_GAZETTEER_ENV, gazetteer

    path = path or os.environ.get(USER_GAZETTEER_ENV) or None
    if path is None:
        return
    gazetteer(path)  # every check, the aliases shared with the shipped entries included, before any article
    os.environ[USER_GAZETTEER_ENV] = path


@app.command()
@guarded
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Fichiers ou dossiers (*.txt, *.md, *.html, récursivement), adresses web (https://…), flux RSS/Atom (fichier ou adresse) ; « - » lit l'entrée standard.")],
    date: Annotated[Optional[str], typer.Option(help="Date des articles (YYYY-MM-DD ou YYYY-MM), prioritaire sur leur contenu.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="N'affiche que le bilan.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processus d'analyse en parallèle (un seul écrit en base, dans l'ordre).")] = 1,
    gazetteer: GazetteerOpt = None,
) -> None:
    """Ingest article files: store their claims and resolve the rumours they confirm or deny."""
    _use_gazetteer(gazetteer)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tracker import service

    article_date = _article_date(date)
    files = service.sources(paths, url=_db(ctx))  # folders listed, addresses fetched, feeds read
    err = Console(stderr=True)
    out = Lines()
    counts = {"stored": 0, "skipped": 0, "error": 0}
    with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
                  disable=len(files) < 5 or not err.is_terminal) as progress:
        task = progress.add_task("ingest", total=len(files))

        def report(r: service.ArticleResult) -> None:
            counts[r.status] += 1
            progress.advance(task)
            if r.status == "error":
                progress.console.print(f"tracker: skipped {errors.one_line(r.message)}", markup=False, highlight=False, soft_wrap=True)
                return
            if quiet:
                return
            path = errors.escaped(r.path)
            if r.status == "skipped":
                out(f"= {path}: {r.message}")
                return
            out(f"+ {path} [{r.date} from {r.date_source}] « {errors.escaped(r.title[:80])} »: {len(r.claims)} claim mention(s)")
            for key, stance in r.claims:
                out(f"    {stance:<9} {errors.escaped(key)}")
            for key, state in r.resolved:
                out(f"    ⇒ resolved {errors.escaped(key)}: {state}")

        for result in _with_feed_news(service.iter_ingest(files, url=_db(ctx), date=article_date, jobs=jobs), files):
            report(result)
    summary = f"{counts['stored']} stored, {counts['skipped']} already there, {counts['error']} skipped with errors"
    out(summary)
    if out.closed:
        typer.echo(f"tracker: standard output was closed early; the ingest went on to the end: {summary}", err=True)
    if counts["error"]:
        raise typer.Exit(2)


class Lines:
    """Standard output for what an ingest says about each article. Its reader may go away
    (« tracker ingest corpus | head »): the articles are what the user asked for, so the ingest
    goes on storing them, and says so on standard error at the end, rather than dying half-way
    with SIGPIPE's 141."""

    def __init__(self) -> None:
        self.closed = False

    def __call__(self, line: str) -> None:
        if self.closed:
            return
        try:
            typer.echo(line)
        except BrokenPipeError:
            self.closed = True
            # what Python would still try to flush at exit goes nowhere, instead of failing again
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)


@app.command()
@guarded
def analyse(
    path: Annotated[str, typer.Argument(help="Un fichier article, une adresse web (https://…), ou « - » pour l'entrée standard.")],
    format: Annotated[AnalyseFormat, typer.Option("--format", "-f", help="json ou table.")] = AnalyseFormat.json,
    date: Annotated[Optional[str], typer.Option(help="Date de l'article (YYYY-MM-DD).")] = None,
    gazetteer: GazetteerOpt = None,
) -> None:
    """Dry run: show each sentence's stance and cues, and the claims found. Nothing is stored."""
    _use_gazetteer(gazetteer)
    from tracker.analysis_view import analysis_dict, analysis_table
    from tracker.articles import read_article
    from tracker.service import analyse_article

    article = read_article(path, date=_article_date(date))
    data = analysis_dict(article, analyse_article(article))
    if format == AnalyseFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        analysis_table(data)


def read_command(name: str, command: Command):
    """The typer command for one read command of :data:`tracker.commands.COMMANDS`: its parameters
    are the table's options, and it runs :func:`tracker.read_commands.run` as the entry point does."""

    def run(ctx: typer.Context, **options) -> None:
        options = {k: v.value if isinstance(v, Enum) else v for k, v in options.items()}
        read_commands.run(typer.echo, _db(ctx), name, options)

    run = guarded(run)
    params = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    if command.argument is not None:
        arg = command.argument
        params.append(inspect.Parameter(arg.name, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                        annotation=Annotated[str, typer.Argument(metavar=arg.flags[0], help=arg.help)]))
    params += [_parameter(name, option) for option in command.options]
    run.__signature__ = inspect.Signature(params)
    run.__annotations__ = {p.name: p.annotation for p in params}
    run.__doc__ = command.help
    run.__name__ = name
    return run


def _parameter(command: str, option: Option) -> inspect.Parameter:
    info = {"help": option.help}
    if option.choices:
        kind = Enum(f"{command.title()}{option.name.title()}", [(c, c) for c in option.choices], type=str)
        default = kind(option.default)
    else:
        kind, default = Optional[list[str] if option.kind is list else option.kind], None
        if option.kind is int:
            info["min"] = 0
    return inspect.Parameter(option.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default,
                             annotation=Annotated[kind, typer.Option(*option.flags, **info)])


for _name, _command in COMMANDS.items():
    app.command(_name)(read_command(_name, _command))


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
        result["corpus"].pop("claim_misses")
        result["corpus"].pop("axis_misses", None)
        result.get("devdata", {}).pop("misses", None)
        result.get("states", {}).pop("state_errors", None)
    if format == AnalyseFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    from tracker.evaluate_view import print_scores

    print_scores(result)


def _with_feed_news(results, sources):
    """The results as they come; then, per feed, a line saying how many of its entries were new."""
    from collections import Counter

    feed_of = {s.name: s.feed for s in sources if s.feed}
    entries = Counter(s.feed for s in sources if s.feed)
    new = Counter()
    for r in results:
        if r.status == "stored" and r.path in feed_of:
            new[feed_of[r.path]] += 1
        yield r
    for feed, n in entries.items():
        typer.echo(f"{feed}: {n} entries, {new[feed]} new")


def main() -> None:
    app(prog_name="tracker")
