"""Every error a user can cause, as a class with a message that says what to do.

The CLI prints ``str(error)`` on one line of standard error and exits with ``exit_code``.
"""


class TrackerError(Exception):
    """Base class: an expected failure with a message meant for the user."""

    exit_code = 1


class InputError(TrackerError):
    """An article file that cannot be read as a French article."""

    exit_code = 2


class MissingPath(InputError):
    def __init__(self, path: str):
        super().__init__(f"{path}: no such file or folder")


class NoArticles(InputError):
    def __init__(self, path: str):
        super().__init__(f"{path}: no article files (*.txt, *.md, *.html) in this folder")


class EmptyArticle(InputError):
    def __init__(self, path: str):
        super().__init__(f"{path}: the file is empty (no text to analyse)")


class BinaryArticle(InputError):
    def __init__(self, path: str):
        super().__init__(f"{path}: not a text file (binary content); give a UTF-8 text, Markdown or HTML file")


class UndecodableArticle(InputError):
    def __init__(self, path: str):
        super().__init__(f"{path}: cannot decode the text; save it as UTF-8")


class NotFrench(InputError):
    def __init__(self, path: str, detail: str):
        super().__init__(f"{path}: the text is not French ({detail}); only French articles are tracked")


class TooLarge(InputError):
    def __init__(self, path: str, size: int | str, limit: int):
        super().__init__(f"{path}: file too large ({size} bytes, limit {limit}); split it into articles")


class BadArticleDate(InputError):
    """A date written in the file's header that cannot be a date."""

    def __init__(self, path: str, value: str, why: str):
        super().__init__(f"{path}: bad date {value!r} in the header ({why}); fix the header or give --date YYYY-MM-DD")


class FutureArticleDate(InputError):
    def __init__(self, path: str, date, today):
        super().__init__(f"{path}: header date {date} is after today ({today}); fix the header or give --date YYYY-MM-DD")


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
        super().__init__(f"cannot open database {url}: {why}")


class StoreFailed(TrackerError):
    """An article whose transaction kept failing (a database that stays locked or unreachable)."""

    exit_code = 3

    def __init__(self, path: str, tries: int, why: str):
        super().__init__(f"{path}: could not be stored after {tries} tries ({why}); nothing of it was kept, run the ingest again")


class ClaimNotFound(TrackerError):
    exit_code = 4

    def __init__(self, ident: str):
        super().__init__(f"no claim {ident!r}; list them with `tracker claims`")


class ModelDataError(TrackerError):
    """Pipeline data in models/ that does not validate; names the file and the bad key."""

    exit_code = 5
