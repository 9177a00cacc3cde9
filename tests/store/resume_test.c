/*
** resume_test.c — which unfinished sessions can be resumed and which are
** stale: a session that never wrote a checkpoint is stale after 60 s
** without activity (a kill between begin, start event and first checkpoint
** left such sessions "in progress" forever); a session stamped in the
** future (clock set back) is stale once it is further ahead than the
** window. Then whose session it is (masked name, phone yes/no), the phone
** check, and a session's rank on the leaderboard, counted over an index.
** Usage: qk_store_resume_test DIR
*/
#include "check.h"
#include "store_int.h"

#define SEC ((qk_ms)1000)
#define MIN (60 * SEC)

static int64_t begin(qk_store *s, const char *kiosk, const char *exam, qk_ms t) {
  qk_store_session_info in = {kiosk, "app", exam, "Exam", "hash", 1, "zh", "exam"};
  int64_t id = -1;
  CHECK_RC(s, qk_store_session_begin(s, &in, t, &id), QK_STORE_OK);
  return id;
}

static int status_is(qk_store *s, int64_t id, const char *want) {
  char q[120], got[32] = "";
  snprintf(q, sizeof q, "SELECT status FROM sessions WHERE id = %lld", (long long)id);
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    snprintf(got, sizeof got, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  if (strcmp(got, want) != 0) fprintf(stderr, "session %lld is %s, wanted %s\n", (long long)id, got, want);
  return !strcmp(got, want);
}

static void test_no_checkpoint(qk_store *s) {
  const qk_ms t = 100 * MIN;
  /* Killed after begin + start event: no checkpoint. */
  int64_t lost = begin(s, "k1", "e", t);
  CHECK_RC(s, qk_store_event(s, lost, t + 1 * SEC, "start", NULL, 0), QK_STORE_OK);
  /* One with a checkpoint, as old. */
  int64_t kept = begin(s, "k1", "e", t);
  CHECK_RC(s, qk_store_checkpoint(s, kept, "{\"i\":1}", -1, t + 1 * SEC), QK_STORE_OK);
  int n = -1;
  /* 60 s after the last activity: not yet (it might still be written). */
  CHECK_RC(s, qk_store_interrupt_stale(s, "k1", NULL, t + 61 * SEC, 30 * MIN, &n), QK_STORE_OK);
  CHECK(n == 0);
  /* Just past 60 s: the one without a checkpoint is stale, the other is
  ** inside the 30 min window and stays. */
  qk_store_resume r;
  CHECK_RC(s, qk_store_find_resumable(s, "k1", NULL, t + 62 * SEC, 30 * MIN, &r), QK_STORE_OK);
  CHECK(r.session_id == kept);
  qk_store_resume_free(&r);
  CHECK_RC(s, qk_store_interrupt_stale(s, "k1", NULL, t + 62 * SEC, 30 * MIN, &n), QK_STORE_OK);
  CHECK(n == 1);
  CHECK(status_is(s, lost, "interrupted"));
  CHECK(status_is(s, kept, "in_progress"));
  /* A fresh session without a checkpoint yet is left alone. */
  int64_t fresh = begin(s, "k1", "e", t + 2 * MIN);
  CHECK_RC(s, qk_store_interrupt_stale(s, "k1", NULL, t + 2 * MIN + 30 * SEC, 30 * MIN, &n), QK_STORE_OK);
  CHECK(n == 0);
  CHECK(status_is(s, fresh, "in_progress"));
}

static void test_future(qk_store *s) {
  const qk_ms t = 1000 * MIN;
  /* Written while the clock was an hour ahead; now it is set right. */
  int64_t ahead = begin(s, "k2", "e", t + 60 * MIN);
  CHECK_RC(s, qk_store_checkpoint(s, ahead, "{\"i\":2}", -1, t + 60 * MIN), QK_STORE_OK);
  /* Ahead by exactly the window: still resumable (as the past side). */
  qk_store_resume r;
  CHECK_RC(s, qk_store_find_resumable(s, "k2", NULL, t + 50 * MIN, 10 * MIN, &r), QK_STORE_OK);
  CHECK(r.session_id == ahead);
  qk_store_resume_free(&r);
  /* Further ahead than the window: not resumable, and marked. */
  CHECK_RC(s, qk_store_find_resumable(s, "k2", NULL, t, 10 * MIN, &r), QK_STORE_NOTFOUND);
  int n = -1;
  CHECK_RC(s, qk_store_interrupt_stale(s, "k2", NULL, t + 49 * MIN, 10 * MIN, &n), QK_STORE_OK);
  CHECK(n == 1);
  CHECK(status_is(s, ahead, "interrupted"));
}

static void test_identity(qk_store *s) {
  int64_t a = begin(s, "k3", "e", 5000), b = begin(s, "k3", "e", 5000), c = begin(s, "k3", "e", 5000),
          d = begin(s, "k3", "e", 5000), e = begin(s, "k3", "e", 5000);
  CHECK_RC(s, qk_store_candidate_set(s, a, "name", "张伟"), QK_STORE_OK);
  CHECK_RC(s, qk_store_candidate_set(s, a, "phone", "138 0000-1234"), QK_STORE_OK);
  CHECK_RC(s, qk_store_candidate_set(s, b, "name", "王小明"), QK_STORE_OK);
  CHECK_RC(s, qk_store_candidate_set(s, c, "name", "John"), QK_STORE_OK);
  CHECK_RC(s, qk_store_candidate_set(s, c, "phone", "12"), QK_STORE_OK); /* too short to check */
  CHECK_RC(s, qk_store_candidate_set(s, e, "name", "Z"), QK_STORE_OK);
  char m[64];
  int has = -1;
  CHECK_RC(s, qk_store_resume_identity(s, a, m, sizeof m, &has), QK_STORE_OK);
  CHECK_STR(m, "张*");
  CHECK(has == 1);
  CHECK_RC(s, qk_store_resume_identity(s, b, m, sizeof m, &has), QK_STORE_OK);
  CHECK_STR(m, "王**");
  CHECK(has == 0);
  CHECK_RC(s, qk_store_resume_identity(s, c, m, sizeof m, &has), QK_STORE_OK);
  CHECK_STR(m, "J***");
  CHECK(has == 0);
  CHECK_RC(s, qk_store_resume_identity(s, d, m, sizeof m, &has), QK_STORE_OK);
  CHECK_STR(m, "");
  CHECK(has == 0);
  CHECK_RC(s, qk_store_resume_identity(s, e, m, sizeof m, &has), QK_STORE_OK);
  CHECK_STR(m, "Z");
  CHECK_RC(s, qk_store_resume_identity(s, 999999, m, sizeof m, &has), QK_STORE_NOTFOUND);
  char tiny[4]; /* "张" is 3 bytes + "*" + NUL = 5 */
  CHECK_RC(s, qk_store_resume_identity(s, a, tiny, sizeof tiny, &has), QK_STORE_INVALID);
  CHECK_STR(tiny, "");

  int match = -1;
  CHECK_RC(s, qk_store_resume_check_phone(s, a, "1234", &match), QK_STORE_OK);
  CHECK(match == 1);
  const char *wrong[] = {"1235", "0000", "234", "01234", "", "12a4"};
  for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
    match = -1;
    CHECK_RC(s, qk_store_resume_check_phone(s, a, wrong[i], &match), QK_STORE_OK);
    CHECK(match == 0);
  }
  CHECK_RC(s, qk_store_resume_check_phone(s, b, "1234", &match), QK_STORE_OK); /* no phone */
  CHECK(match == 0);
  CHECK_RC(s, qk_store_resume_check_phone(s, c, "0012", &match), QK_STORE_OK); /* "12" */
  CHECK(match == 0);
  CHECK_RC(s, qk_store_resume_check_phone(s, 999999, "1234", &match), QK_STORE_NOTFOUND);
  CHECK_RC(s, qk_store_resume_check_phone(s, a, NULL, &match), QK_STORE_INVALID);
}

static void finish(qk_store *s, int64_t id, double score, qk_ms t) {
  CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_COMPLETED, score, 10, score >= 6, t), QK_STORE_OK);
}

static void query_plan(qk_store *s, qk_stmt_id id, char *plan, size_t len) {
  size_t used = 0;
  plan[0] = 0;
  char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", qk_store_stmt_sql(id));
  sqlite3_stmt *st = NULL;
  CHECK(q && sqlite3_prepare_v2(s->db, q, -1, &st, NULL) == SQLITE_OK);
  while (st && sqlite3_step(st) == SQLITE_ROW && used + 200 < len)
    used += (size_t)snprintf(plan + used, len - used, "%s\n", (const char *)sqlite3_column_text(st, 3));
  sqlite3_finalize(st);
  sqlite3_free(q);
}

static void test_rank(qk_store *s) {
  /* Two versions of exam "r" (different content hashes) rank together. */
  qk_store_session_info v2 = {"k4", "app", "r", "Exam", "hash-2", 1, "zh", "exam"};
  int64_t ids[6];
  for (int i = 0; i < 5; i++) ids[i] = begin(s, "k4", "r", 10000 + i);
  CHECK_RC(s, qk_store_session_begin(s, &v2, 10010, &ids[5]), QK_STORE_OK);
  finish(s, ids[0], 7, 20000);
  finish(s, ids[1], 9, 20001);
  finish(s, ids[2], 7, 19000); /* same score, earlier finish: ahead of ids[0] */
  finish(s, ids[5], 10, 30000);
  CHECK_RC(s, qk_store_session_finish(s, ids[3], QK_SESSION_ABANDONED, 8, 10, -1, 20000), QK_STORE_OK);
  /* ids[4] still in progress; a completed session of another exam: */
  int64_t other = begin(s, "k4", "other", 10000);
  finish(s, other, 10, 20000);

  int rank = -1, total = -1;
  const int64_t order[] = {ids[5], ids[1], ids[2], ids[0]};
  for (int i = 0; i < 4; i++) {
    CHECK_RC(s, qk_store_leader_rank(s, "app", "r", order[i], &rank, &total), QK_STORE_OK);
    CHECK(rank == i + 1 && total == 4);
  }
  /* Agrees with the leaderboard. */
  qk_store_leader top[10];
  int n = 0;
  CHECK_RC(s, qk_store_leaderboard(s, "app", "r", NULL, 10, top, &n), QK_STORE_OK);
  CHECK(n == 4);
  for (int i = 0; i < n && i < 4; i++) CHECK(top[i].session_id == order[i]);
  /* Not ranked: abandoned, in progress, another exam, no such session. */
  CHECK_RC(s, qk_store_leader_rank(s, "app", "r", ids[3], &rank, &total), QK_STORE_NOTFOUND);
  CHECK_RC(s, qk_store_leader_rank(s, "app", "r", ids[4], &rank, &total), QK_STORE_NOTFOUND);
  CHECK_RC(s, qk_store_leader_rank(s, "app", "r", other, &rank, &total), QK_STORE_NOTFOUND);
  CHECK_RC(s, qk_store_leader_rank(s, "app", "r", 999999, &rank, &total), QK_STORE_NOTFOUND);
  CHECK_RC(s, qk_store_leader_rank(s, "app", "other", other, &rank, &total), QK_STORE_OK);
  CHECK(rank == 1 && total == 1);
  CHECK_RC(s, qk_store_leader_rank(s, NULL, "r", ids[0], &rank, &total), QK_STORE_INVALID);

  /* Counted over the index: no full scan of the sessions table. */
  char plan[2000] = "";
  size_t used = 0;
  char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", qk_store_stmt_sql(ST_RANK));
  sqlite3_stmt *st = NULL;
  CHECK(q && sqlite3_prepare_v2(s->db, q, -1, &st, NULL) == SQLITE_OK);
  while (st && sqlite3_step(st) == SQLITE_ROW && used + 200 < sizeof plan)
    used += (size_t)snprintf(plan + used, sizeof plan - used, "%s\n", (const char *)sqlite3_column_text(st, 3));
  sqlite3_finalize(st);
  sqlite3_free(q);
  if (!strstr(plan, "COVERING INDEX sessions_board") || strstr(plan, "SCAN x") ||
      strstr(plan, "SCAN sessions") || strstr(plan, "x USING INDEX")) {
    fprintf(stderr, "rank query plan:\n%s", plan);
    check_failures++;
  }
  /* The board of one version is the first entries of sessions_board:
  ** no sort (no temp b-tree) and no scan of the table. */
  query_plan(s, ST_LEADERBOARD, plan, sizeof plan);
  if (!strstr(plan, "USING INDEX sessions_board") || strstr(plan, "TEMP B-TREE") || strstr(plan, "SCAN s")) {
    fprintf(stderr, "leaderboard query plan:\n%s", plan);
    check_failures++;
  }
  /* stats reads the hourly counts and at most an hour of sessions by
  ** their start, never the whole sessions table. */
  qk_stmt_id stats[] = {ST_STATS, ST_STATS_BY_EXAM};
  for (int i = 0; i < 2; i++) {
    query_plan(s, stats[i], plan, sizeof plan);
    if (!strstr(plan, "SCAN session_counts") || !strstr(plan, "sessions_by_start (started_at>? AND started_at<?)") ||
        strstr(plan, "SCAN s\n")) {
      fprintf(stderr, "stats query plan:\n%s", plan);
      check_failures++;
    }
  }
}

/* The day's board (the trade fair's podium): only sessions finished at or
** after `since`, ranked among themselves; the all-time board unchanged. */
static void test_day(qk_store *s) {
  const qk_ms day = 5000000;
  int64_t old_best = begin(s, "k5", "d", day - 100000), a = begin(s, "k5", "d", day - 10),
          b = begin(s, "k5", "d", day + 10), c = begin(s, "k5", "d", day + 20);
  finish(s, old_best, 10, day - 1); /* yesterday's best */
  finish(s, a, 5, day);             /* finished at midnight: today's */
  finish(s, b, 8, day + 500);
  finish(s, c, 5, day + 400); /* ties a, finished later: behind it */
  qk_store_leader top[10];
  int n = 0, rank = 0, total = 0;
  CHECK_RC(s, qk_store_leaderboard_since(s, "app", "d", day, 10, top, &n), QK_STORE_OK);
  CHECK(n == 3 && top[0].session_id == b && top[1].session_id == a && top[2].session_id == c);
  CHECK_RC(s, qk_store_leaderboard_since(s, "app", "d", day, 2, top, &n), QK_STORE_OK);
  CHECK(n == 2 && top[1].session_id == a);
  const int64_t order[] = {b, a, c};
  for (int i = 0; i < 3; i++) {
    CHECK_RC(s, qk_store_leader_rank_since(s, "app", "d", order[i], day, &rank, &total), QK_STORE_OK);
    CHECK(rank == i + 1 && total == 3);
  }
  CHECK_RC(s, qk_store_leader_rank_since(s, "app", "d", old_best, day, &rank, &total), QK_STORE_NOTFOUND);
  CHECK_RC(s, qk_store_leaderboard(s, "app", "d", NULL, 10, top, &n), QK_STORE_OK);
  CHECK(n == 4 && top[0].session_id == old_best);
  CHECK_RC(s, qk_store_leader_rank(s, "app", "d", c, &rank, &total), QK_STORE_OK);
  CHECK(rank == 4 && total == 4);
  /* Nothing finished since a later time: an empty board. */
  CHECK_RC(s, qk_store_leaderboard_since(s, "app", "d", day + 100000, 10, top, &n), QK_STORE_OK);
  CHECK(n == 0);
  /* Found by their start: the day's sessions, never a walk over the
  ** exam's whole history or the table. */
  char plan[2000];
  qk_stmt_id day_stmts[] = {ST_RANK_SINCE, ST_LEADERBOARD_SINCE};
  for (int i = 0; i < 2; i++) {
    query_plan(s, day_stmts[i], plan, sizeof plan);
    if (!strstr(plan, "INDEX sessions_by_start (started_at>?)") || strstr(plan, "SCAN x\n") ||
        strstr(plan, "SCAN s\n") || strstr(plan, "SCAN sessions")) {
      fprintf(stderr, "day board query plan:\n%s", plan);
      check_failures++;
    }
  }
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-resume-test";
  char path[4200], err[400];
  test_db(dir, "resume.db", path, sizeof path);
  qk_store *s = NULL;
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) {
    fprintf(stderr, "open: %s\n", err);
    return 1;
  }
  test_no_checkpoint(s);
  test_future(s);
  test_identity(s);
  test_rank(s);
  test_day(s);
  qk_store_close(s);
  return check_result("store_resume");
}
