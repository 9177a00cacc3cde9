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

# A database with the same prize codes on every run (fixed key and UUIDs).
add_executable(qk_prize_fixture tests/prize/fixture_tool.c)
target_link_libraries(qk_prize_fixture PRIVATE qk_store PkgConfig::SQLITE)
target_compile_definitions(qk_prize_fixture PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)

# The QR drawn on screen against libqrencode's own matrix, pixel by pixel
# (no QR reader is installed: no zbarimg, no python3 zbar).
add_executable(qk_prize_qr_check tests/prize/qr_check.c)
target_link_libraries(qk_prize_qr_check PRIVATE PkgConfig::SDL2 PkgConfig::SDL2_IMG PkgConfig::QRENCODE)

# An app: prize.issue, its refusals, the sandbox, ui.qr at four sizes.
add_test(NAME prize_app COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/prize/app_test.sh $<TARGET_FILE:quizkiosk>
  $<TARGET_FILE:qk_prize_qr_check> ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/prize-tests/app)
set_tests_properties(prize_app PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 300)

# quizkiosk prize list|check|redeem.
add_test(NAME prize_cli COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/prize/cli_test.sh $<TARGET_FILE:quizkiosk>
  $<TARGET_FILE:qk_prize_fixture> ${CMAKE_CURRENT_BINARY_DIR}/prize-tests/cli)
set_tests_properties(prize_cli PROPERTIES ENVIRONMENT "${QK_TEST_ENV};TZ=CST-8" TIMEOUT 120)

# The staff screen's prize view at the four sizes, with reference images.
foreach(size 800x480 1280x800 1080x1920 3840x2160)
  add_test(NAME prize_staff_look_${size} COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/prize/staff_look.sh
    $<TARGET_FILE:quizkiosk> $<TARGET_FILE:qk_prize_fixture> $<TARGET_FILE:qk_imgdiff> ${CMAKE_CURRENT_SOURCE_DIR}
    ${CMAKE_CURRENT_BINARY_DIR}/prize-tests/staff_${size} ${size})
  set_tests_properties(prize_staff_look_${size} PROPERTIES ENVIRONMENT "${QK_TEST_ENV};TZ=CST-8" TIMEOUT 300)
endforeach()
