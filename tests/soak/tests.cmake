# Soak: many trade-fair visitors in one process, each with a fresh VM; the
# memory the process holds must not grow after warm-up (tests/soak/soak.sh).
# Pass/fail on heap bytes counted inside the process (not on time, not on
# RSS). The full 1,000-visitor run is bench/soak.sh (bench/README.md).
#
# Release build: 100 visitors (about 30-50 s), growth measured from visitor
# 40 to 100 — a leak of the size issue 9 found (16 KB a visitor) would be
# 960 KiB; what grows today is SQLite's page cache following the database
# (about 2.2 KB a visitor, bounded at 2 MB), 130 KiB.
# Sanitizer build: ten times slower, so 20 visitors, measured from 5 to 20
# with ASan's own allocation counter (mallinfo2 cannot see ASan's heap):
# within 128 KiB (measured: +3 KiB; 16 KB a visitor would be 240 KiB), and
# LeakSanitizer checks the exit as well.
if(QK_SANITIZE)
  set(QK_SOAK_ARGS 20 5 5 128)
else()
  set(QK_SOAK_ARGS 100 20 40 512)
endif()
add_test(NAME soak_fair_visitors COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/soak/soak.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}
     ${CMAKE_CURRENT_BINARY_DIR}/soak ${QK_SOAK_ARGS})
set_tests_properties(soak_fair_visitors PROPERTIES TIMEOUT 300)
