/*
** api_test.c — the store API: settings and kiosk id, recording a session
** (answers, changes of mind, events, checkpoint, end), what a crash leaves
** on disk, resume and interrupt windows, leaderboard, admin stats, recent
** results, re-scoring, and two stores side by side.
** Usage: qk_store_api_test DIR
*/
#include "check.h"

#include <math.h>
#include <sys/wait.h>

#define MIN ((qk_ms)60000)

static char hash_a[65], hash_b[65];

static int64_t begin(qk_store *s, const char *kiosk, const char *app, const char *exam, const char *hash,
                     qk_ms t) {
  qk_store_session_info in = {kiosk, app, exam, "Title", hash, 7, "en", "exam"};
  int64_t id = -1;
  CHECK_RC(s, qk_store_session_begin(s, &in, t, &id), QK_STORE_OK);
  return id;
}

static void answer(qk_store *s, int64_t id, const char *q, const char *json, double pts, qk_ms t) {
  qk_store_answer_in a = {q, json, pts, 1, pts > 0, 1500, 0};
  CHECK_RC(s, qk_store_answer(s, id, &a, t), QK_STORE_OK);
}

/* Callback helpers that copy what they see. */
typedef struct {
  int n;
  char kinds[32][16];
  char data[32][160];
} events_seen;

static int on_event(void *ud, const qk_store_event_row *e) {
  events_seen *v = ud;
  if (v->n < 32) {
    snprintf(v->kinds[v->n], sizeof v->kinds[0], "%s", e->kind);
    snprintf(v->data[v->n], sizeof v->data[0], "%s", e->data ? e->data : "(null)");
  }
  v->n++;
  return 0;
}

typedef struct {
  int n;
  char status[16];
  double score;
  int passed;
  qk_ms finished_at;
} session_seen;

static int on_session(void *ud, const qk_store_session_row *r) {
  session_seen *v = ud;
  v->n++;
  snprintf(v->status, sizeof v->status, "%s", r->status);
  v->score = r->score;
  v->passed = r->passed;
  v->finished_at = r->finished_at;
  return 0;
}

typedef struct {
  int n;
  char q[8][16], resp[8][64];
  double points[8];
} answers_seen;

static int on_answer(void *ud, const qk_store_answer_row *a) {
  answers_seen *v = ud;
  if (v->n < 8) {
    snprintf(v->q[v->n], 16, "%s", a->question);
    snprintf(v->resp[v->n], 64, "%s", a->response);
    v->points[v->n] = a->points;
  }
  v->n++;
  return 0;
}

static void test_settings(qk_store *s) {
  char buf[64], id1[64], id2[64];
  CHECK_RC(s, qk_store_setting_get(s, "kiosk_name", buf, sizeof buf), QK_STORE_NOTFOUND);
  CHECK_RC(s, qk_store_setting_set(s, "kiosk_name", "Booth 3 展台"), QK_STORE_OK);
  CHECK_RC(s, qk_store_setting_get(s, "kiosk_name", buf, sizeof buf), QK_STORE_OK);
  CHECK_STR(buf, "Booth 3 展台");
  CHECK_RC(s, qk_store_setting_set(s, "kiosk_name", "Booth 4"), QK_STORE_OK);
  CHECK_RC(s, qk_store_setting_get(s, "kiosk_name", buf, sizeof buf), QK_STORE_OK);
  CHECK_STR(buf, "Booth 4");
  CHECK_RC(s, qk_store_setting_get(s, "kiosk_name", buf, 4), QK_STORE_INVALID); /* too small */
  /* The PIN's keys are not reachable as config. */
  CHECK_RC(s, qk_store_setting_set(s, "pin.failures", "0"), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_setting_get(s, "pin.hash", buf, sizeof buf), QK_STORE_INVALID);
  CHECK(strstr(qk_store_errmsg(s), "reserved") != NULL);
  CHECK_RC(s, qk_store_kiosk_id(s, id1, sizeof id1), QK_STORE_OK);
  CHECK(!strncmp(id1, "kiosk-", 6) && strlen(id1) == 14);
  CHECK_RC(s, qk_store_kiosk_id(s, id2, sizeof id2), QK_STORE_OK);
  CHECK_STR(id2, id1);
  CHECK_RC(s, qk_store_setting_set(s, "kiosk_id", "desk-7"), QK_STORE_OK);
  CHECK_RC(s, qk_store_kiosk_id(s, id2, sizeof id2), QK_STORE_OK);
  CHECK_STR(id2, "desk-7");
  char h[65];
  qk_store_content_hash("abc", 3, h);
  CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_recording(qk_store *s) {
  const qk_ms t = 1000000;
  int64_t id = begin(s, "k1", "app", "exam1", hash_a, t);
  answer(s, id, "q1", "\"a\"", 0, t + 1000);
  answer(s, id, "q1", "\"b\"", 1, t + 2000); /* change of mind */
  answer(s, id, "q2", "{\"text\":\"hi\"}", 1, t + 3000);
  CHECK_RC(s, qk_store_event(s, id, t + 3500, "screen", "{\"screen\":\"end\"}", 0), QK_STORE_OK);
  CHECK_RC(s, qk_store_event(s, id, t + 3600, "tick", NULL, 0), QK_STORE_OK);
  CHECK_RC(s, qk_store_checkpoint(s, id, "{\"i\":2}", 30000, t + 3700), QK_STORE_OK);

  /* Bad input is refused with a reason, and nothing half-written. */
  qk_store_answer_in bad = {"q3", "not json", 1, 1, 1, 10, 0};
  CHECK_RC(s, qk_store_answer(s, id, &bad, t + 4000), QK_STORE_INVALID);
  CHECK(strstr(qk_store_errmsg(s), "JSON") != NULL);
  bad.response_json = "\"\xff\""; /* not UTF-8 */
  CHECK_RC(s, qk_store_answer(s, id, &bad, t + 4000), QK_STORE_INVALID);
  bad.response_json = "\"ok\"";
  bad.question = "";
  CHECK_RC(s, qk_store_answer(s, id, &bad, t + 4000), QK_STORE_INVALID);
  bad.question = "q3";
  CHECK_RC(s, qk_store_answer(s, 999999, &bad, t + 4000), QK_STORE_INVALID);
  CHECK(strstr(qk_store_errmsg(s), "no session 999999") != NULL);
  CHECK_RC(s, qk_store_event(s, id, t, "x", "{", 0), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_checkpoint(s, id, "[1,", 0, t), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_candidate_set(s, 999999, "name", "x"), QK_STORE_INVALID);
  CHECK(strstr(qk_store_errmsg(s), "no session") != NULL);
  CHECK_RC(s, qk_store_rubric(s, id, "q2", "{\"clarity\":2,\"depth\":1}", 3, "Li Na", t + 4100), QK_STORE_OK);
  CHECK_RC(s, qk_store_rubric(s, id, "q2", "nope", 3, "Li Na", t + 4100), QK_STORE_INVALID);

  answers_seen av = {0};
  CHECK_RC(s, qk_store_session_answers(s, id, on_answer, &av), QK_STORE_OK);
  CHECK(av.n == 2);
  CHECK_STR(av.q[0], "q1");
  CHECK_STR(av.resp[0], "\"b\""); /* the latest answer */
  CHECK(av.points[0] == 1);

  CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_IN_PROGRESS, 1, 2, 1, t + 5000), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_COMPLETED, 2, 2, 1, t + 5000), QK_STORE_OK);
  /* Ended sessions take no more answers or second ends. */
  bad.question = "q9";
  CHECK_RC(s, qk_store_answer(s, id, &bad, t + 6000), QK_STORE_INVALID);
  CHECK(strstr(qk_store_errmsg(s), "completed, not in progress") != NULL);
  CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_ABANDONED, 0, 2, 0, t + 6000), QK_STORE_INVALID);

  /* The log has every change of mind, in order, and the end. */
  events_seen ev = {0};
  CHECK_RC(s, qk_store_session_events(s, id, on_event, &ev), QK_STORE_OK);
  CHECK(ev.n == 6);
  CHECK_STR(ev.kinds[0], "answer");
  CHECK(strstr(ev.data[0], "\"response\":\"a\"") != NULL);
  CHECK(strstr(ev.data[1], "\"response\":\"b\"") != NULL);
  CHECK(strstr(ev.data[1], "\"correct\":true") != NULL);
  CHECK(strstr(ev.data[2], "\"response\":{\"text\":\"hi\"}") != NULL);
  CHECK_STR(ev.kinds[3], "screen");
  CHECK_STR(ev.data[4], "(null)");
  CHECK_STR(ev.kinds[5], "status");
  CHECK_STR(ev.data[5], "{\"status\":\"completed\"}");

  session_seen sv = {0};
  CHECK_RC(s, qk_store_session_get(s, id, on_session, &sv), QK_STORE_OK);
  CHECK(sv.n == 1 && !strcmp(sv.status, "completed") && sv.score == 2 && sv.passed == 1 &&
        sv.finished_at == t + 5000);
  CHECK_RC(s, qk_store_session_get(s, 424242, on_session, &sv), QK_STORE_NOTFOUND);

  /* Re-scoring keeps a record. */
  CHECK_RC(s, qk_store_rescore_answer(s, id, "q1", 0.5, 0, "key was wrong", t + 9000), QK_STORE_OK);
  CHECK_RC(s, qk_store_rescore_session(s, id, 1.5, 2, 1, "key was wrong", t + 9000), QK_STORE_OK);
  CHECK_RC(s, qk_store_rescore_answer(s, id, "nope", 1, 1, "x", t + 9000), QK_STORE_NOTFOUND);
  CHECK_RC(s, qk_store_rescore_session(s, 777777, 1, 1, 1, "x", t + 9000), QK_STORE_NOTFOUND);
  int changes = -1;
  CHECK_RC(s, qk_store_score_changes(s, id, &changes), QK_STORE_OK);
  CHECK(changes == 2);
  memset(&sv, 0, sizeof sv);
  qk_store_session_get(s, id, on_session, &sv);
  CHECK(sv.score == 1.5);
  memset(&av, 0, sizeof av);
  qk_store_session_answers(s, id, on_answer, &av);
  CHECK(av.points[0] == 0.5);
  memset(&ev, 0, sizeof ev);
  qk_store_session_events(s, id, on_event, &ev);
  CHECK(ev.n == 8 && !strcmp(ev.kinds[6], "rescore"));
  CHECK(strstr(ev.data[6], "\"old\":{\"points\":1.0,\"correct\":1}") != NULL ||
        strstr(ev.data[6], "\"old\":{\"points\":1,\"correct\":1}") != NULL);
  CHECK(strstr(ev.data[6], "key was wrong") != NULL);

  /* Sessions of an exam, oldest first. */
  session_seen all = {0};
  CHECK_RC(s, qk_store_exam_sessions(s, "app", "exam1", on_session, &all), QK_STORE_OK);
  CHECK(all.n == 1);
}

/* What is committed survives the process dying without closing anything. */
static void test_crash(const char *dir) {
  char path[4200];
  test_db(dir, "crash.db", path, sizeof path);
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    qk_store *c = NULL;
    char err[300];
    int64_t id;
    if (qk_store_open(path, &c, err, sizeof err)) _exit(3);
    qk_store_session_info in = {"k1", "app", "e", NULL, "h", 1, NULL, NULL};
    qk_store_answer_in a = {"q1", "\"b\"", 1, 1, 1, 100, 0};
    if (qk_store_session_begin(c, &in, 5000, &id) || qk_store_answer(c, id, &a, 6000) ||
        qk_store_checkpoint(c, id, "{\"i\":1}", 1000, 6001))
      _exit(4);
    _exit(0); /* "power cut": no close, no checkpoint of the WAL */
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  qk_store *s = NULL;
  char err[300];
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) return;
  qk_store_resume r;
  CHECK_RC(s, qk_store_find_resumable(s, "k1", "app", 7000, MIN, &r), QK_STORE_OK);
  CHECK(r.n_answers == 1 && r.answers && !strcmp(r.answers[0].response, "\"b\""));
  CHECK(r.checkpoint && !strcmp(r.checkpoint, "{\"i\":1}") && r.remaining_ms == 1000);
  qk_store_resume_free(&r);
  qk_store_close(s);
}

static void test_resume(qk_store *s) {
  const qk_ms t = 50000000;
  int64_t old = begin(s, "k2", "app", "exam1", hash_a, t);
  int64_t recent = begin(s, "k2", "app", "exam1", hash_a, t + 20 * MIN);
  int64_t other_kiosk = begin(s, "k3", "app", "exam1", hash_a, t);
  int64_t other_app = begin(s, "k2", "app2", "exam1", hash_a, t);
  answer(s, recent, "q1", "\"b\"", 1, t + 21 * MIN);
  answer(s, recent, "q2", "[1,2]", 0, t + 22 * MIN);
  CHECK_RC(s, qk_store_checkpoint(s, recent, "{\"step\":3}", 45000, t + 22 * MIN), QK_STORE_OK);

  qk_store_resume r;
  /* Now t+25min, window 10 min: "recent" (active at +22) resumes. */
  CHECK_RC(s, qk_store_find_resumable(s, "k2", "app", t + 25 * MIN, 10 * MIN, &r), QK_STORE_OK);
  CHECK(r.session_id == recent);
  CHECK(r.checkpoint && !strcmp(r.checkpoint, "{\"step\":3}"));
  CHECK(r.remaining_ms == 45000 && r.last_activity == t + 22 * MIN);
  CHECK(r.n_answers == 2 && !strcmp(r.answers[1].question, "q2") && !strcmp(r.answers[1].response, "[1,2]"));
  qk_store_resume_free(&r);
  CHECK(r.answers == NULL && r.checkpoint == NULL);
  /* Window 2 min: too old. */
  CHECK_RC(s, qk_store_find_resumable(s, "k2", "app", t + 25 * MIN, 2 * MIN, &r), QK_STORE_NOTFOUND);
  CHECK(r.session_id == 0 && r.checkpoint == NULL);
  /* The boundary is inclusive: exactly window ms ago still resumes. */
  CHECK_RC(s, qk_store_find_resumable(s, "k2", "app", t + 25 * MIN, 3 * MIN, &r), QK_STORE_OK);
  qk_store_resume_free(&r);

  /* Interrupt with a 10 min window: only "old" of k2/app. */
  int n = -1;
  CHECK_RC(s, qk_store_interrupt_stale(s, "k2", "app", t + 25 * MIN, 10 * MIN, &n), QK_STORE_OK);
  CHECK(n == 1);
  session_seen sv = {0};
  qk_store_session_get(s, old, on_session, &sv);
  CHECK_STR(sv.status, "interrupted");
  CHECK(sv.finished_at == t); /* when it really stopped */
  memset(&sv, 0, sizeof sv);
  qk_store_session_get(s, recent, on_session, &sv);
  CHECK_STR(sv.status, "in_progress");
  memset(&sv, 0, sizeof sv);
  qk_store_session_get(s, other_kiosk, on_session, &sv);
  CHECK_STR(sv.status, "in_progress");
  memset(&sv, 0, sizeof sv);
  qk_store_session_get(s, other_app, on_session, &sv);
  CHECK_STR(sv.status, "in_progress");
  events_seen ev = {0};
  qk_store_session_events(s, old, on_event, &ev);
  CHECK(ev.n == 1 && !strcmp(ev.kinds[0], "status") && strstr(ev.data[0], "interrupted"));
  /* Never deleted, and not resumable any more, even inside its window:
  ** at t+9min with a 30 min window the only candidate is "recent" (13 min
  ** ahead, inside the window on the future side too). */
  CHECK_RC(s, qk_store_find_resumable(s, "k2", "app", t + 9 * MIN, 30 * MIN, &r), QK_STORE_OK);
  CHECK(r.session_id == recent);
  qk_store_resume_free(&r);
  /* app NULL: any app of the kiosk; an hour later everything is stale. */
  CHECK_RC(s, qk_store_interrupt_stale(s, "k2", NULL, t + 90 * MIN, 10 * MIN, &n), QK_STORE_OK);
  CHECK(n == 2);
  CHECK_RC(s, qk_store_find_resumable(s, "k2", NULL, t + 90 * MIN, 100 * MIN, &r), QK_STORE_NOTFOUND);
  CHECK_RC(s, qk_store_find_resumable(s, "k3", NULL, t + 1 * MIN, 10 * MIN, &r), QK_STORE_OK);
  CHECK(r.session_id == other_kiosk && r.checkpoint == NULL && r.remaining_ms == -1 && r.n_answers == 0);
  qk_store_resume_free(&r);
}

static void finish(qk_store *s, int64_t id, qk_session_status st, double score, double max, int passed,
                   qk_ms t) {
  CHECK_RC(s, qk_store_session_finish(s, id, st, score, max, passed, t), QK_STORE_OK);
}

static void test_admin(const char *dir) {
  char path[4200], err[300];
  qk_store *s = NULL;
  test_db(dir, "admin.db", path, sizeof path);
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) return;
  const qk_ms day = 1714492800000, before = day - 3600000;
  /* Yesterday: one completed 10/10, must not count today. */
  int64_t y = begin(s, "k", "app", "gk", hash_a, before);
  finish(s, y, QK_SESSION_COMPLETED, 10, 10, 1, before + 1000);
  int64_t a = begin(s, "k", "app", "gk", hash_a, day + 1000);
  qk_store_candidate_set(s, a, "name", "Alice Real");
  qk_store_candidate_set(s, a, "nickname", "Ali");
  finish(s, a, QK_SESSION_COMPLETED, 8, 10, 1, day + 5000);
  int64_t b = begin(s, "k", "app", "gk", hash_a, day + 2000);
  qk_store_candidate_set(s, b, "name", "Bob");
  finish(s, b, QK_SESSION_COMPLETED, 8, 10, 1, day + 4000); /* same score, earlier finish */
  int64_t c = begin(s, "k", "app", "gk", hash_b, day + 3000); /* edited question set */
  qk_store_candidate_set(s, c, "nickname", "");
  finish(s, c, QK_SESSION_COMPLETED, 4, 8, 0, day + 6000);
  int64_t d = begin(s, "k", "app", "gk", hash_a, day + 3500);
  finish(s, d, QK_SESSION_ABANDONED, NAN, NAN, -1, day + 7000);
  int64_t e = begin(s, "k", "app", "gk", hash_a, day + 3600);
  finish(s, e, QK_SESSION_TIMED_OUT, 2, 10, 0, day + 8000);
  begin(s, "k", "app", "gk", hash_a, day + 3700); /* still in progress */
  int64_t f = begin(s, "k", "app", "other", hash_a, day + 3800);
  finish(s, f, QK_SESSION_COMPLETED, 1, 2, 1, day + 9000);

  qk_store_leader top[10];
  int n = -1;
  CHECK_RC(s, qk_store_leaderboard(s, "app", "gk", NULL, 0, top, &n), QK_STORE_OK);
  CHECK(n == 4);
  if (n == 4) {
    CHECK(top[0].session_id == y);
    CHECK(top[1].session_id == b && !strcmp(top[1].name, "Bob")); /* tie: earlier finish */
    CHECK(top[2].session_id == a && !strcmp(top[2].name, "Ali")); /* nickname first */
    CHECK(top[3].session_id == c && !strcmp(top[3].name, ""));
    CHECK(top[1].score == 8 && top[1].max_score == 10 && top[1].finished_at == day + 4000);
  }
  CHECK_RC(s, qk_store_leaderboard(s, "app", "gk", NULL, 2, top, &n), QK_STORE_OK);
  CHECK(n == 2);
  CHECK_RC(s, qk_store_leaderboard(s, "app", "gk", hash_b, 10, top, &n), QK_STORE_OK);
  CHECK(n == 1 && top[0].session_id == c);

  qk_store_stats st;
  CHECK_RC(s, qk_store_stats_since(s, day, &st), QK_STORE_OK);
  CHECK(st.started == 7 && st.completed == 4 && st.abandoned == 1 && st.timed_out == 1 &&
        st.interrupted == 0 && st.in_progress == 1);
  CHECK(fabs(st.completion_rate - 4.0 / 6.0) < 1e-9);
  CHECK(fabs(st.pass_rate - 3.0 / 4.0) < 1e-9);
  CHECK(fabs(st.avg_score_pct - (80 + 80 + 50 + 50) / 4.0) < 1e-9);
  CHECK_RC(s, qk_store_stats_since(s, day + 86400000, &st), QK_STORE_OK);
  CHECK(st.started == 0 && isnan(st.completion_rate) && isnan(st.pass_rate) && isnan(st.avg_score_pct));
  qk_store_result rr[3];
  CHECK_RC(s, qk_store_recent(s, 3, rr, &n), QK_STORE_OK);
  CHECK(n == 3);
  if (n == 3) {
    CHECK(rr[0].session_id == f && rr[0].time == day + 9000 && !strcmp(rr[0].exam, "other"));
    CHECK(rr[1].session_id == e && !strcmp(rr[1].status, "timed_out") && rr[1].passed == 0);
    CHECK(rr[2].session_id == d && isnan(rr[2].score) && rr[2].passed == -1);
  }
  qk_store_result many[10];
  CHECK_RC(s, qk_store_recent(s, 10, many, &n), QK_STORE_OK);
  CHECK(n == 7);
  for (int i = 0; i < n; i++)
    if (many[i].session_id == a) CHECK_STR(many[i].name, "Alice Real"); /* HR sees the real name */
  /* A completed session without a verdict (passed -1), half past an hour:
  ** the hourly counts take it (no NULL in them), and a "since" inside
  ** that hour counts it from the sessions themselves. */
  const qk_ms later = day + 3 * 86400000 + 1800000;
  int64_t g = begin(s, "k", "app", "gk", hash_a, later);
  finish(s, g, QK_SESSION_COMPLETED, 5, 10, -1, later + 1000);
  CHECK_RC(s, qk_store_stats_since(s, later - 900000, &st), QK_STORE_OK);
  CHECK(st.started == 1 && st.completed == 1 && isnan(st.pass_rate) && fabs(st.avg_score_pct - 50) < 1e-9);
  CHECK_RC(s, qk_store_stats_since(s, later - 1800000, &st), QK_STORE_OK); /* the whole hour */
  CHECK(st.started == 1 && st.completed == 1);
  CHECK_RC(s, qk_store_stats_since(s, later + 1, &st), QK_STORE_OK);
  CHECK(st.started == 0);
  CHECK_RC(s, qk_store_stats_since(s, day, &st), QK_STORE_OK);
  CHECK(st.started == 8 && st.completed == 5 && fabs(st.pass_rate - 3.0 / 4.0) < 1e-9);
  /* A rescore moves the session's share of the counts. */
  CHECK_RC(s, qk_store_rescore_session(s, g, 10, 10, 1, "test", later + 5000), QK_STORE_OK);
  CHECK_RC(s, qk_store_stats_since(s, later - 900000, &st), QK_STORE_OK);
  CHECK(st.completed == 1 && fabs(st.pass_rate - 1) < 1e-9 && fabs(st.avg_score_pct - 100) < 1e-9);
  int rank = 0, total = 0;
  CHECK_RC(s, qk_store_leader_rank(s, "app", "gk", g, &rank, &total), QK_STORE_OK);
  CHECK(rank == 2 && total == 5); /* 10/10 like y, which finished earlier */

  qk_store_close(s);
}

/* Names longer than the buffer are cut on a character boundary. */
static void test_long_name(qk_store *s) {
  char name[400] = "";
  for (int i = 0; i < 60; i++) strcat(name, "王");
  int64_t id = begin(s, "k9", "app", "long", hash_a, 1);
  qk_store_candidate_set(s, id, "nickname", name);
  CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_COMPLETED, 1, 1, 1, 2), QK_STORE_OK);
  qk_store_leader top[1];
  int n = 0;
  CHECK_RC(s, qk_store_leaderboard(s, "app", "long", NULL, 1, top, &n), QK_STORE_OK);
  CHECK(n == 1 && strlen(top[0].name) == 93 && strlen(top[0].name) % 3 == 0);
}

/* Two stores side by side: separate files, and one file from two handles. */
static void test_two(const char *dir) {
  char p1[4200], p2[4200], err[300];
  qk_store *a = NULL, *b = NULL, *c = NULL;
  test_db(dir, "two1.db", p1, sizeof p1);
  test_db(dir, "two2.db", p2, sizeof p2);
  CHECK_RC(a, qk_store_open(p1, &a, err, sizeof err), QK_STORE_OK);
  CHECK_RC(b, qk_store_open(p2, &b, err, sizeof err), QK_STORE_OK);
  CHECK_RC(c, qk_store_open(p1, &c, err, sizeof err), QK_STORE_OK);
  if (!a || !b || !c) goto out;
  qk_store_setting_set(a, "x", "1");
  qk_store_setting_set(b, "x", "2");
  char buf[8];
  CHECK_RC(c, qk_store_setting_get(c, "x", buf, sizeof buf), QK_STORE_OK);
  CHECK_STR(buf, "1");
  CHECK_RC(b, qk_store_setting_get(b, "x", buf, sizeof buf), QK_STORE_OK);
  CHECK_STR(buf, "2");
  /* An error on one leaves the other's message alone. */
  qk_store_setting_get(a, "pin.hash", buf, sizeof buf);
  CHECK(strstr(qk_store_errmsg(a), "reserved") && !strstr(qk_store_errmsg(b), "reserved"));
out:
  qk_store_close(a);
  qk_store_close(b);
  qk_store_close(c);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-api-test";
  char path[4200], err[300];
  qk_store_content_hash("set A", 5, hash_a);
  qk_store_content_hash("set B", 5, hash_b);
  /* Missing folders are created. */
  char sub[4200];
  snprintf(sub, sizeof sub, "%s/new/deeper", dir);
  char cmd[4300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s/new'", dir);
  if (system(cmd) != 0) return 1;
  snprintf(path, sizeof path, "%s/api.db", sub);
  qk_store *s = NULL;
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) {
    fprintf(stderr, "open failed: %s\n", err);
    return 1;
  }
  CHECK(qk_store_schema_version(s) == qk_store_latest_schema_version());
  CHECK(qk_store_latest_schema_version() >= 2);
  test_settings(s);
  test_recording(s);
  test_resume(s);
  test_long_name(s);
  qk_store_close(s);
  test_crash(dir);
  test_admin(dir);
  test_two(dir);
  return check_result("store_api");
}
