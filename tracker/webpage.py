"""A saved web page → its article: main text, title, author, site, address and publication date.

trafilatura finds the article among the menus, related links, comment threads and footers of the
page and reads its metadata (``og:title``, ``author``, ``og:site_name``, the canonical link);
htmldate, called by trafilatura with the options below, reads the publication date from the
page's metadata only (``article:published_time``, JSON-LD ``datePublished``, ``<time>``, a date
in the address). A date merely written in the text is left to :mod:`tracker.articles`, which
tries it after this one, as the spec orders.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Page:
    """What a page (or a feed entry) says about its article; any field may be missing."""

    text: str = ""
    title: str | None = None
    author: str | None = None
    site: str | None = None
    date: dt.date | None = None
    url: str | None = None

    def merged(self, *, date: dt.date | None = None, author: str | None = None) -> Page:
        """This page as a feed entry describes it: the entry's date first (the feed dates its
        entries), the page's author first (the feed's is often the site's)."""
        return replace(self, date=date or self.date, author=self.author or author)


def _quiet() -> None:
    # both libraries log every page they cannot date or parse at WARNING/ERROR: a saved page
    # without metadata is an ordinary case here, and the date order has later steps for it
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def read_page(html: str, *, today: dt.date, url: str | None = None, fragment: bool = False, title: str | None = None) -> Page:
    """The article of an HTML page: its text with the headline as first line, and its metadata.

    ``fragment``: the markup is the article alone (a feed entry's content), so every paragraph is
    kept; ``title``: the headline when the page has none (a feed entry's title). A page where trafilatura finds no article (a few lines of markup) is read that way too,
    so nothing a user saved is silently dropped. Never raises on bad markup: the worst page gives
    an empty text, which the caller refuses as an empty article.
    """
    _quiet()
    doc = None if fragment else _extract(html, url, today)
    if doc is None or not (doc.text or "").strip():
        body = html if "<body" in html[:20_000].lower() else f"<html><body>{html}</body></html>"
        doc = _extract(body, url, today, favor_recall=True) or doc
    if doc is None:
        return Page(title=_clean(title))
    text = doc.text or ""
    site = _clean(doc.sitename)
    title = _without_site(_clean(doc.title), site) or _clean(title)
    if title and text.strip() and not _starts_with(text, title):
        text = f"{title}\n{text}"  # the headline is part of what the article says
    return Page(text=text, title=title, author=_clean(doc.author), site=site, date=_date(doc.date), url=_clean(doc.url))


def _without_site(title: str | None, site: str | None) -> str | None:
    """« Un titre - Le Site » → « Un titre »: the site's name is not part of the headline."""
    if title and site:
        for sep in (" - ", " | ", " – ", " — ", " : "):
            head, found, tail = title.rpartition(sep)
            if found and head.strip() and tail.strip().casefold() == site.casefold():
                return head.strip()
    return title


def _starts_with(text: str, title: str) -> bool:
    first = next((line for line in text.split("\n") if line.strip()), "")
    return " ".join(first.split()).casefold() == title.casefold()


def _extract(html: str, url: str | None, today: dt.date, favor_recall: bool = False):
    import trafilatura

    params = {"extensive_search": False, "original_date": True, "max_date": today.isoformat(), "outputformat": "%Y-%m-%d"}
    try:
        return trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True, favor_recall=favor_recall,
                                           date_extraction_params=params)
    except Exception:  # noqa: BLE001 - a third-party parser on arbitrary markup: the page reads as empty
        return None
