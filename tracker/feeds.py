"""RSS and Atom feeds (feedparser): each entry's address, title, date, and content when the feed
carries the whole article.

An entry whose content (or description) holds at least :data:`FULL_WORDS` words is read from the
feed itself; a shorter one (a teaser) is read from the page at its link; an entry without a link
is read from whatever text it has.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from tracker import errors

FULL_WORDS = 80  # fewer words in an entry's content than this: a teaser, read the linked page instead
_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    link: str | None
    title: str | None
    date: dt.date | None  # published, else updated, in the feed's own time zone
    author: str | None
    content: str | None  # HTML of the whole article when the feed carries it, else None


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[Entry, ...]


def looks_like_feed(data: bytes) -> bool:
    """Does the document start like RSS (``<rss>``, RSS 1.0's ``<rdf:RDF>``) or Atom (``<feed>``)?
    Only the root matters: past the XML declaration, comments and a doctype, the first element."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return False
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.DOTALL).lstrip()
    return bool(_ROOT.match(head))


def parse_feed(data: bytes, origin: str, *, base_url: str | None = None) -> Feed:
    """The entries of a feed document; relative links resolve against ``base_url``.

    >>> parse_feed(b'<rss version="2.0"><channel><title>Blog</title><item><title>Un titre</title>'
    ...            b'<link>https://exemple.fr/a</link><pubDate>Tue, 03 Nov 2026 10:00:00 +0100</pubDate>'
    ...            b'</item></channel></rss>', "feed.xml").entries[0].date
    datetime.date(2026, 11, 3)
    """
    import feedparser

    headers = {"content-location": base_url} if base_url else {}
    # a stream, never bytes or a string: given a string, feedparser would fetch it or open it as a file
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        why = "no entries" if parsed.get("version") else f"{parsed.get('bozo_exception') or 'not RSS or Atom'}"
        raise errors.BadFeed(origin, str(why).splitlines()[0])
    return Feed(_text(parsed.feed.get("title")), tuple(_entry(e) for e in parsed.entries))


def _entry(e) -> Entry:
    date = _date(e, "published") or _date(e, "updated")
    # RSS puts the article in content:encoded or, in some feeds, in its description (the summary)
    texts = [c.get("value") or "" for c in e.get("content") or []] + [e.get("summary") or ""]
    content = max(texts, key=len)
    if e.get("link") and len(re.sub(r"<[^>]*>", " ", content).split()) < FULL_WORDS:
        content = ""  # a teaser: the article is at the link
    return Entry(_text(e.get("link")), _text(e.get("title")), date, _text(e.get("author")), content or None)


def _date(e, field: str) -> dt.date | None:
    """The day as the feed wrote it, in the publisher's time zone: feedparser's ``*_parsed`` is in
    UTC, which puts an article published at 00:30 in Paris on the day before."""
    raw = (e.get(field) or "").strip()
    for parse in (parsedate_to_datetime, lambda v: dt.datetime.fromisoformat(v.replace("Z", "+00:00"))):
        try:
            return parse(raw).date()
        except (TypeError, ValueError, IndexError):
            continue
    when = e.get(f"{field}_parsed")
    return dt.date(*when[:3]) if when else None


def _text(value) -> str | None:
    value = " ".join(str(value or "").split())
    return value or None
