"""Schema 5: an export's own texts (response ids, touchpoint, stage and persona names) are as
long as the export writes them. SQLite never enforced the 64 characters; a server does.

Revision ID: s5
"""

import sqlalchemy as sa
from alembic import op

revision = "s5"
down_revision = "s4"

WIDENED = {
    "survey_responses": ("id", "touchpoint", "stage", "persona"),
    "usage_events": ("stage", "touchpoint"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return  # a SQLite column's length is a name only
    for table, columns in WIDENED.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.Text)
