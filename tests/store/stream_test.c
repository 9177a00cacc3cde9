/*
** stream_test.c — the export is byte for byte what it was before it read
** candidates, scores and answers as streams (export.c): the CSV files (all
** sessions, and since a time) and the JSON of a database made to take
** every path of the streams are compared with files written by the store
** before that change (tests/store/golden/, made by this program built
** against `git archive 24aaeaf runtime/store`, see golden/README).
**
** The database: the demo results of fixture.h (an exam version with
** option texts: the lookup path) and sessions of a second version without
** options (the stream path) whose ids are NOT in start order (a clock set
** back), with gaps of sessions left out by `since`, answers given in
** another order than their questions' names sort (q10 before q2), JSON
** escapes in responses, scores, a purged session, a session without
** answers or candidates.
**
** Usage: qk_store_stream_test DIR GOLDEN_DIR   (writes into DIR, compares)
**        qk_store_stream_test DIR              (only writes: making goldens)
*/
#include "check.h"
#include "fixture.h"

static void plain_answer(qk_store *s, int64_t id, const char *q, const char *json, double pts, qk_ms t) {
  qk_store_answer_in a = {q, json, pts, 10, pts > 0, 1500, 0};
  CHECK_RC(s, qk_store_answer(s, id, &a, t), QK_STORE_OK);
}

/* A session of exam "plain" (no options recorded) started at start, with
** n answers whose times run backwards against the questions' names. */
static int64_t plain_session(qk_store *s, qk_ms start, int n, const char *name, int scores) {
  int64_t id = fix_session(s, "plain", start);
  if (name) {
    CHECK_RC(s, qk_store_candidate_set(s, id, "name", name), QK_STORE_OK);
    CHECK_RC(s, qk_store_candidate_set(s, id, "city", "上海, \"浦东\""), QK_STORE_OK);
  }
  static const char *const responses[] = {"\"A\"", "\"line\\nbreak \\u00e9\\u4e2d \\ud83d\\ude00\"", "null",
                                          "[\"A\",\"C\"]", "\"=1+1\"", "42", "\"say \\\"hi\\\"\"",
                                          "{\"k\":\"v\"}", "\"-3\"", "\"\""};
  for (int i = 0; i < n; i++) {
    char q[16];
    snprintf(q, sizeof q, "q%d", i + 1);
    /* q10 is answered first, q1 last; two share a time (order by name). */
    plain_answer(s, id, q, responses[i % 10], i % 3, start + 1000 * (n - i) + (i == 3 ? 1000 : 0));
  }
  if (scores) {
    CHECK_RC(s, qk_store_session_score(s, id, "section", "s1", "第一部分", 2, 5), QK_STORE_OK);
    CHECK_RC(s, qk_store_session_score(s, id, "competency", "logic", NULL, 1, 2), QK_STORE_OK);
  }
  CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_COMPLETED, n, 10.0 * n, n > 3, start + 60000),
           QK_STORE_OK);
  return id;
}

static void export_all(qk_store *s, const char *dir) {
  char path[4096], apath[4096];
  snprintf(path, sizeof path, "%s/all.csv", dir);
  CHECK_RC(s, qk_store_export_file(s, path, "csv", 0, apath, sizeof apath), QK_STORE_OK);
  snprintf(path, sizeof path, "%s/since.csv", dir);
  CHECK_RC(s, qk_store_export_file(s, path, "csv", FIX_T0 + 30 * 60000, apath, sizeof apath), QK_STORE_OK);
  snprintf(path, sizeof path, "%s/all.json", dir);
  CHECK_RC(s, qk_store_export_file(s, path, "json", 0, NULL, 0), QK_STORE_OK);
}

static void same_file(const char *dir, const char *golden, const char *name) {
  char a[4096], b[4096];
  size_t na, nb;
  snprintf(a, sizeof a, "%s/%s", dir, name);
  snprintf(b, sizeof b, "%s/%s", golden, name);
  char *x = slurp(a, &na), *y = slurp(b, &nb);
  CHECK(x != NULL);
  CHECK(y != NULL);
  if (x && y && (na != nb || memcmp(x, y, na))) {
    size_t i = 0;
    while (i < na && i < nb && x[i] == y[i]) i++;
    fprintf(stderr, "%s differs from %s at byte %zu (%zu vs %zu bytes)\n", a, b, i, na, nb);
    check_failures++;
  }
  free(x);
  free(y);
}

int main(int argc, char **argv) {
  if (argc != 2 && argc != 3) {
    fprintf(stderr, "usage: qk_store_stream_test DIR [GOLDEN_DIR]\n");
    return 2;
  }
  const char *dir = argv[1];
  char db[4096], err[600];
  mkdir(dir, 0755);
  snprintf(db, sizeof db, "%s/results.db", dir);
  unlink(db);
  qk_store *s = NULL;
  if (qk_store_open(db, &s, err, sizeof err)) {
    fprintf(stderr, "open: %s\n", err);
    return 1;
  }
  int64_t ids[5];
  CHECK_RC(s, fixture_fill(s, ids), QK_STORE_OK);
  /* Ids in insertion order; starts not: 6 after 8, 9 before them all. */
  qk_ms t = FIX_T0 + 20 * FIX_HOUR;
  plain_session(s, t + 2 * FIX_HOUR, 10, "李雷", 1);      /* 6 */
  plain_session(s, t, 4, NULL, 0);                         /* 7: no candidate */
  plain_session(s, t + FIX_HOUR, 12, "=cmd|' /C calc'!A0", 1); /* 8 */
  plain_session(s, FIX_T0 - 5 * FIX_DAY, 3, "Old Name", 1);    /* 9: purged below */
  int64_t empty = fix_session(s, "plain", t + 3 * FIX_HOUR);   /* 10: nothing yet */
  CHECK(empty > 0);
  plain_session(s, FIX_T0 + 10 * 60000, 2, "Early", 0); /* 11: before `since` */
  plain_session(s, t + 4 * FIX_HOUR, 1, "Last", 1);     /* 12 */
  qk_store_purge_report rep;
  CHECK_RC(s, qk_store_purge(s, FIX_T0 - 4 * FIX_DAY, FIX_T0 + 30 * FIX_DAY, &rep), QK_STORE_OK);
  export_all(s, dir);
  qk_store_close(s);
  if (argc == 3) {
    same_file(dir, argv[2], "all.csv");
    same_file(dir, argv[2], "all_answers.csv");
    same_file(dir, argv[2], "since.csv");
    same_file(dir, argv[2], "since_answers.csv");
    same_file(dir, argv[2], "all.json");
  }
  return check_result("store_stream");
}
