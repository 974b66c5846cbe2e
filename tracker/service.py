"""Orchestration: ingest files (one transaction per article), and read claims back as plain dicts.

This is the one module that opens transactions. spaCy is imported only by the functions that
parse text, so listing commands start fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import time
import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError, InternalError, OperationalError

from tracker import errors
from tracker.articles import Article, check_not_future
from tracker.sources import Source, expand, read_source
from tracker.stance import polarity_of
from tracker.states import ClaimState, MentionFact, evidence, fold
from tracker.store import repo
from tracker.store.db import is_read_only_error, open_engine, writer
from tracker.store.schema import State

if TYPE_CHECKING:
    from tracker.extract import Analysis, Mention

RESOLVED = ("confirmed", "denied")
STORE_TRIES = 8  # attempts at one article's transaction when concurrent ingests conflict
BATCH_SIZE = 32  # articles per nlp.pipe batch: bigger batches do not help and only hold more Docs


@dataclass
class ArticleResult:
    path: str
    status: str  # stored | skipped | error
    message: str = ""
    article_id: int | None = None
    title: str = ""
    date: dt.date | None = None
    date_source: str = ""
    claims: list[tuple[str, str]] = field(default_factory=list)  # (key, stance)
    resolved: list[tuple[str, str]] = field(default_factory=list)  # (key, new state)


def _already_stored(path: str, known) -> ArticleResult:
    """``known``: the stored article's row (:func:`tracker.store.repo.article_by_sha`)."""
    return ArticleResult(path, "skipped", f"already stored as article {known.id}", known.id, known.title, known.date, known.date_source)


def analyse_article(article: Article, nlp=None) -> Analysis:
    """Run the pipeline on one article (nothing stored)."""
    from tracker.extract import analyse_doc
    from tracker.pipeline import shared_nlp

    nlp = nlp or shared_nlp()
    return analyse_doc(nlp(article.norm_text), article.text, article.date)


def sources(paths: Iterable[str | Source], *, url: str | None = None) -> list[Source]:
    """The articles named by files, folders, web addresses and feeds (:func:`tracker.sources.expand`);
    an address already stored in the database at ``url`` is not fetched. The database is opened
    only once every local path is known to exist, and only if an address needs it."""
    engine = functools.cache(lambda: open_engine(url))

    def known(address: str) -> bool:
        with engine().connect() as conn:
            return repo.article_by_url(conn, address) is not None

    return expand(paths, known_url=known)


def ingest(
    paths: list[str],
    *,
    url: str | None = None,
    date: dt.date | None = None,
    today: dt.date | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
    jobs: int = 1,
    batch_size: int = BATCH_SIZE,
) -> list[ArticleResult]:
    """Ingest files, folders, web addresses and feeds (or the :class:`~tracker.sources.Source` list
    :func:`sources` made of them); a bad file or address is reported and skipped, the others are stored.

    Raises :class:`~tracker.errors.MissingPath` / ``NoArticles`` / ``FutureDate`` before anything is
    stored when a named path does not exist or ``date`` is after today, so a typo never half-ingests a
    batch. :func:`iter_ingest` is the
    same without keeping the results.
    """
    results = []
    for r in iter_ingest(paths, url=url, date=date, today=today, jobs=jobs, batch_size=batch_size):
        results.append(r)
        if on_result:
            on_result(r)
    return results


def iter_ingest(
    paths: list[str],
    *,
    url: str | None = None,
    date: dt.date | None = None,
    today: dt.date | None = None,
    jobs: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[ArticleResult]:
    """Each article's result as soon as it is stored (or skipped); nothing accumulates.

    Articles stream through the parser ``batch_size`` at a time; with ``jobs`` > 1 they are
    parsed in that many processes while this one stores them, one transaction each, in order, so
    the database ends the same whatever ``jobs`` is.
    """
    if jobs < 1:
        raise errors.TrackerError(f"--jobs must be at least 1, not {jobs}")
    check_not_future(date, today)
    files = sources(paths, url=url)
    engine = open_engine(url)
    aside: deque[ArticleResult] = deque()  # bad or known files met while reading ahead of the parser

    def fresh() -> Iterator[Article]:
        for src in files:
            if src.url is not None:
                with engine.connect() as conn:
                    known = repo.article_by_url(conn, src.url)
                if known is not None:  # skipped before it is fetched again
                    aside.append(_already_stored(src.name, known))
                    continue
            try:
                item = read_source(src, date=date, today=today)
            except errors.InputError as exc:
                aside.append(ArticleResult(src.name, "error", str(exc)))
                continue
            with engine.connect() as conn:
                known = repo.article_by_sha(conn, item.sha256)
            if known is not None:
                aside.append(_already_stored(src.name, known))
                continue
            yield item

    for article, analysis in _analysed(fresh(), jobs=jobs, batch_size=batch_size):
        while aside:
            yield aside.popleft()
        yield store_article(engine, article, analysis)
    while aside:
        yield aside.popleft()


def _analysed(articles: Iterator[Article], *, jobs: int, batch_size: int) -> Iterator[tuple[Article, Analysis]]:
    """(article, analysis) in input order, never more than a few batches in memory."""
    if jobs == 1:
        from tracker.extract import analyse_doc
        from tracker.pipeline import shared_nlp

        pairs = ((a.norm_text, a) for a in articles)
        for doc, article in shared_nlp().pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield article, analyse_doc(doc, article.text, article.date)
        return
    # a pool of parsers rather than nlp.pipe(n_process=N): the workers send back small frozen
    # Analysis objects instead of whole Docs, and this process only has to store them. Loading the
    # French model costs seconds of CPU (spaCy compiles its tokenizer exceptions), so where fork
    # exists the workers inherit the model loaded here; elsewhere each loads its own.
    if "fork" in mp.get_all_start_methods():
        from tracker.pipeline import shared_nlp

        shared_nlp()
        ctx = mp.get_context("fork")
    else:  # pragma: no cover - Windows
        ctx = mp.get_context("spawn")
    pending: deque = deque()
    with ctx.Pool(jobs, initializer=_start_worker) as pool:
        for chunk in _chunks(articles, batch_size):
            work = [(a.norm_text, a.text, a.date) for a in chunk]
            pending.append((chunk, pool.apply_async(_analyse_chunk, (work,))))
            if len(pending) > 2 * jobs:
                done, result = pending.popleft()
                yield from zip(done, result.get())
        while pending:
            done, result = pending.popleft()
            yield from zip(done, result.get())


def _chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _start_worker() -> None:
    # Ctrl-C is the writer's to handle (it rolls back and stops the pool); workers stay quiet
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from tracker.pipeline import shared_nlp

    shared_nlp()


def _analyse_chunk(work: list[tuple[str, str, dt.date]]) -> list[Analysis]:
    from tracker.extract import analyse_doc
    from tracker.pipeline import shared_nlp

    docs = shared_nlp().pipe([norm for norm, _, _ in work], batch_size=len(work))
    return [analyse_doc(doc, text, day) for doc, (_, text, day) in zip(docs, work)]


def store_article(engine, article: Article, analysis: Analysis) -> ArticleResult:
    """Store one analysed article and refold the claims it touches, in one transaction.

    Other ingests may be storing into the same database at the same moment. A conflict — the same
    article or a new claim stored meanwhile (a unique key), a deadlock, SQLite still busy after its
    timeout — rolls the whole transaction back, and it is tried again from the start: nothing is
    half-stored, nothing is lost, and an article stored by the other side is reported as skipped.
    """
    why = ""
    for attempt in range(STORE_TRIES):
        if attempt:
            time.sleep(random.uniform(0, 0.05 * 2**attempt))  # jitter: two racers do not collide again
        try:
            return _store_once(writer(engine), article, analysis)
        except (IntegrityError, OperationalError, InternalError) as exc:
            if is_read_only_error(exc):
                raise errors.DatabaseError(engine.url.render_as_string(hide_password=True),
                                           "it is read-only; storing articles needs write access") from exc
            if isinstance(exc, InternalError):
                raise
            why = str(exc.orig or exc).splitlines()[0]
    raise errors.StoreFailed(article.path, STORE_TRIES, why)


def _store_once(engine, article: Article, analysis: Analysis) -> ArticleResult:
    # Core statements on a plain connection, a handful per article whatever its number of claims:
    # the ORM's unit of work cost as much CPU as our pipeline components spend on the article
    with engine.begin() as s:
        if (known := repo.article_by_sha(s, article.sha256)) is not None:
            return _already_stored(article.path, known)
        article_id = repo.insert_article(
            s, path=article.path, title=article.title, date=article.date, date_source=article.date_source,
            sha256=article.sha256, text=article.text, url=article.url, author=article.author, site=article.site, ingested_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        )
        first: dict[str, Mention] = {}
        for m in analysis.mentions:
            first.setdefault(m.key, m)
        keys = sorted(first)
        stored = repo.lock_claims(s, keys)
        ids = {key: cid for key, (cid, _) in stored.items()}
        ids |= repo.insert_claims(s, [_claim_row(first[key], article.date) for key in keys if key not in stored])
        repo.insert_mentions(s, [_mention_row(ids[m.key], article_id, m) for m in analysis.mentions])
        states = refold(s, [ids[key] for key in first])
        result = ArticleResult(article.path, "stored", "", article_id, article.title, article.date, article.date_source)
        for key in first:
            before = stored[key][1] if key in stored else None
            if before in ("rumour", "expired") and states[ids[key]].state in RESOLVED:
                result.resolved.append((key, states[ids[key]].state))
        result.claims = [(m.key, m.stance) for m in analysis.mentions]
        return result


def facts_by_claim(s, claim_ids: list[int]) -> dict[int, list[MentionFact]]:
    """Every stored mention of each claim, as the facts its state is folded from."""
    facts: dict[int, list[MentionFact]] = {cid: [] for cid in claim_ids}
    for cid, *fact, cues in repo.mention_rows(s, claim_ids):
        facts[cid].append(MentionFact(*fact, polarity=polarity_of(fact[4], cues)))
    return facts


def refold(s, claim_ids: list[int]) -> dict[int, ClaimState]:
    """Fold each claim's stored mentions into its state and store it, with what a listing shows (the
    counts, the evidence mention) and its steps; claim id → state."""
    states, rows, step_rows = {}, [], []
    for cid, facts in facts_by_claim(s, claim_ids).items():
        st = states[cid] = fold(facts)
        rows.append({
            "b_id": cid, "state": State(st.state), "confidence": st.base_confidence,  # the read side decays it
            "first_seen": st.first_seen, "last_seen": max(f.article_date for f in facts),
            "mention_count": len(facts), "article_count": len({f.article_id for f in facts}),
            "evidence_id": evidence(facts, st), "resolved_at": st.resolved_at, "resolved_by": st.resolved_by,
            "expected_by": st.expected_by, "sources": list(st.sources),
        })
        step_rows += [{"claim_id": cid, "seq": n, "date": step.date, "state": State(step.state), "article_id": step.article_id,
                       "mention_id": step.mention_id} for n, step in enumerate(st.history)]
    repo.store_states(s, rows, step_rows)
    return states


def _claim_row(m: Mention, day: dt.date) -> dict:
    return {
        "key": m.key, "relation": m.relation, "entities": list(m.entities), "state": State.rumour, "confidence": 0.0,
        "first_seen": day, "last_seen": day, "sources": [], "mention_count": 0, "article_count": 0,
    }


def _mention_row(claim_id: int, article_id: int, m: Mention) -> dict:
    strengths = [c.strength for c in m.cues if c.kind in ("hedge", "report")] if m.stance in ("hedged", "reported") else [c.strength for c in m.cues]
    return {
        "claim_id": claim_id, "article_id": article_id, "sentence_index": m.sentence_index, "sentence": m.sentence,
        "stance": m.stance, "cues": [{"text": c.text, "kind": c.kind, "strength": c.strength, "rule": c.rule} for c in m.cues],
        "source": m.source, "strength": max(strengths, default=1.0), "expected_by": m.expected_by,
    }
