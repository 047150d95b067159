"""The migrations, one file a revision (Alembic reads them from this folder)."""
