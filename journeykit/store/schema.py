"""Tables of a workshop store, in SQLAlchemy Core so SQLite and PostgreSQL share one schema."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from journeykit.model import SCORE_KEYS

SCHEMA_VERSION = 5
"""The schema's number in `meta` (what an older JourneyKit checks); its migrations are
`migrations`, whose newest revision is `s{SCHEMA_VERSION}`."""

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

teams = Table(
    "teams",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),
)

items = Table(
    "items",
    metadata,
    Column("team", String(64), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),
    # The key is the table: an edit rewrites one b-tree page, not a row page and an index page.
    sqlite_with_rowid=False,
)

progress = Table(
    "progress",
    metadata,
    Column("student", String(64), primary_key=True),
    Column("exercise", String(64), primary_key=True),
    Column("task", String(64), primary_key=True),
    Column("answer", Text, nullable=False),
    Column("ok", Integer, nullable=False),
    Column("at", String(32), nullable=False),
)
"""A student's last answer to each exercise task (added by create_all to older stores)."""

SURVEY_COLUMNS = (
    "id",
    "respondent",
    "submitted_at",
    "touchpoint",
    "stage",
    "persona",
    "segment",
    *SCORE_KEYS,
    "comment",
)
SCORE_COLUMNS = SCORE_KEYS

survey_responses = Table(
    "survey_responses",
    metadata,
    Column("team", String(64), primary_key=True),
    # an export's own texts are as long as it writes them (a server enforces a VARCHAR's length)
    Column("id", Text, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("respondent", Text),
    Column("submitted_at", String(32)),  # None: the export had no dates (schema 2)
    Column("touchpoint", Text),
    Column("stage", Text),
    Column("persona", Text),
    Column("segment", Text),
    # one column a score of the registry; a store opened by a kit with a new score gets its
    # column then (Store._add_score_columns), empty for the responses it holds
    *(Column(key, Integer) for key in SCORE_KEYS),
    Column("comment", Text),
    Column("batch", String(32)),  # schema 3: the import that wrote it (None before, or small)
)

EVENT_COLUMNS = (
    "user_id",
    "event",
    "timestamp",
    "session_id",
    "stage",
    "touchpoint",
    "platform",
    "channel",
    "attributes",
)
"""The stored fields of a usage event. `attributes`: the export's other columns (cohort, plan,
lifecycle ...), a JSON object of texts (schema 4), so a funnel can be compared by any of them."""

usage_events = Table(
    "usage_events",
    metadata,
    Column("team", String(64), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("user_id", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("timestamp", String(32), nullable=False),
    Column("session_id", Text),
    Column("stage", Text),
    Column("touchpoint", Text),
    Column("platform", Text),
    Column("channel", Text),
    Column("batch", String(32)),
    Column("attributes", Text),  # schema 4: the export's other columns, a JSON object
)

pending_imports = Table(
    "pending_imports",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("team", String(64), nullable=False),
    Column("kind", String(32), nullable=False),  # the table it writes
    Column("last_seq", Integer, nullable=False),  # the seqs it holds, up to this one
    Column("pid", Integer, nullable=False),
    Column("started", Float, nullable=False),
)
"""Large imports under way (schema 3). Their rows are written in batches, so that other teams'
saves are not held up behind one long transaction, and are seen by no reader until the import
is finished: then its line here is removed, in one short transaction (all or nothing as
before). An import whose process died leaves rows no one sees; the next store opened removes
them."""

presence = Table(
    "presence",
    metadata,
    Column("participant", String(64), primary_key=True),
    Column("page", String(128), primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("team", String(64), nullable=False),
    Column("seen", Float, nullable=False),
    Column("acted", Float),
)
"""Who has a page open in a room, and when they last saved (added by create_all to older
stores; not part of a workshop's work, so never archived or exported)."""

Index("survey_team_seq", survey_responses.c.team, survey_responses.c.seq)
