/*
** migrate_fleet.c — schema step 4 -> 5 for kiosk fleets (issue 12): every
** session gets a UUID, answers and events a per-session sequence number
** and every synced row a version, so rows from different kiosks cannot
** collide and a central copy can tell a newer state from a repeat; and the
** outbox (outbox.c) that queues each change for the sync worker.
**
** The outbox is filled by triggers, so the row and its queue entry are
** written by the same statement inside the same transaction (the store's
** call, or the batch around it): neither can be on disk without the other,
** and the answer's commit stays one transaction with one fsync. The
** outbox names what changed (kind, session, key); the sync worker reads the
** row's current state when it sends, so many changes to one row send its
** latest state, each time tagged with its version.
**
** Shipped SQL is never edited (see schema.c): a later change appends a
** new step.
*/
#include "store_int.h"

/* A random (version 4) UUID from SQLite's randomness, which the unix VFS
** seeds from /dev/urandom. Each part draws its own bytes so the expression
** can run per row in one UPDATE. */
#define UUID_V4                                                                         \
  "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "                  \
  "substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || "  \
  "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

#define QUEUE(kind, sid, ref) "INSERT INTO outbox(kind, session_id, ref) VALUES(" kind ", " sid ", " ref ");"

const char qk_store_migration_fleet[] =
    "ALTER TABLE sessions ADD COLUMN uuid TEXT;\n"
    "ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
    "ALTER TABLE answers ADD COLUMN seq INTEGER;\n"
    "ALTER TABLE answers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
    "ALTER TABLE events ADD COLUMN seq INTEGER;\n"
    "ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
    /* Existing rows: a UUID each, events numbered in logged order, answers
    ** in the order they were (last) given. */
    "UPDATE sessions SET uuid = " UUID_V4 ";\n"
    "UPDATE events SET seq = (SELECT count(*) FROM events e2 WHERE e2.session_id = events.session_id "
    "AND e2.id <= events.id);\n"
    "UPDATE answers SET seq = (SELECT count(*) FROM answers a2 WHERE a2.session_id = answers.session_id "
    "AND (a2.answered_at < answers.answered_at OR (a2.answered_at = answers.answered_at "
    "AND a2.question <= answers.question)));\n"
    "CREATE UNIQUE INDEX sessions_by_uuid ON sessions(uuid);\n"
    "CREATE UNIQUE INDEX events_by_seq ON events(session_id, seq);\n"
    "CREATE UNIQUE INDEX answers_by_seq ON answers(session_id, seq);\n"
    /* kind: which table; ref: the key within the session (question, event
    ** id, candidate field). AUTOINCREMENT: ids only grow, so "everything up
    ** to id N was sent" stays true while new rows are queued. */
    "CREATE TABLE outbox(\n"
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  kind TEXT NOT NULL CHECK(kind IN ('session','answer','event','candidate')),\n"
    "  session_id INTEGER NOT NULL,\n"
    "  ref TEXT NOT NULL);\n"
    /* What this kiosk recorded before the fleet existed is queued too, so
    ** the centre gets the whole history; sessions first, since the
    ** others refer to them. */
    "INSERT INTO outbox(kind, session_id, ref) SELECT 'session', id, '' FROM sessions ORDER BY id;\n"
    "INSERT INTO outbox(kind, session_id, ref) SELECT 'answer', session_id, question FROM answers "
    "ORDER BY session_id, seq;\n"
    "INSERT INTO outbox(kind, session_id, ref) SELECT 'event', session_id, id FROM events ORDER BY id;\n"
    "INSERT INTO outbox(kind, session_id, ref) SELECT 'candidate', session_id, field FROM candidates "
    "ORDER BY session_id, field;\n"
    /* New rows. */
    "CREATE TRIGGER sessions_fleet_insert AFTER INSERT ON sessions BEGIN\n"
    "  UPDATE sessions SET uuid = " UUID_V4 " WHERE id = NEW.id AND uuid IS NULL;\n"
    "  " QUEUE("'session'", "NEW.id", "''") "\n"
    "END;\n"
    /* A change of status, score or purge moves the version on (last
    ** activity alone is not worth a message). recursive_triggers is off,
    ** and version is not in the column list, so the bump fires nothing. */
    "CREATE TRIGGER sessions_fleet_update AFTER UPDATE OF status, score, max_score, passed, "
    "finished_at, purged_at ON sessions BEGIN\n"
    "  UPDATE sessions SET version = version + 1 WHERE id = NEW.id;\n"
    "  " QUEUE("'session'", "NEW.id", "''") "\n"
    "END;\n"
    "CREATE TRIGGER answers_fleet_insert AFTER INSERT ON answers BEGIN\n"
    "  UPDATE answers SET seq = (SELECT coalesce(max(seq), 0) + 1 FROM answers "
    "WHERE session_id = NEW.session_id) WHERE session_id = NEW.session_id AND question = NEW.question;\n"
    "  " QUEUE("'answer'", "NEW.session_id", "NEW.question") "\n"
    "END;\n"
    "CREATE TRIGGER answers_fleet_update AFTER UPDATE OF response, points, max_points, correct, "
    "time_ms, answered_at, free_text ON answers BEGIN\n"
    "  UPDATE answers SET version = version + 1 WHERE session_id = NEW.session_id "
    "AND question = NEW.question;\n"
    "  " QUEUE("'answer'", "NEW.session_id", "NEW.question") "\n"
    "END;\n"
    "CREATE TRIGGER events_fleet_insert AFTER INSERT ON events BEGIN\n"
    "  UPDATE events SET seq = (SELECT coalesce(max(seq), 0) + 1 FROM events "
    "WHERE session_id = NEW.session_id) WHERE id = NEW.id;\n"
    "  " QUEUE("'event'", "NEW.session_id", "NEW.id") "\n"
    "END;\n"
    "CREATE TRIGGER events_fleet_update AFTER UPDATE OF kind, data, personal ON events BEGIN\n"
    "  UPDATE events SET version = version + 1 WHERE id = NEW.id;\n"
    "  " QUEUE("'event'", "NEW.session_id", "NEW.id") "\n"
    "END;\n"
    /* Personal fields: a deleted one (purge) is queued too; the worker
    ** finds it gone and deletes it centrally. */
    "CREATE TRIGGER candidates_fleet_insert AFTER INSERT ON candidates BEGIN\n"
    "  " QUEUE("'candidate'", "NEW.session_id", "NEW.field") "\n"
    "END;\n"
    "CREATE TRIGGER candidates_fleet_update AFTER UPDATE OF value ON candidates BEGIN\n"
    "  " QUEUE("'candidate'", "NEW.session_id", "NEW.field") "\n"
    "END;\n"
    "CREATE TRIGGER candidates_fleet_delete AFTER DELETE ON candidates BEGIN\n"
    "  " QUEUE("'candidate'", "OLD.session_id", "OLD.field") "\n"
    "END;\n";
