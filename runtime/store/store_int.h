/*
** store_int.h — what the store's files share and nobody else sees: the
** qk_store struct, the cache of prepared statements, error helpers and the
** small JSON reader/writer.
*/
#ifndef QK_STORE_INT_H
#define QK_STORE_INT_H

#include "store.h"
#include "json.h"
#include "utf8.h"

#include <sqlite3.h>
#include <sys/types.h>

/* Every statement the store runs, prepared on first use and kept. The SQL
** text of each is in stmt.c next to its id, so a reader sees both. */
typedef enum {
  ST_SETTING_GET,
  ST_SETTING_SET,
  ST_EXAM_UPSERT,
  ST_SESSION_INSERT,
  ST_SESSION_TOUCH,
  ST_SESSION_STATUS,
  ST_SESSION_FINISH,
  ST_ANSWER_UPSERT,
  ST_EVENT_INSERT,
  ST_EVENT_ANSWER,
  ST_CHECKPOINT_UPSERT,
  ST_CANDIDATE_UPSERT,
  ST_CONSENT_UPSERT,
  ST_RUBRIC_UPSERT,
  ST_RESUME_FIND,
  ST_SESSION_ANSWERS,
  ST_STALE_EVENTS,
  ST_STALE_MARK,
  ST_LEADERBOARD,
  ST_LEADERBOARD_SINCE,
  ST_STATS,
  ST_STATS_BY_EXAM,
  ST_RECENT,
  ST_EXAM_SESSIONS,
  ST_SESSION_GET,
  ST_SESSION_EVENTS,
  ST_ANSWER_SET_POINTS,
  ST_SESSION_SET_SCORE,
  ST_SCORE_CHANGE_ANSWER,
  ST_SCORE_CHANGE_SESSION,
  ST_RESCORE_EVENT,
  ST_SCORE_CHANGES_COUNT,
  ST_EXPORT_SESSIONS,
  ST_EXPORT_FIELDS,
  ST_EXPORT_FIELD_USED,
  ST_EXPORT_CONSENT,
  ST_PURGE_SESSIONS,
  ST_PURGE_EVENTS,
  ST_PURGE_ANSWERS,
  ST_PURGE_CANDIDATES,
  ST_PURGE_CHECKPOINT,
  ST_PURGE_MARK,
  ST_RANK,
  ST_RANK_SINCE,
  ST_CANDIDATE_GET,
  ST_EXAM_VERSIONS,
  ST_PUBLIC_NAME,
  ST_SCORE_UPSERT,
  ST_QUESTION_INSERT,
  ST_QUESTIONS_KNOWN,
  ST_EXPORT_SCORE_COLS,
  ST_EXPORT_ANSWERS,
  ST_EXPORT_ANSWER_STREAM,
  ST_EXPORT_CANDIDATE_STREAM,
  ST_EXPORT_SCORE_STREAM,
  ST_EXPORT_OPTION_EXAMS,
  ST_EXPORT_QUESTION_OPTIONS,
  ST_COUNT
} qk_stmt_id;

struct qk_store {
  sqlite3 *db;
  char *path;
  sqlite3_stmt *st[ST_COUNT];
  char err[512];
  /* The file opened, to notice when the path stops naming it (moved or
  ** deleted); have_file is 0 for ":memory:" and during open. */
  dev_t dev;
  ino_t ino;
  int have_file;
  int moved_saved; /* the WAL was checkpointed into the moved file */
  /* Group commit (qk_store_batch_begin/end). */
  int batch_depth;       /* nesting of batch_begin; 0 = no batch */
  int batch_open;        /* the batch's BEGIN IMMEDIATE was run */
  int batch_writes;      /* calls whose savepoint was released */
  int batch_lost;        /* error code: SQLite rolled the batch back */
  int batch_finished;    /* a session finished: checkpoint after commit */
  char batch_err[512];   /* why the batch was lost */
  int export_threads;    /* 1 or 2: the CSV export's threads; 0 = by the load (export_pipe.c) */
};

/* The cached statement, reset and unbound; NULL on failure (error set). */
sqlite3_stmt *qk_store_stmt(qk_store *s, qk_stmt_id id);
const char *qk_store_stmt_sql(qk_stmt_id id);

/* Sets s->err from printf-style text and returns code. */
int qk_store_fail(qk_store *s, int code, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Sets s->err to "<what>: <sqlite message>" and returns the QK_STORE_*
** code matching the SQLite result code rc. */
int qk_store_sqlfail(qk_store *s, int rc, const char *what);
int qk_store_map_rc(int rc);

/* Transactions. Outside a batch, begin takes the write lock at once (BEGIN
** IMMEDIATE) so a busy database fails at the start, not halfway, and end
** commits when rc is QK_STORE_OK or NOTFOUND and rolls back otherwise.
** Inside a batch, begin opens the batch's transaction at its first write
** and then a savepoint per call; end releases the savepoint or rolls back
** to it, so a failed call leaves no half of itself. Both check first that
** the path still names the open file (QK_STORE_MOVED). end returns the
** final code. */
int qk_store_begin(qk_store *s);
int qk_store_end(qk_store *s, int rc);
/* After a session finished: fold the WAL into the database file, now
** (outside a batch) or when the batch commits. */
void qk_store_finished_session(qk_store *s);
/* Runs SQL text without results (pragmas, migrations). */
int qk_store_exec(qk_store *s, const char *sql, const char *what);
/* Steps a write statement to SQLITE_DONE; resets it either way. */
int qk_store_step_done(qk_store *s, sqlite3_stmt *st, const char *what);

/* Binding helpers: NULL strings, NAN doubles and -1 tri-states bind NULL. */
int qk_store_bind_text(sqlite3_stmt *st, int i, const char *v);
int qk_store_bind_real(sqlite3_stmt *st, int i, double v);
int qk_store_bind_tri(sqlite3_stmt *st, int i, int v);
/* Column helpers: NULL gives NAN / -1 / 0 / "". */
double qk_store_col_real(sqlite3_stmt *st, int i);
int qk_store_col_tri(sqlite3_stmt *st, int i);
const char *qk_store_col_text(sqlite3_stmt *st, int i);

/* fsync of the folder holding path, so a rename into it is durable
** (export.c; some file systems refuse, which is ignored). */
void qk_store_sync_dir(const char *path);

/* Copies src into dst (len bytes), cut on a UTF-8 character boundary. */
void qk_store_copy_utf8(char *dst, size_t len, const char *src);

/* Settings without the "pin." guard, for the store's own keys. */
int qk_store_setting_raw_get(qk_store *s, const char *key, char *out, size_t len);
int qk_store_setting_raw_set(qk_store *s, const char *key, const char *value);

/* query.c: reads a row of the SESSION_COLS columns (stmt.c). */
void qk_store_session_row_read(sqlite3_stmt *st, qk_store_session_row *r);

/* Opens an existing database only to read it (the backup command): as
** qk_store_open, but nothing is created, switched to WAL, migrated or
** write-locked, so a kiosk writing all the while cannot starve it. */
int qk_store_open_reading(const char *path, qk_store **out, char *err, size_t errlen);

/* export.c: the one walk over what an export holds, in one read snapshot,
** that the CSV, JSON and xlsx writers share. Sinks return 0 to go on or a
** QK_STORE_* code to stop (the walk then returns it). Pointers are valid
** during the call only. */
typedef struct qk_export_head {
  const char *const *session_cols; /* the fixed columns: id, kiosk, ... mode */
  int n_session_cols;
  char **fields; /* candidate field names over the exported sessions, sorted */
  int n_fields;
  char **score_kind, **score_key; /* score columns: sections, then competencies */
  int n_scores;
} qk_export_head;

typedef struct qk_export_session {
  const qk_store_session_row *r;
  int finished;                   /* finished_at is set */
  const char *const *field_vals;  /* per field: NULL not asked, "" purged/empty */
  const double *score, *score_max; /* per score column: NAN when none */
  const char *const *score_title; /* per score column: NULL when none */
} qk_export_session;

typedef struct qk_export_answer {
  int64_t session_id;
  const char *question, *response; /* response: the stored JSON text */
  const char *text;                /* for people: "" when unanswered or purged */
  const char *option_text;         /* the chosen options' text, "" if unknown */
  double points, max_points;
  int correct;
  int64_t time_ms;
  qk_ms answered_at;
} qk_export_answer;

typedef struct qk_export_sink {
  void *ud;
  int (*head)(void *ud, const qk_export_head *h);
  int (*session)(void *ud, const qk_export_session *x); /* before its answers */
  int (*answer)(void *ud, const qk_export_answer *a);   /* NULL: answers not read */
  /* NULL, or called once as the walk ends (rc its result so far: 0, or
  ** the error that stopped it), still inside the snapshot and while the
  ** head's lists live; the walk returns what it returns. */
  int (*end)(void *ud, int rc);
  /* 1: answers come with text NULL, for the sink to work out with
  ** qk_export_response_text (export_pipe.c does, on its writer thread). */
  int raw_response;
} qk_export_sink;

/* The response as a person reads it (export.c): a JSON string's text,
** "" for null, else the JSON as stored; *buf (grown, *cap bytes) may hold
** it. */
const char *qk_export_response_text(const char *json, char **buf, size_t *cap);

int qk_store_export_walk(qk_store *s, qk_ms since_ms, const qk_export_sink *k);

/* export_pipe.c: the same walk, with k's session and answer calls made on
** a second thread (the writer) while this one reads the next rows, when
** a core is free for it (load average; qk_store_set_export_threads
** decides instead), else the plain walk; head and end stay on this thread. k's session and answer must not touch the
** store or SQLite (they get copies of the rows): a failure there returns
** a code, which stops the walk and is returned, and the sink keeps its
** own account of it (the caller reports it once this returns). */
int qk_store_export_walk_piped(qk_store *s, qk_ms since_ms, const qk_export_sink *k);

/* export_options.c: the chosen options' text of an answer, as
** ST_EXPORT_ANSWERS's column 9 gives it, from the question's recorded
** options read once per export (the cache). language is the session's,
** NULL when it has none. On QK_STORE_OK either *fall_back is 1 (a case it
** does not reproduce exactly: run ST_EXPORT_ANSWERS for the session) or
** *text (*len bytes, "" when none; valid until the next call) is the text.
** Otherwise an error, set in s. */
typedef struct qk_option_cache qk_option_cache;
qk_option_cache *qk_option_cache_new(void); /* NULL: out of memory */
void qk_option_cache_free(qk_option_cache *c);
int qk_export_option_text(qk_store *s, qk_option_cache *c, int64_t exam_ref, const char *question,
                          const char *response, const char *language, const char **text, size_t *len,
                          int *fall_back);
/* "<path>.part" opened for writing with a big buffer; *rc set on failure. */
FILE *qk_store_open_part(qk_store *s, const char *path, char *part, size_t len, int *rc);
/* Flush, fsync and close; returns rc, or the write error. */
int qk_store_close_part(qk_store *s, FILE *f, const char *part, int rc);
/* An I/O error writing what (QK_STORE_FULL for ENOSPC). */
int qk_store_write_error(qk_store *s, const char *what);

/* schema.c: brings the schema to the latest version. schema_check only
** reads: QK_STORE_TOO_NEW for a newer quizkiosk's database. */
int qk_store_migrate(qk_store *s);
int qk_store_schema_check(qk_store *s);
/* migrate_fleet.c: the 3 -> 4 step (UUIDs, sequence numbers, outbox). */
extern const char qk_store_migration_fleet[];

/* json.c: the export's JSON writers onto a FILE, over the one codec
** (runtime/base/json.h: qk_json_valid checks what callers hand in,
** qk_json_number_text formats numbers; utf8.h: qk_utf8_len). */
/* Writes a JSON string literal (invalid UTF-8 becomes U+FFFD). */
void qk_sjson_string(FILE *f, const char *text);
/* Writes a number, or null for NAN/inf. */
void qk_sjson_number(FILE *f, double v);

#endif
