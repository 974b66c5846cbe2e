"""Fetch one address over HTTP(S): a time limit, a size limit, a few redirects, and one clear error.

Only the standard library's HTTP client: it follows redirects, honours the usual ``*_proxy``
variables and verifies certificates, and nothing here needs more. Every failure is a
:class:`~tracker.errors.FetchError` naming the address, never a traceback.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urldefrag, urljoin, urlsplit

from tracker import errors

MAX_BYTES = 5_000_000  # the same limit as an article file
TIMEOUT = 20.0  # seconds for the whole exchange, from connecting to the last byte
MAX_REDIRECTS = 5
USER_AGENT = "tracker/0.1 (French tech-news rumour tracker)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
_CHUNK = 65_536


@dataclass(frozen=True)
class Fetched:
    """An answer as received: ``url`` asked for, ``final_url`` after redirects."""

    url: str
    final_url: str
    content_type: str  # lower-case media type without parameters, "" when the server sent none
    charset: str | None
    body: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        # urllib would also follow a redirect to ftp://; an article lives on the web
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise errors.FetchError(req.full_url, f"redirected to {newurl}, which is not a web address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def clean_url(url: str) -> str:
    """The address without its ``#fragment`` (the same page) and surrounding spaces."""
    return urldefrag(url.strip())[0]


def fetch(url: str, *, timeout: float | None = None, max_bytes: int | None = None, accept: str = "") -> Fetched:
    """GET ``url``; raise a :class:`~tracker.errors.FetchError` for a status that is not 2xx, no
    answer within ``timeout`` seconds (default :data:`TIMEOUT`), a body over ``max_bytes`` (default
    :data:`MAX_BYTES`), more than
    :data:`MAX_REDIRECTS` redirects, or a host that cannot be reached."""
    timeout = TIMEOUT if timeout is None else timeout
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    url = clean_url(url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise errors.FetchError(url, "not a web address; give http://… or https://…")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept or "*/*", "Accept-Encoding": "identity"})
    opener = urllib.request.build_opener(_Redirects)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as answer:
            body = _read(answer, url, deadline, max_bytes)
            headers: Message = answer.headers
            return Fetched(url, answer.geturl(), headers.get_content_type() if headers.get("Content-Type") else "", headers.get_content_charset(), body)
    except errors.FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise _bad_redirect(url, exc) from None
        raise errors.HttpStatus(url, exc.code, exc.reason) from None
    except urllib.error.URLError as exc:
        raise _unreachable(url, exc.reason, timeout) from None
    except (TimeoutError, socket.timeout):
        raise errors.FetchTimeout(url, timeout) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise _unreachable(url, exc, timeout) from None


def _read(answer, url: str, deadline: float, max_bytes: int) -> bytes:
    length = answer.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise errors.FetchError(url, f"the page is too large ({length} bytes, limit {max_bytes})")
    chunks: list[bytes] = []
    size = 0
    while True:
        # read1: whatever has arrived, so a server that trickles bytes still meets the deadline
        chunk = answer.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise errors.FetchError(url, f"the page is too large (more than {max_bytes} bytes)")
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)


def _bad_redirect(url: str, exc: urllib.error.HTTPError) -> errors.FetchError:
    # urllib refuses a redirect to file:// itself, as an HTTPError of the redirect's status
    location = urljoin(exc.url or url, (exc.headers or {}).get("Location") or "")
    if location and urlsplit(location).scheme.lower() not in ("http", "https"):
        return errors.FetchError(url, f"redirected to {location}, which is not a web address")
    return errors.FetchError(url, f"more than {MAX_REDIRECTS} redirects, or a redirect loop")


def _unreachable(url: str, reason, timeout: float) -> errors.FetchError:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return errors.FetchTimeout(url, timeout)
    if isinstance(reason, errors.FetchError):
        return reason
    if isinstance(reason, socket.gaierror):
        return errors.FetchError(url, f"unknown host {urlsplit(url).hostname}")
    if isinstance(reason, ssl.SSLError):
        return errors.FetchError(url, f"secure connection failed ({reason.reason or reason})")
    why = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return errors.FetchError(url, f"cannot connect ({why})")
