/*
** ime_pinyin.h — pinyin composition on top of libpinyin, with no Lua and no
** screen. An engine is one libpinyin context (the loaded dictionaries and
** language model); a composition is what one keyboard is typing: the letters,
** the segments already chosen, and the candidate list for the rest.
**
** Privacy: an engine never writes anything unless it was given a user folder
** (learning with persistence, off by default). A composition learns only
** when asked to: it then puts committed phrases first in its own list, for
** as long as it lives. Nothing a composition does changes the engine —
** except, with a user folder, what it learns (libpinyin's user dictionary,
** saved by qk_pinyin_engine_candidate_done) — so one engine serves one candidate
** after another (ime_engines.h keeps one per process).
**
** Phrases given with qk_pinyin_add_phrase (an app's own words, common names)
** are matched by full pinyin and by abbreviation (zhangwei, zhangw, zw → 张伟)
** and come before libpinyin's candidates when they cover the whole input.
*/
#ifndef QK_IME_PINYIN_H
#define QK_IME_PINYIN_H

#include <stddef.h>

typedef struct qk_pinyin_engine qk_pinyin_engine;
typedef struct qk_pinyin qk_pinyin;

/* Loads libpinyin from data_dir. user_dir NULL: nothing is ever saved.
** NULL with a message in err when the data cannot be used. */
qk_pinyin_engine *qk_pinyin_engine_new(const char *data_dir, const char *user_dir, char *err, size_t errlen);
/* Saves learnt phrases first when the engine has a user folder. */
void qk_pinyin_engine_free(qk_pinyin_engine *e);
/* A candidate is done. Without a user folder nothing of theirs is in the
** engine and this does nothing; with one (persistent learning, the
** operator's choice) what they taught it is saved there and kept. */
void qk_pinyin_engine_candidate_done(qk_pinyin_engine *e);

/* A composition on engine e (which must outlive it). */
qk_pinyin *qk_pinyin_new(qk_pinyin_engine *e, int learn);
void qk_pinyin_free(qk_pinyin *p);

/* An extra phrase: text "张伟", pinyin "zhang'wei" or "zhang wei". 0, or -1
** when the syllables do not match the characters. */
int qk_pinyin_add_phrase(qk_pinyin *p, const char *text, const char *pinyin);

/* A typed letter a-z (or ' to separate syllables). 0, or -1 when refused
** (not a letter, or the composition is full). */
int qk_pinyin_key(qk_pinyin *p, int ch);
/* Removes the last letter (a chosen segment turns back into pinyin when its
** letters are reached). 1 when the composition took it, 0 when it is empty. */
int qk_pinyin_backspace(qk_pinyin *p);
void qk_pinyin_reset(qk_pinyin *p);
int qk_pinyin_active(const qk_pinyin *p);     /* letters are being composed */

/* What the field shows while composing: chosen text, then the rest as
** syllables ("张伟 ni hao"). Valid until the next call on p. */
const char *qk_pinyin_preedit(qk_pinyin *p);
/* Every letter typed for this composition. */
const char *qk_pinyin_raw(const qk_pinyin *p);

int qk_pinyin_count(qk_pinyin *p);
/* The i-th candidate (0-based), or NULL. Valid until the next change. */
const char *qk_pinyin_candidate(qk_pinyin *p, int i);
/* Chooses candidate i. 1 when that completes the composition: the text to
** insert is in *committed (valid until the next call) and p is empty again;
** 0 when letters remain (new candidates for them); -1 for a bad index. */
int qk_pinyin_choose(qk_pinyin *p, int i, const char **committed);
/* Ends the composition as typed: chosen text plus the remaining letters
** (space/enter on a half-done composition, or switching to English). */
const char *qk_pinyin_commit_raw(qk_pinyin *p);

#endif
