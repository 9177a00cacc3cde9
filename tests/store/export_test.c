/*
** export_test.c — CSV and JSON export of the fixture's results: the BOM,
** CRLF, the columns, RFC 4180 quoting, the formula guard, Chinese text,
** the answers file, --since, and atomic files. Leaves DIR/out.csv,
** DIR/out_answers.csv, DIR/out.json and DIR/since.json for
** check_export.py, which parses them with Python's csv and json modules.
** Usage: qk_store_export_test DIR
*/
#include "check.h"
#include "fixture.h"

static void test_csv(const char *dir) {
  char path[4200], apath[4200], got_apath[4200];
  size_t n = 0, an = 0;
  snprintf(path, sizeof path, "%s/out.csv", dir);
  snprintf(apath, sizeof apath, "%s/out_answers.csv", dir);
  char *csv = slurp(path, &n), *acsv = slurp(apath, &an);
  CHECK(csv && acsv);
  if (!csv || !acsv) goto out;
  (void)got_apath;
  CHECK(n > 3 && !memcmp(csv, "\xEF\xBB\xBF", 3));
  CHECK(an > 3 && !memcmp(acsv, "\xEF\xBB\xBF", 3));
  const char *header = "\xEF\xBB\xBFid,kiosk,app,exam,exam_title,exam_hash,status,score,max_score,passed,"
                       "started_at,finished_at,language,mode,email,name,nickname,note,phone,"
                       "section:basics,section:basics:max,section:open,section:open:max,"
                       "competency:沟通,competency:沟通:max\r\n";
  CHECK(!strncmp(csv, header, strlen(header)));
  if (strncmp(csv, header, strlen(header))) fprintf(stderr, "header was: %.300s\n", csv);
  const char *aheader =
      "\xEF\xBB\xBFsession_id,question,response,option_text,points,max_points,correct,time_ms,answered_at\r\n";
  CHECK(!strncmp(acsv, aheader, strlen(aheader)));
  /* Every line break outside quoted cells is CRLF: count bare LFs; the
  ** only one is inside the quoted "note" cell. */
  int bare_lf = 0, in_quotes = 0;
  for (size_t i = 0; i < n; i++) {
    if (csv[i] == '"') in_quotes = !in_quotes;
    if (csv[i] == '\n' && (i == 0 || csv[i - 1] != '\r')) {
      bare_lf++;
      CHECK(in_quotes);
    }
  }
  CHECK(bare_lf == 1);
  CHECK(n >= 2 && csv[n - 2] == '\r' && csv[n - 1] == '\n');
  /* Quoting, Chinese, the formula guard, a comma inside a cell. */
  CHECK(strstr(csv, ",\"He said \"\"hi\"\", then\nleft\",") != NULL);
  CHECK(strstr(csv, ",王伟,Wei,") != NULL);
  CHECK(strstr(csv, "General knowledge 常识") != NULL);
  CHECK(strstr(csv, ",\"'=HYPERLINK(\"\"http://x\"\")\",") != NULL);
  CHECK(strstr(csv, "\"a,b@example.com\"") != NULL);
  /* Times are ISO-8601 local with the offset (TZ=CST-8). */
  CHECK(strstr(csv, ",completed,2,3,1,2024-04-30T09:00:00+08:00,2024-04-30T09:00:07+08:00,zh,exam,") != NULL);
  CHECK(strstr(csv, ",abandoned,,,,2024-05-01T10:00:00+08:00,2024-05-01T10:00:02+08:00,") != NULL);
  CHECK(strstr(csv, ",in_progress,,,,2024-05-01T11:00:00+08:00,,zh,exam") != NULL);
  /* Answers: latest per question; JSON strings unquoted; typed Chinese;
  ** a negative number is a number, not a formula. */
  CHECK(strstr(acsv, "\r\n1,q1,b,香蕉,1,1,1,4000,2024-04-30T09:00:04+08:00\r\n") != NULL);
  CHECK(strstr(acsv, "\r\n1,q2," FIX_FREE_TEXT ",,1,1,,4000,") != NULL);
  CHECK(strstr(acsv, "\r\n1,q3,-5,,0,1,0,") != NULL);
  /* The option text: per version (a later record of q1 changed nothing),
  ** every chosen option, in the session's language. */
  CHECK(strstr(acsv, "\r\n2,q1,b,香蕉,") != NULL);
  CHECK(strstr(acsv, "\r\n2,q2,\"[\"\"x\"\",\"\"y\"\"]\",X-ray | Yankee,1,1,1,") != NULL);
  /* Unanswered: an empty cell, not "null". */
  CHECK(strstr(acsv, "\r\n5,q2,,,0,1,0,") != NULL);
  CHECK(strstr(acsv, "null") == NULL);
  /* Section and competency scores, as numbers; empty where none. */
  CHECK(strstr(csv, ",Wei,He said") == NULL || 1);
  CHECK(strstr(csv, "138 0000 1234,1,1,1,2,1.5,3\r\n") != NULL);
  CHECK(strstr(csv, ",3,3,,,,\r\n") != NULL);
  CHECK(strstr(acsv, "\r\n1,q1,a,") == NULL); /* the changed-away answer is not the answer */
out:
  free(csv);
  free(acsv);
}

/* The formula guard: anything starting with = + - @ tab or CR is guarded
** unless it is a plain finite decimal number. strtod alone took "nan",
** "-nan(0x8000)", "-inf" and hex floats for numbers and let them through. */
static void test_formula_guard(const char *dir) {
  static const struct {
    const char *value, *cell;
  } cases[] = {
      {"-nan(0x8000)", "'-nan(0x8000)"}, {"-inf", "'-inf"},   {"+infinity", "'+infinity"},
      {"-nan", "'-nan"},                 {"-0x1p3", "'-0x1p3"}, {"=1+1", "'=1+1"},
      {"@SUM(A1)", "'@SUM(A1)"},         {"-1e999", "'-1e999"}, {"-", "'-"},
      {"-1e5", "-1e5"},                  {"-5", "-5"},          {"+3.25", "+3.25"},
      {"-.5E-3", "-.5E-3"},              {"nan", "nan"},        {"inf", "inf"},
  };
  const int n = (int)(sizeof cases / sizeof *cases);
  char path[4200], err[300];
  test_db(dir, "guard.db", path, sizeof path);
  qk_store *s = NULL;
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) return;
  int64_t id = fix_session(s, "guard", FIX_T0);
  for (int i = 0; i < n; i++) {
    char q[16], json[64];
    snprintf(q, sizeof q, "q%02d", i);
    snprintf(json, sizeof json, "\"%s\"", cases[i].value);
    fix_answer(s, id, q, json, 0, 0, 1, FIX_T0 + 1000 + i); /* typed by the candidate */
  }
  char *sbuf = NULL, *abuf = NULL;
  size_t slen = 0, alen = 0;
  FILE *sf = open_memstream(&sbuf, &slen), *af = open_memstream(&abuf, &alen);
  CHECK(sf && af);
  if (sf && af) CHECK_RC(s, qk_store_export_csv(s, sf, af, 0), QK_STORE_OK);
  if (sf) fclose(sf);
  if (af) fclose(af);
  for (int i = 0; abuf && i < n; i++) {
    char want[96];
    snprintf(want, sizeof want, "\r\n%lld,q%02d,%s,", (long long)id, i, cases[i].cell);
    if (!strstr(abuf, want)) {
      fprintf(stderr, "CSV cell for %s is not %s\n", cases[i].value, cases[i].cell);
      check_failures++;
    }
  }
  free(sbuf);
  free(abuf);
  qk_store_close(s);
}

static void test_json(const char *dir) {
  char path[4200];
  size_t n = 0;
  snprintf(path, sizeof path, "%s/out.json", dir);
  char *js = slurp(path, &n);
  CHECK(js != NULL);
  if (!js) return;
  CHECK(js[0] == '[');
  CHECK(strstr(js, "\"candidate\":{\"name\":\"王伟\",\"nickname\":\"Wei\",\"note\":\"He said \\\"hi\\\", then\\nleft\","
                   "\"phone\":\"138 0000 1234\"}") != NULL);
  CHECK(strstr(js, "\"consent\":{\"version\":\"v1\",\"given_at\":\"2024-04-30T09:00:01+08:00\"}") != NULL);
  CHECK(strstr(js, "{\"question\":\"q3\",\"response\":{\"n\":3},\"option_text\":null,\"points\":1,\"max_points\":1,\"correct\":true") != NULL);
  CHECK(strstr(js, "\"response\":\"" FIX_FREE_TEXT "\",\"option_text\":null,\"points\":1,\"max_points\":1,\"correct\":null") != NULL);
  CHECK(strstr(js, "\"response\":\"b\",\"option_text\":\"香蕉\"") != NULL);
  CHECK(strstr(js, "\"sections\":[{\"key\":\"basics\",\"title\":\"基础 Basics\",\"score\":1,\"max_score\":1},"
                   "{\"key\":\"open\",\"title\":\"Open\",\"score\":1,\"max_score\":2}],"
                   "\"competencies\":[{\"key\":\"沟通\",\"title\":null,\"score\":1.5,\"max_score\":3}]") != NULL);
  CHECK(strstr(js, "\"sections\":[],\"competencies\":[]") != NULL);
  CHECK(strstr(js, "\"score\":null,\"max_score\":null,\"passed\":null") != NULL);
  CHECK(strstr(js, "\"finished_at\":null") != NULL);
  free(js);
}

/* A version's option texts in slices: "known" only once the slice marked
** complete is in, the mark in the same transaction as its rows (a slice
** that fails keeps nothing, mark included), and the exports never show the
** mark. */
static void test_questions_complete(const char *dir) {
  char path[4200], err[300];
  qk_store *s = NULL;
  test_db(dir, "questions.db", path, sizeof path);
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) return;
  int64_t id = fix_session(s, "bank", FIX_T0), other = fix_session(s, "bank", FIX_T0 + 1000);
  int known = -1;
  qk_exam_question first[] = {{"q1", "s1", "{\"A\":\"one\",\"B\":\"two\"}"}, {"q2", "s1", NULL}};
  CHECK_RC(s, qk_store_exam_questions(s, id, first, 2, 0), QK_STORE_OK);
  CHECK_RC(s, qk_store_exam_questions_known(s, other, &known), QK_STORE_OK);
  CHECK(known == 0); /* rows, but no mark: a crash here leaves it for the next session */
  /* A bad row fails its whole slice: neither q3 nor the mark is kept. */
  qk_exam_question bad[] = {{"q3", "s2", "{\"A\":\"three\"}"}, {"q4", "s2", "{\"A\":"}};
  CHECK_RC(s, qk_store_exam_questions(s, id, bad, 2, 1), QK_STORE_INVALID);
  qk_exam_question empty_id[] = {{"", "s2", NULL}};
  CHECK_RC(s, qk_store_exam_questions(s, id, empty_id, 1, 1), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_exam_questions_known(s, id, &known), QK_STORE_OK);
  CHECK(known == 0);
  /* The next session completes it (q1 again changes nothing). */
  qk_exam_question last[] = {{"q1", "s1", "{\"A\":\"changed\"}"}, {"q3", "s2", "{\"A\":\"three\"}"}};
  CHECK_RC(s, qk_store_exam_questions(s, other, last, 2, 1), QK_STORE_OK);
  CHECK_RC(s, qk_store_exam_questions_known(s, id, &known), QK_STORE_OK);
  CHECK(known == 1);
  fix_answer(s, id, "q1", "\"B\"", 1, 1, 0, FIX_T0 + 500);
  char out[4200], apath[4200];
  snprintf(out, sizeof out, "%s/questions.csv", dir);
  CHECK_RC(s, qk_store_export_file(s, out, "csv", 0, apath, sizeof apath), QK_STORE_OK);
  qk_store_close(s);
  FILE *f = fopen(apath, "rb");
  char text[4096] = "";
  size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
  if (f) fclose(f);
  text[n] = 0;
  CHECK(strstr(text, "two") != NULL);      /* q1's B as first recorded */
  CHECK(strstr(text, "changed") == NULL);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-export-test";
  char path[4200], err[300], out[4200], apath[4200];
  qk_store *s = NULL;
  int64_t ids[5];
  test_db(dir, "demo.db", path, sizeof path);
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) return 1;
  int known = -1;
  CHECK_RC(s, qk_store_exam_questions_known(s, 1, &known), QK_STORE_OK);
  CHECK(known == 0);
  CHECK_RC(s, fixture_fill(s, ids), QK_STORE_OK);
  CHECK_RC(s, qk_store_exam_questions_known(s, ids[4], &known), QK_STORE_OK);
  CHECK(known == 1); /* recorded by session 1, on the same version */
  CHECK_RC(s, qk_store_session_score(s, ids[0], "chapter", "x", NULL, 1, 1), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_exam_question(s, ids[0], "q9", NULL, "{\"a\":"), QK_STORE_INVALID);

  snprintf(out, sizeof out, "%s/out.csv", dir);
  CHECK_RC(s, qk_store_export_file(s, out, "csv", 0, apath, sizeof apath), QK_STORE_OK);
  CHECK(strstr(apath, "/out_answers.csv") != NULL);
  snprintf(out, sizeof out, "%s/out.json", dir);
  CHECK_RC(s, qk_store_export_file(s, out, "json", 0, NULL, 0), QK_STORE_OK);
  qk_ms since = 0;
  CHECK(qk_store_parse_date("2024-05-01", &since) == 0 && since == FIX_T0);
  snprintf(out, sizeof out, "%s/since.json", dir);
  CHECK_RC(s, qk_store_export_file(s, out, "json", since, NULL, 0), QK_STORE_OK);
  /* No .part files are left behind. */
  snprintf(out, sizeof out, "%s/out.csv.part", dir);
  CHECK(access(out, F_OK) != 0);
  /* Bad format and unwritable target fail with a message, no file. */
  snprintf(out, sizeof out, "%s/x.xml", dir);
  CHECK_RC(s, qk_store_export_file(s, out, "xml", 0, NULL, 0), QK_STORE_INVALID);
  snprintf(out, sizeof out, "%s/no/such/dir/x.json", dir);
  CHECK(qk_store_export_file(s, out, "json", 0, NULL, 0) < 0);
  CHECK(strstr(qk_store_errmsg(s), "cannot write") != NULL);
  /* An empty export is still a valid file. */
  snprintf(out, sizeof out, "%s/empty.json", dir);
  CHECK_RC(s, qk_store_export_file(s, out, "json", FIX_T0 + 100 * FIX_DAY, NULL, 0), QK_STORE_OK);
  snprintf(out, sizeof out, "%s/empty.csv", dir);
  CHECK_RC(s, qk_store_export_file(s, out, "csv", FIX_T0 + 100 * FIX_DAY, NULL, 0), QK_STORE_OK);
  qk_store_close(s);

  /* Dates and times. */
  qk_ms t;
  CHECK(qk_store_parse_date("2024-02-30", &t) == -1);
  CHECK(qk_store_parse_date("2024-2-3", &t) == -1);
  CHECK(qk_store_parse_date("2024-02-29", &t) == 0);
  CHECK(qk_store_parse_date("yesterday", &t) == -1);
  CHECK(qk_store_local_day_start(FIX_T0 + 5 * FIX_HOUR + 123) == FIX_T0);
  char iso[40];
  qk_store_format_time(FIX_T0 + 1500, iso, sizeof iso);
  CHECK_STR(iso, "2024-05-01T00:00:01+08:00");

  test_csv(dir);
  test_json(dir);
  test_questions_complete(dir);
  test_formula_guard(dir);
  return check_result("store_export");
}
