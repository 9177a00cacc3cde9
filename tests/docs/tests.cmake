# The README's Lua examples run as written.
add_test(NAME docs_readme_examples COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/docs/readme_examples.sh
  $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}/README.md)
set_tests_properties(docs_readme_examples PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 60)

# The README's API tables and the modules' declarations (quizkiosk --api) agree.
add_test(NAME docs_api_readme COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/docs/api_readme.sh
  $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}/README.md)
set_tests_properties(docs_api_readme PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 60)
