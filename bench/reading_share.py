"""Reading's share of ingest time: how much of ``tracker ingest`` goes to reading the articles (decoding,
and for a saved web page trafilatura's extraction and htmldate's date) rather than to the pipeline
and the database.

    python bench/reading_share.py [--count 200] [--rounds 2] [--seed 7]

The same ``--count`` synthetic articles (bench/make_corpus.py) are ingested twice per round, into a
fresh SQLite database each time: as ``.txt`` files, and as saved web pages of about the size of
real ones (70-80 KB: a stylesheet and scripts in the head, a menu of 60 links, the article, related
links, six comments, a footer), dated by ``article:published_time``. Reading is timed inside the
ingest (each call of ``tracker.service.read_source``), in CPU seconds of the process, and so is the
whole ingest (the wall clock is printed beside it). The models are loaded, and a few articles of
each kind read, before the clock starts;
rounds alternate and the best of each is kept, since other work on the machine only slows a run
down. When ``../shared/webpages/pages`` exists, its real pages are ingested and measured the same way. Fetching over the network is not measured: it depends on the sites.
"""

from __future__ import annotations

import argparse
import html
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import figures  # noqa: E402
from make_corpus import make_articles  # noqa: E402

REAL_PAGES = HERE.parent.parent / "shared" / "webpages" / "pages"
MENU = ["Accueil", "Smartphones", "Tablettes", "Ordinateurs", "Audio", "Photo", "Jeux vidéo", "Maison connectée", "Auto",
        "Sciences", "Bons plans", "Tests", "Guides d'achat", "Comparatifs", "Podcasts", "Vidéos", "Forum", "Newsletter"]


def _page(txt: Path, rng: random.Random) -> str:
    """A saved page around the article of ``txt`` (its ``date`` header becomes the page's metadata)."""
    first, _, body = txt.read_text(encoding="utf-8").partition("\n")
    _, day, title = first.split(" ", 2)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
    css = "".join(f".c{i}{{margin:{i % 7}px;color:#{rng.randrange(16**6):06x}}}" for i in range(1400))
    script = "var cfg=" + ",".join(f'{{"slot":"pub-{i}","size":[{rng.randrange(900)},{rng.randrange(300)}]}}' for i in range(800)) + ";"
    menu = "".join(f'<li><a href="/{i}">{MENU[i % len(MENU)]} {i // len(MENU) or ""}</a></li>' for i in range(60))
    related = "".join(f'<li><a href="/r{i}">{html.escape(rng.choice(MENU))} : ce qu\'il faut savoir avant de choisir</a></li>' for i in range(8))
    comments = "".join(f'<li class="comment"><b>Lecteur{i}</b> le 3 mars 2024 : je ne crois pas trop à cette rumeur, on verra bien à la rentrée.</li>'
                       for i in range(6))
    footer = " · ".join(f'<a href="/f{i}">Rubrique {i}</a>' for i in range(40))
    return (f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)} - Le Site Tech</title>'
            f'<meta property="article:published_time" content="{day}T08:00:00+01:00"><meta property="og:site_name" content="Le Site Tech">'
            f"<style>{css}</style><script>{script}</script></head><body><header><nav><ul>{menu}</ul></nav></header>"
            f'<main><article><h1>{html.escape(title)}</h1><div class="byline">Par la rédaction</div>{paragraphs}</article>'
            f'<aside class="related"><h2>À lire aussi</h2><ul>{related}</ul></aside>'
            f'<section id="comments"><h2>Commentaires</h2><ol>{comments}</ol></section></main><footer>{footer}</footer></body></html>')


def ingest(paths: list[str]) -> tuple[float, float, int, float]:
    """(ingest CPU seconds, reading CPU seconds within them, articles stored, ingest wall-clock
    seconds) for one fresh database. CPU time, since on a shared machine the wall clock measures
    the neighbours too; the ingest runs in this one process (``--jobs 1``)."""
    from tracker import service

    reading = 0.0
    real_read = service.read_source

    def timed(*args, **kwargs):
        nonlocal reading
        start = time.process_time()
        try:
            return real_read(*args, **kwargs)
        finally:
            reading += time.process_time() - start

    service.read_source = timed
    try:
        with tempfile.TemporaryDirectory() as tmp:
            wall, cpu = time.perf_counter(), time.process_time()
            stored = sum(r.status == "stored" for r in service.iter_ingest(paths, url=f"sqlite:///{tmp}/bench.db"))
            return time.process_time() - cpu, reading, stored, time.perf_counter() - wall
    finally:
        service.read_source = real_read


def real_pages(rounds: int) -> str | None:
    """The same measure on the real pages of ../shared/webpages (news, magazines, blogs), if there."""
    pages = sorted(str(p) for p in REAL_PAGES.glob("*.html")) if REAL_PAGES.is_dir() else []
    if not pages:
        return None
    total, reading, stored, wall = min(ingest(pages) for _ in range(rounds))
    size = sum(Path(p).stat().st_size for p in pages) / len(pages) / 1024
    return (f"{'real':<6} {stored:>6} {total:>10.2f} {reading:>11.2f} {reading / total:>13.1%} {1000 * reading / max(stored, 1):>16.1f} {wall:>7.2f}"
            f"   ({len(pages)} pages of ../shared/webpages, {size:.0f} KB on average)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from tracker.pipeline import shared_nlp

    print(figures())
    with tempfile.TemporaryDirectory() as tmp:
        txts = make_articles(Path(tmp) / "txt", args.count, args.seed)
        rng = random.Random(args.seed)
        (Path(tmp) / "html").mkdir()
        pages = []
        for t in txts:
            page = Path(tmp) / "html" / (t.stem + ".html")
            page.write_text(_page(t, rng), encoding="utf-8")
            pages.append(str(page))
        size = sum(Path(p).stat().st_size for p in pages) / len(pages) / 1024
        shared_nlp()
        # first calls load the language model, ftfy and trafilatura's tables: not part of any run
        ingest([str(t) for t in txts[:3]] + pages[:3])
        best: dict[str, tuple[float, float, int, float]] = {}
        for _ in range(args.rounds):
            for kind, paths in (("txt", [str(t) for t in txts]), ("html", pages)):
                run = ingest(paths)
                if kind not in best or run[0] < best[kind][0]:
                    best[kind] = run
    print(f"{args.count} synthetic articles, best of {args.rounds} rounds; pages {size:.0f} KB on average")
    print(f"{'input':<6} {'stored':>6} {'ingest cpu':>10} {'reading cpu':>11} {'reading share':>13} {'ms read/article':>16} {'wall s':>7}")
    for kind, (total, reading, stored, wall) in best.items():
        print(f"{kind:<6} {stored:>6} {total:>10.2f} {reading:>11.2f} {reading / total:>13.1%} {1000 * reading / max(stored, 1):>16.1f} {wall:>7.2f}")
    if (line := real_pages(args.rounds)) is not None:
        print(line)
    slower = best["html"][0] / best["txt"][0]
    print(f"ingesting the synthetic pages takes {slower:.2f}x the CPU time of the same articles as text files")
    print(figures())


if __name__ == "__main__":
    main()
