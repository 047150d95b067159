"""Schema 4: usage events keep the export's other columns (a JSON object of texts).

Revision ID: s4
"""

import sqlalchemy as sa
from alembic import op

revision = "s4"
down_revision = "s3"


def upgrade() -> None:
    has = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("usage_events")}
    if "attributes" not in has:
        op.add_column("usage_events", sa.Column("attributes", sa.Text))
