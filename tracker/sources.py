"""What ``tracker ingest`` is given, as a list of articles to read: files, folders, web addresses and
RSS/Atom feeds (a file or an address), each feed expanded into its entries.

:func:`expand` checks every local path before fetching anything (a typo stops the ingest before it
starts), fetches each address once to learn whether it is a page or a feed, and reads nothing
else: the articles are read one by one by :func:`read_source`, as the ingest reaches them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tracker import errors
from tracker.articles import ARTICLE_SUFFIXES, Article, decode, discover, is_url, page_article, parse_article, read_article, read_bytes
from tracker.feeds import Entry, looks_like_feed, parse_feed
from tracker.web import FEED_TYPES, HTML_TYPES, Fetched, clean_url, fetch

FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
_PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
_ANY_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1"


@dataclass(frozen=True)
class Source:
    """One article to read. ``name`` is what the user sees (a path, an address); ``url`` the article's
    address, kept on it, by which an article already stored is skipped before any fetch."""

    name: str
    url: str | None = None
    fetched: Fetched | None = None  # the page, when fetching the address told page from feed
    entry: Entry | None = None
    feed: str | None = None  # the feed the entry came from (its file or address)
    error: errors.InputError | None = None  # an address or a feed that failed: reported, then skipped


def expand(paths: Iterable[str | Source], *, known_url: Callable[[str], bool] = lambda url: False) -> list[Source]:
    """Every article named by ``paths``, in order. ``known_url(url)``: is an article from that
    address stored already? Then it is not fetched. Raises :class:`~tracker.errors.MissingPath` /
    ``NoArticles`` for a local path before any address is fetched; a failing address or feed becomes
    a :class:`Source` carrying its error, so the others are still ingested."""
    paths = list(paths)
    local = {p: discover([p]) for p in paths if isinstance(p, str) and not is_url(p)}
    found: list[Source] = []
    for p in paths:
        if isinstance(p, Source):
            found.append(p)
        elif is_url(p):
            found.extend(_address(p, known_url))
        else:
            for f in local[p]:
                named = f == p and f != "-"  # named on the command line, not found in a folder
                found.extend(_file(f) if named and Path(f).suffix.lower() not in ARTICLE_SUFFIXES else [Source(f)])
    return found


def _address(url: str, known_url: Callable[[str], bool]) -> list[Source]:
    url = clean_url(url)
    if known_url(url):
        return [Source(url, url)]
    try:
        answer = fetch(url, accept=_ANY_ACCEPT)
        if _kind(answer) == "feed":
            return _entries(answer.body, url, answer.final_url)
    except errors.InputError as exc:
        return [Source(url, url, error=exc)]
    return [Source(url, url, fetched=answer)]


def _file(path: str) -> list[Source]:
    """A file named on the command line that is not an article file by its suffix: a feed (a
    ``.xml``, ``.rss``, ``.atom`` file must be one), or else an article (read later, as any file)."""
    try:
        data = read_bytes(path)
    except errors.InputError as exc:
        return [Source(path, error=exc)]
    if not looks_like_feed(data) and Path(path).suffix.lower() not in FEED_SUFFIXES:
        return [Source(path)]
    try:
        return _entries(data, path, None)
    except errors.InputError as exc:
        return [Source(path, error=exc)]


def _entries(data: bytes, origin: str, base_url: str | None) -> list[Source]:
    feed = parse_feed(data, origin, base_url=base_url)
    return [Source(e.link or f"{origin}#{n}", e.link, entry=e, feed=origin) for n, e in enumerate(feed.entries, 1)]


def _kind(answer: Fetched) -> str:
    """``feed`` or ``html`` from the content type and the document's first element."""
    if looks_like_feed(answer.body) and answer.content_type in (*FEED_TYPES, *HTML_TYPES, "", "text/plain", "application/octet-stream"):
        return "feed"
    if answer.content_type in HTML_TYPES or (answer.content_type in ("", "application/octet-stream") and _starts_html(answer.body)):
        return "html"
    raise errors.NotAPage(answer.url, answer.content_type)


def _starts_html(body: bytes) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _html(answer: Fetched) -> str:
    if answer.charset:
        try:
            return decode(answer.body.decode(answer.charset).encode("utf-8"), answer.url)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset in the headers: guess as for a file
    return decode(answer.body, answer.url)


def read_source(src: Source, *, date: dt.date | None = None, today: dt.date | None = None) -> Article:
    """Read one source into an :class:`Article` (fetching it if needed); any failure is an
    :class:`~tracker.errors.InputError` naming it."""
    if src.error is not None:
        raise src.error
    if src.entry is not None:
        return _read_entry(src, date, today)
    if src.url is not None:
        answer = src.fetched or fetch(src.url, accept=_PAGE_ACCEPT)
        if src.fetched is None and _kind(answer) != "html":
            raise errors.NotAPage(src.url, answer.content_type)
        return parse_article(_html(answer), src.name, date=date, today=today, html=True, url=src.url)
    return read_article(src.name, date=date, today=today)


def read_url(url: str, *, date: dt.date | None = None, today: dt.date | None = None) -> Article:
    """The article at a web address (a page, not a feed)."""
    return read_source(Source(clean_url(url), clean_url(url)), date=date, today=today)


def _read_entry(src: Source, date: dt.date | None, today: dt.date | None) -> Article:
    from tracker.webpage import read_page

    entry = src.entry
    today = today or dt.date.today()
    if entry.content is not None:
        page = read_page(entry.content, today=today, fragment=True, title=entry.title)
    else:
        answer = fetch(entry.link, accept=_PAGE_ACCEPT)
        if _kind(answer) != "html":
            raise errors.NotAPage(entry.link, answer.content_type)
        page = read_page(_html(answer), today=today, url=entry.link, title=entry.title)
    page = page.merged(date=entry.date, author=entry.author)
    return page_article(page, src.name, date=date, today=today, url=entry.link)
