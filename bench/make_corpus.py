"""Synthetic benchmark data, deterministic for a seed.

    python bench/make_corpus.py articles OUT_DIR [--count 1000] [--seed 7]
    python bench/make_corpus.py database sqlite:///bench-100k.db [--claims 100000] [--seed 7]

``articles`` writes French tech-news articles (``date YYYY-MM-DD`` header, a title, four or five
paragraphs) built from sentence templates and the names of ``models/gazetteer.jsonl``: rumours,
confirmations, denials and neutral filler, about 250 words each, like the annotated corpus.

``database`` fills a tracker database directly (SQLAlchemy core bulk inserts, no parsing): claims
with one to four mentions in articles spread over ten years. Each claim's stored state, confidence,
sources and steps come from ``tracker.states.fold`` over its mentions, so the database is exactly
what ingesting those mentions would have stored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import time
from itertools import combinations
from pathlib import Path

from tracker.extract import claim_key
from tracker.resources import load_jsonl
from tracker.states import MentionFact, evidence, fold

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")

RUMOURS = (
    "Selon {source}, {a} chercherait à s'associer avec {b} pour ses prochains appareils.",
    "D'après {source}, {a} pourrait bientôt racheter {b} pour {n} milliards de dollars.",
    "{a} serait sur le point de conclure un partenariat avec {b}, affirme {source}.",
    "{a} envisagerait de racheter {b}, selon des sources proches du dossier.",
    "Le prochain {product} embarquerait une puce conçue par {a}, d'après {source}.",
    "{a} lancerait le {product} en {month}, selon {source}.",
    "{authority} envisagerait de sanctionner {a}, rapporte {source}.",
    "Il semble que {a} veuille investir dans {b} l'année prochaine.",
)
FACTS = (
    "{a} officialise son partenariat avec {b} et lancera un premier produit en {month}.",
    "{a} a confirmé le rachat de {b} pour {n} milliards de dollars.",
    "{a} dément toute discussion avec {b} au sujet d'un rachat.",
    "{a} a annoncé le lancement du {product} en {month}.",
    "{authority} a sanctionné {a} pour pratiques anticoncurrentielles.",
    "{a} investit {n} millions d'euros dans {b}.",
)
FILLER = (
    "Le marché des smartphones reste tendu cette année, avec des ventes en recul de {n} %.",
    "Les analystes attendent les résultats du trimestre avec une certaine impatience.",
    "{person} n'a pas souhaité commenter ces informations lors de la conférence.",
    "La concurrence est rude sur ce segment, où les marges se réduisent depuis plusieurs années.",
    "Les usines de la région tournent à plein régime depuis le mois de {month}.",
    "Plusieurs observateurs rappellent que les négociations de ce type prennent souvent des mois.",
    "Le groupe emploie près de {n} 000 personnes dans le monde.",
    "Les détails techniques restent pour l'instant inconnus du grand public.",
)
TITLES = (
    "{a} et {b} : ce que l'on sait",
    "{a} préparerait une annonce importante",
    "{product} : les dernières informations",
    "{a} face à {b}, la bataille continue",
)
SOURCES = ("Bloomberg", "Reuters", "The Information", "Nikkei Asia", "un analyste de Counterpoint", "plusieurs médias chinois", "Mark Gurman")
RELATIONS = ("partnership", "partnership_end", "acquisition", "launch", "feature", "investment", "sanction")
ORDERED = {"acquisition", "launch", "feature", "investment", "sanction"}


def names(kind: str) -> list[str]:
    return [r["name"] for r in load_jsonl("gazetteer.jsonl") if r["type"] == kind]


def make_articles(out: Path, count: int, seed: int) -> list[Path]:
    """Write ``count`` articles into ``out`` (created); returns their paths in order."""
    rng = random.Random(seed)
    orgs, products, people, authorities = names("ORG"), names("PRODUCT"), names("PERSON"), names("AUTHORITY")
    out.mkdir(parents=True, exist_ok=True)
    start = dt.date(2019, 1, 1)
    paths = []
    for n in range(count):
        a, b = rng.sample(orgs, 2)
        slots = {
            "a": a, "b": b, "product": rng.choice(products), "person": rng.choice(people), "authority": rng.choice(authorities),
            "source": rng.choice(SOURCES), "month": rng.choice(MONTHS), "n": rng.randint(2, 90),
        }
        day = start + dt.timedelta(days=rng.randrange(5 * 365))
        paragraphs = []
        for _ in range(rng.randint(4, 5)):
            templates = [rng.choice(RUMOURS if rng.random() < 0.6 else FACTS)] + rng.sample(FILLER, rng.randint(2, 3))
            rng.shuffle(templates)
            paragraphs.append(" ".join(t.format(**slots) for t in templates))
        title = rng.choice(TITLES).format(**slots)
        path = out / f"{n:05d}_{a.lower().replace(' ', '_')[:20]}.txt"
        path.write_text(f"date {day.isoformat()} {title}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def fill_database(url: str, claims: int, seed: int, *, articles: int | None = None) -> dict[str, int]:
    """Insert ``claims`` claims (and their articles, mentions, steps) into the database at ``url``."""
    from sqlalchemy import insert

    from tracker.store.db import open_engine
    from tracker.store.models import Article, Claim, Mention, State, Step

    rng = random.Random(seed)
    engine = open_engine(url)
    orgs, authorities = names("ORG"), names("AUTHORITY")
    n_articles = articles or max(1, claims // 5)
    start = dt.date(2014, 1, 1)
    article_rows = []
    for i in range(1, n_articles + 1):
        day = start + dt.timedelta(days=rng.randrange(10 * 365))
        sha = hashlib.sha256(f"bench-{seed}-{i}".encode()).hexdigest()
        article_rows.append({"id": i, "path": f"bench/{i:06d}.txt", "title": f"Article synthétique {i}", "date": day, "date_source": "header",
                             "sha256": sha, "text": f"Article synthétique {i}.", "ingested_at": dt.datetime(2024, 1, 1)})
    pairs = [(rel, pair) for rel in RELATIONS if rel != "sanction" for pair in combinations(sorted(orgs), 2)]
    pairs += [("sanction", (auth, org)) for auth in authorities for org in orgs]
    rng.shuffle(pairs)
    if len(pairs) < claims:
        raise SystemExit(f"only {len(pairs)} distinct claim keys available")
    claim_rows, mention_rows, step_rows = [], [], []
    mention_id = 0
    for cid in range(1, claims + 1):
        rel, (a, b) = pairs[cid - 1]
        entities = [a, b] if rel in ORDERED else sorted([a, b])
        facts = []
        for k in range(rng.choice((1, 1, 2, 2, 3, 4))):
            mention_id += 1
            art = article_rows[rng.randrange(n_articles)]
            stance = rng.choices(("hedged", "reported", "confirmed", "denied", "asserted"), (50, 15, 15, 5, 15))[0] if k else \
                rng.choices(("hedged", "reported", "asserted", "confirmed"), (65, 15, 15, 5))[0]
            rumour = stance in ("hedged", "reported")
            strength = rng.choice((0.35, 0.4, 0.5, 0.6, 0.75)) if rumour else 1.0
            expected = art["date"] + dt.timedelta(days=rng.choice((90, 180, 365, 730))) if rumour and rng.random() < 0.3 else None
            source = rng.choice(SOURCES) if rumour and rng.random() < 0.7 else None
            facts.append(MentionFact(mention_id, art["id"], art["date"], art["sha256"], stance, strength, source, expected, k))
            mention_rows.append({"id": mention_id, "claim_id": cid, "article_id": art["id"], "sentence_index": k,
                                 "sentence": f"{a} et {b} : phrase synthétique {mention_id} ({stance}).", "stance": stance,
                                 "cues": [{"text": "pourrait", "kind": "hedge", "strength": strength, "rule": "conditionnel"}] if rumour else [],
                                 "source": source, "strength": strength, "expected_by": expected})
        st = fold(facts)
        claim_rows.append({"id": cid, "key": claim_key(rel, entities), "relation": rel, "entities": entities, "state": State(st.state),
                           "confidence": st.confidence, "first_seen": st.first_seen, "last_seen": max(f.article_date for f in facts),
                           "resolved_at": st.resolved_at, "resolved_by": st.resolved_by, "expected_by": st.expected_by, "sources": st.sources,
                           "mention_count": len(facts), "article_count": len({f.article_id for f in facts}), "evidence_id": evidence(facts, st)})
        step_rows += [{"claim_id": cid, "seq": n, "date": s.date, "state": State(s.state), "article_id": s.article_id, "mention_id": s.mention_id}
                      for n, s in enumerate(st.history)]
    with engine.begin() as conn:
        for table, rows in ((Article, article_rows), (Claim, claim_rows), (Mention, mention_rows), (Step, step_rows)):
            for i in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[i : i + 5000])
    return {"articles": n_articles, "claims": claims, "mentions": len(mention_rows), "steps": len(step_rows)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    arts = sub.add_parser("articles", help="write synthetic article files")
    arts.add_argument("out", type=Path)
    arts.add_argument("--count", type=int, default=1000)
    arts.add_argument("--seed", type=int, default=7)
    db = sub.add_parser("database", help="fill a database with synthetic claims")
    db.add_argument("url")
    db.add_argument("--claims", type=int, default=100_000)
    db.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    if args.what == "articles":
        paths = make_articles(args.out, args.count, args.seed)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        print(f"{len(paths)} articles, {words} words in {args.out} ({time.perf_counter() - t0:.1f} s)")
    else:
        counts = fill_database(args.url, args.claims, args.seed)
        print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" in {args.url} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
