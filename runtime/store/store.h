/*
** store.h — the results store: one SQLite file per kiosk holding the exams
** taken, every session with its answers, event log and checkpoint, the
** candidates' personal data (kept apart from the results), and the kiosk's
** settings including the hashed admin PIN.
**
** Durability: the database runs in WAL mode with synchronous=FULL. Outside
** a batch every call that records something is its own transaction; inside
** a batch (qk_store_batch_begin .. qk_store_batch_end) all of them share one
** transaction, committed by batch_end with one fsync for everything one tap
** caused. So: when a write call returns QK_STORE_OK outside a batch, or
** batch_end returns QK_STORE_OK, the data is on disk, and pulling the power
** cord after that loses nothing. A write call that returned OK inside a
** batch is NOT on disk yet: a crash before batch_end loses the whole batch
** (never a part of it), and a batch_end error means nothing of the batch
** was saved. Each call stays atomic on its own even inside a batch: one
** that fails leaves nothing of itself and the batch's other writes stand.
**
** Before each write transaction the store checks that its path still names
** the file it opened; if the file was moved or deleted, writes fail with
** QK_STORE_MOVED (after the WAL was folded into the moved file, so it holds
** every committed result) until the file is back. After each finished
** session the WAL is checkpointed into the database file.
**
** Time: every call that needs "now" takes it as now_ms (milliseconds since
** the epoch) from the caller, because under replay the runtime runs on a
** virtual clock. The store never reads the clock itself.
**
** Errors: calls return QK_STORE_OK (0), QK_STORE_NOTFOUND (a normal "no such
** thing" outcome), or a negative QK_STORE_* code; qk_store_errmsg() then
** says what went wrong in words an operator can act on.
**
** One qk_store is one connection; it is not thread-safe, but any number of
** them can coexist (there is no global state). Callback iterators must not
** re-enter the same iterator from inside their callback, and should collect
** rows before writing (e.g. rescore: read all sessions, then update).
*/
#ifndef QK_STORE_H
#define QK_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef int64_t qk_ms; /* milliseconds since 1970-01-01T00:00:00Z */
typedef struct qk_store qk_store;

enum {
  QK_STORE_OK = 0,
  QK_STORE_NOTFOUND = 1,   /* not an error: nothing matched */
  QK_STORE_ERROR = -1,     /* anything else (message says what) */
  QK_STORE_CORRUPT = -2,   /* not a database, malformed, failed quick_check */
  QK_STORE_READONLY = -3,  /* file, folder or medium cannot be written */
  QK_STORE_IOERR = -4,     /* the disk reported an I/O error */
  QK_STORE_FULL = -5,      /* disk full */
  QK_STORE_TOO_NEW = -6,   /* schema written by a newer quizkiosk */
  QK_STORE_BUSY = -7,      /* another process holds the database too long */
  QK_STORE_INVALID = -8,   /* bad argument (message says which) */
  QK_STORE_CANTOPEN = -9,  /* path cannot be created or opened; also: a
                              -wal or -journal lies there without its database */
  QK_STORE_MOVED = -10     /* the database file was moved or deleted while open */
};

/* Session status as stored (and exported) by name. */
typedef enum {
  QK_SESSION_IN_PROGRESS,
  QK_SESSION_COMPLETED,
  QK_SESSION_ABANDONED,
  QK_SESSION_TIMED_OUT,
  QK_SESSION_INTERRUPTED
} qk_session_status;

const char *qk_store_status_name(qk_session_status st);
/* Returns 0 and sets *out, or -1 for an unknown name. */
int qk_store_status_parse(const char *name, qk_session_status *out);

/* ---- open / close -------------------------------------------------------- */

/* Opens (creating it and its parent folders if missing) the database at
** path and runs the schema migrations. Detects, before a candidate starts:
** corrupt files (QK_STORE_CORRUPT: a bad header or a damaged root page of
** any table or index, read on every open; anything PRAGMA quick_check
** finds when the file was not closed cleanly, i.e. a non-empty -wal or
** -journal lies beside it that no running program holds; quick_check reads
** every page, so it is not run on a clean open), read-only files,
** folders or media (QK_STORE_READONLY), databases from a newer version
** (QK_STORE_TOO_NEW, refused before anything is written: the file stays
** byte-identical and no -wal or -shm is made for a rollback-journal file),
** and a "<path>-wal" or "<path>-journal" that is not empty while <path>
** does not exist (QK_STORE_CANTOPEN; the orphan is left untouched, since
** it may hold the only copy of recent results). On failure *out is NULL
** and err holds the reason. */
int qk_store_open(const char *path, qk_store **out, char *err, size_t errlen);
/* NULL is fine. An unfinished batch is committed first (as batch_end). */
void qk_store_close(qk_store *s);
const char *qk_store_errmsg(const qk_store *s);
int qk_store_schema_version(qk_store *s); /* PRAGMA user_version */
int qk_store_latest_schema_version(void);

/* ---- batches (group commit) and storage health -------------------------- */

/* Between batch_begin and batch_end every write call (session_begin,
** answer, event, checkpoint, candidate_set, consent, rubric, finish,
** session_score, exam_question,
** rescore_*, setting_set, kiosk_id's first use, set_pin, verify_pin, purge,
** interrupt_stale) joins ONE transaction, opened with BEGIN IMMEDIATE at the
** first write (so a batch that writes nothing costs no I/O at all). Each
** call is a savepoint of it: released when the call succeeds, rolled back
** when it fails, so a failed call leaves no half of itself and the others
** stay. Reads inside a batch see its writes.
**
** batch_end commits: QK_STORE_OK means everything the batch's calls
** recorded is on disk; an error code (message in errmsg) means NOTHING of
** the batch is on disk. When SQLite itself drops the transaction midway
** (full disk, I/O error), every later write call of the batch fails with
** that error too (none of them commits on its own) and batch_end returns
** it. Batches nest: only the outermost batch_end commits, inner ones
** return OK. The runtime calls batch_begin before each call into a script
** and batch_end after it; a candidate is told "saved" only after an OK
** batch_end. batch_end without batch_begin is QK_STORE_INVALID. */
int qk_store_batch_begin(qk_store *s);
int qk_store_batch_end(qk_store *s);
/* Write calls of the current batch that succeeded but are not committed
** yet (0 outside a batch, or once the batch was lost). */
int qk_store_batch_pending(const qk_store *s);

/* The cheap check the runtime repeats (every few seconds) while it shows
** "results cannot be saved": QK_STORE_OK once the path names the open file
** again and a tiny write (the setting "store.probe") commits, else the
** error code (QK_STORE_MOVED, BUSY, FULL, IOERR, READONLY, ...) with its
** message. Call it outside a batch (inside one: QK_STORE_INVALID). */
int qk_store_probe(qk_store *s);

/* Online backup (SQLite's backup API) of the open database to out_path,
** consistent even while other processes keep writing, and including what
** is still only in the WAL (which a plain copy of the file misses).
** Written to "<out_path>.part", checked (quick_check), fsync'ed and renamed,
** so out_path is never half a backup. The copy is a rollback-journal file
** that needs no -wal beside it. Not inside a batch with pending writes, not
** onto the database itself (QK_STORE_INVALID). */
int qk_store_backup(qk_store *s, const char *out_path);

/* ---- settings (the kiosk's config lives in the DB) --------------------- */

/* Keys starting with "pin." (the admin PIN's) and "prize." (the prize key,
** prize_store.h) are refused here. */
int qk_store_setting_get(qk_store *s, const char *key, char *out, size_t len);
int qk_store_setting_set(qk_store *s, const char *key, const char *value);
/* The kiosk id (setting "kiosk_id"); a random "kiosk-xxxxxxxx" is made and
** stored the first time when none is set. */
int qk_store_kiosk_id(qk_store *s, char *out, size_t len);

/* ---- sessions ------------------------------------------------------------ */

/* SHA-256 of data as 64 lowercase hex digits + NUL: the content hash of a
** question set, so later edits cannot change what old results mean. */
void qk_store_content_hash(const void *data, size_t len, char out[65]);

typedef struct qk_store_session_info {
  const char *kiosk;        /* required */
  const char *app;          /* required */
  const char *exam;         /* exam id, required */
  const char *exam_title;   /* may be NULL */
  const char *content_hash; /* required (see qk_store_content_hash) */
  int64_t shuffle_seed;
  const char *language;     /* may be NULL */
  const char *mode;         /* may be NULL */
} qk_store_session_info;

int qk_store_session_begin(qk_store *s, const qk_store_session_info *info, qk_ms now_ms,
                           int64_t *session_id);
/* Ends an in-progress session. status must not be IN_PROGRESS. score and
** max_score may be NAN (not scored); passed is 1, 0 or -1 (not decided). */
int qk_store_session_finish(qk_store *s, int64_t session_id, qk_session_status status,
                            double score, double max_score, int passed, qk_ms now_ms);

typedef struct qk_store_answer_in {
  const char *question;      /* question id */
  const char *response_json; /* the response as JSON text (validated) */
  double points, max_points; /* NAN when not scored automatically */
  int correct;               /* 1, 0, or -1 when not decided */
  int64_t time_ms;           /* time taken on the question */
  int free_text;             /* 1 when typed by the candidate: purge removes it */
} qk_store_answer_in;

/* Records an answer the moment it is given: replaces the latest answer to
** that question and appends an "answer" event (so changes of mind stay in
** the log). The session must be in progress. */
int qk_store_answer(qk_store *s, int64_t session_id, const qk_store_answer_in *a, qk_ms now_ms);

/* Appends an event (screen shown, touch, ...) to the session's log. data_json
** may be NULL. personal=1 marks data that holds what the candidate typed
** or personal fields: purge scrubs it. */
int qk_store_event(qk_store *s, int64_t session_id, qk_ms now_ms, const char *kind,
                   const char *data_json, int personal);

/* Replaces the session's checkpoint: the flow's opaque JSON state and the
** time left (-1 for untimed). */
int qk_store_checkpoint(qk_store *s, int64_t session_id, const char *state_json,
                        int64_t remaining_ms, qk_ms now_ms);

/* Candidate's personal fields (name, nickname, phone, ...), one per call. */
int qk_store_candidate_set(qk_store *s, int64_t session_id, const char *field, const char *value);
/* The consent the candidate gave before any personal field was asked. */
int qk_store_consent(qk_store *s, int64_t session_id, const char *text, const char *version,
                     qk_ms given_at_ms);

/* An interviewer's rubric score for one question: per-key-point scores as a
** JSON text, the points given, and who reviewed. Replaces an earlier one. */
int qk_store_rubric(qk_store *s, int64_t session_id, const char *question, const char *scores_json,
                    double points, const char *reviewer, qk_ms now_ms);

/* ---- what a result is made of (for the exports) ------------------------ */

/* A section or competency score the session ended with (kind "section" or
** "competency"; key: the section id or competency name; title may be
** NULL; score/max_score NAN when not scored). Replaces an earlier one of
** the same kind and key; new keys keep the order they were given in,
** which is the order of the export's columns. Exported as columns
** "<kind>:<key>" and "<kind>:<key>:max" (CSV, xlsx) and as "sections" /
** "competencies" (JSON). */
int qk_store_session_score(qk_store *s, int64_t session_id, const char *kind, const char *key,
                           const char *title, double score, double max_score);
/* Records, for the exam version the session was taken on, a question's
** section (may be NULL) and its options' text: options_json is a JSON
** object from option letter to text, or to {"zh": ..., "en": ...} (the
** session's language is used, else the first). Once per version and
** question: a later call for the same pair changes nothing, since a
** version's content is fixed by its hash. The exports then show the
** chosen options' text beside the letters (answers "option_text"). */
int qk_store_exam_question(qk_store *s, int64_t session_id, const char *question, const char *section,
                           const char *options_json);
/* One question of qk_store_exam_questions: as qk_store_exam_question's
** arguments. */
typedef struct {
  const char *question, *section, *options_json;
} qk_exam_question;
/* Records n questions (as qk_store_exam_question each) in ONE transaction
** (a savepoint of the batch, inside one), and with complete set also marks
** the session's exam version's list complete in that same transaction, so
** "complete" can never be on disk without every question written before
** it. A big set is recorded in several calls, the last one with complete
** set; a crash between them leaves the version not complete, and the next
** session on it records the list again (questions already there are kept
** as they are). The mark is a row of exam_questions with the question id
** "" (no question has it: qk_store_exam_question refuses an empty id), so
** databases of every schema version take it, and the exports never see it
** (it has no options and no answer has its id). n may be 0. On an error
** nothing of the call is kept. */
int qk_store_exam_questions(qk_store *s, int64_t session_id, const qk_exam_question *q, size_t n, int complete);
/* *known = 1 when the questions of the session's exam version were
** recorded completely already (by any session on it: its list was marked
** complete), so a caller records them once per version, not for every
** candidate, and completes a list a crash cut short. */
int qk_store_exam_questions_known(qk_store *s, int64_t session_id, int *known);

/* ---- resume after crash / power loss ---------------------------------- */

typedef struct qk_store_answer_row {
  const char *question, *response; /* response is JSON text */
  const char *response_text;       /* a JSON string response unquoted, else = response */
  double points, max_points;       /* NAN when not set */
  int correct;                     /* 1, 0, -1 */
  int64_t time_ms;
  qk_ms answered_at;
  int free_text;
} qk_store_answer_row;

typedef struct qk_store_resume {
  int64_t session_id;
  char *checkpoint;       /* JSON text, NULL when none was written */
  int64_t remaining_ms;   /* -1 when none */
  qk_ms last_activity;
  int n_answers;
  qk_store_answer_row *answers; /* strings owned by the struct */
} qk_store_resume;

/* A session that never wrote a checkpoint cannot be resumed; after this
** long without activity it counts as stale. */
#define QK_STORE_NO_CHECKPOINT_MS 60000

/* An in-progress session is stale at now_ms when |now_ms - last activity|
** > window_ms (a session stamped in the future, after the clock was set
** back, is no fresher than an old one), or when it has no checkpoint and
** its last activity is more than QK_STORE_NO_CHECKPOINT_MS before now_ms.
**
** The latest in-progress session of kiosk (+ app, NULL for any) that is not
** stale. QK_STORE_OK fills *out (free with qk_store_resume_free),
** QK_STORE_NOTFOUND when there is none. */
int qk_store_find_resumable(qk_store *s, const char *kiosk, const char *app, qk_ms now_ms,
                            qk_ms window_ms, qk_store_resume *out);
void qk_store_resume_free(qk_store_resume *r);
/* Marks the stale (see above) in-progress sessions of kiosk (+ app, NULL
** for any) interrupted (never deletes them); their finished_at becomes
** their last activity. *n_marked may be NULL. Cheap (an index over the
** kiosk's in-progress sessions), so it can run between candidates; the
** caller must not run it while a candidate of this kiosk is at a screen
** that writes nothing before the first checkpoint, since such a live
** session looks exactly like one a crash left behind. */
int qk_store_interrupt_stale(qk_store *s, const char *kiosk, const char *app, qk_ms now_ms,
                             qk_ms window_ms, int *n_marked);

/* Who an unfinished session belongs to, for the resume offer: the
** candidate's "name" field masked to its first character followed by one
** '*' per remaining character ("张伟" -> "张*", "王小明" -> "王**", "John"
** -> "J***"; whole UTF-8 characters), "" when no name was given;
** *has_phone = 1 when the "phone" field holds at least four digits (what
** qk_store_resume_check_phone checks), else 0. QK_STORE_NOTFOUND when there
** is no such session, QK_STORE_INVALID when len cannot hold the mask. */
int qk_store_resume_identity(qk_store *s, int64_t session_id, char *masked, size_t len,
                             int *has_phone);
/* *match = 1 when digits is exactly four digits equal to the last four
** digits of the candidate's "phone" field (non-digits in the stored phone
** ignored), else 0; never reveals the phone. QK_STORE_NOTFOUND when there
** is no such session. */
int qk_store_resume_check_phone(qk_store *s, int64_t session_id, const char *digits, int *match);

/* ---- admin screen ------------------------------------------------------ */

#define QK_STORE_NAME_MAX 96 /* bytes, UTF-8 cut on a character boundary */

typedef struct qk_store_leader {
  int64_t session_id;
  char name[QK_STORE_NAME_MAX]; /* nickname, else name, else "" */
  double score, max_score;
  qk_ms finished_at;
} qk_store_leader;

/* Top n (<= 0 means 10) completed sessions of app/exam by score, ties to the
** earlier finish. content_hash NULL: all versions of the exam. */
int qk_store_leaderboard(qk_store *s, const char *app, const char *exam, const char *content_hash,
                         int n, qk_store_leader *out, int *count);
/* 1-based rank of session among the completed (and scored) sessions of
** app/exam, all versions, in leaderboard order (score desc, earlier finish
** first, then lower id), and *total of them; NOTFOUND if it is not a
** completed, scored session of that exam. Counted over an index. */
int qk_store_leader_rank(qk_store *s, const char *app, const char *exam, int64_t session_id, int *rank,
                         int *total);
/* The day's board (the trade fair's podium): as qk_store_leaderboard and
** qk_store_leader_rank (all versions), among the sessions finished at or
** after since_ms only (and started at most a day before since_ms: a game
** lasts minutes; found by their start, so a day's board costs the day's
** sessions, not the year's). The rank is NOTFOUND for a session finished
** before. */
int qk_store_leaderboard_since(qk_store *s, const char *app, const char *exam, qk_ms since_ms, int n,
                               qk_store_leader *out, int *count);
int qk_store_leader_rank_since(qk_store *s, const char *app, const char *exam, int64_t session_id,
                               qk_ms since_ms, int *rank, int *total);

typedef struct qk_store_stats {
  int64_t started, completed, abandoned, timed_out, interrupted, in_progress;
  double completion_rate; /* completed / sessions that ended; NAN if none */
  double pass_rate;       /* passed / completed with a verdict; NAN if none */
  double avg_score_pct;   /* mean of 100*score/max_score over completed; NAN if none */
} qk_store_stats;

/* Sessions started at or after since_ms (e.g. the local day start the
** caller computed; qk_store_local_day_start helps). */
int qk_store_stats_since(qk_store *s, qk_ms since_ms, qk_store_stats *out);
/* The same per exam (app, exam id, latest title), ordered by app, exam. */
typedef int (*qk_store_exam_stats_cb)(void *ud, const char *app, const char *exam,
                                      const char *title, const qk_store_stats *st);
int qk_store_stats_by_exam(qk_store *s, qk_ms since_ms, qk_store_exam_stats_cb cb, void *ud);

typedef struct qk_store_result {
  int64_t session_id;
  qk_ms time; /* finish (or last activity for interrupted sessions) */
  char exam[64], exam_title[QK_STORE_NAME_MAX];
  char name[QK_STORE_NAME_MAX]; /* name, else nickname, else "" */
  char status[16];
  double score, max_score; /* NAN when not scored */
  int passed;              /* 1, 0, -1 */
} qk_store_result;

/* The last n ended sessions, newest first. */
int qk_store_recent(qk_store *s, int n, qk_store_result *out, int *count);

/* ---- admin PIN --------------------------------------------------------- */

enum { QK_PIN_OK = 0, QK_PIN_WRONG = 1, QK_PIN_LOCKED = 2, QK_PIN_NOT_SET = 3 };
#define QK_PIN_LOCK_AFTER 3          /* failures before the first lock */
#define QK_PIN_LOCK_FIRST_MS 30000   /* first lock; doubles per failure after */
#define QK_PIN_LOCK_MAX_MS 900000    /* cap: 15 minutes */

/* PIN: 4 to 12 digits. Stored as an argon2id hash; resets the lockout. */
int qk_store_set_pin(qk_store *s, const char *pin);
/* Returns QK_PIN_* or a negative QK_STORE_* error. *remaining_ms (may be
** NULL) is the lock in force afterwards: for QK_PIN_LOCKED the time left
** (the PIN is not even checked then), for QK_PIN_WRONG the lock this
** failure started (0 if none yet), else 0. The failure count and the lock
** persist in the DB, so a restart resets nothing. */
int qk_store_verify_pin(qk_store *s, const char *pin, qk_ms now_ms, int64_t *remaining_ms);
int qk_store_pin_is_set(qk_store *s);

/* ---- export ------------------------------------------------------------ */

/* Sessions started at or after since_ms (0: all). CSV: UTF-8 with BOM, CRLF,
** RFC 4180 quoting; sessions (id, kiosk, app, exam, exam_title, exam_hash,
** status, score, max_score, passed, started_at, finished_at, language,
** mode, then the candidate fields sorted by name, then per section and
** competency score "<kind>:<key>" and "<kind>:<key>:max") to one stream,
** answers (session_id, question, response, option_text, points,
** max_points, correct, time_ms, answered_at) to the other; answers may be
** NULL (sessions only, e.g. to standard output). An unanswered or purged
** response is an empty cell; purged candidate fields are empty cells under
** the same columns. Text a candidate typed that starts like a formula (=
** + - @ tab CR) gets a leading ' so Excel shows it instead of running it,
** unless it is a plain finite decimal number such as -5 or -1e5
** ("-nan(0x8000)", "-inf" are guarded). */
int qk_store_export_csv(qk_store *s, FILE *sessions, FILE *answers, qk_ms since_ms);
/* How many threads this handle's CSV exports use: 1, 2 (a writer thread
** formats and writes while this one reads), or 0, the default, deciding by
** whether a core is free (the load average). Opening takes the value of
** QUIZKIOSK_EXPORT_THREADS (env.h, a test hook). The bytes are the same. */
void qk_store_set_export_threads(qk_store *s, int threads);
/* A JSON array of sessions with their candidate fields, consent,
** "sections" and "competencies" ([{key, title, score, max_score}]) and
** answers (with "option_text", null when unknown). */
int qk_store_export_json(qk_store *s, FILE *out, qk_ms since_ms);
/* An Excel workbook (libxlsxwriter) at path: a "sessions" sheet (the CSV's
** columns, scores as numbers, times as real dates) and an "answers" sheet
** with the option text beside each letter; headers frozen, columns sized
** to their content. Written to "<path>.part", fsync'ed and renamed. */
int qk_store_export_xlsx(qk_store *s, const char *path, qk_ms since_ms);
/* To files, each written to "<path>.part", fsync'ed and renamed so a USB
** stick never holds half a file. format "csv", "json" or "xlsx". CSV also
** writes "<base>_answers.csv" (base = path without ".csv"); its path goes
** to answers_path if not NULL. */
int qk_store_export_file(qk_store *s, const char *path, const char *format, qk_ms since_ms,
                         char *answers_path, size_t answers_len);

/* ---- purge ------------------------------------------------------------- */

/* Removes personal data of sessions started before before_ms and not yet
** purged; results stay. Exactly:
**   - deletes the values of the candidate's fields (name, phone, ...) — the
**     personal data; the fields' names stay, with "" as the value, so an
**     export's columns are the same after a purge;
**   - replaces with JSON null the responses of free-text answers and of any
**     answer containing a candidate field value (typed text can identify a
**     person); points, correctness and choice answers stay;
**   - replaces with {"purged":true} the data of events marked personal and
**     of events whose text contains a candidate field value (kind and time
**     stay, so the session's timeline remains);
**   - deletes the checkpoint (opaque flow state that may copy anything);
**   - stamps the session purged_at.
** Kept: scores, choice answers, events, rubric scores, and the consent
** record (text version and time: proof of what was agreed, no identity).
** Deleted bytes are zeroed (secure_delete) and the WAL is checkpointed and
** truncated afterwards so the text does not linger in free pages. */
typedef struct qk_store_purge_report {
  int sessions;          /* sessions purged */
  int candidate_fields;  /* candidate values deleted (emptied) */
  int answers_scrubbed;
  int events_scrubbed;
  int wal_truncated;     /* 0 if another connection kept old pages alive */
} qk_store_purge_report;
int qk_store_purge(qk_store *s, qk_ms before_ms, qk_ms now_ms, qk_store_purge_report *rep);

/* ---- rescore / replay-session support -------------------------------- */

typedef struct qk_store_session_row {
  int64_t id;
  const char *kiosk, *app, *exam, *exam_title, *content_hash, *status, *language, *mode;
  int64_t shuffle_seed;
  qk_ms started_at, finished_at, last_activity; /* finished_at 0 when not ended */
  double score, max_score;                     /* NAN when not scored */
  int passed;                                  /* 1, 0, -1 */
} qk_store_session_row;

typedef struct qk_store_event_row {
  int64_t id;
  qk_ms t_ms;
  const char *kind, *data; /* data JSON text or NULL */
} qk_store_event_row;

/* Callbacks return 0 to go on, non-zero to stop (the call then returns
** that value). Pointers in rows are valid during the callback only. */
typedef int (*qk_store_session_cb)(void *ud, const qk_store_session_row *row);
typedef int (*qk_store_answer_cb)(void *ud, const qk_store_answer_row *row);
typedef int (*qk_store_event_cb)(void *ud, const qk_store_event_row *row);

/* Sessions of app/exam (exam NULL: all exams of app), oldest first. */
int qk_store_exam_sessions(qk_store *s, const char *app, const char *exam, qk_store_session_cb cb,
                           void *ud);
int qk_store_session_get(qk_store *s, int64_t session_id, qk_store_session_cb cb, void *ud);
int qk_store_session_answers(qk_store *s, int64_t session_id, qk_store_answer_cb cb, void *ud);
/* The session's events in the order they were logged. */
int qk_store_session_events(qk_store *s, int64_t session_id, qk_store_event_cb cb, void *ud);
/* Re-scoring: change an answer's points / the session's score, keeping a
** record (old, new, reason, time) in score_changes and an event "rescore". */
int qk_store_rescore_answer(qk_store *s, int64_t session_id, const char *question, double points,
                            int correct, const char *reason, qk_ms now_ms);
int qk_store_rescore_session(qk_store *s, int64_t session_id, double score, double max_score,
                             int passed, const char *reason, qk_ms now_ms);
/* Number of score_changes rows of the session (for audits and tests). */
int qk_store_score_changes(qk_store *s, int64_t session_id, int *count);

/* ---- text ---------------------------------------------------------------- */

/* Every text the store keeps is valid UTF-8 and every JSON text strict
** JSON, by the rules of the one decoder and codec (runtime/base/utf8.h,
** json.h), which the writers of that JSON (the Lua codec) use too. */

/* ---- dates --------------------------------------------------------------- */

/* "YYYY-MM-DD" as local midnight. Returns 0, or -1 if not a real date. */
int qk_store_parse_date(const char *text, qk_ms *out);
/* Local midnight starting the day that holds t. */
qk_ms qk_store_local_day_start(qk_ms t);
/* ISO-8601 local time with offset, e.g. 2024-05-01T14:03:22+08:00. */
void qk_store_format_time(qk_ms t, char *out, size_t len);

/* ---- command line -------------------------------------------------------- */

/* export, stats, purge, set-pin, backup. */
int qk_store_cli_handles(const char *subcommand);
/* argv[0] is the subcommand. Prints errors to stderr; returns the exit code
** (0 ok, 1 failure, 2 usage). */
int qk_store_cli(int argc, char **argv);

#endif
