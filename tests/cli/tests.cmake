# The one command-line parser (runtime/base/args.h) on its own, and the
# quizkiosk command's commands through it (cli_test.sh).
add_executable(qk_args_test tests/cli/args_test.c)
target_link_libraries(qk_args_test PRIVATE qk_base)
add_test(NAME cli_args COMMAND qk_args_test)

add_test(NAME cli_program COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli/cli_test.sh
  $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}/README.md ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(cli_program PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 120)

# The one JSON codec and UTF-8 decoder (runtime/base), on their own.
add_executable(qk_codec_test tests/cli/codec_test.c)
target_link_libraries(qk_codec_test PRIVATE qk_base)
add_test(NAME cli_codec COMMAND qk_codec_test)
