# Store room: the SQLite results store (runtime/store/) and its tests
# (tests/store/). Plain C: no SDL, no Lua.
#
# libsodium: argon2id (crypto_pwhash_str) for the admin PIN hash, SHA-256
# for exam content hashes, and randombytes for the kiosk id.
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
include(${CMAKE_CURRENT_SOURCE_DIR}/runtime/prize/prize.cmake) # qk_prize: the code's arithmetic
# libxlsxwriter: the Excel export (xlsx.c), a module of its own
# (${QK_XLSX_MODULE_FILE}, xlsx_module.h) loaded by xlsx_load.c only when a
# workbook is asked for, so a kiosk never maps libxlsxwriter at start.
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)

add_library(qk_store STATIC
  runtime/store/store.c
  runtime/store/stmt.c
  runtime/store/schema.c
  runtime/store/session.c
  runtime/store/query.c
  runtime/store/export.c
  runtime/store/export_options.c
  runtime/store/export_pipe.c
  runtime/store/results.c
  runtime/store/xlsx_load.c
  runtime/store/purge.c
  runtime/store/backup.c
  runtime/store/pin.c
  runtime/store/json.c
  runtime/store/timefmt.c
  runtime/store/cli.c
  runtime/store/migrate_fleet.c
  runtime/store/outbox.c
  runtime/store/prize.c
  runtime/store/prize_cli.c)
target_include_directories(qk_store PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/runtime/store)
# strdup, localtime_r, tm_gmtoff, fsync (also set project-wide; repeated so
# the room builds on its own).
target_compile_definitions(qk_store PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_compile_definitions(qk_store PRIVATE QK_XLSX_MODULE_FILE="${QK_XLSX_MODULE_FILE}")
# Position-independent: the modules link it (the fleet's, the Excel one).
set_target_properties(qk_store PROPERTIES POSITION_INDEPENDENT_CODE ON)
# Threads: the CSV export formats and writes on a second thread (export_pipe.c).
find_package(Threads REQUIRED)
target_link_libraries(qk_store PUBLIC PkgConfig::SQLITE qk_base qk_prize Threads::Threads PRIVATE PkgConfig::SODIUM m)

add_library(qk_xlsx_module MODULE runtime/store/xlsx.c runtime/store/xlsx_module.c)
set_target_properties(qk_xlsx_module PROPERTIES PREFIX "" OUTPUT_NAME quizkiosk-xlsx SUFFIX "${CMAKE_SHARED_MODULE_SUFFIX}"
  C_VISIBILITY_PRESET hidden LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}")
target_compile_definitions(qk_xlsx_module PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
target_link_libraries(qk_xlsx_module PRIVATE qk_store PkgConfig::XLSXWRITER m)
install(TARGETS qk_xlsx_module LIBRARY DESTINATION ${QK_MODULE_INSTALL_DIR})

if(QK_TESTS)
  enable_testing()
  set(QK_STORE_TEST_DIR ${CMAKE_CURRENT_BINARY_DIR}/store-tests)
  set(QK_STORE_TEST_ENV
    "TZ=CST-8"
    "ASAN_OPTIONS=detect_leaks=1"
    "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")

  # Each unit test is one C file under tests/store/ with its own main().
  foreach(t api export purge pin migrate open_errors batch moved backup resume unclean pipe)
    add_executable(qk_store_${t}_test tests/store/${t}_test.c)
    target_link_libraries(qk_store_${t}_test PRIVATE qk_store)
    add_dependencies(qk_store_${t}_test qk_xlsx_module) # the xlsx export loads it
    target_compile_definitions(qk_store_${t}_test PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
    add_test(NAME store_${t} COMMAND qk_store_${t}_test ${QK_STORE_TEST_DIR}/${t})
    set_tests_properties(store_${t} PROPERTIES ENVIRONMENT "${QK_STORE_TEST_ENV}" TIMEOUT 60)
  endforeach()
  # The export against files the store wrote before its streams (export.c).
  add_executable(qk_store_stream_test tests/store/stream_test.c)
  target_link_libraries(qk_store_stream_test PRIVATE qk_store)
  target_compile_definitions(qk_store_stream_test PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
  # Once on one thread, once with the CSV writer thread (export_pipe.c,
  # which otherwise runs only when the load average leaves a core free).
  add_test(NAME store_stream COMMAND qk_store_stream_test ${QK_STORE_TEST_DIR}/stream
    ${CMAKE_CURRENT_SOURCE_DIR}/tests/store/golden)
  set_tests_properties(store_stream PROPERTIES ENVIRONMENT "${QK_STORE_TEST_ENV};QUIZKIOSK_EXPORT_THREADS=1" TIMEOUT 60)
  add_test(NAME store_stream_threads COMMAND qk_store_stream_test ${QK_STORE_TEST_DIR}/stream-threads
    ${CMAKE_CURRENT_SOURCE_DIR}/tests/store/golden)
  set_tests_properties(store_stream_threads PROPERTIES ENVIRONMENT "${QK_STORE_TEST_ENV};QUIZKIOSK_EXPORT_THREADS=2"
    TIMEOUT 60)
  # The export test leaves its files for the Python check of them.
  set_tests_properties(store_export PROPERTIES FIXTURES_SETUP store_export_files)

  find_program(QK_PYTHON3 python3)
  if(QK_PYTHON3)
    add_test(NAME store_export_parse
      COMMAND ${QK_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/tests/store/check_export.py
        ${QK_STORE_TEST_DIR}/export)
    set_tests_properties(store_export_parse PROPERTIES
      FIXTURES_REQUIRED store_export_files ENVIRONMENT "${QK_STORE_TEST_ENV}" TIMEOUT 60)
  endif()

  # The command line, through a driver that is only qk_store_cli, on a
  # database the fixture tool fills with the same demo data as the tests.
  add_executable(qk_store_cli_test tests/store/cli_driver.c)
  target_link_libraries(qk_store_cli_test PRIVATE qk_store)
  add_dependencies(qk_store_cli_test qk_xlsx_module)
  add_executable(qk_store_fixture tests/store/fixture_tool.c)
  target_link_libraries(qk_store_fixture PRIVATE qk_store)
  target_compile_definitions(qk_store_fixture PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
  # The xlsx check needs openpyxl from Debian (python3-openpyxl, .ci/setup):
  # Debian's own python3, not whichever python3 comes first on the PATH.
  find_program(QK_DEBIAN_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
  add_test(NAME store_cli
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/store/cli_test.sh $<TARGET_FILE:qk_store_cli_test>
      $<TARGET_FILE:qk_store_fixture> ${QK_STORE_TEST_DIR}/cli ${QK_PYTHON3} ${QK_DEBIAN_PYTHON3})
  set_tests_properties(store_cli PROPERTIES ENVIRONMENT "${QK_STORE_TEST_ENV}" TIMEOUT 120)
endif()
