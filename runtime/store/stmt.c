/*
** stmt.c — the SQL of every statement the store runs, and the cache that
** prepares each once per connection. Keeping all the SQL in one place makes
** it easy to check against the schema (schema.c) and to review for
** injection: nothing here is built from caller text, everything is bound.
*/
#include "store_int.h"

/* The joins and name choices several statements share. */
#define SESSION_COLS                                                                       \
  "s.id, s.kiosk, e.app, e.exam, e.title, e.content_hash, s.status, s.language, s.mode, " \
  "s.shuffle_seed, s.started_at, s.finished_at, s.last_activity, s.score, s.max_score, "   \
  "s.passed"
#define SESSION_FROM " FROM sessions s JOIN exams e ON e.id = s.exam_ref"
#define FIELD(f) "(SELECT nullif(value, '') FROM candidates WHERE session_id = s.id AND field = '" f "')"
/* The leaderboard is shown on the kiosk screen: nickname first. */
#define PUBLIC_NAME "coalesce(" FIELD("nickname") ", " FIELD("name") ", '')"
/* The admin screen is for HR: real name first. */
#define HR_NAME "coalesce(" FIELD("name") ", " FIELD("nickname") ", '')"
/* What `stats` shows comes from session_counts (schema.c: per exam
** version and UTC hour, kept by triggers) for the whole hours from ?2 on,
** plus the sessions themselves between ?1 (the "since" asked for) and ?3,
** the start of hour ?2: under an hour of them, found through
** sessions_by_start. PART is one row per exam version:
** (exam_ref, started, completed, abandoned, timed_out, interrupted,
** in_progress, passed, judged, pct_sum, pct_n). */
#define PCT "CASE WHEN s.status = 'completed' AND s.max_score > 0 THEN 100.0 * s.score / s.max_score END"
#define PART                                                                                         \
  "WITH part(exam_ref, st, co, ab, ti, ir, ip, pa, ju, ps, pn) AS ("                                  \
  "SELECT exam_ref, sum(started), sum(completed), sum(abandoned), sum(timed_out), sum(interrupted), " \
  "sum(in_progress), sum(passed), sum(judged), sum(pct_sum), sum(pct_n) FROM session_counts "        \
  "WHERE hour >= ?2 GROUP BY exam_ref UNION ALL "                                                    \
  "SELECT s.exam_ref, count(*), sum(s.status = 'completed'), sum(s.status = 'abandoned'), "          \
  "sum(s.status = 'timed_out'), sum(s.status = 'interrupted'), sum(s.status = 'in_progress'), "      \
  "sum(s.status = 'completed' AND s.passed = 1), sum(s.status = 'completed' AND s.passed IS NOT NULL), " \
  "coalesce(sum(" PCT "), 0), count(" PCT ") FROM sessions s WHERE s.started_at >= ?1 "              \
  "AND s.started_at < ?3 GROUP BY s.exam_ref) "
#define STATS_COLS                                                                                \
  "coalesce(sum(st), 0), coalesce(sum(co), 0), coalesce(sum(ab), 0), coalesce(sum(ti), 0), "      \
  "coalesce(sum(ir), 0), coalesce(sum(ip), 0), coalesce(sum(pa), 0), coalesce(sum(ju), 0), "      \
  "CASE WHEN sum(pn) > 0 THEN sum(ps) / sum(pn) END"
/* Does JSON text column COL hold a candidate field value of session ?1? A
** value matches a whole string in the JSON, or, from two characters up (a
** Chinese name can be two), any part of one: "我叫王伟" holds "王伟". Text
** that is not valid JSON counts as a match: purge removes what it cannot
** inspect. */
#define HOLDS_PERSONAL(table, col)                                                   \
  "CASE WHEN json_valid(" table "." col ") THEN EXISTS(SELECT 1 FROM json_tree(" table \
  "." col ") j, candidates c WHERE c.session_id = ?1 AND j.type = 'text' AND "          \
  "c.value <> '' AND (j.atom = c.value OR (length(c.value) >= 2 AND instr(j.atom, c.value) > 0))) ELSE 1 END"
#define PURGED_DATA "'{\"purged\":true}'"
/* Is in-progress session s stale (see qk_store_interrupt_stale)? ?3 is
** now - window, ?4 now + window (a session stamped in the future, after
** the clock was set back, is no fresher than one from the past), ?5 now -
** QK_STORE_NO_CHECKPOINT_MS for a session that never wrote a checkpoint
** and so can never be resumed. */
#define STALE(s)                                                                         \
  "(" s ".last_activity < ?3 OR " s ".last_activity > ?4 OR (" s ".last_activity < ?5 " \
  "AND NOT EXISTS(SELECT 1 FROM checkpoints k WHERE k.session_id = " s ".id)))"

static const char *const sql[ST_COUNT] = {
    [ST_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
    [ST_SETTING_SET] = "INSERT INTO settings(key, value) VALUES(?1, ?2) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    /* The no-op update makes RETURNING give the id of an existing row too. */
    [ST_EXAM_UPSERT] = "INSERT INTO exams(app, exam, title, content_hash, created_at) "
                       "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(app, exam, content_hash) "
                       "DO UPDATE SET title = coalesce(exams.title, excluded.title) RETURNING id",
    [ST_SESSION_INSERT] = "INSERT INTO sessions(kiosk, exam_ref, status, started_at, last_activity, "
                          "shuffle_seed, language, mode) "
                          "VALUES(?1, ?2, 'in_progress', ?3, ?3, ?4, ?5, ?6)",
    /* max(): a clock set back must not make a live session look stale. */
    [ST_SESSION_TOUCH] = "UPDATE sessions SET last_activity = max(last_activity, ?2) "
                         "WHERE id = ?1 AND status = 'in_progress'",
    [ST_SESSION_STATUS] = "SELECT status FROM sessions WHERE id = ?1",
    [ST_SESSION_FINISH] = "UPDATE sessions SET status = ?2, score = ?3, max_score = ?4, passed = ?5, "
                          "finished_at = ?6, last_activity = max(last_activity, ?6) "
                          "WHERE id = ?1 AND status = 'in_progress'",
    [ST_ANSWER_UPSERT] =
        "INSERT INTO answers(session_id, question, response, points, max_points, correct, time_ms, "
        "answered_at, free_text) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
        "ON CONFLICT(session_id, question) DO UPDATE SET response = excluded.response, "
        "points = excluded.points, max_points = excluded.max_points, correct = excluded.correct, "
        "time_ms = excluded.time_ms, answered_at = excluded.answered_at, "
        "free_text = excluded.free_text, revisions = answers.revisions + 1",
    [ST_EVENT_INSERT] = "INSERT INTO events(session_id, t_ms, kind, data, personal) "
                        "VALUES(?1, ?2, ?3, ?4, ?5)",
    [ST_EVENT_ANSWER] =
        "INSERT INTO events(session_id, t_ms, kind, data, personal) VALUES(?1, ?2, 'answer', "
        "json_object('question', ?3, 'response', json(?4), 'points', ?5, 'max_points', ?6, "
        "'correct', CASE ?7 WHEN 1 THEN json('true') WHEN 0 THEN json('false') END, "
        "'time_ms', ?8), ?9)",
    [ST_CHECKPOINT_UPSERT] = "INSERT INTO checkpoints(session_id, state, remaining_ms, updated_at) "
                             "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(session_id) DO UPDATE SET "
                             "state = excluded.state, remaining_ms = excluded.remaining_ms, "
                             "updated_at = excluded.updated_at",
    [ST_CANDIDATE_UPSERT] = "INSERT INTO candidates(session_id, field, value) VALUES(?1, ?2, ?3) "
                            "ON CONFLICT(session_id, field) DO UPDATE SET value = excluded.value",
    [ST_CONSENT_UPSERT] = "INSERT INTO consents(session_id, text, version, given_at) "
                          "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(session_id) DO UPDATE SET "
                          "text = excluded.text, version = excluded.version, "
                          "given_at = excluded.given_at",
    [ST_RUBRIC_UPSERT] = "INSERT INTO rubric_scores(session_id, question, scores, points, reviewer, "
                         "scored_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
                         "ON CONFLICT(session_id, question) DO UPDATE SET scores = excluded.scores, "
                         "points = excluded.points, reviewer = excluded.reviewer, "
                         "scored_at = excluded.scored_at",
    [ST_RESUME_FIND] = "SELECT s.id, c.state, c.remaining_ms, s.last_activity" SESSION_FROM
                       " LEFT JOIN checkpoints c ON c.session_id = s.id "
                       "WHERE s.kiosk = ?1 AND (?2 IS NULL OR e.app = ?2) "
                       "AND s.status = 'in_progress' AND NOT " STALE("s")
                       " ORDER BY s.last_activity DESC, s.id DESC LIMIT 1",
    /* Column 8 is the response as a person reads it: a JSON string
    ** without its quotes and escapes, anything else as JSON text. */
    [ST_SESSION_ANSWERS] = "SELECT question, response, points, max_points, correct, time_ms, "
                           "answered_at, free_text, CASE WHEN json_valid(response) THEN "
                           "CASE json_type(response) WHEN 'text' THEN json_extract(response, '$') "
                           "ELSE response END ELSE response END "
                           "FROM answers WHERE session_id = ?1 ORDER BY answered_at, question",
    /* Both use sessions_by_kiosk (kiosk, status): only this kiosk's
    ** in-progress sessions are looked at, a handful, so this is cheap
    ** enough to run between candidates. */
    [ST_STALE_EVENTS] = "INSERT INTO events(session_id, t_ms, kind, data) "
                        "SELECT s.id, ?6, 'status', json_object('status', 'interrupted', "
                        "'last_activity', s.last_activity)" SESSION_FROM
                        " WHERE s.kiosk = ?1 AND (?2 IS NULL OR e.app = ?2) "
                        "AND s.status = 'in_progress' AND " STALE("s"),
    [ST_STALE_MARK] = "UPDATE sessions AS m SET status = 'interrupted', finished_at = last_activity "
                      "WHERE kiosk = ?1 AND status = 'in_progress' AND " STALE("m")
                      " AND (?2 IS NULL OR exam_ref IN (SELECT id FROM exams WHERE app = ?2))",
    /* One exam version's board: the first ?2 entries of sessions_board
    ** (exam_ref, status, score DESC, finished_at, rowid) are the order
    ** asked for, so nothing is sorted; query.c merges the versions and
    ** looks up the names of the ten shown only (ST_PUBLIC_NAME). */
    [ST_LEADERBOARD] = "SELECT s.id, s.score, s.max_score, s.finished_at FROM sessions s "
                       "INDEXED BY sessions_board WHERE s.exam_ref = ?1 AND s.status = 'completed' "
                       "AND s.score IS NOT NULL ORDER BY s.score DESC, s.finished_at ASC, s.id ASC "
                       "LIMIT ?2",
    /* The day's board (?3: finished at or after it): the sessions started
    ** since the day before, by their start (sessions_by_start: a day's
    ** hundreds, not the year's 100,000 a walk down sessions_board would
    ** pass when today's scores are lower), then sorted. A game lasts
    ** minutes, so one finished today started less than a day before it. */
    [ST_LEADERBOARD_SINCE] = "SELECT s.id, s.score, s.max_score, s.finished_at FROM sessions s "
                             "INDEXED BY sessions_by_start WHERE s.started_at >= ?3 - 86400000 "
                             "AND s.exam_ref = ?1 AND s.status = 'completed' AND s.score IS NOT NULL "
                             "AND s.finished_at >= ?3 ORDER BY s.score DESC, s.finished_at ASC, s.id ASC "
                             "LIMIT ?2",
    [ST_EXAM_VERSIONS] = "SELECT id FROM exams WHERE app = ?1 AND exam = ?2 "
                         "AND (?3 IS NULL OR content_hash = ?3)",
    [ST_PUBLIC_NAME] = "SELECT " PUBLIC_NAME " FROM sessions s WHERE s.id = ?1",
    [ST_STATS] = PART "SELECT " STATS_COLS " FROM part",
    /* The title is the newest version's: titles may be reworded. */
    [ST_STATS_BY_EXAM] = PART "SELECT e.app, e.exam, (SELECT x.title FROM exams x WHERE x.app = e.app "
                         "AND x.exam = e.exam ORDER BY x.id DESC LIMIT 1), " STATS_COLS
                         " FROM part JOIN exams e ON e.id = part.exam_ref GROUP BY e.app, e.exam "
                         "HAVING sum(st) > 0 ORDER BY e.app, e.exam",
    [ST_RECENT] = "SELECT s.id, coalesce(s.finished_at, s.last_activity), e.exam, e.title, " HR_NAME
                  ", s.status, s.score, s.max_score, s.passed" SESSION_FROM
                  " WHERE s.status <> 'in_progress' ORDER BY 2 DESC, s.id DESC LIMIT ?1",
    [ST_EXAM_SESSIONS] = "SELECT " SESSION_COLS SESSION_FROM
                         " WHERE e.app = ?1 AND (?2 IS NULL OR e.exam = ?2) "
                         "ORDER BY s.started_at, s.id",
    [ST_SESSION_GET] = "SELECT " SESSION_COLS SESSION_FROM " WHERE s.id = ?1",
    [ST_SESSION_EVENTS] = "SELECT id, t_ms, kind, data FROM events WHERE session_id = ?1 ORDER BY id",
    [ST_ANSWER_SET_POINTS] = "UPDATE answers SET points = ?3, correct = ?4 "
                             "WHERE session_id = ?1 AND question = ?2",
    [ST_SESSION_SET_SCORE] = "UPDATE sessions SET score = ?2, max_score = ?3, passed = ?4 WHERE id = ?1",
    [ST_SCORE_CHANGE_ANSWER] =
        "INSERT INTO score_changes(session_id, question, old, new, reason, changed_at) "
        "SELECT ?1, ?2, json_object('points', points, 'correct', correct), "
        "json_object('points', ?3, 'correct', ?4), ?5, ?6 FROM answers "
        "WHERE session_id = ?1 AND question = ?2",
    [ST_SCORE_CHANGE_SESSION] =
        "INSERT INTO score_changes(session_id, question, old, new, reason, changed_at) "
        "SELECT ?1, NULL, json_object('score', score, 'max_score', max_score, 'passed', passed), "
        "json_object('score', ?2, 'max_score', ?3, 'passed', ?4), ?5, ?6 FROM sessions WHERE id = ?1",
    [ST_RESCORE_EVENT] = "INSERT INTO events(session_id, t_ms, kind, data) "
                         "SELECT session_id, changed_at, 'rescore', json_object('question', question, "
                         "'old', json(old), 'new', json(new), 'reason', reason) "
                         "FROM score_changes WHERE id = last_insert_rowid()",
    [ST_SCORE_CHANGES_COUNT] = "SELECT count(*) FROM score_changes WHERE session_id = ?1",
    /* Column 16: the exam version, whose recorded options give the
    ** answers' option texts (export_options.c). */
    [ST_EXPORT_SESSIONS] = "SELECT " SESSION_COLS ", s.exam_ref" SESSION_FROM
                           " WHERE s.started_at >= ?1 ORDER BY s.started_at, s.id",
    /* Every field name in the table, repeated: export.c keeps the
    ** distinct ones in order itself (DISTINCT + ORDER BY here made SQLite
    ** sort all of them, a tenth of a 100k-session export), then keeps
    ** those ST_EXPORT_FIELD_USED finds in an exported session (a join of
    ** every row with its session was 7% of the export). */
    [ST_EXPORT_FIELDS] = "SELECT field FROM candidates",
    [ST_EXPORT_FIELD_USED] = "SELECT 1 FROM sessions s JOIN candidates c ON c.session_id = s.id "
                             "WHERE s.started_at >= ?1 AND c.field = ?2 LIMIT 1",
    [ST_EXPORT_CONSENT] = "SELECT version, given_at FROM consents WHERE session_id = ?1",
    [ST_PURGE_SESSIONS] = "SELECT id FROM sessions WHERE started_at < ?1 AND purged_at IS NULL "
                          "ORDER BY id",
    [ST_PURGE_EVENTS] = "UPDATE events SET data = " PURGED_DATA ", personal = 1 "
                        "WHERE session_id = ?1 AND data IS NOT NULL AND data <> " PURGED_DATA
                        " AND (personal = 1 OR " HOLDS_PERSONAL("events", "data") ")",
    [ST_PURGE_ANSWERS] = "UPDATE answers SET response = 'null' WHERE session_id = ?1 "
                         "AND response <> 'null' AND (free_text = 1 OR " HOLDS_PERSONAL("answers",
                                                                                        "response") ")",
    /* Emptied, not deleted: the field's name is no personal data, and
    ** keeping it keeps an export's columns the same after a purge. */
    [ST_PURGE_CANDIDATES] = "UPDATE candidates SET value = '' WHERE session_id = ?1 AND value <> ''",
    [ST_PURGE_CHECKPOINT] = "DELETE FROM checkpoints WHERE session_id = ?1",
    [ST_PURGE_MARK] = "UPDATE sessions SET purged_at = ?2 WHERE id = ?1",
    /* Rank in leaderboard order (score desc, earlier finish, lower id).
    ** The sessions in higher score buckets (floor of the score) are the
    ** sum of their board_counts (schema.c: a few hundred rows, not the
    ** hundreds of thousands of index entries above a middling score);
    ** the ones above it in its own bucket and its ties are counted over
    ** the covering index sessions_board (exam_ref, status, score DESC,
    ** finished_at), a short range. The session's own values are scalar
    ** subqueries, run once. No row when ?3 is not a completed, scored
    ** session of app/exam. */
    [ST_RANK] =
        "WITH v(id) AS (SELECT id FROM exams WHERE app = ?1 AND exam = ?2), "
        "me(sc, fa, b) AS (SELECT score, finished_at, CAST(score AS INTEGER) - "
        "(score < CAST(score AS INTEGER)) FROM sessions WHERE id = ?3 "
        "AND exam_ref IN v AND status = 'completed' AND score IS NOT NULL) "
        "SELECT 1 + (SELECT coalesce(sum(n), 0) FROM board_counts WHERE exam_ref IN v "
        "AND bucket > (SELECT b FROM me)) "
        "+ (SELECT count(*) FROM sessions x WHERE x.exam_ref IN v AND x.status = 'completed' "
        "AND x.score > (SELECT sc FROM me) AND x.score < (SELECT b FROM me) + 1) "
        "+ (SELECT count(*) FROM sessions x WHERE x.exam_ref IN v AND x.status = 'completed' "
        "AND x.score = (SELECT sc FROM me) AND x.finished_at < (SELECT fa FROM me)) "
        "+ (SELECT count(*) FROM sessions x WHERE x.exam_ref IN v AND x.status = 'completed' "
        "AND x.score = (SELECT sc FROM me) AND x.finished_at = (SELECT fa FROM me) AND x.id < ?3), "
        "(SELECT coalesce(sum(n), 0) FROM board_counts WHERE exam_ref IN v) FROM me",
    /* The same order among the sessions finished at or after ?4 (the
    ** day's board): board_counts count all time, so here the day's
    ** sessions are counted, found by their start as in
    ** ST_LEADERBOARD_SINCE (under 1 ms on a year of 100,000 sessions; over
    ** the exam's range of sessions_board it was 45 ms). */
    [ST_RANK_SINCE] =
        "WITH v(id) AS (SELECT id FROM exams WHERE app = ?1 AND exam = ?2), "
        "me(sc, fa) AS (SELECT score, finished_at FROM sessions WHERE id = ?3 "
        "AND exam_ref IN v AND status = 'completed' AND score IS NOT NULL AND finished_at >= ?4) "
        "SELECT 1 + (SELECT count(*) FROM sessions x INDEXED BY sessions_by_start "
        "WHERE x.started_at >= ?4 - 86400000 AND x.exam_ref IN v "
        "AND x.status = 'completed' AND x.score IS NOT NULL AND x.finished_at >= ?4 "
        "AND (x.score > (SELECT sc FROM me) OR (x.score = (SELECT sc FROM me) "
        "AND (x.finished_at < (SELECT fa FROM me) OR (x.finished_at = (SELECT fa FROM me) AND x.id < ?3))))), "
        "(SELECT count(*) FROM sessions x INDEXED BY sessions_by_start WHERE x.started_at >= ?4 - 86400000 "
        "AND x.exam_ref IN v AND x.status = 'completed' AND x.score IS NOT NULL AND x.finished_at >= ?4) FROM me",
    /* A new key goes after the session's others of its kind (ord). */
    [ST_SCORE_UPSERT] = "INSERT INTO session_scores(session_id, kind, key, ord, title, score, max_score) "
                        "VALUES(?1, ?2, ?3, (SELECT count(*) FROM session_scores WHERE session_id = ?1 "
                        "AND kind = ?2), ?4, ?5, ?6) ON CONFLICT(session_id, kind, key) DO UPDATE SET "
                        "title = excluded.title, score = excluded.score, max_score = excluded.max_score",
    /* A version's questions never change: the first record stands. */
    [ST_QUESTION_INSERT] = "INSERT INTO exam_questions(exam_ref, question, section, options) "
                           "SELECT exam_ref, ?2, ?3, ?4 FROM sessions WHERE id = ?1 "
                           "ON CONFLICT(exam_ref, question) DO NOTHING",
    /* Complete: the version's list ends with its mark, question "" (store.h). */
    [ST_QUESTIONS_KNOWN] = "SELECT EXISTS(SELECT 1 FROM sessions s JOIN exam_questions q "
                           "ON q.exam_ref = s.exam_ref AND q.question = '' WHERE s.id = ?1)",
    /* The score columns of an export: sections first, each kind in the
    ** order the sessions gave them. */
    [ST_EXPORT_SCORE_COLS] = "SELECT c.kind, c.key FROM session_scores c JOIN sessions s ON s.id = c.session_id "
                             "WHERE s.started_at >= ?1 GROUP BY c.kind, c.key "
                             "ORDER BY c.kind = 'competency', min(c.ord), c.key",
    /* As ST_SESSION_ANSWERS, for people (column 8 unused: export.c turns
    ** the response into text itself, without three JSON parses per
    ** answer); column 9 the text of the chosen option(s) when the exam
    ** version's questions were recorded (exam_questions: letter -> text,
    ** or letter -> {lang: text}, taken in the session's language, else the
    ** first one), joined by " | ". The definition of the option text:
    ** export_options.c works it out in C the same way and runs this for
    ** a session only when an answer is a case it does not reproduce. */
    [ST_EXPORT_ANSWERS] =
        "SELECT a.question, a.response, a.points, a.max_points, a.correct, a.time_ms, a.answered_at, "
        "a.free_text, NULL, CASE WHEN q.options IS NOT NULL AND json_valid(a.response) THEN (SELECT group_concat(CASE o.type "
        "WHEN 'object' THEN coalesce(json_extract(o.value, '$.\"' || "
        "(SELECT language FROM sessions WHERE id = ?1) || '\"'), (SELECT x.value FROM json_each(o.value) x "
        "LIMIT 1)) ELSE o.value END, ' | ') FROM json_each(CASE json_type(a.response) WHEN 'array' "
        "THEN a.response ELSE json_array(json(a.response)) END) r JOIN json_each(q.options) o "
        "ON o.key = r.value) END "
        "FROM answers a LEFT JOIN exam_questions q ON q.exam_ref = (SELECT exam_ref FROM sessions "
        "WHERE id = ?1) AND q.question = a.question "
        "WHERE a.session_id = ?1 ORDER BY a.answered_at, a.question",
    /* The export's streams (export.c): one forward walk of each table in
    ** its primary-key order from session ?1 on, no sort and no lookup per
    ** session, while the sessions come in id order; column 0 the session. */
    [ST_EXPORT_ANSWER_STREAM] = "SELECT session_id, question, response, points, max_points, correct, time_ms, "
                                "answered_at FROM answers WHERE session_id >= ?1 "
                                "ORDER BY session_id, question",
    [ST_EXPORT_CANDIDATE_STREAM] = "SELECT session_id, field, value FROM candidates WHERE session_id >= ?1 "
                                   "ORDER BY session_id, field",
    [ST_EXPORT_SCORE_STREAM] = "SELECT session_id, kind, key, title, score, max_score FROM session_scores "
                               "WHERE session_id >= ?1 ORDER BY session_id, kind, key",
    /* The exam versions whose answers may have an option text. */
    [ST_EXPORT_OPTION_EXAMS] = "SELECT DISTINCT exam_ref FROM exam_questions WHERE options IS NOT NULL "
                               "ORDER BY exam_ref",
    /* One question's recorded options (export_options.c), read once. */
    [ST_EXPORT_QUESTION_OPTIONS] = "SELECT options FROM exam_questions WHERE exam_ref = ?1 AND question = ?2",
    [ST_CANDIDATE_GET] = "SELECT value FROM candidates WHERE session_id = ?1 AND field = ?2",
};

const char *qk_store_stmt_sql(qk_stmt_id id) { return id < ST_COUNT ? sql[id] : NULL; }

sqlite3_stmt *qk_store_stmt(qk_store *s, qk_stmt_id id) {
  if (id >= ST_COUNT || !sql[id]) {
    qk_store_fail(s, QK_STORE_ERROR, "internal error: no SQL for statement %d", (int)id);
    return NULL;
  }
  if (!s->st[id]) {
    /* PERSISTENT: these live as long as the connection. */
    int rc = sqlite3_prepare_v3(s->db, sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->st[id], NULL);
    if (rc != SQLITE_OK) {
      qk_store_sqlfail(s, rc, "preparing a statement");
      sqlite3_finalize(s->st[id]);
      s->st[id] = NULL;
      return NULL;
    }
  } else {
    sqlite3_reset(s->st[id]);
    sqlite3_clear_bindings(s->st[id]);
  }
  return s->st[id];
}
