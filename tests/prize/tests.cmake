# Prize room (issue 15 item 3): the prize code's arithmetic, the store's
# table and migration, the command line, the sandbox, gfx.qr against
# libqrencode's matrix, and the staff screen's prize view.
add_executable(qk_prize_code_test tests/prize/code_test.c)
target_link_libraries(qk_prize_code_test PRIVATE qk_prize PkgConfig::SODIUM)
add_test(NAME prize_code COMMAND qk_prize_code_test)
set_tests_properties(prize_code PROPERTIES ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1" TIMEOUT 60)

add_executable(qk_prize_store_test tests/prize/store_test.c)
target_include_directories(qk_prize_store_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/tests/store)
target_link_libraries(qk_prize_store_test PRIVATE qk_store PkgConfig::SQLITE)
target_compile_definitions(qk_prize_store_test PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
add_test(NAME prize_store COMMAND qk_prize_store_test ${CMAKE_CURRENT_SOURCE_DIR}
  ${CMAKE_CURRENT_BINARY_DIR}/prize-tests/store)
set_tests_properties(prize_store PROPERTIES ENVIRONMENT "TZ=CST-8;ASAN_OPTIONS=detect_leaks=1" TIMEOUT 120)
