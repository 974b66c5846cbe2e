"""Articles keep where they were read from: the web address, the author and the site.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

``url`` is the address a page was fetched from (a feed entry's link, an address given to
``tracker ingest``, or the canonical address a saved page names); an ingest skips an address already
stored without fetching it again, through the index. Articles stored before have none.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ADD COLUMNs, which SQLite does in place (mentions, claims and steps point at articles)
    op.add_column("articles", sa.Column("url", sa.String(length=2048), nullable=True))
    op.add_column("articles", sa.Column("author", sa.String(length=512), nullable=True))
    op.add_column("articles", sa.Column("site", sa.String(length=512), nullable=True))
    op.create_index(op.f("ix_articles_url"), "articles", ["url"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_articles_url"), table_name="articles")
    for column in ("site", "author", "url"):
        op.drop_column("articles", column)
