"""Shared fixtures: one pipeline per session, a fresh SQLite database per test, the seed articles."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "corpus" / "articles"


@pytest.fixture(scope="session")
def nlp():
    from tracker.pipeline import shared_nlp

    return shared_nlp()


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


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
def story(tmp_path) -> str:
    """A database holding STORY, the three articles above."""
    from tracker import service

    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in STORY.items():
        (folder / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'story.db'}"
    service.ingest([str(folder)], url=url, today=INGEST_DAY)
    return url
