"""Schema 3: evidence rows name the large import that wrote them (seen whole or not at all).

The table of imports under way is made with the store's other tables when it is opened.

Revision ID: s3
"""

import sqlalchemy as sa
from alembic import op

revision = "s3"
down_revision = "s2"


def upgrade() -> None:
    for table in ("survey_responses", "usage_events"):
        has = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
        if "batch" not in has:  # s2 on SQLite remade survey_responses with it already
            op.add_column(table, sa.Column("batch", sa.String(32)))
