"""Alembic environment: runs on the connection the app hands over (see database.py)."""

from __future__ import annotations

from alembic import context

from conference_app.core.storage.fts import is_index_table
from conference_app.core.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
engine = None
if connection is None:  # pragma: no cover - only when alembic is run by hand without the app
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    connection = engine.connect()

try:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
        # The full-text tables are made by raw SQL in the migrations; autogenerate must not drop them.
        include_name=lambda name, type_, _parent: not (type_ == "table" and is_index_table(name or "")),
    )
    with context.begin_transaction():
        context.run_migrations()
finally:
    if engine is not None:  # pragma: no cover - ours to close only when made here; the app closes its own
        connection.close()
        engine.dispose()
