"""Claims keep what a listing shows besides their state: mention and article counts, evidence mention.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Ingest sets the three columns at each refold of a claim (:func:`tracker.service.refold`);
this migration fills them for the claims already stored, with the rule of
:func:`tracker.states.evidence` written in SQL: the mention of the last step of a confirmed or
denied claim, else its strongest hedged or reported mention (any mention when none is), earliest
article, then lowest id, first.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL = """
UPDATE claims SET
  mention_count = (SELECT count(*) FROM mentions m WHERE m.claim_id = claims.id),
  article_count = (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.claim_id = claims.id),
  evidence_id = CASE WHEN claims.state IN ('confirmed', 'denied')
    THEN coalesce((SELECT s.mention_id FROM steps s WHERE s.claim_id = claims.id ORDER BY s.seq DESC LIMIT 1), {strongest})
    ELSE {strongest} END
""".format(strongest="""(SELECT m.id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.claim_id = claims.id
    ORDER BY CASE WHEN m.stance IN ('hedged', 'reported') THEN 0 ELSE 1 END, m.strength DESC, a.date, m.id LIMIT 1)""")


def upgrade() -> None:
    # plain ADD COLUMNs, which SQLite does in place (no table copy: mentions and steps point at claims)
    op.add_column("claims", sa.Column("mention_count", sa.Integer(), server_default="0", nullable=False))
    op.add_column("claims", sa.Column("article_count", sa.Integer(), server_default="0", nullable=False))
    op.add_column("claims", sa.Column("evidence_id", sa.Integer(), nullable=True))
    op.execute(BACKFILL)


def downgrade() -> None:
    for column in ("evidence_id", "article_count", "mention_count"):
        op.drop_column("claims", column)
