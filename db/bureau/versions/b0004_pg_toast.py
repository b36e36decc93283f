"""PostgreSQL only: how the two big columns are kept out of line (no data changes, nothing rewritten).

The packet files are zips, already compressed: PostgreSQL's default tried to compress each one again
(pglz over ~46 KB) and gave up, on every insert; ``STORAGE EXTERNAL`` stores them as they are. The
packets' data.json (~70 KB) is compressed with lz4 instead of pglz where the server has lz4
(PostgreSQL 14+ built with it, as Debian's and the official installers are): several times less of the
server's CPU per packet, which on a bureau's PC competes with verifying. Rows written before keep
their form; SQLite stores are unchanged.

Revision ID: b0004
Revises: b0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b0004"
down_revision = "b0003"
branch_labels = None
depends_on = None


def _has_lz4() -> bool:
    # default_toast_compression exists from PostgreSQL 14 on; its choices say whether lz4 was built in.
    query = "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
    return bool(op.get_bind().execute(sa.text(query)).scalar())


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE packet_file ALTER COLUMN content SET STORAGE EXTERNAL")
    if _has_lz4():
        op.execute("ALTER TABLE packet ALTER COLUMN data_json SET COMPRESSION lz4")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE packet_file ALTER COLUMN content SET STORAGE EXTENDED")
    if _has_lz4():
        op.execute("ALTER TABLE packet ALTER COLUMN data_json SET COMPRESSION DEFAULT")
