"""Alembic environment of the bureau's store (db/ beside it is the unit's). The program runs the
migrations itself (gxjn_desktop.storage.bureau.database) and hands over its connection, inside the
one transaction the whole upgrade runs in, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from alembic import context

from gxjn_desktop.storage.bureau.tables import BureauBase

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the program always passes its connection
    raise RuntimeError("gxjn bureau migrations run through gxjn_desktop.storage.bureau, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=BureauBase.metadata,
    render_as_batch=True,
    transactional_ddl=True,
    version_table="bureau_alembic_version",
)
context.run_migrations()
