/*
** pattern_guard.c — see pattern_guard.h. The pattern syntax follows
** lstrlib.c (Lua 5.4): classEnd, singlematch and matchbracketclass are
** mirrored so the runs measured are the runs the matcher will walk.
*/
#include "pattern_guard.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#define MAX_QUANTIFIED 32 /* more quantified items than this on a long string: refused unmeasured */

enum { P_FIND, P_MATCH, P_GMATCH, P_GSUB };

static int match_class(int c, int cl) {
  int res;
  switch (tolower(cl)) {
  case 'a': res = isalpha(c); break;
  case 'c': res = iscntrl(c); break;
  case 'd': res = isdigit(c); break;
  case 'g': res = isgraph(c); break;
  case 'l': res = islower(c); break;
  case 'p': res = ispunct(c); break;
  case 's': res = isspace(c); break;
  case 'u': res = isupper(c); break;
  case 'w': res = isalnum(c); break;
  case 'x': res = isxdigit(c); break;
  default: return cl == c;
  }
  if (isupper(cl)) res = !res;
  return res;
}

/* p at '[', ec at the closing ']'. */
static int match_bracket(int c, const char *p, const char *ec) {
  int sig = 1;
  if (*(p + 1) == '^') {
    sig = 0;
    p++;
  }
  while (++p < ec) {
    if (*p == '%') {
      p++;
      if (match_class(c, (unsigned char)*p)) return sig;
    } else if (*(p + 1) == '-' && p + 2 < ec) {
      p += 2;
      if ((unsigned char)*(p - 2) <= c && c <= (unsigned char)*p) return sig;
    } else if ((unsigned char)*p == c) {
      return sig;
    }
  }
  return !sig;
}

/* The end of the single-character class at p, or NULL if malformed. */
static const char *class_end(const char *p, const char *end) {
  if (*p == '%') return p + 1 < end ? p + 2 : NULL;
  if (*p == '[') {
    p++;
    if (p < end && *p == '^') p++;
    do {
      if (p >= end) return NULL;
      if (*(p++) == '%' && p < end) p++;
    } while (p >= end || *p != ']');
    return p + 1;
  }
  return p + 1;
}

static int single_match(int c, const char *p, const char *ep) {
  switch (*p) {
  case '.': return 1;
  case '%': return match_class(c, (unsigned char)p[1]);
  case '[': return match_bracket(c, p, ep - 1);
  default: return (unsigned char)*p == c;
  }
}

/* The longest run of subject characters the class [p, ep) matches. */
static double longest_run(const char *s, size_t n, const char *p, const char *ep) {
  size_t best = 0, run = 0;
  for (size_t i = 0; i < n; i++) {
    if (single_match((unsigned char)s[i], p, ep)) {
      if (++run > best) best = run;
    } else {
      run = 0;
    }
  }
  return (double)best;
}

/* How many subject characters the class [p, ep) matches. */
static double count_matching(const char *s, size_t n, const char *p, const char *ep) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += (size_t)single_match((unsigned char)s[i], p, ep);
  return (double)k;
}

/* One pattern item; captures are transparent to the cost and left out. */
typedef enum { IT_SINGLE, IT_QUANT, IT_OPT, IT_LINEAR, IT_FREE, IT_END } item_kind;
typedef struct {
  item_kind kind;
  const char *p, *ep; /* the class, for IT_SINGLE / IT_QUANT */
} item;

#define MAX_ITEMS 512

/* Splits the pattern into items. Returns the count, -1 if malformed (the
** matcher raises on reaching the flaw, before any backtracking over it), or
** -2 if too long to be measured. */
static int parse(const char *p, const char *end, item *it) {
  int n = 0;
  while (p < end) {
    if (n == MAX_ITEMS) return -2;
    if (*p == '(' || *p == ')') {
      p++; /* '(' ')' is a position capture: both are skipped */
      continue;
    }
    if (*p == '$' && p + 1 == end) {
      it[n++] = (item){IT_END, p, p + 1};
      p++;
      continue;
    }
    if (*p == '%' && p + 1 < end && p[1] == 'b') {
      if (p + 4 > end) return -1;
      it[n++] = (item){IT_LINEAR, p, p + 4};
      p += 4;
      continue;
    }
    if (*p == '%' && p + 1 < end && p[1] == 'f') {
      p += 2;
      const char *e = p < end && *p == '[' ? class_end(p, end) : NULL;
      if (!e) return -1;
      it[n++] = (item){IT_FREE, p, e};
      p = e;
      continue;
    }
    if (*p == '%' && p + 1 < end && isdigit((unsigned char)p[1])) {
      it[n++] = (item){IT_LINEAR, p, p + 2};
      p += 2;
      continue;
    }
    const char *ep = class_end(p, end);
    if (!ep) return -1;
    char q = ep < end ? *ep : 0;
    if (q == '?') it[n++] = (item){IT_OPT, p, ep};
    else if (q == '*' || q == '+' || q == '-') it[n++] = (item){IT_QUANT, p, ep};
    else it[n++] = (item){IT_SINGLE, p, ep};
    p = (q == '?' || q == '*' || q == '+' || q == '-') ? ep + 1 : ep;
  }
  return n;
}

/* The bound is built from the pattern's end: cost[k] bounds the steps of
** matching items k.. from one position. A quantified item tries at most
** R + 1 lengths; when a plain single-character item follows, only the
** tries whose next character it matches (at most N of them, N counted over
** the subject) go on to the rest. */
double qk_pattern_cost(const char *s, size_t n, const char *p, size_t m, int anchored) {
  item it[MAX_ITEMS];
  const double over = QK_PATTERN_MAX_STEPS * 2;
  int k = parse(p, p + m, it);
  if (k == -1) return 0; /* malformed: the real function says why */
  if (k < 0) return n > 1000 ? over : 0;
  int quantified = 0;
  for (int i = 0; i < k; i++) quantified += it[i].kind == IT_QUANT;
  if (quantified > MAX_QUANTIFIED && n > 1000) return over;
  double rest = 1; /* cost of the empty rest: success */
  double after_next = 1;
  for (int i = k - 1; i >= 0; i--) {
    double c = over;
    switch (it[i].kind) {
    case IT_END:
    case IT_FREE:
    case IT_SINGLE: c = 1 + rest; break;
    case IT_OPT: c = 2 * rest; break;
    case IT_LINEAR: c = (double)n + rest; break;
    case IT_QUANT: {
      double r = longest_run(s, n, it[i].p, it[i].ep);
      if (i == k - 1) c = r + 1; /* nothing after can fail: the first try succeeds */
      else if (it[i + 1].kind == IT_SINGLE) {
        double nn = count_matching(s, n, it[i + 1].p, it[i + 1].ep);
        c = (r + 1) + (nn < r + 1 ? nn : r + 1) * after_next;
      } else c = (r + 1) * rest;
      break;
    }
    }
    after_next = rest;
    rest = c > over ? over : c;
  }
  double total;
  if (anchored) total = rest;
  else if (k > 0 && it[0].kind == IT_SINGLE) /* only starts at a matching character go on */
    total = (double)n + 1 + count_matching(s, n, it[0].p, it[0].ep) * after_next;
  else total = ((double)n + 1) * rest;
  return total > over ? over : total;
}

/* Upvalues: the real function, its kind. */
static int guarded(lua_State *L) {
  int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
  size_t n, m;
  const char *s = lua_type(L, 1) == LUA_TSTRING ? lua_tolstring(L, 1, &n) : NULL;
  const char *p = lua_type(L, 2) == LUA_TSTRING ? lua_tolstring(L, 2, &m) : NULL;
  int plain = kind == P_FIND && lua_toboolean(L, 4);
  if (s && p) {
    size_t off = 0;
    if (kind != P_GSUB && lua_type(L, 3) == LUA_TNUMBER) {
      lua_Integer i = lua_tointeger(L, 3);
      if (i > 0) off = (size_t)i - 1;
      else if (i < 0) off = (size_t)(-i) > n ? 0 : n - (size_t)(-i);
      if (off > n) off = n;
    }
    /* gmatch reads '^' as a plain character (it cannot anchor an iteration). */
    int anchored = kind != P_GMATCH && m > 0 && p[0] == '^';
    double cost;
    if (plain) { /* lstrlib's lmemfind: a compare of the whole text at each place its first byte occurs */
      size_t hits = 0;
      for (size_t i = off; m > 0 && i < n; i++) hits += s[i] == p[0];
      cost = (double)(n - off) + (double)hits * (double)m;
    } else {
      cost = qk_pattern_cost(s + off, n - off, p + anchored, m - (size_t)anchored, anchored);
    }
    if (cost > QK_PATTERN_MAX_STEPS) {
      static const char *const names[] = {"find", "match", "gmatch", "gsub"};
      char shown[64]; /* the pattern may be long: its start is enough to find it */
      snprintf(shown, sizeof shown, "%.*s%s", m > 48 ? 48 : (int)m, p, m > 48 ? "..." : "");
      if (plain)
        return luaL_error(L, "string.find: looking for this %d-byte text in a %d-byte one could take too long "
                             "(it runs where the time limit cannot stop it)", (int)m, (int)(n - off));
      return luaL_error(L,
                        "string.%s: the pattern '%s' could backtrack too long on this %d-character string "
                        "(it runs where the time limit cannot stop it): anchor it with ^, use fewer -, * or + "
                        "items ([^\\n]+ rather than (.-)\\n for lines), or string.find(s, text, 1, true) for plain text",
                        names[kind], shown, (int)(n - off));
    }
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

void qk_pattern_guard_install(lua_State *L) {
  static const char *const names[] = {"find", "match", "gmatch", "gsub"};
  for (int k = 0; k < 4; k++) {
    lua_getfield(L, -1, names[k]);
    lua_pushinteger(L, k);
    lua_pushcclosure(L, guarded, 2);
    lua_setfield(L, -2, names[k]);
  }
}
