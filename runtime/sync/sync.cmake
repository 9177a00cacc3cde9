# Fleet room (issue 12): the sync worker and the fleet commands, on libpq.
# libpq: PostgreSQL's own client library, with pipeline mode (PG 14+) for
# one round trip per batch and LISTEN/NOTIFY for the live leaderboard.
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
find_package(Threads REQUIRED)

add_library(qk_sync STATIC
  runtime/sync/central.c
  runtime/sync/central_schema.c
  runtime/sync/worker.c
  runtime/sync/fleet_ops.c
  runtime/sync/fleet_cli.c
  runtime/sync/kiosk_hook.c
  runtime/sync/bundle.c
  runtime/sync/pull.c)
target_include_directories(qk_sync PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/runtime/sync)
target_compile_definitions(qk_sync PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE
  QK_VERSION="${PROJECT_VERSION}")
target_link_libraries(qk_sync PUBLIC qk_store PkgConfig::LIBPQ Threads::Threads)
