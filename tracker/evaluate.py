"""Score the pipeline against gold annotations: stance per class, hedged-vs-not, claims per
relation, and final states of the whole corpus ingested in shuffled order.

Gold files (see ``corpus/README.md``): ``gold/sentences.jsonl`` (one row per sentence: article file
name, exact text, stance, cues, source, claims) and ``gold/claims.jsonl`` (one row per claim key with
its final state at the evaluation date).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tempfile
from collections import Counter
from pathlib import Path

from tracker.articles import read_article
from tracker.stance import CERTAINTIES, POLARITIES, SOURCES, STANCES, WRITER_CONFIRMATIONS, factuality, stance_of

EVAL_DATE = dt.date(2026, 11, 23)


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": tp + fn}


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def article_files(corpus: Path) -> dict[str, Path]:
    return {p.name: p for p in sorted(corpus.rglob("*")) if p.suffix in (".txt", ".md", ".html") and p.parent.name != "gold" and p.name != "README.md"}


def _analyse_corpus(corpus: Path, names: set[str]):
    from tracker.service import analyse_article

    files = article_files(corpus)
    out = {}
    for name in sorted(names):
        article = read_article(str(files[name]), today=EVAL_DATE)
        out[name] = (article, analyse_article(article))
    return out


def score_sentences(corpus: Path) -> dict:
    gold = _read_jsonl(corpus / "gold" / "sentences.jsonl")
    analysed = _analyse_corpus(corpus, {g["article"] for g in gold})
    pairs: list[tuple[str, str]] = []
    axes_pairs: list[tuple[dict, dict]] = []
    claim_tp: Counter = Counter()
    claim_fp: Counter = Counter()
    claim_fn: Counter = Counter()
    claim_stance_ok = claim_stance_n = 0
    misses = []
    claim_misses = []
    cursor: dict[str, int] = {}  # gold rows are in document order: a repeated fragment is the next one
    for g in gold:
        article, analysis = analysed[g["article"]]
        start = article.text.find(g["text"], cursor.get(g["article"], 0))
        if start < 0:
            start = article.text.find(g["text"])
        if start < 0:
            raise ValueError(f"gold sentence not found in {g['article']}: {g['text'][:60]!r}")
        end = start + len(g["text"])
        cursor[g["article"]] = end
        overlapping = [s for s in analysis.sentences if s.start < end and start < s.end]
        predicted = _merge_stance([s.stance for s in overlapping])
        pairs.append((g["stance"], predicted))
        if "factuality" in g:
            axes_pairs.append((g["factuality"] | {"stance": g["stance"]}, _sentence_axes(overlapping, predicted)))
        if g["stance"] != predicted:
            misses.append({"article": g["article"], "text": g["text"], "gold": g["stance"], "predicted": predicted,
                           "cues": [c.text for s in overlapping for c in s.cues]})
        idx = {s.index for s in overlapping}
        pred_claims = {m.key: m for m in analysis.mentions if m.sentence_index in idx}
        gold_claims = {c["key"]: c for c in g.get("claims", [])}
        for key, c in gold_claims.items():
            rel = c["relation"]
            if key in pred_claims:
                claim_tp[rel] += 1
                claim_stance_n += 1
                claim_stance_ok += pred_claims[key].stance == c.get("stance", g["stance"])
            else:
                claim_fn[rel] += 1
                claim_misses.append({"article": g["article"], "text": g["text"], "kind": "missed", "key": key})
        for key, m in pred_claims.items():
            if key not in gold_claims:
                claim_fp[m.relation] += 1
                claim_misses.append({"article": g["article"], "text": g["text"], "kind": "spurious", "key": key})
    per_stance = {s: prf(sum(1 for g, p in pairs if g == s and p == s), sum(1 for g, p in pairs if g != s and p == s),
                         sum(1 for g, p in pairs if g == s and p != s)) for s in STANCES}
    present = [s for s in STANCES if per_stance[s]["support"]]
    relations = sorted(set(claim_tp) | set(claim_fp) | set(claim_fn))
    return {
        "sentences": len(pairs),
        "stance": per_stance,
        "stance_macro_f1": round(sum(per_stance[s]["f1"] for s in present) / len(present), 3) if present else 0.0,
        "stance_accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 3) if pairs else 0.0,
        "hedged_vs_not": per_stance["hedged"],  # one-vs-rest on « hedged » is the binary task
        "claim_mentions": {r: prf(claim_tp[r], claim_fp[r], claim_fn[r]) for r in relations},
        "claim_mentions_all": prf(sum(claim_tp.values()), sum(claim_fp.values()), sum(claim_fn.values())),
        "claim_mention_stance_accuracy": round(claim_stance_ok / claim_stance_n, 3) if claim_stance_n else 0.0,
        "axes": score_axes(axes_pairs),
        "stance_misses": misses,
        "claim_misses": claim_misses,
        "axis_misses": [{"text": g_text, "gold": g, "predicted": p} for g_text, (g, p) in _axis_misses(gold, axes_pairs)],
    }


AXES = {"polarity": POLARITIES, "certainty": CERTAINTIES, "source": SOURCES}


def _sentence_axes(overlapping: list, stance: str) -> dict:
    """The three axes of the sentence whose stance was kept for a gold sentence, read from the cues
    that decided it, and the stance the contract's table gives back from them."""
    chosen = next((s for s in overlapping if s.stance == stance), None)
    cues = list(chosen.deciding) if chosen else []
    axes = factuality(stance, cues)
    confirmation = any(c.kind == "confirm" and c.rule in WRITER_CONFIRMATIONS for c in cues)
    return axes | {"stance": stance_of(axes["polarity"], axes["certainty"], axes["source"], confirmation=confirmation)}


def score_axes(pairs: list[tuple[dict, dict]]) -> dict:
    """P/R/F1 per value of each axis (polarity, certainty, source), the axis' macro-F1 and accuracy,
    and the stance the table derives from the predicted axes, against the gold axes' own."""
    out = {}
    for axis, values in AXES.items():
        per = {v: prf(sum(g[axis] == v == p[axis] for g, p in pairs), sum(g[axis] != v == p[axis] for g, p in pairs),
                      sum(g[axis] == v != p[axis] for g, p in pairs)) for v in values}
        present = [v for v in values if per[v]["support"]]
        out[axis] = {"values": per, "macro_f1": round(sum(per[v]["f1"] for v in present) / len(present), 3) if present else 0.0,
                     "accuracy": round(sum(g[axis] == p[axis] for g, p in pairs) / len(pairs), 3) if pairs else 0.0}
    # the gold has no « c'est officiel » flag: a writer's confirmation is one its stance says
    gold_derived = [stance_of(g["polarity"], g["certainty"], g["source"], confirmation=g.get("stance") == "confirmed") for g, _ in pairs]
    derived = [(gd, p["stance"]) for gd, (_, p) in zip(gold_derived, pairs)]
    per_stance = {s: prf(sum(g == s == p for g, p in derived), sum(g != s == p for g, p in derived), sum(g == s != p for g, p in derived))
                  for s in STANCES}
    present = [s for s in STANCES if per_stance[s]["support"]]
    out["derived_stance"] = {"values": per_stance,
                             "macro_f1": round(sum(per_stance[s]["f1"] for s in present) / len(present), 3) if present else 0.0,
                             "accuracy": round(sum(g == p for g, p in derived) / len(derived), 3) if derived else 0.0}
    out["sentences"] = len(pairs)
    return out


def _axis_misses(gold: list[dict], pairs: list[tuple[dict, dict]]):
    texts = [g["text"] for g in gold if "factuality" in g]
    for text, (g, p) in zip(texts, pairs):
        if any(g[a] != p[a] for a in AXES):
            yield text, (g, {a: p[a] for a in AXES})


def _merge_stance(stances: list[str]) -> str:
    if not stances:
        return "asserted"
    order = ("denied", "hedged", "confirmed", "reported", "asserted")
    return min(stances, key=order.index)


def score_states(corpus: Path, seed: int = 7) -> dict:
    """Ingest every corpus article in a shuffled order into a fresh database; compare final states."""
    from tracker import service, views

    gold = {c["key"]: c for c in _read_jsonl(corpus / "gold" / "claims.jsonl")}
    files = [str(p) for p in article_files(corpus).values()]
    random.Random(seed).shuffle(files)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/eval.db"
        service.ingest(files, url=url, today=EVAL_DATE)
        got = {c.key: c.state for c in views.list_claims(url, as_of=EVAL_DATE)[0]}
    keys_tp = len(set(gold) & set(got))
    correct = sum(1 for k, g in gold.items() if k in got and got[k] == g["state"])
    false_confirmed = sorted(k for k, state in got.items() if state == "confirmed" and gold.get(k, {}).get("state") != "confirmed")
    wrong = [{"key": k, "gold": g["state"], "predicted": got.get(k)} for k, g in gold.items()
             if got.get(k) != g["state"]]
    return {
        "claims": prf(keys_tp, len(set(got) - set(gold)), len(set(gold) - set(got))),
        "state_accuracy_on_found": round(correct / keys_tp, 3) if keys_tp else 0.0,
        "state_accuracy_all_gold": round(correct / len(gold), 3) if gold else 0.0,
        "confirmed_but_not_in_gold_confirmed": false_confirmed,
        "state_errors": wrong,
        "gold_states": dict(Counter(g["state"] for g in gold.values())),
    }


# devdata: other projects' labelled sentences (../shared/devdata); label → (task, positive?)
DEVDATA_LABELS = {
    "HYP": ("hypothesis", True), "CERT": ("hypothesis", False),
    "NEG": ("negation", True), "AFF": ("negation", False),
    "REPORTED": ("reported", True), "DIRECT": ("reported", False),
    "uncertain": ("hypothesis", True), "negated": ("negation", True), "other": (None, False),
}


# EDS-NLP's qualifiers are the contract's axes one to one: a negated entity is of negative polarity,
# a hypothetical one less than certain, a reported one from a source other than the writer
DEVDATA_AXES = {"negation": "polarity", "hypothesis": "certainty", "reported": "source"}


def score_devdata(folder: Path) -> dict:
    """Per task (hypothesis, negation, reported speech): does the cue layer flag the entity's clause
    (any clause of the sentence for a row that names no entity, as MR4AP's and medkit's labels are
    the sentence's)? Each task scores one axis (``DEVDATA_AXES``).

    MR4AP rows labelled ``other`` count as negatives for both hypothesis and negation.
    """
    from tracker.extract import qualifiers_at
    from tracker.normalise import normalise
    from tracker.pipeline import shared_nlp

    nlp = shared_nlp()
    counts: dict[str, Counter] = {}
    misses = []
    for path in sorted(folder.glob("*.jsonl")):
        for row in _read_jsonl(path):
            task, positive = DEVDATA_LABELS.get(row.get("label"), (None, None))
            if positive is None:
                continue
            tasks = [task] if task else ["hypothesis", "negation"]
            text = row["text"]
            doc = nlp(normalise(text))
            if row.get("entity"):
                flags = qualifiers_at(doc, text, row["entity"]["start"])
            else:
                # a label with no entity (MR4AP, medkit) is the sentence's: any clause of it
                # (read at its last word, so that a « ne … pas » anywhere in the clause comes before it)
                every = [qualifiers_at(doc, text, c.end_char - 1) for c in doc.spans["tracker_clauses"]] or [qualifiers_at(doc, text, 0)]
                flags = {k: any(f[k] for f in every) for k in every[0]}
            for t in tasks:
                gold = positive if task else False
                pred = flags[t]
                c = counts.setdefault(t, Counter())
                c["tp" if gold and pred else "fp" if pred else "fn" if gold else "tn"] += 1
                if gold != pred:
                    misses.append({"file": path.name, "task": t, "gold": gold, "predicted": pred, "text": text})
    return {"tasks": {t: prf(c["tp"], c["fp"], c["fn"]) | {"negatives": c["tn"] + c["fp"], "axis": DEVDATA_AXES[t]}
                      for t, c in sorted(counts.items())},
            "misses": misses}
