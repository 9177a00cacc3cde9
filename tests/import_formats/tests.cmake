# Import formats (issue 13 item 2): importlib (runtime/import) and the
# sheet/QTI modules, on the fixtures in tests/import_formats/fixtures
# (written by make_fixtures.py; both are committed).
add_executable(qk_format_runner tests/import_formats/format_runner.c)
target_link_libraries(qk_format_runner PRIVATE qk_runtime qk_importlib)

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
