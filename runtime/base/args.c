/*
** args.c — see args.h. Parsing, the checks every command shares, and the
** usage and help texts, all from the commands' declarations.
*/
#include "args.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_USAGE 2
#define WRAP 79

static int nopts(const qk_command *c) {
  int n = 0;
  while (c->opts && c->opts[n].name) n++;
  return n;
}

static int nargs(const qk_command *c) {
  int n = 0;
  while (c->args && c->args[n].name) n++;
  return n;
}

static int min_pos(const qk_command *c) {
  int n = 0;
  for (int i = 0; i < nargs(c); i++)
    if (!(c->args[i].flags & QK_ARG_OPTIONAL)) n = i + 1;
  return n;
}

static int max_pos(const qk_command *c) {
  int n = nargs(c);
  return n && (c->args[n - 1].flags & QK_ARG_MANY) ? QK_ARGS_MAX_POS : n;
}

/* ---- texts ---- */

/* One row of a help list: the words, then the help from column 27 (on a
** line of its own when the words are longer). */
static void row(FILE *f, const char *words, const char *help, const char *extra) {
  if (strlen(words) > 24) fprintf(f, "  %s\n%27s", words, "");
  else fprintf(f, "  %-24s ", words);
  fprintf(f, "%s%s\n", help, extra);
}

/* "quizkiosk export" or "quizkiosk" for the program's own command. */
static void cmd_title(char *out, size_t len, const char *prog, const qk_command *c) {
  snprintf(out, len, "%s%s%s", prog, c->name[0] ? " " : "", c->name);
}

/* Appends one synopsis word, wrapping under the indent at WRAP columns. */
static void word(FILE *f, int *col, int indent, const char *w) {
  int n = (int)strlen(w);
  if (*col + 1 + n > WRAP && *col > indent) {
    fprintf(f, "\n%*s", indent, "");
    *col = indent;
  } else {
    fputc(' ', f);
    (*col)++;
  }
  fputs(w, f);
  *col += n;
}

static void opt_words(char *out, size_t len, const qk_opt *o, int brackets) {
  const char *l = brackets ? "[" : "", *r = brackets ? "]" : "";
  if (o->kind == QK_OPT_FLAG) snprintf(out, len, "%s--%s%s", l, o->name, r);
  else snprintf(out, len, "%s--%s %s%s", l, o->name, o->metavar ? o->metavar : "VALUE", r);
}

static void arg_words(char *out, size_t len, const qk_posarg *p) {
  int opt = (p->flags & QK_ARG_OPTIONAL) != 0, many = (p->flags & QK_ARG_MANY) != 0;
  snprintf(out, len, "%s%s%s%s", opt ? "[" : "", p->name, many ? "..." : "", opt ? "]" : "");
}

/* "quizkiosk export --db FILE [--since DATE]...", starting at column col. */
static void synopsis(FILE *f, const char *lead, const qk_command *c, const char *prog) {
  char title[128], w[160];
  cmd_title(title, sizeof title, prog, c);
  fprintf(f, "%s%s", lead, title);
  int col = (int)(strlen(lead) + strlen(title));
  int indent = col + 1;
  /* The required options, then the positional arguments, then the rest. */
  for (int pass = 0; pass < 3; pass++) {
    if (pass == 1) {
      for (int i = 0; i < nargs(c); i++) {
        arg_words(w, sizeof w, &c->args[i]);
        word(f, &col, indent, w);
      }
      continue;
    }
    for (int i = 0; i < nopts(c); i++) {
      const qk_opt *o = &c->opts[i];
      int req = (o->flags & QK_OPT_REQUIRED) != 0;
      if ((o->flags & QK_OPT_HIDDEN) || req != (pass == 0)) continue;
      opt_words(w, sizeof w, o, !req);
      word(f, &col, indent, w);
    }
  }
  fputc('\n', f);
}

void qk_args_print_usage(FILE *f, const qk_command *const *table, const char *prog) {
  for (int i = 0; table[i]; i++) synopsis(f, i ? "       " : "usage: ", table[i], prog);
  fprintf(f, "       %s COMMAND --help    (one command's options in full)\n\n", prog);
  for (int i = 0; table[i]; i++) {
    char title[64];
    snprintf(title, sizeof title, "%s", table[i]->name[0] ? table[i]->name : "(no command)");
    fprintf(f, "  %-18s %s\n", title, table[i]->summary);
  }
}

void qk_args_print_help(FILE *f, const qk_command *c, const char *prog) {
  synopsis(f, "usage: ", c, prog);
  fprintf(f, "\n%s\n", c->summary);
  if (nargs(c)) {
    fputs("\narguments:\n", f);
    for (int i = 0; i < nargs(c); i++) {
      char w[160];
      arg_words(w, sizeof w, &c->args[i]);
      row(f, w, c->args[i].help, "");
    }
  }
  fputs("\noptions:\n", f);
  for (int i = 0; i < nopts(c); i++) {
    const qk_opt *o = &c->opts[i];
    char w[160];
    opt_words(w, sizeof w, o, 0);
    char extra[80] = "";
    if (o->kind == QK_OPT_INT && !(o->flags & QK_OPT_HIDDEN)) snprintf(extra, sizeof extra, "; %.0f..%.0f", o->min, o->max);
    else if (o->kind == QK_OPT_NUM) snprintf(extra, sizeof extra, "; %g..%g", o->min, o->max);
    if (o->flags & QK_OPT_REQUIRED) snprintf(extra + strlen(extra), sizeof extra - strlen(extra), " (required)");
    row(f, w, o->help, extra);
  }
  row(f, "--help, -h", "this text", "");
  fprintf(f, "Every option takes its value as --opt VALUE or --opt=VALUE.\n");
  if (c->notes) fprintf(f, "\n%s\n", c->notes);
}

static int usage_error(const qk_command *c, const char *prog, const char *fmt, va_list ap) {
  char title[128];
  cmd_title(title, sizeof title, prog, c);
  fprintf(stderr, "%s: ", title);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  synopsis(stderr, "usage: ", c, prog);
  fprintf(stderr, "(%s --help for more)\n", title);
  return EXIT_USAGE;
}

static int error_at(const qk_command *c, const char *prog, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int error_at(const qk_command *c, const char *prog, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = usage_error(c, prog, fmt, ap);
  va_end(ap);
  return rc;
}

int qk_args_usage_error(const qk_args *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = usage_error(a->cmd, a->prog, fmt, ap);
  va_end(ap);
  return rc;
}

/* ---- parsing ---- */

static int find_opt(const qk_command *c, const char *name, size_t len) {
  for (int i = 0; i < nopts(c); i++)
    if (strlen(c->opts[i].name) == len && memcmp(c->opts[i].name, name, len) == 0) return i;
  return -1;
}

/* Converts and range-checks a number option. Returns 0 or the usage code. */
static int take_number(const qk_command *c, const char *prog, const qk_opt *o, const char *v, qk_args *a, int k) {
  char *end = NULL;
  errno = 0;
  if (o->kind == QK_OPT_INT) {
    long long n = strtoll(v, &end, 10);
    if (end == v || *end || errno || (double)n < o->min || (double)n > o->max)
      return error_at(c, prog, "--%s wants a whole number from %.0f to %.0f, not '%.60s'", o->name, o->min, o->max, v);
    a->opt[k].i = n;
    a->opt[k].num = (double)n;
  } else {
    double d = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(d) || d < o->min || d > o->max)
      return error_at(c, prog, "--%s wants a number from %g to %g, not '%.60s'", o->name, o->min, o->max, v);
    a->opt[k].num = d;
  }
  return 0;
}

int qk_args_parse(const qk_command *c, const qk_command *const *table, const char *prog, int argc, char **argv,
                  qk_args *a) {
  memset(a, 0, sizeof *a);
  a->cmd = c;
  a->table = table;
  a->prog = prog;
  if (nopts(c) > QK_ARGS_MAX_OPTS) {
    fprintf(stderr, "%s: bug: command '%s' declares more than %d options\n", prog, c->name, QK_ARGS_MAX_OPTS);
    return EXIT_USAGE;
  }
  int options_done = 0;
  for (int i = 0; i < argc; i++) {
    const char *s = argv[i];
    if (!options_done && (!strcmp(s, "--help") || !strcmp(s, "-h"))) {
      if (c->name[0] || !table) qk_args_print_help(stdout, c, prog);
      else { /* the program's own help is the one usage text, then the kiosk's options */
        qk_args_print_usage(stdout, table, prog);
        fputc('\n', stdout);
        qk_args_print_help(stdout, c, prog);
      }
      return -1;
    }
    if (!options_done && !strcmp(s, "--")) {
      options_done = 1;
      continue;
    }
    if (!options_done && s[0] == '-' && s[1]) {
      if (s[1] != '-') return error_at(c, prog, "unknown option %.200s (options are spelt --name)", s);
      const char *name = s + 2, *eq = strchr(name, '=');
      size_t len = eq ? (size_t)(eq - name) : strlen(name);
      int k = find_opt(c, name, len);
      if (k < 0) return error_at(c, prog, "unknown option %.*s", (int)(len > 200 ? 200 : len + 2), s);
      const qk_opt *o = &c->opts[k];
      const char *v;
      if (o->kind == QK_OPT_FLAG) {
        if (eq) return error_at(c, prog, "--%s takes no value", o->name);
        v = "";
      } else if (eq) v = eq + 1;
      else if (i + 1 < argc) v = argv[++i]; /* taken as is, even "-" or "-5" */
      else return error_at(c, prog, "--%s needs a value (%s)", o->name, o->metavar ? o->metavar : "VALUE");
      a->opt[k].set = 1;
      a->opt[k].str = v;
      if ((o->kind == QK_OPT_INT || o->kind == QK_OPT_NUM) && take_number(c, prog, o, v, a, k)) return EXIT_USAGE;
      continue;
    }
    if (a->npos >= max_pos(c)) return error_at(c, prog, "unexpected argument '%.200s'", s);
    a->pos[a->npos++] = s;
  }
  for (int k = 0; k < nopts(c); k++)
    if ((c->opts[k].flags & QK_OPT_REQUIRED) && !a->opt[k].set)
      return error_at(c, prog, "--%s %s is required", c->opts[k].name, c->opts[k].metavar ? c->opts[k].metavar : "");
  if (a->npos < min_pos(c)) return error_at(c, prog, "%s is missing", c->args[a->npos].name);
  return 0;
}

/* How many of argv's leading words name command c (0: not c). */
static int name_words(const qk_command *c, int argc, char **argv) {
  const char *n = c->name;
  int used = 0;
  while (*n) {
    if (used >= argc) return 0;
    size_t len = strcspn(n, " ");
    if (strlen(argv[used]) != len || memcmp(argv[used], n, len) != 0) return 0;
    used++;
    n += len;
    while (*n == ' ') n++;
  }
  return used;
}

/* Commands whose name starts with the word w and a space ("fleet" for
** "fleet init"): a group. */
static int is_group(const qk_command *const *table, const char *w) {
  size_t len = strlen(w);
  for (int i = 0; table[i]; i++)
    if (!strncmp(table[i]->name, w, len) && table[i]->name[len] == ' ') return 1;
  return 0;
}

int qk_args_dispatch(const qk_command *const *table, const char *prog, int argc, char **argv) {
  const qk_command *c = NULL, *own = NULL;
  int used = 0;
  for (int i = 0; table[i]; i++) {
    if (!table[i]->name[0]) {
      own = table[i];
      continue;
    }
    int n = name_words(table[i], argc, argv);
    if (n > used) c = table[i], used = n;
  }
  if (!c && argc > 0 && argv[0][0] != '-' && is_group(table, argv[0])) {
    fprintf(stderr, "%s %s: which one?\n", prog, argv[0]);
    size_t len = strlen(argv[0]);
    for (int i = 0; table[i]; i++)
      if (!strncmp(table[i]->name, argv[0], len) && table[i]->name[len] == ' ') synopsis(stderr, "  ", table[i], prog);
    return EXIT_USAGE;
  }
  if (!c) c = own;
  if (!c) {
    fprintf(stderr, "%s: %s%s is not a command\n", prog, argc ? "" : "(nothing)", argc ? argv[0] : "");
    qk_args_print_usage(stderr, table, prog);
    return EXIT_USAGE;
  }
  qk_args a;
  int rc = qk_args_parse(c, table, prog, argc - used, argv + used, &a);
  if (rc < 0) return 0;
  if (rc) return rc;
  return c->run(&a);
}

/* ---- reading the result ---- */

static int slot(const qk_args *a, const char *name) {
  int k = find_opt(a->cmd, name, strlen(name));
  if (k < 0) {
    fprintf(stderr, "%s: bug: command '%s' reads --%s, which it does not declare\n", a->prog, a->cmd->name, name);
    abort();
  }
  return k;
}

int qk_args_has(const qk_args *a, const char *name) { return a->opt[slot(a, name)].set; }

const char *qk_args_str(const qk_args *a, const char *name) {
  int k = slot(a, name);
  return a->opt[k].set ? a->opt[k].str : NULL;
}

long long qk_args_int(const qk_args *a, const char *name, long long def) {
  int k = slot(a, name);
  return a->opt[k].set ? a->opt[k].i : def;
}

double qk_args_num(const qk_args *a, const char *name, double def) {
  int k = slot(a, name);
  return a->opt[k].set ? a->opt[k].num : def;
}
