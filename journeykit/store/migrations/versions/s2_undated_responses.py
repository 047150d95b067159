"""Schema 2: a survey response may have no date (exports without one).

Revision ID: s2
"""

from alembic import op

revision = "s2"
down_revision = "s1"


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        op.alter_column("survey_responses", "submitted_at", nullable=True)
        return
    # SQLite cannot drop NOT NULL: copy the table into the one the schema describes
    from journeykit.store import schema

    table = schema.survey_responses
    old = "survey_responses_v1"
    conn.exec_driver_sql(f"ALTER TABLE {table.name} RENAME TO {old}")
    for (index,) in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (old,),
    ).all():
        conn.exec_driver_sql(f'DROP INDEX "{index}"')
    table.create(conn)
    has = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({old})")}
    names = ", ".join(c.name for c in table.columns if c.name in has)
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {old}")
    conn.exec_driver_sql(f"DROP TABLE {old}")
