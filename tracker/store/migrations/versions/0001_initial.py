"""Initial schema: articles, claims, mentions, steps (the schema create_all made before migrations).

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = ("rumour", "confirmed", "denied", "fact", "expired")


def _state() -> sa.Enum:
    return sa.Enum(*STATES, name="state", native_enum=False, length=16)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=1024), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("date_source", sa.String(length=16), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("sha256", name=op.f("uq_articles_sha256")),
    )
    with op.batch_alter_table("articles") as batch:
        batch.create_index(batch.f("ix_articles_date"), ["date"], unique=False)

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=512), nullable=False),
        sa.Column("relation", sa.String(length=32), nullable=False),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column("state", _state(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("first_seen", sa.Date(), nullable=False),
        sa.Column("last_seen", sa.Date(), nullable=False),
        sa.Column("resolved_at", sa.Date(), nullable=True),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.Column("expected_by", sa.Date(), nullable=True),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["resolved_by"], ["articles.id"], name=op.f("fk_claims_resolved_by_articles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("key", name=op.f("uq_claims_key")),
    )
    with op.batch_alter_table("claims") as batch:
        batch.create_index(batch.f("ix_claims_first_seen"), ["first_seen"], unique=False)
        batch.create_index(batch.f("ix_claims_relation"), ["relation"], unique=False)
        batch.create_index(batch.f("ix_claims_state"), ["state"], unique=False)
        batch.create_index("ix_claims_state_first_seen", ["state", "first_seen"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("cues", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=512), nullable=True),
        sa.Column("strength", sa.Float(), nullable=False),
        sa.Column("expected_by", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_mentions_article_id_articles")),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_mentions_claim_id_claims")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
        sa.UniqueConstraint("claim_id", "article_id", "sentence_index", name="uq_mentions_claim_article_sentence"),
    )
    with op.batch_alter_table("mentions") as batch:
        batch.create_index(batch.f("ix_mentions_article_id"), ["article_id"], unique=False)
        batch.create_index(batch.f("ix_mentions_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("state", _state(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("mention_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_steps_article_id_articles")),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_steps_claim_id_claims")),
        sa.ForeignKeyConstraint(["mention_id"], ["mentions.id"], name=op.f("fk_steps_mention_id_mentions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_steps")),
    )
    with op.batch_alter_table("steps") as batch:
        batch.create_index(batch.f("ix_steps_claim_id"), ["claim_id"], unique=False)


def downgrade() -> None:
    for table in ("steps", "mentions", "claims", "articles"):
        op.drop_table(table)
