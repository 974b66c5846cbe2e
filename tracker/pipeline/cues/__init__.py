"""``tracker_cues`` and ``tracker_claim_cues``: what says how sure the writer is and who said it —
the cue lexicon, clauses, negations, conditions, ``Source :`` lines."""
