/*
** backup.c — a copy of the results that can be taken while the kiosk runs.
**
** A plain `cp results.db` while the kiosk writes misses whatever is still
** only in results.db-wal (up to a few MB of recent results) and can catch
** a page half-written. SQLite's online backup copies the database as one
** consistent snapshot read through a connection, WAL included, while
** other processes go on writing (a WAL reader blocks no writer).
**
** The copy is written to "<out>.part", switched to a rollback journal (the
** source's header says WAL, and a WAL file opened read-only somewhere else
** would need a -shm it cannot create), checked with quick_check, fsync'ed
** and only then renamed over <out>: a power cut or a pulled stick never
** leaves half a backup under the real name.
*/
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BACKUP_BUSY_MS 2000 /* as the store's busy timeout */

static int dst_fail(qk_store *s, sqlite3 *dst, int rc, const char *what, const char *part) {
  return qk_store_fail(s, qk_store_map_rc(rc), "backup: %s %s: %s", what, part,
                       dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
}

/* The copy itself, into part; the caller removes part on failure. */
static int copy_to(qk_store *s, const char *part) {
  sqlite3 *dst = NULL;
  int rc = sqlite3_open_v2(part, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK) {
    rc = dst_fail(s, dst, rc, "cannot create", part);
    sqlite3_close(dst);
    return rc;
  }
  sqlite3_busy_timeout(dst, BACKUP_BUSY_MS);
  sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->db, "main");
  if (!b) {
    rc = dst_fail(s, dst, sqlite3_errcode(dst), "cannot start copying into", part);
    sqlite3_close(dst);
    return rc;
  }
  /* -1: every page in one step, under one read snapshot of the source. */
  int src = sqlite3_backup_step(b, -1);
  for (int tries = 0; (src == SQLITE_BUSY || src == SQLITE_LOCKED) && tries < BACKUP_BUSY_MS / 50; tries++) {
    sqlite3_sleep(50);
    src = sqlite3_backup_step(b, -1);
  }
  int frc = sqlite3_backup_finish(b);
  if (src != SQLITE_DONE) rc = qk_store_sqlfail(s, src, "backup: copying the database");
  else if (frc != SQLITE_OK) rc = dst_fail(s, dst, frc, "copying into", part);
  else rc = QK_STORE_OK;
  char text[64] = "";
  sqlite3_stmt *st = NULL;
  if (!rc) {
    int prc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    if (prc != SQLITE_OK) rc = dst_fail(s, dst, prc, "cannot finish", part);
  }
  if (!rc) {
    int prc = sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &st, NULL);
    if (prc == SQLITE_OK && (prc = sqlite3_step(st)) == SQLITE_ROW) {
      const unsigned char *t = sqlite3_column_text(st, 0);
      snprintf(text, sizeof text, "%s", t ? (const char *)t : "");
    } else rc = dst_fail(s, dst, prc, "cannot check", part);
    sqlite3_finalize(st);
    if (!rc && strcmp(text, "ok") != 0)
      rc = qk_store_fail(s, QK_STORE_CORRUPT, "backup: the copy %s failed its check (%s)", part, text);
  }
  int crc = sqlite3_close(dst);
  if (!rc && crc != SQLITE_OK) rc = dst_fail(s, NULL, crc, "cannot close", part);
  return rc;
}

static void remove_part(const char *part) {
  static const char *const sides[] = {"", "-journal", "-wal", "-shm"};
  for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
    char p[4200];
    snprintf(p, sizeof p, "%s%s", part, sides[i]);
    unlink(p);
  }
}

int qk_store_backup(qk_store *s, const char *out_path) {
  char part[4200];
  struct stat st;
  if (!out_path || !*out_path) return qk_store_fail(s, QK_STORE_INVALID, "backup: no output file given");
  if (strlen(out_path) + 6 > sizeof part)
    return qk_store_fail(s, QK_STORE_INVALID, "backup: output path too long: %s", out_path);
  /* The backup reads through this connection: with a batch's transaction
  ** open it would copy writes that may still be rolled back. */
  if (!sqlite3_get_autocommit(s->db))
    return qk_store_fail(s, QK_STORE_INVALID, "backup: not inside a batch with unsaved writes; back up "
                                              "after the batch ends");
  if (stat(out_path, &st) == 0) {
    if (s->have_file && st.st_dev == s->dev && st.st_ino == s->ino)
      return qk_store_fail(s, QK_STORE_INVALID, "backup: %s is the database itself; choose another file",
                           out_path);
    if (S_ISDIR(st.st_mode))
      return qk_store_fail(s, QK_STORE_INVALID, "backup: %s is a folder; give a file name", out_path);
  }
  snprintf(part, sizeof part, "%s.part", out_path);
  remove_part(part); /* a leftover of an interrupted backup */
  int rc = copy_to(s, part);
  if (!rc) {
    /* SQLite synced its commit already; this makes sure, whatever the
    ** journal mode did, before the name is switched. */
    int fd = open(part, O_RDONLY);
    if (fd < 0 || fsync(fd) != 0)
      rc = qk_store_fail(s, errno == ENOSPC ? QK_STORE_FULL : QK_STORE_IOERR, "backup: cannot sync %s: %s",
                         part, strerror(errno));
    if (fd >= 0) close(fd);
  }
  if (!rc && rename(part, out_path) != 0)
    rc = qk_store_fail(s, errno == EROFS || errno == EACCES ? QK_STORE_READONLY : QK_STORE_CANTOPEN,
                       "backup: cannot rename %s to %s: %s", part, out_path, strerror(errno));
  if (rc) {
    remove_part(part);
    return rc;
  }
  qk_store_sync_dir(out_path);
  return QK_STORE_OK;
}
