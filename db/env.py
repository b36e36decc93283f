"""Alembic environment. The program runs migrations itself (gxjn_desktop.storage.migrate) and
hands over its connection, already inside the one transaction the whole upgrade runs in."""

from __future__ import annotations

from alembic import context

from gxjn_desktop.storage.tables import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the program always passes its connection
    raise RuntimeError("gxjn migrations run through gxjn_desktop.storage.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    transactional_ddl=True,
)
context.run_migrations()
