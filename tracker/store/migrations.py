"""Provides the store's schema versions, applied in order by the store.

Each entry of ``MIGRATIONS`` takes a store from version N to N+1 and runs in
the same transaction as the ``user_version`` bump, so a failed migration
leaves the file as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

#: ``PRAGMA application_id`` of a tracker store ("TRK1"): a SQLite file
#: without it and with tables of its own is not ours and is left alone.
APPLICATION_ID = 0x54524B31

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE projects (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        squeeze_share REAL NOT NULL DEFAULT 0.8,
        next_seq INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE iterations (
        id INTEGER PRIMARY KEY,
        project TEXT NOT NULL REFERENCES projects(key),
        name TEXT NOT NULL,
        start TEXT,
        "end" TEXT,
        capacity REAL,
        goal TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'planned',
        UNIQUE (project, name)
    );
    CREATE TABLE items (
        key TEXT PRIMARY KEY,
        project TEXT NOT NULL REFERENCES projects(key),
        seq INTEGER NOT NULL,
        title TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'story',
        points REAL,
        status TEXT NOT NULL DEFAULT 'todo',
        rank REAL NOT NULL DEFAULT 0,
        iteration_id INTEGER REFERENCES iterations(id),
        parent TEXT,
        assignee TEXT,
        tags TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        deadline TEXT,
        not_before TEXT,
        fixed INTEGER NOT NULL DEFAULT 0,
        created TEXT,
        updated TEXT,
        done_on TEXT,
        source_id TEXT,
        version INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX items_project_rank ON items (project, rank, seq);
    CREATE INDEX items_iteration ON items (iteration_id) WHERE iteration_id IS NOT NULL;
    CREATE UNIQUE INDEX items_source ON items (source_id) WHERE source_id IS NOT NULL;
    CREATE TABLE mandates (
        code TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        reference TEXT NOT NULL DEFAULT '',
        deadline TEXT,
        hard INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE externals (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        party TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'delivery',
        expected TEXT,
        status TEXT NOT NULL DEFAULT 'pending'
    );
    CREATE TABLE dependencies (
        item TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE,
        depends_on TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE,
        PRIMARY KEY (item, depends_on)
    ) WITHOUT ROWID;
    CREATE INDEX dependencies_reverse ON dependencies (depends_on);
    CREATE TABLE item_mandates (
        item TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE,
        mandate TEXT NOT NULL REFERENCES mandates(code),
        PRIMARY KEY (item, mandate)
    ) WITHOUT ROWID;
    CREATE TABLE item_externals (
        item TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE,
        external TEXT NOT NULL REFERENCES externals(code),
        PRIMARY KEY (item, external)
    ) WITHOUT ROWID;
    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        item TEXT NOT NULL,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        field TEXT NOT NULL,
        old TEXT,
        new TEXT
    );
    CREATE INDEX history_item ON history (item, id);
    CREATE INDEX history_at ON history (at);
    CREATE INDEX history_carried ON history (item) WHERE field = 'carried_over';
    CREATE TABLE acceptances (
        rule TEXT NOT NULL,
        items TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        reason TEXT NOT NULL,
        who TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (rule, items)
    );
    CREATE TABLE sprint_summaries (
        iteration_id INTEGER PRIMARY KEY REFERENCES iterations(id),
        closed_at TEXT NOT NULL,
        summary TEXT NOT NULL
    );
    CREATE TABLE standups (
        project TEXT NOT NULL REFERENCES projects(key),
        held_at TEXT NOT NULL,
        PRIMARY KEY (project, held_at)
    );
    """,
    # 2: when an external really arrived, kept apart from when it was expected
    # (a late delivery stays visible as late).  Until now delivering one
    # overwrote its expected date with the delivery date: that is the best
    # record there is of when those arrived.
    """
    ALTER TABLE externals ADD COLUMN delivered_on TEXT;
    UPDATE externals SET delivered_on = expected WHERE status = 'delivered';
    """,
    # 3: the change log of everything that is not an item (items keep their
    # own history): who moved a statutory date, a supplier's date, a sprint,
    # and why.  Append-only by the engine itself, not by our good manners.
    # And what an approval came back as, with its note; and acceptances kept
    # when revoked (a new acceptance is a new record), with an owner and a
    # review date; and baselines, the milestones' dates and chances kept under
    # a name for the board to see movement against.
    """
    CREATE TABLE change_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        entity TEXT NOT NULL,
        code TEXT NOT NULL,
        field TEXT NOT NULL,
        old TEXT,
        new TEXT,
        reason TEXT
    );
    CREATE INDEX change_log_at ON change_log (at);
    CREATE INDEX change_log_code ON change_log (entity, code);
    CREATE TRIGGER change_log_kept_as_written BEFORE UPDATE ON change_log
    BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    CREATE TRIGGER change_log_never_forgets BEFORE DELETE ON change_log
    BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    ALTER TABLE externals ADD COLUMN outcome TEXT;
    ALTER TABLE externals ADD COLUMN note TEXT NOT NULL DEFAULT '';
    CREATE TABLE acceptance_records (
        id INTEGER PRIMARY KEY,
        rule TEXT NOT NULL,
        items TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        reason TEXT NOT NULL,
        who TEXT NOT NULL,
        at TEXT NOT NULL,
        owner TEXT,
        review_by TEXT,
        revoked_by TEXT,
        revoked_at TEXT,
        revoke_reason TEXT
    );
    INSERT INTO acceptance_records (rule, items, fingerprint, reason, who, at)
        SELECT rule, items, fingerprint, reason, who, at FROM acceptances ORDER BY at;
    DROP TABLE acceptances;
    CREATE UNIQUE INDEX acceptance_in_force ON acceptance_records (rule, items) WHERE revoked_at IS NULL;
    ALTER TABLE projects ADD COLUMN holidays TEXT NOT NULL DEFAULT 'england';
    CREATE TABLE baselines (
        name TEXT NOT NULL,
        project TEXT NOT NULL REFERENCES projects(key),
        saved_at TEXT NOT NULL,
        who TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (name, project)
    );
    """,
    # 4: working time.  Closures (an office shutdown, a change freeze), the
    # people of a project's team with their own bank holidays and days per
    # week, and their leave.  And the squeeze share's default falls from 80%
    # to DSDM's 60%: no command could set it before, so a project at 80% has
    # the old default, not a choice.  And comments on items, beside their history,
    # and who or what a blocked item waits for.
    """
    CREATE TABLE closures (
        project TEXT NOT NULL REFERENCES projects(key),
        name TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'non-working',
        tags TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (project, name)
    );
    CREATE TABLE people (
        project TEXT NOT NULL REFERENCES projects(key),
        name TEXT NOT NULL,
        days_per_week REAL NOT NULL DEFAULT 5,
        holidays TEXT,
        PRIMARY KEY (project, name)
    );
    CREATE TABLE leave (
        project TEXT NOT NULL,
        person TEXT NOT NULL,
        start TEXT NOT NULL,
        "end" TEXT NOT NULL,
        PRIMARY KEY (project, person, start),
        FOREIGN KEY (project, person) REFERENCES people (project, name) ON DELETE CASCADE
    );
    UPDATE projects SET squeeze_share = 0.6 WHERE squeeze_share = 0.8;
    CREATE TABLE comments (
        id INTEGER PRIMARY KEY,
        item TEXT NOT NULL REFERENCES items(key) ON DELETE CASCADE,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX comments_item ON comments (item, id);
    ALTER TABLE items ADD COLUMN blocked_by TEXT;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def statements(script: str) -> Iterator[str]:
    """A migration's script one statement at a time (both engines run them so: a
    PostgreSQL statement is rewritten alone, and SQLite's ``executescript`` would
    commit on its own, outside the migration's transaction)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
