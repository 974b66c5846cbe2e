"""Read an article file into an :class:`Article`: decoding, header, title, date, boilerplate.

Date rules (in this order): ``--date``; a first line ``date YYYY-MM-DD`` / ``date YYYY-MM`` (the rest
of that line is the title) or a front-matter ``date:``; for a web page or a feed entry, the publication
date its metadata gives (:mod:`tracker.webpage`, the feed); the latest full date written in the text
that is not after today; else the ingest day. A given date (option or header) after today is refused.
An HTML file is read by :mod:`tracker.webpage` (the article without the page's menus, related links
and comments); an ``http(s)://`` address by :mod:`tracker.sources`.

Reading never fails with anything but an :class:`~tracker.errors.InputError` naming the file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tracker import errors
from tracker.normalise import normalise, repair, text_sha256
from tracker.resources import load_json
from tracker.webpage import Page, read_page

MAX_BYTES = 5_000_000
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
_LANGUAGE_SAMPLE = 20_000  # characters: enough to name a language, cheap on a 5 MB file
_LONGEST_WORD = 30  # letters: « anticonstitutionnellement » has 25; a longer run is no word
_LETTERS = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿœæ")

_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*(.*)$", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class Article:
    """An article as read: ``text`` is the author's text (typography intact) that evidence quotes."""

    path: str
    title: str
    text: str
    date: dt.date
    date_source: str  # option | header | page | text | ingested
    sha256: str
    url: str | None = None  # where the article was read from (or the page's canonical address)
    author: str | None = None
    site: str | None = None

    @property
    def norm_text(self) -> str:
        """Same length and offsets as ``text``, typography folded: what the pipeline reads."""
        return normalise(self.text)


def parse_date(value: str) -> dt.date:
    """``2022-05-14`` or ``2022-05`` (the 1st) → date; anything else is a :class:`BadDate`."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*", value or "")
    if not m:
        raise errors.BadDate(value)
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError as exc:
        raise errors.BadDate(value, str(exc)) from exc


def check_not_future(date: dt.date | None, today: dt.date | None = None) -> None:
    """``--date`` may not be after today: :class:`~tracker.errors.FutureDate` names both."""
    today = today or dt.date.today()
    if date is not None and date > today:
        raise errors.FutureDate(date, today)


def discover(paths: list[str]) -> list[str]:
    """Expand folders into their article files (sorted); ``-`` stays as standard input. A path the
    system cannot read (too long, a link loop) is an :class:`~tracker.errors.InputError` naming it."""
    found: list[str] = []
    for raw in paths:
        if raw == "-":
            found.append(raw)
            continue
        try:
            found.extend(_expand(raw))
        except OSError as exc:
            raise errors.UnreadablePath(exc.filename if isinstance(exc.filename, str) else raw, exc) from exc
    return found


def _expand(raw: str) -> list[str]:
    p = Path(raw)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
        if not files:
            raise errors.NoArticles(raw)
        return [str(f) for f in files]
    if p.exists():
        return [raw]
    try:
        os.stat(raw)  # a link that loops says so here (exists() only says False)
    except FileNotFoundError:
        pass
    raise errors.MissingPath(raw)


def is_url(path: str) -> bool:
    """An ``http://`` or ``https://`` address rather than a file name."""
    return bool(re.match(r"https?://", path, re.IGNORECASE))


def read_bytes(path: str) -> bytes:
    """The bytes of a file, or of standard input for ``-``; never more than :data:`MAX_BYTES` + 1
    are read, whatever the file says its size is. A named pipe is read from the writer it has (one
    with no writer reads as empty, it does not wait for one); a device or a socket is refused."""
    if path == "-":
        return _bounded(sys.stdin.buffer, path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise errors.InputError(f"{errors.shown(path)}: is a folder; give files, or the folder to `tracker ingest`")
        if stat.S_ISREG(info.st_mode):
            if info.st_size > MAX_BYTES:
                raise errors.TooLarge(path, info.st_size, MAX_BYTES)
            with open(path, "rb") as f:
                return _bounded(f, path)
        if stat.S_ISFIFO(info.st_mode):
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening would wait for a writer
            os.set_blocking(fd, True)
            with os.fdopen(fd, "rb") as f:
                return _bounded(f, path)
        raise errors.NotAFile(path, "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "a socket")
    except FileNotFoundError as exc:
        raise errors.MissingPath(path) from exc
    except OSError as exc:
        raise errors.UnreadablePath(path, exc) from exc


def _bounded(stream, path: str) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise errors.TooLarge(path, f"more than {MAX_BYTES}", MAX_BYTES)
    return data


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252 (the usual encoding of older French
    sites, a superset of latin-1's letters), else latin-1, which decodes any byte."""
    if len(data) > MAX_BYTES:
        raise errors.TooLarge(path, len(data), MAX_BYTES)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise errors.UndecodableArticle(path) from exc
        return _check_controls(text, path)
    if b"\x00" in data[:8192]:
        raise errors.BinaryArticle(path)
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return _check_controls(text, path)


def _check_controls(text: str, path: str) -> str:
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(2, len(text[:8192]) // 100):
        raise errors.BinaryArticle(path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_html(path: str, text: str) -> bool:
    return path.lower().endswith((".html", ".htm")) or bool(re.match(r"\s*<(!doctype|html|body|article|p|div)\b", text, re.I))


def _strip_boilerplate(text: str) -> str:
    patterns = [re.compile(p, re.IGNORECASE) for p in load_json("articles.json")["boilerplate_lines"]]
    kept = [line for line in text.split("\n") if not any(p.search(line) for p in patterns)]
    return "\n".join(kept).strip("\n") + "\n"


def _header_date(value: str, path: str) -> dt.date:
    try:
        return parse_date(value)
    except errors.BadDate as exc:
        why = str(exc).partition(": ")[2]
        raise errors.BadArticleDate(path, value, why) from exc


def _header(text: str, path: str) -> tuple[dt.date | None, str | None, str]:
    """Return (date, title, remaining text) from a ``date`` first line or a front matter."""
    fm = _FRONT_MATTER.match(text)
    if fm:
        meta = dict(
            (k.strip().lower(), v.strip().strip("'\""))
            for k, _, v in (line.partition(":") for line in fm[1].splitlines())
            if _
        )
        date = _header_date(meta["date"], path) if meta.get("date") else None
        return date, meta.get("title") or None, text[fm.end():]
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    m = _HEADER.match(first)
    if not m:
        return None, None, text
    title = m[2].strip() or None
    # the rest of the header line is the headline: it stays in the analysed text
    return _header_date(m[1], path), title, (title + "\n" + rest) if title else rest


def dates_in_text(text: str) -> list[dt.date]:
    """Full dates written in the text: « 14 mai 2021 », « 1er juin 2021 », « May 14, 2021 », ISO."""
    months = load_json("articles.json")["months"]
    names = "|".join(sorted(months, key=len, reverse=True))
    found: list[dt.date] = []
    pats = [
        (re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({names})\s+(\d{{4}})\b", re.I), (3, 2, 1)),
        (re.compile(rf"\b({names})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I), (3, 1, 2)),
        (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (1, 2, 3)),
        (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), (3, 2, 1)),
    ]
    for pat, (yi, mi, di) in pats:
        for m in pat.finditer(text):
            month = m[mi]
            month_no = int(month) if month.isdigit() else months[month.lower()]
            try:
                found.append(dt.date(int(m[yi]), month_no, int(m[di])))
            except ValueError:
                continue
    return found


@cache
def _language_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the text's language and its probability (py3langid, offline model)."""
    lang, prob = _language_identifier().classify(text)
    return lang, float(prob)


def check_french(text: str, path: str) -> None:
    """Refuse a text that is not French, naming the language found.

    The language identifier decides (it names Spanish, whose function words « de », « la », « que »
    fool a count of French ones); where it recognises no language, a text short of French function
    words is refused. Texts under 20 words are too short to judge and pass, if they are made of
    plausible words (:func:`check_words`).
    """
    check_words(text, path)
    words = re.findall(r"[a-zà-ÿœæ]+", text.lower())
    if len(words) < 20:
        return
    lang, prob = detect_language(text[:_LANGUAGE_SAMPLE])
    if lang == "fr":
        return
    if prob >= 0.5:
        raise errors.NotFrench(path, f"language found: {lang}, {prob:.0%} likely")
    function_words = set(load_json("articles.json")["french_function_words"])
    share = sum(w in function_words for w in words) / len(words)
    if share < 0.12:
        raise errors.NotFrench(path, f"no language recognised, only {share:.0%} French function words")


def check_words(text: str, path: str) -> None:
    """Refuse a text, whatever its length, where runs of letters that could be words (at most
    :data:`_LONGEST_WORD` letters, with a vowel, or an acronym such as « TSMC ») hold less than half
    of its letters: a 200 KB « word », a hash, a run of consonants. « Apple dément. » passes.
    """
    letters = plausible = 0
    for run in _LETTERS.findall(text):
        letters += len(run)
        if len(run) <= _LONGEST_WORD and (len(run) == 1 or not _VOWELS.isdisjoint(run.lower()) or (run.isupper() and len(run) <= 6)):
            plausible += len(run)
    if plausible == 0 or plausible * 2 < letters:
        raise errors.NotFrench(path, "no plausible French words")


def parse_article(raw: str, path: str, *, date: dt.date | None = None, today: dt.date | None = None,
                  html: bool | None = None, url: str | None = None) -> Article:
    """Build an :class:`Article` from decoded text (see module docstring for the date rules).

    ``html``: the text is a web page (default: guessed from the path and the first tag); ``url``:
    the address it was read from.
    """
    today = today or dt.date.today()
    check_not_future(date, today)
    if html or (html is None and _looks_html(path, raw)):
        return page_article(read_page(raw, today=today, url=url), path, date=date, today=today, url=url)
    return _article(raw, path, date, today, None, url)


def page_article(page: Page, path: str, *, date: dt.date | None = None, today: dt.date | None = None, url: str | None = None) -> Article:
    """An :class:`Article` from what a web page or a feed entry says: its text, title, author, site
    and date (``page.date`` comes after ``--date`` and a header, before dates written in the text)."""
    today = today or dt.date.today()
    check_not_future(date, today)
    return _article(page.text, path, date, today, page, url or page.url)


def _article(raw: str, path: str, date: dt.date | None, today: dt.date, page: Page | None, url: str | None) -> Article:
    raw = repair(raw)
    if not raw.strip():
        raise errors.EmptyArticle(path)
    head_date, head_title, body = _header(raw, path)
    text = _strip_boilerplate(body)
    if not text.strip():
        raise errors.EmptyArticle(path)
    check_french(normalise(text), path)
    page_date = page.date if page is not None and page.date is not None and page.date <= today else None
    if date is not None:
        art_date, source = date, "option"
    elif head_date is not None:
        if head_date > today:
            raise errors.FutureArticleDate(path, head_date, today)
        art_date, source = head_date, "header"
    elif page_date is not None:
        art_date, source = page_date, "page"
    else:
        written = [d for d in dates_in_text(normalise(text)) if d <= today]
        art_date, source = (max(written), "text") if written else (today, "ingested")
    title = head_title or (page.title if page is not None else None) or next(line.strip() for line in text.split("\n") if line.strip())
    return Article(path=path, title=title, text=text, date=art_date, date_source=source, sha256=text_sha256(text), url=url,
                   author=page.author if page is not None else None, site=page.site if page is not None else None)


def read_article(path: str, *, date: dt.date | None = None, today: dt.date | None = None) -> Article:
    """Read one file (``-``: standard input; ``http(s)://…``: the page at that address) into an :class:`Article`."""
    if is_url(path):
        from tracker.sources import read_url

        return read_url(path, date=date, today=today)
    return parse_article(decode(read_bytes(path), path), path, date=date, today=today)
