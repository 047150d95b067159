"""The whole workshop copied to a SQLite file of its own, from one consistent snapshot, before
the store starts afresh."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import delete as sql_delete
from sqlalchemy import (
    insert,
    select,
)

from journeykit.errors import StoreError
from journeykit.i18n import _
from journeykit.store import base, schema
from journeykit.store.base import (
    ARCHIVE_CHUNK,
    ARCHIVED,
    StoreBase,
    _dbapi,
    sqlite_path,
)


class Archive(StoreBase):
    """A copy of the whole workshop (a part of `Store`)."""

    def archive(self, to: str | os.PathLike[str]) -> Path:
        """Copy the whole workshop to `to` (a SQLite store of its own, servable as it is, from
        a SQLite or a PostgreSQL store) and start this one afresh. The copy is checked before
        anything here is removed."""
        target = Path(to).expanduser().resolve()
        if target.exists():
            raise StoreError(
                _("{target} already exists: choose a new name for the archive").format(
                    target=target
                )
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        if sqlite_path(self.url) is not None:
            with self._writer.connect() as conn:
                _dbapi(conn).execute("VACUUM INTO ?", (str(target),))
        else:
            self._copy_to(target)
        with type(self)(target) as copy, copy._read() as conn:
            kept = base._fingerprint(conn)
        with self._write() as conn:  # holds the write lock: nobody saves in between
            if base._fingerprint(conn) != kept:
                target.unlink(missing_ok=True)
                raise StoreError(
                    _(
                        "a team saved while the archive was being written: nothing was removed, "
                        "archive again"
                    )
                )
            for table in ARCHIVED:
                conn.execute(sql_delete(table))
        return target

    def _copy_to(self, target: Path) -> None:
        """Every table of this store into a new SQLite store at `target`, read from one
        snapshot (a repeatable-read transaction) in chunks."""
        with type(self)(target) as copy:
            source = self._reader.connect().execution_options(
                isolation_level="REPEATABLE READ", yield_per=ARCHIVE_CHUNK
            )
            with source, source.begin(), copy._writer.begin() as into:
                into.execute(sql_delete(schema.meta))
                for table in schema.metadata.sorted_tables:
                    rows = source.execute(select(table))
                    for chunk in rows.partitions():
                        into.execute(insert(table), [row._asdict() for row in chunk])
