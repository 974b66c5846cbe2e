"""Shared fixtures: one pipeline per session, a fresh database per test, the seed articles.

Databases: ``db_url`` is ``$TRACKER_TEST_DB`` when set (e.g. a PostgreSQL URL: the whole suite then
runs against it, its schema emptied before each test), else a new SQLite file. Tests that compare
the two backends take ``backend_url`` (both) or ``pg_url``: PostgreSQL from ``$TRACKER_TEST_POSTGRES``
(or ``$TRACKER_TEST_DB`` when that is PostgreSQL). Without one they skip, saying how to get one,
except under CI (``CI=true``), where a missing PostgreSQL is a failure: ``.ci/run`` starts one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from hypothesis import HealthCheck, settings

# Property tests: few examples (the analyse path runs spaCy on each), no deadline (timing is never
# asserted); CI replays a fixed sequence so a red build is reproducible. HYPOTHESIS_PROFILE=deep
# explores more on a developer's machine.
settings.register_profile("tracker", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", settings.get_profile("tracker"), derandomize=True, database=None)
settings.register_profile("deep", settings.get_profile("tracker"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "tracker"))

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "corpus" / "articles"
DB_ENV, PG_ENV = "TRACKER_TEST_DB", "TRACKER_TEST_POSTGRES"


def empty_database(url: str) -> str:
    """Drop everything in a server database (schema ``public``) so a test starts from nothing."""
    from sqlalchemy import create_engine

    if url.startswith("sqlite"):
        raise ValueError(f"{DB_ENV} is for a server database; SQLite tests get a fresh file each")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    finally:
        engine.dispose()
    return url


def _postgres_url() -> str | None:
    db = os.environ.get(DB_ENV, "")
    return os.environ.get(PG_ENV) or (db if db.startswith("postgresql") else None)


@pytest.fixture(scope="session")
def nlp():
    from tracker.pipeline import shared_nlp

    return shared_nlp()


@pytest.fixture
def db_url(tmp_path) -> str:
    """The database under test: ``$TRACKER_TEST_DB`` (emptied) or a fresh SQLite file."""
    if os.environ.get(DB_ENV):
        return empty_database(os.environ[DB_ENV])
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def pg_url() -> str:
    """An empty PostgreSQL database; skips without one (fails under CI, which must have one)."""
    url = _postgres_url()
    if not url:
        how = f"set {PG_ENV}=postgresql+psycopg://user:password@host:port/db (`bash .ci/postgres` starts a local one and prints it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but no PostgreSQL to test against: {how}")
        pytest.skip(f"no PostgreSQL server configured: {how}")
    return empty_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request, tmp_path) -> str:
    """Each backend in turn: a fresh SQLite file, then an empty PostgreSQL database (see ``pg_url``)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'backend.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def seeds(tmp_path) -> list[Path]:
    """The three seed articles, copied so a test may not alter the corpus: 000 (2021-05-14, date in
    the text), 001 (header ``date 2022-05``), 002 (no date)."""
    out = tmp_path / "seeds"
    out.mkdir()
    files = sorted(SEEDS_DIR.glob("00?_seed_*.txt"))
    assert len(files) == 3, f"expected three seed articles in {SEEDS_DIR}"
    for f in files:
        shutil.copy(f, out / f.name)
    return sorted(out.glob("*.txt"))


@pytest.fixture
def analyse(nlp):
    """Analyse a French text as one article dated 2024-01-15."""
    import datetime as dt

    from tracker.extract import analyse_doc
    from tracker.normalise import normalise

    def run(text: str):
        return analyse_doc(nlp(normalise(text)), text, dt.date(2024, 1, 15))

    return run


INGEST_DAY = dt.date(2026, 11, 23)  # the day undated articles are stamped with
REPORT_DAY = INGEST_DAY.isoformat()  # reports are taken as of that day, whatever the clock says


@pytest.fixture(scope="session")
def stored(tmp_path_factory):
    """Databases built once per session and only read by tests: ``stored("seeds")`` (the three seed
    articles) or ``stored("corpus")`` (all of corpus/articles) gives a SQLAlchemy URL."""
    from tracker import service

    cache: dict[str, str] = {}

    def get(name: str) -> str:
        if name not in cache:
            paths = {"seeds": sorted(SEEDS_DIR.glob("00?_seed_*.txt")), "corpus": [SEEDS_DIR]}[name]
            url = f"sqlite:///{tmp_path_factory.mktemp(name) / 'tracker.db'}"
            results = service.ingest([str(p) for p in paths], url=url, today=INGEST_DAY)
            assert results and all(r.status == "stored" for r in results), [(r.path, r.message) for r in results if r.status != "stored"]
            cache[name] = url
        return cache[name]

    return get


# A small story written for these tests: one rumour confirmed then denied, one confirmed, one that
# expires; the first article carries markup that must stay text in every format.
SCRIPT = "<script>document.title='pwned'</script>"
IMG = "<img src=x onerror=\"document.title='pwned'\">"
STORY = {
    "a.txt": f"date 2023-01-10\nApple pourrait racheter Netflix {SCRIPT}\n"
             f"Selon Bloomberg, Apple pourrait racheter Netflix {IMG} dans les prochains mois, et la rumeur enfle.\n"
             "Selon @leakerfou, Samsung pourrait lancer le Galaxy Ring en juillet 2024.\n"
             "Selon Bloomberg, Sony pourrait racheter Ubisoft.\n",
    "b.txt": "date 2023-03-01\nApple officialise le rachat de Netflix.\nSony officialise le rachat d'Ubisoft.\n",
    "c.txt": "date 2023-06-01\nApple dément avoir racheté Netflix.\n",
}


@pytest.fixture
def ingested(tmp_path):
    """``ingested(name, {file: text}, today)``: the files written to a folder ``name`` and ingested
    into a new SQLite database; returns its URL."""
    from tracker import service

    def make(name: str, files: dict[str, str], today: dt.date = INGEST_DAY) -> str:
        folder = tmp_path / name
        folder.mkdir()
        for file, text in files.items():
            (folder / file).write_text(text, encoding="utf-8")
        url = f"sqlite:///{tmp_path / (name + '.db')}"
        service.ingest([str(folder)], url=url, today=today)
        return url

    return make


@pytest.fixture
def story(ingested) -> str:
    """A database holding STORY, the three articles above."""
    return ingested("story", STORY)
