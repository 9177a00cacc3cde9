/*
** fuzz_set.c — libFuzzer harness for the question-set loader (kiosk.exam,
** in Lua): the input is a set file, run in the same sandboxed VM the apps
** get (runtime/lua/host.h, as tests/lua_runner.c makes it) by the app in
** tests/fuzz/set_app: it loads the text as a set file (first byte even) or
** as the inside of `exam.set { ... }` (odd), and when a set comes out,
** fingerprints it, draws a paper and scores an empty session. Script
** errors are the loader doing its job; what counts is a crash or a
** sanitizer report in the C underneath. A VM stopped by a limit (an
** endless loop in the input) is replaced for the next input.
** The Lua interpreter itself is not instrumented, so coverage guides the
** fuzzer only through the host's C code; the seeds (the bundled sets) do
** the rest.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <lauxlib.h>

#include "api.h"
#include "host.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t fake_now(void *ctx) {
  (void)ctx;
  return 0;
}
static void quiet(void *ctx, const char *msg) {
  (void)ctx;
  (void)msg;
}

static qk_host *host;

static qk_host *new_host(void) {
  static const qk_api_module modules[] = {{"json", qk_open_json}};
  qk_host_config cfg = {
    .app_dir = QK_SOURCE_DIR "/tests/fuzz/set_app", .lib_dir = QK_SOURCE_DIR "/scripts",
    .app_name = "fuzz", .now = fake_now, .log = quiet, .time_limit_ms = 1000,
    .mem_limit = 32u << 20, .modules = modules, .nmodules = 1,
  };
  char err[4096];
  qk_host *h = qk_host_new(&cfg, err, sizeof err);
  if (!h) {
    fprintf(stderr, "fuzz_set: cannot start the harness app: %s\n", err);
    abort();
  }
  return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!host) host = new_host();
  lua_State *L = qk_host_state(host);
  qk_host_push_app(host);
  lua_pushlstring(L, (const char *)data, size);
  lua_setfield(L, -2, "input");
  lua_pop(L, 1);
  if (qk_host_call(host, "fuzz") != 0 && qk_host_dead(host)) {
    qk_host_free(host);
    host = NULL;
  }
  return 0;
}
