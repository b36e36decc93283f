"""Forwarding bureaus are known by their key, not by their name: one row per public key (the name is
the label the bureau's index gave it), so two bureaus of the same name are never confused.

Revision ID: b0005
Revises: b0004
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "b0005"
down_revision = "b0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # One key seen under several names was one row per name: keep the first row of each key, and
    # keep it registered if any of them was.
    op.execute(
        "UPDATE forwarder_key SET status = 'registered' WHERE id IN (SELECT MIN(id) FROM forwarder_key GROUP BY"
        " public_key) AND public_key IN (SELECT public_key FROM forwarder_key WHERE status = 'registered')"
    )
    op.execute("DELETE FROM forwarder_key WHERE id NOT IN (SELECT MIN(id) FROM forwarder_key GROUP BY public_key)")
    with op.batch_alter_table("forwarder_key") as batch:
        batch.drop_constraint("uq_forwarder_key_name", type_="unique")
        batch.create_unique_constraint("uq_forwarder_key_public_key", ["public_key"])


def downgrade() -> None:
    with op.batch_alter_table("forwarder_key") as batch:
        batch.drop_constraint("uq_forwarder_key_public_key", type_="unique")
        batch.create_unique_constraint("uq_forwarder_key_name", ["name", "public_key"])
