# Fleet room (issue 12): the sync worker and the fleet commands, on libpq.
# libpq: PostgreSQL's own client library, with pipeline mode (PG 14+) for
# one round trip per batch and LISTEN/NOTIFY for the live leaderboard.
#
# libpq pulls in libssl, libcrypto, Kerberos, LDAP, SASL, GnuTLS...: the
# fleet is a shared module (${QK_SYNC_MODULE_FILE}, sync_module.h) that the
# program loads only when a kiosk has a sync server configured or a fleet
# command runs. The program links qk_sync_client (the commands' declarations
# and the calls the kiosk makes, forwarding to the module: sync_load.h);
# the module and the fleet's C tests link qk_sync itself.
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
set_target_properties(qk_sync PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(qk_sync PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/runtime/sync)
target_compile_definitions(qk_sync PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE
  QK_VERSION="${PROJECT_VERSION}")
target_link_libraries(qk_sync PUBLIC qk_store PkgConfig::LIBPQ Threads::Threads)

add_library(qk_sync_module MODULE runtime/sync/sync_module.c)
set_target_properties(qk_sync_module PROPERTIES PREFIX "" OUTPUT_NAME quizkiosk-sync SUFFIX "${CMAKE_SHARED_MODULE_SUFFIX}"
  C_VISIBILITY_PRESET hidden LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}")
target_link_libraries(qk_sync_module PRIVATE qk_sync)
install(TARGETS qk_sync_module LIBRARY DESTINATION ${QK_MODULE_INSTALL_DIR})

add_library(qk_sync_client STATIC
  runtime/sync/sync_load.c
  runtime/sync/fleet_cmds.c)
target_include_directories(qk_sync_client PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/runtime/sync)
target_compile_definitions(qk_sync_client PRIVATE QK_SYNC_MODULE_FILE="${QK_SYNC_MODULE_FILE}")
target_link_libraries(qk_sync_client PUBLIC qk_store qk_base)
