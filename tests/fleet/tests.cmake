# Fleet room (issue 12): the store's outbox and migration, the sync worker
# against a real PostgreSQL 15, the fleet commands.
add_executable(qk_fleet_outbox_test tests/fleet/outbox_test.c)
target_include_directories(qk_fleet_outbox_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/runtime/store)
target_link_libraries(qk_fleet_outbox_test PRIVATE qk_store PkgConfig::SQLITE)
target_compile_definitions(qk_fleet_outbox_test PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
add_test(NAME fleet_outbox COMMAND qk_fleet_outbox_test ${CMAKE_CURRENT_SOURCE_DIR}
  ${CMAKE_CURRENT_BINARY_DIR}/fleet-tests/outbox)
set_tests_properties(fleet_outbox PROPERTIES ENVIRONMENT "TZ=UTC;ASAN_OPTIONS=detect_leaks=1" TIMEOUT 120)

# A scripted kiosk: the runtime's store calls, batches and sync thread.
add_executable(qk_fleet_kiosk tests/fleet/kiosk_sim.c)
target_link_libraries(qk_fleet_kiosk PRIVATE qk_sync qk_store)
target_compile_definitions(qk_fleet_kiosk PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)

# Three kiosks, a real PostgreSQL 15 broken in every way the issue lists.
add_test(NAME fleet_sync COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/fleet/fleet_test.sh
  $<TARGET_FILE:quizkiosk> $<TARGET_FILE:qk_fleet_kiosk> ${CMAKE_CURRENT_BINARY_DIR}/fleet-tests/sync)
set_tests_properties(fleet_sync PROPERTIES ENVIRONMENT "TZ=UTC;ASAN_OPTIONS=detect_leaks=1" TIMEOUT 600)

# The staff screen's fleet line (scripts/kiosk/admin).
add_test(NAME fleet_admin COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/fleet/admin_sync.sh $<TARGET_FILE:quizkiosk>
  ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/shots/fleet_admin)
set_tests_properties(fleet_admin PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 180)

add_executable(qk_fleet_conninfo_test tests/fleet/conninfo_test.c)
target_link_libraries(qk_fleet_conninfo_test PRIVATE qk_sync)
target_compile_definitions(qk_fleet_conninfo_test PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
add_test(NAME fleet_conninfo COMMAND qk_fleet_conninfo_test ${CMAKE_CURRENT_BINARY_DIR}/fleet-tests/conninfo)
set_tests_properties(fleet_conninfo PROPERTIES ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1" TIMEOUT 30)

# The real kiosk (quizkiosk --sync) replaying the trade fair game.
add_test(NAME fleet_kiosk COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/fleet/kiosk_replay.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}
    ${CMAKE_CURRENT_BINARY_DIR}/fleet-tests/kiosk)
set_tests_properties(fleet_kiosk PROPERTIES TIMEOUT 300)

# Question sets published centrally, pulled between candidates (quizkiosk publish).
add_test(NAME fleet_publish COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/fleet/publish.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}
    ${CMAKE_CURRENT_BINARY_DIR}/fleet-tests/publish)
set_tests_properties(fleet_publish PROPERTIES TIMEOUT 600)

# Records the server refuses for their content: set aside, listed, counted
# on the staff screen, resent; a server failing for itself refuses nothing.
add_test(NAME fleet_refuse COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV} "ASAN_OPTIONS=detect_leaks=1"
  bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/fleet/refuse.sh $<TARGET_FILE:quizkiosk> $<TARGET_FILE:qk_fleet_kiosk>
    ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/fleet-tests/refuse)
set_tests_properties(fleet_refuse PROPERTIES TIMEOUT 300)
