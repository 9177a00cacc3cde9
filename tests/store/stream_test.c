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
** A second database (options.db, exported to options*.csv and
** options.json) is all about option texts: exam versions that recorded
** them, answered in every way a response can be JSON (one letter, letters
** in another order than the options', a letter twice, numbers, null,
** objects, escapes, letters no option has), by sessions in several
** languages and none, against options that are plain text, per-language
** objects, numbers, flags, nulls, arrays, duplicate or escaped keys, a
** question recorded without options and one not recorded. Its golden
** files were written by the store that looked the texts up in SQL per
** session (main at 02115e7, ST_EXPORT_ANSWERS).
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

/* ---- the option-text database -------------------------------------------- */

static const char *const opt_questions[][2] = {
    {"q1", "{\"A\":\"苹果\",\"B\":\"香蕉\",\"C\":\"Cherry, \\\"red\\\"\",\"D\":\"=SUM(1)\"}"},
    {"q2", "{\"A\":{\"zh\":\"是\",\"en\":\"Yes\"},\"B\":{\"en\":\"No\",\"zh\":\"否\"},\"C\":{\"fr\":\"Oui\"},"
           "\"E\":{},\"F\":null,\"G\":\"\"}"},
    {"q12", "{\"A\":{\"zh\":null,\"en\":\"Null zh\"},\"B\":{\"zh\":1},\"C\":{\"\\u007a\\u0068\":\"escaped zh\"}}"},
    {"q3", "{\"1\":\"one\",\"2\":\"two\",\"A\":1.5,\"B\":true,\"C\":null,\"D\":[1,2],\"E\":{\"zh\":{\"x\":1}},"
           "\"F\":7,\"G\":1e300,\"H\":false,\"I\":-0.0}"},
    {"q4", "{\"A\":\"a\\u0000b\",\"B\":\"esc \\\"q\\\" \\\\ \\u00e9 \\ud83d\\ude00\",\"C\":\"\",\"D\":\"tab\\there\"}"},
    {"q5", NULL}, /* recorded without options */
    {"q7", "{\"A\":\"first\",\"A\":\"second\",\"B\":\"b\"}"},
    {"q8", "{\"\\u0041\":\"escaped key\",\"B\":\"plain key\",\"\\\"\":\"quote key\"}"},
    {"q9", "{\"A\":\"x\",\"B\":\"y\",\"C\":\"z\",\"D\":\"w\"}"},
    {"q10", "[\"x\",\"y\"]"},
    {"q11", "{\"A\":{\"en\":\"only en\",\"zh\":\"中\",\"zh\":\"dup zh\"},\"B\":{\"zh-Hans\":\"简\",\"en\":\"E\"}}"},
};
#define N_OPT_Q ((int)(sizeof opt_questions / sizeof *opt_questions))

/* q6 is answered but never recorded. */
static const char *const opt_answered[] = {"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12"};
#define N_OPT_A ((int)(sizeof opt_answered / sizeof *opt_answered))

static const char *const opt_responses[] = {
    "\"A\"",           "[\"C\",\"A\"]", "[\"A\",\"A\"]",      "1",        "[1,\"A\",\"2\"]", "null",
    "\"Z\"",           "{\"A\":1}",     "true",               "[]",       "\"\\u0041\"",  "[[\"A\"]]",
    "[\"D\",\"C\",\"B\",\"A\"]", "\"B\"", "[\"B\",null,\"E\"]", "\"\\\"\"", "\"2\"",      "[\"I\",\"H\",\"G\",\"F\"]",
};
#define N_OPT_R ((int)(sizeof opt_responses / sizeof *opt_responses))

/* What kiosks store: the responses export_options.c works out itself. */
static const char *const opt_plain[] = {
    "\"A\"", "\"B\"", "[\"C\",\"A\"]", "[\"A\",\"A\"]", "null", "\"Z\"", "[]", "[\"D\",\"C\",\"B\",\"A\"]",
    "[\"B\",null,\"E\"]", "\"2\"", "[\"I\",\"H\",\"G\",\"F\"]", "\"\"", "[\"G\",\"F\",\"E\"]", "\"C\"",
    "[\"G\",\"A\",\"G\"]", /* an empty text first: the separator still follows it */
};
#define N_OPT_P ((int)(sizeof opt_plain / sizeof *opt_plain))

/* Options the store can only read by SQL (numbers, arrays, NUL, a null or
** escaped language name): a session answering one of them goes that way. */
static int odd_question(const char *q) {
  return !strcmp(q, "q3") || !strcmp(q, "q4") || !strcmp(q, "q10") || !strcmp(q, "q12");
}

static int64_t opt_session(qk_store *s, const char *exam, const char *language, qk_ms start) {
  char hash[65];
  qk_store_content_hash(exam, strlen(exam), hash);
  qk_store_session_info in = {"kiosk-B", "quiz", exam, "Options 选项", hash, 7, language, "exam"};
  int64_t id = 0;
  CHECK_RC(s, qk_store_session_begin(s, &in, start, &id), QK_STORE_OK);
  return id;
}

/* Sessions of two versions with options recorded (the second recorded
** only q1 and q9), in six languages, started out of id order now and
** then; between them sessions of a version without options. Every third
** session answers every question with a response rotating through
** opt_responses (odd ones included); the others leave out the odd
** questions and rotate through opt_plain, as a kiosk's sessions do. */
static void options_fill(qk_store *s) {
  static const char *const langs[] = {"zh", "en", NULL, "fr", "", "zh-Hans"};
  int n = 0;
  for (int v = 0; v < 2; v++)
    for (int l = 0; l < 6; l++)
      for (int r = 0; r < N_OPT_R; r += (v ? 5 : 1)) {
        qk_ms start = FIX_T0 + (qk_ms)(n % 7 == 3 ? n - 5 : n) * 600000;
        int64_t id = opt_session(s, v ? "opts-v2" : "opts-v1", langs[l], start);
        if (n == 0 || (v == 1 && l == 0 && r == 0))
          for (int q = 0; q < N_OPT_Q; q++)
            if (!v || !strcmp(opt_questions[q][0], "q1") || !strcmp(opt_questions[q][0], "q9"))
              CHECK_RC(s, qk_store_exam_question(s, id, opt_questions[q][0], "sec", opt_questions[q][1]),
                       QK_STORE_OK);
        int odd = n % 3 == 0;
        for (int q = 0; q < N_OPT_A; q++) {
          if (!odd && odd_question(opt_answered[q])) continue;
          const char *resp = odd ? opt_responses[(r + q) % N_OPT_R] : opt_plain[(r + q + n) % N_OPT_P];
          qk_store_answer_in a = {opt_answered[q], resp, q % 2, 1, q % 2, 900 + q, 0};
          CHECK_RC(s, qk_store_answer(s, id, &a, start + 1000 * (N_OPT_A - q)), QK_STORE_OK);
        }
        if (n % 3 == 0) CHECK_RC(s, qk_store_candidate_set(s, id, "name", langs[l] ? langs[l] : "none"), QK_STORE_OK);
        CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_COMPLETED, n % 5, 11, n % 2, start + 60000),
                 QK_STORE_OK);
        if (n++ % 4 == 1) plain_session(s, start + 300000, 3, NULL, 0);
      }
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

  snprintf(db, sizeof db, "%s/options.db", dir);
  unlink(db);
  if (qk_store_open(db, &s, err, sizeof err)) {
    fprintf(stderr, "open: %s\n", err);
    return 1;
  }
  options_fill(s);
  char path[4096], apath[4096];
  snprintf(path, sizeof path, "%s/options.csv", dir);
  CHECK_RC(s, qk_store_export_file(s, path, "csv", 0, apath, sizeof apath), QK_STORE_OK);
  snprintf(path, sizeof path, "%s/options.json", dir);
  CHECK_RC(s, qk_store_export_file(s, path, "json", 0, NULL, 0), QK_STORE_OK);
  qk_store_close(s);
  if (argc == 3) {
    same_file(dir, argv[2], "options.csv");
    same_file(dir, argv[2], "options_answers.csv");
    same_file(dir, argv[2], "options.json");
    same_file(dir, argv[2], "all.csv");
    same_file(dir, argv[2], "all_answers.csv");
    same_file(dir, argv[2], "since.csv");
    same_file(dir, argv[2], "since_answers.csv");
    same_file(dir, argv[2], "all.json");
  }
  return check_result("store_stream");
}
