"""Storage: SQLAlchemy 2 models, engine, repository queries (which never commit)."""
