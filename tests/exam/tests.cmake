# The exam model (kiosk.exam.session) and the recorder, as Lua unit tests
# with a fake clock: milliseconds, no process, no screen, no database.
qk_lua_test(exam_session tests/exam/session_test.lua)
qk_lua_test(exam_recorder tests/exam/recorder_test.lua)
qk_lua_test(exam_bank tests/exam/bank_test.lua)
# The README's "a new mode" and "a new question type" examples, run from the README.
add_test(NAME exam_readme COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/exam/readme_test.sh $<TARGET_FILE:qk_lua_runner> $<TARGET_FILE:quizkiosk>
     ${CMAKE_CURRENT_SOURCE_DIR}
     ${CMAKE_CURRENT_BINARY_DIR}/exam-readme)
set_tests_properties(exam_readme PROPERTIES TIMEOUT 60)
# The big banks' tests below: the sanitizer build runs every allocation
# through ASan, several times slower: there they run with a 2 s time limit,
# for ASan's and UBSan's checks of the path; the default limits are the
# release build's to show.
if(QK_SANITIZE)
  set(QK_BIG_BANK_ARGS "--time-limit 2000")
else()
  set(QK_BIG_BANK_ARGS "")
endif()
# The script cap's message, and a 10,000-question bank in one file (its
# main chunk builds and checks all 10,000 in one call: under the sanitizers
# that call alone took more than the default 250 ms, as the big bank's did).
add_test(NAME exam_cap COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/exam/cap_test.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_BINARY_DIR}/exam-cap
     "${QK_BIG_BANK_ARGS}")
set_tests_properties(exam_cap PROPERTIES TIMEOUT 120)
# A 100,000-question bank through the real kiosk (issue 11 item 4): with the
# default limits, in 40 parts, a full paper and a drawn one, two sessions in
# one database. Functional only (bench/banks times it).
add_test(NAME exam_big_bank COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/exam/big_bank_test.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_BINARY_DIR}/exam-big-bank
     "${QK_BIG_BANK_ARGS}")
set_tests_properties(exam_big_bank PROPERTIES TIMEOUT 300)
# The option texts the kiosk records for the exports (store.questions reads
# the set in C): every question as written, the completeness mark, the
# answer after them, the export's option text.
add_test(NAME exam_texts COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/exam/texts_test.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_BINARY_DIR}/exam-texts)
set_tests_properties(exam_texts PROPERTIES TIMEOUT 60)
