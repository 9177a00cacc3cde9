# Fuzzing: libFuzzer harnesses for the replay parser, the Lua and store JSON
# codecs and the question-set loader, built with clang by their own small
# project (tests/fuzz/CMakeLists.txt; the main build is gcc). 20 s each from
# CTest. Registered in the release build only: the harnesses carry ASan and
# UBSan themselves, so the sanitizer build would run the same thing twice.
# Longer runs: tests/fuzz/run.sh SRC WORK SECONDS (bench/README.md).
if(NOT QK_SANITIZE)
  add_test(NAME fuzz_parsers COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
    bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/fuzz/run.sh ${CMAKE_CURRENT_SOURCE_DIR}
      ${CMAKE_CURRENT_BINARY_DIR}/fuzz 20)
  set_tests_properties(fuzz_parsers PROPERTIES TIMEOUT 600)
endif()
