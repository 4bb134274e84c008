"""SQLite storage: engine, ORM models and alembic migrations."""
