/*
** central_schema.c — the central PostgreSQL schema that `quizkiosk fleet
** init` creates (issue 12): the tables the kiosks' outboxes fill, the one
** function they write through, the roles, and the views HR and BI read.
** Running it again is harmless (IF NOT EXISTS / OR REPLACE), so an upgrade
** is running it again.
**
** Roles (group roles, NOLOGIN; give real users membership):
**   fleet_kiosk  what a kiosk logs in as: may only call fleet.apply /
**                fleet.contact and read fleet.board; sees no table.
**   fleet_bi     results without personal data: sessions, answers, events
**                and the views.
**   fleet_hr     all of fleet_bi plus fleet.personal (names, phones, ...),
**                which no other role can read.
**   fleet_trainer may publish question sets (fleet.publish).
**
** Writes are idempotent: fleet.apply inserts a row or, when the kiosk's
** copy has a higher version, moves it forward; a repeat or an older copy
** changes nothing. A completed session NOTIFYs fleet_board with its
** app/exam, which the kiosks' leaderboards LISTEN to.
*/
#include "sync.h"

const char qk_fleet_schema_sql[] =
    "SET LOCAL client_min_messages = warning;\n" /* no "already exists" notices on a re-run */
    "CREATE SCHEMA IF NOT EXISTS fleet;\n"
    "DO $$ BEGIN\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fleet_kiosk') THEN CREATE ROLE fleet_kiosk NOLOGIN; END IF;\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fleet_bi') THEN CREATE ROLE fleet_bi NOLOGIN; END IF;\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fleet_hr') THEN CREATE ROLE fleet_hr NOLOGIN; END IF;\n"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fleet_trainer') THEN CREATE ROLE fleet_trainer NOLOGIN; END IF;\n"
    "END $$;\n"
    "CREATE TABLE IF NOT EXISTS fleet.kiosks(\n"
    "  kiosk text PRIMARY KEY,\n"
    "  last_contact timestamptz NOT NULL,\n"
    "  backlog bigint NOT NULL,\n"
    "  software_version text,\n"
    "  bundle text,\n"
    "  bundle_error text);\n"
    "CREATE TABLE IF NOT EXISTS fleet.sessions(\n"
    "  uuid uuid PRIMARY KEY,\n"
    "  kiosk text NOT NULL,\n"
    "  app text NOT NULL,\n"
    "  exam text NOT NULL,\n"
    "  exam_title text,\n"
    "  content_hash text NOT NULL,\n"
    "  status text NOT NULL,\n"
    "  started_at bigint NOT NULL,\n"
    "  finished_at bigint,\n"
    "  last_activity bigint,\n"
    "  score float8,\n"
    "  max_score float8,\n"
    "  passed int,\n"
    "  shuffle_seed bigint,\n"
    "  language text,\n"
    "  mode text,\n"
    "  purged_at bigint,\n"
    "  version int NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS sessions_board ON fleet.sessions(app, exam, status, score DESC, finished_at);\n"
    "CREATE TABLE IF NOT EXISTS fleet.answers(\n"
    "  session uuid NOT NULL REFERENCES fleet.sessions,\n"
    "  question text NOT NULL,\n"
    "  seq int NOT NULL,\n"
    "  response jsonb,\n"
    "  points float8,\n"
    "  max_points float8,\n"
    "  correct int,\n"
    "  time_ms bigint,\n"
    "  answered_at bigint NOT NULL,\n"
    "  free_text int NOT NULL,\n"
    "  revisions int NOT NULL,\n"
    "  version int NOT NULL,\n"
    "  PRIMARY KEY(session, question));\n"
    "CREATE TABLE IF NOT EXISTS fleet.events(\n"
    "  session uuid NOT NULL REFERENCES fleet.sessions,\n"
    "  seq int NOT NULL,\n"
    "  t_ms bigint NOT NULL,\n"
    "  kind text NOT NULL,\n"
    "  data jsonb,\n"
    "  personal int NOT NULL,\n"
    "  version int NOT NULL,\n"
    "  PRIMARY KEY(session, seq));\n"
    /* Personal fields apart, so a grant can keep them from everyone but HR. */
    "CREATE TABLE IF NOT EXISTS fleet.personal(\n"
    "  session uuid NOT NULL REFERENCES fleet.sessions,\n"
    "  field text NOT NULL,\n"
    "  value text NOT NULL,\n"
    "  PRIMARY KEY(session, field));\n"
    /* The one write path, for the kiosks' sync and for `fleet import`. */
    "CREATE OR REPLACE FUNCTION fleet.apply(kind text, r jsonb) RETURNS void\n"
    "LANGUAGE plpgsql SECURITY DEFINER SET search_path = fleet, pg_temp AS $f$\n"
    "DECLARE s uuid;\n"
    "BEGIN\n"
    "  IF kind = 'session' THEN\n"
    "    INSERT INTO fleet.sessions AS t SELECT * FROM jsonb_populate_record(NULL::fleet.sessions, r)\n"
    "    ON CONFLICT (uuid) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at,\n"
    "      last_activity = excluded.last_activity, score = excluded.score, max_score = excluded.max_score,\n"
    "      passed = excluded.passed, purged_at = excluded.purged_at, version = excluded.version\n"
    "      WHERE t.version < excluded.version;\n"
    "    IF r->>'purged_at' IS NOT NULL THEN DELETE FROM fleet.personal WHERE session = (r->>'uuid')::uuid; END IF;\n"
    "    IF r->>'status' = 'completed' THEN PERFORM pg_notify('fleet_board', (r->>'app') || '/' || (r->>'exam')); END IF;\n"
    "  ELSIF kind = 'answer' THEN\n"
    "    INSERT INTO fleet.answers AS t SELECT * FROM jsonb_populate_record(NULL::fleet.answers, r)\n"
    "    ON CONFLICT (session, question) DO UPDATE SET seq = excluded.seq, response = excluded.response,\n"
    "      points = excluded.points, max_points = excluded.max_points, correct = excluded.correct,\n"
    "      time_ms = excluded.time_ms, answered_at = excluded.answered_at, free_text = excluded.free_text,\n"
    "      revisions = excluded.revisions, version = excluded.version\n"
    "      WHERE t.version < excluded.version;\n"
    "  ELSIF kind = 'event' THEN\n"
    "    INSERT INTO fleet.events AS t SELECT * FROM jsonb_populate_record(NULL::fleet.events, r)\n"
    "    ON CONFLICT (session, seq) DO UPDATE SET t_ms = excluded.t_ms, kind = excluded.kind,\n"
    "      data = excluded.data, personal = excluded.personal, version = excluded.version\n"
    "      WHERE t.version < excluded.version;\n"
    "  ELSIF kind = 'candidate' THEN\n"
    "    s := (r->>'session')::uuid;\n"
    "    IF r->>'value' IS NULL THEN\n"
    "      DELETE FROM fleet.personal WHERE session = s AND field = r->>'field';\n"
    /* A late copy (a bundle imported after a purge) brings nothing back. */
    "    ELSIF NOT EXISTS (SELECT 1 FROM fleet.sessions WHERE uuid = s AND purged_at IS NOT NULL) THEN\n"
    "      INSERT INTO fleet.personal VALUES (s, r->>'field', r->>'value')\n"
    "      ON CONFLICT (session, field) DO UPDATE SET value = excluded.value;\n"
    "    END IF;\n"
    "  ELSE\n"
    "    RAISE EXCEPTION 'fleet.apply: unknown kind %', kind;\n"
    "  END IF;\n"
    "END $f$;\n"
    "CREATE OR REPLACE FUNCTION fleet.contact(k text, backlog bigint, software text, bundle text,\n"
    "  bundle_error text) RETURNS void\n"
    "LANGUAGE sql SECURITY DEFINER SET search_path = fleet, pg_temp AS $f$\n"
    "  INSERT INTO fleet.kiosks VALUES (k, now(), backlog, software, bundle, bundle_error)\n"
    "  ON CONFLICT (kiosk) DO UPDATE SET last_contact = now(), backlog = excluded.backlog,\n"
    "    software_version = excluded.software_version, bundle = excluded.bundle,\n"
    "    bundle_error = excluded.bundle_error;\n"
    "$f$;\n"
    /* Question sets: each publish of an app folder is a new version; the
    ** kiosks running that app pull the newest (pull.c). */
    "CREATE TABLE IF NOT EXISTS fleet.bundles(\n"
    "  app text NOT NULL,\n"
    "  version int NOT NULL,\n"
    "  hash text NOT NULL,\n"
    "  data bytea NOT NULL,\n"
    "  published_at timestamptz NOT NULL DEFAULT now(),\n"
    "  PRIMARY KEY(app, version));\n"
    /* The new version number, or minus the newest when it already has this
    ** content (nothing published). The hash is checked here too. */
    "CREATE OR REPLACE FUNCTION fleet.publish(a text, h text, d bytea) RETURNS int\n"
    "LANGUAGE plpgsql SECURITY DEFINER SET search_path = fleet, pg_temp AS $f$\n"
    "DECLARE v int; last_hash text;\n"
    "BEGIN\n"
    "  IF encode(sha256(d), 'hex') <> h THEN RAISE EXCEPTION 'fleet.publish: the bundle does not match its hash'; END IF;\n"
    "  PERFORM pg_advisory_xact_lock(hashtext('fleet.publish ' || a));\n"
    "  SELECT version, hash INTO v, last_hash FROM fleet.bundles WHERE app = a ORDER BY version DESC LIMIT 1;\n"
    "  IF last_hash = h THEN RETURN -v; END IF;\n"
    "  v := coalesce(v, 0) + 1;\n"
    "  INSERT INTO fleet.bundles(app, version, hash, data) VALUES (a, v, h, d);\n"
    "  PERFORM pg_notify('fleet_bundle', a);\n"
    "  RETURN v;\n"
    "END $f$;\n"
    /* The kiosks' leaderboard: public name (nickname first) only. */
    "CREATE OR REPLACE VIEW fleet.board AS\n"
    "  SELECT s.uuid, s.kiosk, s.app, s.exam, s.score, s.max_score, s.finished_at,\n"
    "    coalesce((SELECT nullif(value, '') FROM fleet.personal p WHERE p.session = s.uuid AND field = 'nickname'),\n"
    "             (SELECT nullif(value, '') FROM fleet.personal p WHERE p.session = s.uuid AND field = 'name'), '') AS name\n"
    "  FROM fleet.sessions s WHERE s.status = 'completed' AND s.score IS NOT NULL;\n"
    /* For HR and BI: one row per session with its section and competency
    ** scores (from the "result" event the flow logs at the end), one row
    ** per answer with the option text (from the "question" event's
    ** options when the flow logged them, else the response as given). */
    "CREATE OR REPLACE VIEW fleet.session_results AS\n"
    "  SELECT s.uuid, s.kiosk, s.app, s.exam, s.exam_title, s.content_hash, s.status,\n"
    "    to_timestamp(s.started_at / 1000.0) AS started, to_timestamp(s.finished_at / 1000.0) AS finished,\n"
    "    s.score, s.max_score, s.passed, s.language, s.mode,\n"
    "    r.data->'sections' AS sections, r.data->'competencies' AS competencies\n"
    "  FROM fleet.sessions s LEFT JOIN LATERAL (SELECT e.data FROM fleet.events e\n"
    "    WHERE e.session = s.uuid AND e.kind = 'result' ORDER BY e.seq DESC LIMIT 1) r ON true;\n"
    "CREATE OR REPLACE VIEW fleet.answer_rows AS\n"
    "  SELECT a.session, s.kiosk, s.app, s.exam, a.seq, a.question, a.response,\n"
    "    coalesce(o.text, a.response #>> '{}') AS option_text,\n"
    "    a.points, a.max_points, a.correct, a.time_ms, to_timestamp(a.answered_at / 1000.0) AS answered\n"
    "  FROM fleet.answers a JOIN fleet.sessions s ON s.uuid = a.session\n"
    /* The chosen option id(s): the response itself, an array of them, or
    ** an object's "choice" (the trade fair's); their texts from the
    ** newest "question" event of that question. */
    "  LEFT JOIN LATERAL (SELECT coalesce(a.response -> 'choice', a.response) AS c) r ON true\n"
    "  LEFT JOIN LATERAL (SELECT e.data->'options' AS opts FROM fleet.events e\n"
    "    WHERE e.session = a.session AND e.kind = 'question' AND e.data->>'question' = a.question\n"
    "      AND jsonb_typeof(e.data->'options') = 'object'\n"
    "    ORDER BY e.seq DESC LIMIT 1) q ON true\n"
    "  LEFT JOIN LATERAL (SELECT CASE jsonb_typeof(r.c)\n"
    "      WHEN 'array' THEN (SELECT string_agg(q.opts->>x, ', ') FROM jsonb_array_elements_text(r.c) x)\n"
    "      WHEN 'string' THEN q.opts->>(r.c #>> '{}') END AS text) o ON true;\n"
    "REVOKE ALL ON ALL TABLES IN SCHEMA fleet FROM PUBLIC;\n"
    "REVOKE ALL ON FUNCTION fleet.apply(text, jsonb) FROM PUBLIC;\n"
    "REVOKE ALL ON FUNCTION fleet.contact(text, bigint, text, text, text) FROM PUBLIC;\n"
    "REVOKE ALL ON FUNCTION fleet.publish(text, text, bytea) FROM PUBLIC;\n"
    "GRANT USAGE ON SCHEMA fleet TO fleet_trainer;\n"
    "GRANT EXECUTE ON FUNCTION fleet.publish(text, text, bytea) TO fleet_trainer;\n"
    "GRANT SELECT ON fleet.bundles TO fleet_kiosk, fleet_trainer;\n"
    "GRANT USAGE ON SCHEMA fleet TO fleet_kiosk, fleet_bi, fleet_hr;\n"
    "GRANT EXECUTE ON FUNCTION fleet.apply(text, jsonb), fleet.contact(text, bigint, text, text, text) TO fleet_kiosk;\n"
    "GRANT SELECT ON fleet.board TO fleet_kiosk;\n"
    "GRANT SELECT ON fleet.kiosks, fleet.sessions, fleet.answers, fleet.events, fleet.session_results,\n"
    "  fleet.answer_rows, fleet.board TO fleet_bi, fleet_hr;\n"
    "GRANT SELECT ON fleet.personal TO fleet_hr;\n";
