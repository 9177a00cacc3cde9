/*
** ime_pinyin.c — see ime_pinyin.h. Owns the libpinyin context of an engine and, per
** composition, a libpinyin instance that parses only the letters not yet
** converted, the chosen segments, the extra phrases and the merged candidate
** list. Everything is freed in qk_pinyin_free / qk_pinyin_engine_free.
**
** Why libpinyin: it is the engine behind ibus-libpinyin and fcitx-libpinyin,
** packaged everywhere (libpinyin15 + libpinyin-data), GPL-3 like the
** distributions ship it, with full and incomplete (abbreviated) pinyin,
** phrase candidates from a bigram model, and a user dictionary we can keep
** purely in memory.
*/
#include "ime_pinyin.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <pinyin.h>

#define MAX_RAW 64
#define MAX_SYL 16
#define MAX_SEGS 32
#define MAX_TEXT 1024
/* A user folder that can never exist: libpinyin looks there for user files
** and finds none; unlink() on it fails with ENOTDIR. Nothing is written. */
#define NO_USER_DIR "/dev/null/quizkiosk-pinyin-no-user-data"

/* LeakSanitizer's switches in the sanitizer build (weak: NULL otherwise). */
extern void __lsan_disable(void) __attribute__((weak));
extern void __lsan_enable(void) __attribute__((weak));

struct qk_pinyin_engine {
  pinyin_context_t *ctx;
  int persist;
  int learnt; /* persistent learning remembered a phrase since the last save */
};

typedef struct {
  char *text;
  char syl[MAX_SYL][8];
  int nsyl;
} phrase;

typedef struct {
  int kind;   /* 0 = extra phrase, 1 = libpinyin candidate */
  int index;  /* into phrases / libpinyin's list */
  int consumed; /* phrases: letters of the rest they cover */
} entry;

typedef struct {
  int text_len, raw_len;
} segment;

struct qk_pinyin {
  qk_pinyin_engine *e;
  pinyin_instance_t *inst;
  int learn;
  char raw[MAX_RAW + 1];
  int len, done;          /* letters typed; letters covered by chosen segments */
  char chosen[MAX_TEXT];  /* text of the chosen segments */
  segment segs[MAX_SEGS];
  int nsegs;
  phrase *phrases;
  int nphrases, cap_phrases;
  entry *entries;
  int nentries, cap_entries;
  char preedit[MAX_TEXT + 3 * MAX_RAW];
  char out[MAX_TEXT + MAX_RAW + 1];
};

qk_pinyin_engine *qk_pinyin_engine_new(const char *data_dir, const char *user_dir, char *err, size_t errlen) {
  qk_pinyin_engine *e = calloc(1, sizeof *e);
  if (!e) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  /* libpinyin says "open .../user.conf failed." on stderr (no newline)
  ** when there is no user data — always, on a shared kiosk. That is the
  ** intended state, not news: its stderr is muted for the call. */
  fflush(stderr);
  int saved = dup(STDERR_FILENO), null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved >= 0 && null_fd >= 0) dup2(null_fd, STDERR_FILENO);
  /* libpinyin 2.8's Bigram::load_db (src/storage/ngram_bdb.cpp) opens the
  ** user bigram file with a new Berkeley DB handle and, when the file is
  ** missing (always without a user folder), returns without closing it:
  ** ~16 KB allocated inside libdb, unreachable, on every pinyin_init. It
  ** cannot be freed from outside. A process loads one engine
  ** (ime_engines.h; tests/ime checks it is loaded once), so that is 16 KB
  ** once. LeakSanitizer is told to ignore what this one call allocates,
  ** rather than all of libdb everywhere: that suppression hid the same
  ** leak repeated for every candidate. */
  if (__lsan_disable) __lsan_disable();
  e->ctx = pinyin_init(data_dir, user_dir && *user_dir ? user_dir : NO_USER_DIR);
  if (__lsan_enable) __lsan_enable();
  fflush(stderr);
  if (saved >= 0) {
    dup2(saved, STDERR_FILENO);
    close(saved);
  }
  if (null_fd >= 0) close(null_fd);
  if (!e->ctx) {
    snprintf(err, errlen, "libpinyin cannot load its data from %s", data_dir);
    free(e);
    return NULL;
  }
  e->persist = user_dir && *user_dir;
  /* Incomplete pinyin gives abbreviations (zw); the corrections accept
  ** common slips (ign → ing...); the tables split/resplit syllables. */
  pinyin_set_options(e->ctx, PINYIN_INCOMPLETE | PINYIN_CORRECT_ALL | USE_DIVIDED_TABLE | USE_RESPLIT_TABLE |
                               DYNAMIC_ADJUST);
  return e;
}

void qk_pinyin_engine_free(qk_pinyin_engine *e) {
  if (!e) return;
  if (e->persist) pinyin_save(e->ctx);
  pinyin_fini(e->ctx);
  free(e);
}

void qk_pinyin_engine_candidate_done(qk_pinyin_engine *e) {
  /* Without a user folder learn() never writes into the engine: nothing
  ** to take back. With one, what was learnt is saved, as asked. */
  if (!e || !e->learnt) return;
  e->learnt = 0;
  pinyin_save(e->ctx);
}

/* ---- extra phrases ---- */

static int utf8_len(const char *s) {
  int n = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

/* Splits "zhang'wei" / "zhang wei" into syllables. */
static int split_syllables(const char *pinyin, char syl[][8], int max) {
  int n = 0, k = 0;
  for (const char *s = pinyin;; s++) {
    char c = *s;
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      if (k >= 7) return -1;
      if (n >= max) return -1;
      syl[n][k++] = c;
    } else if (c == '\'' || c == ' ' || c == '-' || c == 0) {
      if (k) syl[n++][k] = 0, k = 0;
      if (!c) break;
    } else {
      return -1;
    }
  }
  return n;
}

static int add_phrase(qk_pinyin *p, const char *text, const char *pinyin, int first) {
  phrase ph = {0};
  ph.nsyl = split_syllables(pinyin, ph.syl, MAX_SYL);
  if (ph.nsyl <= 0 || ph.nsyl != utf8_len(text)) return -1;
  for (int i = 0; i < p->nphrases; i++) /* already known: nothing to add */
    if (strcmp(p->phrases[i].text, text) == 0 && p->phrases[i].nsyl == ph.nsyl &&
        memcmp(p->phrases[i].syl, ph.syl, sizeof ph.syl) == 0)
      return 0;
  if (p->nphrases == p->cap_phrases) {
    int nc = p->cap_phrases ? p->cap_phrases * 2 : 16;
    phrase *m = realloc(p->phrases, (size_t)nc * sizeof *m);
    if (!m) return -1;
    p->phrases = m;
    p->cap_phrases = nc;
  }
  ph.text = strdup(text);
  if (!ph.text) return -1;
  if (first) {
    memmove(p->phrases + 1, p->phrases, (size_t)p->nphrases * sizeof *p->phrases);
    p->phrases[0] = ph;
  } else {
    p->phrases[p->nphrases] = ph;
  }
  p->nphrases++;
  return 0;
}

/* Longest prefix of s (length n) that the syllables from si on cover, each
** by a non-empty prefix of itself (so full pinyin, abbreviations and mixes
** match). Returns the letters covered, or -1. Prefers covering all of s. */
static int match_syllables(const phrase *ph, int si, const char *s, int n) {
  if (si == ph->nsyl) return 0;
  const char *sy = ph->syl[si];
  int best = -1;
  for (int k = 1; sy[k - 1] && k <= n && sy[k - 1] == s[k - 1]; k++) {
    const char *rest = s + k;
    int rn = n - k, skip = 0;
    while (skip < rn && rest[skip] == '\'') skip++;
    int m = match_syllables(ph, si + 1, rest + skip, rn - skip);
    if (m >= 0 && k + skip + m > best) best = k + skip + m;
    if (best == n) break;
  }
  return best;
}

/* ---- the composition ---- */

qk_pinyin *qk_pinyin_new(qk_pinyin_engine *e, int learn) {
  qk_pinyin *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  p->e = e;
  p->learn = learn;
  p->inst = pinyin_alloc_instance(e->ctx);
  if (!p->inst) {
    free(p);
    return NULL;
  }
  return p;
}

void qk_pinyin_free(qk_pinyin *p) {
  if (!p) return;
  for (int i = 0; i < p->nphrases; i++) free(p->phrases[i].text);
  free(p->phrases);
  free(p->entries);
  pinyin_free_instance(p->inst);
  free(p);
}

int qk_pinyin_add_phrase(qk_pinyin *p, const char *text, const char *pinyin) {
  return add_phrase(p, text, pinyin, 0);
}

static int push_entry(qk_pinyin *p, int kind, int index, int consumed) {
  if (p->nentries == p->cap_entries) {
    int nc = p->cap_entries ? p->cap_entries * 2 : 64;
    entry *m = realloc(p->entries, (size_t)nc * sizeof *m);
    if (!m) return -1;
    p->entries = m;
    p->cap_entries = nc;
  }
  p->entries[p->nentries++] = (entry){kind, index, consumed};
  return 0;
}

static const char *engine_string(qk_pinyin *p, int index) {
  lookup_candidate_t *c = NULL;
  const gchar *s = NULL;
  if (!pinyin_get_candidate(p->inst, (guint)index, &c) || !pinyin_get_candidate_string(p->inst, c, &s)) return NULL;
  return s;
}

static int engine_type(qk_pinyin *p, int index) {
  lookup_candidate_t *c = NULL;
  lookup_candidate_type_t t = NORMAL_CANDIDATE;
  if (pinyin_get_candidate(p->inst, (guint)index, &c)) pinyin_get_candidate_type(p->inst, c, &t);
  return (int)t;
}

/* Choosing these in libpinyin writes into the shared engine (an addon
** phrase is copied into the main tables, a longer candidate's frequency is
** raised): the next candidate would see it. Our sort option excludes
** longer candidates and no addon dictionary is loaded, so neither is ever
** offered today; should a libpinyin update offer them, they are left out
** rather than let one person's choice leak to the next. */
static int changes_engine(int type) { return type == ADDON_CANDIDATE || type == LONGER_CANDIDATE; }

/* Re-parses the letters not yet converted and rebuilds the candidate list:
** extra phrases covering all of them, libpinyin's whole-input guesses,
** extra phrases covering a beginning, then libpinyin's other candidates. */
static void update(qk_pinyin *p) {
  while (p->done < p->len && p->raw[p->done] == '\'') p->done++;
  const char *rest = p->raw + p->done;
  int n = p->len - p->done;
  p->nentries = 0;
  pinyin_reset(p->inst);
  if (n == 0) return;
  pinyin_parse_more_full_pinyins(p->inst, rest);
  pinyin_guess_sentence(p->inst);
  pinyin_guess_candidates(p->inst, 0, SORT_BY_PHRASE_LENGTH_AND_PINYIN_LENGTH_AND_FREQUENCY);
  guint total = 0;
  pinyin_get_n_candidate(p->inst, &total);

  for (int i = 0; i < p->nphrases; i++) {
    int m = match_syllables(&p->phrases[i], 0, rest, n);
    if (m == n) push_entry(p, 0, i, m);
  }
  int nbest_end = 0;
  while (nbest_end < (int)total && engine_type(p, nbest_end) == NBEST_MATCH_CANDIDATE) nbest_end++;
  for (int pass = 0; pass < 3; pass++) {
    if (pass == 1) { /* phrases covering only a beginning, longest first */
      int mark = p->nentries;
      for (int i = 0; i < p->nphrases; i++) {
        int m = match_syllables(&p->phrases[i], 0, rest, n);
        if (m > 0 && m < n) push_entry(p, 0, i, m);
      }
      for (int a = mark + 1; a < p->nentries; a++) /* insertion sort: few entries */
        for (int b = a; b > mark && p->entries[b].consumed > p->entries[b - 1].consumed; b--) {
          entry t = p->entries[b];
          p->entries[b] = p->entries[b - 1];
          p->entries[b - 1] = t;
        }
      continue;
    }
    int from = pass == 0 ? 0 : nbest_end, to = pass == 0 ? nbest_end : (int)total;
    for (int i = from; i < to; i++) {
      const char *s = engine_string(p, i);
      if (!s || changes_engine(engine_type(p, i))) continue;
      int dup = 0;
      for (int k = 0; k < p->nentries && !dup; k++) /* an extra phrase already shows it */
        if (p->entries[k].kind == 0 && strcmp(p->phrases[p->entries[k].index].text, s) == 0) dup = 1;
      if (!dup) push_entry(p, 1, i, 0);
    }
  }
}

int qk_pinyin_active(const qk_pinyin *p) { return p->len > 0; }
const char *qk_pinyin_raw(const qk_pinyin *p) { return p->raw; }

static void clear(qk_pinyin *p) {
  p->len = p->done = p->nsegs = 0;
  p->raw[0] = p->chosen[0] = 0;
  p->nentries = 0;
  pinyin_reset(p->inst);
}

void qk_pinyin_reset(qk_pinyin *p) { clear(p); }

int qk_pinyin_key(qk_pinyin *p, int ch) {
  if (ch >= 'A' && ch <= 'Z') ch = ch - 'A' + 'a';
  if (!((ch >= 'a' && ch <= 'z') || (ch == '\'' && p->len > p->done))) return -1;
  if (p->len >= MAX_RAW) return -1;
  p->raw[p->len++] = (char)ch;
  p->raw[p->len] = 0;
  update(p);
  return 0;
}

static void pop_segment(qk_pinyin *p) {
  segment s = p->segs[--p->nsegs];
  p->chosen[strlen(p->chosen) - (size_t)s.text_len] = 0;
  p->done -= s.raw_len;
}

int qk_pinyin_backspace(qk_pinyin *p) {
  if (p->len == 0) return 0;
  if (p->len > p->done) {
    p->raw[--p->len] = 0;
    /* All the letters after the chosen segments are gone: the last segment
    ** turns back into its pinyin, so backspace walks through the preedit. */
    if (p->len == p->done && p->nsegs > 0) pop_segment(p);
  } else if (p->nsegs > 0) {
    pop_segment(p);
  }
  if (p->len == 0) clear(p);
  else update(p);
  return 1;
}

int qk_pinyin_count(qk_pinyin *p) { return p->nentries; }

const char *qk_pinyin_candidate(qk_pinyin *p, int i) {
  if (i < 0 || i >= p->nentries) return NULL;
  entry en = p->entries[i];
  return en.kind == 0 ? p->phrases[en.index].text : engine_string(p, en.index);
}

/* Appends the rest of the composition, as syllables, to preedit. */
const char *qk_pinyin_preedit(qk_pinyin *p) {
  snprintf(p->preedit, sizeof p->preedit, "%s", p->chosen);
  if (p->len > p->done) {
    size_t parsed = pinyin_get_parsed_input_length(p->inst);
    gchar *aux = NULL;
    size_t at = strlen(p->preedit);
    if (parsed > 0 && pinyin_get_full_pinyin_auxiliary_text(p->inst, parsed, &aux) && aux) {
      for (const char *s = aux; *s && at + 1 < sizeof p->preedit; s++)
        if (*s != '|') p->preedit[at++] = *s;
      while (at > 0 && p->preedit[at - 1] == ' ') at--;
      p->preedit[at] = 0;
    }
    g_free(aux);
    /* Letters libpinyin could not read stay as typed. */
    snprintf(p->preedit + at, sizeof p->preedit - at, "%s", p->raw + p->done + parsed);
  }
  return p->preedit;
}

/* Learning (only when asked): our own phrase list, so the same letters give
** the same words first for the rest of this composition (this candidate).
** libpinyin's user dictionary is taught too only when the engine keeps
** what it learns (a user folder: the operator's choice): the engine serves
** every candidate of the process, and the next one must not see this
** one's words. (Its pinyin_mask_out could take them back, but it reloads
** every system table and leaks a little each time.) */
static void learn(qk_pinyin *p, const char *text) {
  if (!p->learn || utf8_len(text) < 2) return;
  pinyin_instance_t *li = pinyin_alloc_instance(p->e->ctx);
  if (!li) return;
  size_t parsed = pinyin_parse_more_full_pinyins(li, p->raw);
  gchar *aux = NULL;
  if (pinyin_get_full_pinyin_auxiliary_text(li, parsed, &aux) && aux) {
    char syllables[256]; /* "zhang wei |": without the cursor bar */
    size_t k = 0;
    for (const char *s = aux; *s && k + 1 < sizeof syllables; s++)
      if (*s != '|') syllables[k++] = *s;
    syllables[k] = 0;
    add_phrase(p, text, syllables, 1); /* refused when the counts differ */
    if (p->e->persist && pinyin_remember_user_input(li, text, -1)) p->e->learnt = 1;
  }
  g_free(aux);
  pinyin_free_instance(li);
}

int qk_pinyin_choose(qk_pinyin *p, int i, const char **committed) {
  *committed = NULL;
  if (i < 0 || i >= p->nentries || p->nsegs >= MAX_SEGS) return -1;
  entry en = p->entries[i];
  const char *text;
  int consumed;
  if (en.kind == 0) {
    text = p->phrases[en.index].text;
    consumed = en.consumed;
  } else {
    lookup_candidate_t *c = NULL;
    const gchar *s = NULL;
    if (!pinyin_get_candidate(p->inst, (guint)en.index, &c) || !pinyin_get_candidate_string(p->inst, c, &s)) return -1;
    text = s;
    consumed = pinyin_choose_candidate(p->inst, 0, c);
    if (consumed <= 0) return -1;
  }
  size_t have = strlen(p->chosen), add = strlen(text);
  if (have + add + 1 > sizeof p->chosen) return -1;
  memcpy(p->chosen + have, text, add + 1);
  p->segs[p->nsegs++] = (segment){(int)add, consumed};
  p->done += consumed;
  if (p->done > p->len) p->done = p->len;
  while (p->done < p->len && p->raw[p->done] == '\'') p->done++;
  if (p->done >= p->len) {
    snprintf(p->out, sizeof p->out, "%s", p->chosen);
    learn(p, p->out);
    clear(p);
    *committed = p->out;
    return 1;
  }
  update(p);
  return 0;
}

const char *qk_pinyin_commit_raw(qk_pinyin *p) {
  snprintf(p->out, sizeof p->out, "%s%s", p->chosen, p->raw + p->done);
  clear(p);
  return p->out;
}
