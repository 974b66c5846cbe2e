"""Readable tables for ``tracker evaluate``."""

from __future__ import annotations


def print_scores(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    c = result["corpus"]

    def table(title: str, rows: dict) -> None:
        t = Table(title=title)
        for col in ("", "precision", "recall", "F1", "support"):
            t.add_column(col)
        for name, r in rows.items():
            t.add_row(name, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}", str(r["support"]))
        console.print(t)

    table(f"Stance on {c['sentences']} gold sentences (macro-F1 {c['stance_macro_f1']:.3f}, accuracy {c['stance_accuracy']:.3f})",
          {**c["stance"], "hedged vs not": c["hedged_vs_not"]})
    axes = c.get("axes", {})
    for axis in ("polarity", "certainty", "source", "derived_stance"):
        if axes.get("sentences"):
            a = axes[axis]
            table(f"{axis.replace('_', ' ')} on {axes['sentences']} gold sentences (macro-F1 {a['macro_f1']:.3f}, accuracy {a['accuracy']:.3f})",
                  a["values"])
    table(f"Claim mentions (stance accuracy on found: {c['claim_mention_stance_accuracy']:.3f})",
          {**c["claim_mentions"], "all": c["claim_mentions_all"]})
    for miss in c.get("stance_misses", []):
        console.print(f"  [{miss['gold']} ≠ {miss['predicted']}] {miss['article']}: {miss['text']}  cues={miss['cues']}", markup=False)
    for miss in c.get("axis_misses", []):
        wrong = ", ".join(f"{k} {miss['gold'][k]} ≠ {miss['predicted'][k]}" for k in miss["predicted"] if miss["gold"][k] != miss["predicted"][k])
        console.print(f"  [{wrong}] {miss['text']}", markup=False)
    for miss in c.get("claim_misses", []):
        console.print(f"  [{miss['kind']} {miss['key']}] {miss['article']}: {miss['text']}", markup=False)
    if "states" in result:
        s = result["states"]
        table("Claims of the whole corpus (shuffled ingest)", {"claims": s["claims"]})
        console.print(f"final-state accuracy: {s['state_accuracy_on_found']:.3f} on found claims, "
                      f"{s['state_accuracy_all_gold']:.3f} on all gold claims; gold states {s['gold_states']}")
        console.print(f"marked confirmed but not confirmed in gold: {s['confirmed_but_not_in_gold_confirmed'] or 'none'}", markup=False)
        for e in s.get("state_errors", []):
            console.print(f"  {e['key']}: gold {e['gold']}, got {e['predicted']}", markup=False)
    if "devdata" in result:
        table("devdata (other projects' labelled sentences; qualifier → axis)",
              {f"{t} → {r['axis']}": r for t, r in result["devdata"]["tasks"].items()})
        for miss in result["devdata"].get("misses", []):
            console.print(f"  [{miss['task']} gold={miss['gold']}] {miss['text']}", markup=False)
