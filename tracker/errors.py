"""Every error a user can cause, as a class with a message that says what to do.

The CLI prints ``str(error)`` on one line of standard error (through :func:`one_line`) and exits
with ``exit_code``. Names that come from the user or from the disk (paths, ids, URLs) go into
messages through :func:`shown` or :func:`masked_url`: escaped, shortened, never a password.
"""

import errno
import re

SHOWN_CHARS = 160  # a name longer than this is shown by its two ends
LINE_CHARS = 1000  # no message line is longer than this
# C0 and C1 controls, DEL, the line and paragraph separators, the bidirectional overrides and
# isolates (they reorder what a terminal shows), and the lone surrogates that stand for bytes of a
# file name that are not UTF-8
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# scheme://user:password@host — and the password=... of a connection string
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:)(?P<secret>\S*)@")
_KEY_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<secret>'[^']*'|[^\s&;]+)", re.IGNORECASE)


def escaped(text: str) -> str:
    """``text`` with every character that could split a line or drive a terminal written as an
    escape: « a\\nb », « \\x1b[31m »; a byte of a file name that is not UTF-8 as « \\xff ».

    >>> escaped("r\u00e9sum\u00e9\\n\\x1b[2J.txt")
    'résumé\\\\n\\\\x1b[2J.txt'
    """
    return _UNSAFE.sub(_escape, text)


def _escape(m: re.Match) -> str:
    ch = m[0]
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for a raw byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(name: object, limit: int = SHOWN_CHARS) -> str:
    """A path or any name from the user, safe on one line of a terminal: escaped, and when longer
    than ``limit``, its beginning and its end around « … » (the file name stays readable)."""
    text = escaped(str(name))
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


def masked_url(url: str) -> str:
    """A database URL without its password: ``postgresql://tracker:***@host/db``."""
    return shown(mask_secrets(url), 2 * SHOWN_CHARS)


def mask_secrets(text: str, *secrets: str | None) -> str:
    """``text`` with URL passwords, ``password=`` values and each of ``secrets`` replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    text = _URL_PASSWORD.sub(lambda m: m["head"] + ("***" if m["secret"] else "") + "@", text)
    return _KEY_PASSWORD.sub(lambda m: m["head"] + "***", text)


def one_line(message: str) -> str:
    """What the CLI prints of a message: one line, escaped, no secret, at most :data:`LINE_CHARS`
    characters (its two ends, so the hint at the end stays)."""
    return shown(mask_secrets(message), LINE_CHARS)



class TrackerError(Exception):
    """Base class: an expected failure with a message meant for the user."""

    exit_code = 1


class InputError(TrackerError):
    """An article file that cannot be read as a French article."""

    exit_code = 2


class MissingPath(InputError):
    def __init__(self, path: str):
        super().__init__(f"{shown(path)}: no such file or folder")


class NoArticles(InputError):
    def __init__(self, path: str):
        super().__init__(f"{shown(path)}: no article files (*.txt, *.md, *.html) in this folder")


class UnreadablePath(InputError):
    """A path the system will not open or list: too long, a symbolic link loop, no permission…"""

    def __init__(self, path: str, exc: OSError):
        hint = {errno.ENAMETOOLONG: "move the files to a shorter path", errno.ELOOP: "a symbolic link loops; fix or remove it",
                errno.EACCES: "check its permissions"}.get(exc.errno)
        super().__init__(f"{shown(path)}: cannot read it ({exc.strerror or type(exc).__name__})" + (f"; {hint}" if hint else ""))


class NotAFile(InputError):
    """A device or a socket named as an article: its stream has no end to wait for."""

    def __init__(self, path: str, kind: str):
        super().__init__(f"{shown(path)}: not a file ({kind}); give article files, or « - » to read standard input")


class EmptyArticle(InputError):
    def __init__(self, path: str):
        super().__init__(f"{shown(path)}: the file is empty (no text to analyse)")


class BinaryArticle(InputError):
    def __init__(self, path: str):
        super().__init__(f"{shown(path)}: not a text file (binary content); give a UTF-8 text, Markdown or HTML file")


class UndecodableArticle(InputError):
    def __init__(self, path: str):
        super().__init__(f"{shown(path)}: cannot decode the text; save it as UTF-8")


class NotFrench(InputError):
    def __init__(self, path: str, detail: str):
        super().__init__(f"{shown(path)}: the text is not French ({detail}); only French articles are tracked")


class TooLarge(InputError):
    def __init__(self, path: str, size: int | str, limit: int):
        super().__init__(f"{shown(path)}: file too large ({size} bytes, limit {limit}); split it into articles")


class BadArticleDate(InputError):
    """A date written in the file's header that cannot be a date."""

    def __init__(self, path: str, value: str, why: str):
        super().__init__(f"{shown(path)}: bad date {value!r} in the header ({why}); fix the header or give --date YYYY-MM-DD")


class FutureArticleDate(InputError):
    def __init__(self, path: str, date, today):
        super().__init__(f"{shown(path)}: header date {date} is after today ({today}); fix the header or give --date YYYY-MM-DD")


class BadDate(TrackerError):
    exit_code = 2

    def __init__(self, value: str, why: str = "expected YYYY-MM-DD or YYYY-MM"):
        super().__init__(f"bad date {value!r}: {why}")


class FutureDate(BadDate):
    """``--date`` after today: an article cannot be published tomorrow, and it would resolve every rumour."""

    def __init__(self, value, today):
        TrackerError.__init__(self, f"bad date {value}: it is after today ({today}); give the article's publication date")


class DatabaseError(TrackerError):
    exit_code = 3

    def __init__(self, url: str, why: str):
        super().__init__(f"cannot open database {masked_url(url)}: {mask_secrets(why, *_passwords(url))}")


class StoreFailed(TrackerError):
    """An article whose transaction kept failing (a database that stays locked or unreachable)."""

    exit_code = 3

    def __init__(self, path: str, tries: int, why: str):
        super().__init__(f"{shown(path)}: could not be stored after {tries} tries ({why}); nothing of it was kept, run the ingest again")


class ClaimNotFound(TrackerError):
    exit_code = 4

    def __init__(self, ident: str):
        super().__init__(f"no claim {shown(repr(ident))}; list them with `tracker claims`")


class UsageError(TrackerError):
    """A command line that does not parse: an unknown option, a value out of range."""

    exit_code = 2


class ModelDataError(TrackerError):
    """Pipeline data in models/ that does not validate; names the file and the bad key."""

    exit_code = 5


def _passwords(url: str) -> tuple[str, ...]:
    """The password of ``url`` as written and percent-decoded (a driver's message may quote either)."""
    from urllib.parse import unquote

    m = _URL_PASSWORD.search(url or "")
    if not m or len(m["secret"]) < 3:  # too short to replace without mangling the message
        return ()
    return m["secret"], unquote(m["secret"])


class FetchError(InputError):
    """An address (``http(s)://…``) whose article could not be fetched."""

    def __init__(self, url: str, why: str):
        super().__init__(f"{url}: {why}")


class HttpStatus(FetchError):
    _HINTS = {404: "check the address", 410: "the page was removed", 401: "the page is not public", 403: "the page is not public"}

    def __init__(self, url: str, code: int, reason: str):
        hint = self._HINTS.get(code) or ("try again later" if code >= 500 else "check the address")
        super().__init__(url, f"the server answered {code} {reason}".rstrip() + f"; {hint}")


class FetchTimeout(FetchError):
    def __init__(self, url: str, seconds: float):
        super().__init__(url, f"no complete answer within {seconds:g} s (timed out); try again later")


class NotAPage(FetchError):
    def __init__(self, url: str, content_type: str):
        super().__init__(url, f"not a web page or a feed (the server sent {content_type or 'no content type'}); "
                              "give the address of an article or of an RSS/Atom feed")


class BadFeed(InputError):
    def __init__(self, path: str, why: str):
        super().__init__(f"{path}: not a readable RSS/Atom feed ({why})")


class UserGazetteerError(ModelDataError):
    """The user's own gazetteer file (``--gazetteer``, ``$TRACKER_GAZETTEER``) is unreadable or
    invalid: their input, not the package's."""

    exit_code = 2
