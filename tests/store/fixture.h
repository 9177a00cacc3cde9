/*
** fixture.h — demo results shared by the export, purge and CLI tests:
** Chinese text, quotes, commas and newlines in fields, a candidate "name"
** that is a formula, free-text and choice answers, sessions in every
** status, one from the day before, an unanswered question, option texts
** and section and competency scores.
**
** Times: FIX_T0 is 2024-05-01T00:00:00+08:00 (the tests run with TZ=CST-8).
*/
#ifndef QK_STORE_FIXTURE_H
#define QK_STORE_FIXTURE_H

#include "store.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FIX_T0 ((qk_ms)1714492800000) /* 2024-05-01 00:00 at +08:00 */
#define FIX_HOUR ((qk_ms)3600000)
#define FIX_DAY (24 * FIX_HOUR)
#define FIX_FREE_TEXT "我叫王伟，喜欢编程"

static inline int fix_rc(qk_store *s, int rc, const char *what) {
  if (rc) fprintf(stderr, "fixture: %s: %s\n", what, qk_store_errmsg(s));
  return rc;
}

static inline int64_t fix_session(qk_store *s, const char *exam, qk_ms start) {
  char hash[65];
  qk_store_content_hash(exam, strlen(exam), hash);
  qk_store_session_info in = {"kiosk-A", "recruit", exam, "General knowledge 常识", hash, 42, "zh", "exam"};
  int64_t id = 0;
  fix_rc(s, qk_store_session_begin(s, &in, start, &id), "begin");
  return id;
}

static inline void fix_answer(qk_store *s, int64_t id, const char *q, const char *json, double pts,
                              int correct, int free_text, qk_ms t) {
  qk_store_answer_in a = {q, json, pts, 1, correct, 4000, free_text};
  fix_rc(s, qk_store_answer(s, id, &a, t), "answer");
}

/* Sessions: [0] completed 2/3 王伟 (day before), [1] completed 3/3 formula
** name, [2] abandoned, [3] in progress, [4] completed 1/3 Ann. */
static inline int fixture_fill(qk_store *s, int64_t ids[5]) {
  qk_ms t = FIX_T0 - FIX_DAY + 9 * FIX_HOUR;
  ids[0] = fix_session(s, "gk", t);
  qk_store_consent(s, ids[0], "I agree that my answers are stored.", "v1", t + 1000);
  qk_store_candidate_set(s, ids[0], "name", "王伟");
  qk_store_candidate_set(s, ids[0], "nickname", "Wei");
  qk_store_candidate_set(s, ids[0], "phone", "138 0000 1234");
  qk_store_candidate_set(s, ids[0], "note", "He said \"hi\", then\nleft");
  qk_store_event(s, ids[0], t + 2000, "screen", "{\"screen\":\"q1\"}", 0);
  fix_answer(s, ids[0], "q1", "\"a\"", 0, 0, 0, t + 3000);
  fix_answer(s, ids[0], "q1", "\"b\"", 1, 1, 0, t + 4000); /* change of mind */
  fix_answer(s, ids[0], "q2", "\"" FIX_FREE_TEXT "\"", 1, -1, 1, t + 5000);
  fix_answer(s, ids[0], "q3", "-5", 0, 0, 0, t + 6000);
  qk_store_event(s, ids[0], t + 6500, "typed", "{\"text\":\"王伟\"}", 0);
  qk_store_event(s, ids[0], t + 6550, "keys", "{\"k\":\"Z\"}", 1); /* flagged personal */
  qk_store_checkpoint(s, ids[0], "{\"at\":\"q3\",\"who\":\"王伟\"}", 50000, t + 6600);
  fix_rc(s, qk_store_session_finish(s, ids[0], QK_SESSION_COMPLETED, 2, 3, 1, t + 7000), "finish 0");
  /* What the result is made of: the exam version's option texts (q1's
  ** letters in two languages), and the section and competency scores. */
  fix_rc(s, qk_store_exam_question(s, ids[0], "q1", "basics", "{\"a\":\"Apple 苹果\",\"b\":{\"zh\":\"香蕉\",\"en\":\"Banana\"},\"c\":\"Cherry\"}"), "question q1");
  fix_rc(s, qk_store_exam_questions(s, ids[0], NULL, 0, 1), "the version's questions complete");
  fix_rc(s, qk_store_session_score(s, ids[0], "section", "basics", "基础 Basics", 1, 1), "section");
  fix_rc(s, qk_store_session_score(s, ids[0], "section", "open", "Open", 1, 2), "section 2");
  fix_rc(s, qk_store_session_score(s, ids[0], "competency", "沟通", NULL, 1.5, 3), "competency");

  t = FIX_T0 + 9 * FIX_HOUR;
  ids[1] = fix_session(s, "gk", t);
  qk_store_candidate_set(s, ids[1], "name", "=HYPERLINK(\"http://x\")");
  qk_store_candidate_set(s, ids[1], "email", "a,b@example.com");
  fix_answer(s, ids[1], "q1", "\"b\"", 1, 1, 0, t + 1000);
  fix_answer(s, ids[1], "q2", "[\"x\",\"y\"]", 1, 1, 0, t + 2000);
  fix_answer(s, ids[1], "q3", "{\"n\":3}", 1, 1, 0, t + 3000);
  fix_rc(s, qk_store_session_finish(s, ids[1], QK_SESSION_COMPLETED, 3, 3, 1, t + 4000), "finish 1");
  fix_rc(s, qk_store_exam_question(s, ids[1], "q2", "basics", "{\"x\":\"X-ray\",\"y\":\"Yankee\"}"), "question q2'");
  fix_rc(s, qk_store_exam_question(s, ids[1], "q1", "basics", "{\"b\":\"changed\"}"), "question q1 again");
  fix_rc(s, qk_store_session_score(s, ids[1], "section", "basics", "基础 Basics", 3, 3), "section 1");

  t = FIX_T0 + 10 * FIX_HOUR;
  ids[2] = fix_session(s, "gk", t);
  fix_answer(s, ids[2], "q1", "\"c\"", 0, 0, 0, t + 1000);
  fix_rc(s, qk_store_session_finish(s, ids[2], QK_SESSION_ABANDONED, NAN, NAN, -1, t + 2000),
         "finish 2");

  t = FIX_T0 + 11 * FIX_HOUR;
  ids[3] = fix_session(s, "gk", t);
  fix_answer(s, ids[3], "q1", "\"b\"", 1, 1, 0, t + 1000);

  t = FIX_T0 + 12 * FIX_HOUR;
  ids[4] = fix_session(s, "gk", t);
  qk_store_candidate_set(s, ids[4], "name", "Ann");
  fix_answer(s, ids[4], "q1", "\"b\"", 1, 1, 0, t + 1000);
  fix_answer(s, ids[4], "q2", "null", 0, 0, 0, t + 1500); /* skipped: an empty cell */
  return fix_rc(s, qk_store_session_finish(s, ids[4], QK_SESSION_COMPLETED, 1, 3, 0, t + 2000),
                "finish 4");
}

#endif
