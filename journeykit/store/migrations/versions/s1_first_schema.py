"""The first schema (schema_version 1): stores made before migrations start here.

Revision ID: s1
"""

revision = "s1"
down_revision = None


def upgrade() -> None:
    """Nothing: a store at schema 1 already has its tables."""
