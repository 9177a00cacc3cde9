# Import formats (issue 13 item 2): importlib (runtime/import) and the
# sheet/QTI modules, on the fixtures in tests/import_formats/fixtures
# (written by make_fixtures.py; both are committed).
add_executable(qk_format_runner tests/import_formats/format_runner.c)
target_link_libraries(qk_format_runner PRIVATE qk_lua_tests qk_runtime qk_importlib)

# qk_format_test(NAME FILE): FILE's test* functions with importlib and fixture.load.
function(qk_format_test name file)
  add_test(NAME ${name}
    COMMAND qk_format_runner ${CMAKE_CURRENT_SOURCE_DIR}/${file} ${CMAKE_CURRENT_SOURCE_DIR}/scripts
      ${CMAKE_CURRENT_SOURCE_DIR}/tests/import_formats/fixtures)
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 120)
endfunction()

qk_format_test(import_formats_importlib tests/import_formats/importlib_test.lua)
qk_format_test(import_formats_sheet tests/import_formats/sheet_test.lua)
qk_format_test(import_formats_qti tests/import_formats/qti_test.lua)
qk_format_test(import_formats_malformed tests/import_formats/malformed_test.lua)

# End to end, the way a trainer does it (tests/import/fixture.sh, import-core's
# script): `quizkiosk new APP --from FIXTURE`, `quizkiosk check APP`, a replay
# through the whole exam, and the stored session's "status|score|max_score".
function(qk_format_e2e name fixture replay expected)
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
      sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/import/fixture.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}
      ${CMAKE_CURRENT_BINARY_DIR}/import_formats ${name}
      ../../import_formats/fixtures/${fixture} ../import_formats/${replay} ${expected})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
endfunction()

qk_format_e2e(import_formats_e2e_xlsx questions_sst.xlsx sheet_bank.replay "completed|7.0|17.0")
qk_format_e2e(import_formats_e2e_csv_gbk questions_gbk.csv sheet_bank.replay "completed|7.0|17.0")
qk_format_e2e(import_formats_e2e_csv_bom questions_bom.csv sheet_bank.replay "completed|7.0|17.0")
qk_format_e2e(import_formats_e2e_docx questions.docx docx.replay "completed|5.0|7.0")
qk_format_e2e(import_formats_e2e_qti21 qti21_package.zip qti21.replay "completed|1.0|4.0")
qk_format_e2e(import_formats_e2e_qti30 qti30_package.zip qti30.replay "completed|3.0|5.0")

# The malformed fixtures through the real command (and, in the sanitizer
# build, under ASan/UBSan): a located message and exit status 1, no crash.
add_test(NAME import_formats_malformed_cli
  COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
    sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/import_formats/malformed_cli.sh $<TARGET_FILE:quizkiosk>
    ${CMAKE_CURRENT_SOURCE_DIR}/tests/import_formats/fixtures ${CMAKE_CURRENT_BINARY_DIR}/import_formats/malformed)
set_tests_properties(import_formats_malformed_cli PROPERTIES TIMEOUT 300)

# The README's samples for these formats, and its example format module.
add_test(NAME import_formats_readme
  COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
    python3 ${CMAKE_CURRENT_SOURCE_DIR}/tests/import_formats/readme_samples.py $<TARGET_FILE:quizkiosk>
    ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/import_formats/readme)
set_tests_properties(import_formats_readme PROPERTIES TIMEOUT 120)
