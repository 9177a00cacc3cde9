/*
** outbox_test.c — the 3 -> 4 migration and the outbox (issue 12 items 1-2).
**   1. A database written by the quizkiosk before fleets (fixtures/v3.db,
**      made with qk_store_fixture at commit e196dae) upgrades: every session
**      gets a distinct UUID, events and answers are numbered 1..n per
**      session, every existing row is queued, and the data is unchanged.
**   2. New writes queue exactly what they changed, in the same
**      transaction: the "recorded <=> queued" invariant holds.
**   3. A writer SIGKILLed at moments drawn from a fixed seed, 25 times,
**      never leaves a row recorded but not queued or queued but not
**      recorded (the invariant below, checked on the file afterwards).
**   4. outbox_read gives each row's current state; outbox_sent drops
**      only what was sent; a bundle file holds the whole outbox.
**   5. Records the server refused (schema 7): set aside, held, listed,
**      counted, queued again; nothing deleted.
** Usage: qk_fleet_outbox_test SRCDIR WORKDIR
*/
#include "../store/check.h"
#include "outbox.h"

#include <math.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

/* Every row's changes are queued once each, and nothing else is: with
** nothing sent, a session has `version` queue entries (insert + each
** status/score change), an answer `version`, an event `version`, and every
** queue entry names a row that exists (candidates aside: a deleted field
** is queued so the centre deletes it too). Returns the number of rows that
** break it (0 = holds), or -1 when it cannot be read. */
static const char invariant_sql[] =
    "SELECT (SELECT count(*) FROM sessions s LEFT JOIN (SELECT session_id, count(*) c FROM outbox "
    "  WHERE kind = 'session' GROUP BY session_id) o ON o.session_id = s.id "
    "  WHERE coalesce(o.c, 0) <> s.version) "
    "+ (SELECT count(*) FROM answers a LEFT JOIN (SELECT session_id, ref, count(*) c FROM outbox "
    "  WHERE kind = 'answer' GROUP BY session_id, ref) o ON o.session_id = a.session_id "
    "  AND o.ref = a.question WHERE coalesce(o.c, 0) <> a.version) "
    "+ (SELECT count(*) FROM events v LEFT JOIN (SELECT ref, count(*) c FROM outbox "
    "  WHERE kind = 'event' GROUP BY ref) o ON o.ref = CAST(v.id AS TEXT) "
    "  WHERE coalesce(o.c, 0) <> v.version) "
    "+ (SELECT count(*) FROM outbox o WHERE o.kind = 'answer' AND NOT EXISTS(SELECT 1 FROM answers a "
    "  WHERE a.session_id = o.session_id AND a.question = o.ref)) "
    "+ (SELECT count(*) FROM outbox o WHERE o.kind = 'event' AND NOT EXISTS(SELECT 1 FROM events v "
    "  WHERE v.id = CAST(o.ref AS INTEGER))) "
    "+ (SELECT count(*) FROM outbox o WHERE o.kind = 'session' AND NOT EXISTS(SELECT 1 FROM sessions s "
    "  WHERE s.id = o.session_id))";

static int q(const char *db, const char *sql) { return test_sql(db, sql, NULL, 0); }

static void copy_file(const char *from, const char *to) {
  size_t n = 0;
  char *data = slurp(from, &n);
  FILE *f = fopen(to, "wb");
  CHECK(data && f);
  if (data && f) CHECK(fwrite(data, 1, n, f) == n);
  if (f) fclose(f);
  free(data);
}

static void upgrade(const char *src, const char *dir) {
  char fixture[4200], db[4200], out[200];
  snprintf(fixture, sizeof fixture, "%s/tests/fleet/fixtures/v3.db", src);
  test_db(dir, "upgraded.db", db, sizeof db);
  copy_file(fixture, db);
  CHECK(q(db, "PRAGMA user_version") == 3);
  int sessions = q(db, "SELECT count(*) FROM sessions"), answers = q(db, "SELECT count(*) FROM answers"),
      events = q(db, "SELECT count(*) FROM events"), cands = q(db, "SELECT count(*) FROM candidates");
  char before[200], after[200];
  test_sql(db, "SELECT group_concat(id || status || coalesce(score, '') || response, ',') FROM "
               "sessions JOIN answers ON session_id = id", before, sizeof before);
  CHECK(sessions == 5 && answers == 9 && events == 17 && cands == 7);

  qk_store *s = test_open(db);
  if (!s) return;
  CHECK(qk_store_schema_version(s) == qk_store_latest_schema_version());
  CHECK(q(db, "SELECT count(DISTINCT uuid) FROM sessions") == sessions);
  CHECK(q(db, "SELECT count(*) FROM sessions WHERE uuid GLOB "
              "'[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-"
              "[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-4[0-9a-f][0-9a-f][0-9a-f]-"
              "[89ab][0-9a-f][0-9a-f][0-9a-f]-*' AND length(uuid) = 36") == sessions);
  /* 1..n per session, no gaps */
  CHECK(q(db, "SELECT count(*) FROM (SELECT session_id, max(seq) m, count(*) c, min(seq) lo FROM events "
              "GROUP BY session_id) WHERE m <> c OR lo <> 1") == 0);
  CHECK(q(db, "SELECT count(*) FROM (SELECT session_id, max(seq) m, count(*) c, min(seq) lo FROM answers "
              "GROUP BY session_id) WHERE m <> c OR lo <> 1") == 0);
  CHECK(q(db, "SELECT count(*) FROM events WHERE seq IS NULL") == 0);
  CHECK(q(db, "SELECT count(*) FROM outbox") == sessions + answers + events + cands);
  CHECK(q(db, invariant_sql) == 0);
  test_sql(db, "SELECT group_concat(id || status || coalesce(score, '') || response, ',') FROM "
               "sessions JOIN answers ON session_id = id", after, sizeof after);
  CHECK_STR(after, before);
  /* The first queued thing is a session: the others refer to it. */
  test_sql(db, "SELECT kind FROM outbox ORDER BY id LIMIT 1", out, sizeof out);
  CHECK_STR(out, "session");
  qk_store_close(s);
  /* Opening again migrates nothing more. */
  s = test_open(db);
  CHECK(q(db, "SELECT count(*) FROM outbox") == sessions + answers + events + cands);
  qk_store_close(s);
}

static const qk_store_session_info info = {"kiosk-t", "app", "exam1", "Exam", "hash1", 7, "en", "practice"};

typedef struct {
  int n;
  char kinds[64];
  char last[4096];
} seen;

static int see(void *ud, const qk_outbox_rec *r) {
  seen *v = ud;
  if (v->n < 60) v->kinds[v->n] = r->kind[0];
  v->n++;
  snprintf(v->last, sizeof v->last, "%s", r->row ? r->row : "(gone)");
  return 0;
}

static void queue_new_writes(const char *dir) {
  char db[4200], bundle[4300];
  test_db(dir, "new.db", db, sizeof db);
  qk_store *s = test_open(db);
  if (!s) return;
  int64_t id = 0, n = 0;
  CHECK_RC(s, qk_store_session_begin(s, &info, 1000, &id), QK_STORE_OK);
  qk_store_answer_in a = {"q1", "\"b\"", 1, 1, 1, 500, 0};
  CHECK_RC(s, qk_store_answer(s, id, &a, 2000), QK_STORE_OK);
  a.response_json = "\"c\"";
  a.points = 0;
  a.correct = 0;
  CHECK_RC(s, qk_store_answer(s, id, &a, 3000), QK_STORE_OK); /* change of mind */
  CHECK_RC(s, qk_store_candidate_set(s, id, "name", "Ann Lee"), QK_STORE_OK);
  CHECK_RC(s, qk_store_checkpoint(s, id, "{}", -1, 3500), QK_STORE_OK); /* local only: not queued */
  CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_COMPLETED, 0, 1, 0, 4000), QK_STORE_OK);
  CHECK_RC(s, qk_store_outbox_backlog(s, &n), QK_STORE_OK);
  /* session, answer + event, answer + event, candidate, session + status event */
  CHECK(n == 8);
  CHECK(q(db, invariant_sql) == 0);
  seen v = {0};
  CHECK_RC(s, qk_store_outbox_read(s, 0, 100, see, &v), QK_STORE_OK);
  CHECK(v.n == 8);
  CHECK(!strncmp(v.kinds, "saeaecse", 8));
  /* Rows are read as they are now: the answer says "c", version 2. */
  CHECK(q(db, "SELECT version FROM answers") == 2);
  seen w = {0};
  CHECK_RC(s, qk_store_outbox_read(s, 1, 1, see, &w), QK_STORE_OK);
  CHECK(strstr(w.last, "\"response\":\"c\"") && strstr(w.last, "\"version\":2") &&
        strstr(w.last, "\"seq\":1"));
  /* The bundle holds every record, after a header that counts them. */
  snprintf(bundle, sizeof bundle, "%s/out.bundle", dir);
  int64_t nb = 0;
  CHECK_RC(s, qk_store_outbox_export(s, "kiosk-t", bundle, &nb), QK_STORE_OK);
  CHECK(nb == 8);
  size_t len = 0;
  char *text = slurp(bundle, &len);
  CHECK(text && !strncmp(text, "{\"quizkiosk_bundle\":1,\"kiosk\":\"kiosk-t\",\"records\":8}\n", 52));
  int lines = 0;
  for (size_t i = 0; text && i < len; i++) lines += text[i] == '\n';
  CHECK(lines == 9);
  free(text);
  /* Sent up to the 4th: the rest stays, and new writes queue after it. */
  CHECK_RC(s, qk_store_outbox_sent(s, 4), QK_STORE_OK);
  CHECK_RC(s, qk_store_outbox_backlog(s, &n), QK_STORE_OK);
  CHECK(n == 4);
  CHECK_RC(s, qk_store_rescore_session(s, id, 1, 1, 1, "key fixed", 5000), QK_STORE_OK);
  CHECK_RC(s, qk_store_outbox_backlog(s, &n), QK_STORE_OK);
  CHECK(n > 4);
  /* Purge empties the name: queued, and read as gone (value null). */
  qk_store_purge_report rep;
  CHECK_RC(s, qk_store_purge(s, 10000, 11000, &rep), QK_STORE_OK);
  CHECK(q(db, "SELECT count(*) FROM outbox WHERE kind = 'candidate'") == 2);
  seen g = {0};
  int64_t last_cand = q(db, "SELECT max(id) FROM outbox WHERE kind = 'candidate'");
  CHECK_RC(s, qk_store_outbox_read(s, last_cand - 1, 1, see, &g), QK_STORE_OK);
  CHECK(strstr(g.last, "\"field\":\"name\"") && strstr(g.last, "\"value\":null"));
  int64_t local = 0;
  char uuid[64];
  test_sql(db, "SELECT uuid FROM sessions", uuid, sizeof uuid);
  CHECK_RC(s, qk_store_session_by_uuid(s, uuid, &local), QK_STORE_OK);
  CHECK(local == id);
  CHECK_RC(s, qk_store_session_by_uuid(s, "nope", &local), QK_STORE_NOTFOUND);
  qk_store_close(s);
}

static int count_cb(void *ud, const qk_outbox_rec *r) {
  (void)r;
  (*(int *)ud)++;
  return 0;
}

typedef struct {
  int refused, held;
  int64_t held_by;
  char reason[200];
} listed;

static int list_cb(void *ud, const qk_outbox_refused_rec *r) {
  listed *l = ud;
  if (r->refused_at) {
    l->refused++;
    snprintf(l->reason, sizeof l->reason, "%s %s", r->code, r->reason);
  } else {
    l->held++;
    l->held_by = r->held_by;
  }
  return 0;
}

/* 5. Records the server refused (schema 7): set aside, a refused session
**    holding its later records, never sent or marked sent, listed, counted,
**    queued again in their places; nothing deleted. */
static void refused_records(const char *dir) {
  char db[4200];
  test_db(dir, "refused.db", db, sizeof db);
  qk_store *s = test_open(db);
  if (!s) return;
  CHECK(q(db, "PRAGMA user_version") >= 7);
  int64_t a = 0, b = 0;
  qk_store_answer_in ans = {"q1", "\"b\"", 1, 1, 1, 500, 0};
  CHECK_RC(s, qk_store_session_begin(s, &info, 1000, &a), QK_STORE_OK);
  CHECK_RC(s, qk_store_answer(s, a, &ans, 1100), QK_STORE_OK);
  CHECK_RC(s, qk_store_session_begin(s, &info, 1200, &b), QK_STORE_OK);
  CHECK_RC(s, qk_store_answer(s, b, &ans, 1300), QK_STORE_OK);
  int total = q(db, "SELECT count(*) FROM outbox");
  int of_a = q(db, "SELECT count(*) FROM outbox WHERE session_id = (SELECT min(id) FROM sessions)");
  CHECK(total == 6 && of_a == 3); /* session, answer, event each */
  int64_t a_first = q(db, "SELECT min(id) FROM outbox");
  CHECK_RC(s, qk_store_outbox_refuse(s, a_first, "P0001", "under review", 5000), QK_STORE_OK);
  qk_outbox_counts n;
  CHECK_RC(s, qk_store_outbox_counts(s, &n), QK_STORE_OK);
  CHECK(n.refused == 1 && n.held == of_a - 1 && n.pending == total - of_a && n.last_at == 5000);
  CHECK_STR(n.last_code, "P0001");
  CHECK_STR(n.last_reason, "under review");
  int64_t backlog = 0;
  CHECK_RC(s, qk_store_outbox_backlog(s, &backlog), QK_STORE_OK);
  CHECK(backlog == total - of_a);
  /* Read: only B's; marked sent up to the last id: B's go, A's stay. */
  int read = 0;
  CHECK_RC(s, qk_store_outbox_read(s, 0, 100, count_cb, &read), QK_STORE_OK);
  CHECK(read == total - of_a);
  CHECK_RC(s, qk_store_outbox_sent(s, q(db, "SELECT max(id) FROM outbox")), QK_STORE_OK);
  CHECK(q(db, "SELECT count(*) FROM outbox") == of_a);
  /* A later write of A waits too; one of B's refused alone holds nothing. */
  ans.question = "q2";
  CHECK_RC(s, qk_store_answer(s, a, &ans, 1400), QK_STORE_OK);
  CHECK_RC(s, qk_store_answer(s, b, &ans, 1500), QK_STORE_OK);
  int64_t b_answer =
      q(db, "SELECT id FROM outbox WHERE kind = 'answer' AND session_id = (SELECT max(id) FROM sessions)");
  CHECK_RC(s, qk_store_outbox_refuse(s, b_answer, "23514", "violates check", 6000), QK_STORE_OK);
  CHECK_RC(s, qk_store_outbox_refuse(s, b_answer, "22000", "again", 7000), QK_STORE_OK); /* keeps the first */
  CHECK_RC(s, qk_store_outbox_counts(s, &n), QK_STORE_OK);
  CHECK(n.refused == 2 && n.held == of_a - 1 + 2 && n.pending == 1 && n.last_at == 6000);
  CHECK_STR(n.last_reason, "violates check");
  listed l = {0};
  CHECK_RC(s, qk_store_outbox_refused(s, list_cb, &l), QK_STORE_OK);
  CHECK(l.refused == 2 && l.held == of_a + 1 && l.held_by == a_first);
  CHECK_STR(l.reason, "23514 violates check");
  /* A record set aside while its batch was in flight is not marked sent. */
  int64_t ids[2] = {b_answer, q(db, "SELECT max(id) FROM outbox WHERE refused_at IS NULL AND session_id = "
                                    "(SELECT max(id) FROM sessions)")};
  CHECK_RC(s, qk_store_outbox_sent_ids(s, ids, 2), QK_STORE_OK);
  CHECK(q(db, "SELECT count(*) FROM outbox WHERE id = (SELECT max(id) FROM outbox WHERE refused_at IS NOT NULL)") == 1);
  /* Resend: all of it queued again, in the order it was made. */
  int64_t again = 0, waited = 0;
  CHECK_RC(s, qk_store_outbox_resend(s, &again, &waited), QK_STORE_OK);
  CHECK(again == 2 && waited == of_a + 1);
  CHECK_RC(s, qk_store_outbox_counts(s, &n), QK_STORE_OK);
  CHECK(n.refused == 0 && n.held == 0 && n.pending == of_a + 3 && n.last_at == 0);
  seen v = {0};
  CHECK_RC(s, qk_store_outbox_read(s, 0, 100, see, &v), QK_STORE_OK);
  CHECK(v.n == of_a + 3 && v.kinds[0] == 's');
  CHECK(q(db, "SELECT count(*) FROM sessions") == 2 && q(db, "SELECT count(*) FROM answers") == 4);
  qk_store_close(s);
}

/* The child: sessions with answers and events, each call in a batch as the
** runtime does it, until killed. */
static void writer(const char *db, int round) {
  qk_store *s = NULL;
  char err[300];
  if (qk_store_open(db, &s, err, sizeof err)) _exit(3);
  for (int k = 0;; k++) {
    int64_t id = 0;
    qk_ms t = (qk_ms)round * 1000000 + k * 100;
    if (qk_store_batch_begin(s) || qk_store_session_begin(s, &info, t, &id) || qk_store_batch_end(s)) _exit(4);
    for (int i = 0; i < 6; i++) {
      char qid[16];
      snprintf(qid, sizeof qid, "q%d", i % 4); /* some answers change */
      qk_store_answer_in a = {qid, "1", 1, 1, 1, 100, 0};
      if (qk_store_batch_begin(s) || qk_store_answer(s, id, &a, t + i) ||
          qk_store_event(s, id, t + i, "screen", "{\"n\":1}", 0) || qk_store_batch_end(s))
        _exit(5);
    }
    if (qk_store_session_finish(s, id, QK_SESSION_COMPLETED, 4, 4, 1, t + 50)) _exit(6);
  }
}

static void sigkill_rounds(const char *dir) {
  char db[4200];
  test_db(dir, "killed.db", db, sizeof db);
  srand(12); /* the test's own seed: the same kill moments every run */
  int killed = 0;
  for (int round = 0; round < 25; round++) {
    pid_t pid = fork();
    if (pid == 0) writer(db, round);
    if (pid < 0) {
      CHECK(pid > 0);
      return;
    }
    struct timespec ts = {0, (long)(20 + rand() % 80) * 1000000L};
    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    int st = 0;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) killed++;
    else fprintf(stderr, "writer ended by itself: status %d\n", st);
    /* Open it as the next kiosk start would (WAL recovery; a kill before
    ** the first open finished leaves an unmigrated file), then check. */
    qk_store_close(test_open(db));
    int bad = q(db, invariant_sql);
    if (bad != 0) fprintf(stderr, "after kill %d: %d rows break recorded <=> queued\n", round, bad);
    CHECK(bad == 0);
  }
  CHECK(killed == 25);
  int answers = q(db, "SELECT count(*) FROM answers");
  printf("sigkill: 25 kills, %d answers, %d outbox rows, invariant holds\n", answers,
         q(db, "SELECT count(*) FROM outbox"));
  CHECK(answers > 0);
  qk_store *s = test_open(db); /* and the file still opens cleanly */
  qk_store_close(s);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s SRCDIR WORKDIR\n", argv[0]);
    return 2;
  }
  upgrade(argv[1], argv[2]);
  queue_new_writes(argv[2]);
  refused_records(argv[2]);
  sigkill_rounds(argv[2]);
  return check_result("fleet_outbox");
}
