"""``tracker_entities``: the names of an article — the gazetteer, the statistical NER, names the
gazetteer lacks, product models and descriptors (« le fondeur taïwanais »)."""
