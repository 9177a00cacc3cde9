/*
** args.h — the one command-line parser of quizkiosk, for the kiosk itself
** and every subcommand. A command is declared, not parsed by hand: one
** qk_command value names it, says what it is for, lists its options (kind,
** metavar, one line of help) and its positional arguments, and points at
** the function that runs it. From those declarations the parser
**   - accepts `--opt VALUE` and `--opt=VALUE` for every option, `--` to end
**     the options, `-` as an ordinary argument (stdout/stdin);
**   - checks required options, numbers and their ranges, and the count of
**     positional arguments, with one style of message;
**   - prints the program's one usage text (every command's synopsis) and
**     each command's own help (`quizkiosk export --help`).
** Exit codes everywhere: 0 done, 1 failed, 2 wrong usage.
**
** Adding a subcommand (say `quizkiosk import FILE... --db FILE [--dry-run]`):
** in the file that implements it,
**
**     #include "args.h"
**
**     static int run_import(const qk_args *a) {
**       const char *db = qk_args_str(a, "db");          // required: never NULL
**       int dry = qk_args_has(a, "dry-run");
**       for (int i = 0; i < a->npos; i++) import_one(db, a->pos[i], dry);
**       return 0;                                        // 0 ok, 1 failed
**     }
**
**     static const qk_opt import_opts[] = {
**       QK_STR("db", "FILE", "the results database", QK_OPT_REQUIRED),
**       QK_FLAG("dry-run", "check only, change nothing"),
**       QK_INT("limit", "N", "at most N questions", 0, 1, 100000),
**       QK_OPT_END};
**     static const qk_posarg import_args[] = {
**       {"FILE", "question files to import", QK_ARG_MANY}, {0}};
**     const qk_command qk_cmd_import = {
**       "import", "import question sets", import_opts, import_args, run_import,
**       NULL};   // last: an optional paragraph for its --help
**
** declare `extern const qk_command qk_cmd_import;` in that module's header,
** and add `&qk_cmd_import,` to the program's table in runtime/cli.c. A
** command of two words ("fleet init") is named with its space; `quizkiosk
** fleet` alone then lists the fleet commands. A usage error found by the run
** function itself goes through qk_args_usage_error (same message style,
** exit 2).
*/
#ifndef QK_ARGS_H
#define QK_ARGS_H

#include <stdio.h>

typedef enum {
  QK_OPT_FLAG, /* --name, no value */
  QK_OPT_STR,  /* --name VALUE, any text */
  QK_OPT_INT,  /* --name N, a whole number within [min, max] */
  QK_OPT_NUM   /* --name X, a number within [min, max] */
} qk_opt_kind;

enum {
  QK_OPT_REQUIRED = 1, /* the command cannot run without it */
  QK_OPT_HIDDEN = 2    /* left out of the synopsis (set by tools, not people); its help still lists it */
};

typedef struct {
  const char *name;    /* without the dashes: "db" is --db */
  qk_opt_kind kind;
  const char *metavar; /* the value's name in help ("FILE"); NULL for flags */
  const char *help;    /* one line */
  unsigned flags;      /* QK_OPT_REQUIRED, QK_OPT_HIDDEN */
  double min, max;     /* QK_OPT_INT and QK_OPT_NUM: the allowed range */
} qk_opt;

enum {
  QK_ARG_OPTIONAL = 1, /* may be left out (only trailing ones) */
  QK_ARG_MANY = 2      /* the last one only: one or more (zero or more with QK_ARG_OPTIONAL) */
};

typedef struct {
  const char *name; /* "APP_DIR" */
  const char *help; /* one line */
  unsigned flags;   /* QK_ARG_OPTIONAL, QK_ARG_MANY */
} qk_posarg;

typedef struct qk_args qk_args;

typedef struct qk_command {
  const char *name;       /* "export", "fleet init"; "" = the program run without a subcommand */
  const char *summary;    /* one line: what it does */
  const qk_opt *opts;     /* ends with {0}; NULL = none */
  const qk_posarg *args;  /* ends with {0}; NULL = none */
  int (*run)(const qk_args *a); /* returns the exit code */
  const char *notes;      /* optional: a paragraph after the options in its help */
} qk_command;

/* Table rows (positional initializers would trip -Wmissing-field-initializers). */
#define QK_FLAG(name, help) {name, QK_OPT_FLAG, NULL, help, 0, 0, 0}
#define QK_STR(name, metavar, help, flags) {name, QK_OPT_STR, metavar, help, flags, 0, 0}
#define QK_INT(name, metavar, help, flags, min, max) {name, QK_OPT_INT, metavar, help, flags, min, max}
#define QK_NUM(name, metavar, help, flags, min, max) {name, QK_OPT_NUM, metavar, help, flags, min, max}
#define QK_OPT_END {NULL, QK_OPT_FLAG, NULL, NULL, 0, 0, 0}

#define QK_ARGS_MAX_OPTS 40
#define QK_ARGS_MAX_POS 64

/* What the parser found, handed to the command's run function. */
struct qk_args {
  const qk_command *cmd;
  const qk_command *const *table; /* the program's commands (for help texts) */
  const char *prog;               /* "quizkiosk" */
  struct {
    int set;         /* given on the command line */
    const char *str; /* its text as given ("" for flags) */
    long long i;     /* QK_OPT_INT */
    double num;      /* QK_OPT_NUM (QK_OPT_INT too) */
  } opt[QK_ARGS_MAX_OPTS];        /* in the order of cmd->opts */
  const char *pos[QK_ARGS_MAX_POS];
  int npos;
};

/* Finds the command named by argv[0] (words of a two-word name: argv[0],
** argv[1]) in table (NULL-terminated), or the program's own command (name
** "") when argv[0] is not a command, parses the rest and runs it. argv holds
** the arguments after the program name. Returns the exit code: the run
** function's, 0 after --help, 2 on a usage error (message on stderr). */
int qk_args_dispatch(const qk_command *const *table, const char *prog, int argc, char **argv);

/* Parses argv (the arguments after the command's name) for cmd into a.
** Returns 0, or 2 after printing a usage error, or -1 after printing help
** (--help/-h: the caller exits 0). */
int qk_args_parse(const qk_command *cmd, const qk_command *const *table, const char *prog, int argc,
                  char **argv, qk_args *a);

/* The value of option `name` (declared by a->cmd; asking for an undeclared
** one is a programming error and aborts with a message). */
int qk_args_has(const qk_args *a, const char *name);
const char *qk_args_str(const qk_args *a, const char *name);             /* NULL when absent */
long long qk_args_int(const qk_args *a, const char *name, long long def); /* def when absent */
double qk_args_num(const qk_args *a, const char *name, double def);       /* def when absent */

/* Prints "PROG CMD: <message>", the command's synopsis and where to read
** more, to stderr. Returns 2 (the usage exit code) for `return qk_args_usage_error(...)`. */
int qk_args_usage_error(const qk_args *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The program's usage text: every command's synopsis, then one line each. */
void qk_args_print_usage(FILE *f, const qk_command *const *table, const char *prog);
/* One command's help: synopsis, summary, arguments, options, notes. */
void qk_args_print_help(FILE *f, const qk_command *cmd, const char *prog);

#endif
