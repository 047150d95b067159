"""Alembic's entry: the migrations run on the connection the store opened (its transaction and
its write lock), never on a connection of their own."""

from alembic import context

from journeykit.store import schema

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=schema.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
