/*
** store.c — opening and closing the store, and what every other file of
** the store leans on: error reporting, transactions, binding helpers,
** settings and the kiosk id.
**
** Opening is where bad news must surface: before a candidate starts, not
** after they answered ten questions. So open creates the folder, refuses a
** read-only file, folder or medium, detects a corrupt file (header, every
** b-tree's root page, and PRAGMA quick_check after an unclean shutdown), sets the durability pragmas, migrates the schema and
** finally takes and drops the write lock as a probe.
*/
#include "store_int.h"
#include "env.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* At most 2 s: a lock another program holds longer must surface as
** QK_STORE_BUSY ("results cannot be saved") well before the runtime's
** watchdog (about 10 s) takes a main loop blocked here for a hang. */
#define BUSY_TIMEOUT_MS 2000

/* ---- errors ---------------------------------------------------------------- */

int qk_store_fail(qk_store *s, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(s->err, sizeof s->err, fmt, ap);
  va_end(ap);
  return code;
}

int qk_store_map_rc(int rc) {
  switch (rc & 0xff) {
  case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return QK_STORE_OK;
  case SQLITE_CORRUPT: case SQLITE_NOTADB: return QK_STORE_CORRUPT;
  case SQLITE_READONLY: case SQLITE_PERM: return QK_STORE_READONLY;
  case SQLITE_IOERR: return QK_STORE_IOERR;
  case SQLITE_FULL: return QK_STORE_FULL;
  case SQLITE_BUSY: case SQLITE_LOCKED: return QK_STORE_BUSY;
  case SQLITE_CANTOPEN: return QK_STORE_CANTOPEN;
  case SQLITE_CONSTRAINT: case SQLITE_MISMATCH: case SQLITE_RANGE: case SQLITE_TOOBIG:
    return QK_STORE_INVALID;
  default: return QK_STORE_ERROR;
  }
}

int qk_store_sqlfail(qk_store *s, int rc, const char *what) {
  const char *msg = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
  const char *hint = "";
  switch (rc & 0xff) {
  case SQLITE_FULL: hint = " (the disk is full: results cannot be saved)"; break;
  case SQLITE_IOERR: hint = " (the disk reported an I/O error)"; break;
  case SQLITE_CORRUPT: case SQLITE_NOTADB: hint = " (the database file is damaged)"; break;
  case SQLITE_READONLY: hint = " (the database cannot be written)"; break;
  case SQLITE_BUSY: hint = " (another program holds the database)"; break;
  default: break;
  }
  return qk_store_fail(s, qk_store_map_rc(rc), "%s: %s%s", what, msg, hint);
}

const char *qk_store_errmsg(const qk_store *s) {
  if (!s) return "no store (it failed to open)";
  return s->err[0] ? s->err : "no error";
}

/* ---- statements and transactions --------------------------------------- */

int qk_store_exec(qk_store *s, const char *sql, const char *what) {
  char *msg = NULL;
  int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
  sqlite3_free(msg); /* sqlite3_errmsg still holds it */
  return rc == SQLITE_OK ? QK_STORE_OK : qk_store_sqlfail(s, rc, what);
}

/* ---- the file behind the path ------------------------------------------- */

/* Folds the WAL into the database file. Errors are left alone: what was
** committed is safe in the WAL either way, and the next checkpoint (or
** the next open) copies it over. */
static void checkpoint(qk_store *s, int mode) {
  int log = -1, done = -1;
  sqlite3_wal_checkpoint_v2(s->db, "main", mode, &log, &done);
}

void qk_store_finished_session(qk_store *s) {
  if (s->batch_depth) {
    s->batch_finished = 1; /* not committed yet: after batch_end's COMMIT */
    return;
  }
  /* PASSIVE, not TRUNCATE: it never waits on the busy handler, so a reader
  ** (a backup, the stats command) cannot stall the kiosk between two
  ** candidates; it copies every frame no reader still needs, which with
  ** no reader is all of them, so the finished session is in results.db
  ** itself and a plain copy of the file holds it. The WAL is then reused
  ** from its start, so it does not grow either. */
  checkpoint(s, SQLITE_CHECKPOINT_PASSIVE);
}

/* Does the path still name the file that was opened? An operator who
** moves or deletes results.db while the kiosk runs would otherwise have
** every later result written into a file nobody will find (or into an
** unlinked inode that vanishes at exit). */
static int check_path(qk_store *s) {
  if (!s->have_file) return QK_STORE_OK;
  struct stat st;
  if (stat(s->path, &st) == 0 && st.st_dev == s->dev && st.st_ino == s->ino) {
    s->moved_saved = 0;
    return QK_STORE_OK;
  }
  if (!s->moved_saved && sqlite3_get_autocommit(s->db)) {
    /* Through the still-open connection, every committed result goes into
    ** the moved file: its -wal stayed behind at the old path, and without
    ** this `mv results.db elsewhere` would lose what the WAL held. TRUNCATE
    ** waits (busy timeout) for readers so nothing is left out. */
    int log = -1, done = -1;
    int rc = sqlite3_wal_checkpoint_v2(s->db, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    s->moved_saved = rc == SQLITE_OK;
  }
  return qk_store_fail(s, QK_STORE_MOVED,
                       "the results database %s was moved or deleted while the kiosk was "
                       "running; put it back or restart the kiosk",
                       s->path);
}

/* ---- transactions and batches ------------------------------------------ */

/* SQLite rolled the batch's transaction back by itself (full disk, I/O
** error, ...): everything the batch wrote is gone. Remember why, so the
** rest of the batch fails instead of autocommitting on its own, and
** batch_end reports it. */
static int batch_lost(qk_store *s, int rc) {
  if (rc == QK_STORE_OK || rc == QK_STORE_NOTFOUND)
    rc = qk_store_fail(s, QK_STORE_ERROR, "the database dropped the unsaved writes after an error (%s)",
                       s->err[0] ? s->err : "no message");
  if (!s->batch_lost) {
    s->batch_lost = rc;
    memcpy(s->batch_err, s->err, sizeof s->batch_err);
  }
  s->batch_open = 0;
  return rc;
}

/* Rolls back to and ends the call's savepoint, keeping the first error. */
static void undo_call(qk_store *s) {
  char keep[sizeof s->err];
  memcpy(keep, s->err, sizeof keep);
  sqlite3_exec(s->db, "ROLLBACK TO qk_call; RELEASE qk_call", NULL, NULL, NULL);
  memcpy(s->err, keep, sizeof keep);
}

int qk_store_begin(qk_store *s) {
  int rc;
  if (!s->batch_depth) {
    if ((rc = check_path(s))) return rc;
    return qk_store_exec(s, "BEGIN IMMEDIATE", "starting a write");
  }
  if (s->batch_lost)
    return qk_store_fail(s, s->batch_lost,
                         "not saved: an earlier write of this batch failed and nothing of the "
                         "batch was kept (%s)",
                         s->batch_err);
  if (s->batch_open && sqlite3_get_autocommit(s->db)) return batch_lost(s, QK_STORE_OK);
  if (!s->batch_open) {
    if ((rc = check_path(s)) || (rc = qk_store_exec(s, "BEGIN IMMEDIATE", "starting a write")))
      return rc;
    s->batch_open = 1;
  }
  rc = qk_store_exec(s, "SAVEPOINT qk_call", "starting a write");
  if (rc && sqlite3_get_autocommit(s->db)) return batch_lost(s, rc);
  return rc;
}

static int batch_call_end(qk_store *s, int rc) {
  if (sqlite3_get_autocommit(s->db)) return batch_lost(s, rc);
  if (rc == QK_STORE_OK || rc == QK_STORE_NOTFOUND) {
    int rrc = qk_store_exec(s, "RELEASE qk_call", "saving");
    if (rrc == QK_STORE_OK) {
      s->batch_writes++;
      return rc;
    }
    rc = rrc;
    if (sqlite3_get_autocommit(s->db)) return batch_lost(s, rc);
  }
  undo_call(s);
  if (sqlite3_get_autocommit(s->db)) return batch_lost(s, rc);
  return rc;
}

int qk_store_end(qk_store *s, int rc) {
  if (s->batch_depth) return batch_call_end(s, rc);
  if (rc == QK_STORE_OK || rc == QK_STORE_NOTFOUND) {
    int crc = qk_store_exec(s, "COMMIT", "saving to disk");
    if (crc == QK_STORE_OK) return rc;
    rc = crc;
  }
  /* Some errors (full disk, I/O) roll back by themselves. */
  if (!sqlite3_get_autocommit(s->db)) {
    char keep[sizeof s->err];
    memcpy(keep, s->err, sizeof keep); /* the first error is the one to report */
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    memcpy(s->err, keep, sizeof keep);
  }
  return rc;
}

int qk_store_batch_begin(qk_store *s) {
  s->batch_depth++;
  return QK_STORE_OK;
}

int qk_store_batch_pending(const qk_store *s) {
  return s->batch_depth && !s->batch_lost ? s->batch_writes : 0;
}

int qk_store_batch_end(qk_store *s) {
  if (!s->batch_depth)
    return qk_store_fail(s, QK_STORE_INVALID, "internal error: batch end without a batch begin");
  if (--s->batch_depth) return QK_STORE_OK; /* the outermost end commits */
  int rc = QK_STORE_OK;
  if (s->batch_lost) {
    rc = qk_store_fail(s, s->batch_lost, "not saved: %s", s->batch_err);
    if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  } else if (s->batch_open) {
    if (sqlite3_get_autocommit(s->db))
      rc = qk_store_fail(s, QK_STORE_ERROR,
                         "not saved: the database dropped this batch's writes after an error (%s)",
                         s->err[0] ? s->err : "no message");
    else if (!s->batch_writes) rc = qk_store_exec(s, "ROLLBACK", "ending an empty write");
    else rc = qk_store_end(s, QK_STORE_OK); /* depth is 0: COMMIT, or roll back on failure */
  }
  int finished = rc == QK_STORE_OK && s->batch_finished;
  s->batch_open = s->batch_writes = s->batch_lost = s->batch_finished = 0;
  s->batch_err[0] = 0;
  if (finished) qk_store_finished_session(s);
  return rc;
}

int qk_store_probe(qk_store *s) {
  if (s->batch_depth)
    return qk_store_fail(s, QK_STORE_INVALID, "internal error: the store probe runs outside a batch");
  /* A real (tiny) write: a lock alone would not show a full disk. */
  int rc = qk_store_begin(s);
  if (rc) return rc;
  return qk_store_end(s, qk_store_setting_raw_set(s, "store.probe", "ok"));
}

int qk_store_step_done(qk_store *s, sqlite3_stmt *st, const char *what) {
  int rc = sqlite3_step(st);
  int out = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? QK_STORE_OK : qk_store_sqlfail(s, rc, what);
  sqlite3_reset(st);
  return out;
}

int qk_store_bind_text(sqlite3_stmt *st, int i, const char *v) {
  return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

int qk_store_bind_real(sqlite3_stmt *st, int i, double v) {
  return isfinite(v) ? sqlite3_bind_double(st, i, v) : sqlite3_bind_null(st, i);
}

int qk_store_bind_tri(sqlite3_stmt *st, int i, int v) {
  return v < 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int(st, i, v ? 1 : 0);
}

double qk_store_col_real(sqlite3_stmt *st, int i) {
  return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

int qk_store_col_tri(sqlite3_stmt *st, int i) {
  return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i) != 0;
}

const char *qk_store_col_text(sqlite3_stmt *st, int i) {
  const unsigned char *t = sqlite3_column_text(st, i);
  return t ? (const char *)t : "";
}

void qk_store_copy_utf8(char *dst, size_t len, const char *src) {
  if (!len) return;
  size_t n = strlen(src);
  if (n >= len) {
    n = len - 1;
    /* Back off continuation bytes so a character is never cut in half. */
    while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;
  }
  memcpy(dst, src, n);
  dst[n] = 0;
}

/* ---- status names -------------------------------------------------------- */

static const char *const status_names[] = {"in_progress", "completed", "abandoned", "timed_out",
                                           "interrupted"};

const char *qk_store_status_name(qk_session_status st) {
  return (unsigned)st < sizeof status_names / sizeof *status_names ? status_names[st] : "?";
}

int qk_store_status_parse(const char *name, qk_session_status *out) {
  for (unsigned i = 0; name && i < sizeof status_names / sizeof *status_names; i++)
    if (!strcmp(name, status_names[i])) {
      *out = (qk_session_status)i;
      return 0;
    }
  return -1;
}

/* ---- open ------------------------------------------------------------------ */

/* mkdir -p of the folder holding path; the folder's name goes to dir. */
static int make_parent(qk_store *s, const char *path, char *dir, size_t len) {
  const char *slash = strrchr(path, '/');
  if (!slash) {
    snprintf(dir, len, ".");
    return QK_STORE_OK;
  }
  size_t n = (size_t)(slash - path);
  if (n == 0) n = 1; /* "/x.db" lives in "/" */
  if (n >= len) return qk_store_fail(s, QK_STORE_INVALID, "database path too long: %s", path);
  memcpy(dir, path, n);
  dir[n] = 0;
  for (char *p = dir + 1;; p++) {
    if (*p && *p != '/') continue;
    char c = *p;
    *p = 0;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
      int e = errno;
      *p = c;
      return qk_store_fail(s, e == EROFS || e == EACCES ? QK_STORE_READONLY : QK_STORE_CANTOPEN,
                           "cannot create the folder for the database (%s): %s", dir, strerror(e));
    }
    *p = c;
    if (!c) break;
  }
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return qk_store_fail(s, QK_STORE_CANTOPEN, "%s is not a folder, so the database %s cannot live there",
                         dir, path);
  return QK_STORE_OK;
}

/* Refuse what SQLite would otherwise open read-only without a word, or fail
** on later (WAL needs to create <db>-wal and <db>-shm next to the file). */
static int check_access(qk_store *s, const char *path, const char *dir) {
  struct stat st;
  if (stat(path, &st) == 0) {
    if (S_ISDIR(st.st_mode))
      return qk_store_fail(s, QK_STORE_CANTOPEN, "%s is a folder, not a database file", path);
    if (access(path, R_OK) != 0)
      return qk_store_fail(s, QK_STORE_READONLY, "database %s cannot be read: %s", path,
                           strerror(errno));
    if (access(path, W_OK) != 0)
      return qk_store_fail(s, QK_STORE_READONLY,
                           "database %s is read-only (%s): results could not be saved; make it "
                           "writable or use another file",
                           path, strerror(errno));
  }
  if (access(dir, W_OK | X_OK) != 0)
    return qk_store_fail(s, QK_STORE_READONLY,
                         "folder %s is not writable (%s): the database needs to write its file "
                         "and journal there",
                         dir, strerror(errno));
  return QK_STORE_OK;
}

static int pragma_text(qk_store *s, const char *sql, char *out, size_t len) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      qk_store_copy_utf8(out, len, qk_store_col_text(st, 0));
      rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
      if (len) out[0] = 0;
      rc = SQLITE_OK;
    }
  }
  int out_rc = rc == SQLITE_OK ? QK_STORE_OK : qk_store_sqlfail(s, rc, sql);
  sqlite3_finalize(st);
  return out_rc;
}

static int corrupt(qk_store *s, const char *why) {
  /* quick_check lists problems on many lines; one line reads better. */
  char one[200];
  size_t n = 0;
  for (const char *c = why; *c && n + 3 < sizeof one; c++) {
    if (*c == '\n') {
      if (n && c[1]) one[n++] = ';', one[n++] = ' ';
    } else one[n++] = *c;
  }
  one[n] = 0;
  why = one;
  return qk_store_fail(s, QK_STORE_CORRUPT,
                       "database %s is damaged or not a quizkiosk database (%s); results cannot "
                       "be saved to it: move the file aside (keep it for recovery) and restart",
                       s->path, why);
}

/* A -wal or -journal without its database: the database was moved or
** deleted, and that file may hold the only copy of recent results.
** Starting over would create a fresh database and SQLite would delete or
** overwrite the orphan, so refuse and leave it exactly as it is. An empty
** one holds nothing (a checkpoint that truncated it, a journal that was
** reset) and is no reason to stop a kiosk. */
static int check_orphans(qk_store *s) {
  struct stat st;
  if (stat(s->path, &st) == 0 || errno != ENOENT) return QK_STORE_OK;
  static const char *const sides[] = {"-wal", "-journal"};
  for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
    char side[4200];
    snprintf(side, sizeof side, "%s%s", s->path, sides[i]);
    if (stat(side, &st) == 0 && st.st_size > 0)
      return qk_store_fail(s, QK_STORE_CANTOPEN,
                           "%s exists but the database %s beside it does not: that file may hold "
                           "the latest results, so no new database is started over it. Put the "
                           "database back beside it (or move %s and the database's other files "
                           "aside to keep for recovery) and restart",
                           side, s->path, side);
  }
  return QK_STORE_OK;
}

/* Whether the database was left by a program that did not close it: a
** -wal file that is not empty (after a clean close SQLite checkpoints and
** deletes it) or a -journal that is not empty (a rollback cut short),
** unless a live program has the database open right now: every connection
** to a WAL database holds a shared lock on the "DMS" byte of "<path>-shm"
** (byte 128, SQLite's documented WAL-index locking, walformat.html) for as
** long as it is open. That program checked the file when it opened it, so
** a `quizkiosk stats` beside a running kiosk stays instant.
**
** The locks are read from /proc/locks, never by opening the -shm: closing
** any descriptor of a file drops every POSIX lock this process holds on
** it, so a probe with open/F_GETLK/close would silently take the DMS lock
** away from this process's own connections (the sync thread's, the
** kiosk's), and the next connection would then rebuild the -shm under
** their mapping (SIGBUS). /proc/locks also shows this process's own locks.
** If it cannot be read, the check runs: that costs time, never safety. */
static int shm_locked(const char *shm) {
  struct stat st;
  if (stat(shm, &st) != 0) return 0; /* a -wal without its -shm: nobody has it open */
  FILE *f = fopen("/proc/locks", "r");
  if (!f) return 0;
  char line[256];
  int held = 0;
  while (!held && fgets(line, sizeof line, f)) {
    char kind[16], end[32];
    unsigned maj, min;
    unsigned long long ino;
    long long first;
    int pid;
    /* "12: POSIX  ADVISORY  READ 1234 fe:00:11037358 128 128" ("->" lines
    ** are waiters, which hold nothing, and do not match). */
    if (sscanf(line, "%*d: %15s %*s %*s %d %x:%x:%llu %lld %31s", kind, &pid, &maj, &min, &ino, &first, end) != 7)
      continue;
    if (strcmp(kind, "POSIX") != 0 && strcmp(kind, "OFDLCK") != 0) continue;
    if (ino != (unsigned long long)st.st_ino || maj != major(st.st_dev) || min != minor(st.st_dev)) continue;
    long long last = strcmp(end, "EOF") == 0 ? -1 : atoll(end);
    held = first <= 128 && (last < 0 || last >= 128);
  }
  fclose(f);
  return held;
}

static int left_unclean(const char *path) {
  char side[4200];
  struct stat st;
  snprintf(side, sizeof side, "%s-journal", path);
  if (stat(side, &st) == 0 && st.st_size > 0) return 1;
  snprintf(side, sizeof side, "%s-wal", path);
  if (stat(side, &st) != 0 || st.st_size == 0) return 0;
  snprintf(side, sizeof side, "%s-shm", path);
  return !shm_locked(side);
}

/* Reads the root page of every table and index (a few pages in all, at
** any size): a damaged b-tree root, the usual result of a file overwritten
** or truncated in place, fails here with SQLITE_CORRUPT before a candidate
** starts, without reading the whole file. */
static int probe_roots(qk_store *s) {
  sqlite3_stmt *list = NULL;
  int rc = sqlite3_prepare_v2(s->db,
                              "SELECT m.type, m.tbl_name, m.name, CASE WHEN (SELECT partial FROM "
                              "pragma_index_list(m.tbl_name) WHERE name = m.name) THEN NULL ELSE "
                              "(SELECT name FROM pragma_index_info(m.name) WHERE seqno = 0) END "
                              "FROM sqlite_schema m WHERE m.rootpage > 0",
                              -1, &list, NULL);
  int out = QK_STORE_OK;
  if (rc == SQLITE_OK) rc = SQLITE_ROW;
  while (rc == SQLITE_ROW && (rc = sqlite3_step(list)) == SQLITE_ROW) {
    const char *type = qk_store_col_text(list, 0), *table = qk_store_col_text(list, 1);
    const char *name = qk_store_col_text(list, 2), *col = qk_store_col_text(list, 3);
    /* A table: its first row, every column decoded ("SELECT 1 ... LIMIT 1"
    ** takes a damaged root for an empty table). An index: its first entry. */
    char *sql = !strcmp(type, "table")
                    ? sqlite3_mprintf("SELECT * FROM \"%w\" LIMIT 1", table)
                    : *col ? sqlite3_mprintf("SELECT 1 FROM \"%w\" INDEXED BY \"%w\" ORDER BY \"%w\" LIMIT 1",
                                             table, name, col)
                           : NULL;
    /* An index on an expression, or a partial one (INDEXED BY cannot use it
    ** without its WHERE: outbox_refused): its table's probe reads the table. */
    if (!sql) continue;
    sqlite3_stmt *one = NULL;
    int prc = sqlite3_prepare_v2(s->db, sql, -1, &one, NULL);
    if (prc == SQLITE_OK) prc = sqlite3_step(one);
    sqlite3_finalize(one);
    sqlite3_free(sql);
    if (prc != SQLITE_ROW && prc != SQLITE_DONE) {
      out = (prc & 0xff) == SQLITE_CORRUPT || (prc & 0xff) == SQLITE_NOTADB
                ? corrupt(s, sqlite3_errmsg(s->db))
                : qk_store_sqlfail(s, prc, "reading the database");
      break;
    }
  }
  if (!out && rc != SQLITE_DONE)
    out = (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB ? corrupt(s, sqlite3_errmsg(s->db))
                                                                        : qk_store_sqlfail(s, rc, "reading the database");
  sqlite3_finalize(list);
  return out;
}

/* The file as opened, for check_path. */
static int remember_file(qk_store *s) {
  struct stat st;
  if (stat(s->path, &st) != 0)
    return qk_store_fail(s, QK_STORE_CANTOPEN, "database %s vanished while it was being opened: %s",
                         s->path, strerror(errno));
  s->dev = st.st_dev;
  s->ino = st.st_ino;
  s->have_file = 1;
  return QK_STORE_OK;
}

/* reading: for a copy taken while a kiosk writes (backup). Nothing is
** created, converted, migrated or locked for writing: a kiosk writing
** tap after tap could keep a write lock from ever being granted. */
static int open_db(qk_store *s, int reading) {
  char dir[4096], text[256];
  int memory = !strcmp(s->path, ":memory:");
  int rc;
  /* Looked at before SQLite opens the file: opening recovers a WAL. */
  int unclean = !memory && left_unclean(s->path);
  if (reading) {
    if ((rc = check_orphans(s))) return rc;
  } else if (!memory) {
    if ((rc = make_parent(s, s->path, dir, sizeof dir))) return rc;
    if ((rc = check_orphans(s))) return rc;
    if ((rc = check_access(s, s->path, dir))) return rc;
  }
  /* READWRITE even for reading: a WAL reader must be able to use -shm. */
  /* NOMUTEX: a qk_store is one thread's (store.h), so SQLite's per-call
  ** connection mutex only cost time (a lock per column read in an export). */
  rc = sqlite3_open_v2(s->path, &s->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (reading ? 0 : SQLITE_OPEN_CREATE), NULL);
  if (rc != SQLITE_OK) return qk_store_sqlfail(s, rc, "opening the database");
  sqlite3_extended_result_codes(s->db, 1);
  sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
  /* SQLite quietly opens a write-protected file read-only. */
  if (!reading && sqlite3_db_readonly(s->db, "main") == 1)
    return qk_store_fail(s, QK_STORE_READONLY,
                         "database %s can only be opened read-only (file permissions or a "
                         "write-protected medium): results could not be saved",
                         s->path);

  /* Check before writing anything, so a damaged file is left exactly as
  ** it was for whoever tries to recover it. Garbage fails on the header
  ** (SQLITE_NOTADB); every table's and index's root page is read on
  ** every open (a damaged one fails here); the full PRAGMA quick_check,
  ** which reads every page (seconds at a million sessions), runs only
  ** when the last program to write the file did not close it. */
  if ((rc = probe_roots(s))) return rc;
  if (unclean) {
    rc = pragma_text(s, "PRAGMA quick_check", text, sizeof text);
    if (rc == QK_STORE_CORRUPT) return corrupt(s, sqlite3_errmsg(s->db));
    if (rc) return rc;
    if (strcmp(text, "ok") != 0) return corrupt(s, text);
  }
  /* A newer quizkiosk's database is refused before anything is written to
  ** it, switching to WAL included: it must stay byte-identical. */
  if ((rc = qk_store_schema_check(s))) return rc;
  if (reading) return remember_file(s);
  rc = pragma_text(s, "PRAGMA journal_mode=WAL", text, sizeof text);
  if (rc == QK_STORE_CORRUPT) return corrupt(s, sqlite3_errmsg(s->db));
  if (rc) return rc;
  if (!memory && strcmp(text, "wal") != 0)
    return qk_store_fail(s, QK_STORE_ERROR,
                         "database %s could not switch to write-ahead logging (journal mode is "
                         "'%s'): the file system may not support it",
                         s->path, text);

  /* FULL: a commit is on the platter before the call returns (with WAL,
  ** NORMAL could lose the last answers on power loss). secure_delete: what
  ** purge and changed answers remove is overwritten, not left in free pages. */
  if ((rc = qk_store_exec(s,
                          "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                          "PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY",
                          "setting up the database")))
    return rc;
  if ((rc = qk_store_migrate(s))) return rc;
  /* The migrations above wrote to the file, so it exists now. */
  if (!memory && (rc = remember_file(s))) return rc;
  /* Write probe: taking the write lock touches the -wal and -shm files. */
  if ((rc = qk_store_begin(s))) return rc;
  return qk_store_exec(s, "ROLLBACK", "releasing the write lock");
}

static int open_store(const char *path, int reading, qk_store **out, char *err, size_t errlen) {
  *out = NULL;
  if (err && errlen) err[0] = 0;
  if (!path || !*path) {
    if (err) snprintf(err, errlen, "no database path given");
    return QK_STORE_INVALID;
  }
  if (sodium_init() < 0) {
    if (err) snprintf(err, errlen, "libsodium failed to initialise");
    return QK_STORE_ERROR;
  }
  qk_store *s = calloc(1, sizeof *s);
  if (!s || !(s->path = strdup(path))) {
    free(s);
    if (err) snprintf(err, errlen, "out of memory opening %s", path);
    return QK_STORE_ERROR;
  }
  int rc = open_db(s, reading);
  if (rc) {
    if (err) snprintf(err, errlen, "%s", s->err);
    qk_store_close(s);
    return rc;
  }
  s->err[0] = 0;
  s->export_threads = qk_env_get()->export_threads;
  *out = s;
  return QK_STORE_OK;
}

int qk_store_open(const char *path, qk_store **out, char *err, size_t errlen) {
  return open_store(path, 0, out, err, errlen);
}

int qk_store_open_reading(const char *path, qk_store **out, char *err, size_t errlen) {
  return open_store(path, 1, out, err, errlen);
}

void qk_store_close(qk_store *s) {
  if (!s) return;
  /* An unfinished batch is committed, not dropped: what it holds was
  ** recorded by calls that returned OK. */
  if (s->batch_depth && s->db) {
    s->batch_depth = 1;
    qk_store_batch_end(s);
  }
  for (int i = 0; i < ST_COUNT; i++) sqlite3_finalize(s->st[i]);
  /* The last connection to close checkpoints the WAL into the file. */
  if (s->db) sqlite3_close(s->db);
  free(s->path);
  free(s);
}

/* ---- settings ---------------------------------------------------------- */

int qk_store_setting_raw_get(qk_store *s, const char *key, char *out, size_t len) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_SETTING_GET);
  if (!st) return QK_STORE_ERROR;
  qk_store_bind_text(st, 1, key);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_DONE) {
    sqlite3_reset(st);
    if (len) out[0] = 0;
    return QK_STORE_NOTFOUND;
  }
  if (rc != SQLITE_ROW) {
    rc = qk_store_sqlfail(s, rc, "reading a setting");
    sqlite3_reset(st);
    return rc;
  }
  const char *v = qk_store_col_text(st, 0);
  size_t n = strlen(v);
  if (n >= len) {
    sqlite3_reset(st);
    return qk_store_fail(s, QK_STORE_INVALID, "setting %s is %zu bytes, more than the %zu room given",
                         key, n, len ? len - 1 : 0);
  }
  memcpy(out, v, n + 1);
  sqlite3_reset(st);
  return QK_STORE_OK;
}

int qk_store_setting_raw_set(qk_store *s, const char *key, const char *value) {
  sqlite3_stmt *st = qk_store_stmt(s, ST_SETTING_SET);
  if (!st) return QK_STORE_ERROR;
  qk_store_bind_text(st, 1, key);
  qk_store_bind_text(st, 2, value);
  return qk_store_step_done(s, st, "saving a setting");
}

static int check_key(qk_store *s, const char *key) {
  if (!key || !*key) return qk_store_fail(s, QK_STORE_INVALID, "setting name is empty");
  /* The PIN's hash and lockout are not config: a script reading the hash
  ** could brute-force a 4-digit PIN offline, and one writing the lockout
  ** could lift it. */
  if (!strncmp(key, "pin.", 4))
    return qk_store_fail(s, QK_STORE_INVALID, "setting %s is reserved for the admin PIN", key);
  /* The prize key (prize.c): who reads it can make valid prize codes. */
  if (!strncmp(key, "prize.", 6))
    return qk_store_fail(s, QK_STORE_INVALID, "setting %s is reserved for the kiosk's prize key", key);
  return QK_STORE_OK;
}

int qk_store_setting_get(qk_store *s, const char *key, char *out, size_t len) {
  int rc = check_key(s, key);
  return rc ? rc : qk_store_setting_raw_get(s, key, out, len);
}

int qk_store_setting_set(qk_store *s, const char *key, const char *value) {
  int rc = check_key(s, key);
  if (rc) return rc;
  if (!value) return qk_store_fail(s, QK_STORE_INVALID, "setting %s: value is NULL", key);
  if ((rc = qk_store_begin(s))) return rc;
  return qk_store_end(s, qk_store_setting_raw_set(s, key, value));
}

int qk_store_kiosk_id(qk_store *s, char *out, size_t len) {
  int rc = qk_store_setting_raw_get(s, "kiosk_id", out, len);
  if (rc != QK_STORE_NOTFOUND) return rc;
  unsigned char r[4];
  char id[32];
  randombytes_buf(r, sizeof r);
  snprintf(id, sizeof id, "kiosk-%02x%02x%02x%02x", r[0], r[1], r[2], r[3]);
  if ((rc = qk_store_begin(s)) || (rc = qk_store_end(s, qk_store_setting_raw_set(s, "kiosk_id", id))))
    return rc;
  if (strlen(id) >= len) return qk_store_fail(s, QK_STORE_INVALID, "kiosk id buffer too small");
  memcpy(out, id, strlen(id) + 1);
  return QK_STORE_OK;
}

void qk_store_content_hash(const void *data, size_t len, char out[65]) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, data, len);
  sodium_bin2hex(out, 65, h, sizeof h);
}
