/*
** prize_cli.c — `quizkiosk prize list|check CODE|redeem CODE`: the booth
** staff's prize codes at a shell (prize_store.h), declared for the one
** argument parser (args.h) and listed in runtime/cli.c's table. Exit codes:
** 0 the code is good (check: valid and not redeemed; redeem: redeemed by
** this call; list: listed), 1 it is not (already redeemed, not this
** kiosk's, not a code) or the database failed, 2 wrong usage. Like the
** store's other commands, this is where "now" is read from the clock.
*/
#include "prize_store.h"
#include "store_cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define EXIT_FAIL 1

static qk_ms now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (qk_ms)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A typo in --db is not a reason to make an empty database. */
static qk_store *open_db(const qk_args *a) {
  const char *db = qk_args_str(a, "db");
  struct stat st;
  char err[600];
  qk_store *s = NULL;
  if (stat(db, &st) != 0) {
    fprintf(stderr, "quizkiosk %s: no database at %s\n", a->cmd->name, db);
    return NULL;
  }
  if (qk_store_open(db, &s, err, sizeof err) != QK_STORE_OK) {
    fprintf(stderr, "quizkiosk %s: %s\n", a->cmd->name, err);
    return NULL;
  }
  return s;
}

static int fail(const qk_args *a, qk_store *s) {
  fprintf(stderr, "quizkiosk %s: %s\n", a->cmd->name, qk_store_errmsg(s));
  qk_store_close(s);
  return EXIT_FAIL;
}

/* "session 12, trade_fair/fair, 小明, score 4200, issued 2026-...". */
static void describe(FILE *f, const qk_prize_row *r) {
  char when[40];
  qk_store_format_time(r->issued_at, when, sizeof when);
  fprintf(f, "session %lld, %s/%s", (long long)r->session_id, r->app, r->exam);
  if (r->name[0]) fprintf(f, ", %s", r->name);
  if (!isnan(r->score)) fprintf(f, ", score %g", r->score);
  fprintf(f, ", issued %s", when);
}

static void redeemed_line(FILE *f, const qk_prize_row *r, const char *lead) {
  char when[40];
  qk_store_format_time(r->redeemed_at, when, sizeof when);
  fprintf(f, "%s: %s %s by %s on %s (", r->code, lead, when, r->redeemed_by, r->redeemed_kiosk);
  describe(f, r);
  fprintf(f, ")\n");
}

/* Says what a verdict other than VALID means; returns its exit code. */
static int say_not_good(const char *typed, int v, const qk_prize_row *r) {
  if (v == QK_PRIZE_REDEEMED) redeemed_line(stdout, r, "already redeemed at");
  else if (v == QK_PRIZE_NOT_OURS)
    printf("%s: not a code of this kiosk (forged, mistyped, or issued by another kiosk)\n", typed);
  else
    printf("'%.40s' is not a prize code: 12 letters and digits, like ABCD-EFGH-JKMN\n", typed);
  return EXIT_FAIL;
}

static int cmd_check(const qk_args *a) {
  qk_store *s = open_db(a);
  if (!s) return EXIT_FAIL;
  qk_prize_row r;
  int v = qk_store_prize_check(s, a->pos[0], &r);
  if (v < 0) return fail(a, s);
  qk_store_close(s);
  if (v != QK_PRIZE_VALID) return say_not_good(a->pos[0], v, &r);
  printf("%s: valid, not redeemed (", r.code);
  describe(stdout, &r);
  printf(")\n");
  return 0;
}

static int cmd_redeem(const qk_args *a) {
  qk_store *s = open_db(a);
  if (!s) return EXIT_FAIL;
  char kiosk[128], who[128];
  const char *by = qk_args_str(a, "by"), *user = getenv("USER");
  if (!by) {
    snprintf(who, sizeof who, "command line (%s)", user && *user ? user : "unknown user");
    by = who;
  }
  if (qk_store_kiosk_id(s, kiosk, sizeof kiosk)) return fail(a, s);
  qk_prize_row r;
  int v = qk_store_prize_redeem(s, a->pos[0], by, kiosk, now_ms(), &r);
  if (v < 0) return fail(a, s);
  qk_store_close(s);
  if (v != QK_PRIZE_VALID) return say_not_good(a->pos[0], v, &r);
  redeemed_line(stdout, &r, "redeemed now at");
  return 0;
}

static int print_row(void *ud, const qk_prize_row *r) {
  char issued[40], redeemed[40];
  (void)ud;
  qk_store_format_time(r->issued_at, issued, sizeof issued);
  if (r->redeemed_at) qk_store_format_time(r->redeemed_at, redeemed, sizeof redeemed);
  else snprintf(redeemed, sizeof redeemed, "-");
  printf("%s\t%s\t%lld\t%s/%s\t%s\t", r->code, issued, (long long)r->session_id, r->app, r->exam,
         r->name[0] ? r->name : "-");
  if (isnan(r->score)) printf("-");
  else printf("%g", r->score);
  printf("\t%s\t%s\n", redeemed, r->redeemed_at ? r->redeemed_by : "-");
  return 0;
}

static int cmd_list(const qk_args *a) {
  qk_store *s = open_db(a);
  if (!s) return EXIT_FAIL;
  int64_t issued = 0, redeemed = 0;
  int offset = (int)qk_args_int(a, "offset", 0), limit = (int)qk_args_int(a, "limit", 50);
  if (qk_store_prize_count(s, &issued, &redeemed)) return fail(a, s);
  printf("%lld prize code%s issued, %lld redeemed; latest first", (long long)issued, issued == 1 ? "" : "s",
         (long long)redeemed);
  if (offset || issued > limit) printf(", %d to %d", offset + 1, offset + limit);
  printf("\ncode\tissued\tsession\tapp/exam\tname\tscore\tredeemed\tby\n");
  if (qk_store_prize_list(s, offset, limit, print_row, NULL)) return fail(a, s);
  qk_store_close(s);
  return 0;
}

#define DB_OPT QK_STR("db", "FILE", "the results database (results.db)", QK_OPT_REQUIRED)

static const qk_opt list_opts[] = {
  DB_OPT,
  QK_INT("offset", "N", "skip the N latest (default 0)", 0, 0, 1000000000),
  QK_INT("limit", "N", "list at most N (default 50, at most 1000)", 0, 1, 1000),
  QK_OPT_END};
static const qk_opt check_opts[] = {DB_OPT, QK_OPT_END};
static const qk_opt redeem_opts[] = {
  DB_OPT,
  QK_STR("by", "NAME", "who hands out the prize (default: command line and the login name)", 0),
  QK_OPT_END};
static const qk_posarg code_arg[] = {{"CODE", "the code as the visitor shows it (case, O/0, I/1 do not matter)", 0}, {0}};

const qk_command qk_store_cmd_prize_list = {
  "prize list", "the prize codes issued, latest first, and whether redeemed", list_opts, NULL, cmd_list, NULL};
const qk_command qk_store_cmd_prize_check = {
  "prize check", "is a prize code this kiosk's, and redeemed yet? (exit 0: valid, not redeemed)", check_opts,
  code_arg, cmd_check,
  "A code is checked with the kiosk's own key first: a forged or mistyped one fails\n"
  "before anything is looked up. Codes of other kiosks are not this kiosk's."};
const qk_command qk_store_cmd_prize_redeem = {
  "prize redeem", "mark a prize code redeemed, once (exit 0: redeemed now)", redeem_opts, code_arg, cmd_redeem,
  "A second redeem of the same code says when and by whom it was redeemed, and exits 1."};
