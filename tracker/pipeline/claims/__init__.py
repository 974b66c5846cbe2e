"""``tracker_triggers`` and ``tracker_claims``: relations between entities — the trigger rules,
the roles read from groups of names and from the dependency parse, and references to earlier claims."""
