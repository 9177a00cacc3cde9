# Question-bank import (issue 13 items 1-5): the format parsers and checks
# on small texts (formats_test.lua); the seeds' round trips against the
# bundled cs_specialist and cs_manager; each text-format fixture taken from
# file to a running kiosk (`new`, `check`, a replay with a known score,
# the stored session read back); malformed inputs with located messages.
qk_lua_test(import_formats tests/import/formats_test.lua)

add_test(NAME import_roundtrip
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/import/roundtrip.sh $<TARGET_FILE:quizkiosk>
    $<TARGET_FILE:qk_lua_runner> ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/import/roundtrip)
set_tests_properties(import_roundtrip PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 120)

add_test(NAME import_malformed
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/import/malformed.sh $<TARGET_FILE:quizkiosk>
    ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/import/malformed)
set_tests_properties(import_malformed PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 600) # the 5 MB document under ASan

# qk_import_fixture(NAME FIXTURE REPLAY EXPECTED): fixture → `new` → `check` →
# replay → the stored session is EXPECTED ("status|score|max_score").
function(qk_import_fixture name fixture replay expected)
  add_test(NAME ${name}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/import/fixture.sh $<TARGET_FILE:quizkiosk>
      ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/import/apps ${name} ${fixture} ${replay} ${expected})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 300)
endfunction()

qk_import_fixture(import_gift bank.gift gift_mix.replay "completed|3.0|4.0")
qk_import_fixture(import_aiken bank.aiken aiken_mix.replay "completed|2.0|3.0")
qk_import_fixture(import_wjx wjx.txt wjx_correct.replay "completed|4.0|4.0")
qk_import_fixture(import_doc paper.txt paper_mix.replay "completed|11.0|18.0")

add_test(NAME import_readme
  COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/tests/import/readme_test.py $<TARGET_FILE:quizkiosk>
    ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/import/readme)
set_tests_properties(import_readme PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 60)
