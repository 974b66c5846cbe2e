"""Does matching slow down as the database grows? Ingest the same articles into an empty
database and into one of 100,000 claims, and compare the time per article.

    python bench/match_scale.py [--big-db PATH.db] [--claims 100000] [--articles 30]

The articles (synthetic, bench/make_corpus.py) are parsed once; then each is stored with
``tracker.service.store_article`` (claim lookup by key, mentions, refold, steps: one transaction)
into a copy of the empty and of the filled database, alternately. Parsing does not depend on the
database, so the line that matters is the store time; "ingest" adds the parse time to both.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import figures  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big-db", type=Path, help="a SQLite file filled by make_corpus.py database (default: fill one)")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=30)
    args = parser.parse_args()
    print(figures())
    from make_corpus import fill_database, make_articles

    from tracker.articles import read_article
    from tracker.service import analyse_article, store_article
    from tracker.store.db import open_engine

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "big.db"
        if args.big_db:
            shutil.copy(args.big_db, big)
        else:
            counts = fill_database(f"sqlite:///{big}", args.claims, seed=7)
            print("filled: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        empty = tmp / "empty.db"
        open_engine(f"sqlite:///{empty}").dispose()
        articles = [read_article(str(p)) for p in make_articles(tmp / "articles", args.articles, seed=11)]
        parse = []
        analyses = []
        for a in articles:
            start = time.perf_counter()
            analyses.append(analyse_article(a))
            parse.append(time.perf_counter() - start)
        engines = {"empty": open_engine(f"sqlite:///{empty}"), "100k": open_engine(f"sqlite:///{big}")}
        times: dict[str, list[float]] = {k: [] for k in engines}
        claims = 0
        for a, analysis in zip(articles, analyses):
            claims += len(analysis.mentions)
            for name, engine in engines.items():
                start = time.perf_counter()
                result = store_article(engine, a, analysis)
                times[name].append(time.perf_counter() - start)
                assert result.status == "stored", result
        med = {k: statistics.median(v) * 1000 for k, v in times.items()}
        p = statistics.median(parse) * 1000
        print(f"\n{len(articles)} articles, {claims} claim mentions; median per article")
        print(f"{'database':<10} {'store ms':>9} {'ingest ms':>10}")
        for name in engines:
            print(f"{name:<10} {med[name]:9.1f} {med[name] + p:10.1f}")
        print(f"ratio 100k/empty: store {med['100k'] / med['empty']:.2f}, ingest (parse {p:.0f} ms + store) {(med['100k'] + p) / (med['empty'] + p):.2f}")
    print(figures())


if __name__ == "__main__":
    main()
